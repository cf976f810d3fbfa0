/*
 * participa core: the count pipeline of a process. See count.h.
 */
#include "core/process/count.h"
#include "core/tally/tally_options.h"
#include "core/common/json_write.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

pt_status pt_process_count_begin(pt_process_count *c, const pt_process_def *def, const pt_allocator *a,
	pt_error *err)
{
	pt_status s;

	memset(c, 0, sizeof(*c));
	c->def = def;
	c->alloc = a;
	pt_buf_init(&c->line, a);
	s = pt_process_profile_init(def, &c->profile, &c->opts, a, err);
	if (s != PT_OK) {
		return s;
	}
	c->profiled = true;
	c->grouped = pt_process_count_groupable(def);
	/* ballots grouped by content: keys bounded by the YAML's candidates (pt_hash.h) */
	pt_hash_init_fast(&c->groups, a);
	c->opts.count_invalid = 1;
	if (pt_process_is_budget(def)) {
		c->opts.pb_costs = def->costs;
	}
	if ((def->method->flags & PT_TALLY_PAIRWISE) && (s = pt_profile_stream_pairwise(&c->profile, err)) != PT_OK) {
		return s;
	}
	c->h = pt_sha256_begin();
	if (!c->h) {
		return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	}
	return PT_OK;
}

bool pt_process_count_groupable(const pt_process_def *def)
{
	return def->method->kind != PT_BALLOT_STANCE && !pt_process_is_budget(def);
}

static pt_status nomem(pt_error *err)
{
	return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
}

/* n more ballots with this channel and text. */
static pt_status group_add(pt_process_count *c, bool paper, const char *text, size_t len, int64_t n, pt_error *err)
{
	pt_process_group *g;
	char small[256];
	char *key = len < sizeof(small) ? small : NULL;
	void *found;

	c->ballots += n;
	if (paper) {
		c->paper += n;
	} else {
		c->web += n;
	}
	if (!key && !(key = pt_alloc(c->alloc, len + 1))) {
		return nomem(err);
	}
	key[0] = paper ? 'p' : 'w';
	memcpy(key + 1, text, len);
	if (pt_hash_find(&c->groups, key, len + 1, &found)) {
		((pt_process_group *)found)->n += n;
		if (key != small) {
			pt_free(c->alloc, key);
		}
		return PT_OK;
	}
	g = pt_alloc(c->alloc, sizeof(*g) + len + 1);
	if (g) {
		memcpy(g->key, key, len + 1);
		g->len = len + 1;
		g->n = n;
	}
	if (key != small) {
		pt_free(c->alloc, key);
	}
	if (!g || pt_array_grow(c->alloc, &c->gv, &c->gcap, c->gn, sizeof(*c->gv), 64) != PT_OK) {
		pt_free(c->alloc, g);
		return nomem(err);
	}
	if (pt_hash_add(&c->groups, g->key, g->len, g) != PT_OK) {
		pt_free(c->alloc, g);
		return nomem(err);
	}
	c->gv[c->gn++] = g;
	return PT_OK;
}

/* A stored ballot, n times. A ballot that no longer fits is spoiled, not an error. */
static pt_status profile_add(pt_process_count *c, const pt_process_ballot *b, int64_t n, pt_error *err)
{
	pt_status s = pt_process_ballot_add_stored_n(&c->profile, b, n, err);

	if (s == PT_ERR_INVALID) {
		/* a stored ballot that no longer fits (the YAML changed): a spoiled ballot, not a failed count */
		pt_error_clear(err);
		return PT_OK;
	}
	return s;
}

pt_status pt_process_count_row(void *ctx, const pt_process_ballot *b, pt_error *err)
{
	pt_process_count *c = ctx;

	pt_process_digest_ballot(c->h, &c->line, b);
	if (c->line.failed) {
		return nomem(err);
	}
	if (c->grouped) {
		return group_add(c, b->paper, b->ballot, b->ballot_len, 1, err);
	}
	c->ballots++;
	if (b->paper) {
		c->paper++;
	} else {
		c->web++;
	}
	return profile_add(c, b, 1, err);
}

static pt_status count_groups(pt_process_count *c, pt_error *err)
{
	pt_status s = PT_OK;
	size_t i;

	/* in order of first appearance: the rows' order, each distinct ballot once with its weight */
	for (i = 0; s == PT_OK && i < c->gn; i++) {
		pt_process_ballot b;

		memset(&b, 0, sizeof(b));
		b.ballot = c->gv[i]->key + 1;
		b.ballot_len = c->gv[i]->len - 1;
		b.paper = c->gv[i]->key[0] == 'p';
		s = profile_add(c, &b, c->gv[i]->n, err);
	}
	return s;
}

pt_status pt_process_count_finish_known(pt_process_count *c, const char *digest_hex, pt_error *err)
{
	pt_status s;

	pt_sha256_abort(c->h);
	c->h = NULL;
	memcpy(c->digest, digest_hex, PT_SHA256_HEX - 1);
	c->digest[PT_SHA256_HEX - 1] = '\0';
	if (c->grouped && (s = count_groups(c, err)) != PT_OK) {
		return s;
	}
	c->finished = true;
	s = pt_tally_count(c->def->method, &c->profile, &c->opts, &c->result, err);
	if (s == PT_OK && c->grouped && c->result.details && pt_value_get(c->result.details, "ballots")) {
		/* the engine counts entries: a stored ballot weighs 1, so the rows' number is the weight */
		s = pt_value_setc(c->result.details, "ballots", pt_value_int(c->alloc, c->profile.total_weight));
		if (s != PT_OK) {
			return nomem(err);
		}
	}
	return s;
}

bool pt_process_count_regroup_needed(const pt_process_count *c)
{
	/* spoiled ballots are listed by their place among the rows: only a row-by-row count says it */
	return c->grouped && c->profile.spoiled_count > 0;
}

pt_status pt_process_count_finish(pt_process_count *c, pt_error *err)
{
	uint8_t digest[PT_SHA256_BYTES];
	char hex[PT_SHA256_HEX];

	pt_sha256_finish(c->h, digest);
	c->h = NULL;
	pt_sha256_hex(digest, hex);
	return pt_process_count_finish_known(c, hex, err);
}

static void put_varint(pt_buf *out, uint64_t v)
{
	char b[10];
	size_t n = 0;

	do {
		b[n++] = (char)((v & 0x7f) | (v > 0x7f ? 0x80 : 0));
		v >>= 7;
	} while (v);
	pt_buf_append(out, b, n);
}

static bool get_varint(const unsigned char **p, const unsigned char *end, uint64_t *v)
{
	unsigned shift = 0;

	*v = 0;
	while (*p < end && shift < 64) {
		unsigned char b = *(*p)++;

		*v |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80)) {
			return true;
		}
		shift += 7;
	}
	return false;
}

size_t pt_process_count_pack(const pt_process_count *c, size_t from, size_t max_bytes, pt_buf *out)
{
	size_t i;

	for (i = from; i < c->gn && out->len < max_bytes; i++) {
		const pt_process_group *g = c->gv[i];

		put_varint(out, ((uint64_t)g->n << 1) | (g->key[0] == 'p'));
		put_varint(out, g->len - 1);
		pt_buf_append(out, g->key + 1, g->len - 1);
	}
	return i;
}

pt_status pt_process_count_unpack(pt_process_count *c, const char *data, size_t len, pt_error *err)
{
	const unsigned char *p = (const unsigned char *)data, *end = p + len;
	pt_status s;

	if (!c->grouped) {
		return pt_error_set(err, PT_ERR_INTERNAL, "participa: this count is not grouped");
	}
	while (p < end) {
		uint64_t np, tl;

		if (!get_varint(&p, end, &np) || !get_varint(&p, end, &tl) || tl > (uint64_t)(end - p)
				|| (np >> 1) == 0 || (np >> 1) > INT32_MAX) {
			return pt_error_set(err, PT_ERR_INTERNAL, "participa: a stored count snapshot does not parse");
		}
		{
			/* distinct by construction: straight into the profile, no group kept */
			pt_process_ballot b;
			int64_t n = (int64_t)(np >> 1);

			memset(&b, 0, sizeof(b));
			b.ballot = (const char *)p;
			b.ballot_len = (size_t)tl;
			b.paper = np & 1;
			c->ballots += n;
			if (b.paper) {
				c->paper += n;
			} else {
				c->web += n;
			}
			if ((s = profile_add(c, &b, n, err)) != PT_OK) {
				return s;
			}
		}
		p += tl;
	}
	return PT_OK;
}

void pt_process_count_free(pt_process_count *c)
{
	pt_sha256_abort(c->h);
	c->h = NULL;
	if (c->finished) {
		pt_tally_result_free(&c->result);
	}
	if (c->profiled) {
		size_t i;

		pt_profile_free(&c->profile);
		for (i = 0; i < c->gn; i++) {
			pt_free(c->alloc, c->gv[i]);
		}
		pt_free(c->alloc, c->gv);
		pt_hash_free(&c->groups);
		c->gv = NULL;
		c->gn = c->gcap = 0;
	}
	pt_buf_free(&c->line);
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
		return s == PT_OK ? pt_value_setc(out, "projects", list) : (pt_value_free(list), s);
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
