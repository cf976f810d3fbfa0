/*
 * Unit and property tests for the tally engine (ext/core/tally*.c):
 * published examples, then properties on random profiles.
 */
#include "pt_test.h"
#include "core/tally/tally.h"
#include "core/tally/tally_options.h"

#include <stdint.h>

typedef struct wb { int64_t w; const char *s; } wb;

/* Builds a ranking profile from weighted ranking strings. */
static int build(pt_profile *p, const pt_tally_options *o, const wb *b, size_t n)
{
	pt_error err;
	size_t i;

	pt_error_clear(&err);
	if (pt_profile_init(p, PT_BALLOT_RANKING, o, NULL, &err) != PT_OK) {
		return 0;
	}
	for (i = 0; i < n; i++) {
		if (pt_profile_add_ranking_str(p, b[i].w, b[i].s, strlen(b[i].s), &err) != PT_OK) {
			printf("  build: %s\n", err.message);
			return 0;
		}
	}
	return 1;
}

/* "A,B" from a list value of strings; "A=B>C" from a ranking (list of tiers). */
static void join_list(const pt_value *l, char *out, size_t cap)
{
	size_t i, used = 0;

	out[0] = 0;
	for (i = 0; l && i < l->u.c.count && used + 1 < cap; i++) {
		used += snprintf(out + used, cap - used, "%s%s", i ? "," : "", l->u.c.items[i]->u.s.s);
	}
}

static void join_ranking(const pt_value *l, char *out, size_t cap)
{
	size_t i, j, used = 0;

	out[0] = 0;
	for (i = 0; l && i < l->u.c.count && used + 1 < cap; i++) {
		const pt_value *t = l->u.c.items[i];

		for (j = 0; j < t->u.c.count && used + 1 < cap; j++) {
			used += snprintf(out + used, cap - used, "%s%s", i == 0 && j == 0 ? "" : j ? "=" : ">",
				t->u.c.items[j]->u.s.s);
		}
	}
}

static int run(const char *method, const pt_profile *p, const pt_tally_options *o, pt_tally_result *r)
{
	pt_error err;
	const pt_tally_method *m = pt_tally_find(method, strlen(method));

	pt_error_clear(&err);
	if (!m) {
		return 0;
	}
	if (pt_tally_count(m, p, o, r, &err) != PT_OK) {
		printf("  %s: %s\n", method, err.message);
		return 0;
	}
	return 1;
}

static const wb schulze_wiki[] = {
	{ 5, "A>C>B>E>D" }, { 5, "A>D>E>C>B" }, { 8, "B>E>D>A>C" }, { 3, "C>A>B>E>D" },
	{ 7, "C>A>E>B>D" }, { 2, "C>B>A>D>E" }, { 7, "D>C>E>B>A" }, { 8, "E>B>A>D>C" }
};

PT_TEST(schulze_wikipedia)
{
	pt_profile p;
	pt_tally_result r;
	char buf[256];

	PT_CHECK(build(&p, NULL, schulze_wiki, 8));
	PT_CHECK(run("schulze", &p, NULL, &r));
	join_ranking(r.ranking, buf, sizeof(buf));
	PT_CHECK_STR(buf, "E>A>C>B>D");
	join_list(r.winners, buf, sizeof(buf));
	PT_CHECK_STR(buf, "E");
	{
		/* d[A][B] = 20, strongest path A->B = 28 in the published table */
		pt_value *pw = pt_value_get(r.details, "pairwise"), *sp = pt_value_get(r.details, "strongest_paths");

		PT_CHECK_EQ_INT(pt_value_get(pt_value_get(pw, "A"), "B")->u.i, 20);
		PT_CHECK_EQ_INT(pt_value_get(pt_value_get(sp, "A"), "B")->u.i, 28);
		PT_CHECK_EQ_INT(pt_value_get(pt_value_get(sp, "E"), "D")->u.i, 31);
	}
	pt_tally_result_free(&r);
	pt_profile_free(&p);
}

static const wb tennessee[] = {
	{ 42, "Memphis>Nashville>Chattanooga>Knoxville" },
	{ 26, "Nashville>Chattanooga>Knoxville>Memphis" },
	{ 15, "Chattanooga>Knoxville>Nashville>Memphis" },
	{ 17, "Knoxville>Chattanooga>Nashville>Memphis" }
};

PT_TEST(tennessee)
{
	static const struct { const char *method, *winner; } cases[] = {
		{ "plurality", "Memphis" }, { "irv", "Knoxville" }, { "borda", "Nashville" },
		{ "schulze", "Nashville" }, { "ranked_pairs", "Nashville" }, { "copeland", "Nashville" },
		{ "stv", "Knoxville" }
	};
	pt_profile p;
	size_t i;

	PT_CHECK(build(&p, NULL, tennessee, 4));
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		pt_tally_result r;
		char buf[256];

		PT_CHECK(run(cases[i].method, &p, NULL, &r));
		join_list(r.winners, buf, sizeof(buf));
		if (strcmp(buf, cases[i].winner)) {
			PT_FAIL_AT("%s: winners %s, expected %s", cases[i].method, buf, cases[i].winner);
		}
		if (!strcmp(cases[i].method, "borda")) {
			pt_value *pts = pt_value_get(r.details, "points");

			PT_CHECK_EQ_INT(pt_value_get(pts, "Nashville")->u.r.num, 194);
			PT_CHECK_EQ_INT(pt_value_get(pts, "Chattanooga")->u.r.num, 173);
			PT_CHECK_EQ_INT(pt_value_get(pts, "Memphis")->u.r.num, 126);
			PT_CHECK_EQ_INT(pt_value_get(pts, "Knoxville")->u.r.num, 107);
		}
		if (!strcmp(cases[i].method, "plurality")) {
			join_ranking(r.ranking, buf, sizeof(buf));
			PT_CHECK_STR(buf, "Memphis>Nashville>Knoxville>Chattanooga");
		}
		if (!strcmp(cases[i].method, "irv")) {
			join_ranking(r.ranking, buf, sizeof(buf));
			/* Chattanooga out first, then Nashville, then Knoxville beats Memphis 58-42 */
			PT_CHECK_STR(buf, "Knoxville>Memphis>Nashville>Chattanooga");
		}
		pt_tally_result_free(&r);
	}
	pt_profile_free(&p);
}

/* Wikipedia "Single transferable vote" example: food for a party, 3 seats. */
static const wb food[] = {
	{ 4, "Oranges" }, { 2, "Pears>Oranges" }, { 8, "Chocolate>Strawberries" },
	{ 4, "Chocolate>Hamburgers" }, { 1, "Strawberries" }, { 1, "Hamburgers" }
};

PT_TEST(stv_food_election)
{
	pt_tally_options o;
	int meek;

	for (meek = 0; meek < 2; meek++) {
		pt_profile p;
		pt_tally_result r;
		char buf[256];

		pt_tally_options_init(&o);
		o.seats = 3;
		o.transfer = meek ? PT_TRANSFER_MEEK : PT_TRANSFER_WIGM;
		PT_CHECK(build(&p, &o, food, 6));
		PT_CHECK(run("stv", &p, &o, &r));
		join_list(r.winners, buf, sizeof(buf));
		/* Meek's smaller quota (20/4 + 1e-9) elects Strawberries on the
		 * first surplus, before Oranges; the same three win */
		PT_CHECK_STR(buf, meek ? "Chocolate,Strawberries,Oranges" : "Chocolate,Oranges,Strawberries");
		if (!meek) {
			pt_value *st = pt_value_get(r.details, "stages"), *s2;

			PT_CHECK_EQ_INT(pt_value_get(r.details, "quota")->u.r.num, 6);
			PT_CHECK(st && st->u.c.count >= 2);
			s2 = st->u.c.items[1];
			PT_CHECK_STR(pt_value_get(s2, "action")->u.s.s, "surplus");
			PT_CHECK_EQ_INT(pt_value_get(s2, "transfer_value")->u.r.num, 1);
			PT_CHECK_EQ_INT(pt_value_get(s2, "transfer_value")->u.r.den, 2);
			PT_CHECK_EQ_INT(pt_value_get(pt_value_get(s2, "votes"), "Strawberries")->u.r.num, 5);
		}
		pt_tally_result_free(&r);
		pt_profile_free(&p);
	}
}

/*
 * Blank ballots are not valid votes: they count neither in the quota nor as
 * non-transferable. 99 valid votes for 2 seats: the Droop quota is 34 (WIGM)
 * or 33 + 1e-9 (Meek); A's surplus goes to C, who overtakes B. Taking the 60
 * blanks off the quota a second time (as excess) gave Meek a quota of 13 and
 * elected A and B on the first preferences (issue 13, item 5).
 */
static const wb blanks[] = { { 40, "A>C" }, { 30, "B" }, { 29, "C" }, { 60, "" } };

PT_TEST(stv_blank_ballots)
{
	int meek;

	for (meek = 0; meek < 2; meek++) {
		pt_tally_options o;
		pt_profile p;
		pt_tally_result r;
		pt_value *st, *q;
		char buf[64];

		pt_tally_options_init(&o);
		o.seats = 2;
		o.transfer = meek ? PT_TRANSFER_MEEK : PT_TRANSFER_WIGM;
		PT_CHECK(build(&p, &o, blanks, 4));
		PT_CHECK(run("stv", &p, &o, &r));
		join_list(r.winners, buf, sizeof(buf));
		PT_CHECK_STR(buf, "A,C");
		PT_CHECK_EQ_INT(pt_value_get(r.details, "valid")->u.i, 99);
		st = pt_value_get(r.details, "stages");
		PT_CHECK(st && st->u.c.count >= 1);
		/* nothing is non-transferable at the first stage: the blanks are not */
		q = st ? pt_value_get(st->u.c.items[0], "exhausted") : NULL;
		PT_CHECK(q && q->u.r.num == 0);
		q = meek ? (st ? pt_value_get(st->u.c.items[0], "quota") : NULL) : pt_value_get(r.details, "quota");
		PT_CHECK(q != NULL);
		if (q) {
			/* 33.000000001 (Meek, 1e-9 units) or 34 */
			PT_CHECK_EQ_INT(q->u.r.num, meek ? 33000000001LL : 34);
			PT_CHECK_EQ_INT(q->u.r.den, meek ? 1000000000LL : 1);
		}
		pt_tally_result_free(&r);
		pt_profile_free(&p);
	}
}

PT_TEST(streaming_discovers_candidates)
{
	/* D appears only in the last ballot: earlier ballots rank it last */
	static const wb b[] = { { 3, "A>B" }, { 2, "B>C>A" }, { 1, "D" } };
	pt_profile p, q;
	pt_error err;
	size_t i;
	int k;

	for (k = 0; k < 2; k++) {
		pt_profile *x = k ? &q : &p;

		pt_profile_init(x, PT_BALLOT_RANKING, NULL, NULL, &err);
		if (k) {
			pt_profile_stream_pairwise(x, &err);
		}
		for (i = 0; i < 3; i++) {
			pt_profile_add_ranking_str(x, b[i].w, b[i].s, strlen(b[i].s), &err);
		}
	}
	{
		pt_tally_result r1, r2;
		char s1[128], s2[128];

		PT_CHECK(run("borda", &p, NULL, &r1) && run("borda", &q, NULL, &r2));
		join_ranking(r1.ranking, s1, sizeof(s1));
		join_ranking(r2.ranking, s2, sizeof(s2));
		PT_CHECK_STR(s2, s1);
		pt_tally_result_free(&r1);
		pt_tally_result_free(&r2);
		PT_CHECK(run("copeland", &q, NULL, &r2));
		PT_CHECK_EQ_INT(pt_value_get(pt_value_get(pt_value_get(r2.details, "pairwise"), "A"), "D")->u.i, 5);
		PT_CHECK_EQ_INT(pt_value_get(pt_value_get(pt_value_get(r2.details, "pairwise"), "C"), "D")->u.i, 2);
		PT_CHECK_EQ_INT(pt_value_get(pt_value_get(pt_value_get(r2.details, "pairwise"), "D"), "A")->u.i, 1);
		pt_tally_result_free(&r2);
		/* irv cannot count a streamed profile */
		PT_CHECK(!run("irv", &q, NULL, &r1));
		pt_tally_result_free(&r1);
	}
	pt_profile_free(&p);
	pt_profile_free(&q);
}

PT_TEST(parse_errors)
{
	pt_tally_options o;
	pt_profile p;
	pt_error err;

	pt_tally_options_init(&o);
	pt_error_clear(&err);
	PT_CHECK(pt_profile_init(&p, PT_BALLOT_RANKING, &o, NULL, &err) == PT_OK);
	PT_CHECK(pt_profile_add_candidate(&p, "A", 1, &err) == PT_OK);
	PT_CHECK(pt_profile_add_candidate(&p, "B", 1, &err) == PT_OK);
	PT_CHECK(pt_profile_add_candidate(&p, "A", 1, &err) == PT_ERR_INVALID);
	pt_profile_fix_candidates(&p);
	PT_CHECK(pt_profile_add_ranking_str(&p, 1, "A>B", 3, &err) == PT_OK);
	PT_CHECK(pt_profile_add_ranking_str(&p, 1, "A>Z", 3, &err) == PT_ERR_INVALID);
	PT_CHECK_EQ_INT(err.index, 1);
	PT_CHECK_STR(err.message, "boleta 1: candidato desconocido 'Z'");
	PT_CHECK(pt_profile_add_ranking_str(&p, 1, "A>A", 3, &err) == PT_ERR_INVALID);
	PT_CHECK_EQ_INT(err.index, 2);
	PT_CHECK(pt_profile_add_ranking_str(&p, -1, "A", 1, &err) == PT_ERR_INVALID);
	PT_CHECK(pt_profile_add_ranking_str(&p, 1, "A>>B", 4, &err) == PT_ERR_INVALID);
	PT_CHECK(pt_profile_add_ranking_str(&p, 1, " B = A ", 7, &err) == PT_OK);
	PT_CHECK_EQ_INT(p.n, 2);
	PT_CHECK_EQ_INT(p.items[3], 0u | PT_RANK_TIED);
	/* an unknown id that breaks the id rule is not quoted */
	PT_CHECK(pt_profile_add_ranking_str(&p, 1, "A>\xff", 3, &err) == PT_ERR_INVALID);
	PT_CHECK(strstr(err.message, "candidato no válido") != NULL && !strchr(err.message, '\xff'));
	pt_profile_free(&p);

	/* the one id rule for candidates, given or discovered (pt_id.h) */
	PT_CHECK(pt_profile_init(&p, PT_BALLOT_APPROVAL, &o, NULL, &err) == PT_OK);
	PT_CHECK(pt_profile_add_candidate(&p, "A ", 2, &err) == PT_ERR_INVALID);
	PT_CHECK(pt_profile_add_candidate(&p, "A\0B", 3, &err) == PT_ERR_INVALID);
	{
		static const char *const bad[] = { "\xc3", " A", "A\tB", "\xe2\x80\x8b\x41" };
		char longid[200];
		size_t k;

		memset(longid, 'x', sizeof(longid));
		for (k = 0; k < 5; k++) {
			const char *id = k < 4 ? bad[k] : longid;
			size_t len = k < 4 ? strlen(bad[k]) : sizeof(longid);

			PT_CHECK(pt_ballot_begin(&p, 1, &err) == PT_OK);
			PT_CHECK(pt_ballot_item(&p, id, len, 0, 0, &err) == PT_OK);
			PT_CHECK_EQ_INT(pt_ballot_end(&p, &err), PT_ERR_INVALID);
			PT_CHECK(strstr(err.message, "candidato no válido") != NULL);
		}
		/* a quoted unknown id is cut on a character boundary */
		pt_profile_fix_candidates(&p);
		memset(longid, 'x', sizeof(longid));
		memcpy(longid + 59, "\xc3\xb1", 2);
		PT_CHECK(pt_ballot_begin(&p, 1, &err) == PT_OK);
		PT_CHECK(pt_ballot_item(&p, longid, 100, 0, 0, &err) == PT_OK);
		PT_CHECK_EQ_INT(pt_ballot_end(&p, &err), PT_ERR_INVALID);
		PT_CHECK(strstr(err.message, "xxx'") != NULL);
	}
	PT_CHECK_EQ_INT(p.ncand, 0);
	pt_profile_free(&p);

	/* counted as spoiled instead */
	o.count_invalid = 1;
	PT_CHECK(pt_profile_init(&p, PT_BALLOT_RANKING, &o, NULL, &err) == PT_OK);
	PT_CHECK(pt_profile_add_ranking_str(&p, 1, "A>B", 3, &err) == PT_OK);
	PT_CHECK(pt_profile_add_ranking_str(&p, 2, "C>C", 3, &err) == PT_OK);
	PT_CHECK(pt_profile_add_ranking_str(&p, 1, "B", 1, &err) == PT_OK);
	PT_CHECK_EQ_INT(p.n, 2);
	PT_CHECK_EQ_INT(p.ncand, 2);  /* C came only from a spoiled ballot */
	PT_CHECK_EQ_INT(p.spoiled_count, 1);
	PT_CHECK_EQ_INT(p.spoiled_weight, 2);
	pt_profile_free(&p);

	/* approval limits, score ranges */
	o.count_invalid = 0;
	o.max_choices = 2;
	PT_CHECK(pt_profile_init(&p, PT_BALLOT_APPROVAL, &o, NULL, &err) == PT_OK);
	PT_CHECK(pt_ballot_begin(&p, 1, &err) == PT_OK);
	PT_CHECK(pt_ballot_item(&p, "A", 1, 0, 0, &err) == PT_OK);
	PT_CHECK(pt_ballot_item(&p, "B", 1, 0, 0, &err) == PT_OK);
	PT_CHECK(pt_ballot_item(&p, "C", 1, 0, 0, &err) == PT_OK);
	PT_CHECK(pt_ballot_end(&p, &err) == PT_ERR_INVALID);
	PT_CHECK(strstr(err.message, "demasiadas aprobaciones") != NULL);
	pt_profile_free(&p);
	PT_CHECK(pt_profile_init(&p, PT_BALLOT_SCORE, &o, NULL, &err) == PT_OK);
	PT_CHECK(pt_ballot_begin(&p, 1, &err) == PT_OK);
	PT_CHECK(pt_ballot_item(&p, "A", 1, 0, 11, &err) == PT_OK);
	PT_CHECK(pt_ballot_end(&p, &err) == PT_ERR_INVALID);
	PT_CHECK(strstr(err.message, "fuera de rango") != NULL);
	pt_profile_free(&p);
}

/* Adds one score ballot {ids[i] => grades[i]}. */
static void score_ballot(pt_profile *p, int64_t w, const char *ids, const int *grades)
{
	pt_error err;
	size_t i;

	pt_ballot_begin(p, w, &err);
	for (i = 0; ids[i]; i++) {
		pt_ballot_item(p, ids + i, 1, 0, grades[i], &err);
	}
	if (pt_ballot_end(p, &err) != PT_OK) {
		printf("  score ballot: %s\n", err.message);
	}
}

PT_TEST(majority_judgment_tiebreak)
{
	pt_tally_options o;
	pt_profile p;
	pt_tally_result r;
	pt_error err;
	char buf[64];
	/* A and B both have median 3 over 5 ballots. Removing the medians:
	 * A: 1 2 3 3 4 -> 1 2 3 4 -> lower median 2
	 * B: 2 2 3 4 4 -> 2 2 4 4 -> lower median 2 ... then A 1 3 4 -> 3, B 2 4 4 -> 4: B wins. */
	static const int ga[] = { 1, 2, 3, 3, 4 }, gb[] = { 2, 2, 3, 4, 4 };
	int i;

	pt_tally_options_init(&o);
	o.max = 5;
	pt_error_clear(&err);
	PT_CHECK(pt_profile_init(&p, PT_BALLOT_SCORE, &o, NULL, &err) == PT_OK);
	for (i = 0; i < 5; i++) {
		int g[2] = { ga[i], gb[i] };

		score_ballot(&p, 1, "AB", g);
	}
	PT_CHECK(run("majority_judgment", &p, &o, &r));
	join_list(r.winners, buf, sizeof(buf));
	PT_CHECK_STR(buf, "B");
	join_ranking(r.ranking, buf, sizeof(buf));
	PT_CHECK_STR(buf, "B>A");
	PT_CHECK_EQ_INT(pt_value_get(pt_value_get(r.details, "medians"), "A")->u.i, 3);
	pt_tally_result_free(&r);
	pt_profile_free(&p);
}

static void stance(pt_profile *p, const char *st, const char *role, const char *reason)
{
	pt_error err;

	pt_ballot_begin(p, 1, &err);
	pt_ballot_stance(p, (pt_stance)pt_stance_parse(st, strlen(st)), role, strlen(role),
		reason, reason ? strlen(reason) : 0, NULL, 0, &err);
	if (pt_ballot_end(p, &err) != PT_OK) {
		printf("  stance: %s\n", err.message);
	}
}

PT_TEST(consensus_block_and_voice_only)
{
	static const char *const voice[] = { "facilitator" };
	static const size_t voice_len[] = { 11 };
	pt_tally_options o;
	pt_profile p;
	pt_tally_result r;
	pt_error err;

	pt_tally_options_init(&o);
	o.voice_only_roles = voice;
	o.voice_only_lens = voice_len;
	o.voice_only_count = 1;
	pt_error_clear(&err);
	/* the facilitator's block is voice only: the proposal passes */
	PT_CHECK(pt_profile_init(&p, PT_BALLOT_STANCE, &o, NULL, &err) == PT_OK);
	stance(&p, "agree", "member", NULL);
	stance(&p, "agree", "member", NULL);
	stance(&p, "abstain", "member", NULL);
	stance(&p, "block", "facilitator", "no hay presupuesto");
	PT_CHECK(run("consensus", &p, &o, &r));
	PT_CHECK_STR(pt_value_get(r.details, "outcome")->u.s.s, "approved");
	PT_CHECK_EQ_INT(pt_value_get(r.details, "voice_only")->u.c.count, 1);
	PT_CHECK_EQ_INT(r.winners->u.c.count, 1);
	pt_tally_result_free(&r);
	/* a member's block stops it */
	stance(&p, "block", "member", "afecta al parque");
	PT_CHECK(run("consensus", &p, &o, &r));
	PT_CHECK_STR(pt_value_get(r.details, "outcome")->u.s.s, "blocked");
	PT_CHECK_STR(pt_value_get(pt_value_get(r.details, "blocks")->u.c.items[0], "reason")->u.s.s,
		"afecta al parque");
	PT_CHECK_EQ_INT(r.winners->u.c.count, 0);
	pt_tally_result_free(&r);
	pt_profile_free(&p);
	/* block_requires_reason */
	o.block_requires_reason = 1;
	PT_CHECK(pt_profile_init(&p, PT_BALLOT_STANCE, &o, NULL, &err) == PT_OK);
	PT_CHECK(pt_ballot_begin(&p, 1, &err) == PT_OK);
	PT_CHECK(pt_ballot_stance(&p, PT_STANCE_BLOCK, "member", 6, NULL, 0, NULL, 0, &err) == PT_OK);
	PT_CHECK(pt_ballot_end(&p, &err) == PT_ERR_INVALID);
	pt_profile_free(&p);
}

PT_TEST(majority_thresholds)
{
	pt_tally_options o;
	pt_profile p;
	pt_tally_result r;
	pt_error err;
	int i;

	pt_tally_options_init(&o);
	pt_error_clear(&err);
	PT_CHECK(pt_profile_init(&p, PT_BALLOT_STANCE, &o, NULL, &err) == PT_OK);
	for (i = 0; i < 6; i++) {
		stance(&p, "yes", "", NULL);
	}
	for (i = 0; i < 3; i++) {
		stance(&p, "no", "", NULL);
	}
	stance(&p, "abstain", "", NULL);
	PT_CHECK(run("majority", &p, &o, &r));
	PT_CHECK_EQ_INT(r.winners->u.c.count, 1);
	pt_tally_result_free(&r);
	/* 6 of 9 cast = 2/3 exactly: passes; of 10 present it does not */
	o.threshold_kind = PT_THRESHOLD_FRACTION;
	o.threshold_num = 2;
	o.threshold_den = 3;
	PT_CHECK(run("majority", &p, &o, &r));
	PT_CHECK_EQ_INT(r.winners->u.c.count, 1);
	pt_tally_result_free(&r);
	o.base = PT_BASE_PRESENT;
	PT_CHECK(run("majority", &p, &o, &r));
	PT_CHECK_EQ_INT(r.winners->u.c.count, 0);
	pt_tally_result_free(&r);
	/* quorum of half of 30 eligible: 10 took part */
	o.base = PT_BASE_CAST;
	o.eligible = 30;
	o.has_quorum = 1;
	o.quorum_num = 1;
	o.quorum_den = 2;
	PT_CHECK(run("majority", &p, &o, &r));
	PT_CHECK_STR(pt_value_get(r.details, "outcome")->u.s.s, "no_quorum");
	pt_tally_result_free(&r);
	/* fractions outside (0, 1] are refused by the core too (a threshold of 0
	 * approved a motion everyone voted against) */
	{
		static const int64_t bad[][2] = { { 0, 1 }, { 3, 2 }, { -1, 2 }, { 1, 0 } };
		const pt_tally_method *mj = pt_tally_find("majority", 8), *cs = pt_tally_find("consensus", 9);
		size_t k;

		for (k = 0; k < 4; k++) {
			pt_tally_options q = o;

			q.has_quorum = 0;
			q.threshold_num = bad[k][0];
			q.threshold_den = bad[k][1];
			PT_CHECK_EQ_INT(pt_tally_count(mj, &p, &q, &r, &err), PT_ERR_INVALID);
			pt_tally_result_free(&r);
			PT_CHECK_EQ_INT(pt_tally_count(cs, &p, &q, &r, &err), PT_ERR_INVALID);
			pt_tally_result_free(&r);
			q = o;
			q.quorum_num = bad[k][0];
			q.quorum_den = bad[k][1];
			PT_CHECK_EQ_INT(pt_tally_count(mj, &p, &q, &r, &err), PT_ERR_INVALID);
			pt_tally_result_free(&r);
		}
	}
	pt_profile_free(&p);
}

/* ---- bounds (issue 13, item 4) ---------------------------------------- */

static void cand_id(char *buf, size_t cap, uint32_t i)
{
	snprintf(buf, cap, "c%u", i);
}

PT_TEST(bounded_discovery)
{
	pt_tally_options o;
	pt_profile p;
	pt_error err;
	char id[16];
	uint32_t i;
	int spoil;

	for (spoil = 0; spoil < 2; spoil++) {
		pt_tally_options_init(&o);
		o.count_invalid = spoil;
		PT_CHECK(pt_profile_init(&p, PT_BALLOT_APPROVAL, &o, NULL, &err) == PT_OK);
		for (i = 0; i < PT_TALLY_MAX_DISCOVERED; i++) {
			cand_id(id, sizeof(id), i);
			PT_CHECK(pt_ballot_begin(&p, 1, &err) == PT_OK);
			PT_CHECK(pt_ballot_item(&p, id, strlen(id), 0, 0, &err) == PT_OK);
			PT_CHECK(pt_ballot_end(&p, &err) == PT_OK);
		}
		PT_CHECK_EQ_INT(p.ncand, PT_TALLY_MAX_DISCOVERED);
		/* one more fresh id: the ballot is invalid, the candidate not added */
		PT_CHECK(pt_ballot_begin(&p, 1, &err) == PT_OK);
		PT_CHECK(pt_ballot_item(&p, "c0", 2, 0, 0, &err) == PT_OK);
		PT_CHECK(pt_ballot_item(&p, "fresh", 5, 0, 0, &err) == PT_OK);
		PT_CHECK_EQ_INT(pt_ballot_end(&p, &err), spoil ? PT_OK : PT_ERR_INVALID);
		if (!spoil) {
			PT_CHECK_STR(err.message, "boleta 1000: demasiados candidatos distintos en las boletas (máximo 1000)");
		} else {
			PT_CHECK_EQ_INT(p.spoiled_count, 1);
		}
		PT_CHECK_EQ_INT(p.ncand, PT_TALLY_MAX_DISCOVERED);
		PT_CHECK_EQ_INT(pt_profile_find(&p, "fresh", 5), -1);
		pt_profile_free(&p);
	}
	/* a given list is not bound by discovery */
	pt_tally_options_init(&o);
	PT_CHECK(pt_profile_init(&p, PT_BALLOT_APPROVAL, &o, NULL, &err) == PT_OK);
	for (i = 0; i < 5000; i++) {
		cand_id(id, sizeof(id), i);
		PT_CHECK(pt_profile_add_candidate(&p, id, strlen(id), &err) == PT_OK);
	}
	pt_profile_fix_candidates(&p);
	PT_CHECK(pt_ballot_begin(&p, 1, &err) == PT_OK);
	PT_CHECK(pt_ballot_item(&p, "c4999", 5, 0, 0, &err) == PT_OK);
	PT_CHECK(pt_ballot_end(&p, &err) == PT_OK);
	pt_profile_free(&p);
}

static uint32_t rnd(uint32_t n);

/*
 * Refused ballots that introduced candidates drop them in O(new ones), and
 * every other candidate stays findable (random valid and refused ballots,
 * checked against the expected candidate list); then a million refused
 * ballots next to 999 candidates.
 */
PT_TEST(refused_ballots_drop_their_candidates)
{
	pt_tally_options o;
	pt_profile p;
	pt_error err;
	char id[24];
	uint32_t b, i, fresh = 0, known = 0;
	static char names[20000][24];

	pt_tally_options_init(&o);
	o.count_invalid = 1;
	PT_CHECK(pt_profile_init(&p, PT_BALLOT_RANKING, &o, NULL, &err) == PT_OK);
	for (b = 0; b < 20000; b++) {
		int bad = rnd(3) == 0;
		uint32_t k = 1 + rnd(4), added = 0;

		PT_CHECK(pt_ballot_begin(&p, 1, &err) == PT_OK);
		for (i = 0; i < k; i++) {
			if (known && rnd(2)) {
				/* an existing candidate, once */
				const char *x = names[rnd(known)];

				if (pt_profile_find(&p, x, strlen(x)) >= 0 && p.seen[pt_profile_find(&p, x, strlen(x))] == p.stamp) {
					continue;
				}
				PT_CHECK(pt_ballot_item(&p, x, strlen(x), 0, 0, &err) == PT_OK);
			} else if (known + added < 900) {
				/* one-byte ids (the byte table) and longer ones (the hash) */
				if (rnd(2)) {
					snprintf(names[known + added], sizeof(names[0]), "n%u", fresh++);
				} else {
					snprintf(names[known + added], sizeof(names[0]), "%c", (char)('A' + rnd(58)));
				}
				if (pt_profile_find(&p, names[known + added], strlen(names[known + added])) >= 0) {
					continue;
				}
				PT_CHECK(pt_ballot_item(&p, names[known + added], strlen(names[known + added]), 0, 0, &err) == PT_OK);
				added++;
			}
		}
		if (bad && p.nitems > p.cur_start) {
			/* a repeated candidate refuses the ballot */
			uint32_t c = PT_RANK_CAND(p.items[p.cur_start]);

			PT_CHECK(pt_ballot_item(&p, p.ids[c], p.id_lens[c], 0, 0, &err) == PT_OK);
		} else {
			bad = 0;
		}
		PT_CHECK(pt_ballot_end(&p, &err) == PT_OK);
		if (!bad) {
			known += added;
		}
		PT_CHECK_EQ_INT(p.ncand, known);
	}
	for (i = 0; i < known; i++) {
		PT_CHECK(pt_profile_find(&p, names[i], strlen(names[i])) == (int32_t)i);
	}
	pt_profile_free(&p);

	PT_CHECK(pt_profile_init(&p, PT_BALLOT_RANKING, &o, NULL, &err) == PT_OK);
	for (i = 0; i < 999; i++) {
		snprintf(id, sizeof(id), "c%u", i);
		PT_CHECK(pt_profile_add_ranking_str(&p, 1, id, strlen(id), &err) == PT_OK);
	}
	for (b = 0; b < 1000000; b++) {
		PT_CHECK(pt_profile_add_ranking_str(&p, 1, "x1>x1", 5, &err) == PT_OK);
	}
	PT_CHECK_EQ_INT(p.ncand, 999);
	PT_CHECK_EQ_INT(p.spoiled_count, 1000000);
	PT_CHECK(pt_profile_find(&p, "c998", 4) == 998 && pt_profile_find(&p, "x1", 2) == -1);
	pt_profile_free(&p);
}

PT_TEST(square_methods_refuse_too_many_candidates)
{
	static const char *const square[] = { "borda", "copeland", "schulze", "ranked_pairs", "irv", "stv" };
	pt_profile p, q;
	pt_tally_result r;
	pt_error err;
	char id[16];
	uint32_t i;
	size_t k;

	/* 301 given candidates, one ballot */
	PT_CHECK(pt_profile_init(&p, PT_BALLOT_RANKING, NULL, NULL, &err) == PT_OK);
	for (i = 0; i <= PT_TALLY_MAX_SQUARE_CANDIDATES; i++) {
		cand_id(id, sizeof(id), i);
		PT_CHECK(pt_profile_add_candidate(&p, id, strlen(id), &err) == PT_OK);
	}
	pt_profile_fix_candidates(&p);
	PT_CHECK(pt_profile_add_ranking_str(&p, 1, "c3>c1", 5, &err) == PT_OK);
	for (k = 0; k < sizeof(square) / sizeof(square[0]); k++) {
		const pt_tally_method *m = pt_tally_find(square[k], strlen(square[k]));

		PT_CHECK(m && (m->flags & PT_TALLY_SQUARE));
		PT_CHECK_EQ_INT(pt_tally_check_size(m, &p, &err), PT_ERR_INVALID);
		PT_CHECK_EQ_INT(pt_tally_count(m, &p, NULL, &r, &err), PT_ERR_INVALID);
		PT_CHECK(strstr(err.message, "demasiados candidatos (301)") != NULL);
		pt_tally_result_free(&r);
	}
	/* a linear method counts them */
	PT_CHECK(run("plurality", &p, NULL, &r));
	pt_tally_result_free(&r);
	/* nor can such a profile stream */
	PT_CHECK_EQ_INT(pt_profile_stream_pairwise(&p, &err), PT_ERR_INTERNAL);
	pt_profile_free(&p);
	PT_CHECK(pt_profile_init(&p, PT_BALLOT_RANKING, NULL, NULL, &err) == PT_OK);
	for (i = 0; i <= PT_TALLY_MAX_SQUARE_CANDIDATES; i++) {
		cand_id(id, sizeof(id), i);
		pt_profile_add_candidate(&p, id, strlen(id), &err);
	}
	PT_CHECK_EQ_INT(pt_profile_stream_pairwise(&p, &err), PT_ERR_INVALID);
	pt_profile_free(&p);

	/* streamed: the 301st candidate a ballot brings makes it invalid */
	PT_CHECK(pt_profile_init(&q, PT_BALLOT_RANKING, NULL, NULL, &err) == PT_OK);
	PT_CHECK(pt_profile_stream_pairwise(&q, &err) == PT_OK);
	for (i = 0; i < PT_TALLY_MAX_SQUARE_CANDIDATES; i++) {
		cand_id(id, sizeof(id), i);
		PT_CHECK(pt_profile_add_ranking_str(&q, 1, id, strlen(id), &err) == PT_OK);
	}
	PT_CHECK_EQ_INT(pt_profile_add_candidate(&q, "x", 1, &err), PT_ERR_INVALID);
	PT_CHECK_EQ_INT(pt_profile_add_ranking_str(&q, 1, "c1>x", 4, &err), PT_ERR_INVALID);
	PT_CHECK(strstr(err.message, "(máximo 300)") != NULL);
	PT_CHECK_EQ_INT(q.ncand, PT_TALLY_MAX_SQUARE_CANDIDATES);
	/* 300 is fine for every square method, ranked_pairs included */
	PT_CHECK(run("ranked_pairs", &q, NULL, &r));
	pt_tally_result_free(&r);
	pt_profile_free(&q);
}

/*
 * With 2.5 million votes the 1e-9 keep factors cannot bring the surplus
 * under 1e-5 vote: C's and B's keep factors alternate between two
 * roundings for ever (the engine used to iterate 100,000 times per stage;
 * with a million distinct ballots that is a hung worker). The stage stops
 * after PT_TALLY_MEEK_MAX_ITERATIONS and says it did not converge; the
 * whole count is bounded by its work budget.
 */
static const wb meek_cycle[] = {
	{ 813020, "C" }, { 156751, "E>C>B>A>D" }, { 193425, "C>E>B>D>A" }, { 435601, "C>D" },
	{ 81382, "A" }, { 2321, "C>D>A>E" }, { 129875, "B>E>D>A" }, { 699843, "C>B>A" }
};

PT_TEST(meek_bounded_iterations)
{
	pt_tally_options o;
	pt_profile p;
	pt_tally_result r;
	pt_error err;
	pt_value *st;
	char buf[64];

	pt_tally_options_init(&o);
	o.seats = 3;
	o.transfer = PT_TRANSFER_MEEK;
	PT_CHECK(build(&p, &o, meek_cycle, 8));
	PT_CHECK(run("stv", &p, &o, &r));
	join_list(r.winners, buf, sizeof(buf));
	PT_CHECK_STR(buf, "C,B,E");
	st = pt_value_get(r.details, "stages");
	PT_CHECK(st && st->u.c.count == 2);
	if (st && st->u.c.count == 2) {
		PT_CHECK_EQ_INT(pt_value_get(st->u.c.items[0], "iterations")->u.i, PT_TALLY_MEEK_MAX_ITERATIONS);
		PT_CHECK_EQ_INT(pt_value_get(st->u.c.items[0], "converged")->u.b, 0);
		PT_CHECK_EQ_INT(pt_value_get(st->u.c.items[1], "converged")->u.b, 1);
	}
	pt_tally_result_free(&r);
	/* beyond the work budget (lowered here): refused, not hung */
	o.work_limit = 8 * 30 * 50;
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_tally_count(pt_tally_find("stv", 3), &p, &o, &r, &err), PT_ERR_INVALID);
	PT_CHECK(strstr(err.message, "límite de trabajo") != NULL);
	pt_tally_result_free(&r);
	pt_profile_free(&p);
	/* an ordinary count converges and says so */
	o.work_limit = 0;
	PT_CHECK(build(&p, &o, food, 6));
	PT_CHECK(run("stv", &p, &o, &r));
	st = pt_value_get(r.details, "stages");
	PT_CHECK(st && st->u.c.count >= 1 && pt_value_get(st->u.c.items[0], "converged")->u.b == 1);
	pt_tally_result_free(&r);
	pt_profile_free(&p);
}

/*
 * 200,000 stance ballots with distinct roles, half of them voice-only:
 * roles are interned through a hash and voice-only roles looked up once
 * per role (a scan per ballot took two minutes here).
 */
PT_TEST(consensus_many_roles)
{
	enum { N = 200000 };
	static char names[N][12];
	static const char *voice[N / 2];
	static size_t voice_lens[N / 2];
	pt_tally_options o;
	pt_profile p;
	pt_tally_result r;
	pt_error err;
	size_t i;

	for (i = 0; i < N; i++) {
		snprintf(names[i], sizeof(names[i]), "r%zu", i);
	}
	for (i = 0; i < N / 2; i++) {
		voice[i] = names[2 * i];
		voice_lens[i] = strlen(names[2 * i]);
	}
	pt_tally_options_init(&o);
	o.voice_only_roles = voice;
	o.voice_only_lens = voice_lens;
	o.voice_only_count = N / 2;
	PT_CHECK(pt_profile_init(&p, PT_BALLOT_STANCE, &o, NULL, &err) == PT_OK);
	for (i = 0; i < N; i++) {
		/* the voice-only (even) roles block: their blocks must not count */
		PT_CHECK(pt_ballot_begin(&p, 1, &err) == PT_OK);
		PT_CHECK(pt_ballot_stance(&p, i % 2 ? PT_STANCE_AGREE : PT_STANCE_BLOCK, names[i], strlen(names[i]),
			NULL, 0, NULL, 0, &err) == PT_OK);
		PT_CHECK(pt_ballot_end(&p, &err) == PT_OK);
	}
	/* the same role again is the same role */
	PT_CHECK(pt_ballot_begin(&p, 1, &err) == PT_OK);
	PT_CHECK(pt_ballot_stance(&p, PT_STANCE_AGREE, "r1", 2, NULL, 0, NULL, 0, &err) == PT_OK);
	PT_CHECK(pt_ballot_end(&p, &err) == PT_OK);
	PT_CHECK_EQ_INT(p.nroles, N + 1);   /* and "" */
	PT_CHECK(run("consensus", &p, &o, &r));
	PT_CHECK_STR(pt_value_get(r.details, "outcome")->u.s.s, "approved");
	PT_CHECK_EQ_INT(pt_value_get(r.details, "voice_only")->u.c.count, N / 2);
	PT_CHECK_EQ_INT(pt_value_get(pt_value_get(r.details, "counts"), "agree")->u.i, N / 2 + 1);
	pt_tally_result_free(&r);
	pt_profile_free(&p);
}

/* Many ballots of one candidate each: O(k^2) per ballot, not O(m). */
PT_TEST(pairwise_short_ballots)
{
	pt_profile p;
	pt_tally_result r;
	pt_error err;
	char id[16];
	uint32_t i;

	PT_CHECK(pt_profile_init(&p, PT_BALLOT_RANKING, NULL, NULL, &err) == PT_OK);
	for (i = 0; i < PT_TALLY_MAX_SQUARE_CANDIDATES; i++) {
		cand_id(id, sizeof(id), i);
		pt_profile_add_candidate(&p, id, strlen(id), &err);
	}
	PT_CHECK(pt_profile_stream_pairwise(&p, &err) == PT_OK);
	for (i = 0; i < 1000000; i++) {
		PT_CHECK(pt_profile_add_ranking_str(&p, 1, i % 3 ? "c7" : "c2", 2, &err) == PT_OK);
	}
	PT_CHECK(run("copeland", &p, NULL, &r));
	PT_CHECK_STR(r.winners->u.c.items[0]->u.s.s, "c7");
	{
		pt_value *pw = pt_value_get(r.details, "pairwise");

		PT_CHECK_EQ_INT(pt_value_get(pt_value_get(pw, "c7"), "c2")->u.i, 666666);
		PT_CHECK_EQ_INT(pt_value_get(pt_value_get(pw, "c2"), "c7")->u.i, 333334);
		PT_CHECK_EQ_INT(pt_value_get(pt_value_get(pw, "c2"), "c9")->u.i, 333334);
		PT_CHECK_EQ_INT(pt_value_get(pt_value_get(pw, "c9"), "c2")->u.i, 0);
	}
	pt_tally_result_free(&r);
	pt_profile_free(&p);
}

/* ---- properties on random profiles ----------------------------------- */

static uint64_t rs = 12345;
static uint32_t rnd(uint32_t n)
{
	rs ^= rs << 13;
	rs ^= rs >> 7;
	rs ^= rs << 17;
	return (uint32_t)(rs % n);
}

/* A random profile: nb ballots over m candidates, with truncation and ties. */
static void random_profile(pt_profile *p, const pt_tally_options *o, uint32_t m, uint32_t nb,
	uint32_t *perm_out, char ballots[][64])
{
	pt_error err;
	uint32_t b, i;

	pt_profile_init(p, PT_BALLOT_RANKING, o, NULL, &err);
	for (i = 0; i < m; i++) {
		char id[2] = { (char)('A' + i), 0 };
		pt_profile_add_candidate(p, id, 1, &err);
	}
	pt_profile_fix_candidates(p);
	for (b = 0; b < nb; b++) {
		uint32_t perm[26], k = 1 + rnd(m), used = 0;

		for (i = 0; i < m; i++) {
			perm[i] = i;
		}
		for (i = m - 1; i > 0; i--) {
			uint32_t j = rnd(i + 1), t = perm[i];
			perm[i] = perm[j];
			perm[j] = t;
		}
		for (i = 0; i < k; i++) {
			if (i) {
				ballots[b][used++] = rnd(6) == 0 ? '=' : '>';
			}
			ballots[b][used++] = (char)('A' + perm[i]);
		}
		ballots[b][used] = 0;
	}
	(void)perm_out;
}

static void add_all(pt_profile *p, char ballots[][64], const uint32_t *order, uint32_t nb)
{
	pt_error err;
	uint32_t b;

	for (b = 0; b < nb; b++) {
		const char *s = ballots[order[b]];
		pt_profile_add_ranking_str(p, 1 + (order[b] % 3), s, strlen(s), &err);
	}
}

static const char *const ranked_methods[] = {
	"plurality", "borda", "irv", "stv", "schulze", "ranked_pairs", "copeland"
};

PT_TEST(properties_random_profiles)
{
	static char ballots[200][64];
	uint32_t trial, order[200], i;
	size_t mi;
	int condorcet_checked = 0;

	for (trial = 0; trial < 300; trial++) {
		uint32_t m = 2 + rnd(7), nb = 1 + rnd(200);
		pt_tally_options o;
		pt_profile p, q;
		int32_t cw = -1;

		pt_tally_options_init(&o);
		o.seats = 1 + rnd(m);
		o.transfer = rnd(2) ? PT_TRANSFER_MEEK : PT_TRANSFER_WIGM;
		o.quota = rnd(2) ? PT_QUOTA_HARE : PT_QUOTA_DROOP;
		random_profile(&p, &o, m, nb, NULL, ballots);
		for (i = 0; i < nb; i++) {
			order[i] = i;
		}
		add_all(&p, ballots, order, nb);
		/* the same ballots in another order */
		random_profile(&q, &o, m, 0, NULL, ballots);
		for (i = nb - 1; i > 0; i--) {
			uint32_t j = rnd(i + 1), t = order[i];
			order[i] = order[j];
			order[j] = t;
		}
		add_all(&q, ballots, order, nb);

		{
			/* the Condorcet winner, from copeland's pairwise matrix */
			pt_tally_result rc;

			if (run("copeland", &p, &o, &rc)) {
				pt_value *pw = pt_value_get(rc.details, "pairwise");

				for (i = 0; i < m; i++) {
					uint32_t j;

					for (j = 0; j < m; j++) {
						if (j != i && pt_value_get(pt_value_get(pw, p.ids[i]), p.ids[j])->u.i
							<= pt_value_get(pt_value_get(pw, p.ids[j]), p.ids[i])->u.i) {
							break;
						}
					}
					if (j == m) {
						cw = (int32_t)i;
					}
				}
				pt_tally_result_free(&rc);
			}
		}
		{
			/* streaming the same ballots into the pairwise matrix agrees */
			pt_profile sp;
			pt_error err;
			static const char *const pw[] = { "borda", "schulze", "ranked_pairs", "copeland" };
			size_t k;

			pt_profile_init(&sp, PT_BALLOT_RANKING, &o, NULL, &err);
			pt_profile_stream_pairwise(&sp, &err);
			for (i = 0; i < m; i++) {
				char id[2] = { (char)('A' + i), 0 };
				pt_profile_add_candidate(&sp, id, 1, &err);
			}
			for (i = 0; i < nb; i++) {
				order[i] = i;
			}
			add_all(&sp, ballots, order, nb);
			for (k = 0; k < 4; k++) {
				pt_tally_result r1, r2;
				char a[256], b2[256];

				if (run(pw[k], &p, &o, &r1) && run(pw[k], &sp, &o, &r2)) {
					join_ranking(r1.ranking, a, sizeof(a));
					join_ranking(r2.ranking, b2, sizeof(b2));
					if (strcmp(a, b2)) {
						PT_FAIL_AT("%s: streamed %s, stored %s", pw[k], b2, a);
					}
					pt_tally_result_free(&r1);
					pt_tally_result_free(&r2);
				} else {
					PT_FAIL_AT("%s failed on a streamed profile", pw[k]);
				}
			}
			pt_profile_free(&sp);
		}
		for (mi = 0; mi < sizeof(ranked_methods) / sizeof(ranked_methods[0]); mi++) {
			pt_tally_result r1, r2;
			char w1[256], w2[256], k1[256], k2[256];
			size_t wn;

			if (!run(ranked_methods[mi], &p, &o, &r1) || !run(ranked_methods[mi], &q, &o, &r2)) {
				PT_FAIL_AT("%s failed", ranked_methods[mi]);
				continue;
			}
			join_list(r1.winners, w1, sizeof(w1));
			join_list(r2.winners, w2, sizeof(w2));
			join_ranking(r1.ranking, k1, sizeof(k1));
			join_ranking(r2.ranking, k2, sizeof(k2));
			if (strcmp(w1, w2) || strcmp(k1, k2)) {
				PT_FAIL_AT("%s: permuting ballots changed %s / %s into %s / %s", ranked_methods[mi], w1, k1, w2, k2);
			}
			wn = r1.winners->u.c.count;
			for (i = 0; i < wn; i++) {
				const pt_value *w = r1.winners->u.c.items[i];

				if (pt_profile_find(&p, w->u.s.s, w->u.s.len) < 0) {
					PT_FAIL_AT("%s: winner %s is not a candidate", ranked_methods[mi], w->u.s.s);
				}
			}
			if (!strcmp(ranked_methods[mi], "stv") && wn != o.seats) {
				PT_FAIL_AT("stv elected %zu of %u seats (m %u)", wn, o.seats, m);
			} else if (strcmp(ranked_methods[mi], "stv") && strcmp(ranked_methods[mi], "irv")
				&& wn != o.seats) {
				PT_FAIL_AT("%s: %zu winners for %u seats", ranked_methods[mi], wn, o.seats);
			}
			if (cw >= 0 && (!strcmp(ranked_methods[mi], "schulze") || !strcmp(ranked_methods[mi], "ranked_pairs")
				|| !strcmp(ranked_methods[mi], "copeland"))) {
				const pt_value *w = r1.winners->u.c.items[0];

				condorcet_checked++;
				if (strcmp(w->u.s.s, p.ids[cw])) {
					PT_FAIL_AT("%s: Condorcet winner %s lost to %s", ranked_methods[mi], p.ids[cw], w->u.s.s);
				}
			}
			pt_tally_result_free(&r1);
			pt_tally_result_free(&r2);
		}
		pt_profile_free(&p);
		pt_profile_free(&q);
	}
	PT_CHECK(condorcet_checked > 100);
}

/* The option table is the one source: its defaults are what pt_tally_options_init() gives,
 * every method row is found by name, and the flags answer what the names used to. */
PT_TEST(option_table)
{
	pt_tally_options o, set;
	const pt_tally_option *d;
	const pt_tally_method *m;
	pt_tally_arg a;
	pt_error err;

	pt_tally_options_init(&o);
	for (d = pt_tally_option_table; d->name; d++) {
		pt_tally_options_init(&set);
		pt_tally_option_store(&set, d, d->def);
		set.has_min = o.has_min;
		set.has_max = o.has_max;
		set.has_seed = o.has_seed;
		if (memcmp(&set, &o, sizeof(o)) != 0) {
			PT_FAIL_AT("default of option %s differs from pt_tally_options_init()", d->name);
		}
		PT_CHECK(pt_tally_option_find(d->name, strlen(d->name), d->where) != NULL);
	}
	PT_CHECK(pt_tally_option_find("over_budget", 11, PT_TOPT_API) == NULL);
	PT_CHECK(pt_tally_option_find("invalid", 7, PT_TOPT_YAML) == NULL);
	for (m = pt_tally_methods; m->id; m++) {
		int pb = strncmp(m->id, "pb_", 3) == 0;   /* the test may name them; the code never does */

		PT_CHECK_EQ_INT(pt_tally_method_needs(m, PT_TALLY_NEEDS_COSTS), pb);
		PT_CHECK_EQ_INT(pt_tally_method_takes(m, "budget"), pb);
		PT_CHECK_EQ_INT(pt_tally_method_takes(m, "quota"), strcmp(m->id, "stv") == 0);
		PT_CHECK_EQ_INT(pt_tally_method_needs(m, PT_TALLY_CONSENSUS), strcmp(m->id, "consensus") == 0);
	}
	PT_CHECK(!pt_tally_method_needs(NULL, PT_TALLY_NEEDS_COSTS));

	/* the API's checks: type, range (the API's own, wider where it is), words */
	pt_error_clear(&err);
	memset(&a, 0, sizeof(a));
	a.kind = PT_TARG_STRING;
	a.s = "3";
	a.len = 1;
	a.type_name = "string";
	PT_CHECK_EQ_INT(pt_tally_option_arg(&o, pt_tally_option_find("seats", 5, PT_TOPT_API), &a, &err), PT_TARG_TYPE);
	PT_CHECK_STR(err.message, "option \"seats\" must be of type int, string given");
	a.kind = PT_TARG_INT;
	a.i = 0;
	PT_CHECK_EQ_INT(pt_tally_option_arg(&o, pt_tally_option_find("seats", 5, PT_TOPT_API), &a, &err), PT_TARG_VALUE);
	PT_CHECK_STR(err.message, "option \"seats\" must be between 1 and 65535");
	a.i = 100000;
	PT_CHECK_EQ_INT(pt_tally_option_arg(&o, pt_tally_option_find("min_choices", 11, PT_TOPT_API), &a, &err),
		PT_TARG_OK);
	PT_CHECK_EQ_INT(o.min_choices, 100000);
	a.kind = PT_TARG_STRING;
	a.s = "meek";
	a.len = 4;
	PT_CHECK_EQ_INT(pt_tally_option_arg(&o, pt_tally_option_find("transfer", 8, PT_TOPT_API), &a, &err), PT_TARG_OK);
	PT_CHECK_EQ_INT(o.transfer, PT_TRANSFER_MEEK);
	a.s = "2/3";
	a.len = 3;
	PT_CHECK_EQ_INT(pt_tally_option_arg(&o, pt_tally_option_find("threshold", 9, PT_TOPT_API), &a, &err), PT_TARG_OK);
	PT_CHECK(o.threshold_kind == PT_THRESHOLD_FRACTION && o.threshold_num == 2 && o.threshold_den == 3);
	a.s = "0";
	a.len = 1;
	PT_CHECK_EQ_INT(pt_tally_option_arg(&o, pt_tally_option_find("quorum", 6, PT_TOPT_API), &a, &err), PT_TARG_VALUE);
	a.s = "40000.00";
	a.len = 8;
	PT_CHECK_EQ_INT(pt_tally_option_arg(&o, pt_tally_option_find("budget", 6, PT_TOPT_API), &a, &err), PT_TARG_OK);
	PT_CHECK(o.pb_budget == 40000);
	o.min = 5;
	o.max = 1;
	PT_CHECK_EQ_INT(pt_tally_options_check(&o, &err), PT_TARG_VALUE);

	/* the YAML's fraction text: percentages, and no overflow on 24 digits */
	{
		int64_t n, dd;

		PT_CHECK(pt_tally_fraction_text("75%", 3, true, &n, &dd) && n == 75 && dd == 100);
		PT_CHECK(!pt_tally_fraction_text("999999999999999999999999", 24, true, &n, &dd));
		PT_CHECK(!pt_tally_fraction_text("0.00000000000000000000001", 24, false, &n, &dd));
	}
}

int main(void)
{
	PT_RUN(option_table);
	PT_RUN(schulze_wikipedia);
	PT_RUN(tennessee);
	PT_RUN(stv_food_election);
	PT_RUN(stv_blank_ballots);
	PT_RUN(streaming_discovers_candidates);
	PT_RUN(parse_errors);
	PT_RUN(majority_judgment_tiebreak);
	PT_RUN(consensus_block_and_voice_only);
	PT_RUN(majority_thresholds);
	PT_RUN(bounded_discovery);
	PT_RUN(refused_ballots_drop_their_candidates);
	PT_RUN(square_methods_refuse_too_many_candidates);
	PT_RUN(pairwise_short_ballots);
	PT_RUN(meek_bounded_iterations);
	PT_RUN(consensus_many_roles);
	PT_RUN(properties_random_profiles);
	return pt_test_summary("test_tally");
}
