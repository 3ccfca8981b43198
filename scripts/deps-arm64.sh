#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# What the arm64 cross build and VM tier (make check-arm64) need beyond
# scripts/deps.sh: the cross compiler and qemu for arm64 on this machine,
# then Debian's arm64 kernel (scripts/arm64-kernel.sh) and an arm64
# sysroot (scripts/arm64-sysroot.sh), both cached, not installed. Kept
# apart from deps.sh so that make test does not pay for them.
#
#   scripts/deps-arm64.sh [--if-missing]   (--if-missing: quiet when done)
set -euo pipefail

PACKAGES=(gcc-aarch64-linux-gnu libc6-dev-arm64-cross binutils-aarch64-linux-gnu
	qemu-system-arm)
quiet=0
[[ ${1:-} == --if-missing ]] && quiet=1

missing=()
for p in "${PACKAGES[@]}"; do
	[[ $(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null) == "ii " ]] ||
		missing+=("$p")
done
if ((${#missing[@]})); then
	if (($(id -u) != 0)); then
		echo "deps-arm64.sh: missing packages: ${missing[*]}; run it as root" >&2
		exit 1
	fi
	echo "deps-arm64.sh: installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q
	apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
dir=$(dirname "${BASH_SOURCE[0]}")
kdir=$("$dir/arm64-kernel.sh")
sysroot=$("$dir/arm64-sysroot.sh")
((quiet)) || echo "deps-arm64.sh: KDIR=$kdir SYSROOT=$sysroot"
