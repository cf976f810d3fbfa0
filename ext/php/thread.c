/*
 * participa binding: Participa\Thread.
 *
 * Arguments and arrays only. The rules (who may post, edit, delete, react,
 * flag, mark official; the text checks; what the YAML's moderation verdict
 * means; what a viewer sees; page options) are core/thread/thread_rules.h;
 * the SQL is io/thread/thread_store.h, whose transactions run those rules on
 * facts read inside them (pt_thread_store_post_rules(), _write_rules()).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stddef.h>
#include <string.h>

#include "php.h"

#include "php_participa.h"
#include "participa_errors.h"
#include "participa_enums.h"
#include "participa_options.h"
#include "participa_site.h"
#include "participa_threads.h"
#include "core/common/text.h"
#include "core/common/pt_id.h"
#include "io/thread/thread_rows.h"
#include "core/thread/thread_rules.h"
#include "core/fragment/thread_view.h"
#include "participa_host.h"
#include "participa_value.h"

zend_class_entry *participa_ce_Thread;
static zend_object_handlers thread_handlers;

typedef struct thread_object {
	zval site;
	int64_t id;
	bool premoderate;
	zend_string *subject_type;
	zend_string *subject_id;
	zend_object std;
} thread_object;

#define thread_from_obj(obj) PARTICIPA_OBJ(thread_object, obj)
#define Z_THREAD_P(zv) thread_from_obj(Z_OBJ_P(zv))

#define REQ (&participa_request_allocator)
#define OPTION false   /* participa_opt_*(): an option, not a filter */
#define ID_OFFICIAL "El identificador de la persona funcionaria"
#define ID_VIEWER "El identificador de quien lee ('viewer')"

/* ------------------------------------------------------------------ objects */

static zend_object *thread_create(zend_class_entry *ce)
{
	/* zeroed: site UNDEF, no subject yet */
	return &((thread_object *)participa_object_new(ce, sizeof(thread_object), XtOffsetOf(thread_object, std),
		&thread_handlers))->std;
}

static void thread_free(zend_object *object)
{
	thread_object *obj = thread_from_obj(object);

	zval_ptr_dtor(&obj->site);
	if (obj->subject_type) {
		zend_string_release(obj->subject_type);
		zend_string_release(obj->subject_id);
	}
	zend_object_std_dtor(object);
}

/* The Site, shown to the cycle collector (a Thread kept in its own Site's property is a cycle). */
static HashTable *thread_get_gc(zend_object *object, zval **table, int *n)
{
	*table = &thread_from_obj(object)->site;
	*n = 1;
	return zend_std_get_properties(object);
}

void participa_thread_create(zval *site, zend_string *type, zend_string *id, zval *return_value)
{
	pt_db *db;
	pt_thread_store_thread t;
	pt_error err;
	thread_object *obj;

	/* the kind rule: 'Assembly' must not bypass what the YAML says of 'assembly' */
	pt_error_clear(&err);
	if (!participa_ok(pt_kind_check("El tipo de tema", ZSTR_VAL(type), ZSTR_LEN(type), &err), &err)
			|| !participa_ok(pt_id_check("El identificador del tema", ZSTR_VAL(id), ZSTR_LEN(id), &err), &err)
			|| !(db = participa_site_db(site))
			|| !participa_ok(pt_thread_store_thread_open(db, ZSTR_VAL(type), ZSTR_LEN(type), ZSTR_VAL(id), ZSTR_LEN(id),
				&t, &err), &err)) {
		return;
	}
	object_init_ex(return_value, participa_ce_Thread);
	obj = Z_THREAD_P(return_value);
	ZVAL_COPY(&obj->site, site);
	obj->id = t.id;
	obj->premoderate = t.premoderate;
	obj->subject_type = zend_string_copy(type);
	obj->subject_id = zend_string_copy(id);
}

#define thread_cfg(t) participa_site_config(&(t)->site)

static const pt_subject_settings *thread_subject(thread_object *t)
{
	return pt_config_subject(thread_cfg(t), ZSTR_VAL(t->subject_type), ZSTR_LEN(t->subject_type));
}

/* The rules of an action of who on this thread, in its territory (participa_permissions.h). */
static pt_thread_rules *thread_rules(thread_object *t, const char *who, pt_thread_rules *r)
{
	memset(r, 0, sizeof(*r));
	r->cfg = thread_cfg(t);
	r->thread_id = t->id;
	r->scope = participa_subject_scope(&t->site, who, ZSTR_VAL(t->subject_type), ZSTR_LEN(t->subject_type),
		ZSTR_VAL(t->subject_id), ZSTR_LEN(t->subject_id));
	r->subject_premoderate = thread_subject(t)->premoderate;
	return r;
}

/* Whether who (facts a) moderates this thread. */
static bool thread_moderator(thread_object *t, const char *who, const pt_participant_actor *a)
{
	pt_thread_rules r;

	if (a->banned) {
		return false;
	}
	thread_rules(t, who, &r);
	return pt_thread_is_moderator(r.cfg, who, a, r.scope);
}

/* ------------------------------------------------------------ a new text */

/* A new text checked and moderated (pt_thread_text_make()), request memory. */
static bool new_text_make(const pt_config *cfg, zend_string *body, pt_thread_text *nt)
{
	pt_error err;

	pt_error_clear(&err);
	memset(nt, 0, sizeof(*nt));
	return (PARTICIPA_G(mod_scratch) || participa_ok(pt_mod_scratch_new(&PARTICIPA_G(mod_scratch), &err), &err))
		&& participa_ok(pt_thread_text_make(cfg, PARTICIPA_G(mod_scratch), ZSTR_VAL(body), ZSTR_LEN(body), REQ, nt,
			&err), &err);
}

PHP_METHOD(Participa_Thread, __construct)
{
	ZEND_PARSE_PARAMETERS_NONE();
}

PHP_METHOD(Participa_Thread, info)
{
	thread_object *t = Z_THREAD_P(ZEND_THIS);
	const pt_subject_settings *s;

	ZEND_PARSE_PARAMETERS_NONE();
	s = thread_subject(t);
	array_init(return_value);
	add_assoc_long(return_value, "id", (zend_long)t->id);
	add_assoc_str(return_value, "subject_type", zend_string_copy(t->subject_type));
	add_assoc_str(return_value, "subject_id", zend_string_copy(t->subject_id));
	add_assoc_bool(return_value, "premoderate", t->premoderate || s->premoderate);
	add_assoc_bool(return_value, "alignment", s->alignment);
}

/* post()'s options: parent, alignment (Participa\Alignment or its string), idempotency_key. */
static bool post_opts(thread_object *t, HashTable *opts, pt_thread_store_post *post)
{
	zend_long parent;
	zend_string *alignment, *idem;
	pt_error err;
	participa_opt o[] = { { "parent", PO_LONG, &parent, 0 }, { "alignment", PO_ENUM, &alignment, .ce = participa_ce_Alignment },
		{ "idempotency_key", PO_ID, &idem, .what = "El valor de 'idempotency_key'" } };

	pt_error_clear(&err);
	if (!participa_opts(opts, OPTION, o, 1) || !participa_ok(pt_thread_parent_check(parent, &err), &err)
			|| !participa_opts(opts, OPTION, o + 1, 1)
			|| (alignment && !participa_ok(pt_thread_alignment_check(thread_subject(t), ZSTR_VAL(alignment),
				ZSTR_LEN(alignment), &err), &err))
			|| !participa_opts(opts, OPTION, o + 2, 1)) {
		return false;
	}
	post->parent_id = parent;
	post->alignment = alignment ? ZSTR_VAL(alignment) : NULL;
	post->idempotency_key = idem ? ZSTR_VAL(idem) : NULL;
	return true;
}

PHP_METHOD(Participa_Thread, post)
{
	thread_object *t = Z_THREAD_P(ZEND_THIS);
	zend_string *participant, *body;
	HashTable *opts = NULL;
	pt_thread_text nt;
	pt_thread_store_post post;
	pt_thread_store_comment c;
	pt_thread_rules rules;
	pt_db *db;
	pt_error err;
	int64_t id = 0;
	bool replayed = false, have_row = false, ok;

	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_STR(participant)
		Z_PARAM_STR(body)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(opts)
	ZEND_PARSE_PARAMETERS_END();

	memset(&post, 0, sizeof(post));
	if (!participa_id_arg(ID_PARTICIPANT, participant) || !post_opts(t, opts, &post)
			|| !new_text_make(thread_cfg(t), body, &nt)) {
		RETURN_THROWS();
	}
	post.thread_id = t->id;
	post.author = ZSTR_VAL(participant);
	pt_error_clear(&err);
	ok = (db = participa_site_db(&t->site)) && participa_ok(pt_thread_store_post_run(db, &post, &nt,
		thread_rules(t, post.author, &rules),
		PARTICIPA_G(post_fast_path), ZSTR_VAL(t->subject_type), ZSTR_VAL(t->subject_id), REQ, &id, &replayed, &c,
		&have_row, &err), &err);
	if (have_row) {   /* the stored row is what we sent: answer from it, no read back */
		participa_comment_array(&c, PARTICIPA_VIEW_POST, return_value);
	}
	pt_thread_text_free(&nt, REQ);
	if (!ok || (!have_row && !participa_comment_load(db, id, post.author, PARTICIPA_VIEW_POST, t->id, return_value))) {
		RETURN_THROWS();
	}
	add_assoc_bool(return_value, "replayed", replayed);
}

/* ------------------------------------------------------- writes on a comment */

/* A write's third argument: edit()'s new text (nt, made), react()'s reaction, flag()'s reason. */
static bool write_arg(thread_object *t, pt_thread_op op, zend_string *text, zval *reaction_zv,
	pt_thread_store_write *w, pt_thread_text *nt, bool *made)
{
	zend_string *reaction;
	pt_error err;

	pt_error_clear(&err);
	if (op == PT_THREAD_EDIT) {
		if (!new_text_make(thread_cfg(t), text, nt)) {
			return false;
		}
		*made = true;
		pt_thread_store_write_text(w, nt);
		return participa_ok(pt_thread_verdict_edit_check(&nt->v, &err), &err);
	}
	if (op == PT_THREAD_REACT) {
		return (reaction = participa_enum_value(reaction_zv, participa_ce_Reaction, "La reacción"))
			&& participa_ok(pt_thread_reaction_parse(ZSTR_VAL(reaction), ZSTR_LEN(reaction), &w->reaction, &err), &err);
	}
	if (op == PT_THREAD_FLAG) {
		w->reason = ZSTR_VAL(text);
		return participa_ok(pt_thread_flag_reason_check(ZSTR_VAL(text), ZSTR_LEN(text), &err), &err);
	}
	return true;
}

/* edit(), delete(), markOfficial(), react() and flag(): (comment id, who[, its argument]), the
 * write under the core's rules for op (the store's one transaction), then op's answer. */
static void write_method(INTERNAL_FUNCTION_PARAMETERS, pt_thread_op op)
{
	thread_object *t = Z_THREAD_P(ZEND_THIS);
	zend_long comment_id;
	zend_string *who, *text = NULL;
	zval *reaction = NULL;
	pt_thread_text nt;
	pt_thread_store_write w;
	pt_thread_rules rules;
	pt_db *db = NULL;
	pt_error err;
	bool made = false, ok;

	if ((op == PT_THREAD_REACT ? zend_parse_parameters(ZEND_NUM_ARGS(), "lSz", &comment_id, &who, &reaction)
			: op == PT_THREAD_EDIT || op == PT_THREAD_FLAG ? zend_parse_parameters(ZEND_NUM_ARGS(), "lSS", &comment_id,
				&who, &text) : zend_parse_parameters(ZEND_NUM_ARGS(), "lS", &comment_id, &who)) == FAILURE) {
		RETURN_THROWS();
	}
	pt_error_clear(&err);
	memset(&w, 0, sizeof(w));
	w.op = op;
	w.comment_id = comment_id;
	w.actor = ZSTR_VAL(who);
	ok = participa_ok(pt_thread_comment_id_check(comment_id, &err), &err)
		&& participa_id_arg(op == PT_THREAD_OFFICIAL ? ID_OFFICIAL : ID_PARTICIPANT, who)
		&& write_arg(t, op, text, reaction, &w, &nt, &made) && (db = participa_site_db(&t->site));
	if (ok) {
		thread_rules(t, w.actor, &rules);
		rules.edit_status = made ? nt.v.status : rules.edit_status;
		ok = participa_ok(pt_thread_store_write_comment(db, &w, pt_thread_store_write_rules, &rules, &err), &err);
	}
	if (made) {
		pt_thread_text_free(&nt, REQ);
	}
	if (!ok || ((op == PT_THREAD_EDIT || op == PT_THREAD_REACT) && !participa_comment_load(db, comment_id, ZSTR_VAL(who),
			op == PT_THREAD_EDIT ? PARTICIPA_VIEW_POST : PARTICIPA_VIEW_REACT, t->id, return_value))) {
		RETURN_THROWS();
	}
	if (op == PT_THREAD_EDIT) {
		add_assoc_bool(return_value, "replayed", false);
	} else if (op == PT_THREAD_FLAG) {
		array_init(return_value);
		add_assoc_bool(return_value, "flagged", w.changed);
		add_assoc_bool(return_value, "already_flagged", !w.changed);
		add_assoc_bool(return_value, "hidden", w.auto_hidden);
	}
}

/* The five writes on a comment: one body each (write_method()). */
#define WRITE_METHOD(name, op) PHP_METHOD(Participa_Thread, name) { write_method(INTERNAL_FUNCTION_PARAM_PASSTHRU, op); }
WRITE_METHOD(edit, PT_THREAD_EDIT)
WRITE_METHOD(delete, PT_THREAD_DELETE)
WRITE_METHOD(markOfficial, PT_THREAD_OFFICIAL)
WRITE_METHOD(react, PT_THREAD_REACT)
WRITE_METHOD(flag, PT_THREAD_FLAG)

PHP_METHOD(Participa_Thread, history)
{
	thread_object *t = Z_THREAD_P(ZEND_THIS);
	zend_long comment_id;
	zend_string *viewer = NULL;
	pt_thread_rules rules;
	pt_value *v = NULL;
	pt_db *db;
	pt_error err;
	pt_status s;

	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_LONG(comment_id)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(viewer)
	ZEND_PARSE_PARAMETERS_END();

	pt_error_clear(&err);
	if (!participa_ok(pt_thread_comment_id_check(comment_id, &err), &err)
			|| (viewer && !participa_id_arg(ID_VIEWER, viewer)) || !(db = participa_site_db(&t->site))) {
		RETURN_THROWS();
	}
	s = pt_thread_history_value(db, thread_rules(t, viewer ? ZSTR_VAL(viewer) : NULL, &rules), comment_id,
		viewer ? ZSTR_VAL(viewer) : NULL, REQ, &v, &err);
	if (!participa_value_result(s, &err, v, return_value)) {
		RETURN_THROWS();
	}
}

PHP_METHOD(Participa_Thread, setPremoderate)
{
	thread_object *t = Z_THREAD_P(ZEND_THIS);
	bool on;
	zend_string *moderator, *reason = NULL;
	pt_thread_rules rules;
	pt_db *db;
	pt_error err;

	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_BOOL(on)
		Z_PARAM_STR(moderator)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR(reason)
	ZEND_PARSE_PARAMETERS_END();

	if (!participa_id_arg(ID_MODERATOR, moderator) || (reason && !participa_thread_reason_arg(reason))
			|| !(db = participa_site_db(&t->site))) {
		RETURN_THROWS();
	}
	pt_error_clear(&err);
	if (!participa_ok(pt_thread_store_thread_premoderate(db, thread_rules(t, ZSTR_VAL(moderator), &rules), on,
			ZSTR_VAL(moderator), reason ? ZSTR_VAL(reason) : "", &err), &err)) {
		RETURN_THROWS();
	}
	t->premoderate = on;
}

PHP_METHOD(Participa_Thread, html)
{
	thread_object *t = Z_THREAD_P(ZEND_THIS);
	zval *host, data, opts;
	zend_string *viewer = NULL;
	HashTable *ht = NULL;
	pt_value *o, *args = NULL;
	char method[16];
	uint32_t perms = 0;

	ZEND_PARSE_PARAMETERS_START(1, 3)
		Z_PARAM_OBJECT_OF_CLASS(host, participa_ce_Host)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(viewer)
		Z_PARAM_ARRAY_HT(ht)
	ZEND_PARSE_PARAMETERS_END();
	array_init(&data);
	ZVAL_ARR(&opts, ht ? zend_array_dup(ht) : zend_new_array(0));
	participa_host_outcome(host, Z_ARRVAL(opts));
	add_assoc_zval(&data, "opts", &opts);
	o = participa_value_from_zval(&opts, REQ, 3);
	if (!o || pt_fragment_thread_read(o, viewer ? ZSTR_VAL(viewer) : NULL, REQ, method, sizeof(method), &args) != PT_OK
			|| !participa_fragment_add(&data, "page", ZEND_THIS, method, args)
			|| !participa_fragment_add(&data, "info", ZEND_THIS, "info", NULL)
			|| (viewer && !participa_actor_permissions(&t->site, ZSTR_VAL(viewer), thread_rules(t, ZSTR_VAL(viewer),
				&(pt_thread_rules){ 0 })->scope, PT_SCOPE_NONE, NULL, &perms))) {
		pt_value_free(o);
		zval_ptr_dtor(&data);
		RETURN_THROWS();   /* no memory is an exception of the call that could not be made */
	}
	pt_value_free(o);
	if (viewer) {
		add_assoc_str(&data, "viewer", zend_string_copy(viewer));
	}
	add_assoc_long(&data, "perms", (zend_long)perms);
	add_assoc_long(&data, "max_depth", (zend_long)thread_cfg(t)->threads.max_depth);
	add_assoc_long(&data, "edit_window", (zend_long)thread_cfg(t)->threads.edit_window_s);
	add_assoc_string(&data, "timezone", thread_cfg(t)->timezone ? thread_cfg(t)->timezone : "");
	participa_fragment_html(host, &data, pt_fragment_thread_view, "thread", return_value);
}

/* ----------------------------------------------------------------- reading */

/* A page being read: what it asks for, its cursors and its rows (io/thread/thread_rows.h). */
typedef struct page_ctx {
	pt_thread_page_req q;
	pt_thread_page_cursor cursor;
	bool sort_given;
	zend_string *cursor_text; /* checked once the site's key is read (round trip 1) */
	zend_string *viewer;
	pt_thread_store_view view;
	pt_thread_page page;
	zend_long at;             /* page(): 'at', the comment the page starts at (0: none) */
} page_ctx;

static bool page_opts(const pt_config *cfg, HashTable *opts, int64_t scope, page_ctx *p)
{
	zend_string *sort;
	zend_long limit, depth, replies;
	pt_error err;
	participa_opt o[] = { { "sort", PO_ENUM, &sort, .ce = participa_ce_Sort },
		{ "limit", PO_LONG, &limit, PT_THREAD_PAGE_LIMIT }, { "depth", PO_LONG, &depth, cfg->threads.max_depth },
		{ "replies", PO_LONG, &replies, cfg->threads.page_replies }, { "viewer", PO_ID, &p->viewer, .what = ID_VIEWER },
		{ "cursor", PO_STRING, &p->cursor_text }, { "at", PO_LONG, &p->at, 0 } };

	memset(p, 0, sizeof(*p));
	pt_error_clear(&err);
	if (!participa_opts(opts, OPTION, o, 1)
			|| !participa_ok(pt_thread_page_sort(sort ? ZSTR_VAL(sort) : NULL, sort ? ZSTR_LEN(sort) : 0, scope,
				&p->q.sort, &err), &err)
			|| !participa_opts(opts, OPTION, o + 1, 3)
			|| !participa_ok(pt_thread_page_limits(&cfg->threads, limit, depth, replies, &err), &err)
			|| !participa_opts(opts, OPTION, o + 4, scope ? 2 : 3)) {
		return false;
	}
	p->sort_given = sort != NULL;
	p->q.scope = scope;
	p->q.limit = (uint32_t)limit;
	p->q.depth = (uint32_t)depth;
	p->q.replies = (uint32_t)replies;
	p->q.max_depth = cfg->threads.max_depth;
	p->view.viewer = p->viewer ? ZSTR_VAL(p->viewer) : NULL;
	return true;
}

/* A page node's own fields after its comment's. */
#define PN(key, type, m, len) { key, type, 0, offsetof(pt_thread_page_node, m), offsetof(pt_thread_page_node, len), NULL }
static participa_field node_fields[] = {
	PN("replies", PF_ZVAL, replies, replies), PN("more", PF_CSTR, more, more), PN("more_count", PF_I64, more_count, more),
	PN("created_iso", PF_TEXT, iso, iso_len), PN("created_text", PF_TEXT, text, text_len), { NULL }
};

#define N(m) { #m, PF_I64, 0, offsetof(pt_thread_store_counts, m), 0, NULL }
static participa_field count_fields[] = { N(published), N(held), N(hidden), N(deleted), N(roots), { NULL } };

/* The shared tail of page() and replies(): the page read (io/thread/thread_rows.h), nested into
 * PHP arrays in reverse pre-order (every child is complete before its parent takes it). */
static bool page_finish(thread_object *t, pt_db *db, page_ctx *p, const pt_thread_store_counts *counts,
	zval *return_value)
{
	pt_thread_page *pg = &p->page;
	zval *built, list, replies, c;
	pt_error err;
	bool english = strncmp(thread_cfg(t)->locale, "en", 2) == 0;
	const pt_time_zone *tz = pt_time_zone_named(thread_cfg(t)->timezone);   /* the site's */
	size_t i;
	int32_t n;

	pt_error_clear(&err);
	if (!participa_ok(pt_thread_page_read(db, t->id, &p->q, &p->view, &p->cursor.seal, tz, english, REQ, pg, &err), &err)) {
		pt_thread_page_free(pg);
		return false;
	}
	built = safe_emalloc(pg->tree.count ? pg->tree.count : 1, sizeof(zval), 0);
	for (i = pg->tree.count; i-- > 0;) {
		participa_comment_array(pg->nodes[i].c, pg->nodes[i].full ? PARTICIPA_VIEW_FULL : PARTICIPA_VIEW_PAGE, &built[i]);
		array_init(&replies);
		for (n = pg->nodes[i].first_child; n >= 0; n = pg->nodes[n].next_sibling) {
			add_next_index_zval(&replies, &built[n]);
		}
		pg->nodes[i].replies = &replies;
		participa_fields_put(&built[i], node_fields, &pg->nodes[i], 0);
	}
	array_init(&list);
	for (n = pg->first_top; n >= 0; n = pg->nodes[n].next_sibling) {
		add_next_index_zval(&list, &built[n]);
	}
	efree(built);
	participa_list_answer(return_value, "comments", &list, pg->next);
	if (counts) {
		array_init(&c);
		participa_fields_put(&c, count_fields, counts, 0);
		add_assoc_zval(return_value, "counts", &c);
	}
	pt_thread_page_free(pg);
	return true;
}

/* page() and replies(): round trip 1 (counts, or the node; the viewer's facts), then the page. */
static void read_page(INTERNAL_FUNCTION_PARAMETERS, bool replies)
{
	thread_object *t = Z_THREAD_P(ZEND_THIS);
	zend_long comment_id = 0;
	HashTable *opts = NULL;
	page_ctx p;
	pt_thread_store_counts counts;
	pt_thread_store_node node;
	pt_participant_actor viewer;
	pt_participant_actor_text viewer_text;
	pt_db *db;
	pt_error err;
	bool found = false;

	if ((replies ? zend_parse_parameters(ZEND_NUM_ARGS(), "l|h", &comment_id, &opts)
			: zend_parse_parameters(ZEND_NUM_ARGS(), "|h", &opts)) == FAILURE) {
		RETURN_THROWS();
	}
	pt_error_clear(&err);
	if ((replies && !participa_ok(pt_thread_comment_id_check(comment_id, &err), &err))
			|| !page_opts(thread_cfg(t), opts, comment_id, &p) || !(db = participa_site_db(&t->site))
			|| !participa_ok(replies ? pt_thread_store_node_get(db, comment_id, p.view.viewer, &node, &found, &viewer,
				&viewer_text, &err)
				: pt_thread_store_counts_get(db, t->id, p.view.viewer, &counts, &viewer, &viewer_text, &err), &err)) {
		RETURN_THROWS();
	}
	p.view.moderator = p.view.viewer && thread_moderator(t, p.view.viewer, &viewer);
	if ((replies && !participa_ok(pt_thread_page_below(&node, found, t->id, &p.view, &p.q, &err), &err))
			|| !participa_ok(pt_thread_page_seal(db, t->id, replies ? node.has_cursor_key : counts.has_cursor_key,
				replies ? node.cursor_key : counts.cursor_key, p.cursor_text ? ZSTR_VAL(p.cursor_text) : NULL,
				p.cursor_text ? ZSTR_LEN(p.cursor_text) : 0, p.sort_given, &p.cursor, &p.q, &err), &err)
			|| (p.at && !participa_ok(pt_thread_page_at(db, t->id, p.at, &p.view, &p.q, &p.cursor.after, &err), &err))
			|| !page_finish(t, db, &p, replies ? NULL : &counts, return_value)) {
		RETURN_THROWS();
	}
}

PHP_METHOD(Participa_Thread, page) { read_page(INTERNAL_FUNCTION_PARAM_PASSTHRU, false); }
PHP_METHOD(Participa_Thread, replies) { read_page(INTERNAL_FUNCTION_PARAM_PASSTHRU, true); }

void participa_thread_setup(zend_class_entry *ce)
{
	participa_comment_keys_init();
	participa_fields_init(count_fields);
	participa_fields_init(node_fields);
	ce->create_object = thread_create;
	participa_object_handlers(&thread_handlers, XtOffsetOf(thread_object, std), thread_free);
	thread_handlers.get_gc = thread_get_gc;
}
