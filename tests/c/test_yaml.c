/* Unit tests for the YAML loader (ext/io/common/yaml_doc.c) and pt_ynode helpers. */
#include "pt_test.h"
#include "io/common/yaml_doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pt_error err;

static pt_ydoc *load(const char *text)
{
	pt_ydoc *doc = NULL;

	pt_error_clear(&err);
	if (pt_yaml_load_string("t.yaml", text, strlen(text), &doc, &err) != PT_OK) {
		return NULL;
	}
	return doc;
}

/* Loads text expecting failure; checks the position and a message fragment. */
static int fails_at(const char *text, unsigned line, unsigned column, const char *fragment)
{
	pt_ydoc *doc = (pt_ydoc *)1;
	pt_status st;

	pt_error_clear(&err);
	st = pt_yaml_load_string("t.yaml", text, strlen(text), &doc, &err);
	if (st != PT_ERR_CONFIG || doc != NULL) {
		printf("  expected PT_ERR_CONFIG, got %d\n", st);
		pt_ydoc_free(doc);
		return 0;
	}
	if (err.line != line || err.column != column || strstr(err.message, fragment) == NULL
		|| strcmp(err.file, "t.yaml") != 0) {
		printf("  got %s:%u:%u: %s\n", err.file, err.line, err.column, err.message);
		return 0;
	}
	return 1;
}

/* Does text fail to load with a message that does NOT contain fragment? */
static int fails_without(const char *text, const char *fragment)
{
	pt_ydoc *doc = NULL;

	pt_error_clear(&err);
	if (pt_yaml_load_string("t.yaml", text, strlen(text), &doc, &err) == PT_OK) {
		pt_ydoc_free(doc);
		return 0;
	}
	if (strstr(err.message, fragment) != NULL) {
		printf("  message quotes '%s': %s\n", fragment, err.message);
		return 0;
	}
	return 1;
}

PT_TEST(positions_block_and_flow)
{
	pt_ydoc *doc = load("site:\n  name: \"x\"\n  list: [1, two]\n");
	const pt_ynode *site, *name, *list;

	PT_CHECK(doc != NULL);
	if (!doc) {
		return;
	}
	PT_CHECK_STR(doc->file, "t.yaml");
	PT_CHECK_EQ_INT(doc->root->kind, PT_YNODE_MAPPING);
	PT_CHECK_EQ_INT(doc->root->line, 1);
	PT_CHECK_EQ_INT(doc->root->column, 1);
	site = pt_ynode_get(doc->root, "site");
	PT_CHECK(site && site->kind == PT_YNODE_MAPPING);
	PT_CHECK_EQ_INT(site->line, 2);
	PT_CHECK_EQ_INT(site->column, 3);
	name = pt_ynode_get(site, "name");
	PT_CHECK(name && name->kind == PT_YNODE_SCALAR);
	PT_CHECK_EQ_INT(name->line, 2);
	PT_CHECK_EQ_INT(name->column, 9);
	PT_CHECK(!name->plain);
	list = pt_ynode_get(site, "list");
	PT_CHECK(list && list->kind == PT_YNODE_SEQUENCE && list->count == 2);
	PT_CHECK_EQ_INT(list->column, 9);
	PT_CHECK_EQ_INT(list->items[1]->line, 3);
	PT_CHECK_EQ_INT(list->items[1]->column, 13);
	PT_CHECK_STR(list->items[1]->value, "two");
	PT_CHECK(list->items[1]->plain);
	/* keys are nodes too, with their own positions */
	PT_CHECK_EQ_INT(site->items[2]->line, 3);
	PT_CHECK_EQ_INT(site->items[2]->column, 3);
	PT_CHECK(pt_ynode_get(site, "nope") == NULL);
	PT_CHECK(pt_ynode_get(list, "name") == NULL);
	pt_ydoc_free(doc);
}

PT_TEST(columns_count_characters_not_bytes)
{
	/* "Alcaldía: " is 10 characters but 11 bytes: editors count characters. */
	pt_ydoc *doc = load("Alcaldía: Iztapalapa\nñ: [a, b]\n");

	PT_CHECK(doc != NULL);
	if (!doc) {
		return;
	}
	PT_CHECK_EQ_INT(doc->root->items[1]->column, 11);
	PT_CHECK_EQ_INT(doc->root->items[3]->items[1]->column, 8);
	pt_ydoc_free(doc);
}

PT_TEST(empty_documents_have_null_root)
{
	pt_ydoc *doc = load("");

	PT_CHECK(doc && doc->root == NULL);
	pt_ydoc_free(doc);
	doc = load("# only a comment\n\n");
	PT_CHECK(doc && doc->root == NULL);
	pt_ydoc_free(doc);
	doc = load("---\n");
	PT_CHECK(doc && doc->root && pt_ynode_is_null(doc->root));
	pt_ydoc_free(doc);
}

PT_TEST(anchors_and_aliases_refused)
{
	/* a participa configuration (a top-level key names a section) is quoted... */
	PT_CHECK(fails_at("site: x\na: &x 1\nb: 2\n", 2, 4, "anchors are not supported (found '&x')"));
	/* ...any other file is not (issue 13, item 4: never quote a file that is
	 * not a configuration) */
	PT_CHECK(fails_at("a: &x 1\nb: 2\n", 1, 4, "YAML anchors are not supported; write the value out in full"));
	PT_CHECK(fails_without("a: &x 1\nb: 2\n", "&x"));
	PT_CHECK(fails_at("a: 1\nb: *x\n", 2, 4, "")); /* undefined alias: libyaml or us, either way refused */
	PT_CHECK(fails_at("base: &b {k: 1}\nother: *b\n", 1, 7, "anchors"));
	PT_CHECK(fails_at("- &list [1]\n", 1, 3, "anchors"));
}

PT_TEST(aliases_refused_even_when_anchor_would_parse)
{
	/* An alias event only exists after its anchor; the anchor is refused
	 * first. Make sure billion-laughs style input fails fast. */
	const char *laughs = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a]\n";

	PT_CHECK(fails_at(laughs, 1, 4, "anchors"));
}

PT_TEST(tags_refused)
{
	PT_CHECK(fails_at("site: x\na: !!str 5\n", 2, 4, "tags are not supported (found '!!str')"));
	PT_CHECK(fails_at("database: x\na: !custom {x: 1}\n", 2, 4, "found '!custom'"));
	PT_CHECK(fails_at("a: !secret-token {x: 1}\n", 1, 4, "YAML tags are not supported; remove the tag"));
	PT_CHECK(fails_without("a: !secret-token {x: 1}\n", "secret"));
	PT_CHECK(fails_at("a:\n  - !!seq [1]\n", 2, 5, "tags"));
}

PT_TEST(depth_limit)
{
	char buf[512];
	size_t i, n = 0;
	pt_ydoc *doc;

	for (i = 0; i < PT_YAML_MAX_DEPTH; i++) {
		buf[n++] = '[';
	}
	for (i = 0; i < PT_YAML_MAX_DEPTH; i++) {
		buf[n++] = ']';
	}
	buf[n] = '\0';
	doc = load(buf);
	PT_CHECK(doc != NULL);
	pt_ydoc_free(doc);

	n = 0;
	for (i = 0; i < PT_YAML_MAX_DEPTH + 1; i++) {
		buf[n++] = '[';
	}
	for (i = 0; i < PT_YAML_MAX_DEPTH + 1; i++) {
		buf[n++] = ']';
	}
	buf[n] = '\0';
	PT_CHECK(fails_at(buf, 1, PT_YAML_MAX_DEPTH + 1, "nesting is deeper than 64 levels"));
}

PT_TEST(deep_input_fails_without_stack_use)
{
	/* 100,000 open brackets: refused at depth 65, no recursion anywhere. */
	size_t n = 100000, i;
	char *buf = malloc(n + 1);

	for (i = 0; i < n; i++) {
		buf[i] = '[';
	}
	buf[n] = '\0';
	PT_CHECK(fails_at(buf, 1, PT_YAML_MAX_DEPTH + 1, "nesting"));
	free(buf);
}

PT_TEST(duplicate_keys_refused)
{
	PT_CHECK(fails_at("site: x\na: 1\nb: 2\na: 3\n", 4, 1, "duplicate key 'a' (first at 2:1)"));
	PT_CHECK(fails_at("a: 1\nb: 2\na: 3\n", 3, 1, "duplicate key (first at 1:1)"));
	PT_CHECK(fails_at("roles:\n  x: {can: [a]}\n  y: {}\n  x: {}\n", 4, 3, "duplicate key 'x' (first at 2:3)"));
	PT_CHECK(fails_at("{site: 1, a: 1, a: 2}\n", 1, 17, "duplicate key 'a'"));
	PT_CHECK(fails_at("{a: 1, a: 2}\n", 1, 8, "duplicate key (first at 1:2)"));
	/* a key that holds a NUL byte is quoted without it */
	PT_CHECK(fails_at("site: 1\n\"a\\0b\": 1\n\"a\\0b\": 2\n", 3, 1, "duplicate key 'a?b'"));
	/* same key in different mappings is fine */
	{
		pt_ydoc *doc = load("a: {k: 1}\nb: {k: 2}\n");

		PT_CHECK(doc != NULL);
		pt_ydoc_free(doc);
	}
	/* across the switch from linear scan to hash set (after 8 keys) */
	PT_CHECK(fails_at("{site: 1, a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9, a: 10}\n", 1, 65,
		"duplicate key 'a' (first at 1:11)"));
	PT_CHECK(fails_at("{site: 1, a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, h: 9}\n", 1, 59,
		"duplicate key 'h' (first at 1:53)"));
	/* quoted and plain spellings are the same key */
	PT_CHECK(fails_at("site: x\na: 1\n\"a\": 2\n", 3, 1, "duplicate key 'a'"));
}

PT_TEST(duplicate_key_in_large_mapping)
{
	/* exercises the key set growing past its first sizes */
	size_t cap = 4000 * 16, n = 0, i;
	char *buf = malloc(cap);

	n += (size_t)snprintf(buf + n, cap - n, "site: x\n");
	for (i = 0; i < 3000; i++) {
		n += (size_t)snprintf(buf + n, cap - n, "k%zu: %zu\n", i, i);
	}
	n += (size_t)snprintf(buf + n, cap - n, "k1234: again\n");
	PT_CHECK(fails_at(buf, 3002, 1, "duplicate key 'k1234' (first at 1236:1)"));
	buf[n - strlen("k1234: again\n")] = '\0';
	{
		pt_ydoc *doc = load(buf);

		PT_CHECK(doc && doc->root->count == 6002);
		pt_ydoc_free(doc);
	}
	free(buf);
}

PT_TEST(non_scalar_keys_refused)
{
	PT_CHECK(fails_at("? [a, b]\n: 1\n", 1, 3, "mapping keys must be plain text, found a sequence"));
	PT_CHECK(fails_at("{ {a: 1}: 2 }\n", 1, 3, "found a mapping used as a key"));
}

PT_TEST(bad_utf8_refused_with_position)
{
	PT_CHECK(fails_at("a: 1\nb: caf\xC3\n", 2, 7, "not valid UTF-8"));
	PT_CHECK(fails_at("a: \xFF\n", 1, 4, "invalid leading UTF-8 octet"));
	PT_CHECK(fails_at("a: x\x01y\n", 1, 5, "control characters"));
}

PT_TEST(syntax_errors_are_one_based)
{
	PT_CHECK(fails_at("a: b: c\n", 1, 5, "invalid YAML: mapping values are not allowed"));
	PT_CHECK(fails_at("a:\n  - b\n c: 1\n", 3, 2, "did not find expected key"));
	PT_CHECK(fails_at("a: [1, 2\n", 2, 1, "invalid YAML"));
	PT_CHECK(fails_at("a: \"open\n", 2, 1, "invalid YAML"));
}

PT_TEST(tab_indentation_explained)
{
	PT_CHECK(fails_at("site:\n\tname: x\n", 2, 1, "YAML indentation must use spaces"));
}

PT_TEST(one_document_only)
{
	PT_CHECK(fails_at("a: 1\n---\nb: 2\n", 2, 1, "second YAML document"));
}

PT_TEST(quoted_nul_keeps_length)
{
	pt_ydoc *doc = load("a: \"x\\0y\"\n");

	PT_CHECK(doc != NULL);
	if (doc) {
		const pt_ynode *v = pt_ynode_get(doc->root, "a");

		PT_CHECK_EQ_INT(v->len, 3);
		PT_CHECK(v->value[1] == '\0' && v->value[2] == 'y');
	}
	pt_ydoc_free(doc);
}

PT_TEST(typed_readers)
{
	pt_ydoc *doc = load("t: true\nf: False\ny: yes\nq: \"true\"\ni: -42\nbig: 9223372036854775807\n"
		"over: 9223372036854775808\nmin: -9223372036854775808\nx: 12a\nn: ~\ne:\nnl: null\n"
		"qn: \"null\"\nplus: +7\nsign: +\n");
	bool b = false;
	int64_t v = 0;

	PT_CHECK(doc != NULL);
	if (!doc) {
		return;
	}
	PT_CHECK(pt_ynode_bool(pt_ynode_get(doc->root, "t"), &b) && b);
	PT_CHECK(pt_ynode_bool(pt_ynode_get(doc->root, "f"), &b) && !b);
	PT_CHECK(!pt_ynode_bool(pt_ynode_get(doc->root, "y"), &b));
	PT_CHECK(!pt_ynode_bool(pt_ynode_get(doc->root, "q"), &b));
	PT_CHECK(pt_ynode_int(pt_ynode_get(doc->root, "i"), &v) && v == -42);
	PT_CHECK(pt_ynode_int(pt_ynode_get(doc->root, "big"), &v) && v == INT64_MAX);
	PT_CHECK(!pt_ynode_int(pt_ynode_get(doc->root, "over"), &v));
	PT_CHECK(pt_ynode_int(pt_ynode_get(doc->root, "min"), &v) && v == INT64_MIN);
	PT_CHECK(!pt_ynode_int(pt_ynode_get(doc->root, "x"), &v));
	PT_CHECK(pt_ynode_int(pt_ynode_get(doc->root, "plus"), &v) && v == 7);
	PT_CHECK(!pt_ynode_int(pt_ynode_get(doc->root, "sign"), &v));
	PT_CHECK(!pt_ynode_int(pt_ynode_get(doc->root, "q"), &v));
	PT_CHECK(pt_ynode_is_null(pt_ynode_get(doc->root, "n")));
	PT_CHECK(pt_ynode_is_null(pt_ynode_get(doc->root, "e")));
	PT_CHECK(pt_ynode_is_null(pt_ynode_get(doc->root, "nl")));
	PT_CHECK(!pt_ynode_is_null(pt_ynode_get(doc->root, "qn")));
	PT_CHECK(!pt_ynode_is_null(doc->root));
	PT_CHECK(!pt_ynode_is_null(NULL));
	pt_ydoc_free(doc);
}

PT_TEST(load_file_errors)
{
	pt_ydoc *doc = (pt_ydoc *)1;

	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_yaml_load_file("/nonexistent/participa.yaml", &doc, &err), PT_ERR_IO);
	PT_CHECK(doc == NULL);
	PT_CHECK_EQ_INT(err.line, 0);
	PT_CHECK_STR(err.file, "/nonexistent/participa.yaml");
	PT_CHECK(strstr(err.message, "No such file") != NULL);
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_yaml_load_file("/", &doc, &err), PT_ERR_IO);
}

PT_TEST(load_file_reads_whole_file)
{
	char path[] = "/tmp/pt_test_yaml_XXXXXX";
	int fd = mkstemp(path);
	FILE *fp = fd >= 0 ? fdopen(fd, "w") : NULL;
	pt_ydoc *doc = NULL;
	size_t i;

	PT_CHECK(fp != NULL);
	if (!fp) {
		return;
	}
	/* larger than the first 64 KiB read, so the buffer has to grow */
	for (i = 0; i < 20000; i++) {
		fprintf(fp, "key%zu: value %zu\n", i, i);
	}
	fprintf(fp, "last: [1, 2]\n");
	fclose(fp);
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_yaml_load_file(path, &doc, &err), PT_OK);
	if (doc) {
		const pt_ynode *last = pt_ynode_get(doc->root, "last");

		PT_CHECK_STR(doc->file, path);
		PT_CHECK(last && last->line == 20001 && last->column == 7);
	}
	pt_ydoc_free(doc);
	remove(path);
}

PT_TEST(library_version)
{
	const char *v = pt_yaml_library_version();

	PT_CHECK(v && v[0] >= '0' && v[0] <= '9' && strchr(v, '.'));
}

int main(void)
{
	PT_RUN(positions_block_and_flow);
	PT_RUN(columns_count_characters_not_bytes);
	PT_RUN(empty_documents_have_null_root);
	PT_RUN(anchors_and_aliases_refused);
	PT_RUN(aliases_refused_even_when_anchor_would_parse);
	PT_RUN(tags_refused);
	PT_RUN(depth_limit);
	PT_RUN(deep_input_fails_without_stack_use);
	PT_RUN(duplicate_keys_refused);
	PT_RUN(duplicate_key_in_large_mapping);
	PT_RUN(non_scalar_keys_refused);
	PT_RUN(bad_utf8_refused_with_position);
	PT_RUN(syntax_errors_are_one_based);
	PT_RUN(tab_indentation_explained);
	PT_RUN(one_document_only);
	PT_RUN(quoted_nul_keeps_length);
	PT_RUN(typed_readers);
	PT_RUN(load_file_errors);
	PT_RUN(load_file_reads_whole_file);
	PT_RUN(library_version);
	return pt_test_summary("test_yaml");
}
