/*
 * participa core: an instrument's scores from the stream of submitted answers, the
 * report and its CSV (see instrument.h).
 *
 * Everything is a whole number of units (config_instruments.h); a mean is the sum
 * over its count, kept as the pair. The stream holds one subject's items at a
 * time: memory is O(items + subjects x dimensions + corroborated items).
 *
 * The corroborated score of a subject is the mean, over its corroborations, of the
 * score each citizen's answers give, an item a citizen left out taking the
 * subject's own answer (what the subject would score if the citizens' word
 * replaced its own where they spoke). An item is in disagreement when the
 * corroborations that answered it do not agree with the subject's own answer by a
 * strict majority (a tie is a disagreement).
 */
#include "core/instrument/instrument.h"
#include "core/common/csv.h"
#include "core/common/pt_hash.h"
#include "core/common/json_write.h"
#include "core/process/config_processes.h"   /* pt_local_fields() */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct dispute {
	int32_t subject;
	int32_t item;
	int64_t self_units;
	int64_t n, agree, sum;       /* corroborations that answered it, those agreeing, their units */
} dispute;

struct pt_instr_tally {
	const pt_instrument *in;
	const pt_allocator *a;
	size_t S, D, I;
	pt_hash subjects, items;
	int primary;                 /* the kind that ranks and meets the thresholds: self, else evaluation */
	int64_t *dim[PT_INSTR_KINDS];/* [S*D] self units; corroboration and evaluation: sums over responses */
	int64_t *n[PT_INSTR_KINDS];  /* [S] responses (self: 0 or 1) */
	int64_t submitted[PT_INSTR_KINDS], drafts[PT_INSTR_KINDS], subjects_with[PT_INSTR_KINDS];
	int64_t *dim_max;            /* [D] */
	dispute *disp;               /* the corroborated items, by subject */
	size_t ndisp, cap;
	/* the stream */
	int32_t cur_subject;
	int cur_kind;
	int64_t cur_response;
	int64_t *self_units, *self_code, *resp_units, *item_n, *item_agree, *item_sum; /* [I] */
	uint8_t *self_has, *resp_has;
	uint8_t *seen;               /* [S] the stream passed this subject */
	size_t G;                    /* groups, in order of first appearance */
	size_t *gorder, *gstart;     /* subjects by group (stable): group g is gorder[gstart[g] .. gstart[g + 1]) */
	bool in_response;
};

static void *zalloc(pt_instr_tally *t, size_t n, size_t size)
{
	return pt_calloc(t->a, n ? n : 1, size);
}

/* The groups: a counting sort of the subjects by group (first appearance order), O(S). */
static bool groups_index(pt_instr_tally *t)
{
	size_t *gid = zalloc(t, t->S, sizeof(size_t)), i;
	pt_hash h;
	bool ok = gid && (t->gorder = zalloc(t, t->S, sizeof(size_t))) && (t->gstart = zalloc(t, t->S + 1, sizeof(size_t)));

	pt_hash_init(&h, t->a);
	for (i = 0; ok && i < t->S; i++) {
		const char *g = t->in->subjects[i].group;
		void *v = NULL;

		if (pt_hash_find(&h, g, strlen(g), &v)) {
			gid[i] = (size_t)(uintptr_t)v - 1;
		} else {
			gid[i] = t->G++;
			ok = pt_hash_add(&h, g, strlen(g), (void *)(uintptr_t)t->G) == PT_OK;
		}
	}
	for (i = 0; ok && i < t->S; i++) {
		t->gstart[gid[i] + 1]++;
	}
	for (i = 0; ok && i < t->G; i++) {
		t->gstart[i + 1] += t->gstart[i];
	}
	if (ok) {
		size_t *fill = zalloc(t, t->G + 1, sizeof(size_t));

		ok = fill != NULL;
		for (i = 0; ok && i < t->S; i++) {
			t->gorder[t->gstart[gid[i]] + fill[gid[i]]++] = i;
		}
		pt_free(t->a, fill);
	}
	pt_hash_free(&h);
	pt_free(t->a, gid);
	return ok;
}

pt_instr_tally *pt_instr_tally_new(const pt_instrument *in, const pt_allocator *a)
{
	pt_instr_tally *t = pt_calloc(a, 1, sizeof(*t));
	size_t i, k;
	bool ok;

	if (!t) {
		return NULL;
	}
	t->in = in;
	t->a = a;
	t->S = in->subject_count;
	t->D = in->dimension_count;
	t->I = in->item_count;
	t->cur_subject = -1;
	pt_hash_init(&t->subjects, a);
	pt_hash_init(&t->items, a);
	t->primary = in->respondents[PT_INSTR_SELF].allowed || !in->respondents[PT_INSTR_EVALUATION].allowed
		? PT_INSTR_SELF : PT_INSTR_EVALUATION;
	ok = (t->dim_max = zalloc(t, t->D, sizeof(int64_t)))
		&& (t->self_units = zalloc(t, t->I, sizeof(int64_t))) && (t->self_code = zalloc(t, t->I, sizeof(int64_t)))
		&& (t->resp_units = zalloc(t, t->I, sizeof(int64_t))) && (t->item_n = zalloc(t, t->I, sizeof(int64_t)))
		&& (t->item_agree = zalloc(t, t->I, sizeof(int64_t))) && (t->item_sum = zalloc(t, t->I, sizeof(int64_t)))
		&& (t->self_has = zalloc(t, t->I, 1)) && (t->resp_has = zalloc(t, t->I, 1)) && (t->seen = zalloc(t, t->S, 1));
	for (k = 0; ok && k < PT_INSTR_KINDS; k++) {
		ok = (t->dim[k] = zalloc(t, t->S * t->D, sizeof(int64_t))) && (t->n[k] = zalloc(t, t->S, sizeof(int64_t)));
	}
	for (i = 0; ok && i < t->S; i++) {
		ok = pt_hash_add(&t->subjects, in->subjects[i].id, strlen(in->subjects[i].id), (void *)(i + 1)) != PT_ERR_NOMEM;
	}
	for (i = 0; ok && i < t->I; i++) {
		const pt_instr_item *it = &in->items[i];

		ok = pt_hash_add(&t->items, it->id, strlen(it->id), (void *)(i + 1)) != PT_ERR_NOMEM;
		t->dim_max[it->dimension] += it->points * it->weight * in->unit;
	}
	ok = ok && groups_index(t);
	if (!ok) {
		pt_instr_tally_free(t);
		return NULL;
	}
	return t;
}

void pt_instr_tally_free(pt_instr_tally *t)
{
	size_t k;

	if (!t) {
		return;
	}
	pt_hash_free(&t->subjects);
	pt_hash_free(&t->items);
	for (k = 0; k < PT_INSTR_KINDS; k++) {
		pt_free(t->a, t->dim[k]);
		pt_free(t->a, t->n[k]);
	}
	pt_free(t->a, t->dim_max);
	pt_free(t->a, t->disp);
	pt_free(t->a, t->self_units);
	pt_free(t->a, t->self_code);
	pt_free(t->a, t->resp_units);
	pt_free(t->a, t->item_n);
	pt_free(t->a, t->item_agree);
	pt_free(t->a, t->item_sum);
	pt_free(t->a, t->self_has);
	pt_free(t->a, t->resp_has);
	pt_free(t->a, t->seen);
	pt_free(t->a, t->gorder);
	pt_free(t->a, t->gstart);
	pt_free(t->a, t);
}

void pt_instr_tally_drafts(pt_instr_tally *t, pt_instr_kind kind, int64_t count)
{
	if ((unsigned)kind < PT_INSTR_KINDS) {
		t->drafts[kind] += count;
	}
}

/* Closes the response in progress: its units by dimension (left-out items of a corroboration take the self answer). */
static void end_response(pt_instr_tally *t)
{
	size_t i, s = (size_t)t->cur_subject;

	if (!t->in_response) {
		return;
	}
	t->in_response = false;
	if (t->n[t->cur_kind][s]++ == 0) {
		t->subjects_with[t->cur_kind]++;
	}
	t->submitted[t->cur_kind]++;
	for (i = 0; i < t->I; i++) {
		int64_t u = t->resp_has[i] ? t->resp_units[i]
			: t->cur_kind == PT_INSTR_CORROBORATION && t->self_has[i] ? t->self_units[i] : 0;

		t->dim[t->cur_kind][s * t->D + t->in->items[i].dimension] += u;
		if (t->cur_kind == PT_INSTR_SELF) {
			t->self_has[i] = t->resp_has[i];
			t->self_units[i] = t->resp_units[i];
		}
		t->resp_has[i] = 0;
		t->resp_units[i] = 0;
	}
}

/* Closes the subject in progress: its corroborated items join the disputes list. */
static pt_status end_subject(pt_instr_tally *t, pt_error *err)
{
	size_t i;

	end_response(t);
	if (t->cur_subject < 0) {
		return PT_OK;
	}
	for (i = 0; i < t->I; i++) {
		if (t->item_n[i]) {
			if (pt_array_grow(t->a, &t->disp, &t->cap, t->ndisp, sizeof(*t->disp), 64) != PT_OK) {
				return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
			}
			t->disp[t->ndisp++] = (dispute){ t->cur_subject, (int32_t)i, t->self_units[i], t->item_n[i],
				t->item_agree[i], t->item_sum[i] };
		}
		t->item_n[i] = t->item_agree[i] = t->item_sum[i] = 0;
		t->self_has[i] = 0;
		t->self_units[i] = t->self_code[i] = 0;
	}
	return PT_OK;
}

pt_status pt_instr_tally_row(pt_instr_tally *t, const char *subject, size_t subject_len, pt_instr_kind kind,
	int64_t response, const char *item, size_t item_len, const char *value, size_t value_len, pt_error *err)
{
	void *sv = NULL, *iv = NULL;
	int32_t s;
	size_t i;
	int64_t units, code;

	if ((unsigned)kind >= PT_INSTR_KINDS || !pt_hash_find(&t->subjects, subject, subject_len, &sv)) {
		return PT_OK; /* a subject the YAML no longer has */
	}
	s = (int32_t)((uintptr_t)sv - 1);
	if (s != t->cur_subject) {
		if (t->seen[s]) {
			return pt_error_set(err, PT_ERR_INVALID, "instrument tally: a subject's rows are not together");
		}
		t->seen[s] = 1;
		if (end_subject(t, err) != PT_OK) {
			return err->code;
		}
		t->cur_subject = s;
		t->cur_kind = -1;
	}
	if ((int)kind != t->cur_kind || response != t->cur_response) {
		if ((int)kind < t->cur_kind || ((int)kind == t->cur_kind && response < t->cur_response)) {
			return pt_error_set(err, PT_ERR_INVALID, "instrument tally: responses out of order");
		}
		end_response(t);
		t->cur_kind = (int)kind;
		t->cur_response = response;
		t->in_response = true;
	}
	if (!pt_hash_find(&t->items, item, item_len, &iv)) {
		return PT_OK;
	}
	i = (size_t)((uintptr_t)iv - 1);
	if (t->resp_has[i] || !pt_instr_eval(t->in, i, value, value_len, &units, &code)) {
		return PT_OK; /* a value the YAML's scale no longer takes earns nothing */
	}
	t->resp_has[i] = 1;
	t->resp_units[i] = units;
	if (kind == PT_INSTR_SELF) {
		t->self_code[i] = code;
	} else if (kind == PT_INSTR_CORROBORATION && t->in->items[i].scale != PT_SCALE_TEXT) {
		t->item_n[i]++;
		t->item_sum[i] += units;
		t->item_agree[i] += t->self_has[i] && t->self_code[i] == code;
	}
	return PT_OK;
}

static int by_subject(const void *x, const void *y)
{
	const dispute *a = x, *b = y;

	return a->subject != b->subject ? (a->subject < b->subject ? -1 : 1) : (a->item < b->item ? -1 : a->item > b->item);
}

pt_status pt_instr_tally_end(pt_instr_tally *t, pt_error *err)
{
	pt_status s = end_subject(t, err);

	t->cur_subject = -1;
	if (t->ndisp > 1) {
		qsort(t->disp, t->ndisp, sizeof(*t->disp), by_subject);
	}
	return s;
}

/* ---- exact display ------------------------------------------------------------------ */

void pt_instr_percent_text(pt_buf *out, int64_t num, int64_t den)
{
	__int128 tenths = ((__int128)num * 2000 + den) / ((__int128)den * 2); /* half up, num >= 0 */
	char buf[64];

	snprintf(buf, sizeof(buf), "%lld.%lld %%", (long long)(tenths / 10), (long long)(tenths % 10));
	pt_buf_puts(out, buf);
}

void pt_instr_number_text(pt_buf *out, int64_t num, int64_t den)
{
	__int128 hundredths = ((__int128)num * 200 + den) / ((__int128)den * 2);
	char buf[64];
	int n;

	n = snprintf(buf, sizeof(buf), "%lld.%02lld", (long long)(hundredths / 100), (long long)(hundredths % 100));
	while (n > 0 && buf[n - 1] == '0') {
		buf[--n] = 0;
	}
	if (n > 0 && buf[n - 1] == '.') {
		buf[--n] = 0;
	}
	pt_buf_puts(out, buf);
}

/* ---- the report ------------------------------------------------------------------------ */

typedef struct rb {
	const pt_allocator *a;
	bool nomem;
} rb;

static pt_value *take(rb *r, pt_value *v)
{
	if (!v) {
		r->nomem = true;
	}
	return v;
}

static void put(rb *r, pt_value *map, const char *key, pt_value *v)
{
	if (!r->nomem && pt_value_setc(map, key, v) != PT_OK) {
		r->nomem = true;
	} else if (r->nomem) {
		pt_value_free(v);
	}
}

static void push(rb *r, pt_value *list, pt_value *v)
{
	if (!r->nomem && pt_value_push(list, v) != PT_OK) {
		r->nomem = true;
	} else if (r->nomem) {
		pt_value_free(v);
	}
}

static pt_value *text_of_buf(rb *r, pt_buf *b)
{
	pt_value *v = b->failed ? NULL : pt_value_string(r->a, b->data ? b->data : "", b->len);

	pt_buf_free(b);
	return take(r, v);
}

static void reduce(int64_t *num, int64_t *den)
{
	int64_t g = (int64_t)pt_gcd_u64((uint64_t)(*num < 0 ? -*num : *num), (uint64_t)*den);

	if (g > 1) {
		*num /= g;
		*den /= g;
	}
}

/* {num, den, text}: points num/den. */
static pt_value *points_fig(rb *r, int64_t num, int64_t den)
{
	pt_value *m = take(r, pt_value_map(r->a));
	pt_buf b;

	if (!m) {
		return NULL;
	}
	reduce(&num, &den);
	put(r, m, "num", take(r, pt_value_int(r->a, num)));
	put(r, m, "den", take(r, pt_value_int(r->a, den)));
	pt_buf_init(&b, r->a);
	pt_instr_number_text(&b, num, den);
	put(r, m, "text", text_of_buf(r, &b));
	return m;
}

/* {num, den, percent}: the share num/den; null when den is 0. */
static pt_value *ratio_fig(rb *r, int64_t num, int64_t den)
{
	pt_value *m;
	pt_buf b;

	if (den == 0) {
		return take(r, pt_value_null(r->a));
	}
	if (!(m = take(r, pt_value_map(r->a)))) {
		return NULL;
	}
	pt_buf_init(&b, r->a);
	pt_instr_percent_text(&b, num, den);
	reduce(&num, &den);
	put(r, m, "num", take(r, pt_value_int(r->a, num)));
	put(r, m, "den", take(r, pt_value_int(r->a, den)));
	put(r, m, "percent", text_of_buf(r, &b));
	return m;
}

static pt_value *str(rb *r, const char *s)
{
	return take(r, s ? pt_value_cstr(r->a, s) : pt_value_null(r->a));
}

static pt_value *num(rb *r, int64_t i)
{
	return take(r, pt_value_int(r->a, i));
}

/* The label of the highest threshold units/max reaches, or NULL. */
static const pt_instr_threshold *level_of(const pt_instrument *in, int64_t units, int64_t count)
{
	const pt_instr_threshold *best = NULL;
	size_t i;

	for (i = 0; i < in->threshold_count; i++) {
		/* units / (count * max) >= percent / 100 */
		if ((__int128)units * 100 >= (__int128)in->thresholds[i].percent * in->max_units * count) {
			best = &in->thresholds[i];
		}
	}
	return best;
}

/* One kind's scores for subject s: total, percent, level, dimensions (sums over count responses). */
static pt_value *scores_of(rb *r, const pt_instr_tally *t, int kind, size_t s)
{
	const pt_instrument *in = t->in;
	int64_t count = t->n[kind][s], total = 0;
	pt_value *m, *dims;
	const pt_instr_threshold *lv;
	size_t d;

	if (count == 0) {
		return take(r, pt_value_null(r->a));
	}
	m = take(r, pt_value_map(r->a));
	dims = take(r, pt_value_list(r->a));
	for (d = 0; m && dims && d < t->D; d++) {
		pt_value *dm = take(r, pt_value_map(r->a));
		int64_t u = t->dim[kind][s * t->D + d];

		total += u;
		if (!dm) {
			break;
		}
		put(r, dm, "id", str(r, in->dimensions[d].id));
		put(r, dm, "points", points_fig(r, u, count * in->unit));
		put(r, dm, "max", points_fig(r, t->dim_max[d], in->unit));
		put(r, dm, "share", ratio_fig(r, u, count * t->dim_max[d]));
		push(r, dims, dm);
	}
	if (!m) {
		pt_value_free(dims);
		return NULL;
	}
	lv = level_of(in, total, count);
	put(r, m, "responses", num(r, count));
	put(r, m, "total", points_fig(r, total, count * in->unit));
	put(r, m, "max", points_fig(r, in->max_units, in->unit));
	put(r, m, "share", ratio_fig(r, total, count * in->max_units));
	put(r, m, "level", str(r, lv ? lv->label : NULL));
	put(r, m, "dimensions", dims);
	return m;
}

/* The units of subject s by kind k: dimension d, or the total (d = -1); a sum over n[k][s] responses. */
static int64_t units_of(const pt_instr_tally *t, int k, size_t s, int d)
{
	int64_t total = 0;
	size_t i;

	if (d >= 0) {
		return t->dim[k][s * t->D + (size_t)d];
	}
	for (i = 0; i < t->D; i++) {
		total += t->dim[k][s * t->D + i];
	}
	return total;
}

static bool responded(const pt_instr_tally *t, size_t s)
{
	return t->n[t->primary][s] > 0;
}

/*
 * The mean share by kind k, over the subjects that responded (primary kind) and, when with is not -1, have
 * responses of kind `with` too, in group g (NULL: all): the mean of each subject's units / (its responses x max),
 * exact over the least common multiple of the counts; null when there is none, or when that multiple would
 * not fit (never a rounded figure).
 */
/* The subjects of group g (-1: all), as a range of positions: subject_at() turns one into a subject. */
static void group_range(const pt_instr_tally *t, int64_t g, size_t *lo, size_t *hi)
{
	*lo = g < 0 ? 0 : t->gstart[g];
	*hi = g < 0 ? t->S : t->gstart[g + 1];
}

static size_t subject_at(const pt_instr_tally *t, int64_t g, size_t j)
{
	return g < 0 ? j : t->gorder[j];
}

/*
 * The mean share by kind k, over the subjects of group g (-1: all) that responded (primary kind) and, when
 * with is not -1, have responses of kind `with` too: the mean of each subject's units / (its responses x
 * max), exact over the least common multiple of the counts; null when there is none to divide by, or when
 * that multiple would not fit (never a rounded figure). O(subjects of the group).
 */
static pt_value *mean_share(rb *r, const pt_instr_tally *t, int k, int with, int d, int64_t g, int64_t *count)
{
	int64_t den = 1, n = 0, max = d >= 0 ? t->dim_max[d] : t->in->max_units;
	__int128 sum = 0;
	size_t lo, hi, j;
	int pass;

	group_range(t, g, &lo, &hi);
	for (pass = 0; pass < 2; pass++) {
		for (j = lo; j < hi; j++) {
			size_t s = subject_at(t, g, j);
			int64_t c = t->n[k][s];

			if (!c || !responded(t, s) || (with >= 0 && !t->n[with][s])) {
				continue;
			}
			if (pass == 0) {
				den = den / (int64_t)pt_gcd_u64((uint64_t)den, (uint64_t)c) * c;
				n++;
				if (den > ((int64_t)1 << 30)) {
					break;
				}
			} else {
				sum += (__int128)units_of(t, k, s, d) * (den / c);
			}
		}
	}
	if (count) {
		*count = n;
	}
	if (den > ((int64_t)1 << 30) || (__int128)den * n * max >= ((__int128)1 << 62) || sum >= ((__int128)1 << 62)) {
		return take(r, pt_value_null(r->a));
	}
	return ratio_fig(r, (int64_t)sum, den * n * max);
}

static pt_value *disagreements(rb *r, const pt_instr_tally *t, size_t s, size_t *cursor)
{
	const pt_instrument *in = t->in;
	pt_value *list = take(r, pt_value_list(r->a));

	for (; *cursor < t->ndisp && t->disp[*cursor].subject < (int32_t)s; (*cursor)++) {
	}
	for (; list && *cursor < t->ndisp && t->disp[*cursor].subject == (int32_t)s; (*cursor)++) {
		const dispute *dp = &t->disp[*cursor];
		const pt_instr_item *it = &in->items[dp->item];
		pt_value *m;

		if (dp->agree * 2 > dp->n) {
			continue;
		}
		if (!(m = take(r, pt_value_map(r->a)))) {
			break;
		}
		put(r, m, "item", str(r, it->id));
		put(r, m, "dimension", str(r, in->dimensions[it->dimension].id));
		put(r, m, "text", str(r, it->text));
		put(r, m, "self", points_fig(r, dp->self_units, in->unit));
		put(r, m, "corroborated", points_fig(r, dp->sum, dp->n * in->unit));
		put(r, m, "corroborations", num(r, dp->n));
		put(r, m, "agree", num(r, dp->agree));
		push(r, list, m);
	}
	return list;
}

static pt_value *subject_of(rb *r, const pt_instr_tally *t, const pt_config *cfg, size_t s, size_t *cursor)
{
	const pt_instr_subject *su = &t->in->subjects[s];
	pt_value *m = take(r, pt_value_map(r->a)), *c;

	if (!m) {
		return NULL;
	}
	put(r, m, "id", str(r, su->id));
	put(r, m, "name", str(r, su->name));
	put(r, m, "group", str(r, su->group));
	put(r, m, "territory", str(r, su->territory >= 0 ? cfg->territories.items[su->territory].id : NULL));
	put(r, m, "responded", take(r, pt_value_bool(r->a, responded(t, s))));
	put(r, m, "self", scores_of(r, t, PT_INSTR_SELF, s));
	c = scores_of(r, t, PT_INSTR_CORROBORATION, s);
	if (c && c->type == PT_VALUE_MAP) {
		put(r, c, "disagreements", disagreements(r, t, s, cursor));
	}
	put(r, m, "corroboration", c);
	put(r, m, "evaluation", scores_of(r, t, PT_INSTR_EVALUATION, s));
	return m;
}

typedef struct ranked {
	size_t s;
	int64_t units, n;            /* the primary kind's sum and responses */
} ranked;

/* By share descending (units / n, cross-multiplied: exact), then file order. */
static int by_share(const void *x, const void *y)
{
	const ranked *a = x, *b = y;
	__int128 l = (__int128)a->units * b->n, m = (__int128)b->units * a->n;

	return l != m ? (l > m ? -1 : 1) : (a->s < b->s ? -1 : a->s > b->s);
}

/* Competition ranking (1, 2, 2, 4) of the responded subjects by their primary share. O(S log S). */
static pt_value *ranking(rb *r, const pt_instr_tally *t)
{
	pt_value *list = take(r, pt_value_list(r->a));
	ranked *order = pt_calloc(r->a, t->S ? t->S : 1, sizeof(ranked));
	size_t n = 0, i, rank = 0;
	int P = t->primary;

	if (!order || !list) {
		r->nomem = true;
		pt_free(r->a, order);
		return list;
	}
	for (i = 0; i < t->S; i++) {
		if (responded(t, i)) {
			order[n++] = (ranked){ i, units_of(t, P, i, -1), t->n[P][i] };
		}
	}
	qsort(order, n, sizeof(*order), by_share);
	for (i = 0; i < n; i++) {
		const ranked *x = &order[i];
		pt_value *m = take(r, pt_value_map(r->a));
		const pt_instr_threshold *lv = level_of(t->in, x->units, x->n);

		if (i == 0 || (__int128)x->units * order[i - 1].n != (__int128)order[i - 1].units * x->n) {
			rank = i + 1;
		}
		if (!m) {
			break;
		}
		put(r, m, "rank", num(r, (int64_t)rank));
		put(r, m, "id", str(r, t->in->subjects[x->s].id));
		put(r, m, "name", str(r, t->in->subjects[x->s].name));
		put(r, m, "group", str(r, t->in->subjects[x->s].group));
		put(r, m, "total", points_fig(r, x->units, x->n * t->in->unit));
		put(r, m, "share", ratio_fig(r, x->units, x->n * t->in->max_units));
		put(r, m, "level", str(r, lv ? lv->label : NULL));
		push(r, list, m);
	}
	pt_free(r->a, order);
	return list;
}

/* Per threshold: how many responded subjects of group g (-1: all) reach it. O(thresholds x subjects of g). */
static pt_value *thresholds_of(rb *r, const pt_instr_tally *t, int64_t g)
{
	pt_value *list = take(r, pt_value_list(r->a));
	int P = t->primary;
	size_t k, lo, hi, j;

	group_range(t, g, &lo, &hi);
	for (k = 0; list && k < t->in->threshold_count; k++) {
		const pt_instr_threshold *th = &t->in->thresholds[k];
		pt_value *m = take(r, pt_value_map(r->a));
		int64_t reached = 0, count = 0;

		for (j = lo; j < hi; j++) {
			size_t s = subject_at(t, g, j);

			if (responded(t, s)) {
				count++;
				reached += (__int128)units_of(t, P, s, -1) * 100
					>= (__int128)th->percent * t->in->max_units * t->n[P][s];
			}
		}
		if (!m) {
			break;
		}
		put(r, m, "label", str(r, th->label));
		put(r, m, "at", num(r, th->percent));
		put(r, m, "subjects", num(r, reached));
		put(r, m, "share", ratio_fig(r, reached, count));
		push(r, list, m);
	}
	return list;
}

/* Groups in order of first appearance: subjects, responded, rate, mean share, thresholds. O(subjects). */
static pt_value *groups(rb *r, const pt_instr_tally *t)
{
	pt_value *list = take(r, pt_value_list(r->a));
	size_t g;

	for (g = 0; list && g < t->G; g++) {
		int64_t count = (int64_t)(t->gstart[g + 1] - t->gstart[g]), answered = 0;
		pt_value *m;

		if (!(m = take(r, pt_value_map(r->a)))) {
			break;
		}
		put(r, m, "group", str(r, t->in->subjects[t->gorder[t->gstart[g]]].group));
		put(r, m, "subjects", num(r, count));
		put(r, m, "mean_share", mean_share(r, t, t->primary, -1, -1, (int64_t)g, &answered));
		put(r, m, "responded", num(r, answered));
		put(r, m, "rate", ratio_fig(r, answered, count));
		put(r, m, "thresholds", thresholds_of(r, t, (int64_t)g));
		push(r, list, m);
	}
	return list;
}

/* Per dimension: the mean share over responded subjects; and over the corroborated subjects, their own
 * (primary) mean share beside the mean corroborated share (the bars of a picture). */
static pt_value *dimensions_of(rb *r, const pt_instr_tally *t)
{
	pt_value *list = take(r, pt_value_list(r->a));
	size_t d;

	for (d = 0; list && d < t->D; d++) {
		pt_value *m = take(r, pt_value_map(r->a)), *c;
		int64_t n = 0;

		if (!m) {
			break;
		}
		put(r, m, "id", str(r, t->in->dimensions[d].id));
		put(r, m, "title", str(r, t->in->dimensions[d].title));
		put(r, m, "max", points_fig(r, t->dim_max[d], t->in->unit));
		put(r, m, "share", mean_share(r, t, t->primary, -1, (int)d, -1, NULL));
		if ((c = take(r, pt_value_map(r->a)))) {
			put(r, c, "own_share", mean_share(r, t, t->primary, PT_INSTR_CORROBORATION, (int)d, -1, &n));
			put(r, c, "corroborated_share", mean_share(r, t, PT_INSTR_CORROBORATION, -1, (int)d, -1, NULL));
			put(r, c, "subjects", num(r, n));
		}
		put(r, m, "corroboration", c);
		push(r, list, m);
	}
	return list;
}

static pt_value *responses_of(rb *r, const pt_instr_tally *t)
{
	pt_value *m = take(r, pt_value_map(r->a));
	int k;

	if (!m) {
		return NULL;
	}
	put(r, m, "subjects", num(r, (int64_t)t->S));
	for (k = 0; k < PT_INSTR_KINDS; k++) {
		pt_value *e = take(r, pt_value_map(r->a));

		if (!e) {
			break;
		}
		put(r, e, "allowed", take(r, pt_value_bool(r->a, t->in->respondents[k].allowed)));
		put(r, e, "submitted", num(r, t->submitted[k]));
		put(r, e, "drafts", num(r, t->drafts[k]));
		put(r, e, "subjects", num(r, t->subjects_with[k]));
		put(r, e, "rate", ratio_fig(r, t->subjects_with[k], (int64_t)t->S));
		put(r, m, pt_instr_kind_name((pt_instr_kind)k), e);
	}
	return m;
}

/* ---- the definition --------------------------------------------------------------------- */

static pt_value *local_text(rb *r, bool has, int64_t local_s)
{
	int y, mo, d, h, mi, s;
	char buf[32];

	if (!has) {
		return take(r, pt_value_null(r->a));
	}
	pt_local_fields(local_s, &y, &mo, &d, &h, &mi, &s);
	snprintf(buf, sizeof(buf), "%04d-%02d-%02d %02d:%02d:%02d", y, mo, d, h, mi, s);
	return str(r, buf);
}

static pt_value *item_def(rb *r, const pt_instrument *in, const pt_instr_item *it)
{
	pt_value *m = take(r, pt_value_map(r->a)), *opts;
	size_t k;

	if (!m) {
		return NULL;
	}
	put(r, m, "id", str(r, it->id));
	put(r, m, "text", str(r, it->text));
	put(r, m, "scale", str(r, pt_instr_scale_name(it->scale)));
	put(r, m, "points", num(r, it->points));
	put(r, m, "weight", num(r, it->weight));
	put(r, m, "max", points_fig(r, it->points * it->weight * in->unit, in->unit));
	if (it->scale == PT_SCALE_NUMERIC) {
		put(r, m, "min", num(r, it->min));
		put(r, m, "max_value", num(r, it->max));
	}
	if (it->scale == PT_SCALE_CHOICE && (opts = take(r, pt_value_list(r->a)))) {
		for (k = 0; k < it->option_count; k++) {
			pt_value *o = take(r, pt_value_map(r->a));

			if (o) {
				put(r, o, "id", str(r, it->options[k].id));
				put(r, o, "label", str(r, it->options[k].label));
				put(r, o, "points", num(r, it->options[k].points));
			}
			push(r, opts, o);
		}
		put(r, m, "options", opts);
	}
	put(r, m, "evidence", str(r, pt_instr_evidence_name(it->evidence)));
	put(r, m, "required", take(r, pt_value_bool(r->a, it->required)));
	put(r, m, "placeholder", take(r, pt_value_bool(r->a, it->placeholder)));
	return m;
}

pt_value *pt_instr_definition(const pt_instrument *in, const pt_config *cfg, const pt_instr_clock *clock,
	const pt_allocator *a)
{
	static const char *const windows[] = { "open", "before", "after" };
	rb r = { a, false };
	pt_value *m = take(&r, pt_value_map(a)), *dims, *ths, *resp, *subs;
	size_t d, i;
	int k;

	if (!m) {
		return NULL;
	}
	put(&r, m, "id", str(&r, in->id));
	put(&r, m, "title", str(&r, in->title));
	put(&r, m, "description", str(&r, in->description));
	put(&r, m, "source", str(&r, in->source));
	put(&r, m, "about", str(&r, pt_instr_about_name(in->about)));
	put(&r, m, "level", str(&r, in->level));
	put(&r, m, "max", points_fig(&r, in->max_units, in->unit));
	if ((resp = take(&r, pt_value_map(a)))) {
		for (k = 0; k < PT_INSTR_KINDS; k++) {
			const pt_instr_respondent *rs = &in->respondents[k];
			pt_value *e;

			if (!rs->allowed || !(e = take(&r, pt_value_map(a)))) {
				continue;
			}
			put(&r, e, "role", str(&r, rs->role != SIZE_MAX ? cfg->roles[rs->role].id : NULL));
			put(&r, e, "opens", local_text(&r, rs->has_opens, rs->opens_local));
			put(&r, e, "closes", local_text(&r, rs->has_closes, rs->closes_local));
			/* the last moment still open, for a page's "hasta el 20 de junio" */
			put(&r, e, "deadline", local_text(&r, rs->has_closes, rs->closes_local - 1));
			if (clock && clock->window) {
				put(&r, e, "window", str(&r, windows[clock->window(clock->ctx, cfg, rs)]));
			}
			put(&r, resp, pt_instr_kind_name((pt_instr_kind)k), e);
		}
	}
	put(&r, m, "respondents", resp);
	if ((ths = take(&r, pt_value_list(a)))) {
		for (i = 0; i < in->threshold_count; i++) {
			pt_value *e = take(&r, pt_value_map(a));

			if (e) {
				put(&r, e, "at", num(&r, in->thresholds[i].percent));
				put(&r, e, "label", str(&r, in->thresholds[i].label));
			}
			push(&r, ths, e);
		}
	}
	put(&r, m, "thresholds", ths);
	if ((dims = take(&r, pt_value_list(a)))) {
		for (d = 0; d < in->dimension_count; d++) {
			const pt_instr_dimension *dm = &in->dimensions[d];
			pt_value *e = take(&r, pt_value_map(a)), *items = take(&r, pt_value_list(a));

			for (i = 0; items && i < dm->item_count; i++) {
				push(&r, items, item_def(&r, in, &in->items[dm->first_item + i]));
			}
			if (e) {
				put(&r, e, "id", str(&r, dm->id));
				put(&r, e, "title", str(&r, dm->title));
				put(&r, e, "items", items);
			} else {
				pt_value_free(items);
			}
			push(&r, dims, e);
		}
	}
	put(&r, m, "dimensions", dims);
	if ((subs = take(&r, pt_value_list(a)))) {
		for (i = 0; i < in->subject_count; i++) {
			const pt_instr_subject *su = &in->subjects[i];
			pt_value *e = take(&r, pt_value_map(a));

			if (e) {
				put(&r, e, "id", str(&r, su->id));
				put(&r, e, "name", str(&r, su->name));
				put(&r, e, "group", str(&r, su->group));
				put(&r, e, "territory", str(&r, su->territory >= 0 ? cfg->territories.items[su->territory].id : NULL));
			}
			push(&r, subs, e);
		}
	}
	put(&r, m, "subjects", subs);
	if (r.nomem) {
		pt_value_free(m);
		return NULL;
	}
	return m;
}

pt_value *pt_instr_report(const pt_instr_tally *t, const pt_config *cfg, const pt_instr_clock *clock,
	const pt_allocator *a)
{
	rb r = { a, false };
	pt_value *m = take(&r, pt_value_map(a)), *subjects = take(&r, pt_value_list(a));
	size_t s, cursor = 0;

	for (s = 0; subjects && !r.nomem && s < t->S; s++) {
		push(&r, subjects, subject_of(&r, t, cfg, s, &cursor));
	}
	if (!m) {
		pt_value_free(subjects);
		return NULL;
	}
	put(&r, m, "id", str(&r, t->in->id));
	put(&r, m, "title", str(&r, t->in->title));
	put(&r, m, "instrument", take(&r, pt_instr_definition(t->in, cfg, clock, a)));
	put(&r, m, "scored_by", str(&r, pt_instr_kind_name((pt_instr_kind)t->primary)));
	put(&r, m, "responses", responses_of(&r, t));
	put(&r, m, "dimensions", dimensions_of(&r, t));
	put(&r, m, "thresholds", thresholds_of(&r, t, -1));
	put(&r, m, "groups", groups(&r, t));
	put(&r, m, "ranking", ranking(&r, t));
	put(&r, m, "subjects", subjects);
	if (r.nomem) {
		pt_value_free(m);
		return NULL;
	}
	return m;
}

/* ---- CSV ------------------------------------------------------------------------------ */

static void cell(pt_buf *b, const char *s, bool first)
{
	pt_csv_field(b, s ? s : "", s ? strlen(s) : 0, first);
}

static void cell_int(pt_buf *b, int64_t v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%lld", (long long)v);
	cell(b, buf, false);
}

/* points num/den reduced, its text, and the share of max. */
static void cells_fig(pt_buf *b, int64_t units, int64_t count, int64_t unit, int64_t max)
{
	int64_t n = units, d = count * unit;
	pt_buf t;

	reduce(&n, &d);
	cell_int(b, n);
	cell_int(b, d);
	pt_buf_init(&t, b->a);
	pt_instr_number_text(&t, n, d);
	cell(b, t.data, false);
	pt_buf_free(&t);
	pt_buf_init(&t, b->a);
	pt_instr_number_text(&t, max, unit);
	cell(b, t.data, false);
	pt_buf_free(&t);
	pt_buf_init(&t, b->a);
	if (max > 0) {
		pt_instr_percent_text(&t, units, count * max);
	}
	cell(b, t.data, false);
	pt_buf_free(&t);
}

pt_status pt_instr_csv(const pt_instr_tally *t, pt_buf *out, pt_error *err)
{
	static const char *const head[] = { "instrument", "subject", "name", "group", "respondent", "responses",
		"dimension", "points_num", "points_den", "points", "max_points", "share", "level", NULL };
	const pt_instrument *in = t->in;
	size_t s, d, h;
	int k;

	for (h = 0; head[h]; h++) {
		cell(out, head[h], h == 0);
	}
	pt_csv_end_record(out);
	for (s = 0; s < t->S; s++) {
		for (k = 0; k < PT_INSTR_KINDS; k++) {
			int64_t count = t->n[k][s], total = 0;
			const pt_instr_threshold *lv;

			if (!count) {
				continue;
			}
			for (d = 0; d <= t->D; d++) {
				int64_t u = d < t->D ? t->dim[k][s * t->D + d] : total;

				total += d < t->D ? u : 0;
				cell(out, in->id, true);
				cell(out, in->subjects[s].id, false);
				cell(out, in->subjects[s].name, false);
				cell(out, in->subjects[s].group, false);
				cell(out, pt_instr_kind_name((pt_instr_kind)k), false);
				cell_int(out, count);
				cell(out, d < t->D ? in->dimensions[d].id : "total", false);
				cells_fig(out, u, count, in->unit, d < t->D ? t->dim_max[d] : in->max_units);
				lv = d < t->D ? NULL : level_of(in, total, count);
				cell(out, lv ? lv->label : "", false);
				pt_csv_end_record(out);
			}
		}
	}
	return out->failed ? pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory") : PT_OK;
}

pt_status pt_instr_export(const pt_instr_tally *t, const pt_config *cfg, const pt_instr_clock *clock,
	const char *format, pt_buf *out, pt_error *err)
{
	pt_value *v;
	pt_status s;

	if (strcmp(format, "csv") == 0) {
		return pt_instr_csv(t, out, err);
	}
	if (strcmp(format, "json") != 0) {
		return pt_error_set(err, PT_ERR_INVALID, "Formato desconocido: se admiten csv y json.");
	}
	if (!(v = pt_instr_report(t, cfg, clock, out->a))) {
		return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	}
	s = pt_json_value(out, v, 0, err);
	pt_value_free(v);
	return s;
}
