/*
 * irv: instant-runoff.
 *
 * Each ranking is read up to its first tie (a tied preference is ambiguous:
 * the ballot is exhausted there, as Scottish rules treat such papers).
 * Identical sequences are merged first, and each candidate keeps a pile
 * (linked list) of its ballots, so a round only moves the eliminated
 * candidate's ballots. Every round counts each ballot for its first continuing
 * candidate; a candidate with more than half of the ballots still active
 * wins; otherwise the candidate with the fewest votes is eliminated.
 * A tie for fewest votes is broken by the previous rounds (the one with
 * fewer votes in the latest round where they differ is eliminated), then
 * by lottery (seed) or candidate order (the last candidate given is
 * eliminated); each such tie is recorded.
 * Ranking: the winner, then the others in reverse order of elimination.
 * O(ballots + transfers + rounds x m).
 *
 * A compact profile of at most PT_TALLY_MASK_CANDIDATES candidates is counted without piles
 * nor sequences: as it read the ballots it added each one's weight to first[c][P] for each
 * candidate c of its sequence, P the set of candidates before c (PT_TALLY_FIRSTS, tally.h).
 * A round's tally of a continuing c is the sum of first[c][P] over the sets P of eliminated
 * candidates (c is the first continuing choice of exactly those ballots), and the exhausted
 * weight is what no tally holds: the same tallies as the piles give, so the same rounds, ties
 * and result. O(m x 2^m) after the reading.
 */
#include "core/tally/tally_internal.h"

#include <string.h>

/* The sum of first[c][P] over the subsets P of `out` (the eliminated). */
static int64_t first_sum(const int64_t *row, uint32_t out)
{
	int64_t sum = 0;
	uint32_t set = out;

	for (;;) {
		sum += row[set];
		if (!set) {
			return sum;
		}
		set = (set - 1) & out;
	}
}

uint32_t pt_tally_pick_loser(tiebreak *tb, uint32_t *tied, size_t n, const int64_t *hist,
	size_t rounds, uint32_t m, const char *stage, long round, int want_best)
{
	uint32_t all[64], *orig = n <= 64 ? all : pt_alloc(tb->p->alloc, n * sizeof(uint32_t));
	size_t k = n, i, rr;
	uint32_t out;

	if (!orig) {
		tb->ok = 0;
		return tied[n - 1];
	}
	memcpy(orig, tied, n * sizeof(uint32_t));
	/* latest earlier round first */
	for (rr = rounds; rr-- > 0 && k > 1;) {
		const int64_t *h = hist + rr * m;
		int64_t lo = h[tied[0]];
		size_t nk = 0;

		for (i = 1; i < k; i++) {
			if (want_best ? h[tied[i]] > lo : h[tied[i]] < lo) {
				lo = h[tied[i]];
			}
		}
		for (i = 0; i < k; i++) {
			if (h[tied[i]] == lo) {
				tied[nk++] = tied[i];
			}
		}
		if (nk < k && nk == 1) {
			tb_record(tb, stage, round, orig, n, tied, 1, "previous rounds");
		}
		k = nk;
	}
	if (k > 1) {
		tb_order(tb, tied, k, stage, round);
	}
	out = want_best ? tied[0] : tied[k - 1];
	if (orig != all) {
		pt_free(tb->p->alloc, orig);
	}
	return out;
}

pt_status pt_tally_irv(const pt_profile *p, const pt_tally_options *o,
	pt_tally_result *r, pt_error *err)
{
	uint32_t m = p->ncand, ncont = m, *pos = NULL, *elim = NULL, nelim = 0, *tied = NULL;
	uint32_t winner = UINT32_MAX, *next = NULL, *head = NULL, c0;
	int64_t *hist = NULL, *tal = NULL, active = 0, exhausted = 0;
	uint8_t *out = NULL;
	pt_value *rounds = pt_value_list(p->alloc);
	seqs s = { 0 };
	tiebreak tb;
	size_t round = 0, g;
	int ok = 0;
	/* the sets of a compact profile instead of piles (the top of this file) */
	const int64_t *first = p->compact && p->masks && p->mask_bits >= m ? p->masks : NULL;
	uint32_t gone = 0, bits = first ? p->mask_bits : 0;

	tb_init(&tb, p, o, r);
	if (!rounds) {
		goto done;
	}
	if (!first && !seqs_build(p, &s, 0)) {
		goto done;
	}
	pos = pt_calloc(p->alloc, s.n + 1, sizeof(uint32_t));
	next = pt_alloc(p->alloc, (s.n + 1) * sizeof(uint32_t));
	head = pt_alloc(p->alloc, (m + 1) * sizeof(uint32_t));
	tal = pt_calloc(p->alloc, m + 1, sizeof(int64_t));
	elim = pt_alloc(p->alloc, (m + 1) * sizeof(uint32_t));
	tied = pt_alloc(p->alloc, (m + 1) * sizeof(uint32_t));
	out = pt_calloc(p->alloc, m + 1, 1);
	hist = pt_calloc(p->alloc, (size_t)(m + 1) * (m + 1), sizeof(int64_t));
	if (!pos || !next || !head || !tal || !elim || !tied || !out || !hist) {
		goto done;
	}
	/* piles: each candidate's ballots in a linked list, so that a round
	 * only moves the eliminated candidate's ballots */
	memset(head, 0xff, (m + 1) * sizeof(uint32_t));
	for (g = 0; g < s.n; g++) {
		if (!seq_len(&s, g)) {
			exhausted += seq_weight(&s, g);
			continue;
		}
		c0 = seq_cand(&s, g, 0);
		tal[c0] += seq_weight(&s, g);
		active += seq_weight(&s, g);
		next[g] = head[c0];
		head[c0] = (uint32_t)g;
	}
	for (c0 = 0; first && c0 < m; c0++) {
		tal[c0] = first[(size_t)c0 << bits];
		active += tal[c0];
	}
	if (first) {
		exhausted = p->total_weight - active;
	}
	ok = 1;
	while (ok && ncont > 0) {
		int64_t best = -1, lo = INT64_MAX;
		uint32_t c, bestc = 0, nt = 0, loser, gi;
		pt_value *rv = pt_value_map(p->alloc), *tv = pt_value_map(p->alloc);

		memcpy(hist + round * m, tal, m * sizeof(int64_t));
		for (c = 0; c < m; c++) {
			if (out[c]) {
				continue;
			}
			if (tal[c] > best) {
				best = tal[c];
				bestc = c;
			}
			if (tal[c] < lo) {
				lo = tal[c];
			}
			if (rv && tv && pt_value_set(tv, p->ids[c], p->id_lens[c], pt_value_int(p->alloc, tal[c])) != PT_OK) {
				tv = NULL;
			}
		}
		ok = rv && tv && pt_value_setc(rv, "round", pt_value_int(p->alloc, (int64_t)round + 1)) == PT_OK
			&& pt_value_setc(rv, "tallies", tv) == PT_OK
			&& pt_value_setc(rv, "exhausted", pt_value_int(p->alloc, exhausted)) == PT_OK;
		if (!ok) {
			pt_value_free(rv);
			if (!rv || !tv) {
				pt_value_free(tv);
			}
			break;
		}
		if (ncont == 1 || (active > 0 && best * 2 > active)) {
			winner = bestc;
			ok = pt_value_setc(rv, "elected", v_id(p, winner)) == PT_OK
				&& pt_value_push(rounds, rv) == PT_OK;
			break;
		}
		for (c = 0; c < m; c++) {
			if (!out[c] && tal[c] == lo) {
				tied[nt++] = c;
			}
		}
		loser = nt == 1 ? tied[0] : pt_tally_pick_loser(&tb, tied, nt, hist, round, m, "elimination", (long)round + 1, 0);
		out[loser] = 1;
		elim[nelim++] = loser;
		ncont--;
		/* move the loser's pile to each ballot's next continuing choice */
		for (gi = first ? UINT32_MAX : head[loser]; gi != UINT32_MAX;) {
			uint32_t nx = next[gi], end = seq_len(&s, gi), to;

			while (pos[gi] < end && out[seq_cand(&s, gi, pos[gi])]) {
				pos[gi]++;
			}
			if (pos[gi] == end) {
				exhausted += seq_weight(&s, gi);
				active -= seq_weight(&s, gi);
			} else {
				to = seq_cand(&s, gi, pos[gi]);
				tal[to] += seq_weight(&s, gi);
				next[gi] = head[to];
				head[to] = gi;
			}
			gi = nx;
		}
		head[loser] = UINT32_MAX;
		tal[loser] = 0;
		if (first) {
			/* or the tallies read off the sets */
			gone |= 1u << loser;
			active = 0;
			for (c = 0; c < m; c++) {
				tal[c] = out[c] ? 0 : first_sum(first + ((size_t)c << bits), gone);
				active += tal[c];
			}
			exhausted = p->total_weight - active;
		}
		ok = pt_value_setc(rv, "eliminated", v_id(p, loser)) == PT_OK
			&& pt_value_push(rounds, rv) == PT_OK && tb.ok;
		round++;
	}
	if (ok && winner != UINT32_MAX) {
		uint32_t i;

		ok = winners_set(p, r, &winner, 1)
			&& pt_value_push(r->ranking, v_ids(p, &winner, 1)) == PT_OK;
		/* still in the race when the winner was found: by their last tallies */
		{
			const int64_t *last = hist + round * m;
			uint32_t n = 0, c, j;

			for (c = 0; c < m; c++) {
				if (!out[c] && c != winner) {
					for (j = n; j > 0 && last[tied[j - 1]] < last[c]; j--) {
						tied[j] = tied[j - 1];
					}
					tied[j] = c;
					n++;
				}
			}
			for (i = 0; ok && i < n;) {
				for (j = i; j < n && last[tied[j]] == last[tied[i]]; j++);
				ok = pt_value_push(r->ranking, v_ids(p, tied + i, j - i)) == PT_OK;
				i = j;
			}
		}
		for (i = nelim; ok && i-- > 0;) {
			ok = pt_value_push(r->ranking, v_ids(p, &elim[i], 1)) == PT_OK;
		}
	}
	ok = ok && pt_value_setc(r->details, "rounds", rounds) == PT_OK;
	rounds = NULL;
done:
	pt_value_free(rounds);
	seqs_free(p->alloc, &s);
	pt_free(p->alloc, pos);
	pt_free(p->alloc, next);
	pt_free(p->alloc, head);
	pt_free(p->alloc, tal);
	pt_free(p->alloc, elim);
	pt_free(p->alloc, tied);
	pt_free(p->alloc, out);
	pt_free(p->alloc, hist);
	return ok && tb.ok ? PT_OK : NOMEM(err);
}
