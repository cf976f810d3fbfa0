/*
 * participa core: the view model of a deliberation thread (templates/thread.html) and of the
 * moderation queue (templates/moderation.html), from the public arrays of Participa\Thread
 * and Participa\Moderation (docs/fragments/threads.md).
 *
 * Thread data: {info: Thread::info(), page: Thread::page() or Thread::replies(), viewer (id
 * or null), perms (the viewer's PT_PERM_* bits in the thread's territory; 0 when banned),
 * max_depth, edit_window (seconds), now (microseconds since the epoch; absent: the clock),
 * timezone (the site's IANA zone; host->timezone wins),
 * opts: {title, cursor, replies (a comment id: the page is its replies), view
 * ("c12": comment 12 in context; "responder-12", "reportar-12", "editar-12", "eliminar-12":
 * also that comment's form is open), outcome (a Request::handle() answer)}}. A view naming a
 * comment (or a refused outcome's form, when opts give no view) shows the page that starts at
 * it: Thread::page(['at' => 12]); for a reply, its parent's replies (the first comment's
 * parent_id is then the page's replies_of).
 * Its links need no cursor: a comment's form links, cancel and "Volver a la conversación" are
 * views naming their comment.
 *
 * Moderation data: {queue: Moderation::queue(), moderator, perms, filters}.
 *
 * Errors: PT_ERR_NOMEM; a missing or mistyped member reads as absent (never a crash: the
 * fuzzer feeds any tree). O(size of data).
 */
#ifndef PT_THREAD_VIEW_H
#define PT_THREAD_VIEW_H

#include "core/common/pt_value.h"
#include "core/fragment/fragment_host.h"

pt_status pt_fragment_thread_view(const pt_value *data, const pt_fragment_host *host, const pt_allocator *a,
	pt_value **out, pt_error *err);
pt_status pt_fragment_moderation_view(const pt_value *data, const pt_fragment_host *host, const pt_allocator *a,
	pt_value **out, pt_error *err);

/* Every distinct string under a key "author" anywhere in data (the ids whose names a render
 * needs), as a new list; NULL on no memory. */
pt_value *pt_fragment_authors(const pt_value *data, const pt_allocator *a);

/*
 * Which Thread method a render reads, for opts (may be NULL), the host's query (not used
 * yet) and viewer (may be NULL): "page" with [{viewer, cursor}] or [{viewer, at}] (a view
 * naming a comment), or "replies" with [id, {viewer, cursor}], as pt_request_args() gives
 * them (method into method[0..size), *args a new list). PT_ERR_NOMEM.
 */
pt_status pt_fragment_thread_read(const pt_value *opts, const char *viewer, const pt_allocator *a, char *method,
	size_t size, pt_value **args);

/* The comment a view names ("c12", "responder-12", "reportar-12", "editar-12", "eliminar-12"):
 * its id (positive, at most 18 digits), else 0. */
int64_t pt_fragment_thread_view_comment(const char *view);

#endif /* PT_THREAD_VIEW_H */
