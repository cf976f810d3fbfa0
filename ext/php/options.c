/*
 * participa binding: arguments and option arrays, shared by every class
 * (participa_options.h).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "php.h"
#include "ext/random/php_random.h"

#include "participa_errors.h"
#include "participa_enums.h"
#include "participa_options.h"
#include "io/thread/thread_store.h"

bool participa_ok(pt_status s, const pt_error *err)
{
	if (s != PT_OK) {
		participa_throw_error(err);
		return false;
	}
	return true;
}

/* Ids follow the one id rule (pt_id.h) at every entry point, so C and SQL
 * (PAD SPACE, INSERT IGNORE's '?') compare them the same way. */
bool participa_thread_id_arg(zend_string *id, const char *what)
{
	return participa_id_arg(what, id);
}

bool participa_thread_reason_arg(zend_string *s)
{
	pt_error err;

	pt_error_clear(&err);
	return participa_ok(pt_thread_reason_check(ZSTR_VAL(s), ZSTR_LEN(s), &err), &err);
}

zval *participa_opt_find(HashTable *opts, const char *key)
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

/* The TypeError of an option (or filter) of the wrong type; `type` is Spanish. */
static bool wrong_type(bool filter, const char *key, const char *type, zval *v)
{
	participa_throw_type("%s '%s' debe ser %s (se recibió %s).", filter ? "El filtro" : "La opción", key, type,
		zend_zval_type_name(v));
	return false;
}

bool participa_opt_string(HashTable *opts, bool filter, const char *key, zend_string **out)
{
	zval *v = participa_opt_find(opts, key);

	*out = NULL;
	if (!v) {
		return true;
	}
	if (Z_TYPE_P(v) != IS_STRING) {
		return wrong_type(filter, key, "una cadena", v);
	}
	*out = Z_STR_P(v);
	return true;
}

bool participa_opt_long(HashTable *opts, bool filter, const char *key, zend_long def, zend_long *out)
{
	zval *v = participa_opt_find(opts, key);

	*out = def;
	if (!v) {
		return true;
	}
	if (Z_TYPE_P(v) != IS_LONG) {
		return wrong_type(filter, key, "un número entero", v);
	}
	*out = Z_LVAL_P(v);
	return true;
}

bool participa_opt_enum(HashTable *opts, const char *key, zend_class_entry *ce, zend_string **out)
{
	zval *v = participa_opt_find(opts, key);
	char what[64];

	*out = NULL;
	if (!v || Z_TYPE_P(v) != IS_OBJECT) {
		return participa_opt_string(opts, false, key, out);
	}
	snprintf(what, sizeof(what), "La opción '%s'", key);
	*out = participa_enum_value(v, ce, what);
	return *out != NULL;
}

bool participa_cursor_key(pt_db *db, bool have, const uint8_t *stored, uint8_t key[PT_CURSOR_KEY_BYTES])
{
	uint8_t fresh[PT_CURSOR_KEY_BYTES];
	pt_error err;

	if (have) {
		memcpy(key, stored, PT_CURSOR_KEY_BYTES);
		return true;
	}
	if (php_random_bytes_throw(fresh, sizeof(fresh)) != SUCCESS) {
		return false;
	}
	pt_error_clear(&err);
	return participa_ok(pt_thread_store_cursor_key(db, fresh, key, &err), &err);
}
