/*
 * participa io: the reads behind a process's page (Process::status(),
 * Process::html()): what one participant stands at, and the paper batches
 * an official continues. No transaction (a page is a snapshot); the rules are
 * core's (core/process/status.h).
 */
#ifndef PT_PROCESS_READS_H
#define PT_PROCESS_READS_H

#include <stdbool.h>
#include <stdint.h>
#include "io/common/db.h"
#include "core/common/pt_value.h"
#include "core/process/status.h"
#include "core/process/records.h"
#include "core/process/count.h"
#include "core/fragment/fragment_host.h"

/*
 * Process::status(): the participant's row (banned, stored roles, territory)
 * and whether they are on the voter roll (two queries; none for participant
 * NULL), then pt_process_status_value(). *out through a (the caller frees
 * it). PT_ERR_DB, PT_ERR_NOMEM.
 */
pt_status pt_process_store_status(pt_db *db, int64_t process_id, const pt_config *cfg, const pt_process_def *def,
	const pt_process_clock *c, const char *participant, bool english, const pt_allocator *a, pt_value **out,
	pt_error *err);

/*
 * The process's paper batches, latest first (at most 200): a list of
 * {batch, assembly, tally_sheet, status ("pending", "mismatch", "counted"),
 * first_by, second_by (or null), ballots, updated_at (UTC "YYYY-MM-DD HH:MM:SS")}.
 * *out through a. PT_ERR_DB, PT_ERR_NOMEM.
 */
pt_status pt_process_store_batches(pt_db *db, int64_t process_id, const pt_allocator *a, pt_value **out,
	pt_error *err);

/*
 * A receipt check (Process::html()'s receipt part): {query (what was typed),
 * error (why it is not a receipt's form, in English when english; else
 * absent), found, ballot (the canonical text) and channel ("web", "paper")
 * when found}. The same reads as Process::verifyReceipt(). *out through a.
 * PT_ERR_DB, PT_ERR_NOMEM.
 */
pt_status pt_process_store_receipt_check(pt_db *db, int64_t process_id, const char *text, bool english,
	const pt_allocator *a, pt_value **out, pt_error *err);

/*
 * Process::html()'s data (core/fragment/process_view.h) but the results,
 * which the binding counts: info (def with its current options, yaml the
 * YAML's), the viewer's status in h's language, opts (taken: freed here
 * whatever the outcome; NULL: none), a fresh idempotency key, and what
 * the part to show reads: the receipt check, or the paper batches. *out a new
 * map through a. PT_ERR_DB, PT_ERR_NOMEM, PT_ERR_INTERNAL (no randomness).
 */
pt_status pt_process_store_page(pt_db *db, int64_t process_id, const pt_config *cfg, const pt_process_def *yaml,
	const pt_process_def *def, const pt_process_clock *c, const pt_process_row *row, const char *viewer,
	const pt_fragment_host *h, pt_value *opts, const pt_allocator *a, pt_value **out, pt_error *err);

/* ---- the count's reads (schema/016_box_segments.sql) ---------------------------- */

/*
 * The one statement every write of a box row runs in its own transaction
 * (a cast, a change of vote): the version of the receipt's segment (its
 * first two characters, core/process/count.h) moves by one. Two
 * parameters: the process id and the receipt. A procedure writing box rows
 * runs the same statement with its parameters in place of the '?'s.
 */
#define PT_PROCESS_BOX_CHANGED_SQL \
	"INSERT INTO participa_box_segments (process_id, segment, v) VALUES (?, LEFT(?, 2), 1) " \
	"ON DUPLICATE KEY UPDATE v = v + 1"

/* Runs PT_PROCESS_BOX_CHANGED_SQL for the receipt's segment (inside the caller's transaction). PT_ERR_DB. */
pt_status pt_process_store_box_changed(pt_db *db, int64_t process_id, const char *receipt, pt_error *err);

/*
 * The same for many receipts (a paper batch): each of their segments moves
 * by one, in one statement, in segment order (so two writers never wait
 * for each other in a cycle). receipts: n receipts of PT_RECEIPT_LEN
 * characters each, end to end. PT_ERR_DB, PT_ERR_NOMEM.
 */
pt_status pt_process_store_boxes_changed(pt_db *db, int64_t process_id, const char *receipts, size_t n,
	pt_error *err);

/* The box's version (the sum over its segments; 0 when it was never written since schema 016). PT_ERR_DB. */
pt_status pt_process_store_box_version(pt_db *db, int64_t process_id, uint64_t *version, pt_error *err);

/*
 * Counts process_id into c (begun here, with def and a; the caller frees
 * it with pt_process_count_free() whatever the outcome), finished: digest
 * and result. In one REPEATABLE READ snapshot: the segments' versions;
 * unless this worker's cache (core/process/count.h) holds the count of
 * their sum (cfg names the database in its key), which is then copied into
 * c instead (*from_cache, may be NULL), the stored summaries of the
 * segments (schema 016), each used when it was computed at its segment's
 * version and its profile reads back, and the rows of every other segment
 * (one query; the whole box when most segments changed), all in segment
 * order. After the snapshot, the summaries computed from rows are written
 * back (best effort, one statement per megabyte, never over a later
 * version's). A fresh count is kept in the cache. PT_ERR_DB, PT_ERR_NOMEM,
 * the engine's errors.
 */
pt_status pt_process_store_count_read(pt_db *db, const pt_config *cfg, int64_t process_id, const pt_process_def *def,
	const pt_allocator *a, pt_process_count *c, bool *from_cache, pt_error *err);

#endif /* PT_PROCESS_READS_H */
