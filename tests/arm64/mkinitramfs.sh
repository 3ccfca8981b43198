#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Builds the arm64 test VM's initramfs: the x86 image's layout
# (tests/vm/mkinitramfs.sh) from arm64 files. The programs the tests drive
# come from the arm64 sysroot (scripts/arm64-sysroot.sh) with the
# libraries their ELF NEEDED entries name, found in the sysroot (ldd cannot
# run arm64 programs here); the kernel's modules from Debian's arm64 image
# (scripts/arm64-kernel.sh --root); appfw.ko, appfw, appfwd and the test
# tools from the cross build.
#
#   mkinitramfs.sh -o OUT.cpio -k KVER -m appfw.ko -b BUILD_DIR -r REPO_ROOT
#                  -s SYSROOT -d KERNEL_ROOT
#
# /init is tests/arm64/init, which loads the virtio console the results
# leave by and then runs tests/vm/init with its serial ports renamed.
set -euo pipefail

TOOLS=(
	/usr/bin/bash /usr/bin/jq /usr/bin/socat /usr/bin/kmod
	/usr/bin/ip /usr/bin/ss /usr/sbin/tc /usr/sbin/nft /usr/sbin/conntrack
	/usr/sbin/xtables-nft-multi
	/usr/bin/openssl /usr/bin/curl /usr/sbin/ethtool
	/usr/bin/setpriv
)
# tests/vm/mkinitramfs.sh's list, and the virtio console (tests/arm64/init).
MODULES=(
	veth
	nf_conntrack nf_tables nft_compat nft_queue nft_ct
	ip_tables ip6_tables iptable_filter ip6table_filter
	xt_NFQUEUE xt_conntrack xt_mark xt_connmark xt_tcpudp
	nfnetlink_queue
	nf_reject_ipv4 nf_reject_ipv6 nf_conntrack_netlink
	sch_netem sch_prio cls_u32
	virtio_mmio virtio_console
)
TRIPLET=aarch64-linux-gnu

usage() {
	echo "usage: mkinitramfs.sh -o OUT -k KVER -m APPFW_KO -b BUILD_DIR -r REPO_ROOT -s SYSROOT -d KERNEL_ROOT" >&2
	exit 2
}

out='' kver='' ko='' build='' root='' sysroot='' kroot=''
while getopts "o:k:m:b:r:s:d:" opt; do
	case $opt in
	o) out=$OPTARG ;;
	k) kver=$OPTARG ;;
	m) ko=$OPTARG ;;
	b) build=$OPTARG ;;
	r) root=$OPTARG ;;
	s) sysroot=$OPTARG ;;
	d) kroot=$OPTARG ;;
	*) usage ;;
	esac
done
[[ $out && $kver && $ko && $build && $root && $sysroot && $kroot ]] || usage
ko=$(realpath "$ko") build=$(realpath "$build") root=$(realpath "$root")
sysroot=$(realpath "$sysroot") kroot=$(realpath "$kroot")

die() {
	echo "mkinitramfs.sh: $*" >&2
	exit 1
}

for f in "$ko" "$build/appfw" "$build/appfwd" "$sysroot/usr/bin/busybox"; do
	[[ -f $f ]] || die "$f missing"
done
for f in "${TOOLS[@]}"; do
	[[ -f $sysroot$f ]] || die "$sysroot$f missing (scripts/arm64-sysroot.sh)"
done
[[ -f $kroot/lib/modules/$kver/modules.dep ]] ||
	die "$kroot/lib/modules/$kver/modules.dep missing (scripts/arm64-kernel.sh)"

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

# Paths inside the sysroot (canonical /usr ones) to copy.
declare -A files
libdirs=("$sysroot/usr/lib/$TRIPLET" "$sysroot/usr/lib")

# add_elf FILE...: sysroot paths, with the libraries they need, found by
# the loader's search order (the multiarch directory, then /usr/lib), and
# theirs in turn.
add_elf() {
	local f lib d todo=("$@")

	while ((${#todo[@]})); do
		f=${todo[0]}
		todo=("${todo[@]:1}")
		[[ ${files[$f]:-} ]] && continue
		files[$f]=1
		while read -r lib; do
			for d in "${libdirs[@]}"; do
				if [[ -e $d/$lib ]]; then
					todo+=("${d#"$sysroot"}/$lib")
					continue 2
				fi
			done
			die "$f needs $lib, which is not in $sysroot"
		done < <(aarch64-linux-gnu-readelf -d "$sysroot$f" 2>/dev/null |
			sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
		interp=$(aarch64-linux-gnu-readelf -l "$sysroot$f" 2>/dev/null |
			sed -n 's/.*Requesting program interpreter: \(.*\)]/\1/p')
		[[ $interp ]] && todo+=("/usr${interp#/usr}")
	done
}

# Links (a library's soname, the loader in /usr/lib) are copied as the
# files they point to (tar -h below).
xt=("$sysroot/usr/lib/$TRIPLET"/xtables/*.so)
add_elf "${TOOLS[@]}" "${xt[@]#"$sysroot"}"
for p in "$build/appfw" "$build/appfwd"; do
	while read -r lib; do
		for d in "${libdirs[@]}"; do
			if [[ -e $d/$lib ]]; then
				add_elf "${d#"$sysroot"}/$lib"
				continue 2
			fi
		done
		die "$p needs $lib, which is not in $sysroot"
	done < <(aarch64-linux-gnu-readelf -d "$p" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
done
add_elf /usr/lib/ld-linux-aarch64.so.1
files[/etc/protocols]=1 files[/etc/services]=1 files[/etc/ethertypes]=1
files[/etc/ssl/openssl.cnf]=1 files[/usr/lib/ssl/openssl.cnf]=1

modfiles=()
IFS=, read -ra more <<<"$(modinfo -F depends "$ko")"
for m in "${MODULES[@]}" "${more[@]}"; do
	[[ $m ]] || continue
	deps=$(modprobe -d "$kroot" --show-depends -S "$kver" "$m") ||
		die "module $m not found for kernel $kver in $kroot"
	# shellcheck disable=SC2207 # module paths have no spaces
	modfiles+=($(awk -v r="${kroot%/}" '$1 == "insmod" {
		p = $2; if (index(p, r "/") == 1) p = substr(p, length(r) + 1)
		sub(/^\/+/, "", p); print p }' <<<"$deps"))
done
for f in modules.order modules.builtin modules.builtin.modinfo; do
	modfiles+=("lib/modules/$kver/$f")
done

mkdir -p "$stage"/usr/{bin,sbin,lib} \
	"$stage"/{proc,sys,dev,tmp,run,etc/netns,root,var,tests/vm}
for d in bin sbin lib; do
	ln -s "usr/$d" "$stage/$d"
done
ln -s ../run "$stage/var/run"
# The sysroot is merged-/usr too: its /lib is a link that tar follows.
printf '%s\n' "${!files[@]}" | sed 's|^/||' |
	tar -C "$sysroot" -chf - --no-recursion -T - | tar -C "$stage" -xf -
printf '%s\n' "${modfiles[@]}" | LC_ALL=C sort -u |
	tar -C "$kroot" -chf - --no-recursion -T - | tar -C "$stage" -xf -

cp "$build/appfw" "$build/appfwd" "$stage/usr/sbin/"
mkdir -p "$stage/lib/modules/$kver/extra"
cp "$ko" "$stage/lib/modules/$kver/extra/appfw.ko"
depmod -b "$stage" "$kver"

for name in iptables ip6tables iptables-save ip6tables-save \
	iptables-restore ip6tables-restore; do
	ln -s xtables-nft-multi "$stage/usr/sbin/$name"
done
for name in modprobe insmod rmmod lsmod modinfo depmod; do
	ln -s ../bin/kmod "$stage/usr/sbin/$name"
done
# busybox (static, arm64) fills in the rest; its --install cannot run
# here, so the links come from the list it prints in the VM's place:
# the host's busybox knows the same applets (both Debian 12's).
cp "$sysroot/usr/bin/busybox" "$stage/usr/bin/busybox"
for a in $(busybox --list); do
	[[ -e $stage/usr/bin/$a || -e $stage/usr/sbin/$a ]] ||
		ln -s busybox "$stage/usr/bin/$a"
done

echo "root:x:0:0:root:/root:/bin/bash" >"$stage/etc/passwd"
echo "root:x:0:" >"$stage/etc/group"
cp "$root/tests/lib.sh" "$root/tests/cnf.sh" "$stage/tests/"
cp -r "$root/tests/vm/tests" "$stage/tests/vm/tests"
install -m 0755 "$root/tests/arm64/init" "$stage/init"
sed -e 's|/dev/ttyS1|/dev/hvc0|g' -e 's|/dev/ttyS2|/dev/hvc1|g' \
	"$root/tests/vm/init" >"$stage/init.vm"
chmod 0755 "$stage/init.vm"
[[ -d $build/tools ]] || die "$build/tools missing (make test-tools)"
cp "$build"/tools/* "$stage/usr/bin/"
cp -r "$root/tests/fixtures" "$stage/tests/fixtures"
mkdir -p "$stage/usr/share/appfw"
cp -r "$root/userspace/catalog/apps" "$root/userspace/catalog/groups" \
	"$stage/usr/share/appfw/"
# The firmware build (STATIC=1 NO_QUIC=1 NO_PCAP=1, cross-built) for
# tests/vm/tests/firmware.sh.
if [[ -x $build/fw/appfw && -x $build/fw/appfwd ]]; then
	mkdir -p "$stage/firmware"
	cp "$build/fw/appfw" "$build/fw/appfwd" "$stage/firmware/"
fi

mkdir -p "$(dirname "$out")"
(cd "$stage" && find . -mindepth 1 | LC_ALL=C sort |
	cpio --quiet -o -H newc -R 0:0) >"$out.tmp"
mv "$out.tmp" "$out"
