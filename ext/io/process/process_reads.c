/* participa io: the reads behind a process's page (process_reads.h). */
#include "io/process/process_reads.h"
#include "io/participant/participant_actor.h"
#include "io/process/process_store.h"
#include "core/fragment/process_view.h"
#include "core/process/answers.h"

#include <string.h>

pt_status pt_process_store_status(pt_db *db, int64_t process_id, const pt_config *cfg, const pt_process_def *def,
	const pt_process_clock *c, const char *participant, bool english, const pt_allocator *a, pt_value **out,
	pt_error *err)
{
	pt_process_status_facts f = { participant, false, NULL, NULL, false };
	pt_participant_actor actor;
	pt_participant_actor_text text;
	pt_status s;

	*out = NULL;
	if (participant) {
		if ((s = pt_participant_actor_get(db, participant, &actor, &text, err)) != PT_OK
			|| (s = pt_process_store_has_voted(db, process_id, participant, &f.voted, err)) != PT_OK) {
			return s;
		}
		f.banned = actor.banned;
		f.roles = actor.roles;
		f.territory = actor.territory;
	}
	if (!(*out = pt_process_status_value(cfg, def, c, &f, english, a))) {
		return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	}
	return PT_OK;
}

typedef struct batches_sink {
	pt_value *list;
	const pt_allocator *a;
} batches_sink;

static pt_value *col_value(const pt_allocator *a, const pt_db_value *v)
{
	const char *s;
	size_t len;

	pt_db_col_str(v, &s, &len);
	return s ? pt_value_string(a, s, len) : pt_value_null(a);
}

static pt_status batch_list_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	static const char *const keys[] = { "batch", "assembly", "tally_sheet", "status", "first_by", "second_by" };
	batches_sink *k = vctx;
	pt_value *m = pt_value_map(k->a);
	pt_status s = m ? PT_OK : PT_ERR_NOMEM;
	size_t i;

	for (i = 0; i < 6 && i < ncols && s == PT_OK; i++) {
		s = pt_value_setc(m, keys[i], col_value(k->a, &cols[i]));
	}
	if (s == PT_OK && ncols > 7) {
		s = pt_value_setc(m, "ballots", pt_value_int(k->a, pt_db_col_int(&cols[6])));
	}
	if (s == PT_OK && ncols > 7) {
		s = pt_value_setc(m, "updated_at", col_value(k->a, &cols[7]));
	}
	if (s != PT_OK) {
		pt_value_free(m);
	}
	/* the push owns m even when it fails */
	if (s != PT_OK || pt_value_push(k->list, m) != PT_OK) {
		return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	}
	return PT_OK;
}

pt_status pt_process_store_batches(pt_db *db, int64_t process_id, const pt_allocator *a, pt_value **out,
	pt_error *err)
{
	pt_db_value p[1] = { PT_DB_INT_V(process_id) };
	batches_sink k = { pt_value_list(a), a };
	pt_status s;

	*out = NULL;
	if (!k.list) {
		return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	}
	s = pt_db_query(db, "SELECT batch_id, assembly, tally_sheet, status, first_by, second_by, ballot_count, "
		"DATE_FORMAT(updated_at, '%Y-%m-%d %H:%i:%s') FROM participa_paper_batches WHERE process_id = ? "
		"ORDER BY updated_at DESC, batch_id LIMIT 200", p, 1, batch_list_fn, &k, err);
	if (s != PT_OK) {
		pt_value_free(k.list);
		return s;
	}
	*out = k.list;
	return PT_OK;
}

typedef struct check_sink {
	pt_value *m;
	pt_status s;
} check_sink;

static pt_status check_row(void *vctx, const pt_process_store_ballot *b, pt_error *err)
{
	check_sink *k = vctx;
	const pt_allocator *a = k->m->alloc;

	k->s = pt_value_setc(k->m, "ballot", pt_value_string(a, b->ballot, b->ballot_len));
	k->s = k->s ? k->s : pt_value_setc(k->m, "channel", pt_value_cstr(a, b->paper ? "paper" : "web"));
	return k->s ? pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory") : PT_OK;
}

pt_status pt_process_store_receipt_check(pt_db *db, int64_t process_id, const char *text, bool english,
	const pt_allocator *a, pt_value **out, pt_error *err)
{
	char typed[PT_RECEIPT_LEN + 1];
	check_sink k = { pt_value_map(a), PT_OK };
	size_t len;
	bool found = false;
	pt_error why;
	pt_status s;

	*out = NULL;
	if (!k.m || pt_value_setc(k.m, "query", pt_value_cstr(a, text)) != PT_OK) {
		pt_value_free(k.m);
		return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	}
	pt_error_clear(&why);
	/* as pasted: blanks around it do not count */
	while (*text == ' ' || *text == '\t') {
		text++;
	}
	len = strlen(text);
	while (len && (text[len - 1] == ' ' || text[len - 1] == '\t')) {
		len--;
	}
	if (pt_process_store_receipt_read(text, len, typed, &why) != PT_OK) {
		s = pt_value_setc(k.m, "error", pt_value_cstr(a, english && why.message_en[0] ? why.message_en : why.message));
	} else if ((s = pt_process_store_ballot_get(db, process_id, typed, PT_RECEIPT_LEN, check_row, &k, &found, err))
			== PT_OK) {
		s = pt_value_setc(k.m, "found", pt_value_bool(a, found));
	}
	if (s != PT_OK) {
		pt_value_free(k.m);
		return s == PT_ERR_NOMEM ? pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory") : s;
	}
	*out = k.m;
	return PT_OK;
}

pt_status pt_process_store_page(pt_db *db, int64_t process_id, const pt_config *cfg, const pt_process_def *yaml,
	const pt_process_def *def, const pt_process_clock *c, const pt_process_row *row, const char *viewer,
	const pt_fragment_host *h, pt_value *opts, pt_value *get, const pt_allocator *a, pt_value **out, pt_error *err)
{
	bool en = h && h->lang && !strcmp(h->lang, "en");
	pt_value *data = pt_value_map(a), *v = NULL;
	char key[PT_RECEIPT_LEN + 1];
	const char *receipt;
	pt_status s;

	*out = NULL;
	if (!data) {
		pt_value_free(opts);
		pt_value_free(get);
		return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	}
	if ((s = pt_value_setc(data, "opts", opts ? opts : pt_value_map(a))) != PT_OK) {
		pt_value_free(get);
	}
	s = s ? s : pt_value_setc(data, "get", get ? get : pt_value_map(a));
	s = s ? s : pt_value_setc(data, "info", pt_process_info_value(cfg, yaml, def, c, row, a));
	if (s == PT_OK && (s = pt_process_store_status(db, process_id, cfg, def, c, viewer, en, a, &v, err)) == PT_OK) {
		s = pt_value_setc(data, "status", v);
	}
	if (s == PT_OK && (s = pt_process_store_receipt(key, err)) == PT_OK) {
		s = pt_value_setc(data, "key", pt_value_cstr(a, key));
	}
	v = NULL;
	if (s == PT_OK && pt_fragment_process_show(data, h) == PT_PROCESS_SHOW_RECEIPT
			&& (receipt = pt_fragment_process_receipt(data, h))) {
		s = pt_process_store_receipt_check(db, process_id, receipt, en, a, &v, err);
		s = s ? s : pt_value_setc(data, "receipt", v);
	} else if (s == PT_OK && pt_fragment_process_show(data, h) == PT_PROCESS_SHOW_PAPER) {
		s = pt_process_store_batches(db, process_id, a, &v, err);
		s = s ? s : pt_value_setc(data, "batches", v);
	}
	if (s != PT_OK) {
		pt_value_free(data);
		return s == PT_ERR_NOMEM ? pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory") : s;
	}
	*out = data;
	return PT_OK;
}

/* ---- the count's reads ------------------------------------------------------------ */

#define SNAPSHOT_PART_BYTES (4u << 20)   /* below max_allowed_packet's 16 MB default */

pt_status pt_process_store_box_changed(pt_db *db, int64_t process_id, pt_error *err)
{
	pt_db_value p[1] = { PT_DB_INT_V(process_id) };

	return pt_db_exec(db, PT_PROCESS_BOX_CHANGED_SQL, p, 1, NULL, NULL, err);
}

#define BOX_VERSION_SQL "SELECT COALESCE(SUM(v), 0) FROM participa_box_versions WHERE process_id = ?"

pt_status pt_process_store_box_version(pt_db *db, int64_t process_id, uint64_t *version, pt_error *err)
{
	pt_db_value p[1] = { PT_DB_INT_V(process_id) };
	pt_db_int_cell v = { 0, false };
	pt_status s = pt_db_query(db, BOX_VERSION_SQL, p, 1, pt_db_int_cell_fn, &v, err);

	*version = (uint64_t)v.value;
	return s;
}

typedef struct snap_read {
	pt_process_count *c;
	int64_t parts, seen, ballots, web, paper;
	char digest[PT_SHA256_HEX];
	bool stale;                  /* a part missing or of another version: read the box */
} snap_read;

/* Columns: part, parts, box_version, ballots, web, paper, digest, data, the box's current version. */
static pt_status snap_row_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	snap_read *r = vctx;
	const char *data;
	size_t len;

	if (ncols < 9 || pt_db_col_int(&cols[0]) != r->seen || pt_db_col_int(&cols[2]) != pt_db_col_int(&cols[8])
			|| (r->seen && pt_db_col_int(&cols[1]) != r->parts)
			|| !pt_db_col_copy(&cols[6], r->digest, sizeof(r->digest)) || strlen(r->digest) != PT_SHA256_HEX - 1) {
		r->stale = true;
		return PT_ERR_CONFLICT;   /* stops the stream; not an error of the count */
	}
	r->parts = pt_db_col_int(&cols[1]);
	r->ballots = pt_db_col_int(&cols[3]);
	r->web = pt_db_col_int(&cols[4]);
	r->paper = pt_db_col_int(&cols[5]);
	r->seen++;
	pt_db_col_str(&cols[7], &data, &len);
	if (pt_process_count_unpack(r->c, data ? data : "", data ? len : 0, err) != PT_OK) {
		if (err->code == PT_ERR_NOMEM) {
			return PT_ERR_NOMEM;
		}
		r->stale = true;
		return PT_ERR_CONFLICT;
	}
	return PT_OK;
}

/* The stored snapshot, when it is of the current version: *used. c is begun and grouped. */
static pt_status count_from_snapshot(pt_db *db, int64_t process_id, pt_process_count *c, bool *used, pt_error *err)
{
	pt_db_value p[2] = { PT_DB_INT_V(process_id), PT_DB_INT_V(process_id) };
	snap_read r;
	pt_status s;

	memset(&r, 0, sizeof(r));
	r.c = c;
	*used = false;
	/* one statement, one read view: the parts and the version they are checked against */
	s = pt_db_query(db, "SELECT s.part, s.parts, s.box_version, s.ballots, s.web_ballots, s.paper_ballots, s.digest, "
		"s.data, (" BOX_VERSION_SQL ") FROM participa_count_snapshots s WHERE s.process_id = ? ORDER BY s.part",
		p, 2, snap_row_fn, &r, err);
	if (r.stale) {
		pt_error_clear(err);
		return PT_OK;
	}
	if (s != PT_OK) {
		return s;
	}
	if (r.seen == 0 || r.seen != r.parts || r.ballots != c->ballots || r.web != c->web || r.paper != c->paper) {
		return PT_OK;
	}
	*used = true;
	return pt_process_count_finish_known(c, r.digest, err);
}

typedef struct full_read {
	int64_t process_id;
	const pt_process_def *def;
	const pt_allocator *a;
	pt_process_count *c;
	uint64_t version;
} full_read;

/* The version and every row in one snapshot (REPEATABLE READ); replayed whole, so c starts afresh. */
static pt_status full_read_unit(pt_db *db, void *vctx, pt_error *err)
{
	full_read *f = vctx;
	pt_status s;

	pt_process_count_free(f->c);
	if ((s = pt_process_count_begin(f->c, f->def, f->a, err)) != PT_OK
		|| (s = pt_process_store_box_version(db, f->process_id, &f->version, err)) != PT_OK) {
		return s;
	}
	return pt_process_store_ballots(db, f->process_id, pt_process_count_row, f->c, err);
}

typedef struct snap_write {
	int64_t process_id;
	uint64_t version;
	const pt_process_count *c;
	const pt_allocator *a;
} snap_write;

static pt_status snap_write_unit(pt_db *db, void *vctx, pt_error *err)
{
	snap_write *w = vctx;
	const pt_process_count *c = w->c;
	pt_db_value k[1] = { PT_DB_INT_V(w->process_id) };
	pt_db_int_cell stored = { 0, false };
	size_t next = 0, parts = 0, i;
	pt_buf data;
	pt_status s;

	/* a slower count of an older box must not replace a newer snapshot */
	s = pt_db_query(db, "SELECT box_version FROM participa_count_snapshots WHERE process_id = ? AND part = 0 FOR UPDATE",
		k, 1, pt_db_int_cell_fn, &stored, err);
	if (s != PT_OK || (stored.found && (uint64_t)stored.value > w->version)) {
		return s;
	}
	if ((s = pt_db_exec(db, "DELETE FROM participa_count_snapshots WHERE process_id = ?", k, 1, NULL, NULL, err)) != PT_OK) {
		return s;
	}
	/* the number of parts first: every row carries it */
	pt_buf_init(&data, w->a);
	do {
		data.len = 0;
		next = pt_process_count_pack(c, next, SNAPSHOT_PART_BYTES, &data);
		parts++;
	} while (next < c->gn && !data.failed);
	next = 0;
	for (i = 0; i < parts && s == PT_OK; i++) {
		data.len = 0;
		next = pt_process_count_pack(c, next, SNAPSHOT_PART_BYTES, &data);
		if (data.failed) {
			s = pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
			break;
		}
		{
			pt_db_value v[9] = { PT_DB_INT_V(w->process_id), PT_DB_INT_V((int64_t)i), PT_DB_INT_V((int64_t)parts),
				PT_DB_INT_V((int64_t)w->version), PT_DB_INT_V(c->ballots), PT_DB_INT_V(c->web), PT_DB_INT_V(c->paper),
				PT_DB_TEXT_V(c->digest, strlen(c->digest)), PT_DB_BLOB_V(data.data ? data.data : "", data.len) };

			s = pt_db_exec(db, "INSERT INTO participa_count_snapshots (process_id, part, parts, box_version, ballots, "
				"web_ballots, paper_ballots, digest, data, computed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
				"UTC_TIMESTAMP(6))", v, 9, NULL, NULL, err);
		}
	}
	pt_buf_free(&data);
	return s;
}

static pt_status count_rows(pt_db *db, int64_t process_id, pt_process_count *c, pt_error *err)
{
	pt_status s = pt_process_store_ballots(db, process_id, pt_process_count_row, c, err);

	return s == PT_OK ? pt_process_count_finish(c, err) : s;
}

pt_status pt_process_store_count_read(pt_db *db, int64_t process_id, const pt_process_def *def,
	const pt_allocator *a, pt_process_count *c, bool *from_snapshot, pt_error *err)
{
	full_read f = { process_id, def, a, c, 0 };
	bool used = false;
	pt_status s;

	if (from_snapshot) {
		*from_snapshot = false;
	}
	if ((s = pt_process_count_begin(c, def, a, err)) != PT_OK) {
		return s;
	}
	if (!c->grouped) {
		return count_rows(db, process_id, c, err);
	}
	if ((s = count_from_snapshot(db, process_id, c, &used, err)) != PT_OK) {
		return s;
	}
	if (used && !pt_process_count_regroup_needed(c)) {
		if (from_snapshot) {
			*from_snapshot = true;
		}
		return PT_OK;
	}
	if (used) {
		/* spoiled ballots: row by row, as before schema 012 */
		pt_process_count_free(c);
		if ((s = pt_process_count_begin(c, def, a, err)) != PT_OK) {
			return s;
		}
		c->grouped = false;
		return count_rows(db, process_id, c, err);
	}
	/* the box changed since the snapshot (or there is none): every row, as before */
	if ((s = pt_db_transaction_rr(db, full_read_unit, &f, 0, NULL, err)) != PT_OK
		|| (s = pt_process_count_finish(c, err)) != PT_OK) {
		return s;
	}
	if (pt_process_count_regroup_needed(c)) {
		pt_process_count_free(c);
		if ((s = pt_process_count_begin(c, def, a, err)) != PT_OK) {
			return s;
		}
		c->grouped = false;
		return count_rows(db, process_id, c, err);
	}
	{
		snap_write w = { process_id, f.version, c, a };
		pt_error ignored;

		/* only a cache: a count whose snapshot could not be stored still stands */
		pt_error_clear(&ignored);
		if (pt_db_transaction(db, snap_write_unit, &w, 0, NULL, &ignored) == PT_ERR_NOMEM) {
			return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
		}
	}
	return PT_OK;
}
