/*
 * participa core: RFC 4180 CSV writer and reader. See csv.h.
 */
#include "core/common/csv.h"
#include "core/common/text.h"

#include <string.h>

void pt_csv_field(pt_buf *out, const char *s, size_t len, bool first)
{
	size_t i, start = 0;
	bool quote = false;

	if (!first) {
		pt_buf_append(out, ",", 1);
	}
	/* a leading byte order mark would be taken for the file's own BOM */
	quote = len >= 3 && memcmp(s, PT_CSV_BOM, 3) == 0;
	for (i = 0; i < len && !quote; i++) {
		if (s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n') {
			quote = true;
			break;
		}
	}
	if (!quote) {
		pt_buf_append(out, s, len);
		return;
	}
	pt_buf_append(out, "\"", 1);
	for (i = 0; i < len; i++) {
		if (s[i] == '"') {
			pt_buf_append(out, s + start, i + 1 - start);
			pt_buf_append(out, "\"", 1);
			start = i + 1;
		}
	}
	pt_buf_append(out, s + start, len - start);
	pt_buf_append(out, "\"", 1);
}

void pt_csv_end_record(pt_buf *out)
{
	pt_buf_append(out, "\r\n", 2);
}

void pt_csv_reader_init(pt_csv_reader *r, const char *data, size_t len, const pt_allocator *a)
{
	memset(r, 0, sizeof(*r));
	r->data = data;
	r->len = len;
	r->a = a;
	if (len >= 3 && memcmp(data, PT_CSV_BOM, 3) == 0) {
		r->pos = 3;
	}
}

void pt_csv_reader_free(pt_csv_reader *r)
{
	pt_free(r->a, r->buf);
	pt_free(r->a, r->fields);
	pt_free(r->a, r->lens);
	memset(r, 0, sizeof(*r));
}

/* fmt: one whole message per problem ("CSV fila %zu, columna %zu: ..."), so the catalog can translate it. */
static pt_status bad(pt_csv_reader *r, size_t col, pt_error *err, const char *fmt) __attribute__((format(printf, 4, 0)));

static pt_status bad(pt_csv_reader *r, size_t col, pt_error *err, const char *fmt)
{
	pt_error_set(err, PT_ERR_INVALID, fmt, r->row + 1, col);
	if (err) {
		err->line = (unsigned)(r->row + 1);
		err->column = (unsigned)col;
		err->index = (long)r->row;
	}
	return PT_ERR_INVALID;
}

pt_status pt_csv_next(pt_csv_reader *r, bool *done, pt_error *err)
{
	size_t p = r->pos, used = 0, i;
	const char *d = r->data;
	size_t nf = 0;
	bool end = false;

	*done = false;
	if (p >= r->len) {
		*done = true;
		return PT_OK;
	}
	/* Unescaped bytes never exceed the raw record, so one buffer of the
	 * remaining input's size (bounded per record below) is enough. */
	if (r->buf_cap < r->len - p + 1) {
		char *nb = pt_realloc(r->a, r->buf, r->len - p + 1);

		if (!nb) {
			return pt_error_set(err, PT_ERR_NOMEM, "out of memory reading CSV");
		}
		r->buf = nb;
		r->buf_cap = r->len - p + 1;
	}
	while (!end) {
		size_t start = used;

		if (nf == r->field_cap) {
			size_t cap = r->field_cap ? r->field_cap * 2 : 16;
			const char **f = pt_realloc(r->a, r->fields, cap * sizeof(*f));
			size_t *l;

			if (!f) {
				return pt_error_set(err, PT_ERR_NOMEM, "out of memory reading CSV");
			}
			r->fields = f;
			l = pt_realloc(r->a, r->lens, cap * sizeof(*l));
			if (!l) {
				return pt_error_set(err, PT_ERR_NOMEM, "out of memory reading CSV");
			}
			r->lens = l;
			r->field_cap = cap;
		}
		if (p < r->len && d[p] == '"') {
			p++;
			for (;;) {
				if (p >= r->len) {
					return bad(r, nf + 1, err, "CSV fila %zu, columna %zu: comillas sin cerrar");
				}
				if (d[p] == '"') {
					if (p + 1 < r->len && d[p + 1] == '"') {
						r->buf[used++] = '"';
						p += 2;
						continue;
					}
					p++;
					break;
				}
				if (d[p] == '\0') {
					return bad(r, nf + 1, err, "CSV fila %zu, columna %zu: contiene un byte NUL");
				}
				r->buf[used++] = d[p++];
			}
			if (p < r->len && d[p] != ',' && d[p] != '\r' && d[p] != '\n') {
				return bad(r, nf + 1, err, "CSV fila %zu, columna %zu: texto después de las comillas de cierre");
			}
		} else {
			while (p < r->len && d[p] != ',' && d[p] != '\r' && d[p] != '\n') {
				if (d[p] == '"') {
					return bad(r, nf + 1, err, "CSV fila %zu, columna %zu: comillas dentro de un campo sin comillas");
				}
				if (d[p] == '\0') {
					return bad(r, nf + 1, err, "CSV fila %zu, columna %zu: contiene un byte NUL");
				}
				r->buf[used++] = d[p++];
			}
		}
		r->lens[nf] = used - start;
		r->fields[nf] = (const char *)(uintptr_t)start;   /* an offset until the record is complete */
		if (pt_text_validate(r->buf + start, used - start, NULL, NULL) != PT_OK) {
			return bad(r, nf + 1, err, "CSV fila %zu, columna %zu: no es UTF-8 válido");
		}
		r->buf[used++] = '\0';
		nf++;
		if (p >= r->len) {
			end = true;
		} else if (d[p] == ',') {
			p++;
		} else {
			if (d[p] == '\r') {
				p++;
				if (p < r->len && d[p] == '\n') {
					p++;
				}
			} else {
				p++;
			}
			end = true;
		}
	}
	for (i = 0; i < nf; i++) {
		r->fields[i] = r->buf + (uintptr_t)r->fields[i];
	}
	r->field_count = nf;
	r->pos = p;
	r->row++;
	return PT_OK;
}
