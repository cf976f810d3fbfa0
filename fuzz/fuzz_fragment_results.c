/*
 * libFuzzer target: the results view (core/fragment/results_view.h) over
 * random result trees, rendered through templates/process-results.html.
 *
 *   make -C tests/c /work/main/out/fuzz/fuzz_fragment_results
 *   scripts/fuzz fragment_results 60
 *
 * Input: byte 0 picks the method (every tally method, and an unknown one),
 * byte 1 the knobs (English, final or not, a process_info tree, render, a
 * host with names), then a small program that builds trees: each node is an
 * opcode byte (null, bool, int, rational, real with NaN/inf/huge values, a
 * host float's text, a string from a dictionary of the result's keys, ids and
 * codes, raw bytes, a list, a map) and its operands. The root gets winners,
 * ranking, details, tieBreaks and options from the program, so every part of
 * the view is reached with any shape: missing members, wrong types, ids that
 * are integers, maps where lists are expected, huge counts.
 *
 * Checked: the view is built (PT_OK: any tree is accepted) and renders in HTML
 * mode; the page stays under 8 MiB; a chart never draws more than
 * PT_RESULTS_MAX_BARS rows; every horizontal coordinate lies in the 360-wide
 * viewBox; work is bounded (libFuzzer's -timeout).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fragment/results_view.h"
#include "io/template/template_files.h"

static void die(const char *why)
{
	fprintf(stderr, "invariant broken: %s\n", why);
	abort();
}

typedef struct in {
	const uint8_t *p;
	size_t n, i;
	size_t nodes;
} in;

static unsigned byte(in *s)
{
	return s->i < s->n ? s->p[s->i++] : 0;
}

static const char *const words[] = {
	/* the result's keys */
	"method", "winners", "ranking", "details", "tieBreaks", "options", "final", "ballots", "web", "paper", "digest",
	"computed_at", "counts", "blank", "weight", "approvals", "totals", "means", "scored_by", "medians", "grades",
	"points", "scores", "rounds", "round", "tallies", "exhausted", "eliminated", "elected", "stages", "stage",
	"action", "votes", "candidate", "surplus", "transfer_value", "transferred", "lost", "quota", "keep_factors",
	"iterations", "converged", "seats", "valid", "transfer", "pairwise", "strongest_paths", "locked", "skipped",
	"winner", "loser", "margin", "yes", "no", "abstain", "agree", "disagree", "block", "blocks", "voter", "reason",
	"outcome", "passed", "quorum", "required", "took_part", "met", "selections", "project", "cost", "budget",
	"budget_left", "total_cost", "rho", "effective_votes", "per_voter_budget", "runs", "projects", "min", "max",
	"aggregate", "tied", "chosen", "order", "rule", "seed", "tied_count", "spoiled", "count",
	/* process_info's */
	"title", "names", "candidates", "id", "name", "state", "preliminary",
	/* values: ids, codes, states */
	"A", "B", "C", "D", "3", "9", "", "voting", "closed", "meek", "wigm", "mean", "mes", "greedy",
	"first preferences", "surplus", "exclusion", "remaining elected", "final", "winners", "elimination",
	"selection", "surplus order", "pair order", "candidate order", "lottery", "previous rounds", "more approvals",
	"lower cost", "input order", "approved", "rejected", "blocked", "no_quorum",
	"2026-03-01 18:05:00", "2026-02-30", "<b>&\"'`", "javascript:alert(1)",
};
#define NWORDS (sizeof(words) / sizeof(words[0]))

static const char *const numbers[] = { "0.5", "1.0E+25", "-3", "1e308", "nan", "INF", "-0", "4.714291488", "x", "" };

static pt_value *node(in *s, int depth);

static pt_value *children(in *s, int depth, int map)
{
	pt_value *c = map ? pt_value_map(NULL) : pt_value_list(NULL);
	unsigned n = byte(s) % 12, i;

	if (n == 11) {
		n = 40 + byte(s) % 200;   /* sometimes wide: many options, many rounds */
	}
	for (i = 0; c && i < n && s->i < s->n; i++) {
		pt_value *v = node(s, depth + 1);

		if (map) {
			const char *k = words[byte(s) % NWORDS];
			char buf[16];

			if (byte(s) % 4 == 0) {
				snprintf(buf, sizeof(buf), "o%u", i);   /* distinct option ids */
				k = buf;
			}
			pt_value_setc(c, k, v);
		} else {
			pt_value_push(c, v);
		}
	}
	return c;
}

static pt_value *node(in *s, int depth)
{
	unsigned op = byte(s);

	if (++s->nodes > 20000 || depth > 8) {
		return pt_value_int(NULL, (int64_t)op);
	}
	switch (op % 12) {
	case 0:
		return pt_value_null(NULL);
	case 1:
		return pt_value_bool(NULL, (int)(byte(s) & 1));
	case 2: {
		int64_t v = (int64_t)(int16_t)(byte(s) | byte(s) << 8);

		return pt_value_int(NULL, byte(s) % 8 == 0 ? v * 1000000000000LL : v);
	}
	case 3: {
		int64_t num = (int64_t)(int8_t)byte(s), den = (int64_t)(byte(s) % 50) + 1;

		return pt_value_rational(NULL, num, den);
	}
	case 4: {
		static const double d[] = { 0.5, -1.25, 1e300, -1e300, 4.714291488, 1e-9, 0 };
		unsigned k = byte(s) % 9;

		return pt_value_real(NULL, k < 7 ? d[k] : k == 7 ? (double)NAN : (double)INFINITY);
	}
	case 5:
	case 6:
		return pt_value_cstr(NULL, words[byte(s) % NWORDS]);
	case 7: {
		const char *t = numbers[byte(s) % (sizeof(numbers) / sizeof(numbers[0]))];

		return pt_value_host(NULL, t, strlen(t));
	}
	case 8: {
		size_t len = byte(s) % 48;
		size_t at = s->i < s->n ? s->i : s->n;

		len = at + len <= s->n ? len : s->n - at;
		s->i = at + len;
		return pt_value_string(NULL, (const char *)s->p + at, len);
	}
	case 9:
		return children(s, depth, 0);
	case 10:
		return children(s, depth, 1);
	default:
		return pt_value_int(NULL, (int64_t)(byte(s) % 10));
	}
}

static const char *const methods[] = {
	"plurality", "approval", "score", "majority_judgment", "borda", "irv", "stv", "schulze", "ranked_pairs",
	"copeland", "majority", "consensus", "pb_greedy", "pb_equal_shares", "frobnicate",
};

static int templates_found = -1;

static void find_templates(void)
{
	static const char *const dirs[] = { "../../templates", "templates", "../templates" };
	char path[256];
	size_t i;

	templates_found = 0;
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		FILE *f;

		snprintf(path, sizeof(path), "%s/process-results.html", dirs[i]);
		if ((f = fopen(path, "rb"))) {
			fclose(f);
			pt_fragment_set_templates_dir(dirs[i]);
			templates_found = 1;
			return;
		}
	}
}

/* Every horizontal coordinate of the view inside the 360-wide viewBox (they are texts such as "12.5"). */
static void check_geometry(const pt_value *v, int depth)
{
	static const char *const xs[] = { "x", "w", "bar_w", "value_x", "label_x", "text_x", "used_w", "rest_x",
		"rest_w", "median_x" };
	size_t i, k;

	if (!v || depth > 12 || (v->type != PT_VALUE_MAP && v->type != PT_VALUE_LIST)) {
		return;
	}
	for (i = 0; i < v->u.c.count; i++) {
		const pt_value *c = v->u.c.items[i];

		if (v->type == PT_VALUE_MAP && c->type == PT_VALUE_STRING) {
			for (k = 0; k < sizeof(xs) / sizeof(xs[0]); k++) {
				if (!strcmp(v->u.c.keys[i], xs[k])) {
					double d = strtod(c->u.s.s, NULL);

					if (!(d >= 0 && d <= 360.05)) {
						fprintf(stderr, "%s = %s\n", xs[k], c->u.s.s);
						die("a coordinate outside the viewBox");
					}
				}
			}
		}
		check_geometry(c, depth + 1);
	}
}

static void check_bars(const pt_value *chart)
{
	const pt_value *rows = chart && chart->type == PT_VALUE_MAP ? pt_value_get(chart, "rows") : NULL;

	if (rows && rows->type == PT_VALUE_LIST && rows->u.c.count > PT_RESULTS_MAX_BARS) {
		die("a chart draws more rows than PT_RESULTS_MAX_BARS");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	in s = { data, size, 0, 0 };
	unsigned m = byte(&s), knobs = byte(&s);
	pt_value *res = pt_value_map(NULL), *info = NULL, *names = NULL, *view = NULL;
	pt_fragment_host h = { .heading = 1 + (int)(knobs >> 5), .instance = "fz", .lang = knobs & 1 ? "en" : "es" };
	static const char *const parts[] = { "winners", "ranking", "details", "tieBreaks", "options" };
	pt_error err;
	pt_status st;
	size_t i;

	if (templates_found < 0) {
		find_templates();
	}
	pt_value_setc(res, "method", pt_value_cstr(NULL, methods[m % (sizeof(methods) / sizeof(methods[0]))]));
	for (i = 0; i < 5; i++) {
		pt_value_setc(res, parts[i], node(&s, 0));
	}
	if (knobs & 2) {
		pt_value_setc(res, "final", pt_value_bool(NULL, (int)(knobs & 4)));
	}
	if (knobs & 8) {
		info = node(&s, 0);
	}
	if (knobs & 16) {
		names = node(&s, 0);
		h.names = names;
	}
	pt_error_clear(&err);
	st = pt_fragment_results_view(res, info, &h, NULL, &view, &err);
	if (st != PT_OK || !view) {
		die("a map of results must always give a view");
	}
	check_bars(pt_value_get(view, "bars"));
	check_geometry(view, 0);
	if (pt_value_get(view, "rounds")) {
		check_bars(pt_value_get(pt_value_get(view, "rounds"), "bars"));
	}
	if (templates_found) {
		pt_buf out;

		pt_buf_init(&out, NULL);
		pt_error_clear(&err);
		if (pt_fragment_render("process-results", view, &out, &err) != PT_OK) {
			fprintf(stderr, "render: %s\n", err.message);
			die("the view must render");
		}
		if (out.len > 8u * 1024 * 1024) {
			die("page over 8 MiB");
		}
		pt_buf_free(&out);
	}
	{
		pt_value *people = pt_fragment_results_people(res, NULL);

		if (!people) {
			die("people list");
		}
		pt_value_free(people);
	}
	pt_value_free(view);
	pt_value_free(res);
	pt_value_free(info);
	pt_value_free(names);
	return 0;
}
