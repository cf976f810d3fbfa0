/*
 * participa binding: exception classes, and the single place where a core
 * pt_error becomes a PHP exception.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <syslog.h>

#include "php.h"
#include "SAPI.h"
#include "zend_exceptions.h"
#include "ext/spl/spl_exceptions.h"

#include "participa_errors.h"
#include "core/common/pt_id.h"
#include "core/common/messages.h"

zend_class_entry *participa_ce_Exception;
zend_class_entry *participa_ce_InvalidArgumentException;
zend_class_entry *participa_ce_RuntimeException;
zend_class_entry *participa_ce_ConfigException;
zend_class_entry *participa_ce_DatabaseException;
zend_class_entry *participa_ce_NotAllowedException;
zend_class_entry *participa_ce_ConflictException;
zend_class_entry *participa_ce_NotFoundException;


static zend_class_entry *class_for(pt_status code)
{
	switch (code) {
	case PT_ERR_INVALID:
		return participa_ce_InvalidArgumentException;
	case PT_ERR_CONFIG:
		return participa_ce_ConfigException;
	case PT_ERR_DB:
		return participa_ce_DatabaseException;
	case PT_ERR_NOT_ALLOWED:
		return participa_ce_NotAllowedException;
	case PT_ERR_CONFLICT:
		return participa_ce_ConflictException;
	case PT_ERR_NOT_FOUND:
		return participa_ce_NotFoundException;
	default:
		return participa_ce_RuntimeException;
	}
}

/* The language of the texts thrown: the locale of the Site this thread used
 * last (Site::open(), and every method that reads its configuration or its
 * connection, set it). Spanish until a Site with locale en* is used. */
ZEND_TLS bool english;   /* ZEND_TLS: static, and per thread under ZTS */

void participa_errors_set_locale(const char *locale)
{
	english = pt_locale_english(locale);
}

bool participa_errors_english(void)
{
	return english;
}

/* The code of an exception of class ce (made by PHP code too): what its generic text says. */
static pt_status code_for(const zend_class_entry *ce)
{
	if (instanceof_function(ce, participa_ce_InvalidArgumentException)) {
		return PT_ERR_INVALID;
	}
	if (instanceof_function(ce, participa_ce_NotAllowedException)) {
		return PT_ERR_NOT_ALLOWED;
	}
	if (instanceof_function(ce, participa_ce_ConflictException)) {
		return PT_ERR_CONFLICT;
	}
	if (instanceof_function(ce, participa_ce_NotFoundException)) {
		return PT_ERR_NOT_FOUND;
	}
	return PT_ERR_INTERNAL;
}

/*
 * An operational failure goes to the operator's log with its details, since
 * a resident is only shown the generic text. Where the log goes is PHP's
 * (error_log, else the SAPI's: php-fpm's log, Apache's). Not under the CLI
 * and embed SAPIs without an error_log file: there the log is the terminal,
 * where the uncaught exception (or `participa check`) already says it.
 */
static void log_operational(const zend_class_entry *ce, const pt_error *err)
{
	const char *sapi = sapi_module.name ? sapi_module.name : "";
	char line[PT_ERROR_MESSAGE_MAX + PT_ERROR_FILE_MAX + 128];

	if (!PG(log_errors)) {
		return;
	}
	if ((!PG(error_log) || !*PG(error_log))
			&& (!strcmp(sapi, "cli") || !strcmp(sapi, "embed") || !strcmp(sapi, "phpdbg"))) {
		return;
	}
	pt_error_log_line(err, ZSTR_VAL(ce->name), line, sizeof(line));
	php_log_err_with_severity(line, LOG_ERR);
}

void participa_throw_error(const pt_error *err)
{
	zend_class_entry *ce = class_for(err->code);
	zend_long code = err->code == PT_ERR_DB ? (zend_long)err->db_errno : 0;
	bool catalogued = pt_error_catalogued(err);
	const char *message = err->message[0] ? err->message : "participa: unknown error";
	/* only a catalogued refusal is a text meant for a resident */
	const char *public_text = pt_msg_public(err, english);
	zend_object *ex;

	if (english && catalogued) {
		message = err->message_en;
	}
	if (!pt_status_refusal(err->code)) {
		log_operational(ce, err);
	}
	ex = zend_throw_exception(ce, message, code);
	if (!ex) {
		return;
	}
	zend_update_property_string(ce, ex, ZEND_STRL("publicMessage"), public_text);
	if (err->index >= 0) {
		zend_update_property_long(ce, ex, ZEND_STRL("index"), (zend_long)err->index);
	}
	/* A configuration error is about the YAML, so file/line point there,
	 * not at the PHP line that called Site::open(). */
	if (err->code == PT_ERR_CONFIG && err->file[0]) {
		zend_update_property_string(zend_ce_exception, ex, ZEND_STRL("file"), err->file);
		zend_update_property_long(zend_ce_exception, ex, ZEND_STRL("line"), err->line);
		zend_update_property_long(participa_ce_ConfigException, ex, ZEND_STRL("column"), err->column);
	}
	if (err->code == PT_ERR_DB) {
		zend_update_property_string(participa_ce_DatabaseException, ex, ZEND_STRL("sqlState"), err->sqlstate);
	}
}

void participa_throw_invalid(const char *fmt, ...)
{
	va_list ap;
	pt_error err;

	/* through a pt_error, so the catalog gives its English and marks it fit
	 * for a resident */
	pt_error_clear(&err);
	va_start(ap, fmt);
	pt_error_vset(&err, PT_ERR_INVALID, fmt, ap);
	va_end(ap);
	participa_throw_error(&err);
}

void participa_throw_argument(uint32_t arg, bool type_error, const char *fmt, ...)
{
	va_list ap;
	char *message;

	va_start(ap, fmt);
	vspprintf(&message, 0, fmt, ap);
	va_end(ap);
	if (type_error) {
		zend_argument_type_error(arg, "%s", message);
	} else {
		zend_argument_value_error(arg, "%s", message);
	}
	efree(message);
}

void participa_throw_type(const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	zend_vspprintf(&msg, 0, fmt, ap);
	va_end(ap);
	zend_type_error("%s", msg);
	efree(msg);
}

void participa_throw_code(pt_status code, const char *fmt, ...)
{
	va_list ap;
	pt_error err;

	pt_error_clear(&err);
	va_start(ap, fmt);
	pt_error_vset(&err, code, fmt, ap);
	va_end(ap);
	participa_throw_error(&err);
}

PHP_METHOD(Participa_InvalidArgumentException, publicMessage)
{
	zval rv, *text;

	ZEND_PARSE_PARAMETERS_NONE();
	text = zend_read_property(Z_OBJCE_P(ZEND_THIS), Z_OBJ_P(ZEND_THIS), ZEND_STRL("publicMessage"), 1, &rv);
	ZVAL_DEREF(text);
	if (Z_TYPE_P(text) == IS_STRING && Z_STRLEN_P(text) > 0) {
		RETURN_COPY(text);
	}
	/* made by PHP code (new NotFoundException('...')), or thrown past
	 * participa_throw_error(): its message may be anything */
	RETURN_STRING(pt_msg_generic(code_for(Z_OBJCE_P(ZEND_THIS)), english));
}

/* A getter: the property `name` of the exception, as declared by class ce. */
static void return_property(zend_class_entry *ce, zval *self, const char *name, size_t len, zval *return_value)
{
	zval rv;

	RETURN_COPY_DEREF(zend_read_property(ce, Z_OBJ_P(self), name, len, 1, &rv));
}

PHP_METHOD(Participa_InvalidArgumentException, getIndex)
{
	ZEND_PARSE_PARAMETERS_NONE();
	return_property(Z_OBJCE_P(ZEND_THIS), ZEND_THIS, ZEND_STRL("index"), return_value);
}

PHP_METHOD(Participa_ConfigException, getColumn)
{
	ZEND_PARSE_PARAMETERS_NONE();
	return_property(participa_ce_ConfigException, ZEND_THIS, ZEND_STRL("column"), return_value);
}

PHP_METHOD(Participa_ConfigException, getProblems)
{
	ZEND_PARSE_PARAMETERS_NONE();
	return_property(participa_ce_ConfigException, ZEND_THIS, ZEND_STRL("problems"), return_value);
}

PHP_METHOD(Participa_DatabaseException, getSqlState)
{
	ZEND_PARSE_PARAMETERS_NONE();
	return_property(participa_ce_DatabaseException, ZEND_THIS, ZEND_STRL("sqlState"), return_value);
}

/* Request allocator: emalloc so memory_limit applies and a bailout cannot leak. */
static void *request_alloc(size_t size, void *ctx)
{
	(void)ctx;
	return emalloc(size ? size : 1);
}

static void *request_realloc(void *ptr, size_t size, void *ctx)
{
	(void)ctx;
	return erealloc(ptr, size ? size : 1);
}

static void request_free(void *ptr, void *ctx)
{
	(void)ctx;
	efree(ptr);
}

const pt_allocator participa_request_allocator = { request_alloc, request_realloc, request_free, NULL };

bool participa_id_arg(const char *what, const zend_string *id)
{
	pt_error err;

	pt_error_clear(&err);
	if (pt_id_check(what, ZSTR_VAL(id), ZSTR_LEN(id), &err) != PT_OK) {
		participa_throw_error(&err);
		return false;
	}
	return true;
}
