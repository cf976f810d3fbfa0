/*
 * participa binding: Participa\Process.
 */
#ifndef PARTICIPA_PROCESS_H
#define PARTICIPA_PROCESS_H

#include "php.h"

extern zend_class_entry *participa_ce_Process;

/* MINIT (participa.c), once the class is registered: its object handlers. */
void participa_process_setup(zend_class_entry *ce);

/* Site::process(): the process of the YAML with this id (NotFoundException if none). */
void participa_process_create(zval *site, zend_string *id, zval *return_value);

/* Local civil seconds (core's dates) in the time zone ctx (an IANA name) -> UTC, by PHP's timelib. */
bool participa_local_to_utc(void *ctx, int64_t local_s, int64_t *out);

#endif
