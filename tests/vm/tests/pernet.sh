#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Counters are per network namespace: traffic through one gw moves only
# that gw's counters, namespaces made before and after the module loads
# both get hooks, and a fresh namespace sees the family with all zeros.
. /tests/lib.sh
lib_init vm/pernet

N=5

topo_create || { fail "cannot build topology a"; lib_done; }
a_client=$ns_client a_gw=$ns_gw
modprobe appfw || { fail "modprobe appfw failed"; lib_done; }
topo_create || { fail "cannot build topology b"; lib_done; }
b_client=$ns_client b_gw=$ns_gw
ns_new fresh

out=$(in_ns "$fresh" appfw status -j 2>&1)
if jq -e '(.hooks | length) == 6 and all(.hooks[]; .packets == 0 and .bytes == 0)' \
	<<<"$out" >/dev/null 2>&1; then
	pass "a fresh netns sees the family: 6 hooks, all counters 0"
else
	fail "appfw status -j in a fresh netns: want 6 hooks all 0, got: $out"
fi

# moved BEFORE AFTER FAMILY HOOK: packets that hook counted in between.
moved() {
	echo $(($(counter "$2" "$3" "$4" packets) - $(counter "$1" "$3" "$4" packets)))
}

# through GW_NS CLIENT_NS OTHER_GW_NS: pings across one gw; its forward
# counters move by exactly 2N, the other gw's and the fresh netns's not at
# all (IPv6 LOCAL_OUT of a gw with links is left out: it sends neighbour
# and MLD messages on its own).
through() {
	local gw_ns=$1 client_ns=$2 other=$3 name=$4 b0 b1 o0 o1 f0 f1 fam

	b0=$(in_ns "$gw_ns" appfw status -j) o0=$(in_ns "$other" appfw status -j)
	f0=$(in_ns "$fresh" appfw status -j)
	pings "$client_ns" "$SERVER4" $N >/dev/null
	pings "$client_ns" "$SERVER6" $N >/dev/null
	b1=$(in_ns "$gw_ns" appfw status -j) o1=$(in_ns "$other" appfw status -j)
	f1=$(in_ns "$fresh" appfw status -j)
	for fam in ipv4 ipv6; do
		check_eq "traffic through $name: its $fam forward packets" \
			"$(moved "$b0" "$b1" $fam forward)" $((2 * N))
		check_eq "traffic through $name: the other gw's $fam forward packets" \
			"$(moved "$o0" "$o1" $fam forward)" 0
	done
	check_eq "traffic through $name: the other gw's ipv4 local_out packets" \
		"$(moved "$o0" "$o1" ipv4 local_out)" 0
	[[ $f0 == "$f1" && $f0 ]] &&
		pass "traffic through $name: the fresh netns's counters did not move" ||
		fail "traffic through $name: the fresh netns's counters moved: $f0 -> $f1"
}

through "$a_gw" "$a_client" "$b_gw" "gw a (made before modprobe)"
through "$b_gw" "$b_client" "$a_gw" "gw b (made after modprobe)"
lib_done
