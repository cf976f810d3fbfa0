/*
 * core/tally/ballot_shape.h through pt_profile_add_value(): every shape a ballot may take and
 * every refusal of a shape, with the message Tally::count() shows (the binding runs the same
 * walk over its zvals).
 */
#include <stdarg.h>

#include "core/tally/tally.h"
#include "pt_test.h"

/* ---- building values ---------------------------------------------------- */

static pt_value *str(const char *s)
{
	return pt_value_cstr(NULL, s);
}

static pt_value *list(int n, ...)
{
	pt_value *l = pt_value_list(NULL);
	va_list ap;
	int i;

	va_start(ap, n);
	for (i = 0; i < n; i++) {
		pt_value_push(l, va_arg(ap, pt_value *));
	}
	va_end(ap);
	return l;
}

/* map(2, "k1", v1, "k2", v2) */
static pt_value *map(int n, ...)
{
	pt_value *m = pt_value_map(NULL);
	va_list ap;
	int i;

	va_start(ap, n);
	for (i = 0; i < n; i++) {
		const char *k = va_arg(ap, const char *);

		pt_value_set(m, k, strlen(k), va_arg(ap, pt_value *));
	}
	va_end(ap);
	return m;
}

/* Adds v (freed) to p; the status, with err's message in msg. */
static pt_status add(pt_profile *p, pt_value *v, char *msg, size_t size)
{
	pt_error err;
	pt_status st;

	pt_error_clear(&err);
	st = pt_profile_add_value(p, v, &err);
	snprintf(msg, size, "%s", st == PT_OK ? "" : err.message);
	pt_value_free(v);
	return st;
}

static void init(pt_profile *p, pt_tally_options *o, pt_ballot_kind kind)
{
	pt_error err;

	pt_tally_options_init(o);
	pt_error_clear(&err);
	if (pt_profile_init(p, kind, o, NULL, &err) != PT_OK) {
		abort();
	}
}

/* The id of entry i of the profile's items. */
static const char *item_id(const pt_profile *p, size_t i)
{
	return p->ids[p->items[i] & ~PT_RANK_TIED];
}

/* ---- tests ---------------------------------------------------------------- */

PT_TEST(ranking_lists_and_tiers)
{
	pt_tally_options o;
	pt_profile p;
	char msg[300];

	init(&p, &o, PT_BALLOT_RANKING);
	/* ['A', ['B', 'C'], 'D']: C is tied with B, not the first of its tier */
	PT_CHECK_EQ_INT(add(&p, list(3, str("A"), list(2, str("B"), str("C")), str("D")), msg, sizeof(msg)), PT_OK);
	PT_CHECK_EQ_INT(p.n, 1);
	PT_CHECK_EQ_INT(p.nitems, 4);
	PT_CHECK_STR(item_id(&p, 2), "C");
	PT_CHECK((p.items[1] & PT_RANK_TIED) == 0);
	PT_CHECK((p.items[2] & PT_RANK_TIED) != 0);
	PT_CHECK((p.items[3] & PT_RANK_TIED) == 0);
	/* a string is the 'A>B=C' text; int ids are their digits, with the sign */
	PT_CHECK_EQ_INT(add(&p, str("D>A=B"), msg, sizeof(msg)), PT_OK);
	PT_CHECK_EQ_INT(add(&p, list(2, pt_value_int(NULL, 42), pt_value_int(NULL, -7)), msg, sizeof(msg)), PT_OK);
	PT_CHECK_STR(item_id(&p, p.nitems - 2), "42");
	PT_CHECK_STR(item_id(&p, p.nitems - 1), "-7");
	/* a map's members, in order: the keys do not matter */
	PT_CHECK_EQ_INT(add(&p, map(2, "x", str("B"), "y", str("A")), msg, sizeof(msg)), PT_OK);
	PT_CHECK_STR(item_id(&p, p.nitems - 2), "B");
	PT_CHECK_EQ_INT(p.n, 4);
	pt_profile_free(&p);
}

PT_TEST(ranking_refusals)
{
	pt_tally_options o;
	pt_profile p;
	char msg[300];

	init(&p, &o, PT_BALLOT_RANKING);
	PT_CHECK_EQ_INT(add(&p, pt_value_int(NULL, 3), msg, sizeof(msg)), PT_ERR_INVALID);
	PT_CHECK_STR(msg, "boleta 0: una clasificación debe ser un texto 'A>B=C' o una lista");
	PT_CHECK_EQ_INT(add(&p, list(2, str("A"), pt_value_bool(NULL, 1)), msg, sizeof(msg)), PT_ERR_INVALID);
	PT_CHECK_STR(msg, "boleta 1: un candidato debe ser un texto");
	/* inside a tier too; a value deeper than a tier is no id */
	PT_CHECK_EQ_INT(add(&p, list(1, list(2, str("A"), list(1, str("B")))), msg, sizeof(msg)), PT_ERR_INVALID);
	PT_CHECK_STR(msg, "boleta 2: un candidato debe ser un texto");
	PT_CHECK_EQ_INT(add(&p, list(1, pt_value_real(NULL, 1.5)), msg, sizeof(msg)), PT_ERR_INVALID);
	PT_CHECK_STR(msg, "boleta 3: un candidato debe ser un texto");
	/* the first problem is the one reported */
	PT_CHECK_EQ_INT(add(&p, list(3, str("A"), str("A"), pt_value_null(NULL)), msg, sizeof(msg)), PT_ERR_INVALID);
	PT_CHECK_STR(msg, "boleta 4: candidato repetido 'A'");
	PT_CHECK_EQ_INT(p.n, 0);
	pt_profile_free(&p);
}

PT_TEST(weight_wrapper)
{
	pt_tally_options o;
	pt_profile p;
	char msg[300];

	init(&p, &o, PT_BALLOT_RANKING);
	PT_CHECK_EQ_INT(add(&p, map(2, "weight", pt_value_int(NULL, 3), "ballot", str("A>B")), msg, sizeof(msg)), PT_OK);
	PT_CHECK_EQ_INT(add(&p, map(2, "ballot", list(2, str("B"), str("A")), "weight", pt_value_int(NULL, 2)), msg,
		sizeof(msg)), PT_OK);
	/* no weight: 1 */
	PT_CHECK_EQ_INT(add(&p, map(1, "ballot", list(1, str("A"))), msg, sizeof(msg)), PT_OK);
	PT_CHECK_EQ_INT(p.n, 3);
	PT_CHECK_EQ_INT(p.weights[0], 3);
	PT_CHECK_EQ_INT(p.weights[1], 2);
	PT_CHECK_EQ_INT(p.weights[2], 1);
	PT_CHECK_EQ_INT(add(&p, map(2, "weight", str("3"), "ballot", str("A")), msg, sizeof(msg)), PT_ERR_INVALID);
	PT_CHECK_STR(msg, "boleta 3: el peso debe ser un entero");
	PT_CHECK_EQ_INT(add(&p, map(2, "weight", pt_value_int(NULL, -1), "ballot", list(1, str("A"))), msg, sizeof(msg)),
		PT_ERR_INVALID);
	PT_CHECK_STR(msg, "boleta 4: peso negativo (-1)");
	/* without "ballot" a map is a ranking of its members: here candidate "2" */
	PT_CHECK_EQ_INT(add(&p, map(1, "weight", pt_value_int(NULL, 2)), msg, sizeof(msg)), PT_OK);
	PT_CHECK_STR(item_id(&p, p.nitems - 1), "2");
	PT_CHECK_EQ_INT(p.weights[3], 1);
	pt_profile_free(&p);
}

PT_TEST(approval)
{
	pt_tally_options o;
	pt_profile p;
	char msg[300];

	init(&p, &o, PT_BALLOT_APPROVAL);
	PT_CHECK_EQ_INT(add(&p, str("A"), msg, sizeof(msg)), PT_OK);
	PT_CHECK_EQ_INT(add(&p, pt_value_int(NULL, 7), msg, sizeof(msg)), PT_OK);
	PT_CHECK_EQ_INT(add(&p, list(2, str("A"), str("B")), msg, sizeof(msg)), PT_OK);
	PT_CHECK_EQ_INT(p.n, 3);
	PT_CHECK_STR(item_id(&p, 1), "7");
	PT_CHECK_EQ_INT(add(&p, list(1, pt_value_null(NULL)), msg, sizeof(msg)), PT_ERR_INVALID);
	PT_CHECK_STR(msg, "boleta 3: una aprobación debe nombrar candidatos");
	PT_CHECK_EQ_INT(add(&p, pt_value_bool(NULL, 1), msg, sizeof(msg)), PT_ERR_INVALID);
	PT_CHECK_STR(msg, "boleta 4: una boleta de aprobación debe ser una lista de candidatos");
	pt_profile_free(&p);
}

PT_TEST(scores)
{
	pt_tally_options o;
	pt_profile p;
	char msg[300];

	init(&p, &o, PT_BALLOT_SCORE);
	o.min = 0;
	o.max = 5;
	PT_CHECK_EQ_INT(add(&p, map(2, "A", pt_value_int(NULL, 4), "B", pt_value_int(NULL, 2)), msg, sizeof(msg)), PT_OK);
	PT_CHECK_EQ_INT(p.values[0], 4);
	PT_CHECK_EQ_INT(p.values[1], 2);
	/* a list's ids are its positions */
	PT_CHECK_EQ_INT(add(&p, list(2, pt_value_int(NULL, 3), pt_value_int(NULL, 1)), msg, sizeof(msg)), PT_OK);
	PT_CHECK_STR(item_id(&p, 2), "0");
	PT_CHECK_STR(item_id(&p, 3), "1");
	PT_CHECK_EQ_INT(add(&p, map(1, "A", str("4")), msg, sizeof(msg)), PT_ERR_INVALID);
	PT_CHECK_STR(msg, "boleta 2: una calificación debe ser un entero");
	PT_CHECK_EQ_INT(add(&p, str("A"), msg, sizeof(msg)), PT_ERR_INVALID);
	PT_CHECK_STR(msg, "boleta 3: una boleta de calificaciones debe ser ['A' => 4, ...]");
	PT_CHECK_EQ_INT(add(&p, map(1, "A", pt_value_int(NULL, 9)), msg, sizeof(msg)), PT_ERR_INVALID);
	PT_CHECK(strstr(msg, "calificación fuera de rango para 'A': 9") != NULL);
	pt_profile_free(&p);
}

PT_TEST(stances)
{
	pt_tally_options o;
	pt_profile p;
	char msg[300];

	init(&p, &o, PT_BALLOT_STANCE);
	PT_CHECK_EQ_INT(add(&p, str("yes"), msg, sizeof(msg)), PT_OK);
	PT_CHECK_EQ_INT(add(&p, map(4, "stance", str("block"), "role", str("member"), "reason", str("sin presupuesto"),
		"voter", pt_value_int(NULL, 12)), msg, sizeof(msg)), PT_OK);
	PT_CHECK_EQ_INT(add(&p, map(3, "stance", str("no"), "role", pt_value_null(NULL), "voter", pt_value_null(NULL)),
		msg, sizeof(msg)), PT_OK);
	PT_CHECK_EQ_INT(p.n, 3);
	PT_CHECK_EQ_INT(p.stances[0].stance, PT_STANCE_AGREE);
	PT_CHECK_EQ_INT(p.stances[1].stance, PT_STANCE_BLOCK);
	PT_CHECK(p.stances[1].reason && strcmp(p.stances[1].reason, "sin presupuesto") == 0);
	PT_CHECK(p.stances[1].voter && strcmp(p.stances[1].voter, "12") == 0);
	PT_CHECK(p.stances[2].voter == NULL && p.stances[2].reason == NULL);
	PT_CHECK_EQ_INT(add(&p, str("maybe"), msg, sizeof(msg)), PT_ERR_INVALID);
	PT_CHECK_STR(msg, "boleta 3: postura desconocida (se espera agree, abstain, disagree o block)");
	PT_CHECK_EQ_INT(add(&p, map(1, "stance", pt_value_int(NULL, 1)), msg, sizeof(msg)), PT_ERR_INVALID);
	PT_CHECK_STR(msg, "boleta 4: postura desconocida (se espera agree, abstain, disagree o block)");
	PT_CHECK_EQ_INT(add(&p, map(2, "stance", str("agree"), "role", pt_value_int(NULL, 3)), msg, sizeof(msg)),
		PT_ERR_INVALID);
	PT_CHECK_STR(msg, "boleta 5: el rol y la razón deben ser textos");
	PT_CHECK_EQ_INT(add(&p, map(2, "stance", str("agree"), "voter", list(0)), msg, sizeof(msg)), PT_ERR_INVALID);
	PT_CHECK_STR(msg, "boleta 6: el votante debe ser un texto");
	pt_profile_free(&p);
}

/* With count_invalid a shape problem spoils the ballot instead of failing the count. */
PT_TEST(spoiled_when_counting_invalid)
{
	pt_tally_options o;
	pt_profile p;
	char msg[300];

	init(&p, &o, PT_BALLOT_APPROVAL);
	o.count_invalid = 1;
	PT_CHECK_EQ_INT(add(&p, pt_value_bool(NULL, 0), msg, sizeof(msg)), PT_OK);
	PT_CHECK_EQ_INT(add(&p, list(1, str("A")), msg, sizeof(msg)), PT_OK);
	PT_CHECK_EQ_INT(p.n, 1);
	pt_profile_free(&p);
}

int main(void)
{
	PT_RUN(ranking_lists_and_tiers);
	PT_RUN(ranking_refusals);
	PT_RUN(weight_wrapper);
	PT_RUN(approval);
	PT_RUN(scores);
	PT_RUN(stances);
	PT_RUN(spoiled_when_counting_invalid);
	return pt_test_summary("test_tally_ballot_shape");
}
