/* participa core: a questionnaire's fragments (instrument_view.h). */
#include "core/fragment/instrument_view.h"
#include "core/fragment/fragment_view.h"
#include "core/common/pt_buf.h"
#include "core/common/pt_format.h"
#include "core/common/pt_time.h"
#include "core/common/url.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- reading the public arrays ------------------------------------------------------- */

static const pt_value *member(const pt_value *m, const char *key, pt_value_type type)
{
	const pt_value *v = m && m->type == PT_VALUE_MAP ? pt_value_get(m, key) : NULL;

	return v && v->type == type ? v : NULL;
}

static const pt_value *map_of(const pt_value *m, const char *key)
{
	return member(m, key, PT_VALUE_MAP);
}

static size_t count_of(const pt_value *list)
{
	return list && list->type == PT_VALUE_LIST ? list->u.c.count : 0;
}

static const pt_value *at(const pt_value *list, size_t i)
{
	return i < count_of(list) ? list->u.c.items[i] : NULL;
}

static const char *str_or(const pt_value *m, const char *key, const char *def)
{
	const char *s = pt_fragment_str(m, key);

	return s ? s : def;
}

/* A map's member by a key of len bytes. */
static const pt_value *keyed(const pt_value *m, const char *key)
{
	return m && m->type == PT_VALUE_MAP && key ? pt_value_get(m, key) : NULL;
}

/* A figure's text: {num, den, text|percent}. */
static const char *fig(const pt_value *f, const char *key)
{
	return str_or(f, key, "");
}

/* ---- reads ---------------------------------------------------------------------------- */

static const char *view_of(const pt_value *opts)
{
	const char *v = pt_fragment_str(opts, "view");

	return v && (!strcmp(v, "report") || !strcmp(v, "corroborate")) ? v : "form";
}

/* The kind of respondent a view writes as: corroboration, evaluation (opts' as) or self. */
static const char *kind_of(const pt_value *opts)
{
	const char *as = pt_fragment_str(opts, "as");

	if (!strcmp(view_of(opts), "corroborate")) {
		return "corroboration";
	}
	return as && !strcmp(as, "evaluation") ? "evaluation" : "self";
}

const char *pt_fragment_instrument_template(const pt_value *opts)
{
	return !strcmp(view_of(opts), "report") ? "instrument-report" : "instrument-form";
}

pt_status pt_fragment_instrument_read(const pt_value *opts, const char *viewer, size_t i, const pt_allocator *a,
	const char **key, char *method, size_t size, pt_value **args)
{
	const char *view = view_of(opts), *subject = pt_fragment_str(opts, "subject"), *as = kind_of(opts);
	/* the institution's answers are the subject's, whoever reads them: a visitor reads them as "visitante" */
	const char *reader = viewer && *viewer ? viewer : "visitante";
	const char *names[5] = { NULL, NULL, NULL, NULL, NULL }, *calls[5] = { NULL, NULL, NULL, NULL, NULL };
	int shape[5] = { 0, 0, 0, 0, 0 };   /* 0: no arguments, 1: (reader, subject), 2: (viewer, subject, as) */
	size_t n = 0;
	pt_value *l, *o;

	*args = NULL;
	if (!strcmp(view, "report")) {
		names[n] = "report", calls[n++] = "report";
	} else {
		names[n] = "definition", calls[n++] = "definition";
		if (subject && *subject && !strcmp(view, "corroborate")) {
			names[n] = "self", calls[n] = "response", shape[n++] = 1;
			if (viewer && *viewer) {
				names[n] = "response", calls[n] = "response", shape[n++] = 2;
			}
		} else if (subject && *subject && viewer && *viewer) {
			names[n] = "response", calls[n] = "response", shape[n++] = strcmp(as, "self") ? 2 : 1;
		} else if (subject && *subject && !strcmp(as, "self")) {
			names[n] = "response", calls[n] = "response", shape[n++] = 1;   /* a visitor: the subject's, if submitted */
		}
		if (subject && *subject && viewer && *viewer) {
			names[n] = "may", calls[n] = "refusal", shape[n++] = 2;   /* whether the viewer may write now */
		}
	}
	if (i >= n) {
		return PT_ERR_NOT_FOUND;
	}
	*key = names[i];
	snprintf(method, size, "%s", calls[i]);
	if (!(l = pt_value_list(a))) {
		return PT_ERR_NOMEM;
	}
	if (shape[i] && (pt_value_push(l, pt_value_cstr(a, shape[i] == 2 ? viewer : reader)) != PT_OK
			|| pt_value_push(l, pt_value_cstr(a, subject)) != PT_OK)) {
		return PT_ERR_NOMEM;   /* the failed push freed l */
	}
	if (shape[i] == 2 && (!(o = pt_value_map(a)) || pt_value_push(l, o) != PT_OK
			|| pt_value_setc(o, "as", pt_value_cstr(a, as)) != PT_OK)) {
		if (!o) {
			pt_value_free(l);
		}
		return PT_ERR_NOMEM;
	}
	*args = l;
	return PT_OK;
}

/* ---- shared pieces ---------------------------------------------------------------------- */

typedef struct iv {
	pt_fragment_vb b;
	const pt_value *data, *def;
	const char *tz, *lang;
	char form[32];           /* the form's id suffix: "cuestionario", "corroboracion" */
	char form_id[160];       /* "<instance>-<form>" */
	bool corroborate;
	const pt_value *refusal, *draft, *errors;   /* a refused post of this form */
	bool submit_refused;
	const pt_value *answers; /* the stored response's answers (own, or the citizen's own corroboration) */
	const pt_value *self;    /* corroborate: the institution's answers */
} iv;

/* A date and time the server wrote (UTC DATETIME text) in words, in the site's zone. */
static void utc_words(iv *v, pt_buf *out, const char *text)
{
	if (text && pt_format_datetime(out, text, v->tz, v->lang) != PT_OK) {
		pt_buf_puts(out, text);
	}
}

/* A civil time of the site ("YYYY-MM-DD HH:MM:SS", the YAML's dates) in words. */
static void local_words(iv *v, pt_buf *out, const char *text)
{
	const pt_time_zone *z = pt_time_zone_named(v->tz);
	int64_t secs;
	bool date_only;
	char iso[PT_TIME_TEXT_MAX];

	if (!text || !pt_time_parse_datetime(text, strlen(text), 1, &secs, &date_only)) {
		return;
	}
	pt_time_format_iso(pt_time_zone_local_to_utc(z, secs) * 1000000, 0, iso);
	if (pt_format_datetime(out, iso, v->tz, v->lang) != PT_OK) {
		pt_buf_puts(out, text);
	}
}

/* Now as the site's civil time text, comparable with the YAML's ("YYYY-MM-DD HH:MM:SS"). */
static void local_now(iv *v, char buf[32])
{
	int64_t now = pt_fragment_int(v->data, "now", 0);
	pt_civil c;

	pt_time_civil_from_seconds(now + pt_time_zone_offset(pt_time_zone_named(v->tz), now), &c);
	snprintf(buf, 32, "%04lld-%02u-%02u %02u:%02u:%02u", (long long)c.year, c.month, c.day, c.hour, c.minute,
		c.second);
}

void pt_fragment_instrument_width(int64_t num, int64_t den, int64_t full, char *buf, size_t size)
{
	int64_t tenths = 0;

	if (den > 0 && num > 0) {
		/* exact: num/den of full, in tenths, rounded half up; within int64 for den, num <= 2^40 */
		if (num >= den) {
			tenths = full * 10;
		} else if (num < (INT64_C(1) << 40) && den < (INT64_C(1) << 40)) {
			tenths = (num * full * 10 * 2 + den) / (2 * den);
		} else {
			tenths = (int64_t)((double)num / (double)den * (double)full * 10.0 + 0.5);
		}
	}
	snprintf(buf, size, "%lld.%lld", (long long)(tenths / 10), (long long)(tenths % 10));
}

static void vbuf(iv *v, pt_value *map, const char *key, pt_buf *b)
{
	if (b->failed) {
		v->b.s = PT_ERR_NOMEM;
	}
	pt_fragment_vstr(&v->b, map, key, b->data ? b->data : "");
	b->len = 0;
	if (b->data) {
		b->data[0] = '\0';
	}
}

/* ---- the form ---------------------------------------------------------------------------- */

/* The item's stored answer as the text its control holds ("yes", "3", an option's id). */
static void stored_text(const pt_value *answers, const char *item, pt_buf *out, bool evidence)
{
	const pt_value *a = map_of(answers, item), *x = a ? pt_value_get(a, evidence ? "evidence" : "value") : NULL;

	if (!x) {
		return;
	}
	switch (x->type) {
	case PT_VALUE_BOOL: pt_buf_puts(out, x->u.b ? "yes" : "no"); break;
	case PT_VALUE_INT: {
		char n[32];

		snprintf(n, sizeof(n), "%lld", (long long)x->u.i);
		pt_buf_puts(out, n);
		break;
	}
	case PT_VALUE_STRING: pt_buf_append(out, x->u.s.s, x->u.s.len); break;
	default: break;
	}
}

/* The value a control shows: the refused draft's field[item] (as typed), else the stored answer. */
static void control_text(iv *v, const char *field, const char *item, pt_buf *out)
{
	out->len = 0;
	if (v->refusal) {
		const pt_value *x = keyed(map_of(v->draft, field), item);

		if (x && x->type == PT_VALUE_STRING) {
			pt_buf_append(out, x->u.s.s, x->u.s.len);
		}
	} else if (strcmp(field, "evidence")) {
		stored_text(v->answers, item, out, false);
	} else {
		stored_text(v->answers, item, out, true);
	}
	pt_buf_append(out, "", 0);
}

/* The error a refusal gave control field[item], or NULL. */
static const char *field_error(iv *v, const char *field, const char *item)
{
	char name[200];

	snprintf(name, sizeof(name), "%s[%s]", field, item);
	return pt_fragment_str(v->errors, name);
}

/* Whether value earns points for item (the evidence rule of core/instrument/instrument.c). */
static bool earns(const pt_value *item, const char *scale, const char *value)
{
	if (!value || !*value) {
		return false;
	}
	if (!strcmp(scale, "yes_no") || !strcmp(scale, "partial")) {
		return !strcmp(value, "yes") || (!strcmp(scale, "partial") && !strcmp(value, "partial"));
	}
	if (!strcmp(scale, "numeric")) {
		long long n = 0;

		return sscanf(value, "%lld", &n) == 1 && n > pt_fragment_int(item, "min", 0);
	}
	if (!strcmp(scale, "choice")) {
		const pt_value *opts = member(item, "options", PT_VALUE_LIST);

		for (size_t i = 0; i < count_of(opts); i++) {
			const char *id = pt_fragment_str(at(opts, i), "id");

			if (id && !strcmp(id, value)) {
				return pt_fragment_int(at(opts, i), "points", 0) > 0;
			}
		}
	}
	return false;
}

/* map[key] = "a b" of the ids that describe a control. */
static void vdescribed(iv *v, pt_value *map, const char *key, const char *hint, const char *error)
{
	char ids[600];

	snprintf(ids, sizeof(ids), "%s%s%s", hint ? hint : "", hint && error ? " " : "", error ? error : "");
	if (*ids) {
		pt_fragment_vstr(&v->b, map, key, ids);
	}
}

/* The answer in words: "Sí", "En parte", an option's label, the number, the text. */
static void answer_words(iv *v, const pt_value *item, const pt_value *answers, pt_buf *out)
{
	const char *scale = str_or(item, "scale", "");
	const char *id = str_or(item, "id", "");
	size_t start = out->len;
	pt_buf t;

	pt_buf_init(&t, v->b.a);
	stored_text(answers, id, &t, false);
	pt_buf_append(&t, "", 0);
	if (!t.len) {
		/* a corroboration leaves alone what it agrees with */
		pt_buf_puts(out, pt_fragment_text(v->b.h, v->corroborate && answers != v->self ? "Coincide con su respuesta"
			: "Sin respuesta"));
	} else if (!strcmp(scale, "yes_no") || !strcmp(scale, "partial")) {
		pt_buf_puts(out, pt_fragment_text(v->b.h, !strcmp(t.data, "yes") ? "Sí" : !strcmp(t.data, "partial")
			? "En parte" : "No"));
	} else if (!strcmp(scale, "choice")) {
		const pt_value *opts = member(item, "options", PT_VALUE_LIST);

		for (size_t i = 0; i < count_of(opts); i++) {
			if (!strcmp(str_or(at(opts, i), "id", ""), t.data)) {
				pt_buf_puts(out, str_or(at(opts, i), "label", t.data));
			}
		}
		if (out->len == start) {
			pt_buf_puts(out, t.data);
		}
	} else {
		pt_buf_puts(out, t.data);
	}
	pt_buf_free(&t);
}

/* The item's evidence into map: evidence_url (an http(s) link, its text evidence_text) or evidence_ref (a
 * reference), when it has one: siblings, not a nested section (a template nested no deeper than it must be). */
static void vevidence(iv *v, pt_value *map, const pt_value *answers, const char *item)
{
	pt_buf t;

	pt_buf_init(&t, v->b.a);
	stored_text(answers, item, &t, true);
	pt_buf_append(&t, "", 0);
	if (t.len && (!strncmp(t.data, "https://", 8) || !strncmp(t.data, "http://", 7)) && pt_url_valid(t.data, t.len)) {
		pt_fragment_vstr(&v->b, map, "evidence_url", t.data);
		pt_fragment_vstr(&v->b, map, "evidence_text", t.data);
	} else if (t.len) {
		pt_fragment_vstr(&v->b, map, "evidence_ref", t.data);
	}
	pt_fragment_vdefaults(&v->b, map, "evidence_url", "evidence_ref", NULL);
	pt_buf_free(&t);
}

/* One option of a radio group or a select. */
static void voption(iv *v, pt_value *list, const char *base, const char *value, const char *label, const char *current,
	bool required)
{
	pt_value *o = pt_fragment_vpush(&v->b, list, pt_fragment_vmap(&v->b));
	char id[320];

	snprintf(id, sizeof(id), "%s-%s", base, *value ? value : "igual");
	pt_fragment_vstr(&v->b, o, "id", id);
	pt_fragment_vstr(&v->b, o, "value", value);
	pt_fragment_vstr(&v->b, o, "label", label);
	pt_fragment_vtrue(&v->b, o, "checked", !strcmp(value, current));
	pt_fragment_vtrue(&v->b, o, "required", required);
}

/*
 * An item's control into its row, flat: the kind (radios, select, numeric, textarea: true), control_id,
 * name, value, min, max, hint_id, hint, describedby, options (radios and select), error_id/error_text;
 * the evidence field's evidence_id, evidence_name, evidence_value, evidence_hint_id, evidence_hint,
 * evidence_describedby, evidence_error_id/evidence_error_text. No section in a section but the options:
 * a template nested no deeper than it must be.
 */
static void vcontrol(iv *v, pt_value *it, const pt_value *item, bool required)
{
	const char *id = str_or(item, "id", ""), *scale = str_or(item, "scale", ""), *evidence = str_or(item, "evidence",
		"none");
	const char *err, *ev_err = NULL, *kind;
	char base[240], eid[260], hid[260], name[200];
	pt_buf cur, ev;
	pt_value *opts = NULL;

	snprintf(base, sizeof(base), "%s-%s", v->form_id, id);
	snprintf(eid, sizeof(eid), "%s-error", base);
	snprintf(hid, sizeof(hid), "%s-ayuda", base);
	pt_buf_init(&cur, v->b.a);
	pt_buf_init(&ev, v->b.a);
	control_text(v, !strcmp(scale, "numeric") ? "numbers" : "answers", id, &cur);
	control_text(v, "evidence", id, &ev);
	err = field_error(v, !strcmp(scale, "numeric") ? "numbers" : "answers", id);
	if (!err && v->submit_refused && required && !cur.len) {
		err = pt_fragment_text(v->b.h, "Falta esta respuesta.");
	}
	if (strcmp(evidence, "none")) {
		ev_err = field_error(v, "evidence", id);
		if (!ev_err && v->submit_refused && !strcmp(evidence, "required") && !ev.len && earns(item, scale, cur.data)) {
			ev_err = pt_fragment_text(v->b.h, "Esta respuesta suma puntos: escribe la liga o referencia que la "
				"respalda.");
		}
	}
	kind = !strcmp(scale, "yes_no") || !strcmp(scale, "partial") ? "radios" : !strcmp(scale, "choice") ? "select"
		: !strcmp(scale, "numeric") ? "numeric" : "textarea";
	pt_fragment_vtrue(&v->b, it, kind, true);
	snprintf(name, sizeof(name), "%s[%s]", !strcmp(scale, "numeric") ? "numbers" : "answers", id);
	pt_fragment_vstr(&v->b, it, "control_id", base);
	pt_fragment_vstr(&v->b, it, "name", name);
	pt_fragment_vstr(&v->b, it, "value", cur.data ? cur.data : "");
	if (!strcmp(kind, "radios")) {
		opts = pt_fragment_vset(&v->b, it, "options", pt_fragment_vlist(&v->b));
		if (v->corroborate) {
			voption(v, opts, base, "", pt_fragment_text(v->b.h, "Coincido con su respuesta"), cur.data, false);
		}
		voption(v, opts, base, "yes", pt_fragment_text(v->b.h, "Sí"), cur.data, required);
		if (!strcmp(scale, "partial")) {
			voption(v, opts, base, "partial", pt_fragment_text(v->b.h, "En parte"), cur.data, required);
		}
		voption(v, opts, base, "no", pt_fragment_text(v->b.h, "No"), cur.data, required);
	} else if (!strcmp(kind, "select")) {
		const pt_value *list = member(item, "options", PT_VALUE_LIST);

		opts = pt_fragment_vset(&v->b, it, "options", pt_fragment_vlist(&v->b));
		voption(v, opts, base, "", pt_fragment_text(v->b.h, v->corroborate ? "Coincido con su respuesta"
			: "Elige una opción"), cur.data, false);
		for (size_t i = 0; i < count_of(list); i++) {
			const char *oid = str_or(at(list, i), "id", "");

			voption(v, opts, base, oid, str_or(at(list, i), "label", oid), cur.data, false);
		}
	} else if (!strcmp(kind, "numeric")) {
		long long lo = pt_fragment_int(item, "min", 0), hi = pt_fragment_int(item, "max_value", 0);

		pt_fragment_vint(&v->b, it, "min", lo);
		pt_fragment_vint(&v->b, it, "max", hi);
		pt_fragment_vstr(&v->b, it, "hint_id", hid);
		if (v->corroborate) {
			pt_fragment_vfmt(&v->b, it, "hint", "Un número entero de %lld a %lld; déjalo vacío si coincides.", lo, hi);
		} else {
			pt_fragment_vfmt(&v->b, it, "hint", "Un número entero de %lld a %lld.", lo, hi);
		}
	} else {
		pt_fragment_vint(&v->b, it, "max", 2000);
	}
	vdescribed(v, it, "describedby", !strcmp(kind, "numeric") ? hid : NULL, err ? eid : NULL);
	if (err) {
		pt_fragment_vstr(&v->b, it, "error_id", eid);
		pt_fragment_vstr(&v->b, it, "error_text", err);
		pt_fragment_vtrue(&v->b, it, "invalid", true);
	}
	if (strcmp(evidence, "none")) {
		char fid[260], ferr[280], fh[280];

		snprintf(fid, sizeof(fid), "%s-evidencia", base);
		snprintf(ferr, sizeof(ferr), "%s-evidencia-error", base);
		snprintf(fh, sizeof(fh), "%s-evidencia-ayuda", base);
		snprintf(name, sizeof(name), "evidence[%s]", id);
		pt_fragment_vstr(&v->b, it, "evidence_id", fid);
		pt_fragment_vstr(&v->b, it, "evidence_name", name);
		pt_fragment_vstr(&v->b, it, "evidence_value", ev.data ? ev.data : "");
		pt_fragment_vtext(&v->b, it, "evidence_label", "Evidencia (liga o referencia)");
		pt_fragment_vstr(&v->b, it, "evidence_hint_id", fh);
		pt_fragment_vtext(&v->b, it, "evidence_hint", !strcmp(evidence, "required")
			? "Obligatoria si la respuesta suma puntos: la dirección de un documento o su referencia (oficio, acta)."
			: "Opcional: la dirección de un documento o su referencia (oficio, acta).");
		vdescribed(v, it, "evidence_describedby", fh, ev_err ? ferr : NULL);
		if (ev_err) {
			pt_fragment_vstr(&v->b, it, "evidence_error_id", ferr);
			pt_fragment_vstr(&v->b, it, "evidence_error_text", ev_err);
		}
	}
	pt_buf_free(&cur);
	pt_buf_free(&ev);
}

/* The refused post of this form (any of its actions), its draft and errors. */
static void find_refusal(iv *v)
{
	static const char *const actions[] = { "instrument.draft", "instrument.submit", "instrument.corroborate" };

	for (size_t i = 0; i < 3 && !v->refusal; i++) {
		const pt_value *r = pt_fragment_refusal(v->b.h, actions[i], v->form);

		if (r) {
			v->refusal = r;
			v->submit_refused = i > 0;
		}
	}
	v->draft = map_of(v->refusal, "draft");
	v->errors = map_of(v->refusal, "errors");
}

/* The window of kind: its texts into top, and whether answers are taken now. */
static bool vwindow(iv *v, pt_value *top, const char *kind)
{
	const pt_value *r = map_of(map_of(v->def, "respondents"), kind);
	const char *opens = pt_fragment_str(r, "opens"), *closes = pt_fragment_str(r, "closes");
	const char *deadline = pt_fragment_str(r, "deadline");
	char now[32];
	pt_buf w;
	bool open = r != NULL;
	/* the moment to name: a close at a time of day is that time ("18:00"); a date's close is the
	 * next midnight, named by its last minute ("23:59" of that date) */
	const char *last = closes && deadline && strlen(closes) >= 19 && !strcmp(closes + 11, "00:00:00") ? deadline
		: closes;

	pt_buf_init(&w, v->b.a);
	local_now(v, now);
	if (!r) {
		pt_fragment_vtext(&v->b, top, "closed", "Este cuestionario no recibe respuestas de este tipo.");
	} else if (opens && strcmp(now, opens) < 0) {
		local_words(v, &w, opens);
		pt_buf_append(&w, "", 0);
		pt_fragment_vfmt(&v->b, top, "closed", "Este cuestionario abre el %s.", w.data ? w.data : "");
		open = false;
	} else if (closes && strcmp(now, closes) >= 0) {
		local_words(v, &w, last);
		pt_buf_append(&w, "", 0);
		pt_fragment_vfmt(&v->b, top, "closed", "El plazo para responder terminó el %s. Ya no se reciben respuestas.",
			w.data ? w.data : "");
		open = false;
	} else if (closes) {
		local_words(v, &w, last);
		pt_buf_append(&w, "", 0);
		pt_fragment_vfmt(&v->b, top, "deadline", "Fecha límite: %s (hora del sitio).", w.data ? w.data : "");
	}
	pt_buf_free(&w);
	return open;
}

/* The hidden fields of the form. */
static void vhidden(iv *v, pt_value *form, const char *subject, const char *kind)
{
	pt_value *list = pt_fragment_vset(&v->b, form, "hidden", pt_fragment_vlist(&v->b));
	const char *pairs[12];
	pt_buf here;
	size_t n = 0;

	pt_buf_init(&here, v->b.a);
	if (pt_fragment_here(v->b.h, &here) != PT_OK) {
		v->b.s = PT_ERR_NOMEM;
	}
	pairs[n++] = "participa_form", pairs[n++] = v->form;
	pairs[n++] = "participa_return", pairs[n++] = here.data ? here.data : "";
	pairs[n++] = "instrument", pairs[n++] = str_or(v->def, "id", "");
	pairs[n++] = "subject", pairs[n++] = subject;
	if (!strcmp(kind, "evaluation")) {
		pairs[n++] = "as", pairs[n++] = kind;
	}
	if (v->b.h && v->b.h->token_name && *v->b.h->token_name) {
		pairs[n++] = v->b.h->token_name, pairs[n++] = v->b.h->token_value ? v->b.h->token_value : "";
	}
	for (size_t i = 0; i + 1 < n; i += 2) {
		pt_value *f = pt_fragment_vpush(&v->b, list, pt_fragment_vmap(&v->b));

		pt_fragment_vstr(&v->b, f, "name", pairs[i]);
		pt_fragment_vstr(&v->b, f, "value", pairs[i + 1]);
	}
	pt_buf_free(&here);
}

/* The subject named id in the definition, or NULL. */
static const pt_value *subject_of(const pt_value *def, const char *id)
{
	const pt_value *list = member(def, "subjects", PT_VALUE_LIST);

	for (size_t i = 0; id && i < count_of(list); i++) {
		if (!strcmp(str_or(at(list, i), "id", ""), id)) {
			return at(list, i);
		}
	}
	return NULL;
}

/* No subject chosen: links to each. */
static void vchooser(iv *v, pt_value *top)
{
	const pt_value *list = member(v->def, "subjects", PT_VALUE_LIST);
	pt_value *c = pt_fragment_vset(&v->b, top, "chooser", pt_fragment_vmap(&v->b));
	pt_value *items = pt_fragment_vset(&v->b, top, "subjects", pt_fragment_vlist(&v->b));
	int key = PT_FRAGMENT_PARAM_VIEW;
	pt_buf b;

	pt_fragment_vtext(&v->b, c, "text", v->corroborate ? "Elige de quién quieres corroborar las respuestas:"
		: "Elige de quién es el cuestionario que respondes:");
	pt_buf_init(&b, v->b.a);
	for (size_t i = 0; i < count_of(list); i++) {
		const char *id = str_or(at(list, i), "id", "");
		pt_value *s = pt_fragment_vpush(&v->b, items, pt_fragment_vmap(&v->b));

		b.len = 0;
		if (pt_fragment_link(v->b.h, &b, &key, &id, 1) != PT_OK) {
			v->b.s = PT_ERR_NOMEM;
		}
		pt_buf_append(&b, "", 0);
		pt_fragment_vstr(&v->b, s, "name", str_or(at(list, i), "name", id));
		pt_fragment_vstr(&v->b, s, "group", pt_fragment_str(at(list, i), "group"));
		pt_fragment_vstr(&v->b, s, "href", b.data ? b.data : "");
		pt_fragment_vdefaults(&v->b, s, "group", NULL);
	}
	pt_buf_free(&b);
}

/* The status line of a stored response. */
static void vstatus(iv *v, pt_value *top, const pt_value *resp, const char *subject_name)
{
	const char *status = pt_fragment_str(resp, "status");
	pt_buf w;

	if (!status) {
		return;
	}
	pt_buf_init(&w, v->b.a);
	if (!strcmp(status, "submitted")) {
		utc_words(v, &w, pt_fragment_str(resp, "submitted_at"));
		pt_buf_append(&w, "", 0);
		if (v->corroborate) {
			pt_fragment_vfmt(&v->b, top, "status", "Enviaste tu corroboración sobre %s el %s. Gracias.", subject_name,
				w.data ? w.data : "");
		} else {
			pt_fragment_vfmt(&v->b, top, "status", "La respuesta de %s se envió el %s.", subject_name,
				w.data ? w.data : "");
		}
	} else {
		size_t missing = count_of(member(resp, "missing", PT_VALUE_LIST));

		utc_words(v, &w, pt_fragment_str(resp, "updated_at"));
		pt_buf_append(&w, "", 0);
		if (missing == 1) {
			pt_fragment_vfmt(&v->b, top, "status", "Borrador guardado el %s. Falta 1 pregunta obligatoria.",
				w.data ? w.data : "");
		} else if (missing) {
			pt_fragment_vfmt(&v->b, top, "status", "Borrador guardado el %s. Faltan %zu preguntas obligatorias.",
				w.data ? w.data : "", missing);
		} else {
			pt_fragment_vfmt(&v->b, top, "status", "Borrador guardado el %s. Ya puedes enviarlo.", w.data ? w.data : "");
		}
	}
	pt_buf_free(&w);
}

static pt_status form_view(iv *v, pt_value *top)
{
	const pt_value *opts = map_of(v->data, "opts"), *resp = map_of(v->data, "response");
	const char *subject = pt_fragment_str(opts, "subject");
	const pt_value *su = subject_of(v->def, subject), *dims = member(v->def, "dimensions", PT_VALUE_LIST);
	const char *subject_name = str_or(su, "name", subject ? subject : "");
	bool submitted, open, ask;
	size_t number = 0;
	pt_value *form, *list;
	char sfx[64];

	v->corroborate = !strcmp(view_of(opts), "corroborate");
	snprintf(v->form, sizeof(v->form), "%s", v->corroborate ? "corroboracion" : "cuestionario");
	snprintf(v->form_id, sizeof(v->form_id), "%s-%s", v->b.h && v->b.h->instance && *v->b.h->instance
		? v->b.h->instance : "participa", v->form);
	pt_fragment_vstr(&v->b, top, "id", v->form_id);
	snprintf(sfx, sizeof(sfx), "%s-titulo", v->form);
	pt_fragment_vid(&v->b, top, "title_id", sfx);
	pt_fragment_vtrue(&v->b, top, "corroborate", v->corroborate);
	pt_fragment_vtext(&v->b, top, "t_required", "obligatoria");
	if (!su) {
		vchooser(v, top);
		pt_fragment_vdefaults(&v->b, top, "form", "answers", "closed", "deadline", "status", "subject_line",
			"notice", "login", "intro", "rows", "answer_rows", NULL);
		return v->b.s;
	}
	pt_fragment_vfmt(&v->b, top, "subject_line", v->corroborate ? "Corroboras las respuestas de: %s"
		: "Cuestionario de: %s", subject_name);
	submitted = resp && !strcmp(str_or(resp, "status", ""), "submitted");
	if (!submitted && !pt_fragment_str(v->data, "viewer")) {
		resp = NULL;   /* a draft is its writer's: a visitor sees only what was sent */
	}
	v->answers = map_of(resp, "answers");
	open = vwindow(v, top, kind_of(opts));
	vstatus(v, top, resp, subject_name);
	if (v->corroborate) {
		const pt_value *self = map_of(v->data, "self");

		v->self = map_of(self, "answers");
		if (!self || strcmp(str_or(self, "status", ""), "submitted")) {
			pt_fragment_vfmt(&v->b, top, "notice", "%s todavía no envía su respuesta: aún no hay qué corroborar.",
				subject_name);
			open = false;
			v->self = NULL;
		} else if (!submitted) {
			pt_fragment_vtext(&v->b, top, "intro", "Junto a cada pregunta está lo que respondió la institución. "
				"Cambia solo las respuestas en que no coincides; las demás cuentan como confirmadas.");
		}
	}
	if (!pt_fragment_str(v->data, "viewer") && open) {
		pt_fragment_vtext(&v->b, top, "login", "Inicia sesión para responder.");
	}
	find_refusal(v);
	ask = open && !submitted;
	if (ask && pt_fragment_str(v->data, "may") && *pt_fragment_str(v->data, "may")) {
		/* the viewer may not write (another municipality's, a role they lack): said before, not after, filling it in */
		pt_fragment_vstr(&v->b, top, "notice", pt_fragment_str(v->data, "may"));
		ask = false;
		if (!submitted) {
			resp = NULL;   /* nor read a draft that is not theirs */
			v->answers = NULL;
			pt_fragment_vset(&v->b, top, "status", pt_value_bool(v->b.a, 0));
		}
	}
	/* the answers are shown instead of asked when nothing more can be written */
	form = pt_fragment_vset(&v->b, top, ask ? "form" : "answers", pt_fragment_vmap(&v->b));
	if (ask) {
		char mid[200];

		pt_fragment_vstr(&v->b, form, "id", v->form_id);
		vhidden(v, form, subject, kind_of(opts));
		if (v->refusal) {
			pt_value *m = pt_fragment_vset(&v->b, form, "message", pt_fragment_vmap(&v->b));

			snprintf(mid, sizeof(mid), "%s-mensaje", v->form_id);
			pt_fragment_vstr(&v->b, m, "id", mid);
			pt_fragment_vstr(&v->b, m, "text", str_or(v->refusal, "message", ""));
		}
		pt_fragment_vtext(&v->b, form, "required_note", v->corroborate ? "Ninguna pregunta es obligatoria."
			: "Las preguntas marcadas con * son obligatorias para enviar; un borrador puede guardarse incompleto.");
		if (v->corroborate) {
			pt_fragment_vtext(&v->b, form, "submit", "Enviar corroboración");
		} else {
			pt_fragment_vtext(&v->b, form, "draft", "Guardar borrador");
			pt_fragment_vtext(&v->b, form, "submit", "Enviar");
			pt_fragment_vtext(&v->b, form, "submit_note", "Al enviar, la respuesta queda registrada y ya no se "
				"puede cambiar.");
		}
		pt_fragment_vdefaults(&v->b, form, "message", "draft", "submit_note", NULL);
	}
	/* one flat list of items, each dimension's first opening it and its last closing it: a template
	 * nested no deeper than it must be */
	list = pt_fragment_vset(&v->b, top, ask ? "rows" : "answer_rows", pt_fragment_vlist(&v->b));
	for (size_t d = 0; d < count_of(dims); d++) {
		const pt_value *dim = at(dims, d), *items = member(dim, "items", PT_VALUE_LIST);
		pt_value *first = NULL, *last = NULL;

		for (size_t i = 0; i < count_of(items); i++) {
			const pt_value *item = at(items, i);
			const char *scale = str_or(item, "scale", "");
			bool required = !v->corroborate && pt_fragment_bool(item, "required");
			pt_value *it;
			pt_buf w;

			number++;
			if (v->corroborate && !strcmp(scale, "text")) {
				continue;   /* not scored: nothing to corroborate */
			}
			it = pt_fragment_vpush(&v->b, list, pt_fragment_vmap(&v->b));
			first = first ? first : it;
			last = it;
			pt_fragment_vint(&v->b, it, "number", (int64_t)number);
			pt_fragment_vstr(&v->b, it, "text", str_or(item, "text", ""));
			pt_fragment_vtrue(&v->b, it, "required", required);
			if (pt_fragment_bool(item, "placeholder")) {
				pt_fragment_vtext(&v->b, it, "placeholder", "(pregunta de ejemplo: el documento fuente no la lista)");
			}
			pt_buf_init(&w, v->b.a);
			if (v->corroborate && v->self) {
				pt_value *s = pt_fragment_vset(&v->b, it, "institution", pt_fragment_vmap(&v->b));

				answer_words(v, item, v->self, &w);
				pt_buf_append(&w, "", 0);
				pt_fragment_vfmt(&v->b, s, "text", "Respuesta de %s: %s", subject_name, w.data ? w.data : "");
				vevidence(v, s, v->self, str_or(item, "id", ""));
				w.len = 0;
			}
			if (ask) {
				vcontrol(v, it, item, required);
			} else {
				answer_words(v, item, v->answers, &w);
				vbuf(v, it, "answer", &w);
				vevidence(v, it, v->answers, str_or(item, "id", ""));
			}
			pt_buf_free(&w);
		}
		if (first) {
			pt_value *st = pt_fragment_vset(&v->b, first, "start", pt_fragment_vmap(&v->b));

			pt_fragment_vstr(&v->b, st, "title", str_or(dim, "title", ""));
			snprintf(sfx, sizeof(sfx), "%s-%s", v->form, str_or(dim, "id", ""));
			pt_fragment_vid(&v->b, st, "id", sfx);
			pt_fragment_vtrue(&v->b, last, "end", true);
		}
	}
	for (size_t i = 0; list && i < list->u.c.count; i++) {
		pt_fragment_vdefaults(&v->b, list->u.c.items[i], "placeholder", "institution", "answer", "evidence_url",
			"evidence_ref", "radios", "select", "numeric", "textarea", "evidence_id", "evidence_error_text",
			"evidence_describedby", "invalid", "start", "end", "error_text", "describedby", "options", NULL);
	}
	if (!ask && !resp && !v->corroborate) {
		pt_fragment_vtrue(&v->b, form, "empty", true);
		pt_fragment_vtext(&v->b, form, "empty_text", "No se recibió respuesta.");
	}
	pt_fragment_vdefaults(&v->b, form, "empty", NULL);
	pt_fragment_vdefaults(&v->b, top, "form", "answers", "closed", "deadline", "status", "notice", "intro", "login",
		"chooser", "subjects", "rows", "answer_rows", NULL);
	return v->b.s;
}

/* ---- the report ---------------------------------------------------------------------------- */

#define BAR_X 210
#define BAR_FULL 330
#define BAR_H 16
#define BAR_STEP 22

/* A bar row {label, label_y, bar_y, width, value, value_x, value_y, class}. */
static void vbar(iv *v, pt_value *bars, const char *label, const pt_value *share, const char *cls, int64_t *y)
{
	pt_value *r = pt_fragment_vpush(&v->b, bars, pt_fragment_vmap(&v->b));
	char w[32], x[32];

	pt_fragment_instrument_width(pt_fragment_int(share, "num", 0), pt_fragment_int(share, "den", 1), BAR_FULL, w,
		sizeof(w));
	pt_fragment_vstr(&v->b, r, "label", label);
	pt_fragment_vint(&v->b, r, "label_y", *y + 13);
	pt_fragment_vint(&v->b, r, "bar_y", *y);
	pt_fragment_vstr(&v->b, r, "width", w);
	pt_fragment_vstr(&v->b, r, "value", fig(share, "percent"));
	snprintf(x, sizeof(x), "%lld", (long long)(BAR_X + 6 + atoll(w)));   /* the value's text after the bar */
	pt_fragment_vstr(&v->b, r, "value_x", x);
	pt_fragment_vint(&v->b, r, "value_y", *y + 13);
	pt_fragment_vstr(&v->b, r, "class", cls);
	pt_fragment_vtrue(&v->b, r, "hatched", !strcmp(cls, "participa-barra-ciudadania"));
	pt_fragment_vdefaults(&v->b, r, "hatched", NULL);
	*y += BAR_STEP;
}

static void vresponses(iv *v, pt_value *top, const pt_value *rep)
{
	const pt_value *resp = map_of(rep, "responses");
	pt_value *list = pt_fragment_vset(&v->b, top, "responses", pt_fragment_vlist(&v->b));
	int64_t total = pt_fragment_int(resp, "subjects", 0);
	static const char *const kinds[] = { "self", "corroboration", "evaluation" };

	for (size_t k = 0; k < 3; k++) {
		const pt_value *x = map_of(resp, kinds[k]);
		pt_value *r;

		if (!x || !pt_fragment_bool(x, "allowed")) {
			continue;
		}
		r = pt_fragment_vpush(&v->b, list, pt_fragment_vmap(&v->b));
		if (k == 0) {
			pt_fragment_vfmt(&v->b, r, "text", "Autoevaluación: respondieron %lld de %lld (%s).",
				(long long)pt_fragment_int(x, "subjects", 0), (long long)total, fig(map_of(x, "rate"), "percent"));
		} else if (k == 1) {
			pt_fragment_vfmt(&v->b, r, "text", "Corroboración ciudadana: %lld respuestas sobre %lld de %lld (%s).",
				(long long)pt_fragment_int(x, "submitted", 0), (long long)pt_fragment_int(x, "subjects", 0),
				(long long)total, fig(map_of(x, "rate"), "percent"));
		} else {
			pt_fragment_vfmt(&v->b, r, "text", "Evaluación: %lld evaluaciones sobre %lld de %lld (%s).",
				(long long)pt_fragment_int(x, "submitted", 0), (long long)pt_fragment_int(x, "subjects", 0),
				(long long)total, fig(map_of(x, "rate"), "percent"));
		}
		if (pt_fragment_int(x, "drafts", 0) > 0) {
			pt_fragment_vfmt(&v->b, r, "drafts", "%lld borradores sin enviar.", (long long)pt_fragment_int(x, "drafts",
				0));
		}
		pt_fragment_vdefaults(&v->b, r, "drafts", NULL);
	}
}

/* Per dimension: the SVG's bars and the table's rows. */
static void vdimensions(iv *v, pt_value *top, const pt_value *rep)
{
	const pt_value *dims = member(rep, "dimensions", PT_VALUE_LIST);
	bool self = !strcmp(str_or(rep, "scored_by", "self"), "self");
	pt_value *chart = pt_fragment_vset(&v->b, top, "chart", pt_fragment_vmap(&v->b));
	pt_value *groups = pt_fragment_vset(&v->b, chart, "groups", pt_fragment_vlist(&v->b));
	pt_value *rows = pt_fragment_vset(&v->b, top, "dimension_rows", pt_fragment_vlist(&v->b));
	const char *own = pt_fragment_text(v->b.h, self ? "Autoevaluación" : "Evaluación");
	bool any_corr = false;
	int64_t y = 0;
	char desc[512];

	for (size_t d = 0; d < count_of(dims); d++) {
		const pt_value *dim = at(dims, d), *c = map_of(dim, "corroboration");
		int64_t n = pt_fragment_int(c, "subjects", 0);
		pt_value *g = pt_fragment_vpush(&v->b, groups, pt_fragment_vmap(&v->b)), *bars, *row;

		pt_fragment_vstr(&v->b, g, "title", str_or(dim, "title", ""));
		pt_fragment_vint(&v->b, g, "title_y", y + 14);
		y += 22;
		bars = pt_fragment_vset(&v->b, g, "bars", pt_fragment_vlist(&v->b));
		vbar(v, bars, own, map_of(dim, "share"), "participa-barra-propia", &y);
		row = pt_fragment_vpush(&v->b, rows, pt_fragment_vmap(&v->b));
		pt_fragment_vstr(&v->b, row, "title", str_or(dim, "title", ""));
		pt_fragment_vstr(&v->b, row, "share", fig(map_of(dim, "share"), "percent"));
		if (n > 0) {
			char lbl[200];

			any_corr = true;
			snprintf(lbl, sizeof(lbl), pt_fragment_text(v->b.h, "Propia, en los %lld corroborados"), (long long)n);
			vbar(v, bars, lbl, map_of(c, "own_share"), "participa-barra-corroborados", &y);
			vbar(v, bars, pt_fragment_text(v->b.h, "Corroboración ciudadana"), map_of(c, "corroborated_share"),
				"participa-barra-ciudadania", &y);
			pt_fragment_vstr(&v->b, row, "own", fig(map_of(c, "own_share"), "percent"));
			pt_fragment_vstr(&v->b, row, "corroborated", fig(map_of(c, "corroborated_share"), "percent"));
			pt_fragment_vint(&v->b, row, "subjects", n);
		} else {
			pt_fragment_vstr(&v->b, row, "own", "—");
			pt_fragment_vstr(&v->b, row, "corroborated", "—");
			pt_fragment_vint(&v->b, row, "subjects", 0);
		}
		y += 8;
	}
	pt_fragment_vint(&v->b, chart, "height", y > 0 ? y : 1);
	pt_fragment_vint(&v->b, chart, "bar_x", BAR_X);
	pt_fragment_vint(&v->b, chart, "bar_h", BAR_H);
	pt_fragment_vid(&v->b, chart, "title_id", "dimensiones-titulo");
	pt_fragment_vid(&v->b, chart, "desc_id", "dimensiones-desc");
	pt_fragment_vid(&v->b, chart, "pattern_id", "rayas");
	pt_fragment_vtext(&v->b, chart, "title", "Puntaje por dimensión, en porcentaje del máximo");
	snprintf(desc, sizeof(desc), "%s", pt_fragment_text(v->b.h, any_corr
		? "Por dimensión, la barra llena es la autoevaluación de todos; la clara, la de los corroborados; la rayada, "
		  "lo que la ciudadanía corroboró. La tabla siguiente da las mismas cifras."
		: "Por dimensión, el puntaje promedio en porcentaje del máximo. La tabla siguiente da las mismas cifras."));
	pt_fragment_vstr(&v->b, chart, "desc", desc);
	pt_fragment_vtrue(&v->b, top, "any_corroboration", any_corr);
	pt_fragment_vstr(&v->b, top, "own_label", own);
}

static void vthresholds(iv *v, pt_value *top, const pt_value *rep)
{
	const pt_value *ths = member(rep, "thresholds", PT_VALUE_LIST);
	size_t scored = count_of(member(rep, "ranking", PT_VALUE_LIST));
	pt_value *list = pt_fragment_vset(&v->b, top, "thresholds", pt_fragment_vlist(&v->b));
	int64_t y = 0;

	for (size_t i = 0; i < count_of(ths); i++) {
		const pt_value *t = at(ths, i);
		pt_value *r = pt_fragment_vpush(&v->b, list, pt_fragment_vmap(&v->b));
		char w[32];

		pt_fragment_vfmt(&v->b, r, "text", "%s (%lld %% o más): %lld de %zu (%s)", str_or(t, "label", ""),
			(long long)pt_fragment_int(t, "at", 0), (long long)pt_fragment_int(t, "subjects", 0), scored,
			map_of(t, "share") ? fig(map_of(t, "share"), "percent") : "—");
		pt_fragment_instrument_width(pt_fragment_int(map_of(t, "share"), "num", 0),
			pt_fragment_int(map_of(t, "share"), "den", 1), 100, w, sizeof(w));
		pt_fragment_vstr(&v->b, r, "width", w);
		pt_fragment_vint(&v->b, r, "y", y);
		y += 1;
	}
	pt_fragment_vtrue(&v->b, top, "has_thresholds", count_of(ths) > 0);
}

static void vranking(iv *v, pt_value *top, const pt_value *rep)
{
	const pt_value *rank = member(rep, "ranking", PT_VALUE_LIST);
	const char *max = fig(map_of(map_of(rep, "instrument"), "max"), "text");
	pt_value *list = pt_fragment_vset(&v->b, top, "ranking", pt_fragment_vlist(&v->b));
	bool groups = false;

	for (size_t i = 0; i < count_of(rank); i++) {
		const pt_value *x = at(rank, i);
		pt_value *r = pt_fragment_vpush(&v->b, list, pt_fragment_vmap(&v->b));
		const char *g = pt_fragment_str(x, "group");

		pt_fragment_vint(&v->b, r, "rank", pt_fragment_int(x, "rank", 0));
		pt_fragment_vstr(&v->b, r, "name", str_or(x, "name", str_or(x, "id", "")));
		pt_fragment_vstr(&v->b, r, "group", g ? g : "");
		groups = groups || (g && *g);
		pt_fragment_vfmt(&v->b, r, "total", "%s de %s", fig(map_of(x, "total"), "text"), max);
		pt_fragment_vstr(&v->b, r, "share", fig(map_of(x, "share"), "percent"));
		pt_fragment_vstr(&v->b, r, "level", str_or(x, "level", "—"));
	}
	pt_fragment_vtrue(&v->b, top, "has_groups", groups);
	pt_fragment_vtrue(&v->b, top, "has_ranking", count_of(rank) > 0);
}

static void vgroups(iv *v, pt_value *top, const pt_value *rep)
{
	const pt_value *gs = member(rep, "groups", PT_VALUE_LIST), *ths = member(rep, "thresholds", PT_VALUE_LIST);
	pt_value *list = pt_fragment_vset(&v->b, top, "groups", pt_fragment_vlist(&v->b));
	pt_value *heads = pt_fragment_vset(&v->b, top, "group_thresholds", pt_fragment_vlist(&v->b));

	for (size_t i = 0; i < count_of(ths); i++) {
		pt_value *hd = pt_fragment_vpush(&v->b, heads, pt_fragment_vmap(&v->b));

		pt_fragment_vstr(&v->b, hd, "label", str_or(at(ths, i), "label", ""));
	}
	for (size_t i = 0; i < count_of(gs); i++) {
		const pt_value *g = at(gs, i), *gt = member(g, "thresholds", PT_VALUE_LIST);
		pt_value *r = pt_fragment_vpush(&v->b, list, pt_fragment_vmap(&v->b)), *cells;

		pt_fragment_vstr(&v->b, r, "group", str_or(g, "group", ""));
		pt_fragment_vfmt(&v->b, r, "responded", "%lld de %lld (%s)", (long long)pt_fragment_int(g, "responded", 0),
			(long long)pt_fragment_int(g, "subjects", 0), fig(map_of(g, "rate"), "percent"));
		pt_fragment_vstr(&v->b, r, "mean", map_of(g, "mean_share") ? fig(map_of(g, "mean_share"), "percent") : "—");
		cells = pt_fragment_vset(&v->b, r, "cells", pt_fragment_vlist(&v->b));
		for (size_t t = 0; t < count_of(gt); t++) {
			pt_value *c = pt_fragment_vpush(&v->b, cells, pt_fragment_vmap(&v->b));

			pt_fragment_vint(&v->b, c, "count", pt_fragment_int(at(gt, t), "subjects", 0));
		}
	}
	pt_fragment_vtrue(&v->b, top, "has_group_table", count_of(gs) > 0);
}

/* The item's text in the report's definition. */
static const char *item_text(const pt_value *rep, const char *id)
{
	const pt_value *dims = member(map_of(rep, "instrument"), "dimensions", PT_VALUE_LIST);

	for (size_t d = 0; id && d < count_of(dims); d++) {
		const pt_value *items = member(at(dims, d), "items", PT_VALUE_LIST);

		for (size_t i = 0; i < count_of(items); i++) {
			if (!strcmp(str_or(at(items, i), "id", ""), id)) {
				return str_or(at(items, i), "text", id);
			}
		}
	}
	return id ? id : "";
}

static void vdisagreements(iv *v, pt_value *top, const pt_value *rep)
{
	const pt_value *subs = member(rep, "subjects", PT_VALUE_LIST);
	pt_value *list = pt_fragment_vset(&v->b, top, "disagreements", pt_fragment_vlist(&v->b));
	size_t n = 0;

	for (size_t i = 0; i < count_of(subs); i++) {
		const pt_value *s = at(subs, i), *c = map_of(s, "corroboration");
		const pt_value *ds = member(c, "disagreements", PT_VALUE_LIST);

		for (size_t j = 0; j < count_of(ds) && n < 500; j++, n++) {
			const pt_value *d = at(ds, j);
			pt_value *r = pt_fragment_vpush(&v->b, list, pt_fragment_vmap(&v->b));

			pt_fragment_vstr(&v->b, r, "name", str_or(s, "name", str_or(s, "id", "")));
			pt_fragment_vstr(&v->b, r, "item", item_text(rep, pt_fragment_str(d, "item")));
			pt_fragment_vstr(&v->b, r, "self", fig(map_of(d, "self"), "text"));
			pt_fragment_vstr(&v->b, r, "corroborated", fig(map_of(d, "corroborated"), "text"));
			pt_fragment_vfmt(&v->b, r, "agree", "%lld de %lld", (long long)pt_fragment_int(d, "agree", 0),
				(long long)pt_fragment_int(d, "corroborations", 0));
		}
	}
	pt_fragment_vtrue(&v->b, top, "has_disagreements", n > 0);
}

/* The report's headings, captions and column names (the template has no words of its own). */
static void vlabels(iv *v, pt_value *top)
{
	static const char *const pairs[] = {
		"h_responses", "Respuestas recibidas", "h_dimensions", "Puntaje por dimensión",
		"h_thresholds", "Cuántos alcanzan cada umbral", "h_ranking", "Clasificación",
		"h_groups", "Por grupo", "h_disagreements", "Dónde la ciudadanía no coincide",
		"c_dimensions", "Puntaje por dimensión, en porcentaje del máximo",
		"c_ranking", "Clasificación por puntaje total", "c_groups", "Respuestas y niveles por grupo",
		"c_disagreements", "Preguntas en que la corroboración ciudadana difiere de la respuesta propia",
		"dimension", "Dimensión", "corroborated", "Corroboración ciudadana", "subjects", "Corroborados",
		"rank", "Posición", "name", "Nombre", "group", "Grupo", "total", "Puntaje", "share", "Porcentaje",
		"level", "Nivel", "responded", "Respondieron", "mean", "Promedio", "item", "Pregunta",
		"says_self", "Respuesta propia (puntos)", "says_citizens", "Corroboración (puntos, promedio)",
		"agree", "Coinciden", "no_ranking", "Todavía no hay respuestas enviadas.", NULL };
	pt_value *t = pt_fragment_vset(&v->b, top, "t", pt_fragment_vmap(&v->b));

	for (size_t i = 0; pairs[i]; i += 2) {
		pt_fragment_vtext(&v->b, t, pairs[i], pairs[i + 1]);
	}
}

static pt_status report_view(iv *v, pt_value *top)
{
	const pt_value *rep = map_of(v->data, "report");

	vlabels(v, top);

	pt_fragment_vid(&v->b, top, "id", "resultados");
	pt_fragment_vid(&v->b, top, "title_id", "resultados-titulo");
	pt_fragment_vstr(&v->b, top, "title", str_or(rep, "title", ""));
	pt_fragment_vtext(&v->b, top, "scored_by", !strcmp(str_or(rep, "scored_by", "self"), "self")
		? "Los puntajes y la clasificación son los de la autoevaluación de cada sujeto."
		: "Los puntajes y la clasificación son los de la evaluación.");
	vresponses(v, top, rep);
	vdimensions(v, top, rep);
	vthresholds(v, top, rep);
	vranking(v, top, rep);
	vgroups(v, top, rep);
	vdisagreements(v, top, rep);
	return v->b.s;
}

pt_status pt_fragment_instrument_view(const pt_value *data, const pt_fragment_host *h, const pt_allocator *a,
	pt_value **out, pt_error *err)
{
	iv v;
	const pt_value *opts = map_of(data, "opts");
	pt_value *top;
	pt_status s;

	memset(&v, 0, sizeof(v));
	pt_fragment_vb_init(&v.b, h, a);
	v.data = data;
	v.tz = h && h->timezone && *h->timezone ? h->timezone : str_or(data, "timezone", NULL);
	v.lang = h && h->lang ? h->lang : "es";
	top = pt_fragment_vmap(&v.b);
	pt_fragment_vset(&v.b, top, "host", pt_fragment_base(h, a));
	if (!strcmp(view_of(opts), "report")) {
		s = report_view(&v, top);
	} else {
		v.def = map_of(data, "definition");
		pt_fragment_vstr(&v.b, top, "title", str_or(v.def, "title", ""));
		pt_fragment_vstr(&v.b, top, "description", pt_fragment_str(v.def, "description"));
		pt_fragment_vstr(&v.b, top, "source", pt_fragment_str(v.def, "source"));
		pt_fragment_vdefaults(&v.b, top, "description", "source", NULL);
		s = form_view(&v, top);
	}
	if (s != PT_OK) {
		pt_value_free(top);
		*out = NULL;
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory drawing a questionnaire");
	}
	*out = top;
	return PT_OK;
}
