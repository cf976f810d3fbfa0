/*
 * participa binding: Participa\Pabulib (see pabulib.stub.php for the
 * array shape). Reading and writing are the core's (ext/core/tally/pabulib.c);
 * this file moves bytes through PHP streams (so open_basedir and stream
 * wrappers apply) and converts between pt_pabulib tables and arrays.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "php.h"
#include "zend_exceptions.h"
#include "zend_smart_str.h"

#include "php_participa.h"
#include "participa_errors.h"
#include "participa_pabulib.h"
#include "pabulib_arginfo.h"
#include "core/tally/pabulib.h"

zend_class_entry *participa_ce_Pabulib;

static void throw_io(const char *fmt, const char *path)
{
	pt_error err;

	pt_error_clear(&err);
	pt_error_set(&err, PT_ERR_IO, fmt, path);
	participa_throw_error(&err);
}

/* ---- read ------------------------------------------------------------- */

static void cell_zval(const char *s, zval *out)
{
	if (s) {
		ZVAL_STRING(out, s);
	} else {
		ZVAL_NULL(out);
	}
}

/* "40000.0" -> int 40000; "37387.5" -> float */
static void cost_zval(const char *s, zval *out)
{
	int64_t v;

	if (!s) {
		ZVAL_NULL(out);
		return;
	}
	if (pt_pb_money_decimals(s, strlen(s)) == 0 && pt_pb_money_parse(s, strlen(s), 0, &v, NULL) == PT_OK) {
		ZVAL_LONG(out, (zend_long)v);
		return;
	}
	ZVAL_DOUBLE(out, zend_strtod(s, NULL));
}

/* "a,b,c" -> ['a', 'b', 'c'] (as ints when points) */
static void list_zval(const char *s, int as_int, zval *out)
{
	if (!s) {
		ZVAL_NULL(out);
		return;
	}
	array_init(out);
	if (!*s) {
		return;
	}
	for (;;) {
		const char *e = strchr(s, ',');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		if (as_int) {
			add_next_index_long(out, (zend_long)ZEND_STRTOL(s, NULL, 10));
		} else {
			add_next_index_stringl(out, s, len);
		}
		if (!e) {
			break;
		}
		s = e + 1;
	}
}

static void table_zval(const pt_pabulib_table *t, int votes, zval *out)
{
	size_t r, c;
	long special1 = pt_pabulib_column(t, votes ? "vote" : "cost");
	long special2 = votes ? pt_pabulib_column(t, "points") : -1;

	array_init_size(out, (uint32_t)t->row_count);
	for (r = 0; r < t->row_count; r++) {
		const char *id = pt_pabulib_cell(t, r, 0);
		zval row;

		array_init_size(&row, (uint32_t)t->column_count - 1);
		for (c = 1; c < t->column_count; c++) {
			zval v;
			const char *s = pt_pabulib_cell(t, r, c);
			if ((long)c == special1) {
				if (votes) {
					list_zval(s, 0, &v);
				} else {
					cost_zval(s, &v);
				}
			} else if ((long)c == special2) {
				list_zval(s, 1, &v);
			} else {
				cell_zval(s, &v);
			}
			zend_hash_str_update(Z_ARRVAL(row), t->columns[c], strlen(t->columns[c]), &v);
		}
		/* ids are unique and never None (checked by the parser) */
		zend_symtable_str_update(Z_ARRVAL_P(out), id, strlen(id), &row);
	}
}

PHP_METHOD(Participa_Pabulib, __construct)
{
}

PHP_METHOD(Participa_Pabulib, read)
{
	zend_string *path, *contents;
	php_stream *stream;
	pt_pabulib pb;
	pt_error err;
	zval meta, projects, votes;
	size_t r;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_PATH_STR(path)
	ZEND_PARSE_PARAMETERS_END();

	{
		/* a FIFO would block the worker in open() and a device never ends:
		 * only regular files (a wrapper that cannot stat is opened as is) */
		php_stream_statbuf ssb;

		if (php_stream_stat_path_ex(ZSTR_VAL(path), PHP_STREAM_URL_STAT_QUIET, &ssb, NULL) == 0
			&& !S_ISREG(ssb.sb.st_mode)) {
			throw_io("Pabulib: %s is not a regular file", ZSTR_VAL(path));
			RETURN_THROWS();
		}
	}
	stream = php_stream_open_wrapper(ZSTR_VAL(path), "rb", 0, NULL);
	if (!stream) {
		throw_io("Pabulib: cannot open %s", ZSTR_VAL(path));
		RETURN_THROWS();
	}
	contents = php_stream_copy_to_mem(stream, PHP_STREAM_COPY_ALL, 0);
	php_stream_close(stream);
	if (!contents) {
		contents = ZSTR_EMPTY_ALLOC();
	}
	pt_error_clear(&err);
	if (pt_pabulib_parse(ZSTR_VAL(contents), ZSTR_LEN(contents), &participa_request_allocator, &pb, &err) != PT_OK) {
		zend_string_release(contents);
		participa_throw_error(&err);
		RETURN_THROWS();
	}
	zend_string_release(contents);

	array_init_size(&meta, (uint32_t)pb.meta.row_count);
	for (r = 0; r < pb.meta.row_count; r++) {
		const char *k = pt_pabulib_cell(&pb.meta, r, 0);
		zval v;
		cell_zval(pt_pabulib_cell(&pb.meta, r, 1), &v);
		zend_symtable_str_update(Z_ARRVAL(meta), k, strlen(k), &v);
	}
	table_zval(&pb.projects, 0, &projects);
	table_zval(&pb.votes, 1, &votes);
	pt_pabulib_free(&pb);

	array_init_size(return_value, 3);
	add_assoc_zval(return_value, "meta", &meta);
	add_assoc_zval(return_value, "projects", &projects);
	add_assoc_zval(return_value, "votes", &votes);
}

/* ---- write ------------------------------------------------------------ */

typedef struct builder {
	const pt_allocator *a;
	int failed;   /* an exception is pending */
} builder;

static char *dup_zstr(builder *b, zend_string *s)
{
	char *c = pt_strndup(b->a, ZSTR_VAL(s), ZSTR_LEN(s));
	if (memchr(ZSTR_VAL(s), '\0', ZSTR_LEN(s))) {
		participa_throw_invalid("Pabulib::write(): a value contains a NUL byte");
		b->failed = 1;
	}
	return c;
}

static char *key_text(builder *b, zend_string *skey, zend_ulong ikey)
{
	if (skey) {
		return dup_zstr(b, skey);
	} else {
		char buf[32];
		int n = snprintf(buf, sizeof(buf), ZEND_LONG_FMT, (zend_long)ikey);
		return pt_strndup(b->a, buf, (size_t)n);
	}
}

/* A scalar cell; arrays are joined with ',' (vote, points). NULL = None. */
static char *cell_text(builder *b, zval *v, const char *what)
{
	zend_string *s;
	char *c;

	ZVAL_DEREF(v);
	if (Z_TYPE_P(v) == IS_NULL) {
		return NULL;
	}
	if (Z_TYPE_P(v) == IS_ARRAY) {
		smart_str out = { 0 };
		zval *item;
		int first = 1;

		ZEND_HASH_FOREACH_VAL(Z_ARRVAL_P(v), item) {
			zend_string *is;
			ZVAL_DEREF(item);
			if (Z_TYPE_P(item) != IS_STRING && Z_TYPE_P(item) != IS_LONG) {
				participa_throw_invalid("Pabulib::write(): %s lists must hold strings or ints", what);
				b->failed = 1;
				smart_str_free(&out);
				return NULL;
			}
			is = zval_get_string(item);
			if (!first) {
				smart_str_appendc(&out, ',');
			}
			smart_str_append(&out, is);
			zend_string_release(is);
			first = 0;
		} ZEND_HASH_FOREACH_END();
		smart_str_0(&out);
		c = out.s ? dup_zstr(b, out.s) : pt_strndup(b->a, "", 0);
		smart_str_free(&out);
		return c;
	}
	if (Z_TYPE_P(v) == IS_OBJECT) {
		participa_throw_invalid("Pabulib::write(): %s: objects cannot be written", what);
		b->failed = 1;
		return NULL;
	}
	s = zval_get_string(v);
	c = dup_zstr(b, s);
	zend_string_release(s);
	return c;
}

/* Distinct columns a section may have: every row gets a cell per column,
 * so rows with ever new column names would grow the table quadratically. */
#define PABULIB_MAX_COLUMNS 1000
/* ... and cells (rows x columns, each written at least as "None;") */
#define PABULIB_MAX_CELLS 10000000

/* Index of column `name`, added when new; -1 (exception thrown) beyond
 * PABULIB_MAX_COLUMNS. `seen` maps names to indexes: O(1) per cell. */
static int add_column(builder *b, pt_pabulib_table *t, size_t *cap, HashTable *seen, zend_string *name,
	const char *section)
{
	zval *z = zend_hash_find(seen, name), idx;

	if (z) {
		return (int)Z_LVAL_P(z);
	}
	if (t->column_count >= PABULIB_MAX_COLUMNS) {
		participa_throw_invalid("Pabulib::write(): '%s' has more than %d distinct columns", section,
			PABULIB_MAX_COLUMNS);
		b->failed = 1;
		return -1;
	}
	ZVAL_LONG(&idx, (zend_long)t->column_count);
	zend_hash_add_new(seen, name, &idx);
	if (t->column_count == *cap) {
		*cap *= 2;
		t->columns = pt_realloc(b->a, t->columns, *cap * sizeof(char *));
	}
	t->columns[t->column_count] = dup_zstr(b, name);
	return (int)t->column_count++;
}

/* projects / votes: id => [col => value] */
static int build_table(builder *b, HashTable *rows, const char *id_col, const char *main_col,
	const char *section, pt_pabulib_table *t)
{
	size_t cap = 8, r = 0;
	zend_string *skey, *col;
	zend_ulong ikey;
	zval *row, *v, zero;
	HashTable seen;
	int ok = 1;

	zend_hash_init(&seen, 8, NULL, NULL, 0);
	/* the id and main columns are known: a row naming them again maps there */
	ZVAL_LONG(&zero, 1);
	zend_hash_str_add_new(&seen, main_col, strlen(main_col), &zero);
	t->columns = pt_alloc(b->a, cap * sizeof(char *));
	t->columns[0] = pt_strndup(b->a, id_col, strlen(id_col));
	/* cost / vote always second: a row without it is written as None and refused below */
	t->columns[1] = pt_strndup(b->a, main_col, strlen(main_col));
	t->column_count = 2;
	/* pass 1: the columns, in order of first appearance */
	ZEND_HASH_FOREACH_VAL(rows, row) {
		ZVAL_DEREF(row);
		if (Z_TYPE_P(row) != IS_ARRAY) {
			participa_throw_invalid("Pabulib::write(): each entry of '%s' must be an array of columns", section);
			ok = 0;
			break;
		}
		ZEND_HASH_FOREACH_STR_KEY(Z_ARRVAL_P(row), col) {
			if (!col) {
				participa_throw_invalid("Pabulib::write(): '%s' columns must have string names", section);
				ok = 0;
				break;
			}
			if (zend_string_equals_literal(col, "project_id") || zend_string_equals_literal(col, "voter_id")) {
				continue; /* the id is the array key */
			}
			if (add_column(b, t, &cap, &seen, col, section) < 0 || b->failed) {
				ok = 0;
				break;
			}
		} ZEND_HASH_FOREACH_END();
		if (!ok) {
			break;
		}
	} ZEND_HASH_FOREACH_END();
	zend_hash_destroy(&seen);
	if (!ok) {
		return 0;
	}
	t->row_count = zend_hash_num_elements(rows);
	t->row_cap = t->row_count;
	if ((uint64_t)t->row_count * t->column_count > PABULIB_MAX_CELLS) {
		participa_throw_invalid("Pabulib::write(): '%s' would have more than %d cells (rows x columns)", section,
			PABULIB_MAX_CELLS);
		return 0;
	}
	t->cells = pt_calloc(b->a, (t->row_count ? t->row_count : 1) * t->column_count, sizeof(char *));
	t->lines = pt_calloc(b->a, t->row_count ? t->row_count : 1, sizeof(unsigned));
	/* pass 2: the cells (missing ones stay NULL = None) */
	ZEND_HASH_FOREACH_KEY_VAL(rows, ikey, skey, row) {
		char **cells = t->cells + r * t->column_count;
		size_t c;

		ZVAL_DEREF(row);
		cells[0] = key_text(b, skey, ikey);
		for (c = 1; c < t->column_count; c++) {
			v = zend_hash_str_find(Z_ARRVAL_P(row), t->columns[c], strlen(t->columns[c]));
			if (v) {
				cells[c] = cell_text(b, v, t->columns[c]);
				if (b->failed) {
					return 0;
				}
			}
		}
		r++;
	} ZEND_HASH_FOREACH_END();
	return !b->failed;
}

static HashTable *section(zval *data, const char *name, int required)
{
	zval *z = zend_hash_str_find_deref(Z_ARRVAL_P(data), name, strlen(name));

	if (!z) {
		if (required) {
			participa_throw_invalid("Pabulib::write(): the data has no '%s'", name);
		}
		return NULL;
	}
	if (Z_TYPE_P(z) != IS_ARRAY) {
		participa_throw_invalid("Pabulib::write(): '%s' must be an array", name);
		return NULL;
	}
	return Z_ARRVAL_P(z);
}

PHP_METHOD(Participa_Pabulib, write)
{
	zend_string *path;
	zval *data, *v;
	HashTable *meta, *projects, *votes;
	pt_pabulib pb, check;
	builder b = { &participa_request_allocator, 0 };
	pt_error err;
	char *out = NULL;
	size_t len = 0, r = 0;
	php_stream *stream;
	zend_string *skey;
	zend_ulong ikey;

	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_PATH_STR(path)
		Z_PARAM_ARRAY(data)
	ZEND_PARSE_PARAMETERS_END();

	meta = section(data, "meta", 0);
	if (EG(exception)) {
		RETURN_THROWS();
	}
	projects = section(data, "projects", 1);
	if (!projects) {
		RETURN_THROWS();
	}
	votes = section(data, "votes", 1);
	if (!votes) {
		RETURN_THROWS();
	}
	memset(&pb, 0, sizeof(pb));
	pb.alloc = b.a;
	pb.meta.columns = pt_alloc(b.a, 2 * sizeof(char *));
	pb.meta.columns[0] = pt_strndup(b.a, "key", 3);
	pb.meta.columns[1] = pt_strndup(b.a, "value", 5);
	pb.meta.column_count = 2;
	if (meta) {
		pb.meta.row_count = zend_hash_num_elements(meta);
		pb.meta.row_cap = pb.meta.row_count;
		pb.meta.cells = pt_calloc(b.a, (pb.meta.row_count ? pb.meta.row_count : 1) * 2, sizeof(char *));
		pb.meta.lines = pt_calloc(b.a, pb.meta.row_count ? pb.meta.row_count : 1, sizeof(unsigned));
		ZEND_HASH_FOREACH_KEY_VAL(meta, ikey, skey, v) {
			pb.meta.cells[2 * r] = key_text(&b, skey, ikey);
			pb.meta.cells[2 * r + 1] = cell_text(&b, v, "meta");
			if (b.failed) {
				break;
			}
			r++;
		} ZEND_HASH_FOREACH_END();
	}
	if (b.failed || !build_table(&b, projects, "project_id", "cost", "projects", &pb.projects)
		|| !build_table(&b, votes, "voter_id", "vote", "votes", &pb.votes)) {
		pt_pabulib_free(&pb);
		RETURN_THROWS();
	}
	pt_error_clear(&err);
	if (pt_pabulib_write(&pb, b.a, &out, &len, &err) != PT_OK) {
		pt_pabulib_free(&pb);
		participa_throw_error(&err);
		RETURN_THROWS();
	}
	pt_pabulib_free(&pb);
	/* never write what read() would refuse (unknown project in a vote, bad cost, ...) */
	if (pt_pabulib_parse(out, len, b.a, &check, &err) != PT_OK) {
		pt_free(b.a, out);
		participa_throw_error(&err);
		RETURN_THROWS();
	}
	pt_pabulib_free(&check);

	stream = php_stream_open_wrapper(ZSTR_VAL(path), "wb", 0, NULL);
	if (!stream) {
		pt_free(b.a, out);
		throw_io("Pabulib: cannot open %s for writing", ZSTR_VAL(path));
		RETURN_THROWS();
	}
	if (php_stream_write(stream, out, len) != (ssize_t)len) {
		php_stream_close(stream);
		pt_free(b.a, out);
		throw_io("Pabulib: cannot write %s", ZSTR_VAL(path));
		RETURN_THROWS();
	}
	php_stream_close(stream);
	pt_free(b.a, out);
}

void participa_register_pabulib(void)
{
	participa_ce_Pabulib = register_class_Participa_Pabulib();
}
