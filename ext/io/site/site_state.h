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

/* Frees every entry and closes the connection (MSHUTDOWN). */
void pt_site_state_free(pt_site_state *s);

#endif /* PT_SITE_STATE_H */
