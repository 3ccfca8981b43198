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
declare -A sources=(
	[tls]="tests/fuzz/fuzz_tls.c kmod/shared/tls.c"
	[http]="tests/fuzz/fuzz_http.c kmod/shared/http.c"
	[catalog]="tests/fuzz/fuzz_catalog.c userspace/lib/catalog.c userspace/lib/catalogfile.c userspace/lib/catalogcheck.c userspace/lib/syntax.c kmod/shared/domain.c kmod/shared/prefix.c"
)
declare -A seeds=(
	[tls]=tests/fixtures
	[http]=tests/fixtures
	[catalog]=userspace/catalog/apps
)

for target in tls http catalog; do
	bin=$out/fuzz-$target
	# shellcheck disable=SC2086
	if ! clang "${flags[@]}" ${sources[$target]} -o "$bin" \
		>"$out/$target-build.log" 2>&1; then
		cat "$out/$target-build.log"
		fail "$target: does not build"
		continue
	fi
	# The corpus grows while it runs; the repo's seeds stay as they are.
	corpus=$(mktemp -d "$lib_tmp/corpus-$target.XXXXXX")
	cp "${seeds[$target]}"/* "$corpus"/
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
