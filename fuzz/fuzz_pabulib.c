/*
 * libFuzzer target: Pabulib reader and writer, and the PB counting rules
 * on whatever parses.
 *
 *   make -C tests/c /work/main/out/fuzz/fuzz_pabulib
 *   out/fuzz/fuzz_pabulib -max_total_time=120 fuzz/corpus/pabulib
 *
 * Any input must parse or fail cleanly with a line number; what parses
 * must write, parse back and compare equal cell by cell; an instance
 * built from it must count under greedy and Equal Shares (runs capped)
 * without exceeding its budget.
 */
#include "core/tally/pabulib.h"
#include "core/tally/pb.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void same_table(const pt_pabulib_table *a, const pt_pabulib_table *b)
{
	size_t i;

	if (a->column_count != b->column_count || a->row_count != b->row_count) {
		abort();
	}
	for (i = 0; i < a->column_count; i++) {
		if (strcmp(a->columns[i], b->columns[i]) != 0) {
			abort();
		}
	}
	for (i = 0; i < a->row_count * a->column_count; i++) {
		if (!a->cells[i] != !b->cells[i]) {
			abort();
		}
		if (a->cells[i] && strcmp(a->cells[i], b->cells[i]) != 0) {
			abort();
		}
	}
}

static void check_result(const pt_pb_input *in, const pt_pb_result *r)
{
	__int128 sum = 0;
	size_t k;

	for (k = 0; k < r->selected_count; k++) {
		if (r->selections[k].project >= in->project_count) {
			abort();
		}
		sum += in->costs[r->selections[k].project];
	}
	if (sum > in->budget || sum != r->total_cost) {
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pt_pabulib pb, pb2;
	pt_pabulib_instance inst;
	pt_error err;
	char *out = NULL;
	size_t len = 0;

	pt_error_clear(&err);
	if (pt_pabulib_parse((const char *)data, size, NULL, &pb, &err) != PT_OK) {
		if (err.code == PT_ERR_INVALID && !err.message[0]) {
			abort(); /* a refusal must say why */
		}
		return 0;
	}
	if (pt_pabulib_write(&pb, NULL, &out, &len, &err) != PT_OK) {
		abort(); /* whatever we read, we can write */
	}
	if (pt_pabulib_parse(out, len, NULL, &pb2, &err) != PT_OK) {
		abort();
	}
	same_table(&pb.meta, &pb2.meta);
	same_table(&pb.projects, &pb2.projects);
	same_table(&pb.votes, &pb2.votes);
	free(out);
	pt_pabulib_free(&pb2);

	if (pt_pabulib_instance_build(&pb, NULL, &inst, &err) == PT_OK) {
		pt_pb_result r;
		pt_pb_mes_options o;

		if (pt_pb_greedy(&inst.input, NULL, NULL, &r, &err) == PT_OK) {
			check_result(&inst.input, &r);
		}
		pt_pb_result_free(&r);
		pt_pb_mes_options_init(&o);
		o.completion = PT_PB_COMPLETION_ADD1U;
		o.max_runs = 64;
		o.max_work = 2000000;   /* lowered: the refusal path, and fast inputs */
		if (pt_pb_equal_shares(&inst.input, &o, NULL, &r, &err) == PT_OK) {
			check_result(&inst.input, &r);
			if (r.work > o.max_work + o.max_work / 2) {
				abort(); /* the work budget holds (a round may end past it) */
			}
		} else if (err.code != PT_ERR_INTERNAL && err.code != PT_ERR_INVALID) {
			abort();
		} else if (err.code == PT_ERR_INTERNAL && strstr(err.message, "disagree")) {
			abort(); /* the certified and exact engines must agree */
		}
		pt_pb_result_free(&r);
		pt_pabulib_instance_free(&inst);
	}
	pt_pabulib_free(&pb);
	return 0;
}
