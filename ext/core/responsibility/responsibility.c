/*
 * participa core: responsibility for a territory (responsibility.h).
 */
#include "core/responsibility/responsibility.h"
#include "core/participant/permissions.h"   /* pt_assignment_applies() */
#include "core/site/territory.h"

#include <stdlib.h>
#include <string.h>

#define diag(c, ...) pt_check_diag(&(c)->chk, __VA_ARGS__)
#define found(n) pt_check_found(n)

static const char *const kind_names[] = { "official", "servidor", "promoter", NULL };
static const char *const stage_names[] = { "none", "diagnosis", "agenda", "implementation", NULL };
static const char *const resp_keys[] = { "participant", "kind", "territory", NULL };

const char *pt_resp_kind_name(pt_resp_kind k)
{
	return (unsigned)k < PT_RESP_KINDS ? kind_names[k] : "?";
}

const char *pt_agenda_stage_name(pt_agenda_stage s)
{
	return (unsigned)s < PT_STAGES ? stage_names[s] : "?";
}

/* Some assignment of participant acts in territory t (its permissions act there). */
static bool backed(const pt_config *cfg, const char *participant, int32_t t)
{
	size_t i;

	for (i = 0; i < cfg->assignment_count; i++) {
		const pt_assignment *a = &cfg->assignments[i];

		if (!a->body && a->participant && !strcmp(a->participant, participant) && pt_assignment_applies(cfg, a, t)) {
			return true;
		}
	}
	return false;
}

static void one(const pt_resp_ctx *c, const pt_ynode *m, pt_responsibilities *rs)
{
	const pt_ynode *k = pt_ynode_get(m, "kind"), *t = pt_ynode_get(m, "territory");
	const char *who;
	pt_responsibility *r = &rs->items[rs->count];
	int w;
	int32_t ti;
	int32_t *slot;

	pt_check_keys(&c->chk, m, "responsibility", resp_keys);
	who = pt_check_get_text(&c->chk, m, "participant", "responsibility", "participant", true, true, NULL);
	if (!k) {
		diag(c, m, "missing required key 'kind' in responsibility; expected one of: official, servidor, promoter");
		return;
	}
	if ((w = pt_check_word(kind_names, k)) < 0) {
		diag(c, k, "responsibility: unknown kind %s; expected one of: official, servidor, promoter", found(k).s);
		return;
	}
	if (!t) {
		diag(c, m, "missing required key 'territory' in responsibility (the territory they answer for)");
		return;
	}
	if (t->kind != PT_YNODE_SCALAR || (ti = pt_config_territory(c->cfg, t->value, t->len)) < 0) {
		diag(c, t, "responsibility: unknown territory %s (declare it under territories:)", found(t).s);
		return;
	}
	if (!who) {
		return;
	}
	if (!backed(c->cfg, who, ti)) {
		diag(c, m, "responsibility: no assignment gives %s a role in %s (their permissions act through "
			"assignments: with a territory)", who, c->cfg->territories.items[ti].id);
		return;
	}
	slot = &rs->by_territory[(size_t)ti * PT_RESP_KINDS + (size_t)w];
	if (*slot >= 0) {
		diag(c, m, "responsibility: %s already has its %s (%s, line %u)", c->cfg->territories.items[ti].id,
			kind_names[w], rs->items[*slot].participant, rs->items[*slot].line);
		return;
	}
	if (!(r->participant = pt_check_dup(&c->chk, who, strlen(who)))) {
		return;
	}
	r->kind = (pt_resp_kind)w;
	r->territory = ti;
	r->line = m->line;
	r->column = m->column;
	*slot = (int32_t)rs->count++;
}

void pt_config_responsibilities_section(const pt_resp_ctx *c, const pt_ynode *n)
{
	pt_responsibilities *rs;
	size_t i, cells = c->cfg->territories.count * PT_RESP_KINDS;

	if (!pt_check_section(&c->chk, n, PT_YNODE_SEQUENCE, "responsibilities",
			" of {participant, kind, territory}")) {
		return;
	}
	if (!(rs = calloc(1, sizeof(*rs))) || !(rs->items = calloc(n->count + 1, sizeof(*rs->items)))
			|| !(rs->by_territory = malloc((cells + 1) * sizeof(*rs->by_territory)))) {
		pt_responsibilities_free(rs);
		*c->chk.nomem = true;
		return;
	}
	for (i = 0; i < cells; i++) {
		rs->by_territory[i] = -1;
	}
	c->cfg->responsibilities = rs;
	for (i = 0; i < n->count; i++) {
		if (pt_check_expect(&c->chk, n->items[i], PT_YNODE_MAPPING, "responsibility",
				" {participant, kind, territory}")) {
			one(c, n->items[i], rs);
		}
	}
}

void pt_responsibilities_free(pt_responsibilities *rs)
{
	size_t i;

	if (!rs) {
		return;
	}
	for (i = 0; rs->items && i < rs->count; i++) {
		free(rs->items[i].participant);
	}
	free(rs->items);
	free(rs->by_territory);
	free(rs);
}

const pt_responsibility *pt_resp_for(const pt_config *cfg, int32_t t, pt_resp_kind kind)
{
	const pt_responsibilities *rs = cfg->responsibilities;

	if (!rs || (unsigned)kind >= PT_RESP_KINDS) {
		return NULL;
	}
	for (; t >= 0 && t < (int32_t)cfg->territories.count; t = cfg->territories.items[t].parent) {
		int32_t r = rs->by_territory[(size_t)t * PT_RESP_KINDS + kind];

		if (r >= 0) {
			return &rs->items[r];
		}
	}
	return NULL;
}

bool pt_resp_covers(const pt_config *cfg, const char *participant, int32_t t)
{
	const pt_responsibilities *rs = cfg->responsibilities;
	size_t i;

	if (!rs || t < 0 || t >= (int32_t)cfg->territories.count) {
		return false;
	}
	for (i = 0; i < rs->count; i++) {
		if (!strcmp(rs->items[i].participant, participant)
				&& pt_territory_within(&cfg->territories, t, rs->items[i].territory)) {
			return true;
		}
	}
	return false;
}

pt_agenda_stage pt_agenda_stage_of(const pt_resp_facts *f)
{
	if (f->started > 0) {
		return PT_STAGE_IMPLEMENTATION;
	}
	if (f->agreements > 0) {
		return PT_STAGE_AGENDA;
	}
	return f->assemblies > 0 ? PT_STAGE_DIAGNOSIS : PT_STAGE_NONE;
}

static bool kind_is(const pt_territory *t, const char *kind)
{
	return t->kind && !strcmp(t->kind, kind);
}

pt_status pt_resp_report(const pt_config *cfg, const char *kind, const pt_resp_facts *facts, size_t n,
	pt_resp_line *out, size_t *count, pt_error *err)
{
	const pt_territory_tree *tree = &cfg->territories;
	size_t i, lines = 0;

	for (i = 0; i < tree->count; i++) {
		if (kind_is(&tree->items[i], kind)) {
			memset(&out[lines], 0, sizeof(out[lines]));
			out[lines].territory = (int32_t)i;
			out[lines].official = pt_resp_for(cfg, (int32_t)i, PT_RESP_OFFICIAL);
			lines++;
		}
	}
	*count = lines;
	if (!lines) {
		return pt_error_set(err, PT_ERR_NOT_FOUND, "No hay territorios de tipo «%.64s».", kind);
	}
	for (i = 0; i < n; i++) {
		int32_t t = facts[i].territory;
		size_t l;

		/* its directorate: the nearest ancestor of that kind (itself included) */
		while (t >= 0 && t < (int32_t)tree->count && !kind_is(&tree->items[t], kind)) {
			t = tree->items[t].parent;
		}
		if (t < 0 || t >= (int32_t)tree->count) {
			continue;
		}
		for (l = 0; l < lines && out[l].territory != t; l++) {
		}
		out[l].assemblies += facts[i].assemblies;
		out[l].agreements += facts[i].agreements;
		out[l].commitments += facts[i].commitments;
		out[l].started += facts[i].started;
		out[l].progress_sum_cents += facts[i].progress_sum_cents;
		out[l].agendas[pt_agenda_stage_of(&facts[i])]++;
	}
	return PT_OK;
}
