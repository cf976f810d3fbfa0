/*
 * libFuzzer target: the citizen formats (core/common/pt_format.h), above all
 * the date parsing.
 *
 *   make -C tests/c $PWD/out/fuzz/fuzz_format
 *   out/fuzz/fuzz_format -max_total_time=120 fuzz/corpus/format
 *
 * Input: one byte choosing the zone and language, then the date text (also
 * read as a double for the number formats when 8 bytes or more). A date is
 * accepted by pt_format_date() exactly when pt_format_datetime() accepts it;
 * a refusal appends nothing; what is accepted reads as "<day> de <month> de
 * <year>" or "<Month> <day>, <year>" with the datetime's text starting with
 * the date's. Numbers write only digits and separators (or the no-value
 * dash), and read back to the value they were given.
 */
#include "core/common/pt_format.h"
#include "core/common/pt_time.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const zones[] = { NULL, "America/Mexico_City", "UTC", "Etc/Unknown" };
static const char *const langs[] = { "es", "en", NULL, "en-US" };

static void check_date(const char *s, unsigned pick)
{
	const char *tz = zones[pick & 3u], *lang = langs[(pick >> 2) & 3u];
	bool en = lang && lang[0] == 'e' && lang[1] == 'n';
	pt_buf d, t;
	pt_status a, b;

	pt_buf_init(&d, NULL);
	pt_buf_init(&t, NULL);
	a = pt_format_date(&d, s, tz, lang);
	b = pt_format_datetime(&t, s, tz, lang);
	if (a != b || (a != PT_OK && a != PT_ERR_INVALID)) {
		abort();
	}
	if (a != PT_OK) {
		if (d.len || t.len) {
			abort();
		}
	} else {
		if (d.failed || t.failed || !d.len || t.len < d.len || memcmp(d.data, t.data, d.len) != 0) {
			abort();
		}
		if (en ? !(d.data[0] >= 'A' && d.data[0] <= 'Z') || !strstr(d.data, ", ")
			: !(d.data[0] >= '1' && d.data[0] <= '9') || !strstr(d.data, " de ")) {
			abort();
		}
		/* a time, when there is one, is ", HH:MM" */
		if (t.len != d.len && (t.len != d.len + 7 || t.data[d.len] != ',' || t.data[d.len + 4] != ':')) {
			abort();
		}
	}
	pt_buf_free(&d);
	pt_buf_free(&t);
}

/* text with the commas (and a leading "$" after an optional '-') removed, as a double */
static double read_back(const char *s, size_t len)
{
	char plain[512];
	size_t i, n = 0;

	for (i = 0; i < len && n + 1 < sizeof(plain); i++) {
		if (s[i] != ',' && s[i] != '$' && s[i] != ' ' && s[i] != '%') {
			plain[n++] = s[i];
		}
	}
	plain[n] = '\0';
	return strtod(plain, NULL);
}

static void check_number(double v, int decimals)
{
	pt_buf b;
	size_t i;
	int kind;

	for (kind = 0; kind < 3; kind++) {
		double shown = kind == 2 ? v * 100.0 : v;
		int places = kind == 1 ? 2 : decimals < 0 ? 0 : decimals > 6 ? 6 : decimals;

		pt_buf_init(&b, NULL);
		if (kind == 0) {
			pt_format_number(&b, v, decimals, "es");
		} else if (kind == 1) {
			pt_format_money(&b, v, "en");
		} else {
			pt_format_percent(&b, v, decimals, "es");
		}
		if (b.failed || !b.len) {
			abort();
		}
		if (!isfinite(shown)) {
			if (strcmp(b.data, PT_FORMAT_NONE) != 0) {
				abort();
			}
		} else {
			for (i = 0; i < b.len; i++) {
				if (!strchr("0123456789,.-$ %", b.data[i])) {
					abort();
				}
			}
			if (fabs(shown) < 1e12 && fabs(read_back(b.data, b.len) - shown) > 0.5 * pow(10, -places) + fabs(shown) * 1e-15 + 1e-12) {
				abort();
			}
		}
		pt_buf_free(&b);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s;
	double v;

	if (size < 1) {
		return 0;
	}
	/* an exact-size, NUL-terminated copy so ASan sees any read past the end */
	s = malloc(size);
	if (!s) {
		return 0;
	}
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';
	check_date(s, data[0]);
	if (size >= 9) {
		memcpy(&v, data + 1, sizeof(v));
		check_number(v, (int)(data[0] >> 4) - 4);
	}
	free(s);
	return 0;
}
