/*
 * approval: most approvals. Options min_choices / max_choices bound the
 * size of each ballot (checked when ballots are parsed). Winners: the
 * `seats` (default 1) most approved; ties across the last seat: lottery
 * (seed) or candidate order. O(approvals + m log m).
 */
#include "core/tally/tally_internal.h"

pt_status pt_tally_approval(const pt_profile *p, const pt_tally_options *o,
	pt_tally_result *r, pt_error *err)
{
	int64_t *counts = pt_calloc(p->alloc, p->ncand + 1, sizeof(int64_t));
	tiers t = { 0 };
	tiebreak tb;
	size_t b, i;
	int ok;

	if (!counts) {
		return NOMEM(err);
	}
	for (b = 0; b < p->n; b++) {
		for (i = p->start[b]; i < p->start[b + 1]; i++) {
			counts[p->items[i]] += p->weights[b];
		}
	}
	tb_init(&tb, p, o, r);
	ok = tiers_by_keys(p, &t, counts) && tiers_to_result(p, &t, r)
		&& winners_top_k(&tb, &t, o->seats ? o->seats : 1)
		&& pt_value_setc(r->details, "approvals", v_cand_ints(p, counts)) == PT_OK;
	tiers_free(p->alloc, &t);
	pt_free(p->alloc, counts);
	return ok ? PT_OK : NOMEM(err);
}
