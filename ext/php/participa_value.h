/*
 * participa binding: the one conversion between core value trees
 * (core/common/pt_value.h) and PHP values, both ways.
 */
#ifndef PARTICIPA_VALUE_H
#define PARTICIPA_VALUE_H

#include "php.h"
#include "core/common/pt_value.h"

/*
 * A tree as a PHP value: maps become arrays through the symtable (numeric ids
 * such as "3" become integer keys), integral rationals ints, other rationals
 * floats. PT_VALUE_HOST becomes null.
 */
void participa_value_to_zval(const pt_value *v, zval *out);

/*
 * A PHP value as a tree (references followed): null, bool, int and string as
 * themselves; an array a list when it is one (zend_array_is_list), else a map
 * (integer keys as their decimal text); a float or a resource a PT_VALUE_HOST
 * with PHP's string for it; an object or an array deeper than max_depth (a
 * recursive array is followed that far) a PT_VALUE_HOST without text. NULL
 * when out of memory.
 */
pt_value *participa_value_from_zval(zval *zv, const pt_allocator *a, int max_depth);
/* The same, but a float is a PT_VALUE_REAL (its exact value, for a core that reads numbers). */
pt_value *participa_value_from_zval_real(zval *zv, const pt_allocator *a, int max_depth);

#endif
