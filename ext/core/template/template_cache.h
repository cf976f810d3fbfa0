/*
 * participa core: a bounded cache of compiled templates, keyed by source.
 *
 * Entries live in libc memory, most recently used first; the cache holds at
 * most PT_TEMPLATE_CACHE_ENTRIES templates and PT_TEMPLATE_CACHE_BYTES bytes
 * (sources, ops, keys and entries counted) and evicts the least recently
 * used. A template is always compiled through the call's (request)
 * allocator, so memory_limit applies, and copied into the cache only if it
 * fits; one that does not (larger than PT_TEMPLATE_CACHE_ENTRY_MAX, or the
 * cache is full of this call's own templates) stays the call's and is freed
 * at pt_template_call_end(). The templates of the running call are pinned by
 * the call's number, so loading a partial never evicts the template being
 * rendered; an aborted call (a PHP bailout) leaves no pin behind, and what it
 * compiled is request memory the engine reclaims.
 *
 * Not thread safe: one cache per process (Debian's PHP is NTS).
 */
#ifndef PT_TEMPLATE_CACHE_H
#define PT_TEMPLATE_CACHE_H

#include <stddef.h>
#include <stdint.h>
#include "core/common/pt_base.h"
#include "core/common/pt_hash.h"
#include "core/template/template.h"
#include "core/common/pt_value.h"

#define PT_TEMPLATE_CACHE_ENTRIES 256
#define PT_TEMPLATE_CACHE_BYTES ((size_t)8 * 1024 * 1024)
#define PT_TEMPLATE_CACHE_ENTRY_MAX (PT_TEMPLATE_CACHE_BYTES / 4)

typedef struct pt_template_cache_entry pt_template_cache_entry;

/* Zero-initialised is an empty cache (a plain static will do). */
typedef struct pt_template_cache {
	pt_hash index;                     /* source -> entry (libc) */
	pt_template_cache_entry *head, *tail;   /* most recently used first */
	size_t entries, bytes;
	uint64_t call;                     /* calls so far; the current one pins what it uses */
	uint64_t hits, misses, evictions, uncached;
} pt_template_cache;

/* One render call: the templates it uses, and those it owns (compiled for it alone). */
typedef struct pt_template_call {
	pt_template_cache *cache;
	const pt_allocator *a;             /* the request allocator */
	pt_template **own;
	size_t count, cap;
} pt_template_call;

/* Starts a call on cache c, compiling through a (the request's allocator). */
void pt_template_call_begin(pt_template_call *call, pt_template_cache *c, const pt_allocator *a);

/*
 * The compiled HTML template (PT_TEMPLATE_HTML) for src, valid until
 * pt_template_call_end(). Errors: those of pt_template_compile(); *out NULL.
 * O(len) for a miss, O(len) hashing for a hit.
 */
pt_status pt_template_call_get(pt_template_call *call, const char *src, size_t len, const pt_template **out,
	pt_error *err);

/* Frees what the call owns. */
void pt_template_call_end(pt_template_call *call);

/* A buffer for pt_template_label(). */
#define PT_TEMPLATE_LABEL_SIZE 48

/* A partial's name fit for a message: its first 40 bytes, each non-printable-ASCII byte as '?'. Returns buf. */
const char *pt_template_label(const char *name, size_t len, char buf[PT_TEMPLATE_LABEL_SIZE]);

/* pt_template_call_get() of partial name (name_len bytes): its errors read "parcial \"LABEL\": ...". */
pt_status pt_template_call_partial(pt_template_call *call, const char *name, size_t name_len, const char *src,
	size_t len, const pt_template **out, pt_error *err);

/* Template::cacheInfo(): entries, bytes, max_entries, max_bytes, max_entry_bytes, hits, misses, evictions,
 * uncached (a new map; NULL on no memory). */
pt_value *pt_template_cache_info_value(const pt_template_cache *c, const pt_allocator *a);

/* Empties the cache (MSHUTDOWN). */
void pt_template_cache_free(pt_template_cache *c);

#endif /* PT_TEMPLATE_CACHE_H */
