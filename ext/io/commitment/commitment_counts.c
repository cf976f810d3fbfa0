/*
 * participa io: the summary counters. See commitment_counts.h.
 */
#include "io/commitment/commitment_counts.h"
#include "core/commitment/commitment_summary.h"   /* pt_commitment_by: the dim numbers */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NEVER_LATE "9999-12-31"

void pt_commitment_counts_init(pt_commitment_counts *c, const pt_allocator *a)
{
	memset(c, 0, sizeof(*c));
	c->a = a;
	pt_hash_init_fast(&c->map, a);   /* keys: a write's own groups, bounded by the YAML's ids and due dates */
}

void pt_commitment_counts_reset(pt_commitment_counts *c)
{
	size_t i;

	for (i = 0; i < c->count; i++) {
		pt_free(c->a, c->rows[i].key);
	}
	pt_free(c->a, c->rows);
	pt_hash_free(&c->map);
	c->rows = NULL;
	c->count = c->cap = 0;
	c->failed = false;
}

void pt_commitment_counts_free(pt_commitment_counts *c)
{
	pt_commitment_counts_reset(c);
}

static void add_row(pt_commitment_counts *c, int dim, const char *plan, unsigned level, const char *group,
	size_t group_len, const char *open_due, int sign, int32_t progress_bp)
{
	pt_buf k;
	void *v = NULL;
	pt_commitment_count_row *r;
	char head[16];

	if (c->failed) {
		return;
	}

	snprintf(head, sizeof(head), "%d\t", dim);
	pt_buf_init(&k, c->a);
	pt_buf_puts(&k, head);
	pt_buf_puts(&k, plan);
	pt_buf_puts(&k, level ? "\t1\t" : "\t0\t");
	pt_buf_append(&k, group, group_len);
	pt_buf_puts(&k, "\t");
	pt_buf_puts(&k, open_due);
	if (k.failed) {
		pt_buf_free(&k);
		c->failed = true;
		return;
	}
	if (pt_hash_find(&c->map, k.data, k.len, &v)) {
		r = &c->rows[(uintptr_t)v - 1];
		pt_buf_free(&k);
	} else {
		char *key = pt_strndup(c->a, k.data, k.len);

		pt_buf_free(&k);
		if (!key || pt_array_grow(c->a, &c->rows, &c->cap, c->count, sizeof(*c->rows), 16) != PT_OK) {
			pt_free(c->a, key);
			c->failed = true;
			return;
		}
		r = &c->rows[c->count];
		r->key = key;
		r->key_len = strlen(key);
		r->n = 0;
		r->progress_bp = 0;
		if (pt_hash_add(&c->map, r->key, r->key_len, (void *)(uintptr_t)(c->count + 1)) != PT_OK) {
			pt_free(c->a, key);
			c->failed = true;
			return;
		}
		c->count++;
	}
	r->n += sign;
	r->progress_bp += (int64_t)sign * progress_bp;
}

void pt_commitment_counts_add(pt_commitment_counts *c, const pt_commitment_count_state *s, int sign)
{
	const char *open_due = !s->closed && s->progress_bp < 10000 && s->due ? s->due : NEVER_LATE;
	unsigned level = s->depth == 0 ? 0 : 1;
	const char *q;

#define ONE(dim, v) add_row(c, dim, s->plan, level, (v) ? (v) : "", (v) ? strlen(v) : 0, open_due, sign, s->progress_bp)
	ONE(PT_COMMITMENT_BY_THEME, s->theme);
	ONE(PT_COMMITMENT_BY_STATUS, s->status);
	ONE(PT_COMMITMENT_BY_TERRITORY, s->territory);
	ONE(PT_COMMITMENT_BY_AGENCY, s->agency);
	ONE(PT_COMMITMENT_BY_PLAN, s->plan);
#undef ONE
	for (q = s->pillars; q && *q;) {
		const char *end = strchr(q, ';');
		size_t len = end ? (size_t)(end - q) : strlen(q);

		if (len) {
			add_row(c, PT_COMMITMENT_BY_PILLAR, s->plan, level, q, len, open_due, sign, s->progress_bp);
		}
		q += len;
		if (*q == ';') {
			q++;
		}
	}
}

bool pt_commitment_counts_pending(const pt_commitment_counts *c)
{
	size_t i;

	for (i = 0; i < c->count; i++) {
		if (c->rows[i].n || c->rows[i].progress_bp) {
			return true;
		}
	}
	return false;
}

/* Basis points as DECIMAL(20,2) text ("-12.50"). */
static void bp_text(int64_t bp, char out[32])
{
	uint64_t a = bp < 0 ? (uint64_t)0 - (uint64_t)bp : (uint64_t)bp;

	snprintf(out, 32, "%s%llu.%02llu", bp < 0 ? "-" : "", (unsigned long long)(a / 100), (unsigned long long)(a % 100));
}

/* The fields of a row's key (dim, plan, level, group, open_due), pointing into key (tab-separated, not copied). */
static void key_fields(const pt_commitment_count_row *r, const char *f[5], size_t len[5])
{
	const char *p = r->key, *end = r->key + r->key_len;
	int i;

	for (i = 0; i < 5; i++) {
		const char *t = i < 4 ? memchr(p, '\t', (size_t)(end - p)) : NULL;

		f[i] = p;
		len[i] = t ? (size_t)(t - p) : (size_t)(end - p);
		p = t ? t + 1 : end;
	}
}

#define FLUSH_CHUNK 32

pt_status pt_commitment_counts_flush(pt_db *db, pt_commitment_counts *c, pt_error *err)
{
	pt_db_value p[FLUSH_CHUNK * 7];
	char sums[FLUSH_CHUNK][32];
	size_t i = 0, np, k;
	pt_status s = PT_OK;

	if (c->failed) {
		pt_commitment_counts_reset(c);
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory counting commitments");
	}
	while (s == PT_OK && i < c->count) {
		pt_buf sql;

		pt_buf_init(&sql, c->a);
		pt_buf_puts(&sql, "INSERT INTO participa_commitment_counts (dim, plan_id, level, k, open_due, n, progress_sum) "
			"VALUES ");
		for (np = 0, k = 0; i < c->count && k < FLUSH_CHUNK; i++) {
			const pt_commitment_count_row *r = &c->rows[i];
			const char *f[5];
			size_t len[5];

			if (!r->n && !r->progress_bp) {
				continue;
			}
			key_fields(r, f, len);
			bp_text(r->progress_bp, sums[k]);
			pt_buf_puts(&sql, k ? ", (?, ?, ?, ?, ?, ?, ?)" : "(?, ?, ?, ?, ?, ?, ?)");
			p[np++] = PT_DB_INT_V(atoi(f[0]));
			p[np++] = PT_DB_TEXT_V(f[1], len[1]);
			p[np++] = PT_DB_INT_V(f[2][0] == '1' ? 1 : 0);
			p[np++] = PT_DB_TEXT_V(f[3], len[3]);
			p[np++] = PT_DB_TEXT_V(f[4], len[4]);
			p[np++] = PT_DB_INT_V(r->n);
			p[np++] = PT_DB_TEXT_V(sums[k], strlen(sums[k]));
			k++;
		}
		pt_buf_puts(&sql, " ON DUPLICATE KEY UPDATE n = n + VALUES(n), progress_sum = progress_sum + VALUES(progress_sum)");
		if (k > 0) {
			s = sql.failed ? pt_error_set(err, PT_ERR_NOMEM, "out of memory")
				: pt_db_exec(db, sql.data, p, np, NULL, NULL, err);
		}
		pt_buf_free(&sql);
	}
	/* a group that lost its last commitment goes (summary() shows only groups with commitments) */
	for (i = 0; s == PT_OK && i < c->count; i++) {
		const pt_commitment_count_row *r = &c->rows[i];
		const char *f[5];
		size_t len[5];

		if (r->n >= 0) {
			continue;
		}
		key_fields(r, f, len);
		p[0] = PT_DB_INT_V(atoi(f[0]));
		p[1] = PT_DB_TEXT_V(f[1], len[1]);
		p[2] = PT_DB_INT_V(f[2][0] == '1' ? 1 : 0);
		p[3] = PT_DB_TEXT_V(f[3], len[3]);
		p[4] = PT_DB_TEXT_V(f[4], len[4]);
		s = pt_db_exec(db, "DELETE FROM participa_commitment_counts WHERE dim = ? AND plan_id = ? AND level = ? "
			"AND k = ? AND open_due = ? AND n = 0", p, 5, NULL, NULL, err);
	}
	pt_commitment_counts_reset(c);
	return s;
}
