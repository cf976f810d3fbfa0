/*
 * The participant room's rules in core, no server: eligibility
 * (core/participant/eligibility.h) with territory-scoped assignments, and
 * the rules of Participants and of where an action happens
 * (core/participant/permissions.h).
 */
#include "pt_test.h"
#include "core/participant/eligibility.h"
#include "core/participant/permissions.h"
#include "io/site/config_load.h"

static const char yaml[] =
	"site: { name: Prueba }\n"
	"database: { socket: /nonexistent.sock, name: t, user: u }\n"
	"territories:\n"
	"  - id: municipio\n"
	"    name: Municipio\n"
	"    children:\n"
	"      - { id: norte, name: Zona Norte, children: [ { id: norte-1, name: Colonia Norte 1 } ] }\n"
	"      - { id: sur, name: Zona Sur }\n"
	"roles:\n"
	"  ciudadano: { can: [comment] }\n"
	"  votante: { can: [comment, vote, propose] }\n"
	"  enlace: { can: [vote, enter_paper_ballots] }\n"
	"  facilitador: { can: [comment], votes: false }\n"
	"  moderador: { can: [moderate] }\n"
	"assignments:\n"
	"  - { participant: 'z:norte', role: votante, territory: norte }\n"
	"  - { participant: 'z:mod-norte', role: moderador, territory: norte }\n"
	"  - { participant: 'z:mod', role: moderador }\n"
	"  - { participant: 'b:1', role: facilitador, body: consejo }\n"
	"  - { participant: 'b:2', role: ciudadano, body: consejo, territory: sur }\n"
	"processes:\n"
	"  - { id: en-norte, title: N, kind: poll, method: plurality, territory: norte, candidates: [a, b],\n"
	"      phases: { voting: [2020-01-01, 2099-12-31] } }\n"
	"  - { id: en-sur, title: S, kind: poll, method: plurality, territory: sur, candidates: [a, b],\n"
	"      phases: { voting: [2020-01-01, 2099-12-31] } }\n"
	"  - { id: todos, title: T, kind: poll, method: plurality, candidates: [a, b],\n"
	"      phases: { voting: [2020-01-01, 2099-12-31] } }\n"
	"  - { id: enlaces, title: E, kind: poll, method: plurality, roles: [enlace], candidates: [a, b],\n"
	"      phases: { voting: [2020-01-01, 2099-12-31] } }\n"
	"  - { id: consejo, title: C, kind: consensus, method: consensus, body: consejo,\n"
	"      phases: { voting: [2020-01-01, 2099-12-31] } }\n";

static pt_config *cfg;

static const pt_process_def *proc(const char *id)
{
	return pt_config_process(cfg, id, strlen(id));
}

static pt_status vote(const char *process, const char *who, const char *roles, const char *territory,
	pt_capacity *cap, pt_error *err)
{
	pt_participant_facts f = { who, false, roles, territory };

	pt_error_clear(err);
	return pt_eligibility_vote(cfg, proc(process), &f, cap, err);
}

PT_TEST(stored_roles_and_residence)
{
	pt_capacity cap;
	pt_error err;

	PT_CHECK_EQ_INT(vote("en-norte", "w:1", "votante", "norte-1", &cap, &err), PT_OK);
	PT_CHECK_STR(cap.vote->id, "votante");
	PT_CHECK_EQ_INT(vote("en-norte", "w:1", "votante", "sur", &cap, &err), PT_ERR_NOT_ALLOWED);
	PT_CHECK_STR(err.message, "Este proceso es solo para quienes viven en Zona Norte.");
	PT_CHECK_EQ_INT(vote("en-norte", "w:1", "votante", NULL, &cap, &err), PT_ERR_NOT_ALLOWED);
	PT_CHECK(strstr(err.message, "Para votar en este proceso necesitas registrar") == err.message);
	/* the default role (ciudadano) has no vote */
	PT_CHECK_EQ_INT(vote("todos", "w:nuevo", NULL, NULL, &cap, &err), PT_ERR_NOT_ALLOWED);
	PT_CHECK_STR(err.message, "Tu rol no tiene voto en este proceso.");
	/* the process's roles: a voting role not listed does not take part */
	PT_CHECK_EQ_INT(vote("enlaces", "w:1", "votante", "norte", &cap, &err), PT_ERR_NOT_ALLOWED);
	PT_CHECK_EQ_INT(vote("enlaces", "w:1", "votante,enlace", "norte", &cap, &err), PT_OK);
	PT_CHECK_STR(cap.vote->id, "enlace");
	{
		pt_participant_facts banned = { "w:1", true, "votante", "norte-1" };

		pt_error_clear(&err);
		PT_CHECK_EQ_INT(pt_eligibility_vote(cfg, proc("en-norte"), &banned, &cap, &err), PT_ERR_NOT_ALLOWED);
		PT_CHECK_STR(err.message, "Tu cuenta está suspendida; no puedes votar.");
		PT_CHECK(cap.vote == NULL && cap.voice == NULL);
	}
}

/* the fix: a YAML assignment limited to a territory acts only in processes inside it */
PT_TEST(scoped_assignment_votes_only_inside)
{
	pt_capacity cap;
	pt_error err;

	PT_CHECK_EQ_INT(vote("en-norte", "z:norte", NULL, "norte-1", &cap, &err), PT_OK);
	PT_CHECK_STR(cap.vote->id, "votante");
	/* in the south, and in a process for everyone, it does not act: the default role applies */
	PT_CHECK_EQ_INT(vote("en-sur", "z:norte", NULL, "sur", &cap, &err), PT_ERR_NOT_ALLOWED);
	PT_CHECK_STR(err.message, "Tu rol no tiene voto en este proceso.");
	PT_CHECK_EQ_INT(vote("todos", "z:norte", NULL, "norte", &cap, &err), PT_ERR_NOT_ALLOWED);
	cap = pt_eligibility_capacity(cfg, proc("en-sur"), "z:norte", NULL);
	PT_CHECK(cap.vote == NULL && cap.any_role);
	PT_CHECK_STR(pt_permissions(cfg, "z:norte", NULL, proc("en-sur")->territory, NULL, NULL) & PT_PERM_VOTE
		? "votes" : "no", "no");
}

PT_TEST(body_membership)
{
	pt_capacity cap;
	pt_error err;

	/* voice without vote in a consensus of the body */
	PT_CHECK_EQ_INT(vote("consejo", "b:1", NULL, NULL, &cap, &err), PT_OK);
	PT_CHECK(cap.vote == NULL && cap.voice && strcmp(cap.voice->id, "facilitador") == 0);
	/* a member votes in the body's decisions without `vote`, wherever the assignment is scoped */
	PT_CHECK_EQ_INT(vote("consejo", "b:2", NULL, NULL, &cap, &err), PT_OK);
	PT_CHECK(cap.vote && strcmp(cap.vote->id, "ciudadano") == 0);
	PT_CHECK_EQ_INT(vote("consejo", "w:1", "votante", "norte", &cap, &err), PT_ERR_NOT_ALLOWED);
	PT_CHECK_STR(err.message, "Solo integrantes de consejo participan en este proceso.");
}

PT_TEST(propose)
{
	pt_participant_facts f = { "z:norte", false, NULL, "norte-1" };
	pt_error err;

	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_eligibility_propose(cfg, proc("en-norte"), &f, &err), PT_OK);
	f.territory = "sur";
	PT_CHECK_EQ_INT(pt_eligibility_propose(cfg, proc("en-sur"), &f, &err), PT_ERR_NOT_ALLOWED);
	PT_CHECK_STR(err.message, "No tienes permiso para proponer opciones.");
	f = (pt_participant_facts){ "w:1", false, "votante", NULL };
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_eligibility_propose(cfg, proc("en-norte"), &f, &err), PT_ERR_NOT_ALLOWED);
	PT_CHECK(strstr(err.message, "Para proponer en este proceso") == err.message);
	f.banned = true;
	PT_CHECK_EQ_INT(pt_eligibility_propose(cfg, proc("todos"), &f, &err), PT_ERR_NOT_ALLOWED);
	PT_CHECK_STR(err.message, "Tu cuenta está suspendida; no puedes proponer opciones.");
}

PT_TEST(ban_needs_sitewide_moderate)
{
	pt_participant_facts mod = { "z:mod", false, NULL, NULL };
	pt_participant_facts scoped = { "z:mod-norte", false, NULL, NULL };
	pt_participant_facts stored = { "w:7", false, "moderador", NULL };
	pt_error err;

	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_permissions_may_ban(cfg, &mod, &err), PT_OK);
	PT_CHECK_EQ_INT(pt_permissions_may_ban(cfg, &stored, &err), PT_OK);
	PT_CHECK_EQ_INT(pt_permissions_may_ban(cfg, &scoped, &err), PT_ERR_NOT_ALLOWED);
	PT_CHECK_STR(err.message, "No tienes permiso para moderar.");
	mod.banned = true;
	PT_CHECK_EQ_INT(pt_permissions_may_ban(cfg, &mod, &err), PT_ERR_NOT_ALLOWED);
}

PT_TEST(participants_rules)
{
	char reason[PT_BAN_REASON_MAX + 2];
	pt_error err;

	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_participant_check_upsert(cfg, "norte-1", 7, 2, &err), PT_OK);
	PT_CHECK_EQ_INT(pt_participant_check_upsert(cfg, "atlantida", 9, 0, &err), PT_ERR_INVALID);
	PT_CHECK_STR(err.message, "El territorio no existe en la configuración.");
	PT_CHECK_EQ_INT(pt_participant_check_upsert(cfg, "norte", 5, PT_ROLES_MAX + 1, &err), PT_ERR_INVALID);
	PT_CHECK_EQ_INT(pt_role_check(cfg, "moderador", 9, &err), PT_OK);
	PT_CHECK_EQ_INT(pt_role_check(cfg, "moderador\0x", 11, &err), PT_ERR_INVALID);
	memset(reason, 'a', sizeof(reason));
	PT_CHECK_EQ_INT(pt_ban_reason_check(reason, PT_BAN_REASON_MAX, &err), PT_OK);
	PT_CHECK_EQ_INT(pt_ban_reason_check(reason, PT_BAN_REASON_MAX + 1, &err), PT_ERR_INVALID);
	PT_CHECK_EQ_INT(pt_ban_reason_check("a\x01", 2, &err), PT_ERR_INVALID);
	PT_CHECK_EQ_INT(pt_assignment_count(cfg, "b:2"), 1);
	PT_CHECK_EQ_INT(pt_assignment_count(cfg, "nadie"), 0);
}

static int stored_calls;

static pt_status fake_store(void *ctx, const char *type, size_t type_len, const char *id, size_t id_len,
	char *buf, size_t size, bool *found, pt_error *err)
{
	stored_calls++;
	*found = id_len == 2 && memcmp(id, "c1", 2) == 0;
	snprintf(buf, size, "%s", *found ? (const char *)ctx : "");
	return PT_OK;
}

PT_TEST(subject_territory)
{
	int32_t norte = pt_config_territory(cfg, "norte", 5);

	stored_calls = 0;
	PT_CHECK_EQ_INT(pt_subject_territory(cfg, "process", 7, "en-norte", 8, fake_store, "sur"), norte);
	PT_CHECK_EQ_INT(pt_subject_territory(cfg, "territory", 9, "norte", 5, fake_store, "sur"), norte);
	PT_CHECK_EQ_INT(stored_calls, 0);
	PT_CHECK_EQ_INT(pt_subject_territory(cfg, "commitment", 10, "c1", 2, fake_store, "norte"), norte);
	PT_CHECK_EQ_INT(pt_subject_territory(cfg, "commitment", 10, "c2", 2, fake_store, "norte"), PT_SCOPE_NONE);
	PT_CHECK_EQ_INT(pt_subject_territory(cfg, "assembly", 8, "c1", 2, NULL, NULL), PT_SCOPE_NONE);
	PT_CHECK_EQ_INT(pt_subject_territory(cfg, "news", 4, "c1", 2, fake_store, "norte"), PT_SCOPE_NONE);
	PT_CHECK_EQ_INT(stored_calls, 2);
}

PT_TEST(write_scope)
{
	pt_write_scope s;
	int32_t norte = pt_config_territory(cfg, "norte", 5), sur = pt_config_territory(cfg, "sur", 3);

	pt_write_scope_none(&s);
	PT_CHECK(!s.scoped && s.scope == PT_SCOPE_NONE && pt_write_scope_holds(&s, true, "x"));
	/* an existing record moved from norte to sur acts in both */
	s.exists = true;
	strcpy(s.territory, "norte");
	pt_write_scope_resolve(cfg, &s, true, "sur");
	PT_CHECK(s.scoped && s.scope == norte && s.scope_new == sur);
	PT_CHECK(pt_write_scope_holds(&s, true, "norte"));
	PT_CHECK(!pt_write_scope_holds(&s, true, "sur"));
	PT_CHECK(!pt_write_scope_holds(&s, false, NULL));
	/* a new record acts where it is written */
	pt_write_scope_none(&s);
	pt_write_scope_resolve(cfg, &s, true, "sur");
	PT_CHECK(s.scope == sur && s.scope_new == sur && pt_write_scope_holds(&s, false, NULL));
	PT_CHECK(!pt_write_scope_holds(&s, true, ""));
}

int main(void)
{
	pt_diags diags;

	pt_diags_init(&diags);
	if (pt_config_load_string("rules.yaml", yaml, strlen(yaml), &cfg, &diags) != PT_OK) {
		size_t i;

		for (i = 0; i < diags.count; i++) {
			printf("  %u:%u: %s\n", diags.items[i].line, diags.items[i].column, diags.items[i].message);
		}
		pt_diags_free(&diags);
		return 1;
	}
	pt_diags_free(&diags);
	PT_RUN(stored_roles_and_residence);
	PT_RUN(scoped_assignment_votes_only_inside);
	PT_RUN(body_membership);
	PT_RUN(propose);
	PT_RUN(ban_needs_sitewide_moderate);
	PT_RUN(participants_rules);
	PT_RUN(subject_territory);
	PT_RUN(write_scope);
	pt_config_free(cfg);
	return pt_test_summary("test_participant_rules");
}
