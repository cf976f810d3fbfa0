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

#include "php.h"

#include "php_participa.h"
#include "participa_errors.h"
#include "participa_site.h"
#include "participa_options.h"
#include "participa_threads.h"
#include "participa_commitments.h"
#include "participa_process.h"
#include "io/site/site_state.h"
#include "core/site/site_view.h"
#include "io/body/body_store.h"
#include "io/responsibility/responsibility_store.h"
#include "core/fragment/responsibility_view.h"
#include "participa_host.h"
#include "participa_value.h"
#include "io/common/yaml_doc.h"
#include "io/process/process_template_store.h"
#include "core/process/process_rules.h"
#include "core/process/template_export.h"
#include "core/fragment/template_summary_view.h"
#include "participa_host.h"

zend_class_entry *participa_ce_Site;
static zend_object_handlers site_handlers;

static pt_site_state site_state;

typedef struct site_object {
	pt_site_entry *entry;
	zend_object std;
} site_object;

#define Z_SITE_P(zv) PARTICIPA_OBJ(site_object, Z_OBJ_P(zv))

/* entry NULL: participa_object_new() zeroes the struct */
static zend_object *site_create(zend_class_entry *ce)
{
	return &((site_object *)participa_object_new(ce, sizeof(site_object), XtOffsetOf(site_object, std),
		&site_handlers))->std;
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

/* Throws ConfigException for the first problem, carrying all of them; err when there is none. */
static void throw_config_problems(const pt_diags *diags, pt_error *err)
{
	zval problems;

	if (!diags->count) {
		participa_throw_error(err);
		return;
	}
	pt_site_diags_error(diags, err);
	participa_throw_error(err);
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
static bool timezone_known(void *ctx, const char *tz)
{
	zval list, *id;
	bool found = false;

	(void)ctx;
	ZVAL_UNDEF(&list);
	if (participa_call_php("timezone_identifiers_list", &list, 0, NULL) && Z_TYPE(list) == IS_ARRAY) {
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
	return found;
}

static pt_status cannot_read(pt_diags *diags, const char *path, const char *what, const char *why)
{
	pt_diags_add(diags, path, 0, 0, "cannot read the configuration%s: %s", what, why);
	return PT_ERR_IO;
}

/*
 * The file through PHP's stream layer (the plain-files wrapper only: no URL
 * wrappers), so open_basedir applies to participa.config and to
 * Site::check() as to any PHP file access, and the bytes count against
 * memory_limit while they are parsed (io/site/site_state.h has the rest).
 */
static pt_status php_stat(void *ctx, const char *path, struct stat *st, pt_diags *diags)
{
	(void)ctx;
	if (php_check_open_basedir_ex(path, 0) != 0) {
		return cannot_read(diags, path, "", "open_basedir does not allow this file");
	}
	return VCWD_STAT(path, st) == 0 ? PT_OK : cannot_read(diags, path, " file", strerror(errno));
}

/* The open does not block ("n": O_NONBLOCK) and the descriptor is checked again (the path could have been swapped). */
static pt_status php_read(void *ctx, const char *path, struct stat *st, const char **data, size_t *len,
	pt_diags *diags)
{
	zend_string **bytes = ctx;
	php_stream *stream = php_stream_open_wrapper_ex(path, "rbne", IGNORE_URL, NULL, NULL);
	php_stream_statbuf ssb;
	const char *problem = NULL;

	if (!stream) {
		return cannot_read(diags, path, " file", strerror(errno));
	}
	if (php_stream_stat(stream, &ssb) != 0
			|| (problem = pt_yaml_file_problem((unsigned)ssb.sb.st_mode, (uint64_t)ssb.sb.st_size))) {
		php_stream_close(stream);
		return cannot_read(diags, path, "", problem ? problem : "it cannot be examined");
	}
	*st = ssb.sb;
	if (!(*bytes = php_stream_copy_to_mem(stream, PT_YAML_MAX_FILE + 1, 0))) {
		*bytes = ZSTR_EMPTY_ALLOC();
	}
	php_stream_close(stream);
	*data = ZSTR_VAL(*bytes);
	*len = ZSTR_LEN(*bytes);
	return PT_OK;
}

static void php_release(void *ctx)
{
	zend_string **bytes = ctx;

	zend_string_release(*bytes);
	*bytes = NULL;
}

#define PHP_READER(bytes) { php_stat, php_read, php_release, timezone_known, &(bytes) }

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

PHP_METHOD(Participa_Site, __construct)
{
	ZEND_PARSE_PARAMETERS_NONE();
}

PHP_METHOD(Participa_Site, open)
{
	zend_string *path = NULL, *bytes = NULL;
	const pt_site_reader reader = PHP_READER(bytes);
	const char *p;
	pt_site_entry *entry;
	site_object *obj;
	pt_diags diags;
	pt_error err;

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
	pt_diags_init(&diags);
	pt_error_clear(&err);
	if (pt_site_open(&site_state, &reader, p, &entry, &diags, &err) != PT_OK) {
		throw_config_problems(&diags, &err);
		pt_diags_free(&diags);
		RETURN_THROWS();
	}
	pt_diags_free(&diags);
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
	zend_string *path, *bytes = NULL;
	const pt_site_reader reader = PHP_READER(bytes);
	pt_config *cfg = NULL;
	pt_diags diags;
	struct stat st;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_PATH_STR(path)
	ZEND_PARSE_PARAMETERS_END();

	pt_diags_init(&diags);
	pt_site_load(&reader, ZSTR_VAL(path), &check_options, &st, &cfg, &diags);
	pt_config_free(cfg);
	participa_value_return(pt_diags_value(&diags, &participa_request_allocator), return_value);
	pt_diags_free(&diags);
}

PHP_METHOD(Participa_Site, versions)
{
	ZEND_PARSE_PARAMETERS_NONE();
	participa_value_return(pt_site_versions_value(PHP_PARTICIPA_VERSION, PHP_VERSION, &participa_request_allocator),
		return_value);
}

PHP_METHOD(Participa_Site, stats)
{
	ZEND_PARSE_PARAMETERS_NONE();
	participa_value_return(pt_site_stats_value(&site_state, &participa_request_allocator), return_value);
}

PHP_METHOD(Participa_Site, migrate)
{
	pt_db *db;
	pt_value *applied = NULL;
	pt_error err;
	pt_status s;

	ZEND_PARSE_PARAMETERS_NONE();
	if (!(db = participa_site_db(ZEND_THIS))) {
		RETURN_THROWS();
	}
	pt_error_clear(&err);
	s = pt_site_migrate(Z_SITE_P(ZEND_THIS)->entry, db, &participa_request_allocator, &applied, &err);
	if (!participa_value_result(s, &err, applied, return_value)) {
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
	zend_string *inner, *outer;
	pt_error err;
	bool within = false;

	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_STR(inner)
		Z_PARAM_STR(outer)
	ZEND_PARSE_PARAMETERS_END();

	pt_error_clear(&err);
	if (!participa_ok(pt_territory_within_ids(&Z_SITE_P(ZEND_THIS)->entry->cfg->territories, ZSTR_VAL(inner),
			ZSTR_LEN(inner), ZSTR_VAL(outer), ZSTR_LEN(outer), &within, &err), &err)) {
		RETURN_THROWS();
	}
	RETURN_BOOL(within);
}

/* Site::body(): the view is core's (core/body/body_view.c) */
PHP_METHOD(Participa_Site, body)
{
	const pt_config *cfg = Z_SITE_P(ZEND_THIS)->entry->cfg;
	zend_string *id, *date;
	pt_value *v = NULL;
	pt_db *db = NULL;
	pt_error err;

	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_STR(id)
		Z_PARAM_STR(date)
	ZEND_PARSE_PARAMETERS_END();

	pt_error_clear(&err);
	/* a body whose seats results feed reads them from the stored counts (io/body/body_store.c, one query) */
	if ((pt_body_store_needs_db(cfg, ZSTR_VAL(id), ZSTR_LEN(id)) && !(db = participa_site_db(ZEND_THIS)))
			|| !participa_ok(pt_body_store_view(db, cfg, ZSTR_VAL(id), ZSTR_LEN(id), ZSTR_VAL(date), ZSTR_LEN(date),
			&participa_request_allocator, &v, &err), &err)) {
		RETURN_THROWS();
	}
	participa_value_to_zval(v, return_value);
	pt_value_free(v);
}

/* Site::responsibilityReport(), responsibilityHtml(): the reads are io's, the report and its view core's */
static bool resp_report(zval *site, zend_string *of, zend_string *date, pt_value **v)
{
	pt_error err;
	pt_db *db;

	pt_error_clear(&err);
	return (db = participa_site_db(site)) && participa_ok(pt_resp_store_report(db, participa_site_config(site),
		ZSTR_VAL(of), ZSTR_LEN(of), date ? ZSTR_VAL(date) : NULL, date ? ZSTR_LEN(date) : 0,
		&participa_request_allocator, v, &err), &err);
}

PHP_METHOD(Participa_Site, responsibilityReport)
{
	zend_string *of, *date = NULL, *format = NULL;
	pt_value *v = NULL;
	char *doc = NULL;
	size_t len = 0;
	pt_error err;

	ZEND_PARSE_PARAMETERS_START(1, 3)
		Z_PARAM_STR(of)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(date)
		Z_PARAM_STR_OR_NULL(format)
	ZEND_PARSE_PARAMETERS_END();
	if (format && !pt_resp_report_format_ok(ZSTR_VAL(format), ZSTR_LEN(format))) {
		participa_throw_argument(3, false, "must be \"csv\" or \"json\"");
		RETURN_THROWS();
	}
	if (!resp_report(ZEND_THIS, of, date, &v)) {
		RETURN_THROWS();
	}
	pt_error_clear(&err);
	if (!format) {
		participa_value_return(v, return_value);
		return;
	}
	if (participa_ok(pt_resp_report_open_data(v, ZSTR_VAL(format), ZSTR_LEN(format), &participa_request_allocator,
			&doc, &len, &err), &err)) {
		RETVAL_STRINGL(doc, len);
	}
	pt_free(&participa_request_allocator, doc);
	pt_value_free(v);
}

PHP_METHOD(Participa_Site, responsibilityHtml)
{
	zval *host, data;
	zend_string *of, *date = NULL;
	pt_value *v = NULL;

	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_OBJECT_OF_CLASS(host, participa_ce_Host)
		Z_PARAM_STR(of)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(date)
	ZEND_PARSE_PARAMETERS_END();
	if (!resp_report(ZEND_THIS, of, date, &v)) {
		RETURN_THROWS();
	}
	if (!(v = pt_fragment_responsibility_data(v, &participa_request_allocator))) {
		participa_fragment_return("responsibility-report", NULL, return_value);   /* out of memory */
		return;
	}
	participa_value_to_zval(v, &data);
	pt_value_free(v);
	participa_fragment_html(host, &data, pt_fragment_responsibility_view, "responsibility-report", return_value);
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

PHP_METHOD(Participa_Site, process)
{
	zend_string *id;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(id)
	ZEND_PARSE_PARAMETERS_END();

	participa_process_create(ZEND_THIS, id, return_value);
}

PHP_METHOD(Participa_Site, processTemplate)
{
	const pt_config *cfg = Z_SITE_P(ZEND_THIS)->entry->cfg;
	const pt_process_template *t;
	zend_string *id, *format = NULL;
	pt_value *v = NULL;
	char *doc = NULL;
	size_t len = 0;
	pt_error err;
	pt_db *db;

	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_STR(id)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(format)
	ZEND_PARSE_PARAMETERS_END();
	if (format && !pt_process_template_format_ok(ZSTR_VAL(format), ZSTR_LEN(format))) {
		participa_throw_argument(2, false, "must be \"csv\" or \"json\"");
		RETURN_THROWS();
	}
	pt_error_clear(&err);
	if (!participa_ok(pt_process_template_lookup(cfg, ZSTR_VAL(id), ZSTR_LEN(id), &t, &err), &err)
		|| !(db = participa_site_db(ZEND_THIS))
		|| !participa_ok(pt_process_template_summary(db, cfg, t, &participa_request_allocator, &v, &err), &err)) {
		RETURN_THROWS();
	}
	if (!format) {
		participa_value_return(v, return_value);
		return;
	}
	if (participa_ok(pt_process_template_open_data(v, ZSTR_VAL(format), ZSTR_LEN(format), &participa_request_allocator,
			&doc, &len, &err), &err)) {
		RETVAL_STRINGL(doc, len);
	}
	pt_free(&participa_request_allocator, doc);
	pt_value_free(v);
}

/* Site::processTemplateHtml(): the summary as a fragment (core/fragment/template_summary_view.c) */
PHP_METHOD(Participa_Site, processTemplateHtml)
{
	const pt_config *cfg = Z_SITE_P(ZEND_THIS)->entry->cfg;
	const pt_process_template *t;
	const pt_fragment_host *h;
	zend_string *id;
	zval *host;
	pt_value *v = NULL, *view = NULL;
	pt_error err;
	pt_db *db;

	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_OBJECT_OF_CLASS(host, participa_ce_Host)
		Z_PARAM_STR(id)
	ZEND_PARSE_PARAMETERS_END();
	pt_error_clear(&err);
	if (participa_ok(pt_process_template_lookup(cfg, ZSTR_VAL(id), ZSTR_LEN(id), &t, &err), &err)
		&& (db = participa_site_db(ZEND_THIS))
		&& participa_ok(pt_process_template_summary(db, cfg, t, &participa_request_allocator, &v, &err), &err)
		&& (h = participa_host_use(host, NULL))
		&& participa_ok(pt_fragment_template_summary_view(cfg, v, h, &participa_request_allocator, &view, &err), &err)) {
		participa_fragment_return("process-template-summary", view, return_value);
	}
	pt_value_free(v);
}

/* Site::closeTemplate(): the closes and the one seal are io's (pt_process_template_close()) */
PHP_METHOD(Participa_Site, closeTemplate)
{
	const pt_config *cfg = Z_SITE_P(ZEND_THIS)->entry->cfg;
	const pt_process_template *t;
	zend_string *id, *by = NULL;
	int64_t closed = 0;
	bool sealed = false;
	pt_error err, seal;
	pt_db *db;

	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_STR(id)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(by)
	ZEND_PARSE_PARAMETERS_END();
	pt_error_clear(&err);
	pt_error_clear(&seal);
	if ((by && !participa_id_arg("El identificador de quien cierra el proceso", by))
		|| !participa_ok(pt_process_template_lookup(cfg, ZSTR_VAL(id), ZSTR_LEN(id), &t, &err), &err)
		|| !(db = participa_site_db(ZEND_THIS)) || !participa_ok(pt_process_template_close(db, cfg, t, by ? ZSTR_VAL(by)
			: NULL, 2, &closed, &sealed, &seal, &err), &err)) {
		RETURN_THROWS();
	}
	if (seal.db_errno) {   /* as Process::close(): the closes stand, a later call seals */
		php_error_docref(NULL, E_WARNING, "participa: the processes of '%s' are closed and their ballots unlinked, but "
			"the ballot tables could not be rewritten yet (database error %u)", t->id, seal.db_errno);
	}
	array_init(return_value);
	add_assoc_long(return_value, "processes", (zend_long)t->count);
	add_assoc_long(return_value, "closed", (zend_long)closed);
	add_assoc_bool(return_value, "sealed", sealed);
}

PHP_METHOD(Participa_Site, instrument)
{
	zend_string *id;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(id)
	ZEND_PARSE_PARAMETERS_END();
	participa_instrument_create(ZEND_THIS, id, return_value);
}

/* Site::moderation(), participants(), commitments(): a site handle of class ce bound to this Site. */
#define HANDLE_METHOD(name, ce) PHP_METHOD(Participa_Site, name) \
{ \
	ZEND_PARSE_PARAMETERS_NONE(); \
	participa_site_handle_new(ce, ZEND_THIS, return_value); \
}
HANDLE_METHOD(moderation, participa_ce_Moderation)
HANDLE_METHOD(participants, participa_ce_Participants)
HANDLE_METHOD(commitments, participa_ce_Commitments)

void participa_site_setup(zend_class_entry *ce)
{
	ce->create_object = site_create;
	participa_object_handlers(&site_handlers, XtOffsetOf(site_object, std), site_free);
}
