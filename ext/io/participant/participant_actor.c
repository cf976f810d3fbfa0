/*
 * participa io: who acts. See participant_actor.h.
 */
#include "io/participant/participant_actor.h"
#include "io/participant/participant_store.h"

#include <string.h>

void pt_participant_actor_clear(pt_participant_actor *actor, pt_participant_actor_text *text)
{
	memset(actor, 0, sizeof(*actor));
	text->roles[0] = '\0';
	actor->roles = text->roles;
}

void pt_participant_actor_status(const pt_db_value *col, pt_participant_actor *actor)
{
	actor->known = col->type != PT_DB_NULL;
	actor->banned = col->type == PT_DB_TEXT && col->len == 6 && memcmp(col->s, "banned", 6) == 0;
}

pt_status pt_participant_actor_col(const pt_db_value *cols, pt_participant_actor *actor, pt_participant_actor_text *text,
	pt_error *err)
{
	pt_participant_actor_status(&cols[0], actor);
	actor->roles = text->roles;
	if (pt_participant_store_roles_col(&cols[1], text->roles, sizeof(text->roles), err) != PT_OK) {
		return err->code;
	}
	actor->territory = pt_db_col_copy(&cols[2], text->territory, sizeof(text->territory));
	return PT_OK;
}

typedef struct actor_sink {
	pt_participant_actor *actor;
	pt_participant_actor_text *text;
} actor_sink;

static pt_status actor_row_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	actor_sink *k = vctx;

	(void)ncols;
	return pt_participant_actor_col(cols, k->actor, k->text, err);
}

pt_status pt_participant_actor_get(pt_db *db, const char *participant, pt_participant_actor *out,
	pt_participant_actor_text *text, pt_error *err)
{
	actor_sink k = { out, text };
	pt_db_value p[3];
	size_t i;

	for (i = 0; i < 3; i++) {
		p[i] = participant ? PT_DB_TEXT_V(participant, strlen(participant)) : PT_DB_NULL_V;
	}
	pt_participant_actor_clear(out, text);
	return pt_db_query(db, "SELECT " PT_PARTICIPANT_ACTOR_COLS, p, 3, actor_row_fn, &k, err);
}

pt_status pt_participant_actor_ban(pt_db *db, const pt_config *cfg, const char *moderator, const char *participant,
	bool banned, const char *reason, pt_error *err)
{
	pt_participant_actor actor;
	pt_participant_actor_text text;
	pt_participant_facts f;
	pt_status s;

	if ((s = pt_participant_actor_get(db, moderator, &actor, &text, err)) != PT_OK) {
		return s;
	}
	f = (pt_participant_facts){ moderator, actor.banned, actor.roles, actor.territory };
	if ((s = pt_permissions_may_ban(cfg, &f, err)) != PT_OK) {
		return s;
	}
	return pt_participant_store_ban(db, participant, banned, moderator, reason, err);
}

static pt_status stored_territory(void *ctx, const char *type, size_t type_len, const char *id, size_t id_len,
	char *buf, size_t size, bool *found, pt_error *err)
{
	return pt_participant_store_subject_territory(ctx, type, type_len, id, id_len, buf, size, found, err);
}

int32_t pt_participant_actor_subject_scope(pt_db *db, const pt_config *cfg, const char *type, size_t type_len,
	const char *id, size_t id_len)
{
	return pt_subject_territory(cfg, type, type_len, id, id_len, db ? stored_territory : NULL, db);
}

int32_t pt_participant_actor_comment_scope(pt_db *db, const pt_config *cfg, const char *participant,
	int64_t comment_id)
{
	char type[PT_KIND_MAX + 1], id[PT_ID_MAX + 1];
	pt_error err;
	bool found = false;

	if (!db || !participant || !pt_permissions_scoped(cfg, participant)) {
		return PT_SCOPE_NONE;
	}
	pt_error_clear(&err);
	if (pt_participant_store_comment_subject(db, comment_id, type, sizeof(type), id, sizeof(id), &found, &err)
			!= PT_OK || !found) {
		return PT_SCOPE_NONE;
	}
	return pt_participant_actor_subject_scope(db, cfg, type, strlen(type), id, strlen(id));
}
