/*
 * participa binding: Participa\Template::render() (see template.stub.php).
 *
 * Compiled templates live in a per-process cache keyed by their source (a
 * HashTable hashes the content and compares it on a hit), in libc memory,
 * so a worker compiles each template once. The cache is bounded: past
 * CACHE_MAX entries a template is compiled for the call and freed after it.
 * The data array becomes a pt_value tree in request memory for the render.
 * NTS only: the cache is a plain static (Debian's PHP is NTS).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "php.h"
#include "zend_exceptions.h"
#include "zend_smart_str.h"

#include "php_participa.h"
#include "participa_errors.h"
#include "participa_template.h"
#include "template_arginfo.h"
#include "../core/template.h"
#include "../core/pt_value.h"

zend_class_entry *participa_ce_Template;

#define CACHE_MAX 256
#define DATA_DEPTH_MAX 128

static HashTable cache;
static int cache_ready;

static void cache_dtor(zval *zv)
{
	pt_template_free(Z_PTR_P(zv));
}

/*
 * Returns the compiled template for src; *owned is set when it was not
 * cached and the caller must free it. NULL with err filled on failure.
 */
static pt_template *compiled(zend_string *src, int *owned, pt_error *err)
{
	pt_template *t;
	zend_string *key;

	*owned = 0;
	if (!cache_ready) {
		zend_hash_init(&cache, 16, NULL, cache_dtor, 1);
		cache_ready = 1;
	}
	if ((t = zend_hash_find_ptr(&cache, src)) != NULL) {
		return t;
	}
	if (pt_template_compile(ZSTR_VAL(src), ZSTR_LEN(src), &t, err) != PT_OK) {
		return NULL;
	}
	if (zend_hash_num_elements(&cache) >= CACHE_MAX) {
		*owned = 1;
		return t;
	}
	key = zend_string_init(ZSTR_VAL(src), ZSTR_LEN(src), 1);
	zend_hash_add_new_ptr(&cache, key, t);
	zend_string_release(key);
	return t;
}

void participa_template_shutdown(void)
{
	if (cache_ready) {
		zend_hash_destroy(&cache);
		cache_ready = 0;
	}
}

/* ---- data ------------------------------------------------------------- */

/* NULL with an exception thrown on a refused value; *nomem on allocation failure. */
static pt_value *to_value(zval *zv, int depth)
{
	const pt_allocator *a = &participa_request_allocator;

	ZVAL_DEREF(zv);
	if (depth > DATA_DEPTH_MAX) {
		participa_throw_invalid("Template::render(): data nested deeper than %d levels", DATA_DEPTH_MAX);
		return NULL;
	}
	switch (Z_TYPE_P(zv)) {
	case IS_NULL:
		return pt_value_null(a);
	case IS_FALSE:
		return pt_value_bool(a, 0);
	case IS_TRUE:
		return pt_value_bool(a, 1);
	case IS_LONG:
		return pt_value_int(a, (int64_t)Z_LVAL_P(zv));
	case IS_DOUBLE: {
		/* Printed as PHP prints it (serialize_precision), then kept as a string. */
		smart_str s = {0};
		pt_value *v;
		smart_str_append_double(&s, Z_DVAL_P(zv), (int)PG(serialize_precision), false);
		smart_str_0(&s);
		v = pt_value_string(a, s.s ? ZSTR_VAL(s.s) : "", s.s ? ZSTR_LEN(s.s) : 0);
		smart_str_free(&s);
		return v;
	}
	case IS_STRING:
		return pt_value_string(a, Z_STRVAL_P(zv), Z_STRLEN_P(zv));
	case IS_ARRAY: {
		HashTable *ht = Z_ARRVAL_P(zv);
		int list = zend_array_is_list(ht);
		pt_value *c = list ? pt_value_list(a) : pt_value_map(a);
		zend_string *k;
		zend_ulong i;
		zval *item;

		if (!c) return NULL;
		ZEND_HASH_FOREACH_KEY_VAL(ht, i, k, item) {
			pt_value *child = to_value(item, depth + 1);
			pt_status st;
			if (!child) {
				pt_value_free(c);
				return NULL;
			}
			if (list) {
				st = pt_value_push(c, child);
			} else if (k) {
				st = pt_value_set(c, ZSTR_VAL(k), ZSTR_LEN(k), child);
			} else {
				char buf[32];
				int n = snprintf(buf, sizeof(buf), ZEND_ULONG_FMT, i);
				st = pt_value_set(c, buf, (size_t)n, child);
			}
			if (st != PT_OK) {
				pt_value_free(c);
				return NULL;
			}
		} ZEND_HASH_FOREACH_END();
		return c;
	}
	default:
		participa_throw_invalid("Template::render(): data may hold arrays and scalars only, not %s "
			"(convert objects with toArray() first)", zend_zval_type_name(zv));
		return NULL;
	}
}

/* ---- partials ---------------------------------------------------------- */

typedef struct partial_set {
	zend_string **names;
	pt_template **tpls;
	int *owned;
	uint32_t count;
} partial_set;

static const pt_template *lookup(const char *name, size_t len, void *ctx)
{
	partial_set *p = ctx;
	uint32_t i;

	for (i = 0; i < p->count; i++) {
		if (ZSTR_LEN(p->names[i]) == len && memcmp(ZSTR_VAL(p->names[i]), name, len) == 0) {
			return p->tpls[i];
		}
	}
	return NULL;
}

static void partials_free(partial_set *p)
{
	uint32_t i;

	for (i = 0; i < p->count; i++) {
		zend_string_release(p->names[i]);
		if (p->owned[i]) pt_template_free(p->tpls[i]);
	}
	if (p->names) efree(p->names);
	if (p->tpls) efree(p->tpls);
	if (p->owned) efree(p->owned);
}

/* Compiles every partial; FAILURE with an exception thrown. */
static zend_result partials_load(HashTable *ht, partial_set *p)
{
	uint32_t n = zend_hash_num_elements(ht);
	zend_string *k;
	zend_ulong i;
	zval *v;

	memset(p, 0, sizeof(*p));
	if (n == 0) return SUCCESS;
	p->names = ecalloc(n, sizeof(*p->names));
	p->tpls = ecalloc(n, sizeof(*p->tpls));
	p->owned = ecalloc(n, sizeof(*p->owned));
	ZEND_HASH_FOREACH_KEY_VAL(ht, i, k, v) {
		pt_error err;
		zend_string *name = k ? zend_string_copy(k) : zend_ulong_to_str(i);

		ZVAL_DEREF(v);
		if (Z_TYPE_P(v) != IS_STRING) {
			participa_throw_invalid("Template::render(): partial \"%s\" must be a string, %s given",
				ZSTR_VAL(name), zend_zval_type_name(v));
			zend_string_release(name);
			return FAILURE;
		}
		pt_error_clear(&err);
		p->tpls[p->count] = compiled(Z_STR_P(v), &p->owned[p->count], &err);
		if (!p->tpls[p->count]) {
			char msg[PT_ERROR_MESSAGE_MAX];
			snprintf(msg, sizeof(msg), "%s", err.message);
			snprintf(err.message, sizeof(err.message), "partial \"%s\": %s", ZSTR_VAL(name), msg);
			zend_string_release(name);
			participa_throw_error(&err);
			return FAILURE;
		}
		p->names[p->count++] = name;
	} ZEND_HASH_FOREACH_END();
	return SUCCESS;
}

/* ---- methods ----------------------------------------------------------- */

PHP_METHOD(Participa_Template, __construct)
{
}

PHP_METHOD(Participa_Template, render)
{
	zend_string *src;
	HashTable *data, *partials = NULL;
	partial_set ps;
	pt_template *t;
	pt_value *tree;
	pt_error err;
	int owned = 0;
	char *out = NULL;
	size_t out_len = 0;
	pt_status st;
	zval zdata;

	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_STR(src)
		Z_PARAM_ARRAY_HT(data)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(partials)
	ZEND_PARSE_PARAMETERS_END();

	pt_error_clear(&err);
	if (!(t = compiled(src, &owned, &err))) {
		participa_throw_error(&err);
		RETURN_THROWS();
	}
	if (partials_load(partials ? partials : (HashTable *)&zend_empty_array, &ps) != SUCCESS) {
		partials_free(&ps);
		if (owned) pt_template_free(t);
		RETURN_THROWS();
	}
	ZVAL_ARR(&zdata, data);
	tree = to_value(&zdata, 0);
	if (!tree) {
		if (!EG(exception)) {
			pt_error_set(&err, PT_ERR_NOMEM, "Template::render(): out of memory");
			participa_throw_error(&err);
		}
	} else {
		st = pt_template_render(t, tree, lookup, &ps, &participa_request_allocator, &out, &out_len, &err);
		if (st != PT_OK) {
			participa_throw_error(&err);
		} else {
			RETVAL_STRINGL(out, out_len);
			efree(out);
		}
		pt_value_free(tree);
	}
	partials_free(&ps);
	if (owned) pt_template_free(t);
}

void participa_register_template(void)
{
	participa_ce_Template = register_class_Participa_Template();
}
