// SPDX-License-Identifier: GPL-2.0
/*
 * appfwd --pcap on the captured fixtures (Chromium's QUIC first flights
 * and its TCP ClientHello) with tests/fixtures/agent.policy: one line per
 * flow with the name, the app, the action and the entry; -j the same as
 * JSON. A missing capture or policy file is one message and exit 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../userspace/appfwd/args.h"
#include "../../userspace/appfwd/rules.h"
#include "log.h"
#include "print.h"
#include "unit.h"

struct run {
	int status;
	char *out, *err;
};

static struct run run_pcap(const char *file, const char *policy, bool json)
{
	struct appfwd_config cfg = { .mode = APPFWD_PCAP, .json = json };
	char path[512], pol[512];
	size_t olen, elen;
	struct run r;
	FILE *out, *err;

	unit_fixture_path(file, path, sizeof(path));
	unit_fixture_path(policy, pol, sizeof(pol));
	cfg.pcap = path;
	cfg.policy = pol;
	out = open_memstream(&r.out, &olen);
	err = open_memstream(&r.err, &elen);
	print_set_output(out);
	afw_log_init("appfwd", err);
	r.status = appfwd_pcap_main(&cfg);
	fclose(out);
	fclose(err);
	print_set_output(NULL);
	print_set_json(false);
	afw_log_init("appfwd", NULL);
	return r;
}

TEST(pcap_fixtures_text)
{
	struct run r;

	r = run_pcap("chromium-quic-web.wechat.com.pcap", "agent.policy", false);
	CHECK_INT(r.status, 0);
	CHECK_STR(r.out, "quic 192.0.2.2:46032 -> 192.0.2.1:443 name web.wechat.com app wechat action block by quic suffix wechat.com (name)\n");
	CHECK_STR(r.err, "");
	free(r.out);
	free(r.err);

	r = run_pcap("chromium-quic-www.example.org.pcap", "agent.policy", false);
	CHECK_INT(r.status, 0);
	CHECK_STR(r.out, "quic 192.0.2.2:60085 -> 192.0.2.1:443 name www.example.org app example action allow by quic suffix example.org (name)\n");
	free(r.out);
	free(r.err);

	r = run_pcap("chromium-tcp-web.wechat.com.pcap", "agent.policy", false);
	CHECK_INT(r.status, 0);
	CHECK_STR(r.out, "tcp 192.0.2.2:40872 -> 192.0.2.1:443 name web.wechat.com app wechat action block by sni suffix wechat.com (name)\n");
	free(r.out);
	free(r.err);
}

TEST(pcap_fixtures_json)
{
	struct run r = run_pcap("chromium-quic-web.wechat.com.pcap",
				"agent.policy", true);

	CHECK_INT(r.status, 0);
	CHECK_STR(r.out, "{\"proto\":\"quic\",\"src\":\"192.0.2.2\",\"sport\":46032,"
		  "\"dst\":\"192.0.2.1\",\"dport\":443,\"name\":\"web.wechat.com\","
		  "\"app\":\"wechat\",\"action\":\"block\",\"source\":\"quic\","
		  "\"match\":\"suffix\",\"entry\":\"wechat.com\",\"reason\":\"name\"}\n");
	free(r.out);
	free(r.err);
}

TEST(pcap_errors)
{
	struct run r = run_pcap("no-such.pcap", "agent.policy", false);

	CHECK_INT(r.status, 1);
	CHECK(!strncmp(r.err, "appfwd: ", 8) && strstr(r.err, "no-such.pcap"));
	CHECK_STR(r.out, "");
	free(r.out);
	free(r.err);

	r = run_pcap("chromium-tcp-web.wechat.com.pcap", "no-such.policy", false);
	CHECK_INT(r.status, 1);
	CHECK(strstr(r.err, "cannot open policy file") != NULL);
	free(r.out);
	free(r.err);

	/* Not a capture at all. */
	r = run_pcap("agent.policy", "agent.policy", false);
	CHECK_INT(r.status, 1);
	CHECK(strstr(r.err, "agent.policy") != NULL);
	free(r.out);
	free(r.err);
}
