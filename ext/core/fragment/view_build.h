/*
 * participa core: a view model under construction (ballot_form.c, process_view.c).
 *
 * Every call takes the builder, whose status is sticky: after the first
 * failed allocation every later call frees what it was given and does
 * nothing, so a builder function chains its calls and checks vb.s once.
 * Internal to ext/core/fragment; static inline, no state.
 */
#ifndef PT_FRAGMENT_VIEW_BUILD_H
#define PT_FRAGMENT_VIEW_BUILD_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "core/common/pt_value.h"
#include "core/fragment/fragment_host.h"

typedef struct pt_vb {
	const pt_fragment_host *h;
	const pt_allocator *a;
	pt_status s;
} pt_vb;

static inline pt_value *pt_vb_new(pt_vb *b, pt_value *v)
{
	if (!v && b->s == PT_OK) {
		b->s = PT_ERR_NOMEM;
	}
	return v;
}

static inline pt_value *pt_vb_map(pt_vb *b)
{
	return pt_vb_new(b, b->s == PT_OK ? pt_value_map(b->a) : NULL);
}

static inline pt_value *pt_vb_list(pt_vb *b)
{
	return pt_vb_new(b, b->s == PT_OK ? pt_value_list(b->a) : NULL);
}

/* m[key] = v (v owned; freed when the builder failed or m is NULL). Returns v (borrowed) or NULL. */
static inline pt_value *pt_vb_set(pt_vb *b, pt_value *m, const char *key, pt_value *v)
{
	if (b->s != PT_OK || !m || !v) {
		pt_value_free(v);
		b->s = b->s != PT_OK ? b->s : PT_ERR_NOMEM;
		return NULL;
	}
	if (pt_value_setc(m, key, v) != PT_OK) {
		b->s = PT_ERR_NOMEM;
		return NULL;
	}
	return v;
}

/* Appends v to l (as pt_vb_set()). */
static inline pt_value *pt_vb_push(pt_vb *b, pt_value *l, pt_value *v)
{
	if (b->s != PT_OK || !l || !v) {
		pt_value_free(v);
		b->s = b->s != PT_OK ? b->s : PT_ERR_NOMEM;
		return NULL;
	}
	if (pt_value_push(l, v) != PT_OK) {
		b->s = PT_ERR_NOMEM;
		return NULL;
	}
	return v;
}

static inline void pt_vb_str(pt_vb *b, pt_value *m, const char *key, const char *s)
{
	pt_vb_set(b, m, key, b->s == PT_OK ? pt_value_cstr(b->a, s ? s : "") : NULL);
}

/* m[key] = the catalogued Spanish es in the host's language. */
static inline void pt_vb_text(pt_vb *b, pt_value *m, const char *key, const char *es)
{
	pt_vb_str(b, m, key, pt_fragment_text(b->h, es));
}

static inline void pt_vb_bool(pt_vb *b, pt_value *m, const char *key, bool v)
{
	pt_vb_set(b, m, key, b->s == PT_OK ? pt_value_bool(b->a, v) : NULL);
}

static inline void pt_vb_int(pt_vb *b, pt_value *m, const char *key, int64_t v)
{
	pt_vb_set(b, m, key, b->s == PT_OK ? pt_value_int(b->a, v) : NULL);
}

/* m[key] = the catalogued Spanish format es (one %lld) in the host's language, with n. */
static inline void pt_vb_text_n(pt_vb *b, pt_value *m, const char *key, const char *es, long long n)
{
	char out[512];

	snprintf(out, sizeof(out), pt_fragment_text(b->h, es), n);
	pt_vb_str(b, m, key, out);
}

/* m[key] = the catalogued Spanish format es (one %s) in the host's language, with arg. */
static inline void pt_vb_text_s(pt_vb *b, pt_value *m, const char *key, const char *es, const char *arg)
{
	char out[1024];

	snprintf(out, sizeof(out), pt_fragment_text(b->h, es), arg ? arg : "");
	pt_vb_str(b, m, key, out);
}

/* m[key] = "<instance>-<suffix>" (an element id). */
static inline void pt_vb_id(pt_vb *b, pt_value *m, const char *key, const char *suffix)
{
	pt_vb_set(b, m, key, b->s == PT_OK ? pt_fragment_id(b->h, b->a, suffix) : NULL);
}

/* A member of a tree, by key and type (NULL when absent or of another type). */
static inline const pt_value *pt_vb_get(const pt_value *m, const char *key, pt_value_type t)
{
	const pt_value *v = m && m->type == PT_VALUE_MAP ? pt_value_get(m, key) : NULL;

	return v && v->type == t ? v : NULL;
}

/* A string member's text, or NULL. */
static inline const char *pt_vb_cstr(const pt_value *m, const char *key)
{
	const pt_value *v = pt_vb_get(m, key, PT_VALUE_STRING);

	return v ? v->u.s.s : NULL;
}

/* A bool member (false when absent). */
static inline bool pt_vb_true(const pt_value *m, const char *key)
{
	const pt_value *v = pt_vb_get(m, key, PT_VALUE_BOOL);

	return v && v->u.b;
}

#endif /* PT_FRAGMENT_VIEW_BUILD_H */
