/*
 * participa binding: Participa\Host, the host contract; its rules are core's
 * (pt_fragment_host_read()), here only the callables are called.
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
#include "io/template/template_files.h"
#include "core/fragment/thread_view.h"

#define REQ (&participa_request_allocator)

zend_class_entry *participa_ce_Host, *participa_ce_Request;
static zend_object_handlers host_handlers;

typedef struct host_object {
	pt_fragment_host h;
	pt_value *contract, *names, *outcome;   /* h borrows their strings */
	zval url, names_fn, url_text;           /* the callables, and the url's last answer */
	zend_object std;
} host_object;

#define host_from(zv) PARTICIPA_OBJ(host_object, Z_OBJ_P(zv))

static zend_object *host_create(zend_class_entry *ce)
{
	return &((host_object *)participa_object_new(ce, sizeof(host_object), XtOffsetOf(host_object, std),
		&host_handlers))->std;
}

static void host_free(zend_object *obj)
{
	host_object *o = PARTICIPA_OBJ(host_object, obj);

	pt_value_free(o->contract);
	pt_value_free(o->names);
	pt_value_free(o->outcome);
	zval_ptr_dtor(&o->url);
	zval_ptr_dtor(&o->names_fn);
	zval_ptr_dtor(&o->url_text);
	zend_object_std_dtor(obj);
}

/* contract[key] into slot when core said it is a callable (is); false with the refusal thrown. */
static bool callable(HashTable *contract, const char *key, bool is, zval *slot)
{
	zval *v = is ? zend_hash_str_find_deref(contract, key, strlen(key)) : NULL;

	if (is && !zend_is_callable(v, 0, NULL)) {
		participa_throw_invalid("Host: '%s' must be a string or a callable", key);
		return false;
	}
	if (is) {
		ZVAL_COPY(slot, v);
	}
	return true;
}

PHP_METHOD(Participa_Host, __construct)
{
	host_object *o = host_from(ZEND_THIS);
	HashTable *contract;
	bool url_call, names_call;
	pt_error err;
	zval arr;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ARRAY_HT(contract)
	ZEND_PARSE_PARAMETERS_END();
	ZVAL_ARR(&arr, contract);
	pt_error_clear(&err);
	if (o->contract || !(o->contract = participa_value_from_zval(&arr, REQ, 6))) {
		pt_error_set(&err, o->contract ? PT_ERR_INVALID : PT_ERR_NOMEM, "Host: constructed twice, or no memory");
	}
	if (err.code || pt_fragment_host_read(o->contract, &o->h, &url_call, &names_call, &err) != PT_OK) {
		participa_throw_error(&err);
		RETURN_THROWS();
	}
	o->outcome = NULL;
	if (!callable(contract, "url", url_call, &o->url) || !callable(contract, "names", names_call, &o->names_fn)) {
		RETURN_THROWS();
	}
}

const pt_fragment_host *participa_host_use(zval *host_obj, const pt_value *ids)
{
	host_object *o = host_from(host_obj);
	zval zids, names;
	bool ok = true;

	if (Z_TYPE(o->url) != IS_UNDEF) {
		zval_ptr_dtor(&o->url_text);
		ok = call_user_function(NULL, NULL, &o->url, &o->url_text, 0, NULL) == SUCCESS && !EG(exception)
			&& Z_TYPE(o->url_text) == IS_STRING;
		o->h.url = ok ? Z_STRVAL(o->url_text) : NULL;
	}
	if (ok && Z_TYPE(o->names_fn) != IS_UNDEF && ids && ids->u.c.count) {
		participa_value_to_zval(ids, &zids);
		ok = call_user_function(NULL, NULL, &o->names_fn, &names, 1, &zids) == SUCCESS && !EG(exception)
			&& Z_TYPE(names) == IS_ARRAY;
		pt_value_free(o->names);
		o->names = ok ? participa_value_from_zval(&names, REQ, 2) : NULL;
		o->h.names = o->names && o->names->type == PT_VALUE_MAP ? o->names : NULL;
		zval_ptr_dtor(&zids);
		zval_ptr_dtor(&names);
	}
	if (!ok && !EG(exception)) {
		participa_throw_invalid("Host: the url callable must return a string, the names callable an array");
	}
	return ok ? &o->h : NULL;
}

void participa_host_set_outcome(zval *host_obj, pt_value *outcome)
{
	host_object *o = host_from(host_obj);

	pt_value_free(o->outcome);
	o->h.outcome = o->outcome = outcome;
}

bool participa_fragment_call(zval *obj, const char *method, pt_value *args, zval *ret)
{
	zval fn, za, argv[4], *v;
	uint32_t n = 0;
	bool ok;

	ZVAL_UNDEF(ret);
	ZVAL_NULL(&za);
	if (args) {
		participa_value_to_zval(args, &za);
		pt_value_free(args);
	}
	if (Z_TYPE(za) == IS_ARRAY) {
		ZEND_HASH_FOREACH_VAL(Z_ARRVAL(za), v) {
			if (n < 4) {
				ZVAL_COPY_VALUE(&argv[n++], v);   /* za keeps them */
			}
		} ZEND_HASH_FOREACH_END();
	}
	ZVAL_STRING(&fn, method);
	ok = call_user_function(NULL, obj, &fn, ret, n, argv) == SUCCESS && !EG(exception);
	zval_ptr_dtor(&fn);
	zval_ptr_dtor(&za);
	return ok;
}

bool participa_fragment_add(zval *data, const char *key, zval *obj, const char *method, pt_value *args)
{
	zval ret;

	if (!participa_fragment_call(obj, method, args, &ret)) {
		zval_ptr_dtor(&ret);
		return false;
	}
	add_assoc_zval(data, key, &ret);
	return true;
}

void participa_fragment_html(zval *host, zval *data, pt_fragment_builder fn, const char *template, zval *return_value)
{
	pt_value *d = participa_value_from_zval(data, REQ, 32), *ids = d ? pt_fragment_authors(d, REQ) : NULL, *view = NULL;
	const pt_fragment_host *h = ids ? participa_host_use(host, ids) : NULL;
	pt_error err;

	pt_error_clear(&err);
	zval_ptr_dtor(data);
	if (h && fn(d, h, REQ, &view, &err) != PT_OK) {
		participa_throw_error(&err);
	} else if (h || !ids) {
		participa_fragment_return(template, view, return_value);   /* view NULL: out of memory */
	}
	pt_value_free(ids);
	pt_value_free(d);
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

void participa_host_setup(zend_class_entry *ce)
{
	participa_object_handlers(&host_handlers, XtOffsetOf(host_object, std), host_free);
	ce->create_object = host_create;
}
