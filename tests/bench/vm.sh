#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Runs the VM benchmarks (tests/bench/vm/NAME.sh) in the test VM:
# tests/vm/run.sh with the scripts added to the image and only them run,
# more memory (the policy-load benchmark holds 10^6 names in nftables'
# userspace as well as in the kernel) and more time. Root, like the VM
# tier; the figures are the PASS: lines (a FAIL means a measurement did
# not happen, never that it was slow).
#
#   tests/bench/vm.sh                    both: policy-load, datapath
#   tests/bench/vm.sh policy-load        one of them
#
# Environment: BUILD (as for run.sh), BENCH_MEM (MiB, default 6144), and
# what the scripts read (BENCH_REPEAT, BENCH_KINDS, BENCH_DOMAINS,
# BENCH_PREFIXES, BENCH_XT, BENCH_SECONDS, BENCH_FLOWS: see their
# headers; no spaces), which reach them through the kernel command line
# (the kernel hands init the name=value words it does not know). Output
# in $BUILD/vm-bench/.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${BUILD:-build}
[[ $build == /* ]] || build=$root/$build
(($#)) || set -- policy-load datapath

scripts='' append='appfw_vm_timeout=5400'
for name; do
	[[ -f $root/tests/bench/vm/$name.sh ]] || {
		echo "tests/bench/vm.sh: no benchmark tests/bench/vm/$name.sh" >&2
		exit 2
	}
	scripts+=" $root/tests/bench/vm/$name.sh"
done
for v in BENCH_REPEAT BENCH_KINDS BENCH_DOMAINS BENCH_PREFIXES BENCH_XT \
	BENCH_SECONDS BENCH_FLOWS; do
	[[ ${!v:-} ]] && append+=" $v=${!v}"
done

# The host's load beside the figures: the VM shares the host's CPUs, and
# a figure means little without it.
echo "# host load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
rc=0
VM_EXTRA_TESTS=$scripts VM_MEM=${BENCH_MEM:-6144} VM_APPEND=$append \
	VM_OUT=$build/vm-bench VM_TIMEOUT=${VM_TIMEOUT:-6000} \
	"$root/tests/vm/run.sh" "$@" || rc=$?
echo "# host load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$rc"
