/*
 * participa binding: who may do what, the thin layer over core/permissions.h
 * (the rules) and io/participant_store.h (where an action happens).
 */
#ifndef PARTICIPA_PERMISSIONS_H
#define PARTICIPA_PERMISSIONS_H

#include "php.h"
#include "core/site/site_config.h"
#include "core/participant/permissions.h"

/* The role a participant gets when no stored role and no YAML assignment applies. */
#define PARTICIPA_DEFAULT_ROLE PT_DEFAULT_ROLE

/*
 * Permissions of a participant for an action in territory (an index into
 * cfg->territories.items, or PT_SCOPE_NONE): their stored roles (db_roles as
 * the stores give them, "id,...,id"), the YAML assignments that apply there,
 * or the default role when none does. Role ids are appended once each to
 * roles_out (a PHP array) when not NULL. See core/permissions.h.
 */
uint32_t participa_permissions_in(const pt_config *cfg, const char *participant, const char *db_roles,
	int32_t territory, zval *roles_out);

/* participa_permissions_in() for an action with no territory (site-wide): territory-scoped assignments do not act. */
uint32_t participa_permissions(const pt_config *cfg, const char *participant, const char *db_roles,
	zval *roles_out);

/*
 * The actor's permissions for an action in territory scope and, when scope2
 * differs, also in scope2 (the permissions held in both): their stored roles
 * and ban (the participant store's actor row), then participa_permissions_in().
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
 * assignments: where the write acts. An existing commitment is changed in
 * its stored territory (scope) and, when the write moves it, also in the new
 * one (scope_new): the caller requires the permission in both. A new one is
 * written in the patch's territory. For anyone else (scoped false) both are
 * PT_SCOPE_NONE and nothing is read. The transaction's check then calls
 * participa_commitment_scope_holds() on the locked row: a commitment moved
 * or created meanwhile is a conflict, not a write in the wrong territory.
 * false on a thrown error.
 */
typedef struct participa_commitment_scope {
	bool scoped;             /* by holds a territory-scoped assignment */
	bool exists;             /* the commitment existed when read */
	int32_t scope;           /* where the write acts */
	int32_t scope_new;       /* the territory it has after the write */
	char territory[192];     /* its stored territory when read ("" for none) */
} participa_commitment_scope;

bool participa_commitment_scopes(zval *site, const char *by, const char *id, bool territory_set,
	const char *territory, participa_commitment_scope *out);
/* true when the locked row (exists, its territory or NULL) is the one read; always for an unscoped writer. */
bool participa_commitment_scope_holds(const participa_commitment_scope *s, bool exists, const char *territory);

#endif
