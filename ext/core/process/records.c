/* participa core: the requests a process method hands to the store (records.h). */
#include <string.h>

#include "core/process/records.h"
#include "core/process/ballot.h"

void pt_process_cast_init(pt_process_cast *c, const pt_config *cfg, const pt_process_def *def, int64_t process_id,
	const char *participant, const pt_allocator *a)
{
	memset(c, 0, sizeof(*c));
	c->process_id = process_id;
	c->participant = participant;
	c->ballot = "";
	c->voter = def->secret ? NULL : participant;
	c->keep_ref = c->allow_change = def->vote_changes;
	c->cfg = cfg;
	c->def = def;
	c->alloc = a;
}

void pt_process_proposal_init(pt_process_proposal *p, const pt_config *cfg, const pt_process_def *def,
	const pt_process_clock *clock, int64_t process_id, const char *proposer, const pt_process_option_in *o,
	const pt_allocator *a)
{
	memset(p, 0, sizeof(*p));
	p->process_id = process_id;
	p->proposer = proposer;
	p->option_id = o->id;
	p->name = o->name;
	p->name_len = o->name_len;
	p->has_cost = pt_process_is_budget(def);
	p->cost = p->has_cost ? o->cost : 0;
	p->territory = o->territory_index >= 0 ? cfg->territories.items[o->territory_index].id : NULL;
	p->max_options = PT_PROCESS_MAX_API_OPTIONS;
	p->cfg = cfg;
	p->def = def;
	p->clock = clock;
	p->alloc = a;
}

void pt_process_batch_init(pt_process_batch *b, int64_t process_id, const char *batch_id, const char *assembly,
	const char *tally_sheet, const char *official, const pt_process_paper_ballot *list, size_t n,
	const pt_allocator *a)
{
	memset(b, 0, sizeof(*b));
	b->process_id = process_id;
	b->batch_id = batch_id;
	b->assembly = assembly;
	b->tally_sheet = tally_sheet;
	b->official = official;
	b->ballots = list;
	b->count = n;
	b->alloc = a;
}
