/* SPDX-License-Identifier: GPL-2.0 OR MIT */
#ifndef APPFW_VERSION_H
#define APPFW_VERSION_H

/* One version for the module and the tools; `appfw status` shows both. */
#define APPFW_VERSION "0.1.0"

#endif
