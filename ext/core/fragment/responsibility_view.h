/*
 * participa core: the responsibility report as an accessible fragment (Site::responsibilityHtml(),
 * templates/responsibility-report.html; the report is core/responsibility/responsibility_report.h's).
 *
 * One table with a caption (the territory or person and the date), a header cell per column and a
 * row header per line: who answers there (official, servidor, promoter by the host's names), the
 * local agenda, assemblies, agreements, commitments, started, mean progress, and the territories by
 * their agenda's stage; the totals in the table's foot. Spanish first from the message catalog,
 * English on an English host. No JavaScript, no colour carries meaning. Pure; thread safe.
 */
#ifndef PT_RESPONSIBILITY_VIEW_H
#define PT_RESPONSIBILITY_VIEW_H

#include "core/common/pt_value.h"
#include "core/fragment/fragment_host.h"

/* The html() path's data: {report, people: [{author: id}] (whose names the host gives)}; takes report
 * (freed on failure: NULL). */
pt_value *pt_fragment_responsibility_data(pt_value *report, const pt_allocator *a);

/* The view model of templates/responsibility-report.html. PT_ERR_INVALID without a report, PT_ERR_NOMEM. */
pt_status pt_fragment_responsibility_view(const pt_value *data, const pt_fragment_host *host, const pt_allocator *a,
	pt_value **out, pt_error *err);

#endif
