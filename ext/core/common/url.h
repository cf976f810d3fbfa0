/*
 * participa core: the one URL rule.
 *
 * Every URL that participa stores and later puts in an href (evidence URLs
 * of commitments today; any URL-typed field tomorrow) goes through
 * pt_url_check() on write. Templates escape attribute values, so the rule is
 * not about quotes or entities: it is about what a browser would EXECUTE or
 * silently rewrite. A browser strips leading C0 controls and spaces and
 * removes tabs and newlines anywhere before it reads the scheme, so
 * " javascript:", "java\tscript:" and "\x01javascript:" all run script; it
 * reads "\" as "/" ("\\evil" is "//evil"); and a scheme is matched case-
 * insensitively ("JaVaScRiPt:").
 *
 * Accepted:
 *   - absolute http and https URLs: "http://" or "https://" (scheme in any
 *     case) followed by a non-empty host, with no user name or password
 *     ("https://gob.mx@evil.example" is refused);
 *   - relative references to the site: "/path", "path/x", "?q", "#frag",
 *     "../x", whose first segment has no ':' (a ':' before the first '/',
 *     '?' or '#' would make it a scheme, e.g. "javascript:", "data:",
 *     "vbscript:", "%6Aavascript:").
 * Refused:
 *   - every other scheme;
 *   - protocol-relative "//host/..." references (they borrow the page's
 *     scheme and leave the site; write "https://host/..." instead);
 *   - ASCII controls, spaces, tabs, newlines and DEL anywhere (spaces are
 *     written %20), Unicode spaces and invisible format characters (no-break
 *     and zero-width spaces, bidi controls, BOM, tag characters);
 *   - the characters RFC 3986 never allows unencoded: " < > \ ^ ` { | };
 *   - '%' not followed by two hex digits;
 *   - invalid UTF-8, and more than PT_URL_MAX bytes.
 * Non-ASCII letters are accepted as they are (IRIs: "https://es.wikipedia.org/wiki/Año").
 *
 * Pure functions; no allocation; thread safe. Messages are Spanish, start
 * with `what` (e.g. "evidence.url") and never quote the value.
 */
#ifndef PT_URL_H
#define PT_URL_H

#include <stdbool.h>
#include <stddef.h>
#include "core/common/pt_base.h"

/* Longest URL in bytes: the VARCHAR(2000) of participa_commitment_evidence.url. */
#define PT_URL_MAX 2000

/*
 * Checks s[0..len) against the rule above. PT_OK, or PT_ERR_INVALID with a
 * message and err->index = byte offset of the problem. O(len).
 */
pt_status pt_url_check(const char *what, const char *s, size_t len, pt_error *err);

/* pt_url_check() without a message. */
bool pt_url_valid(const char *s, size_t len);

#endif /* PT_URL_H */
