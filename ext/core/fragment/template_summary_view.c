/*
 * participa core: a process template's summary as a fragment (template_summary_view.h).
 */
#include "core/fragment/template_summary_view.h"
#include "core/fragment/fragment_view.h"
#include "core/common/pt_buf.h"
#include "core/common/pt_format.h"
#include "core/process/config_processes.h"

#include <stdio.h>
#include <string.h>

static const char *lang_of(const pt_fragment_host *h)
{
	return h && h->lang && !strcmp(h->lang, "en") ? "en" : "es";
}

static int64_t int_of(const pt_value *m, const char *k)
{
	const pt_value *v = m && m->type == PT_VALUE_MAP ? pt_value_get(m, k) : NULL;

	return v && v->type == PT_VALUE_INT ? v->u.i : 0;
}

/* map[key] = buf's text (the buffer is emptied; a failed buffer fails the builder) */
static void set_buf(pt_fragment_vb *b, pt_value *m, const char *key, pt_buf *buf)
{
	if (buf->failed) {
		b->s = b->s ? b->s : PT_ERR_NOMEM;
	} else if (!b->s) {
		pt_fragment_vset(b, m, key, pt_value_string(b->a, buf->data ? buf->data : "", buf->len));
	}
	buf->len = 0;
}

static void set_number(pt_fragment_vb *b, pt_value *m, const char *key, int64_t n, pt_buf *buf)
{
	pt_format_number(buf, (double)n, 0, lang_of(b->h));
	set_buf(b, m, key, buf);
}

/* voters / residents to one decimal, rounded half up in whole numbers; "—" without residents */
static void set_turnout(pt_fragment_vb *b, pt_value *m, const char *key, int64_t voters, int64_t residents, pt_buf *buf)
{
	if (residents <= 0) {
		pt_buf_puts(buf, PT_FORMAT_NONE);
	} else {
		int64_t tenths = (voters * 1000 + residents / 2) / residents;

		pt_format_number(buf, (double)tenths / 10.0, 1, lang_of(b->h));
		pt_buf_puts(buf, " %");
	}
	set_buf(b, m, key, buf);
}

/* the winners by name, joined with ", "; their absence in words */
static void set_winners(pt_fragment_vb *b, const pt_config *cfg, pt_value *m, const pt_value *row, pt_buf *buf)
{
	const pt_value *w = pt_value_get(row, "winners");
	const char *pid = pt_fragment_str(row, "process");
	const pt_process_def *p = pid ? pt_config_process(cfg, pid, strlen(pid)) : NULL;
	size_t i, n = 0;

	if (!w || w->type != PT_VALUE_LIST) {
		pt_fragment_vtext(b, m, "winners", "Sin conteo final");
		pt_fragment_vtrue(b, m, "pending", true);
		return;
	}
	for (i = 0; i < w->u.c.count; i++) {
		const pt_value *x = w->u.c.items[i];
		int32_t c;

		if (x->type != PT_VALUE_STRING) {
			continue;
		}
		c = p ? pt_process_candidate_find(p, x->u.s.s, x->u.s.len) : -1;
		if (n++) {
			pt_buf_puts(buf, ", ");
		}
		if (c >= 0 && p->candidates[c].name) {
			pt_buf_puts(buf, p->candidates[c].name);
		} else {
			pt_buf_append(buf, x->u.s.s, x->u.s.len);
		}
	}
	if (!n) {
		pt_buf_puts(buf, pt_fragment_text(b->h, "Sin ganador"));
	}
	set_buf(b, m, "winners", buf);
}

/* the template's title with "{territory}" read as "cada territorio" */
static void set_title(pt_fragment_vb *b, pt_value *m, const pt_value *summary, pt_buf *buf)
{
	const char *t = pt_fragment_str(summary, "title"), *at;

	if (!t) {
		t = pt_fragment_str(summary, "template");
	}
	for (; t && (at = strstr(t, "{territory}")); t = at + sizeof("{territory}") - 1) {
		pt_buf_append(buf, t, (size_t)(at - t));
		pt_buf_puts(buf, pt_fragment_text(b->h, "cada territorio"));
	}
	pt_buf_puts(buf, t ? t : "");
	set_buf(b, m, "title", buf);
}

static void labels(pt_fragment_vb *b, pt_value *m)
{
	pt_value *t = pt_fragment_vset(b, m, "t", pt_fragment_vmap(b));

	pt_fragment_vtext(b, t, "territory", "Territorio");
	pt_fragment_vtext(b, t, "residents", "Residentes");
	pt_fragment_vtext(b, t, "voters", "Votantes");
	pt_fragment_vtext(b, t, "turnout", "Participación");
	pt_fragment_vtext(b, t, "state", "Votación");
	pt_fragment_vtext(b, t, "winners", "Ganadores");
	pt_fragment_vtext(b, t, "total", "Total");
	pt_fragment_vtext(b, t, "totals", "En resumen");
}

static void totals(pt_fragment_vb *b, pt_value *m, const pt_value *tot, pt_buf *buf)
{
	int64_t procs = int_of(tot, "processes"), closed = int_of(tot, "closed"), counted = int_of(tot, "counted");
	pt_value *f = pt_fragment_vset(b, m, "total", pt_fragment_vmap(b)), *list = pt_fragment_vset(b, m, "facts",
		pt_fragment_vlist(b)), *e;

	set_number(b, f, "residents", int_of(tot, "residents"), buf);
	set_number(b, f, "voters", int_of(tot, "voters"), buf);
	set_turnout(b, f, "turnout", int_of(tot, "voters"), int_of(tot, "residents"), buf);
	pt_fragment_vfmt(b, f, "state", "%lld de %lld cerradas", (long long)closed, (long long)procs);
	pt_fragment_vfmt(b, f, "winners", "%lld de %lld contadas", (long long)counted, (long long)procs);
	e = pt_fragment_vpush(b, list, pt_fragment_vmap(b));
	pt_fragment_vtext(b, e, "label", "Procesos, uno por territorio");
	set_number(b, e, "value", procs, buf);
	e = pt_fragment_vpush(b, list, pt_fragment_vmap(b));
	pt_fragment_vtext(b, e, "label", "Votaciones cerradas");
	set_number(b, e, "value", closed, buf);
	e = pt_fragment_vpush(b, list, pt_fragment_vmap(b));
	pt_fragment_vtext(b, e, "label", "Con conteo final");
	set_number(b, e, "value", counted, buf);
	e = pt_fragment_vpush(b, list, pt_fragment_vmap(b));
	pt_fragment_vtext(b, e, "label", "Votantes");
	set_number(b, e, "value", int_of(tot, "voters"), buf);
	e = pt_fragment_vpush(b, list, pt_fragment_vmap(b));
	pt_fragment_vtext(b, e, "label", "Participación");
	set_turnout(b, e, "value", int_of(tot, "voters"), int_of(tot, "residents"), buf);
	pt_fragment_vfmt(b, m, "caption", procs == 1 ? "Participación y ganadores en %lld territorio"
		: "Participación y ganadores en %lld territorios", (long long)procs);
}

pt_status pt_fragment_template_summary_view(const pt_config *cfg, const pt_value *summary, const pt_fragment_host *h,
	const pt_allocator *a, pt_value **out, pt_error *err)
{
	const pt_value *ps = summary && summary->type == PT_VALUE_MAP ? pt_value_get(summary, "processes") : NULL;
	pt_fragment_vb b;
	pt_value *m, *rows;
	pt_buf buf;
	size_t i;

	*out = NULL;
	if (!ps || ps->type != PT_VALUE_LIST) {
		return pt_error_set(err, PT_ERR_INVALID, "participa: a template's summary has no processes");
	}
	pt_fragment_vb_init(&b, h, a);
	pt_buf_init(&buf, a);
	m = pt_fragment_vmap(&b);
	pt_fragment_vset(&b, m, "host", pt_fragment_base(h, a));
	pt_fragment_vid(&b, m, "article", "plantilla");
	pt_fragment_vid(&b, m, "title_id", "plantilla-titulo");
	pt_fragment_vid(&b, m, "caption_id", "plantilla-tabla");
	set_title(&b, m, summary, &buf);
	labels(&b, m);
	totals(&b, m, pt_value_get(summary, "totals"), &buf);
	rows = pt_fragment_vset(&b, m, "rows", pt_fragment_vlist(&b));
	for (i = 0; i < ps->u.c.count && !b.s; i++) {
		const pt_value *r = ps->u.c.items[i];
		pt_value *e = pt_fragment_vpush(&b, rows, pt_fragment_vmap(&b));
		bool closed = pt_value_get(r, "closed") && pt_value_get(r, "closed")->type == PT_VALUE_BOOL
			&& pt_value_get(r, "closed")->u.b;

		pt_fragment_vstr(&b, e, "territory", pt_fragment_str(r, "territory_name"));
		set_number(&b, e, "residents", int_of(r, "residents"), &buf);
		set_number(&b, e, "voters", int_of(r, "voters"), &buf);
		set_turnout(&b, e, "turnout", int_of(r, "voters"), int_of(r, "residents"), &buf);
		pt_fragment_vtext(&b, e, "state", closed ? "Cerrada" : "Abierta");
		set_winners(&b, cfg, e, r, &buf);
		pt_fragment_vdefaults(&b, e, "pending", NULL);
	}
	pt_buf_free(&buf);
	if (b.s) {
		pt_value_free(m);
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	*out = m;
	return PT_OK;
}
