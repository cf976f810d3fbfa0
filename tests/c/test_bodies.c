/* Bodies core (ext/core/body/): membership on a date from the YAML and from processes' winners, terms,
 * quorum, rotation, the INAI membership rule, and a council vote's electorate (eligibility.c), without a
 * server. */
#include "pt_test.h"
#include "core/site/site_config.h"
#include "core/body/config_bodies.h"
#include "core/body/body.h"
#include "core/participant/eligibility.h"
#include "core/common/pt_time.h"
#include "io/site/config_load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pt_diags diags;
static pt_config *cfg;

static pt_status build(const char *processes, const char *bodies)
{
	static char yaml[200000];

	pt_config_free(cfg);
	cfg = NULL;
	pt_diags_free(&diags);
	pt_diags_init(&diags);
	snprintf(yaml, sizeof(yaml),
		"site: { name: X }\n"
		"database: { socket: /s, name: p, user: u }\n"
		"territories:\n"
		"  - { id: slp, name: SLP, kind: municipio, children: [ { id: d1, name: Uno, kind: demarcacion }, "
		"{ id: d2, name: Dos, kind: demarcacion } ] }\n"
		"roles:\n"
		"  ciudadano: { can: [comment, vote] }\n"
		"  consejero: { can: [comment] }\n"
		"processes:\n%s"
		"bodies:\n%s", processes, bodies);
	return pt_config_load_string("c.yaml", yaml, strlen(yaml), &cfg, &diags);
}

static void show_diags(void)
{
	size_t i;

	for (i = 0; i < diags.count; i++) {
		printf("  %u:%u: %s\n", diags.items[i].line, diags.items[i].column, diags.items[i].message);
	}
}

static int64_t day(const char *s)
{
	int64_t d = 0;

	pt_time_parse_date(s, strlen(s), 1900, &d);
	return d;
}

static const char *boards =
	"  - { id: junta-d1, title: J1, kind: election, territory: d1, method: plurality, "
	"phases: { voting: [2026-03-01, 2026-03-02] }, candidates: [ { id: a, name: A }, { id: b, name: B } ] }\n"
	"  - { id: junta-d2, title: J2, kind: election, territory: d2, method: plurality, "
	"phases: { voting: [2026-03-01, 2026-03-02] }, candidates: [ { id: a, name: A }, { id: b, name: B } ] }\n";

/* The INAI's rule: one government member, one civil-society organisation, one transparency body. */
PT_TEST(inai_rule_checked_on_a_date)
{
	pt_body_report r;
	pt_error err;
	const pt_body *st;

	if (build(boards,
		"  - id: stl\n"
		"    name: Secretariado Técnico Local\n"
		"    requires: { government: 1, civil_society: 1, transparency: 1 }\n"
		"    members:\n"
		"      - { participant: 'wp:g', role: presidencia, sector: government, start: 2026-01-01, end: 2026-12-31 }\n"
		"      - { participant: 'wp:o', role: vocal, sector: civil_society, start: 2026-01-01, end: 2026-12-31 }\n"
		"      - { participant: 'wp:t', role: vocal, sector: transparency, start: 2026-01-01, end: 2026-06-30 }\n"
		"      - { participant: 'wp:t2', role: vocal, sector: transparency, start: 2026-08-01, end: 2026-12-31 }\n")
		!= PT_OK) {
		show_diags();
		PT_CHECK(0);
		return;
	}
	PT_CHECK((st = pt_config_body(cfg, "stl", 3)) != NULL);
	pt_error_clear(&err);
	PT_CHECK(pt_body_check(st, NULL, day("2026-03-15"), &r, &err) == PT_OK);
	PT_CHECK(r.rules_met && r.members == 3 && r.in_office[PT_SECTOR_TRANSPARENCY] == 1);
	/* July: the transparency seat is vacant between two terms */
	PT_CHECK(pt_body_check(st, NULL, day("2026-07-15"), &r, &err) == PT_ERR_INVALID);
	PT_CHECK(!r.rules_met && r.members == 2);
	PT_CHECK_STR(err.message, "Secretariado Técnico Local necesita al menos 1 integrante(s) del sector transparency y tiene 0");
	pt_error_clear(&err);
	PT_CHECK(pt_body_check(st, NULL, day("2026-08-01"), &r, &err) == PT_OK);
	/* a term's bounds are inclusive */
	PT_CHECK(pt_body_is_member(st, NULL, day("2026-06-30"), "wp:t", NULL));
	PT_CHECK(!pt_body_is_member(st, NULL, day("2026-07-01"), "wp:t", NULL));
	PT_CHECK(pt_body_members_on(st, NULL, day("2025-12-31")) == 0);
	PT_CHECK(pt_body_quorum(st, NULL, day("2025-12-31")) == 0);
}

/* Each board's president sits: a result-fed seat is empty until its process has a winner. */
PT_TEST(seats_fed_by_winners)
{
	const pt_body *b;
	const char *winners[3] = { NULL, NULL, NULL };
	size_t seat = 9;

	if (build(boards,
		"  - id: consejo\n"
		"    members: [ { participant: 'wp:g', role: secretaria, sector: government, start: 2026-01-01, end: 2029-12-31 } ]\n"
		"    seats: { from_processes: [junta-d1, junta-d2], role: presidencia, sector: citizen, start: 2026-04-01, "
		"end: 2029-03-31 }\n") != PT_OK) {
		show_diags();
		PT_CHECK(0);
		return;
	}
	b = pt_config_body(cfg, "consejo", 7);
	PT_CHECK(b && b->seat_count == 3 && b->seats[1].process == 0 && b->seats[2].process == 1);
	PT_CHECK(pt_body_members_on(b, NULL, day("2026-05-01")) == 1);
	winners[1] = "wp:a1";
	PT_CHECK(pt_body_members_on(b, winners, day("2026-05-01")) == 2);
	winners[2] = "wp:a2";
	PT_CHECK(pt_body_members_on(b, winners, day("2026-05-01")) == 3);
	PT_CHECK(pt_body_members_on(b, winners, day("2026-03-31")) == 1);   /* before the boards' term */
	PT_CHECK(pt_body_is_member(b, winners, day("2026-05-01"), "wp:a2", &seat) && seat == 2);
	PT_CHECK_STR(b->seats[2].role, "presidencia");
	/* quorum: half by default, rounded up */
	PT_CHECK(pt_body_quorum(b, winners, day("2026-05-01")) == 2);
	PT_CHECK(!pt_body_quorum_met(b, winners, day("2026-05-01"), 1));
	PT_CHECK(pt_body_quorum_met(b, winners, day("2026-05-01"), 2));
}

PT_TEST(rotation_passes_the_role)
{
	const pt_body *b;

	if (build(boards,
		"  - id: c\n"
		"    rotation: { role: coordinacion, months: 6, start: 2026-01-15 }\n"
		"    members:\n"
		"      - { participant: 'wp:1', role: vocal, sector: citizen, start: 2026-01-01, end: 2030-12-31 }\n"
		"      - { participant: 'wp:2', role: vocal, sector: citizen, start: 2026-01-01, end: 2030-12-31 }\n"
		"      - { participant: 'wp:3', role: vocal, sector: citizen, start: 2026-01-01, end: 2030-12-31 }\n")
		!= PT_OK) {
		show_diags();
		PT_CHECK(0);
		return;
	}
	b = pt_config_body(cfg, "c", 1);
	PT_CHECK(pt_body_rotation_seat(b, NULL, day("2026-01-14")) == -1);
	PT_CHECK(pt_body_rotation_seat(b, NULL, day("2026-01-15")) == 0);
	PT_CHECK(pt_body_rotation_seat(b, NULL, day("2026-07-14")) == 0);
	PT_CHECK(pt_body_rotation_seat(b, NULL, day("2026-07-15")) == 1);
	PT_CHECK(pt_body_rotation_seat(b, NULL, day("2027-01-15")) == 2);
	PT_CHECK(pt_body_rotation_seat(b, NULL, day("2027-07-15")) == 0);
}

/* A 52-member council vote: only members in office on the vote's day vote; its declared electorate must
 * be the body's seats that day. */
PT_TEST(council_vote_of_52)
{
	static char members[52 * 140 + 256];
	char proc[512];
	size_t n = 0, i;
	const pt_process_def *def;
	pt_participant_facts f = { 0 };
	pt_capacity cap;
	pt_error err;

	n += (size_t)snprintf(members + n, sizeof(members) - n, "  - id: consejo\n    votes: { processes: [cv], role: consejero }\n    members:\n");
	for (i = 0; i < 52; i++) {
		n += (size_t)snprintf(members + n, sizeof(members) - n, "      - { participant: 'wp:%zu', role: vocal, "
			"sector: citizen, start: 2026-01-01, end: %s }\n", i, i == 51 ? "2026-03-31" : "2028-12-31");
	}
	snprintf(proc, sizeof(proc), "  - { id: cv, title: Consejo, kind: council_vote, method: majority, electorate: %s, "
		"quorum: 1/2, phases: { voting: [2026-04-10 17:00, 2026-04-10 21:00] } }\n", "52");
	PT_CHECK(build(proc, members) == PT_ERR_CONFIG);
	PT_CHECK(diags.count == 1 && strstr(diags.items[0].message, "needs electorate: 51") != NULL);
	snprintf(proc, sizeof(proc), "  - { id: cv, title: Consejo, kind: council_vote, method: majority, electorate: 51, "
		"quorum: 1/2, phases: { voting: [2026-04-10 17:00, 2026-04-10 21:00] } }\n");
	if (build(proc, members) != PT_OK) {
		show_diags();
		PT_CHECK(0);
		return;
	}
	def = pt_config_process(cfg, "cv", 2);
	PT_CHECK(pt_body_holding(cfg, def) == pt_config_body(cfg, "consejo", 7));
	pt_error_clear(&err);
	f.participant = "wp:7";
	PT_CHECK(pt_eligibility_vote(cfg, def, &f, &cap, &err) == PT_OK && cap.vote
		&& !strcmp(cap.vote->id, "consejero"));
	f.participant = "wp:51";    /* the term ended before the vote */
	PT_CHECK(pt_eligibility_vote(cfg, def, &f, &cap, &err) == PT_ERR_NOT_ALLOWED);
	f.participant = "wp:x";     /* a resident, not a member */
	pt_error_clear(&err);
	PT_CHECK(pt_eligibility_vote(cfg, def, &f, &cap, &err) == PT_ERR_NOT_ALLOWED);
	PT_CHECK(pt_body_quorum(pt_body_holding(cfg, def), NULL, pt_body_day_of_local(def->voting.start_local)) == 26);
}

/* Seats from a template's boards: one seat per generated process; its holder is the stored winner's
 * participant (YAML candidate's participant:, else an API option's proposer, else nobody: vacant); the
 * council vote's electorate is the holders in office, the vote_sql fast path declines (the stored counts
 * are the full path's to read). */
PT_TEST(seats_from_a_template_and_stored_winners)
{
	const char *procs =
		"  - { id: jpc, title: 'Junta {territory}', for_each: { kind: demarcacion }, kind: election, method: plurality, "
		"phases: { voting: [2026-03-01, 2026-03-02] }, candidates: [ { id: a, name: A, territory: d1, participant: 'wp:a' }, "
		"{ id: b, name: B, territory: d2 } ] }\n"
		"  - { id: cv, title: Consejo, kind: council_vote, method: majority, electorate: 2, quorum: 1/2, "
		"phases: { voting: [2026-04-10 17:00, 2026-04-10 21:00] } }\n";
	const char *bodies =
		"  - id: consejo\n"
		"    seats: { from_processes: [jpc], role: presidencia, sector: citizen, start: 2026-04-01, end: 2029-03-31 }\n"
		"    votes: { processes: [cv], role: consejero }\n";
	const char *holders[2] = { NULL, NULL };
	const pt_body *b;
	const pt_process_def *def;
	pt_participant_facts f = { 0 };
	pt_eligibility_sql el;
	pt_capacity cap;
	pt_error err;
	int64_t d = day("2026-04-10");

	if (build(procs, bodies) != PT_OK) {
		show_diags();
		PT_CHECK(0);
		return;
	}
	b = pt_config_body(cfg, "consejo", 7);
	def = pt_config_process(cfg, "cv", 2);
	PT_CHECK(b && b->seat_count == 2 && pt_body_fed_by_results(b));
	PT_CHECK(!strcmp(cfg->processes->items[b->seats[0].process].id, "jpc.d1")
		&& !strcmp(cfg->processes->items[b->seats[1].process].id, "jpc.d2"));
	/* the winner's participant: the YAML candidate's, an API option's proposer, or nobody */
	PT_CHECK(!strcmp(pt_body_winner_participant(cfg, &b->seats[0], "a", 1, "wp:z"), "wp:a"));
	PT_CHECK(pt_body_winner_participant(cfg, &b->seats[1], "b", 1, "wp:z") == NULL);
	PT_CHECK(!strcmp(pt_body_winner_participant(cfg, &b->seats[1], "c", 1, "wp:c"), "wp:c"));
	PT_CHECK(pt_body_winner_participant(cfg, &b->seats[1], "c", 1, NULL) == NULL);
	PT_CHECK(pt_body_winner_participant(cfg, &b->seats[1], NULL, 0, "wp:c") == NULL);
	/* nothing counted: every seat vacant, nobody votes, the fast path declines */
	PT_CHECK(pt_body_vacant_on(b, holders, d) == 2 && pt_body_members_on(b, holders, d) == 0);
	PT_CHECK(pt_body_vacant_on(b, holders, day("2026-03-31")) == 0);   /* before the term: no seat */
	PT_CHECK(!pt_eligibility_vote_sql(cfg, def, "wp:a", NULL, &el));
	f.participant = "wp:a";
	pt_error_clear(&err);
	PT_CHECK(pt_eligibility_vote_in(cfg, def, &f, holders, &cap, &err) == PT_ERR_NOT_ALLOWED
		&& strstr(err.message, "2 asiento(s) siguen vacantes") != NULL);
	/* d1 counted: its winner sits and votes; the other still refused */
	holders[0] = "wp:a";
	PT_CHECK(pt_body_members_on(b, holders, d) == 1 && pt_body_vacant_on(b, holders, d) == 1);
	pt_error_clear(&err);
	PT_CHECK(pt_eligibility_vote_in(cfg, def, &f, holders, &cap, &err) == PT_OK && cap.vote
		&& !strcmp(cap.vote->id, "consejero"));
	PT_CHECK(pt_eligibility_vote(cfg, def, &f, &cap, &err) == PT_ERR_NOT_ALLOWED);   /* without the counts */
	f.participant = "wp:c";
	pt_error_clear(&err);
	PT_CHECK(pt_eligibility_vote_in(cfg, def, &f, holders, &cap, &err) == PT_ERR_NOT_ALLOWED);
	holders[1] = "wp:c";
	pt_error_clear(&err);
	PT_CHECK(pt_eligibility_vote_in(cfg, def, &f, holders, &cap, &err) == PT_OK);
	/* after the term nobody sits, whatever the counts */
	PT_CHECK(pt_body_members_on(b, holders, day("2029-04-01")) == 0);
	/* a template id that is neither a process nor a template is refused at its place */
	PT_CHECK(build(procs, "  - id: consejo\n    seats: { from_processes: [jp], role: p, sector: citizen, "
		"start: 2026-04-01, end: 2029-03-31 }\n") == PT_ERR_CONFIG);
	PT_CHECK(diags.count >= 1 && strstr(diags.items[0].message, "unknown process") != NULL);
}

int main(void)
{
	pt_diags_init(&diags);
	PT_RUN(inai_rule_checked_on_a_date);
	PT_RUN(seats_fed_by_winners);
	PT_RUN(rotation_passes_the_role);
	PT_RUN(council_vote_of_52);
	PT_RUN(seats_from_a_template_and_stored_winners);
	pt_config_free(cfg);
	pt_diags_free(&diags);
	return pt_test_summary("test_bodies");
}
