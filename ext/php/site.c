/*
 * participa binding: Participa\Site.
 *
 * Per-process state (kept in module globals, so one copy per php-fpm worker):
 *   - a cache of parsed configurations keyed by path. Site::open() pays one
 *     stat() and reparses only when mtime, size or inode changed; an entry
 *     replaced while Site objects still use it lives on until they are gone.
 *   - the worker's one database connection, opened lazily and kept across
 *     requests; pinged at the first use in each request; reopened in a
 *     forked child without touching the parent's socket (see io/db.h).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <sys/stat.h>
#include <unistd.h>
#include <pcre2.h>

#include "php.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"

#include "php_participa.h"
#include "participa_errors.h"
#include "participa_site.h"
#include "participa_threads.h"
#include "participa_commitments.h"
#include "participa_process.h"
#include "site_arginfo.h"
#include "io/site/config_load.h"
#include "io/common/yaml_doc.h"
#include "io/common/schema_sql.h"

zend_class_entry *participa_ce_Site;
static zend_object_handlers site_handlers;

/* One parsed configuration file. */
typedef struct config_entry {
	char *path;               /* as given to Site::open() */
	pt_config *cfg;
	dev_t dev;                /* identity of the file when it was parsed */
	ino_t ino;
	off_t size;
	struct timespec mtime;
	uint32_t refs;            /* Site objects using it, +1 while it is current */
	bool current;             /* the entry Site::open(path) returns */
	bool territories_synced;  /* mirrored to the database since this parse */
	struct config_entry *next;
} config_entry;

/* Process-wide state. php-fpm on Debian is NTS; a ZTS build would need a lock here. */
static struct {
	config_entry *configs;
	uint64_t parses;
	uint64_t cache_hits;
	pt_db *db;
	char *db_key;             /* settings the connection was opened with */
	uint64_t request_serial;  /* incremented in RINIT */
	uint64_t db_checked_serial;
	char state[160];          /* for phpinfo() */
} site_state;

typedef struct site_object {
	config_entry *entry;
	zend_object std;
} site_object;

static inline site_object *site_from_obj(zend_object *obj)
{
	return (site_object *)((char *)obj - XtOffsetOf(site_object, std));
}

#define Z_SITE_P(zv) site_from_obj(Z_OBJ_P(zv))

static void entry_release(config_entry *e)
{
	config_entry **link;

	if (--e->refs > 0) {
		return;
	}
	for (link = &site_state.configs; *link; link = &(*link)->next) {
		if (*link == e) {
			*link = e->next;
			break;
		}
	}
	pt_config_free(e->cfg);
	free(e->path);
	free(e);
}

static zend_object *site_create(zend_class_entry *ce)
{
	site_object *obj = zend_object_alloc(sizeof(site_object), ce);

	zend_object_std_init(&obj->std, ce);
	object_properties_init(&obj->std, ce);
	obj->std.handlers = &site_handlers;
	obj->entry = NULL;
	return &obj->std;
}

static void site_free(zend_object *object)
{
	site_object *obj = site_from_obj(object);

	if (obj->entry) {
		entry_release(obj->entry);
		obj->entry = NULL;
	}
	zend_object_std_dtor(object);
}

/* Builds the PHP list of problems from diagnostics. */
static void diags_to_array(const pt_diags *diags, zval *out)
{
	size_t i;

	array_init_size(out, (uint32_t)diags->count);
	for (i = 0; i < diags->count; i++) {
		const pt_diag *d = &diags->items[i];
		zval problem;

		array_init_size(&problem, 4);
		add_assoc_string(&problem, "file", d->file ? d->file : "");
		add_assoc_long(&problem, "line", d->line);
		add_assoc_long(&problem, "column", d->column);
		add_assoc_string(&problem, "message", d->message ? d->message : "");
		add_next_index_zval(out, &problem);
	}
}

/* Throws ConfigException for the first problem, carrying all of them. */
static void throw_config_problems(const pt_diags *diags)
{
	pt_error err;
	zval problems;
	const pt_diag *first = &diags->items[0];
	char where[PT_ERROR_MESSAGE_MAX];

	pt_error_clear(&err);
	pt_diag_format(first, where, sizeof(where));  /* "FILE:LINE:COL: message" */
	if (diags->count > 1) {
		pt_error_set_at(&err, PT_ERR_CONFIG, first->file, first->line, first->column,
			"%s (and %zu more problem%s; see getProblems())", where, diags->count - 1, diags->count > 2 ? "s" : "");
	} else {
		pt_error_set_at(&err, PT_ERR_CONFIG, first->file, first->line, first->column, "%s", where);
	}
	participa_throw_error(&err);
	diags_to_array(diags, &problems);
	zend_update_property(participa_ce_ConfigException, EG(exception), ZEND_STRL("problems"), &problems);
	zval_ptr_dtor(&problems);
}

static bool same_file(const config_entry *e, const struct stat *st)
{
	return e->dev == st->st_dev && e->ino == st->st_ino && e->size == st->st_size
		&& e->mtime.tv_sec == st->st_mtim.tv_sec && e->mtime.tv_nsec == st->st_mtim.tv_nsec;
}

static config_entry *find_current(const char *path)
{
	config_entry *e;

	for (e = site_state.configs; e; e = e->next) {
		if (e->current && strcmp(e->path, path) == 0) {
			return e;
		}
	}
	return NULL;
}

/*
 * The core only checks that the time zone looks like an IANA name; whether it
 * exists is PHP's call (its timezone database is what will convert the dates),
 * so the binding asks timezone_identifiers_list() once per parse.
 */
static bool timezone_known(const char *tz)
{
	zval fn, list, *id;
	bool found = false;

	if (strcmp(tz, "UTC") == 0) {
		return true;
	}
	ZVAL_STRING(&fn, "timezone_identifiers_list");
	if (call_user_function(NULL, NULL, &fn, &list, 0, NULL) == SUCCESS && Z_TYPE(list) == IS_ARRAY) {
		ZEND_HASH_FOREACH_VAL(Z_ARRVAL(list), id) {
			if (Z_TYPE_P(id) == IS_STRING && strcmp(Z_STRVAL_P(id), tz) == 0) {
				found = true;
				break;
			}
		} ZEND_HASH_FOREACH_END();
	} else {
		found = true; /* cannot tell: do not block the site on it */
	}
	zval_ptr_dtor(&list);
	zval_ptr_dtor(&fn);
	return found;
}

/*
 * Reads the file through PHP's stream layer (the plain-files wrapper only:
 * no URL wrappers), so open_basedir applies to participa.config and to
 * Site::check() as to any PHP file access, and the bytes count against
 * memory_limit while they are parsed. A FIFO, a device or a directory is
 * refused from a stat() before anything is opened (opening a FIFO waits for
 * a writer), the open itself does not block ("n": O_NONBLOCK) and the
 * descriptor is checked again (the path could have been swapped). *st gets
 * the identity of what was read, for the cache. Problems are one
 * diagnostic with no position that names the file, never its content.
 * With data NULL, only the checks before opening are made.
 */
static pt_status read_config(const char *path, struct stat *st, zend_string **data, pt_diags *diags)
{
	php_stream *stream;
	php_stream_statbuf ssb;
	const char *problem;

	if (data) {
		*data = NULL;
	}
	if (php_check_open_basedir_ex(path, 0) != 0) {
		pt_diags_add(diags, path, 0, 0, "cannot read the configuration: open_basedir does not allow this file");
		return PT_ERR_IO;
	}
	if (VCWD_STAT(path, st) != 0) {
		pt_diags_add(diags, path, 0, 0, "cannot read the configuration file: %s", strerror(errno));
		return PT_ERR_IO;
	}
	if ((problem = pt_yaml_file_problem((unsigned)st->st_mode, (uint64_t)st->st_size))) {
		pt_diags_add(diags, path, 0, 0, "cannot read the configuration: %s", problem);
		return PT_ERR_IO;
	}
	if (!data) {
		return PT_OK;    /* only the checks */
	}
	stream = php_stream_open_wrapper_ex(path, "rbne", IGNORE_URL, NULL, NULL);
	if (!stream) {
		pt_diags_add(diags, path, 0, 0, "cannot read the configuration file: %s", strerror(errno));
		return PT_ERR_IO;
	}
	if (php_stream_stat(stream, &ssb) != 0
		|| (problem = pt_yaml_file_problem((unsigned)ssb.sb.st_mode, (uint64_t)ssb.sb.st_size))) {
		php_stream_close(stream);
		pt_diags_add(diags, path, 0, 0, "cannot read the configuration: %s",
			problem ? problem : "it cannot be examined");
		return PT_ERR_IO;
	}
	*st = ssb.sb;
	*data = php_stream_copy_to_mem(stream, PT_YAML_MAX_FILE + 1, 0);
	php_stream_close(stream);
	if (!*data) {
		*data = ZSTR_EMPTY_ALLOC();
	}
	if (ZSTR_LEN(*data) > PT_YAML_MAX_FILE) {
		zend_string_release(*data);
		*data = NULL;
		pt_diags_add(diags, path, 0, 0, "cannot read the configuration: %s",
			pt_yaml_file_problem(S_IFREG, (uint64_t)PT_YAML_MAX_FILE + 1));
		return PT_ERR_IO;
	}
	return PT_OK;
}

/* The file read through PHP, validated, plus the checks only PHP can make. */
static pt_status load_config(const char *path, const pt_config_options *opts, struct stat *st,
	pt_config **out, pt_diags *diags)
{
	zend_string *data;
	pt_status status;

	*out = NULL;
	if ((status = read_config(path, st, &data, diags)) != PT_OK) {
		return status;
	}
	status = pt_config_load_string_ex(path, ZSTR_VAL(data), ZSTR_LEN(data), opts, out, diags);
	zend_string_release(data);

	if (status == PT_OK && (*out)->timezone && !timezone_known((*out)->timezone)) {
		pt_diags_add(diags, path, (*out)->timezone_line, (*out)->timezone_column,
			"site.timezone: '%s' is not a time zone PHP knows; use a name from "
			"timezone_identifiers_list(), such as America/Mexico_City", (*out)->timezone);
		pt_config_free(*out);
		*out = NULL;
		status = PT_ERR_CONFIG;
	}
	return status;
}

/*
 * Returns the cached entry for path, parsing the file if it is new or has
 * changed. Throws and returns NULL on a bad or unreadable file.
 */
static config_entry *config_acquire(const char *path)
{
	struct stat st;
	config_entry *cached = find_current(path);
	config_entry *fresh;
	pt_config *cfg = NULL;
	pt_diags diags;
	pt_status status;

	/* One stat() per open is the whole cost of a cache hit; open_basedir is
	 * asked first, so a path PHP may not read is not even looked at. */
	if (php_check_open_basedir_ex(path, 0) != 0 || VCWD_STAT(path, &st) != 0) {
		/* read_config() says why, as the one problem of a ConfigException */
		pt_diags_init(&diags);
		if (read_config(path, &st, NULL, &diags) == PT_OK || diags.count == 0) {
			/* it changed in between: say so rather than nothing */
			pt_diags_add(&diags, path, 0, 0, "cannot read the configuration file: it changed while it was opened");
		}
		throw_config_problems(&diags);
		pt_diags_free(&diags);
		return NULL;
	}
	if (cached && same_file(cached, &st)) {
		site_state.cache_hits++;
		return cached;
	}

	pt_diags_init(&diags);
	status = load_config(path, NULL, &st, &cfg, &diags);
	site_state.parses++;
	if (status != PT_OK) {
		if (diags.count > 0) {
			throw_config_problems(&diags);
		} else {
			zend_throw_exception(participa_ce_RuntimeException, "participa: out of memory loading the configuration", 0);
		}
		pt_diags_free(&diags);
		snprintf(site_state.state, sizeof(site_state.state), "no: %s has %zu problem(s)", path, diags.count);
		return NULL;
	}
	pt_diags_free(&diags);

	fresh = calloc(1, sizeof(*fresh));
	if (!fresh || !(fresh->path = strdup(path))) {
		free(fresh);
		pt_config_free(cfg);
		zend_throw_exception(participa_ce_RuntimeException, "participa: out of memory caching the configuration", 0);
		return NULL;
	}
	fresh->cfg = cfg;
	fresh->dev = st.st_dev;
	fresh->ino = st.st_ino;
	fresh->size = st.st_size;
	fresh->mtime = st.st_mtim;
	fresh->refs = 1;          /* the cache's own reference */
	fresh->current = true;
	fresh->next = site_state.configs;
	site_state.configs = fresh;
	if (cached) {
		cached->current = false;
		entry_release(cached); /* drop the cache's reference; live Sites keep theirs */
	}
	snprintf(site_state.state, sizeof(site_state.state), "yes: %s (%zu territories, %zu roles)",
		path, cfg->territories.count, cfg->role_count);
	return fresh;
}

void participa_site_request_start(void)
{
	site_state.request_serial++;
}

const char *participa_site_config_state(void)
{
	return site_state.state[0] ? site_state.state : "not yet (no Site::open() in this process)";
}

static void close_db(void)
{
	/* In a forked child pt_db_close() leaves the parent's socket alone. */
	pt_db_close(site_state.db);
	site_state.db = NULL;
	free(site_state.db_key);
	site_state.db_key = NULL;
}

void participa_site_shutdown(void)
{
	config_entry *e = site_state.configs;

	close_db();
	while (e) {
		config_entry *next = e->next;

		pt_config_free(e->cfg);
		free(e->path);
		free(e);
		e = next;
	}
	site_state.configs = NULL;
}

/* A string that changes whenever the connection settings do. */
static char *db_key_for(const pt_db_settings *s)
{
	char *key = NULL;

	if (asprintf(&key, "%s\n%s\n%u\n%s\n%s\n%s\n%u", s->socket ? s->socket : "", s->host ? s->host : "",
			s->port, s->name ? s->name : "", s->user ? s->user : "",
			s->password_env ? s->password_env : "", s->connect_timeout) < 0) {
		return NULL;
	}
	return key;
}

static void throw_db(pt_status code, unsigned db_errno, const char *fmt, const char *arg)
{
	pt_error err;

	pt_error_clear(&err);
	pt_error_set(&err, code, fmt, arg);
	err.db_errno = db_errno;
	participa_throw_error(&err);
}

const pt_config *participa_site_config(zval *site)
{
	const pt_config *cfg = Z_SITE_P(site)->entry->cfg;

	participa_errors_set_locale(cfg->locale);
	return cfg;
}

pt_db *participa_site_db(zval *site)
{
	site_object *obj = Z_SITE_P(site);
	const pt_config *cfg = obj->entry->cfg;
	pt_error err;
	char *key;

	participa_errors_set_locale(cfg->locale);
	pt_error_clear(&err);
	key = db_key_for(&cfg->db);
	if (!key) {
		zend_throw_exception(participa_ce_RuntimeException, "participa: out of memory", 0);
		return NULL;
	}
	if (site_state.db && (!pt_db_owned(site_state.db) || strcmp(site_state.db_key, key) != 0)) {
		close_db();
	}
	if (!site_state.db) {
		const char *password = NULL;
		pt_db *db = NULL;

		if (cfg->db.password_env) {
			password = getenv(cfg->db.password_env);
			if (!password) {
				throw_db(PT_ERR_DB, 0, "the environment variable %s named by database.password_env is not set "
					"(under php-fpm add `env[...] = ...` to the pool, or set clear_env = no)", cfg->db.password_env);
				free(key);
				return NULL;
			}
		}
		if (pt_db_connect(&cfg->db, password, &db, &err) != PT_OK) {
			participa_throw_error(&err);
			free(key);
			return NULL;
		}
		site_state.db = db;
		site_state.db_key = key;
		site_state.db_checked_serial = site_state.request_serial;
	} else {
		free(key);
		if (site_state.db_checked_serial != site_state.request_serial || pt_db_broken(site_state.db)) {
			if (pt_db_ensure(site_state.db, &err) != PT_OK) {
				participa_throw_error(&err);
				return NULL;
			}
			site_state.db_checked_serial = site_state.request_serial;
		}
	}
	return site_state.db;
}

/* Mirrors territories (and YAML role assignments) once per parse of the file. */
static bool sync_site(site_object *obj, pt_db *db)
{
	pt_error err;

	pt_error_clear(&err);
	if (pt_db_sync_territories(db, &obj->entry->cfg->territories, &err) != PT_OK) {
		participa_throw_error(&err);
		return false;
	}
	obj->entry->territories_synced = true;
	return true;
}

PHP_METHOD(Participa_Site, __construct)
{
	ZEND_PARSE_PARAMETERS_NONE();
}

PHP_METHOD(Participa_Site, open)
{
	zend_string *path = NULL;
	const char *p;
	config_entry *entry;
	site_object *obj;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_PATH_STR_OR_NULL(path)
	ZEND_PARSE_PARAMETERS_END();

	p = path ? ZSTR_VAL(path) : PARTICIPA_G(config_path);
	if (!p || !*p) {
		zend_throw_exception(participa_ce_ConfigException,
			"no configuration file: set participa.config in php.ini or pass a path to Participa\\Site::open()", 0);
		RETURN_THROWS();
	}
	entry = config_acquire(p);
	if (!entry) {
		RETURN_THROWS();
	}
	object_init_ex(return_value, participa_ce_Site);
	obj = Z_SITE_P(return_value);
	obj->entry = entry;
	entry->refs++;
	participa_errors_set_locale(entry->cfg->locale);
}

PHP_METHOD(Participa_Site, check)
{
	/* what `participa check` adds to Site::open()'s checks: the moderation
	 * rules' work on adversarial texts */
	static const pt_config_options check_options = { true };
	zend_string *path;
	pt_config *cfg = NULL;
	pt_diags diags;
	struct stat st;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_PATH_STR(path)
	ZEND_PARSE_PARAMETERS_END();

	pt_diags_init(&diags);
	load_config(ZSTR_VAL(path), &check_options, &st, &cfg, &diags);
	pt_config_free(cfg);
	diags_to_array(&diags, return_value);
	pt_diags_free(&diags);
}

PHP_METHOD(Participa_Site, versions)
{
	char pcre2_version[64];

	ZEND_PARSE_PARAMETERS_NONE();
	pcre2_config(PCRE2_CONFIG_VERSION, pcre2_version);
	array_init(return_value);
	add_assoc_string(return_value, "participa", PHP_PARTICIPA_VERSION);
	add_assoc_string(return_value, "php", PHP_VERSION);
	add_assoc_string(return_value, "mariadb_client", pt_db_client_version());
	add_assoc_string(return_value, "libyaml", pt_yaml_library_version());
	add_assoc_string(return_value, "pcre2", pcre2_version);
}

PHP_METHOD(Participa_Site, stats)
{
	const pt_db_stats *db = site_state.db ? pt_db_get_stats(site_state.db) : NULL;

	ZEND_PARSE_PARAMETERS_NONE();
	array_init(return_value);
	add_assoc_long(return_value, "pid", (zend_long)getpid());
	add_assoc_long(return_value, "config_parses", (zend_long)site_state.parses);
	add_assoc_long(return_value, "config_cache_hits", (zend_long)site_state.cache_hits);
	add_assoc_bool(return_value, "db_connected", site_state.db != NULL);
	add_assoc_long(return_value, "db_connects", db ? (zend_long)db->connects : 0);
	add_assoc_long(return_value, "db_prepares", db ? (zend_long)db->prepares : 0);
	add_assoc_long(return_value, "db_executes", db ? (zend_long)db->executes : 0);
	add_assoc_long(return_value, "db_retries", db ? (zend_long)db->retries : 0);
}

PHP_METHOD(Participa_Site, migrate)
{
	site_object *obj = Z_SITE_P(ZEND_THIS);
	pt_db *db;
	pt_error err;
	char **applied = NULL;
	size_t count = 0, i;

	ZEND_PARSE_PARAMETERS_NONE();
	db = participa_site_db(ZEND_THIS);
	if (!db) {
		RETURN_THROWS();
	}
	pt_error_clear(&err);
	if (pt_db_migrate(db, pt_schema_migrations, PT_SCHEMA_MIGRATION_COUNT, 0, &applied, &count, &err) != PT_OK) {
		participa_throw_error(&err);
		RETURN_THROWS();
	}
	array_init_size(return_value, (uint32_t)count);
	for (i = 0; i < count; i++) {
		add_next_index_string(return_value, applied[i]);
	}
	pt_db_names_free(applied, count);
	if (!sync_site(obj, db)) {
		zval_ptr_dtor(return_value);
		RETURN_THROWS();
	}
}

PHP_METHOD(Participa_Site, info)
{
	const pt_config *cfg = Z_SITE_P(ZEND_THIS)->entry->cfg;

	ZEND_PARSE_PARAMETERS_NONE();
	array_init(return_value);
	add_assoc_string(return_value, "name", cfg->site_name ? cfg->site_name : "");
	add_assoc_string(return_value, "locale", cfg->locale ? cfg->locale : "es_MX");
	add_assoc_string(return_value, "timezone", cfg->timezone ? cfg->timezone : "America/Mexico_City");
	add_assoc_string(return_value, "config", cfg->file ? cfg->file : "");
	add_assoc_string(return_value, "database", cfg->db.name ? cfg->db.name : "");
	add_assoc_long(return_value, "territories", (zend_long)cfg->territories.count);
	add_assoc_long(return_value, "roles", (zend_long)cfg->role_count);
	add_assoc_long(return_value, "assignments", (zend_long)cfg->assignment_count);
}

PHP_METHOD(Participa_Site, roles)
{
	const pt_config *cfg = Z_SITE_P(ZEND_THIS)->entry->cfg;
	size_t i;

	ZEND_PARSE_PARAMETERS_NONE();
	array_init_size(return_value, (uint32_t)cfg->role_count);
	for (i = 0; i < cfg->role_count; i++) {
		const pt_role *r = &cfg->roles[i];
		zval role, perms;
		uint32_t bit;

		array_init(&role);
		add_assoc_string(&role, "name", r->name ? r->name : r->id);
		array_init(&perms);
		for (bit = 1; bit; bit <<= 1) {
			const char *name = (r->permissions & bit) ? pt_permission_name(bit) : NULL;

			if (name) {
				add_next_index_string(&perms, name);
			}
		}
		add_assoc_zval(&role, "permissions", &perms);
		add_assoc_bool(&role, "votes", r->votes);
		add_assoc_zval(return_value, r->id, &role);
	}
}

static void territory_to_array(const pt_territory *t, zval *out)
{
	array_init_size(out, 4);
	add_assoc_string(out, "id", t->id);
	add_assoc_string(out, "name", t->name ? t->name : t->id);
	if (t->kind) {
		add_assoc_string(out, "kind", t->kind);
	} else {
		add_assoc_null(out, "kind");
	}
}

PHP_METHOD(Participa_Site, territories)
{
	const pt_territory_tree *tree = &Z_SITE_P(ZEND_THIS)->entry->cfg->territories;
	zval *nodes;
	int32_t *first_child, *next_sibling, *last_child;
	size_t i;

	ZEND_PARSE_PARAMETERS_NONE();
	array_init(return_value);
	if (tree->count == 0) {
		return;
	}
	/* Sibling links in declaration order (items are stored parents first). */
	first_child = safe_emalloc(tree->count, 3 * sizeof(int32_t), 0);
	next_sibling = first_child + tree->count;
	last_child = next_sibling + tree->count;
	for (i = 0; i < tree->count; i++) {
		first_child[i] = next_sibling[i] = last_child[i] = -1;
	}
	for (i = 0; i < tree->count; i++) {
		int32_t parent = tree->items[i].parent;

		if (parent >= 0) {
			if (last_child[parent] < 0) {
				first_child[parent] = (int32_t)i;
			} else {
				next_sibling[last_child[parent]] = (int32_t)i;
			}
			last_child[parent] = (int32_t)i;
		}
	}
	/*
	 * Walk backwards so every node's children are complete before the node
	 * itself is moved into its parent (PHP arrays are values: a child added
	 * early would be copied, not shared).
	 */
	nodes = safe_emalloc(tree->count, sizeof(zval), 0);
	for (i = tree->count; i-- > 0;) {
		zval children;
		int32_t c;

		territory_to_array(&tree->items[i], &nodes[i]);
		array_init(&children);
		for (c = first_child[i]; c >= 0; c = next_sibling[c]) {
			add_next_index_zval(&children, &nodes[c]);
		}
		add_assoc_zval(&nodes[i], "children", &children);
	}
	for (i = 0; i < tree->count; i++) {
		if (tree->items[i].parent < 0) {
			add_next_index_zval(return_value, &nodes[i]);
		}
	}
	efree(nodes);
	efree(first_child);
}

PHP_METHOD(Participa_Site, territory)
{
	const pt_territory_tree *tree = &Z_SITE_P(ZEND_THIS)->entry->cfg->territories;
	zend_string *id;
	int32_t at;
	const pt_territory *t;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(id)
	ZEND_PARSE_PARAMETERS_END();

	at = pt_territory_find(tree, ZSTR_VAL(id), ZSTR_LEN(id));
	if (at < 0) {
		RETURN_NULL();
	}
	t = &tree->items[at];
	territory_to_array(t, return_value);
	if (t->parent >= 0) {
		add_assoc_string(return_value, "parent", tree->items[t->parent].id);
	} else {
		add_assoc_null(return_value, "parent");
	}
	add_assoc_long(return_value, "depth", t->depth);
}

PHP_METHOD(Participa_Site, territoryWithin)
{
	const pt_territory_tree *tree = &Z_SITE_P(ZEND_THIS)->entry->cfg->territories;
	zend_string *inner, *outer;
	int32_t a, b;

	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_STR(inner)
		Z_PARAM_STR(outer)
	ZEND_PARSE_PARAMETERS_END();

	a = pt_territory_find(tree, ZSTR_VAL(inner), ZSTR_LEN(inner));
	b = pt_territory_find(tree, ZSTR_VAL(outer), ZSTR_LEN(outer));
	if (a < 0 || b < 0) {
		zend_throw_exception_ex(participa_ce_NotFoundException, 0, "no territory with id '%s' in the configuration",
			ZSTR_VAL(a < 0 ? inner : outer));
		RETURN_THROWS();
	}
	RETURN_BOOL(pt_territory_within(tree, a, b));
}

PHP_METHOD(Participa_Site, thread)
{
	zend_string *type, *id;

	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_STR(type)
		Z_PARAM_STR(id)
	ZEND_PARSE_PARAMETERS_END();

	participa_thread_create(ZEND_THIS, type, id, return_value);
}

PHP_METHOD(Participa_Site, moderation)
{
	ZEND_PARSE_PARAMETERS_NONE();
	participa_moderation_create(ZEND_THIS, return_value);
}

PHP_METHOD(Participa_Site, participants)
{
	ZEND_PARSE_PARAMETERS_NONE();
	participa_participants_create(ZEND_THIS, return_value);
}

PHP_METHOD(Participa_Site, commitments)
{
	ZEND_PARSE_PARAMETERS_NONE();
	participa_commitments_create(ZEND_THIS, return_value);
}

PHP_METHOD(Participa_Site, process)
{
	zend_string *id;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(id)
	ZEND_PARSE_PARAMETERS_END();

	participa_process_create(ZEND_THIS, id, return_value);
}

void participa_register_site(void)
{
	participa_ce_Site = register_class_Participa_Site();
	participa_ce_Site->create_object = site_create;
	memcpy(&site_handlers, zend_get_std_object_handlers(), sizeof(site_handlers));
	site_handlers.offset = XtOffsetOf(site_object, std);
	site_handlers.free_obj = site_free;
	site_handlers.clone_obj = NULL;
}
