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

#endif /* PT_COMMITMENT_IMPORT_H */
