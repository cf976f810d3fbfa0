/*
 * participa core: the responsibility report of a directorate, a territory or a person
 * (Site::responsibilityReport(), issue 19 item 4), over facts io reads from the stored data
 * (io/responsibility/responsibility_store.h).
 *
 * The scope: a territory id (a directorate, or any territory): one line for it and one for each of its
 * direct children, each with everything under it rolled up; or a participant id: one line for each
 * territory they answer for (responsibilities:). Each line names who answers there (official,
 * servidor, promoter: declared there or at the nearest ancestor) and, for the territory's local
 * agenda (a plan with agenda: true at it), its id and title. The stages count the territories under
 * the line that have facts, by pt_agenda_stage_of().
 */
#ifndef PT_RESPONSIBILITY_REPORT_H
#define PT_RESPONSIBILITY_REPORT_H

#include "core/common/pt_value.h"
#include "core/responsibility/responsibility.h"

#define PT_RESP_REPORT_MAX_LINES 4096

typedef struct pt_resp_scope {
	int32_t *roots;             /* the lines' territories (the allocator's), in tree order */
	size_t count;
	bool person;                /* a participant's territories (else a territory and its children) */
	int32_t territory;          /* the territory asked for, -1 for a person */
	const char *participant;    /* the person asked for, NULL for a territory */
} pt_resp_scope;

/* The scope of `of` (len bytes). PT_ERR_NOT_FOUND: neither a territory nor a person who answers for one
 * ("No existe el territorio ..." / "... no tiene responsabilidad sobre ningún territorio."). */
pt_status pt_resp_scope_of(const pt_config *cfg, const char *of, size_t len, const pt_allocator *a,
	pt_resp_scope *out, pt_error *err);
void pt_resp_scope_free(pt_resp_scope *s, const pt_allocator *a);

/* The report's lines: out[i] for s->roots[i], the facts of every territory under it summed (a fact at a
 * territory under two roots, a person's nested responsibilities, counts in each). line_of: scratch of
 * cfg->territories.count entries. O(facts x depth + territories). */
void pt_resp_report_lines(const pt_config *cfg, const pt_resp_scope *s, const pt_resp_facts *facts, size_t n,
	int32_t *line_of, pt_resp_line *out);

/*
 * The answer: {of, kind ("territory" | "person"), territory (id or null), name, date (or null), lines:
 * [{territory, name, kind, official, servidor, promoter, agenda (plan id or null), agenda_title,
 * assemblies, agreements, commitments, started, progress (mean percent of the commitments, a rational,
 * null with none), stages: {none, diagnosis, agenda, implementation}}], totals: the first line's for a
 * territory, the sum for a person}.
 */
pt_status pt_resp_report_value(const pt_config *cfg, const pt_resp_scope *s, const pt_resp_line *lines,
	const char *date, const pt_allocator *a, pt_value **out, pt_error *err);

/* Open data of the report (Site::responsibilityReport($of, $date, 'csv' | 'json')): json the value v as
 * json_encode() writes it; csv a header and one row per line (territory, name, kind, official, servidor,
 * promoter, agenda, assemblies, agreements, commitments, started, progress_percent with two decimals in
 * whole-number arithmetic, empty without commitments, then the four stages). RFC 4180 quoting.
 * PT_ERR_INVALID for another format, PT_ERR_NOMEM. */
bool pt_resp_report_format_ok(const char *f, size_t len);
pt_status pt_resp_report_open_data(const pt_value *v, const char *format, size_t len, const pt_allocator *a,
	char **doc, size_t *doc_len, pt_error *err);

#endif
