/* Unit tests of the processes: section (ext/core/process/config_processes.c). */
#include "pt_test.h"
#include "core/site/site_config.h"
#include "core/process/config_processes.h"
#include "io/site/config_load.h"
#include "io/process/process_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static pt_diags diags;
static pt_config *cfg;

static pt_status build(const char *processes)
{
	char yaml[8192];

	pt_config_free(cfg);
	cfg = NULL;
	pt_diags_free(&diags);
	pt_diags_init(&diags);
	snprintf(yaml, sizeof(yaml),
		"site: { name: X }\n"
		"database: { socket: /s, name: p, user: u }\n"
		"territories:\n"
		"  - { id: m, name: M, children: [ { id: n, name: N }, { id: s, name: S } ] }\n"
		"roles:\n"
		"  ciudadano: { can: [vote] }\n"
		"  facilitador: { can: [comment], votes: false }\n"
		"assignments:\n"
		"  - { participant: 'wp:1', role: facilitador, body: st }\n"
		"processes:\n%s", processes);
	return pt_config_load_string("c.yaml", yaml, strlen(yaml), &cfg, &diags);
}

static int has_diag(unsigned line, const char *fragment)
{
	size_t i;

	for (i = 0; i < diags.count; i++) {
		if (diags.items[i].line == line && strstr(diags.items[i].message, fragment)) {
			return 1;
		}
	}
	for (i = 0; i < diags.count; i++) {
		printf("  %u:%u: %s\n", diags.items[i].line, diags.items[i].column, diags.items[i].message);
	}
	return 0;
}

PT_TEST(dates)
{
	int64_t s;
	bool date_only;
	int y, mo, d, h, mi, se;

	PT_CHECK(pt_parse_local_datetime("1970-01-01", 10, &s, &date_only) && s == 0 && date_only);
	PT_CHECK(pt_parse_local_datetime("2026-03-01 09:30", 16, &s, &date_only) && !date_only);
	PT_CHECK_EQ_INT(s, 1772357400);
	pt_local_fields(s, &y, &mo, &d, &h, &mi, &se);
	PT_CHECK(y == 2026 && mo == 3 && d == 1 && h == 9 && mi == 30 && se == 0);
	PT_CHECK(pt_parse_local_datetime("2024-02-29T23:59:59", 19, &s, &date_only));
	PT_CHECK(!pt_parse_local_datetime("2026-02-29", 10, &s, &date_only));
	PT_CHECK(!pt_parse_local_datetime("2026-13-01", 10, &s, &date_only));
	PT_CHECK(!pt_parse_local_datetime("2026-01-01 24:00", 16, &s, &date_only));
	PT_CHECK(!pt_parse_local_datetime("2026-1-01", 9, &s, &date_only));
	PT_CHECK(!pt_parse_local_datetime("2026-01-01 10:00:0", 18, &s, &date_only));
}

PT_TEST(a_valid_process)
{
	const pt_process_def *p;

	PT_CHECK_EQ_INT(build(
		"  - id: pp\n"
		"    title: PP\n"
		"    kind: participatory_budget\n"
		"    method: pb_equal_shares\n"
		"    options: { budget: 1000, completion: add1 }\n"
		"    territory: n\n"
		"    phases: { voting: [2026-03-01, 2026-03-15], results: 2026-03-20 }\n"
		"    channels: [web, paper]\n"
		"    projects: [ { id: a, cost: 600 }, { id: b, cost: 400, territory: n } ]\n"), PT_OK);
	p = pt_config_process(cfg, "pp", 2);
	PT_CHECK(p != NULL);
	if (!p) return;
	PT_CHECK_STR(p->method->id, "pb_equal_shares");
	PT_CHECK(p->secret && !p->vote_changes && p->visibility == PT_RESULTS_AFTER_CLOSE);
	PT_CHECK_EQ_INT(p->channels, PT_CHANNEL_WEB | PT_CHANNEL_PAPER);
	PT_CHECK_EQ_INT(p->candidate_count, 2);
	PT_CHECK(p->tally.pb_costs && p->tally.pb_costs[1] == 400 && p->tally.pb_budget == 1000);
	/* a date alone as an end is the whole day */
	PT_CHECK_EQ_INT(p->voting.end_local - p->voting.start_local, 15 * 86400);
	PT_CHECK(p->results.set && !p->results.has_end);
	PT_CHECK(p->digest && strlen(p->digest) == 64);
	PT_CHECK_EQ_INT(pt_process_candidate_find(p, "b", 1), 1);
	PT_CHECK(pt_config_process(cfg, "zz", 2) == NULL);
}

PT_TEST(consensus_voice_and_body)
{
	const pt_process_def *p;

	PT_CHECK_EQ_INT(build(
		"  - { id: c, title: C, kind: consensus, method: consensus, body: st, options: { block_requires_reason: true },\n"
		"      phases: { voting: [2026-01-01, 2026-01-02] } }\n"), PT_OK);
	p = pt_config_process(cfg, "c", 1);
	PT_CHECK(p && !p->secret && p->body && p->tally.block_requires_reason);
	PT_CHECK(p && p->voice_only_count == 1 && strcmp(p->voice_only[0], "facilitador") == 0);
}

PT_TEST(errors_have_positions)
{
	PT_CHECK_EQ_INT(build(
		"  - id: Bad\n"                                                           /* 11 */
		"    title: T\n"
		"    kind: poll\n"
		"    method: irv\n"
		"    options: { quota: hare, seats: 0 }\n"                                 /* 15 */
		"    roles: [facilitador]\n"                                              /* 16 */
		"    phases: { voting: [2026-01-02, 2026-01-01], extra: [2026-01-01, 2026-01-02] }\n" /* 17 */
		"    candidates: [a, a, 'x:y']\n"                                         /* 18 */
		"  - { id: q, title: Q, kind: council_vote, method: majority, quorum: 2/3, body: nadie,\n" /* 19 */
		"      phases: { voting: { from: 2026-01-01 } } }\n"), PT_ERR_CONFIG);    /* 20 */
	PT_CHECK(has_diag(11, "is not a valid id"));
	PT_CHECK(has_diag(15, "option 'quota' does not apply to method 'irv'"));
	PT_CHECK(has_diag(15, "option seats of"));
	PT_CHECK(has_diag(16, "votes: false"));
	PT_CHECK(has_diag(17, "ends before it starts"));
	PT_CHECK(has_diag(17, "unknown key 'extra'"));
	PT_CHECK(has_diag(18, "duplicate id 'a'"));
	PT_CHECK(has_diag(18, "is not a valid id"));
	PT_CHECK(has_diag(19, "needs 'electorate'"));
	PT_CHECK(has_diag(19, "no assignment names the body 'nadie'"));
	PT_CHECK(has_diag(20, "needs an end date"));
}

PT_TEST(sample_processes)
{
	pt_config *c = NULL;
	pt_diags d;
	const char *const paths[] = { "examples/sample-municipality.yaml", "../../examples/sample-municipality.yaml" };
	size_t i;
	pt_status s = PT_ERR_IO;

	for (i = 0; i < 2 && s == PT_ERR_IO; i++) {
		pt_diags_init(&d);
		s = pt_config_load_file(paths[i], &c, &d);
		if (s != PT_OK) {
			pt_diags_free(&d);
		}
	}
	PT_CHECK_EQ_INT(s, PT_OK);
	if (s != PT_OK) return;
	PT_CHECK(c->processes && c->processes->count == 3);
	PT_CHECK(pt_config_process(c, "consejo-2026-04", 15) && pt_config_process(c, "consejo-2026-04", 15)->tally.has_quorum);
	pt_config_free(c);
	pt_diags_free(&d);
}

PT_TEST(secret_results_before_close)
{
	const pt_process_def *p;

	/* issue 13, item 1: a secret process cannot show results before close */
	PT_CHECK_EQ_INT(build(
		"  - { id: a, title: A, kind: poll, method: plurality, candidates: [x, y], results_visibility: live,\n"  /* 11 */
		"      phases: { voting: [2026-01-01, 2026-01-02] } }\n"
		"  - { id: b, title: B, kind: election, method: irv, candidates: [x, y], secrecy: secret,\n"          /* 13 */
		"      results_visibility: after_vote, phases: { voting: [2026-01-01, 2026-01-02] } }\n"),           /* 14 */
		PT_ERR_CONFIG);
	PT_CHECK(has_diag(11, "results_visibility of process 'a': a secret process cannot show results before voting closes (live"));
	PT_CHECK(has_diag(14, "results_visibility of process 'b': a secret process cannot show results before voting closes (after_vote"));
	PT_CHECK_EQ_INT(diags.count, 2);
	/* public, or after_close: fine */
	PT_CHECK_EQ_INT(build(
		"  - { id: a, title: A, kind: poll, method: plurality, candidates: [x, y], results_visibility: live,\n"
		"      secrecy: public, phases: { voting: [2026-01-01, 2026-01-02] } }\n"
		"  - { id: b, title: B, kind: poll, method: plurality, candidates: [x, y], results_visibility: after_close,\n"
		"      phases: { voting: [2026-01-01, 2026-01-02] } }\n"
		"  - { id: c, title: C, kind: council_vote, method: majority, results_visibility: after_vote,\n"
		"      phases: { voting: [2026-01-01, 2026-01-02] } }\n"), PT_OK);
	p = pt_config_process(cfg, "a", 1);
	PT_CHECK(p && !p->secret && p->visibility == PT_RESULTS_LIVE);
	p = pt_config_process(cfg, "c", 1);
	PT_CHECK(p && !p->secret && p->visibility == PT_RESULTS_AFTER_VOTE);
}

PT_TEST(over_budget_option)
{
	const pt_process_def *p;

	/* issue 13, item 5: refuse (the default) or allow ballots over the budget */
	PT_CHECK_EQ_INT(build(
		"  - { id: a, title: A, kind: participatory_budget, method: pb_greedy, options: { budget: 100 },\n"
		"      phases: { voting: [2026-01-01, 2026-01-02] }, projects: [ { id: x, cost: 60 }, { id: y, cost: 50 } ] }\n"
		"  - { id: b, title: B, kind: participatory_budget, method: pb_equal_shares,\n"
		"      options: { budget: 100, over_budget: allow },\n"
		"      phases: { voting: [2026-01-01, 2026-01-02] }, projects: [ { id: x, cost: 60 }, { id: y, cost: 50 } ] }\n"
		"  - { id: c, title: C, kind: participatory_budget, method: pb_greedy, options: { budget: 100, over_budget: refuse },\n"
		"      phases: { voting: [2026-01-01, 2026-01-02] }, projects: [ { id: x, cost: 60 } ] }\n"), PT_OK);
	p = pt_config_process(cfg, "a", 1);
	PT_CHECK(p && !p->allow_over_budget);
	p = pt_config_process(cfg, "b", 1);
	PT_CHECK(p && p->allow_over_budget);
	p = pt_config_process(cfg, "c", 1);
	PT_CHECK(p && !p->allow_over_budget);
	PT_CHECK_EQ_INT(build(
		"  - { id: a, title: A, kind: participatory_budget, method: pb_greedy, options: { budget: 100, over_budget: si },\n" /* 11 */
		"      phases: { voting: [2026-01-01, 2026-01-02] }, projects: [ { id: x, cost: 60 } ] }\n"
		"  - { id: b, title: B, kind: poll, method: approval, options: { over_budget: allow },\n"                          /* 13 */
		"      phases: { voting: [2026-01-01, 2026-01-02] }, candidates: [x] }\n"), PT_ERR_CONFIG);
	PT_CHECK(has_diag(11, "option over_budget of process 'a': expected one of refuse, allow, found 'si'"));
	PT_CHECK(has_diag(13, "option 'over_budget' does not apply to method 'approval'"));
}

PT_TEST(receipt_form)
{
	char r[PT_RECEIPT_LEN + 1], bad[PT_RECEIPT_LEN + 1];
	pt_error err;
	int i;

	/* issue 13, item 8: a receipt's form is checked before any SQL sees it */
	for (i = 0; i < 200; i++) {
		pt_error_clear(&err);
		PT_CHECK_EQ_INT(pt_process_store_receipt(r, &err), PT_OK);
		PT_CHECK(strlen(r) == PT_RECEIPT_LEN && pt_process_store_receipt_valid(r, PT_RECEIPT_LEN));
	}
	PT_CHECK(!pt_process_store_receipt_valid(r, PT_RECEIPT_LEN - 1));
	PT_CHECK(!pt_process_store_receipt_valid(NULL, 0));
	memcpy(bad, r, sizeof(bad));
	bad[3] = 'l';                            /* l, o, 0, 1 are not in the alphabet */
	PT_CHECK(!pt_process_store_receipt_valid(bad, PT_RECEIPT_LEN));
	bad[3] = '0';
	PT_CHECK(!pt_process_store_receipt_valid(bad, PT_RECEIPT_LEN));
	bad[3] = 'A';                            /* the binding lowers capitals first */
	PT_CHECK(!pt_process_store_receipt_valid(bad, PT_RECEIPT_LEN));
	bad[3] = '\0';
	PT_CHECK(!pt_process_store_receipt_valid(bad, PT_RECEIPT_LEN));
	memcpy(bad, "\xc3\xb1", 2);             /* an n with tilde: two bytes outside the alphabet */
	bad[3] = r[3];
	PT_CHECK(!pt_process_store_receipt_valid(bad, PT_RECEIPT_LEN));
}

int main(void)
{
	pt_diags_init(&diags);
	PT_RUN(dates);
	PT_RUN(a_valid_process);
	PT_RUN(consensus_voice_and_body);
	PT_RUN(errors_have_positions);
	PT_RUN(sample_processes);
	PT_RUN(secret_results_before_close);
	PT_RUN(over_budget_option);
	PT_RUN(receipt_form);
	pt_config_free(cfg);
	pt_diags_free(&diags);
	return pt_test_summary("test_processes");
}
