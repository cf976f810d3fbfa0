/*
 * participa core: dates, numbers, money and percentages as a citizen reads
 * them, Spanish (es_MX, the default) or English.
 *
 *   pt_format_date      "1 de febrero de 2026"          "February 1, 2026"
 *   pt_format_datetime  "1 de febrero de 2026, 18:05"   "February 1, 2026, 18:05"
 *   pt_format_number    "1,250,000.50" (both languages: es-MX groups with commas, decimals with a point)
 *   pt_format_money     "$1,250,000" when whole, else "$1,250,000.50" (Mexican pesos)
 *   pt_format_percent   0.452 -> "45.2 %"
 *
 * lang: "en" or any "en-..."/"en_..." is English; anything else (NULL
 * included) Spanish. English times use the 24-hour clock too ("18:05", not
 * "6:05 PM"): the same as the comment times (core/thread/comment_time.h),
 * unambiguous, and one rule fewer.
 *
 * Accepted dates (iso, NUL-terminated):
 *   "YYYY-MM-DD"                         a civil date: written as it is, no zone applied
 *   "YYYY-MM-DDTHH:MM[:SS[.f]]Z|+HH:MM"  an instant (core/common/pt_time.h's ISO 8601
 *                                        grammar, 'T' or a space): shown in zone tz
 *   "YYYY-MM-DD HH:MM[:SS[.f]]"          the server's DATETIME text without an offset,
 *                                        which every *_at of the public arrays is: UTC,
 *                                        shown in zone tz
 * tz is an IANA name resolved by pt_time_zone_named() (NULL: America/Mexico_City).
 * Years 1..9999. The date functions append nothing and return PT_ERR_INVALID for
 * any other text, an unknown zone or NULL iso; PT_OK otherwise. They never
 * read past the NUL.
 *
 * Numbers: rounded to `decimals` places (clamped to 0..6) as printf rounds
 * the binary value (to nearest, ties to even: 0.125 -> "0.12"); a result
 * that rounds to zero has no minus sign. NaN and infinities write "—" (U+2014, no value), so a
 * bad ratio never shows "nan %". Negative money is "-$1,250".
 *
 * All functions only append to out (check out->failed once at the end), keep
 * no state and are thread safe as long as the zone resolver is.
 * O(length of the result).
 */
#ifndef PT_FORMAT_H
#define PT_FORMAT_H

#include "core/common/pt_base.h"
#include "core/common/pt_buf.h"

#ifdef __cplusplus
extern "C" {
#endif

#define PT_FORMAT_NONE "\xe2\x80\x94"      /* "—": what a non-finite number writes */

/* The month's name (1-12), Spanish or English: the one table every date text uses. */
const char *pt_format_month(unsigned month, bool english);
pt_status pt_format_date(pt_buf *out, const char *iso, const char *tz, const char *lang);
/* With the time of day; a date alone ("YYYY-MM-DD") writes the date without a time. */
pt_status pt_format_datetime(pt_buf *out, const char *iso, const char *tz, const char *lang);
void pt_format_number(pt_buf *out, double v, int decimals, const char *lang);
void pt_format_money(pt_buf *out, double pesos, const char *lang);
/* ratio 0.452 is 45.2 %, written with `decimals` decimals. */
void pt_format_percent(pt_buf *out, double ratio, int decimals, const char *lang);

#ifdef __cplusplus
}
#endif

#endif /* PT_FORMAT_H */
