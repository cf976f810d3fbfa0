/* participa io: an instrument's responses (see instrument_store.h). */
#include "io/instrument/instrument_store.h"
#include "io/participant/participant_actor.h"
#include "core/common/pt_buf.h"
#include "core/common/messages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define T(s) PT_DB_TEXT_V((s), strlen(s))

static const char *respondent_key(const pt_instr_write_req *r)
{
	return r->kind == PT_INSTR_SELF ? "" : r->participant;
}

/* ---- the write --------------------------------------------------------------- */

typedef struct write_ctx {
	const pt_instr_write_req *req;
	pt_instr_answers merged;     /* submit: the draft's answers, the new ones over them */
} write_ctx;

typedef struct status_cell {
	int64_t status;
	bool found;
} status_cell;

static pt_status status_fn(void *ctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	status_cell *c = ctx;

	(void)ncols;
	(void)err;
	c->status = pt_db_col_int(&cols[0]);
	c->found = true;
	return PT_OK;
}

/* A stored answer of the draft (submit), kept unless the new answers give the item. */
static pt_status stored_answer_fn(void *ctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	write_ctx *w = ctx;
	const pt_instrument *in = w->req->in;
	const pt_allocator *a = w->req->a;
	pt_instr_answer *ans;
	const char *s;
	size_t len, j;
	int32_t item;

	(void)ncols;
	pt_db_col_str(&cols[0], &s, &len);
	if (!s || (item = pt_instr_item_find(in, s, len)) < 0) {
		return PT_OK; /* an item the YAML no longer has */
	}
	for (j = 0; j < w->req->answers->count; j++) {
		if (w->req->answers->items[j].item == item) {
			return PT_OK;
		}
	}
	if (w->merged.count >= in->item_count) {
		return PT_OK;
	}
	ans = &w->merged.items[w->merged.count];
	memset(ans, 0, sizeof(*ans));
	ans->item = item;
	pt_db_col_str(&cols[1], &s, &len);
	if (s && !(ans->value = pt_strndup(a, s, len))) {
		return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	}
	ans->value_len = s ? len : 0;
	pt_db_col_str(&cols[2], &s, &len);
	if (s && !(ans->evidence = pt_strndup(a, s, len))) {
		pt_free(a, ans->value);
		return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	}
	ans->evidence_len = s ? len : 0;
	w->merged.count++;
	return PT_OK;
}

/* Frees the merged answers read from the store, not those borrowed from the request. */
static void merged_free(write_ctx *w)
{
	size_t j, borrowed = w->req->answers->count;

	for (j = 0; j < w->merged.count && j < borrowed; j++) {
		w->merged.items[j].value = w->merged.items[j].evidence = NULL;
	}
	pt_instr_answers_free(&w->merged);
}

static pt_status merge(pt_db *db, write_ctx *w, int64_t response, pt_error *err)
{
	const pt_instr_write_req *r = w->req;
	pt_db_value p[1] = { PT_DB_INT_V(response) };
	size_t j;

	merged_free(w); /* a replayed unit starts again */
	w->merged.a = r->a;
	if (!(w->merged.items = pt_calloc(r->a, r->in->item_count + 1, sizeof(*w->merged.items)))) {
		return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	}
	for (j = 0; j < r->answers->count; j++) {
		/* borrowed from the request: cleared before free (see write_unit's end) */
		w->merged.items[w->merged.count++] = r->answers->items[j];
	}
	return pt_db_query(db, "SELECT item_id, value, evidence FROM participa_instrument_answers WHERE response_id = ?",
		p, 1, stored_answer_fn, w, err);
}

/* The new answers as one INSERT ... ON DUPLICATE KEY UPDATE. */
static pt_status write_answers(pt_db *db, const pt_instr_write_req *r, int64_t response, pt_error *err)
{
	const pt_instr_answers *ans = r->answers;
	pt_db_value *p;
	pt_buf sql;
	size_t j;
	pt_status s;

	if (ans->count == 0) {
		return PT_OK;
	}
	if (!(p = pt_calloc(r->a, ans->count * 4, sizeof(*p)))) {
		return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	}
	pt_buf_init(&sql, r->a);
	pt_buf_puts(&sql, "INSERT INTO participa_instrument_answers (response_id, item_id, value, evidence) VALUES ");
	for (j = 0; j < ans->count; j++) {
		const pt_instr_answer *x = &ans->items[j];

		pt_buf_puts(&sql, j ? ", (?, ?, ?, ?)" : "(?, ?, ?, ?)");
		p[4 * j] = PT_DB_INT_V(response);
		p[4 * j + 1] = T(r->in->items[x->item].id);
		p[4 * j + 2] = x->value ? PT_DB_TEXT_V(x->value, x->value_len) : PT_DB_NULL_V;
		p[4 * j + 3] = x->evidence ? PT_DB_TEXT_V(x->evidence, x->evidence_len) : PT_DB_NULL_V;
	}
	pt_buf_puts(&sql, " ON DUPLICATE KEY UPDATE value = VALUES(value), evidence = VALUES(evidence)");
	s = sql.failed ? pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory")
		: pt_db_exec(db, sql.data, p, ans->count * 4, NULL, NULL, err);
	pt_buf_free(&sql);
	pt_free(r->a, p);
	return s;
}

static pt_status write_unit(pt_db *db, void *ctx, pt_error *err)
{
	write_ctx *w = ctx;
	const pt_instr_write_req *r = w->req;
	const char *subject = r->in->subjects[r->subject].id;
	pt_db_value key[4] = { T(r->in->id), T(subject), PT_DB_INT_V(r->kind), T(respondent_key(r)) };
	pt_db_value ins[5] = { key[0], key[1], key[2], key[3], T(r->participant) };
	pt_db_value self[2] = { key[0], key[1] };
	pt_participant_actor actor;
	pt_participant_actor_text text;
	pt_instr_write_facts f;
	status_cell row = { 0, false }, own = { 0, false };
	uint64_t id = 0;
	pt_status s;

	/* the row, inserted as a draft or locked: one response per respondent and subject */
	if ((s = pt_db_exec(db, "INSERT INTO participa_instrument_responses (instrument_id, subject_id, kind, "
			"respondent_key, participant_id, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, "
			"UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)) ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id)", ins, 5, NULL, &id,
			err)) != PT_OK
		|| (s = pt_db_query(db, "SELECT status FROM participa_instrument_responses WHERE instrument_id = ? AND "
			"subject_id = ? AND kind = ? AND respondent_key = ? FOR UPDATE", key, 4, status_fn, &row, err)) != PT_OK
		|| (s = pt_db_query(db, "SELECT status FROM participa_instrument_responses WHERE instrument_id = ? AND "
			"subject_id = ? AND kind = 0 AND respondent_key = '' LOCK IN SHARE MODE", self, 2, status_fn, &own,
			err)) != PT_OK
		|| (s = pt_participant_actor_get(db, r->participant, &actor, &text, err)) != PT_OK) {
		return s;
	}
	if (r->submit && (s = merge(db, w, (int64_t)id, err)) != PT_OK) {
		return s;
	}
	memset(&f, 0, sizeof(f));
	f.cfg = r->cfg;
	f.in = r->in;
	f.kind = r->kind;
	f.subject = r->subject;
	f.window = r->window;
	f.actor = (pt_participant_facts){ r->participant, actor.banned, actor.roles, actor.territory };
	f.existing = row.found ? (pt_instr_status)row.status : PT_INSTR_NONE;
	f.self_submitted = own.found && own.status == PT_INSTR_SUBMITTED;
	f.submit = r->submit;
	f.merged = &w->merged;
	if ((s = pt_instr_check_write(&f, err)) != PT_OK || (s = write_answers(db, r, (int64_t)id, err)) != PT_OK) {
		return s;
	}
	{
		pt_db_value up[3] = { T(r->participant), PT_DB_INT_V(r->submit ? PT_INSTR_SUBMITTED : PT_INSTR_DRAFT),
			PT_DB_INT_V((int64_t)id) };

		return pt_db_exec(db, "UPDATE participa_instrument_responses SET participant_id = ?, status = ?, "
			"updated_at = UTC_TIMESTAMP(6), submitted_at = IF(status = 2, UTC_TIMESTAMP(6), NULL) WHERE id = ?", up, 3,
			NULL, NULL, err);
	}
}

pt_status pt_instr_store_write(pt_db *db, const pt_instr_write_req *req, pt_error *err)
{
	write_ctx w;
	pt_status s;

	memset(&w, 0, sizeof(w));
	w.req = req;
	w.merged.a = req->a;
	s = pt_db_transaction(db, write_unit, &w, 0, NULL, err);
	merged_free(&w);
	return s;
}

/* ---- one response ------------------------------------------------------------------ */

typedef struct read_ctx {
	const pt_config *cfg;
	const pt_instrument *in;
	const pt_allocator *a;
	pt_value *out;
	pt_value *answers;
	int64_t id;
	uint8_t *answered;           /* [items] */
	bool nomem;
} read_ctx;

static pt_value *col_text(const pt_allocator *a, const pt_db_value *v)
{
	const char *s;
	size_t len;

	pt_db_col_str(v, &s, &len);
	return s ? pt_value_string(a, s, len) : pt_value_null(a);
}

static pt_status response_row_fn(void *ctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	read_ctx *c = ctx;
	const pt_allocator *a = c->a;
	int64_t st = pt_db_col_int(&cols[1]);
	pt_value *m = pt_value_map(a);

	(void)ncols;
	(void)err;
	c->id = pt_db_col_int(&cols[0]);
	c->out = m;
	c->nomem = !m || pt_value_setc(m, "status", pt_value_cstr(a, st == PT_INSTR_SUBMITTED ? "submitted" : "draft"))
		|| pt_value_setc(m, "participant", col_text(a, &cols[2])) || pt_value_setc(m, "created_at",
		col_text(a, &cols[3])) || pt_value_setc(m, "updated_at", col_text(a, &cols[4]))
		|| pt_value_setc(m, "submitted_at", col_text(a, &cols[5]));
	return PT_OK;
}

static pt_status answer_row_fn(void *ctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	read_ctx *c = ctx;
	const char *s;
	size_t len;
	int32_t item;
	pt_value *m, *v;
	int64_t units, code;

	(void)ncols;
	(void)err;
	pt_db_col_str(&cols[0], &s, &len);
	if (!s || (item = pt_instr_item_find(c->in, s, len)) < 0 || c->nomem) {
		return PT_OK;
	}
	pt_db_col_str(&cols[1], &s, &len);
	if (s && c->in->items[item].scale == PT_SCALE_NUMERIC && pt_instr_eval(c->in, (size_t)item, s, len, &units, &code)) {
		v = pt_value_int(c->a, code); /* the number as a number */
	} else if (s && c->in->items[item].scale == PT_SCALE_YES_NO) {
		v = pt_value_bool(c->a, len == 3 && memcmp(s, "yes", 3) == 0);
	} else {
		v = col_text(c->a, &cols[1]);
	}
	m = pt_value_map(c->a);
	c->nomem = !m || pt_value_setc(m, "value", v) || pt_value_setc(m, "evidence", col_text(c->a, &cols[2]))
		|| pt_value_setc(c->answers, c->in->items[item].id, m);
	c->answered[item] = s != NULL;
	return PT_OK;
}

pt_status pt_instr_store_response(pt_db *db, const pt_config *cfg, const pt_instrument *in, pt_instr_kind kind,
	int32_t subject, const char *participant, const pt_allocator *a, pt_value **out, pt_error *err)
{
	const char *who = kind == PT_INSTR_SELF ? "" : participant;
	pt_db_value key[4] = { T(in->id), T(in->subjects[subject].id), PT_DB_INT_V(kind), T(who) };
	read_ctx c;
	pt_value *missing;
	pt_status s;
	size_t i;

	memset(&c, 0, sizeof(c));
	c.cfg = cfg;
	c.in = in;
	c.a = a;
	*out = NULL;
	if ((s = pt_db_query(db, "SELECT id, status, participant_id, DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s'), "
			"DATE_FORMAT(updated_at, '%Y-%m-%d %H:%i:%s'), DATE_FORMAT(submitted_at, '%Y-%m-%d %H:%i:%s') "
			"FROM participa_instrument_responses WHERE instrument_id = ? AND subject_id = ? AND kind = ? AND "
			"respondent_key = ?", key, 4, response_row_fn, &c, err)) != PT_OK || !c.out) {
		pt_value_free(c.out);
		return s;
	}
	if (c.nomem || !(c.answers = pt_value_map(a)) || !(c.answered = pt_calloc(a, in->item_count + 1, 1))) {
		pt_value_free(c.answers);
		pt_value_free(c.out);
		return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	}
	{
		pt_db_value p[1] = { PT_DB_INT_V(c.id) };

		s = pt_db_query(db, "SELECT item_id, value, evidence FROM participa_instrument_answers WHERE response_id = ? "
			"ORDER BY item_id", p, 1, answer_row_fn, &c, err);
	}
	missing = pt_value_list(a);
	for (i = 0; missing && i < in->item_count && !c.nomem; i++) {
		if (in->items[i].required && !c.answered[i] && kind != PT_INSTR_CORROBORATION) {
			c.nomem = pt_value_push(missing, pt_value_cstr(a, in->items[i].id)) != PT_OK;
		}
	}
	pt_free(a, c.answered);
	c.nomem = c.nomem || !missing || pt_value_setc(c.out, "instrument", pt_value_cstr(a, in->id))
		|| pt_value_setc(c.out, "subject", pt_value_cstr(a, in->subjects[subject].id))
		|| pt_value_setc(c.out, "as", pt_value_cstr(a, pt_instr_kind_name(kind)))
		|| pt_value_setc(c.out, "answers", c.answers) || pt_value_setc(c.out, "missing", missing);
	if (s != PT_OK || c.nomem) {
		pt_value_free(c.out);
		return s != PT_OK ? s : pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	}
	*out = c.out;
	return PT_OK;
}

/* ---- the tally ------------------------------------------------------------------------ */

static pt_status drafts_fn(void *ctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	(void)ncols;
	(void)err;
	pt_instr_tally_drafts(ctx, (pt_instr_kind)pt_db_col_int(&cols[0]), pt_db_col_int(&cols[1]));
	return PT_OK;
}

static pt_status tally_row_fn(void *ctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	const char *subject, *item, *value;
	size_t sl, il, vl;

	(void)ncols;
	pt_db_col_str(&cols[0], &subject, &sl);
	pt_db_col_str(&cols[3], &item, &il);
	pt_db_col_str(&cols[4], &value, &vl);
	if (!subject || !item || !value) {
		return PT_OK; /* a cleared item */
	}
	return pt_instr_tally_row(ctx, subject, sl, (pt_instr_kind)pt_db_col_int(&cols[1]), pt_db_col_int(&cols[2]), item,
		il, value, vl, err);
}

pt_status pt_instr_store_tally(pt_db *db, const pt_instrument *in, pt_instr_tally *t, pt_error *err)
{
	pt_db_value p[1] = { T(in->id) };
	pt_status s;

	if ((s = pt_db_query(db, "SELECT kind, COUNT(*) FROM participa_instrument_responses WHERE instrument_id = ? AND "
			"status = 1 GROUP BY kind", p, 1, drafts_fn, t, err)) != PT_OK
		|| (s = pt_db_query(db, "SELECT r.subject_id, r.kind, r.id, a.item_id, a.value FROM "
			"participa_instrument_responses r JOIN participa_instrument_answers a ON a.response_id = r.id WHERE "
			"r.instrument_id = ? AND r.status = 2 ORDER BY r.subject_id, r.kind, r.id", p, 1, tally_row_fn, t,
			err)) != PT_OK) {
		return s;
	}
	return pt_instr_tally_end(t, err);
}

/* ---- the binding's calls ----------------------------------------------------------------- */

/* refusal(): the facts a write reads, without locks or writes, and the rule; the refusal's text or null. */
static pt_status may_write(pt_db *db, const pt_instr_call *c, pt_instr_kind kind, int32_t subject, const pt_allocator *a,
	pt_value **out, pt_error *err)
{
	const char *key = kind == PT_INSTR_SELF ? "" : c->participant;
	pt_db_value k[4] = { T(c->in->id), T(c->in->subjects[subject].id), PT_DB_INT_V(kind), T(key) };
	status_cell row = { 0, false }, own = { 0, false };
	pt_participant_actor actor;
	pt_participant_actor_text text;
	pt_instr_write_facts f;
	pt_error refusal;
	pt_status s;

	if ((s = pt_db_query(db, "SELECT status FROM participa_instrument_responses WHERE instrument_id = ? AND subject_id = ? "
			"AND kind = ? AND respondent_key = ?", k, 4, status_fn, &row, err)) != PT_OK
		|| (s = pt_db_query(db, "SELECT status FROM participa_instrument_responses WHERE instrument_id = ? AND "
			"subject_id = ? AND kind = 0 AND respondent_key = ''", k, 2, status_fn, &own, err)) != PT_OK
		|| (s = pt_participant_actor_get(db, c->participant, &actor, &text, err)) != PT_OK) {
		return s;
	}
	memset(&f, 0, sizeof(f));
	f.cfg = c->cfg;
	f.in = c->in;
	f.kind = kind;
	f.subject = subject;
	f.window = c->window(c->window_ctx, c->cfg, &c->in->respondents[kind]);
	f.actor = (pt_participant_facts){ c->participant, actor.banned, actor.roles, actor.territory };
	f.existing = row.found ? (pt_instr_status)row.status : PT_INSTR_NONE;
	f.self_submitted = own.found && own.status == PT_INSTR_SUBMITTED;
	pt_error_clear(&refusal);
	if (pt_instr_check_write(&f, &refusal) == PT_OK) {
		*out = pt_value_null(a);
	} else {
		*out = pt_value_cstr(a, pt_locale_english(c->cfg->locale) && refusal.message_en[0] ? refusal.message_en
			: refusal.message);
	}
	return *out ? PT_OK : pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
}

pt_status pt_instr_store_call(pt_db *db, const pt_instr_call *c, const pt_allocator *a, pt_value **out, pt_error *err)
{
	pt_instr_kind kind = c->kind;
	pt_instr_answers ans;
	pt_instr_write_req req;
	int32_t subject;
	pt_status s;

	*out = NULL;
	if ((c->as && (s = pt_instr_kind_arg(c->in, c->as, c->as_len, &kind, err)) != PT_OK)
		|| (s = pt_instr_subject_arg(c->in, c->subject, c->subject_len, &subject, err)) != PT_OK) {
		return s;
	}
	if (!c->write && c->submit) {
		return may_write(db, c, kind, subject, a, out, err);
	}
	if (c->write) {
		if ((s = pt_instr_answers_parse(c->in, c->answers, &ans, a, err)) != PT_OK) {
			return s;
		}
		req = (pt_instr_write_req){ c->cfg, c->in, kind, subject, c->participant, &ans, c->submit,
			c->window(c->window_ctx, c->cfg, &c->in->respondents[kind]), a };
		s = pt_instr_store_write(db, &req, err);
		pt_instr_answers_free(&ans);
		if (s != PT_OK) {
			return s;
		}
	}
	return pt_instr_store_response(db, c->cfg, c->in, kind, subject, c->participant, a, out, err);
}

pt_status pt_instr_store_scores(pt_db *db, const pt_config *cfg, const pt_instrument *in, const pt_instr_clock *clock,
	const char *format, const pt_allocator *a, pt_value **out_value, pt_buf *out_text, pt_error *err)
{
	pt_instr_tally *t = pt_instr_tally_new(in, a);
	pt_status s = t ? pt_instr_store_tally(db, in, t, err) : pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");

	if (s == PT_OK && !format) {
		s = (*out_value = pt_instr_report(t, cfg, clock, a)) ? PT_OK : pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	} else if (s == PT_OK) {
		s = pt_instr_export(t, cfg, clock, format, out_text, err);
	}
	pt_instr_tally_free(t);
	return s;
}
