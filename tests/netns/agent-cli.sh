#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# appfwd's command line and lifetime: bad arguments exit 2, a queue that
# another process holds is one clear line and exit 1, SIGINT and SIGTERM
# exit 0 with the per-queue summary (standalone: the host has no module),
# and attached mode without the module says so in one line.
. "$(dirname "$0")/../lib.sh"
lib_init netns/agent-cli

ns_new ns || { fail "cannot create a netns"; lib_done; }

for args in "--bogus" "-q" "-q abc" "-q 65536" "-q -1" "-q 1x" "extra" \
	"-q 1 -q 3" "--queues 3-1" "--policy $POLICY" "--pcap"; do
	# shellcheck disable=SC2086 # the arguments are split on purpose
	err=$(in_ns "$ns" "$APPFWD" $args 2>&1 >/dev/null)
	rc=$?
	if [[ $rc == 2 && $err ]]; then
		pass "appfwd $args: exit 2 (${err%%$'\n'*})"
	else
		fail "appfwd $args: want exit 2 and a message, got exit $rc and \"$(oneline "$err")\""
	fi
done

out=$(in_ns "$ns" "$APPFWD" -h 2>&1)
rc=$?
[[ $rc == 0 && $out ]] && pass "appfwd -h: exit 0 and help" ||
	fail "appfwd -h: want exit 0 and help, got exit $rc and \"$(oneline "$out")\""

# sig_exit SIGNAL: a bound agent stops on SIGNAL with exit 0 and a summary.
sig_exit() {
	local log=$lib_tmp/$1.log pid rc

	bg "$log" in_ns "$ns" "$APPFWD" --standalone --policy "$POLICY" -q 3
	pid=$!
	wait_log "$log" '^appfwd: queue 3 ready$' || {
		fail "appfwd -q 3 never got ready: $(oneline "$(cat "$log")")"
		return
	}
	stop "$pid" "$1"
	rc=$?
	if [[ $rc == 0 ]] && grep -q '^appfwd: queue 3: 0 packets accepted, 0 dropped, 0 repeated, 0 lost$' "$log"; then
		pass "SIG$1: exit 0 and \"appfwd: queue 3: 0 packets accepted, 0 dropped, 0 repeated, 0 lost\""
	else
		fail "SIG$1: want exit 0 and the queue 3 summary, got exit $rc and: $(oneline "$(cat "$log")")"
	fi
}
sig_exit TERM
sig_exit INT

log=$lib_tmp/holder.log
bg "$log" in_ns "$ns" "$APPFWD" --standalone --policy "$POLICY" -q 5
holder=$!
wait_log "$log" '^appfwd: queue 5 ready$' ||
	fail "appfwd -q 5 never got ready: $(oneline "$(cat "$log")")"
err=$(in_ns "$ns" timeout 10 "$APPFWD" --standalone --policy "$POLICY" -q 5 2>&1 >/dev/null)
rc=$?
if [[ $rc == 1 && $err && $(wc -l <<<"$err") == 1 ]]; then
	pass "queue 5 already bound: exit 1 ($err)"
else
	fail "queue 5 already bound: want exit 1 and one line, got exit $rc and \"$(oneline "$err")\""
fi
kill -0 "$holder" 2>/dev/null && pass "the first agent still runs" ||
	fail "the first agent died when a second one tried its queue"
stop "$holder"

# Attached (the default) needs the module, which the host lacks.
if [[ -e /sys/module/appfw ]]; then
	skip "attached mode without the module: appfw.ko is loaded on this host"
else
	err=$(in_ns "$ns" timeout 10 "$APPFWD" -q 7 2>&1 >/dev/null)
	rc=$?
	want="appfwd: the appfw module is not loaded (try: modprobe appfw, or run appfwd --standalone)"
	check_eq "attached mode without the module: exit $rc" "$err" "$want"
fi

# A missing policy file is one line naming it, exit 1.
err=$(in_ns "$ns" timeout 10 "$APPFWD" --standalone --policy "$lib_tmp/none.conf" 2>&1 >/dev/null)
rc=$?
check_eq "standalone with a missing policy file: exit $rc" "$rc: $err" \
	"1: appfwd: cannot open policy file $lib_tmp/none.conf: No such file or directory"
lib_done
