/*
 * participa binding: Participa\Participants (territory, roles, bans, and the
 * ARCO rights: export() and erase()).
 *
 * Roles a participant holds: those given through upsert() (stored with
 * source 'api'; they act everywhere), plus the YAML's standing assignments
 * (one with a territory acts only inside it), or the default role
 * when none applies. The rules (core/participant/permissions.h) and the SQL
 * (io/participant/participant_store.h) are below this file; every id goes
 * through participa_id_arg() first.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "php.h"
#include "zend_exceptions.h"

#include "php_participa.h"
#include "participa_errors.h"
#include "participa_site.h"
#include "participa_permissions.h"
#include "participa_threads.h"
#include "participants_arginfo.h"
#include "core/common/pt_id.h"

zend_class_entry *participa_ce_Participants;

#define ID_PARTICIPANT "El identificador del participante"

void participa_participants_create(zval *site, zval *return_value)
{
	participa_site_handle_new(participa_ce_Participants, site, return_value);
}

/* Throws err when s is not PT_OK; true when it is. */
static bool ok(pt_status s, const pt_error *err)
{
	if (s != PT_OK) {
		participa_throw_error(err);
	}
	return s == PT_OK;
}

static void add_opt_string(zval *arr, const char *key, const char *v)
{
	if (v) {
		add_assoc_string(arr, key, v);
	} else {
		add_assoc_null(arr, key);
	}
}

/* The YAML's standing assignments of id, as a list of ['role', 'territory', 'body']. */
static void yaml_assignments(const pt_config *cfg, const char *id, zval *out)
{
	size_t i;

	array_init(out);
	for (i = 0; i < cfg->assignment_count; i++) {
		const pt_assignment *a = &cfg->assignments[i];
		zval item;

		if (strcmp(a->participant, id) != 0 || a->role >= cfg->role_count) {
			continue;
		}
		array_init(&item);
		add_assoc_string(&item, "role", cfg->roles[a->role].id);
		add_opt_string(&item, "territory", a->territory >= 0 ? cfg->territories.items[a->territory].id : NULL);
		add_opt_string(&item, "body", a->body);
		add_next_index_zval(out, &item);
	}
}

/* Fills return_value with get($id)'s answer; false on a thrown error. */
static bool get_participant(zval *site, const char *id, zval *return_value)
{
	const pt_config *cfg = participa_site_config(site);
	pt_participant p;
	pt_db *db = participa_site_db(site);
	pt_error err;
	zval roles, perms, assignments;
	uint32_t bits;

	pt_error_clear(&err);
	if (!db || !ok(pt_participant_store_get(db, id, &p, &err), &err)) {
		return false;
	}
	yaml_assignments(cfg, id, &assignments);
	if (!p.found && zend_hash_num_elements(Z_ARRVAL(assignments)) == 0) {
		zval_ptr_dtor(&assignments);
		ZVAL_NULL(return_value);
		return true;
	}
	array_init(return_value);
	add_assoc_string(return_value, "id", id);
	add_opt_string(return_value, "territory", p.territory);
	add_assoc_string(return_value, "status", p.banned ? "banned" : "active");
	/* site-wide: what acts for an action with no territory; the assignments
	 * limited to a territory are listed below and act only inside it */
	array_init(&roles);
	bits = participa_permissions(cfg, id, p.roles, &roles);
	add_assoc_zval(return_value, "roles", &roles);
	participa_permission_names(bits, &perms);
	add_assoc_zval(return_value, "permissions", &perms);
	add_assoc_zval(return_value, "assignments", &assignments);
	add_assoc_bool(return_value, "known", p.found);
	return true;
}

PHP_METHOD(Participa_Participants, __construct)
{
	ZEND_PARSE_PARAMETERS_NONE();
}

PHP_METHOD(Participa_Participants, upsert)
{
	zval *own_site = participa_handle_site(ZEND_THIS);
	zend_string *id, *territory;
	HashTable *roles_ht = NULL;
	const pt_config *cfg;
	const char **roles = NULL;
	size_t nroles = 0;
	zval *v;
	pt_db *db;
	pt_error err;
	pt_status s = PT_OK;

	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_STR(id)
		Z_PARAM_STR(territory)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(roles_ht)
	ZEND_PARSE_PARAMETERS_END();

	if (!participa_id_arg(ID_PARTICIPANT, id) || !participa_id_arg("El identificador del territorio", territory)) {
		RETURN_THROWS();
	}
	cfg = participa_site_config(own_site);
	pt_error_clear(&err);
	if (!ok(pt_participant_check_upsert(cfg, ZSTR_VAL(territory), ZSTR_LEN(territory),
			roles_ht ? zend_hash_num_elements(roles_ht) : 0, &err), &err)) {
		RETURN_THROWS();
	}
	if (roles_ht) {
		roles = safe_emalloc(zend_hash_num_elements(roles_ht) + 1, sizeof(*roles), 0);
		ZEND_HASH_FOREACH_VAL(roles_ht, v) {
			ZVAL_DEREF(v);
			if (Z_TYPE_P(v) != IS_STRING) {
				efree(roles);
				participa_throw_argument(3, true, "must be a list of role ids (strings)");
				RETURN_THROWS();
			}
			if (!ok(pt_role_check(cfg, Z_STRVAL_P(v), Z_STRLEN_P(v), &err), &err)) {
				efree(roles);
				RETURN_THROWS();
			}
			roles[nroles++] = Z_STRVAL_P(v);
		} ZEND_HASH_FOREACH_END();
	}
	if ((db = participa_site_db(own_site))) {
		s = pt_participant_store_upsert(db, ZSTR_VAL(id), ZSTR_VAL(territory), (const char *const *)roles, nroles, &err);
	}
	if (roles) {
		efree(roles);
	}
	if (!db || !ok(s, &err) || !get_participant(own_site, ZSTR_VAL(id), return_value)) {
		RETURN_THROWS();
	}
}

PHP_METHOD(Participa_Participants, get)
{
	zend_string *id;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(id)
	ZEND_PARSE_PARAMETERS_END();

	if (!participa_id_arg(ID_PARTICIPANT, id)
			|| !get_participant(participa_handle_site(ZEND_THIS), ZSTR_VAL(id), return_value)) {
		RETURN_THROWS();
	}
}

static void ban(INTERNAL_FUNCTION_PARAMETERS, bool banned)
{
	zval *own_site = participa_handle_site(ZEND_THIS);
	zend_string *participant, *moderator, *reason = NULL;
	pt_participant_actor actor;
	pt_participant_actor_text actor_text;
	pt_participant_facts f;
	pt_db *db;
	pt_error err;

	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_STR(participant)
		Z_PARAM_STR(moderator)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR(reason)
	ZEND_PARSE_PARAMETERS_END();

	pt_error_clear(&err);
	if (!participa_id_arg(ID_PARTICIPANT, participant) || !participa_id_arg("El identificador de quien modera", moderator)
			|| (reason && !ok(pt_ban_reason_check(ZSTR_VAL(reason), ZSTR_LEN(reason), &err), &err))
			|| !(db = participa_site_db(own_site))
			|| !ok(pt_participant_actor_get(db, ZSTR_VAL(moderator), &actor, &actor_text, &err), &err)) {
		RETURN_THROWS();
	}
	f = (pt_participant_facts){ ZSTR_VAL(moderator), actor.banned, actor.roles, actor.territory };
	if (!ok(pt_permissions_may_ban(participa_site_config(own_site), &f, &err), &err)
			|| !ok(pt_participant_store_ban(db, ZSTR_VAL(participant), banned, ZSTR_VAL(moderator),
				reason ? ZSTR_VAL(reason) : "", &err), &err)) {
		RETURN_THROWS();
	}
}

PHP_METHOD(Participa_Participants, ban)
{
	ban(INTERNAL_FUNCTION_PARAM_PASSTHRU, true);
}

PHP_METHOD(Participa_Participants, unban)
{
	ban(INTERNAL_FUNCTION_PARAM_PASSTHRU, false);
}

/* ------------------------------------------------------------------ ARCO */

/* export()/erase(): parses and checks the id; the connection, or NULL on a thrown error. */
static pt_db *arco_start(INTERNAL_FUNCTION_PARAMETERS, zend_string **id)
{
	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(*id)
	ZEND_PARSE_PARAMETERS_END_EX(return NULL);

	if (!participa_id_arg(ID_PARTICIPANT, *id)) {
		return NULL;
	}
	return participa_site_db(participa_handle_site(ZEND_THIS));
}

PHP_METHOD(Participa_Participants, erase)
{
	zval *own_site = participa_handle_site(ZEND_THIS);
	zend_string *id;
	pt_participant_store_erase_report r;
	const pt_participant_store_erase_field *field;
	zval kept;
	pt_db *db;
	pt_error err;

	if (!(db = arco_start(INTERNAL_FUNCTION_PARAM_PASSTHRU, &id))) {
		RETURN_THROWS();
	}
	pt_error_clear(&err);
	if (!ok(pt_participant_store_erase(db, ZSTR_VAL(id), &participa_request_allocator, &r, &err), &err)) {
		RETURN_THROWS();
	}
	array_init(return_value);
	add_assoc_string(return_value, "id", ZSTR_VAL(id));
	add_assoc_string(return_value, "pseudonym", r.pseudonym);
	array_init(&kept);
	for (field = pt_participant_store_erase_fields; field->name; field++) {
		add_assoc_long(field->kept ? &kept : return_value, field->name,
			(zend_long)*(const uint64_t *)((const char *)&r + field->offset));
	}
	/* the YAML is the operator's file: participa cannot rewrite it */
	add_assoc_long(&kept, "yaml_assignments",
		(zend_long)pt_assignment_count(participa_site_config(own_site), ZSTR_VAL(id)));
	add_assoc_zval(return_value, "kept", &kept);
}

typedef struct export_ctx {
	zval *out;
} export_ctx;

static void export_begin(void *vctx)
{
	export_ctx *x = vctx;
	const char *const *s;

	/* a replayed transaction starts over */
	zend_hash_clean(Z_ARRVAL_P(x->out));
	for (s = pt_participant_store_export_sections; *s; s++) {
		zval list;

		array_init(&list);
		add_assoc_zval(x->out, *s, &list);
	}
}

static pt_status export_row(void *vctx, const char *section, const char *const *names, const pt_db_value *values,
	size_t ncols, pt_error *err)
{
	export_ctx *x = vctx;
	zval *list = zend_hash_str_find(Z_ARRVAL_P(x->out), section, strlen(section));
	zval row;
	size_t i;

	if (!list) {
		return pt_error_set(err, PT_ERR_INTERNAL, "export: unknown section %s", section);
	}
	array_init_size(&row, (uint32_t)ncols);
	for (i = 0; i < ncols; i++) {
		const pt_db_value *v = &values[i];

		switch (v->type) {
		case PT_DB_INT:
			add_assoc_long(&row, names[i], (zend_long)v->i);
			break;
		case PT_DB_DOUBLE:
			add_assoc_double(&row, names[i], v->d);
			break;
		case PT_DB_TEXT:
			add_assoc_stringl(&row, names[i], v->s, v->len);
			break;
		default:
			add_assoc_null(&row, names[i]);
		}
	}
	add_next_index_zval(list, &row);
	return PT_OK;
}

PHP_METHOD(Participa_Participants, export)
{
	zval *own_site = participa_handle_site(ZEND_THIS);
	const pt_config *cfg;
	zend_string *id;
	zval sections, assignments;
	export_ctx x = { &sections };
	pt_participant_store_export_sink sink = { export_begin, export_row, &x };
	pt_db *db;
	pt_error err;

	if (!(db = arco_start(INTERNAL_FUNCTION_PARAM_PASSTHRU, &id))) {
		RETURN_THROWS();
	}
	array_init(&sections);
	pt_error_clear(&err);
	if (!ok(pt_participant_store_export(db, ZSTR_VAL(id), &sink, &err), &err)) {
		zval_ptr_dtor(&sections);
		RETURN_THROWS();
	}
	array_init(return_value);
	add_assoc_string(return_value, "id", ZSTR_VAL(id));
	/* the YAML's standing assignments are stored about them too */
	cfg = participa_site_config(own_site);
	yaml_assignments(cfg, ZSTR_VAL(id), &assignments);
	add_assoc_zval(return_value, "yaml_assignments", &assignments);
	zend_hash_str_update(Z_ARRVAL_P(return_value), "tables", sizeof("tables") - 1, &sections);
}

void participa_register_participants(void)
{
	participa_ce_Participants = register_class_Participa_Participants();
	participa_site_handle_class(participa_ce_Participants);
}
