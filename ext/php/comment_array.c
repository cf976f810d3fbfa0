/*
 * participa binding: C structs as PHP arrays, by a table of fields
 * (participa_threads.h): a stored comment in each of its views, the fields a
 * page adds to each node (replies, more, more_count), and the binding's other
 * rows (history versions, counts, the moderation log).
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
#include "core/common/text.h"
#include "core/thread/comment_time.h"

#define REQ (&participa_request_allocator)

/* pt_thread_store_comment fields: C() by value, T() text and its length */
#define C(key, type, in, m) { key, type, in, offsetof(pt_thread_store_comment, m), 0, NULL }
#define T(key, type, in, m) { key, type, in, offsetof(pt_thread_store_comment, m), \
	offsetof(pt_thread_store_comment, m##_len), NULL }
#define ALL (PARTICIPA_VIEW_PAGE | PARTICIPA_VIEW_FULL | PARTICIPA_VIEW_POST)
#define FULL (PARTICIPA_VIEW_FULL | PARTICIPA_VIEW_POST)
#define REACT (ALL | PARTICIPA_VIEW_REACT)

static participa_field comment_fields[] = {
	C("id", PF_I64, ALL, row.id), C("parent_id", PF_ID, ALL, row.parent_id), C("root_id", PF_I64, ALL, row.root_id),
	C("depth", PF_U32, ALL, row.depth), C("status", PF_STATUS, ALL, status), T("author", PF_AUTHOR, ALL, row.author),
	T("body", PF_BODY, ALL, body), C("notice", PF_NOTICE, ALL, status), C("alignment", PF_CSTR, ALL, alignment),
	C("official", PF_BOOL, ALL, official), T("official_by", PF_TEXT, ALL, official_by),
	C("up", PF_U32, REACT, row.up), C("down", PF_U32, REACT, row.down), C("agree", PF_U32, REACT, agree),
	C("disagree", PF_U32, REACT, disagree), C("pass", PF_U32, REACT, pass), C("score", PF_DOUBLE, REACT, wilson),
	C("controversy", PF_DOUBLE, ALL, controversial), C("reply_count", PF_U32, ALL, row.replies),
	C("flags", PF_U32, ALL, flags), C("version", PF_U32, ALL, version), T("created_at", PF_TEXT, ALL, created_at),
	T("edited_at", PF_TEXT, ALL, edited_at), T("redactions", PF_LIST, ALL, redactions),
	T("rule", PF_TEXT, FULL, rule), T("rule_message", PF_TEXT, FULL, rule_message),
	C("viewer_vote", PF_VOTE, REACT, viewer_vote), C("viewer_stance", PF_CSTR, REACT, viewer_stance),
	T("subject_type", PF_SUBJECT, ALL, subject_type), T("subject_id", PF_SUBJECT, ALL, subject_id),
	C("mentions", PF_MENTIONS, PARTICIPA_VIEW_POST, body), C("message", PF_MESSAGE, PARTICIPA_VIEW_POST, status),
	{ NULL }
};

static zend_string *status_names[PT_COMMITMENT_COUNT];
static zend_string *vote_up, *vote_down, *vote_none;
static zend_string *notice_deleted, *notice_hidden;

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
	int i;

	participa_fields_init(comment_fields);
	for (i = 0; i < PT_COMMITMENT_COUNT; i++) {
		status_names[i] = intern(pt_cstatus_name((pt_cstatus)i));
	}
	vote_up = intern("up");
	vote_down = intern("down");
	vote_none = intern("none");
	notice_deleted = intern("comentario eliminado");
	notice_hidden = intern("comentario oculto mientras se revisa");
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

/* A comma-separated list ('redactions') or a body's unique @mentions, as a list. */
static void list_zval(zval *z, const char *s, size_t len, bool mentions)
{
	size_t start = 0, i, n = 0;
	pt_mention *m = NULL;
	pt_error err;

	array_init(z);
	pt_error_clear(&err);
	if (mentions) {
		if (s && pt_text_mentions(s, len, PT_THREAD_MAX_MENTIONS, REQ, &m, &n, &err) == PT_OK) {
			for (i = 0; i < n; i++) {
				add_next_index_stringl(z, s + m[i].offset, m[i].len);
			}
			pt_free(REQ, m);
		}
		return;
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

/* A stored comment's own kinds of field: what it is, and what a view withholds of it. */
static void comment_zval(const participa_field *f, const pt_thread_store_comment *c, bool full, const char *s,
	size_t len, zval *z)
{
	bool deleted = c->status == PT_COMMENT_DELETED, hidden = c->status == PT_COMMENT_HIDDEN;
	pt_cstatus st = (unsigned)c->status < PT_COMMITMENT_COUNT ? c->status : PT_COMMENT_PUBLISHED;
	const char *msg;

	switch (f->type) {
	case PF_STATUS:
		if ((unsigned)c->status < PT_COMMITMENT_COUNT) {
			ZVAL_INTERNED_STR(z, status_names[c->status]);
		} else {
			ZVAL_NULL(z);
		}
		break;
	case PF_AUTHOR:
	case PF_BODY:   /* a body is erased when its comment is deleted */
		text_zval(z, (deleted && (!full || f->type == PF_BODY)) || (hidden && !full && f->type == PF_BODY) ? NULL : s,
			len, false);
		break;
	case PF_NOTICE:
		if (deleted || hidden) {
			ZVAL_INTERNED_STR(z, deleted ? notice_deleted : notice_hidden);
		} else {
			ZVAL_NULL(z);
		}
		break;
	case PF_VOTE:
		ZVAL_INTERNED_STR(z, c->viewer_vote > 0 ? vote_up : c->viewer_vote < 0 ? vote_down : vote_none);
		break;
	case PF_MENTIONS:   /* of the stored body, as the full view shows it */
		list_zval(z, deleted ? NULL : c->body, c->body_len, true);
		break;
	default:            /* PF_MESSAGE: what the author is told of the post */
		msg = pt_thread_author_message(st, NULL);
		if (st == PT_COMMENT_REJECTED && c->rule_message) {
			text_zval(z, c->rule_message, c->rule_message_len, false);
		} else {
			text_zval(z, msg, msg ? strlen(msg) : 0, false);
		}
		break;
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
		case PF_TEXT: case PF_CSTR: text_zval(&z, s, len, false); break;
		case PF_TEXT0: case PF_CSTR0: text_zval(&z, s, len, true); break;
		case PF_LIST: list_zval(&z, s, len, false); break;
		case PF_SUBJECT:   /* queue listings only */
			if (!((const pt_thread_store_comment *)vbase)->subject_type) {
				continue;
			}
			text_zval(&z, s, len, false);
			break;
		default:
			comment_zval(f, vbase, view & FULL, s, len, &z);
			break;
		}
		zend_hash_add_new(Z_ARRVAL_P(arr), f->key, &z);
	}
}

void participa_comment_array(const pt_thread_store_comment *c, unsigned view, zval *out)
{
	array_init_size(out, 36);
	participa_fields_put(out, comment_fields, c, view);
}

/* Reads one comment (of thread_id, unless 0) into an array in a view. */
typedef struct one_ctx {
	zval *out;
	unsigned view;
	int64_t thread_id;
	bool wrong_thread;
} one_ctx;

static pt_status one_fn(void *vctx, const pt_thread_store_comment *c, pt_error *err)
{
	one_ctx *o = vctx;

	if (o->thread_id && c->thread_id != o->thread_id) {
		o->wrong_thread = true;
		return PT_OK;
	}
	participa_comment_array(c, o->view, o->out);
	return PT_OK;
}

bool participa_comment_load(pt_db *db, int64_t id, const char *viewer, unsigned view, int64_t thread_id, zval *out)
{
	pt_error err;
	one_ctx o = { out, view, thread_id, false };
	bool found = false;

	ZVAL_UNDEF(out);
	pt_error_clear(&err);
	if (!participa_ok(pt_thread_store_comment_get(db, id, viewer, one_fn, &o, &found, &err), &err)) {
		zval_ptr_dtor(out);
		return false;
	}
	if (!found || o.wrong_thread || Z_TYPE_P(out) == IS_UNDEF) {
		return participa_ok(pt_thread_comment_id_check(0, &err), &err);
	}
	return true;
}

/* ---- times for people ---------------------------------------------------- */

static zval *call_php(const char *name, zval *ret, uint32_t argc, zval *argv)
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
	if (call_php("timezone_open", &tz, 1, &arg) && Z_TYPE(tz) == IS_OBJECT) {
		ZVAL_COPY_VALUE(&args[0], &tz);
		ZVAL_LONG(&args[1], 0);
		ZVAL_LONG(&args[2], 4102444800LL);
		if (call_php("timezone_transitions_get", &list, 3, args) && Z_TYPE(list) == IS_ARRAY) {
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
