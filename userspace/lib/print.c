// SPDX-License-Identifier: GPL-2.0
/*
 * The print layer: text through the caller's format, JSON through a small
 * writer that tracks, per open container, whether a comma is due.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "print.h"

/* Deeper nesting than any appfw output needs; past it the writer records a
 * misuse and print_end() reports it rather than emitting broken JSON. */
#define MAX_DEPTH 16

static FILE *out;
static bool json;
static unsigned int depth;
static bool in_array[MAX_DEPTH];
static bool has_items[MAX_DEPTH];
static bool misused;

void print_set_output(FILE *fp)
{
	out = fp;
	depth = 0;
	misused = false;
}

FILE *print_output(void)
{
	return out ? out : stdout;
}

void print_set_json(bool on)
{
	json = on;
}

bool print_is_json(void)
{
	return json;
}

int print_end(void)
{
	FILE *fp = print_output();

	if (fflush(fp) || ferror(fp))
		return -EIO;
	if (misused || depth)
		return -EINVAL;
	return 0;
}

/* Length of the valid UTF-8 sequence at s (at least 1 byte left), or 0
 * if it is not one: overlong forms, surrogates and values past U+10FFFF
 * are refused as RFC 3629 says. */
static size_t utf8_len(const unsigned char *s)
{
	unsigned char c = s[0];
	unsigned char lo = 0x80, hi = 0xbf;
	size_t len, i;

	if (c >= 0xc2 && c <= 0xdf)
		len = 2;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4;
	else
		return 0;
	if (c == 0xe0)
		lo = 0xa0;
	else if (c == 0xed)
		hi = 0x9f;
	else if (c == 0xf0)
		lo = 0x90;
	else if (c == 0xf4)
		hi = 0x8f;
	/* A NUL terminator fails the range check, so this never overreads. */
	if (s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < len; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return len;
}

void print_json_string(FILE *fp, const char *value)
{
	const unsigned char *s = (const unsigned char *)value;

	fputc('"', fp);
	while (*s) {
		size_t len;

		switch (*s) {
		case '"':
			fputs("\\\"", fp);
			break;
		case '\\':
			fputs("\\\\", fp);
			break;
		case '\b':
			fputs("\\b", fp);
			break;
		case '\f':
			fputs("\\f", fp);
			break;
		case '\n':
			fputs("\\n", fp);
			break;
		case '\r':
			fputs("\\r", fp);
			break;
		case '\t':
			fputs("\\t", fp);
			break;
		default:
			if (*s < 0x20 || *s == 0x7f) {
				fprintf(fp, "\\u%04x", *s);
			} else if (*s < 0x80) {
				fputc(*s, fp);
			} else if ((len = utf8_len(s))) {
				fwrite(s, 1, len, fp);
				s += len;
				continue;
			} else {
				fputs("\\ufffd", fp);
			}
		}
		s++;
	}
	fputc('"', fp);
}

/* Emits the comma and the key that go before any JSON value. */
static void json_member(const char *key)
{
	FILE *fp = print_output();

	if (depth) {
		if (has_items[depth - 1])
			fputc(',', fp);
		has_items[depth - 1] = true;
		if (!in_array[depth - 1]) {
			print_json_string(fp, key ? key : "");
			fputc(':', fp);
		}
	}
}

static void json_open(const char *key, bool array)
{
	json_member(key);
	fputc(array ? '[' : '{', print_output());
	if (depth == MAX_DEPTH) {
		misused = true;
		return;
	}
	in_array[depth] = array;
	has_items[depth] = false;
	depth++;
}

static void json_close(bool array)
{
	FILE *fp = print_output();

	fputc(array ? ']' : '}', fp);
	if (!depth || in_array[depth - 1] != array) {
		misused = true;
		return;
	}
	if (!--depth)
		fputc('\n', fp);
}

void open_json_object(const char *key)
{
	if (json)
		json_open(key, false);
}

void close_json_object(void)
{
	if (json)
		json_close(false);
}

void open_json_array(const char *key)
{
	if (json)
		json_open(key, true);
}

void close_json_array(void)
{
	if (json)
		json_close(true);
}

/* Whether an item of this type shows in the current mode. */
static bool shows(enum print_type type)
{
	return type & (json ? PRINT_JSON : PRINT_FP);
}

void print_string(enum print_type type, const char *key, const char *fmt,
		  const char *value)
{
	if (!shows(type))
		return;
	if (json) {
		json_member(key);
		if (value)
			print_json_string(print_output(), value);
		else
			fputs("null", print_output());
	} else if (fmt) {
		fprintf(print_output(), fmt, value ? value : "-");
	}
}

void print_u64(enum print_type type, const char *key, const char *fmt,
	       uint64_t value)
{
	if (!shows(type))
		return;
	if (json) {
		json_member(key);
		fprintf(print_output(), "%" PRIu64, value);
	} else if (fmt) {
		fprintf(print_output(), fmt, value);
	}
}

void print_s64(enum print_type type, const char *key, const char *fmt,
	       int64_t value)
{
	if (!shows(type))
		return;
	if (json) {
		json_member(key);
		fprintf(print_output(), "%" PRId64, value);
	} else if (fmt) {
		fprintf(print_output(), fmt, value);
	}
}

void print_bool(enum print_type type, const char *key, const char *fmt,
		bool value)
{
	if (!shows(type))
		return;
	if (json) {
		json_member(key);
		fputs(value ? "true" : "false", print_output());
	} else if (fmt) {
		fprintf(print_output(), fmt, value ? "true" : "false");
	}
}

void print_null(enum print_type type, const char *key, const char *fmt)
{
	if (!shows(type))
		return;
	if (json) {
		json_member(key);
		fputs("null", print_output());
	} else if (fmt) {
		fputs(fmt, print_output());
	}
}

void print_nl(void)
{
	if (!json)
		fputc('\n', print_output());
}
