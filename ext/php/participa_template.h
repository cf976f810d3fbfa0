/*
 * participa binding: Participa\Template (ext/php/template.c), Mustache
 * rendering over the core renderer (ext/core/template/template.c).
 */
#ifndef PARTICIPA_TEMPLATE_H
#define PARTICIPA_TEMPLATE_H

extern zend_class_entry *participa_ce_Template;


/* Frees the per-process cache of compiled templates; called from MSHUTDOWN. */
void participa_template_shutdown(void);

#endif
