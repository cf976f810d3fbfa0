/*
 * participa binding: site handles, the objects whose only state is the Site
 * they were made from (Participa\Moderation, Participants, Commitments).
 *
 * They share one layout and one set of handlers: the Site is kept alive as
 * long as a handle is, shown to the cycle collector (a handle stored in a
 * property of its own Site is a cycle), and a handle cannot be cloned (a
 * clone would be the same handle).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"

#include "participa_site.h"

static zend_object_handlers handle_handlers;

static participa_site_handle *handle_from(zend_object *obj)
{
	return (participa_site_handle *)((char *)obj - XtOffsetOf(participa_site_handle, std));
}

static zend_object *handle_create(zend_class_entry *ce)
{
	participa_site_handle *h = zend_object_alloc(sizeof(participa_site_handle), ce);

	zend_object_std_init(&h->std, ce);
	object_properties_init(&h->std, ce);
	h->std.handlers = &handle_handlers;
	ZVAL_UNDEF(&h->site);
	return &h->std;
}

static void handle_free(zend_object *obj)
{
	zval_ptr_dtor(&handle_from(obj)->site);
	zend_object_std_dtor(obj);
}

static HashTable *handle_get_gc(zend_object *obj, zval **table, int *n)
{
	*table = &handle_from(obj)->site;
	*n = 1;
	return zend_std_get_properties(obj);
}

void participa_site_handle_class(zend_class_entry *ce)
{
	if (!handle_handlers.free_obj) {
		memcpy(&handle_handlers, zend_get_std_object_handlers(), sizeof(handle_handlers));
		handle_handlers.offset = XtOffsetOf(participa_site_handle, std);
		handle_handlers.free_obj = handle_free;
		handle_handlers.get_gc = handle_get_gc;
		handle_handlers.clone_obj = NULL;
	}
	ce->create_object = handle_create;
}

void participa_site_handle_new(zend_class_entry *ce, zval *site, zval *return_value)
{
	object_init_ex(return_value, ce);
	ZVAL_COPY(&handle_from(Z_OBJ_P(return_value))->site, site);
}

zval *participa_handle_site(zval *handle)
{
	return &handle_from(Z_OBJ_P(handle))->site;
}
