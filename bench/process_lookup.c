/*
 * Process lookup by id at the size of generated templates (issue 19): 284 board elections (San Luis
 * Potosí) and 6,644 (one per Iztapalapa territory) from one `for_each:` template. No server.
 *
 * Build and run from the repository root (no sanitizers, -O2):
 *
 *   clang -std=gnu99 -O2 -Iext -DPCRE2_CODE_UNIT_WIDTH=8 -o out/bench_process_lookup bench/process_lookup.c \
 *       $(find ext/core ext/io -name '*.c' | sort) $(pkg-config --cflags --libs libmariadb yaml-0.1 libpcre2-8 libcrypto) \
 *       -lpthread -lm
 *   out/bench_process_lookup
 *
 * For each size: the YAML's load (parse and validate, which checks every generated id against the
 * ones before it), then every generated process looked up by its id, the last first, through
 * pt_config_process() (pt_processes.by_id, the one hash map) against the floor it replaced, the
 * linear search over the same items written here as it was; rounds interleaved (hash, linear, hash
 * ...), best of ROUNDS, per lookup and the ratio.
 */
#include "io/site/config_load.h"
#include "core/process/config_processes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define ROUNDS 7

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static volatile uintptr_t sink;

/* the code pt_config_process() had before issue 19: the floor */
static const pt_process_def *linear(const pt_config *cfg, const char *id, size_t len)
{
	size_t i;

	for (i = 0; i < cfg->processes->count; i++) {
		const pt_process_def *p = &cfg->processes->items[i];

		if (strlen(p->id) == len && memcmp(p->id, id, len) == 0) {
			return p;
		}
	}
	return NULL;
}

static char *yaml_for(size_t boards, size_t *len)
{
	size_t cap = boards * 160 + 4096, y = 0, d;
	char *s = malloc(cap);

	y += (size_t)snprintf(s + y, cap - y, "site: { name: X }\ndatabase: { socket: /s, name: p, user: u }\n"
		"territories:\n  - id: mx\n    name: Municipio\n    children:\n");
	for (d = 0; d < boards; d++) {
		y += (size_t)snprintf(s + y, cap - y, "      - { id: t-%05zu, name: Territorio %zu, kind: unidad }\n", d, d);
	}
	y += (size_t)snprintf(s + y, cap - y, "roles:\n  ciudadano: { can: [comment, vote] }\nprocesses:\n"
		"  - id: jpc\n    title: Junta de {territory}\n    for_each: { kind: unidad }\n    kind: election\n"
		"    method: plurality\n    phases: { voting: [2020-01-01, 2099-12-31] }\n    candidates:\n"
		"      - { id: blanco, name: En blanco }\n");
	*len = y;
	return s;
}

int main(void)
{
	static const size_t sizes[] = { 284, 6644 };
	size_t k;

	printf("process lookup by id (pt_config_process), best of %d interleaved rounds\n", ROUNDS);
	printf("%-8s %12s %14s %14s %8s\n", "boards", "load ms", "hash ns/look", "linear ns/look", "linear/hash");
	for (k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		size_t n = sizes[k], len, i, r;
		char *yaml = yaml_for(n, &len), (*ids)[16] = malloc(n * 16);
		pt_config *cfg = NULL;
		pt_diags diags;
		double t0, load, hash = 1e30, lin = 1e30;

		pt_diags_init(&diags);
		t0 = now_ns();
		if (pt_config_load_string("lookup.yaml", yaml, len, &cfg, &diags) != PT_OK || cfg->processes->count != n) {
			fprintf(stderr, "the %zu-board YAML does not load: %s\n", n, diags.count ? diags.items[0].message : "?");
			return 1;
		}
		load = (now_ns() - t0) / 1e6;
		for (i = 0; i < n; i++) {
			snprintf(ids[i], 16, "jpc.t-%05zu", n - 1 - i);   /* the last first: the linear search's worst half */
		}
		for (r = 0; r < ROUNDS; r++) {
			uintptr_t s = 0;

			t0 = now_ns();
			for (i = 0; i < n; i++) {
				s += (uintptr_t)pt_config_process(cfg, ids[i], strlen(ids[i]));
			}
			hash = (now_ns() - t0) / (double)n < hash ? (now_ns() - t0) / (double)n : hash;
			t0 = now_ns();
			for (i = 0; i < n; i++) {
				s -= (uintptr_t)linear(cfg, ids[i], strlen(ids[i]));
			}
			lin = (now_ns() - t0) / (double)n < lin ? (now_ns() - t0) / (double)n : lin;
			if (s != 0) {
				fprintf(stderr, "the hash and the linear search disagree\n");
				return 1;
			}
			sink += s;
		}
		printf("%-8zu %12.1f %14.1f %14.1f %8.1f\n", n, load, hash, lin, lin / hash);
		pt_config_free(cfg);
		pt_diags_free(&diags);
		free(yaml);
		free(ids);
	}
	return 0;
}
