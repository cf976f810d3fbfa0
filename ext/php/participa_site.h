/*
 * participa binding: the Site class and the per-process state behind it
 * (configuration cache and the worker's database connection).
 */
#ifndef PARTICIPA_SITE_H
#define PARTICIPA_SITE_H

#include "php.h"
#include "core/site/site_config.h"
#include "io/common/db.h"
#include "core/common/pt_value.h"

extern zend_class_entry *participa_ce_Site;
extern zend_class_entry *participa_ce_Instrument;
/* Site::instrument(): the handle of the YAML's instrument id (NotFoundException if none). */
void participa_instrument_create(zval *site, zend_string *id, zval *return_value);

void participa_site_setup(zend_class_entry *ce);
/* MSHUTDOWN: frees cached configurations and closes this process's connection. */
void participa_site_shutdown(void);
/* RINIT: the next database use in this request pings the connection first. */
void participa_site_request_start(void);
/* For phpinfo(): "yes (N territories, M roles)", "no: <reason>" or "not yet". */
const char *participa_site_config_state(void);

/* The configuration of a Site object (valid while the object lives). */
const pt_config *participa_site_config(zval *site);

/*
 * The worker's connection for this site, connected and checked. On failure
 * a DatabaseException is thrown and NULL returned.
 */
pt_db *participa_site_db(zval *site);

/*
 * Object boilerplate (site_handle.c), for every class whose struct ends with
 * `zend_object std`: the struct of obj, a new object of it (zeroed, std
 * initialised, handlers set; returns the struct), and handlers copied from
 * the standard ones with this offset and free_obj and no cloning.
 */
#define PARTICIPA_OBJ(type, obj) ((type *)((char *)(obj) - XtOffsetOf(type, std)))
zend_object *participa_object_new_std(zend_class_entry *ce, size_t size, size_t offset,
	const zend_object_handlers *handlers);
#define participa_object_new(ce, size, offset, handlers) \
	((void *)((char *)participa_object_new_std((ce), (size), (offset), (handlers)) - (offset)))
void participa_object_handlers(zend_object_handlers *h, size_t offset, zend_object_free_obj_t free_obj);

/*
 * Site handles (site_handle.c): objects whose only state is the Site they
 * were made from (Moderation, Participants, Commitments). They keep it
 * alive and show it to the cycle collector; they cannot be cloned.
 */
typedef struct participa_site_handle {
	zval site;
	zend_object std;
} participa_site_handle;

/* MINIT: makes ce (just registered) a site-handle class. */
void participa_site_handle_class(zend_class_entry *ce);
/* A new object of the site-handle class ce, bound to site. */
void participa_site_handle_new(zend_class_entry *ce, zval *site, zval *return_value);
/* The Site of a site handle. */
zval *participa_handle_site(zval *handle);
zval *participa_object_site(zend_object *obj);   /* the Site of a Thread, Process or site handle; else NULL */

/*
 * A core/io answer as PHP: on s PT_OK, v converted into out (participa_value_to_zval()) and
 * freed, v NULL giving null; otherwise v freed and err thrown. err NULL: v is a builder's
 * result, NULL meaning out of memory. false when it threw.
 */
bool participa_value_result(pt_status s, const pt_error *err, pt_value *v, zval *out);
#define participa_value_return(v, out) participa_value_result(PT_OK, NULL, (v), (out))

/* Calls the PHP function name (comment_array.c): ret, or NULL when it failed or threw (ret may
 * then still need zval_ptr_dtor()). */
zval *participa_call_php(const char *name, zval *ret, uint32_t argc, zval *argv);

#endif
