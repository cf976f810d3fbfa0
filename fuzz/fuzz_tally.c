/*
 * libFuzzer target: ballot parsing and every tally method.
 *
 * Input: byte 0 picks the method, byte 1 the options (seats, quota,
 * transfer, invalid => count, seed, fixed candidates), the rest is one
 * ballot per line in a small text form per ballot kind:
 *   ranking  'A>B=C'            approval 'A,B'
 *   score    'A:3,B:10'         stance   'agree|role|reason'
 * Invariants checked: a count succeeds or fails with PT_ERR_INVALID;
 * winners are candidates (or 'approved'); no candidate appears twice in
 * the ranking and every candidate appears once for the ranked methods;
 * stv elects min(seats, candidates); a streamed pairwise profile gives the
 * same ranking as the stored one; PB never spends more than the budget.
 *
 * Bounds (issue 13): when byte 2 is '!', byte 3 picks more knobs and the
 * ballots start at byte 4: 400 fixed candidates (beyond what the square
 * methods count), budgets and costs up to 10^18, Add1 increments, weights
 * up to 2^40, thresholds and quorums outside (0, 1], and lowered work
 * budgets. A ballot line '#K' expands to a ranking (or approval) of K
 * generated candidates 'c0'..'cK-1', and '*K' to K one-candidate ballots
 * naming fresh ids, so discovery caps and per-method candidate limits are
 * reached. Checked: discovery never exceeds PT_TALLY_MAX_DISCOVERED, a
 * square method never counts more than PT_TALLY_MAX_SQUARE_CANDIDATES,
 * a Meek stage never iterates beyond PT_TALLY_MEEK_MAX_ITERATIONS, a
 * fraction outside (0, 1] is never counted.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#include "core/tally/tally.h"

static void die(const char *why)
{
	fprintf(stderr, "invariant broken: %s\n", why);
	abort();
}

/* '#K' / '*K' lines: K from the digits (at most 5000). */
static size_t line_count(const char *s, size_t len)
{
	size_t k = 0, i;

	for (i = 1; i < len && i < 5 && s[i] >= '0' && s[i] <= '9'; i++) {
		k = k * 10 + (size_t)(s[i] - '0');
	}
	return k > 5000 ? 5000 : k;
}

static void add_generated(pt_profile *p, const char *s, size_t len, int64_t weight, pt_error *err)
{
	size_t k = line_count(s, len), i;
	char id[16];

	if (s[0] == '*') {
		/* K one-candidate ballots, each with a fresh id */
		for (i = 0; i < k; i++) {
			int n = snprintf(id, sizeof(id), "f%zu", i);

			if (p->kind == PT_BALLOT_RANKING) {
				pt_profile_add_ranking_str(p, weight, id, (size_t)n, err);
			} else if (pt_ballot_begin(p, weight, err) == PT_OK) {
				pt_ballot_item(p, id, (size_t)n, 0, 1, err);
				pt_ballot_end(p, err);
			}
		}
		return;
	}
	/* one ballot naming c0 .. cK-1 */
	if (pt_ballot_begin(p, weight, err) != PT_OK) {
		return;
	}
	for (i = 0; i < k; i++) {
		int n = snprintf(id, sizeof(id), "c%zu", i);

		if (pt_ballot_item(p, id, (size_t)n, 0, (int64_t)(i % 11), err) != PT_OK) {
			break;
		}
	}
	pt_ballot_end(p, err);
}

static void add_ballot(pt_profile *p, const char *s, size_t len, int64_t big, pt_error *err)
{
	size_t i = 0;

	if (len && (s[0] == '#' || s[0] == '*') && p->kind != PT_BALLOT_STANCE) {
		add_generated(p, s, len, big ? big : 1, err);
		return;
	}
	if (p->kind == PT_BALLOT_RANKING) {
		pt_profile_add_ranking_str(p, big && len % 2 ? big : 1 + (len % 3), s, len, err);
		return;
	}
	if (pt_ballot_begin(p, len % 5 == 4 ? -1 : big && len % 2 ? big : 1, err) != PT_OK) {
		return;
	}
	if (p->kind == PT_BALLOT_STANCE) {
		const char *b1 = memchr(s, '|', len), *b2 = b1 ? memchr(b1 + 1, '|', len - (size_t)(b1 + 1 - s)) : NULL;
		size_t sl = b1 ? (size_t)(b1 - s) : len;
		int st = pt_stance_parse(s, sl);

		if (st < 0) {
			pt_ballot_reject(p, "postura desconocida");
		} else {
			pt_ballot_stance(p, (pt_stance)st, b1 ? b1 + 1 : NULL,
				b1 ? (b2 ? (size_t)(b2 - b1 - 1) : len - sl - 1) : 0,
				b2 ? b2 + 1 : NULL, b2 ? len - (size_t)(b2 + 1 - s) : 0, NULL, 0, err);
		}
	} else {
		while (i <= len) {
			size_t j = i, k;
			long long v = 0;

			while (j < len && s[j] != ',') {
				j++;
			}
			k = i;
			if (p->kind == PT_BALLOT_SCORE) {
				const char *colon = memchr(s + i, ':', j - i);

				if (colon) {
					const char *d = colon + 1;
					int neg = d < s + j && *d == '-';

					k = (size_t)(colon - s);
					for (d += neg; d < s + j && *d >= '0' && *d <= '9' && v < 1000; d++) {
						v = v * 10 + (*d - '0');
					}
					v = neg ? -v : v;
				} else {
					k = j;
				}
			} else {
				k = j;
			}
			if (pt_ballot_item(p, s + i, k - i, 0, v, err) != PT_OK) {
				break;
			}
			i = j + 1;
		}
	}
	pt_ballot_end(p, err);
}

static int build(pt_profile *p, const pt_tally_method *m, const pt_tally_options *o, int fixed,
	int stream, const uint8_t *data, size_t size, int64_t big, pt_error *err)
{
	size_t i = 0;

	if (pt_profile_init(p, m->kind, o, NULL, err) != PT_OK) {
		return 0;
	}
	if (fixed || o->pb_costs) {
		static const char *const ids[] = { "A", "B", "C", "D", "E", "F" };
		int c;

		for (c = 0; c < 6; c++) {
			pt_profile_add_candidate(p, ids[c], 1, err);
		}
		if (fixed > 1) {
			/* beyond PT_TALLY_MAX_SQUARE_CANDIDATES */
			for (c = 0; c < 400; c++) {
				char id[16];
				int n = snprintf(id, sizeof(id), "c%d", c);

				pt_profile_add_candidate(p, id, (size_t)n, err);
			}
		}
		pt_profile_fix_candidates(p);
	}
	if (stream && pt_profile_stream_pairwise(p, err) != PT_OK) {
		if (p->ncand <= PT_TALLY_MAX_SQUARE_CANDIDATES || err->code != PT_ERR_INVALID) {
			die("streaming refused a profile it should take");
		}
		return 0;
	}
	while (i < size) {
		size_t j = i;

		while (j < size && data[j] != '\n') {
			j++;
		}
		pt_error_clear(err);
		add_ballot(p, (const char *)data + i, j - i, big, err);
		if (p->in_ballot) {
			die("ballot left open");
		}
		if (!fixed && !o->pb_costs && p->ncand > PT_TALLY_MAX_DISCOVERED) {
			die("ballots discovered more candidates than PT_TALLY_MAX_DISCOVERED");
		}
		if (p->stream && p->ncand > PT_TALLY_MAX_SQUARE_CANDIDATES) {
			die("a streamed profile grew beyond PT_TALLY_MAX_SQUARE_CANDIDATES");
		}
		i = j + 1;
	}
	return 1;
}

static void ranking_str(const pt_tally_result *r, char *out, size_t cap)
{
	size_t i, j, used = 0;

	out[0] = 0;
	for (i = 0; i < r->ranking->u.c.count && used + 1 < cap; i++) {
		const pt_value *t = r->ranking->u.c.items[i];

		for (j = 0; j < t->u.c.count && used + 1 < cap; j++) {
			used += (size_t)snprintf(out + used, cap - used, "%s%s", j ? "=" : "|", t->u.c.items[j]->u.s.s);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int64_t base_costs[6] = { 5, 3, 8, 1, 4, 2 };
	static const int64_t scales[4] = { 1, 1000, 1000000000, 1000000000000000000LL / 8 };
	int64_t costs[6 + 400], big = 0, unit = 1;
	const pt_tally_method *m;
	pt_tally_options o;
	pt_profile p;
	pt_tally_result r;
	pt_error err;
	size_t nm = 0, i;
	uint8_t sel, ext = 0;
	int fixed, bad_fraction = 0;
	pt_status st;

	if (size < 2) {
		return 0;
	}
	if (size >= 4 && data[2] == '!') {
		ext = data[3] | 0x80;   /* bit 7: the extended knobs are on */
	}
	while (pt_tally_methods[nm].id) {
		nm++;
	}
	m = &pt_tally_methods[data[0] % nm];
	sel = data[1];
	pt_tally_options_init(&o);
	o.seats = 1 + (sel & 3);
	o.quota = (sel & 4) ? PT_QUOTA_HARE : PT_QUOTA_DROOP;
	o.transfer = (sel & 8) ? PT_TRANSFER_MEEK : PT_TRANSFER_WIGM;
	o.count_invalid = (sel & 16) != 0;
	o.has_seed = (sel & 32) != 0;
	o.seed = sel;
	o.max_choices = (sel & 64) ? 2 : 0;
	o.aggregate = (sel & 64) ? PT_AGGREGATE_MEAN : PT_AGGREGATE_TOTAL;
	o.block_requires_reason = (sel & 64) != 0;
	fixed = (sel & 128) != 0;
	if (ext) {
		unit = scales[ext & 3];
		big = (ext & 4) ? PT_TALLY_MAX_TOTAL_WEIGHT / 4 : 0;
		fixed = (ext & 8) ? 2 : fixed;
		/* lowered work budgets keep each input fast and reach the refusals */
		o.work_limit = (ext & 16) ? 200000 : 2000000;
		o.pb_increment = (ext & 32) ? unit : 1;
	}
	for (i = 0; i < 6 + 400; i++) {
		costs[i] = base_costs[i % 6] * unit;
	}
	if (!strncmp(m->id, "pb_", 3)) {
		o.pb_costs = costs;
		o.pb_budget = 10 * unit + (ext & 64 ? unit / 3 : 0);
		o.pb_completion = sel & 3 ? (sel & 3) - 1 : 0;
	}
	if ((!strcmp(m->id, "majority") || !strcmp(m->id, "consensus")) && (sel & 128)) {
		static const int64_t fr[8][2] = { { 2, 3 }, { 1, 2 }, { 0, 1 }, { 3, 2 }, { 1, 1 }, { -1, 2 },
			{ 123456789, 1000000000 }, { 1, 0 } };
		int k = ext ? (ext >> 4) & 7 : 0;

		o.threshold_kind = PT_THRESHOLD_FRACTION;
		o.threshold_num = fr[k][0];
		o.threshold_den = fr[k][1];
		o.eligible = big ? big : 7;
		o.has_quorum = 1;
		o.quorum_num = fr[(k + 1) & 7][0];
		o.quorum_den = fr[(k + 1) & 7][1];
		bad_fraction = !(fr[k][1] > 0 && fr[k][0] > 0 && fr[k][0] <= fr[k][1])
			|| !(fr[(k + 1) & 7][1] > 0 && fr[(k + 1) & 7][0] > 0 && fr[(k + 1) & 7][0] <= fr[(k + 1) & 7][1]);
	}
	pt_error_clear(&err);
	if (!build(&p, m, &o, fixed, 0, data + (ext ? 4 : 2), size - (ext ? 4 : 2), big, &err)) {
		pt_profile_free(&p);
		return 0;
	}
	st = pt_tally_count(m, &p, &o, &r, &err);
	if (st != PT_OK && st != PT_ERR_INVALID) {
		die("count failed with an unexpected status");
	}
	if (st == PT_OK && (m->flags & PT_TALLY_SQUARE) && p.ncand > PT_TALLY_MAX_SQUARE_CANDIDATES) {
		die("a square method counted more than PT_TALLY_MAX_SQUARE_CANDIDATES");
	}
	if (st == PT_OK && bad_fraction) {
		die("a threshold or quorum outside (0, 1] was counted");
	}
	if (st == PT_OK && !strcmp(m->id, "stv") && o.transfer == PT_TRANSFER_MEEK) {
		const pt_value *stages = pt_value_get(r.details, "stages");

		for (i = 0; stages && i < stages->u.c.count; i++) {
			const pt_value *it = pt_value_get(stages->u.c.items[i], "iterations");

			if (it && it->u.i > (int64_t)PT_TALLY_MEEK_MAX_ITERATIONS) {
				die("a Meek stage iterated beyond PT_TALLY_MEEK_MAX_ITERATIONS");
			}
		}
	}
	if (st == PT_OK) {
		int stance = m->kind == PT_BALLOT_STANCE;

		for (i = 0; i < r.winners->u.c.count; i++) {
			const pt_value *w = r.winners->u.c.items[i];

			if (stance ? strcmp(w->u.s.s, "approved") != 0 : pt_profile_find(&p, w->u.s.s, w->u.s.len) < 0) {
				die("a winner is not a candidate");
			}
		}
		if (!stance) {
			uint8_t *seen = calloc(p.ncand + 1, 1);
			size_t placed = 0, j;

			for (i = 0; i < r.ranking->u.c.count; i++) {
				const pt_value *t = r.ranking->u.c.items[i];

				for (j = 0; j < t->u.c.count; j++) {
					int32_t c = pt_profile_find(&p, t->u.c.items[j]->u.s.s, t->u.c.items[j]->u.s.len);

					if (c < 0 || seen[c]++) {
						die("ranking names a candidate twice or a stranger");
					}
					placed++;
				}
			}
			free(seen);
			if (placed != p.ncand && strcmp(m->id, "pb_equal_shares") && strcmp(m->id, "pb_greedy")) {
				die("ranking does not place every candidate");
			}
		}
		if (!strcmp(m->id, "stv") && r.winners->u.c.count != (o.seats < p.ncand ? o.seats : p.ncand)) {
			die("stv did not fill the seats");
		}
		if (o.pb_costs) {
			__int128 spent = 0;

			for (i = 0; i < r.winners->u.c.count; i++) {
				const pt_value *w = r.winners->u.c.items[i];

				spent += costs[pt_profile_find(&p, w->u.s.s, w->u.s.len)];
			}
			if (spent > o.pb_budget) {
				die("pb spent more than the budget");
			}
		}
		if (m->flags & PT_TALLY_PAIRWISE) {
			pt_profile q;
			pt_tally_result r2;
			char a[512], b[512];

			if (build(&q, m, &o, fixed, 1, data + (ext ? 4 : 2), size - (ext ? 4 : 2), big, &err)
				&& pt_tally_count(m, &q, &o, &r2, &err) == PT_OK) {
				ranking_str(&r, a, sizeof(a));
				ranking_str(&r2, b, sizeof(b));
				if (q.ncand == p.ncand && strcmp(a, b)) {
					fprintf(stderr, "%s vs %s\n", a, b);
					die("streamed and stored profiles disagree");
				}
				pt_tally_result_free(&r2);
			}
			pt_profile_free(&q);
		}
	}
	pt_tally_result_free(&r);
	pt_profile_free(&p);
	return 0;
}
