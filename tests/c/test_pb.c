/*
 * Participatory budgeting: greedy and Method of Equal Shares on the real
 * Pabulib instances (the cities' own `selected` column is the oracle),
 * hand-checked small cases, and properties on random instances.
 */
#include "pt_test.h"
#include "core/tally/pb.h"
#include "core/tally/pabulib.h"

#include <stdint.h>
#include <unistd.h>
#include <limits.h>

static char shared_dir[PATH_MAX];

static void find_shared(void)
{
	const char *env = getenv("PARTICIPA_SHARED_DIR");
	char exe[PATH_MAX];
	ssize_t n;
	int up;

	if (env && *env) {
		snprintf(shared_dir, sizeof(shared_dir), "%s", env);
		return;
	}
	/* out/tests/test_pb -> the repository is three levels up; shared is its sibling */
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		for (up = 0; up < 3; up++) {
			char *slash = strrchr(exe, '/');
			if (slash) {
				*slash = '\0';
			}
		}
		snprintf(shared_dir, sizeof(shared_dir), "%s/../shared", exe);
	} else {
		snprintf(shared_dir, sizeof(shared_dir), "../shared");
	}
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f) {
		return NULL;
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	if (buf) {
		buf[n] = '\0';
		*len = (size_t)n;
	}
	return buf;
}

/* Loads a .pb file from shared/data/pabulib; returns 0 (and fails the test) if absent. */
static int load(const char *name, pt_pabulib *pb, pt_pabulib_instance *inst)
{
	char path[PATH_MAX + 256];
	size_t len;
	char *data;
	pt_error err;

	snprintf(path, sizeof(path), "%s/data/pabulib/%s", shared_dir, name);
	data = slurp(path, &len);
	if (!data) {
		PT_FAIL_AT("cannot read %s", path);
		return 0;
	}
	pt_error_clear(&err);
	if (pt_pabulib_parse(data, len, NULL, pb, &err) != PT_OK) {
		PT_FAIL_AT("parse %s: line %u: %s", name, err.line, err.message);
		free(data);
		return 0;
	}
	free(data);
	if (pt_pabulib_instance_build(pb, NULL, inst, &err) != PT_OK) {
		PT_FAIL_AT("instance %s: %s", name, err.message);
		pt_pabulib_free(pb);
		return 0;
	}
	return 1;
}

/* Compares a result's selected set with the file's `selected` column. */
static int matches_selected(const pt_pabulib *pb, const pt_pb_result *r)
{
	long col = pt_pabulib_column(&pb->projects, "selected");
	size_t i, k;
	int ok = 1;

	if (col < 0) {
		PT_FAIL_AT("no selected column");
		return 0;
	}
	for (i = 0; i < pb->projects.row_count; i++) {
		const char *s = pt_pabulib_cell(&pb->projects, i, (size_t)col);
		int want = s && strcmp(s, "1") == 0, got = 0;
		for (k = 0; k < r->selected_count; k++) {
			got |= r->selections[k].project == i;
		}
		if (want != got) {
			printf("  project %s: city %d, participa %d\n", pt_pabulib_cell(&pb->projects, i, 0), want, got);
			ok = 0;
		}
	}
	return ok;
}

static void check_budget(const pt_pb_input *in, const pt_pb_result *r)
{
	int64_t sum = 0;
	size_t k;

	for (k = 0; k < r->selected_count; k++) {
		sum += in->costs[r->selections[k].project];
	}
	PT_CHECK(sum <= in->budget);
	PT_CHECK_EQ_INT(sum, r->total_cost);
	PT_CHECK_EQ_INT(in->budget - sum, r->budget_left);
}

PT_TEST(mes_add1_assen)
{
	pt_pabulib pb;
	pt_pabulib_instance inst;
	pt_pb_result r;
	pt_pb_mes_options o;
	pt_error err;

	if (!load("Netherlands_Assen_2024.pb", &pb, &inst)) {
		return;
	}
	pt_pb_mes_options_init(&o);
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_pb_equal_shares(&inst.input, &o, NULL, &r, &err), PT_OK);
	PT_CHECK(matches_selected(&pb, &r));
	check_budget(&inst.input, &r);
	PT_CHECK(r.runs > 1);
	PT_CHECK(r.per_voter_budget != NULL);
	/* the first pick is the cheapest per effective vote: PopUp Podium (id 3) */
	PT_CHECK_STR(pt_pabulib_cell(&pb.projects, r.selections[0].project, 0), "3");
	printf("  Assen: %zu funded, per-voter budget %s, %u runs\n", r.selected_count, r.per_voter_budget, r.runs);
	pt_pb_result_free(&r);
	pt_pabulib_instance_free(&inst);
	pt_pabulib_free(&pb);
}

/*
 * Equal Shares has a work budget (PT_PB_WORK). Add1 with a step tiny next
 * to B/n used to mean about 10^9 runs: 100 voters each alone behind a
 * project of 10^9, B = 10^10, so b rises from 10^8 by 1 per run (and a
 * cheap project everybody approves, funded from the first run). At the
 * bound Add1 stops raising and keeps the last run that fitted, and says
 * so; only a run that cannot finish is refused (issue 13, item 4).
 */
PT_TEST(mes_work_budget)
{
	enum { NV = 100 };
	static int64_t costs[NV + 1];
	static uint32_t off[NV + 1], appr[2 * NV];
	pt_pb_input in;
	pt_pb_mes_options o;
	pt_pb_result r;
	pt_error err;
	size_t i;

	for (i = 0; i < NV; i++) {
		costs[i] = 1000000000;
		off[i] = (uint32_t)(2 * i);
		appr[2 * i] = (uint32_t)i;
		appr[2 * i + 1] = NV;
	}
	costs[NV] = 100;
	off[NV] = 2 * NV;
	memset(&in, 0, sizeof(in));
	in.project_count = NV + 1;
	in.costs = costs;
	in.budget = 10000000000LL;
	in.voter_count = NV;
	in.approval_offsets = off;
	in.approvals = appr;
	pt_pb_mes_options_init(&o);
	o.max_work = 20000000;   /* lowered: the default takes a few seconds to reach */
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_pb_equal_shares(&in, &o, NULL, &r, &err), PT_OK);
	PT_CHECK_EQ_INT(r.completion_stopped, PT_PB_STOPPED_WORK);
	PT_CHECK(r.runs > 100 && r.work <= 20000000);
	PT_CHECK(r.selected_count == 1 && r.selections[0].project == NV);
	PT_CHECK(r.per_voter_budget && strcmp(r.per_voter_budget, "100000000") > 0);
	pt_pb_result_free(&r);
	/* the caller's max_runs is a bound too */
	o.max_runs = 5;
	PT_CHECK_EQ_INT(pt_pb_equal_shares(&in, &o, NULL, &r, &err), PT_OK);
	PT_CHECK_EQ_INT(r.completion_stopped, PT_PB_STOPPED_MAX_RUNS);
	PT_CHECK_EQ_INT(r.runs, 5);
	PT_CHECK_STR(r.per_voter_budget, "100000004");
	pt_pb_result_free(&r);
	/* a step that fits the numbers: b = 10^8 + 10^8 k passes 10^9 + 1 (a
	 * project of 10^9 after the share of the cheap one) at k = 10, where
	 * all of them would cost 10^11 > B: the previous run is kept, Add1
	 * ended by its own rule */
	o.max_runs = 0;
	o.increment = 100000000;
	PT_CHECK_EQ_INT(pt_pb_equal_shares(&in, &o, NULL, &r, &err), PT_OK);
	PT_CHECK_EQ_INT(r.runs, 11);
	PT_CHECK_EQ_INT(r.completion_stopped, 0);
	PT_CHECK(r.selected_count == 1 && r.selections[0].project == NV);
	pt_pb_result_free(&r);
	/* a single run beyond the budget is refused */
	o.completion = PT_PB_COMPLETION_NONE;
	o.max_work = 50;
	PT_CHECK_EQ_INT(pt_pb_equal_shares(&in, &o, NULL, &r, &err), PT_ERR_INVALID);
	PT_CHECK(strstr(err.message, "límite de trabajo") != NULL);
	pt_pb_result_free(&r);
	/* the default budget is what a count gets when the caller says nothing */
	pt_pb_mes_options_init(&o);
	o.completion = PT_PB_COMPLETION_NONE;
	PT_CHECK_EQ_INT(pt_pb_equal_shares(&in, &o, NULL, &r, &err), PT_OK);
	PT_CHECK(r.work > 0 && r.work < PT_PB_WORK);
	pt_pb_result_free(&r);
}

/*
 * 3,000 identical projects everybody approves: every Equal Shares round is
 * a tie of all the projects left (4.5 million tied entries in all); a count
 * records at most PT_PB_MAX_TIE_ENTRIES and then only each tie's size.
 * Greedy's one big tie and the exhaustiveness check stay linear.
 */
PT_TEST(pb_many_identical_projects)
{
	enum { NP = 3000, NV = 7 };
	static int64_t costs[NP];
	static uint32_t off[NV + 1], appr[NV * NP];
	pt_pb_input in;
	pt_pb_mes_options o;
	pt_pb_result r;
	pt_error err;
	size_t i, v, total = 0;
	int capped = 0;

	for (i = 0; i < NP; i++) {
		costs[i] = 7;
	}
	for (v = 0; v < NV; v++) {
		off[v] = (uint32_t)(v * NP);
		for (i = 0; i < NP; i++) {
			appr[v * NP + i] = (uint32_t)i;
		}
	}
	off[NV] = NV * NP;
	memset(&in, 0, sizeof(in));
	in.project_count = NP;
	in.costs = costs;
	in.budget = 7 * NP;
	in.voter_count = NV;
	in.approval_offsets = off;
	in.approvals = appr;
	pt_pb_mes_options_init(&o);
	o.completion = PT_PB_COMPLETION_NONE;
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_pb_equal_shares(&in, &o, NULL, &r, &err), PT_OK);
	PT_CHECK_EQ_INT(r.selected_count, NP);
	PT_CHECK(r.tie_entries <= PT_PB_MAX_TIE_ENTRIES);
	for (i = 0; i < r.tie_count; i++) {
		total += r.ties[i].other_count;
		capped |= r.ties[i].others_total > r.ties[i].other_count;
		PT_CHECK(r.ties[i].others_total == NP - 1 - r.ties[i].step);
	}
	PT_CHECK_EQ_INT(total, r.tie_entries);
	PT_CHECK(capped);
	PT_CHECK(r.selections[0].project == 0 && r.selections[NP - 1].project == NP - 1);
	pt_pb_result_free(&r);
	PT_CHECK_EQ_INT(pt_pb_greedy(&in, NULL, NULL, &r, &err), PT_OK);
	PT_CHECK_EQ_INT(r.selected_count, NP);
	PT_CHECK_EQ_INT(r.exhaustive, 1);
	PT_CHECK_EQ_INT(r.tie_count, 1);
	PT_CHECK_EQ_INT(r.ties[0].others_total, NP - 1);
	pt_pb_result_free(&r);
}

PT_TEST(mes_add1_swiecie)
{
	pt_pabulib pb;
	pt_pabulib_instance inst;
	pt_pb_result r;
	pt_pb_mes_options o;
	pt_error err;
	size_t k;

	if (!load("Poland_Swiecie_2023.pb", &pb, &inst)) {
		return;
	}
	pt_pb_mes_options_init(&o);
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_pb_equal_shares(&inst.input, &o, NULL, &r, &err), PT_OK);
	PT_CHECK(matches_selected(&pb, &r));
	check_budget(&inst.input, &r);
	for (k = 0; k < r.selected_count; k++) {
		const pt_pb_selection *s = &r.selections[k];
		PT_CHECK(s->stage == PT_PB_STAGE_MES);
		PT_CHECK(s->payment && s->rho && s->effective_votes && s->voters_money_left);
		/* effective votes never exceed the supporters */
		PT_CHECK(s->effective_votes_approx <= (double)s->approvals + 1e-9);
	}
	printf("  Świecie: %zu funded, per-voter budget %s, %u runs, first rho %s\n",
		r.selected_count, r.per_voter_budget, r.runs, r.selections[0].rho);
	pt_pb_result_free(&r);

	/* without completion: B/n per voter, a strict subset */
	o.completion = PT_PB_COMPLETION_NONE;
	PT_CHECK_EQ_INT(pt_pb_equal_shares(&inst.input, &o, NULL, &r, &err), PT_OK);
	PT_CHECK_EQ_INT(r.runs, 1);
	PT_CHECK_STR(r.per_voter_budget, "1070000/2553");
	PT_CHECK(r.selected_count < 17);
	check_budget(&inst.input, &r);
	pt_pb_result_free(&r);

	/* add1u: a superset of add1, still within budget */
	o.completion = PT_PB_COMPLETION_ADD1U;
	PT_CHECK_EQ_INT(pt_pb_equal_shares(&inst.input, &o, NULL, &r, &err), PT_OK);
	PT_CHECK(r.selected_count >= 17);
	PT_CHECK(r.exhaustive);
	check_budget(&inst.input, &r);
	pt_pb_result_free(&r);

	pt_pabulib_instance_free(&inst);
	pt_pabulib_free(&pb);
}

PT_TEST(greedy_warszawa_zacisze)
{
	pt_pabulib pb;
	pt_pabulib_instance inst;
	pt_pb_result r;
	pt_pb_greedy_options o;
	pt_error err;
	long votes_col;
	size_t i;

	if (!load("Poland_Warszawa_2019_Zacisze.pb", &pb, &inst)) {
		return;
	}
	pt_pb_greedy_options_init(&o);
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_pb_greedy(&inst.input, &o, NULL, &r, &err), PT_OK);
	PT_CHECK(matches_selected(&pb, &r));
	check_budget(&inst.input, &r);
	/* approvals counted from VOTES agree with the file's votes column */
	votes_col = pt_pabulib_column(&pb.projects, "votes");
	PT_CHECK(votes_col >= 0);
	for (i = 0; votes_col >= 0 && i < pb.projects.row_count; i++) {
		PT_CHECK_EQ_INT(r.approvals[i], atoll(pt_pabulib_cell(&pb.projects, i, (size_t)votes_col)));
	}
	pt_pb_result_free(&r);

	/* skip = 0 stops at the first project that does not fit */
	o.skip = 0;
	PT_CHECK_EQ_INT(pt_pb_greedy(&inst.input, &o, NULL, &r, &err), PT_OK);
	PT_CHECK(r.selected_count <= 12);
	check_budget(&inst.input, &r);
	pt_pb_result_free(&r);

	/* threshold: nothing below 200 approvals */
	o.skip = 1;
	o.threshold = 200;
	PT_CHECK_EQ_INT(pt_pb_greedy(&inst.input, &o, NULL, &r, &err), PT_OK);
	PT_CHECK_EQ_INT(r.selected_count, 5);
	for (i = 0; i < r.selected_count; i++) {
		PT_CHECK(r.selections[i].approvals >= 200);
	}
	pt_pb_result_free(&r);
	pt_pabulib_instance_free(&inst);
	pt_pabulib_free(&pb);
}

PT_TEST(toulouse_lengths_and_greedy)
{
	pt_pabulib pb;
	pt_pabulib_instance inst;
	pt_pb_result r;
	pt_error err;
	long votes_col;
	size_t i;

	if (!load("France_Toulouse_2022_6_-_Saint-Cyprien.pb", &pb, &inst)) {
		return;
	}
	PT_CHECK_EQ_INT(inst.scale, 0); /* "40000.0" is whole money */
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_pb_input_check(&inst.input, 1, 3, NULL, &err), PT_OK);
	PT_CHECK_EQ_INT(pt_pb_input_check(&inst.input, 1, 2, NULL, &err), PT_ERR_INVALID);
	PT_CHECK(err.index >= 0);
	PT_CHECK_EQ_INT(pt_pb_greedy(&inst.input, NULL, NULL, &r, &err), PT_OK);
	check_budget(&inst.input, &r);
	votes_col = pt_pabulib_column(&pb.projects, "votes");
	for (i = 0; i < pb.projects.row_count; i++) {
		PT_CHECK_EQ_INT(r.approvals[i], atoll(pt_pabulib_cell(&pb.projects, i, (size_t)votes_col)));
	}
	/* highest approvals first: project 34 (206 votes) */
	PT_CHECK_STR(pt_pabulib_cell(&pb.projects, r.selections[0].project, 0), "34");
	pt_pb_result_free(&r);
	pt_pabulib_instance_free(&inst);
	pt_pabulib_free(&pb);
}

/*
 * Hand-checked: B = 30, 3 voters with 10 each. a (cost 20) by v0,v1;
 * b (cost 10) by v2; c (cost 12) by v0,v1,v2.
 * Round 1: rho_a = (20/2)/20 = 1/2, rho_b = 10/10 = 1, rho_c = 4/12 = 1/3 -> c,
 * each pays 4 (6 left each). Round 2: a needs 20 from v0,v1 with 12: no;
 * b: v2 has 6 < 10: no. Outcome {c} with add1 off.
 */
PT_TEST(mes_hand_example)
{
	int64_t costs[3] = { 20, 10, 12 };
	uint32_t off[4] = { 0, 2, 4, 6 };
	uint32_t app[6] = { 0, 2, 0, 2, 1, 2 };
	pt_pb_input in = { 3, costs, 30, 3, off, app, NULL, NULL };
	pt_pb_mes_options o;
	pt_pb_result r;
	pt_error err;

	pt_pb_mes_options_init(&o);
	o.completion = PT_PB_COMPLETION_NONE;
	PT_CHECK_EQ_INT(pt_pb_equal_shares(&in, &o, NULL, &r, &err), PT_OK);
	PT_CHECK_EQ_INT(r.selected_count, 1);
	PT_CHECK_EQ_INT(r.selections[0].project, 2);
	PT_CHECK_STR(r.selections[0].payment, "4");
	PT_CHECK_STR(r.selections[0].rho, "1/3");
	PT_CHECK_STR(r.selections[0].effective_votes, "3");
	PT_CHECK_STR(r.selections[0].voters_money_left, "18");
	PT_CHECK_STR(r.per_voter_budget, "10");
	pt_pb_result_free(&r);

	/*
	 * Add1 (floor 10, +1): at 14 each: c (4 each, 10 left), then a: v0,v1
	 * have 20 = cost -> funded (all pay everything), b: v2 10 = cost ->
	 * funded: cost 42 > 30, so stop and keep b = 10... but at 11,12,13 the
	 * outcome changes earlier: 13 each: c, then a (2*9=18 < 20 no), b (9<10 no).
	 * At 14: c,a,b = 42 > 30: keep 13 (same set {c}).
	 */
	o.completion = PT_PB_COMPLETION_ADD1;
	PT_CHECK_EQ_INT(pt_pb_equal_shares(&in, &o, NULL, &r, &err), PT_OK);
	PT_CHECK_EQ_INT(r.selected_count, 1);
	PT_CHECK_STR(r.per_voter_budget, "13");
	PT_CHECK_EQ_INT(r.runs, 5);
	pt_pb_result_free(&r);

	/* add1u fills with a greedy pass by approvals: a (2 approvals, 20 > 18 left) no, b (10) yes */
	o.completion = PT_PB_COMPLETION_ADD1U;
	PT_CHECK_EQ_INT(pt_pb_equal_shares(&in, &o, NULL, &r, &err), PT_OK);
	PT_CHECK_EQ_INT(r.selected_count, 2);
	PT_CHECK_EQ_INT(r.selections[1].project, 1);
	PT_CHECK(r.selections[1].stage == PT_PB_STAGE_GREEDY);
	pt_pb_result_free(&r);
}

/* An exact tie: two identical projects; the cheaper wins, then the earlier; recorded. */
PT_TEST(mes_ties)
{
	int64_t costs[3] = { 50, 50, 40 };
	uint32_t off[3] = { 0, 3, 6 };
	uint32_t app[6] = { 0, 1, 2, 0, 1, 2 };
	pt_pb_input in = { 3, costs, 100, 2, off, app, NULL, NULL };
	pt_pb_mes_options o;
	pt_pb_result r;
	pt_error err;

	pt_pb_mes_options_init(&o);
	o.completion = PT_PB_COMPLETION_NONE;
	PT_CHECK_EQ_INT(pt_pb_equal_shares(&in, &o, NULL, &r, &err), PT_OK);
	/* all have rho = 1/2 (equal split of cost among 2 of equal utility): cost 40 first */
	PT_CHECK(r.selected_count >= 1);
	PT_CHECK_EQ_INT(r.selections[0].project, 2);
	PT_CHECK(r.tie_count >= 1);
	PT_CHECK(r.ties[0].rule == PT_PB_TIE_COST);
	if (r.selected_count >= 2) {
		PT_CHECK_EQ_INT(r.selections[1].project, 0);
	}
	check_budget(&in, &r);
	pt_pb_result_free(&r);
}

/* The exact engine and the certified double engine must agree: exercised through many runs. */
static uint64_t rng_state = 88172645463325252ULL;
static uint64_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

typedef struct rinst {
	pt_pb_input in;
	int64_t costs[12];
	uint32_t off[61];
	uint32_t app[60 * 12];
	int64_t w[60];
} rinst;

static void random_instance(rinst *x, int weighted)
{
	size_t np = 2 + rnd() % 10, nv = 1 + rnd() % 60, v, p, k = 0;

	for (p = 0; p < np; p++) {
		x->costs[p] = (int64_t)(rnd() % 5 == 0 ? (rnd() % 4) * 10 : 1 + rnd() % 1000);
	}
	x->off[0] = 0;
	for (v = 0; v < nv; v++) {
		for (p = 0; p < np; p++) {
			if (rnd() % 3 == 0) {
				x->app[k++] = (uint32_t)p;
			}
		}
		x->off[v + 1] = (uint32_t)k;
		x->w[v] = weighted ? (int64_t)(rnd() % 4) : 1;
	}
	memset(&x->in, 0, sizeof(x->in));
	x->in.project_count = np;
	x->in.costs = x->costs;
	x->in.budget = (int64_t)(rnd() % 3000);
	x->in.voter_count = nv;
	x->in.approval_offsets = x->off;
	x->in.approvals = x->app;
	x->in.weights = weighted ? x->w : NULL;
}

static int same_selection(const pt_pb_result *a, const pt_pb_result *b)
{
	size_t k;

	if (a->selected_count != b->selected_count) {
		return 0;
	}
	for (k = 0; k < a->selected_count; k++) {
		if (a->selections[k].project != b->selections[k].project) {
			return 0;
		}
	}
	return 1;
}

PT_TEST(properties_random)
{
	int iter;
	rinst x, y;

	for (iter = 0; iter < 400; iter++) {
		pt_pb_mes_options o;
		pt_pb_result r1, r2, r3;
		pt_error err;
		size_t nv, v, i, k;
		int comp = iter % 3;

		random_instance(&x, iter % 2);
		pt_pb_mes_options_init(&o);
		o.completion = comp == 0 ? PT_PB_COMPLETION_NONE : (comp == 1 ? PT_PB_COMPLETION_ADD1 : PT_PB_COMPLETION_ADD1U);
		o.start = iter % 4 < 2 ? PT_PB_START_FLOOR : PT_PB_START_EXACT;
		o.increment = 1 + (int64_t)(rnd() % 7);
		pt_error_clear(&err);
		if (pt_pb_equal_shares(&x.in, &o, NULL, &r1, &err) != PT_OK) {
			PT_FAIL_AT("iteration %d: %s", iter, err.message);
			pt_pb_result_free(&r1);
			continue;
		}
		check_budget(&x.in, &r1);
		/* deterministic */
		PT_CHECK_EQ_INT(pt_pb_equal_shares(&x.in, &o, NULL, &r2, &err), PT_OK);
		PT_CHECK(same_selection(&r1, &r2));
		pt_pb_result_free(&r2);

		/* permuting the voters changes nothing (reverse order, then rotate) */
		y = x;
		nv = x.in.voter_count;
		k = 0;
		y.off[0] = 0;
		for (i = 0; i < nv; i++) {
			v = (i * 7 + 3) % nv;
			/* (i*7+3) mod nv is a permutation only when gcd(7, nv) = 1 */
			if (nv % 7 == 0) {
				v = nv - 1 - i;
			}
			memcpy(y.app + k, x.app + x.off[v], (x.off[v + 1] - x.off[v]) * sizeof(uint32_t));
			/* reverse each ballot as well */
			for (size_t a = 0, b = x.off[v + 1] - x.off[v]; b > 1 && a < --b; a++) {
				uint32_t t = y.app[k + a];
				y.app[k + a] = y.app[k + b];
				y.app[k + b] = t;
			}
			k += x.off[v + 1] - x.off[v];
			y.off[i + 1] = (uint32_t)k;
			y.w[i] = x.w[v];
		}
		y.in.costs = y.costs;
		y.in.approval_offsets = y.off;
		y.in.approvals = y.app;
		y.in.weights = x.in.weights ? y.w : NULL;
		PT_CHECK_EQ_INT(pt_pb_equal_shares(&y.in, &o, NULL, &r3, &err), PT_OK);
		if (!same_selection(&r1, &r3)) {
			PT_FAIL_AT("iteration %d: permutation changed the outcome", iter);
		}
		pt_pb_result_free(&r3);

		/* greedy too */
		PT_CHECK_EQ_INT(pt_pb_greedy(&x.in, NULL, NULL, &r2, &err), PT_OK);
		check_budget(&x.in, &r2);
		PT_CHECK_EQ_INT(pt_pb_greedy(&y.in, NULL, NULL, &r3, &err), PT_OK);
		PT_CHECK(same_selection(&r2, &r3));
		pt_pb_result_free(&r2);
		pt_pb_result_free(&r3);
		pt_pb_result_free(&r1);
	}
}

/* Many voters with awkward weights: denominators grow round after round (exact engine). */
PT_TEST(mes_deep_denominators)
{
	enum { NP = 24, NV = 300 };
	int64_t costs[NP];
	uint32_t off[NV + 1], app[NV * NP];
	int64_t w[NV];
	size_t v, p, k = 0;
	pt_pb_input in;
	pt_pb_mes_options o;
	pt_pb_result r;
	pt_error err;

	for (p = 0; p < NP; p++) {
		costs[p] = 1000 + (int64_t)(rnd() % 99991);
	}
	off[0] = 0;
	for (v = 0; v < NV; v++) {
		for (p = 0; p < NP; p++) {
			if ((rnd() % 5) < 2) {
				app[k++] = (uint32_t)p;
			}
		}
		off[v + 1] = (uint32_t)k;
		w[v] = 1 + (int64_t)(rnd() % 997);
	}
	in = (pt_pb_input){ NP, costs, 700000, NV, off, app, w, NULL };
	pt_pb_mes_options_init(&o);
	o.increment = 37;
	PT_CHECK_EQ_INT(pt_pb_equal_shares(&in, &o, NULL, &r, &err), PT_OK);
	check_budget(&in, &r);
	PT_CHECK(r.selected_count > 3);
	pt_pb_result_free(&r);
}

PT_TEST(input_errors)
{
	int64_t costs[2] = { 10, -1 };
	uint32_t off[3] = { 0, 2, 3 };
	uint32_t app[3] = { 0, 0, 1 };
	pt_pb_input in = { 2, costs, 30, 2, off, app, NULL, NULL };
	pt_pb_result r;
	pt_error err;

	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_pb_greedy(&in, NULL, NULL, &r, &err), PT_ERR_INVALID);
	pt_pb_result_free(&r);
	costs[1] = 5;
	PT_CHECK_EQ_INT(pt_pb_equal_shares(&in, NULL, NULL, &r, &err), PT_ERR_INVALID);
	PT_CHECK_EQ_INT(err.index, 0); /* ballot 0 names project 0 twice */
	pt_pb_result_free(&r);
	app[1] = 7;
	PT_CHECK_EQ_INT(pt_pb_greedy(&in, NULL, NULL, &r, &err), PT_ERR_INVALID);
	pt_pb_result_free(&r);
}

PT_TEST(money_parse)
{
	int64_t v;
	pt_error err;

	PT_CHECK_EQ_INT(pt_pb_money_parse("40000.0", 7, 0, &v, &err), PT_OK);
	PT_CHECK_EQ_INT(v, 40000);
	PT_CHECK_EQ_INT(pt_pb_money_parse("37387.5", 7, 2, &v, &err), PT_OK);
	PT_CHECK_EQ_INT(v, 3738750);
	PT_CHECK_EQ_INT(pt_pb_money_parse("0.125", 5, 2, &v, &err), PT_ERR_INVALID);
	PT_CHECK_EQ_INT(pt_pb_money_parse("1e5", 3, 0, &v, &err), PT_ERR_INVALID);
	PT_CHECK_EQ_INT(pt_pb_money_parse("99999999999999999999", 20, 0, &v, &err), PT_ERR_INVALID);
	PT_CHECK_EQ_INT(pt_pb_money_decimals("1.50", 4), 1);
	PT_CHECK_EQ_INT(pt_pb_money_decimals("40000.0", 7), 0);
}

/* ---- Pabulib ----------------------------------------------------------------- */

static int tables_equal(const pt_pabulib_table *a, const pt_pabulib_table *b)
{
	size_t i;

	if (a->column_count != b->column_count || a->row_count != b->row_count) {
		return 0;
	}
	for (i = 0; i < a->column_count; i++) {
		if (strcmp(a->columns[i], b->columns[i])) {
			return 0;
		}
	}
	for (i = 0; i < a->row_count * a->column_count; i++) {
		if (!a->cells[i] != !b->cells[i] || (a->cells[i] && strcmp(a->cells[i], b->cells[i]))) {
			return 0;
		}
	}
	return 1;
}

PT_TEST(pabulib_round_trip_real_files)
{
	const char *names[4] = { "Netherlands_Assen_2024.pb", "Poland_Swiecie_2023.pb",
		"Poland_Warszawa_2019_Zacisze.pb", "France_Toulouse_2022_6_-_Saint-Cyprien.pb" };
	size_t f;

	for (f = 0; f < 4; f++) {
		pt_pabulib pb, pb2;
		pt_pabulib_instance inst;
		char *out;
		size_t len;
		pt_error err;

		if (!load(names[f], &pb, &inst)) {
			continue;
		}
		PT_CHECK_EQ_INT(pt_pabulib_write(&pb, NULL, &out, &len, &err), PT_OK);
		PT_CHECK_EQ_INT(pt_pabulib_parse(out, len, NULL, &pb2, &err), PT_OK);
		PT_CHECK(tables_equal(&pb.meta, &pb2.meta));
		PT_CHECK(tables_equal(&pb.projects, &pb2.projects));
		PT_CHECK(tables_equal(&pb.votes, &pb2.votes));
		free(out);
		pt_pabulib_free(&pb2);
		pt_pabulib_instance_free(&inst);
		pt_pabulib_free(&pb);
	}
}

static pt_status parse_str(const char *s, pt_pabulib *pb, pt_error *err)
{
	pt_error_clear(err);
	return pt_pabulib_parse(s, strlen(s), NULL, pb, err);
}

/* Hostile files: a header of 200,000 columns, costs no count could hold. */
PT_TEST(pabulib_limits)
{
	enum { NC = 200000 };
	size_t cap = (size_t)NC * 9 + 128, used = 0, i;
	char *f = malloc(cap);
	pt_pabulib pb;
	pt_error err;

	used += (size_t)snprintf(f + used, cap - used, "PROJECTS\nproject_id;cost");
	for (i = 0; i < NC; i++) {
		used += (size_t)snprintf(f + used, cap - used, ";c%zu", i);
	}
	snprintf(f + used, cap - used, "\nVOTES\nvoter_id;vote\n");
	PT_CHECK_EQ_INT(parse_str(f, &pb, &err), PT_OK);
	PT_CHECK_EQ_INT(pb.projects.column_count, NC + 2);
	pt_pabulib_free(&pb);
	/* the same with a duplicate at the end: found through the hash */
	snprintf(f + used, cap - used, ";c17\nVOTES\nvoter_id;vote\n");
	PT_CHECK_EQ_INT(parse_str(f, &pb, &err), PT_ERR_INVALID);
	PT_CHECK_STR(err.message, "line 2: column \"c17\" appears twice");
	free(f);

	PT_CHECK_EQ_INT(parse_str("PROJECTS\nproject_id;cost\np;9223372036854775808\nVOTES\nvoter_id;vote\n", &pb, &err),
		PT_ERR_INVALID);
	PT_CHECK(strstr(err.message, "cost is too large") != NULL);
	PT_CHECK_EQ_INT(parse_str("PROJECTS\nproject_id;cost\np;0.0000000001\nVOTES\nvoter_id;vote\n", &pb, &err),
		PT_ERR_INVALID);
	PT_CHECK_EQ_INT(parse_str("PROJECTS\nproject_id;cost\np;9223372036854775807\nq;0.000000001\nVOTES\nvoter_id;vote\n",
		&pb, &err), PT_OK);
	pt_pabulib_free(&pb);
}

PT_TEST(pabulib_syntax)
{
	pt_pabulib pb;
	pt_error err;
	char *out;
	size_t len;

	/* quoting, None, CRLF, BOM, blank lines, points */
	PT_CHECK_EQ_INT(parse_str("\xef\xbb\xbfMETA\r\nkey;value\r\nbudget;100\r\n\r\nPROJECTS\r\n"
		"project_id;cost;name\r\n1;60;\"a;b \"\"q\"\"\nline2\"\r\n2;50;None\r\n"
		"VOTES\nvoter_id;vote;points\nv1;1,2;3,4\nv2;;\n", &pb, &err), PT_OK);
	PT_CHECK_EQ_INT(pb.projects.row_count, 2);
	PT_CHECK_STR(pt_pabulib_cell(&pb.projects, 0, 2), "a;b \"q\"\nline2");
	PT_CHECK(pt_pabulib_cell(&pb.projects, 1, 2) == NULL);
	PT_CHECK_STR(pt_pabulib_meta(&pb, "budget"), "100");
	PT_CHECK_EQ_INT(pb.votes.lines[1], 13);
	PT_CHECK_EQ_INT(pt_pabulib_write(&pb, NULL, &out, &len, &err), PT_OK);
	{
		pt_pabulib pb2;
		PT_CHECK_EQ_INT(pt_pabulib_parse(out, len, NULL, &pb2, &err), PT_OK);
		PT_CHECK(tables_equal(&pb.projects, &pb2.projects));
		PT_CHECK(tables_equal(&pb.votes, &pb2.votes));
		pt_pabulib_free(&pb2);
	}
	free(out);
	pt_pabulib_free(&pb);

	/* errors carry the line */
	PT_CHECK_EQ_INT(parse_str("META\nkey;value\nbudget;1\nPROJECTS\nproject_id;cost\n1;5\n2;x\nVOTES\nvoter_id;vote\n", &pb, &err), PT_ERR_INVALID);
	PT_CHECK_EQ_INT(err.line, 7);
	PT_CHECK_EQ_INT(parse_str("PROJECTS\nproject_id;cost\n1;5\nVOTES\nvoter_id;vote\na;1\nb;1,3\n", &pb, &err), PT_ERR_INVALID);
	PT_CHECK_EQ_INT(err.line, 7);
	PT_CHECK_EQ_INT(parse_str("PROJECTS\nproject_id;cost\n1;5\nVOTES\nvoter_id;vote\na;1,1\n", &pb, &err), PT_ERR_INVALID);
	PT_CHECK_EQ_INT(err.line, 6);
	PT_CHECK_EQ_INT(parse_str("PROJECTS\nproject_id;cost\n1;5\n1;6\nVOTES\nvoter_id;vote\n", &pb, &err), PT_ERR_INVALID);
	PT_CHECK_EQ_INT(err.line, 4);
	PT_CHECK_EQ_INT(parse_str("PROJECTS\nproject_id;cost\n1;5;7\nVOTES\nvoter_id;vote\n", &pb, &err), PT_ERR_INVALID);
	PT_CHECK_EQ_INT(err.line, 3);
	PT_CHECK_EQ_INT(parse_str("PROJECTS\nproject_id;cost\n\"1;5\nVOTES\nvoter_id;vote\n", &pb, &err), PT_ERR_INVALID);
	PT_CHECK_EQ_INT(parse_str("PROJECTS\nproject_id;cost\n1;5\n", &pb, &err), PT_ERR_INVALID);
	PT_CHECK_EQ_INT(parse_str("hello\n", &pb, &err), PT_ERR_INVALID);
	PT_CHECK_EQ_INT(err.line, 1);
	PT_CHECK_EQ_INT(parse_str("PROJECTS\nproject_id;cost\n1;5\xff\nVOTES\nvoter_id;vote\n", &pb, &err), PT_ERR_INVALID);
	PT_CHECK_EQ_INT(err.line, 3);
	PT_CHECK_EQ_INT(parse_str("PROJECTS\nproject_id;cost\n1;5\nVOTES\nvoter_id;vote;points\na;1;1,2\n", &pb, &err), PT_ERR_INVALID);
	PT_CHECK_EQ_INT(parse_str("", &pb, &err), PT_ERR_INVALID);
}

int main(void)
{
	find_shared();
	PT_RUN(money_parse);
	PT_RUN(mes_hand_example);
	PT_RUN(mes_ties);
	PT_RUN(input_errors);
	PT_RUN(mes_add1_assen);
	PT_RUN(mes_work_budget);
	PT_RUN(pb_many_identical_projects);
	PT_RUN(mes_add1_swiecie);
	PT_RUN(greedy_warszawa_zacisze);
	PT_RUN(toulouse_lengths_and_greedy);
	PT_RUN(properties_random);
	PT_RUN(mes_deep_denominators);
	PT_RUN(pabulib_round_trip_real_files);
	PT_RUN(pabulib_limits);
	PT_RUN(pabulib_syntax);
	return pt_test_summary("test_pb");
}
