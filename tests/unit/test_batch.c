// SPDX-License-Identifier: GPL-2.0
/*
 * The pipelined batch (lib/batch.h) against the kernel's generic netlink
 * controller, which every kernel has: more messages than the window, an
 * error in the middle named by its tag, entries split over messages, and
 * a socket still in step afterwards.
 */
#include <errno.h>
#include <string.h>

#include <linux/genetlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

#include "batch.h"
#include "unit.h"

/* A GETFAMILY of the name at entry. */
static int put_name(struct nl_msg *msg, const void *entry)
{
	return nla_put_string(msg, CTRL_ATTR_FAMILY_NAME, entry);
}

/* An entry of 100 bytes, for the list messages. */
static int put_blob(struct nl_msg *msg, const void *entry)
{
	return nla_put(msg, 1, 100, entry);
}

static int put_huge(struct nl_msg *msg, const void *entry)
{
	static const unsigned char huge[AFW_BATCH_MSG_BYTES + 1000];

	(void)entry;
	return nla_put(msg, 1, sizeof(huge), huge);
}

/* The socket answers a plain request, and only that, afterwards. */
static int count_cb(struct nlmsghdr *nlh, void *arg)
{
	(void)nlh;
	++*(int *)arg;
	return 0;
}

static void check_in_step(struct afw_genl *g)
{
	struct nl_msg *msg = afw_genl_msg(g, CTRL_CMD_GETFAMILY, 0);
	int n = 0;

	put_name(msg, "nlctrl");
	CHECK_INT(afw_genl_talk(g, msg, count_cb, &n), 0);
	CHECK_INT(n, 1);
}

TEST(batch_window)
{
	struct afw_batch b;
	struct afw_genl g;

	CHECK_INT(afw_genl_open_family(&g, "nlctrl"), 0);
	if (!g.sock)
		return;
	afw_batch_init(&b, &g);
	/* Three windows' worth: the oldest replies are read as it goes. */
	for (unsigned long i = 1; i <= 3 * AFW_BATCH_WINDOW + 5; i++)
		CHECK_INT(afw_batch_one(&b, CTRL_CMD_GETFAMILY, put_name,
					"nlctrl", i), 0);
	CHECK(b.inflight <= AFW_BATCH_WINDOW);
	CHECK_INT(afw_batch_flush(&b), 0);
	CHECK_INT(b.inflight, 0);
	CHECK_INT(b.sent, 3 * AFW_BATCH_WINDOW + 5);
	afw_batch_free(&b);
	check_in_step(&g);
	afw_genl_close(&g);
}

TEST(batch_error_in_the_middle)
{
	struct afw_batch b;
	struct afw_genl g;
	int err = 0;

	CHECK_INT(afw_genl_open_family(&g, "nlctrl"), 0);
	if (!g.sock)
		return;
	afw_batch_init(&b, &g);
	for (unsigned long i = 1; i <= 100 && !err; i++)
		err = afw_batch_one(&b, CTRL_CMD_GETFAMILY, put_name,
				    i == 50 ? "afw-no-such" : "nlctrl", i);
	/* Noticed within a window of the failure, and nothing sent after. */
	CHECK_INT(err, -ENOENT);
	CHECK(b.sent >= 50 && b.sent <= 50 + AFW_BATCH_WINDOW);
	CHECK_INT(afw_batch_one(&b, CTRL_CMD_GETFAMILY, put_name, "nlctrl", 101),
		  -ENOENT);
	CHECK_INT(afw_batch_flush(&b), -ENOENT);
	CHECK_INT(b.failed_first, 50);
	CHECK_INT(b.failed_last, 50);
	CHECK_INT(b.inflight, 0);
	afw_batch_free(&b);
	check_in_step(&g);
	afw_genl_close(&g);
}

TEST(batch_entries_split)
{
	unsigned char blob[100];
	size_t first_msg;
	struct afw_batch b;
	struct afw_genl g;

	memset(blob, 0xab, sizeof(blob));
	CHECK_INT(afw_genl_open_family(&g, "nlctrl"), 0);
	if (!g.sock)
		return;
	afw_batch_init(&b, &g);
	/* 3000 entries of 108 bytes (attribute and nest) fill several
	 * messages. The controller refuses each (no family named), so the
	 * error names the entries of the first message, tags 1 to however
	 * many fitted. */
	for (unsigned long i = 1; i <= 3000; i++)
		CHECK_INT(afw_batch_add(&b, CTRL_CMD_GETFAMILY, 200, put_blob,
					blob, i), 0);
	first_msg = b.ring[b.head].n;
	CHECK(b.sent >= 9);
	CHECK(first_msg >= AFW_BATCH_MSG_BYTES / 112 &&
	      first_msg <= AFW_BATCH_MSG_BYTES / 108);
	CHECK_INT(afw_batch_flush(&b), -EINVAL);
	CHECK_INT(b.failed_first, 1);
	CHECK_INT(b.failed_last, first_msg);
	afw_batch_free(&b);
	check_in_step(&g);

	/* An entry that fits no message at all is refused as such. */
	afw_batch_init(&b, &g);
	CHECK_INT(afw_batch_add(&b, CTRL_CMD_GETFAMILY, 200, put_huge, NULL, 7),
		  -EMSGSIZE);
	CHECK_INT(b.failed_first, 7);
	CHECK_INT(afw_batch_flush(&b), -EMSGSIZE);
	CHECK_INT(b.sent, 0);
	afw_batch_free(&b);
	check_in_step(&g);
	afw_genl_close(&g);
}
