/*
 * libFuzzer target: the date/time parsers (core/common/pt_time.h) and the
 * text check (core/common/text.h).
 *
 *   make -C tests/c $PWD/out/fuzz/fuzz_time_text
 *   out/fuzz/fuzz_time_text -max_total_time=120 fuzz/corpus/time_text
 *
 * Every parser must refuse or accept without reading past the input; what
 * one accepts must format and parse back to the same instant, and agree
 * with the other parsers where their grammars overlap. The text check must
 * agree with pt_text_validate() and the UTF-8 validator, and every refusal
 * must point inside the text.
 */
#include "core/common/pt_time.h"
#include "core/common/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void check_time(const char *s, size_t len)
{
	char buf[PT_TIME_TEXT_MAX];
	int64_t days, secs, us, back;
	bool date_only;
	pt_civil c;

	if (pt_time_parse_date(s, len, 0, &days)) {
		pt_time_civil_from_days(days, &c.year, &c.month, &c.day);
		c.hour = c.minute = c.second = 0;
		c.usec = 0;
		if (pt_time_format_civil(&c, PT_TIME_DATE_ONLY, buf) != 10 || memcmp(buf, s, 10) != 0) {
			abort();
		}
		if (!pt_time_parse_datetime(s, len, 0, &secs, &date_only) || !date_only || secs != days * PT_TIME_DAY) {
			abort();
		}
	}
	if (pt_time_parse_datetime(s, len, 0, &secs, &date_only)) {
		pt_time_civil_from_seconds(secs, &c);
		if (c.year < 0 || c.year > 9999 || !pt_time_valid_date(c.year, c.month, c.day)
			|| pt_time_seconds_from_civil(&c) != secs) {
			abort();
		}
	}
	if (pt_time_parse_db(s, len, &us)) {
		if (pt_time_format_db(us, buf) != 26 || !pt_time_parse_db(buf, 26, &back) || back != us) {
			abort();
		}
		if (pt_time_db_us(s, len) != us) {   /* the lenient reader agrees on good text */
			abort();
		}
		if (len == 26 && memcmp(buf, s, 26) != 0) {
			abort();
		}
	}
	(void)pt_time_db_us(s, len);             /* total: any bytes */
	if (pt_time_parse_iso(s, len, &us)) {
		size_t n = pt_time_format_iso(us, 6, buf);

		pt_time_civil_from_us(us, &c);
		if (n >= PT_TIME_TEXT_MAX) {
			abort();
		}
		if (c.year >= 0 && c.year <= 9999 && (!pt_time_parse_iso(buf, n, &back) || back != us)) {
			abort();
		}
	}
}

static void check_text(const char *s, size_t len, unsigned flags, size_t max)
{
	pt_error err, err2;
	size_t chars = 0;
	pt_status st, v;

	pt_error_clear(&err);
	st = pt_text_check(s, len, max, flags, "El texto", &err);
	if (st != PT_OK && (st != PT_ERR_INVALID || err.index < 0 || (size_t)err.index > len || !err.message[0])) {
		abort();
	}
	if (st == PT_OK && !pt_text_utf8_valid(s, len)) {
		abort();
	}
	pt_error_clear(&err2);
	v = pt_text_validate(s, len, &chars, &err2);
	if ((pt_text_check(s, len, 0, PT_TEXT_MULTILINE, "El texto", NULL) == PT_OK) != (v == PT_OK)) {
		abort();
	}
	if (v == PT_OK && (chars != pt_text_chars(s, len) || !pt_text_utf8_valid(s, len))) {
		abort();
	}
	if (st == PT_OK && max && chars > max) {
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned flags;
	size_t max;
	char *s;

	if (size < 2) {
		return 0;
	}
	flags = data[0] & 7u;
	max = data[1] % 8u;
	/* an exact-size copy so ASan sees any read past the end */
	s = malloc(size - 2 ? size - 2 : 1);
	if (!s) {
		return 0;
	}
	memcpy(s, data + 2, size - 2);
	check_time(s, size - 2);
	check_text(s, size - 2, flags, max);
	free(s);
	return 0;
}
