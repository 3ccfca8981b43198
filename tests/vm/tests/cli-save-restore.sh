#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# appfw save -> rmmod appfw -> modprobe appfw -> appfw restore gives the
# policy back exactly (`appfw save -` before and after): apps with their
# ids and actions, domains, hosts, prefixes and the configuration. A
# second restore changes nothing; save and restore without FILE use
# /etc/appfw/policy.conf; restore - reads standard input.
#
#   gw (appfw: catalog apps, a custom app, every config setting)
. /tests/lib.sh
. /tests/vm/tests/cli.lib
lib_init vm/cli-save-restore

default=/etc/appfw/policy.conf
[[ -e /etc/appfw ]] && fail "/etc/appfw exists before the test; it is removed at the end"
trap 'rm -rf /etc/appfw; lib_cleanup' EXIT

cli_setup || lib_done
# Beyond cli_setup's: a group, a changed action, every config setting.
for cmd in "add --action monitor bytedance" "allow wechat" \
	"config --mark-mask 0x00ff0000 --skb-mark on"; do
	run_gw appfw $cmd
	((rc == 0)) || fail "appfw $cmd: exit $rc: $err"
done
policy_of before
for want in "app wechat 1 allow" "app tiktok " "config skb-mark on" \
	"config mark-mask 0x00ff0000" "config depth 5" \
	"prefix alpha 2001:db8:5::/48" "host alpha h.beta.example"; do
	[[ $before == *"$want"* ]] || fail "appfw save - lacks \"$want\""
done

file=$lib_tmp/policy.conf
run_gw appfw save "$file"
check_eq "appfw save FILE: exit" "$rc" 0
if [[ $(<"$file") == "$before" ]]; then
	pass "appfw save FILE writes what appfw save - prints ($(wc -l <"$file") lines)"
else
	fail "appfw save FILE differs from appfw save -"
fi
run_gw appfw save
check_eq "appfw save (no FILE): exit" "$rc" 0
if [[ -f $default && $(<"$default") == "$before" ]]; then
	pass "appfw save without FILE writes $default"
else
	fail "appfw save without FILE: $default missing or different"
fi

# Unloading the module drops every namespace's policy; the namespace
# stays, and gets a new, empty policy when the module comes back.
rmmod appfw || fail "rmmod appfw failed"
[[ -e /sys/module/appfw ]] && fail "appfw still loaded after rmmod"
modprobe appfw || fail "modprobe appfw failed after rmmod"
policy_of empty
if [[ $empty != *"app "* && $empty != "$before" ]]; then
	pass "after rmmod and modprobe: no apps"
else
	fail "after rmmod and modprobe the policy is still there: $(oneline "$empty")"
fi

run_gw appfw restore "$file"
check_eq "appfw restore FILE after the reload: exit" "$rc" 0
policy_of after
if [[ $after == "$before" ]]; then
	pass "save -> rmmod -> modprobe -> restore: the same policy"
else
	fail "restored policy differs: $(diff <(echo "$before") <(echo "$after") | head -n 5 | tr '\n' ' ')"
fi
run_gw appfw restore "$file"
policy_of again
if ((rc == 0)) && [[ $again == "$before" ]]; then
	pass "a second restore of the same file changes nothing"
else
	fail "a second restore: exit $rc, policy $(oneline "$again")"
fi

run_gw appfw flush
policy_of flushed
[[ $flushed == *"app "* ]] && fail "appfw flush left apps: $(oneline "$flushed")"
run_gw appfw restore
policy_of after
if ((rc == 0)) && [[ $after == "$before" ]]; then
	pass "appfw restore without FILE reads $default"
else
	fail "appfw restore without FILE: exit $rc: $(oneline "$err")"
fi

run_gw appfw flush
out=$(gw appfw restore - <"$file" 2>&1)
rc=$?
policy_of after
if ((rc == 0)) && [[ $after == "$before" ]]; then
	pass "appfw restore - reads standard input"
else
	fail "appfw restore -: exit $rc: $(oneline "$out")"
fi
lib_done
