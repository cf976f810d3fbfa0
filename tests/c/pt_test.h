/*
 * A tiny unit-test harness for the pure-C layers (ext/core, ext/io).
 *
 *   PT_TEST(name) { PT_CHECK(expr); PT_CHECK_EQ_INT(a, b); PT_CHECK_STR(a, b); }
 *   int main(void) { PT_RUN(name); ...; return pt_test_summary("file"); }
 *
 * Each test binary prints one line per failed check and ends with
 * "<file>: N passed, N failed" (tests, not checks); scripts/test adds them up.
 * Tests are built with -fsanitize=address,undefined (see tests/c/Makefile).
 */
#ifndef PT_TEST_H
#define PT_TEST_H

#include <stdio.h>
#include <string.h>
#include <stdlib.h>

static int pt_test_passed, pt_test_failed, pt_test_current_failed;
static const char *pt_test_current;

#define PT_TEST(name) static void test_##name(void)

#define PT_RUN(name) do { \
		pt_test_current = #name; pt_test_current_failed = 0; \
		test_##name(); \
		if (pt_test_current_failed) { pt_test_failed++; printf("FAIL %s\n", #name); } \
		else { pt_test_passed++; printf("ok   %s\n", #name); } \
		fflush(stdout); \
	} while (0)

#define PT_FAIL_AT(...) do { \
		pt_test_current_failed = 1; \
		printf("  %s:%d: in %s: ", __FILE__, __LINE__, pt_test_current); \
		printf(__VA_ARGS__); printf("\n"); \
	} while (0)

#define PT_CHECK(expr) do { if (!(expr)) PT_FAIL_AT("expected %s", #expr); } while (0)

#define PT_CHECK_EQ_INT(actual, expected) do { \
		long long pt_a_ = (long long)(actual), pt_e_ = (long long)(expected); \
		if (pt_a_ != pt_e_) PT_FAIL_AT("%s is %lld, expected %lld", #actual, pt_a_, pt_e_); \
	} while (0)

#define PT_CHECK_STR(actual, expected) do { \
		const char *pt_a_ = (actual), *pt_e_ = (expected); \
		if (!pt_a_ || !pt_e_ || strcmp(pt_a_, pt_e_) != 0) \
			PT_FAIL_AT("%s is \"%s\", expected \"%s\"", #actual, pt_a_ ? pt_a_ : "(null)", pt_e_ ? pt_e_ : "(null)"); \
	} while (0)

static inline int pt_test_summary(const char *suite)
{
	printf("%s: %d passed, %d failed\n", suite, pt_test_passed, pt_test_failed);
	return pt_test_failed ? 1 : 0;
}

/*
 * For tests that include core/common/json_write.h first: v as the JSON PHP's
 * json_encode() writes for the array the binding makes of it, into out
 * (v freed); "(null)" for no tree.
 */
#ifdef PT_JSON_WRITE_H
static inline const char *pt_test_json(pt_value *v, char *out, size_t size)
{
	pt_buf b;
	pt_error err;

	pt_buf_init(&b, NULL);
	pt_error_clear(&err);
	if (!v || pt_json_value(&b, v, 0, &err) != PT_OK) {
		snprintf(out, size, "(null)");
	} else {
		snprintf(out, size, "%.*s", (int)b.len, b.data);
	}
	pt_buf_free(&b);
	pt_value_free(v);
	return out;
}
#endif

#endif
