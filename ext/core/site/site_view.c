/* participa core: the Site's answers as pt_value trees (see site_view.h). */
#include "core/site/site_view.h"

#include <stdlib.h>
#include <string.h>

/* Sets key in map; remembers a failure in *ok (the child is freed by pt_value_setc()). */
static void put(pt_value *map, const char *key, pt_value *child, int *ok)
{
	if (pt_value_setc(map, key, child) != PT_OK) {
		*ok = 0;
	}
}

/* map, or NULL (freed) when some put failed. */
static pt_value *done(pt_value *map, int ok)
{
	if (!ok) {
		pt_value_free(map);
		return NULL;
	}
	return map;
}

pt_value *pt_value_cstr_or_null(const pt_allocator *a, const char *s)
{
	return s ? pt_value_cstr(a, s) : pt_value_null(a);
}

static pt_value *str_or(const pt_allocator *a, const char *s, const char *otherwise)
{
	return pt_value_cstr(a, s ? s : otherwise);
}

pt_value *pt_site_info_value(const pt_config *cfg, const pt_allocator *a)
{
	pt_value *m = pt_value_map(a);
	int ok = m != NULL;

	put(m, "name", str_or(a, cfg->site_name, ""), &ok);
	put(m, "locale", str_or(a, cfg->locale, "es_MX"), &ok);
	put(m, "timezone", str_or(a, cfg->timezone, "America/Mexico_City"), &ok);
	put(m, "config", str_or(a, cfg->file, ""), &ok);
	put(m, "database", str_or(a, cfg->db.name, ""), &ok);
	put(m, "territories", pt_value_int(a, (int64_t)cfg->territories.count), &ok);
	put(m, "roles", pt_value_int(a, (int64_t)cfg->role_count), &ok);
	put(m, "assignments", pt_value_int(a, (int64_t)cfg->assignment_count), &ok);
	return done(m, ok);
}

pt_value *pt_permission_names_value(uint32_t bits, const pt_allocator *a)
{
	pt_value *list = pt_value_list(a);
	uint32_t bit;

	for (bit = 1; bit && list; bit <<= 1) {
		const char *name = (bits & bit) ? pt_permission_name(bit) : NULL;

		if (name && pt_value_push(list, pt_value_cstr(a, name)) != PT_OK) {
			pt_value_free(list);
			list = NULL;
		}
	}
	return list;
}

pt_value *pt_site_roles_value(const pt_config *cfg, const pt_allocator *a)
{
	pt_value *m = pt_value_map(a);
	int ok = m != NULL;
	size_t i;

	for (i = 0; ok && i < cfg->role_count; i++) {
		const pt_role *r = &cfg->roles[i];
		pt_value *role = pt_value_map(a);
		int rok = role != NULL;

		put(role, "name", str_or(a, r->name, r->id), &rok);
		put(role, "permissions", pt_permission_names_value(r->permissions, a), &rok);
		put(role, "votes", pt_value_bool(a, r->votes), &rok);
		put(m, r->id, done(role, rok), &ok);
	}
	return done(m, ok);
}

/* {id, name, kind} of t. */
static pt_value *territory_base(const pt_territory *t, const pt_allocator *a, int *ok)
{
	pt_value *m = pt_value_map(a);

	if (!m) {
		*ok = 0;
	}
	put(m, "id", pt_value_cstr(a, t->id), ok);
	put(m, "name", str_or(a, t->name, t->id), ok);
	put(m, "kind", pt_value_cstr_or_null(a, t->kind), ok);
	return m;
}

pt_value *pt_territories_value(const pt_territory_tree *tree, const pt_allocator *a)
{
	pt_value *roots = pt_value_list(a), **children;
	int ok = roots != NULL;
	size_t i;

	if (!ok || tree->count == 0) {
		return roots;
	}
	/* items are stored parents first: each node is pushed into its parent's
	 * list of children in declaration order, then the roots are listed */
	children = pt_alloc(a, tree->count * sizeof(*children));
	if (!children) {
		pt_value_free(roots);
		return NULL;
	}
	for (i = 0; i < tree->count; i++) {
		pt_value *node = territory_base(&tree->items[i], a, &ok);

		children[i] = pt_value_list(a);
		put(node, "children", children[i], &ok);
		if (!ok) {
			children[i] = NULL;
			pt_value_free(node);
		} else if (pt_value_push(tree->items[i].parent >= 0 ? children[tree->items[i].parent] : roots, node)
				!= PT_OK) {
			ok = 0;
		}
		if (!ok) {
			break;
		}
	}
	pt_free(a, children);
	return done(roots, ok);
}

pt_value *pt_territory_value(const pt_territory_tree *tree, int32_t at, const pt_allocator *a)
{
	const pt_territory *t = &tree->items[at];
	int ok = 1;
	pt_value *m = territory_base(t, a, &ok);

	put(m, "parent", pt_value_cstr_or_null(a, t->parent >= 0 ? tree->items[t->parent].id : NULL), &ok);
	put(m, "depth", pt_value_int(a, t->depth), &ok);
	return done(m, ok);
}

static pt_value *diag_value(const pt_diag *d, const pt_allocator *a)
{
	pt_value *p = pt_value_map(a);
	int ok = p != NULL;

	put(p, "file", str_or(a, d->file, ""), &ok);
	put(p, "line", pt_value_int(a, d->line), &ok);
	put(p, "column", pt_value_int(a, d->column), &ok);
	put(p, "message", str_or(a, d->message, ""), &ok);
	return done(p, ok);
}

pt_value *pt_diags_value(const pt_diags *diags, const pt_allocator *a)
{
	pt_value *list = pt_value_list(a);
	size_t i;

	for (i = 0; list && i < diags->count; i++) {
		if (pt_value_push(list, diag_value(&diags->items[i], a)) != PT_OK) {
			pt_value_free(list);
			list = NULL;
		}
	}
	return list;
}

pt_value *pt_assignments_value(const pt_config *cfg, const char *participant, const pt_allocator *a)
{
	pt_value *list = pt_value_list(a);
	int ok = list != NULL;
	size_t i;

	for (i = 0; ok && i < cfg->assignment_count; i++) {
		const pt_assignment *as = &cfg->assignments[i];
		pt_value *item;
		int iok;

		if (strcmp(as->participant, participant) != 0 || as->role >= cfg->role_count) {
			continue;
		}
		item = pt_value_map(a);
		iok = item != NULL;
		put(item, "role", pt_value_cstr(a, cfg->roles[as->role].id), &iok);
		put(item, "territory", pt_value_cstr_or_null(a,
			as->territory >= 0 ? cfg->territories.items[as->territory].id : NULL), &iok);
		put(item, "body", pt_value_cstr_or_null(a, as->body), &iok);
		ok = pt_value_push(list, done(item, iok)) == PT_OK;
	}
	return done(list, ok);
}
