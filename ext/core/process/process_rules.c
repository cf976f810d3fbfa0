/*
 * participa core: the rules of a process (who, when). See process_rules.h.
 */
#include "core/process/process_rules.h"
#include "core/process/pots.h"
#include "core/process/ballot.h"
#include "core/participant/eligibility.h"
#include "core/participant/permissions.h"
#include "core/common/pt_id.h"

#include <stdio.h>
#include <string.h>

void pt_process_local_text(int64_t local_s, char *buf, size_t size)
{
	int y, mo, d, h, mi, s;

	pt_local_fields(local_s, &y, &mo, &d, &h, &mi, &s);
	snprintf(buf, size, "%04d-%02d-%02d %02d:%02d", y, mo, d, h, mi);
}

bool pt_process_phase_utc(const pt_phase *p, pt_process_utc_fn fn, void *ctx, pt_process_span *out)
{
	out->set = p->set;
	out->start = 0;
	out->end = INT64_MAX;
	if (!p->set) {
		return true;
	}
	if (!fn(ctx, p->start_local, &out->start)) {
		return false;
	}
	return !p->has_end || fn(ctx, p->end_local, &out->end);
}

bool pt_process_clock_phases(const pt_process_def *def, pt_process_utc_fn fn, void *ctx, pt_process_clock *c)
{
	return pt_process_phase_utc(&def->proposals, fn, ctx, &c->proposals)
		&& pt_process_phase_utc(&def->voting, fn, ctx, &c->voting)
		&& pt_process_phase_utc(&def->results, fn, ctx, &c->results);
}

pt_status pt_process_lookup(const pt_config *cfg, const char *id, size_t len, const pt_process_def **out,
	pt_error *err)
{
	pt_status s = pt_id_check("El identificador del proceso", id, len, err);

	if (s != PT_OK) {
		return s;
	}
	if (!(*out = pt_config_process(cfg, id, len))) {
		return pt_error_set(err, PT_ERR_NOT_FOUND, "No existe el proceso '%s'.", id);
	}
	return PT_OK;
}

pt_status pt_process_template_lookup(const pt_config *cfg, const char *id, size_t len,
	const pt_process_template **out, pt_error *err)
{
	pt_status s = pt_id_check("El identificador de la plantilla", id, len, err);

	if (s != PT_OK) {
		return s;
	}
	if (!(*out = pt_config_process_template(cfg, id, len))) {
		return pt_error_set(err, PT_ERR_NOT_FOUND, "No existe la plantilla de procesos '%s'.", id);
	}
	return PT_OK;
}

pt_status pt_process_dates_error(const pt_process_def *def, const char *tz, pt_error *err)
{
	return pt_error_set(err, PT_ERR_INTERNAL, "process '%s': cannot convert its dates with the time zone %s", def->id,
		tz);
}

bool pt_process_close_settled(const pt_process_def *def, const pt_process_clock *c, bool sealed, bool seal_failed)
{
	return c->closed && (sealed || !def->secret || seal_failed);
}

bool pt_process_close_pending(const pt_process_def *def, const pt_process_clock *c, bool sealed, bool seal_failed)
{
	if (pt_process_close_settled(def, c, sealed, seal_failed)) {
		return false;
	}
	return c->closed || c->now >= c->voting.end;
}

bool pt_process_voting_over(const pt_process_clock *c)
{
	return c->closed || c->now >= c->voting.end;
}

const char *pt_process_state(const pt_process_clock *c)
{
	if (pt_process_voting_over(c)) {
		return "closed";
	}
	if (c->now >= c->voting.start) {
		return "voting";
	}
	if (c->proposals.set && c->now >= c->proposals.start && c->now < c->proposals.end) {
		return "proposals";
	}
	return "upcoming";
}

bool pt_process_options_frozen(const pt_process_clock *c)
{
	return c->closed || c->now >= c->voting.start;
}

static bool only_spaces(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] != ' ') {
			return false;
		}
	}
	return true;
}

/* ---- casting --------------------------------------------------------------------- */

pt_status pt_process_rule_cast_phase(const pt_process_def *def, const pt_process_clock *c, pt_error *err)
{
	if (!(def->channels & PT_CHANNEL_WEB)) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "Este proceso no recibe votos por internet; "
			"se vota en papel en la asamblea.");
	}
	if (c->now < c->voting.start) {
		char when[32];

		pt_process_local_text(def->voting.start_local, when, sizeof(when));
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "La votación aún no abre: empieza el %s.", when);
	}
	if (pt_process_voting_over(c)) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "La votación de este proceso ya cerró.");
	}
	return PT_OK;
}

/* The participant's facts as core/participant/eligibility.h reads them. */
static pt_participant_facts participant_facts(const pt_process_facts *f, const char *participant)
{
	return (pt_participant_facts){ participant, f->banned, f->roles, f->territory };
}

pt_status pt_process_rule_cast(const pt_config *cfg, const pt_process_def *def, const pt_process_facts *f,
	const char *participant, const char **role, bool *voice_only, pt_error *err)
{
	pt_participant_facts pf = participant_facts(f, participant);
	pt_capacity cap;

	if (pt_eligibility_vote_in(cfg, def, &pf, f->body_holders, &cap, err) != PT_OK) {
		return err->code;
	}
	*voice_only = !cap.vote;
	if (def->method->kind == PT_BALLOT_STANCE) {
		*role = cap.vote ? cap.vote->id : cap.voice->id;
	}
	return PT_OK;
}

/* ---- paper ------------------------------------------------------------------------ */

pt_status pt_process_rule_batch_id(size_t len, pt_error *err)
{
	if (len > PT_PROCESS_MAX_BATCH_ID) {
		return pt_error_set(err, PT_ERR_INVALID, "El identificador del lote no es válido: tiene más de %d bytes.",
			PT_PROCESS_MAX_BATCH_ID);
	}
	return PT_OK;
}

pt_status pt_process_rule_paper(const pt_process_def *def, const pt_process_clock *c, pt_error *err)
{
	if (!(def->channels & PT_CHANNEL_PAPER)) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "Este proceso no recibe boletas en papel.");
	}
	if (c->now < c->voting.start) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "La votación aún no abre; no se pueden capturar boletas.");
	}
	if (c->closed) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "La votación de este proceso ya cerró.");
	}
	return PT_OK;
}

pt_status pt_process_rule_paper_official(uint32_t perms, pt_error *err)
{
	if (!(perms & PT_PERM_ENTER_PAPER_BALLOTS)) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "No tienes permiso para capturar boletas en papel.");
	}
	return PT_OK;
}

/* ---- results and export ------------------------------------------------------------ */

static bool results_not_yet(const pt_process_clock *c)
{
	return c->results.set && c->now < c->results.start;
}

bool pt_process_results_need_vote(const pt_process_def *def, const pt_process_clock *c)
{
	return !results_not_yet(c) && !pt_process_voting_over(c) && def->visibility == PT_RESULTS_AFTER_VOTE;
}

pt_status pt_process_rule_results(const pt_process_def *def, const pt_process_clock *c, bool voted, pt_error *err)
{
	if (results_not_yet(c)) {
		char when[32];

		pt_process_local_text(def->results.start_local, when, sizeof(when));
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "Los resultados se publican a partir del %s.", when);
	}
	if (pt_process_voting_over(c) || def->visibility == PT_RESULTS_LIVE) {
		return PT_OK;
	}
	if (def->visibility == PT_RESULTS_AFTER_VOTE) {
		return voted ? PT_OK : pt_error_set(err, PT_ERR_NOT_ALLOWED, "Los resultados se muestran después de votar.");
	}
	return pt_error_set(err, PT_ERR_NOT_ALLOWED, "Los resultados se publican cuando cierre la votación.");
}

pt_status pt_process_rule_export(const pt_process_def *def, const pt_process_clock *c, pt_error *err)
{
	if (def->secret && !pt_process_voting_over(c)) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "Las boletas de una votación secreta se publican "
			"cuando cierra la votación.");
	}
	if (results_not_yet(c)) {
		char when[32];

		pt_process_local_text(def->results.start_local, when, sizeof(when));
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "Las boletas se publican con los resultados, a partir del %s.",
			when);
	}
	return PT_OK;
}

/* ---- proposals --------------------------------------------------------------------- */

pt_status pt_process_rule_propose_open(const pt_process_def *def, pt_error *err)
{
	if (def->method->kind == PT_BALLOT_STANCE) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "Este proceso se decide con posturas; no tiene opciones "
			"que proponer.");
	}
	if (!def->proposals.set) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "Este proceso no recibe propuestas.");
	}
	return PT_OK;
}

static pt_status option_cost(const pt_process_def *def, const pt_process_option_in *o, pt_error *err)
{
	if (!pt_process_is_budget(def)) {
		return o->cost_given ? pt_error_set(err, PT_ERR_INVALID, "Solo los proyectos de un presupuesto participativo "
			"tienen costo.") : PT_OK;
	}
	if (!o->cost_given) {
		return pt_error_set(err, PT_ERR_INVALID, "El proyecto necesita un costo.");
	}
	if (!o->cost_integer || o->cost <= 0 || o->cost > ((int64_t)1 << 50)) {
		return pt_error_set(err, PT_ERR_INVALID, "El costo del proyecto debe ser una cantidad entera positiva.");
	}
	if (def->tally.pb_budget > 0 && o->cost > def->tally.pb_budget) {
		return pt_error_set(err, PT_ERR_INVALID, "El costo del proyecto (%lld) excede el presupuesto total (%lld).",
			(long long)o->cost, (long long)def->tally.pb_budget);
	}
	return PT_OK;
}

/*
 * An integer as PHP's is_numeric_string() reads one (IS_LONG): blanks ( \t\n\r\v\f) around, a
 * sign, digits, nothing else (a '.' or an exponent makes a float), within 64 bits.
 */
static bool php_integer_text(const char *s, size_t len, int64_t *out)
{
	const char *end = s + len;
	uint64_t v = 0, limit;
	bool neg = false, digits = false;

	while (s < end && strchr(" \t\n\r\v\f", *s) && *s) {
		s++;
	}
	if (s < end && (*s == '-' || *s == '+')) {
		neg = *s++ == '-';
	}
	limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (; s < end && *s >= '0' && *s <= '9'; s++) {
		if (v > (limit - (uint64_t)(*s - '0')) / 10) {
			return false;        /* too large: PHP reads a float */
		}
		v = v * 10 + (uint64_t)(*s - '0');
		digits = true;
	}
	while (s < end && strchr(" \t\n\r\v\f", *s) && *s) {
		s++;
	}
	if (!digits || s != end) {
		return false;
	}
	*out = neg ? (int64_t)(0 - v) : (int64_t)v;
	return true;
}

/* The text member key of v, or NULL (absent or not a text). */
static const char *member_text(const pt_value *v, const char *key, size_t *len)
{
	const pt_value *m = pt_value_get(v, key);

	*len = m && m->type == PT_VALUE_STRING ? m->u.s.len : 0;
	return m && m->type == PT_VALUE_STRING ? m->u.s.s : NULL;
}

bool pt_process_option_from_value(const pt_value *v, pt_process_option_in *o, pt_error *err)
{
	static const char *const keys[] = { "id", "name", "title", "cost", "territory", NULL };
	const pt_value *cost, *terr;
	size_t i, k;

	memset(o, 0, sizeof(*o));
	/* an empty array is a list: no key at all */
	for (i = 0; v->type == PT_VALUE_MAP && i < v->u.c.count; i++) {
		for (k = 0; keys[k] && strcmp(v->u.c.keys[i], keys[k]) != 0; k++) {
		}
		if (!keys[k]) {
			break;
		}
	}
	if ((v->type == PT_VALUE_MAP && i < v->u.c.count) || (v->type == PT_VALUE_LIST && v->u.c.count)) {
		pt_error_set(err, PT_ERR_INVALID, "may only contain \"id\", \"name\" (or \"title\"), \"cost\" and \"territory\"");
		return false;
	}
	if (pt_value_get(v, "name") && pt_value_get(v, "title")) {
		pt_error_set(err, PT_ERR_INVALID, "give \"name\" or \"title\", not both");
		return false;
	}
	o->id = member_text(v, "id", &o->id_len);
	o->name = member_text(v, pt_value_get(v, "name") ? "name" : "title", &o->name_len);
	cost = pt_value_get(v, "cost");
	o->cost_given = cost && cost->type != PT_VALUE_NULL;
	if (o->cost_given && cost->type == PT_VALUE_INT) {
		o->cost = cost->u.i;
		o->cost_integer = true;
	} else if (o->cost_given && cost->type == PT_VALUE_STRING) {
		o->cost_integer = php_integer_text(cost->u.s.s, cost->u.s.len, &o->cost);
	}
	terr = pt_value_get(v, "territory");
	o->territory_given = terr && terr->type != PT_VALUE_NULL;
	o->territory = member_text(v, "territory", &o->territory_len);
	return true;
}

pt_status pt_process_option_check(const pt_config *cfg, const pt_process_def *def, pt_process_option_in *o,
	pt_error *err)
{
	long chars;

	o->territory_index = -1;
	if (!o->id || !pt_process_id_valid(o->id, o->id_len)) {
		return pt_error_set(err, PT_ERR_INVALID, "El identificador de la opción debe tener de 1 a 64 caracteres "
			"(a-z, 0-9, '_', '.', '-') y empezar con una letra o un número.");
	}
	if (!o->name || o->name_len == 0 || only_spaces(o->name, o->name_len)
		|| (chars = pt_process_text_chars(o->name, o->name_len, false)) < 0 || chars > PT_PROCESS_MAX_OPTION_NAME) {
		return pt_error_set(err, PT_ERR_INVALID, "El nombre de la opción es obligatorio: un texto de hasta %d "
			"caracteres, sin caracteres de control.", PT_PROCESS_MAX_OPTION_NAME);
	}
	if (option_cost(def, o, err) != PT_OK) {
		return err->code;
	}
	if (o->territory_given) {
		int32_t t = o->territory ? pt_config_territory(cfg, o->territory, o->territory_len) : -1;

		if (t < 0) {
			return pt_error_set(err, PT_ERR_INVALID, "El territorio de la opción no existe.");
		}
		if (def->territory >= 0 && !pt_territory_within(&cfg->territories, t, def->territory)) {
			return pt_error_set(err, PT_ERR_INVALID, "La opción debe quedar dentro de %s, el territorio del proceso.",
				cfg->territories.items[def->territory].name);
		}
		o->territory_index = t;
	}
	if (def->pot_count) {
		/* a budget split by district: the project falls in its territory's pot, within that pot's budget */
		int32_t k = pt_process_pot_of_territory(&cfg->territories, def, o->territory_index);

		if (k < 0) {
			return pt_error_set(err, PT_ERR_INVALID, "El proyecto debe estar en uno de los distritos que tienen "
				"presupuesto propio en este proceso.");
		}
		if (o->cost > def->pots[k].budget) {
			return pt_error_set(err, PT_ERR_INVALID, "El costo del proyecto (%lld) excede el presupuesto de %s (%lld).",
				(long long)o->cost, def->pots[k].name, (long long)def->pots[k].budget);
		}
	}
	if (pt_process_candidate_find(def, o->id, o->id_len) >= 0) {
		return pt_error_set(err, PT_ERR_CONFLICT, "Ya existe una opción con el identificador '%s' en este proceso.",
			o->id);
	}
	return PT_OK;
}

pt_status pt_process_rule_propose(const pt_config *cfg, const pt_process_def *def, const pt_process_clock *c,
	const pt_process_facts *f, const char *proposer, pt_error *err)
{
	pt_participant_facts pf = participant_facts(f, proposer);

	if (c->now < c->proposals.start) {
		char when[32];

		pt_process_local_text(def->proposals.start_local, when, sizeof(when));
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "La etapa de propuestas aún no abre: empieza el %s.", when);
	}
	if (c->now >= c->proposals.end || c->now >= c->voting.start) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "La etapa de propuestas de este proceso ya terminó.");
	}
	return pt_eligibility_propose(cfg, def, &pf, err);
}

pt_status pt_process_rule_withdraw(const pt_process_def *def, const pt_process_clock *c, uint32_t perms,
	const char *option, size_t option_len, const char *reason, size_t reason_len, pt_error *err)
{
	if (!(perms & PT_PERM_MANAGE_PROCESSES)) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "No tienes permiso para retirar opciones de este proceso.");
	}
	if (pt_process_candidate_find(def, option, option_len) >= 0) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "La opción '%s' viene de la configuración del sitio; se "
			"retira editando la configuración.", option);
	}
	if (!pt_process_id_valid(option, option_len)) {
		return pt_error_set(err, PT_ERR_NOT_FOUND, "No existe la opción '%s' propuesta en este proceso.",
			option);
	}
	if (c->closed) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "Este proceso ya cerró; sus opciones ya no se pueden retirar.");
	}
	if (c->now >= c->voting.start) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "La votación ya empezó; las opciones ya no se pueden retirar.");
	}
	if (reason_len == 0 || only_spaces(reason, reason_len) || reason_len > PT_PROCESS_MAX_WITHDRAW_REASON
		|| pt_process_text_chars(reason, reason_len, true) < 0) {
		return pt_error_set(err, PT_ERR_INVALID, "Indica el motivo del retiro: un texto de hasta %d bytes.",
			PT_PROCESS_MAX_WITHDRAW_REASON);
	}
	return PT_OK;
}
