#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Part of the lint tier: the firmware builds of README's "For firmware
# builders" compile and link, and do what they say. NO_QUIC=1: appfwd
# without libcrypto says so and gives a QUIC flow the fallback (no app)
# where the full agent finds wechat; STATIC=1 NO_QUIC=1 NO_PCAP=1: appfw
# is a static executable and appfwd needs neither libcrypto nor libpcap.
# Both builds share one object directory, $BUILD/fw (only the link differs).
set -u
cd "$(dirname "$0")/../.."
. tests/lib.sh
lib_init lint/firmware

BUILD=${BUILD:-build}
fw=$BUILD/fw
pcap=tests/fixtures/chromium-quic-web.wechat.com.pcap
policy=tests/fixtures/agent.policy

# build NAME OPTIONS...: make userspace in $fw with OPTIONS.
build() {
	local name=$1

	shift
	if make -s -j2 BUILD="$fw" "$@" userspace >"$lib_tmp/$name.log" 2>&1; then
		pass "$name: make $* links"
		return 0
	fi
	grep -v 'warning: Using' "$lib_tmp/$name.log" | tail -n 20
	fail "$name: make $* failed"
	return 1
}

needed() { readelf -d "$1" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'; }

if build no-quic NO_QUIC=1; then
	if needed "$fw/appfwd" | grep -q libcrypto; then
		fail "no-quic: appfwd still needs libcrypto"
	else
		pass "no-quic: appfwd does not need libcrypto"
	fi
	out=$("$fw/appfwd" --version)
	check_eq "no-quic: appfwd --version" "$(oneline "$out")" \
		"appfwd $(sed -n 's/^#define APPFW_VERSION "\(.*\)"/\1/p' include/appfw_version.h) | QUIC support not built in: QUIC flows get the fallback | --pcap support built in"
	out=$("$fw/appfwd" --pcap "$pcap" --policy "$policy" 2>"$lib_tmp/err")
	check_eq "no-quic: a QUIC flow gets the fallback" "$out" \
		"quic 192.0.2.2:46032 -> 192.0.2.1:443 name - app - action - by - - - (no-quic)"
	check_eq "no-quic: says so at startup" "$(cat "$lib_tmp/err")" \
		"appfwd: QUIC support not built in: QUIC flows get the fallback"
fi

if build static STATIC=1 NO_QUIC=1 NO_PCAP=1; then
	if [[ -z $(readelf -l "$fw/appfw" | grep INTERP) ]] &&
		[[ -z $(needed "$fw/appfw") ]]; then
		pass "static: appfw is a static executable"
	else
		fail "static: appfw is dynamic: $(needed "$fw/appfw" | tr '\n' ' ')"
	fi
	libs=$(needed "$fw/appfwd" | tr '\n' ' ')
	if [[ $libs == *libcrypto* || $libs == *libpcap* ]]; then
		fail "static: appfwd needs $libs"
	else
		# Debian 12 ships no libmnl.a: that one stays shared, with libc.
		pass "static: appfwd needs no libcrypto or libpcap (shared: ${libs:-nothing})"
	fi
	grep -q '^--pcap support not built in$' <("$fw/appfwd" --version)
	check_eq "static: appfwd --version says --pcap is not built in" "$?" 0
	"$fw/appfwd" --pcap "$pcap" 2>"$lib_tmp/err"
	check_eq "static: appfwd --pcap exit status" "$?" 1
	for f in "$fw/appfw" "$fw/appfwd"; do
		strip -o "$lib_tmp/stripped" "$f"
		echo "size: $f $(stat -c %s "$f") bytes, stripped $(stat -c %s "$lib_tmp/stripped")"
	done
fi
lib_done
