/*
 * participa core: the compiled-template cache (template_cache.h).
 */
#include "core/template/template_cache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pt_template_cache_entry {
	pt_template *t;                    /* libc memory */
	char *key;                         /* libc copy of the source */
	size_t len;
	size_t bytes;                      /* everything this entry holds */
	uint64_t used;                     /* number of the call that last used it */
	pt_template_cache_entry *prev, *next;
};

static void lru_unlink(pt_template_cache *c, pt_template_cache_entry *e)
{
	if (e->prev) e->prev->next = e->next; else c->head = e->next;
	if (e->next) e->next->prev = e->prev; else c->tail = e->prev;
	e->prev = e->next = NULL;
}

static void lru_front(pt_template_cache *c, pt_template_cache_entry *e)
{
	e->prev = NULL;
	e->next = c->head;
	if (c->head) c->head->prev = e;
	c->head = e;
	if (!c->tail) c->tail = e;
}

/* The map has no removal: rebuilt from the list (at most PT_TEMPLATE_CACHE_ENTRIES) after an eviction. */
static void reindex(pt_template_cache *c)
{
	pt_template_cache_entry *e;

	pt_hash_free(&c->index);
	pt_hash_init(&c->index, NULL);
	for (e = c->head; e; e = e->next) {
		(void)pt_hash_add(&c->index, e->key, e->len, e);   /* an entry left out is found no more, evicted later */
	}
}

static void entry_free(pt_template_cache *c, pt_template_cache_entry *e)
{
	lru_unlink(c, e);
	c->entries--;
	c->bytes -= e->bytes;
	pt_template_free(e->t);
	free(e->key);
	free(e);
}

/* Evicts least recently used entries not used by this call until bytes more fit. 0 when they cannot. */
static int make_room(pt_template_cache *c, size_t bytes)
{
	int evicted = 0, ok = 1;

	while (c->entries >= PT_TEMPLATE_CACHE_ENTRIES || c->bytes + bytes > PT_TEMPLATE_CACHE_BYTES) {
		pt_template_cache_entry *e = c->tail;

		while (e && e->used == c->call) e = e->prev;
		if (!e) {
			ok = 0;
			break;
		}
		entry_free(c, e);
		c->evictions++;
		evicted = 1;
	}
	if (evicted) {
		reindex(c);
	}
	return ok;
}

static void own(pt_template_call *call, pt_template *t)
{
	if (call->count == call->cap) {
		size_t cap = call->cap ? call->cap * 2 : 4;

		/* the request allocator does not return NULL (it bails out) */
		call->own = pt_realloc(call->a, call->own, cap * sizeof(*call->own));
		call->cap = cap;
	}
	call->own[call->count++] = t;
}

void pt_template_call_begin(pt_template_call *call, pt_template_cache *c, const pt_allocator *a)
{
	memset(call, 0, sizeof(*call));
	call->cache = c;
	call->a = a;
	c->call++;
}

/* Moves t into the cache; NULL (t still the caller's) when it does not fit. */
static pt_template_cache_entry *keep(pt_template_cache *c, const char *src, size_t len, pt_template *t, pt_error *err)
{
	/* the template, the key, the entry and its share of the index */
	size_t bytes = pt_template_bytes(t) + len + 1 + sizeof(pt_template_cache_entry) + 2 * sizeof(pt_hash_slot);
	pt_template_cache_entry *e;
	pt_template *p = NULL;

	if (bytes > PT_TEMPLATE_CACHE_ENTRY_MAX || !make_room(c, bytes)) {
		return NULL;
	}
	if (!(e = calloc(1, sizeof(*e))) || !(e->key = malloc(len + 1))) {
		free(e);
		return NULL;
	}
	memcpy(e->key, src, len);
	e->key[len] = '\0';
	/* the map hashes the key as it adds it: the copy is complete first */
	if (pt_template_copy(t, NULL, &p, err) != PT_OK || pt_hash_add(&c->index, e->key, len, e) != PT_OK) {
		pt_template_free(p);
		free(e->key);
		free(e);
		return NULL;
	}
	e->len = len;
	e->t = p;
	e->bytes = bytes;
	e->used = c->call;
	lru_front(c, e);
	c->entries++;
	c->bytes += bytes;
	pt_template_free(t);
	return e;
}

pt_status pt_template_call_get(pt_template_call *call, const char *src, size_t len, const pt_template **out,
	pt_error *err)
{
	pt_template_cache *c = call->cache;
	pt_template_cache_entry *e;
	pt_template *t;
	void *v;

	*out = NULL;
	if (pt_hash_find(&c->index, src, len, &v)) {
		e = v;
		c->hits++;
		e->used = c->call;
		lru_unlink(c, e);
		lru_front(c, e);
		*out = e->t;
		return PT_OK;
	}
	c->misses++;
	if (pt_template_compile(src, len, PT_TEMPLATE_HTML, call->a, &t, err) != PT_OK) {
		return err->code;
	}
	if ((e = keep(c, src, len, t, err)) != NULL) {
		*out = e->t;
		return PT_OK;
	}
	c->uncached++;
	own(call, t);
	*out = t;
	return PT_OK;
}

void pt_template_call_end(pt_template_call *call)
{
	size_t i;

	for (i = 0; i < call->count; i++) {
		pt_template_free(call->own[i]);
	}
	pt_free(call->a, call->own);
	call->own = NULL;
	call->count = call->cap = 0;
}

void pt_template_cache_free(pt_template_cache *c)
{
	while (c->head) {
		entry_free(c, c->head);
	}
	pt_hash_free(&c->index);
	memset(c, 0, sizeof(*c));
}

const char *pt_template_label(const char *name, size_t len, char buf[PT_TEMPLATE_LABEL_SIZE])
{
	size_t n = len > 40 ? 40 : len, j;

	for (j = 0; j < n; j++) {
		unsigned char c = (unsigned char)name[j];

		buf[j] = c >= 0x20 && c < 0x7f ? (char)c : '?';
	}
	buf[n] = '\0';
	return buf;
}

pt_status pt_template_call_partial(pt_template_call *call, const char *name, size_t name_len, const char *src,
	size_t len, const pt_template **out, pt_error *err)
{
	char label[PT_TEMPLATE_LABEL_SIZE], msg[PT_ERROR_MESSAGE_MAX];
	pt_status s = pt_template_call_get(call, src, len, out, err);

	if (s != PT_OK) {
		snprintf(msg, sizeof(msg), "%s", err->message);
		pt_error_set_at(err, err->code, "", err->line, err->column, "parcial \"%s\": %s",
			pt_template_label(name, name_len, label), msg);
	}
	return s;
}

pt_value *pt_template_cache_info_value(const pt_template_cache *c, const pt_allocator *a)
{
	const struct { const char *key; uint64_t v; } rows[] = {
		{ "entries", c->entries }, { "bytes", c->bytes }, { "max_entries", PT_TEMPLATE_CACHE_ENTRIES },
		{ "max_bytes", PT_TEMPLATE_CACHE_BYTES }, { "max_entry_bytes", PT_TEMPLATE_CACHE_ENTRY_MAX },
		{ "hits", c->hits }, { "misses", c->misses }, { "evictions", c->evictions }, { "uncached", c->uncached },
	};
	pt_value *m = pt_value_map(a);
	size_t i;

	for (i = 0; m && i < sizeof(rows) / sizeof(rows[0]); i++) {
		if (pt_value_setc(m, rows[i].key, pt_value_int(a, (int64_t)rows[i].v)) != PT_OK) {
			pt_value_free(m);
			m = NULL;
		}
	}
	return m;
}
