#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A ClientHello whose segments arrive out of order. netem on the client's
# link holds back the first segment of Chromium's two-segment ClientHello
# (the only packet to port 443 as long as one MSS) for 300 ms, so the gw
# sees the second segment first. The kernel keeps no bytes and cannot
# parse from the middle: with no agent, fail-open decides such a flow as
# no app and a blocked name gets through -- the proof that the reordering
# happened. With appfwd, the kernel hands the flow over, the agent
# reassembles both segments by sequence number, the kernel blocks it, and
# the server never gets the whole hello.
#
#   client (tlsreplay, netem) ---- gw (appfw, appfwd) ---- server (tcpsink)
. /tests/lib.sh
. /tests/vm/tests/classify.lib
lib_init vm/appfwd-reorder

hello=$FIXTURES/chromium-sni-second.bin
size=$(stat -c %s "$hello")
MSS=1448

if ! classify_setup || ! sink 443 "$size"; then lib_done; fi
# The first segment is a full MTU-sized packet, the only one to port 443
# longer than 1023 bytes (IPv4 total length, IPv6 payload length, 1024 to
# 2047): only it goes to the delayed band.
# iproute2's tc: busybox has one too, without -batch.
client /usr/sbin/tc -batch - <<EOT || fail "cannot set up netem on the client"
qdisc add dev eth0 root handle 1: prio
qdisc add dev eth0 parent 1:3 handle 30: netem delay 300ms
filter add dev eth0 parent 1: protocol ip prio 1 u32 match u16 0x0400 0xfc00 at 2 match ip dport 443 0xffff flowid 1:3
filter add dev eth0 parent 1: protocol ipv6 prio 2 u32 match u16 0x0400 0xfc00 at 4 match ip6 dport 443 0xffff flowid 1:3
EOT

ooo() { json_num "$(gw appfw status -j)" out_of_order; }

gw appfw new wechat --domain wechat.com >/dev/null || fail "appfw new wechat"
o0=$(ooo)
check ok "no agent, fail-open: reordered hello of a blocked name passes" \
	replay "$SERVER4" "$hello" --split $MSS
check_eq "the gw saw the segments out of order" $(($(ooo) - o0)) 1

bg "$lib_tmp/appfwd.log" gw appfwd --queues 0-0
agent_pid=$!
if wait_log "$lib_tmp/appfwd.log" 'queue 0 ready'; then
	q0=$(json_num "$(gw appfw status -j)" queued)
	check timeout "ipv4, agent: reordered hello, blocked" \
		replay "$SERVER4" "$hello" --split $MSS
	check_eq "ipv4: bytes the server got" "$(sink_bytes "$port")" 0
	check timeout "ipv6, agent: reordered hello, blocked" \
		replay "$SERVER6" "$hello" --split $MSS
	check_eq "ipv6: bytes the server got" "$(sink_bytes "$port")" 0
	q1=$(json_num "$(gw appfw status -j)" queued)
	((q1 - q0 >= 4)) && pass "segments queued to the agent: $((q1 - q0))" ||
		fail "segments queued to the agent: $((q1 - q0)), want 4 or more"
	check_eq "wechat flows" "$(app_num wechat flows)" 2
	gw appfw del wechat >/dev/null || fail "appfw del wechat"
	check ok "agent, no policy: reordered hello passes whole" \
		replay "$SERVER4" "$hello" --split $MSS
	check_eq "bytes the server got" "$(sink_bytes "$port")" "$size"
	stop "$agent_pid"
else
	fail "appfwd never served queue 0: $(cat "$lib_tmp/appfwd.log")"
fi
lib_done
