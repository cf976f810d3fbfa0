/*
 * participa binding: a process's form posts (process.cast, process.paper) for
 * Participa\Request. Core reads the ballot from the form and settles the
 * outcome (core/fragment/process_view.h); here Site::process(), info(),
 * cast() and enterPaperBatch() are called.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "php.h"

#include "participa_errors.h"
#include "participa_host.h"
#include "participa_value.h"
#include "core/fragment/process_view.h"

#define REQ (&participa_request_allocator)

/* $obj->method(...args) into ret; false with an exception pending. */
static bool invoke(zval *obj, const char *method, uint32_t n, zval *args, zval *ret)
{
	zval fn;
	bool ok;

	ZVAL_STRING(&fn, method);
	ok = call_user_function(NULL, obj, &fn, ret, n, args) == SUCCESS && !EG(exception);
	zval_ptr_dtor(&fn);
	return ok;
}

bool participa_request_process(const char *action, HashTable *post, zend_string *participant, zval *site,
	pt_value *outcome)
{
	static const char *const heads[] = { "batch", "assembly", "tally_sheet" };
	bool paper = !strcmp(action, "process.paper"), en = participa_errors_english(), ok;
	const char *key = pt_request_text(outcome, "key");
	zval zpost, proc, zinfo, ret, args[5];
	pt_value *form, *info = NULL, *ballot = NULL;
	uint32_t n = 0, i;
	pt_error err;

	ZVAL_ARR(&zpost, post);
	ZVAL_UNDEF(&proc);
	ZVAL_UNDEF(&zinfo);
	ZVAL_UNDEF(&ret);
	ZVAL_STRING(&args[0], pt_request_text(outcome, "process"));
	ok = invoke(site, "process", 1, args, &proc) && invoke(&proc, "info", 0, NULL, &zinfo);
	zval_ptr_dtor(&args[0]);
	form = participa_value_from_zval(&zpost, REQ, 6);
	pt_error_clear(&err);
	if (ok && (!(info = participa_value_from_zval(&zinfo, REQ, 8)) || !form
			|| pt_fragment_process_ballot(outcome, info, form, paper, en, REQ, &ballot, &err) != PT_OK)) {
		if (!err.code) {
			pt_error_set(&err, PT_ERR_NOMEM, "participa: out of memory");
		}
		participa_throw_error(&err);
		ok = false;
	}
	if (ok) {
		ZVAL_STR_COPY(&args[n++], participant);
		for (i = 0; paper && i < 3; i++) {
			ZVAL_STRING(&args[n++], pt_request_text(outcome, heads[i]));
		}
		participa_value_to_zval(ballot, &args[n++]);
		if (!paper) {
			array_init(&args[n]);
			if (key) {
				add_assoc_string(&args[n], "idempotency_key", key);
			}
			n++;
		}
		ok = invoke(&proc, paper ? "enterPaperBatch" : "cast", n, args, &ret)
			&& pt_fragment_process_done(outcome, action, participa_value_from_zval(&ret, REQ, 6), en) == PT_OK;
		for (i = 0; i < n; i++) {
			zval_ptr_dtor(&args[i]);
		}
	}
	pt_value_free(form);
	pt_value_free(info);
	pt_value_free(ballot);
	zval_ptr_dtor(&proc);
	zval_ptr_dtor(&zinfo);
	zval_ptr_dtor(&ret);
	return ok;
}
