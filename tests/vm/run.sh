#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The VM tier: boots Debian's kernel (the one appfw.ko was built for) under
# qemu with TCG and an initramfs holding the module, the tools and the
# tests (tests/vm/tests/*.sh), and prints the PASS:/FAIL: lines the VM
# writes to its second serial port. The VM's own verdict is not enough: a
# boot that times out, ends without the end marker, or whose console shows
# a kernel warning, oops or BUG is a FAIL here, with the console's tail.
#
#   tests/vm/run.sh           run the tests
#   tests/vm/run.sh --demo    run tests/vm/demo.sh instead, for people
#   tests/vm/run.sh NAME...   run only tests/vm/tests/NAME.sh
#
# Environment: KVER (kernel to boot; by default the one of the tree
# scripts/kdir.sh picks), BUILD (build dir, default build), VM_TIMEOUT
# (seconds, default 600). Output files land in $BUILD/vm/: the initramfs,
# console.log (ttyS0), results.log (ttyS1), dmesg.log (ttyS2, all levels).
#
# Another kernel (the debug tier, tests/debug/run.sh): VM_KERNEL (image,
# default /boot/vmlinuz-$KVER), VM_MODROOT (its modules are in
# VM_MODROOT/lib/modules/$KVER, default /), VM_KO (appfw.ko built for it,
# default the tree's), VM_MEM (MiB, default 1024), VM_APPEND (more kernel
# command line), VM_EXTRA_TESTS (more test scripts for the image only),
# VM_OUT (output directory, default $BUILD/vm).
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${BUILD:-build}
[[ $build == /* ]] || build=$root/$build
timeout=${VM_TIMEOUT:-600}
mode="test"
if [[ ${1:-} == --demo ]]; then
	mode=demo
	shift
fi
only=$(
	IFS=,
	echo "$*"
)

failed=0
fail() {
	echo "FAIL: vm: $*"
	failed=1
}
skip() {
	if [[ ${CI:-} == true ]]; then
		fail "$* (not allowed to skip under CI=true)"
	else
		echo "SKIP: vm: $*"
	fi
	exit "$failed"
}

for tool in qemu-system-x86_64 busybox cpio depmod modinfo jq socat nft; do
	command -v "$tool" >/dev/null || skip "$tool not installed (scripts/deps.sh)"
done

# The kernel release is what uname -r says in the VM and what the module's
# vermagic names. Debian's headers keep it in utsrelease.h: their
# include/config/kernel.release holds the upstream version instead.
if [[ -z ${KVER:-} ]]; then
	kdir=${KDIR:-$("$root/scripts/kdir.sh")} || skip "no kernel headers (scripts/deps.sh)"
	KVER=$(sed -n 's/^#define UTS_RELEASE "\(.*\)"/\1/p' \
		"$kdir/include/generated/utsrelease.h" 2>/dev/null)
	[[ $KVER ]] || skip "cannot tell the kernel release of $kdir"
fi
kernel=${VM_KERNEL:-/boot/vmlinuz-$KVER}
modroot=${VM_MODROOT:-/}
if [[ -n ${VM_KERNEL:-} || -n ${VM_MODROOT:-} ]]; then
	if [[ ! -r $kernel || ! -d $modroot/lib/modules/$KVER ]]; then
		fail "no kernel image $kernel or modules $modroot/lib/modules/$KVER"
		exit 1
	fi
elif [[ ! -r $kernel || ! -d /lib/modules/$KVER/kernel ]]; then
	fail "no kernel image $kernel or modules /lib/modules/$KVER for the headers built against; linux-image-amd64 and linux-headers-amd64 must be the same version (scripts/deps.sh)"
	exit 1
fi

ko=${VM_KO:-$root/appfw.ko}
for f in "$ko" "$build/appfw" "$build/appfwd"; do
	[[ -f $f ]] || {
		fail "$f missing (make all)"
		exit 1
	}
done
vermagic=$(modinfo -F vermagic "$ko")
if [[ ${vermagic%% *} != "$KVER" ]]; then
	fail "appfw.ko is built for ${vermagic%% *}, the VM boots $KVER (make clean all)"
	exit 1
fi

out=${VM_OUT:-$build/vm}
mkdir -p "$out"
initrd=$out/initramfs.cpio console=$out/console.log results=$out/results.log
dmesg=$out/dmesg.log
extra=()
for t in ${VM_EXTRA_TESTS:-}; do
	extra+=(-t "$t")
done
"$root/tests/vm/mkinitramfs.sh" -o "$initrd" -k "$KVER" -m "$ko" \
	-b "$build" -r "$root" -d "$modroot" "${extra[@]}" || {
	fail "building the initramfs failed"
	exit 1
}
: >"$console"
: >"$results"
: >"$dmesg"

start=$SECONDS
# panic_on_warn and oops=panic turn any kernel complaint into a panic, and
# panic=-1 with -no-reboot turns that into qemu exiting: the run stops at
# the first problem instead of testing on with a damaged kernel.
timeout -k 10 "$timeout" qemu-system-x86_64 \
	-accel tcg -smp 2 -m "${VM_MEM:-1024}" -nodefaults -display none -no-reboot \
	-monitor none -serial "file:$console" -serial "file:$results" \
	-serial "file:$dmesg" \
	-kernel "$kernel" -initrd "$initrd" \
	-append "console=ttyS0 loglevel=5 panic_on_warn=1 oops=panic panic=-1 appfw_vm=$mode${only:+ appfw_vm_only=$only}${VM_APPEND:+ $VM_APPEND}" &
qemu=$!

# Show the results as the VM writes them.
tail -n +1 -s 0.2 -f --pid="$qemu" "$results" | grep --line-buffered -v '^appfw-vm: end' | tr -d '\r' &
shower=$!
wait "$qemu"
rc=$?
wait "$shower"
elapsed=$((SECONDS - start))

if ((rc == 124 || rc == 137)); then
	fail "timed out after $timeout s"
elif ((rc != 0)); then
	fail "qemu exited $rc"
fi
if ! grep -q '^appfw-vm: end' "$results"; then
	# init marks each test's start and end in the kernel log.
	last=$(tr -d '\r' <"$console" | grep -o 'appfw-vm: \(start\|end\) [^ ]*' | tail -n 1)
	during=
	[[ $last == "appfw-vm: start "* ]] && during=" during ${last#appfw-vm: start }"
	fail "the VM stopped$during before its end marker (crash or hang; console below)"
fi
bad=$(tr -d '\r' <"$console" | grep -E 'WARNING:|BUG:|Oops|general protection|Call Trace|KASAN|UBSAN|Kernel panic|suspicious RCU usage|kmemleak: .*suspected memory leak')
if [[ $bad ]]; then
	fail "kernel problems on the console:"
	echo "$bad" | head -n 20 | sed 's/^/    /'
fi
grep -q '^FAIL:' "$results" && failed=1
if ((failed)); then
	echo "    --- console tail ($console; the full kernel log of a VM that got to the end is in $dmesg) ---"
	tr -d '\r' <"$console" | tail -n 60 | sed 's/^/    /'
fi
echo "# vm: $mode run took $elapsed s"
exit "$failed"
