#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Installs every Debian/Ubuntu package that building, testing and the demo
# need. Idempotent: what is installed is left alone, and the package lists
# are updated only when something has to be installed.
#
#   scripts/deps.sh               install what is missing, say what it did
#   scripts/deps.sh --if-missing  the same, silent when nothing is missing
#                                 (make test runs this: one dpkg-query)
set -euo pipefail

# The one list. Add a package here, with what needs it if not obvious.
PACKAGES=(
	# build
	build-essential pkg-config clang libclang-rt-14-dev sparse
	libnl-3-dev libnl-genl-3-dev libmnl-dev libnetfilter-queue-dev
	libssl-dev libpcap-dev
	# appfw.ko is built against, and booted in, Debian's kernel: the
	# headers and the image must be one version (checked below)
	linux-headers-amd64 linux-image-amd64 linux-source-6.1 xz-utils
	# the debug tier builds its own kernel from linux-source-6.1
	flex bison bc libelf-dev
	# VM tier: qemu, and what the initramfs is built from
	qemu-system-x86 busybox-static kmod cpio
	# netns and VM tests
	iproute2 iptables nftables conntrack jq socat tcpdump valgrind
	# VM classification tests: real TLS and HTTP clients and servers,
	# segmentation offloads turned off
	openssl curl ethtool
	# lint: the man pages format without warnings (groff, man --warnings)
	groff-base man-db
	# make bench: appfw against nDPI on the same packets
	libndpi-dev
	# make bench-vm: throughput through the VM's gateway
	iperf3
	# lint: the plain init script is POSIX sh; DKMS and the Debian
	# packages (make deb) are built and checked, lintian among the checks
	shellcheck cppcheck dkms dh-dkms debhelper dpkg-dev fakeroot lintian
)
KERNEL_META=(linux-image-amd64 linux-headers-amd64)

quiet=0
case ${1:-} in
--if-missing) quiet=1 ;;
"") ;;
*)
	echo "usage: scripts/deps.sh [--if-missing]" >&2
	exit 2
	;;
esac

say() { ((quiet)) || echo "deps.sh: $*"; }

# missing: the listed packages dpkg does not have fully installed.
missing() {
	local -A ok=()
	local pkg status p

	while IFS=$'\t' read -r pkg status; do
		[[ $status == "ii " ]] && ok[$pkg]=1
	done < <(dpkg-query -W -f='${Package}\t${db:Status-Abbrev}\n' \
		"${PACKAGES[@]}" 2>/dev/null)
	for p in "${PACKAGES[@]}"; do
		[[ ${ok[$p]:-} ]] || echo "$p"
	done
}

# kernel_mismatch: true when the image and headers meta packages are at
# different versions (one was upgraded without the other), which would
# build appfw.ko for a kernel that the VM does not boot.
kernel_mismatch() {
	local versions

	versions=$(dpkg-query -W -f='${Version}\n' "${KERNEL_META[@]}" 2>/dev/null | sort -u)
	[[ $(wc -l <<<"$versions") != 1 ]]
}

mapfile -t todo < <(missing)
if kernel_mismatch && ((${#todo[@]} == 0)); then
	# apt-get install of both brings both to the same candidate version.
	todo=("${KERNEL_META[@]}")
	say "linux-image-amd64 and linux-headers-amd64 differ in version"
fi
if ((${#todo[@]} == 0)); then
	say "all ${#PACKAGES[@]} packages installed"
	exit 0
fi

if (($(id -u) != 0)); then
	echo "deps.sh: missing packages: ${todo[*]}" >&2
	echo "deps.sh: run it as root to install them: sudo scripts/deps.sh" >&2
	exit 1
fi

# Installing one kernel meta package alone could leave the other behind.
for p in "${todo[@]}"; do
	if [[ $p == linux-image-amd64 || $p == linux-headers-amd64 ]]; then
		todo+=("${KERNEL_META[@]}")
		break
	fi
done

echo "deps.sh: installing ${todo[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends \
	-o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
	"${todo[@]}"

mapfile -t left < <(missing)
if ((${#left[@]})); then
	echo "deps.sh: still missing after apt-get install: ${left[*]}" >&2
	exit 1
fi
if kernel_mismatch; then
	echo "deps.sh: linux-image-amd64 and linux-headers-amd64 still differ:" >&2
	dpkg-query -W "${KERNEL_META[@]}" >&2
	exit 1
fi
say "done"
