/*
 * participa binding: the backed enums of the closed sets (enums.stub.php) and
 * the one conversion every method uses to take "an enum case or its value".
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"
#include "zend_enum.h"

#include "participa_enums.h"
#include "participa_errors.h"

zend_class_entry *participa_ce_Sort;
zend_class_entry *participa_ce_Reaction;
zend_class_entry *participa_ce_Alignment;
zend_class_entry *participa_ce_Secrecy;
zend_class_entry *participa_ce_ResultsVisibility;

zend_string *participa_enum_value(zval *value, zend_class_entry *ce, const char *what)
{
	ZVAL_DEREF(value);
	if (Z_TYPE_P(value) == IS_STRING) {
		/* the method checks the string itself, with its own message */
		return Z_STR_P(value);
	}
	if (Z_TYPE_P(value) == IS_OBJECT && Z_OBJCE_P(value) == ce) {
		return Z_STR_P(zend_enum_fetch_case_value(Z_OBJ_P(value)));
	}
	participa_throw_invalid("%s debe ser un texto o un caso de %s.", what, ZSTR_VAL(ce->name));
	return NULL;
}
