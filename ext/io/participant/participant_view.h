/*
 * participa io: what Participa\Participants answers, read from the store and
 * the configuration, as pt_value trees (the binding converts them with its
 * one converter). Allocation through a (the request's allocator; NULL:
 * libc); *out is the caller's (pt_value_free()). Errors: those of the store,
 * and PT_ERR_NOMEM.
 */
#ifndef PT_PARTICIPANT_VIEW_H
#define PT_PARTICIPANT_VIEW_H

#include "core/common/pt_value.h"
#include "core/site/site_config.h"
#include "io/common/db.h"

/*
 * Participants::get(): {id, territory, status, roles, permissions,
 * assignments, known}: roles and permissions site-wide (what acts for an
 * action with no territory; the assignments limited to a territory are
 * listed and act only inside it). *out NULL when the id is neither stored nor
 * named by a YAML assignment.
 */
pt_status pt_participant_view_get(pt_db *db, const pt_config *cfg, const char *id, const pt_allocator *a,
	pt_value **out, pt_error *err);

/* Participants::erase(): erases, then {id, pseudonym, <counters>, kept: {<counters>, yaml_assignments}}. */
pt_status pt_participant_view_erase(pt_db *db, const pt_config *cfg, const char *id, const pt_allocator *a,
	pt_value **out, pt_error *err);

/*
 * Participants::export(): {id, yaml_assignments, tables: {section: [row...]}}
 * with every section listed (empty ones too); a row maps column names to
 * ints, strings or null (no exported column is a float; one would be its
 * "%.17g" text).
 */
pt_status pt_participant_view_export(pt_db *db, const pt_config *cfg, const char *id, const pt_allocator *a,
	pt_value **out, pt_error *err);

#endif /* PT_PARTICIPANT_VIEW_H */
