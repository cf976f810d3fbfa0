/*
 * participa core: participatory budgeting (see pb.h).
 *
 * How Equal Shares stays exact and fast
 * -------------------------------------
 * Payments in the Method of Equal Shares are rationals whose denominators
 * multiply round after round (each payment divides what is left of a cost
 * among the supporters who can still pay), so neither int64 nor int128 can
 * hold them and doubles could, in principle, flip a close comparison.
 *
 * Two engines compute the same fixed-budget run:
 *
 *  - run_exact(): every voter class's budget is an integer numerator over
 *    one common denominator D (a small multi-limb natural number). Funding a
 *    project with payment X/(m*D) multiplies D by m/gcd and subtracts, so
 *    every comparison is an exact integer comparison. It also produces the
 *    exact rationals the result reports.
 *
 *  - run_float(): the same run in doubles, carrying for every value a
 *    rigorous bound of its rounding error (running error analysis with
 *    generous slack). Every decision (affordable or not, who pays all they
 *    have, which project has the smallest rho) is taken only when the
 *    computed values are further apart than their error bounds; otherwise
 *    the run reports "uncertain" and the caller redoes it with run_exact().
 *    A certified float run therefore selects exactly what the exact run
 *    would; exact ties always fall back.
 *
 * Add1 completion needs hundreds of runs (Świecie: 228), so the runs are
 * float-certified and only the kept run is recomputed exactly for the
 * report. Voters with identical ballots always hold identical budgets (the
 * rule never looks at voter identity), so they are merged into weighted
 * classes first: 2,553 Świecie voters are 695 classes.
 */
#include "core/tally/pb.h"
#include "core/common/pt_hash.h"

#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <math.h>

typedef uint64_t limb;
typedef unsigned __int128 dlimb;

/* ---- small helpers ------------------------------------------------------ */

void pt_pb_greedy_options_init(pt_pb_greedy_options *o)
{
	memset(o, 0, sizeof(*o));
	o->skip = 1;
}

void pt_pb_mes_options_init(pt_pb_mes_options *o)
{
	memset(o, 0, sizeof(*o));
	o->completion = PT_PB_COMPLETION_ADD1;
	o->increment = 1;
	o->start = PT_PB_START_FLOOR;
	o->stop_when_exhaustive = 1;
}

static uint64_t gcd_u64(uint64_t a, uint64_t b)
{
	while (b) {
		uint64_t t = a % b;
		a = b;
		b = t;
	}
	return a;
}

unsigned pt_pb_money_decimals(const char *s, size_t len)
{
	size_t i, dot = len, last = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == '.') {
			dot = i;
			break;
		}
	}
	if (dot == len) {
		return 0;
	}
	for (i = dot + 1; i < len; i++) {
		if (s[i] < '0' || s[i] > '9') {
			return 0;
		}
		if (s[i] != '0') {
			last = i - dot;
		}
	}
	return (unsigned)last;
}

pt_status pt_pb_money_parse(const char *s, size_t len, unsigned scale,
	int64_t *out, pt_error *err)
{
	size_t i = 0;
	int neg = 0, digits = 0;
	unsigned frac = 0;
	uint64_t v = 0;
	const uint64_t lim = (uint64_t)INT64_MAX;

	if (scale > 9) {
		return pt_error_set(err, PT_ERR_INVALID, "money scale %u is above 9", scale);
	}
	if (i < len && (s[i] == '-' || s[i] == '+')) {
		neg = s[i] == '-';
		i++;
	}
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
		if (v > (lim - (uint64_t)(s[i] - '0')) / 10) {
			goto overflow;
		}
		v = v * 10 + (uint64_t)(s[i] - '0');
		digits++;
	}
	if (i < len && s[i] == '.') {
		i++;
		for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
			if (frac < scale) {
				if (v > (lim - (uint64_t)(s[i] - '0')) / 10) {
					goto overflow;
				}
				v = v * 10 + (uint64_t)(s[i] - '0');
				frac++;
			} else if (s[i] != '0') {
				return pt_error_set(err, PT_ERR_INVALID,
					"cantidad \"%.*s\" tiene más de %u decimales", (int)(len > 64 ? 64 : len), s, scale);
			}
			digits++;
		}
	}
	if (!digits || i != len) {
		return pt_error_set(err, PT_ERR_INVALID, "cantidad no válida: \"%.*s\"",
			(int)(len > 64 ? 64 : len), s);
	}
	for (; frac < scale; frac++) {
		if (v > lim / 10) {
			goto overflow;
		}
		v *= 10;
	}
	*out = neg ? -(int64_t)v : (int64_t)v;
	return PT_OK;
overflow:
	return pt_error_set(err, PT_ERR_INVALID, "cantidad demasiado grande: \"%.*s\"",
		(int)(len > 64 ? 64 : len), s);
}

/* ---- input validation ---------------------------------------------------- */

pt_status pt_pb_ballot_check(const pt_pb_input *in, size_t v, size_t min_length,
	size_t max_length, unsigned char *seen, pt_error *err)
{
	uint32_t from = in->approval_offsets[v], to = in->approval_offsets[v + 1], j;
	size_t len;
	pt_status st = PT_OK;

	if (to < from) {
		st = pt_error_set(err, PT_ERR_INVALID, "papeleta %zu: desplazamientos no válidos", v);
		goto out_index;
	}
	len = to - from;
	if (in->weights && in->weights[v] < 0) {
		st = pt_error_set(err, PT_ERR_INVALID, "papeleta %zu: peso negativo", v);
		goto out_index;
	}
	for (j = from; j < to; j++) {
		uint32_t p = in->approvals[j];
		if (p >= in->project_count) {
			st = pt_error_set(err, PT_ERR_INVALID, "papeleta %zu: proyecto desconocido (%u)", v, p);
			break;
		}
		if (seen[p]) {
			st = pt_error_set(err, PT_ERR_INVALID, "papeleta %zu: proyecto repetido (%u)", v, p);
			break;
		}
		if (in->points && in->points[j] < 0) {
			st = pt_error_set(err, PT_ERR_INVALID, "papeleta %zu: puntos negativos", v);
			break;
		}
		seen[p] = 1;
	}
	/* leave seen zeroed for the next ballot */
	for (uint32_t k = from; k < j; k++) {
		seen[in->approvals[k]] = 0;
	}
	if (st == PT_OK && min_length && len < min_length) {
		st = pt_error_set(err, PT_ERR_INVALID,
			"papeleta %zu: elige %zu proyectos y el mínimo es %zu", v, len, min_length);
	}
	if (st == PT_OK && max_length && len > max_length) {
		st = pt_error_set(err, PT_ERR_INVALID,
			"papeleta %zu: elige %zu proyectos y el máximo es %zu", v, len, max_length);
	}
out_index:
	if (st != PT_OK && err) {
		err->index = (long)v;
	}
	return st;
}

pt_status pt_pb_input_check(const pt_pb_input *in, size_t min_length,
	size_t max_length, const pt_allocator *a, pt_error *err)
{
	unsigned char *seen;
	size_t i;
	pt_status st = PT_OK;

	if (!in || (in->project_count && !in->costs) || (in->voter_count && (!in->approval_offsets))) {
		return pt_error_set(err, PT_ERR_INVALID, "pb: incomplete input");
	}
	if (in->project_count > UINT32_MAX - 1) {
		return pt_error_set(err, PT_ERR_INVALID, "pb: too many projects");
	}
	if (in->budget < 0) {
		return pt_error_set(err, PT_ERR_INVALID, "pb: el presupuesto es negativo");
	}
	for (i = 0; i < in->project_count; i++) {
		if (in->costs[i] < 0) {
			st = pt_error_set(err, PT_ERR_INVALID, "pb: el proyecto %zu tiene costo negativo", i);
			if (err) {
				err->index = -1;
			}
			return st;
		}
	}
	if (!in->voter_count) {
		return PT_OK;
	}
	if (in->approval_offsets[0] != 0 || (in->approval_offsets[in->voter_count] && !in->approvals)) {
		return pt_error_set(err, PT_ERR_INVALID, "pb: approval offsets must start at 0");
	}
	seen = pt_calloc(a, in->project_count ? in->project_count : 1, 1);
	if (!seen) {
		return pt_error_set(err, PT_ERR_NOMEM, "pb: out of memory");
	}
	for (i = 0; i < in->voter_count && st == PT_OK; i++) {
		st = pt_pb_ballot_check(in, i, min_length, max_length, seen, err);
	}
	pt_free(a, seen);
	return st;
}

/* ---- result helpers ------------------------------------------------------ */

void pt_pb_result_free(pt_pb_result *r)
{
	size_t i;
	const pt_allocator *a;

	if (!r) {
		return;
	}
	a = r->alloc;
	for (i = 0; r->selections && i < r->selected_count; i++) {
		pt_pb_selection *s = &r->selections[i];
		pt_free(a, s->payment);
		pt_free(a, s->rho);
		pt_free(a, s->effective_votes);
		pt_free(a, s->voters_money_left);
	}
	pt_free(a, r->selections);
	for (i = 0; r->ties && i < r->tie_count; i++) {
		pt_free(a, r->ties[i].others);
	}
	pt_free(a, r->ties);
	pt_free(a, r->approvals);
	pt_free(a, r->points);
	pt_free(a, r->per_voter_budget);
	memset(r, 0, sizeof(*r));
	r->alloc = a;
}

static pt_status result_init(pt_pb_result *out, const pt_pb_input *in,
	const pt_allocator *a, pt_error *err)
{
	size_t n = in->project_count ? in->project_count : 1;

	memset(out, 0, sizeof(*out));
	out->alloc = a;
	out->selections = pt_calloc(a, n, sizeof(pt_pb_selection));
	out->approvals = pt_calloc(a, n, sizeof(int64_t));
	out->ties = pt_calloc(a, n, sizeof(pt_pb_tie));
	if (in->points) {
		out->points = pt_calloc(a, n, sizeof(int64_t));
	}
	if (!out->selections || !out->approvals || !out->ties || (in->points && !out->points)) {
		return pt_error_set(err, PT_ERR_NOMEM, "pb: out of memory");
	}
	return PT_OK;
}

/* Weighted approvals and points per project, overflow-checked. */
static pt_status count_support(const pt_pb_input *in, int64_t *appr, int64_t *pts,
	int64_t *total_weight, pt_error *err)
{
	size_t v;
	uint32_t j;
	int64_t tw = 0;

	for (v = 0; v < in->voter_count; v++) {
		int64_t w = in->weights ? in->weights[v] : 1;
		if (__builtin_add_overflow(tw, w, &tw)) {
			return pt_error_set(err, PT_ERR_INVALID, "pb: total weight overflows");
		}
		for (j = in->approval_offsets[v]; j < in->approval_offsets[v + 1]; j++) {
			uint32_t p = in->approvals[j];
			if (__builtin_add_overflow(appr[p], w, &appr[p])) {
				return pt_error_set(err, PT_ERR_INVALID, "pb: approvals overflow");
			}
			if (pts) {
				int64_t x = in->points ? in->points[j] : 0;
				if (__builtin_mul_overflow(x, w, &x) || __builtin_add_overflow(pts[p], x, &pts[p])) {
					return pt_error_set(err, PT_ERR_INVALID, "pb: points overflow");
				}
			}
		}
	}
	*total_weight = tw;
	return PT_OK;
}

/* The tie-break order shared by both rules: more approvals, lower cost, input order. */
static int tiebreak_cmp(const pt_pb_input *in, const int64_t *appr, uint32_t p, uint32_t q,
	pt_pb_tie_rule *rule)
{
	if (appr[p] != appr[q]) {
		*rule = PT_PB_TIE_APPROVALS;
		return appr[p] > appr[q] ? -1 : 1;
	}
	if (in->costs[p] != in->costs[q]) {
		*rule = PT_PB_TIE_COST;
		return in->costs[p] < in->costs[q] ? -1 : 1;
	}
	*rule = PT_PB_TIE_ORDER;
	return p < q ? -1 : (p > q ? 1 : 0);
}

static pt_status add_tie(pt_pb_result *out, size_t step, uint32_t chosen,
	const uint32_t *others, size_t n, pt_pb_tie_rule rule, pt_error *err)
{
	pt_pb_tie *t = &out->ties[out->tie_count];
	size_t keep = PT_PB_MAX_TIE_ENTRIES - out->tie_entries;

	if (keep > n) {
		keep = n;
	}
	t->others = pt_alloc(out->alloc, (keep ? keep : 1) * sizeof(uint32_t));
	if (!t->others) {
		return pt_error_set(err, PT_ERR_NOMEM, "pb: out of memory");
	}
	memcpy(t->others, others, keep * sizeof(uint32_t));
	t->other_count = keep;
	t->others_total = n;
	out->tie_entries += keep;
	t->step = step;
	t->chosen = chosen;
	t->rule = rule;
	out->tie_count++;
	return PT_OK;
}

static int fits(int64_t left, int64_t cost)
{
	return cost <= left;
}

/* ---- greedy -------------------------------------------------------------- */

typedef struct greedy_key {
	int64_t score;
	uint32_t p;
} greedy_key;

typedef struct greedy_sort_ctx {
	const pt_pb_input *in;
	const int64_t *appr;
} greedy_sort_ctx;

/* insertion/merge sort with context (qsort has none in C99) */
static int greedy_before(const greedy_sort_ctx *c, const greedy_key *x, const greedy_key *y)
{
	pt_pb_tie_rule r;

	if (x->score != y->score) {
		return x->score > y->score;
	}
	return tiebreak_cmp(c->in, c->appr, x->p, y->p, &r) < 0;
}

static void greedy_sort(const greedy_sort_ctx *c, greedy_key *k, greedy_key *tmp, size_t n)
{
	size_t mid, i, j, o;

	if (n < 2) {
		return;
	}
	mid = n / 2;
	greedy_sort(c, k, tmp, mid);
	greedy_sort(c, k + mid, tmp, n - mid);
	for (i = 0, j = mid, o = 0; i < mid || j < n; ) {
		if (j >= n || (i < mid && !greedy_before(c, &k[j], &k[i]))) {
			tmp[o++] = k[i++];
		} else {
			tmp[o++] = k[j++];
		}
	}
	memcpy(k, tmp, n * sizeof(*k));
}

/* Greedy fill shared by pt_pb_greedy() and the ADD1U completion. */
static pt_status greedy_fill(const pt_pb_input *in, const int64_t *appr, const int64_t *score,
	int64_t threshold, int skip, const unsigned char *taken, int record_ties,
	pt_pb_result *out, pt_error *err)
{
	size_t n = in->project_count, m = 0, i, j;
	greedy_key *keys, *tmp;
	uint32_t *others = NULL;
	greedy_sort_ctx ctx = { in, appr };
	pt_status st = PT_OK;

	keys = pt_calloc(out->alloc, n ? n : 1, sizeof(*keys));
	tmp = pt_calloc(out->alloc, n ? n : 1, sizeof(*tmp));
	others = pt_calloc(out->alloc, n ? n : 1, sizeof(*others));
	if (!keys || !tmp || !others) {
		st = pt_error_set(err, PT_ERR_NOMEM, "pb: out of memory");
		goto done;
	}
	for (i = 0; i < n; i++) {
		if (taken && taken[i]) {
			continue;
		}
		if (score[i] < threshold) {
			continue;
		}
		keys[m].score = score[i];
		keys[m].p = (uint32_t)i;
		m++;
	}
	greedy_sort(&ctx, keys, tmp, m);
	for (i = 0; i < m; i++) {
		uint32_t p = keys[i].p;
		if (record_ties && (i == 0 || keys[i - 1].score != keys[i].score)) {
			/* a group of equal scores: the order inside it was decided by the tie-break */
			size_t k = 0;
			pt_pb_tie_rule rule = PT_PB_TIE_ORDER;
			for (j = i + 1; j < m && keys[j].score == keys[i].score; j++) {
				others[k++] = keys[j].p;
			}
			if (k) {
				tiebreak_cmp(in, appr, p, others[0], &rule);
				st = add_tie(out, out->selected_count, p, others, k, rule, err);
				if (st != PT_OK) {
					goto done;
				}
			}
		}
		if (fits(out->budget_left, in->costs[p])) {
			pt_pb_selection *s = &out->selections[out->selected_count++];
			out->budget_left -= in->costs[p];
			out->total_cost += in->costs[p];
			s->project = p;
			s->stage = PT_PB_STAGE_GREEDY;
			s->cost = in->costs[p];
			s->approvals = appr[p];
			s->points = out->points ? out->points[p] : 0;
			s->budget_left = out->budget_left;
		} else if (!skip) {
			break;
		}
	}
done:
	pt_free(out->alloc, keys);
	pt_free(out->alloc, tmp);
	pt_free(out->alloc, others);
	return st;
}

/* exhaustive = no unselected project fits what is left. O(projects +
 * selections) with a mark per project (was one scan of the selections per
 * project); without memory for the marks, the scan. */
static void finish_exhaustive(const pt_pb_input *in, pt_pb_result *out)
{
	unsigned char *chosen = pt_calloc(out->alloc, in->project_count ? in->project_count : 1, 1);
	size_t i, k;

	out->exhaustive = 1;
	for (k = 0; chosen && k < out->selected_count; k++) {
		chosen[out->selections[k].project] = 1;
	}
	for (i = 0; i < in->project_count; i++) {
		int is_chosen = 0;

		if (chosen) {
			is_chosen = chosen[i];
		} else {
			for (k = 0; k < out->selected_count && !is_chosen; k++) {
				is_chosen = out->selections[k].project == i;
			}
		}
		if (!is_chosen && in->costs[i] <= out->budget_left) {
			out->exhaustive = 0;
			break;
		}
	}
	pt_free(out->alloc, chosen);
}

pt_status pt_pb_greedy(const pt_pb_input *in, const pt_pb_greedy_options *opt,
	const pt_allocator *a, pt_pb_result *out, pt_error *err)
{
	pt_pb_greedy_options defaults;
	pt_status st;

	if (!opt) {
		pt_pb_greedy_options_init(&defaults);
		opt = &defaults;
	}
	st = pt_pb_input_check(in, 0, 0, a, err);
	if (st != PT_OK) {
		memset(out, 0, sizeof(*out));
		out->alloc = a;
		return st;
	}
	st = result_init(out, in, a, err);
	if (st != PT_OK) {
		return st;
	}
	if (opt->by_points && !in->points) {
		return pt_error_set(err, PT_ERR_INVALID, "pb_greedy: by points needs points on the ballots");
	}
	st = count_support(in, out->approvals, out->points, &out->total_weight, err);
	if (st != PT_OK) {
		return st;
	}
	out->budget_left = in->budget;
	out->runs = 1;
	st = greedy_fill(in, out->approvals, opt->by_points ? out->points : out->approvals,
		opt->threshold, opt->skip, NULL, 1, out, err);
	if (st == PT_OK) {
		finish_exhaustive(in, out);
	}
	return st;
}

/* ---- multi-limb naturals (little-endian 64-bit limbs, normalized length) ---- */

static size_t bn_norm(const limb *a, size_t n)
{
	while (n && !a[n - 1]) {
		n--;
	}
	return n;
}

static size_t bn_set(limb *d, uint64_t v)
{
	d[0] = v;
	return v ? 1 : 0;
}

/* d = a * m; d may alias a; d needs n + 1 limbs */
static size_t bn_mul_u64(limb *d, const limb *a, size_t n, uint64_t m)
{
	dlimb carry = 0;
	size_t i;

	if (!m) {
		return 0;
	}
	for (i = 0; i < n; i++) {
		dlimb t = (dlimb)a[i] * m + carry;
		d[i] = (limb)t;
		carry = t >> 64;
	}
	if (carry) {
		d[n++] = (limb)carry;
	}
	return n;
}

/* d = a + b; d may alias a or b; d needs max + 1 limbs */
static size_t bn_add(limb *d, const limb *a, size_t na, const limb *b, size_t nb)
{
	size_t n = na > nb ? na : nb, i;
	limb carry = 0;

	for (i = 0; i < n; i++) {
		limb x = i < na ? a[i] : 0, y = i < nb ? b[i] : 0;
		limb s = x + y;
		limb c1 = s < x;
		limb s2 = s + carry;
		carry = c1 | (s2 < s);
		d[i] = s2;
	}
	if (carry) {
		d[n++] = 1;
	}
	return n;
}

/* d = a - b, requires a >= b; d may alias a */
static size_t bn_sub(limb *d, const limb *a, size_t na, const limb *b, size_t nb)
{
	size_t i;
	limb borrow = 0;

	for (i = 0; i < na; i++) {
		limb y = i < nb ? b[i] : 0;
		limb t = a[i] - y;
		limb b1 = a[i] < y;
		limb t2 = t - borrow;
		borrow = b1 | (t < borrow);
		d[i] = t2;
	}
	return bn_norm(d, na);
}

static int bn_cmp(const limb *a, size_t na, const limb *b, size_t nb)
{
	size_t i;

	if (na != nb) {
		return na < nb ? -1 : 1;
	}
	for (i = na; i-- > 0; ) {
		if (a[i] != b[i]) {
			return a[i] < b[i] ? -1 : 1;
		}
	}
	return 0;
}

/* q = a / m, returns a % m; q may alias a */
static uint64_t bn_divmod_u64(limb *q, const limb *a, size_t na, uint64_t m, size_t *nq)
{
	dlimb r = 0;
	size_t i;

	for (i = na; i-- > 0; ) {
		dlimb cur = (r << 64) | a[i];
		if (q) {
			q[i] = (limb)(cur / m);
		}
		r = cur % m;
	}
	if (q && nq) {
		*nq = bn_norm(q, na);
	}
	return (uint64_t)r;
}

static double bn_to_double(const limb *a, size_t n)
{
	double r = 0;
	size_t i;

	for (i = n; i-- > 0; ) {
		r = r * 18446744073709551616.0 + (double)a[i];
	}
	return r;
}

/* ---- Equal Shares: classes ----------------------------------------------- */

typedef struct mes_ctx {
	const pt_pb_input *in;
	const pt_allocator *a;
	size_t np;               /* projects */
	size_t nk;               /* voter classes (identical ballots, positive weight) */
	int64_t *cw;             /* class weight */
	double *cwf;
	uint32_t *poff;          /* project -> supporting classes (CSR) */
	uint32_t *pcls;
	int64_t *appr;           /* weighted approvals per project */
	int64_t W;               /* total weight n */
	size_t max_sup;
	int float_ok;            /* magnitudes allow the certified double engine */

	/* work done so far (supporter visits, limb operations, per-run set-up)
	 * and the budget of the whole count; over = the budget ran out */
	uint64_t work, work_max;
	int over;
	uint32_t runs;           /* runs started, for the messages */

	/* per run scratch */
	double *bud, *berr;
	unsigned char *mark;     /* per supporter position: pays everything */
	unsigned char *bmark;    /* the same for the best project so far */
	unsigned char *alive;
	struct fkey { double lb; uint32_t p; } *order, *order_tmp;
	double *lb;

	/* exact engine */
	limb *num;               /* nk * stride */
	uint32_t *nlen;
	size_t stride;
	size_t cap;              /* temp capacity in limbs */
	limb *D, *t1, *t2, *t3, *t4, *t5;
	size_t nD;
} mes_ctx;

static int u32_cmp(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
	return a < b ? -1 : a > b;
}

static void mes_ctx_free(mes_ctx *c)
{
	const pt_allocator *a = c->a;

	pt_free(a, c->cw);
	pt_free(a, c->cwf);
	pt_free(a, c->poff);
	pt_free(a, c->pcls);
	pt_free(a, c->bud);
	pt_free(a, c->berr);
	pt_free(a, c->mark);
	pt_free(a, c->bmark);
	pt_free(a, c->alive);
	pt_free(a, c->order);
	pt_free(a, c->order_tmp);
	pt_free(a, c->lb);
	pt_free(a, c->num);
	pt_free(a, c->nlen);
	pt_free(a, c->D);
	pt_free(a, c->t1);
	pt_free(a, c->t2);
	pt_free(a, c->t3);
	pt_free(a, c->t4);
	pt_free(a, c->t5);
}

/* Groups identical ballots into weighted classes and builds project -> classes. */
static pt_status mes_build(mes_ctx *c, pt_error *err)
{
	const pt_pb_input *in = c->in;
	const pt_allocator *a = c->a;
	size_t nv = in->voter_count, total = nv ? in->approval_offsets[nv] : 0;
	size_t i, v, k;
	uint32_t *sorted = NULL, *rep_off = NULL, *rep_len = NULL, *fill = NULL;
	pt_status st = PT_OK;
	pt_hash classes;   /* sorted ballot bytes -> class + 1 */

	pt_hash_init(&classes, a);
	sorted = pt_alloc(a, (total ? total : 1) * sizeof(uint32_t));
	rep_off = pt_alloc(a, (nv ? nv : 1) * sizeof(uint32_t));
	rep_len = pt_alloc(a, (nv ? nv : 1) * sizeof(uint32_t));
	c->cw = pt_calloc(a, nv ? nv : 1, sizeof(int64_t));
	if (!sorted || !rep_off || !rep_len || !c->cw) {
		st = pt_error_set(err, PT_ERR_NOMEM, "pb: out of memory");
		goto done;
	}
	if (total) {
		memcpy(sorted, in->approvals, total * sizeof(uint32_t));
	}
	c->nk = 0;
	for (v = 0; v < nv; v++) {
		uint32_t off = in->approval_offsets[v], len = in->approval_offsets[v + 1] - off;
		int64_t w = in->weights ? in->weights[v] : 1;
		void *cl;

		if (w <= 0 || len == 0) {
			continue; /* counts in n (see W) but never pays nor supports anything */
		}
		qsort(sorted + off, len, sizeof(uint32_t), u32_cmp);
		if (pt_hash_find(&classes, sorted + off, len * sizeof(uint32_t), &cl)) {
			if (__builtin_add_overflow(c->cw[(uintptr_t)cl - 1], w, &c->cw[(uintptr_t)cl - 1])) {
				st = pt_error_set(err, PT_ERR_INVALID, "pb: weights overflow");
				goto done;
			}
			continue;
		}
		if (pt_hash_add(&classes, sorted + off, len * sizeof(uint32_t), (void *)(uintptr_t)(c->nk + 1))
			!= PT_OK) {
			st = pt_error_set(err, PT_ERR_NOMEM, "pb: out of memory");
			goto done;
		}
		rep_off[c->nk] = off;
		rep_len[c->nk] = len;
		c->cw[c->nk++] = w;
	}
	/* project -> classes */
	c->poff = pt_calloc(a, c->np + 1, sizeof(uint32_t));
	fill = pt_calloc(a, c->np + 1, sizeof(uint32_t));
	c->cwf = pt_calloc(a, c->nk ? c->nk : 1, sizeof(double));
	if (!c->poff || !fill || !c->cwf) {
		st = pt_error_set(err, PT_ERR_NOMEM, "pb: out of memory");
		goto done;
	}
	for (k = 0; k < c->nk; k++) {
		c->cwf[k] = (double)c->cw[k];
		for (i = 0; i < rep_len[k]; i++) {
			c->poff[sorted[rep_off[k] + i] + 1]++;
		}
	}
	for (i = 0; i < c->np; i++) {
		size_t s = c->poff[i + 1];
		if (s > c->max_sup) {
			c->max_sup = s;
		}
		c->poff[i + 1] += c->poff[i];
	}
	c->pcls = pt_alloc(a, (c->poff[c->np] ? c->poff[c->np] : 1) * sizeof(uint32_t));
	if (!c->pcls) {
		st = pt_error_set(err, PT_ERR_NOMEM, "pb: out of memory");
		goto done;
	}
	for (k = 0; k < c->nk; k++) {
		for (i = 0; i < rep_len[k]; i++) {
			uint32_t p = sorted[rep_off[k] + i];
			c->pcls[c->poff[p] + fill[p]++] = (uint32_t)k;
		}
	}
done:
	pt_free(a, sorted);
	pt_hash_free(&classes);
	pt_free(a, rep_off);
	pt_free(a, rep_len);
	pt_free(a, fill);
	return st;
}

static pt_status mes_alloc_scratch(mes_ctx *c, pt_error *err)
{
	const pt_allocator *a = c->a;
	size_t nk = c->nk ? c->nk : 1, np = c->np ? c->np : 1, rounds = 0, i;

	for (i = 0; i < c->np; i++) {
		if (c->in->costs[i] > 0 && c->appr[i] > 0) {
			rounds++;
		}
	}
	c->bud = pt_alloc(a, nk * sizeof(double));
	c->berr = pt_alloc(a, nk * sizeof(double));
	c->mark = pt_alloc(a, (c->max_sup ? c->max_sup : 1));
	c->bmark = pt_alloc(a, (c->max_sup ? c->max_sup : 1));
	c->alive = pt_alloc(a, np);
	c->order = pt_alloc(a, np * sizeof(*c->order));
	c->order_tmp = pt_alloc(a, np * sizeof(*c->order));
	c->lb = pt_alloc(a, np * sizeof(double));
	/* D gains at most one limb per funded project; products add three more */
	c->cap = rounds + 8;
	c->D = pt_alloc(a, c->cap * sizeof(limb));
	c->t1 = pt_alloc(a, c->cap * sizeof(limb));
	c->t2 = pt_alloc(a, c->cap * sizeof(limb));
	c->t3 = pt_alloc(a, c->cap * sizeof(limb));
	c->t4 = pt_alloc(a, c->cap * sizeof(limb));
	c->t5 = pt_alloc(a, c->cap * sizeof(limb));
	c->nlen = pt_alloc(a, nk * sizeof(uint32_t));
	if (!c->bud || !c->berr || !c->mark || !c->bmark || !c->alive || !c->order || !c->order_tmp || !c->lb
		|| !c->D || !c->t1 || !c->t2 || !c->t3 || !c->t4 || !c->t5 || !c->nlen) {
		return pt_error_set(err, PT_ERR_NOMEM, "pb: out of memory");
	}
	return PT_OK;
}

/* ---- Equal Shares: certified double engine ------------------------------- */

#define U53 (1.0 / 9007199254740992.0)   /* unit roundoff 2^-53 */
#define SLACK 1.0078125                  /* inflation of every bound: covers the bound's own rounding */

static void fkey_sort(struct fkey *k, struct fkey *tmp, size_t n)
{
	size_t mid, i, j, o;

	if (n < 2) {
		return;
	}
	mid = n / 2;
	fkey_sort(k, tmp, mid);
	fkey_sort(k + mid, tmp, n - mid);
	for (i = 0, j = mid, o = 0; i < mid || j < n; ) {
		if (j >= n || (i < mid && !(k[j].lb < k[i].lb))) {
			tmp[o++] = k[i++];
		} else {
			tmp[o++] = k[j++];
		}
	}
	memcpy(k, tmp, n * sizeof(*k));
}

/*
 * Evaluates project p in one to three passes over its supporting classes:
 * affordability (sum of w * bud against the cost) and the payment x, the
 * smallest x with  sum of w * min(bud, x) = cost , marking in c->mark the
 * classes that pay everything. Returns 1 (affordable; *x, *ex = value and
 * error bound; *clean = nobody pays everything), 2 (certainly
 * unaffordable) or 0 (some comparison too close to call).
 */
static int fl_evaluate(mes_ctx *c, uint32_t p, double *x, double *ex, int *clean)
{
	const uint32_t *cls = c->pcls + c->poff[p];
	size_t ns = c->poff[p + 1] - c->poff[p], j, nE = 0;
	double cost = (double)c->in->costs[p], W = (double)c->appr[p];
	double S = 0, Serr = 0, P = 0, Perr = 0, Wn = W, rho, err;
	unsigned char *mark = c->mark;
	int ok = 1, changed;

	/* pass 1: the money behind p, and who cannot pay an equal share */
	rho = cost / W;
	err = 2 * U53 * rho * SLACK;
	c->work += ns + 1;
	for (j = 0; j < ns; j++) {
		uint32_t k = cls[j];
		double b = c->bud[k], w = c->cwf[k];
		S += w * b;
		Serr += w * c->berr[k];
		if (b < rho) {
			mark[j] = 1;
			P += w * b;
			Perr += w * c->berr[k];
			Wn -= w;
			nE++;
		} else {
			mark[j] = 0;
			if (!(b - c->berr[k] >= rho + err)) {
				ok = 0;
			}
		}
	}
	Serr = (Serr + (double)(ns + 2) * U53 * S) * SLACK;
	if (S + Serr < cost) {
		return 2;
	}
	if (!(S - Serr > cost)) {
		return 0;
	}
	if (!nE) {
		if (!ok) {
			return 0;
		}
		*x = rho;
		*ex = err;
		*clean = 1;
		return 1;
	}
	/* water filling: raise the share until everyone left can pay it */
	for (;;) {
		if (Wn <= 0.5) {
			return 0;
		}
		rho = (cost - P) / Wn;
		/* nE products summed: (nE + 1) u; one more u each for the subtraction and division */
		err = ((Perr + (double)(nE + 2) * U53 * P + U53 * (cost + P)) / Wn + 2 * U53 * rho) * SLACK;
		changed = 0;
		ok = 1;
		c->work += ns + 1;
		for (j = 0; j < ns; j++) {
			uint32_t k = cls[j];
			double b = c->bud[k];
			if (mark[j]) {
				if (!(b + c->berr[k] < rho - err)) {
					ok = 0;
				}
			} else if (b < rho) {
				double w = c->cwf[k];
				mark[j] = 1;
				P += w * b;
				Perr += w * c->berr[k];
				Wn -= w;
				nE++;
				changed = 1;
			} else if (!(b - c->berr[k] >= rho + err)) {
				ok = 0;
			}
		}
		if (!changed) {
			break;
		}
	}
	if (!ok) {
		return 0;
	}
	*x = rho;
	*ex = err;
	*clean = 0;
	return 1;
}

/*
 * One fixed-budget run with per-voter budget bnum/bden, in doubles.
 * Returns 1 and the funded positive-cost projects in sel (in order) when
 * every decision was certified, 0 when the exact engine must redo it.
 */
static int run_float(mes_ctx *c, int64_t bnum, int64_t bden, uint32_t *sel, size_t *nsel)
{
	size_t k, i, n = 0, no;
	double b = (double)bnum / (double)bden, e0 = 4 * U53 * b;

	c->work += c->nk + c->np + 16;
	for (k = 0; k < c->nk; k++) {
		c->bud[k] = b;
		c->berr[k] = e0;
	}
	for (i = 0; i < c->np; i++) {
		c->alive[i] = c->in->costs[i] > 0 && c->appr[i] > 0;
		/* rho = payment / cost >= (cost / approvals) / cost */
		c->lb[i] = (1.0 / (double)c->appr[i]) * (1 - 4 * U53);
	}
	for (;;) {
		int best = -1, bclean = 0;
		double br = 0, be = 0, bx = 0, bxe = 0;

		if (c->work > c->work_max) {
			c->over = 1;
			return 0;
		}
		c->work += c->np;
		no = 0;
		for (i = 0; i < c->np; i++) {
			if (c->alive[i]) {
				c->order[no].lb = c->lb[i];
				c->order[no].p = (uint32_t)i;
				no++;
			}
		}
		c->work += no * (64 - (uint64_t)__builtin_clzll((unsigned long long)no | 1));  /* the sort */
		fkey_sort(c->order, c->order_tmp, no);
		for (i = 0; i < no; i++) {
			uint32_t p = c->order[i].p;
			double cost = (double)c->in->costs[p], x, xe, r, re;
			int clean, better, ev;

			if (best >= 0 && c->order[i].lb > br + be) {
				break; /* certified: this and every later one has a larger rho */
			}
			ev = fl_evaluate(c, p, &x, &xe, &clean);
			if (ev == 2) {
				c->alive[p] = 0; /* budgets only shrink: never affordable again */
				continue;
			}
			if (ev == 0) {
				return 0;
			}
			r = x / cost;
			re = (xe / cost + 2 * U53 * r) * SLACK;
			c->lb[p] = r - re;
			if (best < 0) {
				better = 1;
			} else if (clean && bclean) {
				/*
				 * Nobody pays everything: payment = cost / approvals, so
				 * rho = 1 / approvals exactly. The very common exact ties of
				 * the first rounds (same number of supporters) are decided
				 * here instead of by the exact engine.
				 */
				pt_pb_tie_rule rule;
				if (c->appr[p] != c->appr[best]) {
					better = c->appr[p] > c->appr[best];
				} else {
					better = tiebreak_cmp(c->in, c->appr, p, (uint32_t)best, &rule) < 0;
				}
			} else if (r + re < br - be) {
				better = 1;
			} else if (r - re > br + be) {
				better = 0;
			} else {
				return 0; /* too close to call (or an exact tie): exact engine */
			}
			if (better) {
				unsigned char *t = c->mark;
				best = (int)p;
				br = r;
				be = re;
				bx = x;
				bxe = xe;
				bclean = clean;
				/* keep the winner's marks for charging */
				c->mark = c->bmark;
				c->bmark = t;
			}
		}
		if (best < 0) {
			break;
		}
		/* charge */
		{
			const uint32_t *cls = c->pcls + c->poff[best];
			size_t ns = c->poff[best + 1] - c->poff[best], j;
			for (j = 0; j < ns; j++) {
				uint32_t cl = cls[j];
				if (c->bmark[j]) {
					c->bud[cl] = 0;
					c->berr[cl] = 0;
				} else {
					double old = c->bud[cl];
					c->bud[cl] = old - bx;
					c->berr[cl] = (c->berr[cl] + bxe + U53 * old) * SLACK;
				}
			}
		}
		c->alive[best] = 0;
		sel[n++] = (uint32_t)best;
	}
	*nsel = n;
	return 1;
}

/* ---- Equal Shares: exact engine ------------------------------------------ */

static limb *numk(mes_ctx *c, size_t k)
{
	return c->num + k * c->stride;
}

/* Makes room for class numerators of up to `need` limbs. */
static pt_status exact_restride(mes_ctx *c, size_t need, pt_error *err)
{
	size_t ns, k, nk = c->nk ? c->nk : 1;
	limb *n2;

	if (need <= c->stride) {
		return PT_OK;
	}
	ns = need + 4;
	if (ns > SIZE_MAX / sizeof(limb) / nk) {
		return pt_error_set(err, PT_ERR_NOMEM, "pb: out of memory");
	}
	n2 = pt_alloc(c->a, nk * ns * sizeof(limb));
	if (!n2) {
		return pt_error_set(err, PT_ERR_NOMEM, "pb: out of memory");
	}
	for (k = 0; c->num && k < c->nk; k++) {
		memcpy(n2 + k * ns, c->num + k * c->stride, c->nlen[k] * sizeof(limb));
	}
	pt_free(c->a, c->num);
	c->num = n2;
	c->stride = ns;
	return PT_OK;
}

/*
 * Exact payment for project p: leaves X (in t1, length *nX) and the
 * weight m of full payers, so the payment is X / (m * D). Marks the
 * classes that pay everything. Requires p affordable.
 */
static void ex_payment(mes_ctx *c, uint32_t p, size_t *nX, uint64_t *m)
{
	const uint32_t *cls = c->pcls + c->poff[p];
	size_t ns = c->poff[p + 1] - c->poff[p], j, nP = 0, nX_ = 0, nT;
	uint64_t Wn = (uint64_t)c->appr[p];
	int changed = 1;
	limb *X = c->t1, *P = c->t2, *T = c->t3;

	memset(c->mark, 0, ns);
	while (changed) {
		changed = 0;
		c->work += 2 * (ns + 1) * (c->nD + 2);
		/* X = cost * D - P */
		nX_ = bn_mul_u64(X, c->D, c->nD, (uint64_t)c->in->costs[p]);
		nX_ = bn_sub(X, X, nX_, P, nP);
		for (j = 0; j < ns; j++) {
			uint32_t k = cls[j];
			if (c->mark[j]) {
				continue;
			}
			/* pays everything iff num_k / D < X / (Wn D) iff num_k * Wn < X */
			nT = bn_mul_u64(T, numk(c, k), c->nlen[k], Wn);
			if (bn_cmp(T, nT, X, nX_) < 0) {
				c->mark[j] = 1;
				changed = 1;
			}
		}
		if (changed) {
			/* recompute P and Wn from the marks (P grows, X shrinks) */
			nP = 0;
			Wn = (uint64_t)c->appr[p];
			for (j = 0; j < ns; j++) {
				uint32_t k = cls[j];
				if (c->mark[j]) {
					nT = bn_mul_u64(T, numk(c, k), c->nlen[k], (uint64_t)c->cw[k]);
					nP = bn_add(P, P, nP, T, nT);
					Wn -= (uint64_t)c->cw[k];
				}
			}
		}
	}
	*nX = nX_;
	*m = Wn;
}

/* sum over supporting classes of w * num, in t2; compared with cost * D */
static int ex_affordable(mes_ctx *c, uint32_t p)
{
	const uint32_t *cls = c->pcls + c->poff[p];
	size_t ns = c->poff[p + 1] - c->poff[p], j, nS = 0, nT, nC;
	limb *S = c->t2, *T = c->t3, *C = c->t4;

	c->work += 2 * (ns + 1) * (c->nD + 2);
	for (j = 0; j < ns; j++) {
		uint32_t k = cls[j];
		nT = bn_mul_u64(T, numk(c, k), c->nlen[k], (uint64_t)c->cw[k]);
		nS = bn_add(S, S, nS, T, nT);
	}
	nC = bn_mul_u64(C, c->D, c->nD, (uint64_t)c->in->costs[p]);
	return bn_cmp(S, nS, C, nC) >= 0;
}

/* Rational text "p" or "p/q" in lowest terms; the operands are copied. */
static char *rat_text(const pt_allocator *a, const limb *pn, size_t npn, const limb *qn, size_t nqn);

typedef struct ex_report {
	pt_pb_result *out;
	pt_error *err;
	pt_status st;
} ex_report;

/* report helpers, defined below */
static pt_status ex_report_selection(mes_ctx *c, ex_report *rep, uint32_t p, const limb *X,
	size_t nX, int64_t payers_exhausted);

/* The count went beyond its work budget (pb.h, PT_PB_WORK). */
static pt_status work_error(const mes_ctx *c, pt_error *err)
{
	return pt_error_set(err, PT_ERR_INVALID,
		"pb_equal_shares: el conteo excede su límite de trabajo (%llu operaciones) tras %u ejecuciones; "
		"use un 'increment' mayor o completion 'none'", (unsigned long long)c->work_max, c->runs);
}

/*
 * One fixed-budget run, exact. Funded positive-cost projects go to sel.
 * With rep, records each selection's exact details and the ties broken.
 */
static pt_status run_exact(mes_ctx *c, int64_t bnum, int64_t bden, uint32_t *sel, size_t *nsel,
	ex_report *rep, pt_error *err)
{
	size_t k, i, n = 0, no;
	uint64_t g = gcd_u64((uint64_t)bnum, (uint64_t)bden);
	uint64_t bn_ = g ? (uint64_t)bnum / g : 0, bd = g ? (uint64_t)bden / g : 1;
	pt_status st;
	uint32_t *ties = NULL;
	size_t ntie = 0;

	c->nD = bn_set(c->D, bd);
	st = exact_restride(c, c->nD + 2, err);
	if (st != PT_OK) {
		return st;
	}
	c->work += c->nk + c->np + 16;
	for (k = 0; k < c->nk; k++) {
		c->nlen[k] = (uint32_t)bn_set(numk(c, k), bn_);
	}
	for (i = 0; i < c->np; i++) {
		c->alive[i] = c->in->costs[i] > 0 && c->appr[i] > 0;
	}
	if (rep) {
		ties = pt_alloc(c->a, (c->np ? c->np : 1) * sizeof(uint32_t));
		if (!ties) {
			return pt_error_set(err, PT_ERR_NOMEM, "pb: out of memory");
		}
	}
	for (;;) {
		int best = -1;
		uint64_t bm = 0;
		size_t nbX = 0;
		limb *bX = c->t5;

		if (c->work > c->work_max) {
			c->over = 1;
			pt_free(c->a, ties);
			return work_error(c, err);
		}
		/* every class numerator is multiplied when a project is funded */
		c->work += c->np + 2 * c->nk * (c->nD + 2);
		no = 0;
		ntie = 0;
		for (i = 0; i < c->np; i++) {
			uint32_t p = (uint32_t)i;
			size_t nX, nA, nB;
			uint64_t m;
			int cmp;

			if (!c->alive[i]) {
				continue;
			}
			if (!ex_affordable(c, p)) {
				c->alive[i] = 0;
				continue;
			}
			no++;
			ex_payment(c, p, &nX, &m);
			if (best < 0) {
				best = (int)p;
				memcpy(bX, c->t1, nX * sizeof(limb));
				nbX = nX;
				bm = m;
				continue;
			}
			/* rho_p = X/(m D c_p) vs rho_best = bX/(bm D c_best) */
			nA = bn_mul_u64(c->t2, c->t1, nX, bm);
			nA = bn_mul_u64(c->t2, c->t2, nA, (uint64_t)c->in->costs[best]);
			nB = bn_mul_u64(c->t3, bX, nbX, m);
			nB = bn_mul_u64(c->t3, c->t3, nB, (uint64_t)c->in->costs[p]);
			cmp = bn_cmp(c->t2, nA, c->t3, nB);
			if (cmp == 0) {
				pt_pb_tie_rule r;
				if (tiebreak_cmp(c->in, c->appr, p, (uint32_t)best, &r) < 0) {
					if (ties) {
						ties[ntie++] = (uint32_t)best;
					}
					cmp = -1;
				} else if (ties) {
					ties[ntie++] = p;
				}
			} else if (cmp < 0) {
				ntie = 0; /* a strictly better project ends the previous tie */
			}
			if (cmp < 0) {
				best = (int)p;
				memcpy(bX, c->t1, nX * sizeof(limb));
				nbX = nX;
				bm = m;
			}
		}
		if (best < 0) {
			break;
		}
		/* charge: payment bX / (bm D); reduce by gcd(bX mod bm, bm) */
		{
			const uint32_t *cls = c->pcls + c->poff[best];
			size_t ns = c->poff[best + 1] - c->poff[best], j, nX2;
			uint64_t gg = gcd_u64(bm, bn_divmod_u64(NULL, bX, nbX, bm, NULL));
			uint64_t m2 = bm / gg;
			int64_t exhausted = 0;

			bn_divmod_u64(bX, bX, nbX, gg, &nX2);
			nbX = nX2;
			if (c->nD + 2 >= c->cap) {
				pt_free(c->a, ties);
				return pt_error_set(err, PT_ERR_INTERNAL, "pb: exact engine ran out of limbs");
			}
			ex_payment(c, (uint32_t)best, &nX2, &bm); /* marks again (t1 scratch) */
			c->nD = bn_mul_u64(c->D, c->D, c->nD, m2);
			st = exact_restride(c, c->nD + 2, err);
			if (st != PT_OK) {
				pt_free(c->a, ties);
				return st;
			}
			for (k = 0; k < c->nk; k++) {
				c->nlen[k] = (uint32_t)bn_mul_u64(numk(c, k), numk(c, k), c->nlen[k], m2);
			}
			for (j = 0; j < ns; j++) {
				uint32_t cl = cls[j];
				if (c->mark[j]) {
					c->nlen[cl] = 0;
					exhausted += c->cw[cl];
				} else {
					c->nlen[cl] = (uint32_t)bn_sub(numk(c, cl), numk(c, cl), c->nlen[cl], bX, nbX);
				}
			}
			if (rep) {
				if (ntie) {
					pt_pb_tie_rule r;
					uint32_t runner = ties[0];
					for (j = 1; j < ntie; j++) {
						if (tiebreak_cmp(c->in, c->appr, ties[j], runner, &r) < 0) {
							runner = ties[j];
						}
					}
					tiebreak_cmp(c->in, c->appr, (uint32_t)best, runner, &r);
					st = add_tie(rep->out, rep->out->selected_count, (uint32_t)best, ties, ntie, r, err);
					if (st != PT_OK) {
						pt_free(c->a, ties);
						return st;
					}
				}
				st = ex_report_selection(c, rep, (uint32_t)best, bX, nbX, exhausted);
				if (st != PT_OK) {
					pt_free(c->a, ties);
					return st;
				}
			}
		}
		c->alive[best] = 0;
		sel[n++] = (uint32_t)best;
	}
	pt_free(c->a, ties);
	*nsel = n;
	return PT_OK;
}

/* ---- exact rational text ------------------------------------------------- */

static size_t bn_shr(limb *a, size_t n, unsigned s)
{
	size_t i;

	if (!s) {
		return n;
	}
	for (i = 0; i < n; i++) {
		a[i] = (a[i] >> s) | (i + 1 < n ? a[i + 1] << (64 - s) : 0);
	}
	return bn_norm(a, n);
}

static unsigned bn_ctz(const limb *a, size_t n, size_t *limbs)
{
	size_t i = 0;

	while (i < n && !a[i]) {
		i++;
	}
	*limbs = i;
	return i < n ? (unsigned)__builtin_ctzll(a[i]) : 0;
}

static size_t bn_shr_full(limb *a, size_t n, size_t limbs, unsigned bits)
{
	if (limbs) {
		memmove(a, a + limbs, (n - limbs) * sizeof(limb));
		n -= limbs;
	}
	return bn_shr(a, n, bits);
}

/* binary gcd of two nonzero naturals; g needs max(na, nb) limbs; a and b are clobbered */
static size_t bn_gcd(limb *g, limb *a, size_t na, limb *b, size_t nb)
{
	size_t la, lb, shift_l;
	unsigned ba, bb, shift_b;
	size_t common;

	ba = bn_ctz(a, na, &la);
	bb = bn_ctz(b, nb, &lb);
	common = la * 64 + ba < lb * 64 + bb ? la * 64 + ba : lb * 64 + bb;
	na = bn_shr_full(a, na, la, ba);
	nb = bn_shr_full(b, nb, lb, bb);
	while (nb) {
		int cmp = bn_cmp(a, na, b, nb);
		if (cmp == 0) {
			break;
		}
		if (cmp > 0) {
			limb *t = a;
			size_t tn = na;
			a = b;
			na = nb;
			b = t;
			nb = tn;
		}
		nb = bn_sub(b, b, nb, a, na);
		if (nb) {
			bb = bn_ctz(b, nb, &lb);
			nb = bn_shr_full(b, nb, lb, bb);
		}
	}
	memcpy(g, a, na * sizeof(limb));
	/* multiply back 2^common */
	shift_l = common / 64;
	shift_b = (unsigned)(common % 64);
	if (shift_l || shift_b) {
		size_t i, n = na;
		g[n + shift_l] = 0;
		for (i = n; i-- > 0; ) {
			g[i + shift_l] = g[i];
		}
		for (i = 0; i < shift_l; i++) {
			g[i] = 0;
		}
		n += shift_l;
		if (shift_b) {
			limb carry = 0;
			for (i = shift_l; i < n; i++) {
				limb v = g[i];
				g[i] = (v << shift_b) | carry;
				carry = v >> (64 - shift_b);
			}
			if (carry) {
				g[n++] = carry;
			}
		}
		return n;
	}
	return na;
}

/* q = a / d (exact or not, remainder discarded), by shift and subtract; q needs na limbs */
static size_t bn_div(limb *q, const limb *a, size_t na, const limb *d, size_t nd, limb *r)
{
	size_t nr = 0, i;
	size_t bits = na * 64;

	memset(q, 0, na * sizeof(limb));
	for (i = bits; i-- > 0; ) {
		/* r = r * 2 + bit */
		limb carry = (a[i / 64] >> (i % 64)) & 1;
		size_t j;
		for (j = 0; j < nr; j++) {
			limb v = r[j];
			r[j] = (v << 1) | carry;
			carry = v >> 63;
		}
		if (carry) {
			r[nr++] = carry;
		}
		if (bn_cmp(r, nr, d, nd) >= 0) {
			nr = bn_sub(r, r, nr, d, nd);
			q[i / 64] |= (limb)1 << (i % 64);
		}
	}
	return bn_norm(q, na);
}

static char *bn_decimal(const pt_allocator *a, const limb *x, size_t n, char *buf, size_t cap, size_t *len)
{
	limb *t = pt_alloc(a, (n ? n : 1) * sizeof(limb));
	size_t pos = cap;

	if (!t) {
		return NULL;
	}
	memcpy(t, x, n * sizeof(limb));
	if (!n) {
		buf[--pos] = '0';
	}
	while (n) {
		uint64_t r = bn_divmod_u64(t, t, n, 10000000000000000000ULL, &n);
		int d;
		for (d = 0; d < 19 && (n || r); d++) {
			buf[--pos] = (char)('0' + r % 10);
			r /= 10;
		}
	}
	pt_free(a, t);
	*len = cap - pos;
	return buf + pos;
}

static char *rat_text(const pt_allocator *a, const limb *pn, size_t npn, const limb *qn, size_t nqn)
{
	size_t m = (npn > nqn ? npn : nqn) + 2, ng, np2, nq2, lp, lq;
	limb *A = pt_calloc(a, m, sizeof(limb)), *B = pt_calloc(a, m, sizeof(limb));
	limb *G = pt_calloc(a, m * 2, sizeof(limb)), *P = pt_calloc(a, m, sizeof(limb));
	limb *Q = pt_calloc(a, m, sizeof(limb)), *R = pt_calloc(a, m + 1, sizeof(limb));
	char *buf = NULL, *out = NULL, *sp, *sq;
	size_t cap = m * 20 + 4;

	if (!A || !B || !G || !P || !Q || !R) {
		goto done;
	}
	buf = pt_alloc(a, 2 * cap);
	if (!buf) {
		goto done;
	}
	if (!npn) {
		out = pt_strndup(a, "0", 1);
		goto done;
	}
	memcpy(A, pn, npn * sizeof(limb));
	memcpy(B, qn, nqn * sizeof(limb));
	ng = bn_gcd(G, A, npn, B, nqn);
	np2 = bn_div(P, pn, npn, G, ng, R);
	nq2 = bn_div(Q, qn, nqn, G, ng, R);
	sp = bn_decimal(a, P, np2, buf, cap, &lp);
	sq = bn_decimal(a, Q, nq2, buf + cap, cap, &lq);
	if (!sp || !sq) {
		goto done;
	}
	out = pt_alloc(a, lp + lq + 2);
	if (out) {
		memcpy(out, sp, lp);
		if (nq2 == 1 && Q[0] == 1) {
			out[lp] = '\0';
		} else {
			out[lp] = '/';
			memcpy(out + lp + 1, sq, lq);
			out[lp + 1 + lq] = '\0';
		}
	}
done:
	pt_free(a, A);
	pt_free(a, B);
	pt_free(a, G);
	pt_free(a, P);
	pt_free(a, Q);
	pt_free(a, R);
	pt_free(a, buf);
	return out;
}

static pt_status ex_report_selection(mes_ctx *c, ex_report *rep, uint32_t p, const limb *X,
	size_t nX, int64_t payers_exhausted)
{
	pt_pb_result *out = rep->out;
	const pt_allocator *a = out->alloc;
	pt_pb_selection *s = &out->selections[out->selected_count++];
	int64_t cost = c->in->costs[p];
	size_t cap = c->nD + 4, nDc, nS = 0, nT, k;
	limb *Dc = pt_alloc(a, cap * sizeof(limb)), *S = pt_alloc(a, (c->stride + 4) * sizeof(limb));
	limb *T = pt_alloc(a, (c->stride + 4) * sizeof(limb));
	double dD, dX;

	out->total_cost += cost;
	out->budget_left -= cost;
	s->project = p;
	s->stage = PT_PB_STAGE_MES;
	s->cost = cost;
	s->approvals = c->appr[p];
	s->points = out->points ? out->points[p] : 0;
	s->budget_left = out->budget_left;
	s->payers_exhausted = payers_exhausted;
	if (!Dc || !S || !T) {
		goto nomem;
	}
	/* payment = X / D (D already includes the new factor) */
	s->payment = rat_text(a, X, nX, c->D, c->nD);
	nDc = bn_mul_u64(Dc, c->D, c->nD, (uint64_t)cost);
	s->rho = rat_text(a, X, nX, Dc, nDc);
	s->effective_votes = rat_text(a, Dc, nDc, X, nX);
	for (k = 0; k < c->nk; k++) {
		nT = bn_mul_u64(T, numk(c, k), c->nlen[k], (uint64_t)c->cw[k]);
		nS = bn_add(S, S, nS, T, nT);
	}
	s->voters_money_left = rat_text(a, S, nS, c->D, c->nD);
	if (!s->payment || !s->rho || !s->effective_votes || !s->voters_money_left) {
		goto nomem;
	}
	dD = bn_to_double(c->D, c->nD);
	dX = bn_to_double(X, nX);
	s->payment_approx = dX / dD;
	s->rho_approx = s->payment_approx / (double)cost;
	s->effective_votes_approx = (double)cost / s->payment_approx;
	s->voters_money_left_approx = bn_to_double(S, nS) / dD;
	pt_free(a, Dc);
	pt_free(a, S);
	pt_free(a, T);
	return PT_OK;
nomem:
	pt_free(a, Dc);
	pt_free(a, S);
	pt_free(a, T);
	return pt_error_set(rep->err, PT_ERR_NOMEM, "pb: out of memory");
}

/* ---- Equal Shares: driver ------------------------------------------------ */

#ifdef PB_DEBUG
unsigned long pb_debug_float_runs, pb_debug_exact_runs;
#endif

static pt_status run_any(mes_ctx *c, int64_t bnum, int64_t bden, uint32_t *sel, size_t *nsel, pt_error *err)
{
	c->runs++;
	if (c->work > c->work_max) {
		c->over = 1;
		return work_error(c, err);
	}
	if (c->float_ok && run_float(c, bnum, bden, sel, nsel)) {
#ifdef PB_DEBUG
		pb_debug_float_runs++;
#endif
		return PT_OK;
	}
#ifdef PB_DEBUG
	pb_debug_exact_runs++;
#endif
	return run_exact(c, bnum, bden, sel, nsel, NULL, err);
}

static int64_t set_cost(const pt_pb_input *in, const uint32_t *sel, size_t n, int *overflow)
{
	__int128 s = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		s += in->costs[sel[i]];
	}
	if (s > INT64_MAX) {
		*overflow = 1;
		return INT64_MAX;
	}
	return (int64_t)s;
}

/* Is there an unfunded project (zero-cost ones included) that fits B - cost? */
static int is_exhaustive(const mes_ctx *c, const unsigned char *in_set, int64_t cost)
{
	size_t i;

	for (i = 0; i < c->np; i++) {
		if (!in_set[i] && cost <= c->in->budget - c->in->costs[i]) {
			return 0;
		}
	}
	return 1;
}

pt_status pt_pb_equal_shares(const pt_pb_input *in, const pt_pb_mes_options *opt,
	const pt_allocator *a, pt_pb_result *out, pt_error *err)
{
	pt_pb_mes_options defaults;
	mes_ctx c;
	pt_status st;
	uint32_t *sel = NULL, *next = NULL, *zero = NULL;
	unsigned char *in_set = NULL;
	size_t nsel = 0, nnext = 0, nzero = 0, i, supported = 0;
	int64_t bnum, bden, maxc = 0, kept_num, kept_den, base;
	uint32_t runs = 1;
	int overflow = 0;
	ex_report rep;

	if (!opt) {
		pt_pb_mes_options_init(&defaults);
		opt = &defaults;
	}
	memset(&c, 0, sizeof(c));
	st = pt_pb_input_check(in, 0, 0, a, err);
	if (st != PT_OK) {
		memset(out, 0, sizeof(*out));
		out->alloc = a;
		return st;
	}
	st = result_init(out, in, a, err);
	if (st != PT_OK) {
		return st;
	}
	if (opt->increment <= 0) {
		return pt_error_set(err, PT_ERR_INVALID, "pb_equal_shares: increment must be positive");
	}
	st = count_support(in, out->approvals, out->points, &out->total_weight, err);
	if (st != PT_OK) {
		return st;
	}
	out->budget_left = in->budget;
	c.in = in;
	c.a = a;
	c.np = in->project_count;
	c.appr = out->approvals;
	c.W = out->total_weight;
	c.work_max = opt->max_work && opt->max_work < PT_PB_WORK ? opt->max_work : PT_PB_WORK;
	st = mes_build(&c, err);
	if (st == PT_OK) {
		st = mes_alloc_scratch(&c, err);
	}
	sel = pt_alloc(a, (c.np ? c.np : 1) * sizeof(uint32_t));
	next = pt_alloc(a, (c.np ? c.np : 1) * sizeof(uint32_t));
	zero = pt_alloc(a, (c.np ? c.np : 1) * sizeof(uint32_t));
	in_set = pt_calloc(a, c.np ? c.np : 1, 1);
	if (st == PT_OK && (!sel || !next || !zero || !in_set)) {
		st = pt_error_set(err, PT_ERR_NOMEM, "pb: out of memory");
	}
	if (st != PT_OK) {
		goto done;
	}
	for (i = 0; i < c.np; i++) {
		if (in->costs[i] > maxc) {
			maxc = in->costs[i];
		}
		if (in->costs[i] > 0 && c.appr[i] > 0) {
			supported++;
		} else if (in->costs[i] == 0 && c.appr[i] > 0) {
			zero[nzero++] = (uint32_t)i;
		}
	}
	/* doubles are exact on integers below 2^53; keep well inside */
	c.float_ok = maxc < ((int64_t)1 << 50) && in->budget < ((int64_t)1 << 50)
		&& c.W < ((int64_t)1 << 50);
	if (c.W == 0) {
		/* nobody voted: nothing is funded */
		out->runs = 0;
		out->per_voter_budget = pt_strndup(a, "0", 1);
		finish_exhaustive(in, out);
		goto done;
	}

	/* the first run: B / n per voter */
	bnum = in->budget;
	bden = c.W;
	kept_num = bnum;
	kept_den = bden;
	st = run_any(&c, bnum, bden, sel, &nsel, err);
	if (st != PT_OK) {
		goto done;
	}
	if (opt->completion != PT_PB_COMPLETION_NONE) {
		int64_t cur = set_cost(in, sel, nsel, &overflow);
		int64_t k = 0;

		base = opt->start == PT_PB_START_FLOOR ? in->budget / c.W : 0;
		for (;;) {
			__int128 nb;

			memset(in_set, 0, c.np);
			for (i = 0; i < nsel; i++) {
				in_set[sel[i]] = 1;
			}
			for (i = 0; i < nzero; i++) {
				in_set[zero[i]] = 1;
			}
			if (opt->stop_when_exhaustive && is_exhaustive(&c, in_set, cur)) {
				break;
			}
			if (nsel == supported) {
				break; /* everything anyone supports is funded: more money changes nothing */
			}
			if (opt->max_runs && runs >= opt->max_runs) {
				out->completion_stopped = PT_PB_STOPPED_MAX_RUNS;
				break;
			}
			if (c.work > c.work_max / 2) {
				/* the bound of Add1 (pb.h): keep the last run that fitted, and say so */
				out->completion_stopped = PT_PB_STOPPED_WORK;
				break;
			}
			k++;
			if (opt->start == PT_PB_START_FLOOR) {
				nb = (__int128)base + (__int128)k * opt->increment;
				if (nb > INT64_MAX) {
					break;
				}
				bnum = (int64_t)nb;
				bden = 1;
			} else {
				nb = (__int128)in->budget + (__int128)k * opt->increment * c.W;
				if (nb > INT64_MAX) {
					break;
				}
				bnum = (int64_t)nb;
				bden = c.W;
			}
			st = run_any(&c, bnum, bden, next, &nnext, err);
			runs++;
			if (st != PT_OK) {
				goto done;
			}
			overflow = 0;
			cur = set_cost(in, next, nnext, &overflow);
			if (overflow || cur > in->budget) {
				break;
			}
			memcpy(sel, next, nnext * sizeof(uint32_t));
			nsel = nnext;
			kept_num = bnum;
			kept_den = bden;
		}
	}
	out->runs = runs;

	/* zero-cost supported projects first: nobody pays, ties by approvals then
	 * order (a total order: a merge sort gives what the selection sort gave,
	 * in O(n log n) instead of O(n^2)) */
	if (nzero > 1) {
		greedy_key *zk = pt_alloc(a, nzero * sizeof(*zk)), *zt = pt_alloc(a, nzero * sizeof(*zt));
		greedy_sort_ctx zc = { in, c.appr };

		if (!zk || !zt) {
			pt_free(a, zk);
			pt_free(a, zt);
			st = pt_error_set(err, PT_ERR_NOMEM, "pb: out of memory");
			goto done;
		}
		for (i = 0; i < nzero; i++) {
			zk[i].score = c.appr[zero[i]];
			zk[i].p = zero[i];
		}
		greedy_sort(&zc, zk, zt, nzero);
		for (i = 0; i < nzero; i++) {
			zero[i] = zk[i].p;
		}
		pt_free(a, zk);
		pt_free(a, zt);
	}
	for (i = 0; i < nzero; i++) {
		pt_pb_selection *s = &out->selections[out->selected_count++];
		s->project = zero[i];
		s->stage = PT_PB_STAGE_MES;
		s->approvals = c.appr[zero[i]];
		s->points = out->points ? out->points[zero[i]] : 0;
		s->budget_left = out->budget_left;
		s->payment = pt_strndup(a, "0", 1);
		s->rho = pt_strndup(a, "0", 1);
		if (!s->payment || !s->rho) {
			st = pt_error_set(err, PT_ERR_NOMEM, "pb: out of memory");
			goto done;
		}
	}
	if (nzero > 1 && c.appr[zero[0]] == c.appr[zero[1]]) {
		size_t m = 1;
		while (m < nzero && c.appr[zero[m]] == c.appr[zero[0]]) {
			m++;
		}
		st = add_tie(out, 0, zero[0], zero + 1, m - 1, PT_PB_TIE_ORDER, err);
		if (st != PT_OK) {
			goto done;
		}
	}

	/* the kept run again, exactly, for the report */
	rep.out = out;
	rep.err = err;
	rep.st = PT_OK;
	st = run_exact(&c, kept_num, kept_den, next, &nnext, &rep, err);
	if (st != PT_OK) {
		goto done;
	}
	if (nnext != nsel || memcmp(next, sel, nsel * sizeof(uint32_t))) {
		st = pt_error_set(err, PT_ERR_INTERNAL, "pb_equal_shares: exact and certified runs disagree");
		goto done;
	}
	{
		uint64_t g = gcd_u64((uint64_t)kept_num, (uint64_t)kept_den);
		limb pn[1], qn[1];
		size_t npn = bn_set(pn, g ? (uint64_t)kept_num / g : 0), nqn = bn_set(qn, g ? (uint64_t)kept_den / g : 1);
		out->per_voter_budget = rat_text(a, pn, npn, qn, nqn);
		out->per_voter_budget_approx = (double)kept_num / (double)kept_den;
		if (!out->per_voter_budget) {
			st = pt_error_set(err, PT_ERR_NOMEM, "pb: out of memory");
			goto done;
		}
	}
	if (opt->completion == PT_PB_COMPLETION_ADD1U) {
		memset(in_set, 0, c.np);
		for (i = 0; i < out->selected_count; i++) {
			in_set[out->selections[i].project] = 1;
		}
		/* utilitarian fill: projects someone supports, by approvals */
		st = greedy_fill(in, c.appr, c.appr, 1, 1, in_set, 0, out, err);
		if (st != PT_OK) {
			goto done;
		}
	}
	finish_exhaustive(in, out);
done:
	out->work = c.work;
	pt_free(a, sel);
	pt_free(a, next);
	pt_free(a, zero);
	pt_free(a, in_set);
	c.appr = NULL;
	mes_ctx_free(&c);
	return st;
}
