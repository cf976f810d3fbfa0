/*
 * participa io: a stored comment as a viewer sees it. What a view withholds
 * (the author of a deleted comment, the body of a deleted one, and of a
 * hidden one outside the full view) and what it adds (the placeholder text,
 * the status and the viewer's vote by name, what the author is told of the
 * post, the body's @mentions) are decided here, so every answer that shows a
 * comment (Thread's pages and writes, Moderation's queue and actions) shows
 * it alike and the binding only copies fields.
 *
 * The full view is the moderators' and the author's (pt_thread_full_view());
 * the others see a page's row.
 */
#ifndef PT_COMMENT_VIEW_H
#define PT_COMMENT_VIEW_H

#include "io/thread/thread_store.h"

/* A piece of a shown text (borrowed). */
typedef struct pt_thread_text_ref {
	const char *s;
	size_t len;
} pt_thread_text_ref;

typedef struct pt_thread_shown {
	pt_thread_store_comment c;   /* the comment; row.author and body NULL where the view withholds them */
	const char *status;          /* its name, or NULL for a status outside pt_cstatus */
	const char *notice;          /* the placeholder of a deleted or hidden comment, or NULL */
	const char *vote;            /* the viewer's vote: "up", "down" or "none" */
	const char *message; size_t message_len;   /* what the author is told of the post, or NULL */
	pt_thread_text_ref mentions[PT_THREAD_MAX_MENTIONS];   /* with mentions: the body's unique @handles */
	size_t mention_count;
} pt_thread_shown;

/*
 * c as the full view (full) or a page's row shows it, into *out; with
 * mentions, the unique @mentions of the stored body (none for a deleted
 * comment), found with a's memory (freed before returning; out of memory
 * lists none). out's strings point into c's and into static texts.
 */
void pt_thread_comment_show(const pt_thread_store_comment *c, bool full, bool mentions, const pt_allocator *a,
	pt_thread_shown *out);

/*
 * Every static text a shown comment's status, notice and vote may point to,
 * at most max of them into out (a host may make each one of its own strings
 * once and find it by address). Returns how many there are.
 */
size_t pt_thread_shown_texts(const char **out, size_t max);

#endif
