#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A policy of 10^5 domains and 10^5 prefixes loaded by `appfw restore` in
# one transaction classifies real flows as a small one does, and whatever
# goes wrong while loading the next policy leaves it in force, untouched:
# a file with a bad last line, a file the kernel refuses at commit, a
# transaction aborted, an edit the kernel refuses in the middle of a
# transaction, and a loader killed in the middle of one (a hand-made one,
# and appfw restore itself).
# After each, a new transaction can start. (tests/tools/mkpolicy writes
# the file, afwtxn makes the transactions appfw never would.)
#
# The policy's bulk lies outside the documentation ranges (10.0.0.0/8,
# 100.64.0.0/10, fd00::/16 and *.example names): only its entries, never
# traffic, go there.
. /tests/lib.sh
. /tests/vm/tests/classify.lib
lib_init vm/scale

NDOMAINS=100000
if ! classify_setup || ! server_alias || ! sink 443; then lib_done; fi

big=$lib_tmp/big.policy
# 10^5 domains d0.example ..., and 10^5 prefixes: 65536 IPv4 /24s in
# 10.0.0.0/8, 14464 in 100.64.0.0/10, 20000 IPv6 /48s in fd00::/16; and
# two small apps that real flows meet.
{
	cat <<-EOF
		# appfw scale test
		app wechat 1 reject
		domain wechat wechat.com
		app alias 2 block
		prefix alias $ALIAS4/32
		prefix alias $ALIAS6/128
	EOF
	mkpolicy big 100 reject $NDOMAINS 100000
} >"$big" || fail "cannot write the policy file"

# status_of VAR: the gw's appfw status -j into VAR.
status_of() {
	printf -v "$1" '%s' "$(gw appfw status -j 2>&1)"
}

# same_policy WHAT: the policy is still the big one, generation $gen.
same_policy() {
	local st

	status_of st
	check_eq "$1: generation" "$(json_num "$st" generation)" "$gen"
	check_eq "$1: domains" "$(json_num "$st" domains)" $((NDOMAINS + 1))
	check_eq "$1: prefixes" "$(json_num "$st" prefixes)" 100002
	check_eq "$1: apps" "$(json_num "$st" apps)" 3
}

status_of st0
now_ms t0
out=$(gw appfw restore "$big" 2>&1) || fail "appfw restore of 2 x 10^5 entries: $out"
now_ms t1
status_of st
gen=$(json_num "$st" generation)
check_eq "one restore, one commit: generations" $((gen - $(json_num "$st0" generation))) 1
same_policy "after restore ($((t1 - t0)) ms)"

check reset "d99999.example, the last domain" replay "$SERVER4" --sni d99999.example
check reset "D12345.Example., case and a trailing dot" replay "$SERVER6" --sni D12345.Example.
check ok "d100000.example, no app" replay "$SERVER4" --sni d100000.example
check reset "web.wechat.com, the small app's domain" replay "$SERVER6" --sni web.wechat.com
check "connect timeout" "ipv4: the alias address, a /32 among 10^5" replay "$ALIAS4" --sni x.example
check "connect timeout" "ipv6: the alias address, a /128 among 10^5" replay "$ALIAS6" --sni x.example

check_lookup 10.255.255.77 "big 10.255.255.0/24"
check_lookup 100.120.127.9 "big 100.120.127.0/24"
check_lookup 100.120.128.1 "no app"
check_lookup fd00:0:4e1f::1 "big fd00:0:4e1f::/48"
check_lookup fd00:0:4e20::1 "no app"
check_lookup x.d54321.example "big d54321.example"

# A bad last line: refused before the kernel hears of it. (The tool
# parses the whole file first, so a short one proves as much.)
head -n 1000 "$big" >"$lib_tmp/bad.policy"
echo "domain nosuchapp late.example" >>"$lib_tmp/bad.policy"
lines=$(wc -l <"$lib_tmp/bad.policy")
if out=$(gw appfw restore "$lib_tmp/bad.policy" 2>&1); then
	fail "restore of a file with a bad last line succeeded"
elif [[ $out == *":$lines:"* ]]; then
	pass "restore of a file with a bad last line fails, naming line $lines"
else
	fail "restore of a file with a bad last line: the message does not name line $lines: $out"
fi
same_policy "after the bad last line"

# Refused by the kernel at commit, after every edit was taken: the last
# app's id does not fit the mark mask the same file sets. (The big file
# with this ending is for the killed restore below.)
late="config mark-mask 0xff000000"$'\n'"app late 200 block"
printf '%s\n%s\n' "$late" "app early 1 block" >"$lib_tmp/late-small.policy"
{
	head -n 50000 "$big"
	echo "$late"
} >"$lib_tmp/late.policy"
if out=$(gw appfw restore "$lib_tmp/late-small.policy" 2>&1); then
	fail "restore of a file with an app id too large for its mark mask succeeded"
else
	pass "restore refused at commit (app id 200, 8-bit mark mask): $out"
fi
same_policy "after the refused commit"
[[ $(gw appfw config) == *0xffff0000* ]] && pass "the mark mask is still 0xffff0000" ||
	fail "the mark mask changed: $(gw appfw config)"

# An explicit abort: nothing of the transaction stays.
out=$(gw afwtxn abort aborted 8 aborted.example 2>&1)
check_eq "a transaction aborted (afwtxn abort)" "${out//$'\n'/ | }" \
	"begin 0 | new_app 0 | new_domain 0 | abort 0"
same_policy "after the aborted transaction"
check_lookup aborted.example "no app"

# An edit refused inside a transaction cancels it: everything after it
# fails, commit included, until ABORT.
out=$(gw afwtxn cancel midway 7 2>&1)
want="begin 0 | new_app 0 | new_app_again -17 | new_app_other -125 | commit -125 | abort 0"
check_eq "a transaction after a refused edit (afwtxn cancel)" "${out//$'\n'/ | }" "$want"
same_policy "after the cancelled transaction"

# A loader that dies inside its transaction: while it lives, the
# transaction is its own; once it is gone, the old policy stands and
# anyone may start the next.
fifo=$lib_tmp/hold.in
mkfifo "$fifo"
hold() { gw afwtxn hold doomed 9 doomed.example <"$fifo"; }
bg "$lib_tmp/hold.log" hold
holder=$!
exec {hold_fd}>"$fifo"
if wait_log "$lib_tmp/hold.log" '^pending'; then
	out=$(gw afwtxn probe)
	check_eq "probe while a loader holds a transaction" "$out" busy
	if out=$(gw appfw new intruder --domain intruder.example 2>&1); then
		fail "appfw new succeeded while another loader held a transaction"
	else
		pass "appfw new while another loader holds a transaction: $out"
	fi
	stop "$holder" KILL
	busywait 5000 gw afwtxn probe >/dev/null &&
		pass "the transaction of a loader killed with SIGKILL is gone" ||
		fail "a transaction is still open after its loader was killed"
	same_policy "after a loader was killed in its transaction"
	check_lookup doomed.example "no app"
else
	fail "afwtxn hold never opened its transaction: $(cat "$lib_tmp/hold.log")"
fi
exec {hold_fd}>&-

# appfw restore itself killed in the middle of its transaction: stopped
# once a transaction is open (and still open while it is stopped, so it
# had not committed), then killed. Its file of 5 x 10^4 entries takes a
# few seconds to load (and would be refused at commit anyway).
txn_open() {
	[[ $(gw afwtxn probe) == busy ]]
}
caught=0
for attempt in 1 2 3; do
	bg "$lib_tmp/restore.log" gw appfw restore "$lib_tmp/late.policy"
	loader=$!
	if ! busywait 60000 txn_open; then
		stop "$loader" KILL
		continue
	fi
	kill -STOP -- "-$loader"
	txn_open && caught=1
	kill -KILL -- "-$loader"
	kill -CONT -- "-$loader"
	{ wait "$loader"; } 2>/dev/null
	((caught)) && break
done
if ((caught)); then
	pass "appfw restore killed with SIGKILL in its transaction (attempt $attempt)"
	busywait 5000 gw afwtxn probe >/dev/null &&
		pass "the killed restore's transaction is gone" ||
		fail "a transaction is still open after appfw restore was killed"
	same_policy "after appfw restore was killed in its transaction"
else
	fail "never caught appfw restore inside its transaction"
fi

# And a new transaction can start, and the policy still classifies.
out=$(gw appfw new after --action reject --domain after.example 2>&1) &&
	pass "a new transaction after all that: appfw new" ||
	fail "appfw new after the failed loads: $out"
check reset "after.example, the app added last" replay "$SERVER4" --sni after.example
check reset "d0.example, still in the big policy" replay "$SERVER4" --sni d0.example
lib_done
