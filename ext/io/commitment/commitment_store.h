/*
 * participa io: the SQL of commitment tracking (schema/004_commitments.sql).
 *
 * Pure C over pt_db; policy (who may make which status transition, which
 * ids the YAML knows) is the check callback (core: pt_commitment_check_write()), called inside the
 * write's transaction on the row read FOR UPDATE, so a replay (deadlock,
 * Galera certification failure) decides again on fresh facts. The callback
 * must be pure.
 *
 * Every write is ONE pt_db_transaction():
 *   chain head + the commitment FOR UPDATE (one query; evidence and
 *   milestones only when the write changes them) -> merge the patch ->
 *   parent FOR UPDATE (new commitments only) -> check -> the events' hashes
 *   -> roll-up of every ancestor (one locking SELECT of their children;
 *   core's pt_commitment_rollup() decides) -> the summary counters' deltas
 *   (io/commitment/commitment_counts.h) -> the writes: row (an update of
 *   progress alone needs no statement of its own), pillar rows, evidence,
 *   milestones, ONE multi-table UPDATE of the ancestors' progress (with the
 *   row's progress, and the history head, when this is a single write),
 *   their pillar rows, events (one INSERT), head (unless already moved),
 *   counters (one INSERT). A deep update of progress is thus START, roles
 *   (the binding), lock, children, UPDATE, INSERT events, INSERT counters,
 *   COMMIT (the same rows and events as before, two statements fewer).
 * The history is a single chain over all commitments: the head row's lock
 * orders events, so seq has no gaps and each prev_hash is the previous
 * event's hash (see core/commitment.h for the encoding).
 *
 * Errors: PT_ERR_DB, PT_ERR_NOT_FOUND (update of an unknown id, unknown
 * parent), PT_ERR_CONFLICT (parent change, parent in another plan, cycle,
 * depth), PT_ERR_INVALID (progress of a parent set by hand), whatever the
 * check returns, PT_ERR_NOMEM.
 */
#ifndef PT_COMMITMENT_STORE_H
#define PT_COMMITMENT_STORE_H

#include <stdbool.h>
#include <stdint.h>
#include "io/common/db.h"
#include "core/commitment/commitment.h"
#include "core/commitment/commitment_import.h"
#include "core/commitment/commitment_options.h"
#include "core/commitment/commitment_patch.h"
#include "core/commitment/commitment_summary.h"

#define PT_COMMITMENT_MAX_DEPTH PT_COMMITMENT_IMPORT_MAX_DEPTH

/*
 * A bump allocator for records read from the database; freed at once. Its
 * chunks come from a (NULL: libc). Memory: every entry point that runs a
 * caller's callback or hands memory back allocates through the pt_allocator
 * it is given (the arena's, w->alloc, im->alloc, a->alloc, the alloc
 * argument); the binding passes the request allocator, so a request aborted
 * inside a callback (a fatal error, the memory limit) leaves nothing behind
 * in a long-lived worker. verify() and the summary's read run no caller code
 * and use libc, freed before they return.
 */
typedef struct pt_commitment_store_arena pt_commitment_store_arena;
pt_commitment_store_arena *pt_commitment_store_arena_new(const pt_allocator *a);
void pt_commitment_store_arena_free(pt_commitment_store_arena *a);
/* NULL on allocation failure. */
char *pt_commitment_store_arena_strndup(pt_commitment_store_arena *a, const char *s, size_t len);
void *pt_commitment_store_arena_alloc(pt_commitment_store_arena *a, size_t size);

typedef struct pt_commitment_store_write {
	const char *id;
	bool must_exist;              /* update(): PT_ERR_NOT_FOUND when absent */
	const char *action;           /* "create"/"update" chosen automatically when NULL */
	const char *actor;
	const char *note;
	const char *at;               /* fixed time for the events ("YYYY-MM-DD HH:MM:SS.ffffff") or NULL = now */
	int64_t agreement_id;         /* 0 = none */
	pt_commitment_patch patch;
	pt_commitment_check_fn check;
	void *check_ctx;
	bool want_result;             /* hand the written record back (saves a read) */
	const pt_allocator *alloc;    /* the write's memory, result_arena's too (NULL: libc) */
	/* out */
	pt_commitment_record result;          /* with want_result: the record as written, strings in result_arena;
	                                 evidence/milestones are NULL with a count > 0 when not read */
	pt_commitment_store_arena *result_arena;    /* with want_result: the caller frees it (pt_commitment_store_arena_free) */
	bool created;
	size_t changed;               /* fields changed in this commitment (0: nothing written) */
	size_t rolled_up;             /* ancestors whose progress changed */
	int64_t seq;                  /* the commitment's event, 0 if none */
	const char *changes;          /* the canonical diff JSON (pt_commitment_diff), valid until the write's memory goes */
	int field;                    /* a refusal about one field: its pt_commitment_field; -1 otherwise */
} pt_commitment_store_write;

/* Runs w in one transaction. */
pt_status pt_commitment_store_write_commitment(pt_db *db, pt_commitment_store_write *w, pt_error *err);

/* ---- imports ----------------------------------------------------------------- */

/*
 * What the database holds about ids[0..n) (repeats and unknown ids are
 * fine: unknown ones are simply absent), for pt_commitment_import_order(): one query per
 * 500 ids, no locks (the import's write checks again on locked rows).
 * *out is arena-owned.
 */
pt_status pt_commitment_store_stored_facts(pt_db *db, const char *const *ids, size_t n, pt_commitment_store_arena *arena, pt_commitment_import_stored **out,
	size_t *count, pt_error *err);

typedef enum pt_commitment_store_import_action {
	PT_COMMITMENT_IMPORT_CREATE = 0,
	PT_COMMITMENT_IMPORT_UPDATE,
	PT_COMMITMENT_IMPORT_UNCHANGED,
	PT_COMMITMENT_IMPORT_REFUSED,         /* the write refused the row (err says why: a change since the file was checked) */
	PT_COMMITMENT_IMPORT_SKIPPED          /* not written: its parent row was refused */
} pt_commitment_store_import_action;

/*
 * Called once per row of the order in every attempt (a replayed transaction
 * calls again for the same rows: keep the last call's result). changes: the
 * canonical diff JSON of the row (valid during the call); refusal: why the
 * write refused it, and field: the pt_commitment_field it is about (-1: none).
 */
typedef pt_status (*pt_commitment_store_import_fn)(void *ctx, size_t index, pt_commitment_store_import_action action, size_t changed,
	const char *changes, const pt_error *refusal, int field, pt_error *err);

typedef struct pt_commitment_store_import {
	size_t nrows;                 /* rows of the file: the length of ids, patches and parent_row */
	const char *const *ids;       /* ids[i]: the id of row i (file order) */
	const pt_commitment_patch *patches;   /* patches[i]: its fields */
	const int64_t *parent_row;    /* parent_row[i]: the row of its parent in the file, -1 (pt_commitment_import_order) */
	const size_t *order;          /* the rows to write, parents first (pt_commitment_import_order) */
	size_t count;
	bool dry_run;                 /* run every write and every check, then roll back */
	const char *actor;
	const char *at;               /* NULL = now */
	pt_commitment_check_fn check;
	void *check_ctx;
	pt_commitment_store_import_fn fn;
	void *fn_ctx;
	const pt_allocator *alloc;    /* the run's memory (NULL: libc) */
	/* out */
	size_t refused;               /* rows refused or skipped by the write */
	bool committed;               /* the rows are stored (not a dry run, nothing refused) */
} pt_commitment_store_import;

/*
 * Writes the rows in ONE transaction: the history head locked once, each
 * row as pt_commitment_store_write_commitment() would (action "import", no transition
 * rules: the check decides), the progress of every ancestor rolled up once
 * at the end, bottom up (O(children) rows read per ancestor, not per row),
 * the events inserted in batches. Nothing is committed when a row is
 * refused or on a dry run: the transaction is rolled back, so a dry run
 * runs exactly the checks and writes the import runs. Memory stays bounded
 * by batches of rows, whatever the file's size.
 */
pt_status pt_commitment_store_import_run(pt_db *db, pt_commitment_store_import *im, pt_error *err);

/*
 * Commitments::import() once the file is read (core: pt_commitment_import_file):
 * checks every field of every row (in: the configuration, the actor, the
 * json callback), reads what is stored about the ids, orders the rows, runs
 * pt_commitment_store_import_run() when pt_commitment_import_writes() (no
 * transition rules: an import restores data; dry: rolled back), records each
 * row's outcome and calls pt_commitment_import_finish(). An error here
 * (PT_ERR_DB, PT_ERR_NOMEM) is the whole call's; the file's errors are in f.
 */
pt_status pt_commitment_store_import_file(pt_db *db, pt_commitment_import_file *f, const pt_commitment_patch_in *in,
	bool dry, const char *actor, pt_error *err);

/* ---- reads ----------------------------------------------------------------- */

/* One commitment with evidence and milestones into *out (strings in arena); *found. */
pt_status pt_commitment_store_get(pt_db *db, const char *id, pt_commitment_store_arena *arena, pt_commitment_record *out, bool *found, pt_error *err);

/* pt_commitment_filter: core/commitment/commitment_options.h */

/* Commitments matching f, parents before children (depth, id), into an arena-owned array. */
pt_status pt_commitment_store_list(pt_db *db, const pt_commitment_filter *f, pt_commitment_store_arena *arena, pt_commitment_record **out, size_t *count,
	pt_error *err);

/* ---- summaries ---------------------------------------------------------------- */

/* The groupings: pt_commitment_by (core/commitment/commitment_summary.h). */

typedef pt_status (*pt_commitment_store_group_fn)(void *ctx, const char *key, size_t key_len, int64_t count, double avg_progress,
	int64_t late, pt_error *err);

/*
 * Groups commitments of plan (NULL = all) by `by`: count, average progress
 * (percent), late count (open status, progress < 100, due date before
 * late_before, a YYYY-MM-DD). roots_only counts top-level commitments only.
 * *total = commitments in scope (a commitment with several pillars counts
 * once). Two queries for pillars, one otherwise, over the counters
 * (participa_commitment_counts): O(groups x due dates of their open
 * commitments) rows, not O(commitments). NULL keys are "".
 */
pt_status pt_commitment_store_summary(pt_db *db, pt_commitment_by by, const char *plan, bool roots_only, const char *late_before,
	pt_commitment_store_group_fn fn, void *ctx, int64_t *total, pt_error *err);

/*
 * The history head's seq: it grows with every change made through
 * participa, so a summary computed at one seq is still valid while the seq
 * is unchanged (one primary-key read).
 */
/*
 * The summary for these settings: the cached one while the history head's
 * seq is unchanged, else read (pt_commitment_store_summary()) and cached.
 * Owned by the cache (valid until the next call). NULL with err.
 */
const pt_commitment_summary *pt_commitment_store_summary_cached(pt_db *db, const pt_config *cfg, pt_commitment_by by,
	const char *plan, bool roots, const char *late_before, pt_error *err);

pt_status pt_commitment_store_version(pt_db *db, int64_t *seq, pt_error *err);

/* ---- history ------------------------------------------------------------------- */

typedef struct pt_commitment_store_event_row {
	pt_commitment_event e;
	const char *prev_hash, *hash;
} pt_commitment_store_event_row;
typedef pt_status (*pt_commitment_store_event_fn)(void *ctx, const pt_commitment_store_event_row *ev, pt_error *err);

/* Events of one commitment, oldest first (id NULL = every event). */
pt_status pt_commitment_store_history(pt_db *db, const char *id, pt_commitment_store_event_fn fn, void *ctx,
	const pt_allocator *alloc, pt_error *err);

typedef struct pt_commitment_store_verify_result {
	bool ok;
	int64_t events;               /* events checked */
	int64_t bad_seq;              /* first event that does not match (0 if ok) */
	char bad_commitment[65];
	char reason[320];              /* Spanish, for the operator */
} pt_commitment_store_verify_result;

/* Walks the whole chain in seq order, recomputing every hash. O(events), streamed. */
pt_status pt_commitment_store_verify(pt_db *db, pt_commitment_store_verify_result *out, pt_error *err);

/* ---- assemblies --------------------------------------------------------------------- */

/* pt_commitment_assembly: core/commitment/commitment_options.h */

pt_status pt_commitment_store_assembly_record(pt_db *db, pt_commitment_assembly *a, pt_error *err);
void pt_commitment_store_assembly_free_ids(pt_commitment_assembly *a);

typedef struct pt_commitment_store_assembly_row {
	int64_t id;
	const char *territory, *held_on, *place, *agenda, *minutes, *recorded_by, *created_at;
	uint32_t attendance;
} pt_commitment_store_assembly_row;
typedef pt_status (*pt_commitment_store_assembly_fn)(void *ctx, const pt_commitment_store_assembly_row *row, pt_error *err);
/* Assemblies of a territory (NULL = all), newest first. */
pt_status pt_commitment_store_assemblies(pt_db *db, const char *territory, pt_commitment_store_assembly_fn fn, void *ctx,
	const pt_allocator *alloc, pt_error *err);

typedef pt_status (*pt_commitment_store_text_fn)(void *ctx, const char *a, const char *b, pt_error *err);
/* Attendance names (a) of an assembly; agreements (a = text, b = commitment id or NULL). */
pt_status pt_commitment_store_assembly_attendance(pt_db *db, int64_t id, pt_commitment_store_text_fn fn, void *ctx,
	const pt_allocator *alloc, pt_error *err);
pt_status pt_commitment_store_assembly_agreements(pt_db *db, int64_t id, pt_commitment_store_text_fn fn, void *ctx,
	const pt_allocator *alloc, pt_error *err);

/* ---- answers as value trees (commitment_store_value.c) --------------------------------- */

/* history(): each event {seq, commitment, action, actor, at, changes: {field: [old, new]} | null, note,
 * prev_hash, hash}, oldest first (id NULL = every event). NULL with err. */
pt_value *pt_commitment_store_history_value(pt_db *db, const char *id, const pt_allocator *a, pt_error *err);
/* verify()'s answer: {ok, events, first_bad: null | {seq, commitment, reason}}. NULL with err. */
pt_value *pt_commitment_store_verify_value(pt_db *db, const pt_allocator *a, pt_error *err);
/* assemblies(): each row {id, territory, held_on, place, attendance, agenda, minutes, recorded_by,
 * created_at, attendees: [name], agreements: [{text, commitment}]}, newest first. NULL with err. */
pt_value *pt_commitment_store_assemblies_value(pt_db *db, const char *territory, const pt_allocator *a,
	pt_error *err);
/* recordAssembly()'s answer for a recorded assembly: {id, plan, commitments: [id]}. NULL with err. */
pt_value *pt_commitment_store_assembly_value(const pt_commitment_assembly *as, const pt_allocator *a, pt_error *err);

/* get(): the commitment as its page array at as_of (core: pt_commitment_record_value()); NULL with *found
 * false when there is none (err untouched), NULL with err on failure. */
pt_value *pt_commitment_store_get_value(pt_db *db, const pt_config *cfg, const char *id, const char *as_of,
	const pt_allocator *a, bool *found, pt_error *err);
/* list(), children(): the commitments f selects whose light is `light` (NULL: all), as page arrays at as_of
 * (pt_commitment_records_value()). NULL with err. */
pt_value *pt_commitment_store_list_value(pt_db *db, const pt_config *cfg, const pt_commitment_filter *f,
	const char *as_of, const char *light, const pt_allocator *a, pt_error *err);
/* export(): plan[0..plan_len) (PT_ERR_NOT_FOUND if the YAML has none), then the options (bom), then every
 * commitment of the plan as CSV (csv) or JSON appended to b (core/commitment/commitment_export.h). */
pt_status pt_commitment_store_export(pt_db *db, const pt_commitments_config *c, const char *plan, size_t plan_len,
	bool csv, const pt_value *opts, pt_buf *b, pt_error *err);
/* summary(): the options (plan, as_of, all_levels; as_of defaults to today), the cached summary
 * (pt_commitment_store_summary_cached()) and its answer (pt_commitment_summary_value()). NULL with err. */
pt_value *pt_commitment_store_summary_value(pt_db *db, const pt_config *cfg, pt_commitment_by by,
	const char *by_name, size_t by_len, const pt_value *opts, const char *today, const pt_allocator *a, pt_error *err);

/* ---- what the commitment fragments read (commitment_fragment_store.c; core/fragment/commitment_view.h) -- */

/*
 * The data of each commitment fragment, one signature (a pt_commitment_fragment_source): data (taken:
 * returned, or freed on failure), two texts, NULL with err. "Today" is the site's (cfg->timezone).
 *   page_data(view()'s answer, viewer, -): data + "parent_record" (get() of its parent; null for a root),
 *     "history" (history()), "may_update" (viewer, NULL for nobody, holds update_commitment in the
 *     commitment's territory)
 *   plan_data(-, plan, as_of): {plan, commitments: list(['plan' => plan]) with milestones, today: as_of or
 *     today}; an unknown plan is PT_ERR_NOT_FOUND, a bad as_of PT_ERR_INVALID
 *   assembly_data(-, territory (NULL: all), official): {territory, assemblies: assemblies(), followups:
 *     list() of the territory (null for all), may_record: official holds record_assembly there}; an
 *     unknown territory is PT_ERR_INVALID
 */
typedef pt_value *(*pt_commitment_fragment_source)(pt_db *db, const pt_config *cfg, pt_value *data, const char *x,
	const char *y, const pt_allocator *a, pt_error *err);
pt_value *pt_commitment_store_page_data(pt_db *db, const pt_config *cfg, pt_value *data, const char *viewer,
	const char *unused, const pt_allocator *a, pt_error *err);
pt_value *pt_commitment_store_plan_data(pt_db *db, const pt_config *cfg, pt_value *unused, const char *plan,
	const char *as_of, const pt_allocator *a, pt_error *err);
pt_value *pt_commitment_store_assembly_data(pt_db *db, const pt_config *cfg, pt_value *unused, const char *territory,
	const char *official, const pt_allocator *a, pt_error *err);

#endif
