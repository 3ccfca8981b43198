#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make demo`: appfw at work in the test VM, for people. Loads the module,
# builds client -> gw -> server, sends traffic across the gw and shows the
# gw's counters before and after; then blocks WeChat from the catalog,
# with TLS connections, appfw monitor and appfw list showing it, and lets
# it through again; then unloads the module.
. /tests/lib.sh
. /tests/vm/tests/classify.lib
lib_init vm/demo

say() { printf '\n== %s\n' "$*"; }
# run NS CMD...: show the command with a prompt naming the namespace
# (vm, client, gw, server), then run it there. The prompt goes to stderr
# so that a pipe after run filters only the output.
run() {
	local ns=$1 name

	shift
	name=${ns#ns_}
	printf '%s# %s\n' "${name%%-*}" "$*" >&2
	if [[ $ns == vm ]]; then
		"$@"
	else
		in_ns "$ns" "$@"
	fi
}

say "$(appfw --version 2>/dev/null | head -n 1) on Linux $(uname -r) (qemu, TCG)"
run vm modprobe appfw || { fail "modprobe appfw failed"; lib_done; }
run vm lsmod | grep -E '^(Module|appfw) '

say "A LAN client reaches a server through the gateway"
topo_create || { fail "cannot build the topology"; lib_done; }
cat <<TOPO
  client $CLIENT4 $CLIENT6
    |
  gw     $GW4_C / $GW4_S, $GW6_C / $GW6_S   (appfw hooks: forward, local_out)
    |
  server $SERVER4 $SERVER6
TOPO

say "Counters on the gateway before (setting up sent one ping per family)"
run "$ns_gw" appfw status

say "Traffic: 10 pings over IPv4 and IPv6, 1 MiB over TCP"
run "$ns_client" busybox ping -q -c 10 -i 0.05 "$SERVER4" | grep transmitted
run "$ns_client" busybox ping -q -c 10 -i 0.05 "$SERVER6" | grep transmitted
bg "$lib_tmp/sink.log" server socat -u TCP-LISTEN:5001,reuseaddr "CREATE:$lib_tmp/rx"
wait_listener "$ns_server" 5001
printf 'client# head -c 1048576 /dev/zero | socat -u - TCP:%s:5001\n' "$SERVER4"
head -c 1048576 /dev/zero | client socat -u - "TCP:$SERVER4:5001,connect-timeout=10"
busywait 10000 lib_gone "$!"
printf 'server: received %s bytes\n' "$(stat -c %s "$lib_tmp/rx")"

say "Counters on the gateway after: each ping is 2 forwarded packets (request and reply), and the TCP flow went over IPv4"
run "$ns_gw" appfw status
run "$ns_gw" appfw status -j

# tls_try NAME WANT: a TLS handshake from the client to the server,
# announcing itself as NAME (SNI), shown as a person would type it; WANT
# is ok or timeout (a blocked flow's packets are dropped: no answer).
tls_try() {
	local msg

	printf 'client# openssl s_client -brief -connect %s:443 -servername %s </dev/null\n' \
		"$SERVER4" "$1" >&2
	[[ $2 == timeout ]] && client_timeout=$BLOCK_TIMEOUT
	sclient "$SERVER4" "$1"
	client_timeout=$OK_TIMEOUT
	[[ $verdict == ok ]] && printf '%s\n' "${out// | /$'\n'}" | grep -E 'ESTABLISHED|^Protocol'
	case $verdict in
	ok) msg="connected" ;;
	timeout) msg="blocked: no answer in $BLOCK_TIMEOUT s" ;;
	*) msg=$verdict ;;
	esac
	if [[ $verdict == "$2" ]]; then
		pass "TLS to $1: $msg ($ms ms)"
	else
		fail "TLS to $1: $msg, want $2"
	fi
}

# The ClientHello leaves in MSS-sized segments, as from a real NIC.
client ethtool -K eth0 tso off gso off gro off >/dev/null
tls_server 443 || { lib_done; }

say "Block WeChat on the gateway, from the catalog of apps"
run "$ns_gw" appfw add wechat || fail "appfw add wechat failed"

say "What the policy does with a name"
run "$ns_gw" appfw test web.wechat.com
run "$ns_gw" appfw test www.example.org

say "Watch the gateway's decisions (appfw monitor, in the background)"
mon_log=$lib_tmp/monitor.log
bg "$mon_log" gw appfw monitor
monitor=$!
printf 'gw# appfw monitor &\n'
wait_log "$mon_log" listening || fail "appfw monitor never said it was listening"

say "TLS from the client to a server through the gateway: WeChat is blocked, others pass"
tls_try web.wechat.com timeout
tls_try www.example.org ok

say "What appfw monitor printed: one line per flow of an app (www.example.org is none)"
stop "$monitor"
grep -v listening "$mon_log"

say "The apps in the policy, with their counters"
run "$ns_gw" appfw list

say "Unblock WeChat: the same connection goes through"
run "$ns_gw" appfw del wechat || fail "appfw del wechat failed"
run "$ns_gw" appfw test web.wechat.com
tls_try web.wechat.com ok

say "Unloading"
run vm rmmod appfw || fail "rmmod appfw failed"
run vm lsmod | grep -E '^(Module|appfw) '
pass "demo ran to the end"
lib_done
