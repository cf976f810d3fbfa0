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
 * point (encode(parse(encode(parse(x)))) == encode(parse(x))).
 */
#include "core/process/ballot.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const methods[] = { "schulze", "approval", "score", "consensus" };

static pt_process_candidate cands[] = {
	{ "a", "a", 0, -1, 0, 0 }, { "b", "b", 0, -1, 0, 0 }, { "c.d", "c.d", 0, -1, 0, 0 }, { "e-1", "e-1", 0, -1, 0, 0 },
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
	def.method = pt_tally_find(methods[data[0] % 4], strlen(methods[data[0] % 4]));
	if (!def.method) {
		abort();
	}
	pt_tally_options_init(&def.tally);
	def.candidates = cands;
	def.candidate_count = 4;
	def.territory = -1;
	once = roundtrip(&def, (const char *)data + 1, size - 1);
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
