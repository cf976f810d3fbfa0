/* participa core: the data walk before rendering untrusted trees (see template_check.h). */
#include "core/template/template_check.h"
#include "core/common/pt_hash.h"

#include <string.h>

#define MEMO_DONE 1
#define MEMO_LIST 2

typedef struct memo {
	const void *id;          /* the key's bytes */
	uint32_t height;         /* levels of containers from this one down */
	unsigned flags;
} memo;

typedef struct checker {
	const pt_template_data *d;
	const pt_template_walk *w;
	const pt_allocator *a;
	pt_hash memo;
	pt_error *err;
} checker;

/* One container's walk: the levels below it, whether its keys make a list. */
typedef struct visit {
	checker *c;
	uint32_t depth, height;
	int64_t position;
	int list;
	pt_status status;
} visit;

static const void *identity(checker *c, const void *node)
{
	return c->w->identity ? c->w->identity(c->d->ctx, node) : node;
}

static memo *memo_find(checker *c, const void *node)
{
	const void *id = identity(c, node);
	void *m;

	return pt_hash_find(&c->memo, &id, sizeof(id), &m) ? m : NULL;
}

static pt_status too_deep(checker *c)
{
	return pt_error_set(c->err, PT_ERR_INVALID, "Template::render(): datos anidados a más de %d niveles",
		PT_TEMPLATE_DATA_DEPTH_MAX);
}

static pt_status check(checker *c, const void *node, uint32_t depth, uint32_t *height);

static int check_child(void *vctx, const char *key, int64_t index, const void *child)
{
	visit *v = vctx;
	const char *refused = v->c->w->refused ? v->c->w->refused(v->c->d->ctx, child) : NULL;
	pt_value_type t;
	uint32_t h;

	if (refused) {
		v->status = pt_error_set(v->c->err, PT_ERR_INVALID, "Template::render(): los datos solo pueden contener "
			"arreglos y valores escalares, no %s (convierta los objetos con toArray() antes)", refused);
		return 1;
	}
	v->list = v->list && !key && index == v->position++;
	t = v->c->d->type(v->c->d->ctx, child);
	if (t == PT_VALUE_LIST || t == PT_VALUE_MAP) {
		if ((v->status = check(v->c, child, v->depth + 1, &h)) != PT_OK) {
			return 1;
		}
		if (h > v->height) {
			v->height = h;
		}
	}
	return 0;
}

/* The tree under node (a container at level depth, 1 for the root); *height its levels. */
static pt_status check(checker *c, const void *node, uint32_t depth, uint32_t *height)
{
	memo *m = memo_find(c, node);
	visit v = { c, depth, 0, 0, 1, PT_OK };

	if (m) {
		if (!(m->flags & MEMO_DONE)) {
			return pt_error_set(c->err, PT_ERR_INVALID,
				"Template::render(): los datos se contienen a sí mismos (una referencia circular)");
		}
		*height = m->height;
		return depth + *height - 1 > PT_TEMPLATE_DATA_DEPTH_MAX ? too_deep(c) : PT_OK;
	}
	if (depth > PT_TEMPLATE_DATA_DEPTH_MAX) {
		return too_deep(c);
	}
	if (!(m = pt_alloc(c->a, sizeof(*m)))) {
		return pt_error_set(c->err, PT_ERR_NOMEM, "plantilla: sin memoria");
	}
	memset(m, 0, sizeof(*m));
	m->id = identity(c, node);
	if (pt_hash_add(&c->memo, &m->id, sizeof(m->id), m) != PT_OK) {
		pt_free(c->a, m);
		return pt_error_set(c->err, PT_ERR_NOMEM, "plantilla: sin memoria");
	}
	c->w->each(c->d->ctx, node, check_child, &v);
	if (v.status != PT_OK) {
		return v.status;
	}
	m->height = *height = v.height + 1;
	m->flags = MEMO_DONE | (v.list ? MEMO_LIST : 0);
	return PT_OK;
}

/* The host's data seen through the memo: a map whose keys make a list is a list. */
static pt_value_type ck_type(void *ctx, const void *node)
{
	checker *c = ctx;
	pt_value_type t = c->d->type(c->d->ctx, node);
	memo *m;

	if (t == PT_VALUE_MAP && (m = memo_find(c, node)) && (m->flags & MEMO_LIST)) {
		return PT_VALUE_LIST;
	}
	return t;
}

static const void *ck_member(void *ctx, const void *map, const char *key, size_t len, int *found)
{
	checker *c = ctx;

	return c->d->member(c->d->ctx, map, key, len, found);
}

static size_t ck_count(void *ctx, const void *list)
{
	checker *c = ctx;

	return c->d->count(c->d->ctx, list);
}

static const void *ck_item(void *ctx, const void *list, size_t i)
{
	checker *c = ctx;

	return c->d->item(c->d->ctx, list, i);
}

static void ck_text(void *ctx, const void *node, const char **s, size_t *n)
{
	checker *c = ctx;

	c->d->text(c->d->ctx, node, s, n);
}

pt_status pt_template_render_checked(const pt_template *t, const pt_template_data *data, const pt_template_walk *walk,
	const void *root, pt_template_lookup lookup, void *ctx, const pt_allocator *a,
	char **out, size_t *out_len, pt_error *err)
{
	checker c = { data, walk, a, { 0 }, err };
	pt_template_data seen = { ck_type, ck_member, ck_count, ck_item, ck_text, &c };
	pt_value_type rt = root ? data->type(data->ctx, root) : PT_VALUE_NULL;
	uint32_t height;
	pt_status s = PT_OK;
	size_t i;

	pt_hash_init(&c.memo, a);
	if (rt == PT_VALUE_LIST || rt == PT_VALUE_MAP) {
		s = check(&c, root, 1, &height);
	}
	if (s == PT_OK) {
		s = pt_template_render_data(t, &seen, root, lookup, ctx, a, out, out_len, err);
	}
	for (i = 0; i < c.memo.cap; i++) {
		if (c.memo.slots[i].key) {
			pt_free(a, c.memo.slots[i].value);
		}
	}
	pt_hash_free(&c.memo);
	return s;
}
