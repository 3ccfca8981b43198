/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The app catalog: what `appfw add wechat` knows about WeChat. Data, not
 * code: one text file per app (apps/ID.app) and per group (groups/ID.group)
 * under a catalog directory, the system's (AFW_CATALOG_DIR) overlaid by the
 * operator's (AFW_CATALOG_LOCAL_DIR). userspace/catalog/README.md describes
 * the files for the people who write them; this is the same, for code.
 *
 * A file is lines of "key = value". A line that starts with a space or tab
 * continues the previous key's value; a line whose first non-blank
 * character is '#' is a comment; blank lines are ignored. A key appears
 * once per file, except the keys marked "repeatable", which add one item
 * each time. An app:
 *
 *	id = wechat		the name the CLI and the kernel use (syntax.h)
 *	name = WeChat		for people
 *	vendor = Tencent
 *	status = ok		ok: owns at least one domain, host or prefix
 *				shared-only: owns nothing, lists shared ones
 *				no-known-domains: nothing is known
 *	confidence = high	high | medium | low (how good the sources are)
 *	domains = wechat.com weixin.qq.com	suffixes the app owns
 *	hosts = mmsns.qpic.cn			exact names it owns
 *	ipv4 = 203.0.113.0/24	ipv6 = 2001:db8::/32	prefixes it owns
 *	shared_domains = qq.com gtimg.com	vendor- or CDN-wide suffixes
 *	shared_ipv4 = ...	shared_ipv6 = ...	vendor-wide (ASN) prefixes
 *	ip_source = ...		where the prefixes come from
 *	source = ...		repeatable: one source of the facts per line
 *	overlap = duapps.com: why	repeatable: see below
 *	notes = ...
 *
 * id, name, status and at least one source are required; status must
 * agree with the lists. Lists are words separated by blanks: valid domain
 * names (domain.h; stored lowercase without a trailing dot) and canonical
 * prefixes (prefix.h: no host bits; ipv4 keys take IPv4 only). A name or
 * prefix appears once per app, in one list.
 *
 * What an app owns is what `appfw add ID` puts into the policy. The shared
 * lists are other apps' too (qq.com is QQ, WeChat and every Tencent
 * service): they enter a policy only when the operator asks for them, and
 * the CLI says what else they break. An app owns a name no other app owns,
 * and no name under another app's domain, unless both declare it with
 * "overlap = NAME: REASON" (NAME: one of its own domains, hosts or
 * prefixes); afw_catalog_check_overlaps enforces that. The kernel still
 * takes one owner per name, so a CLI adding two such apps adds the shared
 * name once.
 *
 * A group:
 *
 *	id = india-2020		shares the namespace of app ids
 *	name = Apps India banned in June 2020
 *	apps = tiktok shareit ...	member app ids
 *	source = ...		repeatable
 *	notes = ...
 *
 * Loading: afw_catalog_load_dir reads DIR/apps/ID.app and
 * DIR/groups/ID.group, each file named after its id. An id appears once per directory;
 * a later directory's file replaces an earlier one's whole entry (the
 * operator's wechat.app replaces the system's). Group members are checked
 * once everything is loaded (afw_catalog_check_groups). afw_catalog_open
 * does all of that for the tools.
 *
 * Errors: functions return 0 or -errno (-EINVAL for bad content, -ENOENT
 * for a missing directory or file, -EIO, -ENOMEM) and fill an
 * afw_catalog_error that names the file and line; nothing here prints.
 */
#ifndef AFW_CATALOG_H
#define AFW_CATALOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <linux/appfw.h>

#include "prefix.h"

/* The installed catalog; the Makefile may point it at $(PREFIX). */
#ifndef AFW_CATALOG_DIR
#define AFW_CATALOG_DIR "/usr/share/appfw"
#endif
/* The operator's additions and replacements, laid over AFW_CATALOG_DIR. */
#ifndef AFW_CATALOG_LOCAL_DIR
#define AFW_CATALOG_LOCAL_DIR "/etc/appfw"
#endif
/* Names another directory to use instead of AFW_CATALOG_DIR (tests). */
#define AFW_CATALOG_ENV "APPFW_CATALOG"

/* Longer lines are refused: catalog lines are short, wrapped lists. */
#define AFW_CATALOG_LINE_MAX 4096

struct afw_catalog_error {
	char file[512];		/* "" if not about a file */
	unsigned int line;	/* 0 if not about one line */
	char msg[256];
};

enum afw_catalog_status {
	AFW_CATALOG_OK = 1,
	AFW_CATALOG_SHARED_ONLY,
	AFW_CATALOG_NO_KNOWN_DOMAINS,
};

enum afw_catalog_confidence {
	AFW_CATALOG_CONFIDENCE_NONE = 0,	/* not given */
	AFW_CATALOG_CONFIDENCE_LOW,
	AFW_CATALOG_CONFIDENCE_MEDIUM,
	AFW_CATALOG_CONFIDENCE_HIGH,
};

/* One word of a list, or one line of a repeatable key, and its line. */
struct afw_catalog_item {
	char *text;
	unsigned int line;
};

struct afw_catalog_list {
	struct afw_catalog_item *v;
	size_t n;
};

struct afw_catalog_prefix {
	struct afw_prefix p;	/* p.app is 0 */
	unsigned int line;
};

struct afw_catalog_prefixes {
	struct afw_catalog_prefix *v;
	size_t n;
};

struct afw_catalog_overlap {
	char *name;		/* a domain, host or prefix, as written */
	char *reason;
	unsigned int line;
};

struct afw_catalog_app {
	char id[APPFW_APP_NAME_LEN];
	char *name;
	char *vendor;			/* "" if not given */
	enum afw_catalog_status status;
	enum afw_catalog_confidence confidence;
	struct afw_catalog_list domains;	/* owned suffixes */
	struct afw_catalog_list hosts;		/* owned exact names */
	struct afw_catalog_prefixes prefixes;	/* owned: ipv4, then ipv6 */
	struct afw_catalog_list shared_domains;
	struct afw_catalog_prefixes shared_prefixes;
	char *ip_source;		/* "" if not given */
	struct afw_catalog_list sources;
	struct afw_catalog_overlap *overlaps;
	size_t n_overlaps;
	char *notes;			/* "" if not given */
	char *file;			/* where it was read */
	unsigned int layer;		/* which directory (0: the first) */
};

struct afw_catalog_group {
	char id[APPFW_APP_NAME_LEN];
	char *name;
	struct afw_catalog_list apps;	/* member app ids */
	struct afw_catalog_list sources;
	char *notes;
	char *file;
	unsigned int layer;
};

struct afw_catalog;

/* 0 or -ENOMEM. */
int afw_catalog_new(struct afw_catalog **cp);
void afw_catalog_free(struct afw_catalog *c);

/*
 * Reads one app or group file (which one: the name ends in .app or
 * .group) into c, as part of the current directory layer: an id c already
 * holds from this layer is -EINVAL, one from an earlier layer is replaced.
 * On any error c is unchanged. afw_catalog_read reads from fp, with file
 * as its name in messages.
 */
int afw_catalog_load_file(struct afw_catalog *c, const char *path,
			  struct afw_catalog_error *err);
int afw_catalog_read(struct afw_catalog *c, FILE *fp, const char *file,
		     struct afw_catalog_error *err);

/*
 * Starts a new layer and reads every dir/apps/NAME.app and
 * dir/groups/NAME.group in name order (other names are skipped). -ENOENT if dir has neither
 * subdirectory. On an error c keeps the files read before the bad one.
 */
int afw_catalog_load_dir(struct afw_catalog *c, const char *dir,
			 struct afw_catalog_error *err);

/* Every group member is an app, and no group has an app's id. */
int afw_catalog_check_groups(const struct afw_catalog *c,
			     struct afw_catalog_error *err);
/*
 * Owned names and prefixes: none is owned by two apps, or lies under
 * another app's domain or prefix, unless both declare the overlap; and
 * every declared overlap is one. -EINVAL names the first offender.
 */
int afw_catalog_check_overlaps(const struct afw_catalog *c,
			       struct afw_catalog_error *err);

/*
 * The tools' catalog: $APPFW_CATALOG if set, else AFW_CATALOG_DIR (it must
 * exist), then AFW_CATALOG_LOCAL_DIR over it if that exists; groups
 * checked. Overlaps are not: an operator's file may claim what it wants.
 */
int afw_catalog_open(struct afw_catalog **cp, struct afw_catalog_error *err);

/* Lookups by id; NULL if there is none. */
const struct afw_catalog_app *afw_catalog_app(const struct afw_catalog *c,
					      const char *id);
const struct afw_catalog_group *
afw_catalog_group(const struct afw_catalog *c, const char *id);

/* Iteration in id order: for (i = 0; i < count; i++) ..._at(c, i). */
size_t afw_catalog_app_count(const struct afw_catalog *c);
const struct afw_catalog_app *afw_catalog_app_at(const struct afw_catalog *c,
						 size_t i);
size_t afw_catalog_group_count(const struct afw_catalog *c);
const struct afw_catalog_group *
afw_catalog_group_at(const struct afw_catalog *c, size_t i);

/*
 * Search (`appfw apps WORD`): the first field of a that contains word,
 * ignoring case, in this order: id, name, vendor, domains, hosts,
 * shared_domains. Returns the matching text and sets *key (if key is not
 * NULL) to the key's name ("domains"...), or NULL if nothing matches.
 * afw_catalog_group_match does the same over a group's id and name.
 */
const char *afw_catalog_app_match(const struct afw_catalog_app *a,
				  const char *word, const char **key);
const char *afw_catalog_group_match(const struct afw_catalog_group *g,
				    const char *word, const char **key);

/* "ok", "shared-only", "no-known-domains"; "high"... or "" for NONE. */
const char *afw_catalog_status_name(enum afw_catalog_status s);
const char *afw_catalog_confidence_name(enum afw_catalog_confidence conf);

#endif
