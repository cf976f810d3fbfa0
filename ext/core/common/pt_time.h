/*
 * participa core: the one date and time module.
 *
 * Civil dates are proleptic Gregorian (as SQL DATE/DATETIME and timegm());
 * day numbers count from 1970-01-01 (day 0), seconds and microseconds from
 * 1970-01-01 00:00:00 UTC. The conversions are Howard Hinnant's
 * days_from_civil / civil_from_days: exact for every int32 year, no libc
 * time zone state, no mktime normalisation cost (a thread page converts one
 * DATETIME per row).
 *
 * Parsers take (const char *, size_t), never read past len and refuse what
 * they do not recognise (false, outputs untouched) unless said otherwise;
 * formatters write into a caller's buffer. Time zones: the site's zone is a
 * table of UTC offsets by transition (pt_time_zone), which the binding fills
 * from PHP's tz database; the arithmetic on it is here.
 *
 * Pure functions, no allocation, thread safe (pt_time_now_us() reads the clock).
 */
#ifndef PT_TIME_H
#define PT_TIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PT_TIME_DAY 86400                  /* seconds in a civil day (no leap seconds) */
#define PT_TIME_TEXT_MAX 32                /* room for any text pt_time_format_* writes, NUL included */

/* A broken-down civil time. */
typedef struct pt_civil {
	int64_t year;                          /* proleptic Gregorian; 0 is 1 BC */
	unsigned month, day;                   /* 1..12, 1..31 */
	unsigned hour, minute, second;         /* 0..23, 0..59, 0..59 */
	uint32_t usec;                         /* 0..999999 */
} pt_civil;

/* ---- calendar ----------------------------------------------------------------- */

bool pt_time_leap_year(int64_t year);
/* Days in month (1..12) of year; 0 for a month out of range. */
unsigned pt_time_month_days(int64_t year, unsigned month);
/* True when year-month-day names a real date (leap years included). */
bool pt_time_valid_date(int64_t year, unsigned month, unsigned day);

/*
 * Day number of year-month-day. month may lie outside 1..12 and day outside
 * the month: both carry over as timegm() would ("2026-02-30" is 2026-03-02).
 * |year| must stay below 2^40 (no overflow then).
 */
int64_t pt_time_days_from_civil(int64_t year, int64_t month, int64_t day);
/* The civil date of a day number (any int64 with |days| < 2^50). */
void pt_time_civil_from_days(int64_t days, int64_t *year, unsigned *month, unsigned *day);

/* Broken-down UTC time of seconds / microseconds since the epoch (floor: -1 s is 1969-12-31 23:59:59). */
void pt_time_civil_from_seconds(int64_t seconds, pt_civil *out);
void pt_time_civil_from_us(int64_t us, pt_civil *out);
/* Seconds since the epoch of c's fields (c->usec ignored); fields carry over like days_from_civil. */
int64_t pt_time_seconds_from_civil(const pt_civil *c);

/* ---- parsing ------------------------------------------------------------------ */

/*
 * "YYYY-MM-DD" (exactly 10 bytes), a real date with min_year <= year <= 9999.
 * *days (may be NULL) gets its day number.
 */
bool pt_time_parse_date(const char *s, size_t len, int min_year, int64_t *days);

/*
 * A date, or a date and time of day, as an admin writes it in YAML:
 * "YYYY-MM-DD", "YYYY-MM-DD HH:MM" or "YYYY-MM-DD HH:MM:SS" ('T' may stand
 * for the space), min_year <= year <= 9999, hours 00..23. *seconds gets the
 * seconds since the epoch of those civil fields (no zone applied) and
 * *date_only whether only a date was given.
 */
bool pt_time_parse_datetime(const char *s, size_t len, int min_year, int64_t *seconds, bool *date_only);

/*
 * The server's DATETIME text, "YYYY-MM-DD HH:MM:SS" with an optional
 * fraction of 1..6 digits, strictly: a real date, years 0000..9999. *us
 * gets microseconds since the epoch (the text taken as UTC).
 */
bool pt_time_parse_db(const char *s, size_t len, int64_t *us);

/*
 * The same text read leniently, for rows the server wrote: fewer than 19
 * bytes give 0; fields out of range carry over as timegm() would; fraction
 * digits past the sixth are ignored. O(1), never fails.
 */
int64_t pt_time_db_us(const char *s, size_t len);

/*
 * ISO-8601 / RFC 3339 instants: "YYYY-MM-DDTHH:MM[:SS[.f{1,9}]]" followed
 * by "Z" or an offset "+HH:MM", "-HH:MM", "+HHMM" or "+HH" ('t'/'z' and a
 * space for 'T' accepted), a real date in 0000..9999, offsets below 24 h.
 * Fraction digits past the sixth are truncated. *us gets microseconds since
 * the epoch in UTC.
 */
bool pt_time_parse_iso(const char *s, size_t len, int64_t *us);

/* ---- formatting --------------------------------------------------------------- */

/*
 * "YYYY-MM-DD HH:MM:SS.ffffff" (26 bytes) for us in UTC: what a DATETIME(6)
 * column accepts. A time outside years 0000..9999 writes
 * "1970-01-01 00:00:00.000000". Returns the length.
 */
size_t pt_time_format_db(int64_t us, char buf[PT_TIME_TEXT_MAX]);

/*
 * "YYYY-MM-DDTHH:MM:SS[.f]Z" with 0, 3 or 6 fraction digits (others are
 * taken as 6), what <time datetime> and JSON consumers accept. Years outside
 * 0000..9999 are written with as many digits as they need (and a sign).
 * Returns the length.
 */
size_t pt_time_format_iso(int64_t us, unsigned digits, char buf[PT_TIME_TEXT_MAX]);

/*
 * c's fields as "YYYY-MM-DD HH:MM:SS" with `digits` (0..6) fraction digits
 * from c->usec, or as "YYYY-MM-DD" alone when digits is PT_TIME_DATE_ONLY.
 * Fields are written modulo their width (year 4 digits, others 2), without
 * sprintf: db.c formats every DATETIME it fetches this way. Returns the length.
 */
#define PT_TIME_DATE_ONLY 99u
size_t pt_time_format_civil(const pt_civil *c, unsigned digits, char buf[PT_TIME_TEXT_MAX]);

/* Now, in microseconds since the epoch (CLOCK_REALTIME). */
int64_t pt_time_now_us(void);

/* ---- time zones --------------------------------------------------------------- */

/*
 * A zone as UTC offsets by transition: offset[i] seconds east of UTC apply
 * from the instant at[i] (seconds since the epoch, ascending). Borrowed
 * arrays; n == 0 is UTC. Before at[0], offset[0] applies.
 */
typedef struct pt_time_zone {
	size_t n;
	const int64_t *at;
	const int32_t *offset;
} pt_time_zone;

/* The offset in force at the UTC instant utc_s (binary search, O(log n)). z may be NULL (UTC). */
int32_t pt_time_zone_offset(const pt_time_zone *z, int64_t utc_s);

/*
 * The UTC instant of a local civil time (seconds, as pt_time_parse_datetime()
 * gives). A time the clocks skipped (spring forward) is read with the offset
 * before the jump, so 02:30 becomes 03:30 daylight time; a time that happens
 * twice (fall back) is the earlier one. That is what PHP's date_create()
 * does. Assumes at most one transition within a day of the instant.
 */
int64_t pt_time_zone_local_to_utc(const pt_time_zone *z, int64_t local_s);

/*
 * Zones by IANA name. The core holds no tz database: the binding registers,
 * once in MINIT (before any thread runs), a resolver that returns the
 * transitions of a named zone from PHP's own database, or NULL when it does
 * not know the name; the zone it returns must stay valid until the process
 * ends or the resolver is replaced. NULL unregisters.
 */
typedef const pt_time_zone *(*pt_time_zone_resolver)(const char *name);
void pt_time_set_zone_resolver(pt_time_zone_resolver resolver);

/*
 * The zone called name: "UTC", "Etc/UTC", "GMT" and "Z" are UTC itself;
 * other names go to the registered resolver; "America/Mexico_City" (the
 * default site zone) falls back to a built-in table (transitions 1950-2022,
 * UTC-6 since) when no resolver knows it, so the core, its tests and the
 * CLI format Mexican dates right without PHP. NULL or "" is
 * America/Mexico_City. Returns NULL for an unknown name.
 */
const pt_time_zone *pt_time_zone_named(const char *name);

#ifdef __cplusplus
}
#endif

#endif /* PT_TIME_H */
