/*
 * participa core: a comment's creation time for people. See comment_time.h.
 */
#include "core/thread/comment_time.h"

#include <stdio.h>

int32_t pt_tz_offset_at(const pt_tz_offsets *t, int64_t sec)
{
	size_t lo = 0, hi = t->n;

	if (!t->n) {
		return 0;
	}
	/* the last transition at or before sec */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->at[mid] <= sec) {
			lo = mid;
		} else {
			hi = mid;
		}
	}
	return t->offset[lo];
}

/* days since 1970-01-01 -> civil date (proleptic Gregorian) */
static void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	int64_t era, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	yoe = z - era * 146097;
	yoe = (yoe - yoe / 1460 + yoe / 36524 - yoe / 146096) / 365;
	doy = z - era * 146097 - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
	*m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

typedef struct civil {
	int64_t year;
	unsigned month, day, hour, minute, second;
} civil;

static void civil_from_seconds(int64_t sec, civil *c)
{
	int64_t days = sec >= 0 ? sec / 86400 : -((-sec + 86399) / 86400);
	int64_t rest = sec - days * 86400;

	civil_from_days(days, &c->year, &c->month, &c->day);
	c->hour = (unsigned)(rest / 3600);
	c->minute = (unsigned)(rest % 3600 / 60);
	c->second = (unsigned)(rest % 60);
}

static int64_t seconds_of(int64_t us)
{
	return us >= 0 ? us / 1000000 : -((-us + 999999) / 1000000);
}

static size_t length_of(int len)
{
	return len < 0 ? 0 : len >= PT_COMMENT_TIME_BUFSIZE ? PT_COMMENT_TIME_BUFSIZE - 1 : (size_t)len;
}

size_t pt_comment_time_iso(int64_t us, char buf[PT_COMMENT_TIME_BUFSIZE])
{
	int64_t sec = seconds_of(us);
	unsigned ms = (unsigned)((us - sec * 1000000) / 1000);
	civil u;

	civil_from_seconds(sec, &u);
	return length_of(snprintf(buf, PT_COMMENT_TIME_BUFSIZE, "%04lld-%02u-%02uT%02u:%02u:%02u.%03uZ",
		(long long)u.year, u.month, u.day, u.hour, u.minute, u.second, ms));
}

static const char *const months_es[12] = { "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
	"agosto", "septiembre", "octubre", "noviembre", "diciembre" };
static const char *const months_en[12] = { "January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December" };

size_t pt_comment_time_text(int64_t us, const pt_tz_offsets *tz, bool english, char buf[PT_COMMENT_TIME_BUFSIZE])
{
	int64_t sec = seconds_of(us);
	civil l;

	civil_from_seconds(sec + pt_tz_offset_at(tz, sec), &l);
	if (english) {
		return length_of(snprintf(buf, PT_COMMENT_TIME_BUFSIZE, "%s %u, %lld, %02u:%02u", months_en[l.month - 1],
			l.day, (long long)l.year, l.hour, l.minute));
	}
	return length_of(snprintf(buf, PT_COMMENT_TIME_BUFSIZE, "%u de %s de %lld, %02u:%02u", l.day,
		months_es[l.month - 1], (long long)l.year, l.hour, l.minute));
}
