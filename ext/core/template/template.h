/*
 * participa core: a logic-less Mustache renderer for the HTML fragments under
 * templates/ (DESIGN.md: "logic-less, escaped by default").
 *
 * A template is compiled once into a flat op list (pt_template, immutable, so
 * one compiled template can be shared by every request of a process) and
 * rendered against a data tree: a pt_value tree, or any tree reached through
 * the small pt_template_data interface (the PHP binding walks PHP arrays in
 * place that way, without copying them). Supported: {{name}} (HTML-escaped:
 * & < > " ' and `), {{{name}}} and {{& name}} (raw), dotted names, the
 * implicit iterator {{.}}, sections over lists, maps and truthy values,
 * inverted sections, comments, set delimiters, partials and the spec's
 * standalone-line whitespace rules, and the optional ~inheritance module:
 * blocks {{$name}}default{{/name}} and parents {{<name}}{{$name}}override
 * {{/name}}{{/name}} (a parent is looked up as a partial; the outermost
 * override of a block wins; a block's indentation is removed where it is
 * written and added where it is rendered). Beyond the spec, a dotted name
 * may index a list ("items.0"), so a template can wrap a non-empty list.
 * Lambdas and dynamic names (the other optional "~" parts) are not
 * supported.
 *
 * Truthiness: null, false and an empty list are falsy; everything else
 * (including 0 and "") is truthy, as in the reference implementation.
 *
 * HTML mode (PT_TEMPLATE_HTML, what Participa\Template uses): compilation
 * follows the HTML tokenizer through the template's literal text and refuses
 * a tag where HTML escaping cannot protect the output: inside a tag but
 * outside a quoted attribute value (`<{{x}}`, `<a {{x}}>`, `href={{x}}`), in
 * on* / style / srcdoc attributes or any attribute of <script> and <base>,
 * inside <script>/<style> or an HTML comment; raw tags only between elements;
 * partials, parents and blocks only between elements (so an override, checked
 * where it is written, stands where it is checked); a section must end in the HTML context it
 * started in (so skipping or repeating it cannot move data into another
 * context). The value of a URL attribute (href, src, action, formaction,
 * cite, poster, srcset, xlink:href...) that holds a tag is checked when it is
 * rendered: after entity decoding it must be a relative reference or use
 * http, https, mailto or tel; anything else (javascript:, data:, vbscript:,
 * an obfuscated scheme) is replaced by PT_TEMPLATE_URL_REPLACEMENT.
 * Plain mode (flags 0) is pure Mustache, as the spec tests it.
 */
#ifndef PT_TEMPLATE_H
#define PT_TEMPLATE_H

#include <stddef.h>
#include "core/common/pt_base.h"
#include "core/common/pt_value.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pt_template pt_template;

/* pt_template_compile() flags. */
#define PT_TEMPLATE_HTML 1u

/* Limits (every one fails with PT_ERR_INVALID and a Spanish message). */
#define PT_TEMPLATE_MAX_SOURCE (2u * 1024 * 1024)  /* bytes of one template's source */
#define PT_TEMPLATE_MAX_NAME 256                    /* bytes of one tag name */
#define PT_TEMPLATE_MAX_NESTING 100                 /* sections open at once in one template */
#define PT_TEMPLATE_MAX_DEPTH 64                    /* partials, parents and overrides nested at render */
#define PT_TEMPLATE_MAX_CONTEXT 1024                /* sections open at once at render, across partials */
/*
 * Work units of one render: one per op executed, per section iteration, per
 * context searched for a name and per dotted part followed. Recursive
 * partials and nested sections over lists are exponential; a fragment never
 * legitimately needs this much (a 200-comment thread page takes ~15,000).
 */
#define PT_TEMPLATE_MAX_STEPS 5000000
/* Bytes of output, checked at every write (so no single op can exceed it). */
#define PT_TEMPLATE_MAX_OUTPUT (16 * 1024 * 1024)

/* What an unsafe URL attribute value is replaced by (RFC 6694's about:invalid fetches nothing). */
#define PT_TEMPLATE_URL_REPLACEMENT "about:invalid#url-no-permitida"

/*
 * Resolves a partial name to a compiled template, or NULL when there is none
 * (a missing partial renders as the empty string, as the spec says). The
 * returned template stays owned by whoever resolved it. In HTML mode a
 * partial must itself be compiled with PT_TEMPLATE_HTML and end between
 * elements, or the render fails.
 */
typedef const pt_template *(*pt_template_lookup)(const char *name, size_t name_len, void *ctx);

/*
 * Compiles src (len bytes, need not be NUL-terminated) into *out, allocated
 * through a (NULL: libc); free it with pt_template_free(). flags: 0 or
 * PT_TEMPLATE_HTML. Errors: PT_ERR_INVALID with err->line/err->column
 * (1-based, bytes) of the offending tag for an unclosed tag, an unclosed
 * section, a close tag that does not match the open section, an empty or
 * too long name, a bad delimiter change, sections nested deeper than
 * PT_TEMPLATE_MAX_NESTING, a source over PT_TEMPLATE_MAX_SOURCE, and in HTML
 * mode a tag in a context escaping cannot protect; PT_ERR_NOMEM. *out is NULL
 * on failure. O(len); the result holds at most ~10 bytes per source byte.
 */
pt_status pt_template_compile(const char *src, size_t len, unsigned flags, const pt_allocator *a,
	pt_template **out, pt_error *err);

/* A copy of t allocated through a (NULL: libc), e.g. to keep a request's template in a cache. */
pt_status pt_template_copy(const pt_template *t, const pt_allocator *a, pt_template **out, pt_error *err);

/* Bytes held by t (source copy, ops and header), for caches that bound memory. */
size_t pt_template_bytes(const pt_template *t);

/* Frees a compiled template (through the allocator it was made with). NULL is fine. */
void pt_template_free(pt_template *t);

/*
 * A data tree seen through callbacks. A node is an opaque non-NULL pointer;
 * NULL means "missing". type() classifies a node (PT_VALUE_RATIONAL is
 * printed like a number, anything unknown should be reported as
 * PT_VALUE_NULL); member() finds a map's member by key (set *found even when
 * the member is null); count()/item() read a list; text() gives the printed
 * form of a bool/int/rational/string node, valid until the next text() call
 * (a bool's is "true" or "false": truthiness reads it). Callbacks must not
 * fail; the renderer bounds how often it calls them (one work unit each).
 */
typedef struct pt_template_data {
	pt_value_type (*type)(void *ctx, const void *node);
	const void *(*member)(void *ctx, const void *map, const char *key, size_t len, int *found);
	size_t (*count)(void *ctx, const void *list);
	const void *(*item)(void *ctx, const void *list, size_t i);
	void (*text)(void *ctx, const void *node, const char **s, size_t *n);
	void *ctx;
} pt_template_data;

/*
 * Renders t against root (may be NULL: every name is then missing) seen
 * through data. Partials are resolved through lookup(ctx) (lookup may be
 * NULL: no partials). The output is allocated with a (NULL: libc),
 * NUL-terminated, and owned by the caller (pt_free(a, *out)); the render's
 * own bookkeeping uses a too, so a request allocator bounds all of it.
 * Errors: PT_ERR_INVALID when a limit above is exceeded or (HTML mode) a
 * partial is not an HTML template ending between elements; PT_ERR_NOMEM.
 * O(PT_TEMPLATE_MAX_STEPS + output size).
 */
pt_status pt_template_render_data(const pt_template *t, const pt_template_data *data, const void *root,
	pt_template_lookup lookup, void *ctx, const pt_allocator *a,
	char **out, size_t *out_len, pt_error *err);

/*
 * pt_template_render_data() over a pt_value tree (data may be NULL). Maps of
 * more than 8 keys are looked up through a hash built once per render.
 */
pt_status pt_template_render(const pt_template *t, const pt_value *data,
	pt_template_lookup lookup, void *ctx, const pt_allocator *a,
	char **out, size_t *out_len, pt_error *err);

#ifdef __cplusplus
}
#endif

#endif /* PT_TEMPLATE_H */
