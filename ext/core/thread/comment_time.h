/*
 * participa core: a comment's creation time for people. 'created_iso' (UTC,
 * "2026-03-01T18:05:00.123Z", what <time datetime> accepts) and
 * 'created_text' ("1 de marzo de 2026, 12:05", or "March 1, 2026, 12:05" for
 * an English site) in the site's timezone, whose UTC offsets the caller
 * gives as a table of transitions (the binding reads them from PHP's own
 * timezone database). The calendar arithmetic is core/common/pt_time's.
 */
#ifndef PT_COMMENT_TIME_H
#define PT_COMMENT_TIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/common/pt_time.h"

/*
 * The zones a worker has read, by name (libc memory, kept until the worker ends):
 * pt_tz_cache_get() returns the zone named name, calling load(name, entry) the
 * first time, which adds its transitions with pt_tz_cache_push() (none: UTC).
 */
typedef struct pt_tz_cache pt_tz_cache;
typedef void (*pt_tz_load_fn)(const char *name, pt_tz_cache *entry);
const pt_time_zone *pt_tz_cache_get(pt_tz_cache **cache, const char *name, pt_tz_load_fn load);
void pt_tz_cache_push(pt_tz_cache *entry, int64_t at, int32_t offset);
void pt_tz_cache_free(pt_tz_cache *cache);

#define PT_COMMENT_TIME_BUFSIZE 96
/* Microseconds since the epoch as ISO 8601 UTC with milliseconds; returns the length. */
size_t pt_comment_time_iso(int64_t us, char buf[PT_COMMENT_TIME_BUFSIZE]);
/* The same instant for people in the timezone tz, Spanish or English; returns the length. */
size_t pt_comment_time_text(int64_t us, const pt_time_zone *tz, bool english, char buf[PT_COMMENT_TIME_BUFSIZE]);

#endif
