/* The one growable buffer (ext/core/common/pt_buf.h). */
#include "pt_test.h"
#include "core/common/pt_buf.h"

#include <stdint.h>

PT_TEST(appends_and_stays_terminated)
{
	pt_buf b;
	size_t i;

	pt_buf_init(&b, NULL);
	PT_CHECK(b.data == NULL && b.len == 0 && !b.failed);
	pt_buf_append(&b, NULL, 0);
	PT_CHECK_STR(b.data, "");
	for (i = 0; i < 1000; i++) {
		pt_buf_puts(&b, "abc");
	}
	PT_CHECK_EQ_INT(b.len, 3000);
	PT_CHECK(b.cap > b.len && b.data[3000] == '\0');
	PT_CHECK(memcmp(b.data + 2997, "abc", 3) == 0);
	pt_buf_append(&b, "x\0y", 3);   /* any byte, NUL included */
	PT_CHECK_EQ_INT(b.len, 3003);
	PT_CHECK(b.data[3001] == '\0' && b.data[3002] == 'y');
	pt_buf_free(&b);
	PT_CHECK(b.data == NULL && b.len == 0 && b.cap == 0);
}

PT_TEST(json_strings)
{
	pt_buf b;

	pt_buf_init(&b, NULL);
	pt_buf_json_string(&b, "a\"b\\c\n\x01\x7F" "é", 10);
	PT_CHECK_STR(b.data, "\"a\\\"b\\\\c\\u000a\\u0001\\u007f\xC3\xA9\"");
	pt_buf_free(&b);
	pt_buf_init(&b, NULL);
	pt_buf_json_opt(&b, NULL);
	pt_buf_puts(&b, ",");
	pt_buf_json_opt(&b, "");
	PT_CHECK_STR(b.data, "null,\"\"");
	pt_buf_free(&b);
}

/* An allocator that fails after n allocations, to see `failed` stick. */
static int budget;

static void *limited_alloc(size_t size, void *ctx)
{
	(void)ctx;
	return budget-- > 0 ? malloc(size) : NULL;
}

static void *limited_realloc(void *p, size_t size, void *ctx)
{
	(void)ctx;
	return budget-- > 0 ? realloc(p, size) : NULL;
}

static void limited_free(void *p, void *ctx)
{
	(void)ctx;
	free(p);
}

static const pt_allocator limited = { limited_alloc, limited_realloc, limited_free, NULL };

PT_TEST(allocation_failure_sticks)
{
	char big[200];
	pt_buf b;

	memset(big, 'z', sizeof(big));
	budget = 1;
	pt_buf_init(&b, &limited);
	pt_buf_append(&b, big, 50);          /* the one allocation: 64 bytes */
	PT_CHECK(!b.failed && b.len == 50);
	pt_buf_append(&b, big, sizeof(big)); /* must grow: refused */
	PT_CHECK(b.failed);
	PT_CHECK_EQ_INT(b.len, 50);          /* what was there is intact */
	budget = 10;
	pt_buf_puts(&b, "more");             /* after a failure, nothing more goes in */
	PT_CHECK_EQ_INT(b.len, 50);
	pt_buf_free(&b);
}

PT_TEST(refuses_a_size_that_wraps)
{
	pt_buf b;

	pt_buf_init(&b, NULL);
	pt_buf_puts(&b, "abc");
	pt_buf_append(&b, "x", SIZE_MAX - 2);   /* len + that + 1 would wrap: never read */
	PT_CHECK(b.failed);
	PT_CHECK_EQ_INT(b.len, 3);
	pt_buf_free(&b);
}

PT_TEST(array_grow)
{
	unsigned *v = NULL;
	size_t n, cap = 0;

	for (n = 0; n < 1000; n++) {
		if (pt_array_grow(NULL, &v, &cap, n, sizeof(*v), 4) != PT_OK) {
			PT_FAIL_AT("grow at %zu", n);
			break;
		}
		PT_CHECK(cap > n);
		v[n] = (unsigned)n;
	}
	PT_CHECK_EQ_INT(cap, 1024);
	PT_CHECK(v[999] == 999 && v[3] == 3);
	PT_CHECK_EQ_INT(pt_array_grow(NULL, &v, &cap, 10, sizeof(*v), 4), PT_OK);   /* room already */
	PT_CHECK_EQ_INT(cap, 1024);
	free(v);
	/* a failed growth leaves the array and its capacity as they were */
	v = NULL;
	cap = 0;
	budget = 1;
	PT_CHECK_EQ_INT(pt_array_grow(&limited, &v, &cap, 0, sizeof(*v), 4), PT_OK);
	PT_CHECK_EQ_INT(pt_array_grow(&limited, &v, &cap, 4, sizeof(*v), 4), PT_ERR_NOMEM);
	PT_CHECK(v != NULL && cap == 4);
	free(v);
	/* sizes that would wrap are refused, never allocated */
	v = NULL;
	cap = SIZE_MAX / 2 + 1;
	PT_CHECK_EQ_INT(pt_array_grow(NULL, &v, &cap, cap, sizeof(*v), 4), PT_ERR_NOMEM);
	cap = 0;
	PT_CHECK_EQ_INT(pt_array_grow(NULL, &v, &cap, SIZE_MAX / 2, 8, 4), PT_ERR_NOMEM);
	PT_CHECK(v == NULL);
}

int main(void)
{
	PT_RUN(appends_and_stays_terminated);
	PT_RUN(json_strings);
	PT_RUN(allocation_failure_sticks);
	PT_RUN(refuses_a_size_that_wraps);
	PT_RUN(array_grow);
	return pt_test_summary("test_common_buf");
}
