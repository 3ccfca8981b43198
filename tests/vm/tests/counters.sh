#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The hook counters count exactly what crosses them: N echo requests and
# their N replies across the gw are 2N forwarded packets of 84 bytes (IPv4:
# 20 IP + 8 ICMP + 56 payload) or 104 bytes (IPv6: 40 + 8 + 56); what the
# gw sends itself counts at LOCAL_OUT and nowhere else, and the replies it
# gets at LOCAL_IN (a hook that looks only for DNS answers).
. /tests/lib.sh
lib_init vm/counters

N=10

modprobe appfw || { fail "modprobe appfw failed"; lib_done; }
topo_create || { fail "cannot build the topology"; lib_done; }

# delta BEFORE AFTER FAMILY HOOK FIELD
delta() {
	echo $(($(counter "$2" "$3" "$4" "$5") - $(counter "$1" "$3" "$4" "$5")))
}

# status: the gw's counters as JSON. A failure shows up in the checks that
# use the result; fail here would only reach the $(...) capturing it.
status() {
	gw appfw status -j || echo "    appfw status -j in the gw failed" >&2
}

before=$(status)
check_eq "ipv4: replies to $N pings client -> server" "$(pings "$ns_client" "$SERVER4" $N)" $N
after=$(status)
check_eq "ipv4 forward packets after $N pings" "$(delta "$before" "$after" ipv4 forward packets)" $((2 * N))
check_eq "ipv4 forward bytes after $N pings" "$(delta "$before" "$after" ipv4 forward bytes)" $((2 * N * 84))
check_eq "ipv4 local_out packets while only forwarding" "$(delta "$before" "$after" ipv4 local_out packets)" 0

before=$(status)
check_eq "ipv6: replies to $N pings client -> server" "$(pings "$ns_client" "$SERVER6" $N)" $N
after=$(status)
check_eq "ipv6 forward packets after $N pings" "$(delta "$before" "$after" ipv6 forward packets)" $((2 * N))
check_eq "ipv6 forward bytes after $N pings" "$(delta "$before" "$after" ipv6 forward bytes)" $((2 * N * 104))

before=$(status)
check_eq "ipv4: replies to $N pings gw -> server" "$(pings "$ns_gw" "$SERVER4" $N)" $N
after=$(status)
check_eq "ipv4 local_out packets after $N pings from the gw" "$(delta "$before" "$after" ipv4 local_out packets)" $N
check_eq "ipv4 local_out bytes after $N pings from the gw" "$(delta "$before" "$after" ipv4 local_out bytes)" $((N * 84))
check_eq "ipv4 forward packets while the gw pings" "$(delta "$before" "$after" ipv4 forward packets)" 0
check_eq "ipv4 local_in packets after $N pings from the gw" "$(delta "$before" "$after" ipv4 local_in packets)" $N

# The gw also sends neighbour and MLD messages of its own over IPv6 at
# times nobody controls, so appfw's LOCAL_OUT count is compared with an
# nft counter on the same hook, which sees the very same packets.
gw nft -f - <<'NFT' || fail "cannot add the nft reference counter"
table ip6 appfw_test {
	chain output {
		type filter hook output priority 0; policy accept;
		counter
	}
}
NFT
# nft_counter: "PACKETS BYTES" of the reference counter.
nft_counter() {
	local out

	out=$(gw nft list chain ip6 appfw_test output)
	[[ $out =~ counter\ packets\ ([0-9]+)\ bytes\ ([0-9]+) ]] &&
		echo "${BASH_REMATCH[1]} ${BASH_REMATCH[2]}"
}
# appfw's reads enclose nft's: a stray packet between them would make
# appfw's count larger, never smaller.
before=$(status)
read -r nft_p0 nft_b0 < <(nft_counter)
check_eq "ipv6: replies to $N pings gw -> server" "$(pings "$ns_gw" "$SERVER6" $N)" $N
read -r nft_p1 nft_b1 < <(nft_counter)
after=$(status)
p=$(delta "$before" "$after" ipv6 local_out packets)
b=$(delta "$before" "$after" ipv6 local_out bytes)
check_eq "ipv6 local_out packets (as nft counts them) after $N pings from the gw" "$p" $((nft_p1 - nft_p0))
check_eq "ipv6 local_out bytes (as nft counts them) after $N pings from the gw" "$b" $((nft_b1 - nft_b0))
check_eq "ipv6 local_out packets after $N pings from the gw (static neighbours)" "$p" $N
lib_done
