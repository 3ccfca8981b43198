#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The VM tier: boots Debian's kernel (the one appfw.ko was built for) under
# qemu with TCG and an initramfs holding the module, the tools and the
# tests (tests/vm/tests/*.sh), and prints the PASS:/FAIL: lines the VM
# writes to its second serial port. The VM's own verdict is not enough: a
# boot that times out, ends without the end marker, or whose console shows
# a kernel warning, oops or BUG is a FAIL here, with the console's tail,
# and so is a test asked for by name that printed nothing.
#
#   tests/vm/run.sh           run the tests
#   tests/vm/run.sh --demo    run tests/vm/demo.sh instead, for people
#   tests/vm/run.sh NAME...   run only tests/vm/tests/NAME.sh
#
# Environment: KVER (x86 kernel to boot; by default the one of the tree
# scripts/kdir.sh picks), BUILD (build dir, default build), VM_TIMEOUT
# (seconds, default 1200). Output files land in $BUILD/vm/: the initramfs,
# console.log (the console), results.log (ttyS1), dmesg.log (ttyS2, all
# levels).
#
# VM_ARCH=arm64 (tests/arm64/run.sh, the arm64 tier) boots Debian's arm64
# kernel (scripts/arm64-kernel.sh) under qemu-system-aarch64 -M virt, with
# the cross build in BUILD (appfw.ko in BUILD/kmod) and the programs the
# tests drive from the arm64 sysroot (scripts/arm64-sysroot.sh); the
# console is ttyAMA0 and the results and kernel log leave by two virtio
# consoles (tests/arm64/init); ARM64_KVER names its release (KVER is
# the x86 one). Its lines say arm64: where these say vm:.
#
# Another kernel (the debug tier, tests/debug/run.sh): VM_KERNEL (image,
# default /boot/vmlinuz-$KVER), VM_MODROOT (its modules are in
# VM_MODROOT/lib/modules/$KVER, default /), VM_KO (appfw.ko built for it,
# default the tree's), VM_MEM (MiB, default 1024; 2048 on arm64), VM_APPEND
# (more kernel command line), VM_EXTRA_TESTS (more test scripts for the
# image only), VM_OUT (output directory, default $BUILD/vm).
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${BUILD:-build}
[[ $build == /* ]] || build=$root/$build
arch=${VM_ARCH:-x86_64}
tier=vm
[[ $arch == x86_64 ]] || tier=$arch
timeout=${VM_TIMEOUT:-1200}
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
	echo "FAIL: $tier: $*"
	failed=1
}
skip() {
	if [[ ${CI:-} == true ]]; then
		fail "$* (not allowed to skip under CI=true)"
	else
		echo "SKIP: $tier: $*"
	fi
	exit "$failed"
}
# die MESSAGE: a FAIL, and no boot.
die() {
	fail "$*"
	exit 1
}

# Per architecture: qemu and its machine, where the console and the two
# result ports are, the kernel and its modules, appfw.ko, and where the
# programs in the image come from (mkinitramfs.sh -a, -s).
case $arch in
x86_64)
	deps=scripts/deps.sh
	tools=(qemu-system-x86_64 jq socat nft)
	qemu=(qemu-system-x86_64 -m "${VM_MEM:-1024}"
		-serial "file:@RESULTS@" -serial "file:@DMESG@")
	console=ttyS0
	;;
arm64)
	deps=scripts/deps-arm64.sh
	tools=(qemu-system-aarch64 aarch64-linux-gnu-readelf)
	# shellcheck disable=SC2054 # the commas are qemu's
	qemu=(qemu-system-aarch64 -M virt -cpu cortex-a57 -m "${VM_MEM:-2048}"
		-device virtio-serial-device
		-chardev "file,id=results,path=@RESULTS@" -device virtconsole,chardev=results
		-chardev "file,id=dmesg,path=@DMESG@" -device virtconsole,chardev=dmesg)
	console=ttyAMA0
	;;
*)
	die "VM_ARCH=$arch: x86_64 or arm64"
	;;
esac
for tool in "${tools[@]}" busybox cpio depmod modinfo; do
	command -v "$tool" >/dev/null || skip "$tool not installed ($deps)"
done

image=()
if [[ $arch == arm64 ]]; then
	kroot=$("$root/scripts/arm64-kernel.sh" --root) || die "no arm64 kernel (scripts/arm64-kernel.sh)"
	sysroot=$("$root/scripts/arm64-sysroot.sh") || die "no arm64 sysroot (scripts/arm64-sysroot.sh)"
	image=(-a arm64 -s "$sysroot")
	# Not KVER: make test exports the x86 one to every tier.
	KVER=${ARM64_KVER:-$(basename "$kroot")}
	kernel=${VM_KERNEL:-$kroot/boot/vmlinuz-$KVER}
	modroot=${VM_MODROOT:-$kroot}
	ko=${VM_KO:-$build/kmod/appfw.ko}
	hint="make check-arm64 builds it"
	# Its test limit: TCG emulating another architecture is slower.
	append="appfw_vm_timeout=400"
else
	# The kernel release is what uname -r says in the VM and what the
	# module's vermagic names. Debian's headers keep it in utsrelease.h:
	# their include/config/kernel.release holds the upstream version.
	if [[ -z ${KVER:-} ]]; then
		kdir=${KDIR:-$("$root/scripts/kdir.sh")} || skip "no kernel headers (scripts/deps.sh)"
		KVER=$(sed -n 's/^#define UTS_RELEASE "\(.*\)"/\1/p' \
			"$kdir/include/generated/utsrelease.h" 2>/dev/null)
		[[ $KVER ]] || skip "cannot tell the kernel release of $kdir"
	fi
	kernel=${VM_KERNEL:-/boot/vmlinuz-$KVER}
	modroot=${VM_MODROOT:-/}
	ko=${VM_KO:-$root/appfw.ko}
	hint="make all"
	append=
fi
if [[ ! -r $kernel || ! -d $modroot/lib/modules/$KVER ]]; then
	[[ $arch == x86_64 && -z ${VM_KERNEL:-}${VM_MODROOT:-} ]] &&
		die "no kernel image $kernel or modules /lib/modules/$KVER for the headers built against; linux-image-amd64 and linux-headers-amd64 must be the same version (scripts/deps.sh)"
	die "no kernel image $kernel or modules $modroot/lib/modules/$KVER"
fi

for f in "$ko" "$build/appfw" "$build/appfwd"; do
	[[ -f $f ]] || die "$f missing ($hint)"
done
vermagic=$(modinfo -F vermagic "$ko")
# arm64's vermagic names the architecture; x86's does not.
if [[ ${vermagic%% *} != "$KVER" || ($arch == arm64 && $vermagic != *aarch64*) ]]; then
	die "$ko is built for '$vermagic', the VM boots $KVER on $arch ($hint)"
fi

out=${VM_OUT:-$build/vm}
mkdir -p "$out"
initrd=$out/initramfs.cpio console_log=$out/console.log results=$out/results.log
dmesg=$out/dmesg.log
for t in ${VM_EXTRA_TESTS:-}; do
	image+=(-t "$t")
done
"$root/tests/vm/mkinitramfs.sh" -o "$initrd" -k "$KVER" -m "$ko" \
	-b "$build" -r "$root" -d "$modroot" "${image[@]}" ||
	die "building the initramfs failed"
: >"$console_log"
: >"$results"
: >"$dmesg"
qemu=("${qemu[@]//@RESULTS@/$results}")
qemu=("${qemu[@]//@DMESG@/$dmesg}")
append+="${append:+ }${VM_APPEND:-}"

start=$SECONDS
# panic_on_warn and oops=panic turn any kernel complaint into a panic, and
# panic=-1 with -no-reboot turns that into qemu exiting: the run stops at
# the first problem instead of testing on with a damaged kernel.
# The console is the first serial port, the results' ports come after it.
timeout -k 10 "$timeout" "${qemu[0]}" \
	-accel tcg -smp 2 -nodefaults -display none -no-reboot -monitor none \
	-serial "file:$console_log" "${qemu[@]:1}" \
	-kernel "$kernel" -initrd "$initrd" \
	-append "console=$console loglevel=5 panic_on_warn=1 oops=panic panic=-1 appfw_vm=$mode${only:+ appfw_vm_only=$only}${append:+ $append}" &
qemu_pid=$!

# Show the results as the VM writes them.
tail -n +1 -s 0.2 -f --pid="$qemu_pid" "$results" | grep --line-buffered -v '^appfw-vm: end' | tr -d '\r' &
shower=$!
wait "$qemu_pid"
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
	last=$(tr -d '\r' <"$console_log" | grep -o 'appfw-vm: \(start\|end\) [^ ]*' | tail -n 1)
	during=
	[[ $last == "appfw-vm: start "* ]] && during=" during ${last#appfw-vm: start }"
	fail "the VM stopped$during before its end marker (crash or hang; console below)"
fi
# x86 says "Call Trace" and "general protection", arm64 "Call trace" and
# "Internal error".
bad=$(tr -d '\r' <"$console_log" | grep -E 'WARNING:|BUG:|Oops|general protection|Internal error|Call [Tt]race|KASAN|UBSAN|Kernel panic|suspicious RCU usage|kmemleak: .*suspected memory leak')
if [[ $bad ]]; then
	fail "kernel problems on the console:"
	echo "$bad" | head -n 20 | sed 's/^/    /'
fi
# Every test asked for must have run: a name the VM did not know runs
# nothing and would otherwise pass.
if [[ $mode == test ]]; then
	for t in ${only//,/ }; do
		grep -qE "^(PASS|FAIL|SKIP): [a-z]+/$t([: ]|$)" "$results" ||
			fail "$t printed nothing (no such test?)"
	done
fi
grep -q '^FAIL:' "$results" && failed=1
if ((failed)); then
	echo "    --- console tail ($console_log; the full kernel log of a VM that got to the end is in $dmesg) ---"
	tr -d '\r' <"$console_log" | tail -n 60 | sed 's/^/    /'
fi
echo "# $tier: $mode run took $elapsed s"
exit "$failed"
