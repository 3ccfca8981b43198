/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The libcrypto calls behind quic.c: header protection masks and the
 * AES-128-GCM packet AEAD of RFC 9001 5.3-5.4. Private to the QUIC code.
 */
#ifndef APPFWD_QUIC_CRYPTO_H
#define APPFWD_QUIC_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "quic.h"

#define QUIC_TAG_LEN 16
#define QUIC_SAMPLE_LEN 16

/* mask[0..5) = AES-ECB(hp, sample[0..16)). 0 or -EIO. */
int quic_hp_mask(const uint8_t hp[16], const uint8_t *sample,
		 uint8_t mask[5]);

/*
 * Seals (encrypt) or opens buf[0..len) in place with the nonce iv ^ pn and
 * the header aad[0..aad_len) as associated data; tag is the 16 bytes after
 * the ciphertext. 0, -EBADMSG when opening fails to authenticate, -EIO.
 */
int quic_aead(bool encrypt, const struct afw_quic_keys *keys, uint64_t pn,
	      const uint8_t *aad, size_t aad_len, uint8_t *buf, size_t len,
	      uint8_t tag[QUIC_TAG_LEN]);

#endif
