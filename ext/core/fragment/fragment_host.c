/* participa core: the host contract's helpers (see fragment_host.h). */
#include "core/fragment/fragment_host.h"
#include "core/common/messages.h"

#include <stdbool.h>
#include <string.h>

static const char *const default_params[PT_FRAGMENT_PARAM_COUNT] = { "cursor", "replies", "receipt", "view" };

#define PARAMS "{params}"
#define PARAMS_LEN (sizeof(PARAMS) - 1)

const char *pt_fragment_param_name(const pt_fragment_host *h, int key)
{
	if (key < 0 || key >= PT_FRAGMENT_PARAM_COUNT) {
		return NULL;
	}
	return h && h->params[key] && *h->params[key] ? h->params[key] : default_params[key];
}

/* RFC 3986 unreserved characters stay; everything else is %XX (application/x-www-form-urlencoded
 * would write ' ' as '+', which some routers do not decode in a path). */
static void encode(pt_buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
				|| c == '.' || c == '~') {
			pt_buf_append(out, (const char *)&c, 1);
		} else {
			char e[3] = { '%', hex[c >> 4], hex[c & 15] };
			pt_buf_append(out, e, 3);
		}
	}
}

static pt_status pairs(const pt_fragment_host *h, pt_buf *out, const int *keys, const char *const *values, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *name = pt_fragment_param_name(h, keys[i]);

		if (!name) {
			return PT_ERR_INVALID;
		}
		if (i) {
			pt_buf_append(out, "&", 1);
		}
		encode(out, name);
		pt_buf_append(out, "=", 1);
		encode(out, values[i] ? values[i] : "");
	}
	return PT_OK;
}

/* Whether the query pair at p (up to its '&', '#' or end) sets one of the pairs about to be added. */
static bool sets_one_of(const pt_fragment_host *h, const char *p, const int *keys, size_t n)
{
	size_t len = strcspn(p, "=&#");

	for (size_t i = 0; i < n; i++) {
		const char *name = pt_fragment_param_name(h, keys[i]);

		if (name && strlen(name) == len && !strncmp(p, name, len)) {
			return true;
		}
	}
	return false;
}

/*
 * url + the pairs, for a url without "{params}" (a return address the host gave back, which
 * may already carry this fragment's parameters: "?vista=responder-9" then "vista=c19"). A pair
 * of the same name is replaced, not repeated (PHP would read the last, other stacks the first),
 * and a #fragment stays at the end.
 */
static pt_status append_pairs(const pt_fragment_host *h, pt_buf *out, const char *url, const int *keys,
	const char *const *values, size_t n)
{
	size_t end = strcspn(url, "#"), path = strcspn(url, "?#");
	bool query = false;
	pt_status s;

	pt_buf_append(out, url, path);
	for (const char *p = url + path; p < url + end;) {
		size_t len;

		p++;   /* the '?' or '&' */
		len = strcspn(p, "&#");
		if (len && !sets_one_of(h, p, keys, n)) {
			pt_buf_append(out, query ? "&" : "?", 1);
			pt_buf_append(out, p, len);
			query = true;
		}
		p += len;
	}
	if (n) {
		pt_buf_append(out, query ? "&" : "?", 1);
	}
	s = pairs(h, out, keys, values, n);
	pt_buf_puts(out, url + end);
	return s;
}

pt_status pt_fragment_link(const pt_fragment_host *h, pt_buf *out, const int *keys,
                           const char *const *values, size_t n)
{
	const char *url = h && h->url && *h->url ? h->url : "?" PARAMS;
	const char *at = strstr(url, PARAMS);
	pt_status s;

	if (!at) {
		s = append_pairs(h, out, url, keys, values, n);
	} else {
		size_t head = (size_t)(at - url);

		/* no pairs: "/x/?{params}" is "/x/", "/?p=12&{params}" is "/?p=12" */
		if (!n && head && (url[head - 1] == '?' || url[head - 1] == '&')) {
			head--;
		}
		pt_buf_append(out, url, head);
		s = pairs(h, out, keys, values, n);
		pt_buf_puts(out, at + PARAMS_LEN);
	}
	if (s == PT_OK && out->failed) {
		s = PT_ERR_NOMEM;
	}
	return s;
}

static pt_status replace(pt_buf *out, const char *given, const pt_fragment_host *h)
{
	out->len = 0;
	if (out->data) {
		out->data[0] = '\0';
	}
	if (given && *given) {
		pt_buf_puts(out, given);
		return out->failed ? PT_ERR_NOMEM : PT_OK;
	}
	return pt_fragment_link(h, out, NULL, NULL, 0);
}

pt_status pt_fragment_post_url(const pt_fragment_host *h, pt_buf *out)
{
	return replace(out, h ? h->post_url : NULL, h);
}

pt_status pt_fragment_here(const pt_fragment_host *h, pt_buf *out)
{
	return replace(out, h ? h->here : NULL, h);
}

static const char *instance(const pt_fragment_host *h)
{
	return h && h->instance && *h->instance ? h->instance : "participa";
}

pt_value *pt_fragment_id(const pt_fragment_host *h, const pt_allocator *a, const char *suffix)
{
	pt_buf b;
	pt_value *v;

	pt_buf_init(&b, a);
	pt_buf_puts(&b, instance(h));
	if (suffix && *suffix) {
		pt_buf_append(&b, "-", 1);
		pt_buf_puts(&b, suffix);
	}
	v = b.failed ? NULL : pt_value_string(a, b.data, b.len);
	pt_buf_free(&b);
	return v;
}

pt_status pt_fragment_put(pt_value *map, const char *key, const char *text)
{
	return pt_value_setc(map, key, pt_value_cstr(map->alloc, text ? text : ""));
}

pt_status pt_fragment_put_text(const pt_fragment_host *h, pt_value *map, const char *key, const char *es)
{
	return pt_fragment_put(map, key, pt_fragment_text(h, es));
}

static int level(int l)
{
	return l < 1 ? 1 : l > 6 ? 6 : l;
}

pt_value *pt_fragment_base(const pt_fragment_host *h, const pt_allocator *a)
{
	int h1 = level(h && h->heading ? h->heading : 2);
	pt_value *m = pt_value_map(a);
	pt_buf b;
	pt_status s;

	if (!m) {
		return NULL;
	}
	pt_buf_init(&b, a);
	s = pt_value_setc(m, "instance", pt_value_cstr(a, instance(h)));
	s = s ? s : pt_value_setc(m, "h", pt_value_int(a, h1));
	s = s ? s : pt_value_setc(m, "h2", pt_value_int(a, level(h1 + 1)));
	s = s ? s : pt_value_setc(m, "h3", pt_value_int(a, level(h1 + 2)));
	s = s ? s : pt_value_setc(m, "lang", pt_value_cstr(a, h && h->lang && !strcmp(h->lang, "en") ? "en" : "es"));
	s = s ? s : pt_fragment_post_url(h, &b);
	s = s ? s : pt_value_setc(m, "post_url", pt_value_string(a, b.data ? b.data : "", b.len));
	s = s ? s : pt_fragment_here(h, &b);
	s = s ? s : pt_value_setc(m, "here", pt_value_string(a, b.data ? b.data : "", b.len));
	if (!s && h && h->token_name && *h->token_name) {
		pt_value *t = pt_value_map(a);

		s = pt_value_setc(m, "token", t);
		s = s ? s : pt_value_setc(t, "name", pt_value_cstr(a, h->token_name));
		s = s ? s : pt_value_setc(t, "value", pt_value_cstr(a, h->token_value ? h->token_value : ""));
	}
	pt_buf_free(&b);
	if (s != PT_OK) {
		pt_value_free(m);
		return NULL;
	}
	return m;
}

const char *pt_fragment_name(const pt_fragment_host *h, const char *participant_id)
{
	const pt_value *n = h && h->names && participant_id ? pt_value_get(h->names, participant_id) : NULL;

	if (n && n->type == PT_VALUE_STRING && n->u.s.len) {
		return n->u.s.s;
	}
	return pt_fragment_text(h, "Participante");
}

const char *pt_fragment_text(const pt_fragment_host *h, const char *es)
{
	const char *en;

	if (es && h && h->lang && !strcmp(h->lang, "en") && (en = pt_msg_english(es))) {
		return en;
	}
	return es;
}

const pt_value *pt_fragment_refusal(const pt_fragment_host *h, const char *action, const char *form)
{
	const pt_value *o = h ? h->outcome : NULL, *v;

	if (!o || o->type != PT_VALUE_MAP) {
		return NULL;
	}
	if ((v = pt_value_get(o, "ok")) && v->type == PT_VALUE_BOOL && v->u.b) {
		return NULL;
	}
	if (!(v = pt_value_get(o, "action")) || v->type != PT_VALUE_STRING || !action || strcmp(v->u.s.s, action)) {
		return NULL;
	}
	if (form && (!(v = pt_value_get(o, "form")) || v->type != PT_VALUE_STRING || strcmp(v->u.s.s, form))) {
		return NULL;
	}
	return o;
}

static bool instance_ok(const char *s, size_t len)
{
	if (len == 0 || len > 64 || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z'))) {
		return false;
	}
	return strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") == len;
}

/* A contract string: a URL a browser goes to must be http(s), or a path, or a query. */
static pt_status read_str(const pt_value *v, const char *key, bool url, const char **out, pt_error *err)
{
	if (v->type == PT_VALUE_NULL) {
		return PT_OK;
	}
	if (v->type != PT_VALUE_STRING || memchr(v->u.s.s, '\0', v->u.s.len)) {
		return pt_error_set(err, PT_ERR_INVALID, "Host: '%s' must be a string", key);
	}
	if (url && v->u.s.len && strncmp(v->u.s.s, "https://", 8) && strncmp(v->u.s.s, "http://", 7)
			&& v->u.s.s[0] != '/' && v->u.s.s[0] != '?') {
		return pt_error_set(err, PT_ERR_INVALID, "Host: '%s' must be an absolute http(s) URL, a path or a query",
			key);
	}
	*out = v->u.s.s;
	return PT_OK;
}

static pt_status read_pair(const pt_value *v, const char *key, const char *const *names, const char **out,
	size_t n, pt_error *err)
{
	if (v->type != PT_VALUE_MAP) {
		return pt_error_set(err, PT_ERR_INVALID, "Host: '%s' must be an array", key);
	}
	for (size_t i = 0; i < v->u.c.count; i++) {
		size_t j;

		for (j = 0; j < n && strcmp(v->u.c.keys[i], names[j]); j++) {
		}
		if (j == n) {
			return pt_error_set(err, PT_ERR_INVALID, "Host: unknown key '%s' in '%s'", v->u.c.keys[i], key);
		}
		if (read_str(v->u.c.items[i], names[j], false, &out[j], err) != PT_OK) {
			return PT_ERR_INVALID;
		}
		if (out[j] && !*out[j] && !strcmp(key, "params")) {
			out[j] = NULL;
		}
	}
	return PT_OK;
}

pt_status pt_fragment_host_read(const pt_value *contract, pt_fragment_host *h, bool *url_call, bool *names_call,
	pt_error *err)
{
	static const char *const token_keys[] = { "name", "value" };
	pt_status s = PT_OK;

	memset(h, 0, sizeof(*h));
	h->heading = 2;
	*url_call = *names_call = false;
	if (!contract || contract->type != PT_VALUE_MAP) {
		return contract && contract->type == PT_VALUE_LIST && !contract->u.c.count ? PT_OK
			: pt_error_set(err, PT_ERR_INVALID, "Host: the contract must be an array with string keys");
	}
	for (size_t i = 0; s == PT_OK && i < contract->u.c.count; i++) {
		const char *k = contract->u.c.keys[i];
		const pt_value *v = contract->u.c.items[i];

		if (!strcmp(k, "url")) {
			*url_call = v->type != PT_VALUE_STRING && v->type != PT_VALUE_NULL;
			s = *url_call ? PT_OK : read_str(v, k, true, &h->url, err);
		} else if (!strcmp(k, "post_url")) {
			s = read_str(v, k, true, &h->post_url, err);
		} else if (!strcmp(k, "here")) {
			s = read_str(v, k, true, &h->here, err);
		} else if (!strcmp(k, "timezone")) {
			s = read_str(v, k, false, &h->timezone, err);
		} else if (!strcmp(k, "params")) {
			s = read_pair(v, k, default_params, h->params, PT_FRAGMENT_PARAM_COUNT, err);
		} else if (!strcmp(k, "token")) {
			const char *t[2] = { NULL, NULL };

			s = v->type == PT_VALUE_NULL ? PT_OK : read_pair(v, k, token_keys, t, 2, err);
			h->token_name = t[0];
			h->token_value = t[1];
		} else if (!strcmp(k, "names")) {
			*names_call = v->type != PT_VALUE_MAP && v->type != PT_VALUE_NULL
				&& !(v->type == PT_VALUE_LIST && !v->u.c.count);
			h->names = v->type == PT_VALUE_MAP ? v : NULL;
		} else if (!strcmp(k, "heading")) {
			if (v->type != PT_VALUE_INT || v->u.i < 1 || v->u.i > 6) {
				s = pt_error_set(err, PT_ERR_INVALID, "Host: 'heading' must be an integer from 1 to 6");
			} else {
				h->heading = (int)v->u.i;
			}
		} else if (!strcmp(k, "instance")) {
			if (v->type != PT_VALUE_STRING || !instance_ok(v->u.s.s, v->u.s.len)) {
				s = pt_error_set(err, PT_ERR_INVALID,
					"Host: 'instance' must be a letter then up to 63 letters, digits, '-' or '_'");
			} else {
				h->instance = v->u.s.s;
			}
		} else if (!strcmp(k, "lang")) {
			if (v->type != PT_VALUE_STRING || (strcmp(v->u.s.s, "es") && strcmp(v->u.s.s, "en"))) {
				s = pt_error_set(err, PT_ERR_INVALID, "Host: 'lang' must be \"es\" or \"en\"");
			} else {
				h->lang = v->u.s.s;
			}
		} else if (!strcmp(k, "outcome")) {
			h->outcome = v->type == PT_VALUE_MAP ? v : NULL;
		} else {
			s = pt_error_set(err, PT_ERR_INVALID, "Host: unknown key '%s'", k);
		}
	}
	return s;
}
