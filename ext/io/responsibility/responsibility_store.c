/* participa io: the responsibility report from the stored data (see responsibility_store.h). */
#include "io/responsibility/responsibility_store.h"
#include "core/common/pt_time.h"
#include "core/site/territory.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define FACTS_SQL \
	"SELECT a.territory_id, COUNT(DISTINCT a.id), COUNT(g.id), COUNT(c.id), COALESCE(SUM(c.progress > 0), 0), " \
	"COALESCE(SUM(ROUND(c.progress * 100)), 0) FROM participa_assemblies a " \
	"LEFT JOIN participa_agreements g ON g.assembly_id = a.id " \
	"LEFT JOIN participa_commitments c ON c.id = g.commitment_id " \
	"WHERE a.held_on <= ? GROUP BY a.territory_id"

typedef struct facts_ctx {
	const pt_config *cfg;
	const pt_allocator *a;
	pt_resp_facts *rows;
	size_t n, cap;
} facts_ctx;

static pt_status fact_row(void *vc, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	facts_ctx *c = vc;
	const char *s;
	size_t len;
	int32_t t;
	pt_resp_facts *f;

	(void)ncols;
	pt_db_col_str(&cols[0], &s, &len);
	if (!s || (t = pt_territory_find(&c->cfg->territories, s, len)) < 0) {
		return PT_OK;   /* a territory the YAML no longer declares */
	}
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 64;
		pt_resp_facts *g = pt_realloc(c->a, c->rows, cap * sizeof(*g));

		if (!g) {
			return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
		}
		c->rows = g;
		c->cap = cap;
	}
	f = &c->rows[c->n++];
	f->territory = t;
	f->assemblies = (uint32_t)pt_db_col_int(&cols[1]);
	f->agreements = (uint32_t)pt_db_col_int(&cols[2]);
	f->commitments = (uint32_t)pt_db_col_int(&cols[3]);
	f->started = (uint32_t)pt_db_col_int(&cols[4]);
	f->progress_sum_cents = pt_db_col_int(&cols[5]);
	return PT_OK;
}

pt_status pt_resp_store_facts(pt_db *db, const pt_config *cfg, const char *date, const pt_allocator *a,
	pt_resp_facts **facts, size_t *n, pt_error *err)
{
	facts_ctx c = { cfg, a, NULL, 0, 0 };
	pt_db_value p[1];
	pt_status s;

	p[0] = PT_DB_TEXT_V(date ? date : "9999-12-31", 10);
	s = pt_db_query(db, FACTS_SQL, p, 1, fact_row, &c, err);
	if (s != PT_OK) {
		pt_free(a, c.rows);
		c.rows = NULL;
		c.n = 0;
	}
	*facts = c.rows;
	*n = c.n;
	return s;
}

pt_status pt_resp_store_report(pt_db *db, const pt_config *cfg, const char *of, size_t len, const char *date,
	size_t date_len, const pt_allocator *a, pt_value **out, pt_error *err)
{
	pt_resp_scope scope;
	pt_resp_facts *facts = NULL;
	pt_resp_line *lines = NULL;
	int32_t *line_of = NULL;
	char day[11];
	size_t n = 0;
	int64_t d;
	pt_status s;

	*out = NULL;
	if ((s = pt_resp_scope_of(cfg, of, len, a, &scope, err)) != PT_OK) {
		return s;
	}
	if (date) {
		if (date_len != 10 || !pt_time_parse_date(date, date_len, 1900, &d)) {
			pt_resp_scope_free(&scope, a);
			return pt_error_set(err, PT_ERR_INVALID, "La fecha debe escribirse AAAA-MM-DD (por ejemplo 2026-04-10).");
		}
		if (d > (int64_t)(time(NULL) / 86400) + 1) {
			/* a report of what happened: tomorrow in some zone of the site at most */
			pt_resp_scope_free(&scope, a);
			return pt_error_set(err, PT_ERR_INVALID, "La fecha del informe (%.10s) es posterior a hoy.", date);
		}
		memcpy(day, date, 10);
		day[10] = '\0';
	}
	s = pt_resp_store_facts(db, cfg, date ? day : NULL, a, &facts, &n, err);
	if (s == PT_OK) {
		lines = pt_calloc(a, scope.count ? scope.count : 1, sizeof(*lines));
		line_of = pt_calloc(a, cfg->territories.count ? cfg->territories.count : 1, sizeof(*line_of));
		if (!lines || !line_of) {
			s = pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
		}
	}
	if (s == PT_OK) {
		pt_resp_report_lines(cfg, &scope, facts, n, line_of, lines);
		s = pt_resp_report_value(cfg, &scope, lines, date ? day : NULL, a, out, err);
	}
	pt_free(a, facts);
	pt_free(a, lines);
	pt_free(a, line_of);
	pt_resp_scope_free(&scope, a);
	return s;
}
