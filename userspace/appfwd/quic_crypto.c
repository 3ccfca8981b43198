// SPDX-License-Identifier: GPL-2.0
/*
 * Initial secrets (RFC 9001 5.2, RFC 9369 3.3) and packet protection,
 * all through libcrypto: HKDF-SHA256 on its HMAC, AES-128-ECB for
 * header protection and AES-128-GCM for the payload from EVP_CIPHER.
 * Nothing here is hand-written cryptography; it only lays out the inputs
 * QUIC defines.
 */
#include <errno.h>
#include <pthread.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
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

/*
 * Fetching an algorithm from OpenSSL 3's providers costs more than using
 * it (EVP_aes_128_gcm() and the HKDF KDF fetch on every use, and EVP_KDF
 * contexts cannot be copied in 3.0): fetch each once and copy a prepared
 * HMAC-SHA256 context per use. The objects are immutable once made and
 * shared by the queue threads.
 */
static struct {
	pthread_once_t once;
	EVP_MAC_CTX *hmac;	/* digest set, no key: dup'ed per use */
	EVP_CIPHER *gcm, *ecb;
} algs = { .once = PTHREAD_ONCE_INIT };

static void fetch_algs(void)
{
	OSSL_PARAM params[] = {
		OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
						 (char *)"SHA256", 0),
		OSSL_PARAM_construct_end(),
	};
	EVP_MAC *mac = EVP_MAC_fetch(NULL, OSSL_MAC_NAME_HMAC, NULL);

	if (mac)
		algs.hmac = EVP_MAC_CTX_new(mac);
	EVP_MAC_free(mac);
	if (algs.hmac && EVP_MAC_CTX_set_params(algs.hmac, params) != 1) {
		EVP_MAC_CTX_free(algs.hmac);
		algs.hmac = NULL;
	}
	algs.gcm = EVP_CIPHER_fetch(NULL, "AES-128-GCM", NULL);
	algs.ecb = EVP_CIPHER_fetch(NULL, "AES-128-ECB", NULL);
}

static bool have_algs(void)
{
	pthread_once(&algs.once, fetch_algs);
	return algs.hmac && algs.gcm && algs.ecb;
}

/* HMAC-SHA256(key, a || b) into out[SECRET_LEN]. */
static int hmac(const uint8_t *key, size_t key_len, const uint8_t *a,
		size_t a_len, const uint8_t *b, size_t b_len,
		uint8_t out[SECRET_LEN])
{
	EVP_MAC_CTX *ctx;
	size_t n = 0;
	int ok;

	if (!have_algs())
		return -ENOSYS;
	ctx = EVP_MAC_CTX_dup(algs.hmac);
	if (!ctx)
		return -ENOMEM;
	ok = EVP_MAC_init(ctx, key, key_len, NULL) == 1 &&
	     EVP_MAC_update(ctx, a, a_len) == 1 &&
	     (!b_len || EVP_MAC_update(ctx, b, b_len) == 1) &&
	     EVP_MAC_final(ctx, out, &n, SECRET_LEN) == 1 && n == SECRET_LEN;
	EVP_MAC_CTX_free(ctx);
	return ok ? 0 : -EIO;
}

/*
 * HKDF (RFC 5869) on libcrypto's HMAC. Every output QUIC's Initial keys
 * need is at most one hash long, so Expand is its first block only:
 * T(1) = HMAC(PRK, info || 0x01).
 */
static int hkdf_extract(const uint8_t *salt, size_t salt_len,
			const uint8_t *ikm, size_t ikm_len,
			uint8_t prk[SECRET_LEN])
{
	return hmac(salt, salt_len, ikm, ikm_len, NULL, 0, prk);
}

static int hkdf_expand(const uint8_t prk[SECRET_LEN], const uint8_t *info,
		       size_t info_len, uint8_t *out, size_t out_len)
{
	static const uint8_t one = 1;
	uint8_t t[SECRET_LEN];
	int ret;

	if (out_len > SECRET_LEN)
		return -EINVAL;
	ret = hmac(prk, SECRET_LEN, info, info_len, &one, 1, t);
	if (!ret)
		memcpy(out, t, out_len);
	OPENSSL_cleanse(t, sizeof(t));
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
	return hkdf_expand(secret, info, 10 + n, out, out_len);
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
	ret = hkdf_extract(s->salt, sizeof(s->salt), dcid, dcid_len, initial);
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
	uint8_t block[QUIC_SAMPLE_LEN + 16];
	EVP_CIPHER_CTX *ctx;
	int n, ret = -EIO;

	if (!have_algs())
		return -ENOSYS;
	ctx = EVP_CIPHER_CTX_new();
	if (!ctx)
		return -ENOMEM;
	if (EVP_EncryptInit_ex(ctx, algs.ecb, NULL, hp, NULL) == 1 &&
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
	if (!have_algs())
		return -ENOSYS;
	ctx = EVP_CIPHER_CTX_new();
	if (!ctx)
		return -ENOMEM;
	ok = EVP_CipherInit_ex(ctx, algs.gcm, NULL, NULL, NULL,
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
