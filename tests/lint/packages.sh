#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Part of the lint tier: DKMS and the Debian packages.
#  - dkms.conf's and debian/changelog's versions are APPFW_VERSION;
#  - make deb builds appfw and appfw-dkms, whose files and modes are
#    tests/lint/packages.list's and whose Depends name the libraries;
#  - lintian finds no error and no warning in them (debian/*.lintian-
#    overrides say why a tag does not apply);
#  - appfw-dkms installs and purges for real (tests/lint/dkms-install.sh:
#    dpkg -i, whose postinst has DKMS build and install appfw.ko for
#    Debian's headers, and dpkg -P, in overlays that leave this machine
#    as it was).
# It leaves the module that DKMS installed in $BUILD/dkms-root; the VM
# tier's deb-install test installs the appfw package with dpkg in the VM
# and loads that module there (mkinitramfs.sh adds both).
set -u
cd "$(dirname "$0")/../.."
. tests/lib.sh
lib_init lint/packages

BUILD=${BUILD:-build}
KDIR=${KDIR:-$(scripts/kdir.sh)}
KVER=${KVER:-$(sed -n 's/^#define UTS_RELEASE "\(.*\)"/\1/p' \
	"$KDIR/include/generated/utsrelease.h" 2>/dev/null)}
version=$(sed -n 's/^#define APPFW_VERSION "\(.*\)"/\1/p' include/appfw_version.h)
dkmsroot=$BUILD/dkms-root

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

for pkg in appfw appfw-dkms; do
	deb=$(ls "$BUILD"/deb/"${pkg}"_"$version"_*.deb 2>/dev/null)
	if [[ ! -f $deb ]]; then
		fail "$pkg: no package in $BUILD/deb"
		continue
	fi
	mkdir -p "$lib_tmp/$pkg"
	dpkg-deb -x "$deb" "$lib_tmp/$pkg"
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
if out=$("$lib_tmp/appfw/usr/sbin/appfwd" --version 2>&1); then
	pass "packaged appfwd runs: $(oneline "$out")"
else
	fail "packaged appfwd --version: $(oneline "$out")"
fi

if ! command -v lintian >/dev/null; then
	skip "lintian: not installed (scripts/deps.sh)"
elif out=$(lintian --fail-on error,warning "$BUILD"/deb/appfw_"$version"_*.changes 2>&1); then
	pass "lintian: no error or warning in appfw, appfw-dkms, appfw-dbgsym"
else
	grep -v '^running with root privileges' <<<"$out"
	fail "lintian: see above (debian/*.lintian-overrides for a tag that does not apply)"
fi

rm -rf "$dkmsroot"
if [[ -z $KVER || ! -d /lib/modules/$KVER/build ]]; then
	skip "dkms install: no headers for ${KVER:-the kernel} in /lib/modules (scripts/deps.sh)"
elif (($(id -u) != 0)); then
	skip "dkms install: dpkg -i needs root"
else
	mkdir -p "$lib_tmp/ovl"
	tests/lint/dkms-install.sh "$BUILD"/deb/appfw-dkms_"$version"_all.deb \
		"$KVER" "$dkmsroot" "$lib_tmp/ovl" || lib_failed=1
fi
lib_done
