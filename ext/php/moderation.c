/*
 * participa binding: Participa\Moderation, the queue and the log.
 *
 * Status changes go through the store's one-transaction write with a check
 * that the moderator holds 'moderate', is not banned, and that the comment is
 * in a state the action applies to; the store records every action with
 * moderator, time and reason.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "php.h"
#include "zend_exceptions.h"

#include "php_participa.h"
#include "participa_errors.h"
#include "participa_site.h"
#include "participa_threads.h"
#include "moderation_arginfo.h"

zend_class_entry *participa_ce_Moderation;

void participa_moderation_create(zval *site, zval *return_value)
{
	participa_site_handle_new(participa_ce_Moderation, site, return_value);
}

static bool check_id(zend_string *id, const char *what)
{
	if (ZSTR_LEN(id) == 0 || ZSTR_LEN(id) > 191 || memchr(ZSTR_VAL(id), '\0', ZSTR_LEN(id))) {
		participa_throw_invalid("%s must be a participant id of 1 to 191 bytes", what);
		return false;
	}
	return true;
}

/* ------------------------------------------------------------- actions */

typedef struct action_spec {
	const char *name;       /* log action */
	const char *verb;       /* Spanish infinitive for conflicts */
	pt_cstatus to;
	unsigned from;          /* bits 1 << pt_cstatus */
} action_spec;

static const action_spec approve_spec = { "approve", "aprobar", PT_CS_PUBLISHED,
	(1u << PT_CS_HELD) | (1u << PT_CS_HIDDEN) };
static const action_spec reject_spec = { "reject", "rechazar", PT_CS_REJECTED,
	(1u << PT_CS_HELD) | (1u << PT_CS_HIDDEN) | (1u << PT_CS_PUBLISHED) };
static const action_spec hide_spec = { "hide", "ocultar", PT_CS_HIDDEN,
	(1u << PT_CS_PUBLISHED) | (1u << PT_CS_HELD) };
static const action_spec restore_spec = { "restore", "restaurar", PT_CS_PUBLISHED,
	(1u << PT_CS_HIDDEN) | (1u << PT_CS_REJECTED) };

typedef struct action_check {
	const pt_config *cfg;
	const action_spec *spec;
	int32_t scope;          /* the comment's thread territory for the moderator */
} action_check;

static pt_status action_check_fn(void *vctx, const pt_ts_facts *f, pt_ts_write *w, pt_error *err)
{
	action_check *ac = vctx;

	if (f->actor.banned || !(participa_permissions_in(ac->cfg, w->actor, f->actor.roles, ac->scope, NULL)
			& PT_PERM_MODERATE)) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "No tienes permiso para moderar.");
	}
	if (!(ac->spec->from & (1u << f->target.status))) {
		return pt_error_set(err, PT_ERR_CONFLICT, "No se puede %s un comentario en estado '%s'.", ac->spec->verb,
			pt_cstatus_name(f->target.status));
	}
	return PT_OK;
}

typedef struct one_ctx {
	zval *out;
} one_ctx;

static pt_status one_fn(void *vctx, const pt_ts_comment *c, pt_error *err)
{
	participa_comment_to_array(c, true, ((one_ctx *)vctx)->out);
	return PT_OK;
}

static void run_action(INTERNAL_FUNCTION_PARAMETERS, const action_spec *spec)
{
	zval *own_site = participa_handle_site(ZEND_THIS);
	zend_long comment_id;
	zend_string *moderator, *reason = NULL;
	action_check ac;
	pt_ts_write w;
	pt_db *db;
	pt_error err;
	one_ctx o = { return_value };
	bool found = false;

	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_LONG(comment_id)
		Z_PARAM_STR(moderator)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR(reason)
	ZEND_PARSE_PARAMETERS_END();

	if (!check_id(moderator, "the moderator") || !(db = participa_site_db(own_site))) {
		RETURN_THROWS();
	}
	memset(&w, 0, sizeof(w));
	w.op = PT_TS_MODERATE;
	w.comment_id = comment_id;
	w.actor = ZSTR_VAL(moderator);
	w.status = spec->to;
	w.action = spec->name;
	w.reason = reason ? ZSTR_VAL(reason) : "";
	ac.cfg = participa_site_config(own_site);
	ac.spec = spec;
	ac.scope = participa_comment_scope(own_site, w.actor, comment_id);
	pt_error_clear(&err);
	if (pt_ts_write_comment(db, &w, action_check_fn, &ac, &err) != PT_OK) {
		participa_throw_error(&err);
		RETURN_THROWS();
	}
	if (pt_ts_comment_get(db, comment_id, NULL, one_fn, &o, &found, &err) != PT_OK) {
		participa_throw_error(&err);
		RETURN_THROWS();
	}
}

PHP_METHOD(Participa_Moderation, __construct)
{
	ZEND_PARSE_PARAMETERS_NONE();
}

PHP_METHOD(Participa_Moderation, approve)
{
	run_action(INTERNAL_FUNCTION_PARAM_PASSTHRU, &approve_spec);
}

PHP_METHOD(Participa_Moderation, reject)
{
	run_action(INTERNAL_FUNCTION_PARAM_PASSTHRU, &reject_spec);
}

PHP_METHOD(Participa_Moderation, hide)
{
	run_action(INTERNAL_FUNCTION_PARAM_PASSTHRU, &hide_spec);
}

PHP_METHOD(Participa_Moderation, restore)
{
	run_action(INTERNAL_FUNCTION_PARAM_PASSTHRU, &restore_spec);
}

/* ban/unban, shared with Participants. */
static void ban(INTERNAL_FUNCTION_PARAMETERS, bool banned)
{
	zval *own_site = participa_handle_site(ZEND_THIS);
	zend_string *participant, *moderator, *reason = NULL;
	pt_ts_actor actor;
	pt_ts_actor_text actor_text;
	pt_db *db;
	pt_error err;

	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_STR(participant)
		Z_PARAM_STR(moderator)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR(reason)
	ZEND_PARSE_PARAMETERS_END();

	if (!check_id(participant, "the participant") || !check_id(moderator, "the moderator")
			|| !(db = participa_site_db(own_site))) {
		RETURN_THROWS();
	}
	pt_error_clear(&err);
	if (pt_ts_actor_get(db, ZSTR_VAL(moderator), &actor, &actor_text, &err) != PT_OK) {
		participa_throw_error(&err);
		RETURN_THROWS();
	}
	if (actor.banned || !(participa_permissions(participa_site_config(own_site), ZSTR_VAL(moderator), actor.roles,
			NULL) & PT_PERM_MODERATE)) {
		pt_error_set(&err, PT_ERR_NOT_ALLOWED, "No tienes permiso para moderar.");
		participa_throw_error(&err);
		RETURN_THROWS();
	}
	if (pt_pa_ban(db, ZSTR_VAL(participant), banned, ZSTR_VAL(moderator),
			reason ? ZSTR_VAL(reason) : "", &err) != PT_OK) {
		participa_throw_error(&err);
		RETURN_THROWS();
	}
}

PHP_METHOD(Participa_Moderation, ban)
{
	ban(INTERNAL_FUNCTION_PARAM_PASSTHRU, true);
}

PHP_METHOD(Participa_Moderation, unban)
{
	ban(INTERNAL_FUNCTION_PARAM_PASSTHRU, false);
}

/* ------------------------------------------------------------- listings */

static bool filter_long(HashTable *f, const char *key, zend_long *out, zend_long def)
{
	zval *v = f ? zend_hash_str_find(f, key, strlen(key)) : NULL;

	*out = def;
	if (!v || Z_TYPE_P(v) == IS_NULL) {
		return true;
	}
	if (Z_TYPE_P(v) != IS_LONG) {
		zend_type_error("filter '%s' must be an int, %s given", key, zend_zval_type_name(v));
		return false;
	}
	*out = Z_LVAL_P(v);
	return true;
}

static bool filter_str(HashTable *f, const char *key, const char **out)
{
	zval *v = f ? zend_hash_str_find(f, key, strlen(key)) : NULL;

	*out = NULL;
	if (!v || Z_TYPE_P(v) == IS_NULL) {
		return true;
	}
	if (Z_TYPE_P(v) != IS_STRING) {
		zend_type_error("filter '%s' must be a string, %s given", key, zend_zval_type_name(v));
		return false;
	}
	*out = Z_STRVAL_P(v);
	return true;
}

static bool filter_cursor(HashTable *f, pt_sort sort, pt_cursor *c)
{
	const char *s;
	pt_error err;

	memset(c, 0, sizeof(*c));
	if (!filter_str(f, "cursor", &s)) {
		return false;
	}
	if (!s) {
		return true;
	}
	pt_error_clear(&err);
	if (pt_cursor_decode(s, strlen(s), c, &err) != PT_OK || c->sort != sort || c->scope != 0) {
		participa_throw_invalid("invalid cursor%s%s", err.message[0] ? ": " : "", err.message);
		return false;
	}
	return true;
}

typedef struct list_ctx {
	zval *list;
	uint32_t limit, count;
	pt_cursor last;
	bool more;
} list_ctx;

static pt_status queue_fn(void *vctx, const pt_ts_comment *c, pt_error *err)
{
	list_ctx *l = vctx;
	zval item;

	if (l->count == l->limit) {
		l->more = true;
		return PT_OK;
	}
	l->count++;
	l->last.created_us = c->row.created_us;
	l->last.id = c->row.id;
	participa_comment_to_array(c, true, &item);
	add_next_index_zval(l->list, &item);
	return PT_OK;
}

static void add_next(zval *out, const list_ctx *l, pt_sort sort)
{
	char buf[PT_CURSOR_BUFSIZE];
	pt_cursor c = l->last;
	pt_error err;

	c.sort = sort;
	c.scope = 0;
	c.key = 0;
	pt_error_clear(&err);
	if (l->more && pt_cursor_encode(&c, buf, &err) == PT_OK) {
		add_assoc_string(out, "next", buf);
	} else {
		add_assoc_null(out, "next");
	}
}

PHP_METHOD(Participa_Moderation, queue)
{
	zval *own_site = participa_handle_site(ZEND_THIS);
	HashTable *filters = NULL;
	const char *status, *subject_type, *subject_id;
	pt_ts_queue_kind kind = PT_TS_QUEUE_HELD;
	zend_long limit;
	pt_cursor after;
	list_ctx l;
	zval items;
	pt_db *db;
	pt_error err;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(filters)
	ZEND_PARSE_PARAMETERS_END();

	if (!filter_str(filters, "status", &status) || !filter_str(filters, "subject_type", &subject_type)
			|| !filter_str(filters, "subject_id", &subject_id) || !filter_long(filters, "limit", &limit, 50)
			|| !filter_cursor(filters, PT_SORT_OLDEST, &after)) {
		RETURN_THROWS();
	}
	if (status) {
		if (strcmp(status, "held") == 0) {
			kind = PT_TS_QUEUE_HELD;
		} else if (strcmp(status, "hidden") == 0) {
			kind = PT_TS_QUEUE_HIDDEN;
		} else if (strcmp(status, "rejected") == 0) {
			kind = PT_TS_QUEUE_REJECTED;
		} else if (strcmp(status, "flagged") == 0) {
			kind = PT_TS_QUEUE_FLAGGED;
		} else {
			participa_throw_invalid("filter 'status' must be held, hidden, flagged or rejected");
			RETURN_THROWS();
		}
	}
	if (limit < 1 || limit > 200) {
		participa_throw_invalid("filter 'limit' must be between 1 and 200");
		RETURN_THROWS();
	}
	if (!(db = participa_site_db(own_site))) {
		RETURN_THROWS();
	}
	array_init(&items);
	memset(&l, 0, sizeof(l));
	l.list = &items;
	l.limit = (uint32_t)limit;
	pt_error_clear(&err);
	if (pt_ts_queue(db, kind, subject_type, subject_id, after.created_us, after.id, (uint32_t)limit + 1, queue_fn,
			&l, &err) != PT_OK) {
		zval_ptr_dtor(&items);
		participa_throw_error(&err);
		RETURN_THROWS();
	}
	array_init(return_value);
	add_assoc_zval(return_value, "items", &items);
	add_next(return_value, &l, PT_SORT_OLDEST);
}

static pt_status log_fn(void *vctx, const pt_ts_log_entry *e, pt_error *err)
{
	list_ctx *l = vctx;
	zval item;

	if (l->count == l->limit) {
		l->more = true;
		return PT_OK;
	}
	l->count++;
	l->last.created_us = e->created_us;
	l->last.id = e->id;
	array_init(&item);
	add_assoc_long(&item, "id", (zend_long)e->id);
	add_assoc_string(&item, "action", e->action ? e->action : "");
	add_assoc_string(&item, "moderator", e->moderator ? e->moderator : "");
	if (e->comment_id) {
		add_assoc_long(&item, "comment_id", (zend_long)e->comment_id);
	} else {
		add_assoc_null(&item, "comment_id");
	}
	if (e->thread_id) {
		add_assoc_long(&item, "thread_id", (zend_long)e->thread_id);
	} else {
		add_assoc_null(&item, "thread_id");
	}
	if (e->participant) {
		add_assoc_string(&item, "participant", e->participant);
	} else {
		add_assoc_null(&item, "participant");
	}
	add_assoc_string(&item, "reason", e->reason ? e->reason : "");
	add_assoc_string(&item, "created_at", e->created_at ? e->created_at : "");
	add_next_index_zval(l->list, &item);
	return PT_OK;
}

PHP_METHOD(Participa_Moderation, log)
{
	zval *own_site = participa_handle_site(ZEND_THIS);
	HashTable *filters = NULL;
	const char *moderator, *participant;
	zend_long comment, limit;
	pt_cursor before;
	list_ctx l;
	zval entries;
	pt_db *db;
	pt_error err;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(filters)
	ZEND_PARSE_PARAMETERS_END();

	if (!filter_long(filters, "comment", &comment, 0) || !filter_str(filters, "moderator", &moderator)
			|| !filter_str(filters, "participant", &participant) || !filter_long(filters, "limit", &limit, 50)
			|| !filter_cursor(filters, PT_SORT_NEWEST, &before)) {
		RETURN_THROWS();
	}
	if (limit < 1 || limit > 200) {
		participa_throw_invalid("filter 'limit' must be between 1 and 200");
		RETURN_THROWS();
	}
	if (!(db = participa_site_db(own_site))) {
		RETURN_THROWS();
	}
	array_init(&entries);
	memset(&l, 0, sizeof(l));
	l.list = &entries;
	l.limit = (uint32_t)limit;
	pt_error_clear(&err);
	if (pt_ts_log(db, comment, moderator, participant, before.created_us, before.id, (uint32_t)limit + 1, log_fn,
			&l, &err) != PT_OK) {
		zval_ptr_dtor(&entries);
		participa_throw_error(&err);
		RETURN_THROWS();
	}
	array_init(return_value);
	add_assoc_zval(return_value, "entries", &entries);
	add_next(return_value, &l, PT_SORT_NEWEST);
}

void participa_register_moderation(void)
{
	participa_ce_Moderation = register_class_Participa_Moderation();
	participa_site_handle_class(participa_ce_Moderation);
}
