/*
 * participa core: the assemblies' record and the form to record one (see
 * commitment_view.h): attendance, agenda, minutes and agreements, each
 * agreement linked to the commitment that follows it up.
 */
#include "core/fragment/commitment_view.h"
#include "core/fragment/request_rules.h"
#include "core/fragment/commitment_form.h"
#include "core/common/pt_format.h"
#include "core/commitment/commitment.h"

#include <stdio.h>
#include <string.h>

static const pt_cv_label_row assembly_labels[] = {
	{ "title", "Asambleas vecinales" }, { "place", "Lugar" }, { "attendance", "Asistencia" },
	{ "attendees", "Asistentes" }, { "agenda", "Orden del día" }, { "minutes", "Minuta" },
	{ "agreements", "Acuerdos" }, { "recorded_by", "Registró" }, { "followup", "Seguimiento" },
	{ "no_followup", "Sin compromiso de seguimiento" }, { "progress", "Avance" },
	{ "none", "Aún no hay asambleas registradas." }, { "territory", "Territorio" },
};

/* An attendee as people read it: a participant id ("wp:12") by its display name, a typed name as it is. */
static const char *attendee(const pt_fragment_host *h, const char *s)
{
	return s && strchr(s, ':') && !strchr(s, ' ') ? pt_fragment_name(h, s) : s;
}

/* The commitment that follows an agreement up (data.followups: list() of the territory), or NULL. */
static const pt_value *followup(const pt_value *list, const char *id)
{
	size_t i;

	for (i = 0; id && list && i < list->u.c.count; i++) {
		const char *k = pt_cv_str(list->u.c.items[i], "id");

		if (k && strcmp(k, id) == 0) {
			return list->u.c.items[i];
		}
	}
	return NULL;
}

static bool agreements(pt_value *v, const pt_value *as, const pt_value *followups, const pt_fragment_host *h)
{
	const pt_value *ag = pt_cv_list(as, "agreements");
	pt_value *list;
	size_t i;

	if (!ag || ag->u.c.count == 0) {
		return true;
	}
	if (!(list = pt_value_list(v->alloc)) || pt_value_setc(v, "agreements", list) != PT_OK) {
		return false;
	}
	for (i = 0; i < ag->u.c.count; i++) {
		const char *id = pt_cv_str(ag->u.c.items[i], "commitment");
		const pt_value *f = followup(followups, id);
		pt_value *x = pt_value_map(v->alloc);
		pt_buf b;

		if (!x || pt_value_push(list, x) != PT_OK || !pt_cv_paragraphs(x, "text", pt_cv_str(ag->u.c.items[i], "text"))
			|| !pt_cv_set(x, "key", id) || !pt_cv_link(x, h, "href", id)) {
			return false;
		}
		if (!pt_cv_set_null(x, "followup_title") || !pt_cv_set_null(x, "status_label") || !pt_cv_set_null(x, "light")
			|| !pt_cv_set_null(x, "progress")) {
			return false;
		}
		if (f) {
			pt_buf_init(&b, v->alloc);
			pt_cv_percent(&b, pt_cv_num(f, "progress", 0), pt_cv_lang(h));
			if (!pt_cv_set(x, "followup_title", pt_cv_str(f, "title")) || !pt_cv_set(x, "status_label", pt_cv_str(f, "status_label"))
				|| pt_request_put(x, "light", pt_cv_light(h, pt_cv_str(f, "light"), v->alloc)) != PT_OK
				|| !pt_cv_set_buf(x, "progress", &b)) {
				pt_buf_free(&b);
				return false;
			}
		}
	}
	return true;
}

static bool one_assembly(pt_value *list, const pt_value *as, const pt_value *data, size_t i, const pt_fragment_host *h)
{
	const pt_allocator *a = list->alloc;
	const pt_value *names = pt_value_get(pt_value_get(data, "site"), "territories"), *att = pt_cv_list(as, "attendees");
	const char *terr = pt_cv_str(as, "territory"), *by = pt_cv_str(as, "recorded_by");
	double n = pt_cv_num(as, "attendance", 0), min = pt_cv_num(pt_value_get(data, "site"), "min_attendance", 0);
	pt_value *v = pt_value_map(a), *people;
	pt_buf b;
	size_t k;
	bool ok;

	pt_buf_init(&b, a);
	pt_format_number(&b, n, 0, pt_cv_lang(h));
	pt_buf_puts(&b, " ");
	pt_buf_puts(&b, pt_fragment_text(h, n == 1 ? "persona" : "personas"));
	ok = v && pt_value_push(list, v) == PT_OK && pt_cv_id(v, h, "id", "asamblea", (long)pt_cv_num(as, "id", (double)i + 1))
		&& pt_cv_date(v, h, "date", pt_cv_str(as, "held_on"), false) && pt_cv_set(v, "place", pt_cv_str(as, "place"))
		&& pt_cv_set(v, "territory", terr ? (pt_cv_str(names, terr) ? pt_cv_str(names, terr) : terr) : NULL)
		&& pt_cv_set_buf(v, "attendance", &b) && pt_cv_paragraphs(v, "agenda", pt_cv_str(as, "agenda"))
		&& pt_cv_paragraphs(v, "minutes", pt_cv_str(as, "minutes"))
		&& pt_cv_set(v, "recorded_by", by ? pt_fragment_name(h, by) : NULL)
		&& agreements(v, as, pt_cv_list(data, "followups"), h);
	pt_buf_free(&b);
	if (ok && pt_cv_list(as, "agreements") && n < min) {
		ok = pt_cv_text(v, h, "quorum", "Sin el quórum de la asamblea, sus acuerdos no se volvieron compromisos.");
	}
	if (ok && att && att->u.c.count) {
		ok = (people = pt_value_list(a)) && pt_value_setc(v, "attendees", people) == PT_OK;
		for (k = 0; ok && k < att->u.c.count; k++) {
			const pt_value *p = att->u.c.items[k];
			pt_value *x = pt_value_map(a);

			ok = p->type != PT_VALUE_STRING || (x && pt_value_push(people, x) == PT_OK
				&& pt_cv_set(x, "name", attendee(h, p->u.s.s)) && pt_cv_set_bool(x, "comma", k + 1 < att->u.c.count));
			if (p->type != PT_VALUE_STRING) {
				pt_value_free(x);
			}
		}
	}
	return ok;
}

static bool set_flag(pt_value *f, const char *key, const char *v)
{
	return f && pt_cv_set(f, key, v);
}

/* The form to record an assembly (record_assembly). */
static bool assembly_form(pt_value *m, const pt_value *data, const pt_fragment_host *h)
{
	const pt_allocator *a = m->alloc;
	const pt_value *out = pt_fragment_refusal(h, PT_COMMITMENT_FORM_ASSEMBLY, "asamblea");
	const pt_value *site = pt_value_get(data, "site"), *choice = pt_cv_list(site, "territory_list");
	const char *terr = pt_cv_str(data, "territory");
	pt_value *form = NULL, *fields = NULL, *hidden = NULL, *f;
	bool ok;
	size_t i;

	if (!data || !pt_value_get(data, "may_record") || pt_value_get(data, "may_record")->type != PT_VALUE_BOOL
		|| !pt_value_get(data, "may_record")->u.b) {
		return true;
	}
	ok = (form = pt_value_map(a)) && pt_value_setc(m, "form", form) == PT_OK && pt_cv_id(form, h, "id", "asamblea", -1)
		&& pt_cv_text(form, h, "legend", "Registrar una asamblea") && pt_cv_text(form, h, "submit", "Registrar la asamblea")
		&& pt_value_setc(form, "action", pt_value_cstr(a, "")) == PT_OK
		&& (hidden = pt_cv_hidden(h, PT_COMMITMENT_FORM_ASSEMBLY, "asamblea", a))
		&& pt_value_setc(form, "hidden", hidden) == PT_OK && (fields = pt_value_list(a))
		&& pt_value_setc(form, "fields", fields) == PT_OK && pt_cv_message(form, h, PT_COMMITMENT_FORM_ASSEMBLY, "asamblea")
		&& pt_cv_set_null(form, "form_note");
	if (ok) {
		pt_buf post;

		pt_buf_init(&post, a);
		ok = pt_fragment_post_url(h, &post) == PT_OK && pt_cv_set_buf(form, "action", &post);
		pt_buf_free(&post);
	}
	if (ok && terr) {
		pt_value *t = pt_value_map(a);

		ok = t && pt_value_push(hidden, t) == PT_OK && pt_cv_set(t, "name", "territory") && pt_cv_set(t, "value", terr);
	} else if (ok && choice) {
		const char *picked = out ? pt_cv_str(pt_value_get(out, "draft"), "territory") : NULL;
		pt_value *opts;

		ok = (f = pt_cv_field(fields, h, out, "asamblea", "territory", "Territorio", "select", NULL, NULL))
			&& pt_cv_set_bool(f, "required", true) && (opts = pt_value_list(a)) && pt_request_put(f, "options", opts) == PT_OK;
		for (i = 0; ok && i < choice->u.c.count; i++) {
			const pt_value *c = choice->u.c.items[i];
			const char *id = pt_cv_str(c, "id");
			pt_value *o = pt_value_map(a);
			pt_buf label;
			double d = pt_cv_num(c, "depth", 0);

			pt_buf_init(&label, a);
			for (; d > 0; d--) {
				pt_buf_puts(&label, "– ");   /* the tree's depth, readable in a flat list */
			}
			pt_cv_puts(&label, pt_cv_str(c, "name"));
			ok = o && pt_value_push(opts, o) == PT_OK && pt_cv_set(o, "value", id) && pt_cv_set_buf(o, "label", &label)
				&& pt_cv_set_bool(o, "selected", picked && id && strcmp(picked, id) == 0);
			pt_buf_free(&label);
		}
	} else if (ok) {
		ok = (f = pt_cv_field(fields, h, out, "asamblea", "territory", "Clave del territorio", "text", NULL,
			"La clave del territorio en la configuración del sitio (por ejemplo, san-miguel-teotongo).")) != NULL
			&& pt_cv_set_bool(f, "required", true);
	}
	ok = ok && (f = pt_cv_field(fields, h, out, "asamblea", "held_on", "Fecha de la asamblea", "date", NULL,
		"AAAA-MM-DD, por ejemplo 2026-03-14.")) && pt_cv_set_bool(f, "required", true)
		/* a browser empties a date input whose value is no date: a refused draft stays as typed */
		&& (!*pt_cv_str(f, "value") || pt_commitment_valid_date(pt_cv_str(f, "value"), strlen(pt_cv_str(f, "value")))
			|| pt_cv_set(f, "type", "text"))
		&& (f = pt_cv_field(fields, h, out, "asamblea", "place", "Lugar", "text", NULL, NULL))
		&& pt_cv_set_bool(f, "required", true)
		&& (f = pt_cv_field(fields, h, out, "asamblea", "attendance", "Número de asistentes", "text", NULL, NULL))
		&& pt_cv_set_bool(f, "required", true) && set_flag(f, "inputmode", "numeric")
		&& (f = pt_cv_field(fields, h, out, "asamblea", "attendees", "Lista de asistentes", "textarea", NULL,
			"Opcional: un nombre por renglón."))
		&& set_flag(f, "rows", "4")
		&& (f = pt_cv_field(fields, h, out, "asamblea", "agenda", "Orden del día", "textarea", NULL,
			"Un punto por renglón."))
		&& set_flag(f, "rows", "4")
		&& (f = pt_cv_field(fields, h, out, "asamblea", "minutes", "Minuta", "textarea", NULL,
			"Lo que se discutió y cómo se decidió."))
		&& set_flag(f, "rows", "6")
		&& (f = pt_cv_field(fields, h, out, "asamblea", "agreements", "Acuerdos", "textarea", NULL,
			"Un acuerdo por renglón. Si la asamblea tiene quórum, cada acuerdo se vuelve un compromiso de la agenda de desarrollo local, con su seguimiento público."))
		&& set_flag(f, "rows", "4");
	return ok;
}

pt_status pt_fragment_assembly_view(const pt_value *data, const pt_fragment_host *host, const pt_allocator *a,
	pt_value **out, pt_error *err)
{
	const pt_value *as = pt_cv_list(data, "assemblies");
	const pt_value *names = pt_value_get(pt_value_get(data, "site"), "territories");
	const char *terr = pt_cv_str(data, "territory"), *tname = terr ? pt_cv_str(names, terr) : NULL;
	pt_value *m = pt_value_map(a), *list = NULL;
	pt_buf title;
	size_t i;
	bool ok;

	*out = NULL;
	pt_buf_init(&title, a);
	pt_buf_puts(&title, pt_fragment_text(host, "Asambleas vecinales"));
	if (terr) {
		pt_buf_puts(&title, ": ");
		pt_buf_puts(&title, tname ? tname : terr);
	}
	ok = m && pt_value_setc(m, "host", pt_fragment_base(host, a)) == PT_OK
		&& pt_value_setc(m, "t", pt_cv_labels(host, assembly_labels, sizeof(assembly_labels) / sizeof(assembly_labels[0]), a)) == PT_OK && pt_cv_id(m, host, "article", "asambleas", -1)
		&& pt_cv_id(m, host, "title_id", "asambleas-titulo", -1) && pt_cv_set_buf(m, "title", &title)
		&& (list = pt_value_list(a)) && pt_value_setc(m, "assemblies", list) == PT_OK;
	for (i = 0; ok && as && i < as->u.c.count; i++) {
		ok = one_assembly(list, as->u.c.items[i], data, i, host);
	}
	ok = ok && assembly_form(m, data, host);
	pt_buf_free(&title);
	if (!ok) {
		pt_value_free(m);
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	*out = m;
	return PT_OK;
}
