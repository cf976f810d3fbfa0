/*
 * libFuzzer target: the Mustache compiler and renderer.
 *
 *   make -C tests/c /work/main/out/fuzz/fuzz_template
 *   out/fuzz/fuzz_template -max_total_time=60 fuzz/corpus/template
 *
 * The input is split at the first NUL byte: before it the template, after
 * it a partial registered under the names "p" and "self" (so recursion is
 * reachable). Any input must compile or fail with PT_ERR_INVALID and a
 * position; a compiled template must render against a fixed context or
 * fail only with PT_ERR_INVALID (partials too deep); the output must be
 * NUL-terminated at its reported length and two renders must agree.
 */
#include "core/template.h"
#include "core/pt_value.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static pt_value *context;

static pt_value *build_context(void)
{
	pt_value *m = pt_value_map(NULL), *list = pt_value_list(NULL), *item = pt_value_map(NULL);
	pt_value *nested = pt_value_map(NULL);

	pt_value_setc(item, "name", pt_value_cstr(NULL, "Ana <\"'&>"));
	pt_value_setc(item, "n", pt_value_int(NULL, 3));
	pt_value_push(list, item);
	pt_value_push(list, pt_value_cstr(NULL, "dos"));
	pt_value_push(list, pt_value_rational(NULL, 7, 3));
	pt_value_push(list, pt_value_null(NULL));
	pt_value_setc(nested, "b", pt_value_cstr(NULL, "hoja"));
	pt_value_setc(nested, "list", pt_value_list(NULL));
	pt_value_setc(m, "a", nested);
	pt_value_setc(m, "items", list);
	pt_value_setc(m, "yes", pt_value_bool(NULL, 1));
	pt_value_setc(m, "no", pt_value_bool(NULL, 0));
	pt_value_setc(m, "name", pt_value_cstr(NULL, "Participa & <b>"));
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	const char *nul = memchr(s, '\0', size);
	size_t tlen = nul ? (size_t)(nul - s) : size;
	pt_template *t = NULL, *p = NULL;
	pt_error err;
	pt_status st;
	char *o1 = NULL, *o2 = NULL;
	size_t l1 = 0, l2 = 0;

	if (!context) {
		context = build_context();
	}
	pt_error_clear(&err);
	st = pt_template_compile(s, tlen, 0, NULL, &t, &err);
	if (st != PT_OK) {
		if (st != PT_ERR_INVALID || err.line == 0 || err.column == 0 || t != NULL) {
			abort();
		}
		return 0;
	}
	if (nul && pt_template_compile(nul + 1, size - tlen - 1, 0, NULL, &p, &err) != PT_OK) {
		p = NULL;
	}
	st = pt_template_render(t, context, lookup, p, NULL, &o1, &l1, &err);
	if (st == PT_OK) {
		if (!o1 || strlen(o1) > l1 || o1[l1] != '\0') {
			abort();
		}
		if (pt_template_render(t, context, lookup, p, NULL, &o2, &l2, &err) != PT_OK
			|| l1 != l2 || memcmp(o1, o2, l1) != 0) {
			abort();
		}
	} else if (st != PT_ERR_INVALID || o1 != NULL) {
		abort();
	}
	free(o1);
	free(o2);
	pt_template_free(t);
	pt_template_free(p);
	return 0;
}
