/* participa core: the thread and moderation view models (thread_view.h). */
#include "core/fragment/thread_view.h"
#include "core/fragment/fragment_view.h"
#include "core/common/pt_buf.h"
#include "core/common/pt_format.h"
#include "core/common/pt_time.h"
#include "core/site/site_config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define V pt_fragment_vb

typedef struct ctx {
	V b;
	pt_fragment_host host;       /* the caller's, with opts.outcome when given */
	const char *viewer, *subject_type, *subject_id, *cursor, *view, *timezone;
	int64_t replies_of;          /* the replies page of this comment, or 0 */
	int64_t at;                  /* the comment the page starts at (a view naming it), or 0 */
	bool votes;                  /* the comment list is inside the votes' form (thread.html) */
	pt_value *detached;          /* then: the <form> elements of the comment forms open in it */
	uint32_t perms;
	int64_t max_depth, edit_window_us, now_us;
	bool alignment;
} ctx;

static const char *const reasons[] = { "Datos personales", "Insultos o acoso", "Publicidad o spam",
	"Información falsa", "Otro motivo", NULL };
static const char *const alignments[] = { "for", "neutral", "against", NULL };
static const char *const alignment_labels[] = { "A favor", "Neutral", "En contra", NULL };

/* ---- links ---------------------------------------------------------------------- */

/* A link to the page (cursor, replies) or the view (NULL: none), to #<instance>-anchor (anchor
 * NULL: #<instance>; "": no fragment). */
static void link(ctx *c, pt_value *map, const char *key, const char *view, const char *cursor, int64_t replies,
	const char *anchor)
{
	int keys[3];
	const char *values[3];
	char rep[24];
	size_t n = 0;
	pt_buf u;

	if (c->b.s) {
		return;
	}
	if (replies) {
		snprintf(rep, sizeof(rep), "%lld", (long long)replies);
		keys[n] = PT_FRAGMENT_PARAM_REPLIES;
		values[n++] = rep;
	}
	if (cursor) {
		keys[n] = PT_FRAGMENT_PARAM_CURSOR;
		values[n++] = cursor;
	}
	if (view) {
		keys[n] = PT_FRAGMENT_PARAM_VIEW;
		values[n++] = view;
	}
	pt_buf_init(&u, c->b.a);
	if (pt_fragment_link(&c->host, &u, keys, values, n) != PT_OK) {
		c->b.s = PT_ERR_NOMEM;
	}
	if (!anchor || *anchor) {
		pt_buf_append(&u, "#", 1);
		pt_buf_puts(&u, c->host.instance && *c->host.instance ? c->host.instance : "participa");
	}
	if (anchor && *anchor) {
		pt_buf_append(&u, "-", 1);
		pt_buf_puts(&u, anchor);
	}
	pt_fragment_vstr(&c->b, map, key, u.failed ? NULL : u.data);
	c->b.s = u.failed ? PT_ERR_NOMEM : c->b.s;
	pt_buf_free(&u);
}

/* ---- one comment ------------------------------------------------------------------- */

/* The body as paragraphs (blank lines) of lines (single line breaks): [{lines: [{text, last}]}]. */
static void paragraphs(ctx *c, pt_value *cv, const char *body)
{
	pt_value *ps = pt_fragment_vset(&c->b, cv, "paragraphs", pt_fragment_vlist(&c->b)), *p = NULL, *lines = NULL;
	const char *s = body;

	while (s && *s && !c->b.s) {
		size_t len = strcspn(s, "\n");

		if (len) {
			pt_value *l;

			if (!p) {
				p = pt_fragment_vpush(&c->b, ps, pt_fragment_vmap(&c->b));
				lines = pt_fragment_vset(&c->b, p, "lines", pt_fragment_vlist(&c->b));
			}
			l = pt_fragment_vpush(&c->b, lines, pt_fragment_vmap(&c->b));
			pt_fragment_vset(&c->b, l, "text", pt_value_string(c->b.a, s, len));
			pt_fragment_vdefaults(&c->b, l, "last", NULL);
			/* a blank line (or the end) closes the paragraph */
			if (!s[len] || (s[len] == '\n' && s[len + 1 + strspn(s + len + 1, " \t")] == '\n')
					|| !s[len + 1 + strspn(s + len + 1, " \t\n")]) {
				pt_fragment_vtrue(&c->b, l, "last", true);
				p = NULL;
			}
		}
		s += len;
		s += *s == '\n';
	}
	if (p && lines && lines->u.c.count) {   /* the text ended inside a paragraph */
		pt_fragment_vtrue(&c->b, lines->u.c.items[lines->u.c.count - 1], "last", true);
	}
}

/* map[key] = "1 de febrero de 2026": the date of iso (a DATETIME in UTC or an ISO instant) in the
 * host's zone, else the site's (data "timezone"); iso is also map["iso"] for <time datetime>. */
static void date_text(ctx *c, pt_value *map, const char *key, const char *iso)
{
	pt_buf b;

	if (!iso || c->b.s) {
		return;
	}
	pt_buf_init(&b, c->b.a);
	if (pt_format_date(&b, iso, c->host.timezone && *c->host.timezone ? c->host.timezone : c->timezone,
			c->host.lang) == PT_OK && !b.failed) {
		pt_fragment_vstr(&c->b, map, key, b.data);
	}
	c->b.s = b.failed ? PT_ERR_NOMEM : c->b.s;
	pt_buf_free(&b);
}

/* map["iso"] = for <time datetime>, the date a stored DATETIME (UTC) is in the zone date_text()
 * shows it in ("2026-02-01": what the element shows; the instant in UTC if the zone is unknown). */
static void iso_attr(ctx *c, pt_value *map, const char *at)
{
	const pt_time_zone *z = pt_time_zone_named(c->host.timezone && *c->host.timezone ? c->host.timezone : c->timezone);
	char iso[PT_TIME_TEXT_MAX];
	int64_t us, s;
	pt_civil day;

	if (!at) {
		return;
	}
	us = pt_time_db_us(at, strlen(at));
	if (!z) {
		pt_time_format_iso(us, 0, iso);
	} else {
		s = us / 1000000 - (us % 1000000 < 0);
		pt_time_civil_from_seconds(s + pt_time_zone_offset(z, s), &day);
		snprintf(iso, sizeof(iso), "%04lld-%02u-%02u", (long long)day.year, day.month % 100u, day.day % 100u);
	}
	pt_fragment_vstr(&c->b, map, "iso", iso);
}

/* Whether what-id ("responder-12") is the open form: asked for (opts view), or the one a refusal came from. */
static bool view_is(ctx *c, const char *what, int64_t id)
{
	const char *form = pt_fragment_str(c->host.outcome, "form");
	char want[48];

	snprintf(want, sizeof(want), "%s-%lld", what, (long long)id);
	return (c->view && !strcmp(c->view, want)) || (form && !strcmp(form, want) && !pt_fragment_bool(c->host.outcome, "ok"));
}

/* The thread's own hidden fields and the comment's id under name. */
static pt_value *comment_form(ctx *c, pt_value *cv, const char *key, const char *action, const char *what,
	int64_t id, const char *id_name)
{
	char form[48], num[24];
	const char *extra[] = { "subject_type", c->subject_type, "subject_id", c->subject_id, id_name, num, NULL };
	pt_value *f;

	snprintf(form, sizeof(form), "%s-%lld", what, (long long)id);
	snprintf(num, sizeof(num), "%lld", (long long)id);
	f = pt_fragment_vset(&c->b, cv, key, pt_fragment_form(&c->b, action, form, extra));
	/* its link leads to the page that starts at the comment: the field takes the focus there */
	pt_fragment_vtrue(&c->b, f, "autofocus", true);
	if (c->votes) {
		/* inside the votes' form no other form may open: the fields name theirs (form="..."),
		 * an empty one after the list */
		char owner[64];
		pt_value *d = pt_fragment_vpush(&c->b, c->detached, pt_fragment_form(&c->b, action, form, extra));

		snprintf(owner, sizeof(owner), "%s-envio", form);
		pt_fragment_vid(&c->b, f, "owner", owner);
		pt_fragment_vid(&c->b, d, "owner", owner);
	}
	snprintf(form, sizeof(form), "c%lld", (long long)id);
	link(c, f, "cancel", form, NULL, 0, form);   /* the comment where it is, the form closed */
	return f;
}

static void comment(ctx *c, const pt_value *node, pt_value *list);

static void comment_forms(ctx *c, const pt_value *node, pt_value *cv, int64_t id, bool own, bool live)
{
	const char *status = pt_fragment_str(node, "status");
	bool published = status && !strcmp(status, "published");
	int64_t depth = pt_fragment_int(node, "depth", 0);
	char view[48], anchor[32];
	pt_value *f, *acts = pt_fragment_vset(&c->b, cv, "actions", pt_fragment_vmap(&c->b));

	snprintf(anchor, sizeof(anchor), "c%lld", (long long)id);

	if (c->viewer && (c->perms & PT_PERM_COMMENT) && published && depth < c->max_depth) {
		if (view_is(c, "responder", id)) {
			f = comment_form(c, acts, "reply", "thread.reply", "responder", id, "parent");
			pt_fragment_textarea(&c->b, f, "body", "Tu respuesta", NULL, true, 0);
			pt_fragment_vtext(&c->b, f, "submit", "Publicar respuesta");
		} else {
			snprintf(view, sizeof(view), "responder-%lld", (long long)id);
			link(c, acts, "reply_href", view, NULL, 0, "");
		}
	}
	if (c->viewer && (c->perms & PT_PERM_FLAG) && published && !own) {
		if (view_is(c, "reportar", id)) {
			f = comment_form(c, acts, "flag", "thread.flag", "reportar", id, "comment");
			pt_fragment_select(&c->b, f, "reason", "Motivo del reporte", reasons, reasons, NULL);
			pt_fragment_vtext(&c->b, f, "submit", "Enviar reporte");
		} else {
			snprintf(view, sizeof(view), "reportar-%lld", (long long)id);
			link(c, acts, "flag_href", view, NULL, 0, "");
		}
	}
	if (own && live && c->edit_window_us > 0 && status && strcmp(status, "rejected")
			&& c->now_us - pt_time_db_us(pt_fragment_str(node, "created_at") ? pt_fragment_str(node, "created_at") : "",
				pt_fragment_str(node, "created_at") ? strlen(pt_fragment_str(node, "created_at")) : 0)
				<= c->edit_window_us) {
		if (view_is(c, "editar", id)) {
			f = comment_form(c, acts, "edit", "thread.edit", "editar", id, "comment");
			pt_fragment_textarea(&c->b, f, "body", "Tu comentario", pt_fragment_str(node, "body"), true, 0);
			pt_fragment_vtext(&c->b, f, "submit", "Guardar cambios");
		} else {
			snprintf(view, sizeof(view), "editar-%lld", (long long)id);
			link(c, acts, "edit_href", view, NULL, 0, anchor);
		}
	}
	if (own && live) {
		if (view_is(c, "eliminar", id)) {
			f = comment_form(c, acts, "delete", "thread.delete", "eliminar", id, "comment");
			pt_fragment_vtext(&c->b, f, "question", "¿Eliminar tu comentario? Su lugar quedará como «comentario eliminado».");
			pt_fragment_vtext(&c->b, f, "submit", "Eliminar");
		} else {
			snprintf(view, sizeof(view), "eliminar-%lld", (long long)id);
			link(c, acts, "delete_href", view, NULL, 0, anchor);
		}
	}
	if (c->viewer && (c->perms & PT_PERM_ANSWER) && published && !pt_fragment_bool(node, "official")) {
		pt_fragment_vtrue(&c->b, acts, "answer", true);
	}
	if (c->viewer && (c->perms & PT_PERM_REACT) && published) {
		const char *vote = pt_fragment_str(node, "viewer_vote");

		bool up = vote && !strcmp(vote, "up"), down = vote && !strcmp(vote, "down");

		/* a button posts its reaction as its name, the comment as its value; pressing the vote
		 * one already gave withdraws it */
		pt_fragment_vtrue(&c->b, cv, "react", true);
		pt_fragment_vstr(&c->b, cv, "up_name", up ? "none" : "up");
		pt_fragment_vstr(&c->b, cv, "up_pressed", up ? "true" : "false");
		pt_fragment_vstr(&c->b, cv, "down_name", down ? "none" : "down");
		pt_fragment_vstr(&c->b, cv, "down_pressed", down ? "true" : "false");
	}
	pt_fragment_vdefaults(&c->b, acts, "reply_href", "flag_href", "edit_href", "delete_href", "answer", "reply", "flag",
		"edit", "delete", NULL);
}

static void comment(ctx *c, const pt_value *node, pt_value *list)
{
	pt_value *cv = pt_fragment_vpush(&c->b, list, pt_fragment_vmap(&c->b));
	int64_t id = pt_fragment_int(node, "id", 0);
	const char *author = pt_fragment_str(node, "author"), *status = pt_fragment_str(node, "status");
	const char *alignment = pt_fragment_str(node, "alignment"), *more = pt_fragment_str(node, "more");
	const pt_value *replies = node ? pt_value_get(node, "replies") : NULL;
	bool own = c->viewer && author && !strcmp(author, c->viewer);
	bool live = status && (!strcmp(status, "published") || !strcmp(status, "held"));
	char suffix[32];

	snprintf(suffix, sizeof(suffix), "c%lld", (long long)id);
	pt_fragment_vid(&c->b, cv, "id", suffix);
	pt_fragment_vint(&c->b, cv, "cid", id);
	if (status && !strcmp(status, "deleted")) {
		pt_fragment_vtext(&c->b, cv, "notice", "Comentario eliminado");
	} else if (status && (!strcmp(status, "hidden") || !pt_fragment_str(node, "body"))) {
		pt_fragment_vtext(&c->b, cv, "notice", "Comentario oculto mientras se revisa");
	} else {
		pt_fragment_vstr(&c->b, cv, "author", pt_fragment_name(&c->host, author));
		iso_attr(c, cv, pt_fragment_str(node, "created_at"));
		date_text(c, cv, "date", pt_fragment_str(node, "created_iso"));
		if (pt_fragment_str(node, "edited_at")) {
			pt_fragment_vtext(&c->b, cv, "edited", "editado");
		}
		if (status && !strcmp(status, "held")) {
			pt_fragment_vtext(&c->b, cv, "held", "En revisión");
		}
		if (pt_fragment_bool(node, "official")) {
			pt_fragment_vtext(&c->b, cv, "official", "Respuesta oficial");
		}
		for (size_t i = 0; alignment && alignments[i]; i++) {
			if (!strcmp(alignment, alignments[i])) {
				pt_fragment_vtext(&c->b, cv, "alignment", alignment_labels[i]);
			}
		}
		paragraphs(c, cv, pt_fragment_str(node, "body"));
		pt_fragment_vint(&c->b, cv, "up", pt_fragment_int(node, "up", 0));
		pt_fragment_vint(&c->b, cv, "down", pt_fragment_int(node, "down", 0));
		comment_forms(c, node, cv, id, own, live);
	}
	if (replies && replies->type == PT_VALUE_LIST && replies->u.c.count) {
		pt_value *rl = pt_fragment_vset(&c->b, cv, "replies", pt_fragment_vlist(&c->b));

		for (size_t i = 0; i < replies->u.c.count && !c->b.s; i++) {
			comment(c, replies->u.c.items[i], rl);
		}
	}
	if (more) {
		pt_value *m = pt_fragment_vset(&c->b, cv, "more", pt_fragment_vmap(&c->b));

		link(c, m, "href", NULL, more, id, NULL);
		pt_fragment_vfmt(&c->b, m, "text", "Ver más respuestas (%lld)", (long long)pt_fragment_int(node, "more_count", 0));
	}
	pt_fragment_vdefaults(&c->b, cv, "official", "notice", "author", "iso", "date", "edited", "held", "alignment",
		"paragraphs", "react", "up_name", "up_pressed", "down_name", "down_pressed", "actions", "replies", "more", NULL);
}

/* ---- the thread ------------------------------------------------------------------ */

/* The forms the comments' buttons post: the votes' form around the list (a button's name is
 * its reaction, its value the comment: thread.react takes "up=12"), and the official answers'
 * (form="<instance>-oficial"). The comment forms open in the list go after it (c->detached). */
static void shared_forms(ctx *c, pt_value *v)
{
	const char *extra[] = { "subject_type", c->subject_type, "subject_id", c->subject_id, NULL };

	c->votes = c->viewer && (c->perms & PT_PERM_REACT);
	if (c->votes) {
		pt_fragment_vset(&c->b, v, "votes", pt_fragment_form(&c->b, "thread.react", "votos", extra));
		c->detached = pt_fragment_vset(&c->b, v, "detached", pt_fragment_vlist(&c->b));
	}
	if (c->viewer && (c->perms & PT_PERM_ANSWER)) {
		pt_fragment_vpush(&c->b, pt_fragment_vset(&c->b, v, "shared", pt_fragment_vlist(&c->b)),
			pt_fragment_form(&c->b, "thread.answer", "oficial", extra));
	}
}

static void root_form(ctx *c, pt_value *v)
{
	const char *extra[] = { "subject_type", c->subject_type, "subject_id", c->subject_id, NULL };
	pt_value *f;

	if (!c->viewer) {
		pt_fragment_vtext(&c->b, v, "signin", "Inicia sesión para comentar.");
		return;
	}
	if (!(c->perms & PT_PERM_COMMENT)) {
		pt_fragment_vtext(&c->b, v, "signin", "Tu cuenta no puede comentar en este tema.");
		return;
	}
	f = pt_fragment_vset(&c->b, v, "form", pt_fragment_form(&c->b, c->alignment ? "thread.stance" : "thread.post",
		"comentar", extra));
	pt_fragment_vtext(&c->b, f, "legend", "Escribe un comentario");
	if (c->alignment) {
		pt_fragment_choice(&c->b, f, "alignment", "Tu postura", alignments, alignment_labels, "neutral");
	}
	pt_fragment_textarea(&c->b, f, "body", "Tu comentario", NULL, true, 0);
	pt_fragment_vtext(&c->b, f, "submit", "Publicar comentario");
}

/* A success message of a thread action (opts or host outcome, ok) for the role="status" line. */
static void status_line(ctx *c, pt_value *v, const char *prefix)
{
	const pt_value *o = c->host.outcome;
	const char *action = pt_fragment_str(o, "action"), *msg = pt_fragment_str(o, "message");

	if (o && pt_fragment_bool(o, "ok") && action && msg && !strncmp(action, prefix, strlen(prefix))) {
		pt_fragment_vstr(&c->b, v, "status", msg);
	}
}

int64_t pt_fragment_thread_view_comment(const char *view)
{
	static const char *const kinds[] = { "c", "responder-", "reportar-", "editar-", "eliminar-", NULL };

	for (size_t i = 0; view && kinds[i]; i++) {
		size_t n = strlen(kinds[i]), digits;

		if (strncmp(view, kinds[i], n)) {
			continue;
		}
		digits = strspn(view + n, "0123456789");
		if (view[n] >= '1' && view[n] <= '9' && digits <= 18 && !view[n + digits]) {
			return strtoll(view + n, NULL, 10);
		}
	}
	return 0;
}

/* The view a render opens: opts' view, else the form a refused outcome came from. */
static const char *opened(const pt_value *opts, const pt_value *outcome)
{
	const char *view = pt_fragment_str(opts, "view");

	if (view && *view) {
		return view;
	}
	return outcome && outcome->type == PT_VALUE_MAP && !pt_fragment_bool(outcome, "ok")
		? pt_fragment_str(outcome, "form") : NULL;
}

static void ctx_init(ctx *c, const pt_value *data, const pt_fragment_host *host, const pt_allocator *a)
{
	const pt_value *opts = pt_value_get(data, "opts"), *outcome = opts ? pt_value_get(opts, "outcome") : NULL;
	const pt_value *info = pt_value_get(data, "info");

	memset(c, 0, sizeof(*c));
	if (host) {
		c->host = *host;
	}
	if (outcome && outcome->type == PT_VALUE_MAP) {
		c->host.outcome = outcome;
	}
	pt_fragment_vb_init(&c->b, &c->host, a);
	c->viewer = pt_fragment_str(data, "viewer");
	c->timezone = pt_fragment_str(data, "timezone");
	c->perms = (uint32_t)pt_fragment_int(data, "perms", 0);
	c->max_depth = pt_fragment_int(data, "max_depth", 4);
	c->edit_window_us = pt_fragment_int(data, "edit_window", 0) * 1000000;
	c->now_us = pt_fragment_int(data, "now", 0);
	c->now_us = c->now_us ? c->now_us : pt_time_now_us();
	c->subject_type = pt_fragment_str(info, "subject_type");
	c->subject_id = pt_fragment_str(info, "subject_id");
	c->alignment = pt_fragment_bool(info, "alignment");
	c->cursor = pt_fragment_str(opts, "cursor");
	c->view = pt_fragment_str(opts, "view");
	c->replies_of = pt_fragment_int(opts, "replies", 0);
	if (!c->replies_of && pt_fragment_str(opts, "replies")) {
		c->replies_of = strtoll(pt_fragment_str(opts, "replies"), NULL, 10);
	}
	/* a view naming a comment read the page that starts at it (pt_fragment_thread_read(), from
	 * the same opts): a reply's is its parent's replies */
	if ((c->at = pt_fragment_thread_view_comment(opened(opts, outcome)))) {
		const pt_value *page = pt_value_get(data, "page");
		const pt_value *comments = page && page->type == PT_VALUE_MAP ? pt_value_get(page, "comments") : NULL;

		c->cursor = NULL;
		c->replies_of = comments && comments->type == PT_VALUE_LIST && comments->u.c.count
			? pt_fragment_int(comments->u.c.items[0], "parent_id", 0) : 0;
	}
}

pt_status pt_fragment_thread_view(const pt_value *data, const pt_fragment_host *host, const pt_allocator *a,
	pt_value **out, pt_error *err)
{
	ctx c;
	const pt_value *page, *comments, *counts, *opts;
	const char *title, *next;
	pt_value *v, *list;

	*out = NULL;
	if (!data || data->type != PT_VALUE_MAP) {
		return pt_error_set(err, PT_ERR_INVALID, "a thread view needs its data map");
	}
	ctx_init(&c, data, host, a);
	page = pt_value_get(data, "page");
	opts = pt_value_get(data, "opts");
	comments = page && page->type == PT_VALUE_MAP ? pt_value_get(page, "comments") : NULL;
	counts = page && page->type == PT_VALUE_MAP ? pt_value_get(page, "counts") : NULL;
	next = pt_fragment_str(page, "next");
	title = pt_fragment_str(opts, "title");
	v = pt_fragment_vmap(&c.b);
	pt_fragment_vset(&c.b, v, "host", pt_fragment_base(&c.host, a));
	pt_fragment_vid(&c.b, v, "id", NULL);
	pt_fragment_vid(&c.b, v, "title_id", "titulo");
	if (title) {
		pt_fragment_vstr(&c.b, v, "title", title);
	} else {
		pt_fragment_vtext(&c.b, v, "title", c.replies_of ? "Respuestas" : "Comentarios");
	}
	if (counts && counts->type == PT_VALUE_MAP) {
		pt_fragment_vfmt(&c.b, v, "counts", "Comentarios publicados: %lld. Conversaciones: %lld.",
			(long long)pt_fragment_int(counts, "published", 0), (long long)pt_fragment_int(counts, "roots", 0));
	}
	status_line(&c, v, "thread.");
	shared_forms(&c, v);
	list = pt_fragment_vset(&c.b, v, "comments", pt_fragment_vlist(&c.b));
	for (size_t i = 0; comments && comments->type == PT_VALUE_LIST && i < comments->u.c.count && !c.b.s; i++) {
		comment(&c, comments->u.c.items[i], list);
	}
	if (!list || !list->u.c.count) {
		pt_fragment_vtext(&c.b, v, "empty", c.replies_of ? "No hay más respuestas."
			: "Todavía no hay comentarios. Sé la primera persona en opinar.");
	}
	if (next) {
		pt_value *m = pt_fragment_vset(&c.b, v, "more", pt_fragment_vmap(&c.b));

		link(&c, m, "href", NULL, next, c.replies_of, NULL);
		pt_fragment_vtext(&c.b, m, "text", c.replies_of ? "Ver más respuestas" : "Ver más comentarios");
	}
	if (c.replies_of) {
		/* the comment answered, in context: the page that starts at it */
		pt_value *m = pt_fragment_vset(&c.b, v, "back", pt_fragment_vmap(&c.b));
		char anchor[32];

		snprintf(anchor, sizeof(anchor), "c%lld", (long long)c.replies_of);
		link(&c, m, "href", anchor, NULL, 0, anchor);
		pt_fragment_vtext(&c.b, m, "text", "Volver a la conversación");
	} else {
		if (c.at) {   /* the page starts at a comment: the way to the first one */
			pt_value *m = pt_fragment_vset(&c.b, v, "back", pt_fragment_vmap(&c.b));

			link(&c, m, "href", NULL, NULL, 0, NULL);
			pt_fragment_vtext(&c.b, m, "text", "Ver los comentarios desde el principio");
		}
		root_form(&c, v);
	}
	pt_fragment_vtext(&c.b, v, "up_text", "De acuerdo");
	pt_fragment_vtext(&c.b, v, "down_text", "En desacuerdo");
	pt_fragment_vtext(&c.b, v, "reply_text", "Responder");
	pt_fragment_vtext(&c.b, v, "flag_text", "Reportar");
	pt_fragment_vtext(&c.b, v, "edit_text", "Editar");
	pt_fragment_vtext(&c.b, v, "delete_text", "Eliminar");
	pt_fragment_vtext(&c.b, v, "answer_text", "Marcar como respuesta oficial");
	pt_fragment_vtext(&c.b, v, "cancel_text", "Cancelar");
	if (c.b.s != PT_OK) {
		pt_value_free(v);
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory building a thread view");
	}
	*out = v;
	return PT_OK;
}

/* ---- the moderation queue --------------------------------------------------------- */

pt_status pt_fragment_moderation_view(const pt_value *data, const pt_fragment_host *host, const pt_allocator *a,
	pt_value **out, pt_error *err)
{
	static const struct { const char *action, *form, *label; } acts[] = {
		{ "moderation.approve", "aprobar", "Aprobar" }, { "moderation.reject", "rechazar", "Rechazar" },
		{ "moderation.hide", "ocultar", "Ocultar" },
	};
	ctx c;
	const pt_value *queue, *items;
	pt_value *v, *list;

	*out = NULL;
	if (!data || data->type != PT_VALUE_MAP) {
		return pt_error_set(err, PT_ERR_INVALID, "a moderation view needs its data map");
	}
	ctx_init(&c, data, host, a);
	queue = pt_value_get(data, "queue");
	items = queue && queue->type == PT_VALUE_MAP ? pt_value_get(queue, "items") : NULL;
	v = pt_fragment_vmap(&c.b);
	pt_fragment_vset(&c.b, v, "host", pt_fragment_base(&c.host, a));
	pt_fragment_vid(&c.b, v, "id", NULL);
	pt_fragment_vid(&c.b, v, "title_id", "titulo");
	pt_fragment_vtext(&c.b, v, "title", "Comentarios por revisar");
	status_line(&c, v, "moderation.");
	if (!(c.perms & PT_PERM_MODERATE)) {
		pt_fragment_vtext(&c.b, v, "refused", "No tienes permiso para moderar.");
		items = NULL;
	}
	list = pt_fragment_vset(&c.b, v, "items", pt_fragment_vlist(&c.b));
	for (size_t i = 0; items && items->type == PT_VALUE_LIST && i < items->u.c.count && !c.b.s; i++) {
		const pt_value *it = items->u.c.items[i];
		pt_value *iv = pt_fragment_vpush(&c.b, list, pt_fragment_vmap(&c.b)), *forms;
		int64_t id = pt_fragment_int(it, "id", 0);
		const char *author = pt_fragment_str(it, "author"), *status = pt_fragment_str(it, "status");
		char suffix[48], num[24];

		snprintf(suffix, sizeof(suffix), "m%lld", (long long)id);
		snprintf(num, sizeof(num), "%lld", (long long)id);
		pt_fragment_vid(&c.b, iv, "id", suffix);
		pt_fragment_vstr(&c.b, iv, "author", pt_fragment_name(&c.host, author));
		iso_attr(&c, iv, pt_fragment_str(it, "created_at"));
		date_text(&c, iv, "date", pt_fragment_str(it, "created_at"));
		pt_fragment_vtext(&c.b, iv, "status", status && !strcmp(status, "hidden") ? "Oculto"
			: status && !strcmp(status, "rejected") ? "Rechazado" : status && !strcmp(status, "published")
			? "Publicado" : "En revisión");
		if (pt_fragment_int(it, "flags", 0) > 0) {
			pt_fragment_vfmt(&c.b, iv, "flags", "Reportes: %lld", (long long)pt_fragment_int(it, "flags", 0));
		}
		paragraphs(&c, iv, pt_fragment_str(it, "body"));
		pt_fragment_vdefaults(&c.b, iv, "flags", "iso", "date", NULL);
		forms = pt_fragment_vset(&c.b, iv, "forms", pt_fragment_vlist(&c.b));
		for (size_t k = 0; k < sizeof(acts) / sizeof(acts[0]); k++) {
			const char *extra[] = { "comment", num, NULL };
			char form[64];
			pt_value *f;

			snprintf(form, sizeof(form), "%s-%lld", acts[k].form, (long long)id);
			f = pt_fragment_vpush(&c.b, forms, pt_fragment_form(&c.b, acts[k].action, form, extra));
			pt_fragment_vtext(&c.b, f, "submit", acts[k].label);
		}
		if (author) {
			const char *extra[] = { "participant", author, NULL };
			char form[64];
			pt_value *f;

			snprintf(form, sizeof(form), "suspender-%lld", (long long)id);
			f = pt_fragment_vpush(&c.b, forms, pt_fragment_form(&c.b, "moderation.ban", form, extra));
			pt_fragment_textarea(&c.b, f, "reason", "Motivo de la suspensión", NULL, true, 500);
			pt_fragment_vtext(&c.b, f, "submit", "Suspender a quien lo escribió");
		}
	}
	if (!c.b.s && list && !list->u.c.count && (c.perms & PT_PERM_MODERATE)) {
		pt_fragment_vtext(&c.b, v, "empty", "No hay comentarios por revisar.");
	}
	if (c.b.s != PT_OK) {
		pt_value_free(v);
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory building a moderation view");
	}
	*out = v;
	return PT_OK;
}

/* ---- what a render reads --------------------------------------------------------- */

static pt_status authors(const pt_value *v, pt_value *list, int depth)
{
	if (!v || depth > 64 || (v->type != PT_VALUE_MAP && v->type != PT_VALUE_LIST)) {
		return PT_OK;
	}
	for (size_t i = 0; i < v->u.c.count; i++) {
		const pt_value *x = v->u.c.items[i];

		if (v->type == PT_VALUE_MAP && !strcmp(v->u.c.keys[i], "author") && x->type == PT_VALUE_STRING) {
			bool seen = false;

			for (size_t j = 0; j < list->u.c.count && !seen; j++) {
				seen = !strcmp(list->u.c.items[j]->u.s.s, x->u.s.s);
			}
			if (!seen && pt_value_push(list, pt_value_string(list->alloc, x->u.s.s, x->u.s.len)) != PT_OK) {
				return PT_ERR_NOMEM;
			}
		} else if (authors(x, list, depth + 1) != PT_OK) {
			return PT_ERR_NOMEM;
		}
	}
	return PT_OK;
}

pt_value *pt_fragment_authors(const pt_value *data, const pt_allocator *a)
{
	pt_value *list = pt_value_list(a);

	if (list && authors(data, list, 0) != PT_OK) {
		pt_value_free(list);
		return NULL;
	}
	return list;
}

pt_status pt_fragment_thread_read(const pt_value *opts, const char *viewer, const pt_allocator *a, char *method,
	size_t size, pt_value **args)
{
	int64_t replies = pt_fragment_int(opts, "replies", 0);
	const char *cursor = pt_fragment_str(opts, "cursor");
	const pt_value *outcome = opts ? pt_value_get(opts, "outcome") : NULL;
	int64_t at = pt_fragment_thread_view_comment(opened(opts, outcome));
	pt_value *o;
	pt_status s;

	if (!replies && pt_fragment_str(opts, "replies")) {
		replies = strtoll(pt_fragment_str(opts, "replies"), NULL, 10);
	}
	if (at) {   /* the page that starts at the comment the view names */
		replies = 0;
		cursor = NULL;
	}
	snprintf(method, size, "%s", replies > 0 ? "replies" : "page");
	*args = pt_value_list(a);
	o = pt_value_map(a);
	if (!*args || !o) {
		pt_value_free(*args);
		pt_value_free(o);
		return PT_ERR_NOMEM;
	}
	s = replies > 0 ? pt_value_push(*args, pt_value_int(a, replies)) : PT_OK;
	if (s != PT_OK) {
		pt_value_free(o);
	} else {
		s = pt_value_push(*args, o);   /* owns o even when it fails */
	}
	s = s || !viewer ? s : pt_value_setc(o, "viewer", pt_value_cstr(a, viewer));
	s = s || !cursor || !*cursor ? s : pt_value_setc(o, "cursor", pt_value_cstr(a, cursor));
	s = s || !at ? s : pt_value_setc(o, "at", pt_value_int(a, at));
	if (s != PT_OK) {
		pt_value_free(*args);
		*args = NULL;
	}
	return s;
}
