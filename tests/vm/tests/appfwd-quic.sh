#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The module and the real agent together on QUIC: Chromium's captured
# first flights (tests/fixtures/*.dgrams: two Initials carrying a ~1.9 KB
# ClientHello in scattered CRYPTO frames, then retransmissions) replayed
# from the client through the gw. appfwd decrypts them, the kernel decides
# by the SNI, and a blocked name's datagrams never reach the server while
# an allowed one's all do, over IPv4 and IPv6. Then the agent is killed
# with SIGKILL under traffic: fail-open lets a blocked name's QUIC through
# (nobody can read it), fail-closed drops it, and a restarted appfwd takes
# over without a module reload.
#
#   client (quicreplay) ---- gw (appfw, appfwd) ---- server (UDP :443)
. /tests/lib.sh
. /tests/vm/tests/classify.lib
lib_init vm/appfwd-quic

WECHAT=$FIXTURES/chromium-quic-web.wechat.com.dgrams
EXAMPLE=$FIXTURES/chromium-quic-www.example.org.dgrams
NDGRAMS=5

if ! classify_setup || ! udp_server; then lib_done; fi

agent_pid=
# agent [ARGS]: appfwd on queues 0-1, waiting until it serves both.
agent() {
	local log=$lib_tmp/appfwd-$RANDOM.log

	bg "$log" gw appfwd --queues 0-1 "$@"
	agent_pid=$!
	agent_log=$log
	wait_log "$log" '^appfwd: registered queues 0-1' &&
		wait_log "$log" 'queue 1 ready' || {
		fail "appfwd never registered: $(oneline "$(cat "$log")")"
		return 1
	}
}

# quic ADDR FILE WANT WHAT: replays FILE to ADDR:443 and checks that WANT
# datagrams of it got through; waits for the agent's verdicts.
quic() {
	local addr=$1 file=$2 want=$3 what=$4 before now out

	before=$(passed_udp)
	out=$(client quicreplay -g 20 "$addr" 443 "$file" 2>&1) ||
		fail "$what: quicreplay: $(oneline "$out")"
	busywait 5000 eval '(( $(passed_udp) - before >= want ))'
	# A blocked flow's datagrams could still be on their way: give the
	# agent's verdicts time to land before counting what passed.
	((want)) || lib_sleep 0.5
	now=$(passed_udp)
	check_eq "$what: datagrams through" $((now - before)) "$want"
}

gw appfw add wechat >/dev/null || fail "appfw add wechat"
if agent; then
	s0=$(gw appfw status -j)
	quic "$SERVER4" "$WECHAT" 0 "ipv4, agent: web.wechat.com blocked"
	quic "$SERVER4" "$EXAMPLE" $NDGRAMS "ipv4, agent: www.example.org passes"
	quic "$SERVER6" "$WECHAT" 0 "ipv6, agent: web.wechat.com blocked"
	quic "$SERVER6" "$EXAMPLE" $NDGRAMS "ipv6, agent: www.example.org passes"
	s1=$(gw appfw status -j)
	check_eq "flows decided by QUIC SNI" \
		$(($(json_num "$s1" decided_quic) - $(json_num "$s0" decided_quic))) 2
	check_eq "wechat flows" "$(app_num wechat flows)" 2
	out=$(gw appfw test web.wechat.com)
	[[ $out == *wechat* ]] && pass "appfw test agrees: $(oneline "$out")" ||
		fail "appfw test web.wechat.com: $out"

	# A reject answers QUIC with ICMP: quicreplay hears it.
	gw appfw reject wechat || fail "appfw reject wechat"
	out=$(client quicreplay -g 20 -w 2000 "$SERVER4" 443 "$WECHAT" 2>&1)
	[[ $out == *unreachable* ]] && pass "reject: ICMP unreachable back" ||
		fail "reject: quicreplay said: $(oneline "$out")"
	gw appfw block wechat || fail "appfw block wechat"

	# SIGKILL: the kernel notices the socket close and falls back at once.
	stop "$agent_pid" KILL
	busywait 5000 eval '[[ $(gw appfw status -j) == *"\"agent\":{\"registered\":false}"* ]]' &&
		pass "agent killed: status says no agent" ||
		fail "agent killed: status: $(gw appfw status -j)"
	quic "$SERVER4" "$WECHAT" $NDGRAMS "no agent, fail-open: web.wechat.com passes"
	gw appfw config --fail-closed on || fail "appfw config --fail-closed on"
	quic "$SERVER4" "$EXAMPLE" 0 "no agent, fail-closed: www.example.org dropped"

	# A new agent takes over; no module reload.
	if agent; then
		quic "$SERVER4" "$WECHAT" 0 "agent restarted: web.wechat.com blocked"
		quic "$SERVER4" "$EXAMPLE" $NDGRAMS "agent restarted: www.example.org passes"
		stop "$agent_pid" TERM
		grep -q "registered queues" "$agent_log" &&
			pass "appfwd exits on SIGTERM" || fail "appfwd log: $(cat "$agent_log")"
	fi
	gw appfw config --fail-closed off || fail "appfw config --fail-closed off"
fi
lib_done
