/*
 * participa core: who may take part in a process (vote, speak, propose).
 *
 * The one source of the eligibility rule; ext/php/process.c calls it from
 * the process store's check callbacks (inside their transactions).
 *
 * A participant takes part in process def with the roles that act for an
 * action in the process's territory (def->territory; PT_SCOPE_NONE for a
 * process open to everyone), by the rule of core/participant/permissions.h:
 * stored roles, the YAML assignments that apply there (one limited to a
 * territory acts only when the process's territory lies inside it), or the
 * default role when none does. For a process of a standing body
 * (def->body) only the YAML assignments naming that body count, wherever
 * they are scoped: membership of a body is membership.
 *
 * Of those roles, the process's `roles:` (when it lists any) are the ones
 * that may take part; a role with `votes: false` gives voice without vote
 * (consensus processes only); a body member in a voting role votes in the
 * body's decisions even without the `vote` permission.
 *
 * Residence: a process with a territory (and no body) is for those whose
 * registered territory lies inside it.
 *
 * Pure functions over a built configuration; no allocation; thread safe.
 * O(stored roles x YAML roles + YAML assignments).
 */
#ifndef PT_ELIGIBILITY_H
#define PT_ELIGIBILITY_H

#include <stdbool.h>
#include "core/common/pt_base.h"
#include "core/common/pt_buf.h"
#include "core/site/site_config.h"
#include "core/process/config_processes.h"
#include "core/participant/permissions.h"

/* pt_participant_facts: core/participant/permissions.h. */

/* How a participant takes part in a process. */
typedef struct pt_capacity {
	const pt_role *vote;         /* a role that votes here, or NULL */
	const pt_role *voice;        /* a votes: false role that may speak here (consensus), or NULL */
	bool any_role;               /* some role acts for them here (for a body: they are a member) */
} pt_capacity;

/* The capacity of participant (stored roles roles, may be NULL) in def. */
pt_capacity pt_eligibility_capacity(const pt_config *cfg, const pt_process_def *def, const char *participant,
	const char *roles);
/* The same for a vote a body holds whose seats are fed by results: holders[i] sits in the body's seat i
 * (io/body/body_store.h reads them from the stored final counts; NULL: the YAML's members alone). */
pt_capacity pt_eligibility_capacity_in(const pt_config *cfg, const pt_process_def *def, const char *participant,
	const char *roles, const char *const *holders);

/*
 * Residence: PT_OK when def has no territory, has a body, or territory (an id,
 * NULL for none registered) lies inside it; otherwise PT_ERR_NOT_ALLOWED with
 * the resident's message ("Para votar ..." or, propose true, "Para proponer ...").
 */
pt_status pt_eligibility_residence(const pt_config *cfg, const pt_process_def *def, const char *territory,
	bool propose, pt_error *err);

/*
 * May f->participant cast a ballot in def? (Phases and the ballot are the
 * caller's.) PT_OK with *out filled (out->vote NULL: voice only), or
 * PT_ERR_NOT_ALLOWED: banned, not a member of the body, no role with vote or
 * voice here, no registered territory, or living outside the process's.
 */
pt_status pt_eligibility_vote(const pt_config *cfg, const pt_process_def *def, const pt_participant_facts *f,
	pt_capacity *out, pt_error *err);
/* With the holders of a body's result-fed seats (see pt_eligibility_capacity_in()). */
pt_status pt_eligibility_vote_in(const pt_config *cfg, const pt_process_def *def, const pt_participant_facts *f,
	const char *const *holders, pt_capacity *out, pt_error *err);

/*
 * The vote rule as the one-round-trip cast checks it in SQL (schema 011,
 * participa_cast_ballot): what the YAML alone decides, so the server has
 * only the stored facts left to test: no ban, the residence (by the
 * territory tree's copy, territory: the process's territory index, -1 for
 * no residence rule) and, by rule, the stored roles:
 *
 *   PT_ELIGIBILITY_SQL_YAML          the YAML gives the vote (an assignment
 *                                    acting here, a body's membership, or the
 *                                    default role where every role votes):
 *                                    stored roles cannot change it
 *   PT_ELIGIBILITY_SQL_NO_OTHER_ROLE the default role votes unless a stored
 *                                    role in roles (the YAML's roles that do
 *                                    not vote here) acts instead; stricter
 *                                    than the rule when a voting role stands
 *                                    beside one of those (left to the full
 *                                    check), never looser
 *   PT_ELIGIBILITY_SQL_VOTE_ROLE     only a stored role in roles (the YAML's
 *                                    roles that vote here) gives the vote
 *
 * For ballots that are not stances only: a stance stores the role it was
 * cast in, which the full check picks. false (nothing left allocated) when
 * the SQL cannot decide alike: a stance ballot, a role id with a comma,
 * allocation failure, or no role that could vote at all (the full check then
 * refuses). On true, pt_eligibility_sql_free() frees roles. O(YAML roles +
 * assignments). Against pt_eligibility_vote(): tests/process/process-cast_fast-001.phpt.
 */
typedef enum pt_eligibility_sql_rule {
	PT_ELIGIBILITY_SQL_YAML = 0,
	PT_ELIGIBILITY_SQL_NO_OTHER_ROLE = 1,
	PT_ELIGIBILITY_SQL_VOTE_ROLE = 2
} pt_eligibility_sql_rule;

typedef struct pt_eligibility_sql {
	pt_eligibility_sql_rule rule;
	const char *roles;           /* comma separated, "" for none */
	int32_t territory;
	pt_buf roles_buf;            /* roles' memory */
} pt_eligibility_sql;

bool pt_eligibility_vote_sql(const pt_config *cfg, const pt_process_def *def, const char *participant,
	const pt_allocator *a, pt_eligibility_sql *out);
void pt_eligibility_sql_free(pt_eligibility_sql *e);

/*
 * May f->participant propose an option in def? (Phases are the caller's.)
 * PT_OK, or PT_ERR_NOT_ALLOWED: banned, without PT_PERM_PROPOSE for the
 * process's territory, not a member of the body, or the residence rule.
 */
pt_status pt_eligibility_propose(const pt_config *cfg, const pt_process_def *def, const pt_participant_facts *f,
	pt_error *err);

#endif /* PT_ELIGIBILITY_H */
