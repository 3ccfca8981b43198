#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The Debian packages, installed for real on Debian's kernel. The appfw
# package (make deb, in /debs) goes in with dpkg -i, whose postinst
# registers the init script disabled (update-rc.d defaults-disabled);
# dpkg's database has the libraries it depends on (mkinitramfs.sh). The
# module is the one appfw-dkms's postinst had DKMS build and install on
# the host (tests/lint/dkms-install.sh), where DKMS put it: modprobe
# appfw loads it. The packaged appfw adds wechat from the packaged
# catalog, and a TLS client to web.wechat.com through the gw is blocked.
# The packaged init script starts appfwd; dpkg -r runs the prerm, which
# stops it through invoke-rc.d (the policy saved); dpkg -P runs the
# postrm, which removes the rc links and /etc/appfw.
#
# The image's own appfw, appfwd, catalog and appfw.ko are moved aside
# while it runs, so that only the packaged ones can answer, and put back
# at the end.
#
#   client ---- gw (packaged appfw, DKMS-built appfw.ko) ---- server :443
. /tests/lib.sh
. /tests/vm/tests/classify.lib
lib_init vm/deb-install

kver=$(uname -r)
mods=/lib/modules/$kver
dkms_ko=/dkms-root$mods/updates/dkms/appfw.ko
debs=(/debs/appfw_*.deb)

if [[ ! -f ${debs[0]} || ! -f $dkms_ko ]]; then
	skip "no /debs or /dkms-root: the lint tier (tests/lint/packages.sh) makes them before the VM tier"
	lib_done
fi
[[ -e /etc/appfw ]] && fail "/etc/appfw exists before the test; it is removed at the end"

aside=/tmp/deb-install.aside
# shellcheck disable=SC2317 # the EXIT trap calls it
restore() {
	[[ -f /etc/init.d/appfw ]] && sh /etc/init.d/appfw stop >/dev/null 2>&1
	dpkg -P appfw >/dev/null 2>&1
	rmmod appfw 2>/dev/null
	rm -rf /etc/appfw "$mods/updates"
	if [[ -d $aside ]]; then
		rm -rf /usr/share/appfw
		mv "$aside/appfw" "$aside/appfwd" /usr/sbin/
		mv "$aside/share" /usr/share/appfw
		mv "$aside/appfw.ko" "$mods/extra/appfw.ko"
		rmdir "$aside"
	fi
	depmod -a
}
trap 'restore; lib_cleanup' EXIT
mkdir "$aside"
mv /usr/sbin/appfw /usr/sbin/appfwd "$aside/"
mv /usr/share/appfw "$aside/share"
mv "$mods/extra/appfw.ko" "$aside/"
mkdir -p "$mods/updates/dkms"
cp "$dkms_ko" "$mods/updates/dkms/appfw.ko"
depmod -a

if ! out=$(dpkg -i "${debs[@]}" 2>&1); then
	fail "dpkg -i ${debs[*]}: $(oneline "$out")"
	lib_done
fi
check_eq "dpkg -i appfw: status" \
	"$(dpkg-query -W -f='${db:Status-Abbrev}' appfw)" "ii "
out=$(dpkg -V appfw 2>&1)
check_eq "dpkg -V appfw: the files are the package's ($(oneline "$out"))" "$out" ""
# defaults-disabled: stop links only, in the runlevels the script names.
links=$(cd /etc && echo rc?.d/[KS]*appfw)
check_eq "postinst: update-rc.d registered the init script disabled" \
	"$links" "rc0.d/K01appfw rc6.d/K01appfw rcS.d/K01appfw"

if ! classify_setup || ! tls_server 443; then lib_done; fi
# The image's own appfw.ko is aside: modprobe finds the one DKMS
# installed, the same bytes.
path=$(modinfo -n appfw 2>&1)
cmp -s "$path" "$dkms_ko"
check_eq "modprobe appfw: loaded $path, the module DKMS installed" "$?" 0
out=$(gw appfw add wechat 2>&1)
check_eq "packaged appfw add wechat, from the packaged catalog: exit ($(oneline "$out"))" "$?" 0
check timeout "s_client -servername web.wechat.com (packaged appfw: wechat blocked)" \
	sclient "$SERVER4" web.wechat.com
check ok "s_client -servername www.example.org (no app)" \
	sclient "$SERVER4" www.example.org

# The init script in this namespace: what it saves is this policy.
out=$(appfw add wechat 2>&1)
check_eq "packaged appfw add wechat (init namespace): exit ($(oneline "$out"))" "$?" 0
out=$(/etc/init.d/appfw start 2>&1)
check_eq "packaged init script start: exit ($(oneline "$out"))" "$?" 0
pid=$(cat /var/run/appfwd.pid 2>/dev/null)
if [[ $pid ]] && wait_log /var/log/appfwd.log '^appfwd: registered queues 0-0'; then
	pass "init script start: appfwd (pid $pid) registered with the module"
else
	fail "appfwd never registered: $(oneline "$(cat /var/log/appfwd.log 2>&1)")"
fi

if ! out=$(dpkg -r appfw 2>&1); then
	fail "dpkg -r appfw: $(oneline "$out")"
	lib_done
fi
check_eq "dpkg -r appfw: status" \
	"$(dpkg-query -W -f='${db:Status-Abbrev}' appfw)" "rc "
if [[ $pid ]] && ! kill -0 "$pid" 2>/dev/null; then
	pass "prerm: invoke-rc.d appfw stop stopped appfwd (pid $pid)"
else
	fail "prerm: appfwd (pid ${pid:-unknown}) still running"
fi
grep -qw wechat /etc/appfw/policy.conf 2>/dev/null
check_eq "prerm: the policy saved to /etc/appfw/policy.conf" "$?" 0
left=
for f in /usr/sbin/appfw /usr/sbin/appfwd /usr/share/appfw; do
	[[ -e $f ]] && left+=" $f"
done
check_eq "dpkg -r appfw: programs and catalog gone" "$left" ""
[[ -f /etc/init.d/appfw ]]
check_eq "dpkg -r appfw: the conffile /etc/init.d/appfw kept" "$?" 0

if ! out=$(dpkg -P appfw 2>&1); then
	fail "dpkg -P appfw: $(oneline "$out")"
	lib_done
fi
check_eq "dpkg -P appfw: status" \
	"$(dpkg-query -W -f='${db:Status-Abbrev}' appfw 2>/dev/null)" ""
left=$(ls -d /etc/appfw /etc/init.d/appfw /etc/rc*.d/*appfw 2>/dev/null)
check_eq "postrm purge: /etc/appfw, the init script and its rc links gone ($(oneline "$left"))" "$left" ""
lib_done
