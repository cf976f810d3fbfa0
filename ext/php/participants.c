/*
 * participa binding: Participa\Participants (territory, roles, bans, and the
 * ARCO rights: export() and erase()).
 *
 * Roles a participant holds: those given through upsert() (stored with
 * source 'api'; they act everywhere), plus the YAML's standing assignments
 * (one with a territory acts only inside it), or the default role
 * (PARTICIPA_DEFAULT_ROLE) when none applies: core/permissions.h.
 * Territories and roles must exist in the YAML. Every id goes through
 * pt_id_check() first; the SQL is in io/participant_store.c.
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
#include "participa_threads.h"
#include "participants_arginfo.h"
#include "core/common/pt_id.h"
#include "core/common/text.h"

zend_class_entry *participa_ce_Participants;

/* Longest ban reason in characters: participa_moderation_log.reason is VARCHAR(1000). */
#define REASON_MAX 1000

void participa_participants_create(zval *site, zval *return_value)
{
	participa_site_handle_new(participa_ce_Participants, site, return_value);
}

static void throw_code(pt_status code, const char *msg)
{
	pt_error err;

	pt_error_clear(&err);
	pt_error_set(&err, code, "%s", msg);
	participa_throw_error(&err);
}

/* The one id rule (core/pt_id.h); throws and returns false when id breaks it. */
static bool check_id(zend_string *id, const char *what)
{
	return participa_id_arg(what, id);
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
	uint32_t bits, bit;

	if (!db) {
		return false;
	}
	pt_error_clear(&err);
	if (pt_participant_store_get(db, id, &p, &err) != PT_OK) {
		participa_throw_error(&err);
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
	array_init(&perms);
	for (bit = 1; bit; bit <<= 1) {
		const char *name = (bits & bit) ? pt_permission_name(bit) : NULL;

		if (name) {
			add_next_index_string(&perms, name);
		}
	}
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
	pt_status s;

	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_STR(id)
		Z_PARAM_STR(territory)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(roles_ht)
	ZEND_PARSE_PARAMETERS_END();

	if (!check_id(id, "El identificador del participante")
			|| !check_id(territory, "El identificador del territorio")) {
		RETURN_THROWS();
	}
	cfg = participa_site_config(own_site);
	if (pt_config_territory(cfg, ZSTR_VAL(territory), ZSTR_LEN(territory)) < 0) {
		throw_code(PT_ERR_INVALID, "El territorio no existe en la configuración.");
		RETURN_THROWS();
	}
	if (roles_ht) {
		if (zend_hash_num_elements(roles_ht) > PT_ROLES_MAX) {
			participa_throw_invalid("Un participante puede tener a lo más %d roles.", PT_ROLES_MAX);
			RETURN_THROWS();
		}
		roles = safe_emalloc(zend_hash_num_elements(roles_ht) + 1, sizeof(*roles), 0);
		ZEND_HASH_FOREACH_VAL(roles_ht, v) {
			ZVAL_DEREF(v);
			if (Z_TYPE_P(v) != IS_STRING) {
				efree(roles);
				zend_argument_type_error(3, "must be a list of role ids (strings)");
				RETURN_THROWS();
			}
			/* by length: "moderador\0x" is not "moderador" */
			if (!pt_role_find(cfg, Z_STRVAL_P(v), Z_STRLEN_P(v))) {
				efree(roles);
				throw_code(PT_ERR_INVALID, "Un rol no existe en la configuración.");
				RETURN_THROWS();
			}
			roles[nroles++] = Z_STRVAL_P(v);
		} ZEND_HASH_FOREACH_END();
	}
	db = participa_site_db(own_site);
	if (!db) {
		if (roles) {
			efree(roles);
		}
		RETURN_THROWS();
	}
	pt_error_clear(&err);
	s = pt_participant_store_upsert(db, ZSTR_VAL(id), ZSTR_VAL(territory), (const char *const *)roles, nroles, &err);
	if (roles) {
		efree(roles);
	}
	if (s != PT_OK) {
		participa_throw_error(&err);
		RETURN_THROWS();
	}
	if (!get_participant(own_site, ZSTR_VAL(id), return_value)) {
		RETURN_THROWS();
	}
}

PHP_METHOD(Participa_Participants, get)
{
	zend_string *id;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(id)
	ZEND_PARSE_PARAMETERS_END();

	if (!check_id(id, "El identificador del participante")
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
	size_t chars = 0;
	pt_db *db;
	pt_error err;

	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_STR(participant)
		Z_PARAM_STR(moderator)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR(reason)
	ZEND_PARSE_PARAMETERS_END();

	if (!check_id(participant, "El identificador del participante")
			|| !check_id(moderator, "El identificador de quien modera")) {
		RETURN_THROWS();
	}
	pt_error_clear(&err);
	if (reason && pt_text_validate(ZSTR_VAL(reason), ZSTR_LEN(reason), &chars, &err) != PT_OK) {
		participa_throw_error(&err);
		RETURN_THROWS();
	}
	if (chars > REASON_MAX) {
		participa_throw_invalid("El motivo puede tener a lo más %d caracteres.", REASON_MAX);
		RETURN_THROWS();
	}
	if (!(db = participa_site_db(own_site))) {
		RETURN_THROWS();
	}
	if (pt_participant_actor_get(db, ZSTR_VAL(moderator), &actor, &actor_text, &err) != PT_OK) {
		participa_throw_error(&err);
		RETURN_THROWS();
	}
	/* a ban acts on the whole site: only a moderator whose role is not
	 * limited to a territory may ban */
	if (actor.banned || !(participa_permissions(participa_site_config(own_site), ZSTR_VAL(moderator), actor.roles,
			NULL) & PT_PERM_MODERATE)) {
		throw_code(PT_ERR_NOT_ALLOWED, "No tienes permiso para moderar.");
		RETURN_THROWS();
	}
	if (pt_participant_store_ban(db, ZSTR_VAL(participant), banned, ZSTR_VAL(moderator), reason ? ZSTR_VAL(reason) : "", &err)
			!= PT_OK) {
		participa_throw_error(&err);
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

	if (!check_id(*id, "El identificador del participante")) {
		return NULL;
	}
	return participa_site_db(participa_handle_site(ZEND_THIS));
}

PHP_METHOD(Participa_Participants, erase)
{
	zval *own_site = participa_handle_site(ZEND_THIS);
	zend_string *id;
	pt_participant_store_erase_report r;
	zval kept;
	pt_db *db;
	pt_error err;

	if (!(db = arco_start(INTERNAL_FUNCTION_PARAM_PASSTHRU, &id))) {
		RETURN_THROWS();
	}
	pt_error_clear(&err);
	if (pt_participant_store_erase(db, ZSTR_VAL(id), &r, &err) != PT_OK) {
		participa_throw_error(&err);
		RETURN_THROWS();
	}
	array_init(return_value);
	add_assoc_string(return_value, "id", ZSTR_VAL(id));
	add_assoc_string(return_value, "pseudonym", r.pseudonym);
	add_assoc_long(return_value, "participant", (zend_long)r.participant);
	add_assoc_long(return_value, "roles", (zend_long)r.roles);
	add_assoc_long(return_value, "comments", (zend_long)r.comments);
	add_assoc_long(return_value, "comment_versions", (zend_long)r.comment_versions);
	add_assoc_long(return_value, "reactions", (zend_long)r.reactions);
	add_assoc_long(return_value, "flags", (zend_long)r.flags);
	add_assoc_long(return_value, "mentions", (zend_long)r.mentions);
	add_assoc_long(return_value, "moderation_log", (zend_long)r.moderation_log);
	add_assoc_long(return_value, "voters", (zend_long)r.voters);
	add_assoc_long(return_value, "cast_keys", (zend_long)r.cast_keys);
	add_assoc_long(return_value, "ballots", (zend_long)r.ballots);
	add_assoc_long(return_value, "proposals", (zend_long)r.proposals);
	add_assoc_long(return_value, "attendance", (zend_long)r.attendance);
	array_init(&kept);
	add_assoc_long(&kept, "voters_open", (zend_long)r.kept_voters);
	add_assoc_long(&kept, "cast_keys_open", (zend_long)r.kept_cast_keys);
	add_assoc_long(&kept, "official_acts", (zend_long)r.kept_official);
	add_assoc_long(&kept, "commitment_history", (zend_long)r.kept_history);
	/* the YAML is the operator's file: participa cannot rewrite it */
	{
		const pt_config *cfg = participa_site_config(own_site);
		zend_long n = 0;
		size_t i;

		for (i = 0; i < cfg->assignment_count; i++) {
			n += strcmp(cfg->assignments[i].participant, ZSTR_VAL(id)) == 0;
		}
		add_assoc_long(&kept, "yaml_assignments", n);
	}
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
	if (pt_participant_store_export(db, ZSTR_VAL(id), &sink, &err) != PT_OK) {
		zval_ptr_dtor(&sections);
		participa_throw_error(&err);
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
