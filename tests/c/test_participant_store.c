/*
 * Tests for ext/io/participant/participant_store.c against a REAL MariaDB
 * server, with the rules of core/participant that the binding applies.
 *
 *   PARTICIPA_TEST_SOCKET=/tmp/x/mysqld.sock out/tests/test_participant_store
 *
 * Each run works in its own database, pt_pstest_<pid>, and drops it at the
 * end. Without the variable the test reports itself skipped.
 */
#define _GNU_SOURCE
#include "io/common/db.h"
#include "io/common/schema_sql.h"
#include "io/participant/participant_store.h"
#include "io/participant/participant_view.h"
#include "io/participant/participant_actor.h"
#include "core/common/json_write.h"
#include "pt_test.h"
#include "pt_test_db.h"
#include "core/commitment/commitment.h"
#include "io/site/config_load.h"
#include "core/participant/permissions.h"

#include <unistd.h>

static const char *test_socket;
static char test_dbname[64];
static pt_db *db;
static pt_config *cfg;

static const char yaml[] =
	"site: { name: Prueba }\n"
	"database: { socket: /nonexistent.sock, name: t, user: u }\n"
	"territories:\n"
	"  - { id: municipio, name: Municipio, children: [ { id: norte, name: Norte }, { id: sur, name: Sur } ] }\n"
	"roles:\n"
	"  ciudadano: { can: [comment, vote] }\n"
	"  moderador: { can: [moderate] }\n"
	"  enlace: { can: [record_assembly] }\n"
	"assignments:\n"
	"  - { participant: 'wp:mod-norte', role: moderador, territory: norte }\n";

static pt_db *open_db(const char *dbname)
{
	return pt_test_db_open(test_socket, dbname);
}

static pt_status exec0(pt_db *d, const char *sql)
{
	return pt_test_db_exec(d, sql);
}

static pt_status int_fn(void *ctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	*(int64_t *)ctx = pt_db_col_int(&cols[0]);
	return PT_OK;
}

static int64_t count(const char *sql)
{
	int64_t n = -1;
	pt_error err;

	pt_error_clear(&err);
	if (pt_db_query(db, sql, NULL, 0, int_fn, &n, &err) != PT_OK) {
		printf("  query failed: %s\n", err.message);
	}
	return n;
}

/* A libc allocator that counts what is live, to see the erase's rows go through it and come back. */
static long live, calls;

static void *c_alloc(size_t size, void *ctx)
{
	live++;
	calls++;
	return malloc(size ? size : 1);
}

static void *c_realloc(void *ptr, size_t size, void *ctx)
{
	if (!ptr) {
		live++;
	}
	calls++;
	return realloc(ptr, size ? size : 1);
}

static void c_free(void *ptr, void *ctx)
{
	if (ptr) {
		live--;
	}
	free(ptr);
}

static const pt_allocator counting = { c_alloc, c_realloc, c_free, NULL };

PT_TEST(upsert_roles_territory)
{
	const char *roles[] = { "moderador", "ciudadano" };
	const char *bad[] = { "a,b" };
	pt_participant p;
	pt_error err;

	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_participant_check_upsert(cfg, "norte", 5, 2, &err), PT_OK);
	PT_CHECK_EQ_INT(pt_participant_store_upsert(db, "wp:1", "norte", roles, 2, &err), PT_OK);
	PT_CHECK_EQ_INT(pt_participant_store_get(db, "wp:1", &p, &err), PT_OK);
	PT_CHECK(p.found && !p.banned);
	PT_CHECK_STR(p.territory, "norte");
	PT_CHECK_STR(p.roles, "ciudadano,moderador");   /* stored order: by role */
	PT_CHECK(pt_permissions(cfg, "wp:1", p.roles, PT_SCOPE_NONE, NULL, NULL) & PT_PERM_MODERATE);
	/* the API roles are replaced, the territory moves */
	PT_CHECK_EQ_INT(pt_participant_store_upsert(db, "wp:1", "sur", roles + 1, 1, &err), PT_OK);
	PT_CHECK_EQ_INT(pt_participant_store_get(db, "wp:1", &p, &err), PT_OK);
	PT_CHECK_STR(p.territory, "sur");
	PT_CHECK_STR(p.roles, "ciudadano");
	/* a role id that could not be read back whole is refused before any write */
	PT_CHECK_EQ_INT(pt_participant_store_upsert(db, "wp:2", "sur", bad, 1, &err), PT_ERR_INVALID);
	PT_CHECK_EQ_INT(pt_participant_store_get(db, "wp:2", &p, &err), PT_OK);
	PT_CHECK(!p.found);
	PT_CHECK_EQ_INT(pt_participant_store_upsert(db, "wp:2", "sur", roles, PT_ROLES_MAX + 1, &err), PT_ERR_INVALID);
}

PT_TEST(ban_and_unban)
{
	const char *mod[] = { "moderador" };
	pt_participant p, m;
	pt_participant_facts f;
	pt_error err;

	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_participant_store_upsert(db, "wp:mod", "municipio", mod, 1, &err), PT_OK);
	PT_CHECK_EQ_INT(pt_participant_store_get(db, "wp:mod", &m, &err), PT_OK);
	f = (pt_participant_facts){ "wp:mod", m.banned, m.roles, m.territory };
	PT_CHECK_EQ_INT(pt_permissions_may_ban(cfg, &f, &err), PT_OK);
	/* a moderator limited to a territory may not ban (a ban is site-wide) */
	f = (pt_participant_facts){ "wp:mod-norte", false, "", NULL };
	PT_CHECK_EQ_INT(pt_permissions_may_ban(cfg, &f, &err), PT_ERR_NOT_ALLOWED);
	/* banning someone never seen creates their row */
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_participant_store_ban(db, "wp:3", true, "wp:mod", "spam", &err), PT_OK);
	PT_CHECK_EQ_INT(pt_participant_store_get(db, "wp:3", &p, &err), PT_OK);
	PT_CHECK(p.found && p.banned && p.territory == NULL);
	PT_CHECK_EQ_INT(pt_participant_store_ban(db, "wp:3", false, "wp:mod", "", &err), PT_OK);
	PT_CHECK_EQ_INT(pt_participant_store_get(db, "wp:3", &p, &err), PT_OK);
	PT_CHECK(p.found && !p.banned);
	PT_CHECK_EQ_INT(count("SELECT COUNT(*) FROM participa_moderation_log WHERE participant = 'wp:3' "
		"AND moderator = 'wp:mod' AND action IN ('ban', 'unban')"), 2);
}

typedef struct sink_state {
	int begins;
	int rows[32];
	char last_territory[64];
} sink_state;

static void sink_begin(void *ctx)
{
	sink_state *st = ctx;

	st->begins++;
	memset(st->rows, 0, sizeof(st->rows));
}

static pt_status sink_row(void *ctx, const char *section, const char *const *names, const pt_db_value *values,
	size_t ncols, pt_error *err)
{
	sink_state *st = ctx;
	size_t i, k;

	for (k = 0; pt_participant_store_export_sections[k]; k++) {
		if (strcmp(pt_participant_store_export_sections[k], section) == 0) {
			st->rows[k]++;
		}
	}
	for (i = 0; i < ncols; i++) {
		if (strcmp(section, "participant") == 0 && strcmp(names[i], "territory_id") == 0
				&& values[i].type == PT_DB_TEXT) {
			snprintf(st->last_territory, sizeof(st->last_territory), "%.*s", (int)values[i].len, values[i].s);
		}
	}
	return PT_OK;
}

static int section(const char *name)
{
	int k;

	for (k = 0; pt_participant_store_export_sections[k]; k++) {
		if (strcmp(pt_participant_store_export_sections[k], name) == 0) {
			return k;
		}
	}
	return 31;
}

/* A thread with a comment by wp:e and one by someone else, which wp:e liked. */
static void seed_comments(void)
{
	exec0(db, "INSERT INTO participa_threads (subject_type, subject_id, published_count, root_count, created_at) "
		"VALUES ('commitment', 'c-1', 2, 2, UTC_TIMESTAMP(6))");
	exec0(db, "INSERT INTO participa_comments (thread_id, author, body, status, public, created_at) "
		"SELECT id, 'wp:e', 'mi texto', 'published', 1, UTC_TIMESTAMP(6) FROM participa_threads");
	exec0(db, "INSERT INTO participa_comments (thread_id, author, body, status, public, up_count, created_at) "
		"SELECT id, 'wp:other', 'otro', 'published', 1, 1, UTC_TIMESTAMP(6) FROM participa_threads");
	exec0(db, "INSERT INTO participa_reactions (comment_id, participant, vote, updated_at) "
		"SELECT id, 'wp:e', 1, UTC_TIMESTAMP(6) FROM participa_comments WHERE author = 'wp:other'");
}

PT_TEST(export_everything_about_one)
{
	const char *roles[] = { "enlace" };
	pt_participant_store_export_sink sink;
	sink_state st;
	pt_error err;

	memset(&st, 0, sizeof(st));
	sink = (pt_participant_store_export_sink){ sink_begin, sink_row, &st };
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_participant_store_upsert(db, "wp:e", "norte", roles, 1, &err), PT_OK);
	seed_comments();
	PT_CHECK_EQ_INT(pt_participant_store_export(db, "wp:e", &sink, &err), PT_OK);
	PT_CHECK(st.begins >= 1);
	PT_CHECK_EQ_INT(st.rows[section("participant")], 1);
	PT_CHECK_EQ_INT(st.rows[section("roles")], 1);
	PT_CHECK_EQ_INT(st.rows[section("comments")], 1);
	PT_CHECK_EQ_INT(st.rows[section("reactions")], 1);
	PT_CHECK_STR(st.last_territory, "norte");
	/* someone with nothing stored: every section empty */
	memset(&st, 0, sizeof(st));
	PT_CHECK_EQ_INT(pt_participant_store_export(db, "wp:nadie", &sink, &err), PT_OK);
	PT_CHECK_EQ_INT(st.rows[section("participant")] + st.rows[section("comments")], 0);
}

PT_TEST(erase_through_the_allocator)
{
	pt_participant_store_erase_report r;
	const pt_participant_store_erase_field *f;
	pt_participant p;
	pt_error err;
	int names = 0;

	pt_error_clear(&err);
	live = calls = 0;
	PT_CHECK_EQ_INT(pt_participant_store_erase(db, "wp:e", &counting, &r, &err), PT_OK);
	PT_CHECK(calls > 0);          /* the rows it fixed counters from came from the allocator */
	PT_CHECK_EQ_INT(live, 0);     /* and went back */
	PT_CHECK_EQ_INT(r.participant, 1);
	PT_CHECK_EQ_INT(r.roles, 1);
	PT_CHECK_EQ_INT(r.comments, 1);
	PT_CHECK_EQ_INT(r.reactions, 1);
	PT_CHECK(strncmp(r.pseudonym, "wp:e", 4) != 0 && r.pseudonym[0]);
	PT_CHECK_EQ_INT(pt_participant_store_get(db, "wp:e", &p, &err), PT_OK);
	PT_CHECK(!p.found);
	/* their like is off the other comment's counter; their comment keeps its place, unnamed */
	PT_CHECK_EQ_INT(count("SELECT up_count FROM participa_comments WHERE author = 'wp:other'"), 0);
	PT_CHECK_EQ_INT(count("SELECT COUNT(*) FROM participa_comments WHERE author = 'wp:e'"), 0);
	PT_CHECK_EQ_INT(count("SELECT COUNT(*) FROM participa_comments WHERE status = 'deleted' AND body = ''"), 1);
	/* a second erase finds nothing more */
	PT_CHECK_EQ_INT(pt_participant_store_erase(db, "wp:e", NULL, &r, &err), PT_OK);
	PT_CHECK_EQ_INT(r.participant + r.roles + r.comments + r.reactions, 0);
	/* the table the binding lists the report with names every counter once */
	for (f = pt_participant_store_erase_fields; f->name; f++) {
		PT_CHECK(f->offset + sizeof(uint64_t) <= sizeof(r));
		names++;
	}
	PT_CHECK_EQ_INT(names, 17);
	PT_CHECK_STR(pt_participant_store_erase_fields[0].name, "participant");
	PT_CHECK_STR(pt_participant_store_erase_fields[13].name, "voters_open");
}

PT_TEST(subject_territory_read)
{
	char buf[PT_ID_MAX + 1];
	bool found = true;
	pt_error err;

	pt_error_clear(&err);
	exec0(db, "INSERT INTO participa_assemblies (id, territory_id, held_on, place, attendance, recorded_by, created_at) "
		"VALUES (1, 'sur', '2024-01-01', 'Plaza', 10, 'wp:mod', UTC_TIMESTAMP(6))");
	PT_CHECK_EQ_INT(pt_participant_store_subject_territory(db, "assembly", 8, "1", 1, buf, sizeof(buf), &found, &err),
		PT_OK);
	PT_CHECK(found);
	PT_CHECK_STR(buf, "sur");
	PT_CHECK_EQ_INT(pt_participant_store_subject_territory(db, "assembly", 8, "01", 2, buf, sizeof(buf), &found, &err),
		PT_OK);
	PT_CHECK(!found);             /* not canonical decimal: never matches assembly 1 */
	PT_CHECK_EQ_INT(pt_participant_store_subject_territory(db, "nada", 4, "1", 1, buf, sizeof(buf), &found, &err),
		PT_OK);
	PT_CHECK(!found && buf[0] == '\0');
}

PT_TEST(views_get_export_erase)
{
	static const char export_start[] = "{\"id\":\"wp:v\",\"yaml_assignments\":[],\"tables\":{\"participant\":"
		"[{\"id\":\"wp:v\",\"territory_id\":\"norte\",\"status\":\"active\",\"created_at\":\"";
	static const char erase_start[] = "{\"id\":\"wp:v\",\"pseudonym\":\"borrado:";
	const char *roles[] = { "ciudadano" };
	static char j[16384];
	pt_value *v = NULL;
	pt_error err;

	live = 0;
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_participant_store_upsert(db, "wp:v", "norte", roles, 1, &err), PT_OK);
	PT_CHECK_EQ_INT(pt_participant_view_get(db, cfg, "wp:v", &counting, &v, &err), PT_OK);
	PT_CHECK_STR(pt_test_json(v, j, sizeof(j)), "{\"id\":\"wp:v\",\"territory\":\"norte\",\"status\":\"active\","
		"\"roles\":[\"ciudadano\"],\"permissions\":[\"comment\",\"vote\"],\"assignments\":[],\"known\":true}");
	/* only the YAML knows them: their scoped assignment is listed, the site-wide roles are the default */
	PT_CHECK_EQ_INT(pt_participant_view_get(db, cfg, "wp:mod-norte", &counting, &v, &err), PT_OK);
	PT_CHECK_STR(pt_test_json(v, j, sizeof(j)), "{\"id\":\"wp:mod-norte\",\"territory\":null,\"status\":\"active\","
		"\"roles\":[\"ciudadano\"],\"permissions\":[\"comment\",\"vote\"],"
		"\"assignments\":[{\"role\":\"moderador\",\"territory\":\"norte\",\"body\":null}],\"known\":false}");
	PT_CHECK_EQ_INT(pt_participant_view_get(db, cfg, "wp:nunca", &counting, &v, &err), PT_OK);
	PT_CHECK(v == NULL);
	PT_CHECK_EQ_INT(pt_participant_view_export(db, cfg, "wp:v", &counting, &v, &err), PT_OK);
	pt_test_json(v, j, sizeof(j));
	PT_CHECK(strncmp(j, export_start, strlen(export_start)) == 0);
	PT_CHECK(strstr(j, "\"roles\":[{\"role\":\"ciudadano\",\"source\":\"api\",") != NULL);
	PT_CHECK(strstr(j, "\"assembly_attendance\":[]}}") != NULL);
	PT_CHECK_EQ_INT(pt_participant_view_erase(db, cfg, "wp:v", &counting, &v, &err), PT_OK);
	pt_test_json(v, j, sizeof(j));
	PT_CHECK(strncmp(j, erase_start, strlen(erase_start)) == 0);
	PT_CHECK(strstr(j, "\",\"participant\":1,\"roles\":1,\"comments\":0,") != NULL);
	PT_CHECK(strstr(j, ",\"kept\":{\"voters_open\":0,\"cast_keys_open\":0,\"official_acts\":0,"
		"\"commitment_history\":0,\"yaml_assignments\":0}}") != NULL);
	PT_CHECK_EQ_INT(live, 0);
}

PT_TEST(actor_ban_and_scopes)
{
	pt_write_scope ws;
	pt_error err;

	pt_error_clear(&err);
	/* a moderator limited to a territory may not ban; a site-wide one may, and it is logged */
	PT_CHECK_EQ_INT(pt_participant_actor_ban(db, cfg, "wp:mod-norte", "wp:b", true, "x", &err), PT_ERR_NOT_ALLOWED);
	PT_CHECK_EQ_INT(count("SELECT COUNT(*) FROM participa_participants WHERE id = 'wp:b'"), 0);
	PT_CHECK_EQ_INT(pt_participant_actor_ban(db, cfg, "wp:mod", "wp:b", true, "x", &err), PT_OK);
	PT_CHECK_EQ_INT(count("SELECT COUNT(*) FROM participa_participants WHERE id = 'wp:b' AND status = 'banned'"), 1);
	/* no connection, or no comment: no scope */
	PT_CHECK_EQ_INT(pt_participant_actor_comment_scope(NULL, cfg, "wp:mod-norte", 1), PT_SCOPE_NONE);
	PT_CHECK_EQ_INT(pt_participant_actor_comment_scope(db, cfg, "wp:mod-norte", 999999), PT_SCOPE_NONE);
	PT_CHECK_EQ_INT(pt_participant_actor_subject_scope(NULL, cfg, "territory", 9, "sur", 3),
		pt_territory_find(&cfg->territories, "sur", 3));
	PT_CHECK_EQ_INT(pt_participant_actor_subject_scope(NULL, cfg, "commitment", 10, "c-1", 3), PT_SCOPE_NONE);
	/* a new commitment is written where it goes */
	pt_write_scope_none(&ws);
	ws.scoped = true;
	PT_CHECK_EQ_INT(pt_participant_store_write_scope(db, cfg, "c-nuevo", true, "norte", &ws, &err), PT_OK);
	PT_CHECK(!ws.exists);
	PT_CHECK_EQ_INT(ws.scope, pt_territory_find(&cfg->territories, "norte", 5));
}

int main(void)
{
	pt_db *admin;
	pt_diags diags;
	pt_error err;
	char sql[160], **names = NULL;
	size_t n = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	test_socket = getenv("PARTICIPA_TEST_SOCKET");
	if (!test_socket || !*test_socket) {
		printf("test_participant_store: skipped (no PARTICIPA_TEST_SOCKET)\n");
		printf("test_participant_store: 0 passed, 0 failed\n");
		return 0;
	}
	pt_diags_init(&diags);
	if (pt_config_load_string("store.yaml", yaml, strlen(yaml), &cfg, &diags) != PT_OK
			|| pt_db_library_init() != PT_OK || !(admin = open_db(NULL))) {
		pt_diags_free(&diags);
		printf("test_participant_store: 0 passed, 1 failed\n");
		return 1;
	}
	pt_diags_free(&diags);
	snprintf(test_dbname, sizeof(test_dbname), "pt_pstest_%ld", (long)getpid());
	snprintf(sql, sizeof(sql), "CREATE DATABASE %s CHARACTER SET utf8mb4", test_dbname);
	pt_error_clear(&err);
	if (exec0(admin, sql) != PT_OK || !(db = open_db(test_dbname))
			|| pt_db_migrate(db, pt_schema_migrations, PT_SCHEMA_MIGRATION_COUNT, 0, &names, &n, &err) != PT_OK
			|| pt_db_sync_territories(db, &cfg->territories, &err) != PT_OK) {
		printf("  setup failed: %s\n", err.message);
		pt_test_failed++;
	} else {
		pt_db_names_free(names, n);
		PT_RUN(upsert_roles_territory);
		PT_RUN(ban_and_unban);
		PT_RUN(export_everything_about_one);
		PT_RUN(erase_through_the_allocator);
		PT_RUN(subject_territory_read);
		PT_RUN(views_get_export_erase);
		PT_RUN(actor_ban_and_scopes);
	}
	pt_db_close(db);
	snprintf(sql, sizeof(sql), "DROP DATABASE %s", test_dbname);
	exec0(admin, sql);
	pt_db_close(admin);
	pt_config_free(cfg);
	pt_db_library_end();
	return pt_test_summary("test_participant_store");
}
