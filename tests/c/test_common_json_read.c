/*
 * core/common/json_read.c: JSON as PHP's json_decode($s, true, $depth) reads it. Each accepted
 * text is written back with json_write.c and compared with what json_encode(json_decode($s,
 * true, 64), JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES) gives in PHP 8.2 (written down
 * here); each refused text is one json_decode refuses.
 */
#include "core/common/json_read.h"
#include "core/common/json_write.h"
#include "pt_test.h"

/* s read (depth 64) and written back, or "refused". */
static const char *round_trip(const char *s, size_t len, char *out, size_t size)
{
	pt_value *v;
	pt_error err;

	if (pt_json_read(s, len, 64, NULL, &v, &err) != PT_OK) {
		PT_CHECK(v == NULL);
		snprintf(out, size, "refused");
		return out;
	}
	return pt_test_json(v, out, size);
}

#define RT(lit) round_trip(lit, sizeof(lit) - 1, buf, sizeof(buf))

PT_TEST(values)
{
	char buf[512];

	PT_CHECK_STR(RT("{\"a\":1,\"b\":[true,false,null],\"c\":\"x\"}"), "{\"a\":1,\"b\":[true,false,null],\"c\":\"x\"}");
	PT_CHECK_STR(RT(" \t\r\n[ 1 , 2 ]\n"), "[1,2]");
	PT_CHECK_STR(RT("[]"), "[]");
	PT_CHECK_STR(RT("{}"), "[]");                  /* an empty object is an empty array */
	PT_CHECK_STR(RT("\"text\""), "\"text\"");
	PT_CHECK_STR(RT("-0"), "0");
	PT_CHECK_STR(RT("[1.5,-2.25e2,1E2,2.0,0.1]"), "[1.5,-225,100,2,0.1]");
	/* integers: 64 bits, beyond them a float */
	PT_CHECK_STR(RT("[9223372036854775807,-9223372036854775808]"), "[9223372036854775807,-9223372036854775808]");
	PT_CHECK_STR(RT("[9223372036854775808]"), "[9.223372036854776e+18]");
	/* a repeated key keeps its first place and takes the last value */
	PT_CHECK_STR(RT("{\"a\":1,\"b\":2,\"a\":3}"), "{\"a\":3,\"b\":2}");
	/* 2.0 is a float, 2 an int */
	{
		pt_value *v;
		pt_error err;

		PT_CHECK_EQ_INT(pt_json_read("[2.0,2,1e0]", 11, 64, NULL, &v, &err), PT_OK);
		PT_CHECK_EQ_INT(v->u.c.items[0]->type, PT_VALUE_REAL);
		PT_CHECK_EQ_INT(v->u.c.items[1]->type, PT_VALUE_INT);
		PT_CHECK_EQ_INT(v->u.c.items[2]->type, PT_VALUE_REAL);
		pt_value_free(v);
	}
	/* numeric keys stay their text */
	PT_CHECK_STR(RT("{\"1\":\"x\",\"01\":\"y\"}"), "{\"1\":\"x\",\"01\":\"y\"}");
}

PT_TEST(strings)
{
	char buf[512];

	PT_CHECK_STR(RT("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\""), "\"a\\\"b\\\\c/d\\b\\f\\n\\r\\t\"");
	PT_CHECK_STR(RT("\"\\u00f1\\u20AC\\ud83d\\ude00\""), "\"ñ€😀\"");
	PT_CHECK_STR(RT("\"ñ😀\""), "\"ñ😀\"");
	PT_CHECK_STR(RT("\"\\u0000\""), "\"\\u0000\"");
	PT_CHECK_STR(RT("{\"\\u0041\":1}"), "{\"A\":1}");
	PT_CHECK_STR(RT("\"\x7f\""), "\"\x7f\"");
}

PT_TEST(refusals)
{
	static const char *const bad[] = {
		"", " ", "[1,]", "{\"a\":1,}", "[1 2]", "{\"a\" 1}", "{a:1}", "{'a':1}", "'x'", "01", "1.", ".5", "-",
		"1e", "+1", "0x1", "NaN", "Infinity", "True", "NULL", "nul", "[1]x", "[1] [2]", "/* c */ 1", "[",
		"{\"a\":", "\"abc", "\"\\x\"", "\"\\u12\"", "\"\\u12g4\"", "\"\\ud800\"", "\"\\udc00\"",
		"\"\\ud800\\u0041\"", "\"\\ud800x\"", "\xef\xbb\xbf[]", "\"\xc3\"", "\"\xc0\xaf\"", "\"\xed\xa0\x80\"",
		"\"\xf4\x90\x80\x80\"", "[1]\v",
	};
	char buf[512];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *r = round_trip(bad[i], strlen(bad[i]), buf, sizeof(buf));

		if (strcmp(r, "refused") != 0) {
			PT_FAIL_AT("'%s' read as %s", bad[i], r);
		}
	}
	/* a control character or a NUL byte */
	PT_CHECK_STR(round_trip("\"a\nb\"", 5, buf, sizeof(buf)), "refused");
	PT_CHECK_STR(round_trip("\"a\tb\"", 5, buf, sizeof(buf)), "refused");
	PT_CHECK_STR(round_trip("[1]\0", 4, buf, sizeof(buf)), "refused");
	PT_CHECK_STR(round_trip("\"a\0b\"", 5, buf, sizeof(buf)), "refused");
}

PT_TEST(depth)
{
	char deep[200], buf[512];
	pt_value *v;
	pt_error err;
	int i;

	/* json_decode($s, true, 64) takes 63 levels of arrays, not 64 */
	for (i = 0; i < 64; i++) {
		deep[i] = '[';
		deep[64 + i] = ']';
	}
	PT_CHECK_EQ_INT(pt_json_read(deep + 1, 126, 64, NULL, &v, &err), PT_OK);
	pt_value_free(v);
	PT_CHECK_EQ_INT(pt_json_read(deep, 128, 64, NULL, &v, &err), PT_ERR_INVALID);
	PT_CHECK(v == NULL);
	PT_CHECK(strstr(err.message, "depth") != NULL);
	PT_CHECK_EQ_INT(pt_json_read("[]", 2, 1, NULL, &v, &err), PT_ERR_INVALID);
	PT_CHECK_EQ_INT(pt_json_read("[[]]", 4, 2, NULL, &v, &err), PT_ERR_INVALID);
	PT_CHECK_EQ_INT(pt_json_read("{\"a\":[]}", 8, 3, NULL, &v, &err), PT_OK);
	pt_value_free(v);
	/* scalars have no depth */
	PT_CHECK_EQ_INT(pt_json_read("1", 1, 1, NULL, &v, &err), PT_OK);
	PT_CHECK_STR(pt_test_json(v, buf, sizeof(buf)), "1");
}

/* Many members: repeated keys are found through the hash, in linear time. */
PT_TEST(large_object)
{
	char *s = malloc(2000000), buf[64];
	size_t n = 0;
	pt_value *v;
	pt_error err;
	int i;

	n += (size_t)sprintf(s + n, "{");
	for (i = 0; i < 100000; i++) {
		n += (size_t)sprintf(s + n, "%s\"k%d\":%d", i ? "," : "", i % 50000, i);
	}
	n += (size_t)sprintf(s + n, "}");
	PT_CHECK_EQ_INT(pt_json_read(s, n, 64, NULL, &v, &err), PT_OK);
	PT_CHECK_EQ_INT(v->u.c.count, 50000);
	PT_CHECK_EQ_INT(pt_value_get(v, "k7")->u.i, 50007);
	PT_CHECK_STR(v->u.c.keys[49999], "k49999");
	snprintf(buf, sizeof(buf), "%lld", (long long)v->u.c.items[49999]->u.i);
	PT_CHECK_STR(buf, "99999");
	pt_value_free(v);
	free(s);
}

int main(void)
{
	PT_RUN(values);
	PT_RUN(strings);
	PT_RUN(refusals);
	PT_RUN(depth);
	PT_RUN(large_object);
	return pt_test_summary("test_common_json_read");
}
