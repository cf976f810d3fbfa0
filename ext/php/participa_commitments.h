/*
 * participa binding: Participa\Commitments (commitment tracking, issue 6).
 */
#ifndef PARTICIPA_COMMITMENTS_H
#define PARTICIPA_COMMITMENTS_H

#include "php.h"

extern zend_class_entry *participa_ce_Commitments;


/* Site::commitments(): the object keeps the Site alive. */
void participa_commitments_create(zval *site, zval *return_value);

#endif
