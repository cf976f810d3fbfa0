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
 *               of the locked graph, repeatedly. Cycle checks on the
 *               transitive closure kept as bit rows: O(m^2 log m + m^3).
 * copeland      1 point per pairwise win, 1/2 per pairwise tie (kept
 *               doubled, exact). O(m^2).
 * For all three, a tie for the last seat (winners) is broken by lottery
 * (seed) or candidate order and recorded.
 */
#include "core/tally/tally_internal.h"

#include <stdlib.h>
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

/*
 * The transitive closure of the locked graph, one bit row per candidate:
 * reach[x] holds every candidate reachable from x, x included. Locking
 * w -> l closes a cycle exactly when w is in reach[l] (what a depth-first
 * search from l would find). After locking, every x that reaches w and did
 * not reach l yet now reaches all of reach[l]. A check is O(1), a lock
 * that adds reachability O(m + m^2 / 64): O(m^3) in all, within
 * PT_TALLY_MAX_STEPS for PT_TALLY_MAX_SQUARE_CANDIDATES.
 */
typedef uint64_t rp_word;

static int rp_has(const rp_word *reach, size_t words, uint32_t from, uint32_t to)
{
	return (int)((reach[(size_t)from * words + to / 64] >> (to % 64)) & 1);
}

static void rp_lock(rp_word *reach, size_t words, uint32_t m, uint32_t w, uint32_t l)
{
	const rp_word *rl = reach + (size_t)l * words;
	uint32_t x;
	size_t k;

	if (rp_has(reach, words, w, l)) {
		return;  /* already implied: nothing new is reachable */
	}
	for (x = 0; x < m; x++) {
		rp_word *rx = reach + (size_t)x * words;

		if (rp_has(reach, words, x, w) && !rp_has(reach, words, x, l)) {
			for (k = 0; k < words; k++) {
				rx[k] |= rl[k];
			}
		}
	}
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

pt_status pt_tally_ranked_pairs(const pt_profile *p, const pt_tally_options *o,
	pt_tally_result *r, pt_error *err)
{
	uint32_t m = p->ncand, i, j, np = 0, *idx = NULL, *pos = NULL, *tbr = NULL;
	size_t mm = (size_t)m * m + 1, words = (m + 63) / 64;
	int64_t *d = pairwise_build(p), *margins = NULL;
	uint8_t *locked = pt_calloc(p->alloc, mm, 1);
	rp_word *reach = pt_calloc(p->alloc, (size_t)m * words + 1, sizeof(rp_word));
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
	margins = pt_alloc(p->alloc, mm * sizeof(int64_t));
	lockedv = pt_value_list(p->alloc);
	skippedv = pt_value_list(p->alloc);
	if (!d || !locked || !reach || !pairs || !idx || !pos || !tbr || !margins || !lockedv || !skippedv) {
		goto done;
	}
	for (i = 0; i < m; i++) {
		reach[(size_t)i * words + i / 64] |= (rp_word)1 << (i % 64);
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
		/* two pairs with the same margin? (sorted copy: O(np log np)) */
		int need = 0;
		uint32_t a;

		for (a = 0; a < np; a++) {
			margins[a] = pairs[a].margin;
		}
		qsort(margins, np, sizeof(int64_t), cmp_i64);
		for (a = 1; a < np && !need; a++) {
			need = margins[a] == margins[a - 1];
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
			int cyc = rp_has(reach, words, pr->l, pr->w);

			if (!cyc) {
				locked[(size_t)pr->w * m + pr->l] = 1;
				rp_lock(reach, words, m, pr->w, pr->l);
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
	pt_free(p->alloc, reach);
	pt_free(p->alloc, pairs);
	pt_free(p->alloc, idx);
	pt_free(p->alloc, pos);
	pt_free(p->alloc, tbr);
	pt_free(p->alloc, margins);
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
