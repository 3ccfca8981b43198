#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# appfw add from the catalog (/usr/share/appfw, copied from
# userspace/catalog): `appfw add wechat` blocks WeChat's names from the
# catalog while other names load, leaves the Tencent-wide shared domains
# out (and says so), and `appfw del wechat` lets them through again. A
# group adds its apps with known domains in one go; an unknown name
# changes nothing.
#
#   client ---- gw (appfw add ...) ---- server :443
. /tests/lib.sh
. /tests/vm/tests/classify.lib
lib_init vm/catalog-add

if ! classify_setup || ! tls_server 443; then lib_done; fi

# run_gw VAR CMD...: CMD on the gw, stdout and stderr into VAR, $rc set.
run_gw() {
	local -n out_=$1

	shift
	out_=$(gw "$@" 2>&1)
	rc=$?
}

run_gw out appfw add wechat
check_eq "appfw add wechat: exit" "$rc" 0
check_eq "appfw add wechat: says the shared entries were left out" "$out" \
	"appfw: add: wechat: left out 11 shared domains and 70 shared prefixes (used by other Tencent services too); --shared adds them"
run_gw out appfw test web.wechat.com
check_eq "appfw test web.wechat.com" "$out" \
	"web.wechat.com: wechat block (domain wechat.com)"
run_gw out appfw test qq.com
check_eq "appfw test qq.com (shared, left out)" "$out" "qq.com: no app"

check timeout "ipv4: s_client -servername web.wechat.com (wechat added)" \
	sclient "$SERVER4" web.wechat.com
check ok "ipv4: s_client -servername www.example.org (no app)" \
	sclient "$SERVER4" www.example.org
check timeout "ipv6: curl https://wx.qq.com/ (wechat added)" \
	curl_https "$SERVER6" wx.qq.com
check_eq "wechat flows" "$(app_num wechat flows)" 2

# A second add of the same app changes nothing and says so.
run_gw out appfw add wechat
check_eq "appfw add wechat again: exit" "$rc" 0
check_eq "appfw add wechat again: message" "$out" \
	"appfw: add: wechat: already in the policy (id 1); unchanged"

# An unknown name, even next to a known one, changes nothing.
before=$(gw appfw save - 2>&1)
run_gw out appfw add tiktok nosuchapp
check_eq "appfw add tiktok nosuchapp: exit" "$rc" 1
check_eq "appfw add tiktok nosuchapp: message" "$out" \
	"appfw: add: unknown app or group \"nosuchapp\" (see: appfw apps nosuchapp)"
after=$(gw appfw save - 2>&1)
if [[ $after == "$before" && $before == *"app wechat "* ]]; then
	pass "policy unchanged after the unknown name"
else
	fail "policy changed after the unknown name: $(oneline "$after")"
fi

# A group: the 28 apps of india-2020 that own domains (wechat is one of
# them, there already); the others are named on stderr, nothing added.
run_gw out appfw add india-2020
check_eq "appfw add india-2020: exit" "$rc" 0
check_eq "appfw add india-2020: apps with no known domains named" \
	"$(grep -c 'no known domains or prefixes; nothing added$' <<<"$out")" 18
check_eq "appfw add india-2020: shared-only apps named" \
	"$(grep -c 'nothing added without --shared$' <<<"$out")" 13
run_gw list appfw list -j
names=$(grep -o '"name":"[^"]*"' <<<"$list" | wc -l)
check_eq "appfw list: apps after india-2020" "$names" 28
for app in tiktok shareit camscanner cache-cleaner du-browser; do
	if [[ $list == *"\"name\":\"$app\""* ]]; then
		pass "appfw list shows $app"
	else
		fail "appfw list lacks $app: $(oneline "$list")"
	fi
done
if [[ $list == *'"name":"clash-of-kings"'* ]]; then
	fail "clash-of-kings (no known domains) was added"
else
	pass "clash-of-kings (no known domains) not added"
fi
run_gw out appfw test www.tiktok.com
check_eq "appfw test www.tiktok.com" "${out%% (*}" "www.tiktok.com: tiktok block"
# duapps.com, listed by all six DU apps, goes to the first in the group.
run_gw out appfw test api.duapps.com
check_eq "appfw test api.duapps.com (one owner)" "${out%% (*}" \
	"api.duapps.com: du-battery-saver block"

run_gw out appfw del wechat
check_eq "appfw del wechat: exit" "$rc" 0
run_gw out appfw test web.wechat.com
check_eq "appfw test web.wechat.com after del" "$out" "web.wechat.com: no app"
check ok "ipv4: s_client -servername web.wechat.com after appfw del wechat" \
	sclient "$SERVER4" web.wechat.com
lib_done
