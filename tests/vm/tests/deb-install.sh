#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The Debian packages work on Debian's kernel. tests/lint/packages.sh
# unpacks appfw and appfw-dkms (make deb) into /pkgroot, with the module
# that `dkms build` made from appfw-dkms's source where `dkms install`
# puts it. Here: that module loads, the packaged appfw adds wechat from
# the packaged catalog and lists it, and the packaged init script starts
# appfwd (which registers with the module), reports its status, and at
# stop saves the policy and stops appfwd. (The image has no dpkg: the
# packages are unpacked on the host; their maintainer scripts, dkms
# add/build/install, do not run here.)
. /tests/lib.sh
lib_init vm/deb-install

root=/pkgroot
ko=$root/lib/modules/$(uname -r)/updates/dkms/appfw.ko
appfw=$root/usr/sbin/appfw
init=$root/etc/init.d/appfw

if [[ ! -d $root ]]; then
	skip "no /pkgroot: the lint tier (tests/lint/packages.sh) makes it before the VM tier"
	lib_done
fi
[[ -e /etc/appfw ]] && fail "/etc/appfw exists before the test; it is removed at the end"
trap 'sh "$init" stop >/dev/null 2>&1; rm -rf /etc/appfw; lib_cleanup' EXIT

if [[ ! -f $ko ]]; then
	fail "$ko missing (packages.sh's dkms build)"
	lib_done
fi
# insmod loads no dependencies: modprobe them first.
IFS=, read -ra deps <<<"$(modinfo -F depends "$ko")"
for m in "${deps[@]}" nfnetlink_queue; do
	modprobe "$m" || fail "modprobe $m"
done
if ! out=$(insmod "$ko" 2>&1); then
	fail "insmod $ko: $(oneline "$out")"
	lib_done
fi
check_eq "insmod the DKMS-built module: version" \
	"$(cat /sys/module/appfw/version)" "$(modinfo -F version "$ko")"

# The packaged catalog, not the one the image has for the other tests.
export APPFW_CATALOG=$root/usr/share/appfw
out=$("$appfw" add wechat 2>&1)
check_eq "packaged appfw add wechat: exit ($(oneline "$out"))" "$?" 0
out=$("$appfw" list -j 2>&1)
if jq -e '[.. | objects | select(.name? == "wechat")] | length == 1' \
	<<<"$out" >/dev/null 2>&1; then
	pass "packaged appfw list shows wechat"
else
	fail "packaged appfw list -j has no wechat: $(oneline "$out")"
fi
unset APPFW_CATALOG

export APPFWD_LOG=$lib_tmp/appfwd.log APPFWD_PIDFILE=$lib_tmp/appfwd.pid
out=$(sh "$init" start 2>&1)
check_eq "init script start: exit ($(oneline "$out"))" "$?" 0
wait_log "$APPFWD_LOG" '^appfwd: registered queues 0-0' &&
	pass "init script start: appfwd registered with the module" ||
	fail "appfwd never registered: $(oneline "$(cat "$APPFWD_LOG" 2>&1)")"
out=$(sh "$init" status 2>&1)
check_eq "init script status: exit ($out)" "$?" 0
pid=$(cat "$APPFWD_PIDFILE" 2>/dev/null)

out=$(sh "$init" stop 2>&1)
check_eq "init script stop: exit ($(oneline "$out"))" "$?" 0
if grep -qw wechat /etc/appfw/policy.conf 2>/dev/null; then
	pass "init script stop: the policy saved to /etc/appfw/policy.conf"
else
	fail "init script stop: /etc/appfw/policy.conf has no wechat: $(oneline "$(cat /etc/appfw/policy.conf 2>&1)")"
fi
if [[ $pid ]] && ! kill -0 "$pid" 2>/dev/null; then
	pass "init script stop: appfwd (pid $pid) is gone"
else
	fail "init script stop: appfwd (pid ${pid:-unknown}) still running"
fi
out=$(sh "$init" status 2>&1)
check_eq "init script status after stop: exit ($out)" "$?" 3
lib_done
