# SPDX-License-Identifier: GPL-2.0
#
# Helpers for the netns tests, sourced on the host and inside the test VM
# (under bash: busybox ash would run its own applets instead of the real
# ip, iptables, ...).
#
#   lib_init vm/counters     names the test in its PASS:/FAIL: lines
#   pass MSG / fail MSG / skip MSG
#   ns_new VAR               a netns with a random suffix, removed on exit
#   topo_create              client <-> gw <-> server, see the drawing below
#   client/gw/server CMD     run CMD in that namespace of the last topology
#   bg LOG CMD...            a background job, killed on exit; stop PID
#   busywait MS CMD...       retry CMD until it succeeds or MS pass
#   wait_log FILE REGEX      a line in a log file (a daemon said "ready")
#   wait_listener NS PORT    a TCP listener in a namespace
#   check_eq WHAT GOT WANT   PASS or FAIL naming both values
#   oneline TEXT             a log's lines joined, to quote in a message
#   lib_done                 exit 1 if anything failed, else 0
#
# Nothing sleeps for a fixed time to let things settle: every wait polls
# for the condition it needs and fails, naming it, when time runs out.

lib_name="test"
lib_failed=0
lib_nss=()
lib_pids=()
lib_tmp=

lib_init() {
	lib_name=$1
	lib_tmp=$(mktemp -d /tmp/appfw-test.XXXXXX)
	trap lib_cleanup EXIT
	trap 'exit 1' INT TERM
}

pass() { echo "PASS: $lib_name: $*"; }
fail() {
	echo "FAIL: $lib_name: $*"
	lib_failed=1
}

# A test that cannot run is a failure in CI, where every prerequisite is
# supposed to be installed: a skip there would hide a broken setup.
skip() {
	if [[ ${CI:-} == true ]]; then
		fail "$* (not allowed to skip under CI=true)"
	else
		echo "SKIP: $lib_name: $*"
	fi
}

lib_done() {
	exit "$lib_failed"
}

lib_cleanup() {
	local pid ns

	for pid in "${lib_pids[@]}"; do
		kill -TERM -- "-$pid" 2>/dev/null
	done
	for pid in "${lib_pids[@]}"; do
		busywait 2000 lib_gone "$pid" || kill -KILL -- "-$pid" 2>/dev/null
		# Reaped here, bash's "Killed" notice goes nowhere.
		{ wait "$pid"; } 2>/dev/null
	done
	for ns in "${lib_nss[@]}"; do
		ip netns del "$ns" 2>/dev/null
	done
	[[ $lib_tmp ]] && rm -rf "$lib_tmp"
}

lib_gone() { ! kill -0 "$1" 2>/dev/null; }

# busywait MS CMD...: CMD until it succeeds, at most MS milliseconds
# (times APPFW_TIME_SCALE, which a slower kernel sets: the debug tier's).
busywait() {
	local timeout=$(($1 * ${APPFW_TIME_SCALE:-1})) start now

	shift
	start=$(lib_ms)
	while :; do
		"$@" && return 0
		now=$(lib_ms)
		((now - start >= timeout)) && return 1
		lib_sleep 0.05
	done
}

# lib_sleep SECONDS: a sleep without a process, which under TCG costs more
# than the sleep itself: read times out on a pipe nobody writes to.
lib_sleep() {
	[[ ${lib_sleep_fd:-} ]] || exec {lib_sleep_fd}<> <(:)
	read -rt "$1" -u "$lib_sleep_fd"
}

lib_ms() {
	local up

	read -r up _ </proc/uptime
	echo $((${up/./} * 10))
}

# wait_log FILE REGEX [MS]: a line matching REGEX appears in FILE.
wait_log() {
	busywait "${3:-10000}" grep -sqE -- "$2" "$1"
}

lib_listening() {
	local ns=$1 port st local_addr

	port=$(printf '%04X' "$2")
	while read -r _ local_addr _ st _; do
		[[ $local_addr == *:"$port" && $st == 0A ]] && return 0
	done < <(in_ns "$ns" cat /proc/net/tcp /proc/net/tcp6)
	return 1
}

# wait_listener NS PORT [MS]: something listens on TCP PORT in NS.
wait_listener() {
	busywait "${3:-10000}" lib_listening "$1" "$2"
}

# bg LOG CMD...: start CMD (a command or a function) in the background,
# stdout and stderr to LOG; sets $! as usual. The job gets a process group
# of its own (set -m), so that signals reach the real program behind
# wrappers like `client`, and so that nothing of it outlives the test.
# The job's shell only notes a signal (trap :), so the job's exit status
# is the program's own, as stop reports it.
bg() {
	local log=$1

	shift
	set -m
	(
		trap : TERM INT
		"$@"
	) >"$log" 2>&1 &
	set +m
	lib_pids+=($!)
}

# stop PID [SIGNAL]: signal a job started with bg and wait for it; returns
# its exit status.
stop() {
	kill "-${2:-TERM}" -- "-$1" 2>/dev/null
	{ wait "$1"; } 2>/dev/null
}

# ns_new VAR: create a namespace named after VAR plus a random suffix, with
# lo up, and store its name in VAR.
ns_new() {
	local name

	name="$1-$(printf '%04x%04x' $RANDOM $RANDOM)"
	ip netns add "$name" || return 1
	lib_nss+=("$name")
	ip -n "$name" link set lo up
	printf -v "$1" '%s' "$name"
}

# in_ns NS CMD...: CMD in NS. nsenter switches only the network namespace;
# `ip netns exec` also builds a mount namespace and remounts /sys, which
# costs a tenth of a second per command under TCG.
in_ns() {
	local ns=$1 rc i

	shift
	nsenter "--net=/run/netns/$ns" "$@"
	rc=$?
	# A program that is not there is a test bug (tests/cnf.sh), named
	# where the test asked for it, not here.
	if ((rc == 127)) && declare -F cnf_record >/dev/null &&
		! type -P -- "$1" >/dev/null; then
		for ((i = 1; i < ${#BASH_SOURCE[@]} - 1; i++)); do
			[[ ${BASH_SOURCE[i]} == */lib.sh ]] || break
		done
		cnf_record "$1" "${BASH_SOURCE[i]}:${BASH_LINENO[i - 1]}"
	fi
	return "$rc"
}

#   client                    gw                         server
#   eth0 --------------- c0     s0 ------------------- eth0
#   192.0.2.2/24     192.0.2.1   198.51.100.1     198.51.100.2/24
#   2001:db8:1::2/64 2001:db8:1::1 2001:db8:2::1  2001:db8:2::2/64
#
# gw forwards both families; client and server route everything via gw.
# Neighbours are static (fixed MACs, permanent entries), so that no host
# sends neighbour discovery or ARP on its own during a test: counters see
# only the traffic the test makes.
CLIENT4=192.0.2.2
GW4_C=192.0.2.1
GW4_S=198.51.100.1
SERVER4=198.51.100.2
CLIENT6=2001:db8:1::2
GW6_C=2001:db8:1::1
GW6_S=2001:db8:2::1
SERVER6=2001:db8:2::2
MAC_GW_C=02:00:5e:00:01:01
MAC_CLIENT=02:00:5e:00:01:02
MAC_GW_S=02:00:5e:00:02:01
MAC_SERVER=02:00:5e:00:02:02

client() { in_ns "$ns_client" "$@"; }
gw() { in_ns "$ns_gw" "$@"; }
server() { in_ns "$ns_server" "$@"; }

# topo_create: build the topology above into new namespaces $ns_client,
# $ns_gw, $ns_server, and wait until both families reach across the gw.
# A later call builds a second, independent topology (same addresses) and
# moves the wrappers to it; save the names first to keep using the old one.
topo_create() {
	local ns

	ns_new ns_client && ns_new ns_gw && ns_new ns_server || return 1
	for ns in "$ns_client" "$ns_gw" "$ns_server"; do
		# No duplicate address detection: addresses usable at once.
		in_ns "$ns" sysctl -qw net.ipv6.conf.all.accept_dad=0 \
			net.ipv6.conf.default.accept_dad=0 || return 1
	done
	gw sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 || return 1
	# One ip process per namespace: each costs a tenth of a second in the VM.
	ip -n "$ns_gw" -batch - <<-EOF || return 1
		link add c0 address $MAC_GW_C type veth peer name eth0 address $MAC_CLIENT netns $ns_client
		link add s0 address $MAC_GW_S type veth peer name eth0 address $MAC_SERVER netns $ns_server
		addr add $GW4_C/24 dev c0
		addr add $GW6_C/64 dev c0 nodad
		addr add $GW4_S/24 dev s0
		addr add $GW6_S/64 dev s0 nodad
		link set c0 up
		link set s0 up
		neigh replace $CLIENT4 lladdr $MAC_CLIENT dev c0 nud permanent
		neigh replace $CLIENT6 lladdr $MAC_CLIENT dev c0 nud permanent
		neigh replace $SERVER4 lladdr $MAC_SERVER dev s0 nud permanent
		neigh replace $SERVER6 lladdr $MAC_SERVER dev s0 nud permanent
	EOF
	ip -n "$ns_client" -batch - <<-EOF || return 1
		addr add $CLIENT4/24 dev eth0
		addr add $CLIENT6/64 dev eth0 nodad
		link set eth0 up
		route add default via $GW4_C
		route add default via $GW6_C
		neigh replace $GW4_C lladdr $MAC_GW_C dev eth0 nud permanent
		neigh replace $GW6_C lladdr $MAC_GW_C dev eth0 nud permanent
	EOF
	ip -n "$ns_server" -batch - <<-EOF || return 1
		addr add $SERVER4/24 dev eth0
		addr add $SERVER6/64 dev eth0 nodad
		link set eth0 up
		route add default via $GW4_S
		route add default via $GW6_S
		neigh replace $GW4_S lladdr $MAC_GW_S dev eth0 nud permanent
		neigh replace $GW6_S lladdr $MAC_GW_S dev eth0 nud permanent
	EOF

	busywait 10000 client busybox ping -q -c 1 -W 1 "$SERVER4" >/dev/null 2>&1 &&
		busywait 10000 client busybox ping -6 -q -c 1 -W 1 "$SERVER6" >/dev/null 2>&1 ||
		{
			echo "    topology: client cannot reach server" >&2
			return 1
		}
}

# pings NS DEST COUNT [ping options]: send COUNT echo requests of 56 bytes
# and print how many replies came back. busybox ping everywhere, so the
# host and the VM parse the same output.
pings() {
	local ns=$1 dest=$2 count=$3 out

	shift 3
	out=$(in_ns "$ns" busybox ping -q -c "$count" -s 56 -i 0.02 -W 2 \
		"$@" "$dest" 2>&1)
	out=$(echo "$out" | grep -oE '[0-9]+ packets received')
	echo "${out%% *}"
}

# oneline TEXT: TEXT with its lines joined by " | ", for a PASS/FAIL
# message that quotes a log: one result, one line.
oneline() {
	local s=${1//$'\n'/ | }

	echo "${s% | }"
}

# check_eq WHAT GOT WANT: a PASS or a FAIL line naming both values.
check_eq() {
	if [[ $2 == "$3" ]]; then
		pass "$1: $2"
	else
		fail "$1: got ${2:-nothing}, want $3"
	fi
}

# counter JSON FAMILY HOOK FIELD: one number from `appfw status -j`, e.g.
# counter "$json" ipv4 forward packets. Parsed in bash, not jq: jq takes
# half a second to start under TCG and the tests read counters often.
counter() {
	local rest=${1#*\"hooks\"} obj

	while [[ $rest =~ \{([^{}]*)\} ]]; do
		obj=${BASH_REMATCH[1]}
		rest=${rest#*"${BASH_REMATCH[0]}"}
		[[ $obj =~ \"family\":\ *\"$2\" && $obj =~ \"hook\":\ *\"$3\" ]] || continue
		[[ $obj =~ \"$4\":\ *([0-9]+) ]] && echo "${BASH_REMATCH[1]}"
		return
	done
}
