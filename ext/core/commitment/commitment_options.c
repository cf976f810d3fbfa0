/*
 * participa core: options and assembly records of Commitments (see commitment_options.h).
 */
#include "core/commitment/commitment_options.h"
#include "core/commitment/commitment.h"
#include "core/commitment/commitment_patch.h"
#include "core/common/pt_id.h"
#include "core/common/text.h"

#include <string.h>

/* Refuses keys of opts outside known[] ("what: opción desconocida 'x'"). */
static pt_status known_keys(const pt_value *opts, const char *const *known, const char *what, pt_error *err)
{
	size_t i;

	for (i = 0; i < opts->u.c.count; i++) {
		const char *const *k;
		const char *q;
		bool ok = false;

		for (k = known; *k && !ok; k++) {
			ok = strlen(*k) == opts->u.c.key_lens[i] && memcmp(opts->u.c.keys[i], *k, opts->u.c.key_lens[i]) == 0;
		}
		if (ok) {
			continue;
		}
		q = pt_commitment_quotable_key(opts->u.c.keys[i], opts->u.c.key_lens[i]);
		return q ? pt_error_set(err, PT_ERR_INVALID, "%s: opción desconocida '%s'", what, q)
			: pt_error_set(err, PT_ERR_INVALID, "%s: opción desconocida", what);
	}
	return PT_OK;
}

/* A text option: *out NULL when absent or null; with is_id the id rule applies. */
static pt_status opt_str(const pt_value *opts, const char *key, bool is_id, const char **out, pt_error *err)
{
	const pt_value *v = pt_value_get(opts, key);

	*out = NULL;
	if (!v || v->type == PT_VALUE_NULL) {
		return PT_OK;
	}
	if (v->type != PT_VALUE_STRING) {
		return pt_error_set(err, PT_ERR_INVALID, "%s: se esperaba texto", key);
	}
	if (is_id && pt_id_check(key, v->u.s.s, v->u.s.len, err) != PT_OK) {
		return PT_ERR_INVALID;
	}
	*out = v->u.s.s;
	return PT_OK;
}

/* A boolean option: absent = dflt; true/false (or 0/1) only. */
static pt_status opt_bool(const pt_value *opts, const char *key, bool dflt, bool *out, pt_error *err)
{
	const pt_value *v = pt_value_get(opts, key);

	*out = dflt;
	if (!v) {
		return PT_OK;
	}
	if (v->type == PT_VALUE_BOOL || (v->type == PT_VALUE_INT && (v->u.i == 0 || v->u.i == 1))) {
		*out = v->type == PT_VALUE_BOOL ? v->u.b != 0 : v->u.i == 1;
		return PT_OK;
	}
	return pt_error_set(err, PT_ERR_INVALID, "%s: se esperaba true o false", key);
}

pt_status pt_commitment_as_of_check(const char *as_of, size_t len, pt_error *err)
{
	return as_of && !pt_commitment_valid_date(as_of, len)
		? pt_error_set(err, PT_ERR_INVALID, "as_of: se esperaba una fecha AAAA-MM-DD") : PT_OK;
}

static pt_status light_check(const char *light, pt_error *err)
{
	int l;

	for (l = PT_COMMITMENT_LIGHT_UNSCHEDULED; light && l <= PT_COMMITMENT_LIGHT_CLOSED; l++) {
		if (strcmp(light, pt_commitment_light_name((pt_commitment_light)l)) == 0) {
			return PT_OK;
		}
	}
	return light ? pt_error_set(err, PT_ERR_INVALID, "light: se esperaba on_track, at_risk, late, done, closed o "
		"unscheduled") : PT_OK;
}

pt_status pt_commitment_list_options(const pt_value *opts, pt_commitment_filter *f, const char **light,
	const char **as_of, pt_error *err)
{
	static const char *const known[] = { "plan", "parent", "theme", "pillar", "status", "agency", "territory",
		"roots", "light", "as_of", "limit", "full", NULL };
	const pt_value *v;

	memset(f, 0, sizeof(*f));
	f->full = true;
	*light = *as_of = NULL;
	if (!opts) {
		return PT_OK;
	}
	if (known_keys(opts, known, "list()", err) != PT_OK || opt_str(opts, "plan", true, &f->plan, err) != PT_OK
		|| opt_str(opts, "parent", true, &f->parent, err) != PT_OK
		|| opt_str(opts, "theme", true, &f->theme, err) != PT_OK
		|| opt_str(opts, "pillar", true, &f->pillar, err) != PT_OK
		|| opt_str(opts, "status", true, &f->status, err) != PT_OK
		|| opt_str(opts, "agency", true, &f->agency, err) != PT_OK
		|| opt_str(opts, "territory", true, &f->territory, err) != PT_OK
		|| opt_str(opts, "light", false, light, err) != PT_OK || opt_str(opts, "as_of", false, as_of, err) != PT_OK
		|| opt_bool(opts, "roots", false, &f->roots_only, err) != PT_OK
		|| opt_bool(opts, "full", true, &f->full, err) != PT_OK
		|| pt_commitment_as_of_check(*as_of, *as_of ? strlen(*as_of) : 0, err) != PT_OK || light_check(*light, err) != PT_OK) {
		return PT_ERR_INVALID;
	}
	if ((v = pt_value_get(opts, "limit"))) {
		if (v->type != PT_VALUE_INT || v->u.i < 1 || v->u.i > 100000) {
			return pt_error_set(err, PT_ERR_INVALID, "limit: se esperaba un entero de 1 a 100000");
		}
		f->limit = (uint32_t)v->u.i;
	}
	return PT_OK;
}

pt_status pt_commitment_summary_options(const pt_value *opts, const char **plan, const char **as_of, bool *roots,
	pt_error *err)
{
	static const char *const known[] = { "plan", "as_of", "all_levels", NULL };
	bool all = false;

	*plan = *as_of = NULL;
	*roots = true;
	if (opts && (known_keys(opts, known, "summary()", err) != PT_OK || opt_str(opts, "plan", true, plan, err) != PT_OK
			|| opt_str(opts, "as_of", false, as_of, err) != PT_OK
			|| opt_bool(opts, "all_levels", false, &all, err) != PT_OK)) {
		return PT_ERR_INVALID;
	}
	*roots = !all;
	return pt_commitment_as_of_check(*as_of, *as_of ? strlen(*as_of) : 0, err);
}

pt_status pt_commitment_export_options(const pt_value *opts, bool *bom, pt_error *err)
{
	static const char *const known[] = { "bom", NULL };

	*bom = false;
	if (opts && (known_keys(opts, known, "export()", err) != PT_OK || opt_bool(opts, "bom", false, bom, err) != PT_OK)) {
		return PT_ERR_INVALID;
	}
	return PT_OK;
}

pt_status pt_commitment_export_plan(const pt_commitments_config *c, const char *plan, size_t len, int32_t *index,
	pt_error *err)
{
	*index = pt_commitment_plan_find(c, plan, len);
	return *index >= 0 ? PT_OK : pt_error_set(err, PT_ERR_NOT_FOUND, "No existe el plan '%s'.", plan);
}

const pt_error *pt_commitment_not_found(const char *id, pt_error *err)
{
	pt_error_set(err, PT_ERR_NOT_FOUND, "No existe el compromiso '%s'.", id);
	return err;
}

/* ---- assemblies ------------------------------------------------------------- */

/* An optional free-text entry of an assembly: checked, NULL when absent. */
static pt_status assembly_text(const pt_value *a, const char *key, size_t max, bool one_line, const char **out,
	pt_error *err)
{
	if (opt_str(a, key, false, out, err) != PT_OK) {
		return PT_ERR_INVALID;
	}
	return *out ? pt_commitment_text_check(key, *out, strlen(*out), max, one_line, err) : PT_OK;
}

/* A list of non-empty UTF-8 texts of at most max bytes and at most max_items items (absent: none). */
static pt_status string_list(const pt_value *a, const char *what, size_t max, size_t max_items, const char *const **out,
	size_t *n, const pt_allocator *alloc, pt_error *err)
{
	const pt_value *v = pt_value_get(a, what);
	const char **list;
	size_t i;

	*n = 0;
	if (!v) {
		return PT_OK;
	}
	if (v->type != PT_VALUE_MAP) {
		return pt_error_set(err, PT_ERR_INVALID, "%s: se esperaba una lista de textos", what);
	}
	if (v->u.c.count > max_items) {
		return pt_error_set(err, PT_ERR_INVALID, "%s: se admiten como máximo %zu elementos", what, max_items);
	}
	if (!(list = pt_calloc(alloc, v->u.c.count + 1, sizeof(char *)))) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	for (i = 0; i < v->u.c.count; i++) {
		const pt_value *item = v->u.c.items[i];

		if (item->type != PT_VALUE_STRING || item->u.s.len == 0 || item->u.s.len > max
			|| pt_text_validate(item->u.s.s, item->u.s.len, NULL, NULL) != PT_OK) {
			pt_free(alloc, list);
			return pt_error_set(err, PT_ERR_INVALID, "%s: se esperaba una lista de textos UTF-8 no vacíos de hasta "
				"%zu bytes", what, max);
		}
		list[(*n)++] = item->u.s.s;
	}
	*out = list;
	return PT_OK;
}

pt_status pt_commitment_assembly_from_value(const pt_config *cfg, const pt_value *a, pt_commitment_assembly *as,
	int32_t *territory, const pt_allocator *alloc, pt_error *err)
{
	static const char *const known[] = { "territory", "held_on", "place", "attendance", "attendees", "agenda",
		"minutes", "agreements", NULL };
	const pt_value *v;

	memset(as, 0, sizeof(*as));
	if (known_keys(a, known, "recordAssembly()", err) != PT_OK
		|| opt_str(a, "territory", true, &as->territory, err) != PT_OK
		|| opt_str(a, "held_on", false, &as->held_on, err) != PT_OK
		|| assembly_text(a, "place", 500, true, &as->place, err) != PT_OK
		|| assembly_text(a, "agenda", 20000, false, &as->agenda, err) != PT_OK
		|| assembly_text(a, "minutes", 1000000, false, &as->minutes, err) != PT_OK) {
		return PT_ERR_INVALID;
	}
	if (!as->territory || (*territory = pt_config_territory(cfg, as->territory, strlen(as->territory))) < 0) {
		return pt_error_set(err, PT_ERR_INVALID, "territory: territorio desconocido");
	}
	if (!as->held_on || !pt_commitment_valid_date(as->held_on, strlen(as->held_on))) {
		return pt_error_set(err, PT_ERR_INVALID, "held_on: se esperaba la fecha de la asamblea AAAA-MM-DD");
	}
	if (!as->place || !*as->place) {
		return pt_error_set(err, PT_ERR_INVALID, "place: falta el lugar de la asamblea");
	}
	v = pt_value_get(a, "attendance");
	if (!v || v->type != PT_VALUE_INT || v->u.i < 0 || v->u.i > 1000000) {
		return pt_error_set(err, PT_ERR_INVALID, "attendance: se esperaba el número de asistentes (0 a 1000000)");
	}
	as->attendance = (uint32_t)v->u.i;
	if (string_list(a, "attendees", 500, PT_COMMITMENT_ASSEMBLY_MAX_ATTENDEES, &as->attendees, &as->attendee_count,
			alloc, err) != PT_OK
		|| string_list(a, "agreements", 20000, PT_COMMITMENT_ASSEMBLY_MAX_AGREEMENTS, &as->agreements,
			&as->agreement_count, alloc, err) != PT_OK) {
		pt_commitment_assembly_free(as, alloc);
		return err->code;
	}
	if (as->attendee_count > as->attendance) {
		pt_error_set(err, PT_ERR_INVALID, "attendance (%u) es menor que la lista de asistentes (%zu)", as->attendance,
			as->attendee_count);
		pt_commitment_assembly_free(as, alloc);
		return PT_ERR_INVALID;
	}
	return PT_OK;
}

void pt_commitment_assembly_free(pt_commitment_assembly *as, const pt_allocator *alloc)
{
	pt_free(alloc, (void *)as->attendees);
	pt_free(alloc, (void *)as->agreements);
	as->attendees = as->agreements = NULL;
}

pt_status pt_commitment_assembly_allowed(bool may_record, pt_error *err)
{
	return may_record ? PT_OK : pt_error_set(err, PT_ERR_NOT_ALLOWED, "No tienes permiso para registrar asambleas.");
}

void pt_commitment_assembly_plan(const pt_config *cfg, int32_t terr, pt_commitment_assembly *as)
{
	const pt_commitments_config *c = cfg->commitments;
	int32_t best = -1, best_depth = -1;
	size_t i;

	for (i = 0; i < c->plan_count; i++) {
		int32_t pt;

		if (!c->plans[i].agenda || !c->plans[i].territory) {
			continue;
		}
		pt = pt_config_territory(cfg, c->plans[i].territory, strlen(c->plans[i].territory));
		if (pt >= 0 && pt_territory_within(&cfg->territories, terr, pt)
			&& (best < 0 || (int32_t)cfg->territories.items[pt].depth > best_depth)) {
			best = (int32_t)i;
			best_depth = (int32_t)cfg->territories.items[pt].depth;
		}
	}
	as->plan = as->status = NULL;
	if (best >= 0 && as->attendance >= c->min_attendance) {
		as->plan = c->plans[best].id;
		as->status = c->statuses[c->agreement_status].id;
	}
}
