#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# HTTP/1.x Host with real clients (curl and busybox wget) against busybox
# httpd through the gw, over IPv4 and IPv6: the Host of the first request
# decides, its name matched without regard to case and without its port.
#
#   client (curl, wget) ---- gw (appfw: qq block, tiktok reject) ---- httpd :80
. /tests/lib.sh
. /tests/vm/tests/classify.lib
lib_init vm/http-host

if ! classify_setup || ! http_server 80; then lib_done; fi
if ! gw appfw new qq --domain qq.com ||
	! gw appfw new tiktok --action reject --domain tiktok.com; then
	fail "cannot create the apps"
fi
st0=$(gw appfw status -j)

check timeout "ipv4: curl, Host www.qq.com (block)" curl_http "$SERVER4" www.qq.com
check timeout "ipv6: wget, Host www.qq.com (block)" wget_http "$SERVER6" www.qq.com
check reset "ipv4: wget, Host www.tiktok.com (reject)" wget_http "$SERVER4" www.tiktok.com
check reset "ipv6: curl, Host www.tiktok.com (reject)" curl_http "$SERVER6" www.tiktok.com
check reset "ipv4: curl, Host WWW.TikTok.COM:8080 (reject)" curl_http "$SERVER4" WWW.TikTok.COM:8080
check reset "ipv6: wget, Host tiktok.com. (reject)" wget_http "$SERVER6" tiktok.com.
check ok "ipv4: curl, Host notqq.com (no app)" curl_http "$SERVER4" notqq.com
check ok "ipv6: curl, Host www.example.org:80 (no app)" curl_http "$SERVER6" www.example.org:80
check ok "ipv4: wget, Host example.org (no app)" wget_http "$SERVER4" example.org
check ok "ipv6: wget, Host qq.com.example.net (no app)" wget_http "$SERVER6" qq.com.example.net

st1=$(gw appfw status -j)
delta() { echo $(($(json_num "$st1" "$1") - $(json_num "$st0" "$1"))); }
check_eq "flows decided by Host" "$(delta decided_host)" 6
check_eq "flows decided as no app" "$(delta decided_none)" 4
check_eq "flows decided by SNI" "$(delta decided_sni)" 0
check_eq "qq flows" "$(app_num qq flows)" 2
check_eq "tiktok flows" "$(app_num tiktok flows)" 4
lib_done
