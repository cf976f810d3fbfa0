/*
 * The fragments' infrastructure and the thread fragment, standalone under ASan/UBSan: the host
 * contract (core/fragment/fragment_host.h), the form-post rules (request_rules.h), the thread
 * and moderation view models (thread_view.h) and their templates rendered from templates/
 * (io/template/template_files.h).
 */
#include "pt_test.h"
#include "core/fragment/fragment_host.h"
#include "core/fragment/fragment_view.h"
#include "core/fragment/request_rules.h"
#include "core/fragment/thread_view.h"
#include "core/site/site_config.h"
#include "io/template/template_files.h"

#include <unistd.h>

static pt_value *S(const char *s) { return pt_value_cstr(NULL, s); }
static pt_value *I(int64_t i) { return pt_value_int(NULL, i); }

static pt_value *map(const char *k, pt_value *v, ...)
{
	pt_value *m = pt_value_map(NULL);
	va_list ap;

	va_start(ap, v);
	while (k) {
		pt_value_setc(m, k, v);
		k = va_arg(ap, const char *);
		v = k ? va_arg(ap, pt_value *) : NULL;
	}
	va_end(ap);
	return m;
}

static pt_value *list(pt_value *v, ...)
{
	pt_value *l = pt_value_list(NULL);
	va_list ap;

	va_start(ap, v);
	for (; v; v = va_arg(ap, pt_value *)) {
		pt_value_push(l, v);
	}
	va_end(ap);
	return l;
}

static char *link_of(const pt_fragment_host *h, int key, const char *value)
{
	pt_buf b;
	char *s;

	pt_buf_init(&b, NULL);
	PT_CHECK_EQ_INT(pt_fragment_link(h, &b, &key, &value, value ? 1 : 0), PT_OK);
	s = strdup(b.data ? b.data : "");
	pt_buf_free(&b);
	return s;
}

PT_TEST(links_are_the_host_template_with_encoded_pairs)
{
	pt_fragment_host h = { .url = "/consulta/?{params}" };
	char *s;

	s = link_of(&h, PT_FRAGMENT_PARAM_CURSOR, "a b/c&d");
	PT_CHECK_STR(s, "/consulta/?cursor=a%20b%2Fc%26d");
	free(s);
	s = link_of(&h, PT_FRAGMENT_PARAM_CURSOR, NULL);
	PT_CHECK_STR(s, "/consulta/");
	free(s);
	h.url = "/?p=12&{params}#x";
	h.params[PT_FRAGMENT_PARAM_CURSOR] = "pc";
	s = link_of(&h, PT_FRAGMENT_PARAM_CURSOR, "9");
	PT_CHECK_STR(s, "/?p=12&pc=9#x");
	free(s);
	s = link_of(&h, PT_FRAGMENT_PARAM_CURSOR, NULL);
	PT_CHECK_STR(s, "/?p=12#x");
	free(s);
	h.url = "https://muni.gob.mx/hilo?x=1";
	s = link_of(&h, PT_FRAGMENT_PARAM_VIEW, "responder-3");
	PT_CHECK_STR(s, "https://muni.gob.mx/hilo?x=1&view=responder-3");
	free(s);
	/* a return address that already carries the parameter: replaced, not repeated; the
	 * #fragment stays last; a name that only starts the same is another parameter */
	h.url = "/compromiso/?view=responder-9&x=1&viewer=2#hilo";
	s = link_of(&h, PT_FRAGMENT_PARAM_VIEW, "c19");
	PT_CHECK_STR(s, "/compromiso/?x=1&viewer=2&view=c19#hilo");
	free(s);
	h.url = "/compromiso/?view=responder-9";
	s = link_of(&h, PT_FRAGMENT_PARAM_VIEW, "c19");
	PT_CHECK_STR(s, "/compromiso/?view=c19");
	free(s);
	s = link_of(&h, PT_FRAGMENT_PARAM_VIEW, NULL);
	PT_CHECK_STR(s, "/compromiso/?view=responder-9");
	free(s);
	h.url = "/a?&&view&b=2";
	s = link_of(&h, PT_FRAGMENT_PARAM_VIEW, "c1");
	PT_CHECK_STR(s, "/a?b=2&view=c1");
	free(s);
	h.url = NULL;
	s = link_of(&h, PT_FRAGMENT_PARAM_REPLIES, "4");
	PT_CHECK_STR(s, "?replies=4");
	free(s);
	{
		pt_buf b;
		int bad = 99;
		const char *v = "x";

		pt_buf_init(&b, NULL);
		PT_CHECK_EQ_INT(pt_fragment_link(&h, &b, &bad, &v, 1), PT_ERR_INVALID);
		pt_buf_free(&b);
	}
}

PT_TEST(base_names_and_texts)
{
	pt_value *names = map("wp:42", S("Ana López"), NULL);
	pt_fragment_host h = { .url = "/c/?{params}", .heading = 6, .instance = "t1", .token_name = "_n",
		.token_value = "v", .names = names };
	pt_value *b = pt_fragment_base(&h, NULL);

	PT_CHECK_STR(pt_fragment_str(b, "instance"), "t1");
	PT_CHECK_EQ_INT(pt_fragment_int(b, "h", 0), 6);
	PT_CHECK_EQ_INT(pt_fragment_int(b, "h2", 0), 6);   /* levels stop at 6 */
	PT_CHECK_STR(pt_fragment_str(b, "post_url"), "/c/");
	PT_CHECK_STR(pt_fragment_str(b, "here"), "/c/");
	PT_CHECK_STR(pt_fragment_str(pt_value_get(b, "token"), "name"), "_n");
	PT_CHECK_STR(pt_fragment_str(b, "lang"), "es");
	pt_value_free(b);
	PT_CHECK_STR(pt_fragment_name(&h, "wp:42"), "Ana López");
	PT_CHECK_STR(pt_fragment_name(&h, "wp:99"), "Participante");
	PT_CHECK_STR(pt_fragment_name(NULL, "wp:99"), "Participante");
	h.lang = "en";
	PT_CHECK_STR(pt_fragment_name(&h, "wp:99"), "Participant");
	PT_CHECK_STR(pt_fragment_text(&h, "Responder"), "Reply");
	PT_CHECK_STR(pt_fragment_text(&h, "no está en el catálogo"), "no está en el catálogo");
	h.token_name = NULL;
	b = pt_fragment_base(&h, NULL);
	PT_CHECK(pt_value_get(b, "token") == NULL);
	PT_CHECK_STR(pt_fragment_str(b, "lang"), "en");
	pt_value_free(b);
	pt_value_free(names);
}

PT_TEST(the_contract_is_read_and_checked)
{
	pt_fragment_host h;
	pt_error err;
	bool uc, nc;
	pt_value *c = map("url", S("/consulta/?{params}"), "heading", I(3), "instance", S("hilo-1"), "lang", S("en"),
		"params", map("cursor", S("pagina"), NULL), "token", map("name", S("_wpnonce"), "value", S("abc"), NULL),
		"names", map("wp:1", S("Uno"), NULL), NULL);

	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_fragment_host_read(c, &h, &uc, &nc, &err), PT_OK);
	PT_CHECK(!uc && !nc);
	PT_CHECK_STR(h.url, "/consulta/?{params}");
	PT_CHECK_EQ_INT(h.heading, 3);
	PT_CHECK_STR(h.params[PT_FRAGMENT_PARAM_CURSOR], "pagina");
	PT_CHECK_STR(pt_fragment_param_name(&h, PT_FRAGMENT_PARAM_VIEW), "view");
	PT_CHECK_STR(h.token_name, "_wpnonce");
	PT_CHECK_STR(pt_fragment_name(&h, "wp:1"), "Uno");
	pt_value_free(c);

	/* a callable (a PHP closure is a host value) is the caller's to call */
	c = map("url", pt_value_host(NULL, NULL, 0), "names", S("my_names"), NULL);
	PT_CHECK_EQ_INT(pt_fragment_host_read(c, &h, &uc, &nc, &err), PT_OK);
	PT_CHECK(uc && nc);
	pt_value_free(c);

	struct { const char *key; pt_value *v; const char *msg; } bad[] = {
		{ "bogus", I(1), "unknown key 'bogus'" }, { "heading", I(7), "'heading'" },
		{ "instance", S("1x"), "'instance'" }, { "instance", S("a b"), "'instance'" }, { "lang", S("fr"), "'lang'" },
		{ "post_url", S("javascript:alert(1)"), "'post_url'" }, { "params", map("page", S("p"), NULL), "unknown key 'page'" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		c = map(bad[i].key, bad[i].v, NULL);
		pt_error_clear(&err);
		PT_CHECK_EQ_INT(pt_fragment_host_read(c, &h, &uc, &nc, &err), PT_ERR_INVALID);
		if (!strstr(err.message, bad[i].msg)) {
			PT_FAIL_AT("%s: \"%s\" does not say %s", bad[i].key, err.message, bad[i].msg);
		}
		pt_value_free(c);
	}
}

/* ---- form posts ------------------------------------------------------------------ */

static pt_fragment_host post_host = { .url = "https://muni.gob.mx/consulta/?{params}", .here = "https://muni.gob.mx/consulta/",
	.instance = "t1" };

static pt_value *check(pt_value *post, const char *who, pt_status want, const pt_request_rule **rule)
{
	pt_value *o = NULL;
	pt_error err;

	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_request_check(post, who, &post_host, NULL, &o, rule, &err), want);
	PT_CHECK(o != NULL);
	pt_value_free(post);
	return o;
}

PT_TEST(a_post_is_checked_field_by_field)
{
	const pt_request_rule *r;
	pt_value *o;

	o = check(map("participa_action", S("thread.post"), "subject_type", S("commitment"), "subject_id", S("PAL-07"),
		"body", S("Hola\r\nmundo\rotra"), "participa_form", S("comentar"), NULL), "wp:1", PT_OK, &r);
	PT_CHECK(r && !strcmp(r->action, "thread.post"));
	PT_CHECK_STR(pt_request_text(o, "body"), "Hola\nmundo\notra");
	PT_CHECK_STR(pt_fragment_str(o, "form"), "comentar");
	PT_CHECK_STR(pt_fragment_str(o, "redirect"), "https://muni.gob.mx/consulta/");
	pt_value_free(o);

	o = check(map("participa_action", S("thread.post"), "subject_type", S("commitment"), "subject_id", S("PAL-07"),
		"body", S("   "), NULL), "wp:1", PT_ERR_INVALID, &r);
	PT_CHECK_STR(pt_fragment_str(pt_value_get(o, "errors"), "body"), "El comentario no puede quedar en blanco.");
	PT_CHECK_STR(pt_fragment_str(o, "message"), "Revisa los datos marcados.");
	PT_CHECK_STR(pt_request_text(o, "body"), "   ");   /* the draft is kept */
	pt_value_free(o);

	/* a forged "\r" in a one-line field: refused like a line break, and the draft holds "\n"
	 * (found by fuzz_request_rules: the draft kept the "\r") */
	o = check(map("participa_action", S("moderation.ban"), "participant", S("wp:9"), "reason", S("spam\rotra"), NULL),
		"wp:mod", PT_ERR_INVALID, &r);
	PT_CHECK_STR(pt_request_text(o, "reason"), "spam\notra");
	PT_CHECK(pt_fragment_str(pt_value_get(o, "errors"), "reason") != NULL);
	pt_value_free(o);

	o = check(map("participa_action", S("thread.react"), "subject_type", S("commitment"), "subject_id", S("PAL-07"),
		"comment", S("012"), "reaction", S("agree"), NULL), "wp:1", PT_ERR_INVALID, &r);
	PT_CHECK(pt_fragment_str(pt_value_get(o, "errors"), "comment") != NULL);
	PT_CHECK_STR(pt_fragment_str(pt_value_get(o, "errors"), "reaction"), "Elige una opción.");
	pt_value_free(o);

	/* a vote button posts its reaction as its name, the comment as its value */
	o = check(map("participa_action", S("thread.react"), "subject_type", S("commitment"), "subject_id", S("PAL-07"),
		"none", S("12"), NULL), "wp:1", PT_OK, &r);
	PT_CHECK_STR(pt_request_text(o, "reaction"), "none");
	PT_CHECK_EQ_INT(pt_request_int(o, "comment"), 12);
	pt_value_free(o);
	o = check(map("participa_action", S("thread.react"), "subject_type", S("commitment"), "subject_id", S("PAL-07"),
		"up", S("x1"), NULL), "wp:1", PT_ERR_INVALID, &r);
	PT_CHECK(pt_fragment_str(pt_value_get(o, "errors"), "comment") != NULL);   /* the value is checked as the comment */
	pt_value_free(o);
	o = check(map("participa_action", S("thread.react"), "subject_type", S("commitment"), "subject_id", S("PAL-07"),
		"sideways", S("12"), NULL), "wp:1", PT_ERR_INVALID, &r);
	PT_CHECK_STR(pt_fragment_str(pt_value_get(o, "errors"), "reaction"), "Elige una opción.");
	pt_value_free(o);
	/* a button's name does not override fields posted apart */
	o = check(map("participa_action", S("thread.react"), "subject_type", S("commitment"), "subject_id", S("PAL-07"),
		"comment", S("7"), "reaction", S("down"), "up", S("12"), NULL), "wp:1", PT_OK, &r);
	PT_CHECK_STR(pt_request_text(o, "reaction"), "down");
	PT_CHECK_EQ_INT(pt_request_int(o, "comment"), 7);
	pt_value_free(o);

	o = check(map("participa_action", S("thread.flag"), "subject_type", S("commitment"), "subject_id", S("PAL-07"),
		"comment", S("12"), "reason", list(S("x"), NULL), NULL), "wp:1", PT_ERR_INVALID, &r);
	PT_CHECK(pt_fragment_str(pt_value_get(o, "errors"), "reason") != NULL);
	pt_value_free(o);

	o = check(map("participa_action", S("thread.delete"), "subject_type", S("commitment"), "subject_id", S("PAL-07"),
		"comment", S("12"), NULL), NULL, PT_ERR_NOT_ALLOWED, &r);
	PT_CHECK_STR(pt_fragment_str(o, "message"), "Inicia sesión para participar.");
	pt_value_free(o);

	o = check(map("participa_action", S("process.nothing"), NULL), "wp:1", PT_ERR_INVALID, &r);
	PT_CHECK(r == NULL);
	PT_CHECK_STR(pt_fragment_str(o, "action"), "process.nothing");
	pt_value_free(o);

	o = check(pt_value_list(NULL), "wp:1", PT_ERR_INVALID, &r);
	PT_CHECK_STR(pt_fragment_str(o, "action"), "");
	pt_value_free(o);
}

PT_TEST(only_this_site_is_a_return_address)
{
	struct { const char *ret, *want; } rows[] = {
		{ "/consulta/?x=1#frag", "/consulta/?x=1" }, { "https://muni.gob.mx/otra/", "https://muni.gob.mx/otra/" },
		{ "//evil.example/", "https://muni.gob.mx/consulta/" }, { "/\\evil.example", "https://muni.gob.mx/consulta/" },
		{ "https://evil.example/", "https://muni.gob.mx/consulta/" },
		{ "https://muni.gob.mx.evil.example/", "https://muni.gob.mx/consulta/" },
		{ "javascript:alert(1)", "https://muni.gob.mx/consulta/" }, { "/a\nb", "https://muni.gob.mx/consulta/" },
		{ NULL, "https://muni.gob.mx/consulta/" },
	};
	pt_buf b;

	pt_buf_init(&b, NULL);
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		PT_CHECK_EQ_INT(pt_request_return(&post_host, rows[i].ret, &b), PT_OK);
		if (strcmp(b.data ? b.data : "", rows[i].want)) {
			PT_FAIL_AT("%s gives %s, expected %s", rows[i].ret ? rows[i].ret : "(null)", b.data, rows[i].want);
		}
	}
	pt_buf_free(&b);
}

PT_TEST(the_outcome_is_settled_from_the_answer)
{
	const pt_request_rule *r;
	pt_value *o;
	bool done;

	o = check(map("participa_action", S("thread.reply"), "subject_type", S("commitment"), "subject_id", S("PAL-07"),
		"parent", S("4"), "body", S("compra ya"), "participa_form", S("responder-4"), NULL), "wp:1", PT_OK, &r);
	pt_request_put(o, "result", map("id", I(9), "status", S("rejected"), "message", S("No se permite publicidad."), NULL));
	done = true;
	PT_CHECK_EQ_INT(pt_request_finish(o, r, &post_host, &done), PT_OK);
	PT_CHECK(!done && !pt_fragment_bool(o, "ok"));
	PT_CHECK_STR(pt_fragment_str(o, "message"), "No se permite publicidad.");
	PT_CHECK_STR(pt_fragment_str(pt_value_get(o, "errors"), "body"), "No se permite publicidad.");
	PT_CHECK_STR(pt_request_text(o, "body"), "compra ya");
	/* back to the view that opens that comment's form (it may be on no page the host shows first) */
	PT_CHECK_STR(pt_fragment_str(o, "redirect"), "https://muni.gob.mx/consulta/?view=responder-4#t1-responder-4");
	PT_CHECK(pt_value_get(o, "result") == NULL);
	pt_value_free(o);

	o = check(map("participa_action", S("thread.post"), "subject_type", S("commitment"), "subject_id", S("PAL-07"),
		"body", S("hola"), NULL), "wp:1", PT_OK, &r);
	pt_request_put(o, "result", map("id", I(10), "status", S("held"), NULL));
	done = true;
	PT_CHECK_EQ_INT(pt_request_finish(o, r, &post_host, &done), PT_OK);
	PT_CHECK(done && pt_fragment_bool(o, "ok"));
	PT_CHECK(strstr(pt_fragment_str(o, "message"), "revisión") != NULL);
	/* to the view that shows the new comment, by the host's name of the parameter */
	PT_CHECK_STR(pt_fragment_str(o, "redirect"), "https://muni.gob.mx/consulta/?view=c10#t1-c10");
	PT_CHECK_EQ_INT(pt_value_get(o, "draft")->u.c.count, 0);
	pt_value_free(o);
	{
		pt_fragment_host named = post_host, no_url = { .here = "/p/?id=3#x", .instance = "t1" };
		pt_value *p2 = map("participa_action", S("thread.post"), "subject_type", S("commitment"), "subject_id", S("PAL-07"),
			"body", S("hola"), NULL);
		pt_error err;

		named.params[PT_FRAGMENT_PARAM_VIEW] = "vista";
		for (int k = 0; k < 2; k++) {
			pt_error_clear(&err);
			PT_CHECK_EQ_INT(pt_request_check(p2, "wp:1", k ? &no_url : &named, NULL, &o, &r, &err), PT_OK);
			pt_request_put(o, "result", map("id", I(11), "status", S("published"), NULL));
			done = true;
			PT_CHECK_EQ_INT(pt_request_finish(o, r, k ? &no_url : &named, &done), PT_OK);
			/* without a url: the return address with the parameter */
			PT_CHECK_STR(pt_fragment_str(o, "redirect"), k ? "/p/?id=3&view=c11#t1-c11"
				: "https://muni.gob.mx/consulta/?vista=c11#t1-c11");
			pt_value_free(o);
		}
		pt_value_free(p2);
	}
	/* a vote stays on the page it came from */
	o = check(map("participa_action", S("thread.react"), "subject_type", S("commitment"), "subject_id", S("PAL-07"),
		"comment", S("7"), "reaction", S("up"), NULL), "wp:1", PT_OK, &r);
	pt_request_put(o, "result", map("id", I(7), "up", I(1), NULL));
	done = true;
	PT_CHECK_EQ_INT(pt_request_finish(o, r, &post_host, &done), PT_OK);
	PT_CHECK_STR(pt_fragment_str(o, "redirect"), "https://muni.gob.mx/consulta/#t1-c7");
	pt_value_free(o);

	o = check(map("participa_action", S("moderation.hide"), "comment", S("3"), NULL), "wp:mod", PT_OK, &r);
	pt_request_put(o, "result", map("id", I(3), "status", S("hidden"), NULL));
	done = true;
	PT_CHECK_EQ_INT(pt_request_finish(o, r, &post_host, &done), PT_OK);
	PT_CHECK_STR(pt_fragment_str(o, "message"), "Comentario ocultado.");
	PT_CHECK_STR(pt_fragment_str(o, "redirect"), "https://muni.gob.mx/consulta/#t1");
	pt_value_free(o);
}

PT_TEST(every_rule_names_a_callable_method)
{
	for (size_t i = 0; pt_request_rule_at(i); i++) {
		const pt_request_rule *r = pt_request_rule_at(i);
		pt_value *o = map("draft", map(NULL, NULL), NULL), *args = NULL;
		char method[64];

		PT_CHECK(pt_request_rule_find(r->action, strlen(r->action)) == r);
		PT_CHECK(i == 0 || strcmp(pt_request_rule_at(i - 1)->action, r->action) < 0);   /* sorted */
		if (r->via) {
			PT_CHECK_EQ_INT(pt_request_args(r, false, o, "wp:1", NULL, method, sizeof(method), &args), PT_OK);
			pt_value_free(args);
			PT_CHECK_EQ_INT(pt_request_args(r, true, o, "wp:1", NULL, method, sizeof(method), &args), PT_OK);
			PT_CHECK(args && args->u.c.count <= 4);
			pt_value_free(args);
		}
		PT_CHECK(r->done && pt_fragment_text(&(pt_fragment_host){ .lang = "en" }, r->done) != r->done);
		pt_value_free(o);
	}
	{
		const pt_request_rule *r = pt_request_rule_find("thread.reply", 12);
		pt_value *o = map("draft", map("parent", S("7"), "body", S("b"), NULL), NULL), *args;
		char method[64];

		PT_CHECK_EQ_INT(pt_request_args(r, true, o, "wp:1", NULL, method, sizeof(method), &args), PT_OK);
		PT_CHECK_STR(method, "post");
		PT_CHECK_EQ_INT(args->u.c.count, 3);
		PT_CHECK_STR(args->u.c.items[0]->u.s.s, "wp:1");
		PT_CHECK_STR(args->u.c.items[1]->u.s.s, "b");
		PT_CHECK_EQ_INT(pt_fragment_int(args->u.c.items[2], "parent", 0), 7);
		pt_value_free(args);
		pt_value_free(o);
	}
}

/* ---- the thread view --------------------------------------------------------------- */

static pt_value *node(int64_t id, int64_t depth, const char *author, const char *status, const char *body,
	pt_value *replies)
{
	pt_value *n = map("id", I(id), "depth", I(depth), "author", S(author), "status", S(status),
		"body", body ? S(body) : pt_value_null(NULL), "official", pt_value_bool(NULL, 0), "up", I(2), "down", I(1),
		"created_at", S("2026-02-01 18:05:00.000000"), "created_iso", S("2026-02-01T18:05:00.000Z"),
		"edited_at", pt_value_null(NULL), "viewer_vote", S("none"), "more", pt_value_null(NULL),
		"replies", replies ? replies : pt_value_list(NULL), NULL);
	return n;
}

/* Thread data as Thread::html() gathers it: max_depth 2, edit window 15 minutes, "now" 5 minutes after the posts. */
static pt_value *thread_data(const char *viewer, uint32_t perms, pt_value *opts)
{
	pt_value *c1 = node(1, 0, "wp:42", "published", "Hola\nllamen al [dato personal oculto]\n\nOtro párrafo",
		list(node(2, 1, "wp:43", "published", "Respuesta", list(node(3, 2, "wp:42", "published", "Hondo", NULL), NULL)),
			NULL));
	pt_value *held = node(4, 0, "wp:43", "held", "En espera", NULL);
	pt_value *off = node(5, 0, "wp:fun", "published", "Oficial", NULL);
	pt_value *del = node(6, 0, "wp:44", "deleted", NULL, NULL);

	pt_request_put(off, "official", pt_value_bool(NULL, 1));
	pt_request_put(off, "edited_at", S("2026-02-01 18:07:00"));
	pt_request_put(c1, "more", S("CURSOR-R"));
	pt_request_put(c1, "more_count", I(3));
	return map("info", map("id", I(1), "subject_type", S("commitment"), "subject_id", S("PAL-07"),
			"alignment", pt_value_bool(NULL, 1), NULL),
		"page", map("comments", list(c1, held, off, del, NULL), "next", S("CURSOR-P"),
			"counts", map("published", I(5), "roots", I(4), NULL), NULL),
		"viewer", viewer ? S(viewer) : pt_value_null(NULL), "perms", I(perms), "max_depth", I(2),
		"edit_window", I(900), "now", I(1769969400LL * 1000000), "timezone", S("America/Mexico_City"),
		"opts", opts ? opts : map(NULL, NULL), NULL);
}

static pt_value *names(void)
{
	return map("wp:42", S("Ana López"), "wp:43", S("Beto <b>"), "wp:fun", S("Dirección de Obras"), NULL);
}

static char *render(const char *template, pt_value *view)
{
	pt_buf out;
	pt_error err;
	char *s;

	pt_error_clear(&err);
	pt_buf_init(&out, NULL);
	if (pt_fragment_render(template, view, &out, &err) != PT_OK) {
		PT_FAIL_AT("render %s: %s", template, err.message);
	}
	s = strdup(out.data ? out.data : "");
	pt_buf_free(&out);
	pt_value_free(view);
	return s;
}

static char *thread_html(const pt_fragment_host *h, pt_value *data)
{
	pt_value *v = NULL;
	pt_error err;

	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_fragment_thread_view(data, h, NULL, &v, &err), PT_OK);
	pt_value_free(data);
	return v ? render("thread", v) : strdup("");
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;

	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle)) {
		n++;
	}
	return n;
}

/* Every id="..." of html is distinct. */
static bool ids_unique(const char *html)
{
	char seen[512][96];
	size_t n = 0;

	for (const char *p = html; (p = strstr(p, " id=\"")); ) {
		const char *e = strchr(p += 5, '"');
		size_t len = e ? (size_t)(e - p) : 0;

		if (!e || len >= 96 || n == 512) {
			return false;
		}
		for (size_t i = 0; i < n; i++) {
			if (strlen(seen[i]) == len && !memcmp(seen[i], p, len)) {
				PT_FAIL_AT("id %.*s twice", (int)len, p);
				return false;
			}
		}
		memcpy(seen[n], p, len);
		seen[n++][len] = '\0';
	}
	return true;
}

static const uint32_t citizen = PT_PERM_COMMENT | PT_PERM_REACT | PT_PERM_FLAG;

PT_TEST(a_thread_shows_what_a_citizen_needs)
{
	pt_value *nm = names();
	pt_fragment_host h = { .url = "/consulta/?{params}", .instance = "t1", .names = nm, .token_name = "_wpnonce",
		.token_value = "n0nce" };
	char *html = thread_html(&h, thread_data("wp:43", citizen, NULL));

	PT_CHECK(strstr(html, "Ana López") != NULL);
	PT_CHECK(strstr(html, "Beto &lt;b&gt;") != NULL);
	PT_CHECK(strstr(html, "wp:4") == NULL && strstr(html, "wp:fun") == NULL);   /* never a raw id */
	PT_CHECK(strstr(html, "Participante") == NULL);
	PT_CHECK(strstr(html, "1 de febrero de 2026") != NULL);
	PT_CHECK(strstr(html, "12:05") == NULL);   /* a date, not a time */
	PT_CHECK_EQ_INT(count(html, "En revisión"), 1);      /* wp:43's own held comment */
	PT_CHECK_EQ_INT(count(html, "(editado)"), 1);
	PT_CHECK(strstr(html, "<span class=\"participa-insignia\">Respuesta oficial</span>") != NULL);
	PT_CHECK(strstr(html, "<p>Hola<br>\nllamen al [dato personal oculto]</p>\n<p>Otro párrafo</p>") != NULL);
	PT_CHECK(strstr(html, "Comentario eliminado") != NULL);
	PT_CHECK(strstr(html, "Comentarios publicados: 5. Conversaciones: 4.") != NULL);
	/* links: absolute through the host's template, with the view or the page */
	PT_CHECK(strstr(html, "href=\"/consulta/?cursor=CURSOR-P#t1\">Ver más comentarios") != NULL);
	PT_CHECK(strstr(html, "href=\"/consulta/?replies=1&amp;cursor=CURSOR-R#t1\">Ver más respuestas (3)") != NULL);
	PT_CHECK(strstr(html, "href=\"/consulta/?view=responder-1\"") != NULL);   /* the field takes the focus there */
	PT_CHECK(strstr(html, "href=\"/consulta/?view=editar-2#t1-c2\"") != NULL);
	PT_CHECK(strstr(html, "view=responder-2") != NULL);
	PT_CHECK(strstr(html, "view=responder-3") == NULL);   /* depth 2 is the limit */
	PT_CHECK(strstr(html, "view=reportar-1") != NULL);
	PT_CHECK(strstr(html, "view=reportar-2") == NULL);    /* not one's own */
	PT_CHECK(strstr(html, "view=editar-2") != NULL);
	PT_CHECK(strstr(html, "view=editar-1") == NULL);
	PT_CHECK(strstr(html, "view=eliminar-4") != NULL);
	PT_CHECK(strstr(html, "t1-oficial\" name=\"comment\"") == NULL);   /* no 'answer' permission */
	/* forms: every one with the action, the token and the return address */
	PT_CHECK_EQ_INT(count(html, "<form "), count(html, "name=\"_wpnonce\" value=\"n0nce\""));
	PT_CHECK_EQ_INT(count(html, "<form "), count(html, "name=\"participa_return\" value=\"/consulta/\""));
	PT_CHECK(strstr(html, "value=\"thread.stance\"") != NULL);
	PT_CHECK(strstr(html, "<legend>Tu postura</legend>") != NULL);
	/* the votes: buttons named after their reaction, inside the one form around the list */
	PT_CHECK(strstr(html, "<button name=\"up\" value=\"1\" aria-pressed=\"false\">De acuerdo 2</button> "
		"<button name=\"down\" value=\"1\" aria-pressed=\"false\">En desacuerdo 1</button>") != NULL);
	PT_CHECK(strstr(html, "<form id=\"t1-votos\" class=\"participa-votos\" method=\"post\" action=\"/consulta/\">"
		"<input type=\"hidden\" name=\"participa_action\" value=\"thread.react\">") != NULL);
	PT_CHECK(strstr(html, "<ol class=\"participa-comentarios\">") > strstr(html, "t1-votos")
		&& strstr(html, "</ol>\n</form>") != NULL);
	PT_CHECK(strstr(html, "aria-label=") == NULL && strstr(html, "participa-comentario\"") == NULL);
	PT_CHECK_EQ_INT(count(html, "<form "), 2);   /* the votes, the comment */
	PT_CHECK(ids_unique(html));
	free(html);
	pt_value_free(nm);
}

PT_TEST(the_view_opens_one_form_and_a_refusal_keeps_its_draft)
{
	pt_fragment_host h = { .url = "/c/?{params}", .instance = "t2" };
	pt_value *outcome = map("ok", pt_value_bool(NULL, 0), "action", S("thread.reply"), "message", S("No se permite publicidad."),
		"errors", map("body", S("No se permite publicidad."), NULL), "draft", map("body", S("compra <ya>"), NULL),
		"form", S("responder-1"), NULL);
	char *html = thread_html(&h, thread_data("wp:43", citizen, map("view", S("editar-2"), "outcome", outcome, NULL)));

	/* inside the votes' form: each open form's fields in place, naming its <form> after the list */
	PT_CHECK(strstr(html, "<div id=\"t2-responder-1\" class=\"participa-form\">") != NULL);
	PT_CHECK(strstr(html, "<textarea id=\"t2-responder-1-body\" form=\"t2-responder-1-envio\" name=\"body\" rows=\"4\" "
		"required autofocus aria-invalid=\"true\"") != NULL);
	PT_CHECK(strstr(html, "<button type=\"submit\" form=\"t2-responder-1-envio\">") != NULL);
	PT_CHECK(strstr(html, "<form id=\"t2-responder-1-envio\" class=\"participa-form\" method=\"post\" action=\"/c/\">"
		"<input type=\"hidden\" name=\"participa_action\" value=\"thread.reply\">") > strstr(html, "</ol>\n</form>"));
	PT_CHECK(strstr(html, "<p id=\"t2-responder-1-mensaje\" class=\"participa-error\" role=\"alert\">No se permite publicidad.</p>") != NULL);
	PT_CHECK(strstr(html, "aria-describedby=\"t2-responder-1-body-error\">compra &lt;ya&gt;</textarea>") != NULL);
	PT_CHECK(strstr(html, "<p id=\"t2-responder-1-body-error\" class=\"participa-error\">No se permite publicidad.</p>") != NULL);
	PT_CHECK(strstr(html, "<div id=\"t2-editar-2\" class=\"participa-form\">") != NULL);
	PT_CHECK(strstr(html, "<form id=\"t2-editar-2-envio\"") != NULL);
	PT_CHECK_EQ_INT(count(html, "form=\"t2-editar-2-envio\""), 2);   /* the text and the button */
	PT_CHECK(strstr(html, ">Respuesta</textarea>") != NULL);   /* the edit form holds the text */
	PT_CHECK(strstr(html, "view=responder-1") == NULL);
	PT_CHECK_EQ_INT(count(html, "role=\"alert\""), 1);         /* only the form that was sent */
	PT_CHECK(ids_unique(html));
	free(html);
}

PT_TEST(anonymous_readers_official_answers_and_english)
{
	pt_fragment_host h = { .url = "/c/?{params}", .instance = "t3", .lang = "en" };
	char *html = thread_html(&h, thread_data(NULL, 0, map("title", S("Sobre PAL-07"), NULL)));

	PT_CHECK(strstr(html, "<form") == NULL);
	PT_CHECK(strstr(html, "Sign in to comment.") != NULL);
	PT_CHECK(strstr(html, "February 1, 2026") != NULL);
	PT_CHECK(strstr(html, "Participant") != NULL);
	PT_CHECK(strstr(html, "Sobre PAL-07") != NULL);
	PT_CHECK(strstr(html, "lang=\"en\"") != NULL);
	PT_CHECK(strstr(html, "En revisión") == NULL && strstr(html, "Respuesta oficial") == NULL && strstr(html, "Ver más") == NULL);
	PT_CHECK(strstr(html, "Official answer") != NULL && strstr(html, "See more comments") != NULL && strstr(html, "(edited)") != NULL);
	free(html);

	h.lang = NULL;
	html = thread_html(&h, thread_data("wp:fun", PT_PERM_COMMENT | PT_PERM_ANSWER, map("view", S("responder-1"), NULL)));
	PT_CHECK(strstr(html, "form=\"t3-oficial\" name=\"comment\" value=\"1\"") != NULL);
	/* who may not vote reads the counts, and a form opens as a form of its own */
	PT_CHECK(strstr(html, "<span>De acuerdo 2</span> <span>En desacuerdo 1</span>") != NULL);
	PT_CHECK(strstr(html, "t3-votos") == NULL && strstr(html, "<form id=\"t3-responder-1\"") != NULL);
	PT_CHECK(strstr(html, "<textarea id=\"t3-responder-1-body\" name=\"body\" rows=\"4\" required autofocus>") != NULL);
	PT_CHECK(strstr(html, "form=\"t3-oficial\" name=\"comment\" value=\"5\"") == NULL);   /* already official */
	PT_CHECK(strstr(html, "value=\"thread.answer\"") != NULL);
	free(html);
}

PT_TEST(a_view_naming_a_comment_is_the_page_that_starts_at_it)
{
	pt_fragment_host h = { .url = "/consulta/?{params}", .instance = "t1", .token_name = "n", .token_value = "v" };
	pt_value *reply = node(2, 1, "wp:42", "published", "Respuesta", NULL), *root = node(5, 0, "wp:42", "published", "Raíz", NULL);
	pt_value *d = thread_data("wp:43", citizen, map("view", S("c2"), "cursor", S("OLD"), NULL));
	char *html;

	/* a reply: Thread::page(['at' => 2]) answered its parent's replies from it */
	pt_request_put(reply, "parent_id", I(1));
	pt_request_put(d, "page", map("comments", list(reply, NULL), "next", S("CURSOR-N"), NULL));
	html = thread_html(&h, d);
	PT_CHECK(strstr(html, ">Respuestas</div>") != NULL);
	PT_CHECK(strstr(html, "<a href=\"/consulta/?view=c1#t1-c1\">Volver a la conversación</a>") != NULL);
	PT_CHECK(strstr(html, "href=\"/consulta/?replies=1&amp;cursor=CURSOR-N#t1\">Ver más respuestas</a>") != NULL);
	PT_CHECK(strstr(html, "view=responder-2") != NULL && strstr(html, "OLD") == NULL);   /* a view needs no cursor */
	PT_CHECK(strstr(html, "t1-comentar") == NULL);
	PT_CHECK(ids_unique(html));
	free(html);

	/* a root: the roots from it, the way to the first ones, the comment form */
	pt_request_put(root, "parent_id", pt_value_null(NULL));
	d = thread_data("wp:43", citizen, map("view", S("responder-5"), NULL));
	pt_request_put(d, "page", map("comments", list(root, NULL), "next", S("CURSOR-N"), NULL));
	html = thread_html(&h, d);
	PT_CHECK(strstr(html, "<a href=\"/consulta/#t1\">Ver los comentarios desde el principio</a>") != NULL);
	PT_CHECK(strstr(html, "href=\"/consulta/?cursor=CURSOR-N#t1\">Ver más comentarios</a>") != NULL);
	PT_CHECK(strstr(html, "t1-responder-5-body") != NULL);   /* its form is open */
	PT_CHECK(strstr(html, "href=\"/consulta/?view=c5#t1-c5\">Cancelar</a>") != NULL);
	PT_CHECK(strstr(html, "t1-comentar") != NULL);
	PT_CHECK(ids_unique(html));
	free(html);
}

PT_TEST(two_instances_on_one_page_never_share_an_id)
{
	pt_fragment_host a = { .url = "/c/?{params}", .instance = "uno" }, b = { .url = "/c/?{params}", .instance = "dos" };
	char *x = thread_html(&a, thread_data("wp:43", citizen, NULL)), *y = thread_html(&b, thread_data("wp:43", citizen, NULL));
	size_t n = strlen(x) + strlen(y) + 1;
	char *page = malloc(n);

	snprintf(page, n, "%s%s", x, y);
	PT_CHECK(ids_unique(page));
	free(page);
	free(x);
	free(y);
}

PT_TEST(the_moderation_queue_has_its_forms)
{
	pt_value *nm = names();
	pt_fragment_host h = { .url = "/m/?{params}", .instance = "cola", .names = nm };
	pt_value *item = map("id", I(4), "author", S("wp:43"), "status", S("held"), "body", S("idiota"), "flags", I(2),
		"created_at", S("2026-02-01 18:05:00.5"), NULL);
	pt_value *data = map("queue", map("items", list(item, NULL), NULL), "moderator", S("wp:mod"), "perms", I(PT_PERM_MODERATE),
		NULL), *v = NULL;
	pt_error err;
	char *html;

	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_fragment_moderation_view(data, &h, NULL, &v, &err), PT_OK);
	html = render("moderation", v);
	for (const char *a = "moderation.approve\0moderation.reject\0moderation.hide\0moderation.ban\0"; *a; a += strlen(a) + 1) {
		char want[64];

		snprintf(want, sizeof(want), "value=\"%s\"", a);
		PT_CHECK(strstr(html, want) != NULL);
	}
	PT_CHECK(strstr(html, "Beto &lt;b&gt;") != NULL);
	PT_CHECK(strstr(html, "Reportes: 2") != NULL);
	PT_CHECK(strstr(html, "<time datetime=\"2026-02-01\">1 de febrero de 2026</time>") != NULL);   /* the date shown */
	PT_CHECK(strstr(html, "<label for=\"cola-suspender-4-reason\">") != NULL);
	PT_CHECK(ids_unique(html));
	free(html);
	pt_value_free(data);

	data = map("queue", map("items", list(map("id", I(1), NULL), NULL), NULL), "perms", I(PT_PERM_COMMENT), NULL);
	PT_CHECK_EQ_INT(pt_fragment_moderation_view(data, &h, NULL, &v, &err), PT_OK);
	html = render("moderation", v);
	PT_CHECK(strstr(html, "No tienes permiso para moderar.") != NULL && strstr(html, "<form") == NULL);
	free(html);
	pt_value_free(data);
	pt_value_free(nm);
}

PT_TEST(authors_and_the_read_call)
{
	pt_value *d = thread_data("wp:43", 0, NULL), *ids = pt_fragment_authors(d, NULL), *args;
	char method[16];

	PT_CHECK_EQ_INT(ids->u.c.count, 4);   /* wp:42 twice, wp:43 twice: once each */
	pt_value_free(ids);
	pt_value_free(d);
	d = map("replies", S("12"), "cursor", S("c"), NULL);
	PT_CHECK_EQ_INT(pt_fragment_thread_read(d, "wp:1", NULL, method, sizeof(method), &args), PT_OK);
	PT_CHECK_STR(method, "replies");
	PT_CHECK_EQ_INT(args->u.c.items[0]->u.i, 12);
	PT_CHECK_STR(pt_fragment_str(args->u.c.items[1], "cursor"), "c");
	PT_CHECK_STR(pt_fragment_str(args->u.c.items[1], "viewer"), "wp:1");
	pt_value_free(args);
	pt_value_free(d);
	PT_CHECK_EQ_INT(pt_fragment_thread_read(NULL, NULL, NULL, method, sizeof(method), &args), PT_OK);
	PT_CHECK_STR(method, "page");
	PT_CHECK_EQ_INT(args->u.c.count, 1);
	pt_value_free(args);
	/* a view naming a comment (or a refused form of one) reads the page that starts at it */
	d = map("replies", S("12"), "cursor", S("c"), "view", S("responder-30"), NULL);
	PT_CHECK_EQ_INT(pt_fragment_thread_read(d, "wp:1", NULL, method, sizeof(method), &args), PT_OK);
	PT_CHECK_STR(method, "page");
	PT_CHECK_EQ_INT(args->u.c.count, 1);
	PT_CHECK_EQ_INT(pt_fragment_int(args->u.c.items[0], "at", 0), 30);
	PT_CHECK(pt_fragment_str(args->u.c.items[0], "cursor") == NULL);
	pt_value_free(args);
	pt_value_free(d);
	d = map("outcome", map("ok", pt_value_bool(NULL, 0), "form", S("reportar-31"), NULL), NULL);
	PT_CHECK_EQ_INT(pt_fragment_thread_read(d, NULL, NULL, method, sizeof(method), &args), PT_OK);
	PT_CHECK_EQ_INT(pt_fragment_int(args->u.c.items[0], "at", 0), 31);
	pt_value_free(args);
	pt_value_free(d);
}

PT_TEST(a_view_names_a_comment)
{
	static const struct { const char *view; int64_t id; } rows[] = {
		{ "c12", 12 }, { "responder-3", 3 }, { "reportar-40", 40 }, { "editar-5", 5 }, { "eliminar-6", 6 },
		{ "c", 0 }, { "c0", 0 }, { "c012", 0 }, { "c12x", 0 }, { "c-1", 0 }, { "comentar", 0 }, { "responder-", 0 },
		{ "votar-3", 0 }, { "c1234567890123456789", 0 }, { "c123456789012345678", 123456789012345678 }, { "", 0 },
		{ NULL, 0 },
	};

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		if (pt_fragment_thread_view_comment(rows[i].view) != rows[i].id) {
			PT_FAIL_AT("%s: %lld", rows[i].view ? rows[i].view : "(null)",
				(long long)pt_fragment_thread_view_comment(rows[i].view));
		}
	}
}

/* ---- out of memory: every allocation fails in turn ------------------------------------ */

static size_t fail_at, allocs;
static void *f_alloc(size_t n, void *c) { (void)c; return ++allocs == fail_at ? NULL : malloc(n); }
static void *f_realloc(void *p, size_t n, void *c) { (void)c; return ++allocs == fail_at ? NULL : realloc(p, n); }
static void f_free(void *p, void *c) { (void)c; free(p); }
static const pt_allocator failing = { f_alloc, f_realloc, f_free, NULL };

PT_TEST(no_leak_when_an_allocation_fails)
{
	pt_value *nm = names(), *outcome = map("ok", pt_value_bool(NULL, 0), "action", S("thread.reply"), "message", S("m"),
		"errors", map("body", S("e"), NULL), "draft", map("body", S("d"), NULL), "form", S("responder-1"), NULL);
	pt_value *data = thread_data("wp:43", citizen | PT_PERM_ANSWER, map("outcome", outcome, NULL));
	pt_fragment_host h = { .url = "/c/?{params}", .instance = "t1", .names = nm, .token_name = "n", .token_value = "v" };
	pt_status s = PT_ERR_NOMEM;

	for (fail_at = 1; s != PT_OK && fail_at < 100000; fail_at++) {
		pt_value *v = NULL;
		pt_error err;

		allocs = 0;
		pt_error_clear(&err);
		s = pt_fragment_thread_view(data, &h, &failing, &v, &err);
		PT_CHECK(s == PT_OK ? v != NULL : v == NULL && s == PT_ERR_NOMEM);
		pt_value_free(v);
	}
	PT_CHECK_EQ_INT(s, PT_OK);
	s = PT_ERR_NOMEM;
	for (fail_at = 1; s != PT_OK && fail_at < 10000; fail_at++) {
		pt_value *post = map("participa_action", S("thread.reply"), "subject_type", S("commitment"), "subject_id",
			S("PAL-07"), "parent", S("4"), "body", S("hola"), "participa_return", S("/c/"), NULL), *o = NULL;
		const pt_request_rule *r;
		pt_error err;
		bool done = true;

		allocs = 0;
		pt_error_clear(&err);
		s = pt_request_check(post, "wp:1", &h, &failing, &o, &r, &err);
		if (s == PT_OK) {
			s = pt_request_put(o, "result", pt_value_map(&failing));
			s = s ? s : pt_request_finish(o, r, &h, &done);
		}
		pt_value_free(o);
		pt_value_free(post);
	}
	PT_CHECK_EQ_INT(s, PT_OK);
	pt_value_free(data);
	pt_value_free(nm);
}

int main(void)
{
	pt_fragment_set_templates_dir(access("templates/thread.html", R_OK) == 0 ? "templates" : "../../templates");
	PT_RUN(links_are_the_host_template_with_encoded_pairs);
	PT_RUN(base_names_and_texts);
	PT_RUN(the_contract_is_read_and_checked);
	PT_RUN(a_post_is_checked_field_by_field);
	PT_RUN(only_this_site_is_a_return_address);
	PT_RUN(the_outcome_is_settled_from_the_answer);
	PT_RUN(every_rule_names_a_callable_method);
	PT_RUN(a_thread_shows_what_a_citizen_needs);
	PT_RUN(the_view_opens_one_form_and_a_refusal_keeps_its_draft);
	PT_RUN(anonymous_readers_official_answers_and_english);
	PT_RUN(a_view_naming_a_comment_is_the_page_that_starts_at_it);
	PT_RUN(two_instances_on_one_page_never_share_an_id);
	PT_RUN(the_moderation_queue_has_its_forms);
	PT_RUN(authors_and_the_read_call);
	PT_RUN(a_view_names_a_comment);
	PT_RUN(no_leak_when_an_allocation_fails);
	pt_fragment_render_shutdown();
	return pt_test_summary("test_fragment_thread");
}
