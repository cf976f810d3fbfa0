/*
 * participa binding: Participa\Pabulib (see pabulib.stub.php for the
 * array shape). Reading and writing are the core's (ext/core/tally/pabulib.c);
 * this file moves bytes through PHP streams (so open_basedir and stream
 * wrappers apply) and converts the core's value trees to and from arrays.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "php.h"

#include "php_participa.h"
#include "participa_errors.h"
#include "participa_pabulib.h"
#include "participa_site.h"
#include "participa_value.h"
#include "core/tally/pabulib.h"

zend_class_entry *participa_ce_Pabulib;

PHP_METHOD(Participa_Pabulib, __construct)
{
}

PHP_METHOD(Participa_Pabulib, read)
{
	zend_string *path, *contents;
	php_stream *stream;
	pt_pabulib pb;
	pt_error err;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_PATH_STR(path)
	ZEND_PARSE_PARAMETERS_END();

	{
		/* a FIFO would block the worker in open() and a device never ends:
		 * only regular files (a wrapper that cannot stat is opened as is) */
		php_stream_statbuf ssb;

		if (php_stream_stat_path_ex(ZSTR_VAL(path), PHP_STREAM_URL_STAT_QUIET, &ssb, NULL) == 0
			&& !S_ISREG(ssb.sb.st_mode)) {
			participa_throw_code(PT_ERR_IO, "Pabulib: %s is not a regular file", ZSTR_VAL(path));
			RETURN_THROWS();
		}
	}
	stream = php_stream_open_wrapper(ZSTR_VAL(path), "rb", 0, NULL);
	if (!stream) {
		participa_throw_code(PT_ERR_IO, "Pabulib: cannot open %s", ZSTR_VAL(path));
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

	participa_value_return(pt_pabulib_to_value(&pb, &participa_request_allocator), return_value);
	pt_pabulib_free(&pb);
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
		participa_throw_code(PT_ERR_IO, stream ? "Pabulib: cannot write %s" : "Pabulib: cannot open %s for writing",
			ZSTR_VAL(path));
	}
	if (stream) {
		php_stream_close(stream);
	}
	pt_free(a, out);
}

