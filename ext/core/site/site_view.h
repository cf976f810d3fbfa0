/*
 * participa core: what Participa\Site and Participants answer about the
 * configuration, as pt_value trees (the binding converts any tree with its
 * one converter, participa_value_to_zval()).
 *
 * Every function allocates through a (NULL: libc), returns a new tree owned
 * by the caller (pt_value_free()), or NULL when memory ran out. Key order is
 * the PHP API's: do not reorder a map without changing the stubs' docs.
 */
#ifndef PT_SITE_VIEW_H
#define PT_SITE_VIEW_H

#include "core/common/pt_value.h"
#include "core/site/site_config.h"

/* A string, or null for NULL. */
pt_value *pt_value_cstr_or_null(const pt_allocator *a, const char *s);

/* Site::info(): name, locale, timezone, config, database, territories, roles, assignments. */
pt_value *pt_site_info_value(const pt_config *cfg, const pt_allocator *a);

/* The names of the permission bits set in bits, in bit order (a list). */
pt_value *pt_permission_names_value(uint32_t bits, const pt_allocator *a);

/* Site::roles(): role id => {name, permissions, votes}, in file order. */
pt_value *pt_site_roles_value(const pt_config *cfg, const pt_allocator *a);

/* Site::territories(): the roots, each {id, name, kind, children}, in declaration order. O(n). */
pt_value *pt_territories_value(const pt_territory_tree *tree, const pt_allocator *a);

/* Site::territory(): {id, name, kind, parent, depth} of the territory at index at. */
pt_value *pt_territory_value(const pt_territory_tree *tree, int32_t at, const pt_allocator *a);

/* Site::check() and ConfigException::$problems: a list of {file, line, column, message}. */
pt_value *pt_diags_value(const pt_diags *diags, const pt_allocator *a);

/* The YAML's standing assignments of participant: a list of {role, territory, body}. */
pt_value *pt_assignments_value(const pt_config *cfg, const char *participant, const pt_allocator *a);

#endif /* PT_SITE_VIEW_H */
