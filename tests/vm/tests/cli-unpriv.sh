#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Without CAP_NET_ADMIN (uid 65534, no groups, no capabilities) every
# command that changes or reveals the policy is refused with the one
# message a person can act on, exit 1, nothing on stdout, the policy
# unchanged and no file written. The commands come from `appfw help`: a
# command added to the table without a case here fails this test. Only
# `appfw apps`, which reads the catalog and not the kernel, works.
#
#   gw (appfw: wechat, alpha, depth 5; commands run as uid 65534)
. /tests/lib.sh
. /tests/vm/tests/cli.lib
lib_init vm/cli-unpriv

cli_setup || lib_done

denied='appfw: permission denied: CAP_NET_ADMIN needed'
# util-linux's setpriv, by its path: busybox's nsenter would run its own
# applet of that name, which cannot change uids.
nobody=(/usr/bin/setpriv --reuid=65534 --regid=65534 --clear-groups)

# A directory and a policy file uid 65534 may use, so that what stops
# save and restore is the kernel and not the file system.
pub=$lib_tmp/pub
mkdir -m 1777 "$pub"
chmod 755 "$lib_tmp"
printf 'app beta 2 block\ndomain beta beta.example\n' >"$pub/policy.conf"
chmod 644 "$pub/policy.conf"

# One line per case: the command line, run as uid 65534 in the gw. One
# case per command and kind of use (TCG makes each cost a second).
# `monitor` alone listens for events: timeout ends it if it ever starts.
cases=(
	"add tiktok"
	"new beta --domain beta.example"
	"del alpha"
	"block alpha"
	"reject wechat"
	"allow alpha"
	"monitor alpha"
	"list"
	"show alpha"
	"test h.beta.example"
	"config"
	"config --depth 3"
	"learned"
	"learned flush"
	"save -"
	"save $pub/saved.conf"
	"restore $pub/policy.conf"
	"flush"
	"status"
)

for c in "${cases[@]}"; do
	read -ra words <<<"$c"
	expect "uid 65534: appfw $c" 1 "$denied" "${nobody[@]}" appfw "${words[@]}"
done
expect "uid 65534: appfw monitor (events)" 1 "$denied" \
	"${nobody[@]}" timeout 10 appfw monitor
[[ -e $pub/saved.conf ]] && fail "uid 65534: appfw save wrote $pub/saved.conf"
[[ -z $(ls -A "$pub" | grep -v '^policy.conf$') ]] ||
	fail "uid 65534: files left in $pub: $(ls -A "$pub")"

# The catalog is no secret.
run_gw "${nobody[@]}" appfw apps wechat
check_eq "uid 65534: appfw apps wechat: exit" "$rc" 0
[[ $out == *wechat* ]] || fail "uid 65534: appfw apps wechat printed: $(oneline "$out")"

# Every command in the table has a case above (or is apps).
covered=" apps monitor "
for c in "${cases[@]}"; do covered+="${c%% *} "; done
run_gw appfw help
commands=$(sed -n '/^Commands:/,/^$/{/^  [a-z]/{s/^  \([a-z]*\) .*/\1/p}}' <<<"$out")
[[ $commands == *status* ]] || fail "cannot read the commands from appfw help: $(oneline "$out")"
missing=
for cmd in $commands; do
	[[ $covered == *" $cmd "* ]] || missing+=" $cmd"
done
if [[ $missing ]]; then
	fail "commands of appfw help without a uid 65534 case here:$missing"
else
	pass "every command of appfw help has a uid 65534 case: $(echo $commands)"
fi
lib_done
