/*
 * participa binding: Participa\Participants (territory, roles, bans).
 *
 * Roles a participant holds: those given through upsert() (stored with
 * source 'api'), plus the YAML's standing assignments, or the default role
 * (PARTICIPA_DEFAULT_ROLE) when there are none. Territories and roles must
 * exist in the YAML.
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

zend_class_entry *participa_ce_Participants;

void participa_participants_create(zval *site, zval *return_value)
{
	participa_site_handle_new(participa_ce_Participants, site, return_value);
}

static bool check_id(zend_string *id, const char *what)
{
	if (ZSTR_LEN(id) == 0 || ZSTR_LEN(id) > 191 || memchr(ZSTR_VAL(id), '\0', ZSTR_LEN(id))) {
		participa_throw_invalid("%s must be a participant id of 1 to 191 bytes", what);
		return false;
	}
	return true;
}

/* Fills return_value with get($id)'s answer; false on a thrown error. */
static bool get_participant(zval *site, const char *id, zval *return_value)
{
	const pt_config *cfg = participa_site_config(site);
	pt_ts_participant p;
	pt_db *db = participa_site_db(site);
	pt_error err;
	zval roles, perms;
	uint32_t bits, bit;
	size_t i;
	bool assigned = false;

	if (!db) {
		return false;
	}
	pt_error_clear(&err);
	if (pt_ts_participant_get(db, id, &p, &err) != PT_OK) {
		participa_throw_error(&err);
		return false;
	}
	for (i = 0; i < cfg->assignment_count; i++) {
		if (strcmp(cfg->assignments[i].participant, id) == 0) {
			assigned = true;
		}
	}
	if (!p.found && !assigned) {
		ZVAL_NULL(return_value);
		return true;
	}
	array_init(return_value);
	add_assoc_string(return_value, "id", id);
	if (p.territory) {
		add_assoc_string(return_value, "territory", p.territory);
	} else {
		add_assoc_null(return_value, "territory");
	}
	add_assoc_string(return_value, "status", p.banned ? "banned" : "active");
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

	if (!check_id(id, "the participant id")) {
		RETURN_THROWS();
	}
	cfg = participa_site_config(own_site);
	if (pt_config_territory(cfg, ZSTR_VAL(territory), ZSTR_LEN(territory)) < 0) {
		zend_throw_exception_ex(participa_ce_InvalidArgumentException, 0,
			"no territory with id '%s' in the configuration", ZSTR_VAL(territory));
		RETURN_THROWS();
	}
	if (roles_ht) {
		roles = safe_emalloc(zend_hash_num_elements(roles_ht) + 1, sizeof(*roles), 0);
		ZEND_HASH_FOREACH_VAL(roles_ht, v) {
			if (Z_TYPE_P(v) != IS_STRING) {
				efree(roles);
				zend_argument_type_error(3, "must be a list of role ids (strings)");
				RETURN_THROWS();
			}
			if (!pt_config_role(cfg, Z_STRVAL_P(v))) {
				efree(roles);
				zend_throw_exception_ex(participa_ce_InvalidArgumentException, 0,
					"no role with id '%s' in the configuration", Z_STRVAL_P(v));
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
	s = pt_ts_participant_upsert(db, ZSTR_VAL(id), ZSTR_VAL(territory), (const char *const *)roles, nroles, &err);
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

	if (!check_id(id, "the participant id") || !get_participant(participa_handle_site(ZEND_THIS), ZSTR_VAL(id),
			return_value)) {
		RETURN_THROWS();
	}
}

static void ban(INTERNAL_FUNCTION_PARAMETERS, bool banned)
{
	zval *own_site = participa_handle_site(ZEND_THIS);
	zend_string *participant, *moderator, *reason = NULL;
	pt_ts_actor actor;
	pt_ts_actor_text actor_text;
	pt_db *db;
	pt_error err;

	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_STR(participant)
		Z_PARAM_STR(moderator)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR(reason)
	ZEND_PARSE_PARAMETERS_END();

	if (!check_id(participant, "the participant id") || !check_id(moderator, "the moderator")
			|| !(db = participa_site_db(own_site))) {
		RETURN_THROWS();
	}
	pt_error_clear(&err);
	if (pt_ts_actor_get(db, ZSTR_VAL(moderator), &actor, &actor_text, &err) != PT_OK) {
		participa_throw_error(&err);
		RETURN_THROWS();
	}
	if (actor.banned || !(participa_permissions(participa_site_config(own_site), ZSTR_VAL(moderator), actor.roles,
			NULL) & PT_PERM_MODERATE)) {
		pt_error_set(&err, PT_ERR_NOT_ALLOWED, "No tienes permiso para moderar.");
		participa_throw_error(&err);
		RETURN_THROWS();
	}
	if (pt_ts_participant_ban(db, ZSTR_VAL(participant), banned, ZSTR_VAL(moderator),
			reason ? ZSTR_VAL(reason) : "", &err) != PT_OK) {
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

void participa_register_participants(void)
{
	participa_ce_Participants = register_class_Participa_Participants();
	participa_site_handle_class(participa_ce_Participants);
}
