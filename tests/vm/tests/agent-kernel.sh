#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The module's side of the agent, driven by afwagent (tests/tools) in
# place of appfwd: registration and its end when the socket closes,
# fail-open and fail-closed without an agent, QUIC Initials queued to an
# NFQUEUE reader and a blocked QUIC flow decided by the agent while its
# first packets wait in the queue (not in conntrack yet), GET_FLOW and
# SET_FLOW on an open TCP flow, DNS answers queued with learning on, and
# addresses learned from DNS: matched, blocking, listed, forgotten after
# their TTL, by flush and with their app.
#
#   client (quicreplay, tlsreplay, socat) ---- gw (appfw, afwagent) ---- server
. /tests/lib.sh
. /tests/vm/tests/classify.lib
lib_init vm/agent-kernel

QUIC=$FIXTURES/chromium-quic-web.wechat.com.dgrams
NDGRAMS=5	# all of them Initials of 1250 bytes
if ! classify_setup || ! server_alias || ! udp_server; then lib_done; fi
status() { gw appfw status -j; }
# gstat JSON NAME: a global counter.
gstat() { json_num "${1#*\"counters\"}" "$2"; }

# quic ARGS...: Chrome's first flight for web.wechat.com to the server's
# UDP 443, from a fresh client port; $qout is what quicreplay said.
quic() {
	qout=$(client quicreplay -g 20 "$@" "$SERVER4" 443 "$QUIC" 2>&1)
	qout=${qout//$'\n'/ | }
}

# Registration.
out=$(status)
[[ $out == *'"agent":{"registered":false}'* ]] &&
	pass "no agent at first" || fail "status before any agent: $out"
out=$(gw afwagent register 3 2)
check_eq "register, unregister, unregister again" "$(oneline "$out")" \
	"register 0 | unregister 0 | unregister -2"
out=$(gw afwagent register 65535 2)
check_eq "queues past 65535" "$(oneline "$out")" \
	"register -22 | unregister -2 | unregister -2"

fifo=$lib_tmp/hold.in
mkfifo "$fifo"
hold() { gw afwagent hold 10 4 <"$fifo"; }
bg "$lib_tmp/hold.log" hold
holder=$!
exec {hold_fd}>"$fifo"
if wait_log "$lib_tmp/hold.log" '^registered'; then
	out=$(status)
	[[ $out =~ \"agent\":\{\"registered\":true,\"portid\":[1-9][0-9]*,\"queue\":10,\"queues\":4\} ]] &&
		pass "status shows the agent: ${BASH_REMATCH[0]}" ||
		fail "status while an agent is registered: $out"
	check_eq "a second socket registering" "$(gw afwagent hold 0 1 </dev/null)" \
		"register -16"
	stop "$holder" KILL
	busywait 5000 eval '[[ $(status) == *"\"agent\":{\"registered\":false}"* ]]' &&
		pass "the agent killed with SIGKILL is gone at once" ||
		fail "status after the agent was killed: $(status)"
	check_eq "another socket may register now" \
		"$(oneline "$(gw afwagent register 0 1)")" \
		"register 0 | unregister 0 | unregister -2"
else
	fail "afwagent hold never registered: $(cat "$lib_tmp/hold.log")"
fi
exec {hold_fd}>&-

# Without an agent: fail-open decides by the kernel's rules (a QUIC flow
# of a blocked name passes), fail-closed drops the Initials.
gw appfw new wechat --domain wechat.com >/dev/null || fail "appfw new wechat"
s0=$(status) p0=$(passed_udp)
quic
s1=$(status) p1=$(passed_udp)
check_eq "fail-open, no agent: QUIC datagrams through" $((p1 - p0)) $NDGRAMS
check_eq "fail-open, no agent: fallbacks" \
	$(($(gstat "$s1" fallback) - $(gstat "$s0" fallback))) 1
gw appfw config --fail-closed on || fail "appfw config --fail-closed on"
quic
s2=$(status) p2=$(passed_udp)
check_eq "fail-closed, no agent: QUIC datagrams through" $((p2 - p1)) 0
check_eq "fail-closed, no agent: fallbacks" \
	$(($(gstat "$s2" fallback) - $(gstat "$s1" fallback))) $NDGRAMS
gw appfw config --fail-closed off || fail "appfw config --fail-closed off"

# serve Q [NAME]: afwagent reading queue Q (log $lib_tmp/serve.log).
serve_run() {
	local fifo=$1

	shift
	gw afwagent serve "$@" <"$fifo"
}
serve() {
	local fifo=$lib_tmp/serve-$1.in

	mkfifo "$fifo"
	bg "$lib_tmp/serve.log" serve_run "$fifo" "$@"
	server_pid=$!
	exec {serve_fd}>"$fifo"
	wait_log "$lib_tmp/serve.log" '^serving' || {
		fail "afwagent serve never bound its queue: $(cat "$lib_tmp/serve.log")"
		return 1
	}
}
unserve() {
	exec {serve_fd}>&-
	stop "$server_pid"
}

# An agent that passes everything it gets: every Initial of the
# undecided flow reaches it, and the server.
if serve 20; then
	quic
	# quicreplay is done when the last datagram is queued, not when the
	# reader has answered it: wait for the verdicts, then count.
	busywait 5000 eval '(( $(passed_udp) - p2 >= NDGRAMS ))'
	s3=$(status) p3=$(passed_udp)
	check_eq "queued QUIC datagrams" \
		$(($(gstat "$s3" queued) - $(gstat "$s2" queued))) $NDGRAMS
	check_eq "queued and passed: QUIC datagrams through" $((p3 - p2)) $NDGRAMS
	check_eq "packets the reader got" \
		"$(grep -c "^packet udp $CLIENT4 [0-9]* $SERVER4 443 1278$" "$lib_tmp/serve.log")" \
		$NDGRAMS
	unserve
fi

# An agent that decides by the name (as if it had read the SNI): the
# decision reaches packets that waited in the queue before conntrack
# knew the flow, and NF_REPEAT applies it in the kernel.
gw appfw block wechat >/dev/null || fail "appfw block wechat"
if serve 21 web.wechat.com; then
	s3=$(status) p3=$(passed_udp)
	quic
	s4=$(status) p4=$(passed_udp)
	check_eq "agent decides block: QUIC datagrams through" $((p4 - p3)) 0
	check_eq "flows decided by QUIC SNI" \
		$(($(gstat "$s4" decided_quic) - $(gstat "$s3" decided_quic))) 1
	grep -q '^setflow 0 app [0-9]* action 2$' "$lib_tmp/serve.log" &&
		pass "SET_FLOW of a queued flow: $(grep -m1 '^setflow' "$lib_tmp/serve.log")" ||
		fail "SET_FLOW of a queued flow: $(oneline "$(cat "$lib_tmp/serve.log")")"
	gw appfw reject wechat >/dev/null
	quic -n 1 -w 2000
	[[ $qout == *unreachable* ]] &&
		pass "agent decides reject: ICMP unreachable ($qout)" ||
		fail "agent decides reject: want unreachable, got: $qout"
	unserve
fi

# GET_FLOW and SET_FLOW on an open TCP flow (no payload yet: undecided).
gw appfw reject wechat >/dev/null || fail "appfw reject wechat"
sink 9443 || lib_done
conn_in=$lib_tmp/conn.in
mkfifo "$conn_in"
conn_run() { client socat -u - "TCP:$SERVER4:9443,sourceport=40001" <"$conn_in"; }
bg "$lib_tmp/conn.log" conn_run
conn=$!
exec {conn_fd}>"$conn_in"
flow="tcp $CLIENT4 40001 $SERVER4 9443"
busywait 5000 eval '[[ $(gw afwagent getflow '"$flow"') == "getflow 0 undecided" ]]' &&
	pass "GET_FLOW of an open flow: undecided" ||
	fail "GET_FLOW of an open flow: $(gw afwagent getflow $flow)"
check_eq "GET_FLOW of no flow" "$(gw afwagent getflow tcp $CLIENT4 40002 $SERVER4 9443)" \
	"getflow -2"
id=$(gw appfw show wechat -j) && id=$(json_num "$id" id)
check_eq "SET_FLOW by SNI" "$(gw afwagent setflow $flow sni web.wechat.com)" \
	"setflow 0 app $id action 3"
check_eq "SET_FLOW again: the first decision stands" \
	"$(gw afwagent setflow $flow sni example.org)" "setflow 0 app $id action 3"
check_eq "GET_FLOW after" "$(gw afwagent getflow $flow)" "getflow 0 app $id"
echo data >&"$conn_fd"
sleep 1
check_eq "bytes of the flow the agent decided (reject)" "$(sink_bytes 40001)" 0
exec {conn_fd}>&-
stop "$conn"

# DNS answers with learning on go to the agent, decided flow or not.
gw appfw config --learn on || fail "appfw config --learn on"
bg "$lib_tmp/dns.log" server socat UDP-LISTEN:53,fork SYSTEM:'echo answer'
busywait 5000 eval 'server grep -q ":0035 " /proc/net/udp' ||
	fail "no UDP server on port 53"
if serve 22; then
	s5=$(status)
	out=$(echo query | client socat -t 5 -T 5 - "UDP:$SERVER4:53" 2>&1)
	check_eq "DNS answer through the agent" "$out" answer
	s6=$(status)
	check_eq "queued DNS answers" \
		$(($(gstat "$s6" queued) - $(gstat "$s5" queued))) 1
	grep -q "^packet udp $SERVER4 53 $CLIENT4 " "$lib_tmp/serve.log" &&
		pass "the reader got the answer" ||
		fail "the reader got: $(oneline "$(cat "$lib_tmp/serve.log")")"
	unserve
fi
gw appfw config --learn off

# Learning: a plain TCP connection to a learned address is blocked, until
# the TTL runs out.
gw appfw new tiktok --domain tiktok.com >/dev/null || fail "appfw new tiktok"
tid=$(gw appfw show tiktok -j) && tid=$(json_num "$tid" id)
sink 443 || lib_done
check_eq "learn a name of no app" \
	"$(gw afwagent learn 60 example.org $ALIAS4)" "learn 0 app 0"
check_lookup "$ALIAS4" "no app"
# The TTL outlasts the checks up to the replay below, which take seconds
# each on a slower kernel (the debug tier's).
ttl=$((4 * ${APPFW_TIME_SCALE:-1}))
check_eq "learn through a CNAME chain" \
	"$(gw afwagent learn $ttl www.example.org,www.tiktok.com.edge.example,v16.tiktok.com $ALIAS4 $ALIAS6)" \
	"learn 0 app $tid"
check_eq "appfw test $ALIAS4" "$(gw appfw test "$ALIAS4")" \
	"$ALIAS4: tiktok block (learned $ALIAS4)"
check_lookup "$ALIAS6" "tiktok $ALIAS6"
out=$(gw appfw learned tiktok)
learned_ttl() {
	[[ $out =~ (^|$'\n')$1\ tiktok\ ttl\ ([0-9]+)s($'\n'|$) ]] &&
		((BASH_REMATCH[2] >= 1 && BASH_REMATCH[2] <= ttl))
}
learned_ttl "$ALIAS4" && learned_ttl "$ALIAS6" &&
	pass "appfw learned: ${out//$'\n'/ | }" ||
	fail "appfw learned: ${out//$'\n'/ | }"
s7=$(status)
# Blocked at its SYN: tlsreplay's connect times out.
check "connect timeout" "TCP to a learned address" replay "$ALIAS4" \
	--http-host example.org
s8=$(status)
n=$(($(gstat "$s8" decided_learned) - $(gstat "$s7" decided_learned)))
((n >= 1)) && pass "flows decided by a learned address: $n" ||
	fail "flows decided by a learned address: $n"
busywait 8000 eval '[[ $(gw appfw test '"$ALIAS4"') == "'"$ALIAS4"': no app" ]]' &&
	pass "the learned address is forgotten after its TTL" ||
	fail "after the TTL: $(gw appfw test "$ALIAS4")"
check ok "TCP to the address after its TTL" replay "$ALIAS4" --http-host example.org
check_eq "appfw learned after the TTL" "$(gw appfw learned -j)" "[]"
gw afwagent learn 600 tiktok.com $ALIAS4 >/dev/null
gw appfw learned flush tiktok
check_eq "appfw learned flush tiktok" "$(gw appfw learned -j)" "[]"
gw afwagent learn 600 tiktok.com $ALIAS4 >/dev/null
gw appfw del tiktok
check_eq "deleting the app forgets its addresses" "$(gw appfw learned -j)" "[]"
check_eq "learn with a bad name" "$(gw afwagent learn 60 'bad..name' $ALIAS4)" \
	"learn -22"

lib_done
