/*
 * Tally::count()'s list options read in core from the binding's converted arrays
 * (core/tally/tally_options.c pt_tally_roles_value(), pt_tally_candidates_value()): the faults
 * (TypeError or ValueError in PHP) and messages the binding throws.
 */
#include "pt_test.h"
#include "core/tally/tally.h"
#include "core/tally/tally_options.h"

static pt_value *strs(const char *a, const char *b)
{
	pt_value *l = pt_value_list(NULL);

	pt_value_push(l, pt_value_cstr(NULL, a));
	if (b) {
		pt_value_push(l, pt_value_cstr(NULL, b));
	}
	return l;
}

PT_TEST(voice_only_roles)
{
	pt_tally_api_lists l = { NULL, NULL, NULL, NULL };
	pt_tally_options o;
	pt_value *v = strs("facilitador", "observador");
	pt_error err;

	pt_tally_options_init(&o);
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_tally_roles_value(v, &o, &l, &err), PT_TARG_OK);
	PT_CHECK_EQ_INT(o.voice_only_count, 2);
	PT_CHECK(o.voice_only_lens[1] == 10 && memcmp(o.voice_only_roles[1], "observador", 10) == 0);
	pt_tally_api_lists_free(&l);
	pt_value_push(v, pt_value_int(NULL, 5));
	PT_CHECK_EQ_INT(pt_tally_roles_value(v, &o, &l, &err), PT_TARG_TYPE);
	PT_CHECK_STR(err.message, "option \"voice_only_roles\" must be a list of strings");
	pt_tally_api_lists_free(&l);
	pt_value_free(v);
}

PT_TEST(candidates)
{
	const pt_tally_method *m = pt_tally_find("schulze", 7);
	pt_tally_api_lists l = { NULL, NULL, NULL, NULL };
	pt_tally_options o;
	pt_profile p;
	pt_value *v;
	pt_error err;

	pt_tally_options_init(&o);
	pt_error_clear(&err);
	/* no list: nothing to do, the ballots name the candidates */
	PT_CHECK(pt_profile_init(&p, m->kind, &o, NULL, &err) == PT_OK);
	PT_CHECK_EQ_INT(pt_tally_candidates_value(m, NULL, NULL, &p, &o, &l, &err), PT_TARG_OK);
	PT_CHECK(!p.fixed);
	/* ids are texts or ints (their digits); then fixed */
	v = strs("A", "B");
	pt_value_push(v, pt_value_int(NULL, -7));
	PT_CHECK_EQ_INT(pt_tally_candidates_value(m, v, NULL, &p, &o, &l, &err), PT_TARG_OK);
	PT_CHECK(p.fixed && p.ncand == 3 && strcmp(p.ids[2], "-7") == 0);
	pt_profile_free(&p);
	pt_value_free(v);
	PT_CHECK(pt_profile_init(&p, m->kind, &o, NULL, &err) == PT_OK);
	v = strs("A", "A");
	PT_CHECK_EQ_INT(pt_tally_candidates_value(m, v, NULL, &p, &o, &l, &err), PT_TARG_VALUE);
	PT_CHECK_STR(err.message, "option candidates: 'A' is given twice");
	pt_value_free(v);
	pt_profile_free(&p);
	PT_CHECK(pt_profile_init(&p, m->kind, &o, NULL, &err) == PT_OK);
	v = strs("A", NULL);
	pt_value_push(v, pt_value_host(NULL, "1.5", 3));
	PT_CHECK_EQ_INT(pt_tally_candidates_value(m, v, NULL, &p, &o, &l, &err), PT_TARG_TYPE);
	PT_CHECK_STR(err.message, "option \"candidates\" must be a list of strings");
	pt_value_free(v);
	pt_profile_free(&p);
	pt_tally_api_lists_free(&l);
}

PT_TEST(projects)
{
	const pt_tally_method *m = pt_tally_find("pb_greedy", 9);
	pt_tally_api_lists l = { NULL, NULL, NULL, NULL };
	pt_tally_options o;
	pt_profile p;
	pt_value *v = pt_value_map(NULL), *list = pt_value_list(NULL);
	pt_error err;

	pt_tally_options_init(&o);
	pt_error_clear(&err);
	PT_CHECK(pt_profile_init(&p, m->kind, &o, NULL, &err) == PT_OK);
	PT_CHECK_EQ_INT(pt_tally_candidates_value(m, NULL, NULL, &p, &o, &l, &err), PT_TARG_VALUE);
	PT_CHECK_STR(err.message, "must contain \"projects\" (id => cost) for pb_greedy");
	/* id => amount: an int, or its text with an optional .000 */
	pt_value_setc(v, "p1", pt_value_int(NULL, 60));
	pt_value_setc(v, "p2", pt_value_cstr(NULL, "50"));
	pt_value_setc(v, "p3", pt_value_cstr(NULL, "40.000"));
	PT_CHECK_EQ_INT(pt_tally_candidates_value(m, NULL, v, &p, &o, &l, &err), PT_TARG_OK);
	PT_CHECK(p.ncand == 3 && o.pb_costs && o.pb_costs[0] == 60 && o.pb_costs[1] == 50 && o.pb_costs[2] == 40);
	pt_profile_free(&p);
	pt_tally_api_lists_free(&l);
	/* a list's ids are its positions */
	PT_CHECK(pt_profile_init(&p, m->kind, &o, NULL, &err) == PT_OK);
	pt_value_push(list, pt_value_int(NULL, 60));
	pt_value_push(list, pt_value_int(NULL, 50));
	PT_CHECK_EQ_INT(pt_tally_candidates_value(m, NULL, list, &p, &o, &l, &err), PT_TARG_OK);
	PT_CHECK(p.ncand == 2 && strcmp(p.ids[1], "1") == 0);
	pt_profile_free(&p);
	pt_tally_api_lists_free(&l);
	PT_CHECK(pt_profile_init(&p, m->kind, &o, NULL, &err) == PT_OK);
	pt_value_setc(v, "p4", pt_value_real(NULL, 60.5));
	PT_CHECK_EQ_INT(pt_tally_candidates_value(m, NULL, v, &p, &o, &l, &err), PT_TARG_VALUE);
	PT_CHECK_STR(err.message,
		"option \"projects\" must be a non-negative whole amount (int or string such as \"40000\")");
	pt_profile_free(&p);
	pt_tally_api_lists_free(&l);
	pt_value_free(v);
	pt_value_free(list);
}

int main(void)
{
	PT_RUN(voice_only_roles);
	PT_RUN(candidates);
	PT_RUN(projects);
	return pt_test_summary("test_tally_api_lists");
}
