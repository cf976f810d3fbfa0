/*
 * Timing of configuration loading and territory containment checks.
 *
 * Build and run from the repository root (no sanitizers, -O2):
 *
 *   clang -std=gnu99 -O2 -Wall -Wextra -Iext -o out/bench_config_load bench/config_load.c \
 *       ext/core/common/pt_base.c ext/core/common/pt_ynode.c ext/core/site/territory.c ext/core/site/site_config.c \
 *       ext/io/common/yaml_doc.c ext/io/site/config_load.c -lyaml
 *   out/bench_config_load [examples/iztapalapa-large.yaml]
 *
 * Prints the mean wall time of load + validate over 20 runs (libyaml
 * parsing alone, the same file parsed with no tree built, is printed beside
 * it as the baseline), and the mean cost of one pt_territory_within()
 * over 10M random pairs, against a naive parent walk as baseline.
 */
#include "io/site/config_load.h"
#include "io/common/yaml_doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <yaml.h>

#define RUNS 20
#define CHECKS 10000000u

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	long n;

	if (!fp) {
		return NULL;
	}
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (!buf || fread(buf, 1, (size_t)n, fp) != (size_t)n) {
		fclose(fp);
		free(buf);
		return NULL;
	}
	fclose(fp);
	*len = (size_t)n;
	return buf;
}

/* Baseline: libyaml's event stream alone, nothing kept. */
static int raw_parse(const char *data, size_t len)
{
	yaml_parser_t p;
	yaml_event_t ev;
	int events = 0, done = 0;

	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
	while (!done && yaml_parser_parse(&p, &ev)) {
		done = ev.type == YAML_STREAM_END_EVENT;
		events++;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	return events;
}

static uint64_t rng_state = 0x2545F4914F6CDD1Dull;
static inline uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "examples/iztapalapa-large.yaml";
	double t0, load_ms = 0, raw_ms = 0, within_ns, naive_ns;
	pt_config *cfg = NULL;
	size_t len, i, hits = 0, naive_hits = 0;
	char *data = slurp(path, &len);
	int32_t *pairs;
	uint32_t n;
	int run;

	if (!data) {
		fprintf(stderr, "cannot read %s\n", path);
		return 1;
	}
	for (run = 0; run < RUNS; run++) {
		pt_diags diags;

		pt_diags_init(&diags);
		t0 = now_ms();
		if (pt_config_load_file(path, &cfg, &diags) != PT_OK) {
			fprintf(stderr, "%s does not load: %s\n", path, diags.count ? diags.items[0].message : "?");
			return 1;
		}
		load_ms += now_ms() - t0;
		pt_diags_free(&diags);
		if (run < RUNS - 1) {
			pt_config_free(cfg);
		}
		t0 = now_ms();
		raw_parse(data, len);
		raw_ms += now_ms() - t0;
	}
	n = (uint32_t)cfg->territories.count;
	printf("%s: %zu bytes, %u territories\n", path, len, n);
	printf("load+validate: %.2f ms (mean of %d); libyaml events alone: %.2f ms; ratio %.2f\n",
		load_ms / RUNS, RUNS, raw_ms / RUNS, load_ms / raw_ms);

	/* Pairs drawn up front so the timed loop measures only the check. */
	pairs = malloc(2 * sizeof(*pairs) * (1u << 20));
	for (i = 0; i < 2u * (1u << 20); i++) {
		pairs[i] = (int32_t)(rng() % n);
	}
	t0 = now_ms();
	for (i = 0; i < CHECKS; i++) {
		size_t k = (i & ((1u << 20) - 1)) * 2;

		hits += pt_territory_within(&cfg->territories, pairs[k], pairs[k + 1]);
	}
	within_ns = (now_ms() - t0) * 1e6 / CHECKS;
	t0 = now_ms();
	for (i = 0; i < CHECKS; i++) {
		size_t k = (i & ((1u << 20) - 1)) * 2;
		int32_t x = pairs[k];

		for (; x >= 0 && x != pairs[k + 1]; x = cfg->territories.items[x].parent) {
		}
		naive_hits += x >= 0;
	}
	naive_ns = (now_ms() - t0) * 1e6 / CHECKS;
	if (hits != naive_hits) {
		fprintf(stderr, "mismatch: nested sets %zu, naive %zu\n", hits, naive_hits);
		return 1;
	}
	printf("within(): %.2f ns per check over %u random pairs (%zu inside); naive parent walk: %.2f ns; ratio %.2f\n",
		within_ns, CHECKS, hits, naive_ns, naive_ns / within_ns);

	/* Lookup by id, the other half of "is participant's territory inside". */
	t0 = now_ms();
	for (i = 0; i < CHECKS / 10; i++) {
		const pt_territory *it = &cfg->territories.items[pairs[i & ((1u << 20) - 1)]];

		hits += pt_territory_find(&cfg->territories, it->id, it->id_len) >= 0;
	}
	printf("find(): %.2f ns per id lookup\n", (now_ms() - t0) * 1e6 / (CHECKS / 10));
	free(pairs);
	free(data);
	pt_config_free(cfg);
	return 0;
}
