/*
 * libFuzzer target: the structure of a commitment import (core/commitment_import.h).
 *
 *   make -C tests/c fuzzers
 *   out/fuzz/fuzz_commitment_import -max_total_time=60 fuzz/corpus/commitment_import
 *
 * The input is CSV: each record "id,parent,plan" is a row of the file (an
 * empty id: a row without one; an empty parent: a root; a parent "-": the
 * file does not give one); a record "*id,parent,plan,depth,children" is a
 * stored commitment. Whatever the input, the order must hold each row at
 * most once, only rows with an id that are neither bad nor blocked, every
 * parent in the file before its children, no level at or past the limit;
 * every row left out must be bad or blocked; every bad row must have been
 * reported; and the call must finish in O(n log n) (libFuzzer's -timeout
 * catches a quadratic walk on its long inputs).
 *
 * The same input also feeds the reader of an event's changes
 * (pt_commitment_changes_parse, which verify() runs over stored events): the raw
 * bytes must be read or refused cleanly, and the diff of the first two
 * records (their fields as old and new values) must read back to exactly
 * those values.
 *
 * And the input read as a whole import file (pt_commitment_import_read_csv,
 * every row's fields checked by pt_commitment_import_check against a small
 * configuration): every error names a row and has a message, the errors
 * come out sorted by row, and every id the structure pass gets passes the
 * commitment id rule.
 */
#include "core/commitment/commitment_import.h"
#include "core/common/csv.h"
#include "io/site/config_load.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 4   /* small, so depth errors are reached */

typedef struct readback {
	const pt_commitment_record *old, *nw;
	int fields;
} readback;

static pt_status ignore_change(void *ctx, pt_commitment_field f, const char *old, size_t old_len, const char *nw, size_t nw_len,
	pt_error *err)
{
	return PT_OK;
}

static bool same_value(const char *want, const char *got, size_t got_len)
{
	return want ? got && strlen(want) == got_len && memcmp(want, got, got_len) == 0 : got == NULL;
}

static pt_status check_change(void *ctx, pt_commitment_field f, const char *old, size_t old_len, const char *nw, size_t nw_len,
	pt_error *err)
{
	readback *r = ctx;

	if (!same_value(r->old->v[f], old, old_len) || !same_value(r->nw->v[f], nw, nw_len)) {
		abort();
	}
	r->fields++;
	return PT_OK;
}

/* The diff of two records made of the first two records' fields reads back to them. */
static void diff_round_trip(char **a, size_t na, char **b, size_t nb)
{
	pt_commitment_record o, n;
	pt_buf out;
	pt_error err;
	readback r;
	size_t f, changed;

	memset(&o, 0, sizeof(o));
	memset(&n, 0, sizeof(n));
	for (f = 0; f < PT_CMF_COUNT; f++) {
		o.v[f] = f < na && a[f][0] != '-' ? a[f] : NULL;
		n.v[f] = f < nb && b[f][0] != '-' ? b[f] : NULL;
	}
	pt_buf_init(&out, NULL);
	changed = pt_commitment_diff(&o, &n, &out);
	r.old = &o;
	r.nw = &n;
	r.fields = 0;
	pt_error_clear(&err);
	if (out.failed || pt_commitment_changes_parse(out.data, out.len, check_change, &r, NULL, &err) != PT_OK
		|| (size_t)r.fields != changed) {
		abort();
	}
	pt_buf_free(&out);
}

typedef struct seen {
	size_t n;
	unsigned char *reported;
} seen;

static void on_error(void *ctx, size_t index, pt_commitment_field field, const char *message)
{
	seen *s = ctx;

	if (index >= s->n || (unsigned)field >= PT_CMF_COUNT || !message || !message[0]) {
		abort();
	}
	s->reported[index] = 1;
}

static char *dup(const char *s, size_t len)
{
	char *d = malloc(len + 1);

	memcpy(d, s, len);
	d[len] = '\0';
	return d;
}

static const char fuzz_yaml[] =
	"site:\n  name: Fuzz\n"
	"database:\n  socket: /nonexistent/mysqld.sock\n  name: x\n  user: root\n"
	"territories:\n  - { id: centro, name: Centro }\n"
	"plans:\n  - id: pal\n    title: Plan\n    territory: centro\n"
	"commitments:\n"
	"  themes:\n    - { id: presupuesto, label: Presupuesto }\n"
	"  pillars:\n    - { id: transparencia, label: Transparencia }\n"
	"  agencies:\n    - { id: obras, name: Obras }\n"
	"  statuses:\n    - { id: abierto, label: Abierto, initial: true }\n";

/* The whole-file path of Commitments::import() in core. */
static void import_file(const uint8_t *data, size_t size)
{
	static pt_config *cfg;
	pt_commitment_import_file f;
	pt_commitment_patch_in in;
	const char **ids = NULL;
	size_t n = 0, i;
	pt_error err;

	if (!cfg) {
		pt_diags d;

		pt_diags_init(&d);
		if (pt_config_load_string("fuzz.yaml", fuzz_yaml, sizeof(fuzz_yaml) - 1, &cfg, &d) != PT_OK) {
			abort();
		}
		pt_diags_free(&d);
	}
	pt_commitment_import_file_init(&f, true, NULL);
	pt_commitment_import_read_csv(&f, (const char *)data, size);
	memset(&in, 0, sizeof(in));
	in.cfg = cfg;
	in.by = "fuzz";
	pt_error_clear(&err);
	if (pt_commitment_import_check(&f, &in, &ids, &n, &err) != PT_OK) {
		abort();   /* only an allocation failure stops the check */
	}
	for (i = 0; i < n; i++) {
		if (pt_commitment_id_check("id", ids[i], strlen(ids[i]), &err) != PT_OK) {
			abort();   /* the structure pass only sees valid ids */
		}
	}
	pt_free(NULL, (void *)ids);
	pt_commitment_import_finish(&f, true);
	for (i = 0; i < f.error_count; i++) {
		if (f.errors[i].row < 0 || !f.errors[i].message[0] || (i && f.errors[i - 1].row > f.errors[i].row)) {
			abort();
		}
	}
	pt_commitment_import_file_free(&f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pt_csv_reader r;
	pt_error err;
	bool done = false;
	pt_commitment_import_row *rows = NULL;
	pt_commitment_import_stored *stored = NULL;
	char **strs = NULL;
	size_t nrows = 0, nstored = 0, nstrs = 0, i, count = 0;
	size_t *order, *pos;
	seen s;

	import_file(data, size);
	pt_error_clear(&err);
	if (pt_commitment_changes_parse((const char *)data, size, ignore_change, NULL, NULL, &err) != PT_OK
		&& (err.code != PT_ERR_INVALID || !err.message[0])) {
		abort();
	}
	{
		/* the first two records' fields, NUL-free, as old and new values */
		char *rec[2][PT_CMF_COUNT];
		size_t nrec[2] = { 0, 0 }, k, j;

		pt_csv_reader_init(&r, (const char *)data, size, NULL);
		for (k = 0; k < 2 && pt_csv_next(&r, &done, &err) == PT_OK && !done; k++) {
			for (j = 0; j < r.field_count && j < PT_CMF_COUNT; j++) {
				rec[k][nrec[k]++] = dup(r.fields[j], strlen(r.fields[j]));
			}
		}
		pt_csv_reader_free(&r);
		if (k == 2) {
			diff_round_trip(rec[0], nrec[0], rec[1], nrec[1]);
		}
		for (k = 0; k < 2; k++) {
			for (j = 0; j < nrec[k]; j++) {
				free(rec[k][j]);
			}
		}
		done = false;
	}
	pt_csv_reader_init(&r, (const char *)data, size, NULL);
	pt_error_clear(&err);
	while (pt_csv_next(&r, &done, &err) == PT_OK && !done && nrows + nstored < 4096) {
		const char *f[5] = { "", "", "", "", "" };
		size_t l[5] = { 0, 0, 0, 0, 0 }, k;

		for (k = 0; k < 5 && k < r.field_count; k++) {
			f[k] = r.fields[k];
			l[k] = r.lens[k];
		}
		strs = realloc(strs, (nstrs + 3) * sizeof(char *));
		if (l[0] > 0 && f[0][0] == '*') {
			pt_commitment_import_stored *st;

			stored = realloc(stored, (nstored + 1) * sizeof(*stored));
			st = &stored[nstored++];
			st->id = strs[nstrs++] = dup(f[0] + 1, l[0] - 1);
			st->parent = l[1] ? (strs[nstrs++] = dup(f[1], l[1])) : NULL;
			st->plan = strs[nstrs++] = dup(f[2], l[2]);
			st->progress = "0.00";
			st->depth = (uint32_t)strtoul(f[3], NULL, 10) % 64;
			st->children = (int64_t)(strtoul(f[4], NULL, 10) % 3);
			continue;
		}
		rows = realloc(rows, (nrows + 1) * sizeof(*rows));
		memset(&rows[nrows], 0, sizeof(rows[nrows]));
		rows[nrows].row = r.row;
		rows[nrows].id = l[0] ? (strs[nstrs++] = dup(f[0], l[0])) : NULL;
		rows[nrows].parent_set = !(l[1] == 1 && f[1][0] == '-');
		rows[nrows].parent = rows[nrows].parent_set && l[1] ? (strs[nstrs++] = dup(f[1], l[1])) : NULL;
		rows[nrows].plan_set = l[2] > 0;
		rows[nrows].plan = l[2] ? (strs[nstrs++] = dup(f[2], l[2])) : NULL;
		rows[nrows].has_title = (r.row & 7) != 0;
		rows[nrows].progress_set = (r.row & 3) == 0;
		rows[nrows].progress = "10.00";
		rows[nrows].bad = (r.row % 11) == 0;   /* some rows come with field errors already */
		nrows++;
	}
	pt_csv_reader_free(&r);
	order = calloc(nrows + 1, sizeof(size_t));
	pos = calloc(nrows + 1, sizeof(size_t));
	s.n = nrows;
	s.reported = calloc(nrows + 1, 1);
	{
		bool *bad_in = calloc(nrows + 1, sizeof(bool));

		for (i = 0; i < nrows; i++) {
			bad_in[i] = rows[i].bad;
		}
		pt_error_clear(&err);
		if (pt_commitment_import_order(rows, nrows, stored, nstored, MAX_DEPTH, order, &count, on_error, &s, NULL, &err) != PT_OK) {
			abort();
		}
		for (i = 0; i < nrows; i++) {
			pos[i] = (size_t)-1;
			if (rows[i].bad && !bad_in[i] && !s.reported[i]) {
				abort();   /* bad without a message */
			}
		}
		free(bad_in);
	}
	if (count > nrows) {
		abort();
	}
	for (i = 0; i < count; i++) {
		size_t k = order[i];

		if (k >= nrows || pos[k] != (size_t)-1 || !rows[k].id || rows[k].bad || rows[k].blocked) {
			abort();
		}
		if (rows[k].depth < 0 || rows[k].depth >= MAX_DEPTH) {
			abort();
		}
		pos[k] = i;
	}
	for (i = 0; i < count; i++) {
		int64_t p = rows[order[i]].parent_row;

		if (p >= 0 && (pos[p] == (size_t)-1 || pos[p] >= i || rows[order[i]].depth != rows[p].depth + 1)) {
			abort();   /* a parent after its child, or not written at all */
		}
	}
	for (i = 0; i < nrows; i++) {
		if (rows[i].id && pos[i] == (size_t)-1 && !rows[i].bad && !rows[i].blocked) {
			abort();   /* left out silently */
		}
	}
	for (i = 0; i < nstrs; i++) {
		free(strs[i]);
	}
	free(strs);
	free(rows);
	free(stored);
	free(order);
	free(pos);
	free(s.reported);
	return 0;
}
