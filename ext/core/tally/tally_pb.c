/*
 * pb_greedy, pb_equal_shares: the tally table's rows for participatory
 * budgeting. The counting rules themselves live in pb.c (see pb.h); this
 * file only hands them the parsed approval ballots (projects are the
 * candidates, in the order of options.projects) and turns their result
 * into winners / ranking / details / tieBreaks.
 * Ranking: the funded projects in order of selection, one per tier, then
 * the others by approvals (equal approvals share a tier).
 */
#include "core/tally/tally_internal.h"

#if defined(__has_include)
# if __has_include("pb.h")
#  define PT_TALLY_HAVE_PB 1
# endif
#endif

#ifdef PT_TALLY_HAVE_PB
#include "core/tally/pb.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static pt_value *rat_text(const pt_allocator *a, const char *s)
{
	/*
	 * "p" or "p/q" as written by pb.c. Equal Shares fractions outgrow 64 bits
	 * (Swiecie's later selections have 30+ digit numerators): those stay the
	 * exact text rather than a silently wrapped number.
	 */
	const char *slash;
	char *end;
	long long num, den = 1;

	if (!s) {
		return pt_value_null(a);
	}
	slash = strchr(s, '/');
	errno = 0;
	num = strtoll(s, &end, 10);
	if (errno != 0 || end == s) {
		return pt_value_cstr(a, s);
	}
	if (slash) {
		if (end != slash) {
			return pt_value_cstr(a, s);
		}
		den = strtoll(slash + 1, &end, 10);
		if (errno != 0 || *end != '\0' || den <= 0) {
			return pt_value_cstr(a, s);
		}
	} else if (*end != '\0') {
		return pt_value_cstr(a, s);
	}
	return pt_value_rational(a, num, den);
}

static pt_status pb_run(const pt_profile *p, const pt_tally_options *o, pt_tally_result *r,
	pt_error *err, int mes)
{
	static const uint32_t no_items[1] = { 0 };
	const pt_allocator *a = p->alloc;
	pt_pb_input in;
	pt_pb_result res;
	pt_value *sel = NULL;
	uint8_t *funded = NULL;
	tiers t = { 0 };
	pt_status st;
	size_t i;
	int ok;

	if (!o->pb_costs) {
		return pt_error_set(err, PT_ERR_INVALID, "participatory budgeting needs the 'projects' option (id => cost)");
	}
	memset(&in, 0, sizeof(in));
	memset(&res, 0, sizeof(res));
	in.project_count = p->ncand;
	in.costs = o->pb_costs;
	in.budget = o->pb_budget;
	in.voter_count = p->n;
	in.approval_offsets = p->start;
	in.approvals = p->items ? p->items : no_items;
	in.weights = p->weights;
	if (mes) {
		pt_pb_mes_options mo;

		pt_pb_mes_options_init(&mo);
		mo.completion = (pt_pb_completion)o->pb_completion;
		mo.increment = o->pb_increment;
		mo.start = (pt_pb_start)o->pb_start;
		mo.stop_when_exhaustive = o->pb_stop_when_exhaustive;
		mo.max_work = o->work_limit;
		st = pt_pb_equal_shares(&in, &mo, a, &res, err);
	} else {
		pt_pb_greedy_options go;

		pt_pb_greedy_options_init(&go);
		go.skip = o->pb_skip;
		go.threshold = o->pb_threshold;
		st = pt_pb_greedy(&in, &go, a, &res, err);
	}
	if (st != PT_OK) {
		pt_pb_result_free(&res);
		return st;
	}
	funded = pt_calloc(a, p->ncand + 1, 1);
	sel = pt_value_list(a);
	ok = funded && sel;
	for (i = 0; ok && i < res.selected_count; i++) {
		const pt_pb_selection *s = &res.selections[i];
		pt_value *e = pt_value_map(a);

		funded[s->project] = 1;
		ok = e && pt_value_setc(e, "project", v_id(p, s->project)) == PT_OK
			&& pt_value_setc(e, "stage", pt_value_cstr(a, s->stage == PT_PB_STAGE_MES ? "mes" : "greedy")) == PT_OK
			&& pt_value_setc(e, "cost", pt_value_int(a, s->cost)) == PT_OK
			&& pt_value_setc(e, "approvals", pt_value_int(a, s->approvals)) == PT_OK
			&& pt_value_setc(e, "budget_left", pt_value_int(a, s->budget_left)) == PT_OK
			&& (!mes || (pt_value_setc(e, "rho", rat_text(a, s->rho)) == PT_OK
				&& pt_value_setc(e, "effective_votes", rat_text(a, s->effective_votes)) == PT_OK
				&& pt_value_setc(e, "voters_money_left", rat_text(a, s->voters_money_left)) == PT_OK));
		if (!ok) {
			pt_value_free(e);
			break;
		}
		ok = pt_value_push(sel, e) == PT_OK && winners_set(p, r, &s->project, 1)
			&& pt_value_push(r->ranking, v_ids(p, &s->project, 1)) == PT_OK;
	}
	if (ok) {
		ok = pt_value_setc(r->details, "selections", sel) == PT_OK;
		sel = NULL;
	}
	ok = ok && pt_value_setc(r->details, "approvals", v_cand_ints(p, res.approvals)) == PT_OK
		&& pt_value_setc(r->details, "budget", pt_value_int(a, o->pb_budget)) == PT_OK
		&& pt_value_setc(r->details, "total_cost", pt_value_int(a, res.total_cost)) == PT_OK
		&& pt_value_setc(r->details, "budget_left", pt_value_int(a, res.budget_left)) == PT_OK
		&& pt_value_setc(r->details, "exhaustive", pt_value_bool(a, res.exhaustive)) == PT_OK
		&& (!mes || (pt_value_setc(r->details, "per_voter_budget", rat_text(a, res.per_voter_budget)) == PT_OK
			&& pt_value_setc(r->details, "runs", pt_value_int(a, res.runs)) == PT_OK
			/* Add1 stopped at a bound (pb.h): the last run that fitted is kept */
			&& pt_value_setc(r->details, "completion_stopped", pt_value_bool(a, res.completion_stopped != 0)) == PT_OK
			&& (!res.completion_stopped || pt_value_setc(r->details, "completion_stopped_by",
				pt_value_cstr(a, res.completion_stopped == PT_PB_STOPPED_WORK ? "work_limit" : "max_runs")) == PT_OK)));
	/* the unfunded, by approvals */
	if (ok) {
		int64_t *key = pt_calloc(a, p->ncand + 1, sizeof(int64_t));
		uint32_t j, k;

		uint32_t *buf = pt_alloc(a, (p->ncand + 1) * sizeof(uint32_t));

		ok = key && buf && tiers_by_keys(p, &t, res.approvals ? res.approvals : key);
		for (j = 0; ok && j < t.n;) {
			uint32_t n = 0;

			for (k = j; k < t.n && t.tier[k] == t.tier[j]; k++) {
				if (!funded[t.order[k]]) {
					buf[n++] = t.order[k];
				}
			}
			if (n) {
				ok = pt_value_push(r->ranking, v_ids(p, buf, n)) == PT_OK;
			}
			j = k;
		}
		pt_free(a, buf);
		pt_free(a, key);
	}
	for (i = 0; ok && i < res.tie_count; i++) {
		const pt_pb_tie *tie = &res.ties[i];
		uint32_t *all = pt_alloc(a, (tie->other_count + 1) * sizeof(uint32_t));
		tiebreak tb;

		if (!all) {
			ok = 0;
			break;
		}
		all[0] = tie->chosen;
		memcpy(all + 1, tie->others, tie->other_count * sizeof(uint32_t));
		tb_init(&tb, p, o, r);
		tb_record(&tb, "selection", (long)tie->step + 1, all, tie->other_count + 1, &tie->chosen, 1,
			tie->rule == PT_PB_TIE_APPROVALS ? "more approvals" : tie->rule == PT_PB_TIE_COST
			? "lower cost" : "input order");
		ok = tb.ok;
		if (ok && tie->others_total > tie->other_count) {
			/* past PT_PB_MAX_TIE_ENTRIES: the size of the tie, not its members */
			pt_value *last = r->tie_breaks->u.c.items[r->tie_breaks->u.c.count - 1];

			ok = pt_value_setc(last, "tied_count", pt_value_int(a, (int64_t)tie->others_total + 1)) == PT_OK;
		}
		pt_free(a, all);
	}
	tiers_free(a, &t);
	pt_value_free(sel);
	pt_free(a, funded);
	pt_pb_result_free(&res);
	return ok ? PT_OK : NOMEM(err);
}

pt_status pt_tally_pb_greedy(const pt_profile *p, const pt_tally_options *o,
	pt_tally_result *r, pt_error *err)
{
	return pb_run(p, o, r, err, 0);
}

pt_status pt_tally_pb_equal_shares(const pt_profile *p, const pt_tally_options *o,
	pt_tally_result *r, pt_error *err)
{
	return pb_run(p, o, r, err, 1);
}
#endif
