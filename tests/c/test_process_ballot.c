/*
 * A cast's ballot, a paper batch's ballots and propose()'s option array, read in core from the
 * host's converted value (core/process/ballot.c pt_process_ballot_value(), records.c
 * pt_process_paper_list_read(), process_rules.c pt_process_option_from_value()): no server.
 */
#include "pt_test.h"
#include "pt_test_config.h"
#include "core/process/ballot.h"
#include "core/process/process_rules.h"
#include "core/process/records.h"
#include "io/site/config_load.h"

static pt_config *cfg;

static const char yaml[] =
	"site: { name: X }\n"
	"database: { socket: /s, name: p, user: u }\n"
	"territories:\n"
	"  - { id: m, name: Municipio, children: [ { id: n, name: Norte } ] }\n"
	"roles:\n"
	"  ciudadano: { can: [vote, propose] }\n"
	"processes:\n"
	"  - { id: rk, title: Rk, kind: election, method: schulze, candidates: [a, b, c, '7'],\n"
	"      phases: { voting: [2026-02-01, 2026-02-10] } }\n"
	"  - { id: ap, title: Ap, kind: poll, method: approval, candidates: [a, b],\n"
	"      phases: { voting: [2026-02-01, 2026-02-10] } }\n"
	"  - { id: cs, title: Cs, kind: consensus, method: consensus, phases: { voting: [2026-02-01, 2026-02-10] } }\n"
	"  - { id: pp, title: PP, kind: participatory_budget, method: pb_greedy, options: { budget: 100, over_budget: refuse },\n"
	"      projects: [ { id: x, cost: 60 }, { id: y, cost: 50 } ], phases: { voting: [2026-01-01, 2026-01-02] } }\n";

static const pt_process_def *def_of(const char *id)
{
	return pt_config_process(cfg, id, strlen(id));
}

static pt_value *str(const char *s)
{
	return pt_value_cstr(NULL, s);
}

static pt_value *list(int n, pt_value *a, pt_value *b)
{
	pt_value *l = pt_value_list(NULL);

	if (n > 0) {
		pt_value_push(l, a);
	}
	if (n > 1) {
		pt_value_push(l, b);
	}
	return l;
}

static pt_value *map(const char *k1, pt_value *v1, const char *k2, pt_value *v2)
{
	pt_value *m = pt_value_map(NULL);

	pt_value_setc(m, k1, v1);
	if (k2) {
		pt_value_setc(m, k2, v2);
	}
	return m;
}

/* The ballot v (freed) of process id: its canonical text, or the refusal. */
static const char *ballot(const char *id, pt_value *v, char *out, size_t size, char *reason, size_t rsize)
{
	const char *r;
	size_t rlen;
	pt_error err;
	pt_buf b;

	pt_buf_init(&b, NULL);
	pt_error_clear(&err);
	if (pt_process_ballot_value(def_of(id), v, NULL, &b, &r, &rlen, &err) == PT_OK) {
		snprintf(out, size, "%.*s", (int)b.len, b.data ? b.data : "");
		snprintf(reason, rsize, "%.*s", r ? (int)rlen : 6, r ? r : "(none)");
	} else {
		snprintf(out, size, "%s", err.message);
	}
	pt_buf_free(&b);
	pt_value_free(v);
	return out;
}

#define BALLOT(id, v) ballot(id, v, buf, sizeof(buf), why, sizeof(why))

PT_TEST(rankings_and_approvals)
{
	char buf[300], why[64];

	PT_CHECK_STR(BALLOT("rk", str("b>a")), "b>a");
	PT_CHECK_STR(BALLOT("rk", list(2, str("a"), list(2, str("b"), pt_value_int(NULL, 7)))), "a>b=7");
	PT_CHECK_STR(BALLOT("rk", map("ballot", str("c>a"), NULL, NULL)), "c>a");
	PT_CHECK_STR(BALLOT("rk", map("weight", pt_value_int(NULL, 1), "ballot", str("a"))),
		"Boleta inválida: una persona, un voto (no se aceptan pesos).");
	PT_CHECK_STR(BALLOT("rk", list(1, pt_value_host(NULL, "1.5", 3), NULL)), "Boleta inválida: un candidato debe ser un texto");
	PT_CHECK_STR(BALLOT("rk", pt_value_int(NULL, 5)),
		"Boleta inválida: una clasificación debe ser un texto 'A>B=C' o una lista");
	PT_CHECK_STR(BALLOT("rk", list(1, str("z"), NULL)), "Boleta inválida: candidato desconocido 'z'");
	PT_CHECK_STR(BALLOT("ap", str("a")), "a");
	PT_CHECK_STR(BALLOT("ap", list(1, pt_value_null(NULL), NULL)), "Boleta inválida: una aprobación debe nombrar candidatos");
	PT_CHECK_STR(BALLOT("pp", list(2, str("x"), str("y"))),
		"Boleta inválida: los proyectos elegidos cuestan 110 en total y el presupuesto es de 100.");
	PT_CHECK_STR(BALLOT("pp", list(1, str("y"), NULL)), "y");
	PT_CHECK(strstr(ballot("rk", NULL, buf, sizeof(buf), why, sizeof(why)), "out of memory") != NULL);
}

PT_TEST(stances)
{
	char buf[300], why[64];

	PT_CHECK_STR(BALLOT("cs", str("agree")), "agree");
	PT_CHECK_STR(why, "(none)");
	PT_CHECK_STR(BALLOT("cs", map("stance", str("block"), "reason", str("sin estudio"))), "block");
	PT_CHECK_STR(why, "sin estudio");
	/* an empty reason is none */
	PT_CHECK_STR(BALLOT("cs", map("stance", str("no"), "reason", str(""))), "disagree");
	PT_CHECK_STR(why, "(none)");
	PT_CHECK_STR(BALLOT("cs", map("stance", str("agree"), "reason", pt_value_null(NULL))), "agree");
	PT_CHECK_STR(BALLOT("cs", map("stance", str("agree"), "reason", pt_value_int(NULL, 5))),
		"Boleta inválida: la razón debe ser un texto.");
	PT_CHECK_STR(BALLOT("cs", map("stance", str("agree"), "role", str("x"))),
		"Boleta inválida: se espera ['stance' => ..., 'reason' => ...].");
	PT_CHECK_STR(BALLOT("cs", list(1, str("agree"), NULL)), "Boleta inválida: se espera ['stance' => ..., 'reason' => ...].");
	/* an empty array has no key: no stance */
	PT_CHECK_STR(BALLOT("cs", list(0, NULL, NULL)),
		"Boleta inválida: postura desconocida (se espera agree, abstain, disagree o block).");
	PT_CHECK_STR(BALLOT("cs", pt_value_int(NULL, 5)),
		"Boleta inválida: postura desconocida (se espera agree, abstain, disagree o block).");
}

PT_TEST(paper_batch_keeps_reasons)
{
	pt_process_paper_list l;
	pt_value *v;
	pt_error err;

	pt_error_clear(&err);
	PT_CHECK(pt_process_paper_list_init(&l, 3, NULL, &err) == PT_OK);
	v = map("stance", str("block"), "reason", str("r1"));
	PT_CHECK(pt_process_paper_list_read(&l, 0, def_of("cs"), v, &err) == PT_OK);
	pt_value_free(v);   /* the list keeps its own copy */
	v = str("agree");
	PT_CHECK(pt_process_paper_list_read(&l, 1, def_of("cs"), v, &err) == PT_OK);
	pt_value_free(v);
	v = str("maybe");
	PT_CHECK_EQ_INT(pt_process_paper_list_read(&l, 2, def_of("cs"), v, &err), PT_ERR_INVALID);
	pt_value_free(v);
	PT_CHECK(l.items[0].reason && l.items[0].reason_len == 2 && memcmp(l.items[0].reason, "r1", 2) == 0);
	PT_CHECK(l.items[0].ballot_len == 5 && memcmp(l.items[0].ballot, "block", 5) == 0);
	PT_CHECK(l.items[1].reason == NULL && l.items[1].reason_len == 0);
	pt_process_paper_list_free(&l);
}

/* propose()'s option; cost as PHP's is_numeric_string() reads an integer. */
static int cost_of(const char *text, int64_t *cost)
{
	pt_process_option_in o;
	pt_value *v = map("id", str("x"), "cost", str(text));
	pt_error err;
	bool ok;

	pt_error_clear(&err);
	ok = pt_process_option_from_value(v, &o, &err);
	pt_value_free(v);
	*cost = o.cost;
	return ok && o.cost_given ? o.cost_integer : -1;
}

PT_TEST(option_arrays)
{
	static const struct { const char *text; int integer; int64_t cost; } costs[] = {
		{ "200", 1, 200 }, { " 50 ", 1, 50 }, { "+7", 1, 7 }, { "\v\f12\n", 1, 12 }, { "00012", 1, 12 },
		{ "-5", 1, -5 }, { "9223372036854775807", 1, INT64_MAX }, { "-9223372036854775808", 1, INT64_MIN },
		{ "9223372036854775808", 0, 0 }, { "99999999999999999999", 0, 0 }, { "1.0", 0, 0 }, { "1e2", 0, 0 },
		{ "0x10", 0, 0 }, { "", 0, 0 }, { " ", 0, 0 }, { " - 5", 0, 0 }, { "5 x", 0, 0 }, { "-", 0, 0 },
	};
	pt_process_option_in o;
	pt_value *v;
	pt_error err;
	int64_t cost;
	size_t i;

	for (i = 0; i < sizeof(costs) / sizeof(costs[0]); i++) {
		int integer = cost_of(costs[i].text, &cost);

		if (integer != costs[i].integer || (integer && cost != costs[i].cost)) {
			PT_FAIL_AT("cost '%s': integer %d (%lld)", costs[i].text, integer, (long long)cost);
		}
	}
	/* a NUL byte is no blank */
	v = map("cost", pt_value_string(NULL, "5\0", 2), NULL, NULL);
	PT_CHECK(pt_process_option_from_value(v, &o, &err) && o.cost_given && !o.cost_integer);
	pt_value_free(v);
	v = map("name", str("N"), "cost", pt_value_int(NULL, 40));
	PT_CHECK(pt_process_option_from_value(v, &o, &err) && o.cost_integer && o.cost == 40 && o.name_len == 1);
	PT_CHECK(o.id == NULL && !o.territory_given);
	pt_value_free(v);
	v = map("title", str("T"), "territory", pt_value_int(NULL, 5));
	PT_CHECK(pt_process_option_from_value(v, &o, &err) && strcmp(o.name, "T") == 0 && o.territory_given && !o.territory);
	pt_value_free(v);
	v = map("name", str("N"), "title", str("T"));
	PT_CHECK(!pt_process_option_from_value(v, &o, &err));
	PT_CHECK_STR(err.message, "give \"name\" or \"title\", not both");
	pt_value_free(v);
	v = map("id", str("x"), "x", pt_value_int(NULL, 1));
	PT_CHECK(!pt_process_option_from_value(v, &o, &err));
	PT_CHECK_STR(err.message, "may only contain \"id\", \"name\" (or \"title\"), \"cost\" and \"territory\"");
	pt_value_free(v);
	v = list(1, str("a"), NULL);
	PT_CHECK(!pt_process_option_from_value(v, &o, &err));
	pt_value_free(v);
	v = list(0, NULL, NULL);
	PT_CHECK(pt_process_option_from_value(v, &o, &err) && !o.id && !o.name && !o.cost_given);
	pt_value_free(v);
}

int main(void)
{
	pt_diags diags;
	int rc;

	if (!pt_test_load_config("test_process_ballot", yaml, &cfg, &diags)) {
		return 1;
	}
	PT_RUN(rankings_and_approvals);
	PT_RUN(stances);
	PT_RUN(paper_batch_keeps_reasons);
	PT_RUN(option_arrays);
	rc = pt_test_summary("test_process_ballot");
	pt_config_free(cfg);
	pt_diags_free(&diags);
	return rc;
}
