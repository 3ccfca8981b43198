#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The arm64 VM tier (make check-arm64): tests/vm/run.sh with VM_ARCH=arm64,
# that is Debian's arm64 kernel under qemu-system-aarch64 -M virt with TCG,
# the cross-built appfw.ko, appfw, appfwd and test tools, and the x86 VM
# tier's own tests (tests/vm/tests/*.sh), judged the same way.
#
#   tests/arm64/run.sh             the tests in ARM64_TESTS (below)
#   tests/run.sh arm64             the same, as a tier of make test
#   tests/arm64/run.sh NAME...     only tests/vm/tests/NAME.sh
#
# Environment: ARM64_BUILD (the cross build, default build-arm64: make
# arm64 builds it, appfw.ko in ARM64_BUILD/kmod), ARM64_TESTS (names),
# VM_TIMEOUT (seconds, default 1500), and tests/vm/run.sh's other VM_*.
# Output in ARM64_BUILD/vm: the initramfs, console.log (ttyAMA0),
# results.log (hvc0), dmesg.log (hvc1).
set -uo pipefail

# The core blocking scenarios (address prefixes, TLS whole and split, HTTP,
# QUIC through the agent), the CLI, and the static firmware build; the
# rest of tests/vm/tests stays with the x86 tier, for time (TCG emulating
# another architecture is slower), and deb-install.sh needs the x86
# packages.
ARM64_TESTS=${ARM64_TESTS:-load-unload prefix tls-sni tls-split http-host
	appfwd-quic agent-kernel cli-save-restore cli-errors counters firmware}
if (($# == 0)); then
	read -ra names <<<"$(echo "$ARM64_TESTS" | tr '\n\t' '  ')"
	set -- "${names[@]}"
fi
BUILD=${ARM64_BUILD:-build-arm64} VM_ARCH=arm64 VM_TIMEOUT=${VM_TIMEOUT:-1500} \
	exec "$(dirname "${BASH_SOURCE[0]}")/../vm/run.sh" "$@"
