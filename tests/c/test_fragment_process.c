/*
 * tests/c: the process fragments' rules: the ballot form and the ballot it
 * stands for (core/fragment/ballot_form.c), the status rule
 * (core/process/status.c) and the view model (core/fragment/process_view.c).
 */
#include "core/common/json_write.h"
#include "pt_test.h"
#include "core/fragment/ballot_form.h"
#include "core/common/messages.h"

#include <stdarg.h>

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

int main(void)
{
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
	return pt_test_summary("test_fragment_process");
}
