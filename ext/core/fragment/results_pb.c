/*
 * participa core: a participatory budget explained per project (pb_equal_shares,
 * pb_greedy): cost in pesos, supporters, funded or not and why, the money used
 * of the budget as one bar, and the supporters of each project as bars.
 *
 * The reasons are read off the result, never guessed: Equal Shares stops only
 * when no unfunded project can be paid by its supporters' money left, so an
 * unfunded project either costs more than its supporters' whole shares
 * (supporters x per-voter budget < cost) or its supporters had spent part of
 * their shares on funded projects; greedy considers projects by approvals
 * (more first, then cheaper, then in input order), so an unfunded project did
 * not fit what was left when its turn came (or the count stopped before it).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/fragment/results_internal.h"

typedef struct proj {
	long cand;
	double cost, approvals, budget_left, rho;
	bool has_cost, has_rho, funded, greedy_stage;
	size_t step;             /* 1-based selection round when funded */
	size_t turn;             /* greedy: 1-based place in the order of consideration */
	size_t input;            /* place in the input order */
	const char *why_es;      /* the catalogued format of the reason */
	const char *why_args[4];
	rv_txt t[4];             /* storage for the arguments */
} proj;

/* greedy order: more approvals, then lower cost, then input order */
static int greedy_before(const proj *a, const proj *b)
{
	if (a->approvals != b->approvals) {
		return a->approvals > b->approvals;
	}
	if (a->has_cost && b->has_cost && a->cost != b->cost) {
		return a->cost < b->cost;
	}
	return a->input < b->input;
}

static double num_of(const pt_value *m, const char *k, double def)
{
	return rv_numd(rv_get(m, k), def);
}

/* The projects: every option with its approvals, cost and selection. */
static size_t projects(rv *r, proj **out)
{
	const pt_value *d = r->details, *sel = rv_get(d, "selections"), *ap = rv_get(d, "approvals");
	size_t i, n;
	proj *p;

	for (i = 0; ap && ap->type == PT_VALUE_MAP && i < ap->u.c.count; i++) {
		rv_find(r, ap->u.c.keys[i], ap->u.c.key_lens[i], true);
	}
	for (i = 0; i < rv_len(sel); i++) {
		rv_cand_of(r, rv_get(sel->u.c.items[i], "project"), true);
	}
	n = r->nc;
	p = pt_calloc(r->a, n ? n : 1, sizeof(*p));
	if (!p) {
		r->s = PT_ERR_NOMEM;
		*out = NULL;
		return 0;
	}
	for (i = 0; i < n; i++) {
		p[i].cand = (long)i;
		p[i].input = i;
		p[i].cost = r->c[i].cost;
		p[i].has_cost = r->c[i].has_cost;
	}
	for (i = 0; ap && ap->type == PT_VALUE_MAP && i < ap->u.c.count; i++) {
		long c = rv_find(r, ap->u.c.keys[i], ap->u.c.key_lens[i], false);

		if (c >= 0 && (size_t)c < n) {
			p[c].approvals = rv_numd(ap->u.c.items[i], 0);
		}
	}
	for (i = 0; i < rv_len(sel); i++) {
		const pt_value *s = sel->u.c.items[i];
		long c = rv_cand_of(r, rv_get(s, "project"), false);
		double v;

		if (c < 0 || (size_t)c >= n || p[c].funded) {
			continue;
		}
		p[c].funded = true;
		p[c].step = i + 1;
		p[c].greedy_stage = rv_is(rv_get(s, "stage"), "greedy");
		if (rv_num(rv_get(s, "cost"), &v)) {
			p[c].cost = v;
			p[c].has_cost = true;
		}
		if (rv_num(rv_get(s, "approvals"), &v)) {
			p[c].approvals = v;
		}
		p[c].budget_left = num_of(s, "budget_left", -1);
		p[c].has_rho = rv_num(rv_get(s, "rho"), &p[c].rho);
	}
	*out = p;
	return n;
}

static void why(proj *p, const char *es, size_t n)
{
	size_t i;

	p->why_es = es;
	for (i = 0; i < n && i < 4; i++) {
		p->why_args[i] = p->t[i].s;
	}
}

static void reasons_mes(rv *r, proj *p, size_t n, double per_voter, double left)
{
	size_t i;

	for (i = 0; i < n; i++) {
		proj *q = &p[i];

		if (q->funded && q->greedy_stage) {
			rv_money(r, &q->t[0], q->budget_left + q->cost);
			why(q, "Financiado al completar con lo que sobró: por sus apoyos, y porque su costo cabía en lo que "
				"quedaba (%s).", 1);
		} else if (q->funded && q->has_cost && q->cost == 0) {
			why(q, "Financiado: no cuesta nada y tiene apoyos.", 0);
		} else if (q->funded && q->has_rho) {
			snprintf(q->t[0].s, sizeof(q->t[0].s), "%zu", q->step);
			rv_number(r, &q->t[1], q->approvals, 0);
			rv_money(r, &q->t[2], q->rho * q->cost);
			why(q, "Financiado en la ronda %s: quienes lo apoyaron (%s) pagaron hasta %s cada quien de su parte del "
				"presupuesto.", 3);
		} else if (q->funded) {
			snprintf(q->t[0].s, sizeof(q->t[0].s), "%zu", q->step);
			why(q, "Financiado en la ronda %s.", 1);
		} else if (!(q->approvals > 0)) {
			why(q, "Nadie lo apoyó.", 0);
		} else if (!q->has_cost || per_voter < 0) {
			why(q, "No alcanzó a financiarse.", 0);
		} else if (q->approvals * per_voter < q->cost) {
			rv_money(r, &q->t[0], per_voter);
			rv_number(r, &q->t[1], q->approvals, 0);
			rv_money(r, &q->t[2], q->approvals * per_voter);
			why(q, "Aun juntando toda su parte (%s cada quien), quienes lo apoyaron (%s) reunían %s, menos que su "
				"costo.", 3);
		} else if (left >= 0 && q->cost > left) {
			rv_money(r, &q->t[0], left);
			why(q, "Quienes lo apoyaron ya habían gastado parte de su dinero en otros proyectos financiados y lo que "
				"les quedaba no alcanzaba para pagarlo; tampoco cabía en lo que sobró del presupuesto (%s).", 1);
		} else {
			why(q, "Quienes lo apoyaron ya habían gastado parte de su dinero en otros proyectos financiados y lo que "
				"les quedaba no alcanzaba para pagarlo.", 0);
		}
	}
}

static void reasons_greedy(rv *r, proj *p, size_t n, double budget, double min_approvals)
{
	proj **ord = pt_calloc(r->a, n ? n : 1, sizeof(*ord));
	double spent = 0;
	size_t i, j;

	if (!ord) {
		r->s = PT_ERR_NOMEM;
		return;
	}
	for (i = 0; i < n; i++) {
		proj *x = &p[i];

		for (j = i; j > 0 && greedy_before(x, ord[j - 1]); j--) {
			ord[j] = ord[j - 1];
		}
		ord[j] = x;
	}
	for (i = 0; i < n; i++) {
		proj *q = ord[i];
		double before = budget - spent;

		q->turn = i + 1;
		snprintf(q->t[0].s, sizeof(q->t[0].s), "%zu", q->turn);
		if (q->funded) {
			rv_money(r, &q->t[1], q->budget_left >= 0 ? q->budget_left + q->cost : before);
			why(q, "Financiado: por sus apoyos le tocó el turno %s, y su costo cabía en lo que quedaba (%s).", 2);
			spent += q->has_cost ? q->cost : 0;
		} else if (!(q->approvals > 0)) {
			why(q, "Nadie lo apoyó.", 0);
		} else if (min_approvals > 0 && q->approvals < min_approvals) {
			rv_number(r, &q->t[0], min_approvals, 0);
			why(q, "No alcanzó el mínimo de %s apoyos.", 1);
		} else if (q->has_cost && budget >= 0 && q->cost > before) {
			rv_money(r, &q->t[1], before);
			rv_money(r, &q->t[2], q->cost);
			why(q, "Cuando le tocó el turno %s quedaban %s, y cuesta %s: no cabía.", 3);
		} else if (budget >= 0) {
			why(q, "El conteo se detuvo antes de llegar a este proyecto.", 0);
		} else {
			why(q, "No alcanzó a financiarse.", 0);
		}
	}
	pt_free(r->a, ord);
}

/* The budget as one bar: a segment per funded project, then what was left. */
static pt_value *budget_bar(rv *r, const proj *p, size_t n, double budget, double used)
{
	pt_value *m = rv_map(r), *segs = rv_list(r);
	rv_txt a, b, c, d;
	double x = 0, W = PT_RESULTS_WIDTH;
	size_t i, k;
	int alt = 0;

	rv_set_picture(r, m, "presupuesto", "Uso del presupuesto");
	rv_set(r, m, "desc", rv_fmt4(r, "Se asignaron %s de %s (%s); sobran %s.", rv_money(r, &a, used),
		rv_money(r, &b, budget), rv_percent(r, &c, budget > 0 ? used / budget : 0),
		rv_money(r, &d, budget - used > 0 ? budget - used : 0)));
	/* segments in the order projects were funded */
	for (k = 1; k <= n && r->s == PT_OK; k++) {
		for (i = 0; i < n; i++) {
			double w;
			pt_value *s;

			if (!p[i].funded || p[i].step != k || !p[i].has_cost) {
				continue;
			}
			w = budget > 0 ? W * p[i].cost / budget : 0;
			if (x + w > W) {
				w = W - x;
			}
			s = rv_map(r);
			rv_set_coord(r, s, "x", x);
			rv_set_coord(r, s, "w", w);
			rv_set_str(r, s, "fill", alt ? "#4f86b8" : "#1d5b8f");
			rv_set(r, s, "name", rv_fmt2(r, "%s: %s", rv_name(r, p[i].cand), rv_money(r, &a, p[i].cost)));
			rv_push(r, segs, s);
			alt = !alt;
			x += w;
		}
	}
	rv_set(r, m, "segments", segs);
	rv_set_coord(r, m, "used_w", x);
	rv_set_coord(r, m, "rest_x", x);
	rv_set_coord(r, m, "rest_w", W - x > 0 ? W - x : 0);
	rv_set(r, m, "used", rv_fmt3(r, "Asignado: %s de %s (%s)", rv_money(r, &a, used), rv_money(r, &b, budget),
		rv_percent(r, &c, budget > 0 ? used / budget : 0)));
	rv_set(r, m, "left", rv_fmt1(r, "Sin asignar: %s", rv_money(r, &d, budget - used > 0 ? budget - used : 0)));
	rv_set_str(r, m, "view_box", "0 0 360 76");
	return m;
}

static pt_value *text_cell(rv *r, pt_value *text)
{
	pt_value *c = rv_map(r);

	rv_set(r, c, "text", text);
	return c;
}

static pt_value *project_table(rv *r, const proj *p, size_t n)
{
	pt_value *t = rv_map(r), *head = rv_list(r), *rows = rv_list(r);
	static const char *const cols[] = { "Proyecto", "Costo", "Apoyos", "¿Se financia?", "Por qué" };
	size_t i, k, shown = 0;

	rv_set(r, t, "id", rv_elem_id(r, "tabla"));
	rv_set_text(r, t, "caption", "Cada proyecto: su costo, cuántas personas lo apoyaron, si se financia y por qué");
	for (k = 0; k < sizeof(cols) / sizeof(cols[0]); k++) {
		pt_value *c = rv_map(r);

		rv_set_text(r, c, "text", cols[k]);
		rv_push(r, head, c);
	}
	/* funded in the order of selection, then the others by approvals */
	for (k = 0; k < 2 && r->s == PT_OK; k++) {
		const proj **ord = pt_calloc(r->a, n ? n : 1, sizeof(*ord));
		size_t m = 0, j;

		if (!ord) {
			r->s = PT_ERR_NOMEM;
			break;
		}
		for (i = 0; i < n; i++) {
			const proj *x = &p[i];

			if (x->funded != (k == 0)) {
				continue;
			}
			for (j = m; j > 0 && (k == 0 ? x->step < ord[j - 1]->step : x->approvals > ord[j - 1]->approvals); j--) {
				ord[j] = ord[j - 1];
			}
			ord[j] = x;
			m++;
		}
		for (i = 0; i < m && shown < PT_RESULTS_MAX_TABLE_ROWS && r->s == PT_OK; i++, shown++) {
			const proj *x = ord[i];
			pt_value *row = rv_map(r), *cells = rv_list(r);
			rv_txt a, b;

			rv_set_str(r, row, "name", rv_name(r, x->cand));
			rv_set_bool(r, row, "winner", x->funded);
			rv_push(r, cells, text_cell(r, rv_str(r, x->has_cost ? rv_money(r, &a, x->cost) : "\xe2\x80\x94")));
			rv_push(r, cells, text_cell(r, rv_str(r, rv_number(r, &b, x->approvals, -1))));
			rv_push(r, cells, text_cell(r, rv_str(r, rv_t(r, x->funded ? (r->preliminary ? "Sí, por ahora" : "Sí") : "No"))));
			rv_push(r, cells, text_cell(r, x->why_es ? rv_fmt(r, x->why_es, 4, x->why_args) : rv_str(r, "")));
			rv_set(r, row, "cells", cells);
			rv_push(r, rows, row);
		}
		pt_free(r->a, ord);
	}
	rv_set(r, t, "head", head);
	rv_set(r, t, "rows", rows);
	return t;
}

static pt_value *support_bars(rv *r, const proj *p, size_t n, double voters)
{
	rv_bar *b = pt_calloc(r->a, n ? n : 1, sizeof(*b));
	rv_chart c;
	size_t i;
	pt_value *out;
	rv_txt *costs = pt_calloc(r->a, n ? n : 1, sizeof(*costs));

	if (!b || !costs) {
		pt_free(r->a, b);
		pt_free(r->a, costs);
		r->s = PT_ERR_NOMEM;
		return NULL;
	}
	for (i = 0; i < n; i++) {
		b[i].cand = p[i].cand;
		b[i].value = p[i].approvals;
		b[i].winner = p[i].funded;
		b[i].extra[0] = p[i].has_cost ? rv_money(r, &costs[i], p[i].cost) : NULL;
	}
	memset(&c, 0, sizeof(c));
	c.what = "apoyos";
	c.title = rv_t(r, "Apoyos por proyecto");
	c.caption = rv_t(r, "Apoyos por proyecto (el porcentaje es de las personas que votaron)");
	c.col_value = rv_t(r, "Apoyos");
	c.col_pct = rv_t(r, "Porcentaje de quienes votaron");
	c.extra[0] = rv_t(r, "Costo");
	c.col_mark = rv_t(r, "Resultado");
	c.mark = rv_t(r, r->preliminary ? "Se financiaría" : "Financiado");
	c.pct = voters > 0 ? RV_PCT_OF : RV_PCT_NONE;
	c.total = voters;
	c.decimals = -1;
	c.sort = true;
	c.line = -1;
	out = n ? rv_bars(r, &c, b, n) : NULL;
	pt_free(r->a, b);
	pt_free(r->a, costs);
	return out;
}

pt_value *rv_pb(rv *r, pt_value **bars)
{
	const pt_value *d = r->details;
	bool mes = !strcmp(r->method, "pb_equal_shares");
	double budget = num_of(d, "budget", num_of(r->opts, "budget", -1));
	double voters = num_of(d, "weight", num_of(d, "ballots", -1));
	double per_voter = num_of(d, "per_voter_budget", budget >= 0 && voters > 0 ? budget / voters : -1);
	double used = 0, left;
	proj *p = NULL;
	size_t n = projects(r, &p), i;
	pt_value *m;
	rv_txt a, b, c;

	*bars = NULL;
	if (!p) {
		return NULL;
	}
	for (i = 0; i < n; i++) {
		if (p[i].funded && p[i].has_cost) {
			used += p[i].cost;
		}
	}
	used = num_of(d, "total_cost", used);
	left = num_of(d, "budget_left", budget >= 0 ? budget - used : -1);
	if (mes) {
		reasons_mes(r, p, n, per_voter, left);
	} else {
		reasons_greedy(r, p, n, budget, num_of(r->opts, "min_approvals", num_of(r->opts, "pb_threshold", 0)));
	}
	m = rv_map(r);
	rv_set_text(r, m, "heading", "Cómo se repartió el presupuesto");
	if (mes && budget >= 0 && voters > 0) {
		rv_set(r, m, "explain", rv_fmt3(r, "El presupuesto de %s se reparte en partes iguales entre las %s personas que "
			"votaron. Cada proyecto se paga solo con el dinero de quienes lo apoyaron, a partes iguales; en cada ronda "
			"se financia el proyecto que menos cuesta a cada persona que lo apoya, hasta que el dinero de sus "
			"simpatizantes ya no alcanza para ningún otro. Parte de cada persona: %s.",
			rv_money(r, &a, budget), rv_number(r, &b, voters, 0), rv_money(r, &c, budget / voters)));
		if (per_voter > budget / voters + 1e-6) {
			rv_set(r, m, "completion", rv_fmt1(r, "Para aprovechar mejor el presupuesto, el conteo subió la parte de "
				"cada persona a %s mientras lo financiado siguiera cabiendo en el presupuesto.",
				rv_money(r, &a, per_voter)));
		}
	} else if (budget >= 0) {
		rv_set(r, m, "explain", rv_fmt1(r, "Los proyectos se ordenan por número de apoyos, de más a menos (a igual "
			"número, primero el más barato), y se financia cada uno si su costo cabe en lo que queda del presupuesto "
			"de %s.", rv_money(r, &a, budget)));
	}
	if (budget > 0) {
		rv_set(r, m, "budget", budget_bar(r, p, n, budget, used));
	}
	rv_set(r, m, "table", project_table(r, p, n));
	*bars = support_bars(r, p, n, voters);
	pt_free(r->a, p);
	return m;
}

/* ---- a budget split by district (core/process/pots.h): one section per pot -------------- */

/* {label, value} */
static void pot_fact(rv *r, pt_value *facts, const char *label_es, const char *value)
{
	pt_value *f = rv_map(r);

	rv_set_text(r, f, "label", label_es);
	rv_set_str(r, f, "value", value);
	rv_push(r, facts, f);
}

/*
 * One pot: a builder of its own over the pot's projects, entry (its winners and details) and the
 * parent's names, so the pot's table lists only its projects; element ids continue the parent's.
 */
static pt_value *pot_view(rv *r, const pt_value *e, int64_t level)
{
	const pt_value *projects = rv_get(e, "projects"), *w = rv_get(e, "winners");
	pt_value *m = rv_map(r), *facts = rv_list(r), *host = rv_check(r, pt_fragment_base(r->h, r->a)), *pb = NULL,
		*bars = NULL;
	const pt_value *name = rv_get(e, "name"), *city = rv_get(e, "city");
	double budget = rv_numd(rv_get(e, "budget"), 0), spent = rv_numd(rv_get(e, "total_cost"), 0);
	rv s;
	rv_txt t;
	size_t i;

	memset(&s, 0, sizeof(s));
	s.h = r->h;
	s.a = r->a;
	s.res = e;
	s.info = r->info;
	s.details = rv_get(e, "details");
	s.opts = r->opts;
	s.method = r->method;
	s.preliminary = r->preliminary;
	s.names = r->names;
	s.cands = r->cands;
	s.serial = r->serial;
	pt_hash_init(&s.idx, r->a);
	pt_hash_init(&s.given, r->a);
	s.keep = pt_value_list(r->a);
	if (!s.keep) {
		s.s = PT_ERR_NOMEM;
	}
	rv_index_names(&s);
	s.cands = NULL;   /* the names only: the pot's options are its projects */
	for (i = 0; projects && projects->type == PT_VALUE_MAP && i < projects->u.c.count; i++) {
		long c = rv_find(&s, projects->u.c.keys[i], projects->u.c.key_lens[i], true);

		if (c >= 0 && rv_num(projects->u.c.items[i], &s.c[c].cost)) {
			s.c[c].has_cost = true;
		}
	}
	for (i = 0; i < rv_len(w); i++) {
		long c = rv_cand_of(&s, w->u.c.items[i], true);

		if (c >= 0) {
			s.c[c].winner = true;
		}
	}
	if (s.s == PT_OK) {
		rv_set(&s, m, "winners", rv_winners(&s));
		pb = rv_pb(&s, &bars);
	}
	r->serial = s.serial;
	if (s.s != PT_OK) {
		r->s = s.s;
	}
	pt_hash_free(&s.idx);
	pt_hash_free(&s.given);
	pt_free(r->a, s.c);
	pt_value_free(s.keep);   /* the view holds copies */

	/* the pot's heading one level below the budget's, its inner headings below it */
	{
		pt_value *h2 = pt_value_get(host, "h2"), *h3 = pt_value_get(host, "h3");

		if (h2 && h2->type == PT_VALUE_INT) {
			h2->u.i = level < 6 ? level + 1 : 6;
		}
		if (h3 && h3->type == PT_VALUE_INT) {
			h3->u.i = level < 5 ? level + 2 : 6;
		}
	}
	rv_set(r, m, "host", host);
	rv_set_int(r, m, "level", level);
	rv_set(r, m, "id", rv_elem_id(r, "distrito"));
	rv_set(r, m, "title_id", rv_elem_id(r, "distrito-encabezado"));
	rv_set_str(r, m, "name", name && name->type == PT_VALUE_STRING ? name->u.s.s : "");
	if (city && city->type == PT_VALUE_BOOL && city->u.b) {
		rv_set_text(r, m, "who_votes", "Bolsa de toda la ciudad: vota en ella cualquier persona del proceso.");
	} else {
		rv_set_text(r, m, "who_votes", "Bolsa del distrito: votan en ella solo quienes viven en él.");
	}
	rv_set_text(r, m, "facts_label", "Datos de la bolsa");
	pot_fact(r, facts, "Presupuesto", rv_money(r, &t, budget));
	pot_fact(r, facts, "Boletas contadas", rv_number(r, &t, rv_numd(rv_get(e, "ballots"), 0), 0));
	pot_fact(r, facts, "Asignado", rv_money(r, &t, spent));
	pot_fact(r, facts, "Sin asignar", rv_money(r, &t, budget - spent > 0 ? budget - spent : 0));
	rv_set(r, m, "facts", facts);
	if (pb) {
		rv_set(r, pb, "districts", rv_check(r, pt_value_null(r->a)));   /* no recursion into the outer list */
		rv_guard(r, pb);
		rv_set(r, m, "pb", pb);
	}
	if (bars) {
		rv_set(r, m, "bars", bars);
	}
	rv_set(r, m, "districts", rv_check(r, pt_value_null(r->a)));
	rv_guard(r, m);
	return m;
}

pt_value *rv_pots(rv *r)
{
	const pt_value *pots = rv_get(r->details, "pots");
	pt_value *m = rv_map(r), *list = rv_list(r), *base = rv_check(r, pt_fragment_base(r->h, r->a));
	int64_t level = (int64_t)rv_numd(rv_get(base, "h3"), 4);
	size_t i, districts = 0;
	bool city = false;
	rv_txt a, b;

	pt_value_free(base);
	for (i = 0; i < rv_len(pots) && r->s == PT_OK; i++) {
		const pt_value *c = rv_get(pots->u.c.items[i], "city");

		if (c && c->type == PT_VALUE_BOOL && c->u.b) {
			city = true;
		} else {
			districts++;
		}
		rv_push(r, list, pot_view(r, pots->u.c.items[i], level));
	}
	rv_set_text(r, m, "heading", "Cómo se repartió el presupuesto");
	snprintf(a.s, sizeof(a.s), "%zu", districts);
	rv_money(r, &b, rv_numd(rv_get(r->details, "budget"), 0));
	rv_set(r, m, "explain", city
		? rv_fmt2(r, "El presupuesto de %s se divide en %s bolsas de distrito y una de toda la ciudad. Cada persona "
			"vota en la bolsa de su distrito y en la de toda la ciudad; cada bolsa se cuenta por separado, con su "
			"propio presupuesto.", b.s, a.s)
		: rv_fmt2(r, "El presupuesto de %s se divide en %s bolsas de distrito. Cada persona vota en la bolsa de su "
			"distrito; cada bolsa se cuenta por separado, con su propio presupuesto.", b.s, a.s));
	rv_set(r, m, "districts", list);
	return m;
}
