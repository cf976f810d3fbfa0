/*
 * participa core: the commitment forms' rules (see commitment_form.h).
 */
#include "core/fragment/commitment_form.h"
#include "core/fragment/request_rules.h"
#include "core/fragment/commitment_view.h"
#include "core/commitment/commitment.h"
#include "core/common/text.h"
#include "core/common/url.h"

#include <stdio.h>
#include <string.h>

typedef struct form {
	pt_value *errors, *args;
	const pt_value *outcome;
	bool nomem;
} form;

/* field's refusal (the first one of a field is the one shown). */
static void refuse(form *f, const char *field, const char *msg)
{
	if (f->errors && !pt_value_get(f->errors, field)
		&& pt_value_setc(f->errors, field, pt_value_cstr(f->errors->alloc, msg)) != PT_OK) {
		f->nomem = true;
	}
}

static void refuse_err(form *f, const char *field, const pt_error *err)
{
	refuse(f, field, err->message);
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* A checked field without the spaces around it; ("", 0) when not posted. */
static const char *text(const form *f, const char *field, size_t *len)
{
	const char *s = pt_request_text(f->outcome, field);

	if (!s) {
		*len = 0;
		return "";
	}
	*len = strlen(s);
	while (*len && is_space(*s)) {
		s++;
		(*len)--;
	}
	while (*len && is_space(s[*len - 1])) {
		(*len)--;
	}
	return s;
}

/* args[key] = v (taken); false when out of memory. */
static bool put(form *f, const char *key, pt_value *v)
{
	if (pt_value_setc(f->args, key, v) != PT_OK) {
		f->nomem = true;
		return false;
	}
	return true;
}

static void put_text(form *f, const char *field)
{
	size_t len;
	const char *s = text(f, field, &len);

	if (len) {
		put(f, field, pt_value_string(f->args->alloc, s, len));
	}
}

/* "45", "45.5", "45,5", "45 %" -> basis points; false when it is no percentage. */
static bool parse_percent(const char *s, size_t len, int32_t *bp)
{
	char buf[16];
	size_t i;

	while (len && (s[len - 1] == ' ' || s[len - 1] == '%')) {
		len--;
	}
	if (len == 0 || len >= sizeof(buf)) {
		return false;
	}
	for (i = 0; i < len; i++) {
		buf[i] = s[i] == ',' ? '.' : s[i];
	}
	buf[len] = '\0';
	return pt_commitment_parse_progress(buf, len, bp);
}

/* "1200" or "1,200" (commas between groups of three) -> 1200, at most max; false otherwise. */
static bool parse_count(const char *s, size_t len, int64_t max, int64_t *out)
{
	int64_t v = 0;
	size_t i, run = 0;
	bool comma = false;

	for (i = 0; i < len; i++) {
		if (s[i] == ',') {
			if (run == 0 || run > 3 || (comma && run != 3)) {
				return false;
			}
			comma = true;
			run = 0;
			continue;
		}
		if (s[i] < '0' || s[i] > '9' || (v = v * 10 + (s[i] - '0')) > max) {
			return false;
		}
		run++;
	}
	*out = v;
	return run > 0 && (!comma || run == 3);
}

/* "2026-03-14" or "14/03/2026" -> "2026-03-14" (out: 11 bytes); false when it is no date. */
static bool parse_day(const char *s, size_t len, char out[11])
{
	if (len != 10) {
		return false;
	}
	if (s[2] == '/' && s[5] == '/') {
		snprintf(out, 11, "%.4s-%.2s-%.2s", s + 6, s + 3, s);
	} else {
		memcpy(out, s, 10);
		out[10] = '\0';
	}
	return pt_commitment_valid_date(out, 10);
}

/* A field of one item a line (blank lines skipped) as a list in args; *count its length; false when refused. */
static bool put_lines(form *f, const char *field, const char *what, size_t max, size_t max_items, size_t *count)
{
	const pt_allocator *a = f->args->alloc;
	size_t len;
	const char *s = text(f, field, &len), *end = s + len;
	pt_value *list = pt_value_list(a);
	pt_error err;

	*count = 0;
	if (!put(f, field, list)) {
		return false;
	}
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s)), *p = s, *q = nl ? nl : end;

		s = nl ? nl + 1 : end;
		while (p < q && is_space(*p)) {
			p++;
		}
		while (q > p && is_space(q[-1])) {
			q--;
		}
		if (p == q) {
			continue;
		}
		pt_error_clear(&err);
		if (++*count > max_items) {
			refuse(f, field, "La lista tiene demasiados renglones.");
			return false;
		}
		if (pt_text_check(p, (size_t)(q - p), max, 0, what, &err) != PT_OK) {
			refuse_err(f, field, &err);
			return false;
		}
		if (pt_value_push(list, pt_value_string(a, p, (size_t)(q - p))) != PT_OK) {
			f->nomem = true;
			return false;
		}
	}
	return true;
}

static void progress_form(form *f, pt_commitment_call *call, const char *today)
{
	const pt_allocator *a = f->args->alloc;
	size_t len, url_len, dlen;
	const char *s = text(f, "progress", &len), *url = text(f, "evidence_url", &url_len), *desc, *note;
	pt_value *ev;
	int32_t bp;

	call->id = pt_request_text(f->outcome, "commitment");
	if (len && !parse_percent(s, len, &bp)) {
		refuse(f, "progress", "Escribe el avance como un número de 0 a 100, con dos decimales como máximo.");
	} else if (len) {
		char t[8];

		pt_commitment_progress_text(bp, t);
		put(f, "progress", pt_value_cstr(a, t));
	}
	desc = text(f, "evidence_description", &dlen);
	if (url_len && ((strncmp(url, "https://", 8) != 0 && strncmp(url, "http://", 7) != 0)
			|| !pt_url_valid(url, url_len))) {
		refuse(f, "evidence_url", "Escribe la dirección completa de la evidencia, empezando con https:// o http://.");
	} else if (url_len) {
		ev = pt_value_map(a);
		if (!ev || pt_value_setc(ev, "url", pt_value_string(a, url, url_len)) != PT_OK
				|| (dlen && pt_value_setc(ev, "description", pt_value_string(a, desc, dlen)) != PT_OK)
				|| (today && pt_commitment_valid_date(today, strlen(today))
					&& pt_value_setc(ev, "date", pt_value_cstr(a, today)) != PT_OK)) {
			pt_value_free(ev);
			f->nomem = true;
		} else {
			put(f, "add_evidence", ev);   /* taken, even when it fails */
		}
	} else if (dlen) {
		refuse(f, "evidence_url", "Escribe la dirección de la evidencia que describes.");
	}
	if (!len && !url_len && !pt_value_get(f->errors, "evidence_url")) {
		refuse(f, "progress", "Escribe el avance o agrega una evidencia.");
	}
	note = text(f, "note", &len);
	call->note = len ? note : NULL;
	call->note_len = len;
}

static void assembly_form(form *f)
{
	const pt_allocator *a = f->args->alloc;
	size_t len, attendees = 0, agreements = 0;
	const char *s;
	int64_t attendance = -1;
	char day[11];

	put_text(f, "territory");
	s = text(f, "held_on", &len);
	if (!parse_day(s, len, day)) {
		refuse(f, "held_on", "Escribe la fecha como AAAA-MM-DD (por ejemplo, 2026-03-14).");
	} else {
		put(f, "held_on", pt_value_cstr(a, day));
	}
	put_text(f, "place");
	s = text(f, "attendance", &len);
	if (!parse_count(s, len, PT_COMMITMENT_FORM_ATTENDANCE_MAX, &attendance)) {
		refuse(f, "attendance", "Escribe la asistencia como un número entero de 0 a 1,000,000.");
		attendance = -1;
	} else {
		put(f, "attendance", pt_value_int(a, attendance));
	}
	if (put_lines(f, "attendees", "Cada nombre de la lista de asistentes", PT_COMMITMENT_FORM_NAME_MAX,
			PT_COMMITMENT_FORM_ATTENDEES_MAX, &attendees)
		&& attendance >= 0 && (int64_t)attendees > attendance) {
		refuse(f, "attendees", "La lista de asistentes tiene más nombres que la asistencia.");
	}
	put_text(f, "agenda");
	put_text(f, "minutes");
	put_lines(f, "agreements", "Cada acuerdo", PT_COMMITMENT_FORM_AGREEMENT_MAX, PT_COMMITMENT_FORM_LINES_MAX,
		&agreements);
}

pt_status pt_commitment_form_call(const char *action, pt_value *outcome, const char *today, const pt_allocator *a,
	pt_commitment_call *call, pt_error *err)
{
	form f;
	pt_value *errors = outcome ? pt_value_get(outcome, "errors") : NULL;
	bool progress = action && strcmp(action, PT_COMMITMENT_FORM_PROGRESS) == 0;

	memset(call, 0, sizeof(*call));
	if (!progress && (!action || strcmp(action, PT_COMMITMENT_FORM_ASSEMBLY) != 0)) {
		return pt_error_set(err, PT_ERR_INVALID, "Los datos enviados no son válidos. Revísalos e inténtalo de nuevo.");
	}
	memset(&f, 0, sizeof(f));
	f.outcome = outcome;
	f.errors = errors && errors->type == PT_VALUE_MAP ? errors : NULL;
	if (!(f.args = pt_value_map(a)) || !f.errors) {
		pt_value_free(f.args);
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory reading a commitment form");
	}
	if (progress) {
		progress_form(&f, call, today);
	} else {
		assembly_form(&f);
	}
	if (f.nomem) {
		pt_value_free(f.args);
		memset(call, 0, sizeof(*call));
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory reading a commitment form");
	}
	if (f.errors->u.c.count) {
		pt_value_free(f.args);
		memset(call, 0, sizeof(*call));
		return pt_error_set(err, PT_ERR_INVALID, "Revisa los datos marcados.");
	}
	/* the arguments by name: Request's rule puts them in the method's order */
	call->changes = f.args;
	if (!(call->args = pt_value_map(a)) || pt_value_setc(call->args, progress ? "changes" : "record", f.args) != PT_OK
		|| (progress && pt_value_setc(call->args, "note", pt_value_string(a, call->note ? call->note : "",
			call->note_len)) != PT_OK)) {
		if (!call->args) {
			pt_value_free(f.args);
		}
		pt_value_free(call->args);
		memset(call, 0, sizeof(*call));
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory reading a commitment form");
	}
	return PT_OK;
}

pt_status pt_commitment_form_prepare(pt_value *outcome, const char *who, const pt_fragment_host *h,
	const pt_allocator *a, pt_error *err)
{
	const pt_value *action = outcome ? pt_value_get(outcome, "action") : NULL;
	pt_commitment_call c;
	char today[11];
	pt_status s;

	(void)who;
	pt_fragment_commitment_today(h ? h->timezone : NULL, today);
	s = pt_commitment_form_call(action && action->type == PT_VALUE_STRING ? action->u.s.s : NULL, outcome, today, a, &c,
		err);
	if (s == PT_OK && pt_request_put(outcome, "prepared", c.args) != PT_OK) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory reading a commitment form");
	}
	return s;
}
