/*
 * participa core: a pt_pabulib built from a value tree (Pabulib::write()'s
 * array shape, see pabulib.h), and writing that is checked by reading back.
 *
 * The rules: the sections, a row per project / voter keyed by its id, the
 * columns in order of first appearance (id and cost / vote first), at most
 * PT_PABULIB_MAX_COLUMNS columns and PT_PABULIB_MAX_CELLS cells a section,
 * list cells joined with ',', no NUL byte anywhere.
 *
 * And the other way: the value tree Pabulib::read() returns for a parsed
 * file (pt_pabulib_to_value()), converted to PHP once by the binding.
 */
#include "core/tally/pabulib.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/common/pt_hash.h"

#define W "Pabulib::write(): "

static int is_array(const pt_value *v)
{
	return v && (v->type == PT_VALUE_LIST || v->type == PT_VALUE_MAP);
}

/* Key i of a map, or the decimal index of a list item. */
static const char *key_at(const pt_value *v, size_t i, char buf[32], size_t *len)
{
	if (v->type == PT_VALUE_MAP) {
		*len = v->u.c.key_lens[i];
		return v->u.c.keys[i];
	}
	*len = (size_t)snprintf(buf, 32, "%zu", i);
	return buf;
}

static pt_status dup_text(const pt_allocator *a, const char *s, size_t len, char **out, pt_error *err)
{
	if (memchr(s, '\0', len)) {
		return pt_error_set(err, PT_ERR_INVALID, W "a value contains a NUL byte");
	}
	*out = pt_strndup(a, s, len);
	return *out ? PT_OK : pt_error_set(err, PT_ERR_NOMEM, "out of memory");
}

static pt_status int_text(const pt_allocator *a, int64_t i, char **out, pt_error *err)
{
	char buf[32];

	return dup_text(a, buf, (size_t)snprintf(buf, sizeof(buf), "%" PRId64, i), out, err);
}

/* A cell: NULL is None, a bool "1" / "", a host value its text, a list (of strings and ints) joined
 * with ','. */
static pt_status cell_text(const pt_allocator *a, const pt_value *v, const char *what, char **out,
	pt_error *err)
{
	size_t i, len = 0;
	char *s;

	*out = NULL;
	switch (v->type) {
	case PT_VALUE_NULL: return PT_OK;
	case PT_VALUE_BOOL: return dup_text(a, "1", v->u.b ? 1 : 0, out, err);
	case PT_VALUE_INT: return int_text(a, v->u.i, out, err);
	case PT_VALUE_STRING: return dup_text(a, v->u.s.s, v->u.s.len, out, err);
	case PT_VALUE_LIST: case PT_VALUE_MAP: break;
	default:
		if (v->type == PT_VALUE_HOST && v->u.s.s) {
			return dup_text(a, v->u.s.s, v->u.s.len, out, err);  /* a float, as PHP prints it */
		}
		return pt_error_set(err, PT_ERR_INVALID, W "%s: objects cannot be written", what);
	}
	for (i = 0; i < v->u.c.count; i++) {
		const pt_value *item = v->u.c.items[i];

		if (item->type != PT_VALUE_STRING && item->type != PT_VALUE_INT) {
			return pt_error_set(err, PT_ERR_INVALID, W "%s lists must hold strings or ints", what);
		}
		len += (item->type == PT_VALUE_STRING ? item->u.s.len : 21) + 1;
	}
	if (!(s = pt_alloc(a, len + 1))) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	for (i = 0, len = 0; i < v->u.c.count; i++) {
		const pt_value *item = v->u.c.items[i];

		if (i) {
			s[len++] = ',';
		}
		if (item->type == PT_VALUE_STRING) {
			memcpy(s + len, item->u.s.s, item->u.s.len);
			len += item->u.s.len;
		} else {
			len += (size_t)snprintf(s + len, 22, "%" PRId64, item->u.i);
		}
	}
	s[len] = '\0';
	if (memchr(s, '\0', len)) {
		pt_free(a, s);
		return pt_error_set(err, PT_ERR_INVALID, W "a value contains a NUL byte");
	}
	*out = s;
	return PT_OK;
}

/* A key PHP keeps as an integer ("0", "-12", not "012" nor "-0"): as a column it has no name. */
static int int_key(const char *s, size_t len)
{
	const char *max = s[0] == '-' ? "9223372036854775808" : "9223372036854775807";
	size_t i, neg = len && s[0] == '-', n = len - neg;

	if (n == 0 || n > 19 || (s[neg] == '0' && (n > 1 || neg))) {
		return 0;
	}
	for (i = neg; i < len; i++) {
		if (s[i] < '0' || s[i] > '9') {
			return 0;
		}
	}
	return n < 19 || memcmp(s + neg, max, 19) <= 0;
}

/* Column `name` of t, added when new (PT_ERR_INVALID beyond the limit). `seen`: name -> index + 1. */
static pt_status add_column(const pt_allocator *a, pt_pabulib_table *t, size_t *cap, pt_hash *seen,
	const char *name, size_t len, const char *section, pt_error *err)
{
	char **cols;
	pt_status st;

	if (pt_hash_find(seen, name, len, NULL)) {
		return PT_OK;
	}
	if (t->column_count >= PT_PABULIB_MAX_COLUMNS) {
		return pt_error_set(err, PT_ERR_INVALID, W "'%s' has more than %d distinct columns", section,
			PT_PABULIB_MAX_COLUMNS);
	}
	if (t->column_count == *cap) {
		if (!(cols = pt_realloc(a, t->columns, *cap * 2 * sizeof(char *)))) {
			return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
		}
		t->columns = cols;
		*cap *= 2;
	}
	if ((st = dup_text(a, name, len, &t->columns[t->column_count], err)) != PT_OK) {
		return st;
	}
	t->column_count++;
	if (pt_hash_add(seen, t->columns[t->column_count - 1], len, (void *)(uintptr_t)t->column_count)
		!= PT_OK) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	return PT_OK;
}

/* Pass 1: the columns, in order of first appearance, id and main column first. */
static pt_status table_columns(const pt_allocator *a, const pt_value *rows, const char *id_col,
	const char *main_col, const char *section, pt_pabulib_table *t, pt_hash *seen, pt_error *err)
{
	size_t cap = 8, r, c;
	pt_status st = PT_OK;

	if (!(t->columns = pt_calloc(a, cap, sizeof(char *)))) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	t->columns[0] = pt_strndup(a, id_col, strlen(id_col));
	/* cost / vote always second: a row without it is written as None and refused on reading back */
	t->columns[1] = pt_strndup(a, main_col, strlen(main_col));
	t->column_count = 2;
	if (!t->columns[0] || !t->columns[1]
		|| pt_hash_add(seen, main_col, strlen(main_col), (void *)(uintptr_t)2) != PT_OK) {
		st = pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	for (r = 0; st == PT_OK && r < rows->u.c.count; r++) {
		const pt_value *row = rows->u.c.items[r];

		if (!is_array(row)) {
			st = pt_error_set(err, PT_ERR_INVALID, W "each entry of '%s' must be an array of columns", section);
			break;
		}
		if (row->type == PT_VALUE_LIST && row->u.c.count) {
			st = pt_error_set(err, PT_ERR_INVALID, W "'%s' columns must have string names", section);
			break;
		}
		for (c = 0; st == PT_OK && row->type == PT_VALUE_MAP && c < row->u.c.count; c++) {
			const char *name = row->u.c.keys[c];

			if (int_key(name, row->u.c.key_lens[c])) {
				st = pt_error_set(err, PT_ERR_INVALID, W "'%s' columns must have string names", section);
			} else if (strcmp(name, "project_id") != 0 && strcmp(name, "voter_id") != 0) { /* the id is the key */
				st = add_column(a, t, &cap, seen, name, row->u.c.key_lens[c], section, err);
			}
		}
	}
	return st;
}

/* projects / votes: id => [column => value] */
static pt_status build_table(const pt_allocator *a, const pt_value *rows, const char *id_col,
	const char *main_col, const char *section, pt_pabulib_table *t, pt_error *err)
{
	size_t r, c, n = rows->u.c.count, len;
	pt_status st;
	pt_hash seen;   /* column name -> index + 1 */
	char buf[32];
	void *idx;

	pt_hash_init(&seen, a);
	if ((st = table_columns(a, rows, id_col, main_col, section, t, &seen, err)) != PT_OK) {
		goto out;
	}
	if ((uint64_t)n * t->column_count > PT_PABULIB_MAX_CELLS) {
		st = pt_error_set(err, PT_ERR_INVALID, W "'%s' would have more than %d cells (rows x columns)",
			section, PT_PABULIB_MAX_CELLS);
		goto out;
	}
	t->row_count = t->row_cap = n;
	t->cells = pt_calloc(a, (n ? n : 1) * t->column_count, sizeof(char *));
	t->lines = pt_calloc(a, n ? n : 1, sizeof(unsigned));
	if (!t->cells || !t->lines) {
		st = pt_error_set(err, PT_ERR_NOMEM, "out of memory");
		goto out;
	}
	/* pass 2: the cells (missing ones stay NULL = None) */
	for (r = 0; r < n && st == PT_OK; r++) {
		const pt_value *row = rows->u.c.items[r];
		char **cells = t->cells + r * t->column_count;
		const char *id = key_at(rows, r, buf, &len);

		st = dup_text(a, id, len, &cells[0], err);
		for (c = 0; st == PT_OK && row->type == PT_VALUE_MAP && c < row->u.c.count; c++) {
			if (pt_hash_find(&seen, row->u.c.keys[c], row->u.c.key_lens[c], &idx)) {
				st = cell_text(a, row->u.c.items[c], row->u.c.keys[c], &cells[(uintptr_t)idx - 1], err);
			}
		}
	}
out:
	pt_hash_free(&seen);
	return st;
}

static pt_status build_meta(const pt_allocator *a, const pt_value *meta, pt_pabulib_table *t, pt_error *err)
{
	size_t r, n = meta ? meta->u.c.count : 0, len;
	pt_status st;
	char buf[32];

	t->columns = pt_calloc(a, 2, sizeof(char *));
	t->cells = pt_calloc(a, (n ? n : 1) * 2, sizeof(char *));
	t->lines = pt_calloc(a, n ? n : 1, sizeof(unsigned));
	if (!t->columns || !t->cells || !t->lines
		|| !(t->columns[0] = pt_strndup(a, "key", 3)) || !(t->columns[1] = pt_strndup(a, "value", 5))) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	t->column_count = 2;
	t->row_count = t->row_cap = n;
	for (r = 0; r < n; r++) {
		const char *k = key_at(meta, r, buf, &len);

		if ((st = dup_text(a, k, len, &t->cells[2 * r], err)) != PT_OK
			|| (st = cell_text(a, meta->u.c.items[r], "meta", &t->cells[2 * r + 1], err)) != PT_OK) {
			return st;
		}
	}
	return PT_OK;
}

/* *out = data[name] (NULL when absent and not required); PT_ERR_INVALID when missing or not an array. */
static pt_status section(const pt_value *data, const char *name, int required, const pt_value **out,
	pt_error *err)
{
	const pt_value *v = pt_value_get(data, name);

	*out = v;
	if (!v) {
		return required ? pt_error_set(err, PT_ERR_INVALID, W "the data has no '%s'", name) : PT_OK;
	}
	return is_array(v) ? PT_OK : pt_error_set(err, PT_ERR_INVALID, W "'%s' must be an array", name);
}

pt_status pt_pabulib_from_value(const pt_value *data, const pt_allocator *a, pt_pabulib *out, pt_error *err)
{
	const pt_value *meta, *projects, *votes;
	pt_status st;

	memset(out, 0, sizeof(*out));
	out->alloc = a;
	if ((st = section(data, "meta", 0, &meta, err)) != PT_OK
		|| (st = section(data, "projects", 1, &projects, err)) != PT_OK
		|| (st = section(data, "votes", 1, &votes, err)) != PT_OK) {
		return st;
	}
	if ((st = build_meta(a, meta, &out->meta, err)) != PT_OK
		|| (st = build_table(a, projects, "project_id", "cost", "projects", &out->projects, err)) != PT_OK
		|| (st = build_table(a, votes, "voter_id", "vote", "votes", &out->votes, err)) != PT_OK) {
		pt_pabulib_free(out);
	}
	return st;
}

pt_status pt_pabulib_write_checked(const pt_pabulib *pb, const pt_allocator *a, char **out, size_t *out_len,
	pt_error *err)
{
	pt_pabulib check;
	pt_status st;

	if ((st = pt_pabulib_write(pb, a, out, out_len, err)) != PT_OK) {
		return st;
	}
	/* never write what read() would refuse (unknown project in a vote, bad cost, ...) */
	if ((st = pt_pabulib_parse(*out, *out_len, a, &check, err)) != PT_OK) {
		pt_free(a, *out);
		*out = NULL;
		return st;
	}
	pt_pabulib_free(&check);
	return PT_OK;
}

/* ---- the tree Pabulib::read() returns ---------------------------------- */

/* "40000.0" -> int 40000; "37387.5" -> a real (costs were checked by the parser) */
static pt_value *cost_value(const pt_allocator *a, const char *s)
{
	static const double pow10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9 };
	size_t len = strlen(s);
	unsigned d = pt_pb_money_decimals(s, len);
	int64_t v;

	if (d <= 9 && pt_pb_money_parse(s, len, d, &v, NULL) == PT_OK) {
		if (d == 0) {
			return pt_value_int(a, v);
		}
		/* both exact below 2^53, and one IEEE division is correctly rounded: strtod's double */
		if (v <= (INT64_C(1) << 53)) {
			return pt_value_real(a, (double)v / pow10[d]);
		}
	}
	return pt_value_real(a, strtod(s, NULL));
}

/* "a,b,c" -> ['a', 'b', 'c'] (as ints for points, which the parser checked) */
static pt_value *list_value(const pt_allocator *a, const char *s, int as_int)
{
	pt_value *list = pt_value_list(a);

	if (!list || !*s) {
		return list;
	}
	for (;;) {
		const char *e = strchr(s, ',');
		size_t len = e ? (size_t)(e - s) : strlen(s);

		if (pt_value_push(list, as_int ? pt_value_int(a, strtoll(s, NULL, 10)) : pt_value_string(a, s, len))
				!= PT_OK) {
			pt_value_free(list);
			return NULL;
		}
		if (!e) {
			return list;
		}
		s = e + 1;
	}
}

/* id => [column => value] for projects (cost a number) or votes (vote, points lists) */
static pt_value *table_value(const pt_allocator *a, const pt_pabulib_table *t, int votes)
{
	long special1 = pt_pabulib_column(t, votes ? "vote" : "cost");
	long special2 = votes ? pt_pabulib_column(t, "points") : -1;
	pt_value *out = pt_value_map(a);
	size_t r, c;

	for (r = 0; out && r < t->row_count; r++) {
		pt_value *row = pt_value_map(a);

		for (c = 1; row && c < t->column_count; c++) {
			const char *s = pt_pabulib_cell(t, r, c);
			pt_value *v;

			if (!s) {
				v = pt_value_null(a);
			} else if ((long)c == special1) {
				v = votes ? list_value(a, s, 0) : cost_value(a, s);
			} else if ((long)c == special2) {
				v = list_value(a, s, 1);
			} else {
				v = pt_value_cstr(a, s);
			}
			if (pt_value_setc(row, t->columns[c], v) != PT_OK) {
				pt_value_free(row);
				row = NULL;
			}
		}
		/* ids are unique and never None (checked by the parser) */
		if (pt_value_setc(out, pt_pabulib_cell(t, r, 0), row) != PT_OK) {
			pt_value_free(out);
			out = NULL;
		}
	}
	return out;
}

pt_value *pt_pabulib_to_value(const pt_pabulib *pb, const pt_allocator *a)
{
	pt_value *out = pt_value_map(a), *meta = pt_value_map(a);
	size_t r;

	for (r = 0; meta && r < pb->meta.row_count; r++) {
		const char *s = pt_pabulib_cell(&pb->meta, r, 1);

		if (pt_value_setc(meta, pt_pabulib_cell(&pb->meta, r, 0), s ? pt_value_cstr(a, s) : pt_value_null(a))
				!= PT_OK) {
			pt_value_free(meta);
			meta = NULL;
		}
	}
	if (pt_value_setc(out, "meta", meta) != PT_OK
			|| pt_value_setc(out, "projects", table_value(a, &pb->projects, 0)) != PT_OK
			|| pt_value_setc(out, "votes", table_value(a, &pb->votes, 1)) != PT_OK) {
		pt_value_free(out);
		return NULL;
	}
	return out;
}
