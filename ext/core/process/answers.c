/* participa core: the answers of the Participa\Process methods as pt_value trees (answers.h). */
#include <stdio.h>
#include <string.h>

#include "core/process/answers.h"
#include "core/process/count.h"
#include "core/site/site_config.h"

/* A map under construction: the first failure is kept, later children are freed. */
typedef struct map_b {
	pt_value *m;
	const pt_allocator *a;
	pt_status s;
} map_b;

static map_b map_begin(const pt_allocator *a)
{
	map_b b = { pt_value_map(a), a, PT_OK };

	b.s = b.m ? PT_OK : PT_ERR_NOMEM;
	return b;
}

static pt_value *map_end(map_b *b)
{
	if (b->s != PT_OK) {
		pt_value_free(b->m);
		return NULL;
	}
	return b->m;
}

static void put(map_b *b, const char *key, pt_value *v)
{
	if (b->s == PT_OK) {
		b->s = pt_value_setc(b->m, key, v);
	} else {
		pt_value_free(v);
	}
}

static void put_str(map_b *b, const char *key, const char *s)
{
	put(b, key, pt_value_cstr(b->a, s));
}

/* s[0..len), or null when s is NULL. */
static pt_value *text_or_null(const pt_allocator *a, const char *s, size_t len)
{
	return s ? pt_value_string(a, s, len) : pt_value_null(a);
}

static void put_strn(map_b *b, const char *key, const char *s, size_t len)
{
	put(b, key, text_or_null(b->a, s, len));
}

/* A text, or null when NULL or empty. */
static void put_opt(map_b *b, const char *key, const char *s)
{
	put(b, key, s && *s ? pt_value_cstr(b->a, s) : pt_value_null(b->a));
}

static void put_int(map_b *b, const char *key, int64_t i)
{
	put(b, key, pt_value_int(b->a, i));
}

static void put_bool(map_b *b, const char *key, bool v)
{
	put(b, key, pt_value_bool(b->a, v));
}

static void put_null(map_b *b, const char *key)
{
	put(b, key, pt_value_null(b->a));
}

/* Appends v to list; on failure the list is freed and NULL returned (v freed too). */
static pt_value *push(pt_value *list, pt_value *v)
{
	if (pt_value_push(list, v) != PT_OK) {
		pt_value_free(list);
		return NULL;
	}
	return list;
}

static const char *territory_id(const pt_config *cfg, int32_t t)
{
	return t >= 0 ? cfg->territories.items[t].id : NULL;
}

/* ---- info() ------------------------------------------------------------------------ */

static pt_value *phase_value(const pt_phase *p, const pt_process_span *u, const pt_allocator *a)
{
	map_b b = map_begin(a);
	char buf[32];

	pt_process_local_text(p->start_local, buf, sizeof(buf));
	put_str(&b, "from", buf);
	if (p->has_end) {
		pt_process_local_text(p->end_local, buf, sizeof(buf));
		put_str(&b, "to", buf);
	} else {
		put_null(&b, "to");
	}
	put_int(&b, "from_utc", u->start);
	if (p->has_end) {
		put_int(&b, "to_utc", u->end);
	} else {
		put_null(&b, "to_utc");
	}
	return map_end(&b);
}

static pt_value *phases_value(const pt_process_def *def, const pt_process_clock *c, const pt_allocator *a)
{
	map_b b = map_begin(a);

	if (def->proposals.set) {
		put(&b, "proposals", phase_value(&def->proposals, &c->proposals, a));
	}
	put(&b, "voting", phase_value(&def->voting, &c->voting, a));
	if (def->results.set) {
		put(&b, "results", phase_value(&def->results, &c->results, a));
	}
	return map_end(&b);
}

static pt_value *candidates_value(const pt_config *cfg, const pt_process_def *yaml, const pt_process_def *def,
	const pt_allocator *a)
{
	pt_value *list = pt_value_list(a);
	size_t i;

	for (i = 0; list && i < def->candidate_count; i++) {
		const pt_process_candidate *c = &def->candidates[i];
		map_b b = map_begin(a);

		put_str(&b, "id", c->id);
		put_str(&b, "name", c->name);
		if (def->kind == PT_PROCESS_PARTICIPATORY_BUDGET) {
			put_int(&b, "cost", c->cost);
		}
		if (c->territory >= 0) {
			put_str(&b, "territory", territory_id(cfg, c->territory));
		}
		put_str(&b, "source", i < yaml->candidate_count ? "yaml" : "api");
		list = push(list, map_end(&b));
	}
	return list;
}

static pt_value *roles_value(const pt_config *cfg, const pt_process_def *def, const pt_allocator *a)
{
	pt_value *list = pt_value_list(a);
	size_t i;

	for (i = 0; list && i < def->role_count; i++) {
		list = push(list, pt_value_cstr(a, cfg->roles[def->roles[i]].id));
	}
	return list;
}

static pt_value *channels_value(const pt_process_def *def, const pt_allocator *a)
{
	pt_value *list = pt_value_list(a);

	if (list && (def->channels & PT_CHANNEL_WEB)) list = push(list, pt_value_cstr(a, "web"));
	if (list && (def->channels & PT_CHANNEL_PAPER)) list = push(list, pt_value_cstr(a, "paper"));
	return list;
}

pt_value *pt_process_info_value(const pt_config *cfg, const pt_process_def *yaml, const pt_process_def *def,
	const pt_process_clock *clock, const pt_process_row *row, const pt_allocator *a)
{
	map_b b = map_begin(a);
	bool closed = clock->closed;

	put_str(&b, "id", def->id);
	put_str(&b, "title", def->title ? def->title : def->id);
	put_str(&b, "kind", pt_process_kind_name(def->kind));
	put_str(&b, "method", def->method->id);
	put(&b, "options", pt_process_options_value(def, a));
	put_opt(&b, "territory", territory_id(cfg, def->territory));
	put(&b, "roles", roles_value(cfg, def, a));
	put_opt(&b, "body", def->body);
	put(&b, "phases", phases_value(yaml, clock, a));
	put_str(&b, "timezone", cfg->timezone);
	put_str(&b, "secrecy", def->secret ? "secret" : "public");
	put_bool(&b, "vote_changes", def->vote_changes);
	put_str(&b, "results_visibility", pt_results_visibility_name(def->visibility));
	if (pt_process_is_budget(def)) {
		/* a casting rule, not a counting option: results' options stay what Tally::count() reads */
		put_str(&b, "over_budget", def->allow_over_budget ? "allow" : "refuse");
	}
	put(&b, "channels", channels_value(def, a));
	put(&b, "candidates", candidates_value(cfg, yaml, def, a));
	put_str(&b, "state", pt_process_state(clock));
	put_opt(&b, "closed_at", closed ? row->closed_at : NULL);
	put_opt(&b, "closed_by", closed ? row->closed_by : NULL);
	put_opt(&b, "closed_how", closed ? (row->closed_by_schedule ? "schedule" : "call") : NULL);
	if (def->secret) {
		put_bool(&b, "sealed", closed && row->sealed);
	}
	return map_end(&b);
}

/* ---- cast(), verifyReceipt() ---------------------------------------------------------- */

pt_value *pt_process_cast_value(const pt_process_cast *c, const pt_allocator *a)
{
	map_b b = map_begin(a);

	put_str(&b, "process", c->def->id);
	put_str(&b, "receipt", c->receipt);
	put_int(&b, "version", c->version);
	put_bool(&b, "changed", c->changed);
	put_bool(&b, "replayed", c->replayed);
	put_bool(&b, "voice_only", c->voice_only);
	return map_end(&b);
}

pt_value *pt_process_receipt_value(const pt_process_ballot *bl, const pt_allocator *a)
{
	map_b b = map_begin(a);

	put_strn(&b, "receipt", bl->receipt, bl->receipt_len);
	put_strn(&b, "ballot", bl->ballot, bl->ballot_len);
	put_strn(&b, "reason", bl->reason, bl->reason_len);
	put_str(&b, "channel", bl->paper ? "paper" : "web");
	put_int(&b, "version", bl->version);
	return map_end(&b);
}

/* ---- enterPaperBatch() ------------------------------------------------------------------ */

/* One differing ballot of a batch: both readings, named by entry and by person. */
static pt_value *mismatch_value(const pt_process_batch *bt, const pt_process_paper_ballot *list, size_t j,
	bool stance, const char *by1, const char *by2, const pt_allocator *a)
{
	size_t pos = bt->mismatches[j];
	const pt_process_paper_ballot *mine = pos < bt->count ? &list[pos] : NULL;
	const char *my_ballot = mine ? mine->ballot : NULL, *my_reason = mine ? mine->reason : NULL;
	size_t my_ballot_len = mine ? mine->ballot_len : 0, my_reason_len = mine ? mine->reason_len : 0;
	bool first_mine = bt->entry == 1, second_mine = bt->entry == 2;
	map_b b = map_begin(a);

	put_int(&b, "position", (int64_t)pos + 1);
	put_strn(&b, "this", my_ballot, my_ballot_len);
	put_strn(&b, "other", bt->other_ballots[j], bt->other_ballot_lens[j]);
	put_strn(&b, "first", first_mine ? my_ballot : bt->other_ballots[j],
		first_mine ? my_ballot_len : bt->other_ballot_lens[j]);
	put_str(&b, "first_by", by1);
	put_strn(&b, "second", second_mine ? my_ballot : bt->other_ballots[j],
		second_mine ? my_ballot_len : bt->other_ballot_lens[j]);
	put_str(&b, "second_by", by2);
	if (stance) {
		put_strn(&b, "first_reason", first_mine ? my_reason : bt->other_reasons[j],
			first_mine ? my_reason_len : bt->other_reason_lens[j]);
		put_strn(&b, "second_reason", second_mine ? my_reason : bt->other_reasons[j],
			second_mine ? my_reason_len : bt->other_reason_lens[j]);
	}
	return map_end(&b);
}

pt_value *pt_process_batch_value(const pt_process_def *def, const pt_process_batch *bt,
	const pt_process_paper_ballot *list, const pt_allocator *a)
{
	/* entry 1 and entry 2, whichever this call stored */
	const char *by1 = bt->entry == 1 ? bt->official : bt->other_by;
	const char *by2 = bt->state == PT_BATCH_PENDING ? "" : bt->entry == 2 ? bt->official : bt->other_by;
	pt_value *mm = pt_value_list(a);
	map_b b = map_begin(a);
	size_t j;

	put_str(&b, "batch", bt->batch_id);
	put_str(&b, "status", bt->state == PT_BATCH_COUNTED ? "counted" : bt->state == PT_BATCH_MISMATCH ? "mismatch"
		: "pending");
	put_int(&b, "entry", bt->entry);
	put_int(&b, "ballots", (int64_t)bt->count);
	put_bool(&b, "header_mismatch", bt->header_mismatch);
	put_bool(&b, "count_mismatch", bt->count_mismatch);
	put_opt(&b, "first_by", by1);
	put_opt(&b, "second_by", by2);
	for (j = 0; mm && j < bt->mismatch_count; j++) {
		mm = push(mm, mismatch_value(bt, list, j, def->method->kind == PT_BALLOT_STANCE, by1, by2, a));
	}
	put(&b, "mismatches", mm);
	return map_end(&b);
}

pt_status pt_process_batch_refusal(size_t i, const pt_error *refusal, bool english, pt_error *err)
{
	/* which ballot of the batch, around the refusal as the site's language says it */
	const char *inner = english && pt_error_catalogued(refusal) ? refusal->message_en : refusal->message;
	size_t at, len = strlen(inner);

	if (refusal->code != PT_ERR_INVALID) {
		*err = *refusal;   /* not about the ballot: as it is */
		return err->code;
	}
	pt_error_clear(err);
	pt_error_set(err, PT_ERR_INVALID, "%s", "");
	at = (size_t)snprintf(err->message, sizeof(err->message), "Boleta %zu del lote: ", i + 1);
	len = len < sizeof(err->message) - 1 - at ? len : sizeof(err->message) - 1 - at;   /* cut as snprintf would */
	memcpy(err->message + at, inner, len);
	err->message[at + len] = '\0';
	err->index = (long)i;
	return PT_ERR_INVALID;
}

/* ---- propose(), withdraw(), options() ----------------------------------------------------- */

pt_value *pt_process_proposal_value(const pt_process_proposal *p, const pt_allocator *a)
{
	map_b b = map_begin(a);

	put_str(&b, "process", p->def->id);
	put_str(&b, "id", p->option_id);
	put_strn(&b, "name", p->name ? p->name : "", p->name ? p->name_len : 0);
	if (pt_process_is_budget(p->def)) {
		put_int(&b, "cost", p->cost);
	}
	put_opt(&b, "territory", p->territory);
	put_str(&b, "source", "api");
	put_str(&b, "proposed_by", p->proposer);
	put_str(&b, "created_at", p->created_at);
	put_bool(&b, "replayed", p->replayed);
	return map_end(&b);
}

pt_value *pt_process_withdrawal_value(const pt_process_def *def, const char *option, size_t option_len,
	const char *by, const char *at, bool replayed, const pt_allocator *a)
{
	map_b b = map_begin(a);

	put_str(&b, "process", def->id);
	put_strn(&b, "id", option, option_len);
	put_str(&b, "status", "withdrawn");
	put_str(&b, "withdrawn_by", by);
	put_str(&b, "withdrawn_at", at);
	put_bool(&b, "replayed", replayed);
	return map_end(&b);
}

/* One row of options(): the YAML's (c) or the API's (o). */
static pt_value *option_value(const pt_process_option_list *l, const pt_process_option *o,
	const pt_process_candidate *c)
{
	map_b b = map_begin(l->alloc);
	bool withdrawn = !c && o->withdrawn;

	if (c) {
		put_str(&b, "id", c->id);
		put_str(&b, "name", c->name);
	} else {
		put_strn(&b, "id", o->id, o->id_len);
		put_strn(&b, "name", o->name ? o->name : "", o->name_len);
	}
	if (pt_process_is_budget(l->def)) {
		put_int(&b, "cost", c ? c->cost : o->cost);
	}
	if (c) {
		put_opt(&b, "territory", territory_id(l->cfg, c->territory));
	} else {
		put_strn(&b, "territory", o->territory, o->territory_len);
	}
	put_str(&b, "source", c ? "yaml" : "api");
	put_str(&b, "status", withdrawn ? "withdrawn" : "active");
	put_strn(&b, "proposed_by", c ? NULL : o->proposed_by, c ? 0 : o->proposed_by_len);
	put_opt(&b, "created_at", c ? NULL : o->created_at);
	put_opt(&b, "withdrawn_at", withdrawn ? o->withdrawn_at : NULL);
	put_strn(&b, "withdrawn_by", withdrawn ? o->withdrawn_by : NULL, withdrawn ? o->withdrawn_by_len : 0);
	put_strn(&b, "reason", withdrawn ? o->withdraw_reason : NULL, withdrawn ? o->withdraw_reason_len : 0);
	return map_end(&b);
}

pt_status pt_process_option_list_begin(pt_process_option_list *l, const pt_config *cfg, const pt_process_def *def,
	const pt_allocator *a, pt_error *err)
{
	size_t i;

	l->cfg = cfg;
	l->def = def;
	l->alloc = a;
	l->rows = pt_value_list(a);
	for (i = 0; l->rows && i < def->candidate_count; i++) {
		l->rows = push(l->rows, option_value(l, NULL, &def->candidates[i]));
	}
	return l->rows ? PT_OK : pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
}

pt_status pt_process_option_list_row(void *ctx, const pt_process_option *o, pt_error *err)
{
	pt_process_option_list *l = ctx;

	if (pt_process_candidate_find(l->def, o->id, o->id_len) >= 0) {   /* the YAML took the id over */
		return PT_OK;
	}
	if (!(l->rows = push(l->rows, option_value(l, o, NULL)))) {
		return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	}
	return PT_OK;
}

/* ---- closeDue() ------------------------------------------------------------------------------ */

pt_value *pt_process_close_due_value(const pt_process_def *def, const pt_process_row *row, bool closed_now,
	const pt_allocator *a)
{
	map_b b = map_begin(a);

	put_str(&b, "process", def->id);
	put_str(&b, "closed_at", row->closed_at);
	put_str(&b, "closed_how", row->closed_by_schedule ? "schedule" : "call");
	put_bool(&b, "closed_now", closed_now);
	put_bool(&b, "sealed", def->secret && row->sealed);
	return map_end(&b);
}

pt_value *pt_process_close_due_error(const pt_process_def *def, const char *message, const pt_allocator *a)
{
	map_b b = map_begin(a);

	put_str(&b, "process", def->id);
	put_str(&b, "error", message);
	return map_end(&b);
}
