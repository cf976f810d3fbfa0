/*
 * participa binding: Participa\Pabulib (ext/php/pabulib.c), reading and
 * writing participatory-budgeting files in the Pabulib format.
 */
#ifndef PARTICIPA_PABULIB_H
#define PARTICIPA_PABULIB_H

extern zend_class_entry *participa_ce_Pabulib;


#endif
