#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# IP prefixes decide a flow at its first packet: a blocked destination
# never completes a TCP handshake (no packet reaches the server), a
# rejected one refuses it at once (a reset answers the SYN; UDP gets ICMP
# "administratively prohibited"), over IPv4 and IPv6. The longest prefix
# wins, and a prefix match takes precedence over the SNI. Counters are
# exact for pings: N echoes allowed are 2N packets, blocked N.
#
#   client ---- gw (appfw) ---- server 198.51.100.2  2001:db8:2::2  (srv: allow)
#                                      198.51.100.10 2001:db8:2::10 (net: reject)
. /tests/lib.sh
. /tests/vm/tests/classify.lib
lib_init vm/prefix

N=5
if ! classify_setup || ! server_alias || ! sink 443; then lib_done; fi
if ! gw appfw new net --action reject --prefix 198.51.100.0/24 \
	--prefix 2001:db8:2::/64 ||
	! gw appfw new srv --action allow --prefix "$SERVER4/32" \
		--prefix "$SERVER6/128" ||
	! gw appfw new wechat --action reject --domain wechat.com; then
	fail "cannot create the apps"
fi
# What reaches the server for the second address: nothing, if appfw acts
# at the first packet.
server nft -f - <<NFT || fail "cannot add the server's nft counter"
table inet appfw_test {
	chain input {
		type filter hook input priority 0; policy accept;
		ip daddr $ALIAS4 counter
		ip6 daddr $ALIAS6 counter
	}
}
NFT
# alias_packets: packets that reached the server's second address.
alias_packets() {
	local out sum=0

	out=$(server nft list chain inet appfw_test input)
	while [[ $out =~ counter\ packets\ ([0-9]+) ]]; do
		sum=$((sum + BASH_REMATCH[1]))
		out=${out#*"${BASH_REMATCH[0]}"}
	done
	echo "$sum"
}

check_lookup "$ALIAS4" "net 198.51.100.0/24"
check_lookup "$SERVER6" "srv $SERVER6/128"
check_lookup 203.0.113.5 "no app"

st0=$(gw appfw status -j)
for addr in "$ALIAS4" "$ALIAS6"; do
	check refused "$(family_of "$addr"): TCP to a rejected prefix" replay "$addr" --sni x.example
done
# The SNI names a rejecting app, but the allowed /32 decided first.
for addr in "$SERVER4" "$SERVER6"; do
	check ok "$(family_of "$addr"): web.wechat.com to an allowed prefix" \
		replay "$addr" --sni web.wechat.com
done
check_eq "wechat flows (the prefix decided first)" "$(app_num wechat flows)" 0

gw appfw block net || fail "appfw block net failed"
for addr in "$ALIAS4" "$ALIAS6"; do
	check "connect timeout" "$(family_of "$addr"): TCP to a blocked prefix" \
		replay "$addr" --sni x.example
	check timeout "$(family_of "$addr"): UDP to a blocked prefix" \
		replay "$addr" --udp --sni x.example
done
check_eq "packets that reached the blocked address" "$(alias_packets)" 0

# UDP: rejected with ICMP admin prohibited; with no app, the server's own
# port unreachable comes back (nothing listens there).
gw appfw reject net || fail "appfw reject net failed"
for addr in "$ALIAS4" "$ALIAS6"; do
	check unreachable "$(family_of "$addr"): UDP to a rejected prefix" \
		replay "$addr" --udp --sni x.example
done
check refused "ipv4: UDP to an allowed prefix (port unreachable)" \
	replay "$SERVER4" --udp --sni x.example
st1=$(gw appfw status -j)
# At least one per attempt; a SYN retransmitted before the client gives up
# is an attempt of its own (its first packet was dropped, see below).
decided=$(($(json_num "$st1" decided_prefix) - $(json_num "$st0" decided_prefix)))
if ((decided >= 11)); then
	pass "flows decided by prefix: $decided (>= 11)"
else
	fail "flows decided by prefix: got $decided, want >= 11"
fi
check_eq "flows decided by SNI" \
	$(($(json_num "$st1" decided_sni) - $(json_num "$st0" decided_sni))) 0

# Pings, counted exactly: blocked, each echo request is one packet of
# 84 (IPv4) or 104 bytes (IPv6) dropped; allowed, request and reply.
# net_counts: app net's "packets bytes flows blocked".
net_counts() {
	local j

	j=$(gw appfw show net -j 2>&1)
	echo "$(json_num "$j" packets) $(json_num "$j" bytes) $(json_num "$j" flows) $(json_num "$j" blocked)"
}
gw appfw block net || fail "appfw block net failed"
read -r p0 b0 f0 k0 < <(net_counts)
check_eq "$N pings to $ALIAS4 (net block): replies" "$(pings "$ns_client" "$ALIAS4" $N)" 0
check_eq "$N pings to $ALIAS6 (net block): replies" "$(pings "$ns_client" "$ALIAS6" $N)" 0
read -r p1 b1 f1 k1 < <(net_counts)
# Dropped at its first packet, a flow never gets a confirmed conntrack
# entry, so every echo request is a new flow, as with `ct state new drop`.
check_eq "2 x $N blocked pings, a flow each: packets, bytes, flows, blocked" \
	"$((p1 - p0)) $((b1 - b0)) $((f1 - f0)) $((k1 - k0))" \
	"$((2 * N)) $((N * 84 + N * 104)) $((2 * N)) $((2 * N))"
gw appfw allow net || fail "appfw allow net failed"
check_eq "$N pings to $ALIAS4 (net allow): replies" "$(pings "$ns_client" "$ALIAS4" $N)" $N
read -r p2 b2 f2 k2 < <(net_counts)
check_eq "$N allowed pings, one flow: packets, bytes, flows, blocked" \
	"$((p2 - p1)) $((b2 - b1)) $((f2 - f1)) $((k2 - k1))" "$((2 * N)) $((2 * N * 84)) 1 0"
lib_done
