/* Unit tests of process templates (for_each in processes:, ext/core/process/config_processes.c). */
#include "pt_test.h"
#include "core/site/site_config.h"
#include "core/process/config_processes.h"
#include "io/site/config_load.h"
#include "core/process/template_export.h"
#include "core/fragment/template_summary_view.h"
#include "core/fragment/fragment_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pt_diags diags;
static pt_config *cfg;

/* Three demarcations in two zones of a municipality, and a colonia of another kind. */
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
		"  - id: slp\n"
		"    name: San Luis\n"
		"    children:\n"
		"      - id: norte\n"
		"        name: Norte\n"
		"        children:\n"
		"          - { id: d-001, name: Demarcación 1, kind: demarcacion, children: [ { id: d-001-a, name: A } ] }\n"
		"          - { id: d-002, name: Demarcación 2, kind: demarcacion }\n"
		"      - id: sur\n"
		"        name: Sur\n"
		"        children:\n"
		"          - { id: d-003, name: Demarcación 3, kind: demarcacion }\n"
		"          - { id: c-9, name: Colonia 9, kind: colonia }\n"
		"roles:\n"
		"  ciudadano: { can: [vote] }\n"
		"processes:\n%s", processes);
	return pt_config_load_string("t.yaml", yaml, strlen(yaml), &cfg, &diags);
}

/* A diagnostic at line (of the processes: text, counted from the whole file) holding fragment. */
static int has_diag(unsigned line, const char *fragment)
{
	size_t i;

	for (i = 0; i < diags.count; i++) {
		if ((!line || diags.items[i].line == line) && strstr(diags.items[i].message, fragment)) {
			return 1;
		}
	}
	for (i = 0; i < diags.count; i++) {
		printf("  %u:%u: %s\n", diags.items[i].line, diags.items[i].column, diags.items[i].message);
	}
	return 0;
}

#define HEAD 19   /* the line of "processes:" in build() */

static const char *const boards =
	"  - id: jpc\n"
	"    title: Junta de {territory}\n"
	"    for_each: { kind: demarcacion }\n"
	"    kind: election\n"
	"    method: plurality\n"
	"    phases: { voting: [2026-03-01, 2026-03-15] }\n"
	"    candidates:\n"
	"      - { id: ana, name: Ana, territory: d-001-a }\n"
	"      - { id: beto, name: Beto, territory: d-001 }\n"
	"      - { id: carla, name: Carla, territory: d-002 }\n"
	"      - { id: dora, name: Dora, territory: d-003 }\n"
	"      - { id: blanco, name: En blanco }\n"
	"  - id: otra\n"
	"    title: Otra\n"
	"    kind: poll\n"
	"    method: plurality\n"
	"    phases: { voting: [2026-03-01, 2026-03-15] }\n"
	"    candidates: [si, no]\n";

PT_TEST(one_process_per_territory)
{
	const pt_process_def *p;
	const pt_process_template *t;

	PT_CHECK(build(boards) == PT_OK);
	PT_CHECK_EQ_INT(diags.count, 0);
	PT_CHECK_EQ_INT(cfg->processes->count, 4);
	PT_CHECK_EQ_INT(cfg->processes->template_count, 1);
	t = pt_config_process_template(cfg, "jpc", 3);
	PT_CHECK(t && t->first == 0 && t->count == 3 && t->within == -1 && !strcmp(t->territory_kind, "demarcacion"));
	PT_CHECK(!pt_config_process_template(cfg, "otra", 4));
	PT_CHECK(!pt_config_process(cfg, "jpc", 3));   /* the template is not a process */

	p = pt_config_process(cfg, "jpc.d-001", 9);
	PT_CHECK(p && pt_process_def_template(cfg, p) == t);
	PT_CHECK_STR(p->title, "Junta de Demarcación 1");
	PT_CHECK_STR(cfg->territories.items[p->territory].id, "d-001");
	/* Ana (in d-001-a, under d-001), Beto, and the candidate with no territory */
	PT_CHECK_EQ_INT(p->candidate_count, 3);
	PT_CHECK(pt_process_candidate_find(p, "ana", 3) >= 0 && pt_process_candidate_find(p, "beto", 4) >= 0
		&& pt_process_candidate_find(p, "blanco", 6) >= 0 && pt_process_candidate_find(p, "carla", 5) < 0);

	p = pt_config_process(cfg, "jpc.d-003", 9);
	PT_CHECK(p && p->candidate_count == 2 && pt_process_candidate_find(p, "dora", 4) == 0);
	PT_CHECK(p->secret);
	/* each generated process has its own definition digest (its id and candidates are in it) */
	PT_CHECK(strcmp(p->digest, pt_config_process(cfg, "jpc.d-002", 9)->digest) != 0);
	p = pt_config_process(cfg, "otra", 4);
	PT_CHECK(p && !pt_process_def_template(cfg, p));
}

PT_TEST(within_limits_the_territories)
{
	PT_CHECK(build("  - id: jpc\n"
		"    title: Junta de {territory}\n"
		"    for_each: { kind: demarcacion, within: sur }\n"
		"    kind: election\n"
		"    method: plurality\n"
		"    phases: { proposals: [2026-02-01, 2026-02-15], voting: [2026-03-01, 2026-03-15] }\n") == PT_OK);
	PT_CHECK_EQ_INT(cfg->processes->count, 1);
	PT_CHECK(pt_config_process(cfg, "jpc.d-003", 9) && !pt_config_process(cfg, "jpc.d-001", 9));
}

PT_TEST(refusals_at_their_place)
{
	/* an unknown kind */
	PT_CHECK(build("  - id: jpc\n    title: J\n    for_each: { kind: barrio }\n    kind: election\n"
		"    method: plurality\n    phases: { voting: [2026-03-01, 2026-03-15] }\n    candidates: [a]\n") != PT_OK);
	PT_CHECK(has_diag(HEAD + 3, "no territory of kind 'barrio'"));
	/* within an unknown territory; kind missing; an unknown key in for_each */
	PT_CHECK(build("  - id: jpc\n    title: J\n    for_each: { kind: demarcacion, within: oeste }\n    kind: election\n"
		"    method: plurality\n    phases: { voting: [2026-03-01, 2026-03-15] }\n    candidates: [a]\n") != PT_OK);
	PT_CHECK(has_diag(HEAD + 3, "unknown territory 'oeste'"));
	PT_CHECK(build("  - id: jpc\n    title: J\n    for_each: { of: demarcacion }\n    kind: election\n"
		"    method: plurality\n    phases: { voting: [2026-03-01, 2026-03-15] }\n    candidates: [a]\n") != PT_OK);
	PT_CHECK(has_diag(HEAD + 3, "unknown key 'of' in for_each"));
	PT_CHECK(has_diag(HEAD + 3, "missing required key 'kind' in for_each"));
	PT_CHECK(build("  - id: jpc\n    title: J\n    for_each: demarcacion\n    kind: election\n"
		"    method: plurality\n    phases: { voting: [2026-03-01, 2026-03-15] }\n    candidates: [a]\n") != PT_OK);
	PT_CHECK(has_diag(HEAD + 3, "expected {kind: <territory kind>"));
	/* a territory of its own */
	PT_CHECK(build("  - id: jpc\n    title: J\n    for_each: { kind: demarcacion }\n    territory: slp\n"
		"    kind: election\n    method: plurality\n    phases: { voting: [2026-03-01, 2026-03-15] }\n"
		"    candidates: [a]\n") != PT_OK);
	PT_CHECK(has_diag(HEAD + 4, "takes its own territory from for_each"));
	/* a candidate outside every generated territory */
	PT_CHECK(build("  - id: jpc\n    title: J\n    for_each: { kind: demarcacion }\n    kind: election\n"
		"    method: plurality\n    phases: { voting: [2026-03-01, 2026-03-15] }\n"
		"    candidates: [ { id: a, territory: c-9 }, b ]\n") != PT_OK);
	PT_CHECK(has_diag(HEAD + 7, "'c-9' lies in no territory of kind 'demarcacion'"));
	/* a territory left with no candidate and no proposals phase (d-002 and d-003 here): said, not dropped */
	PT_CHECK(build("  - id: jpc\n    title: J\n    for_each: { kind: demarcacion }\n    kind: election\n"
		"    method: plurality\n    phases: { voting: [2026-03-01, 2026-03-15] }\n"
		"    candidates: [ { id: a, territory: d-001 } ]\n") != PT_OK);
	PT_CHECK(has_diag(HEAD + 3, "the process for territory 'd-002' cannot be generated: process 'jpc.d-002': no "
		"candidate of the template lies in territory 'd-002'"));
	PT_CHECK(has_diag(HEAD + 3, "territory 'd-003' cannot be generated"));
	/* a broken definition is said once, not once per territory */
	PT_CHECK(build("  - id: jpc\n    title: J\n    for_each: { kind: demarcacion }\n    kind: election\n"
		"    method: no_such\n    phases: { voting: [2026-03-01, 2026-03-15] }\n    candidates: [a]\n") != PT_OK);
	PT_CHECK_EQ_INT(diags.count, 1);
	PT_CHECK(has_diag(HEAD + 5, "unknown tally method"));
	/* a generated id that collides with a process of its own */
	PT_CHECK(build("  - id: jpc.d-002\n    title: J\n    kind: poll\n    method: plurality\n"
		"    phases: { voting: [2026-03-01, 2026-03-15] }\n    candidates: [a]\n"
		"  - id: jpc\n    title: J\n    for_each: { kind: demarcacion }\n    kind: election\n"
		"    method: plurality\n    phases: { voting: [2026-03-01, 2026-03-15] }\n    candidates: [a]\n") != PT_OK);
	PT_CHECK(has_diag(0, "territory 'd-002' cannot be generated: duplicate process id 'jpc.d-002'"));
	/* an id too long once the territory's id is appended */
	PT_CHECK(build("  - id: jpc-0123456789012345678901234567890123456789012345678901234\n    title: J\n"
		"    for_each: { kind: demarcacion }\n    kind: election\n"
		"    method: plurality\n    phases: { voting: [2026-03-01, 2026-03-15] }\n    candidates: [a]\n") != PT_OK);
	PT_CHECK(has_diag(HEAD + 3, "would have the id"));
}

/* One process row of a summary, as io/process/process_template_store.c writes it. */
static pt_value *summary_row(const char *process, const char *name, int64_t residents, int64_t voters, bool closed,
	const char *winner1, const char *winner2)
{
	pt_value *r = pt_value_map(NULL), *w = winner1 ? pt_value_list(NULL) : pt_value_null(NULL);

	pt_value_setc(r, "process", pt_value_cstr(NULL, process));
	pt_value_setc(r, "territory", pt_value_cstr(NULL, process + 4));
	pt_value_setc(r, "territory_name", pt_value_cstr(NULL, name));
	pt_value_setc(r, "residents", pt_value_int(NULL, residents));
	pt_value_setc(r, "voters", pt_value_int(NULL, voters));
	pt_value_setc(r, "closed", pt_value_bool(NULL, closed));
	if (winner1) {
		pt_value_push(w, pt_value_cstr(NULL, winner1));
	}
	if (winner2) {
		pt_value_push(w, pt_value_cstr(NULL, winner2));
	}
	pt_value_setc(r, "winners", w);
	return r;
}

PT_TEST(open_data)
{
	pt_value *s = pt_value_map(NULL), *list = pt_value_list(NULL);
	pt_error err;
	char *doc;
	size_t len;

	pt_value_push(list, summary_row("jpc.d-001", "Demarcación 1, \"centro\"", 3, 2, true, "ana", "beto"));
	pt_value_push(list, summary_row("jpc.d-002", "Demarcación 2", 0, 0, false, NULL, NULL));
	pt_value_push(list, summary_row("jpc.d-003", "Demarcación 3", 7, 1, true, "dora", NULL));
	pt_value_setc(s, "template", pt_value_cstr(NULL, "jpc"));
	pt_value_setc(s, "processes", list);
	pt_error_clear(&err);
	PT_CHECK(pt_process_template_open_data(s, "csv", 3, NULL, &doc, &len, &err) == PT_OK);
	/* 2/3 rounds to 66.67, 1/7 to 14.29; no residents: empty; a name with a comma and quotes quoted */
	PT_CHECK_STR(doc, "process,territory,territory_name,residents,voters,turnout_percent,closed,winners\r\n"
		"jpc.d-001,d-001,\"Demarcación 1, \"\"centro\"\"\",3,2,66.67,1,ana;beto\r\n"
		"jpc.d-002,d-002,Demarcación 2,0,0,,0,\r\n"
		"jpc.d-003,d-003,Demarcación 3,7,1,14.29,1,dora\r\n");
	PT_CHECK_EQ_INT(len, strlen(doc));
	pt_free(NULL, doc);
	PT_CHECK(pt_process_template_open_data(s, "json", 4, NULL, &doc, &len, &err) == PT_OK);
	PT_CHECK(!strncmp(doc, "{\"template\":\"jpc\",\"processes\":[{\"process\":\"jpc.d-001\"", 42));
	pt_free(NULL, doc);
	PT_CHECK(pt_process_template_open_data(s, "xml", 3, NULL, &doc, &len, &err) == PT_ERR_INVALID && !doc);
	PT_CHECK(!pt_process_template_format_ok("CSV", 3) && pt_process_template_format_ok("json", 4));
	pt_value_free(s);
}

/* the summary of build(boards)'s three boards: d-001 counted (a tie, two winners), d-002 open, d-003 none living there */
static pt_value *boards_summary(void)
{
	pt_value *s = pt_value_map(NULL), *list = pt_value_list(NULL), *tot = pt_value_map(NULL);

	pt_value_push(list, summary_row("jpc.d-001", "Demarcación 1", 1234, 8, true, "ana", "beto"));
	pt_value_push(list, summary_row("jpc.d-002", "Demarcación <2>", 3, 2, false, NULL, NULL));
	pt_value_push(list, summary_row("jpc.d-003", "Demarcación 3", 0, 0, true, "propuesta-7", NULL));
	pt_value_setc(s, "template", pt_value_cstr(NULL, "jpc"));
	pt_value_setc(s, "title", pt_value_cstr(NULL, "Junta de {territory}"));
	pt_value_setc(s, "processes", list);
	pt_value_setc(tot, "processes", pt_value_int(NULL, 3));
	pt_value_setc(tot, "residents", pt_value_int(NULL, 1237));
	pt_value_setc(tot, "voters", pt_value_int(NULL, 10));
	pt_value_setc(tot, "closed", pt_value_int(NULL, 2));
	pt_value_setc(tot, "counted", pt_value_int(NULL, 2));
	pt_value_setc(s, "totals", tot);
	return s;
}

static const char *row_text(const pt_value *view, size_t row, const char *key)
{
	const pt_value *rows = pt_value_get(view, "rows"), *v;

	v = rows && row < rows->u.c.count ? pt_value_get(rows->u.c.items[row], key) : NULL;
	return v && v->type == PT_VALUE_STRING ? v->u.s.s : "(none)";
}

static long view_fail_after;

static void *view_fail_alloc(size_t n, void *ctx)
{
	(void)ctx;
	return view_fail_after-- > 0 ? malloc(n) : NULL;
}

static void *view_fail_realloc(void *p, size_t n, void *ctx)
{
	(void)ctx;
	return view_fail_after-- > 0 ? realloc(p, n) : NULL;
}

static void view_fail_free(void *p, void *ctx)
{
	(void)ctx;
	free(p);
}

PT_TEST(summary_view)
{
	static const pt_allocator failing = { view_fail_alloc, view_fail_realloc, view_fail_free, NULL };
	pt_value *s = boards_summary(), *v = NULL, *bad = pt_value_map(NULL);
	pt_fragment_host en;
	pt_error err;
	long k;

	PT_CHECK(build(boards) == PT_OK);
	pt_error_clear(&err);
	PT_CHECK(pt_fragment_template_summary_view(cfg, s, NULL, NULL, &v, &err) == PT_OK);
	PT_CHECK_STR(pt_fragment_str(v, "title"), "Junta de cada territorio");
	PT_CHECK_STR(pt_fragment_str(v, "caption"), "Participación y ganadores en 3 territorios");
	/* names from the YAML, a proposal's id kept; 8 of 1,234 is 0.648 %: 0.6; 2 of 3: 66.7; none living there: — */
	PT_CHECK_STR(row_text(v, 0, "residents"), "1,234");
	PT_CHECK_STR(row_text(v, 0, "turnout"), "0.6 %");
	PT_CHECK_STR(row_text(v, 0, "winners"), "Ana, Beto");
	PT_CHECK_STR(row_text(v, 0, "state"), "Cerrada");
	PT_CHECK_STR(row_text(v, 1, "turnout"), "66.7 %");
	PT_CHECK_STR(row_text(v, 1, "winners"), "Sin conteo final");
	PT_CHECK_STR(row_text(v, 1, "territory"), "Demarcación <2>");   /* the template escapes */
	PT_CHECK_STR(row_text(v, 2, "turnout"), "\xe2\x80\x94");
	PT_CHECK_STR(row_text(v, 2, "winners"), "propuesta-7");
	PT_CHECK_STR(pt_fragment_str(pt_value_get(v, "total"), "state"), "2 de 3 cerradas");
	pt_value_free(v);
	memset(&en, 0, sizeof(en));
	en.lang = "en";
	PT_CHECK(pt_fragment_template_summary_view(cfg, s, &en, NULL, &v, &err) == PT_OK);
	PT_CHECK_STR(pt_fragment_str(v, "title"), "Junta de each territory");
	PT_CHECK_STR(row_text(v, 1, "winners"), "No final count");
	PT_CHECK_STR(pt_fragment_str(pt_value_get(v, "total"), "winners"), "2 of 3 counted");
	pt_value_free(v);
	PT_CHECK(pt_fragment_template_summary_view(cfg, bad, NULL, NULL, &v, &err) == PT_ERR_INVALID && !v);
	/* every allocation failing in turn: PT_ERR_NOMEM and nothing left (ASan), until it succeeds */
	for (k = 0; k < 100000; k++) {
		pt_status st;

		view_fail_after = k;
		st = pt_fragment_template_summary_view(cfg, s, NULL, &failing, &v, &err);
		if (st == PT_OK) {
			pt_value_free(v);
			break;
		}
		PT_CHECK(st == PT_ERR_NOMEM && !v);
	}
	PT_CHECK(k > 10 && k < 100000);
	pt_value_free(bad);
	pt_value_free(s);
}

int main(void)
{
	pt_diags_init(&diags);
	PT_RUN(one_process_per_territory);
	PT_RUN(within_limits_the_territories);
	PT_RUN(refusals_at_their_place);
	PT_RUN(open_data);
	PT_RUN(summary_view);
	pt_config_free(cfg);
	pt_diags_free(&diags);
	return pt_test_summary("test_process_templates");
}
