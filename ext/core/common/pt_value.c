/* participa core: generic value tree for result details (see pt_value.h). */
#include "core/common/pt_value.h"

#include <string.h>

static pt_value *node(const pt_allocator *a, pt_value_type t)
{
	pt_value *v = pt_calloc(a, 1, sizeof(*v));

	if (v) {
		v->type = t;
		v->alloc = a;
	}
	return v;
}

pt_value *pt_value_null(const pt_allocator *a)
{
	return node(a, PT_VALUE_NULL);
}

pt_value *pt_value_bool(const pt_allocator *a, int b)
{
	pt_value *v = node(a, PT_VALUE_BOOL);

	if (v) {
		v->u.b = b ? 1 : 0;
	}
	return v;
}

pt_value *pt_value_int(const pt_allocator *a, int64_t i)
{
	pt_value *v = node(a, PT_VALUE_INT);

	if (v) {
		v->u.i = i;
	}
	return v;
}

uint64_t pt_gcd_u64(uint64_t x, uint64_t y)
{
	while (y) {
		uint64_t t = x % y;
		x = y;
		y = t;
	}
	return x;
}

pt_value *pt_value_rational(const pt_allocator *a, int64_t num, int64_t den)
{
	pt_value *v;
	uint64_t un, ud, g;
	int neg;

	if (den == 0 || den == INT64_MIN || num == INT64_MIN) {
		return NULL;
	}
	neg = (num < 0) != (den < 0);
	un = num < 0 ? (uint64_t)-num : (uint64_t)num;
	ud = den < 0 ? (uint64_t)-den : (uint64_t)den;
	g = pt_gcd_u64(un, ud);
	if (g > 1) {
		un /= g;
		ud /= g;
	}
	v = node(a, PT_VALUE_RATIONAL);
	if (v) {
		v->u.r.num = neg ? -(int64_t)un : (int64_t)un;
		v->u.r.den = (int64_t)ud;
	}
	return v;
}

pt_value *pt_value_string(const pt_allocator *a, const char *s, size_t len)
{
	pt_value *v = node(a, PT_VALUE_STRING);

	if (!v) {
		return NULL;
	}
	v->u.s.s = pt_strndup(a, s, len);
	if (!v->u.s.s) {
		pt_free(a, v);
		return NULL;
	}
	v->u.s.len = len;
	return v;
}

pt_value *pt_value_host(const pt_allocator *a, const char *text, size_t len)
{
	pt_value *v = text ? pt_value_string(a, text, len) : node(a, PT_VALUE_HOST);

	if (v) {
		v->type = PT_VALUE_HOST;
	}
	return v;
}

pt_value *pt_value_real(const pt_allocator *a, double d)
{
	pt_value *v = node(a, PT_VALUE_REAL);

	if (!v) {
		return NULL;
	}
	v->u.d = d;
	return v;
}

pt_value *pt_value_cstr(const pt_allocator *a, const char *s)
{
	return pt_value_string(a, s, strlen(s));
}

pt_value *pt_value_list(const pt_allocator *a)
{
	return node(a, PT_VALUE_LIST);
}

pt_value *pt_value_map(const pt_allocator *a)
{
	return node(a, PT_VALUE_MAP);
}

static int grow(pt_value *c)
{
	size_t cap;
	pt_value **items;

	if (c->u.c.count < c->u.c.cap) {
		return 1;
	}
	cap = c->u.c.cap ? c->u.c.cap * 2 : 4;
	items = pt_realloc(c->alloc, c->u.c.items, cap * sizeof(*items));
	if (!items) {
		return 0;
	}
	c->u.c.items = items;
	if (c->type == PT_VALUE_MAP) {
		char **keys = pt_realloc(c->alloc, c->u.c.keys, cap * sizeof(*keys));
		size_t *lens;

		if (!keys) {
			return 0;
		}
		c->u.c.keys = keys;
		lens = pt_realloc(c->alloc, c->u.c.key_lens, cap * sizeof(*lens));
		if (!lens) {
			return 0;
		}
		c->u.c.key_lens = lens;
	}
	c->u.c.cap = cap;
	return 1;
}

pt_status pt_value_push(pt_value *list, pt_value *child)
{
	if (!child) {
		return PT_ERR_NOMEM;
	}
	if (!list || list->type != PT_VALUE_LIST || !grow(list)) {
		pt_value_free(child);
		return list && list->type != PT_VALUE_LIST ? PT_ERR_INTERNAL : PT_ERR_NOMEM;
	}
	list->u.c.items[list->u.c.count++] = child;
	return PT_OK;
}

pt_status pt_value_set(pt_value *map, const char *key, size_t key_len, pt_value *child)
{
	char *k;

	if (!child) {
		return PT_ERR_NOMEM;
	}
	if (!map || map->type != PT_VALUE_MAP || !grow(map)) {
		pt_value_free(child);
		return map && map->type != PT_VALUE_MAP ? PT_ERR_INTERNAL : PT_ERR_NOMEM;
	}
	k = pt_strndup(map->alloc, key, key_len);
	if (!k) {
		pt_value_free(child);
		return PT_ERR_NOMEM;
	}
	map->u.c.keys[map->u.c.count] = k;
	map->u.c.key_lens[map->u.c.count] = key_len;
	map->u.c.items[map->u.c.count++] = child;
	return PT_OK;
}

pt_status pt_value_setc(pt_value *map, const char *key, pt_value *child)
{
	return pt_value_set(map, key, strlen(key), child);
}

pt_value *pt_value_get(const pt_value *map, const char *key)
{
	size_t i, len = strlen(key);

	if (!map || map->type != PT_VALUE_MAP) {
		return NULL;
	}
	for (i = 0; i < map->u.c.count; i++) {
		if (map->u.c.key_lens[i] == len && memcmp(map->u.c.keys[i], key, len) == 0) {
			return map->u.c.items[i];
		}
	}
	return NULL;
}

void pt_value_free(pt_value *v)
{
	size_t i;

	if (!v) {
		return;
	}
	switch (v->type) {
	case PT_VALUE_STRING:
	case PT_VALUE_HOST:
		pt_free(v->alloc, v->u.s.s);
		break;
	case PT_VALUE_LIST:
	case PT_VALUE_MAP:
		for (i = 0; i < v->u.c.count; i++) {
			pt_value_free(v->u.c.items[i]);
			if (v->type == PT_VALUE_MAP) {
				pt_free(v->alloc, v->u.c.keys[i]);
			}
		}
		pt_free(v->alloc, v->u.c.items);
		pt_free(v->alloc, v->u.c.keys);
		pt_free(v->alloc, v->u.c.key_lens);
		break;
	default:
		break;
	}
	pt_free(v->alloc, v);
}
