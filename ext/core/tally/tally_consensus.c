/*
 * consensus: stances of a body that decides by consent.
 *
 * Stance ballots carry a role and optionally a voter name and a reason.
 * Options:
 *   voice_only_roles       roles that speak but do not vote (a facilitator,
 *                          an adviser): their stances are recorded in
 *                          details.voice_only and never counted;
 *   block_requires_reason  a block without a reason is an invalid ballot;
 *   threshold              agree share needed, as a fraction of agree +
 *                          disagree (abstentions do not count), default 1/2;
 *   quorum / eligible      as for majority, on the voting members.
 * The proposal passes when nobody who votes blocks, at least one agrees,
 * agree / (agree + disagree) >= threshold, and the quorum is met.
 * winners is ['approved'] when it passes, [] otherwise; details.outcome is
 * approved, blocked, rejected or no_quorum, and details.blocks lists each
 * block with its reason. No ties are broken. O(ballots x roles).
 */
#include "core/tally/tally_internal.h"

#include <string.h>

int pt_tally_quorum(const pt_profile *p, const pt_tally_options *o, pt_tally_result *r,
	int64_t took_part, int *met, pt_error *err);

static const char *stance_name(pt_stance s)
{
	switch (s) {
	case PT_STANCE_AGREE: return "agree";
	case PT_STANCE_ABSTAIN: return "abstain";
	case PT_STANCE_DISAGREE: return "disagree";
	default: return "block";
	}
}

/*
 * voice[r] = 1 when role r is one of voice_only_roles: one lookup of each of
 * the option's roles in the profile's role map (O(option), not one scan of
 * the option per ballot). NULL on NOMEM.
 */
static uint8_t *voice_flags(const pt_profile *p, const pt_tally_options *o)
{
	uint8_t *voice = pt_calloc(p->alloc, p->nroles + 1, 1);
	size_t i;
	void *r;

	for (i = 0; voice && i < o->voice_only_count; i++) {
		if (pt_hash_find(&p->role_map, o->voice_only_roles[i], o->voice_only_lens[i], &r)) {
			voice[(uintptr_t)r - 1] = 1;
		}
	}
	return voice;
}

static pt_value *stance_rec(const pt_profile *p, size_t b)
{
	const pt_stance_ballot *sb = &p->stances[b];
	pt_value *e = pt_value_map(p->alloc);

	if (!e || pt_value_setc(e, "index", pt_value_int(p->alloc, (int64_t)b)) != PT_OK
		|| pt_value_setc(e, "voter", sb->voter ? pt_value_string(p->alloc, sb->voter, sb->voter_len) : pt_value_null(p->alloc)) != PT_OK
		|| pt_value_setc(e, "role", pt_value_string(p->alloc, p->roles[sb->role], p->role_lens[sb->role])) != PT_OK
		|| pt_value_setc(e, "stance", pt_value_cstr(p->alloc, stance_name(sb->stance))) != PT_OK
		|| pt_value_setc(e, "reason", sb->reason ? pt_value_string(p->alloc, sb->reason, sb->reason_len) : pt_value_null(p->alloc)) != PT_OK
		|| pt_value_setc(e, "weight", pt_value_int(p->alloc, p->weights[b])) != PT_OK) {
		pt_value_free(e);
		return NULL;
	}
	return e;
}

pt_status pt_tally_consensus(const pt_profile *p, const pt_tally_options *o,
	pt_tally_result *r, pt_error *err)
{
	int64_t cnt[4] = { 0, 0, 0, 0 }, num = o->has_threshold || o->threshold_kind == PT_THRESHOLD_FRACTION
		? o->threshold_num : 1, den = o->has_threshold || o->threshold_kind == PT_THRESHOLD_FRACTION ? o->threshold_den : 2;
	pt_value *blocks = pt_value_list(p->alloc), *voice = pt_value_list(p->alloc), *counts = pt_value_map(p->alloc);
	uint8_t *is_voice = voice_flags(p, o);
	const char *outcome;
	int met, passed, ok = blocks && voice && counts && is_voice;
	size_t b;

	if (!frac_in_unit(num, den)) {
		pt_value_free(blocks);
		pt_value_free(voice);
		pt_value_free(counts);
		pt_free(p->alloc, is_voice);
		return pt_error_set(err, PT_ERR_INVALID, "consensus: el umbral debe ser una fracción mayor que 0 y a lo más 1");
	}
	for (b = 0; ok && b < p->n; b++) {
		const pt_stance_ballot *sb = &p->stances[b];

		if (is_voice[sb->role]) {
			ok = pt_value_push(voice, stance_rec(p, b)) == PT_OK;
			continue;
		}
		cnt[sb->stance] += p->weights[b];
		if (sb->stance == PT_STANCE_BLOCK) {
			ok = pt_value_push(blocks, stance_rec(p, b)) == PT_OK;
		}
	}
	ok = ok && pt_value_setc(counts, "agree", pt_value_int(p->alloc, cnt[PT_STANCE_AGREE])) == PT_OK
		&& pt_value_setc(counts, "abstain", pt_value_int(p->alloc, cnt[PT_STANCE_ABSTAIN])) == PT_OK
		&& pt_value_setc(counts, "disagree", pt_value_int(p->alloc, cnt[PT_STANCE_DISAGREE])) == PT_OK
		&& pt_value_setc(counts, "block", pt_value_int(p->alloc, cnt[PT_STANCE_BLOCK])) == PT_OK;
	pt_free(p->alloc, is_voice);
	if (!ok) {
		pt_value_free(blocks);
		pt_value_free(voice);
		pt_value_free(counts);
		return NOMEM(err);
	}
	if (pt_value_setc(r->details, "counts", counts) != PT_OK
		|| pt_value_setc(r->details, "blocks", blocks) != PT_OK
		|| pt_value_setc(r->details, "voice_only", voice) != PT_OK) {
		return NOMEM(err);
	}
	if (!pt_tally_quorum(p, o, r, cnt[0] + cnt[1] + cnt[2] + cnt[3], &met, err)) {
		return err ? err->code : PT_ERR_INVALID;
	}
	passed = cnt[PT_STANCE_BLOCK] == 0 && cnt[PT_STANCE_AGREE] > 0
		&& (i128)cnt[PT_STANCE_AGREE] * den >= (i128)num * (cnt[PT_STANCE_AGREE] + cnt[PT_STANCE_DISAGREE]);
	outcome = !met ? "no_quorum" : cnt[PT_STANCE_BLOCK] ? "blocked" : passed ? "approved" : "rejected";
	passed = passed && met;
	if (pt_value_setc(r->details, "threshold", pt_value_rational(p->alloc, num, den)) != PT_OK
		|| pt_value_setc(r->details, "passed", pt_value_bool(p->alloc, passed)) != PT_OK
		|| pt_value_setc(r->details, "outcome", pt_value_cstr(p->alloc, outcome)) != PT_OK
		|| (passed && pt_value_push(r->winners, pt_value_cstr(p->alloc, "approved")) != PT_OK)) {
		return NOMEM(err);
	}
	return PT_OK;
}
