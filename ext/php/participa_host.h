/* participa binding: Participa\Host and Participa\Request (docs/fragments/host-contract.md). */
#ifndef PARTICIPA_HOST_H
#define PARTICIPA_HOST_H

#include "php.h"
#include "core/fragment/fragment_host.h"
#include "core/fragment/request_rules.h"

extern zend_class_entry *participa_ce_Host, *participa_ce_Request;
void participa_host_shutdown(void);   /* MSHUTDOWN: the last render's trees */

/* The host struct for this render: the url callable called, the names of ids (a list; NULL:
 * none) resolved with ONE call of the names callable. Valid until the next use (the one render
 * in progress: a names callable must not render a fragment itself); NULL: thrown. */
const pt_fragment_host *participa_host_use(zval *host_obj, const pt_value *ids);
/* opts["outcome"] = the outcome a render of host shows (its kept refusal, else its contract's),
 * unless opts has one: what a fragment reads may depend on it (a refused form's page). */
void participa_host_outcome(zval *host_obj, HashTable *opts);
/* Renders templates/<template>.html over view (freed here; NULL: out of memory) into return_value, or throws. */
void participa_fragment_return(const char *template, pt_value *view, zval *return_value);

/* A view builder (core/fragment/<area>_view.h). */
typedef pt_status (*pt_fragment_builder)(const pt_value *data, const pt_fragment_host *h, const pt_allocator *a,
	pt_value **out, pt_error *err);
/* $obj->method(...args) (args: a list, freed; NULL: none; at most 4) into ret; false: thrown. */
bool participa_fragment_call(zval *obj, const char *method, pt_value *args, zval *ret);
/* data[key] = participa_fragment_call(); false: thrown. */
bool participa_fragment_add(zval *data, const char *key, zval *obj, const char *method, pt_value *args);
/* The html() path: data (a PHP array, released here) as a tree once, its authors' names resolved
 * through host in one call, fn's view rendered with templates/<template>.html into return_value. */
void participa_fragment_html(zval *host, zval *data, pt_fragment_builder fn, const char *template, zval *return_value);

/* An area's form posts (request_<area>.c): after core checked the fields, reads them
 * (pt_request_text()), calls the public methods, leaves their answer under outcome's
 * "result"; false with the exception pending. participa_request_thread() is the generic one,
 * over the rule's `via` and `call` (thread.*, moderation.*). */
bool participa_request_thread(const char *action, HashTable *post, zend_string *participant, zval *site,
	pt_value *outcome);
/* process.cast, process.paper (process.c): the ballot from the form through core, then the method. */
bool participa_request_process(const char *action, HashTable *post, zend_string *participant, zval *site,
	pt_value *outcome);

#endif
