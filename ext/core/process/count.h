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

#include "core/common/pt_value.h"
#include "core/process/ballot.h"

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
