#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Part of the lint tier: bash completion for appfw
# (userspace/completion/appfw) sourced into this shell and driven as bash
# would drive it, against the repo's catalog and a stand-in appfw for the
# policy's names. Its command list must be cli.c's table (plus help).
# Prints PASS:/FAIL: lines; run by tests/lint/run.sh, or alone.
set -u
cd "$(dirname "$0")/../.."
root=$PWD
. tests/lib.sh
lib_init lint/completion

# shellcheck source=../../userspace/completion/appfw
. userspace/completion/appfw
export APPFW_CATALOG=$root/userspace/catalog
_appfw_local_dir=$lib_tmp/no-local-catalog

# comp WORD...: what completing the last WORD offers, sorted, on one line.
comp() {
	COMP_WORDS=("$@")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_appfw 2>/dev/null
	printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ' | sed 's/ $//'
}

# want WORDS... = WANT: one check.
want() {
	local args=() got

	while [[ $1 != "=" ]]; do
		args+=("$1")
		shift
	done
	got=$(comp "${args[@]}")
	check_eq "complete '${args[*]}'" "$got" "$2"
}

want appfw ad = "add"
want appfw "" = "$(tr ' ' '\n' <<<"$_appfw_commands" | sort | tr '\n' ' ' | sed 's/ $//')"
want appfw --v = "--version"
want appfw -j sh = "show"
want appfw add wec = "wechat"
want appfw add WeC = "wechat"
want appfw add india = "india-2020"
want appfw add wechat tikt = "tiktok"
want appfw add --sh = "--shared"
want appfw add wechat --action "" = "allow block monitor reject"
want appfw add wechat --action r = "reject"
want appfw apps byte = "bytedance bytedance-vendor"
want appfw new x --d = "--domain"
want appfw new x --domain "" = ""
want appfw config --skb-mark "" = "off on"
want appfw config --learn o = "off on"
want appfw config --fail-closed of = "off"
want appfw config --m = "--mark-mask"
want appfw list - = "--help --json -h -j"

# The operator's catalog files count too.
mkdir -p "$_appfw_local_dir/apps"
: >"$_appfw_local_dir/apps/wecorp.app"
want appfw add wec = "wechat wecorp"
rm -rf "$_appfw_local_dir"

# Files for save and restore.
mkdir -p "$lib_tmp/files"
: >"$lib_tmp/files/policy.conf"
want appfw save "$lib_tmp/files/pol" = "$lib_tmp/files/policy.conf"
want appfw restore "$lib_tmp/files/p" = "$lib_tmp/files/policy.conf"

# The policy's names come from `appfw list -j` (COMP_WORDS[0] is the
# appfw being completed); when it fails (no CAP_NET_ADMIN, no module),
# nothing is offered and nothing is printed.
fake=$lib_tmp/appfw
cat >"$fake" <<'STUB'
#!/bin/sh
[ "$1 $2" = "list -j" ] || exit 2
echo '{"apps":[{"id":1,"name":"wechat","action":"block"},{"id":50,"name":"alpha.web","action":"allow"}]}'
STUB
chmod +x "$fake"
want "$fake" del "" = "alpha.web wechat"
want "$fake" block we = "wechat"
want "$fake" show A = "alpha.web"
want "$fake" learned "" = "alpha.web flush wechat"
cat >"$fake" <<'STUB'
#!/bin/sh
echo "appfw: permission denied: CAP_NET_ADMIN needed" >&2
exit 1
STUB
out=$(comp "$fake" del "" 2>&1)
check_eq "complete 'appfw del ' without permission" "$out" ""

# The command list is the table's.
table=$(grep -oP '^\t\{ "\K[a-z]+(?=", \w+_main)' userspace/appfw/cli.c | tr '\n' ' ')
check_eq "completion's commands are cli.c's table and help" "$_appfw_commands" "${table}help"
lib_done
