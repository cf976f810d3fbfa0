/*
 * participa binding: Participa\Thread, Participa\Moderation,
 * Participa\Participants and how a stored comment looks to PHP. Who may do
 * what is core/thread/thread_rules.h.
 */
#ifndef PARTICIPA_THREADS_H
#define PARTICIPA_THREADS_H

#include "php.h"
#include "core/common/pt_time.h"
#include "core/site/site_config.h"
#include "io/thread/thread_store.h"
#include "io/thread/comment_view.h"
#include "io/participant/participant_store.h"
#include "io/participant/participant_actor.h"
#include "participa_permissions.h"

extern zend_class_entry *participa_ce_Thread;
extern zend_class_entry *participa_ce_Moderation;
extern zend_class_entry *participa_ce_Participants;

/* MINIT (participa.c), once the classes are registered: object handlers and interned keys. */
void participa_thread_setup(zend_class_entry *ce);
void participa_moderation_setup(void);

/* Site::thread() / moderation(): build the objects (they keep the Site alive). */
void participa_thread_create(zval *site, zend_string *type, zend_string *id, zval *return_value);
void participa_moderation_create(zval *site, zval *return_value);

/* The shared option and argument readers (participa_opts, participa_ok, ...). */
#include "participa_options.h"

/*
 * comment_array.c: arrays built from a C struct by a table of fields, one entry per field in
 * table order, the table ending with { NULL }; each key is interned at MINIT
 * (participa_fields_init()). A field is in the views `in` lists (0: in every one).
 */
typedef enum participa_field_type {
	PF_I64, PF_ID, PF_U32, PF_DOUBLE, PF_BOOL,   /* int64_t (PF_ID: 0 is null), uint32_t, double, bool */
	PF_ZVAL,                                     /* a zval * (taken over) */
	PF_REFS,                                     /* pt_thread_text_ref[], their count (size_t) at `len`: a list */
	/* from here on, a const char * (NULL: null) with its size_t at `len` */
	PF_TEXT, PF_TEXT0,                           /* PF_TEXT0: NULL is "" */
	PF_LIST, PF_OMIT,                            /* comma-separated, as a list; PF_OMIT: no key when NULL */
	/* from here on, a NUL-terminated const char * */
	PF_CSTR, PF_CSTR0,
	PF_CONST                                     /* one of pt_thread_shown_texts() (interned) */
} participa_field_type;

typedef struct participa_field {
	const char *name;
	uint8_t type, in;            /* participa_field_type; the views it is in */
	uint16_t off, len;           /* offsetof the value and of its length */
	zend_string *key;
} participa_field;

/* A comment's views: a page's row, the full view (moderators, authors), post()/edit()'s answer
 * (full, with 'mentions' and 'message'), react()'s counts. */
#define PARTICIPA_VIEW_PAGE 1u
#define PARTICIPA_VIEW_FULL 2u
#define PARTICIPA_VIEW_POST 4u
#define PARTICIPA_VIEW_REACT 8u

/* MINIT: interns the keys of a table (and, for the comment's own, its constant values). */
void participa_fields_init(participa_field *f);
void participa_comment_keys_init(void);
/* Adds the fields of table f of the struct at base that are in view to the new array arr. */
void participa_fields_put(zval *arr, const participa_field *f, const void *base, unsigned view);
/* A stored comment as a PHP array in view; bodies of deleted/hidden comments only for full views. */
void participa_comment_array(const pt_thread_store_comment *c, unsigned view, zval *out);
/* Reads comment id as viewer (NULL: anonymous) into out in view; not found (or not in thread_id,
 * unless 0) is the one "not found" refusal. False with the refusal thrown. */
bool participa_comment_load(pt_db *db, int64_t id, const char *viewer, unsigned view, int64_t thread_id, zval *out);
const pt_time_zone *participa_zone_named(const char *name); /* pt_time_zone_named()'s resolver */
/* A listing's answer: {key: items (taken over), next: the next page's cursor, or null when next is NULL or ""}. */
void participa_list_answer(zval *out, const char *key, zval *items, const char *next);

#endif
