#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Builds the test VM's initramfs: busybox, bash and the few real tools the
# tests drive with their shared libraries, the kernel's netfilter and veth
# modules with their dependencies, appfw.ko, the appfw tools and the test
# scripts.
#
#   mkinitramfs.sh -o OUT.cpio -k KVER -m appfw.ko -b BUILD_DIR -r REPO_ROOT
#                  [-a ARCH] [-s SYSROOT] [-d MOD_ROOT] [-t EXTRA_TEST.sh]...
#
# -a x86_64 (default) takes the programs from this machine, with the
# libraries ldd names. -a arm64 takes them from SYSROOT (-s, made by
# scripts/arm64-sysroot.sh) with the libraries their ELF NEEDED entries
# name, found in SYSROOT (ldd cannot run arm64 programs here), adds the
# virtio console, and makes tests/arm64/init /init, in front of
# tests/vm/init.
#
# -d takes the kernel's modules from MOD_ROOT/lib/modules/KVER instead of
# /lib/modules/KVER: Debian's arm64 image (scripts/arm64-kernel.sh --root),
# or the debug tier's kernel, whose netfilter is built in (modprobe finds
# those names in modules.builtin). -t adds a test script that the VM runs
# after the others (/tests/vm/extra: the debug tier's stress).
#
# The archive is left uncompressed: under TCG the guest unpacks gzip far
# slower than qemu copies a few more megabytes.
set -euo pipefail

# What the tests run, beyond busybox. Each is copied with its libraries.
TOOLS=(
	/usr/bin/bash /usr/bin/jq /usr/bin/socat /usr/bin/kmod
	/usr/bin/ip /usr/bin/ss /usr/sbin/tc /usr/sbin/nft /usr/sbin/conntrack
	/usr/sbin/xtables-nft-multi
	# classification tests (issue 3): real TLS and HTTP clients and
	# servers, segmentation offloads off on the client's veth
	/usr/bin/openssl /usr/bin/curl /usr/sbin/ethtool
	# appfw commands as an unprivileged user (busybox's setpriv cannot
	# change uids)
	/usr/bin/setpriv
)
# Distro modules the tests need; their dependencies come along.
MODULES=(
	veth
	nf_conntrack nf_tables nft_compat nft_queue nft_ct
	ip_tables ip6_tables iptable_filter ip6table_filter
	xt_NFQUEUE xt_conntrack xt_mark xt_connmark xt_tcpudp
	nfnetlink_queue
	# classification tests: reject's resets and ICMP errors; conntrack -L
	nf_reject_ipv4 nf_reject_ipv6 nf_conntrack_netlink
	# the agent tests: ClientHello segments reordered by netem
	sch_netem sch_prio cls_u32
	# the policy-load benchmark: names as iptables string rules
	xt_string ts_bm
)

usage() {
	echo "usage: mkinitramfs.sh -o OUT -k KVER -m APPFW_KO -b BUILD_DIR -r REPO_ROOT [-a x86_64|arm64] [-s SYSROOT] [-d MOD_ROOT] [-t TEST]..." >&2
	exit 2
}

out='' kver='' ko='' build='' root='' arch=x86_64 src=/ modroot=/ extra_tests=()
while getopts "o:k:m:b:r:a:s:d:t:" opt; do
	case $opt in
	o) out=$OPTARG ;;
	k) kver=$OPTARG ;;
	m) ko=$OPTARG ;;
	b) build=$OPTARG ;;
	r) root=$OPTARG ;;
	a) arch=$OPTARG ;;
	s) src=$OPTARG ;;
	d) modroot=$OPTARG ;;
	t) extra_tests+=("$(realpath "$OPTARG")") ;;
	*) usage ;;
	esac
done
[[ $out && $kver && $ko && $build && $root ]] || usage
case $arch in
x86_64)
	triplet=x86_64-linux-gnu
	[[ $src == / ]] || usage
	# the data-path benchmark (tests/bench/vm/datapath.sh)
	TOOLS+=(/usr/bin/iperf3)
	# dpkg for tests/vm/tests/deb-install.sh, with what it runs (GNU
	# tar, ldconfig, start-stop-daemon) and the appfw package's scripts
	# call (update-rc.d and deb-systemd-helper are perl; invoke-rc.d)
	TOOLS+=(/usr/bin/dpkg /usr/bin/dpkg-deb /usr/bin/dpkg-split
		/usr/bin/dpkg-query /usr/bin/tar /usr/sbin/ldconfig
		/usr/sbin/start-stop-daemon /usr/bin/perl)
	;;
arm64)
	triplet=aarch64-linux-gnu
	[[ $src != / ]] || usage
	# the results' and the kernel log's way out (tests/arm64/init)
	MODULES+=(virtio_mmio virtio_console)
	;;
*) usage ;;
esac
ko=$(realpath "$ko") build=$(realpath "$build") root=$(realpath "$root")
modroot=$(realpath "$modroot") src=$(realpath "$src")
moddir=${modroot%/}/lib/modules/$kver
srcp=${src%/}

die() {
	echo "mkinitramfs.sh: $*" >&2
	exit 1
}

for f in "$ko" "$build/appfw" "$build/appfwd" "${extra_tests[@]}"; do
	[[ -f $f ]] || die "$f missing"
done
for f in /usr/bin/busybox "${TOOLS[@]}"; do
	[[ -f $srcp$f ]] || die "$srcp$f missing${srcp:+ (scripts/arm64-sysroot.sh)}"
done
# Debian's kernels (this machine's, the arm64 image) have every module the
# tests name; the debug tier's has what its config fragment gave it (a
# test that needs more fails in the VM).
distro=0
[[ $modroot == / || $arch == arm64 ]] && distro=1
if [[ $modroot == / ]]; then
	[[ -d $moddir/kernel ]] || die "$moddir missing (install linux-image-$kver)"
else
	[[ -f $moddir/modules.builtin ]] || die "$moddir/modules.builtin missing"
fi

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

# Files to copy from SYSROOT (/ on x86), each to the same path inside the
# image. Debian 12 is merged-/usr, and so are the sysroot and the image:
# paths are canonicalised to /usr, and one tar at the end copies them all.
declare -A files
add() {
	local f

	for f; do
		case $f in
		/bin/* | /sbin/* | /lib/* | /lib64/*) f=/usr$f ;;
		esac
		files[$f]=1
	done
}

# libs_of FILE...: sets libs to every library the programs FILE... load,
# the loader included, as paths in SYSROOT. This machine's ldd answers for
# its own programs; another architecture's are followed through their ELF
# NEEDED entries, found by the loader's search order (the multiarch
# directory, then /usr/lib), and their program interpreter.
libs_of() {
	local f lib d interp todo=("$@")
	local -A seen=()

	libs=()
	if [[ $src == / ]]; then
		mapfile -t libs < <(ldd "$@" | awk '/=> \// { print $3 } /^\t\// { print $1 }')
		return
	fi
	while ((${#todo[@]})); do
		f=${todo[0]}
		todo=("${todo[@]:1}")
		while read -r lib; do
			for d in "/usr/lib/$triplet" /usr/lib; do
				[[ -e $srcp$d/$lib ]] || continue
				if [[ -z ${seen[$d/$lib]:-} ]]; then
					seen[$d/$lib]=1
					libs+=("$d/$lib")
					todo+=("$srcp$d/$lib")
				fi
				continue 2
			done
			die "$f needs $lib, which is not in $src"
		done < <("$triplet-readelf" -d "$f" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
		interp=$("$triplet-readelf" -l "$f" |
			sed -n 's/.*Requesting program interpreter: \(.*\)]/\1/p')
		[[ $interp ]] && interp=/usr${interp#/usr}
		if [[ $interp && -z ${seen[$interp]:-} ]]; then
			seen[$interp]=1
			libs+=("$interp")
		fi
	done
}

# add_elf FILE...: the programs (paths in SYSROOT) and their libraries.
add_elf() {
	add "$@"
	libs_of "${@/#/$srcp}"
	add "${libs[@]}"
}

add_elf "${TOOLS[@]}"
xt=("$srcp/usr/lib/$triplet"/xtables/*.so)
add_elf "${xt[@]#"$srcp"}"
# appfw and appfwd are copied below, from BUILD_DIR; their libraries come
# from SYSROOT.
libs_of "$build/appfw" "$build/appfwd"
add "${libs[@]}"
add /etc/protocols /etc/services /etc/ethertypes
if [[ $arch == x86_64 ]]; then
	# shellcheck disable=SC2046 # perl's module paths have no spaces
	add /usr/sbin/update-rc.d /usr/sbin/invoke-rc.d \
		/usr/bin/deb-systemd-helper /usr/bin/deb-systemd-invoke \
		$(find "/usr/lib/$triplet/perl-base" -type f)
fi
# openssl req reads its configuration (through /usr/lib/ssl's link).
add /etc/ssl/openssl.cnf /usr/lib/ssl/openssl.cnf

# Modules: the listed ones and whatever appfw.ko depends on, each with its
# dependencies; depmod over the image later makes modprobe work inside it.
# Paths are relative to MOD_ROOT, which the image's / stands for (and
# modprobe -d / names them //lib/...).
modfiles=()
IFS=, read -ra more <<<"$(modinfo -F depends "$ko")"
for m in "${MODULES[@]}" "${more[@]}"; do
	[[ $m ]] || continue
	if ! deps=$(modprobe -d "$modroot" --show-depends -S "$kver" "$m"); then
		((distro)) && die "module $m not found for kernel $kver in $moddir"
		echo "mkinitramfs.sh: warning: $kver has no module $m (neither built in nor in $moddir)" >&2
		continue
	fi
	# shellcheck disable=SC2207 # module paths have no spaces
	modfiles+=($(awk -v r="${modroot%/}" '$1 == "insmod" {
		p = $2; if (index(p, r "/") == 1) p = substr(p, length(r) + 1)
		sub(/^\/+/, "", p); print p }' <<<"$deps"))
done
for f in modules.order modules.builtin modules.builtin.modinfo; do
	modfiles+=("lib/modules/$kver/$f")
done

mkdir -p "$stage"/usr/{bin,sbin,lib,lib64} \
	"$stage"/{proc,sys,dev,tmp,run,etc/netns,root,var,tests/vm}
for d in bin sbin lib lib64; do
	ln -s "usr/$d" "$stage/$d"
done
ln -s ../run "$stage/var/run"
# Links (a library's soname, the loader in /lib64) are copied as the files
# they point to (tar -h).
printf '%s\n' "${!files[@]}" | sed 's|^/||' |
	tar -C "$src" -chf - --no-recursion -T - | tar -C "$stage" -xf -
# /lib is a link to usr/lib in the image: tar follows it.
printf '%s\n' "${modfiles[@]}" | LC_ALL=C sort -u |
	tar -C "$modroot" -chf - --no-recursion -T - | tar -C "$stage" -xf -

# The build outputs: programs in /usr/sbin (their libraries came above),
# the module where modprobe finds it.
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
# busybox fills in whatever the real tools above do not provide. The
# applets are those this machine's busybox lists (an arm64 one cannot run
# here to --install itself; both are Debian 12's).
cp "$srcp/usr/bin/busybox" "$stage/usr/bin/busybox"
for a in $(busybox --list); do
	[[ -e $stage/usr/bin/$a || -e $stage/usr/sbin/$a ]] ||
		ln -s busybox "$stage/usr/bin/$a"
done

echo "root:x:0:0:root:/root:/bin/bash" >"$stage/etc/passwd"
echo "root:x:0:" >"$stage/etc/group"
cp "$root/tests/lib.sh" "$root/tests/cnf.sh" "$stage/tests/"
cp -r "$root/tests/vm/tests" "$stage/tests/vm/tests"
if ((${#extra_tests[@]})); then
	mkdir -p "$stage/tests/vm/extra"
	cp "${extra_tests[@]}" "$stage/tests/vm/extra/"
fi
cp "$root/tests/vm/demo.sh" "$stage/tests/vm/demo.sh"
if [[ $arch == arm64 ]]; then
	# qemu's virt machine has one UART: tests/vm/init's second and third
	# serial ports are virtio consoles there.
	install -m 0755 "$root/tests/arm64/init" "$stage/init"
	sed -e 's|/dev/ttyS1|/dev/hvc0|g' -e 's|/dev/ttyS2|/dev/hvc1|g' \
		"$root/tests/vm/init" >"$stage/init.vm"
	chmod 0755 "$stage/init.vm"
else
	install -m 0755 "$root/tests/vm/init" "$stage/init"
fi
# The test tools (make test-tools: static, no libraries) and the captured
# ClientHellos they replay.
[[ -d $build/tools ]] || die "$build/tools missing (make test-tools)"
cp "$build"/tools/* "$stage/usr/bin/"
cp -r "$root/tests/fixtures" "$stage/tests/fixtures"
# The app catalog, where `make install` (PREFIX=/usr) puts it and appfw
# looks for it.
mkdir -p "$stage/usr/share/appfw"
cp -r "$root/userspace/catalog/apps" "$root/userspace/catalog/groups" \
	"$stage/usr/share/appfw/"
# The appfw package (make deb) in /debs, and what tests/lint/packages.sh's
# `dpkg -i appfw-dkms` had DKMS install, as /dkms-root, for
# tests/vm/tests/deb-install.sh. dpkg's database says installed the
# packages appfw depends on, whose files the image has (appfw and appfwd
# brought their libraries, kmod is above): each with this machine's
# status, the one its files come from. /sbin/init names the VM's init, as
# on any system: invoke-rc.d blocks init scripts without one.
debs=("$build"/deb/appfw_*_"$(dpkg --print-architecture)".deb)
if [[ $arch == x86_64 && -f ${debs[0]} ]]; then
	mkdir -p "$stage/debs" "$stage"/var/lib/dpkg/{info,updates,triggers} \
		"$stage/var/log"
	cp "${debs[@]}" "$stage/debs/"
	: >"$stage/var/lib/dpkg/available"
	mapfile -t deps < <(dpkg-deb -f "${debs[0]}" Depends |
		tr ',' '\n' | sed 's/[|(].*//; s/ //g' | sort -u)
	dpkg-query -s "${deps[@]}" >"$stage/var/lib/dpkg/status" ||
		die "dpkg-query -s ${deps[*]} failed"
	# Their file lists, as dpkg keeps them (NAME:ARCH.list when the
	# library is Multi-Arch: same).
	for p in "${deps[@]}"; do
		for f in /var/lib/dpkg/info/"$p".list /var/lib/dpkg/info/"$p":*.list; do
			if [[ -f $f ]]; then
				cp "$f" "$stage/var/lib/dpkg/info/"
			fi
		done
	done
	ln -s ../../init "$stage/usr/sbin/init"
fi
if [[ -d $build/dkms-root ]]; then
	cp -a "$build/dkms-root" "$stage/dkms-root"
fi
# The firmware build (STATIC=1 NO_QUIC=1 NO_PCAP=1: tests/lint/firmware.sh's
# last, or make arm64's) as /firmware, for tests/vm/tests/firmware.sh.
if [[ -x $build/fw/appfw && -x $build/fw/appfwd ]]; then
	mkdir -p "$stage/firmware"
	cp "$build/fw/appfw" "$build/fw/appfwd" "$stage/firmware/"
fi

mkdir -p "$(dirname "$out")"
(cd "$stage" && find . -mindepth 1 | LC_ALL=C sort |
	cpio --quiet -o -H newc -R 0:0) >"$out.tmp"
mv "$out.tmp" "$out"
