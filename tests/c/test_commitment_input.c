/*
 * What a host's value becomes before the commitment rules read it (core/commitment/commitment_patch.c
 * pt_commitment_input(), pt_commitment_json_list()) and a JSON import read in core
 * (commitment_import.c pt_commitment_import_read_json()): what ext/php/commitments.c did with
 * zvals and json_decode() before, the same trees.
 */
#include "core/commitment/commitment_import.h"
#include "core/commitment/commitment_patch.h"
#include "core/common/json_read.h"
#include "core/common/json_write.h"
#include "pt_test.h"   /* after json_write.h: pt_test_json() */

#include <math.h>

/* The tree v (freed) becomes, written as JSON as PHP's json_encode() writes the array (a map keyed
 * 0, 1, ... is written as a list; a rational, what no field takes, is written 0). */
static const char *input(pt_value *v, int depth, bool floats, char *out, size_t size)
{
	pt_value *in = pt_commitment_input(v, depth, floats, NULL);

	pt_value_free(v);
	return pt_test_json(in, out, size);
}

static pt_value *map1(const char *k, pt_value *v)
{
	pt_value *m = pt_value_map(NULL);

	pt_value_setc(m, k, v);
	return m;
}

static pt_value *list2(pt_value *a, pt_value *b)
{
	pt_value *l = pt_value_list(NULL);

	pt_value_push(l, a);
	pt_value_push(l, b);
	return l;
}

PT_TEST(floats_are_field_texts)
{
	char buf[256];

	PT_CHECK_STR(input(map1("progress", pt_value_real(NULL, 45.5)), 0, true, buf, sizeof(buf)), "{\"progress\":\"45.5\"}");
	PT_CHECK_STR(input(map1("p", pt_value_real(NULL, 1.0 / 3)), 0, true, buf, sizeof(buf)), "{\"p\":\"0.333333\"}");
	PT_CHECK_STR(input(map1("p", pt_value_real(NULL, 100.0)), 0, true, buf, sizeof(buf)), "{\"p\":\"100\"}");
	PT_CHECK_STR(input(map1("p", pt_value_real(NULL, -0.0)), 0, true, buf, sizeof(buf)), "{\"p\":\"0\"}");
	/* ties at the sixth decimal go to even, as PHP's snprintf */
	PT_CHECK_STR(input(map1("p", pt_value_real(NULL, 0.0078125)), 0, true, buf, sizeof(buf)), "{\"p\":\"0.007812\"}");
	/* from 1e15 on: 17 digits, a one-digit mantissa with ".0" as PHP writes it */
	PT_CHECK_STR(input(map1("p", pt_value_real(NULL, 1e20)), 0, true, buf, sizeof(buf)), "{\"p\":\"1.0e+20\"}");
	PT_CHECK_STR(input(map1("p", pt_value_real(NULL, 1.5e20)), 0, true, buf, sizeof(buf)), "{\"p\":\"1.5e+20\"}");
	PT_CHECK_STR(input(map1("p", pt_value_real(NULL, 1e15)), 0, true, buf, sizeof(buf)), "{\"p\":\"1000000000000000\"}");
	PT_CHECK_STR(input(map1("p", pt_value_real(NULL, 999999999999999.9)), 0, true, buf, sizeof(buf)),
		"{\"p\":\"999999999999999.875\"}");
	/* NaN and INF, a list's item, an option: no number at all */
	PT_CHECK_STR(input(map1("p", pt_value_real(NULL, NAN)), 0, true, buf, sizeof(buf)), "{\"p\":0}");
	PT_CHECK_STR(input(map1("p", pt_value_real(NULL, INFINITY)), 0, true, buf, sizeof(buf)), "{\"p\":0}");
	PT_CHECK_STR(input(map1("evidence", list2(pt_value_real(NULL, 1.5), map1("reference", pt_value_real(NULL, 2.5)))),
		0, true, buf, sizeof(buf)), "{\"evidence\":[0,{\"reference\":\"2.5\"}]}");
	PT_CHECK_STR(input(map1("limit", pt_value_real(NULL, 2.0)), 0, false, buf, sizeof(buf)), "{\"limit\":0}");
}

PT_TEST(arrays_are_maps)
{
	pt_value *in, *deep;
	char buf[256];

	PT_CHECK_STR(input(list2(pt_value_cstr(NULL, "a"), pt_value_int(NULL, 5)), 0, true, buf, sizeof(buf)),
		"[\"a\",5]");
	PT_CHECK_STR(input(map1("t", pt_value_null(NULL)), 0, true, buf, sizeof(buf)), "{\"t\":null}");
	PT_CHECK_STR(input(map1("t", pt_value_bool(NULL, 1)), 0, true, buf, sizeof(buf)), "{\"t\":true}");
	/* an object (a host value), and arrays from depth 3 on: nothing a field takes */
	PT_CHECK_STR(input(map1("t", pt_value_host(NULL, NULL, 0)), 0, true, buf, sizeof(buf)), "{\"t\":0}");
	deep = map1("evidence", list2(map1("reference", list2(pt_value_cstr(NULL, "x"), pt_value_null(NULL))),
		pt_value_null(NULL)));
	PT_CHECK_STR(input(deep, 0, true, buf, sizeof(buf)), "{\"evidence\":[{\"reference\":0},null]}");
	/* ... but a map, keyed by the positions */
	deep = list2(pt_value_null(NULL), pt_value_null(NULL));
	in = pt_commitment_input(deep, 0, true, NULL);
	PT_CHECK(in && in->type == PT_VALUE_MAP && strcmp(in->u.c.keys[1], "1") == 0);
	pt_value_free(in);
	pt_value_free(deep);
	PT_CHECK(pt_commitment_input(NULL, 0, true, NULL) == NULL);
}

static bool cell(const char *s, pt_value **v)
{
	return pt_commitment_json_list(NULL, s, strlen(s), v);
}

PT_TEST(json_list_cells)
{
	pt_value *v = NULL;
	char buf[256];

	PT_CHECK(cell("[{\"reference\": 1.25}, {\"reference\": \"b\"}]", &v));
	PT_CHECK(v && v->type == PT_VALUE_MAP);
	PT_CHECK_STR(pt_test_json(v, buf, sizeof(buf)), "[{\"reference\":\"1.25\"},{\"reference\":\"b\"}]");
	/* json_decode($cell, true, 8): seven levels at most */
	PT_CHECK(cell("[[[[[[[1]]]]]]]", &v));
	pt_value_free(v);
	PT_CHECK(!cell("[[[[[[[[1]]]]]]]]", &v) && v == NULL);
	PT_CHECK(!cell("[{\"reference\": \"a\",}]", &v) && v == NULL);
}

static const char *import_json(const char *json, pt_commitment_import_file *f)
{
	pt_commitment_import_file_init(f, false, NULL);
	pt_commitment_import_read_json(f, json, strlen(json));
	return f->error_count ? f->errors[0].message : "";
}

PT_TEST(json_imports)
{
	static const char *const bad[] = { "[1]", "{}", "{\"commitments\": 5}", "\xef\xbb\xbf{}", "{\"commitments\": [",
		"{\"commitments\": [{\"title\": \"\\ud800\"}]}" };
	pt_commitment_import_file f;
	size_t i;

	import_json("{\"commitments\": [{\"id\": \"J1\", \"progress\": 12.5}, 5, [1, 2], "
		"{\"id\": \"J2\", \"title\": \"x\", \"title\": \"dup\"}]}", &f);
	/* 5 is refused by name; [1, 2] is a row of unknown keys, as a PHP array was */
	PT_CHECK_EQ_INT(f.nrows, 3);
	PT_CHECK_EQ_INT(f.error_count, 1);
	PT_CHECK_EQ_INT(f.errors[0].row, 2);
	PT_CHECK_STR(f.errors[0].message, "cada compromiso debe ser un objeto");
	PT_CHECK_STR(pt_value_get(f.rows[0].data, "progress")->u.s.s, "12.5");
	PT_CHECK_EQ_INT(f.rows[1].row, 3);
	PT_CHECK_STR(f.rows[1].data->u.c.keys[0], "0");
	PT_CHECK_STR(pt_value_get(f.rows[2].data, "title")->u.s.s, "dup");
	pt_commitment_import_file_free(&f);
	/* a map of commitments is read in its order */
	import_json("{\"commitments\": {\"a\": {\"id\": \"J3\"}}}", &f);
	PT_CHECK_EQ_INT(f.nrows, 1);
	PT_CHECK_EQ_INT(f.error_count, 0);
	pt_commitment_import_file_free(&f);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		PT_CHECK_STR(import_json(bad[i], &f), "JSON inválido: se esperaba {\"commitments\": [...]}");
		PT_CHECK_EQ_INT(f.nrows, 0);
		pt_commitment_import_file_free(&f);
	}
}

int main(void)
{
	PT_RUN(floats_are_field_texts);
	PT_RUN(arrays_are_maps);
	PT_RUN(json_list_cells);
	PT_RUN(json_imports);
	return pt_test_summary("test_commitment_input");
}
