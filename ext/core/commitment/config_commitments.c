/*
 * participa core: validation of plans:, commitments: and assemblies: (see
 * config_commitments.h). Self-contained: the small helpers below mirror
 * config.c's (which are static there) so this feature does not widen
 * config.c's surface.
 */
#include "core/commitment/config_commitments.h"
#include "core/site/site_config.h"
#include "core/site/config_check.h"
#include "core/commitment/commitment.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct vctx {
	pt_check chk;               /* file, diags, &nomem */
	pt_config *cfg;
	pt_commitments_config *c;
	const char *file;
	pt_diags *diags;
	bool nomem;
} vctx;

/* ---- the shared validation helpers (core/site/config_check.h) ------------- */

#define diag(v, ...) pt_check_diag(&(v)->chk, __VA_ARGS__)
#define qn(n) pt_check_qn(n)
#define check_keys(v, map, where, allowed) pt_check_keys(&(v)->chk, map, where, allowed)
#define expect(v, n, kind, where, hint) pt_check_expect(&(v)->chk, n, kind, where, hint)

static void vctx_init(vctx *v, pt_config *cfg, const char *file, pt_diags *diags)
{
	memset(v, 0, sizeof(*v));
	v->cfg = cfg;
	v->file = file;
	v->diags = diags;
	v->chk.file = file;
	v->chk.diags = diags;
	v->chk.nomem = &v->nomem;
}

/* Text value of map[key]; reports missing (if required), non-scalar, empty, NUL. */
static const char *get_text(vctx *v, const pt_ynode *map, const char *key, const char *where, bool required,
	const pt_ynode **node_out)
{
	char what[192];

	snprintf(what, sizeof(what), "%s of %s", key, where);
	return pt_check_get_text(&v->chk, map, key, where, what, required, true, node_out);
}

static bool get_int(vctx *v, const pt_ynode *map, const char *key, const char *where, int64_t min, int64_t max,
	int64_t *out)
{
	const pt_ynode *n = pt_ynode_get(map, key);
	char what[192];

	snprintf(what, sizeof(what), "%s of %s", key, where);
	return n && pt_check_int(&v->chk, n, what, min, max, out);
}

static bool get_bool(vctx *v, const pt_ynode *map, const char *key, const char *where, bool *out)
{
	const pt_ynode *n = pt_ynode_get(map, key);
	char what[192];

	snprintf(what, sizeof(what), "%s of %s", key, where);
	return n && pt_check_bool(&v->chk, n, what, out);
}

static char *dup(vctx *v, const char *s)
{
	return pt_check_dup(&v->chk, s, s ? strlen(s) : 0);
}

/* Taxonomy and plan ids: [a-z0-9][a-z0-9_.:-]{0,63}. */
static bool valid_id(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || len > 64 || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9'))) {
		return false;
	}
	for (i = 1; i < len; i++) {
		char ch = s[i];

		if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '.' || ch == ':'
			|| ch == '-')) {
			return false;
		}
	}
	return true;
}

#define ID_RULE "1 to 64 characters from a-z, 0-9, '_', '.', ':' and '-', starting with a letter or digit"

static pt_commitments_config *section_state(vctx *v)
{
	if (!v->cfg->commitments) {
		v->cfg->commitments = calloc(1, sizeof(pt_commitments_config));
		if (!v->cfg->commitments) {
			v->nomem = true;
			return NULL;
		}
		v->cfg->commitments->at_risk_behind_bp = 1500;
	}
	return v->cfg->commitments;
}

/* A date YYYY-MM-DD value of map[key] (a real calendar date). */
static const char *get_date(vctx *v, const pt_ynode *map, const char *key, const char *where, bool required)
{
	const pt_ynode *n;
	const char *s = get_text(v, map, key, where, required, &n);

	if (s && !pt_commitment_valid_date(s, n->len)) {
		diag(v, n, "%s of %s: expected a date YYYY-MM-DD, found '%s'", key, where, qn(n).s);
		return NULL;
	}
	return s;
}

/* ---- plans ---------------------------------------------------------------- */

static const char *const plan_keys[] = { "id", "title", "period", "territory", "approval", "agenda", NULL };
static const char *const period_keys[] = { "from", "to", NULL };
static const char *const approval_keys[] = { "date", "body", "session", NULL };

static void plan_item(vctx *v, const pt_ynode *item)
{
	pt_commitments_config *c = v->c;
	pt_commitment_plan *p = &c->plans[c->plan_count];
	const pt_ynode *idn, *n;
	const char *s;
	char where[128];
	size_t i;

	if (!expect(v, item, PT_YNODE_MAPPING, "plans item", " such as { id: pal-2026, title: ..., period: ... }")) {
		return;
	}
	s = get_text(v, item, "id", "plan", true, &idn);
	if (s && !valid_id(s, idn->len)) {
		diag(v, idn, "plan id '%s' is not valid: use " ID_RULE, qn(idn).s);
		s = NULL;
	}
	if (s) {
		for (i = 0; i < c->plan_count; i++) {
			if (strcmp(c->plans[i].id, s) == 0) {
				diag(v, idn, "duplicate plan id '%s' (first declared at line %u, column %u)", qn(idn).s,
					c->plans[i].line, c->plans[i].column);
				s = NULL;
				break;
			}
		}
	}
	snprintf(where, sizeof(where), "plan '%s'", s ? qn(idn).s : "?");
	check_keys(v, item, where, plan_keys);
	if (!s) {
		return;
	}
	memset(p, 0, sizeof(*p));
	p->id = dup(v, s);
	p->line = idn->line;
	p->column = idn->column;
	c->plan_count++;
	p->title = dup(v, get_text(v, item, "title", where, true, NULL));
	if ((n = pt_ynode_get(item, "period"))) {
		if (expect(v, n, PT_YNODE_MAPPING, "period", " such as { from: 2026-01-01, to: 2027-12-31 }")) {
			char pw[160];

			snprintf(pw, sizeof(pw), "period of %s", where);
			check_keys(v, n, pw, period_keys);
			p->from = dup(v, get_date(v, n, "from", pw, true));
			p->to = dup(v, get_date(v, n, "to", pw, true));
			if (p->from && p->to && strcmp(p->from, p->to) > 0) {
				diag(v, pt_ynode_get(n, "to"), "%s ends (%s) before it starts (%s)", pw, p->to, p->from);
			}
		}
	}
	if ((s = get_text(v, item, "territory", where, false, &n))) {
		if (pt_config_territory(v->cfg, s, n->len) < 0) {
			diag(v, n, "unknown territory '%s' in %s", qn(n).s, where);
		} else {
			p->territory = dup(v, s);
		}
	}
	if ((n = pt_ynode_get(item, "approval"))) {
		if (expect(v, n, PT_YNODE_MAPPING, "approval", " such as { date: 2026-02-15, body: secretariado-tecnico }")) {
			char aw[160];

			snprintf(aw, sizeof(aw), "approval of %s", where);
			check_keys(v, n, aw, approval_keys);
			p->approval_date = dup(v, get_date(v, n, "date", aw, true));
			p->approval_body = dup(v, get_text(v, n, "body", aw, false, NULL));
			p->approval_session = dup(v, get_text(v, n, "session", aw, false, NULL));
		}
	}
	get_bool(v, item, "agenda", where, &p->agenda);
	if (p->agenda && !p->territory) {
		diag(v, item, "%s is a local development agenda (agenda: true) and needs a territory", where);
	}
}

pt_status pt_config_plans_section(pt_config *cfg, const char *file, pt_diags *diags, const pt_ynode *n)
{
	vctx v;

	vctx_init(&v, cfg, file, diags);
	size_t i;

	if (!pt_check_section(&v.chk, n, PT_YNODE_SEQUENCE, "plans", " of plans such as - { id: pal-2026, title: ... }")) {
		return v.nomem ? PT_ERR_NOMEM : PT_OK;
	}
	if (!(v.c = section_state(&v))) {
		return PT_ERR_NOMEM;
	}
	v.c->plans = calloc(n->count ? n->count : 1, sizeof(pt_commitment_plan));
	if (!v.c->plans) {
		return PT_ERR_NOMEM;
	}
	for (i = 0; i < n->count && !v.nomem; i++) {
		plan_item(&v, n->items[i]);
	}
	return v.nomem ? PT_ERR_NOMEM : PT_OK;
}

/* ---- commitments ----------------------------------------------------------- */

static const char *const commitments_keys[] = {
	"themes", "pillars", "agencies", "statuses", "completion", "traffic_light", NULL
};
static const char *const term_keys[] = { "id", "label", NULL };
static const char *const agency_keys[] = { "id", "name", NULL };
static const char *const status_keys[] = { "id", "label", "progress", "order", "initial", "closed", "transitions", NULL };
static const char *const transition_keys[] = { "to", "by", NULL };
static const char *const level_keys[] = { "id", "label", "from", "no_evidence", NULL };
static const char *const light_keys[] = { "at_risk_behind", "late_grace_days", NULL };

/* themes / pillars / agencies: a list of { id, label } (agencies: name). */
static void terms(vctx *v, const pt_ynode *n, const char *section, const char *what, const char *label_key,
	pt_commitment_term **out, size_t *count)
{
	const char *const *keys = strcmp(label_key, "name") == 0 ? agency_keys : term_keys;
	size_t i, j;
	char hint[128];

	if (pt_ynode_is_null(n)) {
		return;
	}
	snprintf(hint, sizeof(hint), " of { id: ..., %s: ... }", label_key);
	if (!expect(v, n, PT_YNODE_SEQUENCE, section, hint)) {
		return;
	}
	*out = calloc(n->count ? n->count : 1, sizeof(pt_commitment_term));
	if (!*out) {
		v->nomem = true;
		return;
	}
	for (i = 0; i < n->count && !v->nomem; i++) {
		const pt_ynode *item = n->items[i], *idn;
		const char *id, *label;
		char where[128];

		if (!expect(v, item, PT_YNODE_MAPPING, section, hint)) {
			continue;
		}
		id = get_text(v, item, "id", what, true, &idn);
		if (id && !valid_id(id, idn->len)) {
			diag(v, idn, "%s id '%s' is not valid: use " ID_RULE, what, qn(idn).s);
			id = NULL;
		}
		for (j = 0; id && j < *count; j++) {
			if (strcmp((*out)[j].id, id) == 0) {
				diag(v, idn, "duplicate %s id '%s' (first declared at line %u, column %u)", what, qn(idn).s,
					(*out)[j].line, (*out)[j].column);
				id = NULL;
			}
		}
		snprintf(where, sizeof(where), "%s '%s'", what, id ? qn(idn).s : "?");
		check_keys(v, item, where, keys);
		label = get_text(v, item, label_key, where, true, NULL);
		if (!id) {
			continue;
		}
		(*out)[*count].id = dup(v, id);
		(*out)[*count].label = dup(v, label ? label : id);
		(*out)[*count].line = idn->line;
		(*out)[*count].column = idn->column;
		(*count)++;
	}
}

/* A percentage 0..100 with up to two decimals, as basis points. */
static bool get_percent(vctx *v, const pt_ynode *map, const char *key, const char *where, int32_t *out)
{
	const pt_ynode *n = pt_ynode_get(map, key);

	if (!n) {
		return false;
	}
	if (n->kind != PT_YNODE_SCALAR || !pt_commitment_parse_progress(n->value, n->len, out)) {
		diag(v, n, "%s of %s: expected a percentage from 0 to 100 (up to two decimals), found %s", key, where,
			pt_check_found(n).s);
		return false;
	}
	return true;
}

static void statuses(vctx *v, const pt_ynode *n)
{
	pt_commitments_config *c = v->c;
	const pt_ynode **transitions;
	size_t i, j, k;
	bool have_initial = false;

	if (!expect(v, n, PT_YNODE_SEQUENCE, "commitments.statuses", " of { id, label, progress, transitions }")) {
		return;
	}
	if (n->count == 0) {
		diag(v, n, "commitments.statuses must list at least one status");
		return;
	}
	c->statuses = calloc(n->count, sizeof(pt_commitment_status));
	transitions = calloc(n->count, sizeof(*transitions));
	if (!c->statuses || !transitions) {
		free(transitions);
		v->nomem = true;
		return;
	}
	/* First pass: ids, so transitions may name a status declared further down. */
	for (i = 0; i < n->count && !v->nomem; i++) {
		const pt_ynode *item = n->items[i], *idn;
		const char *id, *label;
		pt_commitment_status *s;
		char where[128];
		int64_t x;
		bool b;

		if (!expect(v, item, PT_YNODE_MAPPING, "commitments.statuses", " of { id, label, progress, transitions }")) {
			continue;
		}
		id = get_text(v, item, "id", "status", true, &idn);
		if (id && !valid_id(id, idn->len)) {
			diag(v, idn, "status id '%s' is not valid: use " ID_RULE, qn(idn).s);
			id = NULL;
		}
		for (j = 0; id && j < c->status_count; j++) {
			if (strcmp(c->statuses[j].id, id) == 0) {
				diag(v, idn, "duplicate status id '%s' (first declared at line %u, column %u)", qn(idn).s,
					c->statuses[j].line, c->statuses[j].column);
				id = NULL;
			}
		}
		snprintf(where, sizeof(where), "status '%s'", id ? qn(idn).s : "?");
		check_keys(v, item, where, status_keys);
		label = get_text(v, item, "label", where, true, NULL);
		if (!id) {
			continue;
		}
		s = &c->statuses[c->status_count];
		s->id = dup(v, id);
		s->label = dup(v, label ? label : id);
		s->line = idn->line;
		s->column = idn->column;
		s->progress_bp = -1;
		s->order = (int32_t)c->status_count + 1;
		get_percent(v, item, "progress", where, &s->progress_bp);
		if (get_int(v, item, "order", where, -1000000, 1000000, &x)) {
			s->order = (int32_t)x;
		}
		get_bool(v, item, "closed", where, &s->closed);
		if (get_bool(v, item, "initial", where, &b) && b) {
			if (have_initial) {
				diag(v, pt_ynode_get(item, "initial"), "only one status may be initial; '%s' was already "
					"marked initial", c->statuses[c->initial_status].id);
			} else {
				have_initial = true;
				c->initial_status = c->status_count;
			}
		}
		transitions[c->status_count] = pt_ynode_get(item, "transitions");
		c->status_count++;
	}
	/* Second pass: transitions. */
	for (i = 0; i < c->status_count && !v->nomem; i++) {
		const pt_ynode *t = transitions[i];
		pt_commitment_status *s = &c->statuses[i];
		char where[128];

		if (!t || pt_ynode_is_null(t)) {
			continue;
		}
		snprintf(where, sizeof(where), "transitions of status '%s'", s->id);
		if (!expect(v, t, PT_YNODE_SEQUENCE, where, " of { to: <status>, by: [<role>, ...] }")) {
			continue;
		}
		s->transitions = calloc(t->count ? t->count : 1, sizeof(pt_commitment_transition));
		if (!s->transitions) {
			v->nomem = true;
			break;
		}
		for (j = 0; j < t->count && !v->nomem; j++) {
			const pt_ynode *tr = t->items[j], *ton, *by;
			const char *to;
			int32_t target;
			pt_commitment_transition *out;

			if (!expect(v, tr, PT_YNODE_MAPPING, where, " of { to: <status>, by: [<role>, ...] }")) {
				continue;
			}
			check_keys(v, tr, where, transition_keys);
			to = get_text(v, tr, "to", where, true, &ton);
			by = pt_ynode_get(tr, "by");
			if (!by) {
				diag(v, tr, "missing required key 'by' in %s: name the roles that may make it", where);
			}
			if (!to) {
				continue;
			}
			target = pt_commitment_status_find(c, to, ton->len);
			if (target < 0) {
				diag(v, ton, "unknown status '%s' in %s", qn(ton).s, where);
				continue;
			}
			if ((size_t)target == i) {
				diag(v, ton, "%s: a status cannot move to itself", where);
				continue;
			}
			for (k = 0; k < s->transition_count; k++) {
				if (s->transitions[k].to == (size_t)target) {
					diag(v, ton, "%s: duplicate transition to '%s'", where, qn(ton).s);
					target = -1;
					break;
				}
			}
			if (target < 0 || !by) {
				continue;
			}
			if (!expect(v, by, PT_YNODE_SEQUENCE, "by", " of role ids")) {
				continue;
			}
			out = &s->transitions[s->transition_count];
			out->to = (size_t)target;
			out->roles = calloc(by->count ? by->count : 1, sizeof(char *));
			if (!out->roles) {
				v->nomem = true;
				break;
			}
			for (k = 0; k < by->count; k++) {
				const pt_ynode *r = by->items[k];

				if (r->kind != PT_YNODE_SCALAR || pt_ynode_is_null(r) || memchr(r->value, '\0', r->len)) {
					diag(v, r, "by of %s: expected a role id, found %s", where, pt_check_found(r).s);
					continue;
				}
				if (!pt_config_role(v->cfg, r->value)) {
					diag(v, r, "unknown role '%s' in %s", qn(r).s, where);
					continue;
				}
				out->roles[out->role_count++] = dup(v, r->value);
			}
			s->transition_count++;
		}
	}
	free(transitions);
}

static void completion(vctx *v, const pt_ynode *n)
{
	pt_commitments_config *c = v->c;
	size_t i, j;
	int32_t last = -1;
	bool have_zero = false;

	if (!expect(v, n, PT_YNODE_SEQUENCE, "commitments.completion", " of { id, label, from } levels")) {
		return;
	}
	c->levels = calloc(n->count ? n->count : 1, sizeof(pt_commitment_level));
	if (!c->levels) {
		v->nomem = true;
		return;
	}
	for (i = 0; i < n->count; i++) {
		const pt_ynode *item = n->items[i], *idn, *fromn;
		const char *id, *label;
		char where[128];
		pt_commitment_level *l;
		bool no_ev = false;
		int32_t from = -1;

		if (!expect(v, item, PT_YNODE_MAPPING, "commitments.completion", " of { id, label, from } levels")) {
			continue;
		}
		id = get_text(v, item, "id", "completion level", true, &idn);
		if (id && !valid_id(id, idn->len)) {
			diag(v, idn, "completion level id '%s' is not valid: use " ID_RULE, qn(idn).s);
			id = NULL;
		}
		for (j = 0; id && j < c->level_count; j++) {
			if (strcmp(c->levels[j].id, id) == 0) {
				diag(v, idn, "duplicate completion level id '%s'", qn(idn).s);
				id = NULL;
			}
		}
		snprintf(where, sizeof(where), "completion level '%s'", id ? qn(idn).s : "?");
		check_keys(v, item, where, level_keys);
		label = get_text(v, item, "label", where, true, NULL);
		get_bool(v, item, "no_evidence", where, &no_ev);
		fromn = pt_ynode_get(item, "from");
		if (no_ev && fromn) {
			diag(v, fromn, "%s: give either from or no_evidence: true, not both", where);
			continue;
		}
		if (!no_ev && !fromn) {
			diag(v, item, "%s needs from (the lowest progress of the level) or no_evidence: true", where);
			continue;
		}
		if (fromn && !get_percent(v, item, "from", where, &from)) {
			continue;
		}
		if (fromn && from <= last) {
			diag(v, fromn, "%s: levels must be listed by increasing from", where);
			continue;
		}
		if (!id) {
			continue;
		}
		if (fromn) {
			last = from;
			have_zero = have_zero || from == 0;
		}
		l = &c->levels[c->level_count++];
		l->id = dup(v, id);
		l->label = dup(v, label ? label : id);
		l->from_bp = no_ev ? -1 : from;
		l->no_evidence = no_ev;
	}
	if (c->level_count > 0 && !have_zero) {
		diag(v, n, "commitments.completion: one level must start at from: 0");
	}
}

static void traffic_light(vctx *v, const pt_ynode *n)
{
	int64_t x;

	if (!expect(v, n, PT_YNODE_MAPPING, "commitments.traffic_light", " with at_risk_behind, late_grace_days")) {
		return;
	}
	check_keys(v, n, "commitments.traffic_light", light_keys);
	get_percent(v, n, "at_risk_behind", "commitments.traffic_light", &v->c->at_risk_behind_bp);
	if (get_int(v, n, "late_grace_days", "commitments.traffic_light", 0, 3650, &x)) {
		v->c->late_grace_days = (uint32_t)x;
	}
}

pt_status pt_config_commitments_section(pt_config *cfg, const char *file, pt_diags *diags, const pt_ynode *n)
{
	vctx v;

	vctx_init(&v, cfg, file, diags);
	const pt_ynode *x;

	if (!expect(&v, n, PT_YNODE_MAPPING, "commitments", " with themes, pillars, agencies, statuses ...")) {
		return v.nomem ? PT_ERR_NOMEM : PT_OK;
	}
	if (!(v.c = section_state(&v))) {
		return PT_ERR_NOMEM;
	}
	v.c->has_section = true;
	check_keys(&v, n, "commitments", commitments_keys);
	if ((x = pt_ynode_get(n, "themes"))) {
		terms(&v, x, "commitments.themes", "theme", "label", &v.c->themes, &v.c->theme_count);
	}
	if ((x = pt_ynode_get(n, "pillars"))) {
		terms(&v, x, "commitments.pillars", "pillar", "label", &v.c->pillars, &v.c->pillar_count);
	}
	if ((x = pt_ynode_get(n, "agencies"))) {
		terms(&v, x, "commitments.agencies", "agency", "name", &v.c->agencies, &v.c->agency_count);
	}
	if ((x = pt_ynode_get(n, "statuses"))) {
		statuses(&v, x);
	} else {
		diag(&v, n, "missing required key 'statuses' in commitments");
	}
	if ((x = pt_ynode_get(n, "completion")) && !pt_ynode_is_null(x)) {
		completion(&v, x);
	}
	if ((x = pt_ynode_get(n, "traffic_light")) && !pt_ynode_is_null(x)) {
		traffic_light(&v, x);
	}
	return v.nomem ? PT_ERR_NOMEM : PT_OK;
}

/* ---- assemblies ------------------------------------------------------------- */

static const char *const assemblies_keys[] = { "min_attendance", "agreement_status", NULL };

pt_status pt_config_assemblies_section(pt_config *cfg, const char *file, pt_diags *diags, const pt_ynode *n)
{
	vctx v;

	vctx_init(&v, cfg, file, diags);
	const pt_ynode *sn;
	const char *s;
	int64_t x;

	if (!(v.c = section_state(&v))) {
		return PT_ERR_NOMEM;
	}
	v.c->assemblies = true;
	v.c->agreement_status = v.c->initial_status;
	if (!pt_check_section(&v.chk, n, PT_YNODE_MAPPING, "assemblies", " with min_attendance, agreement_status")) {
		return v.nomem ? PT_ERR_NOMEM : PT_OK;
	}
	check_keys(&v, n, "assemblies", assemblies_keys);
	if (get_int(&v, n, "min_attendance", "assemblies", 0, 1000000, &x)) {
		v.c->min_attendance = (uint32_t)x;
	}
	if ((s = get_text(&v, n, "agreement_status", "assemblies", false, &sn))) {
		int32_t at = pt_commitment_status_find(v.c, s, sn->len);

		if (!v.c->has_section) {
			diag(&v, sn, "assemblies.agreement_status needs the commitments: section (its statuses)");
		} else if (at < 0) {
			diag(&v, sn, "unknown status '%s' in assemblies.agreement_status", qn(sn).s);
		} else {
			v.c->agreement_status = (size_t)at;
		}
	}
	return v.nomem ? PT_ERR_NOMEM : PT_OK;
}

/* ---- free / lookups ------------------------------------------------------------ */

static void terms_free(pt_commitment_term *t, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(t[i].id);
		free(t[i].label);
	}
	free(t);
}

void pt_commitments_config_free(pt_commitments_config *c)
{
	size_t i, j, k;

	if (!c) {
		return;
	}
	for (i = 0; i < c->plan_count; i++) {
		pt_commitment_plan *p = &c->plans[i];

		free(p->id);
		free(p->title);
		free(p->from);
		free(p->to);
		free(p->territory);
		free(p->approval_date);
		free(p->approval_body);
		free(p->approval_session);
	}
	free(c->plans);
	terms_free(c->themes, c->theme_count);
	terms_free(c->pillars, c->pillar_count);
	terms_free(c->agencies, c->agency_count);
	for (i = 0; i < c->status_count; i++) {
		pt_commitment_status *s = &c->statuses[i];

		for (j = 0; j < s->transition_count; j++) {
			for (k = 0; k < s->transitions[j].role_count; k++) {
				free(s->transitions[j].roles[k]);
			}
			free(s->transitions[j].roles);
		}
		free(s->transitions);
		free(s->id);
		free(s->label);
	}
	free(c->statuses);
	for (i = 0; i < c->level_count; i++) {
		free(c->levels[i].id);
		free(c->levels[i].label);
	}
	free(c->levels);
	free(c);
}

static int32_t term_find(const pt_commitment_term *t, size_t n, const char *id, size_t len)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strlen(t[i].id) == len && memcmp(t[i].id, id, len) == 0) {
			return (int32_t)i;
		}
	}
	return -1;
}

int32_t pt_commitment_plan_find(const pt_commitments_config *c, const char *id, size_t len)
{
	size_t i;

	for (i = 0; c && i < c->plan_count; i++) {
		if (strlen(c->plans[i].id) == len && memcmp(c->plans[i].id, id, len) == 0) {
			return (int32_t)i;
		}
	}
	return -1;
}

int32_t pt_commitment_theme_find(const pt_commitments_config *c, const char *id, size_t len)
{
	return c ? term_find(c->themes, c->theme_count, id, len) : -1;
}

int32_t pt_commitment_pillar_find(const pt_commitments_config *c, const char *id, size_t len)
{
	return c ? term_find(c->pillars, c->pillar_count, id, len) : -1;
}

int32_t pt_commitment_agency_find(const pt_commitments_config *c, const char *id, size_t len)
{
	return c ? term_find(c->agencies, c->agency_count, id, len) : -1;
}

int32_t pt_commitment_status_find(const pt_commitments_config *c, const char *id, size_t len)
{
	size_t i;

	for (i = 0; c && i < c->status_count; i++) {
		if (strlen(c->statuses[i].id) == len && memcmp(c->statuses[i].id, id, len) == 0) {
			return (int32_t)i;
		}
	}
	return -1;
}

const pt_commitment_transition *pt_commitment_transition_find(const pt_commitments_config *c, size_t from, size_t to)
{
	size_t i;

	if (!c || from >= c->status_count) {
		return NULL;
	}
	for (i = 0; i < c->statuses[from].transition_count; i++) {
		if (c->statuses[from].transitions[i].to == to) {
			return &c->statuses[from].transitions[i];
		}
	}
	return NULL;
}
