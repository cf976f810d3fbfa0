/* participa core: the rules of a fragment's form post (request_rules.h). */
#include "core/fragment/request_rules.h"
#include "core/fragment/commitment_form.h"
#include "core/fragment/instrument_form.h"
#include "core/process/config_processes.h"
#include "core/fragment/thread_view.h"
#include "core/common/pt_buf.h"
#include "core/common/pt_id.h"
#include "core/common/text.h"
#include "core/common/url.h"
#include "core/common/messages.h"

#include <stdio.h>

#include <string.h>

static const char *const alignments[] = { "for", "neutral", "against", NULL };
static const char *const reactions[] = { "up", "down", "none", NULL };

/* The hidden fields of every thread form: which thread. */
#define THREAD_FIELDS \
	{ "subject_type", "El tipo de tema", PT_REQUEST_ID, true, 0, NULL, false }, \
	{ "subject_id", "El tema", PT_REQUEST_ID, true, 0, NULL, false }
#define THREAD "thread $subject_type $subject_id"
#define COMMENT_FIELD { "comment", "El comentario", PT_REQUEST_INT, true, 0, NULL, false }
#define BODY(label) { "body", label, PT_REQUEST_PROSE, true, 0, NULL, false }
#define REASON(req) { "reason", "El motivo", PT_REQUEST_TEXT, req, 500, NULL, false }

/* The process's forms: ext/php/request_process.c reads the ballot through core/fragment/ballot_form.c. */
#define PROCESS_FIELD { "process", "El proceso", PT_REQUEST_ID, true, 0, NULL, false }

/* A questionnaire's forms (core/fragment/instrument_form.c reads what the answers mean): which instrument and
 * subject (and, for an evaluator's scorecard, as=evaluation), the answers by item (answers[q1]: a choice's id or a text; numbers[q2]: a whole number; evidence[q1]:
 * a link or reference). */
static const char *const own_kinds[] = { "self", "evaluation", NULL };
#define INSTRUMENT_FIELDS \
	{ "as", "El tipo de respuesta", PT_REQUEST_CHOICE, false, 0, own_kinds, true }, \
	{ "instrument", "El cuestionario", PT_REQUEST_ID, true, 0, NULL, false }, \
	{ "subject", "El sujeto", PT_REQUEST_ID, true, 0, NULL, false }, \
	{ "answers", "El texto de la respuesta", PT_REQUEST_MAP, false, 2000, NULL, false }, \
	{ "numbers", "La cifra", PT_REQUEST_MAP, false, 16, NULL, false }, \
	{ "evidence", "La evidencia", PT_REQUEST_MAP, false, 1000, NULL, false }
#define INSTRUMENT "instrument $instrument"

/* One row per action, sorted. A handler (ext/php/request_<area>.c) reads only these fields. */
static const pt_request_rule rules[] = {
	/* what the commitment fields mean (dates, counts, lines, URLs): core/fragment/commitment_form.c */
	{ "commitments.assembly", NULL, "Se registró la asamblea.", "asamblea", "commitments", "recordAssembly %record @",
		{ { "territory", "El territorio", PT_REQUEST_ID, true, 0, NULL, false },
			{ "held_on", "La fecha", PT_REQUEST_TEXT, true, 10, NULL, false },
			{ "place", "El lugar", PT_REQUEST_TEXT, true, 125, NULL, false },
			{ "attendance", "La asistencia", PT_REQUEST_TEXT, true, 9, NULL, false },
			{ "attendees", "La lista de asistentes", PT_REQUEST_PROSE, false, 0, NULL, false },
			{ "agenda", "El orden del día", PT_REQUEST_PROSE, false, 5000, NULL, false },
			{ "minutes", "La minuta", PT_REQUEST_PROSE, false, 0, NULL, false },
			{ "agreements", "Los acuerdos", PT_REQUEST_PROSE, false, 0, NULL, false } }, pt_commitment_form_prepare },
	{ "commitments.progress", NULL, "Se guardó el avance.", "compromiso", "commitments",
		"update $commitment %changes @ %note",
		{ { "commitment", "El compromiso", PT_REQUEST_ID, true, 0, NULL, false },
			{ "progress", "El avance", PT_REQUEST_TEXT, false, 16, NULL, false },
			{ "note", "La nota", PT_REQUEST_PROSE, false, 5000, NULL, false },
			{ "evidence_url", "La dirección de la evidencia", PT_REQUEST_TEXT, false, 2000, NULL, false },
			{ "evidence_description", "La descripción de la evidencia", PT_REQUEST_TEXT, false, 500, NULL, false } },
		pt_commitment_form_prepare },
	{ "instrument.corroborate", NULL, "Gracias: tu corroboración quedó registrada.", "corroboracion", INSTRUMENT,
		"corroborate @ $subject %answers", { INSTRUMENT_FIELDS }, pt_instrument_form_prepare },
	{ "instrument.draft", NULL, "Se guardó el borrador.", "cuestionario", INSTRUMENT, "saveDraft @ $subject %answers +",
		{ INSTRUMENT_FIELDS }, pt_instrument_form_prepare },
	{ "instrument.submit", NULL, "Se envió el cuestionario. Gracias.", "cuestionario", INSTRUMENT,
		"submit @ $subject %answers +", { INSTRUMENT_FIELDS }, pt_instrument_form_prepare },
	{ "moderation.approve", "reason", "Comentario aprobado.", NULL, "moderation", "approve #comment @ $reason",
		{ COMMENT_FIELD, REASON(false) } },
	{ "moderation.ban", "reason", "Participante suspendido.", NULL, "moderation", "ban $participant @ $reason",
		{ { "participant", "La persona participante", PT_REQUEST_ID, true, 0, NULL, false }, REASON(true) } },
	{ "moderation.hide", "reason", "Comentario ocultado.", NULL, "moderation", "hide #comment @ $reason",
		{ COMMENT_FIELD, REASON(false) } },
	{ "moderation.reject", "reason", "Comentario rechazado.", NULL, "moderation", "reject #comment @ $reason",
		{ COMMENT_FIELD, REASON(false) } },
	{ "process.cast", NULL, "Tu voto quedó registrado.", NULL, NULL, NULL,
		{ PROCESS_FIELD, { "key", "El identificador de la solicitud", PT_REQUEST_ID, false, 0, NULL, false } } },
	{ "process.paper", NULL, "Lote capturado.", NULL, NULL, NULL,
		{ PROCESS_FIELD, { "batch", "El lote", PT_REQUEST_ID, true, 0, NULL, false },
			{ "assembly", "La asamblea", PT_REQUEST_ID, true, 0, NULL, false },
			{ "tally_sheet", "El acta", PT_REQUEST_ID, true, 0, NULL, false } } },
	{ "thread.answer", "comment", "Marcado como respuesta oficial.", NULL, THREAD, "markOfficial #comment @",
		{ THREAD_FIELDS, COMMENT_FIELD } },
	{ "thread.delete", "comment", "Comentario eliminado.", NULL, THREAD, "delete #comment @",
		{ THREAD_FIELDS, COMMENT_FIELD } },
	{ "thread.edit", "body", "Comentario editado.", NULL, THREAD, "edit #comment @ $body",
		{ THREAD_FIELDS, COMMENT_FIELD, BODY("El comentario") } },
	{ "thread.flag", "reason", "Gracias. Moderación revisará el comentario.", NULL, THREAD, "flag #comment @ $reason",
		{ THREAD_FIELDS, COMMENT_FIELD, REASON(true) } },
	{ "thread.post", "body", "Tu comentario se publicó.", NULL, THREAD, "post @ $body",
		{ THREAD_FIELDS, BODY("El comentario") } },
	{ "thread.react", "comment", "Tu voto quedó registrado.", NULL, THREAD, "react #comment @ $reaction",
		{ THREAD_FIELDS, COMMENT_FIELD, { "reaction", "El voto", PT_REQUEST_CHOICE, true, 0, reactions, false, "comment" } } },
	{ "thread.reply", "body", "Tu respuesta se publicó.", NULL, THREAD, "post @ $body +",
		{ THREAD_FIELDS, { "parent", "El comentario", PT_REQUEST_INT, true, 0, NULL, true }, BODY("La respuesta") } },
	{ "thread.stance", "body", "Tu comentario se publicó.", NULL, THREAD, "post @ $body +",
		{ THREAD_FIELDS, { "alignment", "La postura", PT_REQUEST_CHOICE, true, 0, alignments, true },
			BODY("El comentario") } },
};

#define RULES (sizeof(rules) / sizeof(rules[0]))

const pt_request_rule *pt_request_rule_find(const char *action, size_t len)
{
	for (size_t i = 0; action && i < RULES; i++) {
		if (strlen(rules[i].action) == len && !memcmp(rules[i].action, action, len)) {
			return &rules[i];
		}
	}
	return NULL;
}

const pt_request_rule *pt_request_rule_at(size_t i)
{
	return i < RULES ? &rules[i] : NULL;
}

pt_status pt_request_put(pt_value *map, const char *key, pt_value *child)
{
	if (!child) {
		return PT_ERR_NOMEM;
	}
	for (size_t i = 0; i < map->u.c.count; i++) {
		if (!strcmp(map->u.c.keys[i], key)) {
			pt_value_free(map->u.c.items[i]);
			map->u.c.items[i] = child;
			return PT_OK;
		}
	}
	return pt_value_setc(map, key, child);
}

static void drop(pt_value *map, const char *key)
{
	for (size_t i = 0; i < map->u.c.count; i++) {
		if (!strcmp(map->u.c.keys[i], key)) {
			pt_value_free(map->u.c.items[i]);
			pt_free(map->alloc, map->u.c.keys[i]);
			memmove(&map->u.c.items[i], &map->u.c.items[i + 1], (map->u.c.count - i - 1) * sizeof(pt_value *));
			memmove(&map->u.c.keys[i], &map->u.c.keys[i + 1], (map->u.c.count - i - 1) * sizeof(char *));
			memmove(&map->u.c.key_lens[i], &map->u.c.key_lens[i + 1], (map->u.c.count - i - 1) * sizeof(size_t));
			map->u.c.count--;
			return;
		}
	}
}

static const pt_value *str_member(const pt_value *post, const char *key)
{
	const pt_value *v = post && post->type == PT_VALUE_MAP ? pt_value_get(post, key) : NULL;

	return v && v->type == PT_VALUE_STRING ? v : NULL;
}

/* A positive decimal integer of at most 18 digits (no sign, no leading zero). */
static bool int_text(const char *s, size_t len)
{
	if (len == 0 || len > 18 || s[0] == '0') {
		return false;
	}
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9') {
			return false;
		}
	}
	return true;
}

/* "\r\n" and a lone "\r" become "\n" (browsers send CRLF from a textarea). */
static pt_value *prose(const pt_allocator *a, const char *s, size_t len)
{
	pt_buf b;
	pt_value *v;

	pt_buf_init(&b, a);
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\r') {
			pt_buf_append(&b, "\n", 1);
			if (i + 1 < len && s[i + 1] == '\n') {
				i++;
			}
		} else {
			size_t j = i;

			while (j < len && s[j] != '\r') {
				j++;
			}
			pt_buf_append(&b, s + i, j - i);
			i = j - 1;
		}
	}
	v = b.failed ? NULL : pt_value_string(a, b.data ? b.data : "", b.len);
	pt_buf_free(&b);
	return v;
}

/* A list of positive integers, from a list of strings or a "1,2,3" string, as a "1,2,3" string. */
static bool ints(const pt_value *v, uint32_t max, pt_buf *out)
{
	size_t n = 0;

	if (v->type == PT_VALUE_LIST) {
		for (size_t i = 0; i < v->u.c.count; i++) {
			const pt_value *x = v->u.c.items[i];

			if (x->type != PT_VALUE_STRING || !int_text(x->u.s.s, x->u.s.len) || ++n > max) {
				return false;
			}
			if (i) {
				pt_buf_append(out, ",", 1);
			}
			pt_buf_append(out, x->u.s.s, x->u.s.len);
		}
		return true;
	}
	if (v->type != PT_VALUE_STRING) {
		return false;
	}
	for (const char *p = v->u.s.s, *end = p + v->u.s.len; p < end;) {
		const char *c = memchr(p, ',', (size_t)(end - p));
		size_t len = c ? (size_t)(c - p) : (size_t)(end - p);

		if (!int_text(p, len) || ++n > max) {
			return false;
		}
		p += len + (c ? 1 : 0);
		if (c && p == end) {
			return false;
		}
	}
	pt_buf_append(out, v->u.s.s, v->u.s.len);
	return true;
}

/* One field: PT_OK (draft[name] set when posted), PT_ERR_INVALID (msg written), PT_ERR_NOMEM. */
static pt_status field(const pt_request_field *f, const pt_value *post, pt_value *draft, bool en, char *msg, size_t size)
{
	const pt_allocator *a = draft->alloc;
	const pt_value *v = post && post->type == PT_VALUE_MAP ? pt_value_get(post, f->name) : NULL;
	pt_error e;
	pt_status s = PT_OK;

	pt_error_clear(&e);
	if (!v || (v->type == PT_VALUE_STRING && v->u.s.len == 0 && f->type != PT_REQUEST_PROSE
			&& f->type != PT_REQUEST_TEXT)) {
		if (f->required) {
			snprintf(msg, size, "%s", f->type == PT_REQUEST_CHOICE ? "Elige una opción." : "Falta este dato.");
			return PT_ERR_INVALID;
		}
		return PT_OK;
	}
	if (f->type == PT_REQUEST_INTS) {
		pt_buf b;

		pt_buf_init(&b, a);
		if (!ints(v, f->max ? f->max : PT_REQUEST_INTS_MAX, &b)) {
			pt_buf_free(&b);
			snprintf(msg, size, "%s", PT_MSG_INVALID);
			return PT_ERR_INVALID;
		}
		s = b.failed ? PT_ERR_NOMEM : pt_value_setc(draft, f->name, pt_value_string(a, b.data ? b.data : "", b.len));
		pt_buf_free(&b);
		return s;
	}
	if (v->type != PT_VALUE_STRING) {
		snprintf(msg, size, "%s", PT_MSG_INVALID);
		return PT_ERR_INVALID;
	}
	switch ((pt_request_type)f->type) {
	case PT_REQUEST_PROSE:
	case PT_REQUEST_TEXT: {
		/* line breaks normalised in one-line fields too: a "\r" there can only be forged, and is
		 * then refused as a "\n" is, with the draft free of it like a text area's */
		pt_value *t = prose(a, v->u.s.s, v->u.s.len);

		if (!t) {
			return PT_ERR_NOMEM;
		}
		/* the draft keeps even a refused text, so the citizen does not lose it (bytes that are not
		 * UTF-8 excepted: no page could show them) */
		if (!pt_text_utf8_valid(t->u.s.s, t->u.s.len)) {
			s = pt_text_check(t->u.s.s, t->u.s.len, 0, 0, f->label, &e);
			pt_value_free(t);
			break;
		}
		if ((s = pt_value_setc(draft, f->name, t)) != PT_OK) {
			return s;
		}
		s = pt_text_check(t->u.s.s, t->u.s.len, f->max ? f->max : PT_REQUEST_TEXT_MAX,
			(f->required ? PT_TEXT_REQUIRED : 0) | (f->type == PT_REQUEST_PROSE ? PT_TEXT_MULTILINE : 0), f->label, &e);
		break;
	}
	case PT_REQUEST_INT:
		if (!int_text(v->u.s.s, v->u.s.len)) {
			snprintf(msg, size, "%s", PT_MSG_INVALID);
			return PT_ERR_INVALID;
		}
		return pt_value_setc(draft, f->name, pt_value_string(a, v->u.s.s, v->u.s.len));
	case PT_REQUEST_ID:
		s = pt_id_check(f->label, v->u.s.s, v->u.s.len, &e);
		if (s == PT_OK) {
			return pt_value_setc(draft, f->name, pt_value_string(a, v->u.s.s, v->u.s.len));
		}
		break;
	case PT_REQUEST_CHOICE:
		for (const char *const *c = f->choices; c && *c; c++) {
			if (strlen(*c) == v->u.s.len && !memcmp(*c, v->u.s.s, v->u.s.len)) {
				return pt_value_setc(draft, f->name, pt_value_string(a, v->u.s.s, v->u.s.len));
			}
		}
		snprintf(msg, size, "%s", "Elige una opción.");
		return PT_ERR_INVALID;
	case PT_REQUEST_INTS:
	case PT_REQUEST_MAP:   /* map_field() */
		break;
	}
	if (s == PT_ERR_INVALID) {
		snprintf(msg, size, "%s", en && pt_error_catalogued(&e) ? e.message_en : e.message);
	}
	return s;
}

/*
 * A PT_REQUEST_MAP field: draft[name] = {key: normalised text} (what may be shown again), each bad member
 * refused as errors["name[key]"], a post that is not a map (or too long) as errors[name]. PT_OK, PT_ERR_INVALID
 * (refusals recorded), PT_ERR_NOMEM.
 */
static pt_status map_field(const pt_request_field *f, const pt_value *post, pt_value *outcome, const pt_request_rule *rule,
	const pt_fragment_host *h)
{
	const pt_allocator *a = outcome->alloc;
	const pt_value *v = post && post->type == PT_VALUE_MAP ? pt_value_get(post, f->name) : NULL;
	pt_value *m, *draft = pt_value_get(outcome, "draft");
	bool en = h && h->lang && !strcmp(h->lang, "en"), bad = false;

	if (!v || (v->type == PT_VALUE_LIST && v->u.c.count == 0)) {   /* PHP's empty array */
		return PT_OK;
	}
	if (v->type != PT_VALUE_MAP || v->u.c.count > PT_REQUEST_MAP_MAX) {
		return pt_request_refuse(outcome, rule, f->name, pt_fragment_text(h, PT_MSG_INVALID)) ? PT_ERR_NOMEM
			: PT_ERR_INVALID;
	}
	if (!(m = pt_value_map(a)) || pt_value_setc(draft, f->name, m) != PT_OK) {
		return PT_ERR_NOMEM;   /* a failed set freed m */
	}
	for (size_t i = 0; i < v->u.c.count; i++) {
		const char *key = v->u.c.keys[i];
		size_t klen = v->u.c.key_lens[i];
		const pt_value *x = v->u.c.items[i];
		char name[PT_ID_MAX + 80];
		pt_value *t = NULL;
		pt_error e;

		pt_error_clear(&e);
		if (!pt_process_id_valid(key, klen)) {
			/* a key no form draws (the YAML's ids: core/process/config_processes.h): forged; named by the field alone */
			bad = true;
			if (pt_request_refuse(outcome, rule, f->name, pt_fragment_text(h, PT_MSG_INVALID)) != PT_OK) {
				return PT_ERR_NOMEM;
			}
			continue;
		}
		snprintf(name, sizeof(name), "%s[%.*s]", f->name, (int)klen, key);
		if (x->type == PT_VALUE_STRING && !(t = prose(a, x->u.s.s, x->u.s.len))) {
			return PT_ERR_NOMEM;
		}
		if (!t || !pt_text_utf8_valid(t->u.s.s, t->u.s.len)) {
			pt_value_free(t);
			bad = true;
			if (pt_request_refuse(outcome, rule, name, pt_fragment_text(h, PT_MSG_INVALID)) != PT_OK) {
				return PT_ERR_NOMEM;
			}
			continue;
		}
		if (pt_value_set(m, key, klen, t) != PT_OK) {
			return PT_ERR_NOMEM;
		}
		if (pt_text_check(t->u.s.s, t->u.s.len, f->max ? f->max : PT_REQUEST_TEXT_MAX, PT_TEXT_MULTILINE, f->label, &e)
				== PT_ERR_INVALID) {
			bad = true;
			if (pt_request_refuse(outcome, rule, name, en && pt_error_catalogued(&e) ? e.message_en : e.message)
					!= PT_OK) {
				return PT_ERR_NOMEM;
			}
		}
	}
	return bad ? PT_ERR_INVALID : PT_OK;
}

pt_status pt_request_refuse(pt_value *outcome, const pt_request_rule *rule, const char *name, const char *msg)
{
	const pt_allocator *a = outcome->alloc;
	pt_value *errors = pt_value_get(outcome, "errors");
	pt_status s = pt_request_put(outcome, "ok", pt_value_bool(a, 0));

	s = s ? s : pt_request_put(outcome, "message", pt_value_cstr(a, msg));
	if (!name && rule) {
		name = rule->main;
	}
	if (!s && name && errors && !pt_value_get(errors, name)) {
		s = pt_value_setc(errors, name, pt_value_cstr(a, msg));
	}
	return s;
}

static pt_status start(const pt_value *post, const pt_allocator *a, pt_value **outcome)
{
	const pt_value *action = str_member(post, "participa_action"), *form = str_member(post, "participa_form");
	pt_value *o = pt_value_map(a);
	pt_status s;

	*outcome = o;
	if (!o) {
		return PT_ERR_NOMEM;
	}
	s = pt_value_setc(o, "ok", pt_value_bool(a, 0));
	s = s ? s : pt_value_setc(o, "action", action && pt_text_utf8_valid(action->u.s.s, action->u.s.len)
		&& action->u.s.len <= 64 ? pt_value_string(a, action->u.s.s, action->u.s.len) : pt_value_cstr(a, ""));
	s = s ? s : pt_value_setc(o, "message", pt_value_cstr(a, ""));
	s = s ? s : pt_value_setc(o, "errors", pt_value_map(a));
	s = s ? s : pt_value_setc(o, "draft", pt_value_map(a));
	s = s ? s : pt_value_setc(o, "redirect", pt_value_cstr(a, ""));
	/* the form's id suffix is only echoed into ids: letters, digits, '-' and '_' */
	if (!s && form && form->u.s.len <= 64 && strspn(form->u.s.s,
			"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") == form->u.s.len) {
		s = pt_value_setc(o, "form", pt_value_string(a, form->u.s.s, form->u.s.len));
	}
	return s;
}

/*
 * A choice posted as a button's name (pt_request_field.pair): when post has neither the field
 * nor its pair but a member named after one of its choices, a new map {field: choice, pair:
 * that member} the two fields are read from instead of post; else NULL (also out of memory:
 * the fields are then missing, as posted).
 */
static pt_value *button(const pt_request_rule *rule, const pt_value *post, const pt_allocator *a)
{
	for (const pt_request_field *f = rule->fields; f < rule->fields + PT_REQUEST_FIELDS_MAX && f->name; f++) {
		if (!f->pair || !post || post->type != PT_VALUE_MAP || pt_value_get(post, f->name) || pt_value_get(post, f->pair)) {
			continue;
		}
		for (const char *const *c = f->choices; c && *c; c++) {
			const pt_value *v = str_member(post, *c);
			pt_value *m = v ? pt_value_map(a) : NULL;

			if (m && (pt_value_setc(m, f->name, pt_value_cstr(a, *c)) != PT_OK
					|| pt_value_setc(m, f->pair, pt_value_string(a, v->u.s.s, v->u.s.len)) != PT_OK)) {
				pt_value_free(m);
				m = NULL;
			}
			if (v) {
				return m;
			}
		}
	}
	return NULL;
}

pt_status pt_request_check(const pt_value *post, const char *participant, const pt_fragment_host *h,
	const pt_allocator *a, pt_value **outcome, const pt_request_rule **rule, pt_error *err)
{
	const pt_value *action = str_member(post, "participa_action");
	const pt_value *ret = str_member(post, "participa_return");
	pt_value *draft, *pressed;
	pt_buf back;
	bool bad = false;
	pt_status s = start(post, a, outcome);

	*rule = action ? pt_request_rule_find(action->u.s.s, action->u.s.len) : NULL;
	if (s == PT_OK) {
		/* where to go back is settled first, so even a refusal has its redirect */
		pt_buf_init(&back, a);
		s = pt_request_return(h, ret && !memchr(ret->u.s.s, '\0', ret->u.s.len) ? ret->u.s.s : NULL, &back);
		s = s ? s : pt_request_put(*outcome, "redirect", pt_value_string(a, back.data ? back.data : "", back.len));
		pt_buf_free(&back);
	}
	if (s != PT_OK) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory checking a form post");
	}
	if (!*rule) {
		s = pt_request_refuse(*outcome, NULL, NULL, pt_fragment_text(h, PT_MSG_INVALID));
		return s ? pt_error_set(err, PT_ERR_NOMEM, "out of memory checking a form post") : PT_ERR_INVALID;
	}
	draft = pt_value_get(*outcome, "draft");
	pressed = button(*rule, post, a);
	for (const pt_request_field *f = (*rule)->fields; f < (*rule)->fields + PT_REQUEST_FIELDS_MAX && f->name; f++) {
		char msg[PT_ERROR_MESSAGE_MAX];

		if (f->type == PT_REQUEST_MAP) {
			if ((s = map_field(f, post, *outcome, *rule, h)) == PT_ERR_INVALID) {
				bad = true;
				s = PT_OK;
			}
			if (s != PT_OK) {
				pt_value_free(pressed);
				return pt_error_set(err, PT_ERR_NOMEM, "out of memory checking a form post");
			}
			continue;
		}
		s = field(f, pressed && pt_value_get(pressed, f->name) ? pressed : post, draft,
			h && h->lang && !strcmp(h->lang, "en"), msg, sizeof(msg));
		if (s == PT_ERR_INVALID) {
			bad = true;
			s = pt_request_refuse(*outcome, *rule, f->name, pt_fragment_text(h, msg));
		}
		if (s != PT_OK) {
			pt_value_free(pressed);
			return pt_error_set(err, PT_ERR_NOMEM, "out of memory checking a form post");
		}
	}
	pt_value_free(pressed);
	if (bad) {
		/* the message at the top says there is something to fix; each field says what */
		s = pt_request_put(*outcome, "message", pt_value_cstr(a, pt_fragment_text(h, "Revisa los datos marcados.")));
		return s ? pt_error_set(err, PT_ERR_NOMEM, "out of memory checking a form post") : PT_ERR_INVALID;
	}
	if (!participant || !*participant) {
		s = pt_request_refuse(*outcome, *rule, NULL, pt_fragment_text(h, "Inicia sesión para participar."));
		return s ? pt_error_set(err, PT_ERR_NOMEM, "out of memory checking a form post") : PT_ERR_NOT_ALLOWED;
	}
	if ((*rule)->prepare && (s = (*rule)->prepare(*outcome, participant, h, a, err)) == PT_ERR_INVALID) {
		s = pt_request_put(*outcome, "message", pt_value_cstr(a, pt_fragment_text(h, err->message)));
		return s ? pt_error_set(err, PT_ERR_NOMEM, "out of memory checking a form post") : PT_ERR_INVALID;
	}
	return s;
}

/* The length of "scheme://authority/" at the start of url (http or https only), or 0. */
static size_t origin(const char *url)
{
	const char *p;
	size_t n;

	if (!url) {
		return 0;
	}
	if (!strncmp(url, "https://", 8)) {
		n = 8;
	} else if (!strncmp(url, "http://", 7)) {
		n = 7;
	} else {
		return 0;
	}
	p = url + n;
	n += strcspn(p, "/?#");
	return url[n] == '/' && n > 8 ? n + 1 : 0;
}

static bool same_origin(const char *ret, const char *base)
{
	size_t n = origin(base);

	return n && !strncmp(ret, base, n);
}

pt_status pt_request_return(const pt_fragment_host *h, const char *ret, pt_buf *out)
{
	size_t len;

	if (ret && pt_url_valid(ret, strlen(ret)) && ((ret[0] == '/' && ret[1] != '/' && ret[1] != '\\')
			|| same_origin(ret, h ? h->here : NULL) || same_origin(ret, h ? h->url : NULL))) {
		len = strcspn(ret, "#");
		out->len = 0;
		pt_buf_append(out, ret, len);
		return out->failed ? PT_ERR_NOMEM : PT_OK;
	}
	if (pt_fragment_here(h, out) != PT_OK) {
		return PT_ERR_NOMEM;
	}
	len = strcspn(out->data ? out->data : "", "#");
	out->len = len;
	if (out->data) {
		out->data[len] = '\0';
	}
	return PT_OK;
}

const char *pt_request_text(const pt_value *outcome, const char *name)
{
	const pt_value *d = outcome ? pt_value_get(outcome, "draft") : NULL;
	const pt_value *v = d ? pt_value_get(d, name) : NULL;

	return v && v->type == PT_VALUE_STRING ? v->u.s.s : NULL;
}

int64_t pt_request_int(const pt_value *outcome, const char *name)
{
	const char *s = pt_request_text(outcome, name);
	int64_t n = 0;

	for (; s && *s >= '0' && *s <= '9'; s++) {
		n = n * 10 + (*s - '0');
	}
	return n;
}

/*
 * redirect = a link to view (a fragment's view parameter, "c12"): the host's url with the
 * parameter by its name when the host gave a url, else the return address with it appended;
 * without a #fragment (the anchor comes after).
 */
static pt_status view_redirect(pt_value *outcome, const pt_fragment_host *h, const char *view)
{
	const pt_value *back = pt_value_get(outcome, "redirect");
	pt_fragment_host base = h ? *h : (pt_fragment_host){ 0 };
	int key = PT_FRAGMENT_PARAM_VIEW;
	pt_buf b;
	pt_status s;

	if (!base.url || !*base.url) {
		base.url = back && back->type == PT_VALUE_STRING ? back->u.s.s : "";
	}
	pt_buf_init(&b, outcome->alloc);
	s = pt_fragment_link(&base, &b, &key, &view, 1);
	s = s ? s : pt_request_put(outcome, "redirect", pt_value_string(outcome->alloc, b.data ? b.data : "",
		strcspn(b.data ? b.data : "", "#")));
	pt_buf_free(&b);
	return s;
}

pt_status pt_request_finish(pt_value *outcome, const pt_request_rule *rule, const pt_fragment_host *h, bool *donep)
{
	bool done = *donep;
	const pt_allocator *a = outcome->alloc;
	const pt_value *anchor = pt_value_get(outcome, "anchor"), *redirect;
	const pt_value *msg = pt_value_get(outcome, "message"), *form;
	const char *inst = h && h->instance && *h->instance ? h->instance : "participa";
	pt_buf b;
	pt_status s = PT_OK;

	if (done && pt_value_get(outcome, "result")) {
		if ((s = pt_request_result(outcome, rule, h, pt_value_get(outcome, "result"), &done)) != PT_OK) {
			return s;
		}
		anchor = pt_value_get(outcome, "anchor");
		msg = pt_value_get(outcome, "message");
		*donep = done;
	}
	drop(outcome, "result");
	/* a refused form of one comment opens again where that comment is shown */
	form = pt_value_get(outcome, "form");
	if (!done && form && form->type == PT_VALUE_STRING && pt_fragment_thread_view_comment(form->u.s.s)
			&& (s = view_redirect(outcome, h, form->u.s.s)) != PT_OK) {
		return s;
	}
	redirect = pt_value_get(outcome, "redirect");
	pt_buf_init(&b, a);
	pt_buf_append(&b, redirect && redirect->type == PT_VALUE_STRING ? redirect->u.s.s : "",
		redirect && redirect->type == PT_VALUE_STRING ? redirect->u.s.len : 0);
	pt_buf_append(&b, "#", 1);
	if (anchor && anchor->type == PT_VALUE_STRING) {
		pt_buf_append(&b, anchor->u.s.s, anchor->u.s.len);
	} else if (!done && (form = pt_value_get(outcome, "form"))) {
		/* a refusal goes back to the form that was sent, where its errors are */
		pt_buf_puts(&b, inst);
		pt_buf_append(&b, "-", 1);
		pt_buf_append(&b, form->u.s.s, form->u.s.len);
	} else {
		pt_buf_puts(&b, inst);
		if (rule && rule->anchor) {
			pt_buf_append(&b, "-", 1);
			pt_buf_puts(&b, rule->anchor);
		}
	}
	s = b.failed ? PT_ERR_NOMEM : pt_request_put(outcome, "redirect", pt_value_string(a, b.data, b.len));
	pt_buf_free(&b);
	drop(outcome, "anchor");
	drop(outcome, "prepared");
	if (!s && done) {
		s = pt_request_put(outcome, "ok", pt_value_bool(a, 1));
		s = s ? s : pt_request_put(outcome, "errors", pt_value_map(a));
		s = s ? s : pt_request_put(outcome, "draft", pt_value_map(a));
		if (!s && rule && (!msg || msg->type != PT_VALUE_STRING || !msg->u.s.len)) {
			s = pt_request_put(outcome, "message", pt_value_cstr(a, pt_fragment_text(h, rule->done)));
		}
	}
	return s;
}

pt_status pt_request_result(pt_value *outcome, const pt_request_rule *rule, const pt_fragment_host *h,
	const pt_value *result, bool *done)
{
	const pt_value *status = result && result->type == PT_VALUE_MAP ? pt_value_get(result, "status") : NULL;
	const pt_value *id = result && result->type == PT_VALUE_MAP ? pt_value_get(result, "id") : NULL;
	const pt_value *msg = result && result->type == PT_VALUE_MAP ? pt_value_get(result, "message") : NULL;
	const pt_allocator *a = outcome->alloc;
	/* a comment's status: only a thread's answer is a comment (a commitment's status is the plan's word) */
	bool comment = rule && !strncmp(rule->action, "thread.", 7);
	const char *st = comment && status && status->type == PT_VALUE_STRING ? status->u.s.s : "";
	char anchor[96];
	pt_status s = PT_OK;

	*done = false;
	if (!rule || !rule->main || strcmp(rule->main, "body")) {
		st = "";   /* a moderator's answer has a status too: only a text's verdict speaks here */
	}
	if (!strcmp(st, "rejected")) {
		/* a moderation rule refused the text: the author's message, the draft kept */
		return pt_request_refuse(outcome, rule, NULL, msg && msg->type == PT_VALUE_STRING && msg->u.s.len
			? msg->u.s.s : pt_fragment_text(h, PT_MSG_INVALID));
	}
	if (!strcmp(st, "held")) {
		s = pt_request_put(outcome, "message", pt_value_cstr(a, pt_fragment_text(h,
			"Tu comentario quedó en revisión: se publicará cuando moderación lo apruebe.")));
	}
	/* back to the comment itself (a moderation answer's id is the queue's, not the page's) */
	if (!s && id && id->type == PT_VALUE_INT && rule && strncmp(rule->action, "moderation.", 11)
		&& (comment || rule->anchor)) {
		const char *inst = h && h->instance && *h->instance ? h->instance : "participa";

		if (comment) {
			snprintf(anchor, sizeof(anchor), "%s-c%lld", inst, (long long)id->u.i);
		} else {   /* another record (an assembly): "<instance>-<the rule's anchor>-<id>" */
			snprintf(anchor, sizeof(anchor), "%s-%s-%lld", inst, rule->anchor, (long long)id->u.i);
		}
		s = pt_request_put(outcome, "anchor", pt_value_cstr(a, anchor));
		/* a new or edited text may be on no page the citizen had (the last of a long thread, a
		 * reply past the replies shown): the view that shows that comment (thread_view.h) */
		if (!s && rule->main && !strcmp(rule->main, "body")) {
			snprintf(anchor, sizeof(anchor), "c%lld", (long long)id->u.i);
			s = view_redirect(outcome, h, anchor);
		}
	}
	*done = s == PT_OK;
	return s;
}

/* A copy of v (null for NULL) through a; NULL on no memory. Trees `prepare` builds are shallow. */
static pt_value *copy(const pt_value *v, const pt_allocator *a, int depth)
{
	pt_value *c;

	if (!v || depth > 16) {
		return pt_value_null(a);
	}
	switch (v->type) {
	case PT_VALUE_BOOL: return pt_value_bool(a, v->u.b);
	case PT_VALUE_INT: return pt_value_int(a, v->u.i);
	case PT_VALUE_STRING: return pt_value_string(a, v->u.s.s, v->u.s.len);
	case PT_VALUE_LIST:
	case PT_VALUE_MAP:
		c = v->type == PT_VALUE_LIST ? pt_value_list(a) : pt_value_map(a);
		for (size_t i = 0; c && i < v->u.c.count; i++) {
			pt_value *x = copy(v->u.c.items[i], a, depth + 1);

			if ((v->type == PT_VALUE_LIST ? pt_value_push(c, x) : pt_value_set(c, v->u.c.keys[i], v->u.c.key_lens[i], x))
					!= PT_OK) {
				pt_value_free(c);
				return NULL;
			}
		}
		return c;
	default: return pt_value_null(a);
	}
}

static pt_value *arg_value(const pt_request_rule *rule, const pt_value *outcome, const char *who, const char *tok,
	size_t len, const pt_allocator *a)
{
	char name[64];
	pt_value *m;

	if (len == 1 && tok[0] == '@') {
		return pt_value_cstr(a, who ? who : "");
	}
	if (len == 1 && tok[0] == '+') {
		m = pt_value_map(a);
		for (const pt_request_field *f = rule->fields; m && f < rule->fields + PT_REQUEST_FIELDS_MAX && f->name; f++) {
			const char *v = f->opt ? pt_request_text(outcome, f->name) : NULL;

			if (v && pt_value_setc(m, f->name, f->type == PT_REQUEST_INT ? pt_value_int(a, pt_request_int(outcome,
					f->name)) : pt_value_cstr(a, v)) != PT_OK) {
				m = NULL;   /* freed by the failed set */
			}
		}
		return m;
	}
	if (len < 2 || len - 1 >= sizeof(name) || (tok[0] != '$' && tok[0] != '#' && tok[0] != '%')) {
		return NULL;
	}
	memcpy(name, tok + 1, len - 1);
	name[len - 1] = '\0';
	if (tok[0] == '%') {
		const pt_value *p = pt_value_get(outcome, "prepared");

		return copy(p && p->type == PT_VALUE_MAP ? pt_value_get(p, name) : NULL, a, 0);
	}
	if (tok[0] == '#') {
		return pt_value_int(a, pt_request_int(outcome, name));
	}
	return pt_value_cstr(a, pt_request_text(outcome, name) ? pt_request_text(outcome, name) : "");
}

pt_status pt_request_args(const pt_request_rule *rule, bool call, const pt_value *outcome, const char *who,
	const pt_allocator *a, char *method, size_t size, pt_value **args)
{
	const char *p = rule ? (call ? rule->call : rule->via) : NULL;
	size_t len;

	*args = NULL;
	if (!p || (len = strcspn(p, " ")) == 0 || len >= size) {
		return PT_ERR_INVALID;
	}
	memcpy(method, p, len);
	method[len] = '\0';
	if (!(*args = pt_value_list(a))) {
		return PT_ERR_NOMEM;
	}
	for (p += len; *p;) {
		pt_value *v;

		p += strspn(p, " ");
		len = strcspn(p, " ");
		if (!len) {
			break;
		}
		if (!(v = arg_value(rule, outcome, who, p, len, a)) || pt_value_push(*args, v) != PT_OK) {
			pt_value_free(*args);
			*args = NULL;
			return PT_ERR_NOMEM;
		}
		p += len;
	}
	return PT_OK;
}
