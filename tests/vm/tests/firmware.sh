#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The firmware build runs on Debian's kernel: tests/lint/firmware.sh's
# last build (make STATIC=1 NO_QUIC=1 NO_PCAP=1), which mkinitramfs.sh adds
# as /firmware. The static appfw adds wechat; appfwd, built without QUIC,
# says so, registers with the module, and gives a QUIC flow to a blocked
# name the fallback: no app, so Chromium's wechat Initials all pass (the
# full agent drops them, see appfwd-quic.sh), and no flow is decided by
# the QUIC SNI.
#
#   client (quicreplay) ---- gw (appfw, firmware appfwd) ---- server (UDP :443)
. /tests/lib.sh
. /tests/vm/tests/classify.lib
lib_init vm/firmware

fw=/firmware
WECHAT=$FIXTURES/chromium-quic-web.wechat.com.dgrams
NDGRAMS=5

if [[ ! -x $fw/appfw || ! -x $fw/appfwd ]]; then
	skip "no /firmware: the lint tier (tests/lint/firmware.sh) builds it before the VM tier"
	lib_done
fi
if ! classify_setup || ! udp_server; then lib_done; fi

out=$(gw "$fw/appfw" add wechat 2>&1)
check_eq "static appfw add wechat: exit ($(oneline "$out"))" "$?" 0
log=$lib_tmp/appfwd.log
bg "$log" gw "$fw/appfwd" -q 0
if ! wait_log "$log" '^appfwd: registered queues 0-0'; then
	fail "firmware appfwd never registered: $(oneline "$(cat "$log")")"
	lib_done
fi
pass "firmware appfwd registered with the module"
grep -q '^appfwd: QUIC support not built in: QUIC flows get the fallback$' "$log"
check_eq "firmware appfwd says QUIC is not built in" "$?" 0

s0=$(gw appfw status -j)
before=$(passed_udp)
out=$(client quicreplay -g 20 "$SERVER4" 443 "$WECHAT" 2>&1) ||
	fail "quicreplay: $(oneline "$out")"
busywait 5000 eval '(( $(passed_udp) - before >= NDGRAMS ))'
check_eq "blocked name's QUIC datagrams through (the fallback)" \
	$(($(passed_udp) - before)) "$NDGRAMS"
s1=$(gw appfw status -j)
check_eq "flows decided by QUIC SNI" \
	$(($(json_num "$s1" decided_quic) - $(json_num "$s0" decided_quic))) 0
lib_done
