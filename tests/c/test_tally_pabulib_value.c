/*
 * core/tally/pabulib_build.c: pt_pabulib_to_value(), the tree Pabulib::read()
 * returns (the binding converts it once): sections, costs as ints or reals,
 * vote and points lists, None as null, ids as keys, columns in file order.
 */
#include <stdio.h>
#include <string.h>

#include "core/common/json_write.h"
#include "core/tally/pabulib.h"
#include "pt_test.h"

static const char *read_json(const char *file, char *out, size_t size)
{
	pt_pabulib pb;
	pt_error err;

	pt_error_clear(&err);
	if (pt_pabulib_parse(file, strlen(file), NULL, &pb, &err) != PT_OK) {
		snprintf(out, size, "parse: %s", err.message);
		return out;
	}
	pt_test_json(pt_pabulib_to_value(&pb, NULL), out, size);
	pt_pabulib_free(&pb);
	return out;
}

PT_TEST(sections_and_cells)
{
	char out[2048];

	PT_CHECK_STR(read_json("META\nkey;value\nbudget;100\ndescription;None\n"
		"PROJECTS\nproject_id;cost;name\n1;40000.0;Parque\n2;37387.5;None\n7;0.25;x\n"
		"VOTES\nvoter_id;vote;points;age\nv1;1,2;3,4;30\nv2;;;None\n", out, sizeof(out)),
		"{\"meta\":{\"budget\":\"100\",\"description\":null},"
		"\"projects\":{\"1\":{\"cost\":40000,\"name\":\"Parque\"},\"2\":{\"cost\":37387.5,\"name\":null},"
		"\"7\":{\"cost\":0.25,\"name\":\"x\"}},"
		"\"votes\":{\"v1\":{\"vote\":[\"1\",\"2\"],\"points\":[3,4],\"age\":\"30\"},"
		"\"v2\":{\"vote\":[],\"points\":[],\"age\":null}}}");
}

PT_TEST(cost_beyond_exact_division)
{
	char out[1024];

	/* above 2^53 units the division would round twice: strtod's double, as PHP reads it */
	PT_CHECK_STR(read_json("META\nkey;value\nbudget;1\n"
		"PROJECTS\nproject_id;cost\np;9007199254740993.5\nq;12.50\n"
		"VOTES\nvoter_id;vote\nv;p\n", out, sizeof(out)),
		"{\"meta\":{\"budget\":\"1\"},\"projects\":{\"p\":{\"cost\":9007199254740994},\"q\":{\"cost\":12.5}},"
		"\"votes\":{\"v\":{\"vote\":[\"p\"]}}}");
}

int main(void)
{
	PT_RUN(sections_and_cells);
	PT_RUN(cost_beyond_exact_division);
	return pt_test_summary("test_tally_pabulib_value");
}
