#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The bad-input matrix of issue 4: every kind of bad input to appfw gets
# its exact one-line message on stderr and its exit code (2: bad usage,
# 1: refused or failed), prints nothing on stdout, and leaves the
# kernel's policy byte for byte as it was (`appfw save -` before and
# after each case).
#
#   gw (appfw: wechat from the catalog, alpha made by hand, depth 5)
. /tests/lib.sh
. /tests/vm/tests/cli.lib
lib_init vm/cli-errors

# The operator's catalog directory: a broken file there is one case.
local_cat=/etc/appfw/apps
[[ -e /etc/appfw ]] && fail "/etc/appfw exists before the test; it is removed at the end"
trap 'rm -rf /etc/appfw; lib_cleanup' EXIT

cli_setup || lib_done
run_gw appfw list -j
list0=$out

NAME_CHARS="use only a-z, 0-9, '_', '.', '-'"
long=abcdefghijklmnopqrstuvwxyz012345

# Unknown apps and groups: found before anything is sent to the kernel,
# or refused with the whole batch.
expect "del of an unknown app" 1 'appfw: del: unknown app "nosuch"' \
	appfw del nosuch
expect "del of a known and an unknown app" 1 'appfw: del: unknown app "nosuch"' \
	appfw del alpha nosuch
expect "block of an unknown app" 1 'appfw: block: unknown app "nosuch"' \
	appfw block alpha nosuch
expect "show of an unknown app" 1 'appfw: show: unknown app "nosuch"' \
	appfw show nosuch
expect "add of an unknown app" 1 \
	'appfw: add: unknown app or group "nosuch" (see: appfw apps nosuch)' \
	appfw add tiktok nosuch
expect "add of an unknown group" 1 \
	'appfw: add: unknown app or group "india-2021" (see: appfw apps india-2021)' \
	appfw add india-2021

# Bad prefixes: a usage error, before the kernel is asked.
expect "new with a prefix length over 32" 2 \
	'appfw: new: bad prefix "203.0.113.0/33": prefix length is not 0 to 32' \
	appfw new beta --prefix 203.0.113.0/33
expect "new with a bad address" 2 \
	'appfw: new: bad prefix "300.1.2.3/24": not an IPv4 or IPv6 address' \
	appfw new beta --prefix 300.1.2.3/24
expect "new with an IPv6 prefix length over 128" 2 \
	'appfw: new: bad prefix "2001:db8::/129": prefix length is not 0 to 128' \
	appfw new beta --prefix 2001:db8::/129
expect "new with IPv4 host bits set" 2 \
	'appfw: new: bad prefix "203.0.113.1/24": host bits set, did you mean 203.0.113.0/24?' \
	appfw new beta --domain beta.example --prefix 203.0.113.1/24
expect "new with IPv6 host bits set" 2 \
	'appfw: new: bad prefix "2001:db8::1/32": host bits set, did you mean 2001:db8::/32?' \
	appfw new beta --prefix 2001:db8::1/32

# Bad names.
expect "new with an empty label" 2 \
	'appfw: new: bad domain "bad..example": empty label' \
	appfw new beta --domain bad..example
expect "new with an all-digit last label" 2 \
	'appfw: new: bad domain "a.123": last label is all digits (an IP address?)' \
	appfw new beta --domain a.123
expect "new with an empty app name" 2 'appfw: new: bad app name "": empty name' \
	appfw new "" --domain beta.example
expect "del with an empty app name" 2 'appfw: del: bad app name "": empty name' \
	appfw del ""
expect "add with an empty name" 2 'appfw: add: bad app name "": empty name' \
	appfw add ""
expect "new with a 32-character name" 2 \
	"appfw: new: bad app name \"$long\": longer than 31 characters" \
	appfw new "$long" --domain beta.example
expect "block with a 32-character name" 2 \
	"appfw: block: bad app name \"$long\": longer than 31 characters" \
	appfw block "$long"
expect "add with a bad character" 2 \
	"appfw: add: bad app name \"wechat;\": $NAME_CHARS" appfw add "wechat;"

# Duplicates: what is there already.
expect "new of an existing app" 1 'appfw: new: app "alpha" already exists' \
	appfw new alpha --domain other.example
expect "new with an id taken" 1 'appfw: new: app id 50 is taken by "alpha"' \
	appfw new beta --id 50 --domain beta.example
expect "new with another app's domain" 1 \
	'appfw: new: domain "alpha.example" belongs to app "alpha"' \
	appfw new beta --domain beta.example --domain alpha.example
expect "new with another app's prefix" 1 \
	'appfw: new: prefix 203.0.113.0/24 belongs to app "alpha"' \
	appfw new beta --prefix 203.0.113.0/24
expect "new with a domain given twice" 2 \
	'appfw: new: domain "beta.example" given twice' \
	appfw new beta --domain beta.example --domain beta.example
expect "add of an app in the policy" 0 \
	'appfw: add: wechat: already in the policy (id 1); unchanged' \
	appfw add WeChat

# Policy files.
expect "restore of a missing file" 1 \
	'appfw: restore: cannot open /nonexistent/policy.conf: No such file or directory' \
	appfw restore /nonexistent/policy.conf
bad=$lib_tmp/bad.conf
printf 'app beta 2 block\ndomain beta beta.example\nfoo bar\n' >"$bad"
expect "restore of an unknown directive" 1 \
	"appfw: $bad:3: unknown directive \"foo\" (use app, domain, host, prefix or config)" \
	appfw restore "$bad"
printf 'app beta 2 block\nprefix beta 203.0.113.1/24\n' >"$bad"
expect "restore of a prefix with host bits" 1 \
	"appfw: $bad:2: bad prefix \"203.0.113.1/24\": host bits set, did you mean 203.0.113.0/24?" \
	appfw restore "$bad"
# Valid lines up to the last, cut short: the whole file is refused.
printf 'app beta 2 block\ndomain beta beta.example\napp gamma 3\n' >"$bad"
expect "restore of a truncated file" 1 \
	"appfw: $bad:3: expected \"app NAME ID ACTION\"" appfw restore "$bad"

# A broken file in the operator's catalog stops every catalog command,
# naming the file and line, until it is fixed.
mkdir -p "$local_cat"
printf 'id = broken\nname Broken\n' >"$local_cat/broken.app"
expect "add with a broken catalog file" 1 \
	"appfw: add: $local_cat/broken.app:2: expected \"key = value\"" \
	appfw add tiktok
expect "apps with a broken catalog file" 1 \
	"appfw: apps: $local_cat/broken.app:2: expected \"key = value\"" \
	appfw apps tiktok
printf 'id = other\nname = Broken\nstatus = ok\ndomains = x.example\nsource = s\n' \
	>"$local_cat/broken.app"
expect "add with a catalog file of the wrong id" 1 \
	"appfw: add: $local_cat/broken.app:1: id \"other\" does not match the file name (name it other.app)" \
	appfw add tiktok
rm -f "$local_cat/broken.app"

# Nothing was counted or changed either, per `appfw list -j`.
run_gw appfw list -j
if [[ $out == "$list0" && $out == *'"name":"alpha"'* ]]; then
	pass "appfw list -j after the matrix: as before"
else
	fail "appfw list -j after the matrix: $out, want $list0"
fi
lib_done
