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
