/*
 * participa core: one general hash map from byte-string keys to pointers.
 *
 * Open addressing with linear probing, load factor at most 1/2, keyed by
 * SipHash-1-3 with a per-process random key (so an attacker who chooses
 * the keys, e.g. the names in a data map, cannot make every key collide).
 * Keys are borrowed: the map stores the pointer and length it was given,
 * and the caller keeps the bytes alive and unchanged while the map lives.
 * Keys may hold any byte, NUL included; they compare by length, then bytes.
 *
 * Memory comes from the pt_allocator given at init (NULL: libc), so a map
 * built for a request is bounded by memory_limit.
 *
 * One hash-function choice: pt_hash_init() keys by SipHash (the default, for
 * keys an outsider may choose); pt_hash_init_fast() by a seed-less multiply-xorshift hash for a
 * hot path whose keys are bounded by the caller (a count's candidate ids and
 * roles, ballots grouped by content): same map, same results, no flooding
 * defence, so use it only where the number of keys is small or the cost of
 * collisions is bounded by other limits.
 */
#ifndef PT_HASH_H
#define PT_HASH_H

#include <stddef.h>
#include <stdint.h>
#include "core/common/pt_base.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pt_hash_slot {
	const void *key;       /* borrowed; NULL marks an empty slot */
	size_t len;
	uint64_t hash;
	void *value;
} pt_hash_slot;

typedef struct pt_hash {
	const pt_allocator *alloc;
	pt_hash_slot *slots;   /* cap entries, cap a power of two (0 before the first add) */
	size_t cap, count;
	int fast;              /* 1: the fast hash (pt_hash_init_fast), 0: SipHash */
} pt_hash;

/* An empty map allocating through a (NULL: libc). Allocates nothing yet. */
void pt_hash_init(pt_hash *h, const pt_allocator *a);

/* The same, hashed by the seed-less fast hash (see above: only for keys the caller bounds). */
void pt_hash_init_fast(pt_hash *h, const pt_allocator *a);

/*
 * Adds key -> value. PT_OK when added; PT_ERR_CONFLICT when the key is
 * already there (the map keeps the first value: callers scanning in order
 * get the "first one wins" of a linear search); PT_ERR_NOMEM (the map is
 * unchanged). O(1) expected, amortised over growth.
 */
pt_status pt_hash_add(pt_hash *h, const void *key, size_t len, void *value);

/* Sets *value (may be NULL) and returns 1 when key is present; 0 otherwise. O(1) expected. */
int pt_hash_find(const pt_hash *h, const void *key, size_t len, void **value);

/* Removes key; 1 when it was there, 0 otherwise. O(1) expected (no tombstones). */
int pt_hash_remove(pt_hash *h, const void *key, size_t len);

/* Frees the slots; the map is empty again and reusable. Keys and values are not touched. */
void pt_hash_free(pt_hash *h);

/* SipHash-1-3 of the bytes under the process key (exposed for tests and for callers' own tables). */
uint64_t pt_hash_bytes(const void *key, size_t len);

/* Seed-less multiply-xorshift hash of the bytes, 8 at a time: the fast mode's hash. */
uint64_t pt_hash_bytes_fast(const void *key, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* PT_HASH_H */
