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
#include "participa_errors.h"
#include "participa_tally.h"
#include "participa_threads.h"
#include "participa_process.h"

static zend_object_handlers handle_handlers;

#define handle_from(obj) PARTICIPA_OBJ(participa_site_handle, obj)

zend_object *participa_object_new_std(zend_class_entry *ce, size_t size, size_t offset,
	const zend_object_handlers *handlers)
{
	zend_object *std = (zend_object *)((char *)zend_object_alloc(size, ce) + offset);

	zend_object_std_init(std, ce);
	object_properties_init(std, ce);
	std->handlers = handlers;
	return std;
}

void participa_object_handlers(zend_object_handlers *h, size_t offset, zend_object_free_obj_t free_obj)
{
	memcpy(h, zend_get_std_object_handlers(), sizeof(*h));
	h->offset = (int)offset;
	h->free_obj = free_obj;
	h->clone_obj = NULL;
}

static zend_object *handle_create(zend_class_entry *ce)
{
	participa_site_handle *h = participa_object_new(ce, sizeof(participa_site_handle),
		XtOffsetOf(participa_site_handle, std), &handle_handlers);

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
		participa_object_handlers(&handle_handlers, XtOffsetOf(participa_site_handle, std), handle_free);
		handle_handlers.get_gc = handle_get_gc;
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

zval *participa_object_site(zend_object *obj)
{
	return obj->handlers == &handle_handlers || obj->ce == participa_ce_Thread || obj->ce == participa_ce_Process
		? (zval *)((char *)obj - obj->handlers->offset) : NULL;   /* their structs begin with `zval site` */
}

bool participa_value_result(pt_status s, const pt_error *err, pt_value *v, zval *out)
{
	pt_error nomem;

	if (s == PT_OK && !v && !err) {
		s = pt_error_set(&nomem, PT_ERR_NOMEM, "participa: out of memory");
		err = &nomem;
	}
	if (s != PT_OK) {
		participa_throw_error(err);
	} else if (v) {
		participa_value_to_zval(v, out);
	} else {
		ZVAL_NULL(out);
	}
	pt_value_free(v);
	return s == PT_OK;
}
