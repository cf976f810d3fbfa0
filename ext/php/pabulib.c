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

#include "php_participa.h"
#include "participa_errors.h"
#include "participa_pabulib.h"
#include "participa_value.h"
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

/* data -> pt_pabulib -> checked text (the rules are the core's: pabulib_build.c) -> path */
PHP_METHOD(Participa_Pabulib, write)
{
	const pt_allocator *a = &participa_request_allocator;
	zend_string *path;
	zval *data;
	pt_value *v;
	pt_pabulib pb;
	pt_error err;
	char *out = NULL;
	size_t len = 0;
	php_stream *stream;
	pt_status st;

	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_PATH_STR(path)
		Z_PARAM_ARRAY(data)
	ZEND_PARSE_PARAMETERS_END();

	pt_error_clear(&err);
	/* data, section, row, cell, list item: anything deeper is refused by the core anyway */
	v = participa_value_from_zval(data, a, 5);
	st = v ? pt_pabulib_from_value(v, a, &pb, &err) : pt_error_set(&err, PT_ERR_NOMEM, "out of memory");
	pt_value_free(v);
	if (st == PT_OK) {
		st = pt_pabulib_write_checked(&pb, a, &out, &len, &err);
		pt_pabulib_free(&pb);
	}
	if (st != PT_OK) {
		participa_throw_error(&err);
		RETURN_THROWS();
	}
	stream = php_stream_open_wrapper(ZSTR_VAL(path), "wb", 0, NULL);
	if (!stream || php_stream_write(stream, out, len) != (ssize_t)len) {
		throw_io(stream ? "Pabulib: cannot write %s" : "Pabulib: cannot open %s for writing", ZSTR_VAL(path));
	}
	if (stream) {
		php_stream_close(stream);
	}
	pt_free(a, out);
}

