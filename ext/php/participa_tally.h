/*
 * participa binding: what the tally binding (tally.c) shares with other
 * classes that count (Participa\Process): one ballot zval into a profile,
 * with the same rules and messages as Tally::count(), and a core result as
 * a Participa\TallyResult.
 */
#ifndef PARTICIPA_TALLY_H
#define PARTICIPA_TALLY_H

#include "php.h"
#include "core/tally/tally.h"
#include "participa_value.h"   /* participa_value_to_zval(), the one conversion */

extern zend_class_entry *participa_ce_Tally;
extern zend_class_entry *participa_ce_TallyResult;

/*
 * Adds one ballot (a ranking string, a list, an approval set, scores or a
 * stance) to p exactly as Tally::count() reads it. PT_ERR_INVALID with a
 * Spanish message when the ballot breaks the method's rules.
 */
pt_status participa_tally_add_ballot(pt_profile *p, zval *ballot, pt_error *err);

/* Builds a TallyResult object for method from r into out. */
void participa_tally_result_object(const char *method, size_t method_len, const pt_tally_result *r, zval *out);


#endif
