#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The arm64 VM tier (make check-arm64): Debian's arm64 kernel under
# qemu-system-aarch64 -M virt with TCG, the cross-built appfw.ko, appfw,
# appfwd and test tools, and the x86 VM tier's own tests
# (tests/vm/tests/*.sh), run by tests/vm/init behind tests/arm64/init.
# The verdict is taken as tests/vm/run.sh takes it: the PASS:/FAIL: lines
# the VM writes, and a FAIL for a timeout, a missing end marker or a
# kernel complaint on the console.
#
#   tests/arm64/run.sh             the tests in ARM64_TESTS (below)
#   tests/run.sh arm64             the same, as a tier of make test
#   tests/arm64/run.sh NAME...     only tests/vm/tests/NAME.sh
#
# Environment: ARM64_BUILD (the cross build, default build-arm64: make
# arm64 builds it, appfw.ko in ARM64_BUILD/kmod), ARM64_TESTS (names),
# VM_TIMEOUT (seconds, default 1500). Output in ARM64_BUILD/vm: the
# initramfs, console.log (ttyAMA0), results.log (hvc0), dmesg.log (hvc1).
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${ARM64_BUILD:-build-arm64}
[[ $build == /* ]] || build=$root/$build
timeout=${VM_TIMEOUT:-1500}
# The core blocking scenarios (address prefixes, TLS whole and split, HTTP,
# QUIC through the agent), the CLI, and the static firmware build; the
# rest of tests/vm/tests stays with the x86 tier, for time (TCG emulating
# another architecture is slower), and deb-install.sh needs the x86
# packages.
ARM64_TESTS=${ARM64_TESTS:-load-unload prefix tls-sni tls-split http-host
	appfwd-quic agent-kernel cli-save-restore cli-errors counters firmware}
if (($#)); then
	only=$(
		IFS=,
		echo "$*"
	)
else
	read -ra names <<<"$(echo "$ARM64_TESTS" | tr '\n\t' '  ')"
	only=$(
		IFS=,
		echo "${names[*]}"
	)
fi

failed=0
fail() {
	echo "FAIL: arm64: $*"
	failed=1
}
skip() {
	if [[ ${CI:-} == true ]]; then
		fail "$* (not allowed to skip under CI=true)"
	else
		echo "SKIP: arm64: $*"
	fi
	exit "$failed"
}

for tool in qemu-system-aarch64 aarch64-linux-gnu-readelf busybox cpio depmod modinfo; do
	command -v "$tool" >/dev/null || skip "$tool not installed (scripts/deps-arm64.sh)"
done
kroot=$("$root/scripts/arm64-kernel.sh" --root) || {
	fail "no arm64 kernel (scripts/arm64-kernel.sh)"
	exit 1
}
sysroot=$("$root/scripts/arm64-sysroot.sh") || {
	fail "no arm64 sysroot (scripts/arm64-sysroot.sh)"
	exit 1
}
kver=$(basename "$kroot")
kernel=$kroot/boot/vmlinuz-$kver
ko=$build/kmod/appfw.ko
for f in "$kernel" "$ko" "$build/appfw" "$build/appfwd"; do
	[[ -f $f ]] || {
		fail "$f missing (make check-arm64 builds it)"
		exit 1
	}
done
vermagic=$(modinfo -F vermagic "$ko")
if [[ ${vermagic%% *} != "$kver" || $vermagic != *aarch64* ]]; then
	fail "$ko is built for '$vermagic', the VM boots $kver on aarch64"
	exit 1
fi

out=$build/vm
mkdir -p "$out"
initrd=$out/initramfs.cpio console=$out/console.log results=$out/results.log
dmesg=$out/dmesg.log
"$root/tests/arm64/mkinitramfs.sh" -o "$initrd" -k "$kver" -m "$ko" \
	-b "$build" -r "$root" -s "$sysroot" -d "$kroot" || {
	fail "building the initramfs failed"
	exit 1
}
: >"$console"
: >"$results"
: >"$dmesg"

start=$SECONDS
# As on x86: any kernel complaint panics, and a panic ends qemu.
timeout -k 10 "$timeout" qemu-system-aarch64 \
	-M virt -cpu cortex-a57 -accel tcg -smp 2 -m 2048 \
	-nodefaults -display none -no-reboot -monitor none \
	-serial "file:$console" \
	-device virtio-serial-device \
	-chardev "file,id=results,path=$results" -device virtconsole,chardev=results \
	-chardev "file,id=dmesg,path=$dmesg" -device virtconsole,chardev=dmesg \
	-kernel "$kernel" -initrd "$initrd" \
	-append "console=ttyAMA0 loglevel=5 panic_on_warn=1 oops=panic panic=-1 appfw_vm=test appfw_vm_only=$only appfw_vm_timeout=400" &
qemu=$!

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
	last=$(tr -d '\r' <"$console" | grep -o 'appfw-vm: \(start\|end\) [^ ]*' | tail -n 1)
	during=
	[[ $last == "appfw-vm: start "* ]] && during=" during ${last#appfw-vm: start }"
	fail "the VM stopped$during before its end marker (crash or hang; console below)"
fi
bad=$(tr -d '\r' <"$console" | grep -E 'WARNING:|BUG:|Oops|Internal error|Call trace|KASAN|UBSAN|Kernel panic|suspicious RCU usage')
if [[ $bad ]]; then
	fail "kernel problems on the console:"
	echo "$bad" | head -n 20 | sed 's/^/    /'
fi
# Every test asked for must have run: a name the VM did not know runs
# nothing and would otherwise pass.
for t in ${only//,/ }; do
	grep -qE "^(PASS|FAIL|SKIP): vm/$t([: ]|$)" "$results" ||
		fail "vm/$t printed nothing (no such test?)"
done
grep -q '^FAIL:' "$results" && failed=1
if ((failed)); then
	echo "    --- console tail ($console) ---"
	tr -d '\r' <"$console" | tail -n 40 | sed 's/^/    /'
fi
echo "arm64: VM ran for $elapsed s"
exit "$failed"
