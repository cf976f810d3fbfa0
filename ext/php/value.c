/* participa binding: pt_value <-> zval (see participa_value.h). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"

#include "participa_value.h"

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
	case PT_VALUE_REAL:
		ZVAL_DOUBLE(out, v->u.d);
		break;
	case PT_VALUE_STRING:
		ZVAL_STRINGL(out, v->u.s.s, v->u.s.len);
		break;
	case PT_VALUE_LIST:
	case PT_VALUE_MAP:
		array_init_size(out, (uint32_t)v->u.c.count);
		for (i = 0; i < v->u.c.count; i++) {
			zval item;

			participa_value_to_zval(v->u.c.items[i], &item);
			if (v->type == PT_VALUE_LIST) {
				zend_hash_next_index_insert_new(Z_ARRVAL_P(out), &item);
			} else {
				/* symtable: numeric ids ("3") become integer keys, as PHP would */
				zend_symtable_str_update(Z_ARRVAL_P(out), v->u.c.keys[i], v->u.c.key_lens[i], &item);
			}
		}
		break;
	default:
		ZVAL_NULL(out);
		break;
	}
}

static pt_value *from_zval(zval *zv, const pt_allocator *a, int max_depth, bool reals);

static pt_value *array_value(HashTable *ht, const pt_allocator *a, int max_depth, bool reals)
{
	bool list = zend_array_is_list(ht);
	pt_value *v = list ? pt_value_list(a) : pt_value_map(a);
	zend_string *key;
	zend_ulong idx;
	zval *item;

	if (max_depth <= 0) {   /* bounds a recursive array too (a reference to itself) */
		pt_value_free(v);
		return pt_value_host(a, NULL, 0);
	}
	ZEND_HASH_FOREACH_KEY_VAL(ht, idx, key, item) {
		pt_value *child = from_zval(item, a, max_depth - 1, reals);
		char buf[32];

		if (!v || (list ? pt_value_push(v, child)
				: key ? pt_value_set(v, ZSTR_VAL(key), ZSTR_LEN(key), child)
				: pt_value_set(v, buf, (size_t)snprintf(buf, sizeof(buf), ZEND_LONG_FMT, (zend_long)idx), child))
			!= PT_OK) {
			pt_value_free(v);
			v = NULL;
			break;
		}
	} ZEND_HASH_FOREACH_END();
	return v;
}

static pt_value *from_zval(zval *zv, const pt_allocator *a, int max_depth, bool reals)
{
	zend_string *s;
	pt_value *v;

	ZVAL_DEREF(zv);
	switch (Z_TYPE_P(zv)) {
	case IS_NULL: return pt_value_null(a);
	case IS_FALSE: return pt_value_bool(a, 0);
	case IS_TRUE: return pt_value_bool(a, 1);
	case IS_LONG: return pt_value_int(a, (int64_t)Z_LVAL_P(zv));
	case IS_STRING: return pt_value_string(a, Z_STRVAL_P(zv), Z_STRLEN_P(zv));
	case IS_ARRAY: return array_value(Z_ARRVAL_P(zv), a, max_depth, reals);
	case IS_DOUBLE:
		if (reals) {
			return pt_value_real(a, Z_DVAL_P(zv));
		}
		ZEND_FALLTHROUGH;
	case IS_RESOURCE:
		s = zval_get_string(zv);
		v = pt_value_host(a, ZSTR_VAL(s), ZSTR_LEN(s));
		zend_string_release(s);
		return v;
	default: return pt_value_host(a, NULL, 0);
	}
}

pt_value *participa_value_from_zval(zval *zv, const pt_allocator *a, int max_depth)
{
	return from_zval(zv, a, max_depth, false);
}

pt_value *participa_value_from_zval_real(zval *zv, const pt_allocator *a, int max_depth)
{
	return from_zval(zv, a, max_depth, true);
}
