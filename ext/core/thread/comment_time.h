/*
 * participa core: a comment's creation time for people. 'created_iso' (UTC,
 * "2026-03-01T18:05:00.123Z", what <time datetime> accepts) and
 * 'created_text' ("1 de marzo de 2026, 12:05", or "March 1, 2026, 12:05" for
 * an English site) in the site's timezone, whose UTC offsets the caller
 * gives as a table of transitions (the binding reads them from PHP's own
 * timezone database). The calendar arithmetic is to join core/common's one
 * date/time module when it lands.
 */
#ifndef PT_COMMENT_TIME_H
#define PT_COMMENT_TIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* UTC offsets of one timezone: offset[i] (seconds) applies from at[i] (seconds since the epoch). */
typedef struct pt_tz_offsets {
	size_t n;                    /* 0: UTC */
	int64_t *at;
	int32_t *offset;
} pt_tz_offsets;

/* The offset at sec: the last transition at or before it (the first before any). */
int32_t pt_tz_offset_at(const pt_tz_offsets *t, int64_t sec);

#define PT_COMMENT_TIME_BUFSIZE 96
/* Microseconds since the epoch as ISO 8601 UTC with milliseconds; returns the length. */
size_t pt_comment_time_iso(int64_t us, char buf[PT_COMMENT_TIME_BUFSIZE]);
/* The same instant for people in the timezone tz, Spanish or English; returns the length. */
size_t pt_comment_time_text(int64_t us, const pt_tz_offsets *tz, bool english, char buf[PT_COMMENT_TIME_BUFSIZE]);

#endif
