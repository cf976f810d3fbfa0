/*
 * participa io: the rows of a thread page, kept while the page is built.
 *
 * A row arrives inside the driver's buffer, which the next row reuses, and a
 * page fetches more rows than it shows (a reply among the first few of its
 * siblings may sit under a sibling that is not shown; the roots' query reads
 * one extra). So each row is copied here, its strings into blocks that never
 * move, through the caller's pt_allocator (the binding's request allocator:
 * an exception mid-request cannot leak in a long-lived worker).
 */
#ifndef PT_THREAD_ROWS_H
#define PT_THREAD_ROWS_H

#include "core/common/pt_base.h"
#include "core/common/pt_hash.h"
#include "io/thread/thread_store.h"

typedef struct pt_thread_text_block pt_thread_text_block;

typedef struct pt_thread_rows {
	const pt_allocator *alloc;
	pt_comment_row *rows;               /* what the tree builder reads (author NULL) */
	pt_thread_store_comment *comments;  /* the same rows whole, their strings in blocks */
	size_t count, cap;
	pt_thread_text_block *blocks;
	bool filter;                        /* replies(): keep only rows under kept ids */
	pt_hash keep;                       /* ids kept so far (keys in blocks) */
} pt_thread_rows;

void pt_thread_rows_init(pt_thread_rows *r, const pt_allocator *a);
/* Turns the ancestry filter on, keeping the rows' first n ids (later rows must hang below them). */
pt_status pt_thread_rows_filter(pt_thread_rows *r, size_t n, pt_error *err);
/* A pt_thread_store_comment_fn (ctx: the pt_thread_rows): copies the row. */
pt_status pt_thread_rows_add(void *ctx, const pt_thread_store_comment *c, pt_error *err);
void pt_thread_rows_free(pt_thread_rows *r);

#endif
