#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The netns tier, on the host (root): appfwd against the host kernel's
# NFQUEUE, in namespaces built by tests/lib.sh. Runs every
# tests/netns/*.sh but this one, or those named: tests/netns/run.sh NAME...
#
# The host kernel has no nft queue expression, so the gw's rules are
# iptables -j NFQUEUE; iptables-nft runs that target through nft_compat.
# Which iptables works is probed here, once, by checking that a packet
# sent to a queue nobody listens on is really dropped.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$root/tests/lib.sh"
lib_init netns

build=${BUILD:-build}
[[ $build == /* ]] || build=$root/$build
export APPFWD=$build/appfwd
# The policy appfwd --standalone reads in these tests.
export POLICY=${POLICY:-$root/tests/fixtures/agent.policy}
export TOOLS=$build/tools

if (($(id -u) != 0)); then
	skip "needs root (network namespaces, iptables)"
	lib_done
fi
for tool in ip iptables ip6tables socat busybox nsenter; do
	command -v "$tool" >/dev/null || {
		skip "$tool not installed (scripts/deps.sh)"
		lib_done
	}
done
if [[ ! -x $APPFWD ]]; then
	fail "$APPFWD missing (make userspace)"
	lib_done
fi

# queue_works IPTABLES: a ping to a queue without a listener must die.
queue_works() {
	local ns

	ns_new probe || return 1
	ns=$probe
	in_ns "$ns" "$1" -A OUTPUT -o lo -j NFQUEUE --queue-num 1 2>/dev/null || return 1
	! in_ns "$ns" busybox ping -q -c 1 -W 1 127.0.0.1 >/dev/null 2>&1
}
IPT='' IP6T=''
for backend in "" -legacy; do
	if queue_works "iptables$backend"; then
		IPT=iptables$backend IP6T=ip6tables$backend
		break
	fi
done
if [[ -z $IPT ]]; then
	fail "neither iptables nor iptables-legacy can queue a packet here"
	lib_done
fi
echo "# netns: using $($IPT -V)"
export IPT IP6T

tests=()
if (($#)); then
	for t; do tests+=("$root/tests/netns/$t.sh"); done
else
	for t in "$root"/tests/netns/*.sh; do
		[[ $t == */run.sh ]] || tests+=("$t")
	done
fi
# A test has two minutes; its own waits are all bounded well below that.
# tests/cnf.sh turns a command that is not found into a FAIL line.
for t in "${tests[@]}"; do
	out=$lib_tmp/$(basename "$t").out
	cnf=$lib_tmp/$(basename "$t").cnf
	BASH_ENV=$root/tests/cnf.sh APPFW_CNF_LOG=$cnf \
		timeout -k 10 120 bash "$t" 2>&1 | tee "$out"
	rc=${PIPESTATUS[0]}
	if [[ -s $cnf ]]; then
		while IFS= read -r line; do
			fail "$(basename "$t" .sh): command not found: $line"
		done <"$cnf"
	fi
	if ((rc == 124 || rc == 137)); then
		fail "$(basename "$t" .sh) timed out"
	elif ((rc != 0)) && ! grep -q '^FAIL:' "$out"; then
		fail "$(basename "$t" .sh) exited $rc without a FAIL line"
	fi
done
lib_done
