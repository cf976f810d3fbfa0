/*
 * participa core: the view model of a count's results, the data of
 * templates/process-results.html (and its partials results-bars, results-rounds,
 * results-pb, results-pairwise, results-grades).
 *
 * Input: the array Process::results() or TallyResult->toArray() returns, as a
 * pt_value tree (method, winners, ranking, details, tieBreaks; a process adds
 * options, ballots, web, paper, digest, final, computed_at), and optionally
 * Process::info() (title, candidates with their names and costs, options, state)
 * or, for a bare tally, the same keys given by the caller (title, names: id =>
 * name, options: the count's options, state / preliminary). Option names come
 * from process_info: `names`, else `candidates`, else `options` when it is a
 * list of {id, name}; an option with none keeps its id (a bare tally's ids are
 * its names).
 *
 * Output: a map with everything a citizen reads, already in the host's
 * language (host->lang; the catalog core/common/messages_html_results.h) and
 * formatted (core/common/pt_format.h: es-MX numbers, pesos, percentages):
 * the method's name (never its code), a "Resultados preliminares" banner while
 * the result is not final, the winners by name, bars with counts and
 * percentages (percent shares rounded by largest remainder so they add up to
 * exactly 100.0 %), IRV and STV round tables with who was eliminated or
 * elected and what moved, participatory budgets explained per project (cost,
 * supporters, funded or not and why, the money used of the budget), the
 * pairwise matrix of Condorcet methods, majority-judgment grade profiles, and
 * every tie-break in words. All SVG geometry (viewBox 0 0 360 H, bar lengths,
 * cells, label positions) is computed here; the templates only draw it. Every
 * picture has a title, a desc and a table with the same numbers.
 *
 * Nothing from the input reaches the output unescaped (templates escape), and
 * no raw code (method ids, rule names, stage names, "approved") is copied:
 * unknown codes become a neutral catalogued text.
 *
 * Bounds: any tree is accepted (missing or mistyped members are skipped);
 * work and output are bounded: at most PT_RESULTS_MAX_CANDIDATES options are
 * read, charts draw at most PT_RESULTS_MAX_BARS rows, round tables at most
 * PT_RESULTS_MAX_ROUND_CELLS cells, the pairwise matrix at most
 * PT_RESULTS_MAX_PAIRWISE options, so a hostile tree cannot make a huge page.
 * O(size of the input + size of the output).
 */
#ifndef PT_FRAGMENT_RESULTS_VIEW_H
#define PT_FRAGMENT_RESULTS_VIEW_H

#include "core/common/pt_base.h"
#include "core/common/pt_value.h"
#include "core/fragment/fragment_host.h"

#ifdef __cplusplus
extern "C" {
#endif

#define PT_RESULTS_MAX_CANDIDATES 2000    /* options read from one result */
#define PT_RESULTS_MAX_BARS 60            /* rows one bar chart draws (its table has them all) */
#define PT_RESULTS_MAX_TABLE_ROWS 2000    /* rows of one table */
#define PT_RESULTS_MAX_ROUNDS 400         /* rounds or stages shown */
#define PT_RESULTS_MAX_ROUND_CELLS 20000  /* options x rounds of a round table */
#define PT_RESULTS_MAX_PAIRWISE 40        /* options of a pairwise matrix (larger: a note) */
#define PT_RESULTS_MAX_GRADES 101         /* grades of a majority-judgment profile */
#define PT_RESULTS_MAX_TIES 200           /* tie-breaks described */
#define PT_RESULTS_WIDTH 360              /* the viewBox width of every picture */

/*
 * Builds the view model of results into *out (a new map through a, NULL:
 * libc; free with pt_value_free). process_info may be NULL. h may be NULL
 * (Spanish, heading 2, instance "participa"). results must be a map
 * (PT_ERR_INVALID otherwise, with a Spanish message); PT_ERR_NOMEM. *out is
 * NULL on failure.
 */
pt_status pt_fragment_results_view(const pt_value *results, const pt_value *process_info,
	const pt_fragment_host *h, const pt_allocator *a, pt_value **out, pt_error *err);

/*
 * The same for the binding's html() path (participa_fragment_html(), a pt_fragment_builder):
 * data is {results, info}, info optional.
 */
pt_status pt_fragment_results_data_view(const pt_value *data, const pt_fragment_host *h, const pt_allocator *a,
	pt_value **out, pt_error *err);

/*
 * The participants a results view names (the voters of consensus blocks), as a new list of
 * ids through a (NULL: libc), for the host to resolve in one call (host->names). NULL when
 * out of memory; an empty list when there are none.
 */
pt_value *pt_fragment_results_people(const pt_value *results, const pt_allocator *a);

/*
 * The citizen's name of a tally method ("Presupuesto participativo por partes
 * iguales (Equal Shares)") in language lang ("en" or Spanish), or a neutral
 * "Método de conteo" for an unknown one (never the code).
 */
const char *pt_fragment_method_name(const char *method, const pt_fragment_host *h);

#ifdef __cplusplus
}
#endif

#endif /* PT_FRAGMENT_RESULTS_VIEW_H */
