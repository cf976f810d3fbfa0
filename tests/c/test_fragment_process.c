/*
 * tests/c: the process fragments' rules: the ballot form and the ballot it
 * stands for (core/fragment/ballot_form.c), the status rule
 * (core/process/status.c) and the view model (core/fragment/process_view.c).
 */
#include "core/common/json_write.h"
#include "pt_test.h"
#include "pt_test_config.h"
#include "pt_test_process.h"
#include "core/fragment/ballot_form.h"
#include "core/fragment/process_view.h"
#include "core/common/messages.h"
#include "core/process/answers.h"
#include "core/process/status.h"
#include "io/site/config_load.h"
#include "io/template/template_files.h"

#include <stdarg.h>
#include <unistd.h>

static char json[4096];

/* ---- trees ---------------------------------------------------------------------------- */

static pt_value *str(const char *s)
{
	return pt_value_cstr(NULL, s);
}

/* A map of key, value pairs (values owned), ended by NULL. */
static pt_value *map(const char *key, ...)
{
	pt_value *m = pt_value_map(NULL);
	va_list ap;

	va_start(ap, key);
	for (; key; key = va_arg(ap, const char *)) {
		pt_value_setc(m, key, va_arg(ap, pt_value *));
	}
	va_end(ap);
	return m;
}

/* A list of values, ended by NULL. */
static pt_value *list(pt_value *first, ...)
{
	pt_value *l = pt_value_list(NULL), *v;
	va_list ap;

	va_start(ap, first);
	for (v = first; v; v = va_arg(ap, pt_value *)) {
		pt_value_push(l, v);
	}
	va_end(ap);
	return l;
}

static pt_value *cand(const char *id, const char *name, long long cost)
{
	pt_value *c = map("id", str(id), "name", str(name), NULL);

	if (cost) {
		pt_value_setc(c, "cost", pt_value_int(NULL, cost));
	}
	return c;
}

/* Process::info() of method with options (a map, owned) over three options a.b, c, d. */
static pt_value *info_over(const char *method, pt_value *options, const char *over_budget)
{
	bool pb = !strncmp(method, "pb_", 3);

	return map("id", str("p"), "method", str(method), "options", options ? options : pt_value_map(NULL),
		"over_budget", str(over_budget),
		"candidates", list(cand("a.b", "Luminarias", pb ? 600 : 0), cand("c", "Huerto", pb ? 500 : 0),
			cand("d", "Cancha", pb ? 300 : 0), NULL), NULL);
}

static pt_value *info(const char *method, pt_value *options)
{
	return info_over(method, options, "refuse");
}

/* The ballot of post (freed) for in: its JSON, or "field: message" / "field: message_en". */
static const char *read_form(const pt_value *in, pt_value *post, bool english)
{
	pt_value *ballot = NULL;
	const char *field = NULL;
	pt_error err;
	pt_status s;

	pt_error_clear(&err);
	s = pt_ballot_form_read(in, post, NULL, &ballot, &field, &err);
	pt_value_free(post);
	if (s == PT_OK) {
		return pt_test_json(ballot, json, sizeof(json));
	}
	snprintf(json, sizeof(json), "%s: %s", field ? field : "(none)", english ? err.message_en : err.message);
	return json;
}

/* ---- the ballot form ---------------------------------------------------------------------- */

PT_TEST(form_kinds)
{
	PT_CHECK_EQ_INT(pt_ballot_form_kind_of("plurality"), PT_BALLOT_FORM_SINGLE);
	PT_CHECK_EQ_INT(pt_ballot_form_kind_of("approval"), PT_BALLOT_FORM_APPROVAL);
	PT_CHECK_EQ_INT(pt_ballot_form_kind_of("pb_equal_shares"), PT_BALLOT_FORM_BUDGET);
	PT_CHECK_EQ_INT(pt_ballot_form_kind_of("pb_greedy"), PT_BALLOT_FORM_BUDGET);
	PT_CHECK_EQ_INT(pt_ballot_form_kind_of("stv"), PT_BALLOT_FORM_RANKED);
	PT_CHECK_EQ_INT(pt_ballot_form_kind_of("schulze"), PT_BALLOT_FORM_RANKED);
	PT_CHECK_EQ_INT(pt_ballot_form_kind_of("majority_judgment"), PT_BALLOT_FORM_GRADES);
	PT_CHECK_EQ_INT(pt_ballot_form_kind_of("consensus"), PT_BALLOT_FORM_CONSENSUS);
	PT_CHECK_EQ_INT(pt_ballot_form_kind_of("majority"), PT_BALLOT_FORM_STANCE);
	PT_CHECK_EQ_INT(pt_ballot_form_kind_of(NULL), PT_BALLOT_FORM_SINGLE);
}

PT_TEST(form_single)
{
	pt_value *in = info("plurality", NULL);

	PT_CHECK_STR(read_form(in, map("choice", str("a.b"), NULL), false), "\"a.b\"");
	PT_CHECK_STR(read_form(in, map(NULL), false), "choice: Elige una opción.");
	PT_CHECK_STR(read_form(in, map("choice", str(""), NULL), true), "choice: Choose an option.");
	PT_CHECK_STR(read_form(in, map("choice", str("zz"), NULL), false), "choice: Esa opción no está en la boleta.");
	/* a list where one value is expected is no choice */
	PT_CHECK_STR(read_form(in, map("choice", list(str("a.b"), NULL), NULL), false), "choice: Elige una opción.");
	pt_value_free(in);
}

PT_TEST(form_approval)
{
	pt_value *in = info("approval", map("max_choices", pt_value_int(NULL, 2), NULL));
	pt_value *in2 = info("approval", map("min_choices", pt_value_int(NULL, 2), NULL));

	PT_CHECK_STR(read_form(in, map("choice", list(str("d"), str("a.b"), NULL), NULL), false), "[\"d\",\"a.b\"]");
	/* a repeated value counts once; empty values are no choice */
	PT_CHECK_STR(read_form(in, map("choice", list(str("d"), str(""), str("d"), NULL), NULL), false), "[\"d\"]");
	PT_CHECK_STR(read_form(in, map("choice", list(str("d"), str("c"), str("a.b"), NULL), NULL), false),
		"choice: Puedes elegir hasta 2 opciones.");
	PT_CHECK_STR(read_form(in, map("choice", list(str("d"), str("c"), str("a.b"), NULL), NULL), true),
		"choice: You may choose up to 2 options.");
	PT_CHECK_STR(read_form(in2, map("choice", list(str("d"), NULL), NULL), false), "choice: Elige al menos 2 opciones.");
	PT_CHECK_STR(read_form(in, map(NULL), false), "choice: Elige al menos una opción.");
	PT_CHECK_STR(read_form(in, map("choice", list(str("d"), str("x"), NULL), NULL), false),
		"choice: Esa opción no está en la boleta.");
	/* a map of strings (choice[k]=v) reads as a list */
	PT_CHECK_STR(read_form(in, map("choice", map("7", str("c"), NULL), NULL), false), "[\"c\"]");
	pt_value_free(in);
	pt_value_free(in2);
}

PT_TEST(form_budget)
{
	pt_value *in = info("pb_greedy", map("budget", pt_value_int(NULL, 1000), "max_length", pt_value_int(NULL, 2), NULL));
	pt_value *allow = info_over("pb_greedy", map("budget", pt_value_int(NULL, 1000), NULL), "allow");

	PT_CHECK_STR(read_form(in, map("choice", list(str("a.b"), str("d"), NULL), NULL), false), "[\"a.b\",\"d\"]");
	PT_CHECK_STR(read_form(in, map("choice", list(str("a.b"), str("c"), NULL), NULL), false),
		"choice: Los proyectos que elegiste suman $1,100 y el presupuesto es de $1,000.");
	PT_CHECK_STR(read_form(in, map("choice", list(str("a.b"), str("c"), NULL), NULL), true),
		"choice: The projects you chose add up to $1,100 and the budget is $1,000.");
	PT_CHECK_STR(read_form(in, map("choice", list(str("a.b"), str("c"), str("d"), NULL), NULL), false),
		"choice: Elige a lo más 2 proyectos.");
	PT_CHECK_STR(read_form(in, map(NULL), false), "choice: Elige al menos un proyecto.");
	PT_CHECK_STR(read_form(allow, map("choice", list(str("a.b"), str("c"), NULL), NULL), false), "[\"a.b\",\"c\"]");
	pt_value_free(in);
	pt_value_free(allow);
}

PT_TEST(form_ranked)
{
	pt_value *in = info("irv", NULL);

	PT_CHECK_STR(read_form(in, map("rank", list(str("c"), str("a.b"), str(""), NULL), NULL), false),
		"[\"c\",\"a.b\"]");
	/* a place left empty between two others: the order stays */
	PT_CHECK_STR(read_form(in, map("rank", list(str(""), str("d"), str("c"), NULL), NULL), false), "[\"d\",\"c\"]");
	PT_CHECK_STR(read_form(in, map("rank", list(str("c"), str("c"), NULL), NULL), false),
		"rank: Elegiste «Huerto» en más de un lugar.");
	PT_CHECK_STR(read_form(in, map("rank", list(str("c"), str("c"), NULL), NULL), true),
		"rank: You chose “Huerto” for more than one place.");
	PT_CHECK_STR(read_form(in, map("rank", list(str(""), str(""), NULL), NULL), false),
		"rank: Elige al menos tu primera preferencia.");
	PT_CHECK_STR(read_form(in, map("rank", list(str("nope"), NULL), NULL), false),
		"rank: Esa opción no está en la boleta.");
	PT_CHECK_STR(read_form(in, map("rank", list(list(str("c"), NULL), NULL), NULL), false),
		"rank: Esa opción no está en la boleta.");
	pt_value_free(in);
}

PT_TEST(form_scores)
{
	pt_value *in = info("score", map("min", pt_value_int(NULL, -2), "max", pt_value_int(NULL, 2), NULL));
	pt_value *mj = info("majority_judgment", map("min", pt_value_int(NULL, 0), "max", pt_value_int(NULL, 5), NULL));

	PT_CHECK_STR(read_form(in, map("score", list(str("a.b=2"), str(""), str("d=-2"), NULL), NULL), false),
		"{\"a.b\":2,\"d\":-2}");
	PT_CHECK_STR(read_form(in, map("score", list(str("a.b=3"), NULL), NULL), false),
		"score: La calificación de «Luminarias» debe estar entre -2 y 2.");
	PT_CHECK_STR(read_form(in, map("score", list(str("a.b=1"), str("a.b=0"), NULL), NULL), false),
		"score: Calificaste «Luminarias» dos veces.");
	PT_CHECK_STR(read_form(in, map("score", list(str(""), NULL), NULL), false), "score: Califica al menos una opción.");
	PT_CHECK_STR(read_form(in, map("score", list(str("a.b=x"), NULL), NULL), false),
		"score: Esa opción no está en la boleta.");
	PT_CHECK_STR(read_form(in, map("score", list(str("a.b="), NULL), NULL), false),
		"score: Esa opción no está en la boleta.");
	PT_CHECK_STR(read_form(in, map("score", list(str("zz=1"), NULL), NULL), false),
		"score: Esa opción no está en la boleta.");
	PT_CHECK_STR(read_form(in, map("score", list(str("a.b=99999999999999999999"), NULL), NULL), false),
		"score: Esa opción no está en la boleta.");
	PT_CHECK_STR(read_form(mj, map("score", list(str("c=5"), str("d=0"), NULL), NULL), false), "{\"c\":5,\"d\":0}");
	pt_value_free(in);
	pt_value_free(mj);
}

PT_TEST(form_grade_names)
{
	PT_CHECK_STR(pt_ballot_form_grade_name(0, 5, 5), "Excelente");
	PT_CHECK_STR(pt_ballot_form_grade_name(0, 5, 0), "A rechazar");
	PT_CHECK_STR(pt_ballot_form_grade_name(1, 3, 2), "Aceptable");
	PT_CHECK_STR(pt_ballot_form_grade_name(0, 6, 2), "Regular");
	PT_CHECK_STR(pt_ballot_form_grade_name(0, 6, 1), "Insuficiente");
	PT_CHECK(pt_ballot_form_grade_name(0, 10, 3) == NULL);
	PT_CHECK(pt_ballot_form_grade_name(0, 5, 6) == NULL);
	PT_CHECK(pt_ballot_form_grade_name(3, 3, 3) == NULL);
	/* every name is catalogued */
	for (int n = 2; n <= 7; n++) {
		for (int g = 0; g < n; g++) {
			PT_CHECK(pt_msg_english(pt_ballot_form_grade_name(0, n - 1, g)) != NULL);
		}
	}
}

PT_TEST(form_stances)
{
	pt_value *in = info("consensus", NULL), *mo = info("majority", NULL);

	PT_CHECK_STR(read_form(in, map("stance", str("agree"), "reason", str(""), NULL), false), "\"agree\"");
	PT_CHECK_STR(read_form(in, map("stance", str("abstain"), "reason", str("No estuve"), NULL), false),
		"{\"stance\":\"abstain\",\"reason\":\"No estuve\"}");
	PT_CHECK_STR(read_form(in, map("stance", str("block"), "reason", str("  "), NULL), false),
		"reason: Para bloquear, explica tu razón.");
	PT_CHECK_STR(read_form(in, map("stance", str("block"), NULL), true), "reason: To block, explain your reason.");
	PT_CHECK_STR(read_form(in, map("stance", str("block"), "reason", str("Falta el diagnóstico"), NULL), false),
		"{\"stance\":\"block\",\"reason\":\"Falta el diagnóstico\"}");
	PT_CHECK_STR(read_form(in, map(NULL), false), "stance: Elige tu postura.");
	PT_CHECK_STR(read_form(mo, map("stance", str("block"), NULL), false), "stance: Esa postura no está en la boleta.");
	PT_CHECK_STR(read_form(mo, map("stance", str("agreed"), NULL), false), "stance: Esa postura no está en la boleta.");
	PT_CHECK_STR(read_form(mo, map("stance", str("disagree"), "reason", list(NULL), NULL), false),
		"reason: Escribe tu razón como texto.");
	pt_value_free(in);
	pt_value_free(mo);
}

PT_TEST(form_batch)
{
	pt_value *in = info("plurality", NULL), *ballots = NULL;
	pt_value *rows = list(map("choice", str("c"), NULL), map("choice", str(""), NULL), map(NULL),
		map("choice", str("d"), NULL), NULL);
	const char *field;
	size_t row;
	pt_error err;

	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_ballot_form_batch(in, rows, NULL, &ballots, &row, &field, &err), PT_OK);
	PT_CHECK_STR(pt_test_json(ballots, json, sizeof(json)), "[\"c\",\"d\"]");
	pt_value_setc(rows->u.c.items[2], "choice", str("zz"));
	PT_CHECK_EQ_INT(pt_ballot_form_batch(in, rows, NULL, &ballots, &row, &field, &err), PT_ERR_INVALID);
	PT_CHECK(ballots == NULL);
	PT_CHECK_EQ_INT(row, 3);
	PT_CHECK_STR(field, "choice");
	PT_CHECK_STR(err.message, "Boleta 3 del lote: Esa opción no está en la boleta.");
	PT_CHECK_STR(err.message_en, "Ballot 3 of the batch: That option is not on the ballot.");
	pt_value_free(rows);
	rows = list(map(NULL), NULL);
	PT_CHECK_EQ_INT(pt_ballot_form_batch(in, rows, NULL, &ballots, &row, &field, &err), PT_ERR_INVALID);
	PT_CHECK_STR(err.message, "Captura al menos una boleta del lote.");
	pt_value_free(rows);
	pt_value_free(in);
}

PT_TEST(form_draft)
{
	pt_value *post = map("choice", list(str("c"), pt_value_int(NULL, 3), NULL), "stance", str("block"),
		"reason", str("Porque sí"), "participa_action", str("process.cast"),
		"ballots", list(map("rank", list(str("c"), str(""), NULL), NULL), NULL), NULL);
	pt_value *draft = pt_value_map(NULL);

	PT_CHECK_EQ_INT(pt_ballot_form_draft(post, draft), PT_OK);
	PT_CHECK_STR(pt_test_json(draft, json, sizeof(json)),
		"{\"choice\":[\"c\"],\"stance\":\"block\",\"reason\":\"Porque sí\",\"ballots\":[{\"rank\":[\"c\",\"\"]}]}");
	PT_CHECK(pt_ballot_form_blank(post) == false);
	pt_value_free(post);
	post = map("choice", list(str(""), NULL), "reason", str(" \n"), "other", str("x"), NULL);
	PT_CHECK(pt_ballot_form_blank(post));
	pt_value_free(post);
}

/* Every allocation of a form read failing in turn: no leak, no crash (ASan). */
static int fail_after;

static void *fail_alloc(size_t n, void *ctx)
{
	(void)ctx;
	return fail_after-- > 0 ? malloc(n) : NULL;
}

static void *fail_realloc(void *p, size_t n, void *ctx)
{
	(void)ctx;
	return fail_after-- > 0 ? realloc(p, n) : NULL;
}

static void fail_free(void *p, void *ctx)
{
	(void)ctx;
	free(p);
}

PT_TEST(form_nomem)
{
	static const pt_allocator failing = { fail_alloc, fail_realloc, fail_free, NULL };
	const char *methods[] = { "plurality", "approval", "pb_greedy", "irv", "score", "consensus" };
	pt_value *post = map("choice", list(str("c"), str("d"), NULL), "rank", list(str("d"), str("c"), NULL),
		"score", list(str("c=1"), NULL), "stance", str("block"), "reason", str("r"), NULL);

	for (size_t m = 0; m < sizeof(methods) / sizeof(methods[0]); m++) {
		pt_value *in = info(methods[m], map("budget", pt_value_int(NULL, 100000), NULL));
		pt_value *rows = list(map("choice", str("c"), "rank", list(str("d"), NULL), "score", list(str("d=2"), NULL),
			"stance", str("agree"), NULL), map("choice", str("d"), "rank", list(str("c"), NULL), "stance", str("abstain"),
			NULL), NULL);
		pt_value *ballot = NULL;
		const char *field;
		pt_error err;
		pt_status expected = pt_ballot_form_read(in, post, NULL, &ballot, &field, &err);

		pt_value_free(ballot);
		for (int n = 0; n < 40; n++) {
			pt_value *draft;
			pt_status s;

			ballot = NULL;
			pt_error_clear(&err);
			fail_after = n;
			s = pt_ballot_form_read(in, post, &failing, &ballot, &field, &err);
			if (s != expected && s != PT_ERR_NOMEM) {
				PT_FAIL_AT("%s after %d allocations: %s", methods[m], n, err.message);
			}
			PT_CHECK((s == PT_OK) == (ballot != NULL));
			pt_value_free(ballot);
			fail_after = n;
			{
				pt_value *ballots = NULL;
				size_t row;

				s = pt_ballot_form_batch(in, rows, &failing, &ballots, &row, &field, &err);
				PT_CHECK((s == PT_OK) == (ballots != NULL));
				pt_value_free(ballots);
			}
			fail_after = n;
			if ((draft = pt_value_map(&failing))) {
				pt_ballot_form_draft(post, draft);
				pt_value_free(draft);
			}
		}
		pt_value_free(rows);
		pt_value_free(in);
	}
	pt_value_free(post);
}

/* ---- the status rule (core/process/status.c) ---------------------------------------------- */

static pt_config *cfg;

static const char yaml[] =
	"site: { name: X }\n"
	"database: { socket: /s, name: p, user: u }\n"
	"territories:\n"
	"  - { id: m, name: Municipio, children: [ { id: n, name: Zona Norte }, { id: s, name: Zona Sur } ] }\n"
	"roles:\n"
	"  ciudadano: { can: [vote, propose] }\n"
	"  enlace: { can: [vote, enter_paper_ballots] }\n"
	"  facilitador: { can: [comment], votes: false }\n"
	"assignments:\n"
	"  - { participant: 'st:f', role: facilitador, body: sec }\n"
	"  - { participant: 'st:1', role: ciudadano, body: sec }\n"
	"processes:\n"
	"  - { id: pp, title: Obras, kind: participatory_budget, method: pb_equal_shares, territory: n,\n"
	"      options: { budget: 1000 }, channels: [web, paper],\n"
	"      candidates: [ { id: luz, name: Luminarias, cost: 600 }, { id: agua, name: Agua, cost: 500 } ],\n"
	"      phases: { proposals: [2026-01-01, 2026-01-10], voting: [2026-02-01 10:00, 2026-02-10] } }\n"
	"  - { id: irv, title: Comité, kind: election, method: irv, vote_changes: true, candidates: [a, b, c],\n"
	"      phases: { voting: [2026-02-01, 2026-02-10] } }\n"
	"  - { id: pal, title: Plan, kind: consensus, method: consensus, body: sec, results_visibility: live,\n"
	"      phases: { voting: [2026-02-01, 2026-02-10] } }\n";

static const pt_process_def *def_of(const char *id)
{
	return pt_config_process(cfg, id, strlen(id));
}

/* status() of who (roles, territory) in process id at now: its JSON. */
static const char *status_of(const char *id, int64_t now_offset, const char *who, const char *roles,
	const char *territory, bool banned, bool voted, bool english)
{
	const pt_process_def *d = def_of(id);
	pt_process_clock c = pt_test_clock_at(d, d->voting.start_local + now_offset);
	pt_process_status_facts f = { who, banned, roles, territory, voted };

	return pt_test_json(pt_process_status_value(cfg, d, &c, &f, english, NULL), json, sizeof(json));
}

PT_TEST(status_rule)
{
	PT_CHECK_STR(status_of("pp", 0, NULL, NULL, NULL, false, false, false),
		"{\"process\":\"pp\",\"state\":\"voting\",\"open\":true,\"participant\":null,\"eligible\":false,"
		"\"voice_only\":false,\"eligibility\":\"Inicia sesión para participar en este proceso.\",\"voted\":false,"
		"\"reason\":\"Inicia sesión para participar en este proceso.\",\"can\":{\"vote\":false,\"change_vote\":false,"
		"\"speak\":false,\"propose\":false,\"enter_paper_ballots\":false,\"see_results\":false},"
		"\"results\":\"Los resultados se publican cuando cierre la votación.\"}");
	/* a resident of the north with the default role may vote; a liaison may also enter paper ballots */
	PT_CHECK(strstr(status_of("pp", 0, "wp:1", "", "n", false, false, false),
		"\"can\":{\"vote\":true,\"change_vote\":false,\"speak\":false,\"propose\":false,\"enter_paper_ballots\":false"));
	PT_CHECK(strstr(status_of("pp", 0, "wp:2", "enlace", "n", false, false, false), "\"enter_paper_ballots\":true"));
	/* the residence rule, the ban, the English */
	PT_CHECK(strstr(status_of("pp", 0, "wp:3", "", "s", false, false, false),
		"\"eligibility\":\"Este proceso es solo para quienes viven en Zona Norte.\""));
	PT_CHECK(strstr(status_of("pp", 0, "wp:3", "", "s", false, false, true),
		"\"eligibility\":\"This process is only for people who live in Zona Norte.\""));
	PT_CHECK(strstr(status_of("pp", 0, "wp:4", "", "n", true, false, false),
		"\"eligibility\":\"Tu cuenta está suspendida; no puedes votar.\""));
	/* voted: no second vote here; in a process whose votes change, a change */
	PT_CHECK(strstr(status_of("pp", 0, "wp:1", "", "n", false, true, false),
		"\"reason\":\"Ya emitiste tu voto en este proceso y no se puede cambiar.\""));
	PT_CHECK(strstr(status_of("irv", 0, "wp:1", "", "n", false, true, false), "\"vote\":true,\"change_vote\":true"));
	/* before voting: proposals for who holds propose; after it: closed, nothing to do */
	PT_CHECK(strstr(status_of("pp", -86400 * 25, "wp:1", "", "n", false, false, false),
		"\"state\":\"proposals\",\"open\":false"));
	PT_CHECK(strstr(status_of("pp", -86400 * 25, "wp:1", "", "n", false, false, false), "\"propose\":true"));
	PT_CHECK(strstr(status_of("pp", 86400 * 30, "wp:1", "", "n", false, false, false),
		"\"reason\":\"La votación de este proceso ya cerró.\""));
	/* a consensus: members vote, the facilitator speaks, others are not members */
	PT_CHECK(strstr(status_of("pal", 0, "st:f", "", NULL, false, false, false),
		"\"eligible\":true,\"voice_only\":true"));
	PT_CHECK(strstr(status_of("pal", 0, "st:f", "", NULL, false, false, false), "\"vote\":false,\"change_vote\":false,\"speak\":true"));
	PT_CHECK(strstr(status_of("pal", 0, "st:1", "", NULL, false, false, false), "\"vote\":true"));
	PT_CHECK(strstr(status_of("pal", 0, "wp:1", "", "n", false, false, false),
		"\"eligibility\":\"Solo integrantes de sec participan en este proceso.\""));
}

/* ---- the view model and its HTML (core/fragment/process_view.c, templates/process*.html) ---- */

static const pt_allocator *view_alloc;

/* Process::html()'s data for process id, viewer (facts as above), opts {show, receipt} and extras. */
static pt_value *data_of(const char *id, const char *who, const char *roles, bool voted, const char *show,
	pt_value *extra_key, const char *extra_name)
{
	const pt_process_def *d = def_of(id);
	pt_process_clock c = pt_test_clock_at(d, d->voting.start_local);
	pt_process_status_facts f = { who, false, roles, "n", voted };
	pt_process_row row;
	pt_value *data;

	memset(&row, 0, sizeof(row));
	data = map("info", pt_process_info_value(cfg, d, d, &c, &row, NULL),
		"status", pt_process_status_value(cfg, d, &c, &f, false, NULL),
		"opts", map("show", str(show), "rows", pt_value_int(NULL, 2), NULL),
		"key", str("k2n2k2n2k2n2k2n2k2n2k2n2k2"), NULL);
	if (extra_key) {
		pt_value_setc(data, extra_name, extra_key);
	}
	return data;
}

static pt_fragment_host host_of(const char *lang, const pt_value *outcome)
{
	pt_fragment_host h;

	memset(&h, 0, sizeof(h));
	h.url = "/consulta/?p=3&{params}";
	h.here = "/consulta/?p=3";
	h.instance = "t";
	h.lang = lang;
	h.timezone = "UTC";   /* the test clock reads the YAML's local times as UTC */
	h.token_name = "_wpnonce";
	h.token_value = "n0nce";
	h.outcome = outcome;
	return h;
}

/* The HTML of data for h (data freed), into out (malloc'd; the caller frees), or NULL. */
static char *render(pt_value *data, const pt_fragment_host *h)
{
	pt_value *view = NULL;
	pt_buf out;
	pt_error err;
	char *html = NULL;

	pt_error_clear(&err);
	pt_buf_init(&out, NULL);
	if (pt_fragment_process_view(data, h, view_alloc, &view, &err) == PT_OK
		&& pt_fragment_render("process", view, &out, &err) == PT_OK && out.data) {
		html = strdup(out.data);
	} else if (err.code != PT_ERR_NOMEM) {
		printf("  render: %s\n", err.message);
	}
	pt_value_free(view);
	pt_value_free(data);
	pt_buf_free(&out);
	return html;
}

/* How many times needle occurs in s. */
static int count(const char *s, const char *needle)
{
	int n = 0;

	for (; s && (s = strstr(s, needle)); s += strlen(needle)) {
		n++;
	}
	return n;
}

PT_TEST(view_parts)
{
	pt_fragment_host h = host_of("es", NULL);
	char *html;

	/* auto: the ballot while the viewer may vote */
	html = render(data_of("pp", "wp:1", "", false, "auto", NULL, NULL), &h);
	PT_CHECK(html && strstr(html, "name=\"participa_action\" value=\"process.cast\""));
	PT_CHECK(count(html, "name=\"choice[]\"") == 2);
	PT_CHECK(strstr(html, "data-participa-limit=\"1000\"") && strstr(html, "data-participa-cost=\"600\""));
	PT_CHECK(strstr(html, "Luminarias <span class=\"participa-costo\">($600)</span>"));
	PT_CHECK(strstr(html, "name=\"_wpnonce\" value=\"n0nce\""));
	if (!strstr(html, "Se vota del 1 de febrero de 2026, 10:00 al 10 de febrero de 2026.")) {
		const char *d = strstr(html, "Se vota");

		PT_FAIL_AT("dates: %.80s", d ? d : "(none)");
	}
	free(html);
	/* a voter who may not vote again: the status */
	html = render(data_of("pp", "wp:1", "", true, "auto", NULL, NULL), &h);
	PT_CHECK(html && strstr(html, "id=\"t-status\"") && !strstr(html, "process.cast"));
	PT_CHECK(strstr(html, "Ya votaste: tu voto está registrado."));
	free(html);
	/* the paper part: for a liaison only; rows prefixed per ballot */
	html = render(data_of("pp", "wp:2", "enlace", false, "paper", list(map("batch", str("lote-1"), "status",
		str("pending"), "first_by", str("wp:9"), "ballots", pt_value_int(NULL, 3), NULL), NULL), "batches"), &h);
	PT_CHECK(html && strstr(html, "value=\"process.paper\""));
	PT_CHECK(count(html, "name=\"ballots[1][choice][]\"") == 2);
	PT_CHECK(strstr(html, "Participante") && !strstr(html, "wp:9"));
	PT_CHECK(strstr(html, "Primera captura guardada: falta la segunda, de otra persona."));
	free(html);
	html = render(data_of("pp", "wp:1", "", false, "paper", NULL, NULL), &h);
	PT_CHECK(html && !strstr(html, "process.paper") && strstr(html, "id=\"t-status\""));
	free(html);
	/* the receipt check: a GET form keeping the url's own query, the answer in words */
	html = render(data_of("irv", NULL, NULL, false, "receipt", map("query", str("x"), "found", pt_value_bool(NULL, 1),
		"ballot", str("b>a=c"), "channel", str("paper"), NULL), "receipt"), &h);
	PT_CHECK(html && strstr(html, "method=\"get\" action=\"/consulta/\""));
	PT_CHECK(strstr(html, "<input type=\"hidden\" name=\"p\" value=\"3\">"));
	PT_CHECK(strstr(html, "<input type=\"hidden\" name=\"view\" value=\"receipt\">"));
	PT_CHECK(strstr(html, "Lo que dice tu boleta: 1. b; 2. a = c"));
	PT_CHECK(strstr(html, "Boleta en papel, capturada dos veces."));
	free(html);
	/* English */
	h = host_of("en", NULL);
	html = render(data_of("pal", "st:f", "", false, "auto", NULL, NULL), &h);
	PT_CHECK(html && strstr(html, "lang=\"en\"") && strstr(html, "Stand aside"));
	PT_CHECK(strstr(html, "You have a voice but no vote"));
	PT_CHECK(!strstr(html, "Tu ") && !strstr(html, " de ") && !strstr(html, "ó"));
	free(html);
}

PT_TEST(view_outcomes)
{
	pt_value *refused = map("ok", pt_value_bool(NULL, 0), "action", str("process.cast"),
		"message", str("Elegiste «a» en más de un lugar."), "errors", map("rank", str("Elegiste «a» en más de un lugar."),
		NULL), "draft", map("rank", list(str("b"), str("a"), str(""), NULL), NULL), "form", str("boleta"), NULL);
	pt_value *done = map("ok", pt_value_bool(NULL, 1), "action", str("process.cast"), "message", str("Listo."),
		"receipt", str("abcdefghijkmnpqrstuvwxyz23"), NULL);
	pt_fragment_host h = host_of("es", refused);
	char *html = render(data_of("irv", "wp:1", "", false, "ballot", NULL, NULL), &h);

	PT_CHECK(html && strstr(html, "role=\"alert\">Elegiste «a» en más de un lugar.<"));
	PT_CHECK(strstr(html, "aria-describedby=\"t-boleta-instrucciones t-boleta-error\""));
	PT_CHECK(strstr(html, "<option value=\"b\" selected>b</option>"));
	PT_CHECK(count(html, " selected>") == 2);
	free(html);
	h = host_of("es", done);
	html = render(data_of("irv", "wp:1", "", true, "auto", NULL, NULL), &h);
	PT_CHECK(html && strstr(html, "<code>abcdefghijkmnpqrstuvwxyz23</code>"));
	PT_CHECK(strstr(html, "href=\"/consulta/?p=3&amp;view=receipt\""));
	free(html);
	pt_value_free(refused);
	pt_value_free(done);
}

PT_TEST(view_nomem)
{
	static const pt_allocator failing = { fail_alloc, fail_realloc, fail_free, NULL };
	const char *shows[] = { "ballot", "status", "receipt", "paper" };
	pt_fragment_host h = host_of("es", NULL);

	view_alloc = &failing;
	for (size_t k = 0; k < 4; k++) {
		pt_status s = PT_ERR_NOMEM;

		/* dense at first, then sparser, until the whole view builds */
		for (int n = 0; n < 100000 && s != PT_OK; n += 1 + n / 32) {
			pt_value *data = data_of("pp", "wp:2", "enlace", false, shows[k], map("query", str("x"),
				"error", str("no"), NULL), "receipt"), *view = NULL, *ids;
			pt_error err;

			pt_error_clear(&err);
			fail_after = n;
			s = pt_fragment_process_view(data, &h, &failing, &view, &err);
			PT_CHECK((s == PT_OK) == (view != NULL));
			PT_CHECK(s == PT_OK || s == PT_ERR_NOMEM);
			pt_value_free(view);
			fail_after = n;
			ids = pt_fragment_process_ids(data, &h, &failing);
			pt_value_free(ids);
			pt_value_free(data);
		}
		PT_CHECK_EQ_INT(s, PT_OK);
	}
	view_alloc = NULL;
}

int main(void)
{
	pt_diags diags;
	int rc;

	pt_fragment_set_templates_dir(access("templates/process.html", R_OK) == 0 ? "templates" : "../../templates");
	if (!pt_test_load_config("test_fragment_process", yaml, &cfg, &diags)) {
		return 1;
	}
	PT_RUN(form_kinds);
	PT_RUN(form_single);
	PT_RUN(form_approval);
	PT_RUN(form_budget);
	PT_RUN(form_ranked);
	PT_RUN(form_scores);
	PT_RUN(form_grade_names);
	PT_RUN(form_stances);
	PT_RUN(form_batch);
	PT_RUN(form_draft);
	PT_RUN(form_nomem);
	PT_RUN(status_rule);
	PT_RUN(view_parts);
	PT_RUN(view_outcomes);
	PT_RUN(view_nomem);
	rc = pt_test_summary("test_fragment_process");
	pt_config_free(cfg);
	pt_diags_free(&diags);
	return rc;
}
