/*
 * participa core: a commitment's fields as given (a PHP array, a CSV row, a
 * JSON object) become a patch of canonical texts, checked against the YAML
 * (plans, themes, pillars, agencies, statuses, territories) before any SQL;
 * and the check a write runs on the row it locked (status transitions, the
 * roles that may make them, a status's default progress). No I/O, no php.h.
 *
 * The input is a pt_value map, field name => value, as pt_commitment_input()
 * makes it of a host's tree (a PHP array, a JSON file):
 *   NULL, BOOL, INT       as in PHP;
 *   STRING                text (it may hold a NUL byte: that is refused by name);
 *                         a float arrives as its text (six decimals at most, trailing
 *                         zeros trimmed: 45.5 -> "45.5", as PHP's snprintf wrote it);
 *   MAP                   an array; an integer key arrives as its decimal text
 *                         (a canonical decimal integer, as PHP makes every such key);
 *   RATIONAL              anything no field takes (an object, NaN, an array nested
 *                         deeper than an evidence item's entries).
 * A list field given as JSON text (a CSV cell) is decoded by the caller's
 * json callback into the same kind of tree (pt_commitment_json_list()).
 *
 * Ownership: every text the patch points to is owned by the patch buffer
 * (allocated through its allocator), except texts of the configuration;
 * pt_commitment_patch_free() releases them all.
 */
#ifndef PT_COMMITMENT_PATCH_H
#define PT_COMMITMENT_PATCH_H

#include <stdbool.h>
#include <stddef.h>
#include "core/common/pt_base.h"
#include "core/common/pt_value.h"
#include "core/commitment/commitment.h"
#include "core/site/site_config.h"

/* Field changes: set[f] with v[f] (NULL clears the field). */
typedef struct pt_commitment_patch {
	const char *v[PT_CMF_COUNT];
	bool set[PT_CMF_COUNT];
	const pt_commitment_evidence *evidence;   size_t evidence_count;    /* with set[PT_CMF_EVIDENCE] */
	const pt_commitment_milestone *milestones; size_t milestone_count; /* with set[PT_CMF_MILESTONES] */
	const pt_commitment_evidence *add_evidence; size_t add_evidence_count;   /* appended */
} pt_commitment_patch;

/* What a write's check sees, on the row it locked. */
typedef struct pt_commitment_facts {
	const pt_commitment_patch *patch;     /* the write's changes */
	const pt_commitment_record *old;      /* NULL when the commitment does not exist yet */
	const pt_commitment_record *parent;   /* a new commitment's parent (without lists); NULL otherwise */
} pt_commitment_facts;

/*
 * Decides on the merged record nw (may change its texts, e.g. a status's
 * default progress, using strings that outlive the call) and says whether
 * its status is closed. Must be pure: a replayed transaction calls it again.
 */
typedef pt_status (*pt_commitment_check_fn)(void *ctx, const pt_commitment_facts *facts, pt_commitment_record *nw,
	bool *closed, pt_error *err);

/* A patch and the texts it owns. */
typedef struct pt_commitment_patch_buf {
	pt_commitment_patch p;
	const pt_allocator *a;
	struct pt_commitment_owned *owned;   /* the texts it owns */
	pt_commitment_evidence *ev, *add;
	pt_commitment_milestone *ms;
	bool progress_given, status_given, other_given;
	bool nomem;
} pt_commitment_patch_buf;

void pt_commitment_patch_init(pt_commitment_patch_buf *pb, const pt_allocator *a);
void pt_commitment_patch_free(pt_commitment_patch_buf *pb);

/* A list given as JSON text: *out a tree (freed by the caller with pt_value_free), false if it is no JSON. */
typedef bool (*pt_commitment_json_fn)(void *ctx, const char *s, size_t len, pt_value **out);

/* One field error when a patch reports all of them: field index or -1, the key when it is safe to quote
 * (ASCII [a-z0-9_], as field names are), else NULL. */
typedef void (*pt_commitment_field_error_fn)(void *ctx, int field, const char *key, const pt_error *err);

typedef struct pt_commitment_patch_in {
	const pt_config *cfg;
	bool structure;                    /* id, plan and parent allowed (upsert, import) */
	const char *by;                    /* added_by of evidence that names none, or NULL */
	pt_commitment_json_fn json;        /* NULL: a list given as text is refused */
	void *json_ctx;
	pt_commitment_field_error_fn on_error;   /* NULL: stop at the first error */
	void *error_ctx;
} pt_commitment_patch_in;

/*
 * Fills pb from a map of fields. Without on_error the first error is
 * returned and *bad_field gets the offending field's index (-1 when not
 * about one field); with on_error every field is checked, each error goes
 * to it, and PT_ERR_INVALID is returned at the end if there was any.
 * PT_ERR_NOMEM when an allocation failed.
 */
pt_status pt_commitment_patch_from_value(const pt_commitment_patch_in *in, const pt_value *map, pt_commitment_patch_buf *pb,
	int *bad_field, pt_error *err);

/*
 * A host's tree (participa_value_from_zval_real(), json_read.h) as the input above, from depth
 * (0: the map of fields or options, 1: a field's value): every array a MAP (a list keyed by its
 * positions); a PT_VALUE_REAL, with floats, a field's number text at depths 1 and 3 (nothing
 * takes one at depth 2, a list's item; options take none: floats false); arrays from depth 3 on,
 * floats elsewhere and host values (objects, resources) a RATIONAL. NULL when v is NULL or out
 * of memory. The caller frees both trees.
 */
pt_value *pt_commitment_input(const pt_value *v, int depth, bool floats, const pt_allocator *a);

/* pt_commitment_json_fn over json_read.h: a CSV cell as json_decode($cell, true, 8) reads it, then as a
 * field's value (pt_commitment_input() from depth 1). ctx is the pt_allocator of the tree. */
bool pt_commitment_json_list(void *ctx, const char *s, size_t len, pt_value **out);

/* Commitment tracking without a commitments: section (PT_ERR_CONFIG): err, filled. */
const pt_error *pt_commitment_no_section(pt_error *err);

/* A map key safe to quote in a message (ASCII [a-z0-9_], as field names are; no integer key), else NULL. */
const char *pt_commitment_quotable_key(const char *key, size_t len);

/* ---- the check a write runs ------------------------------------------------ */

typedef struct pt_commitment_check {
	const pt_commitments_config *c;
	bool trusted;                      /* import: no transition rules (restoring data) */
	const char *const *roles;          /* the writer's roles */
	size_t nroles;
	char progress_text[8];
	/* where a territory-scoped writer acts: holds(scope, exists, territory) on the locked row, or NULL */
	bool (*holds)(const void *scope, bool exists, const char *territory);
	const void *scope;
} pt_commitment_check;

/* pt_commitment_check_fn over a pt_commitment_check. */
pt_status pt_commitment_check_write(void *ctx, const pt_commitment_facts *facts, pt_commitment_record *nw, bool *closed,
	pt_error *err);

/*
 * Who may write: a new commitment, and fields other than the status, need
 * update_commitment (may_update: the writer holds PT_PERM_UPDATE_COMMITMENT);
 * a status change needs a transition role, checked on the locked row.
 */
pt_status pt_commitment_write_allowed(const pt_commitment_patch_buf *pb, bool is_update, bool may_update, pt_error *err);

/* A commitment id: the one id rule (pt_id.h), then 1 to 64 bytes of [A-Za-z0-9_.:-], starting with a letter or digit. */
pt_status pt_commitment_id_check(const char *what, const char *s, size_t len, pt_error *err);

/* Free text (a note, a place): strict UTF-8, at most max bytes, one line when one_line. */
pt_status pt_commitment_text_check(const char *what, const char *s, size_t len, size_t max, bool one_line, pt_error *err);

#endif /* PT_COMMITMENT_PATCH_H */
