/*
 * participa core: who may do what in a process, and when. Plain C over the
 * configuration, the facts the store reads inside its transaction and a
 * clock; every refusal is a pt_error with the Spanish text a resident sees
 * (messages_processes.h) and the code that picks the exception
 * (PT_ERR_NOT_ALLOWED, PT_ERR_INVALID, PT_ERR_CONFLICT, PT_ERR_NOT_FOUND).
 *
 * The clock: the core has no time zone database, so the binding hands its
 * conversion (pt_process_utc_fn, PHP's timelib) to pt_process_clock_phases(),
 * which turns the YAML's phases (local seconds, config_processes.h) into a
 * pt_process_clock in UTC; the binding sets now. Nothing here reads the time.
 *
 * Phases: proposals [start, end), voting [start, end), results from start.
 * A process is "closed" once closed_at is set or its voting phase ended.
 * Eligibility (cast, propose): core/participant/eligibility.h (the one rule, also
 * behind Process::status()): not banned; the role (the body's assignments
 * for a standing body, else the stored roles, the YAML assignments, or the
 * default role) must be one the process admits; a territorial process wants
 * the participant's registered territory inside its own.
 *
 * To add a rule: a function here (and its message in messages_processes.h),
 * called by the store inside its transaction (io/process/process_store.c)
 * when it depends on stored facts, else by the binding before the store.
 */
#ifndef PT_PROCESS_RULES_H
#define PT_PROCESS_RULES_H

#include <stdbool.h>
#include <stdint.h>
#include "core/common/pt_base.h"
#include "core/common/pt_value.h"
#include "core/process/config_processes.h"

/* A phase in UTC seconds (0 / INT64_MAX where open). */
typedef struct pt_process_span {
	bool set;
	int64_t start, end;
} pt_process_span;

typedef struct pt_process_clock {
	int64_t now;                 /* UTC seconds */
	bool closed;                 /* closed_at is set in the database */
	pt_process_span proposals, voting, results;
} pt_process_clock;

/* What the store reads about a participant inside a write's transaction (io: pt_process_store_facts). */
typedef struct pt_process_facts {
	bool known;                  /* the participant has a row */
	bool banned;
	const char *roles;           /* DB role ids, comma separated ("" if none) */
	const char *territory;       /* or NULL */
	bool voted;                  /* a voters row exists */
	const char *ballot_ref;      /* that row's receipt link, or NULL */
	bool idem_hit;               /* the idempotency key was used by this participant */
	const char *idem_receipt;    /* its receipt (NULL after close in a secret process) */
	uint32_t idem_version;
	bool closed;
	const char *const *body_holders; /* a vote held by a body with result-fed seats: who sits in each seat
	                                    (io/body/body_store.h), else NULL */
} pt_process_facts;

#define PT_PROCESS_MAX_API_OPTIONS 500   /* per process, withdrawn ones included: proposals are not a flood */
#define PT_PROCESS_MAX_OPTION_NAME 255   /* characters (the column is VARCHAR(255)) */
#define PT_PROCESS_MAX_WITHDRAW_REASON 4000
#define PT_PROCESS_MAX_BATCH_ID 64       /* participa_paper_batches.batch_id is VARCHAR(64) */

/* Local civil seconds in the site's zone -> UTC seconds (the binding's time zone database); false on failure. */
typedef bool (*pt_process_utc_fn)(void *ctx, int64_t local_s, int64_t *utc);

/* A phase in UTC (an unset phase is {false, 0, INT64_MAX}); false when a bound cannot be converted. */
bool pt_process_phase_utc(const pt_phase *p, pt_process_utc_fn fn, void *ctx, pt_process_span *out);

/* The three phases of def into c (now and closed untouched); false when a date cannot be converted. */
bool pt_process_clock_phases(const pt_process_def *def, pt_process_utc_fn fn, void *ctx, pt_process_clock *c);

/* Site::processTemplate(): the template id (the one id rule), PT_ERR_NOT_FOUND when the YAML has none. */
pt_status pt_process_template_lookup(const pt_config *cfg, const char *id, size_t len,
	const pt_process_template **out, pt_error *err);

/* Site::process(): the id under the id rule, then a process of cfg (PT_ERR_NOT_FOUND "No existe el proceso"). */
pt_status pt_process_lookup(const pt_config *cfg, const char *id, size_t len, const pt_process_def **out,
	pt_error *err);

/* A date of def that cannot be converted to UTC in time zone tz (PT_ERR_INTERNAL). */
pt_status pt_process_dates_error(const pt_process_def *def, const char *tz, pt_error *err);

/*
 * Whether the schedule still has work for a process: its voting ended (or
 * it closed) and it is not closed yet, or a closed secret process is not
 * sealed (and its seal did not fail for this object).
 */
bool pt_process_close_pending(const pt_process_def *def, const pt_process_clock *c, bool sealed, bool seal_failed);
/* Whether a closed process is settled: not secret, sealed, or its seal failed (nothing more to try). */
bool pt_process_close_settled(const pt_process_def *def, const pt_process_clock *c, bool sealed, bool seal_failed);

/* "YYYY-MM-DD HH:MM" of local seconds. */
void pt_process_local_text(int64_t local_s, char *buf, size_t size);

bool pt_process_voting_over(const pt_process_clock *c);
/* "upcoming", "proposals", "voting" or "closed". */
const char *pt_process_state(const pt_process_clock *c);
/* Whether the list of options can no longer change (voting began or the process closed). */
bool pt_process_options_frozen(const pt_process_clock *c);

/* Process::cast() before the ballot is read: the web channel, voting open. */
pt_status pt_process_rule_cast_phase(const pt_process_def *def, const pt_process_clock *c, pt_error *err);

/*
 * Inside the cast's transaction: may participant vote? *role gets the role a
 * stance ballot is cast in (untouched otherwise), *voice_only whether the
 * participant only has a voice (a votes: false role in a consensus).
 */
pt_status pt_process_rule_cast(const pt_config *cfg, const pt_process_def *def, const pt_process_facts *f,
	const char *participant, const char **role, bool *voice_only, pt_error *err);

/* Process::enterPaperBatch(): the batch id, then the channel and phase, then the official's permissions. */
pt_status pt_process_rule_batch_id(size_t len, pt_error *err);
pt_status pt_process_rule_paper(const pt_process_def *def, const pt_process_clock *c, pt_error *err);
pt_status pt_process_rule_paper_official(uint32_t perms, pt_error *err);

/*
 * Results (Process::results(), tally()): the results phase must have begun;
 * before voting ends the visibility decides, after_vote needing to know
 * whether the participant voted (pt_process_results_need_vote(): ask the
 * store only then). A secret process is always after_close (config).
 */
bool pt_process_results_need_vote(const pt_process_def *def, const pt_process_clock *c);
pt_status pt_process_rule_results(const pt_process_def *def, const pt_process_clock *c, bool voted, pt_error *err);

/* Process::exportBallots(): a secret vote's ballots once voting closed, and with the results phase. */
pt_status pt_process_rule_export(const pt_process_def *def, const pt_process_clock *c, pt_error *err);

/* Process::propose(): whether the process takes proposals at all. */
pt_status pt_process_rule_propose_open(const pt_process_def *def, pt_error *err);

/* An option proposed through the API, as the binding read it. */
typedef struct pt_process_option_in {
	const char *id; size_t id_len;          /* NULL when absent or not a text */
	const char *name; size_t name_len;      /* NULL when absent or not a text */
	bool cost_given;                        /* a cost other than null */
	bool cost_integer;                      /* ... that is an integer or an integer's text */
	int64_t cost;
	bool territory_given;                   /* a territory other than null */
	const char *territory; size_t territory_len;   /* NULL when given but not a text */
	int32_t territory_index;                /* out: index into cfg->territories.items, or -1 */
} pt_process_option_in;

/*
 * propose()'s option array (the host's, converted; its texts stay v's): id, name (or title),
 * cost (an int, or an integer's text as PHP reads one) and territory. False, with err's English
 * message for the API's argument error, when it holds another key or both name and title; what
 * each key holds is judged by pt_process_option_check().
 */
bool pt_process_option_from_value(const pt_value *v, pt_process_option_in *o, pt_error *err);

/* The option itself: id, name, cost (budgets only, within the budget), territory (inside the
 * process's), an id the YAML does not hold (PT_ERR_CONFLICT). */
pt_status pt_process_option_check(const pt_config *cfg, const pt_process_def *def, pt_process_option_in *o,
	pt_error *err);

/* Inside the proposal's transaction: the phase and the proposer (permission, body, territory). */
pt_status pt_process_rule_propose(const pt_config *cfg, const pt_process_def *def, const pt_process_clock *c,
	const pt_process_facts *f, const char *proposer, pt_error *err);

/* Process::withdraw(): the official's permission, an API option, before voting, a reason.
 * option is NUL-terminated (it is named in the messages); so is pt_process_option_in.id. */
pt_status pt_process_rule_withdraw(const pt_process_def *def, const pt_process_clock *c, uint32_t perms,
	const char *option, size_t option_len, const char *reason, size_t reason_len, pt_error *err);

#endif /* PT_PROCESS_RULES_H */
