/*
 * participa core: a body's membership on a date (body.h).
 */
#include "core/body/body.h"

#include "core/common/pt_time.h"

#include <string.h>

const char *pt_body_holder(const pt_body *b, size_t i, const char *const *winners, int64_t day)
{
	const pt_body_seat *s = &b->seats[i];
	const char *who;

	if (day < s->start_day || day > s->end_day) {
		return NULL;
	}
	who = s->participant ? s->participant : (winners ? winners[i] : NULL);
	return who && *who ? who : NULL;
}

uint32_t pt_body_members_on(const pt_body *b, const char *const *winners, int64_t day)
{
	uint32_t n = 0;
	size_t i;

	for (i = 0; i < b->seat_count; i++) {
		n += pt_body_holder(b, i, winners, day) != NULL;
	}
	return n;
}

bool pt_body_is_member(const pt_body *b, const char *const *winners, int64_t day, const char *participant,
	size_t *seat)
{
	size_t i;

	for (i = 0; i < b->seat_count; i++) {
		const char *who = pt_body_holder(b, i, winners, day);

		if (who && !strcmp(who, participant)) {
			if (seat) {
				*seat = i;
			}
			return true;
		}
	}
	return false;
}

uint32_t pt_body_quorum(const pt_body *b, const char *const *winners, int64_t day)
{
	int64_t m = pt_body_members_on(b, winners, day);

	return (uint32_t)((m * b->quorum_num + b->quorum_den - 1) / b->quorum_den);
}

int32_t pt_body_rotation_seat(const pt_body *b, const char *const *winners, int64_t day)
{
	int64_t y, ys, turn;
	unsigned m, d, ms, ds;
	uint32_t n, k = 0;
	size_t i;

	if (!b->rotation_role || day < b->rotation_start_day || !(n = pt_body_members_on(b, winners, day))) {
		return -1;
	}
	pt_time_civil_from_days(day, &y, &m, &d);
	pt_time_civil_from_days(b->rotation_start_day, &ys, &ms, &ds);
	/* whole months since the start: a turn begins on the start's day of the month */
	turn = (y - ys) * 12 + (int64_t)m - (int64_t)ms - (d < ds);
	turn = (turn / b->rotation_months) % n;
	for (i = 0; i < b->seat_count; i++) {
		if (pt_body_holder(b, i, winners, day) && k++ == turn) {
			return (int32_t)i;
		}
	}
	return -1;
}

pt_status pt_body_check(const pt_body *b, const char *const *winners, int64_t day, pt_body_report *out,
	pt_error *err)
{
	size_t i;
	unsigned s;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < b->seat_count; i++) {
		if (pt_body_holder(b, i, winners, day)) {
			out->in_office[b->seats[i].sector]++;
			out->members++;
		}
	}
	out->quorum = pt_body_quorum(b, winners, day);
	out->rotation_seat = pt_body_rotation_seat(b, winners, day);
	out->rules_met = true;
	for (s = 0; s < PT_SECTORS; s++) {
		if (out->in_office[s] < b->requires[s]) {
			out->rules_met = false;
			return pt_error_set(err, PT_ERR_INVALID, "%s necesita al menos %u integrante(s) del sector %s y tiene %u",
				b->name, b->requires[s], pt_body_sector_name((pt_body_sector)s), out->in_office[s]);
		}
	}
	return PT_OK;
}

pt_status pt_body_vote(const pt_body *b, const char *const *winners, int64_t day, const char *participant,
	pt_error *err)
{
	if (!pt_body_is_member(b, winners, day, participant, NULL)) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "Solo votan quienes integran %s en la fecha de la votación",
			b->name);
	}
	return PT_OK;
}

bool pt_body_quorum_met(const pt_body *b, const char *const *winners, int64_t day, uint32_t voters)
{
	uint32_t q = pt_body_quorum(b, winners, day);

	return q > 0 && voters >= q;
}

bool pt_body_fed_by_results(const pt_body *b)
{
	size_t i;

	for (i = 0; b && i < b->seat_count; i++) {
		if (b->seats[i].process >= 0) {
			return true;
		}
	}
	return false;
}

const char *pt_body_winner_participant(const pt_config *cfg, const pt_body_seat *s, const char *option,
	size_t len, const char *proposed_by)
{
	const pt_process_def *def;
	int32_t c;

	if (s->process < 0 || !cfg->processes || (size_t)s->process >= cfg->processes->count || !option || !len) {
		return NULL;
	}
	def = &cfg->processes->items[s->process];
	if ((c = pt_process_candidate_find(def, option, len)) >= 0) {
		/* a YAML candidate sits by its participant: (an API proposal cannot take a YAML id) */
		return def->candidates[c].participant;
	}
	return proposed_by && *proposed_by ? proposed_by : NULL;
}

uint32_t pt_body_vacant_on(const pt_body *b, const char *const *winners, int64_t day)
{
	uint32_t n = 0;
	size_t i;

	for (i = 0; i < b->seat_count; i++) {
		const pt_body_seat *s = &b->seats[i];

		n += day >= s->start_day && day <= s->end_day && !pt_body_holder(b, i, winners, day);
	}
	return n;
}
