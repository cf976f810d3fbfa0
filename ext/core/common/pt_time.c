/* participa core: the one date and time module (see pt_time.h). */
#include "core/common/pt_time.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* ---- calendar ----------------------------------------------------------------- */

bool pt_time_leap_year(int64_t year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

unsigned pt_time_month_days(int64_t year, unsigned month)
{
	static const unsigned char mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (month < 1 || month > 12) {
		return 0;
	}
	return mdays[month - 1] + (month == 2 && pt_time_leap_year(year));
}

bool pt_time_valid_date(int64_t year, unsigned month, unsigned day)
{
	return day >= 1 && day <= pt_time_month_days(year, month);
}

/* floor(a / b) for b > 0 */
static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	return a % b < 0 ? q - 1 : q;   /* no negation: INT64_MIN stays defined */
}

int64_t pt_time_days_from_civil(int64_t year, int64_t month, int64_t day)
{
	int64_t y, m, era, yoe, doy, doe;

	/* carry months over into years first; days then add linearly */
	y = year + floor_div(month - 1, 12);
	m = month - 1 - floor_div(month - 1, 12) * 12 + 1;
	y -= m <= 2;
	era = floor_div(y, 400);
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468 + day - 1;
}

void pt_time_civil_from_days(int64_t days, int64_t *year, unsigned *month, unsigned *day)
{
	int64_t z = days + 719468, era = floor_div(z, 146097), doe, yoe, doy, mp;

	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*day = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
	*month = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
	*year = yoe + era * 400 + (*month <= 2);
}

void pt_time_civil_from_seconds(int64_t seconds, pt_civil *out)
{
	int64_t days = seconds / PT_TIME_DAY, rest = seconds % PT_TIME_DAY;

	if (rest < 0) {   /* floor, without a product that could overflow */
		rest += PT_TIME_DAY;
		days--;
	}

	pt_time_civil_from_days(days, &out->year, &out->month, &out->day);
	out->hour = (unsigned)(rest / 3600);
	out->minute = (unsigned)(rest % 3600 / 60);
	out->second = (unsigned)(rest % 60);
	out->usec = 0;
}

void pt_time_civil_from_us(int64_t us, pt_civil *out)
{
	int64_t s = us / 1000000, r = us % 1000000;

	if (r < 0) {   /* floor, without a product that could overflow */
		r += 1000000;
		s--;
	}
	pt_time_civil_from_seconds(s, out);
	out->usec = (uint32_t)r;
}

int64_t pt_time_seconds_from_civil(const pt_civil *c)
{
	return pt_time_days_from_civil(c->year, c->month, c->day) * PT_TIME_DAY + (int64_t)c->hour * 3600
		+ (int64_t)c->minute * 60 + c->second;
}

/* ---- parsing ------------------------------------------------------------------ */

/* n decimal digits at s; false on anything else */
static bool digits(const char *s, size_t n, unsigned *out)
{
	unsigned v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9') {
			return false;
		}
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	*out = v;
	return true;
}

/* "YYYY-MM-DD" at s (10 bytes known to be there), a real date */
static bool date_fields(const char *s, unsigned *y, unsigned *m, unsigned *d)
{
	return s[4] == '-' && s[7] == '-' && digits(s, 4, y) && digits(s + 5, 2, m) && digits(s + 8, 2, d)
		&& pt_time_valid_date(*y, *m, *d);
}

/* "HH:MM" at s (5 bytes known to be there) */
static bool hm_fields(const char *s, unsigned *h, unsigned *mi)
{
	return s[2] == ':' && digits(s, 2, h) && digits(s + 3, 2, mi) && *h <= 23 && *mi <= 59;
}

bool pt_time_parse_date(const char *s, size_t len, int min_year, int64_t *days)
{
	unsigned y, m, d;

	if (!s || len != 10 || !date_fields(s, &y, &m, &d) || (int64_t)y < min_year) {
		return false;
	}
	if (days) {
		*days = pt_time_days_from_civil(y, m, d);
	}
	return true;
}

bool pt_time_parse_datetime(const char *s, size_t len, int min_year, int64_t *seconds, bool *date_only)
{
	unsigned y, mo, d, h = 0, mi = 0, se = 0;

	if (!s || len < 10 || !date_fields(s, &y, &mo, &d) || (int64_t)y < min_year) {
		return false;
	}
	if (len > 10) {
		if ((s[10] != ' ' && s[10] != 'T') || (len != 16 && len != 19) || !hm_fields(s + 11, &h, &mi)) {
			return false;
		}
		if (len == 19 && (s[16] != ':' || !digits(s + 17, 2, &se) || se > 59)) {
			return false;
		}
	}
	*seconds = pt_time_days_from_civil(y, mo, d) * PT_TIME_DAY + h * 3600 + mi * 60 + se;
	*date_only = len == 10;
	return true;
}

/*
 * ".f{1,max}" at s[0..len): microseconds (digits past the sixth truncated);
 * the number of bytes read, 0 when there is no fraction, -1 when malformed.
 */
static long fraction(const char *s, size_t len, size_t max, uint32_t *usec)
{
	uint32_t v = 0, scale = 100000;
	size_t i;

	*usec = 0;
	if (len == 0 || s[0] != '.') {
		return 0;
	}
	for (i = 1; i < len && i <= max && s[i] >= '0' && s[i] <= '9'; i++) {
		v += (uint32_t)(s[i] - '0') * scale;
		scale /= 10;
	}
	if (i == 1) {
		return -1;
	}
	*usec = v;
	return (long)i;
}

bool pt_time_parse_db(const char *s, size_t len, int64_t *us)
{
	unsigned y, mo, d, h, mi, se;
	uint32_t usec;
	long f;

	if (!s || len < 19 || !date_fields(s, &y, &mo, &d) || s[10] != ' ' || !hm_fields(s + 11, &h, &mi)
		|| s[16] != ':' || !digits(s + 17, 2, &se) || se > 59) {
		return false;
	}
	f = fraction(s + 19, len - 19, 6, &usec);
	if (f < 0 || (size_t)f != len - 19) {
		return false;
	}
	*us = (pt_time_days_from_civil(y, mo, d) * PT_TIME_DAY + h * 3600 + mi * 60 + se) * 1000000 + usec;
	return true;
}

/* n digits as a number, or -1 when one is not a digit (as timegm() then sees it) */
static int64_t lenient(const char *s, size_t n)
{
	unsigned v;

	return digits(s, n, &v) ? (int64_t)v : -1;
}

int64_t pt_time_db_us(const char *s, size_t len)
{
	int64_t us = 0, scale = 100000, secs;
	size_t i;

	if (!s || len < 19) {
		return 0;
	}
	if (len > 20 && s[19] == '.') {
		for (i = 20; i < len && i < 26; i++, scale /= 10) {
			us += (int64_t)(s[i] - '0') * scale;
		}
	}
	secs = pt_time_days_from_civil(lenient(s, 4), lenient(s + 5, 2), lenient(s + 8, 2)) * PT_TIME_DAY
		+ lenient(s + 11, 2) * 3600 + lenient(s + 14, 2) * 60 + lenient(s + 17, 2);
	return secs * 1000000 + us;
}

bool pt_time_parse_iso(const char *s, size_t len, int64_t *us)
{
	unsigned y, mo, d, h, mi, se = 0, oh = 0, om = 0;
	uint32_t usec = 0;
	size_t i = 16;
	int64_t off = 0;

	if (!s || len < 17 || !date_fields(s, &y, &mo, &d) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ')
		|| !hm_fields(s + 11, &h, &mi)) {
		return false;
	}
	if (s[i] == ':') {
		long f;

		if (len < 20 || !digits(s + 17, 2, &se) || se > 59) {
			return false;
		}
		i = 19;
		f = fraction(s + i, len - i, 9, &usec);
		if (f < 0) {
			return false;
		}
		i += (size_t)f;
	}
	if (i == len) {
		return false;   /* a local time is not an instant */
	}
	if (s[i] == 'Z' || s[i] == 'z') {
		if (i + 1 != len) {
			return false;
		}
	} else if (s[i] == '+' || s[i] == '-') {
		size_t rest = len - i - 1;
		const char *o = s + i + 1;

		if (!(rest == 2 && digits(o, 2, &oh)) && !(rest == 4 && digits(o, 2, &oh) && digits(o + 2, 2, &om))
			&& !(rest == 5 && o[2] == ':' && digits(o, 2, &oh) && digits(o + 3, 2, &om))) {
			return false;
		}
		if (oh > 23 || om > 59) {
			return false;
		}
		off = (int64_t)(oh * 3600 + om * 60) * (s[i] == '-' ? -1 : 1);
	} else {
		return false;
	}
	*us = (pt_time_days_from_civil(y, mo, d) * PT_TIME_DAY + h * 3600 + mi * 60 + se - off) * 1000000 + usec;
	return true;
}

/* ---- formatting --------------------------------------------------------------- */

static char *put_digits(char *p, uint64_t v, int width)
{
	int i;

	for (i = width - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return p + width;
}

size_t pt_time_format_civil(const pt_civil *c, unsigned digits, char buf[PT_TIME_TEXT_MAX])
{
	char *p = buf;

	p = put_digits(p, (uint64_t)c->year, 4);
	*p++ = '-';
	p = put_digits(p, c->month, 2);
	*p++ = '-';
	p = put_digits(p, c->day, 2);
	if (digits != PT_TIME_DATE_ONLY) {
		*p++ = ' ';
		p = put_digits(p, c->hour, 2);
		*p++ = ':';
		p = put_digits(p, c->minute, 2);
		*p++ = ':';
		p = put_digits(p, c->second, 2);
		if (digits > 6) {
			digits = 6;
		}
		if (digits) {
			uint32_t frac = c->usec;
			unsigned k;

			for (k = digits; k < 6; k++) {
				frac /= 10;
			}
			*p++ = '.';
			p = put_digits(p, frac, (int)digits);
		}
	}
	*p = '\0';
	return (size_t)(p - buf);
}

size_t pt_time_format_db(int64_t us, char buf[PT_TIME_TEXT_MAX])
{
	pt_civil c;

	pt_time_civil_from_us(us, &c);
	if (c.year < 0 || c.year > 9999) {
		memcpy(buf, "1970-01-01 00:00:00.000000", 27);
		return 26;
	}
	return pt_time_format_civil(&c, 6, buf);
}

size_t pt_time_format_iso(int64_t us, unsigned digits_wanted, char buf[PT_TIME_TEXT_MAX])
{
	pt_civil c;
	char frac[16] = "";
	int n;

	pt_time_civil_from_us(us, &c);
	if (digits_wanted == 3) {
		snprintf(frac, sizeof(frac), ".%03u", (unsigned)(c.usec / 1000) % 1000u);
	} else if (digits_wanted != 0) {
		snprintf(frac, sizeof(frac), ".%06u", (unsigned)c.usec % 1000000u);
	}
	n = snprintf(buf, PT_TIME_TEXT_MAX, "%04lld-%02u-%02uT%02u:%02u:%02u%sZ", (long long)c.year, c.month, c.day,
		c.hour, c.minute, c.second, frac);
	if (n < 0) {
		buf[0] = '\0';
		return 0;
	}
	return (size_t)n < PT_TIME_TEXT_MAX ? (size_t)n : PT_TIME_TEXT_MAX - 1;
}

int64_t pt_time_now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* ---- time zones --------------------------------------------------------------- */

int32_t pt_time_zone_offset(const pt_time_zone *z, int64_t utc_s)
{
	size_t lo = 0, hi;

	if (!z || !z->n) {
		return 0;
	}
	/* the last transition at or before utc_s (offset[0] before the first) */
	hi = z->n;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (z->at[mid] <= utc_s) {
			lo = mid;
		} else {
			hi = mid;
		}
	}
	return z->offset[lo];
}

int64_t pt_time_zone_local_to_utc(const pt_time_zone *z, int64_t local_s)
{
	/* the offsets a day either side bracket any single transition */
	int32_t before = pt_time_zone_offset(z, local_s - PT_TIME_DAY);
	int32_t after = pt_time_zone_offset(z, local_s + PT_TIME_DAY);
	int64_t a = local_s - before, b = local_s - after;
	bool a_ok = pt_time_zone_offset(z, a) == before, b_ok = pt_time_zone_offset(z, b) == after;

	if (a_ok && b_ok) {
		return a < b ? a : b;   /* happens twice: the earlier */
	}
	if (b_ok) {
		return b;
	}
	return a;   /* valid with the old offset, or skipped: read with the offset before the jump */
}

/* ---- zones by name -------------------------------------------------------------- */

static pt_time_zone_resolver zone_resolver;

void pt_time_set_zone_resolver(pt_time_zone_resolver resolver)
{
	zone_resolver = resolver;
}

/*
 * America/Mexico_City from 1950, as PHP's DateTimeZone::getTransitions() gives it
 * (daylight time 1996-2022, abolished on 2022-10-30; UTC-6 since). Regenerate with
 *   php -r '$z = new DateTimeZone("America/Mexico_City");
 *           foreach ($z->getTransitions(-612990000, 4102444800) as $t) echo $t["ts"], " ", $t["offset"], "\n";'
 */
static const int64_t mexico_at[] = {
	-612990000, 828864000, 846399600, 860313600, 877849200, 891763200, 909298800, 923212800, 941353200,
	954662400, 972802800, 989136000, 1001833200, 1018166400, 1035702000, 1049616000, 1067151600,
	1081065600, 1099206000, 1112515200, 1130655600, 1143964800, 1162105200, 1175414400, 1193554800,
	1207468800, 1225004400, 1238918400, 1256454000, 1270368000, 1288508400, 1301817600, 1319958000,
	1333267200, 1351407600, 1365321600, 1382857200, 1396771200, 1414306800, 1428220800, 1445756400,
	1459670400, 1477810800, 1491120000, 1509260400, 1522569600, 1540710000, 1554624000, 1572159600,
	1586073600, 1603609200, 1617523200, 1635663600, 1648972800, 1667113200,
};
static const int32_t mexico_offset[] = {
	-21600, -18000, -21600, -18000, -21600, -18000, -21600, -18000, -21600, -18000, -21600, -18000,
	-21600, -18000, -21600, -18000, -21600, -18000, -21600, -18000, -21600, -18000, -21600, -18000,
	-21600, -18000, -21600, -18000, -21600, -18000, -21600, -18000, -21600, -18000, -21600, -18000,
	-21600, -18000, -21600, -18000, -21600, -18000, -21600, -18000, -21600, -18000, -21600, -18000,
	-21600, -18000, -21600, -18000, -21600, -18000, -21600
};
_Static_assert(sizeof(mexico_at) / sizeof(mexico_at[0]) == sizeof(mexico_offset) / sizeof(mexico_offset[0]),
	"one offset per transition");
static const pt_time_zone mexico = { sizeof(mexico_at) / sizeof(mexico_at[0]), mexico_at, mexico_offset };
static const pt_time_zone utc = { 0, NULL, NULL };

const pt_time_zone *pt_time_zone_named(const char *name)
{
	const pt_time_zone *z;

	if (!name || !*name) {
		name = "America/Mexico_City";
	}
	if (!strcmp(name, "UTC") || !strcmp(name, "Etc/UTC") || !strcmp(name, "GMT") || !strcmp(name, "Z")) {
		return &utc;
	}
	if (zone_resolver && (z = zone_resolver(name))) {
		return z;
	}
	if (strcmp(name, "America/Mexico_City") != 0) {
		return NULL;
	}
	return &mexico;
}
