// SPDX-License-Identifier: GPL-2.0
/*
 * Initial secrets (RFC 9001 5.2, RFC 9369 3.3) and packet protection,
 * all through libcrypto: HKDF-SHA256 from EVP_KDF "HKDF", AES-128-ECB for
 * header protection and AES-128-GCM for the payload from EVP_CIPHER.
 * Nothing here is hand-written cryptography; it only lays out the inputs
 * QUIC defines.
 */
#include <errno.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

#include "quic_crypto.h"

#define SECRET_LEN 32		/* SHA-256 */
#define LABEL_MAX 32

struct quic_salt {
	uint32_t version;
	uint8_t salt[20];
	const char *key, *iv, *hp;	/* HKDF labels, without "tls13 " */
};

static const struct quic_salt salts[] = {
	{ AFW_QUIC_V1,
	  { 0x38, 0x76, 0x2c, 0xf7, 0xf5, 0x59, 0x34, 0xb3, 0x4d, 0x17,
	    0x9a, 0xe6, 0xa4, 0xc8, 0x0c, 0xad, 0xcc, 0xbb, 0x7f, 0x0a },
	  "quic key", "quic iv", "quic hp" },
	{ AFW_QUIC_V2,
	  { 0x0d, 0xed, 0xe3, 0xde, 0xf7, 0x00, 0xa6, 0xdb, 0x81, 0x93,
	    0x81, 0xbe, 0x6e, 0x26, 0x9d, 0xcb, 0xf9, 0xbd, 0x2e, 0xd9 },
	  "quicv2 key", "quicv2 iv", "quicv2 hp" },
};

/* One HKDF step: EXTRACT_ONLY (salt, key) or EXPAND_ONLY (key, info). */
static int hkdf(int mode, const uint8_t *key, size_t key_len,
		const uint8_t *salt, size_t salt_len, const uint8_t *info,
		size_t info_len, uint8_t *out, size_t out_len)
{
	OSSL_PARAM params[6], *p = params;
	EVP_KDF_CTX *ctx = NULL;
	EVP_KDF *kdf;
	int ret = -EIO;

	kdf = EVP_KDF_fetch(NULL, OSSL_KDF_NAME_HKDF, NULL);
	if (kdf)
		ctx = EVP_KDF_CTX_new(kdf);
	EVP_KDF_free(kdf);
	if (!ctx)
		return -ENOMEM;
	*p++ = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST,
						(char *)"SHA256", 0);
	*p++ = OSSL_PARAM_construct_int(OSSL_KDF_PARAM_MODE, &mode);
	*p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY,
						 (void *)key, key_len);
	if (salt)
		*p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT,
							 (void *)salt, salt_len);
	if (info)
		*p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO,
							 (void *)info, info_len);
	*p = OSSL_PARAM_construct_end();
	if (EVP_KDF_derive(ctx, out, out_len, params) == 1)
		ret = 0;
	EVP_KDF_CTX_free(ctx);
	return ret;
}

/* HKDF-Expand-Label (RFC 8446 7.1) with an empty context. */
static int expand_label(const uint8_t secret[SECRET_LEN], const char *label,
			uint8_t *out, size_t out_len)
{
	uint8_t info[4 + 6 + LABEL_MAX];
	size_t n = strlen(label);

	if (n > LABEL_MAX)
		return -EINVAL;
	info[0] = (uint8_t)(out_len >> 8);
	info[1] = (uint8_t)out_len;
	info[2] = (uint8_t)(6 + n);
	memcpy(info + 3, "tls13 ", 6);
	memcpy(info + 9, label, n);
	info[9 + n] = 0;
	return hkdf(EVP_KDF_HKDF_MODE_EXPAND_ONLY, secret, SECRET_LEN, NULL, 0,
		    info, 10 + n, out, out_len);
}

int afw_quic_initial_keys(uint32_t version, const uint8_t *dcid,
			  size_t dcid_len, bool server,
			  struct afw_quic_keys *keys)
{
	uint8_t initial[SECRET_LEN], secret[SECRET_LEN];
	const struct quic_salt *s = NULL;
	size_t i;
	int ret;

	for (i = 0; i < sizeof(salts) / sizeof(salts[0]); i++)
		if (salts[i].version == version)
			s = &salts[i];
	if (!s)
		return -EPROTONOSUPPORT;
	/* libcrypto's HKDF refuses an empty key; so does RFC 9000 7.2. */
	if (!dcid_len || dcid_len > AFW_QUIC_CID_MAX)
		return -EINVAL;
	ret = hkdf(EVP_KDF_HKDF_MODE_EXTRACT_ONLY, dcid, dcid_len, s->salt,
		   sizeof(s->salt), NULL, 0, initial, sizeof(initial));
	if (!ret)
		ret = expand_label(initial, server ? "server in" : "client in",
				   secret, sizeof(secret));
	if (!ret)
		ret = expand_label(secret, s->key, keys->key, sizeof(keys->key));
	if (!ret)
		ret = expand_label(secret, s->iv, keys->iv, sizeof(keys->iv));
	if (!ret)
		ret = expand_label(secret, s->hp, keys->hp, sizeof(keys->hp));
	OPENSSL_cleanse(initial, sizeof(initial));
	OPENSSL_cleanse(secret, sizeof(secret));
	return ret;
}

int quic_hp_mask(const uint8_t hp[16], const uint8_t *sample,
		 uint8_t mask[5])
{
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	uint8_t block[QUIC_SAMPLE_LEN + 16];
	int n, ret = -EIO;

	if (!ctx)
		return -ENOMEM;
	if (EVP_EncryptInit_ex(ctx, EVP_aes_128_ecb(), NULL, hp, NULL) == 1 &&
	    EVP_CIPHER_CTX_set_padding(ctx, 0) == 1 &&
	    EVP_EncryptUpdate(ctx, block, &n, sample, QUIC_SAMPLE_LEN) == 1 &&
	    n == QUIC_SAMPLE_LEN) {
		memcpy(mask, block, 5);
		ret = 0;
	}
	EVP_CIPHER_CTX_free(ctx);
	return ret;
}

int quic_aead(bool encrypt, const struct afw_quic_keys *keys, uint64_t pn,
	      const uint8_t *aad, size_t aad_len, uint8_t *buf, size_t len,
	      uint8_t tag[QUIC_TAG_LEN])
{
	uint8_t nonce[12], final[16];
	EVP_CIPHER_CTX *ctx;
	int n, ok, i;

	if (aad_len > INT32_MAX || len > INT32_MAX)
		return -EINVAL;
	/* RFC 9001 5.3: the packet number, left-padded, XOR the IV. */
	memcpy(nonce, keys->iv, sizeof(nonce));
	for (i = 0; i < 8; i++)
		nonce[11 - i] ^= (uint8_t)(pn >> (8 * i));
	ctx = EVP_CIPHER_CTX_new();
	if (!ctx)
		return -ENOMEM;
	ok = EVP_CipherInit_ex(ctx, EVP_aes_128_gcm(), NULL, NULL, NULL,
			       encrypt) == 1 &&
	     EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, sizeof(nonce),
				 NULL) == 1 &&
	     EVP_CipherInit_ex(ctx, NULL, NULL, keys->key, nonce, encrypt) == 1 &&
	     (encrypt || EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG,
					     QUIC_TAG_LEN, tag) == 1) &&
	     EVP_CipherUpdate(ctx, NULL, &n, aad, (int)aad_len) == 1 &&
	     EVP_CipherUpdate(ctx, buf, &n, buf, (int)len) == 1;
	if (!ok) {
		EVP_CIPHER_CTX_free(ctx);
		return -EIO;
	}
	/* Only the tag check can fail here; nothing more is written. */
	ok = EVP_CipherFinal_ex(ctx, final, &n) == 1 &&
	     (!encrypt || EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG,
					      QUIC_TAG_LEN, tag) == 1);
	EVP_CIPHER_CTX_free(ctx);
	if (!ok)
		return encrypt ? -EIO : -EBADMSG;
	return 0;
}
