/*
 * majority: a yes/no/abstain motion.
 *
 * Stance ballots: agree (or 'yes') = yes, disagree (or 'no') and block =
 * no, abstain. Options:
 *   threshold  'simple' (default): more yes than no;
 *              'absolute': yes > half of `eligible`;
 *              a fraction 'p/q' (e.g. '2/3'): yes >= p/q x base, where
 *              base ('base' option) is 'cast' (yes + no, default),
 *              'present' (yes + no + abstain) or 'eligible';
 *   quorum     a fraction of `eligible` that must take part (yes + no +
 *              abstain, by weight);
 *   eligible   number of people entitled to vote (needed by 'absolute',
 *              base 'eligible' and quorum).
 * winners is ['approved'] when the motion passes, [] otherwise; details
 * say why (outcome: approved, rejected, no_quorum). No ties are broken: a
 * tie under 'simple' rejects. All comparisons are exact integer cross
 * products. O(ballots).
 */
#include "core/tally/tally_internal.h"

int pt_tally_quorum(const pt_profile *p, const pt_tally_options *o, pt_tally_result *r,
	int64_t took_part, int *met, pt_error *err);

/* Shared with consensus: checks and reports the quorum. 0 on error. */
int pt_tally_quorum(const pt_profile *p, const pt_tally_options *o, pt_tally_result *r,
	int64_t took_part, int *met, pt_error *err)
{
	pt_value *q;

	*met = 1;
	if (!o->has_quorum) {
		return 1;
	}
	if (o->eligible < 0) {
		pt_error_set(err, PT_ERR_INVALID, "el quórum necesita la opción 'eligible' (cuántas personas pueden votar)");
		return 0;
	}
	if (!frac_in_unit(o->quorum_num, o->quorum_den)) {
		pt_error_set(err, PT_ERR_INVALID, "el quórum debe ser una fracción mayor que 0 y a lo más 1");
		return 0;
	}
	*met = (i128)took_part * o->quorum_den >= (i128)o->quorum_num * o->eligible;
	q = pt_value_map(p->alloc);
	if (!q || pt_value_setc(q, "required", v_frac_of(p->alloc, o->quorum_num, o->quorum_den, o->eligible)) != PT_OK
		|| pt_value_setc(q, "took_part", pt_value_int(p->alloc, took_part)) != PT_OK
		|| pt_value_setc(q, "met", pt_value_bool(p->alloc, *met)) != PT_OK) {
		pt_value_free(q);
		NOMEM(err);
		return 0;
	}
	if (pt_value_setc(r->details, "quorum", q) != PT_OK) {
		NOMEM(err);
		return 0;
	}
	return 1;
}

pt_status pt_tally_majority(const pt_profile *p, const pt_tally_options *o,
	pt_tally_result *r, pt_error *err)
{
	int64_t yes = 0, no = 0, abst = 0, base = 0;
	const char *outcome, *rule;
	int met, passed = 0;
	size_t b;

	for (b = 0; b < p->n; b++) {
		switch (p->stances[b].stance) {
		case PT_STANCE_AGREE: yes += p->weights[b]; break;
		case PT_STANCE_ABSTAIN: abst += p->weights[b]; break;
		default: no += p->weights[b]; break;
		}
	}
	if ((o->threshold_kind == PT_THRESHOLD_ABSOLUTE
		|| (o->threshold_kind == PT_THRESHOLD_FRACTION && o->base == PT_BASE_ELIGIBLE)) && o->eligible < 0) {
		return pt_error_set(err, PT_ERR_INVALID, "majority: este umbral necesita la opción 'eligible' (cuántas personas pueden votar)");
	}
	if (o->threshold_kind == PT_THRESHOLD_FRACTION && !frac_in_unit(o->threshold_num, o->threshold_den)) {
		/* 0 would approve a motion everyone voted against */
		return pt_error_set(err, PT_ERR_INVALID, "majority: el umbral debe ser una fracción mayor que 0 y a lo más 1");
	}
	if (pt_value_setc(r->details, "yes", pt_value_int(p->alloc, yes)) != PT_OK
		|| pt_value_setc(r->details, "no", pt_value_int(p->alloc, no)) != PT_OK
		|| pt_value_setc(r->details, "abstain", pt_value_int(p->alloc, abst)) != PT_OK) {
		return NOMEM(err);
	}
	if (!pt_tally_quorum(p, o, r, yes + no + abst, &met, err)) {
		return err ? err->code : PT_ERR_INVALID;
	}
	switch (o->threshold_kind) {
	case PT_THRESHOLD_ABSOLUTE:
		rule = "absolute";
		passed = yes * 2 > o->eligible;
		break;
	case PT_THRESHOLD_FRACTION:
		rule = "fraction";
		base = o->base == PT_BASE_ELIGIBLE ? o->eligible : o->base == PT_BASE_PRESENT ? yes + no + abst : yes + no;
		passed = base > 0 && (i128)yes * o->threshold_den >= (i128)o->threshold_num * base;
		if (pt_value_setc(r->details, "required", v_frac_of(p->alloc, o->threshold_num, o->threshold_den, base)) != PT_OK) {
			return NOMEM(err);
		}
		break;
	default:
		rule = "simple";
		passed = yes > no;
		break;
	}
	outcome = !met ? "no_quorum" : passed ? "approved" : "rejected";
	passed = met && passed;
	if (pt_value_setc(r->details, "threshold", pt_value_cstr(p->alloc, rule)) != PT_OK
		|| pt_value_setc(r->details, "passed", pt_value_bool(p->alloc, passed)) != PT_OK
		|| pt_value_setc(r->details, "outcome", pt_value_cstr(p->alloc, outcome)) != PT_OK
		|| (passed && pt_value_push(r->winners, pt_value_cstr(p->alloc, "approved")) != PT_OK)) {
		return NOMEM(err);
	}
	return PT_OK;
}
