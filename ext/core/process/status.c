/* participa core: where a participant stands in a process (status.h). */
#include "core/process/status.h"
#include "core/process/pots.h"
#include "core/participant/eligibility.h"
#include "core/common/messages.h"

#include <string.h>

/* The text of a refusal in the answer's language. */
static const char *said(const pt_error *e, bool english)
{
	return english && e->message_en[0] ? e->message_en : e->message;
}

static pt_status put(pt_value *m, const char *key, pt_value *v, pt_status s)
{
	return s == PT_OK ? pt_value_setc(m, key, v) : (pt_value_free(v), s);
}

static pt_value *text_or_null(const pt_allocator *a, const char *s)
{
	return s ? pt_value_cstr(a, s) : pt_value_null(a);
}

/* The catalogued message es (no conversions) in the answer's language. */
static const char *message(const char *es, bool english)
{
	const char *en = english ? pt_msg_english(es) : NULL;

	return en ? en : es;
}

pt_value *pt_process_status_value(const pt_config *cfg, const pt_process_def *def, const pt_process_clock *c,
	const pt_process_status_facts *f, bool english, const pt_allocator *a)
{
	pt_participant_facts pf = { f->participant ? f->participant : "", f->banned, f->roles, f->territory };
	pt_process_facts ff;
	pt_error phase, elig, other;
	pt_capacity cap;
	const char *reason = NULL, *eligibility = NULL, *results = NULL;
	bool eligible = false, open, may_propose = false, may_paper = false;
	pt_value *m = pt_value_map(a), *can = pt_value_map(a);
	pt_status s = m && can ? PT_OK : PT_ERR_NOMEM;

	memset(&cap, 0, sizeof(cap));
	pt_error_clear(&phase);
	pt_error_clear(&elig);
	open = pt_process_rule_cast_phase(def, c, &phase) == PT_OK;
	if (!f->participant) {
		eligibility = message("Inicia sesión para participar en este proceso.", english);
	} else if (pt_eligibility_vote(cfg, def, &pf, &cap, &elig) == PT_OK) {
		/* a budget split by district: a resident outside every district votes only in the city-wide pot */
		eligible = pt_process_rule_pots(cfg, def, f->territory, -1, &elig) == PT_OK;
		eligibility = eligible ? NULL : said(&elig, english);
	} else {
		eligibility = said(&elig, english);
	}
	if (!open) {
		reason = said(&phase, english);
	} else if (!eligible) {
		reason = eligibility;
	} else if (f->voted && !def->vote_changes) {
		reason = message("Ya emitiste tu voto en este proceso y no se puede cambiar.", english);
	}
	if (f->participant && def->method->kind != PT_BALLOT_STANCE && def->proposals.set) {
		memset(&ff, 0, sizeof(ff));
		ff.known = true;
		ff.banned = f->banned;
		ff.roles = f->roles ? f->roles : "";
		ff.territory = f->territory;
		pt_error_clear(&other);
		may_propose = pt_process_rule_propose(cfg, def, c, &ff, f->participant, &other) == PT_OK;
	}
	if (f->participant) {
		pt_error_clear(&other);
		may_paper = pt_process_rule_paper(def, c, &other) == PT_OK
			&& pt_process_rule_paper_official(pt_permissions_actor(cfg, &pf, def->territory, def->territory, NULL,
				NULL), &other) == PT_OK;
	}
	pt_error_clear(&other);
	if (pt_process_rule_results(def, c, f->voted, &other) != PT_OK) {
		results = said(&other, english);
	}

	s = put(m, "process", pt_value_cstr(a, def->id), s);
	s = put(m, "state", pt_value_cstr(a, pt_process_state(c)), s);
	s = put(m, "open", pt_value_bool(a, open), s);
	s = put(m, "participant", text_or_null(a, f->participant), s);
	s = put(m, "eligible", pt_value_bool(a, eligible), s);
	s = put(m, "voice_only", pt_value_bool(a, eligible && !cap.vote), s);
	s = put(m, "eligibility", text_or_null(a, eligibility), s);
	s = put(m, "voted", pt_value_bool(a, f->voted), s);
	s = put(m, "reason", text_or_null(a, reason), s);
	s = put(can, "vote", pt_value_bool(a, !reason && cap.vote), s);
	s = put(can, "change_vote", pt_value_bool(a, !reason && cap.vote && f->voted), s);
	s = put(can, "speak", pt_value_bool(a, !reason && !cap.vote && cap.voice), s);
	s = put(can, "propose", pt_value_bool(a, may_propose), s);
	s = put(can, "enter_paper_ballots", pt_value_bool(a, may_paper), s);
	s = put(can, "see_results", pt_value_bool(a, !results), s);
	s = put(m, "can", can, s);
	can = NULL;
	s = put(m, "results", text_or_null(a, results), s);
	if (def->pot_count) {
		/* the pots this participant's ballot may name: their district's, then the city-wide one */
		int32_t home = f->participant ? pt_process_pot_of_residence(cfg, def, f->territory) : -1,
			city = pt_process_pot_city(def);
		pt_value *pots = pt_value_list(a);

		if (s == PT_OK && pots && eligible && home >= 0) s = pt_value_push(pots, pt_value_cstr(a, def->pots[home].id));
		if (s == PT_OK && pots && eligible && city >= 0) s = pt_value_push(pots, pt_value_cstr(a, def->pots[city].id));
		s = put(m, "pots", pots, s);
	}
	if (s != PT_OK) {
		pt_value_free(can);
		pt_value_free(m);
		return NULL;
	}
	return m;
}
