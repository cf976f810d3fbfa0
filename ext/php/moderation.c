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
#include "core/common/pt_id.h"

zend_class_entry *participa_ce_Moderation;

void participa_moderation_create(zval *site, zval *return_value)
{
	participa_site_handle_new(participa_ce_Moderation, site, return_value);
}

#define ID_MODERATOR "El identificador de la persona moderadora"
#define ID_PARTICIPANT "El identificador del participante"
#define FILTER true   /* participa_opt_*(): a filter */

/* A reason given by a moderator: it reaches the log's VARCHAR(1000). */
static bool check_reason(zend_string *reason)
{
	return !reason || participa_thread_reason_arg(reason);
}

/* ------------------------------------------------------------- actions */

typedef struct action_spec {
	const char *name;       /* log action */
	const char *conflict;   /* the refusal when the comment is in another state (%s: its status) */
	pt_cstatus to;
	unsigned from;          /* bits 1 << pt_cstatus */
} action_spec;

static const action_spec approve_spec = { "approve", "No se puede aprobar un comentario en estado '%s'.",
	PT_COMMENT_PUBLISHED, (1u << PT_COMMENT_HELD) | (1u << PT_COMMENT_HIDDEN) };
static const action_spec reject_spec = { "reject", "No se puede rechazar un comentario en estado '%s'.",
	PT_COMMENT_REJECTED, (1u << PT_COMMENT_HELD) | (1u << PT_COMMENT_HIDDEN) | (1u << PT_COMMENT_PUBLISHED) };
static const action_spec hide_spec = { "hide", "No se puede ocultar un comentario en estado '%s'.",
	PT_COMMENT_HIDDEN, (1u << PT_COMMENT_PUBLISHED) | (1u << PT_COMMENT_HELD) };
static const action_spec restore_spec = { "restore", "No se puede restaurar un comentario en estado '%s'.",
	PT_COMMENT_PUBLISHED, (1u << PT_COMMENT_HIDDEN) | (1u << PT_COMMENT_REJECTED) };

typedef struct action_check {
	const pt_config *cfg;
	const action_spec *spec;
	int32_t scope;          /* the comment's thread territory for the moderator */
} action_check;

static pt_status action_check_fn(void *vctx, const pt_thread_store_facts *f, pt_thread_store_write *w, pt_error *err)
{
	action_check *ac = vctx;

	if (f->actor.banned || !(participa_permissions_in(ac->cfg, w->actor, f->actor.roles, ac->scope, NULL)
			& PT_PERM_MODERATE)) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "No tienes permiso para moderar.");
	}
	if (!(ac->spec->from & (1u << f->target.status))) {
		return pt_error_set(err, PT_ERR_CONFLICT, ac->spec->conflict, pt_cstatus_name(f->target.status));
	}
	return PT_OK;
}

typedef struct one_ctx {
	zval *out;
} one_ctx;

static pt_status one_fn(void *vctx, const pt_thread_store_comment *c, pt_error *err)
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
	pt_thread_store_write w;
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

	if (comment_id <= 0) {
		pt_error_clear(&err);
		pt_error_set(&err, PT_ERR_NOT_FOUND, "El comentario no existe.");
		participa_throw_error(&err);
		RETURN_THROWS();
	}
	if (!participa_thread_id_arg(moderator, ID_MODERATOR) || !check_reason(reason)
			|| !(db = participa_site_db(own_site))) {
		RETURN_THROWS();
	}
	memset(&w, 0, sizeof(w));
	w.op = PT_THREAD_MODERATE;
	w.comment_id = comment_id;
	w.actor = ZSTR_VAL(moderator);
	w.status = spec->to;
	w.action = spec->name;
	w.reason = reason ? ZSTR_VAL(reason) : "";
	ac.cfg = participa_site_config(own_site);
	ac.spec = spec;
	ac.scope = participa_comment_scope(own_site, w.actor, comment_id);
	pt_error_clear(&err);
	if (pt_thread_store_write_comment(db, &w, action_check_fn, &ac, &err) != PT_OK) {
		participa_throw_error(&err);
		RETURN_THROWS();
	}
	if (pt_thread_store_comment_get(db, comment_id, NULL, one_fn, &o, &found, &err) != PT_OK) {
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
	pt_thread_store_actor actor;
	pt_thread_store_actor_text actor_text;
	pt_db *db;
	pt_error err;

	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_STR(participant)
		Z_PARAM_STR(moderator)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR(reason)
	ZEND_PARSE_PARAMETERS_END();

	if (!participa_thread_id_arg(participant, ID_PARTICIPANT) || !participa_thread_id_arg(moderator, ID_MODERATOR)
			|| !check_reason(reason) || !(db = participa_site_db(own_site))) {
		RETURN_THROWS();
	}
	pt_error_clear(&err);
	if (pt_thread_store_actor_get(db, ZSTR_VAL(moderator), &actor, &actor_text, &err) != PT_OK) {
		participa_throw_error(&err);
		RETURN_THROWS();
	}
	if (actor.banned || !(participa_permissions(participa_site_config(own_site), ZSTR_VAL(moderator), actor.roles,
			NULL) & PT_PERM_MODERATE)) {
		pt_error_set(&err, PT_ERR_NOT_ALLOWED, "No tienes permiso para moderar.");
		participa_throw_error(&err);
		RETURN_THROWS();
	}
	if (pt_participant_store_ban(db, ZSTR_VAL(participant), banned, ZSTR_VAL(moderator),
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

/* A string filter that reaches SQL: an id under the one id rule, or a subject type under the
 * kind rule; `what` names it for the refusal. */
static bool filter_id(HashTable *f, const char *key, const char *what, bool kind, zend_string **out)
{
	pt_error err;

	if (!participa_opt_string(f, FILTER, key, out)) {
		return false;
	}
	if (!*out) {
		return true;
	}
	pt_error_clear(&err);
	if ((kind ? pt_kind_check(what, ZSTR_VAL(*out), ZSTR_LEN(*out), &err)
			: pt_id_check(what, ZSTR_VAL(*out), ZSTR_LEN(*out), &err)) != PT_OK) {
		participa_throw_error(&err);
		return false;
	}
	return true;
}

static bool filter_limit(HashTable *f, zend_long *limit)
{
	pt_error err;

	if (!participa_opt_long(f, FILTER, "limit", 50, limit)) {
		return false;
	}
	if (*limit < 1 || *limit > 200) {
		pt_error_clear(&err);
		pt_error_set(&err, PT_ERR_INVALID, "El filtro 'limit' debe estar entre 1 y 200.");
		participa_throw_error(&err);
		return false;
	}
	return true;
}

/*
 * A moderation list's cursors are sealed with the site's key and bound to
 * the list: its tag (queue or log) and every filter, so a cursor of one
 * filter, of the other list or of a thread is refused.
 */
typedef struct list_seal {
	uint8_t key[PT_CURSOR_KEY_BYTES];
	unsigned char bind[PT_CURSOR_BIND_MAX];
	pt_cursor_seal seal;
	bool ready;
} list_seal;

static void bind_add(list_seal *ls, const void *p, size_t len)
{
	/* each part length-prefixed: ("ab", "c") and ("a", "bc") bind differently */
	if (ls->seal.bind_len + 2 + len <= sizeof(ls->bind)) {
		ls->bind[ls->seal.bind_len++] = (unsigned char)(len >> 8);
		ls->bind[ls->seal.bind_len++] = (unsigned char)len;
		memcpy(ls->bind + ls->seal.bind_len, p, len);
		ls->seal.bind_len += len;
	}
}

static void bind_str(list_seal *ls, zend_string *s)
{
	/* absent and empty differ: absent is one byte 0xff, never a valid filter */
	if (s) {
		bind_add(ls, ZSTR_VAL(s), ZSTR_LEN(s));
	} else {
		bind_add(ls, "\xff", 1);
	}
}

/* The key is read only when a cursor is read or written. */
static bool list_seal_ready(list_seal *ls, pt_db *db)
{
	if (!ls->ready) {
		if (!participa_cursor_key(db, false, NULL, ls->key)) {
			return false;
		}
		ls->seal.key = ls->key;
		ls->seal.bind = ls->bind;
		ls->ready = true;
	}
	return true;
}

static bool filter_cursor(HashTable *f, pt_db *db, list_seal *ls, pt_sort sort, pt_cursor *c)
{
	zend_string *s;
	pt_error err;

	memset(c, 0, sizeof(*c));
	if (!participa_opt_string(f, FILTER, "cursor", &s)) {
		return false;
	}
	if (!s) {
		return true;
	}
	if (!list_seal_ready(ls, db)) {
		return false;
	}
	pt_error_clear(&err);
	if (pt_cursor_decode(ZSTR_VAL(s), ZSTR_LEN(s), &ls->seal, c, &err) != PT_OK) {
		participa_throw_error(&err);
		return false;
	}
	if (c->sort != sort || c->scope != 0) {
		pt_error_set(&err, PT_ERR_INVALID, "Este cursor es de otra lista; vuelve a la primera página.");
		participa_throw_error(&err);
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

static pt_status queue_fn(void *vctx, const pt_thread_store_comment *c, pt_error *err)
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

static bool add_next(zval *out, const list_ctx *l, pt_db *db, list_seal *ls, pt_sort sort)
{
	char buf[PT_CURSOR_BUFSIZE];
	pt_cursor c = l->last;
	pt_error err;

	c.sort = sort;
	c.scope = 0;
	c.key = 0;
	if (!l->more) {
		add_assoc_null(out, "next");
		return true;
	}
	if (!list_seal_ready(ls, db)) {
		return false;
	}
	pt_error_clear(&err);
	if (pt_cursor_encode(&c, &ls->seal, buf, &err) != PT_OK) {
		participa_throw_error(&err);
		return false;
	}
	add_assoc_string(out, "next", buf);
	return true;
}

PHP_METHOD(Participa_Moderation, queue)
{
	zval *own_site = participa_handle_site(ZEND_THIS);
	HashTable *filters = NULL;
	zend_string *status, *subject_type, *subject_id;
	pt_thread_store_queue_kind kind = PT_THREAD_QUEUE_HELD;
	zend_long limit;
	pt_cursor after;
	list_seal ls;
	list_ctx l;
	zval items;
	pt_db *db;
	pt_error err;
	unsigned char tag[2] = { 'Q', 0 };

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(filters)
	ZEND_PARSE_PARAMETERS_END();

	if (!participa_opt_string(filters, FILTER, "status", &status)
			|| !filter_id(filters, "subject_type", "El filtro 'subject_type'", true, &subject_type)
			|| !filter_id(filters, "subject_id", "El filtro 'subject_id'", false, &subject_id)
			|| !filter_limit(filters, &limit)) {
		RETURN_THROWS();
	}
	if (status) {
		if (zend_string_equals_literal(status, "held")) {
			kind = PT_THREAD_QUEUE_HELD;
		} else if (zend_string_equals_literal(status, "hidden")) {
			kind = PT_THREAD_QUEUE_HIDDEN;
		} else if (zend_string_equals_literal(status, "rejected")) {
			kind = PT_THREAD_QUEUE_REJECTED;
		} else if (zend_string_equals_literal(status, "flagged")) {
			kind = PT_THREAD_QUEUE_FLAGGED;
		} else {
			pt_error_clear(&err);
			pt_error_set(&err, PT_ERR_INVALID, "El filtro 'status' debe ser held, hidden, flagged o rejected.");
			participa_throw_error(&err);
			RETURN_THROWS();
		}
	}
	if (!(db = participa_site_db(own_site))) {
		RETURN_THROWS();
	}
	memset(&ls, 0, sizeof(ls));
	tag[1] = (unsigned char)kind;
	bind_add(&ls, tag, sizeof(tag));
	bind_str(&ls, subject_type);
	bind_str(&ls, subject_id);
	if (!filter_cursor(filters, db, &ls, PT_SORT_OLDEST, &after)) {
		RETURN_THROWS();
	}
	array_init(&items);
	memset(&l, 0, sizeof(l));
	l.list = &items;
	l.limit = (uint32_t)limit;
	pt_error_clear(&err);
	if (pt_thread_store_queue(db, kind, subject_type ? ZSTR_VAL(subject_type) : NULL, subject_id ? ZSTR_VAL(subject_id) : NULL,
			after.created_us, after.id, (uint32_t)limit + 1, queue_fn, &l, &err) != PT_OK) {
		zval_ptr_dtor(&items);
		participa_throw_error(&err);
		RETURN_THROWS();
	}
	array_init(return_value);
	add_assoc_zval(return_value, "items", &items);
	if (!add_next(return_value, &l, db, &ls, PT_SORT_OLDEST)) {
		zval_ptr_dtor(return_value);
		ZVAL_NULL(return_value);
		RETURN_THROWS();
	}
}

static pt_status log_fn(void *vctx, const pt_thread_store_log_entry *e, pt_error *err)
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
	zend_string *moderator, *participant;
	zend_long comment, limit;
	pt_cursor before;
	list_seal ls;
	list_ctx l;
	zval entries;
	pt_db *db;
	pt_error err;
	unsigned char tag[9] = { 'L' };
	size_t i;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(filters)
	ZEND_PARSE_PARAMETERS_END();

	if (!participa_opt_long(filters, FILTER, "comment", 0, &comment)
			|| !filter_id(filters, "moderator", "El filtro 'moderator'", false, &moderator)
			|| !filter_id(filters, "participant", "El filtro 'participant'", false, &participant)
			|| !filter_limit(filters, &limit)) {
		RETURN_THROWS();
	}
	if (comment < 0) {
		pt_error_clear(&err);
		pt_error_set(&err, PT_ERR_INVALID, "El filtro 'comment' debe ser el número de un comentario.");
		participa_throw_error(&err);
		RETURN_THROWS();
	}
	if (!(db = participa_site_db(own_site))) {
		RETURN_THROWS();
	}
	memset(&ls, 0, sizeof(ls));
	for (i = 0; i < 8; i++) {
		tag[1 + i] = (unsigned char)((uint64_t)comment >> (56 - 8 * i));
	}
	bind_add(&ls, tag, sizeof(tag));
	bind_str(&ls, moderator);
	bind_str(&ls, participant);
	if (!filter_cursor(filters, db, &ls, PT_SORT_NEWEST, &before)) {
		RETURN_THROWS();
	}
	array_init(&entries);
	memset(&l, 0, sizeof(l));
	l.list = &entries;
	l.limit = (uint32_t)limit;
	pt_error_clear(&err);
	if (pt_thread_store_log(db, comment, moderator ? ZSTR_VAL(moderator) : NULL, participant ? ZSTR_VAL(participant) : NULL,
			before.created_us, before.id, (uint32_t)limit + 1, log_fn, &l, &err) != PT_OK) {
		zval_ptr_dtor(&entries);
		participa_throw_error(&err);
		RETURN_THROWS();
	}
	array_init(return_value);
	add_assoc_zval(return_value, "entries", &entries);
	if (!add_next(return_value, &l, db, &ls, PT_SORT_NEWEST)) {
		zval_ptr_dtor(return_value);
		ZVAL_NULL(return_value);
		RETURN_THROWS();
	}
}

void participa_register_moderation(void)
{
	participa_ce_Moderation = register_class_Participa_Moderation();
	participa_site_handle_class(participa_ce_Moderation);
}
