#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A namespace's policy is its own: apps made in gw a are not listed,
# looked up or enforced in gw b, nor in a fresh namespace, and counters
# move only where the traffic went -- exactly: N pings to a blocked
# prefix are N packets of 104 bytes blocked, in one flow.
#
#   client a ---- gw a (wechat reject, v6net block) ---- server a
#   client b ---- gw b (no apps)                     ---- server b
. /tests/lib.sh
. /tests/vm/tests/classify.lib
lib_init vm/pernet-policy

N=5
hello=$FIXTURES/chromium-sni-first.bin
size=$(stat -c %s "$hello")
# The servers answer a whole hello only.
if ! classify_setup || ! sink 443 "$size"; then lib_done; fi
a_client=$ns_client a_gw=$ns_gw
if ! topo_create || ! sink 443 "$size"; then
	fail "cannot build topology b"
	lib_done
fi
b_client=$ns_client b_gw=$ns_gw
client ethtool -K eth0 tso off gso off gro off >/dev/null ||
	fail "ethtool: cannot turn client b's offloads off"
ns_new fresh

# use a|b: the wrappers (client, gw) act on that topology.
use() {
	if [[ $1 == a ]]; then
		ns_client=$a_client ns_gw=$a_gw
	else
		ns_client=$b_client ns_gw=$b_gw
	fi
}

use a
if ! gw appfw new wechat --action reject --domain wechat.com ||
	! gw appfw new v6net --prefix 2001:db8:2::/64; then
	fail "cannot create the apps in gw a"
fi
out=$(gw appfw list -j)
[[ $out == *'"name":"wechat"'* && $out == *'"name":"v6net"'* ]] &&
	pass "gw a lists its apps" || fail "gw a's appfw list -j: $out"
for ns in "$b_gw" "$fresh"; do
	what="gw b"
	[[ $ns == "$fresh" ]] && what="a fresh netns"
	check_eq "$what: appfw list -j" "$(in_ns "$ns" appfw list -j 2>&1)" "[]"
	out=$(in_ns "$ns" appfw test web.wechat.com -j 2>&1)
	[[ $out =~ \"app\":\ *null ]] && pass "$what: appfw test web.wechat.com: no app" ||
		fail "$what: appfw test web.wechat.com: $out"
	st=$(in_ns "$ns" appfw status -j)
	check_eq "$what: policy apps" "$(json_num "$st" apps)" 0
done
out=$(gw appfw test web.wechat.com -j 2>&1)
[[ $out =~ \"app\":\ *\"wechat\" ]] && pass "gw a: appfw test web.wechat.com: wechat" ||
	fail "gw a: appfw test web.wechat.com: $out"

# The same traffic through both.
check reset "through gw a: Chromium hello for web.wechat.com" \
	replay "$SERVER4" "$hello" --split 1448
use b
check ok "through gw b: Chromium hello for web.wechat.com" \
	replay "$SERVER4" "$hello" --split 1448
check_eq "gw b: pings to $SERVER6 answered" "$(pings "$b_client" "$SERVER6" $N)" $N
st=$(gw appfw status -j)
check_eq "gw b: flows decided by prefix, by SNI" \
	"$(json_num "$st" decided_prefix) $(json_num "$st" decided_sni)" "0 0"

use a
check_eq "gw a: pings to $SERVER6 answered" "$(pings "$a_client" "$SERVER6" $N)" 0
j=$(gw appfw show v6net -j)
check_eq "gw a: v6net after $N blocked pings: packets bytes flows blocked" \
	"$(json_num "$j" packets) $(json_num "$j" bytes) $(json_num "$j" flows) $(json_num "$j" blocked)" \
	"$N $((N * 104)) $N $N"
check_eq "gw a: wechat flows" "$(app_num wechat flows)" 1
lib_done
