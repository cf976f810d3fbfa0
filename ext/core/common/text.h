/*
 * participa core: citizen text checks shared by threads and moderation.
 *
 * Comments arrive from web forms as bytes. participa stores only strict
 * UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF) and no
 * control characters except newline and tab: invalid input is refused, never
 * repaired, so what a moderator reviews is exactly what was posted. Carriage
 * returns are refused too; the binding may normalise "\r\n" to "\n" before
 * calling (browsers send CRLF in form posts).
 *
 * Pure functions over (const char *, size_t); no global state; thread safe.
 */
#ifndef PT_TEXT_H
#define PT_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/common/pt_base.h"
#include "core/common/pt_id.h"

/*
 * Validates s[0..len) as strict UTF-8 without control characters other than
 * '\n' and '\t' (C0 controls, DEL and the C1 controls U+0080..U+009F are
 * refused; so is NUL). On success returns PT_OK and stores the length in
 * code points in *chars (chars may be NULL). On failure returns
 * PT_ERR_INVALID, sets err->index to the byte offset of the offending
 * sequence and writes a Spanish message meant for the author, e.g.
 * "El texto no es UTF-8 válido (byte 17)." / "El texto contiene un carácter
 * de control no permitido (byte 3).". O(len).
 */
pt_status pt_text_validate(const char *s, size_t len, size_t *chars, pt_error *err);

/*
 * True when s[0..len) is strict UTF-8 (no overlong forms, no surrogates,
 * nothing past U+10FFFF): what a utf8mb4 column stores. Control characters
 * are allowed (use pt_text_validate() or pt_text_check() for a person's
 * text). O(len), eight ASCII bytes at a time.
 */
bool pt_text_utf8_valid(const char *s, size_t len);

/*
 * The one text check for a field a person fills in: strict UTF-8, no
 * control characters (except '\n' with PT_TEXT_NEWLINE and '\t' with
 * PT_TEXT_TAB), at most max_chars code points (0: no limit) and, with
 * PT_TEXT_REQUIRED, not blank (empty or only white space, see
 * pt_text_is_blank()). `what` names the field for the message, capitalised
 * ("El motivo"). Returns PT_OK, or PT_ERR_INVALID with a catalogued Spanish
 * message and err->index the byte offset of the problem (0 for blank, the
 * offset of the first character past the limit for length):
 *   "%s no es UTF-8 válido (byte %zu)."
 *   "%s contiene un carácter de control no permitido (byte %zu)."
 *   "%s no puede quedar en blanco."
 *   "%s tiene %zu caracteres; el máximo es %zu."
 * Checked in that order, so a length message always counts valid text.
 * s may be NULL only when len is 0. O(len).
 */
#define PT_TEXT_REQUIRED  1u   /* refuse empty or white-space-only text */
#define PT_TEXT_NEWLINE   2u   /* allow '\n' */
#define PT_TEXT_TAB       4u   /* allow '\t' */
#define PT_TEXT_MULTILINE (PT_TEXT_NEWLINE | PT_TEXT_TAB)

pt_status pt_text_check(const char *s, size_t len, size_t max_chars, unsigned flags, const char *what,
	pt_error *err);

/* White space a person cannot see at the ends of a value: U+0020, U+00A0,
 * U+1680, U+2000..U+200D, U+2028, U+2029, U+202F, U+205F, U+2060, U+3000,
 * U+FEFF (what the id rule trims against). */
bool pt_text_is_space(uint32_t cp);

/* What leaves a text blank: pt_text_is_space(), '\t', '\n', '\r' and U+180E. */
bool pt_text_is_blank(uint32_t cp);

/* The code point at p, which must start a valid UTF-8 sequence (checked by
 * pt_text_validate()); *bytes gets its length. */
uint32_t pt_text_decode(const unsigned char *p, size_t *bytes);

/* Code points in s[0..len), which must already be valid UTF-8. O(len). */
size_t pt_text_chars(const char *s, size_t len);

/* Replaces every "\r\n" by "\n" in place and returns the new length. O(len). */
size_t pt_text_normalize_newlines(char *s, size_t len);

/*
 * @mentions.
 *
 * Syntax: '@' at the start of the text or after a character that is not an
 * ASCII letter, digit, '_', '.', '-' or '@' (so "ana@correo.mx" is not a
 * mention), followed by a handle of 1..PT_ID_MAX bytes from [A-Za-z0-9_.:-]
 * starting with a letter or digit. Trailing '.', ':' and '-' are not part of
 * the handle, so "gracias @wp:42." mentions "wp:42". Participant ids such as
 * "wp:42" are therefore written "@wp:42". A handle is at most an id long
 * (PT_ID_MAX, pt_id.h).
 */

typedef struct pt_mention {
	size_t offset;       /* byte offset of the handle (after '@') in the text */
	size_t len;          /* handle length in bytes */
} pt_mention;

/*
 * Finds the unique mentions of s[0..len) in order of first appearance
 * (exact byte comparison: "@Ana" and "@ana" are different handles). On
 * success *out is an array of *count entries allocated with a (NULL = libc;
 * free with pt_free(a, *out)), or NULL when *count is 0. At most max
 * mentions are returned (0 = no cap); the rest are ignored. Errors:
 * PT_ERR_NOMEM. O(len) expected (a hash set removes duplicates).
 */
pt_status pt_text_mentions(const char *s, size_t len, size_t max, const pt_allocator *a,
	pt_mention **out, size_t *count, pt_error *err);

#endif
