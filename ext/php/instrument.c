/*
 * participa binding: Participa\Instrument, a site handle with its instrument's
 * id. Arguments, the clock (PHP's time zone database) and conversions only:
 * the rules are core/instrument's, the SQL io/instrument's.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <time.h>

#include "php.h"

#include "participa_errors.h"
#include "participa_site.h"
#include "participa_value.h"
#include "participa_options.h"
#include "participa_process.h"
#include "io/instrument/instrument_store.h"

zend_class_entry *participa_ce_Instrument;

/* The instrument of this handle, with the site's configuration; NULL with the refusal thrown. */
static const pt_instrument *instr_of(zval *self, const pt_config **cfg)
{
	zval *id = zend_read_property(participa_ce_Instrument, Z_OBJ_P(self), ZEND_STRL("id"), 1, NULL);
	const pt_instrument *in = NULL;
	pt_error err;

	*cfg = participa_site_config(participa_handle_site(self));
	pt_error_clear(&err);
	return Z_TYPE_P(id) == IS_STRING && participa_ok(pt_instr_lookup(*cfg, Z_STRVAL_P(id), Z_STRLEN_P(id), &in, &err),
		&err) ? in : NULL;
}

void participa_instrument_create(zval *site, zend_string *id, zval *return_value)
{
	const pt_instrument *in;
	pt_error err;

	pt_error_clear(&err);
	if (participa_ok(pt_instr_lookup(participa_site_config(site), ZSTR_VAL(id), ZSTR_LEN(id), &in, &err), &err)) {
		participa_site_handle_new(participa_ce_Instrument, site, return_value);
		zend_update_property_str(participa_ce_Instrument, Z_OBJ_P(return_value), ZEND_STRL("id"), id);
	}
}

/* The kind's window now (pt_instr_window_fn); a bound PHP cannot convert counts as closed. */
static pt_instr_window window_now(void *ctx, const pt_config *cfg, const pt_instr_respondent *r)
{
	int64_t opens = 0, closes = 0;

	(void)ctx;
	if ((r->has_opens && !participa_local_to_utc((void *)cfg->timezone, r->opens_local, &opens))
		|| (r->has_closes && !participa_local_to_utc((void *)cfg->timezone, r->closes_local, &closes))) {
		return PT_INSTR_WINDOW_AFTER;
	}
	return pt_instr_window_at(r, opens, closes, (int64_t)time(NULL));
}

static const pt_instr_clock php_clock = { window_now, NULL };

/* saveDraft(), submit(), corroborate() (write) and response(): (participant, subject[, answers][, options]). */
static void call(INTERNAL_FUNCTION_PARAMETERS, bool write, bool submit, pt_instr_kind kind)
{
	zend_string *by, *subject, *as = NULL;
	HashTable *answers = NULL, *opts = NULL, **third = write ? &answers : &opts;
	const participa_opt o[] = { { "as", PO_STRING, &as, 0, NULL, NULL } };
	pt_instr_call c = { NULL, NULL, NULL, NULL, 0, NULL, 0, kind, NULL, write, submit, window_now, NULL };
	pt_value *tree = NULL, *v = NULL;
	pt_status st;
	pt_error err;
	pt_db *db;
	zval z;

	ZEND_PARSE_PARAMETERS_START(2, write ? 4 : 3)
		Z_PARAM_STR(by)
		Z_PARAM_STR(subject)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(*third)
		Z_PARAM_ARRAY_HT(opts)
	ZEND_PARSE_PARAMETERS_END();

	if (!(c.in = instr_of(ZEND_THIS, &c.cfg)) || !participa_id_arg(ID_PARTICIPANT, by)
		|| !participa_opts(opts, false, o, 1) || !(db = participa_site_db(participa_handle_site(ZEND_THIS)))) {
		RETURN_THROWS();
	}
	ZVAL_ARR(&z, answers ? answers : (HashTable *)&zend_empty_array);
	c.answers = write ? (tree = participa_value_from_zval(&z, &participa_request_allocator, 3)) : NULL;
	c.participant = ZSTR_VAL(by);
	c.subject = ZSTR_VAL(subject);
	c.subject_len = ZSTR_LEN(subject);
	c.as = as ? ZSTR_VAL(as) : NULL;
	c.as_len = as ? ZSTR_LEN(as) : 0;
	pt_error_clear(&err);
	st = pt_instr_store_call(db, &c, &participa_request_allocator, &v, &err);
	pt_value_free(tree);
	if (!participa_value_result(st, &err, v, return_value)) {
		RETURN_THROWS();
	}
}

PHP_METHOD(Participa_Instrument, __construct)
{
	ZEND_PARSE_PARAMETERS_NONE();
}

#define CALL_METHOD(name, write, submit, kind) PHP_METHOD(Participa_Instrument, name) \
{ \
	call(INTERNAL_FUNCTION_PARAM_PASSTHRU, write, submit, kind); \
}
CALL_METHOD(saveDraft, true, false, PT_INSTR_SELF)
CALL_METHOD(submit, true, true, PT_INSTR_SELF)
CALL_METHOD(corroborate, true, true, PT_INSTR_CORROBORATION)
CALL_METHOD(response, false, false, PT_INSTR_SELF)
CALL_METHOD(refusal, false, true, PT_INSTR_SELF)

PHP_METHOD(Participa_Instrument, definition)
{
	const pt_config *cfg;
	const pt_instrument *in;

	ZEND_PARSE_PARAMETERS_NONE();
	if (!(in = instr_of(ZEND_THIS, &cfg)) || !participa_value_return(pt_instr_definition(in, cfg, &php_clock,
			&participa_request_allocator), return_value)) {
		RETURN_THROWS();
	}
}

/* report() (format NULL) and export(format). */
static void scores(INTERNAL_FUNCTION_PARAMETERS, const char *format)
{
	const pt_config *cfg;
	const pt_instrument *in;
	pt_value *v = NULL;
	pt_status st;
	pt_error err;
	pt_db *db;
	pt_buf out;

	if (!(in = instr_of(ZEND_THIS, &cfg)) || !(db = participa_site_db(participa_handle_site(ZEND_THIS)))) {
		RETURN_THROWS();
	}
	pt_error_clear(&err);
	pt_buf_init(&out, &participa_request_allocator);
	st = pt_instr_store_scores(db, cfg, in, &php_clock, format, &participa_request_allocator, &v, &out, &err);
	if (st == PT_OK && format) {
		RETVAL_STRINGL(out.data ? out.data : "", out.len);
	}
	pt_buf_free(&out);
	if (st != PT_OK || !format) {
		participa_value_result(st, &err, v, return_value);
	}
}

PHP_METHOD(Participa_Instrument, report)
{
	ZEND_PARSE_PARAMETERS_NONE();
	scores(INTERNAL_FUNCTION_PARAM_PASSTHRU, NULL);
}

PHP_METHOD(Participa_Instrument, export)
{
	zend_string *format = NULL;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR(format)
	ZEND_PARSE_PARAMETERS_END();
	scores(INTERNAL_FUNCTION_PARAM_PASSTHRU, format ? ZSTR_VAL(format) : "csv");
}
