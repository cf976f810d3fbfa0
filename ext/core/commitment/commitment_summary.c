/*
 * participa core: summaries of commitments (see commitment_summary.h).
 */
#include "core/commitment/commitment_summary.h"
#include "core/common/pt_buf.h"
#include "core/commitment/commitment.h"
#include "core/common/pt_time.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pt_commitment_summary *cache;
static size_t cache_count;

bool pt_commitment_by_from_name(const char *s, size_t len, pt_commitment_by *out)
{
	static const char names[] = "theme\0pillar\0status\0territory\0agency\0plan\0";
	const char *name = names;
	int i;

	for (i = 0; *name; i++, name += strlen(name) + 1) {
		if (strlen(name) == len && memcmp(name, s, len) == 0) {
			*out = (pt_commitment_by)i;
			return true;
		}
	}
	return false;
}

void pt_commitment_summary_free(pt_commitment_summary *s)
{
	size_t i;

	if (!s) {
		return;
	}
	for (i = 0; i < s->n; i++) {
		free(s->rows[i].key);
	}
	free(s->rows);
	free(s->cache_key);
	free(s);
}

static size_t len0(const char *s)
{
	return s ? strlen(s) : 0;
}

/* Every part length-prefixed: no two settings give the same key, however long or odd. */
static char *cache_key(const pt_config *cfg, const char *plan, pt_commitment_by by, const char *late_before, bool roots)
{
	const char *sock = cfg->db.socket ? cfg->db.socket : "", *host = cfg->db.host ? cfg->db.host : "";
	const char *name = cfg->db.name ? cfg->db.name : "";
	size_t n = len0(sock) + len0(host) + len0(name) + len0(plan) + len0(late_before) + 128;
	char *key = malloc(n);

	if (key) {
		snprintf(key, n, "%zu:%s|%zu:%s|%u|%zu:%s|%c%zu:%s|%d|%s|%d", strlen(sock), sock, strlen(host), host,
			cfg->db.port, strlen(name), name, plan ? 'p' : '*', len0(plan), plan ? plan : "", (int)by, late_before,
			(int)roots);
	}
	return key;
}

pt_commitment_summary *pt_commitment_summary_lookup(const pt_config *cfg, const char *plan, pt_commitment_by by,
	const char *late_before, bool roots, int64_t seq, bool *fresh)
{
	char *key = cache_key(cfg, plan, by, late_before, roots);
	pt_commitment_summary *e, **link;

	*fresh = false;
	if (!key) {
		return NULL;
	}
	for (link = &cache; (e = *link); link = &e->next) {
		if (strcmp(e->cache_key, key) == 0) {
			break;
		}
	}
	if (e && e->seq != seq) {
		*link = e->next;
		pt_commitment_summary_free(e);
		cache_count--;
		e = NULL;
	}
	if (e) {
		free(key);
		return e;
	}
	if (!(e = calloc(1, sizeof(*e)))) {
		free(key);
		return NULL;
	}
	e->cache_key = key;
	e->seq = seq;
	*fresh = true;
	return e;
}

pt_status pt_commitment_summary_collect(void *ctx, const char *key, size_t key_len, int64_t count, double avg,
	int64_t late, pt_error *err)
{
	pt_commitment_summary *e = ctx;

	if (pt_array_grow(NULL, &e->rows, &e->cap, e->n, sizeof(*e->rows), 16) != PT_OK) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	if (!(e->rows[e->n].key = strndup(key, key_len))) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	e->rows[e->n].count = count;
	e->rows[e->n].avg = avg;
	e->rows[e->n].late = late;
	e->n++;
	return PT_OK;
}

void pt_commitment_summary_keep(pt_commitment_summary *s)
{
	pt_commitment_summary **link;

	if (cache_count >= PT_COMMITMENT_SUMMARY_CACHE_MAX) {
		pt_commitment_summary *x = cache;

		cache = x->next;
		pt_commitment_summary_free(x);
		cache_count--;
	}
	/* append: the head is the oldest, evicted first */
	for (link = &cache; *link; link = &(*link)->next) {
	}
	s->next = NULL;
	*link = s;
	cache_count++;
}

const char *pt_commitment_term_label(const pt_commitment_term *t, size_t n, const char *id)
{
	size_t i;

	for (i = 0; id && i < n; i++) {
		if (strcmp(t[i].id, id) == 0) {
			return t[i].label;
		}
	}
	return NULL;
}

static const char *group_label(const pt_config *cfg, pt_commitment_by by, const char *key)
{
	const pt_commitments_config *c = cfg->commitments;
	int32_t i;

	switch (by) {
	case PT_COMMITMENT_BY_THEME: return pt_commitment_term_label(c->themes, c->theme_count, key);
	case PT_COMMITMENT_BY_PILLAR: return pt_commitment_term_label(c->pillars, c->pillar_count, key);
	case PT_COMMITMENT_BY_AGENCY: return pt_commitment_term_label(c->agencies, c->agency_count, key);
	case PT_COMMITMENT_BY_STATUS:
		i = pt_commitment_status_find(c, key, strlen(key));
		return i >= 0 ? c->statuses[i].label : NULL;
	case PT_COMMITMENT_BY_PLAN:
		i = pt_commitment_plan_find(c, key, strlen(key));
		return i >= 0 ? c->plans[i].title : NULL;
	case PT_COMMITMENT_BY_TERRITORY:
		i = pt_config_territory(cfg, key, strlen(key));
		return i >= 0 ? cfg->territories.items[i].name : NULL;
	}
	return NULL;
}

void pt_commitment_summary_group(const pt_config *cfg, pt_commitment_by by, const pt_commitment_summary *s, size_t i,
	pt_commitment_group *out)
{
	const pt_commitment_summary_row *r = &s->rows[i];
	const char *label = r->key[0] ? group_label(cfg, by, r->key) : "(sin asignar)";

	out->key = r->key[0] ? r->key : NULL;
	out->label = label ? label : r->key;
	out->count = r->count;
	out->late = r->late;
	out->avg_progress = ((double)(int64_t)(r->avg * 100.0 + 0.5)) / 100.0;
	out->percent = pt_commitment_percent(r->count, s->total);
}

pt_value *pt_commitment_summary_value(const pt_config *cfg, pt_commitment_by by, const char *by_name, size_t len,
	const pt_commitment_summary *s, const pt_allocator *a)
{
	pt_value *m = pt_value_map(a), *groups = pt_value_list(a);
	bool ok = m && groups;
	size_t i;

	for (i = 0; ok && i < s->n; i++) {
		pt_commitment_group g;
		pt_value *row = pt_value_map(a);

		pt_commitment_summary_group(cfg, by, s, i, &g);
		ok = row && pt_value_setc(row, "key", g.key ? pt_value_cstr(a, g.key) : pt_value_null(a)) == PT_OK
			&& pt_value_setc(row, "label", pt_value_cstr(a, g.label)) == PT_OK
			&& pt_value_setc(row, "count", pt_value_int(a, g.count)) == PT_OK
			&& pt_value_setc(row, "avg_progress", pt_value_real(a, g.avg_progress)) == PT_OK
			&& pt_value_setc(row, "late", pt_value_int(a, g.late)) == PT_OK
			&& pt_value_setc(row, "percent", pt_value_real(a, g.percent)) == PT_OK;
		ok = pt_value_push(groups, row) == PT_OK && ok;
	}
	if (ok && pt_value_setc(m, "by", pt_value_string(a, by_name, len)) == PT_OK
		&& pt_value_setc(m, "total", pt_value_int(a, s->total)) == PT_OK) {
		if (pt_value_setc(m, "groups", groups) == PT_OK) {
			return m;
		}
		groups = NULL;   /* freed by the failed set */
	}
	pt_value_free(groups);
	pt_value_free(m);
	return NULL;
}

void pt_commitment_late_before(const char *as_of, int64_t grace_days, char out[11])
{
	pt_civil c;
	char buf[PT_TIME_TEXT_MAX];

	memset(&c, 0, sizeof(c));
	pt_time_civil_from_days(pt_commitment_days(as_of) - grace_days, &c.year, &c.month, &c.day);
	pt_time_format_civil(&c, PT_TIME_DATE_ONLY, buf);
	memcpy(out, buf, 10);
	out[10] = '\0';
}
