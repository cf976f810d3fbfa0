/*
 * participa core: a ballot form (templates/process-ballot.html) and the
 * ballot it stands for. A rule, kept apart from the binding so tests/c and
 * fuzz/fuzz_ballot_form.c reach it.
 *
 * The form of each method (pt_ballot_form_kind_of(): the tally table's
 * ballot kind, plus plurality and majority judgment by name) posts:
 *
 *   form         fields                               ballot (what Process::cast() takes)
 *   single       choice = id                          'id'
 *   approval     choice[] = id ...                    ['id', ...]
 *   budget       choice[] = id ...                    ['id', ...]   (total cost <= budget)
 *   ranked       rank[] = id or "" (one per place)    ['id', ...]   in the order of the places
 *   score        score[] = "id=grade" or "" ...       ['id' => grade, ...]
 *   grades       score[] = "id=grade" or "" ...       ['id' => grade, ...]   (majority judgment)
 *   stance       stance = agree|abstain|disagree(|block), reason
 *                                                     'agree' or ['stance' => ..., 'reason' => ...]
 *
 * Option ids are the values (never positions), so a list that changed
 * between the page and the post cannot move a vote to another option. The
 * post is the PHP $_POST as a tree (participa_value_from_zval()): strings,
 * and lists or maps of strings.
 *
 * Refusals are PT_ERR_INVALID with a catalogued Spanish message (English in
 * err->message_en) and the field it belongs to; the engine's own rules run
 * again in cast() (this is the citizen's first, friendlier check).
 *
 * Pure functions; no global state; thread safe. O(fields x candidates).
 */
#ifndef PT_BALLOT_FORM_H
#define PT_BALLOT_FORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/common/pt_base.h"
#include "core/common/pt_value.h"
#include "core/fragment/fragment_view.h"

typedef enum pt_ballot_form_kind {
	PT_BALLOT_FORM_SINGLE = 0,   /* plurality: a radio per option */
	PT_BALLOT_FORM_APPROVAL,     /* approval: a checkbox per option, min/max choices */
	PT_BALLOT_FORM_BUDGET,       /* pb_*: a checkbox per project with its cost, the budget */
	PT_BALLOT_FORM_RANKED,       /* irv, stv, schulze, borda, ranked_pairs, copeland: a <select> per place */
	PT_BALLOT_FORM_SCORE,        /* score: a <select> per option over min..max */
	PT_BALLOT_FORM_GRADES,       /* majority_judgment: a <select> per option over named grades */
	PT_BALLOT_FORM_STANCE,       /* majority: for, against, abstain */
	PT_BALLOT_FORM_CONSENSUS     /* consensus: agree, stand aside, disagree, block (with a reason) */
} pt_ballot_form_kind;

/* The places a ranked form offers: every option, up to this many. */
#define PT_BALLOT_FORM_RANKS_MAX 20
/* Fields longer than this are refused before any comparison (an id is 64 bytes; "id=grade" a little more). */
#define PT_BALLOT_FORM_FIELD_MAX 128
/* A posted list holds at most this many entries (a ballot of 65,535 candidates is not a form). */
#define PT_BALLOT_FORM_LIST_MAX 2000

/* The form of a method id (Process::info()'s "method"); an unknown id: PT_BALLOT_FORM_SINGLE. */
pt_ballot_form_kind pt_ballot_form_kind_of(const char *method);

/*
 * The range of a score or grades form: info's options min and max (defaults
 * 0 and 10, the engine's). *min <= *max always.
 */
void pt_ballot_form_range(const pt_value *info, int64_t *min, int64_t *max);

/*
 * The Spanish name of grade g of the range [min, max] in a majority
 * judgment form (best first: "Excelente", "Muy bien", "Bien", "Aceptable",
 * "Insuficiente", "A rechazar", as many as the range has, from 2 to 7
 * grades); NULL when the range has more than 7 (the form then shows the
 * numbers). A catalogued text: pt_fragment_text() gives its English.
 */
const char *pt_ballot_form_grade_name(int64_t min, int64_t max, int64_t g);

/*
 * The ballot of post for the process info (Process::info()'s tree: method,
 * options, candidates). PT_OK: *ballot is a new tree through a (the caller
 * frees it). PT_ERR_INVALID: *field names the field the message belongs to
 * ("choice", "rank", "score", "stance", "reason"), err the catalogued
 * refusal. PT_ERR_NOMEM.
 */
pt_status pt_ballot_form_read(const pt_value *info, const pt_value *post, const pt_allocator *a, pt_value **ballot,
	const char **field, pt_error *err);

/*
 * Whether a posted ballot (post, or a row of a paper batch) fills in nothing:
 * no field of the form has a value.
 */
bool pt_ballot_form_blank(const pt_value *post);

/*
 * A paper batch's rows (the "ballots" field: a list or map of rows, each a
 * form post as above) as the list of ballots Process::enterPaperBatch()
 * takes; blank rows are left out. PT_ERR_INVALID: *row is the 1-based row,
 * *field the field, err "Boleta N: ..."; also when no row has a ballot.
 */
pt_status pt_ballot_form_batch(const pt_value *info, const pt_value *rows, const pt_allocator *a,
	pt_value **ballots, size_t *row, const char **field, pt_error *err);

/*
 * The ballot fields of post (choice, rank, score, stance, reason: strings,
 * and lists of strings, each at most PT_BALLOT_FORM_FIELD_MAX bytes) copied
 * into draft, so a refused form shows what the citizen chose. PT_ERR_NOMEM.
 */
pt_status pt_ballot_form_draft(const pt_value *post, pt_value *draft);

/*
 * The view model of one ballot's inputs (templates/process-ballot-fields.html)
 * for info, the citizen's earlier choices (draft: a refused post's draft, or
 * NULL) and errors (field -> text, or NULL). prefix names the fields (""
 * gives "choice", "ballots[3]" gives "ballots[3][choice]"), id is the suffix
 * of the element ids ("boleta" gives "<instance>-boleta-op-1"). Keys:
 * single / approval / budget / ranked / score / judgment / stance / consensus
 * (the one form, true), instructions, options [{value, name, input_id,
 * checked, cost, cost_text}] with field, ranks [{label, select_id, field,
 * choices [{value, name, selected}]}], scores [{name, select_id, field,
 * grades [{value, label, selected}]}], stance_options [{value, label, hint,
 * input_id, checked}] with reason {input_id, field, value, label, hint},
 * budget {limit, limit_text, total_id, left_id, over_id}, and error {id, text}
 * for the field a refusal names. A new map through b (NULL when b failed).
 */
pt_value *pt_ballot_form_view(pt_fragment_vb *b, const pt_value *info, const pt_value *draft, const pt_value *errors,
	const char *prefix, const char *id);

/* The same for a viewer of a budget split by district: only the projects of the pots `only`
 * names (Process::status()'s pots), and their budgets as the purse's limit. only NULL: every one. */
pt_value *pt_ballot_form_view_pots(pt_fragment_vb *b, const pt_value *info, const pt_value *only, const pt_value *draft,
	const pt_value *errors, const char *prefix, const char *id);

#endif /* PT_BALLOT_FORM_H */
