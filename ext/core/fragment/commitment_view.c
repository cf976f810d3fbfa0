/*
 * participa core: the commitment page's view model, and what the three
 * commitment views share (see commitment_view.h).
 */
#include "core/fragment/commitment_view.h"
#include "core/fragment/request_rules.h"
#include "core/fragment/commitment_form.h"
#include "core/common/pt_format.h"
#include "core/common/pt_time.h"
#include "core/commitment/commitment.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- reading the data ------------------------------------------------------------ */

const char *pt_cv_str(const pt_value *map, const char *key)
{
	const pt_value *v = map && map->type == PT_VALUE_MAP ? pt_value_get(map, key) : NULL;

	return v && v->type == PT_VALUE_STRING ? v->u.s.s : NULL;
}

double pt_cv_num(const pt_value *map, const char *key, double dflt)
{
	const pt_value *v = map && map->type == PT_VALUE_MAP ? pt_value_get(map, key) : NULL;
	char *end;
	double d;

	if (!v) {
		return dflt;
	}
	switch (v->type) {
	case PT_VALUE_INT: return (double)v->u.i;
	case PT_VALUE_RATIONAL: return (double)v->u.r.num / (double)v->u.r.den;
	case PT_VALUE_REAL: return isfinite(v->u.d) ? v->u.d : dflt;
	case PT_VALUE_STRING:
	case PT_VALUE_HOST:
		if (!v->u.s.s || !*v->u.s.s) {
			return dflt;
		}
		d = strtod(v->u.s.s, &end);
		return *end == '\0' && isfinite(d) ? d : dflt;
	default: return dflt;
	}
}

const pt_value *pt_cv_list(const pt_value *map, const char *key)
{
	const pt_value *v = map && map->type == PT_VALUE_MAP ? pt_value_get(map, key) : NULL;

	return v && v->type == PT_VALUE_LIST ? v : NULL;
}

static bool truthy(const pt_value *map, const char *key)
{
	const pt_value *v = map && map->type == PT_VALUE_MAP ? pt_value_get(map, key) : NULL;

	return v && ((v->type == PT_VALUE_BOOL && v->u.b) || (v->type == PT_VALUE_INT && v->u.i));
}

/* ---- writing the model ------------------------------------------------------------- */

bool pt_cv_set(pt_value *m, const char *key, const char *s)
{
	/* an absent text is a null member, never a missing one: a Mustache name that is missing in an
	 * item is looked up in the items around it ({{#list.0}} pushes the first item) */
	return pt_request_put(m, key, s ? pt_value_cstr(m->alloc, s) : pt_value_null(m->alloc)) == PT_OK;
}

bool pt_cv_set_null(pt_value *m, const char *key)
{
	return pt_request_put(m, key, pt_value_null(m->alloc)) == PT_OK;
}

bool pt_cv_set_buf(pt_value *m, const char *key, pt_buf *b)
{
	bool ok = !b->failed && pt_request_put(m, key, pt_value_string(m->alloc, b->data ? b->data : "", b->len)) == PT_OK;

	pt_buf_free(b);
	return ok;
}

bool pt_cv_set_bool(pt_value *m, const char *key, bool v)
{
	return pt_request_put(m, key, pt_value_bool(m->alloc, v)) == PT_OK;
}

bool pt_cv_text(pt_value *m, const pt_fragment_host *h, const char *key, const char *es)
{
	return pt_cv_set(m, key, pt_fragment_text(h, es));
}

pt_value *pt_cv_labels(const pt_fragment_host *h, const pt_cv_label_row *rows, size_t n, const pt_allocator *a)
{
	pt_value *t = pt_value_map(a);
	size_t i;

	for (i = 0; t && i < n; i++) {
		if (!pt_cv_text(t, h, rows[i].key, rows[i].es)) {
			pt_value_free(t);
			return NULL;
		}
	}
	return t;
}

void pt_cv_puts(pt_buf *b, const char *s)
{
	if (s) {
		pt_buf_puts(b, s);
	}
}

const char *pt_cv_lang(const pt_fragment_host *h)
{
	return h->lang ? h->lang : "es";
}

bool pt_cv_date(pt_value *m, const pt_fragment_host *h, const char *key, const char *s, bool with_time)
{
	char iso[PT_TIME_TEXT_MAX];
	pt_value *d;
	pt_buf b;
	int64_t us;

	if (!s || !*s) {
		return pt_cv_set_null(m, key);
	}
	if (strlen(s) == 10) {
		if (!pt_commitment_valid_date(s, 10)) {
			return pt_cv_set_null(m, key);
		}
		snprintf(iso, sizeof(iso), "%s", s);
	} else if (pt_time_parse_db(s, strlen(s), &us) || pt_time_parse_iso(s, strlen(s), &us)) {
		/* a stored DATETIME is UTC: <time datetime> gets it with its Z */
		pt_time_format_iso(us, 0, iso);
	} else {
		return pt_cv_set_null(m, key);
	}
	pt_buf_init(&b, m->alloc);
	if ((with_time ? pt_format_datetime(&b, iso, h->timezone, pt_cv_lang(h))
			: pt_format_date(&b, iso, h->timezone, pt_cv_lang(h))) != PT_OK) {
		pt_buf_free(&b);
		return pt_cv_set_null(m, key);
	}
	d = pt_value_map(m->alloc);
	if (!d || pt_request_put(m, key, d) != PT_OK || !pt_cv_set(d, "iso", iso) || !pt_cv_set_buf(d, "text", &b)) {
		pt_buf_free(&b);
		return false;
	}
	return true;
}

void pt_cv_percent(pt_buf *b, double percent, const char *lang)
{
	/* whole tenths, half up, without libm: percentages are 0..100 */
	int64_t tenths = (int64_t)(percent * 10.0 + (percent < 0 ? -0.5 : 0.5));

	pt_format_percent(b, (double)tenths / 1000.0, tenths % 10 == 0 ? 0 : 1, lang);
}

static bool set_percent(pt_value *m, const char *key, double percent, const char *lang)
{
	pt_buf b;

	pt_buf_init(&b, m->alloc);
	pt_cv_percent(&b, percent, lang);
	return pt_cv_set_buf(m, key, &b);
}

/* A shape beside each light's words (pt_commitment_light_label()) that does not rely on colour. */
static const char *const light_symbols[] = {
	[PT_COMMITMENT_LIGHT_UNSCHEDULED] = "○", [PT_COMMITMENT_LIGHT_ON_TRACK] = "●", [PT_COMMITMENT_LIGHT_AT_RISK] = "▲",
	[PT_COMMITMENT_LIGHT_LATE] = "■", [PT_COMMITMENT_LIGHT_DONE] = "✓", [PT_COMMITMENT_LIGHT_CLOSED] = "✕",
};

pt_value *pt_cv_light(const pt_fragment_host *h, const char *light, const pt_allocator *a)
{
	pt_value *m;
	int l;

	for (l = PT_COMMITMENT_LIGHT_UNSCHEDULED; light && l <= PT_COMMITMENT_LIGHT_CLOSED; l++) {
		if (strcmp(light, pt_commitment_light_name((pt_commitment_light)l)) == 0) {
			m = pt_value_map(a);
			if (m && pt_cv_set(m, "name", light)
				&& pt_cv_text(m, h, "label", pt_commitment_light_label((pt_commitment_light)l, false))
				&& pt_cv_set(m, "symbol", light_symbols[l])) {
				return m;
			}
			pt_value_free(m);
			return NULL;
		}
	}
	return pt_value_null(a);
}

bool pt_cv_link(pt_value *m, const pt_fragment_host *h, const char *key, const char *id)
{
	const int keys[1] = { PT_FRAGMENT_PARAM_VIEW };
	const char *values[1] = { id };
	pt_buf b;

	if (!id) {
		return pt_cv_set_null(m, key);
	}
	pt_buf_init(&b, m->alloc);
	if (pt_fragment_link(h, &b, keys, values, 1) != PT_OK) {
		pt_buf_free(&b);
		return false;
	}
	return pt_cv_set_buf(m, key, &b);
}

bool pt_cv_id(pt_value *m, const pt_fragment_host *h, const char *key, const char *part, long n)
{
	char suffix[160];

	if (n >= 0) {
		snprintf(suffix, sizeof(suffix), "%s-%ld", part, n);
	} else {
		snprintf(suffix, sizeof(suffix), "%s", part);
	}
	return pt_request_put(m, key, pt_fragment_id(h, m->alloc, suffix)) == PT_OK;
}

const char *pt_cv_label(const pt_value *site, const char *list, const char *id)
{
	const pt_value *l = pt_cv_list(site, list);
	size_t i;

	for (i = 0; id && l && i < l->u.c.count; i++) {
		const char *k = pt_cv_str(l->u.c.items[i], "id");

		if (k && strcmp(k, id) == 0) {
			return pt_cv_str(l->u.c.items[i], "label");
		}
	}
	return NULL;
}

bool pt_cv_paragraphs(pt_value *m, const char *key, const char *text)
{
	pt_value *list;
	const char *s = text;

	if (!text || !*text) {
		return pt_cv_set_null(m, key);
	}
	if (!(list = pt_value_list(m->alloc)) || pt_value_setc(m, key, list) != PT_OK) {
		return false;
	}
	while (*s) {
		const char *end = strstr(s, "\n\n"), *stop = end ? end : s + strlen(s);
		const char *a = s, *b = stop;
		pt_value *p;

		while (a < b && (*a == '\n' || *a == '\r' || *a == ' ')) {
			a++;
		}
		while (b > a && (b[-1] == '\n' || b[-1] == '\r' || b[-1] == ' ')) {
			b--;
		}
		if (b > a) {
			/* lines inside a paragraph: a list the template joins with <br> */
			pt_value *lines;
			const char *l = a;

			if (!(p = pt_value_map(m->alloc)) || pt_value_push(list, p) != PT_OK || !(lines = pt_value_list(m->alloc))
				|| pt_value_setc(p, "lines", lines) != PT_OK) {
				return false;
			}
			while (l < b) {
				const char *nl = memchr(l, '\n', (size_t)(b - l)), *e = nl ? nl : b;
				pt_value *line = pt_value_map(m->alloc);

				if (!line || pt_value_push(lines, line) != PT_OK
					|| pt_value_setc(line, "text", pt_value_string(m->alloc, l, (size_t)(e - l))) != PT_OK
					|| !pt_cv_set_bool(line, "br", nl != NULL)) {
					return false;
				}
				l = nl ? nl + 1 : b;
			}
		}
		s = end ? end + 2 : stop;
	}
	return true;
}

pt_value *pt_cv_hidden(const pt_fragment_host *h, const char *action, const char *form, const pt_allocator *a)
{
	pt_value *list = pt_value_list(a);
	const char *names[4] = { "participa_action", "participa_form", h->token_name, "participa_return" };
	pt_buf ret;
	size_t i;

	pt_buf_init(&ret, a);
	if (pt_fragment_here(h, &ret) != PT_OK) {
		pt_buf_free(&ret);
		pt_value_free(list);
		return NULL;
	}
	for (i = 0; list && i < 4; i++) {
		const char *value = i == 0 ? action : i == 1 ? form : i == 2 ? h->token_value : ret.data;
		pt_value *f;

		if (!names[i]) {
			continue;
		}
		if (!(f = pt_value_map(a)) || pt_value_push(list, f) != PT_OK || !pt_cv_set(f, "name", names[i])
			|| !pt_cv_set(f, "value", value ? value : "")) {
			pt_value_free(list);
			list = NULL;
		}
	}
	pt_buf_free(&ret);
	return ret.failed ? (pt_value_free(list), NULL) : list;
}

bool pt_cv_message(pt_value *m, const pt_fragment_host *h, const char *action, const char *form)
{
	const pt_value *o = h->outcome;
	const char *act = pt_cv_str(o, "action"), *msg = pt_cv_str(o, "message"), *f = pt_cv_str(o, "form");
	const pt_value *ok = o && o->type == PT_VALUE_MAP ? pt_value_get(o, "ok") : NULL;

	if (!act || strcmp(act, action) != 0 || !msg || !*msg || (f && form && strcmp(f, form) != 0)) {
		return pt_cv_set_null(m, "message") && pt_cv_set_null(m, "message_id") && pt_cv_set_null(m, "message_kind");
	}
	char part[96];

	snprintf(part, sizeof(part), "%s-mensaje", form);
	return pt_cv_set(m, "message", pt_fragment_text(h, msg)) && pt_cv_id(m, h, "message_id", part, -1)
		&& pt_cv_set(m, "message_kind", ok && ok->type == PT_VALUE_BOOL && ok->u.b ? "ok" : "error");
}

/* What a field may say (commitment-field.html): every one present, null when unused. */
static const char *const field_keys[] = { "hint", "hint_id", "error", "error_id", "describedby", "required", "rows",
	"min", "max", "step", "inputmode", "autocomplete", "options" };

pt_value *pt_cv_field(pt_value *fields, const pt_fragment_host *h, const pt_value *outcome, const char *form,
	const char *name, const char *label_es, const char *kind, const char *dflt, const char *hint_es)
{
	const pt_allocator *a = fields->alloc;
	const pt_value *errors = outcome ? pt_value_get(outcome, "errors") : NULL;
	const pt_value *draft = outcome ? pt_value_get(outcome, "draft") : NULL;
	const char *error = pt_cv_str(errors, name), *value = draft ? pt_cv_str(draft, name) : NULL;

	error = error ? pt_fragment_text(h, error) : NULL;
	pt_value *f = pt_value_map(a);
	char part[96];
	pt_buf desc;
	bool ok;

	if (!f || pt_value_push(fields, f) != PT_OK) {
		return NULL;
	}
	snprintf(part, sizeof(part), "%s-%s", form, name);
	for (size_t i = 0; i < sizeof(field_keys) / sizeof(field_keys[0]); i++) {
		if (!pt_cv_set_null(f, field_keys[i])) {
			return NULL;
		}
	}
	ok = pt_cv_id(f, h, "id", part, -1) && pt_cv_set(f, "name", name) && pt_cv_text(f, h, "label", label_es)
		&& pt_cv_set(f, "type", kind) && pt_cv_set_bool(f, "textarea", strcmp(kind, "textarea") == 0)
		&& pt_cv_set_bool(f, "select", strcmp(kind, "select") == 0)
		&& pt_cv_set_bool(f, "input", strcmp(kind, "textarea") != 0 && strcmp(kind, "select") != 0)
		&& pt_cv_set(f, "value", value ? value : (dflt ? dflt : ""));
	pt_buf_init(&desc, a);
	if (ok && hint_es) {
		snprintf(part, sizeof(part), "%s-%s-ayuda", form, name);
		ok = pt_cv_text(f, h, "hint", hint_es) && pt_cv_id(f, h, "hint_id", part, -1);
		pt_cv_puts(&desc, pt_cv_str(f, "hint_id"));
	}
	if (ok && error) {
		snprintf(part, sizeof(part), "%s-%s-error", form, name);
		ok = pt_cv_set(f, "error", error) && pt_cv_id(f, h, "error_id", part, -1);
		if (desc.len) {
			pt_buf_puts(&desc, " ");
		}
		pt_cv_puts(&desc, pt_cv_str(f, "error_id"));
	}
	if (ok && desc.len) {
		return pt_cv_set_buf(f, "describedby", &desc) ? f : NULL;
	}
	pt_buf_free(&desc);
	return ok ? f : NULL;
}

/* ---- the site's facts ------------------------------------------------------------------ */

static pt_value *terms_value(const pt_commitment_term *t, size_t n, const pt_allocator *a)
{
	pt_value *list = pt_value_list(a);
	size_t i;

	for (i = 0; list && i < n; i++) {
		pt_value *m = pt_value_map(a);

		if (!m || pt_value_push(list, m) != PT_OK || !pt_cv_set(m, "id", t[i].id)
			|| !pt_cv_set(m, "label", t[i].label ? t[i].label : t[i].id)) {
			pt_value_free(list);
			return NULL;
		}
	}
	return list;
}

/* Every "territory" string under v, named in names. */
static bool named_territories(const pt_config *cfg, const pt_value *v, pt_value *names, int depth)
{
	size_t i;

	if (!v || depth > 8 || (v->type != PT_VALUE_MAP && v->type != PT_VALUE_LIST)) {
		return true;
	}
	for (i = 0; i < v->u.c.count; i++) {
		const pt_value *c = v->u.c.items[i];

		if (v->type == PT_VALUE_MAP && strcmp(v->u.c.keys[i], "territory") == 0 && c->type == PT_VALUE_STRING) {
			int32_t t = pt_config_territory(cfg, c->u.s.s, c->u.s.len);

			if (t >= 0 && !pt_value_get(names, c->u.s.s)
				&& !pt_cv_set(names, c->u.s.s, cfg->territories.items[t].name)) {
				return false;
			}
		} else if (!named_territories(cfg, c, names, depth + 1)) {
			return false;
		}
	}
	return true;
}

void pt_fragment_commitment_today(const char *tz, char out[11])
{
	int64_t now = pt_time_now_us() / 1000000, y;
	const pt_time_zone *z = pt_time_zone_named(tz);
	unsigned mo, d;
	int64_t local = now + (z ? pt_time_zone_offset(z, now) : 0);

	pt_time_civil_from_days(local >= 0 ? local / 86400 : (local - 86399) / 86400, &y, &mo, &d);
	snprintf(out, 11, "%04lld-%02u-%02u", (long long)y, mo, d);
}

pt_status pt_fragment_commitment_prepare(const pt_config *cfg, pt_value *data, unsigned flags, const pt_allocator *a)
{
	char today[11];

	if (!data || data->type != PT_VALUE_MAP) {
		return PT_ERR_INVALID;
	}
	pt_fragment_commitment_today(cfg ? cfg->timezone : NULL, today);
	if (!pt_value_get(data, "today") && pt_value_setc(data, "today", pt_value_cstr(a, today)) != PT_OK) {
		return PT_ERR_NOMEM;
	}
	return pt_value_setc(data, "site", pt_fragment_commitment_site(cfg, data, flags, a)) == PT_OK ? PT_OK : PT_ERR_NOMEM;
}

pt_value *pt_fragment_commitment_site(const pt_config *cfg, const pt_value *data, unsigned flags,
	const pt_allocator *a)
{
	const pt_commitments_config *c = cfg->commitments;
	pt_value *m = pt_value_map(a), *statuses = NULL, *plans = NULL, *names = NULL, *choice = NULL;
	bool all = (flags & PT_FRAGMENT_SITE_TERRITORIES) && cfg->territories.count <= PT_FRAGMENT_SITE_TERRITORY_CHOICE_MAX;
	bool ok = m && c;
	size_t i;

	ok = ok && pt_value_setc(m, "themes", terms_value(c->themes, c->theme_count, a)) == PT_OK
		&& pt_value_setc(m, "pillars", terms_value(c->pillars, c->pillar_count, a)) == PT_OK
		&& pt_value_setc(m, "agencies", terms_value(c->agencies, c->agency_count, a)) == PT_OK
		&& (statuses = pt_value_list(a)) && pt_value_setc(m, "statuses", statuses) == PT_OK
		&& (plans = pt_value_list(a)) && pt_value_setc(m, "plans", plans) == PT_OK
		&& (names = pt_value_map(a)) && pt_value_setc(m, "territories", names) == PT_OK
		&& pt_cv_set_bool(m, "territory_choice", all)
		&& pt_value_setc(m, "min_attendance", pt_value_int(a, c ? c->min_attendance : 0)) == PT_OK
		&& (!all || ((choice = pt_value_list(a)) && pt_value_setc(m, "territory_list", choice) == PT_OK));
	for (i = 0; ok && i < c->status_count; i++) {
		pt_value *s = pt_value_map(a);

		ok = s && pt_value_push(statuses, s) == PT_OK && pt_cv_set(s, "id", c->statuses[i].id)
			&& pt_cv_set(s, "label", c->statuses[i].label ? c->statuses[i].label : c->statuses[i].id)
			&& pt_cv_set_bool(s, "closed", c->statuses[i].closed);
	}
	for (i = 0; ok && i < c->plan_count; i++) {
		const pt_commitment_plan *p = &c->plans[i];
		pt_value *s = pt_value_map(a);

		ok = s && pt_value_push(plans, s) == PT_OK && pt_cv_set(s, "id", p->id) && pt_cv_set(s, "title", p->title)
			&& pt_cv_set(s, "from", p->from) && pt_cv_set(s, "to", p->to) && pt_cv_set(s, "territory", p->territory)
			&& pt_cv_set(s, "approval_date", p->approval_date) && pt_cv_set(s, "approval_session", p->approval_session)
			&& pt_cv_set_bool(s, "agenda", p->agenda);
	}
	ok = ok && named_territories(cfg, data, names, 0);
	for (i = 0; ok && all && i < cfg->territories.count; i++) {
		const pt_territory *t = &cfg->territories.items[i];
		pt_value *s = pt_value_map(a);

		ok = s && pt_value_push(choice, s) == PT_OK && pt_cv_set(s, "id", t->id) && pt_cv_set(s, "name", t->name)
			&& pt_value_setc(s, "depth", pt_value_int(a, t->depth)) == PT_OK;
	}
	if (!ok) {
		pt_value_free(m);
		return NULL;
	}
	return m;
}

/* ids: the strings at key in every map of list (and "author" of replies, recursively). */
static bool push_ids(pt_value *ids, const pt_value *list, const char *key)
{
	size_t i;

	for (i = 0; list && list->type == PT_VALUE_LIST && i < list->u.c.count; i++) {
		const char *id = pt_cv_str(list->u.c.items[i], key);

		if (id && pt_value_push(ids, pt_value_cstr(ids->alloc, id)) != PT_OK) {
			return false;
		}
	}
	return true;
}

pt_value *pt_fragment_commitment_ids(const pt_value *data, const pt_allocator *a)
{
	pt_value *ids = pt_value_list(a);
	const pt_value *hist = pt_cv_list(data, "history"), *as = pt_cv_list(data, "assemblies");
	bool ok = ids && push_ids(ids, pt_cv_list(data, "official_answers"), "author")
		&& push_ids(ids, pt_cv_list(data, "evidence"), "added_by") && push_ids(ids, as, "recorded_by");

	for (size_t i = 0; ok && as && i < as->u.c.count; i++) {
		const pt_value *att = pt_cv_list(as->u.c.items[i], "attendees");

		for (size_t k = 0; ok && att && k < att->u.c.count; k++) {
			const pt_value *p = att->u.c.items[k];

			/* a participant id among typed names: resolved like any author */
			ok = p->type != PT_VALUE_STRING || !strchr(p->u.s.s, ':') || strchr(p->u.s.s, ' ')
				|| pt_value_push(ids, pt_value_string(a, p->u.s.s, p->u.s.len)) == PT_OK;
		}
	}
	if (ok && hist && hist->u.c.count) {
		const char *actor = pt_cv_str(hist->u.c.items[hist->u.c.count - 1], "actor");

		ok = !actor || pt_value_push(ids, pt_value_cstr(a, actor)) == PT_OK;
	}
	if (!ok) {
		pt_value_free(ids);
		return NULL;
	}
	return ids;
}

/* ---- the commitment page ----------------------------------------------------------------- */

/* The page's labels (template: {{t.key}}), Spanish first. */
static const pt_cv_label_row page_labels[] = {
	{ "commitment", "Compromiso" }, { "status", "Estado" }, { "light", "Semáforo" }, { "progress", "Avance" },
	{ "objective", "Objetivo" }, { "problem", "Problema que atiende" }, { "description", "Descripción" },
	{ "verification", "Medios de verificación" }, { "agency", "Responsable" }, { "theme", "Tema" },
	{ "pillars", "Pilares de gobierno abierto" }, { "territory", "Territorio" }, { "start", "Inicio" },
	{ "due", "Fecha comprometida" }, { "budget", "Presupuesto" }, { "completion", "Nivel de cumplimiento" },
	{ "plan", "Plan" }, { "actors", "Actores que participan" }, { "parent", "Forma parte de" },
	{ "children", "Acciones que lo integran" }, { "milestones", "Hitos" }, { "evidence", "Evidencia" },
	{ "answers", "Respuestas oficiales" }, { "last_update", "Última actualización" },
	{ "by", "por" }, { "added_by", "Agregada por" }, { "weight", "Peso" }, { "no_due", "Sin fecha" },
	{ "data", "Datos del compromiso" },
};

/* A fact of the data list: {term, value} (value NULL: nothing). */
static bool fact(pt_value *facts, const char *term, const char *value)
{
	pt_value *f;

	if (!value || !*value) {
		return true;
	}
	return (f = pt_value_map(facts->alloc)) && pt_value_push(facts, f) == PT_OK && pt_cv_set(f, "term", term)
		&& pt_cv_set(f, "value", value) && pt_cv_set_null(f, "date");
}

/* A fact with a date: {term, value, date: {iso, text}}. */
static bool fact_date(pt_value *facts, const pt_fragment_host *h, const char *term, const char *day)
{
	pt_value *f;

	if (!day || !*day) {
		return true;
	}
	return (f = pt_value_map(facts->alloc)) && pt_value_push(facts, f) == PT_OK && pt_cv_set(f, "term", term)
		&& pt_cv_date(f, h, "date", day, false) && pt_cv_set_null(f, "value");
}

/* The pillar labels of r joined by ", ". */
static bool pillars_text(const pt_value *r, const pt_value *site, pt_buf *b)
{
	const pt_value *l = pt_cv_list(r, "pillars");
	size_t i;

	for (i = 0; l && i < l->u.c.count; i++) {
		const pt_value *p = l->u.c.items[i];
		const char *id = p->type == PT_VALUE_STRING ? p->u.s.s : NULL, *label = pt_cv_label(site, "pillars", id);

		if (!id) {
			continue;
		}
		if (b->len) {
			pt_buf_puts(b, ", ");
		}
		pt_buf_puts(b, label ? label : id);
	}
	return !b->failed;
}

static bool page_facts(pt_value *m, const pt_value *r, const pt_value *site, const pt_fragment_host *h)
{
	const char *lang = pt_cv_lang(h), *budget = pt_cv_str(r, "budget"), *plan = pt_cv_str(r, "plan");
	const char *terr = pt_cv_str(r, "territory"), *theme = pt_cv_str(r, "theme");
	const pt_value *names = site ? pt_value_get(site, "territories") : NULL, *plans = pt_cv_list(site, "plans");
	const pt_value *actors = pt_cv_list(r, "actors");
	pt_value *facts = pt_value_list(m->alloc);
	const char *plan_title = NULL;
	pt_buf b;
	size_t i;
	bool ok;

	if (!facts || pt_value_setc(m, "facts", facts) != PT_OK) {
		return false;
	}
	for (i = 0; plan && plans && i < plans->u.c.count; i++) {
		const char *id = pt_cv_str(plans->u.c.items[i], "id");

		if (id && strcmp(id, plan) == 0) {
			plan_title = pt_cv_str(plans->u.c.items[i], "title");
		}
	}
	ok = fact(facts, pt_fragment_text(h, "Plan"), plan_title ? plan_title : plan)
		&& fact(facts, pt_fragment_text(h, "Responsable"), pt_cv_str(r, "agency_name"))
		&& fact(facts, pt_fragment_text(h, "Tema"), theme ? (pt_cv_str(r, "theme_label") ? pt_cv_str(r, "theme_label")
			: theme) : NULL)
		&& fact(facts, pt_fragment_text(h, "Territorio"), terr ? (pt_cv_str(names, terr) ? pt_cv_str(names, terr) : terr)
			: NULL);
	pt_buf_init(&b, m->alloc);
	ok = ok && pillars_text(r, site, &b) && fact(facts, pt_fragment_text(h, "Pilares de gobierno abierto"), b.data);
	pt_buf_free(&b);
	for (i = 0; ok && actors && i < actors->u.c.count; i++) {
		if (actors->u.c.items[i]->type == PT_VALUE_STRING) {
			if (b.len) {
				pt_buf_puts(&b, ", ");
			}
			pt_buf_puts(&b, actors->u.c.items[i]->u.s.s);
		}
	}
	ok = ok && !b.failed && fact(facts, pt_fragment_text(h, "Actores que participan"), b.data);
	pt_buf_free(&b);
	ok = ok && fact_date(facts, h, pt_fragment_text(h, "Inicio"), pt_cv_str(r, "start_date"))
		&& fact_date(facts, h, pt_fragment_text(h, "Fecha comprometida"), pt_cv_str(r, "due_date"));
	if (ok && budget) {
		pt_format_money(&b, strtod(budget, NULL), lang);
		ok = !b.failed && fact(facts, pt_fragment_text(h, "Presupuesto"), b.data);
		pt_buf_free(&b);
	}
	return ok && fact(facts, pt_fragment_text(h, "Nivel de cumplimiento"), pt_cv_str(r, "completion_label"));
}

/* {value (for <progress>), text} of a record's progress. */
static bool progress_of(pt_value *m, const char *key, const pt_value *r, const char *lang)
{
	double p = pt_cv_num(r, "progress", 0.0);
	pt_value *v = pt_value_map(m->alloc);
	char num[32];

	if (p < 0 || p > 100) {
		p = p < 0 ? 0 : 100;
	}
	snprintf(num, sizeof(num), "%.2f", p);
	return v && pt_value_setc(m, key, v) == PT_OK && pt_cv_set(v, "value", num) && set_percent(v, "text", p, lang);
}

/* A related commitment (parent, child): key, title, link, status, light, progress. */
static pt_value *related(const pt_value *r, const pt_fragment_host *h, const pt_allocator *a)
{
	pt_value *m = pt_value_map(a);
	const char *id = pt_cv_str(r, "id");
	double w = pt_cv_num(r, "weight", 1.0);
	pt_buf b;

	pt_buf_init(&b, a);
	pt_format_number(&b, w, w == (double)(int64_t)w ? 0 : 3, pt_cv_lang(h));
	if (!m || !pt_cv_set(m, "key", id) || !pt_cv_set(m, "title", pt_cv_str(r, "title")) || !pt_cv_link(m, h, "href", id)
		|| !pt_cv_set(m, "status_label", pt_cv_str(r, "status_label"))
		|| pt_value_setc(m, "light", pt_cv_light(h, pt_cv_str(r, "light"), a)) != PT_OK
		|| !progress_of(m, "progress", r, pt_cv_lang(h)) || !pt_cv_set_buf(m, "weight", &b)) {
		pt_buf_free(&b);
		pt_value_free(m);
		return NULL;
	}
	return m;
}

static bool page_children(pt_value *m, const pt_value *data, const pt_fragment_host *h)
{
	const pt_value *kids = pt_cv_list(data, "children_list");
	pt_value *list;
	pt_buf b;
	size_t i;
	bool weighted = false;

	if (!kids || kids->u.c.count == 0) {
		return true;
	}
	if (!(list = pt_value_list(m->alloc)) || pt_value_setc(m, "children", list) != PT_OK) {
		return false;
	}
	for (i = 0; i < kids->u.c.count; i++) {
		weighted = weighted || pt_cv_num(kids->u.c.items[i], "weight", 1.0) != 1.0;
		if (pt_value_push(list, related(kids->u.c.items[i], h, m->alloc)) != PT_OK) {
			return false;
		}
	}
	/* the roll-up the data gives: a parent's progress follows its children's */
	pt_buf_init(&b, m->alloc);
	pt_buf_puts(&b, pt_fragment_text(h, weighted
		? "El avance de este compromiso se calcula de sus acciones: es el promedio de su avance, ponderado por el peso de cada una."
		: "El avance de este compromiso se calcula de sus acciones: es el promedio de su avance."));
	return pt_cv_set_buf(m, "rollup", &b) && pt_cv_set_bool(m, "weighted", weighted);
}

static bool page_milestones(pt_value *m, const pt_value *r, const char *today, const pt_fragment_host *h)
{
	const pt_value *ms = pt_cv_list(r, "milestones");
	pt_value *list;
	size_t i;

	if (!ms || ms->u.c.count == 0) {
		return true;
	}
	if (!(list = pt_value_list(m->alloc)) || pt_value_setc(m, "milestones", list) != PT_OK) {
		return false;
	}
	for (i = 0; i < ms->u.c.count; i++) {
		const pt_value *x = ms->u.c.items[i];
		const char *due = pt_cv_str(x, "due");
		bool done = truthy(x, "done"), overdue = !done && due && today && strcmp(due, today) < 0;
		const char *state = done ? "done" : overdue ? "overdue" : "pending";
		pt_value *v = pt_value_map(m->alloc);

		if (!v || pt_value_push(list, v) != PT_OK || !pt_cv_set(v, "title", pt_cv_str(x, "title"))
			|| !pt_cv_date(v, h, "due", due, false) || !pt_cv_set(v, "state", state)
			|| !pt_cv_text(v, h, "state_label", done ? "Cumplido" : overdue ? "Vencido" : "Pendiente")) {
			return false;
		}
	}
	return true;
}

static bool page_evidence(pt_value *m, const pt_value *r, const pt_fragment_host *h)
{
	const pt_value *ev = pt_cv_list(r, "evidence");
	pt_value *list;
	size_t i;

	if (!ev || ev->u.c.count == 0) {
		return true;
	}
	if (!(list = pt_value_list(m->alloc)) || pt_value_setc(m, "evidence", list) != PT_OK) {
		return false;
	}
	for (i = 0; i < ev->u.c.count; i++) {
		const pt_value *x = ev->u.c.items[i];
		const char *url = pt_cv_str(x, "url"), *desc = pt_cv_str(x, "description"), *ref = pt_cv_str(x, "reference");
		const char *by = pt_cv_str(x, "added_by");
		pt_value *v = pt_value_map(m->alloc);

		if (!v || pt_value_push(list, v) != PT_OK || !pt_cv_set(v, "href", url)
			|| !pt_cv_set(v, "text", desc ? desc : ref ? ref : url) || !pt_cv_set(v, "reference", desc ? ref : NULL)
			|| !pt_cv_date(v, h, "date", pt_cv_str(x, "date"), false)
			|| !pt_cv_set(v, "by", by ? pt_fragment_name(h, by) : NULL)) {
			return false;
		}
	}
	return true;
}

static bool page_answers(pt_value *m, const pt_value *data, const pt_fragment_host *h)
{
	const pt_value *ans = pt_cv_list(data, "official_answers");
	pt_value *list;
	size_t i;

	if (!ans || ans->u.c.count == 0) {
		return true;
	}
	if (!(list = pt_value_list(m->alloc)) || pt_value_setc(m, "answers", list) != PT_OK) {
		return false;
	}
	for (i = 0; i < ans->u.c.count; i++) {
		const pt_value *x = ans->u.c.items[i];
		const char *author = pt_cv_str(x, "author"), *at = pt_cv_str(x, "created_iso");
		pt_value *v = pt_value_map(m->alloc);

		if (!v || pt_value_push(list, v) != PT_OK || !pt_cv_set(v, "author", pt_fragment_name(h, author))
			|| !pt_cv_paragraphs(v, "paragraphs", pt_cv_str(x, "body"))
			|| !pt_cv_date(v, h, "date", at ? at : pt_cv_str(x, "created_at"), true)) {
			return false;
		}
	}
	return true;
}

static bool page_last_update(pt_value *m, const pt_value *data, const pt_fragment_host *h)
{
	const pt_value *hist = pt_cv_list(data, "history");
	const pt_value *e = hist && hist->u.c.count ? hist->u.c.items[hist->u.c.count - 1] : NULL;
	const char *at = e ? pt_cv_str(e, "at") : pt_cv_str(data, "updated_at");
	const char *actor = e ? pt_cv_str(e, "actor") : NULL, *note = e ? pt_cv_str(e, "note") : NULL;
	const char *action = e ? pt_cv_str(e, "action") : NULL;
	pt_value *v;

	if (!at) {
		return true;
	}
	return (v = pt_value_map(m->alloc)) && pt_value_setc(m, "last_update", v) == PT_OK
		&& pt_cv_date(v, h, "date", at, true) && pt_cv_set(v, "by", actor ? pt_fragment_name(h, actor) : NULL)
		/* a roll-up's note is the child that moved it: said in words */
		&& pt_cv_set(v, "note", action && strcmp(action, "rollup") == 0
			? pt_fragment_text(h, "El avance se recalculó con el de sus acciones.") : note && *note ? note : NULL);
}

/* The progress form (an official's update), refused fields and draft from host->outcome. */
static bool page_form(pt_value *m, const pt_value *data, const pt_fragment_host *h)
{
	const pt_allocator *a = m->alloc;
	const pt_value *out = pt_fragment_refusal(h, PT_COMMITMENT_FORM_PROGRESS, "avance");
	const char *id = pt_cv_str(data, "id");
	bool parent = pt_cv_num(data, "children", 0) > 0, ok;
	pt_value *form = NULL, *fields = NULL, *hidden = NULL, *commitment, *f;
	char progress[32];

	if (!truthy(data, "may_update") || !id) {
		return true;
	}
	snprintf(progress, sizeof(progress), "%g", pt_cv_num(data, "progress", 0.0));
	ok = (form = pt_value_map(a)) && pt_value_setc(m, "form", form) == PT_OK && pt_cv_id(form, h, "id", "avance", -1)
		&& pt_cv_text(form, h, "legend", "Actualizar el avance") && pt_cv_text(form, h, "submit", "Guardar el avance")
		&& pt_cv_set(form, "action", h->post_url ? h->post_url : (h->here ? h->here : "/"))
		&& (hidden = pt_cv_hidden(h, PT_COMMITMENT_FORM_PROGRESS, "avance", a))
		&& pt_value_setc(form, "hidden", hidden) == PT_OK && (commitment = pt_value_map(a))
		&& pt_value_push(hidden, commitment) == PT_OK && pt_cv_set(commitment, "name", "commitment")
		&& pt_cv_set(commitment, "value", id) && (fields = pt_value_list(a))
		&& pt_value_setc(form, "fields", fields) == PT_OK && pt_cv_message(form, h, PT_COMMITMENT_FORM_PROGRESS, "avance");
	ok = ok && pt_cv_text(form, h, "form_note", parent ? "El avance de este compromiso se calcula de sus acciones; aquí puedes agregar una nota o una evidencia." : NULL);
	if (ok && !parent) {
		f = pt_cv_field(fields, h, out, "avance", "progress", "Avance (de 0 a 100)", "number", progress,
			"Un número de 0 a 100; admite dos decimales.");

		ok = f && pt_cv_set(f, "min", "0") && pt_cv_set(f, "max", "100") && pt_cv_set(f, "step", "0.01")
			&& pt_cv_set(f, "inputmode", "decimal");
	}
	return ok && (f = pt_cv_field(fields, h, out, "avance", "note", "Nota sobre el avance", "textarea", NULL,
			"Qué se hizo; se publica en el historial del compromiso.")) && pt_cv_set(f, "rows", "4")
		&& pt_cv_field(fields, h, out, "avance", "evidence_url", "Dirección de la evidencia", "url", NULL,
			"Opcional: un documento, acta o fotografía publicada, con https://.")
		&& pt_cv_field(fields, h, out, "avance", "evidence_description", "Descripción de la evidencia", "text", NULL,
			NULL);
}

pt_status pt_fragment_commitment_view(const pt_value *data, const pt_fragment_host *host, const pt_allocator *a,
	pt_value **out, pt_error *err)
{
	const pt_value *site = data ? pt_value_get(data, "site") : NULL, *parent = data ? pt_value_get(data, "parent_record") : NULL;
	const char *today = pt_cv_str(data, "today");
	pt_value *m = pt_value_map(a), *p;
	bool ok;

	*out = NULL;
	ok = m && pt_value_setc(m, "host", pt_fragment_base(host, a)) == PT_OK
		&& pt_value_setc(m, "t", pt_cv_labels(host, page_labels, sizeof(page_labels) / sizeof(page_labels[0]), a)) == PT_OK && pt_cv_id(m, host, "article", "compromiso", -1)
		&& pt_cv_id(m, host, "title_id", "compromiso-titulo", -1)
		&& pt_cv_id(m, host, "progress_id", "compromiso-avance", -1)
		&& pt_cv_set(m, "key", pt_cv_str(data, "id")) && pt_cv_set(m, "title", pt_cv_str(data, "title"))
		&& pt_cv_set(m, "status_label", pt_cv_str(data, "status_label"))
		&& pt_value_setc(m, "light", pt_cv_light(host, pt_cv_str(data, "light"), a)) == PT_OK
		&& progress_of(m, "progress", data, pt_cv_lang(host))
		&& pt_cv_paragraphs(m, "objective", pt_cv_str(data, "objective"))
		&& pt_cv_paragraphs(m, "problem", pt_cv_str(data, "problem"))
		&& pt_cv_paragraphs(m, "description", pt_cv_str(data, "description"))
		&& pt_cv_paragraphs(m, "verification", pt_cv_str(data, "verification"))
		&& page_facts(m, data, site, host) && page_children(m, data, host)
		&& page_milestones(m, data, today, host) && page_evidence(m, data, host) && page_answers(m, data, host)
		&& page_last_update(m, data, host) && page_form(m, data, host);
	if (ok && parent && parent->type == PT_VALUE_MAP && pt_cv_str(parent, "id")) {
		ok = (p = related(parent, host, a)) && pt_value_setc(m, "parent", p) == PT_OK;
	}
	if (!ok) {
		pt_value_free(m);
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	*out = m;
	return PT_OK;
}
