/* participa io: who sits in a body's seats fed by results (see body_store.h). */
#include "io/body/body_store.h"

#include <string.h>

/* One row per listed process that has a final count: its code, its first winner, that option's proposer. */
#define HOLDERS_SQL \
	"SELECT p.code, JSON_UNQUOTE(JSON_EXTRACT(r.result, '$.winners[0]')), o.proposed_by " \
	"FROM JSON_TABLE(?, '$[*]' COLUMNS (code VARCHAR(64) PATH '$')) j " \
	"JOIN participa_processes p ON p.code = j.code COLLATE utf8mb4_bin " \
	"JOIN participa_results r ON r.id = (SELECT r2.id FROM participa_results r2 WHERE r2.process_id = p.id " \
	"AND r2.final = 1 ORDER BY r2.computed_at DESC, r2.id DESC LIMIT 1) " \
	"LEFT JOIN participa_process_options o ON o.process_id = p.id " \
	"AND o.option_id = JSON_UNQUOTE(JSON_EXTRACT(r.result, '$.winners[0]'))"

typedef struct ctx {
	const pt_config *cfg;
	const pt_body *b;
	pt_body_results *r;
} ctx;

static pt_status holder_row(void *vc, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	ctx *c = vc;
	const pt_process_def *def;
	const char *code, *opt, *by;
	size_t clen, olen, blen, i;
	char proposer[192];

	(void)ncols;
	pt_db_col_str(&cols[0], &code, &clen);
	pt_db_col_str(&cols[1], &opt, &olen);
	pt_db_col_str(&cols[2], &by, &blen);
	if (!code || !(def = pt_config_process(c->cfg, code, clen)) || !opt || !olen || olen > 64) {
		return PT_OK;   /* a result with no winner (no candidate): the seat stays vacant */
	}
	by = by && blen < sizeof(proposer) ? (memcpy(proposer, by, blen), proposer[blen] = '\0', proposer) : NULL;
	for (i = 0; i < c->b->seat_count; i++) {
		const pt_body_seat *s = &c->b->seats[i];
		const char *who;

		if (s->process != (int32_t)(def - c->cfg->processes->items) || c->r->winners[i]) {
			continue;
		}
		if (!(c->r->winners[i] = pt_strndup(c->r->a, opt, olen))) {
			return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
		}
		c->r->counted++;
		who = pt_body_winner_participant(c->cfg, s, opt, olen, by);
		if (who && !(c->r->holders[i] = pt_strndup(c->r->a, who, strlen(who)))) {
			return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
		}
	}
	return PT_OK;
}

pt_status pt_body_store_results(pt_db *db, const pt_config *cfg, const pt_body *b, const pt_allocator *a,
	pt_body_results *out, pt_error *err)
{
	ctx c = { cfg, b, out };
	size_t i, len = 2, used;
	char *codes;
	pt_db_value p[1];
	pt_status s;

	memset(out, 0, sizeof(*out));
	out->a = a;
	out->count = b->seat_count;
	out->holders = pt_calloc(a, b->seat_count ? b->seat_count : 1, sizeof(char *));
	out->winners = pt_calloc(a, b->seat_count ? b->seat_count : 1, sizeof(char *));
	if (!out->holders || !out->winners) {
		pt_body_results_free(out);
		return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	}
	if (!pt_body_fed_by_results(b)) {
		return PT_OK;
	}
	for (i = 0; i < b->seat_count; i++) {
		if (b->seats[i].process >= 0) {
			len += strlen(cfg->processes->items[b->seats[i].process].id) + 3;
		}
	}
	if (!(codes = pt_calloc(a, len + 1, 1))) {
		pt_body_results_free(out);
		return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	}
	/* process ids are [a-z0-9][a-z0-9_.:-]*: nothing to escape in a JSON string */
	used = 0;
	codes[used++] = '[';
	for (i = 0; i < b->seat_count; i++) {
		if (b->seats[i].process >= 0) {
			const char *id = cfg->processes->items[b->seats[i].process].id;
			size_t n = strlen(id);

			if (used > 1) {
				codes[used++] = ',';
			}
			codes[used++] = '"';
			memcpy(codes + used, id, n);
			used += n;
			codes[used++] = '"';
		}
	}
	codes[used++] = ']';
	p[0] = PT_DB_TEXT_V(codes, used);
	s = pt_db_query(db, HOLDERS_SQL, p, 1, holder_row, &c, err);
	pt_free(a, codes);
	if (s != PT_OK) {
		pt_body_results_free(out);
	}
	return s;
}

void pt_body_results_free(pt_body_results *r)
{
	size_t i;

	for (i = 0; i < r->count && r->holders; i++) {
		pt_free(r->a, r->holders[i]);
	}
	for (i = 0; i < r->count && r->winners; i++) {
		pt_free(r->a, r->winners[i]);
	}
	pt_free(r->a, r->holders);
	pt_free(r->a, r->winners);
	r->holders = r->winners = NULL;
	r->count = 0;
}

bool pt_body_store_needs_db(const pt_config *cfg, const char *id, size_t len)
{
	return pt_body_fed_by_results(pt_config_body(cfg, id, len));
}

pt_status pt_body_store_view(pt_db *db, const pt_config *cfg, const char *id, size_t len, const char *day,
	size_t day_len, const pt_allocator *a, pt_value **out, pt_error *err)
{
	const pt_body *b = pt_config_body(cfg, id, len);
	pt_body_results r = { 0 };
	pt_status s;

	*out = NULL;
	if (b && pt_body_fed_by_results(b) && (s = pt_body_store_results(db, cfg, b, a, &r, err)) != PT_OK) {
		return s;
	}
	s = pt_body_view(cfg, id, len, day, day_len, (const char *const *)r.holders, (const char *const *)r.winners, a,
		out, err);
	pt_body_results_free(&r);
	return s;
}
