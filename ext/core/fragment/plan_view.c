/*
 * participa core: the plan dashboard's view model (see commitment_view.h):
 * overall progress, the theme x status table and its chart (the INAI's
 * "Temática / Compromisos / Porcentaje" table, with the counts per status),
 * the pillars, the traffic lights in words, the milestones on a timeline and
 * the commitments with the late ones first. Every SVG coordinate is computed
 * here; the template only draws.
 */
#include "core/fragment/commitment_view.h"
#include "core/fragment/request_rules.h"
#include "core/common/pt_format.h"
#include "core/common/pt_time.h"
#include "core/commitment/commitment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Chart geometry (SVG user units; the SVG scales to its box). */
#define CHART_W 640
#define LABEL_W 210            /* the theme labels, right-aligned at LABEL_W - 8 */
#define BAR_X LABEL_W
#define BAR_MAX 360            /* the longest bar */
#define ROW_H 26
#define BAR_H 16
#define TOP 8
#define LABEL_CHARS 32         /* longer labels are cut with "…" in the chart (whole in the table) */
#define STATUS_CLASSES 6       /* participa-serie-0 .. 5 in the stylesheet */
#define TIMELINE_X0 24
#define TIMELINE_W 592
#define TIMELINE_LANES 4
#define TIMELINE_MAX 300       /* milestones drawn and listed */

/* The order lights are counted and the list is sorted in: what needs attention first. */
static const char *const light_order[] = { "late", "at_risk", "on_track", "unscheduled", "done", "closed" };
#define LIGHTS (sizeof(light_order) / sizeof(light_order[0]))

static int light_rank(const char *light)
{
	size_t i;

	for (i = 0; light && i < LIGHTS; i++) {
		if (strcmp(light, light_order[i]) == 0) {
			return (int)i;
		}
	}
	return (int)LIGHTS;
}

static bool set_int(pt_value *m, const char *key, int64_t v)
{
	return pt_request_put(m, key, pt_value_int(m->alloc, v)) == PT_OK;
}

static bool set_percent(pt_value *m, const char *key, int64_t part, int64_t total, const char *lang)
{
	pt_buf b;

	pt_buf_init(&b, m->alloc);
	pt_cv_percent(&b, pt_commitment_percent(part, total), lang);
	return pt_cv_set_buf(m, key, &b);
}

/* A count with its noun: "1 compromiso", "62 compromisos". */
static bool set_count(pt_value *m, const pt_fragment_host *h, const char *key, int64_t n, const char *one,
	const char *many)
{
	pt_buf b;

	pt_buf_init(&b, m->alloc);
	pt_format_number(&b, (double)n, 0, pt_cv_lang(h));
	pt_buf_puts(&b, " ");
	pt_buf_puts(&b, pt_fragment_text(h, n == 1 ? one : many));
	return pt_cv_set_buf(m, key, &b);
}

/* A label cut to LABEL_CHARS characters (UTF-8) with "…" for the chart. */
static bool set_short(pt_value *m, const char *key, const char *s)
{
	size_t i = 0, cut = 0, chars = 0;
	pt_buf b;

	if (!s) {
		s = "";
	}
	while (s[i]) {
		if (chars == LABEL_CHARS - 1) {
			cut = i;
		}
		i++;
		while ((s[i] & 0xC0) == 0x80) {
			i++;
		}
		if (++chars > LABEL_CHARS) {
			break;
		}
	}
	if (chars <= LABEL_CHARS) {
		return pt_cv_set(m, key, s);
	}
	pt_buf_init(&b, m->alloc);
	pt_buf_append(&b, s, cut);
	pt_buf_puts(&b, "…");
	return pt_cv_set_buf(m, key, &b);
}

/* ---- counting ------------------------------------------------------------------------ */

typedef struct group {
	const char *id, *label;
	int64_t count, late;
	int64_t *by_status;        /* status_count counts */
} group;

typedef struct plan_counts {
	const pt_value *site, *statuses;
	size_t status_count;
	group *themes; size_t theme_count;    /* site order, then "(sin tema)" */
	group *pillars; size_t pillar_count;
	int64_t roots, lights[LIGHTS + 1];
	int32_t *progress_bp; int64_t *weight_milli; size_t n_roots;
	const pt_allocator *a;
} plan_counts;

static int status_index(const plan_counts *c, const char *status)
{
	size_t i;

	for (i = 0; status && i < c->status_count; i++) {
		const char *id = pt_cv_str(c->statuses->u.c.items[i], "id");

		if (id && strcmp(id, status) == 0) {
			return (int)i;
		}
	}
	return -1;
}

static void groups_free(const pt_allocator *a, group *g, size_t n)
{
	size_t i;

	for (i = 0; g && i < n; i++) {
		pt_free(a, g[i].by_status);
	}
	pt_free(a, g);
}

/* Groups from site.<list> plus one for "unassigned" at the end. */
static group *groups_new(plan_counts *c, const char *list, size_t *n)
{
	const pt_value *l = pt_cv_list(c->site, list);
	size_t k = l ? l->u.c.count : 0, i;
	group *g = pt_calloc(c->a, k + 1, sizeof(group));

	*n = k + 1;
	for (i = 0; g && i <= k; i++) {
		g[i].id = i < k ? pt_cv_str(l->u.c.items[i], "id") : NULL;
		g[i].label = i < k ? pt_cv_str(l->u.c.items[i], "label") : NULL;
		if (!(g[i].by_status = pt_calloc(c->a, c->status_count + 1, sizeof(int64_t)))) {
			groups_free(c->a, g, i);
			*n = 0;
			return NULL;
		}
	}
	return g;
}

static group *group_of(group *g, size_t n, const char *id)
{
	size_t i;

	for (i = 0; id && i + 1 < n; i++) {
		if (g[i].id && strcmp(g[i].id, id) == 0) {
			return &g[i];
		}
	}
	return n ? &g[n - 1] : NULL;
}

static void count_into(group *g, int st, bool late)
{
	g->count++;
	g->late += late;
	if (st >= 0) {
		g->by_status[st]++;
	}
}

static bool count_plan(plan_counts *c, const pt_value *list)
{
	size_t i, n = list ? list->u.c.count : 0;

	c->progress_bp = pt_calloc(c->a, n + 1, sizeof(int32_t));
	c->weight_milli = pt_calloc(c->a, n + 1, sizeof(int64_t));
	c->themes = groups_new(c, "themes", &c->theme_count);
	c->pillars = groups_new(c, "pillars", &c->pillar_count);
	if (!c->progress_bp || !c->weight_milli || !c->themes || !c->pillars) {
		return false;
	}
	for (i = 0; i < n; i++) {
		const pt_value *r = list->u.c.items[i];
		const char *light = pt_cv_str(r, "light");
		const pt_value *pl = pt_cv_list(r, "pillars");
		int st = status_index(c, pt_cv_str(r, "status"));
		bool late = light && strcmp(light, "late") == 0;
		size_t k;

		c->lights[light_rank(light)]++;
		if (pt_cv_num(r, "depth", 0) != 0) {
			continue;   /* the tables count top-level commitments, as summary() does */
		}
		c->roots++;
		c->progress_bp[c->n_roots] = (int32_t)(pt_cv_num(r, "progress", 0) * 100.0 + 0.5);
		c->weight_milli[c->n_roots++] = (int64_t)(pt_cv_num(r, "weight", 1.0) * 1000.0 + 0.5);
		count_into(group_of(c->themes, c->theme_count, pt_cv_str(r, "theme")), st, late);
		for (k = 0; pl && k < pl->u.c.count; k++) {
			const pt_value *p = pl->u.c.items[k];

			if (p->type == PT_VALUE_STRING) {
				group *g = group_of(c->pillars, c->pillar_count, p->u.s.s);

				if (g != &c->pillars[c->pillar_count - 1]) {
					count_into(g, st, late);
				}
			}
		}
	}
	return true;
}

/* ---- the model ----------------------------------------------------------------------- */

static const pt_cv_label_row plan_labels[] = {
	{ "overall", "Avance general" }, { "lights", "Semáforo de los compromisos" },
	{ "themes", "Compromisos por temática" }, { "theme", "Temática" }, { "count", "Compromisos" },
	{ "percent", "Porcentaje" }, { "total", "Total" }, { "late", "Con retraso" },
	{ "pillars", "Compromisos por pilar de gobierno abierto" }, { "pillar", "Pilar" },
	{ "timeline", "Hitos en el tiempo" }, { "list", "Compromisos, primero los que tienen retraso" },
	{ "commitment", "Compromiso" }, { "status", "Estado" }, { "progress", "Avance" },
	{ "due", "Fecha comprometida" }, { "light", "Semáforo" }, { "milestone", "Hito" },
	{ "no_due", "Sin fecha" }, { "part_of", "Acción de" }, { "chart_table", "Los mismos datos en una tabla" },
};

static const pt_value *plan_of(const pt_value *site, const char *id)
{
	const pt_value *l = pt_cv_list(site, "plans");
	size_t i;

	for (i = 0; id && l && i < l->u.c.count; i++) {
		const char *k = pt_cv_str(l->u.c.items[i], "id");

		if (k && strcmp(k, id) == 0) {
			return l->u.c.items[i];
		}
	}
	return NULL;
}

/* plan: {title, period, approval}. */
static bool plan_head(pt_value *m, const pt_value *plan, const char *id, const pt_fragment_host *h)
{
	pt_value *p, *d = pt_value_map(m->alloc);
	const char *from = pt_cv_str(plan, "from"), *to = pt_cv_str(plan, "to"), *ad = pt_cv_str(plan, "approval_date");
	const char *session = pt_cv_str(plan, "approval_session");
	pt_buf b;
	bool ok = d && (p = pt_value_map(m->alloc)) && pt_value_setc(m, "plan", p) == PT_OK
		&& pt_cv_set(p, "title", pt_cv_str(plan, "title") ? pt_cv_str(plan, "title") : id)
		&& pt_cv_date(d, h, "from", from, false) && pt_cv_date(d, h, "to", to, false) && pt_cv_date(d, h, "ad", ad, false);

	pt_buf_init(&b, m->alloc);
	if (ok && from && to && pt_value_get(d, "from") && pt_value_get(d, "to")) {
		pt_buf_puts(&b, pt_fragment_text(h, "Vigencia:"));
		pt_buf_puts(&b, " ");
		pt_cv_puts(&b, pt_cv_str(pt_value_get(d, "from"), "text"));
		pt_buf_puts(&b, " – ");
		pt_cv_puts(&b, pt_cv_str(pt_value_get(d, "to"), "text"));
		ok = pt_cv_set_buf(p, "period", &b);
	}
	if (ok && ad && pt_value_get(d, "ad")) {
		pt_buf_puts(&b, pt_fragment_text(h, "Aprobado el"));
		pt_buf_puts(&b, " ");
		pt_cv_puts(&b, pt_cv_str(pt_value_get(d, "ad"), "text"));
		if (session) {
			pt_buf_puts(&b, " (");
			pt_buf_puts(&b, session);
			pt_buf_puts(&b, ")");
		}
		ok = pt_cv_set_buf(p, "approval", &b);
	}
	pt_buf_free(&b);
	pt_value_free(d);
	return ok;
}

static bool overall(pt_value *m, const plan_counts *c, const pt_fragment_host *h)
{
	int32_t bp = pt_commitment_rollup(c->progress_bp, c->weight_milli, c->n_roots);
	pt_value *o = pt_value_map(m->alloc);
	char value[16];
	pt_buf b;

	snprintf(value, sizeof(value), "%.2f", bp / 100.0);
	pt_buf_init(&b, m->alloc);
	pt_cv_percent(&b, bp / 100.0, pt_cv_lang(h));
	if (!o || pt_value_setc(m, "overall", o) != PT_OK || !pt_cv_set_buf(o, "text", &b)) {
		pt_buf_free(&b);
		return false;
	}
	return pt_cv_set(o, "value", value) && set_count(o, h, "count", c->roots, "compromiso", "compromisos")
		&& pt_cv_text(o, h, "note", "Promedio del avance de los compromisos de primer nivel, ponderado por su peso.")
		&& pt_cv_id(o, h, "id", "plan-avance", -1);
}

static bool lights(pt_value *m, const plan_counts *c, const pt_fragment_host *h)
{
	pt_value *l = pt_value_list(m->alloc);
	size_t i;

	if (!l || pt_value_setc(m, "lights", l) != PT_OK) {
		return false;
	}
	for (i = 0; i < LIGHTS; i++) {
		pt_value *v;

		if (!c->lights[i]) {
			continue;
		}
		if (!(v = pt_cv_light(h, light_order[i], m->alloc)) || pt_value_push(l, v) != PT_OK
			|| !set_count(v, h, "count", c->lights[i], "compromiso", "compromisos")) {
			return false;
		}
	}
	return true;
}

/* The label of group g ("(sin tema)" for the unassigned one). */
static const char *group_label(const group *g, const pt_fragment_host *h, const char *none_es)
{
	return g->id ? (g->label ? g->label : g->id) : pt_fragment_text(h, none_es);
}

/* The theme table and its stacked bar chart. */
static bool themes(pt_value *m, const plan_counts *c, const pt_fragment_host *h)
{
	const pt_allocator *a = m->alloc;
	const char *lang = pt_cv_lang(h);
	pt_value *t = pt_value_map(a), *cols = NULL, *rows = NULL, *chart = NULL, *bars = NULL, *legend = NULL, *total, *cells;
	int64_t max = 1, *sums = pt_calloc(a, c->status_count + 1, sizeof(int64_t)), late = 0;
	size_t i, k, shown = 0;
	bool ok = t && pt_value_setc(m, "themes", t) == PT_OK && sums && (cols = pt_value_list(a))
		&& pt_value_setc(t, "statuses", cols) == PT_OK && (rows = pt_value_list(a))
		&& pt_value_setc(t, "rows", rows) == PT_OK && (chart = pt_value_map(a))
		&& pt_value_setc(t, "chart", chart) == PT_OK && (bars = pt_value_list(a))
		&& pt_value_setc(chart, "bars", bars) == PT_OK && (legend = pt_value_list(a))
		&& pt_value_setc(chart, "legend", legend) == PT_OK
		&& pt_cv_id(t, h, "id", "plan-tematicas", -1) && pt_cv_id(chart, h, "title_id", "plan-tematicas-titulo", -1)
		&& pt_cv_id(chart, h, "desc_id", "plan-tematicas-desc", -1)
		&& pt_cv_text(t, h, "caption", "Compromisos de primer nivel por temática y estado");

	for (i = 0; i < c->theme_count; i++) {
		max = c->themes[i].count > max ? c->themes[i].count : max;
	}
	for (k = 0; ok && k < c->status_count; k++) {
		pt_value *s = pt_value_map(a);

		ok = s && pt_value_push(cols, s) == PT_OK && pt_cv_set(s, "label", pt_cv_str(c->statuses->u.c.items[k], "label"));
	}
	for (i = 0; ok && i < c->theme_count; i++) {
		const group *g = &c->themes[i];
		pt_value *row, *bar, *segs;
		int64_t x = BAR_X, y = TOP + (int64_t)shown * ROW_H;

		if (!g->count) {
			continue;   /* the document lists the themes that have commitments */
		}
		ok = (row = pt_value_map(a)) && pt_value_push(rows, row) == PT_OK
			&& pt_cv_set(row, "label", group_label(g, h, "(sin temática)")) && set_int(row, "count", g->count)
			&& set_percent(row, "percent", g->count, c->roots, lang) && set_int(row, "late", g->late)
			&& (cells = pt_value_list(a)) && pt_value_setc(row, "cells", cells) == PT_OK
			&& (bar = pt_value_map(a)) && pt_value_push(bars, bar) == PT_OK
			&& set_short(bar, "label", group_label(g, h, "(sin temática)"))
			&& pt_cv_set(bar, "title", group_label(g, h, "(sin temática)"))
			&& set_int(bar, "y", y) && set_int(bar, "text_y", y + BAR_H - 3) && set_int(bar, "label_x", LABEL_W - 8)
			&& set_int(bar, "count", g->count) && pt_cv_set(bar, "percent", pt_cv_str(row, "percent"))
			&& (segs = pt_value_list(a)) && pt_value_setc(bar, "segments", segs) == PT_OK;
		late += g->late;
		for (k = 0; ok && k < c->status_count; k++) {
			int64_t n = g->by_status[k], w = n * BAR_MAX / max;
			pt_value *cell = pt_value_map(a), *seg;
			char title[256], klass[32];

			sums[k] += n;
			ok = cell && pt_value_push(cells, cell) == PT_OK && set_int(cell, "count", n);
			if (!ok || !n) {
				continue;
			}
			snprintf(title, sizeof(title), "%s: %lld", pt_cv_str(c->statuses->u.c.items[k], "label")
				? pt_cv_str(c->statuses->u.c.items[k], "label") : "", (long long)n);
			snprintf(klass, sizeof(klass), "participa-serie-%zu", k % STATUS_CLASSES);
			ok = (seg = pt_value_map(a)) && pt_value_push(segs, seg) == PT_OK && set_int(seg, "x", x)
				&& set_int(seg, "width", w > 0 ? w : 1) && set_int(seg, "y", y) && set_int(seg, "height", BAR_H)
				&& pt_cv_set(seg, "class", klass) && pt_cv_set(seg, "title", title);
			x += w;
		}
		ok = ok && set_int(bar, "count_x", x + 6);
		shown++;
	}
	ok = ok && (total = pt_value_map(a)) && pt_value_setc(t, "total", total) == PT_OK && set_int(total, "count", c->roots)
		&& set_percent(total, "percent", c->roots, c->roots, lang) && set_int(total, "late", late)
		&& (cells = pt_value_list(a)) && pt_value_setc(total, "cells", cells) == PT_OK;
	for (k = 0; ok && k < c->status_count; k++) {
		pt_value *cell = pt_value_map(a), *lg;
		char klass[32];

		snprintf(klass, sizeof(klass), "participa-serie-%zu", k % STATUS_CLASSES);
		ok = cell && pt_value_push(cells, cell) == PT_OK && set_int(cell, "count", sums[k])
			&& (lg = pt_value_map(a)) && pt_value_push(legend, lg) == PT_OK && pt_cv_set(lg, "class", klass)
			&& pt_cv_set(lg, "label", pt_cv_str(c->statuses->u.c.items[k], "label"))
			&& set_int(lg, "x", 8 + (int64_t)(k % 4) * 156) && set_int(lg, "y", TOP + (int64_t)shown * ROW_H + 12
				+ (int64_t)(k / 4) * 20) && set_int(lg, "text_x", 8 + (int64_t)(k % 4) * 156 + 18)
			&& set_int(lg, "text_y", TOP + (int64_t)shown * ROW_H + 12 + (int64_t)(k / 4) * 20 + 11);
	}
	ok = ok && set_int(chart, "width", CHART_W)
		&& set_int(chart, "height", TOP + (int64_t)shown * ROW_H + 12 + (int64_t)((c->status_count + 3) / 4) * 20 + 8)
		&& pt_cv_text(chart, h, "title", "Compromisos por temática y estado")
		&& pt_cv_text(chart, h, "desc", "Barras apiladas: una por temática, de largo proporcional a sus compromisos, dividida por estado. La tabla que sigue tiene las mismas cifras.");
	pt_free(a, sums);
	return ok;
}

static bool pillars(pt_value *m, const plan_counts *c, const pt_fragment_host *h)
{
	const pt_allocator *a = m->alloc;
	pt_value *p = pt_value_map(a), *rows = NULL, *chart = NULL, *bars = NULL;
	int64_t max = 1;
	size_t i, shown = 0;
	bool ok = p && pt_value_setc(m, "pillars", p) == PT_OK && (rows = pt_value_list(a))
		&& pt_value_setc(p, "rows", rows) == PT_OK && (chart = pt_value_map(a)) && pt_value_setc(p, "chart", chart) == PT_OK
		&& (bars = pt_value_list(a)) && pt_value_setc(chart, "bars", bars) == PT_OK
		&& pt_cv_id(p, h, "id", "plan-pilares", -1) && pt_cv_id(chart, h, "title_id", "plan-pilares-titulo", -1)
		&& pt_cv_id(chart, h, "desc_id", "plan-pilares-desc", -1)
		&& pt_cv_text(p, h, "caption", "Compromisos de primer nivel por pilar de gobierno abierto")
		&& pt_cv_text(p, h, "note", "La suma de los porcentajes pasa de cien porque un compromiso puede atender varios pilares.")
		&& pt_cv_text(chart, h, "title", "Compromisos por pilar de gobierno abierto")
		&& pt_cv_text(chart, h, "desc", "Una barra por pilar, de largo proporcional a sus compromisos. La tabla que sigue tiene las mismas cifras.");

	if (c->pillar_count < 2) {
		return ok;
	}
	for (i = 0; i + 1 < c->pillar_count; i++) {
		max = c->pillars[i].count > max ? c->pillars[i].count : max;
	}
	for (i = 0; ok && i + 1 < c->pillar_count; i++) {
		const group *g = &c->pillars[i];
		int64_t y = TOP + (int64_t)shown * ROW_H, w = g->count * BAR_MAX / max;
		pt_value *row, *bar, *segs, *seg;

		if (!g->count) {
			continue;
		}
		ok = (row = pt_value_map(a)) && pt_value_push(rows, row) == PT_OK && pt_cv_set(row, "label", group_label(g, h, ""))
			&& set_int(row, "count", g->count) && set_percent(row, "percent", g->count, c->roots, pt_cv_lang(h))
			&& (bar = pt_value_map(a)) && pt_value_push(bars, bar) == PT_OK
			&& set_short(bar, "label", group_label(g, h, "")) && pt_cv_set(bar, "title", group_label(g, h, ""))
			&& set_int(bar, "y", y) && set_int(bar, "text_y", y + BAR_H - 3) && set_int(bar, "label_x", LABEL_W - 8)
			&& set_int(bar, "count", g->count) && set_int(bar, "count_x", BAR_X + (w > 0 ? w : 1) + 6)
			&& pt_cv_set(bar, "percent", pt_cv_str(row, "percent")) && (segs = pt_value_list(a))
			&& pt_value_setc(bar, "segments", segs) == PT_OK && (seg = pt_value_map(a)) && pt_value_push(segs, seg) == PT_OK
			&& set_int(seg, "x", BAR_X) && set_int(seg, "y", y) && set_int(seg, "width", w > 0 ? w : 1)
			&& set_int(seg, "height", BAR_H) && pt_cv_set(seg, "class", "participa-serie-0")
			&& pt_cv_set(seg, "title", group_label(g, h, ""));
		shown++;
	}
	return ok && set_int(chart, "width", CHART_W) && set_int(chart, "height", TOP + (int64_t)shown * ROW_H + 4)
		&& pt_value_setc(chart, "legend", pt_value_list(a)) == PT_OK;
}

/* ---- milestones on a timeline ----------------------------------------------------------- */

typedef struct mark {
	const char *due, *title, *commitment, *ctitle;
	bool done;
} mark;

static int by_due(const void *x, const void *y)
{
	const mark *a = x, *b = y;
	int c = strcmp(a->due, b->due);

	return c ? c : strcmp(a->commitment ? a->commitment : "", b->commitment ? b->commitment : "");
}

static int64_t day_of(const char *s)
{
	return s && pt_commitment_valid_date(s, strlen(s)) ? pt_commitment_days(s) : INT64_MIN;
}

static bool timeline(pt_value *m, const pt_value *list, const pt_value *plan, const char *today,
	const pt_fragment_host *h)
{
	const pt_allocator *a = m->alloc;
	size_t i, k, n = 0, cap = 0, total = 0;
	mark *marks = NULL;
	pt_value *tl, *chart = NULL, *ticks = NULL, *points = NULL, *items = NULL;
	int64_t from, to, t0 = day_of(today);
	bool ok = true;

	for (i = 0; list && i < list->u.c.count; i++) {
		const pt_value *r = list->u.c.items[i], *ms = pt_cv_list(r, "milestones");

		for (k = 0; ms && k < ms->u.c.count; k++) {
			const char *due = pt_cv_str(ms->u.c.items[k], "due");

			if (!due || day_of(due) == INT64_MIN) {
				continue;
			}
			total++;
			if (pt_array_grow(a, &marks, &cap, n, sizeof(mark), 32) != PT_OK) {
				pt_free(a, marks);
				return false;
			}
			marks[n].due = due;
			marks[n].title = pt_cv_str(ms->u.c.items[k], "title");
			marks[n].done = pt_value_get(ms->u.c.items[k], "done") && pt_value_get(ms->u.c.items[k], "done")->type
				== PT_VALUE_BOOL && pt_value_get(ms->u.c.items[k], "done")->u.b;
			marks[n].commitment = pt_cv_str(r, "id");
			marks[n++].ctitle = pt_cv_str(r, "title");
		}
	}
	if (n == 0) {
		pt_free(a, marks);
		return true;
	}
	qsort(marks, n, sizeof(mark), by_due);
	from = day_of(pt_cv_str(plan, "from"));
	to = day_of(pt_cv_str(plan, "to"));
	if (from == INT64_MIN || day_of(marks[0].due) < from) {
		from = day_of(marks[0].due);
	}
	if (to == INT64_MIN || day_of(marks[n - 1].due) > to) {
		to = day_of(marks[n - 1].due);
	}
	if (to <= from) {
		to = from + 1;
	}
	ok = (tl = pt_value_map(a)) && pt_value_setc(m, "timeline", tl) == PT_OK && (chart = pt_value_map(a))
		&& pt_value_setc(tl, "chart", chart) == PT_OK && (ticks = pt_value_list(a))
		&& pt_value_setc(chart, "ticks", ticks) == PT_OK && (points = pt_value_list(a))
		&& pt_value_setc(chart, "points", points) == PT_OK && (items = pt_value_list(a))
		&& pt_value_setc(tl, "items", items) == PT_OK && set_int(chart, "width", CHART_W)
		&& set_int(chart, "height", 40 + TIMELINE_LANES * 14 + 24) && set_int(chart, "axis_y", 40 + TIMELINE_LANES * 14)
		&& set_int(chart, "x0", TIMELINE_X0) && set_int(chart, "x1", TIMELINE_X0 + TIMELINE_W)
		&& pt_cv_id(tl, h, "id", "plan-hitos", -1) && pt_cv_id(chart, h, "title_id", "plan-hitos-titulo", -1)
		&& pt_cv_id(chart, h, "desc_id", "plan-hitos-desc", -1)
		&& pt_cv_text(chart, h, "title", "Hitos del plan en el tiempo")
		&& pt_cv_text(chart, h, "desc", "Cada marca es un hito en su fecha: círculo lleno si se cumplió, círculo vacío si está pendiente, cuadrado si venció sin cumplirse. La lista que sigue dice lo mismo con palabras.");
	/* a tick each 1 January, labelled with the year */
	if (ok) {
		int64_t y, year0, year1;
		unsigned mo, d;

		pt_time_civil_from_days(from, &year0, &mo, &d);
		pt_time_civil_from_days(to, &year1, &mo, &d);
		for (y = year0 + (mo == 1 && d == 1 ? 0 : 1); ok && y <= year1 && y - year0 < 50; y++) {
			int64_t day = pt_time_days_from_civil(y, 1, 1);
			pt_value *tk = pt_value_map(a);
			char label[16];

			snprintf(label, sizeof(label), "%lld", (long long)y);
			ok = tk && pt_value_push(ticks, tk) == PT_OK
				&& set_int(tk, "x", TIMELINE_X0 + (day - from) * TIMELINE_W / (to - from)) && pt_cv_set(tk, "label", label);
		}
	}
	if (ok && t0 >= from && t0 <= to) {
		pt_value *td = pt_value_map(a);

		ok = td && pt_value_setc(chart, "today", td) == PT_OK
			&& set_int(td, "x", TIMELINE_X0 + (t0 - from) * TIMELINE_W / (to - from)) && pt_cv_text(td, h, "label", "Hoy");
	}
	for (i = 0; ok && i < n && i < TIMELINE_MAX; i++) {
		int64_t x = TIMELINE_X0 + (day_of(marks[i].due) - from) * TIMELINE_W / (to - from);
		int64_t y = 36 + (int64_t)(i % TIMELINE_LANES) * 14;
		bool overdue = !marks[i].done && today && strcmp(marks[i].due, today) < 0;
		const char *state = marks[i].done ? "done" : overdue ? "overdue" : "pending";
		const char *state_es = marks[i].done ? "Cumplido" : overdue ? "Vencido" : "Pendiente";
		pt_value *pt, *it;
		pt_buf title;

		pt_buf_init(&title, a);
		ok = (pt = pt_value_map(a)) && pt_value_push(points, pt) == PT_OK && (it = pt_value_map(a))
			&& pt_value_push(items, it) == PT_OK
			&& pt_cv_date(it, h, "date", marks[i].due, false) && pt_cv_set(it, "title", marks[i].title)
			&& pt_cv_set(it, "state", state) && pt_cv_text(it, h, "state_label", state_es)
			&& pt_cv_set(it, "key", marks[i].commitment) && pt_cv_set(it, "commitment_title", marks[i].ctitle)
			&& pt_cv_link(it, h, "href", marks[i].commitment)
			&& set_int(pt, "x", x) && set_int(pt, "y", y) && set_int(pt, "x_sq", x - 4) && set_int(pt, "y_sq", y - 4)
			&& pt_cv_set(pt, "state", state) && pt_value_setc(pt, "square", pt_value_bool(a, overdue)) == PT_OK;
		if (ok) {
			pt_cv_puts(&title, pt_cv_str(pt_value_get(it, "date"), "text"));
			pt_buf_puts(&title, ": ");
			pt_buf_puts(&title, marks[i].title ? marks[i].title : "");
			pt_buf_puts(&title, " (");
			pt_buf_puts(&title, pt_fragment_text(h, state_es));
			pt_buf_puts(&title, ")");
			ok = pt_cv_set_buf(pt, "title", &title);
		}
		pt_buf_free(&title);
	}
	if (ok && total > TIMELINE_MAX) {
		ok = set_count(tl, h, "more", (int64_t)(total - TIMELINE_MAX), "hito más no se muestra",
			"hitos más no se muestran");
	}
	pt_free(a, marks);
	return ok;
}

/* ---- the commitments, late first --------------------------------------------------------- */

typedef struct entry {
	const pt_value *r;
	int rank;
	const char *due, *id;
} entry;

static int by_attention(const void *x, const void *y)
{
	const entry *a = x, *b = y;
	int c;

	if (a->rank != b->rank) {
		return a->rank - b->rank;
	}
	if (!a->due != !b->due) {
		return a->due ? -1 : 1;
	}
	if (a->due && (c = strcmp(a->due, b->due)) != 0) {
		return c;
	}
	return strcmp(a->id ? a->id : "", b->id ? b->id : "");
}

static bool commitments(pt_value *m, const pt_value *list, const pt_fragment_host *h)
{
	const pt_allocator *a = m->alloc;
	size_t i, n = list ? list->u.c.count : 0;
	entry *e = pt_calloc(a, n + 1, sizeof(entry));
	pt_value *out = pt_value_list(a);
	bool ok = out && pt_value_setc(m, "commitments", out) == PT_OK && e && pt_cv_id(m, h, "list_id", "plan-lista", -1);

	for (i = 0; ok && i < n; i++) {
		e[i].r = list->u.c.items[i];
		e[i].rank = light_rank(pt_cv_str(e[i].r, "light"));
		e[i].due = pt_cv_str(e[i].r, "due_date");
		e[i].id = pt_cv_str(e[i].r, "id");
	}
	if (ok) {
		qsort(e, n, sizeof(entry), by_attention);
	}
	for (i = 0; ok && i < n; i++) {
		const pt_value *r = e[i].r;
		const char *parent = pt_cv_str(r, "parent");
		double p = pt_cv_num(r, "progress", 0);
		pt_value *v = pt_value_map(a);
		char value[16];
		pt_buf b;

		snprintf(value, sizeof(value), "%.2f", p < 0 ? 0 : p > 100 ? 100 : p);
		pt_buf_init(&b, a);
		pt_cv_percent(&b, p, pt_cv_lang(h));
		ok = v && pt_value_push(out, v) == PT_OK && pt_cv_set(v, "key", e[i].id)
			&& pt_cv_set(v, "title", pt_cv_str(r, "title")) && pt_cv_link(v, h, "href", e[i].id)
			&& pt_cv_set(v, "status_label", pt_cv_str(r, "status_label"))
			&& pt_value_setc(v, "light", pt_cv_light(h, pt_cv_str(r, "light"), a)) == PT_OK
			&& pt_cv_set(v, "progress_value", value) && pt_cv_set_buf(v, "progress", &b)
			&& pt_cv_date(v, h, "due", e[i].due, false) && pt_cv_set(v, "parent", parent)
			&& pt_cv_link(v, h, "parent_href", parent);
		pt_buf_free(&b);
	}
	pt_free(a, e);
	return ok;
}

pt_status pt_fragment_plan_view(const pt_value *data, const pt_fragment_host *host, const pt_allocator *a,
	pt_value **out, pt_error *err)
{
	const pt_value *site = data ? pt_value_get(data, "site") : NULL, *list = pt_cv_list(data, "commitments");
	const char *id = pt_cv_str(data, "plan"), *today = pt_cv_str(data, "today");
	const pt_value *plan = plan_of(site, id);
	plan_counts c;
	pt_value *m = pt_value_map(a);
	bool ok;

	*out = NULL;
	memset(&c, 0, sizeof(c));
	c.a = a;
	c.site = site;
	c.statuses = pt_cv_list(site, "statuses");
	c.status_count = c.statuses ? c.statuses->u.c.count : 0;
	ok = m && count_plan(&c, list) && pt_value_setc(m, "host", pt_fragment_base(host, a)) == PT_OK
		&& pt_value_setc(m, "t", pt_cv_labels(host, plan_labels, sizeof(plan_labels) / sizeof(plan_labels[0]), a)) == PT_OK && pt_cv_id(m, host, "article", "plan", -1)
		&& pt_cv_id(m, host, "title_id", "plan-titulo", -1) && plan_head(m, plan, id, host) && overall(m, &c, host)
		&& lights(m, &c, host) && themes(m, &c, host) && pillars(m, &c, host) && timeline(m, list, plan, today, host)
		&& commitments(m, list, host);
	groups_free(a, c.themes, c.theme_count);
	groups_free(a, c.pillars, c.pillar_count);
	pt_free(a, c.progress_bp);
	pt_free(a, c.weight_milli);
	if (!ok) {
		pt_value_free(m);
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	*out = m;
	return PT_OK;
}
