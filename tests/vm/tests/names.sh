#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Name matching on real flows, by TLS SNI (IPv4) and by HTTP Host (IPv6),
# and by the kernel's dry run (appfw test): domains match on whole labels
# (mytiktok.com and tiktok.com.example.net are not tiktok.com), without
# regard to case, a trailing dot ignored, the port of a Host stripped; the
# longest domain wins between two apps (weixin.qq.com over qq.com) and an
# exact host beats every domain. Apps that reject make a match show at
# once as a reset; names of no app or of an allowed app get the server's
# reply.
#
#   client (tlsreplay --sni / --http-host) ---- gw ---- server (tcpsink)
. /tests/lib.sh
. /tests/vm/tests/classify.lib
lib_init vm/names

if ! classify_setup || ! sink 443; then lib_done; fi
if ! gw appfw new tiktok --action reject --domain tiktok.com ||
	! gw appfw new qq --action reject --domain qq.com ||
	! gw appfw new weixin --action allow --domain weixin.qq.com ||
	! gw appfw new qqmail --action allow --host mail.qq.com; then
	fail "cannot create the apps"
fi

# NAME APP (- for none): which app the name belongs to.
cases=(
	tiktok.com tiktok
	www.tiktok.com tiktok
	mytiktok.com -
	tiktok.com.example.net -
	tiktok.co -
	TIKTOK.COM tiktok
	WwW.TikTok.CoM tiktok
	tiktok.com. tiktok
	www.tiktok.com. tiktok
	qq.com qq
	www.qq.com qq
	notqq.com -
	weixin.qq.com weixin
	a.b.weixin.qq.com weixin
	xweixin.qq.com qq
	mail.qq.com qqmail
	x.mail.qq.com qq
)

# lookup NAME: the app appfw test names, or "no app".
lookup() {
	local out

	out=$(gw appfw test "$1" -j 2>&1) || {
		echo "error: $out"
		return
	}
	if [[ $out =~ \"app\":\ *\"([^\"]*)\" ]]; then
		echo "${BASH_REMATCH[1]}"
	elif [[ $out =~ \"app\":\ *null ]]; then
		echo "no app"
	else
		echo "error: $out"
	fi
}

# The kernel's dry run, for a few names of each kind.
for name in mytiktok.com tiktok.com.example.net WwW.TikTok.CoM \
	www.tiktok.com. a.b.weixin.qq.com xweixin.qq.com mail.qq.com \
	x.mail.qq.com; do
	for ((i = 0; i < ${#cases[@]}; i += 2)); do
		[[ ${cases[i]} == "$name" ]] && check_eq "appfw test $name" \
			"$(lookup "$name")" "${cases[i + 1]/#-/no app}"
	done
done

# Real flows: every name as an SNI over IPv4 and as a Host over IPv6,
# each flow its own connection (one tlsreplay --each per family).
names=()
for ((i = 0; i < ${#cases[@]}; i += 2)); do
	names+=("${cases[i]}")
done
replay_each "$SERVER4" sni "${names[@]}"
replay_each "$SERVER6" host "${names[@]}" TikTok.com:8080 mytiktok.com:443
declare -A flows=()
for ((i = 0; i < ${#cases[@]}; i += 2)); do
	name=${cases[i]} app=${cases[i + 1]}
	want=ok
	[[ $app == tiktok || $app == qq ]] && want=reset
	what=${app/#-/no app}
	check "$want" "ipv4: TLS SNI $name ($what)" each_get "$SERVER4" sni "$name"
	check "$want" "ipv6: HTTP Host $name ($what)" each_get "$SERVER6" host "$name"
	flows[$app]=$((${flows[$app]:-0} + 2))
done
# A Host may carry a port: it is not part of the name.
check reset "ipv6: HTTP Host TikTok.com:8080 (tiktok)" \
	each_get "$SERVER6" host TikTok.com:8080
flows[tiktok]=$((flows[tiktok] + 1))
check ok "ipv6: HTTP Host mytiktok.com:443 (no app)" \
	each_get "$SERVER6" host mytiktok.com:443

# Every flow was counted for the app its name belongs to, and no other.
apps_read
for app in tiktok qq weixin qqmail; do
	check_eq "$app: flows" "$(app_field "$app" flows)" "${flows[$app]}"
done
lib_done
