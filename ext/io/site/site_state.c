/*
 * participa io: a worker's per-process site state (site_state.h).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE          /* asprintf */
#endif
#include "io/site/site_state.h"
#include "io/common/yaml_doc.h"
#include "io/common/schema_sql.h"

#include <pcre2.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool same_file(const pt_site_entry *e, const struct stat *st)
{
	return e->dev == st->st_dev && e->ino == st->st_ino && e->size == st->st_size
		&& e->mtime.tv_sec == st->st_mtim.tv_sec && e->mtime.tv_nsec == st->st_mtim.tv_nsec;
}

pt_site_entry *pt_site_cached(pt_site_state *s, const char *path, const struct stat *st)
{
	pt_site_entry *e;

	for (e = s->configs; e; e = e->next) {
		if (e->current && strcmp(e->path, path) == 0) {
			break;
		}
	}
	if (e && same_file(e, st)) {
		s->cache_hits++;
		return e;
	}
	return NULL;
}

static void entry_free(pt_site_entry *e)
{
	pt_config_free(e->cfg);
	free(e->path);
	free(e);
}

void pt_site_release(pt_site_state *s, pt_site_entry *e)
{
	pt_site_entry **link;

	if (--e->refs > 0) {
		return;
	}
	for (link = &s->configs; *link; link = &(*link)->next) {
		if (*link == e) {
			*link = e->next;
			break;
		}
	}
	entry_free(e);
}

pt_status pt_site_parsed(pt_site_state *s, const char *path, const struct stat *st, pt_config *cfg,
	pt_site_entry **out, pt_error *err)
{
	pt_site_entry *fresh = calloc(1, sizeof(*fresh)), *e;

	*out = NULL;
	s->parses++;
	if (!fresh || !(fresh->path = strdup(path))) {
		free(fresh);
		pt_config_free(cfg);
		return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory caching the configuration");
	}
	fresh->cfg = cfg;
	fresh->dev = st->st_dev;
	fresh->ino = st->st_ino;
	fresh->size = st->st_size;
	fresh->mtime = st->st_mtim;
	fresh->refs = 1;          /* the cache's own reference */
	fresh->current = true;
	for (e = s->configs; e; e = e->next) {
		if (e->current && strcmp(e->path, path) == 0) {
			e->current = false;
			pt_site_release(s, e);   /* drop the cache's reference; live Sites keep theirs */
			break;
		}
	}
	fresh->next = s->configs;
	s->configs = fresh;
	snprintf(s->state, sizeof(s->state), "yes: %s (%zu territories, %zu roles)",
		path, cfg->territories.count, cfg->role_count);
	*out = fresh;
	return PT_OK;
}

void pt_site_parse_failed(pt_site_state *s, const char *path, size_t problems)
{
	s->parses++;
	snprintf(s->state, sizeof(s->state), "no: %s has %zu problem(s)", path, problems);
}

void pt_site_request(pt_site_state *s)
{
	s->request_serial++;
}

static void close_db(pt_site_state *s)
{
	/* In a forked child pt_db_close() leaves the parent's socket alone. */
	pt_db_close(s->db);
	s->db = NULL;
	free(s->db_key);
	s->db_key = NULL;
}

/* A string that changes whenever the connection settings do. */
static char *db_key_for(const pt_db_settings *d)
{
	char *key = NULL;

	if (asprintf(&key, "%s\n%s\n%u\n%s\n%s\n%s\n%u", d->socket ? d->socket : "", d->host ? d->host : "",
			d->port, d->name ? d->name : "", d->user ? d->user : "",
			d->password_env ? d->password_env : "", d->connect_timeout) < 0) {
		return NULL;
	}
	return key;
}

/* One field of db_key_for()'s text at *k, then sep ('\n', or '\0' after the last); *k moves past both. */
static bool key_field(const char **k, const char *v, char sep)
{
	size_t n = strlen(v);

	if (strncmp(*k, v, n) != 0 || (*k)[n] != sep) {
		return false;
	}
	*k += n + 1;
	return true;
}

static bool key_number(const char **k, unsigned u, char sep)
{
	char digits[16];
	size_t i = sizeof(digits) - 1;

	digits[i] = '\0';
	do {
		digits[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	return key_field(k, digits + i, sep);
}

/* strcmp(key, db_key_for(d)) == 0, without formatting it (every database call asks). */
static bool db_key_matches(const char *key, const pt_db_settings *d)
{
	return key_field(&key, d->socket ? d->socket : "", '\n') && key_field(&key, d->host ? d->host : "", '\n')
		&& key_number(&key, d->port, '\n') && key_field(&key, d->name ? d->name : "", '\n')
		&& key_field(&key, d->user ? d->user : "", '\n')
		&& key_field(&key, d->password_env ? d->password_env : "", '\n')
		&& key_number(&key, d->connect_timeout, '\0');
}

pt_status pt_site_db(pt_site_state *s, const pt_db_settings *d, pt_db **out, pt_error *err)
{
	const char *password = NULL;
	char *key;

	*out = NULL;
	if (s->db && (!pt_db_owned(s->db) || !db_key_matches(s->db_key, d))) {
		close_db(s);
	}
	if (s->db) {
		if (s->db_checked_serial != s->request_serial || pt_db_broken(s->db)) {
			if (pt_db_ensure(s->db, err) != PT_OK) {
				return err->code;
			}
			s->db_checked_serial = s->request_serial;
		}
		*out = s->db;
		return PT_OK;
	}
	if (!(key = db_key_for(d))) {
		return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	}
	if (d->password_env && !(password = getenv(d->password_env))) {
		free(key);
		return pt_error_set(err, PT_ERR_DB, "the environment variable %s named by database.password_env is not set "
			"(under php-fpm add `env[...] = ...` to the pool, or set clear_env = no)", d->password_env);
	}
	if (pt_db_connect(d, password, &s->db, err) != PT_OK) {
		s->db = NULL;
		free(key);
		return err->code;
	}
	s->db_key = key;
	s->db_checked_serial = s->request_serial;
	*out = s->db;
	return PT_OK;
}

void pt_site_state_free(pt_site_state *s)
{
	pt_site_entry *e = s->configs;

	close_db(s);
	while (e) {
		pt_site_entry *next = e->next;

		entry_free(e);
		e = next;
	}
	s->configs = NULL;
}

void pt_site_diags_error(const pt_diags *diags, pt_error *err)
{
	const pt_diag *first = &diags->items[0];
	char where[PT_ERROR_MESSAGE_MAX];

	pt_error_clear(err);
	pt_diag_format(first, where, sizeof(where));  /* "FILE:LINE:COL: message" */
	if (diags->count > 1) {
		pt_error_set_at(err, PT_ERR_CONFIG, first->file, first->line, first->column,
			"%s (and %zu more problem%s; see getProblems())", where, diags->count - 1, diags->count > 2 ? "s" : "");
	} else {
		pt_error_set_at(err, PT_ERR_CONFIG, first->file, first->line, first->column, "%s", where);
	}
}

pt_status pt_site_timezone_unknown(pt_config **cfg, pt_diags *diags)
{
	pt_diags_add(diags, (*cfg)->file, (*cfg)->timezone_line, (*cfg)->timezone_column,
		"site.timezone: '%s' is not a time zone PHP knows; use a name from "
		"timezone_identifiers_list(), such as America/Mexico_City", (*cfg)->timezone);
	pt_config_free(*cfg);
	*cfg = NULL;
	return PT_ERR_CONFIG;
}

/* site.templates must name a folder this process can list and read (the renderer opens files in it). */
static pt_status templates_dir_check(pt_config **cfg, pt_diags *diags)
{
	const char *dir = (*cfg)->templates_dir, *why = NULL;
	struct stat st;

	if (stat(dir, &st) != 0) {
		why = strerror(errno);
	} else if (!S_ISDIR(st.st_mode)) {
		why = "it is not a folder";
	} else if (access(dir, R_OK | X_OK) != 0) {
		why = strerror(errno);
	}
	if (!why) {
		return PT_OK;
	}
	pt_diags_add(diags, (*cfg)->file, (*cfg)->templates_line, (*cfg)->templates_column,
		"site.templates: cannot read the folder '%s': %s", dir, why);
	pt_config_free(*cfg);
	*cfg = NULL;
	return PT_ERR_CONFIG;
}

pt_status pt_site_load(const pt_site_reader *r, const char *path, const pt_config_options *opts, struct stat *st,
	pt_config **out, pt_diags *diags)
{
	const char *problem, *data;
	size_t len;
	pt_status status;

	*out = NULL;
	if ((status = r->stat(r->ctx, path, st, diags)) != PT_OK) {
		return status;
	}
	if ((problem = pt_yaml_file_problem((unsigned)st->st_mode, (uint64_t)st->st_size))) {
		pt_diags_add(diags, path, 0, 0, "cannot read the configuration: %s", problem);
		return PT_ERR_IO;
	}
	if ((status = r->read(r->ctx, path, st, &data, &len, diags)) != PT_OK) {
		return status;
	}
	if (len > PT_YAML_MAX_FILE) {
		r->release(r->ctx);
		pt_diags_add(diags, path, 0, 0, "cannot read the configuration: %s",
			pt_yaml_file_problem(S_IFREG, (uint64_t)PT_YAML_MAX_FILE + 1));
		return PT_ERR_IO;
	}
	status = pt_config_load_string_ex(path, data, len, opts, out, diags);
	r->release(r->ctx);
	if (status == PT_OK && (*out)->timezone && strcmp((*out)->timezone, "UTC") != 0
			&& !r->timezone_known(r->ctx, (*out)->timezone)) {
		status = pt_site_timezone_unknown(out, diags);
	}
	if (status == PT_OK && (*out)->templates_dir) {
		status = templates_dir_check(out, diags);
	}
	return status;
}

pt_status pt_site_open(pt_site_state *s, const pt_site_reader *r, const char *path, pt_site_entry **out,
	pt_diags *diags, pt_error *err)
{
	struct stat st;
	pt_config *cfg = NULL;

	*out = NULL;
	if (r->stat(r->ctx, path, &st, diags) != PT_OK) {
		return PT_ERR_CONFIG;
	}
	if ((*out = pt_site_cached(s, path, &st))) {
		return PT_OK;
	}
	if (pt_site_load(r, path, NULL, &st, &cfg, diags) != PT_OK) {
		pt_site_parse_failed(s, path, diags->count);
		return diags->count ? PT_ERR_CONFIG
			: pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory loading the configuration");
	}
	return pt_site_parsed(s, path, &st, cfg, out, err);
}

pt_status pt_site_migrate(pt_site_entry *e, pt_db *db, const pt_allocator *a, pt_value **applied, pt_error *err)
{
	char **names = NULL;
	size_t count = 0, i;
	pt_status st;

	*applied = NULL;
	if ((st = pt_db_migrate(db, pt_schema_migrations, PT_SCHEMA_MIGRATION_COUNT, 0, &names, &count, err)) != PT_OK) {
		return st;
	}
	*applied = pt_value_list(a);
	for (i = 0; i < count; i++) {
		if (pt_value_push(*applied, pt_value_cstr(a, names[i])) != PT_OK) {
			pt_value_free(*applied);
			*applied = NULL;
			break;
		}
	}
	pt_db_names_free(names, count);
	if (!*applied) {
		return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	}
	/* territories (and YAML role assignments) are mirrored once per parse of the file */
	if ((st = pt_db_sync_territories(db, &e->cfg->territories, err)) != PT_OK) {
		pt_value_free(*applied);
		*applied = NULL;
		return st;
	}
	e->territories_synced = true;
	return PT_OK;
}

pt_value *pt_site_stats_value(const pt_site_state *s, const pt_allocator *a)
{
	const pt_db_stats *db = s->db ? pt_db_get_stats(s->db) : NULL;
	pt_value *m = pt_value_map(a);
	int ok = m != NULL;

	ok = ok && pt_value_setc(m, "pid", pt_value_int(a, (int64_t)getpid())) == PT_OK;
	ok = ok && pt_value_setc(m, "config_parses", pt_value_int(a, (int64_t)s->parses)) == PT_OK;
	ok = ok && pt_value_setc(m, "config_cache_hits", pt_value_int(a, (int64_t)s->cache_hits)) == PT_OK;
	ok = ok && pt_value_setc(m, "db_connected", pt_value_bool(a, s->db != NULL)) == PT_OK;
	ok = ok && pt_value_setc(m, "db_connects", pt_value_int(a, db ? (int64_t)db->connects : 0)) == PT_OK;
	ok = ok && pt_value_setc(m, "db_prepares", pt_value_int(a, db ? (int64_t)db->prepares : 0)) == PT_OK;
	ok = ok && pt_value_setc(m, "db_executes", pt_value_int(a, db ? (int64_t)db->executes : 0)) == PT_OK;
	ok = ok && pt_value_setc(m, "db_retries", pt_value_int(a, db ? (int64_t)db->retries : 0)) == PT_OK;
	if (!ok) {
		pt_value_free(m);
		return NULL;
	}
	return m;
}

pt_value *pt_site_versions_value(const char *participa, const char *php, const pt_allocator *a)
{
	char pcre2_version[64];
	pt_value *m = pt_value_map(a);
	int ok = m != NULL;

	pcre2_config(PCRE2_CONFIG_VERSION, pcre2_version);
	ok = ok && pt_value_setc(m, "participa", pt_value_cstr(a, participa)) == PT_OK;
	ok = ok && pt_value_setc(m, "php", pt_value_cstr(a, php)) == PT_OK;
	ok = ok && pt_value_setc(m, "mariadb_client", pt_value_cstr(a, pt_db_client_version())) == PT_OK;
	ok = ok && pt_value_setc(m, "libyaml", pt_value_cstr(a, pt_yaml_library_version())) == PT_OK;
	ok = ok && pt_value_setc(m, "pcre2", pt_value_cstr(a, pcre2_version)) == PT_OK;
	if (!ok) {
		pt_value_free(m);
		return NULL;
	}
	return m;
}
