/*
 * participa io: a worker's per-process site state, behind Participa\Site.
 *
 *   - a cache of parsed configurations keyed by path. Site::open() pays one
 *     stat() and reparses only when mtime, size or inode changed; an entry
 *     replaced while Site objects still use it lives on until they are gone
 *     (reference counted: the cache holds one reference to its current entry,
 *     each Site object one);
 *   - the worker's one database connection, opened lazily and kept across
 *     requests; pinged at the first use in each request (pt_site_request());
 *     reopened when the settings change, or in a forked child without
 *     touching the parent's socket (see io/common/db.h).
 *
 * libc memory (it outlives requests). Not thread safe: one state per
 * process (php-fpm on Debian is NTS; a ZTS build would need a lock).
 * Reading the file is the caller's (the binding reads through PHP's streams
 * so open_basedir applies).
 */
#ifndef PT_SITE_STATE_H
#define PT_SITE_STATE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>
#include "core/site/site_config.h"
#include "io/common/db.h"
#include "io/site/config_load.h"
#include "core/common/pt_value.h"

/* One parsed configuration file. */
typedef struct pt_site_entry {
	char *path;               /* as given to Site::open() */
	pt_config *cfg;
	dev_t dev;                /* identity of the file when it was parsed */
	ino_t ino;
	off_t size;
	struct timespec mtime;
	uint32_t refs;            /* Site objects using it, +1 while it is current */
	bool current;             /* the entry Site::open(path) returns */
	bool territories_synced;  /* mirrored to the database since this parse */
	struct pt_site_entry *next;
} pt_site_entry;

/* Zero-initialised is an empty state (a plain static will do). */
typedef struct pt_site_state {
	pt_site_entry *configs;
	uint64_t parses;
	uint64_t cache_hits;
	pt_db *db;
	char *db_key;             /* settings the connection was opened with */
	uint64_t request_serial;  /* incremented by pt_site_request() */
	uint64_t db_checked_serial;
	char state[160];          /* for phpinfo() */
} pt_site_state;

/* The current entry for path when st (a fresh stat) says the file is unchanged (a cache hit), else NULL. */
pt_site_entry *pt_site_cached(pt_site_state *s, const char *path, const struct stat *st);

/*
 * Records a parse of path: cfg (taken over, freed on failure) becomes the
 * current entry, the previous one is released. The entry is returned with
 * the cache's reference only: the caller takes its own (e->refs++).
 * PT_ERR_NOMEM (err filled) on failure.
 */
pt_status pt_site_parsed(pt_site_state *s, const char *path, const struct stat *st, pt_config *cfg,
	pt_site_entry **out, pt_error *err);

/* Records a failed parse of path with problems problems (for phpinfo()). */
void pt_site_parse_failed(pt_site_state *s, const char *path, size_t problems);

/* Drops one reference; the entry is freed with its last. */
void pt_site_release(pt_site_state *s, pt_site_entry *e);

/* A new request: the next pt_site_db() pings the connection first. */
void pt_site_request(pt_site_state *s);

/*
 * The connection for settings db, connected and checked: reused when the
 * settings are the same and this process opened it; the password from the
 * environment variable db->password_env. PT_ERR_DB (or PT_ERR_NOMEM) with err
 * filled on failure.
 */
pt_status pt_site_db(pt_site_state *s, const pt_db_settings *db, pt_db **out, pt_error *err);

/*
 * The ConfigException of a failed parse: PT_ERR_CONFIG at the first problem
 * ("FILE:LINE:COL: message", and how many more there are). diags is not empty.
 */
void pt_site_diags_error(const pt_diags *diags, pt_error *err);

/* *cfg's site.timezone is unknown to the host: adds the problem, frees *cfg (NULL), PT_ERR_CONFIG. */
pt_status pt_site_timezone_unknown(pt_config **cfg, pt_diags *diags);

/*
 * How the host reads a configuration file (the binding: through PHP's
 * streams, so open_basedir and memory_limit apply). Each callback that
 * fails adds one diagnostic with no position that names the file, never its
 * content, and returns PT_ERR_IO.
 */
typedef struct pt_site_reader {
	/* may the host read path? then its stat() into *st (every Site::open() pays this one call) */
	pt_status (*stat)(void *ctx, const char *path, struct stat *st, pt_diags *diags);
	/* the bytes of path (at most PT_YAML_MAX_FILE + 1 of them), *st what was read; valid until release() */
	pt_status (*read)(void *ctx, const char *path, struct stat *st, const char **data, size_t *len, pt_diags *diags);
	void (*release)(void *ctx);
	/* does the host know this IANA time zone? (its database converts the dates) */
	bool (*timezone_known)(void *ctx, const char *tz);
	void *ctx;
} pt_site_reader;

/*
 * Reads and validates path through r: stat, refusing a FIFO, a device or a
 * directory before opening it (opening a FIFO waits for a writer) and a file
 * over PT_YAML_MAX_FILE, then read (the host checks the descriptor again),
 * parse with opts (NULL: defaults), and the time zone. *st the identity of
 * what was read. The status, problems in diags.
 */
pt_status pt_site_load(const pt_site_reader *r, const char *path, const pt_config_options *opts, struct stat *st,
	pt_config **out, pt_diags *diags);

/*
 * Site::open(path): the cached entry when the file is unchanged (one stat),
 * else a new parse (pt_site_load(), pt_site_parsed()). The entry with the
 * cache's reference only (the caller takes its own). On failure the problems
 * are in diags (a ConfigException), or err is set (PT_ERR_NOMEM) when diags
 * is empty.
 */
pt_status pt_site_open(pt_site_state *s, const pt_site_reader *r, const char *path, pt_site_entry **out,
	pt_diags *diags, pt_error *err);

/*
 * Site::migrate(): the pending migrations applied on db, then the territories
 * mirrored (once per parse of e's file); *applied the list of their names.
 */
pt_status pt_site_migrate(pt_site_entry *e, pt_db *db, const pt_allocator *a, pt_value **applied, pt_error *err);

/* Site::stats(): pid, config_parses, config_cache_hits, db_connected, db_connects, db_prepares, db_executes, db_retries. */
pt_value *pt_site_stats_value(const pt_site_state *s, const pt_allocator *a);

/* Site::versions(): participa, php (the host's, given), mariadb_client, libyaml, pcre2. */
pt_value *pt_site_versions_value(const char *participa, const char *php, const pt_allocator *a);

/* Frees every entry and closes the connection (MSHUTDOWN). */
void pt_site_state_free(pt_site_state *s);

#endif /* PT_SITE_STATE_H */
