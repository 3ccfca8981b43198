#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Part of the lint tier: the man pages (docs/*.8) format without a single
# warning, and cannot drift from the programs: every command of appfw's
# table (userspace/appfw/cli.c) has its own subsection in appfw(8), and
# every long option the sources of appfw and appfwd know is in their page.
# Prints PASS:/FAIL: lines; run by tests/lint/run.sh, or alone.
set -u
cd "$(dirname "$0")/../.."
. tests/lib.sh
lib_init lint

for page in docs/appfw.8 docs/appfwd.8; do
	if ! command -v groff >/dev/null; then
		fail "$page: groff not installed (scripts/deps.sh)"
		continue
	fi
	# -ww: every warning groff has; -z: format, print nothing.
	out=$(groff -man -ww -z "$page" 2>&1)
	if command -v man >/dev/null; then
		more=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
		[[ $more ]] && out+=${out:+$'\n'}$more
	fi
	if [[ $out ]]; then
		echo "$out" | head -n 20
		fail "$page: groff/man warnings, see above"
	else
		pass "$page: formats without warnings"
	fi
done

# The command table's entries: lines like { "add", add_main, "...
mapfile -t commands < <(grep -oP '^\t\{ "\K[a-z]+(?=", \w+_main)' userspace/appfw/cli.c)
if ((${#commands[@]} < 10)); then
	fail "appfw.8: cannot read the command table of userspace/appfw/cli.c (${#commands[@]} commands)"
else
	missing=
	for cmd in "${commands[@]}"; do
		# ".SS add APP..." or ".SS block|reject|allow|monitor NAME..."
		grep -qE "^\.SS ([a-z]+\|)*$cmd(\||[[:space:]]|$)" docs/appfw.8 ||
			missing+=" $cmd"
	done
	if [[ $missing ]]; then
		fail "appfw.8: no .SS subsection for the commands:$missing"
	else
		pass "appfw.8: a subsection for each of the ${#commands[@]} commands"
	fi
fi

# usage_options SOURCES...: the long options the usage texts name (the
# "..._usage[]" or "usage[]" string constants, which --help prints): the
# options a user can give. Other strings, such as iptables rules a
# program prints, are not its options.
usage_options() {
	awk '/^static const char [a-z_]*usage\[\] =/ { on = 1 }
		on { print }
		on && /;$/ { on = 0 }' "$@" |
		grep -oE -- '--[a-z][a-z-]+' | sort -u
}

# In roff a "-" is written \-; the page must name each option.
check_options() {
	local page=$1 opt missing=

	shift
	for opt in $(usage_options "$@"); do
		grep -qF -- "${opt//-/\\-}" "$page" || missing+=" $opt"
	done
	if [[ $missing ]]; then
		fail "$page: options in the --help texts not documented:$missing"
	else
		pass "$page: every long option of the --help texts documented"
	fi
}
check_options docs/appfw.8 userspace/appfw/*.c
check_options docs/appfwd.8 userspace/appfwd/*.c
lib_done
