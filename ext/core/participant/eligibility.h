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

/*
 * The vote rule as the one-round-trip cast checks it in SQL (schema 011,
 * participa_cast_ballot): what the YAML alone decides, so the server has
 * only the stored facts left to test (no ban; a stored role in vote_roles,
 * or, when default_ok, no stored role in known_roles; residence by the
 * territory tree's copy). For ballots that are not stances only: a stance
 * stores the role it was cast in, which the full check picks.
 *
 *   assigned    a YAML assignment acting in the process's territory (for a
 *               body: a membership) gives a vote; stored roles do not matter
 *   default_ok  no assignment acts there and the default role votes here
 *   vote_roles  the YAML's roles that vote here, comma separated
 *   known_roles every role the YAML defines, comma separated
 *   territory   the process's territory index (residence), -1: no residence
 *               rule (none, or a body)
 *
 * false (nothing left allocated) when the SQL cannot decide alike: a
 * stance ballot, a role id with a comma, allocation failure, or no role
 * that could vote at all (the full check then refuses). On true, free the
 * lists with pt_eligibility_sql_free(). O(YAML roles + assignments). Exactness against
 * pt_eligibility_vote(): tests/process/process-cast_fast-001.phpt.
 */
typedef struct pt_eligibility_sql {
	bool assigned;
	bool default_ok;
	const char *vote_roles;
	const char *known_roles;
	int32_t territory;
	pt_buf vote, known;          /* the lists' memory */
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
