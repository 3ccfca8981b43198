#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The agent against the least an NFQUEUE reader can do (nfq-accept), side
# by side on this machine's kernel, in a network namespace of its own:
# new UDP flows through the rules `appfwd --print-rules` prints, answered
# by appfwd --standalone or by nfq-accept. Two loads: one small datagram
# per flow (not QUIC: decided at once) and Chromium's QUIC first flight
# for www.example.org (decrypted and parsed before the verdict). Medians
# of RUNS runs; the ratio is the figure (this VM is shared and noisy).
# Root. Reports only.
#
#   tests/bench/agent.sh [BUILD_DIR]
set -eu
build=${1:-build}
RUNS=${RUNS:-3} SECONDS_PER_RUN=${SECONDS_PER_RUN:-4}
quic=tests/fixtures/chromium-quic-www.example.org.dgrams
ns=afwbench$$
tmp=$(mktemp -d)
handler=

cleanup() {
	[[ $handler ]] && kill "$handler" 2>/dev/null && wait "$handler" 2>/dev/null
	ip netns del "$ns" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

ip netns add "$ns"
n() { ip netns exec "$ns" "$@"; }
n ip link set lo up
n ip addr add 192.0.2.1/32 dev lo
# IPv4 only, OUTPUT only: what both handlers see is the same.
"$build/appfwd" --print-rules --queues 0-0 |
	sed -e 's/ \${IP6TABLES:-ip6tables}//' -e '/-I FORWARD/d' >"$tmp/rules.sh"
n sh "$tmp/rules.sh"
: >"$tmp/policy.conf"

# run HANDLER LOAD: one measurement, "FLOWS_PER_S".
run() {
	local out

	# Started straight from here, so $! is the handler itself.
	case $1 in
	bare) ip netns exec "$ns" "$build/nfq-accept" 0 \
		>"$tmp/handler.log" 2>&1 & ;;
	appfwd) ip netns exec "$ns" "$build/appfwd" --standalone \
		--policy "$tmp/policy.conf" --queues 0-0 \
		>"$tmp/handler.log" 2>&1 & ;;
	esac
	handler=$!
	for _ in $(seq 50); do
		grep -q "ready" "$tmp/handler.log" && break
		sleep 0.1
	done
	out=$(n "$build/udpflows" 192.0.2.1 443 "$SECONDS_PER_RUN" $2)
	kill "$handler"
	wait "$handler" || true
	handler=
	echo "${out%% flows/s*}"
}

median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }

echo "agent vs bare NFQUEUE loop: new UDP flows/s, median of $RUNS runs of ${SECONDS_PER_RUN}s, $(nproc) CPUs"
for load in plain quic; do
	arg=
	[[ $load == quic ]] && arg=$quic
	bare=() agent=()
	for _ in $(seq "$RUNS"); do
		bare+=("$(run bare "$arg")")
		agent+=("$(run appfwd "$arg")")
	done
	b=$(median "${bare[@]}") a=$(median "${agent[@]}")
	awk -v l="$load" -v b="$b" -v a="$a" 'BEGIN {
		printf "%-6s bare %8d flows/s  appfwd %8d flows/s  ratio %.2f\n", l, b, a, a / b }'
done
