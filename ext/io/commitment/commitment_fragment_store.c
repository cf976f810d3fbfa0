/*
 * participa io: what the commitment fragments read beyond the public
 * answers (core/fragment/commitment_view.h says what each view takes):
 * the parent and history of a commitment's page, a plan's commitments,
 * a territory's assemblies and the commitments that follow their
 * agreements up. Value trees the binding hands to the views as they are.
 */
#include <string.h>

#include "io/commitment/commitment_store.h"
#include "io/participant/participant_actor.h"
#include "core/commitment/commitment_export.h"
#include "core/commitment/commitment_options.h"
#include "core/participant/permissions.h"
#include "core/site/site_config.h"
#include "core/fragment/commitment_view.h"

/* data[key] = whether who (NULL: nobody) holds perm for an action in territory scope (its stored roles and ban,
 * then the YAML's rules: core/participant/permissions.h). */
static pt_status may(pt_db *db, const pt_config *cfg, const char *who, int32_t scope, uint32_t perm, pt_value *data,
	const char *key, pt_error *err)
{
	pt_participant_actor actor;
	pt_participant_actor_text text;
	uint32_t perms = 0;

	if (who) {
		pt_participant_facts f;

		if (pt_participant_actor_get(db, who, &actor, &text, err) != PT_OK) {
			return err->code;
		}
		f = (pt_participant_facts){ who, actor.banned, actor.roles, actor.territory };
		perms = pt_permissions_actor(cfg, &f, scope, scope, NULL, NULL);
	}
	return pt_value_setc(data, key, pt_value_bool(data->alloc, (perms & perm) != 0)) == PT_OK ? PT_OK
		: pt_error_set(err, PT_ERR_NOMEM, "out of memory");
}

/* The commitments f selects as list() gives them (lights on today). NULL with err. */
static pt_value *records(pt_db *db, const pt_config *cfg, const pt_commitment_filter *f, const char *today,
	const pt_allocator *a, pt_error *err)
{
	pt_commitment_store_arena *arena = pt_commitment_store_arena_new(a);
	pt_commitment_record *items = NULL;
	pt_value *v = NULL;
	size_t n = 0;

	if (!arena) {
		pt_error_set(err, PT_ERR_NOMEM, "out of memory");
		return NULL;
	}
	if (pt_commitment_store_list(db, f, arena, &items, &n, err) == PT_OK
		&& !(v = pt_commitment_records_value(cfg, items, n, today, NULL, a))) {
		pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	pt_commitment_store_arena_free(arena);
	return v;
}

pt_value *pt_commitment_store_page_data(pt_db *db, const pt_config *cfg, pt_value *data, const char *viewer,
	const char *unused, const pt_allocator *a, pt_error *err)
{
	char today[11];
	const pt_value *pid = data ? pt_value_get(data, "parent") : NULL, *id = data ? pt_value_get(data, "id") : NULL;
	const pt_value *terr = data ? pt_value_get(data, "territory") : NULL;
	pt_commitment_store_arena *arena = NULL;
	pt_commitment_record r;
	pt_value *parent = NULL, *hist = NULL;
	bool found = false;

	(void)unused;
	pt_fragment_commitment_today(cfg->timezone, today);
	if (!id || id->type != PT_VALUE_STRING) {
		pt_error_set(err, PT_ERR_INVALID, "a commitment's page needs its id");
	} else if (pid && pid->type == PT_VALUE_STRING && (!(arena = pt_commitment_store_arena_new(a))
			|| pt_commitment_store_get(db, pid->u.s.s, arena, &r, &found, err) != PT_OK
			|| (found && !(parent = pt_commitment_record_value(cfg, &r, today, a))))) {
		if (err->code == PT_OK) {
			pt_error_set(err, PT_ERR_NOMEM, "out of memory");
		}
	} else if (!(hist = pt_commitment_store_history_value(db, id->u.s.s, a, err))) {
		/* err says why */
	} else if (pt_value_setc(data, "history", hist) != PT_OK) {
		pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	} else if (pt_value_setc(data, "parent_record", parent ? parent : pt_value_null(a)) != PT_OK) {
		parent = NULL;   /* taken */
		pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	} else {
		parent = NULL;
		may(db, cfg, viewer, terr && terr->type == PT_VALUE_STRING ? pt_config_territory(cfg, terr->u.s.s, terr->u.s.len)
			: -1, PT_PERM_UPDATE_COMMITMENT, data, "may_update", err);
	}
	pt_commitment_store_arena_free(arena);
	pt_value_free(parent);
	if (err->code != PT_OK) {
		pt_value_free(data);
		return NULL;
	}
	return data;
}

pt_value *pt_commitment_store_plan_data(pt_db *db, const pt_config *cfg, pt_value *unused, const char *plan,
	const char *as_of, const pt_allocator *a, pt_error *err)
{
	pt_commitment_filter f;
	pt_value *m, *list;
	int32_t pi;
	char today[11];

	pt_value_free(unused);
	pt_fragment_commitment_today(cfg->timezone, today);
	if (!plan || pt_commitment_export_plan(cfg->commitments, plan, strlen(plan), &pi, err) != PT_OK
		|| pt_commitment_as_of_check(as_of, as_of ? strlen(as_of) : 0, err) != PT_OK) {
		return NULL;
	}
	memset(&f, 0, sizeof(f));
	f.plan = plan;
	f.full = true;   /* the milestones of every commitment go on the timeline */
	if (!(list = records(db, cfg, &f, as_of ? as_of : today, a, err))) {
		return NULL;
	}
	if (!(m = pt_value_map(a))) {
		pt_value_free(list);
		pt_error_set(err, PT_ERR_NOMEM, "out of memory");
		return NULL;
	}
	if (pt_value_setc(m, "commitments", list) != PT_OK || pt_value_setc(m, "plan", pt_value_cstr(a, plan)) != PT_OK
		|| pt_value_setc(m, "today", pt_value_cstr(a, as_of ? as_of : today)) != PT_OK) {
		pt_value_free(m);
		pt_error_set(err, PT_ERR_NOMEM, "out of memory");
		return NULL;
	}
	return m;
}

pt_value *pt_commitment_store_assembly_data(pt_db *db, const pt_config *cfg, pt_value *unused, const char *territory,
	const char *official, const pt_allocator *a, pt_error *err)
{
	pt_commitment_filter f;
	pt_value *m, *as, *follow = NULL;
	int32_t scope = -1;
	char today[11];

	pt_value_free(unused);
	pt_fragment_commitment_today(cfg->timezone, today);
	if (territory && (scope = pt_config_territory(cfg, territory, strlen(territory))) < 0) {
		pt_error_set(err, PT_ERR_INVALID, "territorio desconocido '%s'", territory);
		return NULL;
	}
	memset(&f, 0, sizeof(f));
	f.territory = territory;
	if (!(as = pt_commitment_store_assemblies_value(db, territory, a, err))
		|| (territory && !(follow = records(db, cfg, &f, today, a, err)))) {
		pt_value_free(as);
		return NULL;
	}
	if (!(m = pt_value_map(a))) {
		pt_value_free(as);
		pt_value_free(follow);
		pt_error_set(err, PT_ERR_NOMEM, "out of memory");
		return NULL;
	}
	if (pt_value_setc(m, "assemblies", as) != PT_OK
		|| pt_value_setc(m, "followups", follow ? follow : pt_value_null(a)) != PT_OK
		|| pt_value_setc(m, "territory", territory ? pt_value_cstr(a, territory) : pt_value_null(a)) != PT_OK
		|| may(db, cfg, official, scope, PT_PERM_RECORD_ASSEMBLY, m, "may_record", err) != PT_OK) {
		pt_value_free(m);
		if (err->code == PT_OK) {
			pt_error_set(err, PT_ERR_NOMEM, "out of memory");
		}
		return NULL;
	}
	return m;
}
