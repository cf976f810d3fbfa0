/*
 * score: highest total score, or highest mean with 'aggregate' => 'mean'.
 *
 * Scores are integers in [min, max] (defaults 0..10, checked at parsing).
 * A candidate a ballot does not score gets nothing from it: it adds 0 to
 * the total and does not count in the mean's denominator. Means are
 * compared exactly (cross products); a candidate nobody scored ranks last.
 * Winners: the `seats` best; ties across the last seat: lottery (seed) or
 * candidate order. O(scores + m log m).
 */
#include "core/tally/tally_internal.h"

typedef struct mean_ctx {
	const int64_t *total, *count;
} mean_ctx;

static int cmp_mean(uint32_t a, uint32_t b, void *ctx)
{
	const mean_ctx *m = ctx;

	if (!m->count[a] || !m->count[b]) {
		return (m->count[a] == 0) - (m->count[b] == 0);
	}
	return -frac_cmp(m->total[a], m->count[a], m->total[b], m->count[b]);
}

pt_status pt_tally_score(const pt_profile *p, const pt_tally_options *o,
	pt_tally_result *r, pt_error *err)
{
	int64_t *total = pt_calloc(p->alloc, p->ncand + 1, sizeof(int64_t));
	int64_t *count = pt_calloc(p->alloc, p->ncand + 1, sizeof(int64_t));
	mean_ctx mc = { total, count };
	tiers t = { 0 };
	tiebreak tb;
	pt_value *means = NULL;
	size_t b, i;
	uint32_t c;
	int ok;

	if (!total || !count) {
		pt_free(p->alloc, total);
		pt_free(p->alloc, count);
		return NOMEM(err);
	}
	for (b = 0; b < p->n; b++) {
		for (i = p->start[b]; i < p->start[b + 1]; i++) {
			total[p->items[i]] += p->weights[b] * p->values[i];
			count[p->items[i]] += p->weights[b];
		}
	}
	tb_init(&tb, p, o, r);
	ok = (o->aggregate == PT_AGGREGATE_MEAN ? tiers_by_cmp(p, &t, cmp_mean, &mc)
		: tiers_by_keys(p, &t, total)) && tiers_to_result(p, &t, r)
		&& winners_top_k(&tb, &t, o->seats ? o->seats : 1)
		&& pt_value_setc(r->details, "totals", v_cand_ints(p, total)) == PT_OK
		&& pt_value_setc(r->details, "scored_by", v_cand_ints(p, count)) == PT_OK
		&& (means = pt_value_map(p->alloc)) != NULL;
	for (c = 0; ok && c < p->ncand; c++) {
		ok = pt_value_set(means, p->ids[c], p->id_lens[c], count[c]
			? pt_value_rational(p->alloc, total[c], count[c]) : pt_value_null(p->alloc)) == PT_OK;
	}
	if (means) {
		ok = (ok ? pt_value_setc(r->details, "means", means) == PT_OK : (pt_value_free(means), 0));
	}
	tiers_free(p->alloc, &t);
	pt_free(p->alloc, total);
	pt_free(p->alloc, count);
	return ok ? PT_OK : NOMEM(err);
}
