/*
 * participa core: the options and records a caller gives Commitments (list
 * filters, summary and export options, an assembly), checked as values,
 * with Spanish refusals naming the option. No I/O, no php.h.
 *
 * Options are a pt_value map as core/commitment/commitment_patch.h
 * describes it (the binding converts the PHP array). Texts returned point
 * into that tree: keep it until the call that uses them is done. An unknown
 * key is refused ("list(): opción desconocida 'x'"); a text option is a
 * string or null; a boolean option true/false (or 0/1).
 */
#ifndef PT_COMMITMENT_OPTIONS_H
#define PT_COMMITMENT_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>
#include "core/common/pt_base.h"
#include "core/common/pt_value.h"
#include "core/site/site_config.h"
#include "core/commitment/config_commitments.h"

/* What list() reads (the store's filter). */
typedef struct pt_commitment_filter {
	const char *plan, *parent, *theme, *pillar, *status, *agency, *territory;   /* NULL = any */
	bool roots_only;              /* depth 0 */
	bool full;                    /* also evidence and milestones (one query per commitment) */
	uint32_t limit;               /* 0 = no limit */
} pt_commitment_filter;

/* list()'s filters (opts NULL: none; f->full defaults to true). *light, *as_of: NULL when not given. */
pt_status pt_commitment_list_options(const pt_value *opts, pt_commitment_filter *f, const char **light,
	const char **as_of, pt_error *err);
/* summary()'s options: plan, as_of (checked), all_levels (-> *roots = !all_levels). */
pt_status pt_commitment_summary_options(const pt_value *opts, const char **plan, const char **as_of, bool *roots,
	pt_error *err);
/* export()'s options: bom. */
pt_status pt_commitment_export_options(const pt_value *opts, bool *bom, pt_error *err);

/* The plan export() writes: its index in the configuration, or PT_ERR_NOT_FOUND ("No existe el plan 'x'."). */
pt_status pt_commitment_export_plan(const pt_commitments_config *c, const char *plan, size_t len, int32_t *index,
	pt_error *err);

/* A commitment that does not exist (view()): err, filled (PT_ERR_NOT_FOUND, "No existe el compromiso 'x'."). */
const pt_error *pt_commitment_not_found(const char *id, pt_error *err);

/* An as_of date: NULL (today) or YYYY-MM-DD. */
pt_status pt_commitment_as_of_check(const char *as_of, size_t len, pt_error *err);

/* An assembly record (the store writes it in one transaction). */
typedef struct pt_commitment_assembly {
	const char *territory, *held_on, *place, *agenda, *minutes, *recorded_by;
	uint32_t attendance;
	const char *const *attendees; size_t attendee_count;
	const char *const *agreements; size_t agreement_count;
	/* agreements become commitments of this plan (NULL = none) */
	const char *plan;
	const char *status;           /* their initial status */
	const char *at;               /* NULL = now */
	const pt_allocator *alloc;    /* the store's memory for the record (NULL: libc) */
	/* out */
	int64_t id;
	char **commitment_ids;        /* allocated by the store through alloc; free with pt_commitment_store_assembly_free_ids() */
} pt_commitment_assembly;

/* Limits of an assembly record (the columns: VARCHAR(500) names and place, TEXT agreements and agenda). */
#define PT_COMMITMENT_ASSEMBLY_MAX_ATTENDEES 10000
#define PT_COMMITMENT_ASSEMBLY_MAX_AGREEMENTS 500

/*
 * recordAssembly()'s record from a map: every value checked, *territory
 * its index in the configuration. The attendee and agreement lists are
 * allocated through alloc (free them with pt_commitment_assembly_free()).
 */
pt_status pt_commitment_assembly_from_value(const pt_config *cfg, const pt_value *map, pt_commitment_assembly *as,
	int32_t *territory, const pt_allocator *alloc, pt_error *err);
void pt_commitment_assembly_free(pt_commitment_assembly *as, const pt_allocator *alloc);

/* Who may record an assembly: may_record = the recorder holds PT_PERM_RECORD_ASSEMBLY in its territory. */
pt_status pt_commitment_assembly_allowed(bool may_record, pt_error *err);

/*
 * Where the agreements go: the local development agenda (a plan with
 * agenda: true) of the nearest territory at or above the assembly's, when
 * the attendance reaches min_attendance; as->plan and as->status, else NULL.
 */
void pt_commitment_assembly_plan(const pt_config *cfg, int32_t territory, pt_commitment_assembly *as);

#endif /* PT_COMMITMENT_OPTIONS_H */
