// SPDX-License-Identifier: GPL-2.0
/*
 * appfwd's SIGHUP reload (afw_local_reload): the new file's apps, names
 * and prefixes decide from then on; a file with an error changes
 * nothing; an address learned from DNS stays with the app of the same
 * name, under its new id, and is forgotten with an app the file drops.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../../userspace/appfwd/backend.h"
#include "../../userspace/appfwd/dns.h"
#include "unit.h"

#define NOW_MS 1000000

static const uint8_t LEARNED4[4] = { 203, 0, 113, 9 };
static const uint8_t PREFIX4[4] = { 198, 51, 100, 77 };

static void write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	CHECK(fp != NULL);
	if (!fp)
		return;
	fputs(text, fp);
	CHECK_INT(fclose(fp), 0);
}

/* The app that decides name: 0 for none; *action its action. */
static uint16_t by_name(struct afw_local *l, const char *name,
			uint8_t *action)
{
	struct afw_decision d = { 0 };
	struct afw_flow_tuple t = { .family = AF_INET };

	l->be.ops->decide(&l->be, &t, APPFW_SOURCE_SNI, name, &d);
	*action = d.action;
	return d.app;
}

static uint16_t by_addr(struct afw_local *l, const uint8_t *addr)
{
	struct afw_decision d = { 0 };
	struct afw_flow_tuple t = { .family = AF_INET };

	memcpy(t.daddr, addr, 4);
	if (!l->be.ops->lookup_addr(&l->be, &t, NOW_MS, &d))
		return 0;
	return d.app;
}

static void learn(struct afw_local *l, const char *name, const uint8_t *addr)
{
	struct afw_dns_answer ans = { .nnames = 1, .naddrs = 1 };
	uint8_t action;

	snprintf(ans.names[0], sizeof(ans.names[0]), "%s", name);
	ans.addrs[0].family = AF_INET;
	memcpy(ans.addrs[0].addr, addr, 4);
	ans.addrs[0].ttl = 300;
	CHECK(l->be.ops->learn(&l->be, &ans, NOW_MS, &action) != 0);
}

TEST(local_reload)
{
	char dir[] = "/tmp/appfw-reload-XXXXXX", path[64];
	struct afw_local l;
	uint8_t action;

	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/policy.conf", dir);
	write_file(path, "app wechat 1 block\n"
			 "domain wechat wechat.com\n"
			 "app tiktok 2 reject\n"
			 "domain tiktok tiktok.com\n"
			 "prefix tiktok 198.51.100.0/24\n");
	CHECK_INT(afw_local_load(&l, path, true), 0);
	CHECK_INT(by_name(&l, "web.wechat.com", &action), 1);
	CHECK_INT(action, APPFW_ACTION_BLOCK);
	CHECK_INT(by_addr(&l, PREFIX4), 2);
	learn(&l, "web.wechat.com", LEARNED4);
	CHECK_INT(by_addr(&l, LEARNED4), 1);

	/* wechat under a new id and action, tiktok gone, example new. */
	write_file(path, "app example 1 allow\n"
			 "domain example example.org\n"
			 "app wechat 7 monitor\n"
			 "domain wechat wechat.com\n");
	CHECK_INT(afw_local_reload(&l, path), 0);
	CHECK_INT(by_name(&l, "web.wechat.com", &action), 7);
	CHECK_INT(action, APPFW_ACTION_MONITOR);
	CHECK_INT(by_name(&l, "www.example.org", &action), 1);
	CHECK_INT(action, APPFW_ACTION_ALLOW);
	CHECK_INT(by_name(&l, "www.tiktok.com", &action), 0);
	CHECK_INT(by_addr(&l, PREFIX4), 0);
	CHECK_INT(by_addr(&l, LEARNED4), 7);

	/* Forgotten with its app: a file without wechat. */
	learn(&l, "www.example.org", PREFIX4);
	write_file(path, "app example 1 allow\n"
			 "domain example example.org\n");
	CHECK_INT(afw_local_reload(&l, path), 0);
	CHECK_INT(by_addr(&l, LEARNED4), 0);
	CHECK_INT(by_addr(&l, PREFIX4), 1);

	/* Errors change nothing: a bad line, a missing file. */
	write_file(path, "app wechat 1 block\n"
			 "domain wechat wechat..com\n");
	CHECK_INT(afw_local_reload(&l, path), -EINVAL);
	CHECK_INT(by_name(&l, "www.example.org", &action), 1);
	CHECK_INT(by_name(&l, "web.wechat.com", &action), 0);
	CHECK_INT(by_addr(&l, PREFIX4), 1);
	CHECK_INT(unlink(path), 0);
	CHECK_INT(afw_local_reload(&l, path), -ENOENT);
	CHECK_INT(by_name(&l, "www.example.org", &action), 1);

	afw_local_free(&l);
	CHECK_INT(rmdir(dir), 0);
}
