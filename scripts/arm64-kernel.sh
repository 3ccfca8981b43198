#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Prepares Debian's arm64 kernel to cross-build appfw.ko against and to
# boot in the arm64 VM tier (make check-arm64), and prints its KDIR.
#
# It uses Debian's own arm64 packages, fetched through apt (multiarch
# arm64 is enabled if it is not): linux-image-KVER-arm64 (the Image and
# its modules) and linux-headers-KVER-arm64, with linux-headers-KVER-common
# and this host's linux-kbuild-6.1 (amd64: fixdep, modpost and friends
# run on the build machine whatever the target). Each is unpacked with
# dpkg-deb -x into one cache tree, so the headers' relative links to the
# common tree and to kbuild resolve inside it and nothing is installed.
# The headers carry the image's Module.symvers, so the module's symbol
# versions match the kernel that boots.
#
#   scripts/arm64-kernel.sh            print KDIR (preparing it once)
#   scripts/arm64-kernel.sh --root     print the tree's root (the image is
#                                      ROOT/boot/vmlinuz-KVER, modules in
#                                      ROOT/lib/modules/KVER)
#
# Environment: ARM64_KVER (default: the ABI of the installed amd64 headers,
# e.g. 6.1.0-57, plus -arm64), ARM64_CACHE (default
# /var/cache/appfw-arm64). Idempotent: a tree that is complete is reused.
set -euo pipefail

die() {
	echo "arm64-kernel.sh: $*" >&2
	exit 1
}

want=kdir
case ${1:-} in
--root) want=root ;;
"") ;;
*)
	echo "usage: scripts/arm64-kernel.sh [--root]" >&2
	exit 2
	;;
esac

if [[ -z ${ARM64_KVER:-} ]]; then
	# The same ABI as the amd64 headers the x86 tiers use.
	amd=$(printf '%s\n' /usr/src/linux-headers-*-amd64 | sort -V | tail -n 1)
	[[ -d $amd ]] || amd=
	[[ $amd ]] || die "no amd64 linux-headers to match (scripts/deps.sh), or set ARM64_KVER"
	abi=${amd#/usr/src/linux-headers-}
	ARM64_KVER=${abi%-amd64}-arm64
fi
kver=$ARM64_KVER
cache=${ARM64_CACHE:-/var/cache/appfw-arm64}
root=$cache/$kver
kdir=$root/usr/src/linux-headers-$kver

done_mark=$root/.prepared
if [[ ! -f $done_mark ]]; then
	command -v dpkg-deb >/dev/null || die "dpkg-deb missing"
	if ! dpkg --print-foreign-architectures | grep -qx arm64; then
		dpkg --add-architecture arm64 || die "cannot add the arm64 architecture (root?)"
		apt-get update -qq || die "apt-get update failed"
	fi
	abi=${kver%-arm64}
	pkgs=("linux-image-$kver:arm64" "linux-headers-$kver:arm64"
		"linux-headers-$abi-common")
	# kbuild's host programs: the package the common headers' version
	# of Debian calls linux-kbuild-MAJOR.MINOR, for this machine.
	major=$(sed -n 's/^VERSION = //p; s/^PATCHLEVEL = //p' \
		"/usr/src/linux-headers-$abi-common/Makefile" 2>/dev/null | paste -sd.)
	[[ $major ]] || major=6.1
	pkgs+=("linux-kbuild-$major")
	dl=$cache/debs
	mkdir -p "$dl"
	chmod 0755 "$cache" "$dl"
	# apt's _apt user downloads into a directory it can write.
	(cd "$dl" && apt-get download -q "${pkgs[@]}") ||
		{ apt-get update -qq && (cd "$dl" && apt-get download -q "${pkgs[@]}"); } ||
		die "cannot download ${pkgs[*]}"
	rm -rf "$root.tmp"
	mkdir -p "$root.tmp"
	for p in "${pkgs[@]}"; do
		name=${p%:*}
		deb=$(printf '%s\n' "$dl/${name}"_*.deb | sort -V | tail -n 1)
		dpkg-deb -x "$deb" "$root.tmp" || die "cannot unpack $deb"
	done
	# The image's modules.dep, for modprobe in the VM and --show-depends
	# on the host; depmod reads arm64 modules as well as any.
	depmod -b "$root.tmp" "$kver" || die "depmod failed"
	rm -rf "$root"
	mv "$root.tmp" "$root"
	touch "$done_mark"
fi

[[ -f $kdir/Makefile && -e $kdir/scripts/basic/fixdep ]] ||
	die "$kdir is incomplete (rm -rf $root and run again)"
[[ -r $root/boot/vmlinuz-$kver ]] || die "$root/boot/vmlinuz-$kver missing"
if [[ $want == root ]]; then
	echo "$root"
else
	echo "$kdir"
fi
