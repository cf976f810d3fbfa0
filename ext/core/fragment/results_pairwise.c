/*
 * participa core: the pairwise matrix of Condorcet methods (schulze,
 * ranked_pairs, copeland: details.pairwise, row over column) and the grade
 * profiles of majority judgment (details.grades, details.medians).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fragment/results_internal.h"

/* ---- the pairwise matrix ---------------------------------------------------------------- */

#define PW_SVG_MAX 10      /* options drawn as a picture; up to PT_RESULTS_MAX_PAIRWISE as a table */
#define PW_LEFT 130.0      /* px of the names column */

static const char *const pw_fill[] = { "#1d5b8f", "#e3ebf4", "#a9bfd6", "#ffffff" };
static const char *const pw_ink[] = { "#ffffff", "#1a1a1a", "#1a1a1a", "#1a1a1a" };
static const char *const pw_cls[] = { "gana", "pierde", "empata", "misma" };
enum { PW_WIN, PW_LOSE, PW_TIE, PW_SAME };

/* The options of the matrix in the order of the ranking (winners first); may return more than cap. */
static size_t pw_order(rv *r, const pt_value *pw, long *ord, size_t cap)
{
	unsigned char *f = rv_keys(r, pw);
	size_t n;

	if (!f) {
		return 0;
	}
	n = rv_ranked(r, f, r->nc, ord, cap);
	pt_free(r->a, f);
	return n;
}

/* The matrix of the options of ord: m[i * n + j] = how many prefer ord[i] over ord[j]. One pass over pw. */
static double *pw_matrix(rv *r, const pt_value *pw, const long *ord, size_t n)
{
	long *pos = pt_alloc(r->a, (r->nc ? r->nc : 1) * sizeof(long));
	double *m = pt_calloc(r->a, n ? n * n : 1, sizeof(double));
	size_t i, j;

	if (!pos || !m) {
		pt_free(r->a, pos);
		pt_free(r->a, m);
		r->s = PT_ERR_NOMEM;
		return NULL;
	}
	for (i = 0; i < r->nc; i++) {
		pos[i] = -1;
	}
	for (i = 0; i < n; i++) {
		pos[ord[i]] = (long)i;
	}
	for (i = 0; i < pw->u.c.count; i++) {
		long a = rv_find(r, pw->u.c.keys[i], pw->u.c.key_lens[i], false);
		const pt_value *row = pw->u.c.items[i];

		if (a < 0 || pos[a] < 0 || !row || row->type != PT_VALUE_MAP) {
			continue;
		}
		for (j = 0; j < row->u.c.count; j++) {
			long b = rv_find(r, row->u.c.keys[j], row->u.c.key_lens[j], false);
			double v;

			if (b >= 0 && pos[b] >= 0 && rv_num(row->u.c.items[j], &v)) {
				m[(size_t)pos[a] * n + (size_t)pos[b]] = v;
			}
		}
	}
	pt_free(r->a, pos);
	return m;
}

#define PW(i, j) (mat[(i) * n + (j)])

static int pw_kind(const double *mat, size_t n, size_t i, size_t j)
{
	if (i == j) {
		return PW_SAME;
	}
	return PW(i, j) > PW(j, i) ? PW_WIN : PW(i, j) < PW(j, i) ? PW_LOSE : PW_TIE;
}

static pt_value *pw_svg(rv *r, const double *mat, const long *ord, size_t n)
{
	pt_value *m = rv_map(r), *cols = rv_list(r), *rows = rv_list(r);
	double cell = (PT_RESULTS_WIDTH - PW_LEFT) / (double)n, top = 34;
	bool numbers;
	size_t i, j;
	char vb[64], k[32];

	if (cell > 46) {
		cell = 46;
	}
	numbers = cell >= 36;
	for (j = 0; j < n; j++) {
		pt_value *c = rv_map(r);

		snprintf(k, sizeof(k), "%zu", j + 1);
		rv_set_str(r, c, "text", k);
		rv_set_coord(r, c, "x", PW_LEFT + cell * (double)j + cell / 2);
		rv_set_coord(r, c, "y", top - 8);
		rv_push(r, cols, c);
	}
	for (i = 0; i < n && r->s == PT_OK; i++) {
		pt_value *row = rv_map(r), *cells = rv_list(r), *label;
		double y = top + cell * (double)i;

		snprintf(k, sizeof(k), "%zu", i + 1);
		label = rv_fmt2(r, "%s. %s", k, rv_name(r, ord[i]));
		rv_set(r, row, "label", rv_short(r, label ? label->u.s.s : "", 17));
		pt_value_free(label);
		rv_set_coord(r, row, "label_y", y + cell / 2 + 5);
		for (j = 0; j < n; j++) {
			pt_value *c = rv_map(r);
			int kind = pw_kind(mat, n, i, j);
			rv_txt t;

			rv_set_coord(r, c, "x", PW_LEFT + cell * (double)j);
			rv_set_coord(r, c, "y", y);
			rv_set_coord(r, c, "w", cell - 2);
			rv_set_str(r, c, "fill", pw_fill[kind]);
			rv_set_str(r, c, "ink", pw_ink[kind]);
			rv_set_str(r, c, "class", pw_cls[kind]);
			if (numbers && kind != PW_SAME) {
				rv_set_str(r, c, "text", rv_number(r, &t, PW(i, j), -1));
				rv_set_coord(r, c, "text_x", PW_LEFT + cell * (double)j + (cell - 2) / 2);
				rv_set_coord(r, c, "text_y", y + cell / 2 + 4);
			}
			rv_push(r, cells, c);
		}
		rv_set(r, row, "cells", cells);
		rv_push(r, rows, row);
	}
	rv_set(r, m, "id", rv_elem_id(r, "pares"));
	rv_set(r, m, "title_id", rv_elem_id(r, "titulo"));
	rv_set(r, m, "desc_id", rv_elem_id(r, "descripcion"));
	rv_set_text(r, m, "title", "Comparación por pares");
	rv_set(r, m, "cols", cols);
	rv_set(r, m, "rows", rows);
	{
		/* the legend under the matrix */
		double y = top + cell * (double)n + 18;
		pt_value *lg = rv_list(r);
		static const char *const es[] = { "la fila gana", "la fila pierde", "empate" };

		for (i = 0; i < 3; i++) {
			pt_value *e = rv_map(r);

			rv_set_coord(r, e, "x", 120.0 * (double)i);
			rv_set_coord(r, e, "y", y - 10);
			rv_set_coord(r, e, "text_x", 120.0 * (double)i + 16);
			rv_set_coord(r, e, "text_y", y);
			rv_set_str(r, e, "fill", pw_fill[i]);
			rv_set_text(r, e, "text", es[i]);
			rv_push(r, lg, e);
		}
		rv_set(r, m, "legend", lg);
		snprintf(vb, sizeof(vb), "0 0 %d %d", PT_RESULTS_WIDTH, (int)rv_ceil(y + 8));
	}
	rv_set_str(r, m, "view_box", vb);
	return m;
}

/* Every pair in words: "A vence a B: 3 contra 1." (n <= PW_SVG_MAX: at most 45 pairs). */
static pt_value *pw_desc(rv *r, const double *mat, const long *ord, size_t n)
{
	pt_buf b;
	size_t i, j;
	pt_value *v;

	pt_buf_init(&b, r->a);
	rv_fill(r, &b, "Cada celda dice cuántas personas prefieren la opción de la fila sobre la de la columna.", 0, NULL);
	for (i = 0; i < n; i++) {
		for (j = i + 1; j < n; j++) {
			double x = PW(i, j), y = PW(j, i);
			rv_txt a, c;
			bool win = x >= y;
			const char *args[] = { rv_name(r, win ? ord[i] : ord[j]), rv_name(r, win ? ord[j] : ord[i]),
				rv_number(r, &a, win ? x : y, -1), rv_number(r, &c, win ? y : x, -1) };

			pt_buf_puts(&b, " ");
			rv_fill(r, &b, x == y ? "%s empata con %s: %s contra %s." : "%s vence a %s: %s contra %s.", 4, args);
		}
	}
	v = b.failed ? NULL : rv_strn(r, b.data, b.len);
	if (b.failed) {
		r->s = PT_ERR_NOMEM;
	}
	pt_buf_free(&b);
	return v;
}

static pt_value *pw_table(rv *r, const double *mat, const long *ord, size_t n)
{
	pt_value *t = rv_map(r), *head = rv_list(r), *rows = rv_list(r);
	size_t i, j;

	rv_set(r, t, "id", rv_elem_id(r, "tabla"));
	rv_set_text(r, t, "caption", "Comparación por pares: cuántas personas prefieren la opción de la fila sobre la de "
		"la columna");
	{
		pt_value *c = rv_map(r);

		rv_set_text(r, c, "text", "Prefieren esta opción…");
		rv_push(r, head, c);
	}
	for (j = 0; j < n; j++) {
		pt_value *c = rv_map(r);

		rv_set(r, c, "text", rv_fmt1(r, "…sobre %s", rv_name(r, ord[j])));
		rv_push(r, head, c);
	}
	for (i = 0; i < n && r->s == PT_OK; i++) {
		pt_value *row = rv_map(r), *cells = rv_list(r);

		rv_set_str(r, row, "name", rv_name(r, ord[i]));
		for (j = 0; j < n; j++) {
			pt_value *c = rv_map(r);
			int kind = pw_kind(mat, n, i, j);
			rv_txt x;
			char cls[48];

			snprintf(cls, sizeof(cls), "participa-par--%s", pw_cls[kind]);
			rv_set_str(r, c, "text", kind == PW_SAME ? "\xe2\x80\x94" : rv_number(r, &x, PW(i, j), -1));
			rv_set_str(r, c, "class", cls);
			rv_push(r, cells, c);
		}
		rv_set(r, row, "cells", cells);
		rv_push(r, rows, row);
	}
	rv_set(r, t, "head", head);
	rv_set(r, t, "rows", rows);
	return t;
}

/* A Condorcet winner (beats every other option), or -1. */
static long condorcet(const double *mat, const long *ord, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < n && (i == j || pw_kind(mat, n, i, j) == PW_WIN); j++);
		if (j == n) {
			return ord[i];
		}
	}
	return -1;
}

static pt_value *pair_list(rv *r, const pt_value *list, const char *es)
{
	pt_value *out = rv_list(r);
	size_t i;

	for (i = 0; i < rv_len(list) && i < PT_RESULTS_MAX_TABLE_ROWS && r->s == PT_OK; i++) {
		const pt_value *e = list->u.c.items[i];
		long w = rv_cand_of(r, rv_get(e, "winner"), false), l = rv_cand_of(r, rv_get(e, "loser"), false);
		pt_value *m;
		rv_txt t;

		if (w < 0 || l < 0) {
			continue;
		}
		m = rv_map(r);
		rv_set(r, m, "text", rv_fmt3(r, es, rv_name(r, w), rv_name(r, l),
			rv_number(r, &t, rv_numd(rv_get(e, "margin"), 0), -1)));
		rv_push(r, out, m);
	}
	return out;
}

pt_value *rv_pairwise(rv *r)
{
	const pt_value *pw = rv_get(r->details, "pairwise");
	long ord[PT_RESULTS_MAX_PAIRWISE];
	size_t n;
	pt_value *m;
	double *mat;
	long cw;

	if (!pw || pw->type != PT_VALUE_MAP || !pw->u.c.count) {
		return NULL;
	}
	m = rv_map(r);
	rv_set_text(r, m, "heading", "Comparación por pares");
	n = pw_order(r, pw, ord, PT_RESULTS_MAX_PAIRWISE);
	if (n > PT_RESULTS_MAX_PAIRWISE) {
		rv_set_text(r, m, "explain", "Hay demasiadas opciones para mostrar la tabla de comparación por pares.");
		return m;
	}
	rv_set_text(r, m, "explain", "Cada boleta ordena las opciones; para cada par de opciones se cuenta cuántas "
		"personas prefieren una sobre la otra.");
	if (!(mat = pw_matrix(r, pw, ord, n))) {
		return m;
	}
	cw = condorcet(mat, ord, n);
	if (cw >= 0) {
		rv_set(r, m, "condorcet", rv_fmt1(r, "%s vence a cada una de las demás opciones en la comparación por pares.",
			rv_name(r, cw)));
	} else if (!strcmp(r->method, "schulze")) {
		rv_set_text(r, m, "condorcet", "Ninguna opción vence a todas las demás; el método Schulze lo resuelve "
			"comparando las cadenas de victorias más fuertes entre cada par.");
	} else if (!strcmp(r->method, "ranked_pairs")) {
		rv_set_text(r, m, "condorcet", "Ninguna opción vence a todas las demás; se fijan las victorias de mayor a "
			"menor margen, omitiendo las que crearían un ciclo.");
	} else {
		rv_set_text(r, m, "condorcet", "Ninguna opción vence a todas las demás.");
	}
	if (n <= PW_SVG_MAX) {
		pt_value *svg = pw_svg(r, mat, ord, n);

		rv_set(r, svg, "desc", pw_desc(r, mat, ord, n));
		rv_set(r, m, "svg", svg);
	}
	rv_set(r, m, "table", pw_table(r, mat, ord, n));
	pt_free(r->a, mat);
	if (!strcmp(r->method, "ranked_pairs")) {
		pt_value *locked = pair_list(r, rv_get(r->details, "locked"), "%s sobre %s (margen de %s)");
		pt_value *skipped = pair_list(r, rv_get(r->details, "skipped"), "%s sobre %s (margen de %s)");

		if (rv_len(locked)) {
			rv_set_text(r, m, "locked_heading", "Victorias fijadas, de mayor a menor margen");
		}
		rv_set_nonempty(r, m, "locked", locked);
		if (rv_len(skipped)) {
			rv_set_text(r, m, "skipped_heading", "Victorias omitidas porque crearían un ciclo");
		}
		rv_set_nonempty(r, m, "skipped", skipped);
	}
	return m;
}

/* ---- majority judgment: grade profiles -------------------------------------------------- */

#define GR_W 340.0

/* A blue ramp, darkest for the best grade: t = 0 (worst) .. 1 (best). */
static void grade_fill(double t, char out[8])
{
	static const int lo[3] = { 0xe8, 0xee, 0xf5 }, hi[3] = { 0x12, 0x3f, 0x6b };
	int i, v[3];

	for (i = 0; i < 3; i++) {
		v[i] = (int)rv_round(lo[i] + (hi[i] - lo[i]) * t);
	}
	snprintf(out, 8, "#%02x%02x%02x", v[0] & 0xff, v[1] & 0xff, v[2] & 0xff);
}

static bool grade_key(const char *k, long *g)
{
	char *end;
	long v = strtol(k, &end, 10);

	if (end == k || *end || v < -1000000000L || v > 1000000000L) {
		return false;
	}
	*g = v;
	return true;
}

pt_value *rv_grades(rv *r)
{
	const pt_value *gr = rv_get(r->details, "grades"), *med = rv_get(r->details, "medians");
	long gmin = 0, gmax = 0, g;
	bool any = false, seen = false;
	size_t i, j, n, shown;
	pt_value *m, *rows, *legend, *thead, *trows, *table;
	char vb[64];
	const double y0 = 22;

	if (!gr || gr->type != PT_VALUE_MAP || !gr->u.c.count) {
		return NULL;
	}
	{
		double mn, mx;

		if (rv_num(rv_get(r->opts, "min"), &mn) && rv_num(rv_get(r->opts, "max"), &mx)
			&& mn >= -1e9 && mx <= 1e9 && mx >= mn) {
			gmin = (long)mn;
			gmax = (long)mx;
			any = true;
		}
	}
	for (i = 0; i < gr->u.c.count && !any && i < PT_RESULTS_MAX_CANDIDATES; i++) {
		const pt_value *d = gr->u.c.items[i];

		for (j = 0; d && d->type == PT_VALUE_MAP && j < d->u.c.count; j++) {
			if (grade_key(d->u.c.keys[j], &g)) {
				gmin = !seen || g < gmin ? g : gmin;
				gmax = !seen || g > gmax ? g : gmax;
				seen = true;
			}
		}
	}
	if (gmax < gmin) {
		gmax = gmin;
	}
	if (gmax - gmin + 1 > PT_RESULTS_MAX_GRADES) {
		gmin = gmax - PT_RESULTS_MAX_GRADES + 1;   /* the best grades */
	}
	m = rv_map(r);
	rows = rv_list(r);
	legend = rv_list(r);
	thead = rv_list(r);
	trows = rv_list(r);
	table = rv_map(r);
	rv_set_text(r, m, "heading", "Calificaciones de cada opción");
	rv_set_text(r, m, "explain", "Cada barra reparte a las personas según la calificación que dieron, de la mejor "
		"(izquierda) a la peor. La línea del centro marca la mediana: gana la opción con la mejor calificación "
		"mediana.");
	n = gr->u.c.count < PT_RESULTS_MAX_CANDIDATES ? gr->u.c.count : PT_RESULTS_MAX_CANDIDATES;
	shown = n < PT_RESULTS_MAX_BARS ? n : PT_RESULTS_MAX_BARS;
	{
		pt_value *c = rv_map(r);

		rv_set_text(r, c, "text", "Opción");
		rv_push(r, thead, c);
		c = rv_map(r);
		rv_set_text(r, c, "text", "Mediana");
		rv_push(r, thead, c);
		for (g = gmax; g >= gmin; g--) {
			char k[32];

			snprintf(k, sizeof(k), "%ld", g);
			c = rv_map(r);
			rv_set(r, c, "text", rv_fmt1(r, "Calificación %s", k));
			rv_push(r, thead, c);
		}
	}
	/* rows in the order of the ranking */
	{
		unsigned char *f = rv_keys(r, gr);
		long *ord = pt_calloc(r->a, n ? n : 1, sizeof(long));
		size_t no = 0, a;
		const pt_value **dist_of;
		double *counts, *medians;
		pt_buf desc;

		if (!ord || !f) {
			pt_free(r->a, ord);
			pt_free(r->a, f);
			r->s = PT_ERR_NOMEM;
			pt_value_free(rows);
			pt_value_free(legend);
			pt_value_free(thead);
			pt_value_free(trows);
			pt_value_free(table);
			return m;
		}
		no = rv_ranked(r, f, r->nc, ord, n);
		no = no < n ? no : n;
		pt_free(r->a, f);
		dist_of = pt_calloc(r->a, r->nc ? r->nc : 1, sizeof(*dist_of));
		counts = pt_calloc(r->a, (size_t)(gmax - gmin + 1), sizeof(double));
		medians = rv_values(r, med);
		for (a = 0; dist_of && a < gr->u.c.count; a++) {
			long c = rv_find(r, gr->u.c.keys[a], gr->u.c.key_lens[a], false);

			if (c >= 0 && !dist_of[c]) {
				dist_of[c] = gr->u.c.items[a];
			}
		}
		pt_buf_init(&desc, r->a);
		for (a = 0; a < no && dist_of && counts && medians && r->s == PT_OK; a++) {
			const pt_value *dist = dist_of[ord[a]];
			double total = 0, x = 0, y = y0 + 46.0 * (double)a;
			pt_value *row = NULL, *segs = NULL, *tr = rv_map(r), *cells = rv_list(r), *cc;
			rv_txt t, mt;
			const char *median = !isnan(medians[ord[a]]) ? rv_number(r, &mt, medians[ord[a]], -1) : "\xe2\x80\x94";

			memset(counts, 0, (size_t)(gmax - gmin + 1) * sizeof(double));
			for (j = 0; dist && dist->type == PT_VALUE_MAP && j < dist->u.c.count; j++) {
				double v;

				if (grade_key(dist->u.c.keys[j], &g) && g >= gmin && g <= gmax && rv_num(dist->u.c.items[j], &v)
					&& v > 0) {
					counts[g - gmin] += v;
					total += v;
				}
			}
			rv_set_str(r, tr, "name", rv_name(r, ord[a]));
			cc = rv_map(r);
			rv_set_str(r, cc, "text", median);
			rv_push(r, cells, cc);
			if (a < shown) {
				pt_value *label = rv_fmt2(r, "%s: mediana %s", rv_name(r, ord[a]), median);

				row = rv_map(r);
				segs = rv_list(r);
				rv_set_str(r, row, "name", rv_name(r, ord[a]));
				rv_set_coord(r, row, "label_y", y + 14);
				rv_set_coord(r, row, "bar_y", y + 20);
				rv_set(r, row, "label", rv_short(r, label ? label->u.s.s : "", 44));
				if (a) {
					pt_buf_puts(&desc, "; ");
				}
				pt_buf_puts(&desc, label ? label->u.s.s : "");
				pt_value_free(label);
			}
			for (g = gmax; g >= gmin; g--) {
				char k[32], fill[8];
				double cnt;

				snprintf(k, sizeof(k), "%ld", g);
				cnt = counts[g - gmin];
				cc = rv_map(r);
				rv_set_str(r, cc, "text", rv_number(r, &t, cnt, -1));
				rv_push(r, cells, cc);
				if (segs && total > 0 && cnt > 0) {
					pt_value *s = rv_map(r);
					double w = GR_W * cnt / total;

					grade_fill(gmax > gmin ? (double)(g - gmin) / (double)(gmax - gmin) : 1, fill);
					rv_set_coord(r, s, "x", x);
					rv_set_coord(r, s, "w", w);
					rv_set_str(r, s, "fill", fill);
					rv_set(r, s, "title", rv_fmt2(r, "Calificación %s: %s", k, rv_number(r, &t, cnt, -1)));
					rv_push(r, segs, s);
					x += w;
				}
			}
			rv_set(r, tr, "cells", cells);
			rv_push(r, trows, tr);
			if (row) {
				rv_set(r, row, "segments", segs);
				rv_push(r, rows, row);
			} else {
				pt_value_free(segs);
			}
		}
		if (no) {
			pt_buf_puts(&desc, ".");
		}
		if (!dist_of || !counts || !medians) {
			r->s = PT_ERR_NOMEM;
		}
		rv_set(r, m, "desc", desc.failed ? NULL : rv_strn(r, desc.data, desc.len));
		pt_buf_free(&desc);
		pt_free(r->a, ord);
		pt_free(r->a, dist_of);
		pt_free(r->a, counts);
		pt_free(r->a, medians);
		{
			double ly = y0 + 46.0 * (double)(no < shown ? no : shown) + 10;
			long k = 0;

			for (g = gmax; g >= gmin; g--, k++) {
				pt_value *e = rv_map(r);
				char fill[8], gk[32];
				double lx = 58.0 * (double)(k % 6), lyy = ly + 22.0 * (double)(k / 6);

				snprintf(gk, sizeof(gk), "%ld", g);
				grade_fill(gmax > gmin ? (double)(g - gmin) / (double)(gmax - gmin) : 1, fill);
				rv_set_coord(r, e, "x", lx);
				rv_set_coord(r, e, "y", lyy);
				rv_set_coord(r, e, "text_x", lx + 18);
				rv_set_coord(r, e, "text_y", lyy + 11);
				rv_set_str(r, e, "fill", fill);
				rv_set_str(r, e, "text", gk);
				rv_push(r, legend, e);
			}
			snprintf(vb, sizeof(vb), "0 0 %d %d", PT_RESULTS_WIDTH, (int)rv_ceil(ly + 22.0 * (double)((k + 5) / 6) + 4));
			rv_set_coord(r, m, "median_x", GR_W / 2);
			rv_set_coord(r, m, "median_y2", ly - 6);
			rv_set_text(r, m, "median_label", "mediana");
		}
	}
	rv_set(r, m, "id", rv_elem_id(r, "calificaciones"));
	rv_set(r, m, "title_id", rv_elem_id(r, "titulo"));
	rv_set(r, m, "desc_id", rv_elem_id(r, "descripcion"));
	rv_set_text(r, m, "title", "Calificaciones de cada opción");
	rv_set_str(r, m, "view_box", vb);
	rv_set(r, m, "rows", rows);
	rv_set(r, m, "legend", legend);
	rv_set(r, table, "id", rv_elem_id(r, "tabla"));
	rv_set_text(r, table, "caption", "Cuántas personas dieron cada calificación a cada opción");
	rv_set(r, table, "head", thead);
	rv_set(r, table, "rows", trows);
	rv_set(r, m, "table", table);
	rv_note_cut(r, m, "more", "La gráfica muestra las primeras %s de %s opciones; la tabla las tiene todas.", shown, n);
	return m;
}
