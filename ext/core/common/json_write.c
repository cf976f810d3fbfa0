/*
 * participa core: JSON writer with PHP's json_encode() output. See json_write.h.
 */
#include "core/common/json_write.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Length of the UTF-8 sequence at p (n bytes left) and its code point, or 0 when invalid (as PHP's decoder). */
static size_t utf8_seq(const unsigned char *p, size_t n, uint32_t *cp)
{
	size_t need, k;
	uint32_t c = p[0];

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) { need = 1; c &= 0x1f; }
	else if (c >= 0xe0 && c <= 0xef) { need = 2; c &= 0x0f; }
	else if (c >= 0xf0 && c <= 0xf4) { need = 3; c &= 0x07; }
	else return 0;
	if (n <= need) {
		return 0;
	}
	for (k = 1; k <= need; k++) {
		if ((p[k] & 0xc0) != 0x80) {
			return 0;
		}
		c = (c << 6) | (p[k] & 0x3f);
	}
	if ((need == 2 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) || (need == 3 && (c < 0x10000 || c > 0x10ffff))) {
		return 0;
	}
	*cp = c;
	return need + 1;
}

pt_status pt_json_string(pt_buf *b, const char *s, size_t len, pt_error *err)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, from = 0;

	pt_buf_append(b, "\"", 1);
	while (i < len) {
		uint32_t cp;
		size_t n = utf8_seq(p + i, len - i, &cp);
		char esc[8];
		const char *rep = esc;

		if (n == 0) {
			return pt_error_set(err, PT_ERR_INVALID, "json: a string is not valid UTF-8 (byte %zu)", i);
		}
		if (cp >= 0x20 && cp != '"' && cp != '\\' && cp != 0x2028 && cp != 0x2029) {
			i += n;
			continue;
		}
		switch (cp) {
		case '"': rep = "\\\""; break;
		case '\\': rep = "\\\\"; break;
		case '\b': rep = "\\b"; break;
		case '\f': rep = "\\f"; break;
		case '\n': rep = "\\n"; break;
		case '\r': rep = "\\r"; break;
		case '\t': rep = "\\t"; break;
		case 0x2028: rep = "\\u2028"; break;
		case 0x2029: rep = "\\u2029"; break;
		default:
			memcpy(esc, "\\u00", 4);
			esc[4] = hex[(cp >> 4) & 0xf];
			esc[5] = hex[cp & 0xf];
			esc[6] = '\0';
			break;
		}
		pt_buf_append(b, s + from, i - from);
		pt_buf_puts(b, rep);
		i += n;
		from = i;
	}
	pt_buf_append(b, s + from, len - from);
	pt_buf_append(b, "\"", 1);
	return PT_OK;
}

pt_status pt_json_string_opt(pt_buf *b, const char *s, size_t len, pt_error *err)
{
	if (!s) {
		pt_buf_puts(b, "null");
		return PT_OK;
	}
	return pt_json_string(b, s, len, err);
}

void pt_json_int(pt_buf *b, int64_t i)
{
	char num[24];

	snprintf(num, sizeof(num), "%" PRId64, i);
	pt_buf_puts(b, num);
}

/* The shortest decimal digits that read back as d (d > 0), and the decimal point position, as zend_dtoa mode 0. */
static void shortest_digits(double d, char digits[24], int *decpt)
{
	char tmp[40];
	int prec;

	for (prec = 1; prec <= 17; prec++) {
		snprintf(tmp, sizeof(tmp), "%.*e", prec - 1, d);
		if (strtod(tmp, NULL) == d) {
			break;
		}
	}
	/* tmp is D[.DDD]e[+-]XX */
	{
		char *e = strchr(tmp, 'e');
		size_t n = 0;
		char *q;

		for (q = tmp; q < e; q++) {
			if (*q != '.') {
				digits[n++] = *q;
			}
		}
		while (n > 1 && digits[n - 1] == '0') {
			n--;
		}
		digits[n] = '\0';
		*decpt = atoi(e + 1) + 1;
	}
}

pt_status pt_json_double(pt_buf *b, double d, unsigned flags, pt_error *err)
{
	char digits[24], out[64];
	size_t n = 0;
	int decpt, i;
	bool has_point = false;

	if (!isfinite(d)) {
		return pt_error_set(err, PT_ERR_INVALID, "json: a number is not finite");
	}
	if (d < 0) {
		out[n++] = '-';
		d = -d;
	}
	if (d == 0) {
		digits[0] = '0';
		digits[1] = '\0';
		decpt = 1;
	} else {
		shortest_digits(d, digits, &decpt);
	}
	/* php_gcvt() with precision 17, mode 0 */
	if (decpt < 0 ? decpt < -3 : decpt > 17) {
		int x = decpt - 1;
		char ex[16];

		out[n++] = digits[0];
		out[n++] = '.';
		has_point = true;
		if (digits[1] == '\0') {
			out[n++] = '0';
		} else {
			for (i = 1; digits[i]; i++) {
				out[n++] = digits[i];
			}
		}
		out[n++] = 'e';
		out[n++] = x < 0 ? '-' : '+';
		snprintf(ex, sizeof(ex), "%d", x < 0 ? -x : x);
		for (i = 0; ex[i]; i++) {
			out[n++] = ex[i];
		}
	} else if (decpt < 0) {
		out[n++] = '0';
		out[n++] = '.';
		has_point = true;
		for (i = decpt; i < 0; i++) {
			out[n++] = '0';
		}
		for (i = 0; digits[i]; i++) {
			out[n++] = digits[i];
		}
	} else {
		int len = (int)strlen(digits);

		for (i = 0; i < decpt; i++) {
			out[n++] = i < len ? digits[i] : '0';
		}
		if (decpt < len) {
			if (decpt == 0) {
				out[n++] = '0';
			}
			out[n++] = '.';
			has_point = true;
			for (i = decpt; i < len; i++) {
				out[n++] = digits[i];
			}
		}
	}
	if ((flags & PT_JSON_ZERO_FRACTION) && !has_point) {
		out[n++] = '.';
		out[n++] = '0';
	}
	pt_buf_append(b, out, n);
	return PT_OK;
}

/* Whether key[0..len) is a key PHP turns into an integer, and which (ZEND_HANDLE_NUMERIC_STR). */
static bool php_int_key(const char *key, size_t len, int64_t *out)
{
	size_t i = 0;
	bool neg = false;
	uint64_t v = 0, limit;

	if (len == 0 || len > 20) {
		return false;
	}
	if (key[0] == '-') {
		neg = true;
		i = 1;
		if (len == 1) {
			return false;
		}
	}
	if (key[i] == '0' && len - i > 1) {
		return false;   /* "01", "-0..." stay strings */
	}
	if (neg && key[i] == '0') {
		return false;   /* "-0" too */
	}
	limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (; i < len; i++) {
		if (key[i] < '0' || key[i] > '9') {
			return false;
		}
		if (v > (limit - (uint64_t)(key[i] - '0')) / 10) {
			return false;
		}
		v = v * 10 + (uint64_t)(key[i] - '0');
	}
	*out = neg ? (int64_t)(0 - v) : (int64_t)v;
	return true;
}

bool pt_json_map_is_list(const pt_value *map)
{
	size_t i;

	for (i = 0; i < map->u.c.count; i++) {
		int64_t k;

		if (!php_int_key(map->u.c.keys[i], map->u.c.key_lens[i], &k) || k != (int64_t)i) {
			return false;
		}
	}
	return true;
}

pt_status pt_json_value(pt_buf *b, const pt_value *v, unsigned flags, pt_error *err)
{
	size_t i;
	pt_status s = PT_OK;

	if (!v) {
		pt_buf_puts(b, "null");
		return b->failed ? pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory") : PT_OK;
	}
	switch (v->type) {
	case PT_VALUE_NULL:
		pt_buf_puts(b, "null");
		break;
	case PT_VALUE_BOOL:
		pt_buf_puts(b, v->u.b ? "true" : "false");
		break;
	case PT_VALUE_INT:
		pt_json_int(b, v->u.i);
		break;
	case PT_VALUE_RATIONAL:
		if (v->u.r.den == 1) {
			pt_json_int(b, v->u.r.num);
		} else {
			s = pt_json_double(b, (double)v->u.r.num / (double)v->u.r.den, flags, err);
		}
		break;
	case PT_VALUE_REAL:
		s = pt_json_double(b, v->u.d, flags, err);
		break;
	case PT_VALUE_STRING:
		s = pt_json_string(b, v->u.s.s, v->u.s.len, err);
		break;
	case PT_VALUE_HOST:
		/* a host value (a PHP float's text) has no JSON of its own here: core never
		 * stores one; refuse it rather than guess */
		s = pt_error_set(err, PT_ERR_INTERNAL, "participa: a host value cannot be written as JSON");
		break;
	case PT_VALUE_LIST:
	case PT_VALUE_MAP: {
		bool list = v->type == PT_VALUE_LIST || pt_json_map_is_list(v);

		pt_buf_append(b, list ? "[" : "{", 1);
		for (i = 0; s == PT_OK && i < v->u.c.count; i++) {
			if (i) {
				pt_buf_append(b, ",", 1);
			}
			if (!list) {
				s = pt_json_string(b, v->u.c.keys[i], v->u.c.key_lens[i], err);
				pt_buf_append(b, ":", 1);
			}
			if (s == PT_OK) {
				s = pt_json_value(b, v->u.c.items[i], flags, err);
			}
		}
		pt_buf_append(b, list ? "]" : "}", 1);
		break;
	}
	}
	if (s == PT_OK && b->failed) {
		s = pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	}
	return s;
}
