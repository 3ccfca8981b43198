#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Fuzz tier: builds every libFuzzer target with clang (ASan + UBSan) and
# runs each for FUZZ_SECONDS (default 15; `make fuzz` runs longer) from the
# seeds in the repo. A crash, leak or sanitizer report fails the target;
# the input that did it is kept under $BUILD/fuzz/ to become a unit test.
set -u
cd "$(dirname "$0")/../.."
. tests/lib.sh
lib_init fuzz

BUILD=${BUILD:-build}
seconds=${FUZZ_SECONDS:-15}
out=$BUILD/fuzz
mkdir -p "$out"

if ! command -v clang >/dev/null; then
	skip "clang not installed (scripts/deps.sh)"
	lib_done
fi

flags=(-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
	-D_GNU_SOURCE -Iinclude/uapi -Iinclude -Ikmod/shared -Iuserspace/lib)
# Each target names what it links and where its seeds are in two tag
# lines of its own file, so adding a target touches nothing here:
#   fuzz-sources: kmod/shared/tls.c ...   (besides the target itself)
#   fuzz-seeds: tests/fixtures ...         (directories, copied in)
#   fuzz-libs: -lcrypto                     (optional)
tag() { sed -n "s/^.*fuzz-$1: *//p" "$2" | head -n 1; }

for src in tests/fuzz/fuzz_*.c; do
	target=${src#tests/fuzz/fuzz_}
	target=${target%.c}
	bin=$out/fuzz-$target
	# shellcheck disable=SC2086
	if ! clang "${flags[@]}" "$src" $(tag sources "$src") -o "$bin" \
		$(tag libs "$src") \
		>"$out/$target-build.log" 2>&1; then
		cat "$out/$target-build.log"
		fail "$target: does not build"
		continue
	fi
	# The corpus grows while it runs; the repo's seeds stay as they are.
	corpus=$(mktemp -d "$lib_tmp/corpus-$target.XXXXXX")
	for dir in $(tag seeds "$src"); do
		cp "$dir"/* "$corpus"/
	done
	if "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
		-artifact_prefix="$out/$target-" "$corpus" \
		>"$out/$target.log" 2>&1; then
		runs=$(grep -o 'Done [0-9]* runs' "$out/$target.log" | tail -n 1)
		pass "$target: ${seconds} s, ${runs#Done }, no finding"
	else
		tail -n 40 "$out/$target.log"
		fail "$target: finding after fuzzing, input kept as $out/$target-*"
	fi
done
lib_done
