/*
 * participa io: participants, and everything stored about one person
 * (see participant_store.h).
 */
#include "io/participant/participant_store.h"
#include "io/thread/thread_store.h"
#include "io/process/process_store.h"
#include "core/thread/comment_tree.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TEXT(p) PT_DB_TEXT_V((p), strlen(p))
#define OPT_TEXT(p) ((p) ? PT_DB_TEXT_V((p), strlen(p)) : PT_DB_NULL_V)

static pt_db_value dbl(double d)
{
	pt_db_value v = { .type = PT_DB_DOUBLE, .d = d };
	return v;
}

static pt_status roles_unreadable(char *buf, size_t size, pt_error *err)
{
	if (size) {
		buf[0] = '\0';
	}
	return pt_error_set(err, PT_ERR_DB, "Los roles guardados de un participante no se pudieron leer completos.");
}

pt_status pt_participant_store_roles_append(const pt_db_value *col, char *buf, size_t size, size_t *len, pt_error *err)
{
	if (col->type != PT_DB_TEXT || col->len == 0) {
		return PT_OK;
	}
	if (memchr(col->s, ',', col->len) || memchr(col->s, '\0', col->len)
			|| *len + (*len ? 1 : 0) + col->len >= size) {
		*len = 0;
		return roles_unreadable(buf, size, err);
	}
	if (*len) {
		buf[(*len)++] = ',';
	}
	memcpy(buf + *len, col->s, col->len);
	*len += col->len;
	buf[*len] = '\0';
	return PT_OK;
}

pt_status pt_participant_store_roles_col(const pt_db_value *col, char *buf, size_t size, pt_error *err)
{
	if (col->type == PT_DB_NULL) {
		if (size) {
			buf[0] = '\0';
		}
		return PT_OK;
	}
	if (col->type != PT_DB_TEXT) {
		return roles_unreadable(buf, size, err);
	}
	return pt_roles_decode(col->s, col->len, buf, size, err);
}

/* ------------------------------------------------------------------ records */

typedef struct upsert_ctx {
	const char *id, *territory;
	const char *const *roles;
	size_t nroles;
} upsert_ctx;

static pt_status upsert_unit(pt_db *db, void *vctx, pt_error *err)
{
	upsert_ctx *c = vctx;
	pt_status s;
	size_t i;
	pt_db_value p[2] = { TEXT(c->id), OPT_TEXT(c->territory) };

	s = pt_db_exec(db, "INSERT INTO participa_participants (id, territory_id, status, created_at, updated_at) "
		"VALUES (?, ?, 'active', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)) ON DUPLICATE KEY UPDATE "
		"territory_id = VALUES(territory_id), updated_at = VALUES(updated_at)", p, 2, NULL, NULL, err);
	if (s != PT_OK) {
		return s;
	}
	s = pt_db_exec(db, "DELETE FROM participa_participant_roles WHERE participant_id = ? AND source = 'api'",
		p, 1, NULL, NULL, err);
	for (i = 0; s == PT_OK && i < c->nroles; i++) {
		pt_db_value q[3] = { TEXT(c->id), TEXT(c->roles[i]), OPT_TEXT(c->territory) };
		s = pt_db_exec(db, "INSERT IGNORE INTO participa_participant_roles (participant_id, role, source, "
			"territory_id, created_at) VALUES (?, ?, 'api', ?, UTC_TIMESTAMP(6))", q, 3, NULL, NULL, err);
	}
	return s;
}

pt_status pt_participant_store_upsert(pt_db *db, const char *id, const char *territory, const char *const *roles, size_t nroles,
	pt_error *err)
{
	upsert_ctx c = { id, territory, roles, nroles };
	size_t i;

	if (nroles > PT_ROLES_MAX) {
		return pt_error_set(err, PT_ERR_INVALID, "Un participante puede tener a lo más %d roles.", PT_ROLES_MAX);
	}
	for (i = 0; i < nroles; i++) {
		/* what is stored must read back whole (pt_roles_decode) */
		if (!pt_role_id_valid(roles[i], strlen(roles[i]))) {
			return pt_error_set(err, PT_ERR_INVALID, "El identificador de un rol no es válido.");
		}
	}
	return pt_db_transaction(db, upsert_unit, &c, 0, NULL, err);
}

typedef struct ban_ctx {
	const char *id, *moderator, *reason;
	bool banned;
} ban_ctx;

static pt_status ban_unit(pt_db *db, void *vctx, pt_error *err)
{
	ban_ctx *c = vctx;
	const char *status = c->banned ? "banned" : "active";
	pt_db_value p[3] = { TEXT(c->id), TEXT(status), TEXT(status) };
	pt_db_value q[4] = { TEXT(c->banned ? "ban" : "unban"), TEXT(c->moderator), TEXT(c->id),
		TEXT(c->reason ? c->reason : "") };
	pt_status s;

	s = pt_db_exec(db, "INSERT INTO participa_participants (id, territory_id, status, created_at, updated_at) "
		"VALUES (?, NULL, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)) ON DUPLICATE KEY UPDATE status = ?, "
		"updated_at = VALUES(updated_at)", p, 3, NULL, NULL, err);
	if (s != PT_OK) {
		return s;
	}
	return pt_db_exec(db, "INSERT INTO participa_moderation_log (action, moderator, comment_id, thread_id, "
		"participant, reason, created_at) VALUES (?, ?, NULL, NULL, ?, ?, UTC_TIMESTAMP(6))", q, 4, NULL, NULL, err);
}

pt_status pt_participant_store_ban(pt_db *db, const char *id, bool banned, const char *moderator, const char *reason,
	pt_error *err)
{
	ban_ctx c = { id, moderator, reason, banned };

	return pt_db_transaction(db, ban_unit, &c, 0, NULL, err);
}

static pt_status participant_row_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	pt_participant *p = vctx;
	pt_status s;

	p->found = true;
	p->territory = pt_db_col_copy(&cols[0], p->territory_buf, sizeof(p->territory_buf));
	p->banned = cols[1].type == PT_DB_TEXT && cols[1].len == 6 && memcmp(cols[1].s, "banned", 6) == 0;
	s = pt_participant_store_roles_col(&cols[2], p->roles_buf, sizeof(p->roles_buf), err);
	p->roles = p->roles_buf;
	p->created_at = pt_db_col_copy(&cols[3], p->created_buf, sizeof(p->created_buf));
	p->updated_at = pt_db_col_copy(&cols[4], p->updated_buf, sizeof(p->updated_buf));
	return s;
}

pt_status pt_participant_store_get(pt_db *db, const char *id, pt_participant *out, pt_error *err)
{
	pt_db_value p[2] = { TEXT(id), TEXT(id) };

	memset(out, 0, sizeof(*out));
	out->roles = out->roles_buf;
	return pt_db_query(db, "SELECT p.territory_id, p.status, " PT_PARTICIPANT_STORE_ROLES_SQL ", p.created_at, p.updated_at "
		"FROM participa_participants p WHERE p.id = ?", p, 2, participant_row_fn, out, err);
}

/* ------------------------------------------------------------ action scopes */

typedef struct text_cell {
	char *buf;
	size_t size;
	bool found;
} text_cell;

static pt_status text_cell_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	text_cell *c = vctx;

	c->found = true;
	if (!pt_db_col_copy(&cols[0], c->buf, c->size) && c->size) {
		c->buf[0] = '\0';
	}
	return PT_OK;
}

/* s[0..len) is a positive integer in canonical decimal (no sign, no leading zero), fitting in int64. */
static bool canonical_id(const char *s, size_t len, int64_t *out)
{
	int64_t v = 0;
	size_t i;

	if (len == 0 || len > 18 || s[0] == '0') {
		return false;
	}
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9') {
			return false;
		}
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

static bool is_type(const char *type, size_t len, const char *lit)
{
	return len == strlen(lit) && memcmp(type, lit, len) == 0;
}

pt_status pt_participant_store_subject_territory(pt_db *db, const char *type, size_t type_len, const char *id, size_t id_len,
	char *buf, size_t size, bool *found, pt_error *err)
{
	text_cell c = { buf, size, false };
	pt_status s = PT_OK;
	int64_t n;

	*found = false;
	if (size) {
		buf[0] = '\0';
	}
	if (is_type(type, type_len, "commitment")) {
		pt_db_value p[1] = { PT_DB_TEXT_V(id, id_len) };
		s = pt_db_query(db, "SELECT territory_id FROM participa_commitments WHERE id = ?", p, 1, text_cell_fn, &c, err);
	} else if (is_type(type, type_len, "assembly") && canonical_id(id, id_len, &n)) {
		/* bound as a number: '12abc' or '012' would otherwise compare equal to 12 */
		pt_db_value p[1] = { PT_DB_INT_V(n) };
		s = pt_db_query(db, "SELECT territory_id FROM participa_assemblies WHERE id = ?", p, 1, text_cell_fn, &c, err);
	}
	*found = s == PT_OK && c.found;
	return s;
}

typedef struct subject_cell {
	char *type, *id;
	size_t type_size, id_size;
	bool found;
} subject_cell;

static pt_status subject_cell_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	subject_cell *c = vctx;

	c->found = pt_db_col_copy(&cols[0], c->type, c->type_size) && pt_db_col_copy(&cols[1], c->id, c->id_size);
	return PT_OK;
}

pt_status pt_participant_store_comment_subject(pt_db *db, int64_t comment_id, char *type, size_t type_size, char *id,
	size_t id_size, bool *found, pt_error *err)
{
	subject_cell c = { type, id, type_size, id_size, false };
	pt_db_value p[1] = { PT_DB_INT_V(comment_id) };
	pt_status s;

	s = pt_db_query(db, "SELECT t.subject_type, t.subject_id FROM participa_comments c JOIN participa_threads t "
		"ON t.id = c.thread_id WHERE c.id = ?", p, 1, subject_cell_fn, &c, err);
	*found = s == PT_OK && c.found;
	return s;
}

/* -------------------------------------------------------------------- erase */

/*
 * A growable array of fixed-size records read inside the unit, in request
 * memory (the erase's allocator): a request aborted while it runs leaks
 * nothing in a long-lived worker.
 */
typedef struct rows {
	const pt_allocator *a;
	void *items;
	size_t count, cap, size;
	bool nomem;
} rows;

static void *rows_push(rows *r)
{
	if (r->count == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 16;
		void *n = pt_realloc(r->a, r->items, cap * r->size);

		if (!n) {
			r->nomem = true;
			return NULL;
		}
		r->items = n;
		r->cap = cap;
	}
	return (char *)r->items + r->size * r->count++;
}

static pt_status comment_target_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	pt_thread_store_target *t = rows_push(vctx);

	if (!t) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	memset(t, 0, sizeof(*t));
	t->found = true;
	t->id = pt_db_col_int(&cols[0]);
	t->thread_id = pt_db_col_int(&cols[1]);
	t->parent_id = pt_db_col_int(&cols[2]);
	t->root_id = pt_db_col_int(&cols[3]);
	t->depth = (uint32_t)pt_db_col_int(&cols[4]);
	if (!pt_cstatus_from_name(cols[5].s ? cols[5].s : "", cols[5].len, &t->status)) {
		return pt_error_set(err, PT_ERR_DB, "a comment has an unknown status");
	}
	t->counted_at_insert = pt_db_col_int(&cols[6]) != 0;
	return PT_OK;
}

typedef struct reaction_fix {
	int64_t comment_id;
	int vote;
	int stance;                  /* 0 none, 1 agree, 2 disagree, 3 pass */
	int64_t up, down, agree, disagree, pass;
} reaction_fix;

static pt_status reaction_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	reaction_fix *f = rows_push(vctx);
	const char *st = cols[2].type == PT_DB_TEXT ? cols[2].s : NULL;
	size_t len = cols[2].len;

	if (!f) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	f->comment_id = pt_db_col_int(&cols[0]);
	f->vote = (int)pt_db_col_int(&cols[1]);
	f->stance = !st ? 0 : (len == 5 && memcmp(st, "agree", 5) == 0) ? 1
		: (len == 8 && memcmp(st, "disagree", 8) == 0) ? 2 : 3;
	f->up = pt_db_col_int(&cols[3]);
	f->down = pt_db_col_int(&cols[4]);
	f->agree = pt_db_col_int(&cols[5]);
	f->disagree = pt_db_col_int(&cols[6]);
	f->pass = pt_db_col_int(&cols[7]);
	return PT_OK;
}

static uint32_t less_one(int64_t n, bool cond)
{
	if (cond && n > 0) {
		n--;
	}
	return n < 0 ? 0 : (uint32_t)n;
}

typedef struct erase_ctx {
	const char *id;
	const pt_allocator *a;       /* request memory for the rows read */
	pt_participant_store_erase_report *r;
} erase_ctx;

/* Reads (and locks) the rows of sql bound with the id through read, then calls apply on each, in order. */
static pt_status each_locked(pt_db *db, erase_ctx *c, const char *sql, pt_db_row_fn read, size_t size,
	pt_status (*apply)(pt_db *db, const void *item, pt_error *err), pt_error *err)
{
	rows r = { c->a, NULL, 0, 0, size, false };
	pt_db_value p[1] = { TEXT(c->id) };
	pt_status s;
	size_t i;

	s = pt_db_query(db, sql, p, 1, read, &r, err);
	for (i = 0; s == PT_OK && i < r.count; i++) {
		s = apply(db, (const char *)r.items + i * size, err);
	}
	pt_free(c->a, r.items);
	return s;
}

/* the comment deletion rule: it keeps its place ("comentario eliminado") */
static pt_status delete_comment(pt_db *db, const void *item, pt_error *err)
{
	return pt_thread_store_move_status(db, item, PT_COMMENT_DELETED, err);
}

/* An UPDATE/DELETE bound with (pseudonym?, id x n); adds the affected rows to *count. */
static pt_status run(pt_db *db, const char *sql, const char *pseudonym, const char *id, unsigned nid,
	uint64_t *count, pt_error *err)
{
	pt_db_value p[4];
	size_t n = 0;
	uint64_t affected = 0;
	pt_status s;
	unsigned i;

	if (pseudonym) {
		p[n++] = TEXT(pseudonym);
	}
	for (i = 0; i < nid && n < 4; i++) {
		p[n++] = TEXT(id);
	}
	s = pt_db_exec(db, sql, p, n, &affected, NULL, err);
	if (s == PT_OK && count) {
		*count += affected;
	}
	return s;
}

typedef struct kept_cells {
	int64_t v[4];
} kept_cells;

static pt_status kept_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	kept_cells *k = vctx;
	size_t i;

	for (i = 0; i < ncols && i < 4; i++) {
		k->v[i] = pt_db_col_int(&cols[i]);
	}
	return PT_OK;
}

/* One row of counts, sql bound with the id n times (n <= 4). */
static pt_status kept_counts(pt_db *db, const char *sql, const char *id, size_t n, kept_cells *k, pt_error *err)
{
	pt_db_value q[4] = { TEXT(id), TEXT(id), TEXT(id), TEXT(id) };

	memset(k, 0, sizeof(*k));
	return pt_db_query(db, sql, q, n, kept_fn, k, err);
}

static pt_status erase_comments(pt_db *db, erase_ctx *c, pt_error *err)
{
	pt_participant_store_erase_report *r = c->r;
	pt_status s;

	/* every comment of theirs, locked before any thread row (comment, then
	 * thread: the order of every path of the thread store) */
	s = each_locked(db, c, "SELECT id, thread_id, parent_id, root_id, depth, status, counted_at_insert "
		"FROM participa_comments WHERE author = ? ORDER BY id FOR UPDATE", comment_target_fn,
		sizeof(pt_thread_store_target), delete_comment, err);
	if (s == PT_OK) {
		s = run(db, "DELETE v FROM participa_comment_versions v JOIN participa_comments c ON c.id = v.comment_id "
			"WHERE c.author = ?", NULL, c->id, 1, &r->comment_versions, err);
	}
	if (s == PT_OK) {
		/* whom they mentioned: their text is gone */
		s = run(db, "DELETE m FROM participa_mentions m JOIN participa_comments c ON c.id = m.comment_id "
			"WHERE c.author = ?", NULL, c->id, 1, &r->mentions, err);
	}
	if (s == PT_OK) {
		s = run(db, "UPDATE participa_comments SET body = '', alignment = NULL, idempotency_key = NULL, "
			"rule_message = NULL, author = ? WHERE author = ?", r->pseudonym, c->id, 1, &r->comments, err);
	}
	return s;
}

/* Takes their reaction off the comment's counters and scores. */
static pt_status unreact(pt_db *db, const void *item, pt_error *err)
{
	const reaction_fix *f = item;
	uint32_t up = less_one(f->up, f->vote > 0), down = less_one(f->down, f->vote < 0);
	pt_db_value q[8] = { PT_DB_INT_V(up), PT_DB_INT_V(down), PT_DB_INT_V(less_one(f->agree, f->stance == 1)),
		PT_DB_INT_V(less_one(f->disagree, f->stance == 2)), PT_DB_INT_V(less_one(f->pass, f->stance == 3)),
		dbl(pt_score_wilson(up, down)), dbl(pt_score_controversial(up, down)), PT_DB_INT_V(f->comment_id) };

	return pt_db_exec(db, "UPDATE participa_comments SET up_count = ?, down_count = ?, agree_count = ?, "
		"disagree_count = ?, pass_count = ?, wilson = ?, controversial = ? WHERE id = ?", q, 8, NULL, NULL, err);
}

static pt_status erase_reactions(pt_db *db, erase_ctx *c, pt_error *err)
{
	pt_participant_store_erase_report *r = c->r;
	pt_status s;

	s = each_locked(db, c, "SELECT r.comment_id, r.vote, r.stance, c.up_count, c.down_count, c.agree_count, "
		"c.disagree_count, c.pass_count FROM participa_reactions r JOIN participa_comments c ON c.id = r.comment_id "
		"WHERE r.participant = ? ORDER BY r.comment_id FOR UPDATE", reaction_fn, sizeof(reaction_fix), unreact, err);
	if (s == PT_OK) {
		s = run(db, "DELETE FROM participa_reactions WHERE participant = ?", NULL, c->id, 1, &r->reactions, err);
	}
	if (s == PT_OK) {
		s = run(db, "UPDATE participa_comments c JOIN participa_flags f ON f.comment_id = c.id "
			"SET c.flag_count = IF(c.flag_count > 0, c.flag_count - 1, 0) WHERE f.participant = ?", NULL, c->id, 1,
			NULL, err);
	}
	if (s == PT_OK) {
		s = run(db, "DELETE FROM participa_flags WHERE participant = ?", NULL, c->id, 1, &r->flags, err);
	}
	if (s == PT_OK) {
		s = run(db, "DELETE FROM participa_mentions WHERE participant = ?", NULL, c->id, 1, &r->mentions, err);
	}
	return s;
}

static pt_status erase_unit(pt_db *db, void *vctx, pt_error *err)
{
	erase_ctx *c = vctx;
	pt_participant_store_erase_report *r = c->r;
	const char *ps = r->pseudonym, *id = c->id;
	char keep[sizeof(r->pseudonym)];
	pt_db_value p[1] = { TEXT(id) };
	kept_cells k;
	pt_status s;

	/* a replayed attempt starts from zero (same pseudonym) */
	memcpy(keep, r->pseudonym, sizeof(keep));
	memset(r, 0, sizeof(*r));
	memcpy(r->pseudonym, keep, sizeof(keep));
	/* the participant row first: a concurrent one-statement post by them
	 * (which reads it in share mode) waits for this transaction */
	s = pt_db_query(db, "SELECT id FROM participa_participants WHERE id = ? FOR UPDATE", p, 1, NULL, NULL, err);
	if (s == PT_OK) {
		s = erase_comments(db, c, err);
	}
	if (s == PT_OK) {
		s = erase_reactions(db, c, err);
	}
	if (s == PT_OK) {
		s = run(db, "UPDATE participa_moderation_log SET participant = ? WHERE participant = ?", ps, id, 1,
			&r->moderation_log, err);
	}
	/* processes: who voted stays while the process is open (one person, one
	 * vote; retries answer with the same receipt); after close nothing needs it */
	if (s == PT_OK) {
		s = run(db, "UPDATE participa_voters v JOIN participa_processes p ON p.id = v.process_id "
			"SET v.participant_id = ? WHERE v.participant_id = ? AND p.closed_at IS NOT NULL", ps, id, 1,
			&r->voters, err);
	}
	if (s == PT_OK) {
		s = run(db, "DELETE k FROM participa_cast_keys k JOIN participa_processes p ON p.id = k.process_id "
			"WHERE k.participant_id = ? AND p.closed_at IS NOT NULL", NULL, id, 1, &r->cast_keys, err);
	}
	if (s == PT_OK) {
		/* schema 016: the segments whose voter column changes move their version (io/process/process_reads.h) */
		pt_db_value v[1] = { PT_DB_TEXT_V(id, strlen(id)) };

		s = pt_db_exec(db, "INSERT INTO participa_box_segments (process_id, segment, v) SELECT process_id, LEFT(receipt, 2), 1 "
			"FROM participa_ballot_box WHERE voter = ? GROUP BY process_id, LEFT(receipt, 2) "
			"ORDER BY process_id, LEFT(receipt, 2) ON DUPLICATE KEY UPDATE v = v + 1", v, 1, NULL, NULL, err);
	}
	if (s == PT_OK) {
		s = run(db, "UPDATE participa_ballot_box SET voter = ? WHERE voter = ?", ps, id, 1, &r->ballots, err);
	}
	if (s == PT_OK) {
		s = run(db, "UPDATE participa_process_options SET proposed_by = ? WHERE proposed_by = ?", ps, id, 1,
			&r->proposals, err);
	}
	if (s == PT_OK) {
		s = run(db, "UPDATE participa_assembly_attendance SET name = ? WHERE name = ?", ps, id, 1, &r->attendance,
			err);
	}
	if (s == PT_OK) {
		s = run(db, "DELETE FROM participa_participant_roles WHERE participant_id = ?", NULL, id, 1, &r->roles, err);
	}
	if (s == PT_OK) {
		s = run(db, "DELETE FROM participa_participants WHERE id = ?", NULL, id, 1, &r->participant, err);
	}
	/* what stays, counted for the operator's answer to the request */
	if (s == PT_OK) {
		s = kept_counts(db, "SELECT (SELECT COUNT(*) FROM participa_voters WHERE participant_id = ?), "
			"(SELECT COUNT(*) FROM participa_cast_keys WHERE participant_id = ?)", id, 2, &k, err);
		r->kept_voters = (uint64_t)k.v[0];
		r->kept_cast_keys = (uint64_t)k.v[1];
	}
	if (s == PT_OK) {
		s = kept_counts(db, "SELECT (SELECT COUNT(*) FROM participa_moderation_log WHERE moderator = ?), "
			"(SELECT COUNT(*) FROM participa_comments WHERE official_by = ?), "
			"(SELECT COUNT(*) FROM participa_process_options WHERE withdrawn_by = ?), "
			"(SELECT COUNT(*) FROM participa_commitment_events WHERE actor = ?)", id, 4, &k, err);
		r->kept_official = (uint64_t)(k.v[0] + k.v[1] + k.v[2]);
		r->kept_history = (uint64_t)k.v[3];
	}
	if (s == PT_OK) {
		s = kept_counts(db, "SELECT (SELECT COUNT(*) FROM participa_paper_batches WHERE first_by = ? OR second_by = ?), "
			"(SELECT COUNT(*) FROM participa_assemblies WHERE recorded_by = ?), "
			"(SELECT COUNT(*) FROM participa_commitment_evidence WHERE added_by = ?)", id, 4, &k, err);
		r->kept_official += (uint64_t)(k.v[0] + k.v[1] + k.v[2]);
	}
	return s;
}

#define ERASED(f) { #f, offsetof(pt_participant_store_erase_report, f), false }
#define KEPT(name, f) { name, offsetof(pt_participant_store_erase_report, f), true }
const pt_participant_store_erase_field pt_participant_store_erase_fields[] = {
	ERASED(participant), ERASED(roles), ERASED(comments), ERASED(comment_versions), ERASED(reactions),
	ERASED(flags), ERASED(mentions), ERASED(moderation_log), ERASED(voters), ERASED(cast_keys), ERASED(ballots),
	ERASED(proposals), ERASED(attendance), KEPT("voters_open", kept_voters), KEPT("cast_keys_open", kept_cast_keys),
	KEPT("official_acts", kept_official), KEPT("commitment_history", kept_history), { NULL, 0, false }
};

pt_status pt_participant_store_erase(pt_db *db, const char *id, const pt_allocator *a,
	pt_participant_store_erase_report *out, pt_error *err)
{
	char token[PT_RECEIPT_LEN + 1];
	erase_ctx c = { id, a, out };
	pt_status s;

	memset(out, 0, sizeof(*out));
	/* random, so nothing derives it back from the id; the same for every
	 * row of this person, so their comments still read as one (unnamed) voice */
	s = pt_process_store_receipt(token, err);
	if (s != PT_OK) {
		return s;
	}
	snprintf(out->pseudonym, sizeof(out->pseudonym), "borrado:%s", token);
	return pt_db_transaction(db, erase_unit, &c, 0, NULL, err);
}

pt_status pt_participant_store_write_scope(pt_db *db, const pt_config *cfg, const char *id, bool territory_set,
	const char *territory, pt_write_scope *out, pt_error *err)
{
	pt_status s = pt_participant_store_subject_territory(db, "commitment", 10, id, strlen(id), out->territory,
		sizeof(out->territory), &out->exists, err);

	if (s == PT_OK) {
		pt_write_scope_resolve(cfg, out, territory_set, territory);
	}
	return s;
}

/* ------------------------------------------------------------------- export */

typedef struct export_query {
	const char *section;
	const char *cols;            /* the column names, comma separated, in SELECT order */
	unsigned nid;                /* how many times the id is bound */
	const char *sql;
} export_query;

static const export_query export_queries[] = {
	{ "participant", "id,territory_id,status,created_at,updated_at", 1,
		"SELECT id, territory_id, status, created_at, updated_at FROM participa_participants WHERE id = ?" },
	{ "roles", "role,source,territory_id,body,created_at", 1,
		"SELECT role, source, territory_id, body, created_at FROM participa_participant_roles "
		"WHERE participant_id = ? ORDER BY role" },
	{ "comments", "id,subject_type,subject_id,parent_id,depth,status,body,alignment,rule,redactions,"
		"official_answer,version,idempotency_key,created_at,edited_at", 1,
		"SELECT c.id, t.subject_type, t.subject_id, c.parent_id, c.depth, c.status, c.body, c.alignment, c.rule, "
		"c.redactions, c.official_answer, c.version, c.idempotency_key, c.created_at, c.edited_at "
		"FROM participa_comments c JOIN participa_threads t ON t.id = c.thread_id WHERE c.author = ? ORDER BY c.id" },
	{ "comment_versions", "comment_id,version,body,status,created_at,replaced_at", 1,
		"SELECT v.comment_id, v.version, v.body, v.status, v.created_at, v.replaced_at "
		"FROM participa_comment_versions v JOIN participa_comments c ON c.id = v.comment_id WHERE c.author = ? "
		"ORDER BY v.comment_id, v.version" },
	{ "reactions", "comment_id,vote,stance,updated_at", 1,
		"SELECT comment_id, vote, stance, updated_at FROM participa_reactions WHERE participant = ? ORDER BY comment_id" },
	{ "flags", "comment_id,reason,created_at", 1,
		"SELECT comment_id, reason, created_at FROM participa_flags WHERE participant = ? ORDER BY comment_id" },
	{ "mentions", "comment_id", 1,
		"SELECT comment_id FROM participa_mentions WHERE participant = ? ORDER BY comment_id" },
	{ "official_answers", "comment_id", 1,
		"SELECT id FROM participa_comments WHERE official_by = ? ORDER BY id" },
	{ "moderation_log", "id,action,moderator,comment_id,thread_id,participant,reason,created_at", 2,
		"SELECT id, action, moderator, comment_id, thread_id, participant, reason, created_at "
		"FROM participa_moderation_log WHERE participant = ? OR moderator = ? ORDER BY created_at, id" },
	/* that they voted, never what or under which receipt in a secret process */
	{ "votes", "process,secret,closed,voted_at", 1,
		"SELECT p.code, p.secret, p.closed_at IS NOT NULL, v.voted_at FROM participa_voters v "
		"JOIN participa_processes p ON p.id = v.process_id WHERE v.participant_id = ? ORDER BY p.code" },
	{ "cast_keys", "process,idempotency_key,created_at", 1,
		"SELECT p.code, k.idem_key, k.created_at FROM participa_cast_keys k "
		"JOIN participa_processes p ON p.id = k.process_id WHERE k.participant_id = ? ORDER BY p.code, k.created_at" },
	{ "public_ballots", "process,receipt,ballot,role,reason,channel,version", 1,
		"SELECT p.code, b.receipt, b.ballot, b.role, b.reason, b.channel, b.version FROM participa_ballot_box b "
		"JOIN participa_processes p ON p.id = b.process_id WHERE b.voter = ? AND p.secret = 0 ORDER BY p.code" },
	{ "proposals", "process,option_id,name,cost,territory_id,created_at,withdrawn_at", 1,
		"SELECT p.code, o.option_id, o.name, o.cost, o.territory_id, o.created_at, o.withdrawn_at "
		"FROM participa_process_options o JOIN participa_processes p ON p.id = o.process_id "
		"WHERE o.proposed_by = ? ORDER BY p.code, o.option_id" },
	{ "withdrawals", "process,option_id,withdrawn_at,withdraw_reason", 1,
		"SELECT p.code, o.option_id, o.withdrawn_at, o.withdraw_reason FROM participa_process_options o "
		"JOIN participa_processes p ON p.id = o.process_id WHERE o.withdrawn_by = ? ORDER BY p.code, o.option_id" },
	/* which entry was theirs; the other person's id is not theirs to see */
	{ "paper_batches", "process,batch_id,assembly,tally_sheet,status,entry,created_at", 3,
		"SELECT p.code, b.batch_id, b.assembly, b.tally_sheet, b.status, IF(b.first_by = ?, 1, 2), b.created_at "
		"FROM participa_paper_batches b JOIN participa_processes p ON p.id = b.process_id "
		"WHERE b.first_by = ? OR b.second_by = ? ORDER BY p.code, b.batch_id" },
	{ "commitment_events", "seq,commitment_id,action,at,changes,note", 1,
		"SELECT seq, commitment_id, action, at, changes, note FROM participa_commitment_events WHERE actor = ? "
		"ORDER BY seq" },
	{ "commitment_evidence", "commitment_id,position,url,reference,description,evidence_date", 1,
		"SELECT commitment_id, position, url, reference, description, evidence_date FROM participa_commitment_evidence "
		"WHERE added_by = ? ORDER BY commitment_id, position" },
	{ "assemblies_recorded", "id,territory_id,held_on,place,created_at", 1,
		"SELECT id, territory_id, held_on, place, created_at FROM participa_assemblies WHERE recorded_by = ? "
		"ORDER BY id" },
	{ "assembly_attendance", "assembly_id,territory_id,held_on,position", 1,
		"SELECT a.assembly_id, s.territory_id, s.held_on, a.position FROM participa_assembly_attendance a "
		"JOIN participa_assemblies s ON s.id = a.assembly_id WHERE a.name = ? ORDER BY a.assembly_id, a.position" },
};

#define EXPORT_COUNT (sizeof(export_queries) / sizeof(export_queries[0]))

const char *const pt_participant_store_export_sections[] = {
	"participant", "roles", "comments", "comment_versions", "reactions", "flags", "mentions", "official_answers",
	"moderation_log", "votes", "cast_keys", "public_ballots", "proposals", "withdrawals", "paper_batches",
	"commitment_events", "commitment_evidence", "assemblies_recorded", "assembly_attendance", NULL
};

#define EXPORT_MAX_COLS 16

typedef struct export_ctx {
	const char *id;
	const pt_participant_store_export_sink *sink;
	const char *section;
	const char *names[EXPORT_MAX_COLS];
	char names_buf[512];
	size_t ncols;
} export_ctx;

static pt_status export_row_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	export_ctx *x = vctx;

	if (ncols != x->ncols) {
		return pt_error_set(err, PT_ERR_INTERNAL, "export of %s: %zu columns, %zu names", x->section, ncols, x->ncols);
	}
	return x->sink->row(x->sink->ctx, x->section, x->names, cols, ncols, err);
}

static void split_names(export_ctx *x, const char *cols)
{
	char *p;

	snprintf(x->names_buf, sizeof(x->names_buf), "%s", cols);
	x->ncols = 0;
	p = x->names_buf;
	while (p && *p && x->ncols < EXPORT_MAX_COLS) {
		char *end = strchr(p, ',');

		x->names[x->ncols++] = p;
		if (end) {
			*end = '\0';
			p = end + 1;
		} else {
			p = NULL;
		}
	}
}

static pt_status export_unit(pt_db *db, void *vctx, pt_error *err)
{
	export_ctx *x = vctx;
	pt_status s = PT_OK;
	size_t i;

	if (x->sink->begin) {
		x->sink->begin(x->sink->ctx);
	}
	for (i = 0; s == PT_OK && i < EXPORT_COUNT; i++) {
		const export_query *q = &export_queries[i];
		pt_db_value p[3] = { TEXT(x->id), TEXT(x->id), TEXT(x->id) };

		x->section = q->section;
		split_names(x, q->cols);
		s = pt_db_query(db, q->sql, p, q->nid, export_row_fn, x, err);
	}
	return s;
}

pt_status pt_participant_store_export(pt_db *db, const char *id, const pt_participant_store_export_sink *sink, pt_error *err)
{
	export_ctx x;

	memset(&x, 0, sizeof(x));
	x.id = id;
	x.sink = sink;
	return pt_db_transaction_rr(db, export_unit, &x, 0, NULL, err);
}
