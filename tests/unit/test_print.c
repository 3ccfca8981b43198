// SPDX-License-Identifier: GPL-2.0
/*
 * The print layer: exact text and JSON for the same calls, JSON string
 * escaping including bytes that are not UTF-8, and misuse reported.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "print.h"
#include "unit.h"

static FILE *capture_fp;
static char *capture_buf;
static size_t capture_len;

static void capture_start(bool json)
{
	capture_fp = open_memstream(&capture_buf, &capture_len);
	print_set_output(capture_fp);
	print_set_json(json);
}

/* Returns what was printed; the caller frees it. */
static char *capture_end(void)
{
	fclose(capture_fp);
	print_set_output(NULL);
	print_set_json(false);
	return capture_buf;
}

static char *escaped(const char *s)
{
	capture_start(true);
	print_json_string(capture_fp, s);
	return capture_end();
}

#define CHECK_ESCAPE(in, out)                  \
	do {                                   \
		char *e = escaped(in);         \
		CHECK_STR(e, out);             \
		free(e);                       \
	} while (0)

TEST(print_escape_ascii)
{
	CHECK_ESCAPE("", "\"\"");
	CHECK_ESCAPE("plain text 123", "\"plain text 123\"");
	CHECK_ESCAPE("a\"b\\c/d", "\"a\\\"b\\\\c/d\"");
	CHECK_ESCAPE("\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\"");
	CHECK_ESCAPE("\x01\x1f\x7f", "\"\\u0001\\u001f\\u007f\"");
}

TEST(print_escape_utf8)
{
	/* é, €, U+1F600 and the largest code point pass through as is. */
	CHECK_ESCAPE("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xf4\x8f\xbf\xbf",
		     "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xf4\x8f\xbf\xbf\"");
	/* A stray continuation byte, 0xff, overlong '/', a surrogate, past
	 * U+10FFFF: each bad byte becomes one U+FFFD and parsing goes on. */
	CHECK_ESCAPE("a\x80z", "\"a\\ufffdz\"");
	CHECK_ESCAPE("\xff", "\"\\ufffd\"");
	CHECK_ESCAPE("\xc0\xaf", "\"\\ufffd\\ufffd\"");
	CHECK_ESCAPE("\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\"");
	CHECK_ESCAPE("\xf4\x90\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
	/* Sequences cut short by the end of the string or by ASCII. */
	CHECK_ESCAPE("\xe2\x82", "\"\\ufffd\\ufffd\"");
	CHECK_ESCAPE("\xf0\x9f\x98", "\"\\ufffd\\ufffd\\ufffd\"");
	CHECK_ESCAPE("\xc3x", "\"\\ufffdx\"");
}

/* The same calls as `appfw status` makes, in both modes. */
static void print_sample(void)
{
	open_json_object(NULL);
	print_string(PRINT_ANY, "version", "version: %s\n", "0.1.0");
	print_string(PRINT_FP, NULL, "text only\n", NULL);
	print_string(PRINT_JSON, "json_only", NULL, "x\"y");
	open_json_array("hooks");
	for (int i = 0; i < 2; i++) {
		open_json_object(NULL);
		print_string(PRINT_ANY, "hook", "%s:", i ? "local_out" : "forward");
		print_u64(PRINT_ANY, "packets", " %" PRIu64 " packets",
			  i ? UINT64_MAX : 0);
		print_nl();
		close_json_object();
	}
	close_json_array();
	open_json_array("empty");
	close_json_array();
	print_s64(PRINT_ANY, "delta", "delta %" PRId64 "\n", INT64_MIN);
	print_bool(PRINT_ANY, "on", "on %s\n", true);
	print_null(PRINT_ANY, "none", "none\n");
	print_string(PRINT_ANY, "missing", "missing %s\n", NULL);
	close_json_object();
}

TEST(print_json_document)
{
	char *out;

	capture_start(true);
	print_sample();
	CHECK_INT(print_end(), 0);
	out = capture_end();
	CHECK_STR(out, "{\"version\":\"0.1.0\",\"json_only\":\"x\\\"y\","
		       "\"hooks\":[{\"hook\":\"forward\",\"packets\":0},"
		       "{\"hook\":\"local_out\",\"packets\":18446744073709551615}],"
		       "\"empty\":[],\"delta\":-9223372036854775808,"
		       "\"on\":true,\"none\":null,\"missing\":null}\n");
	free(out);
}

TEST(print_text_document)
{
	char *out;

	capture_start(false);
	print_sample();
	CHECK_INT(print_end(), 0);
	out = capture_end();
	CHECK_STR(out, "version: 0.1.0\n"
		       "text only\n"
		       "forward: 0 packets\n"
		       "local_out: 18446744073709551615 packets\n"
		       "delta -9223372036854775808\n"
		       "on true\n"
		       "none\n"
		       "missing -\n");
	free(out);
}

TEST(print_json_top_level_array)
{
	char *out;

	capture_start(true);
	open_json_array(NULL);
	print_u64(PRINT_ANY, "ignored", NULL, 1);
	print_string(PRINT_ANY, NULL, NULL, "two");
	open_json_object(NULL);
	close_json_object();
	close_json_array();
	CHECK_INT(print_end(), 0);
	out = capture_end();
	CHECK_STR(out, "[1,\"two\",{}]\n");
	free(out);
}

TEST(print_misuse_reported)
{
	char *out;

	/* Left open. */
	capture_start(true);
	open_json_object(NULL);
	CHECK_INT(print_end(), -EINVAL);
	free(capture_end());

	/* Closed with the wrong bracket, and closed once too often. */
	capture_start(true);
	open_json_object(NULL);
	close_json_array();
	CHECK_INT(print_end(), -EINVAL);
	free(capture_end());

	capture_start(true);
	close_json_object();
	CHECK_INT(print_end(), -EINVAL);
	free(capture_end());

	/* Too deep. */
	capture_start(true);
	for (int i = 0; i < 17; i++)
		open_json_array(NULL);
	CHECK_INT(print_end(), -EINVAL);
	free(capture_end());

	/* Containers are JSON only, so text mode has nothing to misuse. */
	capture_start(false);
	open_json_object(NULL);
	CHECK_INT(print_end(), 0);
	out = capture_end();
	CHECK_STR(out, "");
	free(out);
}

TEST(print_write_error_reported)
{
	char buf[8];
	FILE *fp = fmemopen(buf, sizeof(buf), "w");

	CHECK(fp);
	if (!fp)
		return;
	/* fmemopen refuses to grow; what does not fit is a write error. */
	setvbuf(fp, NULL, _IONBF, 0);
	print_set_output(fp);
	print_string(PRINT_ANY, "k", "%s\n", "longer than eight bytes");
	CHECK_INT(print_end(), -EIO);
	print_set_output(NULL);
	fclose(fp);
}
