/*
 * plurality: most first choices.
 *
 * Ballots are rankings; a single choice 'A' is a ranking of one. Only the
 * first preference counts; a ballot whose first place is tied ('A=B') or
 * empty counts as blank. Ranking: by first choices, equal counts tied.
 * Winners: the `seats` (default 1) most voted; a tie across the last seat
 * is broken by lottery (seed) or candidate order. O(ballots + m log m).
 */
#include "core/tally/tally_internal.h"

pt_status pt_tally_plurality(const pt_profile *p, const pt_tally_options *o,
	pt_tally_result *r, pt_error *err)
{
	int64_t *counts = pt_calloc(p->alloc, p->ncand + 1, sizeof(int64_t)), blank = 0;
	tiers t = { 0 };
	tiebreak tb;
	size_t b;
	int ok;

	if (!counts) {
		return NOMEM(err);
	}
	for (b = 0; b < p->n; b++) {
		uint32_t s = p->start[b], k = p->start[b + 1] - s;

		if (k == 0 || (k > 1 && (p->items[s + 1] & PT_RANK_TIED))) {
			blank += p->weights[b];
		} else {
			counts[PT_RANK_CAND(p->items[s])] += p->weights[b];
		}
	}
	tb_init(&tb, p, o, r);
	ok = tiers_by_keys(p, &t, counts) && tiers_to_result(p, &t, r)
		&& winners_top_k(&tb, &t, o->seats ? o->seats : 1)
		&& pt_value_setc(r->details, "counts", v_cand_ints(p, counts)) == PT_OK
		&& pt_value_setc(r->details, "blank", pt_value_int(p->alloc, blank)) == PT_OK;
	tiers_free(p->alloc, &t);
	pt_free(p->alloc, counts);
	return ok ? PT_OK : NOMEM(err);
}
