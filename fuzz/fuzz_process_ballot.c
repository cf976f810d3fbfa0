/*
 * libFuzzer target: a process's stored (canonical) ballot parser and encoder
 * (core/process/ballot.c), and its digest lines.
 *
 *   make -C tests/c $PWD/out/fuzz/fuzz_process_ballot
 *   out/fuzz/fuzz_process_ballot -max_total_time=60
 *
 * The first byte picks the method (ranking, approval, score, stance); the
 * rest is the text as the store would hand it back. Any text must be added
 * or refused cleanly; an accepted ballot's canonical text must be a fixed
 * point (encode(parse(encode(parse(x)))) == encode(parse(x))). A fifth
 * method is a budget split by district (core/process/pots.h): a canonical
 * text it accepts names one district, as the store's check reads it again.
 */
#include "core/process/ballot.h"
#include "core/process/pots.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const methods[] = { "schulze", "approval", "score", "consensus" };

static pt_process_candidate cands[] = {
	{ "a", "a", 0, -1, 0, 0 }, { "b", "b", 0, -1, 0, 0 }, { "c.d", "c.d", 0, -1, 0, 0 }, { "e-1", "e-1", 0, -1, 0, 0 },
};

/* pots: Norte (n1, n2), Sur (s1) and the city-wide pot (c1) */
static pt_process_candidate pot_cands[] = {
	{ .id = "n1", .name = "n1", .cost = 400, .territory = 1, .pot = 0 },
	{ .id = "n2", .name = "n2", .cost = 700, .territory = 1, .pot = 0 },
	{ .id = "s1", .name = "s1", .cost = 300, .territory = 2, .pot = 1 },
	{ .id = "c1", .name = "c1", .cost = 900, .territory = 0, .pot = 2 },
};
static int64_t pot_costs[] = { 400, 700, 300, 900 };
static pt_process_pot pots[] = {
	{ .id = "norte", .name = "Norte", .territory = 1, .budget = 1000 },
	{ .id = "sur", .name = "Sur", .territory = 2, .budget = 500 },
	{ .id = "ciudad", .name = "Ciudad", .territory = 0, .city = true, .budget = 1000 },
};

/* Parses text into a one-ballot profile and encodes it; the canonical text (malloc'd) or NULL when refused. */
static char *roundtrip(const pt_process_def *def, const char *text, size_t len)
{
	pt_process_ballot b;
	pt_tally_options o;
	pt_profile p;
	pt_buf out;
	pt_error err;
	char *r = NULL;

	pt_error_clear(&err);
	memset(&b, 0, sizeof(b));
	b.receipt = "r";
	b.receipt_len = 1;
	b.ballot = text;
	b.ballot_len = len;
	if (pt_process_profile_init(def, &p, &o, NULL, &err) != PT_OK) {
		return NULL;
	}
	pt_buf_init(&out, NULL);
	if (pt_process_ballot_add_stored(&p, &b, &err) == PT_OK && pt_process_ballot_canonical(def, &p, &out, &err) == PT_OK
		&& !out.failed) {
		r = malloc(out.len + 1);
		memcpy(r, out.data ? out.data : "", out.len);
		r[out.len] = '\0';
	}
	pt_buf_free(&out);
	pt_profile_free(&p);
	return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pt_process_def def;
	pt_process_ballot b;
	pt_buf line;
	char *once, *twice;

	if (size < 1) {
		return 0;
	}
	memset(&def, 0, sizeof(def));
	def.id = "f";
	def.method = data[0] % 5 == 4 ? pt_tally_find("pb_greedy", 9)
		: pt_tally_find(methods[data[0] % 5], strlen(methods[data[0] % 5]));
	if (!def.method) {
		abort();
	}
	pt_tally_options_init(&def.tally);
	def.candidates = cands;
	def.candidate_count = 4;
	def.territory = -1;
	if (data[0] % 5 == 4) {
		def.kind = PT_PROCESS_PARTICIPATORY_BUDGET;
		def.candidates = pot_cands;
		def.costs = pot_costs;
		def.tally.pb_costs = pot_costs;
		def.tally.pb_budget = 2500;
		def.pots = pots;
		def.pot_count = 3;
		def.territory = 0;
	}
	once = roundtrip(&def, (const char *)data + 1, size - 1);
	if (once && def.pot_count) {
		int32_t district;
		pt_error err;

		pt_error_clear(&err);
		if (pt_process_pots_canonical(&def, once, strlen(once), &district, &err) != PT_OK) {
			abort();   /* the cast accepted it: the store's reading must too */
		}
	}
	if (once) {
		twice = roundtrip(&def, once, strlen(once));
		if (!twice || strcmp(once, twice) != 0) {
			abort();
		}
		free(twice);
	}
	free(once);
	/* the digest line escapes whatever the fields hold */
	memset(&b, 0, sizeof(b));
	b.receipt = "r";
	b.receipt_len = 1;
	b.ballot = b.reason = b.voter = (const char *)data + 1;
	b.ballot_len = b.reason_len = b.voter_len = size - 1;
	pt_buf_init(&line, NULL);
	pt_process_digest_line(&line, &b);
	if (!line.failed && (memchr(line.data, '\n', line.len - 1) || line.data[line.len - 1] != '\n')) {
		abort();
	}
	pt_buf_free(&line);
	return 0;
}
