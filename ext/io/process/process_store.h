/*
 * participa io: the SQL of participatory processes (schema/003_processes.sql).
 *
 * Pure C over pt_db; no policy. As in thread_store.h, every write is ONE
 * pt_db_transaction(): it reads the facts a decision needs in one query,
 * hands them to the rules of core/process/process_rules.h (eligibility,
 * role, phase), then writes. The rules run again when the transaction is
 * replayed; they are pure.
 *
 * One person, one vote: participa_voters' primary key (process, participant)
 * decides, not the facts read before it; a concurrent first ballot of the
 * same participant loses on that key and becomes a change (where allowed) or
 * a conflict. Every write reads the process row under a shared lock first
 * (SELECT ... LOCK IN SHARE MODE) and close() takes it exclusively, so
 * close() cannot interleave with a cast: a ballot either commits before
 * close() or is refused.
 *
 * Secret processes: see the header of schema/003_processes.sql. Receipts are
 * 26 characters of base32 (130 bits from getrandom()).
 *
 * Errors: PT_ERR_DB from the server; PT_ERR_CONFLICT (already voted,
 * counted batch), PT_ERR_NOT_ALLOWED (closed), PT_ERR_NOT_FOUND; whatever a
 * check callback returns; PT_ERR_NOMEM.
 */
#ifndef PT_PROCESS_STORE_H
#define PT_PROCESS_STORE_H

#include <stdbool.h>
#include <stdint.h>
#include "io/common/db.h"
#include "core/process/ballot.h"
#include "core/process/count.h"
#include "core/process/export.h"
#include "core/process/process_rules.h"
#include "core/process/options.h"
#include "core/process/records.h"

/* A fresh random receipt (NUL-terminated). PT_ERR_INTERNAL if the kernel gives no randomness. */
pt_status pt_process_store_receipt(char out[PT_RECEIPT_LEN + 1], pt_error *err);

/* Whether s[0..len) is a receipt's form: PT_RECEIPT_LEN symbols of a-z without l and o, and 2-9. */
bool pt_process_store_receipt_valid(const char *s, size_t len);

/*
 * A receipt as a resident typed it (as printed, or in capitals) into out,
 * lower-case, checked before any SQL sees it. PT_ERR_INVALID "El comprobante
 * no es válido: ..." when it has not a receipt's form.
 */
pt_status pt_process_store_receipt_read(const char *s, size_t len, char out[PT_RECEIPT_LEN + 1], pt_error *err);

/* ---- processes ------------------------------------------------------------- */

/* The process row (core/process/records.h). */
typedef pt_process_row pt_process_store_process;

/*
 * The process row for a YAML process, created on first use and updated when
 * its definition digest changes. One SELECT when it is current.
 * PT_ERR_CONFIG (nothing written) when the YAML's secrecy differs from the
 * stored one and voting has started: `started` (the binding's clock says the
 * voting phase began), ballots exist, or the process is closed.
 */
pt_status pt_process_store_process_sync(pt_db *db, const char *code, const char *kind, const char *method,
	bool secret, const char *definition_sha, bool started, pt_process_store_process *out, pt_error *err);

/*
 * pt_process_store_process_sync() for def of cfg: its id, kind, method,
 * secrecy and digest; a PT_ERR_CONFIG points at the process in cfg's file.
 */
pt_status pt_process_store_sync_def(pt_db *db, const pt_config *cfg, const pt_process_def *def, bool started,
	pt_process_store_process *out, pt_error *err);

/*
 * Closes voting: one transaction that takes the process row exclusively
 * (every cast, batch and proposal holds it shared until it commits, so none
 * interleaves), sets closed_at with who (`by`, or NULL) and how (`scheduled`:
 * the voting phase ended), kept if already set, and for a secret process
 * removes every SQL link between a participant and a ballot: voters'
 * receipts, idempotency keys' receipts and versions, earlier versions, and
 * resets every ballot's version to 1. Idempotent. out (may be NULL) gets
 * the row as stored.
 */
pt_status pt_process_store_close(pt_db *db, int64_t process_id, bool secret, const char *by, bool scheduled,
	pt_process_store_process *out, pt_error *err);

/*
 * Seals a closed secret process: the physical traces go too. The ballot box,
 * versions, voters and idempotency-key tables are rebuilt (ALTER TABLE ...
 * FORCE: a new file, rows in primary key order, no InnoDB transaction id
 * kept, so no voter row and ballot row share one), then sealed_at is set.
 * Online (casts in other processes go on) and run by one worker at a time
 * (GET_LOCK): when another worker holds it, returns PT_OK with *sealed
 * false. PT_ERR_DB when a rebuild fails (privilege; another connection's
 * transaction holds a table for more than wait_seconds, 1205):
 * the close stands; a later call seals.
 */
pt_status pt_process_store_seal(pt_db *db, int64_t process_id, unsigned wait_seconds, bool *sealed, pt_error *err);

/*
 * What a call that finds a process due does: close() unless row->closed,
 * then for a secret process not sealed yet seal(). A seal that fails leaves
 * the close in force: PT_OK with *seal_failed and seal_err filled (the
 * caller warns; a later call seals). row is updated (closed, sealed).
 */
pt_status pt_process_store_settle(pt_db *db, int64_t process_id, bool secret, const char *by, bool scheduled,
	unsigned wait_seconds, pt_process_store_process *row, bool *seal_failed, pt_error *seal_err, pt_error *err);

/* ---- casting ----------------------------------------------------------------- */

/* What a write reads about the participant (core/process/process_rules.h). */
typedef pt_process_facts pt_process_store_facts;

/* A cast (core/process/records.h). */
typedef pt_process_cast pt_process_store_cast;

/*
 * Stores a ballot: facts -> pt_process_rule_cast() -> voters row (guarded by the open process
 * row) -> ballot box row (or: the previous version to the versions table and
 * the box row updated) -> idempotency key. One transaction.
 */
pt_status pt_process_store_cast_ballot(pt_db *db, pt_process_store_cast *cast, pt_error *err);

/* ---- reading ballots ---------------------------------------------------------- */

/* A stored ballot (core/process/ballot.h). */
typedef pt_process_ballot pt_process_store_ballot;

typedef pt_status (*pt_process_store_ballot_fn)(void *ctx, const pt_process_store_ballot *b, pt_error *err);

/*
 * Streams every ballot of the process in receipt order (the canonical
 * order), unbuffered: memory does not grow with the number of ballots.
 * Strings are valid only during the callback.
 */
pt_status pt_process_store_ballots(pt_db *db, int64_t process_id, pt_process_store_ballot_fn fn, void *ctx, pt_error *err);

/*
 * The rows whose receipts start with one of n LIKE patterns (each
 * PT_PROCESS_STORE_PATTERN bytes, NUL-terminated: a segment with '%', '_'
 * and '\\' escaped, then '%'), in receipt order, as pt_process_store_ballots().
 */
#define PT_PROCESS_STORE_PATTERN 8
pt_status pt_process_store_ballots_in(pt_db *db, int64_t process_id, const char *patterns, size_t n,
	pt_process_store_ballot_fn fn, void *ctx, pt_error *err);

/* One ballot by receipt; *found false if absent. */
pt_status pt_process_store_ballot_get(pt_db *db, int64_t process_id, const char *receipt, size_t len,
	pt_process_store_ballot_fn fn, void *ctx, bool *found, pt_error *err);

/* Whether the participant has a voters row. */
pt_status pt_process_store_has_voted(pt_db *db, int64_t process_id, const char *participant, bool *voted,
	pt_error *err);

/*
 * Process::results() and tally(): pt_process_rule_results() for participant
 * (NULL: anyone), asking whether they voted only when the visibility needs it.
 */
pt_status pt_process_store_results_allowed(pt_db *db, int64_t process_id, const pt_process_def *def,
	const pt_process_clock *c, const char *participant, pt_error *err);

/* Counts: voters rows, ballots in the box (web and paper). */
pt_status pt_process_store_counts(pt_db *db, int64_t process_id, int64_t *voters, int64_t *web, int64_t *paper,
	pt_error *err);

/* ---- paper batches ------------------------------------------------------------- */

/* A batch and its ballots (core/process/records.h). */
typedef pt_process_paper_ballot pt_process_store_paper_ballot;
typedef pt_process_batch_state pt_process_store_batch_state;
typedef pt_process_batch pt_process_store_batch;

/*
 * Enters a batch. The first call stores entry 1 (pending). A call by another
 * official stores entry 2 and compares: equal -> ballots into the box with
 * fresh receipts (channel paper), state counted; different -> mismatch,
 * positions listed. After a mismatch, the first official's call replaces
 * entry 1, anyone else's replaces entry 2, and the entries are compared
 * again. PT_ERR_CONFLICT when the batch was already counted;
 * PT_ERR_NOT_ALLOWED when the same official enters the second entry, or the
 * process is closed. One transaction. Each mismatch carries the other
 * entry's reading and b->other_by who entered it, so the report shows both
 * readings of every differing ballot and both people.
 */
pt_status pt_process_store_paper_batch(pt_db *db, pt_process_store_batch *b, pt_error *err);

/* Frees what pt_process_store_paper_batch() allocated in b (mismatch lists). Safe to call twice. */
void pt_process_store_batch_free(pt_process_store_batch *b);

/* ---- options proposed through the API (schema/005_process_options.sql) ---------- */

/* An API option as stored (core/process/records.h). */
typedef pt_process_option pt_process_store_option;

typedef pt_status (*pt_process_store_option_fn)(void *ctx, const pt_process_store_option *o, pt_error *err);

/*
 * Every API option of the process, withdrawn ones included, in
 * (created_at, option_id) order: the order they follow the YAML's
 * candidates in. Strings are valid only during the callback. One query,
 * O(options).
 */
pt_status pt_process_store_options(pt_db *db, int64_t process_id, pt_process_store_option_fn fn, void *ctx, pt_error *err);

/*
 * The options that take part in def now (core/process/options.h): the
 * YAML's, then the active API options. *out is initialised here; the
 * caller frees it with pt_process_current_free() whatever the outcome.
 */
pt_status pt_process_store_current(pt_db *db, int64_t process_id, const pt_config *cfg, const pt_process_def *def,
	const pt_allocator *a, pt_process_current *out, pt_error *err);

/* A proposal (core/process/records.h). */
typedef pt_process_proposal pt_process_store_proposal;


/*
 * Stores an option proposed through the API. One transaction: the proposer's
 * facts, the process's state, the option count and any row with the same id
 * in one query -> pt_process_rule_propose() (on the facts: known, banned, roles, territory, closed) -> INSERT ... SELECT guarded by the open process row.
 * The option id is the idempotency key: the same proposer proposing the same
 * option again (same name, cost and territory) is answered with replayed =
 * true; anything else under a taken id is PT_ERR_CONFLICT (also when the id
 * was withdrawn). PT_ERR_NOT_ALLOWED when the process is closed or holds
 * max_options options; whatever the check returns; PT_ERR_DB.
 */
pt_status pt_process_store_propose(pt_db *db, pt_process_store_proposal *p, pt_error *err);

/*
 * Withdraws an API option (the row stays, marked withdrawn with the official
 * and the reason). Idempotent: an option already withdrawn sets *replayed
 * and writes nothing. PT_ERR_NOT_FOUND when the process has no such API
 * option; PT_ERR_NOT_ALLOWED when the process is closed. One transaction.
 * withdrawn_at and withdrawn_by receive what is stored (the first
 * withdrawal's, on a replay).
 */
pt_status pt_process_store_withdraw(pt_db *db, int64_t process_id, const char *option_id, const char *official,
	const char *reason, size_t reason_len, bool *replayed, char withdrawn_at[32], char withdrawn_by[192],
	pt_error *err);

/* ---- results ------------------------------------------------------------------- */

pt_status pt_process_store_result_store(pt_db *db, int64_t process_id, const char *method, int64_t ballots,
	int64_t web, int64_t paper, const char *digest, bool final, const char *json, size_t json_len,
	pt_error *err);

/*
 * Stores a count's summary (core/process/count.h: pt_process_count_summary())
 * as the latest result: its JSON (pt_process_result_json(), through a), its
 * ballots, web, paper and digest.
 */
pt_status pt_process_store_result_summary(pt_db *db, int64_t process_id, const char *method, const pt_value *summary,
	bool final, const pt_allocator *a, pt_error *err);

/* Latest stored result: fn gets (json, digest, computed_at, final); *found false if none. */
typedef pt_status (*pt_process_store_result_fn)(void *ctx, const char *json, size_t json_len, const char *digest,
	const char *computed_at, bool final, pt_error *err);
pt_status pt_process_store_result_latest(pt_db *db, int64_t process_id, pt_process_store_result_fn fn, void *ctx, bool *found,
	pt_error *err);

/*
 * results() once voting is over: the latest stored result when it is final, read back from
 * its JSON as json_decode($json, true) would, with "computed_at" added; NULL when there is
 * none (or the latest is not final, or not an array), err untouched; NULL with err on failure.
 */
pt_value *pt_process_store_result_final(pt_db *db, int64_t process_id, const pt_allocator *a, pt_error *err);

/* ---- counting and export (core/process/count.h, export.h) --------------------- */

/*
 * Counts the process: its ballots streamed in receipt order through
 * pt_process_count_row(), then pt_process_count_finish(), or this worker's
 * count of the same box version (io/process/process_reads.h
 * pt_process_store_count_read(); cfg names the database). *c is begun here
 * with def (its current options) and a; the caller frees it with
 * pt_process_count_free() whatever the outcome.
 */
pt_status pt_process_store_count(pt_db *db, const pt_config *cfg, int64_t process_id, const pt_process_def *def,
	const pt_allocator *a, pt_process_count *c, pt_error *err);

/*
 * tally() and results(), after pt_process_store_count(): the summary of c
 * (pt_process_count_summary(), final or not: *summary, the caller's; it takes c's result
 * trees, so read c->result first) and, when keep, the summary stored as the latest result.
 * On failure *summary is NULL.
 */
pt_status pt_process_store_count_summary(pt_db *db, int64_t process_id, const pt_process_def *def,
	pt_process_count *c, bool final, bool keep, const pt_allocator *a, pt_value **summary, pt_error *err);

/* The export document of the process (export.h): *out through a, the caller frees it. */
pt_status pt_process_store_export(pt_db *db, int64_t process_id, pt_process_export_format fmt, const pt_config *cfg,
	const pt_process_def *def, const pt_allocator *a, char **out, size_t *len, pt_error *err);

/* The same of one pot of a budget split by district (pot: index into def->pots, -1 the whole; export.h). */
pt_status pt_process_store_export_pot(pt_db *db, int64_t process_id, pt_process_export_format fmt,
	const pt_config *cfg, const pt_process_def *def, int32_t pot, const pt_allocator *a, char **out, size_t *len,
	pt_error *err);

#endif
