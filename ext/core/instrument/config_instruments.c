/*
 * participa core: validation of the `instruments:` section (see config_instruments.h).
 *
 * As every section: each problem is reported where it stands and validation
 * carries on with what is usable, so one `participa check` lists them all.
 */
#include "core/instrument/config_instruments.h"
#include "core/process/config_processes.h"   /* pt_parse_local_datetime(): the one date grammar */
#include "core/common/pt_value.h"            /* pt_gcd_u64() */
#include "core/participant/permissions.h"    /* pt_role_find() */
#include "core/common/pt_hash.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define diag(c, ...) pt_check_diag(&(c)->chk, __VA_ARGS__)
#define qn(n) pt_check_qn(n)
#define found(n) pt_check_found(n)
#define dup(c, s) pt_check_dup(&(c)->chk, (s), (s) ? strlen(s) : 0)

static const char *const kind_names[] = { "self", "corroboration", "evaluation", NULL };
static const char *const scale_names[] = { "yes_no", "partial", "numeric", "choice", "text", NULL };
static const char *const about_names[] = { "territory", "institution", "practice", NULL };
static const char *const evidence_names[] = { "none", "optional", "required", NULL };

const char *pt_instr_kind_name(pt_instr_kind k) { return (unsigned)k < PT_INSTR_KINDS ? kind_names[k] : "?"; }
const char *pt_instr_scale_name(pt_instr_scale s) { return (unsigned)s <= PT_SCALE_TEXT ? scale_names[s] : "?"; }
const char *pt_instr_about_name(pt_instr_about a) { return (unsigned)a <= PT_INSTR_ABOUT_PRACTICE ? about_names[a] : "?"; }
const char *pt_instr_evidence_name(pt_instr_evidence e) { return (unsigned)e <= PT_EVIDENCE_REQUIRED ? evidence_names[e] : "?"; }

int pt_instr_kind_from_name(const char *s, size_t len)
{
	int i;

	for (i = 0; kind_names[i]; i++) {
		if (strlen(kind_names[i]) == len && memcmp(kind_names[i], s, len) == 0) {
			return i;
		}
	}
	return -1;
}

/* Instrument, dimension, item, option and listed subject ids: the processes' grammar (they appear in
 * URLs, CSV headers and the stored answers). */
static bool id_node(const pt_instruments_ctx *c, const pt_ynode *v, const char *what)
{
	if (!v || v->kind != PT_YNODE_SCALAR || !pt_process_id_valid(v->value, v->len)) {
		diag(c, v, "%s: expected an id (1 to 64 characters from a-z, 0-9, '_', '.' and '-', starting with a "
			"letter or digit), found %s", what, v ? found(v).s : "nothing");
		return false;
	}
	return true;
}

static bool int_in(const pt_instruments_ctx *c, const pt_ynode *map, const char *key, const char *what,
	int64_t min, int64_t max, int64_t *out)
{
	const pt_ynode *v = pt_ynode_get(map, key);

	return v ? pt_check_int(&c->chk, v, what, min, max, out) : false;
}

/* A date bound; a date-only close is the end of that day. */
static bool date_of(const pt_instruments_ctx *c, const pt_ynode *map, const char *key, bool is_end, bool *has,
	int64_t *out)
{
	const pt_ynode *v = pt_ynode_get(map, key);
	bool date_only;

	if (!v || pt_ynode_is_null(v)) {
		return true;
	}
	if (v->kind != PT_YNODE_SCALAR || !pt_parse_local_datetime(v->value, v->len, out, &date_only)) {
		diag(c, v, "%s: expected a date YYYY-MM-DD or a date and time YYYY-MM-DD HH:MM[:SS] in the site's "
			"time zone, found %s", key, found(v).s);
		return false;
	}
	if (is_end && date_only) {
		*out += 86400;
	}
	*has = true;
	return true;
}

static bool window(const pt_instruments_ctx *c, const pt_ynode *map, pt_instr_respondent *r)
{
	if (!date_of(c, map, "opens", false, &r->has_opens, &r->opens_local)
		|| !date_of(c, map, "closes", true, &r->has_closes, &r->closes_local)) {
		return false;
	}
	if (r->has_opens && r->has_closes && r->closes_local <= r->opens_local) {
		diag(c, pt_ynode_get(map, "closes"), "closes is not after opens");
		return false;
	}
	return true;
}

/* ---- respondents ------------------------------------------------------------- */

static const char *const respondent_keys[] = { "role", "opens", "closes", NULL };

static void respondents(const pt_instruments_ctx *c, const pt_ynode *n, const pt_instr_respondent *dflt,
	pt_instrument *in)
{
	size_t i;

	if (!n) {
		diag(c, NULL, "instrument '%s': missing required key 'respondents' (self, corroboration and/or "
			"evaluation)", in->id);
		return;
	}
	if (!pt_check_expect(&c->chk, n, PT_YNODE_MAPPING, "respondents", " from self, corroboration or evaluation "
		"to {role, opens, closes}")) {
		return;
	}
	pt_check_keys(&c->chk, n, "respondents", kind_names);
	for (i = 0; i + 1 < n->count; i += 2) {
		const pt_ynode *k = n->items[i], *v = n->items[i + 1], *role;
		int kind = pt_check_word(kind_names, k);
		pt_instr_respondent *r;

		if (kind < 0) {
			continue;
		}
		r = &in->respondents[kind];
		*r = *dflt;
		r->allowed = true;
		r->role = SIZE_MAX;
		if (pt_ynode_is_null(v)) {
			v = NULL;
		} else if (!pt_check_expect(&c->chk, v, PT_YNODE_MAPPING, kind_names[kind], " with role, opens, closes")) {
			r->allowed = false;
			continue;
		}
		if (v) {
			pt_check_keys(&c->chk, v, kind_names[kind], respondent_keys);
			r->has_opens = r->has_closes = false;
			if (!pt_ynode_get(v, "opens")) {
				r->has_opens = dflt->has_opens;
				r->opens_local = dflt->opens_local;
			}
			if (!pt_ynode_get(v, "closes")) {
				r->has_closes = dflt->has_closes;
				r->closes_local = dflt->closes_local;
			}
			window(c, v, r);
		}
		role = v ? pt_ynode_get(v, "role") : NULL;
		if (role) {
			const pt_role *found_role = role->kind == PT_YNODE_SCALAR
				? pt_role_find(c->cfg, role->value, role->len) : NULL;

			if (!found_role) {
				diag(c, role, "respondents.%s.role: unknown role %s (declare it under roles:)", kind_names[kind],
					qn(role).s);
			} else {
				r->role = (size_t)(found_role - c->cfg->roles);
			}
		} else if (kind != PT_INSTR_CORROBORATION) {
			diag(c, v ? v : k, "respondents.%s needs a role (who answers %s)", kind_names[kind],
				kind == PT_INSTR_SELF ? "for its own subject" : "as an evaluator");
		}
	}
}

/* ---- items -------------------------------------------------------------------- */

static const char *const item_keys[] = { "id", "text", "scale", "points", "weight", "min", "max", "options",
	"evidence", "required", "placeholder", NULL };
static const char *const option_keys[] = { "id", "label", "points", NULL };

static void options_of(const pt_instruments_ctx *c, const pt_ynode *at, const pt_ynode *n, pt_instr_item *it)
{
	size_t i, j;

	if (!n) {
		diag(c, at, "item '%s': scale choice needs options: [{id, label, points}]", it->id);
		return;
	}
	if (!pt_check_expect(&c->chk, n, PT_YNODE_SEQUENCE, "options", " of {id, label, points}")) {
		return;
	}
	if (n->count == 0 || n->count > PT_INSTR_MAX_OPTIONS) {
		diag(c, n, "item '%s': a choice needs 1 to %d options", it->id, PT_INSTR_MAX_OPTIONS);
		return;
	}
	if (!(it->options = calloc(n->count, sizeof(*it->options)))) {
		*c->chk.nomem = true;
		return;
	}
	for (i = 0; i < n->count; i++) {
		const pt_ynode *o = n->items[i], *id;
		pt_instr_option *op = &it->options[it->option_count];

		if (!pt_check_expect(&c->chk, o, PT_YNODE_MAPPING, "option", " {id, label, points}")) {
			continue;
		}
		pt_check_keys(&c->chk, o, "option", option_keys);
		id = pt_ynode_get(o, "id");
		if (!id_node(c, id ? id : o, "option id") || !id) {
			continue;
		}
		for (j = 0; j < it->option_count; j++) {
			if (strcmp(it->options[j].id, id->value) == 0) {
				diag(c, id, "item '%s': option %s is given twice", it->id, qn(id).s);
				break;
			}
		}
		if (j < it->option_count) {
			continue;
		}
		op->points = 0;
		if (pt_ynode_get(o, "points")
			&& !int_in(c, o, "points", "option points", 0, PT_INSTR_MAX_POINTS, &op->points)) {
			continue;
		}
		op->id = dup(c, id->value);
		op->label = dup(c, pt_check_get_text(&c->chk, o, "label", "option", "option label", false, true, NULL));
		if (!op->label) {
			op->label = dup(c, id->value);
		}
		if (op->points > it->points) {
			it->points = op->points;
		}
		it->option_count++;
	}
}

/* The denominator an item's earned points can have (see config_instruments.h). */
static int64_t item_den(const pt_instr_item *it)
{
	if (it->scale == PT_SCALE_PARTIAL) {
		return it->points % 2 ? 2 : 1;
	}
	if (it->scale == PT_SCALE_NUMERIC) {
		int64_t range = it->max - it->min;

		return range / (int64_t)pt_gcd_u64((uint64_t)it->points, (uint64_t)range);
	}
	return 1;
}

static bool item(const pt_instruments_ctx *c, const pt_ynode *n, pt_instrument *in, size_t dim)
{
	pt_instr_item *it = &in->items[in->item_count];
	const pt_ynode *id, *sc, *ev;
	int scale = PT_SCALE_YES_NO, e;
	size_t j;
	bool b;

	if (!pt_check_expect(&c->chk, n, PT_YNODE_MAPPING, "item", " {id, text, scale, points, weight, evidence}")) {
		return false;
	}
	pt_check_keys(&c->chk, n, "item", item_keys);
	id = pt_ynode_get(n, "id");
	if (!id) {
		diag(c, n, "missing required key 'id' in item");
		return false;
	}
	if (!id_node(c, id, "item id")) {
		return false;
	}
	for (j = 0; j < in->item_count; j++) {
		if (strcmp(in->items[j].id, id->value) == 0) {
			diag(c, id, "instrument '%s': item %s is given twice (first at line %u)", in->id, qn(id).s,
				in->items[j].line);
			return false;
		}
	}
	memset(it, 0, sizeof(*it));
	it->line = n->line;
	it->column = n->column;
	it->dimension = dim;
	it->weight = 1;
	it->required = true;
	if ((sc = pt_ynode_get(n, "scale")) && (scale = pt_check_word(scale_names, sc)) < 0) {
		diag(c, sc, "item '%s': unknown scale %s; expected one of: yes_no, partial, numeric, choice, text", id->value,
			qn(sc).s);
		return false;
	}
	it->scale = (pt_instr_scale)scale;
	it->id = dup(c, id->value);
	it->text = dup(c, pt_check_get_text(&c->chk, n, "text", "item", "item text", true, false, NULL));
	if (!it->id || !it->text) {
		free(it->id);
		free(it->text);
		return false;
	}
	if (scale == PT_SCALE_NUMERIC) {
		if (!pt_ynode_get(n, "min") || !pt_ynode_get(n, "max")) {
			diag(c, n, "item '%s': a numeric scale needs min and max", it->id);
		} else if (int_in(c, n, "min", "min", -PT_INSTR_MAX_RANGE, PT_INSTR_MAX_RANGE, &it->min)
			&& int_in(c, n, "max", "max", -PT_INSTR_MAX_RANGE, PT_INSTR_MAX_RANGE, &it->max) && it->max <= it->min) {
			diag(c, pt_ynode_get(n, "max"), "item '%s': max must be above min", it->id);
		}
		it->points = it->max > it->min && it->max - it->min <= PT_INSTR_MAX_POINTS ? it->max - it->min : 1;
	} else if (scale == PT_SCALE_CHOICE) {
		options_of(c, n, pt_ynode_get(n, "options"), it);
	} else if (scale != PT_SCALE_TEXT) {
		it->points = 1;
	}
	if ((scale == PT_SCALE_NUMERIC || scale == PT_SCALE_CHOICE) == false && pt_ynode_get(n, "options")) {
		diag(c, pt_ynode_get(n, "options"), "item '%s': options apply to a choice scale only", it->id);
	}
	if (scale != PT_SCALE_NUMERIC && (pt_ynode_get(n, "min") || pt_ynode_get(n, "max"))) {
		diag(c, pt_ynode_get(n, "min") ? pt_ynode_get(n, "min") : pt_ynode_get(n, "max"),
			"item '%s': min and max apply to a numeric scale only", it->id);
	}
	if (pt_ynode_get(n, "points")) {
		if (scale == PT_SCALE_TEXT || scale == PT_SCALE_CHOICE) {
			diag(c, pt_ynode_get(n, "points"), "item '%s': points do not apply to a %s scale (%s)", it->id,
				scale_names[scale], scale == PT_SCALE_TEXT ? "free text is not scored" : "each option has its points");
		} else {
			int_in(c, n, "points", "points", 1, PT_INSTR_MAX_POINTS, &it->points);
		}
	}
	if (pt_ynode_get(n, "weight")) {
		int_in(c, n, "weight", "weight", 1, PT_INSTR_MAX_WEIGHT, &it->weight);
	}
	if ((ev = pt_ynode_get(n, "evidence"))) {
		if ((e = pt_check_word(evidence_names, ev)) < 0) {
			diag(c, ev, "item '%s': evidence: expected required, optional or none, found %s", it->id, found(ev).s);
		} else {
			it->evidence = (pt_instr_evidence)e;
		}
	}
	it->required = scale != PT_SCALE_TEXT;
	if (pt_ynode_get(n, "required") && pt_check_bool(&c->chk, pt_ynode_get(n, "required"), "required", &b)) {
		it->required = b;
	}
	if (pt_ynode_get(n, "placeholder") && pt_check_bool(&c->chk, pt_ynode_get(n, "placeholder"), "placeholder", &b)) {
		it->placeholder = b;
	}
	in->item_count++;
	return true;
}

static const char *const dimension_keys[] = { "id", "title", "items", NULL };

static void dimensions(const pt_instruments_ctx *c, const pt_ynode *n, pt_instrument *in)
{
	size_t i, j, total = 0;

	if (!n) {
		diag(c, NULL, "instrument '%s': missing required key 'dimensions'", in->id);
		return;
	}
	if (!pt_check_expect(&c->chk, n, PT_YNODE_SEQUENCE, "dimensions", " of {id, title, items}")) {
		return;
	}
	if (n->count == 0 || n->count > PT_INSTR_MAX_DIMENSIONS) {
		diag(c, n, "instrument '%s': 1 to %d dimensions", in->id, PT_INSTR_MAX_DIMENSIONS);
		return;
	}
	for (i = 0; i < n->count; i++) {
		const pt_ynode *items = pt_ynode_get(n->items[i], "items");

		total += items && items->kind == PT_YNODE_SEQUENCE ? items->count : 0;
	}
	if (total > PT_INSTR_MAX_ITEMS) {
		diag(c, n, "instrument '%s': %zu items, at most %d", in->id, total, PT_INSTR_MAX_ITEMS);
		return;
	}
	in->dimensions = calloc(n->count, sizeof(*in->dimensions));
	in->items = calloc(total ? total : 1, sizeof(*in->items));
	if (!in->dimensions || !in->items) {
		*c->chk.nomem = true;
		return;
	}
	for (i = 0; i < n->count; i++) {
		const pt_ynode *d = n->items[i], *id, *items;
		pt_instr_dimension *dm = &in->dimensions[in->dimension_count];

		if (!pt_check_expect(&c->chk, d, PT_YNODE_MAPPING, "dimension", " {id, title, items}")) {
			continue;
		}
		pt_check_keys(&c->chk, d, "dimension", dimension_keys);
		if (!(id = pt_ynode_get(d, "id"))) {
			diag(c, d, "missing required key 'id' in dimension");
			continue;
		}
		if (!id_node(c, id, "dimension id")) {
			continue;
		}
		for (j = 0; j < in->dimension_count; j++) {
			if (strcmp(in->dimensions[j].id, id->value) == 0) {
				diag(c, id, "instrument '%s': dimension %s is given twice", in->id, qn(id).s);
				break;
			}
		}
		if (j < in->dimension_count) {
			continue;
		}
		dm->id = dup(c, id->value);
		dm->title = dup(c, pt_check_get_text(&c->chk, d, "title", "dimension", "dimension title", true, true, NULL));
		dm->first_item = in->item_count;
		items = pt_ynode_get(d, "items");
		if (!items) {
			diag(c, d, "dimension '%s' needs items", id->value);
		} else if (pt_check_expect(&c->chk, items, PT_YNODE_SEQUENCE, "items", " of {id, text, scale ...}")) {
			if (items->count == 0) {
				diag(c, items, "dimension '%s' needs at least one item", id->value);
			}
			for (j = 0; j < items->count && !*c->chk.nomem; j++) {
				item(c, items->items[j], in, in->dimension_count);
			}
		}
		dm->item_count = in->item_count - dm->first_item;
		in->dimension_count++;
	}
}

/* ---- thresholds and subjects ------------------------------------------------------- */

static const char *const threshold_keys[] = { "at", "label", NULL };

/* "80", 80 or "80%". */
static bool percent_of(const pt_ynode *v, int64_t *out)
{
	char buf[8];

	if (!v || v->kind != PT_YNODE_SCALAR || v->len == 0 || v->len >= sizeof(buf)) {
		return false;
	}
	memcpy(buf, v->value, v->len);
	buf[v->len] = 0;
	if (buf[v->len - 1] == '%') {
		buf[v->len - 1] = 0;
	}
	if (!buf[0] || strspn(buf, "0123456789") != strlen(buf)) {
		return false;
	}
	*out = strtoll(buf, NULL, 10);
	return *out <= 100;
}

static void thresholds(const pt_instruments_ctx *c, const pt_ynode *n, pt_instrument *in)
{
	size_t i;

	if (!n || !pt_check_expect(&c->chk, n, PT_YNODE_SEQUENCE, "thresholds", " of {at: 80%, label: ...}")) {
		return;
	}
	if (n->count > PT_INSTR_MAX_THRESHOLDS) {
		diag(c, n, "instrument '%s': at most %d thresholds", in->id, PT_INSTR_MAX_THRESHOLDS);
		return;
	}
	if (!(in->thresholds = calloc(n->count ? n->count : 1, sizeof(*in->thresholds)))) {
		*c->chk.nomem = true;
		return;
	}
	for (i = 0; i < n->count; i++) {
		const pt_ynode *t = n->items[i];
		pt_instr_threshold *th = &in->thresholds[in->threshold_count];
		int64_t at;

		if (!pt_check_expect(&c->chk, t, PT_YNODE_MAPPING, "threshold", " {at: 80%, label: ...}")) {
			continue;
		}
		pt_check_keys(&c->chk, t, "threshold", threshold_keys);
		if (!percent_of(pt_ynode_get(t, "at"), &at)) {
			diag(c, pt_ynode_get(t, "at") ? pt_ynode_get(t, "at") : t, "threshold: at: expected a whole percentage "
				"from 0 to 100 (80 or 80%%)");
			continue;
		}
		if (in->threshold_count && at <= in->thresholds[in->threshold_count - 1].percent) {
			diag(c, pt_ynode_get(t, "at"), "thresholds must rise: %lld%% after %lld%%", (long long)at,
				(long long)in->thresholds[in->threshold_count - 1].percent);
			continue;
		}
		th->percent = at;
		if (!(th->label = dup(c, pt_check_get_text(&c->chk, t, "label", "threshold", "threshold label", true, true,
				NULL)))) {
			continue;
		}
		in->threshold_count++;
	}
}

static const char *const subject_keys[] = { "id", "name", "territory", "region", "body", NULL };

static void listed_subjects(const pt_instruments_ctx *c, const pt_ynode *n, pt_instrument *in)
{
	pt_hash ids;                 /* the ids seen (borrowed from the YAML): duplicates in O(1) each */
	size_t i;

	if (!n) {
		diag(c, NULL, "instrument '%s' (about %s) needs subjects: [{id, name, region}]", in->id,
			about_names[in->about]);
		return;
	}
	if (!pt_check_expect(&c->chk, n, PT_YNODE_SEQUENCE, "subjects", " of {id, name, territory, region}")) {
		return;
	}
	if (n->count > PT_INSTR_MAX_SUBJECTS) {
		diag(c, n, "instrument '%s': at most %d subjects", in->id, PT_INSTR_MAX_SUBJECTS);
		return;
	}
	if (!(in->subjects = calloc(n->count ? n->count : 1, sizeof(*in->subjects)))) {
		*c->chk.nomem = true;
		return;
	}
	pt_hash_init(&ids, NULL);
	for (i = 0; i < n->count && !*c->chk.nomem; i++) {
		const pt_ynode *s = n->items[i], *id, *t;
		pt_instr_subject *su = &in->subjects[in->subject_count];
		const char *region;

		if (!pt_check_expect(&c->chk, s, PT_YNODE_MAPPING, "subject", " {id, name, territory, region}")) {
			continue;
		}
		pt_check_keys(&c->chk, s, "subject", subject_keys);
		if (!(id = pt_ynode_get(s, "id"))) {
			diag(c, s, "missing required key 'id' in subject");
			continue;
		}
		if (!id_node(c, id, "subject id")) {
			continue;
		}
		if (pt_hash_find(&ids, id->value, id->len, NULL)) {
			diag(c, id, "instrument '%s': subject %s is given twice", in->id, qn(id).s);
			continue;
		}
		if (pt_hash_add(&ids, id->value, id->len, NULL) == PT_ERR_NOMEM) {
			*c->chk.nomem = true;
			break;
		}
		su->territory = -1;
		if ((t = pt_ynode_get(s, "territory"))
			&& (t->kind != PT_YNODE_SCALAR || (su->territory = pt_config_territory(c->cfg, t->value, t->len)) < 0)) {
			diag(c, t, "subject '%s': unknown territory %s", id->value, qn(t).s);
			continue;
		}
		su->id = dup(c, id->value);
		su->name = dup(c, pt_check_get_text(&c->chk, s, "name", "subject", "subject name", false, true, NULL));
		region = pt_check_get_text(&c->chk, s, "region", "subject", "region", false, true, NULL);
		if (!region && su->territory >= 0) {
			region = c->cfg->territories.items[su->territory].name;
		}
		su->group = dup(c, region ? region : "");
		su->body = dup(c, pt_check_get_text(&c->chk, s, "body", "subject", "body", false, true, NULL));
		if (!su->name) {
			su->name = dup(c, id->value);
		}
		in->subject_count++;
	}
	pt_hash_free(&ids);
}

/* about: territory: every territory of kind `level` (within `within`), grouped by the nearest ancestor of kind
 * `group_by` (its parent when absent). */
static void territory_subjects(const pt_instruments_ctx *c, const pt_ynode *n, pt_instrument *in)
{
	const pt_territory_tree *tree = &c->cfg->territories;
	const pt_ynode *lv = pt_ynode_get(n, "level"), *gb = pt_ynode_get(n, "group_by");
	const char *group_by = gb ? pt_check_text(&c->chk, gb, "group_by", true) : NULL;
	size_t i, count = 0;

	if (pt_ynode_get(n, "subjects")) {
		diag(c, pt_ynode_get(n, "subjects"), "instrument '%s' is about territories: its subjects are the "
			"territories of its level (list subjects only for institutions or practices)", in->id);
	}
	if (!lv || !(in->level = dup(c, pt_check_text(&c->chk, lv, "level", true)))) {
		if (!lv) {
			diag(c, n, "instrument '%s' is about territories and needs level: (the territories' kind, e.g. "
				"municipio)", in->id);
		}
		return;
	}
	for (i = 0; i < tree->count; i++) {
		count += tree->items[i].kind && strcmp(tree->items[i].kind, in->level) == 0;
	}
	if (count == 0 || count > PT_INSTR_MAX_SUBJECTS) {
		diag(c, lv, count ? "instrument '%s': level %s has more than %d territories"
			: "instrument '%s': no territory of kind %s (level: names the territories' kind)", in->id, qn(lv).s,
			PT_INSTR_MAX_SUBJECTS);
		return;
	}
	if (!(in->subjects = calloc(count, sizeof(*in->subjects)))) {
		*c->chk.nomem = true;
		return;
	}
	for (i = 0; i < tree->count && !*c->chk.nomem; i++) {
		const pt_territory *t = &tree->items[i];
		pt_instr_subject *su;
		int32_t g;

		if (!t->kind || strcmp(t->kind, in->level) != 0) {
			continue;
		}
		su = &in->subjects[in->subject_count++];
		su->territory = (int32_t)i;
		su->id = dup(c, t->id);
		su->name = dup(c, t->name);
		for (g = t->parent; g >= 0 && group_by && !(tree->items[g].kind && strcmp(tree->items[g].kind, group_by) == 0);
			g = tree->items[g].parent) {
		}
		su->group = dup(c, g >= 0 ? tree->items[g].name : "");
	}
}

/* ---- one instrument ------------------------------------------------------------- */

static const char *const instrument_keys[] = { "id", "title", "description", "source", "about", "level", "group_by",
	"opens", "closes", "respondents", "dimensions", "thresholds", "subjects", NULL };

/* The unit (lcm of the denominators) and the maximum, or a diagnostic when they would not fit. */
static void units(const pt_instruments_ctx *c, const pt_ynode *n, pt_instrument *in)
{
	int64_t unit = 1, max = 0;
	size_t i;

	for (i = 0; i < in->item_count; i++) {
		int64_t d = item_den(&in->items[i]);

		unit = unit / (int64_t)pt_gcd_u64((uint64_t)unit, (uint64_t)d) * d;
		if (unit > PT_INSTR_MAX_UNIT) {
			diag(c, n, "instrument '%s': the numeric scales' ranges have no common unit up to %d (choose ranges "
				"that divide their points, such as 0..10 for 10 points)", in->id, PT_INSTR_MAX_UNIT);
			return;
		}
	}
	for (i = 0; i < in->item_count; i++) {
		max += in->items[i].points * in->items[i].weight * unit;
	}
	if (max > PT_INSTR_MAX_TOTAL_UNITS) {
		diag(c, n, "instrument '%s': its points, weights and scales add up to more than this version counts "
			"exactly; use fewer points or smaller weights", in->id);
		return;
	}
	in->unit = unit;
	in->max_units = max;
}

static void instrument(const pt_instruments_ctx *c, const pt_ynode *n, pt_instruments *out)
{
	pt_instrument *in = &out->items[out->count];
	pt_instr_respondent dflt;
	const pt_ynode *id, *ab;
	size_t i;
	int about;

	if (!pt_check_expect(&c->chk, n, PT_YNODE_MAPPING, "instrument", " {id, title, about, respondents, dimensions}")) {
		return;
	}
	pt_check_keys(&c->chk, n, "instrument", instrument_keys);
	if (!(id = pt_ynode_get(n, "id"))) {
		diag(c, n, "missing required key 'id' in instrument");
		return;
	}
	if (!id_node(c, id, "instrument id")) {
		return;
	}
	for (i = 0; i < out->count; i++) {
		if (strcmp(out->items[i].id, id->value) == 0) {
			diag(c, id, "instrument %s is given twice (first at line %u)", qn(id).s, out->items[i].line);
			return;
		}
	}
	memset(in, 0, sizeof(*in));
	out->count++;
	in->line = n->line;
	in->column = n->column;
	in->id = dup(c, id->value);
	in->title = dup(c, pt_check_get_text(&c->chk, n, "title", "instrument", "title", true, true, NULL));
	in->description = dup(c, pt_check_get_text(&c->chk, n, "description", "instrument", "description", false, false,
		NULL));
	in->source = dup(c, pt_check_get_text(&c->chk, n, "source", "instrument", "source", false, false, NULL));
	if (!in->id) {
		return;
	}
	ab = pt_ynode_get(n, "about");
	if (!ab) {
		diag(c, n, "instrument '%s': missing required key 'about' (territory, institution or practice)", in->id);
		return;
	}
	if ((about = pt_check_word(about_names, ab)) < 0) {
		diag(c, ab, "instrument '%s': about: expected territory, institution or practice, found %s", in->id,
			found(ab).s);
		return;
	}
	in->about = (pt_instr_about)about;
	if (about != PT_INSTR_ABOUT_TERRITORY && (pt_ynode_get(n, "level") || pt_ynode_get(n, "group_by"))) {
		diag(c, pt_ynode_get(n, "level") ? pt_ynode_get(n, "level") : pt_ynode_get(n, "group_by"),
			"instrument '%s': level and group_by apply to instruments about territories", in->id);
	}
	if (about == PT_INSTR_ABOUT_TERRITORY) {
		territory_subjects(c, n, in);
	} else {
		listed_subjects(c, pt_ynode_get(n, "subjects"), in);
	}
	memset(&dflt, 0, sizeof(dflt));
	window(c, n, &dflt);
	respondents(c, pt_ynode_get(n, "respondents"), &dflt, in);
	dimensions(c, pt_ynode_get(n, "dimensions"), in);
	thresholds(c, pt_ynode_get(n, "thresholds"), in);
	units(c, n, in);
}

void pt_config_instruments_section(const pt_instruments_ctx *c, const pt_ynode *n)
{
	pt_instruments *out;
	size_t i;

	if (!pt_check_section(&c->chk, n, PT_YNODE_SEQUENCE, "instruments", " of {id, title, about, respondents, "
		"dimensions}")) {
		return;
	}
	if (n->count > PT_INSTR_MAX) {
		diag(c, n, "instruments: at most %d", PT_INSTR_MAX);
		return;
	}
	if (!(out = calloc(1, sizeof(*out))) || !(out->items = calloc(n->count ? n->count : 1, sizeof(*out->items)))) {
		free(out);
		*c->chk.nomem = true;
		return;
	}
	c->cfg->instruments = out;
	for (i = 0; i < n->count && !*c->chk.nomem; i++) {
		instrument(c, n->items[i], out);
	}
}

static void instrument_free(pt_instrument *in)
{
	size_t i, j;

	for (i = 0; i < in->item_count; i++) {
		for (j = 0; j < in->items[i].option_count; j++) {
			free(in->items[i].options[j].id);
			free(in->items[i].options[j].label);
		}
		free(in->items[i].options);
		free(in->items[i].id);
		free(in->items[i].text);
	}
	for (i = 0; i < in->dimension_count; i++) {
		free(in->dimensions[i].id);
		free(in->dimensions[i].title);
	}
	for (i = 0; i < in->threshold_count; i++) {
		free(in->thresholds[i].label);
	}
	for (i = 0; i < in->subject_count; i++) {
		free(in->subjects[i].id);
		free(in->subjects[i].name);
		free(in->subjects[i].group);
		free(in->subjects[i].body);
	}
	free(in->items);
	free(in->dimensions);
	free(in->thresholds);
	free(in->subjects);
	free(in->id);
	free(in->title);
	free(in->description);
	free(in->source);
	free(in->level);
}

void pt_instruments_free(pt_instruments *in)
{
	size_t i;

	if (!in) {
		return;
	}
	for (i = 0; i < in->count; i++) {
		instrument_free(&in->items[i]);
	}
	free(in->items);
	free(in);
}

const pt_instrument *pt_config_instrument(const pt_config *cfg, const char *id, size_t len)
{
	size_t i;

	for (i = 0; cfg->instruments && i < cfg->instruments->count; i++) {
		const pt_instrument *in = &cfg->instruments->items[i];

		if (in->id && strlen(in->id) == len && memcmp(in->id, id, len) == 0) {
			return in;
		}
	}
	return NULL;
}

int32_t pt_instr_item_find(const pt_instrument *in, const char *id, size_t len)
{
	size_t i;

	for (i = 0; i < in->item_count; i++) {
		if (strlen(in->items[i].id) == len && memcmp(in->items[i].id, id, len) == 0) {
			return (int32_t)i;
		}
	}
	return -1;
}

int32_t pt_instr_subject_find(const pt_instrument *in, const char *id, size_t len)
{
	size_t i;

	for (i = 0; i < in->subject_count; i++) {
		if (in->subjects[i].id && strlen(in->subjects[i].id) == len && memcmp(in->subjects[i].id, id, len) == 0) {
			return (int32_t)i;
		}
	}
	return -1;
}
