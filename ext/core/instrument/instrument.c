/* participa core: an instrument's answers and write rules (see instrument.h). */
#include "core/instrument/instrument.h"
#include "core/common/text.h"
#include "core/common/pt_format.h"
#include "core/process/config_processes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- answers ------------------------------------------------------------------- */

/* One line (or, multiline, several) of valid text up to max bytes. */
static bool clean(const char *s, size_t len, size_t max, bool multiline)
{
	pt_error scratch;

	pt_error_clear(&scratch);
	return len <= max && pt_text_check(s, len, 0, multiline ? PT_TEXT_MULTILINE : 0, "El texto", &scratch) == PT_OK;
}

static bool is_text(const pt_value *v, const char *s)
{
	return v->type == PT_VALUE_STRING && strcmp(v->u.s.s, s) == 0;
}

/* The canonical text of v for item it into buf (text items: NULL, the value is v's own text). */
static bool canonical(const pt_instr_item *it, const pt_value *v, char *buf, size_t size)
{
	size_t i;

	switch (it->scale) {
	case PT_SCALE_YES_NO:
		if (v->type == PT_VALUE_BOOL || is_text(v, "yes") || is_text(v, "no")) {
			snprintf(buf, size, "%s", v->type == PT_VALUE_BOOL ? (v->u.b ? "yes" : "no") : v->u.s.s);
			return true;
		}
		return false;
	case PT_SCALE_PARTIAL:
		if (is_text(v, "yes") || is_text(v, "partial") || is_text(v, "no")) {
			snprintf(buf, size, "%s", v->u.s.s);
			return true;
		}
		return false;
	case PT_SCALE_NUMERIC:
		if (v->type == PT_VALUE_INT && v->u.i >= it->min && v->u.i <= it->max) {
			snprintf(buf, size, "%lld", (long long)v->u.i);
			return true;
		}
		return false;
	case PT_SCALE_CHOICE:
		for (i = 0; v->type == PT_VALUE_STRING && i < it->option_count; i++) {
			if (strcmp(it->options[i].id, v->u.s.s) == 0 && strlen(v->u.s.s) == v->u.s.len) {
				snprintf(buf, size, "%s", v->u.s.s);
				return true;
			}
		}
		return false;
	case PT_SCALE_TEXT:
		return false;
	}
	return false;
}

static pt_status bad_value(const pt_instr_item *it, size_t at, pt_error *err)
{
	pt_status s;

	switch (it->scale) {
	case PT_SCALE_YES_NO:
		s = pt_error_set(err, PT_ERR_INVALID, "La respuesta a «%s» debe ser sí o no (true, false, \"yes\" o \"no\").",
			it->id);
		break;
	case PT_SCALE_PARTIAL:
		s = pt_error_set(err, PT_ERR_INVALID, "La respuesta a «%s» debe ser \"yes\", \"partial\" o \"no\".", it->id);
		break;
	case PT_SCALE_NUMERIC:
		s = pt_error_set(err, PT_ERR_INVALID, "La respuesta a «%s» debe ser un número entero de %lld a %lld.", it->id,
			(long long)it->min, (long long)it->max);
		break;
	case PT_SCALE_CHOICE:
		s = pt_error_set(err, PT_ERR_INVALID, "La respuesta a «%s» debe ser una de sus opciones.", it->id);
		break;
	default:
		s = pt_error_set(err, PT_ERR_INVALID, "La respuesta a «%s» debe ser texto de hasta %d bytes.", it->id,
			PT_INSTR_TEXT_MAX);
		break;
	}
	err->index = (long)at;
	return s;
}

static pt_status one_answer(const pt_instrument *in, const char *key, size_t key_len, const pt_value *v, size_t at,
	pt_instr_answer *out, const pt_allocator *a, pt_error *err)
{
	const pt_value *value = v, *ev = NULL;
	const pt_instr_item *it;
	char buf[96];
	int32_t idx = pt_instr_item_find(in, key, key_len);

	if (idx < 0) {
		err->index = (long)at;
		return pt_error_set(err, PT_ERR_INVALID, "Este cuestionario no tiene la pregunta «%.64s».",
			pt_process_id_valid(key, key_len) ? key : "?");
	}
	it = &in->items[idx];
	if (v->type == PT_VALUE_MAP) {
		size_t i;

		value = NULL;
		for (i = 0; i < v->u.c.count; i++) {
			if (strcmp(v->u.c.keys[i], "value") == 0) {
				value = v->u.c.items[i];
			} else if (strcmp(v->u.c.keys[i], "evidence") == 0) {
				ev = v->u.c.items[i];
			} else {
				err->index = (long)at;
				return pt_error_set(err, PT_ERR_INVALID, "La respuesta a «%s» admite solo value y evidence.", it->id);
			}
		}
		if (!value) {
			err->index = (long)at;
			return pt_error_set(err, PT_ERR_INVALID, "La respuesta a «%s» necesita value.", it->id);
		}
	}
	memset(out, 0, sizeof(*out));
	out->item = idx;
	if (ev && ev->type != PT_VALUE_NULL) {
		if (ev->type != PT_VALUE_STRING || ev->u.s.len == 0 || ev->u.s.len > PT_INSTR_EVIDENCE_MAX
			|| !clean(ev->u.s.s, ev->u.s.len, PT_INSTR_EVIDENCE_MAX, false)) {
			err->index = (long)at;
			return pt_error_set(err, PT_ERR_INVALID, "La evidencia de «%s» debe ser una liga o referencia de una "
				"línea, de hasta %d bytes.", it->id, PT_INSTR_EVIDENCE_MAX);
		}
		if (it->evidence == PT_EVIDENCE_NONE) {
			err->index = (long)at;
			return pt_error_set(err, PT_ERR_INVALID, "La pregunta «%s» no lleva evidencia.", it->id);
		}
		if (!(out->evidence = pt_strndup(a, ev->u.s.s, ev->u.s.len))) {
			return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
		}
		out->evidence_len = ev->u.s.len;
	}
	if (value->type == PT_VALUE_NULL) {
		return PT_OK; /* cleared */
	}
	if (it->scale == PT_SCALE_TEXT) {
		if (value->type != PT_VALUE_STRING || value->u.s.len > PT_INSTR_TEXT_MAX
			|| !clean(value->u.s.s, value->u.s.len, PT_INSTR_TEXT_MAX, true)) {
			return bad_value(it, at, err);
		}
		out->value = pt_strndup(a, value->u.s.s, value->u.s.len);
		out->value_len = value->u.s.len;
	} else {
		if (!canonical(it, value, buf, sizeof(buf))) {
			return bad_value(it, at, err);
		}
		out->value = pt_strndup(a, buf, strlen(buf));
		out->value_len = strlen(buf);
	}
	return out->value ? PT_OK : pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
}

pt_status pt_instr_answers_parse(const pt_instrument *in, const pt_value *answers, pt_instr_answers *out,
	const pt_allocator *a, pt_error *err)
{
	size_t i, j, n;

	memset(out, 0, sizeof(*out));
	out->a = a;
	if (!answers || answers->type == PT_VALUE_NULL) {
		return PT_OK;
	}
	if (answers->type == PT_VALUE_LIST && answers->u.c.count == 0) {
		return PT_OK;
	}
	if (answers->type != PT_VALUE_MAP) {
		return pt_error_set(err, PT_ERR_INVALID, "Las respuestas se dan por pregunta: [id de la pregunta => respuesta].");
	}
	n = answers->u.c.count;
	if (n > in->item_count) {
		return pt_error_set(err, PT_ERR_INVALID, "Este cuestionario tiene %zu preguntas.", in->item_count);
	}
	if (n && !(out->items = pt_calloc(a, n, sizeof(*out->items)))) {
		return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	}
	for (i = 0; i < n; i++) {
		pt_status s = one_answer(in, answers->u.c.keys[i], answers->u.c.key_lens[i], answers->u.c.items[i], i,
			&out->items[out->count], a, err);

		if (s != PT_OK) {
			pt_instr_answers_free(out);
			return s;
		}
		out->count++;
		for (j = 0; j + 1 < out->count; j++) {
			if (out->items[j].item == out->items[out->count - 1].item) {
				pt_instr_answers_free(out);
				err->index = (long)i;
				return pt_error_set(err, PT_ERR_INVALID, "La pregunta «%s» se respondió dos veces.",
					in->items[out->items[j].item].id);
			}
		}
	}
	return PT_OK;
}

void pt_instr_answers_free(pt_instr_answers *ans)
{
	size_t i;

	for (i = 0; i < ans->count; i++) {
		pt_free(ans->a, ans->items[i].value);
		pt_free(ans->a, ans->items[i].evidence);
	}
	pt_free(ans->a, ans->items);
	ans->items = NULL;
	ans->count = 0;
}

/* A whole number within the scale, from stored text. */
static bool parse_int(const char *s, size_t len, int64_t *out)
{
	int64_t v = 0;
	size_t i = 0;
	bool neg = false;

	if (len && s[0] == '-') {
		neg = true;
		i = 1;
	}
	if (i == len || len - i > 9) {
		return false;
	}
	for (; i < len; i++) {
		if (s[i] < '0' || s[i] > '9') {
			return false;
		}
		v = v * 10 + (s[i] - '0');
	}
	*out = neg ? -v : v;
	return true;
}

static bool text_is(const char *s, size_t len, const char *w)
{
	return strlen(w) == len && memcmp(s, w, len) == 0;
}

bool pt_instr_eval(const pt_instrument *in, size_t item, const char *value, size_t len, int64_t *units, int64_t *code)
{
	const pt_instr_item *it = &in->items[item];
	int64_t u = in->unit * it->weight, v;
	size_t i;

	*units = 0;
	*code = 0;
	switch (it->scale) {
	case PT_SCALE_YES_NO:
	case PT_SCALE_PARTIAL:
		if (text_is(value, len, "yes")) {
			*units = u * it->points;
			*code = 2;
		} else if (it->scale == PT_SCALE_PARTIAL && text_is(value, len, "partial")) {
			*units = u * it->points / 2; /* unit is even when points is odd */
			*code = 1;
		} else if (!text_is(value, len, "no")) {
			return false;
		}
		return true;
	case PT_SCALE_NUMERIC:
		if (!parse_int(value, len, &v) || v < it->min || v > it->max) {
			return false;
		}
		/* exact: unit is a multiple of (max - min) / gcd(points, max - min) */
		*units = u * it->points / (it->max - it->min) * (v - it->min)
			+ (u * it->points % (it->max - it->min)) * (v - it->min) / (it->max - it->min);
		*code = v;
		return true;
	case PT_SCALE_CHOICE:
		for (i = 0; i < it->option_count; i++) {
			if (text_is(value, len, it->options[i].id)) {
				*units = u * it->options[i].points;
				*code = (int64_t)i + 1;
				return true;
			}
		}
		return false;
	case PT_SCALE_TEXT:
		return true;
	}
	return false;
}

/* ---- the write rules ------------------------------------------------------------------ */

pt_instr_window pt_instr_window_at(const pt_instr_respondent *r, int64_t opens_utc, int64_t closes_utc,
	int64_t now_utc)
{
	if (r->has_opens && now_utc < opens_utc) {
		return PT_INSTR_WINDOW_BEFORE;
	}
	if (r->has_closes && now_utc >= closes_utc) {
		return PT_INSTR_WINDOW_AFTER;
	}
	return PT_INSTR_WINDOW_OPEN;
}

/* "20 de junio de 2022" for a local bound (an exclusive close of a whole day shows that day). */
static const char *local_date(const pt_config *cfg, int64_t local_s, bool end, char *out, size_t size)
{
	int y, mo, d, h, mi, s;
	char iso[16];
	pt_buf b;

	pt_local_fields(end ? local_s - 1 : local_s, &y, &mo, &d, &h, &mi, &s);
	snprintf(iso, sizeof(iso), "%04d-%02d-%02d", y, mo, d);
	pt_buf_init(&b, NULL);
	if (pt_format_date(&b, iso, cfg->timezone, cfg->locale) != PT_OK || b.failed || !b.data) {
		snprintf(out, size, "%s", iso);
	} else {
		snprintf(out, size, "%s", b.data);
	}
	pt_buf_free(&b);
	return out;
}

struct role_probe {
	const pt_role *want;
	bool found;
};

static void role_seen(void *ctx, const pt_role *role)
{
	struct role_probe *p = ctx;

	if (role == p->want) {
		p->found = true;
	}
}

static pt_status complete(const pt_instr_write_facts *f, pt_error *err)
{
	const pt_instrument *in = f->in;
	int64_t units, code;
	size_t i, j;

	if (f->kind == PT_INSTR_CORROBORATION) {
		for (j = 0; f->merged && j < f->merged->count; j++) {
			if (f->merged->items[j].value) {
				return PT_OK;
			}
		}
		return pt_error_set(err, PT_ERR_INVALID, "La corroboración necesita al menos una respuesta.");
	}
	for (i = 0; i < in->item_count; i++) {
		const pt_instr_answer *ans = NULL;

		for (j = 0; f->merged && j < f->merged->count; j++) {
			if ((size_t)f->merged->items[j].item == i) {
				ans = &f->merged->items[j];
			}
		}
		if (in->items[i].required && (!ans || !ans->value)) {
			err->index = (long)i;
			return pt_error_set(err, PT_ERR_INVALID, "Falta responder «%s» (%s) para enviar el cuestionario.",
				in->items[i].id, in->items[i].text);
		}
		/* evidence backs what earns points: a "no" or a 0 needs none */
		if (in->items[i].evidence == PT_EVIDENCE_REQUIRED && ans && ans->value && !ans->evidence
			&& pt_instr_eval(in, i, ans->value, ans->value_len, &units, &code) && units > 0) {
			err->index = (long)i;
			return pt_error_set(err, PT_ERR_INVALID, "La respuesta a «%s» necesita evidencia (una liga o referencia).",
				in->items[i].id);
		}
	}
	return PT_OK;
}

pt_status pt_instr_check_write(const pt_instr_write_facts *f, pt_error *err)
{
	const pt_instrument *in = f->in;
	const pt_instr_respondent *r = &in->respondents[f->kind];
	const pt_instr_subject *su = &in->subjects[f->subject];
	char when[96];

	if (!r->allowed) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "Este cuestionario no admite respuestas de tipo «%s».",
			pt_instr_kind_name(f->kind));
	}
	if (f->window == PT_INSTR_WINDOW_BEFORE) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "Este cuestionario abre el %s.",
			local_date(f->cfg, r->opens_local, false, when, sizeof(when)));
	}
	if (f->window == PT_INSTR_WINDOW_AFTER) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "El plazo para responder este cuestionario terminó el %s.",
			local_date(f->cfg, r->closes_local, true, when, sizeof(when)));
	}
	if (f->actor.banned) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "Tu cuenta está suspendida; no puedes responder cuestionarios.");
	}
	if (r->role != SIZE_MAX) {
		struct role_probe p = { &f->cfg->roles[r->role], false };

		pt_permissions_actor(f->cfg, &f->actor, su->territory >= 0 ? su->territory : PT_SCOPE_NONE,
			su->territory >= 0 ? su->territory : PT_SCOPE_NONE, role_seen, &p);
		/* an institution with a body: its own people, members of that body in the role */
		if (p.found && f->kind == PT_INSTR_SELF && su->body) {
			size_t k;

			p.found = false;
			for (k = 0; k < f->cfg->assignment_count && !p.found; k++) {
				const pt_assignment *as = &f->cfg->assignments[k];

				p.found = as->role == r->role && as->body && strcmp(as->body, su->body) == 0
					&& strcmp(as->participant, f->actor.participant) == 0;
			}
		}
		if (!p.found) {
			return pt_error_set(err, PT_ERR_NOT_ALLOWED, f->kind == PT_INSTR_SELF
				? "Solo quien tiene el rol «%s» en %s puede dar su respuesta."
				: "Solo quien tiene el rol «%s» puede responder sobre %s.", p.want->name ? p.want->name : p.want->id,
				su->name);
		}
	}
	if (f->existing == PT_INSTR_SUBMITTED) {
		return pt_error_set(err, PT_ERR_CONFLICT, f->kind == PT_INSTR_SELF
			? "La respuesta de %s ya se envió; no se puede cambiar."
			: "Ya enviaste tu respuesta sobre %s; solo se admite una.", su->name);
	}
	if (f->kind == PT_INSTR_CORROBORATION && !f->self_submitted) {
		return pt_error_set(err, PT_ERR_CONFLICT, "%s todavía no envía su respuesta: aún no hay qué corroborar.",
			su->name);
	}
	return f->submit ? complete(f, err) : PT_OK;
}

pt_status pt_instr_lookup(const pt_config *cfg, const char *id, size_t len, const pt_instrument **in, pt_error *err)
{
	if (!(*in = pt_config_instrument(cfg, id, len)) || !(*in)->id) {
		return pt_error_set(err, PT_ERR_NOT_FOUND, "No existe el cuestionario «%.64s».",
			pt_process_id_valid(id, len) ? id : "?");
	}
	return PT_OK;
}

pt_status pt_instr_subject_arg(const pt_instrument *in, const char *id, size_t len, int32_t *subject, pt_error *err)
{
	if ((*subject = pt_instr_subject_find(in, id, len)) < 0) {
		return pt_error_set(err, PT_ERR_NOT_FOUND, "«%.64s» no es un sujeto de este cuestionario.",
			len <= 64 && clean(id, len, 64, false) ? id : "?");
	}
	return PT_OK;
}

pt_status pt_instr_kind_arg(const pt_instrument *in, const char *kind, size_t len, pt_instr_kind *out, pt_error *err)
{
	int k = pt_instr_kind_from_name(kind, len);

	(void)in;
	if (k < 0) {
		return pt_error_set(err, PT_ERR_INVALID, "as: se esperaba self, corroboration o evaluation.");
	}
	*out = (pt_instr_kind)k;
	return PT_OK;
}
