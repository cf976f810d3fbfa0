/*
 * participa core: the tally engine.
 *
 * Shape (after php-src ext/random): pure counting rules in one file per
 * family (tally_<family>.c), a table of pt_tally_method rows, and a thin
 * PHP binding (ext/php/tally.c) that parses the PHP ballots once into a
 * pt_profile and turns a pt_tally_result into a TallyResult.
 *
 * Adding a method = one core file (or one function in a family file), one
 * table row in tally.c (the id and the ballot kind it reads).
 *
 * Candidates are indexes 0..m-1 with string ids. Ballots are stored
 * compactly and parsed once:
 *   - ranking: a sequence of candidates in order of preference, each entry
 *     flagged when it ties with the previous one ('A>B=C>D'); candidates
 *     not named come after all named ones (tied among themselves);
 *   - approval: a set of candidates;
 *   - score: candidate -> integer score (score and majority judgment);
 *   - stance: agree/abstain/disagree/block with a role, an optional voter
 *     name and an optional reason (majority and consensus);
 * each ballot with an integer weight >= 0 (grouped identical ballots,
 * weighted or proxy voting).
 *
 * Exactness: every count is an int64 (weights are capped so that sums and
 * products cannot overflow, see PT_TALLY_MAX_TOTAL_WEIGHT); shares and
 * means are compared as cross products in 128-bit arithmetic; STV keeps
 * fixed-point values whose precision is the documented rule (WIGM: 1e-5,
 * the Scottish 5 decimal places, truncated; Meek: 1e-9, the New Zealand
 * 9 decimal places, votes truncated and keep factors rounded up).
 *
 * Determinism: the same profile and options always give the same result.
 * When a rule must break a tie it uses, in this order, the method's own
 * criterion (documented per method), then a lottery drawn from the `seed`
 * option (splitmix64; reproducible) or, without a seed, the candidates'
 * order (the first candidate given wins, the last one is eliminated).
 * Every tie broken is recorded in the result's tie_breaks.
 */
#ifndef PT_TALLY_H
#define PT_TALLY_H

#include <stddef.h>
#include <stdint.h>
#include "core/common/pt_base.h"
#include "core/common/pt_hash.h"
#include "core/common/pt_value.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Sum of all ballot weights must stay below this (2^40, about 10^12), so
 * that weight x score (|score| <= PT_TALLY_MAX_SCORE) and weight x 1e9
 * fixed-point products fit comfortably in int64 / 128-bit arithmetic. */
#define PT_TALLY_MAX_TOTAL_WEIGHT ((int64_t)1 << 40)
#define PT_TALLY_MAX_SCORE ((int64_t)1 << 20)
/* Candidate indexes use 31 bits in the packed ranking entries; a profile
 * accepts at most this many candidates (a municipality needs hundreds). */
#define PT_TALLY_MAX_CANDIDATES 65535u
/* majority_judgment keeps candidates x grades cumulative counts: at most
 * this many (16 MB; 65,535 candidates on 0..10, 1,998 on 1,001 grades). */
#define PT_TALLY_MAX_GRADE_CELLS 2000000u
/*
 * Without a candidate list, ballots introduce candidates in first-seen
 * order; at most this many. A ballot naming one more is invalid ("demasiados
 * candidatos distintos"), so a stream of ballots with fresh ids cannot grow
 * the work of a count without end. Give `candidates` for more.
 */
#define PT_TALLY_MAX_DISCOVERED 1000u
/*
 * Work budgets of the methods whose cost grows faster than the ballots
 * (flag PT_TALLY_SQUARE: borda, copeland, schulze, ranked_pairs, irv, stv):
 * the pairwise matrix and what the details report (m x m cells, m^2 / 2
 * pairs locked or skipped; irv / stv: up to m rounds of m tallies) at most
 * PT_TALLY_MAX_CELLS; beatpaths, locking pairs and tie-breaks over earlier
 * rounds at most PT_TALLY_MAX_STEPS (m^3). Both allow
 * PT_TALLY_MAX_SQUARE_CANDIDATES candidates, whose details fit PHP's
 * default memory_limit (128M) with room to spare. A count with more is
 * refused (PT_ERR_INVALID) before any work is done; a streamed profile
 * refuses them as ballots bring them.
 */
#define PT_TALLY_MAX_SQUARE_CANDIDATES 300u
/*
 * Meek STV iterates each stage until the surplus is below 1e-5 vote or the
 * keep factors stop changing, and at most this many times (the stage then
 * says converged: false); the whole count visits at most PT_TALLY_MEEK_WORK
 * ballot preferences (10^9: one to three seconds), and is refused beyond.
 */
#define PT_TALLY_MEEK_MAX_ITERATIONS 1000u
#define PT_TALLY_MEEK_WORK ((uint64_t)1000000000)
#define PT_TALLY_MAX_CELLS (PT_TALLY_MAX_SQUARE_CANDIDATES * PT_TALLY_MAX_SQUARE_CANDIDATES)
#define PT_TALLY_MAX_STEPS ((uint64_t)PT_TALLY_MAX_CELLS * PT_TALLY_MAX_SQUARE_CANDIDATES)

typedef enum pt_ballot_kind {
	PT_BALLOT_RANKING = 0,   /* also single choice 'A' (a ranking of one) */
	PT_BALLOT_APPROVAL,
	PT_BALLOT_SCORE,
	PT_BALLOT_STANCE
} pt_ballot_kind;

typedef enum pt_stance {
	PT_STANCE_AGREE = 0,     /* 'agree' or 'yes' */
	PT_STANCE_ABSTAIN,       /* 'abstain' */
	PT_STANCE_DISAGREE,      /* 'disagree' or 'no' */
	PT_STANCE_BLOCK          /* 'block' */
} pt_stance;

typedef enum pt_quota { PT_QUOTA_DROOP = 0, PT_QUOTA_HARE } pt_quota;
typedef enum pt_transfer { PT_TRANSFER_WIGM = 0, PT_TRANSFER_MEEK } pt_transfer;
typedef enum pt_aggregate { PT_AGGREGATE_TOTAL = 0, PT_AGGREGATE_MEAN } pt_aggregate;
typedef enum pt_threshold_kind {
	PT_THRESHOLD_SIMPLE = 0, /* more yes than no */
	PT_THRESHOLD_ABSOLUTE,   /* yes > half of `eligible` */
	PT_THRESHOLD_FRACTION    /* yes >= fraction x base */
} pt_threshold_kind;
typedef enum pt_base_kind {
	PT_BASE_CAST = 0,        /* yes + no */
	PT_BASE_PRESENT,         /* yes + no + abstain */
	PT_BASE_ELIGIBLE         /* options.eligible */
} pt_base_kind;

typedef struct pt_tally_options {
	uint32_t seats;              /* winners wanted; 0 = 1. stv, and top-k for the others */
	pt_quota quota;              /* stv */
	pt_transfer transfer;        /* stv */
	int has_min, has_max;        /* score / majority_judgment range given */
	int64_t min, max;            /* defaults 0 and 10 */
	uint32_t min_choices;        /* approval: 0 = no lower bound */
	uint32_t max_choices;        /* approval: 0 = no upper bound */
	int has_seed;
	uint64_t seed;               /* lottery for ties the rule cannot break */
	int count_invalid;           /* 'invalid' => 'count': spoil instead of failing */
	pt_aggregate aggregate;      /* score: total (default) or mean */
	/* majority / consensus */
	pt_threshold_kind threshold_kind;
	int64_t threshold_num, threshold_den;   /* fraction; consensus default 1/2 */
	int has_threshold;
	pt_base_kind base;           /* majority with a fraction: what it is a fraction of */
	int64_t eligible;            /* -1 = not given */
	int has_quorum;
	int64_t quorum_num, quorum_den;         /* share of eligible that must take part */
	const char *const *voice_only_roles;    /* borrowed; consensus */
	const size_t *voice_only_lens;
	size_t voice_only_count;
	int block_requires_reason;   /* consensus: a block without reason is an invalid ballot */
	/* participatory budgeting (ext/core/tally/pb.h), borrowed */
	const int64_t *pb_costs;     /* one per candidate (project), NULL if not PB */
	int64_t pb_budget;
	uint32_t pb_min_length, pb_max_length;
	int pb_skip;                 /* greedy: 1 default */
	int64_t pb_threshold;        /* greedy: minimum approvals */
	int pb_completion;           /* pt_pb_completion */
	int64_t pb_increment;
	int pb_start;                /* pt_pb_start */
	int pb_stop_when_exhaustive;
	/* 0 = the built-in work budgets (PT_TALLY_MEEK_WORK, PT_PB_ADD1_WORK);
	 * a smaller value lowers them, never raises them (tests, cautious callers) */
	uint64_t work_limit;
} pt_tally_options;

/* Fills the documented defaults (droop, wigm, min 0, max 10, eligible -1,
 * threshold simple, consensus threshold 1/2, pb_skip 1, ...). */
void pt_tally_options_init(pt_tally_options *o);

/* One stance ballot (consensus / majority). Strings are owned copies. */
typedef struct pt_stance_ballot {
	pt_stance stance;
	uint32_t role;               /* index into pt_profile.roles; 0 = no role ("") */
	char *reason;                /* NULL when none was given */
	size_t reason_len;
	char *voter;                 /* NULL when none was given */
	size_t voter_len;
} pt_stance_ballot;

/* Packed ranking entry: candidate index, plus this flag when the entry is
 * tied with the previous one. */
#define PT_RANK_TIED 0x80000000u
#define PT_RANK_CAND(e) ((e) & 0x7fffffffu)

/* Candidates a compact key holds (below: a compact ranking profile). */
#define PT_TALLY_KEY_CANDIDATES 15u

/*
 * The parsed ballots ("profile"). Build it with pt_profile_init(), the
 * candidates (or let ballots introduce them in first-seen order), then one
 * pt_ballot_begin()/item()/end() sequence per ballot (or the string and
 * list helpers). Ballot b's entries are items[start[b] .. start[b+1]-1].
 * Invalid ballots either fail pt_ballot_end() with PT_ERR_INVALID (err->index
 * = the ballot's position, a Spanish message) or, with count_invalid, are
 * left out and counted in spoiled_*.
 */
typedef struct pt_profile {
	const pt_allocator *alloc;
	pt_ballot_kind kind;
	const pt_tally_options *opts; /* borrowed: ranges and choice limits */

	/* candidates */
	uint32_t ncand;
	char **ids;                  /* ncand owned NUL-terminated copies */
	size_t *id_lens;
	int fixed;                   /* candidates fixed: unknown ids are invalid */
	pt_hash cand_map;            /* ids longer than a byte: id -> (index + 1), keys borrowed from ids */
	int32_t byte_map[256];       /* one-byte ids (the common 'A'..'Z'): index or -1 */

	/* ballots */
	size_t n, cap;               /* counted ballots */
	int64_t *weights;
	uint32_t *start;             /* n + 1 offsets into items */
	uint32_t *items;             /* rankings: packed entries; approval/score: candidate */
	int64_t *values;             /* score only: parallel to items */
	size_t nitems, items_cap;
	pt_stance_ballot *stances;   /* stance only: n entries */
	char **roles;                /* role names; roles[0] = "" */
	size_t *role_lens;
	uint32_t nroles;
	pt_hash role_map;            /* role name -> (index + 1), keys borrowed from roles */
	int64_t total_weight;        /* of counted ballots */

	/* spoiled ballots ('invalid' => 'count') */
	size_t spoiled_count;
	int64_t spoiled_weight;
	pt_value *spoiled;           /* list of {index, reason}, first 1000 only */

	/* ballot under construction */
	size_t next_index;           /* position of the next ballot in the input */
	int in_ballot;
	int bad;                     /* the current ballot is invalid */
	char bad_msg[256];
	int64_t cur_weight;
	uint32_t ncand_before;       /* candidates known when the ballot began */
	size_t cur_start;            /* items index where the current ballot begins */

	/* streaming pairwise mode (pt_profile_stream_pairwise) */
	int stream;
	int64_t *pair;               /* pair_cap x pair_cap, folded (pairwise_fold in tally.c) */
	uint32_t pair_cap;
	int64_t *ranked_w;           /* per candidate: weight of ballots that ranked it */
	int64_t nonblank_weight;     /* weight of ballots ranking at least one candidate */
	uint32_t *scratch;
	uint32_t *seen;              /* ncand stamps: duplicate detection */
	size_t seen_cap;
	uint32_t stamp;
	/* ... while the candidates are at most PT_TALLY_MASK_CANDIDATES: each ballot adds its weight
	 * to masks[c << mask_bits | P] for each candidate c it ranks, P the set of candidates ranked
	 * at or above c's tie group (c included): k additions a ballot instead of k^2 / 2, and the
	 * matrix is read off the table at the end (pairwise_build); more candidates fold the table
	 * into pair and go on as above */
	int masks_on;
	int64_t *masks;              /* mask_bits rows of 2^mask_bits, or NULL; a compact profile's
	                              * are the first-choice sets of PT_TALLY_FIRSTS */
	uint32_t mask_bits;

	/* compact mode (pt_profile_compact): ballot b's key is pt_profile_key(p, b), in chunks of
	 * PT_TALLY_KEY_CHUNK (no block over the allocator's huge size: a million keys would be
	 * fresh pages for every count); weights NULL while all weigh 1 */
	int compact;
	uint64_t **keys;
	size_t nkeychunks;
	/* ... or, for a method that reads sequences whole (stv: pt_tally_prepare()), while every
	 * ballot weighs 1: bucket[c] holds the rest of each key whose first candidate is c (in the
	 * pt_key_chunk's stv's piles are made of, so its first piles are these), blanks the
	 * blank ballots; the first ballot weighing other than 1 turns them into keys */
	int bucketed;
	struct pt_key_chunk *bucket[PT_TALLY_KEY_CANDIDATES], *bucket_last[PT_TALLY_KEY_CANDIDATES];
	size_t bucket_n[PT_TALLY_KEY_CANDIDATES], blanks;
} pt_profile;

/* A chunk of key rests: a bucket of a compact profile, or a pile of stv's papers (val). */
#define PT_TALLY_PILE_CHUNK 4096

typedef struct pt_key_chunk {
	struct pt_key_chunk *next;
	int64_t val;                 /* stv: every paper's value, in units */
	size_t n;
	uint64_t rest[PT_TALLY_PILE_CHUNK];   /* a key's entries after its first (or a holder) */
} pt_key_chunk;

#define PT_TALLY_KEY_CHUNK_BITS 16
#define PT_TALLY_KEY_CHUNK ((size_t)1 << PT_TALLY_KEY_CHUNK_BITS)

/* Ballot b's key in a compact profile that is not bucketed. */
static inline uint64_t pt_profile_key(const pt_profile *p, size_t b)
{
	return p->keys[b >> PT_TALLY_KEY_CHUNK_BITS][b & (PT_TALLY_KEY_CHUNK - 1)];
}

/* A compact profile's p->n keys, bucketed or not, into out (bucketed: blanks first, then by
 * first preference). Returns p->n. */
size_t pt_profile_keys_copy(const pt_profile *p, uint64_t *out);

/* Candidates the mask table of a streamed profile holds (2^12 x 12 x 8 bytes: 393 KB). */
#define PT_TALLY_MASK_CANDIDATES 12u

/*
 * A compact ranking profile keeps each ballot as one key: its ranking read up to the first tie
 * (what irv and stv count: an entry tied with the next is ambiguous), entry i as its candidate
 * + 1 in bits 4i..4i+3, 0 after the last; 8 bytes a ballot instead of 4 a preference, 4 a start
 * and 8 a weight. A ballot naming a candidate from the 16th on in that part turns the profile
 * back into items (the keys decoded, nothing lost).
 */
static inline uint32_t pt_tally_key_len(uint64_t key)
{
	return key ? (uint32_t)(67 - __builtin_clzll(key)) / 4 : 0;
}

static inline uint32_t pt_tally_key_cand(uint64_t key, uint32_t i)
{
	return (uint32_t)((key >> (4 * i)) & 15) - 1;
}

/*
 * Initialises p for ballots of the given kind. opts is borrowed and must
 * outlive p (NULL = defaults). a NULL = libc. Free with pt_profile_free().
 */
pt_status pt_profile_init(pt_profile *p, pt_ballot_kind kind, const pt_tally_options *opts,
	const pt_allocator *a, pt_error *err);
void pt_profile_free(pt_profile *p);

/* Adds a candidate; a repeated or empty id is PT_ERR_INVALID. O(1). */
pt_status pt_profile_add_candidate(pt_profile *p, const char *id, size_t len, pt_error *err);
/* From now on a ballot naming an unknown candidate is invalid. */
void pt_profile_fix_candidates(pt_profile *p);
/* Candidate index of id, or -1. O(len) expected. */
int32_t pt_profile_find(const pt_profile *p, const char *id, size_t len);
/*
 * Switches an empty ranking profile to streaming: ballots are folded into
 * the pairwise matrix as they end and not kept (O(m^2) memory whatever the
 * number of ballots, O(k^2) work per ballot of k candidates). Only methods
 * flagged PT_TALLY_PAIRWISE can count such a profile. PT_ERR_INTERNAL when
 * p is not an empty ranking profile; PT_ERR_INVALID when it already has
 * more than PT_TALLY_MAX_SQUARE_CANDIDATES candidates (a ballot that would
 * add one more is then invalid).
 */
pt_status pt_profile_stream_pairwise(pt_profile *p, pt_error *err);
/*
 * Switches an empty ranking profile to compact storage (PT_TALLY_KEY_CANDIDATES above): each
 * ballot kept only up to its first tie, so only methods flagged PT_TALLY_COMPACT (irv, stv)
 * count it. PT_ERR_INTERNAL when p is not an empty, unstreamed ranking profile.
 */
pt_status pt_profile_compact(pt_profile *p, pt_error *err);
/* Optional: pre-sizes for n ballots with about items_per_ballot entries. */
pt_status pt_profile_reserve(pt_profile *p, size_t n, size_t items_per_ballot, pt_error *err);

/*
 * Ballot construction. begin() starts the ballot at position
 * p->next_index; item() adds a candidate (rank entries: tied = tied with the
 * previous entry; score ballots: value); stance() sets a stance ballot;
 * reject() marks the ballot invalid with a reason (the binding uses it for
 * structural problems it sees first). end() validates and stores it.
 * Only PT_ERR_NOMEM / PT_ERR_INTERNAL come out of begin/item/stance;
 * ballot problems surface at end(): PT_ERR_INVALID with err->index set, or
 * PT_OK and a spoiled ballot when opts->count_invalid.
 */
pt_status pt_ballot_begin(pt_profile *p, int64_t weight, pt_error *err);
pt_status pt_ballot_item(pt_profile *p, const char *id, size_t len, int tied, int64_t value,
	pt_error *err);
pt_status pt_ballot_stance(pt_profile *p, pt_stance stance, const char *role, size_t role_len,
	const char *reason, size_t reason_len, const char *voter, size_t voter_len, pt_error *err);
void pt_ballot_reject(pt_profile *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
pt_status pt_ballot_end(pt_profile *p, pt_error *err);

/*
 * Parses one ranking string 'A>B=C>D' ('>' = preferred to, '=' = tied;
 * blanks around ids are ignored; '' is a blank ballot) straight into the
 * profile, as begin/item/end would. No allocation per ballot. O(len).
 */
pt_status pt_profile_add_ranking_str(pt_profile *p, int64_t weight, const char *s, size_t len,
	pt_error *err);

/*
 * The strict ranking cands[0] > ... > cands[k-1] (candidate numbers below
 * p->ncand): what pt_profile_add_ranking_str() does with the text of their
 * ids joined by '>' (the general parser's path, each id known), without
 * looking the ids up. The stored summaries of a process's box replay their
 * ballots through it (core/process/count.h). PT_ERR_INTERNAL for a number
 * out of range (nothing added), PT_ERR_NOMEM, PT_ERR_INVALID as
 * pt_ballot_end().
 */
pt_status pt_profile_add_ranking_cands(pt_profile *p, int64_t weight, const uint32_t *cands, uint32_t k,
	pt_error *err);

/*
 * Adds one ballot given as a value tree, in any shape core/tally/ballot_shape.h describes (a
 * ranking string or list of ids and tiers, an approval, scores, a stance, each maybe wrapped
 * as {weight, ballot}). A shape problem marks the ballot invalid with its Spanish reason and
 * surfaces from pt_ballot_end() (PT_ERR_INVALID with err->index, or a spoiled ballot when
 * opts->count_invalid). v is borrowed. The PHP binding runs the same walk over its zvals.
 */
pt_status pt_profile_add_value(pt_profile *p, const pt_value *v, pt_error *err);

/* Parses a stance name ('agree', 'yes', 'abstain', 'disagree', 'no', 'block'). -1 if unknown. */
int pt_stance_parse(const char *s, size_t len);

/* ---- results ---------------------------------------------------------- */

typedef struct pt_tally_result {
	const pt_allocator *alloc;
	pt_value *winners;           /* list of ids, in order of election or rank */
	pt_value *ranking;           /* list of tiers, each a list of ids */
	pt_value *details;           /* map, method-specific (see README-tally) */
	pt_value *tie_breaks;        /* list of maps {stage, tied, chosen, rule, ...} */
} pt_tally_result;

void pt_tally_result_free(pt_tally_result *r);

typedef pt_status (*pt_tally_count_fn)(const pt_profile *p, const pt_tally_options *o,
	pt_tally_result *r, pt_error *err);

/*
 * What a method needs, as flags of its table row. Callers ask with
 * pt_tally_method_needs(), never by the method's name, so a new method
 * says what it needs in its row and every caller follows.
 */
/* The method reads only the pairwise matrix: the caller may stream. */
#define PT_TALLY_PAIRWISE 1u
/* Work grows as candidates^2 or ^3: at most PT_TALLY_MAX_SQUARE_CANDIDATES. */
#define PT_TALLY_SQUARE 2u
/* Participatory budgeting: the candidates are projects with a cost
 * (pt_tally_options.pb_costs) and the options need a budget; a ballot that
 * approves more than the budget is refused unless over_budget: allow. */
#define PT_TALLY_NEEDS_COSTS 4u
/* Seeks consensus on one motion: a block stance is a veto and roles may be
 * voice-only (the one method a `consensus` process takes). */
#define PT_TALLY_CONSENSUS 8u
/* Reads rankings only up to their first tie: the caller may keep a compact profile. */
#define PT_TALLY_COMPACT 16u
/* Reads first continuing choices (irv): a compact profile of at most PT_TALLY_MASK_CANDIDATES
 * candidates also keeps, as it reads the ballots, masks[c << mask_bits | P]: the weight of
 * the ballots whose sequence has c after exactly the candidates P. */
#define PT_TALLY_FIRSTS 32u

typedef struct pt_tally_method {
	const char *id;              /* the $method string */
	pt_ballot_kind kind;         /* ballots it reads */
	pt_tally_count_fn count;
	unsigned flags;              /* PT_TALLY_PAIRWISE, _SQUARE, _NEEDS_COSTS, _CONSENSUS */
} pt_tally_method;

/* The method table, terminated by a row with id NULL. */
extern const pt_tally_method pt_tally_methods[];

/* Looks a method up by id; NULL when unknown. */
const pt_tally_method *pt_tally_find(const char *id, size_t len);

/* True when m has every flag in `needs` (PT_TALLY_NEEDS_COSTS, ...); false for NULL. */
static inline int pt_tally_method_needs(const pt_tally_method *m, unsigned needs)
{
	return m && (m->flags & needs) == needs;
}

/*
 * Counts p with method m. Fills *r (the caller frees it with
 * pt_tally_result_free(), also after a failure). Errors: PT_ERR_INVALID
 * (options that do not fit the method or profile: seats > candidates,
 * missing eligible for an absolute majority, more candidates than a
 * PT_TALLY_SQUARE method counts, a count beyond its work budget, ...),
 * PT_ERR_NOMEM. Complexity per method is documented in its file.
 */
pt_status pt_tally_count(const pt_tally_method *m, const pt_profile *p,
	const pt_tally_options *o, pt_tally_result *r, pt_error *err);

/*
 * The size check pt_tally_count() makes first (PT_TALLY_SQUARE methods
 * count at most PT_TALLY_MAX_SQUARE_CANDIDATES), so a caller that knows
 * the candidates can refuse before reading any ballot. PT_OK or
 * PT_ERR_INVALID.
 */
pt_status pt_tally_check_size(const pt_tally_method *m, const pt_profile *p, pt_error *err);

/*
 * Readies an empty profile for about n ballots the way m counts best: pt_tally_check_size()
 * first, then streamed (PT_TALLY_PAIRWISE), compact (PT_TALLY_COMPACT) or pre-sized. What
 * Tally::count() calls before reading its ballots. PT_OK, PT_ERR_INVALID or PT_ERR_NOMEM.
 */
pt_status pt_tally_prepare(const pt_tally_method *m, pt_profile *p, size_t n, pt_error *err);

#ifdef __cplusplus
}
#endif

#endif /* PT_TALLY_H */
