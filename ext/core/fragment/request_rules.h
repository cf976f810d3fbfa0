/*
 * participa core: the rules of a fragment's form post (Participa\Request::handle()).
 *
 * Every form a fragment draws posts hidden `participa_action` ("thread.post",
 * "moderation.hide", ...), the host's token field, `participa_return` (where
 * to go back) and `participa_form` (the form's id suffix, so only the form
 * that was sent shows its draft again). One table row per action names its
 * fields: type, whether required, the longest value; the binding never
 * checks a field itself. pt_request_check() runs the row over the posted
 * fields and starts the outcome every handler fills:
 *
 *   {ok: bool, action, message (citizen text), errors: {field: text},
 *    draft: {field: value}, redirect (absolute URL: here + anchor), form}
 *
 * The draft holds the checked values (text with "\r\n" made "\n"), which is
 * what a handler reads (pt_request_text()) and what a refused form shows
 * again. pt_request_finish() settles ok, the message and the redirect.
 *
 * Pure functions; no global state; thread safe.
 */
#ifndef PT_REQUEST_RULES_H
#define PT_REQUEST_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/common/pt_base.h"
#include "core/common/pt_value.h"
#include "core/fragment/fragment_host.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum pt_request_type {
	PT_REQUEST_TEXT,       /* a person's text, one line (a reason) */
	PT_REQUEST_PROSE,      /* a person's text, several lines (a comment) */
	PT_REQUEST_INT,        /* a positive decimal integer (a comment id), at most 18 digits */
	PT_REQUEST_ID,         /* an id under the one id rule (core/common/pt_id.h): subject, participant */
	PT_REQUEST_CHOICE,     /* one of `choices` */
	PT_REQUEST_INTS,       /* a list of positive integers (a ballot's ranks, PB's projects): array or "1,2" */
	PT_REQUEST_MAP         /* a map id -> text (a questionnaire's answers: answers[q1]=yes): keys under the id
	                        * rule, at most PT_REQUEST_MAP_MAX members, each value a person's text of up to
	                        * `max` code points (empty allowed); a bad value is refused as errors["name[key]"] */
} pt_request_type;

#define PT_REQUEST_FIELDS_MAX 8

typedef struct pt_request_field {
	const char *name;              /* the POST field */
	const char *label;             /* capitalised Spanish for messages ("El comentario"); catalogued */
	uint8_t type;                  /* pt_request_type */
	bool required;
	uint32_t max;                  /* code points of a text, items of a list; 0: the type's default */
	const char *const *choices;    /* PT_REQUEST_CHOICE: NULL-terminated */
	bool opt;                      /* goes into the call's options array ("+" below) */
	/* PT_REQUEST_CHOICE: a button may post it as its name, `pair` (another field) as its value:
	 * "up" = "12" reads as reaction "up", comment "12" (a thread's vote buttons share a form) */
	const char *pair;
} pt_request_field;

/*
 * A rule's own check, after the fields' (e.g. core/fragment/commitment_form.c): what the checked
 * fields mean. It may refuse fields (errors[field] in the outcome) and leaves the call's
 * arguments in the map outcome["prepared"] ("%name" in `call`). PT_ERR_INVALID with the message
 * above the form in err (catalogued Spanish), PT_ERR_NOMEM.
 */
typedef pt_status (*pt_request_prepare_fn)(pt_value *outcome, const char *who, const pt_fragment_host *h,
	const pt_allocator *a, pt_error *err);

typedef struct pt_request_rule {
	const char *action;            /* "thread.post" */
	const char *main;              /* the field a refusal's message is shown next to (NULL: the form's) */
	const char *done;              /* the citizen message on success (catalogued Spanish) */
	const char *anchor;            /* the redirect's anchor suffix after the instance ("comments"), or NULL */
	/*
	 * The public method the action is (for the generic handler, ext/php/request_thread.c):
	 * `via` is the Site method that gives the object, `call` the method on it, each followed
	 * by its arguments, space separated: "@" the participant, "$f" field f as a string ("" when
	 * not posted), "#f" field f as an integer, "+" a map of the posted `opt` fields (integers
	 * for PT_REQUEST_INT), "%k" a copy of the member k of what `prepare` left (null if none). pt_request_args() reads them. NULL: the area's own handler.
	 */
	const char *via, *call;
	pt_request_field fields[PT_REQUEST_FIELDS_MAX];   /* ends at the first name NULL */
	pt_request_prepare_fn prepare;                    /* NULL: the fields are the arguments as they are */
} pt_request_rule;

/* The row of action (len bytes), or NULL. O(rows). */
const pt_request_rule *pt_request_rule_find(const char *action, size_t len);
/* Row i of the table (NULL past the end): for tests and the docs. */
const pt_request_rule *pt_request_rule_at(size_t i);

/* The longest text the table accepts when a field gives no max (code points). */
#define PT_REQUEST_TEXT_MAX 100000u
/* The longest list. */
#define PT_REQUEST_INTS_MAX 1000u
/* The most members of a PT_REQUEST_MAP field. */
#define PT_REQUEST_MAP_MAX 1000u

/*
 * Checks the posted fields (post: a map of strings, lists; anything else is a wrong type)
 * for participant (NULL: nobody signed in), for the host h. Always sets *outcome (a new map
 * through a, the shape above, ok false) and *rule (NULL for an unknown action). Returns
 * PT_OK when the handler may run: a known action, a participant, every field valid. Else
 * PT_ERR_INVALID (a field: errors[field] says why; unknown action; no participant:
 * PT_ERR_NOT_ALLOWED) with the outcome's message set. PT_ERR_NOMEM (then *outcome may be
 * NULL) with err set. O(size of post).
 */
pt_status pt_request_check(const pt_value *post, const char *participant, const pt_fragment_host *h,
	const pt_allocator *a, pt_value **outcome, const pt_request_rule **rule, pt_error *err);

/*
 * Where a form returns: ret when it is an acceptable return address (a path starting with
 * one "/", or starting with the origin "scheme://host/" of h->here or h->url), else h->here
 * (or the url without params). Into out, replacing what it held, without any "#fragment".
 */
pt_status pt_request_return(const pt_fragment_host *h, const char *ret, pt_buf *out);

/* A checked field of the outcome's draft: its text, or NULL when not posted (or a list). */
const char *pt_request_text(const pt_value *outcome, const char *name);
/* A checked PT_REQUEST_INT field, or 0 when not posted. */
int64_t pt_request_int(const pt_value *outcome, const char *name);

/*
 * Records a refusal: ok false, message = msg (the exception's publicMessage()), and
 * errors[field] = msg where field is `field`, or the rule's main field when NULL (none: the
 * message alone). PT_ERR_NOMEM.
 */
pt_status pt_request_refuse(pt_value *outcome, const pt_request_rule *rule, const char *field, const char *msg);

/*
 * Settles the outcome: *done (the handler succeeded; updated) is first checked against the method's
 * answer the handler left under "result" (pt_request_result(), then removed); ok = done
 * (true: errors and draft emptied, the message the rule's done text in h's language unless
 * the handler set one); redirect = the return address + "#" + anchor, where anchor is the
 * outcome's "anchor" if set (then removed), else "<instance>-<rule anchor>", else
 * "<instance>". A refused form of one comment ("responder-12": thread_view.h) returns to the
 * view that opens it: the host's url with the view parameter "responder-12" (without a url,
 * the return address with it), "#<instance>-responder-12". PT_ERR_NOMEM.
 */
pt_status pt_request_finish(pt_value *outcome, const pt_request_rule *rule, const pt_fragment_host *h, bool *done);

/*
 * After the method returned result (its answer as a tree; NULL for void): whether the action
 * is done (pt_request_finish() calls it). For a text (a rule whose main field is "body"), a
 * comment that came back "rejected" (a moderation rule) is a refusal with the
 * answer's message, the draft kept; "held" is done with the message that it awaits review; a
 * comment's id becomes the anchor "<instance>-c<id>", and for a text the redirect also names
 * the view that shows it ("c<id>", the page that starts at it), as for a refused comment form
 * (pt_request_finish()): a new comment at the end of a long thread, or a reply past the
 * replies a page shows, is on the page the citizen comes back to. PT_ERR_NOMEM (*done false).
 */
pt_status pt_request_result(pt_value *outcome, const pt_request_rule *rule, const pt_fragment_host *h,
	const pt_value *result, bool *done);

/*
 * The method (into method[0..size)) and the arguments (*args, a new list through a) of the
 * rule's `via` (call false) or `call` (call true), for participant who, from the outcome's
 * draft. PT_ERR_INVALID when the rule has no such spec or it is malformed; PT_ERR_NOMEM.
 */
pt_status pt_request_args(const pt_request_rule *rule, bool call, const pt_value *outcome, const char *who,
	const pt_allocator *a, char *method, size_t size, pt_value **args);

/* Sets map[key] (replacing an existing member; takes child; NULL child: PT_ERR_NOMEM). */
pt_status pt_request_put(pt_value *map, const char *key, pt_value *child);

#ifdef __cplusplus
}
#endif

#endif /* PT_REQUEST_RULES_H */
