// SPDX-License-Identifier: GPL-2.0
/*
 * The parser stops at the first bad line: one exact message that names
 * the line is worth more than a cascade of consequences of the first.
 *
 * A saved file is replaced whole or not at all. The policy goes to a
 * temporary file in the same directory (rename is atomic only within a
 * file system), is flushed to the disk, and is renamed over the file; the
 * directory is synced so that the rename survives a crash too. A reader,
 * like the boot-time restore, sees the old file or the new one.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "policyfile.h"
#include "syntax.h"

#define MAX_WORDS 5

struct parser {
	struct afw_policy *pol;
	struct afw_policyfile_error *err;
	unsigned int line;
	/* Where each config setting was given, 0 if not yet. */
	unsigned int config_line[AFW_CONFIG_SETTINGS];
};

static int fail(struct parser *ps, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int fail(struct parser *ps, const char *fmt, ...)
{
	va_list ap;

	ps->err->line = ps->line;
	va_start(ap, fmt);
	vsnprintf(ps->err->msg, sizeof(ps->err->msg), fmt, ap);
	va_end(ap);
	return -EINVAL;
}

/* The index of the app named by word, or a failure naming it. */
static int app_of(struct parser *ps, const char *word, size_t *index)
{
	long i = afw_policy_find_app(ps->pol, word);

	if (i < 0)
		return fail(ps, "unknown app \"%s\" (declare it with an app line first)",
			    word);
	*index = (size_t)i;
	return 0;
}

static int parse_app(struct parser *ps, char **w)
{
	struct afw_app app = { .line = ps->line };
	const char *why;
	size_t dup;
	int err;

	if (afw_parse_app_name(w[1], &why))
		return fail(ps, "bad app name \"%s\": %s", w[1], why);
	if (afw_parse_app_id(w[2], &app.id, &why))
		return fail(ps, "bad app id \"%s\": %s", w[2], why);
	if (afw_parse_action(w[3], &app.action, &why))
		return fail(ps, "bad action \"%s\": %s", w[3], why);
	strcpy(app.name, w[1]);
	err = afw_policy_add_app(ps->pol, &app, &dup);
	if (err == -EEXIST && ps->pol->apps[dup].id == app.id)
		return fail(ps, "app id %u already used by \"%s\" on line %u",
			    app.id, ps->pol->apps[dup].name,
			    ps->pol->apps[dup].line);
	if (err == -EEXIST)
		return fail(ps, "app \"%s\" already declared on line %u",
			    app.name, ps->pol->apps[dup].line);
	return err;
}

static int parse_domain(struct parser *ps, char **w, uint8_t kind)
{
	const char *what = kind == APPFW_DOMAIN_EXACT ? "host" : "domain";
	char name[AFW_DOMAIN_LEN_MAX + 1];
	const char *why;
	size_t app = 0, dup;
	int err;

	err = app_of(ps, w[1], &app);
	if (err)
		return err;
	if (afw_parse_domain(w[2], name, &why))
		return fail(ps, "bad %s \"%s\": %s", what, w[2], why);
	err = afw_policy_add_domain(ps->pol, name, kind,
				    ps->pol->apps[app].id, ps->line, &dup);
	if (err == -EEXIST) {
		const struct afw_domain *d = &ps->pol->domains[dup];
		long owner = afw_policy_find_id(ps->pol, d->app);

		return fail(ps, "%s \"%s\" already listed on line %u (app %s)",
			    what, name, d->line, ps->pol->apps[owner].name);
	}
	return err;
}

static int parse_prefix(struct parser *ps, char **w)
{
	char why_buf[AFW_WHY_LEN], text[AFW_PREFIX_STRLEN];
	struct afw_prefix p;
	const char *why;
	size_t app = 0, dup;
	int err;

	err = app_of(ps, w[1], &app);
	if (err)
		return err;
	if (afw_parse_prefix(w[2], &p, &why, why_buf))
		return fail(ps, "bad prefix \"%s\": %s", w[2], why);
	p.app = ps->pol->apps[app].id;
	err = afw_policy_add_prefix(ps->pol, &p, ps->line, &dup);
	if (err == -EEXIST) {
		const struct afw_prefix_entry *e = &ps->pol->prefixes[dup];
		long owner = afw_policy_find_id(ps->pol, e->p.app);

		afw_format_prefix(&p, text);
		return fail(ps, "prefix %s already listed on line %u (app %s)",
			    text, e->line, ps->pol->apps[owner].name);
	}
	return err;
}

static int parse_config(struct parser *ps, char **w)
{
	int k = afw_config_find(w[1]);
	const char *why;

	if (k < 0)
		return fail(ps, "unknown config setting \"%s\" (use mark-mask, skb-mark, depth, fail-closed or learn)",
			    w[1]);
	if (ps->config_line[k])
		return fail(ps, "config %s already set on line %u", w[1],
			    ps->config_line[k]);
	ps->config_line[k] = ps->line;
	if (afw_config_set(&ps->pol->config, k, w[2], &why))
		return fail(ps, "bad %s \"%s\": %s", w[1], w[2], why);
	return 0;
}

static const struct {
	const char *word;
	int args;
	const char *synopsis;
} directives[] = {
	{ "app", 3, "app NAME ID ACTION" },
	{ "domain", 2, "domain APP SUFFIX" },
	{ "host", 2, "host APP NAME" },
	{ "prefix", 2, "prefix APP CIDR" },
	{ "config", 2, "config SETTING VALUE" },
};

static int parse_line(struct parser *ps, char *line)
{
	char *w[MAX_WORDS + 1], *p = line;
	int n = 0;

	/* By hand, not strcspn and strtok_r: a third of a big file's parse
	 * went to them. '#' appears in no valid word, so it always starts a
	 * comment. */
	while (n < MAX_WORDS + 1) {
		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		if (!*p || *p == '#')
			break;
		w[n++] = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\r' &&
		       *p != '\n' && *p != '#')
			p++;
		if (!*p || *p == '#') {
			*p = '\0';
			break;
		}
		*p++ = '\0';
	}
	if (!n)
		return 0;
	for (size_t d = 0; d < sizeof(directives) / sizeof(directives[0]); d++) {
		if (strcmp(w[0], directives[d].word))
			continue;
		if (n != directives[d].args + 1)
			return fail(ps, "expected \"%s\"", directives[d].synopsis);
		switch (d) {
		case 0:
			return parse_app(ps, w);
		case 1:
			return parse_domain(ps, w, APPFW_DOMAIN_SUFFIX);
		case 2:
			return parse_domain(ps, w, APPFW_DOMAIN_EXACT);
		case 3:
			return parse_prefix(ps, w);
		default:
			return parse_config(ps, w);
		}
	}
	return fail(ps, "unknown directive \"%s\" (use app, domain, host, prefix or config)",
		    w[0]);
}

int afw_policyfile_read(FILE *fp, struct afw_policy *pol,
			struct afw_policyfile_error *err)
{
	struct parser ps = { .pol = pol, .err = err };
	size_t cap = 0;
	char *line = NULL;
	ssize_t len;
	int ret = 0;

	err->line = 0;
	err->msg[0] = '\0';
	while ((len = getline(&line, &cap, fp)) >= 0) {
		ps.line++;
		if (len && line[len - 1] == '\n')
			line[--len] = '\0';
		if (len > AFW_POLICYFILE_LINE_MAX) {
			ret = fail(&ps, "line longer than %d characters",
				   AFW_POLICYFILE_LINE_MAX);
			break;
		}
		if (strlen(line) != (size_t)len) {
			ret = fail(&ps, "NUL byte in the line");
			break;
		}
		ret = parse_line(&ps, line);
		if (ret) {
			if (ret == -ENOMEM)
				fail(&ps, "out of memory");
			break;
		}
	}
	if (!ret && ferror(fp)) {
		err->line = 0;
		snprintf(err->msg, sizeof(err->msg), "read error: %s",
			 strerror(errno));
		ret = -EIO;
	}
	free(line);
	return ret;
}

static void write_config(FILE *fp, const struct afw_config *c)
{
	char value[AFW_CONFIG_VALUE_LEN];

	for (int k = 0; k < AFW_CONFIG_SETTINGS; k++)
		if (afw_config_get(c, k, value))
			fprintf(fp, "config %s %s\n", afw_config_name(k), value);
}

int afw_policyfile_write(FILE *fp, struct afw_policy *pol)
{
	char text[AFW_PREFIX_STRLEN];
	size_t d = 0, p = 0;
	int err;

	err = afw_policy_sort(pol);
	if (err)
		return err;
	fprintf(fp, "# appfw policy: appfw restore FILE loads it\n");
	write_config(fp, &pol->config);
	/* Sorted by app id, so each app's entries follow it. */
	for (size_t a = 0; a < pol->napps; a++) {
		const struct afw_app *app = &pol->apps[a];
		const char *action = afw_action_name(app->action);

		if (!action)
			return -EINVAL;
		fprintf(fp, "\napp %s %u %s\n", app->name, app->id, action);
		for (; d < pol->ndomains && pol->domains[d].app == app->id; d++)
			fprintf(fp, "%s %s %s\n",
				pol->domains[d].kind == APPFW_DOMAIN_EXACT ?
					"host" : "domain",
				app->name,
				afw_policy_domain_name(pol, &pol->domains[d]));
		for (; p < pol->nprefixes && pol->prefixes[p].p.app == app->id;
		     p++) {
			afw_format_prefix(&pol->prefixes[p].p, text);
			fprintf(fp, "prefix %s %s\n", app->name, text);
		}
	}
	return ferror(fp) ? -EIO : 0;
}

/* Writes pol to tmp (an open descriptor) and syncs it. */
static int write_synced(int fd, struct afw_policy *pol)
{
	FILE *fp = fdopen(fd, "w");
	int err;

	if (!fp) {
		close(fd);
		return -errno;
	}
	err = afw_policyfile_write(fp, pol);
	if (!err && fflush(fp))
		err = -errno;
	if (!err && fsync(fd))
		err = -errno;
	if (fclose(fp) && !err)
		err = -errno;
	return err;
}

static int sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int err = 0;

	if (fd < 0)
		return -errno;
	if (fsync(fd))
		err = -errno;
	close(fd);
	return err;
}

int afw_policyfile_save(const char *path, struct afw_policy *pol)
{
	/* Through a symbolic link, the file it names is what to replace. */
	char *target = realpath(path, NULL);
	char *dir_copy = NULL, *base_copy = NULL, *tmp = NULL;
	const char *dir;
	struct stat st;
	mode_t mask;
	int fd = -1, err = 0;

	if (!target && errno != ENOENT)
		return -errno;
	if (!target)
		target = strdup(path);
	dir_copy = target ? strdup(target) : NULL;
	base_copy = target ? strdup(target) : NULL;
	if (!dir_copy || !base_copy) {
		err = -ENOMEM;
		goto out;
	}
	/* Both may modify their argument, hence the two copies. */
	dir = dirname(dir_copy);
	if (asprintf(&tmp, "%s/.%s.XXXXXX", dir, basename(base_copy)) < 0) {
		tmp = NULL;
		err = -ENOMEM;
		goto out;
	}
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
		goto out;
	}
	if (!stat(target, &st)) {
		err = fchmod(fd, st.st_mode & 07777) ? -errno : 0;
	} else {
		mask = umask(0);
		umask(mask);
		err = fchmod(fd, 0666 & ~mask) ? -errno : 0;
	}
	if (err) {
		close(fd);
	} else {
		err = write_synced(fd, pol);
		if (!err && rename(tmp, target))
			err = -errno;
	}
	if (err)
		unlink(tmp);
	else
		err = sync_dir(dir);
out:
	free(tmp);
	free(dir_copy);
	free(base_copy);
	free(target);
	return err;
}
