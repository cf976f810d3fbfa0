/* Dates, numbers, money and percentages for citizens (ext/core/common/pt_format.h). */
#include "pt_test.h"
#include "core/common/pt_format.h"
#include "core/common/pt_time.h"

#include <math.h>
#include <stdint.h>

/* out's text, then empties it; "(failed)" when an append failed */
static const char *text(pt_buf *b, char *keep, size_t size)
{
	snprintf(keep, size, "%s", b->failed ? "(failed)" : b->len ? b->data : "");
	pt_buf_free(b);
	b->len = 0;
	return keep;
}

#define DATE(iso, tz, lang, expected) do { \
		pt_buf b_; char k_[128]; \
		pt_buf_init(&b_, NULL); \
		PT_CHECK_EQ_INT(pt_format_date(&b_, iso, tz, lang), PT_OK); \
		PT_CHECK_STR(text(&b_, k_, sizeof(k_)), expected); \
	} while (0)
#define DATETIME(iso, tz, lang, expected) do { \
		pt_buf b_; char k_[128]; \
		pt_buf_init(&b_, NULL); \
		PT_CHECK_EQ_INT(pt_format_datetime(&b_, iso, tz, lang), PT_OK); \
		PT_CHECK_STR(text(&b_, k_, sizeof(k_)), expected); \
	} while (0)
#define BAD(iso, tz) do { \
		pt_buf b_; \
		pt_buf_init(&b_, NULL); \
		PT_CHECK_EQ_INT(pt_format_date(&b_, iso, tz, "es"), PT_ERR_INVALID); \
		PT_CHECK_EQ_INT(pt_format_datetime(&b_, iso, tz, "en"), PT_ERR_INVALID); \
		PT_CHECK_EQ_INT(b_.len, 0); \
		pt_buf_free(&b_); \
	} while (0)
#define NUM(call, expected) do { \
		pt_buf b_; char k_[512]; \
		pt_buf_init(&b_, NULL); \
		call; \
		PT_CHECK_STR(text(&b_, k_, sizeof(k_)), expected); \
	} while (0)

/* New York in 2026 (daylight from 8 March to 1 November): a zone only a resolver knows */
static const int64_t ny_at[] = { 1762066800, 1772953200, 1793512800 };
static const int32_t ny_off[] = { -18000, -14400, -18000 };
static const pt_time_zone new_york = { 3, ny_at, ny_off };

static const pt_time_zone *resolver(const char *name)
{
	return strcmp(name, "America/New_York") == 0 ? &new_york : NULL;
}

PT_TEST(civil_dates)
{
	DATE("2026-02-01", "America/Mexico_City", "es", "1 de febrero de 2026");
	DATE("2026-02-01", NULL, NULL, "1 de febrero de 2026");
	DATE("2026-02-01", "America/Mexico_City", "en", "February 1, 2026");
	DATE("2026-02-01", "UTC", "en-US", "February 1, 2026");
	DATE("2024-12-31", "UTC", "es_MX", "31 de diciembre de 2024");
	DATE("2024-02-29", NULL, "es", "29 de febrero de 2024");
	DATE("0001-01-01", NULL, "en", "January 1, 1");
	DATE("9999-09-09", NULL, "es", "9 de septiembre de 9999");
	/* a date has no zone: not moved a day by UTC-6 */
	DATE("2026-03-01", "America/Mexico_City", "es", "1 de marzo de 2026");
	DATETIME("2026-02-01", NULL, "es", "1 de febrero de 2026");
	/* "enx" and "english" are not English */
	DATE("2026-07-04", NULL, "enx", "4 de julio de 2026");
}

PT_TEST(instants_in_the_zone)
{
	DATETIME("2026-02-02T00:05:00Z", "America/Mexico_City", "es", "1 de febrero de 2026, 18:05");
	DATETIME("2026-02-02T00:05:00Z", "America/Mexico_City", "en", "February 1, 2026, 18:05");
	DATE("2026-02-02T00:05:00Z", "America/Mexico_City", "es", "1 de febrero de 2026");
	DATE("2026-02-02T00:05:00Z", "UTC", "es", "2 de febrero de 2026");
	DATETIME("2026-02-01T18:05:00-06:00", "UTC", "es", "2 de febrero de 2026, 00:05");
	DATETIME("2026-02-01T18:05:59.999+0000", "UTC", "es", "1 de febrero de 2026, 18:05");
	DATETIME("2026-02-01 18:05Z", "Etc/UTC", "en", "February 1, 2026, 18:05");
	/* the server's DATETIME text is UTC */
	DATETIME("2026-02-02 00:05:00", NULL, "es", "1 de febrero de 2026, 18:05");
	DATETIME("2026-02-02 00:05:00.123456", NULL, "es", "1 de febrero de 2026, 18:05");
	DATETIME("2026-02-02T00:05", NULL, "es", "1 de febrero de 2026, 18:05");
	/* Mexico City's daylight time (until 2022), from the built-in table */
	DATETIME("2022-07-01T12:00:00Z", "America/Mexico_City", "es", "1 de julio de 2022, 07:00");
	DATETIME("2022-12-01T12:00:00Z", "America/Mexico_City", "es", "1 de diciembre de 2022, 06:00");
	DATETIME("1970-01-01T00:00:00Z", NULL, "es", "31 de diciembre de 1969, 18:00");
	DATETIME("2026-01-01T05:59:59Z", NULL, "en", "December 31, 2025, 23:59");
}

PT_TEST(named_zones_through_the_resolver)
{
	pt_buf b;

	pt_buf_init(&b, NULL);
	PT_CHECK_EQ_INT(pt_format_date(&b, "2026-07-01T12:00:00Z", "America/New_York", "es"), PT_ERR_INVALID);
	pt_time_set_zone_resolver(resolver);
	DATETIME("2026-07-01T12:00:00Z", "America/New_York", "en", "July 1, 2026, 08:00");
	DATETIME("2026-12-01T12:00:00Z", "America/New_York", "en", "December 1, 2026, 07:00");
	/* the resolver does not know Mexico City: the built-in table still does */
	DATETIME("2026-02-02T00:05:00Z", "America/Mexico_City", "es", "1 de febrero de 2026, 18:05");
	PT_CHECK_EQ_INT(pt_format_date(&b, "2026-07-01T12:00:00Z", "Europe/Nowhere", "es"), PT_ERR_INVALID);
	pt_time_set_zone_resolver(NULL);
	PT_CHECK_EQ_INT(pt_format_date(&b, "2026-07-01T12:00:00Z", "America/New_York", "es"), PT_ERR_INVALID);
	PT_CHECK_EQ_INT(b.len, 0);
	PT_CHECK(pt_time_zone_named("UTC") && pt_time_zone_named("UTC")->n == 0);
	PT_CHECK(pt_time_zone_named(NULL) == pt_time_zone_named("America/Mexico_City"));
	PT_CHECK(pt_time_zone_named("mexico") == NULL);
	pt_buf_free(&b);
}

PT_TEST(bad_dates_are_refused)
{
	pt_buf b;

	BAD(NULL, NULL);
	BAD("", NULL);
	BAD("2026-02-30", NULL);
	BAD("2026-13-01", NULL);
	BAD("0000-01-01", NULL);
	BAD("2026-2-1", NULL);
	BAD("1 de febrero", NULL);
	BAD("2026-02-01T25:00:00Z", NULL);
	BAD("2026-02-01T18:05:00+24:00", NULL);
	BAD("2026-02-01T18:05:00Zjunk", NULL);
	BAD("2026-02-01x", NULL);
	BAD("20260201", NULL);
	BAD("2026-02-01T18:05:00Z", "Mars/Olympus");
	BAD("2026-02-01T18:05:00Z                                                                  ", NULL);
	/* year 0000 shown in a zone west of UTC would be year -1 */
	BAD("0000-01-01T00:00:00Z", NULL);
	BAD("9999-12-31T23:00:00-06:00", "UTC");
	pt_buf_init(&b, NULL);
	PT_CHECK_EQ_INT(pt_format_date(NULL, "2026-02-01", NULL, "es"), PT_ERR_INVALID);
	pt_buf_free(&b);
}

PT_TEST(numbers)
{
	NUM(pt_format_number(&b_, 1250000.5, 2, "es"), "1,250,000.50");
	NUM(pt_format_number(&b_, 12345.6, 1, "en"), "12,345.6");
	NUM(pt_format_number(&b_, 0, 0, "es"), "0");
	NUM(pt_format_number(&b_, 999, 0, "es"), "999");
	NUM(pt_format_number(&b_, 1000, 0, "es"), "1,000");
	NUM(pt_format_number(&b_, 999999.5, 0, "es"), "1,000,000");
	NUM(pt_format_number(&b_, -1234567.891, 2, "es"), "-1,234,567.89");
	NUM(pt_format_number(&b_, -0.004, 2, "es"), "0.00");
	NUM(pt_format_number(&b_, -0.0, 0, "es"), "0");
	NUM(pt_format_number(&b_, 3.14159, -3, "es"), "3");
	NUM(pt_format_number(&b_, 1.5, 40, "es"), "1.500000");
	NUM(pt_format_number(&b_, 1e21, 0, "es"), "1,000,000,000,000,000,000,000");
	NUM(pt_format_number(&b_, NAN, 2, "es"), PT_FORMAT_NONE);
	NUM(pt_format_number(&b_, INFINITY, 2, "es"), PT_FORMAT_NONE);
	NUM(pt_format_number(&b_, -INFINITY, 0, "en"), PT_FORMAT_NONE);
}

PT_TEST(huge_numbers_fit)
{
	pt_buf b;
	size_t commas = 0, i;

	pt_buf_init(&b, NULL);
	pt_format_number(&b, -1.7976931348623157e308, 6, "es");
	PT_CHECK(!b.failed && b.len == 1 + 309 + 102 + 7);
	for (i = 0; i < b.len; i++) {
		commas += b.data[i] == ',';
	}
	PT_CHECK_EQ_INT(commas, 102);
	PT_CHECK(b.data[0] == '-' && b.data[1] == '1' && b.data[2] == '7' && b.data[3] == '9');
	pt_buf_free(&b);
}

PT_TEST(money)
{
	NUM(pt_format_money(&b_, 1250000, "es"), "$1,250,000");
	NUM(pt_format_money(&b_, 1250000.5, "es"), "$1,250,000.50");
	NUM(pt_format_money(&b_, 1250000.004, "en"), "$1,250,000");
	NUM(pt_format_money(&b_, 0.07, "es"), "$0.07");
	NUM(pt_format_money(&b_, 0, "es"), "$0");
	NUM(pt_format_money(&b_, -1250, "es"), "-$1,250");
	NUM(pt_format_money(&b_, -0.001, "es"), "$0");
	NUM(pt_format_money(&b_, 99.999, "es"), "$100");
	NUM(pt_format_money(&b_, NAN, "es"), PT_FORMAT_NONE);
}

PT_TEST(percentages)
{
	NUM(pt_format_percent(&b_, 0.452, 1, "es"), "45.2 %");
	NUM(pt_format_percent(&b_, 1, 0, "en"), "100 %");
	NUM(pt_format_percent(&b_, 0, 1, "es"), "0.0 %");
	NUM(pt_format_percent(&b_, 0.33333, 2, "es"), "33.33 %");
	NUM(pt_format_percent(&b_, 12.5, 0, "es"), "1,250 %");
	NUM(pt_format_percent(&b_, NAN, 1, "es"), PT_FORMAT_NONE);
	NUM(pt_format_percent(&b_, 1e308, 1, "es"), PT_FORMAT_NONE);   /* * 100 is infinite */
}

PT_TEST(appends_after_what_is_there)
{
	pt_buf b;
	char k[128];

	pt_buf_init(&b, NULL);
	pt_buf_puts(&b, "Cierra el ");
	PT_CHECK_EQ_INT(pt_format_date(&b, "2026-02-01", NULL, "es"), PT_OK);
	pt_buf_puts(&b, ": ");
	pt_format_money(&b, 5, "es");
	PT_CHECK_STR(text(&b, k, sizeof(k)), "Cierra el 1 de febrero de 2026: $5");
}

int main(void)
{
	PT_RUN(civil_dates);
	PT_RUN(instants_in_the_zone);
	PT_RUN(named_zones_through_the_resolver);
	PT_RUN(bad_dates_are_refused);
	PT_RUN(numbers);
	PT_RUN(huge_numbers_fit);
	PT_RUN(money);
	PT_RUN(percentages);
	PT_RUN(appends_after_what_is_there);
	return pt_test_summary("test_common_format");
}
