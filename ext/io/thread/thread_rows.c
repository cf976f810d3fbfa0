/*
 * participa io: the rows of a thread page. See thread_rows.h.
 */
#include "io/thread/thread_rows.h"
#include "core/site/site_view.h"

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

pt_status pt_thread_page_rows(pt_db *db, int64_t thread_id, const pt_thread_page_req *q, const pt_thread_store_view *view,
	pt_thread_rows *r, pt_error *err)
{
	int64_t roots[PT_THREAD_MAX_ROOTS], wide[PT_THREAD_MAX_ROOTS];
	size_t n = 0, nwide = 0, i;
	bool replies = q->depth > 0 && q->replies > 0;

	if (pt_thread_store_children(db, thread_id, q->scope, q->sort, q->after, q->limit + 1,
			q->scope == 0 && replies ? q->depth : 0, view, pt_thread_rows_add, r, err) != PT_OK) {
		return err->code;
	}
	if (q->scope == 0) {
		/* a root the probe found large is walked node by node, the others
		 * go through the window (thread_store.h) */
		for (i = 0; i < r->count && i < q->limit; i++) {
			if (r->comments[i].wide) {
				wide[nwide++] = r->rows[i].id;
			} else {
				roots[n++] = r->rows[i].id;
			}
		}
		return replies ? pt_thread_store_descendants(db, thread_id, roots, n, wide, nwide, 1, q->depth, q->replies,
			view, pt_thread_rows_add, r, err) : PT_OK;
	}
	/* replies(): the extra row only marks "more"; the kept rows' replies are
	 * walked below them (however large the root's conversation) */
	if (!r->count || q->depth <= 1 || q->replies == 0 || q->node_depth + 2 > q->max_depth) {
		return PT_OK;
	}
	for (i = 0; i < r->count && i < q->limit; i++) {
		wide[nwide++] = r->rows[i].id;
	}
	if (pt_thread_rows_filter(r, q->limit, err) != PT_OK) {
		return err->code;
	}
	return pt_thread_store_descendants(db, thread_id, NULL, 0, wide, nwide, q->node_depth + 2, q->node_depth + q->depth,
		q->replies, view, pt_thread_rows_add, r, err);
}

static pt_status page_build(const pt_thread_rows *r, const pt_thread_page_req *q, const pt_allocator *a,
	pt_comment_page *page, pt_error *err)
{
	pt_tree_options to;

	memset(&to, 0, sizeof(to));
	to.root_sort = q->sort;
	to.reply_sort = PT_SORT_OLDEST;
	to.root_limit = q->limit;
	to.page_replies = q->replies;
	to.scope = q->scope;
	return pt_comment_tree_build(r->rows, r->count, &to, a, page, err);
}

static bool is_own(const char *viewer, const char *author, size_t author_len)
{
	return viewer && author && author_len == strlen(viewer) && memcmp(author, viewer, author_len) == 0;
}

pt_status pt_thread_page_read(pt_db *db, int64_t thread_id, const pt_thread_page_req *q, const pt_thread_store_view *view,
	const pt_cursor_seal *seal, const pt_time_zone *tz, bool english, const pt_allocator *a, pt_thread_page *out,
	pt_error *err)
{
	size_t i;
	pt_error ignored;

	memset(out, 0, sizeof(*out));
	pt_thread_rows_init(&out->rows, a);
	if (pt_thread_page_rows(db, thread_id, q, view, &out->rows, err) != PT_OK
			|| page_build(&out->rows, q, a, &out->tree, err) != PT_OK) {
		return err->code;
	}
	if (!(out->nodes = pt_calloc(a, out->tree.count ? out->tree.count : 1, sizeof(*out->nodes)))) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	out->first_top = out->tree.first_top;
	for (i = 0; i < out->tree.count; i++) {
		const pt_tree_node *t = &out->tree.nodes[i];
		pt_thread_page_node *n = &out->nodes[i];
		int64_t created_us = out->rows.rows[t->row].created_us;

		n->c = &out->rows.comments[t->row];
		n->full = pt_thread_full_view(n->c->status, is_own(view->viewer, n->c->row.author, n->c->row.author_len),
			view->moderator);
		n->first_child = t->first_child;
		n->next_sibling = t->next_sibling;
		n->more_count = t->more;
		pt_error_clear(&ignored);
		n->more = t->more > 0 && pt_cursor_encode(&t->more_cursor, seal, n->more_buf, &ignored) == PT_OK
			? n->more_buf : NULL;
		if (created_us > 0) {
			n->iso_len = pt_comment_time_iso(created_us, n->iso_buf);
			n->text_len = pt_comment_time_text(created_us, tz, english, n->text_buf);
			n->iso = n->iso_buf;
			n->text = n->text_buf;
		}
	}
	pt_error_clear(&ignored);
	out->next = out->tree.has_more && pt_cursor_encode(&out->tree.next, seal, out->next_buf, &ignored) == PT_OK
		? out->next_buf : NULL;
	return PT_OK;
}

void pt_thread_page_free(pt_thread_page *p)
{
	pt_free(p->rows.alloc, p->nodes);
	pt_comment_page_free(&p->tree, p->rows.alloc);
	pt_thread_rows_free(&p->rows);
	p->nodes = NULL;
}

typedef struct history_ctx {
	int64_t thread_id;
	const char *viewer;
	bool moderator;
	bool found, visible, full, withheld;
	pt_thread_version_fn fn;
	void *ctx;
} history_ctx;

static pt_status history_current_fn(void *vctx, const pt_thread_store_comment *c, pt_error *err)
{
	history_ctx *h = vctx;
	bool own = h->viewer && c->row.author && c->row.author_len == strlen(h->viewer)
		&& memcmp(c->row.author, h->viewer, c->row.author_len) == 0;
	bool edited = c->edited_at != NULL;
	pt_thread_version v;

	if (c->thread_id != h->thread_id) {
		return PT_OK;
	}
	h->found = true;
	h->visible = pt_thread_visible(c->status, own, h->moderator);
	if (!h->visible) {
		return PT_OK;
	}
	/* hidden and deleted comments are placeholders for everyone without the full view */
	h->full = pt_thread_full_view(c->status, own, h->moderator);
	h->withheld = !h->full && (c->status == PT_COMMENT_HIDDEN || c->status == PT_COMMENT_DELETED);
	memset(&v, 0, sizeof(v));
	v.current = true;
	v.version = c->version;
	if (!h->withheld && c->status != PT_COMMENT_DELETED) {
		v.body = c->body ? c->body : "";
		v.body_len = c->body_len;
	}
	v.status = pt_cstatus_name(c->status);
	v.at = edited ? c->edited_at : c->created_at;
	v.at_len = edited ? c->edited_at_len : c->created_at_len;
	return h->fn(h->ctx, &v, err);
}

static pt_status history_fn(void *vctx, uint32_t version, const char *body, size_t body_len,
	const char *status, const char *created_at, const char *replaced_at, pt_error *err)
{
	history_ctx *h = vctx;
	pt_thread_version v;

	if (!pt_thread_version_shown(h->full, status)) {
		return PT_OK;
	}
	memset(&v, 0, sizeof(v));
	v.version = version;
	v.body = body ? body : "";
	v.body_len = body ? body_len : 0;
	v.status = status;
	v.at = created_at;
	v.at_len = strlen(created_at);
	v.replaced_at = replaced_at;
	return h->fn(h->ctx, &v, err);
}

pt_status pt_thread_history(pt_db *db, int64_t comment_id, int64_t thread_id, const char *viewer, bool moderator,
	pt_thread_version_fn fn, void *ctx, pt_error *err)
{
	history_ctx h = { .thread_id = thread_id, .viewer = viewer, .moderator = moderator, .fn = fn, .ctx = ctx };

	if (pt_thread_store_comment_get(db, comment_id, NULL, history_current_fn, &h, NULL, err) != PT_OK) {
		return err->code;
	}
	if (!h.found || !h.visible) {
		return pt_thread_comment_id_check(0, err);
	}
	/* a placeholder has no history to show: only its place */
	return h.withheld ? PT_OK : pt_thread_store_versions(db, comment_id, history_fn, &h, err);
}

pt_status pt_thread_page_seal(pt_db *db, int64_t thread_id, bool have, const uint8_t *stored, const char *cursor,
	size_t len, bool sort_given, pt_thread_page_cursor *pc, pt_thread_page_req *q, pt_error *err)
{
	if (pt_thread_store_cursor_key(db, have, stored, pc->key, err) != PT_OK) {
		return err->code;
	}
	pt_thread_seal_init(&pc->seal, pc->key, pc->bind, thread_id);
	if (!cursor) {
		return PT_OK;
	}
	if (pt_thread_cursor_read(cursor, len, &pc->seal, q->scope, sort_given, q->sort, &pc->after, err) != PT_OK) {
		return err->code;
	}
	q->sort = pc->after.sort;
	q->after = &pc->after;
	return PT_OK;
}

pt_status pt_thread_page_below(const pt_thread_store_node *node, bool found, int64_t thread_id,
	const pt_thread_store_view *view, pt_thread_page_req *q, pt_error *err)
{
	/* page()'s visibility: a comment the viewer could not see there has no replies to show */
	if (!found || node->thread_id != thread_id
			|| !pt_thread_visible(node->status, view->viewer && strcmp(node->author, view->viewer) == 0, view->moderator)) {
		return pt_thread_comment_id_check(0, err);
	}
	q->sort = PT_SORT_OLDEST;
	q->root_id = node->root_id;
	q->node_depth = node->depth;
	return PT_OK;
}

/* pt_thread_page_at(): what a page's position needs of the comment. */
typedef struct at_ctx {
	const char *viewer;
	int64_t thread_id;
	pt_comment_row row;
	pt_cstatus status;
	bool own;
	double wilson, controversial;
} at_ctx;

static pt_status at_fn(void *vctx, const pt_thread_store_comment *c, pt_error *err)
{
	at_ctx *x = vctx;

	(void)err;
	x->thread_id = c->thread_id;
	x->row = c->row;
	x->row.author = NULL;   /* the driver's buffer: not kept */
	x->status = c->status;
	x->own = is_own(x->viewer, c->row.author, c->row.author_len);
	x->wilson = c->wilson;
	x->controversial = c->controversial;
	return PT_OK;
}

pt_status pt_thread_page_at(pt_db *db, int64_t thread_id, int64_t at, const pt_thread_store_view *view,
	pt_thread_page_req *q, pt_cursor *pos, pt_error *err)
{
	at_ctx x;
	bool found = false;

	memset(&x, 0, sizeof(x));
	x.viewer = view->viewer;
	if (pt_thread_comment_id_check(at, err) != PT_OK
			|| pt_thread_store_comment_get(db, at, view->viewer, at_fn, &x, &found, err) != PT_OK) {
		return err->code;
	}
	if (!found || x.thread_id != thread_id || !pt_thread_visible(x.status, x.own, view->moderator)) {
		return PT_OK;   /* a link to a comment since removed, or never there: the list's start */
	}
	if (x.row.parent_id) {   /* as replies() of the parent, from this reply */
		q->scope = x.row.parent_id;
		q->sort = PT_SORT_OLDEST;
		q->root_id = x.row.root_id;
		q->node_depth = x.row.depth ? x.row.depth - 1 : 0;
	}
	/* the keyset position just before the comment: (key, created, id -/+ 1) of its own sort key
	 * as stored, so the comment is the first row "after" it (comment_tree.h) */
	memset(pos, 0, sizeof(*pos));
	pos->sort = q->sort;
	pos->scope = q->scope;
	pos->key = q->sort == PT_SORT_TOP ? x.wilson : q->sort == PT_SORT_CONTROVERSIAL ? x.controversial
		: q->sort == PT_SORT_DISCUSSED ? (double)x.row.replies : 0.0;
	pos->created_us = x.row.created_us;
	pos->id = q->sort == PT_SORT_OLDEST ? at - 1 : at + 1;
	q->after = pos->id > 0 ? pos : NULL;   /* comment 1, oldest first: the list's start */
	return PT_OK;
}

/* history()'s answer: the earlier versions in order, the current text (given first) last. */
typedef struct history_value_ctx {
	const pt_allocator *alloc;
	pt_value *list, *current;
} history_value_ctx;

static pt_value *version_value(const pt_thread_version *v, const pt_allocator *a)
{
	pt_value *m = pt_value_map(a);

	if (!m || pt_value_setc(m, "version", pt_value_int(a, v->version)) != PT_OK
			|| pt_value_setc(m, "body", v->body ? pt_value_string(a, v->body, v->body_len) : pt_value_null(a)) != PT_OK
			|| pt_value_setc(m, "status", pt_value_cstr_or_null(a, v->status)) != PT_OK
			|| pt_value_setc(m, "created_at", pt_value_string(a, v->at ? v->at : "", v->at ? v->at_len : 0)) != PT_OK
			|| pt_value_setc(m, "replaced_at", pt_value_cstr_or_null(a, v->replaced_at)) != PT_OK) {
		pt_value_free(m);
		return NULL;
	}
	return m;
}

static pt_status history_value_fn(void *vctx, const pt_thread_version *v, pt_error *err)
{
	history_value_ctx *h = vctx;
	pt_value *item = version_value(v, h->alloc);

	if (item && v->current) {
		h->current = item;
		return PT_OK;
	}
	return pt_value_push(h->list, item) == PT_OK ? PT_OK : pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
}

pt_status pt_thread_history_value(pt_db *db, const pt_thread_rules *r, int64_t comment_id, const char *viewer,
	const pt_allocator *a, pt_value **out, pt_error *err)
{
	history_value_ctx h = { a, pt_value_list(a), NULL };
	pt_participant_actor actor;
	pt_participant_actor_text text;
	bool moderator = false;
	pt_status s = h.list ? PT_OK : pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");

	*out = NULL;
	if (s == PT_OK && viewer && (s = pt_participant_actor_get(db, viewer, &actor, &text, err)) == PT_OK) {
		moderator = pt_thread_is_moderator(r->cfg, viewer, &actor, r->scope);
	}
	if (s == PT_OK) {
		s = pt_thread_history(db, comment_id, r->thread_id, viewer, moderator, history_value_fn, &h, err);
	}
	if (s == PT_OK) {
		s = pt_value_push(h.list, h.current) == PT_OK ? PT_OK : pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
		h.current = NULL;   /* the list's now, or freed by the failed push */
	}
	if (s != PT_OK) {
		pt_value_free(h.current);
		pt_value_free(h.list);
		return s;
	}
	*out = h.list;
	return PT_OK;
}
