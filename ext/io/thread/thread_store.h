/*
 * participa io: the SQL of deliberation threads (schema/002_threads.sql).
 *
 * Pure C over pt_db; the rules are core/thread/thread_rules.h: every
 * write first reads the facts a decision needs (the actor's status and roles,
 * the target comment locked FOR UPDATE, the author's recent comments, an
 * idempotency hit) in ONE query inside the transaction, hands them to a
 * check callback (pt_thread_store_post_rules() / pt_thread_store_write_rules(),
 * which run the core's rules), and only then writes. The callback and everything it
 * decides run again if the transaction is replayed (deadlock, lock wait
 * timeout, Galera certification failure), so it must be pure: no side effects
 * outside its output arguments.
 *
 * Every write is one pt_db_transaction(). Counters (thread counts per status,
 * a comment's reply_count, up/down, stances, flags) are changed relatively in
 * the same transaction as the row that changes them; scores (Wilson lower
 * bound, controversy) are recomputed from the locked row's counts with the
 * core's pt_score_*() so 'top' and 'controversial' sort over an index.
 *
 * Reads of a page take at most three round trips: thread counts + viewer
 * roles, the page's roots by keyset, and their replies to the page depth
 * (ROW_NUMBER() per parent under small roots, a per-node walk under large
 * ones), each joined with the viewer's own reaction.
 *
 * Times are UTC "YYYY-MM-DD HH:MM:SS.ffffff" text as the server stores them,
 * and microseconds since the epoch where cursors need numbers.
 *
 * Errors: PT_ERR_DB from the server; PT_ERR_NOT_FOUND for an unknown thread
 * or comment; whatever a check callback returns (its pt_error is passed up
 * unchanged); PT_ERR_NOMEM.
 */
#ifndef PT_THREAD_STORE_H
#define PT_THREAD_STORE_H

#include <stdbool.h>
#include <stdint.h>
#include "io/common/db.h"
#include "core/thread/comment_tree.h"
#include "core/participant/permissions.h"
#include "core/thread/thread_rules.h"
#include "io/participant/participant_actor.h"

/* Comment status (pt_cstatus, PT_COMMENT_*): core/thread/thread_rules.h. */

/* Microseconds since the epoch <-> "YYYY-MM-DD HH:MM:SS.ffffff" (UTC). */
int64_t pt_thread_store_time_us(const char *s, size_t len);
void pt_thread_store_time_text(int64_t us, char buf[32]);

/* One comment as read. Strings point into the current row: valid only during
 * the callback that receives it. Optional strings are NULL when absent. */
typedef struct pt_thread_store_comment {
	pt_comment_row row;          /* id, parent_id, root_id (own id for a root), depth,
	                                created_us, up, down, replies, status, deleted, author */
	int64_t thread_id;
	pt_cstatus status;
	const char *body; size_t body_len;
	const char *alignment;       /* "for" / "neutral" / "against" or NULL */
	const char *rule; size_t rule_len;
	const char *rule_message; size_t rule_message_len;
	const char *redactions; size_t redactions_len;   /* comma-separated rule names */
	bool official;
	const char *official_by; size_t official_by_len;
	uint32_t agree, disagree, pass, flags, version;
	double wilson, controversial;
	const char *created_at; size_t created_at_len;
	const char *edited_at; size_t edited_at_len;
	int viewer_vote;             /* -1, 0, +1 */
	const char *viewer_stance;   /* "agree" / "disagree" / "pass" or NULL */
	const char *subject_type; size_t subject_type_len;   /* queue listings only */
	const char *subject_id; size_t subject_id_len;
	bool wide;                   /* a root whose replies to the page depth are more than
	                                PT_THREAD_WINDOW_ROWS rows (pt_thread_store_children()'s probe) */
} pt_thread_store_comment;

typedef pt_status (*pt_thread_store_comment_fn)(void *ctx, const pt_thread_store_comment *c, pt_error *err);

/* ---- threads ------------------------------------------------------------- */

typedef struct pt_thread_store_thread {
	int64_t id;
	bool premoderate;            /* the thread's own flag (the YAML's subject flag is separate) */
} pt_thread_store_thread;

/*
 * Gets the thread of (type, id), creating it if needed. One SELECT when it
 * exists; otherwise INSERT IGNORE (a unique key makes concurrent creators
 * agree) and SELECT again.
 */
pt_status pt_thread_store_thread_open(pt_db *db, const char *type, size_t type_len, const char *id,
	size_t id_len, pt_thread_store_thread *out, pt_error *err);

/* Thread::setPremoderate(): moderator's facts read and checked (pt_thread_check_moderator() in
 * r's territory), then the thread's (r->thread_id) pre-moderation flag set and logged in one
 * transaction. The reason is checked by the caller (pt_thread_reason_check()). */
pt_status pt_thread_store_thread_premoderate(pt_db *db, const pt_thread_rules *r, bool on, const char *moderator,
	const char *reason, pt_error *err);

/* ---- facts for a decision -------------------------------------------------- */


/* The facts of a decision (core/thread/thread_rules.h); the actor is io/participant/participant_actor.h. */
typedef pt_thread_target pt_thread_store_target;
typedef pt_thread_facts pt_thread_store_facts;

/*
 * Moves comment t (read FOR UPDATE in the caller's transaction; id,
 * thread_id, parent_id, depth, status and counted_at_insert set) to status
 * `to`, keeping every counter true: the thread's count per status, its roots
 * holding a public place, the parent's reply_count. For other stores that
 * change comments (participant erasure). Lock comments before threads.
 */
pt_status pt_thread_store_move_status(pt_db *db, const pt_thread_store_target *t, pt_cstatus to, pt_error *err);



/* ---- writes -------------------------------------------------------------- */

/* A new comment. The check may change status/rule fields (pre-moderation). */
typedef struct pt_thread_store_post {
	int64_t thread_id;
	int64_t parent_id;           /* 0: a root */
	const char *author;
	const char *body; size_t body_len;   /* final (redacted) text */
	const char *alignment;       /* or NULL */
	pt_cstatus status;           /* PUBLISHED, HELD or REJECTED */
	const char *rule;            /* or NULL */
	const char *rule_message;    /* or NULL */
	const char *redactions;      /* or NULL */
	const char *idempotency_key; /* or NULL */
	const char *const *mentions; /* participant ids (NUL-terminated) */
	size_t mention_count;
	uint32_t rate_window_s;      /* 0: no rate limit */
	uint32_t rate_cap;           /* count at most this many recent comments */
	/* The one-round-trip path (schema 006, procedure participa_post_comment):
	 * with fast.enabled, a post without mentions that the rules publish is
	 * stored by one CALL; whatever the procedure declines (it only ever
	 * says yes when the check callback would) takes the full transaction.
	 * The binding fills it with pt_thread_fast_grants(). */
	pt_thread_fast fast;
	bool fast_used;              /* out: stored by the one-round-trip path */
	int64_t root_id_out;         /* out: a new comment's root (its own id for a root) */
	uint32_t depth_out;          /* out: a new comment's depth */
	char created_at[32];         /* out: a new comment's stored created_at ("YYYY-MM-DD HH:MM:SS.ffffff"),
	                                "" when the call stored nothing (an idempotent replay) */
} pt_thread_store_post;

/*
 * Moves a thread's uncounted comments (schema 007) into its stored counters,
 * in one CALL, replayed on deadlock. Posting calls it now and then; readers
 * never need it to be exact. Tests and maintenance may call it at any time.
 */
pt_status pt_thread_store_fold_counts(pt_db *db, int64_t thread_id, pt_error *err);

typedef pt_status (*pt_thread_store_post_check_fn)(void *ctx, const pt_thread_store_facts *facts, pt_thread_store_post *post,
	pt_error *err);

/*
 * Stores a comment: facts (1 query, only the parts this post needs) -> check
 * -> INSERT, thread counts, parent reply_count (replies), mentions (1 INSERT,
 * none without mentions), a log row when held/rejected, in one transaction.
 * On a fresh insert the stored row is exactly post's fields plus *id_out and
 * post->created_at (counts 0, version 1, not official, no reactions), so the
 * caller can answer without reading it back (root_id_out, depth_out). An idempotency key already used
 * by this author in this thread returns that comment's id with
 * *replayed = true and writes nothing (also when a concurrent twin wins the
 * unique key); read that one back. PT_ERR_NOT_FOUND if the thread does not
 * exist. Round trips: 1 on the fast path (see post->fast); otherwise START
 * TRANSACTION, facts, INSERT, UPDATE, COMMIT, plus one per reply / mentions
 * / log row (and one more when the rate limit is on: the transaction runs at
 * REPEATABLE READ and locks the author's recent comments, so the limit holds
 * under concurrent posts).
 */
pt_status pt_thread_store_post_comment(pt_db *db, pt_thread_store_post *post, pt_thread_store_post_check_fn check, void *ctx,
	int64_t *id_out, bool *replayed, pt_error *err);

/* A post's text fields from a checked, moderated text (borrowed), and the rate window of ts. */
void pt_thread_store_post_text(pt_thread_store_post *post, const pt_thread_text *t, const pt_threads_settings *ts);

/* The stored row of a fresh post (exactly what was sent, plus id and post->created_at), as a read
 * would give it, for the caller to answer without reading it back. Strings borrow post's. */
void pt_thread_store_post_row(const pt_thread_store_post *post, int64_t id, const char *subject_type,
	const char *subject_id, pt_thread_store_comment *c);

/*
 * post() whole: post's text fields from nt, the fast path's grants when fast (never for a subject
 * the YAML pre-moderates: the procedure does not see it; lists in a's memory, freed here), then
 * the transaction under rules. For a fresh post whose stored row is what was sent, *have_row is
 * true and *c that row (strings borrow post's and nt's): the caller answers without a read back.
 */
pt_status pt_thread_store_post_run(pt_db *db, pt_thread_store_post *post, const pt_thread_text *nt,
	const pt_thread_rules *rules, bool fast, const char *subject_type, const char *subject_id, const pt_allocator *a,
	int64_t *id, bool *replayed, pt_thread_store_comment *c, bool *have_row, pt_error *err);

/* The check of a post: the core's pt_thread_check_post() with ctx a const pt_thread_rules *. */
pt_status pt_thread_store_post_rules(void *ctx, const pt_thread_store_facts *facts, pt_thread_store_post *post,
	pt_error *err);

/* Any other write on one comment by one actor (the ops: core/thread/thread_rules.h). */
typedef pt_thread_op pt_thread_store_op;

typedef struct pt_thread_store_write {
	pt_thread_store_op op;
	int64_t comment_id;
	const char *actor;
	/* EDIT */
	const char *body; size_t body_len;
	pt_cstatus status;           /* EDIT: from moderation; MODERATE: the new status */
	const char *rule, *rule_message, *redactions;
	/* REACT: what changes (pt_thread_reaction_parse()): the vote, the stance (NULL clears it) */
	pt_thread_reaction reaction;
	/* EDIT: the participant ids the new text mentions (they replace the old ones) */
	const char *const *mentions;
	size_t mention_count;
	/* FLAG / MODERATE (a moderator's DELETE is logged as "eliminado por moderación") */
	const char *reason;
	const char *action;          /* MODERATE: log action name (approve, reject, hide, restore) */
	uint32_t auto_hide_after;    /* FLAG: 0 = never (pt_thread_store_write_rules() sets the YAML's) */
	/* out */
	bool changed;                /* FLAG: false when this actor had already flagged it */
	bool auto_hidden;            /* FLAG: this flag hid the comment */
} pt_thread_store_write;

typedef pt_status (*pt_thread_store_write_check_fn)(void *ctx, const pt_thread_store_facts *facts, pt_thread_store_write *w,
	pt_error *err);

/* Runs w in one transaction: facts (target FOR UPDATE) -> check -> writes.
 * PT_ERR_NOT_FOUND if the comment does not exist (before the check runs). */
pt_status pt_thread_store_write_comment(pt_db *db, pt_thread_store_write *w, pt_thread_store_write_check_fn check, void *ctx,
	pt_error *err);

/* A moderation action (spec) by moderator on a comment, under the core's rules (rules->mod = spec). */
pt_status pt_thread_store_moderate(pt_db *db, int64_t comment_id, const char *moderator, const char *reason,
	pt_thread_rules *rules, const pt_thread_mod_spec *spec, pt_error *err);

/* An edit's text fields from a checked, moderated text (borrowed). */
void pt_thread_store_write_text(pt_thread_store_write *w, const pt_thread_text *t);

/* The check of a write: the core's pt_thread_check_write() with ctx a const pt_thread_rules *. */
pt_status pt_thread_store_write_rules(void *ctx, const pt_thread_store_facts *facts, pt_thread_store_write *w,
	pt_error *err);

/* ---- reads --------------------------------------------------------------- */

/* One comment (with the viewer's reaction; viewer may be NULL). found=false if absent. */
pt_status pt_thread_store_comment_get(pt_db *db, int64_t id, const char *viewer, pt_thread_store_comment_fn fn,
	void *ctx, bool *found, pt_error *err);
/* The same, for the answers of Thread and Moderation: a comment that is not there, or not in
 * thread_id (unless 0), is the one refusal (pt_thread_comment_id_check(0)), fn not called. */
pt_status pt_thread_store_comment_in(pt_db *db, int64_t id, const char *viewer, int64_t thread_id,
	pt_thread_store_comment_fn fn, void *ctx, pt_error *err);

/* A comment's place and the viewer's facts in one round trip (the first of
 * Thread::replies()). *found is false when there is no such comment. The
 * viewer's strings point into *text. */
typedef struct pt_thread_store_node {
	int64_t thread_id;
	int64_t root_id;     /* its own id for a root */
	uint32_t depth;
	pt_cstatus status;
	char author[192];    /* NUL-terminated */
	bool has_cursor_key; /* the site's cursor key (schema 009), when there is one yet */
	uint8_t cursor_key[PT_CURSOR_KEY_BYTES];
} pt_thread_store_node;
pt_status pt_thread_store_node_get(pt_db *db, int64_t comment_id, const char *viewer, pt_thread_store_node *node, bool *found,
	pt_participant_actor *viewer_facts, pt_participant_actor_text *text, pt_error *err);

/* Thread counters and the viewer's facts (first round trip of a page); the
 * viewer's strings point into *text. */
typedef struct pt_thread_store_counts {
	int64_t published, held, hidden, deleted, rejected, roots;
	bool premoderate;
	bool has_cursor_key;         /* the site's cursor key (schema 009), when there is one yet */
	uint8_t cursor_key[PT_CURSOR_KEY_BYTES];
} pt_thread_store_counts;
pt_status pt_thread_store_counts_get(pt_db *db, int64_t thread_id, const char *viewer, pt_thread_store_counts *counts,
	pt_participant_actor *viewer_facts, pt_participant_actor_text *text, pt_error *err);

/* Which comments a viewer sees: public ones, plus held ones they wrote (or all held for moderators). */
typedef struct pt_thread_store_view {
	const char *viewer;          /* or NULL (anonymous) */
	bool moderator;
} pt_thread_store_view;

/*
 * Children of `scope` (0 = the thread's roots) in `sort` order after cursor
 * (NULL = from the start), at most limit rows. With probe_depth > 0 each row
 * also says whether it holds more than PT_THREAD_WINDOW_ROWS rows at depths
 * 1..probe_depth (`wide`; at most that many + 1 index entries read per row).
 * One query.
 */
pt_status pt_thread_store_children(pt_db *db, int64_t thread_id, int64_t scope, pt_sort sort,
	const pt_cursor *after, uint32_t limit, uint32_t probe_depth, const pt_thread_store_view *view,
	pt_thread_store_comment_fn fn, void *ctx, pt_error *err);

/* Above this many rows under a root, a page walks its replies node by node. */
#define PT_THREAD_WINDOW_ROWS 200

/*
 * The replies a page shows, at most per_parent per node in 'oldest' order,
 * visible to view, in no particular order (pt_comment_tree_build() orders
 * them), in one query of two parts:
 *  - the window: every row under roots[0..nroots) (root_id IN roots, at most
 *    100) with depth in [min_depth, max_depth], numbered per parent
 *    (ROW_NUMBER() OVER (PARTITION BY parent_id)): one pass over a covering
 *    key, for roots the probe found small (it reads their whole subtree, and
 *    returns the first replies also of nodes the page does not show);
 *  - the walk: below each of walk[0..nwalk) (at most 100), its first
 *    per_parent visible replies, theirs, and so on down to max_depth, read
 *    node by node (a recursive CTE whose every step is one ordered index read
 *    that stops at the next visible sibling): a bounded number of rows per
 *    node shown, whatever the size of the conversation.
 * Both give the same rows for the same node (the walk returns exactly the
 * rows shown; the window also rows the tree builder drops).
 */
pt_status pt_thread_store_descendants(pt_db *db, int64_t thread_id, const int64_t *roots, size_t nroots,
	const int64_t *walk, size_t nwalk, uint32_t min_depth, uint32_t max_depth, uint32_t per_parent,
	const pt_thread_store_view *view, pt_thread_store_comment_fn fn, void *ctx, pt_error *err);

/* A comment's versions, oldest first; the current text is the comment itself. */
typedef pt_status (*pt_thread_store_version_fn)(void *ctx, uint32_t version, const char *body, size_t body_len,
	const char *status, const char *created_at, const char *replaced_at, pt_error *err);
pt_status pt_thread_store_versions(pt_db *db, int64_t comment_id, pt_thread_store_version_fn fn, void *ctx, pt_error *err);

/*
 * The site's secret cursor key (schema 009, participa_secrets 'cursor_key'):
 * `stored` when have (a read that returned it as one more column: no round
 * trip); otherwise read, and when there is none yet a new one (drawn from
 * OpenSSL's CSPRNG) is stored unless a concurrent caller stored one first,
 * and the stored one is read back. Two round trips at most, and the key
 * exists after the first call on a database. PT_ERR_DB from the server;
 * PT_ERR_INTERNAL for a stored value that is not 64 hex digits.
 */
pt_status pt_thread_store_cursor_key(pt_db *db, bool have, const uint8_t *stored, uint8_t out[PT_CURSOR_KEY_BYTES],
	pt_error *err);

/* ---- moderation ------------------------------------------------------------ */

typedef pt_thread_queue_kind pt_thread_store_queue_kind;

/* Oldest first after (created_us, id) (after_id 0 = start); subject filter optional. */
pt_status pt_thread_store_queue(pt_db *db, pt_thread_store_queue_kind kind, const char *subject_type,
	const char *subject_id, int64_t after_us, int64_t after_id, uint32_t limit,
	pt_thread_store_comment_fn fn, void *ctx, pt_error *err);

typedef struct pt_thread_store_log_entry {
	int64_t id;
	const char *action, *moderator, *participant, *reason, *created_at;  /* participant may be NULL */
	int64_t comment_id, thread_id;   /* 0 when none */
	int64_t created_us;
} pt_thread_store_log_entry;
typedef pt_status (*pt_thread_store_log_fn)(void *ctx, const pt_thread_store_log_entry *e, pt_error *err);

/* Newest first before (before_us, before_id) (before_id 0 = newest); filters optional. */
pt_status pt_thread_store_log(pt_db *db, int64_t comment_id, const char *moderator, const char *participant,
	int64_t before_us, int64_t before_id, uint32_t limit, pt_thread_store_log_fn fn, void *ctx, pt_error *err);

/* Moderation::queue() (log false) or log(): the filters, checked, and the request's cursor. */
typedef struct pt_thread_store_list_req {
	bool log;
	pt_thread_queue_kind kind;   /* queue */
	int64_t comment;             /* log: one comment's entries (0: every one) */
	const char *a, *b;           /* queue: subject_type, subject_id; log: moderator, participant (NULL: absent) */
	uint32_t limit;              /* 1..200 (pt_thread_list_limit_check()) */
	const char *cursor;          /* or NULL: from the start */
	size_t cursor_len;
} pt_thread_store_list_req;

/*
 * A page of a moderation list after the request's cursor, which is sealed
 * with the site's key (pt_thread_store_cursor_key(), read only when a cursor
 * is read or written) and bound to the list's sort, kind and filters: fn for
 * each comment of the queue, or log_fn for each entry of the log, at most
 * q->limit; next: the cursor of the page after (PT_CURSOR_BUFSIZE), "" when
 * there is none. A cursor of another list or filter is PT_ERR_INVALID.
 */
pt_status pt_thread_store_list(pt_db *db, const pt_thread_store_list_req *q, pt_thread_store_comment_fn fn,
	pt_thread_store_log_fn log_fn, void *ctx, char next[PT_CURSOR_BUFSIZE], pt_error *err);

/* Participants (records, bans, roles): io/participant_store.h. */

#endif
