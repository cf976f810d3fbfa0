/*
 * participa core: small builders every view model uses (ext/core/fragment/<area>_view.c),
 * and the forms every fragment draws through templates/form.html.
 *
 * A pt_fragment_vb carries the allocator, the host and a sticky status: every call after a
 * failure does nothing (and frees what it was given), so a builder checks b->s once at the
 * end. No global state; thread safe.
 */
#ifndef PT_FRAGMENT_VIEW_H
#define PT_FRAGMENT_VIEW_H

#include "core/common/pt_value.h"
#include "core/fragment/fragment_host.h"

typedef struct pt_fragment_vb {
	const pt_allocator *a;
	const pt_fragment_host *h;
	pt_status s;                 /* PT_OK until the first failure */
} pt_fragment_vb;

void pt_fragment_vb_init(pt_fragment_vb *b, const pt_fragment_host *h, const pt_allocator *a);

/* A new map / list (NULL after a failure). */
pt_value *pt_fragment_vmap(pt_fragment_vb *b);
pt_value *pt_fragment_vlist(pt_fragment_vb *b);
/* map[key] = v (replacing a member of that key; takes v; NULL v or map: PT_ERR_NOMEM) / list += v;
 * return v (NULL on failure). */
pt_value *pt_fragment_vset(pt_fragment_vb *b, pt_value *map, const char *key, pt_value *v);
pt_value *pt_fragment_vpush(pt_fragment_vb *b, pt_value *list, pt_value *v);
/* map[key] = a copy of s (NULL: nothing set) / the catalogued es in the host's language / n / a bool. */
void pt_fragment_vstr(pt_fragment_vb *b, pt_value *map, const char *key, const char *s);
void pt_fragment_vtext(pt_fragment_vb *b, pt_value *map, const char *key, const char *es);
void pt_fragment_vint(pt_fragment_vb *b, pt_value *map, const char *key, int64_t n);
void pt_fragment_vtrue(pt_fragment_vb *b, pt_value *map, const char *key, bool on);   /* set only when on */
/* map[key] = "<instance>-<suffix>". */
void pt_fragment_vid(pt_fragment_vb *b, pt_value *map, const char *key, const char *suffix);
/* map[key] = printf of the catalogued format es (translated first), e.g. "Comentarios: %lld". */
void pt_fragment_vfmt(pt_fragment_vb *b, pt_value *map, const char *key, const char *es, ...);

/*
 * Sets each of the NULL-terminated keys that map lacks to false. Mustache looks a name up
 * through every enclosing context, so a reply without "official" would show its parent's:
 * every map a template enters names all the keys the template reads in it.
 */
void pt_fragment_vdefaults(pt_fragment_vb *b, pt_value *map, ...);

/* A member's string (NULL when absent or not a string), integer (def when absent), bool. */
const char *pt_fragment_str(const pt_value *map, const char *key);
int64_t pt_fragment_int(const pt_value *map, const char *key, int64_t def);
bool pt_fragment_bool(const pt_value *map, const char *key);

/* ---- forms (templates/form.html) -------------------------------------------------------- */

/*
 * A new form view {id, action, hidden: [{name, value}], ...}: posts to the host's post_url
 * with participa_action = action, participa_form = form (the id suffix, e.g. "responder-12"),
 * participa_return = the host's here, and the token field. hidden_extra: more (name, value)
 * pairs, NULL-terminated (may be NULL). The form's refusal (pt_fragment_refusal(h, action,
 * form)) adds message {id, text} (role="alert"). Then add fields with the calls below, and
 * "submit" (text).
 */
pt_value *pt_fragment_form(pt_fragment_vb *b, const char *action, const char *form, const char *const *hidden_extra);
/* Two more keys form.html reads (both false here): "autofocus" (the first field takes the
 * focus) and "owner" (an id: the fields are drawn in place, in a <div id>, each naming that
 * form (form="owner"), and the <form id="owner"> with the hidden fields is drawn elsewhere:
 * a form cannot open inside another, as a thread's comment list inside its votes' form). */

/*
 * Fields, appended to form.fields in order. Each takes the draft's value of name (after a
 * refusal) over value, and the refusal's error for name as error {id, text} with the field's
 * aria-describedby. textarea: {textarea: {id, name, label, value, required, max, error}};
 * choice (radios in a fieldset): {choice: {legend, name, options: [{id, value, label,
 * checked}], error}}; select: {select: {id, name, label, options: [{value, label, selected}],
 * error}}. values/labels: NULL-terminated, labels catalogued Spanish.
 */
void pt_fragment_textarea(pt_fragment_vb *b, pt_value *form, const char *name, const char *label_es,
	const char *value, bool required, int64_t max);
void pt_fragment_choice(pt_fragment_vb *b, pt_value *form, const char *name, const char *legend_es,
	const char *const *values, const char *const *labels_es, const char *checked);
void pt_fragment_select(pt_fragment_vb *b, pt_value *form, const char *name, const char *label_es,
	const char *const *values, const char *const *labels_es, const char *selected);

#endif /* PT_FRAGMENT_VIEW_H */
