/*
 * majority_judgment: highest median grade, with the standard tie-break of
 * Balinski and Laraki.
 *
 * Grades are integers in [min, max] (defaults 0..10; higher is better; at
 * most 1001 distinct grades). A candidate a ballot does not grade gets the
 * lowest grade from it (the usual "reject" reading of a missing grade), so
 * every candidate is judged by the same total weight W.
 * The median is the lower median. Tie-break: remove one median grade from
 * each tied candidate and compare the medians again, as often as needed;
 * that sequence is computed in jumps over grade runs, so the comparison
 * costs O(grades) whatever W is. Candidates whose whole sequences agree
 * share a tier; a tie across the last seat goes to lottery (seed) or
 * candidate order. O(ballots x grades given + m log m x grades).
 */
#include "core/tally/tally_internal.h"

#include <stdio.h>

typedef struct mj {
	uint32_t R;          /* number of grades */
	int64_t W;
	const int64_t *cum;  /* m x R: cum[c*R + g] = weight with grade <= g */
} mj;

/* grade index at sorted (ascending) position pos, and its run [*lo, *hi] */
static uint32_t grade_at(const mj *x, uint32_t c, int64_t pos, int64_t *lo, int64_t *hi)
{
	const int64_t *cu = x->cum + (size_t)c * x->R;
	uint32_t a = 0, b = x->R - 1;

	while (a < b) {
		uint32_t mid = (a + b) / 2;

		if (cu[mid] > pos) {
			b = mid;
		} else {
			a = mid + 1;
		}
	}
	*lo = a ? cu[a - 1] : 0;
	*hi = cu[a] - 1;
	return a;
}

static int cmp_mj(uint32_t a, uint32_t b, void *ctx)
{
	const mj *x = ctx;
	int64_t m0, p, q, la, ha, lb, hb, tl = INT64_MAX, tr = INT64_MAX;
	uint32_t ga, gb, gla = 0, glb = 0, gra = 0, grb = 0;
	int odd;

	if (x->W == 0) {
		return 0;
	}
	m0 = (x->W - 1) / 2;
	odd = x->W % 2;
	ga = grade_at(x, a, m0, &la, &ha);
	gb = grade_at(x, b, m0, &lb, &hb);
	if (ga != gb) {
		return ga > gb ? -1 : 1;
	}
	for (p = m0 - 1; p >= 0;) {
		gla = grade_at(x, a, p, &la, &ha);
		glb = grade_at(x, b, p, &lb, &hb);
		if (gla != glb) {
			tl = (odd ? 1 : 2) + 2 * (m0 - 1 - p);
			break;
		}
		p = (la > lb ? la : lb) - 1;
	}
	for (q = m0 + 1; q < x->W;) {
		gra = grade_at(x, a, q, &la, &ha);
		grb = grade_at(x, b, q, &lb, &hb);
		if (gra != grb) {
			tr = (odd ? 2 : 1) + 2 * (q - m0 - 1);
			break;
		}
		q = (ha < hb ? ha : hb) + 1;
	}
	if (tl == INT64_MAX && tr == INT64_MAX) {
		return 0;
	}
	if (tl < tr) {
		return gla > glb ? -1 : 1;
	}
	return gra > grb ? -1 : 1;
}

pt_status pt_tally_mj(const pt_profile *p, const pt_tally_options *o,
	pt_tally_result *r, pt_error *err)
{
	uint32_t m = p->ncand, c, g, R;
	int64_t *cum = NULL, W = p->total_weight;
	pt_value *med = NULL, *dist = NULL;
	tiers t = { 0 };
	tiebreak tb;
	size_t b, i;
	mj x;
	int ok;

	if (o->max - o->min > 1000 || o->max < o->min) {
		return pt_error_set(err, PT_ERR_INVALID, "majority_judgment: at most 1001 grades (min..max)");
	}
	R = (uint32_t)(o->max - o->min + 1);
	if ((uint64_t)m * R > PT_TALLY_MAX_GRADE_CELLS) {
		return pt_error_set(err, PT_ERR_INVALID,
			"majority_judgment: demasiados candidatos x calificaciones (%u x %u; el máximo es %u)",
			m, R, PT_TALLY_MAX_GRADE_CELLS);
	}
	cum = pt_calloc(p->alloc, (size_t)(m ? m : 1) * R, sizeof(int64_t));
	if (!cum) {
		return NOMEM(err);
	}
	for (b = 0; b < p->n; b++) {
		for (i = p->start[b]; i < p->start[b + 1]; i++) {
			cum[(size_t)p->items[i] * R + (uint32_t)(p->values[i] - o->min)] += p->weights[b];
		}
	}
	med = pt_value_map(p->alloc);
	dist = pt_value_map(p->alloc);
	ok = med && dist;
	for (c = 0; ok && c < m; c++) {
		int64_t *cu = cum + (size_t)c * R, graded = 0;
		pt_value *dv = pt_value_map(p->alloc);

		for (g = 0; g < R; g++) {
			graded += cu[g];
		}
		cu[0] += W - graded;   /* ungraded = lowest grade */
		for (g = 0; dv && g < R; g++) {
			char key[32];
			int kl = snprintf(key, sizeof(key), "%lld", (long long)(o->min + g));

			if (cu[g] && pt_value_set(dv, key, (size_t)kl, pt_value_int(p->alloc, cu[g])) != PT_OK) {
				dv = NULL;
			}
		}
		ok = pt_value_set(dist, p->ids[c], p->id_lens[c], dv) == PT_OK;
		for (g = 1; g < R; g++) {
			cu[g] += cu[g - 1];
		}
	}
	x.R = R;
	x.W = W;
	x.cum = cum;
	for (c = 0; ok && c < m; c++) {
		int64_t lo, hi;

		ok = pt_value_set(med, p->ids[c], p->id_lens[c], W ? pt_value_int(p->alloc,
			o->min + grade_at(&x, c, (W - 1) / 2, &lo, &hi)) : pt_value_null(p->alloc)) == PT_OK;
	}
	tb_init(&tb, p, o, r);
	ok = ok && tiers_by_cmp(p, &t, cmp_mj, &x) && tiers_to_result(p, &t, r)
		&& winners_top_k(&tb, &t, o->seats ? o->seats : 1);
	if (ok) {
		ok = pt_value_setc(r->details, "medians", med) == PT_OK;
		med = NULL;
	}
	if (ok) {
		ok = pt_value_setc(r->details, "grades", dist) == PT_OK;
		dist = NULL;
	}
	pt_value_free(med);
	pt_value_free(dist);
	tiers_free(p->alloc, &t);
	pt_free(p->alloc, cum);
	return ok ? PT_OK : NOMEM(err);
}
