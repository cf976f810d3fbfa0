/*
 * participa core: helpers shared by the tally method files. Not public:
 * only ext/core/tally*.c include it.
 */
#ifndef PT_TALLY_INTERNAL_H
#define PT_TALLY_INTERNAL_H

#include "core/tally/tally.h"

/* Each method, one row of the table in tally.c. */
pt_status pt_tally_plurality(const pt_profile *, const pt_tally_options *, pt_tally_result *, pt_error *);
pt_status pt_tally_approval(const pt_profile *, const pt_tally_options *, pt_tally_result *, pt_error *);
pt_status pt_tally_score(const pt_profile *, const pt_tally_options *, pt_tally_result *, pt_error *);
pt_status pt_tally_mj(const pt_profile *, const pt_tally_options *, pt_tally_result *, pt_error *);
pt_status pt_tally_borda(const pt_profile *, const pt_tally_options *, pt_tally_result *, pt_error *);
pt_status pt_tally_irv(const pt_profile *, const pt_tally_options *, pt_tally_result *, pt_error *);
pt_status pt_tally_stv(const pt_profile *, const pt_tally_options *, pt_tally_result *, pt_error *);
pt_status pt_tally_schulze(const pt_profile *, const pt_tally_options *, pt_tally_result *, pt_error *);
pt_status pt_tally_ranked_pairs(const pt_profile *, const pt_tally_options *, pt_tally_result *, pt_error *);
pt_status pt_tally_copeland(const pt_profile *, const pt_tally_options *, pt_tally_result *, pt_error *);
pt_status pt_tally_majority(const pt_profile *, const pt_tally_options *, pt_tally_result *, pt_error *);
pt_status pt_tally_consensus(const pt_profile *, const pt_tally_options *, pt_tally_result *, pt_error *);
pt_status pt_tally_pb_greedy(const pt_profile *, const pt_tally_options *, pt_tally_result *, pt_error *);
pt_status pt_tally_pb_equal_shares(const pt_profile *, const pt_tally_options *, pt_tally_result *, pt_error *);

#define NOMEM(err) pt_error_set((err), PT_ERR_NOMEM, "tally: out of memory")

/* ---- value helpers: each returns 0 on allocation failure -------------- */
pt_value *v_id(const pt_profile *p, uint32_t c);                   /* string id */
pt_value *v_ids(const pt_profile *p, const uint32_t *cs, size_t n); /* list of ids */
/* map id -> int for every candidate */
pt_value *v_cand_ints(const pt_profile *p, const int64_t *vals);
/* details["spoiled"] etc. common to every method */
int v_common(const pt_profile *p, pt_value *details);

/* ---- ranking ---------------------------------------------------------- */

/* Comparator: < 0 when a ranks before b, 0 tied, > 0 after. */
typedef int (*rank_cmp)(uint32_t a, uint32_t b, void *ctx);

/* Stable sort of cands[0..n) by cmp (merge sort; O(n log n) compares). 0 on NOMEM. */
int sort_cands(const pt_allocator *a, uint32_t *cands, size_t n, rank_cmp cmp, void *ctx);

/* A tiered ranking: order[0..m) with tier[i] the tier of order[i]
 * (non-decreasing, from 0). */
typedef struct tiers {
	uint32_t *order;
	uint32_t *tier;
	uint32_t n;
} tiers;

int tiers_alloc(const pt_allocator *a, tiers *t, uint32_t n);
void tiers_free(const pt_allocator *a, tiers *t);
/* Sorts all candidates by cmp and groups equal ones into tiers. */
int tiers_by_cmp(const pt_profile *p, tiers *t, rank_cmp cmp, void *ctx);
/* Higher key first. */
int tiers_by_keys(const pt_profile *p, tiers *t, const int64_t *keys);
/* r->ranking from t. */
int tiers_to_result(const pt_profile *p, const tiers *t, pt_tally_result *r);

/* ---- tie-breaking ----------------------------------------------------- */

typedef struct tiebreak {
	const pt_profile *p;
	const pt_tally_options *o;
	pt_tally_result *r;
	uint64_t rng;
	int ok;                      /* 0 after an allocation failure */
} tiebreak;

void tb_init(tiebreak *t, const pt_profile *p, const pt_tally_options *o, pt_tally_result *r);
uint64_t tb_next(tiebreak *t);   /* splitmix64 */
/*
 * Orders cands[0..n) (n >= 2) by the lottery (seed) or by candidate
 * order, and records {stage, round, tied, order, rule}. round < 0 = none.
 * `extra` (may be NULL) is a map merged into the record (taken).
 */
void tb_order(tiebreak *t, uint32_t *cands, size_t n, const char *stage, long round);
/* Records a tie that the method's own criterion (`rule`) broke. */
void tb_record(tiebreak *t, const char *stage, long round, const uint32_t *tied, size_t n,
	const uint32_t *chosen, size_t nchosen, const char *rule);

/*
 * Winners = the first k candidates of the ranking; a tier that straddles
 * position k is ordered by tb_order (stage "winners").
 */
int winners_top_k(tiebreak *tb, const tiers *t, uint32_t k);
/* r->winners as the first n of cands. */
int winners_set(const pt_profile *p, pt_tally_result *r, const uint32_t *cands, size_t n);

/*
 * Among tied[0..n) (n >= 2) picks the one that is worse in the latest of
 * the earlier rounds where they differ (hist: rounds x m tallies), then by
 * lottery / candidate order (the last one). Records the tie. With
 * want_best, picks the best instead (surplus order, election order).
 */
uint32_t pt_tally_pick_loser(tiebreak *tb, uint32_t *tied, size_t n, const int64_t *hist,
	size_t rounds, uint32_t m, const char *stage, long round, int want_best);

/* ---- pairwise --------------------------------------------------------- */

/* d[i*m + j] = weight of ballots ranking i strictly above j. O(sum k*m). */
int64_t *pairwise_build(const pt_profile *p);
/* Weight of the ballots that rank at least one candidate. */
int64_t pt_tally_nonblank_weight(const pt_profile *p);
pt_value *v_matrix(const pt_profile *p, const int64_t *d);

/* ---- strict preference sequences (irv, stv) --------------------------- */

/*
 * Each ranking read up to its first tie (the tied and later preferences
 * are ignored, as Scottish rules treat an ambiguous ballot paper), and
 * identical sequences merged with their weights added.
 */
typedef struct seqs {
	size_t n;
	int64_t *weight;             /* NULL: every sequence weighs 1 */
	uint32_t *start;             /* n + 1 */
	uint32_t *cand;
	const uint64_t *key;         /* a compact profile's: sequence g is key[g] (tally.h), no start/cand */
	uint64_t nprefs;             /* preferences in all sequences (merged ones only) */
	int borrowed;                /* weight is the profile's */
} seqs;

/*
 * The sequences of p. A compact profile's keys are its sequences already: with `distinct` 0
 * they are borrowed as they are, one per ballot (the counts are sums over sequences, so the
 * same whether identical ones are merged or not); with `distinct` 1 (what a work budget
 * counts) identical ones are merged, by a radix sort of the keys. Other profiles are merged
 * either way. 0 on NOMEM.
 */
int seqs_build(const pt_profile *p, seqs *s, int distinct);

/* rest onto the chunk list (*head, *tail): into its last chunk if that has room and carries
 * val. The buckets of a compact profile, stv's piles. 0 on NOMEM. */
static inline int key_chunk_push(const pt_allocator *a, pt_key_chunk **head, pt_key_chunk **tail,
	uint64_t rest, int64_t val)
{
	pt_key_chunk *t = *tail;

	if (!t || t->n == PT_TALLY_PILE_CHUNK || t->val != val) {
		pt_key_chunk *nc = pt_alloc(a, sizeof(pt_key_chunk));

		if (!nc) {
			return 0;
		}
		nc->next = NULL;
		nc->val = val;
		nc->n = 0;
		if (t) {
			t->next = nc;
		} else {
			*head = nc;
		}
		*tail = t = nc;
	}
	t->rest[t->n++] = rest;
	return 1;
}
void seqs_free(const pt_allocator *a, seqs *s);

static inline uint32_t seq_len(const seqs *s, size_t g)
{
	return s->key ? pt_tally_key_len(s->key[g]) : s->start[g + 1] - s->start[g];
}

static inline uint32_t seq_cand(const seqs *s, size_t g, uint32_t i)
{
	return s->key ? pt_tally_key_cand(s->key[g], i) : s->cand[s->start[g] + i];
}

static inline int64_t seq_weight(const seqs *s, size_t g)
{
	return s->weight ? s->weight[g] : 1;
}

/* 128-bit helpers */
typedef __int128 i128;

/* a/b compared to c/d (b, d > 0): -1, 0, 1 */
static inline int frac_cmp(int64_t a, int64_t b, int64_t c, int64_t d)
{
	i128 l = (i128)a * d, r = (i128)c * b;

	return l < r ? -1 : l > r;
}

/* A fraction the rules accept as a threshold or quorum: 0 < num/den <= 1. */
static inline int frac_in_unit(int64_t num, int64_t den)
{
	return den > 0 && num > 0 && num <= den;
}

/*
 * num/den x x as an exact rational (0 <= num/den <= 1, 0 <= x <= 2^40),
 * reduced in 128 bits. When even the reduced value does not fit 64 bits
 * (a fraction with more than about 6 significant decimals of a huge
 * electorate) it is shown rounded up to 1e-6: the value is for display,
 * decisions compare cross products exactly. NULL on NOMEM.
 */
pt_value *v_frac_of(const pt_allocator *a, int64_t num, int64_t den, int64_t x);

#endif
