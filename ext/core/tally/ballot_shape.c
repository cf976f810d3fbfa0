/*
 * participa core: the ballot shapes (ballot_shape.h) over pt_value trees: pt_profile_add_value().
 * The PHP binding compiles the same walk over zvals (ext/php/tally.c).
 */
#include <stdint.h>
#include "core/common/pt_value.h"
#include "core/tally/tally.h"

typedef const pt_value *pt_bs_node;

static inline int pt_bs_is_null(pt_bs_node n)
{
	return n->type == PT_VALUE_NULL;
}

static inline int pt_bs_is_int(pt_bs_node n)
{
	return n->type == PT_VALUE_INT;
}

static inline int pt_bs_is_str(pt_bs_node n)
{
	return n->type == PT_VALUE_STRING;
}

static inline int pt_bs_is_list(pt_bs_node n)
{
	return n->type == PT_VALUE_LIST || n->type == PT_VALUE_MAP;
}

static inline const char *pt_bs_str(pt_bs_node n, size_t *len)
{
	*len = n->u.s.len;
	return n->u.s.s;
}

static inline int64_t pt_bs_int(pt_bs_node n)
{
	return n->u.i;
}

static inline pt_bs_node pt_bs_get(pt_bs_node c, const char *key, size_t len)
{
	(void)len;
	return c->type == PT_VALUE_MAP ? pt_value_get(c, key) : NULL;
}

typedef struct pt_bs_iter {
	const pt_value *c;
	size_t i;
} pt_bs_iter;

static inline void pt_bs_first(pt_bs_node c, pt_bs_iter *it)
{
	it->c = c;
	it->i = 0;
}

static inline pt_bs_node pt_bs_next(pt_bs_iter *it)
{
	return it->i < it->c->u.c.count ? it->c->u.c.items[it->i++] : NULL;
}

/* A map's keys are its own; a list's are its positions. */
static inline const char *pt_bs_key(const pt_bs_iter *it, size_t *len, int64_t *index)
{
	size_t i = it->i - 1;

	*len = it->c->type == PT_VALUE_MAP ? it->c->u.c.key_lens[i] : 0;
	*index = (int64_t)i;
	return it->c->type == PT_VALUE_MAP ? it->c->u.c.keys[i] : NULL;
}

#include "core/tally/ballot_shape.h"

pt_status pt_profile_add_value(pt_profile *p, const pt_value *v, pt_error *err)
{
	return pt_bs_add_ballot(p, v, err);
}
