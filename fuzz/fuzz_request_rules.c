/*
 * libFuzzer target: a fragment's form post (core/fragment/request_rules.h) and the thread view
 * built from what a post could leave behind (core/fragment/thread_view.h).
 *
 *   make -C tests/c $PWD/out/fuzz/fuzz_request_rules
 *   out/fuzz/fuzz_request_rules -max_total_time=120 fuzz/corpus/request_rules
 *
 * Input: "name=value" fields separated by '&' (no decoding: any byte but '&' and '=' is
 * itself; a name given twice becomes a list, as PHP's name[] does, and "name[key]" a member of
 * the map name, as PHP's answers[q1] does), the first byte choosing the participant (none,
 * "wp:1") and the language.
 *
 * Invariants (abort on violation): the outcome always has ok, action, message, errors,
 * draft and redirect, the redirect starting with the host's here or one "/"; a post is
 * checked OK only with a known action, a participant and every required field in the draft;
 * a draft's text (a map field's members too) is valid UTF-8 without "\r"; every rule's call
 * reads with the draft; the outcome, settled as done or refused, and given to the thread view
 * and the questionnaire's form (core/fragment/instrument_view.h) as its host's outcome, builds
 * a view without failing.
 */
#include "core/fragment/request_rules.h"
#include "core/fragment/thread_view.h"
#include "core/fragment/instrument_view.h"
#include "core/fragment/fragment_view.h"
#include "core/common/text.h"
#include "core/common/json_read.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void must(int ok)
{
	if (!ok) {
		abort();
	}
}

/* Adds name=value to post (a second value of a name makes it a list). */
static void add(pt_value *post, const char *name, size_t nlen, const char *value, size_t vlen)
{
	char key[128];
	pt_value *old;
	const char *open = nlen > 2 && name[nlen - 1] == ']' ? memchr(name, '[', nlen) : NULL;

	if (nlen == 0 || nlen >= sizeof(key)) {
		return;
	}
	if (open && open > name && open + 1 < name + nlen - 1) {   /* name[key]: a member of the map name */
		size_t n = (size_t)(open - name);
		pt_value *m;

		memcpy(key, name, n);
		key[n] = '\0';
		if (!(m = pt_value_get(post, key)) || m->type != PT_VALUE_MAP) {
			m = pt_value_map(NULL);
			pt_request_put(post, key, m);
		}
		pt_value_set(m, open + 1, (size_t)(name + nlen - 1 - open - 1), pt_value_string(NULL, value, vlen));
		return;
	}
	memcpy(key, name, nlen);
	key[nlen] = '\0';
	if ((old = pt_value_get(post, key)) != NULL && old->type == PT_VALUE_MAP) {
		pt_request_put(post, key, pt_value_string(NULL, value, vlen));   /* a plain name after name[key]: the last one */
		return;
	}
	if (old != NULL) {
		if (old->type != PT_VALUE_LIST) {
			pt_value *l = pt_value_list(NULL);

			pt_value_push(l, pt_value_string(NULL, old->u.s.s, old->u.s.len));
			pt_request_put(post, key, l);
			old = l;
		}
		pt_value_push(old, pt_value_string(NULL, value, vlen));
		return;
	}
	pt_value_setc(post, key, pt_value_string(NULL, value, vlen));
}

static void check_outcome(const pt_value *o, const pt_fragment_host *h)
{
	static const char *const keys[] = { "ok", "action", "message", "errors", "draft", "redirect" };
	const char *redirect = pt_fragment_str(o, "redirect");
	const pt_value *draft = pt_value_get(o, "draft");

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		must(pt_value_get(o, keys[i]) != NULL);
	}
	must(redirect && (!strncmp(redirect, h->here, strlen(h->here)) || (redirect[0] == '/' && redirect[1] != '/'
		&& redirect[1] != '\\')));
	for (size_t i = 0; draft && i < draft->u.c.count; i++) {
		const pt_value *v = draft->u.c.items[i];

		if (v->type == PT_VALUE_MAP) {   /* a map field: its members are texts too */
			for (size_t j = 0; j < v->u.c.count; j++) {
				const pt_value *x = v->u.c.items[j];

				must(x->type == PT_VALUE_STRING && pt_text_utf8_valid(x->u.s.s, x->u.s.len)
					&& !memchr(x->u.s.s, '\r', x->u.s.len));
			}
			continue;
		}
		must(v->type == PT_VALUE_STRING && pt_text_utf8_valid(v->u.s.s, v->u.s.len) && !memchr(v->u.s.s, '\r', v->u.s.len));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pt_fragment_host h = { .url = "https://muni.gob.mx/c/?{params}", .here = "https://muni.gob.mx/c/", .instance = "f" };
	const pt_request_rule *rule = NULL;
	pt_value *post = pt_value_map(NULL), *o = NULL;
	const char *p = (const char *)data + (size ? 1 : 0), *end = (const char *)data + size;
	const char *who = size && (data[0] & 1) ? "wp:1" : NULL;
	pt_error err;
	pt_status s;

	h.lang = size && (data[0] & 2) ? "en" : "es";
	while (p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p)), *stop = amp ? amp : end;
		const char *eq = memchr(p, '=', (size_t)(stop - p));

		add(post, p, (size_t)((eq ? eq : stop) - p), eq ? eq + 1 : stop, eq ? (size_t)(stop - eq - 1) : 0);
		p = stop + (amp ? 1 : 0);
	}
	pt_error_clear(&err);
	s = pt_request_check(post, who, &h, NULL, &o, &rule, &err);
	must(s != PT_ERR_NOMEM && o != NULL);
	check_outcome(o, &h);
	if (s == PT_OK) {
		must(rule && who);
		for (const pt_request_field *f = rule->fields; f < rule->fields + PT_REQUEST_FIELDS_MAX && f->name; f++) {
			must(!f->required || pt_request_text(o, f->name));
		}
		if (rule->via) {
			pt_value *args = NULL;
			char method[64];

			must(pt_request_args(rule, true, o, who, NULL, method, sizeof(method), &args) == PT_OK);
			pt_value_free(args);
		}
		/* the method answered: a comment whose status is the first byte's choice */
		pt_request_put(o, "result", (data[0] & 4) ? pt_value_map(NULL) : pt_value_null(NULL));
	}
	{
		bool done = s == PT_OK && (data[0] & 8);
		pt_value *view = NULL, *d = pt_value_map(NULL);

		must(pt_request_finish(o, rule, &h, &done) == PT_OK);
		check_outcome(o, &h);
		h.outcome = o;
		pt_value_setc(d, "viewer", pt_value_cstr(NULL, "wp:1"));
		pt_value_setc(d, "perms", pt_value_int(NULL, 0xff));
		pt_value_setc(d, "page", post);   /* any tree as a page: read as absent where it is not one */
		post = NULL;
		must(pt_fragment_thread_view(d, &h, NULL, &view, &err) == PT_OK && view);
		pt_value_free(view);
		must(pt_fragment_moderation_view(d, &h, NULL, &view, &err) == PT_OK && view);
		pt_value_free(view);
		/* the questionnaire's form with the outcome: a definition with an item of every scale */
		{
			static const char def[] = "{\"id\":\"apertura\",\"respondents\":{\"self\":{\"opens\":null},"
				"\"corroboration\":{}},\"subjects\":[{\"id\":\"amecameca\",\"name\":\"A\"}],\"dimensions\":[{\"id\":\"d\","
				"\"items\":[{\"id\":\"reglamento\",\"scale\":\"yes_no\",\"evidence\":\"required\",\"required\":true},"
				"{\"id\":\"comite\",\"scale\":\"partial\"},{\"id\":\"portal\",\"scale\":\"numeric\",\"min\":0,"
				"\"max_value\":4,\"required\":true},{\"id\":\"datos\",\"scale\":\"choice\",\"options\":[{\"id\":\"x\","
				"\"points\":1}]},{\"id\":\"notas\",\"scale\":\"text\"}]}]}";
			pt_value *dv = NULL, *opts = pt_value_map(NULL);
			pt_error e2;

			pt_error_clear(&e2);
			must(pt_json_read(def, sizeof(def) - 1, 16, NULL, &dv, &e2) == PT_OK);
			pt_value_setc(d, "definition", dv);
			pt_value_setc(opts, "subject", pt_value_cstr(NULL, "amecameca"));
			pt_value_setc(opts, "view", pt_value_cstr(NULL, (data[0] & 16) ? "corroborate" : "form"));
			pt_value_setc(d, "opts", opts);
			pt_value_setc(d, "self", pt_value_get(d, "page") ? pt_value_map(NULL) : pt_value_null(NULL));
		}
		must(pt_fragment_instrument_view(d, &h, NULL, &view, &err) == PT_OK && view);
		pt_value_free(view);
		pt_value_free(d);
	}
	pt_value_free(o);
	pt_value_free(post);
	return 0;
}
