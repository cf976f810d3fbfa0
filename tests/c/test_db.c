/*
 * Tests for ext/io/common/db.c against a REAL MariaDB server.
 *
 *   PARTICIPA_TEST_SOCKET=/tmp/x/mysqld.sock out/tests/test_db
 *
 * The server must let root connect over that socket without a password
 * (scripts/lib/mariadb.sh's pt_mariadb_start sets one up). Each run works in
 * its own database, pt_ctest_<pid>, and drops it at the end. Without the
 * variable the test reports itself skipped.
 */
#define _GNU_SOURCE
#include "pt_test.h"
#include "pt_test_db.h"
#include "io/common/db.h"
#include "io/common/schema_sql.h"
#include "io/thread/thread_store.h"
#include "io/process/process_store.h"
#include "io/site/config_load.h"
#include "core/site/territory.h"

#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *test_socket;
static char test_dbname[64];
/* the test server is a Galera node (@@wsrep_on; scripts/test --galera):
 * the few checks that assume a standalone server branch on it */
static bool on_galera;

static pt_db *open_db(const char *dbname)
{
	return pt_test_db_open(test_socket, dbname);
}

static pt_status exec0(pt_db *db, const char *sql)
{
	return pt_test_db_exec(db, sql);
}

/* Collects the first row of a result as owned copies. */
typedef struct row_copy {
	size_t rows;
	size_t ncols;
	pt_db_type type[16];
	int64_t i[16];
	double d[16];
	char *s[16];
	size_t len[16];
} row_copy;

static pt_status copy_row_fn(void *ctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	row_copy *r = ctx;
	size_t c;

	r->rows++;
	if (r->rows > 1) {
		return PT_OK;
	}
	r->ncols = ncols;
	for (c = 0; c < ncols && c < 16; c++) {
		r->type[c] = cols[c].type;
		r->i[c] = cols[c].i;
		r->d[c] = cols[c].d;
		if (cols[c].type == PT_DB_TEXT) {
			r->s[c] = malloc(cols[c].len + 1);
			memcpy(r->s[c], cols[c].s, cols[c].len);
			r->s[c][cols[c].len] = '\0';
			r->len[c] = cols[c].len;
		}
	}
	return PT_OK;
}

static void row_copy_free(row_copy *r)
{
	size_t c;

	for (c = 0; c < 16; c++) {
		free(r->s[c]);
	}
	memset(r, 0, sizeof(*r));
}

static pt_status query_row(pt_db *db, const char *sql, const pt_db_value *p, size_t n, row_copy *r)
{
	pt_error err;
	pt_status s;

	memset(r, 0, sizeof(*r));
	pt_error_clear(&err);
	s = pt_db_query(db, sql, p, n, copy_row_fn, r, &err);
	if (s != PT_OK) {
		printf("  query failed: %s\n", err.message);
	}
	return s;
}

static int64_t query_int(pt_db *db, const char *sql, const pt_db_value *p, size_t n)
{
	row_copy r;
	int64_t v = -999999;

	if (query_row(db, sql, p, n, &r) == PT_OK && r.rows >= 1 && r.type[0] == PT_DB_INT) {
		v = r.i[0];
	}
	row_copy_free(&r);
	return v;
}

/* ------------------------------------------------------------------ tests */

PT_TEST(connect_failure_message)
{
	pt_db_settings s;
	pt_error err;
	pt_db *db = NULL;

	memset(&s, 0, sizeof(s));
	s.socket = (char *)"/nonexistent/participa.sock";
	s.user = (char *)"someone";
	s.connect_timeout = 2;
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_db_connect(&s, NULL, &db, &err), PT_ERR_DB);
	PT_CHECK(db == NULL);
	PT_CHECK(err.db_errno == 2002);
	PT_CHECK(strstr(err.message, "cannot connect to MariaDB at socket /nonexistent/participa.sock as user 'someone'") != NULL);
	PT_CHECK(strstr(err.message, "Check that the server runs and database.socket") != NULL);

	/* a database that does not exist gets its own advice */
	s.socket = (char *)test_socket;
	s.user = (char *)"root";
	s.name = (char *)"pt_ctest_no_such_db";
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_db_connect(&s, NULL, &db, &err), PT_ERR_DB);
	PT_CHECK_EQ_INT(err.db_errno, 1049);
	PT_CHECK(strstr(err.message, "database.name") != NULL);
}

PT_TEST(session_setup)
{
	pt_db *db = open_db(test_dbname);
	row_copy r;

	PT_CHECK(db != NULL);
	if (!db) {
		return;
	}
	PT_CHECK(query_row(db, "SELECT @@session.time_zone, @@session.sql_mode, "
		"@@session.tx_isolation, @@autocommit, @@character_set_client", NULL, 0, &r) == PT_OK);
	PT_CHECK_EQ_INT(r.rows, 1);
	PT_CHECK_STR(r.s[0], "+00:00");
	PT_CHECK(r.s[1] && strstr(r.s[1], "STRICT_TRANS_TABLES") && strstr(r.s[1], "NO_ZERO_DATE"));
	PT_CHECK_STR(r.s[2], "READ-COMMITTED");
	PT_CHECK_EQ_INT(r.i[3], 1);
	PT_CHECK_STR(r.s[4], "utf8mb4");
	row_copy_free(&r);
	PT_CHECK(pt_db_owned(db));
	PT_CHECK(strlen(pt_db_server_version(db)) > 0);
	PT_CHECK(strlen(pt_db_client_version()) > 0);
	PT_CHECK_EQ_INT(pt_db_get_stats(db)->connects, 1);
	pt_db_close(db);
}

typedef struct lens_ctx {
	size_t n;
	size_t lens[8];
	int ok;
	const char *big;
	size_t big_len;
} lens_ctx;

/* Records each row's text length and checks the content against the
 * repeating pattern (rows of length 4 are 'tiny'). */
static pt_status lens_fn(void *ctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	lens_ctx *c = ctx;
	size_t k;

	if (c->n < 8) {
		c->lens[c->n] = cols[0].len;
	}
	if (cols[0].len == 4) {
		if (memcmp(cols[0].s, "tiny", 4) != 0) {
			c->ok = 0;
		}
	} else {
		for (k = 0; k < cols[0].len; k++) {
			if (cols[0].s[k] != c->big[k % c->big_len]) {
				c->ok = 0;
				break;
			}
		}
	}
	c->n++;
	return PT_OK;
}

PT_TEST(roundtrip_types)
{
	pt_db *db = open_db(test_dbname);
	pt_error err;
	pt_db_value p[10];
	uint64_t affected = 0, id1 = 0, id2 = 0;
	row_copy r;
	size_t big_len = 100 * 1024, i;
	char *big = malloc(big_len);
	static const char bin[] = { 'a', 0, 'b', (char)0xFF, 0 };

	PT_CHECK(db != NULL && big != NULL);
	if (!db || !big) {
		free(big);
		pt_db_close(db);
		return;
	}
	for (i = 0; i < big_len; i++) {
		big[i] = (char)('a' + (i * 7) % 26);
	}
	PT_CHECK(exec0(db, "CREATE TABLE t_types ("
		"id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, "
		"i INT NULL, d DOUBLE NULL, dec_v DECIMAL(10,2) NULL, s VARCHAR(100) NULL, "
		"txt LONGTEXT NULL, dt DATETIME(6) NULL, n INT NULL, b BLOB NULL, e VARCHAR(10) NULL) "
		"ENGINE=InnoDB DEFAULT CHARSET=utf8mb4") == PT_OK);

	p[0] = PT_DB_INT_V(-42);
	p[1] = (pt_db_value){ .type = PT_DB_DOUBLE, .d = 2.5 };
	p[2] = PT_DB_TEXT_V("1234.56", 7);
	p[3] = PT_DB_TEXT_V("héllo ñandú", strlen("héllo ñandú"));
	p[4] = PT_DB_TEXT_V(big, big_len);
	p[5] = PT_DB_TEXT_V("2024-01-02 03:04:05.123456", 26);
	p[6] = PT_DB_NULL_V;
	p[7] = PT_DB_BLOB_V(bin, 4);
	p[8] = PT_DB_TEXT_V(NULL, 0);   /* empty string, not NULL */
	pt_error_clear(&err);
	PT_CHECK(pt_db_exec(db, "INSERT INTO t_types (i, d, dec_v, s, txt, dt, n, b, e) "
		"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", p, 9, &affected, &id1, &err) == PT_OK);
	PT_CHECK_EQ_INT(affected, 1);
	PT_CHECK(id1 > 0);

	p[0] = PT_DB_INT_V((int64_t)id1);
	PT_CHECK(query_row(db, "SELECT id, i, d, dec_v, s, txt, dt, n, b, e FROM t_types WHERE id = ?",
		p, 1, &r) == PT_OK);
	PT_CHECK_EQ_INT(r.rows, 1);
	PT_CHECK_EQ_INT(r.ncols, 10);
	PT_CHECK(r.type[0] == PT_DB_INT && (uint64_t)r.i[0] == id1);
	PT_CHECK(r.type[1] == PT_DB_INT && r.i[1] == -42);
	PT_CHECK(r.type[2] == PT_DB_DOUBLE && r.d[2] == 2.5);
	PT_CHECK(r.type[3] == PT_DB_TEXT);
	PT_CHECK_STR(r.s[3], "1234.56");
	PT_CHECK_STR(r.s[4], "héllo ñandú");
	PT_CHECK(r.type[5] == PT_DB_TEXT && r.len[5] == big_len && memcmp(r.s[5], big, big_len) == 0);
	PT_CHECK_STR(r.s[6], "2024-01-02 03:04:05.123456");
	PT_CHECK(r.type[7] == PT_DB_NULL);
	PT_CHECK(r.type[8] == PT_DB_TEXT && r.len[8] == 4 && memcmp(r.s[8], bin, 4) == 0);
	PT_CHECK(r.type[9] == PT_DB_TEXT && r.len[9] == 0);
	row_copy_free(&r);

	/* an unsigned BIGINT above INT64_MAX comes back as decimal text */
	PT_CHECK(query_row(db, "SELECT CAST(18446744073709551615 AS UNSIGNED), CAST(7 AS UNSIGNED), "
		"UTC_TIMESTAMP(6), NULL", NULL, 0, &r) == PT_OK);
	PT_CHECK(r.type[0] == PT_DB_TEXT);
	PT_CHECK_STR(r.s[0], "18446744073709551615");
	PT_CHECK(r.type[1] == PT_DB_INT && r.i[1] == 7);
	PT_CHECK(r.type[2] == PT_DB_TEXT && r.len[2] == 26 && r.s[2][19] == '.');
	PT_CHECK(r.type[3] == PT_DB_NULL);
	row_copy_free(&r);

	/* long texts of growing size in consecutive rows of one result: the
	 * column buffer grows and is re-bound between fetches */
	p[0] = PT_DB_TEXT_V(big, 1000);
	PT_CHECK(pt_db_exec(db, "INSERT INTO t_types (txt) VALUES (?)", p, 1, NULL, &id2, &err) == PT_OK);
	p[0] = PT_DB_TEXT_V(big, big_len);
	PT_CHECK(pt_db_exec(db, "INSERT INTO t_types (txt) VALUES (REPEAT(?, 3))", p, 1, NULL, NULL, &err) == PT_OK);
	PT_CHECK(pt_db_exec(db, "INSERT INTO t_types (txt) VALUES ('tiny')", NULL, 0, NULL, NULL, &err) == PT_OK);
	{
		lens_ctx lc;
		memset(&lc, 0, sizeof(lc));
		lc.ok = 1;
		lc.big = big;
		lc.big_len = big_len;
		p[0] = PT_DB_INT_V((int64_t)id2);
		PT_CHECK(pt_db_query(db, "SELECT txt FROM t_types WHERE id >= ? ORDER BY id", p, 1,
			lens_fn, &lc, &err) == PT_OK);
		PT_CHECK_EQ_INT(lc.n, 3);
		PT_CHECK_EQ_INT(lc.lens[0], 1000);
		PT_CHECK_EQ_INT(lc.lens[1], 3 * big_len);
		PT_CHECK_EQ_INT(lc.lens[2], 4);
		PT_CHECK(lc.ok);
	}

	/* wrong number of values is a bug of the caller's code, said clearly
	 * (and internal: the message quotes the SQL, no resident may see it) */
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_db_exec(db, "INSERT INTO t_types (i) VALUES (?)", NULL, 0, NULL, NULL, &err),
		PT_ERR_INTERNAL);
	PT_CHECK(strstr(err.message, "1 placeholders but 0 values") != NULL);

	/* server errors carry errno, SQLSTATE and the statement */
	pt_error_clear(&err);
	p[0] = PT_DB_INT_V((int64_t)id1);
	PT_CHECK_EQ_INT(pt_db_exec(db, "INSERT INTO t_types (id) VALUES (?)", p, 1, NULL, NULL, &err),
		PT_ERR_DB);
	PT_CHECK_EQ_INT(err.db_errno, 1062);
	PT_CHECK_STR(err.sqlstate, "23000");
	PT_CHECK(strstr(err.message, "MariaDB error 1062 (23000): Duplicate entry") != NULL);
	PT_CHECK(strstr(err.message, "while executing: INSERT INTO t_types (id) VALUES (?)") != NULL);

	/* strict mode: too long a value is an error, not a silent truncation */
	pt_error_clear(&err);
	p[0] = PT_DB_TEXT_V("12345678901", 11);
	PT_CHECK_EQ_INT(pt_db_exec(db, "INSERT INTO t_types (e) VALUES (?)", p, 1, NULL, NULL, &err),
		PT_ERR_DB);
	PT_CHECK_EQ_INT(err.db_errno, 1406);

	/* a syntax error while preparing */
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_db_exec(db, "SELEC 1", NULL, 0, NULL, NULL, &err), PT_ERR_DB);
	PT_CHECK_EQ_INT(err.db_errno, 1064);
	/* and the connection is still fine afterwards */
	PT_CHECK_EQ_INT(query_int(db, "SELECT 1 + 1", NULL, 0), 2);

	free(big);
	pt_db_close(db);
}

/* Date and time columns come back as the text the server itself writes for
 * them (CAST(... AS CHAR)), whatever their precision, and NULL stays NULL. */
PT_TEST(datetime_text)
{
	pt_db *db = open_db(test_dbname);
	static const char *const exprs[] = {
		"CAST('2024-01-02 03:04:05.123456' AS DATETIME(6))",
		"CAST('2024-01-02 03:04:05.120000' AS DATETIME(6))",
		"CAST('2024-01-02 03:04:05.1' AS DATETIME(3))",
		"CAST('1999-12-31 23:59:59.987654' AS DATETIME(2))",
		"CAST('2024-01-02 03:04:05.9' AS DATETIME)",
		"CAST('0001-01-01 00:00:00' AS DATETIME(6))",
		"CAST('9999-12-31 23:59:59.999999' AS DATETIME(6))",
		"CAST('2026-11-21' AS DATE)",
		"TIMESTAMP('2026-02-03 04:05:06.000007')",
		"ADDTIME(CAST('2026-02-03 04:05:06' AS DATETIME), '0.5')",
		"GREATEST(CAST('2026-02-03 04:05:06.25' AS DATETIME(2)), CAST('2026-02-03 04:05:06' AS DATETIME))",
		"FROM_UNIXTIME(1700000000)",
		"FROM_UNIXTIME(1700000000.123)",
	};
	size_t k;

	PT_CHECK(db != NULL);
	if (!db) {
		return;
	}
	for (k = 0; k < sizeof(exprs) / sizeof(exprs[0]); k++) {
		char sql[512];
		row_copy r;

		memset(&r, 0, sizeof(r));
		snprintf(sql, sizeof(sql), "SELECT %s, CAST(%s AS CHAR), CAST(NULL AS DATETIME(6))", exprs[k], exprs[k]);
		PT_CHECK(query_row(db, sql, NULL, 0, &r) == PT_OK);
		PT_CHECK(r.type[0] == PT_DB_TEXT && r.type[1] == PT_DB_TEXT && r.type[2] == PT_DB_NULL);
		if (r.s[0] && r.s[1] && strcmp(r.s[0], r.s[1]) != 0) {
			fprintf(stderr, "  %s: fetched '%s', the server writes '%s'\n", exprs[k], r.s[0], r.s[1]);
			PT_CHECK(false);
		}
		row_copy_free(&r);
	}
	pt_db_close(db);
}

PT_TEST(int_cell_and_capabilities)
{
	pt_db *db = open_db(test_dbname);
	pt_db_int_cell c = { -1, false };
	pt_error err;

	PT_CHECK(db != NULL);
	if (!db) {
		return;
	}
	pt_error_clear(&err);
	PT_CHECK(pt_db_query(db, "SELECT 9007199254740993", NULL, 0, pt_db_int_cell_fn, &c, &err) == PT_OK);
	PT_CHECK(c.found);
	PT_CHECK_EQ_INT(c.value, INT64_C(9007199254740993));
	c.found = false;
	c.value = -1;
	PT_CHECK(pt_db_query(db, "SELECT 1 FROM DUAL WHERE 1 = 0", NULL, 0, pt_db_int_cell_fn, &c, &err) == PT_OK);
	PT_CHECK(!c.found);
	PT_CHECK_EQ_INT(c.value, -1);
	/* the private server is a single MariaDB 10.11: RETURNING, no Galera
	 * (under --galera a node: Galera); asked once per connection */
	{
		uint64_t executes = pt_db_get_stats(db)->executes;

		PT_CHECK(pt_db_has_returning(db));
		PT_CHECK(pt_db_galera(db) == on_galera);
		PT_CHECK(pt_db_galera(db) == on_galera);
		PT_CHECK_EQ_INT(pt_db_get_stats(db)->executes, executes + 1);
	}
	/* the last row wins */
	PT_CHECK(pt_db_query(db, "SELECT 1 UNION ALL SELECT 2", NULL, 0, pt_db_int_cell_fn, &c, &err) == PT_OK);
	PT_CHECK(c.found);
	PT_CHECK_EQ_INT(c.value, 2);
	pt_db_close(db);
}

PT_TEST(statement_cache_reuse)
{
	pt_db *db = open_db(test_dbname);
	pt_error err;
	uint64_t prepares, executes;
	int k;

	PT_CHECK(db != NULL);
	if (!db) {
		return;
	}
	PT_CHECK(exec0(db, "CREATE TABLE t_cache (k INT PRIMARY KEY, v INT NOT NULL)") == PT_OK);
	pt_error_clear(&err);
	{
		pt_db_value p[2] = { PT_DB_INT_V(0), PT_DB_INT_V(0) };
		PT_CHECK(pt_db_exec(db, "INSERT INTO t_cache (k, v) VALUES (?, ?)", p, 2, NULL, NULL, &err) == PT_OK);
	}
	prepares = pt_db_get_stats(db)->prepares;
	executes = pt_db_get_stats(db)->executes;
	for (k = 1; k <= 50; k++) {
		pt_db_value p[2] = { PT_DB_INT_V(k), PT_DB_INT_V(k * 10) };
		PT_CHECK(pt_db_exec(db, "INSERT INTO t_cache (k, v) VALUES (?, ?)", p, 2, NULL, NULL, &err) == PT_OK);
		PT_CHECK_EQ_INT(query_int(db, "SELECT v FROM t_cache WHERE k = ?", p, 1), k * 10);
	}
	/* one prepare for the SELECT, none for the INSERT */
	PT_CHECK_EQ_INT(pt_db_get_stats(db)->prepares, prepares + 1);
	PT_CHECK_EQ_INT(pt_db_get_stats(db)->executes, executes + 100);
	PT_CHECK_EQ_INT(query_int(db, "SELECT COUNT(*) FROM t_cache", NULL, 0), 51);

	/* a result nobody reads (exec of a SELECT) is drained, not left pending */
	PT_CHECK(exec0(db, "SELECT k, v FROM t_cache") == PT_OK);
	PT_CHECK_EQ_INT(query_int(db, "SELECT COUNT(*) FROM t_cache", NULL, 0), 51);

	/* more distinct texts than the cache holds: the least recently used
	 * are closed and re-prepared when needed again; results stay right */
	{
		char sql[64];
		uint64_t before = pt_db_get_stats(db)->prepares;
		for (k = 0; k < 300; k++) {
			snprintf(sql, sizeof(sql), "SELECT %d + 0 FROM DUAL", k);
			PT_CHECK_EQ_INT(query_int(db, sql, NULL, 0), k);
		}
		PT_CHECK_EQ_INT(pt_db_get_stats(db)->prepares, before + 300);
		/* the first ones were evicted: prepared again */
		PT_CHECK_EQ_INT(query_int(db, "SELECT 0 + 0 FROM DUAL", NULL, 0), 0);
		PT_CHECK_EQ_INT(pt_db_get_stats(db)->prepares, before + 301);
		/* the last one is still cached */
		PT_CHECK_EQ_INT(query_int(db, "SELECT 299 + 0 FROM DUAL", NULL, 0), 299);
		PT_CHECK_EQ_INT(pt_db_get_stats(db)->prepares, before + 301);
	}
	pt_db_close(db);
}

typedef struct count_ctx {
	uint64_t rows;
	uint64_t sum;
	uint64_t stop_at;
} count_ctx;

static pt_status count_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	count_ctx *c = vctx;

	c->rows++;
	c->sum += (uint64_t)cols[0].i;
	if (c->stop_at && c->rows == c->stop_at) {
		return pt_error_set(err, PT_ERR_NOT_FOUND, "enough");
	}
	return PT_OK;
}

static pt_status reenter_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	pt_db *db = vctx;

	/* using the connection from inside a row callback must be refused */
	return pt_db_exec(db, "SELECT 1", NULL, 0, NULL, NULL, err);
}

PT_TEST(unbuffered_early_stop)
{
	pt_db *db = open_db(test_dbname);
	pt_error err;
	count_ctx c;
	pt_db_value p[1];

	PT_CHECK(db != NULL);
	if (!db) {
		return;
	}
	PT_CHECK(exec0(db, "CREATE TABLE t_nums (n INT PRIMARY KEY, pad VARCHAR(40) NOT NULL)") == PT_OK);
	PT_CHECK(exec0(db, "INSERT INTO t_nums SELECT seq, REPEAT('x', 40) FROM seq_1_to_100000") == PT_OK);

	memset(&c, 0, sizeof(c));
	c.stop_at = 1000;
	pt_error_clear(&err);
	p[0] = PT_DB_INT_V(0);
	PT_CHECK_EQ_INT(pt_db_query(db, "SELECT n, pad FROM t_nums WHERE n > ? ORDER BY n", p, 1,
		count_fn, &c, &err), PT_ERR_NOT_FOUND);
	PT_CHECK_STR(err.message, "enough");
	PT_CHECK_EQ_INT(c.rows, 1000);
	PT_CHECK_EQ_INT(c.sum, 1000ULL * 1001 / 2);

	/* the same statement again, to the end */
	memset(&c, 0, sizeof(c));
	pt_error_clear(&err);
	PT_CHECK(pt_db_query(db, "SELECT n, pad FROM t_nums WHERE n > ? ORDER BY n", p, 1,
		count_fn, &c, &err) == PT_OK);
	PT_CHECK_EQ_INT(c.rows, 100000);
	PT_CHECK_EQ_INT(c.sum, 100000ULL * 100001 / 2);

	/* early stop, then a different statement on the same connection */
	memset(&c, 0, sizeof(c));
	c.stop_at = 5;
	PT_CHECK_EQ_INT(pt_db_query(db, "SELECT n, pad FROM t_nums WHERE n > ? ORDER BY n", p, 1,
		count_fn, &c, &err), PT_ERR_NOT_FOUND);
	PT_CHECK_EQ_INT(query_int(db, "SELECT COUNT(*) FROM t_nums", NULL, 0), 100000);

	/* re-entering the connection from a row callback is refused cleanly */
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_db_query(db, "SELECT n FROM t_nums WHERE n <= 3", NULL, 0,
		reenter_fn, db, &err), PT_ERR_INTERNAL);
	PT_CHECK(strstr(err.message, "busy") != NULL);
	PT_CHECK_EQ_INT(query_int(db, "SELECT MAX(n) FROM t_nums", NULL, 0), 100000);
	pt_db_close(db);
}

typedef struct dup_ctx {
	int runs;
	pt_status fail_with;
} dup_ctx;

static pt_status dup_unit(pt_db *db, void *vctx, pt_error *err)
{
	dup_ctx *c = vctx;
	pt_db_value p[1] = { PT_DB_INT_V(7) };
	pt_status s;

	c->runs++;
	s = pt_db_exec(db, "INSERT INTO t_tx (k) VALUES (?)", p, 1, NULL, NULL, err);
	if (s != PT_OK) {
		return s;
	}
	if (c->fail_with == PT_ERR_DB) {
		/* the same key again: 1062 */
		return pt_db_exec(db, "INSERT INTO t_tx (k) VALUES (?)", p, 1, NULL, NULL, err);
	}
	if (c->fail_with != PT_OK) {
		return pt_error_set(err, c->fail_with, "the unit said no");
	}
	return PT_OK;
}

typedef struct nest_ctx {
	pt_status inner_status;
} nest_ctx;

static pt_status nest_inner(pt_db *db, void *vctx, pt_error *err)
{
	pt_db_value p[1] = { PT_DB_INT_V(500) };

	return pt_db_exec(db, "INSERT INTO t_tx (k) VALUES (?)", p, 1, NULL, NULL, err);
}

static pt_status nest_unit(pt_db *db, void *vctx, pt_error *err)
{
	nest_ctx *n = vctx;

	n->inner_status = pt_db_transaction(db, nest_inner, NULL, 0, NULL, err);
	if (n->inner_status != PT_OK) {
		return n->inner_status;
	}
	return pt_error_set(err, PT_ERR_NOT_ALLOWED, "outer fails after the inner unit");
}

PT_TEST(transaction_rollback)
{
	pt_db *db = open_db(test_dbname);
	pt_error err;
	dup_ctx c;
	unsigned attempts = 0;

	PT_CHECK(db != NULL);
	if (!db) {
		return;
	}
	PT_CHECK(exec0(db, "CREATE TABLE t_tx (k INT PRIMARY KEY) ENGINE=InnoDB") == PT_OK);

	memset(&c, 0, sizeof(c));
	c.fail_with = PT_ERR_DB;
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_db_transaction(db, dup_unit, &c, 0, &attempts, &err), PT_ERR_DB);
	PT_CHECK_EQ_INT(err.db_errno, 1062);
	PT_CHECK(!pt_db_is_retryable(&err));
	PT_CHECK_EQ_INT(attempts, 1);
	PT_CHECK_EQ_INT(c.runs, 1);
	PT_CHECK_EQ_INT(query_int(db, "SELECT COUNT(*) FROM t_tx", NULL, 0), 0);

	memset(&c, 0, sizeof(c));
	c.fail_with = PT_ERR_NOT_ALLOWED;
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_db_transaction(db, dup_unit, &c, 0, &attempts, &err), PT_ERR_NOT_ALLOWED);
	PT_CHECK_STR(err.message, "the unit said no");
	PT_CHECK_EQ_INT(query_int(db, "SELECT COUNT(*) FROM t_tx", NULL, 0), 0);

	/* autocommit is back on after a rolled-back transaction: a plain
	 * insert is visible from another connection */
	{
		pt_db *other = open_db(test_dbname);
		pt_db_value p[1] = { PT_DB_INT_V(99) };
		PT_CHECK(pt_db_exec(db, "INSERT INTO t_tx (k) VALUES (?)", p, 1, NULL, NULL, &err) == PT_OK);
		PT_CHECK(other != NULL);
		if (other) {
			PT_CHECK_EQ_INT(query_int(other, "SELECT COUNT(*) FROM t_tx", NULL, 0), 1);
		}
		pt_db_close(other);
	}

	memset(&c, 0, sizeof(c));
	c.fail_with = PT_OK;
	PT_CHECK_EQ_INT(pt_db_transaction(db, dup_unit, &c, 0, &attempts, &err), PT_OK);
	PT_CHECK_EQ_INT(query_int(db, "SELECT COUNT(*) FROM t_tx", NULL, 0), 2);

	/* a nested transaction runs inside the outer one: when the outer unit
	 * fails afterwards, the inner unit's insert is rolled back as well */
	{
		nest_ctx n;
		memset(&n, 0, sizeof(n));
		pt_error_clear(&err);
		PT_CHECK_EQ_INT(pt_db_transaction(db, nest_unit, &n, 0, &attempts, &err), PT_ERR_NOT_ALLOWED);
		PT_CHECK_EQ_INT(n.inner_status, PT_OK);
		PT_CHECK_EQ_INT(query_int(db, "SELECT COUNT(*) FROM t_tx WHERE k = 500", NULL, 0), 0);
	}
	pt_db_close(db);
}

/* Two threads lock rows 1 and 2 in opposite orders; InnoDB kills one. */
typedef struct deadlock_side {
	pt_db *db;
	int first, second;      /* row keys in locking order */
	int add;                /* amount added to both rows */
	pthread_barrier_t *barrier;
	int runs;
	unsigned attempts;
	pt_status status;
	pt_error err;
} deadlock_side;

static pt_status deadlock_unit(pt_db *db, void *vctx, pt_error *err)
{
	deadlock_side *d = vctx;
	pt_db_value p[2];
	pt_status s;

	d->runs++;
	p[0] = PT_DB_INT_V(d->add);
	p[1] = PT_DB_INT_V(d->first);
	s = pt_db_exec(db, "UPDATE t_dl SET v = v + ? WHERE k = ?", p, 2, NULL, NULL, err);
	if (s != PT_OK) {
		return s;
	}
	if (d->runs == 1) {
		/* both hold their first lock before either asks for the second */
		pthread_barrier_wait(d->barrier);
	}
	p[1] = PT_DB_INT_V(d->second);
	return pt_db_exec(db, "UPDATE t_dl SET v = v + ? WHERE k = ?", p, 2, NULL, NULL, err);
}

static void *deadlock_thread(void *arg)
{
	deadlock_side *d = arg;

	pt_error_clear(&d->err);
	d->status = pt_db_transaction(d->db, deadlock_unit, d, 0, &d->attempts, &d->err);
	return NULL;
}

PT_TEST(deadlock_replay)
{
	pt_db *a = open_db(test_dbname), *b = open_db(test_dbname);
	pthread_barrier_t barrier;
	deadlock_side sa, sb;
	pthread_t ta, tb;

	PT_CHECK(a != NULL && b != NULL);
	if (!a || !b) {
		pt_db_close(a);
		pt_db_close(b);
		return;
	}
	PT_CHECK(exec0(a, "CREATE TABLE t_dl (k INT PRIMARY KEY, v INT NOT NULL) ENGINE=InnoDB") == PT_OK);
	PT_CHECK(exec0(a, "INSERT INTO t_dl VALUES (1, 0), (2, 0)") == PT_OK);
	pthread_barrier_init(&barrier, NULL, 2);
	memset(&sa, 0, sizeof(sa));
	memset(&sb, 0, sizeof(sb));
	sa.db = a; sa.first = 1; sa.second = 2; sa.add = 1; sa.barrier = &barrier;
	sb.db = b; sb.first = 2; sb.second = 1; sb.add = 10; sb.barrier = &barrier;
	pthread_create(&ta, NULL, deadlock_thread, &sa);
	pthread_create(&tb, NULL, deadlock_thread, &sb);
	pthread_join(ta, NULL);
	pthread_join(tb, NULL);
	pthread_barrier_destroy(&barrier);

	if (sa.status != PT_OK) {
		printf("  side a: %s\n", sa.err.message);
	}
	if (sb.status != PT_OK) {
		printf("  side b: %s\n", sb.err.message);
	}
	PT_CHECK_EQ_INT(sa.status, PT_OK);
	PT_CHECK_EQ_INT(sb.status, PT_OK);
	/* exactly one side was the victim and ran its unit again */
	PT_CHECK_EQ_INT(pt_db_get_stats(a)->retries + pt_db_get_stats(b)->retries, 1);
	PT_CHECK_EQ_INT(sa.attempts + sb.attempts, 3);
	PT_CHECK_EQ_INT(sa.runs + sb.runs, 3);
	/* each unit's effect is there exactly once */
	{
		pt_db_value p[1] = { PT_DB_INT_V(1) };
		PT_CHECK_EQ_INT(query_int(a, "SELECT v FROM t_dl WHERE k = ?", p, 1), 11);
		p[0] = PT_DB_INT_V(2);
		PT_CHECK_EQ_INT(query_int(a, "SELECT v FROM t_dl WHERE k = ?", p, 1), 11);
	}
	pt_db_close(a);
	pt_db_close(b);
}

/*
 * A single statement outside any transaction (a prepared statement in
 * autocommit, as the first use of a thread or process writes its row) that
 * fails with a lock wait timeout (1205: as a deadlock or a Galera
 * certification failure, the server rolled it back whole) runs again by
 * itself, with the transactions' back-off (issue 20: the server's
 * wsrep_retry_autocommit never retries prepared statements). A transaction
 * holds the row until the statement has timed out once and is replayed.
 */
typedef struct stmt_wait {
	pt_db *db;
	pthread_barrier_t go;     /* the transaction holds the row */
	volatile int done;
	pt_status status;
	pt_error err;
} stmt_wait;

static void *stmt_wait_thread(void *arg)
{
	stmt_wait *d = arg;

	pt_error_clear(&d->err);
	pthread_barrier_wait(&d->go);
	d->status = pt_db_exec(d->db, "UPDATE t_sdl SET v = v + 10 WHERE k = 1", NULL, 0, NULL, NULL, &d->err);
	d->done = 1;
	return NULL;
}

typedef struct stmt_wait_tx {
	stmt_wait *side;
	int runs;
} stmt_wait_tx;

static pt_status stmt_wait_unit(pt_db *db, void *vctx, pt_error *err)
{
	stmt_wait_tx *x = vctx;
	pt_status s;

	x->runs++;
	s = pt_db_exec(db, "UPDATE t_sdl SET v = v + 1 WHERE k = 1", NULL, 0, NULL, NULL, err);
	if (s == PT_OK && x->runs == 1) {
		pthread_barrier_wait(&x->side->go);
		/* holds the row until the statement timed out and is being replayed */
		while (!x->side->done && __atomic_load_n(&pt_db_get_stats(x->side->db)->retries, __ATOMIC_SEQ_CST) < 1) {
			struct timespec ts = { 0, 2000000 };
			nanosleep(&ts, NULL);
		}
	}
	return s;
}

PT_TEST(statement_wait_replay)
{
	pt_db *a = open_db(test_dbname), *b = open_db(test_dbname);
	stmt_wait side;
	stmt_wait_tx x;
	pthread_t t;
	pt_error err;
	unsigned attempts = 0;

	PT_CHECK(a != NULL && b != NULL);
	if (!a || !b) {
		pt_db_close(a);
		pt_db_close(b);
		return;
	}
	PT_CHECK(exec0(a, "CREATE TABLE t_sdl (k INT PRIMARY KEY, v INT NOT NULL) ENGINE=InnoDB") == PT_OK);
	PT_CHECK(exec0(a, "INSERT INTO t_sdl VALUES (1, 0)") == PT_OK);
	PT_CHECK(exec0(b, "SET SESSION innodb_lock_wait_timeout = 1") == PT_OK);
	memset(&side, 0, sizeof(side));
	memset(&x, 0, sizeof(x));
	side.db = b;
	x.side = &side;
	pthread_barrier_init(&side.go, NULL, 2);
	pthread_create(&t, NULL, stmt_wait_thread, &side);
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_db_transaction(a, stmt_wait_unit, &x, 0, &attempts, &err), PT_OK);
	pthread_join(t, NULL);
	pthread_barrier_destroy(&side.go);
	if (side.status != PT_OK) {
		printf("  statement: %s\n", side.err.message);
	}
	PT_CHECK_EQ_INT(side.status, PT_OK);
	/* it timed out once and ran again; the transaction ran once */
	PT_CHECK(pt_db_get_stats(b)->retries >= 1);
	PT_CHECK_EQ_INT(attempts, 1);
	PT_CHECK_EQ_INT(query_int(a, "SELECT v FROM t_sdl WHERE k = 1", NULL, 0), 11);
	pt_db_close(a);
	pt_db_close(b);
}

PT_TEST(migrate_schema_once)
{
	pt_db *db = open_db(test_dbname);
	pt_error err;
	char **names = NULL;
	size_t n = 0;

	PT_CHECK(db != NULL);
	if (!db) {
		return;
	}
	pt_error_clear(&err);
	PT_CHECK(pt_db_migrate(db, pt_schema_migrations, PT_SCHEMA_MIGRATION_COUNT, 0, &names, &n, &err) == PT_OK);
	PT_CHECK_EQ_INT(n, PT_SCHEMA_MIGRATION_COUNT);
	if (n >= 1) {
		PT_CHECK_STR(names[0], "001_foundation");
	}
	pt_db_names_free(names, n);
	PT_CHECK_EQ_INT(query_int(db, "SELECT COUNT(*) FROM information_schema.tables "
		"WHERE table_schema = DATABASE() AND table_name = 'participa_territories'", NULL, 0), 1);
	PT_CHECK_EQ_INT(query_int(db, "SELECT COUNT(*) FROM participa_migrations "
		"WHERE state = 'applied' AND finished_at IS NOT NULL AND LENGTH(checksum) = 64", NULL, 0),
		PT_SCHEMA_MIGRATION_COUNT);

	names = NULL;
	n = 99;
	PT_CHECK(pt_db_migrate(db, pt_schema_migrations, PT_SCHEMA_MIGRATION_COUNT, 0, &names, &n, &err) == PT_OK);
	PT_CHECK_EQ_INT(n, 0);
	pt_db_names_free(names, n);
	pt_db_close(db);
}

/* Test migrations: versions 901-903, each logging itself once. 902 sleeps so
 * the other migrator really has to wait for it, and holds a ';' at the end of
 * a line inside a string, which must not split the statement. */
static const pt_migration test_migrations[] = {
	{ 903, "903_third",
		"INSERT INTO t_miglog (version, note) VALUES (903, 'third');\n" },
	{ 901, "901_first",
		"-- the log table\n"
		"CREATE TABLE IF NOT EXISTS t_miglog (\n"
		"    id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,\n"
		"    version INT NOT NULL,\n"
		"    note TEXT NOT NULL\n"
		") ENGINE=InnoDB;\n"
		"\n"
		"/* just a comment; */\n"
		"-- another one;\n"
		"INSERT INTO t_miglog (version, note) VALUES (901, 'first');\n" },
	{ 902, "902_second",
		"DO SLEEP(0.3);\n"
		"INSERT INTO t_miglog (version, note) VALUES (902, 'semi;\n"
		"colon'); -- trailing comment\n"
		"INSERT INTO t_miglog (version, note) VALUES (902, \"x;y\"), (902, 'it''s;'); # one more\n" },
};

typedef struct migrate_side {
	pt_db *db;
	pt_status status;
	pt_error err;
	char **names;
	size_t n;
} migrate_side;

static void *migrate_thread(void *arg)
{
	migrate_side *m = arg;

	pt_error_clear(&m->err);
	m->status = pt_db_migrate(m->db, test_migrations, 3, 30, &m->names, &m->n, &m->err);
	return NULL;
}

PT_TEST(migrate_concurrent)
{
	migrate_side s[2];
	pthread_t t[2];
	int k;
	size_t total = 0;

	memset(s, 0, sizeof(s));
	for (k = 0; k < 2; k++) {
		s[k].db = open_db(test_dbname);
		PT_CHECK(s[k].db != NULL);
	}
	if (!s[0].db || !s[1].db) {
		pt_db_close(s[0].db);
		pt_db_close(s[1].db);
		return;
	}
	for (k = 0; k < 2; k++) {
		pthread_create(&t[k], NULL, migrate_thread, &s[k]);
	}
	for (k = 0; k < 2; k++) {
		pthread_join(t[k], NULL);
		if (s[k].status != PT_OK) {
			printf("  migrator %d: %s\n", k, s[k].err.message);
		}
		PT_CHECK_EQ_INT(s[k].status, PT_OK);
		total += s[k].n;
	}
	/* every migration applied by exactly one of them */
	PT_CHECK_EQ_INT(total, 3);
	{
		pt_db_value p[1];
		p[0] = PT_DB_INT_V(901);
		PT_CHECK_EQ_INT(query_int(s[0].db, "SELECT COUNT(*) FROM t_miglog WHERE version = ?", p, 1), 1);
		p[0] = PT_DB_INT_V(902);
		PT_CHECK_EQ_INT(query_int(s[0].db, "SELECT COUNT(*) FROM t_miglog WHERE version = ?", p, 1), 3);
		p[0] = PT_DB_INT_V(903);
		PT_CHECK_EQ_INT(query_int(s[0].db, "SELECT COUNT(*) FROM t_miglog WHERE version = ?", p, 1), 1);
	}
	PT_CHECK_EQ_INT(query_int(s[0].db, "SELECT COUNT(*) FROM t_miglog WHERE note = 'semi;\ncolon'",
		NULL, 0), 1);
	PT_CHECK_EQ_INT(query_int(s[0].db, "SELECT COUNT(*) FROM t_miglog WHERE note IN ('x;y', 'it''s;')",
		NULL, 0), 2);
	/* applied in version order: 901 before 902 before 903 */
	PT_CHECK_EQ_INT(query_int(s[0].db, "SELECT COUNT(*) FROM t_miglog a JOIN t_miglog b "
		"ON a.version > b.version AND a.id < b.id", NULL, 0), 0);
	for (k = 0; k < 2; k++) {
		pt_db_names_free(s[k].names, s[k].n);
		pt_db_close(s[k].db);
	}
}

PT_TEST(migrate_failure_and_stale_claim)
{
	pt_db *db = open_db(test_dbname);
	pt_error err;
	char **names = NULL;
	size_t n = 0;
	pt_migration bad = { 950, "950_broken",
		"CREATE TABLE t_m950 (k INT PRIMARY KEY);\n"
		"INSERT INTO t_m950 VALUES (1);\n"
		"\n"
		"INSERT INTO no_such_table VALUES (1);\n" };
	pt_migration good = { 950, "950_broken",
		"CREATE TABLE IF NOT EXISTS t_m950 (k INT PRIMARY KEY);\n"
		"INSERT IGNORE INTO t_m950 VALUES (1);\n" };

	PT_CHECK(db != NULL);
	if (!db) {
		return;
	}
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_db_migrate(db, &bad, 1, 0, &names, &n, &err), PT_ERR_DB);
	PT_CHECK_EQ_INT(err.db_errno, 1146);
	PT_CHECK(strstr(err.message, "migration 950_broken failed at statement 3 (line 4)") != NULL);
	PT_CHECK(names == NULL);
	/* the claim was given back */
	PT_CHECK_EQ_INT(query_int(db, "SELECT COUNT(*) FROM participa_migrations WHERE version = 950",
		NULL, 0), 0);
	/* the fixed migration applies */
	PT_CHECK(pt_db_migrate(db, &good, 1, 0, &names, &n, &err) == PT_OK);
	PT_CHECK_EQ_INT(n, 1);
	pt_db_names_free(names, n);

	/* a claim left behind by a dead migrator: a clear conflict after the wait */
	PT_CHECK(exec0(db, "INSERT INTO participa_migrations (version, name, state, started_at, applied_by) "
		"VALUES (960, '960_stuck', 'applying', '2024-05-01 10:00:00', 'elsewhere:123')") == PT_OK);
	{
		pt_migration stuck = { 960, "960_stuck", "DO 1;\n" };
		pt_error_clear(&err);
		PT_CHECK_EQ_INT(pt_db_migrate(db, &stuck, 1, 1, &names, &n, &err), PT_ERR_CONFLICT);
		PT_CHECK(strstr(err.message, "migration 960_stuck has been applying since 2024-05-01 10:00:00") != NULL);
		PT_CHECK(strstr(err.message, "elsewhere:123") != NULL);
		PT_CHECK(strstr(err.message, "delete its row from participa_migrations") != NULL);
	}
	pt_db_close(db);
}

/* A procedure in a migration: "DELIMITER //" makes "//" at the end of a line
 * the terminator, so the body's own ';' do not split it; "DELIMITER ;"
 * restores the usual one. The procedure is then CALLed through the statement
 * cache: its result set reaches the callback and its final status is read
 * past, so the next statement runs. */
PT_TEST(migrate_delimiter_and_call)
{
	pt_db *db = open_db(test_dbname);
	pt_error err;
	char **names = NULL;
	size_t n = 0;
	pt_migration m = { 970, "970_procedure",
		"-- a table, then a procedure\n"
		"CREATE TABLE IF NOT EXISTS t_m970 (k INT NOT NULL AUTO_INCREMENT PRIMARY KEY, v INT NOT NULL);\n"
		"\n"
		"delimiter //\n"
		"DROP PROCEDURE IF EXISTS t_p970 //\n"
		"CREATE PROCEDURE t_p970(IN x INT)\n"
		"BEGIN\n"
		"    INSERT INTO t_m970 (v) VALUES (x);\n"
		"    SELECT LAST_INSERT_ID(), x * 2, 'a;b';\n"
		"END //\n"
		"DELIMITER ;\n"
		"INSERT INTO t_m970 (v) VALUES (0);\n" };
	pt_db_value p[1] = { PT_DB_INT_V(21) };

	PT_CHECK(db != NULL);
	if (!db) {
		return;
	}
	pt_error_clear(&err);
	PT_CHECK(pt_db_migrate(db, &m, 1, 0, &names, &n, &err) == PT_OK);
	PT_CHECK_EQ_INT(n, 1);
	pt_db_names_free(names, n);
	PT_CHECK_EQ_INT(query_int(db, "SELECT COUNT(*) FROM t_m970", NULL, 0), 1);
	/* twice: the second run reuses the cached statement (ids 2 and 3 on a
	 * standalone server; Galera steps AUTO_INCREMENT by the cluster's size) */
	if (!on_galera) {
		PT_CHECK_EQ_INT(query_int(db, "CALL t_p970(?)", p, 1), 2);
		PT_CHECK_EQ_INT(query_int(db, "CALL t_p970(?)", p, 1), 3);
	} else {
		PT_CHECK_EQ_INT(query_int(db, "CALL t_p970(?)", p, 1), query_int(db, "SELECT MAX(k) FROM t_m970", NULL, 0));
		PT_CHECK_EQ_INT(query_int(db, "CALL t_p970(?)", p, 1), query_int(db, "SELECT MAX(k) FROM t_m970", NULL, 0));
	}
	PT_CHECK_EQ_INT(query_int(db, "SELECT COUNT(*) FROM t_m970 WHERE v = 21", NULL, 0), 2);
	pt_db_close(db);
}

PT_TEST(fork_child_close)
{
	pt_db *db = open_db(test_dbname);
	pid_t pid;
	int status = -1;

	PT_CHECK(db != NULL);
	if (!db) {
		return;
	}
	/* a statement is cached (the child must free it silently too) */
	PT_CHECK_EQ_INT(query_int(db, "SELECT 40 + 2", NULL, 0), 42);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		pt_error err;
		int code = 0;
		pt_error_clear(&err);
		if (pt_db_owned(db)) {
			code |= 1;
		}
		/* the child must not talk on the parent's socket */
		if (pt_db_exec(db, "SELECT 1", NULL, 0, NULL, NULL, &err) != PT_ERR_DB) {
			code |= 2;
		}
		pt_db_close(db);
		_exit(code);
	}
	PT_CHECK(pid > 0);
	waitpid(pid, &status, 0);
	PT_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	/* the parent's session survived: same connection, cached statement */
	PT_CHECK_EQ_INT(query_int(db, "SELECT 40 + 2", NULL, 0), 42);
	PT_CHECK_EQ_INT(pt_db_get_stats(db)->connects, 1);

	/* a child that needs the database gets its own connection */
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		pt_error err;
		int code = 0;
		pt_error_clear(&err);
		if (pt_db_ensure(db, &err) != PT_OK) {
			code |= 1;
		} else if (!pt_db_owned(db) || query_int(db, "SELECT 6 * 7", NULL, 0) != 42) {
			code |= 2;
		}
		pt_db_close(db);
		_exit(code);
	}
	waitpid(pid, &status, 0);
	PT_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	PT_CHECK_EQ_INT(query_int(db, "SELECT 40 + 2", NULL, 0), 42);
	pt_db_close(db);
}

static pt_status kill_connection(pt_db *admin, int64_t id)
{
	pt_db_value p[1] = { PT_DB_INT_V(id) };
	pt_error err;

	pt_error_clear(&err);
	return pt_db_exec(admin, "KILL CONNECTION ?", p, 1, NULL, NULL, &err);
}

PT_TEST(ensure_after_kill)
{
	pt_db *db = open_db(test_dbname), *admin = open_db(test_dbname);
	pt_error err;
	int64_t id, id2, id3;

	PT_CHECK(db != NULL && admin != NULL);
	if (!db || !admin) {
		pt_db_close(db);
		pt_db_close(admin);
		return;
	}
	pt_error_clear(&err);
	PT_CHECK(pt_db_ensure(db, &err) == PT_OK);
	PT_CHECK_EQ_INT(pt_db_get_stats(db)->connects, 1);
	id = query_int(db, "SELECT CONNECTION_ID()", NULL, 0);
	PT_CHECK(id > 0);
	PT_CHECK(kill_connection(admin, id) == PT_OK);

	/* killed while idle (as by a restart): the next statement finds the
	 * socket shut, reconnects first and succeeds; no 2006 reaches us */
	pt_error_clear(&err);
	id2 = query_int(db, "SELECT CONNECTION_ID()", NULL, 0);
	PT_CHECK(id2 > 0 && id2 != id);
	PT_CHECK_EQ_INT(pt_db_get_stats(db)->connects, 2);
	PT_CHECK_EQ_INT(pt_db_get_stats(db)->reconnects, 1);
	/* session settings are back too */
	{
		row_copy r;
		PT_CHECK(query_row(db, "SELECT @@session.time_zone, @@session.tx_isolation", NULL, 0, &r) == PT_OK);
		PT_CHECK_STR(r.s[0], "+00:00");
		PT_CHECK_STR(r.s[1], "READ-COMMITTED");
		row_copy_free(&r);
	}
	/* a write too (autocommit): nothing was pending, so nothing is doubled */
	PT_CHECK(exec0(db, "CREATE TABLE t_revive (id INT PRIMARY KEY) ENGINE=InnoDB") == PT_OK);
	PT_CHECK(kill_connection(admin, id2) == PT_OK);
	PT_CHECK(exec0(db, "INSERT INTO t_revive VALUES (1)") == PT_OK);
	PT_CHECK_EQ_INT(query_int(admin, "SELECT COUNT(*) FROM t_revive", NULL, 0), 1);
	PT_CHECK_EQ_INT(pt_db_get_stats(db)->reconnects, 2);

	/* killed while idle, ensure() alone notices (ping) and reconnects */
	id3 = query_int(db, "SELECT CONNECTION_ID()", NULL, 0);
	PT_CHECK(kill_connection(admin, id3) == PT_OK);
	pt_error_clear(&err);
	PT_CHECK(pt_db_ensure(db, &err) == PT_OK);
	PT_CHECK_EQ_INT(pt_db_get_stats(db)->connects, 4);
	PT_CHECK(query_int(db, "SELECT CONNECTION_ID()", NULL, 0) > 0);
	exec0(db, "DROP TABLE t_revive");
	pt_db_close(db);
	pt_db_close(admin);
}

/* ---------------------------------------------- lost connections in units */

/* A unit that stores one keyed row, as the stores do with an idempotency
 * key: a run that finds its key answers as a replay. */
typedef struct keyed_ctx {
	const char *key;
	int kill_runs;        /* the first kill_runs runs kill their own connection midway */
	int runs;
	bool replayed;
	bool landed_called;
	pt_db *admin;         /* for the hooks */
	int64_t victim;
	int hook_lost;        /* AFTER_COMMIT answers "lost" this many times */
} keyed_ctx;

static pt_status keyed_unit(pt_db *db, void *vctx, pt_error *err)
{
	keyed_ctx *c = vctx;
	pt_db_value k[1] = { PT_DB_TEXT_V(c->key, strlen(c->key)) };
	pt_db_int_cell found = { 0, false };
	pt_status s;

	c->runs++;
	c->replayed = false;
	s = pt_db_query(db, "SELECT id FROM t_keyed WHERE k = ? FOR UPDATE", k, 1, pt_db_int_cell_fn, &found, err);
	if (s != PT_OK) {
		return s;
	}
	if (found.found) {
		c->replayed = true;
		return PT_OK;
	}
	s = pt_db_exec(db, "INSERT INTO t_keyed (k) VALUES (?)", k, 1, NULL, NULL, err);
	if (s != PT_OK) {
		return s;
	}
	if (c->runs <= c->kill_runs) {
		/* the server answers 1927 and closes: as a restart in the middle */
		return pt_db_exec(db, "KILL CONNECTION CONNECTION_ID()", NULL, 0, NULL, NULL, err);
	}
	return PT_OK;
}

static pt_status keyed_landed(pt_db *db, void *vctx, bool *landed, pt_error *err)
{
	keyed_ctx *c = vctx;
	pt_db_value k[1] = { PT_DB_TEXT_V(c->key, strlen(c->key)) };
	pt_db_int_cell found = { 0, false };
	pt_status s;

	c->landed_called = true;
	s = pt_db_query(db, "SELECT id FROM t_keyed WHERE k = ?", k, 1, pt_db_int_cell_fn, &found, err);
	if (s == PT_OK && found.found) {
		*landed = true;
		c->replayed = true;
	}
	return s;
}

static bool commit_hook(pt_db *db, pt_db_hook_point at, void *arg)
{
	keyed_ctx *c = arg;

	if (at == PT_DB_HOOK_BEFORE_COMMIT && c->victim) {
		/* the server goes away just before COMMIT reaches it */
		kill_connection(c->admin, c->victim);
		c->victim = 0;
	}
	if (at == PT_DB_HOOK_AFTER_COMMIT && c->hook_lost > 0) {
		c->hook_lost--;
		return true;
	}
	return false;
}

static int64_t keyed_count(pt_db *admin, const char *key)
{
	pt_db_value k[1] = { PT_DB_TEXT_V(key, strlen(key)) };

	return query_int(admin, "SELECT COUNT(*) FROM t_keyed WHERE k = ?", k, 1);
}

PT_TEST(lost_connection_in_units)
{
	if (on_galera) {
		/* assumes a standalone server: the unit kills its own session
		 * (KILL CONNECTION CONNECTION_ID()) inside a transaction, which
		 * rolls it back there; on a Galera node (MariaDB 10.11.19, galera
		 * 26.4.23) a self-KILL commits the open transaction, while a KILL
		 * from another session rolls it back, as on one server */
		printf("  skipped on Galera: assumes a self-KILL rolls the open transaction back\n");
		return;
	}

	pt_db *db = open_db(test_dbname), *admin = open_db(test_dbname);
	pt_db_tx_options with_landed = { .landed = keyed_landed };
	pt_db_tx_options self_landed = { .self_contained = true, .landed = keyed_landed };
	keyed_ctx c;
	pt_error err;
	unsigned attempts = 0;

	PT_CHECK(db != NULL && admin != NULL);
	if (!db || !admin) {
		pt_db_close(db);
		pt_db_close(admin);
		return;
	}
	PT_CHECK(exec0(db, "CREATE TABLE t_keyed (id INT AUTO_INCREMENT PRIMARY KEY, k VARCHAR(40) NOT NULL, "
		"UNIQUE KEY (k)) ENGINE=InnoDB") == PT_OK);

	/* lost in the middle of the unit: the server rolled it back, the unit
	 * runs again on a new connection, one row */
	memset(&c, 0, sizeof(c));
	c.key = "mid-unit";
	c.kill_runs = 1;
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_db_transaction(db, keyed_unit, &c, 0, &attempts, &err), PT_OK);
	PT_CHECK_EQ_INT(attempts, 2);
	PT_CHECK(!c.replayed);
	PT_CHECK_EQ_INT(keyed_count(admin, "mid-unit"), 1);
	PT_CHECK_EQ_INT(pt_db_get_stats(db)->reconnects, 1);

	/* a connection that keeps dying: bounded, and the error is returned */
	memset(&c, 0, sizeof(c));
	c.key = "always-killed";
	c.kill_runs = 100;
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_db_transaction(db, keyed_unit, &c, 0, &attempts, &err), PT_ERR_DB);
	PT_CHECK_EQ_INT(attempts, 3);
	PT_CHECK_EQ_INT(err.db_errno, 1927);
	PT_CHECK_EQ_INT(keyed_count(admin, "always-killed"), 0);

	/* killed just before COMMIT: nothing was stored (the landed check, if
	 * the answer was ambiguous, says so), the unit runs again, one row */
	memset(&c, 0, sizeof(c));
	c.key = "before-commit";
	c.admin = admin;
	c.victim = query_int(db, "SELECT CONNECTION_ID()", NULL, 0);
	pt_db_set_test_hook(db, commit_hook, &c);
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_db_transaction_ex(db, &with_landed, keyed_unit, &c, &attempts, &err), PT_OK);
	PT_CHECK_EQ_INT(attempts, 2);
	PT_CHECK(!c.replayed);
	PT_CHECK_EQ_INT(keyed_count(admin, "before-commit"), 1);

	/* COMMIT applied but its answer lost: the landed check finds the key,
	 * the caller gets the stored row as a replay, and it is not written twice */
	memset(&c, 0, sizeof(c));
	c.key = "answer-lost";
	c.hook_lost = 1;
	pt_db_set_test_hook(db, commit_hook, &c);
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_db_transaction_ex(db, &with_landed, keyed_unit, &c, &attempts, &err), PT_OK);
	PT_CHECK(c.landed_called);
	PT_CHECK(c.replayed);
	PT_CHECK_EQ_INT(attempts, 1);
	PT_CHECK_EQ_INT(keyed_count(admin, "answer-lost"), 1);

	/* the same without a landed check: never "nothing was stored", never a
	 * blind replay, but an operational error that says the outcome is unknown */
	memset(&c, 0, sizeof(c));
	c.key = "answer-lost-unchecked";
	c.hook_lost = 1;
	pt_db_set_test_hook(db, commit_hook, &c);
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_db_transaction(db, keyed_unit, &c, 0, &attempts, &err), PT_ERR_DB);
	PT_CHECK_EQ_INT(err.db_errno, 2013);
	PT_CHECK(strstr(err.message, "whether it was stored is not known") != NULL);
	PT_CHECK_EQ_INT(c.runs, 1);
	PT_CHECK_EQ_INT(keyed_count(admin, "answer-lost-unchecked"), 1);
	pt_db_set_test_hook(db, NULL, NULL);
	/* and the next call gets a new connection */
	PT_CHECK(query_int(db, "SELECT 7", NULL, 0) == 7);

	/* a self-contained unit (autocommit statements, as a CALL) whose
	 * connection dies after its write: landed finds it */
	memset(&c, 0, sizeof(c));
	c.key = "self-contained";
	c.kill_runs = 1;
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_db_transaction_ex(db, &self_landed, keyed_unit, &c, &attempts, &err), PT_OK);
	PT_CHECK(c.landed_called);
	PT_CHECK(c.replayed);
	PT_CHECK_EQ_INT(c.runs, 1);
	PT_CHECK_EQ_INT(keyed_count(admin, "self-contained"), 1);

	exec0(db, "DROP TABLE t_keyed");
	pt_db_close(db);
	pt_db_close(admin);
}

static bool lose_answers(pt_db *db, pt_db_hook_point at, void *arg)
{
	int *left = arg;

	if (at == PT_DB_HOOK_AFTER_COMMIT && *left > 0) {
		(*left)--;
		return true;
	}
	return false;
}

static int64_t count_where_key(pt_db *db, const char *sql, const char *key)
{
	pt_db_value k[1] = { PT_DB_TEXT_V(key, strlen(key)) };

	return query_int(db, sql, k, 1);
}

/* The stores' writes with an idempotency key survive a lost COMMIT answer:
 * a thread post (full transaction and one-CALL path) and a cast. Needs the
 * schema, which migrate_schema_once applied to this database. */
PT_TEST(lost_commit_in_stores)
{
	pt_db *db = open_db(test_dbname);
	pt_thread_store_thread t;
	pt_process_store_process proc;
	pt_error err;
	int lose = 0;
	int pass;

	PT_CHECK(db != NULL);
	if (!db) {
		return;
	}
	pt_error_clear(&err);
	PT_CHECK(pt_thread_store_thread_open(db, "post", 4, "lost-1", 6, &t, &err) == PT_OK);
	pt_db_set_test_hook(db, lose_answers, &lose);
	for (pass = 0; pass < 2; pass++) {
		/* pass 0: the full transaction; pass 1: the one-CALL path */
		pt_thread_store_post post;
		int64_t id = 0;
		bool replayed = true;
		char key[32];
		unsigned connects = (unsigned)pt_db_get_stats(db)->connects;

		snprintf(key, sizeof(key), "post-key-%d", pass);
		memset(&post, 0, sizeof(post));
		post.thread_id = t.id;
		post.author = "wp:1";
		post.body = "Falta iluminación";
		post.body_len = strlen(post.body);
		post.status = PT_COMMENT_PUBLISHED;
		post.idempotency_key = key;
		if (pass == 1) {
			post.fast.enabled = true;
			post.fast.anyone = true;
			post.fast.default_ok = true;
			post.fast.comment_roles = "ciudadano";
			post.fast.known_roles = "ciudadano";
			post.fast.max_depth = 4;
		}
		lose = 1;
		pt_error_clear(&err);
		PT_CHECK_EQ_INT(pt_thread_store_post_comment(db, &post, NULL, NULL, &id, &replayed, &err), PT_OK);
		if (err.code) {
			printf("  pass %d: %s\n", pass, err.message);
		}
		PT_CHECK_EQ_INT(lose, 0);   /* the answer was really lost */
		PT_CHECK(pt_db_get_stats(db)->connects > connects);
		PT_CHECK(id > 0);
		PT_CHECK_EQ_INT(pass == 1 ? post.fast_used : 1, 1);
		PT_CHECK_EQ_INT(count_where_key(db, "SELECT COUNT(*) FROM participa_comments WHERE idempotency_key = ?", key), 1);
		PT_CHECK_EQ_INT(count_where_key(db, "SELECT MIN(id) FROM participa_comments WHERE idempotency_key = ?", key), id);
	}
	{
		/* no key: the outcome is unknown and said so, not stored twice */
		pt_thread_store_post post;
		int64_t id = 0;

		memset(&post, 0, sizeof(post));
		post.thread_id = t.id;
		post.author = "wp:1";
		post.body = "sin clave";
		post.body_len = strlen(post.body);
		post.status = PT_COMMENT_PUBLISHED;
		lose = 1;
		pt_error_clear(&err);
		PT_CHECK_EQ_INT(pt_thread_store_post_comment(db, &post, NULL, NULL, &id, NULL, &err), PT_ERR_DB);
		PT_CHECK(strstr(err.message, "not known") != NULL);
		PT_CHECK_EQ_INT(count_where_key(db, "SELECT COUNT(*) FROM participa_comments WHERE body = ?", "sin clave"), 1);
	}

	pt_error_clear(&err);
	PT_CHECK(pt_process_store_process_sync(db, "lost-commit", "poll", "plurality", false,
		"0000000000000000000000000000000000000000000000000000000000000000", false, &proc, &err) == PT_OK);
	{
		/* the store runs core's cast rule inside the transaction: it needs the process's definition */
		static const char yaml[] =
			"site: { name: X }\n"
			"database: { socket: /s, name: p, user: u }\n"
			"roles:\n"
			"  ciudadano: { can: [vote] }\n"
			"processes:\n"
			"  - { id: lost-commit, title: Encuesta, kind: poll, method: plurality, candidates: [a, b],\n"
			"      secrecy: public, phases: { voting: [2020-01-01, 2099-12-31] } }\n";
		pt_config *cfg = NULL;
		pt_diags diags;
		pt_process_store_cast cast;
		char receipt[PT_RECEIPT_LEN + 1];

		pt_diags_init(&diags);
		PT_CHECK(pt_config_load_string("lost.yaml", yaml, strlen(yaml), &cfg, &diags) == PT_OK);
		pt_diags_free(&diags);
		if (!cfg) {
			pt_db_set_test_hook(db, NULL, NULL);
			pt_db_close(db);
			return;
		}
		memset(&cast, 0, sizeof(cast));
		cast.cfg = cfg;
		cast.def = pt_config_process(cfg, "lost-commit", strlen("lost-commit"));
		PT_CHECK(cast.def != NULL);
		cast.process_id = proc.id;
		cast.participant = "wp:1";
		cast.ballot = "a";
		cast.ballot_len = 1;
		cast.voter = "wp:1";
		cast.idempotency_key = "cast-key";
		lose = 1;
		pt_error_clear(&err);
		PT_CHECK_EQ_INT(pt_process_store_cast_ballot(db, &cast, &err), PT_OK);
		if (err.code) {
			printf("  cast: %s\n", err.message);
		}
		PT_CHECK_EQ_INT(lose, 0);
		PT_CHECK(!cast.replayed);      /* the first answer stands: it was stored */
		PT_CHECK_EQ_INT(cast.version, 1);
		PT_CHECK_EQ_INT(strlen(cast.receipt), PT_RECEIPT_LEN);
		PT_CHECK_EQ_INT(count_where_key(db, "SELECT COUNT(*) FROM participa_ballot_box WHERE receipt = ?", cast.receipt), 1);
		{
			pt_db_value p[1] = { PT_DB_INT_V(proc.id) };
			PT_CHECK_EQ_INT(query_int(db, "SELECT COUNT(*) FROM participa_voters WHERE process_id = ?", p, 1), 1);
		}
		/* the client's retry of the same request gets the same receipt */
		memcpy(receipt, cast.receipt, sizeof(receipt));
		memset(cast.receipt, 0, sizeof(cast.receipt));
		pt_error_clear(&err);
		PT_CHECK_EQ_INT(pt_process_store_cast_ballot(db, &cast, &err), PT_OK);
		PT_CHECK(cast.replayed);
		PT_CHECK_STR(cast.receipt, receipt);
		pt_config_free(cfg);
	}
	pt_db_set_test_hook(db, NULL, NULL);
	pt_db_close(db);
}

PT_TEST(text_must_be_utf8)
{
	pt_db *db = open_db(test_dbname);
	static const char *const bad[] = {
		"\xC0\x80",           /* overlong NUL */
		"\xE0\x80\xAF",       /* overlong '/' */
		"\xED\xA0\x80",       /* a surrogate */
		"\xF4\x90\x80\x80",   /* past U+10FFFF */
		"\xF5\x80\x80\x80",
		"abc\xC3",            /* cut */
		"\xFF",
		"receipt \x80",
	};
	pt_error err;
	size_t i;

	PT_CHECK(db != NULL);
	if (!db) {
		return;
	}
	PT_CHECK(exec0(db, "CREATE TABLE t_utf8 (s VARCHAR(40) NOT NULL, b VARBINARY(40) NULL) ENGINE=InnoDB") == PT_OK);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		pt_db_value p[1] = { PT_DB_TEXT_V(bad[i], strlen(bad[i])) };

		pt_error_clear(&err);
		PT_CHECK_EQ_INT(pt_db_exec(db, "INSERT IGNORE INTO t_utf8 (s) VALUES (?)", p, 1, NULL, NULL, &err),
			PT_ERR_INVALID);
		/* a resident's text, catalogued, without the SQL */
		PT_CHECK_STR(err.message, "Un texto recibido no es UTF-8 válido.");
		PT_CHECK(pt_error_catalogued(&err));
	}
	PT_CHECK_EQ_INT(query_int(db, "SELECT COUNT(*) FROM t_utf8", NULL, 0), 0);
	{
		const char *good = "Peña \xF0\x9F\x8C\xB5 \xE2\x82\xAC \xF4\x8F\xBF\xBF";
		pt_db_value p[2] = { PT_DB_TEXT_V(good, strlen(good)), PT_DB_BLOB_V("\xFF\x00\xC0", 3) };

		pt_error_clear(&err);
		PT_CHECK(pt_db_exec(db, "INSERT INTO t_utf8 (s, b) VALUES (?, ?)", p, 2, NULL, NULL, &err) == PT_OK);
		PT_CHECK_EQ_INT(query_int(db, "SELECT LENGTH(b) FROM t_utf8", NULL, 0), 3);
	}
	exec0(db, "DROP TABLE t_utf8");
	pt_db_close(db);
}

/* ------------------------------------------------------------ territories */

typedef struct terr_row {
	char id[64], parent[64], name[64], kind[64];
	int64_t depth, lft, rgt;
	char updated[32];
} terr_row;

typedef struct terr_rows {
	terr_row *rows;
	size_t n, cap;
} terr_rows;

static void text_to(char *dst, size_t sz, const pt_db_value *v)
{
	if (v->type == PT_DB_TEXT) {
		snprintf(dst, sz, "%.*s", (int)v->len, v->s);
	} else {
		snprintf(dst, sz, "(null)");
	}
}

static pt_status terr_fn(void *ctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	terr_rows *t = ctx;
	terr_row *r;

	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->rows = realloc(t->rows, t->cap * sizeof(*t->rows));
	}
	r = &t->rows[t->n++];
	text_to(r->id, sizeof(r->id), &cols[0]);
	text_to(r->parent, sizeof(r->parent), &cols[1]);
	text_to(r->name, sizeof(r->name), &cols[2]);
	text_to(r->kind, sizeof(r->kind), &cols[3]);
	r->depth = cols[4].i;
	r->lft = cols[5].i;
	r->rgt = cols[6].i;
	text_to(r->updated, sizeof(r->updated), &cols[7]);
	return PT_OK;
}

static void load_territories(pt_db *db, terr_rows *t)
{
	pt_error err;

	memset(t, 0, sizeof(*t));
	pt_error_clear(&err);
	if (pt_db_query(db, "SELECT id, parent_id, name, kind, depth, lft, rgt, updated_at "
			"FROM participa_territories ORDER BY id", NULL, 0, terr_fn, t, &err) != PT_OK) {
		printf("  load failed: %s\n", err.message);
	}
}

static const terr_row *find_row(const terr_rows *t, const char *id)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		if (strcmp(t->rows[i].id, id) == 0) {
			return &t->rows[i];
		}
	}
	return NULL;
}

/* Every stored row matches the tree exactly, and nothing else is stored. */
static int rows_match_tree(const terr_rows *t, const pt_territory_tree *tree)
{
	size_t i;

	if (t->n != tree->count) {
		printf("  %zu rows stored, tree has %zu\n", t->n, tree->count);
		return 0;
	}
	for (i = 0; i < tree->count; i++) {
		const pt_territory *x = &tree->items[i];
		const terr_row *r = find_row(t, x->id);
		const char *parent = x->parent >= 0 ? tree->items[x->parent].id : "(null)";

		if (!r || strcmp(r->parent, parent) || strcmp(r->name, x->name ? x->name : x->id)
				|| strcmp(r->kind, x->kind ? x->kind : "(null)") || r->depth != x->depth
				|| r->lft != x->pre || r->rgt != x->post) {
			printf("  row for %s does not match the tree\n", x->id);
			return 0;
		}
	}
	return 1;
}

PT_TEST(territory_sync)
{
	pt_db *db = open_db(test_dbname);
	pt_territory_tree t1, t2;
	terr_rows rows;
	pt_error err;
	int32_t root, d1, d2, c1;
	const terr_row *r;

	PT_CHECK(db != NULL);
	if (!db) {
		return;
	}
	memset(&t1, 0, sizeof(t1));
	memset(&t2, 0, sizeof(t2));
	pt_error_clear(&err);

	/* the tables exist: migrate_schema_once ran before */
	root = pt_territory_add(&t1, "iztapalapa", "Iztapalapa", "alcaldia", -1, 1, 1);
	d1 = pt_territory_add(&t1, "dt-1", "Dirección Territorial 1", "direccion", root, 2, 1);
	c1 = pt_territory_add(&t1, "col-a", "Colonia A", "colonia", d1, 3, 1);
	pt_territory_add(&t1, "col-b", "Colonia B", NULL, d1, 4, 1);
	d2 = pt_territory_add(&t1, "dt-2", "Dirección Territorial 2", "direccion", root, 5, 1);
	pt_territory_add(&t1, "col-c", "Colonia C", "colonia", d2, 6, 1);
	PT_CHECK(c1 >= 0);
	PT_CHECK(pt_territory_finish(&t1, &err) == PT_OK);

	PT_CHECK(pt_db_sync_territories(db, &t1, &err) == PT_OK);
	load_territories(db, &rows);
	PT_CHECK(rows_match_tree(&rows, &t1));
	r = find_row(&rows, "col-b");
	PT_CHECK(r && strcmp(r->kind, "(null)") == 0 && strcmp(r->parent, "dt-1") == 0 && r->depth == 2);
	free(rows.rows);

	/* unchanged rows are not rewritten */
	{
		uint64_t ex = pt_db_get_stats(db)->executes;
		PT_CHECK(pt_db_sync_territories(db, &t1, &err) == PT_OK);
		/* just the SELECT, no INSERT or DELETE */
		PT_CHECK_EQ_INT(pt_db_get_stats(db)->executes, ex + 1);
	}

	/* rename col-a, move col-b under dt-2, drop col-c, add col-d */
	root = pt_territory_add(&t2, "iztapalapa", "Iztapalapa", "alcaldia", -1, 1, 1);
	d1 = pt_territory_add(&t2, "dt-1", "Dirección Territorial 1", "direccion", root, 2, 1);
	pt_territory_add(&t2, "col-a", "Colonia A (renombrada)", "colonia", d1, 3, 1);
	d2 = pt_territory_add(&t2, "dt-2", "Dirección Territorial 2", "direccion", root, 4, 1);
	pt_territory_add(&t2, "col-b", "Colonia B", "colonia", d2, 5, 1);
	pt_territory_add(&t2, "col-d", "Colonia D", "colonia", d2, 6, 1);
	PT_CHECK(pt_territory_finish(&t2, &err) == PT_OK);
	usleep(2000);
	PT_CHECK(pt_db_sync_territories(db, &t2, &err) == PT_OK);
	load_territories(db, &rows);
	PT_CHECK(rows_match_tree(&rows, &t2));
	PT_CHECK(find_row(&rows, "col-c") == NULL);
	r = find_row(&rows, "col-a");
	PT_CHECK(r && strcmp(r->name, "Colonia A (renombrada)") == 0);
	free(rows.rows);

	/* syncing the same tree again rewrites nothing: updated_at stays */
	{
		terr_rows before, after;
		const terr_row *a, *b;
		load_territories(db, &before);
		usleep(2000);
		PT_CHECK(pt_db_sync_territories(db, &t2, &err) == PT_OK);
		load_territories(db, &after);
		PT_CHECK_EQ_INT(before.n, after.n);
		a = find_row(&before, "col-d");
		b = find_row(&after, "col-d");
		PT_CHECK(a && b && strcmp(a->updated, b->updated) == 0);
		a = find_row(&before, "iztapalapa");
		b = find_row(&after, "iztapalapa");
		PT_CHECK(a && b && strcmp(a->updated, b->updated) == 0);
		free(before.rows);
		free(after.rows);
	}

	/* an empty tree empties the table */
	{
		pt_territory_tree empty;
		memset(&empty, 0, sizeof(empty));
		PT_CHECK(pt_territory_finish(&empty, &err) == PT_OK);
		PT_CHECK(pt_db_sync_territories(db, &empty, &err) == PT_OK);
		PT_CHECK_EQ_INT(query_int(db, "SELECT COUNT(*) FROM participa_territories", NULL, 0), 0);
		pt_territory_tree_free(&empty);
	}
	pt_territory_tree_free(&t1);
	pt_territory_tree_free(&t2);
	pt_db_close(db);
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* Iztapalapa's size: 1 alcaldia, 13 directorates, 293 colonias, ~6,340 blocks. */
static void build_big_tree(pt_territory_tree *t, int variant)
{
	char id[64], name[96];
	int32_t root, d, c;
	int i, j, k, blocks = 0;

	memset(t, 0, sizeof(*t));
	root = pt_territory_add(t, "iztapalapa", "Iztapalapa", "alcaldia", -1, 1, 1);
	for (i = 0; i < 13; i++) {
		snprintf(id, sizeof(id), "dt-%02d", i + 1);
		snprintf(name, sizeof(name), "Dirección Territorial %d", i + 1);
		d = pt_territory_add(t, id, name, "direccion", root, 1, 1);
		for (j = 0; j < 23 && blocks < 6340; j++) {
			snprintf(id, sizeof(id), "col-%02d-%02d", i + 1, j + 1);
			snprintf(name, sizeof(name), "Colonia %d-%d%s", i + 1, j + 1,
				(variant && j == 3) ? " (nueva)" : "");
			c = pt_territory_add(t, id, name, "colonia", d, 1, 1);
			for (k = 0; k < 21; k++, blocks++) {
				if (variant && i == 5 && k == 20) {
					continue;   /* these blocks disappear */
				}
				snprintf(id, sizeof(id), "mz-%02d-%02d-%02d", i + 1, j + 1, k + 1);
				snprintf(name, sizeof(name), "Manzana %d", k + 1);
				pt_territory_add(t, id, name, "manzana", c, 1, 1);
			}
		}
	}
}

PT_TEST(territory_sync_big)
{
	pt_db *db = open_db(test_dbname);
	pt_territory_tree t1, t2;
	terr_rows rows;
	pt_error err;
	double t0, ms_first, ms_same, ms_change;

	PT_CHECK(db != NULL);
	if (!db) {
		return;
	}
	pt_error_clear(&err);
	build_big_tree(&t1, 0);
	build_big_tree(&t2, 1);
	PT_CHECK(pt_territory_finish(&t1, &err) == PT_OK);
	PT_CHECK(pt_territory_finish(&t2, &err) == PT_OK);

	t0 = now_ms();
	PT_CHECK(pt_db_sync_territories(db, &t1, &err) == PT_OK);
	ms_first = now_ms() - t0;
	t0 = now_ms();
	PT_CHECK(pt_db_sync_territories(db, &t1, &err) == PT_OK);
	ms_same = now_ms() - t0;
	t0 = now_ms();
	PT_CHECK(pt_db_sync_territories(db, &t2, &err) == PT_OK);
	ms_change = now_ms() - t0;
	if (err.code) {
		printf("  %s\n", err.message);
	}
	load_territories(db, &rows);
	PT_CHECK(rows_match_tree(&rows, &t2));
	free(rows.rows);
	printf("  territory sync of %zu rows: first %.0f ms, unchanged %.0f ms, changed %.0f ms\n",
		t1.count, ms_first, ms_same, ms_change);
	pt_territory_tree_free(&t1);
	pt_territory_tree_free(&t2);
	pt_db_close(db);
}

int main(void)
{
	pt_db *admin;
	char sql[160];

	setvbuf(stdout, NULL, _IOLBF, 0);
	test_socket = getenv("PARTICIPA_TEST_SOCKET");
	if (!test_socket || !*test_socket) {
		printf("test_db: skipped (no PARTICIPA_TEST_SOCKET)\n");
		printf("test_db: 0 passed, 0 failed\n");
		return 0;
	}
	if (pt_db_library_init() != PT_OK) {
		printf("test_db: mysql_library_init failed\n");
		return 1;
	}
	snprintf(test_dbname, sizeof(test_dbname), "pt_ctest_%ld", (long)getpid());
	admin = open_db(NULL);
	if (!admin) {
		printf("test_db: cannot connect to %s\n", test_socket);
		printf("test_db: 0 passed, 1 failed\n");
		return 1;
	}
	snprintf(sql, sizeof(sql), "CREATE DATABASE %s CHARACTER SET utf8mb4", test_dbname);
	if (exec0(admin, sql) != PT_OK) {
		pt_db_close(admin);
		printf("test_db: 0 passed, 1 failed\n");
		return 1;
	}
	on_galera = pt_db_galera(admin);

	PT_RUN(connect_failure_message);
	PT_RUN(session_setup);
	PT_RUN(roundtrip_types);
	PT_RUN(datetime_text);
	PT_RUN(int_cell_and_capabilities);
	PT_RUN(statement_cache_reuse);
	PT_RUN(unbuffered_early_stop);
	PT_RUN(transaction_rollback);
	PT_RUN(deadlock_replay);
	PT_RUN(statement_wait_replay);
	PT_RUN(migrate_schema_once);
	PT_RUN(migrate_concurrent);
	PT_RUN(migrate_failure_and_stale_claim);
	PT_RUN(migrate_delimiter_and_call);
	PT_RUN(fork_child_close);
	PT_RUN(ensure_after_kill);
	PT_RUN(lost_connection_in_units);
	PT_RUN(lost_commit_in_stores);
	PT_RUN(text_must_be_utf8);
	PT_RUN(territory_sync);
	PT_RUN(territory_sync_big);

	snprintf(sql, sizeof(sql), "DROP DATABASE %s", test_dbname);
	exec0(admin, sql);
	pt_db_close(admin);
	pt_db_library_end();
	return pt_test_summary("test_db");
}
