/*
 * participa binding: what the tally binding (tally.c) shares with other
 * classes that count (Participa\Process): a core result as a
 * Participa\TallyResult. (A cast's ballot takes the same shapes through
 * core: pt_process_ballot_value(), pt_profile_add_value().)
 */
#ifndef PARTICIPA_TALLY_H
#define PARTICIPA_TALLY_H

#include "php.h"
#include "core/tally/tally.h"
#include "participa_value.h"   /* participa_value_to_zval(), the one conversion */

extern zend_class_entry *participa_ce_Tally;
extern zend_class_entry *participa_ce_TallyResult;

/* Builds a TallyResult object for method from r into out. */
void participa_tally_result_object(const char *method, size_t method_len, const pt_tally_result *r, zval *out);
#ifdef PARTICIPA_BENCH
extern const zend_function_entry participa_bench_functions[];   /* the bench floor (tally.c) */
#endif

#endif
