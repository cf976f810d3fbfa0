/*
 * participa io: the SQL of commitment tracking. See commitment_store.h.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "io/commitment/commitment_store.h"
#include "io/commitment/commitment_counts.h"
#include "io/thread/thread_store.h"   /* pt_thread_store_time_text */
#include "core/common/digest.h"
#include "core/common/pt_id.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TEXT(p) PT_DB_TEXT_V((p), strlen(p))
#define OPT_TEXT(p) ((p) ? PT_DB_TEXT_V((p), strlen(p)) : PT_DB_NULL_V)

/* ---- arena ------------------------------------------------------------------ */

typedef struct chunk {
	struct chunk *next;
	size_t used, cap;
	char data[];
} chunk;

struct pt_commitment_store_arena {
	chunk *head;
	const pt_allocator *a;
};

pt_commitment_store_arena *pt_commitment_store_arena_new(const pt_allocator *a)
{
	pt_commitment_store_arena *arena = pt_calloc(a, 1, sizeof(pt_commitment_store_arena));

	if (arena) {
		arena->a = a;
	}
	return arena;
}

void pt_commitment_store_arena_free(pt_commitment_store_arena *a)
{
	chunk *c, *n;

	if (!a) {
		return;
	}
	for (c = a->head; c; c = n) {
		n = c->next;
		pt_free(a->a, c);
	}
	pt_free(a->a, a);
}

void *pt_commitment_store_arena_alloc(pt_commitment_store_arena *a, size_t size)
{
	chunk *c = a->head;
	void *p;

	size = (size + 15) & ~(size_t)15;
	if (!c || c->cap - c->used < size) {
		size_t cap = size > 65536 ? size : 65536;

		c = pt_alloc(a->a, sizeof(chunk) + cap);
		if (!c) {
			return NULL;
		}
		c->next = a->head;
		c->used = 0;
		c->cap = cap;
		a->head = c;
	}
	p = c->data + c->used;
	c->used += size;
	return p;
}

char *pt_commitment_store_arena_strndup(pt_commitment_store_arena *a, const char *s, size_t len)
{
	char *d = pt_commitment_store_arena_alloc(a, len + 1);

	if (d) {
		memcpy(d, s, len);
		d[len] = '\0';
	}
	return d;
}

/*
 * Room for element count of the arena array at items_ptr (a T ** as void *, *cap allocated): when full, a
 * copy twice as large (first_cap the first time) in the arena, as pt_array_grow() does with an allocator.
 * false when out of memory (the array and *cap unchanged).
 */
static bool arena_grow(pt_commitment_store_arena *a, void *items_ptr, size_t *cap, size_t count, size_t size,
	size_t first_cap)
{
	size_t n = *cap ? *cap * 2 : first_cap;
	void *old, *items;

	if (count < *cap) {
		return true;
	}
	if (n > SIZE_MAX / size || !(items = pt_commitment_store_arena_alloc(a, n * size))) {
		return false;
	}
	memcpy(&old, items_ptr, sizeof(old));
	if (count) {
		memcpy(items, old, count * size);
	}
	memcpy(items_ptr, &items, sizeof(items));
	*cap = n;
	return true;
}

/* A text column copied into the arena; NULL for SQL NULL (and on NOMEM, flagged). */
static const char *acol(pt_commitment_store_arena *a, const pt_db_value *v, bool *nomem)
{
	char *s;

	if (v->type == PT_DB_NULL) {
		return NULL;
	}
	if (v->type == PT_DB_INT) {
		char buf[32];

		snprintf(buf, sizeof(buf), "%lld", (long long)v->i);
		s = pt_commitment_store_arena_strndup(a, buf, strlen(buf));
	} else if (v->type == PT_DB_DOUBLE) {
		char buf[64];

		snprintf(buf, sizeof(buf), "%.17g", v->d);
		s = pt_commitment_store_arena_strndup(a, buf, strlen(buf));
	} else {
		s = pt_commitment_store_arena_strndup(a, v->s, v->len);
	}
	if (!s) {
		*nomem = true;
	}
	return s;
}

static void now_text(char buf[32])
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	pt_thread_store_time_text((int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000, buf);
}

/* ---- reading commitments ------------------------------------------------------ */

/* Columns in pt_commitment_field order (id .. verification), then the stored facts. */
#define CM_COLS "c.id, c.plan_id, c.parent_id, c.title, c.description, c.problem, c.objective, c.agency_id, " \
	"c.actors, c.theme_id, c.pillars, c.territory_id, c.start_date, c.due_date, c.budget, c.weight, c.status, " \
	"c.progress, c.verification, c.depth, c.path, c.children, c.created_at, c.updated_at, c.evidence_count, " \
	"c.milestone_count, c.closed"
#define CM_NFIELDS 19   /* id .. verification */

typedef struct read_ctx {
	pt_commitment_store_arena *arena;
	pt_commitment_record *items;
	size_t count, cap;
	bool nomem;
	int64_t *evidence_counts;
} read_ctx;

static pt_status record_row_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	read_ctx *c = vctx;
	pt_commitment_record *r;
	int f;

	if (!arena_grow(c->arena, &c->items, &c->cap, c->count, sizeof(*c->items), 16)) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory reading commitments");
	}
	r = &c->items[c->count++];
	memset(r, 0, sizeof(*r));
	for (f = 0; f < CM_NFIELDS; f++) {
		r->v[f] = acol(c->arena, &cols[f], &c->nomem);
	}
	r->depth = (uint32_t)pt_db_col_int(&cols[19]);
	r->path = acol(c->arena, &cols[20], &c->nomem);
	r->children = pt_db_col_int(&cols[21]);
	r->created_at = acol(c->arena, &cols[22], &c->nomem);
	r->updated_at = acol(c->arena, &cols[23], &c->nomem);
	/* evidence_count rides in evidence_count until the items are loaded */
	r->evidence_count = (size_t)pt_db_col_int(&cols[24]);
	r->milestone_count = (size_t)pt_db_col_int(&cols[25]);
	r->closed = ncols > 26 && pt_db_col_int(&cols[26]) != 0;
	return c->nomem ? pt_error_set(err, PT_ERR_NOMEM, "out of memory reading commitments") : PT_OK;
}

typedef struct list_ctx {
	pt_commitment_store_arena *arena;
	pt_commitment_evidence *ev;
	pt_commitment_milestone *ms;
	size_t count, cap;
	bool nomem;
} list_ctx;

static bool list_grow(list_ctx *c, size_t size)
{
	return size == sizeof(pt_commitment_evidence) ? arena_grow(c->arena, &c->ev, &c->cap, c->count, size, 8)
		: arena_grow(c->arena, &c->ms, &c->cap, c->count, size, 8);
}

static pt_status evidence_row_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	list_ctx *c = vctx;
	pt_commitment_evidence *e;

	if (!list_grow(c, sizeof(pt_commitment_evidence))) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory reading evidence");
	}
	e = &c->ev[c->count++];
	e->url = acol(c->arena, &cols[0], &c->nomem);
	e->reference = acol(c->arena, &cols[1], &c->nomem);
	e->description = acol(c->arena, &cols[2], &c->nomem);
	e->date = acol(c->arena, &cols[3], &c->nomem);
	e->added_by = acol(c->arena, &cols[4], &c->nomem);
	return c->nomem ? pt_error_set(err, PT_ERR_NOMEM, "out of memory reading evidence") : PT_OK;
}

static pt_status milestone_row_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	list_ctx *c = vctx;
	pt_commitment_milestone *m;

	if (!list_grow(c, sizeof(pt_commitment_milestone))) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory reading milestones");
	}
	m = &c->ms[c->count++];
	m->title = acol(c->arena, &cols[0], &c->nomem);
	m->due = acol(c->arena, &cols[1], &c->nomem);
	m->done = pt_db_col_int(&cols[2]) != 0;
	return c->nomem ? pt_error_set(err, PT_ERR_NOMEM, "out of memory reading milestones") : PT_OK;
}

/* Loads evidence and milestones of r and sets their canonical texts. */
static pt_status load_lists(pt_db *db, pt_commitment_store_arena *arena, pt_commitment_record *r, bool lock, pt_error *err)
{
	pt_db_value p[1] = { TEXT(r->v[PT_CMF_ID]) };
	list_ctx ev = { arena, NULL, NULL, 0, 0, false }, ms = { arena, NULL, NULL, 0, 0, false };
	pt_buf b;
	pt_status s = PT_OK;

	/* the row's counts say which lists are empty: no query for those */
	if (r->evidence_count > 0) {
		s = pt_db_query(db, lock
			? "SELECT url, reference, description, evidence_date, added_by FROM participa_commitment_evidence "
			  "WHERE commitment_id = ? ORDER BY position FOR UPDATE"
			: "SELECT url, reference, description, evidence_date, added_by FROM participa_commitment_evidence "
			  "WHERE commitment_id = ? ORDER BY position", p, 1, evidence_row_fn, &ev, err);
	}
	if (s == PT_OK && r->milestone_count > 0) {
		s = pt_db_query(db, lock
			? "SELECT title, due_date, done FROM participa_commitment_milestones WHERE commitment_id = ? "
			  "ORDER BY position FOR UPDATE"
			: "SELECT title, due_date, done FROM participa_commitment_milestones WHERE commitment_id = ? "
			  "ORDER BY position", p, 1, milestone_row_fn, &ms, err);
	}
	if (s != PT_OK) {
		return s;
	}
	r->evidence = ev.ev;
	r->evidence_count = ev.count;
	r->milestones = ms.ms;
	r->milestone_count = ms.count;
	pt_buf_init(&b, arena->a);
	pt_commitment_evidence_json(&b, r->evidence, r->evidence_count);
	r->v[PT_CMF_EVIDENCE] = b.failed ? NULL : pt_commitment_store_arena_strndup(arena, b.data, b.len);
	b.len = 0;
	pt_commitment_milestones_json(&b, r->milestones, r->milestone_count);
	r->v[PT_CMF_MILESTONES] = b.failed ? NULL : pt_commitment_store_arena_strndup(arena, b.data, b.len);
	s = b.failed || !r->v[PT_CMF_EVIDENCE] || !r->v[PT_CMF_MILESTONES]
		? pt_error_set(err, PT_ERR_NOMEM, "out of memory") : PT_OK;
	pt_buf_free(&b);
	return s;
}

/* lists: also evidence and milestones (and their canonical texts); without
 * them v[EVIDENCE] and v[MILESTONES] stay NULL and evidence_count is the
 * stored count. */
static pt_status get_one(pt_db *db, const char *id, bool lock, bool lists, pt_commitment_store_arena *arena, pt_commitment_record *out,
	bool *found, pt_error *err)
{
	pt_db_value p[1] = { TEXT(id) };
	read_ctx c = { arena, NULL, 0, 0, false, NULL };
	pt_status s;

	*found = false;
	s = pt_db_query(db, lock ? "SELECT " CM_COLS " FROM participa_commitments c WHERE c.id = ? FOR UPDATE"
		: "SELECT " CM_COLS " FROM participa_commitments c WHERE c.id = ?", p, 1, record_row_fn, &c, err);
	if (s != PT_OK || c.count == 0) {
		return s;
	}
	*out = c.items[0];
	*found = true;
	return lists ? load_lists(db, arena, out, lock, err) : PT_OK;
}

pt_status pt_commitment_store_get(pt_db *db, const char *id, pt_commitment_store_arena *arena, pt_commitment_record *out, bool *found, pt_error *err)
{
	return get_one(db, id, false, true, arena, out, found, err);
}

pt_status pt_commitment_store_list(pt_db *db, const pt_commitment_filter *f, pt_commitment_store_arena *arena, pt_commitment_record **out, size_t *count,
	pt_error *err)
{
	char sql[1024];
	pt_db_value p[8];
	size_t np = 0, i;
	read_ctx c = { arena, NULL, 0, 0, false, NULL };
	pt_status s;
	int n;

	n = snprintf(sql, sizeof(sql), "SELECT " CM_COLS " FROM participa_commitments c%s WHERE 1 = 1",
		f->pillar ? " JOIN participa_commitment_pillars p ON p.commitment_id = c.id" : "");
#define FILTER(field, cond) if (f->field) { n += snprintf(sql + n, sizeof(sql) - (size_t)n, " AND " cond " = ?"); \
		p[np++] = TEXT(f->field); }
	FILTER(plan, "c.plan_id")
	FILTER(parent, "c.parent_id")
	FILTER(theme, "c.theme_id")
	FILTER(pillar, "p.pillar_id")
	FILTER(status, "c.status")
	FILTER(agency, "c.agency_id")
	FILTER(territory, "c.territory_id")
#undef FILTER
	if (f->roots_only) {
		n += snprintf(sql + n, sizeof(sql) - (size_t)n, " AND c.depth = 0");
	}
	n += snprintf(sql + n, sizeof(sql) - (size_t)n, " ORDER BY c.depth, c.id");
	if (f->limit) {
		snprintf(sql + n, sizeof(sql) - (size_t)n, " LIMIT %u", f->limit);
	}
	s = pt_db_query(db, sql, p, np, record_row_fn, &c, err);
	for (i = 0; s == PT_OK && f->full && i < c.count; i++) {
		s = load_lists(db, arena, &c.items[i], false, err);
	}
	if (s != PT_OK) {
		return s;
	}
	*out = c.items;
	*count = c.count;
	return PT_OK;
}

/* ---- writing ------------------------------------------------------------------- */

typedef struct head_ctx {
	int64_t seq;
	char hash[65];
	bool found;
} head_ctx;

static pt_status head_row_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	head_ctx *h = vctx;

	h->seq = pt_db_col_int(&cols[0]);
	if (cols[1].type == PT_DB_TEXT && cols[1].len == 64) {
		memcpy(h->hash, cols[1].s, 64);
		h->hash[64] = '\0';
		h->found = true;
	}
	return PT_OK;
}

static pt_status lock_head(pt_db *db, head_ctx *h, pt_error *err)
{
	pt_status s;

	memset(h, 0, sizeof(*h));
	s = pt_db_query(db, "SELECT seq, hash FROM participa_commitment_chain WHERE id = 1 FOR UPDATE", NULL, 0,
		head_row_fn, h, err);
	if (s == PT_OK && !h->found) {
		return pt_error_set(err, PT_ERR_INTERNAL, "the commitment history head row is missing (migration 004)");
	}
	return s;
}

/* Events waiting for one multi-row INSERT at the end of a unit. */
typedef struct pending_event {
	int64_t seq;
	const char *commitment, *action, *actor, *changes, *note;
	char prev[65], hash[65];
} pending_event;

typedef struct events {
	pending_event *items;
	size_t count, cap;
	const pt_allocator *a;        /* the statement's temporaries */
	head_ctx head;
	const char *at;
	int64_t head_stored;          /* the seq a statement already wrote into the head row (0: none) */
} events;

static pt_status event_add(events *ev, pt_commitment_store_arena *arena, const char *commitment, const char *action,
	const char *actor, const char *changes, const char *note, pt_error *err)
{
	pending_event *e;
	pt_commitment_event ce;

	if (!arena_grow(arena, &ev->items, &ev->cap, ev->count, sizeof(*ev->items), 8)) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	/* the caller's strings may not outlive this unit (an agreement's id is a
	 * loop-local buffer): the arena keeps them until the INSERT */
	commitment = pt_commitment_store_arena_strndup(arena, commitment, strlen(commitment));
	actor = pt_commitment_store_arena_strndup(arena, actor, strlen(actor));
	note = pt_commitment_store_arena_strndup(arena, note ? note : "", note ? strlen(note) : 0);
	if (!commitment || !actor || !note) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	e = &ev->items[ev->count];
	e->seq = ++ev->head.seq;
	e->commitment = commitment;
	e->action = action;
	e->actor = actor;
	e->changes = changes;
	e->note = note;
	memcpy(e->prev, ev->head.hash, 65);
	ce.seq = e->seq;
	ce.commitment = commitment;
	ce.action = action;
	ce.actor = actor;
	ce.at = ev->at;
	ce.changes = changes;
	ce.note = e->note;
	if (pt_commitment_event_hash(&ce, e->prev, e->hash, err) != PT_OK) {
		return err ? err->code : PT_ERR_INTERNAL;
	}
	memcpy(ev->head.hash, e->hash, 65);
	ev->count++;
	return PT_OK;
}

/* INSERTs events[from, from + n) in one statement. */
static pt_status events_insert(pt_db *db, const events *ev, size_t from, size_t n, pt_error *err)
{
	pt_buf sql;
	pt_db_value *p;
	size_t i, np = 0;
	pt_status s;

	p = pt_calloc(ev->a, n * 9 + 1, sizeof(*p));
	if (!p) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	pt_buf_init(&sql, ev->a);
	pt_buf_puts(&sql, "INSERT INTO participa_commitment_events (seq, commitment_id, action, actor, at, changes, "
		"note, prev_hash, hash) VALUES ");
	for (i = from; i < from + n; i++) {
		const pending_event *e = &ev->items[i];

		pt_buf_puts(&sql, i > from ? ", (?, ?, ?, ?, ?, ?, ?, ?, ?)" : "(?, ?, ?, ?, ?, ?, ?, ?, ?)");
		p[np++] = PT_DB_INT_V(e->seq);
		p[np++] = TEXT(e->commitment);
		p[np++] = TEXT(e->action);
		p[np++] = TEXT(e->actor);
		p[np++] = TEXT(ev->at);
		p[np++] = TEXT(e->changes);
		p[np++] = TEXT(e->note);
		p[np++] = PT_DB_TEXT_V(e->prev, 64);
		p[np++] = PT_DB_TEXT_V(e->hash, 64);
	}
	s = sql.failed ? pt_error_set(err, PT_ERR_NOMEM, "out of memory") : pt_db_exec(db, sql.data, p, np, NULL, NULL, err);
	pt_buf_free(&sql);
	pt_free(ev->a, p);
	return s;
}

/*
 * Inserts the pending events and forgets them (the head stays in ev->head).
 * One statement for up to 16 events (every ordinary write); larger batches
 * (imports, assemblies) go 64 at a time and then by 16s, so a few statement
 * texts serve every size: the prepared-statement cache is not flooded, and
 * no statement comes near the server's 65,535 placeholders.
 */
static pt_status events_insert_pending(pt_db *db, events *ev, pt_error *err)
{
	size_t done = 0;
	pt_status s = PT_OK;

	while (s == PT_OK && done < ev->count) {
		size_t left = ev->count - done, n = left <= 16 ? left : left >= 64 ? 64 : 16;

		s = events_insert(db, ev, done, n, err);
		done += n;
	}
	ev->items = NULL;   /* they live in the unit's arena */
	ev->count = ev->cap = 0;
	return s;
}

static pt_status head_update(pt_db *db, const events *ev, pt_error *err)
{
	pt_db_value q[2] = { PT_DB_INT_V(ev->head.seq), PT_DB_TEXT_V(ev->head.hash, 64) };

	return pt_db_exec(db, "UPDATE participa_commitment_chain SET seq = ?, hash = ? WHERE id = 1", q, 2, NULL, NULL,
		err);
}

static pt_status events_flush(pt_db *db, events *ev, pt_error *err)
{
	pt_status s;

	if (ev->count == 0) {
		return PT_OK;
	}
	s = events_insert_pending(db, ev, err);
	/* the roll-up's UPDATE may have moved the head already (rollup_write()) */
	return s == PT_OK && ev->head_stored != ev->head.seq ? head_update(db, ev, err) : s;
}

static bool same(const char *a, const char *b)
{
	if (!a || !b) {
		return a == b;
	}
	return strcmp(a, b) == 0;
}

static pt_status write_pillars(pt_db *db, const pt_commitment_record *r, bool closed, pt_error *err)
{
	pt_db_value p[8] = { TEXT(r->v[PT_CMF_ID]) };
	pt_status s;
	const char *q = r->v[PT_CMF_PILLARS];
	unsigned pos = 0;

	s = pt_db_exec(db, "DELETE FROM participa_commitment_pillars WHERE commitment_id = ?", p, 1, NULL, NULL, err);
	p[3] = TEXT(r->v[PT_CMF_PLAN]);
	p[4] = PT_DB_INT_V(r->depth);
	p[5] = TEXT(r->v[PT_CMF_PROGRESS]);
	p[6] = OPT_TEXT(r->v[PT_CMF_DUE]);
	p[7] = PT_DB_INT_V(closed ? 1 : 0);
	while (s == PT_OK && q && *q) {
		const char *end = strchr(q, ';');
		size_t len = end ? (size_t)(end - q) : strlen(q);

		p[1] = PT_DB_TEXT_V(q, len);
		p[2] = PT_DB_INT_V(pos++);
		s = pt_db_exec(db, "INSERT INTO participa_commitment_pillars (commitment_id, pillar_id, position, plan_id, "
			"depth, progress, due_date, closed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", p, 8, NULL, NULL, err);
		q += len;
		if (*q == ';') {
			q++;
		}
	}
	return s;
}

static pt_status write_lists(pt_db *db, const pt_commitment_record *r, bool evidence, bool milestones, pt_error *err)
{
	pt_db_value p[7] = { TEXT(r->v[PT_CMF_ID]) };
	pt_status s = PT_OK;
	size_t i;

	if (evidence) {
		s = pt_db_exec(db, "DELETE FROM participa_commitment_evidence WHERE commitment_id = ?", p, 1, NULL, NULL, err);
		for (i = 0; s == PT_OK && i < r->evidence_count; i++) {
			const pt_commitment_evidence *e = &r->evidence[i];

			p[1] = PT_DB_INT_V((int64_t)i);
			p[2] = OPT_TEXT(e->url);
			p[3] = OPT_TEXT(e->reference);
			p[4] = OPT_TEXT(e->description);
			p[5] = OPT_TEXT(e->date);
			p[6] = OPT_TEXT(e->added_by);
			s = pt_db_exec(db, "INSERT INTO participa_commitment_evidence (commitment_id, position, url, reference, "
				"description, evidence_date, added_by) VALUES (?, ?, ?, ?, ?, ?, ?)", p, 7, NULL, NULL, err);
		}
	}
	if (s == PT_OK && milestones) {
		s = pt_db_exec(db, "DELETE FROM participa_commitment_milestones WHERE commitment_id = ?", p, 1, NULL, NULL,
			err);
		for (i = 0; s == PT_OK && i < r->milestone_count; i++) {
			const pt_commitment_milestone *m = &r->milestones[i];

			p[1] = PT_DB_INT_V((int64_t)i);
			p[2] = TEXT(m->title ? m->title : "");
			p[3] = OPT_TEXT(m->due);
			p[4] = PT_DB_INT_V(m->done ? 1 : 0);
			s = pt_db_exec(db, "INSERT INTO participa_commitment_milestones (commitment_id, position, title, "
				"due_date, done) VALUES (?, ?, ?, ?, ?)", p, 5, NULL, NULL, err);
		}
	}
	return s;
}

/* Children of the ancestors, and the ancestors themselves, with what the counters need of them. */
typedef struct node {
	const char *id, *parent;
	int32_t progress;
	int64_t weight;
	bool has_pillars;
	char old_progress[8];
	const char *plan, *theme, *status, *territory, *agency, *pillars, *due;
	uint32_t depth;
	bool closed;
} node;

typedef struct nodes_ctx {
	node items[PT_COMMITMENT_MAX_DEPTH * 8];
	size_t count;
	node *extra;        /* beyond the fixed block */
	size_t extra_count, extra_cap;
	pt_commitment_store_arena *arena;
	bool nomem;
} nodes_ctx;

/* The columns of a node, in this order. */
#define NODE_COLS "id, parent_id, progress, weight, pillars, plan_id, depth, theme_id, status, territory_id, " \
	"agency_id, due_date, closed"
enum { N_ID, N_PARENT, N_PROGRESS, N_WEIGHT, N_PILLARS, N_PLAN, N_DEPTH, N_THEME, N_STATUS, N_TERRITORY, N_AGENCY,
	N_DUE, N_CLOSED, N_COUNT };

static node *node_at(nodes_ctx *c, size_t i)
{
	size_t fixed = sizeof(c->items) / sizeof(c->items[0]);

	return i < fixed ? &c->items[i] : &c->extra[i - fixed];
}

static pt_status node_row_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	nodes_ctx *c = vctx;
	size_t fixed = sizeof(c->items) / sizeof(c->items[0]);
	const pt_db_value *pr = &cols[N_PROGRESS], *we = &cols[N_WEIGHT];
	node *n;
	int64_t w = 0;

	if (c->count >= fixed && !arena_grow(c->arena, &c->extra, &c->extra_cap, c->extra_count, sizeof(*c->extra), 256)) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	if (c->count >= fixed) {
		c->extra_count++;
	}
	n = node_at(c, c->count++);
	n->id = acol(c->arena, &cols[N_ID], &c->nomem);
	n->parent = acol(c->arena, &cols[N_PARENT], &c->nomem);
	n->progress = 0;
	n->old_progress[0] = '\0';
	if (pr->type == PT_DB_TEXT) {
		pt_commitment_parse_progress(pr->s, pr->len, &n->progress);
		snprintf(n->old_progress, sizeof(n->old_progress), "%.*s", (int)(pr->len < 7 ? pr->len : 7), pr->s);
	}
	if (we->type == PT_DB_TEXT) {
		pt_commitment_parse_decimal(we->s, we->len, 3, 6, false, &w);
	}
	n->weight = w;
	n->pillars = acol(c->arena, &cols[N_PILLARS], &c->nomem);
	n->has_pillars = n->pillars != NULL;
	n->plan = acol(c->arena, &cols[N_PLAN], &c->nomem);
	n->depth = (uint32_t)pt_db_col_int(&cols[N_DEPTH]);
	n->theme = acol(c->arena, &cols[N_THEME], &c->nomem);
	n->status = acol(c->arena, &cols[N_STATUS], &c->nomem);
	n->territory = acol(c->arena, &cols[N_TERRITORY], &c->nomem);
	n->agency = acol(c->arena, &cols[N_AGENCY], &c->nomem);
	n->due = acol(c->arena, &cols[N_DUE], &c->nomem);
	n->closed = pt_db_col_int(&cols[N_CLOSED]) != 0;
	if (!n->id || !n->plan) {
		c->nomem = true;
	}
	return c->nomem ? pt_error_set(err, PT_ERR_NOMEM, "out of memory") : PT_OK;
}

/* What the counters see of a stored node at progress bp. */
static void node_state(const node *n, int32_t bp, pt_commitment_count_state *s)
{
	s->plan = n->plan;
	s->depth = n->depth;
	s->theme = n->theme;
	s->status = n->status;
	s->territory = n->territory;
	s->agency = n->agency;
	s->pillars = n->pillars;
	s->due = n->due;
	s->progress_bp = bp;
	s->closed = n->closed;
}

/* What the counters see of a record (closed: its closed flag). */
static void record_state(const pt_commitment_record *r, bool closed, pt_commitment_count_state *s)
{
	int32_t bp = 0;

	if (r->v[PT_CMF_PROGRESS]) {
		pt_commitment_parse_progress(r->v[PT_CMF_PROGRESS], strlen(r->v[PT_CMF_PROGRESS]), &bp);
	}
	s->plan = r->v[PT_CMF_PLAN];
	s->depth = r->depth;
	s->theme = r->v[PT_CMF_THEME];
	s->status = r->v[PT_CMF_STATUS];
	s->territory = r->v[PT_CMF_TERRITORY];
	s->agency = r->v[PT_CMF_AGENCY];
	s->pillars = r->v[PT_CMF_PILLARS];
	s->due = r->v[PT_CMF_DUE];
	s->progress_bp = bp;
	s->closed = closed;
}

/* The ancestors a roll-up changes, nearest first (the order of their events). */
typedef struct rollup_plan {
	size_t n;
	const char *ids[PT_COMMITMENT_MAX_DEPTH];
	char texts[PT_COMMITMENT_MAX_DEPTH][8];
	bool pillared[PT_COMMITMENT_MAX_DEPTH];
} rollup_plan;

/* The ancestor ids of r (its path, root first) into anc (strings in the arena); *nanc. */
static pt_status path_ids(pt_commitment_store_arena *arena, const pt_commitment_record *r, const char **anc, size_t *nanc,
	pt_error *err)
{
	char *path;

	*nanc = 0;
	if (!r->path || !*r->path) {
		return PT_OK;
	}
	path = pt_commitment_store_arena_strndup(arena, r->path, strlen(r->path));
	if (!path) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	for (char *q = path; q && *q && *nanc < PT_COMMITMENT_MAX_DEPTH;) {
		char *slash = strchr(q, '/');

		if (slash) {
			*slash = '\0';
		}
		anc[(*nanc)++] = q;
		q = slash ? slash + 1 : NULL;
	}
	return PT_OK;
}

/* Children of r's ancestors and its root, locked (one SELECT), into nc. */
static pt_status rollup_fetch(pt_db *db, pt_commitment_store_arena *arena, const pt_commitment_record *r, nodes_ctx *nc,
	pt_error *err)
{
	const char *anc[PT_COMMITMENT_MAX_DEPTH];
	size_t nanc = 0, i, np = 0;
	pt_db_value p[PT_COMMITMENT_MAX_DEPTH + 1];
	pt_buf sql;
	pt_status s = path_ids(arena, r, anc, &nanc, err);

	if (s != PT_OK || nanc == 0) {
		return s;
	}
	pt_buf_init(&sql, arena->a);
	pt_buf_puts(&sql, "SELECT " NODE_COLS " FROM participa_commitments WHERE parent_id IN (");
	for (i = 0; i < nanc; i++) {
		pt_buf_puts(&sql, i ? ", ?" : "?");
		p[np++] = TEXT(anc[i]);
	}
	pt_buf_puts(&sql, ") OR id = ? FOR UPDATE");
	p[np++] = TEXT(anc[0]);
	s = sql.failed ? pt_error_set(err, PT_ERR_NOMEM, "out of memory")
		: pt_db_query(db, sql.data, p, np, node_row_fn, nc, err);
	pt_buf_free(&sql);
	return s;
}

/*
 * Recomputes the progress of every ancestor of r (path = ids root..parent),
 * bottom up, from the children in nc (r itself counts with its new progress
 * and weight, whether nc read it before or after its write): the rule is
 * core's pt_commitment_rollup(). Appends a rollup event per ancestor whose
 * progress changed and its counter deltas; *plan lists them for the writes.
 */
static pt_status rollup_compute(pt_commitment_store_arena *arena, const pt_commitment_record *r, nodes_ctx *nc, events *ev,
	const char *actor, pt_commitment_counts *counts, rollup_plan *plan, pt_error *err)
{
	const char *anc[PT_COMMITMENT_MAX_DEPTH];
	size_t nanc = 0, i, j;
	int32_t leaf_bp = 0;
	int64_t leaf_w = 0;
	pt_status s;

	plan->n = 0;
	s = path_ids(arena, r, anc, &nanc, err);
	if (s != PT_OK || nanc == 0) {
		return s;
	}
	if (r->v[PT_CMF_PROGRESS]) {
		pt_commitment_parse_progress(r->v[PT_CMF_PROGRESS], strlen(r->v[PT_CMF_PROGRESS]), &leaf_bp);
	}
	if (r->v[PT_CMF_WEIGHT]) {
		pt_commitment_parse_decimal(r->v[PT_CMF_WEIGHT], strlen(r->v[PT_CMF_WEIGHT]), 3, 6, false, &leaf_w);
	}
	for (j = 0; j < nc->count; j++) {
		node *n = node_at(nc, j);

		if (strcmp(n->id, r->v[PT_CMF_ID]) == 0) {
			n->progress = leaf_bp;
			n->weight = leaf_w;
		}
	}
	/* bottom up: the nearest ancestor first */
	for (i = nanc; s == PT_OK && i-- > 0;) {
		int32_t *prog = pt_alloc(arena->a, (nc->count + 1) * sizeof(int32_t));
		int64_t *w = pt_alloc(arena->a, (nc->count + 1) * sizeof(int64_t));
		size_t k = 0;
		node *self = NULL;
		int32_t bp;

		if (!prog || !w) {
			pt_free(arena->a, prog);
			pt_free(arena->a, w);
			s = pt_error_set(err, PT_ERR_NOMEM, "out of memory");
			break;
		}
		for (j = 0; j < nc->count; j++) {
			node *n = node_at(nc, j);

			if (n->parent && strcmp(n->parent, anc[i]) == 0) {
				prog[k] = n->progress;
				w[k++] = n->weight;
			}
			if (strcmp(n->id, anc[i]) == 0) {
				self = n;
			}
		}
		bp = pt_commitment_rollup(prog, w, k);
		pt_free(arena->a, prog);
		pt_free(arena->a, w);
		if (!self) {
			s = pt_error_set(err, PT_ERR_INTERNAL, "ancestor '%s' of '%s' not found", anc[i], r->v[PT_CMF_ID]);
			break;
		}
		if (self->progress != bp || !self->old_progress[0]) {
			char *text = plan->texts[plan->n];
			pt_commitment_count_state cs;
			pt_buf ch;

			pt_commitment_progress_text(bp, text);
			pt_buf_init(&ch, arena->a);
			pt_buf_puts(&ch, "{\"progress\":[");
			pt_buf_json_opt(&ch, self->old_progress[0] ? self->old_progress : NULL);
			pt_buf_puts(&ch, ",");
			pt_buf_json_opt(&ch, text);
			pt_buf_puts(&ch, "]}");
			if (ch.failed) {
				s = pt_error_set(err, PT_ERR_NOMEM, "out of memory");
			} else {
				const char *changes = pt_commitment_store_arena_strndup(arena, ch.data, ch.len);

				s = changes ? event_add(ev, arena, anc[i], "rollup", actor, changes, r->v[PT_CMF_ID], err)
					: pt_error_set(err, PT_ERR_NOMEM, "out of memory");
			}
			pt_buf_free(&ch);
			node_state(self, self->progress, &cs);
			pt_commitment_counts_add(counts, &cs, -1);
			node_state(self, bp, &cs);
			pt_commitment_counts_add(counts, &cs, 1);
			plan->pillared[plan->n] = self->has_pillars;
			plan->ids[plan->n++] = anc[i];
			self->progress = bp;
		}
	}
	return s;
}

/*
 * The roll-up's statements: one UPDATE of the ancestors' progress (with
 * leaf_id: the commitment's own, when progress is all it changes; with
 * head: the history head too, as the unit's last event is known: one
 * multi-table UPDATE instead of three statements), and one of their pillar
 * rows when they have some.
 */
static pt_status rollup_write(pt_db *db, pt_commitment_store_arena *arena, const rollup_plan *plan, const char *leaf_id,
	const char *leaf_progress, events *head, const char *at, pt_error *err)
{
	pt_buf sql;
	pt_db_value p[PT_COMMITMENT_MAX_DEPTH * 3 + 6];
	size_t np = 0, i, j, npil = 0;
	pt_status s = PT_OK;

	if (plan->n == 0 && !leaf_id) {
		return PT_OK;
	}
	pt_buf_init(&sql, arena->a);
	pt_buf_puts(&sql, head ? "UPDATE participa_commitments c, participa_commitment_chain h SET c.progress = CASE c.id"
		: "UPDATE participa_commitments c SET c.progress = CASE c.id");
	if (leaf_id) {
		pt_buf_puts(&sql, " WHEN ? THEN ?");
		p[np++] = TEXT(leaf_id);
		p[np++] = TEXT(leaf_progress);
	}
	for (i = 0; i < plan->n; i++) {
		pt_buf_puts(&sql, " WHEN ? THEN ?");
		p[np++] = TEXT(plan->ids[i]);
		p[np++] = TEXT(plan->texts[i]);
		npil += plan->pillared[i] ? 1 : 0;
	}
	pt_buf_puts(&sql, " END, c.updated_at = ?");
	p[np++] = TEXT(at);
	if (head) {
		pt_buf_puts(&sql, ", h.seq = ?, h.hash = ?");
		p[np++] = PT_DB_INT_V(head->head.seq);
		p[np++] = PT_DB_TEXT_V(head->head.hash, 64);
	}
	pt_buf_puts(&sql, " WHERE c.id IN (");
	if (leaf_id) {
		pt_buf_puts(&sql, "?");
		p[np++] = TEXT(leaf_id);
	}
	for (i = 0; i < plan->n; i++) {
		pt_buf_puts(&sql, i || leaf_id ? ", ?" : "?");
		p[np++] = TEXT(plan->ids[i]);
	}
	pt_buf_puts(&sql, head ? ") AND h.id = 1" : ")");
	s = sql.failed ? pt_error_set(err, PT_ERR_NOMEM, "out of memory") : pt_db_exec(db, sql.data, p, np, NULL, NULL, err);
	pt_buf_free(&sql);
	if (s == PT_OK && head) {
		head->head_stored = head->head.seq;
	}
	if (s == PT_OK && npil > 0) {
		/* the pillar rows repeat progress for summary('pillar') */
		np = 0;
		pt_buf_init(&sql, arena->a);
		pt_buf_puts(&sql, "UPDATE participa_commitment_pillars SET progress = CASE commitment_id");
		for (i = 0; i < plan->n; i++) {
			if (plan->pillared[i]) {
				pt_buf_puts(&sql, " WHEN ? THEN ?");
				p[np++] = TEXT(plan->ids[i]);
				p[np++] = TEXT(plan->texts[i]);
			}
		}
		pt_buf_puts(&sql, " END WHERE commitment_id IN (");
		for (i = 0, j = 0; i < plan->n; i++) {
			if (plan->pillared[i]) {
				pt_buf_puts(&sql, j++ ? ", ?" : "?");
				p[np++] = TEXT(plan->ids[i]);
			}
		}
		pt_buf_puts(&sql, ")");
		s = sql.failed ? pt_error_set(err, PT_ERR_NOMEM, "out of memory")
			: pt_db_exec(db, sql.data, p, np, NULL, NULL, err);
		pt_buf_free(&sql);
	}
	return s;
}

typedef struct write_ctx {
	pt_commitment_store_write *w;
	pt_commitment_store_arena *arena;          /* per attempt */
	events ev;
	pt_commitment_counts counts;
} write_ctx;

typedef struct headrec_ctx {
	head_ctx *head;
	read_ctx rc;
} headrec_ctx;

static pt_status headrec_row_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	headrec_ctx *c = vctx;
	pt_status s = head_row_fn(c->head, cols, 2, err);

	if (s == PT_OK && cols[2].type != PT_DB_NULL) {
		s = record_row_fn(&c->rc, cols + 2, ncols - 2, err);
	}
	return s;
}

/*
 * The history head and the commitment, both FOR UPDATE, in one round trip
 * (head first: every write locks in that order).
 */
static pt_status lock_head_and_get(pt_db *db, head_ctx *h, const char *id, bool lists, pt_commitment_store_arena *arena,
	pt_commitment_record *out, bool *found, pt_error *err)
{
	pt_db_value p[1] = { TEXT(id) };
	headrec_ctx c;
	pt_status s;

	memset(&c, 0, sizeof(c));
	memset(h, 0, sizeof(*h));
	c.head = h;
	c.rc.arena = arena;
	*found = false;
	s = pt_db_query(db, "SELECT h.seq, h.hash, " CM_COLS " FROM participa_commitment_chain h "
		"LEFT JOIN participa_commitments c ON c.id = ? WHERE h.id = 1 FOR UPDATE", p, 1, headrec_row_fn, &c, err);
	if (s == PT_OK && !h->found) {
		return pt_error_set(err, PT_ERR_INTERNAL, "the commitment history head row is missing (migration 004)");
	}
	if (s != PT_OK || c.rc.count == 0) {
		return s;
	}
	*out = c.rc.items[0];
	*found = true;
	return lists ? load_lists(db, arena, out, true, err) : PT_OK;
}

/*
 * Ancestors whose progress an import recomputes once at the end, by depth
 * (deepest first). Ids are copied (through a): the rows' arenas come and go.
 */
typedef struct rollup_set {
	const pt_allocator *a;
	char **ids[PT_COMMITMENT_MAX_DEPTH];
	size_t count[PT_COMMITMENT_MAX_DEPTH], cap[PT_COMMITMENT_MAX_DEPTH];
} rollup_set;

static pt_status rollup_later(rollup_set *rs, const char *id, uint32_t depth, pt_error *err)
{
	char *copy;

	if (depth >= PT_COMMITMENT_MAX_DEPTH) {
		return pt_error_set(err, PT_ERR_INTERNAL, "roll-up depth %u out of range", depth);
	}
	if (pt_array_grow(rs->a, &rs->ids[depth], &rs->cap[depth], rs->count[depth], sizeof(char *), 64) != PT_OK
		|| !(copy = pt_strndup(rs->a, id, strlen(id)))) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	rs->ids[depth][rs->count[depth]++] = copy;
	return PT_OK;
}

static void rollup_set_free(rollup_set *rs)
{
	const pt_allocator *a;
	size_t d, i;

	for (d = 0; d < PT_COMMITMENT_MAX_DEPTH; d++) {
		for (i = 0; i < rs->count[d]; i++) {
			pt_free(rs->a, rs->ids[d][i]);
		}
		pt_free(rs->a, rs->ids[d]);
	}
	a = rs->a;
	memset(rs, 0, sizeof(*rs));
	rs->a = a;
}

/* later: an import's roll-up set (the ancestors are recomputed once at the
 * end), or NULL to roll up now. */
/* A refusal about one field of the write (w->field tells an import which column to name). */
static pt_status refuse_field(pt_commitment_store_write *w, int field, pt_error *err, pt_status code, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static pt_status refuse_field(pt_commitment_store_write *w, int field, pt_error *err, pt_status code, const char *fmt, ...)
{
	va_list ap;

	w->field = field;
	va_start(ap, fmt);
	pt_error_vset(err, code, fmt, ap);
	va_end(ap);
	return code;
}

static nodes_ctx *nodes_new(pt_commitment_store_arena *arena)
{
	nodes_ctx *nc = pt_commitment_store_arena_alloc(arena, sizeof(*nc));

	if (nc) {
		memset(nc, 0, sizeof(*nc));
		nc->arena = arena;
	}
	return nc;
}

/*
 * One write inside the caller's transaction. counts receives the write's
 * counter deltas (the caller applies them); later: an import's roll-up set
 * (the ancestors are recomputed once at the end), or NULL to roll up now.
 * The events and the roll-up are computed before anything is written.
 */
static pt_status write_in_tx(pt_db *db, pt_commitment_store_write *w, pt_commitment_store_arena *arena, events *ev, bool head_locked,
	rollup_set *later, pt_commitment_counts *counts, pt_error *err)
{
	pt_commitment_record old, nw, parent;
	bool exists = false, have_parent = false, closed = false;
	pt_commitment_facts facts;
	pt_status s;
	pt_buf diff;
	const char *changes, *action;
	int f;
	char *path = NULL;
	bool need_rollup, progress_only, pillar_rows;
	nodes_ctx *nc = NULL;
	rollup_plan plan;
	pt_commitment_count_state cs;

	bool lists = w->patch.set[PT_CMF_EVIDENCE] || w->patch.set[PT_CMF_MILESTONES] || w->patch.add_evidence_count;

	w->field = -1;
	plan.n = 0;

	memset(&old, 0, sizeof(old));
	memset(&parent, 0, sizeof(parent));
	/* evidence and milestones are read (and locked) only when the write
	 * touches them: otherwise they are equal on both sides of the diff */
	s = head_locked ? get_one(db, w->id, true, lists, arena, &old, &exists, err)
		: lock_head_and_get(db, &ev->head, w->id, lists, arena, &old, &exists, err);
	if (s != PT_OK) {
		return s;
	}
	if (!exists && w->must_exist) {
		return refuse_field(w, PT_CMF_ID, err, PT_ERR_NOT_FOUND, "No existe el compromiso '%s'.", w->id);
	}
	if (exists) {
		nw = old;
	} else {
		memset(&nw, 0, sizeof(nw));
		nw.v[PT_CMF_ID] = w->id;
	}
	for (f = 1; f < PT_CMF_COUNT; f++) {
		if (w->patch.set[f]) {
			nw.v[f] = w->patch.v[f];
		}
	}
	if (w->patch.set[PT_CMF_EVIDENCE]) {
		nw.evidence = w->patch.evidence;
		nw.evidence_count = w->patch.evidence_count;
	}
	if (w->patch.set[PT_CMF_MILESTONES]) {
		nw.milestones = w->patch.milestones;
		nw.milestone_count = w->patch.milestone_count;
	}
	if ((w->patch.set[PT_CMF_EVIDENCE] && w->patch.evidence_count > PT_COMMITMENT_MAX_EVIDENCE)
		|| (w->patch.set[PT_CMF_MILESTONES] && w->patch.milestone_count > PT_COMMITMENT_MAX_MILESTONES)) {
		return refuse_field(w, PT_CMF_EVIDENCE, err, PT_ERR_INVALID, "Un compromiso admite como máximo %d evidencias y %d hitos.",
			PT_COMMITMENT_MAX_EVIDENCE, PT_COMMITMENT_MAX_MILESTONES);
	}
	if (w->patch.add_evidence_count) {
		size_t n = nw.evidence_count + w->patch.add_evidence_count;
		pt_commitment_evidence *items = pt_commitment_store_arena_alloc(arena, n * sizeof(*items));
		pt_buf b;

		if (!items) {
			return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
		}
		if (nw.evidence_count) {
			memcpy(items, nw.evidence, nw.evidence_count * sizeof(*items));
		}
		memcpy(items + nw.evidence_count, w->patch.add_evidence, w->patch.add_evidence_count * sizeof(*items));
		nw.evidence = items;
		nw.evidence_count = n;
		if (n > PT_COMMITMENT_MAX_EVIDENCE) {
			return refuse_field(w, PT_CMF_EVIDENCE, err, PT_ERR_INVALID, "Un compromiso admite como máximo %d evidencias.",
				PT_COMMITMENT_MAX_EVIDENCE);
		}
		pt_buf_init(&b, arena->a);
		pt_commitment_evidence_json(&b, items, n);
		nw.v[PT_CMF_EVIDENCE] = b.failed ? NULL : pt_commitment_store_arena_strndup(arena, b.data, b.len);
		pt_buf_free(&b);
		if (!nw.v[PT_CMF_EVIDENCE]) {
			return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
		}
	}
	if (!exists && !nw.v[PT_CMF_EVIDENCE]) {
		nw.v[PT_CMF_EVIDENCE] = "[]";
	}
	if (!exists && !nw.v[PT_CMF_MILESTONES]) {
		nw.v[PT_CMF_MILESTONES] = "[]";
	}
	/* structure: parent, plan, depth */
	if (exists && !same(old.v[PT_CMF_PARENT], nw.v[PT_CMF_PARENT])) {
		return refuse_field(w, PT_CMF_PARENT, err, PT_ERR_CONFLICT, PT_COMMITMENT_IMPORT_MSG_PARENT_CHANGE, w->id);
	}
	if (exists && !same(old.v[PT_CMF_PLAN], nw.v[PT_CMF_PLAN])) {
		return refuse_field(w, PT_CMF_PLAN, err, PT_ERR_CONFLICT, PT_COMMITMENT_IMPORT_MSG_PLAN_CHANGE, w->id);
	}
	if (exists) {
		/* parent and plan cannot change: the stored path and depth stand,
		 * and the parent needs no read */
		nw.depth = old.depth;
		nw.path = old.path ? old.path : "";
		have_parent = nw.v[PT_CMF_PARENT] != NULL;
	} else if (nw.v[PT_CMF_PARENT]) {
		if (strcmp(nw.v[PT_CMF_PARENT], w->id) == 0) {
			return refuse_field(w, PT_CMF_PARENT, err, PT_ERR_CONFLICT, PT_COMMITMENT_IMPORT_MSG_OWN_PARENT);
		}
		s = get_one(db, nw.v[PT_CMF_PARENT], true, false, arena, &parent, &have_parent, err);
		if (s != PT_OK) {
			return s;
		}
		if (!have_parent) {
			return refuse_field(w, PT_CMF_PARENT, err, PT_ERR_NOT_FOUND, PT_COMMITMENT_IMPORT_MSG_NO_PARENT, nw.v[PT_CMF_PARENT]);
		}
		if (!same(parent.v[PT_CMF_PLAN], nw.v[PT_CMF_PLAN])) {
			return refuse_field(w, PT_CMF_PARENT, err, PT_ERR_CONFLICT, PT_COMMITMENT_IMPORT_MSG_OTHER_PLAN, nw.v[PT_CMF_PARENT]);
		}
		if (parent.depth + 1 >= PT_COMMITMENT_MAX_DEPTH) {
			return refuse_field(w, PT_CMF_PARENT, err, PT_ERR_CONFLICT, PT_COMMITMENT_IMPORT_MSG_DEPTH, PT_COMMITMENT_MAX_DEPTH);
		}
		nw.depth = parent.depth + 1;
		path = pt_commitment_store_arena_alloc(arena, strlen(parent.path ? parent.path : "") + strlen(parent.v[PT_CMF_ID]) + 2);
		if (!path) {
			return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
		}
		sprintf(path, "%s%s%s", parent.path && *parent.path ? parent.path : "",
			parent.path && *parent.path ? "/" : "", parent.v[PT_CMF_ID]);
		nw.path = path;
	} else {
		nw.depth = 0;
		nw.path = "";
	}
	if (exists && old.children > 0 && w->patch.set[PT_CMF_PROGRESS]
		&& !same(old.v[PT_CMF_PROGRESS], w->patch.v[PT_CMF_PROGRESS])) {
		return refuse_field(w, PT_CMF_PROGRESS, err, PT_ERR_INVALID, PT_COMMITMENT_IMPORT_MSG_ROLLED_UP, w->id, (long long)old.children);
	}
	facts.patch = &w->patch;
	facts.old = exists ? &old : NULL;
	facts.parent = have_parent && !exists ? &parent : NULL;
	if (w->check && (s = w->check(w->check_ctx, &facts, &nw, &closed, err)) != PT_OK) {
		w->field = PT_CMF_STATUS;   /* the check decides on the status and its transition */
		return s;
	}
	if (!nw.v[PT_CMF_PROGRESS]) {
		nw.v[PT_CMF_PROGRESS] = "0.00";
	}
	if (!nw.v[PT_CMF_PLAN] || !nw.v[PT_CMF_TITLE] || !nw.v[PT_CMF_STATUS]) {
		return pt_error_set(err, PT_ERR_INVALID, "Un compromiso necesita plan, título y estado.");
	}
	pt_buf_init(&diff, arena->a);
	w->changed = pt_commitment_diff(exists ? &old : NULL, &nw, &diff);
	changes = diff.failed ? NULL : pt_commitment_store_arena_strndup(arena, diff.data, diff.len);
	pt_buf_free(&diff);
	if (!changes) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	w->created = !exists;
	w->result = nw;
	w->changes = changes;
	if (exists && w->changed == 0) {
		return PT_OK;
	}
	w->result.updated_at = pt_commitment_store_arena_strndup(arena, ev->at, strlen(ev->at));
	w->result.closed = closed;
	if (!exists) {
		w->result.created_at = w->result.updated_at;
	}
	/* the commitment's event, then its ancestors' (the order of the chain is unchanged) */
	action = w->action ? w->action : exists ? "update" : "create";
	s = event_add(ev, arena, w->id, action, w->actor, changes, w->note, err);
	if (s != PT_OK) {
		return s;
	}
	w->seq = ev->head.seq;
	/* the counters: the stored state out, the new one in */
	if (exists) {
		record_state(&old, old.closed, &cs);
		pt_commitment_counts_add(counts, &cs, -1);
	}
	record_state(&nw, closed, &cs);
	pt_commitment_counts_add(counts, &cs, 1);
	need_rollup = have_parent && (!exists || !same(old.v[PT_CMF_PROGRESS], nw.v[PT_CMF_PROGRESS])
		|| !same(old.v[PT_CMF_WEIGHT], nw.v[PT_CMF_WEIGHT]));
	if (need_rollup && later) {
		s = rollup_later(later, nw.v[PT_CMF_PARENT], nw.depth - 1, err);
	} else if (need_rollup && exists) {
		/* the children of the ancestors, read (locked) before anything is written */
		s = (nc = nodes_new(arena)) ? rollup_fetch(db, arena, &nw, nc, err)
			: pt_error_set(err, PT_ERR_NOMEM, "out of memory");
		if (s == PT_OK) {
			s = rollup_compute(arena, &nw, nc, ev, w->actor, counts, &plan, err);
		}
	}
	if (s != PT_OK) {
		return s;
	}
	/* the pillar rows repeat progress, due date and closed flag */
	pillar_rows = nw.v[PT_CMF_PILLARS] && exists && (!same(old.v[PT_CMF_PROGRESS], nw.v[PT_CMF_PROGRESS])
		|| !same(old.v[PT_CMF_DUE], nw.v[PT_CMF_DUE]) || !same(old.v[PT_CMF_STATUS], nw.v[PT_CMF_STATUS])
		|| old.closed != closed);
	/* an update of progress alone (the common one: an official reports
	 * progress): no UPDATE of every column, its progress goes with the
	 * ancestors' in one statement */
	progress_only = exists && !same(old.v[PT_CMF_PROGRESS], nw.v[PT_CMF_PROGRESS]) && old.closed == closed
		&& old.evidence_count == nw.evidence_count && old.milestone_count == nw.milestone_count;
	for (f = 0; progress_only && f < PT_CMF_COUNT; f++) {
		progress_only = f == PT_CMF_PROGRESS || same(old.v[f], nw.v[f]);
	}
	if (!progress_only) {
		pt_db_value p[28];
		size_t np = 0;

		for (f = 0; f < CM_NFIELDS; f++) {
			p[np++] = OPT_TEXT(nw.v[f]);
		}
		p[np++] = PT_DB_INT_V(nw.depth);
		p[np++] = TEXT(nw.path);
		p[np++] = PT_DB_INT_V(closed ? 1 : 0);
		p[np++] = PT_DB_INT_V((int64_t)nw.evidence_count);
		p[np++] = PT_DB_INT_V((int64_t)nw.milestone_count);
		p[np++] = w->agreement_id ? PT_DB_INT_V(w->agreement_id) : PT_DB_NULL_V;
		p[np++] = TEXT(ev->at);
		p[np++] = TEXT(ev->at);
		if (exists) {
			/* a plain UPDATE: an upsert would first attempt the INSERT and
			 * meet the duplicate key; InnoDB then only touches the index
			 * entries whose columns changed */
			pt_db_value u[CM_NFIELDS - 3 + 5];   /* title .. verification, closed, counts, updated_at, id */
			size_t nu = 0;

			for (f = 3; f < CM_NFIELDS; f++) {
				u[nu++] = OPT_TEXT(nw.v[f]);
			}
			u[nu++] = PT_DB_INT_V(closed ? 1 : 0);
			u[nu++] = PT_DB_INT_V((int64_t)nw.evidence_count);
			u[nu++] = PT_DB_INT_V((int64_t)nw.milestone_count);
			u[nu++] = TEXT(ev->at);
			u[nu++] = TEXT(w->id);
			s = pt_db_exec(db, "UPDATE participa_commitments SET title = ?, description = ?, problem = ?, "
				"objective = ?, agency_id = ?, actors = ?, theme_id = ?, pillars = ?, territory_id = ?, "
				"start_date = ?, due_date = ?, budget = ?, weight = ?, status = ?, progress = ?, verification = ?, "
				"closed = ?, evidence_count = ?, milestone_count = ?, updated_at = ? WHERE id = ?", u, nu, NULL,
				NULL, err);
		} else {
			s = pt_db_exec(db, "INSERT INTO participa_commitments (id, plan_id, parent_id, title, description, "
				"problem, objective, agency_id, actors, theme_id, pillars, territory_id, start_date, due_date, "
				"budget, weight, status, progress, verification, depth, path, closed, evidence_count, "
				"milestone_count, agreement_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
				"?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", p, np, NULL, NULL, err);
		}
	}
	/* a new commitment has no pillar, evidence or milestone rows to replace:
	 * those statements run only when it brings some (an import of bare rows
	 * then costs half the round trips) */
	if (s == PT_OK && (exists ? !same(old.v[PT_CMF_PILLARS], nw.v[PT_CMF_PILLARS]) : nw.v[PT_CMF_PILLARS] != NULL)) {
		s = write_pillars(db, &nw, closed, err);
	} else if (s == PT_OK && pillar_rows) {
		pt_db_value p[4] = { TEXT(nw.v[PT_CMF_PROGRESS]), OPT_TEXT(nw.v[PT_CMF_DUE]), PT_DB_INT_V(closed ? 1 : 0),
			TEXT(w->id) };

		s = pt_db_exec(db, "UPDATE participa_commitment_pillars SET progress = ?, due_date = ?, closed = ? "
			"WHERE commitment_id = ?", p, 4, NULL, NULL, err);
	}
	if (s == PT_OK) {
		s = write_lists(db, &nw, exists ? !same(old.v[PT_CMF_EVIDENCE], nw.v[PT_CMF_EVIDENCE]) : nw.evidence_count > 0,
			exists ? !same(old.v[PT_CMF_MILESTONES], nw.v[PT_CMF_MILESTONES]) : nw.milestone_count > 0, err);
	}
	if (s == PT_OK && !exists && have_parent) {
		pt_db_value p[1] = { TEXT(parent.v[PT_CMF_ID]) };

		s = pt_db_exec(db, "UPDATE participa_commitments SET children = children + 1 WHERE id = ?", p, 1, NULL,
			NULL, err);
	}
	if (s == PT_OK && need_rollup && !later && !exists) {
		/* a new child: its siblings are read with it in place */
		s = (nc = nodes_new(arena)) ? rollup_fetch(db, arena, &nw, nc, err)
			: pt_error_set(err, PT_ERR_NOMEM, "out of memory");
		if (s == PT_OK) {
			s = rollup_compute(arena, &nw, nc, ev, w->actor, counts, &plan, err);
		}
	}
	/* a single write's events are all known now: the head moves in the same statement */
	if (s == PT_OK) {
		s = rollup_write(db, arena, &plan, progress_only ? w->id : NULL, nw.v[PT_CMF_PROGRESS],
			head_locked || later ? NULL : ev, ev->at, err);
	}
	w->rolled_up = plan.n;
	return s;
}

static pt_status write_unit(pt_db *db, void *vctx, pt_error *err)
{
	write_ctx *c = vctx;
	pt_status s;

	pt_commitment_store_arena_free(c->arena);
	c->arena = pt_commitment_store_arena_new(c->w->alloc);
	if (!c->arena) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	c->ev.a = c->w->alloc;
	memset(&c->ev.head, 0, sizeof(c->ev.head));
	c->ev.head_stored = 0;   /* a replay starts from nothing written */
	c->ev.items = NULL;
	c->ev.count = c->ev.cap = 0;
	pt_commitment_counts_reset(&c->counts);
	s = write_in_tx(db, c->w, c->arena, &c->ev, false, NULL, &c->counts, err);
	if (s == PT_OK) {
		s = events_flush(db, &c->ev, err);
	}
	if (s == PT_OK) {
		s = pt_commitment_counts_flush(db, &c->counts, err);
	}
	return s;
}

pt_status pt_commitment_store_write_commitment(pt_db *db, pt_commitment_store_write *w, pt_error *err)
{
	write_ctx c;
	char at[32];
	pt_status s;

	memset(&c, 0, sizeof(c));
	c.w = w;
	pt_commitment_counts_init(&c.counts, w->alloc);
	if (w->at) {
		c.ev.at = w->at;
	} else {
		now_text(at);
		c.ev.at = at;
	}
	s = pt_db_transaction(db, write_unit, &c, 0, NULL, err);
	pt_commitment_counts_free(&c.counts);
	if (s == PT_OK && w->want_result) {
		w->result_arena = c.arena;   /* the result's strings live there */
	} else {
		pt_commitment_store_arena_free(c.arena);
		memset(&w->result, 0, sizeof(w->result));
	}
	return s;
}

/* ---- imports --------------------------------------------------------------------- */

typedef struct facts_ctx {
	pt_commitment_store_arena *arena;
	pt_commitment_import_stored *items;
	size_t count, cap;
	bool nomem;
} facts_ctx;

static pt_status facts_row_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	facts_ctx *c = vctx;
	pt_commitment_import_stored *f;

	if (!arena_grow(c->arena, &c->items, &c->cap, c->count, sizeof(*c->items), 64)) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	f = &c->items[c->count++];
	f->id = acol(c->arena, &cols[0], &c->nomem);
	f->plan = acol(c->arena, &cols[1], &c->nomem);
	f->parent = acol(c->arena, &cols[2], &c->nomem);
	f->depth = (uint32_t)pt_db_col_int(&cols[3]);
	f->children = pt_db_col_int(&cols[4]);
	f->progress = acol(c->arena, &cols[5], &c->nomem);
	if (!f->id || !f->plan || !f->progress) {
		c->nomem = true;
	}
	return c->nomem ? pt_error_set(err, PT_ERR_NOMEM, "out of memory") : PT_OK;
}

#define FACTS_CHUNK 500

pt_status pt_commitment_store_stored_facts(pt_db *db, const char *const *ids, size_t n, pt_commitment_store_arena *arena, pt_commitment_import_stored **out,
	size_t *count, pt_error *err)
{
	facts_ctx c = { arena, NULL, 0, 0, false };
	pt_db_value *p = pt_calloc(arena->a, FACTS_CHUNK, sizeof(*p));
	pt_status s = PT_OK;
	size_t from = 0;

	if (!p) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	while (s == PT_OK && from < n) {
		/* full chunks share one statement text; the last one pads with its first id */
		size_t k, take = n - from < FACTS_CHUNK ? n - from : FACTS_CHUNK, slots = take == FACTS_CHUNK ? take
			: take <= 16 ? 16 : take <= 64 ? 64 : FACTS_CHUNK;
		pt_buf sql;

		pt_buf_init(&sql, arena->a);
		pt_buf_puts(&sql, "SELECT id, plan_id, parent_id, depth, children, progress FROM participa_commitments "
			"WHERE id IN (");
		for (k = 0; k < slots; k++) {
			pt_buf_puts(&sql, k ? ", ?" : "?");
			p[k] = TEXT(ids[from + (k < take ? k : 0)]);
		}
		pt_buf_puts(&sql, ")");
		s = sql.failed ? pt_error_set(err, PT_ERR_NOMEM, "out of memory")
			: pt_db_query(db, sql.data, p, slots, facts_row_fn, &c, err);
		pt_buf_free(&sql);
		from += take;
	}
	pt_free(arena->a, p);
	if (s == PT_OK) {
		*out = c.items;
		*count = c.count;
	}
	return s;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The import's roll-up: every ancestor whose children changed, deepest
 * first, each ONCE (one locking read of its children and itself, one
 * UPDATE when its progress moves, and its parent queued in turn), so the
 * work is O(children of the ancestors), not O(rows x children).
 */
static pt_status rollup_batch(pt_db *db, rollup_set *rs, events *ev, const char *actor, pt_commitment_counts *counts,
	pt_error *err)
{
	size_t d, i, j;
	pt_status s = PT_OK;

	for (d = PT_COMMITMENT_MAX_DEPTH; s == PT_OK && d-- > 0;) {
		char **ids = rs->ids[d];
		size_t n = rs->count[d];

		if (n == 0) {
			continue;
		}
		qsort(ids, n, sizeof(char *), cmp_str);   /* glibc: a merge sort, O(n log n) */
		for (i = 0; s == PT_OK && i < n; i++) {
			pt_commitment_store_arena *arena;
			nodes_ctx *nc;
			pt_db_value p[2] = { TEXT(ids[i]), TEXT(ids[i]) };
			int32_t *prog = NULL;
			int64_t *w = NULL;
			size_t k = 0;
			node *self = NULL;

			if (i > 0 && strcmp(ids[i], ids[i - 1]) == 0) {
				continue;
			}
			arena = pt_commitment_store_arena_new(rs->a);
			nc = pt_calloc(rs->a, 1, sizeof(*nc));
			if (!arena || !nc) {
				pt_commitment_store_arena_free(arena);
				pt_free(rs->a, nc);
				return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
			}
			nc->arena = arena;
			s = pt_db_query(db, "SELECT " NODE_COLS " FROM participa_commitments WHERE parent_id = ? OR id = ? "
				"FOR UPDATE", p, 2, node_row_fn, nc, err);
			if (s == PT_OK) {
				prog = pt_alloc(rs->a, (nc->count + 1) * sizeof(int32_t));
				w = pt_alloc(rs->a, (nc->count + 1) * sizeof(int64_t));
				if (!prog || !w) {
					s = pt_error_set(err, PT_ERR_NOMEM, "out of memory");
				}
			}
			for (j = 0; s == PT_OK && j < nc->count; j++) {
				node *x = node_at(nc, j);

				if (strcmp(x->id, ids[i]) == 0) {
					self = x;
				} else {
					prog[k] = x->progress;
					w[k++] = x->weight;
				}
			}
			if (s == PT_OK && !self) {
				s = pt_error_set(err, PT_ERR_INTERNAL, "ancestor '%s' not found", ids[i]);
			}
			if (s == PT_OK) {
				int32_t bp = pt_commitment_rollup(prog, w, k);

				if (bp != self->progress || !self->old_progress[0]) {
					char text[8];
					pt_buf ch;
					const char *changes;
					pt_commitment_count_state cs;

					node_state(self, self->progress, &cs);
					pt_commitment_counts_add(counts, &cs, -1);
					node_state(self, bp, &cs);
					pt_commitment_counts_add(counts, &cs, 1);

					pt_commitment_progress_text(bp, text);
					pt_buf_init(&ch, rs->a);
					pt_buf_puts(&ch, "{\"progress\":[");
					pt_buf_json_opt(&ch, self->old_progress[0] ? self->old_progress : NULL);
					pt_buf_puts(&ch, ",");
					pt_buf_json_opt(&ch, text);
					pt_buf_puts(&ch, "]}");
					changes = ch.failed ? NULL : pt_commitment_store_arena_strndup(arena, ch.data, ch.len);
					pt_buf_free(&ch);
					if (!changes) {
						s = pt_error_set(err, PT_ERR_NOMEM, "out of memory");
					} else {
						pt_db_value u[3] = { TEXT(text), TEXT(ev->at), TEXT(ids[i]) };

						s = pt_db_exec(db, "UPDATE participa_commitments SET progress = ?, updated_at = ? WHERE id = ?",
							u, 3, NULL, NULL, err);
						if (s == PT_OK && self->has_pillars) {
							pt_db_value q[2] = { TEXT(text), TEXT(ids[i]) };

							s = pt_db_exec(db, "UPDATE participa_commitment_pillars SET progress = ? "
								"WHERE commitment_id = ?", q, 2, NULL, NULL, err);
						}
						if (s == PT_OK) {
							s = event_add(ev, arena, ids[i], "rollup", actor, changes, "import", err);
						}
						/* the events' strings live in this arena: insert them now */
						if (s == PT_OK) {
							s = events_insert_pending(db, ev, err);
						}
						if (s == PT_OK && self->parent && d > 0) {
							s = rollup_later(rs, self->parent, (uint32_t)(d - 1), err);
						}
					}
				}
			}
			pt_free(rs->a, prog);
			pt_free(rs->a, w);
			pt_free(rs->a, nc);
			pt_commitment_store_arena_free(arena);
		}
	}
	return s;
}

/* Rows per arena (and per events INSERT): memory stays bounded. */
#define IMPORT_BATCH 64

typedef struct import_ctx {
	pt_commitment_store_import *im;
	events ev;
	pt_commitment_counts counts;
	bool *refused;
	bool rolled_back;
} import_ctx;

static bool is_refusal(pt_status s)
{
	return s == PT_ERR_INVALID || s == PT_ERR_CONFLICT || s == PT_ERR_NOT_FOUND || s == PT_ERR_NOT_ALLOWED;
}

static pt_status import_unit(pt_db *db, void *vctx, pt_error *err)
{
	import_ctx *c = vctx;
	pt_commitment_store_import *im = c->im;
	pt_commitment_store_arena *arena = NULL;
	rollup_set rs;
	size_t k, in_batch = 0;
	int64_t first_seq;
	pt_status s;

	memset(&rs, 0, sizeof(rs));
	rs.a = im->alloc;
	memset(c->refused, 0, (im->nrows ? im->nrows : 1) * sizeof(bool));
	im->refused = 0;
	c->ev.a = im->alloc;
	c->ev.items = NULL;
	c->ev.count = c->ev.cap = 0;
	pt_commitment_counts_reset(&c->counts);
	s = lock_head(db, &c->ev.head, err);
	first_seq = c->ev.head.seq;
	for (k = 0; s == PT_OK && k < im->count; k++) {
		size_t i = im->order[k];
		int64_t pr = im->parent_row ? im->parent_row[i] : -1;
		pt_commitment_store_write w;
		pt_error refusal;

		if (i >= im->nrows) {
			s = pt_error_set(err, PT_ERR_INTERNAL, "import order out of range");
			break;
		}
		if (pr >= 0 && (size_t)pr < im->nrows && c->refused[pr]) {
			/* a parent refused by this attempt leaves its subtree out */
			c->refused[i] = true;
			im->refused++;
			s = im->fn ? im->fn(im->fn_ctx, i, PT_COMMITMENT_IMPORT_SKIPPED, 0, NULL, NULL, PT_CMF_PARENT, err) : PT_OK;
			continue;
		}
		if (!arena && !(arena = pt_commitment_store_arena_new(im->alloc))) {
			s = pt_error_set(err, PT_ERR_NOMEM, "out of memory");
			break;
		}
		memset(&w, 0, sizeof(w));
		w.id = im->ids[i];
		w.action = "import";
		w.actor = im->actor;
		w.note = "";
		w.patch = im->patches[i];
		w.check = im->check;
		w.check_ctx = im->check_ctx;
		pt_error_clear(&refusal);
		s = write_in_tx(db, &w, arena, &c->ev, true, &rs, &c->counts, &refusal);
		if (s != PT_OK && is_refusal(s)) {
			c->refused[i] = true;
			im->refused++;
			s = im->fn ? im->fn(im->fn_ctx, i, PT_COMMITMENT_IMPORT_REFUSED, 0, NULL, &refusal, w.field, err) : PT_OK;
		} else if (s != PT_OK) {
			*err = refusal;
		} else if (im->fn) {
			s = im->fn(im->fn_ctx, i, w.created ? PT_COMMITMENT_IMPORT_CREATE : w.changed ? PT_COMMITMENT_IMPORT_UPDATE
				: PT_COMMITMENT_IMPORT_UNCHANGED, w.changed, w.changes, NULL, -1, err);
		}
		if (s == PT_OK && ++in_batch == IMPORT_BATCH) {
			/* the events point into the batch's arena: insert them, then let it go */
			s = events_insert_pending(db, &c->ev, err);
			pt_commitment_store_arena_free(arena);
			arena = NULL;
			in_batch = 0;
		}
	}
	if (s == PT_OK) {
		s = events_insert_pending(db, &c->ev, err);
	}
	pt_commitment_store_arena_free(arena);
	/* with a refusal everything is rolled back: the roll-up would change nothing that stays */
	if (s == PT_OK && im->refused == 0) {
		s = rollup_batch(db, &rs, &c->ev, im->actor, &c->counts, err);
	}
	if (s == PT_OK && im->refused == 0) {
		s = pt_commitment_counts_flush(db, &c->counts, err);
	}
	rollup_set_free(&rs);
	if (s == PT_OK && c->ev.head.seq != first_seq) {
		s = head_update(db, &c->ev, err);
	}
	if (s == PT_OK && (im->dry_run || im->refused)) {
		/* nothing of it may stay: pt_db_transaction() rolls back on any failure */
		c->rolled_back = true;
		return pt_error_set(err, PT_ERR_CONFLICT, "import rolled back");
	}
	return s;
}

pt_status pt_commitment_store_import_run(pt_db *db, pt_commitment_store_import *im, pt_error *err)
{
	import_ctx c;
	char at[32];
	pt_status s;

	memset(&c, 0, sizeof(c));
	c.im = im;
	im->committed = false;
	im->refused = 0;
	if (im->at) {
		c.ev.at = im->at;
	} else {
		now_text(at);
		c.ev.at = at;
	}
	c.refused = pt_calloc(im->alloc, im->nrows ? im->nrows : 1, sizeof(bool));
	if (!c.refused) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	pt_commitment_counts_init(&c.counts, im->alloc);
	s = pt_db_transaction(db, import_unit, &c, 0, NULL, err);
	pt_commitment_counts_free(&c.counts);
	if (s == PT_ERR_CONFLICT && c.rolled_back) {
		pt_error_clear(err);
		s = PT_OK;
	} else if (s == PT_OK) {
		im->committed = true;
	}
	pt_free(im->alloc, c.refused);
	return s;
}

/* ---- summaries ---------------------------------------------------------------- */

typedef struct group_ctx {
	pt_commitment_store_group_fn fn;
	void *ctx;
	int64_t total;
	int64_t commitments;          /* pillars: the fifth column, commitments in scope (-1: no row came) */
} group_ctx;

static pt_status group_row_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	group_ctx *g = vctx;
	int64_t count = pt_db_col_int(&cols[1]);

	g->total += count;
	if (ncols > 4) {
		g->commitments = pt_db_col_int(&cols[4]);
	}
	return g->fn(g->ctx, cols[0].type == PT_DB_TEXT ? cols[0].s : "", cols[0].type == PT_DB_TEXT ? cols[0].len : 0,
		count, pt_db_col_double(&cols[2]), pt_db_col_int(&cols[3]), err);
}

static pt_status count_row_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	*(int64_t *)vctx = pt_db_col_int(&cols[0]);
	return PT_OK;
}

/*
 * From the counters (schema/013_commitment_counts.sql): a few rows per group
 * (one per due date an open commitment of the group has), whatever the
 * number of commitments. SUM(progress_sum) / SUM(n) is the decimal division
 * AVG() did over the rows; a group whose commitments all went is gone.
 */
pt_status pt_commitment_store_summary(pt_db *db, pt_commitment_by by, const char *plan, bool roots_only, const char *late_before,
	pt_commitment_store_group_fn fn, void *ctx, int64_t *total, pt_error *err)
{
	char sql[900], where[128];
	pt_db_value p[5];
	size_t np = 0, nw = 0;
	group_ctx g = { fn, ctx, 0, -1 };
	pt_db_value wp[1];
	pt_status s;
	int n = 0;

	where[0] = '\0';
	if (plan) {
		n += snprintf(where + n, sizeof(where) - (size_t)n, " AND plan_id = ?");
		wp[nw++] = TEXT(plan);
	}
	if (roots_only) {
		snprintf(where + n, sizeof(where) - (size_t)n, " AND level = 0");
	}
	/* placeholders in the text's order: the late date, [the subquery's dim, plan], dim, plan */
	p[np++] = TEXT(late_before);
	if (by == PT_COMMITMENT_BY_PILLAR) {
		/* a commitment with several pillars counts once: the plan rows count commitments (same round trip) */
		p[np++] = PT_DB_INT_V((int64_t)PT_COMMITMENT_BY_PLAN);
		if (nw) {
			p[np++] = wp[0];
		}
	}
	p[np++] = PT_DB_INT_V((int64_t)by);
	if (nw) {
		p[np++] = wp[0];
	}
	snprintf(sql, sizeof(sql), "SELECT k, SUM(n), SUM(progress_sum) / SUM(n), SUM(IF(open_due < ?, n, 0))%s%s%s "
		"FROM participa_commitment_counts WHERE dim = ?%s GROUP BY k HAVING SUM(n) > 0 ORDER BY k",
		by == PT_COMMITMENT_BY_PILLAR ? ", (SELECT COALESCE(SUM(n), 0) FROM participa_commitment_counts WHERE dim = ?" : "",
		by == PT_COMMITMENT_BY_PILLAR ? where : "", by == PT_COMMITMENT_BY_PILLAR ? ")" : "", where);
	s = pt_db_query(db, sql, p, np, group_row_fn, &g, err);
	if (s != PT_OK) {
		return s;
	}
	*total = g.total;
	if (by == PT_COMMITMENT_BY_PILLAR) {
		*total = g.commitments;
		if (g.commitments < 0) {
			/* no pillar group: the commitments are still counted */
			p[0] = PT_DB_INT_V((int64_t)PT_COMMITMENT_BY_PLAN);
			p[1] = nw ? wp[0] : PT_DB_NULL_V;
			snprintf(sql, sizeof(sql), "SELECT COALESCE(SUM(n), 0) FROM participa_commitment_counts WHERE dim = ?%s", where);
			*total = 0;
			s = pt_db_query(db, sql, p, 1 + nw, count_row_fn, total, err);
		}
	}
	return s;
}

pt_status pt_commitment_store_version(pt_db *db, int64_t *seq, pt_error *err)
{
	head_ctx h;
	pt_status s;

	memset(&h, 0, sizeof(h));
	s = pt_db_query(db, "SELECT seq, hash FROM participa_commitment_chain WHERE id = 1", NULL, 0, head_row_fn, &h,
		err);
	*seq = h.seq;
	return s;
}

/* ---- history ---------------------------------------------------------------------- */

#define EVENT_COLS "seq, commitment_id, action, actor, at, changes, note, prev_hash, hash"

typedef struct ev_ctx {
	pt_commitment_store_event_fn fn;
	void *ctx;
	const pt_allocator *a;
} ev_ctx;

static void event_from_cols(const pt_db_value *cols, pt_commitment_store_event_row *r, pt_commitment_store_arena *a, bool *nomem)
{
	r->e.seq = pt_db_col_int(&cols[0]);
	r->e.commitment = acol(a, &cols[1], nomem);
	r->e.action = acol(a, &cols[2], nomem);
	r->e.actor = acol(a, &cols[3], nomem);
	r->e.at = acol(a, &cols[4], nomem);
	r->e.changes = acol(a, &cols[5], nomem);
	r->e.note = acol(a, &cols[6], nomem);
	r->prev_hash = acol(a, &cols[7], nomem);
	r->hash = acol(a, &cols[8], nomem);
}

static pt_status ev_row_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	ev_ctx *c = vctx;
	pt_commitment_store_arena *a = pt_commitment_store_arena_new(c->a);
	pt_commitment_store_event_row r;
	bool nomem = false;
	pt_status s;

	if (!a) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	event_from_cols(cols, &r, a, &nomem);
	s = nomem ? pt_error_set(err, PT_ERR_NOMEM, "out of memory") : c->fn(c->ctx, &r, err);
	pt_commitment_store_arena_free(a);
	return s;
}

pt_status pt_commitment_store_history(pt_db *db, const char *id, pt_commitment_store_event_fn fn, void *ctx,
	const pt_allocator *alloc, pt_error *err)
{
	ev_ctx c = { fn, ctx, alloc };
	pt_db_value p[1];

	if (!id) {
		return pt_db_query(db, "SELECT " EVENT_COLS " FROM participa_commitment_events ORDER BY seq", NULL, 0,
			ev_row_fn, &c, err);
	}
	p[0] = TEXT(id);
	return pt_db_query(db, "SELECT " EVENT_COLS " FROM participa_commitment_events WHERE commitment_id = ? "
		"ORDER BY seq", p, 1, ev_row_fn, &c, err);
}

typedef struct verify_ctx {
	pt_commitment_store_verify_result *out;
	char prev[65];
	int64_t expect_seq;
} verify_ctx;

static pt_status verify_fn(void *vctx, const pt_commitment_store_event_row *r, pt_error *err)
{
	verify_ctx *v = vctx;
	char hash[65];
	pt_status s;

	if (!v->out->ok) {
		return PT_OK;   /* the first mismatch is the one reported; drain the rest */
	}
	v->out->events++;
	s = pt_commitment_event_hash(&r->e, v->prev, hash, err);
	if (s != PT_OK) {
		return s;
	}
	if (r->e.seq != v->expect_seq) {
		snprintf(v->out->reason, sizeof(v->out->reason), "falta el evento %lld (sigue el %lld)",
			(long long)v->expect_seq, (long long)r->e.seq);
	} else if (!r->prev_hash || strcmp(r->prev_hash, v->prev) != 0) {
		snprintf(v->out->reason, sizeof(v->out->reason), "prev_hash no coincide con el hash del evento anterior");
	} else if (!r->hash || strcmp(r->hash, hash) != 0) {
		snprintf(v->out->reason, sizeof(v->out->reason), "el contenido del evento no coincide con su hash");
	} else {
		memcpy(v->prev, r->hash, 65);
		v->expect_seq++;
		return PT_OK;
	}
	v->out->ok = false;
	v->out->bad_seq = r->e.seq;
	snprintf(v->out->bad_commitment, sizeof(v->out->bad_commitment), "%s", r->e.commitment ? r->e.commitment : "");
	return PT_OK;
}

/*
 * The second half of verify(): the stored rows against the history. The
 * events of each commitment, replayed in order from nothing, must give
 * exactly its stored values (every field, evidence and milestones included),
 * and each event must start from the state the previous one left. A row
 * edited, inserted or deleted in SQL without an event is found here, which
 * the chain alone cannot see. Each commitment is kept as an 8-byte digest
 * (SHA-256, truncated) per field, so memory is O(commitments), and every
 * table is read once, streamed: O(events + rows).
 */
#define DIG 8

typedef struct replay_entry {
	char *id;
	uint8_t dig[PT_CMF_COUNT][DIG];
	int64_t last_seq;
	bool seen_row, seen_evidence, seen_milestones;
} replay_entry;

typedef struct replay_ctx {
	pt_commitment_store_verify_result *out;
	replay_entry *items;
	size_t count, cap;
	/* the commitment being replayed */
	char *cur;
	char *val[PT_CMF_COUNT];
	size_t len[PT_CMF_COUNT];
	int64_t seq;
	bool nomem;
} replay_ctx;

/* SHA-256 of a tag ("n" for NULL, "v" + the bytes), truncated; false when memory ran out. */
static bool digest_of(const char *v, size_t len, uint8_t out[DIG])
{
	uint8_t d[PT_SHA256_BYTES];
	pt_sha256 *h = pt_sha256_begin();

	if (!h) {
		memset(out, 0, DIG);
		return false;
	}
	pt_sha256_update(h, v ? "v" : "n", 1);
	if (v) {
		pt_sha256_update(h, v, len);
	}
	pt_sha256_finish(h, d);
	memcpy(out, d, DIG);
	return true;
}

static void verify_fail(pt_commitment_store_verify_result *out, int64_t seq, const char *commitment, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void verify_fail(pt_commitment_store_verify_result *out, int64_t seq, const char *commitment, const char *fmt, ...)
{
	va_list ap;

	if (!out->ok) {
		return;   /* the first problem is the one reported */
	}
	out->ok = false;
	out->bad_seq = seq;
	snprintf(out->bad_commitment, sizeof(out->bad_commitment), "%s", commitment ? commitment : "");
	va_start(ap, fmt);
	vsnprintf(out->reason, sizeof(out->reason), fmt, ap);
	va_end(ap);
}

static void replay_reset(replay_ctx *r)
{
	int f;

	for (f = 0; f < PT_CMF_COUNT; f++) {
		free(r->val[f]);
		r->val[f] = NULL;
		r->len[f] = 0;
	}
	free(r->cur);
	r->cur = NULL;
}

/* The commitment replayed so far becomes an entry. */
static void replay_finish(replay_ctx *r)
{
	replay_entry *e;
	int f;

	if (!r->cur) {
		return;
	}
	if (r->count == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 256;
		replay_entry *items = realloc(r->items, cap * sizeof(*items));

		if (!items) {
			r->nomem = true;
			replay_reset(r);
			return;
		}
		r->items = items;
		r->cap = cap;
	}
	e = &r->items[r->count++];
	memset(e, 0, sizeof(*e));
	e->id = r->cur;
	r->cur = NULL;
	e->last_seq = r->seq;
	for (f = 0; f < PT_CMF_COUNT; f++) {
		r->nomem |= !digest_of(r->val[f], r->len[f], e->dig[f]);
	}
	replay_reset(r);
}

static pt_status replay_change(void *vctx, pt_commitment_field f, const char *old, size_t old_len, const char *nw,
	size_t nw_len, pt_error *err)
{
	replay_ctx *r = vctx;

	if ((old == NULL) != (r->val[f] == NULL) || (old && (old_len != r->len[f] || memcmp(old, r->val[f], old_len)))) {
		verify_fail(r->out, r->seq, r->cur, "el evento %lld no parte del estado que dejó el anterior de '%s' "
			"(campo %s)", (long long)r->seq, r->cur, pt_commitment_field_names[f]);
	}
	free(r->val[f]);
	r->val[f] = NULL;
	r->len[f] = 0;
	if (nw) {
		if (!(r->val[f] = malloc(nw_len + 1))) {
			return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
		}
		memcpy(r->val[f], nw, nw_len);
		r->val[f][nw_len] = '\0';
		r->len[f] = nw_len;
	}
	return PT_OK;
}

static pt_status replay_row_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	replay_ctx *r = vctx;
	const char *id, *changes;
	size_t id_len, changes_len;
	pt_error perr;

	pt_db_col_str(&cols[1], &id, &id_len);
	pt_db_col_str(&cols[2], &changes, &changes_len);
	if (!id) {
		return PT_OK;
	}
	if (!r->cur || strlen(r->cur) != id_len || memcmp(r->cur, id, id_len) != 0) {
		replay_finish(r);
		if (r->nomem || !(r->cur = strndup(id, id_len))) {
			return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
		}
	}
	r->seq = pt_db_col_int(&cols[0]);
	pt_error_clear(&perr);
	if (pt_commitment_changes_parse(changes, changes_len, replay_change, r, NULL, &perr) != PT_OK) {
		if (perr.code == PT_ERR_NOMEM) {
			*err = perr;
			return PT_ERR_NOMEM;
		}
		verify_fail(r->out, r->seq, r->cur, "los cambios del evento %lld no se pueden leer", (long long)r->seq);
	}
	return PT_OK;
}

static int entry_cmp(const void *a, const void *b)
{
	return strcmp(((const replay_entry *)a)->id, ((const replay_entry *)b)->id);
}

static replay_entry *entry_find(replay_ctx *r, const char *id, size_t len)
{
	size_t lo = 0, hi = r->count;
	char key[PT_ID_MAX + 1];

	if (len > PT_ID_MAX) {
		return NULL;
	}
	memcpy(key, id, len);
	key[len] = '\0';
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(r->items[mid].id, key);

		if (c == 0) {
			return &r->items[mid];
		}
		if (c < 0) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return NULL;
}

static pt_status stored_row_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	replay_ctx *r = vctx;
	const char *id;
	size_t id_len;
	replay_entry *e;
	int f;

	pt_db_col_str(&cols[0], &id, &id_len);
	if (!id || !(e = entry_find(r, id, id_len))) {
		char buf[65];

		snprintf(buf, sizeof(buf), "%.*s", (int)(id_len > 64 ? 64 : id_len), id ? id : "");
		verify_fail(r->out, 0, buf, "el compromiso '%s' no tiene historia: se escribió fuera de participa", buf);
		return PT_OK;
	}
	e->seen_row = true;
	for (f = 0; f < CM_NFIELDS; f++) {
		const char *v;
		size_t len;
		uint8_t d[DIG];

		pt_db_col_str(&cols[f], &v, &len);
		if (!digest_of(v, len, d)) {
			return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
		}
		if (memcmp(d, e->dig[f], DIG) != 0) {
			verify_fail(r->out, e->last_seq, e->id, "el valor guardado de %s en '%s' no es el que deja su historia: "
				"se cambió fuera de participa", pt_commitment_field_names[f], e->id);
		}
	}
	return PT_OK;
}

/* Evidence or milestones of one commitment at a time (rows ordered by commitment, position). */
typedef struct list_replay {
	replay_ctx *r;
	bool evidence;
	char *cur;
	pt_commitment_store_arena *arena;
	list_ctx lc;
} list_replay;

static void list_replay_finish(list_replay *l)
{
	pt_buf b;
	replay_entry *e;
	pt_commitment_field f = l->evidence ? PT_CMF_EVIDENCE : PT_CMF_MILESTONES;

	if (!l->cur) {
		return;
	}
	e = entry_find(l->r, l->cur, strlen(l->cur));
	pt_buf_init(&b, NULL);
	if (l->evidence) {
		pt_commitment_evidence_json(&b, l->lc.ev, l->lc.count);
	} else {
		pt_commitment_milestones_json(&b, l->lc.ms, l->lc.count);
	}
	if (b.failed) {
		l->r->nomem = true;
	} else if (!e) {
		verify_fail(l->r->out, 0, l->cur, l->evidence ? "'%s' tiene evidencias pero no tiene historia"
			: "'%s' tiene hitos pero no tiene historia", l->cur);
	} else {
		uint8_t d[DIG];

		l->r->nomem |= !digest_of(b.data, b.len, d);
		if (l->evidence) {
			e->seen_evidence = true;
		} else {
			e->seen_milestones = true;
		}
		if (memcmp(d, e->dig[f], DIG) != 0) {
			if (l->evidence) {
				verify_fail(l->r->out, e->last_seq, e->id, "las evidencias guardadas de '%s' no son las que deja su "
					"historia: se cambiaron fuera de participa", e->id);
			} else {
				verify_fail(l->r->out, e->last_seq, e->id, "los hitos guardados de '%s' no son los que deja su "
					"historia: se cambiaron fuera de participa", e->id);
			}
		}
	}
	pt_buf_free(&b);
	free(l->cur);
	l->cur = NULL;
	pt_commitment_store_arena_free(l->arena);
	l->arena = NULL;
	memset(&l->lc, 0, sizeof(l->lc));
}

static pt_status list_replay_row_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	list_replay *l = vctx;
	const char *id;
	size_t id_len;

	pt_db_col_str(&cols[0], &id, &id_len);
	if (!id) {
		return PT_OK;
	}
	if (!l->cur || strlen(l->cur) != id_len || memcmp(l->cur, id, id_len) != 0) {
		list_replay_finish(l);
		if (l->r->nomem || !(l->cur = strndup(id, id_len)) || !(l->arena = pt_commitment_store_arena_new(NULL))) {
			return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
		}
		l->lc.arena = l->arena;
	}
	return l->evidence ? evidence_row_fn(&l->lc, cols + 1, ncols - 1, err) : milestone_row_fn(&l->lc, cols + 1,
		ncols - 1, err);
}

static pt_status verify_state(pt_db *db, pt_commitment_store_verify_result *out, pt_error *err)
{
	replay_ctx r;
	list_replay l;
	uint8_t empty[DIG];
	size_t i;
	pt_status s;

	memset(&r, 0, sizeof(r));
	r.out = out;
	s = pt_db_query(db, "SELECT seq, commitment_id, changes FROM participa_commitment_events "
		"ORDER BY commitment_id, seq", NULL, 0, replay_row_fn, &r, err);
	if (s == PT_OK) {
		replay_finish(&r);
		if (r.nomem) {
			s = pt_error_set(err, PT_ERR_NOMEM, "out of memory");
		}
	}
	replay_reset(&r);
	if (s == PT_OK && r.count) {
		qsort(r.items, r.count, sizeof(*r.items), entry_cmp);
	}
	if (s == PT_OK) {
		s = pt_db_query(db, "SELECT " CM_COLS " FROM participa_commitments c", NULL, 0, stored_row_fn, &r, err);
	}
	memset(&l, 0, sizeof(l));
	l.r = &r;
	l.evidence = true;
	if (s == PT_OK) {
		s = pt_db_query(db, "SELECT commitment_id, url, reference, description, evidence_date, added_by "
			"FROM participa_commitment_evidence ORDER BY commitment_id, position", NULL, 0, list_replay_row_fn, &l, err);
	}
	list_replay_finish(&l);
	l.evidence = false;
	if (s == PT_OK) {
		s = pt_db_query(db, "SELECT commitment_id, title, due_date, done FROM participa_commitment_milestones "
			"ORDER BY commitment_id, position", NULL, 0, list_replay_row_fn, &l, err);
	}
	list_replay_finish(&l);
	if (s == PT_OK && r.nomem) {
		s = pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	if (!digest_of("[]", 2, empty) && s == PT_OK) {
		s = pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	for (i = 0; i < r.count; i++) {
		replay_entry *e = &r.items[i];

		if (s == PT_OK && !e->seen_row) {
			verify_fail(out, e->last_seq, e->id, "el compromiso '%s' tiene historia pero ya no está guardado: se borró "
				"fuera de participa", e->id);
		}
		if (s == PT_OK && e->seen_row && ((!e->seen_evidence && memcmp(e->dig[PT_CMF_EVIDENCE], empty, DIG) != 0)
			|| (!e->seen_milestones && memcmp(e->dig[PT_CMF_MILESTONES], empty, DIG) != 0))) {
			verify_fail(out, e->last_seq, e->id, "faltan evidencias o hitos de '%s' que su historia registra: se "
				"borraron fuera de participa", e->id);
		}
		free(e->id);
	}
	free(r.items);
	return s;
}

pt_status pt_commitment_store_verify(pt_db *db, pt_commitment_store_verify_result *out, pt_error *err)
{
	verify_ctx v;
	head_ctx h;
	pt_status s;

	memset(out, 0, sizeof(*out));
	out->ok = true;
	memset(&v, 0, sizeof(v));
	v.out = out;
	memcpy(v.prev, PT_COMMITMENT_GENESIS, 65);
	v.expect_seq = 1;
	s = pt_commitment_store_history(db, NULL, verify_fn, &v, NULL, err);
	if (s != PT_OK || !out->ok) {
		return s;
	}
	memset(&h, 0, sizeof(h));
	s = pt_db_query(db, "SELECT seq, hash FROM participa_commitment_chain WHERE id = 1", NULL, 0, head_row_fn, &h,
		err);
	if (s == PT_OK && (h.seq != v.expect_seq - 1 || strcmp(h.hash, v.prev) != 0)) {
		out->ok = false;
		out->bad_seq = v.expect_seq;
		snprintf(out->reason, sizeof(out->reason), "la cabeza de la cadena (evento %lld) no coincide con el "
			"último evento (%lld): se borraron eventos", (long long)h.seq, (long long)(v.expect_seq - 1));
	}
	if (s == PT_OK && out->ok) {
		s = verify_state(db, out, err);
	}
	return s;
}

/* ---- assemblies ------------------------------------------------------------------------ */

typedef struct assembly_ctx {
	pt_commitment_assembly *a;
	pt_commitment_store_arena *arena;
	events ev;
	pt_commitment_counts counts;
} assembly_ctx;

static pt_status assembly_unit(pt_db *db, void *vctx, pt_error *err)
{
	assembly_ctx *c = vctx;
	pt_commitment_assembly *a = c->a;
	pt_db_value p[8];
	uint64_t id = 0;
	size_t i;
	pt_status s;

	pt_commitment_store_arena_free(c->arena);
	c->arena = pt_commitment_store_arena_new(a->alloc);
	if (!c->arena) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	c->ev.a = a->alloc;
	c->ev.items = NULL;
	c->ev.count = c->ev.cap = 0;
	pt_commitment_counts_reset(&c->counts);
	s = lock_head(db, &c->ev.head, err);
	if (s != PT_OK) {
		return s;
	}
	p[0] = TEXT(a->territory);
	p[1] = TEXT(a->held_on);
	p[2] = TEXT(a->place);
	p[3] = PT_DB_INT_V(a->attendance);
	p[4] = OPT_TEXT(a->agenda);
	p[5] = OPT_TEXT(a->minutes);
	p[6] = TEXT(a->recorded_by);
	p[7] = TEXT(c->ev.at);
	s = pt_db_exec(db, "INSERT INTO participa_assemblies (territory_id, held_on, place, attendance, agenda, minutes, "
		"recorded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", p, 8, NULL, &id, err);
	for (i = 0; s == PT_OK && i < a->attendee_count; i++) {
		pt_db_value q[3] = { PT_DB_INT_V((int64_t)id), PT_DB_INT_V((int64_t)i), TEXT(a->attendees[i]) };

		s = pt_db_exec(db, "INSERT INTO participa_assembly_attendance (assembly_id, position, name) VALUES (?, ?, ?)",
			q, 3, NULL, NULL, err);
	}
	for (i = 0; s == PT_OK && i < a->agreement_count; i++) {
		uint64_t agreement = 0;
		char cid[64];
		pt_db_value q[4] = { PT_DB_INT_V((int64_t)id), PT_DB_INT_V((int64_t)i), TEXT(a->agreements[i]) };

		s = pt_db_exec(db, "INSERT INTO participa_agreements (assembly_id, position, text) VALUES (?, ?, ?)", q, 3,
			NULL, &agreement, err);
		if (s != PT_OK || !a->plan) {
			continue;
		}
		snprintf(cid, sizeof(cid), "acuerdo-%llu-%zu", (unsigned long long)id, i + 1);
		{
			pt_commitment_store_write w;
			char title[501];
			size_t tl = strlen(a->agreements[i]);

			/* the title is the agreement's first 500 bytes, cut on a UTF-8 boundary */
			if (tl > 500) {
				tl = 500;
				while (tl > 0 && ((unsigned char)a->agreements[i][tl] & 0xC0) == 0x80) {
					tl--;
				}
			}
			memcpy(title, a->agreements[i], tl);
			title[tl] = '\0';
			memset(&w, 0, sizeof(w));
			w.id = cid;
			w.action = "agreement";
			w.actor = a->recorded_by;
			w.note = "acuerdo de asamblea";
			w.agreement_id = (int64_t)agreement;
			w.patch.set[PT_CMF_PLAN] = true;
			w.patch.v[PT_CMF_PLAN] = a->plan;
			w.patch.set[PT_CMF_TITLE] = true;
			w.patch.v[PT_CMF_TITLE] = title;
			w.patch.set[PT_CMF_DESCRIPTION] = true;
			w.patch.v[PT_CMF_DESCRIPTION] = a->agreements[i];
			w.patch.set[PT_CMF_TERRITORY] = true;
			w.patch.v[PT_CMF_TERRITORY] = a->territory;
			w.patch.set[PT_CMF_STATUS] = true;
			w.patch.v[PT_CMF_STATUS] = a->status;
			w.patch.set[PT_CMF_START] = true;
			w.patch.v[PT_CMF_START] = a->held_on;
			s = write_in_tx(db, &w, c->arena, &c->ev, true, NULL, &c->counts, err);
		}
		if (s == PT_OK) {
			pt_db_value u[2] = { TEXT(cid), PT_DB_INT_V((int64_t)agreement) };

			s = pt_db_exec(db, "UPDATE participa_agreements SET commitment_id = ? WHERE id = ?", u, 2, NULL, NULL,
				err);
		}
	}
	if (s == PT_OK) {
		s = events_flush(db, &c->ev, err);
	}
	if (s == PT_OK) {
		s = pt_commitment_counts_flush(db, &c->counts, err);
	}
	a->id = (int64_t)id;
	return s;
}

pt_status pt_commitment_store_assembly_record(pt_db *db, pt_commitment_assembly *a, pt_error *err)
{
	assembly_ctx c;
	char at[32];
	pt_status s;
	size_t i;

	memset(&c, 0, sizeof(c));
	c.a = a;
	if (a->at) {
		c.ev.at = a->at;
	} else {
		now_text(at);
		c.ev.at = at;
	}
	a->commitment_ids = NULL;
	pt_commitment_counts_init(&c.counts, a->alloc);
	s = pt_db_transaction(db, assembly_unit, &c, 0, NULL, err);
	pt_commitment_counts_free(&c.counts);
	pt_commitment_store_arena_free(c.arena);
	if (s == PT_OK && a->plan && a->agreement_count) {
		a->commitment_ids = pt_calloc(a->alloc, a->agreement_count, sizeof(char *));
		if (!a->commitment_ids) {
			return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
		}
		for (i = 0; i < a->agreement_count; i++) {
			char cid[64];

			snprintf(cid, sizeof(cid), "acuerdo-%llu-%zu", (unsigned long long)a->id, i + 1);
			a->commitment_ids[i] = pt_strndup(a->alloc, cid, strlen(cid));
		}
	}
	return s;
}

void pt_commitment_store_assembly_free_ids(pt_commitment_assembly *a)
{
	size_t i;

	if (!a->commitment_ids) {
		return;
	}
	for (i = 0; i < a->agreement_count; i++) {
		pt_free(a->alloc, a->commitment_ids[i]);
	}
	pt_free(a->alloc, a->commitment_ids);
	a->commitment_ids = NULL;
}

typedef struct asm_ctx {
	pt_commitment_store_assembly_fn fn;
	void *ctx;
	const pt_allocator *a;
} asm_ctx;

static pt_status asm_row_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	asm_ctx *c = vctx;
	pt_commitment_store_arena *a = pt_commitment_store_arena_new(c->a);
	pt_commitment_store_assembly_row r;
	bool nomem = false;
	pt_status s;

	if (!a) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	r.id = pt_db_col_int(&cols[0]);
	r.territory = acol(a, &cols[1], &nomem);
	r.held_on = acol(a, &cols[2], &nomem);
	r.place = acol(a, &cols[3], &nomem);
	r.attendance = (uint32_t)pt_db_col_int(&cols[4]);
	r.agenda = acol(a, &cols[5], &nomem);
	r.minutes = acol(a, &cols[6], &nomem);
	r.recorded_by = acol(a, &cols[7], &nomem);
	r.created_at = acol(a, &cols[8], &nomem);
	s = nomem ? pt_error_set(err, PT_ERR_NOMEM, "out of memory") : c->fn(c->ctx, &r, err);
	pt_commitment_store_arena_free(a);
	return s;
}

pt_status pt_commitment_store_assemblies(pt_db *db, const char *territory, pt_commitment_store_assembly_fn fn, void *ctx,
	const pt_allocator *alloc, pt_error *err)
{
	asm_ctx c = { fn, ctx, alloc };
	pt_db_value p[1];

	if (!territory) {
		return pt_db_query(db, "SELECT id, territory_id, held_on, place, attendance, agenda, minutes, recorded_by, "
			"created_at FROM participa_assemblies ORDER BY held_on DESC, id DESC", NULL, 0, asm_row_fn, &c, err);
	}
	p[0] = TEXT(territory);
	return pt_db_query(db, "SELECT id, territory_id, held_on, place, attendance, agenda, minutes, recorded_by, "
		"created_at FROM participa_assemblies WHERE territory_id = ? ORDER BY held_on DESC, id DESC", p, 1,
		asm_row_fn, &c, err);
}

typedef struct text_ctx {
	pt_commitment_store_text_fn fn;
	void *ctx;
	const pt_allocator *a;
} text_ctx;

static pt_status text_row_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	text_ctx *c = vctx;
	char *a = NULL, *b = NULL;
	pt_status s;

	if (cols[0].type == PT_DB_TEXT && !(a = pt_strndup(c->a, cols[0].s, cols[0].len))) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	if (ncols > 1 && cols[1].type == PT_DB_TEXT && !(b = pt_strndup(c->a, cols[1].s, cols[1].len))) {
		pt_free(c->a, a);
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	s = c->fn(c->ctx, a ? a : "", b, err);
	pt_free(c->a, a);
	pt_free(c->a, b);
	return s;
}

pt_status pt_commitment_store_assembly_attendance(pt_db *db, int64_t id, pt_commitment_store_text_fn fn, void *ctx,
	const pt_allocator *alloc, pt_error *err)
{
	text_ctx c = { fn, ctx, alloc };
	pt_db_value p[1] = { PT_DB_INT_V(id) };

	return pt_db_query(db, "SELECT name FROM participa_assembly_attendance WHERE assembly_id = ? ORDER BY position",
		p, 1, text_row_fn, &c, err);
}

pt_status pt_commitment_store_assembly_agreements(pt_db *db, int64_t id, pt_commitment_store_text_fn fn, void *ctx,
	const pt_allocator *alloc, pt_error *err)
{
	text_ctx c = { fn, ctx, alloc };
	pt_db_value p[1] = { PT_DB_INT_V(id) };

	return pt_db_query(db, "SELECT text, commitment_id FROM participa_agreements WHERE assembly_id = ? "
		"ORDER BY position", p, 1, text_row_fn, &c, err);
}
