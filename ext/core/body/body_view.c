/*
 * participa core: Site::body()'s answer (body_view.h).
 */
#include "core/body/body_view.h"
#include "core/common/pt_time.h"

#include <stdio.h>
#include <string.h>

static pt_value *date_value(const pt_allocator *a, int64_t day)
{
	char buf[PT_TIME_TEXT_MAX];
	int64_t y;
	unsigned m, d;

	pt_time_civil_from_days(day, &y, &m, &d);
	snprintf(buf, sizeof(buf), "%04lld-%02u-%02u", (long long)y, m, d);
	return pt_value_cstr(a, buf);
}

/* A seat's vacancy: null when held (or out of its term), "not_counted" (its process has no final count
 * yet), "no_participant" (its winner names nobody who can sit). */
static pt_value *vacancy(const pt_body *b, size_t i, const char *const *holders, const char *const *winners,
	int64_t day, const pt_allocator *a)
{
	const pt_body_seat *s = &b->seats[i];

	if (day < s->start_day || day > s->end_day || pt_body_holder(b, i, holders, day)) {
		return pt_value_null(a);
	}
	return pt_value_cstr(a, winners && winners[i] ? "no_participant" : "not_counted");
}

static pt_status seat_value(const pt_config *cfg, const pt_body *b, size_t i, const char *const *holders,
	const char *const *winners, int64_t day, const pt_allocator *a, pt_value *list)
{
	const pt_body_seat *s = &b->seats[i];
	const char *who = s->participant ? s->participant : holders ? holders[i] : NULL;
	pt_value *m = pt_value_map(a);
	pt_status st = m ? PT_OK : PT_ERR_NOMEM;

	if (st == PT_OK) {
		st = pt_value_setc(m, "participant", who ? pt_value_cstr(a, who) : pt_value_null(a));
	}
	if (st == PT_OK && s->process >= 0) {
		/* the first winner of the process's latest final count (null: not counted yet) and the vacancy */
		st = pt_value_setc(m, "winner", winners && winners[i] ? pt_value_cstr(a, winners[i]) : pt_value_null(a));
		st = st == PT_OK ? pt_value_setc(m, "vacant", vacancy(b, i, holders, winners, day, a)) : st;
	}
	if (st == PT_OK) {
		st = pt_value_setc(m, "process", s->process >= 0 ? pt_value_cstr(a, cfg->processes->items[s->process].id)
			: pt_value_null(a));
	}
	st = st == PT_OK ? pt_value_setc(m, "role", pt_value_cstr(a, s->role)) : st;
	st = st == PT_OK ? pt_value_setc(m, "sector", pt_value_cstr(a, pt_body_sector_name(s->sector))) : st;
	st = st == PT_OK ? pt_value_setc(m, "start", date_value(a, s->start_day)) : st;
	st = st == PT_OK ? pt_value_setc(m, "end", date_value(a, s->end_day)) : st;
	st = st == PT_OK ? pt_value_setc(m, "in_office", pt_value_bool(a, pt_body_holder(b, i, holders, day) != NULL))
		: st;
	if (st != PT_OK) {
		pt_value_free(m);
		return st;
	}
	return pt_value_push(list, m);
}

pt_status pt_body_view(const pt_config *cfg, const char *id, size_t len, const char *day_text, size_t day_len,
	const char *const *holders, const char *const *winners, const pt_allocator *a, pt_value **out, pt_error *err)
{
	const pt_body *b = pt_config_body(cfg, id, len);
	pt_value *v, *seats, *sectors, *votes;
	pt_body_report r;
	pt_error rule;
	int64_t day;
	size_t i;
	pt_status st;

	*out = NULL;
	if (!b) {
		return pt_error_set(err, PT_ERR_NOT_FOUND, "No existe el órgano «%.64s».", len < 200 ? id : "?");
	}
	if (!pt_time_parse_date(day_text, day_len, 1900, &day)) {
		return pt_error_set(err, PT_ERR_INVALID, "La fecha debe escribirse AAAA-MM-DD (por ejemplo 2026-04-10).");
	}
	pt_error_clear(&rule);
	pt_body_check(b, holders, day, &r, &rule);
	if (!(v = pt_value_map(a)) || !(seats = pt_value_list(a)) || !(sectors = pt_value_map(a))
			|| !(votes = pt_value_list(a))) {
		pt_value_free(v);
		return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	}
	st = PT_OK;
	for (i = 0; i < b->seat_count && st == PT_OK; i++) {
		st = seat_value(cfg, b, i, holders, winners, day, a, seats);
	}
	for (i = 0; i < PT_SECTORS && st == PT_OK; i++) {
		st = pt_value_setc(sectors, pt_body_sector_name((pt_body_sector)i), pt_value_int(a, r.in_office[i]));
	}
	for (i = 0; i < b->vote_count && st == PT_OK; i++) {
		st = pt_value_push(votes, pt_value_cstr(a, cfg->processes->items[b->votes[i]].id));
	}
	st = st == PT_OK ? pt_value_setc(v, "id", pt_value_cstr(a, b->id)) : st;
	st = st == PT_OK ? pt_value_setc(v, "name", pt_value_cstr(a, b->name)) : st;
	st = st == PT_OK ? pt_value_setc(v, "date", date_value(a, day)) : st;
	st = st == PT_OK ? pt_value_setc(v, "members", pt_value_int(a, r.members)) : st;
	st = st == PT_OK ? pt_value_setc(v, "quorum", pt_value_int(a, r.quorum)) : st;
	st = st == PT_OK ? pt_value_setc(v, "vacant", pt_value_int(a, pt_body_vacant_on(b, holders, day))) : st;
	st = st == PT_OK ? pt_value_setc(v, "rotation", r.rotation_seat >= 0
		? pt_value_cstr(a, pt_body_holder(b, (size_t)r.rotation_seat, holders, day)) : pt_value_null(a)) : st;
	st = st == PT_OK ? pt_value_setc(v, "rules_met", pt_value_bool(a, r.rules_met)) : st;
	st = st == PT_OK ? pt_value_setc(v, "problem", r.rules_met ? pt_value_null(a) : pt_value_cstr(a, rule.message))
		: st;
	if (st == PT_OK) {
		st = pt_value_setc(v, "sectors", sectors);
		sectors = NULL;
	}
	if (st == PT_OK) {
		st = pt_value_setc(v, "seats", seats);
		seats = NULL;
	}
	if (st == PT_OK) {
		st = pt_value_setc(v, "votes", votes);
		votes = NULL;
	}
	pt_value_free(sectors);
	pt_value_free(seats);
	pt_value_free(votes);
	if (st != PT_OK) {
		pt_value_free(v);
		return pt_error_set(err, st, "participa: out of memory");
	}
	*out = v;
	return PT_OK;
}
