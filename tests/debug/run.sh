#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The debug tier: the whole VM suite (tests/vm/tests/*.sh) plus a stress
# scenario (tests/debug/stress.sh) on a kernel with KASAN, UBSAN, lockdep,
# PROVE_RCU, DEBUG_ATOMIC_SLEEP and kmemleak, which Debian's kernel lacks.
# The kernel comes from tests/debug/build-kernel.sh (cached; the first run
# builds it), appfw.ko is built against it in $BUILD/debug/module (the
# tree's own appfw.ko stays Debian's), and tests/vm/run.sh boots it. Any
# report of those checkers on the console, or from the kmemleak scan the
# VM runs at the end, fails the tier, quoted below.
#
#   tests/debug/run.sh           everything
#   tests/debug/run.sh NAME...   only tests/vm/tests/NAME.sh (or stress)
#
# Environment: BUILD (the build directory with appfw, appfwd and the test
# tools), STRESS_SECONDS (the stress's minimum time, default 120),
# STRESS_MAX_SECONDS (its maximum, default 1800: it runs until the module
# has been reloaded 24 times, and a reload takes half a minute here),
# DEBUG_VM_TIMEOUT (seconds for the whole boot, default 9000),
# DEBUG_TIME_SCALE (the tests wait that many times longer for a condition
# than on Debian's kernel, default 5),
# APPFW_DEBUG_KERNEL_CACHE (build-kernel.sh).
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${BUILD:-build}
[[ $build == /* ]] || build=$root/$build
out=$build/debug

failed=0
fail() {
	echo "FAIL: debug: $*"
	failed=1
}
skip() {
	if [[ ${CI:-} == true ]]; then
		fail "$* (not allowed to skip under CI=true)"
	else
		echo "SKIP: debug: $*"
	fi
	exit "$failed"
}

for tool in gcc make flex bison bc qemu-system-x86_64; do
	command -v "$tool" >/dev/null || skip "$tool not installed (scripts/deps.sh)"
done
[[ -r /usr/src/linux-source-6.1.tar.xz ]] ||
	skip "linux-source-6.1 not installed (scripts/deps.sh)"
((EUID == 0)) || skip "needs root (the VM tier's initramfs holds root-owned files)"

start=$SECONDS
kdir=$("$root/tests/debug/build-kernel.sh") || {
	fail "building the debug kernel failed (above)"
	exit 1
}
kver=$(cat "$kdir/include/config/kernel.release")
modroot=$(dirname "$kdir")/mods
echo "# debug: kernel $kver ready after $((SECONDS - start)) s"

# The module's sources only: the tree's kmod/ also holds the objects of
# the Debian build, which must not leak into this one.
mod=$out/module
rm -rf "$mod"
mkdir -p "$mod"
(cd "$root" && find Kbuild kmod include -name Kbuild -o -name '*.[ch]') |
	(cd "$root" && cpio --quiet -pdm "$mod") || {
	fail "copying the module's sources"
	exit 1
}
if ! make -C "$kdir" M="$mod" -j"$(nproc)" modules >"$out/module.log" 2>&1; then
	fail "building appfw.ko against the debug kernel:"
	tail -n 30 "$out/module.log" | sed 's/^/    /'
	exit 1
fi

# The whole suite but deb-install and firmware, which run what the lint
# tier built for Debian's kernel (DKMS's module, the firmware build: the
# packaging's tests, not the module's), then the stress.
if (($# == 0)); then
	names=()
	for t in "$root"/tests/vm/tests/*.sh; do
		t=$(basename "$t" .sh)
		[[ $t == deb-install || $t == firmware ]] || names+=("$t")
	done
	set -- "${names[@]}" stress
	echo "# debug: every VM test but deb-install and firmware (Debian's kernel only), then stress"
fi

# A test gets 900 s; the stress, its longest run and time to stop and
# check afterwards.
stress=${STRESS_SECONDS:-120} stress_max=${STRESS_MAX_SECONDS:-1800}
((stress_max >= stress)) || stress_max=$stress
test_timeout=$((stress_max + 600 > 900 ? stress_max + 600 : 900))

# The VM suite, relabelled: its lines say debug/ instead of vm/, so that
# the summary tells the tiers apart.
VM_KERNEL=$kdir/arch/x86/boot/bzImage VM_MODROOT=$modroot VM_KO=$mod/appfw.ko \
	KVER=$kver VM_MEM=2048 VM_OUT=$out/vm BUILD=$build \
	VM_TIMEOUT=${DEBUG_VM_TIMEOUT:-9000} \
	VM_EXTRA_TESTS=$root/tests/debug/stress.sh \
	VM_APPEND="appfw_vm_timeout=$test_timeout appfw_time_scale=${DEBUG_TIME_SCALE:-5} appfw_stress=$stress appfw_stress_max=$stress_max" \
	"$root/tests/vm/run.sh" "$@" |
	sed -u -E 's/^(PASS|FAIL|SKIP): vm([:/])/\1: debug\2/; s/^# vm:/# debug:/'
rc=${PIPESTATUS[0]}
((rc == 0)) || failed=1

# The reports themselves, whole: run.sh quotes matching lines and the
# console's tail, which may have cut the first report's stack.
console=$out/vm/console.log
if [[ -s $console ]]; then
	reports=$(tr -d '\r' <"$console" | awk '
		/BUG: KASAN|UBSAN:|WARNING:|BUG:|suspicious RCU usage|general protection/ {
			if (n < 2 && NR > last) { n++; first = NR; last = NR + 70 }
		}
		n && NR >= first && NR <= last { print }')
	if [[ $reports ]]; then
		echo "    --- the first kernel report(s), from $console ---"
		echo "$reports" | sed 's/^/    /'
	fi
fi
echo "# debug: tier took $((SECONDS - start)) s"
exit "$failed"
