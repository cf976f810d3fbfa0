/*
 * participa core: the commitment forms' fields as the calls they make, and
 * their refusals next to the field they are about. No I/O, no php.h.
 *
 * Two forms post to Participa\Request (docs/fragments/commitments.md):
 *
 *   commitments.progress   (templates/commitment-page.html, for an official)
 *       commitment, progress ("45", "45.5", "45,5", "45 %"), note,
 *       evidence_url (http or https), evidence_description
 *     -> Commitments::update(commitment, {progress, add_evidence: {url,
 *        description, date}}, participant, note)
 *   commitments.assembly   (templates/assembly.html, for record_assembly)
 *       territory, held_on (AAAA-MM-DD), place, attendance, attendees,
 *       agenda, minutes, agreements (attendees and agreements: one a line)
 *     -> Commitments::recordAssembly({territory, held_on, place,
 *        attendance, attendees: [...], agenda, minutes, agreements: [...]},
 *        participant)
 *
 * Every field is checked (all of them, not the first only) with a message a
 * citizen reads next to the field; the draft keeps what was typed so a
 * refused form comes back filled. A refusal of the call itself (its public
 * message, "held_on: ..." or "No tienes permiso ...") goes next to the field
 * it names, or above the form.
 *
 * Ownership: every tree is allocated through the allocator given; free them
 * with pt_commitment_form_free(). Texts point into those trees or the post.
 */
#ifndef PT_COMMITMENT_FORM_H
#define PT_COMMITMENT_FORM_H

#include <stdbool.h>
#include "core/common/pt_base.h"
#include "core/common/pt_value.h"

#define PT_COMMITMENT_FORM_PROGRESS "commitments.progress"
#define PT_COMMITMENT_FORM_ASSEMBLY "commitments.assembly"

/* Longest note and evidence description the progress form takes, in characters. */
#define PT_COMMITMENT_FORM_NOTE_MAX 5000
#define PT_COMMITMENT_FORM_DESCRIPTION_MAX 500

typedef struct pt_commitment_form {
	const pt_allocator *a;
	bool english;            /* messages in English (the site's locale is en*) */
	pt_value *call;          /* the call's argument (update()'s changes, recordAssembly()'s record); NULL when refused */
	char *id;                /* progress: the commitment; NULL for the assembly form or when refused */
	char *note;              /* progress: the update's note; NULL when none */
	pt_value *errors;        /* {field: text}: empty when every field passed */
	pt_value *draft;         /* {field: text as posted} */
	const char *message;     /* above the form: the outcome in words */
	bool ok;
} pt_commitment_form;

/*
 * Reads the progress form from post (a map of the POST fields, strings) for
 * participant (NULL: nobody signed in) on day today (YYYY-MM-DD, the
 * evidence's date). *f is filled; f->call is NULL when some field was
 * refused (f->errors says which). PT_ERR_NOMEM only when memory ran out.
 */
pt_status pt_commitment_form_progress(const pt_value *post, const char *participant, const char *today, bool english,
	const pt_allocator *a, pt_commitment_form *f);

/* The same for the assembly form (recordAssembly()'s record). */
pt_status pt_commitment_form_assembly(const pt_value *post, const char *participant, bool english,
	const pt_allocator *a, pt_commitment_form *f);

/*
 * The call was refused with message (its public message, in the site's
 * language): "field: text" goes next to that form field (without the field's
 * name), anything else above the form. f->ok becomes false.
 */
void pt_commitment_form_refused(pt_commitment_form *f, const char *message);

/* The call succeeded: f->ok, and the message a citizen reads ("Se registró la asamblea."). */
void pt_commitment_form_done(pt_commitment_form *f, const char *action);

/*
 * The outcome Participa\Request returns: sets ok, message, errors and draft
 * in outcome (a map), taking the trees from f. PT_ERR_NOMEM.
 */
pt_status pt_commitment_form_outcome(pt_commitment_form *f, pt_value *outcome);

void pt_commitment_form_free(pt_commitment_form *f);

#endif /* PT_COMMITMENT_FORM_H */
