/*
 * participa core: the commitment forms' rules (see commitment_form.h).
 */
#include "core/fragment/commitment_form.h"
#include "core/commitment/commitment.h"
#include "core/commitment/commitment_patch.h"
#include "core/common/messages.h"
#include "core/common/text.h"
#include "core/common/url.h"

#include <stdio.h>
#include <string.h>

/* Field limits in characters, chosen so that 4 bytes a character stay within the store's byte limits
 * (place and names VARCHAR(500), agenda and each agreement 20,000 bytes, minutes 1,000,000). */
#define PLACE_MAX 125
#define NAME_MAX_CHARS 125
#define AGENDA_MAX 5000
#define AGREEMENT_MAX 5000
#define MINUTES_MAX 250000
#define ATTENDANCE_MAX 1000000
#define LINES_MAX 500          /* agreements (the store's limit) */
#define ATTENDEES_MAX 10000

static const char *const progress_fields[] = { "commitment", "progress", "note", "evidence_url",
	"evidence_description", NULL };
static const char *const assembly_fields[] = { "territory", "held_on", "place", "attendance", "attendees", "agenda",
	"minutes", "agreements", NULL };

/* The text of a catalogued error in the form's language. */
static const char *err_text(const pt_commitment_form *f, const pt_error *err)
{
	return f->english && pt_error_catalogued(err) && err->message_en[0] ? err->message_en : err->message;
}

/* A message for field (f->errors), from a catalogued format. */
static void field_error(pt_commitment_form *f, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void field_error(pt_commitment_form *f, const char *field, const char *fmt, ...)
{
	pt_error err;
	va_list ap;

	if (pt_value_get(f->errors, field)) {
		return;   /* the first problem of a field is the one shown */
	}
	pt_error_clear(&err);
	va_start(ap, fmt);
	pt_error_vset(&err, PT_ERR_INVALID, fmt, ap);
	va_end(ap);
	pt_value_setc(f->errors, field, pt_value_cstr(f->errors->alloc, err_text(f, &err)));
}

/* A text check's refusal as the field's message. */
static void text_error(pt_commitment_form *f, const char *field, const pt_error *err)
{
	if (!pt_value_get(f->errors, field)) {
		pt_value_setc(f->errors, field, pt_value_cstr(f->errors->alloc, err_text(f, err)));
	}
}

/* The posted text of field: NULL when absent; "" for a value that is no text (then refused). */
static const pt_value *posted(const pt_value *post, const char *field)
{
	const pt_value *v = post && post->type == PT_VALUE_MAP ? pt_value_get(post, field) : NULL;

	return v && v->type != PT_VALUE_NULL ? v : NULL;
}

/* The draft: every known field posted as valid text, as it was typed. */
static pt_status keep_draft(pt_commitment_form *f, const pt_value *post, const char *const *fields)
{
	size_t i;

	for (i = 0; fields[i]; i++) {
		const pt_value *v = posted(post, fields[i]);

		if (v && v->type == PT_VALUE_STRING && pt_text_utf8_valid(v->u.s.s, v->u.s.len)
			&& pt_value_setc(f->draft, fields[i], pt_value_string(f->draft->alloc, v->u.s.s, v->u.s.len)) != PT_OK) {
			return PT_ERR_NOMEM;
		}
	}
	return PT_OK;
}

/* A field's text without the spaces around it, into (s, len); false for no text (refused as such). */
static bool field_text(pt_commitment_form *f, const pt_value *post, const char *field, const char **s, size_t *len)
{
	const pt_value *v = posted(post, field);

	*s = "";
	*len = 0;
	if (!v) {
		return true;
	}
	if (v->type != PT_VALUE_STRING) {
		field_error(f, field, "Este campo debe ser texto.");
		return false;
	}
	*s = v->u.s.s;
	*len = v->u.s.len;
	while (*len && (**s == ' ' || **s == '\t' || **s == '\r' || **s == '\n')) {
		(*s)++;
		(*len)--;
	}
	while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t' || (*s)[*len - 1] == '\r'
			|| (*s)[*len - 1] == '\n')) {
		(*len)--;
	}
	return true;
}

/* A checked text (pt_text_check) set as key in call; false when refused. */
static bool put_text(pt_commitment_form *f, const pt_value *post, const char *field, const char *what, size_t max,
	unsigned flags, pt_value *call, const char *key)
{
	const char *s;
	size_t len;
	pt_error err;

	if (!field_text(f, post, field, &s, &len)) {
		return false;
	}
	pt_error_clear(&err);
	if (pt_text_check(s, len, max, flags, what, &err) != PT_OK) {
		text_error(f, field, &err);
		return false;
	}
	if (call && len && pt_value_setc(call, key, pt_value_string(call->alloc, s, len)) != PT_OK) {
		f->call = NULL;   /* out of memory: reported by the caller */
	}
	return true;
}

/* "45", "45.5", "45,5", "45 %" -> basis points; false when it is no percentage. */
static bool parse_percent(const char *s, size_t len, int32_t *bp)
{
	char buf[16];
	size_t i, n = 0;

	while (len && (s[len - 1] == ' ' || s[len - 1] == '%')) {
		len--;
	}
	if (len == 0 || len >= sizeof(buf)) {
		return false;
	}
	for (i = 0; i < len; i++) {
		buf[n++] = s[i] == ',' ? '.' : s[i];
	}
	buf[n] = '\0';
	return pt_commitment_parse_progress(buf, n, bp);
}

/* "1200" or "1,200" -> 1200 (0..max); false otherwise. */
static bool parse_count(const char *s, size_t len, int64_t max, int64_t *out)
{
	int64_t v = 0;
	size_t i, digits = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == ',' && digits > 0 && i + 1 < len) {
			continue;
		}
		if (s[i] < '0' || s[i] > '9') {
			return false;
		}
		v = v * 10 + (s[i] - '0');
		digits++;
		if (v > max) {
			return false;
		}
	}
	*out = v;
	return digits > 0;
}

/* "2026-03-14" or "14/03/2026" -> "2026-03-14" (out: 11 bytes); false when it is no date. */
static bool parse_day(const char *s, size_t len, char out[11])
{
	if (len == 10 && s[2] == '/' && s[5] == '/') {
		snprintf(out, 11, "%.4s-%.2s-%.2s", s + 6, s + 3, s);
	} else if (len == 10) {
		memcpy(out, s, 10);
		out[10] = '\0';
	} else {
		return false;
	}
	return pt_commitment_valid_date(out, 10);
}

/* One line of a list field: checked, then pushed to list. */
static bool push_line(pt_commitment_form *f, const char *field, const char *what, const char *s, size_t len,
	size_t max, pt_value *list)
{
	pt_error err;

	pt_error_clear(&err);
	if (pt_text_check(s, len, max, 0, what, &err) != PT_OK) {
		text_error(f, field, &err);
		return false;
	}
	if (pt_value_push(list, pt_value_string(list->alloc, s, len)) != PT_OK) {
		f->call = NULL;
		return false;
	}
	return true;
}

/* A field of one item a line (blank lines skipped) as a list in call; *count its length. */
static bool put_lines(pt_commitment_form *f, const pt_value *post, const char *field, const char *what, size_t max,
	size_t max_items, pt_value *call, size_t *count)
{
	const char *s, *end;
	size_t len;
	pt_value *list = pt_value_list(call->alloc);
	pt_error err;

	*count = 0;
	if (!list || pt_value_setc(call, field, list) != PT_OK) {
		f->call = NULL;
		return false;
	}
	if (!field_text(f, post, field, &s, &len)) {
		return false;
	}
	pt_error_clear(&err);
	if (pt_text_check(s, len, 0, PT_TEXT_MULTILINE, what, &err) != PT_OK) {
		text_error(f, field, &err);
		return false;
	}
	end = s + len;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *a = s, *b = nl ? nl : end;

		s = nl ? nl + 1 : end;
		while (a < b && (*a == ' ' || *a == '\t' || *a == '\r')) {
			a++;
		}
		while (b > a && (b[-1] == ' ' || b[-1] == '\t' || b[-1] == '\r')) {
			b--;
		}
		if (a == b) {
			continue;
		}
		if (++*count > max_items) {
			field_error(f, field, "La lista admite como máximo %zu renglones.", max_items);
			return false;
		}
		if (!push_line(f, field, what, a, (size_t)(b - a), max, list)) {
			return false;
		}
	}
	return true;
}

static pt_status form_init(pt_commitment_form *f, const pt_value *post, const char *const *fields, bool english,
	const pt_allocator *a)
{
	memset(f, 0, sizeof(*f));
	f->a = a;
	f->english = english;
	f->errors = pt_value_map(a);
	f->draft = pt_value_map(a);
	f->call = pt_value_map(a);
	if (!f->errors || !f->draft || !f->call || keep_draft(f, post, fields) != PT_OK) {
		return PT_ERR_NOMEM;
	}
	return PT_OK;
}

/* Ends a form's reading: the call stays only when every field passed. */
static pt_status form_end(pt_commitment_form *f, pt_value *call, const char *participant)
{
	if (!f->call) {
		pt_value_free(call);
		return PT_ERR_NOMEM;
	}
	if (!participant) {
		pt_commitment_form_refused(f, "Inicia sesión para enviar este formulario.");
	} else if (f->errors->u.c.count) {
		pt_commitment_form_refused(f, "Revisa los campos marcados.");
	}
	if (!f->ok && f->message) {
		pt_value_free(call);
		f->call = NULL;
	}
	return PT_OK;
}

/* The message (a catalogued Spanish text) in the form's language. */
static const char *msg(const pt_commitment_form *f, const char *es)
{
	const char *en = f->english ? pt_msg_english(es) : NULL;

	return en ? en : es;
}

pt_status pt_commitment_form_progress(const pt_value *post, const char *participant, const char *today, bool english,
	const pt_allocator *a, pt_commitment_form *f)
{
	const char *s, *url;
	size_t len, url_len;
	pt_value *call, *ev = NULL;
	pt_error err;
	int32_t bp;
	bool has_progress = false;

	if (form_init(f, post, progress_fields, english, a) != PT_OK) {
		pt_commitment_form_free(f);
		return PT_ERR_NOMEM;
	}
	call = f->call;
	/* the commitment: a hidden field; a bad one is no citizen's typing */
	if (field_text(f, post, "commitment", &s, &len)) {
		pt_error_clear(&err);
		if (len == 0 || pt_commitment_id_check("El compromiso", s, len, &err) != PT_OK) {
			field_error(f, "commitment", "No encontramos el compromiso de este formulario.");
		} else {
			f->id = pt_strndup(a, s, len);
			f->call = f->id ? f->call : NULL;
		}
	}
	if (field_text(f, post, "progress", &s, &len) && len) {
		if (!parse_percent(s, len, &bp)) {
			field_error(f, "progress", "Escribe el avance como un número de 0 a 100, con dos decimales como máximo.");
		} else {
			char text[8];

			pt_commitment_progress_text(bp, text);
			has_progress = true;
			if (pt_value_setc(call, "progress", pt_value_cstr(a, text)) != PT_OK) {
				f->call = NULL;
			}
		}
	}
	if (field_text(f, post, "note", &s, &len)) {
		pt_error_clear(&err);
		if (pt_text_check(s, len, PT_COMMITMENT_FORM_NOTE_MAX, PT_TEXT_MULTILINE, "La nota", &err) != PT_OK) {
			text_error(f, "note", &err);
		} else if (len && !(f->note = pt_strndup(a, s, len))) {
			f->call = NULL;
		}
	}
	if (field_text(f, post, "evidence_url", &url, &url_len) && url_len) {
		if ((strncmp(url, "https://", 8) != 0 && strncmp(url, "http://", 7) != 0) || !pt_url_valid(url, url_len)) {
			field_error(f, "evidence_url", "Escribe la dirección completa de la evidencia, empezando con https:// o http://.");
		} else if (!(ev = pt_value_map(a)) || pt_value_setc(call, "add_evidence", ev) != PT_OK
			|| pt_value_setc(ev, "url", pt_value_string(a, url, url_len)) != PT_OK
			|| pt_value_setc(ev, "date", pt_value_cstr(a, today)) != PT_OK) {
			f->call = NULL;
		}
	}
	if (!put_text(f, post, "evidence_description", "La descripción de la evidencia",
			PT_COMMITMENT_FORM_DESCRIPTION_MAX, 0, ev, "description")) {
		/* refused: its message is set */
	} else if (!ev && field_text(f, post, "evidence_description", &s, &len) && len) {
		field_error(f, "evidence_url", "Escribe la dirección de la evidencia que describes.");
	}
	if (!has_progress && !ev && !pt_value_get(f->errors, "progress") && !pt_value_get(f->errors, "evidence_url")) {
		field_error(f, "progress", "Escribe el avance o agrega una evidencia.");
	}
	return form_end(f, call, participant);
}

pt_status pt_commitment_form_assembly(const pt_value *post, const char *participant, bool english,
	const pt_allocator *a, pt_commitment_form *f)
{
	const char *s;
	size_t len, attendees = 0, agreements = 0;
	pt_value *call;
	pt_error err;
	int64_t attendance = -1;
	char day[11];

	if (form_init(f, post, assembly_fields, english, a) != PT_OK) {
		pt_commitment_form_free(f);
		return PT_ERR_NOMEM;
	}
	call = f->call;
	if (field_text(f, post, "territory", &s, &len)) {
		pt_error_clear(&err);
		if (len == 0) {
			field_error(f, "territory", "Elige el territorio de la asamblea.");
		} else if (pt_commitment_id_check("El territorio", s, len, &err) != PT_OK) {
			field_error(f, "territory", "Ese territorio no existe.");
		} else if (pt_value_setc(call, "territory", pt_value_string(a, s, len)) != PT_OK) {
			f->call = NULL;
		}
	}
	if (field_text(f, post, "held_on", &s, &len)) {
		if (len == 0) {
			field_error(f, "held_on", "Escribe la fecha de la asamblea.");
		} else if (!parse_day(s, len, day)) {
			field_error(f, "held_on", "Escribe la fecha como AAAA-MM-DD (por ejemplo, 2026-03-14).");
		} else if (pt_value_setc(call, "held_on", pt_value_cstr(a, day)) != PT_OK) {
			f->call = NULL;
		}
	}
	put_text(f, post, "place", "El lugar", PLACE_MAX, PT_TEXT_REQUIRED, call, "place");
	if (field_text(f, post, "attendance", &s, &len)) {
		if (len == 0) {
			field_error(f, "attendance", "Escribe cuántas personas asistieron.");
		} else if (!parse_count(s, len, ATTENDANCE_MAX, &attendance)) {
			field_error(f, "attendance", "Escribe la asistencia como un número entero de 0 a 1,000,000.");
			attendance = -1;
		} else if (pt_value_setc(call, "attendance", pt_value_int(a, attendance)) != PT_OK) {
			f->call = NULL;
		}
	}
	if (put_lines(f, post, "attendees", "Cada nombre de la lista de asistentes", NAME_MAX_CHARS, ATTENDEES_MAX, call,
			&attendees)
		&& attendance >= 0 && (int64_t)attendees > attendance) {
		field_error(f, "attendees", "La lista tiene %zu nombres, más que la asistencia (%lld).", attendees,
			(long long)attendance);
	}
	put_text(f, post, "agenda", "El orden del día", AGENDA_MAX, PT_TEXT_MULTILINE, call, "agenda");
	put_text(f, post, "minutes", "La minuta", MINUTES_MAX, PT_TEXT_MULTILINE, call, "minutes");
	put_lines(f, post, "agreements", "Cada acuerdo", AGREEMENT_MAX, LINES_MAX, call, &agreements);
	return form_end(f, call, participant);
}

/* The form field a refusal's "name: text" is about, or NULL. */
static const char *refused_field(const char *message, const char **text)
{
	static const struct { const char *prefix, *field; } map[] = {
		{ "territory", "territory" }, { "held_on", "held_on" }, { "place", "place" },
		{ "attendance", "attendance" }, { "attendees", "attendees" }, { "agenda", "agenda" },
		{ "minutes", "minutes" }, { "agreements", "agreements" }, { "progress", "progress" },
		{ "add_evidence", "evidence_url" }, { "evidence", "evidence_url" }, { "note", "note" },
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		size_t n = strlen(map[i].prefix);

		if (strncmp(message, map[i].prefix, n) == 0 && message[n] == ':') {
			*text = message + n + 1;
			while (**text == ' ') {
				(*text)++;
			}
			return map[i].field;
		}
	}
	return NULL;
}

void pt_commitment_form_refused(pt_commitment_form *f, const char *message)
{
	const char *text = NULL, *field = message ? refused_field(message, &text) : NULL;

	f->ok = false;
	if (field && *text && !pt_value_get(f->errors, field)) {
		pt_value *v = pt_value_cstr(f->errors->alloc, text);

		/* "se esperaba ..." reads as a sentence next to the field */
		if (v && v->u.s.s[0] >= 'a' && v->u.s.s[0] <= 'z') {
			v->u.s.s[0] = (char)(v->u.s.s[0] - 'a' + 'A');
		}
		pt_value_setc(f->errors, field, v);
		f->message = msg(f, "Revisa los campos marcados.");
		return;
	}
	f->message = message && *message ? (field ? msg(f, "Revisa los campos marcados.") : message)
		: msg(f, PT_MSG_OPERATIONAL);
}

void pt_commitment_form_done(pt_commitment_form *f, const char *action)
{
	f->ok = true;
	f->message = msg(f, action && strcmp(action, PT_COMMITMENT_FORM_ASSEMBLY) == 0 ? "Se registró la asamblea."
		: "Se guardó el avance.");
}

pt_status pt_commitment_form_outcome(pt_commitment_form *f, pt_value *outcome)
{
	const pt_allocator *a = outcome->alloc;
	pt_status st;

	st = pt_value_setc(outcome, "ok", pt_value_bool(a, f->ok));
	if (st == PT_OK) {
		st = pt_value_setc(outcome, "message", pt_value_cstr(a, f->message ? f->message : ""));
	}
	if (st == PT_OK) {
		st = pt_value_setc(outcome, "errors", f->errors);
		f->errors = NULL;
	}
	if (st == PT_OK) {
		st = pt_value_setc(outcome, "draft", f->ok ? pt_value_map(a) : f->draft);
		if (!f->ok) {
			f->draft = NULL;
		}
	}
	return st;
}

void pt_commitment_form_free(pt_commitment_form *f)
{
	pt_value_free(f->call);
	pt_value_free(f->errors);
	pt_value_free(f->draft);
	pt_free(f->a, f->id);
	pt_free(f->a, f->note);
	f->call = f->errors = f->draft = NULL;
	f->id = f->note = NULL;
}
