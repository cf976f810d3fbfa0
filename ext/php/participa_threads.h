/*
 * participa binding: Participa\Thread, Participa\Moderation,
 * Participa\Participants and how a stored comment looks to PHP. Who may do
 * what is core/thread/thread_rules.h.
 */
#ifndef PARTICIPA_THREADS_H
#define PARTICIPA_THREADS_H

#include "php.h"
#include "core/site/site_config.h"
#include "io/thread/thread_store.h"
#include "io/participant/participant_store.h"
#include "io/participant/participant_actor.h"
#include "participa_permissions.h"

extern zend_class_entry *participa_ce_Thread;
extern zend_class_entry *participa_ce_Moderation;
extern zend_class_entry *participa_ce_Participants;

/* MINIT (participa.c): registers each class. */
void participa_register_threads(void);
void participa_register_moderation(void);
void participa_register_participants(void);

/* Site::thread() / moderation() / participants(): build the objects (they keep the Site alive). */
void participa_thread_create(zval *site, zend_string *type, zend_string *id, zval *return_value);
void participa_moderation_create(zval *site, zval *return_value);
void participa_participants_create(zval *site, zval *return_value);

/* The shared option and argument readers (participa_opt_*, participa_thread_id_arg, ...). */
#include "participa_options.h"

/* comment_array.c. MINIT: interns the keys and constant values of a comment's array. */
void participa_comment_keys_init(void);
/* A stored comment as a PHP array; bodies of deleted/hidden comments only for full views. */
void participa_comment_to_array(const pt_thread_store_comment *c, bool full, zval *out);
/* A page node's own fields: 'replies' (taken over), 'more' (a cursor or null), 'more_count',
 * and its creation time for people: 'created_iso' (UTC) and 'created_text' (the site's
 * timezone and language). */
void participa_comment_add_tree(zval *item, zval *replies, const char *more_cursor, zend_long more_count,
	const pt_config *cfg, int64_t created_us);
/* GSHUTDOWN: frees the thread's timezone offsets (PARTICIPA_G(tz_cache)). */
void participa_comment_tz_free(void *cache);

#endif
