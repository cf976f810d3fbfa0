/*
 * participa binding: exception classes, and the single place where a core
 * pt_error becomes a PHP exception.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"
#include "zend_exceptions.h"
#include "ext/spl/spl_exceptions.h"

#include "participa_errors.h"
#include "errors_arginfo.h"

zend_class_entry *participa_ce_Exception;
zend_class_entry *participa_ce_InvalidArgumentException;
zend_class_entry *participa_ce_RuntimeException;
zend_class_entry *participa_ce_ConfigException;
zend_class_entry *participa_ce_DatabaseException;
zend_class_entry *participa_ce_NotAllowedException;
zend_class_entry *participa_ce_ConflictException;
zend_class_entry *participa_ce_NotFoundException;

void participa_register_exceptions(void)
{
	participa_ce_Exception = register_class_Participa_Exception(zend_ce_throwable);
	participa_ce_InvalidArgumentException = register_class_Participa_InvalidArgumentException(
		spl_ce_InvalidArgumentException, participa_ce_Exception);
	participa_ce_RuntimeException = register_class_Participa_RuntimeException(
		spl_ce_RuntimeException, participa_ce_Exception);
	participa_ce_ConfigException = register_class_Participa_ConfigException(participa_ce_RuntimeException);
	participa_ce_DatabaseException = register_class_Participa_DatabaseException(participa_ce_RuntimeException);
	participa_ce_NotAllowedException = register_class_Participa_NotAllowedException(participa_ce_RuntimeException);
	participa_ce_ConflictException = register_class_Participa_ConflictException(participa_ce_RuntimeException);
	participa_ce_NotFoundException = register_class_Participa_NotFoundException(participa_ce_RuntimeException);
}

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

void participa_throw_error(const pt_error *err)
{
	zend_class_entry *ce = class_for(err->code);
	zend_long code = err->code == PT_ERR_DB ? (zend_long)err->db_errno : 0;
	zend_object *ex = zend_throw_exception(ce, err->message[0] ? err->message : "participa: unknown error", code);

	if (!ex) {
		return;
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
	char *msg;

	va_start(ap, fmt);
	zend_vspprintf(&msg, 0, fmt, ap);
	va_end(ap);
	zend_throw_exception(participa_ce_InvalidArgumentException, msg, 0);
	efree(msg);
}

PHP_METHOD(Participa_ConfigException, getColumn)
{
	zval rv, *column;

	ZEND_PARSE_PARAMETERS_NONE();
	column = zend_read_property(participa_ce_ConfigException, Z_OBJ_P(ZEND_THIS), ZEND_STRL("column"), 1, &rv);
	RETURN_COPY_DEREF(column);
}

PHP_METHOD(Participa_ConfigException, getProblems)
{
	zval rv, *problems;

	ZEND_PARSE_PARAMETERS_NONE();
	problems = zend_read_property(participa_ce_ConfigException, Z_OBJ_P(ZEND_THIS), ZEND_STRL("problems"), 1, &rv);
	RETURN_COPY_DEREF(problems);
}

PHP_METHOD(Participa_DatabaseException, getSqlState)
{
	zval rv, *state;

	ZEND_PARSE_PARAMETERS_NONE();
	state = zend_read_property(participa_ce_DatabaseException, Z_OBJ_P(ZEND_THIS), ZEND_STRL("sqlState"), 1, &rv);
	RETURN_COPY_DEREF(state);
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
