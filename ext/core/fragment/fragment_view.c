/* participa core: view-model builders and forms (fragment_view.h). */
#include "core/fragment/fragment_view.h"
#include "core/common/pt_buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void pt_fragment_vb_init(pt_fragment_vb *b, const pt_fragment_host *h, const pt_allocator *a)
{
	b->a = a;
	b->h = h;
	b->s = PT_OK;
}

pt_value *pt_fragment_vmap(pt_fragment_vb *b)
{
	pt_value *v = b->s ? NULL : pt_value_map(b->a);

	if (!v && !b->s) {
		b->s = PT_ERR_NOMEM;
	}
	return v;
}

pt_value *pt_fragment_vlist(pt_fragment_vb *b)
{
	pt_value *v = b->s ? NULL : pt_value_list(b->a);

	if (!v && !b->s) {
		b->s = PT_ERR_NOMEM;
	}
	return v;
}

pt_value *pt_fragment_vset(pt_fragment_vb *b, pt_value *map, const char *key, pt_value *v)
{
	if (b->s || !map || !v) {
		pt_value_free(v);
		b->s = b->s ? b->s : PT_ERR_NOMEM;
		return NULL;
	}
	for (size_t i = 0; i < map->u.c.count; i++) {
		if (!strcmp(map->u.c.keys[i], key)) {   /* a default being replaced */
			pt_value_free(map->u.c.items[i]);
			map->u.c.items[i] = v;
			return v;
		}
	}
	b->s = pt_value_setc(map, key, v);
	return b->s ? NULL : v;
}

pt_value *pt_fragment_vpush(pt_fragment_vb *b, pt_value *list, pt_value *v)
{
	if (b->s || !list || !v) {
		pt_value_free(v);
		b->s = b->s ? b->s : PT_ERR_NOMEM;
		return NULL;
	}
	b->s = pt_value_push(list, v);
	return b->s ? NULL : v;
}

void pt_fragment_vstr(pt_fragment_vb *b, pt_value *map, const char *key, const char *s)
{
	if (s && !b->s) {
		pt_fragment_vset(b, map, key, pt_value_cstr(b->a, s));
	}
}

void pt_fragment_vtext(pt_fragment_vb *b, pt_value *map, const char *key, const char *es)
{
	pt_fragment_vstr(b, map, key, pt_fragment_text(b->h, es));
}

void pt_fragment_vint(pt_fragment_vb *b, pt_value *map, const char *key, int64_t n)
{
	if (!b->s) {
		pt_fragment_vset(b, map, key, pt_value_int(b->a, n));
	}
}

void pt_fragment_vtrue(pt_fragment_vb *b, pt_value *map, const char *key, bool on)
{
	if (on && !b->s) {
		pt_fragment_vset(b, map, key, pt_value_bool(b->a, 1));
	}
}

void pt_fragment_vid(pt_fragment_vb *b, pt_value *map, const char *key, const char *suffix)
{
	if (!b->s) {
		pt_fragment_vset(b, map, key, pt_fragment_id(b->h, b->a, suffix));
	}
}

void pt_fragment_vfmt(pt_fragment_vb *b, pt_value *map, const char *key, const char *es, ...)
{
	char out[1024];
	va_list ap;

	va_start(ap, es);
	/* the format is the catalog's (a literal at every call), so it is trusted */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	vsnprintf(out, sizeof(out), pt_fragment_text(b->h, es), ap);
#pragma GCC diagnostic pop
	va_end(ap);
	pt_fragment_vstr(b, map, key, out);
}

void pt_fragment_vdefaults(pt_fragment_vb *b, pt_value *map, ...)
{
	va_list ap;
	const char *k;

	va_start(ap, map);
	while ((k = va_arg(ap, const char *)) != NULL) {
		if (!b->s && map && !pt_value_get(map, k)) {
			pt_fragment_vset(b, map, k, pt_value_bool(b->a, 0));
		}
	}
	va_end(ap);
}

const char *pt_fragment_str(const pt_value *map, const char *key)
{
	const pt_value *v = map && map->type == PT_VALUE_MAP ? pt_value_get(map, key) : NULL;

	return v && v->type == PT_VALUE_STRING ? v->u.s.s : NULL;
}

int64_t pt_fragment_int(const pt_value *map, const char *key, int64_t def)
{
	const pt_value *v = map && map->type == PT_VALUE_MAP ? pt_value_get(map, key) : NULL;

	return v && v->type == PT_VALUE_INT ? v->u.i : def;
}

bool pt_fragment_bool(const pt_value *map, const char *key)
{
	const pt_value *v = map && map->type == PT_VALUE_MAP ? pt_value_get(map, key) : NULL;

	return v && ((v->type == PT_VALUE_BOOL && v->u.b) || (v->type == PT_VALUE_INT && v->u.i));
}

/* ---- forms ---------------------------------------------------------------------- */

static void hidden(pt_fragment_vb *b, pt_value *list, const char *name, const char *value)
{
	pt_value *f = pt_fragment_vpush(b, list, pt_fragment_vmap(b));

	pt_fragment_vstr(b, f, "name", name);
	pt_fragment_vstr(b, f, "value", value ? value : "");
}

pt_value *pt_fragment_form(pt_fragment_vb *b, const char *action, const char *form, const char *const *extra)
{
	pt_value *f = pt_fragment_vmap(b), *list;
	const pt_value *refusal = pt_fragment_refusal(b->h, action, form);
	pt_buf url;
	char suffix[96];

	pt_buf_init(&url, b->a);
	pt_fragment_vid(b, f, "id", form);
	if (!b->s && pt_fragment_post_url(b->h, &url) != PT_OK) {
		b->s = PT_ERR_NOMEM;
	}
	pt_fragment_vstr(b, f, "action", url.data ? url.data : "");
	list = pt_fragment_vset(b, f, "hidden", pt_fragment_vlist(b));
	hidden(b, list, "participa_action", action);
	hidden(b, list, "participa_form", form);
	if (!b->s && pt_fragment_here(b->h, &url) != PT_OK) {
		b->s = PT_ERR_NOMEM;
	}
	hidden(b, list, "participa_return", url.data ? url.data : "");
	pt_buf_free(&url);
	if (b->h && b->h->token_name && *b->h->token_name) {
		hidden(b, list, b->h->token_name, b->h->token_value);
	}
	for (; extra && extra[0]; extra += 2) {
		hidden(b, list, extra[0], extra[1]);
	}
	pt_fragment_vset(b, f, "fields", pt_fragment_vlist(b));
	/* what the fields look up: not drawn */
	pt_fragment_vstr(b, f, "form_action", action);
	pt_fragment_vstr(b, f, "form_name", form);
	if (refusal) {
		pt_value *m = pt_fragment_vset(b, f, "message", pt_fragment_vmap(b));

		snprintf(suffix, sizeof(suffix), "%s-mensaje", form);
		pt_fragment_vid(b, m, "id", suffix);
		pt_fragment_vstr(b, m, "text", pt_fragment_str(refusal, "message"));
	}
	/* "submit" and the rest are the caller's; a form in a comment must not read its parent's */
	pt_fragment_vdefaults(b, f, "message", "question", "legend", "cancel", "submit", "owner", "autofocus", NULL);
	return f;
}

/* A field's shell {id, name, label/legend} in form.fields[] under kind, with the draft value
 * (NULL: none) and the error of its name after a refusal. */
static pt_value *field(pt_fragment_vb *b, pt_value *form, const char *kind, const char *name, const char *label_key,
	const char *label_es, const char **draft)
{
	pt_value *item = pt_fragment_vpush(b, (pt_value *)pt_value_get(form, "fields"), pt_fragment_vmap(b));
	pt_value *f = pt_fragment_vset(b, item, kind, pt_fragment_vmap(b));
	const pt_value *refusal = pt_fragment_refusal(b->h, pt_fragment_str(form, "form_action"),
		pt_fragment_str(form, "form_name"));
	const pt_value *errors = refusal ? pt_value_get(refusal, "errors") : NULL;
	const char *error = pt_fragment_str(errors, name), *fid = pt_fragment_str(form, "id");
	char id[256];

	*draft = refusal ? pt_fragment_str(pt_value_get(refusal, "draft"), name) : NULL;
	snprintf(id, sizeof(id), "%s-%s", fid ? fid : "", name);
	pt_fragment_vstr(b, f, "id", id);
	pt_fragment_vstr(b, f, "name", name);
	pt_fragment_vtext(b, f, label_key, label_es);
	if (error) {
		pt_value *e = pt_fragment_vset(b, f, "error", pt_fragment_vmap(b));

		snprintf(id, sizeof(id), "%s-%s-error", fid ? fid : "", name);
		pt_fragment_vstr(b, e, "id", id);
		pt_fragment_vstr(b, e, "text", error);
	}
	pt_fragment_vdefaults(b, item, "choice", "textarea", "select", NULL);
	pt_fragment_vdefaults(b, f, "error", "required", "max", NULL);
	return f;
}

void pt_fragment_textarea(pt_fragment_vb *b, pt_value *form, const char *name, const char *label_es,
	const char *value, bool required, int64_t max)
{
	const char *draft;
	pt_value *f = field(b, form, "textarea", name, "label", label_es, &draft);

	pt_fragment_vstr(b, f, "value", draft ? draft : value ? value : "");
	pt_fragment_vtrue(b, f, "required", required);
	if (max > 0) {
		pt_fragment_vint(b, f, "max", max);
	}
}

static void options(pt_fragment_vb *b, pt_value *f, const char *const *values, const char *const *labels,
	const char *on, const char *flag)
{
	pt_value *list = pt_fragment_vset(b, f, "options", pt_fragment_vlist(b));
	const char *fid = pt_fragment_str(f, "id");
	char id[256];

	for (size_t i = 0; values[i] && labels[i]; i++) {
		pt_value *o = pt_fragment_vpush(b, list, pt_fragment_vmap(b));

		snprintf(id, sizeof(id), "%s-%zu", fid ? fid : "", i);
		pt_fragment_vstr(b, o, "id", id);
		pt_fragment_vstr(b, o, "value", values[i]);
		pt_fragment_vtext(b, o, "label", labels[i]);
		pt_fragment_vtrue(b, o, flag, on && !strcmp(on, values[i]));
		pt_fragment_vdefaults(b, o, "checked", "selected", NULL);
	}
}

void pt_fragment_choice(pt_fragment_vb *b, pt_value *form, const char *name, const char *legend_es,
	const char *const *values, const char *const *labels_es, const char *checked)
{
	const char *draft;
	pt_value *f = field(b, form, "choice", name, "legend", legend_es, &draft);

	options(b, f, values, labels_es, draft ? draft : checked, "checked");
}

void pt_fragment_select(pt_fragment_vb *b, pt_value *form, const char *name, const char *label_es,
	const char *const *values, const char *const *labels_es, const char *selected)
{
	const char *draft;
	pt_value *f = field(b, form, "select", name, "label", label_es, &draft);

	options(b, f, values, labels_es, draft ? draft : selected, "selected");
}
