/*
 * participa binding: who may do what, the thin layer over core/permissions.h
 * (the rules) and io/participant_store.h (where an action happens).
 */
#ifndef PARTICIPA_PERMISSIONS_H
#define PARTICIPA_PERMISSIONS_H

#include "php.h"
#include "core/site/site_config.h"
#include "core/participant/permissions.h"

/*
 * The actor's permissions for an action in territory scope and, when scope2
 * differs, also in scope2 (the permissions held in both): their stored roles
 * and ban (the participant store's actor row), then core's pt_permissions_actor().
 * A banned participant has none. roles_out (or NULL) becomes an array of the
 * role ids in scope (empty when banned). false after throwing (database).
 */
bool participa_actor_permissions(zval *site, const char *who, int32_t scope, int32_t scope2, zval *roles_out,
	uint32_t *perms);

/*
 * The territory of an action on thread subject (type, id), for participant:
 * PT_SCOPE_NONE at no cost unless participant holds a territory-scoped YAML
 * assignment; otherwise the subject's territory: a 'process' subject is the
 * YAML process's territory, a 'territory' subject the territory itself, a
 * 'commitment' the stored commitment's territory, an 'assembly' the stored
 * assembly's (subject id = the assembly id recordAssembly() returns); any
 * other subject has none. A database error reads as none (fail closed: the
 * scoped roles do not act; the action's own queries report the error).
 */
int32_t participa_subject_scope(zval *site, const char *participant, const char *type, size_t type_len,
	const char *id, size_t id_len);

/* participa_subject_scope() of the thread a comment belongs to (PT_SCOPE_NONE for no comment). */
int32_t participa_comment_scope(zval *site, const char *participant, int64_t comment_id);

/*
 * Commitments::upsert()/update() by a participant with territory-scoped
 * assignments: where the write acts (core's pt_write_scope, filled from the
 * stored commitment). For anyone else nothing is read. false on a thrown
 * error. The transaction's check calls participa_commitment_scope_holds().
 */
typedef pt_write_scope participa_commitment_scope;

bool participa_commitment_scopes(zval *site, const char *by, const char *id, bool territory_set,
	const char *territory, participa_commitment_scope *out);
#define participa_commitment_scope_holds pt_write_scope_holds

#endif
