/*
 * participa core: responsibility for a territory (issue 19, item 4).
 *
 * `responsibilities:` names who answers for a territory and everything under
 * it: an official (a directorate's or a territory's responsible official), a
 * servidor (colonias and barrios) or a promoter (smaller sections), as
 * Iztapalapa organises them. What they may do there is their territory-scoped
 * role (assignments:, core/participant/permissions.c): the validator refuses
 * a responsibility that no assignment backs in that territory, so a
 * responsible person's permissions act exactly where they answer.
 *
 * The directorate report rolls per-territory facts (assemblies held,
 * agreements, their commitments' progress; read by io) up the tree through
 * the nested-set bounds, and classifies each territory's local agenda by
 * stage: diagnosis (assemblies held, no agreement yet), agenda (agreements,
 * none of their commitments started), implementation (some progress).
 * O(rows + territories) with no allocation beyond the caller's arrays.
 */
#ifndef PT_RESPONSIBILITY_H
#define PT_RESPONSIBILITY_H

#include <stdbool.h>
#include <stdint.h>
#include "core/common/pt_base.h"
#include "core/site/site_config.h"
#include "core/site/config_check.h"

typedef enum pt_resp_kind {
	PT_RESP_OFFICIAL = 0,
	PT_RESP_SERVIDOR,
	PT_RESP_PROMOTER
} pt_resp_kind;
#define PT_RESP_KINDS 3

typedef struct pt_responsibility {
	char *participant;
	pt_resp_kind kind;
	int32_t territory;        /* index into cfg->territories.items */
	unsigned line, column;
} pt_responsibility;

typedef struct pt_responsibilities {
	pt_responsibility *items;
	size_t count;
	int32_t *by_territory;    /* [territory * PT_RESP_KINDS + kind]: index into items of the one declared
	                           * there, -1 for none */
} pt_responsibilities;

typedef struct pt_resp_ctx {
	pt_check chk;
	pt_config *cfg;           /* territories, roles and assignments already validated */
} pt_resp_ctx;

void pt_config_responsibilities_section(const pt_resp_ctx *ctx, const pt_ynode *n);
void pt_responsibilities_free(pt_responsibilities *r);
const char *pt_resp_kind_name(pt_resp_kind k);

/* Who of kind answers for territory t: the one declared at t or at its nearest ancestor; NULL for none. */
const pt_responsibility *pt_resp_for(const pt_config *cfg, int32_t t, pt_resp_kind kind);

/* Whether participant answers (in any kind) for territory t: declared at t or at one of its ancestors. */
bool pt_resp_covers(const pt_config *cfg, const char *participant, int32_t t);

/* ---- the directorate report ---- */

typedef enum pt_agenda_stage {
	PT_STAGE_NONE = 0,        /* no assembly held */
	PT_STAGE_DIAGNOSIS,
	PT_STAGE_AGENDA,
	PT_STAGE_IMPLEMENTATION
} pt_agenda_stage;
#define PT_STAGES 4

const char *pt_agenda_stage_name(pt_agenda_stage s);

/* One territory's facts, as io reads them (GROUP BY territory). */
typedef struct pt_resp_facts {
	int32_t territory;
	uint32_t assemblies;
	uint32_t agreements;
	uint32_t commitments;     /* agreements that became commitments */
	uint32_t started;         /* of those, with progress > 0 */
	int64_t progress_sum_cents; /* sum of their progress, in hundredths of a point */
} pt_resp_facts;

pt_agenda_stage pt_agenda_stage_of(const pt_resp_facts *f);

/* One directorate's line (or any territory's: everything under it). */
typedef struct pt_resp_line {
	int32_t territory;
	const pt_responsibility *official;
	uint32_t assemblies, agreements, commitments, started;
	int64_t progress_sum_cents;
	uint32_t agendas[PT_STAGES]; /* territories under it by their local agenda's stage (those with facts) */
} pt_resp_line;

/*
 * For every territory of kind `kind` (a directorate), in tree order, its line in out[0..*count) (out has
 * room for cfg->territories.count lines): the facts of every territory under it summed, their stages
 * counted, its responsible official. PT_ERR_NOT_FOUND when no territory has that kind.
 */
pt_status pt_resp_report(const pt_config *cfg, const char *kind, const pt_resp_facts *facts, size_t n,
	pt_resp_line *out, size_t *count, pt_error *err);

#endif /* PT_RESPONSIBILITY_H */
