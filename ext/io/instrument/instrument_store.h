/*
 * participa io: an instrument's responses in MariaDB (schema/015_instruments.sql).
 *
 * pt_instr_store_write() saves a draft or submits, as one pt_db_transaction():
 * it inserts or locks the respondent's response row (the unique key is one
 * response per respondent and subject), reads the actor's facts, the subject's
 * own status (a corroboration needs it submitted) and, to submit, the draft's
 * answers; calls core's pt_instr_check_write() on them; then writes the
 * answers (one statement) and the row. A refusal rolls everything back: a
 * write commits whole or not at all. Replayed whole on a conflict (the check
 * is pure). O(answers) statements' work, a constant number of round trips.
 *
 * pt_instr_store_tally() streams the submitted answers (unbuffered, grouped by
 * subject) into a core tally: memory does not grow with the number of answers.
 */
#ifndef PT_INSTRUMENT_STORE_H
#define PT_INSTRUMENT_STORE_H

#include "io/common/db.h"
#include "core/instrument/instrument.h"

typedef struct pt_instr_write_req {
	const pt_config *cfg;
	const pt_instrument *in;
	pt_instr_kind kind;
	int32_t subject;
	const char *participant;      /* NUL-terminated, checked by the id rule */
	const pt_instr_answers *answers; /* the answers given now (may be empty) */
	bool submit;
	pt_instr_window window;       /* the binding's clock against the kind's window */
	const pt_allocator *a;        /* for the merged answers of a submission */
} pt_instr_write_req;

pt_status pt_instr_store_write(pt_db *db, const pt_instr_write_req *req, pt_error *err);

/*
 * The response of participant (for self: of the subject, whoever wrote it) of
 * kind about subject, as a value tree (docs/instruments.md), or *out NULL when
 * there is none. Allocated through a.
 */
pt_status pt_instr_store_response(pt_db *db, const pt_config *cfg, const pt_instrument *in, pt_instr_kind kind,
	int32_t subject, const char *participant, const pt_allocator *a, pt_value **out, pt_error *err);

/*
 * One call of Participa\Instrument as the binding makes it: the subject and the
 * 'as' option by their texts (as NULL: kind), then, when answers is given (a
 * write), the answers parsed and pt_instr_store_write() (window: the kind's
 * window now, from the binding's clock), then the response read back into *out
 * (pt_instr_store_response()). Refusals in Spanish. write false and submit true asks
 * whether participant may write now (refusal()): *out is null when it may, else the
 * refusal's text in the site's language; nothing is written.
 */
typedef struct pt_instr_call {
	const pt_config *cfg;
	const pt_instrument *in;
	const char *participant;
	const char *subject;
	size_t subject_len;
	const char *as;              /* NULL: kind */
	size_t as_len;
	pt_instr_kind kind;
	const pt_value *answers;     /* NULL: a read */
	bool write, submit;
	pt_instr_window_fn window;
	void *window_ctx;
} pt_instr_call;

pt_status pt_instr_store_call(pt_db *db, const pt_instr_call *c, const pt_allocator *a, pt_value **out, pt_error *err);

/* report() (out_value) or export(format) (out_text): one streamed read, then the tree or its open data. */
pt_status pt_instr_store_scores(pt_db *db, const pt_config *cfg, const pt_instrument *in, const pt_instr_clock *clock,
	const char *format, const pt_allocator *a, pt_value **out_value, pt_buf *out_text, pt_error *err);

/* Feeds t with the drafts' counts and every submitted answer of in; ends the stream. */
pt_status pt_instr_store_tally(pt_db *db, const pt_instrument *in, pt_instr_tally *t, pt_error *err);

#endif
