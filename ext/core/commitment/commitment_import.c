/*
 * participa core: the structure of an import. See commitment_import.h.
 */
#include "core/commitment/commitment_import.h"
#include "core/common/csv.h"
#include "core/common/json_read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NONE ((size_t)-1)

static bool same(const char *a, const char *b)
{
	if (!a || !b) {
		return a == b;
	}
	return strcmp(a, b) == 0;
}

/* ---- a stable merge sort of indices by id ---------------------------------------- */

typedef const char *(*key_fn)(const void *base, size_t i);

static const char *row_key(const void *base, size_t i)
{
	return ((const pt_commitment_import_row *)base)[i].id;
}

static const char *stored_key(const void *base, size_t i)
{
	return ((const pt_commitment_import_stored *)base)[i].id;
}

/* Bottom-up merge sort of idx[0..n) (tmp: n entries); equal ids keep their
 * order, so the first of a repeated id sorts first. O(n log n) compares. */
static void sort_by_id(size_t *idx, size_t *tmp, size_t n, const void *base, key_fn key)
{
	size_t width, i, *src = idx, *dst = tmp;

	for (width = 1; width < n; width *= 2) {
		for (i = 0; i < n; i += 2 * width) {
			size_t lo = i, mid = i + width < n ? i + width : n, hi = i + 2 * width < n ? i + 2 * width : n;
			size_t a = lo, b = mid, k = lo;

			while (a < mid && b < hi) {
				dst[k++] = strcmp(key(base, src[b]), key(base, src[a])) < 0 ? src[b++] : src[a++];
			}
			while (a < mid) {
				dst[k++] = src[a++];
			}
			while (b < hi) {
				dst[k++] = src[b++];
			}
		}
		{
			size_t *t = src;

			src = dst;
			dst = t;
		}
	}
	if (src != idx) {
		memcpy(idx, src, n * sizeof(*idx));
	}
}

/* The first entry of sorted idx[0..n) whose id is key, or NONE. */
static size_t find(const size_t *idx, size_t n, const void *base, key_fn kf, const char *key)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(kf(base, idx[mid]), key) < 0) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return lo < n && strcmp(kf(base, idx[lo]), key) == 0 ? idx[lo] : NONE;
}

/* ---- errors ------------------------------------------------------------------------- */

typedef struct ectx {
	pt_commitment_import_row *rows;
	pt_commitment_import_error_fn fn;
	void *ctx;
} ectx;

static void report(ectx *e, size_t i, pt_commitment_field field, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void report(ectx *e, size_t i, pt_commitment_field field, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	e->rows[i].bad = true;
	if (e->fn) {
		e->fn(e->ctx, i, field, msg);
	}
}

/* ---- the order --------------------------------------------------------------------- */

pt_status pt_commitment_import_order(pt_commitment_import_row *rows, size_t n, const pt_commitment_import_stored *stored, size_t m, uint32_t max_depth,
	size_t *order, size_t *count, pt_commitment_import_error_fn fn, void *ctx, const pt_allocator *a, pt_error *err)
{
	size_t *byid = NULL, *sbyid = NULL, *tmp = NULL, *head = NULL, *next = NULL, *stamp = NULL;
	const pt_commitment_import_stored **self = NULL;
	size_t nid = 0, i, k, qlen = 0, emitted = 0;
	ectx e = { rows, fn, ctx };
	pt_status s = PT_OK;

	*count = 0;
	if (n > PT_COMMITMENT_IMPORT_MAX_ROWS) {
		return pt_error_set(err, PT_ERR_INVALID, "El archivo tiene más de %d filas.", PT_COMMITMENT_IMPORT_MAX_ROWS);
	}
	if (n == 0) {
		return PT_OK;
	}
	byid = pt_calloc(a, n, sizeof(size_t));
	tmp = pt_calloc(a, n > m ? n : m ? m : 1, sizeof(size_t));
	sbyid = pt_calloc(a, m ? m : 1, sizeof(size_t));
	head = pt_calloc(a, n, sizeof(size_t));
	next = pt_calloc(a, n, sizeof(size_t));
	stamp = pt_calloc(a, n, sizeof(size_t));
	self = pt_calloc(a, n, sizeof(*self));
	if (!byid || !tmp || !sbyid || !head || !next || !stamp || !self) {
		s = pt_error_set(err, PT_ERR_NOMEM, "out of memory ordering an import");
		goto done;
	}
	/* index the file's ids and the stored facts */
	for (i = 0; i < n; i++) {
		rows[i].exists = false;
		rows[i].blocked = false;
		rows[i].depth = -1;
		rows[i].parent_row = -1;
		head[i] = next[i] = NONE;
		if (rows[i].id) {
			byid[nid++] = i;
		}
	}
	sort_by_id(byid, tmp, nid, rows, row_key);
	for (i = 0; i < m; i++) {
		sbyid[i] = i;
	}
	sort_by_id(sbyid, tmp, m, stored, stored_key);
	/* repeated ids: the first in the file is the one children attach to */
	for (k = 1; k < nid; k++) {
		size_t first = k - 1;

		if (strcmp(rows[byid[k]].id, rows[byid[first]].id) != 0) {
			continue;
		}
		while (first > 0 && strcmp(rows[byid[first - 1]].id, rows[byid[k]].id) == 0) {
			first--;
		}
		report(&e, byid[k], PT_CMF_ID, "id '%.64s' repetido (fila %zu)", rows[byid[k]].id, rows[byid[first]].row);
	}
	/* each row against what is stored, and its parent */
	for (i = 0; i < n; i++) {
		pt_commitment_import_row *r = &rows[i];
		const pt_commitment_import_stored *st;
		const char *parent, *plan;

		if (!r->id) {
			continue;
		}
		k = find(sbyid, m, stored, stored_key, r->id);
		st = k != NONE ? &stored[k] : NULL;
		self[i] = st;
		r->exists = st != NULL;
		parent = r->parent_set ? r->parent : st ? st->parent : NULL;
		plan = r->plan_set ? r->plan : st ? st->plan : NULL;
		if (st && r->parent_set && !same(st->parent, r->parent)) {
			report(&e, i, PT_CMF_PARENT, PT_COMMITMENT_IMPORT_MSG_PARENT_CHANGE, r->id);
		}
		if (st && r->plan_set && !same(st->plan, r->plan)) {
			report(&e, i, PT_CMF_PLAN, PT_COMMITMENT_IMPORT_MSG_PLAN_CHANGE, r->id);
		}
		if (!st && !r->plan_set) {
			report(&e, i, PT_CMF_PLAN, "Un compromiso nuevo necesita plan.");
		}
		if (!st && !r->has_title) {
			report(&e, i, PT_CMF_TITLE, "Un compromiso nuevo necesita título.");
		}
		if (st && st->children > 0 && r->progress_set && !same(st->progress, r->progress)) {
			report(&e, i, PT_CMF_PROGRESS, PT_COMMITMENT_IMPORT_MSG_ROLLED_UP, r->id, (long long)st->children);
		}
		if (!parent) {
			r->depth = 0;
			continue;
		}
		if (strcmp(parent, r->id) == 0) {
			report(&e, i, PT_CMF_PARENT, PT_COMMITMENT_IMPORT_MSG_OWN_PARENT);
			continue;
		}
		k = find(byid, nid, rows, row_key, parent);
		if (k != NONE) {
			r->parent_row = (int64_t)k;
			continue;
		}
		k = find(sbyid, m, stored, stored_key, parent);
		if (k == NONE) {
			report(&e, i, PT_CMF_PARENT, PT_COMMITMENT_IMPORT_MSG_NO_PARENT, parent);
			continue;
		}
		if (plan && !same(stored[k].plan, plan)) {
			report(&e, i, PT_CMF_PARENT, PT_COMMITMENT_IMPORT_MSG_OTHER_PLAN, parent);
		}
		r->depth = (int32_t)(stored[k].depth < max_depth ? stored[k].depth + 1 : max_depth);
	}
	/* children lists in file order: prepend from the end */
	for (i = n; i-- > 0;) {
		if (rows[i].parent_row >= 0) {
			size_t p = (size_t)rows[i].parent_row;

			next[i] = head[p];
			head[p] = i;
		}
	}
	/* breadth first from the rows whose parent is not in the file; order[]
	 * is the queue, compacted afterwards to the rows that will be written */
	for (i = 0; i < n; i++) {
		if (rows[i].id && rows[i].parent_row < 0) {
			order[qlen++] = i;
			if (rows[i].depth >= (int32_t)max_depth) {
				report(&e, i, PT_CMF_PARENT, PT_COMMITMENT_IMPORT_MSG_DEPTH, (int)max_depth);
			}
		}
	}
	for (k = 0; k < qlen; k++) {
		size_t u = order[k], c;

		stamp[u] = 1;
		for (c = head[u]; c != NONE; c = next[c]) {
			pt_commitment_import_row *r = &rows[c];
			const char *plan = r->plan_set ? r->plan : self[c] ? self[c]->plan : NULL;
			const char *pplan = rows[u].plan_set ? rows[u].plan : self[u] ? self[u]->plan : NULL;

			r->blocked = rows[u].bad || rows[u].blocked;
			r->depth = rows[u].depth < 0 ? -1 : rows[u].depth + 1;
			if (plan && pplan && !same(plan, pplan)) {
				report(&e, c, PT_CMF_PARENT, PT_COMMITMENT_IMPORT_MSG_OTHER_PLAN, rows[u].id);
			}
			/* only the first row too deep on a branch: those below it wait on it */
			if (r->depth == (int32_t)max_depth) {
				report(&e, c, PT_CMF_PARENT, PT_COMMITMENT_IMPORT_MSG_DEPTH, (int)max_depth);
			}
			order[qlen++] = c;
		}
	}
	/* rows never reached hang from a cycle: walk up from each, stamping the
	 * walk; meeting the walk's own stamp closes a cycle. Every row is walked
	 * once: O(n). Stamps: 0 unseen, 1 reached, 2 + i walk from row i. */
	for (i = 0; i < n; i++) {
		size_t v = i, w = 2 + i;

		if (!rows[i].id || stamp[i]) {
			continue;
		}
		while (v != NONE && stamp[v] == 0) {
			stamp[v] = w;
			v = rows[v].parent_row >= 0 ? (size_t)rows[v].parent_row : NONE;
		}
		if (v != NONE && stamp[v] == w) {
			size_t c = v;

			do {
				report(&e, c, PT_CMF_PARENT, "ciclo de compromisos padre");
				c = (size_t)rows[c].parent_row;
			} while (c != v);
		}
	}
	for (i = 0; i < n; i++) {
		if (rows[i].id && stamp[i] >= 2) {
			rows[i].blocked = !rows[i].bad;
			rows[i].depth = -1;
		}
	}
	/* what will be written, parents first */
	for (k = 0; k < qlen; k++) {
		if (!rows[order[k]].bad && !rows[order[k]].blocked) {
			order[emitted++] = order[k];
		}
	}
	*count = emitted;
done:
	pt_free(a, byid);
	pt_free(a, tmp);
	pt_free(a, sbyid);
	pt_free(a, head);
	pt_free(a, next);
	pt_free(a, stamp);
	pt_free(a, (void *)self);
	return s;
}

/* ---- a whole file ------------------------------------------------------------ */

void pt_commitment_import_file_init(pt_commitment_import_file *f, bool csv, const pt_allocator *a)
{
	memset(f, 0, sizeof(*f));
	f->a = a;
	f->csv = csv;
}

static void entry_result_free(pt_commitment_import_file *f, pt_commitment_import_entry *e)
{
	pt_free(f->a, e->changes);
	pt_free(f->a, e->refusal);
	e->changes = e->refusal = NULL;
	e->outcome = PT_COMMITMENT_IMPORT_NONE;
}

void pt_commitment_import_file_free(pt_commitment_import_file *f)
{
	size_t i;

	for (i = 0; i < f->nrows; i++) {
		pt_value_free(f->rows[i].data);
		pt_commitment_patch_free(&f->rows[i].pb);
		entry_result_free(f, &f->rows[i]);
	}
	for (i = 0; i < f->error_count; i++) {
		pt_free(f->a, f->errors[i].column);
		pt_free(f->a, f->errors[i].message);
	}
	pt_free(f->a, f->rows);
	pt_free(f->a, f->errors);
	pt_free(f->a, f->plan);
	pt_free(f->a, f->order);
	pt_commitment_import_file_init(f, f->csv, f->a);
}

void pt_commitment_import_error_add(pt_commitment_import_file *f, long row, const char *column, int column_no,
	const char *message)
{
	pt_commitment_import_error *x;

	if (f->error_count >= PT_COMMITMENT_IMPORT_MAX_ERRORS) {
		f->omitted++;
		return;
	}
	if (f->error_count == f->error_cap) {
		size_t cap = f->error_cap ? f->error_cap * 2 : 16;
		pt_commitment_import_error *items = pt_realloc(f->a, f->errors, cap * sizeof(*items));

		if (!items) {
			f->nomem = true;
			return;
		}
		f->errors = items;
		f->error_cap = cap;
	}
	x = &f->errors[f->error_count];
	x->row = row;
	x->column = NULL;
	if (column) {
		/* a header cell may be anything: at most 64 bytes, cut on a UTF-8 boundary */
		size_t n = strlen(column);

		if (n > 64) {
			n = 64;
			while (n > 0 && ((unsigned char)column[n] & 0xC0) == 0x80) {
				n--;
			}
		}
		x->column = pt_strndup(f->a, column, n);
	}
	x->column_no = column_no;
	x->message = pt_strndup(f->a, message, strlen(message));
	if ((column && !x->column) || !x->message) {
		pt_free(f->a, x->column);
		pt_free(f->a, x->message);
		f->nomem = true;
		return;
	}
	x->seq = f->error_count++;
}

static int error_cmp(const void *a, const void *b)
{
	const pt_commitment_import_error *x = a, *y = b;

	if (x->row != y->row) {
		return x->row < y->row ? -1 : 1;
	}
	if (x->column_no != y->column_no) {
		return x->column_no < y->column_no ? -1 : 1;
	}
	return x->seq < y->seq ? -1 : x->seq > y->seq ? 1 : 0;
}

void pt_commitment_import_omitted_text(const pt_commitment_import_file *f, char out[160])
{
	snprintf(out, 160, "Hay %zu errores más que no se muestran (se muestran los primeros %d).", f->omitted,
		PT_COMMITMENT_IMPORT_MAX_ERRORS);
}

/* A new row (data taken); NULL (data freed) when the file has too many rows or memory ran out. */
static pt_commitment_import_entry *add_row(pt_commitment_import_file *f, long row, pt_value *data, const char *too_many)
{
	pt_commitment_import_entry *e;

	if (f->nrows == PT_COMMITMENT_IMPORT_MAX_ROWS) {
		char msg[128];

		snprintf(msg, sizeof(msg), too_many, PT_COMMITMENT_IMPORT_MAX_ROWS);
		pt_commitment_import_error_add(f, row, NULL, 0, msg);
		pt_value_free(data);
		return NULL;
	}
	if (f->nrows == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 64;
		pt_commitment_import_entry *rows = pt_realloc(f->a, f->rows, cap * sizeof(*rows));

		if (!rows) {
			f->nomem = true;
			pt_value_free(data);
			return NULL;
		}
		f->rows = rows;
		f->cap = cap;
	}
	e = &f->rows[f->nrows++];
	memset(e, 0, sizeof(*e));
	e->data = data;
	e->row = row;
	e->refusal_field = -1;
	pt_commitment_patch_init(&e->pb, f->a);
	return e;
}

/* The header row: the field of each column (colfield[j], -1 for none) into f->header_cols. */
static void read_header(pt_commitment_import_file *f, const pt_csv_reader *r, int *colfield)
{
	size_t j;

	for (j = 0; j < r->field_count; j++) {
		int fi = pt_commitment_field_find(r->fields[j], r->lens[j]);

		colfield[j] = fi;
		if (fi < 0) {
			char msg[256];
			size_t n;

			snprintf(msg, sizeof(msg), "columna desconocida '%.60s'", r->fields[j]);
			/* cut on a UTF-8 boundary (the header cell is UTF-8) */
			n = strlen(msg);
			if (n >= sizeof(msg) - 1) {
				while (n > 0 && ((unsigned char)msg[n - 1] & 0xC0) == 0x80) {
					n--;
				}
				msg[n > 0 ? n - 1 : 0] = '\0';
			}
			pt_commitment_import_error_add(f, 1, r->fields[j], (int)j + 1, msg);
		} else if (f->header_cols[fi]) {
			pt_commitment_import_error_add(f, 1, r->fields[j], (int)j + 1, "columna repetida");
		} else {
			f->header_cols[fi] = (int)j + 1;
		}
	}
	if (!f->header_cols[PT_CMF_ID]) {
		pt_commitment_import_error_add(f, 1, "id", 0, "falta la columna id");
	}
}

/* A record as field => text; false when it ends the reading. */
static bool read_record(pt_commitment_import_file *f, const pt_csv_reader *r, const int *colfield, size_t ncols)
{
	pt_value *data;
	size_t j;

	if (r->field_count != ncols) {
		char msg[128];

		snprintf(msg, sizeof(msg), "la fila tiene %zu columnas y el encabezado %zu", r->field_count, ncols);
		/* the first column missing, or the first one too many */
		if (r->field_count < ncols) {
			pt_commitment_import_error_add(f, (long)r->row, colfield[r->field_count] >= 0
				? pt_commitment_field_names[colfield[r->field_count]] : NULL, (int)r->field_count + 1, msg);
		} else {
			pt_commitment_import_error_add(f, (long)r->row, NULL, (int)ncols + 1, msg);
		}
		return true;
	}
	if (!(data = pt_value_map(f->a))) {
		f->nomem = true;
		return false;
	}
	for (j = 0; j < ncols; j++) {
		if (colfield[j] >= 0 && pt_value_setc(data, pt_commitment_field_names[colfield[j]],
				pt_value_string(f->a, r->fields[j], r->lens[j])) != PT_OK) {
			f->nomem = true;
		}
	}
	return add_row(f, (long)r->row, data, "El archivo tiene más de %d filas de compromisos; divídelo.") != NULL;
}

void pt_commitment_import_read_csv(pt_commitment_import_file *f, const char *data, size_t len)
{
	pt_csv_reader r;
	bool done = false;
	int *colfield = NULL;
	size_t ncols = 0;
	pt_error err;

	pt_error_clear(&err);
	pt_csv_reader_init(&r, data, len, f->a);
	while (pt_csv_next(&r, &done, &err) == PT_OK && !done) {
		if (r.row == 1) {
			ncols = r.field_count;
			if (!(colfield = pt_calloc(f->a, ncols + 1, sizeof(int)))) {
				f->nomem = true;
				break;
			}
			read_header(f, &r, colfield);
			continue;
		}
		if (r.field_count == 1 && r.lens[0] == 0) {
			continue;   /* blank line */
		}
		if (!read_record(f, &r, colfield, ncols)) {
			break;
		}
	}
	if (err.code != PT_OK) {
		/* a malformed record ends the reading: the rows after it are not checked */
		pt_commitment_import_error_add(f, (long)err.line, err.column && colfield && err.column <= ncols
			&& colfield[err.column - 1] >= 0 ? pt_commitment_field_names[colfield[err.column - 1]] : NULL,
			(int)err.column, err.message);
	}
	pt_free(f->a, colfield);
	pt_csv_reader_free(&r);
}

void pt_commitment_import_bad_json(pt_commitment_import_file *f)
{
	pt_commitment_import_error_add(f, 0, NULL, 0, "JSON inválido: se esperaba {\"commitments\": [...]}");
}

void pt_commitment_import_read_json(pt_commitment_import_file *f, const char *data, size_t len)
{
	const pt_value *list;
	pt_value *doc;
	pt_error err;
	size_t k;

	/* json_decode($data, true, 64) */
	if (pt_json_read(data, len, 64, f->a, &doc, &err) != PT_OK) {
		f->nomem |= err.code == PT_ERR_NOMEM;
		pt_commitment_import_bad_json(f);
		return;
	}
	if (doc->type != PT_VALUE_MAP || !(list = pt_value_get(doc, "commitments"))
		|| (list->type != PT_VALUE_LIST && list->type != PT_VALUE_MAP)) {
		pt_value_free(doc);
		pt_commitment_import_bad_json(f);
		return;
	}
	for (k = 0; k < list->u.c.count; k++) {
		if (!pt_commitment_import_add_item(f, (long)k + 1, pt_commitment_input(list->u.c.items[k], 0, true, f->a))) {
			break;
		}
	}
	pt_value_free(doc);
}

bool pt_commitment_import_add_item(pt_commitment_import_file *f, long k, pt_value *item)
{
	if (!item || item->type != PT_VALUE_MAP) {
		pt_value_free(item);
		pt_commitment_import_error_add(f, k, NULL, 0, "cada compromiso debe ser un objeto");
		return true;
	}
	return add_row(f, k, item, "El archivo tiene más de %d compromisos; divídelo.") != NULL;
}

/* The context of a row's field errors. */
typedef struct field_ctx {
	pt_commitment_import_file *f;
	pt_commitment_import_entry *r;
} field_ctx;

static void field_error(void *vctx, int field, const char *key, const pt_error *err)
{
	field_ctx *k = vctx;
	const char *column = field >= 0 ? pt_commitment_field_names[field] : key;

	k->r->bad = true;
	pt_commitment_import_error_add(k->f, k->r->row, column, field >= 0 ? k->f->header_cols[field] : 0, err->message);
}

pt_status pt_commitment_import_check(pt_commitment_import_file *f, const pt_commitment_patch_in *in, const char ***ids,
	size_t *n, pt_error *err)
{
	pt_commitment_patch_in pin = *in;
	field_ctx k = { f, NULL };
	size_t i;
	int bad;

	*ids = NULL;
	*n = 0;
	if (f->nomem) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	if (!f->nrows) {
		return PT_OK;
	}
	pin.on_error = field_error;
	pin.error_ctx = &k;
	pin.structure = true;
	f->plan = pt_calloc(f->a, f->nrows, sizeof(*f->plan));
	*ids = pt_calloc(f->a, 2 * f->nrows, sizeof(char *));
	if (!f->plan || !*ids) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	for (i = 0; i < f->nrows; i++) {
		pt_commitment_import_entry *r = &f->rows[i];
		const pt_commitment_patch *p = &r->pb.p;
		pt_commitment_import_row *pl = &f->plan[i];

		k.r = r;
		if (pt_commitment_patch_from_value(&pin, r->data, &r->pb, &bad, err) == PT_ERR_NOMEM) {
			return PT_ERR_NOMEM;
		}
		pt_error_clear(err);
		/* the patch holds copies of what it needs: the row's tree can go now */
		pt_value_free(r->data);
		r->data = NULL;
		if (!p->set[PT_CMF_ID] && (!f->csv || f->header_cols[PT_CMF_ID])) {
			r->bad = true;
			pt_commitment_import_error_add(f, r->row, "id", f->header_cols[PT_CMF_ID], "falta el id");
		}
		pl->row = (size_t)r->row;
		pl->id = p->v[PT_CMF_ID];
		pl->parent_set = p->set[PT_CMF_PARENT];
		pl->parent = p->v[PT_CMF_PARENT];
		pl->plan_set = p->set[PT_CMF_PLAN];
		pl->plan = p->v[PT_CMF_PLAN];
		pl->progress_set = p->set[PT_CMF_PROGRESS] && p->v[PT_CMF_PROGRESS];
		pl->progress = p->v[PT_CMF_PROGRESS];
		pl->has_title = p->set[PT_CMF_TITLE];
		pl->bad = r->bad;
		if (pl->id) {
			(*ids)[(*n)++] = pl->id;
		}
		if (pl->parent) {
			(*ids)[(*n)++] = pl->parent;
		}
	}
	return f->nomem ? pt_error_set(err, PT_ERR_NOMEM, "out of memory") : PT_OK;
}

static void structure_error(void *vctx, size_t index, pt_commitment_field field, const char *message)
{
	pt_commitment_import_file *f = vctx;

	pt_commitment_import_error_add(f, f->rows[index].row, pt_commitment_field_names[field], f->header_cols[field],
		message);
}

pt_status pt_commitment_import_plan(pt_commitment_import_file *f, const pt_commitment_import_stored *stored, size_t m,
	pt_error *err)
{
	if (!f->nrows) {
		return PT_OK;
	}
	if (!(f->order = pt_calloc(f->a, f->nrows, sizeof(size_t)))) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	return pt_commitment_import_order(f->plan, f->nrows, stored, m, PT_COMMITMENT_IMPORT_MAX_DEPTH, f->order, &f->count,
		structure_error, f, f->a, err);
}

static bool clean(const pt_commitment_import_file *f)
{
	return f->error_count + f->omitted == 0;
}

bool pt_commitment_import_writes(const pt_commitment_import_file *f, bool dry)
{
	return f->count && (dry || clean(f));
}

void pt_commitment_import_record(pt_commitment_import_file *f, size_t i, pt_commitment_import_outcome outcome,
	size_t changed, const char *changes, bool dry, const char *refusal, int field)
{
	pt_commitment_import_entry *e = &f->rows[i];

	entry_result_free(f, e);
	e->outcome = outcome;
	e->changed = changed;
	e->refusal_field = field;
	if (outcome == PT_COMMITMENT_IMPORT_REFUSED_ROW) {
		/* the stored data changed since the file was checked. Kept with the
		 * row, not added to the errors yet: a replayed attempt may decide
		 * otherwise, and only the last attempt counts */
		char msg[256];

		if (refusal) {
			snprintf(msg, sizeof(msg), "%s", refusal);
		} else {
			snprintf(msg, sizeof(msg), "No se importó: su compromiso padre '%.64s' fue rechazado.",
				e->pb.p.v[PT_CMF_PARENT] ? e->pb.p.v[PT_CMF_PARENT] : "");
		}
		f->nomem |= !(e->refusal = pt_strndup(f->a, msg, strlen(msg)));
	} else if (dry && changes) {
		f->nomem |= !(e->changes = pt_strndup(f->a, changes, strlen(changes)));
	}
}

void pt_commitment_import_finish(pt_commitment_import_file *f, bool dry)
{
	size_t i;

	for (i = 0; i < f->count; i++) {
		pt_commitment_import_entry *e = &f->rows[f->order[i]];
		int fi = e->refusal_field;

		if (e->outcome == PT_COMMITMENT_IMPORT_REFUSED_ROW && e->refusal) {
			pt_commitment_import_error_add(f, e->row, fi >= 0 && fi < PT_CMF_COUNT ? pt_commitment_field_names[fi]
				: NULL, fi >= 0 && fi < PT_CMF_COUNT ? f->header_cols[fi] : 0, e->refusal);
		}
	}
	f->applied = 0;
	for (i = 0; !dry && i < f->count; i++) {
		pt_commitment_import_outcome o = f->rows[f->order[i]].outcome;

		f->applied += pt_commitment_import_listed(f, i, dry) && o != PT_COMMITMENT_IMPORT_SAME;
	}
	if (f->error_count) {
		qsort(f->errors, f->error_count, sizeof(*f->errors), error_cmp);
	}
}

bool pt_commitment_import_listed(const pt_commitment_import_file *f, size_t i, bool dry)
{
	pt_commitment_import_outcome o = f->rows[f->order[i]].outcome;

	return (dry || clean(f)) && o != PT_COMMITMENT_IMPORT_NONE && o != PT_COMMITMENT_IMPORT_REFUSED_ROW;
}

/* The file's errors, by row (pt_commitment_import_finish() sorted them), and the omitted ones' count last. */
static pt_value *errors_value(const pt_commitment_import_file *f)
{
	const pt_allocator *a = f->a;
	pt_value *list = pt_value_list(a);
	bool ok = list != NULL;
	size_t i;

	for (i = 0; ok && i < f->error_count + (f->omitted ? 1 : 0); i++) {
		const pt_commitment_import_error *x = i < f->error_count ? &f->errors[i] : NULL;
		pt_value *z = pt_value_map(a);
		char msg[160];

		if (!x) {
			pt_commitment_import_omitted_text(f, msg);
		}
		ok = z && pt_value_setc(z, "row", x && x->row > 0 ? pt_value_int(a, x->row) : pt_value_null(a)) == PT_OK
			&& pt_value_setc(z, "column", x && x->column ? pt_value_cstr(a, x->column) : pt_value_null(a)) == PT_OK
			&& pt_value_setc(z, "column_number", x && x->column_no > 0 ? pt_value_int(a, x->column_no)
				: pt_value_null(a)) == PT_OK
			&& pt_value_setc(z, "message", pt_value_cstr(a, x ? x->message : msg)) == PT_OK;
		ok = pt_value_push(list, z) == PT_OK && ok;
	}
	if (!ok) {
		pt_value_free(list);
		return NULL;
	}
	return list;
}

/* What was written (or, in a dry run, would be), parents first. */
static pt_value *changes_value(const pt_commitment_import_file *f, bool dry)
{
	static const char *const actions[] = { "", "create", "update", "unchanged" };
	const pt_allocator *a = f->a;
	pt_value *list = pt_value_list(a);
	bool ok = list != NULL;
	size_t i;

	for (i = 0; ok && i < f->count; i++) {
		const pt_commitment_import_entry *e = &f->rows[f->order[i]];
		pt_value *entry;

		if (!pt_commitment_import_listed(f, i, dry)) {
			continue;
		}
		entry = pt_value_map(a);
		ok = entry && pt_value_setc(entry, "id", pt_value_cstr(a, e->pb.p.v[PT_CMF_ID])) == PT_OK
			&& pt_value_setc(entry, "action", pt_value_cstr(a, actions[e->outcome])) == PT_OK
			&& (dry ? pt_value_setc(entry, "changes", pt_commitment_changes_value(e->changes, a))
				: pt_value_setc(entry, "fields_changed", pt_value_int(a, (int64_t)e->changed))) == PT_OK;
		ok = pt_value_push(list, entry) == PT_OK && ok;
	}
	if (!ok) {
		pt_value_free(list);
		return NULL;
	}
	return list;
}

pt_value *pt_commitment_import_result_value(const pt_commitment_import_file *f, bool dry)
{
	pt_value *m = pt_value_map(f->a);

	if (pt_value_setc(m, "errors", errors_value(f)) != PT_OK || pt_value_setc(m, "changes", changes_value(f, dry)) != PT_OK
		|| pt_value_setc(m, "applied", pt_value_int(f->a, (int64_t)f->applied)) != PT_OK
		|| pt_value_setc(m, "dry_run", pt_value_bool(f->a, dry)) != PT_OK) {
		pt_value_free(m);
		return NULL;
	}
	return m;
}
