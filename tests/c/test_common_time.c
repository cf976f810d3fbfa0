/* The one date/time module (ext/core/common/pt_time.h). */
#include "pt_test.h"
#include "core/common/pt_time.h"

#include <stdint.h>
#include <time.h>

#define LIT(s) s, sizeof(s) - 1

PT_TEST(leap_years_and_month_lengths)
{
	PT_CHECK(pt_time_leap_year(2024) && pt_time_leap_year(2000) && pt_time_leap_year(0));
	PT_CHECK(!pt_time_leap_year(1900) && !pt_time_leap_year(2100) && !pt_time_leap_year(2026));
	PT_CHECK(pt_time_leap_year(-4) && !pt_time_leap_year(-100));
	PT_CHECK_EQ_INT(pt_time_month_days(2024, 2), 29);
	PT_CHECK_EQ_INT(pt_time_month_days(2026, 2), 28);
	PT_CHECK_EQ_INT(pt_time_month_days(2026, 12), 31);
	PT_CHECK_EQ_INT(pt_time_month_days(2026, 0), 0);
	PT_CHECK_EQ_INT(pt_time_month_days(2026, 13), 0);
	PT_CHECK(pt_time_valid_date(2024, 2, 29) && !pt_time_valid_date(2023, 2, 29));
	PT_CHECK(!pt_time_valid_date(2026, 4, 31) && !pt_time_valid_date(2026, 1, 0));
}

PT_TEST(days_round_trip)
{
	int64_t d;

	PT_CHECK_EQ_INT(pt_time_days_from_civil(1970, 1, 1), 0);
	PT_CHECK_EQ_INT(pt_time_days_from_civil(2000, 3, 1), 11017);
	PT_CHECK_EQ_INT(pt_time_days_from_civil(1969, 12, 31), -1);
	PT_CHECK_EQ_INT(pt_time_days_from_civil(0, 1, 1), -719528);
	/* carry-over as timegm(): month 13 is next January, day 0 the last of the month before */
	PT_CHECK_EQ_INT(pt_time_days_from_civil(2025, 13, 1), pt_time_days_from_civil(2026, 1, 1));
	PT_CHECK_EQ_INT(pt_time_days_from_civil(2026, 3, 0), pt_time_days_from_civil(2026, 2, 28));
	PT_CHECK_EQ_INT(pt_time_days_from_civil(2026, 0, 1), pt_time_days_from_civil(2025, 12, 1));
	PT_CHECK_EQ_INT(pt_time_days_from_civil(2026, -11, 1), pt_time_days_from_civil(2025, 1, 1));
	/* every day over 800 years either side of the epoch comes back as itself */
	for (d = -400 * 146097 / 400 * 2; d <= 2 * 146097; d += 1) {
		int64_t y;
		unsigned m, day;

		pt_time_civil_from_days(d, &y, &m, &day);
		if (!pt_time_valid_date(y, m, day) || pt_time_days_from_civil(y, m, day) != d) {
			PT_FAIL_AT("day %lld -> %lld-%u-%u", (long long)d, (long long)y, m, day);
			break;
		}
	}
}

PT_TEST(agrees_with_timegm)
{
	static const int dates[][6] = {
		{ 1970, 1, 1, 0, 0, 0 }, { 2024, 2, 29, 23, 59, 59 }, { 2000, 12, 31, 12, 0, 0 },
		{ 1900, 3, 1, 1, 2, 3 }, { 2038, 1, 19, 3, 14, 8 }, { 9999, 12, 31, 23, 59, 59 },
	};
	size_t i;

	for (i = 0; i < sizeof(dates) / sizeof(dates[0]); i++) {
		struct tm tm;
		pt_civil c = { dates[i][0], (unsigned)dates[i][1], (unsigned)dates[i][2], (unsigned)dates[i][3],
			(unsigned)dates[i][4], (unsigned)dates[i][5], 0 };
		pt_civil back;

		memset(&tm, 0, sizeof(tm));
		tm.tm_year = dates[i][0] - 1900;
		tm.tm_mon = dates[i][1] - 1;
		tm.tm_mday = dates[i][2];
		tm.tm_hour = dates[i][3];
		tm.tm_min = dates[i][4];
		tm.tm_sec = dates[i][5];
		PT_CHECK_EQ_INT(pt_time_seconds_from_civil(&c), (long long)timegm(&tm));
		pt_time_civil_from_seconds(pt_time_seconds_from_civil(&c), &back);
		PT_CHECK(back.year == c.year && back.month == c.month && back.day == c.day && back.hour == c.hour
			&& back.minute == c.minute && back.second == c.second);
	}
}

PT_TEST(before_the_epoch_floors)
{
	pt_civil c;

	pt_time_civil_from_seconds(-1, &c);
	PT_CHECK(c.year == 1969 && c.month == 12 && c.day == 31 && c.hour == 23 && c.minute == 59 && c.second == 59);
	pt_time_civil_from_seconds(INT64_MIN, &c);   /* defined at the very end of the range */
	PT_CHECK(c.hour < 24 && c.minute < 60 && c.second < 60 && pt_time_valid_date(c.year, c.month, c.day));
	pt_time_civil_from_seconds(INT64_MAX, &c);
	PT_CHECK(c.hour < 24 && pt_time_valid_date(c.year, c.month, c.day));
	pt_time_civil_from_us(-1, &c);
	PT_CHECK(c.second == 59 && c.usec == 999999);
}

PT_TEST(parse_date)
{
	int64_t d = 42;

	PT_CHECK(pt_time_parse_date(LIT("1970-01-01"), 1900, &d) && d == 0);
	PT_CHECK(pt_time_parse_date(LIT("2024-02-29"), 1900, &d));
	PT_CHECK(pt_time_parse_date(LIT("2024-02-29"), 1900, NULL));
	d = 42;
	PT_CHECK(!pt_time_parse_date(LIT("2026-02-29"), 1900, &d) && d == 42);   /* outputs untouched */
	PT_CHECK(!pt_time_parse_date(LIT("1899-12-31"), 1900, &d));
	PT_CHECK(pt_time_parse_date(LIT("1899-12-31"), 0, &d));
	PT_CHECK(!pt_time_parse_date(LIT("2026-13-01"), 0, &d));
	PT_CHECK(!pt_time_parse_date(LIT("2026-00-10"), 0, &d));
	PT_CHECK(!pt_time_parse_date(LIT("2026-04-31"), 0, &d));
	PT_CHECK(!pt_time_parse_date(LIT("2026-1-01"), 0, &d));
	PT_CHECK(!pt_time_parse_date(LIT("2026-01-01 "), 0, &d));
	PT_CHECK(!pt_time_parse_date(LIT("2026/01/01"), 0, &d));
	PT_CHECK(!pt_time_parse_date(LIT("+026-01-01"), 0, &d));
	PT_CHECK(!pt_time_parse_date(NULL, 0, 0, &d));
	PT_CHECK(!pt_time_parse_date("2026-01-01", 9, 0, &d));   /* len is honoured */
}

PT_TEST(parse_datetime)
{
	int64_t s = 0;
	bool date_only = false;

	PT_CHECK(pt_time_parse_datetime(LIT("1970-01-01"), 1970, &s, &date_only) && s == 0 && date_only);
	PT_CHECK(pt_time_parse_datetime(LIT("2026-03-01 09:30"), 1970, &s, &date_only) && !date_only);
	PT_CHECK_EQ_INT(s, pt_time_days_from_civil(2026, 3, 1) * 86400 + 9 * 3600 + 30 * 60);
	PT_CHECK(pt_time_parse_datetime(LIT("2024-02-29T23:59:59"), 1970, &s, &date_only));
	PT_CHECK(!pt_time_parse_datetime(LIT("1969-12-31"), 1970, &s, &date_only));
	PT_CHECK(!pt_time_parse_datetime(LIT("2026-01-01 24:00"), 1970, &s, &date_only));
	PT_CHECK(!pt_time_parse_datetime(LIT("2026-01-01 10:60"), 1970, &s, &date_only));
	PT_CHECK(!pt_time_parse_datetime(LIT("2026-01-01 10:00:60"), 1970, &s, &date_only));
	PT_CHECK(!pt_time_parse_datetime(LIT("2026-01-01 10:00:0"), 1970, &s, &date_only));
	PT_CHECK(!pt_time_parse_datetime(LIT("2026-01-01 10:00:00.5"), 1970, &s, &date_only));
	PT_CHECK(!pt_time_parse_datetime(LIT("2026-01-01x10:00"), 1970, &s, &date_only));
	PT_CHECK(!pt_time_parse_datetime(LIT("2026-01-01 10-00"), 1970, &s, &date_only));
}

PT_TEST(db_text_round_trips)
{
	char buf[PT_TIME_TEXT_MAX];
	int64_t us = 0, t;

	PT_CHECK(pt_time_parse_db(LIT("2026-03-01 18:05:00.123456"), &us));
	PT_CHECK_EQ_INT(pt_time_format_db(us, buf), 26);
	PT_CHECK_STR(buf, "2026-03-01 18:05:00.123456");
	PT_CHECK(pt_time_parse_db(LIT("2026-03-01 18:05:00"), &t) && t == us - 123456);
	PT_CHECK(pt_time_parse_db(LIT("2026-03-01 18:05:00.1"), &t) && t == us - 23456);
	PT_CHECK(!pt_time_parse_db(LIT("2026-03-01 18:05:00."), &t));
	PT_CHECK(!pt_time_parse_db(LIT("2026-03-01 18:05:00.1234567"), &t));
	PT_CHECK(!pt_time_parse_db(LIT("2026-02-30 18:05:00"), &t));
	PT_CHECK(!pt_time_parse_db(LIT("2026-03-01T18:05:00"), &t));
	PT_CHECK(!pt_time_parse_db(LIT("2026-03-01 18:05"), &t));
	/* the lenient reader agrees on good text */
	PT_CHECK_EQ_INT(pt_time_db_us(LIT("2026-03-01 18:05:00.123456")), us);
	PT_CHECK_EQ_INT(pt_time_db_us(LIT("2026-03-01 18:05:00.1234567")), us);
	PT_CHECK_EQ_INT(pt_time_db_us(LIT("2026-03-01 18:05:0")), 0);   /* too short */
	PT_CHECK_EQ_INT(pt_time_db_us(NULL, 0), 0);
	/* and carries odd fields over as timegm() did */
	PT_CHECK_EQ_INT(pt_time_db_us(LIT("2026-02-30 00:00:00")), pt_time_days_from_civil(2026, 3, 2) * 86400000000LL);
	PT_CHECK_EQ_INT(pt_time_db_us(LIT("2026-03-01 24:00:00")), pt_time_days_from_civil(2026, 3, 2) * 86400000000LL);
	/* out of 0000..9999 the formatter writes the epoch */
	pt_time_format_db(-62167219200LL * 1000000 - 1, buf);
	PT_CHECK_STR(buf, "1970-01-01 00:00:00.000000");
	pt_time_format_db(-62167219200LL * 1000000, buf);
	PT_CHECK_STR(buf, "0000-01-01 00:00:00.000000");
	pt_time_format_db(253402300799999999LL, buf);
	PT_CHECK_STR(buf, "9999-12-31 23:59:59.999999");
	pt_time_format_db(253402300800000000LL, buf);
	PT_CHECK_STR(buf, "1970-01-01 00:00:00.000000");
}

PT_TEST(format_civil)
{
	char buf[PT_TIME_TEXT_MAX];
	pt_civil c = { 2026, 3, 1, 8, 5, 9, 120000 };

	PT_CHECK_EQ_INT(pt_time_format_civil(&c, PT_TIME_DATE_ONLY, buf), 10);
	PT_CHECK_STR(buf, "2026-03-01");
	pt_time_format_civil(&c, 0, buf);
	PT_CHECK_STR(buf, "2026-03-01 08:05:09");
	pt_time_format_civil(&c, 2, buf);
	PT_CHECK_STR(buf, "2026-03-01 08:05:09.12");
	pt_time_format_civil(&c, 6, buf);
	PT_CHECK_STR(buf, "2026-03-01 08:05:09.120000");
}

PT_TEST(iso_8601)
{
	char buf[PT_TIME_TEXT_MAX];
	int64_t us = 0, base;

	PT_CHECK(pt_time_parse_db(LIT("2026-03-01 18:05:00"), &base));
	PT_CHECK(pt_time_parse_iso(LIT("2026-03-01T18:05:00Z"), &us) && us == base);
	PT_CHECK(pt_time_parse_iso(LIT("2026-03-01T18:05Z"), &us) && us == base);
	PT_CHECK(pt_time_parse_iso(LIT("2026-03-01t18:05:00z"), &us) && us == base);
	PT_CHECK(pt_time_parse_iso(LIT("2026-03-01T12:05:00-06:00"), &us) && us == base);
	PT_CHECK(pt_time_parse_iso(LIT("2026-03-01T12:05:00-0600"), &us) && us == base);
	PT_CHECK(pt_time_parse_iso(LIT("2026-03-01T19:05:00+01"), &us) && us == base);
	PT_CHECK(pt_time_parse_iso(LIT("2026-03-01T18:05:00.123456789Z"), &us) && us == base + 123456);
	PT_CHECK(pt_time_parse_iso(LIT("2026-03-01 18:05:00.5Z"), &us) && us == base + 500000);
	PT_CHECK(!pt_time_parse_iso(LIT("2026-03-01T18:05:00"), &us));      /* no zone: not an instant */
	PT_CHECK(!pt_time_parse_iso(LIT("2026-03-01T18:05:00.Z"), &us));
	PT_CHECK(!pt_time_parse_iso(LIT("2026-03-01T18:05:00ZZ"), &us));
	PT_CHECK(!pt_time_parse_iso(LIT("2026-03-01T18:05:00+24:00"), &us));
	PT_CHECK(!pt_time_parse_iso(LIT("2026-03-01T18:05:00+01:60"), &us));
	PT_CHECK(!pt_time_parse_iso(LIT("2026-03-01T18:05:00+1"), &us));
	PT_CHECK(!pt_time_parse_iso(LIT("2026-02-29T18:05:00Z"), &us));
	PT_CHECK(!pt_time_parse_iso(LIT("2026-03-01T18:5Z"), &us));
	PT_CHECK(!pt_time_parse_iso(LIT("2026-03-01T18:05:"), &us));
	PT_CHECK_EQ_INT(pt_time_format_iso(base + 123456, 3, buf), 24);
	PT_CHECK_STR(buf, "2026-03-01T18:05:00.123Z");
	pt_time_format_iso(base + 123456, 6, buf);
	PT_CHECK_STR(buf, "2026-03-01T18:05:00.123456Z");
	pt_time_format_iso(base, 0, buf);
	PT_CHECK_STR(buf, "2026-03-01T18:05:00Z");
	PT_CHECK(pt_time_parse_iso(buf, strlen(buf), &us) && us == base);
	PT_CHECK(pt_time_format_iso(INT64_MAX, 6, buf) < PT_TIME_TEXT_MAX);   /* never past the buffer */
	PT_CHECK(pt_time_format_iso(INT64_MIN, 6, buf) < PT_TIME_TEXT_MAX);
}

PT_TEST(zone_offsets)
{
	/* America/Mexico_City 2022: CDT from 2022-04-03 08:00 UTC, CST from 2022-10-30 07:00 UTC */
	static const int64_t at[] = { 0, 1648972800, 1667113200 };
	static const int32_t off[] = { -21600, -18000, -21600 };
	pt_time_zone z = { 3, at, off };
	int64_t local;
	bool date_only;

	PT_CHECK_EQ_INT(pt_time_zone_offset(NULL, 12345), 0);
	PT_CHECK_EQ_INT(pt_time_zone_offset(&z, -5), -21600);        /* before the first: the first */
	PT_CHECK_EQ_INT(pt_time_zone_offset(&z, 1648972799), -21600);
	PT_CHECK_EQ_INT(pt_time_zone_offset(&z, 1648972800), -18000);
	PT_CHECK_EQ_INT(pt_time_zone_offset(&z, 1667113200), -21600);
	/* an ordinary local time */
	PT_CHECK(pt_time_parse_datetime(LIT("2022-06-01 12:00"), 1970, &local, &date_only));
	PT_CHECK_EQ_INT(pt_time_zone_local_to_utc(&z, local), local + 18000);
	/* skipped: 02:30 on 2022-04-03 is read as 03:30 daylight time (08:30 UTC) */
	PT_CHECK(pt_time_parse_datetime(LIT("2022-04-03 02:30"), 1970, &local, &date_only));
	PT_CHECK_EQ_INT(pt_time_zone_local_to_utc(&z, local), 1648974600);
	/* twice: 01:30 on 2022-10-30 is the earlier one (daylight, 06:30 UTC) */
	PT_CHECK(pt_time_parse_datetime(LIT("2022-10-30 01:30"), 1970, &local, &date_only));
	PT_CHECK_EQ_INT(pt_time_zone_local_to_utc(&z, local), 1667111400);
	PT_CHECK_EQ_INT(pt_time_zone_local_to_utc(NULL, local), local);
}

PT_TEST(now_is_now)
{
	int64_t before = (int64_t)time(NULL), a = pt_time_now_us(), after = (int64_t)time(NULL);

	/* the same clock as time(): between the two readings, whatever the load */
	PT_CHECK(a >= before * 1000000 && a < (after + 1) * 1000000);
}

int main(void)
{
	PT_RUN(leap_years_and_month_lengths);
	PT_RUN(days_round_trip);
	PT_RUN(agrees_with_timegm);
	PT_RUN(before_the_epoch_floors);
	PT_RUN(parse_date);
	PT_RUN(parse_datetime);
	PT_RUN(db_text_round_trips);
	PT_RUN(format_civil);
	PT_RUN(iso_8601);
	PT_RUN(zone_offsets);
	PT_RUN(now_is_now);
	return pt_test_summary("test_common_time");
}
