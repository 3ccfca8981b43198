#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Unloading appfw.ko while traffic crosses its hooks neither crashes the
# kernel nor disturbs the traffic: a TCP stream and a ping flood run
# through the gw while the module is removed and loaded again three times,
# and every byte and every echo arrive. The reloaded module counts again.
. /tests/lib.sh
lib_init vm/unload-traffic

CHUNK=16384
PORT=5001

modprobe appfw || { fail "modprobe appfw failed"; lib_done; }
topo_create || { fail "cannot build the topology"; lib_done; }

rx=$lib_tmp/rx.bin
bg "$lib_tmp/server.log" server socat -u TCP-LISTEN:$PORT,reuseaddr "CREATE:$rx"
server_pid=$!
wait_listener "$ns_server" $PORT || { fail "socat server never listened"; lib_done; }

# A paced stream: a chunk about every 20 ms until told to stop, so it lasts
# as long as the test needs and fits in memory; the count it writes at the
# end is the exact number of bytes the server must have. Builtins only, as
# a process per chunk would be most of the work under TCG.
sender() {
	local n=0 chunk

	printf -v chunk '%*s' $CHUNK ''
	while [[ ! -e $lib_tmp/stop ]]; do
		printf '%s' "$chunk"
		n=$((n + 1))
		lib_sleep 0.02
	done
	echo $n >"$lib_tmp/chunks"
}
stream() {
	sender | client socat -u - "TCP:$SERVER4:$PORT,connect-timeout=10"
}
bg "$lib_tmp/client.log" stream
stream_pid=$!
bg "$lib_tmp/ping.log" client busybox ping -A -W 2 "$SERVER6"
ping_pid=$!

size() { stat -c %s "$rx" 2>/dev/null || echo 0; }
grown() { (($(size) > $1)); }

busywait 20000 grown $CHUNK || { fail "the stream never started ($(size) bytes)"; lib_done; }
for i in 1 2 3; do
	s=$(size)
	if ! out=$(rmmod appfw 2>&1); then
		fail "round $i: rmmod while traffic flows: $out"
		continue
	fi
	busywait 20000 grown $((s + 4 * CHUNK)) ||
		fail "round $i: the stream stalled after rmmod ($(size) bytes)"
	s=$(size)
	if ! out=$(modprobe appfw 2>&1); then
		fail "round $i: modprobe while traffic flows: $out"
		continue
	fi
	busywait 20000 grown $((s + 4 * CHUNK)) &&
		pass "round $i: rmmod and modprobe while traffic flows, the stream goes on" ||
		fail "round $i: the stream stalled after modprobe ($(size) bytes)"
done

touch "$lib_tmp/stop"
wait "$stream_pid" || fail "the client's stream failed: $(oneline "$(cat "$lib_tmp/client.log")")"
busywait 20000 lib_gone "$server_pid" || fail "the server never saw the stream end"
chunks=$(cat "$lib_tmp/chunks" 2>/dev/null)
check_eq "bytes the server received" "$(size)" $((${chunks:-0} * CHUNK))

stop "$ping_pid" INT
read -r sent got < <(grep -oE '[0-9]+ packets transmitted, [0-9]+ packets received' \
	"$lib_tmp/ping.log" | awk '{print $1, $4}')
# The echo in flight when ping is interrupted may not come back.
if [[ $sent && $got ]] && ((sent > 0 && got >= sent - 1)); then
	pass "ping flood: $got of $sent echoes answered"
else
	fail "ping flood: ${got:-?} of ${sent:-?} echoes answered: $(oneline "$(tail -n 3 "$lib_tmp/ping.log")")"
fi

before=$(gw appfw status -j)
pings "$ns_client" "$SERVER4" 5 >/dev/null
after=$(gw appfw status -j)
check_eq "ipv4 forward packets counted by the reloaded module after 5 pings" \
	$(($(counter "$after" ipv4 forward packets) - $(counter "$before" ipv4 forward packets))) 10
lib_done
