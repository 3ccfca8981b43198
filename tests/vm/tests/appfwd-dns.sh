#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# DNS answer learning with the real agent. The server runs an
# authoritative DNS server (dnsd) that answers web.wechat.com with a CNAME
# to a CDN name and that name's A and AAAA records: addresses in no
# prefix of the policy. With learning on, appfwd reads the answers the gw
# forwards, the kernel learns the addresses as WeChat's for the answer's
# TTL, and a connection to them with no SNI at all is blocked from its
# first packet; after the TTL it passes again. Then appfwd restarted with
# --dns-refuse: web.wechat.com gets NXDOMAIN, a name of no app still
# resolves; with --dns-refuse=zero, 0.0.0.0 and ::.
#
#   client (nslookup, tlsreplay) ---- gw (appfw, appfwd) ---- server (dnsd, tcpsink)
. /tests/lib.sh
. /tests/vm/tests/classify.lib
lib_init vm/appfwd-dns

# Long enough for the checks below to run inside it on a loaded machine.
TTL=10
nosni=$FIXTURES/openssl-tls12-nosni.bin
if ! classify_setup || ! server_alias || ! sink 443; then lib_done; fi
bg "$lib_tmp/dnsd.log" server dnsd -t $TTL \
	'web.wechat.com=>edge.cdn.example.net' \
	"edge.cdn.example.net=$ALIAS4" "edge.cdn.example.net=$ALIAS6" \
	"www.example.org=$ALIAS4" "www.example.org=$ALIAS6"
wait_log "$lib_tmp/dnsd.log" '^ready' || fail "dnsd never started"

gw appfw add wechat >/dev/null || fail "appfw add wechat"
gw appfw config --learn on || fail "appfw config --learn on"
bg "$lib_tmp/appfwd.log" gw appfwd --queues 0-0
agent=$!
wait_log "$lib_tmp/appfwd.log" 'queue 0 ready' ||
	fail "appfwd never served queue 0: $(cat "$lib_tmp/appfwd.log")"

check ok "before any answer: a hello without SNI to $ALIAS4 passes" \
	replay "$ALIAS4" "$nosni"
check_lookup "$ALIAS4" "no app"

out=$(client busybox nslookup web.wechat.com "$SERVER4" 2>&1)
[[ $out == *"$ALIAS4"* ]] && pass "the client resolved web.wechat.com" ||
	fail "nslookup A: $(oneline "$out")"
out=$(client busybox nslookup -type=aaaa web.wechat.com "$SERVER4" 2>&1)
[[ $out == *"$ALIAS6"* ]] && pass "the client resolved web.wechat.com (AAAA)" ||
	fail "nslookup AAAA: $(oneline "$out")"

out=$(gw appfw learned -j)
[[ $out == *"\"$ALIAS4\""*wechat* && $out == *"\"$ALIAS6\""* ]] &&
	pass "appfw learned lists both addresses" ||
	fail "appfw learned -j: $out"
out=$(gw appfw test "$ALIAS4")
[[ $out == *wechat* ]] && pass "appfw test $ALIAS4: $(oneline "$out")" ||
	fail "appfw test $ALIAS4: $out"
check "connect timeout" "learned: a hello without SNI to $ALIAS4 is blocked" \
	replay "$ALIAS4" "$nosni"
check "connect timeout" "learned: the same to $ALIAS6 is blocked" \
	replay "$ALIAS6" "$nosni"
learned=$(json_num "$(gw appfw status -j)" decided_learned)
((learned >= 2)) && pass "flows decided by learned addresses: $learned" ||
	fail "flows decided by learned addresses: $learned, want 2 or more"

# Forgotten after the TTL the answer gave.
busywait $(((TTL + 3) * 1000)) eval '[[ $(gw appfw learned -j) != *"$ALIAS4"* ]]' &&
	pass "forgotten after the TTL" ||
	fail "still learned after the TTL: $(gw appfw learned -j)"
check ok "after the TTL: a hello without SNI to $ALIAS4 passes" \
	replay "$ALIAS4" "$nosni"

# --- --dns-refuse: the kernel's LEARN reply says the app blocks ---
stop "$agent"
bg "$lib_tmp/appfwd-nx.log" gw appfwd --queues 0-0 --dns-refuse
agent=$!
wait_log "$lib_tmp/appfwd-nx.log" 'queue 0 ready' ||
	fail "appfwd --dns-refuse never served queue 0: $(cat "$lib_tmp/appfwd-nx.log")"
out=$(client busybox nslookup web.wechat.com "$SERVER4" 2>&1)
[[ $out == *NXDOMAIN* && $out != *"$ALIAS4"* ]] &&
	pass "--dns-refuse: web.wechat.com (blocked) gets NXDOMAIN" ||
	fail "--dns-refuse: nslookup web.wechat.com: $(oneline "$out")"
out=$(client busybox nslookup www.example.org "$SERVER4" 2>&1)
[[ $out == *"$ALIAS4"* && $out != *NXDOMAIN* ]] &&
	pass "--dns-refuse: www.example.org (no app) resolves" ||
	fail "--dns-refuse: nslookup www.example.org: $(oneline "$out")"
out=$(gw appfw learned -j)
[[ $out == *"\"$ALIAS4\""*wechat* ]] &&
	pass "--dns-refuse: the refused answer's addresses are learned all the same" ||
	fail "--dns-refuse: appfw learned -j: $out"
stop "$agent"

bg "$lib_tmp/appfwd-zero.log" gw appfwd --queues 0-0 --dns-refuse=zero
agent=$!
wait_log "$lib_tmp/appfwd-zero.log" 'queue 0 ready' ||
	fail "appfwd --dns-refuse=zero never served queue 0: $(cat "$lib_tmp/appfwd-zero.log")"
out=$(client busybox nslookup web.wechat.com "$SERVER4" 2>&1)
[[ $out == *"Address: 0.0.0.0"* && $out != *"$ALIAS4"* ]] &&
	pass "--dns-refuse=zero: web.wechat.com (blocked) resolves to 0.0.0.0" ||
	fail "--dns-refuse=zero: nslookup web.wechat.com: $(oneline "$out")"
out=$(client busybox nslookup -type=aaaa web.wechat.com "$SERVER4" 2>&1)
[[ $out == *"Address: ::"* && $out != *"$ALIAS6"* ]] &&
	pass "--dns-refuse=zero: web.wechat.com (blocked) resolves to :: (AAAA)" ||
	fail "--dns-refuse=zero: nslookup -type=aaaa web.wechat.com: $(oneline "$out")"
stop "$agent"
gw appfw config --learn off || fail "appfw config --learn off"
lib_done
