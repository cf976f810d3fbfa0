/*
 * participa io: the summary counters (schema/013_commitment_counts.sql,
 * participa_commitment_counts), kept by every write in its own transaction.
 *
 * A commitment contributes to one counter row per grouping: (dim, plan,
 * level, key, open_due) += (1, progress), for dims theme, status,
 * territory, agency and plan (the key is the column, "" for NULL), and one
 * row per pillar of its pillar list (the pillar rows repeat its plan, depth,
 * progress, due date and closed flag). level is 0 for a root, 1 below;
 * open_due is the due date when the commitment could be late (open status,
 * progress below 100, a due date), else 9999-12-31. summary() then answers
 * from these rows exactly what it computed from every commitment:
 * SUM(n), SUM(progress_sum) / SUM(n) (the same decimal division as AVG),
 * SUM(n) where open_due < the late date.
 *
 * A write adds the old state of each commitment it changes with sign -1
 * and the new one with +1 into a pt_commitment_counts; equal rows merge, so
 * a progress change is a handful of rows whatever the depth. The deltas are
 * then applied in one statement (pt_commitment_counts_flush()) or handed to
 * participa_commitment_update() (pt_commitment_counts_pack()). Writes are
 * serialised by the history head's lock, so deltas never interleave.
 */
#ifndef PT_COMMITMENT_COUNTS_H
#define PT_COMMITMENT_COUNTS_H

#include <stdbool.h>
#include <stdint.h>
#include "core/common/pt_base.h"
#include "core/common/pt_buf.h"
#include "core/common/pt_hash.h"
#include "io/common/db.h"

/* What of a commitment the counters see. Strings borrowed for the call. */
typedef struct pt_commitment_count_state {
	const char *plan;
	uint32_t depth;
	const char *theme, *status, *territory, *agency;   /* NULL = unassigned */
	const char *pillars;                              /* ids joined by ';', NULL = none */
	const char *due;                                  /* YYYY-MM-DD or NULL */
	int32_t progress_bp;
	bool closed;
} pt_commitment_count_state;

typedef struct pt_commitment_count_row {
	char *key;            /* the map's key: dim, plan, level, group, open_due joined by '\t' (owned) */
	size_t key_len;
	int64_t n;
	int64_t progress_bp;  /* sum of progress in basis points */
} pt_commitment_count_row;

typedef struct pt_commitment_counts {
	const pt_allocator *a;
	pt_hash map;          /* key -> index + 1 into rows */
	pt_commitment_count_row *rows;
	size_t count, cap;
	bool failed;          /* out of memory: flush refuses */
} pt_commitment_counts;

void pt_commitment_counts_init(pt_commitment_counts *c, const pt_allocator *a);
void pt_commitment_counts_free(pt_commitment_counts *c);
/* Forgets the rows (keeps nothing allocated). */
void pt_commitment_counts_reset(pt_commitment_counts *c);

/* Adds sign (1 or -1) times the contribution of s. Out of memory sets c->failed. */
void pt_commitment_counts_add(pt_commitment_counts *c, const pt_commitment_count_state *s, int sign);

/* true when some row changes a counter (rows whose n and sum are both 0 cancel out). */
bool pt_commitment_counts_pending(const pt_commitment_counts *c);

/* Applies the rows (INSERT ... ON DUPLICATE KEY UPDATE, 32 rows a statement; rows that reach n = 0 are
 * deleted) and resets c. */
pt_status pt_commitment_counts_flush(pt_db *db, pt_commitment_counts *c, pt_error *err);

#endif
