/*
 * participa core: JSON text from a pt_value tree, byte for byte what PHP's
 * json_encode() writes for the same data as the binding converts it to
 * (JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES, optionally
 * JSON_PRESERVE_ZERO_FRACTION), so a stored result reads back as before.
 *
 * What "as PHP" means here:
 *   - strings: '"' and '\' escaped, \b \f \n \r \t, other C0 controls as
 *     \u00xx (lower-case hex), U+2028 and U+2029 as \u2028 / \u2029, '/' and
 *     every other character (DEL included) as they are; invalid UTF-8 fails;
 *   - a list is an array; a map is an object, except that PHP turns
 *     canonical integer keys ("0", "17", "-3") into integer keys, so a map
 *     whose keys are "0", "1", ... "n-1" in order, and an empty map, are
 *     written as arrays ([]), as json_encode() writes such PHP arrays;
 *   - a rational with denominator 1 is an integer; any other is a double
 *     (num / den) in PHP's serialize_precision = -1 form: the shortest
 *     digits that read back as the same double, exponent form below 1e-4
 *     and from 1e17 on ("1.0e-5", "1.0e+17"); with PT_JSON_ZERO_FRACTION
 *     an integral double gets ".0".
 * Pure functions over a caller's pt_buf; thread safe.
 */
#ifndef PT_JSON_WRITE_H
#define PT_JSON_WRITE_H

#include <stdbool.h>
#include <stddef.h>
#include "core/common/pt_base.h"
#include "core/common/pt_value.h"
#include "core/commitment/commitment.h"   /* pt_buf (to core/common/pt_buf.h with the toolkit) */

#define PT_JSON_ZERO_FRACTION 1u   /* JSON_PRESERVE_ZERO_FRACTION */

/* Appends s[0..len) as a JSON string. PT_ERR_INVALID (err set) when s is not UTF-8; b then holds part of it. */
pt_status pt_json_string(pt_buf *b, const char *s, size_t len, pt_error *err);

/* A JSON string, or null for NULL. */
pt_status pt_json_string_opt(pt_buf *b, const char *s, size_t len, pt_error *err);

/* A double as PHP writes it (see above). NaN and infinities, which PHP refuses, fail with PT_ERR_INVALID. */
pt_status pt_json_double(pt_buf *b, double d, unsigned flags, pt_error *err);

/* A 64-bit integer. */
void pt_json_int(pt_buf *b, int64_t i);

/* Appends the whole tree v (NULL writes null). PT_ERR_INVALID on a string that is not UTF-8 or a
 * non-finite number; PT_ERR_NOMEM when b ran out of memory. O(size of the tree). */
pt_status pt_json_value(pt_buf *b, const pt_value *v, unsigned flags, pt_error *err);

/* Whether PHP would write this map as a JSON array (empty, or keys "0".."n-1" in order). */
bool pt_json_map_is_list(const pt_value *map);

#endif /* PT_JSON_WRITE_H */
