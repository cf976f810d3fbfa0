/*
 * participa binding: Participa\Request, a fragment's form post. Core checks the fields, names
 * the public method of each action and settles the outcome (core/fragment/request_rules.h);
 * here the method is called, and a Participa\Exception becomes the refusal (publicMessage()).
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
#define SITE(obj) OBJ_PROP_NUM(obj, 0)   /* the declared properties (host.stub.php) */
#define HOST(obj) OBJ_PROP_NUM(obj, 1)

typedef bool (*request_fn)(const char *, HashTable *, zend_string *, zval *, pt_value *);

/* One row per area: the actions' prefix and its handler. */
static const struct { const char *prefix; request_fn fn; } areas[] = {
	{ "commitments.", participa_request_thread },
	{ "moderation.", participa_request_thread },
	{ "thread.", participa_request_thread },
};

/* $obj->method(...args) as core's rule says (which: `call`, else `via`); false with an exception. */
static bool call(zval *obj, bool which, const pt_request_rule *rule, zend_string *who, const pt_value *outcome, zval *ret)
{
	char method[64];
	pt_value *args;

	ZVAL_UNDEF(ret);
	if (pt_request_args(rule, which, outcome, ZSTR_VAL(who), REQ, method, sizeof(method), &args) != PT_OK) {
		participa_throw_code(PT_ERR_INTERNAL, "the form rule of %s cannot be read", rule->action);
		return false;
	}
	return participa_fragment_call(obj, method, args, ret);
}

bool participa_request_thread(const char *action, HashTable *post, zend_string *participant, zval *site,
	pt_value *outcome)
{
	const pt_request_rule *rule = pt_request_rule_find(action, strlen(action));
	zval target, ret;
	bool ok = call(site, false, rule, participant, outcome, &target)
		&& call(&target, true, rule, participant, outcome, &ret)
		&& pt_request_put(outcome, "result", participa_value_from_zval(&ret, REQ, 2)) == PT_OK;

	zval_ptr_dtor(&target);
	zval_ptr_dtor(&ret);
	return ok;
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
	zval *site, *host;

	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_OBJECT_OF_CLASS(site, participa_ce_Site)
		Z_PARAM_OBJECT_OF_CLASS(host, participa_ce_Host)
	ZEND_PARSE_PARAMETERS_END();
	zval_ptr_dtor(SITE(Z_OBJ_P(ZEND_THIS)));
	zval_ptr_dtor(HOST(Z_OBJ_P(ZEND_THIS)));
	ZVAL_COPY(SITE(Z_OBJ_P(ZEND_THIS)), site);
	ZVAL_COPY(HOST(Z_OBJ_P(ZEND_THIS)), host);
}

PHP_METHOD(Participa_Request, handle)
{
	zend_object *obj = Z_OBJ_P(ZEND_THIS);
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
	if (Z_TYPE_P(HOST(obj)) != IS_OBJECT || !(h = participa_host_use(HOST(obj), NULL))) {
		RETURN_THROWS();
	}
	pt_error_clear(&err);
	ZVAL_ARR(&zpost, post);
	in = participa_value_from_zval(&zpost, REQ, 3);
	s = in ? pt_request_check(in, who ? ZSTR_VAL(who) : NULL, h, REQ, &outcome, &rule, &err) : PT_ERR_NOMEM;
	pt_value_free(in);
	for (size_t i = 0; s == PT_OK && i < sizeof(areas) / sizeof(areas[0]); i++) {
		if (!strncmp(rule->action, areas[i].prefix, strlen(areas[i].prefix))
				&& !(done = areas[i].fn(rule->action, post, who, SITE(obj), outcome)) && !refusal(rule, outcome)) {
			pt_value_free(outcome);
			RETURN_THROWS();
		}
	}
	if (s == PT_ERR_NOMEM || pt_request_finish(outcome, rule, h, &done) != PT_OK) {
		pt_value_free(outcome);
		participa_throw_code(PT_ERR_NOMEM, "out of memory");
		RETURN_THROWS();
	}
	participa_value_to_zval(outcome, return_value);
	if (done) {
		pt_value_free(outcome);
	} else {   /* a render in this request shows the refusal */
		participa_host_set_outcome(HOST(obj), outcome);
	}
}
