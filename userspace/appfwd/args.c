// SPDX-License-Identifier: GPL-2.0
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "appfw_version.h"
#include "args.h"
#include "engine.h"
#include "log.h"
#include "rules.h"

static const char usage[] =
	"Usage: appfwd [--standalone [--policy FILE]] [-q NUM]... [--queues A-B] [--fail-open] [--no-gso]\n"
	"              [--dns-refuse[=nxdomain|zero]]\n"
	"       appfwd --pcap FILE [--policy FILE] [-j]\n"
	"       appfwd --print-rules [-q NUM | --queues A-B]\n"
	"\n"
	"Classifies what NFQUEUE hands it (QUIC Initials, TCP ClientHellos,\n"
	"DNS answers) and gives every packet a verdict, one thread per queue.\n"
	"Runs in the foreground and logs to stderr; SIGTERM or SIGINT stops it,\n"
	"SIGUSR1 logs each queue's counters, SIGHUP reloads --standalone's\n"
	"policy file (a file with an error changes nothing).\n"
	"\n"
	"By default it serves the appfw kernel module: it registers for its\n"
	"queues (a contiguous range, default 0) and tells the module what it\n"
	"decided; the module acts. --standalone needs no module: the policy\n"
	"file decides, and the rules from --print-rules act on the marks.\n"
	"\n"
	"  -q, --queue NUM   a queue to serve (0 to 65535); repeat for more\n"
	"  --queues A-B      queues A to B\n"
	"  --fail-open       let packets through while a queue is full\n"
	"  --no-gso          have the kernel segment GSO packets before queueing\n"
	"  --standalone      decide with the policy file, without the module\n"
	"  --policy FILE     the policy file (default " AFW_POLICY_FILE ")\n"
	"  --dns-refuse[=nxdomain|zero]\n"
	"                    DNS answers for names of blocked apps pass\n"
	"                    rewritten: NXDOMAIN (the default), or with their\n"
	"                    addresses as 0.0.0.0 and ::; attached, the module\n"
	"                    queues answers only with `appfw config --learn on`\n"
	"  --pcap FILE       classify a capture (pcap or pcapng) offline and\n"
	"                    print one line per flow\n"
	"  -j, --json        --pcap prints JSON lines\n"
	"  --print-rules     print the iptables rules standalone mode needs\n"
	"  -V, --version     show the version and whether QUIC and --pcap\n"
	"                    are built in\n"
	"  -h, --help        show this help\n";

/* Firmware builds may leave QUIC (NO_QUIC=1) or --pcap (NO_PCAP=1) out. */
static void built_in(FILE *out)
{
	fprintf(out, "QUIC support %s\n--pcap support %s\n",
		afw_engine_has_quic() ? "built in" :
		"not built in: QUIC flows get the fallback",
		appfwd_has_pcap() ? "built in" : "not built in");
}

/* After an error, the synopsis only; --help has the rest. */
static int bad(void)
{
	fprintf(afw_log_output(), "%.*s", (int)(strcspn(usage, "\n") + 1),
		usage);
	return APPFWD_ARGS_BAD;
}

/* Decimal only: "0x10", "+1", " 1" and "1k" are typos, not queues. */
static bool parse_queue_len(const char *s, size_t len, uint16_t *num)
{
	unsigned long v = 0;

	if (!len || len > 5)
		return false;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (unsigned long)(s[i] - '0');
	}
	if (v > UINT16_MAX)
		return false;
	*num = (uint16_t)v;
	return true;
}

static int add_one(struct appfwd_config *cfg, uint16_t num)
{
	for (unsigned int i = 0; i < cfg->nqueues; i++) {
		if (cfg->queues[i] == num) {
			afw_log("queue %u given twice", num);
			return bad();
		}
	}
	if (cfg->nqueues == APPFWD_MAX_QUEUES) {
		afw_log("at most %d queues", APPFWD_MAX_QUEUES);
		return bad();
	}
	cfg->queues[cfg->nqueues++] = num;
	return 0;
}

static int add_queue(struct appfwd_config *cfg, const char *arg)
{
	uint16_t num;

	if (!parse_queue_len(arg, strlen(arg), &num)) {
		afw_log("invalid queue number '%s' (0 to 65535)", arg);
		return bad();
	}
	return add_one(cfg, num);
}

static int add_range(struct appfwd_config *cfg, const char *arg)
{
	const char *dash = strchr(arg, '-');
	uint16_t a, b;
	int ret;

	if (!dash || !parse_queue_len(arg, (size_t)(dash - arg), &a) ||
	    !parse_queue_len(dash + 1, strlen(dash + 1), &b) || b < a) {
		afw_log("invalid queue range '%s' (A-B, 0 <= A <= B <= 65535)",
			arg);
		return bad();
	}
	if (b - a >= APPFWD_MAX_QUEUES) {
		afw_log("at most %d queues", APPFWD_MAX_QUEUES);
		return bad();
	}
	for (unsigned int q = a; q <= b; q++) {
		ret = add_one(cfg, (uint16_t)q);
		if (ret)
			return ret;
	}
	return 0;
}

/* The option's value: the next argument, or after '=' in --opt=value. */
static const char *value_of(int argc, char *argv[], int *i, const char *opt,
			    const char *what)
{
	size_t n = strlen(opt);

	if (!strncmp(argv[*i], opt, n) && argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (*i + 1 == argc) {
		afw_log("option '%s' needs %s", opt, what);
		return NULL;
	}
	return argv[++*i];
}

/* --dns-refuse's value is optional, so only after '=': a next argument
 * is never taken for it. */
static bool parse_refuse(struct appfwd_config *cfg, const char *arg)
{
	const char *eq = strchr(arg, '=');

	if (!eq || !strcmp(eq + 1, "nxdomain")) {
		cfg->dns_refuse = AFW_DNS_REFUSE_NXDOMAIN;
	} else if (!strcmp(eq + 1, "zero")) {
		cfg->dns_refuse = AFW_DNS_REFUSE_ZERO;
	} else {
		afw_log("invalid --dns-refuse '%s' (nxdomain or zero)", eq + 1);
		return false;
	}
	return true;
}

static bool is_opt(const char *arg, const char *opt)
{
	size_t n = strlen(opt);

	return !strncmp(arg, opt, n) && (arg[n] == '\0' || arg[n] == '=');
}

static bool set_mode(struct appfwd_config *cfg, enum appfwd_mode mode,
		     const char *arg)
{
	if (cfg->mode != APPFWD_ATTACHED && cfg->mode != mode) {
		afw_log("option '%s' does not go with the mode already chosen",
			arg);
		return false;
	}
	cfg->mode = mode;
	return true;
}

/* What fits together, once every option is known. */
static int check(struct appfwd_config *cfg, bool queue_given)
{
	uint16_t lo = UINT16_MAX, hi = 0;

	if (cfg->policy && cfg->mode != APPFWD_STANDALONE &&
	    cfg->mode != APPFWD_PCAP) {
		afw_log("--policy goes with --standalone or --pcap (attached, the kernel holds the policy)");
		return bad();
	}
	if (cfg->dns_refuse && cfg->mode != APPFWD_ATTACHED &&
	    cfg->mode != APPFWD_STANDALONE) {
		afw_log("--dns-refuse rewrites queued answers: it goes with attached or --standalone mode");
		return bad();
	}
	if (cfg->json && cfg->mode != APPFWD_PCAP) {
		afw_log("-j goes with --pcap");
		return bad();
	}
	if (cfg->mode == APPFWD_PCAP && (queue_given || cfg->fail_open ||
					 cfg->no_gso)) {
		afw_log("--pcap reads a file: no queue options");
		return bad();
	}
	if (!cfg->nqueues)
		cfg->queues[cfg->nqueues++] = 0;
	if (cfg->mode != APPFWD_ATTACHED && cfg->mode != APPFWD_PRINT_RULES)
		return 0;
	for (unsigned int i = 0; i < cfg->nqueues; i++) {
		if (cfg->queues[i] < lo)
			lo = cfg->queues[i];
		if (cfg->queues[i] > hi)
			hi = cfg->queues[i];
	}
	/* The module spreads flows over first..first+n-1 (and the rules'
	 * --queue-balance takes a range too). */
	if ((unsigned int)(hi - lo) + 1 != cfg->nqueues) {
		afw_log("the queues must be a contiguous range here (the module and --queue-balance take FIRST-LAST); got %u queues from %u to %u",
			cfg->nqueues, lo, hi);
		return bad();
	}
	return 0;
}

int appfwd_parse_args(int argc, char *argv[], struct appfwd_config *cfg,
		      FILE *out)
{
	bool queue_given = false;
	int ret;

	memset(cfg, 0, sizeof(*cfg));
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		const char *value = NULL;

		if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
			fputs(usage, out);
			fputc('\n', out);
			built_in(out);
			return APPFWD_ARGS_HELP;
		} else if (!strcmp(arg, "-V") || !strcmp(arg, "--version")) {
			fprintf(out, "appfwd %s\n", APPFW_VERSION);
			built_in(out);
			return APPFWD_ARGS_HELP;
		} else if (!strcmp(arg, "--fail-open")) {
			cfg->fail_open = true;
		} else if (!strcmp(arg, "--no-gso")) {
			cfg->no_gso = true;
		} else if (!strcmp(arg, "-j") || !strcmp(arg, "--json")) {
			cfg->json = true;
		} else if (!strcmp(arg, "--standalone")) {
			if (!set_mode(cfg, APPFWD_STANDALONE, arg))
				return bad();
		} else if (!strcmp(arg, "--print-rules")) {
			if (!set_mode(cfg, APPFWD_PRINT_RULES, arg))
				return bad();
		} else if (is_opt(arg, "--pcap")) {
			cfg->pcap = value_of(argc, argv, &i, "--pcap", "a file");
			if (!cfg->pcap)
				return bad();
			if (!set_mode(cfg, APPFWD_PCAP, "--pcap"))
				return bad();
		} else if (is_opt(arg, "--dns-refuse")) {
			if (!parse_refuse(cfg, arg))
				return bad();
		} else if (is_opt(arg, "--policy")) {
			cfg->policy = value_of(argc, argv, &i, "--policy",
					       "a file");
			if (!cfg->policy)
				return bad();
		} else if (is_opt(arg, "--queues")) {
			value = value_of(argc, argv, &i, "--queues",
					 "a range A-B");
			if (!value)
				return bad();
			ret = add_range(cfg, value);
			if (ret)
				return ret;
			queue_given = true;
			continue;
		} else if (!strcmp(arg, "-q") || !strcmp(arg, "--queue")) {
			if (i + 1 == argc) {
				afw_log("option '%s' needs a queue number", arg);
				return bad();
			}
			value = argv[++i];
		} else if (!strncmp(arg, "--queue=", 8)) {
			value = arg + 8;
		} else if (!strncmp(arg, "-q", 2)) {
			value = arg + 2;
		} else if (arg[0] == '-') {
			afw_log("unknown option '%s'", arg);
			return bad();
		} else {
			afw_log("unexpected argument '%s'", arg);
			return bad();
		}
		if (value) {
			ret = add_queue(cfg, value);
			if (ret)
				return ret;
			queue_given = true;
		}
	}
	return check(cfg, queue_given);
}
