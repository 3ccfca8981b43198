// SPDX-License-Identifier: GPL-2.0
/*
 * libnl-genl-3 does the socket, the family lookup and the sequence
 * checks; this file adds what it leaves out: the kernel's errno rather
 * than libnl's coarser NLE_ codes, the extended ack message, and the
 * error a failed dump carries in its NLMSG_DONE.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/appfw.h>
#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/handlers.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>

#include "genl.h"
#include "log.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/* libnl reports its own NLE_ codes; callers want an errno. */
static int nle_to_errno(int nle)
{
	switch (nle < 0 ? -nle : nle) {
	case NLE_SUCCESS:
		return 0;
	case NLE_INTR:
	case NLE_DUMP_INTR:
		return -EINTR;
	case NLE_BAD_SOCK:
		return -EBADF;
	case NLE_AGAIN:
		return -EAGAIN;
	case NLE_NOMEM:
		return -ENOMEM;
	case NLE_EXIST:
		return -EEXIST;
	case NLE_INVAL:
		return -EINVAL;
	case NLE_RANGE:
		return -ERANGE;
	case NLE_MSGSIZE:
	case NLE_MSG_TRUNC:
		return -EMSGSIZE;
	case NLE_OPNOTSUPP:
		return -EOPNOTSUPP;
	case NLE_AF_NOSUPPORT:
		return -EAFNOSUPPORT;
	case NLE_OBJ_NOTFOUND:
		return -ENOENT;
	case NLE_BUSY:
		return -EBUSY;
	case NLE_PERM:
	case NLE_NOACCESS:
		return -EPERM;
	case NLE_NODEV:
		return -ENODEV;
	default:
		return -EPROTO;
	}
}

int afw_genl_open(struct afw_genl *g)
{
	return afw_genl_open_family(g, APPFW_GENL_NAME);
}

int afw_genl_open_family(struct afw_genl *g, const char *name)
{
	int one = 1, fd, ret;

	memset(g, 0, sizeof(*g));
	g->sock = nl_socket_alloc();
	if (!g->sock)
		return -ENOMEM;
	ret = genl_connect(g->sock);
	if (ret < 0)
		goto err;
	/* Replies of dumps can outgrow libnl's default receive buffer. */
	nl_socket_enable_msg_peek(g->sock);
	/* Without EXT_ACK the kernel keeps its explanation to itself; CAP_ACK
	 * spares us our own request echoed back in every error. Both are
	 * best effort: a kernel without them still answers with errnos. */
	fd = nl_socket_get_fd(g->sock);
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));

	ret = genl_ctrl_resolve(g->sock, name);
	if (ret < 0)
		goto err;
	g->family = ret;
	return 0;
err:
	nl_socket_free(g->sock);
	g->sock = NULL;
	return nle_to_errno(ret);
}

void afw_genl_close(struct afw_genl *g)
{
	nl_socket_free(g->sock);
	g->sock = NULL;
	g->family = 0;
}

struct nl_msg *afw_genl_msg(struct afw_genl *g, uint8_t cmd, int flags)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, g->family, 0, flags,
			 cmd, APPFW_GENL_VERSION)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

/* Parses the extended ack attributes of an NLMSG_ERROR or NLMSG_DONE
 * into tb; false if there are none or they do not parse. */
static bool extack_attrs(const struct nlmsghdr *nlh,
			 struct nlattr *tb[NLMSGERR_ATTR_MAX + 1])
{
	const char *base = (const char *)nlh;
	size_t len = nlh->nlmsg_len, off = NLMSG_HDRLEN;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return false;
	if (nlh->nlmsg_type == NLMSG_ERROR) {
		const struct nlmsgerr *e;

		if (len < off + sizeof(*e))
			return false;
		e = (const struct nlmsgerr *)(base + off);
		/* Unless capped, the kernel echoes our whole request after
		 * the error, and the attributes follow that. */
		off += sizeof(*e);
		if (!(nlh->nlmsg_flags & NLM_F_CAPPED)) {
			if (e->msg.nlmsg_len < sizeof(e->msg))
				return false;
			off += NLMSG_ALIGN(e->msg.nlmsg_len - sizeof(e->msg));
		}
	} else if (nlh->nlmsg_type == NLMSG_DONE) {
		off += sizeof(int);
	} else {
		return false;
	}
	if (off >= len)
		return false;
	return nla_parse(tb, NLMSGERR_ATTR_MAX, (struct nlattr *)(base + off),
			 (int)(len - off), NULL) >= 0;
}

void afw_genl_extack(const struct nlmsghdr *nlh, char *buf, size_t size)
{
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];

	if (size)
		buf[0] = '\0';
	if (extack_attrs(nlh, tb) && tb[NLMSGERR_ATTR_MSG] && size)
		/* nla_strlcpy stops at the attribute's end even without a
		 * NUL, and always terminates buf. */
		nla_strlcpy(buf, tb[NLMSGERR_ATTR_MSG], size);
}

uint32_t afw_genl_extack_offset(const struct nlmsghdr *nlh)
{
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];

	if (!extack_attrs(nlh, tb) || !tb[NLMSGERR_ATTR_OFFS] ||
	    nla_len(tb[NLMSGERR_ATTR_OFFS]) != sizeof(uint32_t))
		return 0;
	return nla_get_u32(tb[NLMSGERR_ATTR_OFFS]);
}

/* Keeps what the kernel said about the request that failed. */
static void keep_extack(struct afw_genl *g, const struct nlmsghdr *nlh)
{
	afw_genl_extack(nlh, g->extack, sizeof(g->extack));
	g->extack_offset = afw_genl_extack_offset(nlh);
}

struct talk {
	struct afw_genl *g;
	afw_genl_cb cb;
	void *arg;
	bool done;
	bool interrupted;
	int err;
};

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct talk *t = arg;
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	int err;

	/* After a callback failed, the rest is only read, not parsed. */
	if (t->err || !t->cb || nlh->nlmsg_type != t->g->family)
		return NL_OK;
	err = t->cb(nlh, t->arg);
	if (err)
		t->err = err < 0 ? err : -EPROTO;
	return NL_OK;
}

static int on_ack(struct nl_msg *msg, void *arg)
{
	struct talk *t = arg;

	(void)msg;
	t->done = true;
	return NL_STOP;
}

/* libnl ignores the error a failed dump puts in its NLMSG_DONE. */
static int on_finish(struct nl_msg *msg, void *arg)
{
	struct talk *t = arg;
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	int error;

	t->done = true;
	if (nlh->nlmsg_len < NLMSG_HDRLEN + sizeof(int))
		return NL_STOP;
	memcpy(&error, nlmsg_data(nlh), sizeof(error));
	if (error < 0 && !t->err) {
		t->err = error;
		keep_extack(t->g, nlh);
	}
	return NL_STOP;
}

static int on_error(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	struct talk *t = arg;
	/* libnl hands us the payload; the header sits right before it. */
	struct nlmsghdr *nlh = (struct nlmsghdr *)((char *)e - NLMSG_HDRLEN);

	(void)nla;
	t->done = true;
	if (!t->err) {
		t->err = e->error < 0 ? e->error : -EPROTO;
		keep_extack(t->g, nlh);
	}
	return NL_STOP;
}

static int on_dump_intr(struct nl_msg *msg, void *arg)
{
	struct talk *t = arg;

	(void)msg;
	t->interrupted = true;
	return NL_OK;
}

int afw_genl_send(struct afw_genl *g, struct nl_msg *msg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	int ret;

	/* A plain request ends with our ack; a dump ends with NLMSG_DONE
	 * and asking it for an ack as well would only add a message. */
	nl_complete_msg(g->sock, msg);
	if (nlh->nlmsg_flags & NLM_F_DUMP)
		nlh->nlmsg_flags &= ~NLM_F_ACK;
	else
		nlh->nlmsg_flags |= NLM_F_ACK;
	ret = nl_send(g->sock, msg);
	return ret < 0 ? nle_to_errno(ret) : 0;
}

int afw_genl_recv(struct afw_genl *g, afw_genl_cb cb, void *arg)
{
	struct talk t = { .g = g, .cb = cb, .arg = arg };
	struct nl_cb *sock_cb, *nlcb;
	int ret = 0;

	g->extack[0] = '\0';
	g->extack_offset = 0;
	/* nl_socket_get_cb() takes a reference, which the clone does not
	 * inherit. */
	sock_cb = nl_socket_get_cb(g->sock);
	nlcb = nl_cb_clone(sock_cb);
	nl_cb_put(sock_cb);
	if (!nlcb)
		return -ENOMEM;
	nl_cb_set(nlcb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, &t);
	nl_cb_set(nlcb, NL_CB_ACK, NL_CB_CUSTOM, on_ack, &t);
	nl_cb_set(nlcb, NL_CB_FINISH, NL_CB_CUSTOM, on_finish, &t);
	nl_cb_set(nlcb, NL_CB_DUMP_INTR, NL_CB_CUSTOM, on_dump_intr, &t);
	nl_cb_err(nlcb, NL_CB_CUSTOM, on_error, &t);

	while (!t.done) {
		ret = nl_recvmsgs(g->sock, nlcb);
		/* A refusal from the kernel also comes back as ret < 0, with
		 * t.done set and the real errno in t.err. */
		if (ret < 0 && !t.done)
			break;
		ret = 0;
	}
	nl_cb_put(nlcb);
	if (t.err)
		return t.err;
	if (ret < 0)
		return nle_to_errno(ret);
	return t.interrupted ? -EINTR : 0;
}

int afw_genl_talk(struct afw_genl *g, struct nl_msg *msg, afw_genl_cb cb,
		  void *arg)
{
	int ret = afw_genl_send(g, msg);

	nlmsg_free(msg);
	if (ret) {
		g->extack[0] = '\0';
		g->extack_offset = 0;
		return ret;
	}
	return afw_genl_recv(g, cb, arg);
}

int afw_genl_join(struct afw_genl *g, const char *group)
{
	int grp, ret;

	grp = genl_ctrl_resolve_grp(g->sock, APPFW_GENL_NAME, group);
	if (grp < 0)
		return nle_to_errno(grp);
	ret = nl_socket_add_membership(g->sock, grp);
	return ret < 0 ? nle_to_errno(ret) : 0;
}

void afw_genl_perror(const struct afw_genl *g, int err, const char *what)
{
	if (!g->family) {
		if (err == -ENOENT)
			afw_log("the appfw module is not loaded (try: modprobe appfw)");
		else
			afw_log("cannot talk to the kernel: %s", strerror(-err));
		return;
	}
	if (err == -EPERM)
		afw_log("permission denied: CAP_NET_ADMIN needed");
	else if (g->extack[0])
		afw_log("%s: kernel: %s", what, g->extack);
	else if (err == -EBUSY)
		afw_log("%s: another process is changing the policy, try again",
			what);
	else if (err == -EINTR)
		afw_log("%s: interrupted by a concurrent change, try again", what);
	else if (err == -EPROTO)
		afw_log("%s: malformed reply from the kernel (module and tools out of step?)",
			what);
	else
		afw_log("%s: %s", what, strerror(-err));
}
