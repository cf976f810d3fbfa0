/*
 * participa binding: the backed enums of the API's closed sets (enums.stub.php).
 */
#ifndef PARTICIPA_ENUMS_H
#define PARTICIPA_ENUMS_H

#include "php.h"

extern zend_class_entry *participa_ce_Sort;
extern zend_class_entry *participa_ce_Reaction;
extern zend_class_entry *participa_ce_Alignment;
extern zend_class_entry *participa_ce_Secrecy;
extern zend_class_entry *participa_ce_ResultsVisibility;


/*
 * A closed-set value given as a case of the backed enum `ce` or as a string:
 * the string (borrowed: the case's value, or the string itself, which the
 * caller still checks against the set with its own message). Anything else:
 * NULL, with Participa\InvalidArgumentException thrown ("`what` debe ser un
 * texto o un caso de Participa\Sort."). `what` is capitalised Spanish.
 */
zend_string *participa_enum_value(zval *value, zend_class_entry *ce, const char *what);

#endif
