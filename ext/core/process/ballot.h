/*
 * participa core: the ballot of a process, validated and in its canonical
 * text (what is stored, exported and hashed), and the digest lines.
 *
 * Canonical ballot encoding:
 *   ranking   'a>b=c'   ('>' preferred to, '=' tied; '' a blank ballot)
 *   approval  'a,b'     (candidates in the YAML's order)
 *   score     'a:4,b:0' (candidates in the YAML's order)
 *   stance    'agree' | 'abstain' | 'disagree' | 'block' (role and reason apart)
 * A ballot's digest line (version 1, pt_process_digest_line()): receipt
 * TAB ballot TAB role TAB reason TAB voter LF, absent fields empty, and '\'
 * TAB LF CR inside fields written as \\ \t \n \r. Version 1 of the digest
 * was the SHA-256 of every line in receipt order (bytewise); version 2
 * (pt_process_digest, below) cuts the same lines by segment, the
 * receipt's first two characters: the SHA-256 of one line per non-empty
 * segment in segment order, segment TAB ballots TAB hex SHA-256 of the
 * segment's lines in receipt order LF (the segment escaped as a field).
 *
 * A cast goes (pt_process_ballot_value()): pt_process_profile_init() (a
 * one-ballot profile over the process's current candidates), the ballot added
 * with the tally engine's rules and messages (pt_profile_add_value()) or by
 * pt_process_ballot_stance(), then pt_process_ballot_canonical() (one person
 * one vote, the budget, the text). Refusals are PT_ERR_INVALID with the
 * Spanish "Boleta inválida: ..." messages of messages_processes.h.
 */
#ifndef PT_PROCESS_BALLOT_H
#define PT_PROCESS_BALLOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/common/pt_base.h"
#include "core/common/digest.h"
#include "core/common/pt_value.h"
#include "core/commitment/commitment.h"   /* pt_buf (to core/common/pt_buf.h with the toolkit) */
#include "core/process/config_processes.h"
#include "core/tally/tally.h"

#define PT_PROCESS_BALLOT_MAX 8000   /* bytes of canonical text */
#define PT_PROCESS_REASON_MAX 4000   /* bytes of a stance's reason */

/* A stored ballot as the store streams it (io/process/process_store.h: pt_process_store_ballot). */
typedef struct pt_process_ballot {
	const char *receipt; size_t receipt_len;
	const char *ballot; size_t ballot_len;
	const char *role; size_t role_len;       /* NULL when none */
	const char *reason; size_t reason_len;   /* NULL when none */
	const char *voter; size_t voter_len;     /* NULL when none */
	bool paper;
	const char *batch_id; size_t batch_id_len;
	uint32_t version;
} pt_process_ballot;

/* Whether the method counts a participatory budget (projects with costs). */
bool pt_process_is_budget(const pt_process_def *def);

/*
 * A profile over def's candidates (none for stances) with def's options
 * (*o, count_invalid 0) through a. p is freed on failure. O(candidates).
 */
pt_status pt_process_profile_init(const pt_process_def *def, pt_profile *p, pt_tally_options *o,
	const pt_allocator *a, pt_error *err);

/* The refusal of a weighted ballot ("una persona, un voto"). */
pt_status pt_process_ballot_weighted(pt_error *err);

/*
 * Adds a stance ballot: stance (NULL when none was given) must be agree,
 * abstain, disagree or block; reason (or NULL) at most
 * PT_PROCESS_REASON_MAX bytes of UTF-8 without control characters other
 * than newline, carriage return and tab.
 */
pt_status pt_process_ballot_stance(pt_profile *p, const char *stance, size_t stance_len, const char *reason,
	size_t reason_len, pt_error *err);

/*
 * After the one ballot was added: refuses weights and, for a budget whose
 * options.over_budget is refuse, projects costing more than the budget;
 * appends the canonical text to out; refuses more than
 * PT_PROCESS_BALLOT_MAX bytes. O(ballot * candidates) for scores.
 */
pt_status pt_process_ballot_canonical(const pt_process_def *def, pt_profile *p, pt_buf *out, pt_error *err);

/*
 * One ballot as the host gave it (a cast's, or one of a paper batch), converted to a value
 * tree (v, borrowed; NULL is out of memory): checked and its canonical text appended to out.
 * Ranking, approval and score ballots take the engine's shapes and messages
 * (pt_profile_add_value(), said of the one ballot); a weight is refused; a stance is 'agree'
 * or ['stance' => ..., 'reason' => ...], and *reason (NULL when none or empty) then points
 * into v. A refusal is PT_ERR_INVALID with its "Boleta inválida: ..." message.
 */
pt_status pt_process_ballot_value(const pt_process_def *def, const pt_value *v, const pt_allocator *a, pt_buf *out,
	const char **reason, size_t *reason_len, pt_error *err);

/* An engine refusal ("boleta 0: x") said of the one ballot of a cast ("Boleta inválida: x"); other codes pass. */
pt_status pt_process_ballot_refusal(pt_error *err);

/*
 * Adds a stored (canonical) ballot to p. A text that no longer fits the
 * process (the YAML changed) is a spoiled ballot (PT_ERR_INVALID from the
 * engine, or a rejection recorded in p). Fuzzed: fuzz/fuzz_process_ballot.c.
 */
pt_status pt_process_ballot_add_stored(pt_profile *p, const pt_process_ballot *b, pt_error *err);

/* Appends b's digest line (see above) to out. */
void pt_process_digest_line(pt_buf *out, const pt_process_ballot *b);

/* Hashes b's digest line into h; line is a scratch buffer the caller keeps between calls. */
void pt_process_digest_ballot(pt_sha256 *h, pt_buf *line, const pt_process_ballot *b);

/* ---- digest version 2 (see the top) ------------------------------------------------ */

#define PT_PROCESS_DIGEST_VERSION 2
#define PT_PROCESS_SEGMENT_MAX 2      /* characters of a receipt that name its segment */

/* The length of a receipt's segment (its first two characters; fewer when it is shorter). */
static inline size_t pt_process_segment_len(size_t receipt_len)
{
	return receipt_len < PT_PROCESS_SEGMENT_MAX ? receipt_len : PT_PROCESS_SEGMENT_MAX;
}

/* Bytewise order of two segments (or of two receipts' segments): < 0, 0, > 0. */
int pt_process_segment_cmp(const char *a, size_t alen, const char *b, size_t blen);

typedef struct pt_process_digest {
	pt_sha256 *all;              /* over the segments' lines */
	pt_sha256 *seg;              /* the open segment's ballot lines (NULL: none open) */
	char segment[PT_PROCESS_SEGMENT_MAX];
	size_t segment_len;
	int64_t seg_ballots;
	pt_buf line;                 /* scratch */
	bool failed;                 /* out of memory (libcrypto or the scratch) */
} pt_process_digest;

/* Begins an empty digest (line's memory through a). false when out of memory (then free it). */
bool pt_process_digest_begin(pt_process_digest *d, const pt_allocator *a);

/* Whether b's receipt is in the open segment. */
bool pt_process_digest_in_segment(const pt_process_digest *d, const char *receipt, size_t len);

/*
 * One ballot, in receipt order: a receipt of another segment closes the
 * open one (its line added) and opens its own.
 */
void pt_process_digest_add(pt_process_digest *d, const pt_process_ballot *b);

/*
 * Closes the open segment (if any): its line is added; hex gets its
 * SHA-256 (hex may be NULL), *ballots its ballots (may be NULL).
 */
void pt_process_digest_close(pt_process_digest *d, char hex[PT_SHA256_HEX], int64_t *ballots);

/* A whole segment at once (a stored summary): closes the open one, adds the line (none for 0 ballots). */
void pt_process_digest_segment(pt_process_digest *d, const char *segment, size_t len, int64_t ballots,
	const char *hex);

/* Closes the open segment and gives the digest's hex; d is then empty (free it). */
void pt_process_digest_finish(pt_process_digest *d, char hex[PT_SHA256_HEX]);

/* Frees d (safe after a failed begin, after finish, and twice). */
void pt_process_digest_free(pt_process_digest *d);

/* Whether a PHP-style text is UTF-8 without control characters (newline, CR and tab allowed when
 * newlines is true); its length in characters, or -1. */
long pt_process_text_chars(const char *s, size_t len, bool newlines);

#endif /* PT_PROCESS_BALLOT_H */
