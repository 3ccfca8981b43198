#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# appfw.ko loads and unloads cleanly three times in a row, and `appfw
# status` tells whether it is there.
. /tests/lib.sh
lib_init vm/load-unload

not_loaded='appfw: the appfw module is not loaded (try: modprobe appfw)'
modprobe_helper=$(cat /proc/sys/kernel/modprobe)

load_round() {
	local i=$1 ok=1 out rc

	if ! out=$(modprobe appfw 2>&1); then
		fail "round $i: modprobe appfw: $(oneline "$out")"
		return
	fi
	[[ -d /sys/module/appfw ]] || { fail "round $i: loaded but no /sys/module/appfw"; ok=0; }
	lsmod | grep -q '^appfw ' || { fail "round $i: loaded but not in lsmod"; ok=0; }
	out=$(appfw status 2>&1)
	rc=$?
	[[ $rc == 0 && $out ]] || { fail "round $i: appfw status exited $rc: $(oneline "$out")"; ok=0; }
	out=$(appfw status -j 2>&1)
	if ! jq -e '(.hooks | length) == 6 and .module_version == .version' \
		<<<"$out" >/dev/null 2>&1; then
		fail "round $i: appfw status -j: want 6 hooks and module_version == version, got: $out"
		ok=0
	fi

	if ! out=$(rmmod appfw 2>&1); then
		fail "round $i: rmmod appfw: $(oneline "$out")"
		return
	fi
	[[ ! -e /sys/module/appfw ]] || { fail "round $i: /sys/module/appfw still there after rmmod"; ok=0; }
	! lsmod | grep -q '^appfw ' || { fail "round $i: still in lsmod after rmmod"; ok=0; }
	# The family's genl alias would have the kernel load the module
	# again on `appfw status`; with no modprobe helper it cannot.
	echo >/proc/sys/kernel/modprobe
	out=$(appfw status 2>&1 >/dev/null)
	rc=$?
	echo "$modprobe_helper" >/proc/sys/kernel/modprobe
	[[ $rc == 1 && $out == "$not_loaded" ]] ||
		{ fail "round $i: appfw status after rmmod: want exit 1 and \"$not_loaded\", got exit $rc and \"$out\""; ok=0; }
	[[ ! -e /sys/module/appfw ]] || { fail "round $i: appfw status loaded the module while autoloading was off"; ok=0; }
	((ok)) && pass "round $i: modprobe, status, rmmod, status says not loaded"
}

for i in 1 2 3; do
	load_round "$i"
done

# With its MODULE_ALIAS_GENL_FAMILY the module loads on first use.
if modinfo -F alias appfw | grep -qx 'net-pf-16-proto-16-family-appfw'; then
	if out=$(appfw status 2>&1) && [[ -d /sys/module/appfw ]]; then
		pass "appfw status loads the module through the genl family alias"
	else
		fail "appfw status did not load the module through its alias: $out"
	fi
	rmmod appfw 2>/dev/null
fi
lib_done
