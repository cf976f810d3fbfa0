/*
 * participa core: the structure of an import. See commitment_import.h.
 */
#include "core/commitment/commitment_import.h"

#include <stdio.h>
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
