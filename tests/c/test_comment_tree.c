/*
 * Comment page tree: building, ordering, "more replies" cursors, scores,
 * cursor round trips and tamper rejection.
 */
#include "pt_test.h"
#include "core/thread/comment_tree.h"

#include <math.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdint.h>
#include <string.h>

#define CLOSE(a, b, tol) (fabs((a) - (b)) <= (tol))

static pt_comment_row row(int64_t id, int64_t parent, int64_t created, uint32_t up, uint32_t down,
	uint32_t replies)
{
	pt_comment_row r;

	memset(&r, 0, sizeof(r));
	r.id = id;
	r.parent_id = parent;
	r.created_us = created;
	r.up = up;
	r.down = down;
	r.replies = replies;
	return r;
}

static pt_tree_options options(pt_sort root, pt_sort reply, uint32_t root_limit, uint32_t page_replies)
{
	pt_tree_options o;

	memset(&o, 0, sizeof(o));
	o.root_sort = root;
	o.reply_sort = reply;
	o.root_limit = root_limit;
	o.page_replies = page_replies;
	return o;
}

/* Renders a page as "id(child child) id ..." following the links. */
static void render(const pt_comment_row *rows, const pt_comment_page *p, int32_t n, char *buf, size_t size)
{
	size_t used = strlen(buf);

	for (; n >= 0 && used + 32 < size; n = p->nodes[n].next_sibling) {
		const pt_tree_node *t = &p->nodes[n];

		used += (size_t)snprintf(buf + used, size - used, "%s%lld", used && buf[used - 1] != '(' ? " " : "",
			(long long)rows[t->row].id);
		if (t->more) {
			used += (size_t)snprintf(buf + used, size - used, "+%u", t->more);
		}
		if (t->first_child >= 0) {
			used += (size_t)snprintf(buf + used, size - used, "(");
			render(rows, p, t->first_child, buf, size);
			used = strlen(buf);
			used += (size_t)snprintf(buf + used, size - used, ")");
		}
	}
}

static const char *build(const pt_comment_row *rows, size_t n, pt_tree_options o, pt_comment_page *page)
{
	static char buf[2048];
	pt_error err;

	buf[0] = '\0';
	pt_error_clear(&err);
	if (pt_comment_tree_build(rows, n, &o, NULL, page, &err) != PT_OK) {
		snprintf(buf, sizeof(buf), "error: %s", err.message);
		return buf;
	}
	render(rows, page, page->first_top, buf, sizeof(buf));
	return buf;
}

/* A small thread: roots 1, 2, 3; replies nested to depth 3. */
static const pt_comment_row *sample(size_t *n)
{
	static pt_comment_row rows[10];

	rows[0] = row(1, 0, 1000, 5, 1, 2);
	rows[1] = row(2, 0, 2000, 0, 0, 0);
	rows[2] = row(3, 0, 3000, 9, 0, 1);
	rows[3] = row(4, 1, 1100, 1, 0, 1);   /* reply to 1 */
	rows[4] = row(5, 1, 1200, 3, 0, 0);   /* reply to 1 */
	rows[5] = row(6, 4, 1150, 0, 0, 1);   /* reply to 4 */
	rows[6] = row(7, 6, 1160, 0, 0, 0);   /* reply to 6 (depth 3) */
	rows[7] = row(8, 3, 3100, 0, 2, 0);   /* reply to 3 */
	*n = 8;
	return rows;
}

PT_TEST(builds_nested_tree_any_input_order)
{
	size_t n;
	const pt_comment_row *rows = sample(&n);
	pt_comment_row shuffled[8];
	pt_comment_page page;
	size_t i;

	PT_CHECK_STR(build(rows, n, options(PT_SORT_OLDEST, PT_SORT_OLDEST, 0, 0), &page),
		"1(4(6(7)) 5) 2 3(8)");
	PT_CHECK_EQ_INT(page.count, 8);
	PT_CHECK_EQ_INT(page.top_count, 3);
	PT_CHECK_EQ_INT(page.dropped, 0);
	PT_CHECK(!page.has_more);
	/* pre-order and levels */
	if (page.count == 8) {
		static const int64_t order[] = { 1, 4, 6, 7, 5, 2, 3, 8 };
		static const uint32_t levels[] = { 0, 1, 2, 3, 1, 0, 0, 1 };

		for (i = 0; i < 8; i++) {
			PT_CHECK_EQ_INT(rows[page.nodes[i].row].id, order[i]);
			PT_CHECK_EQ_INT(page.nodes[i].level, levels[i]);
		}
		PT_CHECK_EQ_INT(page.nodes[3].parent, 2);
	}
	pt_comment_page_free(&page, NULL);
	for (i = 0; i < 8; i++) {
		shuffled[i] = rows[(i * 5 + 3) % 8];
	}
	PT_CHECK_STR(build(shuffled, 8, options(PT_SORT_OLDEST, PT_SORT_OLDEST, 0, 0), &page),
		"1(4(6(7)) 5) 2 3(8)");
	pt_comment_page_free(&page, NULL);
}

PT_TEST(sorts)
{
	size_t n;
	const pt_comment_row *rows = sample(&n);
	pt_comment_page page;

	PT_CHECK_STR(build(rows, n, options(PT_SORT_NEWEST, PT_SORT_NEWEST, 0, 0), &page),
		"3(8) 2 1(5 4(6(7)))");
	pt_comment_page_free(&page, NULL);
	/* top: 3 (9/0) > 1 (5/1) > 2 (none); replies: 5 (3/0) > 4 (1/0) */
	PT_CHECK_STR(build(rows, n, options(PT_SORT_TOP, PT_SORT_TOP, 0, 0), &page),
		"3(8) 1(5 4(6(7))) 2");
	pt_comment_page_free(&page, NULL);
	/* discussed: 1 (2 replies), 3 (1), 2 (0); roots by replies, replies oldest */
	PT_CHECK_STR(build(rows, n, options(PT_SORT_DISCUSSED, PT_SORT_OLDEST, 0, 0), &page),
		"1(4(6(7)) 5) 3(8) 2");
	pt_comment_page_free(&page, NULL);
	/* controversial: only 1 has both up and down votes; ties by newest */
	PT_CHECK_STR(build(rows, n, options(PT_SORT_CONTROVERSIAL, PT_SORT_OLDEST, 0, 0), &page),
		"1(4(6(7)) 5) 3(8) 2");
	pt_comment_page_free(&page, NULL);
}

PT_TEST(more_replies_cursors)
{
	pt_comment_row rows[12];
	pt_comment_page page;
	size_t i;

	/* Root 10 has 6 replies in the store; the page fetched 4 of them. Root
	 * 20 has 2 replies in the store, none fetched (depth cut). */
	rows[0] = row(10, 0, 100, 0, 0, 6);
	rows[1] = row(20, 0, 200, 0, 0, 2);
	for (i = 0; i < 4; i++) {
		rows[2 + i] = row(11 + (int64_t)i, 10, 110 + (int64_t)i, 0, 0, 0);
	}
	rows[6] = row(15, 11, 150, 0, 0, 0); /* reply under 11 */
	PT_CHECK_STR(build(rows, 7, options(PT_SORT_OLDEST, PT_SORT_OLDEST, 0, 3), &page),
		"10+3(11(15) 12 13) 20+2");
	PT_CHECK_EQ_INT(page.dropped, 1);
	if (page.count == 6) {
		const pt_tree_node *t = &page.nodes[0];

		PT_CHECK_EQ_INT(t->shown, 3);
		PT_CHECK_EQ_INT(t->more, 3);
		PT_CHECK_EQ_INT(t->more_cursor.scope, 10);
		PT_CHECK_EQ_INT(t->more_cursor.id, 13);
		PT_CHECK_EQ_INT(t->more_cursor.created_us, 112);
		PT_CHECK_EQ_INT(t->more_cursor.sort, PT_SORT_OLDEST);
		t = &page.nodes[5];
		PT_CHECK_EQ_INT(page.nodes[5].row, 1);
		PT_CHECK_EQ_INT(t->more, 2);
		PT_CHECK_EQ_INT(t->more_cursor.scope, 20);
		PT_CHECK_EQ_INT(t->more_cursor.id, 0); /* from the start */
	}
	pt_comment_page_free(&page, NULL);

	/* Loading "more replies" of 10: the rows' parent (10) is not on the page,
	 * so they are the top level; scope is carried into the next cursor. */
	{
		pt_tree_options o = options(PT_SORT_OLDEST, PT_SORT_OLDEST, 2, 3);

		o.scope = 10;
		rows[0] = row(14, 10, 113, 0, 0, 0);
		rows[1] = row(16, 10, 114, 0, 0, 0);
		rows[2] = row(17, 10, 115, 0, 0, 0);
		PT_CHECK_STR(build(rows, 3, o, &page), "14 16");
		PT_CHECK(page.has_more);
		PT_CHECK_EQ_INT(page.next.scope, 10);
		PT_CHECK_EQ_INT(page.next.id, 16);
		pt_comment_page_free(&page, NULL);
	}
}

PT_TEST(orphans_are_dropped_not_promoted)
{
	pt_comment_row rows[9];
	pt_comment_page page;

	/* Roots 10 and 20; 10 has replies 11..14 in the store, the store read
	 * the first three (11, 12, 13) and, from 14's subtree which the page
	 * does not show, reply 15 and its reply 16 (a reply among the first
	 * few of its own siblings). 15 and 16 must not become top-level nodes:
	 * they would take the roots' places and move the next-page cursor. */
	rows[0] = row(10, 0, 100, 0, 0, 4);
	rows[1] = row(20, 0, 200, 0, 0, 0);
	rows[2] = row(11, 10, 110, 0, 0, 0);
	rows[3] = row(12, 10, 111, 0, 0, 0);
	rows[4] = row(13, 10, 112, 0, 0, 0);
	rows[5] = row(15, 14, 50, 0, 0, 1);     /* older than every root */
	rows[6] = row(16, 15, 51, 0, 0, 0);
	rows[7] = row(30, 0, 300, 0, 0, 0);
	PT_CHECK_STR(build(rows, 8, options(PT_SORT_OLDEST, PT_SORT_OLDEST, 2, 3), &page), "10+1(11 12 13) 20");
	PT_CHECK_EQ_INT(page.dropped, 3);
	PT_CHECK(page.has_more);
	PT_CHECK_EQ_INT(page.next.id, 20);
	pt_comment_page_free(&page, NULL);

	/* "More replies" of 10 (scope 10): a root among the rows is not of
	 * this level either */
	{
		pt_tree_options o = options(PT_SORT_OLDEST, PT_SORT_OLDEST, 0, 3);

		o.scope = 10;
		rows[0] = row(14, 10, 113, 0, 0, 1);
		rows[1] = row(15, 14, 114, 0, 0, 0);
		rows[2] = row(99, 0, 1, 0, 0, 0);
		rows[3] = row(98, 77, 2, 0, 0, 0);
		PT_CHECK_STR(build(rows, 4, o, &page), "14(15)");
		PT_CHECK_EQ_INT(page.dropped, 2);
		pt_comment_page_free(&page, NULL);
	}
}

PT_TEST(root_limit_and_next_cursor)
{
	size_t n;
	const pt_comment_row *rows = sample(&n);
	pt_comment_page page;

	PT_CHECK_STR(build(rows, n, options(PT_SORT_TOP, PT_SORT_OLDEST, 2, 1), &page),
		"3(8) 1+1(4(6(7)))");
	PT_CHECK(page.has_more);
	PT_CHECK_EQ_INT(page.next.sort, PT_SORT_TOP);
	PT_CHECK_EQ_INT(page.next.id, 1);
	PT_CHECK(page.next.key == pt_score_wilson(5, 1));
	PT_CHECK_EQ_INT(page.next.created_us, 1000);
	PT_CHECK_EQ_INT(page.dropped, 2);
	pt_comment_page_free(&page, NULL);
}

PT_TEST(invalid_rows)
{
	pt_comment_row rows[4];
	pt_comment_page page;
	pt_error err;

	rows[0] = row(1, 0, 1, 0, 0, 0);
	rows[1] = row(1, 0, 2, 0, 0, 0);
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_comment_tree_build(rows, 2, &(pt_tree_options){ 0 }, NULL, &page, &err),
		PT_ERR_INVALID);
	PT_CHECK_EQ_INT(err.index, 1);
	PT_CHECK(page.nodes == NULL && page.count == 0);
	rows[1] = row(0, 0, 2, 0, 0, 0);
	PT_CHECK_EQ_INT(pt_comment_tree_build(rows, 2, &(pt_tree_options){ 0 }, NULL, &page, &err),
		PT_ERR_INVALID);
	rows[1] = row(2, 2, 2, 0, 0, 0);
	PT_CHECK_EQ_INT(pt_comment_tree_build(rows, 2, &(pt_tree_options){ 0 }, NULL, &page, &err),
		PT_ERR_INVALID);
	/* 2 -> 3 -> 4 -> 2 */
	rows[1] = row(2, 4, 2, 0, 0, 0);
	rows[2] = row(3, 2, 3, 0, 0, 0);
	rows[3] = row(4, 3, 4, 0, 0, 0);
	PT_CHECK_EQ_INT(pt_comment_tree_build(rows, 4, &(pt_tree_options){ 0 }, NULL, &page, &err),
		PT_ERR_INVALID);
	PT_CHECK(strstr(err.message, "cycle") != NULL);
	PT_CHECK(err.index >= 1 && err.index <= 3);
	PT_CHECK_EQ_INT(pt_comment_tree_build(rows, 0, &(pt_tree_options){ 0 }, NULL, &page, &err), PT_OK);
	PT_CHECK_EQ_INT(page.count, 0);
	PT_CHECK_EQ_INT(page.first_top, -1);
}

PT_TEST(deep_chain_no_recursion)
{
	/* 200,000 nested replies: a recursive builder would blow the stack under ASan. */
	size_t n = 200000, i;
	pt_comment_row *rows = calloc(n, sizeof(*rows));
	pt_comment_page page;
	pt_error err;
	pt_tree_options o = options(PT_SORT_OLDEST, PT_SORT_OLDEST, 0, 0);

	PT_CHECK(rows != NULL);
	if (!rows) {
		return;
	}
	for (i = 0; i < n; i++) {
		rows[i] = row((int64_t)i + 1, (int64_t)i, (int64_t)i, 0, 0, i + 1 < n);
	}
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_comment_tree_build(rows, n, &o, NULL, &page, &err), PT_OK);
	PT_CHECK_EQ_INT(page.count, n);
	PT_CHECK_EQ_INT(page.nodes[n - 1].level, n - 1);
	pt_comment_page_free(&page, NULL);
	free(rows);
}

PT_TEST(wilson_known_values)
{
	/* Reference values from the algebraically different form
	 * (u + z²/2)/(n + z²) - z/(n + z²)·sqrt(u·d/n + z²/4), and Evan Miller's
	 * published 0.2065 for one positive vote. */
	PT_CHECK(pt_score_wilson(0, 0) == 0.0);
	PT_CHECK(pt_score_wilson(0, 1) == 0.0);
	PT_CHECK(pt_score_wilson(0, 1000) == 0.0);
	PT_CHECK(CLOSE(pt_score_wilson(1, 0), 0.2065493117918027, 1e-12));
	PT_CHECK(CLOSE(pt_score_wilson(1, 0), 0.2065, 1e-4));
	PT_CHECK(CLOSE(pt_score_wilson(5, 0), 0.5655175313406071, 1e-12));
	PT_CHECK(CLOSE(pt_score_wilson(10, 1), 0.6226415608917041, 1e-12));
	PT_CHECK(CLOSE(pt_score_wilson(600, 400), 0.5693094292700644, 1e-12));
	PT_CHECK(CLOSE(pt_score_wilson(60, 40), 0.5020025860174634, 1e-12));
	PT_CHECK(CLOSE(pt_score_wilson(1, 1), 0.09453120463920084, 1e-12));
	PT_CHECK(CLOSE(pt_score_wilson(3, 7), 0.10779126655639393, 1e-12));
	PT_CHECK(CLOSE(pt_score_wilson(100, 0), 0.9630065012310036, 1e-12));
	PT_CHECK(CLOSE(pt_score_wilson(4000000000u, 1), 0.9999999985837665, 1e-12));
	/* the point of Wilson: 600/400 beats 60/40 beats 6/4 */
	PT_CHECK(pt_score_wilson(600, 400) > pt_score_wilson(60, 40));
	PT_CHECK(pt_score_wilson(60, 40) > pt_score_wilson(6, 4));
}

/* The scores avoid libm for reproducibility; they must still agree with it. */
PT_TEST(scores_agree_with_libm)
{
	const double z = PT_WILSON_Z;
	double worst_w = 0, worst_c = 0;
	uint32_t up, down;

	for (up = 1; up < 400; up += (up < 50 ? 1 : 37)) {
		for (down = 0; down < 400; down += (down < 50 ? 1 : 41)) {
			double n = (double)up + down, p = up / n;
			double w = (p + z * z / (2 * n) - z * sqrt((p * (1 - p) + z * z / (4 * n)) / n)) / (1 + z * z / n);
			double got = pt_score_wilson(up, down), e = fabs(got - w) / w;

			worst_w = e > worst_w ? e : worst_w;
			if (down > 0) {
				double hi = up > down ? up : down, lo = up > down ? down : up;
				double c = pow(n, lo / hi);

				e = fabs(pt_score_controversial(up, down) - c) / c;
				worst_c = e > worst_c ? e : worst_c;
			}
		}
	}
	PT_CHECK(worst_w < 1e-14);
	PT_CHECK(worst_c < 1e-14);
	if (worst_w >= 1e-14 || worst_c >= 1e-14) {
		printf("  worst relative errors: wilson %g, controversial %g\n", worst_w, worst_c);
	}
	/* extremes */
	PT_CHECK(CLOSE(pt_score_controversial(4000000000u, 3999999999u), pow(7999999999.0, 3999999999.0 / 4000000000.0), 1e-3));
	PT_CHECK(CLOSE(pt_score_wilson(4000000000u, 4000000000u), 0.5 - 1.959964 * sqrt(0.25 / 8e9), 1e-12));
}

PT_TEST(controversial_values)
{
	PT_CHECK(pt_score_controversial(50, 50) == 100.0);
	PT_CHECK(CLOSE(pt_score_controversial(50, 5), 1.4929190815424387, 1e-12));
	PT_CHECK(CLOSE(pt_score_controversial(5, 50), 1.4929190815424387, 1e-12));
	PT_CHECK(pt_score_controversial(1, 1) == 2.0);
	PT_CHECK(pt_score_controversial(10, 0) == 0.0);
	PT_CHECK(pt_score_controversial(0, 0) == 0.0);
	PT_CHECK(pt_score_controversial(100, 100) > pt_score_controversial(100, 60));
}

/* A key and a thread binding as the binding uses them. */
static const uint8_t test_key[PT_CURSOR_KEY_BYTES] = {
	0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
	0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f
};
static const uint8_t thread_7[9] = { 'T', 0, 0, 0, 0, 0, 0, 0, 7 };
static const pt_cursor_seal seal_7 = { test_key, thread_7, sizeof(thread_7) };

PT_TEST(cursor_round_trip)
{
	pt_cursor cases[] = {
		{ PT_SORT_OLDEST, 0, 0.0, 1773500000123456, 42 },
		{ PT_SORT_TOP, 12345, 0.5693094292700644, 1, 9007199254740993 },
		{ PT_SORT_CONTROVERSIAL, INT64_MAX, 1e300, INT64_MAX, INT64_MAX },
		{ PT_SORT_DISCUSSED, 7, 17.0, 0, 1 },
		{ PT_SORT_NEWEST, 3, 0.0, 0, 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char buf[PT_CURSOR_BUFSIZE];
		pt_cursor back;
		pt_error err;

		pt_error_clear(&err);
		PT_CHECK_EQ_INT(pt_cursor_encode(&cases[i], &seal_7, buf, &err), PT_OK);
		PT_CHECK_EQ_INT(strlen(buf), PT_CURSOR_LEN);
		PT_CHECK(strspn(buf, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == PT_CURSOR_LEN);
		PT_CHECK_EQ_INT(pt_cursor_decode(buf, strlen(buf), &seal_7, &back, &err), PT_OK);
		PT_CHECK_EQ_INT(back.sort, cases[i].sort);
		PT_CHECK_EQ_INT(back.scope, cases[i].scope);
		PT_CHECK(memcmp(&back.key, &cases[i].key, sizeof(double)) == 0);
		PT_CHECK_EQ_INT(back.created_us, cases[i].created_us);
		PT_CHECK_EQ_INT(back.id, cases[i].id);
	}
}

/* base64url back to bytes (the test's own decoder, independent of the core's). */
static size_t b64url_decode(const char *s, uint8_t *out)
{
	static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	uint32_t acc = 0;
	int bits = 0;
	size_t n = 0;

	for (; *s; s++) {
		acc = (acc << 6) | (uint32_t)(strchr(alphabet, *s) - alphabet);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[n++] = (uint8_t)(acc >> bits);
		}
	}
	return n;
}

PT_TEST(cursor_mac_is_hmac_sha256)
{
	/* the cursor's last 14 bytes are HMAC-SHA256(key, first 34 bytes || binding),
	 * computed here by libcrypto's own HMAC() */
	pt_cursor c = { PT_SORT_TOP, 10, 0.42, 1773500000123456, 987654 };
	char buf[PT_CURSOR_BUFSIZE];
	uint8_t raw[64], msg[34 + sizeof(thread_7)], mac[32];
	unsigned int mac_len = 0;
	pt_error err;

	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_cursor_encode(&c, &seal_7, buf, &err), PT_OK);
	PT_CHECK_EQ_INT(b64url_decode(buf, raw), 48);
	PT_CHECK_EQ_INT(raw[0], 2);   /* version */
	memcpy(msg, raw, 34);
	memcpy(msg + 34, thread_7, sizeof(thread_7));
	PT_CHECK(HMAC(EVP_sha256(), test_key, sizeof(test_key), msg, sizeof(msg), mac, &mac_len) != NULL);
	PT_CHECK_EQ_INT(mac_len, 32);
	PT_CHECK(memcmp(raw + 34, mac, 14) == 0);
}

PT_TEST(cursor_tamper_rejected)
{
	pt_cursor c = { PT_SORT_TOP, 10, 0.42, 1773500000123456, 987654 }, back;
	char buf[PT_CURSOR_BUFSIZE], t[PT_CURSOR_BUFSIZE + 2];
	static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	pt_error err;
	size_t i, k, accepted = 0;

	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_cursor_encode(&c, &seal_7, buf, &err), PT_OK);
	/* Every single-character change is refused: a change in the fields
	 * breaks the MAC, a change in the MAC does not match it. */
	for (i = 0; i < PT_CURSOR_LEN; i++) {
		for (k = 0; k < 64; k++) {
			if (alphabet[k] == buf[i]) {
				continue;
			}
			memcpy(t, buf, sizeof(buf));
			t[i] = alphabet[k];
			if (pt_cursor_decode(t, PT_CURSOR_LEN, &seal_7, &back, &err) == PT_OK) {
				accepted++;
			}
		}
	}
	PT_CHECK_EQ_INT(accepted, 0);
	PT_CHECK_EQ_INT(pt_cursor_decode(buf, PT_CURSOR_LEN - 1, &seal_7, &back, &err), PT_ERR_INVALID);
	memcpy(t, buf, sizeof(buf));
	t[PT_CURSOR_LEN] = 'A';
	PT_CHECK_EQ_INT(pt_cursor_decode(t, PT_CURSOR_LEN + 1, &seal_7, &back, &err), PT_ERR_INVALID);
	memcpy(t, buf, sizeof(buf));
	t[3] = '=';
	PT_CHECK_EQ_INT(pt_cursor_decode(t, PT_CURSOR_LEN, &seal_7, &back, &err), PT_ERR_INVALID);
	PT_CHECK_EQ_INT(pt_cursor_decode("", 0, &seal_7, &back, &err), PT_ERR_INVALID);
	/* a version 1 cursor (47 characters, a CRC-8) is refused by its length */
	PT_CHECK_EQ_INT(pt_cursor_decode("AQIAAAAAAAAAAAAABk1yx3vXQAAAAAAADxAAAAAAAAAAAKw", 47, &seal_7, &back, &err),
		PT_ERR_INVALID);
	/* messages are Spanish and never quote the cursor */
	PT_CHECK(strstr(err.message, "El cursor de paginación no es válido") != NULL);
	/* fields out of range never encode */
	c.key = NAN;
	PT_CHECK_EQ_INT(pt_cursor_encode(&c, &seal_7, buf, &err), PT_ERR_INVALID);
	c.key = 1;
	c.id = -5;
	PT_CHECK_EQ_INT(pt_cursor_encode(&c, &seal_7, buf, &err), PT_ERR_INVALID);
	c.id = 0;
	PT_CHECK_EQ_INT(pt_cursor_encode(&c, &seal_7, buf, &err), PT_ERR_INVALID); /* start with a key */
}

PT_TEST(cursor_bound_to_its_list)
{
	/* a cursor of thread 7 is refused by thread 8, by another key, and by a
	 * list bound to nothing; the position itself is not the problem */
	pt_cursor c = { PT_SORT_OLDEST, 0, 0.0, 1773500000123456, 42 }, back;
	static const uint8_t thread_8[9] = { 'T', 0, 0, 0, 0, 0, 0, 0, 8 };
	uint8_t other_key[PT_CURSOR_KEY_BYTES];
	pt_cursor_seal s8 = { test_key, thread_8, sizeof(thread_8) };
	pt_cursor_seal k2 = { other_key, thread_7, sizeof(thread_7) };
	pt_cursor_seal none = { test_key, NULL, 0 };
	pt_cursor_seal bad = { NULL, thread_7, sizeof(thread_7) };
	char buf[PT_CURSOR_BUFSIZE], buf8[PT_CURSOR_BUFSIZE];
	pt_error err;

	memcpy(other_key, test_key, sizeof(other_key));
	other_key[31] ^= 1;
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_cursor_encode(&c, &seal_7, buf, &err), PT_OK);
	PT_CHECK_EQ_INT(pt_cursor_decode(buf, PT_CURSOR_LEN, &seal_7, &back, &err), PT_OK);
	PT_CHECK_EQ_INT(pt_cursor_decode(buf, PT_CURSOR_LEN, &s8, &back, &err), PT_ERR_INVALID);
	PT_CHECK(strstr(err.message, "no es de esta lista o fue alterado") != NULL);
	PT_CHECK_EQ_INT(pt_cursor_decode(buf, PT_CURSOR_LEN, &k2, &back, &err), PT_ERR_INVALID);
	PT_CHECK_EQ_INT(pt_cursor_decode(buf, PT_CURSOR_LEN, &none, &back, &err), PT_ERR_INVALID);
	/* the same position in thread 8 is another string */
	PT_CHECK_EQ_INT(pt_cursor_encode(&c, &s8, buf8, &err), PT_OK);
	PT_CHECK(strcmp(buf, buf8) != 0);
	/* a seal without a key is a programming error, not a refusal */
	PT_CHECK_EQ_INT(pt_cursor_encode(&c, &bad, buf, &err), PT_ERR_INTERNAL);
	PT_CHECK_EQ_INT(pt_cursor_decode(buf8, PT_CURSOR_LEN, &bad, &back, &err), PT_ERR_INTERNAL);
}

PT_TEST(sort_names)
{
	pt_sort s;

	PT_CHECK_STR(pt_sort_name(PT_SORT_CONTROVERSIAL), "controversial");
	PT_CHECK(pt_sort_from_name("top", 3, &s) && s == PT_SORT_TOP);
	PT_CHECK(!pt_sort_from_name("best", 4, &s));
	PT_CHECK(pt_sort_name((pt_sort)9) == NULL);
}

int main(void)
{
	PT_RUN(builds_nested_tree_any_input_order);
	PT_RUN(sorts);
	PT_RUN(more_replies_cursors);
	PT_RUN(orphans_are_dropped_not_promoted);
	PT_RUN(root_limit_and_next_cursor);
	PT_RUN(invalid_rows);
	PT_RUN(deep_chain_no_recursion);
	PT_RUN(wilson_known_values);
	PT_RUN(scores_agree_with_libm);
	PT_RUN(controversial_values);
	PT_RUN(cursor_round_trip);
	PT_RUN(cursor_tamper_rejected);
	PT_RUN(cursor_mac_is_hmac_sha256);
	PT_RUN(cursor_bound_to_its_list);
	PT_RUN(sort_names);
	return pt_test_summary("test_comment_tree");
}
