/*
 * participa core: the rules of deliberation threads, plain C over plain
 * structs (no php.h, no io). Who may post, edit, delete, mark official,
 * react, flag and moderate; what a comment's text must be; what the YAML's
 * moderation verdict means for the stored row; what a viewer sees; which
 * page options are valid. Every refusal is a pt_status with a Spanish,
 * catalogued message (messages_threads.h).
 *
 * The thread store (io/thread/thread_store.h) reads the facts a decision
 * needs inside its transaction and calls pt_thread_check_post() or
 * pt_thread_check_write() there (pt_thread_store_post_rules() and
 * pt_thread_store_write_rules() are the adapters): the check runs again
 * if the transaction is replayed, so everything here is pure.
 *
 * To add a rule for threads, touch this file first.
 */
#ifndef PT_THREAD_RULES_H
#define PT_THREAD_RULES_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

#include "core/common/pt_base.h"
#include "core/site/site_config.h"
#include "core/thread/comment_tree.h"
#include "core/thread/moderation.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Comment status as stored (ENUM order of participa_comments.status). */
typedef enum pt_cstatus {
	PT_COMMENT_PUBLISHED = 0,
	PT_COMMENT_HELD,
	PT_COMMENT_REJECTED,
	PT_COMMENT_HIDDEN,
	PT_COMMENT_DELETED
} pt_cstatus;
#define PT_CSTATUS_COUNT 5

/* pt_cstatus_name(), pt_cstatus_from_name(): "published", "held", "rejected", "hidden",
 * "deleted" (see PT_NAMES_DECLARE in pt_base.h). */
PT_NAMES_DECLARE(pt_cstatus, pt_cstatus);
/* Published, hidden and deleted comments keep their place in the public tree. */
bool pt_cstatus_public(pt_cstatus s);

/* Longest moderation or flag reason, in characters (the VARCHAR(1000) of the log and the flags). */
#define PT_THREAD_REASON_MAX 1000
/* A text's @mentions stored at most. */
#define PT_THREAD_MAX_MENTIONS 20
/* What a pre-moderated post or edit is held with. */
#define PT_THREAD_PREMOD_RULE "premoderación"
#define PT_THREAD_PREMOD_MESSAGE "Este tema se modera antes de publicar."

/* ---- the facts a decision reads (the stores fill them) --------------------- */

/* Who acts, as the participant rows say (io/participant/participant_actor.h reads it). */
typedef struct pt_thread_actor {
	bool known;                  /* has a row in participa_participants */
	bool banned;
	const char *roles;           /* stored role ids, comma separated, "" if none (NUL-terminated) */
	const char *territory;       /* NULL if none */
} pt_thread_actor;

/* The comment a write targets (or a post's parent), read FOR UPDATE. */
typedef struct pt_thread_target {
	bool found;
	int64_t id, thread_id, parent_id, root_id;
	uint32_t depth;
	const char *author;          /* NUL-terminated */
	pt_cstatus status;
	uint32_t version, up, down, agree, disagree, pass, flags, replies;
	bool official;
	int64_t age_s;               /* seconds since it was created */
	bool counted_at_insert;      /* its insert added it to the thread's stored counters
	                                (schema 007: a one-statement root waits for a fold) */
} pt_thread_target;

typedef struct pt_thread_facts {
	pt_thread_actor actor;
	pt_thread_target target;
	uint32_t recent;             /* actor's comments inside the rate window (capped) */
	int64_t existing_id;         /* post: idempotency key already used -> that comment, else 0 */
	bool thread_premoderate;
} pt_thread_facts;

/* A write on one comment by one actor. */
typedef enum pt_thread_op {
	PT_THREAD_EDIT = 0,      /* new body/status; previous version kept */
	PT_THREAD_DELETE,        /* status -> deleted, keeping its place; its text, earlier versions,
	                            mentions, alignment and rule notes are erased */
	PT_THREAD_OFFICIAL,      /* official_answer = 1 */
	PT_THREAD_REACT,         /* vote and/or stance */
	PT_THREAD_FLAG,          /* flag with a reason; may auto-hide */
	PT_THREAD_MODERATE       /* status change by a moderator, logged */
} pt_thread_op;

/* The moderation queues. */
typedef enum pt_thread_queue_kind {
	PT_THREAD_QUEUE_HELD = 0,
	PT_THREAD_QUEUE_HIDDEN,
	PT_THREAD_QUEUE_REJECTED,
	PT_THREAD_QUEUE_FLAGGED          /* published with at least one flag */
} pt_thread_queue_kind;

/* ---- values ------------------------------------------------------------------ */

/* A comment id argument: positive, or nothing can match it (PT_ERR_NOT_FOUND). */
pt_status pt_thread_comment_id_check(int64_t id, pt_error *err);
/* A moderation action's comment id: positive (PT_ERR_NOT_FOUND "El comentario no existe."). */
pt_status pt_thread_mod_comment_check(int64_t id, pt_error *err);
/* A post's 'parent' option: 0 (a root) or positive. */
pt_status pt_thread_parent_check(int64_t parent, pt_error *err);

/*
 * A comment's text, in place (text[len] must be writable): CRLF normalised
 * to LF (*len_out is the new length, text[*len_out] is NUL), valid UTF-8 without control characters, not only blanks (any
 * Unicode space, zero-width or BOM), between min_length and max_length
 * characters.
 */
pt_status pt_thread_body_prepare(const pt_threads_settings *ts, char *text, size_t len, size_t *len_out,
	pt_error *err);
/* A moderator's reason (moderation, pre-moderation, bans): UTF-8 without control characters
 * but newline and tab, at most PT_THREAD_REASON_MAX characters. */
pt_status pt_thread_reason_check(const char *s, size_t len, pt_error *err);
/* A flag's reason: valid text, 1..PT_THREAD_REASON_MAX bytes. */
pt_status pt_thread_flag_reason_check(const char *s, size_t len, pt_error *err);
/* A post's alignment: the subject must take one, and it is for, neutral or against. */
pt_status pt_thread_alignment_check(const pt_subject_settings *subject, const char *s, size_t len, pt_error *err);

/* A reaction: up/down/none (a vote) or agree/disagree/pass (a stance). */
typedef struct pt_thread_reaction {
	bool vote_set;
	int vote;                    /* -1, 0, +1 */
	bool stance_set;
	const char *stance;          /* a static string */
} pt_thread_reaction;
pt_status pt_thread_reaction_parse(const char *s, size_t len, pt_thread_reaction *out, pt_error *err);

/* ---- the YAML's moderation verdict ------------------------------------------- */

typedef struct pt_thread_verdict {
	pt_moderation_result res;
	pt_cstatus status;           /* PUBLISHED, HELD or REJECTED */
	char *rule;                  /* first rule that held or rejected, or NULL */
	char *redactions;            /* unique redact rule names, comma separated (whole names,
	                                at most PT_THREAD_REASON_MAX bytes), or NULL */
} pt_thread_verdict;

/* Moderates text with rules (through scratch) and reads the result as a stored row would
 * have it. Strings and the result are allocated with a; free with pt_thread_verdict_free(). */
pt_status pt_thread_verdict_make(const pt_modrules *rules, pt_mod_scratch *scratch, const char *text, size_t len,
	const pt_allocator *a, pt_thread_verdict *v, pt_error *err);
void pt_thread_verdict_free(pt_thread_verdict *v, const pt_allocator *a);
/* An edit the rules reject is refused with the rule's message (PT_ERR_NOT_ALLOWED). */
pt_status pt_thread_verdict_edit_check(const pt_thread_verdict *v, pt_error *err);

/*
 * A new text (post or edit) ready to store: a copy of body checked
 * (pt_thread_body_prepare()), moderated (pt_thread_verdict_make()) and its
 * unique @mentions after redaction (at most PT_THREAD_MAX_MENTIONS), all
 * allocated with a; free with pt_thread_text_free().
 */
typedef struct pt_thread_text {
	char *text;
	pt_thread_verdict v;
	char *mentions[PT_THREAD_MAX_MENTIONS];
	size_t mention_count;
} pt_thread_text;
pt_status pt_thread_text_make(const pt_config *cfg, pt_mod_scratch *scratch, const char *body, size_t len,
	const pt_allocator *a, pt_thread_text *t, pt_error *err);
void pt_thread_text_free(pt_thread_text *t, const pt_allocator *a);

/* What the author is told of a post's status ("message"), or NULL when published. */
const char *pt_thread_author_message(pt_cstatus status, const char *rule_message);

/* ---- who may do what ---------------------------------------------------------- */

/* A moderation action's rule: the status it sets and the ones it applies to. */
typedef struct pt_thread_mod_spec {
	const char *name;            /* log action */
	const char *conflict;        /* the refusal in another state (%s: its status in words, "publicado") */
	pt_cstatus to;
	unsigned from;               /* bits 1 << pt_cstatus */
} pt_thread_mod_spec;
extern const pt_thread_mod_spec pt_thread_approve, pt_thread_reject, pt_thread_hide, pt_thread_restore;

/* What a check decides; the store copies it into the row it writes. */
typedef struct pt_thread_outcome {
	pt_cstatus status;
	const char *rule;
	const char *rule_message;
} pt_thread_outcome;

typedef struct pt_thread_rules {
	const pt_config *cfg;
	int64_t thread_id;           /* the thread the call is on; 0: any (Moderation) */
	int32_t scope;               /* the thread's territory for the actor (PT_SCOPE_NONE if none) */
	bool subject_premoderate;    /* the YAML pre-moderates the thread's subject type */
	pt_cstatus edit_status;      /* EDIT: the verdict of the new text */
	const pt_thread_mod_spec *mod;  /* MODERATE: the action */
} pt_thread_rules;

/* A post by author (parent_id 0: a root): role, ban, rate limit, parent, depth,
 * pre-moderation (which may turn out->status into HELD). */
pt_status pt_thread_check_post(const pt_thread_rules *r, const pt_thread_facts *f, const char *author,
	int64_t thread_id, int64_t parent_id, pt_thread_outcome *out, pt_error *err);
/* Any other write (op) by actor on f->target: who may, in which state, within the edit window. */
pt_status pt_thread_check_write(const pt_thread_rules *r, const pt_thread_facts *f, pt_thread_op op,
	const char *actor, pt_thread_outcome *out, pt_error *err);
/* actor (facts a) may moderate in scope: not banned, and holds 'moderate'. */
bool pt_thread_is_moderator(const pt_config *cfg, const char *actor, const pt_thread_actor *a, int32_t scope);
/* pt_thread_is_moderator(), or PT_ERR_NOT_ALLOWED "No tienes permiso para moderar." */
pt_status pt_thread_check_moderator(const pt_config *cfg, const char *actor, const pt_thread_actor *a,
	int32_t scope, pt_error *err);

/*
 * The YAML's half of the permission check the one-round-trip post repeats in
 * SQL (schema/006_post_procedure.sql), the same rule as pt_permissions(): the
 * author may comment when a YAML assignment grants it, when a stored role that
 * may comment is one of the YAML's, or, holding no role the YAML knows and no
 * assignment, when the default role may.
 */
typedef struct pt_thread_fast {
	bool enabled;
	bool assigned;               /* the YAML assigns the author a role that may comment */
	bool default_ok;             /* with no role at all, the default role may comment */
	bool anyone;                 /* every participant may comment, whatever roles are stored
	                                (assigned, or default_ok and every role may): the
	                                one-statement root path skips the role lookups */
	const char *comment_roles;   /* the YAML's roles that may comment, comma separated */
	const char *known_roles;     /* every role the YAML defines, comma separated */
	uint32_t max_depth;          /* threads.max_depth */
} pt_thread_fast;
/* Fills *fast (enabled = true), its lists in *owned (free with pt_free(a, *owned)); false
 * (enabled = false, nothing owned) when a role id cannot be matched by FIND_IN_SET or
 * memory ran out: take the full path. */
bool pt_thread_fast_grants(const pt_config *cfg, const char *participant, int32_t scope, const pt_allocator *a,
	pt_thread_fast *fast, char **owned);

/* ---- what a viewer sees -------------------------------------------------------- */

/* page(): a comment's place is shown (public, or held to its author and moderators). */
bool pt_thread_visible(pt_cstatus s, bool own, bool moderator);
/* page(): its body is shown (moderators; the author unless deleted). */
bool pt_thread_full_view(pt_cstatus s, bool own, bool moderator);
/* history(): an earlier version is shown to a viewer without the full view only if published. */
bool pt_thread_version_shown(bool full, const char *status);

/* ---- page options ----------------------------------------------------------------- */

#define PT_THREAD_PAGE_LIMIT 20      /* roots per page unless 'limit' */
#define PT_THREAD_PAGE_REPLIES_MAX 100
/* 'sort' (a name, or NULL: oldest); a replies() list (scope != 0) is always oldest. */
pt_status pt_thread_page_sort(const char *s, size_t len, int64_t scope, pt_sort *out, pt_error *err);
#define PT_THREAD_MAX_ROOTS 100     /* roots per page at most (and per descendants query) */
/* 'limit' 1..PT_THREAD_MAX_ROOTS, 'depth' 0..max_depth, 'replies' 0..100. */
pt_status pt_thread_page_limits(const pt_threads_settings *ts, int64_t limit, int64_t depth, int64_t replies,
	pt_error *err);
/* A page's cursor text s[0..len) decoded under seal into *c: it must belong to this list (scope)
 * and, when a sort was given, to that sort. */
pt_status pt_thread_cursor_read(const char *s, size_t len, const pt_cursor_seal *seal, int64_t scope, bool sort_given,
	pt_sort sort, pt_cursor *c, pt_error *err);

/* ---- moderation listings ----------------------------------------------------------- */

#define PT_THREAD_LIST_LIMIT 50      /* queue/log items unless 'limit' (1..200) */
pt_status pt_thread_queue_kind_parse(const char *s, size_t len, pt_thread_queue_kind *out, pt_error *err);
pt_status pt_thread_list_limit_check(int64_t limit, pt_error *err);
pt_status pt_thread_log_comment_check(int64_t comment, pt_error *err);
/* A moderation list's cursor text decoded under seal into *c; one of another list (sort or scope) is refused. */
pt_status pt_thread_list_cursor_read(const char *s, size_t len, const pt_cursor_seal *seal, pt_sort sort,
	pt_cursor *c, pt_error *err);

/*
 * A moderation list being read: at most limit items, the position of the last
 * one, whether there are more, and what its cursors are bound to (the list's
 * tag and every filter, so a cursor of one filter, of the other list or of a
 * thread is refused). The seal's key is the caller's (the site's secret).
 */
typedef struct pt_thread_list {
	pt_sort sort;
	uint32_t limit, count;
	bool more;
	pt_cursor last;
	unsigned char bind[PT_CURSOR_BIND_MAX];
	pt_cursor_seal seal;
} pt_thread_list;
void pt_thread_list_init(pt_thread_list *l, pt_sort sort, uint32_t limit);
/* Moderation::queue() of kind (oldest first, bound to 'Q' and the kind) or, when log, the log of
 * comment (0: every one; newest first, bound to 'L' and the id): pt_thread_list_init() and its
 * first binding; the filters are bound after it. */
void pt_thread_list_start(pt_thread_list *l, bool log, pt_thread_queue_kind kind, int64_t comment, uint32_t limit);
/* Binds one more part, length-prefixed; p NULL (an absent filter) binds differently from "". */
void pt_thread_list_bind(pt_thread_list *l, const void *p, size_t len);
/* Counts a row at (created_us, id): true when it is shown, false when it only says "more". */
bool pt_thread_list_take(pt_thread_list *l, int64_t created_us, int64_t id);
/* The cursor of the next page (when l->more). */
pt_cursor pt_thread_list_next(const pt_thread_list *l);

/* A thread's cursor seal: bound to 'T' and the thread id (bind: 9 bytes the caller keeps). */
void pt_thread_seal_init(pt_cursor_seal *seal, const uint8_t *key, uint8_t bind[9], int64_t thread_id);

#ifdef __cplusplus
}
#endif

#endif /* PT_THREAD_RULES_H */
