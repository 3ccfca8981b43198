#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Benchmark (issue 6, 4): what appfw costs the traffic a gateway forwards.
# Through the gw namespace of the test topology, in three set-ups that
# take turns (BENCH_REPEAT rounds, medians printed):
#
#   none    appfw.ko not loaded, no firewall at all: plain forwarding
#   ct      not loaded, an nftables forward chain that accepts
#           established flows in each of the three namespaces (conntrack
#           on in all of them, as on any stateful gateway)
#   empty   that chain, and appfw.ko loaded with no policy
#   full    that chain, and every app of the catalog added with --shared
#
# Loading appfw.ko turns conntrack on in every namespace (the module
# keeps its verdicts with the flow's conntrack entry), so "ct" turns it
# on in the client's, the gateway's and the server's namespaces alike:
# all three run on the VM's two CPUs, and a baseline with conntrack in
# the gateway alone would charge appfw with the endpoints' conntrack.
# "ct" is thus the baseline that shows appfw's own cost (its hooks);
# "none" shows what a gateway that tracked nothing before pays in all.
# The set-ups take turns within each round, in an order that reverses
# every round (so a drift of the host's load falls on all of them), and
# the ratios are given both of the medians and as the median and range
# of the ratios within a round (the two runs compared were at most a few
# minutes apart).
#
# it measures iperf3's TCP throughput (one stream, BENCH_SECONDS), new
# TLS connections per second with real handshakes (openssl s_time -new
# against openssl s_server: a P-256 certificate, TLS 1.3; s_time sends no
# server name), and new classified flows per second (tlsreplay --each:
# BENCH_FLOWS connections in a row, each a ClientHello naming a server
# outside the policy, answered by tcpsink: the module parses and looks up
# every one, while the endpoints do almost nothing). The client's
# segmentation offloads are off, as in the tests: the gw sees MTU-sized
# packets, each one through the module's hooks. Run by tests/bench/vm.sh;
# it reports and fails only when a measurement fails.
. /tests/lib.sh
. /tests/vm/tests/classify.lib
lib_init bench/datapath

REPEAT=${BENCH_REPEAT:-3}
SECONDS_=${BENCH_SECONDS:-5}
FLOWS=${BENCH_FLOWS:-300}

classify_setup || lib_done
if ! sink 443; then lib_done; fi
bg "$lib_tmp/iperf3.log" server iperf3 -s -B "$SERVER4" -p 5201
wait_listener "$ns_server" 5201 || {
	fail "iperf3 -s never listened"
	lib_done
}
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
	-days 2 -subj /CN=appfw-bench -keyout "$lib_tmp/key.pem" \
	-out "$lib_tmp/cert.pem" 2>"$lib_tmp/req.log" || {
	fail "openssl req: $(oneline "$(cat "$lib_tmp/req.log")")"
	lib_done
}
bg "$lib_tmp/s_server.log" server openssl s_server -quiet -accept 4433 \
	-cert "$lib_tmp/cert.pem" -key "$lib_tmp/key.pem"
wait_listener "$ns_server" 4433 || {
	fail "openssl s_server never listened"
	lib_done
}

# Every app id in the catalog (groups only name apps).
catalog=()
for a in /usr/share/appfw/apps/*.app; do
	a=${a##*/}
	catalog+=("${a%.app}")
done

# setup none|ct|empty|full: from whatever the last one was.
setup() {
	local out ns

	for ns in "$ns_client" "$ns_gw" "$ns_server"; do
		in_ns "$ns" nft flush ruleset || return 1
		[[ $1 == none ]] && continue
		in_ns "$ns" nft -f - <<-'NFT' || return 1
			table inet bench {
				chain forward {
					type filter hook forward priority 0; policy accept;
					ct state established,related accept
				}
			}
		NFT
	done
	case $1 in
	none | ct)
		if [[ -d /sys/module/appfw ]]; then
			rmmod appfw || return 1
		fi
		;;
	empty | full)
		modprobe appfw || return 1
		gw appfw flush >/dev/null || return 1
		if [[ $1 == full ]]; then
			out=$(gw appfw add --shared "${catalog[@]}" 2>&1) || {
				echo "$out"
				return 1
			}
		fi
		;;
	esac
}

declare -A tput=() conns=() flows=() per=()
# run SETUP ROUND: one measurement of each kind; per["KIND SETUP ROUND"]
# keeps each one for the ratios within a round.
run() {
	local s=$1 r=$2 out line t0 t1 n input='' i

	setup "$s" || {
		fail "cannot set up \"$s\""
		return 1
	}
	[[ $s == full ]] && policy=$(gw appfw status)
	out=$(client iperf3 -c "$SERVER4" -p 5201 -t "$SECONDS_" -f m 2>&1)
	line=$(grep receiver <<<"$out")
	if [[ $line =~ \ ([0-9.]+)\ Mbits/sec ]]; then
		tput[$s]+=" ${BASH_REMATCH[1]%.*}"
		per[tput $s $r]=${BASH_REMATCH[1]%.*}
	else
		fail "$s: iperf3: $(oneline "$out" | tail -c 300)"
	fi
	out=$(client openssl s_time -connect "$SERVER4:4433" -new \
		-time "$SECONDS_" 2>&1)
	if [[ $out =~ ([0-9]+)\ connections\ in\ ([0-9]+)\ real ]]; then
		conns[$s]+=" $((BASH_REMATCH[1] * 10 / BASH_REMATCH[2]))"
		per[conns $s $r]=${conns[$s]##* }
	else
		fail "$s: openssl s_time: $(oneline "$out" | tail -c 300)"
	fi
	for ((i = 0; i < FLOWS; i++)); do
		input+="sni bench$i.example"$'\n'
	done
	now_ms t0
	out=$(client tlsreplay --each -c 15000 -t 15000 "$SERVER4" 443 <<<"$input" 2>&1)
	now_ms t1
	n=$(grep -c '^reply' <<<"$out")
	if ((n == FLOWS)); then
		flows[$s]+=" $((FLOWS * 10000 / (t1 - t0)))"
		per[flows $s $r]=${flows[$s]##* }
	else
		fail "$s: tlsreplay --each: $n of $FLOWS flows answered: $(oneline "$out" | tail -c 300)"
	fi
	echo "# $s: ${tput[$s]##* } Mbit/s, s_time ${conns[$s]##* }/10 per s, flows ${flows[$s]##* }/10 per s"
}

policy=
for ((r = 0; r < REPEAT; r++)); do
	if ((r % 2)); then
		order="full empty ct none"
	else
		order="none ct empty full"
	fi
	for s in $order; do
		run "$s" "$r"
	done
done
echo "# the full policy: $(oneline "$policy")"

median() {
	local -a v

	# shellcheck disable=SC2086 # a list of numbers, split on purpose
	mapfile -t v < <(printf '%s\n' $1 | sort -n)
	((${#v[@]})) && echo "${v[${#v[@]} / 2]}"
}
tenths() {
	printf '%d.%d' $((${1:-0} / 10)) $((${1:-0} % 10))
}
# ratio A B: A/B to two decimals.
ratio() {
	((${2:-0} > 0)) || return
	printf '%d.%02d' $(($1 * 100 / $2 / 100)) $(($1 * 100 / $2 % 100))
}

for s in none ct empty full; do
	pass "$s: iperf3 $(median "${tput[$s]:-}") Mbit/s [${tput[$s]:-} ]," \
		"TLS handshakes $(tenths "$(median "${conns[$s]:-}")")/s [${conns[$s]:-} ]/10," \
		"classified flows $(tenths "$(median "${flows[$s]:-}")")/s [${flows[$s]:-} ]/10"
done
# in_round KIND A B: A/B within each round: "median [lowest..highest]".
in_round() {
	local r a b list=''
	local -a v

	for ((r = 0; r < REPEAT; r++)); do
		a=${per[$1 $2 $r]:-} b=${per[$1 $3 $r]:-}
		[[ $a && $b ]] && ((b > 0)) && list+=" $((a * 10000 / b))"
	done
	# shellcheck disable=SC2086 # a list of numbers, split on purpose
	mapfile -t v < <(printf '%s\n' $list | sort -n)
	((${#v[@]})) || return
	echo "$(ratio "${v[${#v[@]} / 2]}" 10000) [$(ratio "${v[0]}" 10000)..$(ratio "${v[-1]}" 10000)]"
}

for pair in empty/ct full/ct ct/none empty/none full/none; do
	s=${pair%/*} b=${pair#*/}
	pass "ratio $pair: throughput $(ratio "$(median "${tput[$s]:-}")" "$(median "${tput[$b]:-}")")," \
		"TLS handshakes $(ratio "$(median "${conns[$s]:-}")" "$(median "${conns[$b]:-}")")," \
		"classified flows $(ratio "$(median "${flows[$s]:-}")" "$(median "${flows[$b]:-}")")"
	pass "ratio $pair within rounds: throughput $(in_round tput "$s" "$b")," \
		"TLS handshakes $(in_round conns "$s" "$b")," \
		"classified flows $(in_round flows "$s" "$b")"
done
lib_done
