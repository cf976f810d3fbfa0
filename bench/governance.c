/*
 * Timing of issue 19's territorial governance in core (no server): the directorate report over the
 * 6,644-territory Iztapalapa example, who answers for every territory, and a 52-member council vote's
 * electorate check.
 *
 * Build and run from the repository root (no sanitizers, -O2):
 *
 *   clang -std=gnu99 -O2 -Iext -DPCRE2_CODE_UNIT_WIDTH=8 -o out/bench_governance bench/governance.c \
 *       $(find ext/core ext/io -name '*.c' | sort) $(pkg-config --cflags --libs libmariadb yaml-0.1 libpcre2-8 libcrypto) \
 *       -lpthread -lm
 *   out/bench_governance
 *
 * Each figure is printed beside its floor, measured in the same run and interleaved with it (rounds of
 * measured, floor, measured ...), and the ratio:
 *   - the directorate report (pt_resp_report: 6,644 facts rolled up to 13 directorates): floor, one pass
 *     summing the same facts with no roll-up; also the naive recount (pt_territory_within per directorate);
 *   - pt_resp_for for every territory and kind: floor, reading each territory's own slot;
 *   - the 52-member council vote (pt_eligibility_vote for its 52 members and 52 residents, the body of
 *     bodies: on the vote's day): floor, the same vote over a standing body of 52 assignments (body:).
 */
#include <stdarg.h>
#include "io/site/config_load.h"
#include "core/responsibility/responsibility.h"
#include "core/participant/eligibility.h"
#include "core/body/body.h"
#include "core/site/territory.h"

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

static volatile uint64_t sink;

static double best(double a, double b)
{
	return a < b ? a : b;
}

int main(void)
{
	pt_config *izt = NULL, *cv = NULL;
	pt_diags diags;
	pt_resp_facts *f;
	pt_resp_line *lines;
	size_t n, count, i, r, l;
	pt_error err;
	static char yaml[64000];
	size_t y = 0;
	double t0, rep = 1e30, rep_floor = 1e30, naive = 1e30, rf = 1e30, rf_floor = 1e30, vote = 1e30, vote_floor = 1e30;
	double load[3];
	const pt_process_def *held, *standing;
	char who[32];

	pt_diags_init(&diags);
	if (pt_config_load_file("examples/iztapalapa-governance.yaml", &izt, &diags) != PT_OK) {
		fprintf(stderr, "examples/iztapalapa-governance.yaml does not load (run from the repository root)\n");
		return 1;
	}
	n = izt->territories.count;
	f = calloc(n, sizeof(*f));
	lines = calloc(n, sizeof(*lines));
	for (i = 0; i < n; i++) {
		f[i].territory = (int32_t)i;
		f[i].assemblies = (uint32_t)(i % 3);
		f[i].agreements = (uint32_t)(i % 3 ? i % 5 : 0);
		f[i].commitments = f[i].agreements / 2;
		f[i].started = f[i].commitments / 2;
		f[i].progress_sum_cents = (int64_t)f[i].started * 3700;
	}
	/* the council: 52 members of a body of bodies: holding cv; the floor: a standing body of 52 assignments */
	y += (size_t)snprintf(yaml + y, sizeof(yaml) - y, "site: { name: X }\ndatabase: { socket: /s, name: p, user: u }\n"
		"roles:\n  ciudadano: { can: [comment, vote] }\n  consejero: { can: [comment] }\nassignments:\n");
	for (i = 0; i < 52; i++) {
		y += (size_t)snprintf(yaml + y, sizeof(yaml) - y, "  - { participant: 'wp:%zu', role: consejero, body: asamblea }\n", i);
	}
	y += (size_t)snprintf(yaml + y, sizeof(yaml) - y, "processes:\n"
		"  - { id: cv, title: C, kind: council_vote, method: majority, electorate: 52, quorum: 1/2, "
		"phases: { voting: [2026-04-10 17:00, 2026-04-10 21:00] } }\n"
		"  - { id: sb, title: S, kind: council_vote, method: majority, body: asamblea, electorate: 52, quorum: 1/2, "
		"phases: { voting: [2026-04-10 17:00, 2026-04-10 21:00] } }\n"
		"bodies:\n  - id: consejo\n    votes: { processes: [cv], role: consejero }\n    members:\n");
	for (i = 0; i < 52; i++) {
		y += (size_t)snprintf(yaml + y, sizeof(yaml) - y, "      - { participant: 'wp:%zu', role: vocal, sector: citizen, "
			"start: 2026-01-01, end: 2028-12-31 }\n", i);
	}
	if (pt_config_load_string("cv.yaml", yaml, y, &cv, &diags) != PT_OK) {
		fprintf(stderr, "the council does not load: %s\n", diags.count ? diags.items[0].message : "?");
		return 1;
	}
	held = pt_config_process(cv, "cv", 2);
	standing = pt_config_process(cv, "sb", 2);
	for (r = 0; r < ROUNDS; r++) {
		uint64_t s = 0;

		t0 = now_ns();
		for (l = 0; l < 100; l++) {
			pt_resp_report(izt, "direccion_territorial", f, n, lines, &count, &err);
			s += lines[l % count].agreements;
		}
		rep = best(rep, (now_ns() - t0) / 100);
		t0 = now_ns();
		for (l = 0; l < 100; l++) {
			uint64_t a = 0;

			for (i = 0; i < n; i++) {
				a += f[i].assemblies + f[i].agreements + f[i].commitments + f[i].started + (uint64_t)f[i].progress_sum_cents;
			}
			s += a;
		}
		rep_floor = best(rep_floor, (now_ns() - t0) / 100);
		t0 = now_ns();
		for (l = 0; l < count; l++) {
			for (i = 0; i < n; i++) {
				s += pt_territory_within(&izt->territories, f[i].territory, lines[l].territory) ? f[i].agreements : 0;
			}
		}
		naive = best(naive, now_ns() - t0);
		t0 = now_ns();
		for (i = 0; i < n; i++) {
			for (l = 0; l < PT_RESP_KINDS; l++) {
				s += pt_resp_for(izt, (int32_t)i, (pt_resp_kind)l) != NULL;
			}
		}
		rf = best(rf, (now_ns() - t0) / (double)(n * PT_RESP_KINDS));
		t0 = now_ns();
		for (i = 0; i < n; i++) {
			for (l = 0; l < PT_RESP_KINDS; l++) {
				s += izt->responsibilities->by_territory[i * PT_RESP_KINDS + l] >= 0;
			}
		}
		rf_floor = best(rf_floor, (now_ns() - t0) / (double)(n * PT_RESP_KINDS));
		for (l = 0; l < 2; l++) {
			const pt_process_def *def = l ? standing : held;
			double *out = l ? &vote_floor : &vote;
			pt_participant_facts pf = { 0 };
			pt_capacity cap;
			size_t k;

			t0 = now_ns();
			for (k = 0; k < 100; k++) {
				for (i = 0; i < 104; i++) {
					snprintf(who, sizeof(who), "wp:%zu", i < 52 ? i : 1000 + i);
					pf.participant = who;
					s += pt_eligibility_vote(cv, def, &pf, &cap, &err) == PT_OK;
				}
			}
			*out = best(*out, (now_ns() - t0) / 100);
		}
		sink += s;
	}
	if (getloadavg(load, 3) < 0) {
		load[0] = -1;
	}
	printf("load average %.2f\n", load[0]);
	printf("directorate report, %zu territories -> %zu directorates: %.1f us (floor, one pass over the facts: %.1f us; "
		"ratio %.2f); naive recount by within(): %.1f us\n", n, count, rep / 1e3, rep_floor / 1e3, rep / rep_floor,
		naive / 1e3);
	printf("who answers, every territory and kind: %.1f ns each (floor, its own slot: %.1f ns; ratio %.2f)\n", rf, rf_floor,
		rf / rf_floor);
	printf("52-member council vote, 52 members + 52 residents checked: %.1f us (floor, a standing body of 52 "
		"assignments: %.1f us; ratio %.2f); quorum %u of %u\n", vote / 1e3, vote_floor / 1e3, vote / vote_floor,
		pt_body_quorum(pt_body_holding(cv, held), NULL, pt_body_day_of_local(held->voting.start_local)),
		pt_body_members_on(pt_body_holding(cv, held), NULL, pt_body_day_of_local(held->voting.start_local)));
	pt_config_free(izt);
	pt_config_free(cv);
	pt_diags_free(&diags);
	free(f);
	free(lines);
	return 0;
}
