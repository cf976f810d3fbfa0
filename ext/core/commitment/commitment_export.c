/*
 * participa core: CSV and JSON exports of commitments (see commitment_export.h).
 */
#include "core/commitment/commitment_export.h"
#include "core/common/csv.h"
#include "core/common/json_write.h"
#include "core/common/url.h"
#include "core/commitment/commitment_summary.h"

#include <stdio.h>
#include <string.h>

void pt_commitment_export_csv(pt_buf *b, const pt_commitment_record *items, size_t n, bool bom)
{
	size_t i;
	int f;

	if (bom) {
		pt_buf_puts(b, PT_CSV_BOM);
	}
	for (f = 0; f < PT_CMF_COUNT; f++) {
		pt_csv_field(b, pt_commitment_field_names[f], strlen(pt_commitment_field_names[f]), f == 0);
	}
	pt_csv_end_record(b);
	for (i = 0; i < n; i++) {
		for (f = 0; f < PT_CMF_COUNT; f++) {
			const char *s = items[i].v[f];

			pt_csv_field(b, s ? s : "", s ? strlen(s) : 0, f == 0);
		}
		pt_csv_end_record(b);
	}
}

void pt_commitment_list_items(const char *s, const char *sep, void (*fn)(void *ctx, const char *item, size_t len),
	void *ctx)
{
	size_t seplen = strlen(sep);

	while (s && *s) {
		const char *end = strstr(s, sep);
		size_t len = end ? (size_t)(end - s) : strlen(s);

		fn(ctx, s, len);
		s += len + (end ? seplen : 0);
	}
}

/* ---- PHP's pretty JSON ------------------------------------------------------ */

typedef struct jw {
	pt_buf *b;
	int depth;
	bool first;                  /* no member written yet at this depth */
} jw;

/* A string as json_encode() writes it (core/common/json_write.h; text that is not UTF-8, which the
 * stores never hold, is written as far as it goes, as PHP's partial output). */
static void jstr(pt_buf *b, const char *s, size_t len)
{
	pt_error err;

	pt_error_clear(&err);
	pt_json_string(b, s, len, &err);
}

static void newline(jw *w)
{
	int i;

	pt_buf_append(w->b, "\n", 1);
	for (i = 0; i < w->depth; i++) {
		pt_buf_append(w->b, "    ", 4);
	}
}

/* Before a member (key NULL: a list item). */
static void member(jw *w, const char *key)
{
	if (!w->first) {
		pt_buf_append(w->b, ",", 1);
	}
	w->first = false;
	newline(w);
	if (key) {
		jstr(w->b, key, strlen(key));
		pt_buf_append(w->b, ": ", 2);
	}
}

static void jopen(jw *w, const char *key, char c)
{
	member(w, key);
	pt_buf_append(w->b, &c, 1);
	w->depth++;
	w->first = true;
}

/* Closes a container; an empty one is "[]" or "{}". */
static void jclose(jw *w, char c)
{
	w->depth--;
	if (!w->first) {
		newline(w);
	}
	pt_buf_append(w->b, &c, 1);
	w->first = false;
}

static void text(jw *w, const char *key, const char *s)
{
	member(w, key);
	if (s) {
		jstr(w->b, s, strlen(s));
	} else {
		pt_buf_puts(w->b, "null");
	}
}

static void list_item(void *ctx, const char *s, size_t len)
{
	jw *w = ctx;

	member(w, NULL);
	jstr(w->b, s, len);
}

static void record_json(jw *w, const pt_commitment_record *r)
{
	size_t f, k;

	jopen(w, NULL, '{');
	for (f = 0; f < PT_CMF_COUNT; f++) {
		const char *name = pt_commitment_field_names[f];

		if (f == PT_CMF_PILLARS || f == PT_CMF_ACTORS) {
			jopen(w, name, '[');
			pt_commitment_list_items(r->v[f], f == PT_CMF_PILLARS ? ";" : "; ", list_item, w);
			jclose(w, ']');
		} else if ((f == PT_CMF_EVIDENCE && !r->evidence && r->evidence_count)
			|| (f == PT_CMF_MILESTONES && !r->milestones && r->milestone_count)) {
			text(w, name, NULL);   /* the items were not read, only counted */
		} else if (f == PT_CMF_EVIDENCE) {
			jopen(w, name, '[');
			for (k = 0; k < r->evidence_count; k++) {
				const char *texts[PT_COMMITMENT_EVIDENCE_KEYS];
				size_t j;

				pt_commitment_evidence_texts(&r->evidence[k], texts);
				jopen(w, NULL, '{');
				for (j = 0; j < PT_COMMITMENT_EVIDENCE_KEYS; j++) {
					text(w, pt_commitment_evidence_keys[j], texts[j]);
				}
				jclose(w, '}');
			}
			jclose(w, ']');
		} else if (f == PT_CMF_MILESTONES) {
			jopen(w, name, '[');
			for (k = 0; k < r->milestone_count; k++) {
				jopen(w, NULL, '{');
				text(w, "title", r->milestones[k].title);
				text(w, "due", r->milestones[k].due);
				member(w, "done");
				pt_buf_puts(w->b, r->milestones[k].done ? "true" : "false");
				jclose(w, '}');
			}
			jclose(w, ']');
		} else {
			text(w, name, r->v[f]);
		}
	}
	jclose(w, '}');
}

void pt_commitment_export_json(pt_buf *b, const pt_commitment_plan *plan, const pt_commitment_record *items, size_t n)
{
	jw w = { b, 0, true };
	size_t i;

	pt_buf_append(b, "{", 1);
	w.depth = 1;
	jopen(&w, "plan", '{');
	text(&w, "id", plan->id);
	text(&w, "title", plan->title);
	text(&w, "from", plan->from);
	text(&w, "to", plan->to);
	text(&w, "territory", plan->territory);
	jclose(&w, '}');
	jopen(&w, "commitments", '[');
	for (i = 0; i < n; i++) {
		record_json(&w, &items[i]);
	}
	jclose(&w, ']');
	w.depth = 0;
	newline(&w);
	pt_buf_append(b, "}", 1);
}

/* ---- views ------------------------------------------------------------------ */

void pt_commitment_view_of(const pt_config *cfg, const pt_commitment_record *r, const char *as_of,
	pt_commitment_view *out)
{
	const pt_commitments_config *c = cfg->commitments;
	const char *status = r->v[PT_CMF_STATUS];
	int32_t si, level;
	pt_commitment_light light;

	out->progress_bp = 0;
	if (r->v[PT_CMF_PROGRESS]) {
		pt_commitment_parse_progress(r->v[PT_CMF_PROGRESS], strlen(r->v[PT_CMF_PROGRESS]), &out->progress_bp);
	}
	si = status ? pt_commitment_status_find(c, status, strlen(status)) : -1;
	out->status_label = si >= 0 ? c->statuses[si].label : NULL;
	out->theme_label = pt_commitment_term_label(c->themes, c->theme_count, r->v[PT_CMF_THEME]);
	out->agency_name = pt_commitment_term_label(c->agencies, c->agency_count, r->v[PT_CMF_AGENCY]);
	light = pt_commitment_traffic_light(r->v[PT_CMF_START], r->v[PT_CMF_DUE], as_of, out->progress_bp,
		si >= 0 && c->statuses[si].closed, c->at_risk_behind_bp, c->late_grace_days);
	out->light = pt_commitment_light_name(light);
	out->light_label = pt_commitment_light_label(light, cfg->locale && strncmp(cfg->locale, "en", 2) == 0);
	level = pt_commitment_completion(c, out->progress_bp, r->evidence_count > 0);
	out->completion = level >= 0 ? c->levels[level].id : NULL;
	out->completion_label = level >= 0 ? c->levels[level].label : NULL;
}

const char *pt_commitment_shown_url(const char *url)
{
	return !url || pt_url_valid(url, strlen(url)) ? url : NULL;
}

/* s or null. */
static pt_value *opt_text(const pt_allocator *a, const char *s)
{
	return s ? pt_value_cstr(a, s) : pt_value_null(a);
}

typedef struct item_list_ctx {
	const pt_allocator *a;
	pt_value *list;
	bool ok;
} item_list_ctx;

static void push_item(void *ctx, const char *s, size_t len)
{
	item_list_ctx *x = ctx;

	x->ok = x->ok && pt_value_push(x->list, pt_value_string(x->a, s, len)) == PT_OK;
}

/* r's evidence or milestones as a list of maps (a page never shows a URL the URL rule refuses). */
static pt_value *items_value(const pt_commitment_record *r, bool evidence, const pt_allocator *a)
{
	size_t k, j, n = evidence ? r->evidence_count : r->milestone_count;
	pt_value *list = pt_value_list(a);
	bool ok = list != NULL;

	for (k = 0; ok && k < n; k++) {
		const char *texts[PT_COMMITMENT_EVIDENCE_KEYS] = { NULL };
		pt_value *item = pt_value_map(a);

		if (evidence) {
			pt_commitment_evidence_texts(&r->evidence[k], texts);
			texts[0] = pt_commitment_shown_url(texts[0]);
		} else {
			texts[0] = r->milestones[k].title;
			texts[1] = r->milestones[k].due;
		}
		for (j = 0; item && j < (evidence ? PT_COMMITMENT_EVIDENCE_KEYS : 2); j++) {
			ok = ok && pt_value_setc(item, (evidence ? pt_commitment_evidence_keys : pt_commitment_milestone_keys)[j],
				opt_text(a, texts[j])) == PT_OK;
		}
		if (item && !evidence) {
			ok = ok && pt_value_setc(item, "done", pt_value_bool(a, r->milestones[k].done)) == PT_OK;
		}
		ok = pt_value_push(list, item) == PT_OK && ok;
	}
	if (!ok) {
		pt_value_free(list);
		return NULL;
	}
	return list;
}

/* A field's value on the page. */
static pt_value *field_value(const pt_commitment_record *r, int i, const pt_commitment_view *view,
	const pt_allocator *a)
{
	const char *v = r->v[i];
	int64_t milli = 0;

	if (i == PT_CMF_PILLARS || i == PT_CMF_ACTORS) {
		item_list_ctx x = { a, pt_value_list(a), true };

		pt_commitment_list_items(v, i == PT_CMF_PILLARS ? ";" : "; ", push_item, &x);
		if (!x.ok) {
			pt_value_free(x.list);
			return NULL;
		}
		return x.list;
	}
	if ((i == PT_CMF_EVIDENCE && !r->evidence && r->evidence_count)
		|| (i == PT_CMF_MILESTONES && !r->milestones && r->milestone_count)) {
		return pt_value_null(a);   /* a listing without 'full': the items were not read, only counted */
	}
	if (i == PT_CMF_EVIDENCE || i == PT_CMF_MILESTONES) {
		return items_value(r, i == PT_CMF_EVIDENCE, a);
	}
	if (i == PT_CMF_PROGRESS) {
		return pt_value_real(a, view->progress_bp / 100.0);
	}
	if (i == PT_CMF_WEIGHT && v) {
		/* DECIMAL(9,3) text; thousandths / 1000.0 is the double nearest the decimal, as strtod gives */
		pt_commitment_parse_decimal(v, strlen(v), 3, 9, true, &milli);
		return pt_value_real(a, (double)milli / 1000.0);
	}
	return opt_text(a, v);
}

pt_value *pt_commitment_record_value(const pt_config *cfg, const pt_commitment_record *r, const char *as_of,
	const pt_allocator *a)
{
	pt_commitment_view view;
	pt_value *m = pt_value_map(a);
	bool ok = m != NULL;
	int i;

	pt_commitment_view_of(cfg, r, as_of, &view);
	for (i = 0; ok && i < PT_CMF_COUNT; i++) {
		ok = pt_value_setc(m, pt_commitment_field_names[i], field_value(r, i, &view, a)) == PT_OK;
	}
	ok = ok && pt_value_setc(m, "status_label", opt_text(a, view.status_label)) == PT_OK
		&& pt_value_setc(m, "theme_label", opt_text(a, view.theme_label)) == PT_OK
		&& pt_value_setc(m, "agency_name", opt_text(a, view.agency_name)) == PT_OK
		&& pt_value_setc(m, "depth", pt_value_int(a, r->depth)) == PT_OK
		&& pt_value_setc(m, "children", pt_value_int(a, r->children)) == PT_OK
		&& pt_value_setc(m, "light", opt_text(a, view.light)) == PT_OK
		&& pt_value_setc(m, "light_label", opt_text(a, view.light_label)) == PT_OK
		&& pt_value_setc(m, "completion", opt_text(a, view.completion)) == PT_OK
		&& pt_value_setc(m, "completion_label", opt_text(a, view.completion_label)) == PT_OK
		&& pt_value_setc(m, "created_at", opt_text(a, r->created_at)) == PT_OK
		&& pt_value_setc(m, "updated_at", opt_text(a, r->updated_at)) == PT_OK;
	if (!ok) {
		pt_value_free(m);
		return NULL;
	}
	return m;
}

pt_value *pt_commitment_records_value(const pt_config *cfg, const pt_commitment_record *items, size_t n,
	const char *as_of, const char *light, const pt_allocator *a)
{
	pt_value *list = pt_value_list(a);
	size_t i;

	for (i = 0; list && i < n; i++) {
		pt_commitment_view view;

		if (light) {
			pt_commitment_view_of(cfg, &items[i], as_of, &view);
			if (strcmp(view.light, light) != 0) {
				continue;
			}
		}
		if (pt_value_push(list, pt_commitment_record_value(cfg, &items[i], as_of, a)) != PT_OK) {
			pt_value_free(list);
			return NULL;
		}
	}
	return list;
}
