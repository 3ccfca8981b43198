#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# --queue-bypass with no agent: the gw's rules still see every packet, and
# the kernel lets them all through.
. "$(dirname "$0")/../lib.sh"
lib_init netns/bypass

N=5

topo_create || { fail "cannot build the topology"; lib_done; }
gw "$IPT" -A FORWARD -j NFQUEUE --queue-num 4 --queue-bypass &&
	gw "$IP6T" -A FORWARD -j NFQUEUE --queue-num 6 --queue-bypass ||
	{ fail "cannot add the NFQUEUE rules"; lib_done; }

check_eq "ipv4: replies to $N pings, bypass and no agent" "$(pings "$ns_client" "$SERVER4" $N)" $N
check_eq "ipv6: replies to $N pings, bypass and no agent" "$(pings "$ns_client" "$SERVER6" $N)" $N

bg "$lib_tmp/server.log" server socat -u TCP4-LISTEN:5001,reuseaddr "CREATE:$lib_tmp/rx"
wait_listener "$ns_server" 5001 || fail "socat server never listened"
head -c 65536 /dev/zero | client timeout 60 socat -u - "TCP4:$SERVER4:5001,connect-timeout=10"
busywait 10000 lib_gone "$!"
check_eq "ipv4: TCP bytes through the bypassed queue" "$(stat -c %s "$lib_tmp/rx" 2>/dev/null)" 65536

rule_packets() {
	gw "$1" -L FORWARD -n -v -x | awk '$3 == "NFQUEUE" { print $1 }'
}
p4=$(rule_packets "$IPT") p6=$(rule_packets "$IP6T")
((p4 >= 2 * N && p6 >= 2 * N)) &&
	pass "the NFQUEUE rules saw the traffic ($p4 ipv4, $p6 ipv6 packets)" ||
	fail "the NFQUEUE rules saw too little: $p4 ipv4, $p6 ipv6 packets"
lib_done
