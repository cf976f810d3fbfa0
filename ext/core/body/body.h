/*
 * participa core: a body's membership on a date, its quorum, its rotation
 * and its membership rules (issue 19, item 2). Pure functions over a built
 * configuration (core/body/config_bodies.h); no allocation; thread safe.
 *
 * A result-fed seat (a board's president) is held by the winner of its
 * process: the caller passes winners[i] for the body's seat i (NULL for a
 * YAML member, or while the process has no result: the seat is then empty).
 * The members in office on day d are the seats whose term [start, end]
 * holds d and which have a holder. The electorate of a council vote on d is
 * that set; its quorum is ceil(members * quorum_num / quorum_den).
 */
#ifndef PT_BODY_H
#define PT_BODY_H

#include <stdbool.h>
#include <stdint.h>
#include "core/common/pt_base.h"
#include "core/body/config_bodies.h"

/* The holder of seat i on day: the YAML's participant, winners[i] for a result-fed seat (winners may be
 * NULL: no results known), or NULL when the seat is empty or its term does not hold day. */
const char *pt_body_holder(const pt_body *b, size_t i, const char *const *winners, int64_t day);

/* How many members are in office on day. */
uint32_t pt_body_members_on(const pt_body *b, const char *const *winners, int64_t day);

/* Whether participant holds a seat on day; *seat (may be NULL) gets its index. */
bool pt_body_is_member(const pt_body *b, const char *const *winners, int64_t day, const char *participant,
	size_t *seat);

/* The members a vote on day needs to be valid: ceil(in office * quorum). 0 when nobody is in office. */
uint32_t pt_body_quorum(const pt_body *b, const char *const *winners, int64_t day);

/* The seat that holds the rotating role on day (members in office, in seat order, each for
 * rotation_months from rotation_start_day), or -1: no rotation, before its start, or nobody in office. */
int32_t pt_body_rotation_seat(const pt_body *b, const char *const *winners, int64_t day);

/* The membership rule on day: in_office[s] members per sector, and PT_OK when every `requires:` minimum
 * is met; PT_ERR_INVALID otherwise, the message naming the first sector short ("el consejo ... necesita
 * al menos 1 integrante del sector transparency y tiene 0"). */
typedef struct pt_body_report {
	uint32_t in_office[PT_SECTORS];
	uint32_t members;
	uint32_t quorum;
	bool rules_met;
	int32_t rotation_seat;
} pt_body_report;

pt_status pt_body_check(const pt_body *b, const char *const *winners, int64_t day, pt_body_report *out,
	pt_error *err);

/* A council vote on day: may participant vote (a member in office), and did `voters` reach the quorum?
 * PT_ERR_NOT_ALLOWED with the resident's message when participant holds no seat that day. */
pt_status pt_body_vote(const pt_body *b, const char *const *winners, int64_t day, const char *participant,
	pt_error *err);
bool pt_body_quorum_met(const pt_body *b, const char *const *winners, int64_t day, uint32_t voters);

/* ---- seats fed by stored results ---- */

/* Whether some seat of b comes from a process's winner (its holders are then read from the stored
 * final counts: io/body/body_store.h). */
bool pt_body_fed_by_results(const pt_body *b);

/*
 * Who sits in result-fed seat s when its process's latest final count names `option` (len bytes) its first
 * winner: the YAML candidate's `participant:`, else the option's proposer (proposed_by, may be NULL: an
 * option proposed through Process::propose() is a candidacy its proposer registered), else NULL (the winner
 * names nobody who can sit: the seat stays vacant). cfg is the site's; O(candidates).
 */
const char *pt_body_winner_participant(const pt_config *cfg, const pt_body_seat *s, const char *option,
	size_t len, const char *proposed_by);

/* Seats whose term holds day and which nobody holds (a process not counted yet, or a winner naming
 * nobody). */
uint32_t pt_body_vacant_on(const pt_body *b, const char *const *winners, int64_t day);

#endif /* PT_BODY_H */
