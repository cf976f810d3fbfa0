/*
 * participa binding: who may do what (participa_permissions.h). The rules
 * are pure C in core/participant/permissions.c (where an action happens
 * included); this file gives them the database and turns role lists into
 * PHP arrays.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"
#include "zend_exceptions.h"

#include "participa_permissions.h"
#include "participa_site.h"
#include "participa_errors.h"
#include "io/participant/participant_store.h"
#include "io/participant/participant_actor.h"
#include "participa_options.h"

static void add_role(void *ctx, const pt_role *r)
{
	add_next_index_string((zval *)ctx, r->id);
}

bool participa_actor_permissions(zval *site, const char *who, int32_t scope, int32_t scope2, zval *roles_out,
	uint32_t *perms)
{
	pt_db *db = participa_site_db(site);
	pt_participant_actor actor;
	pt_participant_actor_text text;
	pt_participant_facts f;
	pt_error err;

	pt_error_clear(&err);
	if (!db || !participa_ok(pt_participant_actor_get(db, who, &actor, &text, &err), &err)) {
		return false;
	}
	f = (pt_participant_facts){ who, actor.banned, actor.roles, actor.territory };
	if (roles_out) {
		array_init(roles_out);
	}
	*perms = pt_permissions_actor(participa_site_config(site), &f, scope, scope2, roles_out ? add_role : NULL,
		roles_out);
	return true;
}

/*
 * The connection, without throwing: an unreachable database only makes the
 * scoped roles not act here (the caller's own queries then report it); none
 * while an exception is pending. The callers already hold the connection, so
 * this is the cached handle.
 */
static pt_db *quiet_db(zval *site)
{
	pt_db *db = NULL;

	if (!EG(exception) && !(db = participa_site_db(site)) && EG(exception)) {
		zend_clear_exception();
	}
	return db;
}

int32_t participa_subject_scope(zval *site, const char *participant, const char *type, size_t type_len,
	const char *id, size_t id_len)
{
	const pt_config *cfg = participa_site_config(site);

	if (!participant || !pt_permissions_scoped(cfg, participant)) {
		return PT_SCOPE_NONE;
	}
	return pt_participant_actor_subject_scope(quiet_db(site), cfg, type, type_len, id, id_len);
}

int32_t participa_comment_scope(zval *site, const char *participant, int64_t comment_id)
{
	if (!participant || !pt_permissions_scoped(participa_site_config(site), participant)) {
		return PT_SCOPE_NONE;
	}
	return pt_participant_actor_comment_scope(quiet_db(site), participa_site_config(site), participant, comment_id);
}

bool participa_commitment_scopes(zval *site, const char *by, const char *id, bool territory_set,
	const char *territory, participa_commitment_scope *out)
{
	const pt_config *cfg = participa_site_config(site);
	pt_db *db;
	pt_error err;

	pt_write_scope_none(out);
	if (!pt_permissions_scoped(cfg, by)) {
		return true;
	}
	out->scoped = true;
	if (!(db = participa_site_db(site))) {
		return false;
	}
	pt_error_clear(&err);
	return participa_ok(pt_participant_store_write_scope(db, cfg, id, territory_set, territory, out, &err), &err);
}
