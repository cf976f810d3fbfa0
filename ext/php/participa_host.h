/*
 * participa binding: Participa\Host (the host contract, core/fragment/fragment_host.h) and
 * Participa\Request (a fragment's form post, core/fragment/request_rules.h).
 */
#ifndef PARTICIPA_HOST_H
#define PARTICIPA_HOST_H

#include "php.h"
#include "core/fragment/fragment_host.h"
#include "core/fragment/request_rules.h"

extern zend_class_entry *participa_ce_Host;
extern zend_class_entry *participa_ce_Request;

void participa_register_host(void);
void participa_register_request(void);

/*
 * The host struct of host_obj (a Participa\Host) for this render: the url callable called
 * (once per use), the display names of ids (a pt_value list of participant ids; NULL: none)
 * resolved with ONE call of the names callable (or read from the names map). Valid until the
 * next use or the object's end. NULL with an exception thrown (a callable threw or answered
 * something else than a string / an array).
 */
const pt_fragment_host *participa_host_use(zval *host_obj, const pt_value *ids);

/* Keeps a copy of a refused outcome on the Host, so a render in the same request shows it. */
void participa_host_set_outcome(zval *host_obj, const pt_value *outcome);

/*
 * Renders templates/<template>.html over view (core's view model, freed here; NULL: out of
 * memory), returning the HTML string in return_value, or throwing.
 */
void participa_fragment_return(const char *template, pt_value *view, zval *return_value);

/*
 * One handler per area (request_<area>.c), run by Request::handle() after core checked the
 * fields: reads them with pt_request_text(outcome, ...), calls the public methods on site,
 * and may set outcome's "message" and "anchor". False when a method threw: Request::handle()
 * turns a Participa\Exception into the refusal (its publicMessage()) and rethrows others.
 */
bool participa_request_thread(const char *action, HashTable *post, zend_string *participant, zval *site,
	pt_value *outcome);
bool participa_request_moderation(const char *action, HashTable *post, zend_string *participant, zval *site,
	pt_value *outcome);

/* For the handlers: a checked field as a zval string (null when not posted), an int field. */
void participa_request_zfield(const pt_value *outcome, const char *name, zval *out);

#endif
