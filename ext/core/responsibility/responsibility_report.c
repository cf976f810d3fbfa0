/* participa core: the responsibility report (see responsibility_report.h). */
#include "core/responsibility/responsibility_report.h"
#include "core/commitment/config_commitments.h"
#include "core/site/territory.h"
#include "core/common/csv.h"
#include "core/common/json_write.h"
#include "core/common/pt_buf.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

pt_status pt_resp_scope_of(const pt_config *cfg, const char *of, size_t len, const pt_allocator *a,
	pt_resp_scope *out, pt_error *err)
{
	const pt_territory_tree *tr = &cfg->territories;
	const pt_responsibilities *rs = cfg->responsibilities;
	int32_t t = len ? pt_territory_find(tr, of, len) : -1;
	size_t i, n = 0;

	memset(out, 0, sizeof(*out));
	out->territory = t;
	if (t >= 0) {
		/* the territory and its direct children, in tree order */
		for (i = 0; i < tr->count; i++) {
			n += (int32_t)i == t || tr->items[i].parent == t;
		}
	} else {
		for (i = 0; rs && i < rs->count; i++) {
			n += strlen(rs->items[i].participant) == len && !memcmp(rs->items[i].participant, of, len);
		}
		if (!n) {
			if (len && len < 192 && memchr(of, ':', len)) {
				return pt_error_set(err, PT_ERR_NOT_FOUND, "«%.64s» no tiene responsabilidad sobre ningún territorio.",
					of);
			}
			return pt_error_set(err, PT_ERR_NOT_FOUND, "No existe el territorio «%.64s».", len < 192 ? of : "?");
		}
		out->person = true;
	}
	if (n > PT_RESP_REPORT_MAX_LINES) {
		return pt_error_set(err, PT_ERR_INVALID, "El informe tendría más de %d líneas; pide uno de sus territorios.",
			PT_RESP_REPORT_MAX_LINES);
	}
	if (!(out->roots = pt_calloc(a, n ? n : 1, sizeof(int32_t)))) {
		return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	}
	for (i = 0; i < tr->count; i++) {
		bool in = false;
		size_t j;

		if (t >= 0) {
			in = (int32_t)i == t || tr->items[i].parent == t;
		} else {
			for (j = 0; !in && j < rs->count; j++) {
				in = rs->items[j].territory == (int32_t)i && strlen(rs->items[j].participant) == len
					&& !memcmp(rs->items[j].participant, of, len);
			}
		}
		if (in) {
			out->roots[out->count++] = (int32_t)i;
		}
	}
	if (out->person) {
		out->participant = rs->items[0].participant;
		for (i = 0; i < rs->count; i++) {
			if (strlen(rs->items[i].participant) == len && !memcmp(rs->items[i].participant, of, len)) {
				out->participant = rs->items[i].participant;
				break;
			}
		}
	}
	return PT_OK;
}

void pt_resp_scope_free(pt_resp_scope *s, const pt_allocator *a)
{
	pt_free(a, s->roots);
	s->roots = NULL;
	s->count = 0;
}

static void add(pt_resp_line *l, const pt_resp_facts *f)
{
	l->assemblies += f->assemblies;
	l->agreements += f->agreements;
	l->commitments += f->commitments;
	l->started += f->started;
	l->progress_sum_cents += f->progress_sum_cents;
	l->agendas[pt_agenda_stage_of(f)]++;
}

void pt_resp_report_lines(const pt_config *cfg, const pt_resp_scope *s, const pt_resp_facts *facts, size_t n,
	int32_t *line_of, pt_resp_line *out)
{
	const pt_territory_tree *tr = &cfg->territories;
	size_t i;

	for (i = 0; i < tr->count; i++) {
		line_of[i] = -1;
	}
	for (i = 0; i < s->count; i++) {
		memset(&out[i], 0, sizeof(out[i]));
		out[i].territory = s->roots[i];
		out[i].official = pt_resp_for(cfg, s->roots[i], PT_RESP_OFFICIAL);
		line_of[s->roots[i]] = (int32_t)i;
	}
	for (i = 0; i < n; i++) {
		int32_t t = facts[i].territory;

		/* every line at or above it: walk up the tree (a territory line's root sits above its children) */
		for (; t >= 0 && t < (int32_t)tr->count; t = tr->items[t].parent) {
			if (line_of[t] >= 0) {
				add(&out[line_of[t]], &facts[i]);
			}
		}
	}
}

static const pt_commitment_plan *agenda_at(const pt_config *cfg, int32_t t)
{
	const pt_commitments_config *cc = cfg->commitments;
	const char *id = cfg->territories.items[t].id;
	size_t i;

	for (i = 0; cc && i < cc->plan_count; i++) {
		if (cc->plans[i].agenda && cc->plans[i].territory && !strcmp(cc->plans[i].territory, id)) {
			return &cc->plans[i];
		}
	}
	return NULL;
}

static pt_value *str_or_null(const pt_allocator *a, const char *s)
{
	return s ? pt_value_cstr(a, s) : pt_value_null(a);
}

static pt_value *who(const pt_allocator *a, const pt_config *cfg, int32_t t, pt_resp_kind k)
{
	const pt_responsibility *r = pt_resp_for(cfg, t, k);

	return str_or_null(a, r ? r->participant : NULL);
}

static bool figures(pt_value *m, const pt_resp_line *l, const pt_allocator *a)
{
	pt_value *st = pt_value_map(a);
	unsigned k;
	bool ok = st && pt_value_setc(m, "assemblies", pt_value_int(a, l->assemblies)) == PT_OK
		&& pt_value_setc(m, "agreements", pt_value_int(a, l->agreements)) == PT_OK
		&& pt_value_setc(m, "commitments", pt_value_int(a, l->commitments)) == PT_OK
		&& pt_value_setc(m, "started", pt_value_int(a, l->started)) == PT_OK
		&& pt_value_setc(m, "progress", l->commitments ? pt_value_rational(a, l->progress_sum_cents,
			(int64_t)l->commitments * 100) : pt_value_null(a)) == PT_OK;

	for (k = 0; ok && k < PT_STAGES; k++) {
		ok = pt_value_setc(st, pt_agenda_stage_name((pt_agenda_stage)k), pt_value_int(a, l->agendas[k])) == PT_OK;
	}
	if (!ok) {
		pt_value_free(st);
		return false;
	}
	return pt_value_setc(m, "stages", st) == PT_OK;
}

pt_status pt_resp_report_value(const pt_config *cfg, const pt_resp_scope *s, const pt_resp_line *lines,
	const char *date, const pt_allocator *a, pt_value **out, pt_error *err)
{
	const pt_territory_tree *tr = &cfg->territories;
	pt_value *v = pt_value_map(a), *list = pt_value_list(a), *tot = pt_value_map(a);
	pt_resp_line sum;
	bool ok = v && list && tot;
	size_t i;
	unsigned k;

	*out = NULL;
	memset(&sum, 0, sizeof(sum));
	ok = ok && pt_value_setc(v, "of", pt_value_cstr(a, s->person ? s->participant : tr->items[s->territory].id)) == PT_OK
		&& pt_value_setc(v, "kind", pt_value_cstr(a, s->person ? "person" : "territory")) == PT_OK
		&& pt_value_setc(v, "territory", s->person ? pt_value_null(a) : pt_value_cstr(a, tr->items[s->territory].id))
			== PT_OK
		&& pt_value_setc(v, "name", s->person ? pt_value_null(a) : pt_value_cstr(a, tr->items[s->territory].name))
			== PT_OK
		&& pt_value_setc(v, "date", str_or_null(a, date)) == PT_OK;
	for (i = 0; ok && i < s->count; i++) {
		const pt_resp_line *l = &lines[i];
		const pt_territory *t = &tr->items[l->territory];
		const pt_commitment_plan *ag = agenda_at(cfg, l->territory);
		pt_value *m = pt_value_map(a);

		ok = m && pt_value_push(list, m) == PT_OK
			&& pt_value_setc(m, "territory", pt_value_cstr(a, t->id)) == PT_OK
			&& pt_value_setc(m, "name", pt_value_cstr(a, t->name)) == PT_OK
			&& pt_value_setc(m, "territory_kind", str_or_null(a, t->kind)) == PT_OK
			&& pt_value_setc(m, "official", who(a, cfg, l->territory, PT_RESP_OFFICIAL)) == PT_OK
			&& pt_value_setc(m, "servidor", who(a, cfg, l->territory, PT_RESP_SERVIDOR)) == PT_OK
			&& pt_value_setc(m, "promoter", who(a, cfg, l->territory, PT_RESP_PROMOTER)) == PT_OK
			&& pt_value_setc(m, "agenda", str_or_null(a, ag ? ag->id : NULL)) == PT_OK
			&& pt_value_setc(m, "agenda_title", str_or_null(a, ag ? ag->title : NULL)) == PT_OK
			&& figures(m, l, a);
		if (s->person || i == 0) {
			/* a territory's totals are its own line (the children are under it); a person's the sum */
			sum.assemblies += l->assemblies;
			sum.agreements += l->agreements;
			sum.commitments += l->commitments;
			sum.started += l->started;
			sum.progress_sum_cents += l->progress_sum_cents;
			for (k = 0; k < PT_STAGES; k++) {
				sum.agendas[k] += l->agendas[k];
			}
		}
	}
	ok = ok && pt_value_setc(v, "lines", list) == PT_OK;
	list = NULL;
	ok = ok && figures(tot, &sum, a) && pt_value_setc(v, "totals", tot) == PT_OK;
	tot = NULL;
	if (!ok) {
		pt_value_free(list);
		pt_value_free(tot);
		pt_value_free(v);
		return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	}
	*out = v;
	return PT_OK;
}

bool pt_resp_report_format_ok(const char *f, size_t len)
{
	return (len == 3 && !memcmp(f, "csv", 3)) || (len == 4 && !memcmp(f, "json", 4));
}

static const pt_value *field(const pt_value *m, const char *k)
{
	return m && m->type == PT_VALUE_MAP ? pt_value_get(m, k) : NULL;
}

static void text_cell(pt_buf *b, const pt_value *m, const char *k, bool first)
{
	const pt_value *v = field(m, k);

	pt_csv_field(b, v && v->type == PT_VALUE_STRING ? v->u.s.s : "", v && v->type == PT_VALUE_STRING ? v->u.s.len : 0,
		first);
}

static void int_cell(pt_buf *b, int64_t i)
{
	char n[32];

	pt_csv_field(b, n, (size_t)snprintf(n, sizeof(n), "%" PRId64, i), false);
}

static int64_t int_of(const pt_value *m, const char *k)
{
	const pt_value *v = field(m, k);

	return v && v->type == PT_VALUE_INT ? v->u.i : 0;
}

static void csv_row(pt_buf *b, const pt_value *r)
{
	static const char *const texts[] = { "territory", "name", "territory_kind", "official", "servidor", "promoter",
		"agenda", NULL };
	static const char *const ints[] = { "assemblies", "agreements", "commitments", "started", NULL };
	const pt_value *st = field(r, "stages");
	int64_t n = int_of(r, "commitments");
	size_t i;

	for (i = 0; texts[i]; i++) {
		text_cell(b, r, texts[i], i == 0);
	}
	for (i = 0; ints[i]; i++) {
		int_cell(b, int_of(r, ints[i]));
	}
	if (n > 0) {
		/* the progress sum in hundredths of a point is exact: recompute it from the figures, rounded half up */
		const pt_value *p = field(r, "progress");
		int64_t num = p && p->type == PT_VALUE_RATIONAL ? p->u.r.num : 0, den = p && p->type == PT_VALUE_RATIONAL
			? p->u.r.den : 1;
		int64_t hundredths = den > 0 ? (num * 100 * 2 + den) / (2 * den) : 0;
		char t[48];

		pt_csv_field(b, t, (size_t)snprintf(t, sizeof(t), "%" PRId64 ".%02" PRId64, hundredths / 100, hundredths % 100),
			false);
	} else {
		pt_csv_field(b, "", 0, false);
	}
	for (i = 0; i < PT_STAGES; i++) {
		int_cell(b, int_of(st, pt_agenda_stage_name((pt_agenda_stage)i)));
	}
	pt_csv_end_record(b);
}

pt_status pt_resp_report_open_data(const pt_value *v, const char *format, size_t len, const pt_allocator *a,
	char **doc, size_t *doc_len, pt_error *err)
{
	pt_buf b;
	pt_status s = PT_OK;

	*doc = NULL;
	*doc_len = 0;
	if (!pt_resp_report_format_ok(format, len)) {
		return pt_error_set(err, PT_ERR_INVALID, "participa: a responsibility report's open data is csv or json");
	}
	pt_buf_init(&b, a);
	if (len == 4) {
		s = pt_json_value(&b, v, 0, err);
	} else {
		const pt_value *ls = field(v, "lines");
		size_t i;

		pt_buf_puts(&b, "territory,name,kind,official,servidor,promoter,agenda,assemblies,agreements,commitments,"
			"started,progress_percent,none,diagnosis,agenda_stage,implementation\r\n");
		for (i = 0; ls && ls->type == PT_VALUE_LIST && i < ls->u.c.count; i++) {
			csv_row(&b, ls->u.c.items[i]);
		}
	}
	if (s == PT_OK && (b.failed || !b.data)) {
		s = pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	}
	if (s != PT_OK) {
		pt_buf_free(&b);
		return s;
	}
	*doc = b.data;
	*doc_len = b.len;
	return PT_OK;
}
