/*
 * participa core: a commitment's fields as given -> a checked patch of
 * canonical texts; the check a write runs on its locked row.
 */
#include "core/commitment/commitment_patch.h"
#include "core/common/json_read.h"
#include "core/common/pt_id.h"
#include "core/common/text.h"
#include "core/common/url.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the buffer ------------------------------------------------------------ */

void pt_commitment_patch_init(pt_commitment_patch_buf *pb, const pt_allocator *a)
{
	memset(pb, 0, sizeof(*pb));
	pb->a = a;
}

/* One text the patch owns: allocated with its link, freed by walking the chain. */
struct pt_commitment_owned {
	struct pt_commitment_owned *next;
	char s[];
};

void pt_commitment_patch_free(pt_commitment_patch_buf *pb)
{
	const pt_allocator *a = pb->a;

	while (pb->owned) {
		struct pt_commitment_owned *next = pb->owned->next;

		pt_free(a, pb->owned);
		pb->owned = next;
	}
	pt_free(a, pb->ev);
	pt_free(a, pb->add);
	pt_free(a, pb->ms);
	memset(pb, 0, sizeof(*pb));
	pb->a = a;
}

/* size bytes the patch owns from now on; NULL (flagged) on allocation failure. */
static char *own(pt_commitment_patch_buf *pb, size_t size)
{
	struct pt_commitment_owned *o = pt_alloc(pb->a, sizeof(*o) + size);

	if (!o) {
		pb->nomem = true;
		return NULL;
	}
	o->next = pb->owned;
	pb->owned = o;
	return o->s;
}

static char *keep_copy(pt_commitment_patch_buf *pb, const char *s, size_t len)
{
	char *d = own(pb, len + 1);

	if (d) {
		memcpy(d, s, len);
		d[len] = '\0';
	}
	return d;
}

/* A float's fixed-point text ("45.500000") trimmed: "45.5"; "-0" -> "0". */
static void trim_zeros(char *s)
{
	size_t n = strlen(s);

	/* 45.500000 -> 45.5 */
	while (n > 0 && s[n - 1] == '0') {
		s[--n] = '\0';
	}
	if (n > 0 && s[n - 1] == '.') {
		s[--n] = '\0';
	}
	if (strcmp(s, "-0") == 0) {
		strcpy(s, "0");
	}
}

/*
 * A float as a field's text, as the binding always wrote it with PHP's snprintf: six decimals at
 * most, trailing zeros trimmed ("45.5"); from 1e15 on, beyond every field's range, 17 digits
 * ("1.0e+20": PHP writes a one-digit mantissa with ".0") so the field's rule refuses it by
 * name. False for NaN and INF, which are no value of any field.
 */
static bool number_text(double d, char out[64])
{
	char *e;

	if (!isfinite(d)) {
		return false;
	}
	if (fabs(d) < 1e15) {
		snprintf(out, 64, "%.6F", d);
		trim_zeros(out);
		return true;
	}
	snprintf(out, 60, "%.17g", d);
	if ((e = strchr(out, 'e')) && !memchr(out, '.', (size_t)(e - out))) {
		memmove(e + 2, e, strlen(e) + 1);
		memcpy(e, ".0", 2);
	}
	return true;
}

/* The tree below at depth (0: the fields, 1: a field's value, 2: a list's item, 3: an item's entry). */
static pt_value *input_value(const pt_value *v, int depth, bool floats, const pt_allocator *a)
{
	char text[64];
	pt_value *m;
	size_t i;

	switch (v->type) {
	case PT_VALUE_NULL: return pt_value_null(a);
	case PT_VALUE_BOOL: return pt_value_bool(a, v->u.b);
	case PT_VALUE_INT: return pt_value_int(a, v->u.i);
	case PT_VALUE_STRING: return pt_value_string(a, v->u.s.s, v->u.s.len);
	case PT_VALUE_REAL:
		/* a list's item is a map or a text, never a number; an option is never a float */
		if (floats && depth != 2 && number_text(v->u.d, text)) {
			return pt_value_cstr(a, text);
		}
		break;
	case PT_VALUE_LIST:
	case PT_VALUE_MAP:
		if (depth >= 3) {
			break;
		}
		/* every array a map: a list's keys are its positions */
		m = pt_value_map(a);
		for (i = 0; m && i < v->u.c.count; i++) {
			char num[24];
			const char *key = v->type == PT_VALUE_MAP ? v->u.c.keys[i] : num;
			size_t klen = v->type == PT_VALUE_MAP ? v->u.c.key_lens[i] : (size_t)snprintf(num, sizeof(num), "%zu", i);

			if (pt_value_set(m, key, klen, input_value(v->u.c.items[i], depth + 1, floats, a)) != PT_OK) {
				pt_value_free(m);
				m = NULL;
			}
		}
		return m;
	default:
		break;
	}
	return pt_value_rational(a, 0, 1);
}

pt_value *pt_commitment_input(const pt_value *v, int depth, bool floats, const pt_allocator *a)
{
	return v ? input_value(v, depth, floats, a) : NULL;
}

bool pt_commitment_json_list(void *ctx, const char *s, size_t len, pt_value **out)
{
	const pt_allocator *a = ctx;
	pt_value *raw;
	pt_error err;

	/* json_decode($cell, true, 8), read as a field's value */
	if (pt_json_read(s, len, 8, a, &raw, &err) != PT_OK) {
		*out = NULL;
		return false;
	}
	*out = pt_commitment_input(raw, 1, true, a);
	pt_value_free(raw);
	return true;
}

const pt_error *pt_commitment_no_section(pt_error *err)
{
	/* an operator's configuration problem, not a refusal */
	pt_error_set(err, PT_ERR_CONFIG, "the configuration has no commitments: section (statuses, themes, "
		"pillars ...); commitment tracking needs it");
	return err;
}

/* ---- values ---------------------------------------------------------------- */

static bool is_text(const pt_value *v)
{
	return v && v->type == PT_VALUE_STRING;
}

static bool has_nul(const pt_value *v)
{
	return is_text(v) && memchr(v->u.s.s, '\0', v->u.s.len) != NULL;
}

/*
 * A scalar as text into *out (kept by pb); false if not scalar (or a text
 * with a NUL byte). NULL -> *out NULL. The field's own rule then decides.
 */
static bool value_text(pt_commitment_patch_buf *pb, const pt_value *v, char **out)
{
	char buf[32];

	switch (v->type) {
	case PT_VALUE_NULL:
		*out = NULL;
		return true;
	case PT_VALUE_STRING:
		if (has_nul(v)) {
			return false;
		}
		*out = keep_copy(pb, v->u.s.s, v->u.s.len);
		return true;
	case PT_VALUE_INT:
		snprintf(buf, sizeof(buf), "%lld", (long long)v->u.i);
		*out = keep_copy(pb, buf, strlen(buf));
		return true;
	default:
		return false;
	}
}

/* An integer key as PHP makes it: a canonical decimal integer ("0", "-5", not "05" or "-0"). */
static bool integer_key(const char *k, size_t len)
{
	size_t i = k[0] == '-' ? 1 : 0;

	if (len == i || len - i > 19 || (k[i] == '0' && (len - i > 1 || i == 1))) {
		return false;
	}
	for (; i < len; i++) {
		if (k[i] < '0' || k[i] > '9') {
			return false;
		}
	}
	return true;
}

const char *pt_commitment_quotable_key(const char *key, size_t len)
{
	return key && !integer_key(key, len) && pt_kind_valid(key, len) ? key : NULL;
}

static const pt_value *map_get(const pt_value *map, const char *key)
{
	return map->type == PT_VALUE_MAP ? pt_value_get(map, key) : NULL;
}

static pt_status check_utf8(const char *field, const char *s, bool one_line, pt_error *err)
{
	if (pt_text_validate(s, strlen(s), NULL, NULL) != PT_OK || (one_line && strchr(s, '\n'))) {
		return pt_error_set(err, PT_ERR_INVALID, "%s: el texto no es UTF-8 válido o tiene caracteres de control",
			field);
	}
	return PT_OK;
}

/* A text entry of an evidence item or a milestone: NULL when absent or empty. */
static const char *item_str(const pt_value *item, const char *key, pt_commitment_patch_buf *pb, pt_status *st,
	const char *field, size_t n, size_t max, pt_error *err)
{
	const pt_value *v = map_get(item, key);
	char *s = NULL;

	if (!v || *st != PT_OK) {
		return NULL;
	}
	if (!value_text(pb, v, &s)) {
		*st = pt_error_set(err, PT_ERR_INVALID, "%s: %s del elemento %zu debe ser texto", field, key, n);
		return NULL;
	}
	if (s && *s == '\0') {
		return NULL;
	}
	if (s && strlen(s) > max) {
		*st = pt_error_set(err, PT_ERR_INVALID, "%s: %s del elemento %zu admite como máximo %zu bytes", field, key, n,
			max);
		return NULL;
	}
	if (s && check_utf8(field, s, false, err) != PT_OK) {
		*st = PT_ERR_INVALID;
		return NULL;
	}
	return s;
}

/* Refuses keys of an item outside known[] (items are objects with fixed keys). */
static pt_status item_keys(const pt_value *item, const char *const *known, const char *field, size_t n, pt_error *err)
{
	size_t i;

	for (i = 0; i < item->u.c.count; i++) {
		const char *key = item->u.c.keys[i];
		const char *const *k;
		const char *q;
		bool ok = false;

		for (k = known; *k && !ok; k++) {
			ok = strlen(*k) == item->u.c.key_lens[i] && memcmp(key, *k, item->u.c.key_lens[i]) == 0;
		}
		if (ok) {
			continue;
		}
		q = pt_commitment_quotable_key(key, item->u.c.key_lens[i]);
		return q ? pt_error_set(err, PT_ERR_INVALID, "%s: el elemento %zu tiene la clave desconocida '%s'", field, n, q)
			: pt_error_set(err, PT_ERR_INVALID, "%s: el elemento %zu tiene una clave desconocida", field, n);
	}
	return PT_OK;
}

/*
 * A list value: a map, or a JSON text (as CSV cells carry it) decoded into
 * *tmp (freed by the caller). false when it is neither.
 */
static bool list_value(const pt_commitment_patch_in *in, pt_commitment_patch_buf *pb, const pt_value *v,
	pt_value **tmp, const pt_value **out)
{
	*tmp = NULL;
	if (v->type == PT_VALUE_MAP) {
		*out = v;
		return true;
	}
	if (v->type != PT_VALUE_STRING) {
		return false;
	}
	if (v->u.s.len == 0) {
		*tmp = pt_value_map(pb->a);
	} else if (v->u.s.len > 1000000 || !in->json || !in->json(in->json_ctx, v->u.s.s, v->u.s.len, tmp)
		|| !*tmp || (*tmp)->type != PT_VALUE_MAP) {
		pt_value_free(*tmp);
		*tmp = NULL;
		return false;
	}
	if (!*tmp) {
		pb->nomem = true;
		return false;
	}
	*out = *tmp;
	return true;
}

/* The evidence items of list (or the one item it is, with single) into *out. */
static pt_status evidence_items(const pt_commitment_patch_in *in, pt_commitment_patch_buf *pb, const pt_value *list,
	bool single, pt_commitment_evidence **out, size_t *count, pt_error *err)
{
	const char *const *known = pt_commitment_evidence_keys;
	size_t n = 0, total = single ? 1 : list->u.c.count;
	pt_status st = PT_OK;
	pt_commitment_evidence *items;

	if (!single && total > PT_COMMITMENT_MAX_EVIDENCE) {
		return pt_error_set(err, PT_ERR_INVALID, "evidence: se admiten como máximo %d evidencias",
			PT_COMMITMENT_MAX_EVIDENCE);
	}
	if (!(items = pt_calloc(pb->a, total + 1, sizeof(*items)))) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	for (n = 0; n < total; n++) {
		const pt_value *item = single ? list : list->u.c.items[n];
		pt_commitment_evidence *e = &items[n];

		if (item->type != PT_VALUE_MAP) {
			st = pt_error_set(err, PT_ERR_INVALID, "evidence: cada evidencia debe ser un arreglo con url o reference");
			break;
		}
		if ((st = item_keys(item, known, "evidence", n + 1, err)) != PT_OK) {
			break;
		}
		e->url = item_str(item, "url", pb, &st, "evidence", n + 1, PT_URL_MAX, err);
		e->reference = item_str(item, "reference", pb, &st, "evidence", n + 1, 1000, err);
		e->description = item_str(item, "description", pb, &st, "evidence", n + 1, 20000, err);
		e->date = item_str(item, "date", pb, &st, "evidence", n + 1, 10, err);
		e->added_by = item_str(item, "added_by", pb, &st, "evidence", n + 1, PT_ID_MAX, err);
		if (st != PT_OK) {
			break;
		}
		if (!e->url && !e->reference) {
			st = pt_error_set(err, PT_ERR_INVALID, "evidence: cada evidencia necesita url o reference");
			break;
		}
		if (e->url && (st = pt_url_check("evidence.url", e->url, strlen(e->url), err)) != PT_OK) {
			break;
		}
		if (e->date && !pt_commitment_valid_date(e->date, strlen(e->date))) {
			st = pt_error_set(err, PT_ERR_INVALID, "evidence: fecha inválida '%s' (AAAA-MM-DD)", e->date);
			break;
		}
		if (e->added_by && (st = pt_id_check("evidence.added_by", e->added_by, strlen(e->added_by), err)) != PT_OK) {
			break;
		}
		if (!e->added_by && in->by) {
			e->added_by = keep_copy(pb, in->by, strlen(in->by));
		}
	}
	if (st != PT_OK) {
		pt_free(pb->a, items);
		return st;
	}
	*out = items;
	*count = n;
	return PT_OK;
}

static pt_status milestone_items(pt_commitment_patch_buf *pb, const pt_value *list, pt_error *err)
{
	const char *const *known = pt_commitment_milestone_keys;
	size_t n;
	pt_status st = PT_OK;

	if (list->u.c.count > PT_COMMITMENT_MAX_MILESTONES) {
		return pt_error_set(err, PT_ERR_INVALID, "milestones: se admiten como máximo %d hitos",
			PT_COMMITMENT_MAX_MILESTONES);
	}
	pt_free(pb->a, pb->ms);   /* the field given twice (cannot happen with an array; kept safe) */
	if (!(pb->ms = pt_calloc(pb->a, list->u.c.count + 1, sizeof(*pb->ms)))) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	for (n = 0; n < list->u.c.count; n++) {
		const pt_value *item = list->u.c.items[n], *done;
		pt_commitment_milestone *m = &pb->ms[n];

		if (item->type != PT_VALUE_MAP) {
			return pt_error_set(err, PT_ERR_INVALID, "milestones: cada hito debe ser un arreglo con title, due y done");
		}
		if ((st = item_keys(item, known, "milestones", n + 1, err)) != PT_OK) {
			return st;
		}
		m->title = item_str(item, "title", pb, &st, "milestones", n + 1, 1000, err);
		m->due = item_str(item, "due", pb, &st, "milestones", n + 1, 10, err);
		if (st != PT_OK) {
			return st;
		}
		if (!m->title) {
			return pt_error_set(err, PT_ERR_INVALID, "milestones: cada hito necesita title");
		}
		if (m->due && !pt_commitment_valid_date(m->due, strlen(m->due))) {
			return pt_error_set(err, PT_ERR_INVALID, "milestones: fecha inválida '%s' (AAAA-MM-DD)", m->due);
		}
		done = map_get(item, "done");
		if (done && done->type != PT_VALUE_BOOL) {
			return pt_error_set(err, PT_ERR_INVALID, "milestones: done del elemento %zu debe ser true o false", n + 1);
		}
		m->done = done && done->u.b;
	}
	pb->p.milestones = pb->ms;
	pb->p.milestone_count = n;
	return PT_OK;
}

static char *canonical_json(pt_commitment_patch_buf *pb, bool evidence)
{
	pt_buf b;
	char *s;

	pt_buf_init(&b, pb->a);
	if (evidence) {
		pt_commitment_evidence_json(&b, pb->p.evidence, pb->p.evidence_count);
	} else {
		pt_commitment_milestones_json(&b, pb->p.milestones, pb->p.milestone_count);
	}
	s = b.failed ? NULL : keep_copy(pb, b.data ? b.data : "[]", b.data ? b.len : 2);
	pb->nomem |= b.failed;
	pt_buf_free(&b);
	return s;
}

/* add_evidence: one item or a list, appended to what is stored. */
static pt_status add_evidence(const pt_commitment_patch_in *in, pt_commitment_patch_buf *pb, const pt_value *v,
	pt_error *err)
{
	const pt_value *list;
	pt_value *tmp;
	bool single;
	pt_status st;

	if (in->structure || !list_value(in, pb, v, &tmp, &list)) {
		return pt_error_set(err, PT_ERR_INVALID, "add_evidence: se esperaba una evidencia o una lista");
	}
	if (pb->add) {
		pt_value_free(tmp);
		return pt_error_set(err, PT_ERR_INVALID, "add_evidence: se dio dos veces");
	}
	single = pt_value_get(list, "url") || pt_value_get(list, "reference") || pt_value_get(list, "description");
	st = evidence_items(in, pb, list, single, &pb->add, &pb->p.add_evidence_count, err);
	pb->p.add_evidence = pb->add;
	pb->other_given = true;
	pt_value_free(tmp);
	return st;
}

/* evidence or milestones: the whole list (null clears it). */
static pt_status list_field(const pt_commitment_patch_in *in, pt_commitment_patch_buf *pb, int f, const char *key,
	const pt_value *v, pt_error *err)
{
	const pt_value *list = NULL;
	pt_value *tmp = NULL;
	pt_status st = PT_OK;

	if (v->type != PT_VALUE_NULL && !list_value(in, pb, v, &tmp, &list)) {
		return pt_error_set(err, PT_ERR_INVALID, "%s: se esperaba una lista", key);
	}
	if (f == PT_CMF_EVIDENCE) {
		if (list) {
			pt_free(pb->a, pb->ev);
			pb->ev = NULL;
			st = evidence_items(in, pb, list, false, &pb->ev, &pb->p.evidence_count, err);
		}
		pb->p.evidence = pb->ev;
	} else if (list) {
		st = milestone_items(pb, list, err);
	}
	pt_value_free(tmp);
	if (st != PT_OK) {
		return st;
	}
	pb->p.v[f] = canonical_json(pb, f == PT_CMF_EVIDENCE);
	return PT_OK;
}

/* pillars or actors given as a list: the texts joined by ';' into *out. */
static pt_status joined_list(pt_commitment_patch_buf *pb, const char *key, const pt_value *v, char **out, pt_error *err)
{
	pt_buf b;
	size_t i;

	pt_buf_init(&b, pb->a);
	for (i = 0; i < v->u.c.count; i++) {
		const pt_value *item = v->u.c.items[i];

		if (!is_text(item) || memchr(item->u.s.s, ';', item->u.s.len) || has_nul(item)) {
			pt_buf_free(&b);
			return pt_error_set(err, PT_ERR_INVALID, "%s: se esperaba una lista de textos sin ';'", key);
		}
		if (i) {
			pt_buf_append(&b, ";", 1);
		}
		pt_buf_append(&b, item->u.s.s, item->u.s.len);
		if (b.len > 1000000) {
			pt_buf_free(&b);
			return pt_error_set(err, PT_ERR_INVALID, "%s: demasiado largo", key);
		}
	}
	*out = b.failed ? NULL : keep_copy(pb, b.data ? b.data : "", b.data ? b.len : 0);
	pb->nomem |= b.failed;
	pt_buf_free(&b);
	return PT_OK;
}

/* A canonical reference to the YAML (plan, theme, agency, status, territory), or its refusal. */
static pt_status yaml_ref(const pt_config *cfg, int f, const char *key, const char *canon, pt_error *err)
{
	const pt_commitments_config *c = cfg->commitments;
	size_t n = strlen(canon);
	int32_t found;

	if (pt_id_check(key, canon, n, err) != PT_OK) {
		return PT_ERR_INVALID;
	}
	found = f == PT_CMF_PLAN ? pt_commitment_plan_find(c, canon, n)
		: f == PT_CMF_THEME ? pt_commitment_theme_find(c, canon, n)
		: f == PT_CMF_AGENCY ? pt_commitment_agency_find(c, canon, n)
		: f == PT_CMF_STATUS ? pt_commitment_status_find(c, canon, n) : pt_config_territory(cfg, canon, n);
	if (found >= 0) {
		return PT_OK;
	}
	switch (f) {
	case PT_CMF_PLAN: return pt_error_set(err, PT_ERR_INVALID, "plan desconocido '%s'", canon);
	case PT_CMF_THEME: return pt_error_set(err, PT_ERR_INVALID, "tema desconocido '%s'", canon);
	case PT_CMF_AGENCY: return pt_error_set(err, PT_ERR_INVALID, "dependencia desconocida '%s'", canon);
	case PT_CMF_STATUS: return pt_error_set(err, PT_ERR_INVALID, "estado desconocido '%s'", canon);
	default: return pt_error_set(err, PT_ERR_INVALID, "territorio desconocido '%s'", canon);
	}
}

static pt_status pillars_known(const pt_commitments_config *c, const char *q, pt_error *err)
{
	while (*q) {
		const char *end = strchr(q, ';');
		size_t len = end ? (size_t)(end - q) : strlen(q);

		if (pt_commitment_pillar_find(c, q, len) < 0) {
			return pt_error_set(err, PT_ERR_INVALID, "pilar desconocido '%.*s'", (int)(len > 64 ? 64 : len), q);
		}
		q += len + (end ? 1 : 0);
	}
	return PT_OK;
}

/* A scalar field's value (text, pillars, actors ...) after its text s was taken. */
static pt_status scalar_field(const pt_commitment_patch_in *in, pt_commitment_patch_buf *pb, int f, const char *key,
	char *s, pt_error *err)
{
	char *canon;
	size_t cap;
	pt_status st;

	if (s && *s == '\0') {
		s = NULL;   /* an empty cell clears the field */
	}
	if (!s) {
		if (f == PT_CMF_ID || f == PT_CMF_PLAN || f == PT_CMF_TITLE || f == PT_CMF_STATUS) {
			return pt_error_set(err, PT_ERR_INVALID, "%s no puede quedar vacío", key);
		}
		if (f == PT_CMF_PROGRESS) {
			pb->p.set[f] = false;
			pb->progress_given = false;
		}
		pb->p.v[f] = NULL;
		return PT_OK;
	}
	if (check_utf8(key, s, f != PT_CMF_DESCRIPTION && f != PT_CMF_PROBLEM && f != PT_CMF_OBJECTIVE
			&& f != PT_CMF_VERIFICATION, err) != PT_OK) {
		return PT_ERR_INVALID;
	}
	cap = strlen(s) + 32;
	if (!(canon = own(pb, cap))) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	if ((st = pt_commitment_canonical((pt_commitment_field)f, s, strlen(s), canon, cap, err)) != PT_OK) {
		return st;
	}
	if (canon[0] == '\0' && (f == PT_CMF_PILLARS || f == PT_CMF_ACTORS)) {
		pb->p.v[f] = NULL;
		return PT_OK;
	}
	if (f == PT_CMF_ID || f == PT_CMF_PARENT) {
		st = pt_commitment_id_check(key, canon, strlen(canon), err);
	} else if (f == PT_CMF_PLAN || f == PT_CMF_THEME || f == PT_CMF_AGENCY || f == PT_CMF_STATUS
		|| f == PT_CMF_TERRITORY) {
		st = yaml_ref(in->cfg, f, key, canon, err);
	} else if (f == PT_CMF_PILLARS) {
		st = pillars_known(in->cfg->commitments, canon, err);
	}
	if (st == PT_OK) {
		pb->p.v[f] = canon;
	}
	return st;
}

/*
 * One field of a patch: key => v. *field gets the field's index (-1 when
 * the key is no field).
 */
static pt_status patch_field(const pt_commitment_patch_in *in, const char *key, size_t key_len, const pt_value *v,
	pt_commitment_patch_buf *pb, int *field, pt_error *err)
{
	int f;
	char *s = NULL;
	pt_status st;

	*field = -1;
	if (key_len == 12 && memcmp(key, "add_evidence", 12) == 0) {
		*field = PT_CMF_EVIDENCE;
		return add_evidence(in, pb, v, err);
	}
	f = pt_commitment_field_find(key, key_len);
	if (f < 0) {
		const char *q = pt_commitment_quotable_key(key, key_len);

		return q ? pt_error_set(err, PT_ERR_INVALID, "campo desconocido '%s'", q)
			: pt_error_set(err, PT_ERR_INVALID, "campo desconocido");
	}
	*field = f;
	if (!in->structure && (f == PT_CMF_ID || f == PT_CMF_PLAN || f == PT_CMF_PARENT)) {
		return pt_error_set(err, PT_ERR_INVALID, "%s no se puede cambiar con update()", key);
	}
	if (f == PT_CMF_STATUS) {
		pb->status_given = true;
	} else {
		pb->progress_given |= f == PT_CMF_PROGRESS;
		pb->other_given = true;
	}
	pb->p.set[f] = true;
	if (f == PT_CMF_EVIDENCE || f == PT_CMF_MILESTONES) {
		return list_field(in, pb, f, key, v, err);
	}
	if (has_nul(v)) {
		return pt_error_set(err, PT_ERR_INVALID, "%s: no debe contener el carácter NUL", key);
	}
	if ((f == PT_CMF_PILLARS || f == PT_CMF_ACTORS) && v->type == PT_VALUE_MAP) {
		if ((st = joined_list(pb, key, v, &s, err)) != PT_OK) {
			return st;
		}
	} else if (!value_text(pb, v, &s)) {
		return pt_error_set(err, PT_ERR_INVALID, "%s: se esperaba texto o número", key);
	}
	if (pb->nomem) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	return scalar_field(in, pb, f, key, s, err);
}

/* One error: reported (and the patch goes on) with on_error, else returned. */
static bool report(const pt_commitment_patch_in *in, int f, const char *key, pt_error *err)
{
	if (!in->on_error || err->code == PT_ERR_NOMEM) {
		return false;
	}
	in->on_error(in->error_ctx, f, key, err);
	pt_error_clear(err);
	return true;
}

pt_status pt_commitment_patch_from_value(const pt_commitment_patch_in *in, const pt_value *map, pt_commitment_patch_buf *pb,
	int *bad_field, pt_error *err)
{
	const pt_commitment_patch *p = &pb->p;
	pt_status st = PT_OK, result = PT_OK;
	size_t i;

	*bad_field = -1;
	for (i = 0; map->type == PT_VALUE_MAP && i < map->u.c.count; i++) {
		const char *key = map->u.c.keys[i];
		size_t key_len = map->u.c.key_lens[i];
		bool named = !integer_key(key, key_len);
		int f = -1;

		if (!named) {
			st = pt_error_set(err, PT_ERR_INVALID, "los campos de un compromiso se dan por nombre");
		} else {
			st = patch_field(in, key, key_len, map->u.c.items[i], pb, &f, err);
		}
		if (st == PT_OK && pb->nomem) {
			st = pt_error_set(err, PT_ERR_NOMEM, "out of memory");
		}
		if (st == PT_OK) {
			continue;
		}
		if (!report(in, f, named ? pt_commitment_quotable_key(key, key_len) : NULL, err)) {
			*bad_field = f;
			return st;
		}
		result = st;
	}
	if (p->set[PT_CMF_START] && p->set[PT_CMF_DUE] && p->v[PT_CMF_START] && p->v[PT_CMF_DUE]
		&& strcmp(p->v[PT_CMF_START], p->v[PT_CMF_DUE]) > 0) {
		st = pt_error_set(err, PT_ERR_INVALID, "due_date (%s) es anterior a start_date (%s)", p->v[PT_CMF_DUE],
			p->v[PT_CMF_START]);
		if (!report(in, PT_CMF_DUE, NULL, err)) {
			*bad_field = PT_CMF_DUE;
			return st;
		}
		result = st;
	}
	return result;
}

/* ---- single values --------------------------------------------------------- */

pt_status pt_commitment_id_check(const char *what, const char *s, size_t len, pt_error *err)
{
	size_t i;
	bool ok;

	if (pt_id_check(what, s, len, err) != PT_OK) {
		return PT_ERR_INVALID;
	}
	ok = len <= 64;
	for (i = 0; ok && i < len; i++) {
		char c = s[i];

		ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
			|| (i > 0 && (c == '_' || c == '.' || c == ':' || c == '-'));
	}
	if (!ok) {
		return pt_error_set(err, PT_ERR_INVALID, "%s no es válido: se admiten de 1 a 64 caracteres (letras, dígitos, "
			"'_', '.', ':' y '-', empezando con letra o dígito).", what);
	}
	return PT_OK;
}

pt_status pt_commitment_text_check(const char *what, const char *s, size_t len, size_t max, bool one_line, pt_error *err)
{
	if (len > max) {
		return pt_error_set(err, PT_ERR_INVALID, "%s: admite como máximo %zu bytes", what, max);
	}
	if (pt_text_validate(s, len, NULL, NULL) != PT_OK || (one_line && memchr(s, '\n', len))) {
		return pt_error_set(err, PT_ERR_INVALID, "%s: el texto no es UTF-8 válido o tiene caracteres de control", what);
	}
	return PT_OK;
}

/* ---- the check ------------------------------------------------------------- */

static bool has_role(const pt_commitment_check *k, const pt_commitment_transition *t)
{
	size_t i, j;

	for (i = 0; i < t->role_count; i++) {
		for (j = 0; j < k->nroles; j++) {
			if (strcmp(t->roles[i], k->roles[j]) == 0) {
				return true;
			}
		}
	}
	return false;
}

pt_status pt_commitment_check_write(void *ctx, const pt_commitment_facts *facts, pt_commitment_record *nw, bool *closed,
	pt_error *err)
{
	pt_commitment_check *k = ctx;
	const pt_commitments_config *c = k->c;
	const pt_commitment_record *old = facts->old;
	int32_t si, oi;
	bool entered;

	if (k->holds && !k->holds(k->scope, old != NULL, old ? old->v[PT_CMF_TERRITORY] : NULL)) {
		return pt_error_set(err, PT_ERR_CONFLICT, "El compromiso cambió mientras lo editabas; intenta de nuevo.");
	}
	if (!nw->v[PT_CMF_STATUS]) {
		nw->v[PT_CMF_STATUS] = c->statuses[c->initial_status].id;
	}
	si = pt_commitment_status_find(c, nw->v[PT_CMF_STATUS], strlen(nw->v[PT_CMF_STATUS]));
	if (si < 0) {
		return pt_error_set(err, PT_ERR_INVALID, "estado desconocido '%s'", nw->v[PT_CMF_STATUS]);
	}
	entered = !old || strcmp(old->v[PT_CMF_STATUS], nw->v[PT_CMF_STATUS]) != 0;
	if (old && entered && !k->trusted) {
		const pt_commitment_transition *t;

		oi = pt_commitment_status_find(c, old->v[PT_CMF_STATUS], strlen(old->v[PT_CMF_STATUS]));
		t = oi >= 0 ? pt_commitment_transition_find(c, (size_t)oi, (size_t)si) : NULL;
		if (!t) {
			return pt_error_set(err, PT_ERR_INVALID, "No se permite pasar del estado «%s» al estado «%s».",
				oi >= 0 ? c->statuses[oi].label : old->v[PT_CMF_STATUS], c->statuses[si].label);
		}
		if (!has_role(k, t)) {
			return pt_error_set(err, PT_ERR_NOT_ALLOWED, "Tu rol no permite pasar un compromiso del estado «%s» al "
				"estado «%s».", c->statuses[oi].label, c->statuses[si].label);
		}
	}
	/* a status's progress applies on entering it, unless the write gives one */
	if (entered && !facts->patch->set[PT_CMF_PROGRESS] && c->statuses[si].progress_bp >= 0
		&& (!old || old->children == 0)) {
		pt_commitment_progress_text(c->statuses[si].progress_bp, k->progress_text);
		nw->v[PT_CMF_PROGRESS] = k->progress_text;
	}
	*closed = c->statuses[si].closed;
	return PT_OK;
}

pt_status pt_commitment_write_allowed(const pt_commitment_patch_buf *pb, bool is_update, bool may_update, pt_error *err)
{
	if ((pb->other_given || !is_update) && !may_update) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "No tienes permiso para modificar compromisos.");
	}
	return PT_OK;
}
