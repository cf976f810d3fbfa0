/*
 * participa binding: Participa\Process.
 *
 * Policy lives here, SQL in io/process_store.c, counting in the core: a cast
 * is checked against the phase (dates of the YAML in the site's time zone,
 * converted to UTC with PHP's own time zone database), validated and
 * canonicalised by the tally engine (a one-ballot profile, the same rules
 * and messages as Tally::count()), then stored in one transaction whose
 * check callback decides, on facts read inside it, whether the participant
 * may vote (ban, role, body, territory).
 *
 * Canonical ballot encoding (stored, exported, hashed):
 *   ranking   'a>b=c'   ('>' preferred to, '=' tied; '' a blank ballot)
 *   approval  'a,b'     (candidates in the YAML's order)
 *   score     'a:4,b:0' (candidates in the YAML's order)
 *   stance    'agree' | 'abstain' | 'disagree' | 'block' (role and reason apart)
 * The digest is the SHA-256 of the ballots in receipt order (bytewise), one
 * line each: receipt TAB ballot TAB role TAB reason TAB voter LF, absent
 * fields empty, and '\' TAB LF CR inside fields written as \\ \t \n \r.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include <time.h>

#include "php.h"
#include "zend_exceptions.h"
#include "zend_smart_str.h"
#include "ext/json/php_json.h"

#include "php_participa.h"
#include "participa_errors.h"
#include "participa_site.h"
#include "participa_threads.h"
#include "participa_tally.h"
#include "participa_process.h"
#include "process_arginfo.h"
#include "core/process/config_processes.h"
#include "core/common/digest.h"
#include "core/common/pt_id.h"
#include "io/process/process_store.h"
#include "io/thread/thread_store.h"

zend_class_entry *participa_ce_Process;
static zend_object_handlers process_handlers;

#define MAX_BATCH_ID 64         /* participa_paper_batches.batch_id is VARCHAR(64) */
#define SEAL_WAIT_REQUEST 2      /* seconds a request waits for the tables the seal rewrites */
#define SEAL_WAIT_CRON 60        /* the same for Process::closeDue() (participa close-due) */

/* A phase's bounds in UTC seconds (0 / INT64_MAX when open). */
typedef struct utc_phase {
	bool set;
	int64_t start, end;
} utc_phase;

typedef struct process_object {
	zval site;
	const pt_process_def *def;   /* owned by the site's configuration, which site keeps alive */
	int64_t db_id;
	bool closed;                 /* closed_at is set in the database */
	pt_process_store_process row;           /* the row as last read or written: closed_at, closed_by, sealed */
	utc_phase proposals, voting, results;
	/*
	 * The options that take part: the YAML's candidates, then the active
	 * options proposed through the API. cur points at def when there are
	 * none, else at eff (a shallow copy of *def whose candidates and costs
	 * are emalloc'd here; API ids and names estrndup'd). Reloaded by each
	 * method until voting opens (or the process closes); from then on the
	 * list cannot change (proposals and withdrawals end before voting), so
	 * it is read once per object and a cast pays no extra query.
	 */
	const pt_process_def *cur;
	pt_process_def eff;
	size_t eff_api_from;         /* eff.candidates[eff_api_from..] are the API ones */
	bool opts_loaded, opts_frozen;
	/* a seal that failed is not retried by this object (the next request, or close-due, tries);
	 * close-due waits longer for the tables than a web request does */
	bool seal_failed;
	unsigned seal_wait;
	zend_object std;
} process_object;

static inline process_object *process_from_obj(zend_object *obj)
{
	return (process_object *)((char *)obj - XtOffsetOf(process_object, std));
}
#define Z_PROCESS_P(zv) process_from_obj(Z_OBJ_P(zv))

static zend_object *process_create_object(zend_class_entry *ce)
{
	process_object *obj = zend_object_alloc(sizeof(process_object), ce);

	zend_object_std_init(&obj->std, ce);
	object_properties_init(&obj->std, ce);
	obj->std.handlers = &process_handlers;
	ZVAL_UNDEF(&obj->site);
	obj->def = NULL;
	obj->cur = NULL;
	memset(&obj->eff, 0, sizeof(obj->eff));
	obj->eff_api_from = 0;
	obj->opts_loaded = obj->opts_frozen = false;
	obj->seal_failed = false;
	obj->seal_wait = SEAL_WAIT_REQUEST;
	return &obj->std;
}

static void options_release(process_object *po)
{
	size_t i;

	if (po->cur == &po->eff) {
		for (i = po->eff_api_from; i < po->eff.candidate_count; i++) {
			efree(po->eff.candidates[i].id);
			efree(po->eff.candidates[i].name);
		}
		efree(po->eff.candidates);
		if (po->eff.costs) {
			efree(po->eff.costs);
		}
		memset(&po->eff, 0, sizeof(po->eff));
	}
	po->cur = po->def;
	po->opts_loaded = false;
}

static void process_free(zend_object *object)
{
	process_object *obj = process_from_obj(object);

	options_release(obj);
	zval_ptr_dtor(&obj->site);
	zend_object_std_dtor(object);
}

static const pt_config *process_cfg(process_object *po)
{
	return participa_site_config(&po->site);
}

static void throw_err(const pt_error *err)
{
	participa_throw_error(err);
}

/* ---- time -------------------------------------------------------------------- */

/* Local civil seconds in tz -> UTC seconds, with PHP's time zone database. */
static bool local_to_utc(const char *tz, int64_t local_s, int64_t *out)
{
	char text[128];
	int y, mo, d, h, mi, s;
	zval fn, arg, obj, ts;
	bool ok = false;

	pt_local_fields(local_s, &y, &mo, &d, &h, &mi, &s);
	snprintf(text, sizeof(text), "%04d-%02d-%02d %02d:%02d:%02d %s", y, mo, d, h, mi, s, tz);
	ZVAL_STRING(&fn, "date_create");
	ZVAL_STRING(&arg, text);
	if (call_user_function(NULL, NULL, &fn, &obj, 1, &arg) == SUCCESS && Z_TYPE(obj) == IS_OBJECT) {
		zval fn2;

		ZVAL_STRING(&fn2, "date_timestamp_get");
		if (call_user_function(NULL, NULL, &fn2, &ts, 1, &obj) == SUCCESS && Z_TYPE(ts) == IS_LONG) {
			*out = Z_LVAL(ts);
			ok = true;
		}
		zval_ptr_dtor(&fn2);
	}
	zval_ptr_dtor(&obj);
	zval_ptr_dtor(&arg);
	zval_ptr_dtor(&fn);
	return ok;
}

static bool phase_to_utc(const char *tz, const pt_phase *p, utc_phase *out)
{
	out->set = p->set;
	out->start = 0;
	out->end = INT64_MAX;
	if (!p->set) {
		return true;
	}
	if (!local_to_utc(tz, p->start_local, &out->start)) {
		return false;
	}
	return !p->has_end || local_to_utc(tz, p->end_local, &out->end);
}

static int64_t now_utc(void)
{
	return (int64_t)time(NULL);
}

static bool voting_over(process_object *po)
{
	return po->closed || now_utc() >= po->voting.end;
}

static const char *state_name(process_object *po)
{
	int64_t now = now_utc();

	if (po->closed || now >= po->voting.end) {
		return "closed";
	}
	if (now >= po->voting.start) {
		return "voting";
	}
	if (po->proposals.set && now >= po->proposals.start && now < po->proposals.end) {
		return "proposals";
	}
	return "upcoming";
}

static void local_text(int64_t local_s, char *buf, size_t size)
{
	int y, mo, d, h, mi, s;

	pt_local_fields(local_s, &y, &mo, &d, &h, &mi, &s);
	snprintf(buf, size, "%04d-%02d-%02d %02d:%02d", y, mo, d, h, mi);
}

/* ---- options: the YAML's and those proposed through the API ---------------------- */

typedef struct load_ctx {
	const pt_config *cfg;
	const pt_process_def *def;
	pt_process_candidate *api;
	size_t n, cap;
} load_ctx;

static pt_status load_option_row(void *vctx, const pt_process_store_option *o, pt_error *err)
{
	load_ctx *l = vctx;
	pt_process_candidate *c;

	/* withdrawn options take no part; an id the YAML took over since is the YAML's */
	if (o->withdrawn || !o->id || pt_process_candidate_find(l->def, o->id, o->id_len) >= 0) {
		return PT_OK;
	}
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->api = erealloc(l->api, l->cap * sizeof(*l->api));
	}
	c = &l->api[l->n++];
	memset(c, 0, sizeof(*c));
	c->id = estrndup(o->id, o->id_len);
	c->name = o->name && o->name_len ? estrndup(o->name, o->name_len) : estrndup(o->id, o->id_len);
	c->cost = o->has_cost ? o->cost : 0;
	c->territory = o->territory ? pt_config_territory(l->cfg, o->territory, o->territory_len) : -1;
	return PT_OK;
}

/* Brings po->cur up to date (see process_object). Throws and returns false on failure. */
static bool options_refresh(process_object *po)
{
	const pt_process_def *def = po->def;
	pt_db *db;
	load_ctx l;
	pt_error err;
	bool frozen;
	size_t i, total;

	if (po->opts_loaded && po->opts_frozen) {
		return true;
	}
	frozen = po->closed || now_utc() >= po->voting.start;
	if (def->method->kind == PT_BALLOT_STANCE) {
		/* stances have no options to propose */
		po->opts_loaded = po->opts_frozen = true;
		return true;
	}
	db = participa_site_db(&po->site);
	if (!db) {
		return false;
	}
	memset(&l, 0, sizeof(l));
	l.cfg = process_cfg(po);
	l.def = def;
	pt_error_clear(&err);
	if (pt_process_store_options(db, po->db_id, load_option_row, &l, &err) != PT_OK) {
		for (i = 0; i < l.n; i++) {
			efree(l.api[i].id);
			efree(l.api[i].name);
		}
		if (l.api) {
			efree(l.api);
		}
		throw_err(&err);
		return false;
	}
	options_release(po);
	if (l.n) {
		total = def->candidate_count + l.n;
		po->eff = *def;
		po->eff.candidates = ecalloc(total, sizeof(pt_process_candidate));
		if (def->candidate_count) {
			memcpy(po->eff.candidates, def->candidates, def->candidate_count * sizeof(pt_process_candidate));
		}
		memcpy(po->eff.candidates + def->candidate_count, l.api, l.n * sizeof(pt_process_candidate));
		po->eff.candidate_count = total;
		po->eff.costs = NULL;
		if (!strncmp(def->method->id, "pb_", 3)) {
			po->eff.costs = ecalloc(total, sizeof(int64_t));
			for (i = 0; i < total; i++) {
				po->eff.costs[i] = po->eff.candidates[i].cost;
			}
		}
		po->eff.tally.pb_costs = po->eff.costs;
		po->eff_api_from = def->candidate_count;
		po->cur = &po->eff;
	}
	if (l.api) {
		efree(l.api);
	}
	po->opts_loaded = true;
	po->opts_frozen = frozen;
	return true;
}

/* The definition with its current options, or NULL after throwing. */
static const pt_process_def *current_def(process_object *po)
{
	return options_refresh(po) ? po->cur : NULL;
}

/* ---- creation ---------------------------------------------------------------- */

/* Validates a participant (or official) id at an entry point; throws and returns false when it breaks the rule. */
static bool check_id(const char *what, zend_string *id)
{
	return participa_id_arg(what, id);
}

#define PARTICIPANT_ID "El identificador del participante"

static bool ensure_closed(process_object *po, const char *by, bool scheduled);

/*
 * A process closes itself when its voting phase ends: the first call that
 * finds the end past closes it (closed_how 'schedule'), and a closed secret
 * process whose tables are not rewritten yet is sealed. Every method calls
 * this first. Throws and returns false on failure.
 */
static bool on_schedule(process_object *po)
{
	if (po->closed && (po->row.sealed || !po->def->secret || po->seal_failed)) {
		return true;
	}
	if (!po->closed && now_utc() < po->voting.end) {
		return true;
	}
	return ensure_closed(po, NULL, true);
}

/* Site::process() without the schedule's close (closeDue() looks before and after). */
static void process_open(zval *site, zend_string *id, bool schedule, zval *return_value)
{
	const pt_config *cfg = participa_site_config(site);
	const pt_process_def *def;
	process_object *po;
	pt_process_store_process row;
	utc_phase voting;
	pt_db *db;
	pt_error err;

	pt_error_clear(&err);
	if (pt_id_check("El identificador del proceso", ZSTR_VAL(id), ZSTR_LEN(id), &err) != PT_OK) {
		throw_err(&err);
		return;
	}
	def = pt_config_process(cfg, ZSTR_VAL(id), ZSTR_LEN(id));
	if (!def) {
		zend_throw_exception_ex(participa_ce_NotFoundException, 0, "No existe el proceso '%s'.", ZSTR_VAL(id));
		return;
	}
	if (!phase_to_utc(cfg->timezone, &def->voting, &voting)) {
		zend_throw_exception_ex(participa_ce_RuntimeException, 0,
			"process '%s': cannot convert its dates with the time zone %s", def->id, cfg->timezone);
		return;
	}
	db = participa_site_db(site);
	if (!db) {
		return;
	}
	if (pt_process_store_process_sync(db, def->id, pt_process_kind_name(def->kind), def->method->id, def->secret,
			def->digest ? def->digest : "", now_utc() >= voting.start, &row, &err) != PT_OK) {
		if (err.code == PT_ERR_CONFIG && cfg->file) {
			/* about the YAML: point at the process there */
			snprintf(err.file, sizeof(err.file), "%s", cfg->file);
			err.line = def->line;
			err.column = def->column;
		}
		throw_err(&err);
		return;
	}
	object_init_ex(return_value, participa_ce_Process);
	po = Z_PROCESS_P(return_value);
	ZVAL_COPY(&po->site, site);
	po->def = def;
	po->cur = def;
	po->db_id = row.id;
	po->closed = row.closed;
	po->row = row;
	if (!phase_to_utc(cfg->timezone, &def->proposals, &po->proposals)
		|| !phase_to_utc(cfg->timezone, &def->voting, &po->voting)
		|| !phase_to_utc(cfg->timezone, &def->results, &po->results)) {
		zval_ptr_dtor(return_value);
		ZVAL_NULL(return_value);
		zend_throw_exception_ex(participa_ce_RuntimeException, 0,
			"process '%s': cannot convert its dates with the time zone %s", def->id, cfg->timezone);
		return;
	}
	if (schedule && !on_schedule(po)) {
		zval_ptr_dtor(return_value);
		ZVAL_NULL(return_value);
	}
}

void participa_process_create(zval *site, zend_string *id, zval *return_value)
{
	process_open(site, id, true, return_value);
}

/* ---- roles and eligibility ------------------------------------------------------ */

typedef struct capacity {
	const pt_role *vote;         /* a role that votes here, or NULL */
	const pt_role *voice;        /* a votes: false role that may speak here, or NULL */
	bool any_role;               /* the participant holds a role at all */
} capacity;

static bool role_allowed(const pt_process_def *def, size_t idx)
{
	size_t i;

	if (!def->role_count) {
		return true;
	}
	for (i = 0; i < def->role_count; i++) {
		if (def->roles[i] == idx) {
			return true;
		}
	}
	return false;
}

static void consider(const pt_config *cfg, const pt_process_def *def, const pt_role *r, bool member,
	capacity *c)
{
	size_t idx = (size_t)(r - cfg->roles);

	c->any_role = true;
	if (!role_allowed(def, idx)) {
		return;
	}
	if (!r->votes) {
		if (!c->voice && def->method->kind == PT_BALLOT_STANCE) {
			c->voice = r;
		}
		return;
	}
	/* membership of a standing body gives its members a vote in the body's decisions */
	if ((member || (r->permissions & PT_PERM_VOTE)) && !c->vote) {
		c->vote = r;
	}
}

static capacity participant_capacity(const pt_config *cfg, const pt_process_def *def, const char *participant,
	const char *db_roles)
{
	capacity c = { NULL, NULL, false };
	size_t i;
	bool have = false;

	if (def->body) {
		for (i = 0; i < cfg->assignment_count; i++) {
			const pt_assignment *a = &cfg->assignments[i];

			if (a->body && strcmp(a->body, def->body) == 0 && strcmp(a->participant, participant) == 0
				&& a->role < cfg->role_count) {
				consider(cfg, def, &cfg->roles[a->role], true, &c);
			}
		}
		return c;
	}
	{
		const char *p = db_roles, *rid;
		size_t len;

		/* whole ids only (core/permissions.h) */
		while (pt_roles_next(&p, &rid, &len)) {
			const pt_role *r = pt_role_find(cfg, rid, len);

			if (r) {
				consider(cfg, def, r, false, &c);
				have = true;
			}
		}
	}
	for (i = 0; i < cfg->assignment_count; i++) {
		const pt_assignment *a = &cfg->assignments[i];

		if (strcmp(a->participant, participant) == 0 && a->role < cfg->role_count) {
			consider(cfg, def, &cfg->roles[a->role], false, &c);
			have = true;
		}
	}
	if (!have) {
		const pt_role *r = pt_config_role(cfg, PARTICIPA_DEFAULT_ROLE);

		if (r) {
			consider(cfg, def, r, false, &c);
		}
	}
	return c;
}

typedef struct cast_check_ctx {
	const pt_config *cfg;
	const pt_process_def *def;
	bool voice_only;             /* out */
} cast_check_ctx;

static pt_status cast_check(void *vctx, const pt_process_store_facts *f, pt_process_store_cast *c, pt_error *err)
{
	cast_check_ctx *cc = vctx;
	const pt_process_def *def = cc->def;
	capacity cap;

	if (f->banned) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "Tu cuenta está suspendida; no puedes votar.");
	}
	cap = participant_capacity(cc->cfg, def, c->participant, f->roles);
	if (def->body && !cap.any_role) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "Solo integrantes de %s participan en este proceso.", def->body);
	}
	if (!cap.vote && !cap.voice) {
		const pt_role *r = pt_config_role(cc->cfg, PARTICIPA_DEFAULT_ROLE);

		if (cap.any_role || r) {
			return pt_error_set(err, PT_ERR_NOT_ALLOWED, "Tu rol no tiene voto en este proceso.");
		}
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "No tienes permiso para votar.");
	}
	if (!def->body && def->territory >= 0) {
		const pt_territory *t = &cc->cfg->territories.items[def->territory];
		int32_t mine = f->territory ? pt_config_territory(cc->cfg, f->territory, strlen(f->territory)) : -1;

		if (mine < 0) {
			return pt_error_set(err, PT_ERR_NOT_ALLOWED, "Para votar en este proceso necesitas registrar tu "
				"territorio (colonia o manzana).");
		}
		if (!pt_territory_within(&cc->cfg->territories, mine, def->territory)) {
			return pt_error_set(err, PT_ERR_NOT_ALLOWED, "Este proceso es solo para quienes viven en %s.", t->name);
		}
	}
	cc->voice_only = !cap.vote;
	if (def->method->kind == PT_BALLOT_STANCE) {
		c->role = cap.vote ? cap.vote->id : cap.voice->id;
	}
	return PT_OK;
}

/* ---- ballots: validation and canonical form ---------------------------------------- */

static const char *const stance_names[] = { "agree", "abstain", "disagree", "block" };

static ssize_t text_chars(const char *s, size_t len, bool allow_newlines);

static pt_status profile_for(process_object *po, pt_profile *p, pt_tally_options *o, pt_error *err)
{
	const pt_process_def *def = po->cur;   /* options_refresh() ran in the method */
	size_t i;
	pt_status s;

	*o = def->tally;
	o->count_invalid = 0;
	s = pt_profile_init(p, def->method->kind, o, &participa_request_allocator, err);
	if (s != PT_OK) {
		return s;
	}
	if (def->method->kind != PT_BALLOT_STANCE) {
		for (i = 0; i < def->candidate_count; i++) {
			s = pt_profile_add_candidate(p, def->candidates[i].id, strlen(def->candidates[i].id), err);
			if (s != PT_OK) {
				pt_profile_free(p);
				return s;
			}
		}
		pt_profile_fix_candidates(p);
	}
	return PT_OK;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Validates one PHP ballot with the engine and writes its canonical text.
 * Stance ballots: 'agree' or ['stance' => ..., 'reason' => ...]; *reason
 * then points into the zval. Throws and returns false on a bad ballot.
 */
static bool canonical_ballot(process_object *po, zval *ballot, smart_str *out, const char **reason,
	size_t *reason_len)
{
	const pt_process_def *def = po->cur;
	pt_tally_options o;
	pt_profile p;
	pt_error err;
	pt_status s;
	uint32_t i, a, b;

	*reason = NULL;
	*reason_len = 0;
	pt_error_clear(&err);
	if (profile_for(po, &p, &o, &err) != PT_OK) {
		throw_err(&err);
		return false;
	}
	ZVAL_DEREF(ballot);
	if (def->method->kind == PT_BALLOT_STANCE) {
		int st = -1;
		zval *z;

		if (Z_TYPE_P(ballot) == IS_STRING) {
			st = pt_stance_parse(Z_STRVAL_P(ballot), Z_STRLEN_P(ballot));
		} else if (Z_TYPE_P(ballot) == IS_ARRAY) {
			zend_string *key;

			ZEND_HASH_FOREACH_STR_KEY(Z_ARRVAL_P(ballot), key) {
				if (!key || (!zend_string_equals_literal(key, "stance") && !zend_string_equals_literal(key, "reason"))) {
					pt_profile_free(&p);
					participa_throw_invalid("Boleta inválida: se espera ['stance' => ..., 'reason' => ...].");
					return false;
				}
			} ZEND_HASH_FOREACH_END();
			z = zend_hash_str_find_deref(Z_ARRVAL_P(ballot), "stance", 6);
			if (z && Z_TYPE_P(z) == IS_STRING) {
				st = pt_stance_parse(Z_STRVAL_P(z), Z_STRLEN_P(z));
			}
			z = zend_hash_str_find_deref(Z_ARRVAL_P(ballot), "reason", 6);
			if (z && Z_TYPE_P(z) == IS_STRING && Z_STRLEN_P(z) > 0) {
				*reason = Z_STRVAL_P(z);
				*reason_len = Z_STRLEN_P(z);
			} else if (z && Z_TYPE_P(z) != IS_NULL && Z_TYPE_P(z) != IS_STRING) {
				pt_profile_free(&p);
				participa_throw_invalid("Boleta inválida: la razón debe ser un texto.");
				return false;
			}
		}
		if (st < 0) {
			pt_profile_free(&p);
			participa_throw_invalid("Boleta inválida: postura desconocida (se espera agree, abstain, disagree o block).");
			return false;
		}
		if (*reason_len > 4000) {
			pt_profile_free(&p);
			participa_throw_invalid("Boleta inválida: la razón es demasiado larga (máximo 4000 bytes).");
			return false;
		}
		if (*reason && text_chars(*reason, *reason_len, true) < 0) {
			/* checked here, not refused by the server as an "incorrect string value" */
			pt_profile_free(&p);
			participa_throw_invalid("Boleta inválida: la razón debe ser texto UTF-8 válido, sin caracteres de control.");
			return false;
		}
		s = pt_ballot_begin(&p, 1, &err);
		if (s == PT_OK) {
			s = pt_ballot_stance(&p, (pt_stance)st, NULL, 0, *reason, *reason_len, NULL, 0, &err);
		}
		if (s == PT_OK) {
			s = pt_ballot_end(&p, &err);
		}
	} else {
		if (Z_TYPE_P(ballot) == IS_ARRAY && zend_hash_str_exists(Z_ARRVAL_P(ballot), "weight", 6)) {
			pt_profile_free(&p);
			participa_throw_invalid("Boleta inválida: una persona, un voto (no se aceptan pesos).");
			return false;
		}
		s = participa_tally_add_ballot(&p, ballot, &err);
	}
	if (s != PT_OK) {
		pt_profile_free(&p);
		if (err.code == PT_ERR_INVALID) {
			/* the engine numbers ballots of a list ("boleta 0: ..."); here there is one */
			const char *m = err.message;

			if (!strncmp(m, "boleta ", 7) && strstr(m, ": ")) {
				m = strstr(m, ": ") + 2;
			}
			participa_throw_invalid("Boleta inválida: %s", m);
		} else {
			throw_err(&err);
		}
		return false;
	}
	if (p.n != 1 || p.weights[0] != 1) {
		pt_profile_free(&p);
		participa_throw_invalid("Boleta inválida: una persona, un voto (no se aceptan pesos).");
		return false;
	}
	a = p.start[0];
	b = p.start[1];
	if (p.kind == PT_BALLOT_APPROVAL && !strncmp(def->method->id, "pb_", 3) && !def->allow_over_budget
		&& def->tally.pb_budget > 0) {
		/* options.over_budget: refuse (the default): the chosen projects must fit the budget */
		int64_t total = 0;

		for (i = a; i < b; i++) {
			int64_t cost = p.items[i] < def->candidate_count ? def->candidates[p.items[i]].cost : 0;

			if (__builtin_add_overflow(total, cost, &total)) {
				total = INT64_MAX;
				break;
			}
		}
		if (total > def->tally.pb_budget) {
			pt_profile_free(&p);
			participa_throw_invalid("Boleta inválida: los proyectos elegidos cuestan %lld en total y el presupuesto "
				"es de %lld.", (long long)total, (long long)def->tally.pb_budget);
			return false;
		}
	}
	switch (p.kind) {
	case PT_BALLOT_RANKING:
		for (i = a; i < b; i++) {
			uint32_t e = p.items[i];

			if (i > a) {
				smart_str_appendc(out, (e & PT_RANK_TIED) ? '=' : '>');
			}
			smart_str_appends(out, p.ids[PT_RANK_CAND(e)]);
		}
		break;
	case PT_BALLOT_APPROVAL:
		qsort(p.items + a, b - a, sizeof(uint32_t), cmp_u32);
		for (i = a; i < b; i++) {
			if (i > a) {
				smart_str_appendc(out, ',');
			}
			smart_str_appends(out, p.ids[p.items[i]]);
		}
		break;
	case PT_BALLOT_SCORE: {
		/* selection by candidate order: ballots are short */
		uint32_t c;
		bool first = true;

		for (c = 0; c < p.ncand; c++) {
			for (i = a; i < b; i++) {
				if (p.items[i] == c) {
					if (!first) {
						smart_str_appendc(out, ',');
					}
					first = false;
					smart_str_appends(out, p.ids[c]);
					smart_str_appendc(out, ':');
					smart_str_append_long(out, (zend_long)p.values[i]);
					break;
				}
			}
		}
		break;
	}
	case PT_BALLOT_STANCE:
		smart_str_appends(out, stance_names[p.stances[0].stance]);
		break;
	}
	smart_str_0(out);
	pt_profile_free(&p);
	if (out->s && ZSTR_LEN(out->s) > 8000) {
		participa_throw_invalid("Boleta inválida: demasiado larga.");
		return false;
	}
	return true;
}

/* Feeds one stored (canonical) ballot into p. */
static pt_status add_stored(pt_profile *p, const pt_process_store_ballot *b, pt_error *err)
{
	const char *s = b->ballot, *end = b->ballot + b->ballot_len;
	pt_status st;

	switch (p->kind) {
	case PT_BALLOT_RANKING:
		return pt_profile_add_ranking_str(p, 1, b->ballot, b->ballot_len, err);
	case PT_BALLOT_STANCE: {
		int stance = pt_stance_parse(b->ballot, b->ballot_len);

		if ((st = pt_ballot_begin(p, 1, err)) != PT_OK) {
			return st;
		}
		if (stance < 0) {
			pt_ballot_reject(p, "postura almacenada desconocida");
		} else if ((st = pt_ballot_stance(p, (pt_stance)stance, b->role, b->role_len, b->reason, b->reason_len,
				b->voter, b->voter_len, err)) != PT_OK) {
			return st;
		}
		return pt_ballot_end(p, err);
	}
	default:
		break;
	}
	if ((st = pt_ballot_begin(p, 1, err)) != PT_OK) {
		return st;
	}
	while (s < end) {
		const char *comma = memchr(s, ',', (size_t)(end - s));
		const char *item_end = comma ? comma : end;
		int64_t value = 0;
		const char *id_end = item_end;

		if (p->kind == PT_BALLOT_SCORE) {
			const char *colon = item_end;

			while (colon > s && colon[-1] != ':') {
				colon--;
			}
			if (colon > s) {
				char num[24];
				size_t n = (size_t)(item_end - colon);

				id_end = colon - 1;
				if (n > 0 && n < sizeof(num)) {
					memcpy(num, colon, n);
					num[n] = '\0';
					value = strtoll(num, NULL, 10);
				}
			}
		}
		if ((st = pt_ballot_item(p, s, (size_t)(id_end - s), 0, value, err)) != PT_OK) {
			return st;
		}
		s = comma ? comma + 1 : end;
	}
	return pt_ballot_end(p, err);
}

/* ---- canonical lines and digests ------------------------------------------------------ */

static void hash_field(pt_sha256 *h, const char *s, size_t len)
{
	size_t i, from = 0;

	for (i = 0; i < len; i++) {
		const char *rep = NULL;

		switch (s[i]) {
		case '\\': rep = "\\\\"; break;
		case '\t': rep = "\\t"; break;
		case '\n': rep = "\\n"; break;
		case '\r': rep = "\\r"; break;
		default: continue;
		}
		pt_sha256_update(h, s + from, i - from);
		pt_sha256_update(h, rep, 2);
		from = i + 1;
	}
	pt_sha256_update(h, s + from, len - from);
}

static void hash_ballot(pt_sha256 *h, const pt_process_store_ballot *b)
{
	pt_sha256_update(h, b->receipt, b->receipt_len);
	pt_sha256_update(h, "\t", 1);
	hash_field(h, b->ballot, b->ballot_len);
	pt_sha256_update(h, "\t", 1);
	if (b->role) {
		hash_field(h, b->role, b->role_len);
	}
	pt_sha256_update(h, "\t", 1);
	if (b->reason) {
		hash_field(h, b->reason, b->reason_len);
	}
	pt_sha256_update(h, "\t", 1);
	if (b->voter) {
		hash_field(h, b->voter, b->voter_len);
	}
	pt_sha256_update(h, "\n", 1);
}

/* ---- counting ---------------------------------------------------------------------- */

typedef struct count_ctx {
	pt_profile *p;
	pt_sha256 *h;
	int64_t n, web, paper;
} count_ctx;

static pt_status count_row(void *vctx, const pt_process_store_ballot *b, pt_error *err)
{
	count_ctx *c = vctx;
	pt_status s;

	hash_ballot(c->h, b);
	c->n++;
	if (b->paper) {
		c->paper++;
	} else {
		c->web++;
	}
	s = add_stored(c->p, b, err);
	if (s == PT_ERR_INVALID) {
		/* a stored ballot that no longer fits (the YAML changed): a spoiled ballot, not a failed count */
		pt_error_clear(err);
		return PT_OK;
	}
	return s;
}

static void options_array(const pt_process_def *def, zval *out)
{
	const pt_tally_options *o = &def->tally;
	size_t i;

	array_init(out);
	if (o->seats) add_assoc_long(out, "seats", o->seats);
	if (!strcmp(def->method->id, "stv")) {
		add_assoc_string(out, "quota", o->quota == PT_QUOTA_HARE ? "hare" : "droop");
		add_assoc_string(out, "transfer", o->transfer == PT_TRANSFER_MEEK ? "meek" : "wigm");
	}
	if (o->has_min) add_assoc_long(out, "min", (zend_long)o->min);
	if (o->has_max) add_assoc_long(out, "max", (zend_long)o->max);
	if (o->min_choices) add_assoc_long(out, "min_choices", o->min_choices);
	if (o->max_choices) add_assoc_long(out, "max_choices", o->max_choices);
	if (o->has_seed) add_assoc_long(out, "seed", (zend_long)o->seed);
	if (def->method->kind == PT_BALLOT_STANCE) {
		if (o->threshold_kind == PT_THRESHOLD_FRACTION) {
			char f[48];

			snprintf(f, sizeof(f), "%lld/%lld", (long long)o->threshold_num, (long long)o->threshold_den);
			add_assoc_string(out, "threshold", f);
		} else {
			add_assoc_string(out, "threshold", o->threshold_kind == PT_THRESHOLD_ABSOLUTE ? "absolute" : "simple");
		}
		if (o->has_quorum) {
			char f[48];

			snprintf(f, sizeof(f), "%lld/%lld", (long long)o->quorum_num, (long long)o->quorum_den);
			add_assoc_string(out, "quorum", f);
		}
		if (o->eligible >= 0) add_assoc_long(out, "eligible", (zend_long)o->eligible);
		if (o->block_requires_reason) add_assoc_bool(out, "block_requires_reason", 1);
		if (def->voice_only_count) {
			zval roles;

			array_init(&roles);
			for (i = 0; i < def->voice_only_count; i++) {
				add_next_index_string(&roles, def->voice_only[i]);
			}
			add_assoc_zval(out, "voice_only_roles", &roles);
		}
	}
	if (!strncmp(def->method->id, "pb_", 3)) {
		zval projects;

		add_assoc_long(out, "budget", (zend_long)o->pb_budget);
		if (o->pb_min_length) add_assoc_long(out, "min_length", o->pb_min_length);
		if (o->pb_max_length) add_assoc_long(out, "max_length", o->pb_max_length);
		if (o->pb_completion == 1) add_assoc_string(out, "completion", "add1");
		else if (o->pb_completion == 2) add_assoc_string(out, "completion", "add1u");
		array_init(&projects);
		for (i = 0; i < def->candidate_count; i++) {
			add_assoc_long(&projects, def->candidates[i].id, (zend_long)def->candidates[i].cost);
		}
		add_assoc_zval(out, "projects", &projects);
	} else if (def->candidate_count) {
		zval cands;

		array_init(&cands);
		for (i = 0; i < def->candidate_count; i++) {
			add_next_index_string(&cands, def->candidates[i].id);
		}
		add_assoc_zval(out, "candidates", &cands);
	}
}

/*
 * Counts the process from the database. On success *result is a
 * TallyResult and *summary an array (method, options, counts, digest ...,
 * and the result's fields). Throws and returns false on failure.
 */
static bool count_process(process_object *po, zval *result, zval *summary)
{
	const pt_process_def *def = current_def(po);
	pt_db *db = def ? participa_site_db(&po->site) : NULL;
	pt_tally_options o;
	pt_profile p;
	pt_tally_result r;
	count_ctx c;
	pt_error err;
	uint8_t digest[PT_SHA256_BYTES];
	char hex[PT_SHA256_HEX];
	zval tmp, arr;
	pt_status s;

	if (!db) {
		return false;
	}
	pt_error_clear(&err);
	memset(&r, 0, sizeof(r));
	if (profile_for(po, &p, &o, &err) != PT_OK) {
		throw_err(&err);
		return false;
	}
	o.count_invalid = 1;
	if (!strncmp(def->method->id, "pb_", 3)) {
		o.pb_costs = def->costs;
	}
	if ((def->method->flags & PT_TALLY_PAIRWISE) && pt_profile_stream_pairwise(&p, &err) != PT_OK) {
		pt_profile_free(&p);
		throw_err(&err);
		return false;
	}
	memset(&c, 0, sizeof(c));
	c.p = &p;
	c.h = pt_sha256_begin();
	if (!c.h) {
		pt_profile_free(&p);
		zend_throw_exception(participa_ce_RuntimeException, "participa: out of memory", 0);
		return false;
	}
	s = pt_process_store_ballots(db, po->db_id, count_row, &c, &err);
	if (s != PT_OK) {
		pt_sha256_abort(c.h);
		pt_profile_free(&p);
		throw_err(&err);
		return false;
	}
	pt_sha256_finish(c.h, digest);
	pt_sha256_hex(digest, hex);
	s = pt_tally_count(def->method, &p, &o, &r, &err);
	if (s != PT_OK) {
		pt_tally_result_free(&r);
		pt_profile_free(&p);
		throw_err(&err);
		return false;
	}
	participa_tally_result_object(def->method->id, strlen(def->method->id), &r, result);
	pt_tally_result_free(&r);
	pt_profile_free(&p);

	array_init(summary);
	add_assoc_string(summary, "process", def->id);
	add_assoc_string(summary, "method", def->method->id);
	options_array(def, &tmp);
	add_assoc_zval(summary, "options", &tmp);
	{
		static const char *const names[] = { "winners", "ranking", "details", "tieBreaks" };
		size_t i;

		for (i = 0; i < 4; i++) {
			zval rv, *v = zend_read_property(participa_ce_TallyResult, Z_OBJ_P(result), names[i], strlen(names[i]), 1, &rv);

			Z_TRY_ADDREF_P(v);
			add_assoc_zval(summary, names[i], v);
		}
	}
	add_assoc_long(summary, "ballots", (zend_long)c.n);
	add_assoc_long(summary, "web", (zend_long)c.web);
	add_assoc_long(summary, "paper", (zend_long)c.paper);
	add_assoc_string(summary, "digest", hex);
	(void)arr;
	return true;
}

static bool store_summary(process_object *po, zval *summary, bool final)
{
	pt_db *db = participa_site_db(&po->site);
	smart_str json = { 0 };
	pt_error err;
	zval *n, *w, *pp, *d;

	if (!db) {
		return false;
	}
	add_assoc_bool(summary, "final", final);
	if (php_json_encode(&json, summary, PHP_JSON_UNESCAPED_UNICODE | PHP_JSON_UNESCAPED_SLASHES
			| PHP_JSON_PRESERVE_ZERO_FRACTION) != SUCCESS) {
		smart_str_free(&json);
		zend_throw_exception(participa_ce_RuntimeException, "participa: the result could not be encoded as JSON", 0);
		return false;
	}
	smart_str_0(&json);
	n = zend_hash_str_find(Z_ARRVAL_P(summary), "ballots", 7);
	w = zend_hash_str_find(Z_ARRVAL_P(summary), "web", 3);
	pp = zend_hash_str_find(Z_ARRVAL_P(summary), "paper", 5);
	d = zend_hash_str_find(Z_ARRVAL_P(summary), "digest", 6);
	pt_error_clear(&err);
	if (pt_process_store_result_store(db, po->db_id, po->def->method->id, Z_LVAL_P(n), Z_LVAL_P(w), Z_LVAL_P(pp),
			Z_STRVAL_P(d), final, ZSTR_VAL(json.s), ZSTR_LEN(json.s), &err) != PT_OK) {
		smart_str_free(&json);
		throw_err(&err);
		return false;
	}
	smart_str_free(&json);
	return true;
}

/*
 * Closes the process in the database (unlinking secret ballots) and, for a
 * secret process, seals it (pt_process_store_seal: the ballot tables rewritten). A seal
 * that fails leaves the close in force and warns (the operator must look:
 * typically the database user lacks ALTER); the next call tries again.
 * Throws and returns false when the close itself fails.
 */
static bool ensure_closed(process_object *po, const char *by, bool scheduled)
{
	pt_db *db;
	pt_error err;
	bool sealed = false;

	if (po->closed && (po->row.sealed || !po->def->secret || po->seal_failed)) {
		return true;
	}
	db = participa_site_db(&po->site);
	if (!db) {
		return false;
	}
	pt_error_clear(&err);
	if (!po->closed) {
		if (pt_process_store_close(db, po->db_id, po->def->secret, by, scheduled, &po->row, &err) != PT_OK) {
			throw_err(&err);
			return false;
		}
		po->closed = true;
	}
	if (!po->def->secret || po->row.sealed) {
		return true;
	}
	if (pt_process_store_seal(db, po->db_id, po->seal_wait, &sealed, &err) != PT_OK) {
		po->seal_failed = true;
		php_error_docref(NULL, E_WARNING, "participa: process '%s' is closed and its ballots are unlinked, but "
			"the ballot tables could not be rewritten yet (database error %u); run `participa close-due` with a "
			"database user allowed to ALTER the participa tables", po->def->id, err.db_errno);
		return true;
	}
	po->row.sealed = sealed;
	return true;
}

/* ---- methods ------------------------------------------------------------------------ */

PHP_METHOD(Participa_Process, __construct)
{
	ZEND_PARSE_PARAMETERS_NONE();
}

static void phase_info(const pt_phase *p, const utc_phase *u, zval *out)
{
	char buf[32];

	array_init(out);
	local_text(p->start_local, buf, sizeof(buf));
	add_assoc_string(out, "from", buf);
	if (p->has_end) {
		local_text(p->end_local, buf, sizeof(buf));
		add_assoc_string(out, "to", buf);
	} else {
		add_assoc_null(out, "to");
	}
	add_assoc_long(out, "from_utc", (zend_long)u->start);
	if (p->has_end) {
		add_assoc_long(out, "to_utc", (zend_long)u->end);
	} else {
		add_assoc_null(out, "to_utc");
	}
}

PHP_METHOD(Participa_Process, info)
{
	process_object *po = Z_PROCESS_P(ZEND_THIS);
	const pt_process_def *def;
	const pt_config *cfg = process_cfg(po);
	zval phases, ph, list, cand;
	size_t i;

	ZEND_PARSE_PARAMETERS_NONE();
	if (!on_schedule(po) || !(def = current_def(po))) {
		RETURN_THROWS();
	}
	array_init(return_value);
	add_assoc_string(return_value, "id", def->id);
	add_assoc_string(return_value, "title", def->title ? def->title : def->id);
	add_assoc_string(return_value, "kind", pt_process_kind_name(def->kind));
	add_assoc_string(return_value, "method", def->method->id);
	options_array(def, &list);
	add_assoc_zval(return_value, "options", &list);
	if (def->territory >= 0) {
		add_assoc_string(return_value, "territory", cfg->territories.items[def->territory].id);
	} else {
		add_assoc_null(return_value, "territory");
	}
	array_init(&list);
	for (i = 0; i < def->role_count; i++) {
		add_next_index_string(&list, cfg->roles[def->roles[i]].id);
	}
	add_assoc_zval(return_value, "roles", &list);
	if (def->body) {
		add_assoc_string(return_value, "body", def->body);
	} else {
		add_assoc_null(return_value, "body");
	}
	array_init(&phases);
	if (def->proposals.set) {
		phase_info(&def->proposals, &po->proposals, &ph);
		add_assoc_zval(&phases, "proposals", &ph);
	}
	phase_info(&def->voting, &po->voting, &ph);
	add_assoc_zval(&phases, "voting", &ph);
	if (def->results.set) {
		phase_info(&def->results, &po->results, &ph);
		add_assoc_zval(&phases, "results", &ph);
	}
	add_assoc_zval(return_value, "phases", &phases);
	add_assoc_string(return_value, "timezone", cfg->timezone);
	add_assoc_string(return_value, "secrecy", def->secret ? "secret" : "public");
	add_assoc_bool(return_value, "vote_changes", def->vote_changes);
	add_assoc_string(return_value, "results_visibility", pt_results_visibility_name(def->visibility));
	if (!strncmp(def->method->id, "pb_", 3)) {
		/* a casting rule, not a counting option: results' options stay what Tally::count() reads */
		add_assoc_string(return_value, "over_budget", def->allow_over_budget ? "allow" : "refuse");
	}
	array_init(&list);
	if (def->channels & PT_CHANNEL_WEB) add_next_index_string(&list, "web");
	if (def->channels & PT_CHANNEL_PAPER) add_next_index_string(&list, "paper");
	add_assoc_zval(return_value, "channels", &list);
	array_init(&list);
	for (i = 0; i < def->candidate_count; i++) {
		const pt_process_candidate *c = &def->candidates[i];

		array_init(&cand);
		add_assoc_string(&cand, "id", c->id);
		add_assoc_string(&cand, "name", c->name);
		if (def->kind == PT_PROCESS_PARTICIPATORY_BUDGET) {
			add_assoc_long(&cand, "cost", (zend_long)c->cost);
		}
		if (c->territory >= 0) {
			add_assoc_string(&cand, "territory", cfg->territories.items[c->territory].id);
		}
		add_assoc_string(&cand, "source", i < po->def->candidate_count ? "yaml" : "api");
		add_next_index_zval(&list, &cand);
	}
	add_assoc_zval(return_value, "candidates", &list);
	add_assoc_string(return_value, "state", state_name(po));
	if (po->closed && po->row.closed_at[0]) {
		add_assoc_string(return_value, "closed_at", po->row.closed_at);
	} else {
		add_assoc_null(return_value, "closed_at");
	}
	if (po->closed && po->row.closed_by[0]) {
		add_assoc_string(return_value, "closed_by", po->row.closed_by);
	} else {
		add_assoc_null(return_value, "closed_by");
	}
	if (po->closed) {
		add_assoc_string(return_value, "closed_how", po->row.closed_by_schedule ? "schedule" : "call");
	} else {
		add_assoc_null(return_value, "closed_how");
	}
	if (def->secret) {
		add_assoc_bool(return_value, "sealed", po->closed && po->row.sealed);
	}
}

PHP_METHOD(Participa_Process, cast)
{
	process_object *po = Z_PROCESS_P(ZEND_THIS);
	const pt_process_def *def = po->def;
	zend_string *participant;
	zval *ballot;
	HashTable *meta = NULL;
	const char *idem = NULL, *reason;
	size_t reason_len;
	smart_str canon = { 0 };
	cast_check_ctx cc;
	pt_process_store_cast c;
	pt_error err;
	pt_db *db;
	int64_t now;

	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_STR(participant)
		Z_PARAM_ZVAL(ballot)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(meta)
	ZEND_PARSE_PARAMETERS_END();

	if (!check_id(PARTICIPANT_ID, participant)) {
		RETURN_THROWS();
	}
	if (meta) {
		zend_string *key;
		zval *v;

		ZEND_HASH_FOREACH_STR_KEY_VAL(meta, key, v) {
			ZVAL_DEREF(v);
			if (!key || !zend_string_equals_literal(key, "idempotency_key")) {
				zend_argument_value_error(3, "may only contain \"idempotency_key\"");
				RETURN_THROWS();
			}
			if (Z_TYPE_P(v) != IS_STRING) {
				participa_throw_invalid("El identificador de la solicitud (idempotency_key) debe ser un texto.");
				RETURN_THROWS();
			}
			if (!check_id("El identificador de la solicitud (idempotency_key)", Z_STR_P(v))) {
				RETURN_THROWS();
			}
			idem = Z_STRVAL_P(v);
		} ZEND_HASH_FOREACH_END();
	}
	if (!on_schedule(po)) {
		RETURN_THROWS();
	}
	if (!(def->channels & PT_CHANNEL_WEB)) {
		zend_throw_exception(participa_ce_NotAllowedException, "Este proceso no recibe votos por internet; "
			"se vota en papel en la asamblea.", 0);
		RETURN_THROWS();
	}
	now = now_utc();
	if (now < po->voting.start) {
		char when[32];

		local_text(def->voting.start_local, when, sizeof(when));
		zend_throw_exception_ex(participa_ce_NotAllowedException, 0, "La votación aún no abre: empieza el %s.", when);
		RETURN_THROWS();
	}
	if (voting_over(po)) {
		zend_throw_exception(participa_ce_NotAllowedException, "La votación de este proceso ya cerró.", 0);
		RETURN_THROWS();
	}
	if (!options_refresh(po)) {
		RETURN_THROWS();
	}
	if (!canonical_ballot(po, ballot, &canon, &reason, &reason_len)) {
		smart_str_free(&canon);
		RETURN_THROWS();
	}
	db = participa_site_db(&po->site);
	if (!db) {
		smart_str_free(&canon);
		RETURN_THROWS();
	}
	memset(&c, 0, sizeof(c));
	c.process_id = po->db_id;
	c.participant = ZSTR_VAL(participant);
	c.ballot = canon.s ? ZSTR_VAL(canon.s) : "";
	c.ballot_len = canon.s ? ZSTR_LEN(canon.s) : 0;
	c.reason = reason;
	c.reason_len = reason_len;
	c.voter = def->secret ? NULL : ZSTR_VAL(participant);
	c.idempotency_key = idem;
	c.keep_ref = def->vote_changes;
	c.allow_change = def->vote_changes;
	cc.cfg = process_cfg(po);
	cc.def = def;
	cc.voice_only = false;
	pt_error_clear(&err);
	if (pt_process_store_cast_ballot(db, &c, cast_check, &cc, &err) != PT_OK) {
		smart_str_free(&canon);
		throw_err(&err);
		RETURN_THROWS();
	}
	smart_str_free(&canon);
	array_init(return_value);
	add_assoc_string(return_value, "process", def->id);
	add_assoc_string(return_value, "receipt", c.receipt);
	add_assoc_long(return_value, "version", c.version);
	add_assoc_bool(return_value, "changed", c.changed);
	add_assoc_bool(return_value, "replayed", c.replayed);
	add_assoc_bool(return_value, "voice_only", cc.voice_only);
}

typedef struct receipt_ctx {
	zval *out;
} receipt_ctx;

static pt_status receipt_row(void *vctx, const pt_process_store_ballot *b, pt_error *err)
{
	zval *out = ((receipt_ctx *)vctx)->out;

	array_init(out);
	add_assoc_stringl(out, "receipt", b->receipt, b->receipt_len);
	add_assoc_stringl(out, "ballot", b->ballot, b->ballot_len);
	if (b->reason) {
		add_assoc_stringl(out, "reason", b->reason, b->reason_len);
	} else {
		add_assoc_null(out, "reason");
	}
	add_assoc_string(out, "channel", b->paper ? "paper" : "web");
	add_assoc_long(out, "version", b->version);
	return PT_OK;
}

PHP_METHOD(Participa_Process, verifyReceipt)
{
	process_object *po = Z_PROCESS_P(ZEND_THIS);
	zend_string *receipt;
	char typed[PT_RECEIPT_LEN + 1] = { 0 };
	receipt_ctx rc;
	pt_error err;
	pt_db *db;
	bool found = false;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(receipt)
	ZEND_PARSE_PARAMETERS_END();

	/* as printed, or typed in capitals: the form is checked before any SQL sees it */
	if (ZSTR_LEN(receipt) == PT_RECEIPT_LEN) {
		size_t i;

		for (i = 0; i < PT_RECEIPT_LEN; i++) {
			char ch = ZSTR_VAL(receipt)[i];

			typed[i] = ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
		}
	}
	typed[PT_RECEIPT_LEN] = '\0';
	if (!pt_process_store_receipt_valid(typed, ZSTR_LEN(receipt))) {
		participa_throw_invalid("El comprobante no es válido: debe tener %d caracteres, letras de la a a la z "
			"(sin l ni o) y cifras del 2 al 9.", PT_RECEIPT_LEN);
		RETURN_THROWS();
	}
	if (!on_schedule(po)) {
		RETURN_THROWS();
	}
	db = participa_site_db(&po->site);
	if (!db) {
		RETURN_THROWS();
	}
	rc.out = return_value;
	pt_error_clear(&err);
	if (pt_process_store_ballot_get(db, po->db_id, typed, PT_RECEIPT_LEN, receipt_row, &rc, &found, &err) != PT_OK) {
		if (found) {
			zval_ptr_dtor(return_value);
		}
		throw_err(&err);
		RETURN_THROWS();
	}
	if (!found) {
		RETURN_NULL();
	}
}

/* The participant's permissions from the database and the YAML (NULL on a thrown error). */
static bool actor_permissions(process_object *po, const char *who, uint32_t *perms)
{
	pt_db *db = participa_site_db(&po->site);
	pt_thread_store_actor actor;
	pt_thread_store_actor_text actor_text;
	pt_error err;

	if (!db) {
		return false;
	}
	pt_error_clear(&err);
	if (pt_thread_store_actor_get(db, who, &actor, &actor_text, &err) != PT_OK) {
		throw_err(&err);
		return false;
	}
	*perms = actor.banned ? 0 : participa_permissions_in(process_cfg(po), who, actor.roles, po->def->territory, NULL);
	return true;
}

PHP_METHOD(Participa_Process, enterPaperBatch)
{
	process_object *po = Z_PROCESS_P(ZEND_THIS);
	const pt_process_def *def = po->def;
	zend_string *official, *batch, *assembly, *sheet;
	HashTable *ballots;
	pt_process_store_paper_ballot *list = NULL;
	smart_str *canon = NULL;
	size_t n, i = 0, j;
	uint32_t perms = 0;
	pt_process_store_batch b;
	pt_error err;
	zval *zv;
	pt_db *db;
	bool ok = false;

	ZEND_PARSE_PARAMETERS_START(5, 5)
		Z_PARAM_STR(official)
		Z_PARAM_STR(batch)
		Z_PARAM_STR(assembly)
		Z_PARAM_STR(sheet)
		Z_PARAM_ARRAY_HT(ballots)
	ZEND_PARSE_PARAMETERS_END();

	if (!check_id("El identificador de quien captura", official) || !check_id("El identificador del lote", batch)
		|| !check_id("El identificador de la asamblea", assembly) || !check_id("El identificador del acta", sheet)) {
		RETURN_THROWS();
	}
	if (ZSTR_LEN(batch) > MAX_BATCH_ID) {
		participa_throw_invalid("El identificador del lote no es válido: tiene más de %d bytes.", MAX_BATCH_ID);
		RETURN_THROWS();
	}
	if (!on_schedule(po)) {
		RETURN_THROWS();
	}
	if (!(def->channels & PT_CHANNEL_PAPER)) {
		zend_throw_exception(participa_ce_NotAllowedException, "Este proceso no recibe boletas en papel.", 0);
		RETURN_THROWS();
	}
	if (now_utc() < po->voting.start) {
		zend_throw_exception(participa_ce_NotAllowedException, "La votación aún no abre; no se pueden capturar boletas.", 0);
		RETURN_THROWS();
	}
	if (po->closed) {
		zend_throw_exception(participa_ce_NotAllowedException, "La votación de este proceso ya cerró.", 0);
		RETURN_THROWS();
	}
	if (!actor_permissions(po, ZSTR_VAL(official), &perms)) {
		RETURN_THROWS();
	}
	if (!(perms & PT_PERM_ENTER_PAPER_BALLOTS)) {
		zend_throw_exception(participa_ce_NotAllowedException, "No tienes permiso para capturar boletas en papel.", 0);
		RETURN_THROWS();
	}
	if (!options_refresh(po)) {
		RETURN_THROWS();
	}
	n = zend_hash_num_elements(ballots);
	if (n == 0 || n > 100000) {
		zend_argument_value_error(5, "must hold 1 to 100000 ballots");
		RETURN_THROWS();
	}
	list = ecalloc(n, sizeof(*list));
	canon = ecalloc(n, sizeof(*canon));
	ZEND_HASH_FOREACH_VAL(ballots, zv) {
		const char *reason;
		size_t reason_len;

		if (!canonical_ballot(po, zv, &canon[i], &reason, &reason_len)) {
			/* say which ballot of the batch */
			zend_object *ex = EG(exception);

			if (ex && instanceof_function(ex->ce, participa_ce_InvalidArgumentException)) {
				zval rv, *msg = zend_read_property_ex(ex->ce, ex, ZSTR_KNOWN(ZEND_STR_MESSAGE), 1, &rv);
				zend_string *m = zend_strpprintf(0, "Boleta %zu del lote: %s", i + 1, Z_TYPE_P(msg) == IS_STRING ? Z_STRVAL_P(msg) : "");

				zend_clear_exception();
				participa_throw_invalid("%s", ZSTR_VAL(m));
				zend_string_release(m);
			}
			goto out;
		}
		list[i].ballot = canon[i].s ? ZSTR_VAL(canon[i].s) : "";
		list[i].ballot_len = canon[i].s ? ZSTR_LEN(canon[i].s) : 0;
		list[i].reason = reason;
		list[i].reason_len = reason_len;
		i++;
	} ZEND_HASH_FOREACH_END();
	db = participa_site_db(&po->site);
	if (!db) {
		goto out;
	}
	memset(&b, 0, sizeof(b));
	b.process_id = po->db_id;
	b.batch_id = ZSTR_VAL(batch);
	b.assembly = ZSTR_VAL(assembly);
	b.tally_sheet = ZSTR_VAL(sheet);
	b.official = ZSTR_VAL(official);
	b.ballots = list;
	b.count = n;
	pt_error_clear(&err);
	if (pt_process_store_paper_batch(db, &b, &err) != PT_OK) {
		pt_process_store_batch_free(&b);
		throw_err(&err);
		goto out;
	}
	array_init(return_value);
	add_assoc_str(return_value, "batch", zend_string_copy(batch));
	add_assoc_string(return_value, "status", b.state == PT_BATCH_COUNTED ? "counted"
		: b.state == PT_BATCH_MISMATCH ? "mismatch" : "pending");
	add_assoc_long(return_value, "entry", b.entry);
	add_assoc_long(return_value, "ballots", (zend_long)n);
	add_assoc_bool(return_value, "header_mismatch", b.header_mismatch);
	add_assoc_bool(return_value, "count_mismatch", b.count_mismatch);
	{
		/* entry 1 and entry 2, whichever this call stored */
		const char *by1 = b.entry == 1 ? ZSTR_VAL(official) : b.other_by;
		const char *by2 = b.entry == 2 ? ZSTR_VAL(official) : b.other_by;
		bool stance = def->method->kind == PT_BALLOT_STANCE;
		zval mm;

		if (b.state == PT_BATCH_PENDING) {
			by2 = "";
		}
		if (*by1) add_assoc_string(return_value, "first_by", by1); else add_assoc_null(return_value, "first_by");
		if (*by2) add_assoc_string(return_value, "second_by", by2); else add_assoc_null(return_value, "second_by");
		array_init(&mm);
		for (j = 0; j < b.mismatch_count; j++) {
			zval m, mine, theirs, mine_r, theirs_r;
			size_t pos = b.mismatches[j];

			if (pos < n) {
				ZVAL_STRINGL(&mine, list[pos].ballot, list[pos].ballot_len);
			} else {
				ZVAL_NULL(&mine);
			}
			if (b.other_ballots[j]) {
				ZVAL_STRINGL(&theirs, b.other_ballots[j], b.other_ballot_lens[j]);
			} else {
				ZVAL_NULL(&theirs);
			}
			if (pos < n && list[pos].reason) {
				ZVAL_STRINGL(&mine_r, list[pos].reason, list[pos].reason_len);
			} else {
				ZVAL_NULL(&mine_r);
			}
			if (b.other_reasons[j]) {
				ZVAL_STRINGL(&theirs_r, b.other_reasons[j], b.other_reason_lens[j]);
			} else {
				ZVAL_NULL(&theirs_r);
			}
			array_init(&m);
			add_assoc_long(&m, "position", (zend_long)pos + 1);
			/* both readings, named by entry and by person, so the difference can be settled on the tally sheet */
			Z_TRY_ADDREF(mine);
			add_assoc_zval(&m, "this", &mine);
			Z_TRY_ADDREF(theirs);
			add_assoc_zval(&m, "other", &theirs);
			add_assoc_zval(&m, "first", b.entry == 1 ? &mine : &theirs);
			add_assoc_string(&m, "first_by", by1);
			add_assoc_zval(&m, "second", b.entry == 2 ? &mine : &theirs);
			add_assoc_string(&m, "second_by", by2);
			if (stance) {
				add_assoc_zval(&m, "first_reason", b.entry == 1 ? &mine_r : &theirs_r);
				add_assoc_zval(&m, "second_reason", b.entry == 2 ? &mine_r : &theirs_r);
			} else {
				zval_ptr_dtor(&mine_r);
				zval_ptr_dtor(&theirs_r);
			}
			add_next_index_zval(&mm, &m);
		}
		add_assoc_zval(return_value, "mismatches", &mm);
	}
	pt_process_store_batch_free(&b);
	ok = true;
out:
	for (j = 0; j < n; j++) {
		smart_str_free(&canon[j]);
	}
	efree(canon);
	efree(list);
	if (!ok) {
		RETURN_THROWS();
	}
}

PHP_METHOD(Participa_Process, close)
{
	process_object *po = Z_PROCESS_P(ZEND_THIS);
	zend_string *by = NULL;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(by)
	ZEND_PARSE_PARAMETERS_END();

	if (by && !check_id("El identificador de quien cierra el proceso", by)) {
		RETURN_THROWS();
	}
	/* an end already past closes by the schedule; close($by) records who ended it early */
	if (!on_schedule(po) || !ensure_closed(po, by ? ZSTR_VAL(by) : NULL, false)) {
		RETURN_THROWS();
	}
}

/*
 * Whether the results may be shown now (to participant, or to anyone when
 * NULL): the results phase must have begun, and before voting ends the
 * visibility rule decides (a secret process is always after_close, see
 * config_processes.c). Throws NotAllowedException and returns false
 * otherwise. *over tells whether voting is over.
 */
static bool results_allowed(process_object *po, zend_string *participant, bool *over)
{
	const pt_process_def *def = po->def;

	*over = voting_over(po);
	if (po->results.set && now_utc() < po->results.start) {
		char when[32];

		local_text(def->results.start_local, when, sizeof(when));
		zend_throw_exception_ex(participa_ce_NotAllowedException, 0, "Los resultados se publican a partir del %s.",
			when);
		return false;
	}
	if (*over || def->visibility == PT_RESULTS_LIVE) {
		return true;
	}
	if (def->visibility == PT_RESULTS_AFTER_VOTE && participant) {
		pt_db *db = participa_site_db(&po->site);
		pt_error err;
		bool voted = false;

		if (!db) {
			return false;
		}
		pt_error_clear(&err);
		if (pt_process_store_has_voted(db, po->db_id, ZSTR_VAL(participant), &voted, &err) != PT_OK) {
			throw_err(&err);
			return false;
		}
		if (voted) {
			return true;
		}
	}
	zend_throw_exception(participa_ce_NotAllowedException, def->visibility == PT_RESULTS_AFTER_VOTE
		? "Los resultados se muestran después de votar." : "Los resultados se publican cuando cierre la votación.", 0);
	return false;
}

PHP_METHOD(Participa_Process, tally)
{
	process_object *po = Z_PROCESS_P(ZEND_THIS);
	zval summary;
	bool final;

	ZEND_PARSE_PARAMETERS_NONE();
	if (!on_schedule(po) || !results_allowed(po, NULL, &final)) {
		RETURN_THROWS();
	}
	if (final && !ensure_closed(po, NULL, false)) {
		RETURN_THROWS();
	}
	if (!count_process(po, return_value, &summary)) {
		RETURN_THROWS();
	}
	if (!store_summary(po, &summary, final)) {
		zval_ptr_dtor(&summary);
		zval_ptr_dtor(return_value);
		RETURN_THROWS();
	}
	zval_ptr_dtor(&summary);
}

typedef struct latest_ctx {
	zval *out;
	bool final;
	bool decoded;
} latest_ctx;

static pt_status latest_row(void *vctx, const char *json, size_t len, const char *digest, const char *at,
	bool final, pt_error *err)
{
	latest_ctx *l = vctx;

	l->final = final;
	if (!final) {
		return PT_OK;
	}
	if (php_json_decode_ex(l->out, json, len, PHP_JSON_OBJECT_AS_ARRAY, 64) == SUCCESS && Z_TYPE_P(l->out) == IS_ARRAY) {
		add_assoc_string(l->out, "computed_at", at);
		l->decoded = true;
	}
	return PT_OK;
}

PHP_METHOD(Participa_Process, results)
{
	process_object *po = Z_PROCESS_P(ZEND_THIS);
	zend_string *participant = NULL;
	bool over;
	pt_db *db;
	pt_error err;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(participant)
	ZEND_PARSE_PARAMETERS_END();

	if (participant && !check_id(PARTICIPANT_ID, participant)) {
		RETURN_THROWS();
	}
	if (!on_schedule(po) || !results_allowed(po, participant, &over)) {
		RETURN_THROWS();
	}
	db = participa_site_db(&po->site);
	if (!db) {
		RETURN_THROWS();
	}
	pt_error_clear(&err);
	if (over) {
		latest_ctx l = { return_value, false, false };
		bool found = false;
		zval result, summary;

		if (!ensure_closed(po, NULL, false)) {
			RETURN_THROWS();
		}
		ZVAL_NULL(return_value);
		if (pt_process_store_result_latest(db, po->db_id, latest_row, &l, &found, &err) != PT_OK) {
			zval_ptr_dtor(return_value);
			throw_err(&err);
			RETURN_THROWS();
		}
		if (l.decoded) {
			return;
		}
		zval_ptr_dtor(return_value);
		/* closed without a final count yet: count now and keep it */
		if (!count_process(po, &result, &summary)) {
			RETURN_THROWS();
		}
		zval_ptr_dtor(&result);
		if (!store_summary(po, &summary, true)) {
			zval_ptr_dtor(&summary);
			RETURN_THROWS();
		}
		RETURN_COPY_VALUE(&summary);
	} else {
		zval result;

		if (!count_process(po, &result, return_value)) {
			RETURN_THROWS();
		}
		zval_ptr_dtor(&result);
		add_assoc_bool(return_value, "final", false);
	}
}

/* ---- export -------------------------------------------------------------------------- */

typedef enum export_format { EXPORT_CSV, EXPORT_JSON, EXPORT_PABULIB } export_format;

typedef struct export_ctx {
	export_format fmt;
	smart_str out;
	zval list;                   /* json: the ballots */
	pt_sha256 *h;
	int64_t n;
} export_ctx;

static void csv_field(smart_str *s, const char *v, size_t len)
{
	size_t i;

	if (!v) {
		return;
	}
	if (len && !memchr(v, ',', len) && !memchr(v, '"', len) && !memchr(v, '\n', len) && !memchr(v, '\r', len)) {
		smart_str_appendl(s, v, len);
		return;
	}
	smart_str_appendc(s, '"');
	for (i = 0; i < len; i++) {
		if (v[i] == '"') {
			smart_str_appendc(s, '"');
		}
		smart_str_appendc(s, v[i]);
	}
	smart_str_appendc(s, '"');
}

static pt_status export_row(void *vctx, const pt_process_store_ballot *b, pt_error *err)
{
	export_ctx *e = vctx;

	hash_ballot(e->h, b);
	e->n++;
	switch (e->fmt) {
	case EXPORT_CSV:
		smart_str_appendl(&e->out, b->receipt, b->receipt_len);
		smart_str_appendc(&e->out, ',');
		csv_field(&e->out, b->ballot, b->ballot_len);
		smart_str_appendc(&e->out, ',');
		csv_field(&e->out, b->role, b->role_len);
		smart_str_appendc(&e->out, ',');
		csv_field(&e->out, b->reason, b->reason_len);
		smart_str_appendc(&e->out, ',');
		csv_field(&e->out, b->voter, b->voter_len);
		smart_str_appendc(&e->out, ',');
		smart_str_appends(&e->out, b->paper ? "paper" : "web");
		smart_str_appendc(&e->out, '\n');
		break;
	case EXPORT_JSON: {
		zval row;

		array_init(&row);
		add_assoc_stringl(&row, "receipt", b->receipt, b->receipt_len);
		add_assoc_stringl(&row, "ballot", b->ballot, b->ballot_len);
		if (b->role) add_assoc_stringl(&row, "role", b->role, b->role_len); else add_assoc_null(&row, "role");
		if (b->reason) add_assoc_stringl(&row, "reason", b->reason, b->reason_len); else add_assoc_null(&row, "reason");
		if (b->voter) add_assoc_stringl(&row, "voter", b->voter, b->voter_len); else add_assoc_null(&row, "voter");
		add_assoc_string(&row, "channel", b->paper ? "paper" : "web");
		add_next_index_zval(&e->list, &row);
		break;
	}
	case EXPORT_PABULIB:
		smart_str_appendl(&e->out, b->receipt, b->receipt_len);
		smart_str_appendc(&e->out, ';');
		smart_str_appendl(&e->out, b->ballot, b->ballot_len);
		smart_str_appendc(&e->out, '\n');
		break;
	}
	return PT_OK;
}

/* A Pabulib cell: quoted when it holds the separator or a quote. */
static void pabulib_cell(smart_str *s, const char *v)
{
	if (!strpbrk(v, ";\"\n")) {
		smart_str_appends(s, v);
		return;
	}
	smart_str_appendc(s, '"');
	for (; *v; v++) {
		if (*v == '"') {
			smart_str_appendc(s, '"');
		}
		smart_str_appendc(s, *v == '\n' ? ' ' : *v);
	}
	smart_str_appendc(s, '"');
}

PHP_METHOD(Participa_Process, exportBallots)
{
	process_object *po = Z_PROCESS_P(ZEND_THIS);
	const pt_process_def *def = po->def;   /* current_def() below, once the format is known */
	zend_string *format;
	export_ctx e;
	pt_error err;
	pt_db *db;
	uint8_t digest[PT_SHA256_BYTES];
	char hex[PT_SHA256_HEX];
	size_t i;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(format)
	ZEND_PARSE_PARAMETERS_END();

	memset(&e, 0, sizeof(e));
	if (zend_string_equals_literal(format, "csv")) {
		e.fmt = EXPORT_CSV;
	} else if (zend_string_equals_literal(format, "json")) {
		e.fmt = EXPORT_JSON;
	} else if (zend_string_equals_literal(format, "pabulib")) {
		e.fmt = EXPORT_PABULIB;
		if (def->method->kind != PT_BALLOT_APPROVAL) {
			zend_argument_value_error(1, "\"pabulib\" exports approval ballots only (this process uses %s)",
				def->method->id);
			RETURN_THROWS();
		}
	} else {
		zend_argument_value_error(1, "must be \"csv\", \"json\" or \"pabulib\"");
		RETURN_THROWS();
	}
	if (!on_schedule(po)) {
		RETURN_THROWS();
	}
	if (def->secret && !voting_over(po)) {
		zend_throw_exception(participa_ce_NotAllowedException, "Las boletas de una votación secreta se publican "
			"cuando cierra la votación.", 0);
		RETURN_THROWS();
	}
	if (po->results.set && now_utc() < po->results.start) {
		char when[32];

		local_text(po->def->results.start_local, when, sizeof(when));
		zend_throw_exception_ex(participa_ce_NotAllowedException, 0, "Las boletas se publican con los resultados, "
			"a partir del %s.", when);
		RETURN_THROWS();
	}
	db = participa_site_db(&po->site);
	if (!db) {
		RETURN_THROWS();
	}
	if (def->secret && !ensure_closed(po, NULL, false)) {
		RETURN_THROWS();
	}
	if (!(def = current_def(po))) {
		RETURN_THROWS();
	}
	e.h = pt_sha256_begin();
	if (!e.h) {
		zend_throw_exception(participa_ce_RuntimeException, "participa: out of memory", 0);
		RETURN_THROWS();
	}
	if (e.fmt == EXPORT_CSV) {
		smart_str_appends(&e.out, "receipt,ballot,role,reason,voter,channel\n");
	} else if (e.fmt == EXPORT_JSON) {
		array_init(&e.list);
	} else {
		smart_str_appends(&e.out, "VOTES\nvoter_id;vote\n");
	}
	pt_error_clear(&err);
	if (pt_process_store_ballots(db, po->db_id, export_row, &e, &err) != PT_OK) {
		pt_sha256_abort(e.h);
		smart_str_free(&e.out);
		if (e.fmt == EXPORT_JSON) {
			zval_ptr_dtor(&e.list);
		}
		throw_err(&err);
		RETURN_THROWS();
	}
	pt_sha256_finish(e.h, digest);
	pt_sha256_hex(digest, hex);
	if (e.fmt == EXPORT_JSON) {
		zval doc, opts;
		smart_str js = { 0 };

		array_init(&doc);
		add_assoc_string(&doc, "process", def->id);
		add_assoc_string(&doc, "method", def->method->id);
		options_array(def, &opts);
		add_assoc_zval(&doc, "options", &opts);
		add_assoc_string(&doc, "encoding", "sha256 over lines receipt\\tballot\\trole\\treason\\tvoter\\n in receipt "
			"order; \\\\, tab, LF and CR inside fields escaped as \\\\\\\\, \\\\t, \\\\n, \\\\r");
		add_assoc_long(&doc, "count", (zend_long)e.n);
		add_assoc_string(&doc, "digest", hex);
		add_assoc_zval(&doc, "ballots", &e.list);
		if (php_json_encode(&js, &doc, PHP_JSON_UNESCAPED_UNICODE | PHP_JSON_UNESCAPED_SLASHES) != SUCCESS) {
			smart_str_free(&js);
			zval_ptr_dtor(&doc);
			zend_throw_exception(participa_ce_RuntimeException, "participa: the export could not be encoded as JSON", 0);
			RETURN_THROWS();
		}
		zval_ptr_dtor(&doc);
		smart_str_0(&js);
		RETURN_STR(js.s);
	}
	if (e.fmt == EXPORT_PABULIB) {
		smart_str head = { 0 };
		char num[32];

		smart_str_appends(&head, "META\nkey;value\n");
		smart_str_appends(&head, "description;");
		pabulib_cell(&head, def->title ? def->title : def->id);
		smart_str_appends(&head, "\ncountry;Mexico\nunit;");
		pabulib_cell(&head, def->territory >= 0 ? process_cfg(po)->territories.items[def->territory].name : "-");
		smart_str_appends(&head, "\ninstance;");
		pabulib_cell(&head, def->id);
		snprintf(num, sizeof(num), "%zu", def->candidate_count);
		smart_str_appends(&head, "\nnum_projects;");
		smart_str_appends(&head, num);
		snprintf(num, sizeof(num), "%lld", (long long)e.n);
		smart_str_appends(&head, "\nnum_votes;");
		smart_str_appends(&head, num);
		if (def->tally.pb_budget > 0) {
			snprintf(num, sizeof(num), "%lld", (long long)def->tally.pb_budget);
			smart_str_appends(&head, "\nbudget;");
			smart_str_appends(&head, num);
		}
		smart_str_appends(&head, "\nvote_type;approval\nrule;");
		smart_str_appends(&head, def->method->id);
		smart_str_appends(&head, "\ndigest_sha256;");
		smart_str_appends(&head, hex);
		smart_str_appends(&head, "\nPROJECTS\nproject_id;cost;name\n");
		for (i = 0; i < def->candidate_count; i++) {
			smart_str_appends(&head, def->candidates[i].id);
			smart_str_appendc(&head, ';');
			snprintf(num, sizeof(num), "%lld", (long long)(def->candidates[i].cost ? def->candidates[i].cost : 0));
			smart_str_appends(&head, num);
			smart_str_appendc(&head, ';');
			pabulib_cell(&head, def->candidates[i].name);
			smart_str_appendc(&head, '\n');
		}
		if (e.out.s) {
			smart_str_append(&head, e.out.s);
		}
		smart_str_free(&e.out);
		smart_str_0(&head);
		RETURN_STR(head.s);
	}
	smart_str_0(&e.out);
	RETURN_STR(e.out.s);
}

/* ---- options proposed through the API ------------------------------------------------ */

#define MAX_API_OPTIONS 500      /* per process, withdrawn ones included: proposals are not a flood */
#define MAX_OPTION_NAME 255      /* characters (the column is VARCHAR(255)) */
#define MAX_REASON_BYTES 4000

/* Characters in valid UTF-8 without control characters, or -1. */
static ssize_t text_chars(const char *s, size_t len, bool allow_newlines)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	ssize_t n = 0;

	while (p < end) {
		unsigned char c = *p;
		size_t k, need;
		uint32_t cp;

		if (c < 0x80) {
			if ((c < 0x20 && !(allow_newlines && (c == '\n' || c == '\r' || c == '\t'))) || c == 0x7f) {
				return -1;
			}
			p++;
			n++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) { need = 1; cp = c & 0x1f; }
		else if (c >= 0xe0 && c <= 0xef) { need = 2; cp = c & 0x0f; }
		else if (c >= 0xf0 && c <= 0xf4) { need = 3; cp = c & 0x07; }
		else return -1;
		if ((size_t)(end - p) <= need) {
			return -1;
		}
		for (k = 1; k <= need; k++) {
			if ((p[k] & 0xc0) != 0x80) {
				return -1;
			}
			cp = (cp << 6) | (p[k] & 0x3f);
		}
		/* overlong, surrogates, beyond U+10FFFF */
		if ((need == 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) || (need == 3 && (cp < 0x10000 || cp > 0x10ffff))) {
			return -1;
		}
		p += need + 1;
		n++;
	}
	return n;
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

typedef struct propose_check_ctx {
	const pt_config *cfg;
	const pt_process_def *def;
	int64_t now;
	utc_phase proposals, voting;
} propose_check_ctx;

/* Runs inside the transaction on the proposer's facts (pure: replays call it again). */
static pt_status propose_check(void *vctx, const pt_process_store_facts *f, pt_process_store_proposal *p, pt_error *err)
{
	propose_check_ctx *pc = vctx;
	const pt_process_def *def = pc->def;
	uint32_t perms;

	if (pc->now < pc->proposals.start) {
		char when[32];

		local_text(def->proposals.start_local, when, sizeof(when));
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "La etapa de propuestas aún no abre: empieza el %s.", when);
	}
	if (pc->now >= pc->proposals.end || pc->now >= pc->voting.start) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "La etapa de propuestas de este proceso ya terminó.");
	}
	if (f->banned) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "Tu cuenta está suspendida; no puedes proponer opciones.");
	}
	perms = participa_permissions_in(pc->cfg, p->proposer, f->roles, def->territory, NULL);
	if (!(perms & PT_PERM_PROPOSE)) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "No tienes permiso para proponer opciones.");
	}
	if (def->body) {
		capacity cap = participant_capacity(pc->cfg, def, p->proposer, f->roles);

		if (!cap.any_role) {
			return pt_error_set(err, PT_ERR_NOT_ALLOWED, "Solo integrantes de %s proponen opciones en este proceso.",
				def->body);
		}
	} else if (def->territory >= 0) {
		const pt_territory *t = &pc->cfg->territories.items[def->territory];
		int32_t mine = f->territory ? pt_config_territory(pc->cfg, f->territory, strlen(f->territory)) : -1;

		if (mine < 0) {
			return pt_error_set(err, PT_ERR_NOT_ALLOWED, "Para proponer en este proceso necesitas registrar tu "
				"territorio (colonia o manzana).");
		}
		if (!pt_territory_within(&pc->cfg->territories, mine, def->territory)) {
			return pt_error_set(err, PT_ERR_NOT_ALLOWED, "Este proceso es solo para quienes viven en %s.", t->name);
		}
	}
	return PT_OK;
}

static const char *const option_keys[] = { "id", "name", "title", "cost", "territory", NULL };

PHP_METHOD(Participa_Process, propose)
{
	process_object *po = Z_PROCESS_P(ZEND_THIS);
	const pt_process_def *def = po->def;
	const pt_config *cfg = process_cfg(po);
	bool pb = !strncmp(def->method->id, "pb_", 3);
	zend_string *participant, *key;
	HashTable *option;
	zval *id, *name, *title, *cost, *terr;
	propose_check_ctx pc;
	pt_process_store_proposal pr;
	pt_error err;
	pt_db *db;
	int32_t t = -1;
	ssize_t chars;

	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_STR(participant)
		Z_PARAM_ARRAY_HT(option)
	ZEND_PARSE_PARAMETERS_END();

	if (!check_id(PARTICIPANT_ID, participant)) {
		RETURN_THROWS();
	}
	ZEND_HASH_FOREACH_STR_KEY(option, key) {
		size_t k;
		bool known = false;

		for (k = 0; key && option_keys[k]; k++) {
			known = known || zend_string_equals_cstr(key, option_keys[k], strlen(option_keys[k]));
		}
		if (!known) {
			zend_argument_value_error(2, "may only contain \"id\", \"name\" (or \"title\"), \"cost\" and \"territory\"");
			RETURN_THROWS();
		}
	} ZEND_HASH_FOREACH_END();
	id = zend_hash_str_find_deref(option, "id", 2);
	name = zend_hash_str_find_deref(option, "name", 4);
	title = zend_hash_str_find_deref(option, "title", 5);
	cost = zend_hash_str_find_deref(option, "cost", 4);
	terr = zend_hash_str_find_deref(option, "territory", 9);
	if (terr && Z_TYPE_P(terr) == IS_NULL) {
		terr = NULL;
	}
	if (cost && Z_TYPE_P(cost) == IS_NULL) {
		cost = NULL;
	}
	if (name && title) {
		zend_argument_value_error(2, "give \"name\" or \"title\", not both");
		RETURN_THROWS();
	}
	if (!name) {
		name = title;
	}

	if (!on_schedule(po)) {
		RETURN_THROWS();
	}

	/* what the process accepts */
	if (def->method->kind == PT_BALLOT_STANCE) {
		zend_throw_exception(participa_ce_NotAllowedException, "Este proceso se decide con posturas; no tiene opciones "
			"que proponer.", 0);
		RETURN_THROWS();
	}
	if (!def->proposals.set) {
		zend_throw_exception(participa_ce_NotAllowedException, "Este proceso no recibe propuestas.", 0);
		RETURN_THROWS();
	}

	/* the option itself (InvalidArgumentException: the citizen can fix it) */
	if (!id || Z_TYPE_P(id) != IS_STRING || !pt_process_id_valid(Z_STRVAL_P(id), Z_STRLEN_P(id))) {
		participa_throw_invalid("El identificador de la opción debe tener de 1 a 64 caracteres (a-z, 0-9, '_', '.', "
			"'-') y empezar con una letra o un número.");
		RETURN_THROWS();
	}
	if (!name || Z_TYPE_P(name) != IS_STRING || Z_STRLEN_P(name) == 0 || only_spaces(Z_STRVAL_P(name), Z_STRLEN_P(name))
		|| (chars = text_chars(Z_STRVAL_P(name), Z_STRLEN_P(name), false)) < 0 || chars > MAX_OPTION_NAME) {
		participa_throw_invalid("El nombre de la opción es obligatorio: un texto de hasta %d caracteres, sin "
			"caracteres de control.", MAX_OPTION_NAME);
		RETURN_THROWS();
	}
	memset(&pr, 0, sizeof(pr));
	if (pb) {
		zend_long c = 0;

		if (!cost) {
			participa_throw_invalid("El proyecto necesita un costo.");
			RETURN_THROWS();
		}
		if (Z_TYPE_P(cost) == IS_LONG) {
			c = Z_LVAL_P(cost);
		} else if (Z_TYPE_P(cost) != IS_STRING || is_numeric_string(Z_STRVAL_P(cost), Z_STRLEN_P(cost), &c, NULL, false)
			!= IS_LONG) {
			participa_throw_invalid("El costo del proyecto debe ser una cantidad entera positiva.");
			RETURN_THROWS();
		}
		if (c <= 0 || c > ((zend_long)1 << 50)) {
			participa_throw_invalid("El costo del proyecto debe ser una cantidad entera positiva.");
			RETURN_THROWS();
		}
		if (def->tally.pb_budget > 0 && c > def->tally.pb_budget) {
			participa_throw_invalid("El costo del proyecto (%lld) excede el presupuesto total (%lld).", (long long)c,
				(long long)def->tally.pb_budget);
			RETURN_THROWS();
		}
		pr.has_cost = true;
		pr.cost = c;
	} else if (cost) {
		participa_throw_invalid("Solo los proyectos de un presupuesto participativo tienen costo.");
		RETURN_THROWS();
	}
	if (terr) {
		if (Z_TYPE_P(terr) != IS_STRING || (t = pt_config_territory(cfg, Z_STRVAL_P(terr), Z_STRLEN_P(terr))) < 0) {
			participa_throw_invalid("El territorio de la opción no existe.");
			RETURN_THROWS();
		}
		if (def->territory >= 0 && !pt_territory_within(&cfg->territories, t, def->territory)) {
			participa_throw_invalid("La opción debe quedar dentro de %s, el territorio del proceso.",
				cfg->territories.items[def->territory].name);
			RETURN_THROWS();
		}
	}
	if (pt_process_candidate_find(def, Z_STRVAL_P(id), Z_STRLEN_P(id)) >= 0) {
		zend_throw_exception_ex(participa_ce_ConflictException, 0, "Ya existe una opción con el identificador '%s' en "
			"este proceso.", Z_STRVAL_P(id));
		RETURN_THROWS();
	}
	db = participa_site_db(&po->site);
	if (!db) {
		RETURN_THROWS();
	}
	pr.process_id = po->db_id;
	pr.proposer = ZSTR_VAL(participant);
	pr.option_id = Z_STRVAL_P(id);
	pr.name = Z_STRVAL_P(name);
	pr.name_len = Z_STRLEN_P(name);
	pr.territory = t >= 0 ? cfg->territories.items[t].id : NULL;
	pr.max_options = MAX_API_OPTIONS;
	pc.cfg = cfg;
	pc.def = def;
	pc.now = now_utc();
	pc.proposals = po->proposals;
	pc.voting = po->voting;
	pt_error_clear(&err);
	if (pt_process_store_propose(db, &pr, propose_check, &pc, &err) != PT_OK) {
		throw_err(&err);
		RETURN_THROWS();
	}
	po->opts_loaded = po->opts_frozen && po->opts_loaded;   /* the next method reads the new option */
	array_init(return_value);
	add_assoc_string(return_value, "process", def->id);
	add_assoc_string(return_value, "id", pr.option_id);
	add_assoc_stringl(return_value, "name", pr.name, pr.name_len);
	if (pb) {
		add_assoc_long(return_value, "cost", (zend_long)pr.cost);
	}
	if (pr.territory) {
		add_assoc_string(return_value, "territory", pr.territory);
	} else {
		add_assoc_null(return_value, "territory");
	}
	add_assoc_string(return_value, "source", "api");
	add_assoc_string(return_value, "proposed_by", pr.proposer);
	add_assoc_string(return_value, "created_at", pr.created_at);
	add_assoc_bool(return_value, "replayed", pr.replayed);
}

typedef struct list_ctx {
	zval *out;
	const pt_process_def *def;
	bool pb;
} list_ctx;

static pt_status list_option_row(void *vctx, const pt_process_store_option *o, pt_error *err)
{
	list_ctx *l = vctx;
	zval row;

	if (pt_process_candidate_find(l->def, o->id, o->id_len) >= 0) {
		return PT_OK;   /* the YAML took the id over; it is listed as the YAML's */
	}
	array_init(&row);
	add_assoc_stringl(&row, "id", o->id, o->id_len);
	add_assoc_stringl(&row, "name", o->name ? o->name : "", o->name_len);
	if (l->pb) {
		add_assoc_long(&row, "cost", (zend_long)o->cost);
	}
	if (o->territory) add_assoc_stringl(&row, "territory", o->territory, o->territory_len);
	else add_assoc_null(&row, "territory");
	add_assoc_string(&row, "source", "api");
	add_assoc_string(&row, "status", o->withdrawn ? "withdrawn" : "active");
	if (o->proposed_by) add_assoc_stringl(&row, "proposed_by", o->proposed_by, o->proposed_by_len);
	else add_assoc_null(&row, "proposed_by");
	add_assoc_string(&row, "created_at", o->created_at);
	if (o->withdrawn) {
		add_assoc_string(&row, "withdrawn_at", o->withdrawn_at);
		if (o->withdrawn_by) add_assoc_stringl(&row, "withdrawn_by", o->withdrawn_by, o->withdrawn_by_len);
		else add_assoc_null(&row, "withdrawn_by");
		if (o->withdraw_reason) add_assoc_stringl(&row, "reason", o->withdraw_reason, o->withdraw_reason_len);
		else add_assoc_null(&row, "reason");
	} else {
		add_assoc_null(&row, "withdrawn_at");
		add_assoc_null(&row, "withdrawn_by");
		add_assoc_null(&row, "reason");
	}
	add_next_index_zval(l->out, &row);
	return PT_OK;
}

PHP_METHOD(Participa_Process, options)
{
	process_object *po = Z_PROCESS_P(ZEND_THIS);
	const pt_process_def *def = po->def;
	const pt_config *cfg = process_cfg(po);
	bool pb = !strncmp(def->method->id, "pb_", 3);
	list_ctx l;
	pt_error err;
	pt_db *db;
	size_t i;

	ZEND_PARSE_PARAMETERS_NONE();
	if (!on_schedule(po)) {
		RETURN_THROWS();
	}
	array_init(return_value);
	for (i = 0; i < def->candidate_count; i++) {
		const pt_process_candidate *c = &def->candidates[i];
		zval row;

		array_init(&row);
		add_assoc_string(&row, "id", c->id);
		add_assoc_string(&row, "name", c->name);
		if (pb) {
			add_assoc_long(&row, "cost", (zend_long)c->cost);
		}
		if (c->territory >= 0) add_assoc_string(&row, "territory", cfg->territories.items[c->territory].id);
		else add_assoc_null(&row, "territory");
		add_assoc_string(&row, "source", "yaml");
		add_assoc_string(&row, "status", "active");
		add_assoc_null(&row, "proposed_by");
		add_assoc_null(&row, "created_at");
		add_assoc_null(&row, "withdrawn_at");
		add_assoc_null(&row, "withdrawn_by");
		add_assoc_null(&row, "reason");
		add_next_index_zval(return_value, &row);
	}
	if (def->method->kind == PT_BALLOT_STANCE) {
		return;
	}
	db = participa_site_db(&po->site);
	if (!db) {
		zval_ptr_dtor(return_value);
		ZVAL_NULL(return_value);
		RETURN_THROWS();
	}
	l.out = return_value;
	l.def = def;
	l.pb = pb;
	pt_error_clear(&err);
	if (pt_process_store_options(db, po->db_id, list_option_row, &l, &err) != PT_OK) {
		zval_ptr_dtor(return_value);
		ZVAL_NULL(return_value);
		throw_err(&err);
		RETURN_THROWS();
	}
}

PHP_METHOD(Participa_Process, withdraw)
{
	process_object *po = Z_PROCESS_P(ZEND_THIS);
	const pt_process_def *def = po->def;
	zend_string *official, *option, *reason;
	char at[32], by[192];
	uint32_t perms = 0;
	bool replayed = false;
	ssize_t chars;
	pt_error err;
	pt_db *db;

	ZEND_PARSE_PARAMETERS_START(3, 3)
		Z_PARAM_STR(official)
		Z_PARAM_STR(option)
		Z_PARAM_STR(reason)
	ZEND_PARSE_PARAMETERS_END();

	if (!check_id("El identificador de quien retira", official) || !check_id("El identificador de la opción", option)) {
		RETURN_THROWS();
	}
	if (!on_schedule(po)) {
		RETURN_THROWS();
	}
	if (!actor_permissions(po, ZSTR_VAL(official), &perms)) {
		RETURN_THROWS();
	}
	if (!(perms & PT_PERM_MANAGE_PROCESSES)) {
		zend_throw_exception(participa_ce_NotAllowedException, "No tienes permiso para retirar opciones de este proceso.", 0);
		RETURN_THROWS();
	}
	if (pt_process_candidate_find(def, ZSTR_VAL(option), ZSTR_LEN(option)) >= 0) {
		zend_throw_exception_ex(participa_ce_NotAllowedException, 0, "La opción '%s' viene de la configuración del "
			"sitio; se retira editando la configuración.", ZSTR_VAL(option));
		RETURN_THROWS();
	}
	if (!pt_process_id_valid(ZSTR_VAL(option), ZSTR_LEN(option))) {
		zend_throw_exception_ex(participa_ce_NotFoundException, 0, "No existe la opción '%s' propuesta en este proceso.",
			ZSTR_VAL(option));
		RETURN_THROWS();
	}
	if (po->closed) {
		zend_throw_exception(participa_ce_NotAllowedException, "Este proceso ya cerró; sus opciones ya no se pueden "
			"retirar.", 0);
		RETURN_THROWS();
	}
	if (now_utc() >= po->voting.start) {
		zend_throw_exception(participa_ce_NotAllowedException, "La votación ya empezó; las opciones ya no se pueden "
			"retirar.", 0);
		RETURN_THROWS();
	}
	if (ZSTR_LEN(reason) == 0 || only_spaces(ZSTR_VAL(reason), ZSTR_LEN(reason)) || ZSTR_LEN(reason) > MAX_REASON_BYTES
		|| (chars = text_chars(ZSTR_VAL(reason), ZSTR_LEN(reason), true)) < 0) {
		participa_throw_invalid("Indica el motivo del retiro: un texto de hasta %d bytes.", MAX_REASON_BYTES);
		RETURN_THROWS();
	}
	db = participa_site_db(&po->site);
	if (!db) {
		RETURN_THROWS();
	}
	pt_error_clear(&err);
	if (pt_process_store_withdraw(db, po->db_id, ZSTR_VAL(option), ZSTR_VAL(official), ZSTR_VAL(reason), ZSTR_LEN(reason),
			&replayed, at, by, &err) != PT_OK) {
		throw_err(&err);
		RETURN_THROWS();
	}
	po->opts_loaded = po->opts_frozen && po->opts_loaded;
	array_init(return_value);
	add_assoc_string(return_value, "process", def->id);
	add_assoc_str(return_value, "id", zend_string_copy(option));
	add_assoc_string(return_value, "status", "withdrawn");
	add_assoc_string(return_value, "withdrawn_by", by);
	add_assoc_string(return_value, "withdrawn_at", at);
	add_assoc_bool(return_value, "replayed", replayed);
}

/*
 * Process::closeDue($site): every process of the site, opened; those whose
 * voting ended are closed by the schedule and closed secret ones sealed.
 * Reports what changed, and a failing process (its message) without
 * stopping the others.
 */
PHP_METHOD(Participa_Process, closeDue)
{
	zval *site;
	const pt_config *cfg;
	size_t i;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_OBJECT_OF_CLASS(site, participa_ce_Site)
	ZEND_PARSE_PARAMETERS_END();

	cfg = participa_site_config(site);
	array_init(return_value);
	for (i = 0; cfg->processes && i < cfg->processes->count; i++) {
		const pt_process_def *def = &cfg->processes->items[i];
		zend_string *id = zend_string_init(def->id, strlen(def->id), 0);
		zval obj, row;
		process_object *po;
		bool was_closed, was_sealed;

		ZVAL_UNDEF(&obj);
		process_open(site, id, false, &obj);
		zend_string_release(id);
		if (!EG(exception)) {
			po = Z_PROCESS_P(&obj);
			po->seal_wait = SEAL_WAIT_CRON;
			was_closed = po->closed;
			was_sealed = po->row.sealed;
			if (on_schedule(po) && (po->closed != was_closed || po->row.sealed != was_sealed)) {
				array_init(&row);
				add_assoc_string(&row, "process", def->id);
				add_assoc_string(&row, "closed_at", po->row.closed_at);
				add_assoc_string(&row, "closed_how", po->row.closed_by_schedule ? "schedule" : "call");
				add_assoc_bool(&row, "closed_now", po->closed != was_closed);
				add_assoc_bool(&row, "sealed", def->secret && po->row.sealed);
				add_next_index_zval(return_value, &row);
			}
		}
		if (EG(exception)) {
			zval rv, *msg = zend_read_property_ex(EG(exception)->ce, EG(exception), ZSTR_KNOWN(ZEND_STR_MESSAGE), 1, &rv);

			array_init(&row);
			add_assoc_string(&row, "process", def->id);
			add_assoc_string(&row, "error", Z_TYPE_P(msg) == IS_STRING ? Z_STRVAL_P(msg) : "error");
			add_next_index_zval(return_value, &row);
			zend_clear_exception();
		}
		zval_ptr_dtor(&obj);
	}
}

void participa_register_process(void)
{
	participa_ce_Process = register_class_Participa_Process();
	participa_ce_Process->create_object = process_create_object;
	memcpy(&process_handlers, zend_get_std_object_handlers(), sizeof(process_handlers));
	process_handlers.offset = XtOffsetOf(process_object, std);
	process_handlers.free_obj = process_free;
	process_handlers.clone_obj = NULL;
}
