/*
 * Times the C core of participatory budgeting on a Pabulib file, without PHP.
 *
 *   cc -O2 -std=gnu99 -Iext -o out/pb_core bench/pb_core.c ext/core/tally/pb.c \
 *      ext/core/tally/pabulib.c ext/core/common/pt_base.c -lm
 *   out/pb_core [file.pb] [-n repetitions] [-m mes|greedy] [-c none|add1|add1u]
 *               [-s floor|exact] [-i increment] [-p]
 *
 * Default file: $PARTICIPA_SHARED_DIR (or ../shared)/data/pabulib/Poland_Swiecie_2023.pb.
 * Prints the parse time, the mean and best time per count in ms, and with
 * -p the funded project ids in order (one line) and the per-voter budget.
 */
#include "core/tally/pb.h"
#include "core/tally/pabulib.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
	const char *path = NULL, *method = "mes", *completion = "add1", *start = "floor";
	char def[4096];
	int reps = 50, print = 0, i, opt;
	long long increment = 1;
	FILE *f;
	char *data;
	long len;
	pt_pabulib pb;
	pt_pabulib_instance inst;
	pt_error err;
	double t0, t1, best = 1e300, total = 0;

	while ((opt = getopt(argc, argv, "n:m:c:s:i:p")) != -1) {
		switch (opt) {
		case 'n': reps = atoi(optarg); break;
		case 'm': method = optarg; break;
		case 'c': completion = optarg; break;
		case 's': start = optarg; break;
		case 'i': increment = atoll(optarg); break;
		case 'p': print = 1; break;
		default:
			fprintf(stderr, "usage: %s [file.pb] [-n reps] [-m mes|greedy] [-c none|add1|add1u] [-s floor|exact] [-i inc] [-p]\n", argv[0]);
			return 2;
		}
	}
	if (optind < argc) {
		path = argv[optind];
	} else {
		const char *sd = getenv("PARTICIPA_SHARED_DIR");
		snprintf(def, sizeof(def), "%s/data/pabulib/Poland_Swiecie_2023.pb", sd ? sd : "../shared");
		path = def;
	}
	f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return 1;
	}
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	data = malloc((size_t)len + 1);
	if (!data || fread(data, 1, (size_t)len, f) != (size_t)len) {
		fprintf(stderr, "read failed\n");
		return 1;
	}
	fclose(f);
	pt_error_clear(&err);
	t0 = now_ms();
	if (pt_pabulib_parse(data, (size_t)len, NULL, &pb, &err) != PT_OK
		|| pt_pabulib_instance_build(&pb, NULL, &inst, &err) != PT_OK) {
		fprintf(stderr, "%s: line %u: %s\n", path, err.line, err.message);
		return 1;
	}
	t1 = now_ms();
	if (!print) {
		printf("parse+instance: %.3f ms (%zu projects, %zu voters)\n", t1 - t0,
			inst.input.project_count, inst.input.voter_count);
	}
	for (i = 0; i < reps; i++) {
		pt_pb_result r;
		pt_status st;
		double dt;

		t0 = now_ms();
		if (strcmp(method, "greedy") == 0) {
			st = pt_pb_greedy(&inst.input, NULL, NULL, &r, &err);
		} else {
			pt_pb_mes_options o;
			pt_pb_mes_options_init(&o);
			o.completion = strcmp(completion, "none") == 0 ? PT_PB_COMPLETION_NONE
				: (strcmp(completion, "add1u") == 0 ? PT_PB_COMPLETION_ADD1U : PT_PB_COMPLETION_ADD1);
			o.start = strcmp(start, "exact") == 0 ? PT_PB_START_EXACT : PT_PB_START_FLOOR;
			o.increment = increment;
			st = pt_pb_equal_shares(&inst.input, &o, NULL, &r, &err);
		}
		dt = now_ms() - t0;
		if (st != PT_OK) {
			fprintf(stderr, "count failed: %s\n", err.message);
			return 1;
		}
		total += dt;
		if (dt < best) {
			best = dt;
		}
		if (print && i == reps - 1) {
			size_t k;
			for (k = 0; k < r.selected_count; k++) {
				printf("%s%s", k ? "," : "", pt_pabulib_cell(&pb.projects, r.selections[k].project, 0));
			}
			printf("\n%s %u\n", r.per_voter_budget ? r.per_voter_budget : "-", r.runs);
		}
		pt_pb_result_free(&r);
	}
	if (!print) {
		printf("%s/%s: mean %.3f ms, best %.3f ms per count over %d runs\n", method, completion,
			total / reps, best, reps);
	}
	pt_pabulib_instance_free(&inst);
	pt_pabulib_free(&pb);
	free(data);
	return 0;
}
