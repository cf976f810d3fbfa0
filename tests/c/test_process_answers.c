/*
 * Unit tests of what the process methods answer and the options they count
 * (ext/core/process/answers.c, options.c, records.c; the receipt form of
 * io/process/process_store.c): no server. The trees are checked as JSON, so
 * key order and types (ints, bools, nulls) are part of every expectation.
 */
#include "pt_test.h"
#include "pt_test_config.h"
#include "core/common/json_write.h"
#include "core/process/answers.h"
#include "core/process/options.h"
#include "io/process/process_store.h"
#include "io/site/config_load.h"

static pt_config *cfg;
static pt_diags diags;

static const char yaml[] =
	"site: { name: X }\n"
	"database: { socket: /s, name: p, user: u }\n"
	"territories:\n"
	"  - { id: m, name: Municipio, children: [ { id: n, name: Norte }, { id: s, name: Sur } ] }\n"
	"roles:\n"
	"  ciudadano: { can: [vote, propose] }\n"
	"processes:\n"
	"  - { id: pp, title: PP, kind: participatory_budget, method: pb_greedy, options: { budget: 100 },\n"
	"      projects: [ { id: x, cost: 60, territory: n }, { id: y, cost: 50 } ],\n"
	"      phases: { proposals: [2026-01-01, 2026-01-10], voting: [2026-02-01 10:00, 2026-02-10] } }\n"
	"  - { id: acuerdo, title: Acuerdo, kind: consensus, method: consensus, secrecy: public, phases: { voting: [2026-01-01, 2026-01-02] } }\n";

static const pt_process_def *def_of(const char *id)
{
	return pt_config_process(cfg, id, strlen(id));
}

/* v as JSON (freed); "" on failure. */
static char json_buf[8192];
static const char *json(pt_value *v)
{
	pt_buf b;
	pt_error err;

	json_buf[0] = '\0';
	pt_buf_init(&b, NULL);
	pt_error_clear(&err);
	if (v && pt_json_value(&b, v, PT_JSON_ZERO_FRACTION, &err) == PT_OK && b.len < sizeof(json_buf)) {
		memcpy(json_buf, b.data, b.len);
		json_buf[b.len] = '\0';
	}
	pt_buf_free(&b);
	pt_value_free(v);
	return json_buf;
}

static pt_process_option api_option(const char *id, const char *name, int64_t cost, bool withdrawn)
{
	pt_process_option o;

	memset(&o, 0, sizeof(o));
	o.id = id;
	o.id_len = strlen(id);
	o.name = name;
	o.name_len = name ? strlen(name) : 0;
	o.has_cost = true;
	o.cost = cost;
	o.created_at = "2026-01-02 00:00:00";
	o.proposed_by = "wp:7";
	o.proposed_by_len = 4;
	o.withdrawn = withdrawn;
	if (withdrawn) {
		o.withdrawn_at = "2026-01-03 00:00:00";
		o.withdrawn_by = "of:1";
		o.withdrawn_by_len = 4;
		o.withdraw_reason = "duplicada";
		o.withdraw_reason_len = 9;
	}
	return o;
}

PT_TEST(current_options_merge)
{
	const pt_process_def *d = def_of("pp"), *cur;
	pt_process_current c;
	pt_process_option o;
	pt_error err;

	pt_error_clear(&err);
	pt_process_current_init(&c, cfg, d, NULL);
	PT_CHECK(pt_process_current_finish(&c, &err) == PT_OK);
	PT_CHECK(pt_process_current_def(&c) == d);          /* no API option: the YAML's definition */
	o = api_option("gone", NULL, 10, true);              /* withdrawn: no part */
	PT_CHECK(pt_process_current_row(&c, &o, &err) == PT_OK);
	o = api_option("x", "Otra x", 10, false);            /* the YAML took the id over */
	PT_CHECK(pt_process_current_row(&c, &o, &err) == PT_OK);
	o = api_option("z", NULL, 30, false);                /* no name: the id */
	o.territory = "s";
	o.territory_len = 1;
	PT_CHECK(pt_process_current_row(&c, &o, &err) == PT_OK);
	PT_CHECK(pt_process_current_finish(&c, &err) == PT_OK);
	cur = pt_process_current_def(&c);
	PT_CHECK(cur != d);
	PT_CHECK_EQ_INT(cur->candidate_count, 3);
	PT_CHECK_STR(cur->candidates[2].id, "z");
	PT_CHECK_STR(cur->candidates[2].name, "z");
	PT_CHECK_EQ_INT(cur->candidates[2].territory, pt_config_territory(cfg, "s", 1));
	PT_CHECK(cur->costs && cur->tally.pb_costs == cur->costs);
	PT_CHECK_EQ_INT(cur->costs[0], 60);
	PT_CHECK_EQ_INT(cur->costs[2], 30);
	PT_CHECK_EQ_INT(d->candidate_count, 2);              /* the configuration is untouched */
	pt_process_current_free(&c);
	PT_CHECK(pt_process_current_def(&c) == d);
	pt_process_current_free(&c);                         /* twice is fine */
}

PT_TEST(info_answer)
{
	const pt_process_def *d = def_of("pp");
	pt_process_current c;
	pt_process_option o = api_option("z", "Zeta", 30, false);
	pt_process_clock clock;
	pt_process_row row;
	pt_error err;

	pt_error_clear(&err);
	pt_process_current_init(&c, cfg, d, NULL);
	PT_CHECK(pt_process_current_row(&c, &o, &err) == PT_OK && pt_process_current_finish(&c, &err) == PT_OK);
	memset(&clock, 0, sizeof(clock));
	clock.proposals = (pt_process_span){ true, 100, 200 };
	clock.voting = (pt_process_span){ true, 300, 400 };
	clock.results = (pt_process_span){ false, 0, INT64_MAX };
	clock.now = 350;
	memset(&row, 0, sizeof(row));
	PT_CHECK_STR(json(pt_process_info_value(cfg, d, pt_process_current_def(&c), &clock, &row, NULL)),
		"{\"id\":\"pp\",\"title\":\"PP\",\"kind\":\"participatory_budget\",\"method\":\"pb_greedy\","
		"\"options\":{\"budget\":100,\"completion\":\"add1\",\"projects\":{\"x\":60,\"y\":50,\"z\":30}},\"territory\":null,\"roles\":[],\"body\":null,"
		"\"phases\":{\"proposals\":{\"from\":\"2026-01-01 00:00\",\"to\":\"2026-01-11 00:00\",\"from_utc\":100,\"to_utc\":200},"
		"\"voting\":{\"from\":\"2026-02-01 10:00\",\"to\":\"2026-02-11 00:00\",\"from_utc\":300,\"to_utc\":400}},"
		"\"timezone\":\"America/Mexico_City\",\"secrecy\":\"secret\",\"vote_changes\":false,"
		"\"results_visibility\":\"after_close\",\"over_budget\":\"refuse\",\"channels\":[\"web\"],"
		"\"candidates\":[{\"id\":\"x\",\"name\":\"x\",\"cost\":60,\"territory\":\"n\",\"source\":\"yaml\"},"
		"{\"id\":\"y\",\"name\":\"y\",\"cost\":50,\"source\":\"yaml\"},{\"id\":\"z\",\"name\":\"Zeta\",\"cost\":30,\"source\":\"api\"}],"
		"\"state\":\"voting\",\"closed_at\":null,\"closed_by\":null,\"closed_how\":null,\"sealed\":false}");
	clock.closed = true;
	row.closed = row.sealed = row.closed_by_schedule = true;
	snprintf(row.closed_at, sizeof(row.closed_at), "2026-02-11 00:00:00");
	PT_CHECK(strstr(json(pt_process_info_value(cfg, d, d, &clock, &row, NULL)),
		"\"state\":\"closed\",\"closed_at\":\"2026-02-11 00:00:00\",\"closed_by\":null,\"closed_how\":\"schedule\","
		"\"sealed\":true}") != NULL);
	pt_process_current_free(&c);
}

PT_TEST(cast_receipt_proposal_withdrawal)
{
	const pt_process_def *d = def_of("pp");
	pt_process_cast c;
	pt_process_proposal p;
	pt_process_option_in in;
	pt_process_clock clock;
	pt_process_ballot b;

	pt_process_cast_init(&c, cfg, d, 7, "wp:1", NULL);
	PT_CHECK(c.voter == NULL && !c.allow_change && c.def == d && c.process_id == 7);   /* secret */
	snprintf(c.receipt, sizeof(c.receipt), "abc");
	c.version = 2;
	c.changed = true;
	PT_CHECK_STR(json(pt_process_cast_value(&c, NULL)),
		"{\"process\":\"pp\",\"receipt\":\"abc\",\"version\":2,\"changed\":true,\"replayed\":false,\"voice_only\":false}");
	pt_process_cast_init(&c, cfg, def_of("acuerdo"), 8, "wp:1", NULL);
	PT_CHECK(c.voter && strcmp(c.voter, "wp:1") == 0);   /* public */

	memset(&b, 0, sizeof(b));
	b.receipt = "r";
	b.receipt_len = 1;
	b.ballot = "a,b";
	b.ballot_len = 3;
	b.version = 1;
	PT_CHECK_STR(json(pt_process_receipt_value(&b, NULL)),
		"{\"receipt\":\"r\",\"ballot\":\"a,b\",\"reason\":null,\"channel\":\"web\",\"version\":1}");

	memset(&in, 0, sizeof(in));
	memset(&clock, 0, sizeof(clock));
	in.id = "w";
	in.id_len = 1;
	in.cost = 20;
	in.territory_index = pt_config_territory(cfg, "s", 1);
	pt_process_proposal_init(&p, cfg, d, &clock, 7, "wp:2", &in, NULL);
	PT_CHECK(p.has_cost && p.cost == 20 && p.max_options == PT_PROCESS_MAX_API_OPTIONS);
	snprintf(p.created_at, sizeof(p.created_at), "2026-01-02 00:00:00");
	PT_CHECK_STR(json(pt_process_proposal_value(&p, NULL)),
		"{\"process\":\"pp\",\"id\":\"w\",\"name\":\"\",\"cost\":20,\"territory\":\"s\",\"source\":\"api\","
		"\"proposed_by\":\"wp:2\",\"created_at\":\"2026-01-02 00:00:00\",\"replayed\":false}");
	PT_CHECK_STR(json(pt_process_withdrawal_value(d, "w", 1, "of:1", "2026-01-03 00:00:00", true, NULL)),
		"{\"process\":\"pp\",\"id\":\"w\",\"status\":\"withdrawn\",\"withdrawn_by\":\"of:1\","
		"\"withdrawn_at\":\"2026-01-03 00:00:00\",\"replayed\":true}");
}

PT_TEST(option_list)
{
	const pt_process_def *d = def_of("pp");
	pt_process_option_list l;
	pt_process_option o;
	pt_error err;

	pt_error_clear(&err);
	PT_CHECK(pt_process_option_list_begin(&l, cfg, d, NULL, &err) == PT_OK);
	o = api_option("x", "Otra", 1, false);               /* taken over by the YAML: not listed */
	PT_CHECK(pt_process_option_list_row(&l, &o, &err) == PT_OK);
	o = api_option("gone", "Ida", 10, true);
	PT_CHECK(pt_process_option_list_row(&l, &o, &err) == PT_OK);
	PT_CHECK_STR(json(l.rows),
		"[{\"id\":\"x\",\"name\":\"x\",\"cost\":60,\"territory\":\"n\",\"source\":\"yaml\",\"status\":\"active\","
		"\"proposed_by\":null,\"created_at\":null,\"withdrawn_at\":null,\"withdrawn_by\":null,\"reason\":null},"
		"{\"id\":\"y\",\"name\":\"y\",\"cost\":50,\"territory\":null,\"source\":\"yaml\",\"status\":\"active\","
		"\"proposed_by\":null,\"created_at\":null,\"withdrawn_at\":null,\"withdrawn_by\":null,\"reason\":null},"
		"{\"id\":\"gone\",\"name\":\"Ida\",\"cost\":10,\"territory\":null,\"source\":\"api\",\"status\":\"withdrawn\","
		"\"proposed_by\":\"wp:7\",\"created_at\":\"2026-01-02 00:00:00\",\"withdrawn_at\":\"2026-01-03 00:00:00\","
		"\"withdrawn_by\":\"of:1\",\"reason\":\"duplicada\"}]");
}

PT_TEST(paper_batch)
{
	pt_process_paper_list l;
	pt_process_batch b;
	pt_error err, out;
	size_t mism[2] = { 0, 1 };
	char *other[2] = { "b", NULL }, *other_r[2] = { "porque", NULL };
	size_t other_len[2] = { 1, 0 }, other_r_len[2] = { 6, 0 };
	char big[2000];

	pt_error_clear(&err);
	PT_CHECK(pt_process_paper_list_init(&l, 1, NULL, &err) == PT_OK);
	pt_buf_append(&l.canon[0], "agree", 5);
	pt_process_paper_list_done(&l, 0);
	PT_CHECK(l.items[0].ballot_len == 5 && memcmp(l.items[0].ballot, "agree", 5) == 0);
	pt_process_batch_init(&b, 7, "L1", "A1", "S1", "of:2", l.items, 1, NULL);
	b.state = PT_BATCH_MISMATCH;
	b.entry = 2;
	snprintf(b.other_by, sizeof(b.other_by), "of:1");
	b.mismatches = mism;
	b.mismatch_count = 2;
	b.other_ballots = other;
	b.other_ballot_lens = other_len;
	b.other_reasons = other_r;
	b.other_reason_lens = other_r_len;
	b.count_mismatch = true;
	PT_CHECK_STR(json(pt_process_batch_value(def_of("acuerdo"), &b, l.items, NULL)),
		"{\"batch\":\"L1\",\"status\":\"mismatch\",\"entry\":2,\"ballots\":1,\"header_mismatch\":false,"
		"\"count_mismatch\":true,\"first_by\":\"of:1\",\"second_by\":\"of:2\",\"mismatches\":["
		"{\"position\":1,\"this\":\"agree\",\"other\":\"b\",\"first\":\"b\",\"first_by\":\"of:1\",\"second\":\"agree\","
		"\"second_by\":\"of:2\",\"first_reason\":\"porque\",\"second_reason\":null},"
		"{\"position\":2,\"this\":null,\"other\":null,\"first\":null,\"first_by\":\"of:1\",\"second\":null,"
		"\"second_by\":\"of:2\",\"first_reason\":null,\"second_reason\":null}]}");
	b.state = PT_BATCH_PENDING;
	b.entry = 1;
	b.mismatch_count = 0;
	PT_CHECK(strstr(json(pt_process_batch_value(def_of("pp"), &b, l.items, NULL)),
		"\"status\":\"pending\",\"entry\":1,\"ballots\":1,\"header_mismatch\":false,\"count_mismatch\":true,"
		"\"first_by\":\"of:2\",\"second_by\":null,\"mismatches\":[]}") != NULL);
	pt_process_paper_list_free(&l);
	pt_process_paper_list_free(&l);

	/* a refusal names the ballot; other errors pass as they are; a long text is cut, not overrun */
	pt_error_set(&err, PT_ERR_INVALID, "Boleta inválida: demasiado larga.");
	PT_CHECK_EQ_INT(pt_process_batch_refusal(1, &err, false, &out), PT_ERR_INVALID);
	PT_CHECK_STR(out.message, "Boleta 2 del lote: Boleta inválida: demasiado larga.");
	PT_CHECK_EQ_INT(out.index, 1);
	pt_process_batch_refusal(1, &err, true, &out);
	PT_CHECK_STR(out.message, "Boleta 2 del lote: Invalid ballot: too long.");
	pt_error_set(&err, PT_ERR_NOMEM, "participa: out of memory");
	PT_CHECK_EQ_INT(pt_process_batch_refusal(0, &err, false, &out), PT_ERR_NOMEM);
	PT_CHECK_STR(out.message, "participa: out of memory");
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	pt_error_set(&err, PT_ERR_INVALID, "%s", big);
	pt_process_batch_refusal(99, &err, false, &out);
	PT_CHECK_EQ_INT(strlen(out.message), PT_ERROR_MESSAGE_MAX - 1);
}

PT_TEST(receipt_form_and_close_due)
{
	char typed[PT_RECEIPT_LEN + 1];
	pt_process_row row;
	pt_error err;

	pt_error_clear(&err);
	PT_CHECK(pt_process_store_receipt_read("ABCDEFGHIJKMNPQRSTUVWXYZ23", 26, typed, &err) == PT_OK);
	PT_CHECK_STR(typed, "abcdefghijkmnpqrstuvwxyz23");
	PT_CHECK_EQ_INT(pt_process_store_receipt_read("abcdefghijklmnpqrstuvwxyz2", 26, typed, &err), PT_ERR_INVALID);
	PT_CHECK_STR(err.message, "El comprobante no es válido: debe tener 26 caracteres, letras de la a a la z (sin l ni o) "
		"y cifras del 2 al 9.");
	PT_CHECK_EQ_INT(pt_process_store_receipt_read("abc", 3, typed, &err), PT_ERR_INVALID);

	memset(&row, 0, sizeof(row));
	row.sealed = true;
	snprintf(row.closed_at, sizeof(row.closed_at), "2026-02-11 00:00:00");
	PT_CHECK_STR(json(pt_process_close_due_value(def_of("pp"), &row, true, NULL)),
		"{\"process\":\"pp\",\"closed_at\":\"2026-02-11 00:00:00\",\"closed_how\":\"call\",\"closed_now\":true,"
		"\"sealed\":true}");
	PT_CHECK_STR(json(pt_process_close_due_error(def_of("pp"), "falla", NULL)), "{\"process\":\"pp\",\"error\":\"falla\"}");
}

int main(void)
{
	int rc;

	if (!pt_test_load_config("test_process_answers", yaml, &cfg, &diags)) {
		return 1;
	}
	PT_RUN(current_options_merge);
	PT_RUN(info_answer);
	PT_RUN(cast_receipt_proposal_withdrawal);
	PT_RUN(option_list);
	PT_RUN(paper_batch);
	PT_RUN(receipt_form_and_close_due);
	rc = pt_test_summary("test_process_answers");
	pt_config_free(cfg);
	pt_diags_free(&diags);
	return rc;
}
