# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# BASH_ENV of every test script the VM and netns runners start: a command
# that does not exist is a failure of the test, not a line of noise. Bash
# alone would print "command not found", return 127 and go on, and a check
# written as `chek_eq ...` or a tool missing from the initramfs would
# vanish without a FAIL line. The runner names $APPFW_CNF_LOG; each miss
# is appended there (a file, so that it is seen even from inside $(...)
# or a redirected job), and the runner turns each line into a FAIL line
# naming the script. lib.sh's in_ns reports commands nsenter cannot find.

# cnf_record CMD WHERE: note that CMD was not found at WHERE (file:line).
cnf_record() {
	local where=${2##*/}

	echo "$where: $1: command not found" >&2
	[[ ${APPFW_CNF_LOG:-} ]] && echo "$1 (at $where)" >>"$APPFW_CNF_LOG"
	return 127
}

command_not_found_handle() {
	cnf_record "$1" "${BASH_SOURCE[1]:-?}:${BASH_LINENO[0]:-?}"
}
