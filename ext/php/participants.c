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

#include "php.h"

#include "php_participa.h"
#include "participa_errors.h"
#include "participa_site.h"
#include "participa_permissions.h"
#include "participa_threads.h"
#include "participa_options.h"
#include "io/participant/participant_view.h"
#include "io/participant/participant_actor.h"

zend_class_entry *participa_ce_Participants;

/* An answer of io/participant/participant_view.h. */
typedef pt_status (*view_fn)(pt_db *db, const pt_config *cfg, const char *id, const pt_allocator *a,
	pt_value **out, pt_error *err);

/* fn's answer about id into return_value; false on a thrown error. */
static bool view(zval *site, view_fn fn, const char *id, zval *return_value)
{
	pt_db *db = participa_site_db(site);
	pt_value *v = NULL;
	pt_error err;
	pt_status s;

	if (!db) {
		return false;
	}
	pt_error_clear(&err);
	s = fn(db, participa_site_config(site), id, &participa_request_allocator, &v, &err);
	return participa_value_result(s, &err, v, return_value);
}

/* get(), export(), erase(): the id checked, then the view's answer. */
static void view_method(INTERNAL_FUNCTION_PARAMETERS, view_fn fn)
{
	zend_string *id;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(id)
	ZEND_PARSE_PARAMETERS_END();

	if (!participa_id_arg(ID_PARTICIPANT, id) || !view(participa_handle_site(ZEND_THIS), fn, ZSTR_VAL(id),
			return_value)) {
		RETURN_THROWS();
	}
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
	const char *roles[PT_ROLES_MAX];
	size_t nroles = 0;
	zval *v;
	pt_db *db;
	pt_error err;

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
	/* at most PT_ROLES_MAX roles from here on */
	if (!participa_ok(pt_participant_check_upsert(cfg, ZSTR_VAL(territory), ZSTR_LEN(territory),
			roles_ht ? zend_hash_num_elements(roles_ht) : 0, &err), &err)) {
		RETURN_THROWS();
	}
	if (roles_ht) {
		ZEND_HASH_FOREACH_VAL(roles_ht, v) {
			ZVAL_DEREF(v);
			if (Z_TYPE_P(v) != IS_STRING) {
				participa_throw_argument(3, true, "must be a list of role ids (strings)");
				RETURN_THROWS();
			}
			if (!participa_ok(pt_role_check(cfg, Z_STRVAL_P(v), Z_STRLEN_P(v), &err), &err)) {
				RETURN_THROWS();
			}
			roles[nroles++] = Z_STRVAL_P(v);
		} ZEND_HASH_FOREACH_END();
	}
	if (!(db = participa_site_db(own_site))
			|| !participa_ok(pt_participant_store_upsert(db, ZSTR_VAL(id), ZSTR_VAL(territory), roles, nroles, &err),
				&err)
			|| !view(own_site, pt_participant_view_get, ZSTR_VAL(id), return_value)) {
		RETURN_THROWS();
	}
}

PHP_METHOD(Participa_Participants, get)
{
	view_method(INTERNAL_FUNCTION_PARAM_PASSTHRU, pt_participant_view_get);
}

static void ban(INTERNAL_FUNCTION_PARAMETERS, bool banned)
{
	zval *own_site = participa_handle_site(ZEND_THIS);
	zend_string *participant, *moderator, *reason = NULL;
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
			|| (reason && !participa_ok(pt_ban_reason_check(ZSTR_VAL(reason), ZSTR_LEN(reason), &err), &err))
			|| !(db = participa_site_db(own_site))
			|| !participa_ok(pt_participant_actor_ban(db, participa_site_config(own_site), ZSTR_VAL(moderator),
				ZSTR_VAL(participant), banned, reason ? ZSTR_VAL(reason) : "", &err), &err)) {
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

PHP_METHOD(Participa_Participants, erase)
{
	view_method(INTERNAL_FUNCTION_PARAM_PASSTHRU, pt_participant_view_erase);
}

PHP_METHOD(Participa_Participants, export)
{
	view_method(INTERNAL_FUNCTION_PARAM_PASSTHRU, pt_participant_view_export);
}

