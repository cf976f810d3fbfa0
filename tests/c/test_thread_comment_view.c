/*
 * A stored comment as a viewer sees it (io/thread/comment_view.h): what the
 * page's row and the full view withhold of deleted and hidden comments, the
 * placeholder, status and vote texts, what the author is told, the body's
 * @mentions. No server needed.
 */
#include "pt_test.h"
#include "io/thread/comment_view.h"
#include "core/thread/moderation.h"

static pt_thread_store_comment comment(pt_cstatus status, const char *body)
{
	pt_thread_store_comment c;

	memset(&c, 0, sizeof(c));
	c.row.id = 7;
	c.row.author = "wp:1";
	c.row.author_len = 4;
	c.status = status;
	c.body = body;
	c.body_len = strlen(body);
	return c;
}

/* The text of a shown field: "(null)" for none. */
static const char *text(const char *s, size_t len)
{
	static char buf[4][128];
	static int k;

	k = (k + 1) % 4;
	snprintf(buf[k], sizeof(buf[k]), "%.*s", s ? (int)len : 6, s ? s : "(null)");
	return buf[k];
}

PT_TEST(published_and_votes)
{
	pt_thread_store_comment c = comment(PT_COMMENT_PUBLISHED, "hola");
	pt_thread_shown s;

	pt_thread_comment_show(&c, false, false, NULL, &s);
	PT_CHECK_STR(text(s.c.body, s.c.body_len), "hola");
	PT_CHECK_STR(text(s.c.row.author, s.c.row.author_len), "wp:1");
	PT_CHECK_STR(s.status, "published");
	PT_CHECK(s.notice == NULL && s.message == NULL);
	PT_CHECK_STR(s.vote, "none");
	PT_CHECK_EQ_INT(s.c.row.id, 7);
	c.viewer_vote = 1;
	pt_thread_comment_show(&c, false, false, NULL, &s);
	PT_CHECK_STR(s.vote, "up");
	c.viewer_vote = -1;
	pt_thread_comment_show(&c, false, false, NULL, &s);
	PT_CHECK_STR(s.vote, "down");
}

/* A deleted comment is its place only; its author only for the full view. */
PT_TEST(deleted_and_hidden)
{
	pt_thread_store_comment c = comment(PT_COMMENT_DELETED, "borrado");
	pt_thread_shown s;

	pt_thread_comment_show(&c, false, true, NULL, &s);
	PT_CHECK(s.c.body == NULL && s.c.row.author == NULL);
	PT_CHECK_STR(s.notice, "comentario eliminado");
	PT_CHECK_STR(s.status, "deleted");
	PT_CHECK_EQ_INT(s.mention_count, 0);
	pt_thread_comment_show(&c, true, false, NULL, &s);
	PT_CHECK(s.c.body == NULL);
	PT_CHECK_STR(text(s.c.row.author, s.c.row.author_len), "wp:1");
	/* the stored comment itself is not changed */
	PT_CHECK_STR(c.body, "borrado");
	c = comment(PT_COMMENT_HIDDEN, "en revision");
	pt_thread_comment_show(&c, false, false, NULL, &s);
	PT_CHECK(s.c.body == NULL);
	PT_CHECK_STR(text(s.c.row.author, s.c.row.author_len), "wp:1");
	PT_CHECK_STR(s.notice, "comentario oculto mientras se revisa");
	pt_thread_comment_show(&c, true, false, NULL, &s);
	PT_CHECK_STR(text(s.c.body, s.c.body_len), "en revision");
}

PT_TEST(author_messages)
{
	pt_thread_store_comment c = comment(PT_COMMENT_REJECTED, "compra ya");
	pt_thread_shown s;

	pt_thread_comment_show(&c, true, false, NULL, &s);
	PT_CHECK_STR(text(s.message, s.message_len), PT_MOD_DEFAULT_REJECT_MESSAGE);
	c.rule_message = "No se permite publicidad.xyz";
	c.rule_message_len = 25;   /* the length, not the NUL, bounds it */
	pt_thread_comment_show(&c, true, false, NULL, &s);
	PT_CHECK_STR(text(s.message, s.message_len), "No se permite publicidad.");
	c = comment(PT_COMMENT_HELD, "idiota");
	pt_thread_comment_show(&c, true, false, NULL, &s);
	PT_CHECK_STR(text(s.message, s.message_len), "Tu comentario se publicará cuando lo revise una persona moderadora.");
	/* a status outside the set: no name, the published comment's message (none) */
	c.status = (pt_cstatus)99;
	pt_thread_comment_show(&c, true, false, NULL, &s);
	PT_CHECK(s.status == NULL && s.message == NULL && s.notice == NULL);
}

/* An allocator that always fails: the mentions are then none. */
static void *no_alloc(size_t size, void *ctx)
{
	return NULL;
}

static void *no_realloc(void *p, size_t size, void *ctx)
{
	return NULL;
}

static void no_free(void *p, void *ctx)
{
	free(p);
}

PT_TEST(mentions)
{
	static const pt_allocator none = { no_alloc, no_realloc, no_free, NULL };
	pt_thread_store_comment c = comment(PT_COMMENT_PUBLISHED, "gracias @wp:2 y @wp:3, otra vez @wp:2.");
	pt_thread_shown s;

	pt_thread_comment_show(&c, true, true, NULL, &s);
	PT_CHECK_EQ_INT(s.mention_count, 2);
	PT_CHECK_STR(text(s.mentions[0].s, s.mentions[0].len), "wp:2");
	PT_CHECK_STR(text(s.mentions[1].s, s.mentions[1].len), "wp:3");
	pt_thread_comment_show(&c, true, false, NULL, &s);
	PT_CHECK_EQ_INT(s.mention_count, 0);
	pt_thread_comment_show(&c, true, true, &none, &s);
	PT_CHECK_EQ_INT(s.mention_count, 0);
}

/* Every static text a shown comment points to is listed (a host interns them by address). */
PT_TEST(static_texts)
{
	const char *texts[16];
	size_t n = pt_thread_shown_texts(texts, 16), i;
	pt_cstatus st;
	int votes[3] = { -1, 0, 1 }, v;

	PT_CHECK_EQ_INT(n, PT_CSTATUS_COUNT + 5);
	PT_CHECK_EQ_INT(pt_thread_shown_texts(texts, 3), 3);
	n = pt_thread_shown_texts(texts, 16);
	for (st = 0; st < PT_CSTATUS_COUNT; st++) {
		for (v = 0; v < 3; v++) {
			pt_thread_store_comment c = comment(st, "x");
			pt_thread_shown s;
			bool status = false, vote = false, notice;

			c.viewer_vote = votes[v];
			pt_thread_comment_show(&c, false, false, NULL, &s);
			notice = s.notice == NULL;
			for (i = 0; i < n; i++) {
				status |= texts[i] == s.status;
				vote |= texts[i] == s.vote;
				notice |= texts[i] == s.notice;
			}
			PT_CHECK(status && vote && notice);
		}
	}
}

int main(void)
{
	PT_RUN(published_and_votes);
	PT_RUN(deleted_and_hidden);
	PT_RUN(author_messages);
	PT_RUN(mentions);
	PT_RUN(static_texts);
	return pt_test_summary("test_thread_comment_view");
}
