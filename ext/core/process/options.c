/* participa core: the current options of a process (options.h). */
#include <string.h>

#include "core/process/options.h"
#include "core/process/pots.h"
#include "core/process/ballot.h"
#include "core/site/site_config.h"

static pt_status nomem(pt_error *err)
{
	return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
}

void pt_process_current_init(pt_process_current *c, const pt_config *cfg, const pt_process_def *def,
	const pt_allocator *a)
{
	memset(c, 0, sizeof(*c));
	c->cfg = cfg;
	c->def = def;
	c->alloc = a;
}

pt_status pt_process_current_row(void *ctx, const pt_process_option *o, pt_error *err)
{
	pt_process_current *c = ctx;
	pt_process_candidate *n;

	/* withdrawn options take no part; an id the YAML took over since is the YAML's */
	if (o->withdrawn || !o->id || pt_process_candidate_find(c->def, o->id, o->id_len) >= 0) {
		return PT_OK;
	}
	if (c->api_count == c->api_cap) {
		size_t cap = c->api_cap ? c->api_cap * 2 : 8;
		pt_process_candidate *grown = pt_realloc(c->alloc, c->api, cap * sizeof(*grown));

		if (!grown) {
			return nomem(err);
		}
		c->api = grown;
		c->api_cap = cap;
	}
	n = &c->api[c->api_count];
	memset(n, 0, sizeof(*n));
	n->id = pt_strndup(c->alloc, o->id, o->id_len);
	n->name = o->name && o->name_len ? pt_strndup(c->alloc, o->name, o->name_len)
		: pt_strndup(c->alloc, o->id, o->id_len);
	if (!n->id || !n->name) {
		pt_free(c->alloc, n->id);
		pt_free(c->alloc, n->name);
		return nomem(err);
	}
	n->cost = o->has_cost ? o->cost : 0;
	n->territory = o->territory ? pt_config_territory(c->cfg, o->territory, o->territory_len) : -1;
	n->pot = c->def->pot_count ? pt_process_pot_of_territory(&c->cfg->territories, c->def, n->territory) : -1;
	c->api_count++;
	return PT_OK;
}

pt_status pt_process_current_finish(pt_process_current *c, pt_error *err)
{
	const pt_process_def *def = c->def;
	size_t i, total = def->candidate_count + c->api_count;

	if (!c->api_count) {
		return PT_OK;
	}
	c->eff = *def;
	c->eff.costs = NULL;
	c->eff.candidates = pt_calloc(c->alloc, total, sizeof(pt_process_candidate));
	if (!c->eff.candidates) {
		return nomem(err);
	}
	if (def->candidate_count) {
		memcpy(c->eff.candidates, def->candidates, def->candidate_count * sizeof(pt_process_candidate));
	}
	memcpy(c->eff.candidates + def->candidate_count, c->api, c->api_count * sizeof(pt_process_candidate));
	c->eff.candidate_count = total;
	if (pt_process_is_budget(def)) {
		if (!(c->eff.costs = pt_calloc(c->alloc, total, sizeof(int64_t)))) {
			return nomem(err);
		}
		for (i = 0; i < total; i++) {
			c->eff.costs[i] = c->eff.candidates[i].cost;
		}
	}
	c->eff.tally.pb_costs = c->eff.costs;
	return PT_OK;
}

const pt_process_def *pt_process_current_def(const pt_process_current *c)
{
	return c->eff.candidates ? &c->eff : c->def;
}

void pt_process_current_free(pt_process_current *c)
{
	size_t i;

	for (i = 0; i < c->api_count; i++) {
		pt_free(c->alloc, c->api[i].id);
		pt_free(c->alloc, c->api[i].name);
	}
	pt_free(c->alloc, c->api);
	pt_free(c->alloc, c->eff.candidates);
	pt_free(c->alloc, c->eff.costs);
	pt_process_current_init(c, c->cfg, c->def, c->alloc);
}
