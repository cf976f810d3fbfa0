/*
 * participa core: the configuration validators' shared helpers. See config_check.h.
 */
#include "core/site/config_check.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pt_check_diag(const pt_check *k, const pt_ynode *at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (pt_diags_vadd(k->diags, k->file, at ? at->line : 1, at ? at->column : 1, fmt, ap) != PT_OK) {
		*k->nomem = true;
	}
	va_end(ap);
}

static bool invisible(uint32_t cp)
{
	return cp == 0xA0 || cp == 0xAD || (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E)
		|| (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
}

pt_quoted pt_check_quote(const char *v, size_t len)
{
	const unsigned char *u = (const unsigned char *)v;
	pt_quoted out;
	size_t i = 0, o = 0;

	if (!v) {
		len = 0;
	}
	while (i < len) {
		unsigned char c = u[i];
		size_t n = 1, j;
		uint32_t cp = c;

		if (c >= 0xC2 && c <= 0xDF && len - i >= 2) {
			n = 2;
			cp = c & 0x1Fu;
		} else if (c >= 0xE0 && c <= 0xEF && len - i >= 3) {
			n = 3;
			cp = c & 0x0Fu;
		} else if (c >= 0xF0 && c <= 0xF4 && len - i >= 4) {
			n = 4;
			cp = c & 0x07u;
		}
		for (j = 1; j < n; j++) {
			if ((u[i + j] & 0xC0) != 0x80) {
				n = 1;      /* not UTF-8: one byte at a time */
				cp = c;
				break;
			}
			cp = (cp << 6) | (u[i + j] & 0x3Fu);
		}
		if (o + (invisible(cp) ? 8 : n) > 64) {
			break;
		}
		if (invisible(cp)) {
			o += (size_t)snprintf(out.s + o, sizeof(out.s) - o, "\\u{%04X}", (unsigned)cp);
		} else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || (n == 1 && c >= 0x80)) {
			out.s[o++] = '?';
		} else {
			memcpy(out.s + o, v + i, n);
			o += n;
		}
		i += n;
	}
	if (i < len) {
		memcpy(out.s + o, "...", 4);
	} else {
		out.s[o] = '\0';
	}
	return out;
}

pt_quoted pt_check_qn(const pt_ynode *n)
{
	return pt_check_quote(n->value, n->len);
}

pt_found pt_check_found(const pt_ynode *n)
{
	pt_found out;

	if (n->kind == PT_YNODE_MAPPING) {
		snprintf(out.s, sizeof(out.s), "a mapping");
	} else if (n->kind == PT_YNODE_SEQUENCE) {
		snprintf(out.s, sizeof(out.s), "a sequence");
	} else if (pt_ynode_is_null(n)) {
		snprintf(out.s, sizeof(out.s), "nothing (null)");
	} else {
		snprintf(out.s, sizeof(out.s), "'%s'", pt_check_qn(n).s);
	}
	return out;
}

/* The lengths are compared first: strncmp() would stop at a NUL inside s. */
bool pt_check_in_list(const char *const *list, const char *s, size_t len)
{
	for (; *list; list++) {
		if (strlen(*list) == len && memcmp(*list, s, len) == 0) {
			return true;
		}
	}
	return false;
}

int pt_check_word(const char *const *list, const pt_ynode *v)
{
	int i;

	for (i = 0; v->kind == PT_YNODE_SCALAR && list[i]; i++) {
		if (strlen(list[i]) == v->len && memcmp(list[i], v->value, v->len) == 0) {
			return i;
		}
	}
	return -1;
}

void pt_check_join(char *buf, size_t size, const char *const *list)
{
	size_t used = 0;

	buf[0] = '\0';
	for (; *list && used < size; list++) {
		int n = snprintf(buf + used, size - used, "%s%s", used ? ", " : "", *list);

		if (n < 0) {
			break;
		}
		used += (size_t)n;
	}
}

void pt_check_keys(const pt_check *k, const pt_ynode *map, const char *where, const char *const *allowed)
{
	char expected[512];
	size_t i;

	expected[0] = '\0';
	for (i = 0; i + 1 < map->count; i += 2) {
		const pt_ynode *key = map->items[i];

		if (!pt_check_in_list(allowed, key->value, key->len)) {
			if (!expected[0]) {
				pt_check_join(expected, sizeof(expected), allowed);
			}
			pt_check_diag(k, key, "unknown key '%s' in %s; expected one of: %s", pt_check_qn(key).s, where,
				expected);
		}
	}
}

bool pt_check_expect(const pt_check *k, const pt_ynode *n, pt_ynode_kind kind, const char *where,
	const char *hint)
{
	if (n->kind == kind) {
		return true;
	}
	pt_check_diag(k, n, "%s: expected a %s%s, found %s", where, kind == PT_YNODE_MAPPING ? "mapping" : "sequence",
		hint, pt_check_found(n).s);
	return false;
}

const char *pt_check_text(const pt_check *k, const pt_ynode *v, const char *what, bool one_line)
{
	if (v->kind != PT_YNODE_SCALAR) {
		pt_check_diag(k, v, "%s: expected text, found %s", what, pt_check_found(v).s);
		return NULL;
	}
	if (pt_ynode_is_null(v) || v->len == 0) {
		pt_check_diag(k, v, "%s must not be empty", what);
		return NULL;
	}
	if (one_line && (memchr(v->value, '\0', v->len) || memchr(v->value, '\n', v->len))) {
		pt_check_diag(k, v, "%s must be one line of text", what);
		return NULL;
	}
	if (memchr(v->value, '\0', v->len)) {
		pt_check_diag(k, v, "%s must not contain a NUL character", what);
		return NULL;
	}
	return v->value;
}

bool pt_check_int(const pt_check *k, const pt_ynode *v, const char *what, int64_t min, int64_t max,
	int64_t *out)
{
	int64_t x;

	if (!pt_ynode_int(v, &x) || x < min || x > max) {
		pt_check_diag(k, v, "%s: expected a whole number from %lld to %lld, found %s", what, (long long)min,
			(long long)max, pt_check_found(v).s);
		return false;
	}
	*out = x;
	return true;
}

bool pt_check_bool(const pt_check *k, const pt_ynode *v, const char *what, bool *out)
{
	if (!pt_ynode_bool(v, out)) {
		pt_check_diag(k, v, "%s: expected true or false, found %s", what, pt_check_found(v).s);
		return false;
	}
	return true;
}

char *pt_check_dup(const pt_check *k, const char *s, size_t len)
{
	char *c;

	if (!s) {
		return NULL;
	}
	c = pt_strndup(NULL, s, len);
	if (!c) {
		*k->nomem = true;
	}
	return c;
}

const char *pt_check_get_text(const pt_check *k, const pt_ynode *map, const char *key, const char *where,
	const char *what, bool required, bool one_line, const pt_ynode **node_out)
{
	const pt_ynode *n = pt_ynode_get(map, key);

	if (node_out) {
		*node_out = n;
	}
	if (!n) {
		if (required) {
			pt_check_diag(k, map, "missing required key '%s' in %s", key, where);
		}
		return NULL;
	}
	return pt_check_text(k, n, what, one_line);
}

bool pt_check_section(const pt_check *k, const pt_ynode *n, pt_ynode_kind kind, const char *where,
	const char *hint)
{
	return !pt_ynode_is_null(n) && pt_check_expect(k, n, kind, where, hint);
}
