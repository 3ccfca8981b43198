#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# appfwd --standalone on the gw with the rules of `appfwd --print-rules`,
# policy tests/fixtures/agent.policy (wechat.com blocked, example.org
# allowed), in both families:
#
#   client ---- gw (rules, appfwd) ---- server 198.51.100.2, 2001:db8:2::2
#                                        + 203.0.113.80/.81, 2001:db8:3::80/81
#
#   TLS     openssl s_client -servername web.wechat.com: cut; www.example.org:
#           a full handshake
#   QUIC    Chromium's captured first flights replayed (quicreplay) to a
#           UDP listener: web.wechat.com's never arrive, www.example.org's do
#   DNS     dnsd answers learn.wechat.com = 203.0.113.80 / 2001:db8:3::80;
#           after the client asked, a plain TCP connection there is cut,
#           one to .81 (not learned) connects
#   signals SIGUSR1 logs the counters; SIGHUP reloads a policy file that
#           swaps the two apps' actions (the blocked name connects, the
#           allowed one is cut) and adds a rejected app (its ClientHello
#           gets a TCP reset), then one with an error (nothing changes)
#   refuse  appfwd restarted with --dns-refuse: learn.wechat.com gets
#           NXDOMAIN, www.example.org (allowed) still resolves; with
#           --dns-refuse=zero, learn.wechat.com resolves to 0.0.0.0 and ::
. "$(dirname "$0")/../lib.sh"
lib_init netns/standalone

root=$(cd "$(dirname "$0")/../.." && pwd)
fixtures=$root/tests/fixtures
for tool in openssl; do
	command -v "$tool" >/dev/null || { skip "$tool not installed"; lib_done; }
done
for tool in quicreplay dnsd; do
	[[ -x $TOOLS/$tool ]] || { fail "$TOOLS/$tool missing (make test-tools)"; lib_done; }
done

topo_create || { fail "cannot build the topology"; lib_done; }
ip -n "$ns_server" -batch - <<-EOF || { fail "cannot add the server's addresses"; lib_done; }
	addr add 203.0.113.80/32 dev eth0
	addr add 203.0.113.81/32 dev eth0
	addr add 2001:db8:3::80/128 dev eth0 nodad
	addr add 2001:db8:3::81/128 dev eth0 nodad
EOF
ip -n "$ns_gw" -batch - <<-EOF || { fail "cannot route to them"; lib_done; }
	route add 203.0.113.0/24 via $SERVER4
	route add 2001:db8:3::/64 via $SERVER6
EOF

rules=$("$APPFWD" --print-rules -q 0) || { fail "appfwd --print-rules failed"; lib_done; }
gw env IPTABLES="$IPT" IP6TABLES="$IP6T" sh -c "$rules" ||
	{ fail "the printed rules do not load"; lib_done; }
pass "the rules of appfwd --print-rules load ($IPT, $IP6T)"

log=$lib_tmp/appfwd.log
policy=$lib_tmp/policy.conf
cp "$POLICY" "$policy" || { fail "cannot copy $POLICY"; lib_done; }
bg "$log" gw "$APPFWD" --standalone --policy "$policy" -q 0
agent=$!
wait_log "$log" '^appfwd: queue 0 ready$' ||
	{ fail "appfwd never got ready: $(oneline "$(cat "$log")")"; lib_done; }

# --- TLS ---
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
	-keyout "$lib_tmp/key.pem" -out "$lib_tmp/cert.pem" -subj /CN=test \
	-days 1 2>/dev/null || { fail "cannot make a certificate"; lib_done; }
bg "$lib_tmp/tls4.log" server openssl s_server -4 -accept 443 -quiet \
	-cert "$lib_tmp/cert.pem" -key "$lib_tmp/key.pem"
bg "$lib_tmp/tls6.log" server openssl s_server -6 -accept 8443 -quiet \
	-cert "$lib_tmp/cert.pem" -key "$lib_tmp/key.pem"
wait_listener "$ns_server" 443 && wait_listener "$ns_server" 8443 ||
	fail "openssl s_server never listened"

# tls ADDR:PORT NAME: prints "handshake", "reset" (a TCP reset came) or
# "cut".
tls() {
	local out

	out=$(client timeout 6 openssl s_client -connect "$1" -servername "$2" \
		-brief </dev/null 2>&1)
	if [[ $out == *'CONNECTION ESTABLISHED'* ]]; then
		echo handshake
	elif [[ $out == *errno=104* || $out == *'reset by peer'* ]]; then
		echo reset
	else
		echo cut
	fi
}
check_eq "ipv4: TLS to www.example.org (allowed)" "$(tls "$SERVER4:443" www.example.org)" handshake
check_eq "ipv4: TLS to web.wechat.com (blocked)" "$(tls "$SERVER4:443" web.wechat.com)" cut
check_eq "ipv6: TLS to www.example.org (allowed)" "$(tls "[$SERVER6]:8443" www.example.org)" handshake
check_eq "ipv6: TLS to web.wechat.com (blocked)" "$(tls "[$SERVER6]:8443" web.wechat.com)" cut

# --- QUIC ---
# quic FAMILY ADDR [SOCAT-OPTS]: replays both first flights to ports 443 (blocked name)
# and 4443 (allowed name) of a UDP sink; the allowed one arriving proves
# the blocked one, queued before it, was decided too.
quic() {
	local fam=$1 addr=$2 b=$lib_tmp/quic-$1-blocked a=$lib_tmp/quic-$1-allowed

	: >"$b"
	: >"$a"
	# ipv6only: the IPv4 sinks still hold the same ports.
	bg "$lib_tmp/sink-$fam-b.log" server socat -u "UDP${fam#ipv}-RECV:443$3" "OPEN:$b,append"
	bg "$lib_tmp/sink-$fam-a.log" server socat -u "UDP${fam#ipv}-RECV:4443$3" "OPEN:$a,append"
	lib_sleep 0.3	# socat has no ready line; a UDP bind is quick
	client "$TOOLS/quicreplay" "$addr" 443 "$fixtures/chromium-quic-web.wechat.com.dgrams" >/dev/null ||
		fail "$fam: quicreplay (blocked) failed"
	client "$TOOLS/quicreplay" "$addr" 4443 "$fixtures/chromium-quic-www.example.org.dgrams" >/dev/null ||
		fail "$fam: quicreplay (allowed) failed"
	if busywait 5000 test -s "$a"; then
		pass "$fam: QUIC www.example.org (allowed) reached the server ($(stat -c %s "$a") bytes)"
	else
		fail "$fam: QUIC www.example.org (allowed) never reached the server"
	fi
	check_eq "$fam: QUIC web.wechat.com (blocked): bytes at the server" "$(stat -c %s "$b")" 0
}
quic ipv4 "$SERVER4"
quic ipv6 "$SERVER6" ,ipv6only=1

# --- DNS learning ---
bg "$lib_tmp/dnsd.log" server "$TOOLS/dnsd" -t 60 learn.wechat.com=203.0.113.80 \
	learn.wechat.com=2001:db8:3::80 www.example.org=203.0.113.81 \
	www.example.org=2001:db8:3::81
wait_log "$lib_tmp/dnsd.log" '^ready' || fail "dnsd never got ready: $(oneline "$(cat "$lib_tmp/dnsd.log")")"
bg "$lib_tmp/sink4.log" server socat -u TCP4-LISTEN:5001,reuseaddr,fork /dev/null
bg "$lib_tmp/sink6.log" server socat -u TCP6-LISTEN:5001,reuseaddr,fork,ipv6only=1 /dev/null
wait_listener "$ns_server" 5001 || fail "the TCP sink never listened"

# connects ADDR: "connects" or "cut".
connects() {
	if client timeout 5 socat -u /dev/null "TCP:$1:5001,connect-timeout=3" 2>/dev/null; then
		echo connects
	else
		echo cut
	fi
}
# Before the answer nothing is known: the control.
check_eq "ipv4: TCP to 203.0.113.80 before any DNS answer" "$(connects 203.0.113.80)" connects
out=$(client busybox nslookup learn.wechat.com "$SERVER4" 2>&1)
[[ $out == *203.0.113.80* && $out == *2001:db8:3::80* ]] &&
	pass "the client resolved learn.wechat.com through the gw" ||
	fail "nslookup learn.wechat.com: $(oneline "$out")"
check_eq "ipv4: TCP to 203.0.113.80 (learned as wechat's)" "$(connects 203.0.113.80)" cut
check_eq "ipv4: TCP to 203.0.113.81 (not learned)" "$(connects 203.0.113.81)" connects
check_eq "ipv6: TCP to 2001:db8:3::80 (learned as wechat's)" "$(connects '[2001:db8:3::80]')" cut
check_eq "ipv6: TCP to 2001:db8:3::81 (not learned)" "$(connects '[2001:db8:3::81]')" connects

# --- signals ---
# bg's subshell is $agent; appfwd is its child.
signal() {
	pkill "-$1" -P "$agent" -x appfwd || fail "no appfwd to send SIG$1 to"
}
signal USR1
# s_server serves one connection at a time, and a cut one (its client's
# FIN dropped too) holds it: every check that can be cut gets a server.
for port in 9443 9444 9445 9446 9447; do
	fam=-4
	((port == 9447)) && fam=-6
	bg "$lib_tmp/tls-$port.log" server openssl s_server $fam -accept $port \
		-quiet -cert "$lib_tmp/cert.pem" -key "$lib_tmp/key.pem"
	wait_listener "$ns_server" $port || fail "openssl s_server never listened on $port"
done
wait_log "$log" '^appfwd: queue 0: [0-9]+ packets accepted' &&
	pass "SIGUSR1: appfwd logs its counters" ||
	fail "SIGUSR1: no counters in the log: $(oneline "$(tail -n 3 "$log")")"
cat >"$policy" <<-EOF
	app wechat 1 allow
	domain wechat wechat.com
	app example 2 block
	domain example example.org
	app tiktok 3 reject
	domain tiktok tiktok.com
EOF
signal HUP
wait_log "$log" "^appfwd: SIGHUP: policy reloaded from $policy: 3 apps" ||
	fail "SIGHUP: no reload in the log: $(oneline "$(tail -n 3 "$log")")"
check_eq "SIGHUP: TLS to web.wechat.com (now allowed)" "$(tls "$SERVER4:9443" web.wechat.com)" handshake
check_eq "SIGHUP: TLS to www.example.org (now blocked)" "$(tls "$SERVER4:9444" www.example.org)" cut
# reject: the rules' REJECT answers the ClientHello with a reset.
check_eq "ipv4: TLS to www.tiktok.com (rejected)" "$(tls "$SERVER4:9446" www.tiktok.com)" reset
check_eq "ipv6: TLS to www.tiktok.com (rejected)" "$(tls "[$SERVER6]:9447" www.tiktok.com)" reset
echo 'app broken 3 block' >>"$policy"
echo 'domain broken bad..name' >>"$policy"
signal HUP
wait_log "$log" '^appfwd: SIGHUP: the policy in force is unchanged$' &&
	grep -qE "^appfwd: $policy:[0-9]+: " "$log" &&
	pass "SIGHUP: a file with an error is refused, naming its line" ||
	fail "SIGHUP with a bad file: $(oneline "$(tail -n 3 "$log")")"
check_eq "SIGHUP refused: TLS to web.wechat.com (still allowed)" "$(tls "$SERVER4:9443" web.wechat.com)" handshake
check_eq "SIGHUP refused: TLS to www.example.org (still blocked)" "$(tls "$SERVER4:9445" www.example.org)" cut

stop "$agent"
check_eq "appfwd exit status on SIGTERM" $? 0
grep '^appfwd: queue 0: .* lost$' "$log" | tail -n 1 | grep -q ' 0 lost$' &&
	pass "appfwd lost no packet" ||
	fail "appfwd's summary: $(oneline "$(grep 'queue 0:' "$log")")"

# --- --dns-refuse ---
# refusing MODE: appfwd runs with --dns-refuse=MODE until stop "$agent".
refusing() {
	log=$lib_tmp/appfwd-$1.log
	bg "$log" gw "$APPFWD" --standalone --policy "$POLICY" -q 0 --dns-refuse="$1"
	agent=$!
	wait_log "$log" '^appfwd: queue 0 ready$' ||
		fail "appfwd --dns-refuse=$1 never got ready: $(oneline "$(cat "$log")")"
}
refusing nxdomain
out=$(client busybox nslookup learn.wechat.com "$SERVER4" 2>&1)
[[ $out == *NXDOMAIN* && $out != *203.0.113.80* && $out != *2001:db8:3::80* ]] &&
	pass "--dns-refuse: learn.wechat.com (blocked) gets NXDOMAIN" ||
	fail "--dns-refuse: nslookup learn.wechat.com: $(oneline "$out")"
out=$(client busybox nslookup www.example.org "$SERVER4" 2>&1)
[[ $out == *203.0.113.81* && $out == *2001:db8:3::81* && $out != *NXDOMAIN* ]] &&
	pass "--dns-refuse: www.example.org (allowed) resolves" ||
	fail "--dns-refuse: nslookup www.example.org: $(oneline "$out")"
stop "$agent"
check_eq "appfwd --dns-refuse exit status on SIGTERM" $? 0
grep -Eq '^appfwd: queue 0: .*DNS answers \([0-9]+ learned, [1-9][0-9]* rewritten\)' "$log" &&
	pass "appfwd counted the rewritten answers" ||
	fail "appfwd's summary: $(oneline "$(grep 'queue 0:' "$log")")"

refusing zero
out=$(client busybox nslookup learn.wechat.com "$SERVER4" 2>&1)
[[ $out == *"Address: 0.0.0.0"* && $out == *"Address: ::"* &&
   $out != *203.0.113.80* && $out != *2001:db8:3::80* ]] &&
	pass "--dns-refuse=zero: learn.wechat.com (blocked) resolves to 0.0.0.0 and ::" ||
	fail "--dns-refuse=zero: nslookup learn.wechat.com: $(oneline "$out")"
stop "$agent"
check_eq "appfwd --dns-refuse=zero exit status on SIGTERM" $? 0
lib_done
