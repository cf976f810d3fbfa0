/*
 * participa core: what the Participa\Process methods answer, as pt_value
 * trees (maps keep their keys' order; ints, bools and nulls as PHP shows
 * them). The binding turns a tree into an array with participa_value_to_zval();
 * a key added, removed or moved here changes the PHP API.
 *
 * Every function returns NULL on allocation failure (nothing to free).
 */
#ifndef PT_PROCESS_ANSWERS_H
#define PT_PROCESS_ANSWERS_H

#include "core/common/pt_value.h"
#include "core/process/ballot.h"
#include "core/process/process_rules.h"
#include "core/process/records.h"

/*
 * info(): def with its current options (yaml: the YAML's definition, whose
 * candidates are the "yaml" ones), the clock (phases in UTC, now for the
 * state) and the process row (closed_at, closed_by, sealed).
 */
pt_value *pt_process_info_value(const pt_config *cfg, const pt_process_def *yaml, const pt_process_def *def,
	const pt_process_clock *clock, const pt_process_row *row, const pt_allocator *a);

/* cast(): the receipt and what the store did. */
pt_value *pt_process_cast_value(const pt_process_cast *c, const pt_allocator *a);

/* verifyReceipt(): one stored ballot (receipt, ballot, reason, channel, version). */
pt_value *pt_process_receipt_value(const pt_process_ballot *b, const pt_allocator *a);

/* enterPaperBatch(): the batch as stored, each differing ballot with both readings (list: this call's). */
pt_value *pt_process_batch_value(const pt_process_def *def, const pt_process_batch *b,
	const pt_process_paper_ballot *list, const pt_allocator *a);

/* A refusal of ballot i of a batch, around the engine's text in the site's language (english);
 * an error that is not a refusal (PT_ERR_INVALID) passes as it is. */
pt_status pt_process_batch_refusal(size_t i, const pt_error *refusal, bool english, pt_error *err);

/* propose(): the option as stored. */
pt_value *pt_process_proposal_value(const pt_process_proposal *p, const pt_allocator *a);

/* withdraw(): the option withdrawn (at and by as stored). */
pt_value *pt_process_withdrawal_value(const pt_process_def *def, const char *option, size_t option_len,
	const char *by, const char *at, bool replayed, const pt_allocator *a);

/*
 * options(): every option, the YAML's then the API's (withdrawn ones too).
 * pt_process_option_list_begin() lists the YAML's into l->rows; then
 * pt_process_option_list_row() is the store's row callback for the API's.
 */
typedef struct pt_process_option_list {
	const pt_config *cfg;
	const pt_process_def *def;
	const pt_allocator *alloc;
	pt_value *rows;              /* the caller frees it */
} pt_process_option_list;

pt_status pt_process_option_list_begin(pt_process_option_list *l, const pt_config *cfg, const pt_process_def *def,
	const pt_allocator *a, pt_error *err);
pt_status pt_process_option_list_row(void *ctx, const pt_process_option *o, pt_error *err);

/* closeDue(): a process that changed (closed now, or sealed), or one that failed with message. */
pt_value *pt_process_close_due_value(const pt_process_def *def, const pt_process_row *row, bool closed_now,
	const pt_allocator *a);
pt_value *pt_process_close_due_error(const pt_process_def *def, const char *message, const pt_allocator *a);

#endif /* PT_PROCESS_ANSWERS_H */
