/*
 * participa core: a logic-less Mustache renderer for the HTML fragments under
 * templates/ (DESIGN.md: "logic-less, escaped by default").
 *
 * A template is compiled once into a flat op list (pt_template, libc memory,
 * immutable, so one compiled template can be shared by every request of a
 * process) and rendered against a pt_value tree. Supported: {{name}}
 * (HTML-escaped: & < > " '), {{{name}}} and {{& name}} (raw), dotted names,
 * the implicit iterator {{.}}, sections over lists, maps and truthy values,
 * inverted sections, comments, set delimiters, partials and the spec's
 * standalone-line whitespace rules. Beyond the spec, a dotted name may index
 * a list ("items.0"), so a template can wrap a non-empty list. Lambdas, dynamic names and inheritance
 * (the optional "~" parts of the spec) are not supported.
 *
 * Truthiness: null, false and an empty list are falsy; everything else
 * (including 0 and "") is truthy, as in the reference implementation.
 */
#ifndef PT_TEMPLATE_H
#define PT_TEMPLATE_H

#include <stddef.h>
#include "pt_base.h"
#include "pt_value.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pt_template pt_template;

/* Partials nested deeper than this fail the render with PT_ERR_INVALID. */
#define PT_TEMPLATE_MAX_DEPTH 64
/*
 * A render executing more ops than this, or producing more bytes, fails with
 * PT_ERR_INVALID: recursive partials over lists are exponential, and a
 * fragment never legitimately needs this much.
 */
#define PT_TEMPLATE_MAX_STEPS 1000000
#define PT_TEMPLATE_MAX_OUTPUT (16 * 1024 * 1024)

/*
 * Resolves a partial name to a compiled template, or NULL when there is none
 * (a missing partial renders as the empty string, as the spec says). The
 * returned template stays owned by whoever resolved it.
 */
typedef const pt_template *(*pt_template_lookup)(const char *name, size_t name_len, void *ctx);

/*
 * Compiles src (len bytes, need not be NUL-terminated) into *out, allocated
 * with libc so it can outlive a request; free it with pt_template_free().
 * Errors: PT_ERR_INVALID with err->line/err->column (1-based, bytes) of the
 * offending tag for an unclosed tag, an unclosed section, a close tag that
 * does not match the open section, an empty name or a bad delimiter change;
 * PT_ERR_NOMEM. *out is NULL on failure. O(len).
 */
pt_status pt_template_compile(const char *src, size_t len, pt_template **out, pt_error *err);

/* Frees a compiled template. NULL is fine. */
void pt_template_free(pt_template *t);

/*
 * Renders t against data (may be NULL: every name is then missing). Partials
 * are resolved through lookup(ctx) (lookup may be NULL: no partials). The
 * output is allocated with a (NULL: libc), NUL-terminated, and owned by the
 * caller (pt_free(a, *out)). Errors: PT_ERR_INVALID when partials nest deeper
 * than PT_TEMPLATE_MAX_DEPTH or the render exceeds PT_TEMPLATE_MAX_STEPS or
 * PT_TEMPLATE_MAX_OUTPUT; PT_ERR_NOMEM. O(output size + ops rendered).
 */
pt_status pt_template_render(const pt_template *t, const pt_value *data,
	pt_template_lookup lookup, void *ctx, const pt_allocator *a,
	char **out, size_t *out_len, pt_error *err);

#ifdef __cplusplus
}
#endif

#endif /* PT_TEMPLATE_H */
