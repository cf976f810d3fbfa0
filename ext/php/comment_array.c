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
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"

#include "participa_threads.h"

#define COMMENT_KEYS(X) \
	X(id) X(parent_id) X(root_id) X(depth) X(status) X(author) X(body) X(notice) \
	X(alignment) X(official) X(official_by) X(up) X(down) X(agree) X(disagree) X(pass) \
	X(score) X(controversy) X(reply_count) X(flags) X(version) X(created_at) X(edited_at) \
	X(redactions) X(rule) X(rule_message) X(viewer_vote) X(viewer_stance) X(subject_type) \
	X(subject_id) X(replies) X(more) X(more_count)

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
static zend_string *status_names[PT_CS_COUNT];
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
	for (i = 0; i < PT_CS_COUNT; i++) {
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

static void put_long(zval *arr, enum comment_key k, zend_long n)
{
	zval z;

	ZVAL_LONG(&z, n);
	put(arr, k, &z);
}

static void put_double(zval *arr, enum comment_key k, double d)
{
	zval z;

	ZVAL_DOUBLE(&z, d);
	put(arr, k, &z);
}

static void put_bool(zval *arr, enum comment_key k, bool b)
{
	zval z;

	ZVAL_BOOL(&z, b);
	put(arr, k, &z);
}

static void put_null(zval *arr, enum comment_key k)
{
	zval z;

	ZVAL_NULL(&z);
	put(arr, k, &z);
}

static void put_interned(zval *arr, enum comment_key k, zend_string *s)
{
	zval z;

	ZVAL_INTERNED_STR(&z, s);
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

void participa_comment_to_array(const pt_ts_comment *c, bool full, zval *out)
{
	bool deleted = c->status == PT_CS_DELETED;
	bool hidden = c->status == PT_CS_HIDDEN;

	array_init_size(out, 36);
	put_long(out, CK_id, (zend_long)c->row.id);
	if (c->row.parent_id) {
		put_long(out, CK_parent_id, (zend_long)c->row.parent_id);
	} else {
		put_null(out, CK_parent_id);
	}
	put_long(out, CK_root_id, (zend_long)c->row.root_id);
	put_long(out, CK_depth, (zend_long)c->row.depth);
	if ((unsigned)c->status < PT_CS_COUNT) {
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
		put_text(out, CK_body, c->body, c->body_len);
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

void participa_comment_add_tree(zval *item, zval *replies, const char *more_cursor, zend_long more_count)
{
	put(item, CK_replies, replies);
	put_text(item, CK_more, more_cursor, more_cursor ? strlen(more_cursor) : 0);
	put_long(item, CK_more_count, more_count);
}
