/*
 * participa core: SHA-256, over OpenSSL's libcrypto (a well-kept library:
 * no hand-written hashing). Used for the digest of a process's canonical
 * ballot list and for the chained history of commitments.
 */
#ifndef PT_DIGEST_H
#define PT_DIGEST_H

#include <stddef.h>
#include <stdint.h>
#include "core/common/pt_base.h"

#define PT_SHA256_BYTES 32
#define PT_SHA256_HEX   65   /* 64 hex digits + NUL */

/* Incremental hashing. A context must be finished (or aborted) exactly once. */
typedef struct pt_sha256 pt_sha256;

/* NULL on allocation failure. */
pt_sha256 *pt_sha256_begin(void);
void pt_sha256_update(pt_sha256 *h, const void *data, size_t len);
/* Writes the digest, frees the context. */
void pt_sha256_finish(pt_sha256 *h, uint8_t out[PT_SHA256_BYTES]);
/* Frees the context without a digest. NULL is fine. */
void pt_sha256_abort(pt_sha256 *h);

/* One-shot digest; PT_ERR_NOMEM or PT_ERR_INTERNAL if libcrypto fails. */
pt_status pt_sha256_once(const void *data, size_t len, uint8_t out[PT_SHA256_BYTES], pt_error *err);

/* Lower-case hex of a digest into out (PT_SHA256_HEX bytes, NUL-terminated). */
void pt_sha256_hex(const uint8_t digest[PT_SHA256_BYTES], char out[PT_SHA256_HEX]);

/* Version string of the libcrypto in use. */
const char *pt_digest_library_version(void);

#endif
