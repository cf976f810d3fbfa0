/* participa core: the one growable byte buffer (see pt_buf.h). */
#include "core/common/pt_buf.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

void pt_buf_init(pt_buf *b, const pt_allocator *a)
{
	memset(b, 0, sizeof(*b));
	b->a = a;
}

void pt_buf_free(pt_buf *b)
{
	pt_free(b->a, b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void pt_buf_append(pt_buf *b, const char *s, size_t len)
{
	if (b->failed) {
		return;
	}
	if (len > SIZE_MAX - b->len - 1) {
		b->failed = true;   /* the size itself would wrap */
		return;
	}
	if (b->len + len + 1 > b->cap) {
		size_t need = b->len + len + 1, cap = b->cap ? b->cap : 64;
		char *d;

		while (cap < need) {
			cap = cap > SIZE_MAX / 2 ? need : cap * 2;
		}
		d = pt_realloc(b->a, b->data, cap);
		if (!d) {
			b->failed = true;
			return;
		}
		b->data = d;
		b->cap = cap;
	}
	if (len) {
		memcpy(b->data + b->len, s, len);
	}
	b->len += len;
	b->data[b->len] = '\0';
}

void pt_buf_puts(pt_buf *b, const char *s)
{
	pt_buf_append(b, s, strlen(s));
}

void pt_buf_json_string(pt_buf *b, const char *s, size_t len)
{
	size_t i, start = 0;

	pt_buf_append(b, "\"", 1);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\' || c < 0x20 || c == 0x7F) {
			char esc[8];

			pt_buf_append(b, s + start, i - start);
			if (c == '"' || c == '\\') {
				esc[0] = '\\';
				esc[1] = (char)c;
				esc[2] = '\0';
			} else {
				snprintf(esc, sizeof(esc), "\\u%04x", c);
			}
			pt_buf_puts(b, esc);
			start = i + 1;
		}
	}
	pt_buf_append(b, s + start, len - start);
	pt_buf_append(b, "\"", 1);
}

void pt_buf_json_opt(pt_buf *b, const char *s)
{
	if (s) {
		pt_buf_json_string(b, s, strlen(s));
	} else {
		pt_buf_puts(b, "null");
	}
}

pt_status pt_array_grow(const pt_allocator *a, void *items_ptr, size_t *cap, size_t count, size_t size,
	size_t first_cap)
{
	void *items, *grown;
	size_t n;

	if (count < *cap) {
		return PT_OK;
	}
	n = *cap ? *cap : (first_cap ? first_cap : 16);
	if (*cap) {
		if (n > SIZE_MAX / 2) {
			return PT_ERR_NOMEM;
		}
		n *= 2;
	}
	if (n <= count) {
		n = count + 1;
	}
	if (!size || n > SIZE_MAX / size) {
		return PT_ERR_NOMEM;
	}
	memcpy(&items, items_ptr, sizeof(items));   /* a T * of any T: no aliasing through void ** */
	grown = pt_realloc(a, items, n * size);
	if (!grown) {
		return PT_ERR_NOMEM;
	}
	memcpy(items_ptr, &grown, sizeof(grown));
	*cap = n;
	return PT_OK;
}
