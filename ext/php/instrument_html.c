/* participa binding: Instrument::html(); what it reads, the view and the template are core's (instrument_view.h). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <time.h>
#include "php.h"
#include "participa_errors.h"
#include "participa_host.h"
#include "participa_site.h"
#include "participa_value.h"
#include "core/fragment/instrument_view.h"

PHP_METHOD(Participa_Instrument, html)
{
	zval *host, data, opts;
	zend_string *viewer = NULL;
	HashTable *ht = NULL;
	const pt_config *cfg = participa_site_config(participa_handle_site(ZEND_THIS));
	pt_value *o, *args;
	const char *key;
	char method[16];
	pt_status s = PT_OK;

	ZEND_PARSE_PARAMETERS_START(1, 3)
		Z_PARAM_OBJECT_OF_CLASS(host, participa_ce_Host)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(viewer)
		Z_PARAM_ARRAY_HT(ht)
	ZEND_PARSE_PARAMETERS_END();
	array_init(&data);
	ZVAL_ARR(&opts, ht ? zend_array_dup(ht) : zend_new_array(0));
	participa_host_outcome(host, Z_ARRVAL(opts));
	add_assoc_zval(&data, "opts", &opts);
	o = participa_value_from_zval(&opts, &participa_request_allocator, 3);
	for (size_t i = 0; o && (s = pt_fragment_instrument_read(o, viewer ? ZSTR_VAL(viewer) : NULL, i,
			&participa_request_allocator, &key, method, sizeof(method), &args)) == PT_OK
			&& participa_fragment_add(&data, key, ZEND_THIS, method, args); i++) {
	}
	if (!o || s == PT_ERR_NOMEM || EG(exception)) {
		pt_value_free(o);
		zval_ptr_dtor(&data);
		RETURN_THROWS();   /* no memory is an exception of the call that could not be made */
	}
	if (viewer) {
		add_assoc_str(&data, "viewer", zend_string_copy(viewer));
	}
	add_assoc_long(&data, "now", (zend_long)time(NULL));
	add_assoc_string(&data, "timezone", cfg && cfg->timezone ? cfg->timezone : "");
	participa_fragment_html(host, &data, pt_fragment_instrument_view, pt_fragment_instrument_template(o), return_value);
	pt_value_free(o);
}
