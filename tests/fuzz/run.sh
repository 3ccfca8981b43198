#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Fuzz tier: builds every libFuzzer target with clang (ASan + UBSan) and
# runs each for FUZZ_SECONDS (default 15; `make fuzz` runs longer) from the
# seeds in the repo. A crash, leak or sanitizer report fails the target;
# the input that did it is kept under $BUILD/fuzz/ to become a unit test.
#
#   FUZZ_TARGETS="dns args"  only these (default: every tests/fuzz/fuzz_*.c)
#   FUZZ_RESULTS=FILE        also record each target's run in FILE, a
#                            Markdown table (make fuzz: tests/fuzz/RESULTS.md;
#                            make test leaves it alone): its row is replaced,
#                            the other targets' rows stay
set -u
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh
lib_init fuzz

BUILD=${BUILD:-build}
seconds=${FUZZ_SECONDS:-15}
results=${FUZZ_RESULTS:-}
# Absolute: a target may change its working directory.
out=$PWD/$BUILD/fuzz
mkdir -p "$out"

if ! command -v clang >/dev/null; then
	skip "clang not installed (scripts/deps.sh)"
	lib_done
fi

flags=(-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
	-D_GNU_SOURCE -Iinclude/uapi -Iinclude -Ikmod/shared -Iuserspace/lib)
# Each target names what it links and where its seeds are in tag lines of
# its own file, so adding a target touches nothing here:
#   fuzz-sources: kmod/shared/tls.c ...   (besides the target itself)
#   fuzz-seeds: tests/fixtures ...         (directories: their files)
#   fuzz-cflags: -DNAME="value" ...        (optional)
#   fuzz-pkgs: libnl-genl-3.0              (optional, through pkg-config)
#   fuzz-libs: -lcrypto                     (optional)
tag() { sed -n "s/^.*fuzz-$1: *//p" "$2" | head -n 1; }

# One row of the results table, replacing the target's old one.
record() {
	local target=$1 row=$2 tmp

	[[ $results ]] || return 0
	if [[ ! -s $results ]]; then
		cat >"$results" <<-'EOF'
		# Fuzzing results

		Written by `make fuzz` (tests/fuzz/run.sh with FUZZ_RESULTS set):
		one row per libFuzzer target, from its last long run. `make test`
		runs every target for 15 s and records nothing here. Executions
		and coverage are libFuzzer's final counts; the corpus is the
		repo's seeds plus what the run found (not kept). A finding is a
		crash, leak, sanitizer report or broken invariant; each one fixed
		becomes a unit regression test.

		| target | date (UTC) | seconds | executions | corpus (files, bytes) | coverage (edges) | findings |
		|---|---|---|---|---|---|---|
		EOF
	fi
	tmp=$(mktemp "$lib_tmp/results.XXXXXX")
	grep -v "^| $target |" "$results" >"$tmp"
	echo "$row" >>"$tmp"
	# The table's rows in target order, the text above it as it was.
	{
		sed '/^| [a-z0-9_-]* | [0-9]/,$d' "$tmp"
		grep '^| [a-z0-9_-]* | [0-9]' "$tmp" | sort
	} >"$results"
}

for src in tests/fuzz/fuzz_*.c; do
	target=${src#tests/fuzz/fuzz_}
	target=${target%.c}
	if [[ ${FUZZ_TARGETS:-} ]] && [[ " $FUZZ_TARGETS " != *" $target "* ]]; then
		continue
	fi
	bin=$out/fuzz-$target
	pkgs=$(tag pkgs "$src")
	pkg_flags=
	# shellcheck disable=SC2086 # a list of packages
	if [[ $pkgs ]] && ! pkg_flags=$(pkg-config --cflags --libs $pkgs); then
		fail "$target: pkg-config does not know $pkgs"
		continue
	fi
	# shellcheck disable=SC2046,SC2086 # the tags are lists of words
	if ! clang "${flags[@]}" $(tag cflags "$src") "$src" \
		$(tag sources "$src") -o "$bin" $pkg_flags $(tag libs "$src") \
		>"$out/$target-build.log" 2>&1; then
		cat "$out/$target-build.log"
		fail "$target: does not build"
		continue
	fi
	# The corpus grows while it runs; the repo's seeds stay as they are.
	corpus=$(mktemp -d "$lib_tmp/corpus-$target.XXXXXX")
	for dir in $(tag seeds "$src"); do
		find "$dir" -maxdepth 1 -type f -exec cp {} "$corpus"/ \;
	done
	date=$(date -u '+%Y-%m-%d %H:%M')
	rm -f "$out/$target"-crash-* "$out/$target"-leak-* \
		"$out/$target"-timeout-* "$out/$target"-oom-*
	"$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
		-artifact_prefix="$out/$target-" "$corpus" \
		>"$out/$target.log" 2>&1
	rc=$?
	runs=$(grep -o 'Done [0-9]* runs' "$out/$target.log" | tail -n 1)
	runs=${runs#Done }
	runs=${runs% runs}
	# Stopped by a finding: libFuzzer's last status line has the count.
	[[ $runs ]] || runs=$(sed -n 's/^#\([0-9]*\).*/\1/p' "$out/$target.log" |
		tail -n 1)
	cov=$(grep -o 'cov: [0-9]*' "$out/$target.log" | tail -n 1)
	files=$(find "$corpus" -type f | wc -l)
	bytes=$(find "$corpus" -type f -printf '%s\n' |
		awk '{ n += $1 } END { print n + 0 }')
	if ((rc == 0)); then
		pass "$target: ${seconds} s, ${runs:-?} runs, no finding"
		found=none
	else
		tail -n 40 "$out/$target.log"
		fail "$target: finding after fuzzing, input kept as $out/$target-*"
		found=
		for f in "$out/$target"-*; do
			[[ -f $f && $f != *.log ]] && found+="${f##*/} "
		done
		found="FAILED: ${found:-see $target.log}"
	fi
	record "$target" "| $target | $date | $seconds | ${runs:-?} | $files, $bytes | ${cov#cov: } | $found |"
done
lib_done
