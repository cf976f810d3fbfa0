/*
 * pt_eligibility_vote_sql() (ext/core/participant/eligibility.c) against the
 * rule it stands for, pt_eligibility_vote(): no server. For every process of
 * a YAML with voting and non-voting roles, scoped and global assignments, a
 * body and a role list, every participant, set of stored roles (subsets of
 * the YAML's roles and one it no longer defines), ban and territory, the
 * answer that participa_cast_ballot (schema 011) computes from the rule's
 * output is emulated here as the SQL does it (FIND_IN_SET over the list, the
 * territory copy's pre within the process's [pre, post]) and must never
 * accept what the rule refuses; it must accept exactly what the rule accepts
 * except where the rule says it is stricter (a voting role stored beside a
 * known role that does not vote here).
 */
#include "pt_test.h"
#include "pt_test_config.h"
#include "core/participant/eligibility.h"
#include "core/site/territory.h"
#include "io/site/config_load.h"

static pt_config *cfg;
static pt_diags diags;

static const char yaml[] =
	"site: { name: X }\n"
	"database: { socket: /s, name: p, user: u }\n"
	"territories:\n"
	"  - { id: m, name: Municipio, children: [ { id: n, name: Norte, children: [ { id: n1, name: N1 } ] },\n"
	"      { id: s, name: Sur } ] }\n"
	"roles:\n"
	"  ciudadano: { can: [comment, vote] }\n"
	"  enlace: { can: [vote, enter_paper_ballots] }\n"
	"  funcionario: { can: [comment, answer] }\n"
	"  facilitador: { can: [comment], votes: false }\n"
	"  moderador: { can: [moderate] }\n"
	"assignments:\n"
	"  - { participant: 'a:cit-n', role: ciudadano, territory: n }\n"
	"  - { participant: 'a:mod', role: moderador }\n"
	"  - { participant: 'a:fun-s', role: funcionario, territory: s }\n"
	"  - { participant: 'b:1', role: funcionario, body: consejo }\n"
	"  - { participant: 'b:2', role: facilitador, body: consejo }\n"
	"  - { participant: 'b:3', role: enlace, body: consejo }\n"
	"processes:\n"
	"  - { id: todos, title: T, kind: poll, method: plurality, candidates: [a, b], phases: { voting: [2026-01-01, 2026-02-01] } }\n"
	"  - { id: norte, title: N, kind: election, method: irv, candidates: [a, b], territory: n,\n"
	"      phases: { voting: [2026-01-01, 2026-02-01] } }\n"
	"  - { id: enlaces, title: E, kind: poll, method: approval, candidates: [a, b], roles: [enlace], territory: m,\n"
	"      phases: { voting: [2026-01-01, 2026-02-01] } }\n"
	"  - { id: consejo, title: C, kind: poll, method: plurality, candidates: [a, b], body: consejo,\n"
	"      phases: { voting: [2026-01-01, 2026-02-01] } }\n";

/* FIND_IN_SET(id, list) > 0, as MariaDB has it for ids without commas */
static bool in_list(const char *list, const char *id)
{
	size_t n = strlen(id);
	const char *p = list;

	while (*p) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (len == n && memcmp(p, id, n) == 0) {
			return true;
		}
		p += len + (end ? 1 : 0);
	}
	return false;
}

/* participa_cast_ballot's decision on the stored facts, from the rule's output */
static bool sql_accepts(const pt_eligibility_sql *e, const char *const *stored, size_t nstored, bool banned,
	const char *territory)
{
	bool found = false;
	size_t i;

	if (banned) {
		return false;
	}
	if (e->territory >= 0) {
		const pt_territory_tree *t = &cfg->territories;
		int32_t mine = territory ? pt_territory_find(t, territory, strlen(territory)) : -1;

		if (mine < 0 || t->items[mine].pre < t->items[e->territory].pre
				|| t->items[mine].pre > t->items[e->territory].post) {
			return false;
		}
	}
	for (i = 0; i < nstored; i++) {
		found = found || in_list(e->roles, stored[i]);
	}
	switch (e->rule) {
	case PT_ELIGIBILITY_SQL_YAML:
		return true;
	case PT_ELIGIBILITY_SQL_NO_OTHER_ROLE:
		return !found;
	default:
		return found;
	}
}

PT_TEST(never_looser_and_exact_but_where_stricter)
{
	static const char *const people[] = { "w:1", "a:cit-n", "a:mod", "a:fun-s", "b:1", "b:2", "b:3" };
	static const char *const roles[] = { "ciudadano", "enlace", "funcionario", "facilitador", "moderador", "antiguo" };
	static const char *const places[] = { NULL, "m", "n", "n1", "s", "vieja" };
	size_t p, who, mask, place, accepted = 0, stricter = 0, cases = 0;

	for (p = 0; p < cfg->processes->count; p++) {
		const pt_process_def *def = &cfg->processes->items[p];

		for (who = 0; who < sizeof(people) / sizeof(people[0]); who++) {
			pt_eligibility_sql e;
			bool usable = pt_eligibility_vote_sql(cfg, def, people[who], NULL, &e);

			for (mask = 0; mask < (1u << 6); mask++) {
				const char *stored[6];
				char text[128] = "";
				size_t n = 0, r;
				bool votes_beside_other = false, has_vote = false, has_other = false;

				for (r = 0; r < 6; r++) {
					if (mask & (1u << r)) {
						stored[n++] = roles[r];
						if (text[0]) {
							strcat(text, ",");
						}
						strcat(text, roles[r]);
					}
				}
				for (r = 0; usable && r < n; r++) {
					has_vote = has_vote || (e.rule == PT_ELIGIBILITY_SQL_NO_OTHER_ROLE && !in_list(e.roles, stored[r])
						&& strcmp(stored[r], "antiguo") != 0);
					has_other = has_other || (e.rule == PT_ELIGIBILITY_SQL_NO_OTHER_ROLE && in_list(e.roles, stored[r]));
				}
				votes_beside_other = has_vote && has_other;
				for (place = 0; place < sizeof(places) / sizeof(places[0]); place++) {
					int banned;

					for (banned = 0; banned < 2; banned++) {
						pt_participant_facts f = { people[who], banned != 0, text, places[place] };
						pt_capacity cap;
						pt_error err;
						bool full, fast;

						pt_error_clear(&err);
						full = pt_eligibility_vote(cfg, def, &f, &cap, &err) == PT_OK && cap.vote;
						fast = usable && sql_accepts(&e, stored, n, banned != 0, places[place]);
						cases++;
						accepted += fast;
						if (fast && !full) {
							PT_FAIL_AT("looser: process %s, %s, roles '%s', territory %s, banned %d", def->id,
								people[who], text, places[place] ? places[place] : "-", banned);
						}
						if (!fast && full && usable && !votes_beside_other) {
							PT_FAIL_AT("declined what the rule accepts: process %s, %s, roles '%s', territory %s",
								def->id, people[who], text, places[place] ? places[place] : "-");
						}
						stricter += !fast && full && usable && votes_beside_other;
					}
				}
			}
			if (usable) {
				pt_eligibility_sql_free(&e);
			}
		}
	}
	/* the emulation decides a real share of the cases, and the stricter corner is reached */
	PT_CHECK(accepted > cases / 20);
	PT_CHECK(stricter > 0);
}

PT_TEST(declines_stances_and_roles_without_vote)
{
	static const char y[] =
		"site: { name: X }\n"
		"database: { socket: /s, name: p, user: u }\n"
		"territories:\n  - { id: m, name: M }\n"
		"roles:\n  ciudadano: { can: [comment] }\n  vocal: { can: [comment], votes: false }\n  miembro: { can: [comment] }\n"
		"assignments:\n  - { participant: 'v:1', role: miembro, body: mesa }\n"
		"processes:\n"
		"  - { id: sin, title: S, kind: poll, method: plurality, candidates: [a, b], phases: { voting: [2026-01-01, 2026-02-01] } }\n"
		"  - { id: mesa, title: M, kind: consensus, method: consensus, body: mesa, phases: { voting: [2026-01-01, 2026-02-01] } }\n";
	pt_config *c = NULL;
	pt_diags d;
	pt_eligibility_sql e;

	pt_diags_init(&d);
	PT_CHECK(pt_config_load_string("y.yaml", y, strlen(y), &c, &d) == PT_OK);
	if (c) {
		/* no role votes here: the full check refuses, nothing to send */
		PT_CHECK(!pt_eligibility_vote_sql(c, pt_config_process(c, "sin", 3), "w:1", NULL, &e));
		/* a stance records the role it was cast in: the full check's */
		PT_CHECK(!pt_eligibility_vote_sql(c, pt_config_process(c, "mesa", 4), "v:1", NULL, &e));
		pt_config_free(c);
	}
	pt_diags_free(&d);
}

int main(void)
{
	int rc;

	if (!pt_test_load_config("test_eligibility_sql", yaml, &cfg, &diags)) {
		return 1;
	}
	PT_RUN(never_looser_and_exact_but_where_stricter);
	PT_RUN(declines_stances_and_roles_without_vote);
	rc = pt_test_summary("test_eligibility_sql");
	pt_config_free(cfg);
	pt_diags_free(&diags);
	return rc;
}
