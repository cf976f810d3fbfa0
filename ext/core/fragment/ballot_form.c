/* participa core: a ballot form's fields and the ballot they stand for (ballot_form.h). */
#include "core/fragment/ballot_form.h"
#include "core/common/messages.h"
#include "core/common/pt_buf.h"
#include "core/common/pt_format.h"

#include <stdio.h>
#include <string.h>

#define REASON_MAX 4000   /* PT_PROCESS_REASON_MAX: the engine refuses more, with its own message */

static const struct { const char *method; pt_ballot_form_kind kind; } forms[] = {
	{ "plurality", PT_BALLOT_FORM_SINGLE },
	{ "approval", PT_BALLOT_FORM_APPROVAL },
	{ "pb_greedy", PT_BALLOT_FORM_BUDGET },
	{ "pb_equal_shares", PT_BALLOT_FORM_BUDGET },
	{ "irv", PT_BALLOT_FORM_RANKED },
	{ "stv", PT_BALLOT_FORM_RANKED },
	{ "schulze", PT_BALLOT_FORM_RANKED },
	{ "borda", PT_BALLOT_FORM_RANKED },
	{ "ranked_pairs", PT_BALLOT_FORM_RANKED },
	{ "copeland", PT_BALLOT_FORM_RANKED },
	{ "score", PT_BALLOT_FORM_SCORE },
	{ "majority_judgment", PT_BALLOT_FORM_GRADES },
	{ "majority", PT_BALLOT_FORM_STANCE },
	{ "consensus", PT_BALLOT_FORM_CONSENSUS },
};

pt_ballot_form_kind pt_ballot_form_kind_of(const char *method)
{
	size_t i;

	for (i = 0; method && i < sizeof(forms) / sizeof(forms[0]); i++) {
		if (!strcmp(forms[i].method, method)) {
			return forms[i].kind;
		}
	}
	return PT_BALLOT_FORM_SINGLE;
}

/* ---- reading the trees ------------------------------------------------------------- */

static const pt_value *member(const pt_value *map, const char *key)
{
	return map && map->type == PT_VALUE_MAP ? pt_value_get(map, key) : NULL;
}

/* A string member, or NULL (absent, empty or not a string). */
static const pt_value *text(const pt_value *map, const char *key)
{
	const pt_value *v = member(map, key);

	return v && v->type == PT_VALUE_STRING && v->u.s.len ? v : NULL;
}

static bool int_member(const pt_value *map, const char *key, int64_t *out)
{
	const pt_value *v = member(map, key);

	if (v && v->type == PT_VALUE_INT) {
		*out = v->u.i;
		return true;
	}
	return false;
}

static const pt_value *candidates(const pt_value *info)
{
	const pt_value *c = member(info, "candidates");

	return c && c->type == PT_VALUE_LIST ? c : NULL;
}

static size_t candidate_count(const pt_value *info)
{
	const pt_value *c = candidates(info);

	return c ? c->u.c.count : 0;
}

/* Index of the candidate whose id is s[0..len), or -1. */
static long candidate_find(const pt_value *info, const char *s, size_t len)
{
	const pt_value *c = candidates(info);
	size_t i;

	for (i = 0; c && i < c->u.c.count; i++) {
		const pt_value *id = member(c->u.c.items[i], "id");

		if (id && id->type == PT_VALUE_STRING && id->u.s.len == len && !memcmp(id->u.s.s, s, len)) {
			return (long)i;
		}
	}
	return -1;
}

static const char *candidate_str(const pt_value *info, long i, const char *key)
{
	const pt_value *c = candidates(info);
	const pt_value *v = c && i >= 0 && (size_t)i < c->u.c.count ? member(c->u.c.items[i], key) : NULL;

	return v && v->type == PT_VALUE_STRING ? v->u.s.s : NULL;
}

static const char *candidate_name(const pt_value *info, long i)
{
	const char *name = candidate_str(info, i, "name");

	return name ? name : candidate_str(info, i, "id");
}

static int64_t candidate_cost(const pt_value *info, long i)
{
	const pt_value *c = candidates(info);
	int64_t cost = 0;

	if (c && i >= 0 && (size_t)i < c->u.c.count) {
		int_member(c->u.c.items[i], "cost", &cost);
	}
	return cost;
}

/* Whether the strings of list hold s. */
static bool list_has(const pt_value *list, const char *s)
{
	size_t i;

	for (i = 0; s && list && list->type == PT_VALUE_LIST && i < list->u.c.count; i++) {
		if (list->u.c.items[i]->type == PT_VALUE_STRING && !strcmp(list->u.c.items[i]->u.s.s, s)) {
			return true;
		}
	}
	return false;
}

/*
 * A budget split by district (info.options.pots, core/process/pots.h): whether candidate cid
 * lies in one of the pots `only` names (the viewer's, Process::status()'s pots); every
 * candidate when only is NULL or the process has no pots. *budget (may be NULL) adds the
 * budgets of those pots.
 */
static bool in_pots(const pt_value *info, const pt_value *only, const char *cid, int64_t *budget)
{
	const pt_value *pots = member(member(info, "options"), "pots");
	size_t i;
	bool in = false;

	if (!only || only->type != PT_VALUE_LIST || !pots || pots->type != PT_VALUE_LIST) {
		return true;
	}
	for (i = 0; i < pots->u.c.count; i++) {
		const pt_value *pot = pots->u.c.items[i], *pid = text(pot, "pot");
		int64_t b = 0;

		if (pid && list_has(only, pid->u.s.s)) {
			in |= list_has(member(pot, "projects"), cid);
			if (budget && int_member(pot, "budget", &b)) {
				*budget += b;
			}
		}
	}
	return in;
}

static int64_t option_int(const pt_value *info, const char *key, int64_t dflt)
{
	int64_t v = dflt;

	int_member(member(info, "options"), key, &v);
	return v;
}

void pt_ballot_form_range(const pt_value *info, int64_t *min, int64_t *max)
{
	*min = option_int(info, "min", 0);
	*max = option_int(info, "max", 10);
	if (*max < *min) {
		*max = *min;
	}
}

/* The i-th string of a posted list (a list or a map of strings; a lone string is a list of one). */
static size_t entries(const pt_value *v)
{
	if (!v) {
		return 0;
	}
	if (v->type == PT_VALUE_STRING) {
		return 1;
	}
	return v->type == PT_VALUE_LIST || v->type == PT_VALUE_MAP ? v->u.c.count : 0;
}

static const pt_value *entry(const pt_value *v, size_t i)
{
	const pt_value *e = v->type == PT_VALUE_STRING ? v : v->u.c.items[i];

	return e->type == PT_VALUE_STRING ? e : NULL;
}

/* ---- grades ------------------------------------------------------------------------ */

/* Majority judgment's usual names, best first, for 2 to 7 grades. */
static const char *const grade_names[6][7] = {
	{ "Aceptable", "A rechazar" },
	{ "Bien", "Aceptable", "A rechazar" },
	{ "Muy bien", "Bien", "Aceptable", "A rechazar" },
	{ "Muy bien", "Bien", "Aceptable", "Insuficiente", "A rechazar" },
	{ "Excelente", "Muy bien", "Bien", "Aceptable", "Insuficiente", "A rechazar" },
	{ "Excelente", "Muy bien", "Bien", "Aceptable", "Regular", "Insuficiente", "A rechazar" },
};

const char *pt_ballot_form_grade_name(int64_t min, int64_t max, int64_t g)
{
	int64_t n = max - min + 1;

	if (n < 2 || n > 7 || g < min || g > max) {
		return NULL;
	}
	return grade_names[n - 2][max - g];
}

/* ---- refusals ---------------------------------------------------------------------- */

/* A refusal of field with the catalogued literal es (the catalog gives its English). */
#define REFUSE(name, es) (*field = (name), pt_error_set(err, PT_ERR_INVALID, es))

static pt_status nomem(pt_error *err)
{
	return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
}

/* ---- the forms --------------------------------------------------------------------- */

/* (pt_value_push() and _setc() free the child on failure, never the container.) */

/* A bitmap of candidates already named (m bits through a). */
typedef struct seen {
	unsigned char *bits;
	size_t m;
	const pt_allocator *a;
} seen;

static bool seen_init(seen *s, size_t m, const pt_allocator *a)
{
	s->m = m;
	s->a = a;
	s->bits = pt_calloc(a, m / 8 + 1, 1);
	return s->bits != NULL;
}

/* Marks i; false when it was marked already. */
static bool seen_mark(seen *s, long i)
{
	unsigned char bit = (unsigned char)(1u << (i % 8));

	if (s->bits[i / 8] & bit) {
		return false;
	}
	s->bits[i / 8] |= bit;
	return true;
}

static void seen_free(seen *s)
{
	pt_free(s->a, s->bits);
	s->bits = NULL;
}

static pt_status single(const pt_value *info, const pt_value *post, const pt_allocator *a, pt_value **ballot,
	const char **field, pt_error *err)
{
	const pt_value *v = text(post, "choice");

	if (!v) {
		return REFUSE("choice", "Elige una opción.");
	}
	if (candidate_find(info, v->u.s.s, v->u.s.len) < 0) {
		return REFUSE("choice", "Esa opción no está en la boleta.");
	}
	return (*ballot = pt_value_string(a, v->u.s.s, v->u.s.len)) ? PT_OK : nomem(err);
}

/* The checked options of an approval or budget form, in the posted order, each once. */
static pt_status checked(const pt_value *info, const pt_value *post, const pt_allocator *a, pt_value **list,
	int64_t *total, const char **field, pt_error *err)
{
	const pt_value *v = member(post, "choice");
	size_t i, n = entries(v);
	seen s;

	*total = 0;
	if (n > PT_BALLOT_FORM_LIST_MAX) {
		return REFUSE("choice", "Esa opción no está en la boleta.");
	}
	if (!(*list = pt_value_list(a)) || !seen_init(&s, candidate_count(info), a)) {
		pt_value_free(*list);
		*list = NULL;
		return nomem(err);
	}
	for (i = 0; i < n; i++) {
		const pt_value *e = entry(v, i);
		long c = e && e->u.s.len ? candidate_find(info, e->u.s.s, e->u.s.len) : -2;

		if (c == -2 && e) {
			continue;   /* an empty value is no choice */
		}
		if (c < 0) {
			seen_free(&s);
			pt_value_free(*list);
			*list = NULL;
			return REFUSE("choice", "Esa opción no está en la boleta.");
		}
		if (!seen_mark(&s, c)) {
			continue;
		}
		*total += candidate_cost(info, c);
		if (pt_value_push(*list, pt_value_string(a, e->u.s.s, e->u.s.len)) != PT_OK) {
			seen_free(&s);
			pt_value_free(*list);
			*list = NULL;
			return nomem(err);
		}
	}
	seen_free(&s);
	return PT_OK;
}

/* A count limit: "hasta N" / "al menos N", with the number in both languages. */
static pt_status limit(const char **field, pt_error *err, bool most, bool projects, int64_t n)
{
	*field = "choice";
	if (projects) {
		return most ? pt_error_set(err, PT_ERR_INVALID, "Elige a lo más %lld proyectos.", (long long)n)
			: pt_error_set(err, PT_ERR_INVALID, "Elige al menos %lld proyectos.", (long long)n);
	}
	return most ? pt_error_set(err, PT_ERR_INVALID, "Puedes elegir hasta %lld opciones.", (long long)n)
		: pt_error_set(err, PT_ERR_INVALID, "Elige al menos %lld opciones.", (long long)n);
}

static pt_status approval(const pt_value *info, const pt_value *post, bool budget, const pt_allocator *a,
	pt_value **ballot, const char **field, pt_error *err)
{
	int64_t total, n, most, least, limit_money;
	pt_status s = checked(info, post, a, ballot, &total, field, err);
	const pt_value *over = member(info, "over_budget");

	if (s != PT_OK) {
		return s;
	}
	n = (int64_t)(*ballot)->u.c.count;
	most = option_int(info, budget ? "max_length" : "max_choices", 0);
	least = option_int(info, budget ? "min_length" : "min_choices", 0);
	limit_money = budget ? option_int(info, "budget", 0) : 0;
	if (n == 0) {
		s = budget ? REFUSE("choice", "Elige al menos un proyecto.") : REFUSE("choice", "Elige al menos una opción.");
	} else if (most > 0 && n > most) {
		s = limit(field, err, true, budget, most);
	} else if (least > 0 && n < least) {
		s = limit(field, err, false, budget, least);
	} else if (budget && limit_money > 0 && total > limit_money
			&& !(over && over->type == PT_VALUE_STRING && !strcmp(over->u.s.s, "allow"))) {
		pt_buf t, b;

		pt_buf_init(&t, a);
		pt_buf_init(&b, a);
		pt_format_money(&t, (double)total, "es");
		pt_format_money(&b, (double)limit_money, "es");
		*field = "choice";
		s = t.failed || b.failed ? nomem(err) : pt_error_set(err, PT_ERR_INVALID,
			"Los proyectos que elegiste suman %s y el presupuesto es de %s.", t.data, b.data);
		pt_buf_free(&t);
		pt_buf_free(&b);
	}
	if (s != PT_OK) {
		pt_value_free(*ballot);
		*ballot = NULL;
	}
	return s;
}

static pt_status ranked(const pt_value *info, const pt_value *post, const pt_allocator *a, pt_value **ballot,
	const char **field, pt_error *err)
{
	const pt_value *v = member(post, "rank");
	size_t i, n = entries(v);
	pt_status s = PT_OK;
	seen sn;

	if (n > PT_BALLOT_FORM_LIST_MAX) {
		return REFUSE("rank", "Esa opción no está en la boleta.");
	}
	if (!(*ballot = pt_value_list(a)) || !seen_init(&sn, candidate_count(info), a)) {
		pt_value_free(*ballot);
		*ballot = NULL;
		return nomem(err);
	}
	for (i = 0; i < n && s == PT_OK; i++) {
		const pt_value *e = entry(v, i);
		long c;

		if (e && !e->u.s.len) {
			continue;   /* a place left empty */
		}
		if (!e || (c = candidate_find(info, e->u.s.s, e->u.s.len)) < 0) {
			s = REFUSE("rank", "Esa opción no está en la boleta.");
		} else if (!seen_mark(&sn, c)) {
			*field = "rank";
			s = pt_error_set(err, PT_ERR_INVALID, "Elegiste «%s» en más de un lugar.", candidate_name(info, c));
		} else if (pt_value_push(*ballot, pt_value_string(a, e->u.s.s, e->u.s.len)) != PT_OK) {
			s = nomem(err);
		}
	}
	seen_free(&sn);
	if (s == PT_OK && (*ballot)->u.c.count == 0) {
		s = REFUSE("rank", "Elige al menos tu primera preferencia.");
	}
	if (s != PT_OK) {
		pt_value_free(*ballot);
		*ballot = NULL;
	}
	return s;
}

/* "id=grade": the candidate and the grade; false when malformed. */
static bool grade_entry(const pt_value *info, const pt_value *e, long *c, int64_t *grade)
{
	const char *eq = e->u.s.len <= PT_BALLOT_FORM_FIELD_MAX ? memchr(e->u.s.s, '=', e->u.s.len) : NULL;
	const char *p, *end = e->u.s.s + e->u.s.len;
	bool neg;
	int64_t g = 0;

	if (!eq || (*c = candidate_find(info, e->u.s.s, (size_t)(eq - e->u.s.s))) < 0) {
		return false;
	}
	p = eq + 1;
	neg = p < end && *p == '-';
	p += neg;
	if (p == end || end - p > 7) {
		return false;   /* the engine's grades are at most 2^20 */
	}
	for (; p < end; p++) {
		if (*p < '0' || *p > '9') {
			return false;
		}
		g = g * 10 + (*p - '0');
	}
	*grade = neg ? -g : g;
	return true;
}

static pt_status scores(const pt_value *info, const pt_value *post, const pt_allocator *a, pt_value **ballot,
	const char **field, pt_error *err)
{
	const pt_value *v = member(post, "score");
	size_t i, n = entries(v);
	int64_t min, max;
	pt_status s = PT_OK;
	seen sn;

	pt_ballot_form_range(info, &min, &max);
	if (n > PT_BALLOT_FORM_LIST_MAX) {
		return REFUSE("score", "Esa opción no está en la boleta.");
	}
	if (!(*ballot = pt_value_map(a)) || !seen_init(&sn, candidate_count(info), a)) {
		pt_value_free(*ballot);
		*ballot = NULL;
		return nomem(err);
	}
	for (i = 0; i < n && s == PT_OK; i++) {
		const pt_value *e = entry(v, i);
		int64_t g;
		long c;

		if (e && !e->u.s.len) {
			continue;   /* not graded */
		}
		if (!e || !grade_entry(info, e, &c, &g)) {
			s = REFUSE("score", "Esa opción no está en la boleta.");
		} else if (g < min || g > max) {
			*field = "score";
			s = pt_error_set(err, PT_ERR_INVALID, "La calificación de «%s» debe estar entre %lld y %lld.",
				candidate_name(info, c), (long long)min, (long long)max);
		} else if (!seen_mark(&sn, c)) {
			*field = "score";
			s = pt_error_set(err, PT_ERR_INVALID, "Calificaste «%s» dos veces.", candidate_name(info, c));
		} else if (pt_value_setc(*ballot, candidate_str(info, c, "id"), pt_value_int(a, g)) != PT_OK) {
			s = nomem(err);
		}
	}
	seen_free(&sn);
	if (s == PT_OK && (*ballot)->u.c.count == 0) {
		s = REFUSE("score", "Califica al menos una opción.");
	}
	if (s != PT_OK) {
		pt_value_free(*ballot);
		*ballot = NULL;
	}
	return s;
}

/* A textarea's text with its line breaks as "\n" (browsers send "\r\n"). */
static pt_value *lines(const pt_allocator *a, const char *s, size_t len)
{
	pt_buf b;
	pt_value *v;
	size_t i;

	pt_buf_init(&b, a);
	for (i = 0; i < len; i++) {
		if (s[i] != '\r') {
			pt_buf_append(&b, s + i, 1);
		} else if (i + 1 == len || s[i + 1] != '\n') {
			pt_buf_append(&b, "\n", 1);
		}
	}
	v = b.failed ? NULL : pt_value_string(a, b.data ? b.data : "", b.len);
	pt_buf_free(&b);
	return v;
}

static pt_status stance(const pt_value *post, bool consensus, const pt_allocator *a, pt_value **ballot,
	const char **field, pt_error *err)
{
	static const char *const motion[] = { "agree", "disagree", "abstain", NULL };
	static const char *const consent[] = { "agree", "abstain", "disagree", "block", NULL };
	const char *const *ok = consensus ? consent : motion;
	const pt_value *v = text(post, "stance"), *r = member(post, "reason");
	bool reason = r && r->type == PT_VALUE_STRING && r->u.s.len > strspn(r->u.s.s, " \t\r\n");
	size_t i;

	if (!v) {
		return REFUSE("stance", "Elige tu postura.");
	}
	for (i = 0; ok[i] && strcmp(ok[i], v->u.s.s); i++) {
	}
	if (!ok[i] || v->u.s.len != strlen(ok[i])) {
		return REFUSE("stance", "Esa postura no está en la boleta.");
	}
	if (r && r->type != PT_VALUE_STRING) {
		return REFUSE("reason", "Escribe tu razón como texto.");
	}
	if (!strcmp(ok[i], "block") && !reason) {
		return REFUSE("reason", "Para bloquear, explica tu razón.");
	}
	if (!reason) {
		return (*ballot = pt_value_cstr(a, ok[i])) ? PT_OK : nomem(err);
	}
	if (!(*ballot = pt_value_map(a)) || pt_value_setc(*ballot, "stance", pt_value_cstr(a, ok[i])) != PT_OK
		|| pt_value_setc(*ballot, "reason", lines(a, r->u.s.s, r->u.s.len)) != PT_OK) {
		pt_value_free(*ballot);
		*ballot = NULL;
		return nomem(err);
	}
	return PT_OK;
}

pt_status pt_ballot_form_read(const pt_value *info, const pt_value *post, const pt_allocator *a, pt_value **ballot,
	const char **field, pt_error *err)
{
	const pt_value *method = member(info, "method");

	*ballot = NULL;
	*field = NULL;
	switch (pt_ballot_form_kind_of(method && method->type == PT_VALUE_STRING ? method->u.s.s : NULL)) {
	case PT_BALLOT_FORM_SINGLE: return single(info, post, a, ballot, field, err);
	case PT_BALLOT_FORM_APPROVAL: return approval(info, post, false, a, ballot, field, err);
	case PT_BALLOT_FORM_BUDGET: return approval(info, post, true, a, ballot, field, err);
	case PT_BALLOT_FORM_RANKED: return ranked(info, post, a, ballot, field, err);
	case PT_BALLOT_FORM_SCORE:
	case PT_BALLOT_FORM_GRADES: return scores(info, post, a, ballot, field, err);
	case PT_BALLOT_FORM_STANCE: return stance(post, false, a, ballot, field, err);
	case PT_BALLOT_FORM_CONSENSUS: return stance(post, true, a, ballot, field, err);
	}
	return REFUSE("choice", "Esa opción no está en la boleta.");
}

/* ---- blank rows, batches, drafts ----------------------------------------------------- */

static const char *const ballot_fields[] = { "choice", "rank", "score", "stance", "reason" };
#define BALLOT_FIELDS (sizeof(ballot_fields) / sizeof(ballot_fields[0]))

bool pt_ballot_form_blank(const pt_value *post)
{
	size_t f, i;

	for (f = 0; f < BALLOT_FIELDS; f++) {
		const pt_value *v = member(post, ballot_fields[f]);
		size_t n = entries(v);

		for (i = 0; i < n; i++) {
			const pt_value *e = entry(v, i);

			if (!e || e->u.s.len > strspn(e->u.s.s, " \t\r\n")) {
				return false;
			}
		}
	}
	return true;
}

/* err (a refusal of one row) said of row n of the batch, in both languages. */
static pt_status row_refusal(size_t n, pt_error *err)
{
	pt_error inner = *err;
	const char *en = pt_msg_english("Boleta %zu del lote: %s");

	pt_error_set(err, PT_ERR_INVALID, "Boleta %zu del lote: %s", n, inner.message);
	if (en && inner.message_en[0]) {
		snprintf(err->message_en, sizeof(err->message_en), en, n, inner.message_en);
	}
	return PT_ERR_INVALID;
}

pt_status pt_ballot_form_batch(const pt_value *info, const pt_value *rows, const pt_allocator *a,
	pt_value **ballots, size_t *row, const char **field, pt_error *err)
{
	size_t i, n = rows && (rows->type == PT_VALUE_LIST || rows->type == PT_VALUE_MAP) ? rows->u.c.count : 0;
	pt_status s = PT_OK;

	*row = 0;
	*field = NULL;
	if (!(*ballots = pt_value_list(a))) {
		return nomem(err);
	}
	for (i = 0; i < n && i < PT_BALLOT_FORM_LIST_MAX && s == PT_OK; i++) {
		const pt_value *r = rows->u.c.items[i];
		pt_value *b = NULL;

		if (r->type != PT_VALUE_MAP || pt_ballot_form_blank(r)) {
			continue;
		}
		if ((s = pt_ballot_form_read(info, r, a, &b, field, err)) == PT_ERR_INVALID) {
			*row = i + 1;
			s = row_refusal(i + 1, err);
		} else if (s == PT_OK && pt_value_push(*ballots, b) != PT_OK) {
			s = nomem(err);
		}
	}
	if (s == PT_OK && (*ballots)->u.c.count == 0) {
		s = REFUSE("ballots", "Captura al menos una boleta del lote.");
	}
	if (s != PT_OK) {
		pt_value_free(*ballots);
		*ballots = NULL;
	}
	return s;
}

/* A posted string of at most max bytes as a copy (*made), or NULL (not *made) when it is something else. */
static pt_value *copy_text(const pt_value *e, size_t max, const pt_allocator *a, bool *made)
{
	*made = e && e->type == PT_VALUE_STRING && e->u.s.len <= max;
	return *made ? pt_value_string(a, e->u.s.s, e->u.s.len) : NULL;
}

/* The ballot fields of post into the map out. */
static pt_status draft_fields(const pt_value *post, pt_value *out)
{
	const pt_allocator *a = out->alloc;
	size_t f, i;

	for (f = 0; f < BALLOT_FIELDS; f++) {
		const pt_value *v = member(post, ballot_fields[f]);
		size_t max = !strcmp(ballot_fields[f], "reason") ? REASON_MAX : PT_BALLOT_FORM_FIELD_MAX;
		pt_value *copy;
		bool made;

		if (!v) {
			continue;
		}
		if (v->type == PT_VALUE_STRING) {
			copy = copy_text(v, max, a, &made);
			if (made && (!copy || pt_value_setc(out, ballot_fields[f], copy) != PT_OK)) {
				return PT_ERR_NOMEM;
			}
			continue;
		}
		if ((v->type != PT_VALUE_LIST && v->type != PT_VALUE_MAP) || v->u.c.count > PT_BALLOT_FORM_LIST_MAX) {
			continue;
		}
		if (!(copy = pt_value_list(a))) {
			return PT_ERR_NOMEM;
		}
		for (i = 0; i < v->u.c.count; i++) {
			pt_value *e = copy_text(v->u.c.items[i], max, a, &made);

			if (made && pt_value_push(copy, e) != PT_OK) {
				pt_value_free(copy);
				return PT_ERR_NOMEM;
			}
		}
		if (pt_value_setc(out, ballot_fields[f], copy) != PT_OK) {
			return PT_ERR_NOMEM;
		}
	}
	return PT_OK;
}

pt_status pt_ballot_form_draft(const pt_value *post, pt_value *draft)
{
	const pt_value *rows = member(post, "ballots");
	pt_value *list;
	size_t i;

	if (draft_fields(post, draft) != PT_OK) {
		return PT_ERR_NOMEM;
	}
	if (!rows || (rows->type != PT_VALUE_LIST && rows->type != PT_VALUE_MAP)) {
		return PT_OK;
	}
	if (!(list = pt_value_list(draft->alloc))) {
		return PT_ERR_NOMEM;
	}
	for (i = 0; i < rows->u.c.count && i < PT_BALLOT_FORM_LIST_MAX; i++) {
		pt_value *row = pt_value_map(draft->alloc);

		if (!row || draft_fields(rows->u.c.items[i], row) != PT_OK) {
			pt_value_free(row);
			pt_value_free(list);
			return PT_ERR_NOMEM;
		}
		if (pt_value_push(list, row) != PT_OK) {
			pt_value_free(list);
			return PT_ERR_NOMEM;
		}
	}
	return pt_value_setc(draft, "ballots", list);
}

/* ---- the form's view model ------------------------------------------------------------ */

#define VBOOL(b, m, key, on) pt_fragment_vset((b), (m), (key), pt_value_bool((b)->a, (on)))

/* The name attribute of field for a ballot whose fields are prefixed (list: "[]" after it). */
static void field_name(pt_fragment_vb *b, pt_value *m, const char *key, const char *prefix, const char *field, bool list)
{
	char name[160];

	if (prefix && *prefix) {
		snprintf(name, sizeof(name), "%s[%s]%s", prefix, field, list ? "[]" : "");
	} else {
		snprintf(name, sizeof(name), "%s%s", field, list ? "[]" : "");
	}
	pt_fragment_vstr(b, m, key, name);
}

/* An element id "<instance>-<id>-<part><n>" (n 0: "<instance>-<id>-<part>", the form's one such element). */
static void element_id(pt_fragment_vb *b, pt_value *m, const char *key, const char *id, const char *part, size_t n)
{
	char suffix[96];

	if (n) {
		snprintf(suffix, sizeof(suffix), "%s-%s%zu", id, part, n);
	} else {
		snprintf(suffix, sizeof(suffix), "%s-%s", id, part);
	}
	pt_fragment_vid(b, m, key, suffix);
}

/* Whether the draft's field (a string or a list of strings) holds value. */
static bool drafted(const pt_value *draft, const char *field, const char *value)
{
	const pt_value *v = member(draft, field);
	size_t i, n = entries(v);

	for (i = 0; i < n; i++) {
		const pt_value *e = entry(v, i);

		if (e && !strcmp(e->u.s.s, value)) {
			return true;
		}
	}
	return false;
}

/* The draft's entry i of a list field ("" when absent). */
static const char *drafted_at(const pt_value *draft, const char *field, size_t i)
{
	const pt_value *v = member(draft, field);
	const pt_value *e = v && v->type == PT_VALUE_LIST && i < v->u.c.count ? entry(v, i) : NULL;

	return e ? e->u.s.s : "";
}

static void money(pt_fragment_vb *b, pt_value *m, const char *key, int64_t pesos)
{
	pt_buf t;

	pt_buf_init(&t, b->a);
	pt_format_money(&t, (double)pesos, b->h && b->h->lang ? b->h->lang : "es");
	pt_fragment_vset(b, m, key, b->s == PT_OK && !t.failed ? pt_value_string(b->a, t.data, t.len) : NULL);
	pt_buf_free(&t);
}

/* The checkboxes or radios of the options. */
static void option_inputs(pt_fragment_vb *b, pt_value *v, const pt_value *info, const pt_value *only,
	const pt_value *draft, const char *id, bool budget)
{
	pt_value *list = pt_fragment_vset(b, v, "options", pt_fragment_vlist(b));
	size_t i, m = candidate_count(info);

	for (i = 0; i < m && b->s == PT_OK; i++) {
		const char *cid = candidate_str(info, (long)i, "id");
		pt_value *o;

		if (!in_pots(info, only, cid, NULL)) {
			continue;   /* another district's project: not this viewer's to choose */
		}
		o = pt_fragment_vpush(b, list, pt_fragment_vmap(b));

		pt_fragment_vstr(b, o, "value", cid);
		pt_fragment_vstr(b, o, "name", candidate_name(info, (long)i));
		element_id(b, o, "input_id", id, "op-", i + 1);
		VBOOL(b, o, "checked", cid && drafted(draft, "choice", cid));
		if (budget) {
			pt_fragment_vint(b, o, "cost", candidate_cost(info, (long)i));
			money(b, o, "cost_text", candidate_cost(info, (long)i));
		}
	}
}

static void rank_inputs(pt_fragment_vb *b, pt_value *v, const pt_value *info, const pt_value *draft, const char *prefix,
	const char *id)
{
	pt_value *ranks = pt_fragment_vset(b, v, "ranks", pt_fragment_vlist(b));
	size_t m = candidate_count(info), places = m < PT_BALLOT_FORM_RANKS_MAX ? m : PT_BALLOT_FORM_RANKS_MAX, p, i;

	for (p = 0; p < places && b->s == PT_OK; p++) {
		pt_value *r = pt_fragment_vpush(b, ranks, pt_fragment_vmap(b)), *choices;
		const char *was = drafted_at(draft, "rank", p);

		pt_fragment_vfmt(b, r, "label", "%lld.ª preferencia", (long long)(p + 1));
		pt_fragment_vtext(b, r, "none_label", "— Sin elegir —");
		element_id(b, r, "select_id", id, "lugar-", p + 1);
		field_name(b, r, "field", prefix, "rank", true);
		choices = pt_fragment_vset(b, r, "choices", pt_fragment_vlist(b));
		for (i = 0; i < m && b->s == PT_OK; i++) {
			const char *cid = candidate_str(info, (long)i, "id");
			pt_value *c = pt_fragment_vpush(b, choices, pt_fragment_vmap(b));

			pt_fragment_vstr(b, c, "value", cid);
			pt_fragment_vstr(b, c, "name", candidate_name(info, (long)i));
			VBOOL(b, c, "selected", cid && !strcmp(was, cid));
		}
	}
}

static void score_inputs(pt_fragment_vb *b, pt_value *v, const pt_value *info, const pt_value *draft, const char *prefix,
	const char *id, bool named)
{
	pt_value *rows = pt_fragment_vset(b, v, "scores", pt_fragment_vlist(b));
	size_t i, m = candidate_count(info);
	int64_t min, max, g;

	pt_ballot_form_range(info, &min, &max);
	if (max - min > 100) {
		max = min + 100;   /* a select of at most 101 grades; a wider range is a YAML mistake */
	}
	for (i = 0; i < m && b->s == PT_OK; i++) {
		const char *cid = candidate_str(info, (long)i, "id");
		pt_value *r = pt_fragment_vpush(b, rows, pt_fragment_vmap(b)), *grades;

		pt_fragment_vstr(b, r, "name", candidate_name(info, (long)i));
		pt_fragment_vtext(b, r, "none_label", "Sin calificar");
		element_id(b, r, "select_id", id, "calif-", i + 1);
		field_name(b, r, "field", prefix, "score", true);
		grades = pt_fragment_vset(b, r, "grades", pt_fragment_vlist(b));
		for (g = max; g >= min && b->s == PT_OK; g--) {
			pt_value *o = pt_fragment_vpush(b, grades, pt_fragment_vmap(b));
			const char *word = named ? pt_ballot_form_grade_name(min, max, g) : NULL;
			char value[PT_BALLOT_FORM_FIELD_MAX + 32];

			snprintf(value, sizeof(value), "%s=%lld", cid ? cid : "", (long long)g);
			pt_fragment_vstr(b, o, "value", value);
			if (word) {
				pt_fragment_vtext(b, o, "label", word);
			} else {
				snprintf(value, sizeof(value), "%lld", (long long)g);
				pt_fragment_vstr(b, o, "label", value);
			}
			snprintf(value, sizeof(value), "%s=%lld", cid ? cid : "", (long long)g);
			VBOOL(b, o, "selected", drafted(draft, "score", value));
		}
	}
}

static void stance_inputs(pt_fragment_vb *b, pt_value *v, const pt_value *draft, const char *prefix, const char *id,
	bool consensus)
{
	static const char *const motion[][3] = {
		{ "agree", "Voto a favor", "Apruebo la propuesta." },
		{ "disagree", "Voto en contra", "No apruebo la propuesta." },
		{ "abstain", "Me abstengo", "No tomo postura; mi voto no cuenta a favor ni en contra." },
	};
	static const char *const consent[][3] = {
		{ "agree", "Estoy de acuerdo", "Apoyo la propuesta." },
		{ "abstain", "Me hago a un lado", "No la comparto, pero no la detengo." },
		{ "disagree", "Estoy en desacuerdo", "No la apoyo; cuenta en contra, pero no la detiene." },
		{ "block", "Bloqueo la propuesta", "La detengo: explica por qué en la razón." },
	};
	const char *const (*rows)[3] = consensus ? consent : motion;
	size_t i, n = consensus ? 4 : 3;
	pt_value *list = pt_fragment_vset(b, v, "stance_options", pt_fragment_vlist(b)), *reason;
	const pt_value *was = text(draft, "reason");

	field_name(b, v, "stance_field", prefix, "stance", false);
	for (i = 0; i < n && b->s == PT_OK; i++) {
		pt_value *o = pt_fragment_vpush(b, list, pt_fragment_vmap(b));

		pt_fragment_vstr(b, o, "value", rows[i][0]);
		pt_fragment_vtext(b, o, "label", rows[i][1]);
		pt_fragment_vtext(b, o, "hint", rows[i][2]);
		element_id(b, o, "input_id", id, "postura-", i + 1);
		element_id(b, o, "hint_id", id, "postura-nota-", i + 1);
		VBOOL(b, o, "checked", drafted(draft, "stance", rows[i][0]));
	}
	reason = pt_fragment_vset(b, v, "reason", pt_fragment_vmap(b));
	element_id(b, reason, "input_id", id, "razon", 0);
	field_name(b, reason, "field", prefix, "reason", false);
	pt_fragment_vstr(b, reason, "value", was ? was->u.s.s : "");
	pt_fragment_vtext(b, reason, "label", consensus ? "Tu razón (obligatoria si bloqueas)" : "Tu razón (opcional)");
}

static void instructions(pt_fragment_vb *b, pt_value *v, const pt_value *info, pt_ballot_form_kind k)
{
	int64_t most = option_int(info, k == PT_BALLOT_FORM_BUDGET ? "max_length" : "max_choices", 0), min, max;

	pt_ballot_form_range(info, &min, &max);
	switch (k) {
	case PT_BALLOT_FORM_SINGLE:
		pt_fragment_vtext(b, v, "instructions", "Marca una sola opción.");
		break;
	case PT_BALLOT_FORM_APPROVAL:
		if (most > 0) {
			pt_fragment_vfmt(b, v, "instructions", "Marca las opciones que apruebas, hasta %lld.", most);
		} else {
			pt_fragment_vtext(b, v, "instructions", "Marca todas las opciones que apruebas.");
		}
		break;
	case PT_BALLOT_FORM_BUDGET:
		pt_fragment_vtext(b, v, "instructions", "Marca los proyectos que quieres financiar; el total no puede pasar del "
			"presupuesto.");
		break;
	case PT_BALLOT_FORM_RANKED:
		pt_fragment_vtext(b, v, "instructions", "Ordena las opciones: en la 1.ª preferencia, la que más quieres. No tienes "
			"que llenar todos los lugares.");
		break;
	case PT_BALLOT_FORM_SCORE: {
		char out[256];

		snprintf(out, sizeof(out), pt_fragment_text(b->h, "Califica cada opción de %lld a %lld; %lld es la mejor."),
			(long long)min, (long long)max, (long long)max);
		pt_fragment_vstr(b, v, "instructions", out);
		break;
	}
	case PT_BALLOT_FORM_GRADES:
		pt_fragment_vtext(b, v, "instructions", pt_ballot_form_grade_name(min, max, min)
			? "Da una calificación a cada opción. Una opción sin calificar cuenta como «A rechazar»."
			: "Da una calificación a cada opción. Una opción sin calificar cuenta con la calificación más baja.");
		break;
	case PT_BALLOT_FORM_STANCE:
		pt_fragment_vtext(b, v, "instructions", "Elige tu postura sobre la propuesta.");
		break;
	case PT_BALLOT_FORM_CONSENSUS:
		pt_fragment_vtext(b, v, "instructions", "Elige tu postura. Si bloqueas, explica tu razón.");
		break;
	}
}

pt_value *pt_ballot_form_view(pt_fragment_vb *b, const pt_value *info, const pt_value *draft, const pt_value *errors,
	const char *prefix, const char *id)
{
	return pt_ballot_form_view_pots(b, info, NULL, draft, errors, prefix, id);
}

pt_value *pt_ballot_form_view_pots(pt_fragment_vb *b, const pt_value *info, const pt_value *only, const pt_value *draft,
	const pt_value *errors, const char *prefix, const char *id)
{
	static const char *const flags[] = { "single", "approval", "budget", "ranked", "score", "judgment", "stance",
		"consensus" };
	const char *method = pt_fragment_str(info, "method");
	pt_ballot_form_kind k = pt_ballot_form_kind_of(method);
	pt_value *v = pt_fragment_vmap(b);
	size_t f;

	VBOOL(b, v, flags[k], true);
	instructions(b, v, info, k);
	switch (k) {
	case PT_BALLOT_FORM_SINGLE:
	case PT_BALLOT_FORM_APPROVAL:
	case PT_BALLOT_FORM_BUDGET:
		field_name(b, v, "field", prefix, "choice", k != PT_BALLOT_FORM_SINGLE);
		pt_fragment_vstr(b, v, "input_type", k == PT_BALLOT_FORM_SINGLE ? "radio" : "checkbox");
		option_inputs(b, v, info, only, draft, id, k == PT_BALLOT_FORM_BUDGET);
		if (k == PT_BALLOT_FORM_BUDGET) {
			pt_value *bud = pt_fragment_vset(b, v, "purse", pt_fragment_vmap(b));
			int64_t limit = option_int(info, "budget", 0), total = 0, mine = 0;
			size_t i;

			if (only && (in_pots(info, only, NULL, &mine), mine > 0)) {
				limit = mine;   /* the viewer's pots' budgets (each is checked apart at casting) */
			}

			for (i = 0; i < candidate_count(info); i++) {
				const char *cid = candidate_str(info, (long)i, "id");

				total += cid && drafted(draft, "choice", cid) ? candidate_cost(info, (long)i) : 0;
			}
			pt_fragment_vint(b, bud, "limit", limit);
			pt_fragment_vtext(b, bud, "limit_label", "Presupuesto total");
			money(b, bud, "limit_text", limit);
			pt_fragment_vtext(b, bud, "total_label", "Suma de lo que marcaste");
			money(b, bud, "total_text", total);
			pt_fragment_vtext(b, bud, "left_label", "queda");
			money(b, bud, "left_text", limit - total);
			pt_fragment_vtext(b, bud, "over_text", "Lo que marcaste pasa del presupuesto: quita algún proyecto.");
			element_id(b, bud, "total_id", id, "total", 0);
			element_id(b, bud, "over_id", id, "excede", 0);
		}
		break;
	case PT_BALLOT_FORM_RANKED:
		rank_inputs(b, v, info, draft, prefix, id);
		break;
	case PT_BALLOT_FORM_SCORE:
	case PT_BALLOT_FORM_GRADES:
		score_inputs(b, v, info, draft, prefix, id, k == PT_BALLOT_FORM_GRADES);
		break;
	case PT_BALLOT_FORM_STANCE:
	case PT_BALLOT_FORM_CONSENSUS:
		stance_inputs(b, v, draft, prefix, id, k == PT_BALLOT_FORM_CONSENSUS);
		break;
	}
	element_id(b, v, "instructions_id", id, "instrucciones", 0);
	for (f = 0; f < BALLOT_FIELDS; f++) {
		const pt_value *e = text(errors, ballot_fields[f]);

		if (e) {
			pt_value *er = pt_fragment_vset(b, v, "error", pt_fragment_vmap(b));

			element_id(b, er, "id", id, "error", 0);
			pt_fragment_vstr(b, er, "text", e->u.s.s);
			VBOOL(b, v, strcmp(ballot_fields[f], "reason") ? "error_choice" : "error_reason", true);
			break;
		}
	}
	return b->s == PT_OK ? v : (pt_value_free(v), NULL);
}
