#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Real TLS clients through the gw, over IPv4 and IPv6: openssl s_client
# -servername and curl --resolve reach a real OpenSSL server unless the
# SNI names a blocked app (then they time out: the ClientHello is
# dropped) or a rejecting one (then a TCP reset ends them at once). Any
# other name passes untouched, and so does a blocked app once allowed.
#
#   client ---- gw (appfw: wechat block, tiktok reject) ---- server :443
. /tests/lib.sh
. /tests/vm/tests/classify.lib
lib_init vm/tls-sni

if ! classify_setup || ! tls_server 443; then lib_done; fi
gw appfw new wechat --domain wechat.com || fail "appfw new wechat failed"
gw appfw new tiktok --action reject --domain tiktok.com ||
	fail "appfw new tiktok failed"

# Each client meets each outcome once, over one family or the other, and
# passes over both (a blocked flow costs its whole timeout).
check timeout "ipv4: s_client -servername web.wechat.com (block)" \
	sclient "$SERVER4" web.wechat.com
check timeout "ipv6: curl https://web.wechat.com/ (block)" \
	curl_https "$SERVER6" web.wechat.com
check reset "ipv4: curl https://www.tiktok.com/ (reject)" \
	curl_https "$SERVER4" www.tiktok.com
check reset "ipv6: s_client -servername www.tiktok.com (reject)" \
	sclient "$SERVER6" www.tiktok.com
for addr in "$SERVER4" "$SERVER6"; do
	fam=$(family_of "$addr")
	check ok "$fam: s_client -servername www.example.org (no app)" \
		sclient "$addr" www.example.org
	check ok "$fam: curl https://www.example.org/ (no app)" \
		curl_https "$addr" www.example.org
done

# Each blocked ClientHello was dropped, and retransmitted into the drop.
apps_read
check_eq "wechat flows after 2 clients" "$(app_field wechat flows)" 2
blocked=$(app_field wechat blocked)
if ((${blocked:-0} >= 4)); then
	pass "wechat blocked packets: $blocked (>= 2 per flow)"
else
	fail "wechat blocked packets: ${blocked:-none}, want >= 4"
fi
check_eq "tiktok flows after 2 clients" "$(app_field tiktok flows)" 2

# How fast a reject fails, timed on the network: Chromium's ClientHello
# for web.wechat.com, replayed, meets a reset within a round trip.
gw appfw reject wechat || fail "appfw reject wechat failed"
for addr in "$SERVER4" "$SERVER6"; do
	check reset "$(family_of "$addr"): replayed Chromium ClientHello, wechat rejected" \
		replay "$addr" "$FIXTURES/chromium-sni-first.bin"
done

gw appfw allow wechat || fail "appfw allow wechat failed"
check ok "ipv4: curl https://web.wechat.com/ once wechat is allowed" \
	curl_https "$SERVER4" web.wechat.com
check ok "ipv6: s_client -servername web.wechat.com once wechat is allowed" \
	sclient "$SERVER6" web.wechat.com
lib_done
