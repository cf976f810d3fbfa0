/*
 * tests/c: a process's clock for the rule tests (test_process_rules.c,
 * test_fragment_process.c): the YAML's local times read as UTC, at now.
 */
#ifndef PT_TEST_PROCESS_H
#define PT_TEST_PROCESS_H

#include <string.h>
#include "core/process/process_rules.h"

static inline pt_process_clock pt_test_clock_at(const pt_process_def *def, int64_t now)
{
	pt_process_clock c;

	memset(&c, 0, sizeof(c));
	c.now = now;
	c.proposals = (pt_process_span){ def->proposals.set, def->proposals.start_local,
		def->proposals.has_end ? def->proposals.end_local : INT64_MAX };
	c.voting = (pt_process_span){ true, def->voting.start_local, def->voting.end_local };
	c.results = (pt_process_span){ def->results.set, def->results.start_local, INT64_MAX };
	return c;
}

#endif
