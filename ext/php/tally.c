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
#include "zend_exceptions.h"

#include "php_participa.h"
#include "participa_errors.h"
#include "participa_tally.h"
#include "tally_arginfo.h"
#include "core/tally/tally.h"

zend_class_entry *participa_ce_Tally;
zend_class_entry *participa_ce_TallyResult;

/* ---- value tree -> zval --------------------------------------------- */

void participa_value_to_zval(const pt_value *v, zval *out)
{
	size_t i;

	switch (v->type) {
	case PT_VALUE_BOOL:
		ZVAL_BOOL(out, v->u.b);
		break;
	case PT_VALUE_INT:
		ZVAL_LONG(out, (zend_long)v->u.i);
		break;
	case PT_VALUE_RATIONAL:
		/* exact in the core; integral values stay integers for PHP */
		if (v->u.r.den == 1) {
			ZVAL_LONG(out, (zend_long)v->u.r.num);
		} else {
			ZVAL_DOUBLE(out, (double)v->u.r.num / (double)v->u.r.den);
		}
		break;
	case PT_VALUE_STRING:
		ZVAL_STRINGL(out, v->u.s.s, v->u.s.len);
		break;
	case PT_VALUE_LIST:
		array_init_size(out, (uint32_t)v->u.c.count);
		for (i = 0; i < v->u.c.count; i++) {
			zval item;

			participa_value_to_zval(v->u.c.items[i], &item);
			zend_hash_next_index_insert_new(Z_ARRVAL_P(out), &item);
		}
		break;
	case PT_VALUE_MAP:
		array_init_size(out, (uint32_t)v->u.c.count);
		for (i = 0; i < v->u.c.count; i++) {
			zval item;

			participa_value_to_zval(v->u.c.items[i], &item);
			/* symtable: numeric ids ("3") become integer keys, as PHP would */
			zend_symtable_str_update(Z_ARRVAL_P(out), v->u.c.keys[i], v->u.c.key_lens[i], &item);
		}
		break;
	default:
		ZVAL_NULL(out);
		break;
	}
}

/* ---- options ---------------------------------------------------------- */

/* Parses a fraction in (0, 1], as the YAML does: 'p/q', a decimal string
 * '0.5', the int 1, or a float (read to 6 decimals). 0 with a ValueError:
 * a threshold of 0 would approve a motion everyone voted against, and one
 * above 1 could never pass. */
static int parse_fraction(zval *zv, const char *name, int64_t *num, int64_t *den)
{
	ZVAL_DEREF(zv);
	if (Z_TYPE_P(zv) == IS_LONG) {
		*num = Z_LVAL_P(zv);
		*den = 1;
	} else if (Z_TYPE_P(zv) == IS_DOUBLE) {
		double d = Z_DVAL_P(zv);

		if (!(d > 0 && d <= 1)) {   /* also NaN */
			goto range;
		}
		*num = (int64_t)(d * 1000000.0 + 0.5);
		*den = 1000000;
	} else if (Z_TYPE_P(zv) == IS_STRING) {
		const char *s = Z_STRVAL_P(zv), *slash = strchr(s, '/');
		char *end;

		if (slash) {
			long long a = strtoll(s, &end, 10), b;

			if (end != slash) {
				goto bad;
			}
			b = strtoll(slash + 1, &end, 10);
			if (*end || b <= 0 || a < 0 || a > 1000000000LL || b > 1000000000LL) {
				goto bad;
			}
			*num = a;
			*den = b;
		} else {
			/* decimal text, exact */
			int64_t n = 0, d = 1;
			int dot = 0;
			const char *c = s;

			if (!*c) {
				goto bad;
			}
			for (; *c; c++) {
				if (*c == '.' && !dot) {
					dot = 1;
				} else if (*c >= '0' && *c <= '9' && n < 100000000000LL && d < 1000000000000LL) {
					n = n * 10 + (*c - '0');
					if (dot) {
						d *= 10;
					}
				} else {
					goto bad;
				}
			}
			*num = n;
			*den = d;
		}
	} else {
		goto bad;
	}
	if (*num <= 0 || *num > *den) {
		goto range;
	}
	return 1;
range:
	zend_argument_value_error(3, "option \"%s\" must be a fraction greater than 0 and at most 1, such as '2/3' or '0.5'", name);
	return 0;
bad:
	zend_argument_value_error(3, "option \"%s\" must be a fraction such as '2/3' or '0.5'", name);
	return 0;
}

static int opt_long(zval *zv, const char *name, zend_long lo, zend_long hi, zend_long *out)
{
	ZVAL_DEREF(zv);
	if (Z_TYPE_P(zv) != IS_LONG) {
		zend_argument_type_error(3, "option \"%s\" must be of type int, %s given", name, zend_zval_type_name(zv));
		return 0;
	}
	if (Z_LVAL_P(zv) < lo || Z_LVAL_P(zv) > hi) {
		zend_argument_value_error(3, "option \"%s\" must be between " ZEND_LONG_FMT " and " ZEND_LONG_FMT,
			name, lo, hi);
		return 0;
	}
	*out = Z_LVAL_P(zv);
	return 1;
}

/* One of the given words; returns its index or -1 (ValueError thrown). */
static int opt_enum(zval *zv, const char *name, const char *const *words)
{
	int i;

	ZVAL_DEREF(zv);
	if (Z_TYPE_P(zv) == IS_STRING) {
		for (i = 0; words[i]; i++) {
			if (zend_string_equals_cstr(Z_STR_P(zv), words[i], strlen(words[i]))) {
				return i;
			}
		}
	}
	zend_argument_value_error(3, "option \"%s\" has an unknown value", name);
	return -1;
}

static int opt_bool(zval *zv, const char *name, int *out)
{
	ZVAL_DEREF(zv);
	if (Z_TYPE_P(zv) != IS_TRUE && Z_TYPE_P(zv) != IS_FALSE) {
		zend_argument_type_error(3, "option \"%s\" must be of type bool, %s given", name, zend_zval_type_name(zv));
		return 0;
	}
	*out = Z_TYPE_P(zv) == IS_TRUE;
	return 1;
}

/* A money amount: int, or a string pt_pb-style without decimals beyond 0. */
static int opt_money(zval *zv, const char *name, int64_t *out)
{
	ZVAL_DEREF(zv);
	if (Z_TYPE_P(zv) == IS_LONG && Z_LVAL_P(zv) >= 0) {
		*out = Z_LVAL_P(zv);
		return 1;
	}
	if (Z_TYPE_P(zv) == IS_STRING) {
		/* "40000" or "40000.0"; amounts with cents: give them in cents */
		const char *s = Z_STRVAL_P(zv);
		int64_t v = 0;
		size_t i, n = Z_STRLEN_P(zv);

		for (i = 0; i < n && s[i] >= '0' && s[i] <= '9' && v < INT64_MAX / 10 - 9; i++) {
			v = v * 10 + (s[i] - '0');
		}
		if (i > 0 && i < n && s[i] == '.') {
			for (i++; i < n && s[i] == '0'; i++);
		}
		if (i == n && n > 0 && s[0] != '.') {
			*out = v;
			return 1;
		}
	}
	zend_argument_value_error(3, "option \"%s\" must be a non-negative whole amount (int or string such as \"40000\")", name);
	return 0;
}

typedef struct opts_store {
	const char **roles;
	size_t *role_lens;
	int64_t *costs;
	HashTable *candidates;
	HashTable *projects;
} opts_store;

static int parse_options(HashTable *ht, pt_tally_options *o, opts_store *st)
{
	static const char *const quotas[] = { "droop", "hare", NULL };
	static const char *const transfers[] = { "wigm", "meek", NULL };
	static const char *const invalids[] = { "error", "count", NULL };
	static const char *const aggregates[] = { "total", "mean", NULL };
	static const char *const bases[] = { "cast", "present", "eligible", NULL };
	static const char *const completions[] = { "none", "add1", "add1u", NULL };
	static const char *const starts[] = { "floor", "exact", NULL };
	zend_string *key;
	zval *zv;
	zend_long l;
	int e;

	if (!ht) {
		return 1;
	}
	ZEND_HASH_FOREACH_STR_KEY_VAL(ht, key, zv) {
		const char *k;

		if (!key) {
			zend_argument_value_error(3, "must have string keys (option names)");
			return 0;
		}
		k = ZSTR_VAL(key);
		ZVAL_DEREF(zv);
		if (!strcmp(k, "candidates")) {
			if (Z_TYPE_P(zv) != IS_ARRAY) {
				zend_argument_type_error(3, "option \"candidates\" must be of type array, %s given", zend_zval_type_name(zv));
				return 0;
			}
			st->candidates = Z_ARRVAL_P(zv);
		} else if (!strcmp(k, "projects")) {
			if (Z_TYPE_P(zv) != IS_ARRAY) {
				zend_argument_type_error(3, "option \"projects\" must be of type array, %s given", zend_zval_type_name(zv));
				return 0;
			}
			st->projects = Z_ARRVAL_P(zv);
		} else if (!strcmp(k, "seats")) {
			if (!opt_long(zv, k, 1, PT_TALLY_MAX_CANDIDATES, &l)) return 0;
			o->seats = (uint32_t)l;
		} else if (!strcmp(k, "quota")) {
			if ((e = opt_enum(zv, k, quotas)) < 0) return 0;
			o->quota = (pt_quota)e;
		} else if (!strcmp(k, "transfer")) {
			if ((e = opt_enum(zv, k, transfers)) < 0) return 0;
			o->transfer = (pt_transfer)e;
		} else if (!strcmp(k, "min")) {
			if (!opt_long(zv, k, -PT_TALLY_MAX_SCORE, PT_TALLY_MAX_SCORE, &l)) return 0;
			o->min = l;
			o->has_min = 1;
		} else if (!strcmp(k, "max")) {
			if (!opt_long(zv, k, -PT_TALLY_MAX_SCORE, PT_TALLY_MAX_SCORE, &l)) return 0;
			o->max = l;
			o->has_max = 1;
		} else if (!strcmp(k, "min_choices")) {
			if (!opt_long(zv, k, 0, UINT32_MAX, &l)) return 0;
			o->min_choices = (uint32_t)l;
		} else if (!strcmp(k, "max_choices")) {
			if (!opt_long(zv, k, 0, UINT32_MAX, &l)) return 0;
			o->max_choices = (uint32_t)l;
		} else if (!strcmp(k, "seed")) {
			if (!opt_long(zv, k, ZEND_LONG_MIN, ZEND_LONG_MAX, &l)) return 0;
			o->seed = (uint64_t)l;
			o->has_seed = 1;
		} else if (!strcmp(k, "invalid")) {
			if ((e = opt_enum(zv, k, invalids)) < 0) return 0;
			o->count_invalid = e == 1;
		} else if (!strcmp(k, "aggregate")) {
			if ((e = opt_enum(zv, k, aggregates)) < 0) return 0;
			o->aggregate = (pt_aggregate)e;
		} else if (!strcmp(k, "threshold")) {
			if (Z_TYPE_P(zv) == IS_STRING && zend_string_equals_literal(Z_STR_P(zv), "simple")) {
				o->threshold_kind = PT_THRESHOLD_SIMPLE;
			} else if (Z_TYPE_P(zv) == IS_STRING && zend_string_equals_literal(Z_STR_P(zv), "absolute")) {
				o->threshold_kind = PT_THRESHOLD_ABSOLUTE;
			} else {
				if (!parse_fraction(zv, k, &o->threshold_num, &o->threshold_den)) return 0;
				o->threshold_kind = PT_THRESHOLD_FRACTION;
				o->has_threshold = 1;
			}
		} else if (!strcmp(k, "base")) {
			if ((e = opt_enum(zv, k, bases)) < 0) return 0;
			o->base = (pt_base_kind)e;
		} else if (!strcmp(k, "quorum")) {
			if (!parse_fraction(zv, k, &o->quorum_num, &o->quorum_den)) return 0;
			o->has_quorum = 1;
		} else if (!strcmp(k, "eligible")) {
			if (!opt_long(zv, k, 0, PT_TALLY_MAX_TOTAL_WEIGHT, &l)) return 0;
			o->eligible = l;
		} else if (!strcmp(k, "voice_only_roles")) {
			zval *r;
			size_t n = 0;

			if (Z_TYPE_P(zv) != IS_ARRAY) {
				zend_argument_type_error(3, "option \"voice_only_roles\" must be of type array, %s given", zend_zval_type_name(zv));
				return 0;
			}
			st->roles = safe_emalloc(zend_hash_num_elements(Z_ARRVAL_P(zv)) + 1, sizeof(char *), 0);
			st->role_lens = safe_emalloc(zend_hash_num_elements(Z_ARRVAL_P(zv)) + 1, sizeof(size_t), 0);
			ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(zv), r) {
				ZVAL_DEREF(r);
				if (Z_TYPE_P(r) != IS_STRING) {
					zend_argument_type_error(3, "option \"voice_only_roles\" must be a list of strings");
					return 0;
				}
				st->roles[n] = Z_STRVAL_P(r);
				st->role_lens[n++] = Z_STRLEN_P(r);
			} ZEND_HASH_FOREACH_END();
			o->voice_only_roles = st->roles;
			o->voice_only_lens = st->role_lens;
			o->voice_only_count = n;
		} else if (!strcmp(k, "block_requires_reason")) {
			if (!opt_bool(zv, k, &o->block_requires_reason)) return 0;
		} else if (!strcmp(k, "budget")) {
			if (!opt_money(zv, k, &o->pb_budget)) return 0;
		} else if (!strcmp(k, "min_length")) {
			if (!opt_long(zv, k, 0, UINT32_MAX, &l)) return 0;
			o->pb_min_length = (uint32_t)l;
		} else if (!strcmp(k, "max_length")) {
			if (!opt_long(zv, k, 0, UINT32_MAX, &l)) return 0;
			o->pb_max_length = (uint32_t)l;
		} else if (!strcmp(k, "skip")) {
			if (!opt_bool(zv, k, &o->pb_skip)) return 0;
		} else if (!strcmp(k, "completion")) {
			if ((e = opt_enum(zv, k, completions)) < 0) return 0;
			o->pb_completion = e;
		} else if (!strcmp(k, "increment")) {
			if (!opt_long(zv, k, 1, ZEND_LONG_MAX, &l)) return 0;
			o->pb_increment = l;
		} else if (!strcmp(k, "start")) {
			if ((e = opt_enum(zv, k, starts)) < 0) return 0;
			o->pb_start = e;
		} else if (!strcmp(k, "stop_when_exhaustive")) {
			if (!opt_bool(zv, k, &o->pb_stop_when_exhaustive)) return 0;
		} else if (!strcmp(k, "pb_threshold") || !strcmp(k, "min_approvals")) {
			if (!opt_long(zv, k, 0, ZEND_LONG_MAX, &l)) return 0;
			o->pb_threshold = l;
		} else {
			zend_argument_value_error(3, "contains an unknown option \"%s\"", k);
			return 0;
		}
	} ZEND_HASH_FOREACH_END();
	if (o->min > o->max) {
		zend_argument_value_error(3, "option \"min\" must not be greater than \"max\"");
		return 0;
	}
	return 1;
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

static pt_status add_ballot(pt_profile *p, zval *zv, pt_error *err)
{
	int64_t weight = 1;
	char buf[32];
	const char *s;
	size_t len;
	pt_status st;
	zval *item;

	ZVAL_DEREF(zv);
	/* the hot path: a ranking string */
	if (Z_TYPE_P(zv) == IS_STRING && p->kind == PT_BALLOT_RANKING) {
		return pt_profile_add_ranking_str(p, 1, Z_STRVAL_P(zv), Z_STRLEN_P(zv), err);
	}
	/* ['weight' => int, 'ballot' => ...] */
	if (Z_TYPE_P(zv) == IS_ARRAY && !HT_IS_PACKED(Z_ARRVAL_P(zv))) {
		zval *inner = zend_hash_str_find(Z_ARRVAL_P(zv), "ballot", sizeof("ballot") - 1);

		if (inner) {
			zval *w = zend_hash_str_find(Z_ARRVAL_P(zv), "weight", sizeof("weight") - 1);

			if (w) {
				ZVAL_DEREF(w);
			}
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
	case PT_BALLOT_RANKING:
		if (Z_TYPE_P(zv) != IS_ARRAY) {
			pt_ballot_reject(p, "una clasificación debe ser un texto 'A>B=C' o una lista");
			break;
		}
		ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(zv), item) {
			ZVAL_DEREF(item);
			if (Z_TYPE_P(item) == IS_ARRAY) {
				zval *t;
				int first = 1;

				ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(item), t) {
					if (!zval_id(t, buf, &s, &len)) {
						pt_ballot_reject(p, "un candidato debe ser un texto");
						break;
					}
					if ((st = pt_ballot_item(p, s, len, !first, 0, err)) != PT_OK) {
						p->in_ballot = 0;
						return st;
					}
					first = 0;
				} ZEND_HASH_FOREACH_END();
			} else if (zval_id(item, buf, &s, &len)) {
				if ((st = pt_ballot_item(p, s, len, 0, 0, err)) != PT_OK) {
					p->in_ballot = 0;
					return st;
				}
			} else {
				pt_ballot_reject(p, "un candidato debe ser un texto");
				break;
			}
		} ZEND_HASH_FOREACH_END();
		break;
	case PT_BALLOT_APPROVAL:
		if (zval_id(zv, buf, &s, &len)) {
			st = pt_ballot_item(p, s, len, 0, 0, err);
		} else if (Z_TYPE_P(zv) == IS_ARRAY) {
			ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(zv), item) {
				if (!zval_id(item, buf, &s, &len)) {
					pt_ballot_reject(p, "una aprobación debe nombrar candidatos");
					break;
				}
				if ((st = pt_ballot_item(p, s, len, 0, 0, err)) != PT_OK) {
					break;
				}
			} ZEND_HASH_FOREACH_END();
		} else {
			pt_ballot_reject(p, "una boleta de aprobación debe ser una lista de candidatos");
		}
		if (st != PT_OK) {
			p->in_ballot = 0;
			return st;
		}
		break;
	case PT_BALLOT_SCORE: {
		zend_string *key;
		zend_ulong idx;

		if (Z_TYPE_P(zv) != IS_ARRAY) {
			pt_ballot_reject(p, "una boleta de calificaciones debe ser ['A' => 4, ...]");
			break;
		}
		ZEND_HASH_FOREACH_KEY_VAL(Z_ARRVAL_P(zv), idx, key, item) {
			ZVAL_DEREF(item);
			if (Z_TYPE_P(item) != IS_LONG) {
				pt_ballot_reject(p, "una calificación debe ser un entero");
				break;
			}
			if (key) {
				s = ZSTR_VAL(key);
				len = ZSTR_LEN(key);
			} else {
				/* an integer key is signed: candidate -5 is "-5" */
				len = (size_t)snprintf(buf, sizeof(buf), ZEND_LONG_FMT, (zend_long)idx);
				s = buf;
			}
			if ((st = pt_ballot_item(p, s, len, 0, Z_LVAL_P(item), err)) != PT_OK) {
				p->in_ballot = 0;
				return st;
			}
		} ZEND_HASH_FOREACH_END();
		break;
	}
	case PT_BALLOT_STANCE: {
		zval *z, *role = NULL, *reason = NULL, *voter = NULL;
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
			break;
		}
		if ((role && Z_TYPE_P(role) != IS_STRING && Z_TYPE_P(role) != IS_NULL)
			|| (reason && Z_TYPE_P(reason) != IS_STRING && Z_TYPE_P(reason) != IS_NULL)) {
			pt_ballot_reject(p, "el rol y la razón deben ser textos");
			break;
		}
		if (voter && Z_TYPE_P(voter) != IS_NULL && !zval_id(voter, buf, &s, &len)) {
			pt_ballot_reject(p, "el votante debe ser un texto");
			break;
		}
		st = pt_ballot_stance(p, (pt_stance)stance,
			role && Z_TYPE_P(role) == IS_STRING ? Z_STRVAL_P(role) : NULL,
			role && Z_TYPE_P(role) == IS_STRING ? Z_STRLEN_P(role) : 0,
			reason && Z_TYPE_P(reason) == IS_STRING ? Z_STRVAL_P(reason) : NULL,
			reason && Z_TYPE_P(reason) == IS_STRING ? Z_STRLEN_P(reason) : 0,
			voter && Z_TYPE_P(voter) != IS_NULL ? s : NULL,
			voter && Z_TYPE_P(voter) != IS_NULL ? len : 0, err);
		if (st != PT_OK) {
			p->in_ballot = 0;
			return st;
		}
		break;
	}
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

ZEND_METHOD(Participa_Tally, count)
{
	zend_string *method;
	HashTable *ballots, *options = NULL;
	const pt_tally_method *m;
	pt_tally_options o;
	opts_store store;
	pt_profile p;
	pt_tally_result r;
	pt_error err;
	zval *zv, tmp;
	int ok = 0;

	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_STR(method)
		Z_PARAM_ARRAY_HT(ballots)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(options)
	ZEND_PARSE_PARAMETERS_END();

	m = pt_tally_find(ZSTR_VAL(method), ZSTR_LEN(method));
	if (!m) {
		zend_argument_value_error(1, "must be a known tally method, \"%s\" given", ZSTR_VAL(method));
		RETURN_THROWS();
	}
	pt_tally_options_init(&o);
	memset(&store, 0, sizeof(store));
	memset(&r, 0, sizeof(r));
	pt_error_clear(&err);
	if (!parse_options(options, &o, &store)) {
		goto out_opts;
	}
	if (pt_profile_init(&p, m->kind, &o, &participa_request_allocator, &err) != PT_OK) {
		participa_throw_error(&err);
		goto out_profile;
	}
	if (!strncmp(m->id, "pb_", 3)) {
		zend_string *key;
		zend_ulong idx;
		size_t n = 0;

		if (!store.projects) {
			zend_argument_value_error(3, "must contain \"projects\" (id => cost) for %s", m->id);
			goto out_profile;
		}
		store.costs = safe_emalloc(zend_hash_num_elements(store.projects) + 1, sizeof(int64_t), 0);
		ZEND_HASH_FOREACH_KEY_VAL(store.projects, idx, key, zv) {
			char buf[32];
			const char *s = key ? ZSTR_VAL(key) : buf;
			size_t len = key ? ZSTR_LEN(key) : (size_t)snprintf(buf, sizeof(buf), ZEND_LONG_FMT, (zend_long)idx);

			if (!opt_money(zv, "projects", &store.costs[n])) {
				goto out_profile;
			}
			n++;
			if (pt_profile_add_candidate(&p, s, len, &err) != PT_OK) {
				zend_argument_value_error(3, "%s", err.message);
				goto out_profile;
			}
		} ZEND_HASH_FOREACH_END();
		o.pb_costs = store.costs;
		pt_profile_fix_candidates(&p);
	} else if (store.candidates) {
		ZEND_HASH_FOREACH_VAL(store.candidates, zv) {
			char buf[32];
			const char *s;
			size_t len;

			if (!zval_id(zv, buf, &s, &len)) {
				zend_argument_type_error(3, "option \"candidates\" must be a list of strings");
				goto out_profile;
			}
			if (pt_profile_add_candidate(&p, s, len, &err) != PT_OK) {
				zend_argument_value_error(3, "option %s", err.message);
				goto out_profile;
			}
		} ZEND_HASH_FOREACH_END();
		pt_profile_fix_candidates(&p);
	}
	if (pt_tally_check_size(m, &p, &err) != PT_OK) {
		/* too many candidates for this method: refused before reading ballots */
		participa_throw_error(&err);
		goto out_profile;
	}
	if (m->flags & PT_TALLY_PAIRWISE) {
		/* the Condorcet family and Borda only need the pairwise matrix:
		 * fold each ballot in as it is parsed, keep none */
		if (pt_profile_stream_pairwise(&p, &err) != PT_OK) {
			participa_throw_error(&err);
			goto out_profile;
		}
	} else if (pt_profile_reserve(&p, zend_hash_num_elements(ballots), p.ncand ? p.ncand : 4, &err) != PT_OK) {
		participa_throw_error(&err);
		goto out_profile;
	}
	ZEND_HASH_FOREACH_VAL(ballots, zv) {
		if (add_ballot(&p, zv, &err) != PT_OK) {
			participa_throw_error(&err);
			goto out_profile;
		}
	} ZEND_HASH_FOREACH_END();
	if (pt_tally_count(m, &p, &o, &r, &err) != PT_OK) {
		participa_throw_error(&err);
		goto out_result;
	}
	object_init_ex(return_value, participa_ce_TallyResult);
	ZVAL_STR_COPY(&tmp, method);
	set_prop(return_value, "method", sizeof("method") - 1, &tmp);
	participa_value_to_zval(r.winners, &tmp);
	set_prop(return_value, "winners", sizeof("winners") - 1, &tmp);
	participa_value_to_zval(r.ranking, &tmp);
	set_prop(return_value, "ranking", sizeof("ranking") - 1, &tmp);
	participa_value_to_zval(r.details, &tmp);
	set_prop(return_value, "details", sizeof("details") - 1, &tmp);
	participa_value_to_zval(r.tie_breaks, &tmp);
	set_prop(return_value, "tieBreaks", sizeof("tieBreaks") - 1, &tmp);
	ok = 1;
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

void participa_register_tally(void)
{
	participa_ce_Tally = register_class_Participa_Tally();
	participa_ce_TallyResult = register_class_Participa_TallyResult();
}
