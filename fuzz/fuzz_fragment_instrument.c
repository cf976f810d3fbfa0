/*
 * libFuzzer target: the questionnaire fragments' view models (core/fragment/instrument_view.h) over
 * any data tree, rendered through their templates, and the form's meaning
 * (core/fragment/instrument_form.h) over any outcome.
 *
 *   make -C tests/c $PWD/out/fuzz/fuzz_fragment_instrument
 *   out/fuzz/fuzz_fragment_instrument -max_total_time=120 fuzz/corpus/fragment_instrument
 *
 * Input: the tree language of fuzz_fragment_commitments.c (one byte an operation: 0 null, 1 false,
 * 2 true, 3 an integer, 4 a real, 5 a string, 6 a list, 7 a map whose member keys are chosen from
 * the keys the views read, 8 the end of a list or map; anything else a short word). The tree is
 * the data of the form, the corroboration and the report (its "opts" replaced by each view's), the
 * host's outcome, and an outcome the form's rules read.
 *
 * Invariants (abort on violation): every view builds (PT_OK: odd data reads as absent) and renders
 * through its template when the templates are found; the form's rules either leave the call's
 * answers (a map) or refuse with the message above the form.
 */
#include "core/fragment/instrument_form.h"
#include "core/fragment/instrument_view.h"
#include "core/fragment/request_rules.h"
#include "io/template/template_files.h"

#include "fuzz_tree.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const keys[] = {
	"opts", "view", "subject", "as", "viewer", "now", "timezone", "definition", "response", "self", "report",
	"id", "title", "description", "source", "respondents", "corroboration", "evaluation", "opens", "closes",
	"deadline", "dimensions", "items", "text", "scale", "min", "max_value", "options", "label", "points", "evidence",
	"required", "placeholder", "subjects", "name", "group", "status", "answers", "value", "missing", "updated_at",
	"submitted_at", "scored_by", "responses", "allowed", "submitted", "drafts", "rate", "num", "den", "percent",
	"share", "own_share", "corroborated_share", "thresholds", "at", "ranking", "rank", "total", "level", "groups",
	"responded", "mean_share", "disagreements", "item", "agree", "corroborations", "instrument", "max",
	"ok", "action", "form", "message", "errors", "draft", "numbers", "reglamento", "comite", "portal", "datos", "notas", "corroborated",
};
#define KEYS (sizeof(keys) / sizeof(keys[0]))

static void must(int ok)
{
	if (!ok) {
		abort();
	}
}

/* The words the tree language's other bytes stand for (fuzz_tree.h). */
static const char *const words[] = { "yes", "no", "partial", "numeric", "choice", "text", "yes_no",
			"required", "optional", "submitted", "draft", "2022-06-20 23:59:59", "2022-06-21 00:00:00",
			"https://gob.mx/a", "3,5", "-7", "amecameca", "instrument.submit", "instrument.corroborate",
			"instrument.draft", "cuestionario", "corroboracion", "America/Mexico_City", "Nowhere/Zone", "" };
static const fuzz_tree_words lang = { keys, KEYS, words, sizeof(words) / sizeof(words[0]) };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const views[] = { "form", "corroborate", "report" };
	static int templates = -1;
	const uint8_t *p = data, *end = data + size;
	pt_fragment_host h = { .url = "/c/?{params}", .here = "/c/", .instance = "f", .token_name = "_n", .token_value = "t" };
	pt_value *d, *o;
	pt_error err;

	if (templates < 0) {
		templates = access("templates/instrument-form.html", R_OK) == 0 ? 1
			: access("../../templates/instrument-form.html", R_OK) == 0 ? 2 : 0;
		if (templates) {
			pt_fragment_set_templates_dir(templates == 1 ? "templates" : "../../templates");
		}
	}
	d = fuzz_tree(&lang, &p, end, 0);
	o = fuzz_tree(&lang, &p, end, 0);
	h.lang = size && (data[0] & 1) ? "en" : "es";
	h.outcome = o;
	for (size_t i = 0; i < 3; i++) {
		pt_value *opts = pt_value_map(NULL), *v = NULL;
		const pt_value *given = d && d->type == PT_VALUE_MAP ? pt_value_get(d, "opts") : NULL;

		pt_value_setc(opts, "view", pt_value_cstr(NULL, views[i]));
		pt_value_setc(opts, "subject", pt_value_cstr(NULL, given && given->type == PT_VALUE_MAP
			&& pt_value_get(given, "subject") && pt_value_get(given, "subject")->type == PT_VALUE_STRING
			? pt_value_get(given, "subject")->u.s.s : "amecameca"));
		if (d && d->type == PT_VALUE_MAP) {
			pt_request_put(d, "opts", opts);
		} else {
			pt_value_free(opts);
		}
		pt_error_clear(&err);
		must(pt_fragment_instrument_view(d, &h, NULL, &v, &err) == PT_OK && v);
		if (templates) {
			pt_buf out;

			pt_buf_init(&out, NULL);
			must(pt_fragment_render(i == 2 ? "instrument-report" : "instrument-form", v, &out, &err) == PT_OK);
			pt_buf_free(&out);
		}
		pt_value_free(v);
	}
	/* the form's meaning over the tree as an outcome */
	if (o && o->type == PT_VALUE_MAP) {
		pt_status s;

		if (!pt_value_get(o, "errors") || pt_value_get(o, "errors")->type != PT_VALUE_MAP) {
			pt_request_put(o, "errors", pt_value_map(NULL));   /* as pt_request_check() starts every outcome */
		}
		pt_error_clear(&err);
		s = pt_instrument_form_prepare(o, "wp:1", &h, NULL, &err);
		must(s == PT_OK || s == PT_ERR_INVALID);
		if (s == PT_OK) {
			const pt_value *pr = pt_value_get(o, "prepared");

			must(pr && pt_value_get(pr, "answers") && pt_value_get(pr, "answers")->type == PT_VALUE_MAP);
		} else {
			must(!strcmp(err.message, "Revisa los datos marcados."));
		}
	}
	pt_value_free(d);
	pt_value_free(o);
	return 0;
}
