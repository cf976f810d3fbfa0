/*
 * libFuzzer target: the comment page builder and keyset cursors.
 *
 *   make -C tests/c /work/main/out/fuzz/fuzz_comment_tree
 *   out/fuzz/fuzz_comment_tree -max_total_time=60 fuzz/corpus/comment_tree
 *
 * Input: first byte selects the mode.
 *   0..191: options (next 4 bytes: sorts, root_limit, page_replies) and then
 *           8-byte rows (id, parent, created x2, up, down, replies, flags);
 *           small id ranges make duplicates, self-parents and cycles likely;
 *   192..223: the rest is decoded as a cursor under a fixed key and thread;
 *   224..255: the next 34 bytes are cursor fields (sort, key bits, created,
 *           id, scope) and the rest a binding of up to PT_CURSOR_BIND_MAX
 *           bytes.
 *
 * Invariants (abort on violation): a built page is a well-formed forest in
 * pre-order whose top level is the scope's children, that respects the
 * limits and orders every sibling list; every
 * cursor the builder hands out encodes and decodes to itself; a decoded
 * cursor re-encodes to exactly the input (one spelling per cursor); a
 * cursor never decodes under another binding or another key.
 */
#include "core/thread/comment_tree.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The seal of the corpus's cursors (fuzz/corpus/comment_tree/cursor-*). */
static const uint8_t fuzz_key[PT_CURSOR_KEY_BYTES] = {
	0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
	0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f
};
static const uint8_t fuzz_thread[9] = { 'T', 0, 0, 0, 0, 0, 0, 0, 7 };
static const pt_cursor_seal fuzz_seal = { fuzz_key, fuzz_thread, sizeof(fuzz_thread) };

static uint64_t get64(const uint8_t *p)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++) {
		v = (v << 8) | p[i];
	}
	return v;
}

/* A cursor made from raw fields under a raw binding: when it encodes, it
 * decodes to itself under that seal and under no other. */
static void cursor_binding(const uint8_t *d, size_t n)
{
	pt_cursor c, back;
	pt_cursor_seal seal = fuzz_seal, other;
	uint8_t bind[PT_CURSOR_BIND_MAX + 1], key2[PT_CURSOR_KEY_BYTES];
	char buf[PT_CURSOR_BUFSIZE];
	uint64_t kb;
	pt_error err;

	if (n < 34) {
		return;
	}
	c.sort = (pt_sort)(d[0] % (PT_SORT_COUNT + 1));
	kb = get64(d + 1);
	memcpy(&c.key, &kb, sizeof(c.key));
	c.created_us = (int64_t)get64(d + 9);
	c.id = (int64_t)get64(d + 17);
	c.scope = (int64_t)get64(d + 25);
	n -= 34;
	d += 34;
	if (n > PT_CURSOR_BIND_MAX) {
		n = PT_CURSOR_BIND_MAX;
	}
	memcpy(bind, d, n);
	seal.bind = n ? bind : NULL;
	seal.bind_len = n;
	if (pt_cursor_encode(&c, &seal, buf, &err) != PT_OK) {
		return;
	}
	if (strlen(buf) != PT_CURSOR_LEN || pt_cursor_decode(buf, PT_CURSOR_LEN, &seal, &back, &err) != PT_OK
		|| back.sort != c.sort || back.scope != c.scope || back.created_us != c.created_us || back.id != c.id) {
		abort();
	}
	/* one more byte, one byte less, one bit flipped, another key */
	other = seal;
	bind[n] = 0;
	other.bind = bind;
	other.bind_len = n + 1;
	if (n < PT_CURSOR_BIND_MAX && pt_cursor_decode(buf, PT_CURSOR_LEN, &other, &back, &err) == PT_OK) {
		abort();
	}
	if (n > 0) {
		other.bind_len = n - 1;
		if (pt_cursor_decode(buf, PT_CURSOR_LEN, &other, &back, &err) == PT_OK) {
			abort();
		}
		other.bind_len = n;
		bind[n - 1] ^= 0x20;
		if (pt_cursor_decode(buf, PT_CURSOR_LEN, &other, &back, &err) == PT_OK) {
			abort();
		}
		bind[n - 1] ^= 0x20;
	}
	memcpy(key2, fuzz_key, sizeof(key2));
	key2[(n ? d[0] : 0) % PT_CURSOR_KEY_BYTES] ^= 0x01;
	other = seal;
	other.key = key2;
	if (pt_cursor_decode(buf, PT_CURSOR_LEN, &other, &back, &err) == PT_OK) {
		abort();
	}
}

static void cursor_round_trip(const pt_cursor *c)
{
	char buf[PT_CURSOR_BUFSIZE];
	pt_cursor back;
	pt_error err;

	if (pt_cursor_encode(c, &fuzz_seal, buf, &err) != PT_OK || strlen(buf) != PT_CURSOR_LEN
		|| pt_cursor_decode(buf, PT_CURSOR_LEN, &fuzz_seal, &back, &err) != PT_OK) {
		abort();
	}
	if (back.sort != c->sort || back.scope != c->scope || back.created_us != c->created_us
		|| back.id != c->id || back.key != c->key) {
		abort();
	}
}

static void check_page(const pt_comment_row *rows, size_t count, const pt_tree_options *o,
	const pt_comment_page *p)
{
	size_t i, tops = 0;
	int32_t prev = -1;

	if (p->count + p->dropped != count || (p->count == 0) != (p->first_top < 0)) {
		abort();
	}
	for (i = 0; i < p->count; i++) {
		const pt_tree_node *n = &p->nodes[i];
		const pt_comment_row *r = &rows[n->row];
		uint32_t kids = 0;
		int32_t c;

		if (n->row >= count) {
			abort();
		}
		if (n->parent >= 0) {
			const pt_tree_node *pn = &p->nodes[n->parent];

			/* parents come first (pre-order), one level up, and are the row's parent */
			if ((size_t)n->parent >= i || n->level != pn->level + 1 || rows[pn->row].id != r->parent_id) {
				abort();
			}
		} else {
			/* the top level is the scope's children: never a reply whose
			 * parent was left out */
			if (n->level != 0 || r->parent_id != o->scope) {
				abort();
			}
			tops++;
		}
		for (c = n->first_child; c >= 0; c = p->nodes[c].next_sibling) {
			const pt_tree_node *cn = &p->nodes[c];

			if (cn->parent != (int32_t)i) {
				abort();
			}
			if (cn->next_sibling >= 0
				&& pt_comment_compare(&rows[cn->row], &rows[p->nodes[cn->next_sibling].row], o->reply_sort) >= 0) {
				abort();
			}
			kids++;
		}
		if (kids != n->shown || (o->page_replies && kids > o->page_replies)) {
			abort();
		}
		if (n->more) {
			if (n->more_cursor.scope != r->id || n->more_cursor.sort != o->reply_sort) {
				abort();
			}
			cursor_round_trip(&n->more_cursor);
		}
	}
	for (prev = p->first_top, i = 0; prev >= 0; prev = p->nodes[prev].next_sibling, i++) {
		int32_t nx = p->nodes[prev].next_sibling;

		if (p->nodes[prev].parent != -1) {
			abort();
		}
		if (nx >= 0 && pt_comment_compare(&rows[p->nodes[prev].row], &rows[p->nodes[nx].row], o->root_sort) >= 0) {
			abort();
		}
	}
	if (i != tops || tops != p->top_count || (o->root_limit && tops > o->root_limit)) {
		abort();
	}
	if (p->has_more) {
		cursor_round_trip(&p->next);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pt_error err;

	if (size < 1) {
		return 0;
	}
	if (data[0] >= 224) {
		cursor_binding(data + 1, size - 1);
		return 0;
	}
	if (data[0] >= 192) {
		pt_cursor c;

		if (pt_cursor_decode((const char *)data + 1, size - 1, &fuzz_seal, &c, &err) == PT_OK) {
			char buf[PT_CURSOR_BUFSIZE];

			if (pt_cursor_encode(&c, &fuzz_seal, buf, &err) != PT_OK || size - 1 != PT_CURSOR_LEN
				|| memcmp(buf, data + 1, PT_CURSOR_LEN) != 0) {
				abort();
			}
		}
		return 0;
	}
	if (size < 5) {
		return 0;
	}
	{
		pt_tree_options o;
		size_t count = (size - 5) / 8, i;
		pt_comment_row *rows = calloc(count ? count : 1, sizeof(*rows));
		pt_comment_page page;
		const uint8_t *d = data + 5;
		int64_t id_range = (data[0] & 3) == 0 ? 16 : 250;
		pt_status st;

		if (!rows) {
			return 0;
		}
		memset(&o, 0, sizeof(o));
		o.root_sort = (pt_sort)(data[1] % PT_SORT_COUNT);
		o.reply_sort = (pt_sort)((data[1] / PT_SORT_COUNT) % PT_SORT_COUNT);
		o.root_limit = data[2] % 8;
		o.page_replies = data[3] % 5;
		o.scope = data[4] & 1 ? 7 : 0;
		for (i = 0; i < count; i++, d += 8) {
			rows[i].id = (int64_t)(d[0] % id_range) + (data[0] & 4 ? 0 : 1);
			rows[i].parent_id = d[1] % id_range;
			rows[i].created_us = (int64_t)(d[2] | d[3] << 8);
			rows[i].up = d[4] & 15;
			rows[i].down = d[4] >> 4;
			rows[i].replies = d[5] % 6;
			rows[i].deleted = d[6] & 1;
			rows[i].status = d[7];
		}
		pt_error_clear(&err);
		st = pt_comment_tree_build(rows, count, &o, NULL, &page, &err);
		if (st == PT_OK) {
			check_page(rows, count, &o, &page);
			pt_comment_page_free(&page, NULL);
		} else if (st != PT_ERR_INVALID || page.nodes || err.index < 0 || (size_t)err.index >= count) {
			abort();
		}
		free(rows);
	}
	return 0;
}
