#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Builds the debug tier's kernel (KASAN, UBSAN, lockdep, kmemleak: what
# Debian's kernel lacks) from Debian's linux-source-6.1: tinyconfig plus
# tests/debug/debug.config, merged with the tree's merge_config.sh. Offline:
# the source is the installed package's tarball.
#
#   tests/debug/build-kernel.sh     prints the built tree's path (KDIR)
#
# The result is cached outside the repository under a key hashed from the
# fragment, the source package's version and the compiler, so a second run
# with the same inputs does not rebuild:
#
#   $cache/$key/linux                  the built tree (KDIR, bzImage)
#   $cache/$key/mods/lib/modules/KVER  modules.builtin and friends
#   $cache/$key/ok                     written last: the build is complete
#
# Environment: APPFW_DEBUG_KERNEL_CACHE (default /var/cache/appfw-debug-kernel
# for root, else $XDG_CACHE_HOME/appfw-debug-kernel), JOBS (default nproc).
# Progress goes to stderr, the build's own output to $cache/$key/build.log.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
fragment=$root/tests/debug/debug.config
tarball=/usr/src/linux-source-6.1.tar.xz
jobs=${JOBS:-$(nproc)}

die() {
	echo "build-kernel.sh: $*" >&2
	exit 1
}
say() {
	echo "build-kernel.sh: $*" >&2
}

if [[ ${APPFW_DEBUG_KERNEL_CACHE:-} ]]; then
	cache=$APPFW_DEBUG_KERNEL_CACHE
elif ((EUID == 0)); then
	cache=/var/cache/appfw-debug-kernel
else
	cache=${XDG_CACHE_HOME:-$HOME/.cache}/appfw-debug-kernel
fi

[[ -r $tarball ]] || die "$tarball missing (scripts/deps.sh installs linux-source-6.1)"
for tool in gcc make flex bison bc perl xz; do
	command -v "$tool" >/dev/null || die "$tool not installed (scripts/deps.sh)"
done
[[ -r /usr/include/libelf.h ]] || die "libelf-dev not installed (scripts/deps.sh; objtool needs it)"
srcver=$(dpkg-query -W -f='${Version}' linux-source-6.1 2>/dev/null) ||
	die "cannot tell linux-source-6.1's version"

# What the kernel is made of. The compiler is part of it: a KASAN kernel
# built by another gcc may instrument differently.
key=$({
	cat "$fragment"
	echo "linux-source-6.1 $srcver"
	gcc --version | head -n 1
} | sha256sum | cut -c1-16)
dir=$cache/$key
kdir=$dir/linux

mkdir -p "$cache"
# One build at a time per cache: a second caller waits, then finds it done.
exec 9>"$cache/lock"
flock 9

if [[ -f $dir/ok ]]; then
	say "cached: $dir ($(cat "$dir/ok"))"
	echo "$kdir"
	exit 0
fi

rm -rf "$dir"
mkdir -p "$dir"
log=$dir/build.log
start=$SECONDS
say "building in $dir (log: $log)"

# run STEP CMD...: the command's output to the log; on failure, its tail.
run() {
	local step=$1

	shift
	say "$step"
	if ! "$@" >>"$log" 2>&1; then
		tail -n 40 "$log" | sed 's/^/    /' >&2
		die "$step failed (full log: $log)"
	fi
}

run "unpacking $tarball" tar -C "$dir" -xf "$tarball"
mv "$dir/linux-source-6.1" "$kdir"
cd "$kdir"

# tinyconfig is allnoconfig plus these two fragments; merging ours in the
# same pass lets Kconfig resolve them together.
run "configuring (tinyconfig + ${fragment#"$root"/})" \
	scripts/kconfig/merge_config.sh -n kernel/configs/tiny.config \
	arch/x86/configs/tiny.config "$fragment"
# merge_config.sh only warns when a value does not stick; here that is an
# error, or the tier would test a kernel without what it claims to check.
missing=$(grep -E '^CONFIG_' "$fragment" | while IFS= read -r line; do
	grep -qxF "$line" .config || echo "$line"
done)
[[ -z $missing ]] || die "these fragment lines did not survive Kconfig (missing dependencies?):
$missing"

run "make -j$jobs" make -j"$jobs"
run "make modules_prepare" make -j"$jobs" modules_prepare
kver=$(make -s kernelrelease)
run "make modules_install" make -j"$jobs" INSTALL_MOD_PATH="$dir/mods" \
	modules_install
[[ -f $dir/mods/lib/modules/$kver/modules.builtin ]] ||
	die "modules_install left no modules.builtin for $kver"

# The source and objects the build no longer needs stay: out-of-tree
# modules build against this tree.
echo "$kver, linux-source-6.1 $srcver, built in $((SECONDS - start)) s with -j$jobs" >"$dir/ok.tmp"
mv "$dir/ok.tmp" "$dir/ok"
say "done: $(cat "$dir/ok")"
echo "$kdir"
