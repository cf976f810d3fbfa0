/*
 * participa binding: the shared readers of arguments and option arrays
 * (options.c). Each returns false with the refusal thrown.
 */
#ifndef PARTICIPA_OPTIONS_H
#define PARTICIPA_OPTIONS_H

#include "php.h"
#include "io/common/db.h"
#include "core/thread/comment_tree.h"
#include "core/thread/thread_rules.h"

/* What names an id argument in a refusal. */
#define ID_PARTICIPANT "El identificador del participante"
#define ID_MODERATOR "El identificador de la persona moderadora"

/* A reason (moderation, pre-moderation, bans) that reaches SQL (pt_thread_reason_check()). */
bool participa_thread_reason_arg(zend_string *s);
/* One option (or filter) of an options array: its key, type and where it goes. */
typedef enum participa_opt_type {
	PO_LONG,                     /* out: zend_long *, def when absent */
	PO_STRING,                   /* out: zend_string ** (borrowed; NULL when absent) */
	PO_ID, PO_KIND,              /* a string under the one id rule / the kind rule (pt_id.h); what names it */
	PO_ENUM                      /* a string, or a case of the backed enum ce (its value is then taken) */
} participa_opt_type;
typedef struct participa_opt {
	const char *key;
	participa_opt_type type;
	void *out;
	zend_long def;
	const char *what;
	zend_class_entry *ce;
} participa_opt;
/* Reads n options in order, false with the first refusal thrown: a wrong type is a TypeError
 * naming an option, or a filter when `filter`; another object for an enum is an
 * InvalidArgumentException (participa_enum_value()). */
bool participa_opts(HashTable *opts, bool filter, const participa_opt *o, size_t n);
/* Throws err when s is not PT_OK (participa_throw_error()); returns s == PT_OK. */
bool participa_ok(pt_status s, const pt_error *err);

#endif
