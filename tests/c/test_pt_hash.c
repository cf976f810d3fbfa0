/*
 * pt_hash: the general byte-string -> pointer map of ext/core (borrowed keys,
 * SipHash-1-3 under a per-process key, linear probing).
 */
#include "pt_test.h"
#include "core/common/pt_hash.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

PT_TEST(add_find_conflict)
{
	pt_hash h;
	void *v = NULL;

	pt_hash_init(&h, NULL);
	PT_CHECK(!pt_hash_find(&h, "a", 1, &v));              /* empty map: nothing allocated yet */
	PT_CHECK_EQ_INT(pt_hash_add(&h, "a", 1, (void *)1), PT_OK);
	PT_CHECK_EQ_INT(pt_hash_add(&h, "a", 1, (void *)2), PT_ERR_CONFLICT);
	PT_CHECK(pt_hash_find(&h, "a", 1, &v) && v == (void *)1);   /* the first value stays */
	PT_CHECK(!pt_hash_find(&h, "ab", 2, &v));
	PT_CHECK(!pt_hash_find(&h, "a", 0, &v));
	PT_CHECK_EQ_INT(pt_hash_add(&h, "", 0, (void *)3), PT_OK);  /* the empty key is a key */
	PT_CHECK(pt_hash_find(&h, NULL, 0, &v) && v == (void *)3);
	PT_CHECK(pt_hash_find(&h, "a", 1, NULL));
	PT_CHECK_EQ_INT(h.count, 2);
	pt_hash_free(&h);
	PT_CHECK(!pt_hash_find(&h, "a", 1, &v));
	PT_CHECK_EQ_INT(pt_hash_add(&h, "a", 1, (void *)4), PT_OK); /* reusable after free */
	pt_hash_free(&h);
}

PT_TEST(keys_with_nul_bytes_compare_by_length)
{
	pt_hash h;
	void *v = NULL;

	pt_hash_init(&h, NULL);
	PT_CHECK_EQ_INT(pt_hash_add(&h, "id\0x", 4, (void *)1), PT_OK);
	PT_CHECK_EQ_INT(pt_hash_add(&h, "id", 2, (void *)2), PT_OK);
	PT_CHECK_EQ_INT(pt_hash_add(&h, "id\0y", 4, (void *)3), PT_OK);
	PT_CHECK(pt_hash_find(&h, "id", 2, &v) && v == (void *)2);
	PT_CHECK(pt_hash_find(&h, "id\0x", 4, &v) && v == (void *)1);
	PT_CHECK(pt_hash_find(&h, "id\0y", 4, &v) && v == (void *)3);
	PT_CHECK(!pt_hash_find(&h, "id\0", 3, &v));
	pt_hash_free(&h);
}

PT_TEST(many_keys)
{
	enum { N = 200000 };
	static char keys[N][12];
	pt_hash h;
	size_t i, missing = 0, wrong = 0;
	void *v;

	pt_hash_init(&h, NULL);
	for (i = 0; i < N; i++) {
		snprintf(keys[i], sizeof(keys[i]), "k%zu", i);
		if (pt_hash_add(&h, keys[i], strlen(keys[i]), (void *)(uintptr_t)(i + 1)) != PT_OK) missing++;
	}
	for (i = 0; i < N; i++) {
		if (!pt_hash_find(&h, keys[i], strlen(keys[i]), &v)) missing++;
		else if (v != (void *)(uintptr_t)(i + 1)) wrong++;
	}
	PT_CHECK_EQ_INT(missing, 0);
	PT_CHECK_EQ_INT(wrong, 0);
	PT_CHECK_EQ_INT(h.count, N);
	PT_CHECK(h.cap >= 2 * h.count);     /* load factor at most 1/2 */
	PT_CHECK(!pt_hash_find(&h, "k200000", 7, &v));
	pt_hash_free(&h);
}

PT_TEST(hash_is_keyed_and_spreads)
{
	/* Same input, same hash within a process; neighbouring keys land far apart. */
	uint64_t a = pt_hash_bytes("participa", 9), b = pt_hash_bytes("participa", 9), c = pt_hash_bytes("participb", 9);
	int bits = 0;
	uint64_t x;

	PT_CHECK(a == b);
	for (x = a ^ c; x; x &= x - 1) bits++;
	PT_CHECK(bits > 16 && bits < 48);
	PT_CHECK(pt_hash_bytes("", 0) != pt_hash_bytes("\0", 1));
}

int main(void)
{
	PT_RUN(add_find_conflict);
	PT_RUN(keys_with_nul_bytes_compare_by_length);
	PT_RUN(many_keys);
	PT_RUN(hash_is_keyed_and_spreads);
	return pt_test_summary("test_pt_hash");
}
