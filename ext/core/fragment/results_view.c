/*
 * participa core: the results view (results_view.h): the method names,
 * tie-breaks in words, winners, ranking and facts, the one-bar-per-option
 * methods, majority and consensus, and the entry point. The shared helpers and
 * bar charts are in results_common.c; rounds, budgets, the pairwise matrix and
 * grades in their own files.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/common/pt_format.h"
#include "core/fragment/results_internal.h"

/* ---- method names ------------------------------------------------------------------- */

static const struct { const char *id, *es; } method_names[] = {
	{ "plurality", "Mayoría simple (un voto por persona)" },
	{ "approval", "Voto por aprobación" },
	{ "score", "Voto por puntuación" },
	{ "majority_judgment", "Juicio mayoritario" },
	{ "borda", "Conteo Borda" },
	{ "irv", "Voto preferencial con segunda vuelta instantánea" },
	{ "stv", "Voto único transferible" },
	{ "schulze", "Método Schulze (comparación por pares)" },
	{ "ranked_pairs", "Pares ordenados (comparación por pares)" },
	{ "copeland", "Método Copeland (comparación por pares)" },
	{ "majority", "Votación por mayoría (sí o no)" },
	{ "consensus", "Decisión por consenso" },
	{ "pb_greedy", "Presupuesto participativo por número de apoyos" },
	{ "pb_equal_shares", "Presupuesto participativo por partes iguales (Equal Shares)" },
};

const char *pt_fragment_method_name(const char *method, const pt_fragment_host *h)
{
	size_t i;

	for (i = 0; method && i < sizeof(method_names) / sizeof(method_names[0]); i++) {
		if (!strcmp(method, method_names[i].id)) {
			return pt_fragment_text(h, method_names[i].es);
		}
	}
	return pt_fragment_text(h, "Método de conteo");
}

static bool is_method(const rv *r, const char *id)
{
	return !strcmp(r->method, id);
}

/* ---- tie-breaks in words ------------------------------------------------------------- */

/* The indexes of the options a list names (at most cap). */
static size_t cands_of(rv *r, const pt_value *list, long *out, size_t cap)
{
	size_t i, n = 0;

	for (i = 0; i < rv_len(list) && n < cap; i++) {
		long c = rv_cand_of(r, list->u.c.items[i], true);

		if (c >= 0) {
			out[n++] = c;
		}
	}
	return n;
}

static void put_names(rv *r, pt_buf *b, const pt_value *list)
{
	long idx[64];
	size_t n = cands_of(r, list, idx, 64);

	rv_join_names(r, b, idx, n);
	if (rv_len(list) > n) {
		char k[32];
		const char *args[] = { k };

		snprintf(k, sizeof(k), "%zu", rv_len(list) - n);
		rv_fill(r, b, " y %s más", 1, args);
	}
}

/* "Se quedó con el lugar: A." for the tied options that are winners; false when none is. */
static bool seated(rv *r, const pt_value *tied, pt_buf *b)
{
	long idx[64];
	size_t n = cands_of(r, tied, idx, 64), i, k = 0;

	for (i = 0; i < n; i++) {
		if (r->c[idx[i]].winner) {
			idx[k++] = idx[i];
		}
	}
	if (!k) {
		return false;
	}
	rv_fill(r, b, k == 1 ? "Se quedó con el lugar: " : "Se quedaron con los lugares: ", 0, NULL);
	rv_join_names(r, b, idx, k);
	return true;
}

static pt_value *tie_text(rv *r, const pt_value *t)
{
	const pt_value *stage = rv_get(t, "stage"), *rule = rv_get(t, "rule"), *chosen = rv_get(t, "chosen"),
		*order = rv_get(t, "order");
	double round = -1, seed = 0, tied_count = 0;
	char rk[32] = "", sk[32] = "";
	const char *args[2];
	pt_buf b;
	pt_value *v;

	if (rv_num(rv_get(t, "round"), &round)) {
		snprintf(rk, sizeof(rk), "%.0f", round);
	}
	if (rv_num(rv_get(t, "seed"), &seed)) {
		snprintf(sk, sizeof(sk), "%.0f", seed);
	}
	pt_buf_init(&b, r->a);
	pt_buf_puts(&b, rv_t(r, "Empate entre "));
	put_names(r, &b, rv_get(t, "tied"));
	if (rv_num(rv_get(t, "tied_count"), &tied_count)) {
		rv_txt x;

		args[0] = rv_number(r, &x, tied_count, 0);
		rv_fill(r, &b, " (%s empatados en total)", 1, args);
	}
	args[0] = rk;
	if (rv_is(stage, "winners")) {
		rv_fill(r, &b, " por el último lugar ganador", 0, NULL);
	} else if (rv_is(stage, "elimination") && *rk) {
		rv_fill(r, &b, " para eliminar en la ronda %s", 1, args);
	} else if (rv_is(stage, "exclusion") && *rk) {
		rv_fill(r, &b, " para excluir en la etapa %s", 1, args);
	} else if (rv_is(stage, "surplus order") && *rk) {
		rv_fill(r, &b, " para decidir qué excedente se transfiere primero en la etapa %s", 1, args);
	} else if (rv_is(stage, "selection") && *rk) {
		rv_fill(r, &b, " para financiar en la ronda %s", 1, args);
	} else if (rv_is(stage, "pair order") && *rk) {
		rv_fill(r, &b, " al ordenar los pares con el mismo margen (%s)", 1, args);
	}
	pt_buf_puts(&b, ": ");
	args[0] = sk;
	if (rv_is(rule, "candidate order")) {
		rv_fill(r, &b, "se resolvió por el orden en que se presentan las opciones", 0, NULL);
	} else if (rv_is(rule, "lottery")) {
		rv_fill(r, &b, "se resolvió por sorteo (semilla %s)", 1, args);
	} else if (rv_is(rule, "previous rounds")) {
		rv_fill(r, &b, "se resolvió por los votos de la ronda anterior más reciente en que no estaban empatados", 0, NULL);
	} else if (rv_is(rule, "more approvals")) {
		rv_fill(r, &b, "se resolvió a favor del proyecto con más apoyos", 0, NULL);
	} else if (rv_is(rule, "lower cost")) {
		rv_fill(r, &b, "se resolvió a favor del proyecto de menor costo", 0, NULL);
	} else if (rv_is(rule, "input order")) {
		rv_fill(r, &b, "se resolvió por el orden en que se presentan los proyectos", 0, NULL);
	} else {
		rv_fill(r, &b, "se resolvió con la regla de desempate del método", 0, NULL);
	}
	pt_buf_puts(&b, ". ");
	if (rv_len(chosen) || rv_len(order)) {
		const pt_value *who = rv_len(chosen) ? chosen : order;
		bool loser_last = rv_is(stage, "elimination") || rv_is(stage, "exclusion");

		if (loser_last) {
			/* the order runs best first: the last one goes; a "chosen" one is the one that goes */
			pt_value one = *who;

			if (!rv_len(chosen)) {
				one.u.c.items = who->u.c.items + who->u.c.count - 1;
				one.u.c.count = 1;
			}
			rv_fill(r, &b, rv_is(stage, "elimination") ? "Se eliminó a " : "Se excluyó a ", 0, NULL);
			put_names(r, &b, &one);
		} else if (rv_is(stage, "selection")) {
			rv_fill(r, &b, "Se financió primero ", 0, NULL);
			put_names(r, &b, who);
		} else if (rv_is(stage, "surplus order")) {
			rv_fill(r, &b, "Se transfirió primero el excedente de ", 0, NULL);
			put_names(r, &b, who);
		} else if (rv_is(stage, "winners") && seated(r, rv_get(t, "tied"), &b)) {
			/* the names went in: the tied that got a place */
		} else if (rv_len(chosen)) {
			rv_fill(r, &b, "Quedó antes ", 0, NULL);
			put_names(r, &b, who);
		} else {
			rv_fill(r, &b, "Orden resultante: ", 0, NULL);
			put_names(r, &b, who);
		}
		pt_buf_puts(&b, ".");
	}
	v = b.failed ? NULL : rv_strn(r, b.data, b.len);
	if (b.failed && r->s == PT_OK) {
		r->s = PT_ERR_NOMEM;
	}
	pt_buf_free(&b);
	return v;
}

static pt_value *tie_breaks(rv *r)
{
	const pt_value *list = rv_get(r->res, "tieBreaks");
	pt_value *out = rv_list(r);
	size_t i;

	for (i = 0; i < rv_len(list) && i < PT_RESULTS_MAX_TIES && r->s == PT_OK; i++) {
		pt_value *e = rv_map(r);

		rv_set(r, e, "text", tie_text(r, list->u.c.items[i]));
		rv_push(r, out, e);
	}
	if (rv_len(list) > PT_RESULTS_MAX_TIES) {
		char k[32];
		pt_value *e = rv_map(r);

		snprintf(k, sizeof(k), "%zu", rv_len(list) - PT_RESULTS_MAX_TIES);
		rv_set(r, e, "text", rv_fmt1(r, "Y %s desempates más.", k));
		rv_push(r, out, e);
	}
	return out;
}

/* ---- winners, ranking, facts -------------------------------------------------------- */

static bool consensus_like(const rv *r)
{
	return is_method(r, "majority") || is_method(r, "consensus");
}

static bool budget_like(const rv *r)
{
	return !strncmp(r->method, "pb_", 3);
}

static bool is_winner(rv *r, long c)
{
	return c >= 0 && (size_t)c < r->nc && r->c[c].winner;
}

pt_value *rv_winners(rv *r)
{
	const pt_value *w = rv_get(r->res, "winners");
	pt_value *m = rv_map(r), *items = rv_list(r);
	const char *heading;
	size_t i;

	if (budget_like(r)) {
		heading = r->preliminary ? "Proyectos que se financiarían hoy" : "Proyectos financiados";
	} else if (is_method(r, "stv") || rv_numd(rv_get(r->opts, "seats"), 1) > 1) {
		heading = r->preliminary ? "Opciones que hoy resultarían electas" : "Opciones electas";
	} else {
		heading = r->preliminary ? "Opción que va a la cabeza" : "Opción ganadora";
		if (rv_len(w) > 1) {
			heading = r->preliminary ? "Opciones que van a la cabeza" : "Opciones ganadoras";
		}
	}
	rv_set_text(r, m, "heading", heading);
	for (i = 0; i < rv_len(w) && i < PT_RESULTS_MAX_TABLE_ROWS && r->s == PT_OK; i++) {
		long c = rv_cand_of(r, w->u.c.items[i], true);
		pt_value *e;

		if (c < 0) {
			continue;
		}
		e = rv_map(r);
		rv_set_str(r, e, "name", rv_name(r, c));
		rv_push(r, items, e);
	}
	rv_set_nonempty(r, m, "items", items);
	if (!rv_len(w)) {
		rv_set_text(r, m, "none", "Ninguna opción resultó ganadora.");
	}
	return m;
}

static pt_value *ranking(rv *r)
{
	const pt_value *rk = rv_get(r->res, "ranking");
	pt_value *out = rv_list(r);
	size_t i, j, place = 1, cells = 0;

	for (i = 0; i < rv_len(rk) && r->s == PT_OK && cells < PT_RESULTS_MAX_TABLE_ROWS; i++) {
		const pt_value *tier = rk->u.c.items[i];
		pt_value *e, *names;
		char k[32];

		if (!rv_len(tier)) {
			continue;
		}
		e = rv_map(r);
		names = rv_list(r);
		for (j = 0; j < rv_len(tier) && cells < PT_RESULTS_MAX_TABLE_ROWS; j++, cells++) {
			long c = rv_cand_of(r, tier->u.c.items[j], true);
			pt_value *n = rv_map(r);

			rv_set_str(r, n, "name", rv_name(r, c));
			rv_push(r, names, n);
		}
		snprintf(k, sizeof(k), "%zu", place);
		rv_set(r, e, "place", rv_fmt1(r, "%s.º lugar", k));
		rv_set(r, e, "names", names);
		if (rv_len(tier) > 1) {
			rv_set_text(r, e, "tie", "empate");
		}
		place += rv_len(tier);
		rv_push(r, out, e);
	}
	return out;
}

/* Appends {label, value} to facts; the entry, or NULL when memory failed. */
static pt_value *fact(rv *r, pt_value *facts, const char *label_es, const char *value)
{
	pt_value *f = rv_map(r);

	rv_set_text(r, f, "label", label_es);
	rv_set_str(r, f, "value", value);
	rv_push(r, facts, f);
	return r->s == PT_OK ? f : NULL;
}

static void fact_num(rv *r, pt_value *facts, const char *label_es, const pt_value *v)
{
	double d;
	rv_txt t;

	if (rv_num(v, &d)) {
		fact(r, facts, label_es, rv_number(r, &t, d, -1));
	}
}

static pt_value *facts(rv *r)
{
	pt_value *f = rv_list(r);
	const pt_value *d = r->details, *sp = rv_get(d, "spoiled"), *at = rv_get(r->res, "computed_at"),
		*dg = rv_get(r->res, "digest");
	double ballots, weight, paper;

	fact(r, f, "Método de conteo", pt_fragment_method_name(r->method, r->h));
	if (rv_num(rv_get(d, "weight"), &weight) && !(rv_num(rv_get(d, "ballots"), &ballots) && ballots == weight)) {
		/* grouped or weighted ballots: the votes they carry */
		fact_num(r, f, "Votos contados", rv_get(d, "weight"));
	} else if (rv_get(r->res, "ballots")) {
		fact_num(r, f, "Boletas contadas", rv_get(r->res, "ballots"));
	} else {
		fact_num(r, f, "Boletas contadas", rv_get(d, "ballots"));
	}
	if (rv_num(rv_get(r->res, "paper"), &paper) && paper > 0) {
		fact_num(r, f, "Por internet", rv_get(r->res, "web"));
		fact_num(r, f, "En papel", rv_get(r->res, "paper"));
	}
	fact_num(r, f, "En blanco", rv_get(d, "blank"));
	if (sp) {
		fact_num(r, f, "Anuladas", rv_get(sp, "count"));
	}
	if (rv_numd(rv_get(r->opts, "seats"), 1) > 1 || is_method(r, "stv")) {
		fact_num(r, f, "Lugares a elegir", rv_get(d, "seats") ? rv_get(d, "seats") : rv_get(r->opts, "seats"));
	}
	if (at && at->type == PT_VALUE_STRING) {
		pt_buf b;

		pt_buf_init(&b, r->a);
		if (pt_format_datetime(&b, at->u.s.s, r->h ? r->h->timezone : NULL, rv_lang(r)) == PT_OK && !b.failed) {
			fact(r, f, "Calculado el", b.data ? b.data : "");
		}
		pt_buf_free(&b);
	}
	if (dg && dg->type == PT_VALUE_STRING && dg->u.s.len) {
		pt_value *e = fact(r, f, "Huella del conteo (SHA-256)", dg->u.s.s);

		if (e) {
			rv_set_bool(r, e, "code", true);   /* 64 hex digits: the stylesheet may break them anywhere */
		}
	}
	return f;
}

/* ---- the simple methods: one bar per option ------------------------------------------ */

/* Bars of a details map id => number, every option of it (in its order). */
static size_t bars_of(rv *r, const pt_value *m, rv_bar **out)
{
	size_t i, n = 0, cnt = m && m->type == PT_VALUE_MAP ? m->u.c.count : 0;
	rv_bar *b;

	*out = NULL;
	if (!cnt) {
		return 0;
	}
	if (cnt > PT_RESULTS_MAX_CANDIDATES) {
		cnt = PT_RESULTS_MAX_CANDIDATES;
	}
	b = pt_calloc(r->a, cnt, sizeof(*b));
	if (!b) {
		r->s = PT_ERR_NOMEM;
		return 0;
	}
	for (i = 0; i < cnt; i++) {
		long c = rv_find(r, m->u.c.keys[i], m->u.c.key_lens[i], true);
		double v;

		if (c < 0 || !rv_num(m->u.c.items[i], &v)) {
			continue;
		}
		b[n].cand = c;
		b[n].value = v;
		b[n].winner = is_winner(r, c);
		n++;
	}
	*out = b;
	return n;
}

static double sum_bars(const rv_bar *b, size_t n)
{
	double s = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		s += b[i].value > 0 ? b[i].value : 0;
	}
	return s;
}

static void chart_base(rv *r, rv_chart *c, const char *what, const char *title_es, const char *col_es)
{
	memset(c, 0, sizeof(*c));
	c->what = what;
	c->title = rv_t(r, title_es);
	c->caption = c->title;
	c->col_value = rv_t(r, col_es);
	c->col_pct = rv_t(r, "Porcentaje");
	c->decimals = -1;
	c->sort = true;
	c->line = -1;
	c->col_mark = rv_t(r, "Resultado");
	c->mark = rv_t(r, r->preliminary ? "Va ganando" : "Gana");
}

static char *dup(rv *r, const char *s)
{
	char *d = pt_strndup(r->a, s, strlen(s));

	if (!d) {
		r->s = PT_ERR_NOMEM;
	}
	return d;
}

static pt_value *simple_bars(rv *r)
{
	const pt_value *d = r->details;
	rv_chart c;
	rv_bar *b = NULL;
	size_t n = 0;
	pt_value *ch = NULL;
	char **own = NULL;

	if (is_method(r, "plurality")) {
		n = bars_of(r, rv_get(d, "counts"), &b);
		chart_base(r, &c, "votos", "Votos por opción", "Votos");
		c.caption = rv_t(r, "Votos por opción (el porcentaje es de los votos válidos, sin contar los votos en blanco)");
		c.pct = RV_PCT_SHARE;
		c.total = sum_bars(b, n);
	} else if (is_method(r, "approval")) {
		n = bars_of(r, rv_get(d, "approvals"), &b);
		chart_base(r, &c, "aprobaciones", "Aprobaciones por opción", "Aprobaciones");
		c.caption = rv_t(r, "Aprobaciones por opción (el porcentaje es de las boletas que aprobaron cada opción)");
		c.col_pct = rv_t(r, "Porcentaje de las boletas");
		c.pct = RV_PCT_OF;
		c.total = rv_numd(rv_get(d, "weight"), rv_numd(rv_get(d, "ballots"), 0));
	} else if (is_method(r, "borda")) {
		n = bars_of(r, rv_get(d, "points"), &b);
		chart_base(r, &c, "puntos", "Puntos Borda por opción", "Puntos");
		c.caption = rv_t(r, "Puntos Borda por opción (cada boleta da más puntos a las opciones que pone más arriba)");
		c.col_pct = rv_t(r, "Porcentaje de los puntos");
		c.pct = RV_PCT_SHARE;
	} else if (is_method(r, "copeland")) {
		n = bars_of(r, rv_get(d, "scores"), &b);
		chart_base(r, &c, "copeland", "Puntos Copeland por opción", "Puntos");
		c.caption = rv_t(r, "Puntos Copeland: 1 por cada opción a la que vence en la comparación por pares, 1/2 por cada empate");
	} else if (is_method(r, "score")) {
		bool mean = rv_is(rv_get(r->opts, "aggregate"), "mean");
		double *other, *by;
		size_t i;

		n = bars_of(r, rv_get(d, mean ? "means" : "totals"), &b);
		chart_base(r, &c, "puntos", mean ? "Calificación promedio por opción" : "Puntos totales por opción",
			mean ? "Promedio" : "Puntos");
		c.caption = c.title;
		c.extra[0] = rv_t(r, mean ? "Puntos" : "Promedio");
		c.extra[1] = rv_t(r, "Boletas que la calificaron");
		other = rv_values(r, rv_get(d, mean ? "totals" : "means"));
		by = rv_values(r, rv_get(d, "scored_by"));
		own = pt_calloc(r->a, n ? n * 2 : 1, sizeof(char *));
		for (i = 0; own && other && by && i < n; i++) {
			rv_txt t;

			if (!isnan(other[b[i].cand])) {
				own[2 * i] = dup(r, rv_number(r, &t, other[b[i].cand], -1));
			}
			if (!isnan(by[b[i].cand])) {
				own[2 * i + 1] = dup(r, rv_number(r, &t, by[b[i].cand], 0));
			}
			b[i].extra[0] = own[2 * i];
			b[i].extra[1] = own[2 * i + 1];
		}
		if (!own) {
			r->s = PT_ERR_NOMEM;
		}
		pt_free(r->a, other);
		pt_free(r->a, by);
	} else {
		return NULL;
	}
	if (n && r->s == PT_OK) {
		ch = rv_bars(r, &c, b, n);
	}
	if (own) {
		size_t i;

		for (i = 0; i < 2 * n; i++) {
			pt_free(r->a, own[i]);
		}
		pt_free(r->a, own);
	}
	pt_free(r->a, b);
	return ch;
}

/* ---- majority and consensus: the outcome in words ------------------------------------- */

static pt_value *outcome(rv *r)
{
	const pt_value *d = r->details, *o = rv_get(d, "outcome"), *q = rv_get(d, "quorum");
	pt_value *m = rv_map(r);
	const char *text = "Resultado no disponible", *cls = "pendiente";
	rv_txt a, b;

	if (rv_is(o, "approved")) {
		text = r->preliminary ? "Por ahora se aprobaría" : "Aprobada";
		cls = "aprobada";
	} else if (rv_is(o, "rejected")) {
		text = r->preliminary ? "Por ahora se rechazaría" : "Rechazada";
		cls = "rechazada";
	} else if (rv_is(o, "blocked")) {
		text = r->preliminary ? "Por ahora está bloqueada" : "Bloqueada: alguien se opuso con un bloqueo";
		cls = "bloqueada";
	} else if (rv_is(o, "no_quorum")) {
		text = r->preliminary ? "Por ahora no hay quórum" : "Sin quórum: participaron muy pocas personas";
		cls = "sin-quorum";
	}
	rv_set_text(r, m, "text", text);
	rv_set_str(r, m, "class", cls);
	if (q && q->type == PT_VALUE_MAP) {
		rv_set(r, m, "quorum", rv_fmt2(r, "Quórum: participaron %s; se necesitaban %s.",
			rv_number(r, &a, rv_numd(rv_get(q, "took_part"), 0), -1),
			rv_number(r, &b, rv_numd(rv_get(q, "required"), 0), -1)));
	}
	return m;
}

static pt_value *stance_bars(rv *r)
{
	static const struct { const char *key, *es; } yes_no[] = {
		{ "yes", "Sí" }, { "no", "No" }, { "abstain", "Abstención" } },
	stances[] = {
		{ "agree", "De acuerdo" }, { "abstain", "Abstención" }, { "disagree", "En desacuerdo" }, { "block", "Bloqueo" } };
	bool cons = is_method(r, "consensus");
	const pt_value *src = cons ? rv_get(r->details, "counts") : r->details;
	rv_bar b[4];
	size_t i, n = cons ? 4 : 3;
	rv_chart c;

	memset(b, 0, sizeof(b));
	for (i = 0; i < n; i++) {
		b[i].cand = -1;
		b[i].label = rv_t(r, cons ? stances[i].es : yes_no[i].es);
		b[i].value = rv_numd(rv_get(src, cons ? stances[i].key : yes_no[i].key), 0);
	}
	chart_base(r, &c, "posturas", cons ? "Posturas" : "Votos", "Votos");
	c.caption = rv_t(r, "Votos por postura (el porcentaje es del total de votos emitidos)");
	c.pct = RV_PCT_SHARE;
	c.sort = false;
	c.col_mark = NULL;
	return rv_bars(r, &c, b, n);
}

/* A voter by the host's names, else the caller's (info.names), else a neutral text: never the id. */
static const char *voter_name(rv *r, const pt_value *voter)
{
	const pt_value *n;
	void *found = NULL;

	if (!voter || voter->type != PT_VALUE_STRING || !voter->u.s.len) {
		return rv_t(r, "Una persona participante");
	}
	n = r->h && r->h->names ? rv_get(r->h->names, voter->u.s.s) : NULL;
	if (n && n->type == PT_VALUE_STRING && n->u.s.len) {
		return n->u.s.s;
	}
	if (pt_hash_find(&r->given, voter->u.s.s, voter->u.s.len, &found) && found) {
		return found;
	}
	return rv_t(r, "Una persona participante");
}

static pt_value *blocks(rv *r)
{
	const pt_value *list = rv_get(r->details, "blocks");
	pt_value *out = rv_list(r);
	size_t i;

	for (i = 0; i < rv_len(list) && i < PT_RESULTS_MAX_TABLE_ROWS; i++) {
		const pt_value *e = list->u.c.items[i], *reason = rv_get(e, "reason"), *voter = rv_get(e, "voter");
		pt_value *m = rv_map(r);

		rv_set_str(r, m, "who", voter_name(r, voter));
		if (reason && reason->type == PT_VALUE_STRING && reason->u.s.len) {
			rv_set_str(r, m, "reason", reason->u.s.s);
		} else {
			rv_set_text(r, m, "reason", "(sin razón escrita)");
		}
		rv_push(r, out, m);
	}
	return out;
}

pt_value *pt_fragment_results_people(const pt_value *results, const pt_allocator *a)
{
	const pt_value *list = rv_get(rv_get(results, "details"), "blocks");
	pt_value *ids = pt_value_list(a);
	size_t i;

	for (i = 0; ids && i < rv_len(list) && i < PT_RESULTS_MAX_TABLE_ROWS; i++) {
		const pt_value *v = rv_get(list->u.c.items[i], "voter");

		if (v && v->type == PT_VALUE_STRING && v->u.s.len && pt_value_push(ids, pt_value_string(a, v->u.s.s,
			v->u.s.len)) != PT_OK) {
			pt_value_free(ids);
			ids = NULL;
		}
	}
	return ids;
}

/* ---- the entry point --------------------------------------------------------------- */

static bool preliminary(const pt_value *res, const pt_value *info)
{
	const pt_value *f = rv_get(res, "final"), *p = rv_get(info, "preliminary"), *st = rv_get(info, "state");

	if (p && p->type == PT_VALUE_BOOL) {
		return p->u.b;
	}
	if (rv_is(st, "voting")) {
		return true;
	}
	return f && f->type == PT_VALUE_BOOL && !f->u.b;
}

/* Every option the result names, in the order of the caller's list, then the ranking's. */
static void collect(rv *r)
{
	const pt_value *rk = rv_get(r->res, "ranking"), *projects = rv_get(r->opts, "projects"),
		*w = rv_get(r->res, "winners");
	size_t i, j;

	for (i = 0; i < rv_len(r->cands); i++) {
		const pt_value *e = r->cands->u.c.items[i];
		long c = rv_cand_of(r, rv_get(e, "id"), true);
		double cost;

		if (c >= 0 && rv_num(rv_get(e, "cost"), &cost)) {
			r->c[c].cost = cost;
			r->c[c].has_cost = true;
		}
	}
	if (projects && projects->type == PT_VALUE_MAP) {
		for (i = 0; i < projects->u.c.count; i++) {
			long c = rv_find(r, projects->u.c.keys[i], projects->u.c.key_lens[i], true);
			double cost;

			if (c >= 0 && rv_num(projects->u.c.items[i], &cost)) {
				r->c[c].cost = cost;
				r->c[c].has_cost = true;
			}
		}
	}
	for (i = 0; i < rv_len(rk); i++) {
		for (j = 0; j < rv_len(rk->u.c.items[i]); j++) {
			rv_cand_of(r, rk->u.c.items[i]->u.c.items[j], true);
		}
	}
	for (i = 0; i < rv_len(w); i++) {
		long c = rv_cand_of(r, w->u.c.items[i], true);

		if (c >= 0) {
			r->c[c].winner = true;
		}
	}
}

/* v[key] = {heading, items} when items has at least min entries; else items is freed. */
static void section(rv *r, pt_value *v, const char *key, const char *heading_es, pt_value *items, size_t min)
{
	pt_value *m;

	if (rv_len(items) < min) {
		pt_value_free(items);
		return;
	}
	m = rv_map(r);
	rv_set_text(r, m, "heading", heading_es);
	rv_set(r, m, "items", items);
	rv_set(r, v, key, m);
}

/*
 * Every name the templates look up, null at the top when the view has none: a name not found
 * in the view would be looked up in whatever surrounds it (the process page renders this view
 * as a partial inside its own), and show the outer page's data. A null stops the lookup.
 */
void rv_guard(rv *r, pt_value *v)
{
	static const char *const names[] = {
		"anchor", "bar_w", "bar_y", "bars", "blocks", "budget", "caption", "cells", "class", "code", "cols", "completion",
		"condorcet", "delta", "desc", "desc_id", "explain", "facts", "facts_label", "fill", "foot", "grades", "head",
		"heading", "id", "ink", "items", "label", "label_x", "label_y", "lang", "left", "legend", "line", "locked",
		"locked_heading", "median_label", "median_x", "median_y2", "more", "more_rounds", "name", "names", "none",
		"note", "outcome", "pairwise", "pb", "place", "preliminary", "quorum", "quota", "ranking", "reason", "rounds",
		"rows", "segments", "skipped", "skipped_heading", "steps", "svg", "table", "text", "text_x", "text_y", "tie",
		"ties", "title", "title_id", "transfers", "transfers_label", "used", "value", "value_x", "value_y",
		"view_box", "w", "who", "winner", "winners", "x", "y", "y1", "y2",
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]) && r->s == PT_OK; i++) {
		if (!pt_value_get(v, names[i])) {
			rv_set(r, v, names[i], rv_check(r, pt_value_null(r->a)));
		}
	}
}

static void build(rv *r, pt_value *v)
{
	const pt_value *title = rv_get(r->info, "title");
	pt_value *ch;

	rv_set(r, v, "host", rv_check(r, pt_fragment_base(r->h, r->a)));
	rv_set(r, v, "id", rv_elem_id(r, "seccion"));
	rv_set(r, v, "title_id", rv_elem_id(r, "encabezado"));
	if (title && title->type == PT_VALUE_STRING && title->u.s.len) {
		rv_set_str(r, v, "title", title->u.s.s);
	} else {
		rv_set_text(r, v, "title", "Resultados");
	}
	rv_set_str(r, v, "method_name", pt_fragment_method_name(r->method, r->h));
	rv_set_str(r, v, "lang", r->h && r->h->lang && !strcmp(r->h->lang, "en") ? "en" : "es");
	if (r->preliminary) {
		pt_value *p = rv_map(r);

		rv_set_text(r, p, "title", "Resultados preliminares");
		rv_set_text(r, p, "text", "La votación sigue abierta: estos números pueden cambiar hasta el cierre.");
		rv_set(r, v, "preliminary", p);
	}
	rv_set_text(r, v, "facts_label", "Datos del conteo");
	rv_set(r, v, "facts", facts(r));
	if (consensus_like(r)) {
		rv_set(r, v, "outcome", outcome(r));
		rv_set(r, v, "bars", stance_bars(r));
		if (is_method(r, "consensus")) {
			section(r, v, "blocks", "Bloqueos y sus razones", blocks(r), 1);
		}
	} else {
		rv_set(r, v, "winners", rv_winners(r));
	}
	if (budget_like(r) && rv_len(rv_get(r->details, "pots"))) {
		/* a budget split by district: each pot's own explanation (results_pb.c) */
		pt_value *pb = rv_pots(r);

		if (pb) {
			rv_set(r, v, "pb", pb);
		}
	} else if (budget_like(r)) {
		pt_value *bars = NULL, *pb = rv_pb(r, &bars);

		if (pb) {
			rv_set(r, v, "pb", pb);
		}
		if (bars) {
			rv_set(r, v, "bars", bars);
		}
	} else if (is_method(r, "irv") || is_method(r, "stv")) {
		pt_value *rounds = is_method(r, "irv") ? rv_rounds_irv(r) : rv_rounds_stv(r);

		if (rounds) {
			rv_set(r, v, "rounds", rounds);
		}
	} else if ((ch = simple_bars(r))) {
		rv_set(r, v, "bars", ch);
	}
	if (is_method(r, "schulze") || is_method(r, "ranked_pairs") || is_method(r, "copeland")) {
		if ((ch = rv_pairwise(r))) {
			rv_set(r, v, "pairwise", ch);
		}
	}
	if (is_method(r, "majority_judgment") && (ch = rv_grades(r))) {
		rv_set(r, v, "grades", ch);
	}
	if (!consensus_like(r) && !budget_like(r)) {
		section(r, v, "ranking", "Clasificación completa", ranking(r), 2);
	}
	section(r, v, "ties", "Desempates", tie_breaks(r), 1);
	rv_guard(r, v);
}

pt_status pt_fragment_results_view(const pt_value *results, const pt_value *process_info,
	const pt_fragment_host *h, const pt_allocator *a, pt_value **out, pt_error *err)
{
	rv r;
	const pt_value *m, *o, *n, *cands;
	pt_value *v;

	*out = NULL;
	if (!results || results->type != PT_VALUE_MAP) {
		return pt_error_set(err, PT_ERR_INVALID, "Los resultados deben ser un arreglo.");
	}
	memset(&r, 0, sizeof(r));
	r.h = h;
	r.a = a;
	r.res = results;
	r.info = process_info && process_info->type == PT_VALUE_MAP ? process_info : NULL;
	r.details = rv_get(results, "details");
	if (r.details && r.details->type != PT_VALUE_MAP) {
		r.details = NULL;
	}
	m = rv_get(results, "method");
	r.method = m && m->type == PT_VALUE_STRING ? m->u.s.s : "";
	o = rv_get(results, "options");
	if (!o || o->type != PT_VALUE_MAP) {
		o = rv_get(r.info, "options");
	}
	r.opts = o && o->type == PT_VALUE_MAP ? o : NULL;
	n = rv_get(r.info, "names");
	r.names = n && n->type == PT_VALUE_MAP ? n : NULL;
	cands = rv_get(r.info, "candidates");
	if (!rv_len(cands)) {
		cands = rv_get(r.info, "options");   /* Process::options() rows: id, name, cost */
	}
	r.cands = rv_len(cands) ? cands : NULL;
	r.preliminary = preliminary(results, r.info);
	pt_hash_init(&r.idx, a);
	pt_hash_init(&r.given, a);
	r.keep = pt_value_list(a);
	v = pt_value_map(a);
	if (!r.keep || !v) {
		r.s = PT_ERR_NOMEM;
	} else {
		rv_index_names(&r);
		collect(&r);
		build(&r, v);
	}
	pt_hash_free(&r.idx);
	pt_hash_free(&r.given);
	pt_free(a, r.c);
	if (r.s != PT_OK) {
		pt_value_free(v);
		pt_value_free(r.keep);
		return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	}
	/* the texts made for integer ids are referenced by the view's copies only: they can go */
	pt_value_free(r.keep);
	*out = v;
	return PT_OK;
}

pt_status pt_fragment_results_data_view(const pt_value *data, const pt_fragment_host *h, const pt_allocator *a,
	pt_value **out, pt_error *err)
{
	return pt_fragment_results_view(rv_get(data, "results"), rv_get(data, "info"), h, a, out, err);
}
