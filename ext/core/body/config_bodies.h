/*
 * participa core: the `bodies:` section of the site configuration (issue 19, item 2).
 *
 * A body is a council or a Technical Secretariat: a set of seats, each held
 * by a participant for a term [start, end] (civil days, both inclusive) in a
 * role inside the body (presidencia, secretaría, vocal ...) and for a sector
 * (government, civil_society, transparency, citizen). Seats come from the
 * YAML (`members:`) or from the results of a set of processes (`seats:
 * { from_processes: [...], role, sector, term }`: the winner of each listed
 * process, the board's president, sits for that term). A `rotation:` passes
 * one role among the members in office, in their order, every `months`.
 * `requires:` is the body's membership rule (the INAI's local plans: at least
 * one government member, one civil-society organisation, one transparency
 * body), checked on a date by pt_body_check() (core/body/body.h) and reported.
 * `quorum:` is the share of the members in office a vote needs to count.
 * `votes: { processes: [...], role }` names the council votes the body holds:
 * only its members in office on the vote's first day vote in them, in the
 * YAML role `role` (core/participant/eligibility.c asks pt_body_holding());
 * each such process must declare `electorate:` equal to the body's seats in
 * office that day and, when the body has a quorum, the same `quorum:` (so the
 * process's digest, which names what counting means, covers both).
 *
 * Validation (site_config.c's section table, after processes:) reports every
 * problem at file:line:col and carries on; the result lives in
 * pt_config.bodies (NULL when the section is absent).
 */
#ifndef PT_CONFIG_BODIES_H
#define PT_CONFIG_BODIES_H

#include <stdbool.h>
#include <stdint.h>
#include "core/site/site_config.h"
#include "core/site/config_check.h"
#include "core/process/config_processes.h"

#define PT_BODY_MAX 256            /* bodies per site */
#define PT_BODY_MAX_SEATS 2000     /* YAML members plus result-fed seats, per body */
#define PT_BODY_MAX_MONTHS 600

typedef enum pt_body_sector {
	PT_SECTOR_GOVERNMENT = 0,
	PT_SECTOR_CIVIL_SOCIETY,
	PT_SECTOR_TRANSPARENCY,
	PT_SECTOR_CITIZEN
} pt_body_sector;
#define PT_SECTORS 4

/* A seat of the YAML (participant set) or fed by a process's winner (process >= 0, participant NULL
 * until pt_body_seat_results() fills a copy). */
typedef struct pt_body_seat {
	char *participant;       /* host id ("wp:42"), or NULL for a result-fed seat */
	int32_t process;         /* index into cfg->processes->items, -1 for a YAML member */
	char *role;              /* role inside the body ("presidencia"), never NULL */
	pt_body_sector sector;
	int64_t start_day, end_day; /* days since 1970-01-01, inclusive */
	unsigned line, column;
} pt_body_seat;

typedef struct pt_body {
	char *id;
	char *name;
	pt_body_seat *seats;     /* YAML members first, then one seat per listed process, in file order */
	size_t seat_count;
	uint32_t requires[PT_SECTORS]; /* minimum members in office per sector (0: no rule) */
	bool has_requires;
	int64_t quorum_num, quorum_den; /* share of members in office; 1/2 by default */
	char *rotation_role;     /* NULL: no rotation */
	uint32_t rotation_months;
	int32_t *votes;          /* indexes into cfg->processes->items of the votes the body holds */
	size_t vote_count;
	const pt_role *vote_role; /* the YAML role its members vote in */
	int64_t rotation_start_day;
	unsigned line, column;
} pt_body;

typedef struct pt_bodies {
	pt_body *items;
	size_t count;
} pt_bodies;

typedef struct pt_bodies_ctx {
	pt_check chk;
	pt_config *cfg;          /* territories, roles and processes already validated */
} pt_bodies_ctx;

/* Validates `bodies:` into ctx->cfg->bodies. */
void pt_config_bodies_section(const pt_bodies_ctx *ctx, const pt_ynode *n);
void pt_bodies_free(pt_bodies *b);

/* The body of id, or NULL. */
const pt_body *pt_config_body(const pt_config *cfg, const char *id, size_t len);

const char *pt_body_sector_name(pt_body_sector s);

/* The body that holds process def (lists it in votes:), or NULL. */
const pt_body *pt_body_holding(const pt_config *cfg, const pt_process_def *def);

/* Days since 1970-01-01 of a local-seconds instant (the processes' phases). */
int64_t pt_body_day_of_local(int64_t local_s);

#endif /* PT_CONFIG_BODIES_H */
