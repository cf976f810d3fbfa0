/*
 * participa core: the rules of an instrument's responses, and its scores.
 *
 * Answers: the host gives a map item id -> value, or item id -> {value,
 * evidence}; pt_instr_answers_parse() checks each against its item's scale
 * and turns it into the canonical text stored (yes_no: "yes"/"no"; partial:
 * "yes"/"partial"/"no"; numeric: the whole number; choice: the option id;
 * text: the text). pt_instr_eval() turns a stored text back into the units
 * it earns (config_instruments.h: whole numbers of 1/unit point), so a score
 * is always recomputed from the answers under the YAML in force.
 *
 * Writes: pt_instr_check_write() decides, on facts the store read inside its
 * transaction, whether a participant may save or submit a response of a kind
 * about a subject now: the kind is open to answers, the window is open (late
 * responses are refused), the participant is not banned and holds the role
 * (the subject's own institution for self, in the subject's territory), one
 * response per respondent and subject (a submitted one is final), a
 * corroboration needs the subject's own submitted answer, and a submission
 * answers every required item with the evidence it requires.
 *
 * Scores: pt_instr_tally_* read the submitted answers as a stream grouped by
 * subject (self first, then the corroborations and evaluations, each response's
 * rows together), keeping O(items + subjects x dimensions) memory, and build the
 * report (pt_instr_report()): every figure an exact rational {num, den} with its
 * display text. Messages a resident may see are Spanish from the catalog
 * (messages_instruments.h).
 */
#ifndef PT_INSTRUMENT_H
#define PT_INSTRUMENT_H

#include <stdbool.h>
#include <stdint.h>
#include "core/common/pt_base.h"
#include "core/common/pt_buf.h"
#include "core/common/pt_value.h"
#include "core/participant/permissions.h"
#include "core/instrument/config_instruments.h"

/* ---- answers ------------------------------------------------------------------- */

typedef struct pt_instr_answer {
	int32_t item;                /* index into in->items */
	char *value;                 /* canonical text, NUL-terminated; NULL: cleared (draft only) */
	size_t value_len;
	char *evidence;              /* URL or reference, NULL when none */
	size_t evidence_len;
} pt_instr_answer;

typedef struct pt_instr_answers {
	pt_instr_answer *items;      /* in the order given, at most one per item */
	size_t count;
	const pt_allocator *a;
} pt_instr_answers;

/*
 * Parses the host's answers (a map; NULL or empty: none) into out (allocated
 * through a). PT_ERR_INVALID (Spanish, err->index = the answer's position) for
 * an unknown item, a value the scale does not take, an evidence that is not
 * one line of text up to PT_INSTR_EVIDENCE_MAX bytes, a text over
 * PT_INSTR_TEXT_MAX. null clears an item of a draft. O(answers x items).
 */
pt_status pt_instr_answers_parse(const pt_instrument *in, const pt_value *answers, pt_instr_answers *out,
	const pt_allocator *a, pt_error *err);
void pt_instr_answers_free(pt_instr_answers *ans);

/*
 * A stored canonical value of item as units earned (weight included) and a
 * code equal for equal answers (agreement); false for a text that is not a
 * value of the item's scale (a YAML changed since: it then earns nothing).
 * Text items earn 0 and have code 0.
 */
bool pt_instr_eval(const pt_instrument *in, size_t item, const char *value, size_t len, int64_t *units, int64_t *code);

/* ---- the write rules -------------------------------------------------------------- */

typedef enum pt_instr_status {
	PT_INSTR_NONE = 0,
	PT_INSTR_DRAFT = 1,
	PT_INSTR_SUBMITTED = 2
} pt_instr_status;

typedef enum pt_instr_window {
	PT_INSTR_WINDOW_OPEN = 0,
	PT_INSTR_WINDOW_BEFORE,      /* opens later */
	PT_INSTR_WINDOW_AFTER        /* closed: the deadline passed */
} pt_instr_window;

/* What the store read, inside its transaction, for one write. */
typedef struct pt_instr_write_facts {
	const pt_config *cfg;
	const pt_instrument *in;
	pt_instr_kind kind;
	int32_t subject;             /* index into in->subjects */
	pt_instr_window window;      /* the binding's clock against the kind's window */
	pt_participant_facts actor;
	pt_instr_status existing;    /* this respondent's response to this subject */
	bool self_submitted;         /* the subject's own response is submitted (corroborations need it) */
	bool submit;                 /* false: save a draft */
	const pt_instr_answers *merged; /* submit: the draft's answers with the new ones over them */
} pt_instr_write_facts;

/* PT_OK, or the refusal (PT_ERR_NOT_ALLOWED, PT_ERR_CONFLICT, PT_ERR_INVALID) in Spanish. Pure. */
pt_status pt_instr_check_write(const pt_instr_write_facts *f, pt_error *err);

/* The window of kind at instant now_utc, given its bounds already in UTC. */
pt_instr_window pt_instr_window_at(const pt_instr_respondent *r, int64_t opens_utc, int64_t closes_utc,
	int64_t now_utc);

/* The instrument in, kind and subject by their texts; PT_ERR_NOT_FOUND / PT_ERR_INVALID in Spanish. */
pt_status pt_instr_lookup(const pt_config *cfg, const char *id, size_t len, const pt_instrument **in, pt_error *err);
pt_status pt_instr_subject_arg(const pt_instrument *in, const char *id, size_t len, int32_t *subject, pt_error *err);
pt_status pt_instr_kind_arg(const pt_instrument *in, const char *kind, size_t len, pt_instr_kind *out, pt_error *err);

/*
 * The clock of the definition's windows: the binding's (PHP's time zone database turns
 * the local bounds into UTC). NULL where a caller has none: no window is then shown.
 */
typedef pt_instr_window (*pt_instr_window_fn)(void *ctx, const pt_config *cfg, const pt_instr_respondent *r);
typedef struct pt_instr_clock {
	pt_instr_window_fn window;
	void *ctx;
} pt_instr_clock;

/* ---- scores ------------------------------------------------------------------------- */

typedef struct pt_instr_tally pt_instr_tally;

/* A new tally (NULL when out of memory), owning everything it allocates through a. */
pt_instr_tally *pt_instr_tally_new(const pt_instrument *in, const pt_allocator *a);
void pt_instr_tally_free(pt_instr_tally *t);
/* Drafts in progress (for the report's counts). */
void pt_instr_tally_drafts(pt_instr_tally *t, pt_instr_kind kind, int64_t count);
/*
 * One stored answer of a submitted response: rows grouped by subject (in any
 * order of subjects), within it self first (kind order), each response's rows
 * together (ascending response ids). A row of an
 * unknown subject or item (a YAML changed since) is skipped. PT_ERR_INVALID
 * when the order is broken (a bug of the store, never a wrong figure).
 */
pt_status pt_instr_tally_row(pt_instr_tally *t, const char *subject, size_t subject_len, pt_instr_kind kind,
	int64_t response, const char *item, size_t item_len, const char *value, size_t value_len, pt_error *err);
/* Ends the stream. */
pt_status pt_instr_tally_end(pt_instr_tally *t, pt_error *err);

/* The report (see docs/instruments.md): everything a page shows. lang: es/en for display texts. */
pt_value *pt_instr_report(const pt_instr_tally *t, const pt_config *cfg, const pt_instr_clock *clock,
	const pt_allocator *a);
/* The same figures as open data: CSV (one row per subject, respondent kind and dimension, then total). */
pt_status pt_instr_csv(const pt_instr_tally *t, pt_buf *out, pt_error *err);

/* Open data: format "csv" (pt_instr_csv()) or "json" (the report as JSON); PT_ERR_INVALID for another. */
pt_status pt_instr_export(const pt_instr_tally *t, const pt_config *cfg, const pt_instr_clock *clock,
	const char *format, pt_buf *out, pt_error *err);

/* The definition as a tree: dimensions with their items (scale, points, weight, evidence, options), thresholds,
 * respondents (role, opens, closes, deadline as local "YYYY-MM-DD HH:MM:SS" text, and with a clock the window
 * now: "open", "before" or "after"), subjects. NULL when out of memory. */
pt_value *pt_instr_definition(const pt_instrument *in, const pt_config *cfg, const pt_instr_clock *clock,
	const pt_allocator *a);

/* Exact display of num/den (den > 0): a percentage with one decimal, rounded half up ("93.6 %"), and a
 * number with up to two decimals ("8.5"). */
void pt_instr_percent_text(pt_buf *out, int64_t num, int64_t den);
void pt_instr_number_text(pt_buf *out, int64_t num, int64_t den);

#endif
