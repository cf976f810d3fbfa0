/* Responsibility for a territory (ext/core/responsibility/): who answers for a territory and everything
 * under it, on the 6,644-territory Iztapalapa example with its 1,423 responsibilities, and the
 * directorate report equal to a recount of the raw facts (random assemblies, agreements, progress). */
#include "pt_test.h"
#include "core/site/site_config.h"
#include "core/site/territory.h"
#include "core/responsibility/responsibility.h"
#include "core/responsibility/responsibility_report.h"
#include "core/participant/permissions.h"
#include "io/site/config_load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static pt_diags diags;
static pt_config *cfg;

/* The examples live at the repository root; make runs the tests from tests/c. */
static void goto_root(void)
{
	if (access("examples/iztapalapa-governance.yaml", R_OK) != 0 && chdir("../..") != 0) {
		fprintf(stderr, "test_responsibility: examples/ not found\n");
	}
}

static int32_t tid(const char *id)
{
	return pt_config_territory(cfg, id, strlen(id));
}

PT_TEST(iztapalapa_responsibilities)
{
	const pt_responsibility *r;
	size_t i, kinds[PT_RESP_KINDS] = { 0 };

	PT_CHECK_EQ_INT(pt_config_load_file("examples/iztapalapa-governance.yaml", &cfg, &diags), PT_OK);
	if (!cfg) {
		for (i = 0; i < diags.count; i++) {
			printf("  %u:%u: %s\n", diags.items[i].line, diags.items[i].column, diags.items[i].message);
		}
		return;
	}
	PT_CHECK_EQ_INT(cfg->territories.count, 6644);
	PT_CHECK_EQ_INT(cfg->responsibilities->count, 13 + 130 + 280 + 1000);
	for (i = 0; i < cfg->responsibilities->count; i++) {
		kinds[cfg->responsibilities->items[i].kind]++;
	}
	PT_CHECK(kinds[PT_RESP_OFFICIAL] == 143 && kinds[PT_RESP_SERVIDOR] == 280 && kinds[PT_RESP_PROMOTER] == 1000);
	/* a block's official is its territory's; without one there, its directorate's */
	r = pt_resp_for(cfg, tid("mz-001-40"), PT_RESP_OFFICIAL);
	PT_CHECK(r && r->territory == tid("t-001"));
	r = pt_resp_for(cfg, tid("t-011"), PT_RESP_OFFICIAL);
	PT_CHECK(r && r->territory == tid("t-011"));
	r = pt_resp_for(cfg, tid("dt-aculco"), PT_RESP_OFFICIAL);
	PT_CHECK(r && !strcmp(r->participant, "wp:1000"));
	PT_CHECK(pt_resp_for(cfg, tid("iztapalapa"), PT_RESP_OFFICIAL) == NULL);
	PT_CHECK(pt_resp_for(cfg, tid("mz-001-40"), PT_RESP_SERVIDOR) == NULL);
	r = pt_resp_for(cfg, tid("mz-001-01"), PT_RESP_SERVIDOR);
	PT_CHECK(r && r->territory == tid("mz-001-01"));
	/* everything under: the directorate's official covers its blocks, not another directorate's */
	PT_CHECK(pt_resp_covers(cfg, "wp:1000", tid("mz-005-50")));
	PT_CHECK(!pt_resp_covers(cfg, "wp:1000", tid("mz-011-01")));
	PT_CHECK(!pt_resp_covers(cfg, "wp:1000", tid("iztapalapa")));
	/* their permissions act there: the assignment behind the responsibility, scoped */
	PT_CHECK(pt_permissions(cfg, "wp:1013", NULL, tid("mz-001-07"), NULL, NULL) & PT_PERM_UPDATE_COMMITMENT);
	PT_CHECK(!(pt_permissions(cfg, "wp:1013", NULL, tid("mz-002-07"), NULL, NULL) & PT_PERM_UPDATE_COMMITMENT));
}

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint32_t next(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng % n);
}

PT_TEST(directorate_report_is_a_recount)
{
	size_t n = 3000, count = 0, i, l;
	pt_resp_facts *f = calloc(n, sizeof(*f));
	pt_resp_line *out = calloc(cfg ? cfg->territories.count : 1, sizeof(*out));
	pt_error err;
	bool same = true;

	pt_error_clear(&err);
	if (!cfg || !f || !out) {
		PT_CHECK(0);
		free(f);
		free(out);
		return;
	}
	for (i = 0; i < n; i++) {
		f[i].territory = (int32_t)next((uint32_t)cfg->territories.count);
		f[i].assemblies = next(4);
		f[i].agreements = f[i].assemblies ? next(6) : 0;
		f[i].commitments = f[i].agreements ? next(f[i].agreements + 1) : 0;
		f[i].started = f[i].commitments ? next(f[i].commitments + 1) : 0;
		f[i].progress_sum_cents = (int64_t)f[i].started * next(10001);
	}
	PT_CHECK(pt_resp_report(cfg, "direccion_territorial", f, n, out, &count, &err) == PT_OK);
	PT_CHECK_EQ_INT(count, 13);
	for (l = 0; l < count; l++) {
		uint64_t a = 0, g = 0, c = 0, s = 0, stages[PT_STAGES] = { 0 };
		int64_t p = 0;

		for (i = 0; i < n; i++) {
			if (pt_territory_within(&cfg->territories, f[i].territory, out[l].territory)) {
				a += f[i].assemblies;
				g += f[i].agreements;
				c += f[i].commitments;
				s += f[i].started;
				p += f[i].progress_sum_cents;
				stages[f[i].started ? 3 : f[i].agreements ? 2 : f[i].assemblies ? 1 : 0]++;
			}
		}
		same = same && a == out[l].assemblies && g == out[l].agreements && c == out[l].commitments
			&& s == out[l].started && p == out[l].progress_sum_cents;
		for (i = 0; i < PT_STAGES; i++) {
			same = same && stages[i] == out[l].agendas[i];
		}
		same = same && out[l].official && out[l].official->territory == out[l].territory;
	}
	PT_CHECK(same);
	PT_CHECK(pt_resp_report(cfg, "colonia", f, n, out, &count, &err) == PT_ERR_NOT_FOUND && count == 0);
	free(f);
	free(out);
}

/* The report of a territory (it and its children), of a person (their territories) equal a recount of
 * random facts; the scope's refusals. */
PT_TEST(territory_and_person_reports_are_recounts)
{
	size_t n = 4000, i, l;
	pt_resp_facts *f = calloc(n, sizeof(*f));
	pt_resp_line *out = calloc(PT_RESP_REPORT_MAX_LINES, sizeof(*out));
	int32_t *line_of = calloc(cfg ? cfg->territories.count : 1, sizeof(*line_of));
	const char *scopes[] = { "iztapalapa", "dt-aculco", "t-001", "mz-001-01", "wp:1000", "wp:1013" };
	pt_resp_scope sc;
	pt_error err;
	bool same = true;
	size_t k;

	if (!cfg || !f || !out || !line_of) {
		PT_CHECK(0);
		free(f);
		free(out);
		free(line_of);
		return;
	}
	for (i = 0; i < n; i++) {
		f[i].territory = (int32_t)next((uint32_t)cfg->territories.count);
		f[i].assemblies = 1 + next(3);
		f[i].agreements = next(6);
		f[i].commitments = f[i].agreements ? next(f[i].agreements + 1) : 0;
		f[i].started = f[i].commitments ? next(f[i].commitments + 1) : 0;
		f[i].progress_sum_cents = (int64_t)f[i].started * next(10001);
	}
	for (k = 0; k < sizeof(scopes) / sizeof(scopes[0]); k++) {
		pt_error_clear(&err);
		if (pt_resp_scope_of(cfg, scopes[k], strlen(scopes[k]), NULL, &sc, &err) != PT_OK) {
			PT_CHECK(0);
			continue;
		}
		PT_CHECK(sc.count > 0 && sc.person == (scopes[k][0] == 'w'));
		pt_resp_report_lines(cfg, &sc, f, n, line_of, out);
		for (l = 0; l < sc.count; l++) {
			uint64_t a = 0, g = 0, c = 0, st = 0, stages[PT_STAGES] = { 0 };
			int64_t p = 0;

			same = same && out[l].territory == sc.roots[l];
			if (!sc.person) {
				/* the first line is the territory asked for, the others its children */
				same = same && (l == 0 ? sc.roots[l] == sc.territory
					: cfg->territories.items[sc.roots[l]].parent == sc.territory);
			}
			for (i = 0; i < n; i++) {
				if (pt_territory_within(&cfg->territories, f[i].territory, out[l].territory)) {
					a += f[i].assemblies;
					g += f[i].agreements;
					c += f[i].commitments;
					st += f[i].started;
					p += f[i].progress_sum_cents;
					stages[f[i].started ? 3 : f[i].agreements ? 2 : 1]++;
				}
			}
			same = same && a == out[l].assemblies && g == out[l].agreements && c == out[l].commitments
				&& st == out[l].started && p == out[l].progress_sum_cents;
			for (i = 0; i < PT_STAGES; i++) {
				same = same && stages[i] == out[l].agendas[i];
			}
		}
		pt_resp_scope_free(&sc, NULL);
	}
	PT_CHECK(same);
	/* dt-aculco: itself and its ten territories */
	PT_CHECK(pt_resp_scope_of(cfg, "dt-aculco", 9, NULL, &sc, &err) == PT_OK && sc.count == 11);
	pt_resp_scope_free(&sc, NULL);
	pt_error_clear(&err);
	PT_CHECK(pt_resp_scope_of(cfg, "dt-nada", 7, NULL, &sc, &err) == PT_ERR_NOT_FOUND
		&& strstr(err.message, "No existe el territorio") != NULL);
	pt_error_clear(&err);
	PT_CHECK(pt_resp_scope_of(cfg, "wp:0", 4, NULL, &sc, &err) == PT_ERR_NOT_FOUND
		&& strstr(err.message, "no tiene responsabilidad") != NULL);
	pt_error_clear(&err);
	PT_CHECK(pt_resp_scope_of(cfg, "", 0, NULL, &sc, &err) == PT_ERR_NOT_FOUND);
	free(f);
	free(out);
	free(line_of);
}

int main(void)
{
	pt_diags_init(&diags);
	goto_root();
	PT_RUN(iztapalapa_responsibilities);
	PT_RUN(directorate_report_is_a_recount);
	PT_RUN(territory_and_person_reports_are_recounts);
	pt_config_free(cfg);
	pt_diags_free(&diags);
	return pt_test_summary("test_responsibility");
}
