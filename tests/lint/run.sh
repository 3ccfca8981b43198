#!/bin/bash
# Lint tier: the module builds without a single warning, sparse has nothing
# to say, checkpatch.pl --strict (from Debian's linux-source-6.1) is clean
# on the module and the shared code, cppcheck on the userspace code, the man pages are clean and complete
# (tests/lint/docs.sh), bash completion works (tests/lint/completion.sh),
# the firmware builds link (firmware.sh), make install lays out its tree
# (install.sh), and the Debian packages and DKMS build (packages.sh). Prints PASS:/FAIL: lines for tests/run.sh.
set -u
cd "$(dirname "$0")/../.."
. tests/lib.sh
lib_init lint

BUILD=${BUILD:-build}
KDIR=${KDIR:-$(scripts/kdir.sh)}
mkdir -p "$BUILD"

# Compile from scratch so every object shows its warnings again; C=1 runs
# sparse on each file as it is compiled, so one build serves both.
have_sparse=1
command -v sparse >/dev/null || have_sparse=0
# Only the module's own objects: Kbuild's clean would delete every .o and
# .ko below the tree, the arm64 tier's cross-built module among them.
find kmod -name '*.o' -delete
rm -f appfw.ko appfw.mod appfw.mod.c appfw.mod.o
if make -C "$KDIR" M="$PWD" W=1 C=$have_sparse modules \
	>"$BUILD/lint-module.log" 2>&1; then
	if grep -E 'warning:|error:' "$BUILD/lint-module.log"; then
		fail "module-build: gcc (W=1) or sparse warnings, see above"
	else
		pass "module-build: no gcc (W=1) warnings"
		((have_sparse)) && pass "sparse: clean"
	fi
else
	tail -n 30 "$BUILD/lint-module.log"
	fail "module-build: build failed"
fi
((have_sparse)) || skip "sparse: sparse not installed (scripts/deps.sh)"

checkpatch_dir="$BUILD/checkpatch"
src_tar=$(ls /usr/src/linux-source-*.tar.xz 2>/dev/null | sort -V | tail -n 1)
if [ ! -x "$checkpatch_dir/scripts/checkpatch.pl" ] && [ -n "$src_tar" ]; then
	top=$(basename "$src_tar" .tar.xz)
	mkdir -p "$checkpatch_dir"
	tar -xJf "$src_tar" -C "$checkpatch_dir" --strip-components=1 \
		"$top/scripts/checkpatch.pl" "$top/scripts/spelling.txt" \
		"$top/scripts/const_structs.checkpatch" 2>/dev/null
fi
if [ ! -x "$checkpatch_dir/scripts/checkpatch.pl" ]; then
	skip "checkpatch: no linux-source tarball (scripts/deps.sh)"
else
	files=$(ls kmod/*.[ch] kmod/shared/*.[ch] include/uapi/linux/appfw.h)
	# --no-tree: we are out of tree. --strict, less two checks that
	# cannot apply here: PREFER_KERNEL_TYPES flags compat.h's userspace
	# half, which defines u8 and friends from <stdint.h> for the shared
	# code; MACRO_ARG_REUSE flags macros whose arguments are constants
	# (ARRAY_SIZE(pol) in the genl op tables) or plain names (extack).
	if perl "$checkpatch_dir/scripts/checkpatch.pl" --no-tree --quiet \
		--terse --show-types --strict \
		--ignore PREFER_KERNEL_TYPES,MACRO_ARG_REUSE \
		-f $files >"$BUILD/lint-checkpatch.log" 2>&1; then
		pass "checkpatch: clean"
	else
		cat "$BUILD/lint-checkpatch.log"
		fail "checkpatch: see above"
	fi
fi
# cppcheck on everything built for userspace, the shared code included.
if command -v cppcheck >/dev/null; then
	if cppcheck --quiet --enable=warning,portability,performance \
		--std=c11 --inline-suppr --error-exitcode=1 -D_GNU_SOURCE \
		-Iinclude/uapi -Iinclude -Ikmod/shared -Iuserspace/lib \
		-Iuserspace/appfwd userspace/ kmod/shared/ tests/tools/ \
		>"$BUILD/lint-cppcheck.log" 2>&1; then
		pass "cppcheck: userspace, shared code and test tools clean"
	else
		cat "$BUILD/lint-cppcheck.log"
		fail "cppcheck: see above"
	fi
else
	skip "cppcheck: not installed (scripts/deps.sh)"
fi
# The man pages: no warnings, every command and option documented; bash
# completion.
tests/lint/docs.sh || lib_failed=1
tests/lint/completion.sh || lib_failed=1
# Firmware builds, make install's tree, DKMS and the Debian packages.
BUILD=$BUILD tests/lint/firmware.sh || lib_failed=1
BUILD=$BUILD tests/lint/install.sh || lib_failed=1
BUILD=$BUILD tests/lint/packages.sh || lib_failed=1
lib_done
