/* participa core: general hash map (see pt_hash.h). */
#include "core/common/pt_hash.h"

#include <pthread.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/random.h>
#endif

/* ------------------------------------------------------------ SipHash-1-3 */

static uint64_t sip_k0, sip_k1;
static pthread_once_t sip_once = PTHREAD_ONCE_INIT;

static void sip_init(void)
{
	uint64_t k[2] = { 0, 0 };

#if defined(__linux__)
	if (getentropy(k, sizeof(k)) != 0)
#endif
	{
		/* No entropy source: still differ from process to process. */
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		k[0] = (uint64_t)ts.tv_nsec * 0x9E3779B97F4A7C15ull ^ (uint64_t)getpid();
		k[1] = (uint64_t)ts.tv_sec * 0xC2B2AE3D27D4EB4Full ^ (uint64_t)(uintptr_t)&ts;
	}
	sip_k0 = k[0];
	sip_k1 = k[1];
}

#define ROTL(x, b) (uint64_t)(((x) << (b)) | ((x) >> (64 - (b))))
#define SIPROUND do { \
		v0 += v1; v1 = ROTL(v1, 13); v1 ^= v0; v0 = ROTL(v0, 32); \
		v2 += v3; v3 = ROTL(v3, 16); v3 ^= v2; \
		v0 += v3; v3 = ROTL(v3, 21); v3 ^= v0; \
		v2 += v1; v1 = ROTL(v1, 17); v1 ^= v2; v2 = ROTL(v2, 32); \
	} while (0)

uint64_t pt_hash_bytes(const void *key, size_t len)
{
	const unsigned char *p = key;
	uint64_t v0, v1, v2, v3, m, b = (uint64_t)len << 56;
	size_t i, full = len & ~(size_t)7;

	pthread_once(&sip_once, sip_init);
	v0 = sip_k0 ^ 0x736f6d6570736575ull;
	v1 = sip_k1 ^ 0x646f72616e646f6dull;
	v2 = sip_k0 ^ 0x6c7967656e657261ull;
	v3 = sip_k1 ^ 0x7465646279746573ull;
	for (i = 0; i < full; i += 8) {
		memcpy(&m, p + i, 8);   /* little-endian hosts; the value only needs to be a good hash */
		v3 ^= m;
		SIPROUND;
		v0 ^= m;
	}
	for (i = 0; i < (len & 7); i++) {
		b |= (uint64_t)p[full + i] << (8 * i);
	}
	v3 ^= b;
	SIPROUND;
	v0 ^= b;
	v2 ^= 0xff;
	SIPROUND;
	SIPROUND;
	SIPROUND;
	return v0 ^ v1 ^ v2 ^ v3;
}

uint64_t pt_hash_bytes_fast(const void *key, size_t len)
{
	const unsigned char *p = key;
	uint64_t h = (uint64_t)len * 0x9E3779B97F4A7C15ull, m;
	size_t i, full = len & ~(size_t)7;

	/* 8 bytes a step, multiply-xorshift mixing (the murmur3 finaliser's constants) */
	for (i = 0; i < full; i += 8) {
		memcpy(&m, p + i, 8);
		h = (h ^ m) * 0xff51afd7ed558ccdull;
		h ^= h >> 32;
	}
	for (m = 0, i = 0; i < (len & 7); i++) {
		m |= (uint64_t)p[full + i] << (8 * i);
	}
	h = (h ^ m) * 0xc4ceb9fe1a85ec53ull;
	return h ^ (h >> 29);
}

/* ------------------------------------------------------------------- map */

void pt_hash_init(pt_hash *h, const pt_allocator *a)
{
	memset(h, 0, sizeof(*h));
	h->alloc = a;
}

void pt_hash_init_fast(pt_hash *h, const pt_allocator *a)
{
	pt_hash_init(h, a);
	h->fast = 1;
}

static uint64_t key_hash(const pt_hash *h, const void *key, size_t len)
{
	return h->fast ? pt_hash_bytes_fast(key, len) : pt_hash_bytes(key, len);
}

static int same(const pt_hash_slot *s, uint64_t hash, const void *key, size_t len)
{
	return s->hash == hash && s->len == len && (len == 0 || memcmp(s->key, key, len) == 0);
}

/* The slot holding key, or the empty slot where it would go. cap > 0. */
static pt_hash_slot *probe(pt_hash_slot *slots, size_t cap, uint64_t hash, const void *key, size_t len)
{
	size_t i = (size_t)hash & (cap - 1);

	while (slots[i].key && !same(&slots[i], hash, key, len)) {
		i = (i + 1) & (cap - 1);
	}
	return &slots[i];
}

static pt_status grow(pt_hash *h)
{
	size_t cap = h->cap ? h->cap * 2 : 16, i;
	pt_hash_slot *n;

	if (cap > SIZE_MAX / 2 / sizeof(*n)) {
		return PT_ERR_NOMEM;
	}
	n = pt_calloc(h->alloc, cap, sizeof(*n));
	if (!n) {
		return PT_ERR_NOMEM;
	}
	for (i = 0; i < h->cap; i++) {
		if (h->slots[i].key) {
			*probe(n, cap, h->slots[i].hash, h->slots[i].key, h->slots[i].len) = h->slots[i];
		}
	}
	pt_free(h->alloc, h->slots);
	h->slots = n;
	h->cap = cap;
	return PT_OK;
}

pt_status pt_hash_add(pt_hash *h, const void *key, size_t len, void *value)
{
	/* An empty key still needs a non-NULL pointer: NULL marks empty slots. */
	static const char empty_key[1];
	pt_hash_slot *s;
	uint64_t hash;

	if (!key) {
		key = empty_key;
	}
	hash = key_hash(h, key, len);
	if (h->cap && (s = probe(h->slots, h->cap, hash, key, len))->key) {
		return PT_ERR_CONFLICT;
	}
	if ((h->count + 1) * 2 > h->cap && grow(h) != PT_OK) {
		return PT_ERR_NOMEM;
	}
	s = probe(h->slots, h->cap, hash, key, len);
	s->key = key;
	s->len = len;
	s->hash = hash;
	s->value = value;
	h->count++;
	return PT_OK;
}

int pt_hash_find(const pt_hash *h, const void *key, size_t len, void **value)
{
	const pt_hash_slot *s;

	if (!h->cap) {
		return 0;
	}
	s = probe(h->slots, h->cap, key_hash(h, key ? key : "", len), key ? key : "", len);
	if (!s->key) {
		return 0;
	}
	if (value) {
		*value = s->value;
	}
	return 1;
}

int pt_hash_remove(pt_hash *h, const void *key, size_t len)
{
	size_t mask = h->cap - 1, i, j, home;
	pt_hash_slot *s;

	if (!h->cap) {
		return 0;
	}
	s = probe(h->slots, h->cap, key_hash(h, key ? key : "", len), key ? key : "", len);
	if (!s->key) {
		return 0;
	}
	/* backward-shift deletion (Knuth 6.4 R): no tombstones, every probe run stays unbroken */
	i = (size_t)(s - h->slots);
	for (j = (i + 1) & mask; h->slots[j].key; j = (j + 1) & mask) {
		home = (size_t)h->slots[j].hash & mask;
		/* slot j may move to the hole i when its home is not in (i, j] cyclically */
		if (((j - home) & mask) >= ((j - i) & mask)) {
			h->slots[i] = h->slots[j];
			i = j;
		}
	}
	memset(&h->slots[i], 0, sizeof(h->slots[i]));
	h->count--;
	return 1;
}

void pt_hash_free(pt_hash *h)
{
	pt_free(h->alloc, h->slots);
	h->slots = NULL;
	h->cap = h->count = 0;   /* the hash-function choice stays */
}
