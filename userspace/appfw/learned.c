// SPDX-License-Identifier: GPL-2.0
/*
 * appfw learned: lists or forgets the addresses the kernel learned from
 * DNS answers (with `appfw config --learn on` and the agent running).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/appfw.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include "cli.h"
#include "genl.h"
#include "kernel.h"
#include "learned.h"
#include "log.h"
#include "print.h"

static const char learned_usage[] =
	"Usage: appfw learned [flush] [APP] [-j|--json]\n"
	"\n"
	"Lists the addresses the kernel learned from DNS answers (appfw config\n"
	"--learn on, with appfwd running): each with its app and the seconds\n"
	"left of its TTL. A connection to a learned address is classified as\n"
	"its app at its first packet, whatever its SNI says or lacks. With\n"
	"APP, only that app's. 'flush' forgets them (all, or APP's).\n";

static struct nla_policy entry_policy[APPFW_A_LEARN_MAX + 1] = {
	[APPFW_A_LEARN_ADDR] = { .type = NLA_UNSPEC, .minlen = 4, .maxlen = 16 },
	[APPFW_A_LEARN_APP] = { .type = NLA_U16 },
	[APPFW_A_LEARN_TTL] = { .type = NLA_U32 },
};

/*
 * The dump's messages carry the learn attributes at the top level; they
 * share numbers with APPFW_A_*, so they are parsed with their own policy.
 */
int appfw_learned_parse(struct nlmsghdr *nlh, void *arg)
{
	struct appfw_learned_list *l = arg;
	struct nlattr *tb[APPFW_A_LEARN_MAX + 1];
	struct appfw_learned *e;
	int alen;

	if (genlmsg_parse(nlh, 0, tb, APPFW_A_LEARN_MAX, entry_policy) < 0 ||
	    !tb[APPFW_A_LEARN_ADDR] || !tb[APPFW_A_LEARN_APP] ||
	    !tb[APPFW_A_LEARN_TTL])
		return -EPROTO;
	alen = nla_len(tb[APPFW_A_LEARN_ADDR]);
	if (alen != 4 && alen != 16)
		return -EPROTO;
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 64;
		struct appfw_learned *v = realloc(l->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		l->v = v;
		l->cap = cap;
	}
	e = &l->v[l->n++];
	memset(e, 0, sizeof(*e));
	e->family = alen == 4 ? AF_INET : AF_INET6;
	memcpy(e->addr, nla_data(tb[APPFW_A_LEARN_ADDR]), alen);
	e->app = nla_get_u16(tb[APPFW_A_LEARN_APP]);
	e->ttl = nla_get_u32(tb[APPFW_A_LEARN_TTL]);
	return 0;
}

static const char *app_name(const struct afw_policy *pol, uint16_t id,
			    char *buf, size_t size)
{
	for (size_t i = 0; pol && i < pol->napps; i++)
		if (pol->apps[i].id == id)
			return pol->apps[i].name;
	snprintf(buf, size, "%u", id);
	return buf;
}

int appfw_learned_print(const struct appfw_learned_list *l,
			const struct afw_policy *pol)
{
	char addr[INET6_ADDRSTRLEN], idbuf[8];

	open_json_array(NULL);
	for (size_t i = 0; i < l->n; i++) {
		const struct appfw_learned *e = &l->v[i];

		inet_ntop(e->family, e->addr, addr, sizeof(addr));
		open_json_object(NULL);
		print_string(PRINT_ANY, "address", "%s", addr);
		print_string(PRINT_ANY, "app", " %s",
			     app_name(pol, e->app, idbuf, sizeof(idbuf)));
		print_u64(PRINT_JSON, "app_id", NULL, e->app);
		print_u64(PRINT_ANY, "ttl", " ttl %" PRIu64 "s\n", e->ttl);
		close_json_object();
	}
	close_json_array();
	return print_end();
}

/* The id of the app named name, or 0 with the error said. */
static uint16_t app_id(const struct afw_policy *pol, const char *name)
{
	long i = afw_policy_find_app(pol, name);

	if (i < 0) {
		afw_log("learned: unknown app \"%s\"", name);
		return 0;
	}
	return pol->apps[i].id;
}

static int flush(struct afw_genl *g, uint16_t app)
{
	return appfw_talk_app(g, APPFW_CMD_FLUSH_LEARNED, 0, app, NULL, NULL);
}

static int list(struct afw_genl *g, uint16_t app, const struct afw_policy *pol)
{
	struct appfw_learned_list l = { 0 };
	int err;

	err = appfw_talk_app(g, APPFW_CMD_GET_LEARNED, NLM_F_DUMP, app,
			     appfw_learned_parse, &l);
	if (!err && appfw_learned_print(&l, pol))
		err = -EIO;
	free(l.v);
	return err;
}

int learned_main(int argc, char *argv[])
{
	const char *args[2], *name = NULL;
	struct afw_policy pol;
	struct afw_genl g;
	bool do_flush;
	uint16_t app = 0;
	int n, err;

	/* "flush" is a valid app name too: the first word decides. */
	err = appfw_parse_args(argc, argv, learned_usage, 0, 2, true, args, &n);
	if (err)
		return err == APPFW_OPTS_HELP ? 0 : 2;
	do_flush = n && !strcmp(args[0], "flush");
	if (n == 2 && !do_flush)
		return appfw_usage_error(argv[0], args[1], learned_usage);
	if (n > (do_flush ? 1 : 0))
		name = args[n - 1];

	err = afw_genl_open(&g);
	if (err) {
		afw_genl_perror(&g, err, "learned");
		return 1;
	}
	afw_policy_init(&pol);
	err = appfw_read_apps(&g, &pol);
	if (!err && name && !(app = app_id(&pol, name)))
		err = -ENOENT;
	else if (!err)
		err = do_flush ? flush(&g, app) : list(&g, app, &pol);
	if (err && err != -ENOENT && err != -EIO)
		afw_genl_perror(&g, err, "learned");
	afw_policy_free(&pol);
	afw_genl_close(&g);
	return err ? 1 : 0;
}
