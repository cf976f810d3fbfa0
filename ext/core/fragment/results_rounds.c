/*
 * participa core: the round tables of instant-runoff (details.rounds) and STV
 * (details.stages): one row per option, one column per round, each cell the
 * votes of that round with what moved since the one before, who was
 * eliminated, excluded or elected; a sentence per round; and the last round
 * as bars with the majority or the quota drawn.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/fragment/results_internal.h"

/* The table being built: vals[c * k + j] for option c in round j. */
typedef struct grid {
	size_t k;                /* rounds */
	double *vals;
	unsigned char *has;      /* 1 when option c has a count in round j */
	const char **note;       /* a catalogued Spanish mark ("eliminada") or NULL */
	double *exh;             /* exhausted ballots per round */
	unsigned char *has_exh;
	double *quota;           /* per round (Meek), when has_quota */
	unsigned char *has_quota;
} grid;

static void grid_free(rv *r, grid *g)
{
	pt_free(r->a, g->vals);
	pt_free(r->a, g->has);
	pt_free(r->a, g->note);
	pt_free(r->a, g->exh);
	pt_free(r->a, g->has_exh);
	pt_free(r->a, g->quota);
	pt_free(r->a, g->has_quota);
}

static bool grid_init(rv *r, grid *g, size_t k)
{
	size_t cells = r->nc * k;

	memset(g, 0, sizeof(*g));
	g->k = k;
	g->vals = pt_calloc(r->a, cells ? cells : 1, sizeof(double));
	g->has = pt_calloc(r->a, cells ? cells : 1, 1);
	g->note = pt_calloc(r->a, cells ? cells : 1, sizeof(char *));
	g->exh = pt_calloc(r->a, k ? k : 1, sizeof(double));
	g->has_exh = pt_calloc(r->a, k ? k : 1, 1);
	g->quota = pt_calloc(r->a, k ? k : 1, sizeof(double));
	g->has_quota = pt_calloc(r->a, k ? k : 1, 1);
	if (!g->vals || !g->has || !g->note || !g->exh || !g->has_exh || !g->quota || !g->has_quota) {
		r->s = PT_ERR_NOMEM;
		grid_free(r, g);
		return false;
	}
	return true;
}

/* Round j's votes (a map id => number) into the grid. Options past the grid's size are skipped. */
static void grid_votes(rv *r, grid *g, size_t j, const pt_value *votes, size_t nc)
{
	size_t i;

	if (!votes || votes->type != PT_VALUE_MAP) {
		return;
	}
	for (i = 0; i < votes->u.c.count; i++) {
		long c = rv_find(r, votes->u.c.keys[i], votes->u.c.key_lens[i], false);
		double v;

		if (c >= 0 && (size_t)c < nc && rv_num(votes->u.c.items[i], &v)) {
			g->vals[(size_t)c * g->k + j] = v;
			g->has[(size_t)c * g->k + j] = 1;
		}
	}
}

static void grid_note(rv *r, grid *g, size_t j, const pt_value *who, size_t nc, const char *es)
{
	long c = rv_cand_of(r, who, false);

	if (c >= 0 && (size_t)c < nc) {
		g->note[(size_t)c * g->k + j] = es;
	}
}

/* "+2" / "−1.5" / NULL when nothing moved. */
static const char *delta(const rv *r, rv_txt *t, double d)
{
	rv_txt n;

	if (rv_abs(d) < 1e-9) {
		return NULL;
	}
	snprintf(t->s, sizeof(t->s), "%s%s", d > 0 ? "+" : "\xe2\x88\x92", rv_number(r, &n, rv_abs(d), -1));
	return t->s;
}

static pt_value *head_cell(rv *r, pt_value *text)
{
	pt_value *c = rv_map(r);

	rv_set(r, c, "text", text);
	return c;
}

/* Rows in the order of the ranking (winners first), then the rest. */
static size_t row_order(rv *r, long *order, size_t nc)
{
	unsigned char *all = pt_alloc(r->a, nc ? nc : 1);
	size_t n;

	if (!all) {
		r->s = PT_ERR_NOMEM;
		return 0;
	}
	memset(all, 1, nc ? nc : 1);
	n = rv_ranked(r, all, nc, order, nc);
	pt_free(r->a, all);
	return n < nc ? n : nc;
}

/* A row under the table: a number per round (with its change when moves), "—" where none. */
static pt_value *foot_row(rv *r, const grid *g, const char *name_es, const double *v, const unsigned char *has,
	bool moves)
{
	pt_value *row = rv_map(r), *cells = rv_list(r);
	size_t j;

	rv_set_text(r, row, "name", name_es);
	for (j = 0; j < g->k; j++) {
		pt_value *cell = rv_map(r);
		rv_txt a, b;

		rv_set_str(r, cell, "text", has[j] ? rv_number(r, &a, v[j], -1) : "\xe2\x80\x94");
		if (moves && j > 0 && has[j] && has[j - 1] && delta(r, &b, v[j] - v[j - 1])) {
			rv_set_str(r, cell, "delta", b.s);
		}
		rv_push(r, cells, cell);
	}
	rv_set(r, row, "cells", cells);
	return row;
}

static pt_value *grid_table(rv *r, grid *g, size_t nc, const char *round_es, const char *caption_es)
{
	pt_value *t = rv_map(r), *head = rv_list(r), *rows = rv_list(r), *foot = rv_list(r);
	long *order = pt_calloc(r->a, nc ? nc : 1, sizeof(long));
	size_t i, j, n;
	bool any_exh = false, any_quota = false;

	if (!order) {
		r->s = PT_ERR_NOMEM;
		pt_value_free(head);
		pt_value_free(rows);
		pt_value_free(foot);
		return t;
	}
	n = row_order(r, order, nc);
	rv_set(r, t, "id", rv_elem_id(r, "tabla"));
	rv_set_text(r, t, "caption", caption_es);
	rv_push(r, head, head_cell(r, rv_str(r, rv_t(r, "Opción"))));
	for (j = 0; j < g->k; j++) {
		char k[32];

		snprintf(k, sizeof(k), "%zu", j + 1);
		rv_push(r, head, head_cell(r, rv_fmt1(r, round_es, k)));
		any_exh = any_exh || (g->has_exh[j] && g->exh[j] > 0);   /* a row of zeros says nothing */
		any_quota = any_quota || g->has_quota[j];
	}
	for (i = 0; i < n && r->s == PT_OK; i++) {
		long c = order[i];
		pt_value *row = rv_map(r), *cells = rv_list(r);

		rv_set_str(r, row, "name", rv_name(r, c));
		for (j = 0; j < g->k; j++) {
			size_t at = (size_t)c * g->k + j;
			pt_value *cell = rv_map(r);
			rv_txt a, b;

			if (g->has[at]) {
				rv_set_str(r, cell, "text", rv_number(r, &a, g->vals[at], -1));
				if (j > 0 && g->has[at - 1] && delta(r, &b, g->vals[at] - g->vals[at - 1])) {
					rv_set_str(r, cell, "delta", b.s);
				}
			} else {
				rv_set_str(r, cell, "text", "\xe2\x80\x94");
				rv_set_str(r, cell, "class", "participa-fuera");
			}
			if (g->note[at]) {
				rv_set_text(r, cell, "note", g->note[at]);
			}
			rv_push(r, cells, cell);
		}
		rv_set(r, row, "cells", cells);
		rv_push(r, rows, row);
	}
	if (any_exh) {
		rv_push(r, foot, foot_row(r, g, "Boletas agotadas (sin más preferencias)", g->exh, g->has_exh, true));
	}
	if (any_quota) {
		rv_push(r, foot, foot_row(r, g, "Cuota", g->quota, g->has_quota, false));
	}
	rv_set(r, t, "head", head);
	rv_set(r, t, "rows", rows);
	rv_set_nonempty(r, t, "foot", foot);
	pt_free(r->a, order);
	return t;
}

/* What moved from round j to j + 1: [{text: "B: +2"}], in the order of the options. */
static pt_value *transfers(rv *r, const grid *g, size_t j, size_t nc)
{
	pt_value *list = rv_list(r);
	size_t c;

	if (j + 1 >= g->k) {
		return list;
	}
	for (c = 0; c < nc && r->s == PT_OK; c++) {
		size_t at = c * g->k + j;
		rv_txt d;
		pt_value *e;

		if (!g->has[at] || !g->has[at + 1] || !delta(r, &d, g->vals[at + 1] - g->vals[at])) {
			continue;
		}
		e = rv_map(r);
		rv_set(r, e, "text", rv_fmt2(r, "%s: %s", rv_name(r, (long)c), d.s));
		rv_push(r, list, e);
	}
	if (g->has_exh[j] && g->has_exh[j + 1]) {
		rv_txt d;

		if (delta(r, &d, g->exh[j + 1] - g->exh[j])) {
			pt_value *e = rv_map(r);

			rv_set(r, e, "text", rv_fmt1(r, "Boletas agotadas: %s", d.s));
			rv_push(r, list, e);
		}
	}
	return list;
}

/* "1 voto" / "3 votos". */
static const char *votes_fmt(double v)
{
	return rv_abs(v - 1) < 1e-9 ? "%s voto" : "%s votos";
}

static pt_value *votes_text(rv *r, double v)
{
	rv_txt t;

	return rv_fmt1(r, votes_fmt(v), rv_number(r, &t, v, -1));
}

static const char *text_of(const pt_value *v)
{
	return v && v->type == PT_VALUE_STRING ? v->u.s.s : "";
}

/* The last round as bars, with the threshold drawn. */
static pt_value *last_bars(rv *r, const grid *g, size_t nc, double line, const char *line_label, const char *title_es)
{
	rv_bar *b = pt_calloc(r->a, nc ? nc : 1, sizeof(*b));
	const pt_value *w = rv_get(r->res, "winners");
	size_t c, n = 0, i;
	rv_chart ch;
	pt_value *out;

	if (!b || !g->k) {
		pt_free(r->a, b);
		if (!b) {
			r->s = PT_ERR_NOMEM;
		}
		return NULL;
	}
	for (c = 0; c < nc; c++) {
		if (g->has[c * g->k + g->k - 1]) {
			b[n].cand = (long)c;
			b[n].value = g->vals[c * g->k + g->k - 1];
			for (i = 0; i < rv_len(w); i++) {
				if (rv_cand_of(r, w->u.c.items[i], false) == (long)c) {
					b[n].winner = true;
				}
			}
			n++;
		}
	}
	memset(&ch, 0, sizeof(ch));
	ch.what = "ultima-ronda";
	ch.title = rv_t(r, title_es);
	ch.caption = ch.title;
	ch.col_value = rv_t(r, "Votos");
	ch.decimals = -1;
	ch.sort = true;
	ch.line = line;
	ch.line_label = line_label;
	ch.col_mark = rv_t(r, "Resultado");
	ch.mark = rv_t(r, r->preliminary ? "Va ganando" : "Gana");
	out = n ? rv_bars(r, &ch, b, n) : NULL;
	pt_free(r->a, b);
	return out;
}

/* Every option a list of rounds names under key (a map id => votes) is known before the grid is sized. */
static void collect_rounds(rv *r, const pt_value *rounds, size_t k, const char *key)
{
	size_t j, i;

	for (j = 0; j < k; j++) {
		const pt_value *v = rv_get(rounds->u.c.items[j], key);

		for (i = 0; v && v->type == PT_VALUE_MAP && i < v->u.c.count; i++) {
			rv_find(r, v->u.c.keys[i], v->u.c.key_lens[i], true);
		}
	}
}

/* Rounds shown: bounded by PT_RESULTS_MAX_ROUNDS and by the cells of the table. */
static size_t rounds_shown(const rv *r, size_t k)
{
	size_t per = r->nc ? PT_RESULTS_MAX_ROUND_CELLS / r->nc : k;

	if (k > PT_RESULTS_MAX_ROUNDS) {
		k = PT_RESULTS_MAX_ROUNDS;
	}
	return k < per ? k : per;
}

pt_value *rv_rounds_irv(rv *r)
{
	const pt_value *rounds = rv_get(r->details, "rounds");
	size_t total = rv_len(rounds), k, nc, j, c;
	pt_value *m, *steps;
	double active_last = 0;
	grid g;

	collect_rounds(r, rounds, total < PT_RESULTS_MAX_ROUNDS ? total : PT_RESULTS_MAX_ROUNDS, "tallies");
	k = rounds_shown(r, total);
	nc = r->nc;
	if (!k || !grid_init(r, &g, k)) {
		return NULL;
	}
	for (j = 0; j < k; j++) {
		const pt_value *rd = rounds->u.c.items[j];

		grid_votes(r, &g, j, rv_get(rd, "tallies"), nc);
		g.has_exh[j] = rv_num(rv_get(rd, "exhausted"), &g.exh[j]);
		grid_note(r, &g, j, rv_get(rd, "eliminated"), nc, "eliminada");
		grid_note(r, &g, j, rv_get(rd, "elected"), nc, r->preliminary ? "va ganando" : "gana");
	}
	m = rv_map(r);
	steps = rv_list(r);
	rv_set_text(r, m, "heading", "Rondas del conteo");
	rv_set_text(r, m, "explain", "En cada ronda cuenta, de cada boleta, la opción preferida que sigue en carrera. "
		"Si ninguna tiene más de la mitad de esos votos, se elimina la que tiene menos y sus boletas pasan a la "
		"siguiente opción marcada en cada una.");
	for (j = 0; j < k && r->s == PT_OK; j++) {
		const pt_value *rd = rounds->u.c.items[j], *el = rv_get(rd, "eliminated"), *win = rv_get(rd, "elected");
		pt_value *st = rv_map(r);
		double active = 0, v = 0;
		long who = -1;
		char n[32];
		rv_txt a, b, p;

		for (c = 0; c < nc; c++) {
			if (g.has[c * k + j]) {
				active += g.vals[c * k + j];
			}
		}
		snprintf(n, sizeof(n), "%zu", j + 1);
		rv_set(r, st, "title", rv_fmt1(r, "Ronda %s", n));
		if ((who = rv_cand_of(r, win, false)) >= 0) {
			v = (size_t)who < nc && g.has[(size_t)who * k + j] ? g.vals[(size_t)who * k + j] : 0;
			if (v * 2 > active && active > 0) {
				rv_set(r, st, "text", rv_fmt4(r, r->preliminary
					? "%s tiene %s de %s votos en juego (%s), más de la mitad: va ganando."
					: "%s obtiene %s de %s votos en juego (%s), más de la mitad: gana.",
					rv_name(r, who), rv_number(r, &a, v, -1), rv_number(r, &b, active, -1),
					rv_percent(r, &p, v / active)));
			} else {
				rv_set(r, st, "text", rv_fmt1(r, r->preliminary ? "%s es la única opción que sigue en carrera: va ganando."
					: "%s es la única opción que sigue en carrera: gana.", rv_name(r, who)));
			}
		} else if ((who = rv_cand_of(r, el, false)) >= 0) {
			pt_value *vt;

			v = (size_t)who < nc && g.has[(size_t)who * k + j] ? g.vals[(size_t)who * k + j] : 0;
			vt = votes_text(r, v);
			rv_set(r, st, "text", rv_fmt3(r, "Ninguna opción tiene más de la mitad de los %s votos en juego. "
				"Se elimina a %s, la que tiene menos (%s); sus boletas pasan a la siguiente opción marcada.",
				rv_number(r, &a, active, -1), rv_name(r, who), text_of(vt)));
			pt_value_free(vt);
		} else {
			rv_set_text(r, st, "text", "Se cuentan los votos de esta ronda.");
		}
		rv_set_nonempty(r, st, "transfers", transfers(r, &g, j, nc));
		rv_push(r, steps, st);
		active_last = active;
	}
	rv_set(r, m, "steps", steps);
	rv_set_text(r, m, "transfers_label", "Cómo se movieron los votos");
	rv_set(r, m, "table", grid_table(r, &g, nc, "Ronda %s", "Votos de cada opción en cada ronda"));
	rv_note_cut(r, m, "more_rounds", "La tabla muestra las primeras %s de %s rondas.", k, total);
	if (r->s == PT_OK && k) {
		rv_txt a;
		pt_value *label = rv_fmt1(r, "Mitad de los votos en juego: %s", rv_number(r, &a, active_last / 2, -1));
		pt_value *bars = last_bars(r, &g, nc, active_last / 2, text_of(label), "Votos en la última ronda");

		pt_value_free(label);
		if (bars) {
			rv_set(r, m, "bars", bars);
		}
	}
	grid_free(r, &g);
	return m;
}

/* "Resulta electa: A." / "Resultan electas: A y B." for a stage's elected list; NULL when empty. */
static void elected_text(rv *r, pt_buf *b, const pt_value *elected)
{
	long idx[64];
	size_t n = 0, i;

	for (i = 0; i < rv_len(elected) && n < 64; i++) {
		long c = rv_cand_of(r, elected->u.c.items[i], false);

		if (c >= 0) {
			idx[n++] = c;
		}
	}
	if (!n) {
		return;
	}
	pt_buf_puts(b, " ");
	pt_buf_puts(b, rv_t(r, n == 1 ? "Resulta electa: " : "Resultan electas: "));
	rv_join_names(r, b, idx, n);
	pt_buf_puts(b, ".");
}

/* A value of the count's 5 decimals without trailing zeros ("0.5", "0.00001", "2"). */
static const char *exact(const rv *r, rv_txt *t, double v)
{
	size_t n;

	rv_number(r, t, v, 5);
	n = strlen(t->s);
	if (strchr(t->s, '.')) {
		while (n && t->s[n - 1] == '0') {
			t->s[--n] = '\0';
		}
		if (n && t->s[n - 1] == '.') {
			t->s[--n] = '\0';
		}
	}
	return t->s;
}

static pt_value *stv_step(rv *r, const pt_value *st, double quota, bool meek)
{
	const pt_value *action = rv_get(st, "action");
	long who = rv_cand_of(r, rv_get(st, "candidate"), false);
	double surplus = rv_numd(rv_get(st, "surplus"), 0), tv = rv_numd(rv_get(st, "transfer_value"), 0),
		moved = rv_numd(rv_get(st, "transferred"), 0), lost = rv_numd(rv_get(st, "lost"), 0),
		iters = rv_numd(rv_get(st, "iterations"), 0);
	rv_txt a, b, c;
	pt_value *text = NULL, *out;
	pt_buf buf;

	if (rv_is(action, "first preferences")) {
		text = rv_fmt1(r, "Se cuentan las primeras preferencias. La cuota para resultar electa es de %s votos.",
			rv_number(r, &a, quota, -1));
	} else if (rv_is(action, "surplus") && who >= 0) {
		text = rv_fmt3(r, "%s superó la cuota por %s votos: ese excedente pasa a las siguientes preferencias de sus "
			"boletas, cada una a un valor de %s.", rv_name(r, who), rv_number(r, &a, surplus, -1),
			exact(r, &b, tv));
	} else if (rv_is(action, "exclusion") && who >= 0 && meek) {
		text = rv_fmt2(r, "Se recalculan los votos de todas las boletas (%s iteraciones) y se excluye a %s, la opción "
			"con menos votos.", rv_number(r, &a, iters, 0), rv_name(r, who));
	} else if (rv_is(action, "exclusion") && who >= 0) {
		pt_value *vt = votes_text(r, moved);

		text = rv_fmt2(r, "Se excluye a %s, la opción con menos votos; sus %s pasan a las siguientes preferencias.",
			rv_name(r, who), text_of(vt));
		pt_value_free(vt);
	} else if (rv_is(action, "remaining elected")) {
		text = rv_str(r, rv_t(r, "Quedan tantas opciones en carrera como lugares por llenar."));
	} else if (rv_is(action, "final")) {
		text = rv_fmt1(r, "Último cálculo de los votos (%s iteraciones).", rv_number(r, &a, iters, 0));
	} else {
		text = rv_str(r, rv_t(r, "Se cuentan los votos de esta etapa."));
	}
	pt_buf_init(&buf, r->a);
	pt_buf_puts(&buf, text_of(text));
	pt_value_free(text);
	elected_text(r, &buf, rv_get(st, "elected"));
	if (lost > 0) {
		const char *args[] = { exact(r, &c, lost) };

		pt_buf_puts(&buf, " ");
		rv_fill(r, &buf, "Se pierden %s votos por el redondeo a 5 decimales.", 1, args);
	}
	out = buf.failed ? NULL : rv_strn(r, buf.data, buf.len);
	if (buf.failed) {
		r->s = PT_ERR_NOMEM;
	}
	pt_buf_free(&buf);
	return out;
}

pt_value *rv_rounds_stv(rv *r)
{
	const pt_value *stages = rv_get(r->details, "stages"), *tr = rv_get(r->details, "transfer");
	size_t total = rv_len(stages), k, nc, j, i;
	bool meek = rv_is(tr, "meek");
	double quota = rv_numd(rv_get(r->details, "quota"), -1), q_last = quota;
	pt_value *m, *steps;
	grid g;

	collect_rounds(r, stages, total < PT_RESULTS_MAX_ROUNDS ? total : PT_RESULTS_MAX_ROUNDS, "votes");
	k = rounds_shown(r, total);
	nc = r->nc;
	if (!k || !grid_init(r, &g, k)) {
		return NULL;
	}
	for (j = 0; j < k; j++) {
		const pt_value *st = stages->u.c.items[j], *el = rv_get(st, "elected"), *act = rv_get(st, "action");

		grid_votes(r, &g, j, rv_get(st, "votes"), nc);
		g.has_exh[j] = rv_num(rv_get(st, "exhausted"), &g.exh[j]);
		g.has_quota[j] = meek && rv_num(rv_get(st, "quota"), &g.quota[j]);
		if (rv_is(act, "exclusion")) {
			grid_note(r, &g, j, rv_get(st, "candidate"), nc, "excluida");
		} else if (rv_is(act, "surplus")) {
			grid_note(r, &g, j, rv_get(st, "candidate"), nc, "reparte su excedente");
		}
		for (i = 0; i < rv_len(el); i++) {
			grid_note(r, &g, j, el->u.c.items[i], nc, "electa");
		}
	}
	m = rv_map(r);
	steps = rv_list(r);
	rv_set_text(r, m, "heading", "Etapas del conteo");
	if (meek) {
		rv_set_text(r, m, "explain", "Voto único transferible, método de Meek: en cada etapa se recalcula qué parte "
			"de cada boleta se queda con las opciones ya electas (lo justo para alcanzar la cuota) y el resto pasa a "
			"las siguientes preferencias; si nadie más alcanza la cuota, se excluye a la opción con menos votos.");
	} else {
		rv_set_text(r, m, "explain", "Voto único transferible: una opción que alcanza la cuota resulta electa y sus "
			"votos de más pasan a las siguientes preferencias de sus boletas; si nadie más alcanza la cuota, se "
			"excluye a la opción con menos votos y sus boletas pasan a la siguiente preferencia.");
	}
	if (quota >= 0) {
		rv_txt a;

		rv_set(r, m, "quota", rv_fmt1(r, "Cuota para resultar electa: %s votos.", rv_number(r, &a, quota, -1)));
	}
	for (j = 0; j < k && r->s == PT_OK; j++) {
		const pt_value *st = stages->u.c.items[j];
		pt_value *e = rv_map(r);
		double q = g.has_quota[j] ? g.quota[j] : quota;
		char n[32];

		snprintf(n, sizeof(n), "%zu", j + 1);
		rv_set(r, e, "title", rv_fmt1(r, "Etapa %s", n));
		rv_set(r, e, "text", stv_step(r, st, q, meek));
		/* a stage's votes are after its own transfer: what it moved is the change from the one before */
		if (j > 0) {
			rv_set_nonempty(r, e, "transfers", transfers(r, &g, j - 1, nc));
		}
		rv_push(r, steps, e);
		if (q >= 0) {
			q_last = q;
		}
	}
	rv_set(r, m, "steps", steps);
	rv_set_text(r, m, "transfers_label", "Cómo se movieron los votos");
	rv_set(r, m, "table", grid_table(r, &g, nc, "Etapa %s", "Votos de cada opción en cada etapa"));
	rv_note_cut(r, m, "more_rounds", "La tabla muestra las primeras %s de %s rondas.", k, total);
	if (r->s == PT_OK) {
		rv_txt a;
		pt_value *label = q_last >= 0 ? rv_fmt1(r, "Cuota: %s", rv_number(r, &a, q_last, -1)) : NULL;
		pt_value *bars = last_bars(r, &g, nc, q_last, text_of(label), "Votos en la última etapa");

		pt_value_free(label);
		if (bars) {
			rv_set(r, m, "bars", bars);
		}
	}
	grid_free(r, &g);
	return m;
}
