/*
 * participa core: the one growable byte buffer.
 *
 * A buffer grows by doubling through the pt_allocator given at init (NULL:
 * libc), so one built for a request is bounded by memory_limit. Appends
 * never fail loudly: the first allocation failure sets `failed`, later
 * appends do nothing, and the caller checks `failed` once at the end (a
 * builder of SQL or JSON then reports PT_ERR_NOMEM). data stays
 * NUL-terminated after any append, so it can be handed to C string APIs.
 *
 * Not thread safe per buffer; no global state.
 */
#ifndef PT_BUF_H
#define PT_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include "core/common/pt_base.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pt_buf {
	char *data;                /* NUL-terminated when len > 0 or after any append; NULL before */
	size_t len, cap;           /* bytes used (without the NUL) and allocated */
	const pt_allocator *a;     /* NULL: libc */
	bool failed;               /* an allocation failed: contents incomplete */
} pt_buf;

/* An empty buffer allocating through a (NULL: libc). Allocates nothing yet. */
void pt_buf_init(pt_buf *b, const pt_allocator *a);
/* Frees the bytes; the buffer is empty again (failed is kept). */
void pt_buf_free(pt_buf *b);
/* Appends len bytes of s (s may be NULL when len is 0). Amortised O(len). */
void pt_buf_append(pt_buf *b, const char *s, size_t len);
/* Appends the NUL-terminated s. */
void pt_buf_puts(pt_buf *b, const char *s);
/* s (len bytes) as a JSON string: quotes, \" \\ and \u00XX for controls; other bytes as they are. */
void pt_buf_json_string(pt_buf *b, const char *s, size_t len);
/* A JSON string, or null for NULL. */
void pt_buf_json_opt(pt_buf *b, const char *s);

/*
 * Growable arrays: makes room for element `count` of the array whose
 * pointer is at items_ptr (a T ** passed as void *), with *cap elements of
 * size bytes allocated. When count < *cap nothing happens; otherwise the
 * array is reallocated through a (NULL: libc) to twice *cap (first_cap the
 * first time), overflow-checked. Returns PT_OK, or PT_ERR_NOMEM with the
 * array and *cap unchanged (the caller still owns and frees it).
 *
 *   if (pt_array_grow(NULL, &set->v, &set->cap, set->n, sizeof(*set->v), 16) != PT_OK) ...
 *   set->v[set->n++] = x;
 */
pt_status pt_array_grow(const pt_allocator *a, void *items_ptr, size_t *cap, size_t count, size_t size,
	size_t first_cap);

#ifdef __cplusplus
}
#endif

#endif /* PT_BUF_H */
