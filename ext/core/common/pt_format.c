/*
 * participa core: dates, numbers, money and percentages for citizens. See pt_format.h.
 */
#include "core/common/pt_format.h"
#include "core/common/pt_time.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const months_es[12] = { "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
	"agosto", "septiembre", "octubre", "noviembre", "diciembre" };
static const char *const months_en[12] = { "January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December" };

const char *pt_format_month(unsigned month, bool english)
{
	if (month < 1 || month > 12) {
		return "";
	}
	return english ? months_en[month - 1] : months_es[month - 1];
}

#define ISO_MAX 64                         /* longer than any accepted text: refused unread */

static bool english(const char *lang)
{
	return lang && lang[0] == 'e' && lang[1] == 'n' && (lang[2] == '\0' || lang[2] == '-' || lang[2] == '_');
}

/*
 * iso as local civil fields in zone tz; *date_only when only a date was given.
 * False for text or a zone it does not know, and for local years outside 1..9999.
 */
static bool local_civil(const char *iso, const char *tz, pt_civil *c, bool *date_only)
{
	size_t len;
	int64_t us, secs, days;
	const pt_time_zone *z;
	bool dummy;

	if (!iso || (len = strnlen(iso, ISO_MAX)) >= ISO_MAX) {
		return false;
	}
	*date_only = false;
	if (len == 10) {
		if (!pt_time_parse_date(iso, len, 1, &days)) {
			return false;
		}
		pt_time_civil_from_days(days, &c->year, &c->month, &c->day);
		c->hour = c->minute = c->second = 0;
		c->usec = 0;
		*date_only = true;
		return true;
	}
	if (!pt_time_parse_iso(iso, len, &us) && !pt_time_parse_db(iso, len, &us)) {
		/* "YYYY-MM-DD HH:MM" or a 'T' without an offset: the server's UTC text too */
		if (!pt_time_parse_datetime(iso, len, 1, &secs, &dummy)) {
			return false;
		}
		us = secs * 1000000;
	}
	if (!(z = pt_time_zone_named(tz))) {
		return false;
	}
	secs = us >= 0 ? us / 1000000 : -((-us + 999999) / 1000000);
	pt_time_civil_from_seconds(secs + pt_time_zone_offset(z, secs), c);
	return c->year >= 1 && c->year <= 9999;
}

static void put_date(pt_buf *out, const pt_civil *c, bool en)
{
	char buf[64];
	int n;

	if (en) {
		n = snprintf(buf, sizeof(buf), "%s %u, %lld", months_en[c->month - 1], c->day, (long long)c->year);
	} else {
		n = snprintf(buf, sizeof(buf), "%u de %s de %lld", c->day, months_es[c->month - 1], (long long)c->year);
	}
	pt_buf_append(out, buf, n > 0 && (size_t)n < sizeof(buf) ? (size_t)n : 0);
}

pt_status pt_format_date(pt_buf *out, const char *iso, const char *tz, const char *lang)
{
	pt_civil c;
	bool date_only;

	if (!out || !local_civil(iso, tz, &c, &date_only)) {
		return PT_ERR_INVALID;
	}
	put_date(out, &c, english(lang));
	return PT_OK;
}

pt_status pt_format_datetime(pt_buf *out, const char *iso, const char *tz, const char *lang)
{
	pt_civil c;
	bool date_only;
	char hm[16];

	if (!out || !local_civil(iso, tz, &c, &date_only)) {
		return PT_ERR_INVALID;
	}
	put_date(out, &c, english(lang));
	if (!date_only) {
		snprintf(hm, sizeof(hm), ", %02u:%02u", c.hour % 24u, c.minute % 60u);
		pt_buf_puts(out, hm);
	}
	return PT_OK;
}

/*
 * |v| rounded to decimals places with comma groups, after a '-' when v is
 * negative and the rounded text is not zero; prefix goes between the sign
 * and the digits ("$"). whole_drop: ".00" is left off (money).
 */
static void put_number(pt_buf *out, double v, int decimals, const char *prefix, bool whole_drop)
{
	/* DBL_MAX has 309 integer digits; 6 decimals, a point and the NUL fit too */
	char digits[400];
	const char *p, *point;
	size_t int_len, i;
	bool nonzero = false;
	int n;

	if (!isfinite(v)) {
		pt_buf_puts(out, PT_FORMAT_NONE);
		return;
	}
	decimals = decimals < 0 ? 0 : decimals > 6 ? 6 : decimals;
	n = snprintf(digits, sizeof(digits), "%.*f", decimals, fabs(v));
	if (n <= 0 || (size_t)n >= sizeof(digits)) {
		pt_buf_puts(out, PT_FORMAT_NONE);
		return;
	}
	for (p = digits; *p; p++) {
		nonzero |= *p >= '1' && *p <= '9';
	}
	point = strchr(digits, '.');
	int_len = point ? (size_t)(point - digits) : (size_t)n;
	if (whole_drop && point && strspn(point + 1, "0") == strlen(point + 1)) {
		point = NULL;
	}
	if (v < 0 && nonzero) {
		pt_buf_append(out, "-", 1);
	}
	pt_buf_puts(out, prefix);
	for (i = 0; i < int_len; i++) {
		if (i && (int_len - i) % 3 == 0) {
			pt_buf_append(out, ",", 1);
		}
		pt_buf_append(out, digits + i, 1);
	}
	if (point) {
		pt_buf_puts(out, point);
	}
}

void pt_format_number(pt_buf *out, double v, int decimals, const char *lang)
{
	(void)lang;   /* es-MX and en group and point alike */
	put_number(out, v, decimals, "", false);
}

void pt_format_money(pt_buf *out, double pesos, const char *lang)
{
	(void)lang;
	put_number(out, pesos, 2, "$", true);
}

void pt_format_percent(pt_buf *out, double ratio, int decimals, const char *lang)
{
	double pct = ratio * 100.0;

	(void)lang;
	put_number(out, pct, decimals, "", false);
	if (isfinite(pct)) {
		pt_buf_puts(out, " %");
	}
}
