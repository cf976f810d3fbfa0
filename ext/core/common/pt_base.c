/* participa core: error record and allocator (see pt_base.h). */
#include "core/common/pt_base.h"
#include "core/common/messages.h"
#include "core/common/pt_hash.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *libc_alloc(size_t size, void *ctx)
{
	(void)ctx;
	return malloc(size ? size : 1);
}

static void *libc_realloc(void *ptr, size_t size, void *ctx)
{
	(void)ctx;
	return realloc(ptr, size ? size : 1);
}

static void libc_free(void *ptr, void *ctx)
{
	(void)ctx;
	free(ptr);
}

const pt_allocator pt_libc_allocator = { libc_alloc, libc_realloc, libc_free, NULL };

void *pt_alloc(const pt_allocator *a, size_t size)
{
	if (!a) {
		a = &pt_libc_allocator;
	}
	return a->alloc(size, a->ctx);
}

void *pt_calloc(const pt_allocator *a, size_t count, size_t size)
{
	void *p;

	if (size && count > SIZE_MAX / size) {
		return NULL;
	}
	p = pt_alloc(a, count * size);
	if (p) {
		memset(p, 0, count * size);
	}
	return p;
}

void *pt_realloc(const pt_allocator *a, void *ptr, size_t size)
{
	if (!a) {
		a = &pt_libc_allocator;
	}
	return a->realloc(ptr, size, a->ctx);
}

void pt_free(const pt_allocator *a, void *ptr)
{
	if (!ptr) {
		return;
	}
	if (!a) {
		a = &pt_libc_allocator;
	}
	a->free(ptr, a->ctx);
}

char *pt_strndup(const pt_allocator *a, const char *s, size_t len)
{
	char *copy = pt_alloc(a, len + 1);

	if (copy) {
		memcpy(copy, s, len);
		copy[len] = '\0';
	}
	return copy;
}

void pt_error_clear(pt_error *err)
{
	if (!err) {
		return;
	}
	/* field by field: the two message buffers are 2 KB the binding would
	 * otherwise zero at every call; an empty string is all they need */
	err->code = PT_OK;
	err->message[0] = '\0';
	err->file[0] = '\0';
	err->line = 0;
	err->column = 0;
	err->db_errno = 0;
	err->sqlstate[0] = '\0';
	err->index = -1;
	err->catalog_sum = 0;
	err->message_en[0] = '\0';
}

/* Cut a truncated message back to the start of a UTF-8 sequence so the
 * exception message stays valid UTF-8 (PHP's json_encode would refuse it). */
static void trim_partial_utf8(char *s)
{
	size_t len = strlen(s);
	size_t i = len;
	size_t need;

	while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80) {
		i--;
	}
	if (i == 0) {
		return;
	}
	unsigned char lead = (unsigned char)s[i - 1];
	need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
	if (len - (i - 1) < need) {
		s[i - 1] = '\0';
	}
}

uint32_t pt_error_message_sum(const char *message)
{
	/* the one hash (pt_hash.h); the sum never leaves the process */
	uint32_t h = (uint32_t)pt_hash_bytes(message, strlen(message));

	return h ? h : 1;
}

bool pt_error_catalogued(const pt_error *err)
{
	return err && err->catalog_sum && err->message_en[0]
		&& err->catalog_sum == pt_error_message_sum(err->message);
}

pt_status pt_error_vset(pt_error *err, pt_status code, const char *fmt, va_list ap)
{
	const char *en;
	va_list ap_en;

	if (!err) {
		return code;
	}
	err->code = code;
	err->catalog_sum = 0;
	err->message_en[0] = '\0';
	en = pt_msg_english(fmt);
	if (en) {
		va_copy(ap_en, ap);
	}
	if (vsnprintf(err->message, sizeof(err->message), fmt, ap) >= (int)sizeof(err->message)) {
		trim_partial_utf8(err->message);
	}
	if (en) {
		if (pt_msg_vformat_english(err->message_en, sizeof(err->message_en), en, ap_en)
				&& err->message_en[0]) {
			err->catalog_sum = pt_error_message_sum(err->message);
		}
		va_end(ap_en);
	}
	return code;
}

pt_status pt_error_set(pt_error *err, pt_status code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pt_error_vset(err, code, fmt, ap);
	va_end(ap);
	return code;
}

pt_status pt_error_set_at(pt_error *err, pt_status code, const char *file,
	unsigned line, unsigned column, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pt_error_vset(err, code, fmt, ap);
	va_end(ap);
	if (err) {
		snprintf(err->file, sizeof(err->file), "%s", file ? file : "");
		err->line = line;
		err->column = column;
	}
	return code;
}

int pt_name_index(const char *const *names, unsigned count, const char *name, size_t len)
{
	unsigned i;

	for (i = 0; i < count; i++) {
		if (strlen(names[i]) == len && memcmp(names[i], name, len) == 0) {
			return (int)i;
		}
	}
	return -1;
}
