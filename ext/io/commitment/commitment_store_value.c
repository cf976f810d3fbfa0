/*
 * participa io: the store's answers as value trees (verify(), assemblies(),
 * an assembly's record), which the binding converts once
 * (ext/php/value.c). See commitment_store.h.
 */
#include <string.h>

#include "io/commitment/commitment_store.h"
#include "core/commitment/commitment_export.h"

/* s or null. */
static pt_value *opt_text(const pt_allocator *a, const char *s)
{
	return s ? pt_value_cstr(a, s) : pt_value_null(a);
}

/* v, or NULL with the out-of-memory error (v was freed). */
static pt_value *built(pt_value *v, bool ok, pt_error *err)
{
	if (!ok || !v) {
		pt_value_free(v);
		pt_error_set(err, PT_ERR_NOMEM, "out of memory");
		return NULL;
	}
	return v;
}

pt_value *pt_commitment_store_verify_value(pt_db *db, const pt_allocator *a, pt_error *err)
{
	pt_commitment_store_verify_result r;
	pt_value *m, *bad;
	bool ok;

	if (pt_commitment_store_verify(db, &r, err) != PT_OK) {
		return NULL;
	}
	m = pt_value_map(a);
	bad = r.ok ? pt_value_null(a) : pt_value_map(a);
	ok = m && bad && pt_value_setc(m, "ok", pt_value_bool(a, r.ok)) == PT_OK
		&& pt_value_setc(m, "events", pt_value_int(a, r.events)) == PT_OK;
	if (ok && !r.ok) {
		ok = pt_value_setc(bad, "seq", pt_value_int(a, r.bad_seq)) == PT_OK
			&& pt_value_setc(bad, "commitment", pt_value_cstr(a, r.bad_commitment)) == PT_OK
			&& pt_value_setc(bad, "reason", pt_value_cstr(a, r.reason)) == PT_OK;
	}
	if (!ok) {
		pt_value_free(bad);
	} else {
		ok = pt_value_setc(m, "first_bad", bad) == PT_OK;
	}
	return built(m, ok, err);
}

typedef struct list_ctx {
	const pt_allocator *a;
	pt_value *list;
} list_ctx;

static pt_status nomem(pt_error *err)
{
	return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
}

/* row (built when ok) onto the list; PT_ERR_NOMEM (row freed) otherwise. */
static pt_status push_row(list_ctx *x, pt_value *row, bool ok, pt_error *err)
{
	if (!ok) {
		pt_value_free(row);
		return nomem(err);
	}
	return pt_value_push(x->list, row) == PT_OK ? PT_OK : nomem(err);
}

static pt_status event_into(void *ctx, const pt_commitment_store_event_row *ev, pt_error *err)
{
	list_ctx *x = ctx;
	const pt_allocator *a = x->a;
	pt_value *row = pt_value_map(a);
	bool ok = row && pt_value_setc(row, "seq", pt_value_int(a, ev->e.seq)) == PT_OK
		&& pt_value_setc(row, "commitment", opt_text(a, ev->e.commitment)) == PT_OK
		&& pt_value_setc(row, "action", opt_text(a, ev->e.action)) == PT_OK
		&& pt_value_setc(row, "actor", opt_text(a, ev->e.actor)) == PT_OK
		&& pt_value_setc(row, "at", opt_text(a, ev->e.at)) == PT_OK
		&& pt_value_setc(row, "changes", pt_commitment_changes_value(ev->e.changes, a)) == PT_OK
		&& pt_value_setc(row, "note", opt_text(a, ev->e.note)) == PT_OK
		&& pt_value_setc(row, "prev_hash", opt_text(a, ev->prev_hash)) == PT_OK
		&& pt_value_setc(row, "hash", opt_text(a, ev->hash)) == PT_OK;

	return push_row(x, row, ok, err);
}

pt_value *pt_commitment_store_history_value(pt_db *db, const char *id, const pt_allocator *a, pt_error *err)
{
	list_ctx x = { a, pt_value_list(a) };

	if (!x.list) {
		return built(NULL, false, err);
	}
	if (pt_commitment_store_history(db, id, event_into, &x, a, err) != PT_OK) {
		pt_value_free(x.list);
		return NULL;
	}
	return x.list;
}

static pt_status text_into(void *ctx, const char *a, const char *b, pt_error *err)
{
	list_ctx *x = ctx;

	(void)b;
	return pt_value_push(x->list, pt_value_cstr(x->a, a)) == PT_OK ? PT_OK : nomem(err);
}

static pt_status agreement_into(void *ctx, const char *a, const char *b, pt_error *err)
{
	list_ctx *x = ctx;
	pt_value *row = pt_value_map(x->a);
	bool ok = row && pt_value_setc(row, "text", pt_value_cstr(x->a, a)) == PT_OK
		&& pt_value_setc(row, "commitment", opt_text(x->a, b)) == PT_OK;

	return push_row(x, row, ok, err);
}

static pt_status assembly_into(void *ctx, const pt_commitment_store_assembly_row *r, pt_error *err)
{
	list_ctx *x = ctx;
	const pt_allocator *a = x->a;
	pt_value *row = pt_value_map(a);
	bool ok = row && pt_value_setc(row, "id", pt_value_int(a, r->id)) == PT_OK
		&& pt_value_setc(row, "territory", opt_text(a, r->territory)) == PT_OK
		&& pt_value_setc(row, "held_on", opt_text(a, r->held_on)) == PT_OK
		&& pt_value_setc(row, "place", opt_text(a, r->place)) == PT_OK
		&& pt_value_setc(row, "attendance", pt_value_int(a, r->attendance)) == PT_OK
		&& pt_value_setc(row, "agenda", opt_text(a, r->agenda)) == PT_OK
		&& pt_value_setc(row, "minutes", opt_text(a, r->minutes)) == PT_OK
		&& pt_value_setc(row, "recorded_by", opt_text(a, r->recorded_by)) == PT_OK
		&& pt_value_setc(row, "created_at", opt_text(a, r->created_at)) == PT_OK;

	return push_row(x, row, ok, err);
}

pt_value *pt_commitment_store_assemblies_value(pt_db *db, const char *territory, const pt_allocator *a,
	pt_error *err)
{
	list_ctx x = { a, pt_value_list(a) };
	size_t i;
	bool ok;

	if (!x.list) {
		return built(NULL, false, err);
	}
	if (pt_commitment_store_assemblies(db, territory, assembly_into, &x, a, err) != PT_OK) {
		pt_value_free(x.list);
		return NULL;
	}
	/* each assembly's names and agreements, once the list's result is read */
	for (i = 0; i < x.list->u.c.count; i++) {
		pt_value *row = x.list->u.c.items[i];
		int64_t id = pt_value_get(row, "id")->u.i;
		list_ctx att = { a, pt_value_list(a) }, agr = { a, pt_value_list(a) };

		if (!att.list || !agr.list
			|| pt_commitment_store_assembly_attendance(db, id, text_into, &att, a, err) != PT_OK
			|| pt_commitment_store_assembly_agreements(db, id, agreement_into, &agr, a, err) != PT_OK) {
			if (!att.list || !agr.list) {
				nomem(err);
			}
			pt_value_free(att.list);
			pt_value_free(agr.list);
			pt_value_free(x.list);
			return NULL;
		}
		/* both sets take their list, even when one fails */
		ok = pt_value_setc(row, "attendees", att.list) == PT_OK;
		ok = pt_value_setc(row, "agreements", agr.list) == PT_OK && ok;
		if (!ok) {
			pt_value_free(x.list);
			return built(NULL, false, err);
		}
	}
	return x.list;
}

pt_value *pt_commitment_store_assembly_value(const pt_commitment_assembly *as, const pt_allocator *a, pt_error *err)
{
	pt_value *m = pt_value_map(a), *ids = pt_value_list(a);
	bool ok = m && ids;
	size_t i;

	for (i = 0; ok && as->commitment_ids && i < as->agreement_count; i++) {
		ok = pt_value_push(ids, pt_value_cstr(a, as->commitment_ids[i])) == PT_OK;
	}
	ok = ok && pt_value_setc(m, "id", pt_value_int(a, as->id)) == PT_OK
		&& pt_value_setc(m, "plan", opt_text(a, as->plan)) == PT_OK;
	if (!ok) {
		pt_value_free(ids);
	} else {
		ok = pt_value_setc(m, "commitments", ids) == PT_OK;
	}
	return built(m, ok, err);
}

/* ---- commitments, read and answered at once ------------------------------------------- */

/* The arena the reads below fill, or NULL with the out-of-memory error. */
static pt_commitment_store_arena *arena_new(const pt_allocator *a, pt_error *err)
{
	pt_commitment_store_arena *arena = pt_commitment_store_arena_new(a);

	if (!arena) {
		nomem(err);
	}
	return arena;
}

pt_value *pt_commitment_store_get_value(pt_db *db, const pt_config *cfg, const char *id, const char *as_of,
	const pt_allocator *a, bool *found, pt_error *err)
{
	pt_commitment_store_arena *arena = arena_new(a, err);
	pt_commitment_record r;
	pt_value *v = NULL;

	*found = false;
	if (arena && pt_commitment_store_get(db, id, arena, &r, found, err) == PT_OK && *found) {
		v = built(pt_commitment_record_value(cfg, &r, as_of, a), true, err);
	}
	pt_commitment_store_arena_free(arena);
	return v;
}

pt_value *pt_commitment_store_list_value(pt_db *db, const pt_config *cfg, const pt_commitment_filter *f,
	const char *as_of, const char *light, const pt_allocator *a, pt_error *err)
{
	pt_commitment_store_arena *arena = arena_new(a, err);
	pt_commitment_record *items = NULL;
	pt_value *v = NULL;
	size_t n = 0;

	if (arena && pt_commitment_store_list(db, f, arena, &items, &n, err) == PT_OK) {
		v = built(pt_commitment_records_value(cfg, items, n, as_of, light, a), true, err);
	}
	pt_commitment_store_arena_free(arena);
	return v;
}

pt_status pt_commitment_store_export(pt_db *db, const pt_commitments_config *c, const char *plan, size_t plan_len,
	bool csv, const pt_value *opts, pt_buf *b, pt_error *err)
{
	pt_commitment_store_arena *arena;
	pt_commitment_record *items = NULL;
	pt_commitment_filter f;
	bool bom = false;
	size_t n = 0;
	int32_t pi;

	if (pt_commitment_export_plan(c, plan, plan_len, &pi, err) != PT_OK
		|| pt_commitment_export_options(opts, &bom, err) != PT_OK || !(arena = arena_new(b->a, err))) {
		return err->code;
	}
	memset(&f, 0, sizeof(f));
	f.plan = plan;
	f.full = true;
	if (pt_commitment_store_list(db, &f, arena, &items, &n, err) == PT_OK) {
		if (csv) {
			pt_commitment_export_csv(b, items, n, bom);
		} else {
			pt_commitment_export_json(b, &c->plans[pi], items, n);
		}
	}
	pt_commitment_store_arena_free(arena);
	return err->code;
}

pt_value *pt_commitment_store_summary_value(pt_db *db, const pt_config *cfg, pt_commitment_by by,
	const char *by_name, size_t by_len, const pt_value *opts, const char *today, const pt_allocator *a, pt_error *err)
{
	const pt_commitment_summary *e;
	const char *plan, *as_of;
	char late_before[11];
	bool roots;

	if (pt_commitment_summary_options(opts, &plan, &as_of, &roots, err) != PT_OK) {
		return NULL;
	}
	/* late: due date more than late_grace_days before as_of */
	pt_commitment_late_before(as_of ? as_of : today, (int64_t)cfg->commitments->late_grace_days, late_before);
	if (!(e = pt_commitment_store_summary_cached(db, cfg, by, plan, roots, late_before, err))) {
		return NULL;
	}
	return built(pt_commitment_summary_value(cfg, by, by_name, by_len, e, a), true, err);
}
