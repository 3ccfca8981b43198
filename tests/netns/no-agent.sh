#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The control for agent.sh and bypass.sh: without --queue-bypass and with
# no agent, the queue drops everything, which proves the queue really is
# in the path the other tests send their traffic through.
. "$(dirname "$0")/../lib.sh"
lib_init netns/no-agent

N=3

topo_create || { fail "cannot build the topology"; lib_done; }
gw "$IPT" -A FORWARD -j NFQUEUE --queue-num 4 &&
	gw "$IP6T" -A FORWARD -j NFQUEUE --queue-num 6 ||
	{ fail "cannot add the NFQUEUE rules"; lib_done; }

check_eq "ipv4: replies to $N pings, no agent, no bypass" "$(pings "$ns_client" "$SERVER4" $N)" 0
check_eq "ipv6: replies to $N pings, no agent, no bypass" "$(pings "$ns_client" "$SERVER6" $N)" 0
lib_done
