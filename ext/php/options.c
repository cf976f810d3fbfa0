/*
 * participa binding: arguments and option arrays, shared by every class
 * (participa_options.h).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "php.h"

#include "participa_errors.h"
#include "participa_enums.h"
#include "participa_options.h"
#include "io/thread/thread_store.h"
#include "core/common/pt_id.h"

bool participa_ok(pt_status s, const pt_error *err)
{
	if (s != PT_OK) {
		participa_throw_error(err);
		return false;
	}
	return true;
}

bool participa_thread_reason_arg(zend_string *s)
{
	pt_error err;

	pt_error_clear(&err);
	return participa_ok(pt_thread_reason_check(ZSTR_VAL(s), ZSTR_LEN(s), &err), &err);
}

/* An options array's value for key, references followed; NULL when absent or null. */
static zval *opt_find(HashTable *opts, const char *key)
{
	zval *v = opts ? zend_hash_str_find(opts, key, strlen(key)) : NULL;

	if (v) {
		ZVAL_DEREF(v);   /* ['parent' => &$x] */
		if (Z_TYPE_P(v) == IS_NULL) {
			v = NULL;
		}
	}
	return v;
}

/* The option's value when it has type (or is absent: NULL); otherwise the TypeError naming an
 * option, or a filter, with the type in Spanish. */
static bool opt_typed(HashTable *opts, bool filter, const char *key, zend_uchar type, const char *type_name,
	zval **out)
{
	*out = opt_find(opts, key);
	if (*out && Z_TYPE_P(*out) != type) {
		participa_throw_type("%s '%s' debe ser %s (se recibió %s).", filter ? "El filtro" : "La opción", key,
			type_name, zend_zval_type_name(*out));
		return false;
	}
	return true;
}

bool participa_opts(HashTable *opts, bool filter, const participa_opt *o, size_t n)
{
	zend_string **s;
	zval *v;
	pt_error err;
	char what[64];

	for (; n--; o++) {
		if (o->type == PO_LONG) {
			if (!opt_typed(opts, filter, o->key, IS_LONG, "un número entero", &v)) {
				return false;
			}
			*(zend_long *)o->out = v ? Z_LVAL_P(v) : o->def;
			continue;
		}
		s = o->out;
		v = opt_find(opts, o->key);
		if (o->type == PO_ENUM && v && Z_TYPE_P(v) == IS_OBJECT) {
			snprintf(what, sizeof(what), "La opción '%s'", o->key);
			if (!(*s = participa_enum_value(v, o->ce, what))) {
				return false;
			}
			continue;
		}
		*s = NULL;
		if (!opt_typed(opts, filter, o->key, IS_STRING, "una cadena", &v)) {
			return false;
		}
		*s = v ? Z_STR_P(v) : NULL;
		pt_error_clear(&err);
		if (*s && (o->type == PO_ID || o->type == PO_KIND) && !participa_ok(o->type == PO_KIND
				? pt_kind_check(o->what, ZSTR_VAL(*s), ZSTR_LEN(*s), &err)
				: pt_id_check(o->what, ZSTR_VAL(*s), ZSTR_LEN(*s), &err), &err)) {
			return false;
		}
	}
	return true;
}
