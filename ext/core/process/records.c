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

pt_status pt_process_paper_list_init(pt_process_paper_list *l, size_t n, const pt_allocator *a, pt_error *err)
{
	size_t i;

	memset(l, 0, sizeof(*l));
	l->alloc = a;
	l->items = pt_calloc(a, n ? n : 1, sizeof(*l->items));
	l->canon = pt_calloc(a, n ? n : 1, sizeof(*l->canon));
	l->reasons = pt_calloc(a, n ? n : 1, sizeof(*l->reasons));
	if (!l->items || !l->canon || !l->reasons) {
		pt_process_paper_list_free(l);
		return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	}
	for (i = 0; i < n; i++) {
		pt_buf_init(&l->canon[i], a);
	}
	l->n = n;
	return PT_OK;
}

void pt_process_paper_list_done(pt_process_paper_list *l, size_t i)
{
	l->items[i].ballot = l->canon[i].data ? l->canon[i].data : "";
	l->items[i].ballot_len = l->canon[i].len;
}

pt_status pt_process_paper_list_read(pt_process_paper_list *l, size_t i, const pt_process_def *def, const pt_value *v,
	pt_error *err)
{
	const char *reason;
	size_t len;
	pt_status s = pt_process_ballot_value(def, v, l->alloc, &l->canon[i], &reason, &len, err);

	if (s != PT_OK) {
		return s;
	}
	/* the reason outlives v, which the caller frees after each ballot */
	if (reason && !(l->reasons[i] = pt_strndup(l->alloc, reason, len))) {
		return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	}
	l->items[i].reason = l->reasons[i];
	l->items[i].reason_len = reason ? len : 0;
	pt_process_paper_list_done(l, i);
	return PT_OK;
}

void pt_process_paper_list_free(pt_process_paper_list *l)
{
	size_t i;

	for (i = 0; l->canon && i < l->n; i++) {
		pt_buf_free(&l->canon[i]);
	}
	for (i = 0; l->reasons && i < l->n; i++) {
		pt_free(l->alloc, l->reasons[i]);
	}
	pt_free(l->alloc, l->reasons);
	pt_free(l->alloc, l->canon);
	pt_free(l->alloc, l->items);
	memset(l, 0, sizeof(*l));
}
