/*
 * participa binding: a stored comment as a PHP array, and the fields a page
 * adds to each node (replies, more, more_count).
 *
 * A page of 20 roots with their replies is some 250 comments, each an array
 * of about 30 entries. Adding them with add_assoc_*() hashed every key string
 * again and allocated a fresh copy of every constant value ("published",
 * "none"): a sixth of a page's client time. The keys and the constant values
 * are therefore interned once, at MINIT, with their hashes computed, and the
 * entries go in with zend_hash_add_new(): each array is new, so no key can
 * be there already.
 *
 * Page nodes also carry their creation time for people ('created_iso',
 * 'created_text': core/thread/comment_time.h) in the site's timezone. The
 * UTC offsets come from PHP's own timezone database
 * (timezone_transitions_get(), once per timezone and worker thread), since
 * its timelib is not exported to extensions.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"
#include "zend_exceptions.h"

#include "php_participa.h"
#include "participa_threads.h"
#include "core/thread/comment_time.h"

#define COMMENT_KEYS(X) \
	X(id) X(parent_id) X(root_id) X(depth) X(status) X(author) X(body) X(notice) \
	X(alignment) X(official) X(official_by) X(up) X(down) X(agree) X(disagree) X(pass) \
	X(score) X(controversy) X(reply_count) X(flags) X(version) X(created_at) X(edited_at) \
	X(redactions) X(rule) X(rule_message) X(viewer_vote) X(viewer_stance) X(subject_type) \
	X(subject_id) X(replies) X(more) X(more_count) X(created_iso) X(created_text)

enum comment_key {
#define KEY_ENUM(k) CK_##k,
	COMMENT_KEYS(KEY_ENUM)
#undef KEY_ENUM
	CK_COUNT
};

static const char *const key_names[CK_COUNT] = {
#define KEY_NAME(k) #k,
	COMMENT_KEYS(KEY_NAME)
#undef KEY_NAME
};

static zend_string *keys[CK_COUNT];
static zend_string *status_names[PT_COMMITMENT_COUNT];
static zend_string *vote_up, *vote_down, *vote_none;
static zend_string *notice_deleted, *notice_hidden;

static zend_string *intern(const char *s)
{
	/* permanent, with its hash already computed */
	return zend_string_init_interned(s, strlen(s), 1);
}

void participa_comment_keys_init(void)
{
	int i;

	for (i = 0; i < CK_COUNT; i++) {
		keys[i] = intern(key_names[i]);
	}
	for (i = 0; i < PT_COMMITMENT_COUNT; i++) {
		status_names[i] = intern(pt_cstatus_name((pt_cstatus)i));
	}
	vote_up = intern("up");
	vote_down = intern("down");
	vote_none = intern("none");
	notice_deleted = intern("comentario eliminado");
	notice_hidden = intern("comentario oculto mientras se revisa");
}

static void put(zval *arr, enum comment_key k, zval *v)
{
	zend_hash_add_new(Z_ARRVAL_P(arr), keys[k], v);
}

/* put_long(), put_double(), put_bool(), put_interned(): one entry of a new array. */
#define PUT_FN(name, type, SET) \
	static void name(zval *arr, enum comment_key k, type v) \
	{ \
		zval z; \
		SET(&z, v); \
		put(arr, k, &z); \
	}
PUT_FN(put_long, zend_long, ZVAL_LONG)
PUT_FN(put_double, double, ZVAL_DOUBLE)
PUT_FN(put_bool, bool, ZVAL_BOOL)
PUT_FN(put_interned, zend_string *, ZVAL_INTERNED_STR)
#undef PUT_FN

static void put_null(zval *arr, enum comment_key k)
{
	zval z;

	ZVAL_NULL(&z);
	put(arr, k, &z);
}

/* s[0..len), or null when s is NULL */
static void put_text(zval *arr, enum comment_key k, const char *s, size_t len)
{
	zval z;

	if (s) {
		ZVAL_STRINGL_FAST(&z, s, len);
	} else {
		ZVAL_NULL(&z);
	}
	put(arr, k, &z);
}

static void put_redactions(zval *arr, const char *s, size_t len)
{
	zval list;
	size_t start = 0, i;

	array_init(&list);
	for (i = 0; s && i <= len; i++) {
		if (i == len || s[i] == ',') {
			if (i > start) {
				add_next_index_stringl(&list, s + start, i - start);
			}
			start = i + 1;
		}
	}
	put(arr, CK_redactions, &list);
}

void participa_comment_to_array(const pt_thread_store_comment *c, bool full, zval *out)
{
	bool deleted = c->status == PT_COMMENT_DELETED;
	bool hidden = c->status == PT_COMMENT_HIDDEN;

	array_init_size(out, 36);
	put_long(out, CK_id, (zend_long)c->row.id);
	if (c->row.parent_id) {
		put_long(out, CK_parent_id, (zend_long)c->row.parent_id);
	} else {
		put_null(out, CK_parent_id);
	}
	put_long(out, CK_root_id, (zend_long)c->row.root_id);
	put_long(out, CK_depth, (zend_long)c->row.depth);
	if ((unsigned)c->status < PT_COMMITMENT_COUNT) {
		put_interned(out, CK_status, status_names[c->status]);
	} else {
		put_null(out, CK_status);
	}
	if (deleted && !full) {
		put_null(out, CK_author);
		put_null(out, CK_body);
		put_interned(out, CK_notice, notice_deleted);
	} else if (hidden && !full) {
		put_text(out, CK_author, c->row.author, c->row.author_len);
		put_null(out, CK_body);
		put_interned(out, CK_notice, notice_hidden);
	} else {
		put_text(out, CK_author, c->row.author, c->row.author_len);
		if (deleted) {
			put_null(out, CK_body);   /* erased when it was deleted */
		} else {
			put_text(out, CK_body, c->body, c->body_len);
		}
		if (deleted || hidden) {
			put_interned(out, CK_notice, deleted ? notice_deleted : notice_hidden);
		} else {
			put_null(out, CK_notice);
		}
	}
	put_text(out, CK_alignment, c->alignment, c->alignment ? strlen(c->alignment) : 0);
	put_bool(out, CK_official, c->official);
	put_text(out, CK_official_by, c->official_by, c->official_by_len);
	put_long(out, CK_up, (zend_long)c->row.up);
	put_long(out, CK_down, (zend_long)c->row.down);
	put_long(out, CK_agree, (zend_long)c->agree);
	put_long(out, CK_disagree, (zend_long)c->disagree);
	put_long(out, CK_pass, (zend_long)c->pass);
	put_double(out, CK_score, c->wilson);
	put_double(out, CK_controversy, c->controversial);
	put_long(out, CK_reply_count, (zend_long)c->row.replies);
	put_long(out, CK_flags, (zend_long)c->flags);
	put_long(out, CK_version, (zend_long)c->version);
	put_text(out, CK_created_at, c->created_at, c->created_at_len);
	put_text(out, CK_edited_at, c->edited_at, c->edited_at_len);
	put_redactions(out, c->redactions, c->redactions_len);
	if (full) {
		put_text(out, CK_rule, c->rule, c->rule_len);
		put_text(out, CK_rule_message, c->rule_message, c->rule_message_len);
	}
	put_interned(out, CK_viewer_vote, c->viewer_vote > 0 ? vote_up : c->viewer_vote < 0 ? vote_down : vote_none);
	put_text(out, CK_viewer_stance, c->viewer_stance, c->viewer_stance ? strlen(c->viewer_stance) : 0);
	if (c->subject_type) {
		put_text(out, CK_subject_type, c->subject_type, c->subject_type_len);
		put_text(out, CK_subject_id, c->subject_id, c->subject_id_len);
	}
}

/* ---- times for people ---------------------------------------------------- */

/* One timezone's UTC offsets (core/thread/comment_time.h), cached per worker thread. */
typedef struct tz_cached {
	char *name;
	pt_tz_offsets tz;
	struct tz_cached *next;
} tz_cached;

static zval *call_php(const char *name, zval *ret, uint32_t argc, zval *argv)
{
	zval fn;
	zend_result r;

	ZVAL_STRING(&fn, name);
	r = call_user_function(NULL, NULL, &fn, ret, argc, argv);
	zval_ptr_dtor(&fn);
	return r == SUCCESS && !EG(exception) ? ret : NULL;
}

/* Reads the transitions from 1970 to 2100 from PHP's timezone database; none leaves *t empty (UTC). */
static void tz_load(pt_tz_offsets *t, const char *name)
{
	zval arg, args[3], tz, list, *row;
	size_t i = 0;

	ZVAL_UNDEF(&tz);
	ZVAL_UNDEF(&list);
	ZVAL_STRING(&arg, name);
	if (call_php("timezone_open", &tz, 1, &arg) && Z_TYPE(tz) == IS_OBJECT) {
		ZVAL_COPY_VALUE(&args[0], &tz);
		ZVAL_LONG(&args[1], 0);
		ZVAL_LONG(&args[2], 4102444800LL);
		if (call_php("timezone_transitions_get", &list, 3, args) && Z_TYPE(list) == IS_ARRAY
				&& zend_hash_num_elements(Z_ARRVAL(list)) > 0) {
			t->n = zend_hash_num_elements(Z_ARRVAL(list));
			t->at = pemalloc(t->n * sizeof(*t->at), 1);
			t->offset = pemalloc(t->n * sizeof(*t->offset), 1);
			ZEND_HASH_FOREACH_VAL(Z_ARRVAL(list), row) {
				zval *ts = Z_TYPE_P(row) == IS_ARRAY ? zend_hash_str_find(Z_ARRVAL_P(row), ZEND_STRL("ts")) : NULL;
				zval *off = Z_TYPE_P(row) == IS_ARRAY ? zend_hash_str_find(Z_ARRVAL_P(row), ZEND_STRL("offset")) : NULL;

				t->at[i] = ts && Z_TYPE_P(ts) == IS_LONG ? Z_LVAL_P(ts) : 0;
				t->offset[i] = off && Z_TYPE_P(off) == IS_LONG ? (int32_t)Z_LVAL_P(off) : 0;
				i++;
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

static const pt_tz_offsets *tz_get(const char *name)
{
	tz_cached *t;

	for (t = PARTICIPA_G(tz_cache); t; t = t->next) {
		if (strcmp(t->name, name) == 0) {
			return &t->tz;
		}
	}
	t = pecalloc(1, sizeof(*t), 1);
	t->name = pestrdup(name, 1);
	tz_load(&t->tz, name);
	t->next = PARTICIPA_G(tz_cache);
	PARTICIPA_G(tz_cache) = t;
	return &t->tz;
}

void participa_comment_tz_free(void *cache)
{
	tz_cached *t = cache, *next;

	for (; t; t = next) {
		next = t->next;
		pefree(t->name, 1);
		if (t->tz.n) {
			pefree(t->tz.at, 1);
			pefree(t->tz.offset, 1);
		}
		pefree(t, 1);
	}
}

static void put_times(zval *item, const pt_config *cfg, int64_t created_us)
{
	const char *tzname = cfg && cfg->timezone ? cfg->timezone : "America/Mexico_City";
	bool english = cfg && cfg->locale && strncmp(cfg->locale, "en", 2) == 0;
	char buf[PT_COMMENT_TIME_BUFSIZE];

	put_text(item, CK_created_iso, buf, pt_comment_time_iso(created_us, buf));
	put_text(item, CK_created_text, buf, pt_comment_time_text(created_us, tz_get(tzname), english, buf));
}

void participa_comment_add_tree(zval *item, zval *replies, const char *more_cursor, zend_long more_count,
	const pt_config *cfg, int64_t created_us)
{
	put(item, CK_replies, replies);
	put_text(item, CK_more, more_cursor, more_cursor ? strlen(more_cursor) : 0);
	put_long(item, CK_more_count, more_count);
	if (created_us > 0) {
		put_times(item, cfg, created_us);
	} else {
		put_null(item, CK_created_iso);
		put_null(item, CK_created_text);
	}
}
