/*
 * tests/c: loads a test's YAML site configuration, or prints its
 * diagnostics and the test's "0 passed, 1 failed" line, so a broken fixture
 * fails the run visibly instead of every test in it failing one by one.
 */
#ifndef PT_TEST_CONFIG_H
#define PT_TEST_CONFIG_H

#include <stdio.h>
#include <string.h>
#include "io/site/config_load.h"

static inline int pt_test_load_config(const char *test, const char *yaml, pt_config **cfg, pt_diags *diags)
{
	size_t i;

	pt_diags_init(diags);
	if (pt_config_load_string("c.yaml", yaml, strlen(yaml), cfg, diags) == PT_OK) {
		return 1;
	}
	for (i = 0; i < diags->count; i++) {
		printf("  %u: %s\n", diags->items[i].line, diags->items[i].message);
	}
	printf("%s: 0 passed, 1 failed\n", test);
	return 0;
}

#endif
