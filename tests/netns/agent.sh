#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# appfwd in the path: the gw queues everything it forwards (IPv4 to queue
# 4, IPv6 to queue 6), appfwd --standalone serves both queues, and pings
# and TCP transfers in both families get through intact. On SIGTERM
# appfwd exits 0 and reports per queue exactly as many verdicts as the
# gw's rules sent it packets, nothing lost. (A decided flow's packets go
# round the rules once more, NF_REPEAT with appfwd's mark: these rules
# queue them again, and appfwd then accepts them for good.)
. "$(dirname "$0")/../lib.sh"
lib_init netns/agent

N=10
SIZE=1048576

topo_create || { fail "cannot build the topology"; lib_done; }
gw "$IPT" -A FORWARD -j NFQUEUE --queue-num 4 &&
	gw "$IP6T" -A FORWARD -j NFQUEUE --queue-num 6 ||
	{ fail "cannot add the NFQUEUE rules"; lib_done; }

log=$lib_tmp/appfwd.log
bg "$log" gw "$APPFWD" --standalone --policy "$POLICY" -q 4 -q 6
agent=$!
if ! wait_log "$log" '^appfwd: queue 4 ready$' || ! wait_log "$log" '^appfwd: queue 6 ready$'; then
	fail "appfwd never said both queues were ready: $(oneline "$(cat "$log")")"
	lib_done
fi
pass "appfwd: queues 4 and 6 ready"

check_eq "ipv4: replies to $N pings through appfwd" "$(pings "$ns_client" "$SERVER4" $N)" $N
check_eq "ipv6: replies to $N pings through appfwd" "$(pings "$ns_client" "$SERVER6" $N)" $N

head -c $SIZE /dev/urandom >"$lib_tmp/data"
# transfer FAMILY LISTEN CONNECT: SIZE random bytes client -> server.
transfer() {
	local rx=$lib_tmp/rx-$1

	bg "$lib_tmp/server-$1.log" server socat -u "$2:5001,reuseaddr" "CREATE:$rx"
	local srv=$!
	wait_listener "$ns_server" 5001 || { fail "$1: socat server never listened"; return; }
	client timeout 60 socat -u "OPEN:$lib_tmp/data" "$3,connect-timeout=10" ||
		fail "$1: the client's transfer failed"
	busywait 10000 lib_gone "$srv" || fail "$1: the server never saw the end of the stream"
	if cmp -s "$lib_tmp/data" "$rx"; then
		pass "$1: $SIZE bytes over TCP through appfwd, intact"
	else
		fail "$1: TCP transfer through appfwd: $(stat -c %s "$rx" 2>/dev/null || echo 0) of $SIZE bytes, or different bytes"
	fi
}
transfer ipv4 TCP4-LISTEN "TCP4:$SERVER4:5001"
transfer ipv6 TCP6-LISTEN "TCP6:[$SERVER6]:5001"

# rule_packets IPTABLES: packets the gw's NFQUEUE rule sent to the queue.
rule_packets() {
	gw "$1" -L FORWARD -n -v -x | awk '$3 == "NFQUEUE" { print $1 }'
}
queued4=$(rule_packets "$IPT")
queued6=$(rule_packets "$IP6T")

stop "$agent"
check_eq "appfwd exit status on SIGTERM" $? 0
re='^appfwd: queue ([0-9]+): ([0-9]+) packets accepted, ([0-9]+) dropped, ([0-9]+) repeated, ([0-9]+) lost$'
for q in 4:"$queued4" 6:"$queued6"; do
	line=$(grep -E "^appfwd: queue ${q%%:*}: [0-9]+ packets" "$log")
	if [[ $line =~ $re ]]; then
		got="$((BASH_REMATCH[2] + BASH_REMATCH[3] + BASH_REMATCH[4])) verdicts, ${BASH_REMATCH[5]} lost"
	else
		got="no summary: $(oneline "$(cat "$log")")"
	fi
	check_eq "appfwd's summary for queue ${q%%:*} (the rule queued ${q#*:})" "$got" "${q#*:} verdicts, 0 lost"
done
((queued4 >= 2 * N && queued6 >= 2 * N)) ||
	fail "the rules queued too little: $queued4 ipv4, $queued6 ipv6 packets"
lib_done
