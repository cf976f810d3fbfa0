/*
 * participa core: the view models of the commitment fragments, plain C over
 * pt_value trees (docs/fragments/commitments.md). No I/O, no php.h.
 *
 *   pt_fragment_commitment_view()  templates/commitment-page.html   Commitments::html()
 *   pt_fragment_plan_view()        templates/plan-dashboard.html    Commitments::planHtml()
 *   pt_fragment_assembly_view()    templates/assembly.html          Commitments::assemblyHtml()
 *
 * Each takes the data the public API already returns (converted once), plus
 * a "site" map that pt_fragment_commitment_site() builds from the
 * configuration (labels of themes, pillars, statuses, plans, territory
 * names), and adds everything a citizen reads: labels from the catalog in
 * host->lang, dates as "1 de febrero de 2026", pesos, percentages, the
 * traffic light in words, absolute links (pt_fragment_link), form fields
 * with their errors and draft (host->outcome), and every SVG coordinate.
 * The templates only draw.
 *
 * Inputs (missing keys read as absent, wrong types as absent: a view never
 * fails on odd data, only on memory):
 *
 *   commitment view: Commitments::view() (get() + children_list, thread,
 *     official_answers) and
 *       parent_record  get() of the parent, or null
 *       history    history() (the last event is "the last update"), or absent
 *       site       pt_fragment_commitment_site()
 *       today      YYYY-MM-DD (milestones past due)
 *       may_update bool: the viewer may update it (shows the progress form)
 *   plan view: {plan: id, commitments: list(['plan' => id]) (every level,
 *     with milestones), site, today}
 *   assembly view: {territory: id or null, assemblies: assemblies(),
 *     followups: {commitment id: get() summary} (optional), site, today,
 *     may_record: bool}
 */
#ifndef PT_FRAGMENT_COMMITMENT_VIEW_H
#define PT_FRAGMENT_COMMITMENT_VIEW_H

#include <stdbool.h>
#include "core/common/pt_base.h"
#include "core/common/pt_buf.h"
#include "core/common/pt_value.h"
#include "core/fragment/fragment_host.h"
#include "core/site/site_config.h"

/* pt_fragment_commitment_site() flags. */
#define PT_FRAGMENT_SITE_TERRITORIES 1u   /* every territory (the assembly form's choice), up to the limit below */
#define PT_FRAGMENT_SITE_TERRITORY_CHOICE_MAX 500

/*
 * The configuration's facts the views read, as a map: themes, pillars,
 * agencies, statuses ([{id, label, closed}] in YAML order), plans ([{id,
 * title, from, to, territory, agenda, approval_date, approval_session}]),
 * territories ({id: name} of every "territory" data names, and with
 * PT_FRAGMENT_SITE_TERRITORIES every territory while there are at most
 * PT_FRAGMENT_SITE_TERRITORY_CHOICE_MAX), territory_choice (bool: the list is
 * complete). NULL when out of memory.
 */
pt_value *pt_fragment_commitment_site(const pt_config *cfg, const pt_value *data, unsigned flags,
	const pt_allocator *a);

/* data["today"] (unless there is one: the site's today) and data["site"] (pt_fragment_commitment_site()):
 * what every view reads besides its data. PT_ERR_NOMEM; PT_ERR_INVALID when data is no map. */
pt_status pt_fragment_commitment_prepare(const pt_config *cfg, pt_value *data, unsigned flags, const pt_allocator *a);
/* Today (YYYY-MM-DD) in zone tz (the site's cfg->timezone, the host's; NULL: America/Mexico_City), from the clock. */
void pt_fragment_commitment_today(const char *tz, char out[11]);

/* The participant ids a view shows (authors of answers and evidence, the last update's actor, assembly
 * recorders), for the host's name resolver: a list of strings. NULL when out of memory. */
pt_value *pt_fragment_commitment_ids(const pt_value *data, const pt_allocator *a);

pt_status pt_fragment_commitment_view(const pt_value *data, const pt_fragment_host *host, const pt_allocator *a,
	pt_value **out, pt_error *err);
pt_status pt_fragment_plan_view(const pt_value *data, const pt_fragment_host *host, const pt_allocator *a,
	pt_value **out, pt_error *err);
pt_status pt_fragment_assembly_view(const pt_value *data, const pt_fragment_host *host, const pt_allocator *a,
	pt_value **out, pt_error *err);

/* ---- shared by the three views (commitment_view.c) ----------------------------------- */

/* A member's string, or NULL (absent, or not a string). */
const char *pt_cv_str(const pt_value *map, const char *key);
/* A member's number (int, rational, real; a numeric string too), or dflt. */
double pt_cv_num(const pt_value *map, const char *key, double dflt);
/* A member that is a list, or NULL. */
const pt_value *pt_cv_list(const pt_value *map, const char *key);
/* Sets key (replacing it) to the text s, or to null for NULL: a member an item may have is always present, as
 * a missing Mustache name is looked up in the items around it ({{#list.0}} pushes the first item). false when
 * out of memory. */
bool pt_cv_set(pt_value *m, const char *key, const char *s);
/* Sets key (replacing it) to b's text, freeing b; to a bool; to null. */
bool pt_cv_set_buf(pt_value *m, const char *key, pt_buf *b);
bool pt_cv_set_bool(pt_value *m, const char *key, bool v);
bool pt_cv_set_null(pt_value *m, const char *key);
/* pt_buf_puts() of s, nothing for NULL. */
void pt_cv_puts(pt_buf *b, const char *s);
/* host->lang, or "es". */
const char *pt_cv_lang(const pt_fragment_host *h);
/* A view's labels ({{t.key}}): each Spanish text in host->lang. NULL when out of memory. */
typedef struct pt_cv_label_row { const char *key, *es; } pt_cv_label_row;
pt_value *pt_cv_labels(const pt_fragment_host *h, const pt_cv_label_row *rows, size_t n, const pt_allocator *a);
/* Sets key to the catalogued Spanish es in host->lang. */
bool pt_cv_text(pt_value *m, const pt_fragment_host *h, const char *key, const char *es);
/* Sets key to {iso, text} of a date or DB/ISO datetime (text "1 de febrero de 2026"; with time when
 * with_time); nothing when s is NULL or no date. */
bool pt_cv_date(pt_value *m, const pt_fragment_host *h, const char *key, const char *s, bool with_time);
/* A percentage (0..100) as "45.5 %" (one decimal, none when whole) into b. */
void pt_cv_percent(pt_buf *b, double percent, const char *lang);
/* The traffic light of a commitment (its "light" name) as {name, label, symbol}; NULL for none. */
pt_value *pt_cv_light(const pt_fragment_host *h, const char *light, const pt_allocator *a);
/* The absolute link to commitment id's page (the host's view parameter = the id), as key. */
bool pt_cv_link(pt_value *m, const pt_fragment_host *h, const char *key, const char *id);
/* An element id unique on the page: "<instance>-<part>[-<n>]" (n < 0: none), as key. */
bool pt_cv_id(pt_value *m, const pt_fragment_host *h, const char *key, const char *part, long n);
/* The label of id in the site's list (site.<list>: [{id, label}]), or NULL. */
const char *pt_cv_label(const pt_value *site, const char *list, const char *id);
/* Text as paragraphs [{text}] (split at blank lines; line breaks kept inside), as key; nothing for NULL/"". */
bool pt_cv_paragraphs(pt_value *m, const char *key, const char *text);
/* The hidden fields every form carries: participa_action, participa_form (form: the id suffix of the form,
 * so only the form sent shows its draft), the host's token, participa_return (here). */
pt_value *pt_cv_hidden(const pt_fragment_host *h, const char *action, const char *form, const pt_allocator *a);
/* The outcome's message for this form (host->outcome of action), as message, message_id, message_kind
 * (ok or error), in the host's language; nothing for another action. */
bool pt_cv_message(pt_value *m, const pt_fragment_host *h, const char *action, const char *form);
/*
 * A form field {id, name, label, type, value, error, error_id, hint, hint_id, describedby,
 * textarea/select/input flags} appended to fields: its value from the refused outcome's draft
 * (pt_fragment_refusal()), else dflt; its error from that outcome, in the host's language.
 */
pt_value *pt_cv_field(pt_value *fields, const pt_fragment_host *h, const pt_value *outcome, const char *form,
	const char *name, const char *label_es, const char *kind, const char *dflt, const char *hint_es);

#endif /* PT_FRAGMENT_COMMITMENT_VIEW_H */
