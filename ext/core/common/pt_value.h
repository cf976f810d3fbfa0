/*
 * participa core: a small generic value tree for method-specific result
 * details (tally rounds, pairwise matrices, tie-breaks).
 *
 * A tree is null/bool/int/rational/real/string/list/map; maps keep insertion
 * order. The PHP binding turns any tree into an array with one recursive
 * function, so a new tally method never needs binding code for its details.
 *
 * Ownership: every node is allocated through the pt_allocator given when it
 * was created; a container owns its children; pt_value_free() frees a whole
 * tree. The builder functions return NULL (or PT_ERR_NOMEM) on allocation
 * failure and then free the orphan child they were given, so a caller can
 * chain them and check once.
 */
#ifndef PT_VALUE_H
#define PT_VALUE_H

#include <stddef.h>
#include <stdint.h>
#include "core/common/pt_base.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum pt_value_type {
	PT_VALUE_NULL = 0,
	PT_VALUE_BOOL,
	PT_VALUE_INT,
	PT_VALUE_RATIONAL,   /* num/den, den > 0, lowest terms */
	PT_VALUE_STRING,
	PT_VALUE_LIST,
	PT_VALUE_MAP,
	PT_VALUE_HOST,       /* a host value with no plain form: u.s is its host text (a PHP float's
	                      * string), or NULL when it has none (an object) */
	PT_VALUE_REAL        /* a binary float the host shows as one (a page's 45.5 or 50.0): u.d */
} pt_value_type;

typedef struct pt_value pt_value;

struct pt_value {
	pt_value_type type;
	const pt_allocator *alloc;
	union {
		int b;
		int64_t i;
		double d;
		struct { int64_t num, den; } r;
		struct { char *s; size_t len; } s;           /* NUL-terminated copy */
		struct {
			pt_value **items;
			char **keys;                              /* maps only: NUL-terminated */
			size_t *key_lens;                         /* maps only */
			size_t count, cap;
		} c;
	} u;
};

pt_value *pt_value_null(const pt_allocator *a);
pt_value *pt_value_bool(const pt_allocator *a, int b);
pt_value *pt_value_int(const pt_allocator *a, int64_t i);
/* Reduced to lowest terms; den must not be 0 (a 0 den yields NULL). */
pt_value *pt_value_rational(const pt_allocator *a, int64_t num, int64_t den);
/* A float that stays one for the host (a rational 50/1 would become an integer). */
pt_value *pt_value_real(const pt_allocator *a, double d);
pt_value *pt_value_string(const pt_allocator *a, const char *s, size_t len);
pt_value *pt_value_cstr(const pt_allocator *a, const char *s);
/* A PT_VALUE_HOST; text may be NULL (no text). */
pt_value *pt_value_host(const pt_allocator *a, const char *text, size_t len);
pt_value *pt_value_list(const pt_allocator *a);
pt_value *pt_value_map(const pt_allocator *a);

/*
 * Appends child to a list / sets key in a map (keys are not checked for
 * duplicates: callers build maps from distinct ids). Takes ownership of
 * child even on failure (it is freed). A NULL child (a failed allocation
 * upstream) makes the call fail with PT_ERR_NOMEM. O(1) amortised.
 */
pt_status pt_value_push(pt_value *list, pt_value *child);
pt_status pt_value_set(pt_value *map, const char *key, size_t key_len, pt_value *child);
pt_status pt_value_setc(pt_value *map, const char *key, pt_value *child);

/* Map lookup by key (linear; details maps are small). NULL when absent. */
pt_value *pt_value_get(const pt_value *map, const char *key);

/* Frees v and everything under it. NULL is fine. */
void pt_value_free(pt_value *v);

/* Greatest common divisor (pt_gcd_u64(0, 0) is 0): the one copy, for rationals here and in the tally. */
uint64_t pt_gcd_u64(uint64_t x, uint64_t y);

#ifdef __cplusplus
}
#endif

#endif /* PT_VALUE_H */
