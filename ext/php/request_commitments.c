/*
 * participa binding: the commitment forms' posts (commitments.progress, commitments.assembly):
 * core reads the checked fields into the call (core/fragment/commitment_form.c), which is one
 * public method, Commitments::update() or recordAssembly().
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"

#include "participa_errors.h"
#include "participa_commitments.h"
#include "participa_host.h"
#include "participa_value.h"
#include "core/fragment/commitment_form.h"

bool participa_request_commitments(const char *action, HashTable *post, zend_string *participant, zval *site,
	pt_value *outcome)
{
	pt_commitment_call c;
	pt_error err;
	zval cm, fn, ret, argv[4];
	uint32_t n = 0;
	char day[11];
	bool ok;

	participa_commitments_today(day);
	pt_error_clear(&err);
	if (pt_commitment_form_call(action, outcome, day, &participa_request_allocator, &c, &err) != PT_OK) {
		participa_throw_error(&err);   /* Request keeps the draft, each field's message next to it */
		return false;
	}
	if (c.id) {
		ZVAL_STRING(&argv[n++], c.id);
	}
	participa_value_to_zval(c.args, &argv[n++]);
	pt_value_free(c.args);
	ZVAL_STR_COPY(&argv[n++], participant);
	if (c.id) {
		ZVAL_STRING(&argv[n++], c.note ? c.note : "");
	}
	participa_commitments_create(site, &cm);
	ZVAL_STRING(&fn, c.id ? "update" : "recordAssembly");
	ok = call_user_function(NULL, &cm, &fn, &ret, n, argv) == SUCCESS && !EG(exception);
	zval_ptr_dtor(&fn);
	zval_ptr_dtor(&cm);
	zval_ptr_dtor(&ret);
	while (n) {
		zval_ptr_dtor(&argv[--n]);
	}
	return ok;
}
