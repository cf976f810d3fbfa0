/*
 * participa core: a comment's creation time for people. See comment_time.h.
 */
#include "core/thread/comment_time.h"
#include "core/common/pt_time.h"

#include <stdio.h>
#include <string.h>

int32_t pt_tz_offset_at(const pt_tz_offsets *t, int64_t sec)
{
	pt_time_zone z = { t->n, t->at, t->offset };

	return pt_time_zone_offset(&z, sec);
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

static const char *const months_es[12] = { "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
	"agosto", "septiembre", "octubre", "noviembre", "diciembre" };
static const char *const months_en[12] = { "January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December" };

size_t pt_comment_time_text(int64_t us, const pt_tz_offsets *tz, bool english, char buf[PT_COMMENT_TIME_BUFSIZE])
{
	int64_t sec = us >= 0 ? us / 1000000 : -((-us + 999999) / 1000000);
	pt_civil l;

	pt_time_civil_from_seconds(sec + pt_tz_offset_at(tz, sec), &l);
	if (english) {
		return length_of(snprintf(buf, PT_COMMENT_TIME_BUFSIZE, "%s %u, %lld, %02u:%02u", months_en[l.month - 1],
			l.day, (long long)l.year, l.hour, l.minute));
	}
	return length_of(snprintf(buf, PT_COMMENT_TIME_BUFSIZE, "%u de %s de %lld, %02u:%02u", l.day,
		months_es[l.month - 1], (long long)l.year, l.hour, l.minute));
}
