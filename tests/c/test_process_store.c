/*
 * The process store (ext/io/process/process_store.c) against a real server, with
 * the rules of core/process in its transactions: a secret ballot cast, its
 * receipt verified, an idempotent replay, the vote-change rules, close and
 * seal, a count whose stored result equals a recount, and the exports.
 *
 *   PARTICIPA_TEST_SOCKET=/path/mysqld.sock out/tests/test_process_store
 * Skips without the socket. Creates and drops its own database.
 */
#include "pt_test.h"
#include "pt_test_db.h"
#include "core/common/json_write.h"
#include "core/process/ballot.h"
#include "core/process/count.h"
#include "io/common/db.h"
#include "io/common/schema_sql.h"
#include "io/process/process_reads.h"
#include "io/process/process_store.h"
#include "io/site/config_load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *test_socket;
static char test_dbname[64];
static pt_config *cfg;
static pt_db *db;

static const char yaml[] =
	"site: { name: X }\n"
	"database: { socket: /s, name: p, user: u }\n"
	"territories:\n"
	"  - { id: m, name: M }\n"
	"roles:\n"
	"  ciudadano: { can: [vote] }\n"
	"processes:\n"
	"  - { id: secreta, title: Secreta, kind: election, method: plurality, candidates: [a, b, c], vote_changes: true,\n"
	"      phases: { voting: [2020-01-01, 2099-12-31] } }\n"
	"  - { id: once, title: Once, kind: poll, method: approval, candidates: [x, y], secrecy: public,\n"
	"      phases: { voting: [2020-01-01, 2099-12-31] } }\n";

static pt_db *open_db(const char *dbname)
{
	return pt_test_db_open(test_socket, dbname);
}

static const pt_process_def *def_of(const char *id)
{
	return pt_config_process(cfg, id, strlen(id));
}

static int64_t sync_process(const pt_process_def *def)
{
	pt_process_store_process row;
	pt_error err;

	pt_error_clear(&err);
	if (pt_process_store_process_sync(db, def->id, pt_process_kind_name(def->kind), def->method->id, def->secret,
			def->digest ? def->digest : "", true, &row, &err) != PT_OK) {
		printf("  sync: %s\n", err.message);
		return 0;
	}
	return row.id;
}

/* The canonical text of a ballot naming ids (one for plurality, a set for approval), as a cast makes it. */
static pt_status canonical(const pt_process_def *def, const char *const *ids, size_t n, pt_buf *out, pt_error *err)
{
	pt_tally_options o;
	pt_profile p;
	pt_status s;
	size_t i;

	if ((s = pt_process_profile_init(def, &p, &o, NULL, err)) != PT_OK) {
		return s;
	}
	s = pt_ballot_begin(&p, 1, err);
	for (i = 0; s == PT_OK && i < n; i++) {
		s = pt_ballot_item(&p, ids[i], strlen(ids[i]), 0, 0, err);
	}
	if (s == PT_OK) s = pt_ballot_end(&p, err);
	if (s == PT_OK) s = pt_process_ballot_canonical(def, &p, out, err);
	pt_profile_free(&p);
	return s;
}

static pt_status cast(const pt_process_def *def, int64_t id, const char *who, const char *choice, const char *key,
	pt_process_store_cast *c, pt_error *err)
{
	pt_buf b;
	pt_status s;

	pt_buf_init(&b, NULL);
	memset(c, 0, sizeof(*c));
	pt_error_clear(err);
	s = canonical(def, &choice, 1, &b, err);
	c->process_id = id;
	c->participant = who;
	c->ballot = b.data ? b.data : "";
	c->ballot_len = b.len;
	c->voter = def->secret ? NULL : who;
	c->idempotency_key = key;
	c->keep_ref = c->allow_change = def->vote_changes;
	c->cfg = cfg;
	c->def = def;
	if (s == PT_OK) {
		s = pt_process_store_cast_ballot(db, c, err);
	}
	pt_buf_free(&b);
	return s;
}

typedef struct got_ballot {
	char ballot[64];
	bool voter;
	uint32_t version;
} got_ballot;

static pt_status got_row(void *ctx, const pt_process_store_ballot *b, pt_error *err)
{
	got_ballot *g = ctx;

	snprintf(g->ballot, sizeof(g->ballot), "%.*s", (int)b->ballot_len, b->ballot);
	g->voter = b->voter != NULL;
	g->version = b->version;
	return PT_OK;
}

static int64_t secreta_id, once_id;
static char receipt1[PT_RECEIPT_LEN + 1];

PT_TEST(cast_secret_ballot_and_verify_receipt)
{
	pt_process_store_cast c;
	pt_error err;
	got_ballot g;
	bool found = false;

	PT_CHECK(cast(def_of("secreta"), secreta_id, "wp:1", "a", "k1", &c, &err) == PT_OK);
	PT_CHECK(pt_process_store_receipt_valid(c.receipt, strlen(c.receipt)));
	PT_CHECK_EQ_INT(c.version, 1);
	PT_CHECK(!c.replayed && !c.changed && !c.voice_only);
	memcpy(receipt1, c.receipt, sizeof(receipt1));
	memset(&g, 0, sizeof(g));
	PT_CHECK(pt_process_store_ballot_get(db, secreta_id, receipt1, PT_RECEIPT_LEN, got_row, &g, &found, &err) == PT_OK);
	PT_CHECK(found);
	PT_CHECK_STR(g.ballot, "a");
	PT_CHECK(!g.voter);   /* secret: the box does not name the voter */
	PT_CHECK(pt_process_store_ballot_get(db, secreta_id, "abcdefghijkmnpqrstuvwxyz23", PT_RECEIPT_LEN, got_row, &g,
		&found, &err) == PT_OK);
	PT_CHECK(!found);
	PT_CHECK(cast(def_of("secreta"), secreta_id, "wp:2", "b", NULL, &c, &err) == PT_OK);
	PT_CHECK(cast(def_of("secreta"), secreta_id, "wp:3", "b", NULL, &c, &err) == PT_OK);
	/* a candidate the process does not have is refused before any SQL */
	PT_CHECK_EQ_INT(cast(def_of("secreta"), secreta_id, "wp:4", "z", NULL, &c, &err), PT_ERR_INVALID);
}

PT_TEST(idempotent_replay)
{
	pt_process_store_cast c;
	pt_error err;

	PT_CHECK(cast(def_of("secreta"), secreta_id, "wp:1", "a", "k1", &c, &err) == PT_OK);
	PT_CHECK(c.replayed);
	PT_CHECK_STR(c.receipt, receipt1);
	PT_CHECK_EQ_INT(c.version, 1);
}

PT_TEST(vote_change_rules)
{
	pt_process_store_cast c;
	pt_error err;
	got_ballot g;
	bool found = false;
	int64_t voters = 0, web = 0, paper = 0;

	/* vote_changes: true: the same receipt, version 2, the box holds the new ballot */
	PT_CHECK(cast(def_of("secreta"), secreta_id, "wp:1", "c", NULL, &c, &err) == PT_OK);
	PT_CHECK(c.changed);
	PT_CHECK_EQ_INT(c.version, 2);
	PT_CHECK_STR(c.receipt, receipt1);
	PT_CHECK(pt_process_store_ballot_get(db, secreta_id, receipt1, PT_RECEIPT_LEN, got_row, &g, &found, &err) == PT_OK);
	PT_CHECK_STR(g.ballot, "c");
	PT_CHECK(pt_process_store_counts(db, secreta_id, &voters, &web, &paper, &err) == PT_OK);
	PT_CHECK_EQ_INT(voters, 3);
	PT_CHECK_EQ_INT(web, 3);
	/* vote_changes: false: a second ballot is a conflict, the first stays */
	PT_CHECK(cast(def_of("once"), once_id, "wp:1", "x", NULL, &c, &err) == PT_OK);
	PT_CHECK_EQ_INT(cast(def_of("once"), once_id, "wp:1", "y", NULL, &c, &err), PT_ERR_CONFLICT);
	PT_CHECK_STR(err.message, "Ya emitiste tu voto en este proceso y no se puede cambiar.");
}

PT_TEST(rules_run_inside_the_store)
{
	pt_process_store_cast c;
	pt_error err;

	PT_CHECK(pt_db_exec(db, "INSERT INTO participa_participants (id, status, created_at, updated_at) VALUES "
		"('wp:9', 'banned', UTC_TIMESTAMP(), UTC_TIMESTAMP())", NULL, 0, NULL, NULL, &err) == PT_OK);
	PT_CHECK_EQ_INT(cast(def_of("secreta"), secreta_id, "wp:9", "a", NULL, &c, &err), PT_ERR_NOT_ALLOWED);
	PT_CHECK_STR(err.message, "Tu cuenta está suspendida; no puedes votar.");
}

/* Counts a process and gives its stored-result JSON (malloc'd) and digest. */
static char *count_json(const pt_process_def *def, int64_t id, char digest[PT_SHA256_HEX], pt_error *err)
{
	pt_process_count c;
	pt_value *summary = NULL;
	pt_buf json;
	char *out = NULL;

	pt_buf_init(&json, NULL);
	if (pt_process_store_count(db, cfg, id, def, NULL, &c, err) == PT_OK
		&& (summary = pt_process_count_summary(&c, true, NULL)) != NULL
		&& pt_process_result_json(summary, &json, err) == PT_OK) {
		out = json.data;
		memcpy(digest, c.digest, PT_SHA256_HEX);
	} else {
		pt_buf_free(&json);
	}
	pt_value_free(summary);
	pt_process_count_free(&c);
	return out;
}

typedef struct latest {
	char *json;
	bool final;
} latest;

static pt_status latest_row(void *ctx, const char *json, size_t len, const char *digest, const char *at, bool final,
	pt_error *err)
{
	latest *l = ctx;

	l->json = pt_strndup(NULL, json, len);
	l->final = final;
	return PT_OK;
}

PT_TEST(close_seal_count_and_recount)
{
	const pt_process_def *def = def_of("secreta");
	pt_process_store_process row;
	pt_process_store_cast c;
	pt_error err;
	char digest[PT_SHA256_HEX], again[PT_SHA256_HEX];
	char *json, *recount;
	latest l = { NULL, false };
	bool sealed = false, found = false;

	pt_error_clear(&err);
	PT_CHECK(pt_process_store_close(db, secreta_id, true, "admin", false, &row, &err) == PT_OK);
	PT_CHECK(row.closed && !row.closed_by_schedule);
	PT_CHECK_STR(row.closed_by, "admin");
	PT_CHECK(pt_process_store_seal(db, secreta_id, 10, &sealed, &err) == PT_OK);
	PT_CHECK(sealed);
	/* closed: no ballot gets in, and no SQL link is left between a voter and a ballot */
	PT_CHECK_EQ_INT(cast(def, secreta_id, "wp:7", "a", NULL, &c, &err), PT_ERR_NOT_ALLOWED);
	json = count_json(def, secreta_id, digest, &err);
	PT_CHECK(json != NULL);
	if (!json) {
		return;
	}
	/* wp:1 changed to c; wp:2 and wp:3 voted b */
	PT_CHECK(strstr(json, "\"winners\":[\"b\"]") != NULL);
	PT_CHECK(strstr(json, "\"ballots\":3,\"web\":3,\"paper\":0") != NULL);
	PT_CHECK(strncmp(json, "{\"process\":\"secreta\",\"method\":\"plurality\",\"options\":{\"candidates\":[\"a\",\"b\",\"c\"]}", 80) == 0);
	PT_CHECK(pt_process_store_result_store(db, secreta_id, def->method->id, 3, 3, 0, digest, true, json, strlen(json),
		&err) == PT_OK);
	PT_CHECK(pt_process_store_result_latest(db, secreta_id, latest_row, &l, &found, &err) == PT_OK);
	PT_CHECK(found && l.final);
	recount = count_json(def, secreta_id, again, &err);
	PT_CHECK(recount != NULL && l.json != NULL && strcmp(recount, l.json) == 0);
	PT_CHECK_STR(again, digest);
	free(recount);
	free(l.json);
	free(json);
}

PT_TEST(exports_carry_the_digest)
{
	const pt_process_def *def = def_of("secreta");
	char digest[PT_SHA256_HEX], *json, *doc = NULL, needle[100];
	size_t len = 0;
	pt_error err;

	pt_error_clear(&err);
	json = count_json(def, secreta_id, digest, &err);
	free(json);
	PT_CHECK(pt_process_store_export(db, secreta_id, PT_EXPORT_CSV, cfg, def, NULL, &doc, &len, &err) == PT_OK);
	PT_CHECK(doc && strncmp(doc, "receipt,ballot,role,reason,voter,channel\n", 41) == 0);
	PT_CHECK(doc && strstr(doc, receipt1) != NULL && strstr(doc, ",c,,,,web\n") != NULL);
	free(doc);
	PT_CHECK(pt_process_store_export(db, secreta_id, PT_EXPORT_JSON, cfg, def, NULL, &doc, &len, &err) == PT_OK);
	snprintf(needle, sizeof(needle), "\"count\":3,\"digest\":\"%s\"", digest);
	PT_CHECK(doc && strstr(doc, needle) != NULL);
	free(doc);
	def = def_of("once");
	PT_CHECK(pt_process_store_export(db, once_id, PT_EXPORT_PABULIB, cfg, def, NULL, &doc, &len, &err) == PT_OK);
	PT_CHECK(doc && strstr(doc, "PROJECTS\nproject_id;cost;name\nx;0;x\ny;0;y\nVOTES\nvoter_id;vote\n") != NULL);
	free(doc);
}

/* tally() and results(): the summary kept by io (pt_process_store_count_summary()) and the stored final one read back
 * from its JSON as json_decode() would (pt_process_store_result_final()), with computed_at. */
PT_TEST(results_kept_and_read_back)
{
	const pt_process_def *def = def_of("secreta");
	pt_value *summary = NULL, *stored;
	pt_process_count c;
	const pt_value *w;
	pt_error err;

	pt_error_clear(&err);
	/* not final: not what results() reads back */
	PT_CHECK(pt_process_store_count(db, cfg, secreta_id, def, NULL, &c, &err) == PT_OK);
	PT_CHECK(pt_process_store_count_summary(db, secreta_id, def, &c, false, true, NULL, &summary, &err) == PT_OK);
	pt_process_count_free(&c);
	PT_CHECK(summary && pt_value_get(summary, "final") && !pt_value_get(summary, "final")->u.b);
	pt_value_free(summary);
	PT_CHECK((stored = pt_process_store_result_final(db, secreta_id, NULL, &err)) == NULL);
	PT_CHECK_EQ_INT(err.code, PT_OK);
	/* final and kept: read back */
	PT_CHECK(pt_process_store_count(db, cfg, secreta_id, def, NULL, &c, &err) == PT_OK);
	PT_CHECK(pt_process_store_count_summary(db, secreta_id, def, &c, true, true, NULL, &summary, &err) == PT_OK);
	pt_process_count_free(&c);
	stored = pt_process_store_result_final(db, secreta_id, NULL, &err);
	PT_CHECK(stored && stored->type == PT_VALUE_MAP);
	if (stored && summary) {
		PT_CHECK_STR(pt_value_get(stored, "process")->u.s.s, "secreta");
		PT_CHECK_STR(pt_value_get(stored, "digest")->u.s.s, pt_value_get(summary, "digest")->u.s.s);
		PT_CHECK_EQ_INT(pt_value_get(stored, "ballots")->u.i, 3);
		w = pt_value_get(stored, "winners");
		PT_CHECK(w && w->type == PT_VALUE_LIST && w->u.c.count == 1 && strcmp(w->u.c.items[0]->u.s.s, "b") == 0);
		/* the last key, a DATETIME(6) */
		PT_CHECK_STR(stored->u.c.keys[stored->u.c.count - 1], "computed_at");
		PT_CHECK_EQ_INT(pt_value_get(stored, "computed_at")->u.s.len, 26);
	}
	pt_value_free(stored);
	pt_value_free(summary);
	/* a stored text json_decode() would refuse is counted again: none read back */
	PT_CHECK(pt_process_store_result_store(db, secreta_id, def->method->id, 3, 3, 0, "x", true, "{\"a\":", 5, &err)
		== PT_OK);
	PT_CHECK((stored = pt_process_store_result_final(db, secreta_id, NULL, &err)) == NULL);
	PT_CHECK_EQ_INT(err.code, PT_OK);
}

/* Counts through the worker's cache (process_reads.h): the summary's JSON (malloc'd), *cached says whence. */
static char *count_read_json(const pt_process_def *def, int64_t id, bool *cached, pt_error *err)
{
	pt_process_count c;
	pt_value *summary = NULL;
	pt_buf json;
	char *out = NULL;

	pt_buf_init(&json, NULL);
	*cached = false;
	if (pt_process_store_count_read(db, cfg, id, def, NULL, &c, cached, err) == PT_OK
		&& (summary = pt_process_count_summary(&c, false, NULL)) != NULL
		&& pt_process_result_json(summary, &json, err) == PT_OK) {
		out = json.data;
	} else {
		pt_buf_free(&json);
	}
	pt_value_free(summary);
	pt_process_count_free(&c);
	return out;
}

/* The box's version: the sum over its segments (schema 016). */
static int64_t box_version(int64_t id)
{
	pt_db_value p[1] = { PT_DB_INT_V(id) };
	pt_db_int_cell v = { 0, false };
	pt_error err;

	pt_error_clear(&err);
	if (pt_db_query(db, "SELECT COALESCE(SUM(v), 0) FROM participa_box_segments WHERE process_id = ?", p, 1,
			pt_db_int_cell_fn, &v, &err) != PT_OK) {
		return -1;
	}
	return v.value;
}

/* schema 012: a count is reused while the box's version is unchanged, equal to the count of the rows; any write moves it */
PT_TEST(count_cache_follows_the_box_version)
{
	const pt_process_def *def = def_of("once");
	pt_process_store_cast c;
	pt_error err;
	char *fresh, *cached, *after, *recount;
	bool hit = true;
	int64_t before;

	pt_error_clear(&err);
	pt_process_count_cache_clear();
	PT_CHECK(cast(def, once_id, "wp:8", "x", "k-once-8", &c, &err) == PT_OK);
	fresh = count_read_json(def, once_id, &hit, &err);
	PT_CHECK(fresh != NULL && !hit);
	cached = count_read_json(def, once_id, &hit, &err);
	PT_CHECK(cached != NULL && hit);
	/* the cached result's trees are deep copies: the same JSON to the byte */
	PT_CHECK(fresh && cached && strcmp(fresh, cached) == 0);
	/* a cast moves the version by one: counted from the rows again */
	before = box_version(once_id);
	PT_CHECK(cast(def, once_id, "wp:10", "y", "k-once-10", &c, &err) == PT_OK);
	after = count_read_json(def, once_id, &hit, &err);
	PT_CHECK(after != NULL && !hit);
	PT_CHECK(after && fresh && strcmp(after, fresh) != 0);
	PT_CHECK_EQ_INT(box_version(once_id), before + 1);
	/* a cache emptied: the same count from the rows */
	pt_process_count_cache_clear();
	recount = count_read_json(def, once_id, &hit, &err);
	PT_CHECK(recount != NULL && !hit && after && strcmp(recount, after) == 0);
	free(recount);
	recount = count_read_json(def, once_id, &hit, &err);
	PT_CHECK(recount != NULL && hit && after && strcmp(recount, after) == 0);
	free(recount);
	free(after);
	free(cached);
	free(fresh);
}

int main(void)
{
	pt_db *admin;
	pt_diags diags;
	pt_error err;
	char sql[160], **names = NULL;
	size_t n = 0;
	int failed_setup = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	test_socket = getenv("PARTICIPA_TEST_SOCKET");
	if (!test_socket || !*test_socket) {
		printf("test_process_store: skipped (no PARTICIPA_TEST_SOCKET)\n");
		printf("test_process_store: 0 passed, 0 failed\n");
		return 0;
	}
	pt_diags_init(&diags);
	if (pt_db_library_init() != PT_OK
		|| pt_config_load_string("c.yaml", yaml, strlen(yaml), &cfg, &diags) != PT_OK) {
		printf("test_process_store: setup failed\ntest_process_store: 0 passed, 1 failed\n");
		return 1;
	}
	snprintf(test_dbname, sizeof(test_dbname), "pt_ctest_proc_%ld", (long)getpid());
	admin = open_db(NULL);
	snprintf(sql, sizeof(sql), "CREATE DATABASE %s CHARACTER SET utf8mb4", test_dbname);
	pt_error_clear(&err);
	if (!admin || pt_db_exec(admin, sql, NULL, 0, NULL, NULL, &err) != PT_OK || !(db = open_db(test_dbname))
		|| pt_db_migrate(db, pt_schema_migrations, PT_SCHEMA_MIGRATION_COUNT, 0, &names, &n, &err) != PT_OK
		|| !(secreta_id = sync_process(def_of("secreta"))) || !(once_id = sync_process(def_of("once")))) {
		printf("  setup: %s\n", err.message);
		failed_setup = 1;
	}
	pt_db_names_free(names, n);
	if (!failed_setup) {
		PT_RUN(cast_secret_ballot_and_verify_receipt);
		PT_RUN(idempotent_replay);
		PT_RUN(vote_change_rules);
		PT_RUN(rules_run_inside_the_store);
		PT_RUN(close_seal_count_and_recount);
		PT_RUN(exports_carry_the_digest);
		PT_RUN(results_kept_and_read_back);
		PT_RUN(count_cache_follows_the_box_version);
	}
	pt_db_close(db);
	if (admin) {
		snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s", test_dbname);
		pt_db_exec(admin, sql, NULL, 0, NULL, NULL, &err);
		pt_db_close(admin);
	}
	pt_config_free(cfg);
	pt_diags_free(&diags);
	pt_db_library_end();
	if (failed_setup) {
		printf("test_process_store: 0 passed, 1 failed\n");
		return 1;
	}
	return pt_test_summary("test_process_store");
}
