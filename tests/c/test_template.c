/*
 * Mustache renderer: every case of the spec's required modules
 * (interpolation, sections, inverted, comments, delimiters, partials) from
 * $PARTICIPA_SHARED_DIR/data/mustache-spec (default <repo>/../shared), plus
 * participa's own cases (apostrophe escaping, compile errors with
 * positions, the partial depth limit). The optional "~" modules (lambdas,
 * dynamic names, inheritance) are not supported and not loaded.
 *
 * The spec is JSON; a small reader below turns it into pt_value trees (the
 * renderer's own context type), so numbers like 1.21 become rationals.
 */
#include "pt_test.h"
#include "core/template.h"
#include "core/pt_value.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ------------------------------------------------------------ JSON reader */

typedef struct jr {
	const char *s;
	size_t n, i;
	int bad;
} jr;

static void ws(jr *j)
{
	while (j->i < j->n && strchr(" \t\r\n", j->s[j->i])) j->i++;
}

static int lit(jr *j, const char *w)
{
	size_t k = strlen(w);
	if (j->n - j->i >= k && memcmp(j->s + j->i, w, k) == 0) {
		j->i += k;
		return 1;
	}
	return 0;
}

static void utf8(char *out, size_t *o, uint32_t c)
{
	if (c < 0x80) {
		out[(*o)++] = (char)c;
	} else if (c < 0x800) {
		out[(*o)++] = (char)(0xC0 | (c >> 6));
		out[(*o)++] = (char)(0x80 | (c & 0x3F));
	} else if (c < 0x10000) {
		out[(*o)++] = (char)(0xE0 | (c >> 12));
		out[(*o)++] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[(*o)++] = (char)(0x80 | (c & 0x3F));
	} else {
		out[(*o)++] = (char)(0xF0 | (c >> 18));
		out[(*o)++] = (char)(0x80 | ((c >> 12) & 0x3F));
		out[(*o)++] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[(*o)++] = (char)(0x80 | (c & 0x3F));
	}
}

static int hex4(jr *j, uint32_t *c)
{
	int k;
	*c = 0;
	if (j->n - j->i < 4) return 0;
	for (k = 0; k < 4; k++) {
		char h = j->s[j->i++];
		*c <<= 4;
		if (h >= '0' && h <= '9') *c |= (uint32_t)(h - '0');
		else if (h >= 'a' && h <= 'f') *c |= (uint32_t)(h - 'a' + 10);
		else if (h >= 'A' && h <= 'F') *c |= (uint32_t)(h - 'A' + 10);
		else return 0;
	}
	return 1;
}

/* Returns a malloc'd NUL-terminated string (the opening quote already consumed). */
static char *jstring(jr *j, size_t *len)
{
	char *out = malloc(j->n - j->i + 1);
	size_t o = 0;

	while (j->i < j->n && j->s[j->i] != '"') {
		char c = j->s[j->i++];
		if (c != '\\') {
			out[o++] = c;
			continue;
		}
		if (j->i >= j->n) break;
		c = j->s[j->i++];
		switch (c) {
		case 'n': out[o++] = '\n'; break;
		case 't': out[o++] = '\t'; break;
		case 'r': out[o++] = '\r'; break;
		case 'b': out[o++] = '\b'; break;
		case 'f': out[o++] = '\f'; break;
		case 'u': {
			uint32_t c1, c2;
			if (!hex4(j, &c1)) { j->bad = 1; break; }
			if (c1 >= 0xD800 && c1 < 0xDC00 && lit(j, "\\u") && hex4(j, &c2)) {
				c1 = 0x10000 + ((c1 - 0xD800) << 10) + (c2 - 0xDC00);
			}
			utf8(out, &o, c1);
			break;
		}
		default: out[o++] = c; break;
		}
	}
	if (j->i >= j->n) j->bad = 1;
	else j->i++;
	out[o] = '\0';
	*len = o;
	return out;
}

static pt_value *jvalue(jr *j)
{
	ws(j);
	if (j->i >= j->n) { j->bad = 1; return NULL; }
	if (lit(j, "null")) return pt_value_null(NULL);
	if (lit(j, "true")) return pt_value_bool(NULL, 1);
	if (lit(j, "false")) return pt_value_bool(NULL, 0);
	if (j->s[j->i] == '"') {
		size_t len;
		char *s;
		pt_value *v;
		j->i++;
		s = jstring(j, &len);
		v = pt_value_string(NULL, s, len);
		free(s);
		return v;
	}
	if (j->s[j->i] == '[') {
		pt_value *l = pt_value_list(NULL);
		j->i++;
		ws(j);
		if (lit(j, "]")) return l;
		for (;;) {
			if (pt_value_push(l, jvalue(j)) != PT_OK) j->bad = 1;
			ws(j);
			if (lit(j, ",")) continue;
			if (!lit(j, "]")) j->bad = 1;
			return l;
		}
	}
	if (j->s[j->i] == '{') {
		pt_value *m = pt_value_map(NULL);
		j->i++;
		ws(j);
		if (lit(j, "}")) return m;
		for (;;) {
			size_t klen;
			char *k;
			ws(j);
			if (!lit(j, "\"")) { j->bad = 1; return m; }
			k = jstring(j, &klen);
			ws(j);
			if (!lit(j, ":")) j->bad = 1;
			if (pt_value_set(m, k, klen, jvalue(j)) != PT_OK) j->bad = 1;
			free(k);
			ws(j);
			if (lit(j, ",")) continue;
			if (!lit(j, "}")) j->bad = 1;
			return m;
		}
	}
	{
		/* Number: an integer, or a decimal kept exact as a rational. */
		int neg = 0;
		int64_t num = 0, den = 1;
		int any = 0;
		if (lit(j, "-")) neg = 1;
		while (j->i < j->n && j->s[j->i] >= '0' && j->s[j->i] <= '9') {
			num = num * 10 + (j->s[j->i++] - '0');
			any = 1;
		}
		if (lit(j, ".")) {
			while (j->i < j->n && j->s[j->i] >= '0' && j->s[j->i] <= '9') {
				num = num * 10 + (j->s[j->i++] - '0');
				den *= 10;
			}
		}
		if (!any) { j->bad = 1; return NULL; }
		if (neg) num = -num;
		return den == 1 ? pt_value_int(NULL, num) : pt_value_rational(NULL, num, den);
	}
}

static pt_value *load_json(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long size;
	jr j;
	pt_value *v;

	if (!f) return NULL;
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)size + 1);
	if (fread(buf, 1, (size_t)size, f) != (size_t)size) size = 0;
	fclose(f);
	j.s = buf;
	j.n = (size_t)size;
	j.i = 0;
	j.bad = 0;
	v = jvalue(&j);
	free(buf);
	if (j.bad) {
		pt_value_free(v);
		return NULL;
	}
	return v;
}

/* ---------------------------------------------------------------- harness */

typedef struct partials {
	const pt_value *names;   /* the spec case's "partials" map */
	pt_template **compiled;
} partials;

static const pt_template *lookup(const char *name, size_t len, void *ctx)
{
	partials *p = ctx;
	size_t i;

	if (!p->names) return NULL;
	for (i = 0; i < p->names->u.c.count; i++) {
		if (p->names->u.c.key_lens[i] == len && memcmp(p->names->u.c.keys[i], name, len) == 0) {
			return p->compiled[i];
		}
	}
	return NULL;
}

static char spec_dir[1024];
static int spec_total, spec_passed;

static void run_spec_file(const char *module)
{
	char path[1200];
	pt_value *doc, *tests;
	size_t i, k;
	int passed = 0, total = 0;

	snprintf(path, sizeof(path), "%s/%s.json", spec_dir, module);
	doc = load_json(path);
	if (!doc) {
		PT_FAIL_AT("cannot read or parse %s", path);
		return;
	}
	tests = pt_value_get(doc, "tests");
	PT_CHECK(tests && tests->type == PT_VALUE_LIST && tests->u.c.count > 0);
	for (i = 0; tests && i < tests->u.c.count; i++) {
		pt_value *tc = tests->u.c.items[i];
		pt_value *name = pt_value_get(tc, "name");
		pt_value *tpl = pt_value_get(tc, "template");
		pt_value *exp = pt_value_get(tc, "expected");
		partials p = { pt_value_get(tc, "partials"), NULL };
		pt_template *t = NULL;
		pt_error err;
		char *out = NULL;
		size_t out_len = 0;
		int ok = 1;

		total++;
		pt_error_clear(&err);
		if (p.names) {
			p.compiled = calloc(p.names->u.c.count + 1, sizeof(*p.compiled));
			for (k = 0; k < p.names->u.c.count; k++) {
				pt_value *ps = p.names->u.c.items[k];
				if (pt_template_compile(ps->u.s.s, ps->u.s.len, 0, NULL, &p.compiled[k], &err) != PT_OK) {
					PT_FAIL_AT("%s / %s: partial does not compile: %s", module, name->u.s.s, err.message);
					ok = 0;
				}
			}
		}
		if (ok && pt_template_compile(tpl->u.s.s, tpl->u.s.len, 0, NULL, &t, &err) != PT_OK) {
			PT_FAIL_AT("%s / %s: does not compile: %s", module, name->u.s.s, err.message);
			ok = 0;
		}
		if (ok && pt_template_render(t, pt_value_get(tc, "data"), lookup, &p, NULL,
				&out, &out_len, &err) != PT_OK) {
			PT_FAIL_AT("%s / %s: does not render: %s", module, name->u.s.s, err.message);
			ok = 0;
		}
		if (ok && (out_len != exp->u.s.len || memcmp(out, exp->u.s.s, out_len) != 0)) {
			PT_FAIL_AT("%s / %s: got \"%s\", expected \"%s\"", module, name->u.s.s, out, exp->u.s.s);
			ok = 0;
		}
		passed += ok;
		free(out);
		pt_template_free(t);
		if (p.compiled) {
			for (k = 0; k < p.names->u.c.count; k++) pt_template_free(p.compiled[k]);
			free(p.compiled);
		}
	}
	printf("  spec %s: %d/%d\n", module, passed, total);
	spec_total += total;
	spec_passed += passed;
	pt_value_free(doc);
}

PT_TEST(spec_interpolation) { run_spec_file("interpolation"); }
PT_TEST(spec_sections) { run_spec_file("sections"); }
PT_TEST(spec_inverted) { run_spec_file("inverted"); }
PT_TEST(spec_comments) { run_spec_file("comments"); }
PT_TEST(spec_delimiters) { run_spec_file("delimiters"); }
PT_TEST(spec_partials) { run_spec_file("partials"); }

/* ------------------------------------------------------ participa's cases */

static char *render_str(const char *tpl, const pt_value *data, pt_status *st, pt_error *err)
{
	pt_template *t;
	char *out = NULL;

	pt_error_clear(err);
	*st = pt_template_compile(tpl, strlen(tpl), 0, NULL, &t, err);
	if (*st != PT_OK) return NULL;
	*st = pt_template_render(t, data, NULL, NULL, NULL, &out, NULL, err);
	pt_template_free(t);
	return out;
}

PT_TEST(escapes_all_five)
{
	pt_value *d = pt_value_map(NULL);
	pt_status st;
	pt_error err;
	char *out;

	pt_value_setc(d, "v", pt_value_cstr(NULL, "<a href=\"x\" title='y'>&</a>"));
	out = render_str("{{v}}|{{{v}}}|{{&v}}", d, &st, &err);
	PT_CHECK_EQ_INT(st, PT_OK);
	PT_CHECK_STR(out, "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;"
		"|<a href=\"x\" title='y'>&</a>|<a href=\"x\" title='y'>&</a>");
	free(out);
	pt_value_free(d);
}

PT_TEST(values_print)
{
	pt_value *d = pt_value_map(NULL);
	pt_status st;
	pt_error err;
	char *out;

	pt_value_setc(d, "i", pt_value_int(NULL, -42));
	pt_value_setc(d, "half", pt_value_rational(NULL, 1, 2));
	pt_value_setc(d, "third", pt_value_rational(NULL, -1, 3));
	pt_value_setc(d, "zero", pt_value_int(NULL, 0));
	pt_value_setc(d, "empty", pt_value_list(NULL));
	out = render_str("{{i}} {{half}} {{third}} {{#zero}}z{{/zero}}{{^empty}}none{{/empty}}", d, &st, &err);
	PT_CHECK_EQ_INT(st, PT_OK);
	PT_CHECK_STR(out, "-42 0.5 -0.333333333333333 znone");
	free(out);
	pt_value_free(d);
}

PT_TEST(list_index_wraps_non_empty_lists)
{
	pt_value *d = pt_value_map(NULL), *l = pt_value_list(NULL), *e = pt_value_list(NULL);
	pt_status st;
	pt_error err;
	char *out;
	const char *tpl = "{{#l.0}}<ol>{{/l.0}}{{#l}}<li>{{.}}</li>{{/l}}{{#l.0}}</ol>{{/l.0}}"
		"{{#e.0}}<ol>{{/e.0}}{{^e.0}}vacía{{/e.0}} {{l.1}}{{l.2}}{{l.01}}";

	pt_value_push(l, pt_value_cstr(NULL, "a"));
	pt_value_push(l, pt_value_cstr(NULL, "b"));
	pt_value_setc(d, "l", l);
	pt_value_setc(d, "e", e);
	out = render_str(tpl, d, &st, &err);
	PT_CHECK_EQ_INT(st, PT_OK);
	PT_CHECK_STR(out, "<ol><li>a</li><li>b</li></ol>vacía b");
	free(out);
	pt_value_free(d);
}

PT_TEST(compile_errors_have_positions)
{
	pt_status st;
	pt_error err;
	char *out;

	out = render_str("a\n  {{#items}}\n{{x}}\n", NULL, &st, &err);
	PT_CHECK(out == NULL);
	PT_CHECK_EQ_INT(st, PT_ERR_INVALID);
	PT_CHECK_EQ_INT(err.line, 2);
	PT_CHECK_EQ_INT(err.column, 3);
	PT_CHECK(strstr(err.message, "sección sin cerrar") != NULL);

	out = render_str("{{#a}}\n{{#b}}x{{/a}}{{/b}}", NULL, &st, &err);
	PT_CHECK_EQ_INT(st, PT_ERR_INVALID);
	PT_CHECK_EQ_INT(err.line, 2);
	PT_CHECK_EQ_INT(err.column, 8);
	PT_CHECK(strstr(err.message, "no corresponde") != NULL);

	out = render_str("x{{/a}}", NULL, &st, &err);
	PT_CHECK_EQ_INT(st, PT_ERR_INVALID);
	PT_CHECK_EQ_INT(err.column, 2);

	out = render_str("ok {{name", NULL, &st, &err);
	PT_CHECK_EQ_INT(st, PT_ERR_INVALID);
	PT_CHECK(strstr(err.message, "etiqueta sin cerrar") != NULL);

	out = render_str("{{= | =}}", NULL, &st, &err);
	PT_CHECK_EQ_INT(st, PT_ERR_INVALID);
	out = render_str("{{ }}", NULL, &st, &err);
	PT_CHECK_EQ_INT(st, PT_ERR_INVALID);
	out = render_str("{{{x}}", NULL, &st, &err);
	PT_CHECK_EQ_INT(st, PT_ERR_INVALID);
}

static const pt_template *self_lookup(const char *name, size_t len, void *ctx)
{
	return ctx;
}

PT_TEST(recursive_partial_is_bounded)
{
	pt_template *t;
	pt_error err;
	char *out = NULL;
	pt_status st;

	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_template_compile("x{{>self}}", 10, 0, NULL, &t, &err), PT_OK);
	st = pt_template_render(t, NULL, self_lookup, t, NULL, &out, NULL, &err);
	PT_CHECK_EQ_INT(st, PT_ERR_INVALID);
	PT_CHECK(out == NULL);
	PT_CHECK(strstr(err.message, "anidados") != NULL);
	pt_template_free(t);
}

PT_TEST(exponential_render_is_bounded)
{
	/* 20 nested sections over a 4-item list are 4^20 iterations: refused, not hung. */
	pt_template *t;
	pt_error err;
	pt_value *d = pt_value_map(NULL), *l = pt_value_list(NULL);
	char *out = NULL, src[600] = "";
	int k;

	for (k = 0; k < 4; k++) pt_value_push(l, pt_value_int(NULL, k));
	pt_value_setc(d, "items", l);
	for (k = 0; k < 20; k++) strcat(src, "{{#items}}");
	strcat(src, "x");
	for (k = 0; k < 20; k++) strcat(src, "{{/items}}");
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_template_compile(src, strlen(src), 0, NULL, &t, &err), PT_OK);
	PT_CHECK_EQ_INT(pt_template_render(t, d, NULL, NULL, NULL, &out, NULL, &err), PT_ERR_INVALID);
	PT_CHECK(out == NULL);
	PT_CHECK(strstr(err.message, "pasos") != NULL);
	pt_template_free(t);
	pt_value_free(d);
}

PT_TEST(template_is_reusable)
{
	pt_template *t;
	pt_error err;
	pt_value *a = pt_value_map(NULL), *b = pt_value_map(NULL);
	char *o1 = NULL, *o2 = NULL;

	pt_value_setc(a, "n", pt_value_cstr(NULL, "uno"));
	pt_value_setc(b, "n", pt_value_cstr(NULL, "dos"));
	PT_CHECK_EQ_INT(pt_template_compile("<p lang=\"es\">{{n}}</p>", 22, 0, NULL, &t, &err), PT_OK);
	PT_CHECK_EQ_INT(pt_template_render(t, a, NULL, NULL, NULL, &o1, NULL, &err), PT_OK);
	PT_CHECK_EQ_INT(pt_template_render(t, b, NULL, NULL, NULL, &o2, NULL, &err), PT_OK);
	PT_CHECK_STR(o1, "<p lang=\"es\">uno</p>");
	PT_CHECK_STR(o2, "<p lang=\"es\">dos</p>");
	free(o1);
	free(o2);
	pt_template_free(t);
	pt_value_free(a);
	pt_value_free(b);
}

int main(void)
{
	const char *shared = getenv("PARTICIPA_SHARED_DIR");

	if (shared && *shared) {
		snprintf(spec_dir, sizeof(spec_dir), "%s/data/mustache-spec", shared);
	} else {
		/* The binary is <repo>/out/tests/test_template; shared/ sits next to the repository. */
		char exe[900];
		ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
		int up;
		if (n <= 0) n = 0;
		exe[n] = '\0';
		for (up = 0; up < 3; up++) {
			char *slash = strrchr(exe, '/');
			if (slash) *slash = '\0';
		}
		snprintf(spec_dir, sizeof(spec_dir), "%s/../shared/data/mustache-spec", exe);
	}
	PT_RUN(spec_interpolation);
	PT_RUN(spec_sections);
	PT_RUN(spec_inverted);
	PT_RUN(spec_comments);
	PT_RUN(spec_delimiters);
	PT_RUN(spec_partials);
	printf("  mustache spec: %d/%d cases pass (optional ~lambdas, ~dynamic-names, ~inheritance not supported)\n",
		spec_passed, spec_total);
	PT_RUN(escapes_all_five);
	PT_RUN(values_print);
	PT_RUN(list_index_wraps_non_empty_lists);
	PT_RUN(compile_errors_have_positions);
	PT_RUN(recursive_partial_is_bounded);
	PT_RUN(exponential_render_is_bounded);
	PT_RUN(template_is_reusable);
	return pt_test_summary("test_template");
}
