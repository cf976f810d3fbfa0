/*
 * participa core: JSON text into a pt_value tree, as PHP's json_decode($json, true, $depth)
 * reads it (json_write.h is the other direction).
 *
 *   object   PT_VALUE_MAP, members in order; a repeated key keeps its first place and takes
 *            the last value (as a PHP array does)
 *   array    PT_VALUE_LIST
 *   number   PT_VALUE_INT when it is an integer that fits in 64 bits, else PT_VALUE_REAL
 *            (1.5, 1e3, 2.0, and integers too large: json_decode's float)
 *   string   PT_VALUE_STRING, escapes decoded (\uD83D\uDE00 pairs into one character)
 *   true, false, null as themselves
 *
 * Refused, as json_decode refuses them (PT_ERR_INVALID, a short English reason in err): a
 * syntax error (trailing commas, comments, single quotes, leading zeros, capitalised
 * literals, anything after the value), arrays and objects nested max_depth deep or more
 * (json_decode's $depth: 64 takes 63 levels; a scalar has none), invalid UTF-8, a control
 * character inside a string, an unpaired UTF-16 surrogate.
 * Whitespace is space, tab, CR and LF.
 *
 * Pure and reentrant; O(len) time (a hash finds repeated keys), recursion bounded by
 * max_depth. Memory through a (NULL: libc); *out is the caller's (pt_value_free()).
 */
#ifndef PT_JSON_READ_H
#define PT_JSON_READ_H

#include <stddef.h>
#include "core/common/pt_base.h"
#include "core/common/pt_value.h"

#ifdef __cplusplus
extern "C" {
#endif

/* PT_OK and *out, or PT_ERR_INVALID / PT_ERR_NOMEM and *out NULL. */
pt_status pt_json_read(const char *json, size_t len, int max_depth, const pt_allocator *a, pt_value **out,
	pt_error *err);

#ifdef __cplusplus
}
#endif

#endif /* PT_JSON_READ_H */
