/* participa io: a template's summary (see process_template_store.h). */
#include "io/process/process_template_store.h"
#include "core/common/json_read.h"
#include "io/process/process_store.h"

#include <string.h>

typedef struct row {
	int64_t residents, voters;
	bool closed;
	pt_value *winners;          /* owned until moved into the answer */
} row;

typedef struct ctx {
	const pt_config *cfg;
	const pt_process_template *t;
	const pt_allocator *a;
	row *rows;                  /* one per generated process */
	int32_t *at;                /* territory index -> generated process (0-based) + 1, 0 = none */
} ctx;

static pt_status process_row(void *vc, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	ctx *c = vc;
	const pt_process_def *p;
	const char *s;
	size_t len, i;

	(void)ncols;
	pt_db_col_str(&cols[0], &s, &len);
	if (!s || !(p = pt_config_process(c->cfg, s, len)) || pt_process_def_template(c->cfg, p) != c->t) {
		return PT_OK;   /* a process of another template that shares the prefix, or one the YAML dropped */
	}
	i = (size_t)(p - c->cfg->processes->items) - c->t->first;
	c->rows[i].voters = pt_db_col_int(&cols[1]);
	c->rows[i].closed = pt_db_col_int(&cols[2]) != 0;
	pt_db_col_str(&cols[3], &s, &len);
	if (s && !c->rows[i].winners && pt_json_read(s, len, 4, c->a, &c->rows[i].winners, err) != PT_OK) {
		return pt_error_set(err, PT_ERR_DB, "participa: a stored result of '%s' is not JSON", p->id);
	}
	return PT_OK;
}

static pt_status resident_row(void *vc, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	ctx *c = vc;
	const char *s;
	size_t len;
	int32_t t;

	(void)ncols;
	(void)err;
	pt_db_col_str(&cols[0], &s, &len);
	if (!s || (t = pt_territory_find(&c->cfg->territories, s, len)) < 0) {
		return PT_OK;
	}
	/* the generated territory it lies in: walk up (at most PT_TERRITORY_MAX_DEPTH levels) */
	for (; t >= 0 && !c->at[t]; t = c->cfg->territories.items[t].parent) {
	}
	if (t >= 0) {
		c->rows[c->at[t] - 1].residents += pt_db_col_int(&cols[1]);
	}
	return PT_OK;
}

static pt_value *turnout(const pt_allocator *a, int64_t voters, int64_t residents)
{
	return residents > 0 ? pt_value_rational(a, voters, residents) : pt_value_null(a);
}

static pt_status answer(ctx *c, pt_value **out)
{
	const pt_territory_tree *tr = &c->cfg->territories;
	pt_value *v = pt_value_map(c->a), *list = pt_value_list(c->a), *tot = pt_value_map(c->a);
	int64_t residents = 0, voters = 0, closed = 0, counted = 0;
	bool ok = v && list && tot;
	size_t i;

	ok = ok && pt_value_setc(v, "template", pt_value_cstr(c->a, c->t->id)) == PT_OK
		&& pt_value_setc(v, "title", c->t->title ? pt_value_cstr(c->a, c->t->title) : pt_value_null(c->a)) == PT_OK
		&& pt_value_setc(v, "territory_kind", pt_value_cstr(c->a, c->t->territory_kind)) == PT_OK
		&& pt_value_setc(v, "within", c->t->within >= 0 ? pt_value_cstr(c->a, tr->items[c->t->within].id)
			: pt_value_null(c->a)) == PT_OK;
	for (i = 0; ok && i < c->t->count; i++) {
		const pt_process_def *p = &c->cfg->processes->items[c->t->first + i];
		const pt_territory *ter = &tr->items[p->territory];
		row *r = &c->rows[i];
		pt_value *e = pt_value_map(c->a);

		ok = e && pt_value_push(list, e) == PT_OK
			&& pt_value_setc(e, "process", pt_value_cstr(c->a, p->id)) == PT_OK
			&& pt_value_setc(e, "title", pt_value_cstr(c->a, p->title)) == PT_OK
			&& pt_value_setc(e, "territory", pt_value_cstr(c->a, ter->id)) == PT_OK
			&& pt_value_setc(e, "territory_name", pt_value_cstr(c->a, ter->name)) == PT_OK
			&& pt_value_setc(e, "residents", pt_value_int(c->a, r->residents)) == PT_OK
			&& pt_value_setc(e, "voters", pt_value_int(c->a, r->voters)) == PT_OK
			&& pt_value_setc(e, "turnout", turnout(c->a, r->voters, r->residents)) == PT_OK
			&& pt_value_setc(e, "closed", pt_value_bool(c->a, r->closed)) == PT_OK
			&& pt_value_setc(e, "winners", r->winners ? r->winners : pt_value_null(c->a)) == PT_OK;
		r->winners = NULL;   /* moved (or freed with e's failure below) */
		residents += r->residents;
		voters += r->voters;
		closed += r->closed;
		counted += pt_value_get(e, "winners") && pt_value_get(e, "winners")->type != PT_VALUE_NULL;
	}
	ok = ok && pt_value_setc(v, "processes", list) == PT_OK;
	list = NULL;
	ok = ok && pt_value_setc(tot, "processes", pt_value_int(c->a, (int64_t)c->t->count)) == PT_OK
		&& pt_value_setc(tot, "residents", pt_value_int(c->a, residents)) == PT_OK
		&& pt_value_setc(tot, "voters", pt_value_int(c->a, voters)) == PT_OK
		&& pt_value_setc(tot, "turnout", turnout(c->a, voters, residents)) == PT_OK
		&& pt_value_setc(tot, "closed", pt_value_int(c->a, closed)) == PT_OK
		&& pt_value_setc(tot, "counted", pt_value_int(c->a, counted)) == PT_OK
		&& pt_value_setc(v, "totals", tot) == PT_OK;
	if (!ok) {
		pt_value_free(v);
		return PT_ERR_NOMEM;
	}
	*out = v;
	return PT_OK;
}

pt_status pt_process_template_summary(pt_db *db, const pt_config *cfg, const pt_process_template *t,
	const pt_allocator *a, pt_value **out, pt_error *err)
{
	char prefix[80];
	size_t plen = strlen(t->id), i;
	ctx c = { cfg, t, a, NULL, NULL };
	pt_db_value p[1];
	pt_status s;

	*out = NULL;
	c.rows = pt_calloc(a, t->count ? t->count : 1, sizeof(row));
	c.at = pt_calloc(a, cfg->territories.count ? cfg->territories.count : 1, sizeof(int32_t));
	if (!c.rows || !c.at) {
		pt_free(a, c.rows);
		pt_free(a, c.at);
		return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	}
	for (i = 0; i < t->count; i++) {
		c.at[cfg->processes->items[t->first + i].territory] = (int32_t)i + 1;
	}
	memcpy(prefix, t->id, plen);
	memcpy(prefix + plen, ".", 2);
	/* the generated ids all begin with "<template>."; '_' is LIKE's wildcard, so the rows are
	 * matched again by id in process_row() */
	p[0] = PT_DB_TEXT_V(prefix, plen + 1);
	s = pt_db_query(db, "SELECT p.code, (SELECT COUNT(*) FROM participa_voters v WHERE v.process_id = p.id), "
		"p.closed_at IS NOT NULL, (SELECT JSON_EXTRACT(r.result, '$.winners') FROM participa_results r "
		"WHERE r.process_id = p.id AND r.final = 1 ORDER BY r.computed_at DESC, r.id DESC LIMIT 1) "
		"FROM participa_processes p WHERE p.code LIKE CONCAT(?, '%')", p, 1, process_row, &c, err);
	if (s == PT_OK) {
		s = pt_db_query(db, "SELECT territory_id, COUNT(*) FROM participa_participants "
			"WHERE status = 'active' AND territory_id IS NOT NULL GROUP BY territory_id", NULL, 0, resident_row, &c, err);
	}
	if (s == PT_OK && (s = answer(&c, out)) != PT_OK) {
		pt_error_set(err, s, "participa: out of memory");
	}
	for (i = 0; i < t->count; i++) {
		pt_value_free(c.rows[i].winners);
	}
	pt_free(a, c.rows);
	pt_free(a, c.at);
	return s;
}

pt_status pt_process_template_close(pt_db *db, const pt_config *cfg, const pt_process_template *t, const char *by,
	unsigned wait_seconds, int64_t *closed, bool *sealed, pt_error *seal_err, pt_error *err)
{
	int64_t secret_id = -1;
	pt_status s = PT_OK;
	size_t i;

	*closed = 0;
	*sealed = false;
	for (i = 0; s == PT_OK && i < t->count; i++) {
		const pt_process_def *def = &cfg->processes->items[t->first + i];
		pt_process_store_process row;

		s = pt_process_store_sync_def(db, cfg, def, true, &row, err);
		if (s == PT_OK && !row.closed) {
			s = pt_process_store_close(db, row.id, def->secret, by, false, &row, err);
			*closed += s == PT_OK;
		}
		if (s == PT_OK && def->secret && !row.sealed) {
			secret_id = row.id;
		}
	}
	if (s == PT_OK && secret_id < 0) {
		*sealed = true;
	} else if (s == PT_OK && pt_process_store_seal(db, secret_id, wait_seconds, sealed, seal_err) != PT_OK) {
		*sealed = false;   /* the closes stand; a later call (or close-due) seals */
	}
	return s;
}
