/*
 * participa binding: Participa\Host, the host contract (see participa_host.h). The contract's
 * rules are core's (pt_fragment_host_read()); here only the callables are called.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"

#include "php_participa.h"
#include "participa_errors.h"
#include "participa_host.h"
#include "participa_site.h"
#include "participa_value.h"
#include "host_arginfo.h"
#include "io/template/template_files.h"

zend_class_entry *participa_ce_Host, *participa_ce_Request;
static zend_object_handlers host_handlers;

#define REQ (&participa_request_allocator)

typedef struct host_object {
	pt_fragment_host h;
	pt_value *contract, *names, *outcome;   /* request memory; h borrows their strings */
	zval url, names_fn, url_text;           /* the callables, and the url's last answer */
	zend_object std;
} host_object;

#define host_from(obj) PARTICIPA_OBJ(host_object, obj)

static zend_object *host_create(zend_class_entry *ce)
{
	return &((host_object *)participa_object_new(ce, sizeof(host_object), XtOffsetOf(host_object, std),
		&host_handlers))->std;
}

static void host_free(zend_object *obj)
{
	host_object *o = host_from(obj);

	pt_value_free(o->contract);
	pt_value_free(o->names);
	pt_value_free(o->outcome);
	zval_ptr_dtor(&o->url);
	zval_ptr_dtor(&o->names_fn);
	zval_ptr_dtor(&o->url_text);
	zend_object_std_dtor(obj);
}

PHP_METHOD(Participa_Host, __construct)
{
	host_object *o = host_from(Z_OBJ_P(ZEND_THIS));
	HashTable *contract;
	zval arr, *v;
	bool url_call, names_call;
	pt_error err;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ARRAY_HT(contract)
	ZEND_PARSE_PARAMETERS_END();
	ZVAL_ARR(&arr, contract);
	pt_error_clear(&err);
	pt_value_free(o->contract);
	if (!(o->contract = participa_value_from_zval(&arr, REQ, 6))) {
		pt_error_set(&err, PT_ERR_NOMEM, "out of memory");
	}
	if (!o->contract || pt_fragment_host_read(o->contract, &o->h, &url_call, &names_call, &err) != PT_OK) {
		participa_throw_error(&err);
		RETURN_THROWS();
	}
	if ((url_call && (!(v = zend_hash_str_find_deref(contract, ZEND_STRL("url"))) || !zend_is_callable(v, 0, NULL)))
			|| (names_call && (!(v = zend_hash_str_find_deref(contract, ZEND_STRL("names")))
				|| !zend_is_callable(v, 0, NULL)))) {
		participa_throw_invalid("Host: '%s' must be a string or a callable", url_call ? "url" : "names");
		RETURN_THROWS();
	}
	if (url_call) {
		ZVAL_COPY(&o->url, zend_hash_str_find_deref(contract, ZEND_STRL("url")));
	}
	if (names_call) {
		ZVAL_COPY(&o->names_fn, zend_hash_str_find_deref(contract, ZEND_STRL("names")));
	}
}

/* fn(arg) (arg NULL: no argument) must answer a value of type `type`; false with an exception. */
static bool host_call(zval *fn, zval *arg, int type, zval *ret, const char *key)
{
	if (call_user_function(NULL, NULL, fn, ret, arg ? 1 : 0, arg) != SUCCESS || EG(exception)) {
		return false;
	}
	if (Z_TYPE_P(ret) != type) {
		zval_ptr_dtor(ret);
		ZVAL_UNDEF(ret);
		participa_throw_invalid("Host: the '%s' callable must return %s", key, type == IS_STRING ? "a string" : "an array");
		return false;
	}
	return true;
}

const pt_fragment_host *participa_host_use(zval *host_obj, const pt_value *ids)
{
	host_object *o = host_from(Z_OBJ_P(host_obj));
	zval zids, names;

	if (Z_TYPE(o->url) != IS_UNDEF) {
		zval_ptr_dtor(&o->url_text);
		if (!host_call(&o->url, NULL, IS_STRING, &o->url_text, "url")) {
			return NULL;
		}
		o->h.url = Z_STRVAL(o->url_text);
	}
	if (Z_TYPE(o->names_fn) != IS_UNDEF && ids && ids->u.c.count) {
		participa_value_to_zval(ids, &zids);
		if (!host_call(&o->names_fn, &zids, IS_ARRAY, &names, "names")) {
			zval_ptr_dtor(&zids);
			return NULL;
		}
		pt_value_free(o->names);
		o->names = participa_value_from_zval(&names, REQ, 2);
		o->h.names = o->names && o->names->type == PT_VALUE_MAP ? o->names : NULL;
		zval_ptr_dtor(&zids);
		zval_ptr_dtor(&names);
	}
	return &o->h;
}

void participa_host_set_outcome(zval *host_obj, const pt_value *outcome)
{
	host_object *o = host_from(Z_OBJ_P(host_obj));
	zval z;

	participa_value_to_zval(outcome, &z);
	pt_value_free(o->outcome);
	o->outcome = participa_value_from_zval(&z, REQ, 4);
	o->h.outcome = o->outcome;
	zval_ptr_dtor(&z);
}

void participa_fragment_return(const char *template, pt_value *view, zval *return_value)
{
	pt_buf out;
	pt_error err;

	pt_error_clear(&err);
	pt_buf_init(&out, REQ);
	pt_fragment_set_templates_dir(PARTICIPA_G(templates_dir));
	if (!view) {
		pt_error_set(&err, PT_ERR_NOMEM, "out of memory building a fragment");
	}
	if (!view || pt_fragment_render(template, view, &out, &err) != PT_OK) {
		participa_throw_error(&err);
	} else {
		RETVAL_STRINGL(out.data ? out.data : "", out.len);
	}
	pt_value_free(view);
	pt_buf_free(&out);
}

void participa_register_host(void)
{
	participa_object_handlers(&host_handlers, XtOffsetOf(host_object, std), host_free);
	participa_ce_Host = register_class_Participa_Host();
	participa_ce_Host->create_object = host_create;
	participa_ce_Request = register_class_Participa_Request();
}
