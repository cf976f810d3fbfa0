/* participa core: what a questionnaire's form post means (instrument_form.h). */
#include "core/fragment/instrument_form.h"
#include "core/fragment/request_rules.h"

#include <stdio.h>
#include <string.h>

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The draft's member of map field `field` for key, without the spaces around it; NULL when absent. */
static const char *member(const pt_value *outcome, const char *field, const char *key, size_t klen, size_t *len,
	bool trim)
{
	const pt_value *d = pt_value_get(outcome, "draft");
	const pt_value *m = d ? pt_value_get(d, field) : NULL, *v = NULL;
	const char *s;

	for (size_t i = 0; m && m->type == PT_VALUE_MAP && i < m->u.c.count; i++) {
		if (m->u.c.key_lens[i] == klen && !memcmp(m->u.c.keys[i], key, klen)) {
			v = m->u.c.items[i];
		}
	}
	if (!v || v->type != PT_VALUE_STRING) {
		return NULL;
	}
	s = v->u.s.s;
	*len = v->u.s.len;
	while (trim && *len && is_space(*s)) {
		s++;
		(*len)--;
	}
	while (*len && is_space(s[*len - 1])) {
		(*len)--;
	}
	return s;
}

/* A whole number of at most PT_INSTRUMENT_FORM_DIGITS digits, an optional sign before it. */
static bool whole(const char *s, size_t len, int64_t *out)
{
	size_t i = len && (s[0] == '-' || s[0] == '+') ? 1 : 0;
	int64_t v = 0;

	if (i == len || len - i > PT_INSTRUMENT_FORM_DIGITS) {
		return false;
	}
	for (size_t j = i; j < len; j++) {
		if (s[j] < '0' || s[j] > '9') {
			return false;
		}
		v = v * 10 + (s[j] - '0');
	}
	*out = s[0] == '-' ? -v : v;
	return true;
}

/* Whether key was already read (an item posted under two fields is read once, answers first). */
static bool seen(const pt_value *answers, const char *key, size_t klen)
{
	for (size_t i = 0; i < answers->u.c.count; i++) {
		if (answers->u.c.key_lens[i] == klen && !memcmp(answers->u.c.keys[i], key, klen)) {
			return true;
		}
	}
	return false;
}

/* answers[key] from the three fields; PT_ERR_INVALID (refusal recorded), PT_ERR_NOMEM. */
static pt_status one(pt_value *outcome, pt_value *answers, const char *key, size_t klen, bool corroborate,
	const pt_fragment_host *h, const pt_allocator *a, bool *skipped)
{
	size_t vlen = 0, nlen = 0, elen = 0;
	const char *v = member(outcome, "answers", key, klen, &vlen, false), *n, *e;
	pt_value *value = NULL, *x;
	int64_t num;
	char name[PT_ERROR_MESSAGE_MAX];

	*skipped = false;
	if (v && vlen == 0) {
		v = NULL;
	}
	n = v ? NULL : member(outcome, "numbers", key, klen, &nlen, true);
	e = member(outcome, "evidence", key, klen, &elen, true);
	if (n && nlen) {
		if (!whole(n, nlen, &num)) {
			snprintf(name, sizeof(name), "numbers[%.*s]", (int)klen, key);
			return pt_request_refuse(outcome, NULL, name, pt_fragment_text(h, "Escribe un número entero, sin "
				"puntos ni comas.")) ? PT_ERR_NOMEM : PT_ERR_INVALID;
		}
		value = pt_value_int(a, num);
	} else if (v) {
		value = pt_value_string(a, v, vlen);
	} else if (corroborate) {
		*skipped = true;   /* not answered: the institution's own answer stands */
		return PT_OK;
	} else {
		value = pt_value_null(a);
	}
	if (!value) {
		return PT_ERR_NOMEM;
	}
	if (!e || !elen) {
		return pt_value_set(answers, key, klen, value);
	}
	if (!(x = pt_value_map(a))) {
		pt_value_free(value);
		return PT_ERR_NOMEM;
	}
	if (pt_value_setc(x, "value", value) != PT_OK || pt_value_setc(x, "evidence", pt_value_string(a, e, elen)) != PT_OK) {
		pt_value_free(x);
		return PT_ERR_NOMEM;
	}
	return pt_value_set(answers, key, klen, x);
}

pt_status pt_instrument_form_prepare(pt_value *outcome, const char *who, const pt_fragment_host *h,
	const pt_allocator *a, pt_error *err)
{
	static const char *const fields[] = { "answers", "numbers", "evidence" };
	const pt_value *action = pt_value_get(outcome, "action"), *draft = pt_value_get(outcome, "draft");
	bool corroborate = action && action->type == PT_VALUE_STRING && !strcmp(action->u.s.s, "instrument.corroborate");
	bool bad = false, skipped;
	pt_value *answers = pt_value_map(a), *prepared = pt_value_map(a);
	pt_status s = answers && prepared ? PT_OK : PT_ERR_NOMEM;

	(void)who;
	for (size_t f = 0; s == PT_OK && f < 3; f++) {
		const pt_value *m = draft ? pt_value_get(draft, fields[f]) : NULL;

		for (size_t i = 0; s == PT_OK && m && m->type == PT_VALUE_MAP && i < m->u.c.count; i++) {
			if (seen(answers, m->u.c.keys[i], m->u.c.key_lens[i])) {
				continue;
			}
			s = one(outcome, answers, m->u.c.keys[i], m->u.c.key_lens[i], corroborate, h, a, &skipped);
			if (s == PT_ERR_INVALID) {
				bad = true;
				s = PT_OK;
			}
		}
	}
	if (s == PT_OK && !bad) {
		s = pt_value_setc(prepared, "answers", answers);
		answers = NULL;
		if (s == PT_OK) {
			s = pt_request_put(outcome, "prepared", prepared);
			prepared = NULL;
		}
	}
	pt_value_free(answers);
	pt_value_free(prepared);
	if (s != PT_OK) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory reading a questionnaire's form");
	}
	return bad ? pt_error_set(err, PT_ERR_INVALID, "Revisa los datos marcados.") : PT_OK;
}
