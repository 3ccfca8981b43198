#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make demo`: appfw at work in the test VM, for people. Loads the module,
# builds client -> gw -> server, sends traffic across the gw and shows the
# gw's counters before and after, then unloads the module.
. /tests/lib.sh
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

say "Unloading"
run vm rmmod appfw || fail "rmmod appfw failed"
run vm lsmod | grep -E '^(Module|appfw) '
pass "demo ran to the end"
lib_done
