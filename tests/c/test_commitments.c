/* Commitment core: canonical values, roll-up, traffic light, history encoding and hash, CSV. */
#include "pt_test.h"
#include "core/commitment/commitment.h"
#include "core/commitment/commitment_import.h"
#include "core/common/csv.h"
#include "core/common/digest.h"
#include "io/commitment/commitment_store.h"
#include "io/common/schema_sql.h"

#include <stdlib.h>
#include <unistd.h>

#include <string.h>

static const char *canon(pt_commitment_field f, const char *in, char *out, size_t size, pt_status *st)
{
	pt_error err;

	pt_error_clear(&err);
	*st = pt_commitment_canonical(f, in, strlen(in), out, size, &err);
	if (*st != PT_OK) {
		snprintf(out, size, "%s", err.message);
	}
	return out;
}

PT_TEST(canonical_values)
{
	char out[256];
	pt_status st;

	PT_CHECK_STR(canon(PT_CMF_PROGRESS, "45.5", out, sizeof(out), &st), "45.50");
	PT_CHECK_STR(canon(PT_CMF_PROGRESS, "100", out, sizeof(out), &st), "100.00");
	PT_CHECK_STR(canon(PT_CMF_PROGRESS, "007", out, sizeof(out), &st), "7.00");
	canon(PT_CMF_PROGRESS, "100.01", out, sizeof(out), &st);
	PT_CHECK(st == PT_ERR_INVALID);
	canon(PT_CMF_PROGRESS, "-1", out, sizeof(out), &st);
	PT_CHECK(st == PT_ERR_INVALID);
	canon(PT_CMF_PROGRESS, "4.555", out, sizeof(out), &st);
	PT_CHECK(st == PT_ERR_INVALID);
	PT_CHECK_STR(canon(PT_CMF_BUDGET, "1250000.5", out, sizeof(out), &st), "1250000.50");
	PT_CHECK_STR(canon(PT_CMF_BUDGET, "0", out, sizeof(out), &st), "0.00");
	canon(PT_CMF_BUDGET, "1e6", out, sizeof(out), &st);
	PT_CHECK(st == PT_ERR_INVALID);
	canon(PT_CMF_BUDGET, "12345678901234", out, sizeof(out), &st);   /* 14 integer digits */
	PT_CHECK(st == PT_ERR_INVALID);
	PT_CHECK_STR(canon(PT_CMF_WEIGHT, "2.5", out, sizeof(out), &st), "2.500");
	canon(PT_CMF_WEIGHT, "0", out, sizeof(out), &st);
	PT_CHECK(st == PT_ERR_INVALID);
	PT_CHECK_STR(canon(PT_CMF_START, "2024-02-29", out, sizeof(out), &st), "2024-02-29");
	canon(PT_CMF_START, "2026-02-29", out, sizeof(out), &st);
	PT_CHECK(st == PT_ERR_INVALID);
	canon(PT_CMF_DUE, "2026-1-01", out, sizeof(out), &st);
	PT_CHECK(st == PT_ERR_INVALID);
	PT_CHECK_STR(canon(PT_CMF_PILLARS, " transparencia ;participacion;;transparencia", out, sizeof(out), &st),
		"transparencia;participacion");
	canon(PT_CMF_PILLARS, "Transparencia", out, sizeof(out), &st);
	PT_CHECK(st == PT_ERR_INVALID);
	PT_CHECK_STR(canon(PT_CMF_ACTORS, "Colectivo A;  INFO CDMX ", out, sizeof(out), &st), "Colectivo A; INFO CDMX");
}

PT_TEST(rollup)
{
	int32_t p[3] = { 10000, 4550, 0 };
	int64_t w[3] = { 3000, 1000, 0 };

	PT_CHECK_EQ_INT(pt_commitment_rollup(p, NULL, 0), 0);
	PT_CHECK_EQ_INT(pt_commitment_rollup(p, NULL, 2), 7275);          /* plain mean */
	PT_CHECK_EQ_INT(pt_commitment_rollup(p, w, 2), 8638);             /* (3*100 + 45.5)/4 = 86.375 -> 86.38 */
	PT_CHECK_EQ_INT(pt_commitment_rollup(p, w, 3), 6910);             /* absent weight counts 1: 345.5/5 = 69.10 */
	{
		int32_t q[3] = { 1, 0, 0 };                        /* 0.01/3 = 0.0033 -> 0 */
		int32_t r[2] = { 1, 0 };                           /* 0.005 -> half up -> 0.01 */

		PT_CHECK_EQ_INT(pt_commitment_rollup(q, NULL, 3), 0);
		PT_CHECK_EQ_INT(pt_commitment_rollup(r, NULL, 2), 1);
	}
	{
		/* a million children at the heaviest weight: 64-bit sums would overflow */
		enum { N = 1000000 };
		int32_t *pp = malloc(N * sizeof(int32_t));
		int64_t *ww = malloc(N * sizeof(int64_t));
		size_t i;

		for (i = 0; i < N; i++) {
			pp[i] = i % 2 ? 10000 : 0;
			ww[i] = 999999999;
		}
		PT_CHECK_EQ_INT(pt_commitment_rollup(pp, ww, N), 5000);
		pp[0] = -7;            /* out-of-range inputs are clamped */
		pp[1] = 20000;
		PT_CHECK_EQ_INT(pt_commitment_rollup(pp, NULL, 2), 5000);
		free(pp);
		free(ww);
	}
}

PT_TEST(traffic_light)
{
	PT_CHECK(pt_commitment_traffic_light("2026-01-01", "2026-12-31", "2026-07-01", 4000, false, 1500, 0) == PT_COMMITMENT_LIGHT_ON_TRACK);
	PT_CHECK(pt_commitment_traffic_light("2026-01-01", "2026-12-31", "2026-07-01", 3000, false, 1500, 0) == PT_COMMITMENT_LIGHT_AT_RISK);
	PT_CHECK(pt_commitment_traffic_light("2026-01-01", "2026-12-31", "2027-01-01", 9000, false, 1500, 0) == PT_COMMITMENT_LIGHT_LATE);
	PT_CHECK(pt_commitment_traffic_light("2026-01-01", "2026-12-31", "2027-01-01", 9000, false, 1500, 5) == PT_COMMITMENT_LIGHT_AT_RISK);
	PT_CHECK(pt_commitment_traffic_light("2026-01-01", "2026-12-31", "2027-01-01", 10000, false, 1500, 0) == PT_COMMITMENT_LIGHT_DONE);
	PT_CHECK(pt_commitment_traffic_light("2026-01-01", "2026-12-31", "2027-01-01", 2000, true, 1500, 0) == PT_COMMITMENT_LIGHT_CLOSED);
	PT_CHECK(pt_commitment_traffic_light(NULL, NULL, "2027-01-01", 2000, false, 1500, 0) == PT_COMMITMENT_LIGHT_UNSCHEDULED);
	PT_CHECK_EQ_INT(pt_commitment_days("1970-01-01"), 0);
	PT_CHECK_EQ_INT(pt_commitment_days("2000-03-01"), 11017);
	PT_CHECK_STR(pt_commitment_light_name(PT_COMMITMENT_LIGHT_AT_RISK), "at_risk");
}

PT_TEST(percent)
{
	PT_CHECK(pt_commitment_percent(13, 62) == 20.97);
	PT_CHECK(pt_commitment_percent(4, 62) == 6.45);
	PT_CHECK(pt_commitment_percent(1, 62) == 1.61);
	PT_CHECK(pt_commitment_percent(62, 62) == 100.0);
	PT_CHECK(pt_commitment_percent(1, 0) == 0.0);
}

PT_TEST(history_encoding_and_hash)
{
	pt_commitment_event e = { 7, "PAL-01", "update", "wp:7", "2026-03-01 12:00:00.000001", "{\"progress\":[\"0.00\",\"10.00\"]}", "" };
	pt_buf b;
	char h1[65], h2[65], h3[65];
	pt_error err;
	uint8_t d[PT_SHA256_BYTES];
	char expect[65];

	pt_buf_init(&b, NULL);
	pt_commitment_event_encode(&e, PT_COMMITMENT_GENESIS, &b);
	PT_CHECK_STR(b.data, "participa-history-1\nseq:7\ncommitment:6:PAL-01\naction:6:update\nactor:4:wp:7\n"
		"at:26:2026-03-01 12:00:00.000001\nchanges:29:{\"progress\":[\"0.00\",\"10.00\"]}\nnote:0:\n"
		"prev:0000000000000000000000000000000000000000000000000000000000000000\n");
	pt_error_clear(&err);
	PT_CHECK(pt_sha256_once(b.data, b.len, d, &err) == PT_OK);
	pt_sha256_hex(d, expect);
	PT_CHECK(pt_commitment_event_hash(&e, PT_COMMITMENT_GENESIS, h1, &err) == PT_OK);
	PT_CHECK_STR(h1, expect);
	/* any field change, or another prev, changes the hash */
	e.note = "x";
	PT_CHECK(pt_commitment_event_hash(&e, PT_COMMITMENT_GENESIS, h2, &err) == PT_OK);
	PT_CHECK(strcmp(h1, h2) != 0);
	e.note = "";
	PT_CHECK(pt_commitment_event_hash(&e, h1, h3, &err) == PT_OK);
	PT_CHECK(strcmp(h1, h3) != 0);
	/* length prefixes: moving a byte between fields is not a collision */
	{
		pt_commitment_event a = { 1, "ab", "c", "x", "t", "{}", "" }, c = { 1, "a", "bc", "x", "t", "{}", "" };
		char ha[65], hc[65];

		pt_commitment_event_hash(&a, PT_COMMITMENT_GENESIS, ha, &err);
		pt_commitment_event_hash(&c, PT_COMMITMENT_GENESIS, hc, &err);
		PT_CHECK(strcmp(ha, hc) != 0);
	}
	pt_buf_free(&b);
}

PT_TEST(diff_and_json)
{
	pt_commitment_record a, b;
	pt_buf out;
	pt_commitment_evidence ev[1] = { { "https://x.mx/a?b=\"c\"", NULL, "línea\n2", "2026-01-01", "wp:1" } };

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	a.v[PT_CMF_ID] = b.v[PT_CMF_ID] = "X";
	a.v[PT_CMF_PROGRESS] = "0.00";
	b.v[PT_CMF_PROGRESS] = "10.00";
	b.v[PT_CMF_TITLE] = "Título";
	pt_buf_init(&out, NULL);
	PT_CHECK_EQ_INT(pt_commitment_diff(&a, &b, &out), 2);
	PT_CHECK_STR(out.data, "{\"title\":[null,\"Título\"],\"progress\":[\"0.00\",\"10.00\"]}");
	out.len = 0;
	PT_CHECK_EQ_INT(pt_commitment_diff(&a, &a, &out), 0);
	PT_CHECK_STR(out.data, "{}");
	out.len = 0;
	pt_commitment_evidence_json(&out, ev, 1);
	PT_CHECK_STR(out.data, "[{\"url\":\"https://x.mx/a?b=\\\"c\\\"\",\"reference\":null,\"description\":\"línea\\u000a2\","
		"\"date\":\"2026-01-01\",\"added_by\":\"wp:1\"}]");
	pt_buf_free(&out);
}

static int read_all(const char *csv, char fields[][64], size_t *rows, pt_error *err)
{
	pt_csv_reader r;
	bool done = false;
	size_t n = 0, i;
	pt_status st;

	pt_csv_reader_init(&r, csv, strlen(csv), NULL);
	while ((st = pt_csv_next(&r, &done, err)) == PT_OK && !done) {
		for (i = 0; i < r.field_count; i++) {
			snprintf(fields[n++], 64, "%s", r.fields[i]);
		}
		snprintf(fields[n++], 64, "|");
	}
	*rows = r.row;
	pt_csv_reader_free(&r);
	return st == PT_OK ? (int)n : -1;
}

PT_TEST(csv_round_trip_and_errors)
{
	const char *values[] = { "plain", "with, comma", "with \"quotes\"", "two\nlines", "", "Año ñ" };
	pt_buf out;
	char fields[32][64];
	size_t rows, i;
	pt_error err;
	int n;

	pt_buf_init(&out, NULL);
	for (i = 0; i < 6; i++) {
		pt_csv_field(&out, values[i], strlen(values[i]), i == 0);
	}
	pt_csv_end_record(&out);
	PT_CHECK_STR(out.data, "plain,\"with, comma\",\"with \"\"quotes\"\"\",\"two\nlines\",,Año ñ\r\n");
	pt_error_clear(&err);
	n = read_all(out.data, fields, &rows, &err);
	PT_CHECK_EQ_INT(n, 7);
	for (i = 0; i < 6 && n == 7; i++) {
		PT_CHECK_STR(fields[i], values[i]);
	}
	pt_buf_free(&out);

	/* BOM, LF line ends, last record without a line end */
	PT_CHECK_EQ_INT(read_all("\xEF\xBB\xBF" "a,b\nc,d", fields, &rows, &err), 6);
	PT_CHECK_STR(fields[0], "a");
	PT_CHECK_STR(fields[4], "d");
	PT_CHECK_EQ_INT(rows, 2);

	pt_error_clear(&err);
	PT_CHECK_EQ_INT(read_all("a,b\r\nc,\"d\"x\r\n", fields, &rows, &err), -1);
	PT_CHECK_EQ_INT(err.line, 2);
	PT_CHECK_EQ_INT(err.column, 2);
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(read_all("a,b\r\nc,d\r\ne,f\"g\r\n", fields, &rows, &err), -1);
	PT_CHECK_EQ_INT(err.line, 3);
	PT_CHECK_EQ_INT(err.column, 2);
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(read_all("a,\"open\r\n", fields, &rows, &err), -1);
	PT_CHECK_EQ_INT(err.line, 1);
	PT_CHECK_EQ_INT(err.column, 2);
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(read_all("a,\xC3\x28\r\n", fields, &rows, &err), -1);
	PT_CHECK_EQ_INT(err.column, 2);
}

typedef struct changes_log {
	int n;
	char text[512];
} changes_log;

static pt_status log_change(void *ctx, pt_commitment_field f, const char *old, size_t old_len, const char *nw, size_t nw_len,
	pt_error *err)
{
	changes_log *l = ctx;
	size_t used = strlen(l->text);

	snprintf(l->text + used, sizeof(l->text) - used, "%s%s=%.*s>%.*s", l->n++ ? "|" : "", pt_commitment_field_names[f],
		old ? (int)old_len : 4, old ? old : "NULL", nw ? (int)nw_len : 4, nw ? nw : "NULL");
	return PT_OK;
}

PT_TEST(changes_read_back)
{
	pt_commitment_record a, b;
	pt_buf out;
	changes_log l;
	pt_error err;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	a.v[PT_CMF_ID] = b.v[PT_CMF_ID] = "X";
	a.v[PT_CMF_TITLE] = "T\xC3\xADtulo \"uno\"\\";
	b.v[PT_CMF_TITLE] = "l\xC3\xADnea\n2\x7F";
	b.v[PT_CMF_PROGRESS] = "10.00";
	pt_buf_init(&out, NULL);
	pt_commitment_diff(&a, &b, &out);
	memset(&l, 0, sizeof(l));
	pt_error_clear(&err);
	PT_CHECK(pt_commitment_changes_parse(out.data, out.len, log_change, &l, NULL, &err) == PT_OK);
	PT_CHECK_STR(l.text, "title=T\xC3\xADtulo \"uno\"\\>l\xC3\xADnea\n2\x7F|progress=NULL>10.00");
	/* anything but the canonical form is refused */
	{
		const char *bad[] = { "", "{", "{\"title\":[\"a\",\"b\"]", "{\"nope\":[null,null]}", "{\"title\": [null,null]}",
			"{\"title\":[\"a\\n\",null]}", "{\"title\":[\"\\u12\",null]}", "{\"title\":[null,null]}x",
			"{\"title\":[null,null],}", "[]" };
		size_t i;

		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			memset(&l, 0, sizeof(l));
			if (pt_commitment_changes_parse(bad[i], strlen(bad[i]), log_change, &l, NULL, &err) != PT_ERR_INVALID) {
				PT_FAIL_AT("accepted %s", bad[i]);
			}
		}
	}
	memset(&l, 0, sizeof(l));
	PT_CHECK(pt_commitment_changes_parse("{}", 2, log_change, &l, NULL, &err) == PT_OK);
	PT_CHECK_EQ_INT(l.n, 0);
	pt_buf_free(&out);
}

/* ---- import order (core/commitment_import.h) ---------------------------------------- */

typedef struct err_log {
	size_t count;
	size_t index[64];
	pt_commitment_field field[64];
	char msg[64][160];
} err_log;

static void log_error(void *ctx, size_t index, pt_commitment_field field, const char *message)
{
	err_log *l = ctx;

	if (l->count < 64) {
		l->index[l->count] = index;
		l->field[l->count] = field;
		snprintf(l->msg[l->count], sizeof(l->msg[0]), "%s", message);
	}
	l->count++;
}

static void row_init(pt_commitment_import_row *r, size_t row, const char *id, const char *parent)
{
	memset(r, 0, sizeof(*r));
	r->row = row;
	r->id = id;
	r->parent_set = true;
	r->parent = parent;
	r->plan_set = true;
	r->plan = "pal";
	r->has_title = true;
}

/* position of row index i in order[0..n), or -1 */
static long pos_of(const size_t *order, size_t n, size_t i)
{
	size_t k;

	for (k = 0; k < n; k++) {
		if (order[k] == i) {
			return (long)k;
		}
	}
	return -1;
}

PT_TEST(import_order_parents_first)
{
	pt_commitment_import_row rows[5];
	size_t order[5], n = 0;
	err_log l;
	pt_error err;

	/* child-first: a.1.1, a.1, b, a.2, a */
	row_init(&rows[0], 2, "a.1.1", "a.1");
	row_init(&rows[1], 3, "a.1", "a");
	row_init(&rows[2], 4, "b", NULL);
	row_init(&rows[3], 5, "a.2", "a");
	row_init(&rows[4], 6, "a", NULL);
	memset(&l, 0, sizeof(l));
	pt_error_clear(&err);
	PT_CHECK(pt_commitment_import_order(rows, 5, NULL, 0, PT_COMMITMENT_IMPORT_MAX_DEPTH, order, &n, log_error, &l, NULL, &err) == PT_OK);
	PT_CHECK_EQ_INT(l.count, 0);
	PT_CHECK_EQ_INT(n, 5);
	/* roots in file order, then breadth first keeping the file's order among siblings */
	PT_CHECK_EQ_INT(order[0], 2);
	PT_CHECK_EQ_INT(order[1], 4);
	PT_CHECK_EQ_INT(order[2], 1);
	PT_CHECK_EQ_INT(order[3], 3);
	PT_CHECK_EQ_INT(order[4], 0);
	PT_CHECK_EQ_INT(rows[0].depth, 2);
	PT_CHECK_EQ_INT(rows[0].parent_row, 1);
}

PT_TEST(import_order_long_chain_is_linear)
{
	/* 50,000 rows, each the child of the next one: the deepest first. A
	 * quadratic ordering would take minutes here; cubic, forever. */
	enum { N = 50000 };
	pt_commitment_import_row *rows = calloc(N, sizeof(*rows));
	size_t *order = calloc(N, sizeof(*order)), n = 0, i;
	char (*ids)[16] = calloc(N, sizeof(*ids));
	err_log l;
	pt_error err;
	bool parents_first = true;

	for (i = 0; i < N; i++) {
		snprintf(ids[i], sizeof(ids[i]), "c%zu", i);
	}
	for (i = 0; i < N; i++) {
		row_init(&rows[i], i + 2, ids[i], i + 1 < N ? ids[i + 1] : NULL);
	}
	/* without a depth limit: every row, parents first */
	memset(&l, 0, sizeof(l));
	pt_error_clear(&err);
	PT_CHECK(pt_commitment_import_order(rows, N, NULL, 0, N + 1, order, &n, log_error, &l, NULL, &err) == PT_OK);
	PT_CHECK_EQ_INT(l.count, 0);
	PT_CHECK_EQ_INT(n, N);
	for (i = 0; i < n; i++) {
		parents_first = parents_first && order[i] == N - 1 - i;
	}
	PT_CHECK(parents_first);
	PT_CHECK_EQ_INT(rows[0].depth, N - 1);
	/* with the real limit: one error, on the first row too deep; the 16 levels above it are written */
	memset(&l, 0, sizeof(l));
	PT_CHECK(pt_commitment_import_order(rows, N, NULL, 0, PT_COMMITMENT_IMPORT_MAX_DEPTH, order, &n, log_error, &l, NULL, &err) == PT_OK);
	PT_CHECK_EQ_INT(l.count, 1);
	PT_CHECK_EQ_INT(l.index[0], N - 1 - PT_COMMITMENT_IMPORT_MAX_DEPTH);
	PT_CHECK(l.field[0] == PT_CMF_PARENT);
	PT_CHECK_STR(l.msg[0], "Se admiten como máximo 16 niveles de compromisos.");
	PT_CHECK_EQ_INT(n, PT_COMMITMENT_IMPORT_MAX_DEPTH);
	PT_CHECK(rows[0].blocked);
	/* a cycle closing the whole chain: every row is on it, each gets the error once */
	rows[N - 1].parent = ids[0];
	memset(&l, 0, sizeof(l));
	PT_CHECK(pt_commitment_import_order(rows, N, NULL, 0, PT_COMMITMENT_IMPORT_MAX_DEPTH, order, &n, log_error, &l, NULL, &err) == PT_OK);
	PT_CHECK_EQ_INT(l.count, N);
	PT_CHECK_EQ_INT(n, 0);
	PT_CHECK_STR(l.msg[0], "ciclo de compromisos padre");
	free(rows);
	free(order);
	free(ids);
}

PT_TEST(import_order_cycles_and_repeats)
{
	pt_commitment_import_row rows[8];
	size_t order[8], n = 0;
	err_log l;
	pt_error err;

	row_init(&rows[0], 2, "a", "c");      /* a -> c -> b -> a: a cycle */
	row_init(&rows[1], 3, "b", "a");
	row_init(&rows[2], 4, "c", "b");
	row_init(&rows[3], 5, "d", "a");      /* hangs from the cycle: not written, no error of its own */
	row_init(&rows[4], 6, "e", "e");      /* its own parent */
	row_init(&rows[5], 7, "f", NULL);
	row_init(&rows[6], 8, "f", NULL);     /* repeated */
	row_init(&rows[7], 9, "g", "f");      /* child of the first f */
	memset(&l, 0, sizeof(l));
	pt_error_clear(&err);
	PT_CHECK(pt_commitment_import_order(rows, 8, NULL, 0, PT_COMMITMENT_IMPORT_MAX_DEPTH, order, &n, log_error, &l, NULL, &err) == PT_OK);
	PT_CHECK_EQ_INT(l.count, 5);
	PT_CHECK(rows[0].bad && rows[1].bad && rows[2].bad && !rows[3].bad && rows[3].blocked);
	PT_CHECK(rows[4].bad);
	PT_CHECK(!rows[5].bad && rows[6].bad && !rows[7].bad);
	PT_CHECK_EQ_INT(rows[7].parent_row, 5);
	PT_CHECK_EQ_INT(n, 2);
	PT_CHECK_EQ_INT(order[0], 5);
	PT_CHECK_EQ_INT(order[1], 7);
	{
		size_t k;
		bool repeated = false, own = false;

		for (k = 0; k < l.count; k++) {
			repeated = repeated || (l.index[k] == 6 && strcmp(l.msg[k], "id 'f' repetido (fila 7)") == 0);
			own = own || (l.index[k] == 4 && strcmp(l.msg[k], "Un compromiso no puede ser su propio padre.") == 0);
		}
		PT_CHECK(repeated);
		PT_CHECK(own);
	}
	PT_CHECK(pos_of(order, n, 3) < 0);
}

PT_TEST(import_order_against_stored)
{
	pt_commitment_import_stored st[5] = {
		{ "deep", "pal", NULL, "0.00", 15, 0 },       /* a stored commitment at the last level */
		{ "otro", "agenda", NULL, "0.00", 0, 0 },
		{ "padre", "pal", NULL, "40.00", 0, 2 },      /* has children: progress is rolled up */
		{ "hijo", "pal", "padre", "10.00", 1, 0 },
		{ "raiz", "pal", NULL, "0.00", 0, 0 },
	};
	pt_commitment_import_row rows[8];
	size_t order[8], n = 0, k;
	err_log l;
	pt_error err;
	int seen = 0;

	row_init(&rows[0], 2, "x1", "deep");           /* would be level 17 */
	row_init(&rows[1], 3, "x2", "otro");           /* parent in another plan */
	row_init(&rows[2], 4, "x3", "nadie");          /* parent nowhere */
	row_init(&rows[3], 5, "hijo", NULL);           /* moves a stored commitment */
	row_init(&rows[4], 6, "padre", NULL);
	rows[4].plan = "agenda";                       /* changes a stored plan */
	rows[4].progress_set = true;
	rows[4].progress = "50.00";                    /* and a rolled-up progress */
	row_init(&rows[5], 7, "nuevo", NULL);
	rows[5].plan_set = false;
	rows[5].plan = NULL;
	rows[5].has_title = false;
	row_init(&rows[6], 8, "x4", "raiz");           /* fine: a new child of a stored one */
	memset(&l, 0, sizeof(l));
	pt_error_clear(&err);
	PT_CHECK(pt_commitment_import_order(rows, 7, st, 5, PT_COMMITMENT_IMPORT_MAX_DEPTH, order, &n, log_error, &l, NULL, &err) == PT_OK);
	for (k = 0; k < l.count && k < 64; k++) {
		const char *m = l.msg[k];

		seen |= (l.index[k] == 0 && strstr(m, "niveles")) ? 1 : 0;
		seen |= (l.index[k] == 1 && strcmp(m, "El compromiso padre 'otro' pertenece a otro plan.") == 0) ? 2 : 0;
		seen |= (l.index[k] == 2 && strcmp(m, "No existe el compromiso padre 'nadie'.") == 0) ? 4 : 0;
		seen |= (l.index[k] == 3 && l.field[k] == PT_CMF_PARENT && strstr(m, "padre de 'hijo'")) ? 8 : 0;
		seen |= (l.index[k] == 4 && l.field[k] == PT_CMF_PLAN) ? 16 : 0;
		seen |= (l.index[k] == 4 && l.field[k] == PT_CMF_PROGRESS && strstr(m, "sus 2 subcompromisos")) ? 32 : 0;
		seen |= (l.index[k] == 5 && l.field[k] == PT_CMF_PLAN) ? 64 : 0;
		seen |= (l.index[k] == 5 && l.field[k] == PT_CMF_TITLE) ? 128 : 0;
	}
	PT_CHECK_EQ_INT(seen, 255);
	PT_CHECK_EQ_INT(l.count, 8);
	PT_CHECK_EQ_INT(n, 1);
	PT_CHECK_EQ_INT(order[0], 6);
	PT_CHECK_EQ_INT(rows[6].depth, 1);
	PT_CHECK(rows[3].exists && !rows[6].exists);
	/* the row limit */
	PT_CHECK(pt_commitment_import_order(rows, PT_COMMITMENT_IMPORT_MAX_ROWS + 1, st, 5, PT_COMMITMENT_IMPORT_MAX_DEPTH, order, &n, NULL, NULL, NULL, &err)
		== PT_ERR_INVALID);
}

/* ---- the store's import and verify, against a real server (PARTICIPA_TEST_SOCKET) ------ */

static pt_db *cm_open(const char *socket, const char *name)
{
	pt_db_settings st;
	pt_db *db = NULL;
	pt_error err;

	memset(&st, 0, sizeof(st));
	st.socket = (char *)socket;
	st.user = (char *)"root";
	st.name = (char *)name;
	pt_error_clear(&err);
	if (pt_db_connect(&st, NULL, &db, &err) != PT_OK) {
		printf("  connect failed: %s\n", err.message);
		return NULL;
	}
	return db;
}

typedef struct import_log {
	int created, refused, skipped;
	int refused_field;
	char message[256];
} import_log;

static pt_status import_log_fn(void *ctx, size_t index, pt_commitment_store_import_action action, size_t changed,
	const char *changes, const pt_error *refusal, int field, pt_error *err)
{
	import_log *l = ctx;

	if (action == PT_COMMITMENT_IMPORT_CREATE) {
		l->created++;
	} else if (action == PT_COMMITMENT_IMPORT_REFUSED) {
		l->refused++;
		l->refused_field = field;
		snprintf(l->message, sizeof(l->message), "%s", refusal ? refusal->message : "");
	} else if (action == PT_COMMITMENT_IMPORT_SKIPPED) {
		l->skipped++;
	}
	return PT_OK;
}

static void patch_set(pt_commitment_patch *p, pt_commitment_field f, const char *v)
{
	p->set[f] = true;
	p->v[f] = v;
}

static size_t count_commitments(pt_db *db)
{
	pt_db_int_cell cell = { 0, false };
	pt_error err;

	pt_error_clear(&err);
	pt_db_query(db, "SELECT COUNT(*) FROM participa_commitments", NULL, 0, pt_db_int_cell_fn, &cell, &err);
	return (size_t)cell.value;
}

PT_TEST(store_import_and_verify)
{
	const char *socket = getenv("PARTICIPA_TEST_SOCKET");
	char name[64], sql[128];
	pt_db *admin, *db;
	pt_error err;
	const char *ids[4] = { "C1", "C2", "P", "C3" };
	pt_commitment_patch patches[4];
	pt_commitment_import_row rows[4];
	pt_commitment_import_stored *stored = NULL;
	size_t nstored = 0, order[4], count = 0, i;
	int64_t parents[4];
	pt_commitment_evidence ev[1] = { { "https://a.mx/acta.pdf", NULL, "Acta", "2026-03-01", "wp:1" } };
	pt_commitment_store_import im;
	import_log l;
	pt_commitment_store_arena *arena;
	pt_commitment_record rec;
	bool found = false;
	pt_commitment_store_verify_result v;

	if (!socket) {
		printf("  (skipped: set PARTICIPA_TEST_SOCKET)\n");
		return;
	}
	snprintf(name, sizeof(name), "pt_ctest_cm_%d", (int)getpid());
	if (!(admin = cm_open(socket, NULL))) {
		PT_CHECK(0);
		return;
	}
	pt_error_clear(&err);
	snprintf(sql, sizeof(sql), "CREATE DATABASE %s CHARACTER SET utf8mb4", name);
	PT_CHECK(pt_db_exec(admin, sql, NULL, 0, NULL, NULL, &err) == PT_OK);
	db = cm_open(socket, name);
	PT_CHECK(db && pt_db_migrate(db, pt_schema_migrations, PT_SCHEMA_MIGRATION_COUNT, 0, NULL, NULL, &err) == PT_OK);
	/* C1, C2 are children of P, which comes after them; C3 (a grandchild) is added later */
	memset(patches, 0, sizeof(patches));
	for (i = 0; i < 4; i++) {
		patch_set(&patches[i], PT_CMF_PLAN, "pal");
		patch_set(&patches[i], PT_CMF_TITLE, ids[i]);
		patch_set(&patches[i], PT_CMF_STATUS, "abierto");
	}
	patch_set(&patches[0], PT_CMF_PARENT, "P");
	patch_set(&patches[0], PT_CMF_PROGRESS, "40.00");
	patch_set(&patches[0], PT_CMF_EVIDENCE, "[{\"url\":\"https://a.mx/acta.pdf\",\"reference\":null,\"description\":\"Acta\","
		"\"date\":\"2026-03-01\",\"added_by\":\"wp:1\"}]");
	patches[0].evidence = ev;
	patches[0].evidence_count = 1;
	patch_set(&patches[1], PT_CMF_PARENT, "P");
	patch_set(&patches[1], PT_CMF_PROGRESS, "60.00");
	patch_set(&patches[3], PT_CMF_PARENT, "C1");
	for (i = 0; i < 4; i++) {
		memset(&rows[i], 0, sizeof(rows[i]));
		rows[i].row = i + 2;
		rows[i].id = ids[i];
		rows[i].parent_set = true;
		rows[i].parent = patches[i].v[PT_CMF_PARENT];
		rows[i].plan_set = true;
		rows[i].plan = "pal";
		rows[i].has_title = true;
	}
	arena = pt_commitment_store_arena_new(NULL);
	PT_CHECK(pt_commitment_store_stored_facts(db, ids, 3, arena, &stored, &nstored, &err) == PT_OK);
	PT_CHECK_EQ_INT(nstored, 0);
	PT_CHECK(pt_commitment_import_order(rows, 3, stored, nstored, PT_COMMITMENT_IMPORT_MAX_DEPTH, order, &count, NULL, NULL, NULL, &err) == PT_OK);
	PT_CHECK_EQ_INT(count, 3);
	PT_CHECK_EQ_INT(order[0], 2);
	for (i = 0; i < 4; i++) {
		parents[i] = rows[i].parent_row;
	}
	memset(&im, 0, sizeof(im));
	im.nrows = 3;
	im.ids = ids;
	im.patches = patches;
	im.parent_row = parents;
	im.order = order;
	im.count = count;
	im.actor = "test";
	im.fn = import_log_fn;
	im.fn_ctx = &l;
	/* the dry run: every write, then nothing */
	memset(&l, 0, sizeof(l));
	im.dry_run = true;
	PT_CHECK(pt_commitment_store_import_run(db, &im, &err) == PT_OK);
	PT_CHECK_EQ_INT(l.created, 3);
	PT_CHECK(!im.committed);
	PT_CHECK_EQ_INT(count_commitments(db), 0);
	/* for real: one transaction, the parent rolled up once */
	memset(&l, 0, sizeof(l));
	im.dry_run = false;
	PT_CHECK(pt_commitment_store_import_run(db, &im, &err) == PT_OK);
	PT_CHECK(im.committed);
	PT_CHECK_EQ_INT(count_commitments(db), 3);
	PT_CHECK(pt_commitment_store_get(db, "P", arena, &rec, &found, &err) == PT_OK && found);
	PT_CHECK_STR(found ? rec.v[PT_CMF_PROGRESS] : "", "50.00");
	PT_CHECK(pt_commitment_store_verify(db, &v, &err) == PT_OK && v.ok);
	/* a refusal inside the transaction (here: a parent in another plan that no check saw) undoes the whole import */
	patch_set(&patches[3], PT_CMF_PLAN, "otro");
	{
		size_t one[2] = { 3, 0 };
		int64_t none[4] = { -1, -1, -1, -1 };

		patch_set(&patches[0], PT_CMF_TITLE, "C1 cambiado");
		one[0] = 0;
		one[1] = 3;
		im.order = one;
		im.count = 2;
		im.nrows = 4;
		im.parent_row = none;
		memset(&l, 0, sizeof(l));
		PT_CHECK(pt_commitment_store_import_run(db, &im, &err) == PT_OK);
		PT_CHECK(!im.committed);
		PT_CHECK_EQ_INT(l.refused, 1);
		PT_CHECK_EQ_INT(l.refused_field, PT_CMF_PARENT);
		PT_CHECK_STR(l.message, "El compromiso padre 'C1' pertenece a otro plan.");
		PT_CHECK(pt_commitment_store_get(db, "C1", arena, &rec, &found, &err) == PT_OK && found);
		PT_CHECK_STR(found ? rec.v[PT_CMF_TITLE] : "", "C1");
	}
	PT_CHECK_EQ_INT(count_commitments(db), 3);
	/* a row edited in SQL is found by verify() */
	PT_CHECK(pt_db_exec(db, "UPDATE participa_commitments SET progress = 99 WHERE id = 'C2'", NULL, 0, NULL, NULL,
		&err) == PT_OK);
	PT_CHECK(pt_commitment_store_verify(db, &v, &err) == PT_OK && !v.ok);
	PT_CHECK_STR(v.bad_commitment, "C2");
	PT_CHECK(strstr(v.reason, "progress") != NULL);
	pt_commitment_store_arena_free(arena);
	pt_db_close(db);
	snprintf(sql, sizeof(sql), "DROP DATABASE %s", name);
	PT_CHECK(pt_db_exec(admin, sql, NULL, 0, NULL, NULL, &err) == PT_OK);
	pt_db_close(admin);
}

int main(void)
{
	PT_RUN(canonical_values);
	PT_RUN(rollup);
	PT_RUN(traffic_light);
	PT_RUN(percent);
	PT_RUN(history_encoding_and_hash);
	PT_RUN(diff_and_json);
	PT_RUN(csv_round_trip_and_errors);
	PT_RUN(changes_read_back);
	PT_RUN(import_order_parents_first);
	PT_RUN(import_order_long_chain_is_linear);
	PT_RUN(import_order_cycles_and_repeats);
	PT_RUN(import_order_against_stored);
	PT_RUN(store_import_and_verify);
	return pt_test_summary("test_commitments");
}
