/*
 * participa core: a comment's creation time for people. See comment_time.h.
 */
#include "core/thread/comment_time.h"
#include "core/common/pt_format.h"
#include "core/common/pt_time.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pt_tz_cache {
	char *name;
	pt_time_zone z;
	int64_t *at;
	int32_t *offset;
	size_t cap;
	bool broken;                 /* out of memory while loading: UTC */
	struct pt_tz_cache *next;
};

const pt_time_zone *pt_tz_cache_get(pt_tz_cache **cache, const char *name, pt_tz_load_fn load)
{
	pt_tz_cache *t;

	for (t = *cache; t; t = t->next) {
		if (strcmp(t->name, name) == 0) {
			return &t->z;
		}
	}
	if (!(t = calloc(1, sizeof(*t))) || !(t->name = strdup(name))) {
		free(t);
		return NULL;
	}
	load(name, t);
	if (t->broken) {
		t->z.n = 0;
	}
	t->z.at = t->at;
	t->z.offset = t->offset;
	t->next = *cache;
	*cache = t;
	return &t->z;
}

void pt_tz_cache_push(pt_tz_cache *t, int64_t at, int32_t offset)
{
	int64_t *a;
	int32_t *o;

	if (t->z.n == t->cap && !t->broken) {
		t->cap = t->cap ? 2 * t->cap : 64;
		a = realloc(t->at, t->cap * sizeof(*a));
		t->at = a ? a : t->at;
		o = a ? realloc(t->offset, t->cap * sizeof(*o)) : NULL;
		t->offset = o ? o : t->offset;
		t->broken = !a || !o;
	}
	if (!t->broken) {
		t->at[t->z.n] = at;
		t->offset[t->z.n++] = offset;
	}
}

void pt_tz_cache_free(pt_tz_cache *t)
{
	pt_tz_cache *next;

	for (; t; t = next) {
		next = t->next;
		free(t->name);
		free(t->at);
		free(t->offset);
		free(t);
	}
}

static size_t length_of(int len)
{
	return len < 0 ? 0 : len >= PT_COMMENT_TIME_BUFSIZE ? PT_COMMENT_TIME_BUFSIZE - 1 : (size_t)len;
}

size_t pt_comment_time_iso(int64_t us, char buf[PT_COMMENT_TIME_BUFSIZE])
{
	char text[PT_TIME_TEXT_MAX];
	size_t len = pt_time_format_iso(us, 3, text);

	memcpy(buf, text, len + 1);
	return len;
}

size_t pt_comment_time_text(int64_t us, const pt_time_zone *tz, bool english, char buf[PT_COMMENT_TIME_BUFSIZE])
{
	int64_t sec = us >= 0 ? us / 1000000 : -((-us + 999999) / 1000000);
	pt_civil l;

	pt_time_civil_from_seconds(sec + pt_time_zone_offset(tz, sec), &l);
	if (english) {
		return length_of(snprintf(buf, PT_COMMENT_TIME_BUFSIZE, "%s %u, %lld, %02u:%02u", pt_format_month(l.month, true),
			l.day, (long long)l.year, l.hour, l.minute));
	}
	return length_of(snprintf(buf, PT_COMMENT_TIME_BUFSIZE, "%u de %s de %lld, %02u:%02u", l.day,
		pt_format_month(l.month, false), (long long)l.year, l.hour, l.minute));
}
