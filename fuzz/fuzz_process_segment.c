/*
 * libFuzzer target: a stored segment summary's profile (schema 016,
 * core/process/count.h), which the count reads back from the database and
 * so treats as untrusted: pt_process_segment_check() and
 * pt_process_count_segment() on any bytes must refuse cleanly or replay the
 * whole segment, never read past the blob nor crash; a refused summary
 * leaves the count untouched.
 *
 *   make -C tests/c $PWD/out/fuzz/fuzz_process_segment
 *   out/fuzz/fuzz_process_segment -max_total_time=60 fuzz/corpus/process_segment
 *
 * The first byte picks the method (irv, stv, schulze, consensus) and the
 * numbers the columns claim (ballots, web, paper); the rest is the blob,
 * whose fingerprint is overwritten with the count's when it is long enough,
 * so that the fuzzer reaches the entries.
 */
#include "core/process/count.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const methods[] = { "irv", "stv", "schulze", "consensus" };

static pt_process_candidate cands[] = {
	{ "a", "a", 0, -1, 0, 0 }, { "b", "b", 0, -1, 0, 0 }, { "c.d", "c.d", 0, -1, 0, 0 }, { "e-1", "e-1", 0, -1, 0, 0 },
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pt_process_def def;
	pt_process_count c;
	pt_process_segment sg;
	pt_error err;
	uint8_t *blob;
	bool used = false, ok;

	if (size < 2) {
		return 0;
	}
	memset(&def, 0, sizeof(def));
	def.id = "f";
	def.method = pt_tally_find(methods[data[0] & 3], strlen(methods[data[0] & 3]));
	if (!def.method) {
		abort();
	}
	pt_tally_options_init(&def.tally);
	if (!strcmp(def.method->id, "stv")) {
		def.tally.seats = 2;
	}
	def.candidates = cands;
	def.candidate_count = 4;
	def.territory = -1;
	pt_error_clear(&err);
	if (pt_process_count_begin(&c, &def, NULL, &err) != PT_OK) {
		pt_process_count_free(&c);
		return 0;
	}
	/* an exact-size copy, so that ASan sees a read past its end */
	blob = malloc(size - 1);
	memcpy(blob, data + 1, size - 1);
	if (size - 1 >= 13) {
		blob[4] = (uint8_t)def.method->kind;
		memcpy(blob + 5, c.fingerprint, sizeof(c.fingerprint));
	}
	memset(&sg, 0, sizeof(sg));
	sg.segment[0] = 'a';
	sg.segment[1] = 'b';
	sg.segment_len = 2;
	sg.ballots = (data[0] >> 2) & 15;
	sg.paper = (data[0] >> 6) & 1 ? 1 : 0;
	sg.web = sg.ballots - sg.paper;
	memcpy(sg.digest, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", PT_SHA256_HEX);
	sg.profile = blob;
	sg.profile_len = size - 1;
	ok = pt_process_segment_check(&c, blob, size - 1, sg.ballots, sg.web, sg.paper);
	if (pt_process_count_segment(&c, &sg, &used, &err) == PT_OK) {
		if (used != ok) {
			abort();
		}
		if (!used && (c.ballots != 0 || c.profile.n != 0 || c.profile.spoiled_count != 0)) {
			abort();   /* a refused summary left something behind */
		}
		if (used && (c.ballots != sg.ballots || (int64_t)(c.profile.n + c.profile.spoiled_count) != sg.ballots)) {
			abort();
		}
		pt_error_clear(&err);
		if (pt_process_count_finish(&c, &err) != PT_OK && err.code != PT_ERR_INVALID) {
			abort();
		}
	}
	pt_process_count_free(&c);
	free(blob);
	return 0;
}
