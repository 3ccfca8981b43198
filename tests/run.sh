#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/run.sh TIER...: runs tests/TIER/run.sh for each tier (unit, netns,
# vm), shows their output as it comes, and adds up their PASS:, FAIL: and
# SKIP: lines into the one summary line that ends every run:
#
#   N passed, N failed
#
# Skips are not passes: they are listed just before that line. A tier that
# exits non-zero without a FAIL line, or reports nothing at all, counts as
# a failure. Exit status 1 if anything failed.
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
passed=0 failed=0
skips=()

if (($# == 0)); then
	echo "usage: tests/run.sh TIER... (tiers: unit netns vm)" >&2
	exit 2
fi

for tier; do
	script=$root/tests/$tier/run.sh
	echo "== $tier"
	if [[ ! -x $script ]]; then
		echo "FAIL: $tier: no such tier (tests/$tier/run.sh)"
		failed=$((failed + 1))
		continue
	fi
	start=$SECONDS
	tier_failed=0 tier_results=0
	while IFS= read -r line; do
		printf '%s\n' "$line"
		case $line in
		PASS:*) passed=$((passed + 1)) ;;
		FAIL:*) failed=$((failed + 1)) tier_failed=$((tier_failed + 1)) ;;
		SKIP:*) skips+=("$line") ;;
		*) continue ;;
		esac
		tier_results=$((tier_results + 1))
	done < <("$script" 2>&1 </dev/null)
	wait $!
	rc=$?
	if ((rc != 0 && tier_failed == 0)); then
		echo "FAIL: $tier: exited $rc without a FAIL line"
		failed=$((failed + 1))
	elif ((tier_results == 0)); then
		echo "FAIL: $tier: reported no result"
		failed=$((failed + 1))
	fi
	echo "== $tier: $((SECONDS - start)) s"
done

if ((${#skips[@]})); then
	echo "${#skips[@]} skipped (not counted as passed):"
	printf '  %s\n' "${skips[@]}"
fi
echo "$passed passed, $failed failed"
((failed == 0))
