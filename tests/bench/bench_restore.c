// SPDX-License-Identifier: GPL-2.0
/*
 * bench-restore: where `appfw restore` of a big policy spends its time,
 * natively. The CLI runs unchanged (appfw_run) except for the netlink
 * socket: this file defines the afw_genl_* functions (genl.c is not
 * linked) and hands each message to a stand-in for the module's edit path
 * that does what kmod/edit.c and kmod/txn.c do per entry (parse the
 * entry's attributes, check the name or prefix, add it to the shared
 * builder of kmod/shared/) and, at COMMIT, what appfw_txn_commit does
 * (build both tables). The clock is read around each stand-in call, so
 * the output splits the run into the CLI's own work (reading the file,
 * building messages) and the module's (per entry, and the commit's build),
 * with the message count and sizes of the netlink traffic between them.
 * A run of the file parser alone splits the CLI's share in two.
 *
 *   bench-restore FILE [ROUNDS]      (median of ROUNDS runs, default 3)
 *
 * What it cannot show is the transport (a sendmsg and an ack per message)
 * and kernel-only costs (kvmalloc, netlink's own attribute validation):
 * tests/bench/vm/policy-load.sh times the whole in the VM.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <linux/appfw.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "../../kmod/shared/domain.h"
#include "../../kmod/shared/prefix.h"
#include "cli.h"
#include "genl.h"
#include "log.h"
#include "policyfile.h"
#include "print.h"

static struct {
	struct afw_domain_builder *domains;
	struct afw_prefix_builder *prefixes;
	double kernel_s, commit_s;	/* inside the stand-in */
	size_t msgs, bytes, entries, max_bytes;
	int err;
} k;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* --- The module's per-entry work (kmod/edit.c, kmod/txn.c). */

static struct nla_policy domain_policy[APPFW_A_DOMAIN_MAX + 1] = {
	[APPFW_A_DOMAIN_APP] = { .type = NLA_U16 },
	[APPFW_A_DOMAIN_NAME] = { .type = NLA_STRING },
	[APPFW_A_DOMAIN_KIND] = { .type = NLA_U8 },
};

static struct nla_policy prefix_policy[APPFW_A_PREFIX_MAX + 1] = {
	[APPFW_A_PREFIX_APP] = { .type = NLA_U16 },
	[APPFW_A_PREFIX_ADDR] = { .type = NLA_UNSPEC },
	[APPFW_A_PREFIX_LEN] = { .type = NLA_U8 },
};

static int domain_entry(struct nlattr *entry)
{
	struct nlattr *tb[APPFW_A_DOMAIN_MAX + 1];
	const char *name;
	size_t len;

	if (nla_parse_nested(tb, APPFW_A_DOMAIN_MAX, entry, domain_policy) ||
	    !tb[APPFW_A_DOMAIN_APP] || !tb[APPFW_A_DOMAIN_NAME] ||
	    !tb[APPFW_A_DOMAIN_KIND])
		return -EINVAL;
	name = nla_data(tb[APPFW_A_DOMAIN_NAME]);
	len = strlen(name);
	if (afw_domain_check(name, len, NULL))
		return -EINVAL;
	if (!k.domains && afw_domain_builder_new(&k.domains, NULL))
		return -ENOMEM;
	return afw_domain_builder_add(k.domains, name, len,
				      nla_get_u8(tb[APPFW_A_DOMAIN_KIND]),
				      nla_get_u16(tb[APPFW_A_DOMAIN_APP]));
}

static int prefix_entry(struct nlattr *entry)
{
	struct nlattr *tb[APPFW_A_PREFIX_MAX + 1];
	struct afw_prefix p = { 0 };

	if (nla_parse_nested(tb, APPFW_A_PREFIX_MAX, entry, prefix_policy) ||
	    !tb[APPFW_A_PREFIX_APP] || !tb[APPFW_A_PREFIX_ADDR] ||
	    !tb[APPFW_A_PREFIX_LEN])
		return -EINVAL;
	p.family = nla_len(tb[APPFW_A_PREFIX_ADDR]) == 4 ? AFW_INET : AFW_INET6;
	nla_memcpy(p.addr, tb[APPFW_A_PREFIX_ADDR], sizeof(p.addr));
	p.len = nla_get_u8(tb[APPFW_A_PREFIX_LEN]);
	p.app = nla_get_u16(tb[APPFW_A_PREFIX_APP]);
	if (afw_prefix_check(&p, NULL))
		return -EINVAL;
	if (!k.prefixes && afw_prefix_builder_new(&k.prefixes, NULL))
		return -ENOMEM;
	return afw_prefix_builder_add(k.prefixes, &p);
}

static int commit(void)
{
	struct afw_domain_table *dt = NULL;
	struct afw_prefix_table *pt = NULL;
	double t0 = now();
	int err = 0;

	if (k.domains)
		err = afw_domain_build(k.domains, &dt);
	if (!err && k.prefixes)
		err = afw_prefix_build(k.prefixes, &pt);
	k.commit_s += now() - t0;
	afw_domain_table_free(dt);
	afw_prefix_table_free(pt);
	return err;
}

static int module_msg(struct nl_msg *msg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct genlmsghdr *gh = nlmsg_data(nlh);
	int attr = 0, rem, err = 0;
	struct nlattr *list, *entry;
	double t0 = now();

	k.msgs++;
	k.bytes += nlh->nlmsg_len;
	if (nlh->nlmsg_len > k.max_bytes)
		k.max_bytes = nlh->nlmsg_len;
	if (gh->cmd == APPFW_CMD_COMMIT)
		return commit();
	if (gh->cmd == APPFW_CMD_NEW_DOMAIN)
		attr = APPFW_A_DOMAINS;
	else if (gh->cmd == APPFW_CMD_NEW_PREFIX)
		attr = APPFW_A_PREFIXES;
	list = attr ? nlmsg_find_attr(nlh, GENL_HDRLEN, attr) : NULL;
	if (list) {
		nla_for_each_nested(entry, list, rem) {
			err = attr == APPFW_A_DOMAINS ? domain_entry(entry) :
			      prefix_entry(entry);
			if (err)
				break;
			k.entries++;
		}
	}
	k.kernel_s += now() - t0;
	return err;
}

/* --- The socket, replaced: every request is answered at once. */

int afw_genl_open(struct afw_genl *g)
{
	return afw_genl_open_family(g, "appfw");
}

int afw_genl_open_family(struct afw_genl *g, const char *name)
{
	(void)name;
	memset(g, 0, sizeof(*g));
	g->sock = (struct nl_sock *)&k;	/* only ever compared with NULL */
	g->family = 1;
	return 0;
}

void afw_genl_close(struct afw_genl *g)
{
	g->sock = NULL;
}

struct nl_msg *afw_genl_msg(struct afw_genl *g, uint8_t cmd, int flags)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (msg && !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, g->family, 0,
				flags, cmd, APPFW_GENL_VERSION)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

/* A reply is due for every request; the first error is kept for it. */
int afw_genl_send(struct afw_genl *g, struct nl_msg *msg)
{
	int err = module_msg(msg);

	(void)g;
	if (err && !k.err)
		k.err = err;
	return 0;
}

int afw_genl_recv(struct afw_genl *g, afw_genl_cb cb, void *arg)
{
	int err = k.err;

	(void)g, (void)cb, (void)arg;
	k.err = 0;
	return err;
}

/* Dumps (the apps at BEGIN) come back empty: the policy starts empty. */
int afw_genl_talk(struct afw_genl *g, struct nl_msg *msg, afw_genl_cb cb,
		  void *arg)
{
	int err = afw_genl_send(g, msg);

	nlmsg_free(msg);
	return err ? err : afw_genl_recv(g, cb, arg);
}

int afw_genl_join(struct afw_genl *g, const char *group)
{
	(void)g, (void)group;
	return -EOPNOTSUPP;
}

void afw_genl_perror(const struct afw_genl *g, int err, const char *what)
{
	(void)g;
	afw_log("%s: %s", what, strerror(-err));
}

void afw_genl_extack(const struct nlmsghdr *nlh, char *buf, size_t size)
{
	(void)nlh;
	if (size)
		buf[0] = '\0';
}

uint32_t afw_genl_extack_offset(const struct nlmsghdr *nlh)
{
	(void)nlh;
	return 0;
}

/* --- The runs. */

/* Seconds to parse file into a policy, as restore does first. */
static double parse_only(const char *file)
{
	struct afw_policyfile_error perr;
	struct afw_policy pol;
	FILE *fp = fopen(file, "re");
	double t0 = now();
	int err;

	if (!fp)
		return -1;
	afw_policy_init(&pol);
	err = afw_policyfile_read(fp, &pol, &perr);
	t0 = now() - t0;
	fclose(fp);
	afw_policy_free(&pol);
	return err ? -1 : t0;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int main(int argc, char *argv[])
{
	char *args[] = { "appfw", "restore", NULL, NULL };
	double total[16], module[16], build[16], parse[16];
	int rounds = argc > 2 ? atoi(argv[2]) : 3, r;
	size_t n = 0;

	if (argc < 2 || rounds < 1 || rounds > 16) {
		fprintf(stderr, "usage: bench-restore FILE [ROUNDS (1..16)]\n");
		return 2;
	}
	afw_log_init("bench-restore", NULL);
	print_set_output(stdout);
	args[2] = argv[1];
	for (r = 0; r < rounds; r++) {
		double t0;

		afw_domain_builder_free(k.domains);
		afw_prefix_builder_free(k.prefixes);
		memset(&k, 0, sizeof(k));
		t0 = now();
		if (appfw_run(3, args))
			return 1;
		total[r] = now() - t0;
		module[r] = k.kernel_s;
		build[r] = k.commit_s;
		n = k.entries;
		parse[r] = parse_only(argv[1]);
		printf("# round %d: %.3f s, module's edits %.3f s, commit %.3f s; parsing alone %.3f s\n",
		       r, total[r], module[r], build[r], parse[r]);
	}
	qsort(total, (size_t)rounds, sizeof(double), cmp);
	qsort(module, (size_t)rounds, sizeof(double), cmp);
	qsort(build, (size_t)rounds, sizeof(double), cmp);
	qsort(parse, (size_t)rounds, sizeof(double), cmp);
	r = rounds / 2;
	printf("entries %zu, messages %zu, %.0f entries and %.0f bytes per message (largest %zu)\n",
	       n, k.msgs, (double)n / (double)k.msgs,
	       (double)k.bytes / (double)k.msgs, k.max_bytes);
	printf("median of %d: total %.3f s = CLI %.3f s + module edits %.3f s + commit build %.3f s\n",
	       rounds, total[r], total[r] - module[r] - build[r], module[r],
	       build[r]);
	printf("per entry: CLI %.0f ns (parsing the file %.0f ns), module edits %.0f ns, commit build %.0f ns\n",
	       (total[r] - module[r] - build[r]) * 1e9 / (double)n,
	       parse[r] * 1e9 / (double)n,
	       module[r] * 1e9 / (double)n, build[r] * 1e9 / (double)n);
	return 0;
}
