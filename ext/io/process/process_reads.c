/* participa io: the reads behind a process's page (process_reads.h). */
#include "io/process/process_reads.h"
#include "io/participant/participant_actor.h"
#include "io/process/process_store.h"
#include "core/fragment/process_view.h"
#include "core/process/answers.h"

#include <stdlib.h>
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
	const pt_fragment_host *h, pt_value *opts, const pt_allocator *a, pt_value **out, pt_error *err)
{
	bool en = h && h->lang && !strcmp(h->lang, "en");
	pt_value *data = pt_value_map(a), *v = NULL;
	char key[PT_RECEIPT_LEN + 1];
	const char *receipt;
	pt_status s;

	*out = NULL;
	if (!data) {
		pt_value_free(opts);
		return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	}
	s = pt_value_setc(data, "opts", opts ? opts : pt_value_map(a));
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

typedef struct box_facts {
	uint64_t version;
	char created_at[32];
} box_facts;

static pt_status box_facts_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	box_facts *f = vctx;

	(void)err;
	if (ncols >= 2) {
		f->version = (uint64_t)pt_db_col_int(&cols[0]);
		if (!pt_db_col_copy(&cols[1], f->created_at, sizeof(f->created_at))) {
			f->created_at[0] = '\0';
		}
	}
	return PT_OK;
}

typedef struct count_read {
	const pt_config *cfg;
	int64_t process_id;
	const pt_process_def *def;
	const pt_allocator *a;
	pt_process_count *c;
	uint64_t version;
	char *key;                   /* the cache's key (NULL: not cached) */
	bool hit;
} count_read;

/*
 * One REPEATABLE READ snapshot: the box's version (and the process's
 * creation time, for the cache's key), then, unless this worker counted that
 * version already, every row exactly as before schema 012. Replayed whole,
 * so c starts afresh.
 */
static pt_status count_read_unit(pt_db *db, void *vctx, pt_error *err)
{
	count_read *r = vctx;
	pt_db_value p[2] = { PT_DB_INT_V(r->process_id), PT_DB_INT_V(r->process_id) };
	box_facts f;
	pt_status s;

	pt_process_count_free(r->c);
	free(r->key);
	r->key = NULL;
	r->hit = false;
	memset(&f, 0, sizeof(f));
	if ((s = pt_process_count_begin(r->c, r->def, r->a, err)) != PT_OK
		|| (s = pt_db_query(db, "SELECT (" BOX_VERSION_SQL "), (SELECT created_at FROM participa_processes WHERE id = ?)",
			p, 2, box_facts_fn, &f, err)) != PT_OK) {
		return s;
	}
	r->version = f.version;
	/* no key (out of memory, options that are not JSON): counted, not cached */
	if ((r->key = pt_process_count_cache_key(r->cfg, r->process_id, f.created_at, r->def))
		&& ((s = pt_process_count_cached(r->key, f.version, r->c, &r->hit, err)) != PT_OK || r->hit)) {
		return s;
	}
	return pt_process_store_ballots(db, r->process_id, pt_process_count_row, r->c, err);
}

pt_status pt_process_store_count_read(pt_db *db, const pt_config *cfg, int64_t process_id, const pt_process_def *def,
	const pt_allocator *a, pt_process_count *c, bool *from_cache, pt_error *err)
{
	count_read r = { cfg, process_id, def, a, c, 0, NULL, false };
	pt_status s;

	/* c begun, so that the caller's pt_process_count_free() is safe whatever happens */
	if (from_cache) {
		*from_cache = false;
	}
	if ((s = pt_process_count_begin(c, def, a, err)) == PT_OK
		&& (s = pt_db_transaction_rr(db, count_read_unit, &r, 0, NULL, err)) == PT_OK && !r.hit
		&& (s = pt_process_count_finish(c, err)) == PT_OK && r.key) {
		pt_process_count_keep(r.key, r.version, c);
	}
	if (s == PT_OK && from_cache) {
		*from_cache = r.hit;
	}
	free(r.key);
	return s;
}
