/*
 * participa core: who may take part in a process (eligibility.h).
 */
#include "core/participant/eligibility.h"
#include "core/participant/permissions.h"
#include "core/site/territory.h"
#include "core/common/pt_buf.h"
#include "core/body/body.h"          /* a council vote held by a body of bodies: (issue 19) */

#include <string.h>

typedef struct consider_ctx {
	const pt_config *cfg;
	const pt_process_def *def;
	bool member;                 /* the roles come from the body's assignments */
	pt_capacity c;
} consider_ctx;

static bool role_allowed(const pt_process_def *def, size_t idx)
{
	size_t i;

	for (i = 0; i < def->role_count; i++) {
		if (def->roles[i] == idx) {
			return true;
		}
	}
	return def->role_count == 0;
}

static void consider(void *vctx, const pt_role *r)
{
	consider_ctx *x = vctx;
	pt_capacity *c = &x->c;

	c->any_role = true;
	if (!role_allowed(x->def, (size_t)(r - x->cfg->roles))) {
		return;
	}
	if (!r->votes) {
		if (!c->voice && x->def->method->kind == PT_BALLOT_STANCE) {
			c->voice = r;
		}
		return;
	}
	/* membership of a standing body gives its members a vote in the body's decisions */
	if ((x->member || (r->permissions & PT_PERM_VOTE)) && !c->vote) {
		c->vote = r;
	}
}

pt_capacity pt_eligibility_capacity(const pt_config *cfg, const pt_process_def *def, const char *participant,
	const char *roles)
{
	return pt_eligibility_capacity_in(cfg, def, participant, roles, NULL);
}

pt_capacity pt_eligibility_capacity_in(const pt_config *cfg, const pt_process_def *def, const char *participant,
	const char *roles, const char *const *holders)
{
	consider_ctx x = { cfg, def, def->body != NULL, { NULL, NULL, false } };
	const pt_body *held = pt_body_holding(cfg, def);
	size_t i;

	if (held) {
		/* its members in office on the vote's first day, in the body's voting role (result-fed seats:
		 * holders, read by io from the stored final counts; NULL: the YAML's members alone) */
		x.member = true;
		if (held->vote_role && pt_body_is_member(held, holders, pt_body_day_of_local(def->voting.start_local),
				participant, NULL)) {
			consider(&x, held->vote_role);
		}
		return x.c;
	}
	if (!def->body) {
		/* the permission rule: stored roles, the assignments acting in the
		 * process's territory, or the default role */
		pt_permissions(cfg, participant, roles, def->territory, consider, &x);
		return x.c;
	}
	for (i = 0; i < cfg->assignment_count; i++) {
		const pt_assignment *a = &cfg->assignments[i];

		if (a->body && strcmp(a->body, def->body) == 0 && strcmp(a->participant, participant) == 0
				&& a->role < cfg->role_count) {
			consider(&x, &cfg->roles[a->role]);
		}
	}
	return x.c;
}

pt_status pt_eligibility_residence(const pt_config *cfg, const pt_process_def *def, const char *territory,
	bool propose, pt_error *err)
{
	int32_t mine;

	if (def->body || def->territory < 0 || def->territory >= (int32_t)cfg->territories.count) {
		return PT_OK;
	}
	mine = territory ? pt_config_territory(cfg, territory, strlen(territory)) : -1;
	if (mine < 0) {
		return propose
			? pt_error_set(err, PT_ERR_NOT_ALLOWED, "Para proponer en este proceso necesitas registrar tu "
				"territorio (colonia o manzana).")
			: pt_error_set(err, PT_ERR_NOT_ALLOWED, "Para votar en este proceso necesitas registrar tu "
				"territorio (colonia o manzana).");
	}
	if (!pt_territory_within(&cfg->territories, mine, def->territory)) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "Este proceso es solo para quienes viven en %s.",
			cfg->territories.items[def->territory].name);
	}
	return PT_OK;
}

pt_status pt_eligibility_vote(const pt_config *cfg, const pt_process_def *def, const pt_participant_facts *f,
	pt_capacity *out, pt_error *err)
{
	return pt_eligibility_vote_in(cfg, def, f, NULL, out, err);
}

pt_status pt_eligibility_vote_in(const pt_config *cfg, const pt_process_def *def, const pt_participant_facts *f,
	const char *const *holders, pt_capacity *out, pt_error *err)
{
	const pt_body *held = pt_body_holding(cfg, def);
	pt_capacity cap;

	memset(out, 0, sizeof(*out));
	if (f->banned) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "Tu cuenta está suspendida; no puedes votar.");
	}
	cap = pt_eligibility_capacity_in(cfg, def, f->participant, f->roles, holders);
	if (def->body && !cap.any_role) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "Solo integrantes de %s participan en este proceso.", def->body);
	}
	if (!cap.any_role && held) {
		int64_t day = pt_body_day_of_local(def->voting.start_local);
		uint32_t vacant = pt_body_vacant_on(held, holders, day);

		if (vacant && pt_body_fed_by_results(held)) {
			/* a seat whose process is not counted yet (or whose winner names nobody) has no holder */
			return pt_error_set(err, PT_ERR_NOT_ALLOWED, "Solo integrantes de %s participan en este proceso; "
				"%u asiento(s) siguen vacantes hasta que se cuente su elección.", held->name, vacant);
		}
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "Solo integrantes de %s participan en este proceso.",
			held->name);
	}
	if (!cap.vote && !cap.voice) {
		if (cap.any_role || pt_config_role(cfg, PT_DEFAULT_ROLE)) {
			return pt_error_set(err, PT_ERR_NOT_ALLOWED, "Tu rol no tiene voto en este proceso.");
		}
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "No tienes permiso para votar.");
	}
	if (pt_eligibility_residence(cfg, def, f->territory, false, err) != PT_OK) {
		return err->code;
	}
	*out = cap;
	return PT_OK;
}

bool pt_eligibility_vote_sql(const pt_config *cfg, const pt_process_def *def, const char *participant,
	const pt_allocator *a, pt_eligibility_sql *out)
{
	int32_t scope = def->territory >= 0 && def->territory < (int32_t)cfg->territories.count ? def->territory
		: PT_SCOPE_NONE;
	bool assigned_any = false;
	pt_buf vote, other;          /* the YAML's roles that vote here, and the others */
	pt_capacity yaml;
	size_t i;

	memset(out, 0, sizeof(*out));
	pt_buf_init(&out->roles_buf, a);
	out->roles = "";
	out->territory = -1;
	if (def->method->kind == PT_BALLOT_STANCE) {
		return false;
	}
	/* the roles that act without any stored one: the assignments, or else the default role */
	if (pt_body_fed_by_results(pt_body_holding(cfg, def))) {
		return false;   /* its seats' holders are the stored counts': the full path reads them */
	}
	yaml = pt_eligibility_capacity(cfg, def, participant, NULL);
	if (def->body || pt_body_holding(cfg, def)) {
		/* members vote by their assignments (or the body's seats) alone, wherever they live */
		out->rule = PT_ELIGIBILITY_SQL_YAML;
		return yaml.vote != NULL;
	}
	for (i = 0; i < cfg->assignment_count; i++) {
		const pt_assignment *as = &cfg->assignments[i];

		assigned_any = assigned_any || (as->participant && strcmp(as->participant, participant) == 0
			&& pt_assignment_applies(cfg, as, scope));
	}
	out->territory = scope;
	if (assigned_any && yaml.vote) {
		out->rule = PT_ELIGIBILITY_SQL_YAML;
		return true;
	}
	pt_buf_init(&vote, a);
	pt_buf_init(&other, a);
	for (i = 0; i < cfg->role_count; i++) {
		const pt_role *r = &cfg->roles[i];
		consider_ctx x = { cfg, def, false, { NULL, NULL, false } };
		pt_buf *list;

		if (strchr(r->id, ',')) {
			vote.failed = true;
			break;
		}
		/* consider()'s rule: a stored role votes when it may take part here and votes */
		consider(&x, r);
		list = x.c.vote ? &vote : &other;
		pt_buf_append(list, ",", list->len ? 1 : 0);
		pt_buf_puts(list, r->id);
	}
	/* without an assignment acting here, the default role (yaml.vote) acts
	 * unless a stored role the YAML knows does */
	out->rule = assigned_any || !yaml.vote ? PT_ELIGIBILITY_SQL_VOTE_ROLE
		: other.len ? PT_ELIGIBILITY_SQL_NO_OTHER_ROLE : PT_ELIGIBILITY_SQL_YAML;
	if (out->rule != PT_ELIGIBILITY_SQL_YAML) {
		pt_buf *keep = out->rule == PT_ELIGIBILITY_SQL_VOTE_ROLE ? &vote : &other;

		pt_buf_free(&out->roles_buf);
		out->roles_buf = *keep;
		*keep = (pt_buf){ 0 };
	}
	pt_buf_free(&vote);
	pt_buf_free(&other);
	if (vote.failed || other.failed || out->roles_buf.failed
			|| (out->rule == PT_ELIGIBILITY_SQL_VOTE_ROLE && !out->roles_buf.len)) {
		pt_eligibility_sql_free(out);
		return false;
	}
	out->roles = out->roles_buf.data ? out->roles_buf.data : "";
	return true;
}

void pt_eligibility_sql_free(pt_eligibility_sql *e)
{
	pt_buf_free(&e->roles_buf);
	e->roles = "";
}

pt_status pt_eligibility_propose(const pt_config *cfg, const pt_process_def *def, const pt_participant_facts *f,
	pt_error *err)
{
	if (f->banned) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "Tu cuenta está suspendida; no puedes proponer opciones.");
	}
	if (!(pt_permissions(cfg, f->participant, f->roles, def->territory, NULL, NULL) & PT_PERM_PROPOSE)) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "No tienes permiso para proponer opciones.");
	}
	if (def->body && !pt_eligibility_capacity(cfg, def, f->participant, f->roles).any_role) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "Solo integrantes de %s proponen opciones en este proceso.",
			def->body);
	}
	return pt_eligibility_residence(cfg, def, f->territory, true, err);
}
