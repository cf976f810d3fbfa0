/*
 * The counts of readied profiles (pt_tally_prepare(): the mask table of a streamed pairwise
 * profile, the compact keys and irv's first-choice sets, stv's piles of papers) against the
 * same ballots added one by one to a plain profile (items, weights, merged sequences: the
 * count every method had before), on random ballots: ties, truncated and blank ballots,
 * weights (0, 1, more), refused ballots counted as spoiled, candidates discovered past the
 * 12th (the mask table folded into the matrix, irv's sets dropped) and past the 15th (the
 * keys decoded back into items), given candidates, seeds, and stv with surpluses (fractional
 * transfers, Droop and Hare, WIGM and Meek). The whole result (winners, ranking, details,
 * tie-breaks) must be the same JSON.
 */
#include "core/common/json_write.h"
#include "pt_test.h"
#include "core/tally/tally.h"

#include <stdint.h>

static uint64_t rs = 0x9e3779b97f4a7c15ull;

static uint32_t rnd(uint32_t n)
{
	rs ^= rs << 13;
	rs ^= rs >> 7;
	rs ^= rs << 17;
	return (uint32_t)(rs % n);
}

#define MAXB 600

typedef struct ballots {
	size_t n;
	char s[MAXB][80];
	int64_t w[MAXB];
} ballots;

/* Candidate i's one-byte id: A..Z then a..z. */
static char id_of(uint32_t i)
{
	return (char)(i < 26 ? 'A' + i : 'a' + (i - 26));
}

/*
 * nb random ballots over m candidates: a popular first candidate (so stv has surpluses),
 * truncated at random, some blank, ties one time in `tie_one_in`, weights mostly 1
 * (`weighted`: also 0 and up to 5), a few refused (a repeated candidate) and a few the general
 * parser takes (blanks around the ids).
 */
static void random_ballots(ballots *b, uint32_t m, size_t nb, uint32_t tie_one_in, int weighted)
{
	size_t i;

	b->n = nb;
	for (i = 0; i < nb; i++) {
		uint32_t perm[52], k, j, used = 0;

		for (j = 0; j < m; j++) {
			perm[j] = j;
		}
		for (j = m - 1; j > 0; j--) {
			uint32_t r = rnd(j + 1), t = perm[j];

			perm[j] = perm[r];
			perm[r] = t;
		}
		if (rnd(3) == 0) {
			/* the popular one first */
			for (j = 0; perm[j] != 0; j++);
			perm[j] = perm[0];
			perm[0] = 0;
		}
		k = rnd(12) == 0 ? 0 : 1 + rnd(m);
		for (j = 0; j < k; j++) {
			if (j) {
				b->s[i][used++] = tie_one_in && rnd(tie_one_in) == 0 ? '=' : '>';
			}
			if (rnd(40) == 0) {
				b->s[i][used++] = ' ';
			}
			b->s[i][used++] = id_of(perm[j]);
		}
		if (k && rnd(50) == 0) {
			b->s[i][used++] = '>';
			b->s[i][used++] = id_of(perm[0]);   /* repeated: refused */
		}
		b->s[i][used] = 0;
		b->w[i] = weighted ? (rnd(8) == 0 ? 0 : 1 + rnd(5)) : 1;
	}
}

/* A profile of the ballots: readied for the method (`ready`) or plain; given candidates
 * (`given` of them, fixed when all are given). 0 on failure. */
static int build(pt_profile *p, const pt_tally_method *m, const pt_tally_options *o, const ballots *b,
	uint32_t given, int fix, int ready)
{
	pt_error err;
	size_t i;
	uint32_t c;

	pt_error_clear(&err);
	if (pt_profile_init(p, PT_BALLOT_RANKING, o, NULL, &err) != PT_OK) {
		return 0;
	}
	for (c = 0; c < given; c++) {
		char id = id_of(c);

		if (pt_profile_add_candidate(p, &id, 1, &err) != PT_OK) {
			return 0;
		}
	}
	if (fix) {
		pt_profile_fix_candidates(p);
	}
	if (ready && pt_tally_prepare(m, p, b->n, &err) != PT_OK) {
		printf("  prepare: %s\n", err.message);
		return 0;
	}
	for (i = 0; i < b->n; i++) {
		if (pt_profile_add_ranking_str(p, b->w[i], b->s[i], strlen(b->s[i]), &err) != PT_OK) {
			printf("  ballot %zu '%s': %s\n", i, b->s[i], err.message);
			return 0;
		}
	}
	return 1;
}

/* The whole result as JSON into out; 0 when the count failed. */
static int count_json(const pt_tally_method *m, const pt_profile *p, const pt_tally_options *o,
	char *out, size_t cap)
{
	pt_tally_result r;
	pt_value *all;
	pt_error err;
	pt_status st;

	pt_error_clear(&err);
	st = pt_tally_count(m, p, o, &r, &err);
	if (st != PT_OK) {
		snprintf(out, cap, "error %d: %s", (int)st, err.message);
		pt_tally_result_free(&r);
		return 0;
	}
	all = pt_value_map(NULL);
	pt_value_setc(all, "winners", r.winners);
	pt_value_setc(all, "ranking", r.ranking);
	pt_value_setc(all, "details", r.details);
	pt_value_setc(all, "tie_breaks", r.tie_breaks);
	memset(&r, 0, sizeof(r));
	pt_test_json(all, out, cap);
	return 1;
}

static char want[1 << 20], got[1 << 20];

/* The readied count of b equals the plain one; 1 when it does. */
static int same_count(const char *method, const pt_tally_options *o, const ballots *b, uint32_t given,
	int fix, int *readied_kind)
{
	const pt_tally_method *m = pt_tally_find(method, strlen(method));
	pt_profile plain, ready;
	int ok = 1;

	if (!build(&plain, m, o, b, given, fix, 0) || !build(&ready, m, o, b, given, fix, 1)) {
		PT_FAIL_AT("%s: a profile could not be built", method);
		ok = 0;
	} else {
		count_json(m, &plain, o, want, sizeof(want));
		count_json(m, &ready, o, got, sizeof(got));
		if (strcmp(want, got) != 0) {
			PT_FAIL_AT("%s (%zu ballots, %u candidates): readied %.300s\n    plain %.300s", method, b->n,
				plain.ncand, got, want);
			ok = 0;
		}
		/* what the readied profile was at the end: 1 masks or sets, 2 compact keys, 3 items */
		*readied_kind = ready.masks ? 1 : ready.compact ? 2 : 3;
	}
	pt_profile_free(&plain);
	pt_profile_free(&ready);
	return ok;
}

static ballots bs;

/* Every readied method on random profiles of 1 to 20 candidates. */
PT_TEST(readied_counts_equal_plain_counts)
{
	static const char *const methods[] = { "schulze", "borda", "copeland", "ranked_pairs", "irv", "stv" };
	int seen[4] = { 0 }, trial;

	for (trial = 0; trial < 240; trial++) {
		uint32_t m = 1 + rnd(trial % 4 == 0 ? 20 : 12), given = rnd(4) == 0 ? m : 0;
		size_t nb = 1 + rnd(trial % 10 == 0 ? MAXB : 120), i;
		pt_tally_options o;
		int kind = 0;

		random_ballots(&bs, m, nb, trial % 3 == 0 ? 0 : 2 + rnd(8), trial % 2);
		pt_tally_options_init(&o);
		o.count_invalid = 1;
		if (trial % 5 == 0) {
			o.has_seed = 1;
			o.seed = (uint64_t)trial * 7919;
		}
		for (i = 0; i < sizeof(methods) / sizeof(methods[0]); i++) {
			o.seats = !strcmp(methods[i], "stv") ? 1 + rnd(3) : 0;
			o.quota = rnd(2) ? PT_QUOTA_DROOP : PT_QUOTA_HARE;
			o.transfer = !strcmp(methods[i], "stv") && rnd(3) == 0 ? PT_TRANSFER_MEEK : PT_TRANSFER_WIGM;
			if (!same_count(methods[i], &o, &bs, given, given && rnd(2), &kind)) {
				return;
			}
			seen[kind] = 1;
		}
	}
	/* every form was met: the mask table or irv's sets, compact keys (stv), items again */
	PT_CHECK(seen[1] && seen[2] && seen[3]);
}

/* stv on profiles built to transfer surpluses several times (fractional values that cut). */
PT_TEST(stv_fractional_transfers)
{
	int trial, kind;

	for (trial = 0; trial < 60; trial++) {
		uint32_t m = 4 + rnd(8);
		pt_tally_options o;

		random_ballots(&bs, m, 200 + rnd(300), 0, 0);
		pt_tally_options_init(&o);
		o.count_invalid = 1;
		o.seats = 2 + rnd(3);
		o.quota = trial % 2 ? PT_QUOTA_HARE : PT_QUOTA_DROOP;
		if (!same_count("stv", &o, &bs, 0, 0, &kind)) {
			return;
		}
		o.transfer = PT_TRANSFER_MEEK;
		if (!same_count("stv", &o, &bs, 0, 0, &kind)) {
			return;
		}
	}
}

/* A compact profile decodes its keys when a ballot names the 16th candidate, and a streamed
 * one folds its table at the 13th, on the way: the counts do not change. */
PT_TEST(profiles_turn_back_midway)
{
	static const char *const methods[] = { "schulze", "irv", "stv" };
	size_t i, j;
	int kind;

	for (j = 0; j < sizeof(methods) / sizeof(methods[0]); j++) {
		pt_tally_options o;

		pt_tally_options_init(&o);
		o.count_invalid = 1;
		random_ballots(&bs, 10, 300, 5, 0);
		/* from ballot 150 on, ballots name candidates up to the 20th */
		for (i = 150; i < 300; i++) {
			size_t len = strlen(bs.s[i]);

			snprintf(bs.s[i] + len, sizeof(bs.s[i]) - len, "%s%c>%c", len ? ">" : "", id_of(10 + rnd(5)),
				id_of(15 + rnd(5)));
		}
		PT_CHECK(same_count(methods[j], &o, &bs, 0, 0, &kind));
		PT_CHECK_EQ_INT(kind, 3);
	}
}

/* A compact profile grown ballot by ballot (no reserve) past its first key chunk, and a
 * bucketed one past many chunks. */
PT_TEST(compact_keys_grow_past_a_chunk)
{
	static const char *const methods[] = { "irv", "stv" };
	size_t n = PT_TALLY_KEY_CHUNK * 2 + 77, i, j;

	for (j = 0; j < 2; j++) {
		const pt_tally_method *m = pt_tally_find(methods[j], strlen(methods[j]));
		pt_profile plain, grown;
		pt_tally_options o;
		pt_error err;

		pt_tally_options_init(&o);
		o.seats = j ? 3 : 0;
		pt_error_clear(&err);
		PT_CHECK(pt_profile_init(&plain, PT_BALLOT_RANKING, &o, NULL, &err) == PT_OK);
		PT_CHECK(pt_profile_init(&grown, PT_BALLOT_RANKING, &o, NULL, &err) == PT_OK);
		/* irv: plain compact keys in chunks; stv: readied, keys in buckets by first preference */
		PT_CHECK(j ? pt_tally_prepare(m, &grown, 0, &err) == PT_OK : pt_profile_compact(&grown, &err) == PT_OK);
		for (i = 0; i < n; i++) {
			char s[8] = { id_of(rnd(6)), '>', id_of(6 + rnd(3)), '>', id_of(9 + (uint32_t)(i % 4)), 0 };

			PT_CHECK(pt_profile_add_ranking_str(&plain, 1, s, 5, &err) == PT_OK);
			PT_CHECK(pt_profile_add_ranking_str(&grown, 1, s, 5, &err) == PT_OK);
		}
		PT_CHECK(grown.compact && grown.n > 2 * PT_TALLY_KEY_CHUNK && (j ? grown.bucketed : grown.nkeychunks >= 3));
		count_json(m, &plain, &o, want, sizeof(want));
		count_json(m, &grown, &o, got, sizeof(got));
		PT_CHECK_STR(got, want);
		pt_profile_free(&plain);
		pt_profile_free(&grown);
	}
}

int main(void)
{
	PT_RUN(readied_counts_equal_plain_counts);
	PT_RUN(stv_fractional_transfers);
	PT_RUN(profiles_turn_back_midway);
	PT_RUN(compact_keys_grow_past_a_chunk);
	return pt_test_summary("test_tally_compact");
}
