/*
 * participa io: reading a thread: the rows of a page, kept while the page is
 * built, and a comment's history as a viewer may see it.
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
#include "core/thread/comment_time.h"
#include "core/common/pt_value.h"

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

/* What a page asks for. */
typedef struct pt_thread_page_req {
	int64_t scope;               /* 0: the thread's roots (page()); a comment id: its replies (replies()) */
	pt_sort sort;                /* of the roots (replies: always oldest) */
	const pt_cursor *after;      /* or NULL: from the start */
	uint32_t limit, depth, replies;
	/* replies(): the node's place */
	int64_t root_id;
	uint32_t node_depth;
	uint32_t max_depth;          /* threads.max_depth */
} pt_thread_page_req;

/* Reads a page's rows into r (init'ed): the top level (one extra row tells whether there is
 * a next page), then their replies to the page depth, a few per node. Two queries at most. */
pt_status pt_thread_page_rows(pt_db *db, int64_t thread_id, const pt_thread_page_req *q, const pt_thread_store_view *view,
	pt_thread_rows *r, pt_error *err);

/* A page's cursors: the site's key, the thread's seal over it, the request's position. */
typedef struct pt_thread_page_cursor {
	uint8_t key[PT_CURSOR_KEY_BYTES];
	uint8_t bind[9];
	pt_cursor_seal seal;
	pt_cursor after;
} pt_thread_page_cursor;

/* The seal of thread_id's cursors in pc (the site's key: `stored` when have, else read or made,
 * pt_thread_store_cursor_key()), then the request's cursor text (NULL: none) read under it into
 * q's sort and position: it must be of this list (q->scope) and, when sort_given, of q->sort. */
pt_status pt_thread_page_seal(pt_db *db, int64_t thread_id, bool have, const uint8_t *stored, const char *cursor,
	size_t len, bool sort_given, pt_thread_page_cursor *pc, pt_thread_page_req *q, pt_error *err);

/* replies(): the page below node (read with pt_thread_store_node_get(): *found) for view, in
 * q (oldest first, from the node's place); a node not in thread_id, or one the viewer could
 * not see on page(), is the one "not found" refusal. */
pt_status pt_thread_page_below(const pt_thread_store_node *node, bool found, int64_t thread_id,
	const pt_thread_store_view *view, pt_thread_page_req *q, pt_error *err);

/*
 * page(['at' => id]), after pt_thread_page_seal(): q becomes the page that starts at comment
 * at as view sees it. A root starts the roots from it, in q's sort; a reply starts its
 * parent's replies from it (oldest first: replies() of the parent, q->scope). pos is the
 * position q->after then points to. A comment not in thread_id, or one the viewer could
 * not see on page(), leaves q as it was (a link to a comment moderation removed since still
 * shows the thread). A non-positive id is the comment id refusal. One round trip.
 */
pt_status pt_thread_page_at(pt_db *db, int64_t thread_id, int64_t at, const pt_thread_store_view *view,
	pt_thread_page_req *q, pt_cursor *pos, pt_error *err);

/* One node of a page as the binding shows it, in pre-order; children are node indexes (-1: none). */
typedef struct pt_thread_page_node {
	const pt_thread_store_comment *c;
	bool full;                              /* the full view (pt_thread_full_view()) */
	int32_t first_child, next_sibling;
	void *replies;                          /* the binding's own: this node's list of replies */
	const char *more;                       /* a cursor to the replies not shown, or NULL */
	int64_t more_count;
	const char *iso, *text;                 /* its creation time for people (core/thread/comment_time.h) */
	size_t iso_len, text_len;
	char more_buf[PT_CURSOR_BUFSIZE], iso_buf[PT_COMMENT_TIME_BUFSIZE], text_buf[PT_COMMENT_TIME_BUFSIZE];
} pt_thread_page_node;

/* A page read: its rows, its tree, its nodes and the next page's cursor (next: NULL when none). */
typedef struct pt_thread_page {
	pt_thread_rows rows;
	pt_comment_page tree;
	pt_thread_page_node *nodes;
	int32_t first_top;
	const char *next;
	char next_buf[PT_CURSOR_BUFSIZE];
} pt_thread_page;

/*
 * Reads page q of the thread as view sees it (round trips 2 and 3), builds its tree and each
 * node: view, cursors sealed with seal, times in zone tz (NULL: UTC), English or Spanish. All in
 * a's memory; free with pt_thread_page_free() (also after a failure).
 */
pt_status pt_thread_page_read(pt_db *db, int64_t thread_id, const pt_thread_page_req *q, const pt_thread_store_view *view,
	const pt_cursor_seal *seal, const pt_time_zone *tz, bool english, const pt_allocator *a, pt_thread_page *out,
	pt_error *err);
void pt_thread_page_free(pt_thread_page *p);

/* One version of a comment as a viewer sees it (body NULL: withheld). Strings valid during the call. */
typedef struct pt_thread_version {
	bool current;                /* the comment itself (first call), else an earlier version, oldest first */
	uint32_t version;
	const char *body; size_t body_len;
	const char *status;
	const char *at; size_t at_len;   /* created (or, for the current text, edited) */
	const char *replaced_at;     /* NULL for the current text */
} pt_thread_version;
typedef pt_status (*pt_thread_version_fn)(void *ctx, const pt_thread_version *v, pt_error *err);

/*
 * history(): the comment (current = true), then each earlier version the
 * viewer may see (page()'s visibility: others' held comments do not exist;
 * hidden and deleted ones are their place only; earlier versions that were
 * not published only for the full view). PT_ERR_NOT_FOUND when the comment
 * is not in thread_id or not visible to the viewer.
 */
pt_status pt_thread_history(pt_db *db, int64_t comment_id, int64_t thread_id, const char *viewer, bool moderator,
	pt_thread_version_fn fn, void *ctx, pt_error *err);

/*
 * Thread::history(): pt_thread_history() on thread r->thread_id as viewer (NULL: anonymous),
 * whose facts are read first to tell whether they moderate there (r: the site's rules, the
 * thread's territory for the viewer), as a list of {version, body, status, created_at,
 * replaced_at}: the earlier versions oldest first, the current text last. *out is the caller's.
 */
pt_status pt_thread_history_value(pt_db *db, const pt_thread_rules *r, int64_t comment_id, const char *viewer,
	const pt_allocator *a, pt_value **out, pt_error *err);

#endif
