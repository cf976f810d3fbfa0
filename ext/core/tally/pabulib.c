/* participa core: Pabulib .pb reader and writer (see pabulib.h). */
#include "core/tally/pabulib.h"
#include "core/common/pt_hash.h"

#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <strings.h>

enum { SEC_NONE = 0, SEC_META, SEC_PROJECTS, SEC_VOTES };

/* ---- tables --------------------------------------------------------------- */

static void table_free(const pt_allocator *a, pt_pabulib_table *t)
{
	size_t i;

	for (i = 0; t->columns && i < t->column_count; i++) {
		pt_free(a, t->columns[i]);
	}
	for (i = 0; t->cells && i < t->row_count * t->column_count; i++) {
		pt_free(a, t->cells[i]);
	}
	pt_free(a, t->columns);
	pt_free(a, t->cells);
	pt_free(a, t->lines);
	memset(t, 0, sizeof(*t));
}

void pt_pabulib_free(pt_pabulib *pb)
{
	const pt_allocator *a;

	if (!pb) {
		return;
	}
	a = pb->alloc;
	table_free(a, &pb->meta);
	table_free(a, &pb->projects);
	table_free(a, &pb->votes);
	memset(pb, 0, sizeof(*pb));
	pb->alloc = a;
}

long pt_pabulib_column(const pt_pabulib_table *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->column_count; i++) {
		if (t->columns[i] && strcmp(t->columns[i], name) == 0) {
			return (long)i;
		}
	}
	return -1;
}

const char *pt_pabulib_meta(const pt_pabulib *pb, const char *key)
{
	size_t r;

	if (pb->meta.column_count < 2) {
		return NULL;
	}
	for (r = 0; r < pb->meta.row_count; r++) {
		const char *k = pt_pabulib_cell(&pb->meta, r, 0);
		if (k && strcmp(k, key) == 0) {
			return pt_pabulib_cell(&pb->meta, r, 1);
		}
	}
	return NULL;
}

/* ---- a string -> index set, for uniqueness and id lookups ----------------- */

typedef struct strset {
	pt_hash map;         /* key (borrowed) -> index + 1 */
} strset;

static int strset_init(strset *s, const pt_allocator *a, size_t n)
{
	(void)n;
	pt_hash_init(&s->map, a);
	return 1;
}

static void strset_free(strset *s, const pt_allocator *a)
{
	(void)a;
	pt_hash_free(&s->map);
}

/* Index of key (len bytes), or UINT32_MAX after inserting it as idx when idx != UINT32_MAX
 * (UINT32_MAX - 1 when that insertion ran out of memory). */
static uint32_t strset_find(strset *s, const char *key, size_t len, uint32_t idx)
{
	void *v;

	if (pt_hash_find(&s->map, key, len, &v)) {
		return (uint32_t)((uintptr_t)v - 1);
	}
	if (idx != UINT32_MAX && pt_hash_add(&s->map, key, len, (void *)((uintptr_t)idx + 1)) != PT_OK) {
		return UINT32_MAX - 1;
	}
	return UINT32_MAX;
}

/* ---- lexer ---------------------------------------------------------------- */

typedef struct lexer {
	const char *p, *end;
	unsigned line;
	const pt_allocator *a;
	pt_error *err;
	/* current record */
	char **fields;
	size_t nfields, cap;
	int *quoted;
	char *buf;
	size_t blen, bcap;
} lexer;

static int utf8_valid(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = s[i];
		size_t k;
		uint32_t cp;
		if (c == 0) {
			return 0;
		}
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			k = 1;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			k = 2;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			k = 3;
			cp = c & 0x07;
		} else {
			return 0;
		}
		if (n - i <= k) {
			return 0;
		}
		for (size_t j = 1; j <= k; j++) {
			if ((s[i + j] & 0xc0) != 0x80) {
				return 0;
			}
			cp = (cp << 6) | (s[i + j] & 0x3f);
		}
		if ((k == 2 && cp < 0x800) || (k == 3 && (cp < 0x10000 || cp > 0x10ffff))
			|| (cp >= 0xd800 && cp <= 0xdfff)) {
			return 0;
		}
		i += k + 1;
	}
	return 1;
}

static int buf_push(lexer *lx, char c)
{
	if (lx->blen + 1 >= lx->bcap) {
		size_t nc = lx->bcap ? lx->bcap * 2 : 256;
		char *nb = pt_realloc(lx->a, lx->buf, nc);
		if (!nb) {
			return 0;
		}
		lx->buf = nb;
		lx->bcap = nc;
	}
	lx->buf[lx->blen++] = c;
	return 1;
}

static void fields_clear(lexer *lx)
{
	size_t i;

	for (i = 0; i < lx->nfields; i++) {
		pt_free(lx->a, lx->fields[i]);
	}
	lx->nfields = 0;
}

static pt_status field_end(lexer *lx, int quoted)
{
	char *f;

	if (lx->nfields == lx->cap) {
		size_t nc = lx->cap ? lx->cap * 2 : 16;
		char **nf = pt_realloc(lx->a, lx->fields, nc * sizeof(char *));
		int *nq;
		if (!nf) {
			return pt_error_set(lx->err, PT_ERR_NOMEM, "pabulib: out of memory");
		}
		lx->fields = nf;
		nq = pt_realloc(lx->a, lx->quoted, nc * sizeof(int));
		if (!nq) {
			return pt_error_set(lx->err, PT_ERR_NOMEM, "pabulib: out of memory");
		}
		lx->quoted = nq;
		lx->cap = nc;
	}
	if (!utf8_valid((const unsigned char *)lx->buf, lx->blen)) {
		return pt_error_set_at(lx->err, PT_ERR_INVALID, "", lx->line, 0,
			"line %u: invalid UTF-8 (or a NUL byte)", lx->line);
	}
	f = pt_strndup(lx->a, lx->buf ? lx->buf : "", lx->blen);
	if (!f) {
		return pt_error_set(lx->err, PT_ERR_NOMEM, "pabulib: out of memory");
	}
	lx->quoted[lx->nfields] = quoted;
	lx->fields[lx->nfields++] = f;
	lx->blen = 0;
	return PT_OK;
}

/*
 * Reads one record (a line, or more when a quoted field holds newlines).
 * Returns PT_OK with *got = 0 at end of input. *start_line = its first line.
 */
static pt_status next_record(lexer *lx, int *got, unsigned *start_line)
{
	pt_status st;

	fields_clear(lx);
	lx->blen = 0;
	*got = 0;
	if (lx->p >= lx->end) {
		return PT_OK;
	}
	*start_line = lx->line;
	*got = 1;
	for (;;) {
		int quoted = 0;
		if (lx->p < lx->end && *lx->p == '"') {
			quoted = 1;
			lx->p++;
			for (;;) {
				if (lx->p >= lx->end) {
					return pt_error_set_at(lx->err, PT_ERR_INVALID, "", *start_line, 0,
						"line %u: unterminated quoted field", *start_line);
				}
				if (*lx->p == '"') {
					if (lx->p + 1 < lx->end && lx->p[1] == '"') {
						if (!buf_push(lx, '"')) {
							goto nomem;
						}
						lx->p += 2;
						continue;
					}
					lx->p++;
					break;
				}
				if (*lx->p == '\n') {
					lx->line++;
				}
				if (!buf_push(lx, *lx->p)) {
					goto nomem;
				}
				lx->p++;
			}
			if (lx->p < lx->end && *lx->p != ';' && *lx->p != '\n'
				&& !(*lx->p == '\r' && (lx->p + 1 == lx->end || lx->p[1] == '\n'))) {
				return pt_error_set_at(lx->err, PT_ERR_INVALID, "", lx->line, 0,
					"line %u: unexpected character after a closing quote", lx->line);
			}
		} else {
			while (lx->p < lx->end && *lx->p != ';' && *lx->p != '\n') {
				if (*lx->p == '\r' && (lx->p + 1 == lx->end || lx->p[1] == '\n')) {
					break;
				}
				if (!buf_push(lx, *lx->p)) {
					goto nomem;
				}
				lx->p++;
			}
		}
		st = field_end(lx, quoted);
		if (st != PT_OK) {
			return st;
		}
		if (lx->p < lx->end && *lx->p == ';') {
			lx->p++;
			continue;
		}
		/* end of record */
		if (lx->p < lx->end && *lx->p == '\r') {
			lx->p++;
		}
		if (lx->p < lx->end && *lx->p == '\n') {
			lx->p++;
			lx->line++;
		}
		return PT_OK;
	}
nomem:
	return pt_error_set(lx->err, PT_ERR_NOMEM, "pabulib: out of memory");
}

/* ---- parser --------------------------------------------------------------- */

static int is_none(const char *s)
{
	return strcmp(s, "None") == 0;
}

static int section_of(lexer *lx)
{
	const char *s;
	size_t n;

	if (lx->nfields != 1 || lx->quoted[0]) {
		return SEC_NONE;
	}
	s = lx->fields[0];
	while (*s == ' ' || *s == '\t') {
		s++;
	}
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) {
		n--;
	}
	if (n == 4 && !strncasecmp(s, "meta", 4)) {
		return SEC_META;
	}
	if (n == 8 && !strncasecmp(s, "projects", 8)) {
		return SEC_PROJECTS;
	}
	if (n == 5 && !strncasecmp(s, "votes", 5)) {
		return SEC_VOTES;
	}
	return SEC_NONE;
}

static pt_status table_add_row(const pt_allocator *a, pt_pabulib_table *t, lexer *lx,
	unsigned line, pt_error *err)
{
	size_t i, base;

	if (lx->nfields != t->column_count) {
		return pt_error_set_at(err, PT_ERR_INVALID, "", line, 0,
			"line %u: %zu fields where the header has %zu", line, lx->nfields, t->column_count);
	}
	if (t->row_count == t->row_cap) {
		size_t nc = t->row_cap ? t->row_cap * 2 : 16;
		char **cells;
		unsigned *lines;
		if (nc > SIZE_MAX / sizeof(char *) / t->column_count) {
			return pt_error_set(err, PT_ERR_NOMEM, "pabulib: out of memory");
		}
		cells = pt_realloc(a, t->cells, nc * t->column_count * sizeof(char *));
		if (!cells) {
			return pt_error_set(err, PT_ERR_NOMEM, "pabulib: out of memory");
		}
		t->cells = cells;
		lines = pt_realloc(a, t->lines, nc * sizeof(unsigned));
		if (!lines) {
			return pt_error_set(err, PT_ERR_NOMEM, "pabulib: out of memory");
		}
		t->lines = lines;
		t->row_cap = nc;
	}
	base = t->row_count * t->column_count;
	for (i = 0; i < lx->nfields; i++) {
		if (is_none(lx->fields[i])) {
			pt_free(a, lx->fields[i]);
			t->cells[base + i] = NULL;
		} else {
			t->cells[base + i] = lx->fields[i];
		}
	}
	lx->nfields = 0; /* ownership moved */
	t->lines[t->row_count++] = line;
	return PT_OK;
}

static pt_status table_set_header(pt_pabulib_table *t, lexer *lx, unsigned line, int sec,
	pt_error *err)
{
	size_t i;
	strset names = { 0 };
	const char *want = sec == SEC_META ? NULL : (sec == SEC_PROJECTS ? "project_id" : "voter_id");

	if (lx->nfields < 2) {
		return pt_error_set_at(err, PT_ERR_INVALID, "", line, 0,
			"line %u: a header needs at least two columns", line);
	}
	/* duplicates through a hash: a header of 10^5 columns is not 10^10 strcmp */
	if (!strset_init(&names, lx->a, lx->nfields)) {
		strset_free(&names, lx->a);
		return pt_error_set(err, PT_ERR_NOMEM, "pabulib: out of memory");
	}
	for (i = 0; i < lx->nfields; i++) {
		if (is_none(lx->fields[i]) || !lx->fields[i][0]) {
			strset_free(&names, lx->a);
			return pt_error_set_at(err, PT_ERR_INVALID, "", line, 0,
				"line %u: empty column name", line);
		}
		if (strset_find(&names, lx->fields[i], strlen(lx->fields[i]), (uint32_t)i) != UINT32_MAX) {
			strset_free(&names, lx->a);
			return pt_error_set_at(err, PT_ERR_INVALID, "", line, 0,
				"line %u: column \"%.100s\" appears twice", line, lx->fields[i]);
		}
	}
	strset_free(&names, lx->a);
	if (want && strcmp(lx->fields[0], want) != 0) {
		return pt_error_set_at(err, PT_ERR_INVALID, "", line, 0,
			"line %u: the first column must be %s", line, want);
	}
	if (sec == SEC_META && lx->nfields != 2) {
		return pt_error_set_at(err, PT_ERR_INVALID, "", line, 0,
			"line %u: META has two columns (key;value)", line);
	}
	t->columns = lx->fields;
	t->column_count = lx->nfields;
	lx->fields = NULL;
	pt_free(lx->a, lx->quoted);
	lx->quoted = NULL;
	lx->nfields = 0;
	lx->cap = 0;
	return PT_OK;
}

/* Unique, non-None first column. */
static pt_status check_ids(const pt_allocator *a, const pt_pabulib_table *t, const char *what,
	strset *set, pt_error *err)
{
	size_t r;

	if (!strset_init(set, a, t->row_count)) {
		return pt_error_set(err, PT_ERR_NOMEM, "pabulib: out of memory");
	}
	for (r = 0; r < t->row_count; r++) {
		const char *id = pt_pabulib_cell(t, r, 0);
		if (!id) {
			return pt_error_set_at(err, PT_ERR_INVALID, "", t->lines[r], 0,
				"line %u: %s is None", t->lines[r], what);
		}
		if (strset_find(set, id, strlen(id), (uint32_t)r) != UINT32_MAX) {
			return pt_error_set_at(err, PT_ERR_INVALID, "", t->lines[r], 0,
				"line %u: duplicate %s \"%.100s\"", t->lines[r], what, id);
		}
	}
	return PT_OK;
}

/* Non-negative decimal number: digits, optional '.' and digits. */
static int is_amount(const char *s)
{
	int digits = 0;

	while (*s >= '0' && *s <= '9') {
		s++;
		digits++;
	}
	if (*s == '.') {
		s++;
		while (*s >= '0' && *s <= '9') {
			s++;
			digits++;
		}
	}
	return digits && !*s;
}

/* An amount that int64 money holds at its own decimals (<= 9). */
static int cost_fits(const char *s)
{
	size_t len = strlen(s);
	unsigned d = pt_pb_money_decimals(s, len);
	int64_t v;

	return d <= 9 && pt_pb_money_parse(s, len, d, &v, NULL) == PT_OK;
}

static pt_status validate(const pt_allocator *a, pt_pabulib *pb, pt_error *err)
{
	strset projects = { 0 }, voters = { 0 }, keys = { 0 };
	pt_status st;
	long cost_col, vote_col, points_col;
	size_t r;
	uint32_t *seen = NULL;

	st = check_ids(a, &pb->meta, "META key", &keys, err);
	if (st != PT_OK) {
		goto done;
	}
	st = check_ids(a, &pb->projects, "project_id", &projects, err);
	if (st != PT_OK) {
		goto done;
	}
	st = check_ids(a, &pb->votes, "voter_id", &voters, err);
	if (st != PT_OK) {
		goto done;
	}
	cost_col = pt_pabulib_column(&pb->projects, "cost");
	vote_col = pt_pabulib_column(&pb->votes, "vote");
	points_col = pt_pabulib_column(&pb->votes, "points");
	if (cost_col < 0) {
		st = pt_error_set(err, PT_ERR_INVALID, "PROJECTS has no cost column");
		goto done;
	}
	if (vote_col < 0) {
		st = pt_error_set(err, PT_ERR_INVALID, "VOTES has no vote column");
		goto done;
	}
	for (r = 0; r < pb->projects.row_count; r++) {
		const char *c = pt_pabulib_cell(&pb->projects, r, (size_t)cost_col);
		if (!c || !is_amount(c)) {
			st = pt_error_set_at(err, PT_ERR_INVALID, "", pb->projects.lines[r], 0,
				"line %u: cost must be a non-negative number", pb->projects.lines[r]);
			goto done;
		}
		if (!cost_fits(c)) {
			/* what no count could use: kept out of the arrays read() returns too */
			st = pt_error_set_at(err, PT_ERR_INVALID, "", pb->projects.lines[r], 0,
				"line %u: cost is too large (at most 9 decimals and 9.2e18 units)", pb->projects.lines[r]);
			goto done;
		}
	}
	/* seen[p] = 1 + the vote row that last named p: duplicates without clearing */
	seen = pt_calloc(a, pb->projects.row_count ? pb->projects.row_count : 1, sizeof(uint32_t));
	if (!seen) {
		st = pt_error_set(err, PT_ERR_NOMEM, "pabulib: out of memory");
		goto done;
	}
	for (r = 0; r < pb->votes.row_count; r++) {
		const char *v = pt_pabulib_cell(&pb->votes, r, (size_t)vote_col);
		const char *pts = points_col >= 0 ? pt_pabulib_cell(&pb->votes, r, (size_t)points_col) : NULL;
		unsigned line = pb->votes.lines[r];
		size_t nv = 0, npts = 0;

		if (v && *v) {
			const char *s = v;
			for (;;) {
				const char *e = strchr(s, ',');
				size_t len = e ? (size_t)(e - s) : strlen(s);
				uint32_t p = strset_find(&projects, s, len, UINT32_MAX);
				if (p == UINT32_MAX) {
					st = pt_error_set_at(err, PT_ERR_INVALID, "", line, 0,
						"line %u: vote names unknown project \"%.*s\"", line, (int)(len > 100 ? 100 : len), s);
					goto done;
				}
				if (seen[p] == r + 1) {
					st = pt_error_set_at(err, PT_ERR_INVALID, "", line, 0,
						"line %u: vote names project \"%.*s\" twice", line, (int)(len > 100 ? 100 : len), s);
					goto done;
				}
				seen[p] = (uint32_t)(r + 1);
				nv++;
				if (!e) {
					break;
				}
				s = e + 1;
			}
		}
		if (pts && *pts) {
			const char *s = pts;
			for (;;) {
				const char *e = strchr(s, ',');
				size_t len = e ? (size_t)(e - s) : strlen(s), i;
				if (!len || len > 18) {
					goto bad_points;
				}
				for (i = 0; i < len; i++) {
					if (s[i] < '0' || s[i] > '9') {
						goto bad_points;
					}
				}
				npts++;
				if (!e) {
					break;
				}
				s = e + 1;
			}
		}
		if (points_col >= 0 && npts != nv) {
			goto bad_points;
		}
		continue;
bad_points:
		st = pt_error_set_at(err, PT_ERR_INVALID, "", line, 0,
			"line %u: points must be one non-negative integer per voted project", line);
		goto done;
	}
	if (pb->votes.row_count > UINT32_MAX - 2) {
		st = pt_error_set(err, PT_ERR_INVALID, "pabulib: too many votes");
	}
done:
	pt_free(a, seen);
	strset_free(&projects, a);
	strset_free(&voters, a);
	strset_free(&keys, a);
	return st;
}

pt_status pt_pabulib_parse(const char *data, size_t len, const pt_allocator *a,
	pt_pabulib *out, pt_error *err)
{
	lexer lx;
	pt_status st = PT_OK;
	int sec = SEC_NONE, got, done_sec[4] = { 0, 0, 0, 0 }, need_header = 0;
	unsigned line = 0;
	pt_pabulib_table *t = NULL;

	memset(out, 0, sizeof(*out));
	out->alloc = a;
	memset(&lx, 0, sizeof(lx));
	lx.p = data;
	lx.end = data + len;
	lx.line = 1;
	lx.a = a;
	lx.err = err;
	if (len >= 3 && (unsigned char)data[0] == 0xef && (unsigned char)data[1] == 0xbb
		&& (unsigned char)data[2] == 0xbf) {
		lx.p += 3;
	}
	for (;;) {
		int s;

		st = next_record(&lx, &got, &line);
		if (st != PT_OK || !got) {
			break;
		}
		if (lx.nfields == 1 && !lx.quoted[0] && lx.fields[0][strspn(lx.fields[0], " \t")] == '\0') {
			continue; /* blank line (or only blanks) */
		}
		s = section_of(&lx);
		if (s != SEC_NONE) {
			if (need_header) {
				st = pt_error_set_at(err, PT_ERR_INVALID, "", line, 0,
					"line %u: a section header row is missing", line);
				break;
			}
			if (done_sec[s]) {
				st = pt_error_set_at(err, PT_ERR_INVALID, "", line, 0,
					"line %u: section %s appears twice", line, lx.fields[0]);
				break;
			}
			done_sec[s] = 1;
			sec = s;
			t = s == SEC_META ? &out->meta : (s == SEC_PROJECTS ? &out->projects : &out->votes);
			need_header = 1;
			continue;
		}
		if (sec == SEC_NONE) {
			st = pt_error_set_at(err, PT_ERR_INVALID, "", line, 0,
				"line %u: expected META, PROJECTS or VOTES", line);
			break;
		}
		if (need_header) {
			st = table_set_header(t, &lx, line, sec, err);
			if (st != PT_OK) {
				break;
			}
			need_header = 0;
			continue;
		}
		st = table_add_row(a, t, &lx, line, err);
		if (st != PT_OK) {
			break;
		}
	}
	if (st == PT_OK && need_header) {
		st = pt_error_set_at(err, PT_ERR_INVALID, "", line, 0,
			"line %u: a section header row is missing", line);
	}
	if (st == PT_OK && (!done_sec[SEC_PROJECTS] || !done_sec[SEC_VOTES])) {
		st = pt_error_set_at(err, PT_ERR_INVALID, "", lx.line, 0,
			"the file needs PROJECTS and VOTES sections");
	}
	if (st == PT_OK && !done_sec[SEC_META]) {
		/* an absent META is an empty one, so callers can rely on two columns */
		out->meta.columns = pt_calloc(a, 2, sizeof(char *));
		if (out->meta.columns) {
			out->meta.columns[0] = pt_strndup(a, "key", 3);
			out->meta.columns[1] = pt_strndup(a, "value", 5);
		}
		out->meta.column_count = 2;
		if (!out->meta.columns || !out->meta.columns[0] || !out->meta.columns[1]) {
			st = pt_error_set(err, PT_ERR_NOMEM, "pabulib: out of memory");
		}
	}
	if (st == PT_OK) {
		st = validate(a, out, err);
	}
	fields_clear(&lx);
	pt_free(a, lx.fields);
	pt_free(a, lx.quoted);
	pt_free(a, lx.buf);
	if (st != PT_OK) {
		pt_pabulib_free(out);
		if (err && st == PT_ERR_INVALID && !err->line) {
			err->line = line;
		}
	}
	return st;
}

/* ---- writer --------------------------------------------------------------- */

typedef struct wbuf {
	char *p;
	size_t len, cap;
	const pt_allocator *a;
	int oom;
} wbuf;

static void w_put(wbuf *w, const char *s, size_t n)
{
	if (w->oom) {
		return;
	}
	if (w->len + n + 1 > w->cap) {
		size_t nc = w->cap ? w->cap : 4096;
		char *np;
		while (nc < w->len + n + 1) {
			nc *= 2;
		}
		np = pt_realloc(w->a, w->p, nc);
		if (!np) {
			w->oom = 1;
			return;
		}
		w->p = np;
		w->cap = nc;
	}
	memcpy(w->p + w->len, s, n);
	w->len += n;
	w->p[w->len] = '\0';
}

static pt_status w_field(wbuf *w, const char *s, int first, pt_error *err)
{
	size_t n, i;
	int quote = 0;

	if (!first) {
		w_put(w, ";", 1);
	}
	if (!s) {
		w_put(w, "None", 4);
		return PT_OK;
	}
	n = strlen(s);
	if (is_none(s)) {
		return pt_error_set(err, PT_ERR_INVALID,
			"pabulib: the text \"None\" cannot be written (it reads back as absent)");
	}
	for (i = 0; i < n; i++) {
		if (s[i] == ';' || s[i] == '"' || s[i] == '\n' || s[i] == '\r') {
			quote = 1;
			break;
		}
	}
	if (!utf8_valid((const unsigned char *)s, n)) {
		return pt_error_set(err, PT_ERR_INVALID, "pabulib: a value is not valid UTF-8");
	}
	if (!quote) {
		w_put(w, s, n);
		return PT_OK;
	}
	w_put(w, "\"", 1);
	for (i = 0; i < n; i++) {
		if (s[i] == '"') {
			w_put(w, "\"\"", 2);
		} else {
			w_put(w, s + i, 1);
		}
	}
	w_put(w, "\"", 1);
	return PT_OK;
}

static int needs_quotes_first(const char *s)
{
	/* first cells are quoted only when they must be: keeps files diffable */
	size_t i, n = strlen(s);

	for (i = 0; i < n; i++) {
		if (s[i] == ';' || s[i] == '"' || s[i] == '\n' || s[i] == '\r') {
			return 1;
		}
	}
	return 0;
}

static pt_status w_row(wbuf *w, char *const *cells, size_t n, pt_error *err)
{
	size_t i;
	pt_status st;

	for (i = 0; i < n; i++) {
		if (i == 0 && cells[0] && !needs_quotes_first(cells[0]) && !is_none(cells[0])) {
			/* a row has >= 2 fields, so an unquoted first cell cannot read as a section line */
			if (!utf8_valid((const unsigned char *)cells[0], strlen(cells[0]))) {
				return pt_error_set(err, PT_ERR_INVALID, "pabulib: a value is not valid UTF-8");
			}
			w_put(w, cells[0], strlen(cells[0]));
			continue;
		}
		st = w_field(w, cells[i], i == 0, err);
		if (st != PT_OK) {
			return st;
		}
	}
	w_put(w, "\n", 1);
	return PT_OK;
}

static pt_status w_table(wbuf *w, const char *name, const pt_pabulib_table *t, pt_error *err)
{
	size_t r, i;
	pt_status st;

	if (t->column_count < 2) {
		return pt_error_set(err, PT_ERR_INVALID, "pabulib: %s needs at least two columns", name);
	}
	for (i = 0; i < t->column_count; i++) {
		if (!t->columns[i] || !t->columns[i][0]) {
			return pt_error_set(err, PT_ERR_INVALID, "pabulib: %s has an empty column name", name);
		}
	}
	w_put(w, name, strlen(name));
	w_put(w, "\n", 1);
	st = w_row(w, t->columns, t->column_count, err);
	for (r = 0; st == PT_OK && r < t->row_count; r++) {
		st = w_row(w, t->cells + r * t->column_count, t->column_count, err);
	}
	return st;
}

pt_status pt_pabulib_write(const pt_pabulib *pb, const pt_allocator *a, char **out,
	size_t *out_len, pt_error *err)
{
	wbuf w = { NULL, 0, 0, a, 0 };
	pt_status st;

	*out = NULL;
	*out_len = 0;
	st = w_table(&w, "META", &pb->meta, err);
	if (st == PT_OK) {
		st = w_table(&w, "PROJECTS", &pb->projects, err);
	}
	if (st == PT_OK) {
		st = w_table(&w, "VOTES", &pb->votes, err);
	}
	if (st == PT_OK && w.oom) {
		st = pt_error_set(err, PT_ERR_NOMEM, "pabulib: out of memory");
	}
	if (st != PT_OK) {
		pt_free(a, w.p);
		return st;
	}
	*out = w.p;
	*out_len = w.len;
	return PT_OK;
}

/* ---- instance --------------------------------------------------------------- */

void pt_pabulib_instance_free(pt_pabulib_instance *inst)
{
	const pt_allocator *a = inst->alloc;

	pt_free(a, inst->costs);
	pt_free(a, inst->offsets);
	pt_free(a, inst->approvals);
	pt_free(a, inst->points);
	memset(inst, 0, sizeof(*inst));
	inst->alloc = a;
}

pt_status pt_pabulib_instance_build(const pt_pabulib *pb, const pt_allocator *a,
	pt_pabulib_instance *inst, pt_error *err)
{
	const char *budget = pt_pabulib_meta(pb, "budget");
	long cost_col = pt_pabulib_column(&pb->projects, "cost");
	long vote_col = pt_pabulib_column(&pb->votes, "vote");
	long points_col = pt_pabulib_column(&pb->votes, "points");
	size_t np = pb->projects.row_count, nv = pb->votes.row_count, r, total = 0;
	unsigned scale = 0, d;
	strset ids = { 0 };
	pt_status st = PT_OK;

	memset(inst, 0, sizeof(*inst));
	inst->alloc = a;
	if (!budget) {
		return pt_error_set(err, PT_ERR_INVALID, "pabulib: META has no budget");
	}
	if (cost_col < 0 || vote_col < 0) {
		return pt_error_set(err, PT_ERR_INVALID, "pabulib: missing cost or vote column");
	}
	scale = pt_pb_money_decimals(budget, strlen(budget));
	for (r = 0; r < np; r++) {
		const char *c = pt_pabulib_cell(&pb->projects, r, (size_t)cost_col);
		d = c ? pt_pb_money_decimals(c, strlen(c)) : 0;
		if (d > scale) {
			scale = d;
		}
	}
	if (scale > 9) {
		return pt_error_set(err, PT_ERR_INVALID, "pabulib: more than 9 decimals in money");
	}
	inst->scale = scale;
	inst->costs = pt_calloc(a, np ? np : 1, sizeof(int64_t));
	inst->offsets = pt_calloc(a, nv + 1, sizeof(uint32_t));
	if (!inst->costs || !inst->offsets || !strset_init(&ids, a, np)) {
		st = pt_error_set(err, PT_ERR_NOMEM, "pabulib: out of memory");
		goto done;
	}
	st = pt_pb_money_parse(budget, strlen(budget), scale, &inst->input.budget, err);
	if (st != PT_OK) {
		goto done;
	}
	for (r = 0; r < np; r++) {
		const char *c = pt_pabulib_cell(&pb->projects, r, (size_t)cost_col);
		const char *id = pt_pabulib_cell(&pb->projects, r, 0);
		if (!c) {
			st = pt_error_set(err, PT_ERR_INVALID, "pabulib: a cost is None");
			goto done;
		}
		st = pt_pb_money_parse(c, strlen(c), scale, &inst->costs[r], err);
		if (st != PT_OK) {
			if (err) {
				err->line = pb->projects.lines[r];
			}
			goto done;
		}
		strset_find(&ids, id, strlen(id), (uint32_t)r);
	}
	for (r = 0; r < nv; r++) {
		const char *v = pt_pabulib_cell(&pb->votes, r, (size_t)vote_col);
		size_t n = 0;
		if (v && *v) {
			n = 1;
			for (const char *s = v; *s; s++) {
				n += *s == ',';
			}
		}
		total += n;
		if (total > UINT32_MAX - 1) {
			st = pt_error_set(err, PT_ERR_INVALID, "pabulib: too many approvals");
			goto done;
		}
		inst->offsets[r + 1] = (uint32_t)total;
	}
	inst->approvals = pt_alloc(a, (total ? total : 1) * sizeof(uint32_t));
	if (points_col >= 0) {
		inst->points = pt_alloc(a, (total ? total : 1) * sizeof(int64_t));
	}
	if (!inst->approvals || (points_col >= 0 && !inst->points)) {
		st = pt_error_set(err, PT_ERR_NOMEM, "pabulib: out of memory");
		goto done;
	}
	for (r = 0; r < nv; r++) {
		const char *v = pt_pabulib_cell(&pb->votes, r, (size_t)vote_col);
		size_t k = inst->offsets[r];
		if (v && *v) {
			const char *s = v;
			for (;;) {
				const char *e = strchr(s, ',');
				size_t len = e ? (size_t)(e - s) : strlen(s);
				uint32_t p = strset_find(&ids, s, len, UINT32_MAX);
				if (p == UINT32_MAX) { /* validated by the parser; in-memory data may not be */
					st = pt_error_set(err, PT_ERR_INVALID, "pabulib: vote names an unknown project");
					goto done;
				}
				inst->approvals[k++] = p;
				if (!e) {
					break;
				}
				s = e + 1;
			}
		}
		if (inst->points) {
			const char *ps = pt_pabulib_cell(&pb->votes, r, (size_t)points_col);
			size_t j = inst->offsets[r];
			if (ps && *ps) {
				const char *s = ps;
				while (j < k) {
					inst->points[j++] = strtoll(s, NULL, 10);
					s = strchr(s, ',');
					if (!s) {
						break;
					}
					s++;
				}
			}
			while (j < k) {
				inst->points[j++] = 0;
			}
		}
	}
	inst->input.project_count = np;
	inst->input.costs = inst->costs;
	inst->input.voter_count = nv;
	inst->input.approval_offsets = inst->offsets;
	inst->input.approvals = inst->approvals;
	inst->input.weights = NULL;
	inst->input.points = inst->points;
done:
	strset_free(&ids, a);
	if (st != PT_OK) {
		pt_pabulib_instance_free(inst);
	}
	return st;
}
