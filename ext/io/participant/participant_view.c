/* participa io: Participants' answers as pt_value trees (see participant_view.h). */
#include "io/participant/participant_view.h"
#include "io/participant/participant_store.h"
#include "core/participant/permissions.h"
#include "core/site/site_view.h"

#include <stdio.h>
#include <string.h>

static pt_status nomem(pt_value *v, pt_error *err)
{
	pt_value_free(v);
	return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
}

/* Sets key in map; remembers a failure in *ok. */
static void put(pt_value *map, const char *key, pt_value *child, int *ok)
{
	if (pt_value_setc(map, key, child) != PT_OK) {
		*ok = 0;
	}
}

typedef struct roles_ctx {
	pt_value *list;
	int ok;
} roles_ctx;

static void add_role(void *vctx, const pt_role *r)
{
	roles_ctx *c = vctx;

	if (pt_value_push(c->list, pt_value_cstr(c->list->alloc, r->id)) != PT_OK) {
		c->ok = 0;
	}
}

pt_status pt_participant_view_get(pt_db *db, const pt_config *cfg, const char *id, const pt_allocator *a,
	pt_value **out, pt_error *err)
{
	pt_participant p;
	pt_value *assignments, *m;
	roles_ctx rc;
	uint32_t bits;
	int ok;
	pt_status s;

	*out = NULL;
	if ((s = pt_participant_store_get(db, id, &p, err)) != PT_OK) {
		return s;
	}
	if (!(assignments = pt_assignments_value(cfg, id, a))) {
		return nomem(NULL, err);
	}
	if (!p.found && assignments->u.c.count == 0) {
		pt_value_free(assignments);
		return PT_OK;
	}
	m = pt_value_map(a);
	ok = m != NULL;
	rc.list = pt_value_list(a);
	rc.ok = rc.list != NULL;
	bits = rc.ok ? pt_permissions(cfg, id, p.roles, PT_SCOPE_NONE, add_role, &rc) : 0;
	put(m, "id", pt_value_cstr(a, id), &ok);
	put(m, "territory", pt_value_cstr_or_null(a, p.territory), &ok);
	put(m, "status", pt_value_cstr(a, p.banned ? "banned" : "active"), &ok);
	put(m, "roles", rc.ok ? rc.list : NULL, &ok);
	put(m, "permissions", pt_permission_names_value(bits, a), &ok);
	put(m, "assignments", assignments, &ok);
	put(m, "known", pt_value_bool(a, p.found), &ok);
	if (!rc.ok) {
		pt_value_free(rc.list);
	}
	if (!ok) {
		return nomem(m, err);
	}
	*out = m;
	return PT_OK;
}

pt_status pt_participant_view_erase(pt_db *db, const pt_config *cfg, const char *id, const pt_allocator *a,
	pt_value **out, pt_error *err)
{
	pt_participant_store_erase_report r;
	const pt_participant_store_erase_field *f;
	pt_value *m, *kept;
	int ok;
	pt_status s;

	*out = NULL;
	if ((s = pt_participant_store_erase(db, id, a, &r, err)) != PT_OK) {
		return s;
	}
	m = pt_value_map(a);
	kept = pt_value_map(a);
	ok = m && kept;
	put(m, "id", pt_value_cstr(a, id), &ok);
	put(m, "pseudonym", pt_value_cstr(a, r.pseudonym), &ok);
	for (f = pt_participant_store_erase_fields; ok && f->name; f++) {
		put(f->kept ? kept : m, f->name, pt_value_int(a, (int64_t)*(const uint64_t *)((const char *)&r + f->offset)),
			&ok);
	}
	/* the YAML is the operator's file: participa cannot rewrite it */
	put(kept, "yaml_assignments", pt_value_int(a, (int64_t)pt_assignment_count(cfg, id)), &ok);
	put(m, "kept", kept, &ok);
	if (!ok) {
		return nomem(m, err);
	}
	*out = m;
	return PT_OK;
}

typedef struct export_ctx {
	const pt_allocator *a;
	pt_value *tables;
} export_ctx;

static void export_begin(void *vctx)
{
	export_ctx *x = vctx;
	const char *const *s;

	/* a replayed transaction starts over */
	pt_value_free(x->tables);
	x->tables = pt_value_map(x->a);
	for (s = pt_participant_store_export_sections; x->tables && *s; s++) {
		if (pt_value_setc(x->tables, *s, pt_value_list(x->a)) != PT_OK) {
			pt_value_free(x->tables);
			x->tables = NULL;
		}
	}
}

static pt_value *column_value(const pt_allocator *a, const pt_db_value *v)
{
	char buf[32];

	switch (v->type) {
	case PT_DB_INT:
		return pt_value_int(a, v->i);
	case PT_DB_DOUBLE:
		snprintf(buf, sizeof(buf), "%.17g", v->d);
		return pt_value_cstr(a, buf);
	case PT_DB_TEXT:
		return pt_value_string(a, v->s, v->len);
	default:
		return pt_value_null(a);
	}
}

static pt_status export_row(void *vctx, const char *section, const char *const *names, const pt_db_value *values,
	size_t ncols, pt_error *err)
{
	export_ctx *x = vctx;
	pt_value *list = x->tables ? pt_value_get(x->tables, section) : NULL;
	pt_value *row;
	int ok;
	size_t i;

	if (!x->tables) {
		return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	}
	if (!list) {
		return pt_error_set(err, PT_ERR_INTERNAL, "export: unknown section %s", section);
	}
	row = pt_value_map(x->a);
	ok = row != NULL;
	for (i = 0; ok && i < ncols; i++) {
		put(row, names[i], column_value(x->a, &values[i]), &ok);
	}
	if (!ok || pt_value_push(list, ok ? row : NULL) != PT_OK) {
		return nomem(ok ? NULL : row, err);
	}
	return PT_OK;
}

pt_status pt_participant_view_export(pt_db *db, const pt_config *cfg, const char *id, const pt_allocator *a,
	pt_value **out, pt_error *err)
{
	export_ctx x = { a, NULL };
	pt_participant_store_export_sink sink = { export_begin, export_row, &x };
	pt_value *m;
	int ok;
	pt_status s;

	*out = NULL;
	if ((s = pt_participant_store_export(db, id, &sink, err)) != PT_OK) {
		pt_value_free(x.tables);
		return s;
	}
	m = pt_value_map(a);
	ok = m && x.tables;
	put(m, "id", pt_value_cstr(a, id), &ok);
	/* the YAML's standing assignments are stored about them too */
	put(m, "yaml_assignments", pt_assignments_value(cfg, id, a), &ok);
	put(m, "tables", x.tables, &ok);
	if (!ok) {
		return nomem(m, err);
	}
	*out = m;
	return PT_OK;
}
