/* Unit tests of the JSON writer (ext/core/common/json_write.c): PHP's json_encode() output, byte for byte
 * (expected texts written by PHP 8.2 with JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES). */
#include "pt_test.h"
#include "core/common/json_write.h"

static char out[512];

static const char *dbl(double d, unsigned flags)
{
	pt_buf b;

	pt_buf_init(&b, NULL);
	if (pt_json_double(&b, d, flags, NULL) != PT_OK) {
		pt_buf_free(&b);
		return "(failed)";
	}
	snprintf(out, sizeof(out), "%s", b.data ? b.data : "");
	pt_buf_free(&b);
	return out;
}

PT_TEST(doubles_as_php)
{
	PT_CHECK_STR(dbl(1.0 / 3, 0), "0.3333333333333333");
	PT_CHECK_STR(dbl(2.0 / 3, 0), "0.6666666666666666");
	PT_CHECK_STR(dbl(0.1, 0), "0.1");
	PT_CHECK_STR(dbl(1e-5, 0), "1.0e-5");
	PT_CHECK_STR(dbl(0.0001, 0), "0.0001");
	PT_CHECK_STR(dbl(1.5e17, 0), "1.5e+17");
	PT_CHECK_STR(dbl(1e16, 0), "10000000000000000");
	PT_CHECK_STR(dbl(1e16, PT_JSON_ZERO_FRACTION), "10000000000000000.0");
	PT_CHECK_STR(dbl(123456789012345678.0, 0), "1.2345678901234568e+17");
	PT_CHECK_STR(dbl(2.5, 0), "2.5");
	PT_CHECK_STR(dbl(-1.75, 0), "-1.75");
	PT_CHECK_STR(dbl(1e22, 0), "1.0e+22");
	PT_CHECK_STR(dbl(2.0 / 7 * 1e-10, 0), "2.857142857142857e-11");
	PT_CHECK_STR(dbl(3.0, PT_JSON_ZERO_FRACTION), "3.0");
	PT_CHECK_STR(dbl(0.0, PT_JSON_ZERO_FRACTION), "0.0");
	PT_CHECK_STR(dbl(0.0, 0), "0");
}

PT_TEST(strings_and_maps_as_php)
{
	pt_value *m = pt_value_map(NULL), *l = pt_value_map(NULL), *e = pt_value_map(NULL), *one = pt_value_map(NULL);
	pt_buf b;
	const char *s = "\xc3\xa9\xe2\x80\xa8\x01\x7f\"\\\t/";

	pt_value_setc(m, "a/b", pt_value_string(NULL, s, strlen(s)));
	pt_value_setc(m, "0", pt_value_int(NULL, 1));
	pt_value_setc(m, "r", pt_value_rational(NULL, 6, 4));
	pt_value_setc(l, "0", pt_value_int(NULL, 1));
	pt_value_setc(l, "1", pt_value_bool(NULL, 0));
	pt_value_setc(one, "1", pt_value_int(NULL, 2));
	pt_value_setc(m, "list", l);
	pt_value_setc(m, "empty", e);
	pt_value_setc(m, "one", one);
	pt_value_setc(m, "n", pt_value_null(NULL));
	pt_buf_init(&b, NULL);
	PT_CHECK(pt_json_value(&b, m, PT_JSON_ZERO_FRACTION, NULL) == PT_OK);
	PT_CHECK_STR(b.data, "{\"a/b\":\"\xc3\xa9\\u2028\\u0001\x7f\\\"\\\\\\t/\",\"0\":1,\"r\":1.5,"
		"\"list\":[1,false],\"empty\":[],\"one\":{\"1\":2},\"n\":null}");
	pt_buf_free(&b);
	pt_value_free(m);
}

PT_TEST(invalid_utf8_fails)
{
	pt_buf b;
	pt_error err;

	pt_error_clear(&err);
	pt_buf_init(&b, NULL);
	PT_CHECK(pt_json_string(&b, "a\xff", 2, &err) == PT_ERR_INVALID);
	PT_CHECK(pt_json_string(&b, "\xed\xa0\x80", 3, &err) == PT_ERR_INVALID);   /* a surrogate */
	PT_CHECK(pt_json_string(&b, "\xc0\xaf", 2, &err) == PT_ERR_INVALID);       /* overlong */
	pt_buf_free(&b);
}

int main(void)
{
	PT_RUN(doubles_as_php);
	PT_RUN(strings_and_maps_as_php);
	PT_RUN(invalid_utf8_fails);
	return pt_test_summary("test_process_json");
}
