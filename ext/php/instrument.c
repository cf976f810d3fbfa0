/*
 * participa binding: Participa\Instrument (core/instrument, io/instrument).
 *
 * A site handle with its instrument's id. The only things done here: the
 * arguments, the clock (the kind's window converted to UTC with PHP's time
 * zone database, as Process does), the conversions; the rules and the SQL
 * are core's and io's.
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
#include "core/common/json_write.h"
#include "io/instrument/instrument_store.h"

zend_class_entry *participa_ce_Instrument;

#define REQ (&participa_request_allocator)

/* The instrument and the site's configuration; NULL with the refusal thrown. */
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
	if (!participa_ok(pt_instr_lookup(participa_site_config(site), ZSTR_VAL(id), ZSTR_LEN(id), &in, &err), &err)) {
		return;
	}
	participa_site_handle_new(participa_ce_Instrument, site, return_value);
	zend_update_property_str(participa_ce_Instrument, Z_OBJ_P(return_value), ZEND_STRL("id"), id);
}

/* The kind's window now: opens and closes are local seconds in the site's zone. */
static pt_instr_window window_now(const pt_config *cfg, const pt_instr_respondent *r)
{
	int64_t opens = 0, closes = 0;

	if ((r->has_opens && !participa_local_to_utc((void *)cfg->timezone, r->opens_local, &opens))
		|| (r->has_closes && !participa_local_to_utc((void *)cfg->timezone, r->closes_local, &closes))) {
		return PT_INSTR_WINDOW_AFTER; /* cannot tell: closed (fail closed) */
	}
	return pt_instr_window_at(r, opens, closes, (int64_t)time(NULL));
}

/* The participant, subject and 'as' option; false with the refusal thrown. */
static bool args_of(const pt_instrument *in, zend_string *by, zend_string *subject, HashTable *opts,
	pt_instr_kind *kind, int32_t *s)
{
	zend_string *as = NULL;
	const participa_opt o[] = { { "as", PO_STRING, &as, 0, NULL, NULL } };
	pt_error err;

	pt_error_clear(&err);
	return participa_id_arg(ID_PARTICIPANT, by) && participa_opts(opts, false, o, 1)
		&& participa_ok(as ? pt_instr_kind_arg(in, ZSTR_VAL(as), ZSTR_LEN(as), kind, &err) : PT_OK, &err)
		&& participa_ok(pt_instr_subject_arg(in, ZSTR_VAL(subject), ZSTR_LEN(subject), s, &err), &err);
}

/* response() into rv; false with the refusal thrown. */
static bool response_into(zval *self, const pt_config *cfg, const pt_instrument *in, pt_instr_kind kind, int32_t s,
	zend_string *by, zval *rv)
{
	pt_db *db = participa_site_db(participa_handle_site(self));
	pt_value *v = NULL;
	pt_status st;
	pt_error err;

	pt_error_clear(&err);
	if (!db) {
		return false;
	}
	st = pt_instr_store_response(db, cfg, in, kind, s, ZSTR_VAL(by), REQ, &v, &err);
	return participa_value_result(st, &err, v, rv);
}

/* saveDraft(), submit(), corroborate(). */
static void write_response(INTERNAL_FUNCTION_PARAMETERS, bool submit, pt_instr_kind kind)
{
	zend_string *by, *subject;
	HashTable *answers = NULL, *opts = NULL;
	const pt_config *cfg;
	const pt_instrument *in;
	pt_instr_answers ans;
	pt_instr_write_req req;
	pt_value *tree;
	pt_error err;
	pt_db *db;
	int32_t s;
	zval z;
	bool ok;

	ZEND_PARSE_PARAMETERS_START(2, 4)
		Z_PARAM_STR(by)
		Z_PARAM_STR(subject)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(answers)
		Z_PARAM_ARRAY_HT(opts)
	ZEND_PARSE_PARAMETERS_END();

	if (!(in = instr_of(ZEND_THIS, &cfg)) || !args_of(in, by, subject, opts, &kind, &s)
		|| !(db = participa_site_db(participa_handle_site(ZEND_THIS)))) {
		RETURN_THROWS();
	}
	ZVAL_ARR(&z, answers ? answers : (HashTable *)&zend_empty_array);
	tree = participa_value_from_zval(&z, REQ, 3);
	pt_error_clear(&err);
	ok = participa_ok(pt_instr_answers_parse(in, tree, &ans, REQ, &err), &err);
	pt_value_free(tree);
	if (!ok) {
		RETURN_THROWS();
	}
	req = (pt_instr_write_req){ cfg, in, kind, s, ZSTR_VAL(by), &ans, submit, window_now(cfg, &in->respondents[kind]),
		REQ };
	ok = participa_ok(pt_instr_store_write(db, &req, &err), &err);
	pt_instr_answers_free(&ans);
	if (!ok || !response_into(ZEND_THIS, cfg, in, kind, s, by, return_value)) {
		RETURN_THROWS();
	}
}

PHP_METHOD(Participa_Instrument, __construct)
{
	ZEND_PARSE_PARAMETERS_NONE();
}

PHP_METHOD(Participa_Instrument, definition)
{
	const pt_config *cfg;
	const pt_instrument *in;

	ZEND_PARSE_PARAMETERS_NONE();
	if (!(in = instr_of(ZEND_THIS, &cfg)) || !participa_value_return(pt_instr_definition(in, cfg, REQ), return_value)) {
		RETURN_THROWS();
	}
}

PHP_METHOD(Participa_Instrument, saveDraft)
{
	write_response(INTERNAL_FUNCTION_PARAM_PASSTHRU, false, PT_INSTR_SELF);
}

PHP_METHOD(Participa_Instrument, submit)
{
	write_response(INTERNAL_FUNCTION_PARAM_PASSTHRU, true, PT_INSTR_SELF);
}

PHP_METHOD(Participa_Instrument, corroborate)
{
	write_response(INTERNAL_FUNCTION_PARAM_PASSTHRU, true, PT_INSTR_CORROBORATION);
}

PHP_METHOD(Participa_Instrument, response)
{
	zend_string *by, *subject;
	HashTable *opts = NULL;
	const pt_config *cfg;
	const pt_instrument *in;
	pt_instr_kind kind = PT_INSTR_SELF;
	int32_t s;

	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_STR(by)
		Z_PARAM_STR(subject)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(opts)
	ZEND_PARSE_PARAMETERS_END();

	if (!(in = instr_of(ZEND_THIS, &cfg)) || !args_of(in, by, subject, opts, &kind, &s)
		|| !response_into(ZEND_THIS, cfg, in, kind, s, by, return_value)) {
		RETURN_THROWS();
	}
}

/* report() and export(): one streamed read, then the report tree or its open data. */
static void scores(INTERNAL_FUNCTION_PARAMETERS, const char *format)
{
	const pt_config *cfg;
	const pt_instrument *in;
	pt_instr_tally *t;
	pt_error err;
	pt_status st;
	pt_db *db;
	pt_buf out;

	if (!(in = instr_of(ZEND_THIS, &cfg)) || !(db = participa_site_db(participa_handle_site(ZEND_THIS)))) {
		RETURN_THROWS();
	}
	pt_error_clear(&err);
	st = (t = pt_instr_tally_new(in, REQ)) ? pt_instr_store_tally(db, in, t, &err)
		: pt_error_set(&err, PT_ERR_NOMEM, "participa: out of memory");
	if (st == PT_OK && !format) {
		participa_value_return(pt_instr_report(t, cfg, REQ), return_value);
	} else if (st == PT_OK) {
		pt_buf_init(&out, REQ);
		st = pt_instr_export(t, cfg, format, &out, &err);
		if (st == PT_OK) {
			RETVAL_STRINGL(out.data ? out.data : "", out.len);
		}
		pt_buf_free(&out);
	}
	pt_instr_tally_free(t);
	if (st != PT_OK) {
		participa_throw_error(&err);
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
