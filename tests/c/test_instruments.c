/* Instruments core (ext/core/instrument/): the YAML's units, answer scales, the write rules, the streamed tally
 * and its exact figures, without a server. */
#include "pt_test.h"
#include "core/site/site_config.h"
#include "core/instrument/config_instruments.h"
#include "core/instrument/instrument.h"
#include "core/common/json_write.h"
#include "io/site/config_load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pt_diags diags;
static pt_config *cfg;

static pt_status build(const char *instruments)
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
		"  - { id: e, name: E, kind: estado, children: [ { id: m1, name: Uno, kind: municipio }, "
		"{ id: m2, name: Dos, kind: municipio } ] }\n"
		"roles:\n"
		"  ciudadano: { can: [comment] }\n"
		"  enlace: { can: [comment] }\n"
		"  jurado: { can: [comment] }\n"
		"assignments:\n"
		"  - { participant: 'wp:1', role: enlace, territory: m1 }\n"
		"  - { participant: 'wp:j', role: jurado }\n"
		"  - { participant: 'wp:d', role: enlace, body: dif }\n"
		"  - { participant: 'wp:o', role: enlace, body: otro }\n"
		"instruments:\n%s", instruments);
	return pt_config_load_string("c.yaml", yaml, strlen(yaml), &cfg, &diags);
}

static void show_diags(void)
{
	size_t i;

	for (i = 0; i < diags.count; i++) {
		printf("  %u:%u: %s\n", diags.items[i].line, diags.items[i].column, diags.items[i].message);
	}
}

static const char *pct(int64_t num, int64_t den, char *out)
{
	pt_buf b;

	pt_buf_init(&b, NULL);
	pt_instr_percent_text(&b, num, den);
	snprintf(out, 32, "%s", b.data ? b.data : "");
	pt_buf_free(&b);
	return out;
}

static const char *number(int64_t num, int64_t den, char *out)
{
	pt_buf b;

	pt_buf_init(&b, NULL);
	pt_instr_number_text(&b, num, den);
	snprintf(out, 32, "%s", b.data ? b.data : "");
	pt_buf_free(&b);
	return out;
}

PT_TEST(exact_display)
{
	char s[32];

	PT_CHECK_STR(pct(117, 125, s), "93.6 %");
	PT_CHECK_STR(pct(1, 3, s), "33.3 %");
	PT_CHECK_STR(pct(2, 3, s), "66.7 %");
	PT_CHECK_STR(pct(1, 2000, s), "0.1 %");       /* 0.05 %: half up, from the integers */
	PT_CHECK_STR(pct(0, 7, s), "0.0 %");
	PT_CHECK_STR(pct(7, 7, s), "100.0 %");
	PT_CHECK_STR(pct(INT64_MAX / 2, INT64_MAX, s), "50.0 %");   /* no overflow */
	PT_CHECK_STR(number(49, 6, s), "8.17");
	PT_CHECK_STR(number(1, 8, s), "0.13");        /* 0.125 half up: binary printf would give 0.12 */
	PT_CHECK_STR(number(17, 2, s), "8.5");
	PT_CHECK_STR(number(0, 1, s), "0");
	PT_CHECK_STR(number(100, 1, s), "100");
}

static const char *const scales =
	"  - id: q\n"
	"    title: Q\n"
	"    about: territory\n"
	"    level: municipio\n"
	"    respondents:\n"
	"      self: { role: enlace, opens: 2022-06-08, closes: 2022-06-20 }\n"
	"      corroboration:\n"
	"      evaluation: { role: jurado }\n"
	"    thresholds: [{ at: 50, label: Media }, { at: 80, label: Alta }]\n"
	"    dimensions:\n"
	"      - id: d1\n"
	"        title: D1\n"
	"        items:\n"
	"          - { id: a, text: A, scale: yes_no, evidence: required }\n"
	"          - { id: b, text: B, scale: partial, points: 3 }\n"
	"      - id: d2\n"
	"        title: D2\n"
	"        items:\n"
	"          - { id: c, text: C, scale: numeric, min: 0, max: 7, points: 10 }\n"
	"          - { id: e, text: E, scale: choice, weight: 2, options: [{ id: x }, { id: y, points: 2 }, { id: z, points: 5 }] }\n"
	"          - { id: t, text: T, scale: text }\n";

PT_TEST(units_and_scales)
{
	const pt_instrument *in;
	int64_t u, code;

	if (build(scales) != PT_OK) {
		show_diags();
	}
	PT_CHECK(cfg != NULL);
	if (!cfg) {
		return;
	}
	in = pt_config_instrument(cfg, "q", 1);
	PT_CHECK(in != NULL);
	PT_CHECK_EQ_INT(in->unit, 14);                       /* lcm(2: partial 3, 7: 10 over 0..7) */
	PT_CHECK_EQ_INT(in->max_units, (1 + 3 + 10 + 5 * 2) * 14);
	PT_CHECK_EQ_INT(in->subject_count, 2);
	PT_CHECK(in->respondents[PT_INSTR_CORROBORATION].allowed && in->respondents[PT_INSTR_CORROBORATION].role == SIZE_MAX);
	PT_CHECK(!in->respondents[PT_INSTR_CORROBORATION].has_closes);  /* the instrument gives no default; self has its own */
	PT_CHECK(pt_instr_eval(in, 1, "partial", 7, &u, &code) && u == 21);
	PT_CHECK(pt_instr_eval(in, 2, "3", 1, &u, &code) && u == 60);    /* 10 * 3 / 7 points = 30/7 = 60/14 */
	PT_CHECK(pt_instr_eval(in, 2, "7", 1, &u, &code) && u == 140);
	PT_CHECK(!pt_instr_eval(in, 2, "8", 1, &u, &code));
	PT_CHECK(!pt_instr_eval(in, 2, "-0x1", 4, &u, &code));
	PT_CHECK(pt_instr_eval(in, 3, "z", 1, &u, &code) && u == 140);   /* 5 points x weight 2 */
	PT_CHECK(!pt_instr_eval(in, 0, "si", 2, &u, &code));
	PT_CHECK(pt_instr_eval(in, 4, "cualquier texto", 15, &u, &code) && u == 0);
}

PT_TEST(errors_have_positions)
{
	PT_CHECK(build("  - { id: q, title: Q, about: practice, respondents: { evaluation: { role: jurado } },\n"
		"      subjects: [{ id: s1 }, { id: s1 }],\n"
		"      dimensions: [{ id: d, title: D, items: [{ id: c, text: C, scale: numeric, min: 0, max: 999983, points: 9973 },"
		" { id: f, text: F, scale: numeric, min: 0, max: 999979, points: 9967 }] }] }\n") == PT_ERR_CONFIG);
	PT_CHECK(diags.count == 2);
	/* the instruments: section starts at line 15 of the built file */
	PT_CHECK(diags.count >= 1 && diags.items[0].line == 15 && strstr(diags.items[0].message, "no common unit"));
	PT_CHECK(diags.count >= 2 && diags.items[1].line == 16 && diags.items[1].column == 36
		&& strstr(diags.items[1].message, "subject s1 is given twice"));
	if (diags.count != 2) {
		show_diags();
	}
}

static pt_instr_write_facts facts(const pt_instrument *in, pt_instr_kind kind, const char *who, int32_t subject)
{
	pt_instr_write_facts f;

	memset(&f, 0, sizeof(f));
	f.cfg = cfg;
	f.in = in;
	f.kind = kind;
	f.subject = subject;
	f.actor.participant = who;
	return f;
}

PT_TEST(write_rules)
{
	const pt_instrument *in;
	pt_instr_answers ans;
	pt_instr_answer items[4];
	pt_instr_write_facts f;
	pt_error err;

	build(scales);
	if (!cfg || !(in = pt_config_instrument(cfg, "q", 1))) {
		PT_FAIL_AT("no instrument");
		return;
	}
	pt_error_clear(&err);
	f = facts(in, PT_INSTR_SELF, "wp:1", 0);
	PT_CHECK(pt_instr_check_write(&f, &err) == PT_OK);
	f.window = PT_INSTR_WINDOW_AFTER;
	PT_CHECK(pt_instr_check_write(&f, &err) == PT_ERR_NOT_ALLOWED);
	PT_CHECK_STR(err.message, "El plazo para responder este cuestionario terminó el 20 de junio de 2022.");
	PT_CHECK(strcmp(err.message_en, "") != 0);
	f.window = PT_INSTR_WINDOW_OPEN;
	f.actor.banned = true;
	PT_CHECK(pt_instr_check_write(&f, &err) == PT_ERR_NOT_ALLOWED);
	f = facts(in, PT_INSTR_SELF, "wp:1", 1);            /* its assignment is for m1 only */
	PT_CHECK(pt_instr_check_write(&f, &err) == PT_ERR_NOT_ALLOWED);
	f = facts(in, PT_INSTR_EVALUATION, "wp:1", 0);
	PT_CHECK(pt_instr_check_write(&f, &err) == PT_ERR_NOT_ALLOWED);
	f = facts(in, PT_INSTR_EVALUATION, "wp:j", 1);       /* unscoped: anywhere */
	PT_CHECK(pt_instr_check_write(&f, &err) == PT_OK);
	f.existing = PT_INSTR_SUBMITTED;
	PT_CHECK(pt_instr_check_write(&f, &err) == PT_ERR_CONFLICT);
	f = facts(in, PT_INSTR_CORROBORATION, "wp:x", 0);
	PT_CHECK(pt_instr_check_write(&f, &err) == PT_ERR_CONFLICT);
	f.self_submitted = true;
	PT_CHECK(pt_instr_check_write(&f, &err) == PT_OK);
	f.submit = true;
	ans.items = items;
	ans.count = 0;
	ans.a = NULL;
	f.merged = &ans;
	PT_CHECK(pt_instr_check_write(&f, &err) == PT_ERR_INVALID);   /* a corroboration needs one answer */
	/* a self submission: every required item, evidence for what earns points */
	memset(items, 0, sizeof(items));
	items[0] = (pt_instr_answer){ 0, (char *)"yes", 3, NULL, 0 };
	items[1] = (pt_instr_answer){ 1, (char *)"no", 2, NULL, 0 };
	items[2] = (pt_instr_answer){ 2, (char *)"3", 1, NULL, 0 };
	items[3] = (pt_instr_answer){ 3, (char *)"x", 1, NULL, 0 };
	ans.count = 4;
	f = facts(in, PT_INSTR_SELF, "wp:1", 0);
	f.submit = true;
	f.merged = &ans;
	PT_CHECK(pt_instr_check_write(&f, &err) == PT_ERR_INVALID);
	PT_CHECK(strstr(err.message, "necesita evidencia") != NULL);
	items[0].value = (char *)"no";
	items[0].value_len = 2;
	PT_CHECK(pt_instr_check_write(&f, &err) == PT_OK);
	ans.count = 3;
	PT_CHECK(pt_instr_check_write(&f, &err) == PT_ERR_INVALID);
	PT_CHECK(strstr(err.message, "Falta responder «e»") != NULL);
}

PT_TEST(answers_parse)
{
	const pt_instrument *in;
	pt_instr_answers ans;
	pt_value *m = pt_value_map(NULL), *ev = pt_value_map(NULL);
	pt_error err;

	build(scales);
	if (!cfg || !(in = pt_config_instrument(cfg, "q", 1)) || !m || !ev) {
		PT_FAIL_AT("setup");
		pt_value_free(m);
		pt_value_free(ev);
		return;
	}
	pt_value_setc(ev, "value", pt_value_bool(NULL, 1));
	pt_value_setc(ev, "evidence", pt_value_cstr(NULL, "acta 3/2022"));
	pt_value_setc(m, "a", ev);
	pt_value_setc(m, "c", pt_value_int(NULL, 7));
	pt_value_setc(m, "e", pt_value_cstr(NULL, "y"));
	pt_error_clear(&err);
	PT_CHECK(pt_instr_answers_parse(in, m, &ans, NULL, &err) == PT_OK);
	PT_CHECK_EQ_INT(ans.count, 3);
	if (ans.count == 3) {
		PT_CHECK_STR(ans.items[0].value, "yes");
		PT_CHECK_STR(ans.items[0].evidence, "acta 3/2022");
		PT_CHECK_STR(ans.items[1].value, "7");
		PT_CHECK_STR(ans.items[2].value, "y");
	}
	pt_instr_answers_free(&ans);
	pt_value_setc(m, "c", pt_value_int(NULL, 8));       /* the key twice: the second is checked */
	PT_CHECK(pt_instr_answers_parse(in, m, &ans, NULL, &err) == PT_ERR_INVALID);
	PT_CHECK_EQ_INT(err.index, 3);
	pt_value_free(m);
}

/* The PNUD arithmetic straight through the tally: 8 of 10 on every specific criterion and full general
 * points is 90 %, a good practice; all is 100 %, emblematic. */
static const char *const pnud =
	"  - id: pnud\n"
	"    title: P\n"
	"    about: practice\n"
	"    respondents: { evaluation: { role: jurado } }\n"
	"    thresholds: [{ at: 80, label: Buena }, { at: 100, label: Emblematica }]\n"
	"    subjects: [{ id: p1, region: Europa }, { id: p2, region: Europa }, { id: p3, region: Africa }]\n"
	"    dimensions:\n"
	"      - id: esp\n"
	"        title: E\n"
	"        items: [{ id: s1, text: S, scale: numeric, min: 0, max: 10 }, { id: s2, text: S, scale: numeric, min: 0, max: 10 },\n"
	"                { id: s3, text: S, scale: numeric, min: 0, max: 10 }, { id: s4, text: S, scale: numeric, min: 0, max: 10 },\n"
	"                { id: s5, text: S, scale: numeric, min: 0, max: 10 }]\n"
	"      - id: gen\n"
	"        title: G\n"
	"        items: [{ id: g1, text: G, scale: numeric, min: 0, max: 8 }, { id: g2, text: G, scale: numeric, min: 0, max: 8 },\n"
	"                { id: g3, text: G, scale: numeric, min: 0, max: 8 }, { id: g4, text: G, scale: numeric, min: 0, max: 8 },\n"
	"                { id: g5, text: G, scale: numeric, min: 0, max: 6 }, { id: g6, text: G, scale: numeric, min: 0, max: 6 },\n"
	"                { id: g7, text: G, scale: numeric, min: 0, max: 6 }]\n";

static void card(pt_instr_tally *t, const char *subject, int64_t response, const char *spec, pt_error *err)
{
	static const char *const gmax[] = { "8", "8", "8", "8", "6", "6", "6" };
	char id[8];
	int k;

	for (k = 1; k <= 5; k++) {
		snprintf(id, sizeof(id), "s%d", k);
		PT_CHECK(pt_instr_tally_row(t, subject, strlen(subject), PT_INSTR_EVALUATION, response, id, strlen(id), spec,
			strlen(spec), err) == PT_OK);
	}
	for (k = 1; k <= 7; k++) {
		snprintf(id, sizeof(id), "g%d", k);
		PT_CHECK(pt_instr_tally_row(t, subject, strlen(subject), PT_INSTR_EVALUATION, response, id, strlen(id),
			gmax[k - 1], 1, err) == PT_OK);
	}
}

/* The report's JSON (r kept). */
static char *report_json(const pt_value *r)
{
	pt_buf b;
	pt_error err;
	char *out;

	pt_buf_init(&b, NULL);
	pt_error_clear(&err);
	if (!r || pt_json_value(&b, r, 0, &err) != PT_OK || b.failed) {
		pt_buf_free(&b);
		return strdup("(null)");
	}
	out = strdup(b.data);
	pt_buf_free(&b);
	return out;
}

PT_TEST(pnud_tally)
{
	const pt_instrument *in;
	pt_instr_tally *t;
	pt_value *r;
	pt_error err;
	char *json;

	if (build(pnud) != PT_OK || !(in = pt_config_instrument(cfg, "pnud", 4))) {
		show_diags();
		PT_FAIL_AT("no instrument");
		return;
	}
	PT_CHECK_EQ_INT(in->max_units, 100);
	t = pt_instr_tally_new(in, NULL);
	pt_error_clear(&err);
	card(t, "p2", 1, "10", &err);                  /* 100 */
	card(t, "p1", 2, "8", &err);                   /* 90 */
	card(t, "p3", 3, "7", &err);                   /* 85, and a second evaluator's 80: the mean 82.5 */
	card(t, "p3", 4, "6", &err);
	PT_CHECK(pt_instr_tally_end(t, &err) == PT_OK);
	r = pt_instr_report(t, cfg, NULL, NULL);
	json = report_json(pt_value_get(r, "ranking"));
	PT_CHECK_STR(json, "[{\"rank\":1,\"id\":\"p2\",\"name\":\"p2\",\"group\":\"Europa\",\"total\":{\"num\":100,\"den\":1,"
		"\"text\":\"100\"},\"share\":{\"num\":1,\"den\":1,\"percent\":\"100.0 %\"},\"level\":\"Emblematica\"},"
		"{\"rank\":2,\"id\":\"p1\",\"name\":\"p1\",\"group\":\"Europa\",\"total\":{\"num\":90,\"den\":1,\"text\":\"90\"},"
		"\"share\":{\"num\":9,\"den\":10,\"percent\":\"90.0 %\"},\"level\":\"Buena\"},"
		"{\"rank\":3,\"id\":\"p3\",\"name\":\"p3\",\"group\":\"Africa\",\"total\":{\"num\":165,\"den\":2,\"text\":\"82.5\"},"
		"\"share\":{\"num\":33,\"den\":40,\"percent\":\"82.5 %\"},\"level\":\"Buena\"}]");
	free(json);
	json = report_json(pt_value_get(r, "thresholds"));
	PT_CHECK_STR(json, "[{\"label\":\"Buena\",\"at\":80,\"subjects\":3,\"share\":{\"num\":1,\"den\":1,\"percent\":\"100.0 %\"}},"
		"{\"label\":\"Emblematica\",\"at\":100,\"subjects\":1,\"share\":{\"num\":1,\"den\":3,\"percent\":\"33.3 %\"}}]");
	free(json);
	pt_value_free(r);
	pt_instr_tally_free(t);

	/* a subject's rows apart from each other: refused, never a wrong figure */
	t = pt_instr_tally_new(in, NULL);
	card(t, "p1", 1, "8", &err);
	card(t, "p2", 2, "8", &err);
	PT_CHECK(pt_instr_tally_row(t, "p1", 2, PT_INSTR_EVALUATION, 3, "s1", 2, "1", 1, &err) == PT_ERR_INVALID);
	/* unknown subjects and items (a YAML changed since) are skipped */
	PT_CHECK(pt_instr_tally_row(t, "p9", 2, PT_INSTR_EVALUATION, 4, "s1", 2, "1", 1, &err) == PT_OK);
	PT_CHECK(pt_instr_tally_row(t, "p3", 2, PT_INSTR_EVALUATION, 5, "zz", 2, "1", 1, &err) == PT_OK);
	pt_instr_tally_free(t);
}

PT_TEST(institution_body)
{
	const pt_instrument *in;
	pt_instr_write_facts f;
	pt_error err;

	if (build("  - id: inst\n"
		"    title: I\n"
		"    about: institution\n"
		"    respondents: { self: { role: enlace } }\n"
		"    subjects: [{ id: dif, name: DIF municipal, body: dif }]\n"
		"    dimensions: [{ id: d, title: D, items: [{ id: a, text: A }] }]\n") != PT_OK
		|| !(in = pt_config_instrument(cfg, "inst", 4))) {
		show_diags();
		PT_FAIL_AT("no instrument");
		return;
	}
	pt_error_clear(&err);
	f = facts(in, PT_INSTR_SELF, "wp:d", 0);
	PT_CHECK(pt_instr_check_write(&f, &err) == PT_OK);
	f = facts(in, PT_INSTR_SELF, "wp:o", 0);            /* the role, but another body's */
	PT_CHECK(pt_instr_check_write(&f, &err) == PT_ERR_NOT_ALLOWED);
	PT_CHECK_STR(err.message, "Solo quien tiene el rol «enlace» en DIF municipal puede dar su respuesta.");
	f = facts(in, PT_INSTR_SELF, "wp:1", 0);            /* scoped to a territory: not here */
	PT_CHECK(pt_instr_check_write(&f, &err) == PT_ERR_NOT_ALLOWED);
}

int main(void)
{
	pt_diags_init(&diags);
	PT_RUN(exact_display);
	PT_RUN(units_and_scales);
	PT_RUN(errors_have_positions);
	PT_RUN(write_rules);
	PT_RUN(answers_parse);
	PT_RUN(pnud_tally);
	PT_RUN(institution_body);
	pt_config_free(cfg);
	pt_diags_free(&diags);
	return pt_test_summary("test_instruments");
}
