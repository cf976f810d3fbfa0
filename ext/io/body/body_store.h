/*
 * participa io: who sits in a body's seats fed by results (issue 19, item 2).
 *
 * A seat of `seats: {from_processes: [...]}` is held by the first winner of
 * its process's latest final count (participa_results, final = 1, the row
 * the count writes after close), never by the YAML: the winning option's
 * YAML `participant:`, or the proposer of an option proposed through the
 * API (core/body/body.h, pt_body_winner_participant()). One query for every
 * result-fed seat of the body, whatever their number (284 boards: one round
 * trip): the listed process codes are passed as one JSON array and joined
 * by the unique code key; no query for a body without such seats.
 */
#ifndef PT_BODY_STORE_H
#define PT_BODY_STORE_H

#include "io/common/db.h"
#include "core/body/body.h"
#include "core/body/body_view.h"

typedef struct pt_body_results {
	char **holders;             /* [seat_count]: who sits by the stored result; NULL for a YAML member, a
	                               process not counted yet, or a winner naming nobody */
	char **winners;             /* [seat_count]: the first winner's option id, NULL: not counted yet */
	size_t count;               /* the body's seat_count */
	uint32_t counted;           /* result-fed seats whose process has a final count */
	const pt_allocator *a;
} pt_body_results;

/* Reads the holders of b's result-fed seats into *out (zeroed first; free with pt_body_results_free()).
 * PT_ERR_DB, PT_ERR_NOMEM. */
pt_status pt_body_store_results(pt_db *db, const pt_config *cfg, const pt_body *b, const pt_allocator *a,
	pt_body_results *out, pt_error *err);
void pt_body_results_free(pt_body_results *r);

/* Whether Site::body(id) reads the database: the body exists and some seat of it is fed by results. */
bool pt_body_store_needs_db(const pt_config *cfg, const char *id, size_t len);

/* Site::body(): core/body/body_view.h's view with the result-fed seats' holders and winners read here
 * (db may be NULL when pt_body_store_needs_db() says no). */
pt_status pt_body_store_view(pt_db *db, const pt_config *cfg, const char *id, size_t len, const char *day,
	size_t day_len, const pt_allocator *a, pt_value **out, pt_error *err);

#endif
