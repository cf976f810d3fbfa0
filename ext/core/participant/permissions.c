/*
 * participa core: who may do what (permissions.h).
 */
#include "core/participant/permissions.h"
#include "core/site/territory.h"
#include "core/process/config_processes.h"
#include "core/common/text.h"

#include <string.h>

static bool role_char(char c, bool first)
{
	if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
		return true;
	}
	return !first && (c == '_' || c == '.' || c == ':' || c == '-');
}

bool pt_role_id_valid(const char *s, size_t len)
{
	size_t i;

	if (!s || len == 0 || len > PT_ROLE_ID_MAX) {
		return false;
	}
	for (i = 0; i < len; i++) {
		if (!role_char(s[i], i == 0)) {
			return false;
		}
	}
	return true;
}

pt_status pt_roles_decode(const char *s, size_t len, char *out, size_t out_size, pt_error *err)
{
	uint64_t n = 0, ends = 0;
	size_t i = 0, j, body;

	if (out_size) {
		out[0] = '\0';
	}
	if (!s || len == 0) {
		return PT_OK;      /* a NULL column: no roles */
	}
	while (i < len && i < 19 && s[i] >= '0' && s[i] <= '9') {
		n = n * 10 + (uint64_t)(s[i] - '0');
		i++;
	}
	if (i == 0 || i >= len || s[i] != ':') {
		return pt_error_set(err, PT_ERR_DB, "Los roles guardados de un participante no se pudieron leer completos.");
	}
	i++;
	body = len - i;
	if (body >= out_size) {
		return pt_error_set(err, PT_ERR_DB, "Un participante tiene más roles guardados de los que participa admite "
			"(%d).", PT_ROLES_MAX);
	}
	for (j = i; j < len; j++) {
		if (s[j] == ',') {
			ends++;
		} else if (s[j] == '\0') {
			ends = n + 1;      /* a NUL would end the C string early: refuse */
			break;
		}
	}
	/* every id ends with ',': a text cut anywhere lacks its last ',' or has
	 * fewer of them than rows; an id holding ',' has more */
	if (ends != n || (body && s[len - 1] != ',')) {
		return pt_error_set(err, PT_ERR_DB, "Los roles guardados de un participante no se pudieron leer completos.");
	}
	if (body) {
		memcpy(out, s + i, body - 1);
		out[body - 1] = '\0';
	}
	return PT_OK;
}

bool pt_roles_next(const char **p, const char **id, size_t *len)
{
	const char *s = *p;

	while (s && *s) {
		const char *end = strchr(s, ',');
		size_t n = end ? (size_t)(end - s) : strlen(s);
		const char *piece = s;

		s += n;
		if (*s == ',') {
			s++;
		}
		if (pt_role_id_valid(piece, n)) {
			*p = s;
			*id = piece;
			*len = n;
			return true;
		}
	}
	*p = s;
	return false;
}

const pt_role *pt_role_find(const pt_config *cfg, const char *id, size_t len)
{
	size_t i;

	for (i = 0; i < cfg->role_count; i++) {
		const char *rid = cfg->roles[i].id;

		/* lengths first: a key with a NUL inside never equals a shorter id */
		if (rid && strlen(rid) == len && memcmp(rid, id, len) == 0) {
			return &cfg->roles[i];
		}
	}
	return NULL;
}

bool pt_assignment_applies(const pt_config *cfg, const pt_assignment *a, int32_t territory)
{
	const pt_territory_tree *t = &cfg->territories;

	if (a->role >= cfg->role_count) {
		return false;
	}
	if (a->territory < 0) {
		return true;
	}
	if (a->territory >= (int32_t)t->count || territory < 0 || territory >= (int32_t)t->count) {
		return false;
	}
	return pt_territory_within(t, territory, a->territory);
}

bool pt_permissions_scoped(const pt_config *cfg, const char *participant)
{
	size_t i;

	for (i = 0; participant && i < cfg->assignment_count; i++) {
		const pt_assignment *a = &cfg->assignments[i];

		if (a->territory >= 0 && a->participant && strcmp(a->participant, participant) == 0) {
			return true;
		}
	}
	return false;
}

/* true when the stored list, up to (not including) the piece at upto, names id. */
static bool stored_before(const char *roles, const char *upto, const char *id, size_t len)
{
	const char *p = roles, *piece;
	size_t n;

	while (pt_roles_next(&p, &piece, &n) && piece < upto) {
		if (n == len && memcmp(piece, id, len) == 0) {
			return true;
		}
	}
	return false;
}

static bool applies_to(const pt_config *cfg, const pt_assignment *a, const char *participant, int32_t territory)
{
	return a->participant && strcmp(a->participant, participant) == 0 && pt_assignment_applies(cfg, a, territory);
}

uint32_t pt_permissions(const pt_config *cfg, const char *participant, const char *roles, int32_t territory,
	pt_role_fn fn, void *ctx)
{
	uint32_t perms = 0;
	size_t count = 0, i, j, len;
	const char *p = roles, *id;

	if (territory < 0 || territory >= (int32_t)cfg->territories.count) {
		territory = PT_SCOPE_NONE;
	}
	while (pt_roles_next(&p, &id, &len)) {
		const pt_role *r = pt_role_find(cfg, id, len);

		/* a role dropped from the YAML grants nothing */
		if (!r) {
			continue;
		}
		perms |= r->permissions;
		count++;
		if (fn && !stored_before(roles, id, id, len)) {
			fn(ctx, r);
		}
	}
	for (i = 0; participant && i < cfg->assignment_count; i++) {
		const pt_assignment *a = &cfg->assignments[i];
		const pt_role *r;
		bool seen;

		if (!applies_to(cfg, a, participant, territory)) {
			continue;
		}
		r = &cfg->roles[a->role];
		perms |= r->permissions;
		count++;
		if (!fn) {
			continue;
		}
		seen = roles && stored_before(roles, roles + strlen(roles) + 1, r->id, strlen(r->id));
		for (j = 0; !seen && j < i; j++) {
			seen = cfg->assignments[j].role == a->role && applies_to(cfg, &cfg->assignments[j], participant,
				territory);
		}
		if (!seen) {
			fn(ctx, r);
		}
	}
	if (count == 0 && participant) {
		const pt_role *r = pt_role_find(cfg, PT_DEFAULT_ROLE, strlen(PT_DEFAULT_ROLE));

		if (r) {
			perms = r->permissions;
			if (fn) {
				fn(ctx, r);
			}
		}
	}
	return perms;
}

/* ---- the rules of Participants ----------------------------------------- */

pt_status pt_participant_check_upsert(const pt_config *cfg, const char *territory, size_t len, size_t nroles,
	pt_error *err)
{
	if (pt_config_territory(cfg, territory, len) < 0) {
		return pt_error_set(err, PT_ERR_INVALID, "El territorio no existe en la configuración.");
	}
	if (nroles > PT_ROLES_MAX) {
		return pt_error_set(err, PT_ERR_INVALID, "Un participante puede tener a lo más %d roles.", PT_ROLES_MAX);
	}
	return PT_OK;
}

pt_status pt_role_check(const pt_config *cfg, const char *id, size_t len, pt_error *err)
{
	if (!pt_role_find(cfg, id, len)) {
		return pt_error_set(err, PT_ERR_INVALID, "Un rol no existe en la configuración.");
	}
	return PT_OK;
}

pt_status pt_ban_reason_check(const char *reason, size_t len, pt_error *err)
{
	size_t chars = 0;

	if (pt_text_validate(reason, len, &chars, err) != PT_OK) {
		return err->code;
	}
	if (chars > PT_BAN_REASON_MAX) {
		return pt_error_set(err, PT_ERR_INVALID, "El motivo puede tener a lo más %d caracteres.", PT_BAN_REASON_MAX);
	}
	return PT_OK;
}

pt_status pt_permissions_may_ban(const pt_config *cfg, const pt_participant_facts *f, pt_error *err)
{
	if (f->banned || !(pt_permissions(cfg, f->participant, f->roles, PT_SCOPE_NONE, NULL, NULL) & PT_PERM_MODERATE)) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "No tienes permiso para moderar.");
	}
	return PT_OK;
}

size_t pt_assignment_count(const pt_config *cfg, const char *participant)
{
	size_t i, n = 0;

	for (i = 0; i < cfg->assignment_count; i++) {
		n += strcmp(cfg->assignments[i].participant, participant) == 0;
	}
	return n;
}

/* ---- where an action happens ------------------------------------------- */

static bool is_type(const char *type, size_t len, const char *lit)
{
	return len == strlen(lit) && memcmp(type, lit, len) == 0;
}

int32_t pt_subject_territory(const pt_config *cfg, const char *type, size_t type_len, const char *id, size_t id_len,
	pt_stored_territory_fn stored, void *ctx)
{
	char buf[PT_ID_MAX + 1];
	pt_error err;
	bool found = false;

	if (is_type(type, type_len, "process")) {
		const pt_process_def *def = pt_config_process(cfg, id, id_len);

		return def ? def->territory : PT_SCOPE_NONE;
	}
	if (is_type(type, type_len, "territory")) {
		return pt_config_territory(cfg, id, id_len);
	}
	if (!stored || (!is_type(type, type_len, "commitment") && !is_type(type, type_len, "assembly"))) {
		return PT_SCOPE_NONE;
	}
	pt_error_clear(&err);
	if (stored(ctx, type, type_len, id, id_len, buf, sizeof(buf), &found, &err) != PT_OK || !found || !buf[0]) {
		return PT_SCOPE_NONE;
	}
	return pt_config_territory(cfg, buf, strlen(buf));
}

void pt_write_scope_none(pt_write_scope *s)
{
	memset(s, 0, sizeof(*s));
	s->scope = s->scope_new = PT_SCOPE_NONE;
}

void pt_write_scope_resolve(const pt_config *cfg, pt_write_scope *s, bool territory_set, const char *territory)
{
	s->scoped = true;
	s->scope = PT_SCOPE_NONE;
	if (s->exists && s->territory[0]) {
		s->scope = pt_config_territory(cfg, s->territory, strlen(s->territory));
	}
	s->scope_new = territory_set ? (territory ? pt_config_territory(cfg, territory, strlen(territory))
		: PT_SCOPE_NONE) : s->scope;
	if (!s->exists) {
		s->scope = s->scope_new;
	}
}

bool pt_write_scope_holds(const pt_write_scope *s, bool exists, const char *territory)
{
	if (!s || !s->scoped) {
		return true;
	}
	if (exists != s->exists) {
		return false;
	}
	return !exists || strcmp(territory ? territory : "", s->territory) == 0;
}

uint32_t pt_permissions_actor(const pt_config *cfg, const pt_participant_facts *f, int32_t scope, int32_t scope2,
	pt_role_fn fn, void *ctx)
{
	uint32_t perms;

	if (f->banned) {
		return 0;
	}
	perms = pt_permissions(cfg, f->participant, f->roles, scope, fn, ctx);
	if (scope2 != scope) {
		perms &= pt_permissions(cfg, f->participant, f->roles, scope2, NULL, NULL);
	}
	return perms;
}
