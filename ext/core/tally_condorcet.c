/*
 * The Condorcet family, sharing the pairwise matrix d[i][j] (weight of the
 * ballots that rank i strictly above j; unranked candidates are below every
 * ranked one and tied among themselves).
 *
 * schulze       beatpath with winning votes: a link i->j has strength
 *               d[i][j] when d[i][j] > d[j][i], else none; strongest paths
 *               by Floyd-Warshall (widest path). i ranks above j when
 *               p[i][j] > p[j][i]. Ranking tiers: repeatedly the candidates
 *               no remaining candidate beats. O(m^3).
 * ranked_pairs  Tideman with margins: pairs sorted by margin, locked unless
 *               they close a cycle. Pairs with equal margins are ordered
 *               by a tie-breaking ranking of the candidates (the lottery
 *               with a seed, else candidate order): the pair whose winner
 *               ranks higher first, then the one whose loser ranks lower.
 *               That order is recorded in tieBreaks only when it mattered
 *               (a pair of the group was skipped). Ranking tiers: sources
 *               of the locked graph, repeatedly. O(m^2 log m + m^4) worst.
 * copeland      1 point per pairwise win, 1/2 per pairwise tie (kept
 *               doubled, exact). O(m^2).
 * For all three, a tie for the last seat (winners) is broken by lottery
 * (seed) or candidate order and recorded.
 */
#include "tally_internal.h"

#include <string.h>

/* Tiers from a strict "beats" relation: repeatedly those not beaten by any
 * remaining candidate. */
static int tiers_unbeaten(const pt_profile *p, tiers *t, const uint8_t *beats)
{
	uint32_t m = p->ncand, placed = 0, tier = 0, i, j;
	uint8_t *done = pt_calloc(p->alloc, m + 1, 1), *now = pt_calloc(p->alloc, m + 1, 1);

	if (!done || !now || !tiers_alloc(p->alloc, t, m)) {
		pt_free(p->alloc, done);
		pt_free(p->alloc, now);
		return 0;
	}
	while (placed < m) {
		uint32_t added = 0;

		for (i = 0; i < m; i++) {
			now[i] = 0;
			if (done[i]) {
				continue;
			}
			for (j = 0; j < m; j++) {
				if (!done[j] && beats[(size_t)j * m + i]) {
					break;
				}
			}
			now[i] = j == m;
		}
		for (i = 0; i < m; i++) {
			if (now[i]) {
				t->order[placed] = i;
				t->tier[placed++] = tier;
				done[i] = 1;
				added++;
			}
		}
		if (!added) {
			/* a cycle: cannot happen for the relations used here; place the rest together */
			for (i = 0; i < m; i++) {
				if (!done[i]) {
					t->order[placed] = i;
					t->tier[placed++] = tier;
					done[i] = 1;
				}
			}
		}
		tier++;
	}
	pt_free(p->alloc, done);
	pt_free(p->alloc, now);
	return 1;
}

pt_status pt_tally_schulze(const pt_profile *p, const pt_tally_options *o,
	pt_tally_result *r, pt_error *err)
{
	uint32_t m = p->ncand, i, j, k;
	size_t mm = (size_t)m * m + 1;
	int64_t *d = pairwise_build(p), *ps = pt_alloc(p->alloc, mm * sizeof(int64_t));
	uint8_t *beats = pt_calloc(p->alloc, mm, 1);
	tiers t = { 0 };
	tiebreak tb;
	int ok;

	if (!d || !ps || !beats) {
		pt_free(p->alloc, d);
		pt_free(p->alloc, ps);
		pt_free(p->alloc, beats);
		return NOMEM(err);
	}
	for (i = 0; i < m; i++) {
		for (j = 0; j < m; j++) {
			int64_t x = d[(size_t)i * m + j];

			ps[(size_t)i * m + j] = i != j && x > d[(size_t)j * m + i] ? x : 0;
		}
	}
	for (k = 0; k < m; k++) {
		for (i = 0; i < m; i++) {
			int64_t ik = ps[(size_t)i * m + k];

			if (i == k || ik == 0) {
				continue;
			}
			for (j = 0; j < m; j++) {
				int64_t kj = ps[(size_t)k * m + j], v = ik < kj ? ik : kj;

				if (j != i && j != k && v > ps[(size_t)i * m + j]) {
					ps[(size_t)i * m + j] = v;
				}
			}
		}
	}
	for (i = 0; i < m; i++) {
		for (j = 0; j < m; j++) {
			beats[(size_t)i * m + j] = ps[(size_t)i * m + j] > ps[(size_t)j * m + i];
		}
	}
	tb_init(&tb, p, o, r);
	ok = tiers_unbeaten(p, &t, beats) && tiers_to_result(p, &t, r)
		&& winners_top_k(&tb, &t, o->seats ? o->seats : 1)
		&& pt_value_setc(r->details, "pairwise", v_matrix(p, d)) == PT_OK
		&& pt_value_setc(r->details, "strongest_paths", v_matrix(p, ps)) == PT_OK;
	tiers_free(p->alloc, &t);
	pt_free(p->alloc, d);
	pt_free(p->alloc, ps);
	pt_free(p->alloc, beats);
	return ok ? PT_OK : NOMEM(err);
}

typedef struct rp_pair {
	uint32_t w, l;
	int64_t margin;
} rp_pair;

typedef struct rp_ctx {
	rp_pair *pairs;
	const uint32_t *pos;   /* tie-breaking rank of each candidate */
} rp_ctx;

static int cmp_pair(uint32_t a, uint32_t b, void *ctx)
{
	const rp_ctx *c = ctx;
	const rp_pair *x = &c->pairs[a], *y = &c->pairs[b];

	if (x->margin != y->margin) {
		return x->margin > y->margin ? -1 : 1;
	}
	if (x->w != y->w) {
		return c->pos[x->w] < c->pos[y->w] ? -1 : 1;
	}
	if (x->l != y->l) {
		return c->pos[x->l] > c->pos[y->l] ? -1 : 1;
	}
	return 0;
}

/* Is `to` reachable from `from` in the locked graph? */
static int reaches(const uint8_t *g, uint32_t m, uint32_t from, uint32_t to, uint32_t *stack, uint8_t *vis)
{
	uint32_t sp = 0, i;

	memset(vis, 0, m);
	stack[sp++] = from;
	vis[from] = 1;
	while (sp) {
		uint32_t x = stack[--sp];

		if (x == to) {
			return 1;
		}
		for (i = 0; i < m; i++) {
			if (g[(size_t)x * m + i] && !vis[i]) {
				vis[i] = 1;
				stack[sp++] = i;
			}
		}
	}
	return 0;
}

pt_status pt_tally_ranked_pairs(const pt_profile *p, const pt_tally_options *o,
	pt_tally_result *r, pt_error *err)
{
	uint32_t m = p->ncand, i, j, np = 0, *idx = NULL, *pos = NULL, *tbr = NULL, *stack = NULL;
	size_t mm = (size_t)m * m + 1;
	int64_t *d = pairwise_build(p);
	uint8_t *locked = pt_calloc(p->alloc, mm, 1), *vis = pt_alloc(p->alloc, m + 1);
	rp_pair *pairs = pt_alloc(p->alloc, mm * sizeof(rp_pair));
	pt_value *lockedv = NULL, *skippedv = NULL;
	tiers t = { 0 };
	tiebreak tb;
	rp_ctx ctx;
	int ok = 0;
	size_t g0;

	idx = pt_alloc(p->alloc, mm * sizeof(uint32_t));
	pos = pt_alloc(p->alloc, (m + 1) * sizeof(uint32_t));
	tbr = pt_alloc(p->alloc, (m + 1) * sizeof(uint32_t));
	stack = pt_alloc(p->alloc, (mm + 1) * sizeof(uint32_t));
	lockedv = pt_value_list(p->alloc);
	skippedv = pt_value_list(p->alloc);
	if (!d || !locked || !vis || !pairs || !idx || !pos || !tbr || !stack || !lockedv || !skippedv) {
		goto done;
	}
	tb_init(&tb, p, o, r);
	for (i = 0; i < m; i++) {
		for (j = 0; j < m; j++) {
			int64_t mg = d[(size_t)i * m + j] - d[(size_t)j * m + i];

			if (i != j && mg > 0) {
				pairs[np].w = i;
				pairs[np].l = j;
				pairs[np].margin = mg;
				idx[np] = np;
				np++;
			}
		}
	}
	/* the tie-breaking ranking of candidates (only drawn when needed) */
	for (i = 0; i < m; i++) {
		tbr[i] = i;
	}
	{
		int need = 0;
		uint32_t a, b2;

		for (a = 0; a < np && !need; a++) {
			for (b2 = a + 1; b2 < np; b2++) {
				if (pairs[a].margin == pairs[b2].margin) {
					need = 1;
					break;
				}
			}
		}
		if (need && o->has_seed) {
			for (i = m ? m - 1 : 0; i > 0; i--) {
				uint32_t k = (uint32_t)(tb_next(&tb) % (i + 1)), x = tbr[i];

				tbr[i] = tbr[k];
				tbr[k] = x;
			}
		}
	}
	for (i = 0; i < m; i++) {
		pos[tbr[i]] = i;
	}
	ctx.pairs = pairs;
	ctx.pos = pos;
	if (!sort_cands(p->alloc, idx, np, cmp_pair, &ctx)) {
		goto done;
	}
	ok = 1;
	for (g0 = 0; ok && g0 < np;) {
		size_t g1 = g0, q;
		int skipped_in_group = 0;

		while (g1 < np && pairs[idx[g1]].margin == pairs[idx[g0]].margin) {
			g1++;
		}
		for (q = g0; ok && q < g1; q++) {
			rp_pair *pr = &pairs[idx[q]];
			pt_value *e = pt_value_map(p->alloc);
			int cyc = reaches(locked, m, pr->l, pr->w, stack, vis);

			if (!cyc) {
				locked[(size_t)pr->w * m + pr->l] = 1;
			} else {
				skipped_in_group = 1;
			}
			ok = e && pt_value_setc(e, "winner", v_id(p, pr->w)) == PT_OK
				&& pt_value_setc(e, "loser", v_id(p, pr->l)) == PT_OK
				&& pt_value_setc(e, "margin", pt_value_int(p->alloc, pr->margin)) == PT_OK;
			if (ok) {
				ok = pt_value_push(cyc ? skippedv : lockedv, e) == PT_OK;
			} else {
				pt_value_free(e);
			}
		}
		if (ok && skipped_in_group && g1 - g0 > 1) {
			/* the order within the group decided what was locked: record the
			 * candidates involved, in tie-breaking order */
			uint32_t *inv = pt_alloc(p->alloc, (m + 1) * sizeof(uint32_t)), n = 0, c;
			uint8_t *in = pt_calloc(p->alloc, m + 1, 1);

			if (!inv || !in) {
				ok = 0;
			} else {
				for (q = g0; q < g1; q++) {
					in[pairs[idx[q]].w] = in[pairs[idx[q]].l] = 1;
				}
				for (c = 0; c < m; c++) {
					if (in[tbr[c]]) {
						inv[n++] = tbr[c];
					}
				}
				{
					uint32_t *sorted = pt_alloc(p->alloc, (n + 1) * sizeof(uint32_t));

					if (!sorted) {
						ok = 0;
					} else {
						for (c = 0, q = 0; c < m; c++) {
							if (in[c]) {
								sorted[q++] = c;
							}
						}
						tb_record(&tb, "pair order", (long)pairs[idx[g0]].margin, sorted, n, inv, n,
							o->has_seed ? "lottery" : "candidate order");
						pt_free(p->alloc, sorted);
					}
				}
			}
			pt_free(p->alloc, inv);
			pt_free(p->alloc, in);
		}
		g0 = g1;
	}
	ok = ok && tiers_unbeaten(p, &t, locked) && tiers_to_result(p, &t, r)
		&& winners_top_k(&tb, &t, o->seats ? o->seats : 1) && tb.ok
		&& pt_value_setc(r->details, "pairwise", v_matrix(p, d)) == PT_OK
		&& pt_value_setc(r->details, "locked", lockedv) == PT_OK;
	lockedv = NULL;
	ok = ok && pt_value_setc(r->details, "skipped", skippedv) == PT_OK;
	skippedv = NULL;
done:
	tiers_free(p->alloc, &t);
	pt_value_free(lockedv);
	pt_value_free(skippedv);
	pt_free(p->alloc, d);
	pt_free(p->alloc, locked);
	pt_free(p->alloc, vis);
	pt_free(p->alloc, pairs);
	pt_free(p->alloc, idx);
	pt_free(p->alloc, pos);
	pt_free(p->alloc, tbr);
	pt_free(p->alloc, stack);
	return ok ? PT_OK : NOMEM(err);
}

pt_status pt_tally_copeland(const pt_profile *p, const pt_tally_options *o,
	pt_tally_result *r, pt_error *err)
{
	uint32_t m = p->ncand, i, j;
	int64_t *d = pairwise_build(p), *s2 = pt_calloc(p->alloc, m + 1, sizeof(int64_t));
	pt_value *sv = NULL;
	tiers t = { 0 };
	tiebreak tb;
	int ok;

	if (!d || !s2) {
		pt_free(p->alloc, d);
		pt_free(p->alloc, s2);
		return NOMEM(err);
	}
	for (i = 0; i < m; i++) {
		for (j = 0; j < m; j++) {
			if (i != j) {
				int64_t a = d[(size_t)i * m + j], b = d[(size_t)j * m + i];

				s2[i] += a > b ? 2 : a == b ? 1 : 0;
			}
		}
	}
	tb_init(&tb, p, o, r);
	ok = tiers_by_keys(p, &t, s2) && tiers_to_result(p, &t, r)
		&& winners_top_k(&tb, &t, o->seats ? o->seats : 1)
		&& pt_value_setc(r->details, "pairwise", v_matrix(p, d)) == PT_OK
		&& (sv = pt_value_map(p->alloc)) != NULL;
	for (i = 0; ok && i < m; i++) {
		ok = pt_value_set(sv, p->ids[i], p->id_lens[i], pt_value_rational(p->alloc, s2[i], 2)) == PT_OK;
	}
	if (sv) {
		ok = ok ? pt_value_setc(r->details, "scores", sv) == PT_OK : (pt_value_free(sv), 0);
	}
	tiers_free(p->alloc, &t);
	pt_free(p->alloc, d);
	pt_free(p->alloc, s2);
	return ok ? PT_OK : NOMEM(err);
}
