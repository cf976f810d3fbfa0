/*
 * participa binding: Participa\Commitments.
 *
 * PHP arrays become a pt_commitment_patch of canonical texts (core/commitment/commitment_patch.h),
 * checked against the YAML (plans, themes, pillars, agencies, statuses,
 * territories) before any SQL. The store runs each write in one transaction
 * and calls check() on the row it locked: status transitions and the roles
 * that may make them are decided there, on fresh facts, every time the
 * transaction runs. Refusals are exceptions with Spanish messages.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include <time.h>

#include "php.h"
#include "zend_interfaces.h"
#include "ext/date/php_date.h"

#include "php_participa.h"
#include "participa_errors.h"
#include "participa_site.h"
#include "participa_threads.h"
#include "participa_commitments.h"
#include "participa_value.h"
#include "participa_options.h"
#include "participa_host.h"
#include "core/fragment/commitment_view.h"
#include "core/commitment/commitment_import.h"
#include "core/commitment/commitment_export.h"
#include "core/commitment/commitment_patch.h"
#include "core/commitment/commitment_summary.h"
#include "io/commitment/commitment_store.h"

zend_class_entry *participa_ce_Commitments;

void participa_commitments_create(zval *site, zval *return_value)
{
	participa_site_handle_new(participa_ce_Commitments, site, return_value);
}

/* The commitments configuration (into *cfg_out when given) and the site's connection; NULL with an exception
 * thrown (no commitments: section, or no connection). */
static const pt_commitments_config *cm_open(zval *self, const pt_config **cfg_out, pt_db **db)
{
	const pt_config *cfg = participa_site_config(participa_handle_site(self));

	if (cfg_out) {
		*cfg_out = cfg;
	}
	if (!cfg->commitments || !cfg->commitments->has_section) {
		pt_error err;

		pt_error_clear(&err);
		participa_throw_error(pt_commitment_no_section(&err));
		return NULL;
	}
	return (*db = participa_site_db(participa_handle_site(self))) ? cfg->commitments : NULL;
}

/* A commitment id argument; false with an exception thrown. */
static bool arg_cid(const zend_string *s)
{
	pt_error err;

	pt_error_clear(&err);
	return participa_ok(pt_commitment_id_check("El identificador del compromiso", ZSTR_VAL(s), ZSTR_LEN(s), &err), &err);
}

/* Today (YYYY-MM-DD) in PHP's default time zone, into out. */
static const char *today(char out[11])
{
	zend_string *s = php_format_date("Y-m-d", 5, time(NULL), 1);

	snprintf(out, 11, "%s", ZSTR_VAL(s));
	zend_string_release(s);
	return out;
}

/* ------------------------------------------------------------------ patches */

/*
 * A PHP array as the tree core/commitment reads: the one conversion
 * (floats as their values), then pt_commitment_input() (floats are a
 * field's numbers, or nothing at all for options). NULL for none.
 */
static pt_value *input_tree(HashTable *ht, bool floats)
{
	pt_value *raw, *v;
	zval z;

	if (!ht) {
		return NULL;
	}
	ZVAL_ARR(&z, ht);
	raw = participa_value_from_zval_real(&z, &participa_request_allocator, 3);
	v = pt_commitment_input(raw, 0, floats, &participa_request_allocator);
	pt_value_free(raw);
	return v;
}

/* Fills pb from a PHP array of fields (core: pt_commitment_patch_from_value()). */
static pt_status patch_from_array(const pt_config *cfg, HashTable *ht, pt_commitment_patch_buf *pb, bool structure,
	const char *by, pt_error *err)
{
	pt_commitment_patch_in in = { cfg, structure, by, pt_commitment_json_list, (void *)&participa_request_allocator,
		NULL, NULL };
	pt_value *v = input_tree(ht, true);
	pt_status st;
	int bad;

	st = pt_commitment_patch_from_value(&in, v, pb, &bad, err);
	pt_value_free(v);
	return st;
}

/* ------------------------------------------------------------------ check */

static const char **roles_list(zval *roles, size_t *n)
{
	const char **out = ecalloc(zend_hash_num_elements(Z_ARRVAL_P(roles)) + 1, sizeof(char *));
	zval *v;

	*n = 0;
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(roles), v) {
		if (Z_TYPE_P(v) == IS_STRING) {
			out[(*n)++] = Z_STRVAL_P(v);
		}
	} ZEND_HASH_FOREACH_END();
	return out;
}

/* ------------------------------------------------------------------ views */

/*
 * A read answered by io (io/commitment/commitment_store_value.c) into rv at as_of (today when
 * NULL): the commitment id (null if absent), or those f selects whose light is light (NULL:
 * any). False with an exception on failure.
 */
static bool read_into(zval *self, const char *id, const pt_commitment_filter *f, const char *as_of, const char *light,
	zval *rv)
{
	const pt_config *cfg;
	bool found = false;
	pt_error err;
	char day[11];
	pt_value *v;
	pt_db *db;

	if (!cm_open(self, &cfg, &db)) {
		return false;
	}
	pt_error_clear(&err);
	as_of = as_of ? as_of : today(day);
	v = id ? pt_commitment_store_get_value(db, cfg, id, as_of, &participa_request_allocator, &found, &err)
		: pt_commitment_store_list_value(db, cfg, f, as_of, light, &participa_request_allocator, &err);
	/* none found: null */
	return participa_value_result(err.code, &err, v, rv);
}

/* ------------------------------------------------------------------ methods */

PHP_METHOD(Participa_Commitments, __construct)
{
	ZEND_PARSE_PARAMETERS_NONE();
}

/* pt_commitment_check's holds(): the locked row is where a territory-scoped writer meant to act. */
static bool scope_holds(const void *scope, bool exists, const char *territory)
{
	return participa_commitment_scope_holds(scope, exists, territory);
}

/* The writer's roles and whether it may update commitments, into k; false with an exception thrown. */
static bool write_rights(zval *self, const char *by, const char *id, const pt_commitment_patch_buf *pb, bool is_update,
	participa_commitment_scope *scope, zval *roles, pt_commitment_check *k)
{
	uint32_t perms = 0;
	pt_error err;

	if (!participa_commitment_scopes(participa_handle_site(self), by, id, pb->p.set[PT_CMF_TERRITORY],
			pb->p.v[PT_CMF_TERRITORY], scope)
		|| !participa_actor_permissions(participa_handle_site(self), by, scope->scope, scope->scope_new, roles, &perms)) {
		return false;
	}
	pt_error_clear(&err);
	if (pt_commitment_write_allowed(pb, is_update, (perms & PT_PERM_UPDATE_COMMITMENT) != 0, &err) != PT_OK) {
		zval_ptr_dtor(roles);
		participa_throw_error(&err);
		return false;
	}
	k->roles = roles_list(roles, &k->nroles);
	k->holds = scope_holds;
	k->scope = scope;
	return true;
}

/* The record a write returns; false with an exception thrown. */
static bool written_into(zval *self, const pt_config *cfg, pt_commitment_store_write *w, zval *rv)
{
	char day[11];
	bool ok;

	/* the record as written (its strings are in the result arena, the patch
	 * and the configuration), unless lists it did not read must be shown */
	if ((w->result.evidence_count && !w->result.evidence) || (w->result.milestone_count && !w->result.milestones)) {
		pt_commitment_store_arena_free(w->result_arena);
		return read_into(self, w->id, NULL, NULL, NULL, rv);
	}
	ok = participa_value_return(pt_commitment_record_value(cfg, &w->result, today(day), &participa_request_allocator),
		rv);
	pt_commitment_store_arena_free(w->result_arena);
	return ok;
}

/* upsert() and update(): one write as $by. */
static void cm_write(INTERNAL_FUNCTION_PARAMETERS, bool is_update)
{
	zval *self = ZEND_THIS;
	zend_string *id = NULL, *by, *note = NULL;
	HashTable *data;
	const pt_config *cfg;
	const pt_commitments_config *c;
	pt_commitment_patch_buf pb;
	pt_commitment_store_write w;
	pt_commitment_check k;
	zval roles;
	participa_commitment_scope scope;
	pt_error err;
	pt_db *db;
	pt_status st;
	bool ok;

	if (is_update) {
		ZEND_PARSE_PARAMETERS_START(3, 4)
			Z_PARAM_STR(id)
			Z_PARAM_ARRAY_HT(data)
			Z_PARAM_STR(by)
			Z_PARAM_OPTIONAL
			Z_PARAM_STR(note)
		ZEND_PARSE_PARAMETERS_END();
	} else {
		ZEND_PARSE_PARAMETERS_START(2, 3)
			Z_PARAM_ARRAY_HT(data)
			Z_PARAM_STR(by)
			Z_PARAM_OPTIONAL
			Z_PARAM_STR(note)
		ZEND_PARSE_PARAMETERS_END();
	}
	pt_error_clear(&err);
	if (!(c = cm_open(self, &cfg, &db)) || !participa_id_arg("El identificador del participante (by)", by)
		|| (is_update && !arg_cid(id))
		|| (note && !participa_ok(pt_commitment_text_check("note", ZSTR_VAL(note), ZSTR_LEN(note), 20000, false,
			&err), &err))) {
		RETURN_THROWS();
	}
	pt_commitment_patch_init(&pb, &participa_request_allocator);
	if (patch_from_array(cfg, data, &pb, !is_update, ZSTR_VAL(by), &err) != PT_OK
		|| (!is_update && !pb.p.v[PT_CMF_ID]
			&& pt_error_set(&err, PT_ERR_INVALID, "id: falta el identificador del compromiso") != PT_OK)) {
		pt_commitment_patch_free(&pb);
		participa_throw_error(&err);
		RETURN_THROWS();
	}
	memset(&k, 0, sizeof(k));
	k.c = c;
	if (!write_rights(self, ZSTR_VAL(by), is_update ? ZSTR_VAL(id) : pb.p.v[PT_CMF_ID], &pb, is_update, &scope,
			&roles, &k)) {
		pt_commitment_patch_free(&pb);
		RETURN_THROWS();
	}
	memset(&w, 0, sizeof(w));
	w.id = is_update ? ZSTR_VAL(id) : pb.p.v[PT_CMF_ID];
	/* a new commitment without a plan: the store refuses it */
	w.must_exist = is_update;
	w.actor = ZSTR_VAL(by);
	w.note = note ? ZSTR_VAL(note) : "";
	w.patch = pb.p;
	w.check = pt_commitment_check_write;
	w.check_ctx = &k;
	w.want_result = true;
	w.alloc = &participa_request_allocator;
	st = pt_commitment_store_write_commitment(db, &w, &err);
	efree((void *)k.roles);
	zval_ptr_dtor(&roles);
	ok = participa_ok(st, &err) && written_into(self, cfg, &w, return_value);
	pt_commitment_patch_free(&pb);
	if (!ok) {
		RETURN_THROWS();
	}
}

PHP_METHOD(Participa_Commitments, upsert)
{
	cm_write(INTERNAL_FUNCTION_PARAM_PASSTHRU, false);
}

PHP_METHOD(Participa_Commitments, update)
{
	cm_write(INTERNAL_FUNCTION_PARAM_PASSTHRU, true);
}

PHP_METHOD(Participa_Commitments, get)
{
	zend_string *id, *as_of = NULL;
	pt_error err;

	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_STR(id)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(as_of)
	ZEND_PARSE_PARAMETERS_END();

	pt_error_clear(&err);
	if (!arg_cid(id) || !participa_ok(pt_commitment_as_of_check(as_of ? ZSTR_VAL(as_of) : NULL,
			as_of ? ZSTR_LEN(as_of) : 0, &err), &err)
		|| !read_into(ZEND_THIS, ZSTR_VAL(id), NULL, as_of ? ZSTR_VAL(as_of) : NULL, NULL, return_value)) {
		RETURN_THROWS();
	}
}

PHP_METHOD(Participa_Commitments, children)
{
	zend_string *id;
	pt_commitment_filter f;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(id)
	ZEND_PARSE_PARAMETERS_END();

	if (!arg_cid(id)) {
		RETURN_THROWS();
	}
	memset(&f, 0, sizeof(f));
	f.parent = ZSTR_VAL(id);
	f.full = true;
	if (!read_into(ZEND_THIS, NULL, &f, NULL, NULL, return_value)) {
		RETURN_THROWS();
	}
}

PHP_METHOD(Participa_Commitments, list)
{
	HashTable *filters = NULL;
	pt_commitment_filter f;
	const char *light, *as_of;
	pt_value *opts;
	pt_error err;
	bool ok;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(filters)
	ZEND_PARSE_PARAMETERS_END();

	opts = input_tree(filters, false);
	pt_error_clear(&err);
	if (pt_commitment_list_options(opts, &f, &light, &as_of, &err) != PT_OK) {
		pt_value_free(opts);
		participa_throw_error(&err);
		RETURN_THROWS();
	}
	ok = read_into(ZEND_THIS, NULL, &f, as_of, light, return_value);
	pt_value_free(opts);
	if (!ok) {
		RETURN_THROWS();
	}
}

static void official_answers(zval *comments, zval *out)
{
	zval *c;

	if (!comments || Z_TYPE_P(comments) != IS_ARRAY) {
		return;
	}
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(comments), c) {
		zval *off, *replies;

		if (Z_TYPE_P(c) != IS_ARRAY) {
			continue;
		}
		off = zend_hash_str_find(Z_ARRVAL_P(c), "official", 8);
		if (off && Z_TYPE_P(off) == IS_TRUE) {
			Z_TRY_ADDREF_P(c);
			add_next_index_zval(out, c);
		}
		replies = zend_hash_str_find(Z_ARRVAL_P(c), "replies", 7);
		official_answers(replies, out);
	} ZEND_HASH_FOREACH_END();
}

PHP_METHOD(Participa_Commitments, view)
{
	zend_string *id, *type;
	HashTable *opts = NULL;
	zval thread, page, children, answers, zopts;
	pt_commitment_filter f;

	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_STR(id)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(opts)
	ZEND_PARSE_PARAMETERS_END();

	if (!arg_cid(id) || !read_into(ZEND_THIS, ZSTR_VAL(id), NULL, NULL, NULL, return_value)) {
		RETURN_THROWS();
	}
	if (Z_TYPE_P(return_value) == IS_NULL) {
		pt_error err;

		pt_error_clear(&err);
		participa_throw_error(pt_commitment_not_found(ZSTR_VAL(id), &err));
		RETURN_THROWS();
	}
	memset(&f, 0, sizeof(f));
	f.parent = ZSTR_VAL(id);
	if (!read_into(ZEND_THIS, NULL, &f, NULL, NULL, &children)) {
		RETURN_THROWS();
	}
	add_assoc_zval(return_value, "children_list", &children);
	type = zend_string_init("commitment", 10, 0);
	participa_thread_create(participa_handle_site(ZEND_THIS), type, id, &thread);
	zend_string_release(type);
	if (EG(exception)) {
		zval_ptr_dtor(&thread);
		RETURN_THROWS();
	}
	if (opts) {
		ZVAL_ARR(&zopts, zend_array_dup(opts));
	} else {
		array_init(&zopts);
	}
	ZVAL_UNDEF(&page);
	zend_call_method_with_1_params(Z_OBJ(thread), Z_OBJCE(thread), NULL, "page", &page, &zopts);
	zval_ptr_dtor(&zopts);
	zval_ptr_dtor(&thread);
	if (EG(exception)) {
		zval_ptr_dtor(&page);
		RETURN_THROWS();
	}
	array_init(&answers);
	if (Z_TYPE(page) == IS_ARRAY) {
		official_answers(zend_hash_str_find(Z_ARRVAL(page), "comments", 8), &answers);
	}
	add_assoc_zval(return_value, "thread", &page);
	add_assoc_zval(return_value, "official_answers", &answers);
}

/* ------------------------------------------------------------------ history */

PHP_METHOD(Participa_Commitments, history)
{
	zend_string *id;
	pt_db *db;
	pt_value *v;
	pt_error err;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(id)
	ZEND_PARSE_PARAMETERS_END();

	if (!arg_cid(id) || !cm_open(ZEND_THIS, NULL, &db)) {
		RETURN_THROWS();
	}
	pt_error_clear(&err);
	v = pt_commitment_store_history_value(db, ZSTR_VAL(id), &participa_request_allocator, &err);
	if (!participa_value_result(err.code, &err, v, return_value)) {
		RETURN_THROWS();
	}
}

PHP_METHOD(Participa_Commitments, verify)
{
	pt_db *db;
	pt_value *v;
	pt_error err;

	ZEND_PARSE_PARAMETERS_NONE();
	if (!cm_open(ZEND_THIS, NULL, &db)) {
		RETURN_THROWS();
	}
	pt_error_clear(&err);
	v = pt_commitment_store_verify_value(db, &participa_request_allocator, &err);
	if (!participa_value_result(err.code, &err, v, return_value)) {
		RETURN_THROWS();
	}
}

/* ------------------------------------------------------------------ summary */

PHP_METHOD(Participa_Commitments, summary)
{
	zend_string *by_name;
	HashTable *opts = NULL;
	const pt_config *cfg;
	pt_db *db;
	pt_commitment_by by;
	pt_value *ov, *v;
	pt_error err;
	char day[11];
	bool ok;

	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_STR(by_name)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(opts)
	ZEND_PARSE_PARAMETERS_END();

	if (!pt_commitment_by_from_name(ZSTR_VAL(by_name), ZSTR_LEN(by_name), &by)) {
		participa_throw_argument(1, false, "must be one of theme, pillar, status, territory, agency, plan");
		RETURN_THROWS();
	}
	if (!cm_open(ZEND_THIS, &cfg, &db)) {
		RETURN_THROWS();
	}
	pt_error_clear(&err);
	ov = input_tree(opts, false);
	v = pt_commitment_store_summary_value(db, cfg, by, ZSTR_VAL(by_name), ZSTR_LEN(by_name), ov, today(day),
		&participa_request_allocator, &err);
	pt_value_free(ov);
	ok = participa_value_result(err.code, &err, v, return_value);
	if (!ok) {
		RETURN_THROWS();
	}
}

/* ------------------------------------------------------------------ open data */

PHP_METHOD(Participa_Commitments, export)
{
	zend_string *format, *plan;
	HashTable *opts = NULL;
	const pt_commitments_config *c;
	pt_db *db;
	pt_value *ov;
	pt_error err;
	pt_status st;
	bool csv;
	pt_buf b;

	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_STR(format)
		Z_PARAM_STR(plan)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(opts)
	ZEND_PARSE_PARAMETERS_END();

	csv = zend_string_equals_literal(format, "csv");
	if (!csv && !zend_string_equals_literal(format, "json")) {
		participa_throw_argument(1, false, "must be 'csv' or 'json'");
		RETURN_THROWS();
	}
	if (!(c = cm_open(ZEND_THIS, NULL, &db)) || !participa_id_arg("El plan", plan)) {
		RETURN_THROWS();
	}
	pt_error_clear(&err);
	ov = input_tree(opts, false);
	pt_buf_init(&b, &participa_request_allocator);
	if ((st = pt_commitment_store_export(db, c, ZSTR_VAL(plan), ZSTR_LEN(plan), csv, ov, &b, &err)) == PT_OK) {
		RETVAL_STRINGL(b.data ? b.data : "", b.len);
	}
	pt_buf_free(&b);
	pt_value_free(ov);
	if (!participa_ok(st, &err)) {
		RETURN_THROWS();
	}
}

/* ------------------------------------------------------------------ import */

/*
 * import(): the file is read (CSV or JSON, in core), checked,
 * ordered and written in one transaction, or nothing (core/commitment/
 * commitment_import.h, io/commitment/commitment_import_store.c).
 */
PHP_METHOD(Participa_Commitments, import)
{
	zend_string *data, *format, *by = NULL;
	bool dry = false, csv;
	const pt_config *cfg;
	pt_db *db;
	pt_commitment_import_file f;
	pt_commitment_patch_in in;
	pt_error err;
	pt_status st;

	ZEND_PARSE_PARAMETERS_START(2, 4)
		Z_PARAM_STR(data)
		Z_PARAM_STR(format)
		Z_PARAM_OPTIONAL
		Z_PARAM_BOOL(dry)
		Z_PARAM_STR(by)
	ZEND_PARSE_PARAMETERS_END();

	if (!zend_string_equals_literal(format, "csv") && !zend_string_equals_literal(format, "json")) {
		participa_throw_argument(2, false, "must be 'csv' or 'json'");
		RETURN_THROWS();
	}
	csv = zend_string_equals_literal(format, "csv");
	if ((by && !participa_id_arg("El identificador del participante (by)", by)) || !cm_open(ZEND_THIS, &cfg, &db)) {
		RETURN_THROWS();
	}
	pt_commitment_import_file_init(&f, csv, &participa_request_allocator);
	if (csv) {
		pt_commitment_import_read_csv(&f, ZSTR_VAL(data), ZSTR_LEN(data));
	} else {
		pt_commitment_import_read_json(&f, ZSTR_VAL(data), ZSTR_LEN(data));
	}
	memset(&in, 0, sizeof(in));
	in.cfg = cfg;
	in.by = by ? ZSTR_VAL(by) : "participa:import";
	in.json = pt_commitment_json_list;
	in.json_ctx = (void *)&participa_request_allocator;
	pt_error_clear(&err);
	st = pt_commitment_store_import_file(db, &f, &in, dry, in.by, &err);
	if (st != PT_OK) {
		pt_commitment_import_file_free(&f);
		participa_throw_error(&err);
		RETURN_THROWS();
	}
	participa_value_return(pt_commitment_import_result_value(&f, dry), return_value);
	pt_commitment_import_file_free(&f);
}

/* ------------------------------------------------------------------ assemblies */

PHP_METHOD(Participa_Commitments, recordAssembly)
{
	HashTable *a;
	zend_string *by;
	const pt_config *cfg;
	pt_db *db;
	pt_commitment_assembly as;
	uint32_t perms = 0;
	int32_t terr = -1;
	pt_value *av;
	pt_error err;
	pt_status st;

	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_ARRAY_HT(a)
		Z_PARAM_STR(by)
	ZEND_PARSE_PARAMETERS_END();

	if (!cm_open(ZEND_THIS, &cfg, &db) || !participa_id_arg("El identificador del participante (by)", by)) {
		RETURN_THROWS();
	}
	av = input_tree(a, false);
	pt_error_clear(&err);
	if (pt_commitment_assembly_from_value(cfg, av, &as, &terr, &participa_request_allocator, &err) != PT_OK) {
		pt_value_free(av);
		participa_throw_error(&err);
		RETURN_THROWS();
	}
	if (!participa_actor_permissions(participa_handle_site(ZEND_THIS), ZSTR_VAL(by), terr, terr, NULL, &perms)) {
		st = PT_ERR_DB;
	} else {
		st = pt_commitment_assembly_allowed((perms & PT_PERM_RECORD_ASSEMBLY) != 0, &err);
		if (st == PT_OK) {
			pt_commitment_assembly_plan(cfg, terr, &as);
			as.recorded_by = ZSTR_VAL(by);
			as.alloc = &participa_request_allocator;
			st = pt_commitment_store_assembly_record(db, &as, &err);
		}
		if (st != PT_OK) {
			participa_throw_error(&err);
		}
	}
	pt_commitment_assembly_free(&as, &participa_request_allocator);
	pt_value_free(av);
	if (st != PT_OK) {
		RETURN_THROWS();
	}
	av = pt_commitment_store_assembly_value(&as, &participa_request_allocator, &err);
	participa_value_result(err.code, &err, av, return_value);
	pt_commitment_store_assembly_free_ids(&as);
}

PHP_METHOD(Participa_Commitments, assemblies)
{
	zend_string *territory = NULL;
	pt_db *db;
	pt_value *v;
	pt_error err;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(territory)
	ZEND_PARSE_PARAMETERS_END();

	if ((territory && !participa_id_arg("El territorio", territory)) || !cm_open(ZEND_THIS, NULL, &db)) {
		RETURN_THROWS();
	}
	pt_error_clear(&err);
	v = pt_commitment_store_assemblies_value(db, territory ? ZSTR_VAL(territory) : NULL, &participa_request_allocator,
		&err);
	if (!participa_value_result(err.code, &err, v, return_value)) {
		RETURN_THROWS();
	}
}


/* ------------------------------------------------------------------ fragments */

/* src's data (io/commitment/commitment_store.h) as fn's view in templates/<tpl>.html; data taken. */
static void fragment(zval *self, zval *host, pt_commitment_fragment_source src, pt_value *data, const char *x,
	const char *y, unsigned flags, pt_fragment_builder fn, const char *tpl, zval *rv)
{
	const pt_allocator *a = &participa_request_allocator;
	const pt_config *cfg;
	const pt_fragment_host *h = NULL;
	pt_value *ids = NULL, *out = NULL;
	pt_error err;
	pt_db *db;

	pt_error_clear(&err);
	if (cm_open(self, &cfg, &db)
		&& (data = src(db, cfg, data, x, y, a, &err)) && pt_fragment_commitment_prepare(cfg, data, flags, a) == PT_OK
		&& (ids = pt_fragment_commitment_ids(data, a)) && (h = participa_host_use(host, ids))
		&& fn(data, h, a, &out, &err) == PT_OK) {
		participa_fragment_return(tpl, out, rv);
	} else if (!EG(exception)) {
		participa_ok(err.code ? err.code : PT_ERR_NOMEM, &err);
	}
	pt_value_free(ids);
	pt_value_free(data);
}

PHP_METHOD(Participa_Commitments, html)
{
	zval *host, args[3], v, th, fn, html, *t;
	zend_string *id, *viewer = NULL, *type = zend_string_init("commitment", 10, 0);
	HashTable *opts = NULL;
	pt_value *data;

	ZEND_PARSE_PARAMETERS_START(2, 4)
		Z_PARAM_OBJECT_OF_CLASS(host, participa_ce_Host)
		Z_PARAM_STR(id)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(viewer)
		Z_PARAM_ARRAY_HT(opts)
	ZEND_PARSE_PARAMETERS_END();
	ZVAL_STR(&args[0], id);
	array_init(&args[1]);
	if (viewer) {
		add_assoc_str(&args[1], "viewer", zend_string_copy(viewer));
	}
	zend_call_method_with_2_params(Z_OBJ_P(ZEND_THIS), participa_ce_Commitments, NULL, "view", &v, &args[0], &args[1]);
	zval_ptr_dtor(&args[1]);
	/* the thread's own fragment: Thread::html($host, $viewer, $opts['thread'] ?? []) */
	ZVAL_COPY_VALUE(&args[0], host);
	ZVAL_NULL(&args[1]);
	if (viewer) {
		ZVAL_STR(&args[1], viewer);
	}
	t = opts ? zend_hash_str_find(opts, "thread", 6) : NULL;
	ZVAL_ARR(&args[2], t && Z_TYPE_P(t) == IS_ARRAY ? zend_array_dup(Z_ARRVAL_P(t)) : zend_new_array(0));
	ZVAL_STRING(&fn, "html");
	ZVAL_UNDEF(&th);
	ZVAL_UNDEF(&html);
	if (!EG(exception) && (participa_thread_create(participa_handle_site(ZEND_THIS), type, id, &th), !EG(exception))) {
		call_user_function(NULL, &th, &fn, &html, 3, args);
	}
	data = EG(exception) ? NULL : participa_value_from_zval(&v, &participa_request_allocator, 16);
	zend_string_release(type);
	zval_ptr_dtor(&th);
	zval_ptr_dtor(&fn);
	zval_ptr_dtor(&args[2]);
	zval_ptr_dtor(&v);
	if (data) {
		fragment(ZEND_THIS, host, pt_commitment_store_page_data, data, viewer ? ZSTR_VAL(viewer) : NULL, NULL, 0,
			pt_fragment_commitment_view, "commitment-page", return_value);
	}
	if (Z_TYPE_P(return_value) == IS_STRING && Z_TYPE(html) == IS_STRING) {   /* the thread follows the page */
		zend_string *page = zend_string_concat2(Z_STRVAL_P(return_value), Z_STRLEN_P(return_value), Z_STRVAL(html),
			Z_STRLEN(html));

		zval_ptr_dtor(return_value);
		RETVAL_STR(page);
	}
	zval_ptr_dtor(&html);
}

PHP_METHOD(Participa_Commitments, planHtml)
{
	zval *host, *as_of;
	zend_string *plan;
	HashTable *opts = NULL;

	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_OBJECT_OF_CLASS(host, participa_ce_Host)
		Z_PARAM_STR(plan)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(opts)
	ZEND_PARSE_PARAMETERS_END();
	as_of = opts ? zend_hash_str_find(opts, "as_of", 5) : NULL;
	fragment(ZEND_THIS, host, pt_commitment_store_plan_data, NULL, ZSTR_VAL(plan), as_of && Z_TYPE_P(as_of) == IS_STRING
		? Z_STRVAL_P(as_of) : NULL, 0, pt_fragment_plan_view, "plan-dashboard", return_value);
}

PHP_METHOD(Participa_Commitments, assemblyHtml)
{
	zval *host;
	zend_string *terr = NULL, *official = NULL;
	HashTable *opts = NULL;

	ZEND_PARSE_PARAMETERS_START(2, 4)
		Z_PARAM_OBJECT_OF_CLASS(host, participa_ce_Host)
		Z_PARAM_STR_OR_NULL(terr)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(official)
		Z_PARAM_ARRAY_HT(opts)
	ZEND_PARSE_PARAMETERS_END();
	fragment(ZEND_THIS, host, pt_commitment_store_assembly_data, NULL, terr ? ZSTR_VAL(terr) : NULL,
		official ? ZSTR_VAL(official) : NULL, PT_FRAGMENT_SITE_TERRITORIES, pt_fragment_assembly_view, "assembly",
		return_value);
}
