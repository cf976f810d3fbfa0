/*
 * participa core: strict UTF-8, character counts, @mentions (see text.h).
 */
#include "core/common/text.h"
#include "core/common/pt_buf.h"
#include "core/common/pt_hash.h"

#include <stdint.h>
#include <string.h>

/* What scan() found wrong. */
enum { SCAN_OK, SCAN_BAD_UTF8, SCAN_CONTROL };

/*
 * Strict UTF-8 over s[0..len) with no control characters but the allowed
 * ones (PT_TEXT_NEWLINE, PT_TEXT_TAB). Returns SCAN_OK with *chars the code
 * points, or what is wrong with *at its byte offset.
 */
static int scan(const char *s, size_t len, unsigned allow, size_t *chars, size_t *at)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n = 0;

	while (i < len) {
		unsigned char c = p[i];
		uint32_t cp;
		size_t need, k;

		if (c < 0x80) {
			/* ASCII fast path: the common case for Spanish text is runs of it. */
			if (c < 0x20 ? !((c == '\n' && (allow & PT_TEXT_NEWLINE)) || (c == '\t' && (allow & PT_TEXT_TAB)))
					: c == 0x7F) {
				*at = i;
				return SCAN_CONTROL;
			}
			i++;
			n++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			need = 1;
			cp = c & 0x1Fu;
		} else if (c >= 0xE0 && c <= 0xEF) {
			need = 2;
			cp = c & 0x0Fu;
		} else if (c >= 0xF0 && c <= 0xF4) {
			need = 3;
			cp = c & 0x07u;
		} else {
			*at = i;
			return SCAN_BAD_UTF8; /* continuation byte, C0/C1 overlong lead, or > U+10FFFF lead */
		}
		if (len - i <= need) {
			*at = i;
			return SCAN_BAD_UTF8;
		}
		for (k = 1; k <= need; k++) {
			if ((p[i + k] & 0xC0) != 0x80) {
				*at = i;
				return SCAN_BAD_UTF8;
			}
			cp = (cp << 6) | (p[i + k] & 0x3Fu);
		}
		/* Overlongs, surrogates and values past U+10FFFF. */
		if ((need == 2 && cp < 0x800) || (need == 3 && (cp < 0x10000 || cp > 0x10FFFF))
			|| (cp >= 0xD800 && cp <= 0xDFFF)) {
			*at = i;
			return SCAN_BAD_UTF8;
		}
		if (cp >= 0x80 && cp <= 0x9F) {
			*at = i;
			return SCAN_CONTROL;
		}
		i += need + 1;
		n++;
	}
	*chars = n;
	return SCAN_OK;
}

static pt_status refuse_at(pt_error *err, size_t at)
{
	if (err) {
		err->index = (long)at;
	}
	return PT_ERR_INVALID;
}

pt_status pt_text_validate(const char *s, size_t len, size_t *chars, pt_error *err)
{
	size_t n = 0, at = 0;

	switch (scan(s, len, PT_TEXT_MULTILINE, &n, &at)) {
	case SCAN_BAD_UTF8:
		pt_error_set(err, PT_ERR_INVALID, "El texto no es UTF-8 válido (byte %zu).", at);
		return refuse_at(err, at);
	case SCAN_CONTROL:
		pt_error_set(err, PT_ERR_INVALID, "El texto contiene un carácter de control no permitido (byte %zu).", at);
		return refuse_at(err, at);
	default:
		break;
	}
	if (chars) {
		*chars = n;
	}
	return PT_OK;
}

bool pt_text_is_space(uint32_t cp)
{
	return cp == 0x20 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200D)
		|| cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x2060
		|| cp == 0x3000 || cp == 0xFEFF;
}

bool pt_text_is_blank(uint32_t cp)
{
	return pt_text_is_space(cp) || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x180E;
}

pt_status pt_text_check(const char *s, size_t len, size_t max_chars, unsigned flags, const char *what,
	pt_error *err)
{
	size_t n = 0, at = 0, i, bytes;
	bool blank = true;

	if (!s) {
		len = 0;
	}
	switch (scan(s, len, flags, &n, &at)) {
	case SCAN_BAD_UTF8:
		pt_error_set(err, PT_ERR_INVALID, "%s no es UTF-8 válido (byte %zu).", what, at);
		return refuse_at(err, at);
	case SCAN_CONTROL:
		pt_error_set(err, PT_ERR_INVALID, "%s contiene un carácter de control no permitido (byte %zu).", what, at);
		return refuse_at(err, at);
	default:
		break;
	}
	if (flags & PT_TEXT_REQUIRED) {
		for (i = 0; i < len && blank; i += bytes) {
			blank = pt_text_is_blank(pt_text_decode((const unsigned char *)s + i, &bytes));
		}
		if (blank) {
			pt_error_set(err, PT_ERR_INVALID, "%s no puede quedar en blanco.", what);
			return refuse_at(err, 0);
		}
	}
	if (max_chars && n > max_chars) {
		size_t c = 0;

		for (i = 0; i < len && c < max_chars; i += bytes, c++) {
			pt_text_decode((const unsigned char *)s + i, &bytes);
		}
		pt_error_set(err, PT_ERR_INVALID, "%s tiene %zu caracteres; el máximo es %zu.", what, n, max_chars);
		return refuse_at(err, i);
	}
	return PT_OK;
}

/* ASCII runs are skipped eight bytes at a time: db.c checks every text it binds. */
bool pt_text_utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		unsigned char c = p[i];

		if (c < 0x80) {
			uint64_t w;
			if (len - i >= 8 && (memcpy(&w, p + i, 8), (w & 0x8080808080808080ULL) == 0)) {
				i += 8;
			} else {
				i++;
			}
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			if (len - i < 2 || (p[i + 1] & 0xC0) != 0x80) {
				return false;
			}
			i += 2;
		} else if (c >= 0xE0 && c <= 0xEF) {
			unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
			if (len - i < 3 || p[i + 1] < lo || p[i + 1] > hi || (p[i + 2] & 0xC0) != 0x80) {
				return false;
			}
			i += 3;
		} else if (c >= 0xF0 && c <= 0xF4) {
			unsigned char lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
			if (len - i < 4 || p[i + 1] < lo || p[i + 1] > hi || (p[i + 2] & 0xC0) != 0x80
					|| (p[i + 3] & 0xC0) != 0x80) {
				return false;
			}
			i += 4;
		} else {
			return false;
		}
	}
	return true;
}

uint32_t pt_text_decode(const unsigned char *p, size_t *bytes)
{
	if (p[0] < 0x80) {
		*bytes = 1;
		return p[0];
	}
	if (p[0] < 0xE0) {
		*bytes = 2;
		return ((uint32_t)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
	}
	if (p[0] < 0xF0) {
		*bytes = 3;
		return ((uint32_t)(p[0] & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
	}
	*bytes = 4;
	return ((uint32_t)(p[0] & 0x07) << 18) | ((uint32_t)(p[1] & 0x3F) << 12) | ((uint32_t)(p[2] & 0x3F) << 6)
		| (p[3] & 0x3F);
}

size_t pt_text_chars(const char *s, size_t len)
{
	size_t i, n = 0;

	/* Count every byte that does not continue a sequence. */
	for (i = 0; i < len; i++) {
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	}
	return n;
}

size_t pt_text_normalize_newlines(char *s, size_t len)
{
	size_t r, w = 0;

	for (r = 0; r < len; r++) {
		if (s[r] == '\r' && r + 1 < len && s[r + 1] == '\n') {
			continue;
		}
		s[w++] = s[r];
	}
	return w;
}

/* ---- mentions ------------------------------------------------------------ */

static bool handle_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
		|| c == '_' || c == '.' || c == ':' || c == '-';
}

static bool alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Characters that, right before '@', make it part of a word or an address. */
static bool word_before(unsigned char c)
{
	return alnum(c) || c == '_' || c == '.' || c == '-' || c == '@';
}

pt_status pt_text_mentions(const char *s, size_t len, size_t max, const pt_allocator *a,
	pt_mention **out, size_t *count, pt_error *err)
{
	const unsigned char *p = (const unsigned char *)s;
	pt_mention *list = NULL;
	pt_hash seen;              /* handle bytes (borrowed from s) -> nothing */
	size_t n = 0, cap = 0, i;

	*out = NULL;
	*count = 0;
	pt_hash_init(&seen, a);
	for (i = 0; i < len; i++) {
		size_t start, end;
		pt_status st;

		if (p[i] != '@' || (i > 0 && word_before(p[i - 1]))) {
			continue;
		}
		start = i + 1;
		if (start >= len || !alnum(p[start])) {
			continue;
		}
		end = start;
		while (end < len && handle_char(p[end])) {
			end++;
		}
		i = end - 1;
		while (p[end - 1] == '.' || p[end - 1] == ':' || p[end - 1] == '-') {
			end--; /* sentence punctuation; start is alnum so this stops */
		}
		if (end - start > PT_ID_MAX) {
			continue;
		}
		st = pt_hash_add(&seen, s + start, end - start, NULL);
		if (st == PT_ERR_CONFLICT) {
			continue; /* seen */
		}
		if (st != PT_OK || pt_array_grow(a, &list, &cap, n, sizeof(*list), 8) != PT_OK) {
			goto nomem;
		}
		list[n].offset = start;
		list[n].len = end - start;
		n++;
		if (max && n == max) {
			break;
		}
	}
	pt_hash_free(&seen);
	if (n == 0) {
		pt_free(a, list);
		list = NULL;
	}
	*out = list;
	*count = n;
	return PT_OK;

nomem:
	pt_hash_free(&seen);
	pt_free(a, list);
	return pt_error_set(err, PT_ERR_NOMEM, "out of memory listing mentions");
}
