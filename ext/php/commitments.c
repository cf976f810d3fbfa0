/*
 * participa binding: Participa\Commitments.
 *
 * PHP arrays become a pt_cs_patch of canonical texts (core/commitment.h),
 * checked against the YAML (plans, themes, pillars, agencies, statuses,
 * territories) before any SQL. The store runs each write in one transaction
 * and calls check() on the row it locked: status transitions and the roles
 * that may make them are decided there, on fresh facts, every time the
 * transaction runs. Refusals are exceptions with Spanish messages.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include <time.h>

#include "php.h"
#include "zend_exceptions.h"
#include "zend_interfaces.h"
#include "zend_smart_str.h"
#include "ext/json/php_json.h"
#include "ext/date/php_date.h"

#include "php_participa.h"
#include "participa_errors.h"
#include "participa_site.h"
#include "participa_threads.h"
#include "participa_commitments.h"
#include "commitments_arginfo.h"
#include "../core/commitment.h"
#include "../core/config_commitments.h"
#include "../core/csv.h"
#include "../core/text.h"
#include "../io/commitment_store.h"

zend_class_entry *participa_ce_Commitments;

void participa_commitments_create(zval *site, zval *return_value)
{
	participa_site_handle_new(participa_ce_Commitments, site, return_value);
}

/* The commitments configuration, or NULL with an exception thrown. */
static const pt_commitments_config *cm_config(zval *self, const pt_config **cfg_out)
{
	const pt_config *cfg = participa_site_config(participa_handle_site(self));

	if (cfg_out) {
		*cfg_out = cfg;
	}
	if (!cfg->commitments || !cfg->commitments->has_section) {
		zend_throw_exception(participa_ce_ConfigException, "the configuration has no commitments: section "
			"(statuses, themes, pillars ...); commitment tracking needs it", 0);
		return NULL;
	}
	return cfg->commitments;
}

static void throw_err(const pt_error *err)
{
	participa_throw_error(err);
}

/* Today (YYYY-MM-DD) in PHP's default time zone. */
static void today(char out[11])
{
	zend_string *s = php_format_date("Y-m-d", 5, time(NULL), 1);

	snprintf(out, 11, "%s", ZSTR_VAL(s));
	zend_string_release(s);
}

/* ------------------------------------------------------------------ patches */

/* Strings a patch owns (emalloc'd), freed together. */
typedef struct patch_buf {
	pt_cs_patch p;
	char **strs;
	size_t nstrs, capstrs;
	pt_cm_evidence *ev, *add;
	pt_cm_milestone *ms;
	bool progress_given, status_given, other_given;
} patch_buf;

static void pb_init(patch_buf *pb)
{
	memset(pb, 0, sizeof(*pb));
}

static void pb_free(patch_buf *pb)
{
	size_t i;

	for (i = 0; i < pb->nstrs; i++) {
		efree(pb->strs[i]);
	}
	if (pb->strs) {
		efree(pb->strs);
	}
	if (pb->ev) {
		efree(pb->ev);
	}
	if (pb->add) {
		efree(pb->add);
	}
	if (pb->ms) {
		efree(pb->ms);
	}
	memset(pb, 0, sizeof(*pb));
}

static char *pb_keep(patch_buf *pb, char *s)
{
	if (pb->nstrs == pb->capstrs) {
		pb->capstrs = pb->capstrs ? pb->capstrs * 2 : 32;
		pb->strs = erealloc(pb->strs, pb->capstrs * sizeof(char *));
	}
	pb->strs[pb->nstrs++] = s;
	return s;
}

/* A scalar zval as text into *out (emalloc'd, kept by pb); false if not scalar. NULL -> *out NULL. */
static bool zv_text(patch_buf *pb, zval *v, char **out)
{
	char buf[64];

	ZVAL_DEREF(v);
	switch (Z_TYPE_P(v)) {
	case IS_NULL:
		*out = NULL;
		return true;
	case IS_STRING:
		*out = pb_keep(pb, estrndup(Z_STRVAL_P(v), Z_STRLEN_P(v)));
		if (strlen(*out) != Z_STRLEN_P(v)) {
			return false;
		}
		return true;
	case IS_LONG:
		snprintf(buf, sizeof(buf), ZEND_LONG_FMT, Z_LVAL_P(v));
		*out = pb_keep(pb, estrdup(buf));
		return true;
	case IS_DOUBLE:
		snprintf(buf, sizeof(buf), "%.6F", Z_DVAL_P(v));
		/* trim trailing zeros: 45.500000 -> 45.5 */
		{
			size_t n = strlen(buf);

			while (n > 0 && buf[n - 1] == '0') {
				buf[--n] = '\0';
			}
			if (n > 0 && buf[n - 1] == '.') {
				buf[--n] = '\0';
			}
		}
		*out = pb_keep(pb, estrdup(buf));
		return true;
	default:
		return false;
	}
}

/* Validates UTF-8 text (newlines allowed in long fields). */
static pt_status check_utf8(const char *field, const char *s, bool one_line, pt_error *err)
{
	if (pt_text_validate(s, strlen(s), NULL, NULL) != PT_OK || (one_line && strchr(s, '\n'))) {
		return pt_error_set(err, PT_ERR_INVALID, "%s: el texto no es UTF-8 válido o tiene caracteres de control",
			field);
	}
	return PT_OK;
}

static bool valid_cid(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || n > 64 || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= '0' && s[0] <= '9'))) {
		return false;
	}
	for (i = 1; i < n; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
			|| c == ':' || c == '-')) {
			return false;
		}
	}
	return true;
}

static const char *arr_str(HashTable *ht, const char *key, patch_buf *pb, pt_status *st, const char *field,
	pt_error *err)
{
	zval *v = zend_hash_str_find(ht, key, strlen(key));
	char *s = NULL;

	if (!v || *st != PT_OK) {
		return NULL;
	}
	if (!zv_text(pb, v, &s)) {
		*st = pt_error_set(err, PT_ERR_INVALID, "%s.%s: se esperaba texto", field, key);
		return NULL;
	}
	if (s && *s == '\0') {
		return NULL;
	}
	if (s && check_utf8(field, s, false, err) != PT_OK) {
		*st = PT_ERR_INVALID;
		return NULL;
	}
	return s;
}

/* A list value: a PHP array, or a JSON text (as CSV cells carry it). */
static bool list_value(zval *v, zval *tmp, HashTable **out)
{
	ZVAL_DEREF(v);
	ZVAL_UNDEF(tmp);
	if (Z_TYPE_P(v) == IS_ARRAY) {
		*out = Z_ARRVAL_P(v);
		return true;
	}
	if (Z_TYPE_P(v) == IS_STRING) {
		if (Z_STRLEN_P(v) == 0) {
			array_init(tmp);
		} else if (php_json_decode_ex(tmp, Z_STRVAL_P(v), Z_STRLEN_P(v), PHP_JSON_OBJECT_AS_ARRAY, 64) != SUCCESS
			|| Z_TYPE_P(tmp) != IS_ARRAY) {
			zval_ptr_dtor(tmp);
			ZVAL_UNDEF(tmp);
			return false;
		}
		*out = Z_ARRVAL_P(tmp);
		return true;
	}
	return false;
}

static pt_status evidence_items(patch_buf *pb, HashTable *ht, const char *by, bool single, pt_cm_evidence **out,
	size_t *count, pt_error *err)
{
	zval *item;
	size_t n = 0;
	pt_status st = PT_OK;
	pt_cm_evidence *items;
	HashTable one;

	if (single) {
		/* one item given directly as ['url' => ...] */
		zend_hash_init(&one, 1, NULL, NULL, 0);
		{
			zval z;

			ZVAL_ARR(&z, ht);
			zend_hash_next_index_insert(&one, &z);
		}
		ht = &one;
	}
	items = ecalloc(zend_hash_num_elements(ht) + 1, sizeof(*items));
	ZEND_HASH_FOREACH_VAL(ht, item) {
		pt_cm_evidence *e = &items[n];

		ZVAL_DEREF(item);
		if (Z_TYPE_P(item) != IS_ARRAY) {
			st = pt_error_set(err, PT_ERR_INVALID, "evidence: cada evidencia debe ser un arreglo con url o reference");
			break;
		}
		e->url = arr_str(Z_ARRVAL_P(item), "url", pb, &st, "evidence", err);
		e->reference = arr_str(Z_ARRVAL_P(item), "reference", pb, &st, "evidence", err);
		e->description = arr_str(Z_ARRVAL_P(item), "description", pb, &st, "evidence", err);
		e->date = arr_str(Z_ARRVAL_P(item), "date", pb, &st, "evidence", err);
		e->added_by = arr_str(Z_ARRVAL_P(item), "added_by", pb, &st, "evidence", err);
		if (st != PT_OK) {
			break;
		}
		if (!e->url && !e->reference) {
			st = pt_error_set(err, PT_ERR_INVALID, "evidence: cada evidencia necesita url o reference");
			break;
		}
		if (e->date && !pt_cm_valid_date(e->date, strlen(e->date))) {
			st = pt_error_set(err, PT_ERR_INVALID, "evidence: fecha inválida '%s' (AAAA-MM-DD)", e->date);
			break;
		}
		if (!e->added_by && by) {
			e->added_by = pb_keep(pb, estrdup(by));
		}
		n++;
	} ZEND_HASH_FOREACH_END();
	if (single) {
		zend_hash_destroy(&one);
	}
	if (st != PT_OK) {
		efree(items);
		return st;
	}
	*out = items;
	*count = n;
	return PT_OK;
}

static pt_status milestone_items(patch_buf *pb, HashTable *ht, pt_error *err)
{
	zval *item;
	size_t n = 0;
	pt_status st = PT_OK;

	pb->ms = ecalloc(zend_hash_num_elements(ht) + 1, sizeof(*pb->ms));
	ZEND_HASH_FOREACH_VAL(ht, item) {
		pt_cm_milestone *m = &pb->ms[n];
		zval *done;

		ZVAL_DEREF(item);
		if (Z_TYPE_P(item) != IS_ARRAY) {
			return pt_error_set(err, PT_ERR_INVALID, "milestones: cada hito debe ser un arreglo con title, due y done");
		}
		m->title = arr_str(Z_ARRVAL_P(item), "title", pb, &st, "milestones", err);
		m->due = arr_str(Z_ARRVAL_P(item), "due", pb, &st, "milestones", err);
		if (st != PT_OK) {
			return st;
		}
		if (!m->title) {
			return pt_error_set(err, PT_ERR_INVALID, "milestones: cada hito necesita title");
		}
		if (m->due && !pt_cm_valid_date(m->due, strlen(m->due))) {
			return pt_error_set(err, PT_ERR_INVALID, "milestones: fecha inválida '%s' (AAAA-MM-DD)", m->due);
		}
		done = zend_hash_str_find(Z_ARRVAL_P(item), "done", 4);
		m->done = done && zend_is_true(done);
		n++;
	} ZEND_HASH_FOREACH_END();
	pb->p.milestones = pb->ms;
	pb->p.milestone_count = n;
	return PT_OK;
}

static char *canonical_json(patch_buf *pb, bool evidence)
{
	pt_buf b;
	char *s;

	pt_buf_init(&b, &participa_request_allocator);
	if (evidence) {
		pt_cm_evidence_json(&b, pb->p.evidence, pb->p.evidence_count);
	} else {
		pt_cm_milestones_json(&b, pb->p.milestones, pb->p.milestone_count);
	}
	s = pb_keep(pb, estrndup(b.data ? b.data : "[]", b.data ? b.len : 2));
	pt_buf_free(&b);
	return s;
}

/*
 * Fills pb from a PHP array of fields. structure: id/plan/parent allowed
 * (upsert, import). *bad_field gets the offending field's index (-1 when
 * not about one field).
 */
static pt_status patch_from_array(const pt_config *cfg, HashTable *ht, patch_buf *pb, bool structure, const char *by,
	int *bad_field, pt_error *err)
{
	const pt_commitments_config *c = cfg->commitments;
	zend_string *key;
	zval *v;
	pt_status st = PT_OK;

	*bad_field = -1;
	ZEND_HASH_FOREACH_STR_KEY_VAL(ht, key, v) {
		int f;
		char *s = NULL, *canon;
		size_t cap;

		if (!key) {
			return pt_error_set(err, PT_ERR_INVALID, "los campos de un compromiso se dan por nombre");
		}
		if (zend_string_equals_literal(key, "add_evidence")) {
			HashTable *list;
			zval tmp;
			bool single;

			if (structure || !list_value(v, &tmp, &list)) {
				return pt_error_set(err, PT_ERR_INVALID, "add_evidence: se esperaba una evidencia o una lista");
			}
			single = zend_hash_str_find(list, "url", 3) || zend_hash_str_find(list, "reference", 9)
				|| zend_hash_str_find(list, "description", 11);
			st = evidence_items(pb, list, by, single, &pb->add, &pb->p.add_evidence_count, err);
			pb->p.add_evidence = pb->add;
			pb->other_given = true;
			if (Z_TYPE(tmp) != IS_UNDEF) {
				zval_ptr_dtor(&tmp);
			}
			if (st != PT_OK) {
				*bad_field = PT_CMF_EVIDENCE;
				return st;
			}
			continue;
		}
		f = pt_cm_field_find(ZSTR_VAL(key), ZSTR_LEN(key));
		if (f < 0) {
			return pt_error_set(err, PT_ERR_INVALID, "campo desconocido '%s'", ZSTR_VAL(key));
		}
		*bad_field = f;
		if (!structure && (f == PT_CMF_ID || f == PT_CMF_PLAN || f == PT_CMF_PARENT)) {
			return pt_error_set(err, PT_ERR_INVALID, "%s no se puede cambiar con update()", ZSTR_VAL(key));
		}
		if (f == PT_CMF_STATUS) {
			pb->status_given = true;
		} else if (f == PT_CMF_PROGRESS) {
			pb->progress_given = true;
			pb->other_given = true;
		} else {
			pb->other_given = true;
		}
		pb->p.set[f] = true;
		if (f == PT_CMF_EVIDENCE || f == PT_CMF_MILESTONES) {
			HashTable *list;
			zval tmp;

			ZVAL_DEREF(v);
			if (Z_TYPE_P(v) == IS_NULL) {
				ZVAL_UNDEF(&tmp);
				list = NULL;
			} else if (!list_value(v, &tmp, &list)) {
				return pt_error_set(err, PT_ERR_INVALID, "%s: se esperaba una lista", ZSTR_VAL(key));
			}
			if (f == PT_CMF_EVIDENCE) {
				if (list) {
					st = evidence_items(pb, list, by, false, &pb->ev, &pb->p.evidence_count, err);
				}
				pb->p.evidence = pb->ev;
			} else if (list) {
				st = milestone_items(pb, list, err);
			}
			if (Z_TYPE(tmp) != IS_UNDEF) {
				zval_ptr_dtor(&tmp);
			}
			if (st != PT_OK) {
				return st;
			}
			pb->p.v[f] = canonical_json(pb, f == PT_CMF_EVIDENCE);
			continue;
		}
		ZVAL_DEREF(v);
		if ((f == PT_CMF_PILLARS || f == PT_CMF_ACTORS) && Z_TYPE_P(v) == IS_ARRAY) {
			smart_str joined = {0};
			zval *item;

			ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(v), item) {
				ZVAL_DEREF(item);
				if (Z_TYPE_P(item) != IS_STRING || memchr(Z_STRVAL_P(item), ';', Z_STRLEN_P(item))) {
					smart_str_free(&joined);
					return pt_error_set(err, PT_ERR_INVALID, "%s: se esperaba una lista de textos sin ';'",
						ZSTR_VAL(key));
				}
				if (joined.s) {
					smart_str_appendc(&joined, ';');
				}
				smart_str_append(&joined, Z_STR_P(item));
			} ZEND_HASH_FOREACH_END();
			smart_str_0(&joined);
			s = pb_keep(pb, estrdup(joined.s ? ZSTR_VAL(joined.s) : ""));
			smart_str_free(&joined);
		} else if (!zv_text(pb, v, &s)) {
			return pt_error_set(err, PT_ERR_INVALID, "%s: se esperaba texto o número", ZSTR_VAL(key));
		}
		if (s && *s == '\0') {
			s = NULL;   /* an empty cell clears the field */
		}
		if (!s) {
			if (f == PT_CMF_ID || f == PT_CMF_PLAN || f == PT_CMF_TITLE || f == PT_CMF_STATUS) {
				return pt_error_set(err, PT_ERR_INVALID, "%s no puede quedar vacío", ZSTR_VAL(key));
			}
			if (f == PT_CMF_PROGRESS) {
				pb->p.set[f] = false;
				pb->progress_given = false;
			}
			pb->p.v[f] = NULL;
			continue;
		}
		if (check_utf8(ZSTR_VAL(key), s, f != PT_CMF_DESCRIPTION && f != PT_CMF_PROBLEM
				&& f != PT_CMF_OBJECTIVE && f != PT_CMF_VERIFICATION, err) != PT_OK) {
			return PT_ERR_INVALID;
		}
		cap = strlen(s) + 32;
		canon = pb_keep(pb, emalloc(cap));
		if ((st = pt_cm_canonical((pt_cm_field)f, s, strlen(s), canon, cap, err)) != PT_OK) {
			return st;
		}
		if (canon[0] == '\0' && (f == PT_CMF_PILLARS || f == PT_CMF_ACTORS)) {
			pb->p.v[f] = NULL;
			continue;
		}
		/* references to the YAML */
		switch (f) {
		case PT_CMF_ID:
		case PT_CMF_PARENT:
			if (!valid_cid(canon)) {
				return pt_error_set(err, PT_ERR_INVALID, "%s: '%s' no es un identificador válido (1 a 64 caracteres: "
					"letras, dígitos, '_', '.', ':' y '-')", ZSTR_VAL(key), canon);
			}
			break;
		case PT_CMF_PLAN:
			if (pt_cm_plan_find(c, canon, strlen(canon)) < 0) {
				return pt_error_set(err, PT_ERR_INVALID, "plan desconocido '%s'", canon);
			}
			break;
		case PT_CMF_THEME:
			if (pt_cm_theme_find(c, canon, strlen(canon)) < 0) {
				return pt_error_set(err, PT_ERR_INVALID, "tema desconocido '%s'", canon);
			}
			break;
		case PT_CMF_AGENCY:
			if (pt_cm_agency_find(c, canon, strlen(canon)) < 0) {
				return pt_error_set(err, PT_ERR_INVALID, "dependencia desconocida '%s'", canon);
			}
			break;
		case PT_CMF_STATUS:
			if (pt_cm_status_find(c, canon, strlen(canon)) < 0) {
				return pt_error_set(err, PT_ERR_INVALID, "estado desconocido '%s'", canon);
			}
			break;
		case PT_CMF_TERRITORY:
			if (pt_config_territory(cfg, canon, strlen(canon)) < 0) {
				return pt_error_set(err, PT_ERR_INVALID, "territorio desconocido '%s'", canon);
			}
			break;
		case PT_CMF_PILLARS: {
			const char *q = canon;

			while (*q) {
				const char *end = strchr(q, ';');
				size_t len = end ? (size_t)(end - q) : strlen(q);

				if (pt_cm_pillar_find(c, q, len) < 0) {
					return pt_error_set(err, PT_ERR_INVALID, "pilar desconocido '%.*s'", (int)len, q);
				}
				q += len + (end ? 1 : 0);
			}
			break;
		}
		default:
			break;
		}
		pb->p.v[f] = canon;
	} ZEND_HASH_FOREACH_END();
	*bad_field = -1;
	if (pb->p.set[PT_CMF_START] && pb->p.set[PT_CMF_DUE] && pb->p.v[PT_CMF_START] && pb->p.v[PT_CMF_DUE]
		&& strcmp(pb->p.v[PT_CMF_START], pb->p.v[PT_CMF_DUE]) > 0) {
		*bad_field = PT_CMF_DUE;
		return pt_error_set(err, PT_ERR_INVALID, "due_date (%s) es anterior a start_date (%s)", pb->p.v[PT_CMF_DUE],
			pb->p.v[PT_CMF_START]);
	}
	return PT_OK;
}

/* ------------------------------------------------------------------ check */

typedef struct check_ctx {
	const pt_commitments_config *c;
	bool trusted;            /* import: no transition rules (restoring data) */
	bool progress_given;
	const char *const *roles;
	size_t nroles;
	char progress_text[8];
	const participa_commitment_scope *scope;   /* where a territory-scoped writer acts, or NULL */
} check_ctx;

static bool has_role(const check_ctx *k, const pt_cm_transition *t)
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

static pt_status check_fn(void *vctx, const pt_cs_facts *facts, pt_cm_record *nw, bool *closed, pt_error *err)
{
	check_ctx *k = vctx;
	const pt_commitments_config *c = k->c;
	const pt_cm_record *old = facts->old;
	int32_t si, oi;
	bool entered;

	if (!participa_commitment_scope_holds(k->scope, old != NULL, old ? old->v[PT_CMF_TERRITORY] : NULL)) {
		return pt_error_set(err, PT_ERR_CONFLICT, "El compromiso cambió mientras lo editabas; intenta de nuevo.");
	}
	if (!nw->v[PT_CMF_STATUS]) {
		nw->v[PT_CMF_STATUS] = c->statuses[c->initial_status].id;
	}
	si = pt_cm_status_find(c, nw->v[PT_CMF_STATUS], strlen(nw->v[PT_CMF_STATUS]));
	if (si < 0) {
		return pt_error_set(err, PT_ERR_INVALID, "estado desconocido '%s'", nw->v[PT_CMF_STATUS]);
	}
	entered = !old || strcmp(old->v[PT_CMF_STATUS], nw->v[PT_CMF_STATUS]) != 0;
	if (old && entered && !k->trusted) {
		const pt_cm_transition *t;

		oi = pt_cm_status_find(c, old->v[PT_CMF_STATUS], strlen(old->v[PT_CMF_STATUS]));
		t = oi >= 0 ? pt_cm_transition_find(c, (size_t)oi, (size_t)si) : NULL;
		if (!t) {
			return pt_error_set(err, PT_ERR_INVALID, "No se permite pasar del estado «%s» al estado «%s».",
				oi >= 0 ? c->statuses[oi].label : old->v[PT_CMF_STATUS], c->statuses[si].label);
		}
		if (!has_role(k, t)) {
			return pt_error_set(err, PT_ERR_NOT_ALLOWED, "Tu rol no permite pasar un compromiso del estado «%s» al "
				"estado «%s».", c->statuses[oi].label, c->statuses[si].label);
		}
	}
	if (entered && !k->progress_given && c->statuses[si].progress_bp >= 0 && (!old || old->children == 0)) {
		pt_cm_progress_text(c->statuses[si].progress_bp, k->progress_text);
		nw->v[PT_CMF_PROGRESS] = k->progress_text;
	}
	*closed = c->statuses[si].closed;
	return PT_OK;
}

/* The actor's roles and permissions (DB roles + YAML assignments, or the default role) for an action in
 * territory scope and, when it differs, also in scope2 (permissions in both). */
static bool actor_roles(zval *site, const char *by, int32_t scope, int32_t scope2, zval *roles, uint32_t *perms)
{
	pt_db *db = participa_site_db(site);
	pt_ts_actor actor;
	pt_ts_actor_text actor_text;
	pt_error err;

	if (!db) {
		return false;
	}
	pt_error_clear(&err);
	if (pt_ts_actor_get(db, by, &actor, &actor_text, &err) != PT_OK) {
		throw_err(&err);
		return false;
	}
	array_init(roles);
	*perms = actor.banned ? 0 : participa_permissions_in(participa_site_config(site), by, actor.roles, scope, roles);
	if (scope2 != scope) {
		*perms &= participa_permissions_in(participa_site_config(site), by, actor.roles, scope2, NULL);
	}
	if (actor.banned) {
		zend_hash_clean(Z_ARRVAL_P(roles));
	}
	return true;
}

static const char **roles_list(zval *roles, size_t *n)
{
	const char **out = ecalloc(zend_hash_num_elements(Z_ARRVAL_P(roles)) + 1, sizeof(char *));
	zval *v;

	*n = 0;
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(roles), v) {
		if (Z_TYPE_P(v) == IS_STRING) {
			out[(*n)++] = Z_STRVAL_P(v);
		}
	} ZEND_HASH_FOREACH_END();
	return out;
}

/* ------------------------------------------------------------------ views */

static void add_opt(zval *arr, const char *key, const char *s)
{
	if (s) {
		add_assoc_string(arr, key, s);
	} else {
		add_assoc_null(arr, key);
	}
}

static void add_list(zval *arr, const char *key, const char *s, const char *sep)
{
	zval list;
	size_t seplen = strlen(sep);

	array_init(&list);
	while (s && *s) {
		const char *end = strstr(s, sep);
		size_t len = end ? (size_t)(end - s) : strlen(s);

		add_next_index_stringl(&list, s, len);
		s += len + (end ? seplen : 0);
	}
	add_assoc_zval(arr, key, &list);
}

static const char *term_label(const pt_cm_term *t, size_t n, const char *id)
{
	size_t i;

	for (i = 0; id && i < n; i++) {
		if (strcmp(t[i].id, id) == 0) {
			return t[i].label;
		}
	}
	return NULL;
}

static void record_to_array(const pt_config *cfg, const pt_cm_record *r, const char *as_of, bool export_only,
	zval *out)
{
	const pt_commitments_config *c = cfg->commitments;
	int32_t bp = 0, si, level;
	pt_cm_light light;
	size_t i;
	zval ev, ms;

	array_init_size(out, 40);
	for (i = 0; i < PT_CMF_COUNT; i++) {
		const char *name = pt_cm_field_names[i];
		const char *v = r->v[i];

		if (i == PT_CMF_PILLARS) {
			add_list(out, name, v, ";");
		} else if (i == PT_CMF_ACTORS) {
			add_list(out, name, v, "; ");
		} else if (i == PT_CMF_EVIDENCE && !r->evidence && r->evidence_count) {
			/* a listing without 'full': the items were not read, only counted */
			add_assoc_null(out, name);
		} else if (i == PT_CMF_MILESTONES && !r->milestones && r->milestone_count) {
			add_assoc_null(out, name);
		} else if (i == PT_CMF_EVIDENCE) {
			size_t k;

			array_init(&ev);
			for (k = 0; k < r->evidence_count; k++) {
				zval item;

				array_init(&item);
				add_opt(&item, "url", r->evidence[k].url);
				add_opt(&item, "reference", r->evidence[k].reference);
				add_opt(&item, "description", r->evidence[k].description);
				add_opt(&item, "date", r->evidence[k].date);
				add_opt(&item, "added_by", r->evidence[k].added_by);
				add_next_index_zval(&ev, &item);
			}
			add_assoc_zval(out, name, &ev);
		} else if (i == PT_CMF_MILESTONES) {
			size_t k;

			array_init(&ms);
			for (k = 0; k < r->milestone_count; k++) {
				zval item;

				array_init(&item);
				add_opt(&item, "title", r->milestones[k].title);
				add_opt(&item, "due", r->milestones[k].due);
				add_assoc_bool(&item, "done", r->milestones[k].done);
				add_next_index_zval(&ms, &item);
			}
			add_assoc_zval(out, name, &ms);
		} else if (i == PT_CMF_PROGRESS && !export_only) {
			pt_cm_parse_progress(v ? v : "0", v ? strlen(v) : 1, &bp);
			add_assoc_double(out, name, bp / 100.0);
		} else if (i == PT_CMF_WEIGHT && !export_only && v) {
			add_assoc_double(out, name, zend_strtod(v, NULL));
		} else {
			add_opt(out, name, v);
		}
	}
	if (export_only) {
		return;
	}
	if (r->v[PT_CMF_PROGRESS]) {
		pt_cm_parse_progress(r->v[PT_CMF_PROGRESS], strlen(r->v[PT_CMF_PROGRESS]), &bp);
	}
	si = r->v[PT_CMF_STATUS] ? pt_cm_status_find(c, r->v[PT_CMF_STATUS], strlen(r->v[PT_CMF_STATUS])) : -1;
	add_opt(out, "status_label", si >= 0 ? c->statuses[si].label : NULL);
	add_opt(out, "theme_label", term_label(c->themes, c->theme_count, r->v[PT_CMF_THEME]));
	add_opt(out, "agency_name", term_label(c->agencies, c->agency_count, r->v[PT_CMF_AGENCY]));
	add_assoc_long(out, "depth", r->depth);
	add_assoc_long(out, "children", (zend_long)r->children);
	light = pt_cm_traffic_light(r->v[PT_CMF_START], r->v[PT_CMF_DUE], as_of, bp, si >= 0 && c->statuses[si].closed,
		c->at_risk_behind_bp, c->late_grace_days);
	add_assoc_string(out, "light", pt_cm_light_name(light));
	add_assoc_string(out, "light_label", pt_cm_light_label(light,
		cfg->locale && strncmp(cfg->locale, "en", 2) == 0));
	level = pt_cm_completion(c, bp, r->evidence_count > 0);
	add_opt(out, "completion", level >= 0 ? c->levels[level].id : NULL);
	add_opt(out, "completion_label", level >= 0 ? c->levels[level].label : NULL);
	add_opt(out, "created_at", r->created_at);
	add_opt(out, "updated_at", r->updated_at);
}

/* Reads one commitment into return_value (null if absent); false with an exception on failure. */
static bool get_into(zval *self, const char *id, const char *as_of, zval *rv)
{
	const pt_config *cfg;
	pt_db *db;
	pt_cs_arena *arena;
	pt_cm_record r;
	bool found = false;
	pt_error err;
	char day[11];

	if (!cm_config(self, &cfg) || !(db = participa_site_db(participa_handle_site(self)))) {
		return false;
	}
	if (!as_of) {
		today(day);
		as_of = day;
	}
	arena = pt_cs_arena_new();
	pt_error_clear(&err);
	if (!arena) {
		zend_throw_exception(participa_ce_RuntimeException, "out of memory", 0);
		return false;
	}
	if (pt_cs_get(db, id, arena, &r, &found, &err) != PT_OK) {
		pt_cs_arena_free(arena);
		throw_err(&err);
		return false;
	}
	if (found) {
		record_to_array(cfg, &r, as_of, false, rv);
	} else {
		ZVAL_NULL(rv);
	}
	pt_cs_arena_free(arena);
	return true;
}

static bool check_as_of(zend_string *as_of)
{
	if (as_of && !pt_cm_valid_date(ZSTR_VAL(as_of), ZSTR_LEN(as_of))) {
		participa_throw_invalid("as_of: se esperaba una fecha AAAA-MM-DD");
		return false;
	}
	return true;
}

/* ------------------------------------------------------------------ methods */

PHP_METHOD(Participa_Commitments, __construct)
{
	ZEND_PARSE_PARAMETERS_NONE();
}

/* upsert() and update(): one write as $by. */
static void cm_write(INTERNAL_FUNCTION_PARAMETERS, bool is_update)
{
	zval *self = ZEND_THIS;
	zend_string *id = NULL, *by, *note = NULL;
	HashTable *data;
	const pt_config *cfg;
	const pt_commitments_config *c;
	patch_buf pb;
	pt_cs_write w;
	check_ctx k;
	zval roles, *idv;
	uint32_t perms = 0;
	const char **rl = NULL;
	participa_commitment_scope scope;
	int bad;
	pt_error err;
	pt_db *db;
	pt_status st;

	if (is_update) {
		ZEND_PARSE_PARAMETERS_START(3, 4)
			Z_PARAM_STR(id)
			Z_PARAM_ARRAY_HT(data)
			Z_PARAM_STR(by)
			Z_PARAM_OPTIONAL
			Z_PARAM_STR(note)
		ZEND_PARSE_PARAMETERS_END();
	} else {
		ZEND_PARSE_PARAMETERS_START(2, 3)
			Z_PARAM_ARRAY_HT(data)
			Z_PARAM_STR(by)
			Z_PARAM_OPTIONAL
			Z_PARAM_STR(note)
		ZEND_PARSE_PARAMETERS_END();
	}
	if (!(c = cm_config(self, &cfg)) || !(db = participa_site_db(participa_handle_site(self)))) {
		RETURN_THROWS();
	}
	if (ZSTR_LEN(by) == 0 || ZSTR_LEN(by) > 191) {
		participa_throw_invalid("by must be a participant id of 1 to 191 bytes");
		RETURN_THROWS();
	}
	if (!is_update) {
		idv = zend_hash_str_find(data, "id", 2);
		if (!idv || Z_TYPE_P(idv) != IS_STRING) {
			participa_throw_invalid("id: falta el identificador del compromiso");
			RETURN_THROWS();
		}
		id = Z_STR_P(idv);
	}
	if (!valid_cid(ZSTR_VAL(id)) || strlen(ZSTR_VAL(id)) != ZSTR_LEN(id)) {
		participa_throw_invalid("id: '%s' no es un identificador válido", ZSTR_VAL(id));
		RETURN_THROWS();
	}
	pb_init(&pb);
	pt_error_clear(&err);
	if (patch_from_array(cfg, data, &pb, !is_update, ZSTR_VAL(by), &bad, &err) != PT_OK) {
		pb_free(&pb);
		throw_err(&err);
		RETURN_THROWS();
	}
	if (!participa_commitment_scopes(participa_handle_site(self), ZSTR_VAL(by), ZSTR_VAL(id),
			pb.p.set[PT_CMF_TERRITORY], pb.p.v[PT_CMF_TERRITORY], &scope)
		|| !actor_roles(participa_handle_site(self), ZSTR_VAL(by), scope.scope, scope.scope_new, &roles, &perms)) {
		pb_free(&pb);
		RETURN_THROWS();
	}
	/* fields other than the status need update_commitment; a status change
	 * needs a transition role (checked on the locked row) */
	if ((pb.other_given || !is_update) && !(perms & PT_PERM_UPDATE_COMMITMENT)) {
		zval_ptr_dtor(&roles);
		pb_free(&pb);
		pt_error_set(&err, PT_ERR_NOT_ALLOWED, "No tienes permiso para modificar compromisos.");
		throw_err(&err);
		RETURN_THROWS();
	}
	memset(&k, 0, sizeof(k));
	k.c = c;
	k.progress_given = pb.progress_given;
	k.scope = &scope;
	rl = roles_list(&roles, &k.nroles);
	k.roles = rl;
	memset(&w, 0, sizeof(w));
	w.id = ZSTR_VAL(id);
	w.must_exist = is_update;
	w.actor = ZSTR_VAL(by);
	w.note = note ? ZSTR_VAL(note) : "";
	w.patch = pb.p;
	w.check = check_fn;
	w.check_ctx = &k;
	if (!is_update && !pb.p.set[PT_CMF_PLAN]) {
		w.must_exist = false;   /* the store refuses a new commitment without a plan */
	}
	w.want_result = true;
	st = pt_cs_write_commitment(db, &w, &err);
	efree(rl);
	zval_ptr_dtor(&roles);
	if (st != PT_OK) {
		pb_free(&pb);
		throw_err(&err);
		RETURN_THROWS();
	}
	/* the record as written (its strings are in the result arena, the patch
	 * and the configuration), unless lists it did not read must be shown */
	if ((w.result.evidence_count && !w.result.evidence) || (w.result.milestone_count && !w.result.milestones)) {
		pt_cs_arena_free(w.result_arena);
		pb_free(&pb);
		if (!get_into(self, ZSTR_VAL(id), NULL, return_value)) {
			RETURN_THROWS();
		}
		return;
	}
	{
		char day[11];

		today(day);
		record_to_array(cfg, &w.result, day, false, return_value);
	}
	pt_cs_arena_free(w.result_arena);
	pb_free(&pb);
}

PHP_METHOD(Participa_Commitments, upsert)
{
	cm_write(INTERNAL_FUNCTION_PARAM_PASSTHRU, false);
}

PHP_METHOD(Participa_Commitments, update)
{
	cm_write(INTERNAL_FUNCTION_PARAM_PASSTHRU, true);
}

PHP_METHOD(Participa_Commitments, get)
{
	zend_string *id, *as_of = NULL;

	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_STR(id)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(as_of)
	ZEND_PARSE_PARAMETERS_END();

	if (!check_as_of(as_of) || !get_into(ZEND_THIS, ZSTR_VAL(id), as_of ? ZSTR_VAL(as_of) : NULL, return_value)) {
		RETURN_THROWS();
	}
}

/* Lists into return_value; light filters on the computed light. */
static bool list_into(zval *self, pt_cs_filter *f, const char *as_of, const char *light, zval *rv)
{
	const pt_config *cfg;
	pt_db *db;
	pt_cs_arena *arena;
	pt_cm_record *items = NULL;
	size_t n = 0, i;
	pt_error err;
	char day[11];

	if (!cm_config(self, &cfg) || !(db = participa_site_db(participa_handle_site(self)))) {
		return false;
	}
	if (!as_of) {
		today(day);
		as_of = day;
	}
	arena = pt_cs_arena_new();
	pt_error_clear(&err);
	if (!arena || pt_cs_list(db, f, arena, &items, &n, &err) != PT_OK) {
		pt_cs_arena_free(arena);
		if (!arena) {
			pt_error_set(&err, PT_ERR_NOMEM, "out of memory");
		}
		throw_err(&err);
		return false;
	}
	array_init_size(rv, (uint32_t)n);
	for (i = 0; i < n; i++) {
		zval row;

		record_to_array(cfg, &items[i], as_of, false, &row);
		if (light) {
			zval *l = zend_hash_str_find(Z_ARRVAL(row), "light", 5);

			if (!l || strcmp(Z_STRVAL_P(l), light) != 0) {
				zval_ptr_dtor(&row);
				continue;
			}
		}
		add_next_index_zval(rv, &row);
	}
	pt_cs_arena_free(arena);
	return true;
}

PHP_METHOD(Participa_Commitments, children)
{
	zend_string *id;
	pt_cs_filter f;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(id)
	ZEND_PARSE_PARAMETERS_END();

	memset(&f, 0, sizeof(f));
	f.parent = ZSTR_VAL(id);
	f.full = true;
	if (!list_into(ZEND_THIS, &f, NULL, NULL, return_value)) {
		RETURN_THROWS();
	}
}

static const char *filter_str(HashTable *ht, const char *key, bool *bad)
{
	zval *v = zend_hash_str_find(ht, key, strlen(key));

	if (!v || Z_TYPE_P(v) == IS_NULL) {
		return NULL;
	}
	if (Z_TYPE_P(v) != IS_STRING) {
		participa_throw_invalid("filter '%s' must be a string", key);
		*bad = true;
		return NULL;
	}
	return Z_STRVAL_P(v);
}

PHP_METHOD(Participa_Commitments, list)
{
	HashTable *filters = NULL;
	pt_cs_filter f;
	bool bad = false;
	const char *light, *as_of;
	zval *v;
	zend_string *key;
	static const char *const known[] = { "plan", "parent", "theme", "pillar", "status", "agency", "territory",
		"roots", "light", "as_of", "limit", "full", NULL };

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(filters)
	ZEND_PARSE_PARAMETERS_END();

	memset(&f, 0, sizeof(f));
	light = as_of = NULL;
	f.full = true;
	if (filters) {
		ZEND_HASH_FOREACH_STR_KEY(filters, key) {
			const char *const *k;
			bool ok = false;

			for (k = known; key && *k && !ok; k++) {
				ok = zend_string_equals_cstr(key, *k, strlen(*k));
			}
			if (!ok) {
				participa_throw_invalid("unknown filter '%s'", key ? ZSTR_VAL(key) : "(index)");
				RETURN_THROWS();
			}
		} ZEND_HASH_FOREACH_END();
		f.plan = filter_str(filters, "plan", &bad);
		f.parent = filter_str(filters, "parent", &bad);
		f.theme = filter_str(filters, "theme", &bad);
		f.pillar = filter_str(filters, "pillar", &bad);
		f.status = filter_str(filters, "status", &bad);
		f.agency = filter_str(filters, "agency", &bad);
		f.territory = filter_str(filters, "territory", &bad);
		light = filter_str(filters, "light", &bad);
		as_of = filter_str(filters, "as_of", &bad);
		if (bad) {
			RETURN_THROWS();
		}
		if (as_of && !pt_cm_valid_date(as_of, strlen(as_of))) {
			participa_throw_invalid("as_of: se esperaba una fecha AAAA-MM-DD");
			RETURN_THROWS();
		}
		if ((v = zend_hash_str_find(filters, "roots", 5))) {
			f.roots_only = zend_is_true(v);
		}
		if ((v = zend_hash_str_find(filters, "full", 4))) {
			f.full = zend_is_true(v);
		}
		if ((v = zend_hash_str_find(filters, "limit", 5))) {
			if (Z_TYPE_P(v) != IS_LONG || Z_LVAL_P(v) < 1 || Z_LVAL_P(v) > 100000) {
				participa_throw_invalid("limit must be an int from 1 to 100000");
				RETURN_THROWS();
			}
			f.limit = (uint32_t)Z_LVAL_P(v);
		}
	}
	if (!list_into(ZEND_THIS, &f, as_of, light, return_value)) {
		RETURN_THROWS();
	}
}

static void official_answers(zval *comments, zval *out)
{
	zval *c;

	if (!comments || Z_TYPE_P(comments) != IS_ARRAY) {
		return;
	}
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(comments), c) {
		zval *off, *replies;

		if (Z_TYPE_P(c) != IS_ARRAY) {
			continue;
		}
		off = zend_hash_str_find(Z_ARRVAL_P(c), "official", 8);
		if (off && Z_TYPE_P(off) == IS_TRUE) {
			Z_TRY_ADDREF_P(c);
			add_next_index_zval(out, c);
		}
		replies = zend_hash_str_find(Z_ARRVAL_P(c), "replies", 7);
		official_answers(replies, out);
	} ZEND_HASH_FOREACH_END();
}

PHP_METHOD(Participa_Commitments, view)
{
	zend_string *id, *type;
	HashTable *opts = NULL;
	zval thread, page, children, answers, zopts;
	pt_cs_filter f;

	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_STR(id)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(opts)
	ZEND_PARSE_PARAMETERS_END();

	if (!get_into(ZEND_THIS, ZSTR_VAL(id), NULL, return_value)) {
		RETURN_THROWS();
	}
	if (Z_TYPE_P(return_value) == IS_NULL) {
		zend_throw_exception_ex(participa_ce_NotFoundException, 0, "No existe el compromiso '%s'.", ZSTR_VAL(id));
		RETURN_THROWS();
	}
	memset(&f, 0, sizeof(f));
	f.parent = ZSTR_VAL(id);
	if (!list_into(ZEND_THIS, &f, NULL, NULL, &children)) {
		RETURN_THROWS();
	}
	add_assoc_zval(return_value, "children_list", &children);
	type = zend_string_init("commitment", 10, 0);
	participa_thread_create(participa_handle_site(ZEND_THIS), type, id, &thread);
	zend_string_release(type);
	if (EG(exception)) {
		zval_ptr_dtor(&thread);
		RETURN_THROWS();
	}
	if (opts) {
		ZVAL_ARR(&zopts, zend_array_dup(opts));
	} else {
		array_init(&zopts);
	}
	ZVAL_UNDEF(&page);
	zend_call_method_with_1_params(Z_OBJ(thread), Z_OBJCE(thread), NULL, "page", &page, &zopts);
	zval_ptr_dtor(&zopts);
	zval_ptr_dtor(&thread);
	if (EG(exception)) {
		zval_ptr_dtor(&page);
		RETURN_THROWS();
	}
	array_init(&answers);
	if (Z_TYPE(page) == IS_ARRAY) {
		official_answers(zend_hash_str_find(Z_ARRVAL(page), "comments", 8), &answers);
	}
	add_assoc_zval(return_value, "thread", &page);
	add_assoc_zval(return_value, "official_answers", &answers);
}

/* ------------------------------------------------------------------ history */

static pt_status history_fn(void *ctx, const pt_cs_event_row *ev, pt_error *err)
{
	zval *list = ctx, row, changes;

	array_init(&row);
	add_assoc_long(&row, "seq", (zend_long)ev->e.seq);
	add_opt(&row, "commitment", ev->e.commitment);
	add_opt(&row, "action", ev->e.action);
	add_opt(&row, "actor", ev->e.actor);
	add_opt(&row, "at", ev->e.at);
	if (ev->e.changes && php_json_decode_ex(&changes, ev->e.changes, strlen(ev->e.changes),
			PHP_JSON_OBJECT_AS_ARRAY, 16) == SUCCESS) {
		add_assoc_zval(&row, "changes", &changes);
	} else {
		add_assoc_null(&row, "changes");
	}
	add_opt(&row, "note", ev->e.note);
	add_opt(&row, "prev_hash", ev->prev_hash);
	add_opt(&row, "hash", ev->hash);
	add_next_index_zval(list, &row);
	return PT_OK;
}

PHP_METHOD(Participa_Commitments, history)
{
	zend_string *id;
	pt_db *db;
	pt_error err;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(id)
	ZEND_PARSE_PARAMETERS_END();

	if (!cm_config(ZEND_THIS, NULL) || !(db = participa_site_db(participa_handle_site(ZEND_THIS)))) {
		RETURN_THROWS();
	}
	array_init(return_value);
	pt_error_clear(&err);
	if (pt_cs_history(db, ZSTR_VAL(id), history_fn, return_value, &err) != PT_OK) {
		throw_err(&err);
		RETURN_THROWS();
	}
}

PHP_METHOD(Participa_Commitments, verify)
{
	pt_db *db;
	pt_error err;
	pt_cs_verify_result r;

	ZEND_PARSE_PARAMETERS_NONE();
	if (!cm_config(ZEND_THIS, NULL) || !(db = participa_site_db(participa_handle_site(ZEND_THIS)))) {
		RETURN_THROWS();
	}
	pt_error_clear(&err);
	if (pt_cs_verify(db, &r, &err) != PT_OK) {
		throw_err(&err);
		RETURN_THROWS();
	}
	array_init(return_value);
	add_assoc_bool(return_value, "ok", r.ok);
	add_assoc_long(return_value, "events", (zend_long)r.events);
	if (r.ok) {
		add_assoc_null(return_value, "first_bad");
	} else {
		zval bad;

		array_init(&bad);
		add_assoc_long(&bad, "seq", (zend_long)r.bad_seq);
		add_assoc_string(&bad, "commitment", r.bad_commitment);
		add_assoc_string(&bad, "reason", r.reason);
		add_assoc_zval(return_value, "first_bad", &bad);
	}
}

/* ------------------------------------------------------------------ summary */

/*
 * Summaries are cached per worker process and keyed by database, plan,
 * grouping, level and late date; an entry is valid while the history head's
 * seq is unchanged (every change through participa appends an event), which
 * costs one primary-key read instead of an aggregate over every commitment.
 * Libc memory for the life of the process, at most SUMMARY_CACHE_MAX entries.
 */
typedef struct sum_row {
	char *key;
	int64_t count, late;
	double avg;
} sum_row;

typedef struct sum_entry {
	char *cache_key;
	int64_t seq, total;
	sum_row *rows;
	size_t n, cap;
	struct sum_entry *next;
} sum_entry;

#define SUMMARY_CACHE_MAX 64
static sum_entry *sum_cache;
static size_t sum_cache_count;

static void sum_entry_free(sum_entry *e)
{
	size_t i;

	for (i = 0; i < e->n; i++) {
		free(e->rows[i].key);
	}
	free(e->rows);
	free(e->cache_key);
	free(e);
}

static pt_status sum_collect(void *vctx, const char *key, size_t key_len, int64_t count, double avg, int64_t late,
	pt_error *err)
{
	sum_entry *e = vctx;

	if (e->n == e->cap) {
		size_t cap = e->cap ? e->cap * 2 : 16;
		sum_row *rows = realloc(e->rows, cap * sizeof(*rows));

		if (!rows) {
			return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
		}
		e->rows = rows;
		e->cap = cap;
	}
	e->rows[e->n].key = strndup(key, key_len);
	if (!e->rows[e->n].key) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	e->rows[e->n].count = count;
	e->rows[e->n].avg = avg;
	e->rows[e->n].late = late;
	e->n++;
	return PT_OK;
}

typedef struct summary_ctx {
	zval *groups;
	const pt_config *cfg;
	pt_cs_by by;
} summary_ctx;

static const char *group_label(const pt_config *cfg, pt_cs_by by, const char *key)
{
	const pt_commitments_config *c = cfg->commitments;
	int32_t i;

	switch (by) {
	case PT_CS_BY_THEME: return term_label(c->themes, c->theme_count, key);
	case PT_CS_BY_PILLAR: return term_label(c->pillars, c->pillar_count, key);
	case PT_CS_BY_AGENCY: return term_label(c->agencies, c->agency_count, key);
	case PT_CS_BY_STATUS:
		i = pt_cm_status_find(c, key, strlen(key));
		return i >= 0 ? c->statuses[i].label : NULL;
	case PT_CS_BY_PLAN:
		i = pt_cm_plan_find(c, key, strlen(key));
		return i >= 0 ? c->plans[i].title : NULL;
	case PT_CS_BY_TERRITORY:
		i = pt_config_territory(cfg, key, strlen(key));
		return i >= 0 ? cfg->territories.items[i].name : NULL;
	}
	return NULL;
}

static pt_status summary_fn(void *vctx, const char *key, size_t key_len, int64_t count, double avg, int64_t late,
	pt_error *err)
{
	summary_ctx *s = vctx;
	zval row;
	char *k = estrndup(key, key_len);
	const char *label = key_len ? group_label(s->cfg, s->by, k) : "(sin asignar)";

	array_init(&row);
	if (key_len) {
		add_assoc_string(&row, "key", k);
	} else {
		add_assoc_null(&row, "key");
	}
	add_assoc_string(&row, "label", label ? label : k);
	add_assoc_long(&row, "count", (zend_long)count);
	add_assoc_double(&row, "avg_progress", ((double)(int64_t)(avg * 100.0 + 0.5)) / 100.0);
	add_assoc_long(&row, "late", (zend_long)late);
	add_next_index_zval(s->groups, &row);
	efree(k);
	return PT_OK;
}

PHP_METHOD(Participa_Commitments, summary)
{
	zend_string *by_name;
	HashTable *opts = NULL;
	const pt_config *cfg;
	const pt_commitments_config *c;
	pt_db *db;
	pt_cs_by by;
	const char *plan = NULL, *as_of = NULL;
	bool roots = true, bad = false;
	zval groups, *g, *v;
	int64_t total = 0;
	summary_ctx sc;
	pt_error err;
	char day[11], late_before[11];
	int64_t days;

	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_STR(by_name)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(opts)
	ZEND_PARSE_PARAMETERS_END();

	if (!pt_cs_by_from_name(ZSTR_VAL(by_name), ZSTR_LEN(by_name), &by)) {
		zend_argument_value_error(1, "must be one of theme, pillar, status, territory, agency, plan");
		RETURN_THROWS();
	}
	if (!(c = cm_config(ZEND_THIS, &cfg)) || !(db = participa_site_db(participa_handle_site(ZEND_THIS)))) {
		RETURN_THROWS();
	}
	if (opts) {
		plan = filter_str(opts, "plan", &bad);
		as_of = filter_str(opts, "as_of", &bad);
		if (bad) {
			RETURN_THROWS();
		}
		if ((v = zend_hash_str_find(opts, "all_levels", 10))) {
			roots = !zend_is_true(v);
		}
	}
	if (as_of && !pt_cm_valid_date(as_of, strlen(as_of))) {
		participa_throw_invalid("as_of: se esperaba una fecha AAAA-MM-DD");
		RETURN_THROWS();
	}
	if (!as_of) {
		today(day);
		as_of = day;
	}
	/* late: due date more than late_grace_days before as_of */
	days = pt_cm_days(as_of) - (int64_t)c->late_grace_days;
	{
		zend_string *s = php_format_date("Y-m-d", 5, (time_t)(days * 86400), 0);

		snprintf(late_before, sizeof(late_before), "%s", ZSTR_VAL(s));
		zend_string_release(s);
	}
	array_init(&groups);
	sc.groups = &groups;
	sc.cfg = cfg;
	sc.by = by;
	pt_error_clear(&err);
	{
		char key[512];
		int64_t seq = -1;
		sum_entry *e, **link;
		size_t i;

		snprintf(key, sizeof(key), "%s|%s|%s|%s|%d|%s|%d|%s", cfg->db.socket ? cfg->db.socket : "",
			cfg->db.host ? cfg->db.host : "", cfg->db.name ? cfg->db.name : "", plan ? plan : "", (int)by,
			late_before, (int)roots, plan ? "" : "*");
		if (pt_cs_version(db, &seq, &err) != PT_OK) {
			zval_ptr_dtor(&groups);
			throw_err(&err);
			RETURN_THROWS();
		}
		for (link = &sum_cache; (e = *link); link = &e->next) {
			if (strcmp(e->cache_key, key) == 0) {
				break;
			}
		}
		if (e && e->seq != seq) {
			*link = e->next;
			sum_entry_free(e);
			sum_cache_count--;
			e = NULL;
		}
		if (!e) {
			e = calloc(1, sizeof(*e));
			if (!e || !(e->cache_key = strdup(key))) {
				free(e);
				zval_ptr_dtor(&groups);
				pt_error_set(&err, PT_ERR_NOMEM, "out of memory");
				throw_err(&err);
				RETURN_THROWS();
			}
			e->seq = seq;
			if (pt_cs_summary(db, by, plan, roots, late_before, sum_collect, e, &e->total, &err) != PT_OK) {
				sum_entry_free(e);
				zval_ptr_dtor(&groups);
				throw_err(&err);
				RETURN_THROWS();
			}
			if (sum_cache_count >= SUMMARY_CACHE_MAX) {
				sum_entry *x = sum_cache;

				sum_cache = x->next;
				sum_entry_free(x);
				sum_cache_count--;
			}
			/* append: the head is the oldest, evicted first */
			for (link = &sum_cache; *link; link = &(*link)->next) {
			}
			*link = e;
			sum_cache_count++;
		}
		for (i = 0; i < e->n; i++) {
			summary_fn(&sc, e->rows[i].key, strlen(e->rows[i].key), e->rows[i].count, e->rows[i].avg,
				e->rows[i].late, &err);
		}
		total = e->total;
	}
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL(groups), g) {
		zval *count = zend_hash_str_find(Z_ARRVAL_P(g), "count", 5);

		add_assoc_double(g, "percent", pt_cm_percent(Z_LVAL_P(count), total));
	} ZEND_HASH_FOREACH_END();
	array_init(return_value);
	add_assoc_str(return_value, "by", zend_string_copy(by_name));
	add_assoc_long(return_value, "total", (zend_long)total);
	add_assoc_zval(return_value, "groups", &groups);
}

/* ------------------------------------------------------------------ open data */

PHP_METHOD(Participa_Commitments, export)
{
	zend_string *format, *plan;
	HashTable *opts = NULL;
	const pt_config *cfg;
	const pt_commitments_config *c;
	pt_db *db;
	pt_cs_filter f;
	pt_cs_arena *arena;
	pt_cm_record *items = NULL;
	size_t n = 0, i;
	int field;
	pt_error err;
	bool csv, bom = false;
	zval *v;
	int32_t pi;

	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_STR(format)
		Z_PARAM_STR(plan)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(opts)
	ZEND_PARSE_PARAMETERS_END();

	if (zend_string_equals_literal(format, "csv")) {
		csv = true;
	} else if (zend_string_equals_literal(format, "json")) {
		csv = false;
	} else {
		zend_argument_value_error(1, "must be 'csv' or 'json'");
		RETURN_THROWS();
	}
	if (!(c = cm_config(ZEND_THIS, &cfg)) || !(db = participa_site_db(participa_handle_site(ZEND_THIS)))) {
		RETURN_THROWS();
	}
	if ((pi = pt_cm_plan_find(c, ZSTR_VAL(plan), ZSTR_LEN(plan))) < 0) {
		zend_throw_exception_ex(participa_ce_NotFoundException, 0, "No existe el plan '%s'.", ZSTR_VAL(plan));
		RETURN_THROWS();
	}
	if (opts && (v = zend_hash_str_find(opts, "bom", 3))) {
		bom = zend_is_true(v);
	}
	memset(&f, 0, sizeof(f));
	f.plan = ZSTR_VAL(plan);
	f.full = true;
	arena = pt_cs_arena_new();
	pt_error_clear(&err);
	if (!arena || pt_cs_list(db, &f, arena, &items, &n, &err) != PT_OK) {
		pt_cs_arena_free(arena);
		if (!arena) {
			pt_error_set(&err, PT_ERR_NOMEM, "out of memory");
		}
		throw_err(&err);
		RETURN_THROWS();
	}
	if (csv) {
		pt_buf b;

		pt_buf_init(&b, &participa_request_allocator);
		if (bom) {
			pt_buf_puts(&b, PT_CSV_BOM);
		}
		for (field = 0; field < PT_CMF_COUNT; field++) {
			pt_csv_field(&b, pt_cm_field_names[field], strlen(pt_cm_field_names[field]), field == 0);
		}
		pt_csv_end_record(&b);
		for (i = 0; i < n; i++) {
			for (field = 0; field < PT_CMF_COUNT; field++) {
				const char *s = items[i].v[field];

				pt_csv_field(&b, s ? s : "", s ? strlen(s) : 0, field == 0);
			}
			pt_csv_end_record(&b);
		}
		RETVAL_STRINGL(b.data ? b.data : "", b.len);
		pt_buf_free(&b);
	} else {
		zval doc, meta, list;
		smart_str out = {0};
		const pt_cm_plan *p = &c->plans[pi];

		array_init(&doc);
		array_init(&meta);
		add_assoc_string(&meta, "id", p->id);
		add_opt(&meta, "title", p->title);
		add_opt(&meta, "from", p->from);
		add_opt(&meta, "to", p->to);
		add_opt(&meta, "territory", p->territory);
		add_assoc_zval(&doc, "plan", &meta);
		array_init(&list);
		for (i = 0; i < n; i++) {
			zval row;

			record_to_array(cfg, &items[i], NULL, true, &row);
			add_next_index_zval(&list, &row);
		}
		add_assoc_zval(&doc, "commitments", &list);
		php_json_encode(&out, &doc, PHP_JSON_PRETTY_PRINT | PHP_JSON_UNESCAPED_UNICODE | PHP_JSON_UNESCAPED_SLASHES);
		zval_ptr_dtor(&doc);
		smart_str_0(&out);
		RETVAL_STR(out.s ? out.s : ZSTR_EMPTY_ALLOC());
	}
	pt_cs_arena_free(arena);
}

typedef struct import_row {
	zval data;           /* field => value */
	long row;            /* CSV: line of the record (header = 1); JSON: 1-based index */
	const char *id, *parent;
	bool done;
} import_row;

static void add_error(zval *errors, long row, const char *column, int column_no, const char *message)
{
	zval e;

	array_init(&e);
	add_assoc_long(&e, "row", row);
	if (column) {
		add_assoc_string(&e, "column", column);
	} else {
		add_assoc_null(&e, "column");
	}
	if (column_no > 0) {
		add_assoc_long(&e, "column_number", column_no);
	} else {
		add_assoc_null(&e, "column_number");
	}
	add_assoc_string(&e, "message", message);
	add_next_index_zval(errors, &e);
}

PHP_METHOD(Participa_Commitments, import)
{
	zend_string *data, *format, *by = NULL;
	bool dry = false;
	const pt_config *cfg;
	const pt_commitments_config *c;
	pt_db *db;
	zval errors, changes;
	import_row *rows = NULL;
	size_t nrows = 0, i, j, applied = 0, emitted;
	int header_cols[PT_CMF_COUNT];
	pt_error err;
	size_t *order;

	ZEND_PARSE_PARAMETERS_START(2, 4)
		Z_PARAM_STR(data)
		Z_PARAM_STR(format)
		Z_PARAM_OPTIONAL
		Z_PARAM_BOOL(dry)
		Z_PARAM_STR(by)
	ZEND_PARSE_PARAMETERS_END();

	if (!zend_string_equals_literal(format, "csv") && !zend_string_equals_literal(format, "json")) {
		zend_argument_value_error(2, "must be 'csv' or 'json'");
		RETURN_THROWS();
	}
	if (!(c = cm_config(ZEND_THIS, &cfg)) || !(db = participa_site_db(participa_handle_site(ZEND_THIS)))) {
		RETURN_THROWS();
	}
	array_init(&errors);
	array_init(&changes);
	for (i = 0; i < PT_CMF_COUNT; i++) {
		header_cols[i] = 0;
	}
	pt_error_clear(&err);
	if (zend_string_equals_literal(format, "csv")) {
		pt_csv_reader r;
		bool done = false;
		int *colfield = NULL;
		size_t ncols = 0;

		pt_csv_reader_init(&r, ZSTR_VAL(data), ZSTR_LEN(data), &participa_request_allocator);
		while (pt_csv_next(&r, &done, &err) == PT_OK && !done) {
			if (r.row == 1) {
				ncols = r.field_count;
				colfield = ecalloc(ncols + 1, sizeof(int));
				for (j = 0; j < ncols; j++) {
					int f = pt_cm_field_find(r.fields[j], r.lens[j]);

					colfield[j] = f;
					if (f < 0) {
						char msg[256];

						snprintf(msg, sizeof(msg), "columna desconocida '%.60s'", r.fields[j]);
						add_error(&errors, 1, r.fields[j], (int)j + 1, msg);
					} else if (header_cols[f]) {
						add_error(&errors, 1, r.fields[j], (int)j + 1, "columna repetida");
					} else {
						header_cols[f] = (int)j + 1;
					}
				}
				if (!header_cols[PT_CMF_ID]) {
					add_error(&errors, 1, "id", 0, "falta la columna id");
				}
				continue;
			}
			if (r.field_count == 1 && r.lens[0] == 0) {
				continue;   /* blank line */
			}
			if (r.field_count != ncols) {
				char msg[128];

				snprintf(msg, sizeof(msg), "la fila tiene %zu columnas y el encabezado %zu", r.field_count, ncols);
				add_error(&errors, (long)r.row, NULL, 0, msg);
				continue;
			}
			rows = erealloc(rows, (nrows + 1) * sizeof(*rows));
			memset(&rows[nrows], 0, sizeof(rows[nrows]));
			array_init(&rows[nrows].data);
			rows[nrows].row = (long)r.row;
			for (j = 0; j < ncols; j++) {
				if (colfield[j] >= 0) {
					add_assoc_stringl(&rows[nrows].data, pt_cm_field_names[colfield[j]], r.fields[j], r.lens[j]);
				}
			}
			nrows++;
		}
		if (err.code != PT_OK) {
			add_error(&errors, (long)err.line, NULL, (int)err.column, err.message);
		}
		if (colfield) {
			efree(colfield);
		}
		pt_csv_reader_free(&r);
	} else {
		zval doc, *list, *item;

		if (php_json_decode_ex(&doc, ZSTR_VAL(data), ZSTR_LEN(data), PHP_JSON_OBJECT_AS_ARRAY, 64) != SUCCESS
			|| Z_TYPE(doc) != IS_ARRAY || !(list = zend_hash_str_find(Z_ARRVAL(doc), "commitments", 11))
			|| Z_TYPE_P(list) != IS_ARRAY) {
			if (Z_TYPE(doc) != IS_UNDEF) {
				zval_ptr_dtor(&doc);
			}
			add_error(&errors, 0, NULL, 0, "JSON inválido: se esperaba {\"commitments\": [...]}");
		} else {
			long k = 0;

			ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(list), item) {
				k++;
				if (Z_TYPE_P(item) != IS_ARRAY) {
					add_error(&errors, k, NULL, 0, "cada compromiso debe ser un objeto");
					continue;
				}
				rows = erealloc(rows, (nrows + 1) * sizeof(*rows));
				memset(&rows[nrows], 0, sizeof(rows[nrows]));
				ZVAL_COPY(&rows[nrows].data, item);
				rows[nrows].row = k;
				nrows++;
			} ZEND_HASH_FOREACH_END();
			zval_ptr_dtor(&doc);
		}
	}
	/* validate every row */
	for (i = 0; i < nrows; i++) {
		patch_buf pb;
		int bad;
		zval *idv = zend_hash_str_find(Z_ARRVAL(rows[i].data), "id", 2);
		zval *pv = zend_hash_str_find(Z_ARRVAL(rows[i].data), "parent", 6);

		rows[i].id = idv && Z_TYPE_P(idv) == IS_STRING ? Z_STRVAL_P(idv) : NULL;
		rows[i].parent = pv && Z_TYPE_P(pv) == IS_STRING && Z_STRLEN_P(pv) ? Z_STRVAL_P(pv) : NULL;
		pb_init(&pb);
		pt_error_clear(&err);
		if (patch_from_array(cfg, Z_ARRVAL(rows[i].data), &pb, true, by ? ZSTR_VAL(by) : NULL, &bad, &err) != PT_OK) {
			add_error(&errors, rows[i].row, bad >= 0 ? pt_cm_field_names[bad] : NULL,
				bad >= 0 ? header_cols[bad] : 0, err.message);
		} else if (!rows[i].id) {
			add_error(&errors, rows[i].row, "id", header_cols[PT_CMF_ID], "falta el id");
		}
		pb_free(&pb);
		for (j = 0; rows[i].id && j < i; j++) {
			if (rows[j].id && strcmp(rows[j].id, rows[i].id) == 0) {
				char msg[160];

				snprintf(msg, sizeof(msg), "id '%.64s' repetido (fila %ld)", rows[i].id, rows[j].row);
				add_error(&errors, rows[i].row, "id", header_cols[PT_CMF_ID], msg);
			}
		}
	}
	/* parents before children */
	order = ecalloc(nrows + 1, sizeof(size_t));
	emitted = 0;
	while (emitted < nrows && zend_hash_num_elements(Z_ARRVAL(errors)) == 0) {
		size_t before = emitted;

		for (i = 0; i < nrows; i++) {
			bool waiting = false;

			if (rows[i].done) {
				continue;
			}
			for (j = 0; rows[i].parent && j < nrows; j++) {
				if (!rows[j].done && j != i && rows[j].id && strcmp(rows[j].id, rows[i].parent) == 0) {
					waiting = true;
					break;
				}
			}
			if (!waiting) {
				rows[i].done = true;
				order[emitted++] = i;
			}
		}
		if (emitted == before) {
			for (i = 0; i < nrows; i++) {
				if (!rows[i].done) {
					add_error(&errors, rows[i].row, "parent", header_cols[PT_CMF_PARENT],
						"ciclo de compromisos padre");
				}
			}
			break;
		}
	}
	/* dry run: what would change; otherwise write, each row in its own transaction */
	for (i = 0; i < emitted && zend_hash_num_elements(Z_ARRVAL(errors)) == 0; i++) {
		import_row *ir = &rows[order[i]];
		patch_buf pb;
		int bad;
		zval entry;

		pb_init(&pb);
		pt_error_clear(&err);
		patch_from_array(cfg, Z_ARRVAL(ir->data), &pb, true, by ? ZSTR_VAL(by) : NULL, &bad, &err);
		array_init(&entry);
		add_assoc_string(&entry, "id", ir->id);
		if (dry) {
			pt_cs_arena *arena = pt_cs_arena_new();
			pt_cm_record old, nw;
			bool found = false;
			pt_buf diff;
			zval ch;
			int f;

			if (!arena || pt_cs_get(db, ir->id, arena, &old, &found, &err) != PT_OK) {
				pt_cs_arena_free(arena);
				pb_free(&pb);
				zval_ptr_dtor(&entry);
				if (!arena) {
					pt_error_set(&err, PT_ERR_NOMEM, "out of memory");
				}
				goto fail;
			}
			if (found) {
				nw = old;
			} else {
				memset(&nw, 0, sizeof(nw));
				nw.v[PT_CMF_ID] = ir->id;
				nw.v[PT_CMF_EVIDENCE] = "[]";
				nw.v[PT_CMF_MILESTONES] = "[]";
			}
			for (f = 1; f < PT_CMF_COUNT; f++) {
				if (pb.p.set[f]) {
					nw.v[f] = pb.p.v[f];
				}
			}
			pt_buf_init(&diff, &participa_request_allocator);
			pt_cm_diff(found ? &old : NULL, &nw, &diff);
			if (diff.data && php_json_decode_ex(&ch, diff.data, diff.len, PHP_JSON_OBJECT_AS_ARRAY, 8) == SUCCESS) {
				add_assoc_string(&entry, "action", !found ? "create"
					: zend_hash_num_elements(Z_ARRVAL(ch)) ? "update" : "unchanged");
				add_assoc_zval(&entry, "changes", &ch);
			}
			pt_buf_free(&diff);
			pt_cs_arena_free(arena);
		} else {
			pt_cs_write w;
			check_ctx k;

			memset(&k, 0, sizeof(k));
			k.c = c;
			k.trusted = true;
			k.progress_given = pb.progress_given;
			memset(&w, 0, sizeof(w));
			w.id = ir->id;
			w.action = "import";
			w.actor = by ? ZSTR_VAL(by) : "participa:import";
			w.note = "";
			w.patch = pb.p;
			w.check = check_fn;
			w.check_ctx = &k;
			if (pt_cs_write_commitment(db, &w, &err) != PT_OK) {
				add_error(&errors, ir->row, NULL, 0, err.message);
				pb_free(&pb);
				zval_ptr_dtor(&entry);
				break;
			}
			add_assoc_string(&entry, "action", w.created ? "create" : w.changed ? "update" : "unchanged");
			add_assoc_long(&entry, "fields_changed", (zend_long)w.changed);
			applied += w.created || w.changed ? 1 : 0;
		}
		pb_free(&pb);
		add_next_index_zval(&changes, &entry);
	}
	efree(order);
	for (i = 0; i < nrows; i++) {
		zval_ptr_dtor(&rows[i].data);
	}
	if (rows) {
		efree(rows);
	}
	array_init(return_value);
	add_assoc_zval(return_value, "errors", &errors);
	add_assoc_zval(return_value, "changes", &changes);
	add_assoc_long(return_value, "applied", (zend_long)applied);
	add_assoc_bool(return_value, "dry_run", dry);
	return;
fail:
	efree(order);
	for (i = 0; i < nrows; i++) {
		zval_ptr_dtor(&rows[i].data);
	}
	if (rows) {
		efree(rows);
	}
	zval_ptr_dtor(&errors);
	zval_ptr_dtor(&changes);
	throw_err(&err);
	RETURN_THROWS();
}

/* ------------------------------------------------------------------ assemblies */

static const char **string_list(HashTable *ht, const char *what, size_t *n, bool *bad)
{
	const char **out;
	zval *v;

	*n = 0;
	out = ecalloc(zend_hash_num_elements(ht) + 1, sizeof(char *));
	ZEND_HASH_FOREACH_VAL(ht, v) {
		ZVAL_DEREF(v);
		if (Z_TYPE_P(v) != IS_STRING || Z_STRLEN_P(v) == 0 || strlen(Z_STRVAL_P(v)) != Z_STRLEN_P(v)
			|| pt_text_validate(Z_STRVAL_P(v), Z_STRLEN_P(v), NULL, NULL) != PT_OK) {
			participa_throw_invalid("%s: se esperaba una lista de textos UTF-8 no vacíos", what);
			*bad = true;
			return out;
		}
		out[(*n)++] = Z_STRVAL_P(v);
	} ZEND_HASH_FOREACH_END();
	return out;
}

PHP_METHOD(Participa_Commitments, recordAssembly)
{
	HashTable *a;
	zend_string *by;
	const pt_config *cfg;
	const pt_commitments_config *c;
	pt_db *db;
	pt_cs_assembly as;
	zval roles, *v, ids;
	uint32_t perms = 0;
	bool bad = false;
	const char **attendees = NULL, **agreements = NULL;
	int32_t terr, best = -1;
	size_t i;
	pt_error err;
	pt_status st;

	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_ARRAY_HT(a)
		Z_PARAM_STR(by)
	ZEND_PARSE_PARAMETERS_END();

	if (!(c = cm_config(ZEND_THIS, &cfg)) || !(db = participa_site_db(participa_handle_site(ZEND_THIS)))) {
		RETURN_THROWS();
	}
	memset(&as, 0, sizeof(as));
	as.territory = filter_str(a, "territory", &bad);
	as.held_on = filter_str(a, "held_on", &bad);
	as.place = filter_str(a, "place", &bad);
	as.agenda = filter_str(a, "agenda", &bad);
	as.minutes = filter_str(a, "minutes", &bad);
	if (bad) {
		RETURN_THROWS();
	}
	if (!as.territory || (terr = pt_config_territory(cfg, as.territory, strlen(as.territory))) < 0) {
		participa_throw_invalid("territory: territorio desconocido");
		RETURN_THROWS();
	}
	if (!as.held_on || !pt_cm_valid_date(as.held_on, strlen(as.held_on))) {
		participa_throw_invalid("held_on: se esperaba la fecha de la asamblea AAAA-MM-DD");
		RETURN_THROWS();
	}
	if (!as.place || !*as.place) {
		participa_throw_invalid("place: falta el lugar de la asamblea");
		RETURN_THROWS();
	}
	v = zend_hash_str_find(a, "attendance", 10);
	if (!v || Z_TYPE_P(v) != IS_LONG || Z_LVAL_P(v) < 0 || Z_LVAL_P(v) > 1000000) {
		participa_throw_invalid("attendance: se esperaba el número de asistentes");
		RETURN_THROWS();
	}
	as.attendance = (uint32_t)Z_LVAL_P(v);
	if ((v = zend_hash_str_find(a, "attendees", 9)) && Z_TYPE_P(v) == IS_ARRAY) {
		attendees = string_list(Z_ARRVAL_P(v), "attendees", &as.attendee_count, &bad);
	}
	if (!bad && (v = zend_hash_str_find(a, "agreements", 10)) && Z_TYPE_P(v) == IS_ARRAY) {
		agreements = string_list(Z_ARRVAL_P(v), "agreements", &as.agreement_count, &bad);
	}
	if (bad || (as.attendee_count > as.attendance && !EG(exception)
			&& (participa_throw_invalid("attendance (%u) es menor que la lista de asistentes (%zu)", as.attendance,
				as.attendee_count), true))) {
		if (attendees) efree(attendees);
		if (agreements) efree(agreements);
		RETURN_THROWS();
	}
	as.attendees = attendees;
	as.agreements = agreements;
	if (!actor_roles(participa_handle_site(ZEND_THIS), ZSTR_VAL(by), terr, terr, &roles, &perms)) {
		if (attendees) efree(attendees);
		if (agreements) efree(agreements);
		RETURN_THROWS();
	}
	zval_ptr_dtor(&roles);
	if (!(perms & PT_PERM_RECORD_ASSEMBLY)) {
		if (attendees) efree(attendees);
		if (agreements) efree(agreements);
		pt_error_set(&err, PT_ERR_NOT_ALLOWED, "No tienes permiso para registrar asambleas.");
		throw_err(&err);
		RETURN_THROWS();
	}
	/* the local development agenda of the nearest territory at or above the assembly's */
	for (i = 0; i < c->plan_count; i++) {
		int32_t pt;

		if (!c->plans[i].agenda || !c->plans[i].territory) {
			continue;
		}
		pt = pt_config_territory(cfg, c->plans[i].territory, strlen(c->plans[i].territory));
		if (pt >= 0 && pt_territory_within(&cfg->territories, terr, pt)
			&& (best < 0 || cfg->territories.items[pt].depth
				> cfg->territories.items[pt_config_territory(cfg, c->plans[best].territory,
					strlen(c->plans[best].territory))].depth)) {
			best = (int32_t)i;
		}
	}
	if (best >= 0 && as.attendance >= c->min_attendance) {
		as.plan = c->plans[best].id;
		as.status = c->statuses[c->agreement_status].id;
	}
	as.recorded_by = ZSTR_VAL(by);
	pt_error_clear(&err);
	st = pt_cs_assembly_record(db, &as, &err);
	if (attendees) efree(attendees);
	if (agreements) efree(agreements);
	if (st != PT_OK) {
		throw_err(&err);
		RETURN_THROWS();
	}
	array_init(return_value);
	add_assoc_long(return_value, "id", (zend_long)as.id);
	add_opt(return_value, "plan", as.plan);
	array_init(&ids);
	for (i = 0; as.commitment_ids && i < as.agreement_count; i++) {
		add_next_index_string(&ids, as.commitment_ids[i]);
	}
	add_assoc_zval(return_value, "commitments", &ids);
	pt_cs_assembly_free_ids(&as);
}

static pt_status text_into(void *ctx, const char *a, const char *b, pt_error *err)
{
	zval *list = ctx;

	add_next_index_string(list, a);
	return PT_OK;
}

static pt_status agreement_into(void *ctx, const char *a, const char *b, pt_error *err)
{
	zval *list = ctx, row;

	array_init(&row);
	add_assoc_string(&row, "text", a);
	add_opt(&row, "commitment", b);
	add_next_index_zval(list, &row);
	return PT_OK;
}

static pt_status assembly_into(void *ctx, const pt_cs_assembly_row *r, pt_error *err)
{
	zval *list = ctx, row;

	array_init(&row);
	add_assoc_long(&row, "id", (zend_long)r->id);
	add_opt(&row, "territory", r->territory);
	add_opt(&row, "held_on", r->held_on);
	add_opt(&row, "place", r->place);
	add_assoc_long(&row, "attendance", (zend_long)r->attendance);
	add_opt(&row, "agenda", r->agenda);
	add_opt(&row, "minutes", r->minutes);
	add_opt(&row, "recorded_by", r->recorded_by);
	add_opt(&row, "created_at", r->created_at);
	add_next_index_zval(list, &row);
	return PT_OK;
}

PHP_METHOD(Participa_Commitments, assemblies)
{
	zend_string *territory = NULL;
	pt_db *db;
	pt_error err;
	zval *row;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(territory)
	ZEND_PARSE_PARAMETERS_END();

	if (!cm_config(ZEND_THIS, NULL) || !(db = participa_site_db(participa_handle_site(ZEND_THIS)))) {
		RETURN_THROWS();
	}
	array_init(return_value);
	pt_error_clear(&err);
	if (pt_cs_assemblies(db, territory ? ZSTR_VAL(territory) : NULL, assembly_into, return_value, &err) != PT_OK) {
		throw_err(&err);
		RETURN_THROWS();
	}
	ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(return_value), row) {
		zval att, agr;
		int64_t id = Z_LVAL_P(zend_hash_str_find(Z_ARRVAL_P(row), "id", 2));

		array_init(&att);
		array_init(&agr);
		if (pt_cs_assembly_attendance(db, id, text_into, &att, &err) != PT_OK
			|| pt_cs_assembly_agreements(db, id, agreement_into, &agr, &err) != PT_OK) {
			zval_ptr_dtor(&att);
			zval_ptr_dtor(&agr);
			throw_err(&err);
			RETURN_THROWS();
		}
		add_assoc_zval(row, "attendees", &att);
		add_assoc_zval(row, "agreements", &agr);
	} ZEND_HASH_FOREACH_END();
}

void participa_register_commitments(void)
{
	participa_ce_Commitments = register_class_Participa_Commitments();
	participa_site_handle_class(participa_ce_Commitments);
}
