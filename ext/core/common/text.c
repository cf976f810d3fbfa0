/*
 * participa core: strict UTF-8, character counts, @mentions (see text.h).
 */
#include "core/common/text.h"

#include <stdint.h>
#include <string.h>

pt_status pt_text_validate(const char *s, size_t len, size_t *chars, pt_error *err)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n = 0;

	while (i < len) {
		unsigned char c = p[i];
		uint32_t cp;
		size_t need, k;

		if (c < 0x80) {
			/* ASCII fast path: the common case for Spanish text is runs of it. */
			if (c < 0x20 ? (c != '\n' && c != '\t') : c == 0x7F) {
				goto control;
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
			goto bad; /* continuation byte, C0/C1 overlong lead, or > U+10FFFF lead */
		}
		if (len - i <= need) {
			goto bad;
		}
		for (k = 1; k <= need; k++) {
			if ((p[i + k] & 0xC0) != 0x80) {
				goto bad;
			}
			cp = (cp << 6) | (p[i + k] & 0x3Fu);
		}
		/* Overlongs, surrogates and values past U+10FFFF. */
		if ((need == 2 && cp < 0x800) || (need == 3 && (cp < 0x10000 || cp > 0x10FFFF))
			|| (cp >= 0xD800 && cp <= 0xDFFF)) {
			goto bad;
		}
		if (cp >= 0x80 && cp <= 0x9F) {
			goto control;
		}
		i += need + 1;
		n++;
	}
	if (chars) {
		*chars = n;
	}
	return PT_OK;

bad:
	pt_error_set(err, PT_ERR_INVALID, "El texto no es UTF-8 válido (byte %zu).", i);
	if (err) {
		err->index = (long)i;
	}
	return PT_ERR_INVALID;
control:
	pt_error_set(err, PT_ERR_INVALID, "El texto contiene un carácter de control no permitido (byte %zu).", i);
	if (err) {
		err->index = (long)i;
	}
	return PT_ERR_INVALID;
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

static uint64_t hash_bytes(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	size_t i;

	for (i = 0; i < len; i++) {
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	}
	return h;
}

pt_status pt_text_mentions(const char *s, size_t len, size_t max, const pt_allocator *a,
	pt_mention **out, size_t *count, pt_error *err)
{
	const unsigned char *p = (const unsigned char *)s;
	pt_mention *list = NULL;
	uint32_t *slots = NULL;    /* open addressing: 1 + index into list, 0 = empty */
	size_t n = 0, cap = 0, nslots = 0, i;

	*out = NULL;
	*count = 0;
	for (i = 0; i < len; i++) {
		size_t start, end, h;

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
		if (end - start > PT_MENTION_MAX) {
			continue;
		}
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 8, k;
			pt_mention *nl = pt_realloc(a, list, ncap * sizeof(*nl));
			uint32_t *ns;

			if (!nl) {
				goto nomem;
			}
			list = nl;
			ns = pt_calloc(a, ncap * 2, sizeof(*ns));
			if (!ns) {
				goto nomem;
			}
			/* Rehash: the table is kept at most half full. */
			for (k = 0; k < n; k++) {
				size_t j = hash_bytes(s + list[k].offset, list[k].len) & (ncap * 2 - 1);

				while (ns[j]) {
					j = (j + 1) & (ncap * 2 - 1);
				}
				ns[j] = (uint32_t)(k + 1);
			}
			pt_free(a, slots);
			slots = ns;
			nslots = ncap * 2;
			cap = ncap;
		}
		h = hash_bytes(s + start, end - start) & (nslots - 1);
		while (slots[h]) {
			const pt_mention *m = &list[slots[h] - 1];

			if (m->len == end - start && memcmp(s + m->offset, s + start, m->len) == 0) {
				break;
			}
			h = (h + 1) & (nslots - 1);
		}
		if (slots[h]) {
			continue; /* seen */
		}
		slots[h] = (uint32_t)(n + 1);
		list[n].offset = start;
		list[n].len = end - start;
		n++;
		if (max && n == max) {
			break;
		}
	}
	pt_free(a, slots);
	if (n == 0) {
		pt_free(a, list);
		list = NULL;
	}
	*out = list;
	*count = n;
	return PT_OK;

nomem:
	pt_free(a, slots);
	pt_free(a, list);
	return pt_error_set(err, PT_ERR_NOMEM, "out of memory listing mentions");
}
