/*
 * participa core: one page of a threaded discussion, built from flat rows.
 *
 * The store fetches a page as flat rows (roots of the page plus their replies
 * down to the page depth); pt_comment_tree_build() links them into the
 * nested structure without recursion on depth, orders every level, keeps at
 * most `page_replies` replies per node and gives each node whose replies do
 * not all fit a "more replies" cursor.
 *
 * Sorting and keyset pagination
 * -----------------------------
 * Each sort orders by a key tuple; the store keeps the score columns in SQL
 * (computed with the pt_score_*() functions below from the same row's
 * counts, in the same transaction that changes them) so it can page over an
 * index with a row comparison:
 *
 *   sort            order                                   keyset "after c"
 *   oldest          created ASC,  id ASC                    (created, id) > (c.created, c.id)
 *   newest          created DESC, id DESC                   (created, id) < (c.created, c.id)
 *   top             wilson DESC, created DESC, id DESC      (wilson, created, id) < (c.key, c.created, c.id)
 *   discussed       replies DESC, created DESC, id DESC     (replies, created, id) < (...)
 *   controversial   controversy DESC, created DESC, id DESC (controversy, created, id) < (...)
 *
 * A cursor carries exactly that position: the sort key value (0 for
 * oldest/newest), the created time in microseconds and the id; plus the sort
 * it belongs to and its scope (the parent comment id, 0 for the roots), and
 * a MAC under the site's key over all that and the list it pages (the
 * thread), so a cursor cannot be edited or replayed against another thread,
 * sort or node. Because it is a position and not an offset, it is stable
 * under concurrent inserts.
 *
 * Pure functions; no global state; thread safe.
 */
#ifndef PT_COMMENT_TREE_H
#define PT_COMMENT_TREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/common/pt_base.h"

typedef enum pt_sort {
	PT_SORT_OLDEST = 0,
	PT_SORT_NEWEST,
	PT_SORT_TOP,
	PT_SORT_DISCUSSED,
	PT_SORT_CONTROVERSIAL
} pt_sort;
#define PT_SORT_COUNT 5

/* pt_sort_name(), pt_sort_from_name(): "oldest", "newest", "top", "discussed",
 * "controversial" (see PT_NAMES_DECLARE in pt_base.h). */
PT_NAMES_DECLARE(pt_sort, pt_sort);

/* ---- scores --------------------------------------------------------------- */

#define PT_WILSON_Z 1.959964   /* two-sided 95% */

/*
 * Lower bound of the Wilson score interval at 95% for up positive out of
 * up + down: (p + z²/2n - z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n). 0 when
 * there are no votes. In [0, 1). Exact to a few ulps in double. O(1).
 */
double pt_score_wilson(uint32_t up, uint32_t down);

/*
 * Controversy, as reddit defines it: 0 unless both up and down are positive;
 * otherwise (up + down) ^ (min(up, down) / max(up, down)). Many votes split
 * evenly score highest: 50/50 -> 100, 50/5 -> 1.49, 1/1 -> 2. O(1).
 */
double pt_score_controversial(uint32_t up, uint32_t down);

/* ---- rows and the page tree ------------------------------------------------- */

/*
 * One comment row as the store fetched it. The builder reads id, parent_id,
 * created_us, up, down and replies; the other fields are carried for the
 * binding's convenience and never interpreted.
 */
typedef struct pt_comment_row {
	int64_t id;             /* > 0, unique within the rows */
	int64_t parent_id;      /* 0 for a root */
	int64_t root_id;        /* id of the thread root (the row's own id for a root) */
	uint32_t depth;         /* 0 for a root */
	int64_t created_us;     /* creation time, microseconds since the Unix epoch, UTC */
	uint32_t up, down;      /* votes */
	uint32_t replies;       /* number of direct replies visible to the viewer (stored count) */
	uint8_t status;         /* the store's status code (opaque here) */
	bool deleted;           /* "comentario eliminado": kept in the tree */
	const char *author;     /* participant id (not copied; may be NULL) */
	size_t author_len;
} pt_comment_row;

/* Sort key of a row for a sort: 0 for oldest/newest, else the score. */
double pt_comment_sort_key(const pt_comment_row *row, pt_sort sort);

/*
 * Total order of two rows under a sort (the table above): negative when a
 * comes first. Ties impossible for distinct ids. O(1).
 */
int pt_comment_compare(const pt_comment_row *a, const pt_comment_row *b, pt_sort sort);

/* A keyset position (see above). */
typedef struct pt_cursor {
	pt_sort sort;           /* sort the position belongs to */
	int64_t scope;          /* parent comment id; 0 = the roots of the thread */
	double key;             /* sort key value (0 for oldest/newest); finite */
	int64_t created_us;     /* >= 0 */
	int64_t id;             /* > 0; 0 means "from the start of the scope" (key and created 0) */
} pt_cursor;

/* Length of an encoded cursor, without the NUL. */
#define PT_CURSOR_LEN 64
#define PT_CURSOR_BUFSIZE (PT_CURSOR_LEN + 1)
/* The site's secret cursor key, in bytes. */
#define PT_CURSOR_KEY_BYTES 32
/* Longest binding, in bytes. */
#define PT_CURSOR_BIND_MAX 512

/*
 * What seals a cursor: the site's secret key and the list the cursor pages
 * (bytes the caller chooses, e.g. the thread's id, or a moderation queue's
 * filters). Both go into the cursor's MAC; the binding is not carried, so a
 * cursor presented to another list fails like a tampered one.
 */
typedef struct pt_cursor_seal {
	const uint8_t *key;     /* PT_CURSOR_KEY_BYTES bytes */
	const void *bind;       /* NULL when bind_len is 0 */
	size_t bind_len;        /* at most PT_CURSOR_BIND_MAX */
} pt_cursor_seal;

/*
 * Encodes c as an opaque string of exactly PT_CURSOR_LEN characters from the
 * base64url alphabet (no padding) into buf (at least PT_CURSOR_BUFSIZE
 * bytes, NUL-terminated). Layout before encoding (48 bytes): version (1),
 * sort (1), key as IEEE-754 bits big-endian (8), created_us (8), id (8),
 * scope (8), and 14 bytes of HMAC-SHA256 under seal->key over those 34 bytes
 * and seal->bind. The MAC makes a cursor unforgeable and tied to its list:
 * an edited cursor, or one taken from another thread, node, sort or filter,
 * is refused instead of paging from a place the caller chose. Returns
 * PT_ERR_INVALID for a cursor that would not decode (non-finite key,
 * negative fields), PT_ERR_INTERNAL for a seal without a key or with a
 * binding over PT_CURSOR_BIND_MAX. O(1).
 */
pt_status pt_cursor_encode(const pt_cursor *c, const pt_cursor_seal *seal, char buf[PT_CURSOR_BUFSIZE],
	pt_error *err);

/*
 * Decodes s[0..len) and checks its MAC against seal. Any malformed input
 * (wrong length, a character outside base64url, unknown version or sort,
 * NaN/infinite key, negative created or id or scope, id 0 with non-zero
 * key/created) or a MAC that does not match (another key, another binding,
 * any edited bit) returns PT_ERR_INVALID with a Spanish message a citizen
 * may see; never reads past len; compares the MAC in constant time.
 * O(len).
 */
pt_status pt_cursor_decode(const char *s, size_t len, const pt_cursor_seal *seal, pt_cursor *out,
	pt_error *err);

/* Options of one page. */
typedef struct pt_tree_options {
	pt_sort root_sort;      /* order of the top level */
	pt_sort reply_sort;     /* order of replies under each node */
	uint32_t root_limit;    /* top-level nodes kept (0 = all); extra rows mean "more roots" */
	uint32_t page_replies;  /* replies kept per node (0 = all); the rest go behind a cursor */
	int64_t scope;          /* parent id of the top level (0 = thread roots; a node's id when
	                           loading "more replies"): in cursors, and which rows are the
	                           top level */
} pt_tree_options;

/* One node of the page, in pre-order (the order to render, top to bottom). */
typedef struct pt_tree_node {
	size_t row;             /* index into the input rows */
	int32_t parent;         /* node index of the parent, -1 at the top level */
	int32_t first_child;    /* node index, -1 if none shown */
	int32_t next_sibling;   /* node index, -1 if last */
	uint32_t level;         /* 0 at the top level of this page */
	uint32_t shown;         /* replies shown under this node */
	uint32_t more;          /* replies not shown: row.replies - shown (0 if none) */
	pt_cursor more_cursor;  /* when more > 0: scope = this row's id, positioned after the
	                           last shown reply (or at the start when none is shown) */
} pt_tree_node;

/* A built page. */
typedef struct pt_comment_page {
	pt_tree_node *nodes;    /* pre-order; allocated with the builder's allocator */
	size_t count;
	int32_t first_top;      /* node index of the first top-level node, -1 if empty */
	size_t top_count;       /* top-level nodes shown */
	bool has_more;          /* more top-level rows than root_limit were given */
	pt_cursor next;         /* when has_more: position after the last top-level node */
	size_t dropped;         /* rows left out (beyond a limit, or under a left-out node) */
} pt_comment_page;

/*
 * Builds the page tree from rows[0..count). A row whose parent_id is
 * opts->scope is a top-level node (the roots of a thread page, or the
 * replies of one node when loading "more replies"); a row whose parent is
 * neither the scope nor among the rows is dropped with everything under it
 * (the store may fetch replies of nodes the page does not show). Children
 * are ordered by opts->reply_sort, the top level by opts->root_sort; only the first
 * root_limit top-level nodes and page_replies replies per node are kept (a
 * node's more count uses its row's `replies`, so the store may fetch at most
 * page_replies + 1 replies per node). Rows need not be in order.
 *
 * Result nodes (out->nodes) are allocated with a (NULL = libc); free with
 * pt_comment_page_free(). Errors: PT_ERR_INVALID (an id <= 0, duplicate
 * ids, a row that is its own parent or rows whose parents form a cycle:
 * err->index is the offending row), PT_ERR_NOMEM; on error *out owns
 * nothing. Complexity: O(n) time and memory when the rows arrive in page
 * order (which the store's ORDER BY gives), O(n log n) otherwise; no
 * recursion.
 */
pt_status pt_comment_tree_build(const pt_comment_row *rows, size_t count,
	const pt_tree_options *opts, const pt_allocator *a, pt_comment_page *out, pt_error *err);

/* Frees out->nodes and zeroes *page. NULL is fine. */
void pt_comment_page_free(pt_comment_page *page, const pt_allocator *a);

#endif
