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
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#include "core/tally.h"

static void die(const char *why)
{
	fprintf(stderr, "invariant broken: %s\n", why);
	abort();
}

static void add_ballot(pt_profile *p, const char *s, size_t len, pt_error *err)
{
	size_t i = 0;

	if (p->kind == PT_BALLOT_RANKING) {
		pt_profile_add_ranking_str(p, 1 + (len % 3), s, len, err);
		return;
	}
	if (pt_ballot_begin(p, len % 5 == 4 ? -1 : 1, err) != PT_OK) {
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
	int stream, const uint8_t *data, size_t size, pt_error *err)
{
	size_t i = 0;

	if (pt_profile_init(p, m->kind, o, NULL, err) != PT_OK) {
		return 0;
	}
	if (stream) {
		pt_profile_stream_pairwise(p, err);
	}
	if (fixed || o->pb_costs) {
		static const char *const ids[] = { "A", "B", "C", "D", "E", "F" };
		int c;

		for (c = 0; c < 6; c++) {
			pt_profile_add_candidate(p, ids[c], 1, err);
		}
		pt_profile_fix_candidates(p);
	}
	while (i < size) {
		size_t j = i;

		while (j < size && data[j] != '\n') {
			j++;
		}
		pt_error_clear(err);
		add_ballot(p, (const char *)data + i, j - i, err);
		if (p->in_ballot) {
			die("ballot left open");
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
	static const int64_t costs[6] = { 5, 3, 8, 1, 4, 2 };
	const pt_tally_method *m;
	pt_tally_options o;
	pt_profile p;
	pt_tally_result r;
	pt_error err;
	size_t nm = 0, i;
	uint8_t sel;
	pt_status st;

	if (size < 2) {
		return 0;
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
	if (!strncmp(m->id, "pb_", 3)) {
		o.pb_costs = costs;
		o.pb_budget = 10;
		o.pb_completion = sel & 3 ? (sel & 3) - 1 : 0;
	}
	if (!strcmp(m->id, "majority") && (sel & 128)) {
		o.threshold_kind = PT_THRESHOLD_FRACTION;
		o.threshold_num = 2;
		o.threshold_den = 3;
		o.eligible = 7;
		o.has_quorum = 1;
		o.quorum_num = 1;
		o.quorum_den = 2;
	}
	pt_error_clear(&err);
	if (!build(&p, m, &o, (sel & 128) != 0, 0, data + 2, size - 2, &err)) {
		pt_profile_free(&p);
		return 0;
	}
	st = pt_tally_count(m, &p, &o, &r, &err);
	if (st != PT_OK && st != PT_ERR_INVALID) {
		die("count failed with an unexpected status");
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
			int64_t spent = 0;

			for (i = 0; i < r.winners->u.c.count; i++) {
				spent += costs[pt_profile_find(&p, r.winners->u.c.items[i]->u.s.s, 1)];
			}
			if (spent > o.pb_budget) {
				die("pb spent more than the budget");
			}
		}
		if (m->flags & PT_TALLY_PAIRWISE) {
			pt_profile q;
			pt_tally_result r2;
			char a[512], b[512];

			if (build(&q, m, &o, (sel & 128) != 0, 1, data + 2, size - 2, &err)
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
