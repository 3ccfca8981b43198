// SPDX-License-Identifier: GPL-2.0
/*
 * appfwd --pcap in an agent built with make NO_PCAP=1, in place of
 * pcapmode.c: reading captures is a desk tool, and libpcap's static
 * archive drags in D-Bus and systemd, which firmware does not have.
 */
#include "log.h"
#include "rules.h"

int appfwd_pcap_main(const struct appfwd_config *cfg)
{
	(void)cfg;
	afw_log("--pcap: not built in (this appfwd was built with NO_PCAP=1)");
	return 1;
}

bool appfwd_has_pcap(void)
{
	return false;
}
