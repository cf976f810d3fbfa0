/*
 * participa binding: C structs as PHP arrays, by a table of fields
 * (participa_threads.h): a stored comment in each of its views (what a view
 * withholds or adds is io/thread/comment_view.h; this file only copies), the
 * fields a page adds to each node (replies, more, more_count), and the
 * binding's other rows (counts, the moderation log).
 *
 * A page of 20 roots with their replies is some 250 comments, each an array
 * of about 30 entries. Adding them with add_assoc_*() hashed every key string
 * again and allocated a fresh copy of every constant value ("published",
 * "none"): a sixth of a page's client time. The keys and the constant values
 * are therefore interned once, at MINIT, with their hashes computed, and the
 * entries go in with zend_hash_add_new(): each array is new, so no key can
 * be there already. A table lists each key once, in the order PHP sees.
 *
 * Page nodes also carry their creation time for people ('created_iso',
 * 'created_text': core/thread/comment_time.h) in the site's timezone. The
 * UTC offsets come from PHP's own timezone database
 * (timezone_transitions_get(), once per timezone and worker thread, kept in
 * core/thread/comment_time.h's pt_tz_cache), since its timelib is not
 * exported to extensions.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stddef.h>

#include "php.h"
#include "zend_exceptions.h"

#include "php_participa.h"
#include "participa_errors.h"
#include "participa_threads.h"
#include "participa_site.h"
#include "core/thread/comment_time.h"

#define REQ (&participa_request_allocator)

/* pt_thread_shown fields (io/thread/comment_view.h): C() by value, T() text and its length */
#define C(key, type, in, m) { key, type, in, offsetof(pt_thread_shown, m), 0, NULL }
#define T(key, type, in, m) { key, type, in, offsetof(pt_thread_shown, m), offsetof(pt_thread_shown, m##_len), NULL }
#define ALL (PARTICIPA_VIEW_PAGE | PARTICIPA_VIEW_FULL | PARTICIPA_VIEW_POST)
#define FULL (PARTICIPA_VIEW_FULL | PARTICIPA_VIEW_POST)
#define REACT (ALL | PARTICIPA_VIEW_REACT)

static participa_field comment_fields[] = {
	C("id", PF_I64, ALL, c.row.id), C("parent_id", PF_ID, ALL, c.row.parent_id), C("root_id", PF_I64, ALL, c.row.root_id),
	C("depth", PF_U32, ALL, c.row.depth), C("status", PF_CONST, ALL, status), T("author", PF_TEXT, ALL, c.row.author),
	T("body", PF_TEXT, ALL, c.body), C("notice", PF_CONST, ALL, notice), C("alignment", PF_CSTR, ALL, c.alignment),
	C("official", PF_BOOL, ALL, c.official), T("official_by", PF_TEXT, ALL, c.official_by),
	C("up", PF_U32, REACT, c.row.up), C("down", PF_U32, REACT, c.row.down), C("agree", PF_U32, REACT, c.agree),
	C("disagree", PF_U32, REACT, c.disagree), C("pass", PF_U32, REACT, c.pass), C("score", PF_DOUBLE, REACT, c.wilson),
	C("controversy", PF_DOUBLE, ALL, c.controversial), C("reply_count", PF_U32, ALL, c.row.replies),
	C("flags", PF_U32, ALL, c.flags), C("version", PF_U32, ALL, c.version), T("created_at", PF_TEXT, ALL, c.created_at),
	T("edited_at", PF_TEXT, ALL, c.edited_at), T("redactions", PF_LIST, ALL, c.redactions),
	T("rule", PF_TEXT, FULL, c.rule), T("rule_message", PF_TEXT, FULL, c.rule_message),
	C("viewer_vote", PF_CONST, REACT, vote), C("viewer_stance", PF_CSTR, REACT, c.viewer_stance),
	T("subject_type", PF_OMIT, ALL, c.subject_type), T("subject_id", PF_OMIT, ALL, c.subject_id),
	{ "mentions", PF_REFS, PARTICIPA_VIEW_POST, offsetof(pt_thread_shown, mentions),
		offsetof(pt_thread_shown, mention_count), NULL },
	T("message", PF_TEXT, PARTICIPA_VIEW_POST, message), { NULL }
};

/* The static texts a shown comment points to ("published", "none", the notices), interned once
 * and found by address: each would otherwise be a fresh string in every comment of a page. */
#define CONST_MAX 16
static const char *const_texts[CONST_MAX];
static zend_string *const_strings[CONST_MAX];
static size_t const_count;

static zend_string *intern(const char *s)
{
	/* permanent, with its hash already computed */
	return zend_string_init_interned(s, strlen(s), 1);
}

void participa_fields_init(participa_field *f)
{
	for (; f->name; f++) {
		f->key = intern(f->name);
	}
}

void participa_comment_keys_init(void)
{
	size_t i;

	participa_fields_init(comment_fields);
	const_count = pt_thread_shown_texts(const_texts, CONST_MAX);
	for (i = 0; i < const_count; i++) {
		const_strings[i] = intern(const_texts[i]);
	}
}

/* s[0..len), or null (or "" when empty) when s is NULL */
static void text_zval(zval *z, const char *s, size_t len, bool empty)
{
	if (s) {
		ZVAL_STRINGL_FAST(z, s, len);
	} else if (empty) {
		ZVAL_EMPTY_STRING(z);
	} else {
		ZVAL_NULL(z);
	}
}

/* One of the interned static texts, by address (anything else as a string; NULL as null). */
static void const_zval(zval *z, const char *s)
{
	size_t i;

	for (i = 0; s && i < const_count; i++) {
		if (const_texts[i] == s) {
			ZVAL_INTERNED_STR(z, const_strings[i]);
			return;
		}
	}
	text_zval(z, s, s ? strlen(s) : 0, false);
}

/* A comma-separated list ('redactions'), or n pieces of text, as a list. */
static void list_zval(zval *z, const char *s, size_t len, const pt_thread_text_ref *refs, size_t n)
{
	size_t start = 0, i;

	array_init(z);
	for (i = 0; i < n; i++) {
		add_next_index_stringl(z, refs[i].s, refs[i].len);
	}
	for (i = 0; s && i <= len; i++) {
		if (i == len || s[i] == ',') {
			if (i > start) {
				add_next_index_stringl(z, s + start, i - start);
			}
			start = i + 1;
		}
	}
}

#define AT(T) (*(const T *)(base + f->off))

void participa_fields_put(zval *arr, const participa_field *f, const void *vbase, unsigned view)
{
	const char *base = vbase, *s;
	size_t len;
	zval z;

	for (; f->name; f++) {
		if (f->in && !(f->in & view)) {
			continue;
		}
		s = f->type >= PF_TEXT ? AT(const char *) : NULL;
		len = f->type >= PF_CSTR ? (s ? strlen(s) : 0) : f->type >= PF_TEXT ? *(const size_t *)(base + f->len) : 0;
		switch (f->type) {
		case PF_I64: ZVAL_LONG(&z, (zend_long)AT(int64_t)); break;
		case PF_ID: if (AT(int64_t)) { ZVAL_LONG(&z, (zend_long)AT(int64_t)); } else { ZVAL_NULL(&z); } break;
		case PF_U32: ZVAL_LONG(&z, (zend_long)AT(uint32_t)); break;
		case PF_DOUBLE: ZVAL_DOUBLE(&z, AT(double)); break;
		case PF_BOOL: ZVAL_BOOL(&z, AT(bool)); break;
		case PF_ZVAL: ZVAL_COPY_VALUE(&z, AT(zval *)); break;
		case PF_REFS: list_zval(&z, NULL, 0, (const pt_thread_text_ref *)(base + f->off), *(const size_t *)(base + f->len)); break;
		case PF_TEXT: case PF_CSTR: text_zval(&z, s, len, false); break;
		case PF_TEXT0: case PF_CSTR0: text_zval(&z, s, len, true); break;
		case PF_LIST: list_zval(&z, s, len, NULL, 0); break;
		case PF_OMIT:   /* queue listings only */
			if (!s) {
				continue;
			}
			text_zval(&z, s, len, false);
			break;
		default: const_zval(&z, s); break;   /* PF_CONST */
		}
		zend_hash_add_new(Z_ARRVAL_P(arr), f->key, &z);
	}
}

void participa_comment_array(const pt_thread_store_comment *c, unsigned view, zval *out)
{
	pt_thread_shown shown;

	pt_thread_comment_show(c, view & FULL, view & PARTICIPA_VIEW_POST, REQ, &shown);
	array_init_size(out, 36);
	participa_fields_put(out, comment_fields, &shown, view);
}

/* Reads one comment into an array in a view. */
typedef struct one_ctx {
	zval *out;
	unsigned view;
} one_ctx;

static pt_status one_fn(void *vctx, const pt_thread_store_comment *c, pt_error *err)
{
	one_ctx *o = vctx;

	participa_comment_array(c, o->view, o->out);
	return PT_OK;
}

bool participa_comment_load(pt_db *db, int64_t id, const char *viewer, unsigned view, int64_t thread_id, zval *out)
{
	pt_error err;
	one_ctx o = { out, view };

	pt_error_clear(&err);
	return participa_ok(pt_thread_store_comment_in(db, id, viewer, thread_id, one_fn, &o, &err), &err);
}

void participa_list_answer(zval *out, const char *key, zval *items, const char *next)
{
	array_init(out);
	add_assoc_zval(out, key, items);
	if (next && *next) {
		add_assoc_string(out, "next", next);
	} else {
		add_assoc_null(out, "next");
	}
}

/* ---- times for people ---------------------------------------------------- */

zval *participa_call_php(const char *name, zval *ret, uint32_t argc, zval *argv)
{
	zval fn;
	zend_result r;

	ZVAL_STRING(&fn, name);
	r = call_user_function(NULL, NULL, &fn, ret, argc, argv);
	zval_ptr_dtor(&fn);
	return r == SUCCESS && !EG(exception) ? ret : NULL;
}

/* Adds the transitions from 1970 to 2100 of PHP's timezone database to the cache's entry (none: UTC). */
static void tz_load(const char *name, pt_tz_cache *entry)
{
	zval arg, args[3], tz, list, *row, *ts, *off;

	ZVAL_UNDEF(&tz);
	ZVAL_UNDEF(&list);
	ZVAL_STRING(&arg, name);
	if (participa_call_php("timezone_open", &tz, 1, &arg) && Z_TYPE(tz) == IS_OBJECT) {
		ZVAL_COPY_VALUE(&args[0], &tz);
		ZVAL_LONG(&args[1], 0);
		ZVAL_LONG(&args[2], 4102444800LL);
		if (participa_call_php("timezone_transitions_get", &list, 3, args) && Z_TYPE(list) == IS_ARRAY) {
			ZEND_HASH_FOREACH_VAL(Z_ARRVAL(list), row) {
				ts = Z_TYPE_P(row) == IS_ARRAY ? zend_hash_str_find(Z_ARRVAL_P(row), ZEND_STRL("ts")) : NULL;
				off = Z_TYPE_P(row) == IS_ARRAY ? zend_hash_str_find(Z_ARRVAL_P(row), ZEND_STRL("offset")) : NULL;
				pt_tz_cache_push(entry, ts && Z_TYPE_P(ts) == IS_LONG ? Z_LVAL_P(ts) : 0,
					off && Z_TYPE_P(off) == IS_LONG ? (int32_t)Z_LVAL_P(off) : 0);
			} ZEND_HASH_FOREACH_END();
		}
	}
	zval_ptr_dtor(&list);
	zval_ptr_dtor(&tz);
	zval_ptr_dtor(&arg);
	if (EG(exception)) {
		zend_clear_exception();
	}
}

/* pt_time_zone_named()'s resolver (MINIT): this thread's cache; NULL for a name PHP does not know. */
const pt_time_zone *participa_zone_named(const char *name)
{
	const pt_time_zone *z = pt_tz_cache_get((pt_tz_cache **)&PARTICIPA_G(tz_cache), name, tz_load);

	return z && z->n ? z : NULL;
}
