/*
 * participa io: who acts, as the participant rows say: status (banned),
 * stored roles and territory, read for a permission decision. Every store
 * that decides on an actor reads these three columns, alone
 * (pt_participant_actor_get()) or inside its own query
 * (PT_PARTICIPANT_ACTOR_COLS and pt_participant_actor_col()).
 */
#ifndef PT_PARTICIPANT_ACTOR_H
#define PT_PARTICIPANT_ACTOR_H

#include "io/common/db.h"
#include "core/participant/permissions.h"
#include "io/participant/participant_store.h"
#include "core/thread/thread_rules.h"

/* The facts (core/thread/thread_rules.h): known, banned, roles, territory. */
typedef pt_thread_actor pt_participant_actor;

/* The storage an actor's strings (roles, territory) point into. The caller
 * owns it, on its stack, so these reads keep no state between calls and are
 * safe in a threaded PHP (ZTS). */
typedef struct pt_participant_actor_text {
	char roles[PT_ROLES_TEXT_SIZE];   /* any stored list, whole (participant_store.h) */
	char territory[192];
} pt_participant_actor_text;

/* An actor's facts as three columns (status, roles, territory); the participant's id is
 * bound three times. */
#define PT_PARTICIPANT_ACTOR_COLS \
	"(SELECT p.status FROM participa_participants p WHERE p.id = ?), " \
	PT_PARTICIPANT_STORE_ROLES_SQL ", " \
	"(SELECT p2.territory_id FROM participa_participants p2 WHERE p2.id = ?)"

/* No row: an unknown actor, no roles. */
void pt_participant_actor_clear(pt_participant_actor *actor, pt_participant_actor_text *text);
/* The status column alone: known and banned. */
void pt_participant_actor_status(const pt_db_value *col, pt_participant_actor *actor);
/* Reads the three PT_PARTICIPANT_ACTOR_COLS columns at cols; strings into *text. */
pt_status pt_participant_actor_col(const pt_db_value *cols, pt_participant_actor *actor, pt_participant_actor_text *text,
	pt_error *err);
/* Reads the actor's facts only (one query, no transaction). The strings point into *text. */
pt_status pt_participant_actor_get(pt_db *db, const char *participant, pt_participant_actor *out,
	pt_participant_actor_text *text, pt_error *err);

/*
 * Participants::ban()/unban() by moderator: the actor read, the site-wide
 * moderator rule (pt_permissions_may_ban()), then pt_participant_store_ban().
 * The reason is checked by the caller (pt_ban_reason_check()).
 */
pt_status pt_participant_actor_ban(pt_db *db, const pt_config *cfg, const char *moderator, const char *participant,
	bool banned, const char *reason, pt_error *err);

/*
 * The territory of an action on thread subject (type, id): pt_subject_territory()
 * with the stored subjects read on db (NULL: none is read; a stored subject then
 * has no territory, fail closed).
 */
int32_t pt_participant_actor_subject_scope(pt_db *db, const pt_config *cfg, const char *type, size_t type_len,
	const char *id, size_t id_len);

/*
 * The territory of an action of participant on the thread comment_id belongs
 * to (pt_participant_actor_subject_scope()): PT_SCOPE_NONE for no db, no
 * comment, an unreadable one, or a participant without territory-scoped
 * assignments (nothing is read then).
 */
int32_t pt_participant_actor_comment_scope(pt_db *db, const pt_config *cfg, const char *participant,
	int64_t comment_id);

#endif
