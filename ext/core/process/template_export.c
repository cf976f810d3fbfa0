/* participa core: a template's summary as open data (see template_export.h). */
#include "core/process/template_export.h"
#include "core/common/csv.h"
#include "core/common/json_write.h"
#include "core/common/pt_buf.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

bool pt_process_template_format_ok(const char *format, size_t len)
{
	return (len == 3 && !memcmp(format, "csv", 3)) || (len == 4 && !memcmp(format, "json", 4));
}

static const pt_value *field(const pt_value *m, const char *k)
{
	return m && m->type == PT_VALUE_MAP ? pt_value_get(m, k) : NULL;
}

static void text(pt_buf *b, const pt_value *v, bool first)
{
	pt_csv_field(b, v && v->type == PT_VALUE_STRING ? v->u.s.s : "", v && v->type == PT_VALUE_STRING ? v->u.s.len : 0,
		first);
}

static void integer(pt_buf *b, int64_t i)
{
	char n[32];

	pt_csv_field(b, n, (size_t)snprintf(n, sizeof(n), "%" PRId64, i), false);
}

static int64_t int_of(const pt_value *v)
{
	return v && v->type == PT_VALUE_INT ? v->u.i : 0;
}

static void csv_row(pt_buf *b, const pt_value *r)
{
	const pt_value *w = field(r, "winners");
	int64_t voters = int_of(field(r, "voters")), residents = int_of(field(r, "residents"));
	char t[48];
	size_t i;
	pt_buf names;

	text(b, field(r, "process"), true);
	text(b, field(r, "territory"), false);
	text(b, field(r, "territory_name"), false);
	integer(b, residents);
	integer(b, voters);
	if (residents > 0) {
		/* exact to two decimals, rounded half up, in whole numbers (no float) */
		int64_t hundredths = (voters * 10000 + residents / 2) / residents;

		pt_csv_field(b, t, (size_t)snprintf(t, sizeof(t), "%" PRId64 ".%02" PRId64, hundredths / 100, hundredths % 100),
			false);
	} else {
		pt_csv_field(b, "", 0, false);
	}
	pt_csv_field(b, field(r, "closed") && field(r, "closed")->u.b ? "1" : "0", 1, false);
	pt_buf_init(&names, b->a);
	for (i = 0; w && (w->type == PT_VALUE_LIST || w->type == PT_VALUE_MAP) && i < w->u.c.count; i++) {
		const pt_value *x = w->u.c.items[i];

		if (x->type == PT_VALUE_STRING) {
			if (names.len) {
				pt_buf_append(&names, ";", 1);
			}
			pt_buf_append(&names, x->u.s.s, x->u.s.len);
		}
	}
	pt_csv_field(b, names.data ? names.data : "", names.len, false);
	b->failed |= names.failed;
	pt_buf_free(&names);
	pt_csv_end_record(b);
}

pt_status pt_process_template_open_data(const pt_value *summary, const char *format, size_t len, const pt_allocator *a,
	char **doc, size_t *doc_len, pt_error *err)
{
	pt_buf b;
	pt_status s = PT_OK;

	*doc = NULL;
	*doc_len = 0;
	if (!pt_process_template_format_ok(format, len)) {
		return pt_error_set(err, PT_ERR_INVALID, "participa: a template's open data is csv or json");
	}
	pt_buf_init(&b, a);
	if (len == 4) {
		s = pt_json_value(&b, summary, 0, err);
	} else {
		const pt_value *ps = field(summary, "processes");
		size_t i;

		pt_buf_puts(&b, "process,territory,territory_name,residents,voters,turnout_percent,closed,winners\r\n");
		for (i = 0; ps && ps->type == PT_VALUE_LIST && i < ps->u.c.count; i++) {
			csv_row(&b, ps->u.c.items[i]);
		}
	}
	if (s == PT_OK && (b.failed || !b.data)) {
		s = pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	}
	if (s != PT_OK) {
		pt_buf_free(&b);
		return s;
	}
	*doc = b.data;
	*doc_len = b.len;
	return PT_OK;
}
