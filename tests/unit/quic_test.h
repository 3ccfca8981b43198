/* SPDX-License-Identifier: GPL-2.0 */
/* Helpers the QUIC unit tests share (test_quic.c defines them). */
#ifndef APPFW_QUIC_TEST_H
#define APPFW_QUIC_TEST_H

#include <stddef.h>
#include <stdint.h>

/* Hex digits, spaces allowed between bytes, into out; returns the count. */
size_t quic_test_unhex(const char *s, uint8_t *out, size_t max);

#endif
