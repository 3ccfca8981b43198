#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Regenerates the DNS fixtures in tests/fixtures/dns/ (or OUTDIR): dig's
# queries and dnsmasq's answers, captured with tcpdump inside a network
# namespace of our own (dnsmasq on 192.0.2.53). Root; needs iproute2,
# dnsmasq-base, bind9-dnsutils (dig), tcpdump and python3.
#
#   scripts/make-dns-fixtures.sh [OUTDIR]
#
# What each file holds (the UDP payload, or for TCP the segment's payload
# with its two-byte length; every run gives new IDs and EDNS cookies):
#   a.bin           web.wechat.com A -> 203.0.113.7, TTL 300
#   aaaa-upper.bin  WEB.WeChat.COM AAAA -> 2001:db8::7 (the case kept)
#   cname2.bin      dl.wechat.com A: CNAME cdn.wechat.com, CNAME
#                   web.wechat.com, A 203.0.113.7
#   https.bin       svc.wechat.com HTTPS: priority 1, alpn h2, ipv4hint
#                   203.0.113.8 and .9, ipv6hint 2001:db8::8
#   nxdomain.bin    nope.wechat.com A: NXDOMAIN
#   query.bin       the query that got a.bin
#   tcp-cname.bin   www.wechat.com A over TCP: CNAME web.wechat.com, A
set -eu
out=$(realpath "${1:-tests/fixtures/dns}")
mkdir -p "$out"
work=$(mktemp -d)
ns=appfw-dnsfix-$$
tpid=
cleanup() {
	[ -f "$work/dnsmasq.pid" ] && kill "$(cat "$work/dnsmasq.pid")" 2>/dev/null
	[ -n "$tpid" ] && kill "$tpid" 2>/dev/null
	ip netns del "$ns" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT

ip netns add "$ns"
ip -n "$ns" link set lo up
ip -n "$ns" addr add 192.0.2.53/32 dev lo
# HTTPS rdata (RFC 9460): priority 1, target ".", alpn (key 1) "h2",
# ipv4hint (key 4) 203.0.113.8 203.0.113.9, ipv6hint (key 6) 2001:db8::8.
https=0001
https+=00
https+=00010003026832
https+=00040008cb007108cb007109
https+=0006001020010db8000000000000000000000008
ip netns exec "$ns" dnsmasq --no-resolv --no-hosts \
	--listen-address=192.0.2.53 --bind-interfaces \
	--pid-file="$work/dnsmasq.pid" --local=/wechat.com/ --local-ttl=300 \
	--host-record=web.wechat.com,203.0.113.7,2001:db8::7 \
	--cname=www.wechat.com,web.wechat.com \
	--cname=dl.wechat.com,cdn.wechat.com \
	--cname=cdn.wechat.com,web.wechat.com \
	--dns-rr=svc.wechat.com,65,$https
ip netns exec "$ns" tcpdump -i lo -U -w "$work/cap.pcap" 'port 53' \
	2>"$work/tcpdump.log" &
tpid=$!
for _ in $(seq 50); do
	grep -q listening "$work/tcpdump.log" && break
	sleep 0.1
done
q() { ip netns exec "$ns" dig @192.0.2.53 +tries=1 +time=2 "$@" >/dev/null; }
q web.wechat.com A
q WEB.WeChat.COM AAAA
q dl.wechat.com A
q svc.wechat.com TYPE65
q nope.wechat.com A
q +tcp www.wechat.com A
sleep 1
kill "$tpid"
wait "$tpid" 2>/dev/null || true
tpid=

# The payloads in capture order: query, answer, query, answer, ...
python3 - "$work/cap.pcap" "$out" <<'PY'
import struct, sys
d = open(sys.argv[1], 'rb').read()
assert struct.unpack('<I', d[:4])[0] == 0xa1b2c3d4
linktype = struct.unpack('<I', d[20:24])[0]
off, pays = 24, []
while off < len(d):
    incl = struct.unpack('<I', d[off + 8:off + 12])[0]
    pkt = d[off + 16:off + 16 + incl]
    off += 16 + incl
    if linktype == 1:
        pkt = pkt[14:]
    ihl, tot = (pkt[0] & 15) * 4, struct.unpack('>H', pkt[2:4])[0]
    l4 = pkt[ihl:tot]
    pay = l4[8:] if pkt[9] == 17 else l4[(l4[12] >> 4) * 4:]
    if pay:
        pays.append(pay)
names = ['query', 'a', None, 'aaaa-upper', None, 'cname2', None, 'https',
         None, 'nxdomain', None, 'tcp-cname']
assert len(pays) == len(names), len(pays)
for name, pay in zip(names, pays):
    if name:
        open('%s/%s.bin' % (sys.argv[2], name), 'wb').write(pay)
PY
ls -l "$out"
