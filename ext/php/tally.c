/*
 * participa binding: Participa\Tally and Participa\TallyResult.
 *
 * Thin by design: parse the options into a pt_tally_options, the ballots
 * into a pt_profile (core's shape rules, core/tally/ballot_shape.h, walking
 * the zvals themselves: no copy, no allocation per ballot), call the method
 * from the core table, and turn the result's value trees into arrays with
 * the one conversion (value.c).
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
#include "core/tally/tally_floor.h"

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

/* The list options as value trees (the count reads their texts), and what core allocated for them. */
typedef struct opts_store {
	pt_value *roles, *candidates, *projects;
	pt_tally_api_lists lists;
} opts_store;

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
		/* the lists (arrays: pt_tally_option_arg() checked), read by core */
		if (d->id == PT_TOPT_CANDIDATES) {
			st->candidates = participa_value_from_zval(zv, &participa_request_allocator, 1);
		} else if (d->id == PT_TOPT_PROJECTS) {
			st->projects = participa_value_from_zval(zv, &participa_request_allocator, 1);
		} else if (d->id == PT_TOPT_VOICE_ONLY_ROLES) {
			st->roles = participa_value_from_zval(zv, &participa_request_allocator, 1);
			if ((f = pt_tally_roles_value(st->roles, o, &st->lists, &err)) != PT_TARG_OK) {
				participa_throw_argument(3, f == PT_TARG_TYPE, "%s", err.message);
				return false;
			}
		}
	} ZEND_HASH_FOREACH_END();
	if (pt_tally_options_check(o, &err) != PT_TARG_OK) {
		participa_throw_argument(3, false, "%s", err.message);
		return false;
	}
	return true;
}

/* ---- ballots: core/tally/ballot_shape.h's walk over the zvals themselves -- */

/* The accessors the walk reads a ballot with (ballot_shape.h); nodes are dereferenced zvals. */
typedef zval *pt_bs_node;

static inline int pt_bs_is_null(zval *z) { return Z_TYPE_P(z) == IS_NULL; }
static inline int pt_bs_is_int(zval *z) { return Z_TYPE_P(z) == IS_LONG; }
static inline int pt_bs_is_str(zval *z) { return Z_TYPE_P(z) == IS_STRING; }
static inline int pt_bs_is_list(zval *z) { return Z_TYPE_P(z) == IS_ARRAY; }
static inline int64_t pt_bs_int(zval *z) { return (int64_t)Z_LVAL_P(z); }
static inline const char *pt_bs_str(zval *z, size_t *len) { *len = Z_STRLEN_P(z); return Z_STRVAL_P(z); }

/* A packed array has no string keys: no lookup (a list of ids is the common ballot). */
static inline zval *pt_bs_get(zval *c, const char *key, size_t len)
{
	return HT_IS_PACKED(Z_ARRVAL_P(c)) ? NULL : zend_hash_str_find_deref(Z_ARRVAL_P(c), key, len);
}

/* ZEND_HASH_FOREACH's walk, as a cursor. */
typedef struct pt_bs_iter {
	zval *start, *z, *end;
	size_t size;
	bool packed;
} pt_bs_iter;

static inline void pt_bs_first(zval *c, pt_bs_iter *it)
{
	HashTable *ht = Z_ARRVAL_P(c);

	it->packed = HT_IS_PACKED(ht);
	it->size = ZEND_HASH_ELEMENT_SIZE(ht);
	it->start = it->z = ht->arPacked;
	it->end = ZEND_HASH_ELEMENT_EX(ht, ht->nNumUsed, it->size);
}

static inline zval *pt_bs_next(pt_bs_iter *it)
{
	zval *z;

	do {
		if (it->z == it->end) {
			return NULL;
		}
		z = it->z;
		it->z = ZEND_HASH_NEXT_ELEMENT(z, it->size);
	} while (Z_TYPE_P(z) == IS_UNDEF);
	ZVAL_DEREF(z);
	return z;
}

/* A packed array's keys are its positions; a hash's, its buckets' (the member is before it->z). */
static inline const char *pt_bs_key(const pt_bs_iter *it, size_t *len, int64_t *index)
{
	zval *z = (zval *)((char *)it->z - it->size);
	Bucket *b = (Bucket *)z;   /* the zval is a bucket's first member */

	if (it->packed) {
		*len = 0;
		*index = (int64_t)(z - it->start);
		return NULL;
	}
	*len = b->key ? ZSTR_LEN(b->key) : 0;
	*index = (int64_t)(zend_long)b->h;
	return b->key ? ZSTR_VAL(b->key) : NULL;
}

#include "core/tally/ballot_shape.h"

/* ---- methods ---------------------------------------------------------- */

ZEND_METHOD(Participa_Tally, __construct) {}
ZEND_METHOD(Participa_TallyResult, __construct) {}

static void set_prop(zval *obj, const char *name, size_t len, zval *v)
{
	zend_update_property(participa_ce_TallyResult, Z_OBJ_P(obj), name, len, v);
	zval_ptr_dtor(v);
}

void participa_tally_result_object(const char *method, size_t method_len, const pt_tally_result *r, zval *out)
{
	static const char *const names[] = { "winners", "ranking", "details", "tieBreaks" };
	const pt_value *values[] = { r->winners, r->ranking, r->details, r->tie_breaks };
	zval tmp;
	size_t i;

	object_init_ex(out, participa_ce_TallyResult);
	ZVAL_STRINGL(&tmp, method, method_len);
	set_prop(out, "method", sizeof("method") - 1, &tmp);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		participa_value_to_zval(values[i], &tmp);
		set_prop(out, names[i], strlen(names[i]), &tmp);
	}
}

/* Reads the ballots into p, readied as m counts best (streamed, compact: pt_tally_prepare()). */
static pt_status profile_ballots(const pt_tally_method *m, pt_profile *p, HashTable *ballots, pt_error *err)
{
	pt_status st;
	zval *zv;

	if ((st = pt_tally_prepare(m, p, zend_hash_num_elements(ballots), err)) != PT_OK) {
		return st;
	}
	ZEND_HASH_FOREACH_VAL(ballots, zv) {
		ZVAL_DEREF(zv);
		if ((st = pt_bs_add_ballot(p, zv, err)) != PT_OK) {
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
	opts_store store = { NULL, NULL, NULL, { &participa_request_allocator, NULL, NULL, NULL } };
	pt_profile p;
	pt_tally_result r = { 0 };
	pt_tally_arg_fault f;
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
	/* "projects" (id => cost) for a method that needs costs, else "candidates" if given */
	if ((f = pt_tally_candidates_value(m, store.candidates, store.projects, &p, &o, &store.lists, &err)) != PT_TARG_OK) {
		participa_throw_argument(3, f == PT_TARG_TYPE, "%s", err.message);
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
	pt_tally_api_lists_free(&store.lists);
	pt_value_free(store.roles);
	pt_value_free(store.candidates);
	pt_value_free(store.projects);
	if (!ok) {
		RETURN_THROWS();
	}
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

#ifdef PARTICIPA_BENCH
/* Bench builds only (PARTICIPA_BENCH), in no stub: bench/tally.php's floor (core/tally/tally_floor.h). */
ZEND_FUNCTION(tally_parse_floor)
{
	HashTable *ballots;
	pt_tally_floor f;
	uint64_t sum = 0;
	zval *zv;

	ZEND_PARSE_PARAMETERS_START(1, 1) Z_PARAM_ARRAY_HT(ballots) ZEND_PARSE_PARAMETERS_END();
	pt_tally_floor_init(&f, &participa_request_allocator);
	ZEND_HASH_FOREACH_VAL(ballots, zv) {
		ZVAL_DEREF(zv);
		sum += Z_TYPE_P(zv) == IS_STRING ? pt_tally_floor_ranks(&f, Z_STRVAL_P(zv), Z_STRLEN_P(zv)) : 0;
	} ZEND_HASH_FOREACH_END();
	pt_tally_floor_free(&f);
	RETURN_LONG((zend_long)sum);
}
ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_tally_parse_floor, 0, 1, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, ballots, IS_ARRAY, 0)
ZEND_END_ARG_INFO()
const zend_function_entry participa_bench_functions[] = {
	ZEND_NS_FE("Participa\\Bench", tally_parse_floor, arginfo_tally_parse_floor)
	ZEND_FE_END
};
#endif
