/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What `appfw list` and `appfw show` share, so that an app has the same
 * JSON members in both: id, name, action, domains and prefixes (how many
 * entries it owns), flows, packets, bytes, blocked.
 */
#ifndef APPFW_LIST_H
#define APPFW_LIST_H

#include <stdint.h>

#include "policy.h"

/* The action's name, or its number for one this version does not know. */
const char *appfw_action_str(uint8_t action, char buf[4]);

/* The app's members, for JSON only. */
void appfw_app_json(const struct afw_app *a);

/* Prints the apps of pol, sorted by id (a table in text, an array in
 * JSON); returns print_end()'s verdict. */
int appfw_list_print(struct afw_policy *pol);

/* Prints the app named name and its entries, which pol holds sorted or
 * not; -ENOENT if pol has no such app, else print_end()'s verdict. */
int appfw_show_print(struct afw_policy *pol, const char *name);

#endif
