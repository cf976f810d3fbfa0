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

pt_status pt_process_store_box_changed(pt_db *db, int64_t process_id, const char *receipt, pt_error *err)
{
	pt_db_value p[2] = { PT_DB_INT_V(process_id), PT_DB_TEXT_V(receipt, strlen(receipt)) };

	return pt_db_exec(db, PT_PROCESS_BOX_CHANGED_SQL, p, 2, NULL, NULL, err);
}

static int segment_cmp(const void *a, const void *b)
{
	return memcmp(a, b, 2);
}

pt_status pt_process_store_boxes_changed(pt_db *db, int64_t process_id, const char *receipts, size_t n,
	pt_error *err)
{
	static const char head[] = "INSERT INTO participa_box_segments (process_id, segment, v) VALUES ";
	static const char tail[] = " ON DUPLICATE KEY UPDATE v = v + 1";
	char *segs, *sql;
	pt_db_value *p;
	size_t i, k = 0, len = 0;
	pt_status s;

	if (!n) {
		return PT_OK;
	}
	segs = malloc(2 * n);
	sql = malloc(sizeof(head) + sizeof(tail) + 10 * n);
	p = malloc(2 * n * sizeof(*p));
	if (!segs || !sql || !p) {
		free(segs);
		free(sql);
		free(p);
		return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	}
	for (i = 0; i < n; i++) {
		memcpy(segs + 2 * i, receipts + i * PT_RECEIPT_LEN, 2);
	}
	qsort(segs, n, 2, segment_cmp);
	memcpy(sql, head, sizeof(head) - 1);
	len = sizeof(head) - 1;
	for (i = 0; i < n; i++) {
		if (k && !memcmp(segs + 2 * (k - 1), segs + 2 * i, 2)) {
			continue;
		}
		memmove(segs + 2 * k, segs + 2 * i, 2);
		p[2 * k] = PT_DB_INT_V(process_id);
		p[2 * k + 1] = PT_DB_TEXT_V(segs + 2 * k, 2);
		memcpy(sql + len, k ? ",(?, ?, 1)" : "(?, ?, 1)", k ? 10 : 9);
		len += k ? 10 : 9;
		k++;
	}
	memcpy(sql + len, tail, sizeof(tail));
	s = pt_db_exec(db, sql, p, 2 * k, NULL, NULL, err);
	free(segs);
	free(sql);
	free(p);
	return s;
}

#define BOX_VERSION_SQL "SELECT COALESCE(SUM(v), 0) FROM participa_box_segments WHERE process_id = ?"

pt_status pt_process_store_box_version(pt_db *db, int64_t process_id, uint64_t *version, pt_error *err)
{
	pt_db_value p[1] = { PT_DB_INT_V(process_id) };
	pt_db_int_cell v = { 0, false };
	pt_status s = pt_db_query(db, BOX_VERSION_SQL, p, 1, pt_db_int_cell_fn, &v, err);

	*version = (uint64_t)v.value;
	return s;
}

/* ---- the count (schema 016: segments and their summaries) ------------------------- */

/* A segment of the box as the count sees it: its version, and the summary stored at that version. */
typedef struct seg_state {
	char segment[PT_PROCESS_SEGMENT_MAX];
	size_t segment_len;
	uint64_t v;
	pt_process_segment stored;   /* profile NULL: none usable */
	bool counted;                /* taken from the stored summary */
} seg_state;

typedef struct count_read {
	const pt_config *cfg;
	int64_t process_id;
	const pt_process_def *def;
	const pt_allocator *a;
	pt_process_count *c;
	uint64_t version;
	char created_at[32];
	char *key;                   /* the cache's key (NULL: not cached) */
	bool hit;
	seg_state *segs;             /* in segment order */
	size_t nsegs, cap;
	size_t next;                 /* the first segment not yet given to the count (rows read) */
	size_t nsorted;              /* segs[0 .. nsorted - 1] are in order (those after: version 0, appended) */
} count_read;

static void segs_clear(count_read *r)
{
	size_t i;

	for (i = 0; i < r->nsegs; i++) {
		pt_free(r->a, r->segs[i].stored.profile);
	}
	free(r->segs);
	r->segs = NULL;
	r->nsegs = r->cap = r->next = 0;
}

static int seg_cmp(const void *x, const void *y)
{
	const seg_state *a = x, *b = y;

	return pt_process_segment_cmp(a->segment, a->segment_len, b->segment, b->segment_len);
}

static seg_state *seg_find(count_read *r, const char *s, size_t len)
{
	seg_state k;

	k.segment_len = pt_process_segment_len(len);
	memcpy(k.segment, s, k.segment_len);
	return r->nsorted ? bsearch(&k, r->segs, r->nsorted, sizeof(*r->segs), seg_cmp) : NULL;
}

static seg_state *seg_push(count_read *r, const char *s, size_t len)
{
	seg_state *g;

	if (r->nsegs == r->cap) {
		size_t cap = r->cap ? 2 * r->cap : 256;
		seg_state *n = realloc(r->segs, cap * sizeof(*n));

		if (!n) {
			return NULL;
		}
		r->segs = n;
		r->cap = cap;
	}
	g = &r->segs[r->nsegs++];
	memset(g, 0, sizeof(*g));
	g->segment_len = pt_process_segment_len(len);
	memcpy(g->segment, s, g->segment_len);
	return g;
}

/* SELECT segment, v, created_at: the versions (the process's creation time on every row). */
static pt_status version_row(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	count_read *r = vctx;
	const char *seg;
	size_t len;

	if (ncols < 3) {
		return PT_OK;
	}
	if (!pt_db_col_copy(&cols[2], r->created_at, sizeof(r->created_at))) {
		r->created_at[0] = '\0';
	}
	pt_db_col_str(&cols[0], &seg, &len);
	if (!seg) {
		return PT_OK;   /* a process without segment rows */
	}
	if (!seg_push(r, seg, len)) {
		return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	}
	r->segs[r->nsegs - 1].v = (uint64_t)pt_db_col_int(&cols[1]);
	r->version += r->segs[r->nsegs - 1].v;
	return PT_OK;
}

/* SELECT segment, version, ballots, web, paper, digest, profile of the summaries at their segment's version. */
static pt_status summary_row(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	count_read *r = vctx;
	const char *seg, *blob;
	size_t len, blob_len;
	seg_state *g;

	if (ncols < 7) {
		return PT_OK;
	}
	pt_db_col_str(&cols[0], &seg, &len);
	pt_db_col_str(&cols[6], &blob, &blob_len);
	if (!seg || !blob || len > PT_PROCESS_SEGMENT_MAX) {
		return PT_OK;
	}
	if (!(g = seg_find(r, seg, len))) {
		/* a segment with no version row (version 0): its rows were never written through participa */
		if ((uint64_t)pt_db_col_int(&cols[1]) != 0) {
			return PT_OK;
		}
		if (!(g = seg_push(r, seg, len))) {
			return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
		}
	} else if ((uint64_t)pt_db_col_int(&cols[1]) != g->v || g->stored.profile) {
		return PT_OK;
	}
	memcpy(g->stored.segment, g->segment, g->segment_len);
	g->stored.segment_len = g->segment_len;
	g->stored.ballots = pt_db_col_int(&cols[2]);
	g->stored.web = pt_db_col_int(&cols[3]);
	g->stored.paper = pt_db_col_int(&cols[4]);
	if (!pt_db_col_copy(&cols[5], g->stored.digest, sizeof(g->stored.digest))) {
		g->stored.digest[0] = '\0';
	}
	if (!(g->stored.profile = pt_alloc(r->a, blob_len ? blob_len : 1))) {
		return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	}
	memcpy(g->stored.profile, blob, blob_len);
	g->stored.profile_len = blob_len;
	/* untrusted: a summary that does not read back whole is as good as none (its rows are read) */
	if (!pt_process_segment_check(r->c, g->stored.profile, blob_len, g->stored.ballots, g->stored.web, g->stored.paper)) {
		pt_free(r->a, g->stored.profile);
		g->stored.profile = NULL;
	}
	return PT_OK;
}

/* Gives the count every stored segment before the receipt (NULL: all that are left). */
static pt_status give_stored(count_read *r, const char *receipt, size_t len, pt_error *err)
{
	while (r->next < r->nsegs) {
		seg_state *g = &r->segs[r->next];
		pt_status s;

		if (receipt && pt_process_segment_cmp(g->segment, g->segment_len, receipt, len) >= 0) {
			break;
		}
		r->next++;
		if (g->stored.profile && (s = pt_process_count_segment(r->c, &g->stored, &g->counted, err)) != PT_OK) {
			return s;
		}
		if (g->stored.profile && !g->counted) {
			/* checked when read (summary_row): only a digest that is not hex gets here; refused, and
			 * recomputed from the rows by the next count, which the missing mark sends there */
			pt_free(r->a, g->stored.profile);
			g->stored.profile = NULL;
			return pt_error_set(err, PT_ERR_DB, "participa: a stored box summary is damaged; count again");
		}
	}
	if (receipt && r->next < r->nsegs && r->segs[r->next].stored.profile
		&& pt_process_segment_cmp(r->segs[r->next].segment, r->segs[r->next].segment_len, receipt, len) == 0) {
		/* rows of a segment taken from its summary: not possible (the query reads stale segments only) */
		return pt_error_set(err, PT_ERR_INTERNAL, "participa: a segment counted twice");
	}
	return PT_OK;
}

static pt_status merged_row(void *vctx, const pt_process_ballot *b, pt_error *err)
{
	count_read *r = vctx;
	pt_status s = give_stored(r, b->receipt, b->receipt_len, err);

	return s != PT_OK ? s : pt_process_count_row(r->c, b, err);
}

/* Segments read from rows when more than this many changed: the whole box in one scan. */
#define STALE_SCAN_ALL 64

/* The LIKE pattern of a segment: its characters escaped, then '%'. */
static void segment_pattern(const seg_state *g, char out[PT_PROCESS_STORE_PATTERN])
{
	size_t i, o = 0;

	for (i = 0; i < g->segment_len; i++) {
		if (g->segment[i] == '%' || g->segment[i] == '_' || g->segment[i] == '\\') {
			out[o++] = '\\';
		}
		out[o++] = g->segment[i];
	}
	out[o++] = '%';
	out[o] = '\0';
}

/*
 * One REPEATABLE READ snapshot: the segments' versions (and the process's
 * creation time, for the cache's key); unless this worker counted that
 * version already, the summaries stored at their segment's version and the
 * rows of every other segment, merged in segment order. Replayed whole, so
 * c starts afresh.
 */
static pt_status count_read_unit(pt_db *db, void *vctx, pt_error *err)
{
	count_read *r = vctx;
	pt_db_value p[1] = { PT_DB_INT_V(r->process_id) };
	size_t i, stale = 0;
	char *patterns = NULL;
	pt_status s;

	pt_process_count_free(r->c);
	free(r->key);
	r->key = NULL;
	r->hit = false;
	r->version = 0;
	r->created_at[0] = '\0';
	segs_clear(r);
	if ((s = pt_process_count_begin(r->c, r->def, r->a, err)) != PT_OK
		|| (s = pt_db_query(db, "SELECT s.segment, s.v, p.created_at FROM participa_processes p "
			"LEFT JOIN participa_box_segments s ON s.process_id = p.id AND s.v > 0 WHERE p.id = ?", p, 1, version_row, r, err))
			!= PT_OK) {
		return s;
	}
	qsort(r->segs, r->nsegs, sizeof(*r->segs), seg_cmp);
	r->nsorted = r->nsegs;
	/* no key (out of memory, options that are not JSON): counted, not cached */
	if ((r->key = pt_process_count_cache_key(r->cfg, r->process_id, r->created_at, r->def))
		&& ((s = pt_process_count_cached(r->key, r->version, r->c, &r->hit, err)) != PT_OK || r->hit)) {
		return s;
	}
	s = pt_db_query(db, "SELECT m.segment, m.version, m.ballots, m.web, m.paper, m.digest, m.profile "
		"FROM participa_box_summaries m LEFT JOIN participa_box_segments s ON s.process_id = m.process_id "
		"AND s.segment = m.segment WHERE m.process_id = ? AND m.version = COALESCE(s.v, 0)", p, 1, summary_row, r, err);
	if (s != PT_OK) {
		return s;
	}
	if (r->nsorted != r->nsegs) {
		qsort(r->segs, r->nsegs, sizeof(*r->segs), seg_cmp);
		r->nsorted = r->nsegs;
	}
	for (i = 0; i < r->nsegs; i++) {
		stale += !r->segs[i].stored.profile;
	}
	pt_process_count_keep_segments(r->c);
	if (stale > STALE_SCAN_ALL || !r->nsegs) {
		/* most of the box changed (or none was ever written through participa): every row, in one scan */
		for (i = 0; i < r->nsegs; i++) {
			pt_free(r->a, r->segs[i].stored.profile);
			r->segs[i].stored.profile = NULL;
		}
		r->next = r->nsegs;
		return pt_process_store_ballots(db, r->process_id, pt_process_count_row, r->c, err);
	}
	if (stale) {
		size_t k = 0;

		if (!(patterns = malloc(stale * PT_PROCESS_STORE_PATTERN))) {
			return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
		}
		for (i = 0; i < r->nsegs; i++) {
			if (!r->segs[i].stored.profile) {
				segment_pattern(&r->segs[i], patterns + k++ * PT_PROCESS_STORE_PATTERN);
			}
		}
		s = pt_process_store_ballots_in(db, r->process_id, patterns, stale, merged_row, r, err);
		free(patterns);
		if (s != PT_OK) {
			return s;
		}
	}
	return give_stored(r, NULL, 0, err);
}

/* The version a computed segment's summary is written at: its segment's (0 without a version row). */
static uint64_t seg_version(count_read *r, const pt_process_segment *sg)
{
	seg_state *g = seg_find(r, sg->segment, sg->segment_len);

	return g ? g->v : 0;
}

/* A segment with a version but no rows (and no summary): an empty summary, so that it is not read again. */
static void empty_segments(count_read *r)
{
	size_t i, j = 0, n = r->c->nsegs;

	for (i = 0; i < r->nsegs; i++) {
		const seg_state *g = &r->segs[i];

		if (g->counted) {
			continue;
		}
		/* c->segs is in segment order too */
		while (j < n && pt_process_segment_cmp(r->c->segs[j].segment, r->c->segs[j].segment_len, g->segment,
				g->segment_len) < 0) {
			j++;
		}
		if (j < n && pt_process_segment_cmp(r->c->segs[j].segment, r->c->segs[j].segment_len, g->segment,
				g->segment_len) == 0) {
			continue;
		}
		if (pt_process_count_empty_segment(r->c, g->segment, g->segment_len) != PT_OK) {
			return;
		}
	}
}

#define SUMMARY_COLS 8
#define SUMMARY_BATCH_BYTES (1u << 20)

/*
 * The summaries the count computed from rows, written back after the
 * snapshot: one statement per megabyte of profiles, never over a summary
 * of a later version (a count in an older snapshot finishing last). Best
 * effort: a failure leaves the rows to be read again next time.
 */
static void summaries_write(pt_db *db, count_read *r)
{
	static const char head[] = "INSERT INTO participa_box_summaries (process_id, segment, version, ballots, web, paper, "
		"digest, profile) VALUES ";
	static const char tail[] = " ON DUPLICATE KEY UPDATE "
		"ballots = IF(VALUES(version) >= version, VALUES(ballots), ballots), "
		"web = IF(VALUES(version) >= version, VALUES(web), web), "
		"paper = IF(VALUES(version) >= version, VALUES(paper), paper), "
		"digest = IF(VALUES(version) >= version, VALUES(digest), digest), "
		"profile = IF(VALUES(version) >= version, VALUES(profile), profile), "
		"version = GREATEST(version, VALUES(version))";
	const pt_process_count *c = r->c;
	pt_db_value *p = malloc(c->nsegs * SUMMARY_COLS * sizeof(*p));
	char *sql = malloc(sizeof(head) + sizeof(tail) + 32 * c->nsegs);
	size_t i = 0;

	while (p && sql && i < c->nsegs) {
		size_t len = sizeof(head) - 1, n = 0, bytes = 0;
		pt_error ignored;

		memcpy(sql, head, len);
		for (; i < c->nsegs && bytes < SUMMARY_BATCH_BYTES; i++) {
			const pt_process_segment *sg = &c->segs[i];
			pt_db_value *v = p + n * SUMMARY_COLS;

			v[0] = PT_DB_INT_V(r->process_id);
			v[1] = PT_DB_BLOB_V(sg->segment, sg->segment_len);
			v[2] = PT_DB_INT_V((int64_t)seg_version(r, sg));
			v[3] = PT_DB_INT_V(sg->ballots);
			v[4] = PT_DB_INT_V(sg->web);
			v[5] = PT_DB_INT_V(sg->paper);
			v[6] = PT_DB_TEXT_V(sg->digest, strlen(sg->digest));
			v[7] = PT_DB_BLOB_V((const char *)sg->profile, sg->profile_len);
			memcpy(sql + len, n ? ",(?, ?, ?, ?, ?, ?, ?, ?)" : "(?, ?, ?, ?, ?, ?, ?, ?)", n ? 25 : 24);
			len += n ? 25 : 24;
			n++;
			bytes += sg->profile_len;
		}
		memcpy(sql + len, tail, sizeof(tail));
		/* a statement refused (a profile beyond max_allowed_packet, a read-only user): those
		 * segments are read as rows again next time, the others are still written */
		pt_error_clear(&ignored);
		(void)pt_db_exec(db, sql, p, n * SUMMARY_COLS, NULL, NULL, &ignored);
	}
	free(p);
	free(sql);
}

pt_status pt_process_store_count_read(pt_db *db, const pt_config *cfg, int64_t process_id, const pt_process_def *def,
	const pt_allocator *a, pt_process_count *c, bool *from_cache, pt_error *err)
{
	count_read r;
	pt_status s;

	memset(&r, 0, sizeof(r));
	r.cfg = cfg;
	r.process_id = process_id;
	r.def = def;
	r.a = a;
	r.c = c;
	/* c begun, so that the caller's pt_process_count_free() is safe whatever happens */
	if (from_cache) {
		*from_cache = false;
	}
	if ((s = pt_process_count_begin(c, def, a, err)) == PT_OK
		&& (s = pt_db_transaction_rr(db, count_read_unit, &r, 0, NULL, err)) == PT_OK && !r.hit
		&& (s = pt_process_count_finish(c, err)) == PT_OK) {
		empty_segments(&r);
		if (c->nsegs) {
			summaries_write(db, &r);
		}
		if (r.key) {
			pt_process_count_keep(r.key, r.version, c);
		}
	}
	if (s == PT_OK && from_cache) {
		*from_cache = r.hit;
	}
	segs_clear(&r);
	free(r.key);
	return s;
}
