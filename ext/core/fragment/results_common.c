/*
 * participa core: what the parts of the results view share (results_internal.h):
 * reading the input tree, building the view with one failure flag, texts and
 * numbers in the host's language, the options by index, and bar charts.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/common/pt_format.h"
#include "core/fragment/results_internal.h"

/* ---- reading the input ---------------------------------------------------------------- */

const pt_value *rv_get(const pt_value *m, const char *key)
{
	return m && m->type == PT_VALUE_MAP ? pt_value_get(m, key) : NULL;
}

/* A decimal number of a host's float text or a string ("0.5", "1.0E+25"): finite, nothing else after it. */
static bool num_text(const char *s, size_t len, double *out)
{
	char buf[64], *end;
	double d;

	if (!s || !len || len >= sizeof(buf)) {
		return false;
	}
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (!((buf[0] >= '0' && buf[0] <= '9') || buf[0] == '-' || buf[0] == '.')) {
		return false;   /* no "inf", "nan", blanks */
	}
	d = strtod(buf, &end);
	if (*end || !isfinite(d)) {
		return false;
	}
	*out = d;
	return true;
}

bool rv_num(const pt_value *v, double *out)
{
	if (!v) {
		return false;
	}
	switch (v->type) {
	case PT_VALUE_INT:
		*out = (double)v->u.i;
		return true;
	case PT_VALUE_RATIONAL:
		if (v->u.r.den == 0) {
			return false;
		}
		*out = (double)v->u.r.num / (double)v->u.r.den;
		return true;
	case PT_VALUE_REAL:
		if (!isfinite(v->u.d)) {
			return false;
		}
		*out = v->u.d;
		return true;
	case PT_VALUE_HOST:
	case PT_VALUE_STRING:
		return num_text(v->u.s.s, v->u.s.len, out);
	default:
		return false;
	}
}

double rv_numd(const pt_value *v, double def)
{
	double d;

	return rv_num(v, &d) ? d : def;
}

size_t rv_len(const pt_value *v)
{
	return v && v->type == PT_VALUE_LIST ? v->u.c.count : 0;
}

bool rv_is(const pt_value *v, const char *lit)
{
	return v && v->type == PT_VALUE_STRING && v->u.s.len == strlen(lit) && !memcmp(v->u.s.s, lit, v->u.s.len);
}

const char *rv_id(rv *r, const pt_value *v, size_t *len)
{
	char buf[32];
	pt_value *s;

	if (!v) {
		return NULL;
	}
	if (v->type == PT_VALUE_STRING) {
		if (!v->u.s.len) {
			return NULL;
		}
		*len = v->u.s.len;
		return v->u.s.s;
	}
	if (v->type != PT_VALUE_INT) {
		return NULL;
	}
	/* PHP turns numeric ids ("3") into integer keys and values: their text is the id */
	snprintf(buf, sizeof(buf), "%lld", (long long)v->u.i);
	s = pt_value_cstr(r->a, buf);
	if (!s || pt_value_push(r->keep, s) != PT_OK) {
		r->s = PT_ERR_NOMEM;
		return NULL;
	}
	*len = s->u.s.len;
	return s->u.s.s;
}

/* The caller's names: info.names (id => name) first, then the entries of info.candidates. */
void rv_index_names(rv *r)
{
	size_t i;

	for (i = 0; r->names && i < r->names->u.c.count; i++) {
		const pt_value *n = r->names->u.c.items[i];

		if (n && n->type == PT_VALUE_STRING && n->u.s.len
			&& pt_hash_add(&r->given, r->names->u.c.keys[i], r->names->u.c.key_lens[i], n->u.s.s) == PT_ERR_NOMEM) {
			r->s = PT_ERR_NOMEM;
		}
	}
	for (i = 0; i < rv_len(r->cands); i++) {
		const pt_value *e = r->cands->u.c.items[i], *n = rv_get(e, "name");
		size_t len = 0;
		const char *id = rv_id(r, rv_get(e, "id"), &len);

		if (id && n && n->type == PT_VALUE_STRING && n->u.s.len
			&& pt_hash_add(&r->given, id, len, n->u.s.s) == PT_ERR_NOMEM) {
			r->s = PT_ERR_NOMEM;
		}
	}
}

long rv_find(rv *r, const char *id, size_t len, bool add)
{
	void *found = NULL;
	rv_cand *c;

	if (!id || !len) {
		return -1;
	}
	if (pt_hash_find(&r->idx, id, len, &found)) {
		return (long)(uintptr_t)found - 1;
	}
	if (!add || r->nc >= PT_RESULTS_MAX_CANDIDATES || r->s != PT_OK) {
		return -1;
	}
	if (pt_array_grow(r->a, &r->c, &r->cap, r->nc, sizeof(*r->c), 16) != PT_OK
		|| pt_hash_add(&r->idx, id, len, (void *)(uintptr_t)(r->nc + 1)) != PT_OK) {
		r->s = PT_ERR_NOMEM;
		return -1;
	}
	c = &r->c[r->nc];
	memset(c, 0, sizeof(*c));
	c->id = id;
	c->id_len = len;
	if (!pt_hash_find(&r->given, id, len, &found)) {
		found = NULL;
	}
	c->name = found ? found : id;   /* a bare tally's ids are its names */
	return (long)r->nc++;
}

long rv_cand_of(rv *r, const pt_value *v, bool add)
{
	size_t len = 0;
	const char *id = rv_id(r, v, &len);

	return id ? rv_find(r, id, len, add) : -1;
}

const char *rv_name(const rv *r, long i)
{
	return i >= 0 && (size_t)i < r->nc ? r->c[i].name : rv_t(r, "Opción sin nombre");
}

/* ---- building the view --------------------------------------------------------------- */

const char *rv_t(const rv *r, const char *es)
{
	return pt_fragment_text(r->h, es);
}

pt_value *rv_check(rv *r, pt_value *v)
{
	if (!v && r->s == PT_OK) {
		r->s = PT_ERR_NOMEM;
	}
	return v;
}

pt_value *rv_map(rv *r)
{
	return rv_check(r, pt_value_map(r->a));
}

pt_value *rv_list(rv *r)
{
	return rv_check(r, pt_value_list(r->a));
}

pt_value *rv_str(rv *r, const char *s)
{
	return rv_check(r, pt_value_cstr(r->a, s ? s : ""));
}

pt_value *rv_strn(rv *r, const char *s, size_t len)
{
	return rv_check(r, pt_value_string(r->a, s ? s : "", s ? len : 0));
}

void rv_set(rv *r, pt_value *m, const char *key, pt_value *v)
{
	if (!m || !v) {
		pt_value_free(v);
		if (r->s == PT_OK) {
			r->s = PT_ERR_NOMEM;
		}
		return;
	}
	if (pt_value_setc(m, key, v) != PT_OK) {
		r->s = PT_ERR_NOMEM;
	}
}

void rv_set_str(rv *r, pt_value *m, const char *key, const char *s)
{
	rv_set(r, m, key, rv_str(r, s));
}

void rv_set_int(rv *r, pt_value *m, const char *key, int64_t i)
{
	rv_set(r, m, key, rv_check(r, pt_value_int(r->a, i)));
}

void rv_set_bool(rv *r, pt_value *m, const char *key, bool b)
{
	rv_set(r, m, key, rv_check(r, pt_value_bool(r->a, b)));
}

void rv_set_text(rv *r, pt_value *m, const char *key, const char *es)
{
	rv_set_str(r, m, key, rv_t(r, es));
}

void rv_set_coord(rv *r, pt_value *m, const char *key, double x)
{
	/* by hand, not printf: the host may have set LC_NUMERIC to a comma locale */
	char buf[32];
	long long t;

	if (!isfinite(x) || x > 1e9 || x < -1e9) {
		x = 0;
	}
	t = (long long)rv_round(x * 10);
	snprintf(buf, sizeof(buf), "%s%lld", t < 0 ? "-" : "", (t < 0 ? -t : t) / 10);
	if ((t < 0 ? -t : t) % 10) {
		size_t l = strlen(buf);

		snprintf(buf + l, sizeof(buf) - l, ".%lld", (t < 0 ? -t : t) % 10);
	}
	rv_set_str(r, m, key, buf);
}

void rv_push(rv *r, pt_value *list, pt_value *v)
{
	if (!list || !v) {
		pt_value_free(v);
		if (r->s == PT_OK) {
			r->s = PT_ERR_NOMEM;
		}
		return;
	}
	if (pt_value_push(list, v) != PT_OK) {
		r->s = PT_ERR_NOMEM;
	}
}

void rv_set_nonempty(rv *r, pt_value *m, const char *key, pt_value *v)
{
	if (v && (v->type == PT_VALUE_LIST || v->type == PT_VALUE_MAP) && v->u.c.count) {
		rv_set(r, m, key, v);
	} else {
		pt_value_free(v);
	}
}

void rv_fill(rv *r, pt_buf *out, const char *es, size_t n, const char *const *args)
{
	const char *f = rv_t(r, es), *p;
	size_t i = 0;

	/* the catalog's formats have only %s (tests/c/test_messages.c checks both languages agree) */
	for (p = f; *p; p++) {
		if (p[0] == '%' && p[1] == 's') {
			pt_buf_puts(out, i < n && args[i] ? args[i] : "");
			i++;
			p++;
		} else if (p[0] == '%' && p[1] == '%') {
			pt_buf_append(out, "%", 1);
			p++;
		} else {
			pt_buf_append(out, p, 1);
		}
	}
}

pt_value *rv_fmt(rv *r, const char *es, size_t n, const char *const *args)
{
	pt_buf b;
	pt_value *v;

	pt_buf_init(&b, r->a);
	rv_fill(r, &b, es, n, args);
	v = b.failed ? NULL : rv_strn(r, b.data, b.len);
	if (b.failed && r->s == PT_OK) {
		r->s = PT_ERR_NOMEM;
	}
	pt_buf_free(&b);
	return v;
}

pt_value *rv_fmt1(rv *r, const char *es, const char *a1)
{
	const char *args[] = { a1 };

	return rv_fmt(r, es, 1, args);
}

pt_value *rv_fmt2(rv *r, const char *es, const char *a1, const char *a2)
{
	const char *args[] = { a1, a2 };

	return rv_fmt(r, es, 2, args);
}

pt_value *rv_fmt3(rv *r, const char *es, const char *a1, const char *a2, const char *a3)
{
	const char *args[] = { a1, a2, a3 };

	return rv_fmt(r, es, 3, args);
}

pt_value *rv_fmt4(rv *r, const char *es, const char *a1, const char *a2, const char *a3, const char *a4)
{
	const char *args[] = { a1, a2, a3, a4 };

	return rv_fmt(r, es, 4, args);
}

const char *rv_lang(const rv *r)
{
	return r->h ? r->h->lang : NULL;
}

/* Copies what a pt_format_* call wrote into t. */
static const char *txt_of(rv_txt *t, pt_buf *b)
{
	size_t n = b->failed || !b->data ? 0 : b->len < sizeof(t->s) - 1 ? b->len : sizeof(t->s) - 1;

	memcpy(t->s, b->data ? b->data : "", n);
	t->s[n] = '\0';
	pt_buf_free(b);
	return t->s;
}

const char *rv_number(const rv *r, rv_txt *t, double v, int decimals)
{
	pt_buf b;

	if (decimals < 0) {
		decimals = rv_abs(v - rv_round(v)) < 1e-9 ? 0 : 2;
	}
	pt_buf_init(&b, NULL);
	pt_format_number(&b, v, decimals, rv_lang(r));
	return txt_of(t, &b);
}

const char *rv_money(const rv *r, rv_txt *t, double pesos)
{
	pt_buf b;

	pt_buf_init(&b, NULL);
	pt_format_money(&b, pesos, rv_lang(r));
	return txt_of(t, &b);
}

const char *rv_percent(const rv *r, rv_txt *t, double ratio)
{
	pt_buf b;

	pt_buf_init(&b, NULL);
	pt_format_percent(&b, ratio, 1, rv_lang(r));
	return txt_of(t, &b);
}

void rv_join_names(rv *r, pt_buf *out, const long *idx, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i) {
			pt_buf_puts(out, i + 1 == n ? rv_t(r, " y ") : ", ");
		}
		pt_buf_puts(out, rv_name(r, idx[i]));
	}
}

static const char *instance(const rv *r)
{
	return r->h && r->h->instance && *r->h->instance ? r->h->instance : "participa";
}

pt_value *rv_elem_id(rv *r, const char *what)
{
	char buf[96];
	pt_buf b;
	pt_value *v;

	snprintf(buf, sizeof(buf), "-resultados-%s-%d", what, ++r->serial);
	pt_buf_init(&b, r->a);
	pt_buf_puts(&b, instance(r));
	pt_buf_puts(&b, buf);
	v = b.failed ? NULL : rv_strn(r, b.data, b.len);
	if (b.failed && r->s == PT_OK) {
		r->s = PT_ERR_NOMEM;
	}
	pt_buf_free(&b);
	return v;
}

void rv_set_picture(rv *r, pt_value *m, const char *what, const char *es)
{
	rv_set(r, m, "id", rv_elem_id(r, what));
	rv_set(r, m, "title_id", rv_elem_id(r, "titulo"));
	rv_set(r, m, "desc_id", rv_elem_id(r, "descripcion"));
	rv_set_text(r, m, "title", es);
}

void rv_note_cut(rv *r, pt_value *m, const char *key, const char *es, size_t shown, size_t total)
{
	char a[32], b[32];

	if (shown < total) {
		snprintf(a, sizeof(a), "%zu", shown);
		snprintf(b, sizeof(b), "%zu", total);
		rv_set(r, m, key, rv_fmt2(r, es, a, b));
	}
}

/* ---- bar charts ---------------------------------------------------------------------- */

void rv_shares(const pt_allocator *a, const double *v, size_t n, long *units)
{
	double total = 0, *rem;
	long given = 0;
	size_t i, k;

	for (i = 0; i < n; i++) {
		total += v[i] > 0 ? v[i] : 0;
	}
	for (i = 0; i < n; i++) {
		units[i] = 0;
	}
	if (!(total > 0) || !n) {
		return;
	}
	for (i = 0; i < n; i++) {
		double x = v[i] > 0 ? v[i] * 1000.0 / total : 0;

		units[i] = (long)rv_floor(x);
		given += units[i];
	}
	/* the tenths left go to the largest remainders, but options with equal values share one fate:
	 * a group that cannot all get one gets none (333 and 333 votes never show 33.6 % and 33.5 %) */
	rem = pt_alloc(a, n * sizeof(double));
	if (!rem) {
		return;   /* still correct per option, only the sum may miss a few tenths */
	}
	for (i = 0; i < n; i++) {
		rem[i] = v[i] > 0 ? v[i] * 1000.0 / total - (double)units[i] : -1;
	}
	for (k = 0; given < 1000 && k < n; k++) {
		size_t best = n, group = 0, j;
		long fits;

		for (i = 0; i < n; i++) {
			if (rem[i] >= 0 && (best == n || rem[i] > rem[best])) {
				best = i;
			}
		}
		if (best == n) {
			break;
		}
		for (j = 0; j < n; j++) {
			group += rem[j] >= 0 && v[j] == v[best];
		}
		fits = (size_t)(1000 - given) >= group;
		for (j = 0; j < n; j++) {
			if (rem[j] >= 0 && v[j] == v[best]) {
				units[j] += fits;
				given += fits;
				rem[j] = -1;
			}
		}
	}
	pt_free(a, rem);
}

/* The first max_cp code points of s, with "…" when cut. */
pt_value *rv_short(rv *r, const char *s, size_t max_cp)
{
	size_t i = 0, cp = 0, len = strlen(s);
	pt_buf b;
	pt_value *v;

	while (i < len && cp < max_cp) {
		unsigned char c = (unsigned char)s[i];

		i += c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
		cp++;
	}
	if (i >= len) {
		return rv_str(r, s);
	}
	pt_buf_init(&b, r->a);
	pt_buf_append(&b, s, i);
	pt_buf_puts(&b, "\xe2\x80\xa6");
	v = b.failed ? NULL : rv_strn(r, b.data, b.len);
	pt_buf_free(&b);
	return rv_check(r, v);
}

static const char *bar_name(const rv *r, const rv_bar *b)
{
	return b->cand >= 0 ? rv_name(r, b->cand) : b->label ? b->label : "";
}

static pt_value *cell(rv *r, const char *text)
{
	pt_value *c = rv_map(r);

	rv_set_str(r, c, "text", text);
	return c;
}

static int by_value(const void *x, const void *y)
{
	const rv_bar *a = x, *b = y;

	return a->value < b->value ? 1 : a->value > b->value ? -1 : 0;
}

/* A stable sort (insertion order kept among equal values): merge sort is overkill for <= 2000 rows. */
static void sort_bars(rv_bar *bars, size_t n)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		rv_bar x = bars[i];

		for (j = i; j > 0 && by_value(&bars[j - 1], &x) > 0; j--) {
			bars[j] = bars[j - 1];
		}
		bars[j] = x;
	}
}

#define BAR_MAX_W 220.0   /* px of the longest bar: leaves 140 px for "1,234,567 (45.2 %)" */
#define ROW_H 46.0

static pt_value *bar_table(rv *r, const rv_chart *c, const rv_bar *bars, size_t n, const long *units)
{
	pt_value *t = rv_map(r), *head = rv_list(r), *rows = rv_list(r);
	rv_txt a, b;
	size_t i, k;

	rv_set(r, t, "id", rv_elem_id(r, "tabla"));
	rv_set_str(r, t, "caption", c->caption);
	rv_push(r, head, cell(r, rv_t(r, "Opción")));
	rv_push(r, head, cell(r, c->col_value));
	if (c->pct != RV_PCT_NONE) {
		rv_push(r, head, cell(r, c->col_pct));
	}
	for (k = 0; k < RV_EXTRA; k++) {
		if (c->extra[k]) {
			rv_push(r, head, cell(r, c->extra[k]));
		}
	}
	if (c->col_mark) {
		rv_push(r, head, cell(r, c->col_mark));
	}
	for (i = 0; i < n && i < PT_RESULTS_MAX_TABLE_ROWS && r->s == PT_OK; i++) {
		pt_value *row = rv_map(r), *cells = rv_list(r);

		rv_set_str(r, row, "name", bar_name(r, &bars[i]));
		rv_set_bool(r, row, "winner", bars[i].winner);
		rv_push(r, cells, cell(r, rv_number(r, &a, bars[i].value, c->decimals)));
		if (c->pct == RV_PCT_SHARE) {
			rv_push(r, cells, cell(r, rv_percent(r, &b, (double)units[i] / 1000.0)));
		} else if (c->pct == RV_PCT_OF) {
			rv_push(r, cells, cell(r, c->total > 0 ? rv_percent(r, &b, bars[i].value / c->total) : PT_FORMAT_NONE));
		}
		for (k = 0; k < RV_EXTRA; k++) {
			if (c->extra[k]) {
				rv_push(r, cells, cell(r, bars[i].extra[k] ? bars[i].extra[k] : PT_FORMAT_NONE));
			}
		}
		if (c->col_mark) {
			rv_push(r, cells, cell(r, bars[i].winner ? c->mark : ""));
		}
		rv_set(r, row, "cells", cells);
		rv_push(r, rows, row);
	}
	rv_set(r, t, "head", head);
	rv_set(r, t, "rows", rows);
	return t;
}

pt_value *rv_bars(rv *r, const rv_chart *c, rv_bar *bars, size_t n)
{
	pt_value *ch = rv_map(r), *rows = rv_list(r);
	long *units = n ? pt_calloc(r->a, n, sizeof(long)) : NULL;
	double *vals = n ? pt_calloc(r->a, n, sizeof(double)) : NULL, max = 0, height;
	size_t i, shown = n < PT_RESULTS_MAX_BARS ? n : PT_RESULTS_MAX_BARS;
	pt_buf desc;
	char vb[64];
	rv_txt a, b;

	if (n && (!units || !vals)) {
		pt_free(r->a, units);
		pt_free(r->a, vals);
		pt_value_free(ch);
		pt_value_free(rows);
		r->s = PT_ERR_NOMEM;
		return NULL;
	}
	if (c->sort) {
		sort_bars(bars, n);
	}
	for (i = 0; i < n; i++) {
		vals[i] = bars[i].value;
		if (bars[i].value > max) {
			max = bars[i].value;
		}
	}
	if (c->pct == RV_PCT_SHARE) {
		rv_shares(r->a, vals, n, units);
	}
	if (c->line > max) {
		max = c->line;   /* the threshold must fit the picture */
	}
	pt_buf_init(&desc, r->a);
	rv_set(r, ch, "id", rv_elem_id(r, c->what));
	rv_set(r, ch, "title_id", rv_elem_id(r, "titulo"));
	rv_set(r, ch, "desc_id", rv_elem_id(r, "descripcion"));
	rv_set_str(r, ch, "title", c->title);
	for (i = 0; i < shown && r->s == PT_OK; i++) {
		pt_value *row = rv_map(r);
		const char *name = bar_name(r, &bars[i]);
		double y = 4 + ROW_H * (double)i, w = max > 0 && bars[i].value > 0 ? BAR_MAX_W * bars[i].value / max : 0;
		pt_buf v;

		if (w > 0 && w < 2) {
			w = 2;   /* a non-zero count stays visible */
		}
		pt_buf_init(&v, r->a);
		pt_buf_puts(&v, rv_number(r, &a, bars[i].value, c->decimals));
		if (c->pct == RV_PCT_SHARE || (c->pct == RV_PCT_OF && c->total > 0)) {
			pt_buf_puts(&v, " (");
			pt_buf_puts(&v, rv_percent(r, &b, c->pct == RV_PCT_SHARE ? (double)units[i] / 1000.0
				: bars[i].value / c->total));
			pt_buf_puts(&v, ")");
		}
		rv_set_str(r, row, "name", name);
		rv_set(r, row, "label", rv_short(r, name, 40));
		rv_set_bool(r, row, "winner", bars[i].winner);
		rv_set_coord(r, row, "label_y", y + 14);
		rv_set_coord(r, row, "bar_y", y + 20);
		rv_set_coord(r, row, "bar_w", w);
		rv_set_coord(r, row, "value_x", w + 6);
		rv_set_coord(r, row, "value_y", y + 33);
		rv_set(r, row, "value", v.failed ? NULL : rv_strn(r, v.data, v.len));
		/* the desc: every drawn row in words ("A: 2 (50.0 %)") */
		if (i) {
			pt_buf_puts(&desc, "; ");
		}
		pt_buf_puts(&desc, name);
		pt_buf_puts(&desc, ": ");
		pt_buf_append(&desc, v.data ? v.data : "", v.len);
		if (bars[i].winner && c->mark) {
			pt_buf_puts(&desc, " ");
			pt_buf_puts(&desc, "\xe2\x80\x94 ");
			pt_buf_puts(&desc, c->mark);
		}
		pt_buf_free(&v);
		rv_push(r, rows, row);
	}
	if (shown) {
		pt_buf_puts(&desc, ".");
	}
	height = 8 + ROW_H * (double)shown;
	if (c->line >= 0 && max > 0) {
		pt_value *l = rv_map(r);
		double x = BAR_MAX_W * c->line / max;

		rv_set_coord(r, l, "x", x);
		rv_set_coord(r, l, "y1", 2);
		rv_set_coord(r, l, "y2", height);
		rv_set_coord(r, l, "label_x", x > BAR_MAX_W / 2 ? x - 4 : x + 4);
		rv_set_str(r, l, "anchor", x > BAR_MAX_W / 2 ? "end" : "start");
		rv_set_coord(r, l, "label_y", height + 14);
		rv_set_str(r, l, "label", c->line_label);
		rv_set(r, ch, "line", l);
		height += 20;
		pt_buf_puts(&desc, " ");
		pt_buf_puts(&desc, c->line_label);
		pt_buf_puts(&desc, ".");
	}
	snprintf(vb, sizeof(vb), "0 0 %d %d", PT_RESULTS_WIDTH, (int)rv_ceil(height));
	rv_set_str(r, ch, "view_box", vb);
	rv_set_int(r, ch, "height", (int64_t)rv_ceil(height));
	rv_set(r, ch, "desc", desc.failed ? NULL : rv_strn(r, desc.data, desc.len));
	pt_buf_free(&desc);
	rv_note_cut(r, ch, "more", "La gráfica muestra las primeras %s de %s opciones; la tabla las tiene todas.", shown, n);
	rv_set(r, ch, "rows", rows);
	rv_set(r, ch, "table", bar_table(r, c, bars, n, units));
	pt_free(r->a, units);
	pt_free(r->a, vals);
	return ch;
}

/* ---- options by index ----------------------------------------------------------------- */

unsigned char *rv_keys(rv *r, const pt_value *map)
{
	size_t i, n = map && map->type == PT_VALUE_MAP ? map->u.c.count : 0;
	unsigned char *f;
	long idx;

	for (i = 0; i < n; i++) {
		rv_find(r, map->u.c.keys[i], map->u.c.key_lens[i], true);
	}
	f = pt_calloc(r->a, r->nc ? r->nc : 1, 1);
	if (!f) {
		r->s = PT_ERR_NOMEM;
		return NULL;
	}
	for (i = 0; i < n; i++) {
		if ((idx = rv_find(r, map->u.c.keys[i], map->u.c.key_lens[i], false)) >= 0) {
			f[idx] = 1;
		}
	}
	return f;
}

size_t rv_ranked(rv *r, const unsigned char *flags, size_t nflags, long *ord, size_t cap)
{
	const pt_value *rk = rv_get(r->res, "ranking");
	unsigned char *seen = pt_calloc(r->a, nflags ? nflags : 1, 1);
	size_t n = 0, i, j;

	if (!seen) {
		r->s = PT_ERR_NOMEM;
		return 0;
	}
	for (i = 0; i < rv_len(rk); i++) {
		for (j = 0; j < rv_len(rk->u.c.items[i]); j++) {
			long c = rv_cand_of(r, rk->u.c.items[i]->u.c.items[j], false);

			if (c >= 0 && (size_t)c < nflags && flags[c] && !seen[c]) {
				seen[c] = 1;
				if (n < cap) {
					ord[n] = c;
				}
				n++;
			}
		}
	}
	for (i = 0; i < nflags; i++) {
		if (flags[i] && !seen[i]) {
			if (n < cap) {
				ord[n] = (long)i;
			}
			n++;
		}
	}
	pt_free(r->a, seen);
	return n;
}

double *rv_values(rv *r, const pt_value *map)
{
	double *v = pt_calloc(r->a, r->nc ? r->nc : 1, sizeof(double));
	size_t i;

	if (!v) {
		r->s = PT_ERR_NOMEM;
		return NULL;
	}
	for (i = 0; i < r->nc; i++) {
		v[i] = NAN;
	}
	for (i = 0; map && map->type == PT_VALUE_MAP && i < map->u.c.count; i++) {
		long c = rv_find(r, map->u.c.keys[i], map->u.c.key_lens[i], false);
		double d;

		if (c >= 0 && rv_num(map->u.c.items[i], &d)) {
			v[c] = d;
		}
	}
	return v;
}
