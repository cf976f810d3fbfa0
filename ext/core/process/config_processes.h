/*
 * participa core: the `processes:` section of the site configuration.
 *
 * A process is an election, poll, consultation, participatory budget,
 * consensus decision or council vote: its counting method (an id of the
 * tally engine's table) with options, who may vote (territory and roles),
 * phases with dates, secrecy, vote changes, results visibility, channels,
 * quorum, and its candidates (options, projects with costs).
 *
 * Dates are written in the site's time zone. The core has no time zone
 * database (PHP's is the one the site uses), so it keeps each bound as a
 * civil "local second" (seconds since 1970-01-01T00:00 as if the local
 * clock were UTC); the binding converts them to UTC with PHP's timelib
 * before comparing with the current time (see ext/php/process.c).
 *
 * Validation (config.c calls pt_config_processes_section() from its section
 * table, after territories and roles) reports every problem with its line
 * and column and carries on; the result lives in pt_config.processes.
 */
#ifndef PT_CONFIG_PROCESSES_H
#define PT_CONFIG_PROCESSES_H

#include <stdbool.h>
#include <stdint.h>
#include "core/site/site_config.h"
#include "core/common/pt_hash.h"
#include "core/site/config_check.h"
#include "core/tally/tally.h"

typedef enum pt_process_kind {
	PT_PROCESS_ELECTION = 0,
	PT_PROCESS_POLL,
	PT_PROCESS_CONSULTATION,
	PT_PROCESS_PARTICIPATORY_BUDGET,
	PT_PROCESS_CONSENSUS,
	PT_PROCESS_COUNCIL_VOTE
} pt_process_kind;

typedef enum pt_results_visibility {
	PT_RESULTS_LIVE = 0,        /* anyone, any time */
	PT_RESULTS_AFTER_VOTE,      /* a participant once they voted; everyone after close */
	PT_RESULTS_AFTER_CLOSE      /* everyone, once voting closed */
} pt_results_visibility;

#define PT_CHANNEL_WEB   1u
#define PT_CHANNEL_PAPER 2u

/* A phase [start, end) in local seconds (see above). */
typedef struct pt_phase {
	bool set;
	bool has_end;               /* results may be open-ended */
	int64_t start_local;        /* inclusive */
	int64_t end_local;          /* exclusive; a date-only end means the end of that day */
	unsigned line, column;
} pt_phase;

/* A candidate, option or project. */
typedef struct pt_process_candidate {
	char *id;                   /* [a-z0-9][a-z0-9_.-]*, unique in the process */
	char *name;                 /* display name (defaults to id) */
	int64_t cost;               /* participatory budgets: > 0; otherwise 0 */
	int32_t territory;          /* index into cfg->territories.items, -1 = none */
	char *participant;          /* `participant:` the person standing (host id), or NULL */
	unsigned line, column;
	int32_t pot;                /* a process with pots: index into def->pots, -1 = none (see pots.h);
	                               unread when def->pot_count is 0 */
} pt_process_candidate;

/*
 * A pot of a participatory budget split by district (`pots:`, see
 * core/process/pots.h): a district of the process's territory with its own
 * budget and projects, or the city-wide pot (the process's own territory)
 * every voter may also vote in. Counted apart, by the process's method.
 */
typedef struct pt_process_pot {
	char *id;                   /* the territory's id (the pot's id in results and exports) */
	char *name;                 /* the territory's name */
	int32_t territory;          /* index into cfg->territories.items */
	bool city;                  /* the process's own territory: the city-wide pot */
	int64_t budget;             /* > 0 */
	unsigned line, column;
} pt_process_pot;

typedef struct pt_process_def {
	char *id;
	char *title;
	pt_process_kind kind;
	const pt_tally_method *method;   /* row of pt_tally_methods (static) */
	pt_tally_options tally;          /* options from the YAML; the borrowed arrays below */
	char **voice_only;               /* roles with votes: false (consensus voice), owned */
	size_t *voice_only_lens;
	size_t voice_only_count;
	int64_t *costs;                  /* pb: one per candidate, owned (tally.pb_costs points here) */
	int32_t territory;               /* eligibility: index into cfg->territories.items, -1 = everyone */
	char *body;                      /* a standing body (assignments' body): only its members take
	                                    part, members in a votes: false role with voice only */
	size_t *roles;                   /* indexes into cfg->roles that may take part; NULL = every role
	                                    with `vote` (and voice-only roles in consensus processes) */
	size_t role_count;
	pt_phase proposals, voting, results;
	bool secret;                     /* ballot stored apart from the record that someone voted */
	bool vote_changes;               /* a voter may replace their ballot while voting is open */
	bool allow_over_budget;          /* pb: options.over_budget: allow (default refuse: a ballot whose
	                                    projects cost more than the budget is invalid) */
	pt_results_visibility visibility;
	unsigned channels;               /* PT_CHANNEL_* bits */
	pt_process_candidate *candidates;
	size_t candidate_count;
	pt_process_pot *pots;            /* a budget split by district, owned; NULL = one budget */
	size_t pot_count;
	char *digest;                    /* SHA-256 hex of the definition's canonical text (changes
	                                    when the YAML changes what counting means) */
	size_t template_ref;             /* 1 + index into pt_processes.templates when generated, 0 = none */
	unsigned line, column;
} pt_process_def;

/*
 * A process template (`for_each: { kind: K, within: T }` on a process): one
 * process per territory of kind K (inside T), each eligible only to that
 * territory's residents, id "<template id>.<territory id>", title with
 * "{territory}" replaced by the territory's name, and the template's
 * candidates that lie inside that territory (a candidate with no territory
 * stands in every one). The generated processes are ordinary processes
 * (their own digest, ballots, receipt segments, count); they sit together at
 * items[first .. first + count) in territory (declaration) order.
 */
typedef struct pt_process_template {
	char *id;                        /* the template's id (not a process id) */
	char *title;                     /* the template's title, "{territory}" unreplaced */
	char *territory_kind;            /* for_each.kind */
	int32_t within;                  /* for_each.within: territory index, -1 = the whole tree */
	size_t first, count;             /* the generated processes in pt_processes.items */
	unsigned line, column;
} pt_process_template;

typedef struct pt_processes {
	pt_process_def *items;
	size_t count;
	pt_hash by_id;                   /* id -> index into items (a generated 6,644 make a linear search slow) */
	pt_process_template *templates;
	size_t template_count;
} pt_processes;

/* What config.c hands to the validator (its builder stays private). */
typedef struct pt_processes_ctx {
	pt_check chk;               /* file, diags, nomem (set on allocation failure) */
	pt_config *cfg;             /* territories and roles already validated */
} pt_processes_ctx;

/* Validates `processes:` into ctx->cfg->processes (allocated even when empty). */
void pt_config_processes_section(const pt_processes_ctx *ctx, const pt_ynode *n);

/* Frees a processes list. NULL is fine. */
void pt_processes_free(pt_processes *p);

/* Process by id; NULL if absent (or cfg has no processes). O(1) expected (pt_processes.by_id). */
const pt_process_def *pt_config_process(const pt_config *cfg, const char *id, size_t len);

/* Template by id; NULL if absent. O(templates). */
const pt_process_template *pt_config_process_template(const pt_config *cfg, const char *id, size_t len);

/* The template a process was generated from, or NULL. O(1). */
const pt_process_template *pt_process_def_template(const pt_config *cfg, const pt_process_def *p);

/*
 * Whether s is a valid process or candidate id: [a-z0-9][a-z0-9_.-]{0,63}
 * (the YAML's rule, also for options proposed through the API). O(len).
 */
bool pt_process_id_valid(const char *s, size_t len);

/* Candidate index by id, or -1. O(candidates). */
int32_t pt_process_candidate_find(const pt_process_def *p, const char *id, size_t len);

const char *pt_process_kind_name(pt_process_kind k);
const char *pt_results_visibility_name(pt_results_visibility v);

/*
 * Parses "YYYY-MM-DD", "YYYY-MM-DD HH:MM[:SS]" or with 'T' into local
 * seconds; *date_only tells whether a time was given. false if malformed
 * or not a real calendar date.
 */
bool pt_parse_local_datetime(const char *s, size_t len, int64_t *local_s, bool *date_only);

/* The civil fields of local seconds (for the binding's time zone conversion). */
void pt_local_fields(int64_t local_s, int *year, int *month, int *day, int *hour, int *minute, int *second);

#endif
