#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# appfw shares the conntrack mark and skb->mark with other users: nftables
# rules in the gw set other bits of both, before and after appfw's hook,
# and every one of them survives while appfw writes its own (under the
# mark mask: the lowest bit "decided", the app id above it), still acts on
# the flow, and with skb-mark on copies its bits into skb->mark, where an
# nft rule matches them. The same with a mask of 0xfff00000.
#
#   client (tlsreplay --lines) ---- gw (nft + appfw) ---- server (tcpsink)
. /tests/lib.sh
. /tests/vm/tests/classify.lib
lib_init vm/mark

ID=5
if ! classify_setup || ! sink 443; then lib_done; fi
# Bits 0x1 and 0x100 of the ct mark are another user's, set once, on the
# flow's first packet, before and after appfw's hook, long before appfw
# decides (at the ClientHello); 0x2 of skb->mark is set on every packet
# before appfw. The counters look for appfw's bits in skb->mark with the
# default mask (app 5, decided: (5 << 1 | 1) << 16), with bit 0x2 still
# there, and with the mask 0xfff00000.
gw nft -f - <<'NFT' || fail "cannot add the nft rules"
table inet appfw_mark {
	chain before {
		type filter hook forward priority -200; policy accept;
		ct state new ct mark set ct mark or 0x1
		meta mark set meta mark or 0x2
	}
	chain after {
		type filter hook forward priority 0; policy accept;
		ct state new ct mark set ct mark or 0x100
		meta mark & 0xffff0000 == 0x000b0000 counter
		meta mark == 0x000b0002 counter
		meta mark & 0xfff00000 == 0x00b00000 counter
	}
}
NFT
# nft_counters: the three counters' packets, space-separated.
nft_counters() {
	local out n=()

	out=$(gw nft list chain inet appfw_mark after)
	while [[ $out =~ counter\ packets\ ([0-9]+) ]]; do
		n+=("${BASH_REMATCH[1]}")
		out=${out#*"${BASH_REMATCH[0]}"}
	done
	echo "${n[*]}"
}
# ct_mark PORT: the ct mark of the client's flow from PORT, in hex.
ct_mark() {
	local out

	out=$(gw conntrack -L -p tcp --sport "$1" 2>/dev/null)
	[[ $out =~ mark=([0-9]+) ]] && printf '0x%x\n' "${BASH_REMATCH[1]}"
}

gw appfw new wechat --id $ID --action allow --domain wechat.com ||
	fail "appfw new wechat failed"
gw appfw config --skb-mark on || fail "appfw config --skb-mark on failed"

open_flow a 443 --sni web.wechat.com
step a reply "mask 0xffff0000: the ClientHello (wechat allowed)" -
step a reply "mask 0xffff0000: more data"
port=$(flow_port a)
check_eq "mask 0xffff0000: ct mark (0x1, 0x100 another user's)" "$(ct_mark "$port")" 0xb0101
read -r id_bits exact _ < <(nft_counters)
if ((${id_bits:-0} >= 4 && id_bits == exact)); then
	pass "mask 0xffff0000: skb->mark carried app $ID on $id_bits packets, bit 0x2 kept on each"
else
	fail "mask 0xffff0000: skb->mark: app $ID on ${id_bits:-?} packets, with bit 0x2 on ${exact:-?} (want >= 4, equal)"
fi
gw appfw block wechat || fail "appfw block wechat failed"
step a timeout "mask 0xffff0000: next packet after appfw block, other bits set"
check_eq "mask 0xffff0000: ct mark still keeps 0x101" "$(ct_mark "$port")" 0xb0101

# Another mask: the app id moves up, the other bits still stay.
gw appfw allow wechat || fail "appfw allow wechat failed"
gw appfw config --mark-mask 0xfff00000 || fail "appfw config --mark-mask 0xfff00000 failed"
out=$(gw appfw config)
out=${out//$'\n'/, }
[[ $out == *0xfff00000* && $out == *"skb-mark on"* ]] &&
	pass "appfw config: $out" || fail "appfw config: $out, want mark-mask 0xfff00000 and skb-mark on"
open_flow b 443 --sni web.wechat.com
step b reply "mask 0xfff00000: the ClientHello (wechat allowed)" -
step b reply "mask 0xfff00000: more data"
check_eq "mask 0xfff00000: ct mark" "$(ct_mark "$(flow_port b)")" 0xb00101
read -r _ _ high < <(nft_counters)
((${high:-0} >= 4)) && pass "mask 0xfff00000: skb->mark carried app $ID on $high packets" ||
	fail "mask 0xfff00000: skb->mark carried app $ID on ${high:-?} packets, want >= 4"
gw appfw reject wechat || fail "appfw reject wechat failed"
step b reset "mask 0xfff00000: next packet after appfw reject"
lib_done
