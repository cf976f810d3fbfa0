/*
 * Unit tests of the count by segments (schema 016) in core, no server:
 * digest version 2 (core/process/ballot.c) against its definition, and the
 * segment summaries (core/process/count.c): a count that replays stored
 * summaries, or mixes summaries and rows, equals the count of every row
 * byte for byte (result JSON, digest, numbers); a damaged summary is
 * refused, never half used.
 */
#define _GNU_SOURCE
#include "pt_test.h"
#include "pt_test_config.h"
#include "core/process/count.h"
#include "core/common/json_write.h"
#include "io/site/config_load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pt_config *cfg;
static pt_diags diags;

static const char yaml[] =
	"site: { name: X }\n"
	"database: { socket: /s, name: p, user: u }\n"
	"territories:\n"
	"  - { id: m, name: Municipio }\n"
	"roles:\n"
	"  ciudadano: { can: [vote] }\n"
	"  vecino: { can: [comment], votes: false }\n"
	"assignments:\n"
	"  - { participant: 'wp:1', role: vecino, body: b }\n"
	"processes:\n"
	"  - { id: irv, title: IRV, kind: election, method: irv, candidates: [c01, c02, c03, c04, c05, c06, x],\n"
	"      secrecy: public, phases: { voting: [2026-02-01, 2026-02-10] } }\n"
	"  - { id: stv, title: STV, kind: election, method: stv, options: { seats: 2 }, candidates: [a, b, c, d],\n"
	"      phases: { voting: [2026-02-01, 2026-02-10] } }\n"
	"  - { id: cons, title: Consenso, kind: consensus, method: consensus, body: b,\n"
	"      phases: { voting: [2026-02-01, 2026-02-10] } }\n";

static const pt_process_def *def_of(const char *id)
{
	return pt_config_process(cfg, id, strlen(id));
}

static const char alphabet[] = "abcdefghijkmnpqrstuvwxyz23456789";

/* A stored ballot: text, role, reason, voter, channel, receipt (owned). */
typedef struct row {
	char receipt[27];
	char ballot[64];
	const char *role, *reason, *voter;
	bool paper;
} row;

static int row_cmp(const void *a, const void *b)
{
	return strcmp(((const row *)a)->receipt, ((const row *)b)->receipt);
}

static uint64_t rng = 88172645463325252ull;
static uint64_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* n random rows in receipt order, few segments (the first character from 3) so that segments hold several. */
static row *make_rows(const pt_process_def *def, size_t n)
{
	static const char *const stances[] = { "agree", "abstain", "disagree", "block", "maybe" };
	row *rows = calloc(n, sizeof(*rows));
	size_t i, k;

	for (i = 0; i < n; i++) {
		row *r = &rows[i];

		for (k = 0; k < 26; k++) {
			r->receipt[k] = alphabet[k == 0 ? next_rand() % 3 : next_rand() % 32];
		}
		r->paper = next_rand() % 5 == 0;
		if (def->method->kind == PT_BALLOT_STANCE) {
			snprintf(r->ballot, sizeof(r->ballot), "%s", stances[next_rand() % 5]);
			r->role = next_rand() % 2 ? "vecino" : NULL;
			r->reason = next_rand() % 3 == 0 ? "no\tsé\\" : NULL;
			r->voter = next_rand() % 2 ? "wp:1" : NULL;
			continue;
		}
		/* strict rankings, ties, blanks, unknown and repeated candidates (spoiled), blanks around an id */
		switch (next_rand() % 10) {
		case 0: r->ballot[0] = '\0'; break;
		case 1: snprintf(r->ballot, sizeof(r->ballot), "%s=%s>%s", def->candidates[0].id, def->candidates[1].id,
			def->candidates[2].id); break;
		case 2: snprintf(r->ballot, sizeof(r->ballot), "%s>zz", def->candidates[1].id); break;
		case 3: snprintf(r->ballot, sizeof(r->ballot), "%s>%s", def->candidates[2].id, def->candidates[2].id); break;
		case 4: snprintf(r->ballot, sizeof(r->ballot), " %s>%s", def->candidates[3].id, def->candidates[0].id); break;
		default: {
			size_t m = 1 + next_rand() % def->candidate_count, used = 0, len = 0;

			for (k = 0; k < m; k++) {
				size_t c = next_rand() % def->candidate_count;

				if (used & ((size_t)1 << c)) {
					continue;
				}
				used |= (size_t)1 << c;
				len += (size_t)snprintf(r->ballot + len, sizeof(r->ballot) - len, "%s%s", len ? ">" : "",
					def->candidates[c].id);
			}
		}
		}
	}
	qsort(rows, n, sizeof(*rows), row_cmp);
	return rows;
}

static pt_process_ballot ballot_of(const row *r)
{
	pt_process_ballot b;

	memset(&b, 0, sizeof(b));
	b.receipt = r->receipt;
	b.receipt_len = 26;
	b.ballot = r->ballot;
	b.ballot_len = strlen(r->ballot);
	if (r->role) { b.role = r->role; b.role_len = strlen(r->role); }
	if (r->reason) { b.reason = r->reason; b.reason_len = strlen(r->reason); }
	if (r->voter) { b.voter = r->voter; b.voter_len = strlen(r->voter); }
	b.paper = r->paper;
	b.version = 1;
	return b;
}

/* The finished count's stored-result JSON (malloc'd). */
static char *result_json(pt_process_count *c)
{
	pt_value *v = pt_process_count_summary(c, false, NULL);
	pt_buf out;
	pt_error err;
	char *s;

	pt_buf_init(&out, NULL);
	pt_error_clear(&err);
	PT_CHECK(v && pt_process_result_json(v, &out, &err) == PT_OK);
	s = strndup(out.data ? out.data : "", out.len);
	pt_buf_free(&out);
	pt_value_free(v);
	return s;
}

/* The result's trees (winners, ranking, details, tieBreaks) as JSON (malloc'd). */
static char *trees_json(const pt_tally_result *r)
{
	const pt_value *t[4] = { r->winners, r->ranking, r->details, r->tie_breaks };
	pt_buf out;
	pt_error err;
	char *s;
	size_t i;

	pt_buf_init(&out, NULL);
	pt_error_clear(&err);
	for (i = 0; i < 4; i++) {
		if (t[i]) {
			PT_CHECK(pt_json_value(&out, t[i], PT_JSON_ZERO_FRACTION, &err) == PT_OK);
		}
		pt_buf_puts(&out, "|");
	}
	s = strndup(out.data ? out.data : "", out.len);
	pt_buf_free(&out);
	return s;
}

/*
 * The reference: every row's stored text through pt_process_ballot_add_stored() (the text parser,
 * as before schema 016), then the engine; the trees' JSON (malloc'd).
 */
static char *reference_trees(const pt_process_def *def, const row *rows, size_t n)
{
	pt_process_count c;
	pt_tally_result r;
	pt_error err;
	char *s;
	size_t i;

	pt_error_clear(&err);
	memset(&r, 0, sizeof(r));
	PT_CHECK(pt_process_count_begin(&c, def, NULL, &err) == PT_OK);
	for (i = 0; i < n; i++) {
		pt_process_ballot b = ballot_of(&rows[i]);
		pt_status st = pt_process_ballot_add_stored(&c.profile, &b, &err);

		PT_CHECK(st == PT_OK || st == PT_ERR_INVALID);
		pt_error_clear(&err);
	}
	PT_CHECK(pt_tally_count(def->method, &c.profile, &c.opts, &r, &err) == PT_OK);
	s = trees_json(&r);
	pt_tally_result_free(&r);
	pt_process_count_free(&c);
	return s;
}

/* Every row counted, with the segments' summaries kept. */
static char *count_rows(const pt_process_def *def, const row *rows, size_t n, pt_process_count *c)
{
	pt_error err;
	size_t i;

	pt_error_clear(&err);
	PT_CHECK(pt_process_count_begin(c, def, NULL, &err) == PT_OK);
	pt_process_count_keep_segments(c);
	for (i = 0; i < n; i++) {
		pt_process_ballot b = ballot_of(&rows[i]);

		PT_CHECK(pt_process_count_row(c, &b, &err) == PT_OK);
	}
	PT_CHECK(pt_process_count_finish(c, &err) == PT_OK);
	return result_json(c);
}

/*
 * The same count from the summaries of full (every segment whose number
 * has bit `mask` set), the other segments' rows, in segment order.
 */
static char *count_mixed(const pt_process_def *def, const row *rows, size_t n, const pt_process_count *full,
	unsigned mask, pt_process_count *c)
{
	pt_error err;
	size_t i = 0, s;

	pt_error_clear(&err);
	PT_CHECK(pt_process_count_begin(c, def, NULL, &err) == PT_OK);
	for (s = 0; s < full->nsegs; s++) {
		const pt_process_segment *sg = &full->segs[s];
		bool from_summary = ((s * 2654435761u) >> 3) & mask, used = false;

		if (from_summary) {
			PT_CHECK(pt_process_count_segment(c, sg, &used, &err) == PT_OK);
			PT_CHECK(used);
		}
		for (; i < n && pt_process_segment_cmp(rows[i].receipt, 26, sg->segment, sg->segment_len) == 0; i++) {
			if (!from_summary) {
				pt_process_ballot b = ballot_of(&rows[i]);

				PT_CHECK(pt_process_count_row(c, &b, &err) == PT_OK);
			}
		}
	}
	PT_CHECK(i == n);
	PT_CHECK(pt_process_count_finish(c, &err) == PT_OK);
	return result_json(c);
}

/* Digest version 2 by its definition: the segments' lines over the version-1 lines. */
static void digest_by_definition(const row *rows, size_t n, char hex[PT_SHA256_HEX])
{
	pt_buf all, seg, line;
	uint8_t d[PT_SHA256_BYTES];
	char h[PT_SHA256_HEX], head[64];
	size_t i = 0, j, count;
	pt_error err;

	pt_buf_init(&all, NULL);
	pt_buf_init(&seg, NULL);
	pt_buf_init(&line, NULL);
	pt_error_clear(&err);
	while (i < n) {
		seg.len = 0;
		for (j = i, count = 0; j < n && !memcmp(rows[j].receipt, rows[i].receipt, 2); j++, count++) {
			pt_process_ballot b = ballot_of(&rows[j]);

			line.len = 0;
			pt_process_digest_line(&line, &b);
			pt_buf_append(&seg, line.data, line.len);
		}
		pt_sha256_once(seg.data, seg.len, d, &err);
		pt_sha256_hex(d, h);
		snprintf(head, sizeof(head), "%.2s\t%zu\t", rows[i].receipt, count);
		pt_buf_puts(&all, head);
		pt_buf_puts(&all, h);
		pt_buf_puts(&all, "\n");
		i = j;
	}
	pt_sha256_once(all.data ? all.data : "", all.len, d, &err);
	pt_sha256_hex(d, hex);
	pt_buf_free(&all);
	pt_buf_free(&seg);
	pt_buf_free(&line);
}

PT_TEST(digest_version_2_by_definition)
{
	const pt_process_def *defs[] = { def_of("irv"), def_of("cons") };
	size_t d;

	for (d = 0; d < 2; d++) {
		row *rows = make_rows(defs[d], 300);
		pt_process_count c;
		char want[PT_SHA256_HEX];
		char *json = count_rows(defs[d], rows, 300, &c);

		digest_by_definition(rows, 300, want);
		PT_CHECK_STR(c.digest, want);
		PT_CHECK(json && strstr(json, "\"digest_version\":2"));
		free(json);
		pt_process_count_free(&c);
		free(rows);
	}
	{
		/* no ballot: the SHA-256 of nothing, as version 1 gave */
		pt_process_count c;
		char *json = count_rows(def_of("irv"), NULL, 0, &c);

		PT_CHECK_STR(c.digest, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
		PT_CHECK_EQ_INT(c.nsegs, 0);
		free(json);
		pt_process_count_free(&c);
	}
}

PT_TEST(summaries_count_as_the_rows)
{
	const char *ids[] = { "irv", "stv", "cons" };
	size_t d, n = 2000;

	for (d = 0; d < 3; d++) {
		const pt_process_def *def = def_of(ids[d]);
		row *rows = make_rows(def, n);
		pt_process_count full, mixed;
		char *ref = reference_trees(def, rows, n), *trees;
		char *want;
		unsigned mask;
		size_t s, r;
		int64_t sum = 0;

		/* the count of the rows (candidate numbers where a ranking spells ids) is the text parser's */
		PT_CHECK(pt_process_count_begin(&full, def, NULL, &(pt_error){ 0 }) == PT_OK);
		for (r = 0; r < n; r++) {
			pt_process_ballot b = ballot_of(&rows[r]);

			PT_CHECK(pt_process_count_row(&full, &b, &(pt_error){ 0 }) == PT_OK);
		}
		PT_CHECK(pt_process_count_finish(&full, &(pt_error){ 0 }) == PT_OK);
		trees = trees_json(&full.result);
		PT_CHECK_STR(trees, ref);
		free(trees);
		free(ref);
		pt_process_count_free(&full);
		want = count_rows(def, rows, n, &full);

		PT_CHECK(full.nsegs > 50 && full.nsegs <= 96);
		for (s = 0; s < full.nsegs; s++) {
			sum += full.segs[s].ballots;
			PT_CHECK(full.segs[s].web + full.segs[s].paper == full.segs[s].ballots);
			PT_CHECK(pt_process_segment_check(&full, full.segs[s].profile, full.segs[s].profile_len,
				full.segs[s].ballots, full.segs[s].web, full.segs[s].paper));
			/* no receipt in a summary */
			PT_CHECK(!memmem(full.segs[s].profile, full.segs[s].profile_len, rows[0].receipt + 2, 8));
		}
		PT_CHECK_EQ_INT(sum, (int64_t)n);
		/* mask 0: every segment from rows; ~0: every one from its summary; the others: a mix */
		for (mask = 0; mask < 4; mask++) {
			char *got = count_mixed(def, rows, n, &full, mask == 3 ? ~0u : mask, &mixed);

			PT_CHECK_STR(got, want);
			PT_CHECK_STR(mixed.digest, full.digest);
			PT_CHECK_EQ_INT(mixed.ballots, full.ballots);
			PT_CHECK_EQ_INT(mixed.web, full.web);
			PT_CHECK_EQ_INT(mixed.paper, full.paper);
			free(got);
			pt_process_count_free(&mixed);
		}
		free(want);
		pt_process_count_free(&full);
		free(rows);
	}
}

PT_TEST(damaged_summaries_are_refused)
{
	const pt_process_def *def = def_of("irv");
	row *rows = make_rows(def, 400);
	pt_process_count full, c;
	char *json = count_rows(def, rows, 400, &full);
	const pt_process_segment *sg = &full.segs[0];
	pt_process_segment bad;
	uint8_t *copy = malloc(sg->profile_len + 1);
	pt_error err;
	bool used;
	size_t i;

	pt_error_clear(&err);
	PT_CHECK(pt_process_count_begin(&c, def, NULL, &err) == PT_OK);
	/* every truncation */
	for (i = 0; i < sg->profile_len; i++) {
		PT_CHECK(!pt_process_segment_check(&c, sg->profile, i, sg->ballots, sg->web, sg->paper));
	}
	/* one byte more, other numbers than the columns' */
	memcpy(copy, sg->profile, sg->profile_len);
	copy[sg->profile_len] = 0;
	PT_CHECK(!pt_process_segment_check(&c, copy, sg->profile_len + 1, sg->ballots, sg->web, sg->paper));
	PT_CHECK(!pt_process_segment_check(&c, sg->profile, sg->profile_len, sg->ballots + 1, sg->web + 1, sg->paper));
	PT_CHECK(!pt_process_segment_check(&c, sg->profile, sg->profile_len, sg->ballots, sg->web - 1, sg->paper + 1));
	/* another candidate list (its fingerprint), another magic */
	copy[6] ^= 1;
	PT_CHECK(!pt_process_segment_check(&c, copy, sg->profile_len, sg->ballots, sg->web, sg->paper));
	copy[6] ^= 1;
	copy[0] = 'x';
	PT_CHECK(!pt_process_segment_check(&c, copy, sg->profile_len, sg->ballots, sg->web, sg->paper));
	/* a digest that is not hex: not used, nothing counted */
	bad = *sg;
	bad.digest[10] = 'G';
	PT_CHECK(pt_process_count_segment(&c, &bad, &used, &err) == PT_OK);
	PT_CHECK(!used);
	PT_CHECK_EQ_INT(c.ballots, 0);
	PT_CHECK_EQ_INT(c.profile.n + c.profile.spoiled_count, 0);
	/* every single byte flipped: refused, or read whole (a valid other profile), never half */
	for (i = 0; i < sg->profile_len; i++) {
		memcpy(copy, sg->profile, sg->profile_len);
		copy[i] ^= 0x41;
		bad = *sg;
		bad.profile = copy;
		(void)pt_process_segment_check(&c, copy, sg->profile_len, sg->ballots, sg->web, sg->paper);
	}
	pt_process_count_free(&c);
	free(copy);
	free(json);
	pt_process_count_free(&full);
	free(rows);
}

int main(void)
{
	int rc;

	if (!pt_test_load_config("test_process_segments", yaml, &cfg, &diags)) {
		return 1;
	}
	PT_RUN(digest_version_2_by_definition);
	PT_RUN(summaries_count_as_the_rows);
	PT_RUN(damaged_summaries_are_refused);
	rc = pt_test_summary("test_process_segments");
	pt_config_free(cfg);
	pt_diags_free(&diags);
	return rc;
}
