#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Decision events reach a listener (`appfw monitor -j` in the gw): one per
# flow decided as an app, whatever its action and however many packets
# it has, none for flows of no app, each with the app, its action, what
# decided (sni, host, prefix), the name seen, the entry that matched, and
# the flow's addresses and ports. With the module parameter event_rate=0
# none is sent and every one is counted as dropped.
#
#   client ---- gw (appfw; appfw monitor -j) ---- server (tcpsink)
. /tests/lib.sh
. /tests/vm/tests/classify.lib
lib_init vm/events

if ! classify_setup || ! server_alias || ! sink 443; then lib_done; fi
if ! gw appfw new wechat --action monitor --domain wechat.com ||
	! gw appfw new tiktok --action reject --domain tiktok.com ||
	! gw appfw new cdn --prefix "$ALIAS4/32"; then
	fail "cannot create the apps"
fi

mon_log=$lib_tmp/monitor.log
bg "$mon_log" gw appfw monitor -j
monitor=$!
wait_log "$mon_log" listening || fail "appfw monitor never said it was listening"

# The flows, and the event each must give ("-" for none): fields in the
# order ev_fields prints them.
want=()
check ok "flow 1: Chromium hello, SNI in segment 2 (wechat monitor)" \
	replay "$SERVER4" "$FIXTURES/chromium-sni-second.bin" --split 1448
want+=("wechat monitor sni web.wechat.com wechat.com ipv4 tcp $CLIENT4 $port $SERVER4 443")
check reset "flow 2: HTTP Host WWW.TikTok.com:8080 (tiktok reject)" \
	replay "$SERVER6" --http-host WWW.TikTok.com:8080
want+=("tiktok reject host www.tiktok.com tiktok.com ipv6 tcp $CLIENT6 $port $SERVER6 443")
check_eq "flow 3: 3 pings to $ALIAS4 (cdn block): replies" \
	"$(pings "$ns_client" "$ALIAS4" 3)" 0
# A packet dropped before conntrack confirms its entry takes the entry with
# it: each echo request is a flow attempt of its own, with its own event.
for _ in 1 2 3; do
	want+=("cdn block prefix null $ALIAS4/32 ipv4 icmp $CLIENT4 null $ALIAS4 null")
done
check ok "flow 4: SNI www.example.org (no app, no event)" \
	replay "$SERVER4" --sni www.example.org
check ok "flow 5: Chromium hello over IPv6, 3 segments (wechat monitor)" \
	replay "$SERVER6" "$FIXTURES/chromium-sni-first.bin" --split 100,1448
want+=("wechat monitor sni web.wechat.com wechat.com ipv6 tcp $CLIENT6 $port $SERVER6 443")

# ev_fields LINE: the fields of one JSON event, space-separated, names in
# lower case (a name is compared without regard to case).
ev_fields() {
	local key v f=()

	for key in app action source name entry family proto saddr sport daddr dport; do
		if [[ $1 =~ \"$key\":\ *\"([^\"]*)\" ]]; then
			v=${BASH_REMATCH[1]}
		elif [[ $1 =~ \"$key\":\ *([0-9a-z]+) ]]; then
			v=${BASH_REMATCH[1]}
		else
			v="?"
		fi
		[[ $key == name ]] && v=${v,,}
		f+=("$v")
	done
	echo "${f[*]}"
}

# events: the JSON lines the monitor printed so far.
events=()
read_events() {
	local line

	events=()
	while read -r line; do
		[[ $line == "{"* ]] && events+=("$line")
	done <"$mon_log"
	((${#events[@]} >= $1))
}
busywait 5000 read_events ${#want[@]} ||
	fail "the monitor printed ${#events[@]} events, want ${#want[@]}"
stop "$monitor"
rc=$?
check_eq "appfw monitor's exit status after SIGTERM" "$rc" 0
read_events 0
check_eq "events, one per flow of an app" "${#events[@]}" ${#want[@]}
for i in "${!want[@]}"; do
	check_eq "event $((i + 1))" "$(ev_fields "${events[i]:-}")" "${want[i]}"
done
[[ ${events[0]:-} =~ \"time\":\ *\"[0-9-]+T[0-9:.]+Z\" ]] &&
	pass "events carry a UTC time stamp" ||
	fail "event 1 has no UTC time stamp: ${events[0]:-}"
check_eq "events dropped" "$(json_num "$(gw appfw status -j)" events_dropped)" 0

# event_rate=0: none sent, each counted as dropped.
rmmod appfw || fail "rmmod appfw failed"
modprobe appfw event_rate=0 || fail "modprobe appfw event_rate=0 failed"
gw appfw new wechat --action monitor --domain wechat.com ||
	fail "appfw new wechat failed"
bg "$mon_log" gw appfw monitor -j
monitor=$!
wait_log "$mon_log" listening || fail "appfw monitor never said it was listening"
for i in 1 2 3; do
	check ok "event_rate=0: flow $i (wechat monitor)" replay "$SERVER4" --sni web.wechat.com
done
st=$(gw appfw status -j)
check_eq "event_rate=0: flows decided by SNI" "$(json_num "$st" decided_sni)" 3
check_eq "event_rate=0: events dropped" "$(json_num "$st" events_dropped)" 3
stop "$monitor"
read_events 0
check_eq "event_rate=0: events the monitor printed" "${#events[@]}" 0
lib_done
