#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Regenerates the ClientHello fixtures in tests/fixtures/ (or OUTDIR): real
# ClientHellos from openssl s_client and Debian's chromium, sent to a
# listener that records them and never answers, in a pair of network
# namespaces of our own joined by a veth (client 192.0.2.2, server
# 192.0.2.1: documentation addresses; MTU 1500, offloads off, so every TCP
# segment on the wire is one the client's stack cut). Root; needs iproute2,
# ethtool, tcpdump, openssl, chromium, and python3 with python3-cryptography
# (to decrypt QUIC Initial packets).
#
#   scripts/make-fixtures.sh [--captures] [OUTDIR]  (default: tests/fixtures)
#
# --captures makes only the packet captures (the last group below).
#
# What each file holds (exactly the bytes the client sent, nothing after):
#   openssl-tls13.bin        s_client -servername weixin.qq.com -alpn
#                            h2,http/1.1: TLS records, SNI, ALPN, TLS 1.3
#   openssl-tls12-nosni.bin  s_client -tls1_2 -noservername: no SNI, no
#                            supported_versions
#   chromium-sni-first.bin   chromium, https://web.wechat.com/ over TCP: the
#                            ~2 KB post-quantum ClientHello whose SNI lies in
#                            the first 1448 bytes (the first segment at MTU
#                            1500)
#   chromium-sni-second.bin  the same, with the SNI past byte 1448 (Chromium
#                            shuffles its extensions, so a few tries give both)
#   chromium-quic.hs         chromium over QUIC (forced for web.wechat.com):
#                            the CRYPTO stream of its Initial packets,
#                            decrypted and put in offset order -- a bare
#                            handshake message, no TLS records
#
# Packet captures, for each NAME of web.wechat.com and www.example.org, of
# chromium over QUIC to a listener that never answers, so that Chromium
# sends its whole first flight and then retransmits it (the first few
# seconds, at most 24 datagrams):
#   chromium-quic-NAME.dgrams  the UDP payloads the client sent, in order,
#                              each as a 2-byte big-endian length and the
#                              bytes (tests/tools/quicreplay.c replays them)
#   chromium-quic-NAME.pcap    the same datagrams as tcpdump saw them
#   chromium-tcp-web.wechat.com.pcap  chromium over TCP: handshake and the
#                              ClientHello's segments, as cut at MTU 1500
#
# Every run gives new random bytes; the tests check only what does not
# change (SNI, ALPN, flags, sizes within bounds).
set -eu

captures_only=
if [ "${1:-}" = --captures ]; then
	captures_only=1
	shift
fi
OUT=$(realpath -m "${1:-$(dirname "$0")/../tests/fixtures}")
ADDR=192.0.2.1
CADDR=192.0.2.2
NS=afwfix$$
NSC=afwfixc$$
PY=${PYTHON:-/usr/bin/python3}

for tool in ip ethtool tcpdump openssl chromium "$PY"; do
	command -v "$tool" >/dev/null || { echo "make-fixtures: $tool missing" >&2; exit 1; }
done
"$PY" -c 'import cryptography' 2>/dev/null ||
	{ echo "make-fixtures: python3-cryptography missing" >&2; exit 1; }

mkdir -p "$OUT"
tmp=$(mktemp -d)
client=
dump=
cleanup() {
	if [ -n "$client" ]; then
		kill -- -"$client" 2>/dev/null || true
	fi
	if [ -n "$dump" ]; then
		kill "$dump" 2>/dev/null || true
	fi
	ip netns del "$NS" 2>/dev/null || true
	ip netns del "$NSC" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

ip netns add "$NS"
ip netns add "$NSC"
ip link add afwc netns "$NSC" type veth peer name afws netns "$NS"
ip -n "$NS" addr add "$ADDR"/24 dev afws
ip -n "$NSC" addr add "$CADDR"/24 dev afwc
for ns in "$NS" "$NSC"; do
	ip -n "$ns" link set lo up
done
ip -n "$NS" link set afws up
ip -n "$NSC" link set afwc up
# Segments as the client's TCP cut them, not 64 KB GSO blobs.
ip netns exec "$NSC" ethtool -K afwc tso off gso off gro off >/dev/null
ip netns exec "$NS" ethtool -K afws tso off gso off gro off >/dev/null
n() { ip netns exec "$NS" "$@"; }

# The listener: records one ClientHello from TCP (records) or QUIC (decrypts
# the Initial packets and reassembles the CRYPTO stream), writes it, exits.
cat >"$tmp/listen.py" <<'EOF'
import socket, struct, sys, time
from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

proto, addr, out = sys.argv[1:4]
WINDOW, DGRAMS_MAX = 3.0, 24

def hello_len(hs):
    return 4 + int.from_bytes(hs[1:4], 'big') if len(hs) >= 4 else None

def tcp():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, 443)); s.listen(1); s.settimeout(30)
    c, _ = s.accept(); c.settimeout(30)
    buf, hs, pos = b'', b'', 0
    while True:
        # Whole records until the handshake bytes hold the ClientHello.
        while len(buf) - pos >= 5 and len(buf) - pos >= 5 + int.from_bytes(buf[pos+3:pos+5], 'big'):
            rlen = int.from_bytes(buf[pos+3:pos+5], 'big')
            hs += buf[pos+5:pos+5+rlen]; pos += 5 + rlen
            if hello_len(hs) and len(hs) >= hello_len(hs):
                open(out, 'wb').write(buf[:pos]); return
        d = c.recv(65536)
        if not d: sys.exit('connection closed before the ClientHello ended')
        buf += d

def hkdf_label(secret, label, n):
    label = b'tls13 ' + label
    info = n.to_bytes(2, 'big') + bytes([len(label)]) + label + b'\0'
    h = hmac.HMAC(secret, hashes.SHA256()); h.update(info + b'\1')
    return h.finalize()[:n]

def varint(b, i):
    n = 1 << (b[i] >> 6)
    return int.from_bytes(bytes([b[i] & 0x3f]) + b[i+1:i+n], 'big'), i + n

def initial_frames(pkt):
    """Decrypts one QUIC v1 Initial packet (RFC 9001 5); yields frames' bytes."""
    assert pkt[0] & 0xf0 == 0xc0 and pkt[1:5] == b'\0\0\0\1', 'not a v1 Initial'
    i = 5; dcid = pkt[i+1:i+1+pkt[i]]; i += 1 + pkt[i]
    i += 1 + pkt[i]
    tlen, i = varint(pkt, i); i += tlen
    length, pn_off = varint(pkt, i)
    h = hmac.HMAC(bytes.fromhex('38762cf7f55934b34d179ae6a4c80cadccbb7f0a'), hashes.SHA256())
    h.update(dcid)
    secret = hkdf_label(h.finalize(), b'client in', 32)
    key, iv, hp = (hkdf_label(secret, l, n) for l, n in ((b'quic key', 16), (b'quic iv', 12), (b'quic hp', 16)))
    enc = Cipher(algorithms.AES(hp), modes.ECB()).encryptor()
    mask = enc.update(pkt[pn_off+4:pn_off+20]) + enc.finalize()
    first = pkt[0] ^ (mask[0] & 0x0f); pn_len = (first & 3) + 1
    pn = bytes(a ^ b for a, b in zip(pkt[pn_off:pn_off+pn_len], mask[1:]))
    header = bytes([first]) + pkt[1:pn_off] + pn
    nonce = bytes(a ^ b for a, b in zip(iv, int.from_bytes(pn, 'big').to_bytes(12, 'big')))
    plain = AESGCM(key).decrypt(nonce, pkt[pn_off+pn_len:pn_off+length], header)
    return plain, pkt[pn_off+length:]

def quic():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((addr, 443)); s.settimeout(30)
    chunks = {}
    while True:
        pkt, _ = s.recvfrom(65536)
        while pkt and pkt[0] & 0xf0 == 0xc0:   # coalesced Initials
            plain, pkt = initial_frames(pkt)
            i = 0
            while i < len(plain):
                t = plain[i]
                if t in (0, 1): i += 1; continue      # PADDING, PING
                assert t == 6, 'unexpected frame %d' % t
                off, i = varint(plain, i + 1); n, i = varint(plain, i)
                chunks[off] = plain[i:i+n]; i += n
        hs = b''
        while len(hs) in chunks: hs += chunks[len(hs)]
        if hello_len(hs) and len(hs) >= hello_len(hs):
            open(out, 'wb').write(hs[:hello_len(hs)]); return

def dgrams():
    """The first client's datagrams for WINDOW seconds, never answered."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((addr, 443)); s.settimeout(30)
    pkt, peer = s.recvfrom(65536)
    got, end = [pkt], time.monotonic() + WINDOW
    while len(got) < DGRAMS_MAX and time.monotonic() < end:
        s.settimeout(end - time.monotonic())
        try:
            pkt, src = s.recvfrom(65536)
        except socket.timeout:
            break
        if src == peer:
            got.append(pkt)
    assert all(d[0] & 0xc0 == 0xc0 for d in got), 'not all long headers'
    open(out, 'wb').write(b''.join(len(d).to_bytes(2, 'big') + d for d in got))

{'tcp': tcp, 'udp': quic, 'dgrams': dgrams}[proto]()
EOF

# Offset and length of the SNI host name in a TLS record stream (python,
# not our parser: the fixtures must not depend on the code they test).
sni_offset() {
	"$PY" - "$1" <<'EOF'
import sys
b = open(sys.argv[1], 'rb').read()
i = 5 + 4 + 2 + 32
i += 1 + b[i]
i += 2 + int.from_bytes(b[i:i+2], 'big')
i += 1 + b[i]
i += 2
while True:
    t, n = int.from_bytes(b[i:i+2], 'big'), int.from_bytes(b[i+2:i+4], 'big')
    if t == 0:
        print(i + 9, int.from_bytes(b[i+7:i+9], 'big')); break
    i += 4 + n
EOF
}

# Starts the listener, waits until it is bound, runs the client (in the
# client namespace, its own process group) until the listener has what it
# records, then stops it. With PCAP set, tcpdump on the server's side
# records the same traffic into that file.
capture() {
	local proto=$1 out=$2 lpid
	shift 2
	rm -f "$out"
	if [ -n "${PCAP:-}" ]; then
		: >"$tmp/tcpdump.log"
		# Not through n(): $! must be tcpdump itself, to stop it.
		ip netns exec "$NS" tcpdump -i afws --immediate-mode -U -s 0 \
			-w "$PCAP" "${PCAP_FILTER:-port 443}" \
			2>"$tmp/tcpdump.log" &
		dump=$!
		for _ in $(seq 100); do
			grep -q "listening on" "$tmp/tcpdump.log" && break
			sleep 0.1
		done
	fi
	n "$PY" "$tmp/listen.py" "$proto" "$ADDR" "$out" &
	lpid=$!
	for _ in $(seq 100); do
		if [ "$proto" = tcp ]; then
			n ss -Hltn "sport = :443" | grep -q . && break
		else
			n ss -Hlun "sport = :443" | grep -q . && break
		fi
		sleep 0.1
	done
	setsid ip netns exec "$NSC" "$@" </dev/null >/dev/null 2>&1 &
	client=$!
	wait "$lpid" || { echo "make-fixtures: no ClientHello from $1" >&2; exit 1; }
	kill -- -"$client" 2>/dev/null || true
	wait "$client" 2>/dev/null || true
	client=
	if [ -n "$dump" ]; then
		sleep 0.2	# --immediate-mode -U: written by now
		kill "$dump"
		wait "$dump" 2>/dev/null || true
		dump=
	fi
	echo "$out: $(stat -c %s "$out") bytes"
}

# A fresh profile each time, so no session is resumed.
chromium_run() {
	capture "$1" "$2" chromium --no-sandbox --headless --disable-gpu \
		--no-first-run --disable-background-networking \
		--disable-component-update --disable-sync \
		--user-data-dir="$(mktemp -d -p "$tmp")" \
		--host-resolver-rules="MAP * $ADDR" "${@:3}"
}

# The first COUNT packets of capture IN, into OUT; of its first TCP
# connection only when it has one (Chromium opens a second at once).
pcap_head() {
	local port filter=
	port=$(tcpdump -nr "$1" -c 1 'tcp[tcpflags] == tcp-syn' 2>/dev/null |
		sed -n 's/.* 192\.0\.2\.2\.\([0-9]*\) > .*/\1/p')
	if [ -n "$port" ]; then
		filter="tcp port $port"
	fi
	# shellcheck disable=SC2086
	tcpdump -r "$1" -w "$3" -c "$2" $filter 2>/dev/null
	chown "$(id -u):$(id -g)" "$3"	# tcpdump wrote it as its own user
	echo "$3: $(stat -c %s "$3") bytes"
}

captures() {
	local name
	for name in web.wechat.com www.example.org; do
		PCAP=$tmp/quic.pcap PCAP_FILTER="udp port 443" chromium_run dgrams \
			"$OUT/chromium-quic-$name.dgrams" --enable-quic \
			--origin-to-force-quic-on="$name:443" "https://$name/"
		pcap_head "$tmp/quic.pcap" 24 "$OUT/chromium-quic-$name.pcap"
	done
	# Handshake, the ClientHello's segments, the listener's close.
	PCAP=$tmp/tcp.pcap PCAP_FILTER="tcp port 443" chromium_run tcp \
		"$tmp/chromium.bin" --disable-quic https://web.wechat.com/
	pcap_head "$tmp/tcp.pcap" 16 "$OUT/chromium-tcp-web.wechat.com.pcap"
}

if [ -n "$captures_only" ]; then
	captures
	exit 0
fi

capture tcp "$OUT/openssl-tls13.bin" openssl s_client -connect "$ADDR:443" \
	-servername weixin.qq.com -alpn h2,http/1.1
capture tcp "$OUT/openssl-tls12-nosni.bin" openssl s_client \
	-connect "$ADDR:443" -tls1_2 -noservername

# Chromium shuffles its extensions per connection: keep trying until one
# capture has the SNI within the first 1448-byte segment and one within the
# second (names cut by the boundary are left out; the tests try every cut).
for _ in $(seq 20); do
	[ -e "$OUT/chromium-sni-first.bin" ] &&
		[ -e "$OUT/chromium-sni-second.bin" ] && break
	chromium_run tcp "$tmp/chromium.bin" --disable-quic \
		https://web.wechat.com/
	read -r off len < <(sni_offset "$tmp/chromium.bin")
	echo "  SNI at bytes $off..$((off + len))"
	if [ $((off + len)) -le 1448 ]; then
		cp "$tmp/chromium.bin" "$OUT/chromium-sni-first.bin"
	elif [ "$off" -ge 1448 ]; then
		cp "$tmp/chromium.bin" "$OUT/chromium-sni-second.bin"
	fi
done
if [ ! -e "$OUT/chromium-sni-first.bin" ] ||
	[ ! -e "$OUT/chromium-sni-second.bin" ]; then
	echo "make-fixtures: chromium never put the SNI in both segments" >&2
	exit 1
fi

chromium_run udp "$OUT/chromium-quic.hs" --enable-quic \
	--origin-to-force-quic-on=web.wechat.com:443 https://web.wechat.com/

captures
