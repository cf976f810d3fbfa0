/* participa core: the message catalog (see messages.h). */
#include "core/common/messages.h"
#include "core/common/pt_id.h"   /* PT_ID_MAX_TEXT in messages_common.h */

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct msg_entry {
	const char *es;
	const char *en;
} msg_entry;

/* One line per message, from each area's file; the last row is a sentinel
 * so an empty catalog still compiles. */
static const msg_entry catalog[] = {
#define PT_MSG(es, en) { es, en },
#if __has_include("messages_common.h")
#include "core/common/messages_common.h"
#endif
#if __has_include("messages_processes.h")
#include "core/common/messages_processes.h"
#endif
#if __has_include("messages_threads.h")
#include "core/common/messages_threads.h"
#endif
#if __has_include("messages_participants.h")
#include "core/common/messages_participants.h"
#endif
#if __has_include("messages_tally.h")
#include "core/common/messages_tally.h"
#endif
#if __has_include("messages_commitments.h")
#include "core/common/messages_commitments.h"
#endif
#if __has_include("messages_instruments.h")
#include "core/common/messages_instruments.h"
#endif
#if __has_include("messages_bodies.h")
#include "core/common/messages_bodies.h"
#endif
#if __has_include("messages_templates.h")
#include "core/common/messages_templates.h"
#endif
#if __has_include("messages_config.h")
#include "core/common/messages_config.h"
#endif
/* the HTML fragments' texts (ext/core/fragment/), one file per area */
#if __has_include("messages_html_common.h")
#include "core/common/messages_html_common.h"
#endif
#if __has_include("messages_html_thread.h")
#include "core/common/messages_html_thread.h"
#endif
#if __has_include("messages_html_moderation.h")
#include "core/common/messages_html_moderation.h"
#endif
#if __has_include("messages_html_process.h")
#include "core/common/messages_html_process.h"
#endif
#if __has_include("messages_html_results.h")
#include "core/common/messages_html_results.h"
#endif
#if __has_include("messages_html_tally.h")
#include "core/common/messages_html_tally.h"
#endif
#if __has_include("messages_html_commitments.h")
#include "core/common/messages_html_commitments.h"
#endif
#if __has_include("messages_html_plan.h")
#include "core/common/messages_html_plan.h"
#endif
#if __has_include("messages_html_format.h")
#include "core/common/messages_html_format.h"
#endif
#if __has_include("messages_html_instruments.h")
#include "core/common/messages_html_instruments.h"
#endif
#if __has_include("messages_html_assembly.h")
#include "core/common/messages_html_assembly.h"
#endif
#if __has_include("messages_html_browser.h")
#include "core/common/messages_html_browser.h"
#endif
#undef PT_MSG
	{ NULL, NULL }
};

#define CATALOG_COUNT (sizeof(catalog) / sizeof(catalog[0]) - 1)

/* The entries' indexes sorted by their Spanish (then by index, so the first
 * of two equal entries comes first: a duplicate keeps its first entry;
 * test_messages refuses it). A lookup is a binary search: the catalog is a
 * constant, so a sorted array needs no hashing and no allocation. */
static uint32_t order[CATALOG_COUNT + 1];
static bool phrase[CATALOG_COUNT + 1];  /* the entry has no conversion */
static pthread_once_t built = PTHREAD_ONCE_INIT;

static bool has_conversion(const char *s)
{
	for (; *s; s++) {
		if (s[0] == '%') {
			if (s[1] != '%') {
				return true;
			}
			s++;
		}
	}
	return false;
}

static int by_spanish(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	int c = strcmp(catalog[x].es, catalog[y].es);

	return c ? c : (x > y) - (x < y);
}

static void build(void)
{
	size_t i;

	for (i = 0; i < CATALOG_COUNT; i++) {
		order[i] = (uint32_t)i;
		phrase[i] = !has_conversion(catalog[i].es);
	}
	qsort(order, CATALOG_COUNT, sizeof(order[0]), by_spanish);
}

static long find(const char *es)
{
	size_t lo = 0, hi = CATALOG_COUNT;

	if (!es || CATALOG_COUNT == 0) {
		return -1;
	}
	pthread_once(&built, build);
	/* the first entry not below es */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(catalog[order[mid]].es, es) < 0) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return lo < CATALOG_COUNT && strcmp(catalog[order[lo]].es, es) == 0 ? (long)order[lo] : -1;
}

const char *pt_msg_english(const char *es)
{
	long i = find(es);

	return i < 0 ? NULL : catalog[i].en;
}

size_t pt_msg_count(void)
{
	return CATALOG_COUNT;
}

bool pt_msg_entry(size_t i, const char **es, const char **en)
{
	if (i >= CATALOG_COUNT) {
		return false;
	}
	*es = catalog[i].es;
	*en = catalog[i].en;
	return true;
}

/* ------------------------------------------------------------ formatting */

/* Cuts s back to the start of a UTF-8 sequence that the end cut off. */
static void trim_partial_utf8(char *s, size_t len)
{
	size_t i = len, need;
	unsigned char lead;

	while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80) {
		i--;
	}
	if (i == 0) {
		return;
	}
	lead = (unsigned char)s[i - 1];
	need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
	if (len - (i - 1) < need) {
		s[i - 1] = '\0';
	}
}

enum len_mod { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_J, LEN_Z, LEN_T, LEN_BIG_L };

/* snprintf of one conversion, with 0, 1 or 2 '*' ints before the value. */
#define ONE(value) do { \
		if (nstar == 0) { \
			n = snprintf(dst, room, spec, value); \
		} else if (nstar == 1) { \
			n = snprintf(dst, room, spec, star[0], value); \
		} else { \
			n = snprintf(dst, room, spec, star[0], star[1], value); \
		} \
	} while (0)

bool pt_msg_vformat_english(char *out, size_t size, const char *fmt, va_list ap)
{
	size_t o = 0;
	const char *p = fmt;
	bool cut = false;

	if (!size) {
		return false;
	}
	out[0] = '\0';
	while (*p) {
		char spec[32];
		size_t sl = 0, room;
		int star[2], nstar = 0, n = 0;
		bool has_precision = false;
		enum len_mod lm = LEN_NONE;
		char *dst;
		char conv;

		if (*p != '%' || p[1] == '%') {
			if (o + 1 < size) {
				out[o++] = *p;
			} else {
				cut = true;
			}
			p += *p == '%' ? 2 : 1;
			continue;
		}
		spec[sl++] = *p++;
		while (*p && strchr("-+ #0'", *p) && sl < 20) {
			spec[sl++] = *p++;
		}
		if (*p == '*') {
			star[nstar++] = va_arg(ap, int);
			spec[sl++] = *p++;
		} else {
			while (*p >= '0' && *p <= '9' && sl < 20) {
				spec[sl++] = *p++;
			}
			if (*p == '$') {
				out[0] = '\0';
				return false;  /* positional: not taken */
			}
		}
		if (*p == '.') {
			has_precision = true;
			spec[sl++] = *p++;
			if (*p == '*') {
				star[nstar++] = va_arg(ap, int);
				spec[sl++] = *p++;
			} else {
				while (*p >= '0' && *p <= '9' && sl < 26) {
					spec[sl++] = *p++;
				}
			}
		}
		if (p[0] == 'h' && p[1] == 'h') {
			lm = LEN_HH;
		} else if (p[0] == 'l' && p[1] == 'l') {
			lm = LEN_LL;
		} else if (*p == 'h') {
			lm = LEN_H;
		} else if (*p == 'l') {
			lm = LEN_L;
		} else if (*p == 'j') {
			lm = LEN_J;
		} else if (*p == 'z') {
			lm = LEN_Z;
		} else if (*p == 't') {
			lm = LEN_T;
		} else if (*p == 'L') {
			lm = LEN_BIG_L;
		}
		if (lm == LEN_HH || lm == LEN_LL) {
			spec[sl++] = *p++;
			spec[sl++] = *p++;
		} else if (lm != LEN_NONE) {
			spec[sl++] = *p++;
		}
		conv = *p;
		if (!conv || sl >= sizeof(spec) - 2) {
			out[0] = '\0';
			return false;
		}
		spec[sl++] = *p++;
		spec[sl] = '\0';
		room = o < size ? size - o : 0;
		dst = out + o;
		switch (conv) {
		case 'd':
		case 'i':
			switch (lm) {
			case LEN_NONE: case LEN_HH: case LEN_H: ONE(va_arg(ap, int)); break;
			case LEN_L: ONE(va_arg(ap, long)); break;
			case LEN_LL: ONE(va_arg(ap, long long)); break;
			case LEN_J: ONE(va_arg(ap, intmax_t)); break;
			case LEN_Z: ONE(va_arg(ap, ptrdiff_t)); break;  /* ssize_t: same width */
			case LEN_T: ONE(va_arg(ap, ptrdiff_t)); break;
			default: out[0] = '\0'; return false;
			}
			break;
		case 'u':
		case 'o':
		case 'x':
		case 'X':
			switch (lm) {
			case LEN_NONE: case LEN_HH: case LEN_H: ONE(va_arg(ap, unsigned)); break;
			case LEN_L: ONE(va_arg(ap, unsigned long)); break;
			case LEN_LL: ONE(va_arg(ap, unsigned long long)); break;
			case LEN_J: ONE(va_arg(ap, uintmax_t)); break;
			case LEN_Z: ONE(va_arg(ap, size_t)); break;
			case LEN_T: ONE(va_arg(ap, size_t)); break;  /* unsigned ptrdiff_t: same width */
			default: out[0] = '\0'; return false;
			}
			break;
		case 'c':
			if (lm != LEN_NONE) {
				out[0] = '\0';
				return false;
			}
			ONE(va_arg(ap, int));
			break;
		case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'a': case 'A':
			if (lm == LEN_BIG_L) {
				ONE(va_arg(ap, long double));
			} else if (lm == LEN_NONE || lm == LEN_L) {
				ONE(va_arg(ap, double));
			} else {
				out[0] = '\0';
				return false;
			}
			break;
		case 'p':
			if (lm != LEN_NONE) {
				out[0] = '\0';
				return false;
			}
			ONE(va_arg(ap, void *));
			break;
		case 's': {
			const char *s;

			if (lm != LEN_NONE) {
				out[0] = '\0';
				return false;
			}
			s = va_arg(ap, const char *);
			if (s && !has_precision) {
				long i = find(s);
				if (i >= 0 && phrase[i]) {
					s = catalog[i].en;
				}
			}
			ONE(s ? s : "(null)");
			break;
		}
		default:
			out[0] = '\0';
			return false;  /* %n, %m, %C, %S and anything unknown */
		}
		if (n < 0) {
			out[0] = '\0';
			return false;
		}
		if ((size_t)n >= room) {
			cut = true;
			o = size - 1;
			break;
		}
		o += (size_t)n;
	}
	if (o >= size) {
		o = size - 1;
	}
	out[o] = '\0';
	if (cut) {
		trim_partial_utf8(out, o);
	}
	return true;
}

bool pt_status_refusal(pt_status code)
{
	return code == PT_ERR_INVALID || code == PT_ERR_NOT_ALLOWED || code == PT_ERR_CONFLICT
		|| code == PT_ERR_NOT_FOUND;
}

const char *pt_msg_generic(pt_status code, bool english)
{
	const char *es, *en;

	switch (code) {
	case PT_ERR_INVALID: es = PT_MSG_INVALID; break;
	case PT_ERR_NOT_ALLOWED: es = PT_MSG_NOT_ALLOWED; break;
	case PT_ERR_CONFLICT: es = PT_MSG_CONFLICT; break;
	case PT_ERR_NOT_FOUND: es = PT_MSG_NOT_FOUND; break;
	default: es = PT_MSG_OPERATIONAL; break;
	}
	return english && (en = pt_msg_english(es)) != NULL ? en : es;
}

const char *pt_msg_public(const pt_error *err, bool english)
{
	if (!pt_status_refusal(err->code) || !pt_error_catalogued(err)) {
		return pt_msg_generic(err->code, english);
	}
	return english ? err->message_en : err->message;
}

void pt_error_log_line(const pt_error *err, const char *cls, char *out, size_t size)
{
	if (err->code == PT_ERR_CONFIG && err->file[0]) {
		snprintf(out, size, "participa: %s: %s:%u:%u: %s", cls, err->file, err->line, err->column,
			err->message);
	} else if (err->code == PT_ERR_DB) {
		snprintf(out, size, "participa: %s (%u, SQLSTATE %s): %s", cls, err->db_errno,
			err->sqlstate[0] ? err->sqlstate : "-", err->message);
	} else {
		snprintf(out, size, "participa: %s: %s", cls, err->message);
	}
}

bool pt_locale_english(const char *locale)
{
	return locale && (locale[0] == 'e' || locale[0] == 'E') && (locale[1] == 'n' || locale[1] == 'N')
		&& (locale[2] == '\0' || locale[2] == '_' || locale[2] == '-' || locale[2] == '.');
}
