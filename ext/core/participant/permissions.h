/*
 * participa core: who may do what.
 *
 * A participant's permissions come from three places:
 *   - the roles stored through Participants::upsert() (the database's
 *     participa_participant_roles); they act everywhere;
 *   - the YAML's standing `assignments:`; one WITH a territory acts only for
 *     an action inside that territory (the territory itself or any territory
 *     below it), never for an action elsewhere or with no territory at all;
 *     one without a territory acts everywhere;
 *   - the default role PT_DEFAULT_ROLE ("ciudadano", if the YAML declares
 *     it), when nothing of the above applies to the action. It grants what an
 *     id never seen before gets, so falling back to it is never a gain.
 *
 * "The action's territory" is decided by the caller: the assembly's territory
 * for recording an assembly, the process's for paper ballots, proposals and
 * withdrawals, the commitment's for updates, the thread subject's for
 * moderating and answering (see ext/php/permissions.c). PT_SCOPE_NONE means
 * the action has none (a ban is site-wide): then only unscoped roles act.
 *
 * Stored role lists travel as text. Role ids follow the YAML's grammar
 * [a-z0-9][a-z0-9_.:-]{0,63}, so the separator ',' cannot occur in one; the
 * database text is read with a count prefix and a terminator after every id
 * ("3:a,b,c,", PT_PARTICIPANT_STORE_ROLES_SQL in io/participant_store.h), and
 * pt_roles_decode() refuses a text that is cut (MySQL's group_concat_max_len
 * is 1024 bytes by default), too long for the caller's buffer, or whose
 * terminators do not match the count (a stored id holding the separator):
 * the list is never truncated or split into other ids.
 *
 * Pure functions over a built configuration; no allocation; thread safe.
 * Complexity: O(stored roles x YAML roles + YAML assignments).
 */
#ifndef PT_PERMISSIONS_H
#define PT_PERMISSIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/common/pt_base.h"
#include "core/site/site_config.h"
#include "core/common/pt_id.h"

/* Longest role id in bytes: the YAML's limit and participa_participant_roles.role's VARCHAR(64). */
#define PT_ROLE_ID_MAX 64
/* Most roles one participant may hold through the API (Participants::upsert()). */
#define PT_ROLES_MAX 64
/* A buffer that holds any stored role list of at most PT_ROLES_MAX ids, separators and the NUL. */
#define PT_ROLES_TEXT_SIZE (PT_ROLES_MAX * (PT_ROLE_ID_MAX + 1) + 1)
/* The action has no territory. */
#define PT_SCOPE_NONE (-1)
/* The role of a participant with no role that applies (if the YAML declares it). */
#define PT_DEFAULT_ROLE "ciudadano"

/* s[0..len) follows the role id grammar [a-z0-9][a-z0-9_.:-]{0,63}. */
bool pt_role_id_valid(const char *s, size_t len);

/*
 * Decodes a stored role list "N:id,id,...,id," (N the number of stored rows,
 * then each id followed by ',') into out as "id,...,id" (NUL-terminated).
 * Refuses (PT_ERR_DB, out set to "") a text without the prefix, a list that
 * does not fit in out_size bytes, one that does not end with ',' or whose
 * number of ',' is not N (cut by the server, or an id holding ','), or one
 * holding a NUL. Pieces that are not role ids are kept (pt_roles_next()
 * skips them). s may be NULL when len is 0 (a NULL column reads as no roles).
 */
pt_status pt_roles_decode(const char *s, size_t len, char *out, size_t out_size, pt_error *err);

/*
 * Iterates a decoded role list: sets *id and *len to the next piece that is a
 * valid role id and advances *p; false at the end. Empty pieces and pieces
 * that break the grammar are skipped (they can match no YAML role).
 */
bool pt_roles_next(const char **p, const char **id, size_t *len);

/* The YAML role with this id (len bytes, need not be NUL-terminated), or NULL. */
const pt_role *pt_role_find(const pt_config *cfg, const char *id, size_t len);

/* true when assignment a acts for an action in territory (PT_SCOPE_NONE: none). */
bool pt_assignment_applies(const pt_config *cfg, const pt_assignment *a, int32_t territory);

/*
 * true when some YAML assignment of participant is limited to a territory:
 * only then does the action's territory change the answer, so callers may
 * skip finding it otherwise (a database read for a thread's subject).
 */
bool pt_permissions_scoped(const pt_config *cfg, const char *participant);

/* Called once per role that applies, in order: stored roles (their order),
 * then YAML assignments (file order), or the default role alone. */
typedef void (*pt_role_fn)(void *ctx, const pt_role *role);

/*
 * The permission bits (OR of pt_permission) of participant for an action in
 * territory (an index into cfg->territories.items, or PT_SCOPE_NONE; an index
 * out of range counts as none). roles is a decoded stored list or NULL.
 * participant NULL: stored roles only (no assignments, no default role).
 * Stored roles the YAML no longer declares grant nothing. fn (may be NULL)
 * receives each role that applies, once.
 */
uint32_t pt_permissions(const pt_config *cfg, const char *participant, const char *roles, int32_t territory,
	pt_role_fn fn, void *ctx);

/* What the stores know of a participant when an action is checked. */
typedef struct pt_participant_facts {
	const char *participant;     /* host id (never NULL) */
	bool banned;
	const char *roles;           /* stored roles, decoded "id,...,id" (NULL: none) */
	const char *territory;       /* registered territory id, or NULL */
} pt_participant_facts;

/*
 * The permissions of the actor in f for an action in territory scope and,
 * when scope2 differs (a write that moves a record), also in scope2: only
 * what both grant. A banned actor has none and no role. fn (may be NULL)
 * receives the roles that act in scope.
 */
uint32_t pt_permissions_actor(const pt_config *cfg, const pt_participant_facts *f, int32_t scope, int32_t scope2,
	pt_role_fn fn, void *ctx);

/* ---- the rules of Participants (ext/php/participants.c) ------------------ */

/* Longest ban reason in characters: participa_moderation_log.reason is VARCHAR(1000). */
#define PT_BAN_REASON_MAX 1000

/* Participants::upsert(): the territory (len bytes) exists in the YAML and nroles <= PT_ROLES_MAX. PT_ERR_INVALID. */
pt_status pt_participant_check_upsert(const pt_config *cfg, const char *territory, size_t len, size_t nroles,
	pt_error *err);

/* A role the YAML declares (by length: "moderador\0x" is not "moderador"); PT_ERR_INVALID otherwise. */
pt_status pt_role_check(const pt_config *cfg, const char *id, size_t len, pt_error *err);

/* A ban's reason: valid text (pt_text_validate) of at most PT_BAN_REASON_MAX characters. PT_ERR_INVALID. */
pt_status pt_ban_reason_check(const char *reason, size_t len, pt_error *err);

/*
 * May the moderator in f ban or unban? A ban acts on the whole site: only a
 * moderator who is not banned and whose `moderate` is not limited to a
 * territory may. PT_ERR_NOT_ALLOWED otherwise.
 */
pt_status pt_permissions_may_ban(const pt_config *cfg, const pt_participant_facts *f, pt_error *err);

/* How many YAML assignments name participant. */
size_t pt_assignment_count(const pt_config *cfg, const char *participant);

/* ---- where an action happens ---------------------------------------------- */

/*
 * Reads the stored territory of a subject participa keeps itself (see
 * pt_participant_store_subject_territory(), which has this shape): copied
 * into buf, "" for none; *found false for no such subject.
 */
typedef pt_status (*pt_stored_territory_fn)(void *ctx, const char *type, size_t type_len, const char *id,
	size_t id_len, char *buf, size_t size, bool *found, pt_error *err);

/*
 * The territory of an action on thread subject (type, id): a 'process'
 * subject is the YAML process's territory, a 'territory' subject the
 * territory itself, a 'commitment' or an 'assembly' the stored one (through
 * stored, which may be NULL: none); any other subject has none. A read that
 * fails reads as none (fail closed: the scoped roles do not act).
 * PT_SCOPE_NONE or an index into cfg->territories.items.
 */
int32_t pt_subject_territory(const pt_config *cfg, const char *type, size_t type_len, const char *id, size_t id_len,
	pt_stored_territory_fn stored, void *ctx);

/*
 * A write by a participant with territory-scoped assignments (commitments):
 * where it acts. An existing record is changed in its stored territory
 * (scope) and, when the write moves it, also in the new one (scope_new): the
 * caller requires the permission in both. A new one is written in the new
 * territory. The transaction's check then calls pt_write_scope_holds() on the
 * locked row: a record moved or created meanwhile is a conflict, not a write
 * in the wrong territory.
 */
typedef struct pt_write_scope {
	bool scoped;                 /* the writer holds a territory-scoped assignment */
	bool exists;                 /* the record existed when read */
	int32_t scope;               /* where the write acts */
	int32_t scope_new;           /* the territory it has after the write */
	char territory[PT_ID_MAX + 1];   /* its stored territory when read ("" for none) */
} pt_write_scope;

/* An unscoped writer's scope: PT_SCOPE_NONE both, nothing to hold. */
void pt_write_scope_none(pt_write_scope *s);

/*
 * Fills the scope of a scoped writer from what was read (s->exists and
 * s->territory set) and the write: territory_set says whether it sets the
 * territory, territory the new one (NULL: none).
 */
void pt_write_scope_resolve(const pt_config *cfg, pt_write_scope *s, bool territory_set, const char *territory);

/* true when the locked row (exists, its territory or NULL) is the one read; always for an unscoped writer. */
bool pt_write_scope_holds(const pt_write_scope *s, bool exists, const char *territory);

#endif /* PT_PERMISSIONS_H */
