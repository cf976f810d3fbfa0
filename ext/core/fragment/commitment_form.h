/*
 * participa core: what the commitment forms' fields mean, once
 * Participa\Request checked them (core/fragment/request_rules.c: types,
 * required fields, lengths), and the call they make. No I/O, no php.h.
 *
 *   commitments.progress   (templates/commitment-page.html, for an official)
 *       commitment, progress ("45", "45.5", "45,5", "45 %"), note,
 *       evidence_url (http or https), evidence_description
 *     -> Commitments::update(commitment, {progress, add_evidence: {url,
 *        description, date}}, participant, note)
 *   commitments.assembly   (templates/assembly.html, for record_assembly)
 *       territory, held_on ("2026-03-14" or "14/03/2026"), place,
 *       attendance ("42", "1,200"), attendees, agenda, minutes, agreements
 *       (attendees and agreements: one a line, blank lines skipped)
 *     -> Commitments::recordAssembly({territory, held_on, place,
 *        attendance, attendees: [...], agenda, minutes, agreements: [...]},
 *        participant)
 *
 * Every field is checked (all of them, not the first only); a refused one
 * gets its Spanish message in the outcome's errors, which the fragment shows
 * next to the field (the fragment gives it in the host's language), and the
 * draft stays as typed.
 */
#ifndef PT_COMMITMENT_FORM_H
#define PT_COMMITMENT_FORM_H

#include <stdbool.h>
#include "core/common/pt_base.h"
#include "core/common/pt_value.h"
#include "core/fragment/fragment_host.h"

#define PT_COMMITMENT_FORM_PROGRESS "commitments.progress"
#define PT_COMMITMENT_FORM_ASSEMBLY "commitments.assembly"

/* Longest line of the attendees (a name) and of the agreements, in characters: 4 bytes a
 * character stay within the store's VARCHAR(500) names and 20,000-byte agreements. */
#define PT_COMMITMENT_FORM_NAME_MAX 125
#define PT_COMMITMENT_FORM_AGREEMENT_MAX 5000
#define PT_COMMITMENT_FORM_LINES_MAX 500
#define PT_COMMITMENT_FORM_ATTENDEES_MAX 10000
#define PT_COMMITMENT_FORM_ATTENDANCE_MAX 1000000

typedef struct pt_commitment_call {
	pt_value *args;          /* the call's arguments by name (free with pt_value_free): progress {changes,
	                          * note}, assembly {record}: what Request's rule passes as %changes, %note, %record */
	pt_value *changes;       /* update()'s changes / recordAssembly()'s record: a member of args (borrowed) */
	const char *id;          /* progress: the commitment (borrowed from the outcome's draft); else NULL */
	const char *note;        /* progress: the update's note (borrowed, note_len bytes), or NULL */
	size_t note_len;
} pt_commitment_call;

/*
 * The call a checked post of action makes (outcome: pt_request_check()'s, its draft read, its
 * "errors" written): update(commitment, changes, participant, note) or recordAssembly(record,
 * participant). today (YYYY-MM-DD) dates the evidence. PT_OK with call->args; PT_ERR_INVALID
 * when a field was refused (each in outcome's errors; err says "Revisa los datos marcados.",
 * the message Request shows above the form); PT_ERR_NOMEM. An action that is neither form:
 * PT_ERR_INVALID. call->args is NULL unless PT_OK.
 */
pt_status pt_commitment_form_call(const char *action, pt_value *outcome, const char *today, const pt_allocator *a,
	pt_commitment_call *call, pt_error *err);

/* Request's prepare for both rows (core/fragment/request_rules.h): pt_commitment_form_call() of the
 * outcome's action on the host's today (h->timezone), its args as outcome["prepared"]. */
pt_status pt_commitment_form_prepare(pt_value *outcome, const char *who, const pt_fragment_host *h,
	const pt_allocator *a, pt_error *err);

#endif /* PT_COMMITMENT_FORM_H */
