/*
 * participa core: a process's ballots exported for a recount, in receipt
 * order with the digest of their lines (ballot.h):
 *
 *   csv      receipt,ballot,role,reason,voter,channel (core/common/csv.h
 *            quoting; LF line ends, as published since the first release)
 *   json     {process, method, options, encoding, count, digest, ballots:
 *            [{receipt, ballot, role, reason, voter, channel}]}
 *            (json_write.h, as php_json_encode() with unescaped unicode and slashes)
 *   pabulib  META / PROJECTS / VOTES (core/tally/pabulib.h pt_pabulib_write()),
 *            approval ballots only
 *
 * The ballots stream from the store into pt_process_export_row(); memory is
 * O(output). Everything goes through the allocator given to begin.
 */
#ifndef PT_PROCESS_EXPORT_H
#define PT_PROCESS_EXPORT_H

#include "core/process/ballot.h"
#include "core/site/site_config.h"

typedef enum pt_process_export_format {
	PT_EXPORT_CSV,
	PT_EXPORT_JSON,
	PT_EXPORT_PABULIB
} pt_process_export_format;

typedef struct pt_process_export {
	pt_process_export_format fmt;
	const pt_config *cfg;
	const pt_process_def *def;   /* with its current options */
	const pt_allocator *alloc;
	pt_buf out;                  /* csv: the document; json: the ballots' objects */
	pt_process_digest d;         /* version 2 (ballot.h) */
	int64_t n;
	char **votes;                /* pabulib: receipt, ballot pairs (copies) */
	size_t votes_cap;
	int64_t nvotes;              /* pabulib: the pairs kept (a pot's: its ballots only) */
	int32_t pot;                 /* pabulib of one pot of a budget split by district (pots.h), -1 whole */
} pt_process_export;

/* A format by name ("csv", "json", "pabulib"); false when unknown. */
bool pt_process_export_format_parse(const char *name, size_t len, pt_process_export_format *out);

/* exportBallots()'s format for def: false with why (the English of the argument's ValueError, as PHP's
 * own) when unknown, or pabulib for ballots that are not approvals. */
bool pt_process_export_format_check(const pt_process_def *def, const char *name, size_t len,
	pt_process_export_format *out, char *why, size_t why_size);

/*
 * exportBallots()'s ['pot' => id]: pabulib only (PT_ERR_INVALID), one of def's pots (PT_ERR_NOT_FOUND).
 * Set e->pot after begin: the file then holds that pot's projects and budget, and each ballot that
 * approves any of them restricted to them (what its count reads); the digest stays the whole box's.
 */
pt_status pt_process_export_pot(const pt_process_def *def, pt_process_export_format fmt, const char *id, size_t len,
	int32_t *pot, pt_error *err);

pt_status pt_process_export_begin(pt_process_export *e, pt_process_export_format fmt, const pt_config *cfg,
	const pt_process_def *def, const pt_allocator *a, pt_error *err);

/* One stored ballot (the store's row callback). */
pt_status pt_process_export_row(void *ctx, const pt_process_ballot *b, pt_error *err);

/*
 * The document: *out (NUL-terminated, *len bytes) allocated with the
 * export's allocator, the caller frees it with pt_free(). PT_ERR_INTERNAL
 * "the export could not be encoded as JSON"; pabulib's refusals
 * (PT_ERR_INVALID); PT_ERR_NOMEM.
 */
pt_status pt_process_export_finish(pt_process_export *e, char **out, size_t *len, pt_error *err);

/* Frees what e holds. Safe twice. */
void pt_process_export_free(pt_process_export *e);

#endif /* PT_PROCESS_EXPORT_H */
