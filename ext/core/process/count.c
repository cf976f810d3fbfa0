/*
 * participa core: the count pipeline of a process. See count.h.
 */
#include "core/process/count.h"
#include "core/process/pots.h"
#include "core/tally/tally_options.h"
#include "core/common/json_write.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The candidates' fingerprint: what a summary's candidate numbers mean. */
static void count_fingerprint(pt_process_count *c)
{
	uint8_t h[PT_SHA256_BYTES], kind = (uint8_t)c->def->method->kind;
	pt_sha256 *sh = pt_sha256_begin();
	uint32_t i;

	memset(c->fingerprint, 0, sizeof(c->fingerprint));
	if (!sh) {
		return;
	}
	pt_sha256_update(sh, "participa segment profile 1", 27);
	pt_sha256_update(sh, &kind, 1);
	for (i = 0; i < c->profile.ncand; i++) {
		pt_sha256_update(sh, c->profile.ids[i], c->profile.id_lens[i]);
		pt_sha256_update(sh, "", 1);
	}
	pt_sha256_finish(sh, h);
	memcpy(c->fingerprint, h, sizeof(c->fingerprint));
}

pt_status pt_process_count_begin(pt_process_count *c, const pt_process_def *def, const pt_allocator *a,
	pt_error *err)
{
	pt_status s;

	memset(c, 0, sizeof(*c));
	c->def = def;
	c->alloc = a;
	pt_buf_init(&c->entries, a);
	c->digesting = true;
	if (!pt_process_digest_begin(&c->d, a)) {
		return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	}
	s = pt_process_profile_init(def, &c->profile, &c->opts, a, err);
	if (s != PT_OK) {
		return s;
	}
	c->profiled = true;
	c->opts.count_invalid = 1;
	if (pt_process_is_budget(def)) {
		c->opts.pb_costs = def->costs;
	}
	/* as Tally::count() reads its ballots: pairwise methods streamed, irv and stv as compact keys */
	if ((def->method->flags & (PT_TALLY_PAIRWISE | PT_TALLY_COMPACT))
		&& (s = pt_tally_prepare(def->method, &c->profile, 0, err)) != PT_OK) {
		return s;
	}
	count_fingerprint(c);
	return PT_OK;
}

void pt_process_count_keep_segments(pt_process_count *c)
{
	c->keep = true;
}

static pt_status nomem(pt_error *err)
{
	return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
}

static void put_varint(pt_buf *b, uint64_t v)
{
	uint8_t t[10];
	size_t n = 0;

	do {
		t[n++] = (uint8_t)((v & 0x7f) | (v > 0x7f ? 0x80 : 0));
		v >>= 7;
	} while (v);
	pt_buf_append(b, (const char *)t, n);
}

static void put_field(pt_buf *b, const char *s, size_t len)
{
	put_varint(b, len);
	pt_buf_append(b, s, len);
}

#define ENTRY_TEXT 0x40u
#define ENTRY_MAX_CANDS 63u
#define PROFILE_MAGIC "pts1"

/* The ranking of candidates' ids joined by '>' as numbers (at most 63, each below 255), or 0. */
static uint32_t ranking_numbers(const pt_process_count *c, const char *s, size_t len, uint8_t *out)
{
	const pt_profile *p = &c->profile;
	size_t i = 0, tok;
	uint32_t k = 0;
	int32_t n;

	if (p->kind != PT_BALLOT_RANKING || !p->fixed || len == 0) {
		return 0;
	}
	for (;;) {
		tok = i;
		while (i < len && s[i] != '>') {
			if (s[i] == '=') {
				return 0;
			}
			i++;
		}
		/* an id as the parser would read it: no blanks at its ends (tally.c trims them) */
		if (i == tok || (unsigned char)s[tok] <= ' ' || (unsigned char)s[i - 1] <= ' ' || k == ENTRY_MAX_CANDS
			|| (n = pt_profile_find(p, s + tok, i - tok)) < 0 || n >= 255) {
			return 0;
		}
		out[k++] = (uint8_t)n;
		if (i == len) {
			return k;
		}
		i++;
	}
}

/* A ballot's entry in the open segment's profile (nums: its k candidate numbers, k 0: its text). */
static void segment_entry(pt_process_count *c, const pt_process_ballot *b, uint8_t *nums, uint32_t k)
{
	uint8_t tag;

	if (k) {
		nums[-1] = (uint8_t)k;
		pt_buf_append(&c->entries, (const char *)nums - 1, k + 1);
		return;
	}
	tag = (uint8_t)(ENTRY_TEXT | (b->role ? 1 : 0) | (b->reason ? 2 : 0) | (b->voter ? 4 : 0));
	pt_buf_append(&c->entries, (const char *)&tag, 1);
	put_field(&c->entries, b->ballot, b->ballot_len);
	if (b->role) put_field(&c->entries, b->role, b->role_len);
	if (b->reason) put_field(&c->entries, b->reason, b->reason_len);
	if (b->voter) put_field(&c->entries, b->voter, b->voter_len);
}

/* A new entry of c->segs with the summary's header (entries to follow in c->entries). */
static pt_process_segment *segment_push(pt_process_count *c, const char *seg, size_t seg_len)
{
	pt_process_segment *sg;

	if (c->nsegs == c->segs_cap) {
		size_t cap = c->segs_cap ? 2 * c->segs_cap : 64;
		pt_process_segment *n = pt_realloc(c->alloc, c->segs, cap * sizeof(*n));

		if (!n) {
			return NULL;
		}
		c->segs = n;
		c->segs_cap = cap;
	}
	sg = &c->segs[c->nsegs];
	memset(sg, 0, sizeof(*sg));
	memcpy(sg->segment, seg, seg_len);
	sg->segment_len = seg_len;
	return sg;
}

/* sg's profile: the header for its numbers, then the entries (c->entries, emptied). */
static pt_status segment_profile(pt_process_count *c, pt_process_segment *sg, pt_error *err)
{
	uint8_t kind = (uint8_t)c->def->method->kind;
	pt_buf blob;

	pt_buf_init(&blob, c->alloc);
	pt_buf_append(&blob, PROFILE_MAGIC, 4);
	pt_buf_append(&blob, (const char *)&kind, 1);
	pt_buf_append(&blob, (const char *)c->fingerprint, sizeof(c->fingerprint));
	put_varint(&blob, (uint64_t)sg->ballots);
	put_varint(&blob, (uint64_t)sg->web);
	put_varint(&blob, (uint64_t)sg->paper);
	pt_buf_append(&blob, c->entries.data ? c->entries.data : "", c->entries.len);
	c->entries.len = 0;
	if (blob.failed || c->entries.failed) {
		pt_buf_free(&blob);
		return nomem(err);
	}
	sg->profile = (uint8_t *)blob.data;
	sg->profile_len = blob.len;
	c->nsegs++;
	return PT_OK;
}

pt_status pt_process_count_empty_segment(pt_process_count *c, const char *segment, size_t len)
{
	static const char empty_hex[PT_SHA256_HEX] = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
	pt_process_segment *sg;
	pt_error err;

	if (len < 1 || len > PT_PROCESS_SEGMENT_MAX) {
		return PT_ERR_INTERNAL;
	}
	if (!(sg = segment_push(c, segment, len))) {
		return PT_ERR_NOMEM;
	}
	memcpy(sg->digest, empty_hex, sizeof(empty_hex));
	c->entries.len = 0;
	pt_error_clear(&err);
	return segment_profile(c, sg, &err);
}

/* Closes the open segment of rows: its digest line, and with keep its summary. */
static pt_status segment_close(pt_process_count *c, pt_error *err)
{
	pt_process_segment *sg;

	if (!c->d.seg) {
		return PT_OK;
	}
	if (!c->keep) {
		pt_process_digest_close(&c->d, NULL, NULL);
		return PT_OK;
	}
	if (!(sg = segment_push(c, c->d.segment, c->d.segment_len))) {
		return nomem(err);
	}
	pt_process_digest_close(&c->d, sg->digest, &sg->ballots);
	sg->web = c->seg_web;
	sg->paper = c->seg_paper;
	c->seg_web = c->seg_paper = 0;
	return segment_profile(c, sg, err);
}

pt_status pt_process_count_row(void *ctx, const pt_process_ballot *b, pt_error *err)
{
	pt_process_count *c = ctx;
	pt_status s;

	if (!pt_process_digest_in_segment(&c->d, b->receipt, b->receipt_len) && (s = segment_close(c, err)) != PT_OK) {
		return s;
	}
	pt_process_digest_add(&c->d, b);
	if (c->d.failed) {
		return nomem(err);
	}
	c->ballots++;
	if (b->paper) {
		c->paper++;
		c->seg_paper++;
	} else {
		c->web++;
		c->seg_web++;
	}
	{
		/* a plain ranking of known ids is read once, into candidate numbers: what the profile takes
		 * (the ids' own ranking, pt_profile_add_ranking_cands()) and what a summary keeps */
		uint8_t buf[ENTRY_MAX_CANDS + 1], *nums = buf + 1;
		uint32_t k = ranking_numbers(c, b->ballot, b->ballot_len, nums), i, wide[ENTRY_MAX_CANDS];

		if (c->keep) {
			segment_entry(c, b, nums, k);
		}
		if (k) {
			for (i = 0; i < k; i++) {
				wide[i] = nums[i];
			}
			s = pt_profile_add_ranking_cands(&c->profile, 1, wide, k, err);
		} else {
			s = pt_process_ballot_add_stored(&c->profile, b, err);
		}
	}
	if (s == PT_ERR_INVALID) {
		/* a stored ballot that no longer fits (the YAML changed): a spoiled ballot, not a failed count */
		pt_error_clear(err);
		return PT_OK;
	}
	return s;
}

/* ---- reading a stored profile back -------------------------------------------------- */

typedef struct reader {
	const uint8_t *p, *end;
	bool bad;
} reader;

static uint64_t get_varint(reader *r)
{
	uint64_t v = 0;
	unsigned shift = 0;

	while (!r->bad) {
		uint8_t b;

		if (r->p >= r->end || shift > 56) {
			r->bad = true;
			break;
		}
		b = *r->p++;
		v |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80)) {
			return v;
		}
		shift += 7;
	}
	return 0;
}

/* A field: its length (at most max) and bytes. */
static const char *get_field(reader *r, size_t max, size_t *len)
{
	uint64_t n = get_varint(r);
	const char *s = (const char *)r->p;

	if (r->bad || n > max || n > (uint64_t)(r->end - r->p)) {
		r->bad = true;
		*len = 0;
		return NULL;
	}
	r->p += n;
	*len = (size_t)n;
	return s;
}

/* One entry into b (text) or nums (*k numbers); false when malformed. */
static inline bool get_entry(reader *r, const pt_process_count *c, pt_process_ballot *b, uint32_t *nums, uint32_t *k)
{
	uint8_t tag;
	uint32_t i;

	if (r->p >= r->end) {
		return false;
	}
	tag = *r->p++;
	if (tag >= 1 && tag <= ENTRY_MAX_CANDS) {
		uint32_t ncand = c->profile.ncand;

		if ((size_t)(r->end - r->p) < tag || c->profile.kind != PT_BALLOT_RANKING || !c->profile.fixed) {
			return false;
		}
		for (i = 0; i < tag; i++) {
			if ((nums[i] = r->p[i]) >= ncand) {
				return false;
			}
		}
		r->p += tag;
		*k = tag;
		return true;
	}
	*k = 0;
	if ((tag & ~7u) != ENTRY_TEXT) {
		return false;
	}
	memset(b, 0, sizeof(*b));
	b->ballot = get_field(r, PT_PROCESS_BALLOT_MAX, &b->ballot_len);
	if (tag & 1) b->role = get_field(r, 4096, &b->role_len);
	if (tag & 2) b->reason = get_field(r, 4 * PT_PROCESS_REASON_MAX, &b->reason_len);
	if (tag & 4) b->voter = get_field(r, 4096, &b->voter_len);
	/* a present field is never NULL, even empty */
	if (tag & 1 && !b->role) b->role = "";
	if (tag & 2 && !b->reason) b->reason = "";
	if (tag & 4 && !b->voter) b->voter = "";
	if (!b->ballot) {
		b->ballot = "";
	}
	return !r->bad;
}

/* The header; false when it is not c's. */
static bool get_header(reader *r, const pt_process_count *c, int64_t ballots, int64_t web, int64_t paper)
{
	uint64_t n, w, pa;

	if ((size_t)(r->end - r->p) < 4 + 1 + sizeof(c->fingerprint) || memcmp(r->p, PROFILE_MAGIC, 4) != 0
		|| r->p[4] != (uint8_t)c->def->method->kind || memcmp(r->p + 5, c->fingerprint, sizeof(c->fingerprint)) != 0) {
		return false;
	}
	r->p += 5 + sizeof(c->fingerprint);
	n = get_varint(r);
	w = get_varint(r);
	pa = get_varint(r);
	return !r->bad && ballots >= 0 && web >= 0 && paper >= 0 && n == (uint64_t)ballots && w == (uint64_t)web
		&& pa == (uint64_t)paper && w + pa == n && n <= (uint64_t)(r->end - r->p);
}

bool pt_process_segment_check(const pt_process_count *c, const uint8_t *profile, size_t len, int64_t ballots,
	int64_t web, int64_t paper)
{
	reader r = { profile, profile + len, false };
	pt_process_ballot b;
	uint32_t nums[ENTRY_MAX_CANDS], k;
	int64_t i;

	if (!profile || !get_header(&r, c, ballots, web, paper)) {
		return false;
	}
	for (i = 0; i < ballots; i++) {
		if (!get_entry(&r, c, &b, nums, &k)) {
			return false;
		}
	}
	return r.p == r.end;
}

static bool is_hex64(const char *h)
{
	size_t i;

	for (i = 0; i < 64; i++) {
		if (!((h[i] >= '0' && h[i] <= '9') || (h[i] >= 'a' && h[i] <= 'f'))) {
			return false;
		}
	}
	return h[64] == '\0';
}

pt_status pt_process_count_segment(pt_process_count *c, const pt_process_segment *sg, bool *used, pt_error *err)
{
	reader r = { sg->profile, sg->profile + sg->profile_len, false };
	pt_process_ballot b;
	uint32_t nums[ENTRY_MAX_CANDS], k;
	int64_t i;
	pt_status s;

	*used = false;
	if (sg->segment_len < 1 || sg->segment_len > PT_PROCESS_SEGMENT_MAX || !is_hex64(sg->digest)
		|| !pt_process_segment_check(c, sg->profile, sg->profile_len, sg->ballots, sg->web, sg->paper)) {
		return PT_OK;
	}
	if ((s = segment_close(c, err)) != PT_OK) {
		return s;
	}
	get_header(&r, c, sg->ballots, sg->web, sg->paper);
	for (i = 0; i < sg->ballots; i++) {
		k = 0;
		if (!get_entry(&r, c, &b, nums, &k)) {
			/* checked above: cannot happen */
			return pt_error_set(err, PT_ERR_INTERNAL, "participa: a box summary changed while read");
		}
		s = k ? pt_profile_add_ranking_cands(&c->profile, 1, nums, k, err)
			: pt_process_ballot_add_stored(&c->profile, &b, err);
		if (s == PT_ERR_INVALID) {
			pt_error_clear(err);   /* spoiled, as pt_process_count_row() */
		} else if (s != PT_OK) {
			return s;
		}
	}
	pt_process_digest_segment(&c->d, sg->segment, sg->segment_len, sg->ballots, sg->digest);
	if (c->d.failed) {
		return nomem(err);
	}
	c->ballots += sg->ballots;
	c->web += sg->web;
	c->paper += sg->paper;
	*used = true;
	return PT_OK;
}

pt_status pt_process_count_finish(pt_process_count *c, pt_error *err)
{
	pt_status s = segment_close(c, err);

	if (s != PT_OK) {
		return s;
	}
	pt_process_digest_finish(&c->d, c->digest);
	c->digesting = false;
	if (c->d.failed || !c->digest[0]) {
		return nomem(err);
	}
	c->finished = true;
	if (c->def->pot_count) {
		/* a budget split by district: each pot by the method with its budget (pots.h) */
		return pt_process_pots_count(c->def, &c->profile, &c->opts, c->alloc, &c->result, err);
	}
	return pt_tally_count(c->def->method, &c->profile, &c->opts, &c->result, err);
}

void pt_process_count_free(pt_process_count *c)
{
	size_t i;

	pt_process_digest_free(&c->d);
	if (c->finished) {
		pt_tally_result_free(&c->result);
	}
	if (c->profiled) {
		pt_profile_free(&c->profile);
	}
	for (i = 0; i < c->nsegs; i++) {
		pt_free(c->alloc, c->segs[i].profile);
	}
	pt_free(c->alloc, c->segs);
	c->segs = NULL;
	c->nsegs = c->segs_cap = 0;
	pt_buf_free(&c->entries);
	c->profiled = c->finished = false;
}

static pt_status set_int(pt_value *m, const char *k, int64_t v, const pt_allocator *a)
{
	return pt_value_setc(m, k, pt_value_int(a, v));
}

static pt_status set_str(pt_value *m, const char *k, const char *v, const pt_allocator *a)
{
	return pt_value_setc(m, k, pt_value_cstr(a, v));
}

static pt_status set_fraction(pt_value *m, const char *k, int64_t num, int64_t den, const pt_allocator *a)
{
	char f[48];

	snprintf(f, sizeof(f), "%lld/%lld", (long long)num, (long long)den);
	return set_str(m, k, f, a);
}

/* The consensus options: threshold, quorum, eligible, block_requires_reason, voice_only_roles. */
static pt_status stance_options(const pt_process_def *def, pt_value *out, const pt_allocator *a)
{
	const pt_tally_options *o = &def->tally;
	pt_status s = PT_OK;
	size_t i;

	if (o->threshold_kind == PT_THRESHOLD_FRACTION) {
		s = set_fraction(out, "threshold", o->threshold_num, o->threshold_den, a);
	} else {
		s = set_str(out, "threshold", o->threshold_kind == PT_THRESHOLD_ABSOLUTE ? "absolute" : "simple", a);
	}
	if (s == PT_OK && o->has_quorum) s = set_fraction(out, "quorum", o->quorum_num, o->quorum_den, a);
	if (s == PT_OK && o->eligible >= 0) s = set_int(out, "eligible", o->eligible, a);
	if (s == PT_OK && o->block_requires_reason) s = pt_value_setc(out, "block_requires_reason", pt_value_bool(a, 1));
	if (s == PT_OK && def->voice_only_count) {
		pt_value *roles = pt_value_list(a);

		for (i = 0; roles && i < def->voice_only_count; i++) {
			if (pt_value_push(roles, pt_value_cstr(a, def->voice_only[i])) != PT_OK) {
				roles = NULL;   /* freed by the push */
			}
		}
		s = pt_value_setc(out, "voice_only_roles", roles);
	}
	return s;
}

/* A budget split by district: pots => [{pot, name, city, budget, projects: [ids]}] (pots.h). */
static pt_status pot_options(const pt_process_def *def, pt_value *out, const pt_allocator *a)
{
	pt_value *list = pt_value_list(a);
	pt_status s = list ? PT_OK : PT_ERR_NOMEM;
	size_t k, i;

	for (k = 0; s == PT_OK && k < def->pot_count; k++) {
		const pt_process_pot *pot = &def->pots[k];
		pt_value *m = pt_value_map(a), *ids = pt_value_list(a);

		s = m && ids ? PT_OK : PT_ERR_NOMEM;
		for (i = 0; s == PT_OK && i < def->candidate_count; i++) {
			if (def->candidates[i].pot == (int32_t)k) {
				s = pt_value_push(ids, pt_value_cstr(a, def->candidates[i].id));
			}
		}
		if (s == PT_OK) s = set_str(m, "pot", pot->id, a);
		if (s == PT_OK) s = set_str(m, "name", pot->name, a);
		if (s == PT_OK) s = pt_value_setc(m, "city", pt_value_bool(a, pot->city));
		if (s == PT_OK) s = set_int(m, "budget", pot->budget, a);
		if (s == PT_OK) {
			s = pt_value_setc(m, "projects", ids);
			ids = NULL;
		}
		pt_value_free(ids);
		if (s == PT_OK) {
			s = pt_value_push(list, m);
		} else {
			pt_value_free(m);
		}
	}
	if (s != PT_OK) {
		pt_value_free(list);
		return s;
	}
	return pt_value_setc(out, "pots", list);
}

/* budget, lengths, completion and projects (id => cost), or the candidates. */
static pt_status candidate_options(const pt_process_def *def, pt_value *out, const pt_allocator *a)
{
	const pt_tally_options *o = &def->tally;
	pt_status s = PT_OK;
	pt_value *list;
	size_t i;

	if (pt_process_is_budget(def)) {
		s = set_int(out, "budget", o->pb_budget, a);
		if (s == PT_OK && o->pb_min_length) s = set_int(out, "min_length", o->pb_min_length, a);
		if (s == PT_OK && o->pb_max_length) s = set_int(out, "max_length", o->pb_max_length, a);
		if (s == PT_OK && o->pb_completion == 1) s = set_str(out, "completion", "add1", a);
		else if (s == PT_OK && o->pb_completion == 2) s = set_str(out, "completion", "add1u", a);
		list = pt_value_map(a);
		for (i = 0; s == PT_OK && list && i < def->candidate_count; i++) {
			if (set_int(list, def->candidates[i].id, def->candidates[i].cost, a) != PT_OK) {
				pt_value_free(list);
				list = NULL;
			}
		}
		s = s == PT_OK ? pt_value_setc(out, "projects", list) : (pt_value_free(list), s);
		return s == PT_OK && def->pot_count ? pot_options(def, out, a) : s;
	}
	if (!def->candidate_count) {
		return PT_OK;
	}
	list = pt_value_list(a);
	for (i = 0; list && i < def->candidate_count; i++) {
		if (pt_value_push(list, pt_value_cstr(a, def->candidates[i].id)) != PT_OK) {
			list = NULL;
		}
	}
	return pt_value_setc(out, "candidates", list);
}

pt_value *pt_process_options_value(const pt_process_def *def, const pt_allocator *a)
{
	const pt_tally_options *o = &def->tally;
	pt_value *out = pt_value_map(a);
	pt_status s = out ? PT_OK : PT_ERR_NOMEM;

	if (s == PT_OK && o->seats) s = set_int(out, "seats", o->seats, a);
	if (s == PT_OK && pt_tally_method_takes(def->method, "quota")) {
		s = set_str(out, "quota", o->quota == PT_QUOTA_HARE ? "hare" : "droop", a);
		if (s == PT_OK) s = set_str(out, "transfer", o->transfer == PT_TRANSFER_MEEK ? "meek" : "wigm", a);
	}
	if (s == PT_OK && o->has_min) s = set_int(out, "min", o->min, a);
	if (s == PT_OK && o->has_max) s = set_int(out, "max", o->max, a);
	if (s == PT_OK && o->min_choices) s = set_int(out, "min_choices", o->min_choices, a);
	if (s == PT_OK && o->max_choices) s = set_int(out, "max_choices", o->max_choices, a);
	if (s == PT_OK && o->has_seed) s = set_int(out, "seed", (int64_t)o->seed, a);
	if (s == PT_OK && def->method->kind == PT_BALLOT_STANCE) s = stance_options(def, out, a);
	if (s == PT_OK) s = candidate_options(def, out, a);
	if (s != PT_OK) {
		pt_value_free(out);
		return NULL;
	}
	return out;
}

pt_value *pt_process_count_summary(pt_process_count *c, bool final, const pt_allocator *a)
{
	pt_value *m = pt_value_map(a);
	pt_status s = m ? PT_OK : PT_ERR_NOMEM;

	if (s == PT_OK) s = set_str(m, "process", c->def->id, a);
	if (s == PT_OK) s = set_str(m, "method", c->def->method->id, a);
	if (s == PT_OK) s = pt_value_setc(m, "options", pt_process_options_value(c->def, a));
	{
		/* the result's own trees, moved (pt_value_setc owns them even on failure) */
		static const char *const names[] = { "winners", "ranking", "details", "tieBreaks" };
		pt_value **trees[] = { &c->result.winners, &c->result.ranking, &c->result.details, &c->result.tie_breaks };
		size_t i;

		for (i = 0; i < 4; i++) {
			if (s == PT_OK) {
				s = pt_value_setc(m, names[i], *trees[i]);
			} else {
				pt_value_free(*trees[i]);
			}
			*trees[i] = NULL;
		}
	}
	if (s == PT_OK) s = set_int(m, "ballots", c->ballots, a);
	if (s == PT_OK) s = set_int(m, "web", c->web, a);
	if (s == PT_OK) s = set_int(m, "paper", c->paper, a);
	if (s == PT_OK) s = set_str(m, "digest", c->digest, a);
	if (s == PT_OK) s = set_int(m, "digest_version", PT_PROCESS_DIGEST_VERSION, a);
	if (s == PT_OK) s = pt_value_setc(m, "final", pt_value_bool(a, final));
	if (s != PT_OK) {
		pt_value_free(m);
		return NULL;
	}
	return m;
}

pt_status pt_process_result_json(const pt_value *summary, pt_buf *out, pt_error *err)
{
	pt_error inner;

	pt_error_clear(&inner);
	if (pt_json_value(out, summary, PT_JSON_ZERO_FRACTION, &inner) != PT_OK) {
		return inner.code == PT_ERR_NOMEM ? pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory")
			: pt_error_set(err, PT_ERR_INTERNAL, "participa: the result could not be encoded as JSON");
	}
	return PT_OK;
}

/* ---- the per-worker cache of counts (count.h) ------------------------------------------- */

typedef struct kept_count {
	char *key;
	uint64_t version;
	int64_t ballots, web, paper;
	char digest[PT_SHA256_HEX];
	pt_value *trees[4];          /* winners, ranking, details, tie_breaks (libc) */
	struct kept_count *next;     /* newest first */
} kept_count;

static kept_count *kept;
static size_t kept_n;

/* A deep copy of v through a (NULL for a NULL tree); *ok false when out of memory. */
static pt_value *value_copy(const pt_value *v, const pt_allocator *a, bool *ok)
{
	pt_value *out = NULL;
	size_t i;

	if (!v || !*ok) {
		return NULL;
	}
	switch (v->type) {
	case PT_VALUE_NULL: out = pt_value_null(a); break;
	case PT_VALUE_BOOL: out = pt_value_bool(a, v->u.b); break;
	case PT_VALUE_INT: out = pt_value_int(a, v->u.i); break;
	case PT_VALUE_RATIONAL: out = pt_value_rational(a, v->u.r.num, v->u.r.den); break;
	case PT_VALUE_REAL: out = pt_value_real(a, v->u.d); break;
	case PT_VALUE_STRING: out = pt_value_string(a, v->u.s.s, v->u.s.len); break;
	case PT_VALUE_HOST: out = pt_value_host(a, v->u.s.s, v->u.s.s ? v->u.s.len : 0); break;
	case PT_VALUE_LIST:
	case PT_VALUE_MAP:
		out = v->type == PT_VALUE_LIST ? pt_value_list(a) : pt_value_map(a);
		for (i = 0; out && i < v->u.c.count; i++) {
			pt_value *child = value_copy(v->u.c.items[i], a, ok);

			if (!child || (v->type == PT_VALUE_LIST ? pt_value_push(out, child)
					: pt_value_set(out, v->u.c.keys[i], v->u.c.key_lens[i], child)) != PT_OK) {
				/* pt_value_push/_set free child on failure */
				pt_value_free(out);
				out = NULL;
			}
		}
		break;
	}
	if (!out) {
		*ok = false;
	}
	return out;
}

static void kept_free(kept_count *e)
{
	size_t i;

	for (i = 0; i < 4; i++) {
		pt_value_free(e->trees[i]);
	}
	free(e->key);
	free(e);
}

char *pt_process_count_cache_key(const pt_config *cfg, int64_t process_id, const char *created_at,
	const pt_process_def *def)
{
	const char *sock = cfg && cfg->db.socket ? cfg->db.socket : "", *host = cfg && cfg->db.host ? cfg->db.host : "";
	const char *name = cfg && cfg->db.name ? cfg->db.name : "", *at = created_at ? created_at : "";
	pt_value *opts = pt_process_options_value(def, NULL);
	pt_buf json;
	pt_error err;
	char *key = NULL;
	size_t n;

	pt_buf_init(&json, NULL);
	pt_error_clear(&err);
	if (opts && pt_json_value(&json, opts, 0, &err) == PT_OK && !json.failed) {
		/* every part length-prefixed: no two settings give the same key */
		n = strlen(sock) + strlen(host) + strlen(name) + strlen(at) + strlen(def->method->id) + json.len + 160;
		if ((key = malloc(n))) {
			snprintf(key, n, "%zu:%s|%zu:%s|%u|%zu:%s|%lld|%zu:%s|%zu:%s|%zu:%.*s", strlen(sock), sock, strlen(host),
				host, cfg ? cfg->db.port : 0, strlen(name), name, (long long)process_id, strlen(at), at,
				strlen(def->method->id), def->method->id, json.len, (int)json.len, json.data ? json.data : "");
		}
	}
	pt_buf_free(&json);
	pt_value_free(opts);
	return key;
}

pt_status pt_process_count_cached(const char *key, uint64_t version, pt_process_count *c, bool *hit, pt_error *err)
{
	pt_value **trees[4] = { &c->result.winners, &c->result.ranking, &c->result.details, &c->result.tie_breaks };
	kept_count *e;
	bool ok = true;
	size_t i;

	*hit = false;
	for (e = kept; e && strcmp(e->key, key) != 0; e = e->next) {
	}
	if (!e || e->version != version) {
		return PT_OK;
	}
	memset(&c->result, 0, sizeof(c->result));
	c->result.alloc = c->alloc;
	for (i = 0; i < 4; i++) {
		*trees[i] = value_copy(e->trees[i], c->alloc, &ok);
	}
	/* finished either way: pt_process_count_free() frees what was copied */
	pt_process_digest_free(&c->d);
	c->finished = true;
	if (!ok) {
		return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	}
	c->ballots = e->ballots;
	c->web = e->web;
	c->paper = e->paper;
	memcpy(c->digest, e->digest, sizeof(c->digest));
	*hit = true;
	return PT_OK;
}

void pt_process_count_keep(const char *key, uint64_t version, const pt_process_count *c)
{
	const pt_value *trees[4] = { c->result.winners, c->result.ranking, c->result.details, c->result.tie_breaks };
	kept_count *e, **link;
	bool ok = true;
	size_t i;

	if (!c->finished || !(e = calloc(1, sizeof(*e)))) {
		return;
	}
	e->key = strdup(key);
	e->version = version;
	e->ballots = c->ballots;
	e->web = c->web;
	e->paper = c->paper;
	memcpy(e->digest, c->digest, sizeof(e->digest));
	for (i = 0; i < 4; i++) {
		e->trees[i] = value_copy(trees[i], NULL, &ok);
	}
	if (!ok || !e->key) {
		kept_free(e);
		return;
	}
	/* one entry per key; the oldest beyond the limit goes */
	for (link = &kept; *link;) {
		kept_count *o = *link;

		if (strcmp(o->key, key) == 0) {
			*link = o->next;
			kept_free(o);
			kept_n--;
		} else {
			link = &o->next;
		}
	}
	e->next = kept;
	kept = e;
	kept_n++;
	if (kept_n > PT_PROCESS_COUNT_CACHE_MAX) {
		for (link = &kept; (*link)->next; link = &(*link)->next) {
		}
		kept_free(*link);
		*link = NULL;
		kept_n--;
	}
}

void pt_process_count_cache_clear(void)
{
	while (kept) {
		kept_count *e = kept;

		kept = e->next;
		kept_free(e);
	}
	kept_n = 0;
}
