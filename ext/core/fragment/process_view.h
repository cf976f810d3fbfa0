/*
 * participa core: the view model of a process's fragment (Process::html(),
 * templates/process.html and its partials process-status, process-ballot,
 * process-ballot-fields, process-receipt and process-paper; the results part
 * is the results fragment's, pt_fragment_results_view()).
 *
 * What the binding gathers (data, a map), all of it the public arrays:
 *   info      Process::info()
 *   status    Process::status($viewer)
 *   opts      Process::html()'s $opts: show ('auto', 'ballot', 'status',
 *             'results', 'receipt', 'paper'), view (the host's view
 *             parameter, which its links set: used when show is 'auto'),
 *             receipt (a receipt to check, the host's receipt parameter),
 *             rows (paper rows, 1..100, default 10). Nothing is read from
 *             the request itself (the host contract).
 *   key       a fresh random idempotency key for the ballot form
 *   results   Process::results($viewer) when shown (else absent)
 *   receipt   the receipt check (io/process/process_reads.h) when asked
 *   batches   the paper batches (io) on the paper page
 * and h->outcome, a Request::handle() answer of process.cast or
 * process.paper, shows its message, its errors next to the fields and the
 * draft in them (refused), or the receipt and a batch's double-entry state
 * (done).
 *
 * What a citizen may see: never a raw code (states, methods, stances and
 * channels are catalogued texts), never who voted what (a ballot is shown
 * only to whoever holds its receipt, and without a name).
 *
 * Pure; thread safe; O(size of the data x candidates).
 */
#ifndef PT_FRAGMENT_PROCESS_VIEW_H
#define PT_FRAGMENT_PROCESS_VIEW_H

#include <stdbool.h>
#include "core/common/pt_value.h"
#include "core/fragment/fragment_host.h"

typedef enum pt_process_show {
	PT_PROCESS_SHOW_BALLOT = 0,
	PT_PROCESS_SHOW_STATUS,
	PT_PROCESS_SHOW_RESULTS,
	PT_PROCESS_SHOW_RECEIPT,
	PT_PROCESS_SHOW_PAPER
} pt_process_show;

/*
 * The part to show for data (opts.show, else opts.view, else 'auto'). 'auto': the ballot while the viewer may vote or
 * speak, the results when they may see them, the receipt check when a
 * receipt is asked, else the status. 'results' the viewer may not see yet,
 * and 'paper' for someone who may not enter paper ballots, show the status
 * (which says why).
 */
pt_process_show pt_fragment_process_show(const pt_value *data, const pt_fragment_host *h);

/* The receipt to check (opts.receipt), or NULL. */
const char *pt_fragment_process_receipt(const pt_value *data, const pt_fragment_host *h);

/* The participant ids the view names (paper batches' and an outcome's officials): a new list, NULL on no memory. */
pt_value *pt_fragment_process_ids(const pt_value *data, const pt_fragment_host *h, const pt_allocator *a);

/* The view model of data for h: *out a new map through a. PT_ERR_NOMEM. */
pt_status pt_fragment_process_view(const pt_value *data, const pt_fragment_host *h, const pt_allocator *a,
	pt_value **out, pt_error *err);

/* ---- the forms' posts (Participa\Request: ext/php/request_process.c) ---------------- */

/*
 * Before the call of process.cast (paper false) or process.paper: the ballot
 * (or the list of a batch's ballots) of post, the form as PHP parsed it, for
 * info (Process::info()); the ballot fields go into outcome's draft first, so
 * a refused form shows them again. PT_ERR_INVALID: the refusal is recorded
 * in outcome (message, errors[field], in English when english) and in err
 * (catalogued, for the exception). PT_ERR_NOMEM.
 */
pt_status pt_fragment_process_ballot(pt_value *outcome, const pt_value *info, const pt_value *post, bool paper,
	bool english, const pt_allocator *a, pt_value **ballot, pt_error *err);

/*
 * After the call: its answer (taken, freed here) into outcome. process.cast:
 * receipt, voice_only and the message with the receipt; process.paper: batch
 * (the answer) and the message of its state. A batch whose entries do not
 * match is a refusal: PT_ERR_CONFLICT with the citizen's message in err (the
 * binding throws it, so the draft stays and the official corrects the rows;
 * the outcome keeps the batch's mismatches). PT_ERR_NOMEM.
 */
pt_status pt_fragment_process_done(pt_value *outcome, const char *action, pt_value *answer, bool english,
	pt_error *err);

#endif /* PT_FRAGMENT_PROCESS_VIEW_H */
