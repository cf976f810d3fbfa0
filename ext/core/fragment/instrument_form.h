/*
 * participa core: what a questionnaire's form post means (instrument.draft, instrument.submit,
 * instrument.corroborate in core/fragment/request_rules.c).
 *
 * The form (templates/instrument-form.html, core/fragment/instrument_view.c) posts each item under
 * the name of its control: answers[item] (a radio's or a select's value, a free text), numbers[item]
 * (a number input) and evidence[item] (a link or reference). The rules' fields check them as text;
 * this reads them into the one map Participa\Instrument takes, prepared["answers"]:
 *
 *   item => value | {value, evidence}     value: the text, or an integer for numbers[item]
 *
 * A field left empty clears the item in a draft or a submission (null: the form is the whole
 * response), and is left out of a corroboration (an item a citizen does not answer keeps the
 * institution's own answer). A number that is not a whole number is refused as
 * errors["numbers[item]"], with the draft kept. Whether a value fits its item's scale is the
 * instrument's rule (core/instrument/instrument.c), checked by the method the rule calls.
 *
 * Pure; no global state; thread safe.
 */
#ifndef PT_INSTRUMENT_FORM_H
#define PT_INSTRUMENT_FORM_H

#include "core/common/pt_base.h"
#include "core/common/pt_value.h"
#include "core/fragment/fragment_host.h"

/* pt_request_prepare_fn of the instrument rules: prepared["answers"], or PT_ERR_INVALID with the refusals. */
pt_status pt_instrument_form_prepare(pt_value *outcome, const char *who, const pt_fragment_host *h,
	const pt_allocator *a, pt_error *err);

/* The longest whole number a number field takes, in digits (the scales' range stays within 10^6). */
#define PT_INSTRUMENT_FORM_DIGITS 9

#endif
