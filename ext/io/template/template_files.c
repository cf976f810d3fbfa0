/* participa io: the fragments' template files (template_files.h). */
#include "io/template/template_files.h"
#include "core/template/template.h"
#include "core/template/template_cache.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static pt_template_cache cache;
static const char *templates_dir, *site_dir;

void pt_fragment_set_templates_dir(const char *dir)
{
	templates_dir = dir;
}

void pt_fragment_set_site_templates_dir(const char *dir)
{
	site_dir = dir && *dir ? dir : NULL;
}

const char *pt_fragment_templates_dir(void)
{
	return templates_dir && *templates_dir ? templates_dir : "templates";
}

static bool name_ok(const char *name, size_t len)
{
	if (len == 0 || len > PT_FRAGMENT_NAME_MAX) {
		return false;
	}
	for (size_t i = 0; i < len; i++) {
		char c = name[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
			return false;
		}
	}
	return true;
}

/* <dir>/<name>.html into path; false when it does not fit. */
static bool template_path(char path[4096], const char *dir, const char *name, size_t len)
{
	return (size_t)snprintf(path, 4096, "%s/%.*s.html", dir, (int)len, name) < 4096;
}

/*
 * The bytes of the template called name into src (replacing what it held):
 * the site's <site>/<name>.html when there is one, else the built-in
 * <templates_dir>/<name>.html; "participa/<name>" is always the built-in
 * one (what a site's own <name>.html inherits from or includes).
 */
static pt_status read_template(const char *name, size_t len, pt_buf *src, pt_error *err)
{
	char path[4096];
	FILE *f = NULL;
	struct stat st;
	size_t got;
	pt_status s = PT_OK;
	bool builtin = len > PT_FRAGMENT_BUILTIN_LEN && !memcmp(name, PT_FRAGMENT_BUILTIN, PT_FRAGMENT_BUILTIN_LEN);

	if (builtin) {
		name += PT_FRAGMENT_BUILTIN_LEN;
		len -= PT_FRAGMENT_BUILTIN_LEN;
	}
	if (!name_ok(name, len)) {
		char label[PT_TEMPLATE_LABEL_SIZE];

		return pt_error_set(err, PT_ERR_INVALID, "plantilla \"%s\": el nombre solo admite letras, cifras, '-' y '_'",
			pt_template_label(name, len, label));
	}
	if (site_dir && !builtin) {
		if (!template_path(path, site_dir, name, len)) {
			return pt_error_set(err, PT_ERR_IO, "the template path is too long (site.templates)");
		}
		/* a file the site does not have is the built-in one; one it has but cannot read is an error */
		if (!(f = fopen(path, "rb")) && errno != ENOENT) {
			return pt_error_set(err, PT_ERR_IO, "cannot read the site's template %s: %s (site.templates)", path,
				strerror(errno));
		}
	}
	if (!f && !template_path(path, pt_fragment_templates_dir(), name, len)) {
		return pt_error_set(err, PT_ERR_IO, "the template path is too long (participa.templates_dir)");
	}
	if (!f && !(f = fopen(path, "rb"))) {
		return pt_error_set(err, PT_ERR_IO, "cannot read the template %s: %s (participa.templates_dir)", path,
			strerror(errno));
	}
	src->len = 0;
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size > PT_TEMPLATE_MAX_SOURCE) {
		s = pt_error_set(err, PT_ERR_IO, "the template %s is not a regular file of at most %u bytes", path,
			(unsigned)PT_TEMPLATE_MAX_SOURCE);
	} else {
		char chunk[8192];

		while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0 && src->len <= PT_TEMPLATE_MAX_SOURCE) {
			pt_buf_append(src, chunk, got);
		}
		if (ferror(f)) {
			s = pt_error_set(err, PT_ERR_IO, "cannot read the template %s", path);
		} else if (src->failed) {
			s = pt_error_set(err, PT_ERR_NOMEM, "out of memory reading the template %s", path);
		}
	}
	fclose(f);
	return s;
}

/* One render: the partials it loaded, by name (a recursive partial is read once). */
typedef struct render_ctx {
	pt_template_call call;
	pt_buf src;
	struct { char name[PT_FRAGMENT_BUILTIN_LEN + PT_FRAGMENT_NAME_MAX + 1]; const pt_template *t; } partials[32];
	size_t n;
	pt_error *err;
	bool failed;
} render_ctx;

static const pt_template *lookup(const char *name, size_t len, void *p)
{
	render_ctx *r = p;
	const pt_template *t;

	if (r->failed) {
		return NULL;
	}
	for (size_t i = 0; i < r->n; i++) {
		if (strlen(r->partials[i].name) == len && !memcmp(r->partials[i].name, name, len)) {
			return r->partials[i].t;
		}
	}
	if (r->n == sizeof(r->partials) / sizeof(r->partials[0])) {
		r->failed = true;
		pt_error_set(r->err, PT_ERR_INVALID, "a fragment uses more than %zu partials", r->n);
		return NULL;
	}
	if (read_template(name, len, &r->src, r->err) != PT_OK
			|| pt_template_call_partial(&r->call, name, len, r->src.data ? r->src.data : "", r->src.len, &t, r->err)
				!= PT_OK) {
		r->failed = true;
		return NULL;
	}
	memcpy(r->partials[r->n].name, name, len);
	r->partials[r->n].name[len] = '\0';
	r->partials[r->n++].t = t;
	return t;
}

pt_status pt_fragment_render(const char *name, const pt_value *data, pt_buf *out, pt_error *err)
{
	render_ctx r;
	const pt_template *t;
	char *html = NULL;
	size_t html_len = 0;
	pt_status s;

	memset(&r, 0, sizeof(r));
	r.err = err;
	pt_buf_init(&r.src, out->a);
	pt_template_call_begin(&r.call, &cache, out->a);
	s = read_template(name, name ? strlen(name) : 0, &r.src, err);
	if (s == PT_OK) {
		s = pt_template_call_get(&r.call, r.src.data ? r.src.data : "", r.src.len, &t, err);
		if (s != PT_OK) {
			char msg[PT_ERROR_MESSAGE_MAX];

			snprintf(msg, sizeof(msg), "%s", err->message);
			s = pt_error_set_at(err, s, "", err->line, err->column, "plantilla \"%s\": %s", name, msg);
		}
	}
	if (s == PT_OK) {
		s = pt_template_render(t, data, lookup, &r, out->a, &html, &html_len, err);
		if (r.failed) {
			s = err->code != PT_OK ? err->code : PT_ERR_INTERNAL;
		}
	}
	if (s == PT_OK) {
		pt_buf_append(out, html, html_len);
		if (out->failed) {
			s = pt_error_set(err, PT_ERR_NOMEM, "out of memory rendering the template %s", name);
		}
	}
	pt_free(out->a, html);
	pt_buf_free(&r.src);
	pt_template_call_end(&r.call);
	return s;
}

pt_value *pt_fragment_cache_info(const pt_allocator *a)
{
	return pt_template_cache_info_value(&cache, a);
}

void pt_fragment_render_shutdown(void)
{
	pt_template_cache_free(&cache);
}
