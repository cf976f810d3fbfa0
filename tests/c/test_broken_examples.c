/*
 * Keeps the examples/broken/ .expected files true: each broken example is loaded with
 * its path relative to the repository root, as `participa check` loads it
 * (with the moderation probe), and every formatted diagnostic is compared,
 * line by line, with the sibling .expected file.
 */
#include "pt_test.h"
#include "io/site/config_load.h"

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int goto_root(void)
{
	static const char *const candidates[] = { ".", "../..", "..", NULL };
	size_t i;

	for (i = 0; candidates[i]; i++) {
		char probe[256];

		snprintf(probe, sizeof(probe), "%s/examples/broken", candidates[i]);
		if (access(probe, R_OK) == 0) {
			return chdir(candidates[i]);
		}
	}
	return -1;
}

/* Reads a whole file; NULL if it cannot. */
static char *slurp(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	long n;

	if (!fp) {
		return NULL;
	}
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, fp) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	if (buf) {
		buf[n] = '\0';
	}
	fclose(fp);
	return buf;
}

static size_t checked_files;
static const pt_config_options check_options = { true };

static void check_one(const char *yaml_path)
{
	char expected_path[512], line[4096];
	char *expected, *cursor;
	pt_config *cfg = NULL;
	pt_diags diags;
	pt_status st;
	size_t i, want_lines = 0;

	snprintf(expected_path, sizeof(expected_path), "%.*s.expected",
		(int)(strlen(yaml_path) - strlen(".yaml")), yaml_path);
	expected = slurp(expected_path);
	if (!expected) {
		PT_FAIL_AT("%s has no readable %s", yaml_path, expected_path);
		return;
	}
	pt_diags_init(&diags);
	st = pt_config_load_file_ex(yaml_path, &check_options, &cfg, &diags);
	if (st == PT_OK || cfg != NULL) {
		PT_FAIL_AT("%s loaded without errors", yaml_path);
	}
	if (diags.count == 0) {
		PT_FAIL_AT("%s produced no diagnostics", yaml_path);
	}

	cursor = expected;
	for (i = 0; i < diags.count; i++) {
		char *nl = strchr(cursor, '\n');

		pt_diag_format(&diags.items[i], line, sizeof(line));
		if (!*cursor) {
			PT_FAIL_AT("%s: unexpected extra diagnostic: %s", yaml_path, line);
			continue;
		}
		if (!nl) {
			PT_FAIL_AT("%s does not end with a newline", expected_path);
			break;
		}
		*nl = '\0';
		want_lines++;
		if (strcmp(cursor, line) != 0) {
			PT_FAIL_AT("%s line %zu differs\n    expected: %s\n    actual:   %s",
				expected_path, want_lines, cursor, line);
		}
		cursor = nl + 1;
	}
	if (*cursor) {
		PT_FAIL_AT("%s: expected diagnostic missing: %.*s", yaml_path,
			(int)strcspn(cursor, "\n"), cursor);
	}
	free(expected);
	pt_config_free(cfg);
	pt_diags_free(&diags);
	checked_files++;
}

PT_TEST(every_broken_example_matches_expected)
{
	glob_t g;
	size_t i;

	if (glob("examples/broken/*.yaml", 0, NULL, &g) != 0) {
		PT_FAIL_AT("no examples/broken/*.yaml found");
		return;
	}
	for (i = 0; i < g.gl_pathc; i++) {
		check_one(g.gl_pathv[i]);
	}
	PT_CHECK(g.gl_pathc >= 8);
	PT_CHECK_EQ_INT(checked_files, g.gl_pathc);
	globfree(&g);
}

PT_TEST(no_orphan_expected_files)
{
	glob_t g;
	size_t i;

	if (glob("examples/broken/*.expected", 0, NULL, &g) != 0) {
		PT_FAIL_AT("no examples/broken/*.expected found");
		return;
	}
	for (i = 0; i < g.gl_pathc; i++) {
		char yaml[512];

		snprintf(yaml, sizeof(yaml), "%.*s.yaml",
			(int)(strlen(g.gl_pathv[i]) - strlen(".expected")), g.gl_pathv[i]);
		if (access(yaml, R_OK) != 0) {
			PT_FAIL_AT("%s has no %s", g.gl_pathv[i], yaml);
		}
	}
	globfree(&g);
}

PT_TEST(good_examples_have_no_diagnostics)
{
	static const char *const good[] = {
		"examples/sample-municipality.yaml", "examples/iztapalapa-large.yaml", NULL
	};
	size_t i;

	for (i = 0; good[i]; i++) {
		pt_config *cfg = NULL;
		pt_diags diags;

		pt_diags_init(&diags);
		if (pt_config_load_file_ex(good[i], &check_options, &cfg, &diags) != PT_OK || diags.count) {
			char line[4096];

			PT_FAIL_AT("%s should be valid", good[i]);
			if (diags.count) {
				pt_diag_format(&diags.items[0], line, sizeof(line));
				printf("    %s\n", line);
			}
		}
		pt_config_free(cfg);
		pt_diags_free(&diags);
	}
}

int main(void)
{
	if (goto_root() != 0) {
		printf("cannot find the repository root (examples/broken)\n");
		return 1;
	}
	PT_RUN(every_broken_example_matches_expected);
	PT_RUN(no_orphan_expected_files);
	PT_RUN(good_examples_have_no_diagnostics);
	return pt_test_summary("test_broken_examples");
}
