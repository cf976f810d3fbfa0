/*
 * participa core: commitments as values, and the pure arithmetic and
 * encodings commitment tracking needs. No I/O, no php.h.
 *
 * A commitment is a fixed set of fields (pt_commitment_field), each held as its
 * CANONICAL TEXT (NULL = absent): the same bytes go to the database, to the
 * CSV export and into the hashed history, so a value never changes by being
 * stored or exported. Canonical forms:
 *
 *   dates        YYYY-MM-DD (a real calendar date)
 *   progress     0.00 .. 100.00, two decimals ("45.50") -- kept in basis
 *                points (1/100 of a percent) for arithmetic
 *   budget       DECIMAL(15,2) text: optional '-', digits, '.', two decimals
 *   weight       DECIMAL(9,3) text: "1.000"; > 0
 *   pillars      pillar ids joined by ";" ("transparencia;participacion")
 *   actors       names joined by "; " (a name may not contain ';')
 *   evidence     JSON array of {"url","reference","description","date","added_by"}
 *   milestones   JSON array of {"title","due","done"}
 *   other text   as given (UTF-8 checked by the binding)
 *
 * Progress roll-up: a parent's progress is the weighted mean of its
 * children's, in integer arithmetic with half-up rounding to a basis point;
 * a child without a weight counts with weight 1 (so all absent = plain mean).
 *
 * History encoding (version 1), hashed with SHA-256 (digest.h):
 *
 *   "participa-history-1\n"
 *   "seq:" <decimal> "\n"
 *   for commitment, action, actor, at, changes, note in that order:
 *       <name> ":" <byte length in decimal> ":" <bytes> "\n"
 *   "prev:" <previous hash, 64 lower-case hex digits> "\n"
 *
 * hash = lower-case hex of SHA-256 over those bytes. The first event's prev
 * is 64 '0's. Length prefixes make the encoding injective (no field can
 * spill into the next), `at` is the stored DATETIME(6) text, and `changes`
 * is the canonical JSON produced by pt_commitment_diff(), so the hash is recomputed
 * from stored columns alone.
 */
#ifndef PT_COMMITMENT_H
#define PT_COMMITMENT_H

#include <stdbool.h>
#include <stdint.h>
#include "core/common/pt_base.h"
#include "core/common/pt_buf.h"
#include "core/common/pt_value.h"
#include "core/commitment/config_commitments.h"

typedef enum pt_commitment_field {
	PT_CMF_ID = 0,
	PT_CMF_PLAN,
	PT_CMF_PARENT,
	PT_CMF_TITLE,
	PT_CMF_DESCRIPTION,
	PT_CMF_PROBLEM,
	PT_CMF_OBJECTIVE,
	PT_CMF_AGENCY,
	PT_CMF_ACTORS,
	PT_CMF_THEME,
	PT_CMF_PILLARS,
	PT_CMF_TERRITORY,
	PT_CMF_START,
	PT_CMF_DUE,
	PT_CMF_BUDGET,
	PT_CMF_WEIGHT,
	PT_CMF_STATUS,
	PT_CMF_PROGRESS,
	PT_CMF_VERIFICATION,
	PT_CMF_EVIDENCE,
	PT_CMF_MILESTONES,
	PT_CMF_COUNT
} pt_commitment_field;

/* Most evidence items and milestones one commitment holds. */
#define PT_COMMITMENT_MAX_EVIDENCE 500
#define PT_COMMITMENT_MAX_MILESTONES 500

/* Field names as they appear in PHP arrays, CSV headers and history ("start_date"). */
extern const char *const pt_commitment_field_names[PT_CMF_COUNT];
/* Field of a name (len bytes), or -1. */
int pt_commitment_field_find(const char *name, size_t len);

typedef struct pt_commitment_evidence {
	const char *url, *reference, *description, *date, *added_by;   /* NULL = absent */
} pt_commitment_evidence;

typedef struct pt_commitment_milestone {
	const char *title, *due;
	bool done;
} pt_commitment_milestone;

/* The keys of an evidence item and of a milestone, in their order everywhere (NULL-terminated). */
#define PT_COMMITMENT_EVIDENCE_KEYS 5
#define PT_COMMITMENT_MILESTONE_KEYS 3
extern const char *const pt_commitment_evidence_keys[PT_COMMITMENT_EVIDENCE_KEYS + 1];
extern const char *const pt_commitment_milestone_keys[PT_COMMITMENT_MILESTONE_KEYS + 1];
/* An evidence item's texts in pt_commitment_evidence_keys order. */
void pt_commitment_evidence_texts(const pt_commitment_evidence *e, const char *out[PT_COMMITMENT_EVIDENCE_KEYS]);

/* A commitment. Strings are borrowed (an arena, a row buffer, a zval). */
typedef struct pt_commitment_record {
	const char *v[PT_CMF_COUNT];
	const pt_commitment_evidence *evidence;   size_t evidence_count;
	const pt_commitment_milestone *milestones; size_t milestone_count;
	/* stored facts, filled by reads */
	uint32_t depth;
	const char *path;          /* ancestor ids joined by '/', "" for a root */
	int64_t children;
	const char *created_at, *updated_at;
	bool closed;               /* the stored closed flag (its status is closed in the YAML) */
} pt_commitment_record;

/* ---- values ------------------------------------------------------------------ */

/* YYYY-MM-DD and a real date (leap years included), years 1900..9999. */
bool pt_commitment_valid_date(const char *s, size_t len);
/* Days since 1970-01-01 of a valid date. */
int64_t pt_commitment_days(const char *s);

/* "45", "45.5", "45.50" (0..100, up to two decimals) -> 4550. */
bool pt_commitment_parse_progress(const char *s, size_t len, int32_t *bp);
/* 4550 -> "45.50". */
void pt_commitment_progress_text(int32_t bp, char out[8]);

/*
 * A decimal with at most `scale` decimals and `int_digits` integer digits
 * (optionally negative) as an integer count of 10^-scale units. false when
 * malformed or out of range.
 */
bool pt_commitment_parse_decimal(const char *s, size_t len, unsigned scale, unsigned int_digits, bool negative_ok,
	int64_t *out);
/* Canonical text with exactly `scale` decimals; out needs 32 bytes. */
void pt_commitment_decimal_text(int64_t v, unsigned scale, char out[32]);

/*
 * Canonicalizes value (len bytes) for field f into out (NUL-terminated),
 * or fails with a Spanish message in err (PT_ERR_INVALID) naming the field.
 * Only fields with a canonical form other than "as given" are changed
 * (dates, progress, budget, weight, pillars, actors); others are checked
 * for length. out must hold len + 32 bytes.
 */
pt_status pt_commitment_canonical(pt_commitment_field f, const char *value, size_t len, char *out, size_t out_size, pt_error *err);

/* ---- roll-up, traffic light, completion ---------------------------------------- */

/*
 * Weighted mean of n children's progress (bp) with weights in thousandths
 * (weight_milli[i] <= 0 or weights NULL = weight 1), half-up to a basis
 * point. n == 0 -> 0. O(n).
 */
int32_t pt_commitment_rollup(const int32_t *progress_bp, const int64_t *weight_milli, size_t n);

typedef enum pt_commitment_light {
	PT_COMMITMENT_LIGHT_UNSCHEDULED = 0,  /* no due date */
	PT_COMMITMENT_LIGHT_ON_TRACK,
	PT_COMMITMENT_LIGHT_AT_RISK,
	PT_COMMITMENT_LIGHT_LATE,
	PT_COMMITMENT_LIGHT_DONE,             /* progress 100 */
	PT_COMMITMENT_LIGHT_CLOSED            /* a closed status below 100 (cancelled) */
} pt_commitment_light;

/* "on_track", "at_risk", "late", "done", "closed", "unscheduled". */
const char *pt_commitment_light_name(pt_commitment_light l);
/* What a citizen reads for the light: "En riesgo" (or "At risk" for an English site). */
const char *pt_commitment_light_label(pt_commitment_light l, bool english);

/*
 * The light on day `today` (YYYY-MM-DD): late when today is more than
 * grace_days past due and progress < 100; at risk when progress trails the
 * linear schedule from start to due by more than behind_bp; else on track.
 * start or due may be NULL.
 */
pt_commitment_light pt_commitment_traffic_light(const char *start, const char *due, const char *today, int32_t progress_bp,
	bool closed, int32_t behind_bp, uint32_t grace_days);

/* Index of the OGP completion level, or -1 when the scale is empty. */
int32_t pt_commitment_completion(const pt_commitments_config *c, int32_t progress_bp, bool has_evidence);

/* ---- canonical lists ---------------------------------------------------------------- */

void pt_commitment_evidence_json(pt_buf *b, const pt_commitment_evidence *items, size_t n);
void pt_commitment_milestones_json(pt_buf *b, const pt_commitment_milestone *items, size_t n);

/* ---- history -------------------------------------------------------------------------- */

/*
 * The canonical JSON of what changed from old (NULL: a creation) to new:
 * {"field":[old,new],...} in field order, only changed fields (strings or
 * null). Returns the number of changed fields. O(size of the records).
 */
size_t pt_commitment_diff(const pt_commitment_record *old, const pt_commitment_record *nw, pt_buf *out);

/*
 * Reads back the canonical changes JSON (pt_commitment_diff's output: an object of
 * field names to [old, new], each a string or null) and calls fn for each
 * field with the unescaped values (NULL for null; valid during the call).
 * Only what pt_commitment_diff writes is accepted (the escapes \" \\ and
 * \u00XX, no white space): anything else is PT_ERR_INVALID. O(len);
 * scratch memory from a (NULL = libc).
 */
typedef pt_status (*pt_commitment_change_fn)(void *ctx, pt_commitment_field f, const char *old, size_t old_len, const char *nw,
	size_t nw_len, pt_error *err);
pt_status pt_commitment_changes_parse(const char *json, size_t len, pt_commitment_change_fn fn, void *ctx, const pt_allocator *a,
	pt_error *err);

/*
 * The changes JSON as a value: a map of field names to [old, new] (strings
 * or null), in the text's order; a null value when json is NULL or not the
 * canonical form. NULL when out of memory.
 */
pt_value *pt_commitment_changes_value(const char *json, const pt_allocator *a);

typedef struct pt_commitment_event {
	int64_t seq;
	const char *commitment, *action, *actor, *at, *changes, *note;   /* NULL = "" */
} pt_commitment_event;

#define PT_COMMITMENT_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

/* Appends the version-1 encoding of e after prev (64 hex) to out. */
void pt_commitment_event_encode(const pt_commitment_event *e, const char *prev, pt_buf *out);

/* hash_out (65 bytes) = hex SHA-256 of the encoding. PT_ERR_NOMEM / PT_ERR_INTERNAL. */
pt_status pt_commitment_event_hash(const pt_commitment_event *e, const char *prev, char hash_out[65], pt_error *err);

/* ---- summaries ----------------------------------------------------------------------- */

/*
 * Percentage of part in total with 0.01 % resolution, half-up (1/62 -> 1.61).
 * 0 when total is 0.
 */
double pt_commitment_percent(int64_t part, int64_t total);

#endif
