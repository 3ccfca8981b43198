#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Part of the lint tier (tests/lint/packages.sh runs it, as root):
# appfw-dkms installed and purged for real. `dpkg -i` runs its postinst,
# which has DKMS add, build and install appfw.ko for the kernels whose
# headers are installed (Debian's, scripts/deps.sh); `dpkg -P` runs its
# prerm, which has DKMS remove it. It all happens in a mount namespace of
# its own where /usr, /var and /etc are overlays of this machine's on a
# tmpfs: the real dpkg database, dkms and kernel headers, and nothing
# written there (the database, /usr/src, /var/lib/dkms, /lib/modules)
# outlives the namespace, nor takes the machine's dpkg lock.
#
#   tests/lint/dkms-install.sh DEB KVER OUT TMPDIR
#
# Copies the module `dkms install` put in /lib/modules/KVER/updates/dkms
# to OUT/lib/modules/KVER/updates/dkms/appfw.ko, for the VM tier's
# deb-install test. TMPDIR (empty, outside /usr, /var and /etc) holds the
# tmpfs while it runs.
set -u
cd "$(dirname "$0")/../.." || exit 1
if [[ ${1:-} != --in-ns ]]; then
	exec unshare --mount --propagation private "$PWD/tests/lint/dkms-install.sh" --in-ns "$@"
fi
shift
. tests/lib.sh
lib_init lint/packages

deb=$(realpath "$1") kver=$2 out=$(realpath "$3") ovl=$4
version=$(dpkg-deb -f "$deb" Version)
ko=/lib/modules/$kver/updates/dkms/appfw.ko

mount -t tmpfs appfw-dkms "$ovl" || {
	fail "dkms install: cannot mount a tmpfs on $ovl"
	lib_done
}
for d in usr var etc; do
	mkdir -p "$ovl/$d" "$ovl/$d.work"
	mount -t overlay overlay \
		-o "lowerdir=/$d,upperdir=$ovl/$d,workdir=$ovl/$d.work" "/$d" || {
		fail "dkms install: cannot mount an overlay on /$d"
		lib_done
	}
done
[[ -e $ko || -e /usr/src/appfw-$version ]] &&
	fail "dkms install: $ko or /usr/src/appfw-$version exists before the install"

start=$SECONDS
if ! dpkg -i "$deb" >"$lib_tmp/install.log" 2>&1; then
	tail -n 40 "$lib_tmp/install.log"
	fail "dpkg -i appfw-dkms failed, see above"
	lib_done
fi
check_eq "dpkg -i appfw-dkms: status ($((SECONDS - start)) s)" \
	"$(dpkg-query -W -f='${db:Status-Abbrev}' appfw-dkms)" "ii "
check_eq "appfw-dkms's postinst: dkms status" \
	"$(dkms status -m appfw -v "$version" -k "$kver")" \
	"appfw/$version, $kver, $(uname -m): installed"
vermagic=$(modinfo -F vermagic "$ko" 2>&1)
check_eq "appfw-dkms's postinst: $ko for $kver" "${vermagic%% *}" "$kver"
check_eq "appfw-dkms's postinst: modules.dep names it" \
	"$(grep -c "^updates/dkms/appfw.ko:" "/lib/modules/$kver/modules.dep")" 1
mkdir -p "$out${ko%/*}"
cp "$ko" "$out$ko"

if ! dpkg -P appfw-dkms >"$lib_tmp/purge.log" 2>&1; then
	tail -n 20 "$lib_tmp/purge.log"
	fail "dpkg -P appfw-dkms failed, see above"
	lib_done
fi
check_eq "dpkg -P appfw-dkms: status" \
	"$(dpkg-query -W -f='${db:Status-Abbrev}' appfw-dkms 2>/dev/null)" ""
left=$(ls -d "$ko" "/usr/src/appfw-$version" /var/lib/dkms/appfw 2>/dev/null)
check_eq "appfw-dkms's prerm: dkms remove left nothing ($(oneline "$left"))" "$left" ""
lib_done
