/*
 * participa io: the rows of a thread page. See thread_rows.h.
 */
#include "io/thread/thread_rows.h"

#include <string.h>

struct pt_thread_text_block {
	pt_thread_text_block *next;
	size_t used, cap;
	char data[];
};

#define TEXT_BLOCK_SIZE 16384

void pt_thread_rows_init(pt_thread_rows *r, const pt_allocator *a)
{
	memset(r, 0, sizeof(*r));
	r->alloc = a;
	pt_hash_init(&r->keep, a);
}

/* A stable copy of s[0..len) (NUL-terminated), or NULL out of memory. */
static char *keep_bytes(pt_thread_rows *r, const void *s, size_t len)
{
	pt_thread_text_block *b = r->blocks;
	char *out;

	if (!b || b->cap - b->used < len + 1) {
		size_t cap = len + 1 > TEXT_BLOCK_SIZE ? len + 1 : TEXT_BLOCK_SIZE;

		if (!(b = pt_alloc(r->alloc, sizeof(*b) + cap))) {
			return NULL;
		}
		b->cap = cap;
		b->used = 0;
		b->next = r->blocks;
		r->blocks = b;
	}
	out = b->data + b->used;
	memcpy(out, s, len);
	out[len] = '\0';
	b->used += len + 1;
	return out;
}

static bool keep_text(pt_thread_rows *r, const char **s, size_t len)
{
	return !*s || (*s = keep_bytes(r, *s, len)) != NULL;
}

static pt_status keep_id(pt_thread_rows *r, int64_t id, pt_error *err)
{
	const char *key = keep_bytes(r, &id, sizeof(id));

	if (!key || pt_hash_add(&r->keep, key, sizeof(id), NULL) == PT_ERR_NOMEM) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	return PT_OK;
}

pt_status pt_thread_rows_filter(pt_thread_rows *r, size_t n, pt_error *err)
{
	size_t i;

	r->filter = true;
	for (i = 0; i < n && i < r->count; i++) {
		if (keep_id(r, r->rows[i].id, err) != PT_OK) {
			return err->code;
		}
	}
	return PT_OK;
}

static pt_status grow(pt_thread_rows *r, pt_error *err)
{
	size_t cap = r->cap ? r->cap * 2 : 64;
	pt_comment_row *rows = pt_realloc(r->alloc, r->rows, cap * sizeof(*rows));
	pt_thread_store_comment *comments;

	if (!rows) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	r->rows = rows;
	if (!(comments = pt_realloc(r->alloc, r->comments, cap * sizeof(*comments)))) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	r->comments = comments;
	r->cap = cap;
	return PT_OK;
}

pt_status pt_thread_rows_add(void *ctx, const pt_thread_store_comment *c, pt_error *err)
{
	pt_thread_rows *r = ctx;
	pt_thread_store_comment *k;

	if (r->filter) {
		int64_t parent = c->row.parent_id;

		if (!pt_hash_find(&r->keep, &parent, sizeof(parent), NULL)) {
			return PT_OK;     /* in the same root's subtree but not under this node */
		}
		if (keep_id(r, c->row.id, err) != PT_OK) {
			return err->code;
		}
	}
	if (r->count == r->cap && grow(r, err) != PT_OK) {
		return err->code;
	}
	k = &r->comments[r->count];
	*k = *c;
	if (!keep_text(r, &k->row.author, c->row.author_len) || !keep_text(r, &k->body, c->body_len)
			|| !keep_text(r, &k->rule, c->rule_len) || !keep_text(r, &k->rule_message, c->rule_message_len)
			|| !keep_text(r, &k->redactions, c->redactions_len) || !keep_text(r, &k->official_by, c->official_by_len)
			|| !keep_text(r, &k->created_at, c->created_at_len) || !keep_text(r, &k->edited_at, c->edited_at_len)
			|| !keep_text(r, &k->subject_type, c->subject_type_len) || !keep_text(r, &k->subject_id, c->subject_id_len)) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	r->rows[r->count] = c->row;
	r->rows[r->count].author = NULL;
	r->rows[r->count].author_len = 0;
	r->count++;
	return PT_OK;
}

void pt_thread_rows_free(pt_thread_rows *r)
{
	pt_thread_text_block *b, *next;

	for (b = r->blocks; b; b = next) {
		next = b->next;
		pt_free(r->alloc, b);
	}
	pt_free(r->alloc, r->rows);
	pt_free(r->alloc, r->comments);
	pt_hash_free(&r->keep);
	memset(r, 0, sizeof(*r));
}
