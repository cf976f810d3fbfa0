/* participa io: a stored comment as a viewer sees it (see comment_view.h). */
#include "io/thread/comment_view.h"
#include "core/common/text.h"

#include <string.h>

static const char notice_deleted[] = "comentario eliminado";
static const char notice_hidden[] = "comentario oculto mientras se revisa";
static const char vote_up[] = "up", vote_down[] = "down", vote_none[] = "none";

void pt_thread_comment_show(const pt_thread_store_comment *c, bool full, bool mentions, const pt_allocator *a,
	pt_thread_shown *out)
{
	bool deleted = c->status == PT_COMMENT_DELETED, hidden = c->status == PT_COMMENT_HIDDEN;
	pt_cstatus st = (unsigned)c->status < PT_CSTATUS_COUNT ? c->status : PT_COMMENT_PUBLISHED;
	pt_mention *m = NULL;
	size_t i, n = 0;

	memset(out, 0, sizeof(*out));
	out->c = *c;
	/* a deleted comment is its place only: no body, and no author outside the full view; a
	 * hidden one keeps its body for the full view (the moderators and its author) */
	if (deleted || (hidden && !full)) {
		out->c.body = NULL;
		out->c.body_len = 0;
	}
	if (deleted && !full) {
		out->c.row.author = NULL;
		out->c.row.author_len = 0;
	}
	out->status = pt_cstatus_name(c->status);
	out->notice = deleted ? notice_deleted : hidden ? notice_hidden : NULL;
	out->vote = c->viewer_vote > 0 ? vote_up : c->viewer_vote < 0 ? vote_down : vote_none;
	if (st == PT_COMMENT_REJECTED && c->rule_message) {
		out->message = c->rule_message;
		out->message_len = c->rule_message_len;
	} else if ((out->message = pt_thread_author_message(st, NULL))) {
		out->message_len = strlen(out->message);
	}
	/* of the stored body, as the full view shows it */
	if (mentions && !deleted && c->body
			&& pt_text_mentions(c->body, c->body_len, PT_THREAD_MAX_MENTIONS, a, &m, &n, NULL) == PT_OK) {
		for (i = 0; i < n; i++) {
			out->mentions[i] = (pt_thread_text_ref){ c->body + m[i].offset, m[i].len };
		}
		out->mention_count = n;
		pt_free(a, m);
	}
}

size_t pt_thread_shown_texts(const char **out, size_t max)
{
	const char *fixed[] = { notice_deleted, notice_hidden, vote_up, vote_down, vote_none };
	size_t n = 0, i;

	for (i = 0; i < PT_CSTATUS_COUNT && n < max; i++) {
		out[n++] = pt_cstatus_name((pt_cstatus)i);
	}
	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]) && n < max; i++) {
		out[n++] = fixed[i];
	}
	return n;
}
