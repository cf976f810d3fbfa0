/*
 * participa io: the MariaDB/MySQL store, over the libmariadb C client.
 *
 * One pt_db is one connection. The binding keeps one per PHP worker process
 * (persistent across requests) and:
 *   - records the pid that opened it: a child process after fork() never
 *     talks on, or closes, its parent's socket (pt_db_close() in a child
 *     drops the handle without sending COM_QUIT);
 *   - calls pt_db_ensure() before the first use in a request, which pings and
 *     transparently reconnects a stale connection (server restarted,
 *     wait_timeout expired);
 *   - runs every SQL statement as a prepared statement, cached per
 *     connection by SQL text and reused.
 *
 * Writes go through pt_db_transaction(), which replays the whole unit when the
 * server reports a deadlock (1213), a lock wait timeout (1205) or SQLSTATE
 * 40001 at ANY statement, including COMMIT: Galera reports certification
 * failures on the statement after the conflict, and a COMMIT after that
 * "succeeds" on nothing.
 *
 * Errors: PT_ERR_DB with err->db_errno and err->sqlstate set from the server
 * (or the client library, 2002/2006/2013 for an unreachable server).
 */
#ifndef PT_DB_H
#define PT_DB_H

#include <stdbool.h>
#include <stdint.h>
#include "../core/pt_base.h"
#include "../core/config.h"

typedef struct pt_db pt_db;

/* A parameter or a column value. Text is not NUL-terminated necessarily. */
typedef enum pt_db_type {
	PT_DB_NULL = 0,
	PT_DB_INT,
	PT_DB_TEXT,
	PT_DB_DOUBLE
} pt_db_type;

typedef struct pt_db_value {
	pt_db_type type;
	int64_t i;          /* PT_DB_INT */
	double d;           /* PT_DB_DOUBLE */
	const char *s;      /* PT_DB_TEXT: bytes (valid until the next fetch) */
	size_t len;         /* PT_DB_TEXT: byte length */
} pt_db_value;

#define PT_DB_INT_V(v)       ((pt_db_value){ .type = PT_DB_INT, .i = (v) })
#define PT_DB_TEXT_V(p, l)   ((pt_db_value){ .type = PT_DB_TEXT, .s = (p), .len = (l) })
#define PT_DB_NULL_V         ((pt_db_value){ .type = PT_DB_NULL })

/*
 * Column readers for row callbacks, shared by every store. Integers and
 * doubles also accept their decimal text (DECIMAL and unsigned BIGINT
 * columns arrive as text); anything unreadable is 0.
 */
int64_t pt_db_col_int(const pt_db_value *v);

/* The first column of the last row as an integer, for pt_db_query() of a
 * query that answers one value (or no row: found stays false). */
typedef struct pt_db_int_cell {
	int64_t value;
	bool found;
} pt_db_int_cell;
pt_status pt_db_int_cell_fn(void *cell, const pt_db_value *cols, size_t ncols, pt_error *err);
double pt_db_col_double(const pt_db_value *v);
/* Text column into buf, NUL-terminated and truncated to size-1; NULL when not text. */
const char *pt_db_col_copy(const pt_db_value *v, char *buf, size_t size);
/* Text column as pointer and length (valid during the callback); NULL/0 when not text. */
void pt_db_col_str(const pt_db_value *v, const char **s, size_t *len);

/* Counters kept per connection (exposed by Site::stats()). */
typedef struct pt_db_stats {
	uint64_t connects;      /* successful connects, including reconnects */
	uint64_t prepares;      /* statements prepared (cache misses) */
	uint64_t executes;      /* statements executed */
	uint64_t retries;       /* transaction units replayed after a conflict */
} pt_db_stats;

/*
 * Connects with the given settings; password may be NULL. The connection uses
 * utf8mb4, UTC session time zone, autocommit on, and SQL mode with
 * STRICT_TRANS_TABLES. On success *out is owned by the caller.
 */
pt_status pt_db_connect(const pt_db_settings *settings, const char *password,
	pt_db **out, pt_error *err);

/*
 * Closes the connection. In a process other than the one that opened it
 * (a forked child) the socket is left untouched for the parent and only this
 * process's memory is released. NULL is fine.
 */
void pt_db_close(pt_db *db);

/* true when the calling process opened db (getpid() matches). */
bool pt_db_owned(const pt_db *db);

/* true once the server connection was lost; pt_db_ensure() reconnects. */
bool pt_db_broken(const pt_db *db);

/* true inside pt_db_transaction()'s unit. */
bool pt_db_in_transaction(const pt_db *db);

/*
 * Makes the connection usable: pings it and reconnects (dropping cached
 * statements) if the server went away. PT_ERR_DB if it cannot.
 */
pt_status pt_db_ensure(pt_db *db, pt_error *err);

/* Executes one statement with parameters; *affected (if not NULL) gets the
 * affected-row count and *insert_id (if not NULL) the last insert id. */
pt_status pt_db_exec(pt_db *db, const char *sql, const pt_db_value *params,
	size_t nparams, uint64_t *affected, uint64_t *insert_id, pt_error *err);

/*
 * Runs a query and calls row_fn for every row, unbuffered (rows stream from
 * the server; memory does not grow with the result). Column values are valid
 * only during the call. If row_fn returns non-PT_OK the rest of the result is
 * discarded and that status is returned. A CALL's further results (the
 * procedure's final status) are read and dropped: only the first result set
 * reaches row_fn.
 */
typedef pt_status (*pt_db_row_fn)(void *ctx, const pt_db_value *cols, size_t ncols,
	pt_error *err);
pt_status pt_db_query(pt_db *db, const char *sql, const pt_db_value *params,
	size_t nparams, pt_db_row_fn row_fn, void *ctx, pt_error *err);

/*
 * Runs unit inside START TRANSACTION ... COMMIT. If unit or COMMIT fails with
 * 1213, 1205 or SQLSTATE 40001 the transaction is rolled back and the whole
 * unit runs again, up to max_attempts times (0 = default 5), with a short
 * randomised back-off. Any other failure rolls back and returns the error.
 * *attempts (if not NULL) receives the number of runs. unit must be safe to
 * replay: it must not keep side effects outside the database between runs.
 */
typedef pt_status (*pt_db_unit_fn)(pt_db *db, void *ctx, pt_error *err);
pt_status pt_db_transaction(pt_db *db, pt_db_unit_fn unit, void *ctx,
	unsigned max_attempts, unsigned *attempts, pt_error *err);

/*
 * pt_db_transaction() at REPEATABLE READ for this transaction only (sessions
 * run READ COMMITTED): its locking reads then also lock the gaps between
 * rows, so a unit can make sure no matching row appears before it commits
 * (an exact rate limit). One more round trip per attempt.
 */
pt_status pt_db_transaction_rr(pt_db *db, pt_db_unit_fn unit, void *ctx,
	unsigned max_attempts, unsigned *attempts, pt_error *err);

/*
 * Runs unit, which is atomic by itself (one statement, or a CALL of a
 * procedure that commits or rolls back its own transaction), and replays it
 * on the same errors and with the same back-off as pt_db_transaction(), with
 * no START TRANSACTION / COMMIT round trips around it. Inside a transaction
 * it runs once and a conflict propagates to the outer unit.
 */
pt_status pt_db_replayed(pt_db *db, pt_db_unit_fn unit, void *ctx,
	unsigned max_attempts, unsigned *attempts, pt_error *err);

/* true for the errors a transaction replays (deadlock, lock wait, 40001). */
bool pt_db_is_retryable(const pt_error *err);

/* A migration: schema/NNN_name.sql compiled into the extension (schema_sql.h). */
typedef struct pt_migration {
	unsigned version;    /* NNN */
	const char *name;    /* "001_foundation" */
	const char *sql;     /* the file's text: statements separated by ';' at line end */
} pt_migration;

/*
 * Applies the migrations not yet recorded in participa_migrations, in version
 * order. Safe to run from several processes at once: each migration is
 * claimed by inserting its row (a unique key decides the winner); the others
 * wait for it to be marked applied (up to wait_seconds, 0 = 60) and never
 * apply it again. A failed migration removes its claim so it can be retried.
 * applied_out (if not NULL) receives malloc'd names of the migrations THIS
 * call applied; free with pt_db_names_free().
 */
pt_status pt_db_migrate(pt_db *db, const pt_migration *migrations, size_t count,
	unsigned wait_seconds, char ***applied_out, size_t *applied_count, pt_error *err);
void pt_db_names_free(char **names, size_t count);

/*
 * Makes table participa_territories mirror the tree (insert, update, delete
 * by id, in one transaction), storing parent, depth and nested-set bounds so
 * SQL can test containment too.
 */
pt_status pt_db_sync_territories(pt_db *db, const pt_territory_tree *tree, pt_error *err);

const pt_db_stats *pt_db_get_stats(const pt_db *db);

/* Version of the client library linked in ("3.3.20"). */
const char *pt_db_client_version(void);
/* Version of the server the connection talks to ("10.11.19-MariaDB-..."), or "". */
const char *pt_db_server_version(pt_db *db);
/* True when the connected server takes INSERT ... RETURNING (MariaDB >= 10.5). */
bool pt_db_has_returning(pt_db *db);
/* True when the connection is to a Galera node (wsrep_on): locks are then
 * per node, and a write on another node is seen only at certification.
 * Asked once per connection (one round trip, the first time). */
bool pt_db_galera(pt_db *db);

/* Call once per process before any other function / once at the end. */
pt_status pt_db_library_init(void);
void pt_db_library_end(void);

#endif
