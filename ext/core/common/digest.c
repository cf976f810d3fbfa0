/* participa core: SHA-256 over libcrypto's EVP interface (see digest.h). */
#include "core/common/digest.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

struct pt_sha256 {
	EVP_MD_CTX *ctx;
};

pt_sha256 *pt_sha256_begin(void)
{
	pt_sha256 *h = pt_alloc(NULL, sizeof(*h));

	if (!h) {
		return NULL;
	}
	h->ctx = EVP_MD_CTX_new();
	if (!h->ctx || EVP_DigestInit_ex(h->ctx, EVP_sha256(), NULL) != 1) {
		EVP_MD_CTX_free(h->ctx);
		pt_free(NULL, h);
		return NULL;
	}
	return h;
}

void pt_sha256_update(pt_sha256 *h, const void *data, size_t len)
{
	if (len) {
		EVP_DigestUpdate(h->ctx, data, len);
	}
}

void pt_sha256_finish(pt_sha256 *h, uint8_t out[PT_SHA256_BYTES])
{
	unsigned int n = PT_SHA256_BYTES;

	EVP_DigestFinal_ex(h->ctx, out, &n);
	EVP_MD_CTX_free(h->ctx);
	pt_free(NULL, h);
}

void pt_sha256_abort(pt_sha256 *h)
{
	if (h) {
		EVP_MD_CTX_free(h->ctx);
		pt_free(NULL, h);
	}
}

pt_status pt_sha256_once(const void *data, size_t len, uint8_t out[PT_SHA256_BYTES], pt_error *err)
{
	unsigned int n = PT_SHA256_BYTES;

	if (EVP_Digest(data, len, out, &n, EVP_sha256(), NULL) != 1) {
		return pt_error_set(err, PT_ERR_INTERNAL, "SHA-256 failed in libcrypto");
	}
	return PT_OK;
}

void pt_sha256_hex(const uint8_t digest[PT_SHA256_BYTES], char out[PT_SHA256_HEX])
{
	static const char hex[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < PT_SHA256_BYTES; i++) {
		out[2 * i] = hex[digest[i] >> 4];
		out[2 * i + 1] = hex[digest[i] & 15];
	}
	out[2 * PT_SHA256_BYTES] = '\0';
}

const char *pt_digest_library_version(void)
{
	return OpenSSL_version(OPENSSL_VERSION);
}
