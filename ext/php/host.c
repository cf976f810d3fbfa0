/*
 * participa binding: Participa\Host (the host contract), the path every html() method takes,
 * and Participa\Request (a fragment's form post). The rules are core's: the contract's
 * (pt_fragment_host_read()), a post's fields, the public method of each action and the outcome
 * (core/fragment/request_rules.h); here the callables and methods are called, and a
 * Participa\Exception becomes the refusal (its publicMessage()). Host keeps its contract and
 * last refused outcome as PHP properties; the struct of a render and the trees it borrows are
 * the one render in progress (libc, kept until the next).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "php.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"

#include "php_participa.h"
#include "participa_errors.h"
#include "participa_host.h"
#include "participa_site.h"
#include "participa_value.h"
#include "io/template/template_files.h"
#include "core/fragment/thread_view.h"

#define REQ (&participa_request_allocator)
#define CONTRACT(zv) OBJ_PROP_NUM(Z_OBJ_P(zv), 0)   /* private array $contract */
#define OUTCOME(zv) OBJ_PROP_NUM(Z_OBJ_P(zv), 1)    /* private ?array $outcome */
#define SITE(obj) OBJ_PROP_NUM(obj, 0)               /* Request's private Site $site */
#define HOST(obj) OBJ_PROP_NUM(obj, 1)               /* and Host $host */

zend_class_entry *participa_ce_Host, *participa_ce_Request;
static pt_fragment_host current;
static pt_value *contract_tree, *names_tree, *outcome_tree;

void participa_host_shutdown(void)
{
	pt_value_free(contract_tree);
	pt_value_free(names_tree);
	pt_value_free(outcome_tree);
	contract_tree = names_tree = outcome_tree = NULL;
}

/* The contract into current (core's checks); which keys are callables. False: thrown. */
static bool host_read(zval *contract, bool *url_call, bool *names_call)
{
	pt_error err;

	participa_host_shutdown();
	pt_error_clear(&err);
	if (!(contract_tree = participa_value_from_zval(contract, NULL, 6))) {
		pt_error_set(&err, PT_ERR_NOMEM, "out of memory");
	}
	if (!contract_tree || pt_fragment_host_read(contract_tree, &current, url_call, names_call, &err) != PT_OK) {
		participa_throw_error(&err);
		return false;
	}
	return true;
}

/* contract[key](arg) answering type into ret (NULL arg: none); false: thrown. */
static bool host_call(zval *contract, const char *key, zval *arg, int type, zval *ret)
{
	zval *fn = zend_hash_str_find_deref(Z_ARRVAL_P(contract), key, strlen(key));

	ZVAL_UNDEF(ret);
	if (call_user_function(NULL, NULL, fn, ret, arg ? 1 : 0, arg) == SUCCESS && !EG(exception) && Z_TYPE_P(ret) == type) {
		return true;
	}
	if (!EG(exception)) {
		participa_throw_invalid("Host: the '%s' callable must return %s", key, type == IS_STRING ? "a string" : "an array");
	}
	return false;
}

PHP_METHOD(Participa_Host, __construct)
{
	zval *contract, *v;
	bool url_call, names_call;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_ARRAY(contract)
	ZEND_PARSE_PARAMETERS_END();
	if (!host_read(contract, &url_call, &names_call)) {
		RETURN_THROWS();
	}
	for (int i = 0; i < 2; i++) {
		if ((i ? names_call : url_call) && (!(v = zend_hash_str_find_deref(Z_ARRVAL_P(contract), i ? "names" : "url",
				i ? 5 : 3)) || !zend_is_callable(v, 0, NULL))) {
			participa_throw_invalid("Host: '%s' must be a string or a callable", i ? "names" : "url");
			RETURN_THROWS();
		}
	}
	zval_ptr_dtor(CONTRACT(ZEND_THIS));
	ZVAL_COPY(CONTRACT(ZEND_THIS), contract);
}

const pt_fragment_host *participa_host_use(zval *host_obj, const pt_value *ids)
{
	zval *contract = CONTRACT(host_obj), ret, zids;
	bool url_call, names_call, ok;

	if (Z_TYPE_P(contract) != IS_ARRAY || !host_read(contract, &url_call, &names_call)) {
		return NULL;
	}
	if (url_call) {   /* the answer lives in the contract's tree, as the strings h borrows */
		ok = host_call(contract, "url", NULL, IS_STRING, &ret) && pt_value_setc(contract_tree, "",
			pt_value_string(NULL, Z_STRVAL(ret), Z_STRLEN(ret))) == PT_OK;
		current.url = ok ? pt_value_get(contract_tree, "")->u.s.s : NULL;
		zval_ptr_dtor(&ret);
		if (!ok) {
			return NULL;
		}
	}
	if (names_call && ids && ids->u.c.count) {
		participa_value_to_zval(ids, &zids);
		ok = host_call(contract, "names", &zids, IS_ARRAY, &ret);
		current.names = names_tree = ok ? participa_value_from_zval(&ret, NULL, 2) : NULL;
		zval_ptr_dtor(&zids);
		zval_ptr_dtor(&ret);
		if (!ok) {
			return NULL;
		}
	}
	if (Z_TYPE_P(OUTCOME(host_obj)) == IS_ARRAY) {
		current.outcome = outcome_tree = participa_value_from_zval(OUTCOME(host_obj), NULL, 4);
	}
	return &current;
}

void participa_host_outcome(zval *host_obj, HashTable *opts)
{
	zval *o = OUTCOME(host_obj), *c = CONTRACT(host_obj);

	if (Z_TYPE_P(o) != IS_ARRAY && Z_TYPE_P(c) == IS_ARRAY) {
		o = zend_hash_str_find_deref(Z_ARRVAL_P(c), "outcome", sizeof("outcome") - 1);
	}
	if (o && Z_TYPE_P(o) == IS_ARRAY && !zend_hash_str_exists(opts, "outcome", sizeof("outcome") - 1)) {
		zend_hash_str_add_new(opts, "outcome", sizeof("outcome") - 1, o);
		Z_ADDREF_P(o);
	}
}

bool participa_fragment_call(zval *obj, const char *method, pt_value *args, zval *ret)
{
	zval fn, za, argv[4], *v;
	uint32_t n = 0;
	bool ok;

	ZVAL_NULL(&za);
	if (args) {
		participa_value_to_zval(args, &za);
		pt_value_free(args);
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
	bool ok = participa_fragment_call(obj, method, args, &ret);

	if (ok) {
		add_assoc_zval(data, key, &ret);
	} else {
		zval_ptr_dtor(&ret);
	}
	return ok;
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
	zend_execute_data *execute_data = EG(current_execute_data);   /* of the html() method: its object's site */
	zval *site = Z_TYPE(EX(This)) == IS_OBJECT ? participa_object_site(Z_OBJ(EX(This))) : NULL;
	pt_buf out;
	pt_error err;

	if (!site && Z_TYPE(EX(This)) == IS_OBJECT && Z_OBJCE(EX(This)) == participa_ce_Site) {   /* a Site's own html() */
		site = &EX(This);
	}
	pt_error_clear(&err);
	pt_buf_init(&out, REQ);
	pt_fragment_set_templates_dir(PARTICIPA_G(templates_dir));
	pt_fragment_set_site_templates_dir(site ? participa_site_config(site)->templates_dir : NULL);   /* first */
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

/* ---- Participa\Request ------------------------------------------------------------ */

typedef bool (*request_fn)(const char *, HashTable *, zend_string *, zval *, pt_value *);

/* One row per area: the actions' prefix and its handler. */
static const struct { const char *prefix; request_fn fn; } areas[] = {
	{ "commitments.", participa_request_thread },
	{ "instrument.", participa_request_thread },
	{ "moderation.", participa_request_thread },
	{ "process.", participa_request_process },
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
	bool ok;

	ZVAL_UNDEF(&ret);
	ok = call(site, false, rule, participant, outcome, &target) && call(&target, true, rule, participant, outcome, &ret)
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
	pt_value_free(outcome);
	if (!done) {   /* kept on the Host: a render in this request shows the refusal */
		zval_ptr_dtor(OUTCOME(HOST(obj)));
		ZVAL_COPY(OUTCOME(HOST(obj)), return_value);
	}
}
