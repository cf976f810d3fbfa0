/*
 * participa core: counting a process. The ballots stream from the store
 * (io/process/process_store.h: pt_process_store_count()) in segment order
 * (ballot.h: the receipt's first two characters), each segment either as its
 * rows, through pt_process_count_row(), or as the summary an earlier count
 * kept of it (pt_process_count_segment()), into a profile and the digest
 * (version 2, ballot.h); pt_process_count_finish() tallies. The summary is a
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

/*
 * A segment's summary (schema 016's participa_box_summaries row): its
 * ballots, their SHA-256 over the segment's digest lines, and its profile:
 * the segment's ballots in receipt order, without receipt, as
 *   "pts1", the ballot kind (1 byte), the fingerprint of the candidates (8
 *   bytes: SHA-256 of the kind and the ids), then as varints (LEB128)
 *   ballots, web, paper, then one entry per ballot:
 *     k in 1..63, then k candidate numbers (1 byte each): the ranking of
 *       their ids joined by '>' (replayed by pt_profile_add_ranking_cands());
 *     0x40 | has role (1) | has reason (2) | has voter (4), then the stored
 *       text and each field present as a varint length and its bytes
 *       (replayed by pt_process_ballot_add_stored()).
 * A voter is there only where the box holds it (a public process). The blob
 * is read back from the database, so it is checked whole before any of it
 * is used (pt_process_segment_check(); fuzz/fuzz_process_segment.c).
 */
typedef struct pt_process_segment {
	char segment[PT_PROCESS_SEGMENT_MAX];
	size_t segment_len;
	int64_t ballots, web, paper;
	char digest[PT_SHA256_HEX];
	uint8_t *profile;            /* through the count's allocator */
	size_t profile_len;
} pt_process_segment;

#define PT_PROCESS_SEGMENT_FINGERPRINT 8

typedef struct pt_process_count {
	const pt_process_def *def;   /* with its current options (the API's too) */
	const pt_allocator *alloc;
	pt_profile profile;
	pt_tally_options opts;
	pt_process_digest d;         /* until finished */
	int64_t ballots, web, paper;
	char digest[PT_SHA256_HEX];  /* after finish */
	pt_tally_result result;      /* after finish */
	bool profiled, finished, digesting;
	uint8_t fingerprint[PT_PROCESS_SEGMENT_FINGERPRINT];
	/* with keep (pt_process_count_keep_segments()): the summaries of the segments read as rows */
	bool keep;
	pt_buf entries;              /* the open segment's entries */
	int64_t seg_web, seg_paper;
	pt_process_segment *segs;
	size_t nsegs, segs_cap;
} pt_process_count;

pt_status pt_process_count_begin(pt_process_count *c, const pt_process_def *def, const pt_allocator *a,
	pt_error *err);

/* One stored ballot (the store's row callback). A ballot that no longer fits is spoiled, not an error. */
pt_status pt_process_count_row(void *ctx, const pt_process_ballot *b, pt_error *err);

/* From now on, every segment read as rows leaves its summary in c->segs (in segment order). */
void pt_process_count_keep_segments(pt_process_count *c);

/*
 * Appends to c->segs (after the finish) the empty summary of a segment that
 * had no rows (a version row without ballots). PT_ERR_NOMEM, PT_ERR_INTERNAL (no segment).
 */
pt_status pt_process_count_empty_segment(pt_process_count *c, const char *segment, size_t len);

/*
 * Whether profile (len bytes, untrusted) is a well-formed summary profile
 * of ballots ballots (web + paper of them) for c's candidates: every byte
 * read, every number in range. O(len).
 */
bool pt_process_segment_check(const pt_process_count *c, const uint8_t *profile, size_t len, int64_t ballots,
	int64_t web, int64_t paper);

/*
 * A whole segment from its stored summary s, next in segment order: when
 * its digest is 64 lower-case hex digits and its profile passes
 * pt_process_segment_check(), its ballots are replayed into the profile,
 * its line added to the digest and *used is true; otherwise nothing changes
 * and *used is false (the caller reads the segment's rows instead).
 * PT_ERR_NOMEM, the engine's errors.
 */
pt_status pt_process_count_segment(pt_process_count *c, const pt_process_segment *s, bool *used, pt_error *err);

/* The digest and the tally (c->result). */
pt_status pt_process_count_finish(pt_process_count *c, pt_error *err);

/*
 * The per-worker cache of counts (tally() and a live results() of a box
 * that did not change since it was last counted in this worker). An entry
 * is keyed by pt_process_count_cache_key() (the database of cfg, the
 * process's id and creation time, its method and options as
 * pt_process_options_value() shows them: everything the count reads but
 * the rows) and valid for one box version (schema 016: the sum of
 * participa_box_segments, where every box write moves the version of each
 * segment it touches by one in its own transaction, so the sum never comes
 * back to an earlier value). It keeps the
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
