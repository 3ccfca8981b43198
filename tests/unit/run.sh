#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The unit tier: $BUILD/unit-tests (make unit), built with ASan and UBSan,
# prints its own PASS:/FAIL: line per test.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${BUILD:-build}
[[ $build == /* ]] || build=$root/$build

if [[ ! -x $build/unit-tests ]]; then
	echo "FAIL: unit: $build/unit-tests missing (make unit)"
	exit 1
fi
exec "$build/unit-tests"
