#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Part of the lint tier: DKMS and the Debian packages.
#  - dkms.conf's and debian/changelog's versions are APPFW_VERSION;
#  - make deb builds appfw and appfw-dkms, whose files and modes are
#    tests/lint/packages.list's and whose Depends name the libraries;
#  - `dkms build` makes appfw.ko from the source appfw-dkms installs,
#    against Debian's headers, in a temporary DKMS tree (--sourcetree,
#    --dkmstree; signing off), so /var/lib/dkms and /usr/src stay as they
#    were.
# It leaves both packages unpacked in $BUILD/pkgroot, with the module DKMS
# built where `dkms install` puts it on Debian (updates/dkms): the VM
# tier's deb-install test loads and runs them (mkinitramfs.sh adds the
# tree as /pkgroot).
set -u
cd "$(dirname "$0")/../.."
. tests/lib.sh
lib_init lint/packages

BUILD=${BUILD:-build}
KDIR=${KDIR:-$(scripts/kdir.sh)}
KVER=${KVER:-$(sed -n 's/^#define UTS_RELEASE "\(.*\)"/\1/p' \
	"$KDIR/include/generated/utsrelease.h" 2>/dev/null)}
version=$(sed -n 's/^#define APPFW_VERSION "\(.*\)"/\1/p' include/appfw_version.h)
pkgroot=$BUILD/pkgroot

check_eq "dkms.conf PACKAGE_VERSION is APPFW_VERSION" \
	"$(sed -n 's/^PACKAGE_VERSION="\(.*\)"$/\1/p' dkms.conf)" "$version"
check_eq "debian/changelog's version is APPFW_VERSION" \
	"$(sed -n '1s/^appfw (\([^-)]*\).*/\1/p' debian/changelog)" "$version"

for tool in dpkg-buildpackage dh dh_dkms dkms; do
	if ! command -v $tool >/dev/null; then
		skip "packages: $tool not installed (scripts/deps.sh)"
		lib_done
	fi
done

start=$SECONDS
if ! make -s BUILD="$BUILD" deb >"$lib_tmp/deb.log" 2>&1; then
	tail -n 30 "$lib_tmp/deb.log"
	fail "make deb failed"
	lib_done
fi
pass "make deb: appfw and appfw-dkms $version ($((SECONDS - start)) s)"

# expected PACKAGE: its lines of packages.list, the *s expanded.
expected() {
	local pkg mode path src f

	while read -r pkg mode path; do
		[[ $pkg == "$1" ]] || continue
		path=${path//@VERSION@/$version}
		case $path in
		*\**)
			case $path in
			usr/share/appfw/*) src=userspace/catalog/${path#usr/share/appfw/} ;;
			usr/src/appfw-"$version"/*) src=${path#usr/src/appfw-"$version"/} ;;
			esac
			for f in $src; do
				echo "$mode ${path%/*}/${f##*/}"
			done
			;;
		*) echo "$mode $path" ;;
		esac
	done <tests/lint/packages.list | sort
}

rm -rf "$pkgroot"
mkdir -p "$pkgroot"
for pkg in appfw appfw-dkms; do
	deb=$(ls "$BUILD"/deb/"${pkg}"_"$version"_*.deb 2>/dev/null)
	if [[ ! -f $deb ]]; then
		fail "$pkg: no package in $BUILD/deb"
		continue
	fi
	mkdir -p "$lib_tmp/$pkg"
	dpkg-deb -x "$deb" "$lib_tmp/$pkg"
	dpkg-deb -x "$deb" "$pkgroot"
	(cd "$lib_tmp/$pkg" && find . ! -type d -printf '%m %P\n' | sort) >"$lib_tmp/got"
	expected "$pkg" >"$lib_tmp/want"
	if diff -u "$lib_tmp/want" "$lib_tmp/got"; then
		pass "$pkg: packages.list's $(wc -l <"$lib_tmp/want") files with their modes"
	else
		fail "$pkg: files differ from tests/lint/packages.list (- expected, + packaged)"
	fi
done
depends=$(dpkg-deb -f "$BUILD"/deb/appfw_"$version"_*.deb Depends 2>/dev/null)
missing=
for lib in libc6 libnl-genl-3-200 libmnl0 libnetfilter-queue1 libssl3 libpcap0.8; do
	[[ $depends == *"$lib "* ]] || missing+=" $lib"
done
if [[ $missing ]]; then
	fail "appfw: Depends lacks$missing: $depends"
else
	pass "appfw: Depends has the libraries (shlibs)"
fi
depends=$(dpkg-deb -f "$BUILD"/deb/appfw-dkms_"$version"_all.deb Depends 2>/dev/null)
[[ $depends == *dkms* ]]
check_eq "appfw-dkms: Depends on dkms ($depends)" "$?" 0
if out=$("$pkgroot/usr/sbin/appfwd" --version 2>&1); then
	pass "packaged appfwd runs: $(oneline "$out")"
else
	fail "packaged appfwd --version: $(oneline "$out")"
fi

if [[ -z $KVER || ! -d /lib/modules/$KVER/build ]]; then
	skip "dkms build: no headers for ${KVER:-the kernel} in /lib/modules (scripts/deps.sh)"
	lib_done
fi
tree=$lib_tmp/dkms
mkdir -p "$tree"
opts=(-m appfw -v "$version" --sourcetree "$lib_tmp/appfw-dkms/usr/src"
	--dkmstree "$tree")
start=$SECONDS
if dkms add "${opts[@]}" >"$lib_tmp/dkms.log" 2>&1 &&
	sign_file=/nonexistent dkms build "${opts[@]}" -k "$KVER" \
		>>"$lib_tmp/dkms.log" 2>&1; then
	ko=$tree/appfw/$version/$KVER/$(uname -m)/module/appfw.ko
	vermagic=$(modinfo -F vermagic "$ko" 2>/dev/null)
	if [[ ${vermagic%% *} == "$KVER" &&
		$(modinfo -F version "$ko") == "$version" ]]; then
		pass "dkms build: appfw.ko $version for $KVER from appfw-dkms ($((SECONDS - start)) s)"
	else
		fail "dkms build: $ko: vermagic '$vermagic', version '$(modinfo -F version "$ko" 2>&1)'"
	fi
	check_eq "dkms status" "$(dkms status "${opts[@]}" 2>&1)" \
		"appfw/$version, $KVER, $(uname -m): built"
	install -D -m 0644 "$ko" "$pkgroot/lib/modules/$KVER/updates/dkms/appfw.ko"
else
	tail -n 30 "$lib_tmp/dkms.log"
	[[ -f $tree/appfw/$version/build/make.log ]] &&
		tail -n 30 "$tree/appfw/$version/build/make.log"
	fail "dkms build failed, see above"
fi
lib_done
