/*
 * Unit tests of a participatory budget split by district (pots:, ext/core/process/pots.c):
 * the YAML, where each project falls, the ballot's rules (one district and the city-wide pot,
 * each pot's budget), the residence rule, and the count of every pot equal to a recount of
 * each pot's ballots alone, over random ballots.
 */
#include "core/common/json_write.h"
#include "pt_test.h"
#include "core/site/site_config.h"
#include "core/process/config_processes.h"
#include "core/process/ballot.h"
#include "core/process/count.h"
#include "core/process/pots.h"
#include "io/site/config_load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pt_diags diags;
static pt_config *cfg;

static pt_status build(const char *method, const char *extra)
{
	char yaml[8192];

	pt_config_free(cfg);
	cfg = NULL;
	pt_diags_free(&diags);
	pt_diags_init(&diags);
	snprintf(yaml, sizeof(yaml),
		"site: { name: X }\n"
		"database: { socket: /s, name: p, user: u }\n"
		"territories:\n"
		"  - id: slp\n"
		"    name: San Luis\n"
		"    children:\n"
		"      - { id: norte, name: Norte, children: [ { id: norte-1, name: Norte 1 } ] }\n"
		"      - { id: sur, name: Sur }\n"
		"      - { id: oriente, name: Oriente }\n"
		"roles:\n"
		"  ciudadano: { can: [vote] }\n"
		"processes:\n"
		"  - id: pp\n"
		"    title: PP\n"
		"    kind: participatory_budget\n"
		"    method: %s\n"
		"    territory: slp\n"
		"    phases: { voting: [2026-03-01, 2026-03-15] }\n"
		"%s"
		"    pots:\n"
		"      - territory: norte\n"
		"        budget: 1000\n"
		"        projects: [ { id: n-a, cost: 600 }, { id: n-b, cost: 400 }, { id: n-c, cost: 300, territory: norte-1 },\n"
		"                    { id: n-d, cost: 200 } ]\n"
		"      - territory: sur\n"
		"        budget: 800\n"
		"        projects: [ { id: s-a, cost: 500 }, { id: s-b, cost: 400 }, { id: s-c, cost: 100 } ]\n"
		"      - territory: slp\n"
		"        budget: 2000\n"
		"        projects: [ { id: c-a, cost: 1500 }, { id: c-b, cost: 700 }, { id: c-c, cost: 300 } ]\n",
		method, extra);
	return pt_config_load_string("t.yaml", yaml, strlen(yaml), &cfg, &diags);
}

static const pt_process_def *pp(void)
{
	return pt_config_process(cfg, "pp", 2);
}

static int32_t cand(const char *id)
{
	return pt_process_candidate_find(pp(), id, strlen(id));
}

PT_TEST(the_yaml)
{
	const pt_process_def *p;

	PT_CHECK_EQ_INT(build("pb_equal_shares", ""), PT_OK);
	p = pp();
	PT_CHECK(p != NULL);
	if (!p) {
		return;
	}
	PT_CHECK_EQ_INT(p->pot_count, 3);
	PT_CHECK_STR(p->pots[0].id, "norte");
	PT_CHECK_STR(p->pots[2].name, "San Luis");
	PT_CHECK(!p->pots[0].city && p->pots[2].city);
	PT_CHECK_EQ_INT(p->tally.pb_budget, 3800);   /* the total */
	PT_CHECK_EQ_INT(p->candidate_count, 10);
	PT_CHECK_EQ_INT(p->candidates[cand("n-c")].pot, 0);
	PT_CHECK_EQ_INT(p->candidates[cand("s-b")].pot, 1);
	PT_CHECK_EQ_INT(p->candidates[cand("c-a")].pot, 2);
	/* where an API option falls: its territory's district, else the city-wide pot */
	PT_CHECK_EQ_INT(pt_process_pot_of_territory(&cfg->territories, p, pt_config_territory(cfg, "norte-1", 7)), 0);
	PT_CHECK_EQ_INT(pt_process_pot_of_territory(&cfg->territories, p, pt_config_territory(cfg, "oriente", 7)), 2);
	PT_CHECK_EQ_INT(pt_process_pot_of_territory(&cfg->territories, p, -1), 2);
	PT_CHECK_EQ_INT(pt_process_pot_of_residence(cfg, p, "norte-1"), 0);
	PT_CHECK_EQ_INT(pt_process_pot_of_residence(cfg, p, "oriente"), -1);
	PT_CHECK_EQ_INT(pt_process_pot_of_residence(cfg, p, "slp"), -1);
	PT_CHECK_EQ_INT(pt_process_pot_of_residence(cfg, p, NULL), -1);
	PT_CHECK_EQ_INT(pt_process_pot_find(p, "sur", 3), 1);
	PT_CHECK_EQ_INT(pt_process_pot_find(p, "este", 4), -1);
}

/* The canonical text of a ballot given as ids, or the refusal's message. */
static const char *cast(const char *const *ids, size_t n, char *out, size_t size)
{
	pt_value *v = pt_value_list(NULL);
	const char *reason;
	size_t reason_len, i;
	pt_buf b;
	pt_error err;

	for (i = 0; i < n; i++) {
		pt_value_push(v, pt_value_cstr(NULL, ids[i]));
	}
	pt_buf_init(&b, NULL);
	pt_error_clear(&err);
	if (pt_process_ballot_value(pp(), v, NULL, &b, &reason, &reason_len, &err) == PT_OK) {
		snprintf(out, size, "%.*s", (int)b.len, b.data ? b.data : "");
	} else {
		snprintf(out, size, "%s", err.message);
	}
	pt_buf_free(&b);
	pt_value_free(v);
	return out;
}

PT_TEST(the_ballot)
{
	char t[512];
	static const char *const own[] = { "c-b", "n-b", "n-c" }, *two[] = { "n-a", "s-a" },
		*over[] = { "n-a", "n-b", "n-c" }, *city_over[] = { "c-a", "c-b" };
	int32_t d = 7;
	pt_error err;

	PT_CHECK_EQ_INT(build("pb_equal_shares", ""), PT_OK);
	PT_CHECK_STR(cast(own, 3, t, sizeof(t)), "n-b,n-c,c-b");   /* the YAML's order */
	PT_CHECK_STR(cast(two, 2, t, sizeof(t)), "Boleta inválida: la boleta elige proyectos de dos distritos (Norte y "
		"Sur); cada persona vota solo en el presupuesto de su distrito.");
	PT_CHECK_STR(cast(over, 3, t, sizeof(t)), "Boleta inválida: los proyectos elegidos de Norte cuestan 1300 en "
		"total y su presupuesto es de 1000.");
	PT_CHECK_STR(cast(city_over, 2, t, sizeof(t)), "Boleta inválida: los proyectos elegidos de San Luis cuestan 2200 "
		"en total y su presupuesto es de 2000.");
	PT_CHECK_STR(cast(NULL, 0, t, sizeof(t)), "");
	/* the stored text's district (the store's check inside the cast) */
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_process_pots_canonical(pp(), "n-b,n-c,c-b", 11, &d, &err), PT_OK);
	PT_CHECK_EQ_INT(d, 0);
	PT_CHECK_EQ_INT(pt_process_pots_canonical(pp(), "c-b", 3, &d, &err), PT_OK);
	PT_CHECK_EQ_INT(d, -1);
	PT_CHECK_EQ_INT(pt_process_pots_canonical(pp(), "s-a,n-a", 7, &d, &err), PT_ERR_INVALID);
	PT_CHECK_EQ_INT(pt_process_pots_canonical(pp(), "zz", 2, &d, &err), PT_ERR_INVALID);
	/* over_budget: allow lifts the pots' budgets, never the one district */
	PT_CHECK_EQ_INT(build("pb_greedy", "    options: { over_budget: allow }\n"), PT_OK);
	PT_CHECK_STR(cast(over, 3, t, sizeof(t)), "n-a,n-b,n-c");
	PT_CHECK(strstr(cast(two, 2, t, sizeof(t)), "dos distritos") != NULL);
}

PT_TEST(the_residence)
{
	pt_error err;

	PT_CHECK_EQ_INT(build("pb_equal_shares", ""), PT_OK);
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_process_rule_pots(cfg, pp(), "norte-1", 0, &err), PT_OK);
	PT_CHECK_EQ_INT(pt_process_rule_pots(cfg, pp(), "norte-1", -1, &err), PT_OK);
	PT_CHECK_EQ_INT(pt_process_rule_pots(cfg, pp(), "oriente", -1, &err), PT_OK);   /* the city-wide pot only */
	PT_CHECK_EQ_INT(pt_process_rule_pots(cfg, pp(), "sur", 0, &err), PT_ERR_INVALID);
	PT_CHECK_STR(err.message, "Boleta inválida: la boleta elige proyectos de Norte, pero vives en Sur; solo puedes "
		"votar en el presupuesto de tu distrito y en el de toda la ciudad.");
	PT_CHECK_EQ_INT(pt_process_rule_pots(cfg, pp(), "oriente", 1, &err), PT_ERR_INVALID);
	PT_CHECK(strstr(err.message, "toda la ciudad") != NULL);
	PT_CHECK_EQ_INT(pt_process_rule_pots(cfg, pp(), "slp", 1, &err), PT_ERR_INVALID);
}

/* Random ballots (one district and the city-wide pot, within budgets or not), counted whole and per pot. */
static void recount(const char *method)
{
	static const char *const pots[3][4] = { { "n-a", "n-b", "n-c", "n-d" }, { "s-a", "s-b", "s-c" }, { "c-a", "c-b", "c-c" } };
	static const size_t sizes[3] = { 4, 3, 3 };
	const pt_process_def *p = pp();
	pt_process_count c;
	pt_profile per[3];
	pt_tally_options po[3];
	int64_t costs[3][4];
	pt_error err;
	unsigned seed = 19;
	size_t b, k, i;

	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_process_count_begin(&c, p, NULL, &err), PT_OK);
	for (k = 0; k < 3; k++) {
		po[k] = p->tally;
		po[k].count_invalid = 1;
		po[k].pb_budget = p->pots[k].budget;
		for (i = 0; i < sizes[k]; i++) {
			costs[k][i] = p->candidates[cand(pots[k][i])].cost;
		}
		po[k].pb_costs = costs[k];
		PT_CHECK_EQ_INT(pt_profile_init(&per[k], PT_BALLOT_APPROVAL, &po[k], NULL, &err), PT_OK);
		for (i = 0; i < sizes[k]; i++) {
			pt_profile_add_candidate(&per[k], pots[k][i], strlen(pots[k][i]), &err);
		}
		pt_profile_fix_candidates(&per[k]);
	}
	for (b = 0; b < 400; b++) {
		char text[128], receipt[16];
		pt_process_ballot row;
		size_t district = (size_t)rand_r(&seed) % 2, used = 0;
		bool any[2] = { false, false };

		text[0] = '\0';
		for (k = 0; k < 3; k++) {
			if (k < 2 && k != district) {
				continue;
			}
			for (i = 0; i < sizes[k]; i++) {
				if (rand_r(&seed) % 3 == 0) {
					used += (size_t)snprintf(text + used, sizeof(text) - used, "%s%s", used ? "," : "", pots[k][i]);
					if (!any[k == 2]) {
						pt_ballot_begin(&per[k], 1, &err);
					}
					any[k == 2] = true;
					pt_ballot_item(&per[k], pots[k][i], strlen(pots[k][i]), 0, 0, &err);
				}
			}
			if (any[k == 2]) {
				pt_ballot_end(&per[k], &err);
			}
		}
		snprintf(receipt, sizeof(receipt), "%02zx%06zu", b % 256, b);
		memset(&row, 0, sizeof(row));
		row.receipt = receipt;
		row.receipt_len = strlen(receipt);
		row.ballot = text;
		row.ballot_len = used;
		PT_CHECK_EQ_INT(pt_process_count_row(&c, &row, &err), PT_OK);
	}
	PT_CHECK_EQ_INT(pt_process_count_finish(&c, &err), PT_OK);
	{
		const pt_value *list = pt_value_get(c.result.details, "pots");

		PT_CHECK(list && list->type == PT_VALUE_LIST && list->u.c.count == 3);
		for (k = 0; list && k < 3 && k < list->u.c.count; k++) {
			pt_tally_result r;
			char got[2048], want[2048];
			const pt_value *e = list->u.c.items[k];

			PT_CHECK_EQ_INT(pt_tally_count(p->method, &per[k], &po[k], &r, &err), PT_OK);
			snprintf(got, sizeof(got), "%s", "");
			{
				pt_buf g, w;

				pt_buf_init(&g, NULL);
				pt_buf_init(&w, NULL);
				pt_json_value(&g, pt_value_get(e, "winners"), 0, &err);
				pt_json_value(&g, pt_value_get(e, "details"), 0, &err);
				pt_json_value(&w, r.winners, 0, &err);
				pt_json_value(&w, r.details, 0, &err);
				snprintf(got, sizeof(got), "%.*s", (int)g.len, g.data);
				snprintf(want, sizeof(want), "%.*s", (int)w.len, w.data);
				pt_buf_free(&g);
				pt_buf_free(&w);
			}
			PT_CHECK_STR(got, want);
			PT_CHECK_EQ_INT(pt_value_get(e, "ballots")->u.i, per[k].total_weight);
			pt_tally_result_free(&r);
		}
	}
	for (k = 0; k < 3; k++) {
		pt_profile_free(&per[k]);
	}
	pt_process_count_free(&c);
}

PT_TEST(each_pot_equals_its_recount)
{
	PT_CHECK_EQ_INT(build("pb_equal_shares", ""), PT_OK);
	recount("pb_equal_shares");
	PT_CHECK_EQ_INT(build("pb_greedy", ""), PT_OK);
	recount("pb_greedy");
}

int main(void)
{
	pt_diags_init(&diags);
	PT_RUN(the_yaml);
	PT_RUN(the_ballot);
	PT_RUN(the_residence);
	PT_RUN(each_pot_equals_its_recount);
	pt_config_free(cfg);
	pt_diags_free(&diags);
	return pt_test_summary("test_pots");
}
