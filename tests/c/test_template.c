/*
 * Mustache renderer: every case of the spec's required modules
 * (interpolation, sections, inverted, comments, delimiters, partials) from
 * $PARTICIPA_SHARED_DIR/data/mustache-spec (default <repo>/../shared), plus
 * participa's own cases (apostrophe escaping, compile errors with
 * positions, the partial depth limit), and the optional ~inheritance module
 * (parents and blocks) with participa's cases for it (HTML contexts, limits).
 * The optional ~lambdas and ~dynamic-names are not supported and not loaded.
 *
 * The spec is JSON; a small reader below turns it into pt_value trees (the
 * renderer's own context type), so numbers like 1.21 become rationals.
 */
#include "pt_test.h"
#include "core/template/template.h"
#include "core/template/template_check.h"
#include "core/common/pt_value.h"

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

static int spec_refused;

/*
 * flags 0: every case must pass. PT_TEMPLATE_HTML: a case may be refused
 * (compile or render fails with PT_ERR_INVALID: the spec has a few
 * templates that are not HTML, e.g. a partial right after "<"), but an
 * accepted case must give exactly the spec's output.
 */
static void run_spec(const char *module, unsigned flags)
{
	char path[1200];
	pt_value *doc, *tests;
	size_t i, k;
	int passed = 0, total = 0, refused = 0;

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
				if (pt_template_compile(ps->u.s.s, ps->u.s.len, flags, NULL, &p.compiled[k], &err) != PT_OK) {
					if (flags && err.code == PT_ERR_INVALID) { ok = 0; refused++; break; }
					PT_FAIL_AT("%s / %s: partial does not compile: %s", module, name->u.s.s, err.message);
					ok = 0;
				}
			}
		}
		if (ok && pt_template_compile(tpl->u.s.s, tpl->u.s.len, flags, NULL, &t, &err) != PT_OK) {
			if (flags && err.code == PT_ERR_INVALID) refused++;
			else PT_FAIL_AT("%s / %s: does not compile: %s", module, name->u.s.s, err.message);
			ok = 0;
		}
		if (ok && pt_template_render(t, pt_value_get(tc, "data"), lookup, &p, NULL,
				&out, &out_len, &err) != PT_OK) {
			if (flags && err.code == PT_ERR_INVALID) refused++;
			else PT_FAIL_AT("%s / %s: does not render: %s", module, name->u.s.s, err.message);
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
	if (flags) {
		printf("  spec %s in HTML mode: %d/%d pass, %d refused as unsafe HTML\n", module, passed, total, refused);
		spec_refused += refused;
	} else {
		printf("  spec %s: %d/%d\n", module, passed, total);
		spec_total += total;
		spec_passed += passed;
	}
	pt_value_free(doc);
}

static void run_spec_file(const char *module)
{
	run_spec(module, 0);
	run_spec(module, PT_TEMPLATE_HTML);
}

PT_TEST(spec_interpolation) { run_spec_file("interpolation"); }
PT_TEST(spec_sections) { run_spec_file("sections"); }
PT_TEST(spec_inverted) { run_spec_file("inverted"); }
PT_TEST(spec_comments) { run_spec_file("comments"); }
PT_TEST(spec_delimiters) { run_spec_file("delimiters"); }
PT_TEST(spec_partials) { run_spec_file("partials"); }
PT_TEST(spec_inheritance) { run_spec_file("~inheritance"); }

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

PT_TEST(escapes_all_six)
{
	pt_value *d = pt_value_map(NULL);
	pt_status st;
	pt_error err;
	char *out;

	pt_value_setc(d, "v", pt_value_cstr(NULL, "<a href=\"x\" title='y' alt=`z`>&</a>"));
	out = render_str("{{v}}|{{{v}}}|{{&v}}", d, &st, &err);
	PT_CHECK_EQ_INT(st, PT_OK);
	PT_CHECK_STR(out, "&lt;a href=&quot;x&quot; title=&#39;y&#39; alt=&#96;z&#96;&gt;&amp;&lt;/a&gt;"
		"|<a href=\"x\" title='y' alt=`z`>&</a>|<a href=\"x\" title='y' alt=`z`>&</a>");
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


/* ------------------------------------------------------------ hardening */

#include <time.h>

/* An allocator that counts live bytes and remembers the peak (blocks carry their size in front). */
typedef struct counting {
	size_t live, peak, calls;
} counting;

static void *c_alloc(size_t size, void *ctx)
{
	counting *c = ctx;
	size_t *p = malloc(size + sizeof(size_t));
	if (!p) return NULL;
	*p = size;
	c->live += size;
	c->calls++;
	if (c->live > c->peak) c->peak = c->live;
	return p + 1;
}

static void c_free(void *ptr, void *ctx)
{
	counting *c = ctx;
	size_t *p = ptr;
	if (!p) return;
	p--;
	c->live -= *p;
	free(p);
}

static void *c_realloc(void *ptr, size_t size, void *ctx)
{
	counting *c = ctx;
	size_t *p = ptr, old;
	if (!p) return c_alloc(size, ctx);
	p--;
	old = *p;
	p = realloc(p, size + sizeof(size_t));
	if (!p) return NULL;
	*p = size;
	c->live = c->live - old + size;
	c->calls++;
	if (c->live > c->peak) c->peak = c->live;
	return p + 1;
}

static double cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static pt_template *compile_ok(const char *src, size_t len, unsigned flags)
{
	pt_template *t = NULL;
	pt_error err;

	pt_error_clear(&err);
	if (pt_template_compile(src, len, flags, NULL, &t, &err) != PT_OK) {
		PT_FAIL_AT("does not compile: %s", err.message);
	}
	return t;
}

/* CPU seconds to compile src, best of three (load on the machine only makes a run slower). */
static double compile_cost(const char *src, size_t len, unsigned flags)
{
	double best = 1e9;
	int k;

	for (k = 0; k < 3; k++) {
		double t0 = cpu_now(), dt;
		pt_template *t = compile_ok(src, len, flags);
		dt = cpu_now() - t0;
		pt_template_free(t);
		if (dt < best) best = dt;
	}
	return best;
}

static char *repeat(const char *unit, size_t times, size_t *len)
{
	size_t u = strlen(unit), i;
	char *s = malloc(u * times + 1);
	for (i = 0; i < times; i++) memcpy(s + i * u, unit, u);
	s[u * times] = '\0';
	*len = u * times;
	return s;
}

PT_TEST(one_line_template_compiles_in_linear_time)
{
	/*
	 * One line of ~1 MB made of standalone-eligible tags: the old compiler
	 * walked back to the start of the line for each tag (quadratic: 4x the
	 * source took ~16x the time). The ratio of CPU times for 4x the source
	 * must stay well under 16; no wall-clock deadline.
	 */
	static const char *const units[] = { "{{#a}}x{{/a}}", "<a href=\"{{u}}\" title=\"{{t}}\">{{! c }}x</a>" };
	size_t k;

	for (k = 0; k < 2; k++) {
		size_t n1, n4, times = 1000000 / 4 / strlen(units[k]) + 1;
		char *s1 = repeat(units[k], times, &n1), *s4 = repeat(units[k], 4 * times, &n4);
		double c1 = compile_cost(s1, n1, PT_TEMPLATE_HTML), c4 = compile_cost(s4, n4, PT_TEMPLATE_HTML);
		double ratio = c4 / (c1 > 1e-6 ? c1 : 1e-6);
		printf("  compile %zu bytes: %.4f s, %zu bytes: %.4f s (ratio %.1f)\n", n1, c1, n4, c4, ratio);
		PT_CHECK(n4 >= 1000000);
		PT_CHECK(ratio < 9.0);
		free(s1);
		free(s4);
	}
}

PT_TEST(big_map_lookup_is_hashed)
{
	/*
	 * 100,000 name lookups in a 100,000-key map against the same in a
	 * 1,000-key map (the key searched is the last one inserted): a linear
	 * scan makes the first ~100x dearer; through the hash the index build
	 * is the only difference.
	 */
	double cost[2];
	int k;

	for (k = 0; k < 2; k++) {
		size_t keys = k ? 100000 : 1000, i;
		pt_value *d = pt_value_map(NULL), *l = pt_value_list(NULL);
		char key[32], tpl[64];
		pt_template *t;
		pt_error err;
		char *out = NULL;
		double t0;

		for (i = 0; i < keys; i++) {
			snprintf(key, sizeof(key), "k%zu", i);
			pt_value_setc(d, key, pt_value_int(NULL, (int64_t)i));
		}
		pt_value_setc(d, "k0", pt_value_int(NULL, -1));   /* a duplicate: the first one wins */
		for (i = 0; i < 100000; i++) pt_value_push(l, pt_value_null(NULL));
		pt_value_setc(d, "l", l);
		snprintf(tpl, sizeof(tpl), "{{#l}}{{^.}}{{k%zu}}{{/.}}{{/l}}|{{k0}}", keys - 1);
		t = compile_ok(tpl, strlen(tpl), PT_TEMPLATE_HTML);
		t0 = cpu_now();
		PT_CHECK_EQ_INT(pt_template_render(t, d, NULL, NULL, NULL, &out, NULL, &err), PT_OK);
		cost[k] = cpu_now() - t0;
		PT_CHECK(out && strlen(out) == 100000 * (size_t)(k ? 5 : 3) + 2);   /* "999..." each time, then "|0" */
		PT_CHECK(out && strcmp(out + strlen(out) - 2, "|0") == 0);
		free(out);
		pt_template_free(t);
		pt_value_free(d);
	}
	printf("  100,000 lookups: 1,000 keys %.4f s, 100,000 keys %.4f s (ratio %.1f)\n",
		cost[0], cost[1], cost[1] / (cost[0] > 1e-6 ? cost[0] : 1e-6));
	PT_CHECK(cost[1] / (cost[0] > 1e-6 ? cost[0] : 1e-6) < 20.0);
}

static const pt_template *one_lookup(const char *name, size_t len, void *ctx)
{
	(void)name;
	(void)len;
	return ctx;
}

PT_TEST(output_cap_holds_inside_one_op)
{
	/*
	 * A standalone partial indented by 1 MB whose single text op has 100
	 * lines writes 100 MB in one op; a 4 MB string of quotes escapes to 24 MB
	 * in one op. Both must stop at the cap, and the output buffer (the
	 * caller's allocator) must never grow past it.
	 */
	size_t n, i;
	char *spaces = repeat(" ", 1000000, &n), *src = malloc(n + 16), *lines;
	pt_template *t, *p;
	pt_value *d = pt_value_map(NULL);
	counting cnt = { 0, 0, 0 };
	pt_allocator a = { c_alloc, c_realloc, c_free, &cnt };
	pt_error err;
	char *out = NULL, *quotes;

	memcpy(src, spaces, n);
	memcpy(src + n, "{{>p}}\n", 8);
	t = compile_ok(src, n + 7, PT_TEMPLATE_HTML);
	lines = repeat("a\n", 100, &i);
	p = compile_ok(lines, i, PT_TEMPLATE_HTML);
	PT_CHECK_EQ_INT(pt_template_render(t, NULL, one_lookup, p, &a, &out, NULL, &err), PT_ERR_INVALID);
	PT_CHECK(out == NULL);
	PT_CHECK(strstr(err.message, "la salida supera") != NULL);
	PT_CHECK(cnt.peak <= (size_t)PT_TEMPLATE_MAX_OUTPUT + 2 * 1000000 + 65536);
	PT_CHECK_EQ_INT(cnt.live, 0);
	pt_template_free(t);

	quotes = repeat("\"", 4 * 1024 * 1024, &i);
	pt_value_set(d, "q", 1, pt_value_string(NULL, quotes, i));
	cnt.peak = 0;
	t = compile_ok("<p>{{q}}</p>", 12, PT_TEMPLATE_HTML);
	PT_CHECK_EQ_INT(pt_template_render(t, d, NULL, NULL, &a, &out, NULL, &err), PT_ERR_INVALID);
	PT_CHECK(strstr(err.message, "la salida supera") != NULL);
	PT_CHECK(cnt.peak <= (size_t)PT_TEMPLATE_MAX_OUTPUT + 65536);
	PT_CHECK_EQ_INT(cnt.live, 0);
	pt_template_free(t);
	pt_template_free(p);
	pt_value_free(d);
	free(spaces);
	free(src);
	free(lines);
	free(quotes);
}

PT_TEST(indentation_is_bounded)
{
	/*
	 * A partial that includes itself indented by 1 MB: the indentation grows
	 * 1 MB a level. It is output-to-be, so the output cap bounds it (before,
	 * 64 MB of libc memory piled up before the depth limit said anything).
	 */
	size_t n;
	char *spaces = repeat(" ", 1000000, &n), *src = malloc(n + 16);
	pt_template *p;
	counting cnt = { 0, 0, 0 };
	pt_allocator a = { c_alloc, c_realloc, c_free, &cnt };
	pt_error err;
	char *out = NULL;

	memcpy(src, spaces, n);
	memcpy(src + n, "{{>p}}\n", 8);
	p = compile_ok(src, n + 7, PT_TEMPLATE_HTML);
	PT_CHECK_EQ_INT(pt_template_render(p, NULL, one_lookup, p, &a, &out, NULL, &err), PT_ERR_INVALID);
	PT_CHECK(strstr(err.message, "la salida supera") != NULL);
	PT_CHECK(cnt.peak <= (size_t)PT_TEMPLATE_MAX_OUTPUT + 65536);
	PT_CHECK(cnt.peak >= 8u * 1000000);    /* the indentation went through the caller's allocator */
	PT_CHECK_EQ_INT(cnt.live, 0);
	pt_template_free(p);
	free(spaces);
	free(src);
}

PT_TEST(empty_loops_count_as_steps)
{
	/* Three nested loops with empty bodies over 2,000 items: 8e9 iterations. Each is a step now. */
	pt_value *d = pt_value_map(NULL), *l = pt_value_list(NULL);
	pt_template *t;
	pt_error err;
	char *out = NULL;
	int i;

	for (i = 0; i < 2000; i++) pt_value_push(l, pt_value_int(NULL, i));
	pt_value_setc(d, "l", l);
	t = compile_ok("{{#l}}{{#l}}{{#l}}{{/l}}{{/l}}{{/l}}", 36, PT_TEMPLATE_HTML);
	PT_CHECK_EQ_INT(pt_template_render(t, d, NULL, NULL, NULL, &out, NULL, &err), PT_ERR_INVALID);
	PT_CHECK(strstr(err.message, "pasos") != NULL);
	pt_template_free(t);
	pt_value_free(d);
}

PT_TEST(nesting_names_and_size_are_capped)
{
	size_t n, m;
	char *open = repeat("{{#a}}", PT_TEMPLATE_MAX_NESTING + 1, &n), *close = repeat("{{/a}}", PT_TEMPLATE_MAX_NESTING + 1, &m);
	char *src = malloc(n + m + 1), name[PT_TEMPLATE_MAX_NAME + 8], *big;
	pt_template *t = NULL;
	pt_error err;

	memcpy(src, open, n);
	memcpy(src + n, close, m);
	src[n + m] = '\0';
	PT_CHECK_EQ_INT(pt_template_compile(src, n + m, 0, NULL, &t, &err), PT_ERR_INVALID);
	PT_CHECK(strstr(err.message, "secciones abiertas") != NULL);
	PT_CHECK_EQ_INT(err.column, 6 * PT_TEMPLATE_MAX_NESTING + 1);
	/* 100 nested is fine. */
	PT_CHECK_EQ_INT(pt_template_compile(src + 6, n + m - 12, 0, NULL, &t, &err), PT_OK);
	pt_template_free(t);
	free(src);
	free(open);
	free(close);

	/* A 1 MB template of 100,000 nested sections used to compile, then overflow the stack when rendered. */
	open = repeat("{{#a}}", 100000, &n);
	PT_CHECK_EQ_INT(pt_template_compile(open, n, 0, NULL, &t, &err), PT_ERR_INVALID);
	free(open);

	memset(name, 'x', sizeof(name));
	memcpy(name, "{{", 2);
	memcpy(name + 2 + PT_TEMPLATE_MAX_NAME, "}}", 2);
	PT_CHECK_EQ_INT(pt_template_compile(name, PT_TEMPLATE_MAX_NAME + 4, 0, NULL, &t, &err), PT_OK);
	pt_template_free(t);
	memcpy(name + 2 + PT_TEMPLATE_MAX_NAME, "x}}", 3);
	PT_CHECK_EQ_INT(pt_template_compile(name, PT_TEMPLATE_MAX_NAME + 5, 0, NULL, &t, &err), PT_ERR_INVALID);
	PT_CHECK(strstr(err.message, "nombre de etiqueta") != NULL);

	big = calloc(1, PT_TEMPLATE_MAX_SOURCE + 1);
	memset(big, 'a', PT_TEMPLATE_MAX_SOURCE + 1);
	PT_CHECK_EQ_INT(pt_template_compile(big, PT_TEMPLATE_MAX_SOURCE, 0, NULL, &t, &err), PT_OK);
	PT_CHECK(pt_template_bytes(t) > PT_TEMPLATE_MAX_SOURCE);
	pt_template_free(t);
	PT_CHECK_EQ_INT(pt_template_compile(big, PT_TEMPLATE_MAX_SOURCE + 1, 0, NULL, &t, &err), PT_ERR_INVALID);
	PT_CHECK(strstr(err.message, "supera") != NULL);
	free(big);
}

static const pt_template *nest_lookup(const char *name, size_t len, void *ctx)
{
	return ctx;
}

PT_TEST(render_context_depth_is_capped)
{
	/* Each level of a recursive partial opens 20 sections: 64 levels would be 1,280 open contexts. */
	size_t n, m;
	char *open = repeat("{{#a}}", 20, &n), *close = repeat("{{/a}}", 20, &m), *src = malloc(n + m + 16);
	pt_value *d = pt_value_map(NULL);
	pt_template *p;
	pt_error err;
	char *out = NULL;

	memcpy(src, open, n);
	memcpy(src + n, "{{>p}}", 6);
	memcpy(src + n + 6, close, m);
	pt_value_setc(d, "a", pt_value_bool(NULL, 1));
	p = compile_ok(src, n + 6 + m, PT_TEMPLATE_HTML);
	PT_CHECK_EQ_INT(pt_template_render(p, d, nest_lookup, p, NULL, &out, NULL, &err), PT_ERR_INVALID);
	PT_CHECK(strstr(err.message, "secciones abiertas") != NULL);
	pt_template_free(p);
	pt_value_free(d);
	free(open);
	free(close);
	free(src);
}

PT_TEST(nul_byte_is_not_a_sigil)
{
	/* "{{\0x}}": strchr() matched the terminator, so the NUL was taken for a sigil and {{x}} rendered. */
	pt_value *d = pt_value_map(NULL);
	pt_template *t;
	pt_error err;
	char *out = NULL;

	pt_value_setc(d, "x", pt_value_cstr(NULL, "X"));
	t = compile_ok("[{{\0x}}]", 8, 0);
	PT_CHECK_EQ_INT(pt_template_render(t, d, NULL, NULL, NULL, &out, NULL, &err), PT_OK);
	PT_CHECK_STR(out, "[]");
	free(out);
	pt_template_free(t);
	pt_value_free(d);
}

/* Renders tpl in HTML mode with u = url (and the same value in "v"). NULL when it does not compile. */
static char *render_html(const char *tpl, const char *url, pt_error *err)
{
	pt_value *d = pt_value_map(NULL);
	pt_template *t = NULL;
	char *out = NULL;

	pt_value_setc(d, "u", pt_value_cstr(NULL, url));
	pt_value_setc(d, "v", pt_value_cstr(NULL, url));
	pt_value_setc(d, "yes", pt_value_bool(NULL, 1));
	pt_error_clear(err);
	if (pt_template_compile(tpl, strlen(tpl), PT_TEMPLATE_HTML, NULL, &t, err) == PT_OK) {
		if (pt_template_render(t, d, NULL, NULL, NULL, &out, NULL, err) != PT_OK) {
			out = NULL;
		}
	}
	pt_template_free(t);
	pt_value_free(d);
	return out;
}

PT_TEST(url_attributes_refuse_unsafe_schemes)
{
	static const char *const bad[] = {
		"javascript:alert(1)", "JaVaScRiPt:alert(1)", "  javascript:alert(1)", "\x01javascript:alert(1)",
		"java\tscript:alert(1)", "java\nscript:alert(1)", "data:text/html,<script>alert(1)</script>",
		"vbscript:msgbox(1)", "javascript://%0aalert(1)", "file:///etc/passwd", "a b:c",
	};
	static const char *const good[] = {
		"https://example.org/acta.pdf?a=1&b=2", "http://x", "mailto:a@b.mx", "tel:+525555555555", "/ruta",
		"?cursor=abc", "#comentario-1", "docs/acta.pdf", "//cdn.example.org/x", "./a:b", "?x=javascript:alert(1)",
		"", "HTTPS://EXAMPLE.ORG",
		/* Data cannot form a character reference (its & is written &amp;): these stay text, hence relative. */
		"jav&#x09;ascript:alert(1)", "javascript&colon;alert(1)",
	};
	static const struct { const char *tpl, *data; } whole[] = {
		{ "<a href=\"java{{u}}\">x</a>", "script:alert(1)" },
		{ "<a href=\"{{u}}:alert(1)\">x</a>", "javascript" },
		{ "<a href=\"{{u}}{{v}}\">x</a>", "javascript:" },
		{ "<a href=\"&#106;{{u}}\">x</a>", "avascript:alert(1)" },
		{ "<a href=\"&{{u}}\">x</a>", "#58;" },          /* our & + data "#58;" is &#58; = ':' */
		{ "<a href=\"{{#yes}}{{u}}{{/yes}}\">x</a>", "javascript:alert(1)" },
		{ "<img srcset=\"a.png 1x, {{u}} 2x\">", "javascript:alert(1)" },
		{ "<img srcset=\"{{u}}\">", "a.png,javascript:alert(1)" },
		/* A block strips its indentation line by line, so a value spanning lines starts in an earlier text op
		 * than the tag's (a fuzzer find). */
		{ "{{$s}}\n <a href=\"\n\n {{u}}\">x</a>\n{{/s}}", "javascript:alert(1)" },
	};
	pt_error err;
	size_t i;
	char *out;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		out = render_html("<a href=\"{{u}}\">x</a><img src='{{u}}'>", bad[i], &err);
		if (!out || strcmp(out, "<a href=\"" PT_TEMPLATE_URL_REPLACEMENT "\">x</a><img src='"
				PT_TEMPLATE_URL_REPLACEMENT "'>") != 0) {
			PT_FAIL_AT("bad URL %zu kept: %s", i, out ? out : err.message);
		}
		free(out);
	}
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		out = render_html("<a href=\"{{u}}\">x</a>", good[i], &err);
		if (!out || strstr(out, PT_TEMPLATE_URL_REPLACEMENT)) {
			PT_FAIL_AT("good URL %zu replaced: %s", i, out ? out : err.message);
		}
		free(out);
	}
	/* The whole value is checked, whatever part the data fills; lists token by token. */
	for (i = 0; i < sizeof(whole) / sizeof(whole[0]); i++) {
		out = render_html(whole[i].tpl, whole[i].data, &err);
		if (!out || !strstr(out, PT_TEMPLATE_URL_REPLACEMENT)) {
			PT_FAIL_AT("%s with %s kept: %s", whole[i].tpl, whole[i].data, out ? out : err.message);
		}
		free(out);
	}
	out = render_html("<form action=\"{{u}}\"><button formaction=\"{{u}}\">", "javascript:alert(1)", &err);
	PT_CHECK_STR(out, "<form action=\"" PT_TEMPLATE_URL_REPLACEMENT "\"><button formaction=\""
		PT_TEMPLATE_URL_REPLACEMENT "\">");
	free(out);
	out = render_html("{{$s}}\n <a href=\"/ruta\n\n ?a={{u}}\">x</a>\n{{/s}}", "1&b=2", &err);
	PT_CHECK_STR(out, " <a href=\"/ruta\n \n ?a=1&amp;b=2\">x</a>\n");   /* the block re-indents its lines */
	free(out);
	out = render_html("<img srcset=\"{{u}}\">", "a.png 1x,b.png\t2x ;c.png", &err);
	PT_CHECK_STR(out, "<img srcset=\"a.png 1x,b.png\t2x ;c.png\">");
	free(out);
	/* A fixed prefix makes the data a path, a query or a fragment: kept, escaped. */
	out = render_html("<a href=\"?cursor={{u}}\" title=\"{{u}}\">x</a>", "javascript:alert(1)\"'", &err);
	PT_CHECK_STR(out, "<a href=\"?cursor=javascript:alert(1)&quot;&#39;\" title=\"javascript:alert(1)&quot;&#39;\">x</a>");
	free(out);
	/* Values without a tag are the template's own and are left alone; so is plain mode. */
	out = render_html("<a href=\"javascript:void(0)\">x</a>", "", &err);
	PT_CHECK_STR(out, "<a href=\"javascript:void(0)\">x</a>");
	free(out);
}

PT_TEST(html_contexts_escaping_cannot_protect_are_refused)
{
	static const struct { const char *tpl, *msg; } bad[] = {
		{ "<{{u}}>", "dentro de una etiqueta" },
		{ "</{{u}}>", "dentro de una etiqueta" },
		{ "<a {{u}}>", "dentro de una etiqueta" },
		{ "<a href={{u}}>", "comillas" },
		{ "<a title=x{{u}}>", "sin comillas" },
		{ "<a href=\"x\"{{u}}>", "dentro de una etiqueta" },
		{ "<a onclick=\"f('{{u}}')\">", "atributo onclick" },
		{ "<a ONMOUSEOVER='{{u}}'>", "atributo onmouseover" },
		{ "<p style=\"color: {{u}}\">", "atributo style" },
		{ "<iframe srcdoc=\"{{u}}\">", "atributo srcdoc" },
		{ "<script src=\"{{u}}\"></script>", "de <script>" },
		{ "<base href=\"{{u}}\">", "de <base>" },
		{ "<script>var a = '{{u}}';</script>", "dentro de <script>" },
		{ "<SCRIPT type=x>{{u}}</SCRIPT>", "dentro de <script>" },
		{ "<style>p { color: {{u}} }</style>", "dentro de <style>" },
		{ "<!-- {{u}} -->", "comentario" },
		{ "<!DOCTYPE {{u}}>", "comentario" },
		{ "<p>{{{u}}}</p><a title=\"{{{u}}}\">", "sin escapar" },
		{ "<textarea>{{&u}}</textarea>", "sin escapar" },
		{ "<a title=\"{{>p}}\">", "parcial" },
		{ "<a {{>p}}>", "dentro de una etiqueta" },
		{ "<a {{#yes}}href=\"{{/yes}}\">", "otro contexto" },
		{ "{{#yes}}<a href=\"{{/yes}}{{u}}\">", "otro contexto" },
		{ "<scr{{#yes}}ipt{{/yes}}>", "otro contexto" },
		{ "<a {{#yes}}o{{/yes}}nclick=\"{{u}}\">", "tras una sección" },
		{ "<a {{#yes}}x{{/yes}} =\"{{u}}\">", "tras una sección" },
		{ "<a {{#yes}}x{{/yes}}{{! c }}y=\"{{u}}\">", "tras una sección" },
		{ "<a {{#yes}}x{{/yes}}{{#yes}}{{/yes}}=\"{{u}}\">", "tras una sección" },
		{ "<a {{#yes}} x{{/yes}}{{#yes}}{{/yes}} ={{u}}>", "tras una sección" },
		{ "<script><!--", "<!--" },
		{ "<svg><![CDATA[ x ]]></svg>", "CDATA" },
	};
	static const struct { const char *tpl, *out; } good[] = {
		{ "<p>{{u}}</p>", "<p>&lt;b&gt;&quot;&#39;&#96;&amp;</p>" },
		{ "<p>{{{u}}}</p>", "<p><b>\"'`&</p>" },
		{ "<textarea>{{u}}</textarea><title>{{u}}</title>", "<textarea>&lt;b&gt;&quot;&#39;&#96;&amp;</textarea><title>&lt;b&gt;&quot;&#39;&#96;&amp;</title>" },
		{ "<a title='{{u}}' data-x=\"{{u}}\">", "<a title='&lt;b&gt;&quot;&#39;&#96;&amp;' data-x=\"&lt;b&gt;&quot;&#39;&#96;&amp;\">" },
		{ "<li class=\"a{{#yes}} b{{/yes}}\"{{#yes}} data-p=\"{{u}}\"{{/yes}}>", "<li class=\"a b\" data-p=\"&lt;b&gt;&quot;&#39;&#96;&amp;\">" },
		{ "<script>var a = 1 < 2;</script>{{u}}", "<script>var a = 1 < 2;</script>&lt;b&gt;&quot;&#39;&#96;&amp;" },
		{ "<!-- {{! nota }} --><p>{{u}}", "<!--  --><p>&lt;b&gt;&quot;&#39;&#96;&amp;" },
		{ "3 < {{u}}", "3 < &lt;b&gt;&quot;&#39;&#96;&amp;" },
		{ "<a href=\"x\" {{#yes}}download{{/yes}}>", "<a href=\"x\" download>" },
		{ "<a\n{{#yes}}\n  download\n{{/yes}}\n  title=\"{{u}}\">", "<a\n  download\n  title=\"&lt;b&gt;&quot;&#39;&#96;&amp;\">" },
		{ "<a {{#yes}}x=\"1\"{{/yes}} {{^yes}}y{{/yes}}/>", "<a x=\"1\" />" },
		{ "<a href=\"#\"{{#yes}} download{{/yes}}{{#yes}} title=\"{{u}}\"{{/yes}}>", "<a href=\"#\" download title=\"&lt;b&gt;&quot;&#39;&#96;&amp;\">" },
		{ "<p>{{>missing}}</p>", "<p></p>" },
	};
	pt_error err;
	size_t i;
	char *out;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		out = render_html(bad[i].tpl, "<b>\"'`&", &err);
		if (out || err.code != PT_ERR_INVALID || !strstr(err.message, bad[i].msg) || err.line == 0) {
			PT_FAIL_AT("%s: %s (%s)", bad[i].tpl, out ? out : "refused", err.message);
		}
		free(out);
	}
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		out = render_html(good[i].tpl, "<b>\"'`&", &err);
		if (!out || strcmp(out, good[i].out) != 0) {
			PT_FAIL_AT("%s: %s", good[i].tpl, out ? out : err.message);
		}
		free(out);
	}
}

static const pt_template *pair_lookup(const char *name, size_t len, void *ctx)
{
	pt_template **p = ctx;
	return len == 1 && name[0] == 'a' ? p[0] : len == 1 && name[0] == 'b' ? p[1] : NULL;
}

PT_TEST(html_partials_must_end_between_elements)
{
	pt_template *p[2], *t;
	pt_error err;
	char *out = NULL;

	p[0] = compile_ok("<p>fine</p>", 11, PT_TEMPLATE_HTML);
	p[1] = compile_ok("<a title=\"", 10, PT_TEMPLATE_HTML);
	t = compile_ok("{{>a}}{{>b}}", 12, PT_TEMPLATE_HTML);
	PT_CHECK_EQ_INT(pt_template_render(t, NULL, pair_lookup, p, NULL, &out, NULL, &err), PT_ERR_INVALID);
	PT_CHECK(strstr(err.message, "{{>b}} termina dentro") != NULL);
	pt_template_free(p[1]);
	p[1] = compile_ok("<p>plain</p>", 12, 0);   /* not compiled as HTML: refused from an HTML template */
	PT_CHECK_EQ_INT(pt_template_render(t, NULL, pair_lookup, p, NULL, &out, NULL, &err), PT_ERR_INVALID);
	pt_template_free(t);
	t = compile_ok("{{>a}}", 6, PT_TEMPLATE_HTML);
	PT_CHECK_EQ_INT(pt_template_render(t, NULL, pair_lookup, p, NULL, &out, NULL, &err), PT_OK);
	PT_CHECK_STR(out, "<p>fine</p>");
	free(out);
	pt_template_free(t);
	pt_template_free(p[0]);
	pt_template_free(p[1]);
}

/* ---------------------------------------------------------- inheritance */

/* src rendered with partials a and b (HTML mode when flags say so) into out; the status. */
static pt_status render_ab(const char *src, const char *a, const char *b, unsigned flags, char *out, size_t size,
	pt_error *err)
{
	pt_template *p[2] = { NULL, NULL }, *t = NULL;
	char *o = NULL;
	pt_status st;

	pt_error_clear(err);
	st = pt_template_compile(a, strlen(a), flags, NULL, &p[0], err);
	if (st == PT_OK) st = pt_template_compile(b, strlen(b), flags, NULL, &p[1], err);
	if (st == PT_OK) st = pt_template_compile(src, strlen(src), flags, NULL, &t, err);
	if (st == PT_OK) st = pt_template_render(t, NULL, pair_lookup, p, NULL, &o, NULL, err);
	snprintf(out, size, "%s", st == PT_OK ? o : "(failed)");
	free(o);
	pt_template_free(t);
	pt_template_free(p[0]);
	pt_template_free(p[1]);
	return st;
}

PT_TEST(inheritance_replaces_one_block_of_an_html_page)
{
	const char *base = "<main>\n  <h2>{{$title}}Consulta{{/title}}</h2>\n  {{$body}}\n  <p>Texto</p>\n"
		"  <ul>\n    {{$items}}\n    <li>uno</li>\n    {{/items}}\n  </ul>\n  {{/body}}\n</main>\n";
	char out[512];
	pt_error err;

	/* alone, a template with blocks renders as if they were not there */
	PT_CHECK_EQ_INT(render_ab("{{>a}}", base, "", PT_TEMPLATE_HTML, out, sizeof(out), &err), PT_OK);
	PT_CHECK_STR(out, "<main>\n  <h2>Consulta</h2>\n  <p>Texto</p>\n  <ul>\n    <li>uno</li>\n  </ul>\n</main>\n");
	/* one block replaced, indented where it goes; the rest as it was */
	PT_CHECK_EQ_INT(render_ab("{{<a}}\n{{$items}}\n<li>dos</li>\n<li>tres</li>\n{{/items}}\n{{/a}}\n", base, "",
		PT_TEMPLATE_HTML, out, sizeof(out), &err), PT_OK);
	PT_CHECK_STR(out, "<main>\n  <h2>Consulta</h2>\n  <p>Texto</p>\n  <ul>\n    <li>dos</li>\n    <li>tres</li>\n"
		"  </ul>\n</main>\n");
	/* an inline block, and text in the parent's body is ignored */
	PT_CHECK_EQ_INT(render_ab("{{<a}}ignored{{$title}}Presupuesto{{/title}}{{/a}}", base, "", PT_TEMPLATE_HTML,
		out, sizeof(out), &err), PT_OK);
	PT_CHECK(strstr(out, "<h2>Presupuesto</h2>") && !strstr(out, "ignored") && strstr(out, "<li>uno</li>"));
	/* a parent that does not exist is nothing, as a partial */
	PT_CHECK_EQ_INT(render_ab("x{{<zz}}{{$t}}y{{/t}}{{/zz}}", "", "", 0, out, sizeof(out), &err), PT_OK);
	PT_CHECK_STR(out, "x");
}

PT_TEST(inheritance_in_html_mode_only_between_elements)
{
	static const char *const refused[] = {
		"<a href=\"{{$u}}x{{/u}}\">", "<a {{$b}}x{{/b}}>", "<p title=\"{{<p}}{{/p}}\">", "<!-- {{$c}}{{/c}} -->",
		"<script>{{$s}}{{/s}}</script>", "<textarea>{{<p}}{{/p}}</textarea>", "{{$b}}<a href=\"{{/b}}\">",
		"{{<p}}<a {{$b}}x{{/b}}>{{/p}}",
	};
	size_t i;
	pt_template *t;
	pt_error err;
	char out[256];

	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		pt_error_clear(&err);
		t = NULL;
		if (pt_template_compile(refused[i], strlen(refused[i]), PT_TEMPLATE_HTML, NULL, &t, &err) != PT_ERR_INVALID
				|| err.line == 0) {
			PT_FAIL_AT("accepted in HTML mode: %s", refused[i]);
		}
		pt_template_free(t);
	}
	/* a parent that ends inside a tag cannot be inherited from an HTML template */
	PT_CHECK_EQ_INT(render_ab("{{<a}}{{/a}}", "<a title=\"", "", PT_TEMPLATE_HTML, out, sizeof(out), &err),
		PT_ERR_INVALID);
	PT_CHECK(strstr(err.message, "{{<a}} termina dentro") != NULL);
	/* an override's data is escaped and URL-checked where the override stands */
	PT_CHECK_EQ_INT(render_ab("{{<a}}{{$b}}<a href=\"javascript:x\">l</a>{{/b}}{{/a}}", "<p>{{$b}}{{/b}}</p>", "",
		PT_TEMPLATE_HTML, out, sizeof(out), &err), PT_OK);
	PT_CHECK_STR(out, "<p><a href=\"javascript:x\">l</a></p>");   /* literal text of a template is trusted */
}

PT_TEST(inheritance_is_bounded)
{
	pt_template *t;
	pt_error err;
	char *out = NULL, src[2048] = "", out2[64];
	int k;

	/* a parent that is itself: the depth limit, not a crash */
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_template_compile("x{{<self}}{{$b}}y{{/b}}{{/self}}", 32, 0, NULL, &t, &err), PT_OK);
	PT_CHECK_EQ_INT(pt_template_render(t, NULL, self_lookup, t, NULL, &out, NULL, &err), PT_ERR_INVALID);
	PT_CHECK(out == NULL && strstr(err.message, "anidados") != NULL);
	pt_template_free(t);
	/* a block whose override holds itself: bounded too */
	PT_CHECK_EQ_INT(render_ab("{{<a}}{{$b}}[{{$b}}{{/b}}]{{/b}}{{/a}}", "{{$b}}d{{/b}}", "", 0, out2, sizeof(out2),
		&err), PT_ERR_INVALID);
	/* 40 parents (itself) nested in blocks of themselves: refused at the depth limit, never hung */
	for (k = 0; k < 40; k++) strcat(src, "{{<a}}{{$b}}");
	for (k = 0; k < 40; k++) strcat(src, "{{/b}}{{/a}}");
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_template_compile(src, strlen(src), 0, NULL, &t, &err), PT_OK);
	PT_CHECK_EQ_INT(pt_template_render(t, NULL, self_lookup, t, NULL, &out, NULL, &err), PT_ERR_INVALID);
	pt_template_free(t);
	/* unclosed and mismatched tags have positions */
	PT_CHECK_EQ_INT(pt_template_compile("a\n{{$b}}", 8, 0, NULL, &t, &err), PT_ERR_INVALID);
	PT_CHECK(err.line == 2 && err.column == 1);
	PT_CHECK_EQ_INT(pt_template_compile("{{<p}}{{/q}}", 12, 0, NULL, &t, &err), PT_ERR_INVALID);
	PT_CHECK(err.line == 1 && err.column == 7);
}

PT_TEST(inheritance_copies_and_caches_alike)
{
	const char *src = "{{<a}}\n  {{$b}}\n  <i>{{x}}</i>\n  {{/b}}\n{{/a}}\n";
	pt_template *p[2], *t, *c;
	pt_value *d = pt_value_map(NULL);
	pt_error err;
	char *o1 = NULL, *o2 = NULL;
	const char *parent_src = "<div>\n    {{$b}}\n    <b>d</b>\n    {{/b}}\n</div>\n";

	pt_value_setc(d, "x", pt_value_cstr(NULL, "<&>"));
	p[0] = compile_ok(parent_src, strlen(parent_src), PT_TEMPLATE_HTML);
	p[1] = NULL;
	t = compile_ok(src, strlen(src), PT_TEMPLATE_HTML);
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_template_copy(t, NULL, &c, &err), PT_OK);
	PT_CHECK_EQ_INT(pt_template_render(t, d, pair_lookup, p, NULL, &o1, NULL, &err), PT_OK);
	PT_CHECK_EQ_INT(pt_template_render(c, d, pair_lookup, p, NULL, &o2, NULL, &err), PT_OK);
	PT_CHECK_STR(o1, "<div>\n    <i>&lt;&amp;&gt;</i>\n</div>\n");
	PT_CHECK_STR(o2, o1);
	free(o1);
	free(o2);
	pt_template_free(c);
	pt_template_free(t);
	pt_template_free(p[0]);
	pt_value_free(d);
}

/* A data tree seen through callbacks: one node that is its own member "self" and its own 1,000 items. */
static const char self_node = 'x';
static pt_value_type dag_type(void *ctx, const void *node) { (void)ctx; (void)node; return PT_VALUE_LIST; }
static const void *dag_member(void *ctx, const void *m, const char *k, size_t n, int *found) { *found = 1; return m; }
static size_t dag_count(void *ctx, const void *l) { (void)ctx; (void)l; return 1000; }
static const void *dag_item(void *ctx, const void *l, size_t i) { (void)ctx; (void)i; return l; }
static void dag_text(void *ctx, const void *node, const char **s, size_t *n) { *s = ""; *n = 0; }

PT_TEST(shared_data_is_bounded_by_steps)
{
	/* Data a PHP array can be: the same node everywhere. 1000^4 iterations are refused, not walked. */
	pt_template_data d = { dag_type, dag_member, dag_count, dag_item, dag_text, NULL };
	const char *src = "{{#0}}{{#.}}{{#.}}{{#.}}{{#.}}x{{/.}}{{/.}}{{/.}}{{/.}}{{/0}}";
	pt_template *t = compile_ok(src, strlen(src), PT_TEMPLATE_HTML);
	pt_error err;
	char *out = NULL;

	PT_CHECK_EQ_INT(pt_template_render_data(t, &d, &self_node, NULL, NULL, NULL, &out, NULL, &err), PT_ERR_INVALID);
	PT_CHECK(strstr(err.message, "pasos") != NULL);
	pt_template_free(t);
}

/*
 * The walk before rendering data a host cannot vouch for (template_check.h),
 * over nodes shaped like PHP's arrays: a container keeps members under string
 * or integer keys, aliases share one container (one identity), and the host
 * calls every container a map, as the binding does for a hash-mode array.
 */
typedef struct wnode {
	char kind;                   /* 'c' container, 's' string, 'o' a type the data may not hold */
	const char *text;
	size_t n;
	const char *keys[3];         /* NULL: the integer key idx[i] */
	int64_t idx[3];
	const struct wnode *items[3];
	const struct wnode *same;    /* an alias of this container */
} wnode;

static const wnode *w_real(const void *node) { const wnode *w = node; return w->same ? w->same : w; }
static pt_value_type w_type(void *ctx, const void *node)
{
	return w_real(node)->kind == 'c' ? PT_VALUE_MAP : w_real(node)->kind == 's' ? PT_VALUE_STRING : PT_VALUE_NULL;
}
static const void *w_member(void *ctx, const void *m, const char *k, size_t n, int *found)
{
	const wnode *w = w_real(m);
	size_t i;

	for (i = 0; i < w->n; i++) {
		if (w->keys[i] && strlen(w->keys[i]) == n && memcmp(w->keys[i], k, n) == 0) {
			*found = 1;
			return w->items[i];
		}
	}
	*found = 0;
	return NULL;
}
static size_t w_count(void *ctx, const void *l) { return w_real(l)->n; }
static const void *w_item(void *ctx, const void *l, size_t i)
{
	const wnode *w = w_real(l);
	size_t j;

	for (j = 0; j < w->n; j++) {
		if (!w->keys[j] && w->idx[j] == (int64_t)i) {
			return w->items[j];
		}
	}
	return NULL;
}
static void w_text(void *ctx, const void *node, const char **s, size_t *n)
{
	*s = w_real(node)->text ? w_real(node)->text : "";
	*n = strlen(*s);
}
static int w_each(void *ctx, const void *node, pt_template_each_fn fn, void *fctx)
{
	const wnode *w = w_real(node);
	size_t i;
	int r;

	for (i = 0; i < w->n; i++) {
		if ((r = fn(fctx, w->keys[i], w->idx[i], w->items[i])) != 0) {
			return r;
		}
	}
	return 0;
}
static const char *w_refused(void *ctx, const void *node) { return w_real(node)->kind == 'o' ? "stdClass" : NULL; }
static const void *w_identity(void *ctx, const void *node) { return w_real(node); }

static pt_status walk_render(const char *src, const wnode *root, char **out, pt_error *err)
{
	static const pt_template_walk walk = { w_each, w_refused, w_identity };
	pt_template_data d = { w_type, w_member, w_count, w_item, w_text, NULL };
	pt_template *t = compile_ok(src, strlen(src), PT_TEMPLATE_HTML);
	pt_status s;

	*out = NULL;
	pt_error_clear(err);
	if (!t) {
		return PT_ERR_INTERNAL;
	}
	s = pt_template_render_checked(t, &d, &walk, root, NULL, NULL, NULL, out, NULL, err);
	pt_template_free(t);
	return s;
}

PT_TEST(walk_finds_lists_refuses_types_and_cycles)
{
	static const wnode a = { 's', "a" }, b = { 's', "b" }, obj = { 'o' };
	static const wnode list = { 'c', NULL, 2, { NULL, NULL }, { 0, 1 }, { &a, &b } };
	static const wnode swapped = { 'c', NULL, 2, { NULL, NULL }, { 1, 0 }, { &a, &b } };
	static const wnode root = { 'c', NULL, 2, { "l", "m" }, { 0, 0 }, { &list, &swapped } };
	static const wnode bad = { 'c', NULL, 2, { "l", "o" }, { 0, 0 }, { &list, &obj } };
	static wnode loop = { 'c', NULL, 1, { "again" } }, alias = { 'c' };
	char *out;
	pt_error err;

	/* keys 0, 1 in order: a list; 1, 0: a map (the section shows it once) */
	PT_CHECK_EQ_INT(walk_render("{{#l}}[{{.}}]{{/l}}|{{#m}}x{{/m}}", &root, &out, &err), PT_OK);
	PT_CHECK_STR(out, "[a][b]|x");
	free(out);
	PT_CHECK_EQ_INT(walk_render("{{l.0}}", &bad, &out, &err), PT_ERR_INVALID);
	PT_CHECK(out == NULL);
	PT_CHECK_STR(err.message, "Template::render(): los datos solo pueden contener arreglos y valores escalares, "
		"no stdClass (convierta los objetos con toArray() antes)");
	/* a container that holds itself through an alias (a PHP reference) */
	alias.same = &loop;
	loop.items[0] = &alias;
	PT_CHECK_EQ_INT(walk_render("x", &loop, &out, &err), PT_ERR_INVALID);
	PT_CHECK_STR(err.message, "Template::render(): los datos se contienen a sí mismos (una referencia circular)");
}

PT_TEST(walk_bounds_depth_through_shared_containers)
{
	static wnode chain[PT_TEMPLATE_DATA_DEPTH_MAX + 1], leaf = { 's', "fondo" };
	wnode outer = { 'c', NULL, 1, { "k" } }, two = { 'c', NULL, 2, { "x", "y" } };
	char *out;
	pt_error err;
	size_t i;

	/* chain[i] holds chain[i + 1]; chain[0] is PT_TEMPLATE_DATA_DEPTH_MAX levels */
	for (i = 0; i < PT_TEMPLATE_DATA_DEPTH_MAX; i++) {
		chain[i] = (wnode){ 'c', NULL, 1, { "k" }, { 0 }, { i + 1 < PT_TEMPLATE_DATA_DEPTH_MAX ? &chain[i + 1] : &leaf } };
	}
	PT_CHECK_EQ_INT(walk_render("{{k.k.k}}", &chain[0], &out, &err), PT_OK);
	free(out);
	outer.items[0] = &chain[0];
	PT_CHECK_EQ_INT(walk_render("x", &outer, &out, &err), PT_ERR_INVALID);
	PT_CHECK_STR(err.message, "Template::render(): datos anidados a más de 128 niveles");
	/* chain[1] (127 levels) fits right under the top, then is seen again one level further down: the
	 * memo's height refuses it there */
	two.items[0] = &chain[1];
	outer.items[0] = &chain[1];
	two.items[1] = &outer;
	PT_CHECK_EQ_INT(walk_render("x", &two, &out, &err), PT_ERR_INVALID);
	PT_CHECK_STR(err.message, "Template::render(): datos anidados a más de 128 niveles");
	/* and a shallow one shared twice is fine */
	two.items[0] = &chain[PT_TEMPLATE_DATA_DEPTH_MAX - 2];
	two.items[1] = &chain[PT_TEMPLATE_DATA_DEPTH_MAX - 2];
	PT_CHECK_EQ_INT(walk_render("{{x.k.k}}{{y.k.k}}", &two, &out, &err), PT_OK);
	PT_CHECK_STR(out, "fondofondo");
	free(out);
}

PT_TEST(copy_renders_the_same)
{
	pt_value *d = pt_value_map(NULL);
	pt_template *t, *c = NULL;
	pt_error err;
	char *o1 = NULL, *o2 = NULL;

	pt_value_setc(d, "u", pt_value_cstr(NULL, "javascript:x"));
	t = compile_ok("<a href=\"{{u}}\">{{u}}</a>", 25, PT_TEMPLATE_HTML);
	PT_CHECK_EQ_INT(pt_template_copy(t, NULL, &c, &err), PT_OK);
	PT_CHECK(pt_template_bytes(c) <= pt_template_bytes(t));
	pt_template_free(t);
	PT_CHECK_EQ_INT(pt_template_render(c, d, NULL, NULL, NULL, &o1, NULL, &err), PT_OK);
	PT_CHECK_STR(o1, "<a href=\"" PT_TEMPLATE_URL_REPLACEMENT "\">javascript:x</a>");
	free(o1);
	free(o2);
	pt_template_free(c);
	pt_value_free(d);
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
	printf("  mustache spec: %d/%d required cases pass\n", spec_passed, spec_total);
	spec_passed = spec_total = 0;
	PT_RUN(spec_inheritance);
	printf("  mustache spec ~inheritance: %d/%d cases pass (optional ~lambdas, ~dynamic-names not supported)\n",
		spec_passed, spec_total);
	PT_RUN(escapes_all_six);
	PT_RUN(values_print);
	PT_RUN(list_index_wraps_non_empty_lists);
	PT_RUN(compile_errors_have_positions);
	PT_RUN(recursive_partial_is_bounded);
	PT_RUN(exponential_render_is_bounded);
	PT_RUN(template_is_reusable);
	PT_RUN(one_line_template_compiles_in_linear_time);
	PT_RUN(big_map_lookup_is_hashed);
	PT_RUN(output_cap_holds_inside_one_op);
	PT_RUN(indentation_is_bounded);
	PT_RUN(empty_loops_count_as_steps);
	PT_RUN(nesting_names_and_size_are_capped);
	PT_RUN(render_context_depth_is_capped);
	PT_RUN(nul_byte_is_not_a_sigil);
	PT_RUN(url_attributes_refuse_unsafe_schemes);
	PT_RUN(html_contexts_escaping_cannot_protect_are_refused);
	PT_RUN(html_partials_must_end_between_elements);
	PT_RUN(inheritance_replaces_one_block_of_an_html_page);
	PT_RUN(inheritance_in_html_mode_only_between_elements);
	PT_RUN(inheritance_is_bounded);
	PT_RUN(inheritance_copies_and_caches_alike);
	PT_RUN(shared_data_is_bounded_by_steps);
	PT_RUN(walk_finds_lists_refuses_types_and_cycles);
	PT_RUN(walk_bounds_depth_through_shared_containers);
	PT_RUN(copy_renders_the_same);
	return pt_test_summary("test_template");
}
