/*
 * participa core: counting a process. The ballots stream from the store
 * (io/process/process_store.h: pt_process_store_count()) through
 * pt_process_count_row() into a profile and the SHA-256 of their digest
 * lines (ballot.h); pt_process_count_finish() tallies. The summary is a
 * pt_value (process, method, options, winners, ranking, details, tieBreaks,
 * ballots, web, paper, digest, final) and the stored result its JSON
 * (pt_process_result_json(), json_write.h: what php_json_encode() wrote
 * with JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES |
 * JSON_PRESERVE_ZERO_FRACTION).
 *
 * Memory: O(ballots) in the profile (O(candidates^2) for pairwise methods,
 * which stream); everything through the allocator given to begin.
 */
#ifndef PT_PROCESS_COUNT_H
#define PT_PROCESS_COUNT_H

#include <stdint.h>
#include "core/common/pt_value.h"
#include "core/process/ballot.h"
#include "core/site/site_config.h"

typedef struct pt_process_count {
	const pt_process_def *def;   /* with its current options (the API's too) */
	const pt_allocator *alloc;
	pt_profile profile;
	pt_tally_options opts;
	pt_sha256 *h;                /* until finished */
	pt_buf line;                 /* scratch for digest lines */
	int64_t ballots, web, paper;
	char digest[PT_SHA256_HEX];  /* after finish */
	pt_tally_result result;      /* after finish */
	bool profiled, finished;
} pt_process_count;

pt_status pt_process_count_begin(pt_process_count *c, const pt_process_def *def, const pt_allocator *a,
	pt_error *err);

/* One stored ballot (the store's row callback). A ballot that no longer fits is spoiled, not an error. */
pt_status pt_process_count_row(void *ctx, const pt_process_ballot *b, pt_error *err);

/* The digest and the tally (c->result). */
pt_status pt_process_count_finish(pt_process_count *c, pt_error *err);

/*
 * The per-worker cache of counts (tally() and a live results() of a box
 * that did not change since it was last counted in this worker). An entry
 * is keyed by pt_process_count_cache_key() (the database of cfg, the
 * process's id and creation time, its method and options as
 * pt_process_options_value() shows them: everything the count reads but
 * the rows) and valid for one box version (schema 012: the sum of
 * participa_box_versions, which every box write moves by one in its own
 * transaction, so it never comes back to an earlier value). It keeps the
 * finished count's result (deep copies of its trees), its ballot numbers
 * and its digest: no ballot. Libc memory for the life of the process, at
 * most PT_PROCESS_COUNT_CACHE_MAX entries, the oldest evicted first; not
 * thread-safe (NTS, as core/commitment/commitment_summary.h).
 */
#define PT_PROCESS_COUNT_CACHE_MAX 16

/* The key (malloc'd, free()); NULL on allocation failure. created_at may be NULL. */
char *pt_process_count_cache_key(const pt_config *cfg, int64_t process_id, const char *created_at,
	const pt_process_def *def);

/*
 * When the cache holds key at version: fills the begun count c as
 * pt_process_count_finish() would have (digest, ballots, web, paper, the
 * result's trees copied with c's allocator), sets *hit and returns PT_OK.
 * No entry (or another version): *hit false, c untouched. PT_ERR_NOMEM.
 */
pt_status pt_process_count_cached(const char *key, uint64_t version, pt_process_count *c, bool *hit, pt_error *err);

/* Keeps a copy of the finished count c under key at version (replacing any older entry). Best effort. */
void pt_process_count_keep(const char *key, uint64_t version, const pt_process_count *c);

/* Empties the cache (tests). */
void pt_process_count_cache_clear(void);

/* Frees everything c holds. Safe after a failed begin and twice. */
void pt_process_count_free(pt_process_count *c);

/* The options as results and info() show them (what Tally::count() reads). NULL on allocation failure. */
pt_value *pt_process_options_value(const pt_process_def *def, const pt_allocator *a);

/*
 * The summary of a finished count with final; takes the result's trees
 * (c->result.winners ... are NULL afterwards: build a TallyResult first).
 * NULL on allocation failure.
 */
pt_value *pt_process_count_summary(pt_process_count *c, bool final, const pt_allocator *a);

/* The stored result: summary as JSON into out. PT_ERR_INTERNAL "the result could not be encoded as JSON". */
pt_status pt_process_result_json(const pt_value *summary, pt_buf *out, pt_error *err);

#endif /* PT_PROCESS_COUNT_H */
