/*
 * participa core: Commitments::summary(): the groupings, the per-process
 * cache of their results, and each group as shown (label, rounded average,
 * percent of the total). No I/O, no php.h.
 *
 * Summaries are cached per worker process and keyed by database, plan,
 * grouping, level and late date; an entry is valid while the history head's
 * seq is unchanged (every change through participa appends an event), which
 * costs one primary-key read instead of an aggregate over every commitment.
 * Libc memory for the life of the process (data that outlives a request),
 * at most PT_COMMITMENT_SUMMARY_CACHE_MAX entries, the oldest evicted first.
 * Not thread-safe: under ZTS each call must hold the cache alone (the
 * binding's summary() runs in one request thread at a time per process
 * under NTS, the supported build).
 */
#ifndef PT_COMMITMENT_SUMMARY_H
#define PT_COMMITMENT_SUMMARY_H

#include <stdbool.h>
#include <stdint.h>
#include "core/common/pt_base.h"
#include "core/common/pt_value.h"
#include "core/site/site_config.h"
#include "core/commitment/config_commitments.h"

typedef enum pt_commitment_by {
	PT_COMMITMENT_BY_THEME = 0, PT_COMMITMENT_BY_PILLAR, PT_COMMITMENT_BY_STATUS, PT_COMMITMENT_BY_TERRITORY,
	PT_COMMITMENT_BY_AGENCY, PT_COMMITMENT_BY_PLAN
} pt_commitment_by;

/* theme, pillar, status, territory, agency or plan (len bytes); false for anything else. */
bool pt_commitment_by_from_name(const char *s, size_t len, pt_commitment_by *out);

#define PT_COMMITMENT_SUMMARY_CACHE_MAX 64

typedef struct pt_commitment_summary_row {
	char *key;                 /* "" = unassigned */
	int64_t count, late;
	double avg;                /* average progress, percent */
} pt_commitment_summary_row;

typedef struct pt_commitment_summary {
	char *cache_key;
	int64_t seq, total;
	pt_commitment_summary_row *rows;
	size_t n, cap;
	struct pt_commitment_summary *next;
} pt_commitment_summary;

/*
 * The cached summary for these settings at history head seq, or a new
 * empty one (not cached yet: fill it with pt_commitment_summary_collect(),
 * then pt_commitment_summary_keep(); or free it). *fresh says which. NULL
 * on allocation failure.
 */
pt_commitment_summary *pt_commitment_summary_lookup(const pt_config *cfg, const char *plan, pt_commitment_by by,
	const char *late_before, bool roots, int64_t seq, bool *fresh);
/* A pt_commitment_store_group_fn: one group into the summary (ctx). */
pt_status pt_commitment_summary_collect(void *ctx, const char *key, size_t key_len, int64_t count, double avg,
	int64_t late, pt_error *err);
/* Into the cache (evicting the oldest beyond PT_COMMITMENT_SUMMARY_CACHE_MAX); the cache owns it. */
void pt_commitment_summary_keep(pt_commitment_summary *s);
void pt_commitment_summary_free(pt_commitment_summary *s);

/* One group as shown. */
typedef struct pt_commitment_group {
	const char *key;           /* NULL: unassigned */
	const char *label;         /* the YAML's label, else the key; "(sin asignar)" */
	int64_t count, late;
	double avg_progress;       /* rounded to two decimals */
	double percent;            /* of the summary's total */
} pt_commitment_group;

void pt_commitment_summary_group(const pt_config *cfg, pt_commitment_by by, const pt_commitment_summary *s, size_t i,
	pt_commitment_group *out);

/*
 * summary()'s answer: {by, total, groups: [{key, label, count, avg_progress,
 * late, percent}]}, by as given (by_name, len bytes). NULL when out of memory.
 */
pt_value *pt_commitment_summary_value(const pt_config *cfg, pt_commitment_by by, const char *by_name, size_t len,
	const pt_commitment_summary *s, const pt_allocator *a);

/* The late date: as_of (YYYY-MM-DD) less grace_days, as YYYY-MM-DD (a due date before it is late). */
void pt_commitment_late_before(const char *as_of, int64_t grace_days, char out[11]);

/* The label of a term id in t[0..n), or NULL. */
const char *pt_commitment_term_label(const pt_commitment_term *t, size_t n, const char *id);

#endif /* PT_COMMITMENT_SUMMARY_H */
