/*
 * participa core: the `instruments:` section of the site configuration.
 *
 * An instrument is a questionnaire or a scorecard defined once and answered
 * by several kinds of respondent (the INFOEM openness questionnaire, the
 * PNUD good-practice criteria): dimensions of items, each with an answer
 * scale, points and a weight, whether evidence is required; thresholds with
 * labels; who may answer (pt_instr_kind) about whom (the subjects: the
 * territories of one level, or a listed set of institutions or practices);
 * open and close dates in the site's time zone, kept as civil "local
 * seconds" as the processes' phases are (config_processes.h) and turned
 * into UTC by the binding.
 *
 * Figures are exact: every earned score is a whole number of the
 * instrument's `unit` (1/unit of a point; unit is the least common multiple
 * of the denominators the scales can produce: 2 for a partial answer,
 * (max-min)/gcd(points, max-min) for a numeric one), so sums never round.
 * The caps below keep every sum far inside int64.
 *
 * Validation (site_config.c's section table, after territories and roles)
 * reports every problem at file:line:col and carries on; the result lives
 * in pt_config.instruments (NULL when the section is absent).
 */
#ifndef PT_CONFIG_INSTRUMENTS_H
#define PT_CONFIG_INSTRUMENTS_H

#include <stdbool.h>
#include <stdint.h>
#include "core/site/site_config.h"
#include "core/site/config_check.h"

#define PT_INSTR_MAX 64             /* instruments per site */
#define PT_INSTR_MAX_DIMENSIONS 64
#define PT_INSTR_MAX_ITEMS 1000     /* per instrument */
#define PT_INSTR_MAX_OPTIONS 32     /* per choice item */
#define PT_INSTR_MAX_SUBJECTS 20000
#define PT_INSTR_MAX_THRESHOLDS 8
#define PT_INSTR_MAX_POINTS 10000
#define PT_INSTR_MAX_WEIGHT 100
#define PT_INSTR_MAX_RANGE 1000000  /* |min|, |max| of a numeric scale */
#define PT_INSTR_MAX_UNIT 1000000
#define PT_INSTR_MAX_TOTAL_UNITS 1000000000000LL /* a whole response's maximum in units: sums over a million
                                                  * responses stay inside int64 */
#define PT_INSTR_TEXT_MAX 2000      /* bytes of a free-text answer */
#define PT_INSTR_EVIDENCE_MAX 1000  /* bytes of an evidence URL or reference */

typedef enum pt_instr_about {
	PT_INSTR_ABOUT_TERRITORY = 0,
	PT_INSTR_ABOUT_INSTITUTION,
	PT_INSTR_ABOUT_PRACTICE
} pt_instr_about;

/* Who answers: the subject about itself (an institution's role), any citizen
 * corroborating it, an evaluator's role scoring it. Stored as these numbers. */
typedef enum pt_instr_kind {
	PT_INSTR_SELF = 0,
	PT_INSTR_CORROBORATION = 1,
	PT_INSTR_EVALUATION = 2
} pt_instr_kind;
#define PT_INSTR_KINDS 3

typedef enum pt_instr_scale {
	PT_SCALE_YES_NO = 0,
	PT_SCALE_PARTIAL,   /* yes (all the points), partial (half), no */
	PT_SCALE_NUMERIC,   /* min..max, points * (v - min) / (max - min) */
	PT_SCALE_CHOICE,    /* one option, its points */
	PT_SCALE_TEXT       /* not scored */
} pt_instr_scale;

typedef enum pt_instr_evidence {
	PT_EVIDENCE_NONE = 0,
	PT_EVIDENCE_OPTIONAL,
	PT_EVIDENCE_REQUIRED
} pt_instr_evidence;

typedef struct pt_instr_option {
	char *id;
	char *label;
	int64_t points;
} pt_instr_option;

typedef struct pt_instr_item {
	char *id;                    /* unique in the instrument */
	char *text;
	size_t dimension;            /* index into dimensions */
	pt_instr_scale scale;
	int64_t points;              /* the most an answer earns (0 for text) */
	int64_t weight;              /* multiplies the points (1) */
	int64_t min, max;            /* numeric */
	pt_instr_option *options;    /* choice */
	size_t option_count;
	pt_instr_evidence evidence;
	bool required;               /* a submission must answer it (true) */
	bool placeholder;            /* marked so in the YAML: a stand-in for an item the source does not list */
	unsigned line, column;
} pt_instr_item;

typedef struct pt_instr_dimension {
	char *id;
	char *title;
	size_t first_item, item_count; /* items[first_item .. first_item + item_count) */
} pt_instr_dimension;

typedef struct pt_instr_threshold {
	int64_t percent;             /* 0..100: a total at or above percent % of the maximum reaches it */
	char *label;
} pt_instr_threshold;

typedef struct pt_instr_subject {
	char *id;
	char *name;
	int32_t territory;           /* index into cfg->territories.items, -1 = none */
	char *group;                 /* the group a report puts it in ("" = none) */
	char *body;                  /* institutions: the assignments' body whose members answer for it (self), or NULL */
} pt_instr_subject;

typedef struct pt_instr_respondent {
	bool allowed;
	size_t role;                 /* index into cfg->roles (SIZE_MAX: anyone, corroboration only) */
	bool has_opens, has_closes;
	int64_t opens_local;         /* inclusive */
	int64_t closes_local;        /* exclusive; a date-only close is the end of that day */
} pt_instr_respondent;

typedef struct pt_instrument {
	char *id;
	char *title;
	char *description;           /* NULL when absent */
	char *source;                /* where the instrument comes from (a citation), NULL when absent */
	pt_instr_about about;
	char *level;                 /* about: territory: the territories' kind answered about */
	pt_instr_dimension *dimensions;
	size_t dimension_count;
	pt_instr_item *items;        /* in file order, grouped by dimension */
	size_t item_count;
	pt_instr_threshold *thresholds; /* ascending percent */
	size_t threshold_count;
	pt_instr_subject *subjects;
	size_t subject_count;
	pt_instr_respondent respondents[PT_INSTR_KINDS];
	int64_t unit;                /* earned scores are whole numbers of 1/unit point */
	int64_t max_units;           /* the most a whole response earns, in units */
	unsigned line, column;
} pt_instrument;

typedef struct pt_instruments {
	pt_instrument *items;
	size_t count;
} pt_instruments;

/* What site_config.c hands to the validator. */
typedef struct pt_instruments_ctx {
	pt_check chk;
	pt_config *cfg;              /* territories and roles already validated */
} pt_instruments_ctx;

/* Validates `instruments:` into ctx->cfg->instruments. */
void pt_config_instruments_section(const pt_instruments_ctx *ctx, const pt_ynode *n);

void pt_instruments_free(pt_instruments *in);

/* The instrument with this id, or NULL. O(instruments). */
const pt_instrument *pt_config_instrument(const pt_config *cfg, const char *id, size_t len);
/* Index of the item / subject with this id, or -1. O(items) / O(subjects). */
int32_t pt_instr_item_find(const pt_instrument *in, const char *id, size_t len);
int32_t pt_instr_subject_find(const pt_instrument *in, const char *id, size_t len);

const char *pt_instr_kind_name(pt_instr_kind k);
/* The kind named s ("self", "corroboration", "evaluation"), or -1. */
int pt_instr_kind_from_name(const char *s, size_t len);
const char *pt_instr_scale_name(pt_instr_scale s);
const char *pt_instr_about_name(pt_instr_about a);
const char *pt_instr_evidence_name(pt_instr_evidence e);

#endif
