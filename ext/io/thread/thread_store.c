/*
 * participa io: the SQL of deliberation threads. See thread_store.h.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "io/thread/thread_store.h"
#include "io/participant/participant_store.h"
#include "core/common/pt_time.h"

#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* ------------------------------------------------------------------ time */

int64_t pt_thread_store_time_us(const char *s, size_t len)
{
	return pt_time_db_us(s, len);   /* "YYYY-MM-DD HH:MM:SS[.ffffff]" */
}

void pt_thread_store_time_text(int64_t us, char buf[32])
{
	pt_time_format_db(us, buf);
}

/* --------------------------------------------------------------- helpers */

/*
 * The longest prefix of s of at most max_chars characters (VARCHAR counts
 * characters) that ends on a character boundary, in bytes: a text cut to fit
 * a column must stay valid UTF-8, or the server refuses the row (strict
 * mode) instead of storing it.
 */
static size_t text_prefix(const char *s, size_t len, size_t max_chars)
{
	size_t i = 0, chars = 0;

	while (i < len && chars < max_chars) {
		unsigned char ch = (unsigned char)s[i];
		size_t n = ch < 0x80 ? 1 : ch < 0xE0 ? 2 : ch < 0xF0 ? 3 : 4;

		if (i + n > len) {
			break;
		}
		i += n;
		chars++;
	}
	return i;
}

/* VARCHAR(1000) of rule messages and log reasons. */
#define PT_THREAD_NOTE_CHARS 1000

#define TEXT(p) PT_DB_TEXT_V((p), strlen(p))
#define OPT_TEXT(p) ((p) ? PT_DB_TEXT_V((p), strlen(p)) : PT_DB_NULL_V)
/* a note for a VARCHAR(1000) column, cut to fit on a character boundary */
#define OPT_NOTE(p) ((p) ? PT_DB_TEXT_V((p), text_prefix((p), strlen(p), PT_THREAD_NOTE_CHARS)) : PT_DB_NULL_V)

static pt_db_value dbl(double d)
{
	pt_db_value v = { .type = PT_DB_DOUBLE, .d = d };
	return v;
}

static bool col_null(const pt_db_value *v)
{
	return v->type == PT_DB_NULL;
}

static pt_cstatus col_status(const pt_db_value *v)
{
	pt_cstatus s = PT_COMMENT_PUBLISHED;

	if (v->type == PT_DB_TEXT) {
		pt_cstatus_from_name(v->s, v->len, &s);
	}
	return s;
}

/* ------------------------------------------------------------ comment rows */

/* The columns every comment read selects, in this order (alias c, r = viewer's reaction). */
#define COMMENT_COLS \
	"c.id, c.thread_id, c.parent_id, c.root_id, c.depth, c.author, c.body, c.alignment, c.status, " \
	"c.rule, c.rule_message, c.redactions, c.official_answer, c.official_by, c.up_count, " \
	"c.down_count, c.agree_count, c.disagree_count, c.pass_count, c.reply_count, c.flag_count, " \
	"c.wilson, c.controversial, c.version, c.created_at, c.edited_at, r.vote, r.stance"
#define COMMENT_NCOLS 28

static void comment_from_cols(const pt_db_value *cols, pt_thread_store_comment *c)
{
	memset(c, 0, sizeof(*c));
	c->row.id = pt_db_col_int(&cols[0]);
	c->thread_id = pt_db_col_int(&cols[1]);
	c->row.parent_id = pt_db_col_int(&cols[2]);
	c->row.root_id = pt_db_col_int(&cols[3]);
	if (c->row.root_id == 0) {
		c->row.root_id = c->row.id;
	}
	c->row.depth = (uint32_t)pt_db_col_int(&cols[4]);
	pt_db_col_str(&cols[5], &c->row.author, &c->row.author_len);
	pt_db_col_str(&cols[6], &c->body, &c->body_len);
	if (cols[7].type == PT_DB_TEXT) {
		c->alignment = cols[7].len == 3 && memcmp(cols[7].s, "for", 3) == 0 ? "for"
			: cols[7].len == 7 && memcmp(cols[7].s, "against", 7) == 0 ? "against" : "neutral";
	}
	c->status = col_status(&cols[8]);
	c->row.status = (uint8_t)c->status;
	c->row.deleted = c->status == PT_COMMENT_DELETED;
	pt_db_col_str(&cols[9], &c->rule, &c->rule_len);
	pt_db_col_str(&cols[10], &c->rule_message, &c->rule_message_len);
	pt_db_col_str(&cols[11], &c->redactions, &c->redactions_len);
	c->official = pt_db_col_int(&cols[12]) != 0;
	pt_db_col_str(&cols[13], &c->official_by, &c->official_by_len);
	c->row.up = (uint32_t)pt_db_col_int(&cols[14]);
	c->row.down = (uint32_t)pt_db_col_int(&cols[15]);
	c->agree = (uint32_t)pt_db_col_int(&cols[16]);
	c->disagree = (uint32_t)pt_db_col_int(&cols[17]);
	c->pass = (uint32_t)pt_db_col_int(&cols[18]);
	c->row.replies = (uint32_t)pt_db_col_int(&cols[19]);
	c->flags = (uint32_t)pt_db_col_int(&cols[20]);
	c->wilson = pt_db_col_double(&cols[21]);
	c->controversial = pt_db_col_double(&cols[22]);
	c->version = (uint32_t)pt_db_col_int(&cols[23]);
	pt_db_col_str(&cols[24], &c->created_at, &c->created_at_len);
	c->row.created_us = pt_thread_store_time_us(c->created_at, c->created_at_len);
	pt_db_col_str(&cols[25], &c->edited_at, &c->edited_at_len);
	c->viewer_vote = (int)pt_db_col_int(&cols[26]);
	if (cols[27].type == PT_DB_TEXT) {
		c->viewer_stance = cols[27].len == 5 && memcmp(cols[27].s, "agree", 5) == 0 ? "agree"
			: cols[27].len == 8 ? "disagree" : "pass";
	}
}

typedef struct comment_cb {
	pt_thread_store_comment_fn fn;
	void *ctx;
	bool with_subject;
	size_t rows;
	bool with_wide;      /* one more column: the roots' probe (pt_thread_store_children()) */
} comment_cb;

static pt_status comment_row_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	comment_cb *cb = vctx;
	pt_thread_store_comment c;

	if (ncols < COMMENT_NCOLS) {
		return pt_error_set(err, PT_ERR_INTERNAL, "comment query returned %zu columns", ncols);
	}
	comment_from_cols(cols, &c);
	if (cb->with_subject && ncols >= COMMENT_NCOLS + 2) {
		pt_db_col_str(&cols[COMMENT_NCOLS], &c.subject_type, &c.subject_type_len);
		pt_db_col_str(&cols[COMMENT_NCOLS + 1], &c.subject_id, &c.subject_id_len);
	}
	if (cb->with_wide && ncols > COMMENT_NCOLS) {
		c.wide = cols[COMMENT_NCOLS].type != PT_DB_NULL;
	}
	cb->rows++;
	return cb->fn ? cb->fn(cb->ctx, &c, err) : PT_OK;
}

/* ------------------------------------------------------------------ threads */

typedef struct thread_row {
	bool found;
	pt_thread_store_thread t;
} thread_row;

static pt_status thread_row_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	thread_row *r = vctx;

	r->found = true;
	r->t.id = pt_db_col_int(&cols[0]);
	r->t.premoderate = pt_db_col_int(&cols[1]) != 0;
	return PT_OK;
}

pt_status pt_thread_store_thread_open(pt_db *db, const char *type, size_t type_len, const char *id,
	size_t id_len, pt_thread_store_thread *out, pt_error *err)
{
	static const char sel[] = "SELECT id, premoderate FROM participa_threads WHERE subject_type = ? AND subject_id = ?";
	pt_db_value p[2] = { PT_DB_TEXT_V(type, type_len), PT_DB_TEXT_V(id, id_len) };
	thread_row r = { false };
	pt_status s;

	s = pt_db_query(db, sel, p, 2, thread_row_fn, &r, err);
	if (s != PT_OK) {
		return s;
	}
	if (!r.found) {
		/* autocommit: a single statement is its own transaction; the unique
		 * key lets concurrent first posters agree on one thread */
		s = pt_db_exec(db, "INSERT IGNORE INTO participa_threads (subject_type, subject_id, created_at) "
			"VALUES (?, ?, UTC_TIMESTAMP(6))", p, 2, NULL, NULL, err);
		if (s != PT_OK) {
			return s;
		}
		s = pt_db_query(db, sel, p, 2, thread_row_fn, &r, err);
		if (s != PT_OK) {
			return s;
		}
		if (!r.found) {
			return pt_error_set(err, PT_ERR_INTERNAL, "the thread was created but cannot be read back");
		}
	}
	*out = r.t;
	return PT_OK;
}

static pt_status log_action(pt_db *db, const char *action, const char *moderator, int64_t comment_id,
	int64_t thread_id, const char *participant, const char *reason, pt_error *err)
{
	pt_db_value p[6] = {
		TEXT(action), TEXT(moderator),
		comment_id ? PT_DB_INT_V(comment_id) : PT_DB_NULL_V,
		thread_id ? PT_DB_INT_V(thread_id) : PT_DB_NULL_V,
		OPT_TEXT(participant), OPT_NOTE(reason ? reason : "")
	};

	return pt_db_exec(db, "INSERT INTO participa_moderation_log (action, moderator, comment_id, thread_id, "
		"participant, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6))", p, 6, NULL, NULL, err);
}

typedef struct premod_ctx {
	int64_t thread_id;
	bool on;
	const char *moderator, *reason;
} premod_ctx;

static pt_status premod_unit(pt_db *db, void *vctx, pt_error *err)
{
	premod_ctx *c = vctx;
	pt_db_value p[2] = { PT_DB_INT_V(c->on ? 1 : 0), PT_DB_INT_V(c->thread_id) };
	pt_status s;

	s = pt_db_exec(db, "UPDATE participa_threads SET premoderate = ? WHERE id = ?", p, 2, NULL, NULL, err);
	if (s != PT_OK) {
		return s;
	}
	return log_action(db, c->on ? "premoderate_on" : "premoderate_off", c->moderator, 0, c->thread_id,
		NULL, c->reason, err);
}

pt_status pt_thread_store_thread_premoderate(pt_db *db, const pt_thread_rules *r, bool on, const char *moderator,
	const char *reason, pt_error *err)
{
	premod_ctx c = { r->thread_id, on, moderator, reason };
	pt_participant_actor actor;
	pt_participant_actor_text text;

	if (pt_participant_actor_get(db, moderator, &actor, &text, err) != PT_OK
			|| pt_thread_check_moderator(r->cfg, moderator, &actor, r->scope, err) != PT_OK) {
		return err->code;
	}
	return pt_db_transaction(db, premod_unit, &c, 0, NULL, err);
}

/* -------------------------------------------------------------------- facts */

/* A participant's facts: PT_PARTICIPANT_ACTOR_COLS (io/participant/participant_actor.h). */

/*
 * Everything a decision needs, in one round trip. Parameters:
 *  1 participant  2 participant  3 participant (territory)
 *  4 author  5 window_s  6 cap         (rate: recent comments)
 *  7 thread  8 author  9 idempotency key
 * 10 comment id (target / parent)
 * The thread's pre-moderation flag is the target's thread's.
 */
#define FACTS_SQL_BODY \
	"SELECT " PT_PARTICIPANT_ACTOR_COLS ", " \
	"(SELECT COUNT(*) FROM (SELECT 1 FROM participa_comments a WHERE a.author = ? " \
	"  AND a.created_at > UTC_TIMESTAMP(6) - INTERVAL ? SECOND LIMIT ?) recent), " \
	"(SELECT e.id FROM participa_comments e WHERE e.thread_id = ? AND e.author = ? AND e.idempotency_key = ?), " \
	"(SELECT t.premoderate FROM participa_threads t WHERE t.id = c.thread_id), " \
	"c.id, c.thread_id, c.parent_id, c.root_id, c.depth, c.author, c.status, c.version, c.up_count, " \
	"c.down_count, c.agree_count, c.disagree_count, c.pass_count, c.flag_count, c.reply_count, " \
	"c.official_answer, TIMESTAMPDIFF(SECOND, c.created_at, UTC_TIMESTAMP(6)), c.counted_at_insert " \
	"FROM (SELECT 1 AS one) d LEFT JOIN participa_comments c ON c.id = ?"

static const char facts_sql[] = FACTS_SQL_BODY;
static const char facts_sql_lock[] = FACTS_SQL_BODY " FOR UPDATE";

typedef struct facts_buf {
	pt_thread_store_facts f;
	pt_participant_actor_text actor;
	char author[192];
} facts_buf;

/* The target comment's 17 columns from c[0] (id) to c[16] (age_s), as both
 * facts queries select them; author is copied into buf. */
static void target_cols(const pt_db_value *c, pt_thread_store_target *t, char *buf, size_t size)
{
	t->found = true;
	t->id = pt_db_col_int(&c[0]);
	t->thread_id = pt_db_col_int(&c[1]);
	t->parent_id = pt_db_col_int(&c[2]);
	t->root_id = pt_db_col_int(&c[3]);
	if (t->root_id == 0) {
		t->root_id = t->id;
	}
	t->depth = (uint32_t)pt_db_col_int(&c[4]);
	t->author = pt_db_col_copy(&c[5], buf, size);
	t->status = col_status(&c[6]);
	t->version = (uint32_t)pt_db_col_int(&c[7]);
	t->up = (uint32_t)pt_db_col_int(&c[8]);
	t->down = (uint32_t)pt_db_col_int(&c[9]);
	t->agree = (uint32_t)pt_db_col_int(&c[10]);
	t->disagree = (uint32_t)pt_db_col_int(&c[11]);
	t->pass = (uint32_t)pt_db_col_int(&c[12]);
	t->flags = (uint32_t)pt_db_col_int(&c[13]);
	t->replies = (uint32_t)pt_db_col_int(&c[14]);
	t->official = pt_db_col_int(&c[15]) != 0;
	t->age_s = pt_db_col_int(&c[16]);
}

static pt_status facts_row_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	facts_buf *b = vctx;
	pt_thread_store_facts *f = &b->f;

	memset(f, 0, sizeof(*f));
	if (pt_participant_actor_col(cols, &f->actor, &b->actor, err) != PT_OK) {
		return err->code;
	}
	f->recent = (uint32_t)pt_db_col_int(&cols[3]);
	f->existing_id = pt_db_col_int(&cols[4]);
	f->thread_premoderate = pt_db_col_int(&cols[5]) != 0;
	if (!col_null(&cols[6])) {
		target_cols(&cols[6], &f->target, b->author, sizeof(b->author));
		f->target.counted_at_insert = pt_db_col_int(&cols[23]) != 0;
	}
	return PT_OK;
}

static pt_status load_facts(pt_db *db, bool lock, const char *participant, int64_t thread_id,
	uint32_t window_s, uint32_t cap, const char *idem, int64_t comment_id, facts_buf *b, pt_error *err)
{
	pt_db_value p[10] = {
		OPT_TEXT(participant), OPT_TEXT(participant), OPT_TEXT(participant),
		OPT_TEXT(participant), PT_DB_INT_V(window_s), PT_DB_INT_V(window_s ? cap : 0),
		PT_DB_INT_V(thread_id), OPT_TEXT(participant), OPT_TEXT(idem),
		PT_DB_INT_V(comment_id)
	};

	memset(b, 0, sizeof(*b));
	return pt_db_query(db, lock ? facts_sql_lock : facts_sql, p, 10, facts_row_fn, b, err);
}

/* Where a read puts a viewer's facts. */
typedef struct actor_sink {
	pt_participant_actor *actor;
	pt_participant_actor_text *text;
} actor_sink;

/* --------------------------------------------------------- status changes */

/*
 * Moves a comment from one status to another, keeping every counter true:
 * the thread's count per status, its roots holding a public place, and the
 * parent's reply_count (public replies).
 */
static pt_status move_status(pt_db *db, const pt_thread_store_target *t, pt_cstatus to, pt_error *err)
{
	int64_t d[PT_CSTATUS_COUNT] = { 0 };
	int pub_delta = (int)pt_cstatus_public(to) - (int)pt_cstatus_public(t->status);
	bool counted = t->counted_at_insert;
	pt_status s;

	if (to == t->status) {
		return PT_OK;
	}
	{
		pt_db_value p[3] = { TEXT(pt_cstatus_name(to)), PT_DB_INT_V(pt_cstatus_public(to) ? 1 : 0),
			PT_DB_INT_V(t->id) };
		s = pt_db_exec(db, "UPDATE participa_comments SET status = ?, public = ? WHERE id = ?", p, 3,
			NULL, NULL, err);
		if (s != PT_OK) {
			return s;
		}
	}
	d[t->status] -= 1;
	d[to] += 1;
	if (!t->counted_at_insert) {
		/* a one-statement root (schema 007) is in the stored counters only
		 * once a fold has passed it; until then readers count it with the
		 * status it has now, and the fold adds it once. The thread row is
		 * locked to read that (comment first, then thread: the order of
		 * every path), so a fold cannot pass it unseen before this commits. */
		pt_db_value p[1] = { PT_DB_INT_V(t->thread_id) };
		pt_db_int_cell upto = { 0, false };

		s = pt_db_query(db, "SELECT folded_upto FROM participa_threads WHERE id = ? FOR UPDATE", p, 1,
			pt_db_int_cell_fn, &upto, err);
		if (s != PT_OK) {
			return s;
		}
		counted = upto.found && t->id <= upto.value;
	}
	if (counted) {
		pt_db_value p[7] = { PT_DB_INT_V(d[PT_COMMENT_PUBLISHED]), PT_DB_INT_V(d[PT_COMMENT_HELD]),
			PT_DB_INT_V(d[PT_COMMENT_HIDDEN]), PT_DB_INT_V(d[PT_COMMENT_DELETED]), PT_DB_INT_V(d[PT_COMMENT_REJECTED]),
			PT_DB_INT_V(t->depth == 0 ? pub_delta : 0), PT_DB_INT_V(t->thread_id) };
		s = pt_db_exec(db, "UPDATE participa_threads SET published_count = published_count + ?, "
			"held_count = held_count + ?, hidden_count = hidden_count + ?, deleted_count = deleted_count + ?, "
			"rejected_count = rejected_count + ?, root_count = root_count + ? WHERE id = ?", p, 7, NULL, NULL, err);
		if (s != PT_OK) {
			return s;
		}
	}
	if (pub_delta != 0 && t->parent_id != 0) {
		pt_db_value p[2] = { PT_DB_INT_V(pub_delta), PT_DB_INT_V(t->parent_id) };
		s = pt_db_exec(db, "UPDATE participa_comments SET reply_count = reply_count + ? WHERE id = ?", p, 2,
			NULL, NULL, err);
	}
	return s;
}

pt_status pt_thread_store_move_status(pt_db *db, const pt_thread_store_target *t, pt_cstatus to, pt_error *err)
{
	return move_status(db, t, to, err);
}

/* --------------------------------------------------------------------- post */

/*
 * The facts a post needs, in one statement that reads only what this post
 * can use: the rate subquery only under a rate limit, the idempotency lookup
 * only with a key, the parent only for a reply. Every subquery or joined
 * table costs the server optimiser time on each execution (measured: the
 * general facts query with all of them took ~0.12 ms of server time more
 * than this one for a root post), and a post is otherwise a handful of
 * primary-key operations.
 *
 * One row per DB role (the roles are joined, not GROUP_CONCAT'ed: no
 * temporary sort), at least one row; no row when the thread does not exist.
 * It also returns the server's clock, the created_at the INSERT stores, so
 * the caller can answer with the stored comment without reading it back.
 *
 * Parameters, in order: [author, window_s, cap] [author, key] participant,
 * participant, [parent id], thread id.
 */
/* Mentions stored per INSERT statement (a post has at most 20 in the binding). */
#define PT_THREAD_MENTIONS_PER_INSERT 32

enum {
	PF_RATE = 1, PF_IDEM = 2, PF_PARENT = 4
};

#define PF_TARGET_COLS \
	", c.id, c.thread_id, c.parent_id, c.root_id, c.depth, c.author, c.status, c.version, c.up_count, " \
	"c.down_count, c.agree_count, c.disagree_count, c.pass_count, c.flag_count, c.reply_count, " \
	"c.official_answer, TIMESTAMPDIFF(SECOND, c.created_at, UTC_TIMESTAMP(6))"

static void post_facts_sql(unsigned flags, char *out, size_t size)
{
	snprintf(out, size, "SELECT UTC_TIMESTAMP(6), t.premoderate, p.status, p.territory_id, pr.role%s%s%s "
		"FROM participa_threads t LEFT JOIN participa_participants p ON p.id = ? "
		"LEFT JOIN participa_participant_roles pr ON pr.participant_id = ?%s WHERE t.id = ?",
		(flags & PF_RATE) ? ", (SELECT COUNT(*) FROM (SELECT 1 FROM participa_comments a WHERE a.author = ? "
			"AND a.created_at > UTC_TIMESTAMP(6) - INTERVAL ? SECOND LIMIT ?) recent)" : ", 0",
		(flags & PF_IDEM) ? ", (SELECT e.id FROM participa_comments e WHERE e.thread_id = t.id AND e.author = ? "
			"AND e.idempotency_key = ?)" : ", NULL",
		(flags & PF_PARENT) ? PF_TARGET_COLS : "",
		(flags & PF_PARENT) ? " LEFT JOIN participa_comments c ON c.id = ?" : "");
	/* with a rate limit the transaction runs at REPEATABLE READ: this locks
	 * the author's recent comments and the gap after them, so a concurrent
	 * post by the same author waits (or deadlocks and is replayed) and then
	 * counts this one */
	if (flags & PF_RATE) {
		size_t used = strlen(out);
		snprintf(out + used, size - used, " FOR UPDATE");
	}
}

typedef struct post_facts {
	facts_buf b;
	size_t rows;
	size_t roles_len;
	char now[32];
} post_facts;

static pt_status post_facts_row_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	post_facts *pf = vctx;
	pt_thread_store_facts *f = &pf->b.f;

	if (pf->rows++ == 0) {
		if (!pt_db_col_copy(&cols[0], pf->now, sizeof(pf->now))) {
			return pt_error_set(err, PT_ERR_INTERNAL, "the server clock could not be read");
		}
		f->thread_premoderate = pt_db_col_int(&cols[1]) != 0;
		pt_participant_actor_status(&cols[2], &f->actor);
		f->actor.territory = pt_db_col_copy(&cols[3], pf->b.actor.territory, sizeof(pf->b.actor.territory));
		f->recent = (uint32_t)pt_db_col_int(&cols[5]);
		f->existing_id = pt_db_col_int(&cols[6]);
		if (ncols > 7 && !col_null(&cols[7])) {
			target_cols(&cols[7], &f->target, pf->b.author, sizeof(pf->b.author));
		}
	}
	/* one row per role: appended as pt_participant_store_roles_col() gives them */
	if (pt_participant_store_roles_append(&cols[4], pf->b.actor.roles, sizeof(pf->b.actor.roles), &pf->roles_len, err) != PT_OK) {
		return err->code;
	}
	return PT_OK;
}

static pt_status load_post_facts(pt_db *db, const pt_thread_store_post *post, post_facts *pf, pt_error *err)
{
	unsigned flags = (post->rate_window_s ? PF_RATE : 0) | (post->idempotency_key ? PF_IDEM : 0)
		| (post->parent_id ? PF_PARENT : 0);
	pt_db_value p[9];
	size_t n = 0;
	char sql[1536];
	pt_status s;

	if (post->rate_window_s) {
		p[n++] = TEXT(post->author);
		p[n++] = PT_DB_INT_V(post->rate_window_s);
		p[n++] = PT_DB_INT_V(post->rate_cap);
	}
	if (post->idempotency_key) {
		p[n++] = TEXT(post->author);
		p[n++] = TEXT(post->idempotency_key);
	}
	p[n++] = TEXT(post->author);
	p[n++] = TEXT(post->author);
	if (post->parent_id) {
		p[n++] = PT_DB_INT_V(post->parent_id);
	}
	p[n++] = PT_DB_INT_V(post->thread_id);
	post_facts_sql(flags, sql, sizeof(sql));
	memset(pf, 0, sizeof(*pf));
	pf->b.f.actor.roles = pf->b.actor.roles;
	s = pt_db_query(db, sql, p, n, post_facts_row_fn, pf, err);
	if (s == PT_OK && pf->rows == 0) {
		return pt_error_set(err, PT_ERR_NOT_FOUND, "El hilo no existe.");
	}
	return s;
}

/* The mentions of a comment's text, every one in one statement (none: no statement). */
static pt_status insert_mentions(pt_db *db, int64_t id, const char *const *mentions, size_t count, pt_error *err)
{
	size_t i;
	pt_status s = PT_OK;

	for (i = 0; i < count; i += PT_THREAD_MENTIONS_PER_INSERT) {
		size_t n = count - i < PT_THREAD_MENTIONS_PER_INSERT ? count - i : PT_THREAD_MENTIONS_PER_INSERT;
		pt_db_value q[2 * PT_THREAD_MENTIONS_PER_INSERT];
		char sql[128 + 8 * PT_THREAD_MENTIONS_PER_INSERT];
		size_t k, len;

		len = (size_t)snprintf(sql, sizeof(sql), "INSERT IGNORE INTO participa_mentions (comment_id, participant) "
			"VALUES (?, ?)");
		for (k = 0; k < n; k++) {
			if (k) {
				memcpy(sql + len, ", (?, ?)", 9);
				len += 8;
			}
			q[2 * k] = PT_DB_INT_V(id);
			q[2 * k + 1] = TEXT(mentions[i + k]);
		}
		s = pt_db_exec(db, sql, q, 2 * n, NULL, NULL, err);
		if (s != PT_OK) {
			break;
		}
	}
	return s;
}


typedef struct post_ctx {
	pt_thread_store_post *post;
	pt_thread_store_post_check_fn check;
	void *check_ctx;
	post_facts facts;
	int64_t id;
	bool replayed;
	bool duplicate;
} post_ctx;

static pt_status post_unit(pt_db *db, void *vctx, pt_error *err)
{
	post_ctx *c = vctx;
	pt_thread_store_post *p = c->post;
	pt_thread_store_target *parent = &c->facts.b.f.target;
	uint64_t insert_id = 0;
	int64_t root_id = 0;
	uint32_t depth = 0;
	pt_status s;

	c->id = 0;
	c->replayed = c->duplicate = false;
	p->created_at[0] = '\0';
	s = load_post_facts(db, p, &c->facts, err);
	if (s != PT_OK) {
		return s;
	}
	if (c->facts.b.f.existing_id) {
		c->id = c->facts.b.f.existing_id;
		c->replayed = true;
		return PT_OK;
	}
	if (p->parent_id && !parent->found) {
		return pt_error_set(err, PT_ERR_NOT_FOUND, "El comentario al que respondes no existe.");
	}
	if (c->check) {
		s = c->check(c->check_ctx, &c->facts.b.f, p, err);
		if (s != PT_OK) {
			return s;
		}
	}
	if (p->parent_id) {
		root_id = parent->root_id;
		depth = parent->depth + 1;
	}
	{
		pt_db_value v[14] = {
			PT_DB_INT_V(p->thread_id), PT_DB_INT_V(p->parent_id), PT_DB_INT_V(root_id), PT_DB_INT_V(depth),
			TEXT(p->author), PT_DB_TEXT_V(p->body, p->body_len), OPT_TEXT(p->alignment),
			TEXT(pt_cstatus_name(p->status)), PT_DB_INT_V(pt_cstatus_public(p->status) ? 1 : 0),
			OPT_TEXT(p->rule), OPT_NOTE(p->rule_message), OPT_NOTE(p->redactions),
			OPT_TEXT(p->idempotency_key), TEXT(c->facts.now)
		};
		s = pt_db_exec(db, "INSERT INTO participa_comments (thread_id, parent_id, root_id, depth, author, body, "
			"alignment, status, public, rule, rule_message, redactions, idempotency_key, created_at) "
			"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, COALESCE(?, UTC_TIMESTAMP(6)))",
			v, 14, NULL, &insert_id, err);
		if (s != PT_OK) {
			if (err && err->code == PT_ERR_DB && err->db_errno == 1062 && p->idempotency_key) {
				/* a concurrent retry with the same key won: answer with its comment */
				c->duplicate = true;
			}
			return s;
		}
	}
	c->id = (int64_t)insert_id;
	/* counters: a new row is a move from "nowhere" to its status */
	{
		int64_t d[PT_CSTATUS_COUNT] = { 0 };
		bool pub = pt_cstatus_public(p->status);
		pt_db_value v[7];

		d[p->status] = 1;
		v[0] = PT_DB_INT_V(d[PT_COMMENT_PUBLISHED]);
		v[1] = PT_DB_INT_V(d[PT_COMMENT_HELD]);
		v[2] = PT_DB_INT_V(d[PT_COMMENT_HIDDEN]);
		v[3] = PT_DB_INT_V(d[PT_COMMENT_DELETED]);
		v[4] = PT_DB_INT_V(d[PT_COMMENT_REJECTED]);
		v[5] = PT_DB_INT_V(depth == 0 && pub ? 1 : 0);
		v[6] = PT_DB_INT_V(p->thread_id);
		s = pt_db_exec(db, "UPDATE participa_threads SET published_count = published_count + ?, "
			"held_count = held_count + ?, hidden_count = hidden_count + ?, deleted_count = deleted_count + ?, "
			"rejected_count = rejected_count + ?, root_count = root_count + ? WHERE id = ?", v, 7, NULL, NULL, err);
		if (s != PT_OK) {
			return s;
		}
		if (pub && p->parent_id) {
			pt_db_value q[2] = { PT_DB_INT_V(1), PT_DB_INT_V(p->parent_id) };
			s = pt_db_exec(db, "UPDATE participa_comments SET reply_count = reply_count + ? WHERE id = ?", q, 2,
				NULL, NULL, err);
			if (s != PT_OK) {
				return s;
			}
		}
	}
	s = insert_mentions(db, c->id, p->mentions, p->mention_count, err);
	if (s != PT_OK) {
		return s;
	}
	if (p->status == PT_COMMENT_HELD || p->status == PT_COMMENT_REJECTED) {
		char reason[4 * PT_THREAD_NOTE_CHARS + 1];
		int n = snprintf(reason, sizeof(reason), "%s%s%s", p->rule ? p->rule : "",
			p->rule && p->rule_message ? ": " : "", p->rule_message ? p->rule_message : "");

		reason[text_prefix(reason, n < 0 ? 0 : (size_t)n < sizeof(reason) ? (size_t)n : sizeof(reason) - 1,
			PT_THREAD_NOTE_CHARS)] = '\0';
		s = log_action(db, p->status == PT_COMMENT_HELD ? "hold" : "reject", "participa", c->id, p->thread_id,
			p->author, reason, err);
		if (s != PT_OK) {
			return s;
		}
	}
	memcpy(p->created_at, c->facts.now, sizeof(p->created_at));
	p->root_id_out = root_id ? root_id : c->id;
	p->depth_out = depth;
	return PT_OK;
}

/* ------------------------------------------------------------ fast path */

typedef struct fast_ctx {
	pt_thread_store_post *post;
	int64_t id;
	bool answered;
} fast_ctx;

static pt_status fast_row_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	fast_ctx *f = vctx;
	pt_thread_store_post *p = f->post;

	if (ncols < 4) {
		return pt_error_set(err, PT_ERR_INTERNAL, "the one-round-trip post answered %zu columns, not 4", ncols);
	}
	f->answered = true;
	f->id = pt_db_col_int(&cols[0]);
	if (f->id > 0) {
		int64_t root = pt_db_col_int(&cols[1]);

		p->root_id_out = root ? root : f->id;
		p->depth_out = (uint32_t)pt_db_col_int(&cols[2]);
		if (!pt_db_col_copy(&cols[3], p->created_at, sizeof(p->created_at))) {
			return pt_error_set(err, PT_ERR_INTERNAL, "the server clock could not be read");
		}
	}
	return PT_OK;
}

static pt_status fast_unit(pt_db *db, void *vctx, pt_error *err)
{
	fast_ctx *f = vctx;
	pt_thread_store_post *p = f->post;
	pt_db_value v[14] = {
		PT_DB_INT_V(p->thread_id), PT_DB_INT_V(p->parent_id), TEXT(p->author),
		PT_DB_TEXT_V(p->body, p->body_len), OPT_TEXT(p->alignment), OPT_TEXT(p->redactions),
		OPT_TEXT(p->idempotency_key), PT_DB_INT_V(p->fast.assigned ? 1 : 0), TEXT(p->fast.comment_roles),
		PT_DB_INT_V(p->fast.default_ok ? 1 : 0), TEXT(p->fast.known_roles),
		PT_DB_INT_V(p->rate_window_s), PT_DB_INT_V(p->rate_cap ? p->rate_cap - 1 : 0),
		PT_DB_INT_V(p->fast.max_depth)
	};

	f->id = 0;
	f->answered = false;
	p->created_at[0] = '\0';
	return pt_db_query(db, "CALL participa_post_comment(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", v, 14,
		fast_row_fn, f, err);
}

/* The procedure's parameters hold 4000 bytes of role names. */
#define FAST_ROLES_MAX 4000

static bool fast_applies(const pt_thread_store_post *p)
{
	return p->fast.enabled && p->status == PT_COMMENT_PUBLISHED && p->mention_count == 0
		&& p->fast.comment_roles && strlen(p->fast.comment_roles) <= FAST_ROLES_MAX
		&& p->fast.known_roles && strlen(p->fast.known_roles) <= FAST_ROLES_MAX;
}

/* ------------------------------------------------- one-statement root */

/*
 * A root comment the rules publish, without a rate limit, is one autocommitted
 * INSERT ... SELECT (schema 007): the row comes out of the thread's own row,
 * so nothing is stored unless the thread exists and is not pre-moderated,
 * the author is not banned and, unless every participant may comment
 * (fast.anyone), holds a role that may, by the procedure's rule. An
 * idempotency key already used fails on the unique key (1062). The comment
 * is stored with counted_at_insert = 0, outside the thread's stored
 * counters, which readers complete (pt_thread_store_counts_get) until a fold adds it.
 * The thread and participant rows are read with shared locks: posters to one
 * thread do not queue behind each other as they did on the counters' UPDATE,
 * a ban or a pre-moderation switch waits for the posts under way, and a fold
 * (exclusive) sees every root that holds an id (see schema 007). RETURNING
 * gives the id and the server's created_at in the same round trip (MariaDB
 * 10.5 and later; other servers take the procedure).
 */
#define ROOT_INSERT_SQL \
	"INSERT INTO participa_comments (thread_id, parent_id, root_id, depth, author, body, alignment, status, " \
	"public, redactions, idempotency_key, created_at, counted_at_insert) " \
	"SELECT t.id, 0, 0, 0, ?, ?, ?, 'published', 1, ?, ?, UTC_TIMESTAMP(6), 0 " \
	"FROM participa_threads t LEFT JOIN participa_participants p ON p.id = ? " \
	"WHERE t.id = ? AND t.premoderate = 0 AND (p.status IS NULL OR p.status <> 'banned')"
#define ROOT_ROLES_SQL \
	" AND (EXISTS (SELECT 1 FROM participa_participant_roles r WHERE r.participant_id = ? " \
	"AND FIND_IN_SET(r.role, ?)) OR (? <> 0 AND NOT EXISTS (SELECT 1 FROM participa_participant_roles r2 " \
	"WHERE r2.participant_id = ? AND FIND_IN_SET(r2.role, ?))))"
/* the same four columns as the procedure's answer, for fast_row_fn() */
#define ROOT_RETURNING_SQL " LOCK IN SHARE MODE RETURNING id, root_id, depth, created_at"

static const char root_sql_anyone[] = ROOT_INSERT_SQL ROOT_RETURNING_SQL;
static const char root_sql_roles[] = ROOT_INSERT_SQL ROOT_ROLES_SQL ROOT_RETURNING_SQL;

/* One root post in 64, chosen by a hash of its id (ids need not be dense:
 * auto_increment_increment may step them), folds its thread's unfolded rows. */
#define FOLD_EVERY_LOG2 6

static bool fold_due(int64_t id)
{
	return (((uint64_t)id * UINT64_C(0x9E3779B97F4A7C15)) >> (64 - FOLD_EVERY_LOG2)) == 0;
}

static pt_status root_unit(pt_db *db, void *vctx, pt_error *err)
{
	fast_ctx *f = vctx;
	pt_thread_store_post *p = f->post;
	pt_db_value v[12] = {
		TEXT(p->author), PT_DB_TEXT_V(p->body, p->body_len), OPT_TEXT(p->alignment), OPT_TEXT(p->redactions),
		OPT_TEXT(p->idempotency_key), TEXT(p->author), PT_DB_INT_V(p->thread_id),
		TEXT(p->author), TEXT(p->fast.comment_roles), PT_DB_INT_V(p->fast.default_ok ? 1 : 0),
		TEXT(p->author), TEXT(p->fast.known_roles)
	};

	f->id = 0;
	f->answered = false;
	p->created_at[0] = '\0';
	return pt_db_query(db, p->fast.anyone ? root_sql_anyone : root_sql_roles, v, p->fast.anyone ? 7 : 12,
		fast_row_fn, f, err);
}

static pt_status fold_unit(pt_db *db, void *vctx, pt_error *err)
{
	pt_db_value v[1] = { PT_DB_INT_V(*(const int64_t *)vctx) };

	return pt_db_query(db, "CALL participa_fold_thread_counts(?)", v, 1, NULL, NULL, err);
}

pt_status pt_thread_store_fold_counts(pt_db *db, int64_t thread_id, pt_error *err)
{
	return pt_db_replayed(db, fold_unit, &thread_id, 0, NULL, err);
}

/* Not on Galera: a fold on one node cannot see a root that another node is
 * committing with a lower id (ids interleave across nodes, and the shared
 * lock is local), so it could move folded_upto past it for good. There the
 * procedure, which counts in the write, keeps the counters exact. */
static bool root_applies(pt_db *db, const pt_thread_store_post *p)
{
	return p->parent_id == 0 && p->rate_window_s == 0 && pt_db_has_returning(db) && !pt_db_galera(db);
}

/* A write whose answer was lost (pt_db_transaction_ex()'s landed check):
 * the author's idempotency key says whether the comment was stored. */
static pt_status post_key_lookup(pt_db *db, const pt_thread_store_post *post, int64_t *id, pt_error *err)
{
	pt_db_value p[3] = { PT_DB_INT_V(post->thread_id), TEXT(post->author), TEXT(post->idempotency_key) };
	pt_db_int_cell r = { 0, false };
	pt_status s = pt_db_query(db, "SELECT id FROM participa_comments WHERE thread_id = ? AND author = ? "
		"AND idempotency_key = ?", p, 3, pt_db_int_cell_fn, &r, err);

	*id = s == PT_OK && r.found ? r.value : 0;
	return s;
}

static pt_status fast_landed(pt_db *db, void *vctx, bool *landed, pt_error *err)
{
	fast_ctx *f = vctx;
	int64_t id;
	pt_status s = post_key_lookup(db, f->post, &id, err);

	if (s == PT_OK && id > 0) {
		f->id = id;
		f->answered = true;
		f->post->created_at[0] = '\0';   /* the row came with the lost answer: read it back */
		*landed = true;
	}
	return s;
}

static pt_status post_landed(pt_db *db, void *vctx, bool *landed, pt_error *err)
{
	post_ctx *c = vctx;
	int64_t id;
	pt_status s = post_key_lookup(db, c->post, &id, err);

	if (s == PT_OK && id > 0) {
		if (id != c->id) {
			/* a twin with the same key was stored, not this run */
			c->id = id;
			c->replayed = true;
			c->post->created_at[0] = '\0';
		}
		*landed = true;
	}
	return s;
}

pt_status pt_thread_store_post_comment(pt_db *db, pt_thread_store_post *post, pt_thread_store_post_check_fn check, void *ctx,
	int64_t *id_out, bool *replayed, pt_error *err)
{
	post_ctx c;
	pt_status s;

	post->fast_used = false;
	if (fast_applies(post) && !pt_db_in_transaction(db)) {
		fast_ctx f = { post, 0, false };
		bool root = root_applies(db, post);
		pt_error local;

		pt_db_tx_options fo = { .self_contained = true, .landed = post->idempotency_key ? fast_landed : NULL };

		pt_error_clear(&local);
		s = pt_db_transaction_ex(db, &fo, root ? root_unit : fast_unit, &f, NULL, &local);
		if (s == PT_OK && root && f.answered && f.id > 0 && fold_due(f.id)) {
			/* the post is stored whatever happens here: a fold that fails
			 * leaves the rows unfolded, which readers still count, for the
			 * next fold */
			pt_error fold_err;

			pt_error_clear(&fold_err);
			(void)pt_thread_store_fold_counts(db, post->thread_id, &fold_err);
		}
		if (s == PT_OK && f.answered && f.id > 0) {
			post->fast_used = true;
			*id_out = f.id;
			if (replayed) {
				*replayed = false;
			}
			return PT_OK;
		}
		if (s != PT_OK && (local.code != PT_ERR_DB || pt_db_broken(db))) {
			/* not a refusal by the server's rules: the same error would
			 * meet the full path */
			if (err) {
				*err = local;
			}
			return s;
		}
		/* declined (id 0, or no row inserted), a duplicate idempotency key
		 * (1062), or a schema without the procedure (1305): the full path
		 * decides and explains */
		post->created_at[0] = '\0';
	}
	memset(&c, 0, sizeof(c));
	c.post = post;
	c.check = check;
	c.check_ctx = ctx;
	{
		pt_db_tx_options po = { .repeatable_read = post->rate_window_s != 0,
			.landed = post->idempotency_key ? post_landed : NULL };

		s = pt_db_transaction_ex(db, &po, post_unit, &c, NULL, err);
	}
	if (s != PT_OK && c.duplicate) {
		pt_db_value p[3] = { PT_DB_INT_V(post->thread_id), TEXT(post->author), TEXT(post->idempotency_key) };
		pt_db_int_cell r = { 0, false };
		pt_error local;

		pt_error_clear(&local);
		if (pt_db_query(db, "SELECT id FROM participa_comments WHERE thread_id = ? AND author = ? "
				"AND idempotency_key = ?", p, 3, pt_db_int_cell_fn, &r, &local) == PT_OK && r.value) {
			pt_error_clear(err);
			c.id = r.value;
			c.replayed = true;
			s = PT_OK;
		}
	}
	if (s == PT_OK) {
		*id_out = c.id;
		if (replayed) {
			*replayed = c.replayed;
		}
	}
	return s;
}

/* -------------------------------------------------------------- other writes */

typedef struct write_ctx {
	pt_thread_store_write *w;
	pt_thread_store_write_check_fn check;
	void *check_ctx;
	facts_buf facts;
} write_ctx;

static pt_status write_edit(pt_db *db, pt_thread_store_write *w, const pt_thread_store_target *t, pt_error *err)
{
	pt_status s;
	pt_db_value p[3] = { PT_DB_INT_V(t->id), PT_DB_INT_V(t->version), PT_DB_INT_V(t->id) };

	/* the text being replaced becomes a version */
	s = pt_db_exec(db, "INSERT INTO participa_comment_versions (comment_id, version, body, status, created_at, "
		"replaced_at) SELECT ?, ?, body, status, COALESCE(edited_at, created_at), UTC_TIMESTAMP(6) "
		"FROM participa_comments WHERE id = ?", p, 3, NULL, NULL, err);
	if (s != PT_OK) {
		return s;
	}
	{
		pt_db_value q[5] = { PT_DB_TEXT_V(w->body, w->body_len), OPT_TEXT(w->rule), OPT_NOTE(w->rule_message),
			OPT_NOTE(w->redactions), PT_DB_INT_V(t->id) };
		s = pt_db_exec(db, "UPDATE participa_comments SET body = ?, rule = ?, rule_message = ?, redactions = ?, "
			"version = version + 1, edited_at = UTC_TIMESTAMP(6) WHERE id = ?", q, 5, NULL, NULL, err);
		if (s != PT_OK) {
			return s;
		}
	}
	/* the mentions are the new text's: a name edited out is no longer mentioned */
	{
		pt_db_value q[1] = { PT_DB_INT_V(t->id) };

		s = pt_db_exec(db, "DELETE FROM participa_mentions WHERE comment_id = ?", q, 1, NULL, NULL, err);
	}
	if (s == PT_OK) {
		s = insert_mentions(db, t->id, w->mentions, w->mention_count, err);
	}
	if (s == PT_OK) {
		s = move_status(db, t, w->status, err);
	}
	if (s == PT_OK && w->status == PT_COMMENT_HELD && t->status != PT_COMMENT_HELD) {
		s = log_action(db, "hold", "participa", t->id, t->thread_id, t->author, w->rule ? w->rule : "", err);
	}
	return s;
}

typedef struct reaction_row {
	bool found;
	int vote;
	bool has_stance;
	char stance[16];
} reaction_row;

static pt_status reaction_row_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	reaction_row *cur = vctx;

	cur->found = true;
	cur->vote = (int)pt_db_col_int(&cols[0]);
	cur->has_stance = pt_db_col_copy(&cols[1], cur->stance, sizeof(cur->stance)) != NULL;
	return PT_OK;
}

static void stance_count(const char *stance, uint32_t *agree, uint32_t *disagree, uint32_t *pass, int delta)
{
	uint32_t *n = strcmp(stance, "agree") == 0 ? agree : strcmp(stance, "disagree") == 0 ? disagree : pass;

	*n = (uint32_t)((int64_t)*n + delta);
}

static pt_status write_react(pt_db *db, pt_thread_store_write *w, const pt_thread_store_target *t, pt_error *err)
{
	reaction_row cur;
	const char *old_stance, *stance;
	int old_vote, vote;
	uint32_t up = t->up, down = t->down, agree = t->agree, disagree = t->disagree, pass = t->pass;
	pt_status s;

	memset(&cur, 0, sizeof(cur));
	{
		/* the previous reaction, locked: two changes by the same participant
		 * at once must not both count */
		pt_db_value p[2] = { PT_DB_INT_V(t->id), TEXT(w->actor) };
		s = pt_db_query(db, "SELECT vote, stance FROM participa_reactions WHERE comment_id = ? "
			"AND participant = ? FOR UPDATE", p, 2, reaction_row_fn, &cur, err);
		if (s != PT_OK) {
			return s;
		}
	}
	old_vote = cur.found ? cur.vote : 0;
	old_stance = cur.found && cur.has_stance ? cur.stance : NULL;
	vote = w->reaction.vote_set ? w->reaction.vote : old_vote;
	stance = w->reaction.stance_set ? w->reaction.stance : old_stance;
	if (old_vote > 0) up--;
	if (old_vote < 0) down--;
	if (vote > 0) up++;
	if (vote < 0) down++;
	if (old_stance) {
		stance_count(old_stance, &agree, &disagree, &pass, -1);
	}
	if (stance) {
		stance_count(stance, &agree, &disagree, &pass, +1);
	}
	{
		pt_db_value p[4] = { PT_DB_INT_V(t->id), TEXT(w->actor), PT_DB_INT_V(vote), OPT_TEXT(stance) };
		s = pt_db_exec(db, "INSERT INTO participa_reactions (comment_id, participant, vote, stance, updated_at) "
			"VALUES (?, ?, ?, ?, UTC_TIMESTAMP(6)) ON DUPLICATE KEY UPDATE vote = VALUES(vote), "
			"stance = VALUES(stance), updated_at = VALUES(updated_at)", p, 4, NULL, NULL, err);
		if (s != PT_OK) {
			return s;
		}
	}
	{
		pt_db_value p[8] = { PT_DB_INT_V(up), PT_DB_INT_V(down), PT_DB_INT_V(agree), PT_DB_INT_V(disagree),
			PT_DB_INT_V(pass), dbl(pt_score_wilson(up, down)), dbl(pt_score_controversial(up, down)),
			PT_DB_INT_V(t->id) };
		s = pt_db_exec(db, "UPDATE participa_comments SET up_count = ?, down_count = ?, agree_count = ?, "
			"disagree_count = ?, pass_count = ?, wilson = ?, controversial = ? WHERE id = ?", p, 8, NULL, NULL, err);
	}
	return s;
}

static pt_status write_flag(pt_db *db, pt_thread_store_write *w, const pt_thread_store_target *t, pt_error *err)
{
	uint64_t affected = 0;
	pt_status s;
	pt_db_value p[3] = { PT_DB_INT_V(t->id), TEXT(w->actor), TEXT(w->reason ? w->reason : "") };

	w->changed = w->auto_hidden = false;
	s = pt_db_exec(db, "INSERT IGNORE INTO participa_flags (comment_id, participant, reason, created_at) "
		"VALUES (?, ?, ?, UTC_TIMESTAMP(6))", p, 3, &affected, NULL, err);
	if (s != PT_OK || affected == 0) {
		return s;
	}
	w->changed = true;
	{
		pt_db_value q[1] = { PT_DB_INT_V(t->id) };
		s = pt_db_exec(db, "UPDATE participa_comments SET flag_count = flag_count + 1 WHERE id = ?", q, 1,
			NULL, NULL, err);
		if (s != PT_OK) {
			return s;
		}
	}
	if (w->auto_hide_after && t->flags + 1 >= w->auto_hide_after && t->status == PT_COMMENT_PUBLISHED) {
		char reason[128];

		s = move_status(db, t, PT_COMMENT_HIDDEN, err);
		if (s != PT_OK) {
			return s;
		}
		w->auto_hidden = true;
		snprintf(reason, sizeof(reason), "%u reportes", t->flags + 1);
		s = log_action(db, "auto_hide", "participa", t->id, t->thread_id, t->author, reason, err);
	}
	return s;
}

/*
 * A deleted comment keeps its row, so its place in the tree (replies stay
 * attached), its author (for moderators) and its counters; what it said goes:
 * the body, every earlier version, the mentions read from it, its stance and
 * the moderation notes about its text (LGPDPPSO: the text was the author's to
 * withdraw).
 */
static pt_status erase_text(pt_db *db, int64_t id, pt_error *err)
{
	pt_db_value p[1] = { PT_DB_INT_V(id) };
	pt_status s;

	s = pt_db_exec(db, "UPDATE participa_comments SET body = '', alignment = NULL, rule = NULL, rule_message = NULL, "
		"redactions = NULL WHERE id = ?", p, 1, NULL, NULL, err);
	if (s == PT_OK) {
		s = pt_db_exec(db, "DELETE FROM participa_comment_versions WHERE comment_id = ?", p, 1, NULL, NULL, err);
	}
	if (s == PT_OK) {
		s = pt_db_exec(db, "DELETE FROM participa_mentions WHERE comment_id = ?", p, 1, NULL, NULL, err);
	}
	return s;
}

static pt_status write_unit(pt_db *db, void *vctx, pt_error *err)
{
	write_ctx *c = vctx;
	pt_thread_store_write *w = c->w;
	const pt_thread_store_target *t;
	pt_status s;

	s = load_facts(db, true, w->actor, 0, 0, 0, NULL, w->comment_id, &c->facts, err);
	if (s != PT_OK) {
		return s;
	}
	t = &c->facts.f.target;
	if (!t->found) {
		return pt_error_set(err, PT_ERR_NOT_FOUND, "El comentario %lld no existe.", (long long)w->comment_id);
	}
	if (c->check) {
		s = c->check(c->check_ctx, &c->facts.f, w, err);
		if (s != PT_OK) {
			return s;
		}
	}
	switch (w->op) {
	case PT_THREAD_EDIT:
		return write_edit(db, w, t, err);
	case PT_THREAD_DELETE:
		s = move_status(db, t, PT_COMMENT_DELETED, err);
		if (s == PT_OK) {
			s = erase_text(db, t->id, err);
		}
		if (s == PT_OK && strcmp(w->actor, t->author) != 0) {
			s = log_action(db, "delete", w->actor, t->id, t->thread_id, t->author, "eliminado por moderación", err);
		}
		return s;
	case PT_THREAD_OFFICIAL: {
		pt_db_value p[2] = { TEXT(w->actor), PT_DB_INT_V(t->id) };
		return pt_db_exec(db, "UPDATE participa_comments SET official_answer = 1, official_by = ? WHERE id = ?",
			p, 2, NULL, NULL, err);
	}
	case PT_THREAD_REACT:
		return write_react(db, w, t, err);
	case PT_THREAD_FLAG:
		return write_flag(db, w, t, err);
	case PT_THREAD_MODERATE:
		s = move_status(db, t, w->status, err);
		if (s == PT_OK && w->status == PT_COMMENT_PUBLISHED) {
			/* approved or restored: earlier flags were reviewed; they must not hide it again */
			pt_db_value p[1] = { PT_DB_INT_V(t->id) };
			s = pt_db_exec(db, "UPDATE participa_comments SET flag_count = 0 WHERE id = ?", p, 1, NULL, NULL, err);
			if (s == PT_OK) {
				s = pt_db_exec(db, "DELETE FROM participa_flags WHERE comment_id = ?", p, 1, NULL, NULL, err);
			}
		}
		if (s == PT_OK) {
			s = log_action(db, w->action, w->actor, t->id, t->thread_id, t->author, w->reason, err);
		}
		return s;
	}
	return pt_error_set(err, PT_ERR_INTERNAL, "unknown thread write %d", (int)w->op);
}

pt_status pt_thread_store_write_comment(pt_db *db, pt_thread_store_write *w, pt_thread_store_write_check_fn check, void *ctx,
	pt_error *err)
{
	write_ctx c;

	memset(&c, 0, sizeof(c));
	c.w = w;
	c.check = check;
	c.check_ctx = ctx;
	return pt_db_transaction(db, write_unit, &c, 0, NULL, err);
}

/* -------------------------------------------------------------------- reads */

pt_status pt_thread_store_comment_get(pt_db *db, int64_t id, const char *viewer, pt_thread_store_comment_fn fn,
	void *ctx, bool *found, pt_error *err)
{
	comment_cb cb = { fn, ctx, true, 0, false };
	pt_db_value p[2] = { OPT_TEXT(viewer), PT_DB_INT_V(id) };
	pt_status s;

	s = pt_db_query(db, "SELECT " COMMENT_COLS ", t.subject_type, t.subject_id FROM participa_comments c "
		"JOIN participa_threads t ON t.id = c.thread_id "
		"LEFT JOIN participa_reactions r ON r.comment_id = c.id AND r.participant = ? WHERE c.id = ?",
		p, 2, comment_row_fn, &cb, err);
	if (s == PT_OK && found) {
		*found = cb.rows > 0;
	}
	return s;
}

/* pt_thread_store_comment_in(): fn only for a comment of the thread asked for. */
typedef struct in_thread_ctx {
	int64_t thread_id;
	pt_thread_store_comment_fn fn;
	void *ctx;
	bool given;
} in_thread_ctx;

static pt_status in_thread_fn(void *vctx, const pt_thread_store_comment *c, pt_error *err)
{
	in_thread_ctx *t = vctx;

	if (t->thread_id && c->thread_id != t->thread_id) {
		return PT_OK;
	}
	t->given = true;
	return t->fn(t->ctx, c, err);
}

pt_status pt_thread_store_comment_in(pt_db *db, int64_t id, const char *viewer, int64_t thread_id,
	pt_thread_store_comment_fn fn, void *ctx, pt_error *err)
{
	in_thread_ctx t = { thread_id, fn, ctx, false };

	if (pt_thread_store_comment_get(db, id, viewer, in_thread_fn, &t, NULL, err) != PT_OK) {
		return err->code;
	}
	return t.given ? PT_OK : pt_thread_comment_id_check(0, err);
}

/* ------------------------------------------------------------ cursor key */

#define CURSOR_KEY_NAME "cursor_key"
/* The key as one more column of a read that is made anyway (no round trip of its own). */
#define CURSOR_KEY_COL "(SELECT k.value FROM participa_secrets k WHERE k.name = '" CURSOR_KEY_NAME "')"

static int hex_value(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* 64 hex digits -> the key; false for NULL or anything else. */
static bool key_from_col(const pt_db_value *v, uint8_t out[PT_CURSOR_KEY_BYTES])
{
	size_t i;

	if (v->type != PT_DB_TEXT || v->len != 2 * PT_CURSOR_KEY_BYTES) {
		return false;
	}
	for (i = 0; i < PT_CURSOR_KEY_BYTES; i++) {
		int hi = hex_value(v->s[2 * i]), lo = hex_value(v->s[2 * i + 1]);

		if (hi < 0 || lo < 0) {
			return false;
		}
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return true;
}

typedef struct key_cell {
	bool row, ok;
	uint8_t *out;
} key_cell;

static pt_status key_row_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	key_cell *k = vctx;

	k->row = true;
	k->ok = key_from_col(&cols[0], k->out);
	return PT_OK;
}

pt_status pt_thread_store_cursor_key(pt_db *db, bool have, const uint8_t *stored, uint8_t out[PT_CURSOR_KEY_BYTES],
	pt_error *err)
{
	static const char sel[] = "SELECT value FROM participa_secrets WHERE name = '" CURSOR_KEY_NAME "'";
	key_cell k = { false, false, out };
	uint8_t fresh[PT_CURSOR_KEY_BYTES];
	char hex[2 * PT_CURSOR_KEY_BYTES + 1];
	pt_status s;
	size_t i;

	if (have) {
		memcpy(out, stored, PT_CURSOR_KEY_BYTES);
		return PT_OK;
	}
	s = pt_db_query(db, sel, NULL, 0, key_row_fn, &k, err);
	if (s != PT_OK || k.ok) {
		return s;
	}
	if (!k.row) {
		pt_db_value p[1];

		/* the first cursor of this database: a new key from the CSPRNG */
		if (RAND_bytes(fresh, (int)sizeof(fresh)) != 1) {
			return pt_error_set(err, PT_ERR_INTERNAL, "participa: no random bytes for the cursor key");
		}
		for (i = 0; i < PT_CURSOR_KEY_BYTES; i++) {
			snprintf(hex + 2 * i, 3, "%02x", fresh[i]);
		}
		p[0] = PT_DB_TEXT_V(hex, 2 * PT_CURSOR_KEY_BYTES);
		/* autocommit; the primary key keeps the first of concurrent writers
		 * (on Galera the loser may get a certification failure instead: the
		 * winner's key is read all the same) */
		pt_error ins;

		pt_error_clear(&ins);
		s = pt_db_exec(db, "INSERT IGNORE INTO participa_secrets (name, value, created_at) VALUES ('"
			CURSOR_KEY_NAME "', ?, UTC_TIMESTAMP(6))", p, 1, NULL, NULL, &ins);
		if (s != PT_OK && (pt_db_broken(db) || !pt_db_is_retryable(&ins))) {
			if (err) {
				*err = ins;
			}
			return s;
		}
		s = pt_db_query(db, sel, NULL, 0, key_row_fn, &k, err);
		if (s != PT_OK) {
			return s;
		}
	}
	if (!k.ok) {
		return k.row ? pt_error_set(err, PT_ERR_INTERNAL, "the stored cursor key is not %d hex digits",
			2 * PT_CURSOR_KEY_BYTES)
			: pt_error_set(err, PT_ERR_INTERNAL, "the cursor key could not be stored");
	}
	return PT_OK;
}

typedef struct counts_ctx {
	pt_thread_store_counts *counts;
	actor_sink viewer;
	bool found;
} counts_ctx;

static pt_status counts_row_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	counts_ctx *c = vctx;

	/* an aggregate answers one row even without the thread: its
	 * premoderate column is then NULL */
	c->found = !col_null(&cols[6]);
	c->counts->published = pt_db_col_int(&cols[0]);
	c->counts->held = pt_db_col_int(&cols[1]);
	c->counts->hidden = pt_db_col_int(&cols[2]);
	c->counts->deleted = pt_db_col_int(&cols[3]);
	c->counts->rejected = pt_db_col_int(&cols[4]);
	c->counts->roots = pt_db_col_int(&cols[5]);
	c->counts->premoderate = pt_db_col_int(&cols[6]) != 0;
	c->counts->has_cursor_key = key_from_col(&cols[7], c->counts->cursor_key);
	return pt_participant_actor_col(cols + 8, c->viewer.actor, c->viewer.text, err);
}

/* The stored counters plus the comments not folded into them yet (schema
 * 007): one short range of the covering key participa_comments_unfolded,
 * read in the same statement, so the sum is of one instant. An aggregate over
 * the thread LEFT JOIN that range (no derived table to materialise); the key
 * is forced because weighing the table's other keys that start with
 * thread_id cost more than the read. */
static const char counts_sql[] =
	"SELECT t.published_count + COALESCE(SUM(c.status = 'published'), 0), "
	"t.held_count + COALESCE(SUM(c.status = 'held'), 0), "
	"t.hidden_count + COALESCE(SUM(c.status = 'hidden'), 0), "
	"t.deleted_count + COALESCE(SUM(c.status = 'deleted'), 0), "
	"t.rejected_count + COALESCE(SUM(c.status = 'rejected'), 0), "
	"t.root_count + COALESCE(SUM(c.depth = 0 AND c.status IN ('published', 'hidden', 'deleted')), 0), "
	"t.premoderate, " CURSOR_KEY_COL ", " PT_PARTICIPANT_ACTOR_COLS " "
	"FROM participa_threads t LEFT JOIN participa_comments c FORCE INDEX (participa_comments_unfolded) "
	"ON c.thread_id = t.id AND c.counted_at_insert = 0 AND c.id > t.folded_upto WHERE t.id = ?";

pt_status pt_thread_store_counts_get(pt_db *db, int64_t thread_id, const char *viewer, pt_thread_store_counts *counts,
	pt_participant_actor *viewer_facts, pt_participant_actor_text *text, pt_error *err)
{
	counts_ctx c = { counts, { viewer_facts, text }, false };
	pt_db_value p[4] = { OPT_TEXT(viewer), OPT_TEXT(viewer), OPT_TEXT(viewer), PT_DB_INT_V(thread_id) };
	pt_status s;

	memset(counts, 0, sizeof(*counts));
	pt_participant_actor_clear(viewer_facts, text);
	s = pt_db_query(db, counts_sql, p, 4, counts_row_fn, &c, err);
	if (s != PT_OK) {
		return s;
	}
	if (!c.found) {
		return pt_error_set(err, PT_ERR_NOT_FOUND, "El hilo %lld no existe.", (long long)thread_id);
	}
	return PT_OK;
}

typedef struct node_ctx {
	pt_thread_store_node *node;
	actor_sink viewer;
	bool found;
} node_ctx;

static pt_status node_row_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	node_ctx *c = vctx;

	c->found = true;
	c->node->thread_id = pt_db_col_int(&cols[3]);
	c->node->root_id = pt_db_col_int(&cols[4]);
	if (c->node->root_id == 0) {
		c->node->root_id = pt_db_col_int(&cols[6]);
	}
	c->node->depth = (uint32_t)pt_db_col_int(&cols[5]);
	c->node->status = col_status(&cols[7]);
	if (!pt_db_col_copy(&cols[8], c->node->author, sizeof(c->node->author))) {
		c->node->author[0] = '\0';
	}
	c->node->has_cursor_key = key_from_col(&cols[9], c->node->cursor_key);
	return pt_participant_actor_col(cols, c->viewer.actor, c->viewer.text, err);
}

pt_status pt_thread_store_node_get(pt_db *db, int64_t comment_id, const char *viewer, pt_thread_store_node *node, bool *found,
	pt_participant_actor *viewer_facts, pt_participant_actor_text *text, pt_error *err)
{
	node_ctx c = { node, { viewer_facts, text }, false };
	pt_db_value p[4] = { OPT_TEXT(viewer), OPT_TEXT(viewer), OPT_TEXT(viewer), PT_DB_INT_V(comment_id) };
	pt_status s;

	memset(node, 0, sizeof(*node));
	pt_participant_actor_clear(viewer_facts, text);
	s = pt_db_query(db, "SELECT " PT_PARTICIPANT_ACTOR_COLS ", "
		"c.thread_id, c.root_id, c.depth, c.id, c.status, c.author, " CURSOR_KEY_COL " "
		"FROM participa_comments c WHERE c.id = ?", p, 4, node_row_fn, &c, err);
	if (s != PT_OK) {
		return s;
	}
	*found = c.found;
	return PT_OK;
}

/* Visibility: places in the public tree, plus held comments of the viewer (all, for moderators). */
#define VISIBLE_AS(t) "(" t ".public = 1 OR (" t ".status = 'held' AND (" t ".author = ? OR ? = 1)))"
#define VISIBLE VISIBLE_AS("c")

/* Per sort: the index whose order is the sort's (thread_id, parent_id, key,
 * created_at, id), ORDER BY and the keyset condition "after the cursor".
 *
 * The index is forced: it is the only sensible plan (ordered range read that
 * stops at LIMIT), and MariaDB re-optimises a prepared statement on every
 * execution, where weighing the nine indexes of participa_comments (with
 * index dives) took longer than reading the 21 rows. */
static const struct {
	const char *index;
	const char *order;
	const char *after;
	int nafter;   /* parameters of `after` */
} sorts[PT_SORT_COUNT] = {
	[PT_SORT_OLDEST] = { "participa_comments_oldest", "c.created_at, c.id",
		"(c.created_at > ? OR (c.created_at = ? AND c.id > ?))", 3 },
	[PT_SORT_NEWEST] = { "participa_comments_oldest", "c.created_at DESC, c.id DESC",
		"(c.created_at < ? OR (c.created_at = ? AND c.id < ?))", 3 },
	[PT_SORT_TOP] = { "participa_comments_top", "c.wilson DESC, c.created_at DESC, c.id DESC",
		"(c.wilson < ? OR (c.wilson = ? AND (c.created_at < ? OR (c.created_at = ? AND c.id < ?))))", 5 },
	[PT_SORT_DISCUSSED] = { "participa_comments_discussed", "c.reply_count DESC, c.created_at DESC, c.id DESC",
		"(c.reply_count < ? OR (c.reply_count = ? AND (c.created_at < ? OR (c.created_at = ? AND c.id < ?))))", 5 },
	[PT_SORT_CONTROVERSIAL] = { "participa_comments_controversial", "c.controversial DESC, c.created_at DESC, c.id DESC",
		"(c.controversial < ? OR (c.controversial = ? AND (c.created_at < ? OR (c.created_at = ? AND c.id < ?))))", 5 },
};

pt_status pt_thread_store_children(pt_db *db, int64_t thread_id, int64_t scope, pt_sort sort,
	const pt_cursor *after, uint32_t limit, uint32_t probe_depth, const pt_thread_store_view *view,
	pt_thread_store_comment_fn fn, void *ctx, pt_error *err)
{
	char sql[1600];
	pt_db_value p[14];
	size_t n = 0;
	char when[32];
	comment_cb cb = { fn, ctx, false, 0, probe_depth > 0 };
	bool use_after = after && after->id > 0;

	if ((unsigned)sort >= PT_SORT_COUNT) {
		return pt_error_set(err, PT_ERR_INVALID, "unknown sort %d", (int)sort);
	}
	/* The probe (roots only): NULL unless the root holds more than
	 * PT_THREAD_WINDOW_ROWS rows to the page depth, read as at most that
	 * many + 1 entries of the covering key participa_comments_root (the
	 * range the replies' window would read). */
	snprintf(sql, sizeof(sql), "SELECT " COMMENT_COLS "%s FROM participa_comments c FORCE INDEX (%s) "
		"LEFT JOIN participa_reactions r ON r.comment_id = c.id AND r.participant = ? "
		"WHERE c.thread_id = ? AND c.parent_id = ? AND " VISIBLE "%s%s ORDER BY %s LIMIT ?",
		probe_depth ? ", (SELECT 1 FROM participa_comments d FORCE INDEX (participa_comments_root) "
			"WHERE d.root_id = c.id AND d.depth BETWEEN 1 AND ? LIMIT ?, 1)" : "",
		sorts[sort].index, use_after ? " AND " : "", use_after ? sorts[sort].after : "", sorts[sort].order);
	if (probe_depth) {
		p[n++] = PT_DB_INT_V(probe_depth);
		p[n++] = PT_DB_INT_V(PT_THREAD_WINDOW_ROWS);
	}
	p[n++] = OPT_TEXT(view->viewer);
	p[n++] = PT_DB_INT_V(thread_id);
	p[n++] = PT_DB_INT_V(scope);
	p[n++] = OPT_TEXT(view->viewer);
	p[n++] = PT_DB_INT_V(view->moderator ? 1 : 0);
	if (use_after) {
		pt_thread_store_time_text(after->created_us, when);
		if (sorts[sort].nafter == 5) {
			if (sort == PT_SORT_DISCUSSED) {
				p[n++] = PT_DB_INT_V((int64_t)after->key);
				p[n++] = PT_DB_INT_V((int64_t)after->key);
			} else {
				p[n++] = dbl(after->key);
				p[n++] = dbl(after->key);
			}
		}
		p[n++] = TEXT(when);
		p[n++] = TEXT(when);
		p[n++] = PT_DB_INT_V(after->id);
	}
	p[n++] = PT_DB_INT_V(limit);
	return pt_db_query(db, sql, p, n, comment_row_fn, &cb, err);
}

/* An IN list of a bucket's size: "?,?,...,?" */
static size_t in_list(char *out, size_t size, size_t count)
{
	size_t i, off = 0;

	for (i = 0; i < count && off < size; i++) {
		off += (size_t)snprintf(out + off, size - off, i ? ",?" : "?");
	}
	return off;
}

/* The IN lists have a fixed size per bucket (padded with the first id), so a
 * few statements serve every page from the statement cache. */
static size_t in_bucket(size_t count)
{
	static const size_t buckets[] = { 1, 5, 10, 20, 50, PT_THREAD_MAX_ROOTS };
	size_t b = 0;

	while (buckets[b] < count) {
		b++;
	}
	return buckets[b];
}

pt_status pt_thread_store_descendants(pt_db *db, int64_t thread_id, const int64_t *roots, size_t nroots,
	const int64_t *walk, size_t nwalk, uint32_t min_depth, uint32_t max_depth, uint32_t per_parent,
	const pt_thread_store_view *view, pt_thread_store_comment_fn fn, void *ctx, pt_error *err)
{
	pt_db_value p[2 * PT_THREAD_MAX_ROOTS + 20];
	char sql[6144 + 2 * PT_THREAD_MAX_ROOTS * 2];
	size_t broots = nroots ? in_bucket(nroots) : 0, bwalk = nwalk ? in_bucket(nwalk) : 0, i, n = 0, off = 0;
	comment_cb cb = { fn, ctx, false, 0, false };

	if (nroots + nwalk == 0 || per_parent == 0) {
		return PT_OK;
	}
	if (nroots > PT_THREAD_MAX_ROOTS || nwalk > PT_THREAD_MAX_ROOTS) {
		return pt_error_set(err, PT_ERR_INVALID, "at most %d roots per query", PT_THREAD_MAX_ROOTS);
	}
#define ADD(...) (off += (size_t)snprintf(sql + off, sizeof(sql) - off, __VA_ARGS__))
	/*
	 * The walk (nodes below which the page shows replies, read a bounded
	 * number of rows per node whatever the conversation's size): from each
	 * node in w, its first visible reply (ord 1), and from each reply found,
	 * its next visible sibling, up to per_parent of them. Each step is one
	 * ordered read of participa_comments_oldest (thread, parent, created,
	 * id) that stops at the first visible row after the previous sibling, so
	 * a node with 4,000 replies costs what one with 3 does. MariaDB has no
	 * LATERAL: the steps are scalar subqueries of a recursive CTE, one
	 * iteration per level and sibling. The steps are computed in a derived
	 * table and joined back once (in the ON clause each subquery would run
	 * twice).
	 */
	if (nwalk) {
		ADD("WITH RECURSIVE w (id, parent_id, created_at, depth, ord) AS ("
			"SELECT a.id, a.parent_id, a.created_at, a.depth, 0 FROM participa_comments a WHERE a.id IN (");
		off += in_list(sql + off, sizeof(sql) - off, bwalk);
		ADD(") UNION ALL SELECT c.id, c.parent_id, c.created_at, c.depth, n.ord FROM ("
			"SELECT (SELECT f.id FROM participa_comments f FORCE INDEX (participa_comments_oldest) "
			"WHERE f.thread_id = ? AND f.parent_id = w.id AND " VISIBLE_AS("f") " "
			"ORDER BY f.created_at, f.id LIMIT 1) AS id, 1 AS ord FROM w WHERE w.depth < ? "
			"UNION ALL SELECT (SELECT s.id FROM participa_comments s FORCE INDEX (participa_comments_oldest) "
			"WHERE s.thread_id = ? AND s.parent_id = w.parent_id AND " VISIBLE_AS("s") " "
			"AND (s.created_at > w.created_at OR (s.created_at = w.created_at AND s.id > w.id)) "
			"ORDER BY s.created_at, s.id LIMIT 1), w.ord + 1 FROM w WHERE w.ord > 0 AND w.ord < ?"
			") n JOIN participa_comments c ON c.id = n.id) ");
		for (i = 0; i < bwalk; i++) {
			p[n++] = PT_DB_INT_V(i < nwalk ? walk[i] : walk[0]);
		}
		p[n++] = PT_DB_INT_V(thread_id);
		p[n++] = OPT_TEXT(view->viewer);
		p[n++] = PT_DB_INT_V(view->moderator ? 1 : 0);
		p[n++] = PT_DB_INT_V(max_depth);
		p[n++] = PT_DB_INT_V(thread_id);
		p[n++] = OPT_TEXT(view->viewer);
		p[n++] = PT_DB_INT_V(view->moderator ? 1 : 0);
		p[n++] = PT_DB_INT_V(per_parent);
	}
	/*
	 * The window (roots whose subtree to the page depth holds at most
	 * PT_THREAD_WINDOW_ROWS rows, which pt_thread_store_children()'s probe
	 * tells): the first per_parent replies of every node under them in one
	 * pass over narrow rows (ids only), the full rows joined back by primary
	 * key: a derived table carrying the MEDIUMTEXT body would be
	 * materialised on disk. participa_comments_root covers every column the
	 * window reads, so it never touches the table rows; it is forced because
	 * re-optimising this statement on each execution (index dives for each
	 * root over every candidate index) cost more than running it. No ORDER
	 * BY: the tree builder orders each level itself.
	 */
	ADD("SELECT " COMMENT_COLS " FROM (");
	if (nroots) {
		ADD("SELECT x.id FROM (SELECT c.id, ROW_NUMBER() OVER (PARTITION BY c.parent_id ORDER BY c.created_at, c.id) AS rn "
			"FROM participa_comments c FORCE INDEX (participa_comments_root) WHERE c.thread_id = ? "
			"AND c.depth BETWEEN ? AND ? AND " VISIBLE " AND c.root_id IN (");
		off += in_list(sql + off, sizeof(sql) - off, broots);
		ADD(")) x WHERE x.rn <= ?%s", nwalk ? " UNION ALL " : "");
		p[n++] = PT_DB_INT_V(thread_id);
		p[n++] = PT_DB_INT_V(min_depth);
		p[n++] = PT_DB_INT_V(max_depth);
		p[n++] = OPT_TEXT(view->viewer);
		p[n++] = PT_DB_INT_V(view->moderator ? 1 : 0);
		for (i = 0; i < broots; i++) {
			p[n++] = PT_DB_INT_V(i < nroots ? roots[i] : roots[0]);
		}
		p[n++] = PT_DB_INT_V(per_parent);
	}
	if (nwalk) {
		ADD("SELECT w.id FROM w WHERE w.ord > 0");
	}
	ADD(") u JOIN participa_comments c ON c.id = u.id "
		"LEFT JOIN participa_reactions r ON r.comment_id = c.id AND r.participant = ?");
#undef ADD
	p[n++] = OPT_TEXT(view->viewer);
	if (off >= sizeof(sql)) {
		return pt_error_set(err, PT_ERR_INTERNAL, "descendants query too long");
	}
	return pt_db_query(db, sql, p, n, comment_row_fn, &cb, err);
}

typedef struct version_cb {
	pt_thread_store_version_fn fn;
	void *ctx;
} version_cb;

static pt_status version_row_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	version_cb *cb = vctx;
	char status[16], created[32], replaced[32];

	pt_db_col_copy(&cols[2], status, sizeof(status));
	pt_db_col_copy(&cols[3], created, sizeof(created));
	pt_db_col_copy(&cols[4], replaced, sizeof(replaced));
	return cb->fn(cb->ctx, (uint32_t)pt_db_col_int(&cols[0]), cols[1].s, cols[1].len, status, created, replaced, err);
}

pt_status pt_thread_store_versions(pt_db *db, int64_t comment_id, pt_thread_store_version_fn fn, void *ctx, pt_error *err)
{
	version_cb cb = { fn, ctx };
	pt_db_value p[1] = { PT_DB_INT_V(comment_id) };

	return pt_db_query(db, "SELECT version, body, status, created_at, replaced_at FROM participa_comment_versions "
		"WHERE comment_id = ? ORDER BY version", p, 1, version_row_fn, &cb, err);
}

/* --------------------------------------------------------------- moderation */

pt_status pt_thread_store_queue(pt_db *db, pt_thread_store_queue_kind kind, const char *subject_type,
	const char *subject_id, int64_t after_us, int64_t after_id, uint32_t limit,
	pt_thread_store_comment_fn fn, void *ctx, pt_error *err)
{
	static const char *const where[] = {
		[PT_THREAD_QUEUE_HELD] = "c.status = 'held'",
		[PT_THREAD_QUEUE_HIDDEN] = "c.status = 'hidden'",
		[PT_THREAD_QUEUE_REJECTED] = "c.status = 'rejected'",
		[PT_THREAD_QUEUE_FLAGGED] = "c.flag_count > 0 AND c.status = 'published'",
	};
	char sql[1400], when[32];
	comment_cb cb = { fn, ctx, true, 0, false };

	pt_thread_store_time_text(after_us, when);
	snprintf(sql, sizeof(sql), "SELECT " COMMENT_COLS ", t.subject_type, t.subject_id FROM participa_comments c "
		"JOIN participa_threads t ON t.id = c.thread_id "
		"LEFT JOIN participa_reactions r ON r.comment_id = c.id AND r.participant IS NULL "
		"WHERE %s AND (? IS NULL OR t.subject_type = ?) AND (? IS NULL OR t.subject_id = ?) "
		"AND (? = 0 OR c.created_at > ? OR (c.created_at = ? AND c.id > ?)) "
		"ORDER BY c.created_at, c.id LIMIT ?", where[kind]);
	{
		pt_db_value p[9] = { OPT_TEXT(subject_type), OPT_TEXT(subject_type), OPT_TEXT(subject_id),
			OPT_TEXT(subject_id), PT_DB_INT_V(after_id), TEXT(when), TEXT(when), PT_DB_INT_V(after_id),
			PT_DB_INT_V(limit) };
		return pt_db_query(db, sql, p, 9, comment_row_fn, &cb, err);
	}
}

typedef struct log_cb {
	pt_thread_store_log_fn fn;
	void *ctx;
} log_cb;

static pt_status log_row_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	log_cb *cb = vctx;
	pt_thread_store_log_entry e;
	char action[40], moderator[192], participant[192], reason[1004], created[32];

	e.id = pt_db_col_int(&cols[0]);
	e.action = pt_db_col_copy(&cols[1], action, sizeof(action));
	e.moderator = pt_db_col_copy(&cols[2], moderator, sizeof(moderator));
	e.comment_id = pt_db_col_int(&cols[3]);
	e.thread_id = pt_db_col_int(&cols[4]);
	e.participant = pt_db_col_copy(&cols[5], participant, sizeof(participant));
	e.reason = pt_db_col_copy(&cols[6], reason, sizeof(reason));
	e.created_at = pt_db_col_copy(&cols[7], created, sizeof(created));
	e.created_us = pt_thread_store_time_us(created, strlen(created));
	return cb->fn(cb->ctx, &e, err);
}

pt_status pt_thread_store_log(pt_db *db, int64_t comment_id, const char *moderator, const char *participant,
	int64_t before_us, int64_t before_id, uint32_t limit, pt_thread_store_log_fn fn, void *ctx, pt_error *err)
{
	char when[32];
	log_cb cb = { fn, ctx };
	pt_db_value p[11];

	pt_thread_store_time_text(before_us, when);
	p[0] = comment_id ? PT_DB_INT_V(comment_id) : PT_DB_NULL_V;
	p[1] = p[0];
	p[2] = OPT_TEXT(moderator);
	p[3] = p[2];
	p[4] = OPT_TEXT(participant);
	p[5] = p[4];
	p[6] = PT_DB_INT_V(before_id);
	p[7] = TEXT(when);
	p[8] = TEXT(when);
	p[9] = PT_DB_INT_V(before_id);
	p[10] = PT_DB_INT_V(limit);
	return pt_db_query(db, "SELECT id, action, moderator, comment_id, thread_id, participant, reason, created_at "
		"FROM participa_moderation_log WHERE (? IS NULL OR comment_id = ?) AND (? IS NULL OR moderator = ?) "
		"AND (? IS NULL OR participant = ?) "
		"AND (? = 0 OR created_at < ? OR (created_at = ? AND id < ?)) "
		"ORDER BY created_at DESC, id DESC LIMIT ?", p, 11, log_row_fn, &cb, err);
}

/* A moderation list being read: the core's list (its count, cursors and binding) and where its rows go. */
typedef struct list_run {
	pt_thread_list l;
	pt_thread_store_comment_fn fn;
	pt_thread_store_log_fn log_fn;
	void *ctx;
	uint8_t key[PT_CURSOR_KEY_BYTES];
} list_run;

static pt_status list_queue_fn(void *vctx, const pt_thread_store_comment *c, pt_error *err)
{
	list_run *r = vctx;

	return pt_thread_list_take(&r->l, c->row.created_us, c->row.id) ? r->fn(r->ctx, c, err) : PT_OK;
}

static pt_status list_log_fn(void *vctx, const pt_thread_store_log_entry *e, pt_error *err)
{
	list_run *r = vctx;

	return pt_thread_list_take(&r->l, e->created_us, e->id) ? r->log_fn(r->ctx, e, err) : PT_OK;
}

/* The seal's key, read only when a cursor is read or written. */
static pt_status list_key(pt_db *db, list_run *r, pt_error *err)
{
	if (!r->l.seal.key) {
		if (pt_thread_store_cursor_key(db, false, NULL, r->key, err) != PT_OK) {
			return err->code;
		}
		r->l.seal.key = r->key;
	}
	return PT_OK;
}

pt_status pt_thread_store_list(pt_db *db, const pt_thread_store_list_req *q, pt_thread_store_comment_fn fn,
	pt_thread_store_log_fn log_fn, void *ctx, char next[PT_CURSOR_BUFSIZE], pt_error *err)
{
	list_run r = { .fn = fn, .log_fn = log_fn, .ctx = ctx };
	pt_cursor after, c;
	pt_status s;

	memset(&after, 0, sizeof(after));
	next[0] = '\0';
	pt_thread_list_start(&r.l, q->log, q->kind, q->comment, q->limit);
	pt_thread_list_bind(&r.l, q->a, q->a ? strlen(q->a) : 0);
	pt_thread_list_bind(&r.l, q->b, q->b ? strlen(q->b) : 0);
	if (q->cursor && ((s = list_key(db, &r, err)) != PT_OK
			|| (s = pt_thread_list_cursor_read(q->cursor, q->cursor_len, &r.l.seal, r.l.sort, &after, err)) != PT_OK)) {
		return s;
	}
	s = q->log ? pt_thread_store_log(db, q->comment, q->a, q->b, after.created_us, after.id, q->limit + 1, list_log_fn,
			&r, err)
		: pt_thread_store_queue(db, q->kind, q->a, q->b, after.created_us, after.id, q->limit + 1, list_queue_fn, &r, err);
	if (s != PT_OK || !r.l.more || (s = list_key(db, &r, err)) != PT_OK) {
		return s;
	}
	c = pt_thread_list_next(&r.l);
	return pt_cursor_encode(&c, &r.l.seal, next, err);
}

/* ------------------------------------------------------- the core's checks */

pt_status pt_thread_store_post_rules(void *ctx, const pt_thread_store_facts *facts, pt_thread_store_post *post,
	pt_error *err)
{
	pt_thread_outcome o = { post->status, post->rule, post->rule_message };

	if (pt_thread_check_post(ctx, facts, post->author, post->thread_id, post->parent_id, &o, err) != PT_OK) {
		return err->code;
	}
	post->status = o.status;
	post->rule = o.rule;
	post->rule_message = o.rule_message;
	return PT_OK;
}

pt_status pt_thread_store_write_rules(void *ctx, const pt_thread_store_facts *facts, pt_thread_store_write *w,
	pt_error *err)
{
	const pt_thread_rules *r = ctx;
	pt_thread_outcome o = { w->status, w->rule, w->rule_message };

	if (pt_thread_check_write(r, facts, w->op, w->actor, &o, err) != PT_OK) {
		return err->code;
	}
	if (w->op == PT_THREAD_FLAG) {
		w->auto_hide_after = r->cfg->threads.auto_hide_after_flags;
	}
	w->status = o.status;
	w->rule = o.rule;
	w->rule_message = o.rule_message;
	return PT_OK;
}

void pt_thread_store_post_row(const pt_thread_store_post *post, int64_t id, const char *subject_type,
	const char *subject_id, pt_thread_store_comment *c)
{
	memset(c, 0, sizeof(*c));
	c->row.id = id;
	c->row.parent_id = post->parent_id;
	c->row.root_id = post->root_id_out;
	c->row.depth = post->depth_out;
	c->row.author = post->author;
	c->row.author_len = strlen(post->author);
	c->row.status = (uint8_t)post->status;
	c->row.created_us = pt_thread_store_time_us(post->created_at, strlen(post->created_at));
	c->thread_id = post->thread_id;
	c->status = post->status;
	c->body = post->body;
	c->body_len = post->body_len;
	c->alignment = post->alignment;
	c->rule = post->rule;
	c->rule_len = post->rule ? strlen(post->rule) : 0;
	c->rule_message = post->rule_message;
	c->rule_message_len = post->rule_message ? strlen(post->rule_message) : 0;
	c->redactions = post->redactions;
	c->redactions_len = post->redactions ? strlen(post->redactions) : 0;
	c->version = 1;
	c->created_at = post->created_at;
	c->created_at_len = strlen(post->created_at);
	c->subject_type = subject_type;
	c->subject_type_len = strlen(subject_type);
	c->subject_id = subject_id;
	c->subject_id_len = strlen(subject_id);
}

void pt_thread_store_post_text(pt_thread_store_post *post, const pt_thread_text *t, const pt_threads_settings *ts)
{
	post->body = t->v.res.body;
	post->body_len = t->v.res.body_len;
	post->status = t->v.status;
	post->rule = t->v.rule;
	post->rule_message = t->v.res.reason;
	post->redactions = t->v.redactions;
	post->mentions = (const char *const *)t->mentions;
	post->mention_count = t->mention_count;
	post->rate_window_s = ts->rate_limit.count ? ts->rate_limit.period_s : 0;
	post->rate_cap = ts->rate_limit.count + 1;
}

void pt_thread_store_write_text(pt_thread_store_write *w, const pt_thread_text *t)
{
	w->body = t->v.res.body;
	w->body_len = t->v.res.body_len;
	w->rule = t->v.rule;
	w->rule_message = t->v.res.reason;
	w->redactions = t->v.redactions;
	w->mentions = (const char *const *)t->mentions;
	w->mention_count = t->mention_count;
}

pt_status pt_thread_store_moderate(pt_db *db, int64_t comment_id, const char *moderator, const char *reason,
	pt_thread_rules *rules, const pt_thread_mod_spec *spec, pt_error *err)
{
	pt_thread_store_write w;

	memset(&w, 0, sizeof(w));
	w.op = PT_THREAD_MODERATE;
	w.comment_id = comment_id;
	w.actor = moderator;
	w.status = spec->to;
	w.action = spec->name;
	w.reason = reason ? reason : "";
	rules->mod = spec;
	return pt_thread_store_write_comment(db, &w, pt_thread_store_write_rules, rules, err);
}

pt_status pt_thread_store_post_run(pt_db *db, pt_thread_store_post *post, const pt_thread_text *nt,
	const pt_thread_rules *rules, bool fast, const char *subject_type, const char *subject_id, const pt_allocator *a,
	int64_t *id, bool *replayed, pt_thread_store_comment *c, bool *have_row, pt_error *err)
{
	char *lists = NULL;
	pt_status st;

	pt_thread_store_post_text(post, nt, &rules->cfg->threads);
	if (fast && !rules->subject_premoderate) {
		pt_thread_fast_grants(rules->cfg, post->author, rules->scope, a, &post->fast, &lists);
	}
	st = pt_thread_store_post_comment(db, post, pt_thread_store_post_rules, (void *)rules, id, replayed, err);
	*have_row = st == PT_OK && !*replayed && post->created_at[0];
	if (*have_row) {
		pt_thread_store_post_row(post, *id, subject_type, subject_id, c);
	}
	pt_free(a, lists);
	return st;
}
