/*
 * participa core: Process::status($participant): where one participant
 * stands in a process, as a pt_value tree (the answer's keys in order):
 *
 *   process, state ("upcoming", "proposals", "voting", "closed"), open (web
 *   voting is open now), participant (id or null), eligible, voice_only,
 *   eligibility (why not eligible, or null), voted (the voter roll: that a
 *   voters row exists, never the ballot), reason (why they cannot vote now:
 *   the phase, the channel, eligibility, an unchangeable vote; or null),
 *   can: {vote, change_vote, speak, propose, enter_paper_ballots, see_results},
 *   results (why the results are not visible to them yet, or null)
 *
 * Every text is a catalogued citizen message (messages_processes.h), in
 * English when english is true. The rules are the ones the writes apply:
 * pt_process_rule_cast_phase(), pt_eligibility_vote(), pt_process_rule_propose(),
 * pt_process_rule_paper() and the enter_paper_ballots permission,
 * pt_process_rule_results(); so what status() says a participant may do is
 * what cast(), propose(), enterPaperBatch() and results() then accept
 * (barring a change between the two calls). The facts come from the store
 * (io/process/process_reads.h: pt_process_store_status()).
 *
 * Pure; no global state; NULL on allocation failure.
 */
#ifndef PT_PROCESS_STATUS_H
#define PT_PROCESS_STATUS_H

#include <stdbool.h>
#include "core/common/pt_value.h"
#include "core/participant/permissions.h"
#include "core/process/process_rules.h"

/* What the store read about the participant (all false / NULL for nobody). */
typedef struct pt_process_status_facts {
	const char *participant;     /* NULL: nobody signed in */
	bool banned;
	const char *roles;           /* stored role ids "a,b" ("" or NULL: none) */
	const char *territory;       /* registered territory, or NULL */
	bool voted;                  /* a voters row exists */
} pt_process_status_facts;

pt_value *pt_process_status_value(const pt_config *cfg, const pt_process_def *def, const pt_process_clock *c,
	const pt_process_status_facts *f, bool english, const pt_allocator *a);

#endif /* PT_PROCESS_STATUS_H */
