#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Decided flows follow their app's current action: a TCP flow that opened
# with Chromium's ClientHello for web.wechat.com while wechat was allowed
# is cut at its next packet by `appfw block wechat` (dropped: no reply),
# let go again by `appfw allow` (TCP's retransmission gets through), cut
# again, and released for good by `appfw del wechat`. Another open flow
# meets a reset at its next packet after `appfw reject`.
#
#   client (tlsreplay --lines, held open) ---- gw ---- server (tcpsink)
. /tests/lib.sh
. /tests/vm/tests/classify.lib
lib_init vm/live-change

hello=$FIXTURES/chromium-sni-second.bin
# Flow a's server answers once the whole hello is in, then every read;
# flow b's answers every read.
if ! classify_setup || ! sink 443 "$(stat -c %s "$hello")" || ! sink 4443; then
	lib_done
fi
if ! gw appfw new wechat --action allow --domain wechat.com ||
	! gw appfw new tiktok --action allow --domain tiktok.com; then
	fail "cannot create the apps"
fi

open_flow a 443 "$hello" --split 1448
# The hello itself: the server answers once it has all of it.
step a reply "flow a: the ClientHello, wechat allowed" -
check_eq "wechat flows" "$(app_num wechat flows)" 1

gw appfw block wechat || fail "appfw block wechat failed"
step a timeout "flow a: next packet after appfw block wechat"
gw appfw allow wechat || fail "appfw allow wechat failed"
# The dropped line comes back with TCP's retransmission (RTO >= 200 ms).
step a reply "flow a: the retransmission after appfw allow wechat" "wait 5000"
gw appfw block wechat || fail "appfw block wechat failed"
step a timeout "flow a: blocked again"
blocked=$(app_num wechat blocked)
((${blocked:-0} >= 2)) && pass "wechat blocked packets: $blocked" ||
	fail "wechat blocked packets: ${blocked:-none}, want >= 2"
gw appfw del wechat || fail "appfw del wechat failed"
step a reply "flow a: the retransmission after appfw del wechat" "wait 5000"
step a reply "flow a: next packet, its app gone"

open_flow b 4443 --sni www.tiktok.com
step b reply "flow b: the ClientHello, tiktok allowed" -
gw appfw monitor tiktok || fail "appfw monitor tiktok failed"
step b reply "flow b: next packet after appfw monitor tiktok"
gw appfw reject tiktok || fail "appfw reject tiktok failed"
step b reset "flow b: next packet after appfw reject tiktok"
lib_done
