/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One print layer for people and for machines, after iproute2's
 * json_print: a command prints each fact once, and the global mode (-j)
 * decides whether it comes out as text or as JSON, so the two outputs
 * cannot drift apart.
 *
 *   open_json_object(NULL);                                 {
 *   print_string(PRINT_ANY, "version", "version %s\n", v);  "version":"0.1.0",
 *   open_json_array("hooks");                               "hooks":[
 *   open_json_object(NULL);                                 {
 *   print_u64(PRINT_ANY, "packets", " %" PRIu64, n);        "packets":7
 *   close_json_object();                                    }
 *   close_json_array();                                     ]
 *   close_json_object();                                    }\n
 *   return print_end();
 *
 * PRINT_FP items show only in text mode, PRINT_JSON items only in JSON
 * mode, PRINT_ANY items in both: the format string (which takes exactly
 * the one value) is used for text, the key for JSON. Keys are ignored
 * inside arrays. Containers exist only in JSON; the whole document comes
 * out on one line, ended by a newline when the outermost container closes.
 */
#ifndef AFW_PRINT_H
#define AFW_PRINT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

enum print_type {
	PRINT_FP = 1,
	PRINT_JSON = 2,
	PRINT_ANY = PRINT_FP | PRINT_JSON,
};

/* Where output goes (stdout unless told) and in which mode. Setting the
 * output also forgets any container left open, so tests start clean. */
void print_set_output(FILE *fp);
FILE *print_output(void);
void print_set_json(bool json);
bool print_is_json(void);

/* Flushes, and reports -EIO if anything failed to write, so a command can
 * exit 1 on a full disk instead of claiming success; -EINVAL if the JSON
 * containers were not opened and closed in pairs. */
int print_end(void);

void open_json_object(const char *key);
void close_json_object(void);
void open_json_array(const char *key);
void close_json_array(void);

void print_string(enum print_type type, const char *key, const char *fmt,
		  const char *value);
void print_u64(enum print_type type, const char *key, const char *fmt,
	       uint64_t value);
void print_s64(enum print_type type, const char *key, const char *fmt,
	       int64_t value);
/* In text, fmt gets "true" or "false" (use %s); NULL strings print as
 * "-" in text and null in JSON; print_null's fmt is printed as is. */
void print_bool(enum print_type type, const char *key, const char *fmt,
		bool value);
void print_null(enum print_type type, const char *key, const char *fmt);

/* A newline in text mode; nothing in JSON, which stays on one line. */
void print_nl(void);

/* Writes value as a JSON string literal, quotes included. Bytes that are
 * not valid UTF-8 become U+FFFD so the output always parses. */
void print_json_string(FILE *fp, const char *value);

#endif
