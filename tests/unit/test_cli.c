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
#include <unistd.h>

#include <linux/appfw.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <linux/netfilter.h>

#include "../../userspace/appfw/cli.h"
#include "log.h"
#include "policyfile.h"
#include "print.h"
#include "../../userspace/appfw/status.h"
#include "cli_run.h"
#include "reply.h"
#include "unit.h"

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
	struct nl_msg *msg = unit_reply(APPFW_CMD_GET_STATUS);
	struct nlattr *list, *entry;

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

	return unit_parse(msg, appfw_status_parse, &st);
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
	msg = unit_reply(APPFW_CMD_GET_STATUS);
	nla_put_string(msg, APPFW_A_VERSION, "0.1.0");
	CHECK_INT(parse_reply(msg), -EPROTO);

	/* The wrong command. */
	msg = status_reply("0.1.0", four_hooks, 4);
	((struct genlmsghdr *)nlmsg_data(nlmsg_hdr(msg)))->cmd = APPFW_CMD_UNSPEC;
	CHECK_INT(parse_reply(msg), -EPROTO);

	/* A version without its NUL, and one longer than we keep. */
	msg = unit_reply(APPFW_CMD_GET_STATUS);
	nla_put(msg, APPFW_A_VERSION, sizeof(unterminated), unterminated);
	nla_put(msg, APPFW_A_HOOKS, 0, NULL);
	CHECK_INT(parse_reply(msg), -EPROTO);
	CHECK_INT(parse_reply(status_reply("0123456789012345678901234567890123456789",
					   four_hooks, 4)),
		  -EPROTO);

	/* A hook without its bytes, and one whose family is empty. */
	for (int variant = 0; variant < 2; variant++) {
		msg = unit_reply(APPFW_CMD_GET_STATUS);
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

/*
 * Every command's arguments, refused before any kernel is asked: each
 * case is the command line, the exit code and the exact error output.
 */
struct usage_case {
	const char *args[8];
	int ret;
	const char *err;
};

#define NEW_USAGE "Usage: appfw new NAME [--id N] [--action ACTION] [--domain SUFFIX]... [--host NAME]... [--prefix CIDR]...\n"
#define LEARNED_USAGE "Usage: appfw learned [flush] [APP] [-j|--json]\n"
#define CONFIG_USAGE "Usage: appfw config [--mark-mask HEX] [--skb-mark on|off] [--depth N] [--fail-closed on|off] [--learn on|off] [-j|--json]\n"
#define NAME_CHARS "use only a-z, 0-9, '_', '.', '-'"

static const struct usage_case usage_cases[] = {
	{ { "new" }, 2, "appfw: new: app name missing\n" NEW_USAGE },
	{ { "new", "-j" }, 2, "appfw: new: app name missing\n" NEW_USAGE },
	{ { "new", "WeChat" }, 2,
	  "appfw: new: bad app name \"WeChat\": app names are lowercase (\"wechat\")\n" },
	{ { "new", "" }, 2, "appfw: new: bad app name \"\": empty name\n" },
	{ { "new", "abcdefghijklmnopqrstuvwxyz012345" }, 2,
	  "appfw: new: bad app name \"abcdefghijklmnopqrstuvwxyz012345\": longer than 31 characters\n" },
	{ { "new", "a", "b" }, 2,
	  "appfw: new: unexpected argument 'b'\n" NEW_USAGE },
	{ { "new", "a", "--frob" }, 2,
	  "appfw: new: unknown option '--frob'\n" NEW_USAGE },
	{ { "new", "a", "--domainx", "qq.com" }, 2,
	  "appfw: new: unknown option '--domainx'\n" NEW_USAGE },
	{ { "new", "a", "--id" }, 2,
	  "appfw: new: option '--id' needs a value\n" NEW_USAGE },
	{ { "new", "a", "--domain" }, 2,
	  "appfw: new: option '--domain' needs a value\n" NEW_USAGE },
	{ { "new", "a", "--id", "0" }, 2,
	  "appfw: new: bad app id \"0\": use 1 to 32767\n" },
	{ { "new", "a", "--id=40000" }, 2,
	  "appfw: new: bad app id \"40000\": use 1 to 32767\n" },
	{ { "new", "a", "--id", "1", "--id", "2" }, 2,
	  "appfw: new: option '--id' given twice\n" NEW_USAGE },
	{ { "new", "a", "--action", "drop" }, 2,
	  "appfw: new: bad action \"drop\": use block, reject, allow or monitor\n" },
	{ { "new", "a", "--action", "block", "--action=allow" }, 2,
	  "appfw: new: option '--action' given twice\n" NEW_USAGE },
	{ { "new", "a", "--domain", "192.0.2.1" }, 2,
	  "appfw: new: bad domain \"192.0.2.1\": last label is all digits (an IP address?)\n" },
	{ { "new", "a", "--host=a..b" }, 2,
	  "appfw: new: bad host \"a..b\": empty label\n" },
	{ { "new", "--prefix", "10.0.0.1/8", "a" }, 2,
	  "appfw: new: bad prefix \"10.0.0.1/8\": host bits set, did you mean 10.0.0.0/8?\n" },
	{ { "new", "a", "--prefix", "2001:db8::/129" }, 2,
	  "appfw: new: bad prefix \"2001:db8::/129\": prefix length is not 0 to 128\n" },
	{ { "new", "a", "--prefix=10.0.0.0/8", "--prefix", "10.0.0.0/8" }, 2,
	  "appfw: new: prefix 10.0.0.0/8 given twice\n" },
	{ { "new", "a", "--domain", "qq.com", "--domain", "QQ.com." }, 2,
	  "appfw: new: domain \"qq.com\" given twice\n" },
	{ { "new", "a", "--host", "qq.com", "--host", "qq.com" }, 2,
	  "appfw: new: host \"qq.com\" given twice\n" },

	{ { "del" }, 2, "appfw: del: app name missing\nUsage: appfw del NAME...\n" },
	{ { "del", "a", "B+" }, 2,
	  "appfw: del: bad app name \"B+\": " NAME_CHARS "\n" },
	{ { "del", "a", "-x" }, 2,
	  "appfw: del: unknown option '-x'\nUsage: appfw del NAME...\n" },
	{ { "block" }, 2,
	  "appfw: block: app name missing\nUsage: appfw block|reject|allow|monitor NAME...\n" },
	{ { "reject", "a b" }, 2,
	  "appfw: reject: bad app name \"a b\": " NAME_CHARS "\n" },
	{ { "allow", "x", "--now" }, 2,
	  "appfw: allow: unknown option '--now'\nUsage: appfw block|reject|allow|monitor NAME...\n" },
	{ { "monitor", "X/" }, 2,
	  "appfw: monitor: bad app name \"X/\": " NAME_CHARS "\n" },
	{ { "monitor", "-x" }, 2,
	  "appfw: monitor: unknown option '-x'\nUsage: appfw monitor [-j|--json] [NAME...]\n" },

	{ { "list", "wechat" }, 2,
	  "appfw: list: unexpected argument 'wechat'\nUsage: appfw list [-j|--json]\n" },
	{ { "show" }, 2,
	  "appfw: show: app name missing\nUsage: appfw show NAME [-j|--json]\n" },
	{ { "show", "a", "b" }, 2,
	  "appfw: show: unexpected argument 'b'\nUsage: appfw show NAME [-j|--json]\n" },
	{ { "show", "A:" }, 2, "appfw: show: bad app name \"A:\": " NAME_CHARS "\n" },
	{ { "test" }, 2,
	  "appfw: test: argument missing\nUsage: appfw test NAME|ADDRESS [-j|--json]\n" },
	{ { "test", "a..b" }, 2,
	  "appfw: test: bad name or address \"a..b\": empty label\n" },
	{ { "test", "192.0.2.0/24" }, 2,
	  "appfw: test: bad name or address \"192.0.2.0/24\": character other than letter, digit, '-', '_', '.'\n" },
	{ { "test", "a.com", "b.com" }, 2,
	  "appfw: test: unexpected argument 'b.com'\nUsage: appfw test NAME|ADDRESS [-j|--json]\n" },

	{ { "learned", "a", "b" }, 2,
	  "appfw: learned: unexpected argument 'b'\n" LEARNED_USAGE },
	{ { "learned", "flush", "a", "b" }, 2,
	  "appfw: learned: unexpected argument 'b'\n" LEARNED_USAGE },
	{ { "learned", "A:" }, 2, "appfw: learned: bad app name \"A:\": " NAME_CHARS "\n" },
	{ { "learned", "--frob" }, 2,
	  "appfw: learned: unknown option '--frob'\n" LEARNED_USAGE },

	{ { "config", "depth" }, 2,
	  "appfw: config: unexpected argument 'depth'\n" CONFIG_USAGE },
	{ { "config", "--depth" }, 2,
	  "appfw: config: option '--depth' needs a value\n" CONFIG_USAGE },
	{ { "config", "--depth", "0" }, 2,
	  "appfw: config: bad depth \"0\": use 1 to 32\n" },
	{ { "config", "--depth=33" }, 2,
	  "appfw: config: bad depth \"33\": use 1 to 32\n" },
	{ { "config", "--mark-mask", "0x7" }, 2,
	  "appfw: config: bad mark-mask \"0x7\": fewer than 4 bits\n" },
	{ { "config", "--mark-mask", "0xf0f0" }, 2,
	  "appfw: config: bad mark-mask \"0xf0f0\": the bits must be contiguous\n" },
	{ { "config", "--skb-mark", "yes" }, 2,
	  "appfw: config: bad skb-mark \"yes\": use on or off\n" },
	{ { "config", "--fail-closed", "yes" }, 2,
	  "appfw: config: bad fail-closed \"yes\": use on or off\n" },
	{ { "config", "--learn", "1" }, 2,
	  "appfw: config: bad learn \"1\": use on or off\n" },
	{ { "config", "--learn" }, 2,
	  "appfw: config: option '--learn' needs a value\n" CONFIG_USAGE },
	{ { "config", "--frob" }, 2,
	  "appfw: config: unknown option '--frob'\n" CONFIG_USAGE },

	{ { "save", "a", "b" }, 2,
	  "appfw: save: unexpected argument 'b'\nUsage: appfw save [FILE]\n" },
	{ { "restore", "a", "b" }, 2,
	  "appfw: restore: unexpected argument 'b'\nUsage: appfw restore [FILE]\n" },
	{ { "restore", "/nonexistent/policy.txt" }, 1,
	  "appfw: restore: cannot open /nonexistent/policy.txt: No such file or directory\n" },
	{ { "restore", "--force" }, 2,
	  "appfw: restore: unknown option '--force'\nUsage: appfw restore [FILE]\n" },
	{ { "flush", "all" }, 2,
	  "appfw: flush: unexpected argument 'all'\nUsage: appfw flush\n" },
	{ { "status", "x" }, 2,
	  "appfw: status: unexpected argument 'x'\nUsage: appfw status [-j|--json]\n" },
};

TEST(cli_command_usage_errors)
{
	for (size_t i = 0; i < sizeof(usage_cases) / sizeof(usage_cases[0]); i++) {
		const struct usage_case *c = &usage_cases[i];
		struct run r;

		r = run_appfw(c->args);
		if (r.ret != c->ret || strcmp(r.err, c->err) || r.out[0])
			printf("    case %zu: appfw %s %s ...\n", i, c->args[0],
			       c->args[1] ? c->args[1] : "");
		CHECK_INT(r.ret, c->ret);
		CHECK_STR(r.err, c->err);
		CHECK_STR(r.out, "");
		run_free(&r);
	}
}

TEST(cli_command_help)
{
	static const char *const commands[] = {
		"new", "del", "block", "reject", "allow", "monitor", "list",
		"show", "test", "config", "save", "restore", "flush", "status",
	};
	char want[64];

	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		struct run r = run_appfw((const char *[]){ commands[i], "--help",
							   NULL });
		const char *name = commands[i];

		if (!strcmp(name, "block") || !strcmp(name, "reject") ||
		    !strcmp(name, "allow"))
			name = "block|";
		snprintf(want, sizeof(want), "Usage: appfw %s", name);
		CHECK_INT(r.ret, 0);
		CHECK(starts_with(r.out, want));
		CHECK_STR(r.err, "");
		run_free(&r);
		r = run_appfw((const char *[]){ commands[i], "-h", NULL });
		CHECK_INT(r.ret, 0);
		CHECK(starts_with(r.out, want));
		run_free(&r);
	}
	/* Help ends the parse, even after arguments: nothing is done. */
	for (size_t i = 0; i < 6; i++) {
		struct run r = run_appfw((const char *[]){ commands[i], "x", "-h",
							   NULL });

		CHECK_INT(r.ret, 0);
		CHECK(starts_with(r.out, "Usage: appfw "));
		CHECK_STR(r.err, "");
		run_free(&r);
	}
	/* Every command is in the overview. */
	{
		struct run r = run_appfw((const char *[]){ "--help", NULL });

		for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
			snprintf(want, sizeof(want), "\n  %s ", commands[i]);
			CHECK(strstr(r.out, want));
		}
		run_free(&r);
	}
}

TEST(cli_restore_bad_file)
{
	char path[] = "/tmp/appfw-unit-XXXXXX";
	char want[160];
	int fd = mkstemp(path);
	struct run r;
	FILE *fp;

	CHECK(fd >= 0);
	if (fd < 0)
		return;
	fp = fdopen(fd, "w");
	fputs("app wechat 1 block\n# fine so far\nprefix wechat 10.0.0.1/8\n", fp);
	fclose(fp);
	/* The file is read whole before the kernel is asked anything. */
	r = run_appfw((const char *[]){ "restore", path, NULL });
	snprintf(want, sizeof(want),
		 "appfw: %s:3: bad prefix \"10.0.0.1/8\": host bits set, did you mean 10.0.0.0/8?\n",
		 path);
	CHECK_INT(r.ret, 1);
	CHECK_STR(r.err, want);
	CHECK_STR(r.out, "");
	run_free(&r);
	unlink(path);
}

/* With no FILE both use the policy file; "-" is standard input or output. */
TEST(cli_save_restore_default_file)
{
	static const char bad[] = "app wechat 1 block\n\nprefix wechat 10.0.0.1/8\n";
	char path[] = "/tmp/appfw-unit-XXXXXX";
	int fd = mkstemp(path), saved_stdin = dup(STDIN_FILENO);
	struct run r;

	r = run_appfw((const char *[]){ "save", "--help", NULL });
	CHECK(strstr(r.out, "FILE defaults to " AFW_POLICY_FILE ","));
	CHECK(strstr(r.out, "- is standard output"));
	run_free(&r);
	r = run_appfw((const char *[]){ "restore", "--help", NULL });
	CHECK(strstr(r.out, "(default " AFW_POLICY_FILE ", - for standard input)"));
	run_free(&r);

	/* Only where the host has no policy file: never read a real one. */
	if (access(AFW_POLICY_FILE, F_OK) && errno == ENOENT) {
		r = run_appfw((const char *[]){ "restore", NULL });
		CHECK_INT(r.ret, 1);
		CHECK_STR(r.err, "appfw: restore: cannot open " AFW_POLICY_FILE
				 ": No such file or directory\n");
		run_free(&r);
	}

	CHECK(fd >= 0 && saved_stdin >= 0);
	if (fd < 0 || saved_stdin < 0)
		goto out;
	CHECK_INT(write(fd, bad, sizeof(bad) - 1), (int)(sizeof(bad) - 1));
	lseek(fd, 0, SEEK_SET);
	dup2(fd, STDIN_FILENO);
	r = run_appfw((const char *[]){ "restore", "-", NULL });
	dup2(saved_stdin, STDIN_FILENO);
	clearerr(stdin);
	CHECK_INT(r.ret, 1);
	CHECK_STR(r.err, "appfw: <stdin>:3: bad prefix \"10.0.0.1/8\": host bits set, did you mean 10.0.0.0/8?\n");
	run_free(&r);
out:
	if (fd >= 0) {
		close(fd);
		unlink(path);
	}
	if (saved_stdin >= 0)
		close(saved_stdin);
}
