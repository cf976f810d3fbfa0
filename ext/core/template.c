/*
 * participa core: Mustache compiler and renderer (see template.h).
 *
 * Compilation turns the source into a flat array of ops; a section op
 * records the index just past its body so rendering is a loop over ranges
 * and never re-parses. Standalone lines (a section, inverted, close,
 * comment, partial or delimiter tag alone on its line) are removed at
 * compile time, so rendering only has to re-indent standalone partials.
 */
#include "template.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

typedef enum op_kind {
	OP_TEXT,
	OP_ESCAPED,
	OP_RAW,
	OP_SECTION,
	OP_INVERTED,
	OP_PARTIAL
} op_kind;

typedef struct op {
	op_kind kind;
	size_t str, len;        /* text or name: offset/length into the template's copy of src */
	size_t indent, ilen;    /* standalone partials: the whitespace before the tag */
	size_t end;             /* sections: index of the first op after the body */
	size_t at;              /* sections: offset of the open tag, for "unclosed section" */
} op;

struct pt_template {
	char *src;
	size_t src_len;
	op *ops;
	size_t count, cap;
};

/* ---------------------------------------------------------------- compile */

static void position(const char *s, size_t off, unsigned *line, unsigned *col)
{
	size_t i;
	unsigned l = 1, c = 1;

	for (i = 0; i < off; i++) {
		if (s[i] == '\n') {
			l++;
			c = 1;
		} else {
			c++;
		}
	}
	*line = l;
	*col = c;
}

static pt_status fail_at(const pt_template *t, size_t off, pt_error *err, const char *what)
{
	unsigned line, col;

	position(t->src, off, &line, &col);
	return pt_error_set_at(err, PT_ERR_INVALID, "", line, col,
		"template: %s at line %u, column %u", what, line, col);
}

static op *add_op(pt_template *t, op_kind kind, size_t str, size_t len)
{
	op *o;

	if (t->count == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		op *n = pt_realloc(NULL, t->ops, cap * sizeof(*n));
		if (!n) {
			return NULL;
		}
		t->ops = n;
		t->cap = cap;
	}
	o = &t->ops[t->count++];
	memset(o, 0, sizeof(*o));
	o->kind = kind;
	o->str = str;
	o->len = len;
	return o;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static const char *find(const char *hay, size_t hlen, const char *needle, size_t nlen)
{
	size_t i;

	if (nlen == 0 || nlen > hlen) {
		return NULL;
	}
	for (i = 0; i + nlen <= hlen; i++) {
		if (hay[i] == needle[0] && memcmp(hay + i, needle, nlen) == 0) {
			return hay + i;
		}
	}
	return NULL;
}

#define DELIM_MAX 16

/* Parses "=<open> <close>=" content (without the '='s). */
static int set_delims(const char *s, size_t n, char *open, size_t *olen, char *close, size_t *clen)
{
	size_t i = 0, a, b;

	while (i < n && is_space(s[i])) i++;
	a = i;
	while (i < n && !is_space(s[i])) i++;
	b = i;
	if (b == a || b - a >= DELIM_MAX || memchr(s + a, '=', b - a)) {
		return -1;
	}
	memcpy(open, s + a, b - a);
	*olen = b - a;
	while (i < n && is_space(s[i])) i++;
	a = i;
	while (i < n && !is_space(s[i])) i++;
	b = i;
	if (b == a || b - a >= DELIM_MAX || memchr(s + a, '=', b - a)) {
		return -1;
	}
	while (i < n && is_space(s[i])) i++;
	if (i != n) {
		return -1;
	}
	memcpy(close, s + a, b - a);
	*clen = b - a;
	return 0;
}

pt_status pt_template_compile(const char *src, size_t len, pt_template **out, pt_error *err)
{
	pt_template *t;
	char open[DELIM_MAX] = "{{", close[DELIM_MAX] = "}}";
	size_t olen = 2, clen = 2;
	size_t pos = 0, text_start = 0, last_tag_end = 0;
	size_t *stack = NULL, depth = 0, stack_cap = 0;
	pt_status st = PT_OK;

	*out = NULL;
	t = pt_calloc(NULL, 1, sizeof(*t));
	if (!t || !(t->src = pt_strndup(NULL, src ? src : "", src ? len : 0))) {
		pt_free(NULL, t);
		return pt_error_set(err, PT_ERR_NOMEM, "template: out of memory");
	}
	t->src_len = src ? len : 0;
	src = t->src;
	len = t->src_len;

	for (;;) {
		const char *tag = find(src + pos, len - pos, open, olen);
		size_t tag_start, inner, inner_end, tag_end, name_s, name_e, line_start, text_end;
		char sigil = 0;
		int standalone_ok, standalone = 0;
		size_t after = 0;

		if (!tag) {
			if (len > text_start && !add_op(t, OP_TEXT, text_start, len - text_start)) {
				goto nomem;
			}
			break;
		}
		tag_start = (size_t)(tag - src);
		inner = tag_start + olen;
		if (inner < len && src[inner] == '{' ) {
			/* Triple mustache: "{" name "}" close. */
			char cbuf[DELIM_MAX + 1];
			const char *c;
			cbuf[0] = '}';
			memcpy(cbuf + 1, close, clen);
			c = find(src + inner + 1, len - inner - 1, cbuf, clen + 1);
			if (!c) {
				st = fail_at(t, tag_start, err, "unclosed tag");
				goto fail;
			}
			sigil = '{';
			inner_end = (size_t)(c - src);
			tag_end = inner_end + clen + 1;
			inner++;
		} else if (inner < len && src[inner] == '=') {
			const char *c;
			char eq[DELIM_MAX + 1];
			eq[0] = '=';
			memcpy(eq + 1, close, clen);
			c = find(src + inner + 1, len - inner - 1, eq, clen + 1);
			if (!c) {
				st = fail_at(t, tag_start, err, "unclosed delimiter tag");
				goto fail;
			}
			sigil = '=';
			inner_end = (size_t)(c - src);
			tag_end = inner_end + clen + 1;
			inner++;
		} else {
			const char *c = find(src + inner, len - inner, close, clen);
			if (!c) {
				st = fail_at(t, tag_start, err, "unclosed tag");
				goto fail;
			}
			inner_end = (size_t)(c - src);
			tag_end = inner_end + clen;
			if (inner < inner_end && strchr("#^/!>&", src[inner])) {
				sigil = src[inner];
				inner++;
			}
		}
		name_s = inner;
		name_e = inner_end;
		while (name_s < name_e && is_space(src[name_s])) name_s++;
		while (name_e > name_s && is_space(src[name_e - 1])) name_e--;

		/* Standalone: only whitespace around the tag on its line, and no other tag on it. */
		standalone_ok = sigil == '#' || sigil == '^' || sigil == '/' || sigil == '!'
			|| sigil == '>' || sigil == '=';
		line_start = tag_start;
		while (line_start > 0 && src[line_start - 1] != '\n') line_start--;
		if (standalone_ok && line_start >= last_tag_end) {
			size_t i;
			int ok = 1;
			for (i = line_start; i < tag_start; i++) {
				if (!is_blank(src[i])) {
					ok = 0;
					break;
				}
			}
			if (ok) {
				i = tag_end;
				while (i < len && is_blank(src[i])) i++;
				if (i == len) {
					after = i;
					standalone = 1;
				} else if (src[i] == '\n') {
					after = i + 1;
					standalone = 1;
				} else if (src[i] == '\r' && i + 1 < len && src[i + 1] == '\n') {
					after = i + 2;
					standalone = 1;
				}
			}
		}
		text_end = standalone ? line_start : tag_start;
		if (text_end < text_start) {
			text_end = text_start;
		}
		if (text_end > text_start && !add_op(t, OP_TEXT, text_start, text_end - text_start)) {
			goto nomem;
		}

		if (sigil != '!' && sigil != '=' && name_e == name_s) {
			st = fail_at(t, tag_start, err, "empty tag name");
			goto fail;
		}
		switch (sigil) {
		case '!':
			break;
		case '=':
			if (set_delims(src + inner, inner_end - inner, open, &olen, close, &clen) != 0) {
				st = fail_at(t, tag_start, err, "invalid delimiter change");
				goto fail;
			}
			break;
		case '{':
		case '&':
			if (!add_op(t, OP_RAW, name_s, name_e - name_s)) goto nomem;
			break;
		case '#':
		case '^':
			if (!add_op(t, sigil == '#' ? OP_SECTION : OP_INVERTED, name_s, name_e - name_s)) {
				goto nomem;
			}
			if (depth == stack_cap) {
				size_t cap = stack_cap ? stack_cap * 2 : 8;
				size_t *n = pt_realloc(NULL, stack, cap * sizeof(*n));
				if (!n) goto nomem;
				stack = n;
				stack_cap = cap;
			}
			t->ops[t->count - 1].at = tag_start;
			stack[depth++] = t->count - 1;
			break;
		case '/': {
			op *o;
			if (depth == 0) {
				st = fail_at(t, tag_start, err, "close tag without an open section");
				goto fail;
			}
			o = &t->ops[stack[depth - 1]];
			if (o->len != name_e - name_s || memcmp(src + o->str, src + name_s, o->len) != 0) {
				char what[160];
				snprintf(what, sizeof(what), "close tag {{/%.*s}} does not match section {{#%.*s}}",
					(int)(name_e - name_s > 50 ? 50 : name_e - name_s), src + name_s,
					(int)(o->len > 50 ? 50 : o->len), src + o->str);
				st = fail_at(t, tag_start, err, what);
				goto fail;
			}
			o->end = t->count;
			depth--;
			break;
		}
		case '>': {
			op *o = add_op(t, OP_PARTIAL, name_s, name_e - name_s);
			if (!o) goto nomem;
			if (standalone) {
				o->indent = line_start;
				o->ilen = tag_start - line_start;
			}
			break;
		}
		default:
			if (!add_op(t, OP_ESCAPED, name_s, name_e - name_s)) goto nomem;
			break;
		}
		pos = standalone ? after : tag_end;
		text_start = pos;
		last_tag_end = pos;
	}
	if (depth > 0) {
		st = fail_at(t, t->ops[stack[depth - 1]].at, err, "unclosed section");
		goto fail;
	}
	pt_free(NULL, stack);
	*out = t;
	return PT_OK;

nomem:
	st = pt_error_set(err, PT_ERR_NOMEM, "template: out of memory");
fail:
	pt_free(NULL, stack);
	pt_template_free(t);
	return st;
}

void pt_template_free(pt_template *t)
{
	if (!t) {
		return;
	}
	pt_free(NULL, t->ops);
	pt_free(NULL, t->src);
	pt_free(NULL, t);
}

/* ----------------------------------------------------------------- render */

typedef struct render {
	const pt_allocator *a;
	pt_template_lookup lookup;
	void *lctx;
	pt_error *err;
	char *buf;
	size_t len, cap;
	const pt_value **stack;
	size_t depth, stack_cap;
	char *indent;
	size_t ilen, icap;
	int pending;     /* at the start of a line inside an indented partial */
	int partials;    /* current partial nesting */
	size_t steps;    /* ops executed, against PT_TEMPLATE_MAX_STEPS */
} render;

static pt_status grow(render *r, size_t extra)
{
	size_t need = r->len + extra + 1, cap;
	char *n;

	if (need <= r->cap) {
		return PT_OK;
	}
	cap = r->cap ? r->cap : 256;
	while (cap < need) cap *= 2;
	n = pt_realloc(r->a, r->buf, cap);
	if (!n) {
		return pt_error_set(r->err, PT_ERR_NOMEM, "template: out of memory");
	}
	r->buf = n;
	r->cap = cap;
	return PT_OK;
}

static pt_status put(render *r, const char *s, size_t n)
{
	if (n == 0) return PT_OK;
	if (grow(r, n) != PT_OK) return PT_ERR_NOMEM;
	memcpy(r->buf + r->len, s, n);
	r->len += n;
	return PT_OK;
}

static pt_status put_indent(render *r)
{
	if (r->pending && r->ilen) {
		r->pending = 0;
		return put(r, r->indent, r->ilen);
	}
	return PT_OK;
}

/* Template text: indented after each newline when inside a standalone partial. */
static pt_status put_text(render *r, const char *s, size_t n)
{
	if (r->ilen == 0) {
		return put(r, s, n);
	}
	while (n > 0) {
		const char *nl = memchr(s, '\n', n);
		size_t k = nl ? (size_t)(nl - s) + 1 : n;
		if (put_indent(r) != PT_OK || put(r, s, k) != PT_OK) return PT_ERR_NOMEM;
		if (nl) r->pending = 1;
		s += k;
		n -= k;
	}
	return PT_OK;
}

static pt_status put_escaped(render *r, const char *s, size_t n)
{
	size_t i, start = 0;

	for (i = 0; i < n; i++) {
		const char *rep;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		if (put(r, s + start, i - start) != PT_OK || put(r, rep, strlen(rep)) != PT_OK) {
			return PT_ERR_NOMEM;
		}
		start = i + 1;
	}
	return put(r, s + start, n - start);
}

/* A rational prints exactly when its denominator is 2^a*5^b, else to 15 significant digits. */
static void format_rational(int64_t num, int64_t den, char *out, size_t cap)
{
	int64_t d = den, scale = 1;
	int digits = 0;

	while (d % 2 == 0) d /= 2;
	while (d % 5 == 0) d /= 5;
	if (d == 1) {
		while (scale % den != 0 && digits < 18) {
			scale *= 10;
			digits++;
		}
		if (scale % den == 0) {
			uint64_t un = num < 0 ? (uint64_t)0 - (uint64_t)num : (uint64_t)num;
			uint64_t ip = un / (uint64_t)den, fp = un % (uint64_t)den;
			uint64_t mult = (uint64_t)(scale / den);
			if (fp <= UINT64_MAX / mult) {
				uint64_t f = fp * mult;
				if (digits == 0) {
					snprintf(out, cap, "%s%" PRIu64, num < 0 ? "-" : "", ip);
				} else {
					int w = digits;
					while (w > 0 && f % 10 == 0) {
						f /= 10;
						w--;
					}
					snprintf(out, cap, "%s%" PRIu64 ".%0*" PRIu64, num < 0 ? "-" : "", ip, w, f);
				}
				return;
			}
		}
	}
	snprintf(out, cap, "%.15g", (double)num / (double)den);
}

static pt_status put_value(render *r, const pt_value *v, int escape)
{
	char tmp[64];
	const char *s = NULL;
	size_t n = 0;

	if (!v) return PT_OK;
	switch (v->type) {
	case PT_VALUE_BOOL:
		s = v->u.b ? "true" : "false";
		n = strlen(s);
		break;
	case PT_VALUE_INT:
		snprintf(tmp, sizeof(tmp), "%" PRId64, v->u.i);
		s = tmp;
		n = strlen(s);
		break;
	case PT_VALUE_RATIONAL:
		format_rational(v->u.r.num, v->u.r.den, tmp, sizeof(tmp));
		s = tmp;
		n = strlen(s);
		break;
	case PT_VALUE_STRING:
		s = v->u.s.s;
		n = v->u.s.len;
		break;
	default:
		return PT_OK;
	}
	if (n == 0) return PT_OK;
	if (put_indent(r) != PT_OK) return PT_ERR_NOMEM;
	return escape ? put_escaped(r, s, n) : put(r, s, n);
}

/* A list index: 1 to 9 decimal digits, no sign, no leading zero (except "0"). */
static int list_index(const char *k, size_t n, size_t *idx)
{
	size_t i, v = 0;

	if (n == 0 || n > 9 || (n > 1 && k[0] == '0')) return 0;
	for (i = 0; i < n; i++) {
		if (k[i] < '0' || k[i] > '9') return 0;
		v = v * 10 + (size_t)(k[i] - '0');
	}
	*idx = v;
	return 1;
}

/*
 * A map member, or (an extension to the spec) a list item by index, so a
 * template can test "list.0" to wrap a non-empty list in <ol>...</ol>
 * without pushing the list's first item as context around the iteration.
 * *found tells a present-but-null member from a missing one.
 */
static const pt_value *member(const pt_value *v, const char *k, size_t n, int *found)
{
	size_t i;

	*found = 0;
	if (!v) return NULL;
	if (v->type == PT_VALUE_LIST) {
		if (list_index(k, n, &i) && i < v->u.c.count) {
			*found = 1;
			return v->u.c.items[i];
		}
		return NULL;
	}
	if (v->type != PT_VALUE_MAP) return NULL;
	for (i = 0; i < v->u.c.count; i++) {
		if (v->u.c.key_lens[i] == n && memcmp(v->u.c.keys[i], k, n) == 0) {
			*found = 1;
			return v->u.c.items[i];
		}
	}
	return NULL;
}

/*
 * The first part of a dotted name is looked up from the innermost context
 * outwards; the rest only inside what it found (the spec's "broken chains"
 * never fall back to outer contexts).
 */
static const pt_value *resolve(render *r, const char *name, size_t n)
{
	const char *dot;
	size_t first, i;
	const pt_value *v = NULL;
	int found = 0;

	if (n == 1 && name[0] == '.') {
		return r->depth ? r->stack[r->depth - 1] : NULL;
	}
	dot = memchr(name, '.', n);
	first = dot ? (size_t)(dot - name) : n;
	for (i = r->depth; i > 0; i--) {
		v = member(r->stack[i - 1], name, first, &found);
		if (found) break;
	}
	while (v && dot) {
		const char *k = dot + 1;
		size_t rest = n - (size_t)(k - name);
		dot = memchr(k, '.', rest);
		v = member(v, k, dot ? (size_t)(dot - k) : rest, &found);
	}
	return v;
}

static int truthy(const pt_value *v)
{
	if (!v) return 0;
	switch (v->type) {
	case PT_VALUE_NULL: return 0;
	case PT_VALUE_BOOL: return v->u.b != 0;
	case PT_VALUE_LIST: return v->u.c.count > 0;
	default: return 1;
	}
}

static pt_status push(render *r, const pt_value *v)
{
	if (r->depth == r->stack_cap) {
		size_t cap = r->stack_cap ? r->stack_cap * 2 : 16;
		const pt_value **n = pt_realloc(NULL, r->stack, cap * sizeof(*n));
		if (!n) return pt_error_set(r->err, PT_ERR_NOMEM, "template: out of memory");
		r->stack = n;
		r->stack_cap = cap;
	}
	r->stack[r->depth++] = v;
	return PT_OK;
}

static pt_status run(render *r, const pt_template *t, size_t from, size_t to);

static pt_status section(render *r, const pt_template *t, const op *o, size_t body)
{
	const pt_value *v = resolve(r, t->src + o->str, o->len);
	pt_status st;
	size_t i;

	if (o->kind == OP_INVERTED) {
		return truthy(v) ? PT_OK : run(r, t, body, o->end);
	}
	if (!truthy(v)) return PT_OK;
	if (v->type == PT_VALUE_LIST) {
		for (i = 0; i < v->u.c.count; i++) {
			if ((st = push(r, v->u.c.items[i])) != PT_OK) return st;
			st = run(r, t, body, o->end);
			r->depth--;
			if (st != PT_OK) return st;
		}
		return PT_OK;
	}
	if ((st = push(r, v)) != PT_OK) return st;
	st = run(r, t, body, o->end);
	r->depth--;
	return st;
}

static pt_status partial(render *r, const pt_template *t, const op *o)
{
	const pt_template *p;
	size_t saved = r->ilen;
	pt_status st;

	if (!r->lookup || !(p = r->lookup(t->src + o->str, o->len, r->lctx))) {
		return PT_OK;
	}
	if (r->partials >= PT_TEMPLATE_MAX_DEPTH) {
		return pt_error_set(r->err, PT_ERR_INVALID,
			"template: partials nested deeper than %d (recursive partial?)", PT_TEMPLATE_MAX_DEPTH);
	}
	if (o->ilen) {
		if (r->ilen + o->ilen > r->icap) {
			size_t cap = (r->ilen + o->ilen) * 2;
			char *n = pt_realloc(NULL, r->indent, cap);
			if (!n) return pt_error_set(r->err, PT_ERR_NOMEM, "template: out of memory");
			r->indent = n;
			r->icap = cap;
		}
		memcpy(r->indent + r->ilen, t->src + o->indent, o->ilen);
		r->ilen += o->ilen;
		r->pending = 1;
	}
	r->partials++;
	st = run(r, p, 0, p->count);
	r->partials--;
	r->ilen = saved;
	return st;
}

static pt_status run(render *r, const pt_template *t, size_t from, size_t to)
{
	size_t i = from;
	pt_status st = PT_OK;

	while (i < to && st == PT_OK) {
		const op *o = &t->ops[i];
		/* Recursive partials over lists grow exponentially; a budget keeps a bad template from hanging a worker. */
		if (++r->steps > PT_TEMPLATE_MAX_STEPS) {
			return pt_error_set(r->err, PT_ERR_INVALID,
				"template: rendering needs more than %d steps (recursive partial?)", PT_TEMPLATE_MAX_STEPS);
		}
		if (r->len > PT_TEMPLATE_MAX_OUTPUT) {
			return pt_error_set(r->err, PT_ERR_INVALID,
				"template: output larger than %d bytes", PT_TEMPLATE_MAX_OUTPUT);
		}
		switch (o->kind) {
		case OP_TEXT:
			if (put_text(r, t->src + o->str, o->len) != PT_OK) {
				return pt_error_set(r->err, PT_ERR_NOMEM, "template: out of memory");
			}
			i++;
			break;
		case OP_ESCAPED:
		case OP_RAW:
			if (put_value(r, resolve(r, t->src + o->str, o->len), o->kind == OP_ESCAPED) != PT_OK) {
				return pt_error_set(r->err, PT_ERR_NOMEM, "template: out of memory");
			}
			i++;
			break;
		case OP_SECTION:
		case OP_INVERTED:
			st = section(r, t, o, i + 1);
			i = o->end;
			break;
		case OP_PARTIAL:
			st = partial(r, t, o);
			i++;
			break;
		}
	}
	return st;
}

pt_status pt_template_render(const pt_template *t, const pt_value *data,
	pt_template_lookup lookup, void *ctx, const pt_allocator *a,
	char **out, size_t *out_len, pt_error *err)
{
	render r;
	pt_status st;

	memset(&r, 0, sizeof(r));
	r.a = a;
	r.lookup = lookup;
	r.lctx = ctx;
	r.err = err;
	*out = NULL;
	if (out_len) *out_len = 0;
	if ((st = push(&r, data)) == PT_OK && (st = grow(&r, 0)) == PT_OK) {
		st = run(&r, t, 0, t->count);
	}
	pt_free(NULL, r.stack);
	pt_free(NULL, r.indent);
	if (st != PT_OK) {
		pt_free(a, r.buf);
		return st;
	}
	r.buf[r.len] = '\0';
	*out = r.buf;
	if (out_len) *out_len = r.len;
	return PT_OK;
}
