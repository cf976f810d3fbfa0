/*
 * participa binding: who may do what (participa_permissions.h). The rules
 * are pure C in core/permissions.c; this file only finds an action's
 * territory and turns role lists into PHP arrays.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "php.h"
#include "zend_exceptions.h"

#include "participa_permissions.h"
#include "participa_site.h"
#include "participa_errors.h"
#include "core/process/config_processes.h"
#include "core/common/pt_id.h"
#include "io/participant/participant_store.h"
#include "io/thread/thread_store.h"

static void add_role(void *ctx, const pt_role *r)
{
	add_next_index_string((zval *)ctx, r->id);
}

uint32_t participa_permissions_in(const pt_config *cfg, const char *participant, const char *db_roles,
	int32_t territory, zval *roles_out)
{
	return pt_permissions(cfg, participant, db_roles, territory, roles_out ? add_role : NULL, roles_out);
}

uint32_t participa_permissions(const pt_config *cfg, const char *participant, const char *db_roles,
	zval *roles_out)
{
	return participa_permissions_in(cfg, participant, db_roles, PT_SCOPE_NONE, roles_out);
}

bool participa_actor_permissions(zval *site, const char *who, int32_t scope, int32_t scope2, zval *roles_out,
	uint32_t *perms)
{
	pt_db *db = participa_site_db(site);
	pt_thread_store_actor actor;
	pt_thread_store_actor_text text;
	pt_error err;

	if (!db) {
		return false;
	}
	pt_error_clear(&err);
	if (pt_thread_store_actor_get(db, who, &actor, &text, &err) != PT_OK) {
		participa_throw_error(&err);
		return false;
	}
	if (roles_out) {
		array_init(roles_out);
	}
	*perms = 0;
	if (!actor.banned) {
		*perms = participa_permissions_in(participa_site_config(site), who, actor.roles, scope, roles_out);
		if (scope2 != scope) {
			*perms &= participa_permissions_in(participa_site_config(site), who, actor.roles, scope2, NULL);
		}
	}
	return true;
}

static bool is_type(const char *type, size_t len, const char *lit)
{
	return len == strlen(lit) && memcmp(type, lit, len) == 0;
}

/*
 * The connection, without throwing: an unreachable database only makes the
 * scoped roles not act here (the caller's own queries then report it). The
 * callers already hold the connection, so this is the cached handle.
 */
static pt_db *scope_db(zval *site)
{
	pt_db *db;

	if (EG(exception)) {
		return NULL;
	}
	db = participa_site_db(site);
	if (!db && EG(exception)) {
		zend_clear_exception();
	}
	return db;
}

/* The territory of a subject, for a scoped participant (see the header). */
static int32_t subject_territory(zval *site, const char *type, size_t type_len, const char *id, size_t id_len)
{
	const pt_config *cfg = participa_site_config(site);
	char buf[192];
	pt_db *db;
	pt_error err;
	bool found = false;

	if (is_type(type, type_len, "process")) {
		const pt_process_def *def = pt_config_process(cfg, id, id_len);

		return def ? def->territory : PT_SCOPE_NONE;
	}
	if (is_type(type, type_len, "territory")) {
		return pt_config_territory(cfg, id, id_len);
	}
	if (!is_type(type, type_len, "commitment") && !is_type(type, type_len, "assembly")) {
		return PT_SCOPE_NONE;
	}
	db = scope_db(site);
	if (!db) {
		return PT_SCOPE_NONE;
	}
	pt_error_clear(&err);
	if (pt_participant_store_subject_territory(db, type, type_len, id, id_len, buf, sizeof(buf), &found, &err) != PT_OK || !found
			|| !buf[0]) {
		return PT_SCOPE_NONE;
	}
	return pt_config_territory(cfg, buf, strlen(buf));
}

int32_t participa_subject_scope(zval *site, const char *participant, const char *type, size_t type_len,
	const char *id, size_t id_len)
{
	if (!participant || !pt_permissions_scoped(participa_site_config(site), participant)) {
		return PT_SCOPE_NONE;
	}
	return subject_territory(site, type, type_len, id, id_len);
}

int32_t participa_comment_scope(zval *site, const char *participant, int64_t comment_id)
{
	char type[PT_KIND_MAX + 1], id[PT_ID_MAX + 1];
	pt_db *db;
	pt_error err;
	bool found = false;

	if (!participant || !pt_permissions_scoped(participa_site_config(site), participant)) {
		return PT_SCOPE_NONE;
	}
	db = scope_db(site);
	if (!db) {
		return PT_SCOPE_NONE;
	}
	pt_error_clear(&err);
	if (pt_participant_store_comment_subject(db, comment_id, type, sizeof(type), id, sizeof(id), &found, &err) != PT_OK || !found) {
		return PT_SCOPE_NONE;
	}
	return subject_territory(site, type, strlen(type), id, strlen(id));
}

bool participa_commitment_scopes(zval *site, const char *by, const char *id, bool territory_set,
	const char *territory, participa_commitment_scope *out)
{
	const pt_config *cfg = participa_site_config(site);
	pt_db *db;
	pt_error err;

	memset(out, 0, sizeof(*out));
	out->scope = out->scope_new = PT_SCOPE_NONE;
	if (!pt_permissions_scoped(cfg, by)) {
		return true;
	}
	out->scoped = true;
	if (!(db = participa_site_db(site))) {
		return false;
	}
	pt_error_clear(&err);
	if (pt_participant_store_subject_territory(db, "commitment", 10, id, strlen(id), out->territory, sizeof(out->territory),
			&out->exists, &err) != PT_OK) {
		participa_throw_error(&err);
		return false;
	}
	if (out->exists && out->territory[0]) {
		out->scope = pt_config_territory(cfg, out->territory, strlen(out->territory));
	}
	out->scope_new = territory_set ? (territory ? pt_config_territory(cfg, territory, strlen(territory))
		: PT_SCOPE_NONE) : out->scope;
	if (!out->exists) {
		out->scope = out->scope_new;
	}
	return true;
}

bool participa_commitment_scope_holds(const participa_commitment_scope *s, bool exists, const char *territory)
{
	if (!s || !s->scoped) {
		return true;
	}
	if (exists != s->exists) {
		return false;
	}
	return !exists || strcmp(territory ? territory : "", s->territory) == 0;
}
