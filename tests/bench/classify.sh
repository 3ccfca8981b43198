#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Runs bench-classify twice: natively for nanoseconds per flow, then under
# callgrind for instructions per flow (exact, unlike time on a shared VM),
# and prints the ratio nDPI / appfw for each fixture. Reports only.
#
#   tests/bench/classify.sh [BENCH_BINARY] [FIXTURE_DIR]
set -eu
bin=${1:-build/bench-classify}
dir=${2:-tests/fixtures}
flows=2000	# FLOWS in bench_classify.c

"$bin" "$dir"
command -v valgrind >/dev/null || { echo "classify.sh: no valgrind: no instruction counts"; exit 0; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" \
	"$bin" "$dir" >/dev/null 2>"$tmp/log" ||
	{ cat "$tmp/log" >&2; exit 1; }

echo "instructions per flow (callgrind, $flows flows per part):"
# Each dump is a file cg.out.N whose "desc: Trigger:" line names the part.
declare -A ir
for f in "$tmp"/cg.out.*; do
	part=$(sed -n 's/^desc: Trigger: Client Request: //p' "$f")
	total=$(sed -n 's/^totals: \([0-9]*\).*/\1/p' "$f")
	[[ $part && $total ]] && ir[$part]=$total
done
for part in "${!ir[@]}"; do
	[[ $part == appfw\ * ]] || continue
	name=${part#appfw }
	a=${ir[$part]} n=${ir["ndpi $name"]:-0}
	awk -v name="$name" -v a="$a" -v n="$n" -v f="$flows" 'BEGIN {
		printf "%-40s appfw %8d  nDPI %8d  ratio %.1fx\n",
			name, a / f, n / f, n / a }'
done | sort
