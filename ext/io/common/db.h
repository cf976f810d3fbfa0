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
 *   - need not do more for a long-running process (a CLI loop, a worker
 *     that sees a restart between two statements): before every statement
 *     outside a transaction, and before every transaction, a connection the
 *     server has closed (one poll() of the socket, no round trip) or one an
 *     earlier call lost is replaced, and a statement that failed because the
 *     connection was lost runs again on a new one when that is certainly
 *     safe (it could not be sent, 2006, or it only reads);
 *   - runs every SQL statement as a prepared statement, cached per
 *     connection by SQL text and reused.
 *
 * Writes go through pt_db_transaction(), which replays the whole unit when the
 * server reports a deadlock (1213), a lock wait timeout (1205) or SQLSTATE
 * 40001 at ANY statement, including COMMIT: Galera reports certification
 * failures on the statement after the conflict, and a COMMIT after that
 * "succeeds" on nothing.
 *
 * A connection lost inside a transaction (before COMMIT was sent) loses
 * nothing: the server rolls the transaction back, and the unit runs again on
 * a new connection. A COMMIT whose answer is lost (2013) may or may not have
 * been applied: a unit that can tell (by its idempotency key) gives a landed
 * callback (pt_db_transaction_ex()); without one the caller gets PT_ERR_DB
 * saying the outcome is unknown, never a silent replay.
 *
 * Text parameters must be valid UTF-8 (every text column is utf8mb4 or
 * ascii): anything else is refused with PT_ERR_INVALID before it is sent.
 *
 * Errors: PT_ERR_DB with err->db_errno and err->sqlstate set from the server
 * (or the client library, 2002/2006/2013 for an unreachable server). Their
 * messages are for the operator (they quote SQL, sockets, user names).
 */
#ifndef PT_DB_H
#define PT_DB_H

#include <stdbool.h>
#include <stdint.h>
#include "core/common/pt_base.h"
#include "core/site/site_config.h"

typedef struct pt_db pt_db;

/* A parameter or a column value. Text is not NUL-terminated necessarily. */
typedef enum pt_db_type {
	PT_DB_NULL = 0,
	PT_DB_INT,
	PT_DB_TEXT,       /* a parameter must be valid UTF-8 (refused before sending otherwise) */
	PT_DB_DOUBLE,
	PT_DB_BLOB        /* parameters only: bytes for a binary column, sent as they are */
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
#define PT_DB_BLOB_V(p, l)   ((pt_db_value){ .type = PT_DB_BLOB, .s = (p), .len = (l) })
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
	uint64_t reconnects;    /* lost connections replaced without the caller seeing it */
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
 * randomised back-off. A connection lost before COMMIT was answered is
 * replaced and the unit runs again (at most twice), except that a lost
 * answer to COMMIT itself needs pt_db_transaction_ex()'s landed callback
 * (see above). Any other failure rolls back and returns the error.
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

/*
 * Called after a reconnect when the answer to the unit's COMMIT (or, for a
 * self-contained unit, to its statement) was lost: looks, on the new
 * connection and outside any transaction, whether the unit's write is
 * stored (by its idempotency key) and sets *landed. When it is, the callback
 * fills ctx as the unit does for a replayed request and the transaction
 * returns PT_OK; when it is not, the unit runs again. An error is returned
 * as is.
 */
typedef pt_status (*pt_db_landed_fn)(pt_db *db, void *ctx, bool *landed, pt_error *err);

typedef struct pt_db_tx_options {
	unsigned max_attempts;    /* runs after conflicts; 0 = 5 */
	bool repeatable_read;     /* as pt_db_transaction_rr() */
	bool self_contained;      /* as pt_db_replayed() (takes precedence) */
	pt_db_landed_fn landed;   /* NULL: a lost COMMIT answer is PT_ERR_DB "outcome unknown" */
} pt_db_tx_options;

/* pt_db_transaction() with options (NULL: the defaults). */
pt_status pt_db_transaction_ex(pt_db *db, const pt_db_tx_options *options, pt_db_unit_fn unit,
	void *ctx, unsigned *attempts, pt_error *err);

/*
 * Tests only: fn is called just before COMMIT is sent and just after it
 * succeeded (for a self-contained unit: after the unit succeeded); returning
 * true at PT_DB_HOOK_AFTER_COMMIT makes the runner act as if the answer had
 * been lost (the socket is shut, errno 2013).
 */
typedef enum pt_db_hook_point {
	PT_DB_HOOK_BEFORE_COMMIT,
	PT_DB_HOOK_AFTER_COMMIT
} pt_db_hook_point;
typedef bool (*pt_db_hook_fn)(pt_db *db, pt_db_hook_point at, void *arg);
void pt_db_set_test_hook(pt_db *db, pt_db_hook_fn fn, void *arg);

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
