/*
 * stv: single transferable vote. Options: seats (default 1), quota
 * (droop, default, or hare), transfer (wigm, default, or meek).
 *
 * Ballots are read up to their first tie (as in irv) and identical
 * sequences merged. The quota is computed on the ballots that have at
 * least one usable preference.
 *
 * wigm - weighted inclusive Gregory, as the Scottish Local Government
 *   Elections Order 2007 counts. Values are fixed-point integers in units
 *   of 1e-5 vote, the Scottish 5 decimal places, so the arithmetic is the
 *   rule itself, not an approximation of it:
 *   - droop quota = floor(valid / (seats + 1)) + 1; hare = valid / seats
 *     rounded up to 1e-5;
 *   - a candidate reaching the quota is elected; the largest surplus is
 *     transferred first; ALL of the candidate's papers move to their next
 *     continuing preference, each at value
 *         floor(surplus x paper value / candidate's total)   (to 1e-5,
 *     remainder ignored); what truncation loses is shown as `lost`;
 *   - with no surplus left, the candidate with fewest votes is excluded
 *     and its papers move at their current value;
 *   - when the continuing candidates just fill the remaining seats, they
 *     are all elected.
 *   Ties (equal surplus, fewest votes, election order) are broken by the
 *   earlier stages (the latest stage where they differ), then by lottery
 *   (seed) or candidate order, and recorded. O(stages x distinct ballots).
 *
 * meek - Meek's method. Keep factors and votes are fixed-point integers in
 *   units of 1e-9 (9 decimal places): each ballot gives each continuing
 *   or elected candidate, in order, floor(remaining x keep) and passes the
 *   rest on, so no ballot ever gives more than it has; keep factors are
 *   updated as ceil(keep x quota / votes) (rounded up, so an elected
 *   candidate never drops below the quota through rounding). The quota is
 *   recomputed on every iteration from the votes not exhausted:
 *   droop = floor((valid - exhausted) / (seats + 1)) + 1e-9, hare =
 *   (valid - exhausted) / seats. Iteration stops when the total surplus is
 *   below 1e-5 vote (or keep factors stop changing), and at the latest
 *   after PT_TALLY_MEEK_MAX_ITERATIONS iterations: with large electorates
 *   the 1e-9 keep factors cannot always bring the surplus under 1e-5 and
 *   may alternate between two roundings for ever. Each stage says whether
 *   it converged (`converged`); one that did not goes on with the keep
 *   factors of its last iteration. The whole count may visit at most
 *   PT_TALLY_MEEK_WORK ballot preferences (groups + preferences, summed
 *   over iterations); beyond that it is refused. Total weight is limited
 *   to 2^32 ballots so that 1e-9 products fit in 64 bits.
 *   O(iterations x distinct ballots x preferences).
 */
#include "core/tally/tally_internal.h"

#include <string.h>

#define WIGM_UNIT 100000
#define MEEK_UNIT 1000000000
#define MEEK_TOLERANCE 10000   /* 1e-5 vote, in 1e-9 units */

enum { HOPEFUL = 0, ELECTED, EXCLUDED };

struct piles;

typedef struct stv {
	const pt_profile *p;
	const pt_tally_options *o;
	pt_tally_result *r;
	tiebreak tb;
	seqs s;
	uint32_t m, seats, ne, nhope, *elected, *excluded, nexcl, *tied;
	uint8_t *status;
	int64_t *votes;              /* units */
	int64_t *hist;               /* stage x m */
	size_t stage;
	int64_t unit;
	pt_value *stages;
	struct piles *pl;            /* the papers by holder (WIGM over a compact profile), or NULL */
	int ok;
} stv;

static pt_value *v_units(stv *x, int64_t v)
{
	return pt_value_rational(x->p->alloc, v, x->unit);
}

static void snapshot(stv *x)
{
	memcpy(x->hist + x->stage * x->m, x->votes, x->m * sizeof(int64_t));
	x->stage++;
}

/* A stage record with the current votes of hopeful and elected candidates. */
static pt_value *stage_rec(stv *x, const char *action)
{
	const pt_profile *p = x->p;
	pt_value *e = pt_value_map(p->alloc), *vv = pt_value_map(p->alloc);
	uint32_t c;

	for (c = 0; vv && c < x->m; c++) {
		if (x->status[c] != EXCLUDED
			&& pt_value_set(vv, p->ids[c], p->id_lens[c], v_units(x, x->votes[c])) != PT_OK) {
			vv = NULL;
		}
	}
	if (!e || !vv || pt_value_setc(e, "stage", pt_value_int(p->alloc, (int64_t)x->stage + 1)) != PT_OK
		|| pt_value_setc(e, "action", pt_value_cstr(p->alloc, action)) != PT_OK
		|| pt_value_setc(e, "votes", vv) != PT_OK) {
		pt_value_free(e);
		x->ok = 0;
		return NULL;
	}
	return e;
}

static void stage_push(stv *x, pt_value *e)
{
	if (!e || pt_value_push(x->stages, e) != PT_OK) {
		x->ok = 0;
	}
}

static void set(stv *x, pt_value *e, const char *k, pt_value *v)
{
	if (!e || pt_value_setc(e, k, v) != PT_OK) {
		x->ok = 0;
	}
}

/* Elects every hopeful candidate with votes >= quota (or all hopefuls when
 * `all`), highest first. Returns the list of those elected now. */
static pt_value *elect_reaching(stv *x, int64_t quota, int all)
{
	uint32_t c, n = 0, i;
	pt_value *l = pt_value_list(x->p->alloc);

	for (c = 0; c < x->m; c++) {
		if (x->status[c] == HOPEFUL && (all || x->votes[c] >= quota)) {
			x->tied[n++] = c;
		}
	}
	/* order by votes (selection, ties by earlier stages / lottery) */
	while (n > 0 && x->ne < x->seats) {
		int64_t best = -1;
		uint32_t nb = 0, pick, *cand = x->tied + x->m;

		for (i = 0; i < n; i++) {
			if (x->votes[x->tied[i]] > best) {
				best = x->votes[x->tied[i]];
			}
		}
		for (i = 0; i < n; i++) {
			if (x->votes[x->tied[i]] == best) {
				cand[nb++] = x->tied[i];
			}
		}
		pick = nb == 1 ? cand[0] : pt_tally_pick_loser(&x->tb, cand, nb, x->hist, x->stage, x->m,
			"election order", (long)x->stage + 1, 1);
		x->status[pick] = ELECTED;
		x->elected[x->ne++] = pick;
		x->nhope--;
		if (!l || pt_value_push(l, v_id(x->p, pick)) != PT_OK) {
			x->ok = 0;
		}
		for (i = 0; i < n; i++) {
			if (x->tied[i] == pick) {
				x->tied[i] = x->tied[--n];
				break;
			}
		}
	}
	return l;
}

/* Among candidates with the given status, the one with the most (want_best)
 * or fewest votes, ties by earlier stages then lottery. */
static uint32_t pick(stv *x, int st, int want_best, const int64_t *key, const char *stage)
{
	uint32_t c, n = 0;
	int64_t b = want_best ? INT64_MIN : INT64_MAX;

	for (c = 0; c < x->m; c++) {
		if (x->status[c] == st && (want_best ? key[c] > b : key[c] < b)) {
			b = key[c];
		}
	}
	for (c = 0; c < x->m; c++) {
		if (x->status[c] == st && key[c] == b) {
			x->tied[n++] = c;
		}
	}
	if (n == 0) {
		return UINT32_MAX;
	}
	return n == 1 ? x->tied[0] : pt_tally_pick_loser(&x->tb, x->tied, n, x->hist, x->stage, x->m,
		stage, (long)x->stage + 1, want_best);
}

/* ---- WIGM ------------------------------------------------------------- */

/*
 * The papers by holder, for a compact profile whose ballots all weigh 1 (Tally::count()'s
 * strings): pile c holds, for each paper c holds, the rest of its key after c, in chunks that
 * each carry one value (papers arrive in runs of one value: first preferences at 1, each
 * transfer at the few values it cuts), so a paper is 8 bytes. A transfer reads the whole pile
 * in order and appends each paper to its next holder's pile: a stage touches only the papers it
 * moves, in sequence, with no per-paper position, holder or value arrays. The sums are the
 * ones the groups give (every count is a sum over papers, and a paper's value is a function
 * of its own path), so the count is the same.
 */
/* The chunk type is the profile's (tally.h): a bucketed profile's buckets are the first piles,
 * read in place. */
typedef pt_key_chunk pile_chunk;
#define PILE_CHUNK PT_TALLY_PILE_CHUNK

typedef struct piles {
	pile_chunk **head, **tail;
	const pile_chunk *lent[PT_TALLY_KEY_CANDIDATES];   /* the profile's buckets, not yet moved */
	size_t first[PT_TALLY_KEY_CANDIDATES];   /* first preferences (the votes wigm() starts from) */
} piles;

/* A paper of value val onto pile c. */
static inline int pile_push(const pt_allocator *a, piles *pl, uint32_t c, uint64_t rest, int64_t val)
{
	return key_chunk_push(a, &pl->head[c], &pl->tail[c], rest, val);
}

/* First preferences into the piles (a bucketed profile's buckets lent as they are); *valid,
 * the papers. 0 on NOMEM. */
static int piles_init(stv *x, piles *pl, int64_t *valid)
{
	const pt_profile *p = x->p;
	size_t b;
	uint32_t c;

	pl->head = pt_calloc(p->alloc, x->m + 1, sizeof(pile_chunk *));
	pl->tail = pt_calloc(p->alloc, x->m + 1, sizeof(pile_chunk *));
	if (!pl->head || !pl->tail) {
		return 0;
	}
	for (b = 0; !p->bucketed && b < p->n; b++) {
		uint64_t key = pt_profile_key(p, b);

		/* a blank paper is not a valid vote (see wigm()) */
		if (key) {
			c = (uint32_t)(key & 15) - 1;
			if (!pile_push(p->alloc, pl, c, key >> 4, WIGM_UNIT)) {
				return 0;
			}
			pl->first[c]++;
		}
	}
	for (c = 0; c < PT_TALLY_KEY_CANDIDATES; c++) {
		if (p->bucketed) {
			pl->lent[c] = p->bucket[c];
			pl->first[c] = p->bucket_n[c];
		}
		*valid += (int64_t)pl->first[c];
	}
	return 1;
}

/* The papers of one chunk (all of value val) to their next hopeful preferences, at v (val
 * cut for a surplus). next: two entries of a rest at a time, which one is the next hopeful
 * preference (0, 1), both passed (2), or none left (3): a paper's next holder takes a lookup
 * or two instead of a branch per candidate passed. 0 on NOMEM. */
static int move_chunk(stv *x, piles *pl, const pile_chunk *ch, int64_t v, const uint8_t next[256],
	int64_t *moved, int64_t *exhausted)
{
	size_t i, out = 0, got[PT_TALLY_KEY_CANDIDATES] = { 0 };   /* papers each candidate got */
	uint32_t c;
	int ok = 1;

	for (i = 0; ok && i < ch->n; i++) {
		uint64_t rest = ch->rest[i];

		for (;;) {
			uint32_t two = (uint32_t)(rest & 255), r = next[two];

			if (r < 2) {
				c = ((two >> (4 * r)) & 15) - 1;   /* a key's candidates are below 15 */
				rest >>= 4 * (r + 1);
				break;
			}
			if (r == 3) {
				c = UINT32_MAX;
				break;
			}
			rest >>= 8;
		}
		if (c != UINT32_MAX) {
			ok = pile_push(x->p->alloc, pl, c, rest, v);
			got[c]++;
		} else {
			out++;
		}
	}
	for (c = 0; c < PT_TALLY_KEY_CANDIDATES && c < x->m; c++) {
		x->votes[c] += v * (int64_t)got[c];
	}
	*moved += v * (int64_t)ch->n;
	*exhausted += v * (int64_t)out;
	return ok;
}

/* Every paper `from` holds to its next hopeful preference (its value first cut to sur / tot
 * of it for a surplus): the chunks lent by the profile (papers at 1), then the pile's own,
 * freed. The pile is emptied. 0 on NOMEM. */
static int piles_move(stv *x, piles *pl, uint32_t from, int is_surplus, int64_t sur, int64_t tot,
	int64_t *moved, int64_t *exhausted)
{
	const pile_chunk *lent = from < PT_TALLY_KEY_CANDIDATES ? pl->lent[from] : NULL;
	pile_chunk *ch = pl->head[from], *nx;
	uint8_t next[256];
	uint32_t b;
	int ok = 1;

	for (b = 0; b < 256; b++) {
		uint32_t lo = b & 15, hi = b >> 4;
		/* (entries past the candidates never occur in a key) */
		int lo_in = lo && lo <= x->m && x->status[lo - 1] == HOPEFUL;
		int hi_in = hi && hi <= x->m && x->status[hi - 1] == HOPEFUL;

		next[b] = !lo ? 3 : lo_in ? 0 : !hi ? 3 : hi_in ? 1 : 2;
	}
	if (from < PT_TALLY_KEY_CANDIDATES) {
		pl->lent[from] = NULL;
	}
	pl->head[from] = pl->tail[from] = NULL;
	for (; ok && lent; lent = lent->next) {
		/* Scottish rule 48: to 5 decimal places, remainder ignored */
		ok = move_chunk(x, pl, lent, is_surplus ? (int64_t)(((i128)sur * WIGM_UNIT) / tot) : WIGM_UNIT, next,
			moved, exhausted);
	}
	for (; ch; ch = nx) {
		if (ok) {
			ok = move_chunk(x, pl, ch, is_surplus ? (int64_t)(((i128)sur * ch->val) / tot) : ch->val, next,
				moved, exhausted);
		}
		nx = ch->next;
		pt_free(x->p->alloc, ch);
	}
	return ok;
}

static void piles_free(const pt_allocator *a, piles *pl, uint32_t m)
{
	pile_chunk *ch, *nx;
	uint32_t c;

	for (c = 0; pl->head && c < m; c++) {
		for (ch = pl->head[c]; ch; ch = nx) {
			nx = ch->next;
			pt_free(a, ch);
		}
	}
	pt_free(a, pl->head);
	pt_free(a, pl->tail);
}

static void wigm(stv *x, int64_t valid)
{
	const pt_allocator *a = x->p->alloc;
	seqs *s = &x->s;
	uint32_t *pos = pt_calloc(a, s->n + 1, sizeof(uint32_t)), *holder = pt_alloc(a, (s->n + 1) * sizeof(uint32_t));
	int64_t *val = pt_alloc(a, (s->n + 1) * sizeof(int64_t)), *surplus = pt_calloc(a, x->m + 1, sizeof(int64_t));
	uint8_t *done = pt_calloc(a, x->m + 1, 1);
	int64_t quota, exhausted = 0, lost = 0;
	size_t g;

	if (!pos || !holder || !val || !surplus || !done) {
		x->ok = 0;
		goto out;
	}
	quota = x->o->quota == PT_QUOTA_HARE
		? (valid * WIGM_UNIT + x->seats - 1) / x->seats
		: (valid / (x->seats + 1) + 1) * WIGM_UNIT;
	set(x, x->r->details, "quota", v_units(x, quota));
	for (g = 0; x->pl && g < PT_TALLY_KEY_CANDIDATES && g < x->m; g++) {
		x->votes[g] += (int64_t)x->pl->first[g] * WIGM_UNIT;
	}
	for (g = 0; g < s->n; g++) {
		uint32_t len = seq_len(s, g);

		val[g] = WIGM_UNIT;
		holder[g] = len ? seq_cand(s, g, 0) : UINT32_MAX;
		/* a blank paper is not a valid vote: it is neither counted nor
		 * non-transferable (it is outside `valid` and the quota) */
		if (len) {
			x->votes[holder[g]] += seq_weight(s, g) * WIGM_UNIT;
		}
	}
	{
		pt_value *e = stage_rec(x, "first preferences");

		set(x, e, "exhausted", v_units(x, exhausted));
		set(x, e, "elected", elect_reaching(x, quota, 0));
		stage_push(x, e);
		snapshot(x);
	}
	while (x->ok && x->ne < x->seats) {
		uint32_t c, from;
		int64_t sur = 0, tot = 0, moved = 0;
		pt_value *e;
		int is_surplus;

		if (x->nhope + x->ne <= x->seats) {
			e = stage_rec(x, "remaining elected");
			set(x, e, "elected", elect_reaching(x, quota, 1));
			stage_push(x, e);
			snapshot(x);
			break;
		}
		for (c = 0; c < x->m; c++) {
			surplus[c] = x->status[c] == ELECTED && !done[c] && x->votes[c] > quota ? x->votes[c] - quota : 0;
		}
		from = UINT32_MAX;
		for (c = 0; c < x->m; c++) {
			if (surplus[c] > 0) {
				from = c;
			}
		}
		is_surplus = from != UINT32_MAX;
		if (is_surplus) {
			/* the largest surplus first (zero surpluses cannot tie with it) */
			from = pick(x, ELECTED, 1, surplus, "surplus order");
			sur = surplus[from];
			tot = x->votes[from];
			done[from] = 1;
		} else {
			from = pick(x, HOPEFUL, 0, x->votes, "exclusion");
			x->status[from] = EXCLUDED;
			x->excluded[x->nexcl++] = from;
			x->nhope--;
		}
		if (x->pl && !piles_move(x, x->pl, from, is_surplus, sur, tot, &moved, &exhausted)) {
			x->ok = 0;
			break;
		}
		for (g = 0; g < s->n; g++) {
			uint32_t len;
			int64_t w;

			if (holder[g] != from) {
				continue;
			}
			len = seq_len(s, g);
			w = seq_weight(s, g);
			if (is_surplus) {
				/* Scottish rule 48: to 5 decimal places, remainder ignored */
				val[g] = (int64_t)(((i128)sur * val[g]) / tot);
			}
			do {
				pos[g]++;
			} while (pos[g] < len && x->status[seq_cand(s, g, pos[g])] != HOPEFUL);
			if (pos[g] < len) {
				holder[g] = seq_cand(s, g, pos[g]);
				x->votes[holder[g]] += w * val[g];
			} else {
				holder[g] = UINT32_MAX;
				exhausted += w * val[g];
			}
			moved += w * val[g];
		}
		if (is_surplus) {
			/* the candidate keeps exactly the quota; truncation loses the rest */
			lost += sur - moved;
			x->votes[from] = quota;
			e = stage_rec(x, "surplus");
			set(x, e, "candidate", v_id(x->p, from));
			set(x, e, "surplus", v_units(x, sur));
			set(x, e, "transfer_value", pt_value_rational(x->p->alloc, sur, tot));
		} else {
			x->votes[from] = 0;
			e = stage_rec(x, "exclusion");
			set(x, e, "candidate", v_id(x->p, from));
		}
		set(x, e, "transferred", v_units(x, moved));
		set(x, e, "exhausted", v_units(x, exhausted));
		set(x, e, "lost", v_units(x, lost));
		set(x, e, "elected", elect_reaching(x, quota, 0));
		stage_push(x, e);
		snapshot(x);
	}
out:
	pt_free(a, pos);
	pt_free(a, holder);
	pt_free(a, val);
	pt_free(a, surplus);
	pt_free(a, done);
}

/* ---- Meek ------------------------------------------------------------- */

static void meek(stv *x, int64_t valid)
{
	const pt_allocator *a = x->p->alloc;
	seqs *s = &x->s;
	int64_t *keep = pt_alloc(a, (x->m + 1) * sizeof(int64_t));
	uint64_t per_iter, work = 0, budget;
	uint32_t c;
	size_t g;

	if (!keep) {
		x->ok = 0;
		return;
	}
	if (valid > ((int64_t)1 << 32)) {
		pt_free(a, keep);
		x->ok = -1;
		return;
	}
	/* what one iteration visits at most: every group and preference */
	per_iter = (uint64_t)s->n + s->nprefs;
	budget = x->o->work_limit && x->o->work_limit < PT_TALLY_MEEK_WORK ? x->o->work_limit : PT_TALLY_MEEK_WORK;
	for (c = 0; c < x->m; c++) {
		keep[c] = MEEK_UNIT;
	}
	while (x->ok > 0) {
		int64_t quota = 0, excess = 0, total_surplus;
		uint32_t iter = 0;
		int converged = 1;
		pt_value *newly = pt_value_list(a), *e, *kv;

		if (!newly) {
			x->ok = 0;
			break;
		}
		for (;;) {
			int changed = 0;
			pt_value *now;

			if (per_iter > budget - work) {
				x->ok = -2;  /* refused: beyond the work budget */
				break;
			}
			work += per_iter;
			memset(x->votes, 0, x->m * sizeof(int64_t));
			excess = 0;
			for (g = 0; g < s->n; g++) {
				uint32_t len = seq_len(s, g), i;
				int64_t rem = MEEK_UNIT, w = seq_weight(s, g);

				if (len == 0) {
					/* a blank ballot is outside `valid`: counting it as
					 * excess too would take it off the quota twice */
					continue;
				}
				for (i = 0; i < len && rem > 0; i++) {
					uint32_t ci = seq_cand(s, g, i);
					int64_t k = keep[ci], give;

					if (k == 0) {
						continue;
					}
					/* rem, k <= 1e9: the product fits 64 bits, and a constant
					 * divisor is a multiplication */
					give = k == MEEK_UNIT ? rem : (int64_t)(((uint64_t)rem * (uint64_t)k) / MEEK_UNIT);
					x->votes[ci] += w * give;
					rem -= give;
				}
				excess += w * rem;
			}
			quota = x->o->quota == PT_QUOTA_HARE
				? (valid * MEEK_UNIT - excess + x->seats - 1) / x->seats
				: (valid * MEEK_UNIT - excess) / (x->seats + 1) + 1;
			iter++;
			now = elect_reaching(x, quota, 0);
			if (now) {
				size_t i;

				for (i = 0; i < now->u.c.count; i++) {
					pt_value *id = now->u.c.items[i];

					if (pt_value_push(newly, pt_value_string(a, id->u.s.s, id->u.s.len)) != PT_OK) {
						x->ok = 0;
					}
				}
				if (now->u.c.count) {
					changed = 1;
				}
				pt_value_free(now);
			} else {
				x->ok = 0;
			}
			if (x->ne >= x->seats || x->ok <= 0) {
				break;
			}
			total_surplus = 0;
			for (c = 0; c < x->m; c++) {
				if (x->status[c] == ELECTED && x->votes[c] > quota) {
					total_surplus += x->votes[c] - quota;
				}
			}
			if (!changed && total_surplus < MEEK_TOLERANCE) {
				break;
			}
			for (c = 0; c < x->m; c++) {
				if (x->status[c] == ELECTED && x->votes[c] > 0) {
					/* rounded up: never below the quota through rounding */
					int64_t nk = (int64_t)(((i128)keep[c] * quota + x->votes[c] - 1) / x->votes[c]);

					if (nk > MEEK_UNIT) {
						nk = MEEK_UNIT;
					}
					if (nk != keep[c]) {
						keep[c] = nk;
						changed = 1;
					}
				}
			}
			if (!changed) {
				break;
			}
			if (iter >= PT_TALLY_MEEK_MAX_ITERATIONS) {
				converged = 0;  /* said in the stage; the count goes on */
				break;
			}
		}
		if (x->ok <= 0) {
			pt_value_free(newly);
			break;
		}
		if (x->ne < x->seats && x->nhope + x->ne <= x->seats) {
			pt_value *rest = elect_reaching(x, 0, 1);
			size_t i;

			for (i = 0; rest && i < rest->u.c.count; i++) {
				pt_value *id = rest->u.c.items[i];

				if (pt_value_push(newly, pt_value_string(a, id->u.s.s, id->u.s.len)) != PT_OK) {
					x->ok = 0;
				}
			}
			pt_value_free(rest);
		}
		e = stage_rec(x, x->ne >= x->seats ? "final" : "exclusion");
		kv = pt_value_map(a);
		for (c = 0; kv && c < x->m; c++) {
			if (x->status[c] != EXCLUDED
				&& pt_value_set(kv, x->p->ids[c], x->p->id_lens[c], v_units(x, keep[c])) != PT_OK) {
				kv = NULL;
			}
		}
		set(x, e, "keep_factors", kv);
		set(x, e, "quota", v_units(x, quota));
		set(x, e, "exhausted", v_units(x, excess));
		set(x, e, "iterations", pt_value_int(a, iter));
		set(x, e, "converged", pt_value_bool(a, converged));
		set(x, e, "elected", newly);
		if (x->ne >= x->seats) {
			stage_push(x, e);
			break;
		}
		c = pick(x, HOPEFUL, 0, x->votes, "exclusion");
		if (c == UINT32_MAX) {
			stage_push(x, e);
			break;
		}
		set(x, e, "candidate", v_id(x->p, c));
		stage_push(x, e);
		snapshot(x);
		x->status[c] = EXCLUDED;
		x->excluded[x->nexcl++] = c;
		x->nhope--;
		keep[c] = 0;
	}
	pt_free(a, keep);
}

pt_status pt_tally_stv(const pt_profile *p, const pt_tally_options *o,
	pt_tally_result *r, pt_error *err)
{
	const pt_allocator *a = p->alloc;
	stv x;
	int64_t valid = 0;
	uint32_t i, c;
	size_t g;
	pt_status st = PT_OK;
	/* WIGM over piles of papers (above) when the profile's keys are every paper */
	int by_piles = p->compact && !p->weights && o->transfer != PT_TRANSFER_MEEK;
	piles pl = { NULL, NULL, { 0 } };

	memset(&x, 0, sizeof(x));
	x.p = p;
	x.o = o;
	x.r = r;
	x.m = p->ncand;
	x.seats = o->seats ? o->seats : 1;
	x.unit = o->transfer == PT_TRANSFER_MEEK ? MEEK_UNIT : WIGM_UNIT;
	x.ok = 1;
	x.nhope = x.m;
	tb_init(&x.tb, p, o, r);
	x.stages = pt_value_list(a);
	x.elected = pt_alloc(a, (x.m + 1) * sizeof(uint32_t));
	x.excluded = pt_alloc(a, (x.m + 1) * sizeof(uint32_t));
	x.tied = pt_alloc(a, (2 * (size_t)x.m + 2) * sizeof(uint32_t));
	x.status = pt_calloc(a, x.m + 1, 1);
	x.votes = pt_calloc(a, x.m + 1, sizeof(int64_t));
	x.hist = pt_calloc(a, (3 * (size_t)x.m + 4) * (x.m + 1), sizeof(int64_t));
	if (!x.stages || !x.elected || !x.excluded || !x.tied || !x.status || !x.votes || !x.hist
		|| (!by_piles && !seqs_build(p, &x.s, o->transfer == PT_TRANSFER_MEEK))
		|| (by_piles && !piles_init(&x, &pl, &valid))) {
		x.ok = 0;
		goto done;
	}
	x.pl = by_piles ? &pl : NULL;
	for (g = 0; g < x.s.n; g++) {
		if (seq_len(&x.s, g)) {
			valid += seq_weight(&x.s, g);
		}
	}
	set(&x, r->details, "seats", pt_value_int(a, x.seats));
	set(&x, r->details, "valid", pt_value_int(a, valid));
	set(&x, r->details, "transfer", pt_value_cstr(a, o->transfer == PT_TRANSFER_MEEK ? "meek" : "wigm"));
	set(&x, r->details, "quota_rule", pt_value_cstr(a, o->quota == PT_QUOTA_HARE ? "hare" : "droop"));
	if (x.seats >= x.m) {
		/* nothing to count: every candidate is elected */
		pt_value *e = stage_rec(&x, "remaining elected");

		set(&x, e, "elected", elect_reaching(&x, 0, 1));
		stage_push(&x, e);
	} else if (o->transfer == PT_TRANSFER_MEEK) {
		meek(&x, valid);
	} else {
		wigm(&x, valid);
	}
	if (x.ok == -1) {
		st = pt_error_set(err, PT_ERR_INVALID, "stv: meek cuenta a lo más 2^32 boletas");
		goto done;
	}
	if (x.ok == -2) {
		st = pt_error_set(err, PT_ERR_INVALID,
			"stv: el conteo Meek excede su límite de trabajo (%llu preferencias visitadas); use transfer 'wigm'",
			(unsigned long long)PT_TALLY_MEEK_WORK);
		goto done;
	}
	if (x.ok && x.tb.ok) {
		/* ranking: elected in order, the remaining hopefuls by votes, then the
		 * excluded, last excluded first */
		uint32_t n = 0, *rest = x.tied;

		x.ok = winners_set(p, r, x.elected, x.ne);
		for (i = 0; x.ok && i < x.ne; i++) {
			x.ok = pt_value_push(r->ranking, v_ids(p, &x.elected[i], 1)) == PT_OK;
		}
		for (c = 0; c < x.m; c++) {
			if (x.status[c] == HOPEFUL) {
				rest[n++] = c;
			}
		}
		/* insertion sort by votes desc, stable */
		for (i = 1; i < n; i++) {
			uint32_t v = rest[i], j = i;

			while (j > 0 && x.votes[rest[j - 1]] < x.votes[v]) {
				rest[j] = rest[j - 1];
				j--;
			}
			rest[j] = v;
		}
		for (i = 0; x.ok && i < n;) {
			uint32_t j = i;

			while (j < n && x.votes[rest[j]] == x.votes[rest[i]]) {
				j++;
			}
			x.ok = pt_value_push(r->ranking, v_ids(p, rest + i, j - i)) == PT_OK;
			i = j;
		}
		for (i = x.nexcl; x.ok && i-- > 0;) {
			x.ok = pt_value_push(r->ranking, v_ids(p, &x.excluded[i], 1)) == PT_OK;
		}
		set(&x, r->details, "stages", x.stages);
		x.stages = NULL;
	}
	if (!x.ok || !x.tb.ok) {
		st = NOMEM(err);
	}
done:
	if (!x.ok && st == PT_OK) {
		st = NOMEM(err);
	}
	pt_value_free(x.stages);
	piles_free(a, &pl, x.m);
	seqs_free(a, &x.s);
	pt_free(a, x.elected);
	pt_free(a, x.excluded);
	pt_free(a, x.tied);
	pt_free(a, x.status);
	pt_free(a, x.votes);
	pt_free(a, x.hist);
	return st;
}
