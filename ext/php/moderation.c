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
#include "core/common/pt_id.h"
#include "core/fragment/thread_view.h"
#include "participa_host.h"
#include "participa_value.h"

zend_class_entry *participa_ce_Moderation;

void participa_moderation_create(zval *site, zval *return_value)
{
	participa_site_handle_new(participa_ce_Moderation, site, return_value);
}

#define FILTER true   /* participa_opts(): filters */

/* A string argument's text, or NULL when absent. */
static const char *zs(const zend_string *s)
{
	return s ? ZSTR_VAL(s) : NULL;
}

/* ------------------------------------------------------------- actions */

/* The actions (spec: approve, reject, hide, restore) on a comment id, and ban/unban (spec NULL:
 * a participant, by a moderator anywhere on the site, no territory): who acts, an optional reason. */
static void mod_method(INTERNAL_FUNCTION_PARAMETERS, const pt_thread_mod_spec *spec, bool banned)
{
	zval *own_site = participa_handle_site(ZEND_THIS);
	zend_long comment_id = 0;
	zend_string *participant = NULL, *moderator, *reason = NULL;
	pt_thread_rules rules;
	pt_db *db;
	pt_error err;

	if ((spec ? zend_parse_parameters(ZEND_NUM_ARGS(), "lS|S", &comment_id, &moderator, &reason)
			: zend_parse_parameters(ZEND_NUM_ARGS(), "SS|S", &participant, &moderator, &reason)) == FAILURE) {
		RETURN_THROWS();
	}
	pt_error_clear(&err);
	if ((spec ? !participa_ok(pt_thread_mod_comment_check(comment_id, &err), &err)
			: !participa_id_arg(ID_PARTICIPANT, participant))
			|| !participa_id_arg(ID_MODERATOR, moderator) || (reason && !participa_thread_reason_arg(reason))
			|| !(db = participa_site_db(own_site))) {
		RETURN_THROWS();
	}
	if (!spec) {   /* Participants::ban()'s call: the same site-wide moderator rule */
		if (!participa_ok(pt_participant_actor_ban(db, participa_site_config(own_site), ZSTR_VAL(moderator),
				ZSTR_VAL(participant), banned, reason ? ZSTR_VAL(reason) : "", &err), &err)) {
			RETURN_THROWS();
		}
		return;
	}
	memset(&rules, 0, sizeof(rules));
	rules.cfg = participa_site_config(own_site);
	rules.scope = participa_comment_scope(own_site, ZSTR_VAL(moderator), comment_id);
	if (!participa_ok(pt_thread_store_moderate(db, comment_id, ZSTR_VAL(moderator), zs(reason), &rules, spec, &err),
			&err)
			|| !participa_comment_load(db, comment_id, NULL, PARTICIPA_VIEW_FULL, 0, return_value)) {
		RETURN_THROWS();
	}
}

PHP_METHOD(Participa_Moderation, __construct)
{
	ZEND_PARSE_PARAMETERS_NONE();
}

PHP_METHOD(Participa_Moderation, approve)
{
	mod_method(INTERNAL_FUNCTION_PARAM_PASSTHRU, &pt_thread_approve, false);
}

PHP_METHOD(Participa_Moderation, reject)
{
	mod_method(INTERNAL_FUNCTION_PARAM_PASSTHRU, &pt_thread_reject, false);
}

PHP_METHOD(Participa_Moderation, hide)
{
	mod_method(INTERNAL_FUNCTION_PARAM_PASSTHRU, &pt_thread_hide, false);
}

PHP_METHOD(Participa_Moderation, restore)
{
	mod_method(INTERNAL_FUNCTION_PARAM_PASSTHRU, &pt_thread_restore, false);
}

PHP_METHOD(Participa_Moderation, ban)
{
	mod_method(INTERNAL_FUNCTION_PARAM_PASSTHRU, NULL, true);
}

PHP_METHOD(Participa_Moderation, unban)
{
	mod_method(INTERNAL_FUNCTION_PARAM_PASSTHRU, NULL, false);
}

/* ------------------------------------------------------------- listings */

static pt_status queue_fn(void *items, const pt_thread_store_comment *c, pt_error *err)
{
	zval item;

	participa_comment_array(c, PARTICIPA_VIEW_FULL, &item);
	add_next_index_zval(items, &item);
	return PT_OK;
}

#define E(m, type) { #m, type, 0, offsetof(pt_thread_store_log_entry, m), 0, NULL }
static participa_field log_fields[] = {
	E(id, PF_I64), E(action, PF_CSTR0), E(moderator, PF_CSTR0), E(comment_id, PF_ID), E(thread_id, PF_ID),
	E(participant, PF_CSTR), E(reason, PF_CSTR0), E(created_at, PF_CSTR0), { NULL }
};

static pt_status log_fn(void *items, const pt_thread_store_log_entry *e, pt_error *err)
{
	zval item;

	array_init(&item);
	participa_fields_put(&item, log_fields, e, 0);
	add_next_index_zval(items, &item);
	return PT_OK;
}

/* queue() and log(): the filters, then a page of the list after the request's cursor
 * (pt_thread_store_list(): sealed with the site's key, bound to the list and its filters). */
static void list_method(INTERNAL_FUNCTION_PARAMETERS, bool log)
{
	zval *own_site = participa_handle_site(ZEND_THIS);
	HashTable *f = NULL;
	zend_string *status, *a, *b, *cursor;
	zend_long comment = 0, limit;
	pt_thread_queue_kind kind = 0;
	pt_thread_store_list_req q;
	char next[PT_CURSOR_BUFSIZE];
	zval items;
	pt_db *db;
	pt_error err;
	participa_opt queue[] = { { "status", PO_STRING, &status },
		{ "subject_type", PO_KIND, &a, .what = "El filtro 'subject_type'" },
		{ "subject_id", PO_ID, &b, .what = "El filtro 'subject_id'" }, { "limit", PO_LONG, &limit, PT_THREAD_LIST_LIMIT } };
	participa_opt entries[] = { { "comment", PO_LONG, &comment, 0 },
		{ "moderator", PO_ID, &a, .what = "El filtro 'moderator'" },
		{ "participant", PO_ID, &b, .what = "El filtro 'participant'" }, { "limit", PO_LONG, &limit, PT_THREAD_LIST_LIMIT },
		{ "cursor", PO_STRING, &cursor } };

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(f)
	ZEND_PARSE_PARAMETERS_END();

	pt_error_clear(&err);
	if (!participa_opts(f, FILTER, log ? entries : queue, 4)
			|| !participa_ok(pt_thread_list_limit_check(limit, &err), &err)
			|| !participa_ok(log ? pt_thread_log_comment_check(comment, &err)
				: pt_thread_queue_kind_parse(zs(status), status ? ZSTR_LEN(status) : 0, &kind, &err), &err)
			|| !(db = participa_site_db(own_site)) || !participa_opts(f, FILTER, entries + 4, 1)) {
		RETURN_THROWS();
	}
	q = (pt_thread_store_list_req){ log, kind, comment, zs(a), zs(b), (uint32_t)limit, zs(cursor),
		cursor ? ZSTR_LEN(cursor) : 0 };
	array_init(&items);
	if (!participa_ok(pt_thread_store_list(db, &q, queue_fn, log_fn, &items, next, &err), &err)) {
		zval_ptr_dtor(&items);
		RETURN_THROWS();
	}
	participa_list_answer(return_value, log ? "entries" : "items", &items, next);
}

PHP_METHOD(Participa_Moderation, queue)
{
	list_method(INTERNAL_FUNCTION_PARAM_PASSTHRU, false);
}

PHP_METHOD(Participa_Moderation, log)
{
	list_method(INTERNAL_FUNCTION_PARAM_PASSTHRU, true);
}

PHP_METHOD(Participa_Moderation, html)
{
	zval *host, *site = participa_handle_site(ZEND_THIS), data, f;
	zend_string *moderator;
	HashTable *filters = NULL;
	pt_value *args;
	uint32_t perms = 0;

	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_OBJECT_OF_CLASS(host, participa_ce_Host)
		Z_PARAM_STR(moderator)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(filters)
	ZEND_PARSE_PARAMETERS_END();
	if (!participa_id_arg(ID_MODERATOR, moderator)
			|| !participa_actor_permissions(site, ZSTR_VAL(moderator), PT_SCOPE_NONE, PT_SCOPE_NONE, NULL, &perms)) {
		RETURN_THROWS();
	}
	array_init(&data);
	ZVAL_ARR(&f, filters ? zend_array_dup(filters) : zend_new_array(0));
	add_assoc_zval(&data, "filters", &f);
	if ((perms & PT_PERM_MODERATE) && ((args = pt_value_list(&participa_request_allocator)) == NULL
			|| pt_value_push(args, participa_value_from_zval(&f, &participa_request_allocator, 3)) != PT_OK
			|| !participa_fragment_add(&data, "queue", ZEND_THIS, "queue", args))) {
		zval_ptr_dtor(&data);
		RETURN_THROWS();   /* no memory: the queue() call that could not be made throws */
	}
	add_assoc_long(&data, "perms", (zend_long)perms);
	add_assoc_string(&data, "timezone", participa_site_config(site)->timezone ? participa_site_config(site)->timezone : "");
	participa_fragment_html(host, &data, pt_fragment_moderation_view, "moderation", return_value);
}

void participa_moderation_setup(void)
{
	participa_fields_init(log_fields);
}
