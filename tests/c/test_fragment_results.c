/*
 * The results fragment (ext/core/fragment/results_*.c): every method's result
 * shape from real counts made here with the tally engine, rendered through
 * templates/process-results.html in HTML mode; geometry, percentages that add
 * up, names instead of ids, no raw codes, the preliminary banner, tie-breaks
 * and budgets in words, and hostile trees.
 */
#include "pt_test.h"
#include "core/fragment/results_view.h"
#include "core/tally/tally.h"
#include "io/template/template_files.h"

/* rv_shares() of results_internal.h (not public): the largest-remainder tenths. */
void rv_shares(const pt_allocator *a, const double *v, size_t n, long *units);
#define rv_shares_test(v, n, u) rv_shares(NULL, (v), (n), (u))

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

/* ---- counting ------------------------------------------------------------------------- */

/* Ballots as text: ranking 'A>B', approval 'A,B', score 'A:4,B:2', stance 'agree' or 'block|reason'.
 * A ballot "3*..." weighs 3. */
static int add_ballot(pt_profile *p, const char *b, pt_error *err)
{
	int64_t w = 1;
	const char *star = strchr(b, '*');

	if (star && star[1]) {
		w = strtoll(b, NULL, 10);
		b = star + 1;
	}
	if (p->kind == PT_BALLOT_RANKING) {
		return pt_profile_add_ranking_str(p, w, b, strlen(b), err) == PT_OK;
	}
	if (pt_ballot_begin(p, w, err) != PT_OK) {
		return 0;
	}
	if (p->kind == PT_BALLOT_STANCE) {
		const char *bar = strchr(b, '|');
		size_t n = bar ? (size_t)(bar - b) : strlen(b);
		char st[16];

		snprintf(st, sizeof(st), "%.*s", (int)n, b);
		pt_ballot_stance(p, (pt_stance)pt_stance_parse(st, strlen(st)), "", 0, bar ? bar + 1 : NULL,
			bar ? strlen(bar + 1) : 0, NULL, 0, err);
	} else {
		while (*b) {
			size_t n = strcspn(b, ",:");
			int64_t v = 0;
			const char *next = b + n;

			if (*next == ':') {
				v = strtoll(next + 1, (char **)&next, 10);
			}
			pt_ballot_item(p, b, n, 0, v, err);
			b = *next == ',' ? next + 1 : next;
		}
	}
	return pt_ballot_end(p, err) == PT_OK;
}

/* A count as TallyResult->toArray() gives it: {method, winners, ranking, details, tieBreaks}. */
static pt_value *count(const char *method, const char *const *ballots, size_t n, pt_tally_options *o,
	const char *const *cands, size_t ncand)
{
	const pt_tally_method *m = pt_tally_find(method, strlen(method));
	pt_profile p;
	pt_tally_result r;
	pt_error err;
	pt_value *out = NULL;
	size_t i;
	int ok;

	pt_error_clear(&err);
	memset(&r, 0, sizeof(r));
	if (!m || pt_profile_init(&p, m->kind, o, NULL, &err) != PT_OK) {
		return NULL;
	}
	ok = 1;
	for (i = 0; ok && i < ncand; i++) {
		ok = pt_profile_add_candidate(&p, cands[i], strlen(cands[i]), &err) == PT_OK;
	}
	if (ncand) {
		pt_profile_fix_candidates(&p);
	}
	for (i = 0; ok && i < n; i++) {
		ok = add_ballot(&p, ballots[i], &err);
	}
	if (ok && pt_tally_count(m, &p, o, &r, &err) == PT_OK) {
		out = pt_value_map(NULL);
		pt_value_setc(out, "method", pt_value_cstr(NULL, method));
		pt_value_setc(out, "winners", r.winners);
		pt_value_setc(out, "ranking", r.ranking);
		pt_value_setc(out, "details", r.details);
		pt_value_setc(out, "tieBreaks", r.tie_breaks);
		r.winners = r.ranking = r.details = r.tie_breaks = NULL;
	} else {
		printf("  count %s: %s\n", method, err.message);
	}
	pt_tally_result_free(&r);
	pt_profile_free(&p);
	return out;
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* ---- rendering ------------------------------------------------------------------------ */

static int exists(const char *path)
{
	FILE *f = fopen(path, "rb");

	if (f) {
		fclose(f);
	}
	return f != NULL;
}

/* The templates folder seen from where the test runs (tests/c under make, or the top). */
static const char *templates_dir(void)
{
	static const char *const dirs[] = { "../../templates", "templates", "../templates" };
	static char path[256];
	size_t i;

	for (i = 0; i < N(dirs); i++) {
		snprintf(path, sizeof(path), "%s/process-results.html", dirs[i]);
		if (exists(path)) {
			return dirs[i];
		}
	}
	return NULL;
}

/* The HTML of a view through io/template (templates/process-results.html), or NULL. Freed by the caller. */
static char *render(const pt_value *view)
{
	pt_buf out;
	pt_error err;

	pt_error_clear(&err);
	pt_buf_init(&out, NULL);
	if (pt_fragment_render("process-results", view, &out, &err) != PT_OK || out.failed) {
		printf("  render: %s\n", err.message);
		pt_buf_free(&out);
		return NULL;
	}
	return out.data;
}

static pt_fragment_host host_es = { .heading = 2, .instance = "t", .lang = "es" };

/* The view and the HTML of results (+ info); both NULL on failure. */
static char *html_of(const pt_value *res, const pt_value *info, pt_value **view)
{
	pt_error err;

	*view = NULL;
	pt_error_clear(&err);
	if (pt_fragment_results_view(res, info, &host_es, NULL, view, &err) != PT_OK) {
		printf("  view: %s\n", err.message);
		return NULL;
	}
	return render(*view);
}

/* Every raw code a citizen must never see, as the count writes it. */
static const char *const codes[] = {
	"pb_equal_shares", "pb_greedy", "majority_judgment", "ranked_pairs", ">irv<", ">stv<", "candidate order",
	"previous rounds", "lower cost", "more approvals", "input order", "first preferences", "remaining elected",
	"surplus order", "no_quorum", ">approved<", "\"approved\"", ">mes<", "lottery", "pair order", "(null)",
	"NaN", " nan", "inf %",
};

static int no_codes(const char *html)
{
	size_t i;

	for (i = 0; i < N(codes); i++) {
		if (strstr(html, codes[i])) {
			printf("  raw code in the HTML: %s\n", codes[i]);
			return 0;
		}
	}
	return 1;
}

/* Ids unique: every id="..." once. */
static int ids_unique(const char *html)
{
	const char *p = html;
	char seen[256][96];
	size_t n = 0, i;

	while ((p = strstr(p, " id=\""))) {
		const char *e = strchr(p + 5, '"');
		size_t len = e ? (size_t)(e - p - 5) : 0;

		if (!e || len >= sizeof(seen[0])) {
			return 0;
		}
		for (i = 0; i < n; i++) {
			if (strlen(seen[i]) == len && !memcmp(seen[i], p + 5, len)) {
				printf("  id twice: %.*s\n", (int)len, p + 5);
				return 0;
			}
		}
		if (n < N(seen)) {
			memcpy(seen[n], p + 5, len);
			seen[n++][len] = '\0';
		}
		p = e;
	}
	return 1;
}

/* Every SVG has a title and a desc and is followed by a table. */
static int svgs_described(const char *html)
{
	const char *p = html;
	int n = 0;

	while ((p = strstr(p, "<svg"))) {
		const char *end = strstr(p, "</svg>");

		if (!end || !strstr(p, "<title id=") || strstr(p, "<title id=") > end || !strstr(p, "<desc id=")
			|| strstr(p, "<desc id=") > end || !strstr(end, "<table") || !strstr(p, "viewBox=\"0 0 360 ")
			|| !strstr(p, "width=\"100%\"")) {
			printf("  an SVG without title, desc, viewBox 360, width 100%% or a table after it\n");
			return 0;
		}
		p = end;
		n++;
	}
	return n;
}

static const pt_value *at(const pt_value *v, const char *path)
{
	char key[64];

	while (v && *path) {
		size_t n = strcspn(path, ".");

		snprintf(key, sizeof(key), "%.*s", (int)n, path);
		if (v->type == PT_VALUE_MAP) {
			v = pt_value_get(v, key);
		} else if (v->type == PT_VALUE_LIST) {
			size_t i = strtoul(key, NULL, 10);

			v = i < v->u.c.count ? v->u.c.items[i] : NULL;
		} else {
			v = NULL;
		}
		path += n + (path[n] == '.');
	}
	return v;
}

static const char *str_at(const pt_value *v, const char *path)
{
	const pt_value *s = at(v, path);

	return s && s->type == PT_VALUE_STRING ? s->u.s.s : NULL;
}

/* ---- tests ------------------------------------------------------------------------------ */

PT_TEST(plurality_bars_percentages_and_geometry)
{
	static const char *const b[] = { "5*A", "3*B", "1*C", "" };
	pt_tally_options o;
	pt_value *res, *view = NULL, *info = pt_value_map(NULL), *cands = pt_value_list(NULL);
	const char *names[][2] = { { "A", "Luminarias en la calle 5" }, { "B", "Huerto en Buenavista" },
		{ "C", "Cancha de usos múltiples" } };
	char *html;
	size_t i;
	double sum = 0;

	pt_tally_options_init(&o);
	res = count("plurality", b, N(b), &o, NULL, 0);
	PT_CHECK(res != NULL);
	for (i = 0; i < 3; i++) {
		pt_value *c = pt_value_map(NULL);

		pt_value_setc(c, "id", pt_value_cstr(NULL, names[i][0]));
		pt_value_setc(c, "name", pt_value_cstr(NULL, names[i][1]));
		pt_value_push(cands, c);
	}
	pt_value_setc(info, "candidates", cands);
	pt_value_setc(info, "title", pt_value_cstr(NULL, "Consulta de alumbrado"));
	html = html_of(res, info, &view);
	PT_CHECK(html != NULL);
	if (html) {
		/* 55.5 + 33.3 + 11.1 would add to 99.9: the largest remainder (A's .56) gets the tenth */
		const pt_value *rows = at(view, "bars.table.rows");

		PT_CHECK(rows && rows->u.c.count == 3);
		for (i = 0; rows && i < rows->u.c.count; i++) {
			sum += strtod(str_at(rows->u.c.items[i], "cells.1.text"), NULL);
		}
		PT_CHECK(fabs(sum - 100.0) < 1e-9);
		PT_CHECK_STR(str_at(view, "bars.table.rows.0.cells.1.text"), "55.6 %");
		PT_CHECK_STR(str_at(view, "bars.table.rows.1.cells.1.text"), "33.3 %");
		PT_CHECK_STR(str_at(view, "bars.table.rows.2.cells.1.text"), "11.1 %");
		/* 5, 3 and 1 votes on a 220 px scale */
		PT_CHECK_STR(str_at(view, "bars.rows.0.bar_w"), "220");
		PT_CHECK_STR(str_at(view, "bars.rows.1.bar_w"), "132");
		PT_CHECK_STR(str_at(view, "bars.rows.2.bar_w"), "44");
		PT_CHECK_STR(str_at(view, "bars.view_box"), "0 0 360 146");
		PT_CHECK_STR(str_at(view, "bars.rows.1.label_y"), "64");
		PT_CHECK(strstr(html, "Luminarias en la calle 5") && strstr(html, "Huerto en Buenavista"));
		PT_CHECK(strstr(html, "Consulta de alumbrado"));
		PT_CHECK(strstr(html, "Mayoría simple (un voto por persona)"));
		PT_CHECK(strstr(html, "<dt>En blanco</dt> <dd>1</dd>"));
		PT_CHECK(!strstr(html, "<li>A</li>") && !strstr(html, ">A<"));   /* names, never the ids */
		PT_CHECK(strstr(html, "<dt>Votos contados</dt> <dd>10</dd>"));
		PT_CHECK(!strstr(html, "Resultados preliminares"));
		PT_CHECK(no_codes(html) && ids_unique(html) && svgs_described(html) == 1);
		free(html);
	}
	pt_value_free(view);
	pt_value_free(res);
	pt_value_free(info);
}

PT_TEST(equal_counts_equal_percentages)
{
	/* three equal counts: 33.3 % each (99.9 in all) rather than 33.4 for one of them */
	static const double v[] = { 3, 3, 3 }, w[] = { 3, 3, 1 }, x[] = { 0, 0 };
	long u[3];

	rv_shares_test(v, 3, u);
	PT_CHECK(u[0] == 333 && u[1] == 333 && u[2] == 333);
	rv_shares_test(w, 3, u);
	PT_CHECK(u[0] == 428 && u[1] == 428 && u[2] == 143);
	rv_shares_test(x, 2, u);
	PT_CHECK(u[0] == 0 && u[1] == 0);
}

PT_TEST(bar_lengths_are_proportional)
{
	static const char *const b[] = { "4*A", "2*B", "1*C" };
	pt_tally_options o;
	pt_value *res, *view = NULL;
	char *html;

	pt_tally_options_init(&o);
	res = count("plurality", b, N(b), &o, NULL, 0);
	html = html_of(res, NULL, &view);
	PT_CHECK(html != NULL);
	PT_CHECK_STR(str_at(view, "bars.rows.0.bar_w"), "220");
	PT_CHECK_STR(str_at(view, "bars.rows.1.bar_w"), "110");
	PT_CHECK_STR(str_at(view, "bars.rows.2.bar_w"), "55");
	PT_CHECK_STR(str_at(view, "bars.rows.2.value_x"), "61");
	PT_CHECK_STR(str_at(view, "bars.rows.0.value"), "4 (57.1 %)");
	PT_CHECK_STR(str_at(view, "bars.rows.1.value"), "2 (28.6 %)");
	PT_CHECK_STR(str_at(view, "bars.rows.2.value"), "1 (14.3 %)");
	/* grouped ballots: the votes they carry, not the 3 groups */
	PT_CHECK(html && strstr(html, "<dt>Votos contados</dt> <dd>7</dd>"));
	PT_CHECK(html && strstr(html, "A: 4 (57.1 %) \xe2\x80\x94 Gana; B: 2 (28.6 %); C: 1 (14.3 %)."));
	free(html);
	pt_value_free(view);
	pt_value_free(res);
}

PT_TEST(preliminary_banner_while_voting)
{
	static const char *const b[] = { "A", "B", "A" };
	pt_tally_options o;
	pt_value *res, *view = NULL, *info = pt_value_map(NULL);
	char *html;

	pt_tally_options_init(&o);
	res = count("plurality", b, N(b), &o, NULL, 0);
	pt_value_setc(res, "final", pt_value_bool(NULL, 0));
	html = html_of(res, NULL, &view);
	PT_CHECK(html && strstr(html, "role=\"status\"><strong>Resultados preliminares.</strong> La votación sigue "
		"abierta"));
	PT_CHECK(html && strstr(html, "Opción que va a la cabeza") && !strstr(html, "Opción ganadora"));
	free(html);
	pt_value_free(view);
	/* the process's state says it as well */
	pt_value_free(res);
	res = count("plurality", b, N(b), &o, NULL, 0);
	pt_value_setc(res, "final", pt_value_bool(NULL, 1));
	pt_value_setc(info, "state", pt_value_cstr(NULL, "voting"));
	html = html_of(res, info, &view);
	PT_CHECK(html && strstr(html, "Resultados preliminares"));
	free(html);
	pt_value_free(view);
	pt_value_free(info);
	html = html_of(res, NULL, &view);
	PT_CHECK(html && !strstr(html, "Resultados preliminares") && strstr(html, "Opción ganadora"));
	free(html);
	pt_value_free(view);
	pt_value_free(res);
}

PT_TEST(approval_score_borda_copeland)
{
	static const char *const ap[] = { "A,B", "B", "C,A", "A" };
	static const char *const sc[] = { "A:4,B:2", "B:5", "A:1,C:3" };
	static const char *const rk[] = { "A>B>C", "B>C>A", "C>A>B", "A>C>B" };
	pt_tally_options o;
	pt_value *res, *view = NULL;
	char *html;

	pt_tally_options_init(&o);
	res = count("approval", ap, N(ap), &o, NULL, 0);
	html = html_of(res, NULL, &view);
	PT_CHECK(html && strstr(html, "Voto por aprobación") && strstr(html, "Porcentaje de las boletas"));
	/* 3 of 4 ballots approve A: 75 % (shares of ballots, not summing to 100) */
	PT_CHECK_STR(str_at(view, "bars.table.rows.0.cells.1.text"), "75.0 %");
	PT_CHECK(html && no_codes(html) && svgs_described(html) == 1);
	free(html);
	pt_value_free(view);
	pt_value_free(res);

	o.max = 5;
	o.has_max = 1;
	res = count("score", sc, N(sc), &o, NULL, 0);
	html = html_of(res, NULL, &view);
	PT_CHECK(html && strstr(html, "Puntos totales por opción") && strstr(html, "Boletas que la calificaron"));
	PT_CHECK_STR(str_at(view, "bars.table.rows.0.name"), "B");
	PT_CHECK_STR(str_at(view, "bars.table.rows.0.cells.1.text"), "3.50");   /* mean of 2 and 5 */
	PT_CHECK_STR(str_at(view, "bars.table.rows.0.cells.2.text"), "2");
	free(html);
	pt_value_free(view);
	pt_value_free(res);

	pt_tally_options_init(&o);
	res = count("borda", rk, N(rk), &o, NULL, 0);
	html = html_of(res, NULL, &view);
	PT_CHECK(html && strstr(html, "Puntos Borda por opción") && strstr(html, "Clasificación completa"));
	PT_CHECK(html && no_codes(html) && svgs_described(html) == 1);
	free(html);
	pt_value_free(view);
	pt_value_free(res);

	res = count("copeland", rk, N(rk), &o, NULL, 0);
	html = html_of(res, NULL, &view);
	PT_CHECK(html && strstr(html, "Puntos Copeland") && strstr(html, "Comparación por pares"));
	PT_CHECK(html && no_codes(html) && ids_unique(html) && svgs_described(html) == 2);
	free(html);
	pt_value_free(view);
	pt_value_free(res);
}

PT_TEST(irv_rounds_and_transfers)
{
	static const char *const b[] = { "A>B>C", "B>C>A", "C>B>A", "A>C", "B", "C>B", "A", "B>A" };
	pt_tally_options o;
	pt_value *res, *view = NULL;
	char *html;

	pt_tally_options_init(&o);
	res = count("irv", b, N(b), &o, NULL, 0);
	html = html_of(res, NULL, &view);
	PT_CHECK(html != NULL);
	if (html) {
		/* A 3, B 3, C 2: C goes; its two ballots move to B (C>B>A, C>B): B 5 of 8 */
		PT_CHECK(strstr(html, "Rondas del conteo") && strstr(html, "Voto preferencial con segunda vuelta instantánea"));
		PT_CHECK(strstr(html, "Se elimina a C, la que tiene menos (2 votos)"));
		PT_CHECK(strstr(html, "B obtiene 5 de 8 votos en juego (62.5 %), más de la mitad: gana."));
		PT_CHECK(strstr(html, "<li>B: +2</li>"));
		PT_CHECK(strstr(html, "<td class=\"\">5 <span class=\"participa-traspaso\">(+2)</span> <strong class=\"participa-marca\">gana"));
		PT_CHECK(strstr(html, "2 <strong class=\"participa-marca\">eliminada</strong>"));
		PT_CHECK(strstr(html, "<th scope=\"col\">Ronda 2</th>"));
		PT_CHECK(strstr(html, "Mitad de los votos en juego: 4"));
		PT_CHECK_STR(str_at(view, "rounds.bars.line.x"), "176");   /* 4 of a 5-vote scale of 220 px */
		PT_CHECK(no_codes(html) && ids_unique(html) && svgs_described(html) == 1);
		free(html);
	}
	pt_value_free(view);
	pt_value_free(res);
}

PT_TEST(irv_tie_in_words)
{
	static const char *const b[] = { "A>B>C", "B>C>A", "C>B>A", "A>C", "B", "C>B" };
	pt_tally_options o;
	pt_value *res, *view = NULL;
	char *html;

	pt_tally_options_init(&o);
	res = count("irv", b, N(b), &o, NULL, 0);
	html = html_of(res, NULL, &view);
	PT_CHECK(html && strstr(html, "Empate entre A, B y C para eliminar en la ronda 1: se resolvió por el orden en "
		"que se presentan las opciones. Se eliminó a C."));
	free(html);
	pt_value_free(view);
	pt_value_free(res);
	o.has_seed = 1;
	o.seed = 7;
	res = count("irv", b, N(b), &o, NULL, 0);
	html = html_of(res, NULL, &view);
	PT_CHECK(html && strstr(html, "se resolvió por sorteo (semilla 7)"));
	free(html);
	pt_value_free(view);
	pt_value_free(res);
}

PT_TEST(stv_stages_wigm_and_meek)
{
	static const char *const b[] = { "4*O", "2*P>O", "8*C>S", "4*C>H", "1*S", "1*H" };
	pt_tally_options o;
	pt_value *res, *view = NULL;
	char *html;

	pt_tally_options_init(&o);
	o.seats = 3;
	res = count("stv", b, N(b), &o, NULL, 0);
	html = html_of(res, NULL, &view);
	PT_CHECK(html != NULL);
	if (html) {
		PT_CHECK(strstr(html, "Etapas del conteo") && strstr(html, "Cuota para resultar electa: 6 votos."));
		PT_CHECK(strstr(html, "C superó la cuota por 6 votos: ese excedente pasa a las siguientes preferencias de sus "
			"boletas, cada una a un valor de 0.5."));
		PT_CHECK(strstr(html, "Se excluye a P, la opción con menos votos; sus 2 votos pasan a las siguientes "
			"preferencias. Resulta electa: O."));
		PT_CHECK(strstr(html, "Resulta electa: S."));
		PT_CHECK(strstr(html, "<li>S: +4</li>") && strstr(html, "<li>H: +2</li>"));
		PT_CHECK(strstr(html, "Boletas agotadas (sin más preferencias)"));
		PT_CHECK(strstr(html, "Cuota: 6"));
		PT_CHECK(strstr(html, "<dt>Lugares a elegir</dt> <dd>3</dd>"));
		PT_CHECK(strstr(html, "Opciones electas"));
		PT_CHECK(no_codes(html) && ids_unique(html) && svgs_described(html) == 1);
		free(html);
	}
	pt_value_free(view);
	pt_value_free(res);
	o.transfer = PT_TRANSFER_MEEK;
	res = count("stv", b, N(b), &o, NULL, 0);
	html = html_of(res, NULL, &view);
	PT_CHECK(html && strstr(html, "método de Meek") && strstr(html, "iteraciones) y se excluye a P"));
	PT_CHECK(html && strstr(html, "<th scope=\"row\">Cuota</th><td>4.71</td>"));
	PT_CHECK(html && no_codes(html));
	free(html);
	pt_value_free(view);
	pt_value_free(res);
}

PT_TEST(schulze_and_ranked_pairs_matrix)
{
	/* the Wikipedia example: 45 voters, E wins */
	static const char *const b[] = { "5*A>C>B>E>D", "5*A>D>E>C>B", "8*B>E>D>A>C", "3*C>A>B>E>D", "7*C>A>E>B>D",
		"2*C>B>A>D>E", "7*D>C>E>B>A", "8*E>B>A>D>C" };
	pt_tally_options o;
	pt_value *res, *view = NULL;
	char *html;

	pt_tally_options_init(&o);
	res = count("schulze", b, N(b), &o, NULL, 0);
	html = html_of(res, NULL, &view);
	PT_CHECK(html != NULL);
	if (html) {
		PT_CHECK(strstr(html, "<li>E</li>") && strstr(html, "Método Schulze (comparación por pares)"));
		PT_CHECK(strstr(html, "el método Schulze lo resuelve"));
		/* row E is first (the winner); 23 prefer E over A, 22 A over E */
		PT_CHECK_STR(str_at(view, "pairwise.table.rows.0.name"), "E");
		PT_CHECK_STR(str_at(view, "pairwise.svg.rows.0.label"), "1. E");
		PT_CHECK(strstr(html, "E vence a A: 23 contra 22.") && strstr(html, "C vence a E: 24 contra 21."));
		PT_CHECK_STR(str_at(view, "pairwise.svg.rows.0.cells.0.class"), "misma");
		/* 5 options: cells of (360 - 130) / 5 = 46 px with their numbers */
		PT_CHECK_STR(str_at(view, "pairwise.svg.rows.1.cells.1.x"), "176");
		PT_CHECK(at(view, "pairwise.svg.rows.1.cells.0.text") != NULL);
		PT_CHECK(no_codes(html) && ids_unique(html) && svgs_described(html) == 1);
		free(html);
	}
	pt_value_free(view);
	pt_value_free(res);
	res = count("ranked_pairs", b, N(b), &o, NULL, 0);
	html = html_of(res, NULL, &view);
	PT_CHECK(html && strstr(html, "Victorias fijadas, de mayor a menor margen") && strstr(html, "(margen de"));
	PT_CHECK(html && no_codes(html));
	free(html);
	pt_value_free(view);
	pt_value_free(res);
}

PT_TEST(condorcet_winner_sentence)
{
	static const char *const b[] = { "A>B>C", "A>C>B", "B>A>C" };
	pt_tally_options o;
	pt_value *res, *view = NULL;
	char *html;

	pt_tally_options_init(&o);
	res = count("schulze", b, N(b), &o, NULL, 0);
	html = html_of(res, NULL, &view);
	PT_CHECK(html && strstr(html, "A vence a cada una de las demás opciones en la comparación por pares."));
	free(html);
	pt_value_free(view);
	pt_value_free(res);
}

PT_TEST(majority_judgment_grades)
{
	static const char *const b[] = { "A:4,B:2", "B:5,A:1", "A:3,B:3" };
	pt_tally_options o;
	pt_value *res, *view = NULL;
	char *html;

	pt_tally_options_init(&o);
	o.has_max = 1;
	o.max = 5;
	res = count("majority_judgment", b, N(b), &o, NULL, 0);
	html = html_of(res, NULL, &view);
	PT_CHECK(html && strstr(html, "Juicio mayoritario") && strstr(html, "Calificaciones de cada opción"));
	PT_CHECK(html && strstr(html, "B: mediana 3; A: mediana 3."));
	/* grades from the data (0..5 not given to the view: 1..5); three voters, a third each */
	PT_CHECK_STR(str_at(view, "grades.rows.0.segments.0.w"), "113.3");
	PT_CHECK_STR(str_at(view, "grades.median_x"), "170");
	PT_CHECK(html && no_codes(html) && ids_unique(html) && svgs_described(html) == 1);
	free(html);
	pt_value_free(view);
	pt_value_free(res);
}

PT_TEST(majority_and_consensus_outcomes)
{
	static const char *const yn[] = { "yes", "no", "yes", "abstain" };
	static const char *const cs[] = { "agree", "block|El predio es de propiedad federal", "agree" };
	pt_tally_options o;
	pt_value *res, *view = NULL;
	char *html;

	pt_tally_options_init(&o);
	o.eligible = 10;
	o.has_quorum = 1;
	o.quorum_num = 1;
	o.quorum_den = 2;
	res = count("majority", yn, N(yn), &o, NULL, 0);
	html = html_of(res, NULL, &view);
	PT_CHECK(html && strstr(html, "Sin quórum: participaron muy pocas personas") &&
		strstr(html, "Quórum: participaron 4; se necesitaban 5."));
	PT_CHECK(html && !strstr(html, "Opción ganadora") && strstr(html, "<th scope=\"row\">Sí</th><td class=\"\">2</td><td class=\"\">50.0 %</td>"));
	PT_CHECK(html && no_codes(html) && svgs_described(html) == 1);
	free(html);
	pt_value_free(view);
	pt_value_free(res);
	pt_tally_options_init(&o);
	res = count("consensus", cs, N(cs), &o, NULL, 0);
	html = html_of(res, NULL, &view);
	PT_CHECK(html && strstr(html, "Bloqueada: alguien se opuso con un bloqueo") &&
		strstr(html, "<strong>Una persona participante:</strong> El predio es de propiedad federal"));
	PT_CHECK(html && no_codes(html));
	free(html);
	pt_value_free(view);
	pt_value_free(res);
}

static pt_value *projects_info(const char *const *ids, const char *const *names, const int64_t *costs, size_t n)
{
	pt_value *info = pt_value_map(NULL), *l = pt_value_list(NULL);
	size_t i;

	for (i = 0; i < n; i++) {
		pt_value *c = pt_value_map(NULL);

		pt_value_setc(c, "id", pt_value_cstr(NULL, ids[i]));
		pt_value_setc(c, "name", pt_value_cstr(NULL, names[i]));
		pt_value_setc(c, "cost", pt_value_int(NULL, costs[i]));
		pt_value_push(l, c);
	}
	pt_value_setc(info, "candidates", l);
	return info;
}

PT_TEST(budgets_explained_per_project)
{
	static const char *const b[] = { "a,b", "b", "c", "a" };
	static const char *const ids[] = { "a", "b", "c" };
	static const char *const names[] = { "Alumbrado", "Banquetas", "Cancha" };
	static const int64_t costs[] = { 60, 50, 30 };
	pt_tally_options o;
	pt_value *res, *view = NULL, *info = projects_info(ids, names, costs, 3);
	char *html;

	pt_tally_options_init(&o);
	o.pb_costs = costs;
	o.pb_budget = 100;
	o.pb_completion = 1;
	res = count("pb_equal_shares", b, N(b), &o, ids, 3);
	html = html_of(res, info, &view);
	PT_CHECK(html != NULL);
	if (html) {
		PT_CHECK(strstr(html, "Presupuesto participativo por partes iguales (Equal Shares)"));
		PT_CHECK(strstr(html, "Proyectos financiados") && strstr(html, "<li>Banquetas</li>"));
		PT_CHECK(strstr(html, "El presupuesto de $100 se reparte en partes iguales entre las 4 personas"));
		/* b: 2 supporters pay 25 each (rho 1/2 of 50) */
		PT_CHECK(strstr(html, "Financiado en la ronda 1: quienes lo apoyaron (2) pagaron hasta $25 cada quien"));
		/* a (60, 2 supporters with 30 each): they had spent part of it, and 60 > the $20 left */
		PT_CHECK(strstr(html, "tampoco cabía en lo que sobró del presupuesto ($20)."));
		PT_CHECK(strstr(html, "Se asignaron $80 de $100 (80.0 %); sobran $20."));
		PT_CHECK(strstr(html, "<th scope=\"row\">Alumbrado</th><td class=\"\">$60</td><td class=\"\">2</td><td class=\"\">No</td>"));
		PT_CHECK(strstr(html, "Empate entre Banquetas y Alumbrado para financiar en la ronda 1: se resolvió a favor "
			"del proyecto de menor costo. Se financió primero Banquetas."));
		/* the budget bar: b then c, 50 and 30 of 100 on 360 px */
		PT_CHECK_STR(str_at(view, "pb.budget.segments.0.w"), "180");
		PT_CHECK_STR(str_at(view, "pb.budget.segments.1.x"), "180");
		PT_CHECK_STR(str_at(view, "pb.budget.segments.1.w"), "108");
		PT_CHECK(no_codes(html) && ids_unique(html) && svgs_described(html) == 2);
		free(html);
	}
	pt_value_free(view);
	pt_value_free(res);
	res = count("pb_greedy", b, N(b), &o, ids, 3);
	html = html_of(res, info, &view);
	PT_CHECK(html && strstr(html, "Presupuesto participativo por número de apoyos"));
	/* a and b have 2 approvals, b is cheaper: b, a (60 > 50 left), c (30 fits) */
	PT_CHECK(html && strstr(html, "Cuando le tocó el turno 2 quedaban $50, y cuesta $60: no cabía."));
	PT_CHECK(html && strstr(html, "Financiado: por sus apoyos le tocó el turno 3, y su costo cabía en lo que quedaba ($50)."));
	PT_CHECK(html && no_codes(html));
	free(html);
	pt_value_free(view);
	pt_value_free(res);
	pt_value_free(info);
}

PT_TEST(pb_costs_from_options_and_unsupported_project)
{
	static const char *const b[] = { "a", "a", "b" };
	static const char *const ids[] = { "a", "b", "z" };
	static const int64_t costs[] = { 90, 200, 10 };
	pt_tally_options o;
	pt_value *res, *view = NULL, *opts = pt_value_map(NULL), *pr = pt_value_map(NULL), *info = pt_value_map(NULL);
	char *html;
	size_t i;

	pt_tally_options_init(&o);
	o.pb_costs = costs;
	o.pb_budget = 300;
	o.pb_completion = 0;   /* one run: 100 per voter */
	res = count("pb_equal_shares", b, N(b), &o, ids, 3);
	for (i = 0; i < 3; i++) {
		pt_value_setc(pr, ids[i], pt_value_int(NULL, costs[i]));
	}
	pt_value_setc(opts, "projects", pr);
	pt_value_setc(opts, "budget", pt_value_int(NULL, 300));
	pt_value_setc(info, "options", opts);
	html = html_of(res, info, &view);
	PT_CHECK(html && strstr(html, "Nadie lo apoyó."));
	/* b: 1 supporter with a share of 100 cannot pay 200 */
	PT_CHECK(html && strstr(html, "Aun juntando toda su parte ($100 cada quien), quienes lo apoyaron (1) reunían $100, "
		"menos que su costo."));
	free(html);
	pt_value_free(view);
	pt_value_free(res);
	pt_value_free(info);
}

PT_TEST(process_results_shape)
{
	/* what Process::results() adds to a count: options, ballots, web, paper, digest, final, computed_at */
	static const char *const b[] = { "a,b", "b", "c", "a", "b" };
	static const char *const ids[] = { "a", "b", "c" };
	static const char *const names[] = { "Luminarias en la calle 5", "Huerto en Buenavista", "Cancha" };
	static const int64_t costs[] = { 180000, 250000, 90000 };
	pt_tally_options o;
	pt_value *res, *view = NULL, *info = projects_info(ids, names, costs, 3), *opts = pt_value_map(NULL);
	pt_value *pr = pt_value_map(NULL);
	char *html;
	size_t i;

	pt_tally_options_init(&o);
	o.pb_costs = costs;
	o.pb_budget = 400000;
	res = count("pb_equal_shares", b, N(b), &o, ids, 3);
	pt_value_setc(opts, "budget", pt_value_int(NULL, 400000));
	for (i = 0; i < 3; i++) {
		pt_value_setc(pr, ids[i], pt_value_int(NULL, costs[i]));
	}
	pt_value_setc(opts, "projects", pr);
	pt_value_setc(res, "options", opts);
	pt_value_setc(res, "ballots", pt_value_int(NULL, 5));
	pt_value_setc(res, "web", pt_value_int(NULL, 3));
	pt_value_setc(res, "paper", pt_value_int(NULL, 2));
	pt_value_setc(res, "digest", pt_value_cstr(NULL, "9f2c0e"));
	pt_value_setc(res, "final", pt_value_bool(NULL, 1));
	pt_value_setc(res, "computed_at", pt_value_cstr(NULL, "2026-03-01 18:05:00"));
	pt_value_setc(info, "title", pt_value_cstr(NULL, "Presupuesto participativo 2026"));
	pt_value_setc(info, "state", pt_value_cstr(NULL, "closed"));
	html = html_of(res, info, &view);
	PT_CHECK(html != NULL);
	if (html) {
		PT_CHECK(strstr(html, "<dt>Boletas contadas</dt> <dd>5</dd>"));
		PT_CHECK(strstr(html, "<dt>Por internet</dt> <dd>3</dd>") && strstr(html, "<dt>En papel</dt> <dd>2</dd>"));
		/* stored in UTC, shown in Mexico City's time */
		PT_CHECK(strstr(html, "<dt>Calculado el</dt> <dd>1 de marzo de 2026, 12:05</dd>"));
		PT_CHECK(strstr(html, "<dt>Huella del conteo (SHA-256)</dt> <dd><code class=\"participa-huella\">9f2c0e</code></dd>"));
		PT_CHECK(strstr(html, "Presupuesto participativo 2026") && strstr(html, "<li>Huerto en Buenavista</li>"));
		PT_CHECK(strstr(html, "El presupuesto de $400,000 se reparte en partes iguales entre las 5 personas"));
		PT_CHECK(strstr(html, "<td class=\"\">$250,000</td>"));
		PT_CHECK(!strstr(html, "Resultados preliminares"));
		PT_CHECK(no_codes(html) && ids_unique(html) && svgs_described(html) == 2);
		free(html);
	}
	pt_value_free(view);
	pt_value_free(res);
	pt_value_free(info);
}

PT_TEST(integer_ids_and_names_map)
{
	/* PHP gives numeric project ids as integers (array keys); a bare tally's names come as a map */
	pt_value *res = pt_value_map(NULL), *w = pt_value_list(NULL), *d = pt_value_map(NULL), *c = pt_value_map(NULL);
	pt_value *info = pt_value_map(NULL), *names = pt_value_map(NULL), *view = NULL;
	char *html;

	pt_value_setc(res, "method", pt_value_cstr(NULL, "plurality"));
	pt_value_push(w, pt_value_int(NULL, 3));
	pt_value_setc(res, "winners", w);
	pt_value_setc(c, "3", pt_value_int(NULL, 5));
	pt_value_setc(c, "9", pt_value_int(NULL, 2));
	pt_value_setc(d, "counts", c);
	pt_value_setc(res, "details", d);
	pt_value_setc(names, "3", pt_value_cstr(NULL, "PopUp Podium"));
	pt_value_setc(names, "9", pt_value_cstr(NULL, "Jongerenplatform"));
	pt_value_setc(info, "names", names);
	html = html_of(res, info, &view);
	PT_CHECK(html && strstr(html, "<li>PopUp Podium</li>") && strstr(html, "Jongerenplatform"));
	PT_CHECK_STR(str_at(view, "bars.table.rows.0.cells.2.text"), "Gana");
	free(html);
	pt_value_free(view);
	pt_value_free(res);
	pt_value_free(info);
}

PT_TEST(unknown_method_and_bad_input)
{
	pt_value *res = pt_value_map(NULL), *view = NULL, *list = pt_value_list(NULL);
	pt_error err;
	char *html;

	pt_value_setc(res, "method", pt_value_cstr(NULL, "frobnicate"));
	html = html_of(res, NULL, &view);
	PT_CHECK(html && strstr(html, "Método de conteo") && !strstr(html, "frobnicate"));
	PT_CHECK(html && strstr(html, "Ninguna opción resultó ganadora."));
	free(html);
	pt_value_free(view);
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_fragment_results_view(list, NULL, NULL, NULL, &view, &err), PT_ERR_INVALID);
	PT_CHECK(view == NULL);
	pt_value_free(res);
	pt_value_free(list);
}

PT_TEST(many_options_are_bounded)
{
	/* 300 options: the chart draws 60, the table has all 300, the matrix is left out */
	pt_value *res = pt_value_map(NULL), *d = pt_value_map(NULL), *c = pt_value_map(NULL), *view = NULL;
	char *html, k[16];
	int i;

	pt_value_setc(res, "method", pt_value_cstr(NULL, "plurality"));
	for (i = 0; i < 300; i++) {
		snprintf(k, sizeof(k), "op%d", i);
		pt_value_setc(c, k, pt_value_int(NULL, 1000 - i));
	}
	pt_value_setc(d, "counts", c);
	pt_value_setc(res, "details", d);
	html = html_of(res, NULL, &view);
	PT_CHECK(html != NULL);
	PT_CHECK_EQ_INT(at(view, "bars.rows")->u.c.count, PT_RESULTS_MAX_BARS);
	PT_CHECK_EQ_INT(at(view, "bars.table.rows")->u.c.count, 300);
	PT_CHECK(html && strstr(html, "La gráfica muestra las primeras 60 de 300 opciones"));
	free(html);
	pt_value_free(view);
	pt_value_free(res);
}

/* The text of html (tags out), for looking for words. */
static void text_only(const char *html, char *out, size_t cap)
{
	size_t n = 0;
	int in_tag = 0;

	for (; *html && n + 2 < cap; html++) {
		if (*html == '<') {
			in_tag = 1;
			out[n++] = ' ';
		} else if (*html == '>') {
			in_tag = 0;
		} else if (!in_tag) {
			out[n++] = *html;
		}
	}
	out[n] = '\0';
}

PT_TEST(english_everywhere)
{
	static const char *const rk[] = { "A>B>C", "B>C>A", "C>B>A", "A>C", "B", "C>B", "2*A>B", "B>A" };
	static const char *const ap[] = { "A,B", "B", "C,A", "A" };
	static const char *const sc[] = { "A:4,B:2", "B:5", "A:1,C:3" };
	static const char *const st[] = { "agree", "block|no", "disagree", "abstain" };
	static const char *const yn[] = { "yes", "no", "yes" };
	static const char *const pb[] = { "a,b", "b", "c", "a" };
	static const char *const ids[] = { "a", "b", "c" };
	static const int64_t costs[] = { 60, 50, 30 };
	static const struct { const char *m; const char *const *b; size_t n; } runs[] = {
		{ "plurality", rk, N(rk) }, { "approval", ap, N(ap) }, { "score", sc, N(sc) },
		{ "majority_judgment", sc, N(sc) }, { "borda", rk, N(rk) }, { "irv", rk, N(rk) }, { "stv", rk, N(rk) },
		{ "schulze", rk, N(rk) }, { "ranked_pairs", rk, N(rk) }, { "copeland", rk, N(rk) },
		{ "majority", yn, N(yn) }, { "consensus", st, N(st) }, { "pb_greedy", pb, N(pb) },
		{ "pb_equal_shares", pb, N(pb) },
	};
	/* words only Spanish has; the ids are A, B, C, a, b, c */
	static const char *const spanish[] = { " de ", " la ", " que ", " por ", " las ", " los ", "Opción", "Votos",
		"Ronda", "Etapa", "Sí", "ganadora", "Resultados", "Boletas", "Empate", "Presupuesto", "Financiado",
		"mediana", "Calificación", "Comparación", "Cuota", "Bloque", "Mayoría", "Método" };
	pt_fragment_host en = { .heading = 2, .instance = "en", .lang = "en" };
	static char text[400000];
	size_t i, k;

	for (i = 0; i < N(runs); i++) {
		pt_tally_options o;
		pt_value *res, *view = NULL;
		pt_error err;
		char *html;
		int pbm = !strncmp(runs[i].m, "pb_", 3);

		pt_tally_options_init(&o);
		if (pbm) {
			o.pb_costs = costs;
			o.pb_budget = 100;
		}
		if (!strcmp(runs[i].m, "stv")) {
			o.seats = 2;
		}
		res = count(runs[i].m, runs[i].b, runs[i].n, &o, pbm ? ids : NULL, pbm ? 3 : 0);
		PT_CHECK(res != NULL);
		pt_value_setc(res, "final", pt_value_bool(NULL, i % 2));
		pt_error_clear(&err);
		PT_CHECK(pt_fragment_results_view(res, NULL, &en, NULL, &view, &err) == PT_OK);
		html = render(view);
		PT_CHECK(html != NULL);
		if (html) {
			text_only(html, text, sizeof(text));
			for (k = 0; k < N(spanish); k++) {
				if (strstr(text, spanish[k])) {
					PT_FAIL_AT("%s in English still says \"%s\"", runs[i].m, spanish[k]);
				}
			}
			PT_CHECK(no_codes(html) && ids_unique(html));
			PT_CHECK(strstr(html, "lang=\"en\""));
			free(html);
		}
		pt_value_free(view);
		pt_value_free(res);
	}
}

PT_TEST(inside_another_page)
{
	/* the process page renders this view as a partial: nothing of the outer page may leak in */
	static const char *const b[] = { "A>B>C", "B>C>A", "C>B>A", "A>C", "B", "C>B" };
	static const char *const outer_names[] = { "more", "winner", "delta", "note", "class", "why", "none", "quorum",
		"tie", "transfers", "completion", "line", "preliminary", "outcome", "pb", "grades", "blocks", "svg", "locked",
		"skipped", "condorcet", "foot", "text", "title", "name", "items" };
	char dir[256], path[300];
	pt_tally_options o;
	pt_value *res, *view = NULL, *outer = pt_value_map(NULL);
	pt_buf out;
	pt_error err;
	FILE *f;
	size_t i;

	snprintf(dir, sizeof(dir), "%s/participa-results-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	PT_CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/outer.html", dir);
	f = fopen(path, "w");
	PT_CHECK(f != NULL);
	if (!f) {
		return;
	}
	fputs("<div>{{#results}}{{> process-results}}{{/results}}</div>\n", f);
	fclose(f);
	pt_tally_options_init(&o);
	res = count("irv", b, N(b), &o, NULL, 0);
	pt_error_clear(&err);
	PT_CHECK(pt_fragment_results_view(res, NULL, &host_es, NULL, &view, &err) == PT_OK);
	for (i = 0; i < N(outer_names); i++) {
		pt_value_setc(outer, outer_names[i], pt_value_cstr(NULL, "FUERA"));
	}
	pt_value_setc(outer, "results", view);
	pt_fragment_set_site_templates_dir(dir);
	pt_buf_init(&out, NULL);
	PT_CHECK(pt_fragment_render("outer", outer, &out, &err) == PT_OK);
	PT_CHECK(out.data && strstr(out.data, "Rondas del conteo") && !strstr(out.data, "FUERA"));
	pt_fragment_set_site_templates_dir(NULL);
	pt_buf_free(&out);
	pt_value_free(outer);
	pt_value_free(res);
	remove(path);
	rmdir(dir);
}

/* An allocator that fails its n-th allocation (and every one after it when sticky is 0: only that one). */
typedef struct failing { long left; long calls; } failing;

static void *f_alloc(size_t n, void *ctx)
{
	failing *f = ctx;

	f->calls++;
	return f->left-- == 0 ? NULL : malloc(n);
}

static void *f_realloc(void *p, size_t n, void *ctx)
{
	failing *f = ctx;

	f->calls++;
	return f->left-- == 0 ? NULL : realloc(p, n);
}

static void f_free(void *p, void *ctx)
{
	(void)ctx;
	free(p);
}

PT_TEST(every_allocation_failing_in_turn)
{
	static const char *const rk[] = { "A>B>C", "B>C>A", "C>B>A", "A>C", "B", "C>B" };
	static const char *const pb[] = { "a,b", "b", "c", "a" };
	static const char *const ids[] = { "a", "b", "c" };
	static const int64_t costs[] = { 60, 50, 30 };
	static const char *const methods[] = { "irv", "pb_equal_shares", "schulze", "majority_judgment" };
	size_t m;

	for (m = 0; m < N(methods); m++) {
		int is_pb = m == 1;
		pt_tally_options o;
		pt_value *res;
		long n, total = -1;

		pt_tally_options_init(&o);
		if (is_pb) {
			o.pb_costs = costs;
			o.pb_budget = 100;
		}
		res = count(methods[m], m == 3 ? (const char *const[]){ "A:4,B:2", "B:5", "A:1,C:3" } : is_pb ? pb : rk,
			m == 3 ? 3 : is_pb ? N(pb) : N(rk), &o, is_pb ? ids : NULL, is_pb ? 3 : 0);
		PT_CHECK(res != NULL);
		for (n = 0; res && total < 0; n++) {
			failing f = { n, 0 };
			pt_allocator a = { f_alloc, f_realloc, f_free, &f };
			pt_value *view = NULL;
			pt_error err;
			pt_status st;

			pt_error_clear(&err);
			st = pt_fragment_results_view(res, NULL, &host_es, &a, &view, &err);
			if (f.left >= 0) {
				/* no allocation failed: the view is complete */
				PT_CHECK_EQ_INT(st, PT_OK);
				total = f.calls;
			} else if (st != PT_ERR_NOMEM || view) {
				PT_FAIL_AT("%s: allocation %ld failed but the view says %d", methods[m], n, (int)st);
				total = 0;
			}
			pt_value_free(view);
		}
		PT_CHECK(total > 100);
		pt_value_free(res);
	}
}

int main(void)
{
	if (!templates_dir()) {
		printf("templates/ not found\n");
		return 1;
	}
	pt_fragment_set_templates_dir(templates_dir());
	PT_RUN(plurality_bars_percentages_and_geometry);
	PT_RUN(equal_counts_equal_percentages);
	PT_RUN(bar_lengths_are_proportional);
	PT_RUN(preliminary_banner_while_voting);
	PT_RUN(approval_score_borda_copeland);
	PT_RUN(irv_rounds_and_transfers);
	PT_RUN(irv_tie_in_words);
	PT_RUN(stv_stages_wigm_and_meek);
	PT_RUN(schulze_and_ranked_pairs_matrix);
	PT_RUN(condorcet_winner_sentence);
	PT_RUN(majority_judgment_grades);
	PT_RUN(majority_and_consensus_outcomes);
	PT_RUN(budgets_explained_per_project);
	PT_RUN(pb_costs_from_options_and_unsupported_project);
	PT_RUN(process_results_shape);
	PT_RUN(integer_ids_and_names_map);
	PT_RUN(unknown_method_and_bad_input);
	PT_RUN(many_options_are_bounded);
	PT_RUN(english_everywhere);
	PT_RUN(inside_another_page);
	PT_RUN(every_allocation_failing_in_turn);
	pt_fragment_render_shutdown();
	return pt_test_summary("test_fragment_results");
}
