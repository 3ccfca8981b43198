#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Prepares an arm64 Debian sysroot, and prints its path: the -dev
# libraries appfw and appfwd are cross-built against (gcc --sysroot,
# pkg-config through PKG_CONFIG_SYSROOT_DIR), and the arm64 programs the
# VM tests drive (bash, iproute2, nft, iptables, socat, jq, openssl, curl,
# busybox...), which tests/vm/mkinitramfs.sh -a arm64 copies into the image.
#
# The packages and everything they depend on are fetched with apt-get
# download (multiarch arm64 is enabled if it is not) and unpacked with
# dpkg-deb: nothing is installed on this machine, and the host's amd64
# packages are left alone (installing the arm64 -dev packages through
# multiarch would upgrade amd64 ones to match them). The tree is merged
# /usr like Debian 12's: /lib, /bin and /sbin are links into /usr.
#
# Environment: ARM64_CACHE (default /var/cache/appfw-arm64); the sysroot
# is ARM64_CACHE/sysroot. Idempotent: a complete tree is reused; a change
# of the package list below rebuilds it.
set -euo pipefail

PACKAGES=(
	# cross-building appfw and appfwd (Makefile PKGS, AGENT_PKGS)
	libc6-dev linux-libc-dev libnl-3-dev libnl-genl-3-dev libmnl-dev
	libnetfilter-queue-dev libssl-dev libpcap-dev
	# what the VM tests run (tests/vm/mkinitramfs.sh's TOOLS)
	busybox-static bash jq socat kmod iproute2 nftables conntrack iptables
	openssl curl ethtool util-linux
)

die() {
	echo "arm64-sysroot.sh: $*" >&2
	exit 1
}

cache=${ARM64_CACHE:-/var/cache/appfw-arm64}
root=$cache/sysroot
stamp=$(printf '%s\n' "${PACKAGES[@]}" | md5sum | cut -d' ' -f1)
if [[ -f $root/.prepared && $(cat "$root/.prepared") == "$stamp" ]]; then
	echo "$root"
	exit 0
fi

if ! dpkg --print-foreign-architectures | grep -qx arm64; then
	dpkg --add-architecture arm64 || die "cannot add the arm64 architecture (root?)"
	apt-get update -qq || die "apt-get update failed"
fi

# The closure over Depends (and Pre-Depends), arm64 packages only: the
# arch-all ones hold data and maintainer scripts, not libraries; netbase
# is the one whose files (/etc/protocols, /etc/services) the tools read.
closure() {
	apt-cache depends --recurse --no-recommends --no-suggests \
		--no-conflicts --no-breaks --no-replaces --no-enhances \
		"${PACKAGES[@]/%/:arm64}" | grep -v '^[ <]' | grep ':arm64$' | sort -u
}
pkgs=$(closure) || die "apt-cache depends failed"
[[ $pkgs ]] || die "no packages resolved (apt-get update?)"

dl=$cache/debs-arm64
mkdir -p "$dl"
chmod 0755 "$cache" "$dl"
# shellcheck disable=SC2086 # one package name a word
(cd "$dl" && apt-get download -q $pkgs netbase >/dev/null) ||
	die "cannot download the arm64 packages"

rm -rf "$root.tmp"
mkdir -p "$root.tmp"/usr/{bin,sbin,lib}
for d in bin sbin lib; do
	ln -s "usr/$d" "$root.tmp/$d"
done
for p in $pkgs netbase; do
	name=${p%:arm64}
	# The newest one downloaded: older versions may linger in the cache.
	deb=$(shopt -s nullglob
		printf '%s\n' "$dl/${name}"_*_{arm64,all}.deb | sort -V | tail -n 1)
	[[ $deb ]] || die "no .deb for $p in $dl"
	dpkg-deb --fsys-tarfile "$deb" |
		tar -C "$root.tmp" -x --keep-directory-symlink ||
		die "cannot unpack $deb"
done
rm -rf "$root"
mv "$root.tmp" "$root"
echo "$stamp" >"$root/.prepared"
echo "$root"
