// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the command lines of appfw (every command's option
 * and argument parsing, through appfw_run) and appfwd (appfwd_parse_args).
 * No crash, no leak, an exit code of 0, 1 or 2, and for appfwd a config
 * that keeps its promises.
 *
 * It must never change the host, and the fuzz tier may run as root, so
 * the kernel is out of reach: this file defines the afw_genl_* functions
 * (genl.c is not linked) and they fail as if the module were not loaded.
 * Every command parses all of its arguments before it opens the socket,
 * so parsing is what gets fuzzed; restore also reads its file, and add
 * and apps the catalog. Files: the target works in an empty temporary
 * directory, an argument's leading '/' becomes '_' and each ".." "._"
 * (so only names in there can be opened; "-" is standard input,
 * /dev/null), the default policy file
 * and the local catalog are relative names (fuzz-cflags), and the
 * catalog is a small one written there at start (relative paths on the
 * fuzzer's own command line still work: they are made absolute first).
 *
 * The sources are listed one by one on purpose: nothing that was not
 * looked at runs as root under the fuzzer. A new command's file goes in
 * the list (the link fails until it does), and in commands[] below.
 *
 * Input: byte 0 picks appfwd (0), appfw with the words alone (1), or
 * appfw COMMAND (2 on, in the order of commands[]: new ones go last so
 * the seeds keep their meaning); the rest are the words, separated by
 * NUL bytes.
 *
 * fuzz-sources: userspace/appfw/action.c userspace/appfw/add.c userspace/appfw/apps.c userspace/appfw/cli.c userspace/appfw/config.c userspace/appfw/del.c userspace/appfw/edit.c userspace/appfw/event.c userspace/appfw/flush.c userspace/appfw/kernel.c userspace/appfw/learned.c userspace/appfw/list.c userspace/appfw/monitor.c userspace/appfw/new.c userspace/appfw/restore.c userspace/appfw/save.c userspace/appfw/show.c userspace/appfw/status.c userspace/appfw/test.c userspace/appfwd/args.c userspace/lib/batch.c userspace/lib/catalog.c userspace/lib/catalogcheck.c userspace/lib/catalogfile.c userspace/lib/log.c userspace/lib/policy.c userspace/lib/policyfile.c userspace/lib/print.c userspace/lib/syntax.c kmod/shared/domain.c kmod/shared/prefix.c
 * fuzz-cflags: -Iuserspace/appfw -DAFW_POLICY_FILE="policy.conf" -DAFW_CATALOG_LOCAL_DIR="local-catalog"
 * fuzz-pkgs: libnl-genl-3.0
 * fuzz-seeds: tests/fuzz/seeds/args
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../userspace/appfw/cli.h"
#include "../../userspace/appfwd/args.h"
#include "../../userspace/appfwd/engine.h"
#include "../../userspace/appfwd/rules.h"
#include "genl.h"
#include "log.h"
#include "print.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

#define WORDS_MAX 16

static const char *const commands[] = {
	"add", "apps", "new", "del", "block", "reject", "allow", "monitor",
	"list", "show", "test", "config", "save", "restore", "flush",
	"status", "help", "learned",
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static FILE *devnull;

/* --- The kernel, absent. */

int afw_genl_open(struct afw_genl *g)
{
	return afw_genl_open_family(g, "appfw");
}

int afw_genl_open_family(struct afw_genl *g, const char *name)
{
	(void)name;
	memset(g, 0, sizeof(*g));
	return -ENOENT;
}

void afw_genl_close(struct afw_genl *g)
{
	(void)g;
}

/* Nothing below is reached without a socket; failing is the safe side. */
struct nl_msg *afw_genl_msg(struct afw_genl *g, uint8_t cmd, int flags)
{
	(void)g, (void)cmd, (void)flags;
	return NULL;
}

int afw_genl_talk(struct afw_genl *g, struct nl_msg *msg, afw_genl_cb cb,
		  void *arg)
{
	(void)g, (void)cb, (void)arg;
	if (msg)
		nlmsg_free(msg);
	return -ENOTCONN;
}

int afw_genl_send(struct afw_genl *g, struct nl_msg *msg)
{
	(void)g, (void)msg;
	return -ENOTCONN;
}

int afw_genl_recv(struct afw_genl *g, afw_genl_cb cb, void *arg)
{
	(void)g, (void)cb, (void)arg;
	return -ENOTCONN;
}

int afw_genl_join(struct afw_genl *g, const char *group)
{
	(void)g, (void)group;
	return -ENOTCONN;
}

/*
 * appfwd's --version says what the build holds; linking the engine and
 * the capture reader for that would bring the whole agent in.
 */
bool afw_engine_has_quic(void)
{
	return true;
}

bool appfwd_has_pcap(void)
{
	return true;
}

void afw_genl_perror(const struct afw_genl *g, int err, const char *what)
{
	(void)g, (void)err;
	afw_log("%s: no kernel (fuzzing)", what);
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

/* --- The sandbox. */

static void write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	if (!fp || fputs(text, fp) < 0 || fclose(fp))
		abort();
}

/* A catalog of two apps and a group, in the format of userspace/catalog. */
static void make_catalog(void)
{
	if (mkdir("catalog", 0700) || mkdir("catalog/apps", 0700) ||
	    mkdir("catalog/groups", 0700))
		abort();
	write_file("catalog/apps/wechat.app",
		   "id = wechat\nname = WeChat\nvendor = Tencent\n"
		   "status = ok\nconfidence = high\n"
		   "domains = wechat.com weixin.qq.com\n"
		   "hosts = dns.weixin.qq.com\nipv4 = 203.0.113.0/24\n"
		   "ip_source = test\nsource = test\nnotes = test\n");
	write_file("catalog/apps/qq-mail.app",
		   "id = qq-mail\nname = QQ Mail\nvendor = Tencent\n"
		   "status = ok\nconfidence = high\n"
		   "domains = mail.qq.com\nshared_domains = qq.com\n"
		   "ip_source = test\nsource = test\nnotes = test\n");
	write_file("catalog/groups/tencent.group",
		   "id = tencent\nname = Tencent\napps = wechat qq-mail\n"
		   "source = test\nnotes = test\n");
	setenv("APPFW_CATALOG", "catalog", 1);
}

/* Relative paths of libFuzzer's command line (inputs, corpus
 * directories, a few options' values) made absolute before the chdir. */
static char *absolute(const char *cwd, const char *arg)
{
	static const char *const opts[] = {
		"-artifact_prefix=", "-exact_artifact_path=", "-dict=",
	};
	const char *path = arg;
	size_t opt = 0;
	char *abs;

	if (arg[0] == '-') {
		for (size_t i = 0; i < sizeof(opts) / sizeof(opts[0]); i++)
			if (!strncmp(arg, opts[i], strlen(opts[i])))
				opt = strlen(opts[i]);
		if (!opt)
			return (char *)arg;
		path += opt;
	}
	if (path[0] == '/' || !path[0])
		return (char *)arg;
	if (asprintf(&abs, "%.*s%s/%s", (int)opt, arg, cwd, path) < 0)
		abort();
	return abs;	/* kept for the process's life, as argv is */
}

static char sandbox[] = "/tmp/appfw-fuzz-args.XXXXXX";

/* What make_catalog wrote, and the sandbox; nothing else is created
 * there (save never reaches its write without a kernel). */
static void remove_sandbox(void)
{
	static const char *const paths[] = {
		"catalog/apps/wechat.app", "catalog/apps/qq-mail.app",
		"catalog/groups/tencent.group", "catalog/apps",
		"catalog/groups", "catalog",
	};

	if (chdir(sandbox))
		return;
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		remove(paths[i]);
	if (chdir("/") == 0)
		rmdir(sandbox);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char cwd[PATH_MAX];

	if (!getcwd(cwd, sizeof(cwd)))
		abort();
	for (int i = 1; i < *argc; i++)
		(*argv)[i] = absolute(cwd, (*argv)[i]);
	if (!mkdtemp(sandbox) || chdir(sandbox))
		abort();
	atexit(remove_sandbox);
	make_catalog();
	devnull = fopen("/dev/null", "w");
	if (!devnull || !freopen("/dev/null", "r", stdin))
		abort();
	return 0;
}

/* --- The runs. */

static void run_appfwd(int argc, char *argv[])
{
	struct appfwd_config cfg;
	int ret = appfwd_parse_args(argc, argv, &cfg, devnull);

	if (ret != 0 && ret != APPFWD_ARGS_HELP && ret != APPFWD_ARGS_BAD)
		abort();
	if (ret)
		return;
	if (cfg.nqueues < 1 || cfg.nqueues > APPFWD_MAX_QUEUES)
		abort();
	for (unsigned int i = 0; i < cfg.nqueues; i++)
		for (unsigned int j = 0; j < i; j++)
			if (cfg.queues[i] == cfg.queues[j])
				abort();
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char *argv[WORDS_MAX + 3] = { NULL };
	unsigned int mode;
	int argc = 0, ret;
	size_t i = 1;

	if (!size)
		return 0;
	mode = data[0] % (NCOMMANDS + 2);
	argv[argc++] = strdup(mode == 0 ? "appfwd" : "appfw");
	if (mode >= 2)
		argv[argc++] = strdup(commands[mode - 2]);
	while (i < size && argc < WORDS_MAX + 2) {
		const unsigned char *end = memchr(data + i, 0, size - i);
		size_t len = (end ? (size_t)(end - data) : size) - i;
		char *w = strndup((const char *)data + i, len);

		/* No path out of the sandbox: not from the root, not up. */
		if (w[0] == '/')
			w[0] = '_';
		for (char *p = w; (p = strstr(p, ".."));)
			p[1] = '_';
		argv[argc++] = w;
		i += len + 1;
	}

	print_set_output(devnull);
	afw_log_init("appfw", devnull);
	if (mode == 0) {
		run_appfwd(argc, argv);
	} else {
		ret = appfw_run(argc, argv);
		if (ret < 0 || ret > 2)
			abort();
	}
	print_set_output(NULL);
	print_set_json(false);
	for (int k = 0; k < argc; k++)
		free(argv[k]);
	return 0;
}
