/*
 * libFuzzer target: the commitment fragments' view models (core/fragment/commitment_view.h) and
 * the forms' rules (core/fragment/commitment_form.h) over any data tree.
 *
 *   make -C tests/c $PWD/out/fuzz/fuzz_fragment_commitments
 *   out/fuzz/fuzz_fragment_commitments -max_total_time=120 fuzz/corpus/fragment_commitments
 *
 * Input: a small tree language, one byte an operation: 0 null, 1 false, 2 true, 3 an integer
 * (the next byte, signed), 4 a real, 5 a string (the next byte its length, then the bytes),
 * 6 a list, 7 a map (each member: a key byte choosing from the keys the views read, then its
 * value), 8 the end of a list or map; anything else is a short string. The tree is the data of
 * each view (with the site's facts of a fixed configuration), and the outcome a form reads.
 *
 * Invariants (abort on violation): every view builds (PT_OK: odd data reads as absent), the
 * commitment and plan views render through their templates when the templates are found, and
 * a form either makes its call (args present) or refuses with the errors it names.
 */
#include "core/fragment/commitment_form.h"
#include "core/fragment/commitment_view.h"
#include "io/site/config_load.h"
#include "io/template/template_files.h"

#include "fuzz_tree.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const keys[] = {
	"id", "title", "parent", "plan", "theme", "pillars", "status", "status_label", "light", "progress", "weight",
	"depth", "due_date", "start_date", "budget", "objective", "description", "verification", "territory", "children",
	"children_list", "milestones", "due", "done", "evidence", "url", "date", "added_by", "official_answers", "author",
	"body", "created_at", "history", "at", "actor", "note", "action", "parent_record", "may_update", "commitments",
	"assemblies", "attendance", "attendees", "agreements", "text", "commitment", "followups", "may_record", "held_on",
	"place", "agenda", "minutes", "recorded_by", "today", "errors", "draft", "outcome", "form", "message", "ok",
	"evidence_url", "evidence_description",
};
#define KEYS (sizeof(keys) / sizeof(keys[0]))

static pt_config *cfg;

static void must(int ok)
{
	if (!ok) {
		abort();
	}
}

/* The words the tree language's other bytes stand for (fuzz_tree.h). */
static const char *const words[] = { "2026-03-14", "14/03/2026", "45,5", "late", "por-iniciar", "wp:7",
			"https://gob.mx/a", "1,042", "Ana\nBeto", "san-miguel", "pal", "PAL-07", "" };
static const fuzz_tree_words lang = { keys, KEYS, words, sizeof(words) / sizeof(words[0]) };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char yaml[] =
		"site:\n  name: F\ndatabase:\n  socket: /nonexistent.sock\n  name: x\n  user: root\n"
		"territories:\n  - id: iztapalapa\n    name: Iztapalapa\n    children:\n      - { id: san-miguel, name: San Miguel }\n"
		"plans:\n  - { id: pal, title: Plan, period: { from: 2026-01-01, to: 2027-12-31 } }\n"
		"commitments:\n  themes:\n    - { id: presupuesto, label: Presupuesto }\n"
		"  pillars:\n    - { id: transparencia, label: Transparencia }\n"
		"  statuses:\n    - { id: por-iniciar, label: Por iniciar, initial: true }\n    - { id: cumplido, label: Cumplido, closed: true }\n";
	static const char *tpl[] = { "commitment-page", "plan-dashboard", "assembly" };
	pt_status (*views[])(const pt_value *, const pt_fragment_host *, const pt_allocator *, pt_value **, pt_error *) = {
		pt_fragment_commitment_view, pt_fragment_plan_view, pt_fragment_assembly_view };
	static int templates = -1;
	const uint8_t *p = data, *end = data + size;
	pt_fragment_host h = { .url = "/c/?{params}", .instance = "f" };
	pt_value *d, *o;
	pt_commitment_call c;
	pt_error err;
	size_t i;

	if (!cfg) {
		pt_diags diags;

		pt_diags_init(&diags);
		must(pt_config_load_string("f.yaml", yaml, sizeof(yaml) - 1, &cfg, &diags) == PT_OK);
		pt_diags_free(&diags);
	}
	if (templates < 0) {
		templates = access("templates/commitment-page.html", R_OK) == 0;
		pt_fragment_set_templates_dir("templates");
	}
	h.lang = size && (data[0] & 1) ? "en" : NULL;
	d = fuzz_tree(&lang, &p, end, 0);
	o = fuzz_tree(&lang, &p, end, 0);
	h.outcome = o;
	if (d->type == PT_VALUE_MAP) {
		must(pt_fragment_commitment_prepare(cfg, d, PT_FRAGMENT_SITE_TERRITORIES, NULL) == PT_OK);
	}
	for (i = 0; i < 3; i++) {
		pt_value *m = NULL, *ids = pt_fragment_commitment_ids(d, NULL);

		pt_error_clear(&err);
		must(ids != NULL && views[i](d, &h, NULL, &m, &err) == PT_OK && m != NULL);
		if (templates) {
			pt_buf out;

			pt_buf_init(&out, NULL);
			must(pt_fragment_render(tpl[i], m, &out, &err) == PT_OK);
			pt_buf_free(&out);
		}
		pt_value_free(m);
		pt_value_free(ids);
	}
	/* a form over the same tree as its outcome: a call, or a refusal that names its fields */
	if (o->type == PT_VALUE_MAP && pt_value_get(o, "errors") && pt_value_get(o, "errors")->type == PT_VALUE_MAP) {
		for (i = 0; i < 2; i++) {
			pt_status s;

			pt_error_clear(&err);
			s = pt_commitment_form_call(i ? PT_COMMITMENT_FORM_ASSEMBLY : PT_COMMITMENT_FORM_PROGRESS, o, "2026-03-10",
				NULL, &c, &err);
			must((s == PT_OK && c.args) || (s == PT_ERR_INVALID && !c.args && pt_value_get(o, "errors")->u.c.count > 0));
			pt_value_free(c.args);
		}
	}
	pt_value_free(d);
	pt_value_free(o);
	return 0;
}
