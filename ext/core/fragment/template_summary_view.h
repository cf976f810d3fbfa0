/*
 * participa core: the view model of a process template's summary
 * (Site::processTemplateHtml(), templates/process-template-summary.html).
 *
 * Input: the summary io/process/process_template_store.h builds (template, title, processes:
 * [{process, territory_name, residents, voters, closed, winners}], totals) and the site's
 * configuration (the winners' names are the candidates' of each generated process; an option
 * with no name in the YAML, a proposal, keeps its id, as the results fragment does).
 *
 * Output: the heading (the template's title, "{territory}" read as "cada territorio"), the
 * totals in words, and one table row per territory in the summary's (territory) order: its
 * name as the row header, residents, voters and turnout formatted for the host's language
 * (turnout to one decimal, rounded half up in whole numbers, as the CSV's two decimals are),
 * whether voting closed, the final count's winners by name; a total row. Every number cell
 * carries the class participa-numero (right-aligned by templates/participa.css).
 *
 * Bounds: O(processes + their winners); every row of the summary is drawn (the table is the
 * data; 6,644 territories make a page of about 1.4 MB). PT_ERR_NOMEM; *out NULL on failure.
 */
#ifndef PT_FRAGMENT_TEMPLATE_SUMMARY_VIEW_H
#define PT_FRAGMENT_TEMPLATE_SUMMARY_VIEW_H

#include "core/common/pt_value.h"
#include "core/fragment/fragment_host.h"
#include "core/site/site_config.h"

pt_status pt_fragment_template_summary_view(const pt_config *cfg, const pt_value *summary, const pt_fragment_host *h,
	const pt_allocator *a, pt_value **out, pt_error *err);

#endif /* PT_FRAGMENT_TEMPLATE_SUMMARY_VIEW_H */
