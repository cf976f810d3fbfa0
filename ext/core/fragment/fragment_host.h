/*
 * participa core: what a host page tells a fragment (the host contract), and
 * the few helpers every view builder (ext/core/fragment/<area>_view.c) uses
 * to turn it into links, form fields, names and texts.
 *
 * A fragment is a pure function: public array -> view model -> Mustache
 * template -> HTML. The host (WordPress, Drupal, a plain PHP page) gives, once
 * per render, the struct below (the binding builds it from Participa\Host);
 * nothing else is host-specific. Every string is borrowed: it stays owned by
 * the caller and must outlive the render.
 *
 * No global state; thread safe; no php.h (docs/fragments/host-contract.md).
 */
#ifndef PT_FRAGMENT_HOST_H
#define PT_FRAGMENT_HOST_H

#include <stddef.h>
#include "core/common/pt_base.h"
#include "core/common/pt_buf.h"
#include "core/common/pt_value.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The logical query parameters a fragment's links carry; the host names each one. */
enum { PT_FRAGMENT_PARAM_CURSOR, PT_FRAGMENT_PARAM_REPLIES, PT_FRAGMENT_PARAM_RECEIPT,
       PT_FRAGMENT_PARAM_VIEW, PT_FRAGMENT_PARAM_COUNT };

typedef struct pt_fragment_host {
	const char *url;        /* link template containing "{params}": "/consulta/?{params}", "/?p=12&{params}" */
	const char *post_url;   /* where forms POST; NULL -> url with no params */
	const char *here;       /* this page's URL (forms return here); NULL -> url with no params */
	const char *token_name, *token_value;   /* hidden field in every form (nonce); NULL -> none */
	int heading;            /* level of the fragment's own top heading, 1..6 (default 2) */
	const char *instance;   /* prefix of every element id in this fragment (unique on the page) */
	const char *lang;       /* "es" (default) or "en" */
	const char *timezone;   /* IANA zone for dates (default: the site's) */
	const pt_value *names;  /* map participant id -> display name, resolved once per render (may be NULL) */
	const char *params[PT_FRAGMENT_PARAM_COUNT]; /* the host's name of each logical parameter */
	const pt_value *outcome;/* the Request::handle() result of a refused post, to show errors + draft (may be NULL) */
} pt_fragment_host;

/* The default name of each logical parameter ("cursor", "replies", "receipt", "view"). */
const char *pt_fragment_param_name(const pt_fragment_host *h, int key);

/*
 * A link: host->url with "{params}" replaced by the url-encoded pairs (logical enum, value).
 * With no pairs, a '?' or '&' just before "{params}" goes too ("/consulta/?{params}" ->
 * "/consulta/"); a url without "{params}" gets the pairs appended after '?' or '&', a pair
 * of the same name already in its query replaced and its #fragment kept last. A NULL
 * url is "?{params}". keys[i] out of range: PT_ERR_INVALID. Appends to out (its allocator);
 * PT_ERR_NOMEM when out failed. O(length).
 */
pt_status pt_fragment_link(const pt_fragment_host *h, pt_buf *out, const int *keys,
                           const char *const *values, size_t n);

/*
 * The data every template gets under "host": {instance, h (heading level), h2 (level+1), h3,
 * lang, post_url, here, token: {name, value} or absent}. Levels stop at 6. A new map through a
 * (NULL: libc), NULL when out of memory.
 */
pt_value *pt_fragment_base(const pt_fragment_host *h, const pt_allocator *a);

/* A participant's display name, or the catalog's neutral "Participante" (never a raw id). */
const char *pt_fragment_name(const pt_fragment_host *h, const char *participant_id);

/*
 * A catalogued Spanish text in the host's language: es itself, or pt_msg_english(es) when
 * host->lang is "en" (core/common/messages.h; the catalog is keyed by the Spanish, so write the
 * Spanish literal at the call and add PT_MSG("es", "en") to your messages_html_<area>.h).
 */
const char *pt_fragment_text(const pt_fragment_host *h, const char *es);

/* ---- helpers beyond the contract (shared by the view builders) ---------------------- */

/*
 * Participa\Host's contract array (as a pt_value map) into h, borrowing its strings (contract
 * must outlive h). Keys: url, post_url, here, params {cursor, replies, receipt, view}, token
 * {name, value}, names, heading (1..6), instance ([A-Za-z][A-Za-z0-9_-]{0,63}), lang (es, en),
 * timezone, outcome (an earlier Request::handle() answer). A url that is not a string, and
 * names that are not a map, are left for the caller (callables): *url_call / *names_call
 * say so. Errors: PT_ERR_INVALID with a message naming the key (unknown key, wrong type,
 * heading out of range, bad instance or language, a url without http(s) or "/" and not
 * containing "{params}" is fine). O(keys).
 */
pt_status pt_fragment_host_read(const pt_value *contract, pt_fragment_host *h, bool *url_call, bool *names_call,
	pt_error *err);

/* host->post_url, or the url with no params, into out (replacing what it held). */
pt_status pt_fragment_post_url(const pt_fragment_host *h, pt_buf *out);
/* host->here, or the url with no params, into out (replacing what it held). */
pt_status pt_fragment_here(const pt_fragment_host *h, pt_buf *out);

/* An element id: "<instance>-<suffix>" (instance "participa" when NULL or empty); a new string. */
pt_value *pt_fragment_id(const pt_fragment_host *h, const pt_allocator *a, const char *suffix);

/* map[key] = text (a copy) / the catalogued text in the host's language; PT_ERR_NOMEM. */
pt_status pt_fragment_put(pt_value *map, const char *key, const char *text);
pt_status pt_fragment_put_text(const pt_fragment_host *h, pt_value *map, const char *key, const char *es);

/*
 * The outcome of a refused post of `action` (host->outcome when its "action" is action and
 * it is not ok), else NULL: a view builder shows its message, errors[field] next to the field
 * (aria-describedby) and keeps draft[field] in it. `form` further narrows to the outcome whose
 * "form" (the posted hidden field participa_form: the form's id suffix, e.g. "reply-12", so
 * only the form that was sent shows the draft) equals it; NULL: any.
 */
const pt_value *pt_fragment_refusal(const pt_fragment_host *h, const char *action, const char *form);

#ifdef __cplusplus
}
#endif

#endif /* PT_FRAGMENT_HOST_H */
