/*
 * participa binding: Participa\Thread, Participa\Moderation,
 * Participa\Participants and what they share (who may do what, how a stored
 * comment looks to PHP).
 */
#ifndef PARTICIPA_THREADS_H
#define PARTICIPA_THREADS_H

#include "php.h"
#include "core/site/site_config.h"
#include "io/thread/thread_store.h"
#include "io/participant/participant_store.h"
#include "participa_permissions.h"

extern zend_class_entry *participa_ce_Thread;
extern zend_class_entry *participa_ce_Moderation;
extern zend_class_entry *participa_ce_Participants;

/* MINIT: registers the three classes (thread.c calls the other two). */
void participa_register_threads(void);
void participa_register_moderation(void);
void participa_register_participants(void);

/* Site::thread() / moderation() / participants(): build the objects (they keep the Site alive). */
void participa_thread_create(zval *site, zend_string *type, zend_string *id, zval *return_value);
void participa_moderation_create(zval *site, zval *return_value);
void participa_participants_create(zval *site, zval *return_value);

/* thread.c, shared with moderation.c: the checks of every entry point (each throws and
 * returns false on refusal). */
/* An id argument under the one id rule (pt_id.h); `what` names it, capitalised Spanish. */
bool participa_thread_id_arg(zend_string *id, const char *what);
/* A reason (moderation, pre-moderation) that reaches SQL: strict UTF-8 without control
 * characters but newline and tab, at most PARTICIPA_REASON_MAX characters. */
bool participa_thread_reason_arg(zend_string *s);
/* Longest moderation or flag reason, in characters (the VARCHAR(1000) of the log and the flags). */
#define PARTICIPA_REASON_MAX 1000
/* An options array's value for key, references followed; NULL when absent or null. */
zval *participa_opt_find(HashTable *opts, const char *key);
/* Typed option readers; a wrong type is a TypeError naming an option, or a filter when `filter`. */
bool participa_opt_string(HashTable *opts, bool filter, const char *key, zend_string **out);
bool participa_opt_long(HashTable *opts, bool filter, const char *key, zend_long def, zend_long *out);
/* The site's cursor key: `stored` when have, otherwise read or created (schema 009). */
bool participa_cursor_key(pt_db *db, bool have, const uint8_t *stored, uint8_t key[PT_CURSOR_KEY_BYTES]);

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
