/*
 * participa core: page tree of a discussion, scores, keyset cursors
 * (see comment_tree.h).
 */
#include "core/thread/comment_tree.h"
#include "core/common/digest.h"

#include <math.h>   /* isfinite, signbit: macros, no libm */
#include <string.h>

/* ---- sorts ------------------------------------------------------------------ */

static const char *const sort_names[PT_SORT_COUNT] = {
	"oldest", "newest", "top", "discussed", "controversial"
};

PT_NAMES_DEFINE(pt_sort, pt_sort, sort_names, PT_SORT_COUNT)

/* ---- scores ------------------------------------------------------------------ */

/*
 * The scores are stored in SQL at write time and recomputed in C for cursors
 * and page order, so they must be bit-for-bit reproducible across machines
 * and library upgrades: a libm whose pow() changed in the last ulp would make
 * a keyset cursor skip or repeat a comment. So the few functions needed are
 * written here with plain IEEE double arithmetic (deterministic on every
 * platform without x87 excess precision) instead of taken from libm; that
 * also keeps the extension free of a libm link dependency.
 */

/* Splits x > 0 into m * 2^e with m in [1, 2), through the bit pattern. */
static double split_pow2(double x, int *e)
{
	uint64_t bits;
	int ex;

	memcpy(&bits, &x, sizeof(bits));
	ex = (int)((bits >> 52) & 0x7FF);
	if (ex == 0) {
		/* subnormal: scale into the normal range first */
		double y = x * 18014398509481984.0; /* 2^54 */
		int e2;
		double m = split_pow2(y, &e2);

		*e = e2 - 54;
		return m;
	}
	*e = ex - 1023;
	bits = (bits & 0x000FFFFFFFFFFFFFull) | 0x3FF0000000000000ull;
	memcpy(&x, &bits, sizeof(x));
	return x;
}

/* 2^k for k in the normal exponent range. */
static double pow2i(int k)
{
	uint64_t bits = (uint64_t)(k + 1023) << 52;
	double d;

	memcpy(&d, &bits, sizeof(d));
	return d;
}

/* sqrt for x >= 0: a first guess from the exponent, then Newton steps
 * (quadratic: 6 steps from within 20% reach full double precision). */
static double det_sqrt(double x)
{
	double m, y;
	int e, i;

	if (x <= 0) {
		return 0.0;
	}
	m = split_pow2(x, &e);
	if (e & 1) {
		m *= 2;
		e--;
	}
	/* m in [1, 4): sqrt(m) in [1, 2) */
	y = 1.0 + (m - 1.0) / 3.0;
	for (i = 0; i < 6; i++) {
		y = 0.5 * (y + m / y);
	}
	return y * pow2i(e / 2);
}

static const double LN2 = 0.6931471805599453094172321;

/* Natural logarithm for x > 0: x = m·2^e, ln m = 2·atanh((m-1)/(m+1)). */
static double det_log(double x)
{
	int e, k;
	double m = split_pow2(x, &e), t, t2, term, sum;

	if (m > 1.4142135623730951) {
		m *= 0.5;
		e++;
	}
	t = (m - 1.0) / (m + 1.0);   /* |t| < 0.172 */
	t2 = t * t;
	term = t;
	sum = 0.0;
	for (k = 1; k < 40; k += 2) {
		sum += term / k;
		term *= t2;
	}
	return 2.0 * sum + e * LN2;
}

/* e^y for |y| < 700: y = k·ln2 + r with |r| <= ln2/2, Taylor on r. */
static double det_exp(double y)
{
	int k = (int)(y / LN2 + (y >= 0 ? 0.5 : -0.5)), n;
	double r = y - k * LN2, term = 1.0, sum = 1.0;

	for (n = 1; n < 24; n++) {
		term *= r / n;
		sum += term;
	}
	return sum * pow2i(k);
}

double pt_score_wilson(uint32_t up, uint32_t down)
{
	const double z = PT_WILSON_Z, z2 = z * z;
	double n = (double)up + (double)down, p, lb;

	if (up == 0) {
		/* Exactly 0; the formula leaves +-1e-17 of rounding, and a tiny
		 * positive score would rank a rejected comment above honest zeros. */
		return 0.0;
	}
	p = (double)up / n;
	lb = (p + z2 / (2 * n) - z * det_sqrt((p * (1 - p) + z2 / (4 * n)) / n)) / (1 + z2 / n);
	return lb > 0 ? lb : 0.0;
}

double pt_score_controversial(uint32_t up, uint32_t down)
{
	double hi, lo, b;

	if (up == 0 || down == 0) {
		return 0.0;
	}
	hi = up > down ? (double)up : (double)down;
	lo = up > down ? (double)down : (double)up;
	b = lo / hi;
	if (b == 1.0) {
		return (double)up + (double)down; /* exact for the even split */
	}
	return det_exp(b * det_log((double)up + (double)down));
}

double pt_comment_sort_key(const pt_comment_row *row, pt_sort sort)
{
	switch (sort) {
	case PT_SORT_TOP:
		return pt_score_wilson(row->up, row->down);
	case PT_SORT_DISCUSSED:
		return (double)row->replies;
	case PT_SORT_CONTROVERSIAL:
		return pt_score_controversial(row->up, row->down);
	default:
		return 0.0;
	}
}

static int cmp_i64(int64_t a, int64_t b)
{
	return a < b ? -1 : a > b;
}

int pt_comment_compare(const pt_comment_row *a, const pt_comment_row *b, pt_sort sort)
{
	int c;

	switch (sort) {
	case PT_SORT_OLDEST:
		c = cmp_i64(a->created_us, b->created_us);
		return c ? c : cmp_i64(a->id, b->id);
	case PT_SORT_NEWEST:
		c = cmp_i64(b->created_us, a->created_us);
		return c ? c : cmp_i64(b->id, a->id);
	default: {
		double ka = pt_comment_sort_key(a, sort), kb = pt_comment_sort_key(b, sort);

		if (ka != kb) {
			return ka > kb ? -1 : 1;
		}
		c = cmp_i64(b->created_us, a->created_us);
		return c ? c : cmp_i64(b->id, a->id);
	}
	}
}

/* ---- cursors ------------------------------------------------------------------ */

/*
 * Layout (48 bytes, 64 base64url characters, no padding bits): version (1),
 * sort (1), key as IEEE-754 bits (8), created_us (8), id (8), scope (8), all
 * big-endian, then the first 14 bytes of HMAC-SHA256(site key, those 34
 * bytes || the binding). Version 1 (47 characters, a CRC-8 and no binding)
 * is refused by its length.
 */
#define CURSOR_VERSION 2
#define CURSOR_BODY 34
#define CURSOR_MAC 14
#define CURSOR_RAW (CURSOR_BODY + CURSOR_MAC)
#define SHA256_BLOCK 64

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

static void put64(uint8_t *p, uint64_t v)
{
	int i;

	for (i = 7; i >= 0; i--) {
		p[i] = (uint8_t)v;
		v >>= 8;
	}
}

static uint64_t get64(const uint8_t *p)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++) {
		v = (v << 8) | p[i];
	}
	return v;
}

/* HMAC-SHA256 (RFC 2104) of body || bind under a key of PT_CURSOR_KEY_BYTES
 * (shorter than the block, so used as is), over digest.c's libcrypto SHA-256. */
static pt_status cursor_mac(const pt_cursor_seal *seal, const uint8_t body[CURSOR_BODY],
	uint8_t mac[PT_SHA256_BYTES], pt_error *err)
{
	uint8_t inner[SHA256_BLOCK + CURSOR_BODY + PT_CURSOR_BIND_MAX], outer[SHA256_BLOCK + PT_SHA256_BYTES];
	size_t i;
	pt_status s;

	if (!seal || !seal->key || seal->bind_len > PT_CURSOR_BIND_MAX || (seal->bind_len && !seal->bind)) {
		return pt_error_set(err, PT_ERR_INTERNAL, "cursor seal without a key or with a binding too long");
	}
	for (i = 0; i < SHA256_BLOCK; i++) {
		uint8_t k = i < PT_CURSOR_KEY_BYTES ? seal->key[i] : 0;

		inner[i] = k ^ 0x36;
		outer[i] = k ^ 0x5c;
	}
	memcpy(inner + SHA256_BLOCK, body, CURSOR_BODY);
	if (seal->bind_len) {
		memcpy(inner + SHA256_BLOCK + CURSOR_BODY, seal->bind, seal->bind_len);
	}
	s = pt_sha256_once(inner, SHA256_BLOCK + CURSOR_BODY + seal->bind_len, outer + SHA256_BLOCK, err);
	if (s == PT_OK) {
		s = pt_sha256_once(outer, sizeof(outer), mac, err);
	}
	return s;
}

static bool cursor_ok(const pt_cursor *c)
{
	return (unsigned)c->sort < PT_SORT_COUNT && isfinite(c->key) && c->created_us >= 0
		&& c->id >= 0 && c->scope >= 0 && (c->id != 0 || (c->key == 0 && c->created_us == 0));
}

pt_status pt_cursor_encode(const pt_cursor *c, const pt_cursor_seal *seal, char buf[PT_CURSOR_BUFSIZE],
	pt_error *err)
{
	uint8_t raw[CURSOR_RAW], mac[PT_SHA256_BYTES];
	double key = c->key == 0 ? 0.0 : c->key; /* -0.0 -> 0.0: one spelling per position */
	uint64_t bits;
	size_t i, o = 0;
	pt_status s;

	buf[0] = '\0';
	if (!cursor_ok(c)) {
		return pt_error_set(err, PT_ERR_INVALID, "cursor fields out of range");
	}
	memcpy(&bits, &key, sizeof(bits));
	raw[0] = CURSOR_VERSION;
	raw[1] = (uint8_t)c->sort;
	put64(raw + 2, bits);
	put64(raw + 10, (uint64_t)c->created_us);
	put64(raw + 18, (uint64_t)c->id);
	put64(raw + 26, (uint64_t)c->scope);
	s = cursor_mac(seal, raw, mac, err);
	if (s != PT_OK) {
		return s;
	}
	memcpy(raw + CURSOR_BODY, mac, CURSOR_MAC);
	for (i = 0; i < CURSOR_RAW; i += 3) {
		uint32_t v = (uint32_t)raw[i] << 16 | (uint32_t)raw[i + 1] << 8 | raw[i + 2];

		buf[o++] = b64[v >> 18 & 63];
		buf[o++] = b64[v >> 12 & 63];
		buf[o++] = b64[v >> 6 & 63];
		buf[o++] = b64[v & 63];
	}
	buf[o] = '\0';
	return PT_OK;
}

static int b64_value(unsigned char ch)
{
	if (ch >= 'A' && ch <= 'Z') {
		return ch - 'A';
	}
	if (ch >= 'a' && ch <= 'z') {
		return ch - 'a' + 26;
	}
	if (ch >= '0' && ch <= '9') {
		return ch - '0' + 52;
	}
	return ch == '-' ? 62 : ch == '_' ? 63 : -1;
}

/* Whole messages (no Spanish fragments spliced in), so each has its translation. */
#define CURSOR_BAD_LENGTH "El cursor de paginación no es válido: no tiene la longitud de un cursor."
#define CURSOR_BAD_CHAR "El cursor de paginación no es válido: contiene un carácter que no es de un cursor."
#define CURSOR_OLD_VERSION "El cursor de paginación no es válido: es de una versión que ya no se usa."
#define CURSOR_BAD_FIELDS "El cursor de paginación no es válido: sus campos están fuera de rango."

static pt_status refuse_cursor(pt_error *err, const char *msg)
{
	return pt_error_set(err, PT_ERR_INVALID, "%s", msg);
}

pt_status pt_cursor_decode(const char *s, size_t len, const pt_cursor_seal *seal, pt_cursor *out, pt_error *err)
{
	uint8_t raw[CURSOR_RAW], mac[PT_SHA256_BYTES], diff = 0;
	uint32_t acc = 0;
	int bits = 0;
	size_t i, o = 0;
	uint64_t kb;
	pt_cursor c;
	pt_status st;

	if (len != PT_CURSOR_LEN) {
		return refuse_cursor(err, CURSOR_BAD_LENGTH);
	}
	for (i = 0; i < len; i++) {
		int v = b64_value((unsigned char)s[i]);

		if (v < 0) {
			return refuse_cursor(err, CURSOR_BAD_CHAR);
		}
		acc = (acc << 6) | (uint32_t)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			raw[o++] = (uint8_t)(acc >> bits);
			acc &= (1u << bits) - 1;
		}
	}
	if (o != CURSOR_RAW || bits != 0) {
		return refuse_cursor(err, CURSOR_BAD_LENGTH);
	}
	if (raw[0] != CURSOR_VERSION) {
		return refuse_cursor(err, CURSOR_OLD_VERSION);
	}
	c.sort = (pt_sort)raw[1];
	kb = get64(raw + 2);
	memcpy(&c.key, &kb, sizeof(c.key));
	c.created_us = (int64_t)get64(raw + 10);
	c.id = (int64_t)get64(raw + 18);
	c.scope = (int64_t)get64(raw + 26);
	if (raw[1] >= PT_SORT_COUNT || !cursor_ok(&c) || (c.key == 0 && signbit(c.key))) {
		return refuse_cursor(err, CURSOR_BAD_FIELDS);
	}
	st = cursor_mac(seal, raw, mac, err);
	if (st != PT_OK) {
		return st;
	}
	/* constant time: how much of a forged MAC is right must not show */
	for (i = 0; i < CURSOR_MAC; i++) {
		diff |= (uint8_t)(mac[i] ^ raw[CURSOR_BODY + i]);
	}
	if (diff != 0) {
		return pt_error_set(err, PT_ERR_INVALID,
			"El cursor de paginación no es de esta lista o fue alterado; vuelve a la primera página.");
	}
	*out = c;
	return PT_OK;
}

/* ---- the page tree ---------------------------------------------------------------- */

typedef struct ctx {
	const pt_comment_row *rows;
	const int32_t *parent;      /* row -> parent row, -1 top level */
	pt_sort root_sort, reply_sort;
} ctx;

/* Page order: top-level rows (root_sort) before replies (reply_sort). Among
 * rows of the same kind this is a total order, so restricted to any sibling
 * group it is that group's order. */
static int page_cmp(const ctx *x, int32_t a, int32_t b)
{
	bool ca = x->parent[a] >= 0, cb = x->parent[b] >= 0;

	if (ca != cb) {
		return ca ? 1 : -1;
	}
	return pt_comment_compare(&x->rows[a], &x->rows[b], ca ? x->reply_sort : x->root_sort);
}

/* Bottom-up merge sort of idx[0..n) with tmp scratch. */
static void merge_sort(const ctx *x, int32_t *idx, int32_t *tmp, size_t n)
{
	size_t width, i;
	int32_t *src = idx, *dst = tmp;

	for (width = 1; width < n; width *= 2) {
		for (i = 0; i < n; i += 2 * width) {
			size_t mid = i + width < n ? i + width : n, hi = i + 2 * width < n ? i + 2 * width : n;
			size_t a = i, b = mid, k = i;

			while (a < mid && b < hi) {
				dst[k++] = page_cmp(x, src[b], src[a]) < 0 ? src[b++] : src[a++];
			}
			while (a < mid) {
				dst[k++] = src[a++];
			}
			while (b < hi) {
				dst[k++] = src[b++];
			}
		}
		{
			int32_t *t = src;

			src = dst;
			dst = t;
		}
	}
	if (src != idx) {
		memcpy(idx, src, n * sizeof(*idx));
	}
}

static size_t hash_id(int64_t id, size_t mask)
{
	return (size_t)(((uint64_t)id * 0x9E3779B97F4A7C15ull) >> 32) & mask;
}

void pt_comment_page_free(pt_comment_page *page, const pt_allocator *a)
{
	if (!page) {
		return;
	}
	pt_free(a, page->nodes);
	memset(page, 0, sizeof(*page));
}

static void cursor_after(pt_cursor *c, const pt_comment_row *row, pt_sort sort, int64_t scope)
{
	c->sort = sort;
	c->scope = scope;
	if (row) {
		c->key = pt_comment_sort_key(row, sort);
		c->created_us = row->created_us;
		c->id = row->id;
	} else {
		c->key = 0;
		c->created_us = 0;
		c->id = 0;
	}
}

/* parent[] of a row with no parent row: the top level, or left out */
#define TOP (-1)
#define ORPHAN (-2)

pt_status pt_comment_tree_build(const pt_comment_row *rows, size_t count,
	const pt_tree_options *opts, const pt_allocator *a, pt_comment_page *out, pt_error *err)
{
	int32_t *slots = NULL, *parent = NULL, *idx = NULL, *tmp = NULL, *first = NULL, *next = NULL;
	int32_t *node_of = NULL, *last_child = NULL, *present = NULL;
	pt_tree_node *nodes = NULL;
	size_t nslots = 1, i, emitted = 0, visited = 0, top_present = 0;
	int32_t top_first = -1, r, last_top = -1;
	pt_status st = PT_OK;
	ctx x;

	memset(out, 0, sizeof(*out));
	out->first_top = -1;
	if (count == 0) {
		return PT_OK;
	}
	if (count > (size_t)INT32_MAX / 4) {
		return pt_error_set(err, PT_ERR_INVALID, "too many rows for one page");
	}
	if ((unsigned)opts->root_sort >= PT_SORT_COUNT || (unsigned)opts->reply_sort >= PT_SORT_COUNT
		|| opts->scope < 0) {
		return pt_error_set(err, PT_ERR_INVALID, "invalid page options");
	}
	while (nslots < count * 2) {
		nslots *= 2;
	}
	slots = pt_alloc(a, nslots * sizeof(*slots));
	parent = pt_alloc(a, count * sizeof(*parent));
	idx = pt_alloc(a, count * sizeof(*idx));
	tmp = pt_alloc(a, count * sizeof(*tmp));
	first = pt_alloc(a, count * sizeof(*first));
	next = pt_alloc(a, count * sizeof(*next));
	node_of = pt_alloc(a, count * sizeof(*node_of));
	last_child = pt_alloc(a, count * sizeof(*last_child));
	present = pt_alloc(a, count * sizeof(*present));
	nodes = pt_alloc(a, count * sizeof(*nodes));
	if (!slots || !parent || !idx || !tmp || !first || !next || !node_of || !last_child
		|| !present || !nodes) {
		st = pt_error_set(err, PT_ERR_NOMEM, "out of memory building a comment page");
		goto done;
	}

	/* id -> row, refusing bad and duplicate ids. */
	memset(slots, 0xFF, nslots * sizeof(*slots));
	for (i = 0; i < count; i++) {
		size_t h;

		if (rows[i].id <= 0) {
			st = pt_error_set(err, PT_ERR_INVALID, "comment row %zu has id %lld (ids are positive)",
				i, (long long)rows[i].id);
			goto bad_row;
		}
		for (h = hash_id(rows[i].id, nslots - 1); slots[h] >= 0; h = (h + 1) & (nslots - 1)) {
			if (rows[slots[h]].id == rows[i].id) {
				st = pt_error_set(err, PT_ERR_INVALID, "comment id %lld appears twice (rows %d and %zu)",
					(long long)rows[i].id, slots[h], i);
				goto bad_row;
			}
		}
		slots[h] = (int32_t)i;
	}
	/* parent[i]: the parent's row; TOP when the parent is the scope (the
	 * top level of this page); ORPHAN when it is neither among the rows nor
	 * the scope: a reply whose parent the page left out (the store reads the
	 * first few replies of every node, also of nodes that are not shown).
	 * An orphan and everything under it is dropped, never promoted. */
	for (i = 0; i < count; i++) {
		size_t h;

		parent[i] = rows[i].parent_id == opts->scope ? TOP : ORPHAN;
		if (rows[i].parent_id == rows[i].id) {
			st = pt_error_set(err, PT_ERR_INVALID, "comment %lld is its own parent", (long long)rows[i].id);
			goto bad_row;
		}
		if (rows[i].parent_id <= 0) {
			continue;
		}
		for (h = hash_id(rows[i].parent_id, nslots - 1); slots[h] >= 0; h = (h + 1) & (nslots - 1)) {
			if (rows[slots[h]].id == rows[i].parent_id) {
				parent[i] = slots[h];
				break;
			}
		}
	}

	/* Order: skip the sort when the rows already come in page order. */
	x.rows = rows;
	x.parent = parent;
	x.root_sort = opts->root_sort;
	x.reply_sort = opts->reply_sort;
	{
		bool sorted = true;

		for (i = 0; i < count; i++) {
			idx[i] = (int32_t)i;
			if (i > 0 && sorted && page_cmp(&x, (int32_t)i - 1, (int32_t)i) > 0) {
				sorted = false;
			}
		}
		if (!sorted) {
			merge_sort(&x, idx, tmp, count);
		}
	}

	/* Child lists, built back to front so each comes out in order. */
	for (i = 0; i < count; i++) {
		first[i] = -1;
		present[i] = 0;
	}
	for (i = count; i-- > 0;) {
		int32_t v = idx[i], p = parent[v];

		if (p >= 0) {
			next[v] = first[p];
			first[p] = v;
			present[p]++;
		} else if (p == TOP) {
			next[v] = top_first;
			top_first = v;
			top_present++;
		}
	}

	/* Pre-order walk over the links with no stack: down to the first child,
	 * else to the next sibling, else up until an ancestor has one. A node is
	 * shown when its parent is shown and it is among the first
	 * page_replies children (root_limit at the top level); tmp[] counts the
	 * children met so far per row. */
	for (i = 0; i < count; i++) {
		tmp[i] = 0;
		node_of[i] = -1;
	}
	r = top_first;
	{
		uint32_t tops_seen = 0;

		while (r >= 0) {
			int32_t p = parent[r];
			bool shown;

			visited++;
			if (p < 0) {
				shown = !opts->root_limit || tops_seen < opts->root_limit;
				tops_seen++;
			} else {
				shown = node_of[p] >= 0 && (!opts->page_replies || (uint32_t)tmp[p] < opts->page_replies);
				tmp[p]++;
			}
			if (shown) {
				pt_tree_node *n = &nodes[emitted];

				n->row = (size_t)r;
				n->parent = p >= 0 ? node_of[p] : -1;
				n->first_child = -1;
				n->next_sibling = -1;
				n->level = p >= 0 ? nodes[node_of[p]].level + 1 : 0;
				n->shown = 0;
				n->more = 0;
				memset(&n->more_cursor, 0, sizeof(n->more_cursor));
				node_of[r] = (int32_t)emitted;
				last_child[r] = -1;
				if (p >= 0) {
					pt_tree_node *pn = &nodes[node_of[p]];

					if (last_child[p] < 0) {
						pn->first_child = (int32_t)emitted;
					} else {
						nodes[last_child[p]].next_sibling = (int32_t)emitted;
					}
					last_child[p] = (int32_t)emitted;
					pn->shown++;
				} else {
					if (last_top < 0) {
						out->first_top = (int32_t)emitted;
					} else {
						nodes[last_top].next_sibling = (int32_t)emitted;
					}
					last_top = (int32_t)emitted;
					out->top_count++;
				}
				emitted++;
			}
			if (first[r] >= 0) {
				r = first[r];
				continue;
			}
			while (r >= 0 && next[r] < 0) {
				r = parent[r];
			}
			if (r >= 0) {
				r = next[r];
			}
		}
	}
	if (visited != count) {
		/* Rows never reached are under an orphan, or hang off each other
		 * in a cycle: a chain of parents that does not end is the error. */
		for (i = 0; i < count; i++) {
			int32_t k = (int32_t)i, steps = 0;

			while (k >= 0 && steps <= (int32_t)count) {
				k = parent[k];
				steps++;
			}
			if (k >= 0) {
				st = pt_error_set(err, PT_ERR_INVALID, "comment rows form a parent cycle (row %zu)", i);
				goto bad_row;
			}
		}
	}

	/* "More replies" per node, and the next page of the top level. */
	for (i = 0; i < emitted; i++) {
		pt_tree_node *n = &nodes[i];
		const pt_comment_row *row = &rows[n->row];
		uint32_t total = row->replies > (uint32_t)present[n->row] ? row->replies : (uint32_t)present[n->row];

		if (total > n->shown) {
			const pt_comment_row *last = NULL;
			int32_t c;

			n->more = total - n->shown;
			for (c = n->first_child; c >= 0; c = nodes[c].next_sibling) {
				last = &rows[nodes[c].row];
			}
			cursor_after(&n->more_cursor, last, opts->reply_sort, row->id);
		}
	}
	if (opts->root_limit && top_present > opts->root_limit) {
		out->has_more = true;
		cursor_after(&out->next, &rows[nodes[last_top].row], opts->root_sort, opts->scope);
	}
	out->nodes = nodes;
	out->count = emitted;
	out->dropped = count - emitted;
	nodes = NULL;
	goto done;

bad_row:
	if (err) {
		err->index = (long)i;
	}
	out->first_top = -1;
	out->top_count = 0;
done:
	pt_free(a, slots);
	pt_free(a, parent);
	pt_free(a, idx);
	pt_free(a, tmp);
	pt_free(a, first);
	pt_free(a, next);
	pt_free(a, node_of);
	pt_free(a, last_child);
	pt_free(a, present);
	pt_free(a, nodes);
	return st;
}
