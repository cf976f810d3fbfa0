/*
 * participa core: the tally method table, ballot parsing and validation,
 * and the helpers the method files share (rankings, tie-breaking, the
 * pairwise matrix, strict preference sequences). See tally.h.
 */
#include "core/tally/tally_internal.h"
#include "core/common/pt_id.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#if defined(__has_include)
# if __has_include("pb.h")
#  define PT_TALLY_HAVE_PB 1
# endif
#endif

const pt_tally_method pt_tally_methods[] = {
	{ "plurality",         PT_BALLOT_RANKING,  pt_tally_plurality },
	{ "approval",          PT_BALLOT_APPROVAL, pt_tally_approval },
	{ "score",             PT_BALLOT_SCORE,    pt_tally_score },
	{ "majority_judgment", PT_BALLOT_SCORE,    pt_tally_mj },
	{ "borda",             PT_BALLOT_RANKING,  pt_tally_borda, PT_TALLY_PAIRWISE | PT_TALLY_SQUARE },
	{ "irv",               PT_BALLOT_RANKING,  pt_tally_irv, PT_TALLY_SQUARE | PT_TALLY_COMPACT | PT_TALLY_FIRSTS },
	{ "stv",               PT_BALLOT_RANKING,  pt_tally_stv, PT_TALLY_SQUARE | PT_TALLY_COMPACT },
	{ "schulze",           PT_BALLOT_RANKING,  pt_tally_schulze, PT_TALLY_PAIRWISE | PT_TALLY_SQUARE },
	{ "ranked_pairs",      PT_BALLOT_RANKING,  pt_tally_ranked_pairs, PT_TALLY_PAIRWISE | PT_TALLY_SQUARE },
	{ "copeland",          PT_BALLOT_RANKING,  pt_tally_copeland, PT_TALLY_PAIRWISE | PT_TALLY_SQUARE },
	{ "majority",          PT_BALLOT_STANCE,   pt_tally_majority },
	{ "consensus",         PT_BALLOT_STANCE,   pt_tally_consensus, PT_TALLY_CONSENSUS },
#ifdef PT_TALLY_HAVE_PB
	{ "pb_greedy",         PT_BALLOT_APPROVAL, pt_tally_pb_greedy, PT_TALLY_NEEDS_COSTS },
	{ "pb_equal_shares",   PT_BALLOT_APPROVAL, pt_tally_pb_equal_shares, PT_TALLY_NEEDS_COSTS },
#endif
	{ NULL, 0, NULL }
};

const pt_tally_method *pt_tally_find(const char *id, size_t len)
{
	const pt_tally_method *m;

	for (m = pt_tally_methods; m->id; m++) {
		if (strlen(m->id) == len && memcmp(m->id, id, len) == 0) {
			return m;
		}
	}
	return NULL;
}

/* The defaults as a constant: profiles borrow a pointer to their options,
 * so the defaults need static storage, and a constant one is shared by every
 * thread (ZTS) without a race on first use. */
static const pt_tally_options default_opts = {
	.quota = PT_QUOTA_DROOP,
	.transfer = PT_TRANSFER_WIGM,
	.min = 0,
	.max = 10,
	.threshold_kind = PT_THRESHOLD_SIMPLE,
	.threshold_num = 1,
	.threshold_den = 2,
	.eligible = -1,
	.pb_skip = 1,
	.pb_completion = 1,   /* PT_PB_COMPLETION_ADD1 */
	.pb_increment = 1,
	.pb_start = 0,        /* PT_PB_START_FLOOR */
	.pb_stop_when_exhaustive = 1,
};

void pt_tally_options_init(pt_tally_options *o)
{
	*o = default_opts;
}

pt_status pt_tally_check_size(const pt_tally_method *m, const pt_profile *p, pt_error *err)
{
	if ((m->flags & PT_TALLY_SQUARE) && p->ncand > PT_TALLY_MAX_SQUARE_CANDIDATES) {
		/* m^2 cells and m^3 steps: refused before any work (tally.h) */
		return pt_error_set(err, PT_ERR_INVALID, "Hay demasiados candidatos (%u) para este método de conteo: "
			"cuenta a lo más %u.", p->ncand, PT_TALLY_MAX_SQUARE_CANDIDATES);
	}
	return PT_OK;
}

pt_status pt_tally_prepare(const pt_tally_method *m, pt_profile *p, size_t n, pt_error *err)
{
	pt_status st;

	/* too many candidates for this method: refused before reading ballots */
	if ((st = pt_tally_check_size(m, p, err)) != PT_OK) {
		return st;
	}
	/* the Condorcet family and Borda only need the pairwise matrix: each ballot is folded in
	 * as it is parsed, none kept; irv and stv read rankings up to their first tie: 8 bytes each */
	if (m->flags & PT_TALLY_PAIRWISE) {
		return pt_profile_stream_pairwise(p, err);
	}
	if (p->kind == PT_BALLOT_RANKING && (m->flags & PT_TALLY_COMPACT)) {
		if ((st = pt_profile_compact(p, err)) != PT_OK) {
			return st;
		}
		/* irv: the sets before each choice as the ballots are read (tally.h); stv: the keys by
		 * first preference, its first piles */
		p->masks_on = (m->flags & PT_TALLY_FIRSTS) && p->ncand <= PT_TALLY_MASK_CANDIDATES;
		if (!(m->flags & PT_TALLY_FIRSTS)) {
			p->bucketed = 1;
			p->cap = SIZE_MAX / 4;   /* buckets grow by chunks: no room to make */
		}
	}
	return pt_profile_reserve(p, n, p->ncand ? p->ncand : 4, err);
}

pt_status pt_tally_count(const pt_tally_method *m, const pt_profile *p,
	const pt_tally_options *o, pt_tally_result *r, pt_error *err)
{
	pt_status st;

	memset(r, 0, sizeof(*r));
	r->alloc = p->alloc;
	if (!o) {
		o = &default_opts;
	}
	if (m->kind != p->kind || (p->stream && !(m->flags & PT_TALLY_PAIRWISE))
		|| (p->compact && !(m->flags & PT_TALLY_COMPACT))) {
		return pt_error_set(err, PT_ERR_INTERNAL, "tally: %s reads another kind of ballot", m->id);
	}
	if ((st = pt_tally_check_size(m, p, err)) != PT_OK) {
		return st;
	}
	r->winners = pt_value_list(p->alloc);
	r->ranking = pt_value_list(p->alloc);
	r->details = pt_value_map(p->alloc);
	r->tie_breaks = pt_value_list(p->alloc);
	if (!r->winners || !r->ranking || !r->details || !r->tie_breaks) {
		return NOMEM(err);
	}
	st = m->count(p, o, r, err);
	if (st == PT_OK && !v_common(p, r->details)) {
		return NOMEM(err);
	}
	return st;
}

void pt_tally_result_free(pt_tally_result *r)
{
	pt_value_free(r->winners);
	pt_value_free(r->ranking);
	pt_value_free(r->details);
	pt_value_free(r->tie_breaks);
	memset(r, 0, sizeof(*r));
}

/* ---- profile ---------------------------------------------------------- */

pt_status pt_profile_init(pt_profile *p, pt_ballot_kind kind, const pt_tally_options *opts,
	const pt_allocator *a, pt_error *err)
{
	memset(p, 0, sizeof(*p));
	p->alloc = a;
	p->kind = kind;
	p->opts = opts ? opts : &default_opts;
	memset(p->byte_map, 0xff, sizeof(p->byte_map));
	pt_hash_init_fast(&p->cand_map, a);
	pt_hash_init_fast(&p->role_map, a);
	p->start = pt_calloc(a, 1, sizeof(uint32_t));
	if (!p->start) {
		return NOMEM(err);
	}
	if (kind == PT_BALLOT_STANCE) {
		p->roles = pt_alloc(a, sizeof(char *));
		p->role_lens = pt_alloc(a, sizeof(size_t));
		if (!p->roles || !p->role_lens || !(p->roles[0] = pt_strndup(a, "", 0))) {
			return NOMEM(err);
		}
		p->role_lens[0] = 0;
		p->nroles = 1;
		if (pt_hash_add(&p->role_map, p->roles[0], 0, (void *)(uintptr_t)1) != PT_OK) {
			return NOMEM(err);
		}
	}
	if (p->opts->count_invalid) {
		p->spoiled = pt_value_list(a);
		if (!p->spoiled) {
			return NOMEM(err);
		}
	}
	return PT_OK;
}

/* A compact profile's key chunks and buckets. */
static void keys_free(pt_profile *p)
{
	pt_key_chunk *ch, *nx;
	size_t i;

	for (i = 0; i < p->nkeychunks; i++) {
		pt_free(p->alloc, p->keys[i]);
	}
	pt_free(p->alloc, p->keys);
	p->keys = NULL;
	p->nkeychunks = 0;
	for (i = 0; i < PT_TALLY_KEY_CANDIDATES; i++) {
		for (ch = p->bucket[i]; ch; ch = nx) {
			nx = ch->next;
			pt_free(p->alloc, ch);
		}
		p->bucket[i] = p->bucket_last[i] = NULL;
		p->bucket_n[i] = 0;
	}
	p->blanks = 0;
}

size_t pt_profile_keys_copy(const pt_profile *p, uint64_t *out)
{
	const pt_key_chunk *ch;
	size_t b, i, n = 0;
	uint32_t c;

	if (!p->bucketed) {
		for (b = 0; b < p->n; b++) {
			out[b] = pt_profile_key(p, b);
		}
		return p->n;
	}
	for (b = 0; b < p->blanks; b++) {
		out[n++] = 0;
	}
	for (c = 0; c < PT_TALLY_KEY_CANDIDATES; c++) {
		for (ch = p->bucket[c]; ch; ch = ch->next) {
			for (i = 0; i < ch->n; i++) {
				out[n++] = (ch->rest[i] << 4) | (c + 1);
			}
		}
	}
	return n;
}

void pt_profile_free(pt_profile *p)
{
	size_t i;

	for (i = 0; i < p->ncand; i++) {
		pt_free(p->alloc, p->ids[i]);
	}
	pt_free(p->alloc, p->ids);
	pt_free(p->alloc, p->id_lens);
	pt_hash_free(&p->cand_map);
	pt_free(p->alloc, p->weights);
	pt_free(p->alloc, p->start);
	pt_free(p->alloc, p->items);
	pt_free(p->alloc, p->values);
	if (p->stances) {
		for (i = 0; i < p->n; i++) {
			pt_free(p->alloc, p->stances[i].reason);
			pt_free(p->alloc, p->stances[i].voter);
		}
		pt_free(p->alloc, p->stances);
	}
	for (i = 0; i < p->nroles; i++) {
		pt_free(p->alloc, p->roles[i]);
	}
	pt_free(p->alloc, p->roles);
	pt_free(p->alloc, p->role_lens);
	pt_hash_free(&p->role_map);
	pt_free(p->alloc, p->seen);
	pt_free(p->alloc, p->pair);
	pt_free(p->alloc, p->ranked_w);
	pt_free(p->alloc, p->scratch);
	pt_free(p->alloc, p->masks);
	keys_free(p);
	pt_value_free(p->spoiled);
	memset(p, 0, sizeof(*p));
}

int32_t pt_profile_find(const pt_profile *p, const char *id, size_t len)
{
	void *v;

	if (len == 1) {
		return p->byte_map[(unsigned char)id[0]];
	}
	return pt_hash_find(&p->cand_map, id, len, &v) ? (int32_t)((uintptr_t)v - 1) : -1;
}

static int hash_insert(pt_profile *p, uint32_t c)
{
	if (p->id_lens[c] == 1) {
		p->byte_map[(unsigned char)p->ids[c][0]] = (int32_t)c;
		return 1;
	}
	return pt_hash_add(&p->cand_map, p->ids[c], p->id_lens[c], (void *)(uintptr_t)(c + 1)) == PT_OK;
}

/* Appends a candidate without checks; -1 on NOMEM. */
static int32_t add_cand(pt_profile *p, const char *id, size_t len)
{
	uint32_t c = p->ncand;

	if (c >= p->seen_cap) {
		/* ids, id_lens and seen grow together; seen_cap is their capacity */
		size_t cap = c ? (size_t)c * 2 : 8;
		char **ids = pt_realloc(p->alloc, p->ids, cap * sizeof(*ids));
		size_t *lens;
		uint32_t *seen;

		if (!ids) {
			return -1;
		}
		p->ids = ids;
		lens = pt_realloc(p->alloc, p->id_lens, cap * sizeof(*lens));
		if (!lens) {
			return -1;
		}
		p->id_lens = lens;
		seen = pt_realloc(p->alloc, p->seen, cap * sizeof(*seen));
		if (!seen) {
			return -1;
		}
		memset(seen + p->seen_cap, 0, (cap - p->seen_cap) * sizeof(*seen));
		p->seen = seen;
		p->seen_cap = cap;
	}
	p->ids[c] = pt_strndup(p->alloc, id, len);
	if (!p->ids[c]) {
		return -1;
	}
	p->id_lens[c] = len;
	if (!hash_insert(p, c)) {
		pt_free(p->alloc, p->ids[c]);
		return -1;
	}
	p->ncand++;
	return (int32_t)c;
}

pt_status pt_profile_add_candidate(pt_profile *p, const char *id, size_t len, pt_error *err)
{
	if (len == 0) {
		return pt_error_set(err, PT_ERR_INVALID, "candidates: an id is empty");
	}
	if (!pt_id_valid(id, len)) {
		/* the one id rule (pt_id.h): results stay JSON-ready and compare as in SQL */
		return pt_error_set(err, PT_ERR_INVALID, "candidates: an id must be 1 to %d bytes of UTF-8, without "
			"control characters or blanks at either end", PT_ID_MAX);
	}
	if (pt_profile_find(p, id, len) >= 0) {
		return pt_error_set(err, PT_ERR_INVALID, "candidates: '%.*s' is given twice", (int)len, id);
	}
	if (p->ncand >= PT_TALLY_MAX_CANDIDATES) {
		return pt_error_set(err, PT_ERR_INVALID, "candidates: more than %u", PT_TALLY_MAX_CANDIDATES);
	}
	if (p->stream && p->ncand >= PT_TALLY_MAX_SQUARE_CANDIDATES) {
		return pt_error_set(err, PT_ERR_INVALID, "candidates: more than %u for a pairwise count",
			PT_TALLY_MAX_SQUARE_CANDIDATES);
	}
	if (add_cand(p, id, len) < 0) {
		return NOMEM(err);
	}
	return PT_OK;
}

void pt_profile_fix_candidates(pt_profile *p)
{
	p->fixed = 1;
}

static int grow_ballots(pt_profile *p, size_t want)
{
	size_t cap;
	int64_t *w;
	uint32_t *st;

	if (want <= p->cap) {
		return 1;
	}
	cap = p->cap ? p->cap * 2 : 64;
	while (cap < want) {
		cap *= 2;
	}
	if (p->compact) {
		/* key chunks, and weights once a ballot weighs other than 1 (compact_store) */
		size_t chunks = (cap + PT_TALLY_KEY_CHUNK - 1) / PT_TALLY_KEY_CHUNK, size;
		uint64_t **k = pt_realloc(p->alloc, p->keys, chunks * sizeof(*k));

		if (!k) {
			return 0;
		}
		p->keys = k;
		/* a small profile's one chunk is only as large as it needs: it holds p->cap keys */
		size = cap < PT_TALLY_KEY_CHUNK ? cap : PT_TALLY_KEY_CHUNK;
		if (p->nkeychunks && p->cap < PT_TALLY_KEY_CHUNK) {
			uint64_t *c0 = pt_realloc(p->alloc, k[0], size * sizeof(uint64_t));

			if (!c0) {
				return 0;
			}
			k[0] = c0;
		}
		for (; p->nkeychunks < chunks; p->nkeychunks++) {
			if (!(k[p->nkeychunks] = pt_alloc(p->alloc, size * sizeof(uint64_t)))) {
				return 0;
			}
		}
		if (p->weights && !(w = pt_realloc(p->alloc, p->weights, cap * sizeof(*w)))) {
			return 0;
		}
		p->weights = p->weights ? w : NULL;
		p->cap = cap;
		return 1;
	}
	w = pt_realloc(p->alloc, p->weights, cap * sizeof(*w));
	if (!w) {
		return 0;
	}
	p->weights = w;
	st = pt_realloc(p->alloc, p->start, (cap + 1) * sizeof(*st));
	if (!st) {
		return 0;
	}
	p->start = st;
	if (p->kind == PT_BALLOT_STANCE) {
		pt_stance_ballot *sb = pt_realloc(p->alloc, p->stances, cap * sizeof(*sb));

		if (!sb) {
			return 0;
		}
		p->stances = sb;
	}
	p->cap = cap;
	return 1;
}

static int grow_items(pt_profile *p, size_t want)
{
	size_t cap;
	uint32_t *it;

	if (want <= p->items_cap) {
		return 1;
	}
	if (want > UINT32_MAX) {
		return 0;
	}
	cap = p->items_cap ? p->items_cap * 2 : 256;
	while (cap < want) {
		cap *= 2;
	}
	it = pt_realloc(p->alloc, p->items, cap * sizeof(*it));
	if (!it) {
		return 0;
	}
	p->items = it;
	if (p->kind == PT_BALLOT_SCORE) {
		int64_t *v = pt_realloc(p->alloc, p->values, cap * sizeof(*v));

		if (!v) {
			return 0;
		}
		p->values = v;
	}
	p->items_cap = cap;
	return 1;
}

pt_status pt_profile_reserve(pt_profile *p, size_t n, size_t items_per_ballot, pt_error *err)
{
	if (p->stream) {
		return PT_OK;  /* nothing is kept per ballot */
	}
	if (p->compact) {
		items_per_ballot = 0;  /* a ballot's items are scratch, reused by the next */
	}
	if (!grow_ballots(p, p->n + n) || (items_per_ballot &&
		(n > (UINT32_MAX - p->nitems) / items_per_ballot ||
		!grow_items(p, p->nitems + n * items_per_ballot)))) {
		return NOMEM(err);
	}
	return PT_OK;
}

pt_status pt_ballot_begin(pt_profile *p, int64_t weight, pt_error *err)
{
	if (p->in_ballot) {
		return pt_error_set(err, PT_ERR_INTERNAL, "tally: ballot not ended");
	}
	if (!p->stream && !grow_ballots(p, p->n + 1)) {
		return NOMEM(err);
	}
	p->in_ballot = 1;
	p->cur_start = p->nitems;
	p->bad = 0;
	p->cur_weight = weight;
	p->ncand_before = p->ncand;
	if (++p->stamp == 0) {
		memset(p->seen, 0, p->seen_cap * sizeof(*p->seen));
		p->stamp = 1;
	}
	if (p->kind == PT_BALLOT_STANCE) {
		memset(&p->stances[p->n], 0, sizeof(p->stances[p->n]));
		p->stances[p->n].stance = PT_STANCE_ABSTAIN;
	}
	if (weight < 0) {
		pt_ballot_reject(p, "peso negativo (%lld)", (long long)weight);
	} else if (weight > PT_TALLY_MAX_TOTAL_WEIGHT) {
		pt_ballot_reject(p, "peso demasiado grande (%lld)", (long long)weight);
	}
	return PT_OK;
}

void pt_ballot_reject(pt_profile *p, const char *fmt, ...)
{
	va_list ap;

	if (p->bad) {
		return;  /* the first problem is the one reported */
	}
	p->bad = 1;
	va_start(ap, fmt);
	vsnprintf(p->bad_msg, sizeof(p->bad_msg), fmt, ap);
	va_end(ap);
}

/* Ids in messages are cut (on a UTF-8 boundary) so that a long id cannot
 * hide the rest; only ids that pass the id rule are ever quoted. */
static int id_cut(const char *id, size_t len)
{
	size_t n = len > 60 ? 60 : len;

	while (n < len && n > 0 && ((unsigned char)id[n] & 0xc0) == 0x80) {
		n--;
	}
	return (int)n;
}
#define ID_FMT "'%.*s'"
#define ID_ARG(len, id) id_cut((id), (len)), (id)

pt_status pt_ballot_item(pt_profile *p, const char *id, size_t len, int tied, int64_t value,
	pt_error *err)
{
	int32_t c;

	if (p->bad) {
		return PT_OK;
	}
	c = pt_profile_find(p, id, len);
	if (c < 0) {
		if (len == 0) {
			pt_ballot_reject(p, "candidato vacío");
			return PT_OK;
		}
		if (!pt_id_valid(id, len)) {
			/* never quoted: it may be anything */
			pt_ballot_reject(p, "candidato no válido (de 1 a %d bytes de UTF-8, sin caracteres de control "
				"ni espacios en los extremos)", PT_ID_MAX);
			return PT_OK;
		}
		if (p->fixed) {
			pt_ballot_reject(p, "candidato desconocido " ID_FMT, ID_ARG(len, id));
			return PT_OK;
		}
		if (p->ncand >= (p->stream ? PT_TALLY_MAX_SQUARE_CANDIDATES : PT_TALLY_MAX_DISCOVERED)) {
			/* bounded discovery (tally.h) */
			pt_ballot_reject(p, "demasiados candidatos distintos en las boletas (máximo %u)",
				p->stream ? PT_TALLY_MAX_SQUARE_CANDIDATES : PT_TALLY_MAX_DISCOVERED);
			return PT_OK;
		}
		c = add_cand(p, id, len);
		if (c < 0) {
			return NOMEM(err);
		}
	}
	if (p->seen[c] == p->stamp) {
		pt_ballot_reject(p, "candidato repetido " ID_FMT, ID_ARG(len, id));
		return PT_OK;
	}
	p->seen[c] = p->stamp;
	if (p->kind == PT_BALLOT_SCORE && (value < p->opts->min || value > p->opts->max)) {
		pt_ballot_reject(p, "calificación fuera de rango para " ID_FMT ": %lld (se permite de %lld a %lld)",
			ID_ARG(len, id), (long long)value, (long long)p->opts->min, (long long)p->opts->max);
		return PT_OK;
	}
	if (!grow_items(p, p->nitems + 1)) {
		return NOMEM(err);
	}
	if (p->kind == PT_BALLOT_SCORE) {
		p->values[p->nitems] = value;
	}
	/* The first entry of a ranking cannot tie with anything before it. */
	p->items[p->nitems] = (uint32_t)c |
		(p->kind == PT_BALLOT_RANKING && tied && p->nitems > p->cur_start ? PT_RANK_TIED : 0);
	p->nitems++;
	return PT_OK;
}

/* Role index of a name, interning it: O(len) expected (a linear scan made
 * a million ballots with distinct roles quadratic). -1 on NOMEM. */
static int intern_role(pt_profile *p, const char *role, size_t len)
{
	uint32_t i;
	char **roles;
	size_t *lens;
	void *v;

	if (pt_hash_find(&p->role_map, role, len, &v)) {
		return (int)((uintptr_t)v - 1);
	}
	if ((p->nroles & (p->nroles - 1)) == 0) {
		/* the name arrays grow by doubling, not by one */
		size_t cap = (size_t)p->nroles * 2;

		roles = pt_realloc(p->alloc, p->roles, cap * sizeof(*roles));
		if (!roles) {
			return -1;
		}
		p->roles = roles;
		lens = pt_realloc(p->alloc, p->role_lens, cap * sizeof(*lens));
		if (!lens) {
			return -1;
		}
		p->role_lens = lens;
	}
	i = p->nroles;
	p->roles[i] = pt_strndup(p->alloc, role, len);
	if (!p->roles[i]) {
		return -1;
	}
	p->role_lens[i] = len;
	if (pt_hash_add(&p->role_map, p->roles[i], len, (void *)(uintptr_t)(i + 1)) != PT_OK) {
		pt_free(p->alloc, p->roles[i]);
		return -1;
	}
	return (int)p->nroles++;
}

pt_status pt_ballot_stance(pt_profile *p, pt_stance stance, const char *role, size_t role_len,
	const char *reason, size_t reason_len, const char *voter, size_t voter_len, pt_error *err)
{
	pt_stance_ballot *sb = &p->stances[p->n];
	int r;

	if (p->bad) {
		return PT_OK;
	}
	sb->stance = stance;
	r = role ? intern_role(p, role, role_len) : 0;
	if (r < 0) {
		return NOMEM(err);
	}
	sb->role = (uint32_t)r;
	pt_free(p->alloc, sb->reason);
	pt_free(p->alloc, sb->voter);
	sb->reason = sb->voter = NULL;
	if (reason && reason_len) {
		if (!(sb->reason = pt_strndup(p->alloc, reason, reason_len))) {
			return NOMEM(err);
		}
		sb->reason_len = reason_len;
	}
	if (voter) {
		if (!(sb->voter = pt_strndup(p->alloc, voter, voter_len))) {
			return NOMEM(err);
		}
		sb->voter_len = voter_len;
	}
	return PT_OK;
}

static void validate(pt_profile *p)
{
	size_t k = p->nitems - p->cur_start;
	const pt_tally_options *o = p->opts;

	if (p->kind == PT_BALLOT_APPROVAL) {
		if (o->max_choices && k > o->max_choices) {
			pt_ballot_reject(p, "demasiadas aprobaciones (%zu, máximo %u)", k, o->max_choices);
		} else if (k < o->min_choices) {
			pt_ballot_reject(p, "muy pocas aprobaciones (%zu, mínimo %u)", k, o->min_choices);
		} else if (o->pb_costs && o->pb_max_length && k > o->pb_max_length) {
			pt_ballot_reject(p, "demasiados proyectos (%zu, máximo %u)", k, o->pb_max_length);
		} else if (o->pb_costs && k < o->pb_min_length) {
			pt_ballot_reject(p, "muy pocos proyectos (%zu, mínimo %u)", k, o->pb_min_length);
		}
	} else if (p->kind == PT_BALLOT_STANCE) {
		pt_stance_ballot *sb = &p->stances[p->n];

		if (o->block_requires_reason && sb->stance == PT_STANCE_BLOCK && !sb->reason) {
			pt_ballot_reject(p, "un bloqueo debe dar una razón");
		}
	}
	if (!p->bad && p->cur_weight > PT_TALLY_MAX_TOTAL_WEIGHT - p->total_weight) {
		pt_ballot_reject(p, "el peso total de las boletas es demasiado grande");
	}
}

/*
 * Drops candidates this ballot introduced (first-seen discovery must not
 * let a refused ballot add a candidate). O(new candidates) (a rebuild per
 * refused ballot made a million refused ballots cost a million times the
 * candidates).
 */
static void drop_new_candidates(pt_profile *p, uint32_t keep)
{
	uint32_t i;

	for (i = p->ncand; i-- > keep;) {
		if (p->id_lens[i] == 1) {
			p->byte_map[(unsigned char)p->ids[i][0]] = -1;
		} else {
			pt_hash_remove(&p->cand_map, p->ids[i], p->id_lens[i]);
		}
		pt_free(p->alloc, p->ids[i]);
	}
	p->ncand = keep;
}

/*
 * Pairwise accumulation in O(k^2) per ballot of k candidates, whatever the
 * number of candidates: d[i][j] (weight of the ballots ranking i strictly
 * above j, an unranked j being below every ranked i) is
 *     ranked_w[i] - (weight of the ballots ranking both, i not above j),
 * so a ballot only touches the pairs it ranks, and pairwise_finish() adds
 * ranked_w (weight of the ballots that ranked each candidate) at the end.
 * The matrix has stride `stride`; nts is k scratch entries.
 */
static void pairwise_fold(int64_t *d, size_t stride, int64_t *ranked_w, const uint32_t *e, uint32_t k,
	int64_t w, uint32_t *nts)
{
	uint32_t x, y;

	if (k == 0 || w == 0) {
		return;
	}
	/* nts[x] = first position after x's tie group */
	nts[k - 1] = k;
	for (x = k - 1; x > 0; x--) {
		nts[x - 1] = (e[x] & PT_RANK_TIED) ? nts[x] : x;
	}
	for (x = 0; x < k; x++) {
		uint32_t cx = PT_RANK_CAND(e[x]);
		int64_t *row = d + (size_t)cx * stride;

		ranked_w[cx] += w;
		/* those ranked before x or tied with it: x is not above them */
		for (y = 0; y < nts[x]; y++) {
			if (y != x) {
				row[PT_RANK_CAND(e[y])] -= w;
			}
		}
	}
}

/* d (m x m, stride m) from the folded matrix src (stride `stride`; rows and
 * columns from `known` on, candidates no ballot folded in, are zero). */
static void pairwise_finish(int64_t *d, uint32_t m, const int64_t *src, size_t stride, uint32_t known,
	const int64_t *ranked_w)
{
	uint32_t i, j;

	for (i = 0; i < m && i < known; i++) {
		for (j = 0; j < m; j++) {
			d[(size_t)i * m + j] = i == j ? 0 : (j < known ? src[(size_t)i * stride + j] : 0) + ranked_w[i];
		}
	}
}

/*
 * Streaming pairwise accumulation (pt_profile_stream_pairwise()): each
 * ballot is folded into pair (stride pair_cap) at pt_ballot_end() and then
 * dropped, so a million ballots cost O(m^2) memory. A candidate first seen
 * after some ballots was unranked on them: its column starts at 0, which
 * pairwise_finish() turns into ranked_w, "below every ranked candidate".
 */
static int stream_grow(pt_profile *p)
{
	uint32_t cap = p->pair_cap ? p->pair_cap : 8, i;
	int64_t *d, *rw;
	uint32_t *sc;

	while (cap < p->ncand) {
		cap *= 2;
	}
	if (cap == p->pair_cap) {
		return 1;
	}
	d = pt_calloc(p->alloc, (size_t)cap * cap, sizeof(int64_t));
	rw = pt_calloc(p->alloc, cap, sizeof(int64_t));
	sc = pt_alloc(p->alloc, (size_t)cap * sizeof(uint32_t));
	if (!d || !rw || !sc) {
		pt_free(p->alloc, d);
		pt_free(p->alloc, rw);
		pt_free(p->alloc, sc);
		return 0;
	}
	for (i = 0; i < p->pair_cap; i++) {
		memcpy(d + (size_t)i * cap, p->pair + (size_t)i * p->pair_cap, p->pair_cap * sizeof(int64_t));
		rw[i] = p->ranked_w[i];
	}
	pt_free(p->alloc, p->pair);
	pt_free(p->alloc, p->ranked_w);
	pt_free(p->alloc, p->scratch);
	p->pair = d;
	p->ranked_w = rw;
	p->scratch = sc;
	p->pair_cap = cap;
	return 1;
}

/*
 * The mask table (pt_profile.masks): a ballot ranking k candidates adds its weight to k cells.
 * Tie groups share their set: 'A>B=C' adds to A's {A}, B's {A,B,C} and C's {A,B,C}.
 */
static void masks_fold(int64_t *mk, uint32_t bits, const uint32_t *e, uint32_t k, int64_t w)
{
	uint32_t set = 0, i = 0, j, t;

	while (i < k) {
		for (j = i + 1; j < k && (e[j] & PT_RANK_TIED); j++);
		for (t = i; t < j; t++) {
			set |= 1u << PT_RANK_CAND(e[t]);
		}
		for (t = i; t < j; t++) {
			mk[((size_t)PT_RANK_CAND(e[t]) << bits) | set] += w;
		}
		i = j;
	}
}

/* A compact profile's table (PT_TALLY_FIRSTS): each candidate of the ballot's sequence (its
 * entries up to the first tie) under the set of those before it. */
static void firsts_fold(int64_t *mk, uint32_t bits, const uint32_t *e, uint32_t k, int64_t w)
{
	uint32_t set = 0, t;

	for (t = 0; t < k && !(t + 1 < k && (e[t + 1] & PT_RANK_TIED)); t++) {
		mk[((size_t)PT_RANK_CAND(e[t]) << bits) | set] += w;
		set |= 1u << PT_RANK_CAND(e[t]);
	}
}

/* d[x][y] += the weight of the ballots ranking x above y: y outside x's set (an unranked y too). */
static void masks_into(int64_t *d, uint32_t m, const int64_t *mk, uint32_t bits)
{
	uint32_t x, y, set;

	for (x = 0; x < bits && x < m; x++) {
		for (set = 0; set < (1u << bits); set++) {
			int64_t v = mk[((size_t)x << bits) | set];

			for (y = 0; v && y < m; y++) {
				if (y != x && (y >= bits || !((set >> y) & 1))) {
					d[(size_t)x * m + y] += v;
				}
			}
		}
	}
}

/* The table folded into pair and dropped: the ballots to come are folded one by one. A
 * compact profile's table is dropped. */
static int masks_flush(pt_profile *p)
{
	uint32_t x, y, set, bits = p->mask_bits;

	p->masks_on = 0;
	if (!p->masks || !p->stream) {
		/* a compact profile's sets (irv's) only speed a count up: its keys hold the ballots */
		pt_free(p->alloc, p->masks);
		p->masks = NULL;
		return 1;
	}
	if (!stream_grow(p)) {
		return 0;
	}
	for (x = 0; x < bits; x++) {
		for (set = 0; set < (1u << bits); set++) {
			int64_t v = p->masks[((size_t)x << bits) | set];

			if (!v) {
				continue;
			}
			p->ranked_w[x] += v;
			for (y = 0; y < bits; y++) {
				if (y != x && ((set >> y) & 1)) {
					p->pair[(size_t)x * p->pair_cap + y] -= v;
				}
			}
		}
	}
	pt_free(p->alloc, p->masks);
	p->masks = NULL;
	return 1;
}

/* The table sized for the candidates known (rows of fewer bits keep their cells), or flushed
 * when they are too many for it. 0 on NOMEM. */
static int masks_ready(pt_profile *p)
{
	uint32_t bits = p->ncand ? p->ncand : 1, c;
	int64_t *mk;

	if (p->ncand > PT_TALLY_MASK_CANDIDATES) {
		return masks_flush(p);
	}
	if (p->masks && p->mask_bits >= bits) {
		return 1;
	}
	if (!(mk = pt_calloc(p->alloc, (size_t)bits << bits, sizeof(int64_t)))) {
		return 0;
	}
	for (c = 0; p->masks && c < p->mask_bits; c++) {
		memcpy(mk + ((size_t)c << bits), p->masks + ((size_t)c << p->mask_bits),
			((size_t)1 << p->mask_bits) * sizeof(int64_t));
	}
	pt_free(p->alloc, p->masks);
	p->masks = mk;
	p->mask_bits = bits;
	return 1;
}

static int stream_add(pt_profile *p)
{
	const uint32_t *e = p->items ? p->items + p->cur_start : NULL;
	uint32_t k = (uint32_t)(p->nitems - p->cur_start);
	int64_t w = p->cur_weight;

	if (p->masks_on && !masks_ready(p)) {
		return 0;
	}
	if (p->masks_on) {
		if (k && w) {
			p->nonblank_weight += w;
			masks_fold(p->masks, p->mask_bits, e, k, w);
		}
		return 1;
	}
	if (p->ncand > p->pair_cap && !stream_grow(p)) {
		return 0;
	}
	if (k == 0 || w == 0) {
		return 1;
	}
	p->nonblank_weight += w;
	pairwise_fold(p->pair, p->pair_cap, p->ranked_w, e, k, w, p->scratch);
	return 1;
}

pt_status pt_profile_stream_pairwise(pt_profile *p, pt_error *err)
{
	if (p->kind != PT_BALLOT_RANKING || p->n || p->in_ballot) {
		return pt_error_set(err, PT_ERR_INTERNAL, "tally: streaming needs an empty ranking profile");
	}
	if (p->ncand > PT_TALLY_MAX_SQUARE_CANDIDATES) {
		return pt_error_set(err, PT_ERR_INVALID, "demasiados candidatos (%u) para un conteo por pares; el máximo es %u",
			p->ncand, PT_TALLY_MAX_SQUARE_CANDIDATES);
	}
	p->stream = 1;
	p->masks_on = p->ncand <= PT_TALLY_MASK_CANDIDATES;
	return PT_OK;
}

pt_status pt_profile_compact(pt_profile *p, pt_error *err)
{
	if (p->kind != PT_BALLOT_RANKING || p->n || p->in_ballot || p->stream || p->compact) {
		return pt_error_set(err, PT_ERR_INTERNAL, "tally: a compact profile needs an empty ranking profile");
	}
	p->compact = 1;
	return PT_OK;
}

/* A compact key (tally.h) of a ballot's entries: 0 when one before the first tie is the 16th
 * candidate or later. */
static int compact_key(const uint32_t *e, uint32_t k, uint64_t *key)
{
	uint64_t v = 0;
	uint32_t i;

	for (i = 0; i < k && !(i + 1 < k && (e[i + 1] & PT_RANK_TIED)); i++) {
		if (PT_RANK_CAND(e[i]) >= PT_TALLY_KEY_CANDIDATES) {
			return 0;
		}
		v |= (uint64_t)(PT_RANK_CAND(e[i]) + 1) << (4 * i);
	}
	*key = v;
	return 1;
}

/* Ballot n's key (room for it was made at its beginning); weights appear with the first
 * ballot that weighs other than 1. 0 on NOMEM. */
static int unbucket(pt_profile *p);

static inline int compact_store(pt_profile *p, uint64_t key, int64_t w)
{
	size_t i;

	if (p->bucketed && w == 1) {
		uint32_t c = (uint32_t)(key & 15) - 1;

		if (!key) {
			p->blanks++;
			return 1;
		}
		p->bucket_n[c]++;
		return key_chunk_push(p->alloc, &p->bucket[c], &p->bucket_last[c], key >> 4, 0);
	}
	if (p->bucketed && !unbucket(p)) {
		return 0;
	}
	if (w != 1 && !p->weights) {
		if (!(p->weights = pt_alloc(p->alloc, p->cap * sizeof(int64_t)))) {
			return 0;
		}
		for (i = 0; i < p->n; i++) {
			p->weights[i] = 1;
		}
	}
	p->keys[p->n >> PT_TALLY_KEY_CHUNK_BITS][p->n & (PT_TALLY_KEY_CHUNK - 1)] = key;
	if (p->weights) {
		p->weights[p->n] = w;
	}
	return 1;
}

/* Buckets into key chunks (a ballot weighing other than 1, or items to come). O(ballots).
 * 0 on NOMEM. */
static int unbucket(pt_profile *p)
{
	uint64_t *all = pt_alloc(p->alloc, (p->n + 1) * sizeof(uint64_t));
	pt_profile keep = *p;
	size_t b, n = p->n;
	uint32_t c;

	if (!all) {
		return 0;
	}
	pt_profile_keys_copy(p, all);
	/* the buckets go (keys_free() of a copy of p: the chunks are p's), then the key chunks come */
	for (c = 0; c < PT_TALLY_KEY_CANDIDATES; c++) {
		p->bucket[c] = p->bucket_last[c] = NULL;
		p->bucket_n[c] = 0;
	}
	p->blanks = 0;
	p->bucketed = 0;
	p->cap = 0;
	keep.keys = NULL;
	keep.nkeychunks = 0;
	keys_free(&keep);
	if (!grow_ballots(p, n + 1)) {
		pt_free(p->alloc, all);
		return 0;
	}
	for (b = 0; b < n; b++) {
		p->keys[b >> PT_TALLY_KEY_CHUNK_BITS][b & (PT_TALLY_KEY_CHUNK - 1)] = all[b];
	}
	pt_free(p->alloc, all);
	return 1;
}

/* A compact profile as items again (a ballot its keys cannot hold): the keys decoded, the
 * ballot being ended moved after them. O(ballots). 0 on NOMEM (p unchanged). */
static int decompact(pt_profile *p)
{
	size_t b, total = 0, k = p->nitems - p->cur_start, pos = 0, cap;
	uint32_t *start, *items, i, len;
	int64_t *w;

	if (p->bucketed && !unbucket(p)) {
		return 0;
	}
	w = p->weights;
	for (b = 0; b < p->n; b++) {
		total += pt_tally_key_len(pt_profile_key(p, b));
	}
	cap = total + k + 256;
	if (cap > UINT32_MAX) {
		return 0;
	}
	start = pt_alloc(p->alloc, (p->cap + 1) * sizeof(*start));
	items = pt_alloc(p->alloc, cap * sizeof(*items));
	if (!w && (w = pt_alloc(p->alloc, p->cap * sizeof(*w)))) {
		for (b = 0; b < p->n; b++) {
			w[b] = 1;
		}
	}
	if (!start || !items || !w) {
		pt_free(p->alloc, start);
		pt_free(p->alloc, items);
		if (w != p->weights) {
			pt_free(p->alloc, w);
		}
		return 0;
	}
	start[0] = 0;
	for (b = 0; b < p->n; b++) {
		uint64_t key = pt_profile_key(p, b);

		for (i = 0, len = pt_tally_key_len(key); i < len; i++) {
			items[pos++] = pt_tally_key_cand(key, i);
		}
		start[b + 1] = (uint32_t)pos;
	}
	if (k) {
		memcpy(items + total, p->items + p->cur_start, k * sizeof(*items));
	}
	pt_free(p->alloc, p->items);
	pt_free(p->alloc, p->start);
	keys_free(p);
	p->items = items;
	p->items_cap = cap;
	p->start = start;
	p->weights = w;
	pt_free(p->alloc, p->masks);
	p->masks = NULL;
	p->masks_on = 0;
	p->cur_start = total;
	p->nitems = total + k;
	p->compact = 0;
	return 1;
}

pt_status pt_ballot_end(pt_profile *p, pt_error *err)
{
	size_t index = p->next_index++;

	if (!p->in_ballot) {
		return pt_error_set(err, PT_ERR_INTERNAL, "tally: no ballot begun");
	}
	p->in_ballot = 0;
	if (!p->bad) {
		validate(p);
	}
	if (p->bad) {
		if (!p->fixed) {
			drop_new_candidates(p, p->ncand_before);
		}
		p->nitems = p->cur_start;
		if (p->kind == PT_BALLOT_STANCE) {
			pt_free(p->alloc, p->stances[p->n].reason);
			pt_free(p->alloc, p->stances[p->n].voter);
			p->stances[p->n].reason = p->stances[p->n].voter = NULL;
		}
		if (!p->opts->count_invalid) {
			pt_status st = pt_error_set(err, PT_ERR_INVALID, "boleta %zu: %s", index, p->bad_msg);

			if (err) {
				err->index = (long)index;
			}
			return st;
		}
		p->spoiled_count++;
		if (p->cur_weight > 0 && p->cur_weight <= PT_TALLY_MAX_TOTAL_WEIGHT
			&& p->spoiled_weight <= INT64_MAX - p->cur_weight) {
			p->spoiled_weight += p->cur_weight;
		}
		if (p->spoiled && p->spoiled->u.c.count < 1000) {
			pt_value *e = pt_value_map(p->alloc);

			if (!e || pt_value_setc(e, "index", pt_value_int(p->alloc, (int64_t)index)) != PT_OK
				|| pt_value_setc(e, "reason", pt_value_cstr(p->alloc, p->bad_msg)) != PT_OK) {
				pt_value_free(e);
				return NOMEM(err);
			}
			if (pt_value_push(p->spoiled, e) != PT_OK) {
				return NOMEM(err);
			}
		}
		return PT_OK;
	}
	if (p->stream) {
		/* fold the ballot into the pairwise matrix and forget it */
		if (!stream_add(p)) {
			return NOMEM(err);
		}
		p->nitems = p->cur_start;
		p->total_weight += p->cur_weight;
		p->n++;
		return PT_OK;
	}
	if (p->compact) {
		uint64_t key;

		const uint32_t *e = p->items ? p->items + p->cur_start : NULL;
		uint32_t k = (uint32_t)(p->nitems - p->cur_start);

		if (compact_key(e, k, &key)) {
			if (!compact_store(p, key, p->cur_weight) || (p->masks_on && !masks_ready(p))) {
				return NOMEM(err);
			}
			if (p->masks_on) {
				firsts_fold(p->masks, p->mask_bits, e, k, p->cur_weight);
			}
			p->nitems = p->cur_start;
			p->total_weight += p->cur_weight;
			p->n++;
			return PT_OK;
		}
		if (!decompact(p)) {
			return NOMEM(err);
		}
	}
	p->weights[p->n] = p->cur_weight;
	p->total_weight += p->cur_weight;
	p->n++;
	p->start[p->n] = (uint32_t)p->nitems;
	return PT_OK;
}

static int is_blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

/*
 * The hot path for 'E>A>C>B' with one-byte ids among the first 64
 * candidates: no lookups beyond a byte table, duplicates caught with a
 * bit mask. Returns -1 when the ballot needs the general parser (other
 * ids, blanks, unknown or repeated candidates, bad syntax), nothing
 * changed.
 *
 * `mode` is a constant at each call: the compiler makes one loop of each.
 * FAST_ITEMS writes the entries at items + nitems for pt_ballot_end(),
 * ties included, and returns how many. The others store the ballot
 * themselves and return 1, and leave ties to the general parser (a
 * strict ballot is the common one, and the loop is then a few
 * instructions an entry): FAST_MASKS adds to the cells of the mask table
 * (the set at or above each entry), FAST_KEYS stores the compact key (so
 * only the first 15 candidates), FAST_SETS the key and irv's first-choice
 * sets (the set before each entry). The key is built backwards by a
 * constant shift and turned once at the end.
 */
enum { FAST_ITEMS, FAST_MASKS, FAST_KEYS, FAST_SETS };
/* one copy of the loop per mode: the mode's branches fold away */
#define FAST_INLINE static inline __attribute__((always_inline))

/* The k entries of a key built backwards (the first in the highest nibble), in order. */
static inline uint64_t key_turn(uint64_t back, uint32_t k)
{
	uint64_t x = __builtin_bswap64(back);

	x = ((x & 0x0f0f0f0f0f0f0f0full) << 4) | ((x >> 4) & 0x0f0f0f0f0f0f0f0full);
	return x >> (64 - 4 * k);   /* k >= 1 */
}

FAST_INLINE int ranking_fast(pt_profile *p, int64_t weight, const char *s, size_t len, int mode)
{
	uint64_t seen = 0, back = 0;
	uint32_t *out = NULL, cell[64], k = 0, tied = 0, bits = p->mask_bits, t;
	int32_t limit = mode == FAST_KEYS || mode == FAST_SETS ? (int32_t)PT_TALLY_KEY_CANDIDATES : 64;
	size_t i = 0;

	if (len == 0 || len > 127 || weight < 0 || weight > PT_TALLY_MAX_TOTAL_WEIGHT || p->in_ballot) {
		return -1;
	}
	if (mode == FAST_ITEMS) {
		/* room (the checks inline: this runs per ballot) */
		if ((!p->stream && p->n + 1 > p->cap && !grow_ballots(p, p->n + 1))
			|| (p->nitems + len / 2 + 1 > p->items_cap && !grow_items(p, p->nitems + len / 2 + 1))) {
			return -1;  /* the general path reports the allocation failure */
		}
		out = p->items + p->nitems;
	} else if (weight > PT_TALLY_MAX_TOTAL_WEIGHT - p->total_weight
		|| (mode != FAST_KEYS && (!p->masks || p->mask_bits < p->ncand))
		|| (mode != FAST_MASKS && p->n + 1 > p->cap && !grow_ballots(p, p->n + 1))) {
		return -1;  /* pt_ballot_end()'s refusal, a table to grow, an allocation failure */
	}
	for (;;) {
		int32_t c = p->byte_map[(unsigned char)s[i]];

		if (c < 0 || c >= limit || (seen >> c) & 1) {
			return -1;
		}
		if (mode == FAST_ITEMS) {
			out[k] = (uint32_t)c | tied;
		}
		if (mode == FAST_KEYS || mode == FAST_SETS) {
			back = (back << 4) | (uint64_t)(c + 1);   /* at most 15 entries: no overflow */
		}
		if (mode == FAST_SETS) {
			cell[k] = ((uint32_t)c << bits) | (uint32_t)seen;
		}
		seen |= (uint64_t)1 << c;
		if (mode == FAST_MASKS) {
			cell[k] = ((uint32_t)c << bits) | (uint32_t)seen;
		}
		k++;
		if (++i == len) {
			break;
		}
		if (mode == FAST_ITEMS ? s[i] != '>' && s[i] != '=' : s[i] != '>') {
			return -1;
		}
		if (mode == FAST_ITEMS) {
			tied = s[i] == '=' ? PT_RANK_TIED : 0;
		}
		if (++i == len) {
			return -1;
		}
	}
	if (mode == FAST_ITEMS) {
		return (int)k;
	}
	/* stored: what pt_ballot_end() does for a valid ranking */
	if (mode != FAST_MASKS && !compact_store(p, key_turn(back, k), weight)) {
		return -1;
	}
	for (t = 0; mode != FAST_KEYS && t < k; t++) {
		p->masks[cell[t]] += weight;
	}
	if (mode == FAST_MASKS) {
		p->nonblank_weight += weight;
	}
	p->total_weight += weight;
	p->n++;
	p->next_index++;
	return 1;
}

/* One ranking string through ranking_fast() of the profile's mode: 1 when it took the ballot
 * (*st says how it ended), 0 for the general parser. */
static int ranking_fast_add(pt_profile *p, int64_t weight, const char *s, size_t len, pt_status *st,
	pt_error *err)
{
	int k;

	*st = PT_OK;
	if (p->stream && p->masks_on) {
		return ranking_fast(p, weight, s, len, FAST_MASKS) > 0;
	}
	if (p->compact) {
		return (p->masks_on ? ranking_fast(p, weight, s, len, FAST_SETS)
			: ranking_fast(p, weight, s, len, FAST_KEYS)) > 0;
	}
	if ((k = ranking_fast(p, weight, s, len, FAST_ITEMS)) < 0) {
		return 0;
	}
	p->in_ballot = 1;
	p->bad = 0;
	p->cur_weight = weight;
	p->cur_start = p->nitems;
	p->ncand_before = p->ncand;
	p->nitems += (size_t)k;
	*st = pt_ballot_end(p, err);
	return 1;
}

pt_status pt_profile_add_ranking_str(pt_profile *p, int64_t weight, const char *s, size_t len,
	pt_error *err)
{
	size_t i = 0, tok, end;
	int tied = 0;
	pt_status st;

	if (ranking_fast_add(p, weight, s, len, &st, err)) {
		return st;
	}
	st = pt_ballot_begin(p, weight, err);

	if (st != PT_OK) {
		return st;
	}
	while (i < len && is_blank(s[i])) {
		i++;
	}
	if (i == len) {
		return pt_ballot_end(p, err);  /* a blank ballot */
	}
	for (;;) {
		tok = i;
		while (i < len && s[i] != '>' && s[i] != '=') {
			i++;
		}
		end = i;
		while (tok < end && is_blank(s[tok])) {
			tok++;
		}
		while (end > tok && is_blank(s[end - 1])) {
			end--;
		}
		if (end == tok) {
			pt_ballot_reject(p, "preferencia vacía en la posición %zu", tok + 1);
			break;
		}
		st = pt_ballot_item(p, s + tok, end - tok, tied, 0, err);
		if (st != PT_OK) {
			p->in_ballot = 0;
			return st;
		}
		if (i == len) {
			break;
		}
		tied = s[i] == '=';
		i++;
	}
	return pt_ballot_end(p, err);
}

/* ranking_fast()'s FAST_KEYS and FAST_SETS on candidate numbers: 1 when stored, -1 for the general path. */
static int cands_fast(pt_profile *p, int64_t weight, const uint32_t *cands, uint32_t k)
{
	uint64_t seen = 0, back = 0;
	uint32_t cell[PT_TALLY_KEY_CANDIDATES], bits = p->mask_bits, i;
	int sets = p->masks_on;

	if (!p->compact || p->stream || k == 0 || k > PT_TALLY_KEY_CANDIDATES || weight < 0
		|| weight > PT_TALLY_MAX_TOTAL_WEIGHT || p->in_ballot || weight > PT_TALLY_MAX_TOTAL_WEIGHT - p->total_weight
		|| (sets && (!p->masks || p->mask_bits < p->ncand)) || (p->n + 1 > p->cap && !grow_ballots(p, p->n + 1))) {
		return -1;
	}
	for (i = 0; i < k; i++) {
		uint32_t c = cands[i];

		if (c >= PT_TALLY_KEY_CANDIDATES || c >= p->ncand || (seen >> c) & 1) {
			return -1;
		}
		back = (back << 4) | (uint64_t)(c + 1);
		if (sets) {
			cell[i] = (c << bits) | (uint32_t)seen;
		}
		seen |= (uint64_t)1 << c;
	}
	if (!compact_store(p, key_turn(back, k), weight)) {
		return -1;
	}
	for (i = 0; sets && i < k; i++) {
		p->masks[cell[i]] += weight;
	}
	p->total_weight += weight;
	p->n++;
	p->next_index++;
	return 1;
}

pt_status pt_profile_add_ranking_cands(pt_profile *p, int64_t weight, const uint32_t *cands, uint32_t k,
	pt_error *err)
{
	pt_status st;
	uint32_t i;

	if (cands_fast(p, weight, cands, k) > 0) {
		return PT_OK;
	}
	if ((st = pt_ballot_begin(p, weight, err)) != PT_OK) {
		return st;
	}
	/* pt_ballot_item() of each candidate's own id, without the lookup */
	for (i = 0; i < k && !p->bad; i++) {
		uint32_t c = cands[i];

		if (c >= p->ncand) {
			p->in_ballot = 0;
			return pt_error_set(err, PT_ERR_INTERNAL, "tally: no candidate %u", c);
		}
		if (p->seen[c] == p->stamp) {
			pt_ballot_reject(p, "candidato repetido " ID_FMT, ID_ARG(p->id_lens[c], p->ids[c]));
			break;
		}
		p->seen[c] = p->stamp;
		if (!grow_items(p, p->nitems + 1)) {
			p->in_ballot = 0;
			return NOMEM(err);
		}
		p->items[p->nitems++] = c;
	}
	return pt_ballot_end(p, err);
}

int pt_stance_parse(const char *s, size_t len)
{
	static const struct { const char *name; pt_stance st; } names[] = {
		{ "agree", PT_STANCE_AGREE }, { "yes", PT_STANCE_AGREE },
		{ "abstain", PT_STANCE_ABSTAIN },
		{ "disagree", PT_STANCE_DISAGREE }, { "no", PT_STANCE_DISAGREE },
		{ "block", PT_STANCE_BLOCK }
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strlen(names[i].name) == len && memcmp(names[i].name, s, len) == 0) {
			return (int)names[i].st;
		}
	}
	return -1;
}

/* ---- value helpers ---------------------------------------------------- */

pt_value *v_id(const pt_profile *p, uint32_t c)
{
	return pt_value_string(p->alloc, p->ids[c], p->id_lens[c]);
}

pt_value *v_ids(const pt_profile *p, const uint32_t *cs, size_t n)
{
	pt_value *l = pt_value_list(p->alloc);
	size_t i;

	for (i = 0; l && i < n; i++) {
		if (pt_value_push(l, v_id(p, cs[i])) != PT_OK) {
			pt_value_free(l);
			return NULL;
		}
	}
	return l;
}

pt_value *v_cand_ints(const pt_profile *p, const int64_t *vals)
{
	pt_value *m = pt_value_map(p->alloc);
	uint32_t c;

	for (c = 0; m && c < p->ncand; c++) {
		if (pt_value_set(m, p->ids[c], p->id_lens[c], pt_value_int(p->alloc, vals[c])) != PT_OK) {
			pt_value_free(m);
			return NULL;
		}
	}
	return m;
}

int v_common(const pt_profile *p, pt_value *details)
{
	pt_value *sp;

	if (pt_value_setc(details, "ballots", pt_value_int(p->alloc, (int64_t)p->n)) != PT_OK
		|| pt_value_setc(details, "weight", pt_value_int(p->alloc, p->total_weight)) != PT_OK) {
		return 0;
	}
	if (!p->opts->count_invalid) {
		return 1;
	}
	sp = pt_value_map(p->alloc);
	if (!sp || pt_value_setc(sp, "count", pt_value_int(p->alloc, (int64_t)p->spoiled_count)) != PT_OK
		|| pt_value_setc(sp, "weight", pt_value_int(p->alloc, p->spoiled_weight)) != PT_OK) {
		pt_value_free(sp);
		return 0;
	}
	if (p->spoiled) {
		/* a copy, so that the profile can be counted again */
		pt_value *l = pt_value_list(p->alloc);
		size_t i;

		for (i = 0; l && i < p->spoiled->u.c.count; i++) {
			const pt_value *e = p->spoiled->u.c.items[i];
			pt_value *c = pt_value_map(p->alloc);

			if (!c || pt_value_setc(c, "index", pt_value_int(p->alloc, pt_value_get(e, "index")->u.i)) != PT_OK
				|| pt_value_setc(c, "reason", pt_value_string(p->alloc, pt_value_get(e, "reason")->u.s.s,
					pt_value_get(e, "reason")->u.s.len)) != PT_OK) {
				pt_value_free(c);
				pt_value_free(l);
				l = NULL;
				break;
			}
			if (pt_value_push(l, c) != PT_OK) {
				pt_value_free(l);
				l = NULL;
			}
		}
		if (pt_value_setc(sp, "ballots", l) != PT_OK) {
			pt_value_free(sp);
			return 0;
		}
	}
	return pt_value_setc(details, "spoiled", sp) == PT_OK;
}

static i128 gcd_i128(i128 a, i128 b)
{
	while (b) {
		i128 t = a % b;

		a = b;
		b = t;
	}
	return a;
}

pt_value *v_frac_of(const pt_allocator *a, int64_t num, int64_t den, int64_t x)
{
	i128 n = (i128)num * x, d = den, g = gcd_i128(n, d);

	if (g > 1) {
		n /= g;
		d /= g;
	}
	if (n > INT64_MAX || d > INT64_MAX) {
		d = 1000000;
		n = ((i128)num * x * d + den - 1) / den;
	}
	return pt_value_rational(a, (int64_t)n, (int64_t)d);
}

/* ---- sorting and tiers ------------------------------------------------ */

static void merge_sort(uint32_t *a, uint32_t *tmp, size_t n, rank_cmp cmp, void *ctx)
{
	size_t h, i, j, k;

	if (n < 2) {
		return;
	}
	if (n <= 8) {
		/* insertion sort: stable */
		for (i = 1; i < n; i++) {
			uint32_t x = a[i];

			for (j = i; j > 0 && cmp(a[j - 1], x, ctx) > 0; j--) {
				a[j] = a[j - 1];
			}
			a[j] = x;
		}
		return;
	}
	h = n / 2;
	merge_sort(a, tmp, h, cmp, ctx);
	merge_sort(a + h, tmp, n - h, cmp, ctx);
	memcpy(tmp, a, h * sizeof(*a));
	i = 0;
	j = h;
	k = 0;
	while (i < h && j < n) {
		a[k++] = cmp(a[j], tmp[i], ctx) < 0 ? a[j++] : tmp[i++];
	}
	while (i < h) {
		a[k++] = tmp[i++];
	}
}

int sort_cands(const pt_allocator *al, uint32_t *cands, size_t n, rank_cmp cmp, void *ctx)
{
	uint32_t *tmp = pt_alloc(al, (n ? n : 1) * sizeof(*tmp));

	if (!tmp) {
		return 0;
	}
	merge_sort(cands, tmp, n, cmp, ctx);
	pt_free(al, tmp);
	return 1;
}

int tiers_alloc(const pt_allocator *a, tiers *t, uint32_t n)
{
	t->n = n;
	t->order = pt_calloc(a, n ? n : 1, sizeof(uint32_t));
	t->tier = pt_calloc(a, n ? n : 1, sizeof(uint32_t));
	return t->order && t->tier;
}

void tiers_free(const pt_allocator *a, tiers *t)
{
	pt_free(a, t->order);
	pt_free(a, t->tier);
	t->order = t->tier = NULL;
}

int tiers_by_cmp(const pt_profile *p, tiers *t, rank_cmp cmp, void *ctx)
{
	uint32_t i;

	if (!tiers_alloc(p->alloc, t, p->ncand)) {
		return 0;
	}
	for (i = 0; i < p->ncand; i++) {
		t->order[i] = i;
	}
	if (!sort_cands(p->alloc, t->order, p->ncand, cmp, ctx)) {
		return 0;
	}
	for (i = 1; i < p->ncand; i++) {
		t->tier[i] = t->tier[i - 1] + (cmp(t->order[i - 1], t->order[i], ctx) != 0);
	}
	return 1;
}

static int cmp_keys(uint32_t a, uint32_t b, void *ctx)
{
	const int64_t *k = ctx;

	return k[a] > k[b] ? -1 : k[a] < k[b];
}

int tiers_by_keys(const pt_profile *p, tiers *t, const int64_t *keys)
{
	return tiers_by_cmp(p, t, cmp_keys, (void *)keys);
}

int tiers_to_result(const pt_profile *p, const tiers *t, pt_tally_result *r)
{
	uint32_t i = 0, j;

	while (i < t->n) {
		for (j = i; j < t->n && t->tier[j] == t->tier[i]; j++);
		if (pt_value_push(r->ranking, v_ids(p, t->order + i, j - i)) != PT_OK) {
			return 0;
		}
		i = j;
	}
	return 1;
}

/* ---- tie-breaking ----------------------------------------------------- */

void tb_init(tiebreak *t, const pt_profile *p, const pt_tally_options *o, pt_tally_result *r)
{
	t->p = p;
	t->o = o;
	t->r = r;
	t->rng = o->seed;
	t->ok = 1;
}

uint64_t tb_next(tiebreak *t)
{
	uint64_t z = (t->rng += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* Uniform in [0, n) without modulo bias (rejection sampling). */
static uint64_t tb_below(tiebreak *t, uint64_t n)
{
	uint64_t limit = UINT64_MAX - UINT64_MAX % n, x;

	do {
		x = tb_next(t);
	} while (x >= limit);
	return x % n;
}

static int cmp_index(uint32_t a, uint32_t b, void *ctx)
{
	(void)ctx;
	return a < b ? -1 : a > b;
}

static void tb_put(tiebreak *t, const char *stage, long round, const uint32_t *tied, size_t n,
	const char *key, const uint32_t *chosen, size_t nchosen, const char *rule)
{
	const pt_profile *p = t->p;
	pt_value *e;

	if (!t->ok) {
		return;
	}
	e = pt_value_map(p->alloc);
	if (!e || pt_value_setc(e, "stage", pt_value_cstr(p->alloc, stage)) != PT_OK
		|| (round >= 0 && pt_value_setc(e, "round", pt_value_int(p->alloc, round)) != PT_OK)
		|| pt_value_setc(e, "tied", v_ids(p, tied, n)) != PT_OK
		|| pt_value_setc(e, key, v_ids(p, chosen, nchosen)) != PT_OK
		|| pt_value_setc(e, "rule", pt_value_cstr(p->alloc, rule)) != PT_OK
		|| (!strcmp(rule, "lottery")
			&& pt_value_setc(e, "seed", pt_value_int(p->alloc, (int64_t)t->o->seed)) != PT_OK)) {
		pt_value_free(e);
		t->ok = 0;
		return;
	}
	if (pt_value_push(t->r->tie_breaks, e) != PT_OK) {
		t->ok = 0;
	}
}

void tb_order(tiebreak *t, uint32_t *cands, size_t n, const char *stage, long round)
{
	uint32_t tied[64], *copy = n <= 64 ? tied : pt_alloc(t->p->alloc, n * sizeof(uint32_t));
	size_t i;

	if (!copy) {
		t->ok = 0;
		return;
	}
	if (!sort_cands(t->p->alloc, cands, n, cmp_index, NULL)) {
		t->ok = 0;
	}
	memcpy(copy, cands, n * sizeof(uint32_t));
	if (t->o->has_seed) {
		for (i = n - 1; i > 0; i--) {
			size_t j = (size_t)tb_below(t, i + 1);
			uint32_t x = cands[i];

			cands[i] = cands[j];
			cands[j] = x;
		}
	}
	tb_put(t, stage, round, copy, n, "order", cands, n, t->o->has_seed ? "lottery" : "candidate order");
	if (copy != tied) {
		pt_free(t->p->alloc, copy);
	}
}

void tb_record(tiebreak *t, const char *stage, long round, const uint32_t *tied, size_t n,
	const uint32_t *chosen, size_t nchosen, const char *rule)
{
	tb_put(t, stage, round, tied, n, "chosen", chosen, nchosen, rule);
}

int winners_set(const pt_profile *p, pt_tally_result *r, const uint32_t *cands, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (pt_value_push(r->winners, v_id(p, cands[i])) != PT_OK) {
			return 0;
		}
	}
	return 1;
}

int winners_top_k(tiebreak *tb, const tiers *t, uint32_t k)
{
	uint32_t *w, lo, hi;
	int ok;

	if (k > t->n) {
		k = t->n;
	}
	if (k == 0) {
		return 1;
	}
	w = pt_alloc(tb->p->alloc, t->n * sizeof(*w));
	if (!w) {
		return 0;
	}
	memcpy(w, t->order, t->n * sizeof(*w));
	if (k < t->n && t->tier[k - 1] == t->tier[k]) {
		for (lo = k - 1; lo > 0 && t->tier[lo - 1] == t->tier[k]; lo--);
		for (hi = k; hi < t->n && t->tier[hi] == t->tier[k]; hi++);
		tb_order(tb, w + lo, hi - lo, "winners", -1);
	}
	ok = tb->ok && winners_set(tb->p, tb->r, w, k);
	pt_free(tb->p->alloc, w);
	return ok;
}

/* ---- pairwise --------------------------------------------------------- */

static int64_t *pairwise_build_stored(const pt_profile *p, int64_t *d);

int64_t pt_tally_nonblank_weight(const pt_profile *p)
{
	int64_t w = 0;
	size_t b;

	if (p->stream) {
		return p->nonblank_weight;
	}
	for (b = 0; b < p->n; b++) {
		if (p->start[b + 1] > p->start[b]) {
			w += p->weights[b];
		}
	}
	return w;
}

int64_t *pairwise_build(const pt_profile *p)
{
	uint32_t m = p->ncand;
	int64_t *d = pt_calloc(p->alloc, (size_t)m * m + 1, sizeof(int64_t));

	if (!d) {
		return NULL;
	}
	if (p->stream) {
		/* candidates given after the last ballot (or with none) are not in the matrix yet */
		pairwise_finish(d, m, p->pair, p->pair_cap, p->pair ? p->pair_cap : 0, p->ranked_w);
		if (p->masks) {
			masks_into(d, m, p->masks, p->mask_bits);
		}
		return d;
	}
	return pairwise_build_stored(p, d);
}

static int64_t *pairwise_build_stored(const pt_profile *p, int64_t *d)
{
	uint32_t m = p->ncand, *nts = pt_alloc(p->alloc, (m + 1) * sizeof(*nts));
	int64_t *acc = pt_calloc(p->alloc, (size_t)m * m + 1, sizeof(int64_t));
	int64_t *rw = pt_calloc(p->alloc, m + 1, sizeof(int64_t));
	size_t b;

	if (!nts || !acc || !rw) {
		pt_free(p->alloc, d);
		d = NULL;
		goto out;
	}
	for (b = 0; b < p->n; b++) {
		pairwise_fold(acc, m, rw, p->items ? p->items + p->start[b] : NULL, p->start[b + 1] - p->start[b],
			p->weights[b], nts);
	}
	pairwise_finish(d, m, acc, m, m, rw);
out:
	pt_free(p->alloc, nts);
	pt_free(p->alloc, acc);
	pt_free(p->alloc, rw);
	return d;
}

pt_value *v_matrix(const pt_profile *p, const int64_t *d)
{
	pt_value *mx = pt_value_map(p->alloc);
	uint32_t i, m = p->ncand;

	for (i = 0; mx && i < m; i++) {
		if (pt_value_set(mx, p->ids[i], p->id_lens[i], v_cand_ints(p, d + (size_t)i * m)) != PT_OK) {
			pt_value_free(mx);
			return NULL;
		}
	}
	return mx;
}

/* ---- strict preference sequences -------------------------------------- */

void seqs_free(const pt_allocator *a, seqs *s)
{
	if (!s->borrowed) {
		pt_free(a, s->weight);
	}
	pt_free(a, (void *)s->key);
	pt_free(a, s->start);
	pt_free(a, s->cand);
	memset(s, 0, sizeof(*s));
}

/* A compact profile's keys with their weights, sorted (LSD radix, a byte a pass, passes over
 * a byte every key shares skipped) and identical ones merged. O(ballots x 8). 0 on NOMEM. */
static int seqs_distinct_keys(const pt_profile *p, seqs *s)
{
	const pt_allocator *a = p->alloc;
	size_t n = p->n, i, g, (*count)[256] = pt_calloc(a, 8, sizeof(*count));
	uint64_t *k = pt_alloc(a, (n + 1) * sizeof(*k)), *k2 = pt_alloc(a, (n + 1) * sizeof(*k2)), *kt;
	int64_t *w = pt_alloc(a, (n + 1) * sizeof(*w)), *w2 = pt_alloc(a, (n + 1) * sizeof(*w2)), *wt;
	unsigned d;
	int ok = count && k && k2 && w && w2;

	if (ok) {
		pt_profile_keys_copy(p, k);
	}
	for (i = 0; ok && i < n; i++) {
		w[i] = p->weights ? p->weights[i] : 1;
		for (d = 0; d < 8; d++) {
			count[d][(k[i] >> (8 * d)) & 255]++;
		}
	}
	for (d = 0; ok && d < 8; d++) {
		size_t sum = 0, c;

		if (n == 0 || count[d][(k[0] >> (8 * d)) & 255] == n) {
			continue;  /* every key has this byte: the pass would change nothing */
		}
		for (i = 0; i < 256; i++) {
			c = count[d][i];
			count[d][i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++) {
			size_t at = count[d][(k[i] >> (8 * d)) & 255]++;

			k2[at] = k[i];
			w2[at] = w[i];
		}
		kt = k, k = k2, k2 = kt;
		wt = w, w = w2, w2 = wt;
	}
	for (i = 0, g = 0; ok && i < n; i++) {
		if (g && k[g - 1] == k[i]) {
			w[g - 1] += w[i];
			continue;
		}
		k[g] = k[i];
		w[g] = w[i];
		s->nprefs += pt_tally_key_len(k[i]);
		g++;
	}
	pt_free(a, count);
	pt_free(a, k2);
	pt_free(a, w2);
	if (!ok) {
		pt_free(a, k);
		pt_free(a, w);
		return 0;
	}
	s->n = g;
	s->key = k;
	s->weight = w;
	return 1;
}

static uint32_t seq_hash(const uint32_t *e, uint32_t k)
{
	uint64_t h = 0x9e3779b97f4a7c15ull ^ k;
	uint32_t i;

	for (i = 0; i < k; i++) {
		h = (h ^ PT_RANK_CAND(e[i])) * 0xff51afd7ed558ccdull;
	}
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ull;
	return (uint32_t)(h ^ (h >> 29));
}

int seqs_build(const pt_profile *p, seqs *s, int distinct)
{
	const pt_allocator *a = p->alloc;
	size_t cap = 16, b, used = 0;
	uint64_t *table;     /* (hash << 32) | (group + 1); 0 = empty */
	uint32_t mask;

	memset(s, 0, sizeof(*s));
	if (p->compact && distinct) {
		return seqs_distinct_keys(p, s);
	}
	if (p->compact) {
		/* the keys as one array (what irv's piles and a weighted stv read: the counts of
		 * strings read the profile itself); the weights borrowed */
		uint64_t *k = pt_alloc(a, (p->n + 1) * sizeof(*k));

		if (!k) {
			return 0;
		}
		pt_profile_keys_copy(p, k);
		s->n = p->n;
		s->key = k;
		s->weight = p->weights;
		s->borrowed = 1;  /* nprefs is left 0: only merged sequences count it */
		return 1;
	}
	while (cap < p->n * 2) {
		cap *= 2;
	}
	mask = (uint32_t)cap - 1;
	table = pt_calloc(a, cap, sizeof(uint64_t));
	s->weight = pt_alloc(a, (p->n + 1) * sizeof(int64_t));
	s->start = pt_alloc(a, (p->n + 2) * sizeof(uint32_t));
	s->cand = pt_alloc(a, (p->nitems + 1) * sizeof(uint32_t));
	if (!table || !s->weight || !s->start || !s->cand) {
		pt_free(a, table);
		seqs_free(a, s);
		return 0;
	}
	s->start[0] = 0;
	for (b = 0; b < p->n; b++) {
		const uint32_t *e = p->items ? p->items + p->start[b] : NULL;
		uint32_t k = p->start[b + 1] - p->start[b], L = 0, slot, i, h;

		/* read up to the first tie: an entry tied with the next is ambiguous */
		while (L < k && !(L + 1 < k && (e[L + 1] & PT_RANK_TIED))) {
			L++;
		}
		h = seq_hash(e, L);
		/* the full hash sits in the table, so a probe touches a stored
		 * sequence only when the hashes agree */
		for (slot = h & mask; table[slot]; slot = (slot + 1) & mask) {
			uint32_t g, gl;

			if ((uint32_t)(table[slot] >> 32) != h) {
				continue;
			}
			g = (uint32_t)table[slot] - 1;
			gl = s->start[g + 1] - s->start[g];
			if (gl == L) {
				for (i = 0; i < L && s->cand[s->start[g] + i] == PT_RANK_CAND(e[i]); i++);
				if (i == L) {
					break;
				}
			}
		}
		if (table[slot]) {
			s->weight[(uint32_t)table[slot] - 1] += p->weights[b];
			continue;
		}
		table[slot] = ((uint64_t)h << 32) | (uint32_t)(s->n + 1);
		s->weight[s->n] = p->weights[b];
		for (i = 0; i < L; i++) {
			s->cand[used++] = PT_RANK_CAND(e[i]);
		}
		s->n++;
		s->start[s->n] = (uint32_t)used;
	}
	s->nprefs = used;
	pt_free(a, table);
	return 1;
}
