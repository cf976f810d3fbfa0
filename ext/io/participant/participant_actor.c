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
