/*
 * libFuzzer target: an instrument's scoring (core/instrument/instrument_score.c) over any
 * stream of stored answers, as the store would hand them back (the database is input too: a
 * YAML edited since, a hand-edited row).
 *
 *   make -C tests/c $PWD/out/fuzz/fuzz_instrument
 *   out/fuzz/fuzz_instrument -max_total_time=60
 *
 * The input is lines "subject kind response item value" (kind 0..3, response a number);
 * rows are fed in order until the tally refuses one. Whatever the rows, the tally must
 * answer cleanly, and every share of the report must be a fraction of at most 1 whose
 * reduced form and display agree: num <= den, den > 0.
 */
#include "core/instrument/instrument.h"
#include "io/site/config_load.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char yaml[] =
	"site: { name: X }\n"
	"database: { socket: /s, name: p, user: u }\n"
	"territories:\n"
	"  - { id: e, name: E, kind: estado, children: [ { id: a, name: A, kind: m }, { id: b, name: B, kind: m },"
	" { id: c, name: C, kind: m } ] }\n"
	"roles: { ciudadano: { can: [comment] }, enlace: { can: [comment] } }\n"
	"instruments:\n"
	"  - id: q\n"
	"    title: Q\n"
	"    about: territory\n"
	"    level: m\n"
	"    respondents: { self: { role: enlace }, corroboration: , evaluation: { role: enlace } }\n"
	"    thresholds: [{ at: 50, label: M }, { at: 100, label: T }]\n"
	"    dimensions:\n"
	"      - { id: d1, title: D1, items: [{ id: y, text: Y }, { id: p, text: P, scale: partial, points: 3 }] }\n"
	"      - { id: d2, title: D2, items: [{ id: n, text: N, scale: numeric, min: -2, max: 5, points: 10 },"
	" { id: c, text: C, scale: choice, weight: 3, options: [{ id: x }, { id: z, points: 4 }] }, { id: t, text: T, scale: text }] }\n";

static pt_config *cfg;

static void check_shares(const pt_value *v)
{
	size_t i;

	if (!v) {
		return;
	}
	if (v->type == PT_VALUE_MAP) {
		pt_value *num = pt_value_get(v, "num"), *den = pt_value_get(v, "den");

		if (num && den && pt_value_get(v, "percent")) {
			if (den->u.i <= 0 || num->u.i < 0 || num->u.i > den->u.i) {
				abort();
			}
		}
	}
	if (v->type == PT_VALUE_MAP || v->type == PT_VALUE_LIST) {
		for (i = 0; i < v->u.c.count; i++) {
			check_shares(v->u.c.items[i]);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const pt_instrument *in;
	pt_instr_tally *t;
	char *text, *line, *save = NULL;
	pt_error err;
	pt_value *r;
	pt_buf csv;

	if (!cfg) {
		pt_diags d;

		pt_diags_init(&d);
		if (pt_config_load_string("f.yaml", yaml, sizeof(yaml) - 1, &cfg, &d) != PT_OK) {
			abort();
		}
		pt_diags_free(&d);
	}
	in = pt_config_instrument(cfg, "q", 1);
	if (!(text = malloc(size + 1))) {
		return 0;
	}
	memcpy(text, data, size);
	text[size] = '\0';
	t = pt_instr_tally_new(in, NULL);
	pt_error_clear(&err);
	for (line = strtok_r(text, "\n", &save); line && t; line = strtok_r(NULL, "\n", &save)) {
		char subject[32], item[32], value[64];
		int kind;
		long long response;

		if (sscanf(line, "%31s %d %lld %31s %63s", subject, &kind, &response, item, value) != 5 || kind < 0 || kind > 3) {
			continue;
		}
		if (pt_instr_tally_row(t, subject, strlen(subject), (pt_instr_kind)kind, response, item, strlen(item), value,
				strlen(value), &err) != PT_OK) {
			break;
		}
	}
	if (t && pt_instr_tally_end(t, &err) == PT_OK) {
		r = pt_instr_report(t, cfg, NULL, NULL);
		check_shares(r);
		pt_value_free(r);
		pt_buf_init(&csv, NULL);
		pt_instr_csv(t, &csv, &err);
		pt_buf_free(&csv);
	}
	pt_instr_tally_free(t);
	free(text);
	return 0;
}
