/*
 * participa binding: the exception classes and the ONE function that turns a
 * core pt_error into a PHP exception.
 *
 *   Participa\Exception                 interface, extends Throwable; publicMessage()
 *   Participa\InvalidArgumentException  extends \InvalidArgumentException
 *   Participa\RuntimeException          extends \RuntimeException
 *   (both: publicMessage(), getIndex())
 *   Participa\ConfigException    final, extends RuntimeException (file/line of the YAML, getColumn(), getProblems())
 *   Participa\DatabaseException  final, extends RuntimeException (code = server errno, getSqlState())
 *   Participa\NotAllowedException final, extends RuntimeException
 *   Participa\ConflictException  final, extends RuntimeException
 *   Participa\NotFoundException  final, extends RuntimeException
 */
#ifndef PARTICIPA_ERRORS_H
#define PARTICIPA_ERRORS_H

#include "php.h"
#include "core/common/pt_base.h"

extern zend_class_entry *participa_ce_Exception;
extern zend_class_entry *participa_ce_InvalidArgumentException;
extern zend_class_entry *participa_ce_RuntimeException;
extern zend_class_entry *participa_ce_ConfigException;
extern zend_class_entry *participa_ce_DatabaseException;
extern zend_class_entry *participa_ce_NotAllowedException;
extern zend_class_entry *participa_ce_ConflictException;
extern zend_class_entry *participa_ce_NotFoundException;


/*
 * Throws the exception that matches err->code, carrying its message and,
 * where they apply, file/line/column, errno/SQLSTATE and item index
 * (getIndex()). Callers then RETURN_THROWS().
 *
 * The message is err->message_en when the site is English and the catalog
 * has the text (pt_error_catalogued()), else err->message. publicMessage()
 * is that message for a catalogued refusal (invalid, not allowed, conflict,
 * not found), else the generic text of the class in the site's language.
 * Operational failures (database, configuration, I/O, memory, internal) are
 * also written to PHP's error log with their details (see errors.c).
 */
void participa_throw_error(const pt_error *err);

/*
 * The language of thrown texts: site.c calls this with the locale of the
 * Site in use (Site::open() and the config/connection accessors). en, en_US,
 * en-GB... select English (core's pt_locale_english()); anything else Spanish. Per thread.
 */
void participa_errors_set_locale(const char *locale);
bool participa_errors_english(void);

/* Convenience: throw Participa\InvalidArgumentException with a message
 * (through a pt_error and participa_throw_error(), so the catalog applies). */
void participa_throw_invalid(const char *fmt, ...) ZEND_ATTRIBUTE_FORMAT(printf, 1, 2);

/*
 * The engine's TypeError (type_error) or ValueError for argument number
 * `arg` of the current function ("Argument #3 ($options) <message>"): for
 * checks of an argument's shape that core makes (tally options) or the
 * binding makes while reading a zval. The message is English, as PHP's own.
 */
void participa_throw_argument(uint32_t arg, bool type_error, const char *fmt, ...)
	ZEND_ATTRIBUTE_FORMAT(printf, 3, 4);
/* Convenience: throw PHP's TypeError with a message (a wrong option or filter type). */
void participa_throw_type(const char *fmt, ...) ZEND_ATTRIBUTE_FORMAT(printf, 1, 2);

/* participa_throw_invalid() for any pt_status code (PT_ERR_NOT_FOUND -> NotFoundException ...). */
void participa_throw_code(pt_status code, const char *fmt, ...) ZEND_ATTRIBUTE_FORMAT(printf, 2, 3);
/* An id argument under the one id rule (core/pt_id.h): true, or false with the refusal
 * thrown. `what` names the id for the message, capitalised Spanish ("El identificador
 * del participante"). Every binding checks ids through this. */
bool participa_id_arg(const char *what, const zend_string *id);

/* The pt_allocator backed by emalloc/erealloc/efree, for request data. */
extern const pt_allocator participa_request_allocator;

#endif
