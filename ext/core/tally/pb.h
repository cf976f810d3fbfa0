/*
 * participa core: participatory-budgeting counting rules with exact money
 * arithmetic.
 *
 *   pt_pb_greedy()        rank projects by approvals (or points) and fund each
 *                         one that still fits the budget.
 *   pt_pb_equal_shares()  the Method of Equal Shares (MES) for approval
 *                         ballots with cost utilities, with the Add1 and
 *                         Add1+utilitarian completions used by cities that
 *                         count with equalshares.net.
 *
 * Money is int64 in the smallest unit the caller chose (cents, or whole
 * currency units when every cost is integral: pt_pb_money_parse() converts
 * decimal text such as "40000.0" at a given scale). Nothing is ever a float
 * on the way to a decision: Equal Shares payments are rationals and the core
 * compares them exactly, so no rounding can flip a selection. Doubles in the
 * result (*_approx) are for display only.
 *
 * Tie-breaking (both rules, documented for citizens): among projects that
 * are equally good (same approvals / points for greedy, same rho for Equal
 * Shares) the one with more approvals wins, then the cheaper one, then the
 * one given first in the input. Each tie that had to be broken is recorded
 * in pt_pb_result.ties.
 *
 * Everything here is pure C: no php.h, allocation through the caller's
 * pt_allocator (NULL = libc), errors in a caller-owned pt_error.
 */
#ifndef PT_PB_H
#define PT_PB_H

#include <stddef.h>
#include <stdint.h>
#include "core/common/pt_base.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The instance, borrowed (never freed or modified by the core).
 *
 * Ballots are given in compressed sparse rows: voter v approves
 * approvals[approval_offsets[v] .. approval_offsets[v+1]-1], project indexes
 * in [0, project_count). The order of a ballot does not matter for approval
 * counting. A voter may approve nothing (an empty ballot still counts in n,
 * the number of voters that share the Equal Shares budget).
 */
typedef struct pt_pb_input {
	size_t project_count;
	const int64_t *costs;              /* project_count entries, each >= 0 */
	int64_t budget;                    /* B, >= 0 */

	size_t voter_count;
	const uint32_t *approval_offsets;  /* voter_count + 1 entries, non-decreasing, [0] == 0 */
	const uint32_t *approvals;         /* approval_offsets[voter_count] project indexes */
	const int64_t *weights;            /* NULL = every voter weighs 1; else >= 0 each
	                                      (grouped identical ballots, proxies) */
	const int64_t *points;             /* NULL, or parallel to approvals: points a
	                                      voter gives each approved project
	                                      (cumulative ballots; greedy by points) */
} pt_pb_input;

/*
 * Checks the input's structure: costs/budget non-negative, offsets
 * consistent, project indexes in range, no project twice on a ballot,
 * weights and points non-negative, and - when min_length/max_length are
 * not 0 - each ballot's length within [min_length, max_length] (0 = no
 * bound). Both counting functions call it with 0/0 themselves.
 * On failure returns PT_ERR_INVALID with err->index = the offending voter
 * (or -1 for project-level problems) and a Spanish message for ballot
 * problems. O(total approvals + projects) time, O(projects) scratch memory.
 */
pt_status pt_pb_input_check(const pt_pb_input *in, size_t min_length,
	size_t max_length, const pt_allocator *a, pt_error *err);

/*
 * Same checks for one ballot only (voter v), so a caller that counts
 * invalid ballots as spoiled ('invalid' => 'count') can sort them out
 * before building the input. seen must point to project_count bytes of
 * zeroes; it is left zeroed on return. O(ballot length).
 */
pt_status pt_pb_ballot_check(const pt_pb_input *in, size_t v, size_t min_length,
	size_t max_length, unsigned char *seen, pt_error *err);

/* ---- options ---------------------------------------------------------- */

typedef struct pt_pb_greedy_options {
	int skip;           /* 1 (default): skip a project that does not fit and go on;
	                       0: stop at the first project that does not fit */
	int64_t threshold;  /* minimum approvals (weighted) or points to be eligible; 0 = none */
	int by_points;      /* 0: rank by approvals; 1: rank by points (needs in->points) */
} pt_pb_greedy_options;

/* Fills the defaults above: skip = 1, threshold = 0, by_points = 0. */
void pt_pb_greedy_options_init(pt_pb_greedy_options *o);

typedef enum pt_pb_completion {
	PT_PB_COMPLETION_NONE = 0,  /* plain MES with per-voter budget B/n */
	PT_PB_COMPLETION_ADD1,      /* raise the per-voter budget while the outcome still fits B */
	PT_PB_COMPLETION_ADD1U      /* ADD1, then greedy (by approvals) fill with what is left of B */
} pt_pb_completion;

typedef enum pt_pb_start {
	PT_PB_START_FLOOR = 0,      /* Add1 increments start from floor(B/n) per voter (equalshares.net) */
	PT_PB_START_EXACT           /* Add1 increments start from B/n per voter */
} pt_pb_start;

typedef struct pt_pb_mes_options {
	pt_pb_completion completion;  /* default PT_PB_COMPLETION_ADD1 */
	int64_t increment;            /* per-voter budget step of Add1, > 0, in the same money
	                                 units as costs; default 1 */
	pt_pb_start start;            /* default PT_PB_START_FLOOR */
	int stop_when_exhaustive;     /* default 1: stop raising the per-voter budget as soon
	                                 as no unselected project fits what is left of B */
	uint32_t max_runs;            /* cap on Add1 runs, 0 = no cap beyond the work budget;
	                                 at the cap Add1 stops (PT_PB_STOPPED_MAX_RUNS) */
	uint64_t max_work;            /* 0 = PT_PB_WORK; a smaller value lowers the budget */
} pt_pb_mes_options;

/*
 * The work budget of one Equal Shares count: supporter visits of the
 * double engine, limb operations of the exact one, and a set-up cost per
 * run, summed over every run (Add1 included) and the exact recount of the
 * kept run: 10^9, one to three seconds on a small server.
 *
 * Add1 starts a new run only while less than half of it is spent (the
 * rest is for the run in progress and the exact recount). At that bound,
 * with a step tiny next to B/n (a budget of 10^10 with increment 1 would
 * mean about 10^9 runs), it stops raising the per-voter budget and keeps
 * the last run that fitted B, a valid Equal Shares outcome, and says so
 * (pt_pb_result.completion_stopped = PT_PB_STOPPED_WORK). Świecie (228
 * runs) uses 0.2% of the budget, Świecie counted in cents with increment 1
 * (22,596 runs) 14%. Only a count whose single run, or exact recount,
 * cannot finish within the budget is refused (PT_ERR_INVALID).
 */
#define PT_PB_WORK ((uint64_t)1000000000)
#define PT_PB_STOPPED_WORK 1
#define PT_PB_STOPPED_MAX_RUNS 2

/* Fills the defaults above (completion ADD1, increment 1, start FLOOR, stop 1). */
void pt_pb_mes_options_init(pt_pb_mes_options *o);

/* ---- result ----------------------------------------------------------- */

typedef enum pt_pb_stage {
	PT_PB_STAGE_GREEDY = 0,     /* chosen by pt_pb_greedy(), or by the ADD1U greedy fill */
	PT_PB_STAGE_MES             /* chosen by the Equal Shares rounds of the final run */
} pt_pb_stage;

/* Which criterion decided a tie (the first one that told the projects apart). */
typedef enum pt_pb_tie_rule {
	PT_PB_TIE_APPROVALS = 0,    /* more approvals won */
	PT_PB_TIE_COST,             /* lower cost won */
	PT_PB_TIE_ORDER             /* earlier in the input won */
} pt_pb_tie_rule;

/*
 * One selection, in the order projects were funded. Rationals are exact,
 * written as decimal text "p" or "p/q" in lowest terms (q > 1), NUL-
 * terminated, owned by the result; *_approx are the same values as
 * doubles for display only.
 */
typedef struct pt_pb_selection {
	uint32_t project;           /* index into in->costs */
	pt_pb_stage stage;
	int64_t cost;
	int64_t approvals;          /* weighted number of supporters */
	int64_t points;             /* sum of points (0 when in->points is NULL) */
	int64_t budget_left;        /* B minus the cost of everything funded so far, this included */

	/* Equal Shares only (stage PT_PB_STAGE_MES), NULL/0 otherwise: */
	char *payment;              /* what each supporter who could pay in full paid (money per
	                               voter); the others paid all they had left */
	double payment_approx;
	char *rho;                  /* payment / cost: the MES rho for cost utilities (money per
	                               unit of utility); the smallest rho wins the round */
	double rho_approx;
	char *effective_votes;      /* cost / payment = 1 / rho: the "effective vote count" of
	                               equalshares.net */
	double effective_votes_approx;
	char *voters_money_left;    /* sum of the voters' remaining budgets after paying (this run) */
	double voters_money_left_approx;
	int64_t payers_exhausted;   /* weighted supporters who paid their whole remaining budget */
} pt_pb_selection;

/* A tie the rule had to break: `chosen` won over `others` at that step. */
typedef struct pt_pb_tie {
	size_t step;                /* 0-based index into pt_pb_result.selections */
	uint32_t chosen;
	uint32_t *others;           /* project indexes that were equally good */
	size_t other_count;         /* entries in others */
	size_t others_total;        /* how many were equally good: more than other_count only
	                               once the count has recorded PT_PB_MAX_TIE_ENTRIES */
	pt_pb_tie_rule rule;        /* criterion that decided it */
} pt_pb_tie;

/* Tied projects a count records in all (thousands of identical projects
 * tie at every round of Equal Shares: quadratic); later ties keep only
 * their size (others_total). */
#define PT_PB_MAX_TIE_ENTRIES 100000u

typedef struct pt_pb_result {
	size_t selected_count;
	pt_pb_selection *selections;  /* selected_count entries, in order of selection */
	int64_t total_cost;
	int64_t budget_left;          /* B - total_cost, >= 0 */
	int exhaustive;               /* 1 if no unselected project fits budget_left */

	int64_t *approvals;           /* project_count entries: weighted approvals */
	int64_t *points;              /* project_count entries: points totals (NULL if no points) */

	size_t tie_count;
	pt_pb_tie *ties;
	size_t tie_entries;           /* others recorded over all ties (<= PT_PB_MAX_TIE_ENTRIES) */

	/* Equal Shares only: the per-voter budget of the final (kept) run */
	char *per_voter_budget;       /* exact rational text, e.g. "420" or "1070000/2553" */
	double per_voter_budget_approx;
	uint32_t runs;                /* fixed-budget MES runs performed (1 without completion) */
	uint64_t work;                /* work units spent (see PT_PB_WORK) */
	int completion_stopped;       /* 0: Add1 ended by its own rule; PT_PB_STOPPED_WORK or
	                                 PT_PB_STOPPED_MAX_RUNS: it stopped raising at a bound and
	                                 kept the last run that fitted B */
	int64_t total_weight;         /* n: sum of weights */

	const pt_allocator *alloc;    /* what to free with */
} pt_pb_result;

/*
 * Greedy: sorts the projects by approvals (or points) descending, ties by
 * lower cost then input order (recorded in ties), drops those below
 * threshold, and funds each in turn if its cost fits what is left of B.
 * With skip = 0 it stops at the first project that does not fit.
 * Fills *out (caller frees with pt_pb_result_free(), also after failure).
 * Errors: PT_ERR_INVALID (see pt_pb_input_check(), by_points without
 * points, sums overflowing int64), PT_ERR_NOMEM.
 * O(approvals + p log p) time, O(p) memory.
 */
pt_status pt_pb_greedy(const pt_pb_input *in, const pt_pb_greedy_options *opt,
	const pt_allocator *a, pt_pb_result *out, pt_error *err);

/*
 * Method of Equal Shares with cost utilities.
 *
 * A run with per-voter budget b gives every voter b (times its weight).
 * Each round funds the affordable project with the smallest rho = payment /
 * cost, where the payment p solves  sum over supporters of
 * min(remaining_i, p) = cost ; supporters then pay min(remaining_i, p).
 * (Cost utilities: a voter's utility from a project is its cost, so this is
 * the largest "effective vote count" cost / p.) A project is affordable when
 * its supporters' remaining money covers its cost. Voters with identical
 * ballots always hold identical budgets, so they are counted as one class. Ties: more approvals, lower
 * cost, input order. Zero-cost projects with at least one supporter are
 * funded first (rho = 0). Unsupported projects are never funded by MES.
 *
 * Completion ADD1 (as the reference implementation of equalshares.net):
 * the first run uses b = B/n. Then, while the outcome is not exhaustive
 * (when stop_when_exhaustive) b is raised to floor(B/n) + k*increment
 * (start FLOOR) or B/n + k*increment (start EXACT), k = 1, 2, ...; a run
 * whose funded projects cost more than B ends the loop and the last run
 * that fitted is kept. ADD1U then funds, greedily by approvals, any other
 * project that still fits.
 *
 * Fills *out (caller frees with pt_pb_result_free(), also after failure).
 * Errors: PT_ERR_INVALID (bad input, increment <= 0, overflow of int64
 * totals, a run or the exact recount beyond the work budget PT_PB_WORK),
 * PT_ERR_NOMEM. At a bound Add1 stops and says so (completion_stopped).
 * Time per run O(rounds * supporters) in the fast path; memory O(voters +
 * approvals). Decisions are certified exact (see pb.c).
 */
pt_status pt_pb_equal_shares(const pt_pb_input *in, const pt_pb_mes_options *opt,
	const pt_allocator *a, pt_pb_result *out, pt_error *err);

/* Frees everything a result owns and zeroes it. Safe on a zeroed result. */
void pt_pb_result_free(pt_pb_result *r);

/*
 * Parses a money amount "123", "-5", "40000.0", "37387.50" into an integer
 * count of 10^-scale units (scale 0..9). Fails (PT_ERR_INVALID) on syntax
 * errors, on overflow, and when the text has more non-zero decimals than
 * scale allows ("0.125" at scale 2). Leading/trailing blanks are not allowed.
 */
pt_status pt_pb_money_parse(const char *s, size_t len, unsigned scale,
	int64_t *out, pt_error *err);

/*
 * Number of significant decimals in a money text ("40000.0" -> 0,
 * "1.50" -> 1, "abc" -> 0), so a caller can pick the smallest scale that
 * keeps every cost exact.
 */
unsigned pt_pb_money_decimals(const char *s, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* PT_PB_H */
