/* participa core: the responsibility report's fragment (see responsibility_view.h). */
#include "core/fragment/responsibility_view.h"
#include "core/fragment/fragment_view.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static const char *const kinds[] = { "official", "servidor", "promoter", NULL };

static bool push_person(pt_value *people, const pt_value *line, const char *k, const pt_allocator *a)
{
	const char *id = pt_fragment_str(line, k);
	pt_value *m;
	size_t j;

	if (!id) {
		return true;
	}
	for (j = 0; j < people->u.c.count; j++) {
		if (!strcmp(pt_fragment_str(people->u.c.items[j], "author"), id)) {
			return true;
		}
	}
	return (m = pt_value_map(a)) && pt_value_push(people, m) == PT_OK && pt_value_setc(m, "author",
		pt_value_cstr(a, id)) == PT_OK;
}

pt_value *pt_fragment_responsibility_data(pt_value *report, const pt_allocator *a)
{
	const pt_value *lines = report ? pt_value_get(report, "lines") : NULL;
	pt_value *d = pt_value_map(a), *people = pt_value_list(a);
	bool ok = report && d && people;
	size_t i, k;

	for (i = 0; ok && lines && lines->type == PT_VALUE_LIST && i < lines->u.c.count; i++) {
		for (k = 0; ok && kinds[k]; k++) {
			ok = push_person(people, lines->u.c.items[i], kinds[k], a);
		}
	}
	if (ok && report->type == PT_VALUE_MAP && pt_fragment_str(report, "kind")
			&& !strcmp(pt_fragment_str(report, "kind"), "person")) {
		pt_value *m = pt_value_map(a);

		ok = m && pt_value_push(people, m) == PT_OK && pt_value_setc(m, "author",
			pt_value_cstr(a, pt_fragment_str(report, "of"))) == PT_OK;
	}
	ok = ok && pt_value_setc(d, "people", people) == PT_OK;
	people = ok ? NULL : people;
	ok = ok && pt_value_setc(d, "report", report) == PT_OK;
	if (!ok) {
		pt_value_free(people);
		pt_value_free(d);
		pt_value_free(report);   /* d took it only on success */
		return NULL;
	}
	return d;
}

/* The mean progress "45.50 %" from the rational (two decimals, rounded half up), or the dash. */
static void progress_text(pt_fragment_vb *b, pt_value *m, const pt_value *line)
{
	const pt_value *p = pt_value_get(line, "progress");
	char t[48];

	if (p && p->type == PT_VALUE_RATIONAL && p->u.r.den > 0) {
		int64_t h = (p->u.r.num * 200 + p->u.r.den) / (2 * p->u.r.den);

		snprintf(t, sizeof(t), "%" PRId64 ".%02" PRId64 " %%", h / 100, h % 100);
	} else if (p && p->type == PT_VALUE_INT) {
		snprintf(t, sizeof(t), "%" PRId64 ".00 %%", p->u.i);
	} else {
		snprintf(t, sizeof(t), "—");
	}
	pt_fragment_vstr(b, m, "progress", t);
}

static void figures(pt_fragment_vb *b, pt_value *m, const pt_value *line)
{
	static const char *const ints[] = { "assemblies", "agreements", "commitments", "started", NULL };
	static const char *const stages[] = { "diagnosis", "agenda", "implementation", NULL };
	const pt_value *st = pt_value_get(line, "stages");
	size_t i;

	for (i = 0; ints[i]; i++) {
		pt_fragment_vint(b, m, ints[i], pt_fragment_int(line, ints[i], 0));
	}
	for (i = 0; stages[i]; i++) {
		char k[32];

		snprintf(k, sizeof(k), "stage_%s", stages[i]);
		pt_fragment_vint(b, m, k, pt_fragment_int(st, stages[i], 0));
	}
	progress_text(b, m, line);
}

static void person(pt_fragment_vb *b, pt_value *m, const char *k, const char *id)
{
	if (id) {
		pt_fragment_vstr(b, m, k, pt_fragment_name(b->h, id));
	} else {
		pt_fragment_vtext(b, m, k, "Sin asignar");
	}
}

pt_status pt_fragment_responsibility_view(const pt_value *data, const pt_fragment_host *host, const pt_allocator *a,
	pt_value **out, pt_error *err)
{
	const pt_value *r = data ? pt_value_get(data, "report") : NULL, *lines, *tot;
	const char *date, *of;
	pt_fragment_vb b;
	pt_value *v, *list, *tv;
	bool is_person;
	size_t i;

	*out = NULL;
	if (!r || r->type != PT_VALUE_MAP) {
		return pt_error_set(err, PT_ERR_INVALID, "a responsibility view needs its report");
	}
	lines = pt_value_get(r, "lines");
	tot = pt_value_get(r, "totals");
	date = pt_fragment_str(r, "date");
	of = pt_fragment_str(r, "of");
	is_person = pt_fragment_str(r, "kind") && !strcmp(pt_fragment_str(r, "kind"), "person");
	pt_fragment_vb_init(&b, host, a);
	v = pt_fragment_vmap(&b);
	pt_fragment_vset(&b, v, "host", pt_fragment_base(host, a));
	pt_fragment_vid(&b, v, "id", NULL);
	pt_fragment_vid(&b, v, "title_id", "titulo");
	if (is_person) {
		pt_fragment_vfmt(&b, v, "title", "Territorios a cargo de %s", pt_fragment_name(host, of));
	} else {
		pt_fragment_vfmt(&b, v, "title", "Informe de responsabilidad: %s", pt_fragment_str(r, "name"));
	}
	if (date) {
		pt_fragment_vfmt(&b, v, "caption", "Asambleas, acuerdos y agendas locales al %s", date);
	} else {
		pt_fragment_vtext(&b, v, "caption", "Asambleas, acuerdos y agendas locales: todo lo registrado");
	}
	{
		static const struct { const char *k, *es; } t[] = {
			{ "territory", "Territorio" }, { "official", "Responsable del territorio" }, { "servidor", "Servidor(a)" },
			{ "promoter", "Promotor(a)" }, { "agenda", "Agenda local" }, { "assemblies", "Asambleas" },
			{ "agreements", "Acuerdos" }, { "commitments", "Compromisos" }, { "started", "Iniciados" },
			{ "progress", "Avance promedio" }, { "diagnosis", "En diagnóstico" }, { "agenda_stage", "Con agenda" },
			{ "implementation", "En ejecución" }, { "total", "Total" }, { "stages", "Agendas locales por etapa" },
		};
		pt_value *tm = pt_fragment_vset(&b, v, "t", pt_fragment_vmap(&b));

		for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
			pt_fragment_vtext(&b, tm, t[i].k, t[i].es);
		}
	}
	list = pt_fragment_vset(&b, v, "lines", pt_fragment_vlist(&b));
	for (i = 0; lines && lines->type == PT_VALUE_LIST && i < lines->u.c.count && !b.s; i++) {
		const pt_value *l = lines->u.c.items[i];
		pt_value *m = pt_fragment_vpush(&b, list, pt_fragment_vmap(&b));

		pt_fragment_vstr(&b, m, "name", pt_fragment_str(l, "name"));
		/* the territory asked for (everything under it) above its children */
		pt_fragment_vstr(&b, m, "row_class", !is_person && i == 0 ? "participa-total" : "participa-linea");
		person(&b, m, "official", pt_fragment_str(l, "official"));
		person(&b, m, "servidor", pt_fragment_str(l, "servidor"));
		person(&b, m, "promoter", pt_fragment_str(l, "promoter"));
		if (pt_fragment_str(l, "agenda_title")) {
			pt_fragment_vstr(&b, m, "agenda", pt_fragment_str(l, "agenda_title"));
		} else {
			pt_fragment_vtext(&b, m, "agenda", "Sin agenda local");
		}
		figures(&b, m, l);
	}
	if (is_person && tot) {
		tv = pt_fragment_vset(&b, v, "totals", pt_fragment_vmap(&b));
		figures(&b, tv, tot);
	}
	pt_fragment_vdefaults(&b, v, "totals", NULL);
	if (b.s != PT_OK) {
		pt_value_free(v);
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory building a responsibility view");
	}
	*out = v;
	return PT_OK;
}
