/*
 * participa binding: Participa\Pabulib (ext/php/pabulib.c), reading and
 * writing participatory-budgeting files in the Pabulib format.
 */
#ifndef PARTICIPA_PABULIB_H
#define PARTICIPA_PABULIB_H

extern zend_class_entry *participa_ce_Pabulib;

/* Registers Participa\Pabulib; called once from MINIT. */
void participa_register_pabulib(void);

#endif
