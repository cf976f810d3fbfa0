/*
 * participa binding: Participa\Tally and Participa\TallyResult.
 *
 * Thin by design: parse the options into a pt_tally_options, the ballots
 * into a pt_profile (straight from the zend_string bytes, no allocation per
 * ballot), call the method from the core table, and turn the result's
 * value trees into arrays with one recursive function.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "php.h"

#include "php_participa.h"
#include "zend_interfaces.h"
#include "participa_errors.h"
#include "participa_tally.h"
#include "participa_value.h"
#include "participa_host.h"
#include "core/fragment/results_view.h"
#include "core/tally/tally.h"
#include "core/tally/tally_options.h"

zend_class_entry *participa_ce_Tally;
zend_class_entry *participa_ce_TallyResult;

/* ---- options ---------------------------------------------------------- */

/* A zval as the plain value core checks options against (tally_options.h). */
static void zval_arg(zval *zv, pt_tally_arg *a)
{
	ZVAL_DEREF(zv);
	memset(a, 0, sizeof(*a));
	a->type_name = zend_zval_type_name(zv);
	switch (Z_TYPE_P(zv)) {
	case IS_LONG: a->kind = PT_TARG_INT; a->i = Z_LVAL_P(zv); break;
	case IS_DOUBLE: a->kind = PT_TARG_FLOAT; a->d = Z_DVAL_P(zv); break;
	case IS_STRING: a->kind = PT_TARG_STRING; a->s = Z_STRVAL_P(zv); a->len = Z_STRLEN_P(zv); break;
	case IS_TRUE: case IS_FALSE: a->kind = PT_TARG_BOOL; a->b = Z_TYPE_P(zv) == IS_TRUE; break;
	case IS_ARRAY: a->kind = PT_TARG_ARRAY; break;
	default: a->kind = PT_TARG_OTHER; break;
	}
}

typedef struct opts_store {
	const char **roles;
	size_t *role_lens;
	int64_t *costs;
	HashTable *candidates;
	HashTable *projects;
} opts_store;

/* voice_only_roles: borrowed strings of the array. */
static bool roles_option(HashTable *ht, pt_tally_options *o, opts_store *st)
{
	zval *r;
	size_t n = 0;

	st->roles = safe_emalloc(zend_hash_num_elements(ht) + 1, sizeof(char *), 0);
	st->role_lens = safe_emalloc(zend_hash_num_elements(ht) + 1, sizeof(size_t), 0);
	ZEND_HASH_FOREACH_VAL(ht, r) {
		ZVAL_DEREF(r);
		if (Z_TYPE_P(r) != IS_STRING) {
			participa_throw_argument(3, true, "option \"voice_only_roles\" must be a list of strings");
			return false;
		}
		st->roles[n] = Z_STRVAL_P(r);
		st->role_lens[n++] = Z_STRLEN_P(r);
	} ZEND_HASH_FOREACH_END();
	o->voice_only_roles = st->roles;
	o->voice_only_lens = st->role_lens;
	o->voice_only_count = n;
	return true;
}

/* $options through the one option table; throws and returns false on the first problem. */
static bool parse_options(HashTable *ht, pt_tally_options *o, opts_store *st)
{
	const pt_tally_option *d;
	pt_tally_arg_fault f;
	zend_string *key;
	pt_tally_arg a;
	pt_error err;
	zval *zv;

	pt_error_clear(&err);
	if (!ht) {
		return true;
	}
	ZEND_HASH_FOREACH_STR_KEY_VAL(ht, key, zv) {
		if (!key) {
			participa_throw_argument(3, false, "must have string keys (option names)");
			return false;
		}
		if (!(d = pt_tally_option_find(ZSTR_VAL(key), ZSTR_LEN(key), PT_TOPT_API))) {
			participa_throw_argument(3, false, "contains an unknown option \"%s\"", ZSTR_VAL(key));
			return false;
		}
		zval_arg(zv, &a);
		if ((f = pt_tally_option_arg(o, d, &a, &err)) != PT_TARG_OK) {
			participa_throw_argument(3, f == PT_TARG_TYPE, "%s", err.message);
			return false;
		}
		ZVAL_DEREF(zv);
		if (d->id == PT_TOPT_CANDIDATES) {
			st->candidates = Z_ARRVAL_P(zv);
		} else if (d->id == PT_TOPT_PROJECTS) {
			st->projects = Z_ARRVAL_P(zv);
		} else if (d->id == PT_TOPT_VOICE_ONLY_ROLES && !roles_option(Z_ARRVAL_P(zv), o, st)) {
			return false;
		}
	} ZEND_HASH_FOREACH_END();
	if (pt_tally_options_check(o, &err) != PT_TARG_OK) {
		participa_throw_argument(3, false, "%s", err.message);
		return false;
	}
	return true;
}

/* ---- ballots ---------------------------------------------------------- */

/* An id from a string or an int; buf holds the digits of an int. */
static int zval_id(zval *zv, char *buf, const char **s, size_t *len)
{
	ZVAL_DEREF(zv);
	if (Z_TYPE_P(zv) == IS_STRING) {
		*s = Z_STRVAL_P(zv);
		*len = Z_STRLEN_P(zv);
		return 1;
	}
	if (Z_TYPE_P(zv) == IS_LONG) {
		*len = (size_t)snprintf(buf, 32, ZEND_LONG_FMT, Z_LVAL_P(zv));
		*s = buf;
		return 1;
	}
	return 0;
}

/* A ranking: a list of ids or of tiers (lists of tied ids). */
static pt_status ranking_items(pt_profile *p, zval *zv, pt_error *err)
{
	char buf[32];
	const char *s;
	size_t len;
	zval *item, *t;
	pt_status st;

	if (Z_TYPE_P(zv) != IS_ARRAY) {
		pt_ballot_reject(p, "una clasificación debe ser un texto 'A>B=C' o una lista");
		return PT_OK;
	}
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(zv), item) {
		ZVAL_DEREF(item);
		if (Z_TYPE_P(item) == IS_ARRAY) {
			int first = 1;

			ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(item), t) {
				if (!zval_id(t, buf, &s, &len)) {
					pt_ballot_reject(p, "un candidato debe ser un texto");
					break;
				}
				if ((st = pt_ballot_item(p, s, len, !first, 0, err)) != PT_OK) {
					return st;
				}
				first = 0;
			} ZEND_HASH_FOREACH_END();
		} else if (!zval_id(item, buf, &s, &len)) {
			pt_ballot_reject(p, "un candidato debe ser un texto");
			break;
		} else if ((st = pt_ballot_item(p, s, len, 0, 0, err)) != PT_OK) {
			return st;
		}
	} ZEND_HASH_FOREACH_END();
	return PT_OK;
}

/* An approval: one id or a list of ids. */
static pt_status approval_items(pt_profile *p, zval *zv, pt_error *err)
{
	char buf[32];
	const char *s;
	size_t len;
	zval *item;
	pt_status st;

	if (zval_id(zv, buf, &s, &len)) {
		return pt_ballot_item(p, s, len, 0, 0, err);
	}
	if (Z_TYPE_P(zv) != IS_ARRAY) {
		pt_ballot_reject(p, "una boleta de aprobación debe ser una lista de candidatos");
		return PT_OK;
	}
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(zv), item) {
		if (!zval_id(item, buf, &s, &len)) {
			pt_ballot_reject(p, "una aprobación debe nombrar candidatos");
			break;
		}
		if ((st = pt_ballot_item(p, s, len, 0, 0, err)) != PT_OK) {
			return st;
		}
	} ZEND_HASH_FOREACH_END();
	return PT_OK;
}

/* Scores: ['A' => 4, ...]; an integer key is signed: candidate -5 is "-5". */
static pt_status score_items(pt_profile *p, zval *zv, pt_error *err)
{
	zend_string *key;
	zend_ulong idx;
	char buf[32];
	zval *item;
	pt_status st;

	if (Z_TYPE_P(zv) != IS_ARRAY) {
		pt_ballot_reject(p, "una boleta de calificaciones debe ser ['A' => 4, ...]");
		return PT_OK;
	}
	ZEND_HASH_FOREACH_KEY_VAL(Z_ARRVAL_P(zv), idx, key, item) {
		ZVAL_DEREF(item);
		if (Z_TYPE_P(item) != IS_LONG) {
			pt_ballot_reject(p, "una calificación debe ser un entero");
			break;
		}
		st = pt_ballot_item(p, key ? ZSTR_VAL(key) : buf,
			key ? ZSTR_LEN(key) : (size_t)snprintf(buf, sizeof(buf), ZEND_LONG_FMT, (zend_long)idx),
			0, Z_LVAL_P(item), err);
		if (st != PT_OK) {
			return st;
		}
	} ZEND_HASH_FOREACH_END();
	return PT_OK;
}

static const char *opt_text(zval *z, size_t *len)
{
	*len = z && Z_TYPE_P(z) == IS_STRING ? Z_STRLEN_P(z) : 0;
	return z && Z_TYPE_P(z) == IS_STRING ? Z_STRVAL_P(z) : NULL;
}

/* A stance: 'agree' ... or ['stance' => ..., 'role' => ..., 'reason' => ..., 'voter' => ...]. */
static pt_status stance_item(pt_profile *p, zval *zv, pt_error *err)
{
	zval *z, *role = NULL, *reason = NULL, *voter = NULL;
	const char *s = NULL, *r, *why;
	size_t len = 0, rlen, wlen;
	char buf[32];
	int stance = -1;

	if (Z_TYPE_P(zv) == IS_STRING) {
		stance = pt_stance_parse(Z_STRVAL_P(zv), Z_STRLEN_P(zv));
	} else if (Z_TYPE_P(zv) == IS_ARRAY && (z = zend_hash_str_find_deref(Z_ARRVAL_P(zv), "stance", 6))
		&& Z_TYPE_P(z) == IS_STRING) {
		stance = pt_stance_parse(Z_STRVAL_P(z), Z_STRLEN_P(z));
		role = zend_hash_str_find_deref(Z_ARRVAL_P(zv), "role", 4);
		reason = zend_hash_str_find_deref(Z_ARRVAL_P(zv), "reason", 6);
		voter = zend_hash_str_find_deref(Z_ARRVAL_P(zv), "voter", 5);
	}
	if (stance < 0) {
		pt_ballot_reject(p, "postura desconocida (se espera agree, abstain, disagree o block)");
		return PT_OK;
	}
	if ((role && Z_TYPE_P(role) != IS_STRING && Z_TYPE_P(role) != IS_NULL)
		|| (reason && Z_TYPE_P(reason) != IS_STRING && Z_TYPE_P(reason) != IS_NULL)) {
		pt_ballot_reject(p, "el rol y la razón deben ser textos");
		return PT_OK;
	}
	if (voter && Z_TYPE_P(voter) != IS_NULL && !zval_id(voter, buf, &s, &len)) {
		pt_ballot_reject(p, "el votante debe ser un texto");
		return PT_OK;
	}
	r = opt_text(role, &rlen);
	why = opt_text(reason, &wlen);
	return pt_ballot_stance(p, (pt_stance)stance, r, rlen, why, wlen, s, len, err);
}

static pt_status add_ballot(pt_profile *p, zval *zv, pt_error *err)
{
	int64_t weight = 1;
	pt_status st;

	ZVAL_DEREF(zv);
	/* the hot path: a ranking string */
	if (Z_TYPE_P(zv) == IS_STRING && p->kind == PT_BALLOT_RANKING) {
		return pt_profile_add_ranking_str(p, 1, Z_STRVAL_P(zv), Z_STRLEN_P(zv), err);
	}
	/* ['weight' => int, 'ballot' => ...] */
	if (Z_TYPE_P(zv) == IS_ARRAY && !HT_IS_PACKED(Z_ARRVAL_P(zv))) {
		zval *inner = zend_hash_str_find(Z_ARRVAL_P(zv), "ballot", sizeof("ballot") - 1);

		if (inner) {
			zval *w = zend_hash_str_find_deref(Z_ARRVAL_P(zv), "weight", sizeof("weight") - 1);

			if (w && Z_TYPE_P(w) != IS_LONG) {
				if ((st = pt_ballot_begin(p, 1, err)) != PT_OK) {
					return st;
				}
				pt_ballot_reject(p, "el peso debe ser un entero");
				return pt_ballot_end(p, err);
			}
			weight = w ? Z_LVAL_P(w) : 1;
			zv = inner;
			ZVAL_DEREF(zv);
			if (Z_TYPE_P(zv) == IS_STRING && p->kind == PT_BALLOT_RANKING) {
				return pt_profile_add_ranking_str(p, weight, Z_STRVAL_P(zv), Z_STRLEN_P(zv), err);
			}
		}
	}
	if ((st = pt_ballot_begin(p, weight, err)) != PT_OK) {
		return st;
	}
	switch (p->kind) {
	case PT_BALLOT_RANKING: st = ranking_items(p, zv, err); break;
	case PT_BALLOT_APPROVAL: st = approval_items(p, zv, err); break;
	case PT_BALLOT_SCORE: st = score_items(p, zv, err); break;
	case PT_BALLOT_STANCE: st = stance_item(p, zv, err); break;
	}
	if (st != PT_OK) {
		p->in_ballot = 0;
		return st;
	}
	return pt_ballot_end(p, err);
}

/* ---- methods ---------------------------------------------------------- */

ZEND_METHOD(Participa_Tally, __construct)
{
}

ZEND_METHOD(Participa_TallyResult, __construct)
{
}

static void set_prop(zval *obj, const char *name, size_t len, zval *v)
{
	zend_update_property(participa_ce_TallyResult, Z_OBJ_P(obj), name, len, v);
	zval_ptr_dtor(v);
}

void participa_tally_result_object(const char *method, size_t method_len, const pt_tally_result *r, zval *out)
{
	zval tmp;

	object_init_ex(out, participa_ce_TallyResult);
	ZVAL_STRINGL(&tmp, method, method_len);
	set_prop(out, "method", sizeof("method") - 1, &tmp);
	participa_value_to_zval(r->winners, &tmp);
	set_prop(out, "winners", sizeof("winners") - 1, &tmp);
	participa_value_to_zval(r->ranking, &tmp);
	set_prop(out, "ranking", sizeof("ranking") - 1, &tmp);
	participa_value_to_zval(r->details, &tmp);
	set_prop(out, "details", sizeof("details") - 1, &tmp);
	participa_value_to_zval(r->tie_breaks, &tmp);
	set_prop(out, "tieBreaks", sizeof("tieBreaks") - 1, &tmp);
}

/* The candidates of a count: "projects" (id => cost) for a method that needs costs, else the
 * "candidates" option if given. Throws and returns false on a bad entry. */
static bool profile_candidates(const pt_tally_method *m, pt_profile *p, pt_tally_options *o, opts_store *st)
{
	bool costs = pt_tally_method_needs(m, PT_TALLY_NEEDS_COSTS);
	HashTable *list = costs ? st->projects : st->candidates;
	zend_string *key;
	zend_ulong idx;
	pt_tally_arg a;
	pt_error err;
	size_t n = 0;
	zval *zv;

	pt_error_clear(&err);
	if (costs && !list) {
		participa_throw_argument(3, false, "must contain \"projects\" (id => cost) for %s", m->id);
		return false;
	}
	if (!list) {
		return true;
	}
	if (costs) {
		st->costs = safe_emalloc(zend_hash_num_elements(list) + 1, sizeof(int64_t), 0);
		o->pb_costs = st->costs;
	}
	ZEND_HASH_FOREACH_KEY_VAL(list, idx, key, zv) {
		char buf[32];
		const char *s = buf;
		size_t len;

		if (costs) {
			/* projects: the id is the key */
			s = key ? ZSTR_VAL(key) : buf;
			len = key ? ZSTR_LEN(key) : (size_t)snprintf(buf, sizeof(buf), ZEND_LONG_FMT, (zend_long)idx);
			zval_arg(zv, &a);
			if (pt_tally_money_arg("projects", &a, &st->costs[n++], &err) != PT_TARG_OK) {
				participa_throw_argument(3, false, "%s", err.message);
				return false;
			}
		} else if (!zval_id(zv, buf, &s, &len)) {
			participa_throw_argument(3, true, "option \"candidates\" must be a list of strings");
			return false;
		}
		if (pt_profile_add_candidate(p, s, len, &err) != PT_OK) {
			participa_throw_argument(3, false, "%s%s", costs ? "" : "option ", err.message);
			return false;
		}
	} ZEND_HASH_FOREACH_END();
	pt_profile_fix_candidates(p);
	return true;
}

/* Reads the ballots into p (streamed into the pairwise matrix when the method only needs that). */
static pt_status profile_ballots(const pt_tally_method *m, pt_profile *p, HashTable *ballots, pt_error *err)
{
	pt_status st;
	zval *zv;

	/* too many candidates for this method: refused before reading ballots */
	if ((st = pt_tally_check_size(m, p, err)) != PT_OK) {
		return st;
	}
	/* the Condorcet family and Borda only need the pairwise matrix: fold each ballot in as it
	 * is parsed, keep none */
	st = (m->flags & PT_TALLY_PAIRWISE) ? pt_profile_stream_pairwise(p, err)
		: pt_profile_reserve(p, zend_hash_num_elements(ballots), p->ncand ? p->ncand : 4, err);
	if (st != PT_OK) {
		return st;
	}
	ZEND_HASH_FOREACH_VAL(ballots, zv) {
		if ((st = add_ballot(p, zv, err)) != PT_OK) {
			return st;
		}
	} ZEND_HASH_FOREACH_END();
	return PT_OK;
}

ZEND_METHOD(Participa_Tally, count)
{
	zend_string *method;
	HashTable *ballots, *options = NULL;
	const pt_tally_method *m;
	pt_tally_options o;
	opts_store store = { 0 };
	pt_profile p;
	pt_tally_result r = { 0 };
	pt_error err;
	bool ok = false;

	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_STR(method)
		Z_PARAM_ARRAY_HT(ballots)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(options)
	ZEND_PARSE_PARAMETERS_END();

	if (!(m = pt_tally_find(ZSTR_VAL(method), ZSTR_LEN(method)))) {
		participa_throw_argument(1, false, "must be a known tally method, \"%s\" given", ZSTR_VAL(method));
		RETURN_THROWS();
	}
	pt_tally_options_init(&o);
	pt_error_clear(&err);
	if (!parse_options(options, &o, &store)) {
		goto out_opts;
	}
	if (pt_profile_init(&p, m->kind, &o, &participa_request_allocator, &err) != PT_OK) {
		participa_throw_error(&err);
		goto out_profile;
	}
	if (!profile_candidates(m, &p, &o, &store)) {
		goto out_profile;
	}
	if (profile_ballots(m, &p, ballots, &err) != PT_OK || pt_tally_count(m, &p, &o, &r, &err) != PT_OK) {
		participa_throw_error(&err);
		goto out_result;
	}
	participa_tally_result_object(ZSTR_VAL(method), ZSTR_LEN(method), &r, return_value);
	ok = true;
out_result:
	pt_tally_result_free(&r);
out_profile:
	pt_profile_free(&p);
out_opts:
	if (store.roles) {
		efree(store.roles);
		efree(store.role_lens);
	}
	if (store.costs) {
		efree(store.costs);
	}
	if (!ok) {
		RETURN_THROWS();
	}
}

pt_status participa_tally_add_ballot(pt_profile *p, zval *ballot, pt_error *err)
{
	return add_ballot(p, ballot, err);
}

ZEND_METHOD(Participa_TallyResult, toArray)
{
	static const char *const names[] = { "method", "winners", "ranking", "details", "tieBreaks" };
	size_t i;

	ZEND_PARSE_PARAMETERS_NONE();
	array_init_size(return_value, 5);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		zval rv, *v = zend_read_property(participa_ce_TallyResult, Z_OBJ_P(ZEND_THIS), names[i],
			strlen(names[i]), 1, &rv);

		Z_TRY_ADDREF_P(v);
		zend_hash_str_add_new(Z_ARRVAL_P(return_value), names[i], strlen(names[i]), v);
	}
}

/* toArray() as the results fragment (core/fragment/results_view.h); $opts read as Process::info(). */
ZEND_METHOD(Participa_TallyResult, html)
{
	zval *host, data, res, info;
	HashTable *opts = NULL;

	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_OBJECT_OF_CLASS(host, participa_ce_Host)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(opts)
	ZEND_PARSE_PARAMETERS_END();
	array_init(&data);
	zend_call_method_with_0_params(Z_OBJ_P(ZEND_THIS), participa_ce_TallyResult, NULL, "toarray", &res);
	add_assoc_zval(&data, "results", &res);
	ZVAL_ARR(&info, opts ? zend_array_dup(opts) : zend_new_array(0));
	add_assoc_zval(&data, "info", &info);
	participa_fragment_html(host, &data, pt_fragment_results_data_view, "process-results", return_value);
}
