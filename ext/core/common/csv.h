/*
 * participa core: CSV per RFC 4180 (comma separated, CRLF line ends, fields
 * with a comma, quote, CR or LF quoted, quotes doubled), UTF-8.
 *
 * The writer always ends records with CRLF and quotes only what must be
 * quoted. The reader accepts CRLF or LF line ends, an optional UTF-8 byte
 * order mark, and a final record with or without a line end; it refuses a
 * quote inside an unquoted field, text after a closing quote, an unclosed
 * quote, invalid UTF-8 and NUL bytes, naming the row (1-based, the header
 * is row 1) and column (1-based field number) in err (err->line = row,
 * err->column = column, err->index = row - 1).
 */
#ifndef PT_CSV_H
#define PT_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include "core/common/pt_base.h"
#include "core/common/pt_buf.h"

/* Appends one field (quoted when needed) / the record separator. */
void pt_csv_field(pt_buf *out, const char *s, size_t len, bool first);
void pt_csv_end_record(pt_buf *out);

/* The UTF-8 byte order mark Excel needs to read UTF-8 CSV. */
#define PT_CSV_BOM "\xEF\xBB\xBF"

/*
 * One record: fields point into a buffer owned by the reader, valid until
 * the next call. Unquoted and quoted fields are both returned unescaped.
 */
typedef struct pt_csv_reader {
	const char *data;
	size_t len, pos;
	size_t row;                 /* rows returned so far */
	char *buf;                  /* unescaped field bytes, each NUL-terminated */
	size_t buf_cap;
	const char **fields;
	size_t *lens;
	size_t field_count, field_cap;
	const pt_allocator *a;
} pt_csv_reader;

void pt_csv_reader_init(pt_csv_reader *r, const char *data, size_t len, const pt_allocator *a);
void pt_csv_reader_free(pt_csv_reader *r);

/*
 * Reads the next record into r->fields / r->lens / r->field_count.
 * *done = true (and PT_OK) at the end of input. PT_ERR_INVALID with row and
 * column on a malformed record; PT_ERR_NOMEM. A blank line is a record with
 * one empty field. O(record length).
 */
pt_status pt_csv_next(pt_csv_reader *r, bool *done, pt_error *err);

#endif
