// SPDX-License-Identifier: GPL-2.0
/*
 * appfw save [FILE]: one consistent view of the policy (kernel.c reads
 * again if a commit interleaves), written atomically (policyfile.c).
 */
#include <errno.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "kernel.h"
#include "log.h"
#include "policyfile.h"
#include "print.h"

static const char save_usage[] =
	"Usage: appfw save [FILE]\n"
	"\n"
	"Writes the policy of this network namespace (configuration, apps,\n"
	"their domains, hosts and prefixes) to FILE, in the format appfw\n"
	"restore reads. FILE defaults to " AFW_POLICY_FILE ", whose\n"
	"directory is created if missing; - is standard output. FILE is\n"
	"replaced atomically: after a crash it holds the old policy or the\n"
	"new one, never a part. A new FILE gets the mode a shell's > would\n"
	"give it, an existing one keeps its mode.\n";

/*
 * Only for the default file: the package may not have made its directory,
 * while a directory missing from a FILE the operator typed is more likely
 * a typo than a wish.
 */
static int make_default_dir(void)
{
	char *copy = strdup(AFW_POLICY_FILE);
	int err = 0;

	if (!copy)
		return -ENOMEM;
	if (mkdir(dirname(copy), 0755) && errno != EEXIST)
		err = -errno;
	free(copy);
	return err;
}

int save_main(int argc, char *argv[])
{
	const char *file = AFW_POLICY_FILE;
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
		if (!strcmp(file, AFW_POLICY_FILE))
			err = make_default_dir();
		if (!err)
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
