/*
 * participa binding: Participa\Site.
 *
 * The per-process state behind it (the configuration cache and the worker's
 * one database connection) is io/site/site_state.h; this file reads the file
 * through PHP's streams and converts.
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
#include "io/site/site_state.h"
#include "core/site/site_view.h"
#include "io/common/yaml_doc.h"
#include "io/common/schema_sql.h"

zend_class_entry *participa_ce_Site;
static zend_object_handlers site_handlers;

static pt_site_state site_state;

typedef struct site_object {
	pt_site_entry *entry;
	zend_object std;
} site_object;

#define Z_SITE_P(zv) PARTICIPA_OBJ(site_object, Z_OBJ_P(zv))

static zend_object *site_create(zend_class_entry *ce)
{
	site_object *obj = participa_object_new(ce, sizeof(site_object), XtOffsetOf(site_object, std), &site_handlers);

	obj->entry = NULL;
	return &obj->std;
}

static void site_free(zend_object *object)
{
	site_object *obj = PARTICIPA_OBJ(site_object, object);

	if (obj->entry) {
		pt_site_release(&site_state, obj->entry);
		obj->entry = NULL;
	}
	zend_object_std_dtor(object);
}

/* Throws ConfigException for the first problem, carrying all of them. */
static void throw_config_problems(const pt_diags *diags)
{
	pt_error err;
	zval problems;

	pt_site_diags_error(diags, &err);
	participa_throw_error(&err);
	if (!participa_value_return(pt_diags_value(diags, &participa_request_allocator), &problems)) {
		return;
	}
	zend_update_property(participa_ce_ConfigException, EG(exception), ZEND_STRL("problems"), &problems);
	zval_ptr_dtor(&problems);
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
		status = pt_site_timezone_unknown(out, diags);
	}
	return status;
}

/*
 * Returns the cached entry for path, parsing the file if it is new or has
 * changed. Throws and returns NULL on a bad or unreadable file.
 */
static pt_site_entry *config_acquire(const char *path)
{
	struct stat st;
	pt_site_entry *entry;
	pt_config *cfg = NULL;
	pt_diags diags;
	pt_error err;

	/* One stat() per open is the whole cost of a cache hit; open_basedir is
	 * asked first, so a path PHP may not read is not even looked at. */
	pt_diags_init(&diags);
	if (php_check_open_basedir_ex(path, 0) != 0 || VCWD_STAT(path, &st) != 0) {
		/* read_config() says why, as the one problem of a ConfigException */
		if (read_config(path, &st, NULL, &diags) == PT_OK || diags.count == 0) {
			/* it changed in between: say so rather than nothing */
			pt_diags_add(&diags, path, 0, 0, "cannot read the configuration file: it changed while it was opened");
		}
		throw_config_problems(&diags);
		pt_diags_free(&diags);
		return NULL;
	}
	if ((entry = pt_site_cached(&site_state, path, &st))) {
		return entry;
	}
	pt_error_clear(&err);
	if (load_config(path, NULL, &st, &cfg, &diags) != PT_OK) {
		pt_site_parse_failed(&site_state, path, diags.count);
		if (diags.count > 0) {
			throw_config_problems(&diags);
		} else {
			pt_error_set(&err, PT_ERR_NOMEM, "participa: out of memory loading the configuration");
			participa_throw_error(&err);
		}
		pt_diags_free(&diags);
		return NULL;
	}
	pt_diags_free(&diags);
	if (pt_site_parsed(&site_state, path, &st, cfg, &entry, &err) != PT_OK) {
		participa_throw_error(&err);
		return NULL;
	}
	return entry;
}

void participa_site_request_start(void)
{
	pt_site_request(&site_state);
}

const char *participa_site_config_state(void)
{
	return site_state.state[0] ? site_state.state : "not yet (no Site::open() in this process)";
}

void participa_site_shutdown(void)
{
	pt_site_state_free(&site_state);
}

const pt_config *participa_site_config(zval *site)
{
	const pt_config *cfg = Z_SITE_P(site)->entry->cfg;

	participa_errors_set_locale(cfg->locale);
	return cfg;
}

pt_db *participa_site_db(zval *site)
{
	const pt_config *cfg = participa_site_config(site);
	pt_db *db;
	pt_error err;

	pt_error_clear(&err);
	if (pt_site_db(&site_state, &cfg->db, &db, &err) != PT_OK) {
		participa_throw_error(&err);
		return NULL;
	}
	return db;
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
	pt_site_entry *entry;
	site_object *obj;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_PATH_STR_OR_NULL(path)
	ZEND_PARSE_PARAMETERS_END();

	p = path ? ZSTR_VAL(path) : PARTICIPA_G(config_path);
	if (!p || !*p) {
		participa_throw_code(PT_ERR_CONFIG,
			"no configuration file: set participa.config in php.ini or pass a path to Participa\\Site::open()");
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
	participa_value_return(pt_diags_value(&diags, &participa_request_allocator), return_value);
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

#define CFG_VALUE(fn) participa_value_return(fn(Z_SITE_P(ZEND_THIS)->entry->cfg, &participa_request_allocator), \
	return_value)

PHP_METHOD(Participa_Site, info)
{
	ZEND_PARSE_PARAMETERS_NONE();
	CFG_VALUE(pt_site_info_value);
}

PHP_METHOD(Participa_Site, roles)
{
	ZEND_PARSE_PARAMETERS_NONE();
	CFG_VALUE(pt_site_roles_value);
}

PHP_METHOD(Participa_Site, territories)
{
	ZEND_PARSE_PARAMETERS_NONE();
	participa_value_return(pt_territories_value(&Z_SITE_P(ZEND_THIS)->entry->cfg->territories,
		&participa_request_allocator), return_value);
}

PHP_METHOD(Participa_Site, territory)
{
	const pt_territory_tree *tree = &Z_SITE_P(ZEND_THIS)->entry->cfg->territories;
	zend_string *id;
	int32_t at;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(id)
	ZEND_PARSE_PARAMETERS_END();

	if ((at = pt_territory_find(tree, ZSTR_VAL(id), ZSTR_LEN(id))) < 0) {
		RETURN_NULL();
	}
	participa_value_return(pt_territory_value(tree, at, &participa_request_allocator), return_value);
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
		participa_throw_code(PT_ERR_NOT_FOUND, "no territory with id '%s' in the configuration",
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
	participa_object_handlers(&site_handlers, XtOffsetOf(site_object, std), site_free);
}
