/* participa core: YAML node tree helpers (see pt_ynode.h). */
#include "core/common/pt_ynode.h"

#include <stdlib.h>
#include <string.h>

void pt_ynode_free(pt_ynode *node)
{
	size_t i;

	if (!node) {
		return;
	}
	/* Recursion is bounded: the loader refuses nesting deeper than
	 * PT_YAML_MAX_DEPTH, and nothing else builds these trees. */
	for (i = 0; i < node->count; i++) {
		pt_ynode_free(node->items[i]);
	}
	free(node->items);
	free(node->value);
	free(node);
}

void pt_ydoc_free(pt_ydoc *doc)
{
	if (!doc) {
		return;
	}
	if (doc->arena && doc->free_arena) {
		doc->free_arena(doc->arena);
	} else {
		pt_ynode_free(doc->root);
	}
	free(doc->file);
	free(doc);
}

const pt_ynode *pt_ynode_get(const pt_ynode *map, const char *key)
{
	size_t i, klen;

	if (!map || map->kind != PT_YNODE_MAPPING || !key) {
		return NULL;
	}
	klen = strlen(key);
	for (i = 0; i + 1 < map->count; i += 2) {
		const pt_ynode *k = map->items[i];

		if (k->kind == PT_YNODE_SCALAR && k->len == klen && memcmp(k->value, key, klen) == 0) {
			return map->items[i + 1];
		}
	}
	return NULL;
}

static bool scalar_is(const pt_ynode *n, const char *s)
{
	size_t len = strlen(s);

	return n->len == len && memcmp(n->value, s, len) == 0;
}

bool pt_ynode_is_null(const pt_ynode *n)
{
	if (!n || n->kind != PT_YNODE_SCALAR || !n->plain) {
		return false;
	}
	return n->len == 0 || scalar_is(n, "~") || scalar_is(n, "null")
		|| scalar_is(n, "Null") || scalar_is(n, "NULL");
}

bool pt_ynode_bool(const pt_ynode *n, bool *out)
{
	/* Quoted "true" is a string on purpose: YAML 1.2 core schema resolves
	 * tags only for plain scalars. yes/no/on/off are YAML 1.1 and stay
	 * strings, so `votes: no` is reported instead of guessed. */
	if (!n || n->kind != PT_YNODE_SCALAR || !n->plain) {
		return false;
	}
	if (scalar_is(n, "true") || scalar_is(n, "True") || scalar_is(n, "TRUE")) {
		*out = true;
		return true;
	}
	if (scalar_is(n, "false") || scalar_is(n, "False") || scalar_is(n, "FALSE")) {
		*out = false;
		return true;
	}
	return false;
}

bool pt_ynode_int(const pt_ynode *n, int64_t *out)
{
	size_t i = 0;
	bool neg = false;
	uint64_t v = 0, limit;

	if (!n || n->kind != PT_YNODE_SCALAR || !n->plain || n->len == 0) {
		return false;
	}
	if (n->value[0] == '-' || n->value[0] == '+') {
		neg = n->value[0] == '-';
		i = 1;
	}
	if (i == n->len) {
		return false;
	}
	limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (; i < n->len; i++) {
		unsigned d;

		if (n->value[i] < '0' || n->value[i] > '9') {
			return false;
		}
		d = (unsigned)(n->value[i] - '0');
		if (v > (limit - d) / 10) {
			return false;
		}
		v = v * 10 + d;
	}
	if (neg) {
		*out = v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v;
	} else {
		*out = (int64_t)v;
	}
	return true;
}
