/*
 * participa binding: Participa\Request, a fragment's form post. Core checks the fields
 * (core/fragment/request_rules.c) and settles the outcome; the area's handler
 * (request_<area>.c) calls the public methods; a Participa\Exception becomes the refusal,
 * with its publicMessage() as the citizen's text.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "php.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"

#include "participa_errors.h"
#include "participa_host.h"
#include "participa_site.h"
#include "participa_value.h"

#define REQ (&participa_request_allocator)

typedef bool (*request_fn)(const char *, HashTable *, zend_string *, zval *, pt_value *);

/* One row per area: the action's prefix and its handler. */
static const struct { const char *prefix; request_fn fn; } areas[] = {
	{ "moderation.", participa_request_moderation },
	{ "thread.", participa_request_thread },
};

static zend_object_handlers request_handlers;

typedef struct request_object {
	zval site, host;
	zend_object std;
} request_object;

#define request_from(obj) PARTICIPA_OBJ(request_object, obj)

static zend_object *request_create(zend_class_entry *ce)
{
	return &((request_object *)participa_object_new(ce, sizeof(request_object), XtOffsetOf(request_object, std),
		&request_handlers))->std;
}

static void request_free(zend_object *obj)
{
	zval_ptr_dtor(&request_from(obj)->site);
	zval_ptr_dtor(&request_from(obj)->host);
	zend_object_std_dtor(obj);
}

static HashTable *request_get_gc(zend_object *obj, zval **table, int *n)
{
	*table = &request_from(obj)->site;
	*n = 2;
	return zend_std_get_properties(obj);
}

void participa_request_zfield(const pt_value *outcome, const char *name, zval *out)
{
	const char *s = pt_request_text(outcome, name);

	if (s) {
		ZVAL_STRING(out, s);
	} else {
		ZVAL_NULL(out);
	}
}

/* The pending exception, if it is a Participa\Exception, as the outcome's refusal. */
static bool refusal(const pt_request_rule *rule, pt_value *outcome)
{
	zend_object *ex = EG(exception);
	zval msg;
	bool ok;

	if (!ex || !instanceof_function(ex->ce, participa_ce_Exception)) {
		return false;
	}
	GC_ADDREF(ex);
	zend_clear_exception();
	zend_call_method_with_0_params(ex, ex->ce, NULL, "publicmessage", &msg);
	ok = Z_TYPE(msg) == IS_STRING && pt_request_refuse(outcome, rule, NULL, Z_STRVAL(msg)) == PT_OK;
	zval_ptr_dtor(&msg);
	OBJ_RELEASE(ex);
	return ok;
}

PHP_METHOD(Participa_Request, __construct)
{
	request_object *r = request_from(Z_OBJ_P(ZEND_THIS));
	zval *site, *host;

	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_OBJECT_OF_CLASS(site, participa_ce_Site)
		Z_PARAM_OBJECT_OF_CLASS(host, participa_ce_Host)
	ZEND_PARSE_PARAMETERS_END();
	zval_ptr_dtor(&r->site);
	zval_ptr_dtor(&r->host);
	ZVAL_COPY(&r->site, site);
	ZVAL_COPY(&r->host, host);
}

PHP_METHOD(Participa_Request, handle)
{
	request_object *r = request_from(Z_OBJ_P(ZEND_THIS));
	HashTable *post;
	zend_string *who = NULL;
	const pt_fragment_host *h;
	const pt_request_rule *rule = NULL;
	pt_value *in, *outcome = NULL;
	pt_error err;
	pt_status s;
	bool done = false;
	zval zpost;

	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_ARRAY_HT(post)
		Z_PARAM_STR_OR_NULL(who)
	ZEND_PARSE_PARAMETERS_END();
	if (Z_TYPE(r->host) == IS_UNDEF || !(h = participa_host_use(&r->host, NULL))) {
		RETURN_THROWS();
	}
	pt_error_clear(&err);
	ZVAL_ARR(&zpost, post);
	in = participa_value_from_zval(&zpost, REQ, 3);
	s = in ? pt_request_check(in, who ? ZSTR_VAL(who) : NULL, h, REQ, &outcome, &rule, &err)
		: pt_error_set(&err, PT_ERR_NOMEM, "out of memory");
	pt_value_free(in);
	for (size_t i = 0; s == PT_OK && i < sizeof(areas) / sizeof(areas[0]); i++) {
		if (!strncmp(rule->action, areas[i].prefix, strlen(areas[i].prefix))) {
			done = areas[i].fn(rule->action, post, who, &r->site, outcome);
			if (!done && !refusal(rule, outcome)) {
				pt_value_free(outcome);
				RETURN_THROWS();
			}
		}
	}
	if (s == PT_ERR_NOMEM || pt_request_finish(outcome, rule, h, done) != PT_OK) {
		pt_value_free(outcome);
		pt_error_set(&err, PT_ERR_NOMEM, "out of memory");
		participa_throw_error(&err);
		RETURN_THROWS();
	}
	if (!done) {
		participa_host_set_outcome(&r->host, outcome);
	}
	participa_value_return(outcome, return_value);
}

void participa_register_request(void)
{
	participa_object_handlers(&request_handlers, XtOffsetOf(request_object, std), request_free);
	request_handlers.get_gc = request_get_gc;
	participa_ce_Request->create_object = request_create;
}
