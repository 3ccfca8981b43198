#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Part of the lint tier: `make install-tree DESTDIR=...` (what make install
# does once everything is built) lays out the tree a firmware root file
# system takes, file for file and mode for mode as tests/lint/install.list
# says, with its paths written into the init script, and the plain init
# script is POSIX sh. Needs appfw.ko built (the lint tier builds it first).
set -u
cd "$(dirname "$0")/../.."
. tests/lib.sh
lib_init lint/install

BUILD=${BUILD:-build}
root=$lib_tmp/root

# expected: install.list with @KVER@ and the catalog globs expanded.
expected() {
	local mode path dir f

	while read -r mode path; do
		[[ $mode == \#* || -z $mode ]] && continue
		path=${path//@KVER@/$1}
		if [[ $path == usr/share/appfw/*/\** ]]; then
			dir=${path#usr/share/appfw/}
			for f in userspace/catalog/${dir%%/*}/${path##*/}; do
				echo "$mode usr/share/appfw/${dir%%/*}/${f##*/}"
			done
		else
			echo "$mode $path"
		fi
	done <tests/lint/install.list | sort
}

if ! make -s BUILD="$BUILD" userspace >"$lib_tmp/build.log" 2>&1; then
	tail -n 20 "$lib_tmp/build.log"
	fail "make userspace failed"
	lib_done
fi
if ! make -s BUILD="$BUILD" DESTDIR="$root" install-tree \
	>"$lib_tmp/install.log" 2>&1; then
	tail -n 20 "$lib_tmp/install.log"
	fail "make install-tree DESTDIR=... failed"
	lib_done
fi

mapfile -t kvers < <(ls "$root/lib/modules" 2>/dev/null)
if ((${#kvers[@]} != 1)); then
	fail "one kernel release under lib/modules, got: ${kvers[*]:-none}"
	kvers=(none)
fi
(cd "$root" && find . ! -type d -printf '%m %P\n' | sort) >"$lib_tmp/got"
expected "${kvers[0]}" >"$lib_tmp/want"
if diff -u "$lib_tmp/want" "$lib_tmp/got" >"$lib_tmp/diff"; then
	pass "the tree is install.list's $(wc -l <"$lib_tmp/want") files with their modes"
else
	cat "$lib_tmp/diff"
	fail "the installed tree differs from tests/lint/install.list (- expected, + installed)"
fi

vermagic=$(modinfo -F vermagic "$root/lib/modules/${kvers[0]}/extra/appfw.ko" 2>/dev/null)
check_eq "module directory is the module's release" "${kvers[0]}" "${vermagic%% *}"

init=$root/etc/init.d/appfw
if grep -n '@[A-Z]*@' "$init"; then
	fail "init script: placeholders left, see above"
elif ! grep -qx 'SBINDIR=/usr/sbin' "$init"; then
	fail "init script: SBINDIR is not /usr/sbin"
else
	pass "init script: paths written in"
fi
if ! dash -n "$init"; then
	fail "init script: dash cannot parse it"
elif command -v shellcheck >/dev/null; then
	if shellcheck -s sh userspace/init/appfw; then
		pass "init script: POSIX sh, shellcheck -s sh clean"
	else
		fail "init script: shellcheck -s sh, see above"
	fi
else
	skip "init script: shellcheck not installed (scripts/deps.sh)"
fi
out=$(sh "$init" bogus 2>&1)
check_eq "init script: usage exit status" "$?" 2
check_eq "init script: usage" "$out" "usage: $init start|stop|restart|force-reload|status"

for prog in appfw appfwd; do
	if out=$("$root/usr/sbin/$prog" --version 2>&1); then
		pass "$prog --version runs from the tree: $(oneline "$out")"
	else
		fail "$prog --version from the tree: $(oneline "$out")"
	fi
done
lib_done
