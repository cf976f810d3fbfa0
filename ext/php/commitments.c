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

#include <math.h>
#include <string.h>
#include <time.h>

#include "php.h"
#include "zend_interfaces.h"
#include "ext/json/php_json.h"
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

/* The commitments configuration, or NULL with an exception thrown. */
static const pt_commitments_config *cm_config(zval *self, const pt_config **cfg_out)
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
	return cfg->commitments;
}

/* A commitment id argument; false with an exception thrown. */
static bool arg_cid(const zend_string *s)
{
	pt_error err;

	pt_error_clear(&err);
	return participa_ok(pt_commitment_id_check("El identificador del compromiso", ZSTR_VAL(s), ZSTR_LEN(s), &err), &err);
}

/* Today (YYYY-MM-DD) in PHP's default time zone. */
static void today(char out[11])
{
	zend_string *s = php_format_date("Y-m-d", 5, time(NULL), 1);

	snprintf(out, 11, "%s", ZSTR_VAL(s));
	zend_string_release(s);
}

/* ------------------------------------------------------------------ patches */

/* A float as a field's text (PHP's snprintf: "1.0e+20"); false for NaN and INF. */
static bool number_text(double d, char out[64])
{
	if (!zend_finite(d)) {
		return false;   /* NaN and INF are no value of any field */
	}
	if (fabs(d) >= 1e15) {
		/* beyond every field's range: written so the field's rule refuses it by name */
		snprintf(out, 64, "%.17g", d);
		return true;
	}
	snprintf(out, 64, "%.6F", d);
	pt_commitment_trim_zeros(out);
	return true;
}

/*
 * A zval as the value tree core/commitment/commitment_patch.h reads: depth
 * 0 is the array of fields (or options), 1 a field's value, 2 a list's
 * item, 3 an item's entry. Arrays below depth 2, floats at depth 2 (where
 * only maps and texts are taken) and floats without floats (options: a
 * text option is a string) become a rational: a value nothing takes.
 */
static pt_value *to_value(zval *v, int depth, bool floats)
{
	const pt_allocator *a = &participa_request_allocator;
	char buf[64];

	ZVAL_DEREF(v);
	switch (Z_TYPE_P(v)) {
	case IS_NULL: return pt_value_null(a);
	case IS_TRUE: return pt_value_bool(a, 1);
	case IS_FALSE: return pt_value_bool(a, 0);
	case IS_LONG: return pt_value_int(a, Z_LVAL_P(v));
	case IS_STRING: return pt_value_string(a, Z_STRVAL_P(v), Z_STRLEN_P(v));
	case IS_DOUBLE:
		if (floats && depth != 2 && number_text(Z_DVAL_P(v), buf)) {
			return pt_value_cstr(a, buf);
		}
		break;
	case IS_ARRAY:
		if (depth < 3) {
			pt_value *m = pt_value_map(a);
			zend_string *key;
			zend_ulong idx;
			zval *item;

			ZEND_HASH_FOREACH_KEY_VAL(Z_ARRVAL_P(v), idx, key, item) {
				char num[32];

				if (!key) {
					snprintf(num, sizeof(num), ZEND_LONG_FMT, (zend_long)idx);
				}
				pt_value_set(m, key ? ZSTR_VAL(key) : num, key ? ZSTR_LEN(key) : strlen(num),
					to_value(item, depth + 1, floats));
			} ZEND_HASH_FOREACH_END();
			return m;
		}
		break;
	default:
		break;
	}
	return pt_value_rational(a, 0, 1);
}

/* pt_commitment_json_fn: a list given as JSON text (a CSV cell). */
static bool json_list(void *ctx, const char *s, size_t len, pt_value **out)
{
	zval tmp;

	(void)ctx;
	if (php_json_decode_ex(&tmp, (char *)s, len, PHP_JSON_OBJECT_AS_ARRAY, 8) != SUCCESS) {
		zval_ptr_dtor(&tmp);
		return false;
	}
	*out = to_value(&tmp, 1, true);
	zval_ptr_dtor(&tmp);
	return true;
}

/* Fills pb from a PHP array of fields (core: pt_commitment_patch_from_value()). */
static pt_status patch_from_array(const pt_config *cfg, HashTable *ht, pt_commitment_patch_buf *pb, bool structure,
	const char *by, pt_commitment_field_error_fn fn, void *fctx, pt_error *err)
{
	pt_commitment_patch_in in = { cfg, structure, by, json_list, NULL, fn, fctx };
	pt_value *v;
	pt_status st;
	int bad;
	zval z;

	ZVAL_ARR(&z, ht);
	v = to_value(&z, 0, true);
	st = pt_commitment_patch_from_value(&in, v, pb, &bad, err);
	pt_value_free(v);
	return st;
}

/* An options array as a value tree (NULL for none); free it with pt_value_free(). */
static pt_value *opts_value(HashTable *ht)
{
	zval z;

	if (!ht) {
		return NULL;
	}
	ZVAL_ARR(&z, ht);
	return to_value(&z, 0, false);
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

/* v (a value tree) as the PHP value rv, freed; false with err thrown (out of memory when v is NULL and err says
 * nothing else). */
static bool value_into(pt_value *v, pt_error *err, zval *rv)
{
	if (!v) {
		if (err->code == PT_OK) {
			pt_error_set(err, PT_ERR_NOMEM, "out of memory");
		}
		participa_throw_error(err);
		return false;
	}
	participa_value_to_zval(v, rv);
	pt_value_free(v);
	return true;
}

/* A commitment as the PHP array (core: pt_commitment_record_value()). */
static bool record_to_array(const pt_config *cfg, const pt_commitment_record *r, const char *as_of, zval *out)
{
	pt_error err;

	pt_error_clear(&err);
	return value_into(pt_commitment_record_value(cfg, r, as_of, &participa_request_allocator), &err, out);
}

/* Reads one commitment into return_value (null if absent); false with an exception on failure. */
static bool get_into(zval *self, const char *id, const char *as_of, zval *rv)
{
	const pt_config *cfg;
	pt_db *db;
	pt_commitment_store_arena *arena;
	pt_commitment_record r;
	bool found = false;
	pt_error err;
	char day[11];

	if (!cm_config(self, &cfg) || !(db = participa_site_db(participa_handle_site(self)))) {
		return false;
	}
	if (!as_of) {
		today(day);
		as_of = day;
	}
	arena = pt_commitment_store_arena_new(&participa_request_allocator);
	pt_error_clear(&err);
	if (!arena || pt_commitment_store_get(db, id, arena, &r, &found, &err) != PT_OK) {
		if (!arena) {
			pt_error_set(&err, PT_ERR_NOMEM, "out of memory");
		}
		pt_commitment_store_arena_free(arena);
		participa_throw_error(&err);
		return false;
	}
	ZVAL_NULL(rv);
	found = !found || record_to_array(cfg, &r, as_of, rv);
	pt_commitment_store_arena_free(arena);
	return found;
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
		return get_into(self, w->id, NULL, rv);
	}
	today(day);
	ok = record_to_array(cfg, &w->result, day, rv);
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
	if (!(c = cm_config(self, &cfg)) || !(db = participa_site_db(participa_handle_site(self)))
		|| !participa_id_arg("El identificador del participante (by)", by) || (is_update && !arg_cid(id))
		|| (note && !participa_ok(pt_commitment_text_check("note", ZSTR_VAL(note), ZSTR_LEN(note), 20000, false,
			&err), &err))) {
		RETURN_THROWS();
	}
	pt_commitment_patch_init(&pb, &participa_request_allocator);
	if (patch_from_array(cfg, data, &pb, !is_update, ZSTR_VAL(by), NULL, NULL, &err) != PT_OK
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
		|| !get_into(ZEND_THIS, ZSTR_VAL(id), as_of ? ZSTR_VAL(as_of) : NULL, return_value)) {
		RETURN_THROWS();
	}
}

/* The commitments f selects, in an arena (the caller frees it); NULL with an exception thrown. */
static pt_commitment_store_arena *read_list(pt_db *db, const pt_commitment_filter *f, pt_commitment_record **items,
	size_t *n)
{
	pt_commitment_store_arena *arena = pt_commitment_store_arena_new(&participa_request_allocator);
	pt_error err;

	pt_error_clear(&err);
	if (!arena || pt_commitment_store_list(db, f, arena, items, n, &err) != PT_OK) {
		pt_commitment_store_arena_free(arena);
		if (!arena) {
			pt_error_set(&err, PT_ERR_NOMEM, "out of memory");
		}
		participa_throw_error(&err);
		return NULL;
	}
	return arena;
}

/* Lists into return_value; light filters on the computed light. */
static bool list_into(zval *self, pt_commitment_filter *f, const char *as_of, const char *light, zval *rv)
{
	const pt_config *cfg;
	pt_db *db;
	pt_commitment_store_arena *arena;
	pt_commitment_record *items = NULL;
	size_t n = 0;
	pt_error err;
	char day[11];
	bool ok;

	if (!cm_config(self, &cfg) || !(db = participa_site_db(participa_handle_site(self)))
		|| !(arena = read_list(db, f, &items, &n))) {
		return false;
	}
	if (!as_of) {
		today(day);
		as_of = day;
	}
	pt_error_clear(&err);
	ok = value_into(pt_commitment_records_value(cfg, items, n, as_of, light, &participa_request_allocator), &err, rv);
	pt_commitment_store_arena_free(arena);
	return ok;
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
	if (!list_into(ZEND_THIS, &f, NULL, NULL, return_value)) {
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

	opts = opts_value(filters);
	pt_error_clear(&err);
	if (pt_commitment_list_options(opts, &f, &light, &as_of, &err) != PT_OK) {
		pt_value_free(opts);
		participa_throw_error(&err);
		RETURN_THROWS();
	}
	ok = list_into(ZEND_THIS, &f, as_of, light, return_value);
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

	if (!arg_cid(id) || !get_into(ZEND_THIS, ZSTR_VAL(id), NULL, return_value)) {
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
	if (!list_into(ZEND_THIS, &f, NULL, NULL, &children)) {
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
	pt_error err;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(id)
	ZEND_PARSE_PARAMETERS_END();

	if (!arg_cid(id) || !cm_config(ZEND_THIS, NULL) || !(db = participa_site_db(participa_handle_site(ZEND_THIS)))) {
		RETURN_THROWS();
	}
	pt_error_clear(&err);
	if (!value_into(pt_commitment_store_history_value(db, ZSTR_VAL(id), &participa_request_allocator, &err), &err,
			return_value)) {
		RETURN_THROWS();
	}
}

PHP_METHOD(Participa_Commitments, verify)
{
	pt_db *db;
	pt_error err;

	ZEND_PARSE_PARAMETERS_NONE();
	if (!cm_config(ZEND_THIS, NULL) || !(db = participa_site_db(participa_handle_site(ZEND_THIS)))) {
		RETURN_THROWS();
	}
	pt_error_clear(&err);
	if (!value_into(pt_commitment_store_verify_value(db, &participa_request_allocator, &err), &err, return_value)) {
		RETURN_THROWS();
	}
}

/* ------------------------------------------------------------------ summary */

PHP_METHOD(Participa_Commitments, summary)
{
	zend_string *by_name;
	HashTable *opts = NULL;
	const pt_config *cfg;
	const pt_commitments_config *c;
	const pt_commitment_summary *e;
	pt_db *db;
	pt_commitment_by by;
	const char *plan, *as_of;
	bool roots;
	pt_value *ov;
	pt_error err;
	char day[11], late_before[11];

	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_STR(by_name)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(opts)
	ZEND_PARSE_PARAMETERS_END();

	if (!pt_commitment_by_from_name(ZSTR_VAL(by_name), ZSTR_LEN(by_name), &by)) {
		participa_throw_argument(1, false, "must be one of theme, pillar, status, territory, agency, plan");
		RETURN_THROWS();
	}
	if (!(c = cm_config(ZEND_THIS, &cfg)) || !(db = participa_site_db(participa_handle_site(ZEND_THIS)))) {
		RETURN_THROWS();
	}
	pt_error_clear(&err);
	ov = opts_value(opts);
	if (pt_commitment_summary_options(ov, &plan, &as_of, &roots, &err) != PT_OK) {
		pt_value_free(ov);
		participa_throw_error(&err);
		RETURN_THROWS();
	}
	if (!as_of) {
		today(day);
		as_of = day;
	}
	/* late: due date more than late_grace_days before as_of */
	pt_commitment_late_before(as_of, (int64_t)c->late_grace_days, late_before);
	e = pt_commitment_store_summary_cached(db, cfg, by, plan, roots, late_before, &err);
	pt_value_free(ov);
	if (!e || !value_into(pt_commitment_summary_value(cfg, by, ZSTR_VAL(by_name), ZSTR_LEN(by_name), e,
			&participa_request_allocator), &err, return_value)) {
		if (!e) {
			participa_throw_error(&err);
		}
		RETURN_THROWS();
	}
}

/* ------------------------------------------------------------------ open data */

PHP_METHOD(Participa_Commitments, export)
{
	zend_string *format, *plan;
	HashTable *opts = NULL;
	const pt_config *cfg;
	const pt_commitments_config *c;
	pt_db *db;
	pt_commitment_filter f;
	pt_commitment_store_arena *arena;
	pt_commitment_record *items = NULL;
	size_t n = 0;
	pt_value *ov = NULL;
	pt_error err;
	bool csv, bom = false;
	int32_t pi;
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
	if (!(c = cm_config(ZEND_THIS, &cfg)) || !(db = participa_site_db(participa_handle_site(ZEND_THIS)))
		|| !participa_id_arg("El plan", plan)) {
		RETURN_THROWS();
	}
	pt_error_clear(&err);
	ov = opts_value(opts);
	if (pt_commitment_export_plan(c, ZSTR_VAL(plan), ZSTR_LEN(plan), &pi, &err) == PT_OK) {
		pt_commitment_export_options(ov, &bom, &err);
	}
	pt_value_free(ov);
	if (err.code != PT_OK) {
		participa_throw_error(&err);
		RETURN_THROWS();
	}
	memset(&f, 0, sizeof(f));
	f.plan = ZSTR_VAL(plan);
	f.full = true;
	if (!(arena = read_list(db, &f, &items, &n))) {
		RETURN_THROWS();
	}
	pt_buf_init(&b, &participa_request_allocator);
	if (csv) {
		pt_commitment_export_csv(&b, items, n, bom);
	} else {
		pt_commitment_export_json(&b, &c->plans[pi], items, n);
	}
	RETVAL_STRINGL(b.data ? b.data : "", b.len);
	pt_buf_free(&b);
	pt_commitment_store_arena_free(arena);
}

/* ------------------------------------------------------------------ import */

/* Reads a JSON export ({"commitments": [...]}) into the file's rows. */
static void import_read_json(zend_string *data, pt_commitment_import_file *f)
{
	zval doc, *list, *item;
	long k = 0;

	ZVAL_UNDEF(&doc);
	if (php_json_decode_ex(&doc, ZSTR_VAL(data), ZSTR_LEN(data), PHP_JSON_OBJECT_AS_ARRAY, 64) != SUCCESS
		|| Z_TYPE(doc) != IS_ARRAY || !(list = zend_hash_str_find(Z_ARRVAL(doc), "commitments", 11))
		|| Z_TYPE_P(list) != IS_ARRAY) {
		zval_ptr_dtor(&doc);
		pt_commitment_import_bad_json(f);
		return;
	}
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(list), item) {
		if (!pt_commitment_import_add_item(f, ++k, to_value(item, 0, true))) {
			break;
		}
	} ZEND_HASH_FOREACH_END();
	zval_ptr_dtor(&doc);
}

/*
 * import(): the file is read (CSV in core, JSON decoded here), checked,
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
	if ((by && !participa_id_arg("El identificador del participante (by)", by)) || !cm_config(ZEND_THIS, &cfg)
		|| !(db = participa_site_db(participa_handle_site(ZEND_THIS)))) {
		RETURN_THROWS();
	}
	pt_commitment_import_file_init(&f, csv, &participa_request_allocator);
	if (csv) {
		pt_commitment_import_read_csv(&f, ZSTR_VAL(data), ZSTR_LEN(data));
	} else {
		import_read_json(data, &f);
	}
	memset(&in, 0, sizeof(in));
	in.cfg = cfg;
	in.by = by ? ZSTR_VAL(by) : "participa:import";
	in.json = json_list;
	pt_error_clear(&err);
	st = pt_commitment_store_import_file(db, &f, &in, dry, in.by, &err);
	if (st != PT_OK) {
		pt_commitment_import_file_free(&f);
		participa_throw_error(&err);
		RETURN_THROWS();
	}
	value_into(pt_commitment_import_result_value(&f, dry), &err, return_value);
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

	if (!cm_config(ZEND_THIS, &cfg) || !(db = participa_site_db(participa_handle_site(ZEND_THIS)))
		|| !participa_id_arg("El identificador del participante (by)", by)) {
		RETURN_THROWS();
	}
	av = opts_value(a);
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
	value_into(pt_commitment_store_assembly_value(&as, &participa_request_allocator, &err), &err, return_value);
	pt_commitment_store_assembly_free_ids(&as);
}

PHP_METHOD(Participa_Commitments, assemblies)
{
	zend_string *territory = NULL;
	pt_db *db;
	pt_error err;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(territory)
	ZEND_PARSE_PARAMETERS_END();

	if ((territory && !participa_id_arg("El territorio", territory)) || !cm_config(ZEND_THIS, NULL)
		|| !(db = participa_site_db(participa_handle_site(ZEND_THIS)))) {
		RETURN_THROWS();
	}
	pt_error_clear(&err);
	if (!value_into(pt_commitment_store_assemblies_value(db, territory ? ZSTR_VAL(territory) : NULL,
			&participa_request_allocator, &err), &err, return_value)) {
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
	if (cm_config(self, &cfg) && (db = participa_site_db(participa_handle_site(self)))
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
