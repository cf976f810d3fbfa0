/*
 * participa core: a questionnaire's fragments (Participa\Instrument::html()).
 *
 * Three views of one instrument (core/instrument/config_instruments.h), each a pure function of
 * the public arrays the binding reads (definition(), response(), report()):
 *
 *   form         the questionnaire for a respondent about a subject (templates/instrument-form.html):
 *                every item with its scale as a native control (radios in a fieldset for yes/no
 *                and partial, a select for a choice list, a number input with min and max, a
 *                text area, an evidence field where the item takes one), "Guardar borrador" and
 *                "Enviar" buttons, the deadline in words in the site's time zone, a notice when
 *                the window is closed (the answers then shown, not asked); after a refused post
 *                its message, each item's error tied to its control (aria-describedby) and the
 *                draft as it was typed.
 *   corroborate  a citizen's corroboration of the subject's own answers, item by item beside them
 *                (an item left alone agrees with the institution).
 *   report       the scores (templates/instrument-report.html): response rates, per dimension
 *                bars (self-report beside corroboration; inline SVG with <title>/<desc> and a
 *                table with the same figures), the share of subjects at each threshold, the
 *                ranking table, the groups and the items where citizens disagree.
 *
 * The binding asks pt_fragment_instrument_read() which methods to call for opts (view, subject)
 * and the viewer, puts their answers in data under the names given, adds "opts", "viewer",
 * "now" (UTC seconds) and "timezone" (the site's), and calls pt_fragment_instrument_view() for
 * pt_fragment_instrument_template()'s template. A missing or mistyped member of data reads as
 * absent (the fuzzer feeds any tree). PT_ERR_NOMEM only. No global state; thread safe.
 */
#ifndef PT_INSTRUMENT_VIEW_H
#define PT_INSTRUMENT_VIEW_H

#include "core/common/pt_value.h"
#include "core/fragment/fragment_host.h"

/*
 * The i-th read html() makes for opts (may be NULL) and viewer (may be NULL): data[*key] =
 * $instrument->method(...args) (method into method[0..size), *key a static string, *args a new
 * list through a). PT_ERR_NOT_FOUND past the last read; PT_ERR_NOMEM.
 */
pt_status pt_fragment_instrument_read(const pt_value *opts, const char *viewer, size_t i, const pt_allocator *a,
	const char **key, char *method, size_t size, pt_value **args);

/* "instrument-form" or "instrument-report", for opts' view. */
const char *pt_fragment_instrument_template(const pt_value *opts);

pt_status pt_fragment_instrument_view(const pt_value *data, const pt_fragment_host *h, const pt_allocator *a,
	pt_value **out, pt_error *err);

/* The figure num/den of a 0..1 share as the width of a bar of `full` units, with one decimal ("123.4"). */
void pt_fragment_instrument_width(int64_t num, int64_t den, int64_t full, char *buf, size_t size);

#endif
