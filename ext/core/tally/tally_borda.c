/*
 * borda: positional points, m-1 for a first place down to 0 for the last.
 *
 * Ties and truncated ballots: candidates that share a place share the
 * points of the places they occupy (their average), and candidates a
 * ballot leaves out share the remaining places at the bottom. Equivalently
 * a candidate earns, from each ballot, 1 point for every candidate ranked
 * below it and 1/2 for every candidate tied with it. A blank ballot gives
 * nothing. Points are kept doubled, so they are exact integers; details
 * show them as rationals. Winners: the `seats` best; ties across the last
 * seat: lottery (seed) or candidate order. O(pairwise + m^2).
 */
#include "core/tally/tally_internal.h"

pt_status pt_tally_borda(const pt_profile *p, const pt_tally_options *o,
	pt_tally_result *r, pt_error *err)
{
	uint32_t m = p->ncand, i, j;
	int64_t *d = pairwise_build(p), *pts2 = pt_calloc(p->alloc, m + 1, sizeof(int64_t)), w = 0;
	pt_value *pts = NULL;
	tiers t = { 0 };
	tiebreak tb;
	int ok;

	if (!d || !pts2) {
		pt_free(p->alloc, d);
		pt_free(p->alloc, pts2);
		return NOMEM(err);
	}
	w = pt_tally_nonblank_weight(p);
	for (i = 0; i < m; i++) {
		for (j = 0; j < m; j++) {
			if (i != j) {
				int64_t above = d[(size_t)i * m + j], below = d[(size_t)j * m + i];

				pts2[i] += 2 * above + (w - above - below);
			}
		}
	}
	tb_init(&tb, p, o, r);
	ok = tiers_by_keys(p, &t, pts2) && tiers_to_result(p, &t, r)
		&& winners_top_k(&tb, &t, o->seats ? o->seats : 1)
		&& (pts = pt_value_map(p->alloc)) != NULL;
	for (i = 0; ok && i < m; i++) {
		ok = pt_value_set(pts, p->ids[i], p->id_lens[i], pt_value_rational(p->alloc, pts2[i], 2)) == PT_OK;
	}
	if (pts) {
		ok = ok ? pt_value_setc(r->details, "points", pts) == PT_OK : (pt_value_free(pts), 0);
	}
	tiers_free(p->alloc, &t);
	pt_free(p->alloc, d);
	pt_free(p->alloc, pts2);
	return ok ? PT_OK : NOMEM(err);
}
