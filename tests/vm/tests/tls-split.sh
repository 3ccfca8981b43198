#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Chromium's ClientHellos split over TCP segments, as on the wire: the two
# captured ~2 KB post-quantum ClientHellos (tests/fixtures, SNI
# web.wechat.com at byte 392 in one, at byte 1452 in the other) replayed
# over real TCP through the gw, cut at 1448 bytes (one MSS at MTU 1500,
# offloads off on the client) into two segments, or into three (one cut
# through the middle of the name). The kernel's resumable parser decides
# at the end of the ClientHello, so a blocked flow's segments pass until
# the one that completes the hello, which is dropped: the server never
# gets the whole of it. With a policy that does not match, every byte
# arrives. A hello longer than the inspection depth, one that finds the
# flow table full (module parameter max_flows) and one whose next segment
# comes after flow_timeout are decided as no app and pass.
#
#   client (tlsreplay) ---- gw (appfw) ---- server (tcpsink :443)
. /tests/lib.sh
. /tests/vm/tests/classify.lib
lib_init vm/tls-split

first=$FIXTURES/chromium-sni-first.bin
second=$FIXTURES/chromium-sni-second.bin
size_first=$(stat -c %s "$first") size_second=$(stat -c %s "$second")
MSS=1448

# The sink answers once it has the smaller hello's bytes: a whole hello
# of either, never the first segment alone.
smaller=$((size_first < size_second ? size_first : size_second))
if ! classify_setup || ! sink 443 "$smaller"; then lib_done; fi
[[ $(ip -n "$ns_client" -o link show eth0) =~ mtu\ ([0-9]+) ]]
check_eq "client MTU" "${BASH_REMATCH[1]}" 1500
# Proof that the gw sees the pieces as separate segments: nft counts, in
# front of appfw's hook, the packets to port 443 that carry payload (more
# than 20 + 32 bytes of IPv4 and TCP headers with timestamps) and those
# that carry more than one MSS (which a GSO packet would).
gw nft -f - <<'NFT' || fail "cannot add the nft segment counters"
table ip appfw_test {
	chain forward {
		type filter hook forward priority -200; policy accept;
		tcp dport 443 ip length > 52 counter
		tcp dport 443 ip length > 1500 counter
	}
}
NFT
# segments: "PAYLOAD_PACKETS OVERSIZED_PACKETS" so far.
segments() {
	local out n=()

	out=$(gw nft list chain ip appfw_test forward)
	while [[ $out =~ counter\ packets\ ([0-9]+) ]]; do
		n+=("${BASH_REMATCH[1]}")
		out=${out#*"${BASH_REMATCH[0]}"}
	done
	echo "${n[*]}"
}

# split WANT WHAT ADDR FILE CUTS BYTES: a replay cut at CUTS must see WANT,
# and the server must have got BYTES of it.
split() {
	local want=$1 what=$2 addr=$3 file=$4 cuts=$5 bytes=$6

	check "$want" "$what" replay "$addr" "$file" --split "$cuts"
	check_eq "$what: bytes the server got" "$(sink_bytes "$port")" "$bytes"
}

status0=$(gw appfw status -j)
gw appfw new wechat --domain wechat.com || fail "appfw new wechat failed"
split timeout "ipv4: SNI in segment 1 of 2, block" "$SERVER4" "$first" $MSS $MSS
split timeout "ipv4: SNI in segment 2 of 2, block" "$SERVER4" "$second" $MSS $MSS
# A reject answers at once: the same classification, without the wait.
gw appfw reject wechat || fail "appfw reject wechat failed"
split reset "ipv6: SNI in segment 1 of 2, reject" "$SERVER6" "$first" $MSS $MSS
split reset "ipv6: SNI in segment 2 of 2, reject" "$SERVER6" "$second" $MSS $MSS
# Three segments: the last, which completes the hello, is dropped.
split reset "ipv4: SNI cut in two, segments 1|2 of 3, reject" "$SERVER4" \
	"$first" 400,$MSS $MSS
split reset "ipv6: SNI cut in two, segments 2|3 of 3, reject" "$SERVER6" \
	"$second" $MSS,1458 1458
status1=$(gw appfw status -j)
check_eq "flows decided by SNI" \
	$(($(json_num "$status1" decided_sni) - $(json_num "$status0" decided_sni))) 6
check_eq "wechat flows" "$(app_num wechat flows)" 6

# A policy that does not match: every byte of every hello arrives.
gw appfw del wechat || fail "appfw del wechat failed"
gw appfw new example --domain example.org || fail "appfw new example failed"
for addr in "$SERVER4" "$SERVER6"; do
	split ok "$addr: SNI in segment 1 of 2, no app" "$addr" "$first" $MSS \
		"$size_first"
	split ok "$addr: SNI in segment 2 of 2, no app" "$addr" "$second" $MSS \
		"$size_second"
done
read -r seg0 _ < <(segments)
split ok "ipv4: SNI cut in two, 3 segments, no app" "$SERVER4" "$second" \
	$MSS,1458 "$size_second"
read -r seg1 big < <(segments)
# At least: a segment may be sent twice (a tail loss probe under TCG).
if ((seg1 - seg0 >= 3)); then
	pass "ipv4: the gw forwarded the hello cut in 3 as $((seg1 - seg0)) segments"
else
	fail "ipv4: the gw forwarded the hello cut in 3 as $((seg1 - seg0)) segments, want >= 3"
fi
check_eq "ipv4: packets to port 443 larger than the MTU" "$big" 0

status2=$(gw appfw status -j)
check_eq "flows decided as no app" \
	$(($(json_num "$status2" decided_none) - $(json_num "$status1" decided_none))) 5
check_eq "flows decided by SNI while nothing matched" \
	$(($(json_num "$status2" decided_sni) - $(json_num "$status1" decided_sni))) 0
check_eq "flow table entries left" "$(json_num "$status2" active)" 0
check_eq "segments out of order" "$(json_num "$status2" out_of_order)" 0
check_eq "hellos given up, flow table full" "$(json_num "$status2" table_full)" 0
check_eq "malformed ClientHellos" "$(json_num "$status2" malformed)" 0

# The inspection depth: with config depth 2, a hello in three segments is
# still incomplete after two, and the flow is decided as no app.
gw appfw new wechat --action reject --domain wechat.com || fail "appfw new wechat failed"
gw appfw config --depth 2 >/dev/null || fail "appfw config --depth 2 failed"
split ok "depth 2: SNI in segment 1 of 3: no app" "$SERVER4" "$first" \
	400,$MSS "$size_first"
split reset "depth 2: SNI in segment 2 of 2: wechat" "$SERVER4" "$second" \
	$MSS $MSS

# The bounded table and its timeout (module parameters): with room for
# one hello, kept for 2 s, a second split hello while the first waits
# finds the table full and is decided as no app; the first, whose second
# segment comes 4 s later, has expired and is decided as no app too. A
# slower kernel (the debug tier's) stretches both times: the second hello
# and the status after it take longer than 2 s there.
scale=${APPFW_TIME_SCALE:-1}
if rmmod appfw && modprobe appfw max_flows=1 flow_timeout=$((2 * scale)); then
	gw appfw new wechat --action reject --domain wechat.com ||
		fail "appfw new wechat failed"
else
	fail "cannot reload appfw with max_flows=1 flow_timeout=$((2 * scale))"
fi
slow() {
	client tlsreplay -t $((10000 * scale)) --pause $((4000 * scale)) \
		"$SERVER4" 443 "$first" \
		--split $MSS
}
bg "$lib_tmp/slow.log" slow
slow_pid=$!
slow_port() {
	[[ $(<"$lib_tmp/slow.log") =~ connected\ ([0-9]+) ]] &&
		slow_port=${BASH_REMATCH[1]}
}
# Its first segment is kept in the table once the server has it.
slow_first() {
	slow_port && (($(sink_bytes "$slow_port") == MSS))
}
busywait 10000 slow_first || fail "the slow hello's first segment never arrived"
split ok "table full: a second split hello meanwhile: no app" "$SERVER4" \
	"$second" $MSS "$size_second"
st=$(gw appfw status -j)
check_eq "table full: flow table active, limit" \
	"$(json_num "$st" active) $(json_num "$st" limit)" "1 1"
wait "$slow_pid"
check_eq "expired: the slow hello, tlsreplay's exit status (0: reply)" "$?" 0
check_eq "expired: bytes the server got of the slow hello" \
	"$(sink_bytes "$slow_port")" "$size_first"
st=$(gw appfw status -j)
check_eq "table full: hellos given up, flows evicted" \
	"$(json_num "$st" table_full) $(json_num "$st" evicted)" "1 1"
check_eq "expired and full: flows decided as no app, by SNI" \
	"$(json_num "$st" decided_none) $(json_num "$st" decided_sni)" "2 0"
check_eq "flow table active at the end" "$(json_num "$st" active)" 0
lib_done
