/*
 * libFuzzer target: YAML loader + configuration validator.
 *
 *   make -C tests/c /work/main/out/fuzz/fuzz_config
 *   out/fuzz/fuzz_config -max_total_time=60 fuzz/corpus/config
 *
 * Any input must load or fail cleanly (no crash, leak or UB under
 * ASan/UBSan); a configuration that builds must satisfy the territory
 * invariants, and a failed one must come with at least one diagnostic.
 * An input whose first byte is '#' (a YAML comment) is also checked as
 * `participa check` does (the moderation probe). The corpus holds keys with
 * NUL bytes ("a\0b", quoted), deep parent: chains, invisible characters,
 * files that are not configurations.
 */
#include "io/common/yaml_doc.h"
#include "core/site/site_config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void check_config(const pt_config *cfg)
{
	const pt_territory_tree *t = &cfg->territories;
	size_t i;

	for (i = 0; i < t->count; i++) {
		const pt_territory *it = &t->items[i];
		int32_t self = (int32_t)i;

		if (it->pre > it->post || !pt_territory_within(t, self, self)) {
			abort();
		}
		if (pt_territory_find(t, it->id, it->id_len) != self) {
			abort(); /* ids are unique once validated */
		}
		if (it->depth >= PT_TERRITORY_MAX_DEPTH) {
			abort();
		}
		if (it->parent >= 0) {
			if (it->parent >= self || !pt_territory_within(t, self, it->parent)
				|| pt_territory_within(t, it->parent, self)
				|| it->depth != t->items[it->parent].depth + 1) {
				abort();
			}
		} else if (it->depth != 0) {
			abort();
		}
	}
	for (i = 0; i < cfg->assignment_count; i++) {
		const pt_assignment *a = &cfg->assignments[i];

		if (a->role >= cfg->role_count || a->territory >= (int32_t)t->count || !a->participant) {
			abort();
		}
	}
	for (i = 0; i < cfg->role_count; i++) {
		const pt_role *r = &cfg->roles[i];

		if (!r->votes && (r->permissions & PT_PERM_VOTE)) {
			abort();
		}
		if (pt_config_role(cfg, r->id) != r) {
			abort();
		}
	}
	if (!cfg->site_name || !cfg->db.name || !cfg->db.user || (!cfg->db.socket == !cfg->db.host)) {
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pt_ydoc *doc = NULL;
	pt_config *cfg = NULL;
	pt_error err;
	pt_diags diags;
	pt_status st;
	size_t i;

	pt_error_clear(&err);
	if (pt_yaml_load_string("fuzz.yaml", (const char *)data, size, &doc, &err) != PT_OK) {
		if (doc || err.code == PT_OK || !err.message[0]) {
			abort();
		}
		return 0;
	}
	pt_diags_init(&diags);
	{
		pt_config_options opts = { size > 0 && data[0] == '#' };

		st = pt_config_build_ex(doc, &opts, &cfg, &diags);
	}
	if (diags.count > PT_DIAGS_MAX) {
		abort();
	}
	if (st == PT_OK) {
		if (!cfg || diags.count) {
			abort();
		}
		check_config(cfg);
	} else if (cfg || (st == PT_ERR_CONFIG && diags.count == 0)) {
		abort();
	}
	for (i = 1; i < diags.count; i++) {
		/* sorted by position; the "more problems" line (line 0) comes last */
		if (diags.items[i].line != 0 && diags.items[i - 1].line > diags.items[i].line) {
			abort();
		}
	}
	pt_config_free(cfg);
	pt_diags_free(&diags);
	pt_ydoc_free(doc);
	return 0;
}
