/*
 * participa binding: Participa\Template::render() and ::cacheInfo() (see
 * template.stub.php).
 *
 * Data: the renderer walks the PHP arrays in place through the core's
 * pt_template_data callbacks; nothing is copied, so an array referenced many
 * times (which PHP shares) costs nothing extra, and a name is found through
 * PHP's own hash (zend_symtable_str_find, so "5" and "-5" find integer keys).
 * Core's walk before rendering (core/template/template_check.h) visits every
 * distinct array once (identity: the HashTable): it refuses objects and
 * resources, cycles made with references and too deep nesting, and finds
 * which hash-mode arrays are lists.
 *
 * Cache: compiled templates are kept per process, keyed by their source,
 * bounded in entries and bytes (core/template/template_cache.h).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "php.h"
#include "zend_smart_str.h"

#include "php_participa.h"
#include "participa_errors.h"
#include "participa_template.h"
#include "participa_site.h"
#include "core/template/template_cache.h"
#include "core/template/template_check.h"

zend_class_entry *participa_ce_Template;

/* The process's compiled templates (core/template/template_cache.h). */
static pt_template_cache cache;

void participa_template_shutdown(void)
{
	pt_template_cache_free(&cache);
}

/* ---- data ------------------------------------------------------------- */

typedef struct zdata {
	char tmp[32];
	smart_str dbl;
} zdata;

static pt_value_type z_type(void *ctx, const void *node)
{
	zval *zv = (zval *)node;

	switch (Z_TYPE_P(zv)) {
	case IS_FALSE:
	case IS_TRUE:
		return PT_VALUE_BOOL;
	case IS_LONG:
		return PT_VALUE_INT;
	case IS_DOUBLE:
	case IS_STRING:
		return PT_VALUE_STRING;
	case IS_ARRAY:   /* a hash-mode list is found by the walk (core/template/template_check.h) */
		return zend_hash_num_elements(Z_ARRVAL_P(zv)) == 0
			|| (HT_IS_PACKED(Z_ARRVAL_P(zv)) && HT_IS_WITHOUT_HOLES(Z_ARRVAL_P(zv))) ? PT_VALUE_LIST : PT_VALUE_MAP;
	default:
		return PT_VALUE_NULL;
	}
}

/* A member or item as a node: indirections followed, references dereferenced. */
static const void *z_node(zval *v)
{
	if (v && Z_TYPE_P(v) == IS_INDIRECT) {
		v = Z_INDIRECT_P(v);
	}
	if (!v || Z_TYPE_P(v) == IS_UNDEF) {
		return NULL;
	}
	ZVAL_DEREF(v);
	return v;
}

static const void *z_member(void *ctx, const void *map, const char *key, size_t len, int *found)
{
	const void *v = z_node(zend_symtable_str_find(Z_ARRVAL_P((zval *)map), key, len));

	(void)ctx;
	*found = v != NULL;
	return v;
}

static size_t z_count(void *ctx, const void *list)
{
	(void)ctx;
	return zend_hash_num_elements(Z_ARRVAL_P((zval *)list));
}

static const void *z_item(void *ctx, const void *list, size_t i)
{
	(void)ctx;
	return z_node(zend_hash_index_find(Z_ARRVAL_P((zval *)list), (zend_ulong)i));
}

static void z_text(void *ctx, const void *node, const char **s, size_t *n)
{
	zdata *z = ctx;
	zval *zv = (zval *)node;

	switch (Z_TYPE_P(zv)) {
	case IS_TRUE:
	case IS_FALSE:
		*s = Z_TYPE_P(zv) == IS_TRUE ? "true" : "false";
		*n = strlen(*s);
		return;
	case IS_LONG:
		*n = (size_t)snprintf(z->tmp, sizeof(z->tmp), ZEND_LONG_FMT, Z_LVAL_P(zv));
		*s = z->tmp;
		return;
	case IS_DOUBLE:
		/* Printed as PHP prints it (serialize_precision). */
		smart_str_free(&z->dbl);
		smart_str_append_double(&z->dbl, Z_DVAL_P(zv), (int)PG(serialize_precision), false);
		smart_str_0(&z->dbl);
		*s = z->dbl.s ? ZSTR_VAL(z->dbl.s) : "";
		*n = z->dbl.s ? ZSTR_LEN(z->dbl.s) : 0;
		return;
	case IS_STRING:
		*s = Z_STRVAL_P(zv);
		*n = Z_STRLEN_P(zv);
		return;
	default:
		*s = "";
		*n = 0;
		return;
	}
}

static int z_each(void *ctx, const void *node, pt_template_each_fn fn, void *fctx)
{
	zend_string *k;
	zend_ulong i;
	zval *v;
	int r;

	(void)ctx;
	ZEND_HASH_FOREACH_KEY_VAL_IND(Z_ARRVAL_P((zval *)node), i, k, v) {
		ZVAL_DEREF(v);
		if ((r = fn(fctx, k ? ZSTR_VAL(k) : NULL, (int64_t)i, v)) != 0) {
			return r;
		}
	} ZEND_HASH_FOREACH_END();
	return 0;
}

static const char *z_refused(void *ctx, const void *node)
{
	(void)ctx;
	return Z_TYPE_P((zval *)node) <= IS_ARRAY ? NULL : zend_zval_type_name((zval *)node);
}

static const void *z_identity(void *ctx, const void *node)
{
	(void)ctx;
	return Z_ARRVAL_P((zval *)node);
}

/* ---- partials ---------------------------------------------------------- */

static const pt_template *lookup(const char *name, size_t len, void *ctx)
{
	return zend_symtable_str_find_ptr((HashTable *)ctx, name, len);
}

/* Compiles every partial into set (name -> template); FAILURE with an exception thrown. */
static zend_result partials_load(HashTable *ht, HashTable *set, pt_template_call *call)
{
	zend_string *k;
	zend_ulong i;
	zval *v;

	ZEND_HASH_FOREACH_KEY_VAL_IND(ht, i, k, v) {
		pt_error err;
		const pt_template *t;
		char num[PT_TEMPLATE_LABEL_SIZE], label[PT_TEMPLATE_LABEL_SIZE];
		const char *name = k ? ZSTR_VAL(k) : num;
		size_t len = k ? ZSTR_LEN(k) : (size_t)snprintf(num, sizeof(num), ZEND_LONG_FMT, (zend_long)i);

		ZVAL_DEREF(v);
		if (Z_TYPE_P(v) != IS_STRING) {
			participa_throw_invalid("Template::render(): el parcial \"%s\" debe ser una cadena, se recibió %s",
				pt_template_label(name, len, label), zend_zval_type_name(v));
			return FAILURE;
		}
		pt_error_clear(&err);
		if (pt_template_call_partial(call, name, len, Z_STRVAL_P(v), Z_STRLEN_P(v), &t, &err) != PT_OK) {
			participa_throw_error(&err);
			return FAILURE;
		}
		if (k) {
			zend_hash_update_ptr(set, k, (void *)t);
		} else {
			zend_hash_index_update_ptr(set, i, (void *)t);
		}
	} ZEND_HASH_FOREACH_END();
	return SUCCESS;
}

/* ---- methods ----------------------------------------------------------- */

PHP_METHOD(Participa_Template, __construct)
{
}

PHP_METHOD(Participa_Template, render)
{
	static const pt_template_walk walk = { z_each, z_refused, z_identity };
	zend_string *src;
	HashTable *data, *partials = NULL, set;
	const pt_template *t;
	pt_error err;
	pt_template_call call;
	zdata z;
	pt_template_data d = { z_type, z_member, z_count, z_item, z_text, &z };
	char *out = NULL;
	size_t out_len = 0;
	zval root;

	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_STR(src)
		Z_PARAM_ARRAY_HT(data)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(partials)
	ZEND_PARSE_PARAMETERS_END();

	pt_template_call_begin(&call, &cache, &participa_request_allocator);
	pt_error_clear(&err);
	memset(&z, 0, sizeof(z));
	zend_hash_init(&set, partials ? zend_hash_num_elements(partials) : 0, NULL, NULL, 0);
	ZVAL_ARR(&root, data);
	if (pt_template_call_get(&call, ZSTR_VAL(src), ZSTR_LEN(src), &t, &err) != PT_OK) {
		participa_throw_error(&err);
	} else if (!partials || partials_load(partials, &set, &call) == SUCCESS) {
		if (pt_template_render_checked(t, &d, &walk, &root, lookup, &set, &participa_request_allocator,
				&out, &out_len, &err) != PT_OK) {
			participa_throw_error(&err);
		} else {
			RETVAL_STRINGL(out, out_len);
			efree(out);
		}
	}
	smart_str_free(&z.dbl);
	zend_hash_destroy(&set);
	pt_template_call_end(&call);
}

PHP_METHOD(Participa_Template, cacheInfo)
{
	ZEND_PARSE_PARAMETERS_NONE();
	participa_value_return(pt_template_cache_info_value(&cache, &participa_request_allocator), return_value);
}

