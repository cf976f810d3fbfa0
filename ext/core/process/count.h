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

#include "core/common/pt_hash.h"
#include "core/common/pt_value.h"
#include "core/process/ballot.h"

/* One distinct ballot of a grouped count: key[0] 'w' or 'p' (channel), then the canonical text. */
typedef struct pt_process_group {
	int64_t n;                   /* box rows with this channel and text */
	size_t len;                  /* of key */
	char key[];
} pt_process_group;

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
	bool grouped;                /* distinct ballots with their numbers (pt_process_count_groupable()) */
	pt_hash groups;              /* key -> pt_process_group */
	pt_process_group **gv;       /* in order of first appearance (receipt order) */
	size_t gn, gcap;
} pt_process_count;

/*
 * Whether def's method counts the same from its distinct ballots, each of
 * weight n, as from the n rows one by one (tests/c/test_process_count.c
 * checks every such method against the row-by-row count). Stance ballots
 * carry a role, a reason and a voter each: never grouped. Participatory
 * budgets are left row by row (each voter is a budget holder).
 */
bool pt_process_count_groupable(const pt_process_def *def);

pt_status pt_process_count_begin(pt_process_count *c, const pt_process_def *def, const pt_allocator *a,
	pt_error *err);

/* One stored ballot (the store's row callback). A ballot that no longer fits is spoiled, not an error. */
pt_status pt_process_count_row(void *ctx, const pt_process_ballot *b, pt_error *err);

/* The digest and the tally (c->result). A grouped count adds its groups to the profile first. */
pt_status pt_process_count_finish(pt_process_count *c, pt_error *err);

/*
 * The compact form of a grouped count's ballots (what the store keeps as
 * participa_count_snapshots.data): per group varint(n * 2 + paper),
 * varint(text length), the text; groups from index from on are appended to
 * out until it holds at least max_bytes. Returns the index of the next
 * group (c->gn when all are packed). O(groups packed).
 */
size_t pt_process_count_pack(const pt_process_count *c, size_t from, size_t max_bytes, pt_buf *out);

/*
 * Adds packed groups (pt_process_count_pack()'s bytes, or one part of them
 * cut at a group's boundary) to a begun grouped count, instead of rows;
 * ballots, web and paper grow by their numbers. PT_ERR_INTERNAL when the
 * bytes do not parse (the caller then reads the rows).
 */
pt_status pt_process_count_unpack(pt_process_count *c, const char *data, size_t len, pt_error *err);

/*
 * After a grouped count finished: whether it must be counted again row by
 * row (begin, set c->grouped = false before the first row): it found
 * spoiled ballots, which the result lists by their place among the rows.
 */
bool pt_process_count_regroup_needed(const pt_process_count *c);

/* pt_process_count_finish() with the digest already known (64 hex digits): no rows were hashed. */
pt_status pt_process_count_finish_known(pt_process_count *c, const char *digest_hex, pt_error *err);

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
