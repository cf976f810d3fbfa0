/*
 * participa core: the count pipeline of a process. See count.h.
 */
#include "core/process/count.h"
#include "core/tally/tally_options.h"
#include "core/common/json_write.h"

#include <stdio.h>
#include <stdlib.h>
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

pt_status pt_process_count_row(void *ctx, const pt_process_ballot *b, pt_error *err)
{
	pt_process_count *c = ctx;
	pt_status s;

	pt_process_digest_ballot(c->h, &c->line, b);
	if (c->line.failed) {
		return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	}
	c->ballots++;
	if (b->paper) {
		c->paper++;
	} else {
		c->web++;
	}
	s = pt_process_ballot_add_stored(&c->profile, b, err);
	if (s == PT_ERR_INVALID) {
		/* a stored ballot that no longer fits (the YAML changed): a spoiled ballot, not a failed count */
		pt_error_clear(err);
		return PT_OK;
	}
	return s;
}

pt_status pt_process_count_finish(pt_process_count *c, pt_error *err)
{
	uint8_t digest[PT_SHA256_BYTES];

	pt_sha256_finish(c->h, digest);
	c->h = NULL;
	pt_sha256_hex(digest, c->digest);
	c->finished = true;
	return pt_tally_count(c->def->method, &c->profile, &c->opts, &c->result, err);
}

void pt_process_count_free(pt_process_count *c)
{
	pt_sha256_abort(c->h);
	c->h = NULL;
	if (c->finished) {
		pt_tally_result_free(&c->result);
	}
	if (c->profiled) {
		pt_profile_free(&c->profile);
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
	pt_sha256_abort(c->h);
	c->h = NULL;
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
