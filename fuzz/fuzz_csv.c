/*
 * libFuzzer target: the RFC 4180 reader and writer, and the canonical
 * commitment values that CSV cells feed.
 *
 *   make -C tests/c /work/main/out/fuzz/fuzz_csv
 *   out/fuzz/fuzz_csv -max_total_time=120 fuzz/corpus/csv
 *
 * Any input must read to the end or fail cleanly with a row and a column;
 * every record read must write and read back to the same fields; every
 * field must canonicalize or be refused, and a canonical value must be a
 * fixed point (canonical(canonical(x)) == canonical(x)).
 */
#include "core/common/csv.h"
#include "core/commitment/commitment.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void fixed_point(size_t col, const char *s, size_t len)
{
	pt_commitment_field f = (pt_commitment_field)(col % PT_CMF_COUNT);
	char *a = malloc(len + 32), *b;
	pt_error err;

	pt_error_clear(&err);
	if (pt_commitment_canonical(f, s, len, a, len + 32, &err) == PT_OK) {
		size_t n = strlen(a);

		b = malloc(n + 32);
		if (pt_commitment_canonical(f, a, n, b, n + 32, &err) != PT_OK || strcmp(a, b) != 0) {
			abort();
		}
		free(b);
	} else if (err.code != PT_ERR_INVALID || err.message[0] == '\0') {
		abort();
	}
	free(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pt_csv_reader r, back;
	pt_error err;
	bool done = false, done2 = false;
	size_t i, records = 0;

	pt_csv_reader_init(&r, (const char *)data, size, NULL);
	pt_error_clear(&err);
	while (pt_csv_next(&r, &done, &err) == PT_OK && !done) {
		pt_buf out;

		records++;
		pt_buf_init(&out, NULL);
		for (i = 0; i < r.field_count; i++) {
			pt_csv_field(&out, r.fields[i], r.lens[i], i == 0);
			fixed_point(i, r.fields[i], r.lens[i]);
		}
		pt_csv_end_record(&out);
		if (out.failed) {
			abort();
		}
		pt_csv_reader_init(&back, out.data, out.len, NULL);
		if (pt_csv_next(&back, &done2, &err) != PT_OK || done2 || back.field_count != r.field_count) {
			abort();
		}
		for (i = 0; i < r.field_count; i++) {
			if (back.lens[i] != r.lens[i] || memcmp(back.fields[i], r.fields[i], r.lens[i]) != 0) {
				abort();
			}
		}
		if (pt_csv_next(&back, &done2, &err) != PT_OK || !done2) {
			abort();
		}
		pt_csv_reader_free(&back);
		pt_buf_free(&out);
	}
	if (err.code != PT_OK && (err.code != PT_ERR_INVALID || err.line == 0 || err.column == 0
		|| err.line != r.row + 1)) {
		abort();
	}
	pt_csv_reader_free(&r);
	(void)records;
	return 0;
}
