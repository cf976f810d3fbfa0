/*
 * participa core: the configuration of commitment tracking (issue 6).
 *
 * Three top-level YAML sections fill one pt_commitments_config hanging off
 * pt_config (cfg->commitments, NULL when none of them is present):
 *
 *   plans:        action plans and local development agendas
 *   commitments:  themes, pillars, agencies, statuses (with transitions and
 *                 the roles that may make them), the OGP completion scale and
 *                 the traffic-light rules
 *   assemblies:   how assembly agreements become commitments
 *
 * The validators live here rather than in config.c so the feature is one
 * file; config.c's section table calls them through three thin wrappers.
 * Like every validator they report EVERY problem with line and column and
 * never stop at the first. All memory is libc; the struct is immutable once
 * built.
 *
 * Progress is kept in basis points of a percent (0..10000 = 0.00%..100.00%)
 * so roll-ups are exact integer arithmetic (see commitment.h).
 */
#ifndef PT_CONFIG_COMMITMENTS_H
#define PT_CONFIG_COMMITMENTS_H

#include <stdbool.h>
#include <stdint.h>
#include "core/common/pt_base.h"
#include "core/common/pt_ynode.h"

struct pt_config;
struct pt_diags;

/* A theme, pillar or agency: an id and what people read. */
typedef struct pt_commitment_term {
	char *id;
	char *label;
	unsigned line, column;
} pt_commitment_term;

/* One allowed move from a status, and the roles that may make it. */
typedef struct pt_commitment_transition {
	size_t to;                 /* index into statuses */
	char **roles;              /* role ids (declared in roles:) */
	size_t role_count;
} pt_commitment_transition;

typedef struct pt_commitment_status {
	char *id;
	char *label;
	int32_t progress_bp;       /* progress a leaf takes on entering it, -1 = keep */
	int32_t order;             /* for listings; defaults to the position */
	bool closed;               /* finished or cancelled: never "late" */
	pt_commitment_transition *transitions;
	size_t transition_count;
	unsigned line, column;
} pt_commitment_status;

/* One level of the OGP completion scale. */
typedef struct pt_commitment_level {
	char *id;
	char *label;
	int32_t from_bp;           /* lowest progress of this level; -1 for the no-evidence level */
	bool no_evidence;          /* a commitment without evidence items is at this level */
} pt_commitment_level;

typedef struct pt_commitment_plan {
	char *id;
	char *title;
	char *from, *to;           /* period, YYYY-MM-DD */
	char *territory;           /* territory id or NULL */
	char *approval_date;       /* YYYY-MM-DD or NULL */
	char *approval_body;       /* e.g. secretariado-tecnico, or NULL */
	char *approval_session;    /* free text or NULL */
	bool agenda;               /* a local development agenda: receives assembly agreements */
	unsigned line, column;
} pt_commitment_plan;

typedef struct pt_commitments_config {
	pt_commitment_plan *plans;          size_t plan_count;
	pt_commitment_term *themes;         size_t theme_count;
	pt_commitment_term *pillars;        size_t pillar_count;
	pt_commitment_term *agencies;       size_t agency_count;
	pt_commitment_status *statuses;     size_t status_count;
	size_t initial_status;      /* index: the status of a new commitment */
	pt_commitment_level *levels;        size_t level_count;   /* completion scale, by from_bp ascending */
	/* traffic light */
	int32_t at_risk_behind_bp;  /* at risk when this far behind the linear schedule (1500 = 15 points) */
	uint32_t late_grace_days;   /* late this many days after the due date */
	/* assemblies */
	bool assemblies;            /* the assemblies: section is present */
	uint32_t min_attendance;    /* below it an assembly records no agreements (0 = no quorum) */
	size_t agreement_status;    /* status of a commitment made from an agreement */
	bool has_section;           /* commitments: present (statuses usable) */
} pt_commitments_config;

/*
 * The section validators, called by config.c with the document node of the
 * section. They allocate cfg->commitments on first use and append problems
 * to diags. Return PT_ERR_NOMEM only when memory ran out (problems are
 * diagnostics, not return codes). plans and assemblies resolve ids declared
 * by earlier sections (territories, roles; commitments for assemblies), so
 * config.c calls them in the order plans, commitments, assemblies after roles.
 */
pt_status pt_config_plans_section(struct pt_config *cfg, const char *file, struct pt_diags *diags,
	const pt_ynode *n);
pt_status pt_config_commitments_section(struct pt_config *cfg, const char *file, struct pt_diags *diags,
	const pt_ynode *n);
pt_status pt_config_assemblies_section(struct pt_config *cfg, const char *file, struct pt_diags *diags,
	const pt_ynode *n);

/* Frees the struct. NULL is fine. */
void pt_commitments_config_free(pt_commitments_config *c);

/* Lookups by id (len bytes): index or -1. O(n) over small lists. */
int32_t pt_commitment_plan_find(const pt_commitments_config *c, const char *id, size_t len);
int32_t pt_commitment_theme_find(const pt_commitments_config *c, const char *id, size_t len);
int32_t pt_commitment_pillar_find(const pt_commitments_config *c, const char *id, size_t len);
int32_t pt_commitment_agency_find(const pt_commitments_config *c, const char *id, size_t len);
int32_t pt_commitment_status_find(const pt_commitments_config *c, const char *id, size_t len);

/*
 * The transition from status `from` to `to` (indexes), or NULL when the YAML
 * does not allow it. Staying in the same status is not a transition.
 */
const pt_commitment_transition *pt_commitment_transition_find(const pt_commitments_config *c, size_t from, size_t to);

#endif
