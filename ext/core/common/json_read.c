/* participa core: JSON text into a pt_value tree (see json_read.h). */
#include "core/common/json_read.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/common/pt_buf.h"
#include "core/common/pt_hash.h"
#include "core/common/text.h"

/* Objects with more members than this find repeated keys through a hash, not a scan. */
#define SCAN_MEMBERS 16

typedef struct reader {
	const char *s;
	size_t len, pos;
	int depth, max_depth;
	const pt_allocator *a;
	pt_buf text;                 /* a string being decoded */
	pt_error *err;
} reader;

static pt_value *value(reader *r);

static pt_value *fail(reader *r, const char *why)
{
	if (r->err->code == PT_OK) {
		pt_error_set(r->err, PT_ERR_INVALID, "JSON: %s (byte %zu)", why, r->pos);
	}
	return NULL;
}

static pt_value *nomem(reader *r)
{
	if (r->err->code == PT_OK) {
		pt_error_set(r->err, PT_ERR_NOMEM, "out of memory");
	}
	return NULL;
}

static void skip_space(reader *r)
{
	while (r->pos < r->len && (r->s[r->pos] == ' ' || r->s[r->pos] == '\t' || r->s[r->pos] == '\n'
		|| r->s[r->pos] == '\r')) {
		r->pos++;
	}
}

static int hex4(const char *s, uint32_t *out)
{
	uint32_t v = 0;
	int i;

	for (i = 0; i < 4; i++) {
		char c = s[i];

		v <<= 4;
		if (c >= '0' && c <= '9') {
			v |= (uint32_t)(c - '0');
		} else if (c >= 'a' && c <= 'f') {
			v |= (uint32_t)(c - 'a' + 10);
		} else if (c >= 'A' && c <= 'F') {
			v |= (uint32_t)(c - 'A' + 10);
		} else {
			return 0;
		}
	}
	*out = v;
	return 1;
}

static void put_utf8(pt_buf *b, uint32_t cp)
{
	char u[4];
	size_t n;

	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		u[0] = (char)(0xf0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	pt_buf_append(b, u, n);
}

/* \uXXXX at r->pos (past the backslash and the u), a surrogate pair as one; false when refused. */
static bool unicode_escape(reader *r)
{
	uint32_t cp, lo;

	if (r->len - r->pos < 4 || !hex4(r->s + r->pos, &cp)) {
		return false;
	}
	r->pos += 4;
	if (cp >= 0xdc00 && cp <= 0xdfff) {
		return false;                            /* a low surrogate alone */
	}
	if (cp >= 0xd800 && cp <= 0xdbff) {
		if (r->len - r->pos < 6 || r->s[r->pos] != '\\' || r->s[r->pos + 1] != 'u'
			|| !hex4(r->s + r->pos + 2, &lo) || lo < 0xdc00 || lo > 0xdfff) {
			return false;                        /* a high surrogate without its pair */
		}
		r->pos += 6;
		cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
	}
	put_utf8(&r->text, cp);
	return true;
}

/* A string at r->pos (its opening quote) decoded into r->text; false when refused. */
static bool string_text(reader *r)
{
	size_t start;

	r->text.len = 0;
	r->pos++;
	for (;;) {
		/* a run of plain bytes at once */
		start = r->pos;
		while (r->pos < r->len && r->s[r->pos] != '"' && r->s[r->pos] != '\\'
			&& (unsigned char)r->s[r->pos] >= 0x20) {
			r->pos++;
		}
		if (!pt_text_utf8_valid(r->s + start, r->pos - start)) {
			r->pos = start;
			fail(r, "invalid UTF-8");
			return false;
		}
		pt_buf_append(&r->text, r->s + start, r->pos - start);
		if (r->pos == r->len) {
			fail(r, "unterminated string");
			return false;
		}
		if (r->s[r->pos] == '"') {
			r->pos++;
			if (r->text.failed) {
				nomem(r);
				return false;
			}
			return true;
		}
		if ((unsigned char)r->s[r->pos] < 0x20) {
			fail(r, "control character in a string");
			return false;
		}
		/* a backslash */
		if (++r->pos == r->len) {
			fail(r, "unterminated string");
			return false;
		}
		switch (r->s[r->pos++]) {
		case '"': pt_buf_append(&r->text, "\"", 1); break;
		case '\\': pt_buf_append(&r->text, "\\", 1); break;
		case '/': pt_buf_append(&r->text, "/", 1); break;
		case 'b': pt_buf_append(&r->text, "\b", 1); break;
		case 'f': pt_buf_append(&r->text, "\f", 1); break;
		case 'n': pt_buf_append(&r->text, "\n", 1); break;
		case 'r': pt_buf_append(&r->text, "\r", 1); break;
		case 't': pt_buf_append(&r->text, "\t", 1); break;
		case 'u':
			if (!unicode_escape(r)) {
				fail(r, "invalid or unpaired \\u escape");
				return false;
			}
			break;
		default:
			r->pos--;
			fail(r, "invalid escape");
			return false;
		}
	}
}

static size_t digits(reader *r)
{
	size_t n = 0;

	while (r->pos < r->len && r->s[r->pos] >= '0' && r->s[r->pos] <= '9') {
		r->pos++;
		n++;
	}
	return n;
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static pt_value *number(reader *r)
{
	size_t start = r->pos, n;
	bool integer = true;
	char tmp[64], *copy = tmp;
	pt_value *v;

	if (r->s[r->pos] == '-') {
		r->pos++;
	}
	if (r->pos < r->len && r->s[r->pos] == '0') {
		r->pos++;
	} else if (!digits(r)) {
		return fail(r, "syntax error");
	}
	if (r->pos < r->len && r->s[r->pos] == '.') {
		r->pos++;
		integer = false;
		if (!digits(r)) {
			return fail(r, "syntax error");
		}
	}
	if (r->pos < r->len && (r->s[r->pos] == 'e' || r->s[r->pos] == 'E')) {
		r->pos++;
		integer = false;
		if (r->pos < r->len && (r->s[r->pos] == '+' || r->s[r->pos] == '-')) {
			r->pos++;
		}
		if (!digits(r)) {
			return fail(r, "syntax error");
		}
	}
	/* strtoll/strtod need the text NUL-terminated */
	n = r->pos - start;
	if (n >= sizeof(tmp) && !(copy = pt_alloc(r->a, n + 1))) {
		return nomem(r);
	}
	memcpy(copy, r->s + start, n);
	copy[n] = '\0';
	errno = 0;
	if (integer) {
		long long i = strtoll(copy, NULL, 10);

		/* json_decode: an integer beyond 64 bits is a float */
		v = errno == ERANGE ? pt_value_real(r->a, strtod(copy, NULL)) : pt_value_int(r->a, (int64_t)i);
	} else {
		v = pt_value_real(r->a, strtod(copy, NULL));
	}
	if (copy != tmp) {
		pt_free(r->a, copy);
	}
	return v ? v : nomem(r);
}

static pt_value *literal(reader *r, const char *word, pt_value *v)
{
	size_t n = strlen(word);

	if (!v) {
		return nomem(r);
	}
	if (r->len - r->pos < n || memcmp(r->s + r->pos, word, n) != 0) {
		pt_value_free(v);
		return fail(r, "syntax error");
	}
	r->pos += n;
	return v;
}

/* Sets key to child in map (child is taken), replacing an earlier member of that key: json_decode keeps
 * its place. keys finds them once the map is large. False when out of memory. */
static bool member(reader *r, pt_value *map, pt_hash *keys, const char *key, size_t klen, pt_value *child)
{
	size_t i, n = map->u.c.count;
	void *at;

	if (n >= SCAN_MEMBERS && keys->count == 0) {
		/* the keys the hash borrows are the map's own copies */
		for (i = 0; i < n; i++) {
			if (pt_hash_add(keys, map->u.c.keys[i], map->u.c.key_lens[i], (void *)(uintptr_t)(i + 1)) == PT_ERR_NOMEM) {
				pt_value_free(child);
				nomem(r);
				return false;
			}
		}
	}
	for (i = 0; n < SCAN_MEMBERS && i < n; i++) {
		if (map->u.c.key_lens[i] == klen && memcmp(map->u.c.keys[i], key, klen) == 0) {
			break;
		}
	}
	if (n >= SCAN_MEMBERS) {
		i = pt_hash_find(keys, key, klen, &at) ? (size_t)(uintptr_t)at - 1 : n;
	}
	if (i < n) {
		pt_value_free(map->u.c.items[i]);
		map->u.c.items[i] = child;
		return true;
	}
	if (pt_value_set(map, key, klen, child) != PT_OK
		|| (keys->count && pt_hash_add(keys, map->u.c.keys[n], klen, (void *)(uintptr_t)(n + 1)) == PT_ERR_NOMEM)) {
		nomem(r);
		return false;
	}
	return true;
}

/* One member of an object at r->pos: "key": value. False when refused. */
static bool object_member(reader *r, pt_value *map, pt_hash *keys)
{
	pt_value *child;
	char *key;
	size_t klen;
	bool ok;

	skip_space(r);
	if (r->pos == r->len || r->s[r->pos] != '"') {
		fail(r, "syntax error");
		return false;
	}
	if (!string_text(r)) {
		return false;
	}
	skip_space(r);
	if (r->pos == r->len || r->s[r->pos] != ':') {
		fail(r, "syntax error");
		return false;
	}
	r->pos++;
	/* the value's own strings reuse r->text: the key is copied first */
	klen = r->text.len;
	if (!(key = pt_strndup(r->a, r->text.data ? r->text.data : "", klen))) {
		nomem(r);
		return false;
	}
	ok = (child = value(r)) && member(r, map, keys, key, klen, child);
	pt_free(r->a, key);
	return ok;
}

/* An array or an object at r->pos (its bracket). */
static pt_value *container(reader *r, bool object)
{
	pt_value *c = object ? pt_value_map(r->a) : pt_value_list(r->a), *child;
	char close = object ? '}' : ']';
	pt_hash keys;
	bool ok = true;

	if (!c) {
		return nomem(r);
	}
	/* json_decode's $depth counts the levels of nesting plus one: depth 64 takes 63 */
	if (++r->depth >= r->max_depth) {
		pt_value_free(c);
		return fail(r, "maximum depth exceeded");
	}
	pt_hash_init(&keys, r->a);
	r->pos++;
	skip_space(r);
	if (r->pos < r->len && r->s[r->pos] == close) {
		r->pos++;
		r->depth--;
		return c;
	}
	while (ok) {
		if (object) {
			ok = object_member(r, c, &keys);
		} else if ((child = value(r)) && pt_value_push(c, child) != PT_OK) {
			ok = false;
			nomem(r);
		} else {
			ok = child != NULL;
		}
		if (!ok) {
			break;
		}
		skip_space(r);
		if (r->pos < r->len && r->s[r->pos] == ',') {
			r->pos++;
			continue;
		}
		if (r->pos < r->len && r->s[r->pos] == close) {
			r->pos++;
			break;
		}
		fail(r, "syntax error");
		ok = false;
	}
	pt_hash_free(&keys);
	if (!ok) {
		pt_value_free(c);
		return NULL;
	}
	r->depth--;
	return c;
}

static pt_value *value(reader *r)
{
	pt_value *v;

	skip_space(r);
	if (r->pos == r->len) {
		return fail(r, "syntax error");
	}
	switch (r->s[r->pos]) {
	case '{': return container(r, true);
	case '[': return container(r, false);
	case '"':
		if (!string_text(r)) {
			return NULL;
		}
		v = pt_value_string(r->a, r->text.data ? r->text.data : "", r->text.len);
		return v ? v : nomem(r);
	case 't': return literal(r, "true", pt_value_bool(r->a, 1));
	case 'f': return literal(r, "false", pt_value_bool(r->a, 0));
	case 'n': return literal(r, "null", pt_value_null(r->a));
	default:
		if (r->s[r->pos] == '-' || (r->s[r->pos] >= '0' && r->s[r->pos] <= '9')) {
			return number(r);
		}
		return fail(r, "syntax error");
	}
}

pt_status pt_json_read(const char *json, size_t len, int max_depth, const pt_allocator *a, pt_value **out,
	pt_error *err)
{
	reader r = { .s = json, .len = len, .max_depth = max_depth, .a = a, .err = err };

	pt_buf_init(&r.text, a);
	pt_error_clear(err);
	*out = value(&r);
	skip_space(&r);
	if (*out && r.pos != r.len) {
		pt_value_free(*out);
		*out = NULL;
		fail(&r, "syntax error");
	}
	pt_buf_free(&r.text);
	return *out ? PT_OK : err->code;
}
