/*
 * participa binding: Participa\Moderation, the queue and the log.
 *
 * Status changes go through the store's one-transaction write, checked by the
 * core's rules (core/thread/thread_rules.h: the moderator holds 'moderate',
 * is not banned, and the comment is in a state the action applies to); the
 * store records every action with moderator, time and reason.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stddef.h>
#include <string.h>

#include "php.h"

#include "php_participa.h"
#include "participa_errors.h"
#include "participa_options.h"
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

/* A string argument's text, or NULL when absent. */
static const char *zs(const zend_string *s)
{
	return s ? ZSTR_VAL(s) : NULL;
}

/* A reason given by a moderator: it reaches the log's VARCHAR(1000). */
static bool check_reason(zend_string *reason)
{
	return !reason || participa_thread_reason_arg(reason);
}

/* ------------------------------------------------------------- actions */

static pt_status one_fn(void *vctx, const pt_thread_store_comment *c, pt_error *err)
{
	participa_comment_array(c, PARTICIPA_VIEW_FULL, (zval *)vctx);
	return PT_OK;
}

static void run_action(INTERNAL_FUNCTION_PARAMETERS, const pt_thread_mod_spec *spec)
{
	zval *own_site = participa_handle_site(ZEND_THIS);
	zend_long comment_id;
	zend_string *moderator, *reason = NULL;
	pt_thread_rules rules;
	pt_db *db;
	pt_error err;
	bool found = false;

	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_LONG(comment_id)
		Z_PARAM_STR(moderator)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR(reason)
	ZEND_PARSE_PARAMETERS_END();

	pt_error_clear(&err);
	if (!participa_ok(pt_thread_mod_comment_check(comment_id, &err), &err)
			|| !participa_thread_id_arg(moderator, ID_MODERATOR) || !check_reason(reason)
			|| !(db = participa_site_db(own_site))) {
		RETURN_THROWS();
	}
	memset(&rules, 0, sizeof(rules));
	rules.cfg = participa_site_config(own_site);
	rules.scope = participa_comment_scope(own_site, ZSTR_VAL(moderator), comment_id);
	if (!participa_ok(pt_thread_store_moderate(db, comment_id, ZSTR_VAL(moderator), zs(reason), &rules, spec, &err),
			&err)
			|| !participa_ok(pt_thread_store_comment_get(db, comment_id, NULL, one_fn, return_value, &found, &err),
				&err)) {
		RETURN_THROWS();
	}
}

PHP_METHOD(Participa_Moderation, __construct)
{
	ZEND_PARSE_PARAMETERS_NONE();
}

PHP_METHOD(Participa_Moderation, approve)
{
	run_action(INTERNAL_FUNCTION_PARAM_PASSTHRU, &pt_thread_approve);
}

PHP_METHOD(Participa_Moderation, reject)
{
	run_action(INTERNAL_FUNCTION_PARAM_PASSTHRU, &pt_thread_reject);
}

PHP_METHOD(Participa_Moderation, hide)
{
	run_action(INTERNAL_FUNCTION_PARAM_PASSTHRU, &pt_thread_hide);
}

PHP_METHOD(Participa_Moderation, restore)
{
	run_action(INTERNAL_FUNCTION_PARAM_PASSTHRU, &pt_thread_restore);
}

/* ban/unban: a moderator anywhere on the site (no territory). */
static void ban(INTERNAL_FUNCTION_PARAMETERS, bool banned)
{
	zval *own_site = participa_handle_site(ZEND_THIS);
	zend_string *participant, *moderator, *reason = NULL;
	pt_participant_actor actor;
	pt_participant_actor_text text;
	pt_db *db;
	pt_error err;

	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_STR(participant)
		Z_PARAM_STR(moderator)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR(reason)
	ZEND_PARSE_PARAMETERS_END();

	pt_error_clear(&err);
	if (!participa_thread_id_arg(participant, ID_PARTICIPANT) || !participa_thread_id_arg(moderator, ID_MODERATOR)
			|| !check_reason(reason) || !(db = participa_site_db(own_site))
			|| !participa_ok(pt_participant_actor_get(db, ZSTR_VAL(moderator), &actor, &text, &err), &err)
			|| !participa_ok(pt_thread_check_moderator(participa_site_config(own_site), ZSTR_VAL(moderator), &actor,
				PT_SCOPE_NONE, &err), &err)
			|| !participa_ok(pt_participant_store_ban(db, ZSTR_VAL(participant), banned, ZSTR_VAL(moderator),
				reason ? ZSTR_VAL(reason) : "", &err), &err)) {
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
	pt_error_clear(&err);
	return !*out || participa_ok(kind ? pt_kind_check(what, ZSTR_VAL(*out), ZSTR_LEN(*out), &err)
		: pt_id_check(what, ZSTR_VAL(*out), ZSTR_LEN(*out), &err), &err);
}

static bool filter_limit(HashTable *f, zend_long *limit)
{
	pt_error err;

	pt_error_clear(&err);
	return participa_opt_long(f, FILTER, "limit", PT_THREAD_LIST_LIMIT, limit)
		&& participa_ok(pt_thread_list_limit_check(*limit, &err), &err);
}

/* A moderation list being read (core/thread/thread_rules.h), its items, the site's key. */
typedef struct list_ctx {
	pt_thread_list l;
	zval items;
	pt_cursor after;          /* the request's cursor (zero: from the start) */
	uint8_t key[PT_CURSOR_KEY_BYTES];
} list_ctx;

/* Binds a filter (absent binds differently from empty). */
static void list_bind_str(list_ctx *l, const zend_string *s)
{
	pt_thread_list_bind(&l->l, zs(s), s ? ZSTR_LEN(s) : 0);
}

/* The key is read only when a cursor is read or written. */
static bool list_key(list_ctx *l, pt_db *db)
{
	if (!l->l.seal.key) {
		if (!participa_cursor_key(db, false, NULL, l->key)) {
			return false;
		}
		l->l.seal.key = l->key;
	}
	return true;
}

/* Starts a list of sort bound to tag and two filters: the request's cursor, no items. */
static bool list_start(list_ctx *l, HashTable *f, pt_db *db, pt_sort sort, zend_long limit, const void *tag,
	size_t tag_len, const zend_string *a, const zend_string *b)
{
	zend_string *s;
	pt_error err;

	pt_thread_list_init(&l->l, sort, (uint32_t)limit);
	pt_thread_list_bind(&l->l, tag, tag_len);
	list_bind_str(l, a);
	list_bind_str(l, b);
	if (!participa_opt_string(f, FILTER, "cursor", &s)) {
		return false;
	}
	pt_error_clear(&err);
	if (s && (!list_key(l, db)
			|| !participa_ok(pt_cursor_decode(ZSTR_VAL(s), ZSTR_LEN(s), &l->l.seal, &l->after, &err), &err)
			|| !participa_ok(pt_thread_list_cursor_check(&l->after, l->l.sort, &err), &err))) {
		return false;
	}
	array_init(&l->items);
	return true;
}

/* The list as {key: items, next: cursor or null}; s is the store's answer. */
static bool list_finish(list_ctx *l, pt_status s, const pt_error *serr, pt_db *db, const char *key, zval *out)
{
	char buf[PT_CURSOR_BUFSIZE];
	pt_cursor c = pt_thread_list_next(&l->l);
	pt_error err;

	pt_error_clear(&err);
	if (!participa_ok(s, serr) || (l->l.more && (!list_key(l, db)
			|| !participa_ok(pt_cursor_encode(&c, &l->l.seal, buf, &err), &err)))) {
		zval_ptr_dtor(&l->items);
		return false;
	}
	array_init(out);
	add_assoc_zval(out, key, &l->items);
	if (l->l.more) {
		add_assoc_string(out, "next", buf);
	} else {
		add_assoc_null(out, "next");
	}
	return true;
}

static pt_status queue_fn(void *vctx, const pt_thread_store_comment *c, pt_error *err)
{
	list_ctx *l = vctx;
	zval item;

	if (pt_thread_list_take(&l->l, c->row.created_us, c->row.id)) {
		participa_comment_array(c, PARTICIPA_VIEW_FULL, &item);
		add_next_index_zval(&l->items, &item);
	}
	return PT_OK;
}

PHP_METHOD(Participa_Moderation, queue)
{
	zval *own_site = participa_handle_site(ZEND_THIS);
	HashTable *filters = NULL;
	zend_string *status, *subject_type, *subject_id;
	pt_thread_queue_kind kind;
	zend_long limit;
	list_ctx l;
	pt_db *db;
	pt_error err;
	unsigned char tag[2] = { 'Q', 0 };
	pt_status s;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(filters)
	ZEND_PARSE_PARAMETERS_END();

	pt_error_clear(&err);
	memset(&l, 0, sizeof(l));
	if (!participa_opt_string(filters, FILTER, "status", &status)
			|| !filter_id(filters, "subject_type", "El filtro 'subject_type'", true, &subject_type)
			|| !filter_id(filters, "subject_id", "El filtro 'subject_id'", false, &subject_id)
			|| !filter_limit(filters, &limit)
			|| !participa_ok(pt_thread_queue_kind_parse(zs(status), status ? ZSTR_LEN(status) : 0, &kind, &err), &err)
			|| !(db = participa_site_db(own_site))) {
		RETURN_THROWS();
	}
	tag[1] = (unsigned char)kind;
	if (!list_start(&l, filters, db, PT_SORT_OLDEST, limit, tag, sizeof(tag), subject_type, subject_id)) {
		RETURN_THROWS();
	}
	s = pt_thread_store_queue(db, kind, zs(subject_type), zs(subject_id), l.after.created_us, l.after.id,
		(uint32_t)limit + 1, queue_fn, &l, &err);
	if (!list_finish(&l, s, &err, db, "items", return_value)) {
		RETURN_THROWS();
	}
}

#define E(m, type) { #m, type, 0, offsetof(pt_thread_store_log_entry, m), 0, NULL }
static participa_field log_fields[] = {
	E(id, PF_I64), E(action, PF_CSTR0), E(moderator, PF_CSTR0), E(comment_id, PF_ID), E(thread_id, PF_ID),
	E(participant, PF_CSTR), E(reason, PF_CSTR0), E(created_at, PF_CSTR0), { NULL }
};

static pt_status log_fn(void *vctx, const pt_thread_store_log_entry *e, pt_error *err)
{
	list_ctx *l = vctx;
	zval item;

	if (!pt_thread_list_take(&l->l, e->created_us, e->id)) {
		return PT_OK;
	}
	array_init(&item);
	participa_fields_put(&item, log_fields, e, 0);
	add_next_index_zval(&l->items, &item);
	return PT_OK;
}

PHP_METHOD(Participa_Moderation, log)
{
	zval *own_site = participa_handle_site(ZEND_THIS);
	HashTable *filters = NULL;
	zend_string *moderator, *participant;
	zend_long comment, limit;
	list_ctx l;
	pt_db *db;
	pt_error err;
	unsigned char tag[9] = { 'L' };
	size_t i;
	pt_status s;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(filters)
	ZEND_PARSE_PARAMETERS_END();

	pt_error_clear(&err);
	memset(&l, 0, sizeof(l));
	if (!participa_opt_long(filters, FILTER, "comment", 0, &comment)
			|| !filter_id(filters, "moderator", "El filtro 'moderator'", false, &moderator)
			|| !filter_id(filters, "participant", "El filtro 'participant'", false, &participant)
			|| !filter_limit(filters, &limit)
			|| !participa_ok(pt_thread_log_comment_check(comment, &err), &err)
			|| !(db = participa_site_db(own_site))) {
		RETURN_THROWS();
	}
	for (i = 0; i < 8; i++) {
		tag[1 + i] = (unsigned char)((uint64_t)comment >> (56 - 8 * i));
	}
	if (!list_start(&l, filters, db, PT_SORT_NEWEST, limit, tag, sizeof(tag), moderator, participant)) {
		RETURN_THROWS();
	}
	s = pt_thread_store_log(db, comment, zs(moderator), zs(participant), l.after.created_us, l.after.id,
		(uint32_t)limit + 1, log_fn, &l, &err);
	if (!list_finish(&l, s, &err, db, "entries", return_value)) {
		RETURN_THROWS();
	}
}

void participa_register_moderation(void)
{
	participa_ce_Moderation = register_class_Participa_Moderation();
	participa_site_handle_class(participa_ce_Moderation);
	participa_fields_init(log_fields);
}
