// SPDX-License-Identifier: GPL-2.0
/*
 * appfw save [FILE]: one consistent view of the policy (kernel.c reads
 * again if a commit interleaves), written atomically (policyfile.c).
 */
#include <string.h>

#include "cli.h"
#include "kernel.h"
#include "log.h"
#include "policyfile.h"
#include "print.h"

static const char save_usage[] =
	"Usage: appfw save [FILE]\n"
	"\n"
	"Writes the policy of this network namespace (configuration, apps,\n"
	"their domains, hosts and prefixes) to FILE, or to standard output if\n"
	"FILE is - or missing, in the format appfw restore reads. FILE is\n"
	"replaced atomically: after a crash it holds the old policy or the\n"
	"new one, never a part. A new FILE gets the mode a shell's > would\n"
	"give it, an existing one keeps its mode.\n";

int save_main(int argc, char *argv[])
{
	const char *file = "-";
	struct appfw_status st;
	struct afw_policy pol;
	struct afw_genl g;
	int n, err;

	err = appfw_parse_args(argc, argv, save_usage, 0, 1, false, &file, &n);
	if (err)
		return err == APPFW_OPTS_HELP ? 0 : 2;
	err = afw_genl_open(&g);
	if (err) {
		afw_genl_perror(&g, err, "save");
		return 1;
	}
	afw_policy_init(&pol);
	err = appfw_read_policy(&g, &pol, NULL, &st);
	if (err) {
		afw_genl_perror(&g, err, "save");
		goto out;
	}
	if (strcmp(file, "-")) {
		err = afw_policyfile_save(file, &pol);
		if (err)
			afw_log("save: cannot write %s: %s", file, strerror(-err));
		goto out;
	}
	err = afw_policyfile_write(print_output(), &pol);
	if (!err)
		err = print_end();
	if (err)
		afw_log("save: cannot write the policy: %s", strerror(-err));
out:
	afw_policy_free(&pol);
	afw_genl_close(&g);
	return err ? 1 : 0;
}
