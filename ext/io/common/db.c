/*
 * participa io: the MariaDB store over the libmariadb C client (see db.h).
 *
 * Every statement runs as a server-side prepared statement, cached per
 * connection by SQL text. Rows stream unbuffered: nothing here calls
 * mysql_stmt_store_result(), so memory does not grow with a result.
 *
 * The few places that use mysql_real_query() send fixed text with no data in
 * it (session SET, START TRANSACTION, COMMIT, ROLLBACK); they are marked.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "io/common/db.h"
#include "core/common/pt_buf.h"
#include "core/common/pt_hash.h"
#include "core/common/pt_time.h"
#include "core/common/text.h"

#include <mysql.h>
#include <errmsg.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <poll.h>
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>

#define DEFAULT_CONNECT_TIMEOUT 5
/* A dead server (or a dropped network) must not hang a PHP worker forever:
 * reads and writes give up after this many seconds (errno 2013). */
#define IO_TIMEOUT 30
#define STMT_CACHE_MAX 256
#define SQL_EXCERPT_BYTES 120
#define TEXT_INITIAL_CAP 256
#define TX_DEFAULT_ATTEMPTS 5
/* Connections one unit may lose and replace (a restart, a KILL) before its
 * error is returned. */
#define TX_MAX_RECONNECTS 2
#define MIGRATE_DEFAULT_WAIT 60
#define MIGRATE_POLL_MS 50

enum col_kind { COL_INT, COL_DOUBLE, COL_TEXT, COL_TIME };

typedef struct col_buf {
	enum col_kind kind;
	bool is_unsigned;
	char *buf;                /* COL_TEXT: grows on MYSQL_DATA_TRUNCATED */
	size_t cap;
	int64_t i;
	double d;
	unsigned long length;
	my_bool is_null;
	my_bool error;
	MYSQL_TIME t;             /* COL_TIME */
	unsigned decimals;        /* COL_TIME: fractional digits of the column */
	bool date_only;           /* COL_TIME: a DATE column */
	char num[32];             /* an unsigned BIGINT above INT64_MAX, or a COL_TIME, as text */
} col_buf;

typedef struct stmt_entry {
	char *sql;
	size_t sql_len;
	uint64_t hash;
	MYSQL_STMT *stmt;
	unsigned long nparams;
	MYSQL_BIND *pbind;
	unsigned long *plen;
	unsigned ncols;
	MYSQL_BIND *rbind;
	col_buf *cols;
	pt_db_value *vals;
	uint64_t last_used;
} stmt_entry;

struct pt_db {
	MYSQL *conn;
	pid_t pid;                /* process that opened conn */
	bool broken;              /* the server connection was lost */
	unsigned lost_errno;      /* the error that marked it broken */
	bool busy;                /* a pt_db_query() is streaming rows */
	unsigned tx_depth;        /* inside pt_db_transaction() */
	bool replaying;           /* inside a self-contained unit: tx_run() replays it whole */
	signed char galera;       /* wsrep_on of this connection: -1 not asked yet, 0, 1 */
	/* copies of the settings, to reconnect */
	char *socket, *host, *name, *user, *password;
	unsigned port, connect_timeout;
	stmt_entry *cache;
	size_t cache_count, cache_cap;
	uint64_t clock;
	uint64_t rng;
	pt_db_stats stats;
	pt_db_hook_fn hook;       /* tests only (pt_db_set_test_hook) */
	void *hook_arg;
};

static const char empty_text[1] = "";

/* ---------------------------------------------------------------- errors */

static pt_status set_err(pt_error *err, pt_status code, unsigned eno, const char *state,
	const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static pt_status set_err(pt_error *err, pt_status code, unsigned eno, const char *state,
	const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pt_error_vset(err, code, fmt, ap);
	va_end(ap);
	if (err) {
		err->db_errno = eno;
		snprintf(err->sqlstate, sizeof(err->sqlstate), "%s", state ? state : "");
	}
	return code;
}

/* Errors after which the connection cannot be trusted any more: the server
 * is gone, killed us, or the protocol state is unknown. */
static bool conn_lost(unsigned eno)
{
	switch (eno) {
	case CR_CONNECTION_ERROR:     /* 2002 */
	case CR_CONN_HOST_ERROR:      /* 2003 */
	case CR_SERVER_GONE_ERROR:    /* 2006 */
	case CR_SERVER_LOST:          /* 2013 */
	case CR_COMMANDS_OUT_OF_SYNC: /* 2014 */
	case 2055:                    /* CR_SERVER_LOST_EXTENDED */
	case 1053:                    /* ER_SERVER_SHUTDOWN */
	case 1927:                    /* ER_CONNECTION_KILLED */
	case 4031:                    /* ER_CLIENT_INTERACTION_TIMEOUT */
		return true;
	default:
		return false;
	}
}

/* The first SQL_EXCERPT_BYTES of sql on one line, cut on a UTF-8 boundary. */
static void sql_excerpt(const char *sql, size_t len, char *out, size_t outsz)
{
	size_t o = 0, i = 0;
	bool space = false;

	while (i < len && (sql[i] == ' ' || sql[i] == '\t' || sql[i] == '\n' || sql[i] == '\r')) {
		i++;
	}
	for (; i < len && o + 4 < outsz && o < SQL_EXCERPT_BYTES; i++) {
		char c = sql[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = true;
			continue;
		}
		if (space) {
			out[o++] = ' ';
			space = false;
			if (o >= SQL_EXCERPT_BYTES) {
				break;
			}
		}
		out[o++] = c;
	}
	if (i < len) {
		/* back off to the start of a UTF-8 sequence we may have cut */
		while (o > 0 && ((unsigned char)out[o - 1] & 0xC0) == 0x80) {
			o--;
		}
		if (o > 0 && ((unsigned char)out[o - 1] & 0xC0) == 0xC0) {
			o--;
		}
		if (o + 4 <= outsz) {
			memcpy(out + o, "...", 3);
			o += 3;
		}
	}
	out[o] = '\0';
}

static pt_status db_fail(pt_db *db, pt_error *err, unsigned eno, const char *state,
	const char *msg, const char *sql, size_t sql_len)
{
	char ex[SQL_EXCERPT_BYTES + 8];

	if (conn_lost(eno)) {
		db->broken = true;
		db->lost_errno = eno;
	}
	if (!state || !*state) {
		state = "HY000";
	}
	if (sql) {
		sql_excerpt(sql, sql_len, ex, sizeof(ex));
		return set_err(err, PT_ERR_DB, eno, state,
			"MariaDB error %u (%s): %s while executing: %s", eno, state, msg, ex);
	}
	return set_err(err, PT_ERR_DB, eno, state, "MariaDB error %u (%s): %s", eno, state, msg);
}

static pt_status stmt_fail(pt_db *db, MYSQL_STMT *st, pt_error *err, const char *sql, size_t len)
{
	unsigned eno = mysql_stmt_errno(st);

	if (!eno) {
		/* an error from the connection rather than the statement */
		return db_fail(db, err, mysql_errno(db->conn), mysql_sqlstate(db->conn),
			mysql_error(db->conn), sql, len);
	}
	return db_fail(db, err, eno, mysql_stmt_sqlstate(st), mysql_stmt_error(st), sql, len);
}

static pt_status conn_fail(pt_db *db, pt_error *err, const char *sql)
{
	return db_fail(db, err, mysql_errno(db->conn), mysql_sqlstate(db->conn),
		mysql_error(db->conn), sql, sql ? strlen(sql) : 0);
}

bool pt_db_is_retryable(const pt_error *err)
{
	if (!err || err->code != PT_ERR_DB) {
		return false;
	}
	return err->db_errno == 1213 || err->db_errno == 1205 || strcmp(err->sqlstate, "40001") == 0;
}

/* ------------------------------------------------------- statement cache */

static void entry_free_result_binds(stmt_entry *e)
{
	unsigned c;

	if (e->cols) {
		for (c = 0; c < e->ncols; c++) {
			free(e->cols[c].buf);
		}
	}
	free(e->cols);
	free(e->rbind);
	free(e->vals);
	e->cols = NULL;
	e->rbind = NULL;
	e->vals = NULL;
	e->ncols = 0;
}

/* Frees our memory of an entry; closes its handle (which talks to the server
 * only while the handle still belongs to a live connection). */
static void entry_free(stmt_entry *e)
{
	if (e->stmt) {
		mysql_stmt_close(e->stmt);
	}
	entry_free_result_binds(e);
	free(e->pbind);
	free(e->plen);
	free(e->sql);
	memset(e, 0, sizeof(*e));
}

static bool is_int_type(enum enum_field_types t)
{
	return t == MYSQL_TYPE_TINY || t == MYSQL_TYPE_SHORT || t == MYSQL_TYPE_LONG
		|| t == MYSQL_TYPE_INT24 || t == MYSQL_TYPE_LONGLONG || t == MYSQL_TYPE_YEAR;
}

/* Output binds from the statement's metadata: integers as LONGLONG, FLOAT and
 * DOUBLE as DOUBLE, everything else (DECIMAL, strings, BLOBs, DATETIME...) as
 * text, which the client library formats. */
static pt_status entry_setup_result(pt_db *db, stmt_entry *e, pt_error *err)
{
	MYSQL_RES *meta;
	MYSQL_FIELD *fields;
	unsigned c, n;

	entry_free_result_binds(e);
	meta = mysql_stmt_result_metadata(e->stmt);
	if (!meta) {
		if (mysql_stmt_errno(e->stmt)) {
			return stmt_fail(db, e->stmt, err, e->sql, e->sql_len);
		}
		return PT_OK;   /* no result set */
	}
	n = mysql_num_fields(meta);
	fields = mysql_fetch_fields(meta);
	e->cols = calloc(n ? n : 1, sizeof(*e->cols));
	e->rbind = calloc(n ? n : 1, sizeof(*e->rbind));
	e->vals = calloc(n ? n : 1, sizeof(*e->vals));
	if (!e->cols || !e->rbind || !e->vals) {
		mysql_free_result(meta);
		entry_free_result_binds(e);
		return set_err(err, PT_ERR_NOMEM, 0, "", "out of memory binding a result");
	}
	e->ncols = n;
	for (c = 0; c < n; c++) {
		col_buf *cb = &e->cols[c];
		MYSQL_BIND *b = &e->rbind[c];

		b->is_null = &cb->is_null;
		b->length = &cb->length;
		b->error = &cb->error;
		if (is_int_type(fields[c].type)) {
			cb->kind = COL_INT;
			cb->is_unsigned = (fields[c].flags & UNSIGNED_FLAG) != 0;
			b->buffer_type = MYSQL_TYPE_LONGLONG;
			b->buffer = &cb->i;
			b->is_unsigned = cb->is_unsigned;
		} else if (fields[c].type == MYSQL_TYPE_DOUBLE || fields[c].type == MYSQL_TYPE_FLOAT) {
			cb->kind = COL_DOUBLE;
			b->buffer_type = MYSQL_TYPE_DOUBLE;
			b->buffer = &cb->d;
		} else if (fields[c].type == MYSQL_TYPE_DATETIME || fields[c].type == MYSQL_TYPE_TIMESTAMP
			|| fields[c].type == MYSQL_TYPE_DATE) {
			/* Fetched as MYSQL_TIME and written out by time_text(): asked
			 * for a string, the client library formats every date with
			 * sprintf, a sixth of a thread page's client time. */
			cb->kind = COL_TIME;
			cb->date_only = fields[c].type == MYSQL_TYPE_DATE;
			cb->decimals = fields[c].decimals;
			b->buffer_type = cb->date_only ? MYSQL_TYPE_DATE : MYSQL_TYPE_DATETIME;
			b->buffer = &cb->t;
		} else {
			cb->kind = COL_TEXT;
			cb->cap = TEXT_INITIAL_CAP;
			cb->buf = malloc(cb->cap);
			if (!cb->buf) {
				mysql_free_result(meta);
				entry_free_result_binds(e);
				return set_err(err, PT_ERR_NOMEM, 0, "", "out of memory binding a result");
			}
			b->buffer_type = MYSQL_TYPE_STRING;
			b->buffer = cb->buf;
			b->buffer_length = cb->cap;
		}
	}
	mysql_free_result(meta);
	return PT_OK;
}

static void cache_drop_all(pt_db *db)
{
	size_t i;

	for (i = 0; i < db->cache_count; i++) {
		entry_free(&db->cache[i]);
	}
	free(db->cache);
	db->cache = NULL;
	db->cache_count = db->cache_cap = 0;
}

/* Finds or prepares the statement for sql. The returned pointer is valid
 * until the next cache operation. */
static pt_status cache_get(pt_db *db, const char *sql, size_t len, stmt_entry **out, pt_error *err)
{
	uint64_t h = pt_hash_bytes(sql, len);
	stmt_entry *e = NULL;
	MYSQL_STMT *st;
	size_t i;
	pt_status s;

	for (i = 0; i < db->cache_count; i++) {
		e = &db->cache[i];
		if (e->hash == h && e->sql_len == len && memcmp(e->sql, sql, len) == 0) {
			e->last_used = ++db->clock;
			*out = e;
			return PT_OK;
		}
	}

	if (db->cache_count == STMT_CACHE_MAX) {
		/* evict the least recently used: keeps us far below the server's
		 * max_prepared_stmt_count even if a caller builds SQL dynamically */
		size_t lru = 0;
		for (i = 1; i < db->cache_count; i++) {
			if (db->cache[i].last_used < db->cache[lru].last_used) {
				lru = i;
			}
		}
		entry_free(&db->cache[lru]);
		db->cache[lru] = db->cache[--db->cache_count];
	}
	if (pt_array_grow(NULL, &db->cache, &db->cache_cap, db->cache_count, sizeof(*db->cache), 16) != PT_OK) {
		return set_err(err, PT_ERR_NOMEM, 0, "", "out of memory growing the statement cache");
	}

	st = mysql_stmt_init(db->conn);
	if (!st) {
		return conn_fail(db, err, NULL);
	}
	if (mysql_stmt_prepare(st, sql, len) != 0) {
		s = stmt_fail(db, st, err, sql, len);
		mysql_stmt_close(st);
		return s;
	}
	db->stats.prepares++;

	e = &db->cache[db->cache_count];
	memset(e, 0, sizeof(*e));
	e->stmt = st;
	e->hash = h;
	e->sql_len = len;
	e->sql = malloc(len + 1);
	e->nparams = mysql_stmt_param_count(st);
	if (e->nparams) {
		e->pbind = calloc(e->nparams, sizeof(*e->pbind));
		e->plen = calloc(e->nparams, sizeof(*e->plen));
	}
	if (!e->sql || (e->nparams && (!e->pbind || !e->plen))) {
		entry_free(e);
		return set_err(err, PT_ERR_NOMEM, 0, "", "out of memory caching a statement");
	}
	memcpy(e->sql, sql, len);
	e->sql[len] = '\0';
	s = entry_setup_result(db, e, err);
	if (s != PT_OK) {
		entry_free(e);
		return s;
	}
	e->last_used = ++db->clock;
	db->cache_count++;
	*out = e;
	return PT_OK;
}

/* ------------------------------------------------------------ connection */

/* Refuses to use a connection this process must not (or cannot) talk on. */
/* Whether a connection belongs to this process is asked before every
 * statement, and getpid() is a system call (glibc no longer caches it). The
 * answer changes only at fork(), so the pid is cached and refreshed in the
 * child by an atfork handler (glibc drops it if the module is unloaded). */
static pid_t cached_pid;
static pthread_once_t cached_pid_once = PTHREAD_ONCE_INIT;

static void cached_pid_refresh(void)
{
	cached_pid = getpid();
}

static void cached_pid_init(void)
{
	cached_pid = getpid();
	pthread_atfork(NULL, NULL, cached_pid_refresh);
}

static pid_t self_pid(void)
{
	pthread_once(&cached_pid_once, cached_pid_init);
	return cached_pid;
}

static pt_status check_usable(pt_db *db, pt_error *err)
{
	if (!db) {
		return set_err(err, PT_ERR_INTERNAL, 0, "", "no database connection");
	}
	if (db->pid != self_pid()) {
		return set_err(err, PT_ERR_DB, CR_SERVER_GONE_ERROR, "HY000",
			"the MariaDB connection was opened by process %ld, not this one (%ld); "
			"call pt_db_ensure() to open one for this process", (long)db->pid, (long)self_pid());
	}
	if (db->broken || !db->conn) {
		return set_err(err, PT_ERR_DB, CR_SERVER_GONE_ERROR, "HY000",
			"the connection to MariaDB was lost earlier; pt_db_ensure() reconnects");
	}
	if (db->busy) {
		return set_err(err, PT_ERR_INTERNAL, 0, "",
			"the MariaDB connection is busy streaming a result: a pt_db_query() row "
			"callback must not use the same connection");
	}
	return PT_OK;
}

/* Session setup: the only place where SQL text goes through a plain query,
 * because SET statements carry no data and run once per connection. */
static const char *const session_sql[] = {
	"SET time_zone = '+00:00', autocommit = 1, "
	"sql_mode = 'STRICT_TRANS_TABLES,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
	"ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'",
	/* READ COMMITTED instead of InnoDB's REPEATABLE READ: no gap locks, so
	 * concurrent inserts (ballots, comments) deadlock far less often, and
	 * every statement sees the latest committed rows, which the unique-key
	 * checks and the migration claim protocol rely on. It is also the level
	 * Galera effectively gives across nodes. */
	"SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED",
};

static void describe_target(const pt_db *db, char *out, size_t outsz)
{
	if (db->socket && *db->socket) {
		snprintf(out, outsz, "socket %s", db->socket);
	} else if (db->host && *db->host) {
		snprintf(out, outsz, "%s:%u", db->host, db->port ? db->port : 3306);
	} else {
		snprintf(out, outsz, "the default local socket");
	}
}

static const char *connect_hint(const pt_db *db, unsigned eno)
{
	switch (eno) {
	case 1045:   /* ER_ACCESS_DENIED_ERROR */
	case 1698:   /* ER_ACCESS_DENIED_NO_PASSWORD_ERROR */
		return "Check database.user and the password (the environment variable named by "
			"database.password_env) in the configuration";
	case 1044:   /* ER_DBACCESS_DENIED_ERROR */
		return "Grant the user access to the database named by database.name";
	case 1049:   /* ER_BAD_DB_ERROR */
		return "Check database.name in the configuration, or create that database";
	case 1040:   /* ER_CON_COUNT_ERROR */
		return "The server has reached max_connections; check how many PHP workers connect";
	default:
		if (db->socket && *db->socket) {
			return "Check that the server runs and database.socket in the configuration";
		}
		return "Check that the server runs and database.host / database.port in the configuration";
	}
}

/* mysql_close() first: it detaches every statement handle from the
 * connection, so closing them afterwards only frees memory; the server frees
 * prepared statements when the session ends, so one COM_QUIT replaces a
 * COM_STMT_CLOSE per cached statement. */
static void close_politely(pt_db *db)
{
	if (db->conn) {
		mysql_close(db->conn);
		db->conn = NULL;
	}
	cache_drop_all(db);
	db->busy = false;
	db->tx_depth = 0;
}

/* Closes the connection without a word to the server: the socket is first
 * replaced by /dev/null, so the COM_QUIT (and any COM_STMT_CLOSE) that
 * libmariadb sends on close goes nowhere, and reading answers end-of-file
 * at once instead of waiting. Used in a forked child, whose socket is
 * shared with the parent (a QUIT there would end the parent's session), and
 * for a connection already known to be broken (nothing to say, and a
 * half-dead socket must not make us wait). */
static void close_silently(pt_db *db)
{
	if (db->conn) {
		my_socket fd = mysql_get_socket(db->conn);
		if (fd >= 0) {
			int nul = open("/dev/null", O_RDWR | O_CLOEXEC);
			if (nul >= 0) {
				dup2(nul, fd);
				close(nul);
			}
		}
	}
	close_politely(db);   /* what it says now goes to /dev/null */
}

static pt_status open_conn(pt_db *db, pt_error *err)
{
	unsigned ct = db->connect_timeout ? db->connect_timeout : DEFAULT_CONNECT_TIMEOUT;
	unsigned io = IO_TIMEOUT;
	unsigned no_infile = 0;
	my_bool no_reconnect = 0;
	char target[600];
	MYSQL *m;
	size_t i;

	m = mysql_init(NULL);
	if (!m) {
		return set_err(err, PT_ERR_NOMEM, 0, "", "out of memory initialising the MariaDB client");
	}
	mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &ct);
	mysql_options(m, MYSQL_OPT_READ_TIMEOUT, &io);
	mysql_options(m, MYSQL_OPT_WRITE_TIMEOUT, &io);
	mysql_options(m, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	/* Never reconnect behind our back: prepared statements and session
	 * settings would vanish silently. pt_db_ensure() reconnects instead. */
	mysql_options(m, MYSQL_OPT_RECONNECT, &no_reconnect);
	/* LOAD DATA LOCAL lets a (malicious) server read client files. */
	mysql_options(m, MYSQL_OPT_LOCAL_INFILE, &no_infile);
	if (db->socket && *db->socket) {
		unsigned proto = MYSQL_PROTOCOL_SOCKET;
		mysql_options(m, MYSQL_OPT_PROTOCOL, &proto);
	} else if (db->host && *db->host) {
		unsigned proto = MYSQL_PROTOCOL_TCP;
		mysql_options(m, MYSQL_OPT_PROTOCOL, &proto);
	}

	if (!mysql_real_connect(m, (db->socket && *db->socket) ? "localhost" : db->host,
			db->user, db->password, db->name, db->port,
			(db->socket && *db->socket) ? db->socket : NULL, 0)) {
		unsigned eno = mysql_errno(m);
		char msg[MYSQL_ERRMSG_SIZE + 1];
		char state[6];

		snprintf(msg, sizeof(msg), "%s", mysql_error(m));
		snprintf(state, sizeof(state), "%s", mysql_sqlstate(m));
		mysql_close(m);
		describe_target(db, target, sizeof(target));
		return set_err(err, PT_ERR_DB, eno, state,
			"cannot connect to MariaDB at %s as user '%s'%s%s%s: %s (error %u). %s",
			target, db->user ? db->user : "", db->name ? " to database '" : "",
			db->name ? db->name : "", db->name ? "'" : "", msg, eno, connect_hint(db, eno));
	}

	for (i = 0; i < sizeof(session_sql) / sizeof(session_sql[0]); i++) {
		if (mysql_real_query(m, session_sql[i], strlen(session_sql[i])) != 0) {
			char msg[MYSQL_ERRMSG_SIZE + 1];
			unsigned eno = mysql_errno(m);
			char state[6];

			snprintf(msg, sizeof(msg), "%s", mysql_error(m));
			snprintf(state, sizeof(state), "%s", mysql_sqlstate(m));
			mysql_close(m);
			return set_err(err, PT_ERR_DB, eno, state,
				"MariaDB error %u (%s) setting up the session: %s while executing: %.120s",
				eno, state, msg, session_sql[i]);
		}
	}

	db->conn = m;
	db->pid = self_pid();
	db->broken = false;
	db->lost_errno = 0;
	db->busy = false;
	db->tx_depth = 0;
	db->galera = -1;
	db->stats.connects++;
	return PT_OK;
}

static char *dup_opt(const char *s, bool *fail)
{
	char *c;

	if (!s) {
		return NULL;
	}
	c = strdup(s);
	if (!c) {
		*fail = true;
	}
	return c;
}

static void wipe_free(char *s)
{
	if (s) {
		explicit_bzero(s, strlen(s));
		free(s);
	}
}

static void db_free(pt_db *db)
{
	free(db->socket);
	free(db->host);
	free(db->name);
	free(db->user);
	wipe_free(db->password);
	free(db);
}

pt_status pt_db_connect(const pt_db_settings *settings, const char *password,
	pt_db **out, pt_error *err)
{
	pt_db *db;
	bool fail = false;
	struct timespec ts;
	pt_status s;

	if (!out || !settings) {
		return set_err(err, PT_ERR_INTERNAL, 0, "", "pt_db_connect: settings and out are required");
	}
	*out = NULL;
	db = calloc(1, sizeof(*db));
	if (!db) {
		return set_err(err, PT_ERR_NOMEM, 0, "", "out of memory");
	}
	db->socket = dup_opt(settings->socket, &fail);
	db->host = dup_opt(settings->host, &fail);
	db->name = dup_opt(settings->name, &fail);
	db->user = dup_opt(settings->user, &fail);
	db->password = dup_opt(password, &fail);
	db->port = settings->port;
	db->connect_timeout = settings->connect_timeout;
	if (fail) {
		db_free(db);
		return set_err(err, PT_ERR_NOMEM, 0, "", "out of memory");
	}
	clock_gettime(CLOCK_REALTIME, &ts);
	db->rng = ((uint64_t)ts.tv_nsec << 20) ^ (uint64_t)ts.tv_sec ^ ((uint64_t)getpid() << 40)
		^ (uint64_t)(uintptr_t)db;
	if (!db->rng) {
		db->rng = 0x9E3779B97F4A7C15ULL;
	}
	s = open_conn(db, err);
	if (s != PT_OK) {
		db_free(db);
		return s;
	}
	*out = db;
	return PT_OK;
}

void pt_db_close(pt_db *db)
{
	if (!db) {
		return;
	}
	if (db->pid != self_pid() || db->broken) {
		close_silently(db);
	} else {
		close_politely(db);
	}
	db_free(db);
}

pt_status pt_db_int_cell_fn(void *cell, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	pt_db_int_cell *c = cell;

	(void)err;
	c->found = true;
	c->value = ncols ? pt_db_col_int(&cols[0]) : 0;
	return PT_OK;
}

int64_t pt_db_col_int(const pt_db_value *v)
{
	if (v->type == PT_DB_INT) {
		return v->i;
	}
	if (v->type == PT_DB_DOUBLE) {
		return (int64_t)v->d;
	}
	if (v->type == PT_DB_TEXT && v->len > 0 && v->len < 24) {
		char buf[24];

		memcpy(buf, v->s, v->len);
		buf[v->len] = '\0';
		return strtoll(buf, NULL, 10);
	}
	return 0;
}

double pt_db_col_double(const pt_db_value *v)
{
	if (v->type == PT_DB_DOUBLE) {
		return v->d;
	}
	if (v->type == PT_DB_TEXT && v->len > 0 && v->len < 40) {
		char buf[40];

		memcpy(buf, v->s, v->len);
		buf[v->len] = '\0';
		return strtod(buf, NULL);
	}
	return (double)pt_db_col_int(v);
}

const char *pt_db_col_copy(const pt_db_value *v, char *buf, size_t size)
{
	size_t n;

	if (v->type != PT_DB_TEXT || size == 0) {
		return NULL;
	}
	n = v->len < size - 1 ? v->len : size - 1;
	memcpy(buf, v->s, n);
	buf[n] = '\0';
	return buf;
}

void pt_db_col_str(const pt_db_value *v, const char **s, size_t *len)
{
	if (v->type == PT_DB_TEXT) {
		*s = v->s;
		*len = v->len;
	} else {
		*s = NULL;
		*len = 0;
	}
}

bool pt_db_in_transaction(const pt_db *db)
{
	return db && db->tx_depth > 0;
}

bool pt_db_broken(const pt_db *db)
{
	return db->broken || !db->conn;
}

bool pt_db_owned(const pt_db *db)
{
	return db && db->pid == self_pid();
}

pt_status pt_db_ensure(pt_db *db, pt_error *err)
{
	if (!db) {
		return set_err(err, PT_ERR_INTERNAL, 0, "", "no database connection");
	}
	if (db->busy) {
		return check_usable(db, err);
	}
	if (db->conn && db->pid == self_pid() && !db->broken) {
		if (mysql_ping(db->conn) == 0) {
			return PT_OK;
		}
		db->broken = true;
	}
	/* inherited from a parent, lost, or never opened: start afresh */
	close_silently(db);
	return open_conn(db, err);
}

/* The server closed this connection while we were not talking on it (a
 * restart, KILL, wait_timeout): the peer's end of the socket is shut, which
 * one poll() without waiting tells, with no round trip. Only the hang-up
 * flags count, not "readable": a TLS session may hold records we have not
 * read yet on a healthy connection. */
static bool idle_socket_dead(pt_db *db)
{
	struct pollfd pfd;
	my_socket fd = mysql_get_socket(db->conn);

	if (fd < 0) {
		return true;
	}
	pfd.fd = fd;
	pfd.events = POLLIN | POLLRDHUP;
	pfd.revents = 0;
	if (poll(&pfd, 1, 0) <= 0) {
		return false;
	}
	return (pfd.revents & (POLLRDHUP | POLLHUP | POLLERR | POLLNVAL)) != 0;
}

static pt_status reconnect(pt_db *db, pt_error *err)
{
	pt_status s;

	close_silently(db);
	s = open_conn(db, err);
	if (s == PT_OK) {
		db->stats.reconnects++;
	}
	return s;
}

/*
 * Before a statement outside any transaction, and before a transaction
 * starts: nothing of ours is pending on the connection, so one the server
 * closed meanwhile, or one an earlier call found lost, is replaced now and
 * the caller never sees the old one's 2006. A connection of another process
 * (after fork) or one streaming rows keeps check_usable()'s errors.
 */
static pt_status revive(pt_db *db, pt_error *err)
{
	if (!db || db->pid != self_pid() || db->busy) {
		return check_usable(db, err);
	}
	if (db->conn && !db->broken && !idle_socket_dead(db)) {
		return PT_OK;
	}
	return reconnect(db, err);
}

/* A statement that only reads: running it again changes nothing. */
static bool sql_is_read(const char *sql)
{
	while (*sql == ' ' || *sql == '\t' || *sql == '\n' || *sql == '\r' || *sql == '(') {
		sql++;
	}
	return strncasecmp(sql, "SELECT", 6) == 0 || strncasecmp(sql, "SHOW", 4) == 0
		|| strncasecmp(sql, "WITH", 4) == 0;
}

/*
 * After a statement outside a transaction failed because the connection was
 * lost: may it run again on a new one? Yes when the server certainly did not
 * run it (2006: the request could not be written), or when it only reads.
 * A write whose answer was lost (2013) may have been applied: not retried.
 */
static bool may_run_again(const pt_db *db, const char *sql)
{
	return db && db->tx_depth == 0 && db->broken && db->pid == self_pid() && sql
		&& (db->lost_errno == CR_SERVER_GONE_ERROR || sql_is_read(sql));
}

void pt_db_set_test_hook(pt_db *db, pt_db_hook_fn fn, void *arg)
{
	db->hook = fn;
	db->hook_arg = arg;
}

/* ------------------------------------------------------------- statements */

static uint64_t next_rand(pt_db *db);
static void sleep_ms(unsigned ms);

static pt_status bind_params(pt_db *db, stmt_entry *e, const pt_db_value *params,
	size_t nparams, pt_error *err)
{
	unsigned long i;

	if (nparams != e->nparams) {
		char ex[SQL_EXCERPT_BYTES + 8];
		sql_excerpt(e->sql, e->sql_len, ex, sizeof(ex));
		return set_err(err, PT_ERR_INTERNAL, 0, "",
			"statement has %lu placeholders but %zu values were given: %s",
			e->nparams, nparams, ex);
	}
	if (!nparams) {
		return PT_OK;
	}
	for (i = 0; i < nparams; i++) {
		MYSQL_BIND *b = &e->pbind[i];
		const pt_db_value *v = &params[i];

		memset(b, 0, sizeof(*b));
		switch (v->type) {
		case PT_DB_INT:
			b->buffer_type = MYSQL_TYPE_LONGLONG;
			b->buffer = (void *)&v->i;
			break;
		case PT_DB_DOUBLE:
			b->buffer_type = MYSQL_TYPE_DOUBLE;
			b->buffer = (void *)&v->d;
			break;
		case PT_DB_TEXT:
			/* The server would refuse it with the statement in the error
			 * (or, under INSERT IGNORE, store '?'): refused here, in words
			 * a resident may read. Every text column is utf8mb4 or ascii. */
			if (v->s && v->len && !pt_text_utf8_valid(v->s, v->len)) {
				return set_err(err, PT_ERR_INVALID, 0, "", "Un texto recibido no es UTF-8 válido.");
			}
			/* fall through */
		case PT_DB_BLOB:
			/* a NULL buffer would be sent as SQL NULL: an empty string
			 * needs a real (empty) buffer */
			b->buffer_type = v->type == PT_DB_BLOB ? MYSQL_TYPE_BLOB : MYSQL_TYPE_STRING;
			b->buffer = (void *)((v->s && v->len) ? v->s : empty_text);
			e->plen[i] = (v->s && v->len) ? (unsigned long)v->len : 0;
			b->buffer_length = e->plen[i];
			b->length = &e->plen[i];
			break;
		case PT_DB_NULL:
			b->buffer_type = MYSQL_TYPE_NULL;
			break;
		default:
			return set_err(err, PT_ERR_INTERNAL, 0, "", "parameter %lu has an unknown type %d",
				i + 1, (int)v->type);
		}
	}
	if (mysql_stmt_bind_param(e->stmt, e->pbind) != 0) {
		return stmt_fail(db, e->stmt, err, e->sql, e->sql_len);
	}
	return PT_OK;
}

/* Prepares (or reuses), binds and executes; on success the statement may
 * have a pending result set the caller must fetch or free. */
static pt_status run_stmt(pt_db *db, const char *sql, const pt_db_value *params,
	size_t nparams, stmt_entry **out, pt_error *err)
{
	stmt_entry *e = NULL;
	pt_status s;

	s = db && db->tx_depth == 0 ? revive(db, err) : check_usable(db, err);
	if (s != PT_OK) {
		return s;
	}
	if (!sql) {
		return set_err(err, PT_ERR_INTERNAL, 0, "", "no SQL given");
	}
	s = cache_get(db, sql, strlen(sql), &e, err);
	if (s != PT_OK) {
		return s;
	}
	s = bind_params(db, e, params, nparams, err);
	if (s != PT_OK) {
		return s;
	}
	db->stats.executes++;
	if (mysql_stmt_execute(e->stmt) != 0) {
		return stmt_fail(db, e->stmt, err, e->sql, e->sql_len);
	}
	/* The server re-prepares a statement whose tables changed (ALTER); the
	 * shape of its result may have changed with it. */
	if (mysql_stmt_field_count(e->stmt) != e->ncols) {
		s = entry_setup_result(db, e, err);
		if (s != PT_OK) {
			mysql_stmt_free_result(e->stmt);
			return s;
		}
	}
	*out = e;
	return PT_OK;
}

/*
 * The one replay policy of every write (and read) this file runs: after a
 * failure, may the same unit (a transaction, a self-contained unit, or one
 * statement outside any transaction) run again? Yes for a deadlock (1213),
 * a lock wait timeout (1205) or SQLSTATE 40001 (a Galera certification
 * failure or brute-force abort), while fewer than max_attempts runs failed
 * so: the failed run was rolled back whole, so the next one starts clean.
 * Sleeps the randomised back-off before saying yes; on the last refusal
 * err says how many attempts were made.
 */
static bool replay_after_conflict(pt_db *db, pt_error *err, unsigned *conflicts, unsigned max_attempts,
	const char *what)
{
	if (!err || err->code != PT_ERR_DB || !pt_db_is_retryable(err)) {
		return false;
	}
	if (++*conflicts >= max_attempts) {
		char msg[PT_ERROR_MESSAGE_MAX];
		snprintf(msg, sizeof(msg), "%s", err->message);
		set_err(err, PT_ERR_DB, err->db_errno, err->sqlstate, "%s failed after %u attempts: %s",
			what, max_attempts, msg);
		return false;
	}
	db->stats.retries++;
	/* randomised so the two sides of a deadlock do not collide again */
	sleep_ms(1 + (unsigned)(next_rand(db) % (4u << (*conflicts < 5 ? *conflicts : 5))));
	pt_error_clear(err);
	return true;
}

/* A statement outside any transaction (and outside a self-contained unit,
 * which tx_run() replays whole) is its own transaction under autocommit:
 * the server rolled it back whole on a conflict, so it runs again. The
 * server's wsrep_retry_autocommit never does this for prepared statements. */
static bool replays_alone(const pt_db *db)
{
	return db && db->tx_depth == 0 && !db->replaying;
}

static pt_status exec_uncached_once(pt_db *db, const char *sql, size_t len, pt_error *err);

/* One statement outside the caller's control of transactions: cached (out
 * set: run_stmt()) or not (out NULL: exec_uncached_once()). */
typedef struct alone_stmt {
	const char *sql;
	size_t len;                /* uncached: the statement's bytes (not NUL-terminated) */
	const pt_db_value *params;
	size_t nparams;
	stmt_entry **out;
} alone_stmt;

/* Runs it once more on a new connection when the first run failed only
 * because the connection was lost and may_run_again() allows it, and again
 * after a conflict when replays_alone(). */
static pt_status run_alone(pt_db *db, const alone_stmt *a, pt_error *err)
{
	unsigned conflicts = 0;
	pt_error local;
	pt_status s;

	if (!err) {
		pt_error_clear(&local);
		err = &local;
	}
	for (;;) {
		if (!a->out) {
			s = exec_uncached_once(db, a->sql, a->len, err);
		} else {
			s = run_stmt(db, a->sql, a->params, a->nparams, a->out, err);
			if (s != PT_OK && may_run_again(db, a->sql)) {
				pt_error_clear(err);
				s = run_stmt(db, a->sql, a->params, a->nparams, a->out, err);
			}
		}
		if (s == PT_OK || !replays_alone(db)
				|| !replay_after_conflict(db, err, &conflicts, TX_DEFAULT_ATTEMPTS, "statement")) {
			return s;
		}
	}
}

static pt_status run_stmt_again(pt_db *db, const char *sql, const pt_db_value *params,
	size_t nparams, stmt_entry **out, pt_error *err)
{
	alone_stmt a = { sql, 0, params, nparams, out };

	return run_alone(db, &a, err);
}

pt_status pt_db_exec(pt_db *db, const char *sql, const pt_db_value *params,
	size_t nparams, uint64_t *affected, uint64_t *insert_id, pt_error *err)
{
	stmt_entry *e = NULL;
	pt_status s = run_stmt_again(db, sql, params, nparams, &e, err);

	if (s != PT_OK) {
		return s;
	}
	if (affected) {
		my_ulonglong a = mysql_stmt_affected_rows(e->stmt);
		*affected = a == (my_ulonglong)~0ULL ? 0 : (uint64_t)a;
	}
	if (insert_id) {
		*insert_id = mysql_stmt_insert_id(e->stmt);
	}
	if (e->ncols) {
		/* a result nobody asked for: read and drop it */
		if (mysql_stmt_free_result(e->stmt) != 0) {
			return stmt_fail(db, e->stmt, err, e->sql, e->sql_len);
		}
	}
	return PT_OK;
}

/* After MYSQL_DATA_TRUNCATED: grows each truncated text buffer to the full
 * length and fetches that column again from the current row. */
static pt_status refetch_truncated(pt_db *db, stmt_entry *e, bool *rebind, pt_error *err)
{
	unsigned c;

	for (c = 0; c < e->ncols; c++) {
		col_buf *cb = &e->cols[c];
		MYSQL_BIND b;
		char *grown;
		size_t need;

		if (cb->kind != COL_TEXT || !cb->error || cb->is_null) {
			continue;
		}
		need = (size_t)cb->length + 1;
		if (need > cb->cap) {
			size_t cap = cb->cap;
			while (cap < need) {
				cap *= 2;
			}
			grown = realloc(cb->buf, cap);
			if (!grown) {
				return set_err(err, PT_ERR_NOMEM, 0, "",
					"out of memory reading a %lu-byte column", cb->length);
			}
			cb->buf = grown;
			cb->cap = cap;
			e->rbind[c].buffer = grown;
			e->rbind[c].buffer_length = cap;
			*rebind = true;
		}
		memset(&b, 0, sizeof(b));
		b.buffer_type = MYSQL_TYPE_STRING;
		b.buffer = cb->buf;
		b.buffer_length = cb->cap;
		b.length = &cb->length;
		b.is_null = &cb->is_null;
		b.error = &cb->error;
		if (mysql_stmt_fetch_column(e->stmt, &b, c, 0) != 0) {
			return stmt_fail(db, e->stmt, err, e->sql, e->sql_len);
		}
	}
	return PT_OK;
}

/* "YYYY-MM-DD[ HH:MM:SS[.f...]]" into out (32 bytes), the text the server
 * and the client library give for the column: as many fractional digits as
 * the column declares (DATETIME(6): 6), or, for a computed column of
 * unknown precision, 6 when there is a fraction and none otherwise. */
static size_t time_text(const col_buf *cb, char *out)
{
	const MYSQL_TIME *t = &cb->t;
	pt_civil c = { t->year, t->month, t->day, t->hour, t->minute, t->second, (uint32_t)t->second_part };
	unsigned digits = cb->decimals;

	if (digits > 6) {
		digits = t->second_part ? 6 : 0;
	}
	return pt_time_format_civil(&c, cb->date_only ? PT_TIME_DATE_ONLY : digits, out);
}

static void fill_values(stmt_entry *e)
{
	unsigned c;

	for (c = 0; c < e->ncols; c++) {
		col_buf *cb = &e->cols[c];
		pt_db_value *v = &e->vals[c];

		memset(v, 0, sizeof(*v));
		if (cb->is_null) {
			v->type = PT_DB_NULL;
			continue;
		}
		switch (cb->kind) {
		case COL_INT:
			if (cb->is_unsigned && (uint64_t)cb->i > (uint64_t)INT64_MAX) {
				/* does not fit an int64: hand it over as its decimal text */
				int n = snprintf(cb->num, sizeof(cb->num), "%llu",
					(unsigned long long)(uint64_t)cb->i);
				v->type = PT_DB_TEXT;
				v->s = cb->num;
				v->len = (size_t)n;
			} else {
				v->type = PT_DB_INT;
				v->i = cb->i;
			}
			break;
		case COL_DOUBLE:
			v->type = PT_DB_DOUBLE;
			v->d = cb->d;
			break;
		case COL_TEXT:
			v->type = PT_DB_TEXT;
			v->s = cb->buf;
			v->len = cb->length;
			break;
		case COL_TIME:
			v->type = PT_DB_TEXT;
			v->len = time_text(cb, cb->num);
			v->s = cb->num;
			break;
		}
	}
}

pt_status pt_db_query(pt_db *db, const char *sql, const pt_db_value *params,
	size_t nparams, pt_db_row_fn row_fn, void *ctx, pt_error *err)
{
	stmt_entry *e = NULL;
	/* run again only a failure before any row reached row_fn */
	pt_status s = run_stmt_again(db, sql, params, nparams, &e, err);
	int rc;

	if (s != PT_OK) {
		return s;
	}
	if (!e->ncols) {
		return PT_OK;
	}
	if (mysql_stmt_bind_result(e->stmt, e->rbind) != 0) {
		s = stmt_fail(db, e->stmt, err, e->sql, e->sql_len);
		mysql_stmt_free_result(e->stmt);
		return s;
	}
	db->busy = true;
	for (;;) {
		bool rebind = false;

		rc = mysql_stmt_fetch(e->stmt);
		if (rc == MYSQL_NO_DATA) {
			break;
		}
		if (rc == 1) {
			s = stmt_fail(db, e->stmt, err, e->sql, e->sql_len);
			break;
		}
		if (rc == MYSQL_DATA_TRUNCATED) {
			s = refetch_truncated(db, e, &rebind, err);
			if (s != PT_OK) {
				break;
			}
		}
		fill_values(e);
		if (row_fn) {
			s = row_fn(ctx, e->vals, e->ncols, err);
			if (s != PT_OK) {
				break;
			}
		}
		if (rebind && mysql_stmt_bind_result(e->stmt, e->rbind) != 0) {
			s = stmt_fail(db, e->stmt, err, e->sql, e->sql_len);
			break;
		}
	}
	db->busy = false;
	/* Reads whatever the callback left unread (unbuffered rows must be
	 * drained before the connection can run anything else) and resets the
	 * statement for its next execution. */
	if (!db->broken && mysql_stmt_free_result(e->stmt) != 0 && s == PT_OK) {
		s = stmt_fail(db, e->stmt, err, e->sql, e->sql_len);
	}
	/* A CALL ends with the procedure's own status after its result set;
	 * the connection runs nothing else until that is read. */
	while (!db->broken && mysql_stmt_more_results(e->stmt)) {
		int r = mysql_stmt_next_result(e->stmt);

		if (r > 0) {
			if (s == PT_OK) {
				s = stmt_fail(db, e->stmt, err, e->sql, e->sql_len);
			}
			break;
		}
		if (r < 0) {
			break;
		}
		if (mysql_stmt_field_count(e->stmt) > 0) {
			mysql_stmt_free_result(e->stmt);
		}
	}
	return s;
}

/* --------------------------------------------------------- transactions */

static uint64_t next_rand(pt_db *db)
{
	/* xorshift64 */
	uint64_t x = db->rng;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	db->rng = x;
	return x;
}

static void sleep_ms(unsigned ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
	}
}

/* Plain query for fixed, data-free control statements (START TRANSACTION,
 * COMMIT, ROLLBACK): nothing to bind and nothing to cache. */
static pt_status control(pt_db *db, const char *sql, pt_error *err)
{
	if (mysql_real_query(db->conn, sql, strlen(sql)) != 0) {
		return conn_fail(db, err, sql);
	}
	return PT_OK;
}

static void rollback_quietly(pt_db *db)
{
	if (db->conn && !db->broken && db->pid == self_pid()) {
		pt_error ignored;
		pt_error_clear(&ignored);
		control(db, "ROLLBACK", &ignored);
	}
}

/* How tx_run() wraps a unit. */
typedef enum tx_mode {
	TX_PLAIN,            /* START TRANSACTION ... COMMIT */
	TX_REPEATABLE_READ,  /* the same at REPEATABLE READ */
	TX_SELF_CONTAINED    /* no wrapping: the unit is atomic by itself */
} tx_mode;

/* What a run that lost its connection left behind. */
typedef enum tx_lost {
	LOST_NOTHING_STORED, /* the server rolled the attempt back (or never saw it) */
	LOST_UNKNOWN         /* the answer to a COMMIT (or a self-contained write) was lost */
} tx_lost;

static pt_status tx_run(pt_db *db, const pt_db_tx_options *o, pt_db_unit_fn unit, void *ctx,
	unsigned *attempts, pt_error *err);

pt_status pt_db_transaction(pt_db *db, pt_db_unit_fn unit, void *ctx,
	unsigned max_attempts, unsigned *attempts, pt_error *err)
{
	pt_db_tx_options o = { .max_attempts = max_attempts };

	return tx_run(db, &o, unit, ctx, attempts, err);
}

pt_status pt_db_transaction_rr(pt_db *db, pt_db_unit_fn unit, void *ctx,
	unsigned max_attempts, unsigned *attempts, pt_error *err)
{
	pt_db_tx_options o = { .max_attempts = max_attempts, .repeatable_read = true };

	return tx_run(db, &o, unit, ctx, attempts, err);
}

pt_status pt_db_replayed(pt_db *db, pt_db_unit_fn unit, void *ctx,
	unsigned max_attempts, unsigned *attempts, pt_error *err)
{
	pt_db_tx_options o = { .max_attempts = max_attempts, .self_contained = true };

	return tx_run(db, &o, unit, ctx, attempts, err);
}

pt_status pt_db_transaction_ex(pt_db *db, const pt_db_tx_options *options, pt_db_unit_fn unit,
	void *ctx, unsigned *attempts, pt_error *err)
{
	pt_db_tx_options none = { 0 };

	return tx_run(db, options ? options : &none, unit, ctx, attempts, err);
}

/* The test hook's "the answer was lost": the connection really dies (its
 * socket is shut), as if the server had gone after doing the work. */
static pt_status simulate_lost_answer(pt_db *db, const char *what, pt_error *err)
{
	my_socket fd = mysql_get_socket(db->conn);

	if (fd >= 0) {
		shutdown(fd, SHUT_RDWR);
	}
	return db_fail(db, err, CR_SERVER_LOST, "HY000",
		"Lost connection to server during query (test hook)", what, strlen(what));
}

/* One run of the unit in its wrapping. On a lost connection *lost says
 * whether anything of the run may have been stored. */
static pt_status tx_once(pt_db *db, tx_mode mode, pt_db_unit_fn unit, void *ctx, tx_lost *lost,
	pt_error *err)
{
	pt_status s;

	*lost = LOST_NOTHING_STORED;
	if (mode == TX_SELF_CONTAINED) {
		db->replaying = true;
		s = unit(db, ctx, err);
		db->replaying = false;
		if (s == PT_OK && db->hook && db->hook(db, PT_DB_HOOK_AFTER_COMMIT, db->hook_arg)) {
			s = simulate_lost_answer(db, "CALL", err);
		}
		if (s != PT_OK && db->broken && db->lost_errno != CR_SERVER_GONE_ERROR) {
			/* the statement may have committed before the answer was lost */
			*lost = LOST_UNKNOWN;
		}
		return s;
	}
	/* applies to the next transaction only; the session stays READ COMMITTED */
	if (mode == TX_REPEATABLE_READ) {
		s = control(db, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ", err);
		if (s != PT_OK) {
			return s;
		}
	}
	s = control(db, "START TRANSACTION", err);
	if (s != PT_OK) {
		return s;
	}
	db->tx_depth = 1;
	s = unit(db, ctx, err);
	db->tx_depth = 0;
	if (s == PT_OK) {
		if (db->hook) {
			db->hook(db, PT_DB_HOOK_BEFORE_COMMIT, db->hook_arg);
		}
		s = control(db, "COMMIT", err);
		if (s == PT_OK && db->hook && db->hook(db, PT_DB_HOOK_AFTER_COMMIT, db->hook_arg)) {
			s = simulate_lost_answer(db, "COMMIT", err);
		}
		if (s == PT_OK) {
			return PT_OK;
		}
		if (db->broken && db->lost_errno != CR_SERVER_GONE_ERROR) {
			/* COMMIT was sent; whether it was applied is unknown */
			*lost = LOST_UNKNOWN;
		}
	}
	/* unit or COMMIT failed: nothing of this attempt may stay (a failed
	 * COMMIT leaves the transaction open on the server). A lost connection
	 * needs nothing: the server rolls back what the session left open. */
	rollback_quietly(db);
	return s;
}

static pt_status outcome_unknown(pt_error *err)
{
	char msg[PT_ERROR_MESSAGE_MAX];
	unsigned eno = err->db_errno ? err->db_errno : CR_SERVER_LOST;

	snprintf(msg, sizeof(msg), "%s", err->message);
	return set_err(err, PT_ERR_DB, eno, "HY000",
		"the connection to MariaDB was lost before the answer to the write came back, so whether it "
		"was stored is not known (this unit gives no idempotency check to find out): %s", msg);
}

static pt_status tx_run(pt_db *db, const pt_db_tx_options *o, pt_db_unit_fn unit, void *ctx,
	unsigned *attempts, pt_error *err)
{
	tx_mode mode = o->self_contained ? TX_SELF_CONTAINED : o->repeatable_read ? TX_REPEATABLE_READ : TX_PLAIN;
	unsigned max_attempts = o->max_attempts ? o->max_attempts : TX_DEFAULT_ATTEMPTS;
	unsigned runs = 0, conflicts = 0, reconnects = 0;
	pt_error local;
	pt_status s = PT_OK;

	/* the replay decision needs the error even when the caller passes none */
	if (!err) {
		pt_error_clear(&local);
		err = &local;
	}
	if (attempts) {
		*attempts = 0;
	}
	if (!unit) {
		return set_err(err, PT_ERR_INTERNAL, 0, "", "pt_db_transaction: no unit given");
	}
	if (db && db->tx_depth) {
		/* Nested: START TRANSACTION would silently commit the outer one.
		 * Run inside it; a conflict propagates and the outer unit replays. */
		s = check_usable(db, err);
		if (s != PT_OK) {
			return s;
		}
		if (attempts) {
			*attempts = 1;
		}
		return unit(db, ctx, err);
	}
	for (;;) {
		tx_lost lost;

		/* a connection lost while idle, or by the previous run, is
		 * replaced before anything of this run is sent */
		s = revive(db, err);
		if (s != PT_OK) {
			return s;
		}
		runs++;
		if (attempts) {
			*attempts = runs;
		}
		s = tx_once(db, mode, unit, ctx, &lost, err);
		if (s == PT_OK) {
			return PT_OK;
		}
		if (db->broken) {
			bool landed = false;

			if (reconnects == TX_MAX_RECONNECTS) {
				return s;
			}
			reconnects++;
			if (lost == LOST_NOTHING_STORED) {
				continue;  /* replay on a new connection */
			}
			if (!o->landed) {
				return outcome_unknown(err);  /* stays broken: the next call reconnects */
			}
			s = reconnect(db, err);
			if (s != PT_OK) {
				return s;
			}
			pt_error_clear(err);
			s = o->landed(db, ctx, &landed, err);
			if (s != PT_OK) {
				return s;
			}
			if (landed) {
				return PT_OK;  /* it was stored: the callback answered as the unit did */
			}
			continue;          /* it was not: store it now */
		}
		if (s != PT_ERR_DB || !replay_after_conflict(db, err, &conflicts, max_attempts,
				mode == TX_SELF_CONTAINED ? "statement" : "transaction")) {
			return s;
		}
	}
}

/* ------------------------------------------------------------ migrations */

typedef struct sql_piece {
	const char *p;
	size_t len;
	unsigned line;
} sql_piece;

/* A "DELIMITER tok" line, as the mariadb client reads it, at sql[i] (the
 * start of a line): stores tok (1 to 15 bytes) and returns the length of
 * the whole line, newline included; 0 when the line is something else. */
static size_t delimiter_line(const char *sql, size_t len, size_t i, char *delim, size_t *delim_len)
{
	size_t j = i + 9, t;

	if (len - i < 11 || strncasecmp(sql + i, "DELIMITER", 9) != 0 || (sql[j] != ' ' && sql[j] != '\t')) {
		return 0;
	}
	while (j < len && (sql[j] == ' ' || sql[j] == '\t')) {
		j++;
	}
	t = j;
	while (j < len && sql[j] != ' ' && sql[j] != '\t' && sql[j] != '\r' && sql[j] != '\n') {
		j++;
	}
	if (j == t || j - t > 15) {
		return 0;
	}
	memcpy(delim, sql + t, j - t);
	delim[j - t] = '\0';
	*delim_len = j - t;
	while (j < len && sql[j] != '\n') {
		j++;
	}
	return j - i + (j < len ? 1 : 0);
}

/* Splits a migration into statements at ';' that ends a line (optionally
 * followed by a comment), outside quotes and comments. Chunks that hold only
 * whitespace and comments are dropped. A stored procedure's body holds ';'
 * itself, so, as in the mariadb client, a "DELIMITER //" line makes "//"
 * at the end of a line the terminator until the next DELIMITER line. */
static pt_status split_sql(const char *sql, sql_piece **out, size_t *count)
{
	enum { NORMAL, SQUOTE, DQUOTE, BTICK, LINE_COMMENT, BLOCK_COMMENT } st = NORMAL;
	size_t len = strlen(sql), i, start = 0, n = 0, cap = 0, stop = 0;
	unsigned line = 1, first_line = 0;
	bool content = false;
	sql_piece *v = NULL;
	char delim[16] = ";";
	size_t delim_len = 1;

	*out = NULL;
	*count = 0;
	for (i = 0; i <= len; i++) {
		char c = i < len ? sql[i] : '\0';
		char next = i + 1 < len ? sql[i + 1] : '\0';
		bool end = false;

		if (i == len) {
			end = true;
			stop = i;
		} else {
			switch (st) {
			case NORMAL:
				if (!content && (i == 0 || sql[i - 1] == '\n')) {
					size_t skip = delimiter_line(sql, len, i, delim, &delim_len);
					if (skip) {
						i += skip - 1;
						line++;
						start = i + 1;
						continue;
					}
				}
				if (delim_len > 1 || delim[0] != ';') {
					if (strncmp(sql + i, delim, delim_len) == 0) {
						size_t j = i + delim_len;
						while (j < len && (sql[j] == ' ' || sql[j] == '\t' || sql[j] == '\r')) {
							j++;
						}
						if (j >= len || sql[j] == '\n') {
							end = true;
							stop = i;
							i += delim_len - 1;
							break;
						}
					}
				}
				if (c == '\'') {
					st = SQUOTE;
				} else if (c == '"') {
					st = DQUOTE;
				} else if (c == '`') {
					st = BTICK;
				} else if (c == '#' || (c == '-' && next == '-' && (i + 2 >= len
						|| sql[i + 2] == ' ' || sql[i + 2] == '\t'
						|| sql[i + 2] == '\n' || sql[i + 2] == '\r'))) {
					st = LINE_COMMENT;
					break;
				} else if (c == '/' && next == '*') {
					/* executable comments run: they are content */
					if (i + 2 < len && (sql[i + 2] == '!' || sql[i + 2] == 'M')) {
						if (!content) {
							first_line = line;
						}
						content = true;
					}
					st = BLOCK_COMMENT;
					i++;
					break;
				} else if (c == ';' && delim_len == 1 && delim[0] == ';') {
					size_t j = i + 1;
					while (j < len && (sql[j] == ' ' || sql[j] == '\t' || sql[j] == '\r')) {
						j++;
					}
					if (j >= len || sql[j] == '\n' || sql[j] == '#'
							|| (sql[j] == '-' && j + 1 < len && sql[j + 1] == '-')) {
						end = true;
						stop = i;
					}
					if (!end) {
						content = true;
					}
					break;
				}
				if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
					if (!content) {
						first_line = line;
					}
					content = true;
				}
				break;
			case SQUOTE:
			case DQUOTE:
			case BTICK: {
				char q = st == SQUOTE ? '\'' : st == DQUOTE ? '"' : '`';
				if (c == '\\' && st != BTICK && i + 1 < len) {
					if (sql[i + 1] == '\n') {
						line++;
					}
					i++;
				} else if (c == q) {
					if (next == q) {
						i++;
					} else {
						st = NORMAL;
					}
				}
				break;
			}
			case LINE_COMMENT:
				if (c == '\n') {
					st = NORMAL;
				}
				break;
			case BLOCK_COMMENT:
				if (c == '*' && next == '/') {
					st = NORMAL;
					i++;
				}
				break;
			}
			if (c == '\n') {
				line++;
			}
		}
		if (end) {
			if (content) {
				size_t a = start, b = stop;
				while (a < b && (sql[a] == ' ' || sql[a] == '\t' || sql[a] == '\n' || sql[a] == '\r')) {
					a++;
				}
				while (b > a && (sql[b - 1] == ' ' || sql[b - 1] == '\t' || sql[b - 1] == '\n'
						|| sql[b - 1] == '\r')) {
					b--;
				}
				if (pt_array_grow(NULL, &v, &cap, n, sizeof(*v), 8) != PT_OK) {
					free(v);
					return PT_ERR_NOMEM;
				}
				v[n].p = sql + a;
				v[n].len = b - a;
				v[n].line = first_line ? first_line : line;
				n++;
			}
			content = false;
			first_line = 0;
			start = i + 1;
		}
	}
	*out = v;
	*count = n;
	return PT_OK;
}

/* Runs one statement outside the cache (migration DDL runs once), replayed
 * after a conflict as every statement outside a transaction is: on Galera a
 * concurrent migrate()'s DDL (total order isolation) aborts what it meets. */
static pt_status exec_uncached(pt_db *db, const char *sql, size_t len, pt_error *err)
{
	alone_stmt a = { sql, len, NULL, 0, NULL };

	return run_alone(db, &a, err);
}

static pt_status exec_uncached_once(pt_db *db, const char *sql, size_t len, pt_error *err)
{
	MYSQL_STMT *st = mysql_stmt_init(db->conn);
	pt_status s = PT_OK;

	if (!st) {
		return conn_fail(db, err, NULL);
	}
	db->stats.prepares++;
	if (mysql_stmt_prepare(st, sql, len) != 0) {
		s = stmt_fail(db, st, err, sql, len);
	} else {
		db->stats.executes++;
		if (mysql_stmt_execute(st) != 0) {
			s = stmt_fail(db, st, err, sql, len);
		} else if (mysql_stmt_field_count(st) > 0) {
			mysql_stmt_free_result(st);
		}
	}
	if (db->broken) {
		/* Dead connection: close it without a word; that detaches st,
		 * so closing st below only frees memory. */
		close_silently(db);
	}
	mysql_stmt_close(st);
	return s;
}

static const char migrations_table_sql[] =
	"CREATE TABLE IF NOT EXISTS participa_migrations (\n"
	"    version     INT UNSIGNED NOT NULL,\n"
	"    name        VARCHAR(" PT_ID_MAX_TEXT ") NOT NULL,\n"
	"    state       ENUM('applying','applied') NOT NULL,\n"
	"    checksum    CHAR(64) NULL COMMENT 'SHA2-256 of the migration text',\n"
	"    started_at  DATETIME(6) NOT NULL,\n"
	"    finished_at DATETIME(6) NULL,\n"
	"    applied_by  VARCHAR(255) NOT NULL COMMENT 'host:pid',\n"
	"    PRIMARY KEY (version)\n"
	") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";

typedef struct claim_row {
	bool found;
	bool applied;
	char started[40];
	char by[256];
} claim_row;

static pt_status claim_row_fn(void *ctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	claim_row *r = ctx;

	r->found = true;
	r->applied = cols[0].type == PT_DB_TEXT && cols[0].len == 7
		&& memcmp(cols[0].s, "applied", 7) == 0;
	snprintf(r->started, sizeof(r->started), "%.*s",
		cols[1].type == PT_DB_TEXT ? (int)cols[1].len : 0, cols[1].type == PT_DB_TEXT ? cols[1].s : "");
	snprintf(r->by, sizeof(r->by), "%.*s",
		cols[2].type == PT_DB_TEXT ? (int)cols[2].len : 0, cols[2].type == PT_DB_TEXT ? cols[2].s : "");
	return PT_OK;
}

typedef struct version_set {
	unsigned *v;
	size_t n, cap;
} version_set;

static pt_status applied_row_fn(void *ctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	version_set *set = ctx;

	if (cols[0].type != PT_DB_INT) {
		return PT_OK;
	}
	if (pt_array_grow(NULL, &set->v, &set->cap, set->n, sizeof(*set->v), 16) != PT_OK) {
		return set_err(err, PT_ERR_NOMEM, 0, "", "out of memory");
	}
	set->v[set->n++] = (unsigned)cols[0].i;
	return PT_OK;
}

static double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static pt_status apply_migration(pt_db *db, const pt_migration *m, const char *me, pt_error *err)
{
	sql_piece *pieces;
	size_t count, k;
	pt_status s;
	pt_db_value p[2];

	if (split_sql(m->sql, &pieces, &count) != PT_OK) {
		return set_err(err, PT_ERR_NOMEM, 0, "", "out of memory splitting migration %s", m->name);
	}
	for (k = 0; k < count; k++) {
		s = exec_uncached(db, pieces[k].p, pieces[k].len, err);
		if (s != PT_OK) {
			char msg[PT_ERROR_MESSAGE_MAX];
			if (err) {
				snprintf(msg, sizeof(msg), "%s", err->message);
				set_err(err, s, err->db_errno, err->sqlstate,
					"migration %s failed at statement %zu (line %u): %s",
					m->name, k + 1, pieces[k].line, msg);
			}
			free(pieces);
			/* give the claim back so a fixed migration can run later;
			 * if the connection died, the row stays 'applying' and the
			 * next migrate explains how to clear it */
			if (!db->broken) {
				pt_error ignored;
				pt_error_clear(&ignored);
				p[0] = PT_DB_INT_V(m->version);
				p[1] = PT_DB_TEXT_V(me, strlen(me));
				pt_db_exec(db, "DELETE FROM participa_migrations WHERE version = ? AND applied_by = ?"
					" AND state = 'applying'", p, 2, NULL, NULL, &ignored);
			}
			return s;
		}
	}
	free(pieces);
	p[0] = PT_DB_INT_V(m->version);
	return pt_db_exec(db, "UPDATE participa_migrations SET state = 'applied', "
		"finished_at = UTC_TIMESTAMP(6) WHERE version = ?", p, 1, NULL, NULL, err);
}

static int cmp_migration_ptr(const void *a, const void *b)
{
	const pt_migration *x = *(const pt_migration *const *)a;
	const pt_migration *y = *(const pt_migration *const *)b;

	return x->version < y->version ? -1 : x->version > y->version;
}

void pt_db_names_free(char **names, size_t count)
{
	size_t i;

	if (!names) {
		return;
	}
	for (i = 0; i < count; i++) {
		free(names[i]);
	}
	free(names);
}

/*
 * Why a claim row instead of a transaction holding a lock: MariaDB commits
 * implicitly before and after every DDL statement, so no transaction (and no
 * row lock) can span a migration's CREATE/ALTERs. GET_LOCK() would work on
 * one server but is node-local on Galera. So each migration is claimed by
 * inserting its row in autocommit mode: the primary key lets exactly one
 * process win; the others poll until the winner marks it applied.
 */
pt_status pt_db_migrate(pt_db *db, const pt_migration *migrations, size_t count,
	unsigned wait_seconds, char ***applied_out, size_t *applied_count, pt_error *err)
{
	const pt_migration **order = NULL;
	version_set done = { 0 };
	char **names = NULL;
	size_t nnames = 0, i, k;
	char host[256], me[300];
	pt_status s;

	if (applied_out) {
		*applied_out = NULL;
	}
	if (applied_count) {
		*applied_count = 0;
	}
	s = check_usable(db, err);
	if (s != PT_OK) {
		return s;
	}
	if (db->tx_depth) {
		return set_err(err, PT_ERR_INTERNAL, 0, "",
			"pt_db_migrate() cannot run inside a transaction: DDL commits it implicitly");
	}
	if (count && !migrations) {
		return set_err(err, PT_ERR_INTERNAL, 0, "", "pt_db_migrate: no migrations given");
	}
	if (!wait_seconds) {
		wait_seconds = MIGRATE_DEFAULT_WAIT;
	}
	if (gethostname(host, sizeof(host)) != 0) {
		snprintf(host, sizeof(host), "unknown");
	}
	host[sizeof(host) - 1] = '\0';
	snprintf(me, sizeof(me), "%s:%ld", host, (long)getpid());

	order = calloc(count ? count : 1, sizeof(*order));
	names = calloc(count ? count : 1, sizeof(*names));
	if (!order || !names) {
		s = set_err(err, PT_ERR_NOMEM, 0, "", "out of memory");
		goto out;
	}
	for (i = 0; i < count; i++) {
		order[i] = &migrations[i];
	}
	qsort(order, count, sizeof(*order), cmp_migration_ptr);
	for (i = 1; i < count; i++) {
		if (order[i]->version == order[i - 1]->version) {
			s = set_err(err, PT_ERR_INTERNAL, 0, "", "migrations %s and %s have the same version %u",
				order[i - 1]->name, order[i]->name, order[i]->version);
			goto out;
		}
	}

	s = exec_uncached(db, migrations_table_sql, strlen(migrations_table_sql), err);
	if (s != PT_OK) {
		goto out;
	}
	s = pt_db_query(db, "SELECT version FROM participa_migrations WHERE state = 'applied'",
		NULL, 0, applied_row_fn, &done, err);
	if (s != PT_OK) {
		goto out;
	}

	for (i = 0; i < count; i++) {
		const pt_migration *m = order[i];
		bool skip = false;

		for (k = 0; k < done.n; k++) {
			if (done.v[k] == m->version) {
				skip = true;
				break;
			}
		}
		while (!skip) {
			pt_db_value p[4];
			uint64_t affected = 0;
			double deadline;
			claim_row row;

			p[0] = PT_DB_INT_V(m->version);
			p[1] = PT_DB_TEXT_V(m->name, strlen(m->name));
			p[2] = PT_DB_TEXT_V(m->sql, strlen(m->sql));
			p[3] = PT_DB_TEXT_V(me, strlen(me));
			s = pt_db_exec(db, "INSERT IGNORE INTO participa_migrations "
				"(version, name, state, checksum, started_at, applied_by) "
				"VALUES (?, ?, 'applying', SHA2(?, 256), UTC_TIMESTAMP(6), ?)",
				p, 4, &affected, NULL, err);
			if (s != PT_OK) {
				goto out;
			}
			if (affected == 1) {
				s = apply_migration(db, m, me, err);
				if (s != PT_OK) {
					goto out;
				}
				names[nnames] = strdup(m->name);
				if (!names[nnames]) {
					s = set_err(err, PT_ERR_NOMEM, 0, "", "out of memory");
					goto out;
				}
				nnames++;
				break;
			}
			/* someone else holds it: wait until applied, or until the
			 * claim vanishes (their attempt failed: try ourselves) */
			deadline = now_seconds() + wait_seconds;
			for (;;) {
				memset(&row, 0, sizeof(row));
				s = pt_db_query(db, "SELECT state, started_at, applied_by FROM participa_migrations "
					"WHERE version = ?", p, 1, claim_row_fn, &row, err);
				if (s != PT_OK) {
					goto out;
				}
				if (!row.found || row.applied) {
					break;
				}
				if (now_seconds() >= deadline) {
					s = set_err(err, PT_ERR_CONFLICT, 0, "",
						"migration %s has been applying since %s UTC by %s; waited %u s. "
						"If no other migrate is running, delete its row from "
						"participa_migrations (DELETE FROM participa_migrations WHERE "
						"version = %u) and run the migration again",
						m->name, row.started, row.by, wait_seconds, m->version);
					goto out;
				}
				sleep_ms(MIGRATE_POLL_MS);
			}
			if (row.applied) {
				skip = true;
			}
		}
	}
	s = PT_OK;

out:
	free(order);
	free(done.v);
	if (s == PT_OK && applied_out) {
		*applied_out = names;
		if (applied_count) {
			*applied_count = nnames;
		}
	} else {
		if (s == PT_OK && applied_count) {
			*applied_count = nnames;
		}
		pt_db_names_free(names, nnames);
	}
	return s;
}

/* ----------------------------------------------------------- territories */

typedef struct sync_ctx {
	const pt_territory_tree *tree;
	unsigned char *same;     /* per territory: the stored row already matches */
	char **gone;             /* stored ids no longer in the tree */
	size_t ngone, capgone;
} sync_ctx;

static bool col_eq_text(const pt_db_value *v, const char *s)
{
	if (!s) {
		return v->type == PT_DB_NULL;
	}
	return v->type == PT_DB_TEXT && v->len == strlen(s) && memcmp(v->s, s, v->len) == 0;
}

static bool col_eq_int(const pt_db_value *v, int64_t i)
{
	return v->type == PT_DB_INT && v->i == i;
}

static const char *territory_name(const pt_territory *t)
{
	return t->name ? t->name : t->id;
}

static pt_status sync_row_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	sync_ctx *c = vctx;
	const pt_territory_tree *tree = c->tree;
	int32_t idx;

	if (cols[0].type != PT_DB_TEXT) {
		return PT_OK;
	}
	idx = tree->count ? pt_territory_find(tree, cols[0].s, cols[0].len) : -1;
	if (idx < 0) {
		if (pt_array_grow(NULL, &c->gone, &c->capgone, c->ngone, sizeof(*c->gone), 64) != PT_OK) {
			return set_err(err, PT_ERR_NOMEM, 0, "", "out of memory");
		}
		c->gone[c->ngone] = pt_strndup(NULL, cols[0].s, cols[0].len);
		if (!c->gone[c->ngone]) {
			return set_err(err, PT_ERR_NOMEM, 0, "", "out of memory");
		}
		c->ngone++;
		return PT_OK;
	}
	{
		const pt_territory *t = &tree->items[idx];
		const char *parent = t->parent >= 0 ? tree->items[t->parent].id : NULL;

		if (col_eq_text(&cols[1], parent) && col_eq_text(&cols[2], territory_name(t))
				&& col_eq_text(&cols[3], t->kind) && col_eq_int(&cols[4], t->depth)
				&& col_eq_int(&cols[5], t->pre) && col_eq_int(&cols[6], t->post)) {
			c->same[idx] = 1;
		}
	}
	return PT_OK;
}

/* Batch sizes: a fixed few, so the statement cache holds at most four
 * texts per statement whatever the number of rows. */
static const size_t batch_sizes[] = { 500, 100, 10, 1 };

static char *build_batch_sql(const char *head, const char *tuple, const char *sep,
	const char *tail, size_t n)
{
	pt_buf b;
	size_t i;

	pt_buf_init(&b, NULL);   /* libc: the caller free()s the text */
	pt_buf_puts(&b, head);
	for (i = 0; i < n; i++) {
		if (i) {
			pt_buf_puts(&b, sep);
		}
		pt_buf_puts(&b, tuple);
	}
	pt_buf_puts(&b, tail);
	if (b.failed) {
		pt_buf_free(&b);
		return NULL;
	}
	return b.data;
}

static pt_status sync_upsert(pt_db *db, const pt_territory_tree *tree, const uint32_t *rows,
	size_t n, pt_error *err)
{
	pt_db_value *p;
	char *sql;
	size_t j;
	pt_status s;

	sql = build_batch_sql("INSERT INTO participa_territories "
		"(id, parent_id, name, kind, depth, lft, rgt, updated_at) VALUES ",
		"(?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6))", ", ",
		" ON DUPLICATE KEY UPDATE parent_id = VALUES(parent_id), name = VALUES(name), "
		"kind = VALUES(kind), depth = VALUES(depth), lft = VALUES(lft), rgt = VALUES(rgt), "
		"updated_at = VALUES(updated_at)", n);
	p = calloc(n * 7, sizeof(*p));
	if (!sql || !p) {
		free(sql);
		free(p);
		return set_err(err, PT_ERR_NOMEM, 0, "", "out of memory");
	}
	for (j = 0; j < n; j++) {
		const pt_territory *t = &tree->items[rows[j]];
		const char *parent = t->parent >= 0 ? tree->items[t->parent].id : NULL;
		const char *name = territory_name(t);
		pt_db_value *v = &p[j * 7];

		v[0] = PT_DB_TEXT_V(t->id, strlen(t->id));
		v[1] = parent ? PT_DB_TEXT_V(parent, strlen(parent)) : PT_DB_NULL_V;
		v[2] = PT_DB_TEXT_V(name, strlen(name));
		v[3] = t->kind ? PT_DB_TEXT_V(t->kind, strlen(t->kind)) : PT_DB_NULL_V;
		v[4] = PT_DB_INT_V(t->depth);
		v[5] = PT_DB_INT_V(t->pre);
		v[6] = PT_DB_INT_V(t->post);
	}
	s = pt_db_exec(db, sql, p, n * 7, NULL, NULL, err);
	free(sql);
	free(p);
	return s;
}

static pt_status sync_delete(pt_db *db, char **ids, size_t n, pt_error *err)
{
	pt_db_value *p;
	char *sql;
	size_t j;
	pt_status s;

	sql = build_batch_sql("DELETE FROM participa_territories WHERE id IN (", "?", ", ", ")", n);
	p = calloc(n, sizeof(*p));
	if (!sql || !p) {
		free(sql);
		free(p);
		return set_err(err, PT_ERR_NOMEM, 0, "", "out of memory");
	}
	for (j = 0; j < n; j++) {
		p[j] = PT_DB_TEXT_V(ids[j], strlen(ids[j]));
	}
	s = pt_db_exec(db, sql, p, n, NULL, NULL, err);
	free(sql);
	free(p);
	return s;
}

static void sync_reset(sync_ctx *c)
{
	size_t i;

	for (i = 0; i < c->ngone; i++) {
		free(c->gone[i]);
	}
	c->ngone = 0;
	if (c->same) {
		memset(c->same, 0, c->tree->count);
	}
}

static pt_status sync_unit(pt_db *db, void *vctx, pt_error *err)
{
	sync_ctx *c = vctx;
	const pt_territory_tree *tree = c->tree;
	uint32_t *changed = NULL;
	size_t nchanged = 0, i, done, b;
	pt_status s;

	sync_reset(c);   /* a replay starts from scratch */
	s = pt_db_query(db, "SELECT id, parent_id, name, kind, depth, lft, rgt "
		"FROM participa_territories", NULL, 0, sync_row_fn, c, err);
	if (s != PT_OK) {
		return s;
	}
	changed = malloc((tree->count ? tree->count : 1) * sizeof(*changed));
	if (!changed) {
		return set_err(err, PT_ERR_NOMEM, 0, "", "out of memory");
	}
	for (i = 0; i < tree->count; i++) {
		if (!c->same[i]) {
			changed[nchanged++] = (uint32_t)i;
		}
	}
	for (done = 0, b = 0; done < c->ngone; ) {
		while (c->ngone - done < batch_sizes[b]) {
			b++;
		}
		s = sync_delete(db, c->gone + done, batch_sizes[b], err);
		if (s != PT_OK) {
			goto out;
		}
		done += batch_sizes[b];
	}
	for (done = 0, b = 0; done < nchanged; ) {
		while (nchanged - done < batch_sizes[b]) {
			b++;
		}
		s = sync_upsert(db, tree, changed + done, batch_sizes[b], err);
		if (s != PT_OK) {
			goto out;
		}
		done += batch_sizes[b];
	}
	s = PT_OK;
out:
	free(changed);
	return s;
}

pt_status pt_db_sync_territories(pt_db *db, const pt_territory_tree *tree, pt_error *err)
{
	sync_ctx c;
	pt_status s;

	if (!tree) {
		return set_err(err, PT_ERR_INTERNAL, 0, "", "pt_db_sync_territories: no tree given");
	}
	memset(&c, 0, sizeof(c));
	c.tree = tree;
	c.same = calloc(tree->count ? tree->count : 1, 1);
	if (!c.same) {
		return set_err(err, PT_ERR_NOMEM, 0, "", "out of memory");
	}
	s = pt_db_transaction(db, sync_unit, &c, 0, NULL, err);
	sync_reset(&c);
	free(c.gone);
	free(c.same);
	return s;
}

/* ------------------------------------------------------------------ misc */

const pt_db_stats *pt_db_get_stats(const pt_db *db)
{
	return db ? &db->stats : NULL;
}

const char *pt_db_client_version(void)
{
	return mysql_get_client_info();
}

bool pt_db_has_returning(pt_db *db)
{
	const char *v;

	if (!db || !db->conn || db->pid != self_pid()) {
		return false;
	}
	/* MySQL has no RETURNING; MariaDB has it on INSERT from 10.5 */
	v = mysql_get_server_info(db->conn);
	return v && strstr(v, "MariaDB") && mysql_get_server_version(db->conn) >= 100500;
}

bool pt_db_galera(pt_db *db)
{
	if (!db || !db->conn || db->pid != self_pid()) {
		return false;
	}
	if (db->galera < 0) {
		pt_db_int_cell on = { 0, false };
		pt_error err;

		/* MySQL has no such variable (an error): not Galera either */
		pt_error_clear(&err);
		if (pt_db_query(db, "SELECT @@wsrep_on", NULL, 0, pt_db_int_cell_fn, &on, &err) != PT_OK) {
			if (db->broken) {
				return false;       /* ask again on the next connection */
			}
			on.value = 0;
		}
		db->galera = on.value != 0;
	}
	return db->galera > 0;
}

const char *pt_db_server_version(pt_db *db)
{
	const char *v;

	if (!db || !db->conn || db->pid != self_pid()) {
		return "";
	}
	v = mysql_get_server_info(db->conn);
	return v ? v : "";
}

pt_status pt_db_library_init(void)
{
	return mysql_library_init(0, NULL, NULL) == 0 ? PT_OK : PT_ERR_DB;
}

void pt_db_library_end(void)
{
	mysql_library_end();
}
