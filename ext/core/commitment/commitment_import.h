/*
 * participa core: the structure of an import (Commitments::import()).
 *
 * An import file is a flat list of rows; a row may name its parent, which
 * may come later in the file (a child-first export, a hand-edited sheet) or
 * be stored already. Before anything is written, pt_commitment_import_order() decides in
 * one pass over the whole file, with the stored facts of the ids involved:
 *
 *   - the order to write in, every parent before its children (ties keep
 *     the file's order);
 *   - every structural error, each on its row and column: repeated ids, a
 *     commitment that is its own parent, a parent that is neither in the
 *     file nor stored, a parent of another plan, more than max_depth levels
 *     (reported on the first row too deep on its branch), a cycle (on every
 *     row of the cycle), a stored commitment whose parent or plan the file
 *     changes, a stored parent whose progress the file sets by hand, and a
 *     new commitment without plan or title.
 *
 * The write (ext/io/commitment/commitment_store.c, pt_commitment_store_import_run()) checks the same
 * rules again on the rows it locks, so a concurrent change is still caught;
 * the dry run runs that same write and rolls it back.
 *
 * Cost: O(n log n) comparisons of ids to index the file and the stored
 * facts (a stable merge sort: no input makes it quadratic, unlike a hash
 * table an attacker can flood), then O(n) for the order, depths, plans and
 * cycles. Memory: a few words per row, from the allocator given.
 *
 * Messages are Spanish (es_MX) and name ids, never other content.
 */
#ifndef PT_COMMITMENT_IMPORT_H
#define PT_COMMITMENT_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/common/pt_base.h"
#include "core/commitment/commitment.h"
#include "core/commitment/commitment_patch.h"
#include "core/common/pt_value.h"

/* Most rows one import takes. */
#define PT_COMMITMENT_IMPORT_MAX_ROWS 100000
/* Most errors one import lists (the rest are counted in one last error). */
#define PT_COMMITMENT_IMPORT_MAX_ERRORS 1000
/* Deepest nesting: levels 0 .. PT_COMMITMENT_IMPORT_MAX_DEPTH - 1 (the store's PT_COMMITMENT_MAX_DEPTH). */
#define PT_COMMITMENT_IMPORT_MAX_DEPTH 16

/* The messages the store gives for the same refusals (one text for both). */
#define PT_COMMITMENT_IMPORT_MSG_OWN_PARENT "Un compromiso no puede ser su propio padre."
#define PT_COMMITMENT_IMPORT_MSG_NO_PARENT "No existe el compromiso padre '%s'."
#define PT_COMMITMENT_IMPORT_MSG_OTHER_PLAN "El compromiso padre '%s' pertenece a otro plan."
#define PT_COMMITMENT_IMPORT_MSG_DEPTH "Se admiten como máximo %d niveles de compromisos."
#define PT_COMMITMENT_IMPORT_MSG_PARENT_CHANGE "No se puede cambiar el compromiso padre de '%s'."
#define PT_COMMITMENT_IMPORT_MSG_PLAN_CHANGE "No se puede cambiar el plan de '%s'."
#define PT_COMMITMENT_IMPORT_MSG_ROLLED_UP "El avance de '%s' se calcula de sus %lld subcompromisos; actualiza los subcompromisos."

/* What the database holds about one id (strings NUL-terminated, borrowed). */
typedef struct pt_commitment_import_stored {
	const char *id;
	const char *plan;
	const char *parent;          /* NULL: a root */
	const char *progress;        /* canonical text ("45.50") */
	uint32_t depth;
	int64_t children;
} pt_commitment_import_stored;

/* One row of the file (strings borrowed, canonical, NUL-terminated). */
typedef struct pt_commitment_import_row {
	/* in */
	size_t row;                  /* the row number errors name (CSV line, JSON position) */
	const char *id;              /* NULL: the row has no usable id (already reported) */
	bool parent_set;             /* the file gives the parent (NULL = a root) */
	const char *parent;
	bool plan_set;               /* the file gives the plan (NULL with plan_set: a bad value, already reported) */
	const char *plan;
	bool progress_set;
	const char *progress;
	bool has_title;              /* a title is given (or a bad one, already reported) */
	bool bad;                    /* in: the row has errors already; out: also structural ones */
	/* out */
	bool exists;                 /* stored already */
	bool blocked;                /* not written: an ancestor in the file has errors, or a cycle is above it */
	int32_t depth;               /* 0 = top level; -1 unknown (missing parent, cycle) */
	int64_t parent_row;          /* index of the parent's row in the file, or -1 */
} pt_commitment_import_row;

/* Called once per error, in no particular order; field is the column it is about. */
typedef void (*pt_commitment_import_error_fn)(void *ctx, size_t index, pt_commitment_field field, const char *message);

/*
 * Orders rows[0..n) parents first into order[0..*count) (n entries
 * available), leaving out rows that are bad or blocked, and reports every
 * structural error through fn (rows[i].bad is set for each). stored[0..m)
 * are the stored facts of the ids the rows name (their own and their
 * parents'; absent ids are simply not there; order does not matter; ids
 * repeated are fine). max_depth: levels allowed (PT_COMMITMENT_IMPORT_MAX_DEPTH).
 * PT_ERR_NOMEM, or PT_ERR_INVALID when n > PT_COMMITMENT_IMPORT_MAX_ROWS; PT_OK
 * otherwise (errors in the file are not a failure of the call).
 */
pt_status pt_commitment_import_order(pt_commitment_import_row *rows, size_t n, const pt_commitment_import_stored *stored, size_t m, uint32_t max_depth,
	size_t *order, size_t *count, pt_commitment_import_error_fn fn, void *ctx, const pt_allocator *a, pt_error *err);

/* ---- a whole file ------------------------------------------------------------ */

/*
 * Commitments::import(): read every row (CSV here, JSON decoded by the
 * caller and added item by item), check every field of every row, then the
 * structure of the whole file against what is stored (the order above), and
 * only then write: all rows in ONE transaction, or nothing
 * (io/commitment/commitment_import_store.c). A dry run runs that same
 * transaction and rolls it back. Errors are collected (at most
 * PT_COMMITMENT_IMPORT_MAX_ERRORS, then counted), each with its row and
 * column (CSV: the header's name and the column number; JSON: the field's
 * name), and listed by row. Everything is allocated through the file's
 * allocator and released by pt_commitment_import_file_free().
 */
typedef struct pt_commitment_import_error {
	long row;                    /* CSV: the record (header = 1); JSON: the 1-based position; 0: the whole file */
	char *column;                /* field or header name (at most 64 bytes), or NULL */
	int column_no;               /* CSV column, 0 = none */
	char *message;
	size_t seq;                  /* discovery order, for a stable sort */
} pt_commitment_import_error;

typedef enum pt_commitment_import_outcome {
	PT_COMMITMENT_IMPORT_NONE = 0,        /* not written */
	PT_COMMITMENT_IMPORT_CREATED,
	PT_COMMITMENT_IMPORT_UPDATED,
	PT_COMMITMENT_IMPORT_SAME,            /* unchanged */
	PT_COMMITMENT_IMPORT_REFUSED_ROW      /* refused by the write (an error on its row) */
} pt_commitment_import_outcome;

typedef struct pt_commitment_import_entry {
	pt_value *data;              /* field => value (freed once checked) */
	long row;                    /* CSV: the record (header = 1); JSON: the 1-based position */
	pt_commitment_patch_buf pb;  /* the row's fields, canonical */
	bool bad;                    /* it has field errors */
	/* what the write did (the last attempt's) */
	pt_commitment_import_outcome outcome;
	size_t changed;              /* fields changed */
	char *changes;               /* dry run: the canonical diff JSON, or NULL */
	char *refusal;               /* REFUSED_ROW: why */
	int refusal_field;           /* its field, -1 */
} pt_commitment_import_entry;

typedef struct pt_commitment_import_file {
	const pt_allocator *a;
	bool csv;
	pt_commitment_import_entry *rows;
	size_t nrows, cap;
	int header_cols[PT_CMF_COUNT];   /* CSV: column number of each field (0: none); JSON: all 0 */
	pt_commitment_import_error *errors;
	size_t error_count, error_cap, omitted;
	pt_commitment_import_row *plan;  /* per row, for pt_commitment_import_order() */
	size_t *order, count;            /* the rows to write, parents first */
	size_t applied;                  /* rows created or updated (not a dry run) */
	bool nomem;
} pt_commitment_import_file;

void pt_commitment_import_file_init(pt_commitment_import_file *f, bool csv, const pt_allocator *a);
void pt_commitment_import_file_free(pt_commitment_import_file *f);

/* One error (row, column or NULL, column number or 0, message). */
void pt_commitment_import_error_add(pt_commitment_import_file *f, long row, const char *column, int column_no,
	const char *message);

/* Reads a CSV file into rows; errors of the header, of the syntax and of row lengths go to the file. */
void pt_commitment_import_read_csv(pt_commitment_import_file *f, const char *data, size_t len);

/* A JSON file that is no {"commitments": [...]}. */
void pt_commitment_import_bad_json(pt_commitment_import_file *f);
/* Reads a JSON export ({"commitments": [...]}, as json_decode($data, true, 64) reads it) into rows, each
 * item through pt_commitment_input(); a file that is none is one error (pt_commitment_import_bad_json()). */
void pt_commitment_import_read_json(pt_commitment_import_file *f, const char *data, size_t len);
/* The k-th (1-based) item of a JSON file's list; takes item. false when the file has too many rows (stop). */
bool pt_commitment_import_add_item(pt_commitment_import_file *f, long k, pt_value *item);

/*
 * Checks every field of every row (pt_commitment_patch_from_value(); the
 * patch's json callback decodes lists given as text) and fills f->plan.
 * *ids (n of them, allocated through f->a, strings borrowed) are the ids
 * and parents the structure needs from the database.
 */
pt_status pt_commitment_import_check(pt_commitment_import_file *f, const pt_commitment_patch_in *in, const char ***ids,
	size_t *n, pt_error *err);

/* Orders the rows against what is stored (pt_commitment_import_order()). */
pt_status pt_commitment_import_plan(pt_commitment_import_file *f, const pt_commitment_import_stored *stored, size_t m,
	pt_error *err);

/* Whether the rows are to be written (a dry run always rolls back; a real one only without a single error). */
bool pt_commitment_import_writes(const pt_commitment_import_file *f, bool dry);

/*
 * What the write did with row i (called again for each replayed attempt;
 * the last call counts): outcome, fields changed, the diff (kept for a dry
 * run), or the refusal (message, field).
 */
void pt_commitment_import_record(pt_commitment_import_file *f, size_t i, pt_commitment_import_outcome outcome,
	size_t changed, const char *changes, bool dry, const char *refusal, int field);

/*
 * After the write: refusals of the last attempt become errors on their
 * rows; f->applied counts what was created or updated (not in a dry run);
 * then the errors are sorted by row, column and discovery.
 */
void pt_commitment_import_finish(pt_commitment_import_file *f, bool dry);

/* Whether row order[i]'s outcome is listed in 'changes' (what was written or, in a dry run, would be). */
bool pt_commitment_import_listed(const pt_commitment_import_file *f, size_t i, bool dry);

/* The last error of a list with omitted ones: "Hay N errores más ...". */
void pt_commitment_import_omitted_text(const pt_commitment_import_file *f, char out[160]);

/*
 * import()'s answer, after pt_commitment_import_finish(): {errors: [{row,
 * column, column_number, message}] (by row; the omitted ones as a last
 * error without row), changes: [{id, action, fields_changed | changes}]
 * (parents first; a dry run shows its diff), applied, dry_run}. Through
 * f->a; NULL when out of memory.
 */
pt_value *pt_commitment_import_result_value(const pt_commitment_import_file *f, bool dry);

#endif /* PT_COMMITMENT_IMPORT_H */
