// SPDX-License-Identifier: GPL-2.0
/*
 * The appfw command line without a kernel: global options, the command
 * table, usage errors and their exit codes; and `appfw status` fed crafted
 * replies, well-formed and not.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/appfw.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <linux/netfilter.h>

#include "../../userspace/appfw/cli.h"
#include "log.h"
#include "print.h"
#include "../../userspace/appfw/status.h"
#include "unit.h"

struct run {
	int ret;
	char *out;
	char *err;
};

/* Runs appfw with argv (NULL-terminated, without the program name),
 * capturing what it prints. */
static struct run run_appfw(const char *const *args)
{
	char *argv[16] = { "appfw" };
	size_t out_len, err_len;
	int argc = 1;
	FILE *out, *err;
	struct run r;

	while (args[argc - 1] && argc < 15) {
		argv[argc] = (char *)args[argc - 1];
		argc++;
	}
	out = open_memstream(&r.out, &out_len);
	err = open_memstream(&r.err, &err_len);
	print_set_output(out);
	afw_log_init("appfw", err);
	r.ret = appfw_run(argc, argv);
	fclose(out);
	fclose(err);
	print_set_output(NULL);
	print_set_json(false);
	afw_log_init("appfw", NULL);
	return r;
}

static void run_free(struct run *r)
{
	free(r->out);
	free(r->err);
}

static bool starts_with(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

TEST(cli_help_and_version)
{
	struct run r;

	r = run_appfw((const char *[]){ "--help", NULL });
	CHECK_INT(r.ret, 0);
	CHECK(starts_with(r.out, "Usage: appfw [OPTIONS] COMMAND [ARGS]...\n"));
	CHECK(strstr(r.out, "\n  status "));
	CHECK_STR(r.err, "");
	run_free(&r);

	r = run_appfw((const char *[]){ "help", NULL });
	CHECK_INT(r.ret, 0);
	CHECK(starts_with(r.out, "Usage: appfw "));
	run_free(&r);

	r = run_appfw((const char *[]){ "-V", NULL });
	CHECK_INT(r.ret, 0);
	CHECK_STR(r.out, "appfw 0.1.0\n");
	run_free(&r);

	r = run_appfw((const char *[]){ "status", "--help", NULL });
	CHECK_INT(r.ret, 0);
	CHECK(starts_with(r.out, "Usage: appfw status [-j|--json]\n"));
	CHECK_STR(r.err, "");
	run_free(&r);
}

TEST(cli_usage_errors)
{
	struct run r;

	r = run_appfw((const char *[]){ NULL });
	CHECK_INT(r.ret, 2);
	CHECK_STR(r.out, "");
	CHECK(starts_with(r.err, "Usage: appfw "));
	run_free(&r);

	r = run_appfw((const char *[]){ "bogus", NULL });
	CHECK_INT(r.ret, 2);
	CHECK(starts_with(r.err, "appfw: unknown command 'bogus'\nUsage: appfw "));
	run_free(&r);

	r = run_appfw((const char *[]){ "-x", "status", NULL });
	CHECK_INT(r.ret, 2);
	CHECK(starts_with(r.err, "appfw: unknown option '-x'\nUsage: appfw "));
	run_free(&r);

	/* Only "--" ends the global options; a command after it still runs. */
	r = run_appfw((const char *[]){ "-j", "--", NULL });
	CHECK_INT(r.ret, 2);
	run_free(&r);

	r = run_appfw((const char *[]){ "status", "-x", NULL });
	CHECK_INT(r.ret, 2);
	CHECK_STR(r.err, "appfw: status: unknown option '-x'\n"
			 "Usage: appfw status [-j|--json]\n");
	CHECK_STR(r.out, "");
	run_free(&r);

	r = run_appfw((const char *[]){ "-j", "status", "-j", "extra", NULL });
	CHECK_INT(r.ret, 2);
	CHECK_STR(r.err, "appfw: status: unexpected argument 'extra'\n"
			 "Usage: appfw status [-j|--json]\n");
	run_free(&r);

	r = run_appfw((const char *[]){ "status", "--", "-j", NULL });
	CHECK_INT(r.ret, 2);
	CHECK_STR(r.err, "appfw: status: unknown option '-j'\n"
			 "Usage: appfw status [-j|--json]\n");
	run_free(&r);
}

struct hook_spec {
	uint8_t family, hook;
	uint64_t packets, bytes;
};

/* A GET_STATUS reply as the module builds it, nla_put_u64_64bit's
 * padding included. */
static struct nl_msg *status_reply(const char *version,
				   const struct hook_spec *hooks, int n)
{
	struct nl_msg *msg = nlmsg_alloc();
	struct nlattr *list, *entry;

	genlmsg_put(msg, 0, 1, 0x1234, 0, 0, APPFW_CMD_GET_STATUS,
		    APPFW_GENL_VERSION);
	if (version)
		nla_put_string(msg, APPFW_A_VERSION, version);
	/* libnl drops a nest left empty, the kernel does not: put that one
	 * by hand. */
	if (!n) {
		nla_put(msg, APPFW_A_HOOKS, 0, NULL);
		return msg;
	}
	list = nla_nest_start(msg, APPFW_A_HOOKS);
	for (int i = 0; i < n; i++) {
		entry = nla_nest_start(msg, 0);
		nla_put_u8(msg, APPFW_A_HOOK_FAMILY, hooks[i].family);
		nla_put_u8(msg, APPFW_A_HOOK_NUM, hooks[i].hook);
		nla_put(msg, APPFW_A_HOOK_PAD, 0, NULL);
		nla_put_u64(msg, APPFW_A_HOOK_PACKETS, hooks[i].packets);
		nla_put_u64(msg, APPFW_A_HOOK_BYTES, hooks[i].bytes);
		nla_nest_end(msg, entry);
	}
	nla_nest_end(msg, list);
	return msg;
}

/* Out of order on purpose: the output is sorted. */
static const struct hook_spec four_hooks[] = {
	{ NFPROTO_IPV6, NF_INET_LOCAL_OUT, 7, 700 },
	{ NFPROTO_IPV4, NF_INET_LOCAL_OUT, 3, 252 },
	{ NFPROTO_IPV6, NF_INET_FORWARD, 0, 0 },
	{ NFPROTO_IPV4, NF_INET_FORWARD, 18446744073709551615ULL, 1 },
};

static char *status_output(struct appfw_status *st, bool json, int *ret)
{
	size_t len;
	char *buf;
	FILE *fp = open_memstream(&buf, &len);

	print_set_output(fp);
	print_set_json(json);
	*ret = appfw_status_print(st);
	fclose(fp);
	print_set_output(NULL);
	print_set_json(false);
	return buf;
}

TEST(cli_status_output)
{
	struct nl_msg *msg = status_reply("0.1.0", four_hooks, 4);
	struct appfw_status st = { 0 };
	char *out;
	int ret;

	CHECK_INT(appfw_status_parse(nlmsg_hdr(msg), &st), 0);
	nlmsg_free(msg);
	CHECK(st.received);
	CHECK_INT(st.nhooks, 4);

	out = status_output(&st, true, &ret);
	CHECK_INT(ret, 0);
	CHECK_STR(out, "{\"version\":\"0.1.0\",\"module_version\":\"0.1.0\",\"hooks\":["
		       "{\"family\":\"ipv4\",\"hook\":\"forward\",\"packets\":18446744073709551615,\"bytes\":1},"
		       "{\"family\":\"ipv4\",\"hook\":\"local_out\",\"packets\":3,\"bytes\":252},"
		       "{\"family\":\"ipv6\",\"hook\":\"forward\",\"packets\":0,\"bytes\":0},"
		       "{\"family\":\"ipv6\",\"hook\":\"local_out\",\"packets\":7,\"bytes\":700}]}\n");
	free(out);

	out = status_output(&st, false, &ret);
	CHECK_INT(ret, 0);
	CHECK_STR(out, "version: 0.1.0\n"
		       "module version: 0.1.0\n"
		       "ipv4 forward: 18446744073709551615 packets, 1 bytes\n"
		       "ipv4 local_out: 3 packets, 252 bytes\n"
		       "ipv6 forward: 0 packets, 0 bytes\n"
		       "ipv6 local_out: 7 packets, 700 bytes\n");
	free(out);
}

TEST(cli_status_unknown_values_and_no_hooks)
{
	static const struct hook_spec odd[] = { { 255, 200, 1, 2 } };
	struct nl_msg *msg = status_reply("9.9.9-\"new\"", odd, 1);
	struct appfw_status st = { 0 };
	char *out;
	int ret;

	CHECK_INT(appfw_status_parse(nlmsg_hdr(msg), &st), 0);
	nlmsg_free(msg);
	out = status_output(&st, true, &ret);
	CHECK_STR(out, "{\"version\":\"0.1.0\",\"module_version\":\"9.9.9-\\\"new\\\"\",\"hooks\":["
		       "{\"family\":\"255\",\"hook\":\"200\",\"packets\":1,\"bytes\":2}]}\n");
	free(out);

	msg = status_reply("0.1.0", NULL, 0);
	memset(&st, 0, sizeof(st));
	CHECK_INT(appfw_status_parse(nlmsg_hdr(msg), &st), 0);
	nlmsg_free(msg);
	out = status_output(&st, true, &ret);
	CHECK_STR(out, "{\"version\":\"0.1.0\",\"module_version\":\"0.1.0\",\"hooks\":[]}\n");
	free(out);
}

static int parse_reply(struct nl_msg *msg)
{
	struct appfw_status st = { 0 };
	int ret = appfw_status_parse(nlmsg_hdr(msg), &st);

	nlmsg_free(msg);
	return ret;
}

TEST(cli_status_malformed_replies)
{
	struct hook_spec many[APPFW_STATUS_MAX_HOOKS + 1] = { { 0 } };
	struct nl_msg *msg;
	struct nlattr *list, *entry;
	char unterminated[3] = { '0', '.', '1' };

	CHECK_INT(parse_reply(status_reply(NULL, four_hooks, 4)), -EPROTO);
	CHECK_INT(parse_reply(status_reply("0.1.0", many, APPFW_STATUS_MAX_HOOKS + 1)),
		  -EPROTO);
	CHECK_INT(parse_reply(status_reply("0.1.0", many, APPFW_STATUS_MAX_HOOKS)),
		  0);

	/* No APPFW_A_HOOKS at all. */
	msg = nlmsg_alloc();
	genlmsg_put(msg, 0, 1, 0x1234, 0, 0, APPFW_CMD_GET_STATUS, 1);
	nla_put_string(msg, APPFW_A_VERSION, "0.1.0");
	CHECK_INT(parse_reply(msg), -EPROTO);

	/* The wrong command. */
	msg = status_reply("0.1.0", four_hooks, 4);
	((struct genlmsghdr *)nlmsg_data(nlmsg_hdr(msg)))->cmd = APPFW_CMD_UNSPEC;
	CHECK_INT(parse_reply(msg), -EPROTO);

	/* A version without its NUL, and one longer than we keep. */
	msg = nlmsg_alloc();
	genlmsg_put(msg, 0, 1, 0x1234, 0, 0, APPFW_CMD_GET_STATUS, 1);
	nla_put(msg, APPFW_A_VERSION, sizeof(unterminated), unterminated);
	nla_put(msg, APPFW_A_HOOKS, 0, NULL);
	CHECK_INT(parse_reply(msg), -EPROTO);
	CHECK_INT(parse_reply(status_reply("0123456789012345678901234567890123456789",
					   four_hooks, 4)),
		  -EPROTO);

	/* A hook without its bytes, and one whose family is empty. */
	for (int variant = 0; variant < 2; variant++) {
		msg = nlmsg_alloc();
		genlmsg_put(msg, 0, 1, 0x1234, 0, 0, APPFW_CMD_GET_STATUS, 1);
		nla_put_string(msg, APPFW_A_VERSION, "0.1.0");
		list = nla_nest_start(msg, APPFW_A_HOOKS);
		entry = nla_nest_start(msg, 0);
		if (variant)
			nla_put(msg, APPFW_A_HOOK_FAMILY, 0, NULL);
		else
			nla_put_u8(msg, APPFW_A_HOOK_FAMILY, NFPROTO_IPV4);
		nla_put_u8(msg, APPFW_A_HOOK_NUM, NF_INET_FORWARD);
		nla_put_u64(msg, APPFW_A_HOOK_PACKETS, 1);
		if (variant)
			nla_put_u64(msg, APPFW_A_HOOK_BYTES, 1);
		nla_nest_end(msg, entry);
		nla_nest_end(msg, list);
		CHECK_INT(parse_reply(msg), -EPROTO);
	}
}
