/*
 * libFuzzer target: the Mustache compiler and renderer, plain and HTML mode.
 *
 *   make -C tests/c /work/main/out/fuzz/fuzz_template
 *   out/fuzz/fuzz_template -max_total_time=60 fuzz/corpus/template
 *
 * The input is split at the first NUL byte: before it the template, after
 * it a partial registered under the names "p" and "self" (so recursion is
 * reachable). Any input must compile or fail with PT_ERR_INVALID and a
 * position; a compiled template must render against a fixed context (with a
 * map big enough to be hashed, and URL-like strings) or fail only with
 * PT_ERR_INVALID (a limit); the output must be NUL-terminated at its
 * reported length, within PT_TEMPLATE_MAX_OUTPUT, and two renders must agree.
 * HTML mode may refuse more, but whatever it accepts (template and partial)
 * must render exactly as plain mode does, except where a URL value was
 * replaced.
 */
#define _GNU_SOURCE
#include "core/template/template.h"
#include "core/common/pt_value.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pt_value *context;

static pt_value *build_context(void)
{
	pt_value *m = pt_value_map(NULL), *list = pt_value_list(NULL), *item = pt_value_map(NULL);
	pt_value *nested = pt_value_map(NULL), *big = pt_value_map(NULL);
	char k[8];
	int i;

	pt_value_setc(item, "name", pt_value_cstr(NULL, "Ana <\"'&>`"));
	pt_value_setc(item, "n", pt_value_int(NULL, 3));
	pt_value_setc(item, "u", pt_value_cstr(NULL, "javascript:alert(1)"));
	pt_value_push(list, item);
	pt_value_push(list, pt_value_cstr(NULL, "dos"));
	pt_value_push(list, pt_value_rational(NULL, 7, 3));
	pt_value_push(list, pt_value_null(NULL));
	pt_value_setc(nested, "b", pt_value_cstr(NULL, "hoja"));
	pt_value_setc(nested, "list", pt_value_list(NULL));
	for (i = 0; i < 20; i++) {
		snprintf(k, sizeof(k), "k%d", i);
		pt_value_setc(big, k, pt_value_int(NULL, i));
	}
	pt_value_setc(big, "k1", pt_value_cstr(NULL, "duplicada"));
	pt_value_setc(m, "a", nested);
	pt_value_setc(m, "big", big);
	pt_value_setc(m, "items", list);
	pt_value_setc(m, "yes", pt_value_bool(NULL, 1));
	pt_value_setc(m, "no", pt_value_bool(NULL, 0));
	pt_value_setc(m, "name", pt_value_cstr(NULL, "Participa & <b>"));
	pt_value_setc(m, "url", pt_value_cstr(NULL, "https://example.org/?a=1&b=2"));
	pt_value_setc(m, "js", pt_value_cstr(NULL, " JaVa\tScRiPt:alert(1)"));
	pt_value_setc(m, "half", pt_value_rational(NULL, 1, 2));
	return m;
}

static const pt_template *lookup(const char *name, size_t len, void *ctx)
{
	if ((len == 1 && name[0] == 'p') || (len == 4 && memcmp(name, "self", 4) == 0)) {
		return ctx;
	}
	return NULL;
}

/* Compiles and renders in one mode. 1 rendered (*out set), 0 refused. Aborts on a broken contract. */
static int one_mode(const char *s, size_t tlen, const char *nul, size_t size, unsigned flags, char **out, size_t *out_len,
	int *partial_ok)
{
	pt_template *t = NULL, *p = NULL;
	pt_error err;
	pt_status st;
	char *o2 = NULL;
	size_t l2 = 0;

	*out = NULL;
	pt_error_clear(&err);
	st = pt_template_compile(s, tlen, flags, NULL, &t, &err);
	if (st != PT_OK) {
		if (st != PT_ERR_INVALID || t != NULL || (tlen <= PT_TEMPLATE_MAX_SOURCE && (err.line == 0 || err.column == 0))) {
			abort();
		}
		return 0;
	}
	if (nul && pt_template_compile(nul + 1, size - tlen - 1, flags, NULL, &p, &err) != PT_OK) {
		p = NULL;
	}
	*partial_ok = p != NULL;
	st = pt_template_render(t, context, lookup, p, NULL, out, out_len, &err);
	if (st == PT_OK) {
		if (!*out || *out_len > PT_TEMPLATE_MAX_OUTPUT || (*out)[*out_len] != '\0') {
			abort();
		}
		if (pt_template_render(t, context, lookup, p, NULL, &o2, &l2, &err) != PT_OK
			|| *out_len != l2 || memcmp(*out, o2, l2) != 0) {
			abort();
		}
	} else if (st != PT_ERR_INVALID || *out != NULL) {
		abort();
	}
	free(o2);
	pt_template_free(t);
	pt_template_free(p);
	return st == PT_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	const char *nul = memchr(s, '\0', size);
	size_t tlen = nul ? (size_t)(nul - s) : size;
	char *plain = NULL, *html = NULL;
	size_t lp = 0, lh = 0;
	int okp, okh, pp = 0, ph = 0;

	if (!context) {
		context = build_context();
	}
	okp = one_mode(s, tlen, nul, size, 0, &plain, &lp, &pp);
	okh = one_mode(s, tlen, nul, size, PT_TEMPLATE_HTML, &html, &lh, &ph);
	if (okp && okh && pp == ph && (lp != lh || memcmp(plain, html, lp) != 0)
		&& !memmem(html, lh, PT_TEMPLATE_URL_REPLACEMENT, sizeof(PT_TEMPLATE_URL_REPLACEMENT) - 1)) {
		abort();
	}
	free(plain);
	free(html);
	return 0;
}
