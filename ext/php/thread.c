/*
 * participa binding: Participa\Thread.
 *
 * Policy lives here, SQL in io/thread_store.c, rules and trees in the core:
 * a post is validated (UTF-8, length, alignment), moderated by the compiled
 * YAML rules (pt_moderate(): redactions, hold, reject), then stored in one
 * transaction whose check callback decides, on facts read inside that same
 * transaction, whether the participant may post (role, ban, rate limit,
 * parent, depth, pre-moderation). Refusals are exceptions with Spanish
 * messages a citizen can be shown.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "php.h"
#include "zend_exceptions.h"
#include "zend_smart_str.h"

#include "php_participa.h"
#include "participa_errors.h"
#include "participa_site.h"
#include "participa_threads.h"
#include "thread_arginfo.h"
#include "core/common/text.h"
#include "core/thread/moderation.h"
#include "core/thread/comment_tree.h"
#include "core/common/pt_id.h"
#include "ext/random/php_random.h"

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

static inline thread_object *thread_from_obj(zend_object *obj)
{
	return (thread_object *)((char *)obj - XtOffsetOf(thread_object, std));
}
#define Z_THREAD_P(zv) thread_from_obj(Z_OBJ_P(zv))

#define MAX_MENTIONS 20

/* ------------------------------------------------------------ shared helpers */

/* Throws the stored error (from the store or a check callback). */
static void throw_err(const pt_error *err)
{
	participa_throw_error(err);
}

static void throw_code(pt_status code, const char *msg)
{
	pt_error err;

	pt_error_clear(&err);
	pt_error_set(&err, code, "%s", msg);
	participa_throw_error(&err);
}

/* Ids follow the one id rule (pt_id.h) at every entry point, so C and SQL
 * (PAD SPACE, INSERT IGNORE's '?') compare them the same way. */
bool participa_thread_id_arg(zend_string *id, const char *what)
{
	return participa_id_arg(what, id);
}

bool participa_thread_reason_arg(zend_string *s)
{
	pt_error err;
	size_t chars = 0;

	pt_error_clear(&err);
	if (pt_text_validate(ZSTR_VAL(s), ZSTR_LEN(s), &chars, &err) != PT_OK) {
		pt_error_clear(&err);
		pt_error_set(&err, PT_ERR_INVALID, "El motivo no es UTF-8 válido o contiene caracteres de control.");
		throw_err(&err);
		return false;
	}
	if (chars > PARTICIPA_REASON_MAX) {
		pt_error_set(&err, PT_ERR_INVALID, "El motivo tiene %zu caracteres; el máximo es %d.", chars,
			PARTICIPA_REASON_MAX);
		throw_err(&err);
		return false;
	}
	return true;
}

zval *participa_opt_find(HashTable *opts, const char *key)
{
	zval *v = opts ? zend_hash_str_find(opts, key, strlen(key)) : NULL;

	if (v) {
		ZVAL_DEREF(v);   /* ['parent' => &$x] */
		if (Z_TYPE_P(v) == IS_NULL) {
			v = NULL;
		}
	}
	return v;
}

bool participa_opt_string(HashTable *opts, bool filter, const char *key, zend_string **out)
{
	zval *v = participa_opt_find(opts, key);

	*out = NULL;
	if (!v) {
		return true;
	}
	if (Z_TYPE_P(v) != IS_STRING) {
		if (filter) {
			zend_type_error("El filtro '%s' debe ser una cadena (se recibió %s).", key, zend_zval_type_name(v));
		} else {
			zend_type_error("La opción '%s' debe ser una cadena (se recibió %s).", key, zend_zval_type_name(v));
		}
		return false;
	}
	*out = Z_STR_P(v);
	return true;
}

bool participa_opt_long(HashTable *opts, bool filter, const char *key, zend_long def, zend_long *out)
{
	zval *v = participa_opt_find(opts, key);

	*out = def;
	if (!v) {
		return true;
	}
	if (Z_TYPE_P(v) != IS_LONG) {
		if (filter) {
			zend_type_error("El filtro '%s' debe ser un número entero (se recibió %s).", key, zend_zval_type_name(v));
		} else {
			zend_type_error("La opción '%s' debe ser un número entero (se recibió %s).", key, zend_zval_type_name(v));
		}
		return false;
	}
	*out = Z_LVAL_P(v);
	return true;
}

/* A comment id argument: positive, or nothing can match it. */
static bool check_comment_id(zend_long id)
{
	if (id <= 0) {
		throw_code(PT_ERR_NOT_FOUND, "El comentario no existe en este hilo.");
		return false;
	}
	return true;
}

#define OPTION false   /* participa_opt_*(): an option, not a filter */
#define ID_PARTICIPANT "El identificador del participante"
#define ID_MODERATOR "El identificador de la persona moderadora"
#define ID_OFFICIAL "El identificador de la persona funcionaria"
#define ID_VIEWER "El identificador de quien lee ('viewer')"

/* ------------------------------------------------------------------ objects */

static zend_object *thread_create(zend_class_entry *ce)
{
	thread_object *obj = zend_object_alloc(sizeof(thread_object), ce);

	zend_object_std_init(&obj->std, ce);
	object_properties_init(&obj->std, ce);
	obj->std.handlers = &thread_handlers;
	ZVAL_UNDEF(&obj->site);
	obj->subject_type = obj->subject_id = NULL;
	return &obj->std;
}

static void thread_free(zend_object *object)
{
	thread_object *obj = thread_from_obj(object);

	zval_ptr_dtor(&obj->site);
	if (obj->subject_type) {
		zend_string_release(obj->subject_type);
	}
	if (obj->subject_id) {
		zend_string_release(obj->subject_id);
	}
	zend_object_std_dtor(object);
}

static HashTable *thread_get_gc(zend_object *object, zval **table, int *n)
{
	thread_object *obj = thread_from_obj(object);

	*table = &obj->site;
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
	if (pt_kind_check("El tipo de tema", ZSTR_VAL(type), ZSTR_LEN(type), &err) != PT_OK
			|| pt_id_check("El identificador del tema", ZSTR_VAL(id), ZSTR_LEN(id), &err) != PT_OK) {
		throw_err(&err);
		return;
	}
	db = participa_site_db(site);
	if (!db) {
		return;
	}
	if (pt_thread_store_thread_open(db, ZSTR_VAL(type), ZSTR_LEN(type), ZSTR_VAL(id), ZSTR_LEN(id), &t, &err) != PT_OK) {
		throw_err(&err);
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

static const pt_config *thread_cfg(thread_object *t)
{
	return participa_site_config(&t->site);
}

static const pt_subject_settings *thread_subject(thread_object *t)
{
	return pt_config_subject(thread_cfg(t), ZSTR_VAL(t->subject_type), ZSTR_LEN(t->subject_type));
}

/* The territory an action of who on this thread happens in (participa_permissions.h). */
static int32_t thread_scope(thread_object *t, const char *who)
{
	return participa_subject_scope(&t->site, who, ZSTR_VAL(t->subject_type), ZSTR_LEN(t->subject_type),
		ZSTR_VAL(t->subject_id), ZSTR_LEN(t->subject_id));
}

/* Reads one comment into an array (full = moderator/author view). */
typedef struct one_ctx {
	zval *out;
	bool full;
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
	participa_comment_to_array(c, o->full, o->out);
	return PT_OK;
}

static bool load_comment(pt_db *db, int64_t id, const char *viewer, bool full, int64_t thread_id, zval *out)
{
	pt_error err;
	one_ctx o = { out, full, thread_id, false };
	bool found = false;

	ZVAL_UNDEF(out);
	pt_error_clear(&err);
	if (pt_thread_store_comment_get(db, id, viewer, one_fn, &o, &found, &err) != PT_OK) {
		if (Z_TYPE_P(out) != IS_UNDEF) {
			zval_ptr_dtor(out);
		}
		throw_err(&err);
		return false;
	}
	if (!found || o.wrong_thread || Z_TYPE_P(out) == IS_UNDEF) {
		throw_code(PT_ERR_NOT_FOUND, "El comentario no existe en este hilo.");
		return false;
	}
	return true;
}

/* ------------------------------------------------------------ text checks */

/*
 * Whether the character at s[*i] (valid UTF-8) shows nothing: ASCII white
 * space, the Unicode spaces (no-break, ideographic ...), the zero-width ones
 * and the BOM. A comment of only these is empty, however many it has.
 * Advances *i past it.
 */
static bool blank_at(const char *s, size_t len, size_t *i)
{
	const unsigned char *p = (const unsigned char *)s + *i;
	uint32_t cp;
	size_t n;

	if (p[0] < 0x80) {
		cp = p[0];
		n = 1;
	} else if (p[0] < 0xE0) {
		cp = ((uint32_t)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
		n = 2;
	} else if (p[0] < 0xF0) {
		cp = ((uint32_t)(p[0] & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
		n = 3;
	} else {
		cp = 0x10000;   /* nothing above the BMP is blank */
		n = 4;
	}
	*i += n;
	(void)len;
	return cp == ' ' || cp == '\n' || cp == '\t' || cp == '\r' || cp == 0xA0 || cp == 0x1680 || cp == 0x180E
		|| (cp >= 0x2000 && cp <= 0x200D) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F
		|| cp == 0x2060 || cp == 0x3000 || cp == 0xFEFF;
}

/* Copies body with CRLF normalised, validates UTF-8 and length. Returns emalloc'd text or NULL (thrown). */
static char *prepare_body(const pt_config *cfg, zend_string *body, size_t *len_out)
{
	char *text = estrndup(ZSTR_VAL(body), ZSTR_LEN(body));
	size_t len = pt_text_normalize_newlines(text, ZSTR_LEN(body));
	size_t chars = 0, i;
	bool blank = true;
	pt_error err;

	pt_error_clear(&err);
	if (pt_text_validate(text, len, &chars, &err) != PT_OK) {
		efree(text);
		throw_err(&err);
		return NULL;
	}
	for (i = 0; i < len && blank;) {
		blank = blank_at(text, len, &i);
	}
	if (blank) {
		efree(text);
		throw_code(PT_ERR_INVALID, "El comentario está vacío.");
		return NULL;
	}
	if (chars > cfg->threads.max_length) {
		char msg[200];

		snprintf(msg, sizeof(msg), "El comentario tiene %zu caracteres; el máximo es %u.", chars,
			cfg->threads.max_length);
		efree(text);
		throw_code(PT_ERR_INVALID, msg);
		return NULL;
	}
	if (chars < cfg->threads.min_length) {
		char msg[200];

		snprintf(msg, sizeof(msg), "El comentario es demasiado corto: el mínimo es %u caracteres.",
			cfg->threads.min_length);
		efree(text);
		throw_code(PT_ERR_INVALID, msg);
		return NULL;
	}
	*len_out = len;
	return text;
}

/* Moderation outcome in the store's terms (strings emalloc'd into m). */
typedef struct verdict {
	pt_moderation_result res;
	pt_cstatus status;
	char *rule;           /* first rule that held or rejected, or NULL */
	char *redactions;     /* unique redact rule names, comma separated, or NULL */
} verdict;

static bool moderate(const pt_config *cfg, const char *text, size_t len, verdict *v)
{
	pt_error err;
	size_t i;
	smart_str names = {0};

	memset(v, 0, sizeof(*v));
	pt_error_clear(&err);
	if (!PARTICIPA_G(mod_scratch) && pt_mod_scratch_new(&PARTICIPA_G(mod_scratch), &err) != PT_OK) {
		throw_err(&err);
		return false;
	}
	if (pt_moderate_with(cfg->moderation.rules, PARTICIPA_G(mod_scratch), text, len,
			&participa_request_allocator, &v->res, &err) != PT_OK) {
		throw_err(&err);
		return false;
	}
	v->status = v->res.verdict == PT_MOD_REJECTED ? PT_COMMENT_REJECTED
		: v->res.verdict == PT_MOD_HELD ? PT_COMMENT_HELD : PT_COMMENT_PUBLISHED;
	for (i = 0; i < v->res.hit_count; i++) {
		const pt_mod_hit *h = &v->res.hits[i];

		if (h->action == PT_MOD_REDACT && h->kind == PT_MOD_HIT_MATCH && h->matches > 0) {
			size_t have = names.s ? ZSTR_LEN(names.s) + 1 : 0;

			/* the column holds 1000 characters: a whole name or none */
			if (have + strlen(h->name) > PARTICIPA_REASON_MAX) {
				continue;
			}
			if (names.s) {
				smart_str_appendc(&names, ',');
			}
			smart_str_appends(&names, h->name);
		} else if (!v->rule && (h->action != PT_MOD_REDACT || h->kind == PT_MOD_HIT_LIMIT)) {
			if ((v->status == PT_COMMENT_REJECTED && h->action == PT_MOD_REJECT) || v->status == PT_COMMENT_HELD) {
				v->rule = estrdup(h->name);
			}
		}
	}
	if (names.s) {
		smart_str_0(&names);
		v->redactions = estrndup(ZSTR_VAL(names.s), ZSTR_LEN(names.s));
		smart_str_free(&names);
	}
	return true;
}

/* The unique @mentions of a stored text (after redaction), at most MAX_MENTIONS, emalloc'd. */
static size_t collect_mentions(const char *body, size_t len, char *names[MAX_MENTIONS])
{
	pt_mention *m = NULL;
	size_t n = 0, i;
	pt_error err;

	pt_error_clear(&err);
	if (pt_text_mentions(body, len, MAX_MENTIONS, &participa_request_allocator, &m, &n, &err) != PT_OK) {
		return 0;
	}
	for (i = 0; i < n; i++) {
		names[i] = estrndup(body + m[i].offset, m[i].len);
	}
	pt_free(&participa_request_allocator, m);
	return n;
}

static void free_mentions(char *names[MAX_MENTIONS], size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		efree(names[i]);
	}
}

static void verdict_free(verdict *v)
{
	pt_moderation_result_free(&v->res, &participa_request_allocator);
	if (v->rule) {
		efree(v->rule);
	}
	if (v->redactions) {
		efree(v->redactions);
	}
}

/* ---------------------------------------------------------------- post */

typedef struct post_check {
	const pt_config *cfg;
	const pt_subject_settings *subject;
	thread_object *thread;
	int32_t scope;            /* the thread's territory for the author (thread_scope()) */
} post_check;

#define PREMOD_RULE "premoderación"
#define PREMOD_MESSAGE "Este tema se modera antes de publicar."

static pt_status refuse_banned(pt_error *err)
{
	return pt_error_set(err, PT_ERR_NOT_ALLOWED, "Tu participación está suspendida por moderación.");
}

static pt_status post_check_fn(void *vctx, const pt_thread_store_facts *f, pt_thread_store_post *post, pt_error *err)
{
	post_check *pc = vctx;
	const pt_threads_settings *ts = &pc->cfg->threads;
	uint32_t perms;

	if (f->actor.banned) {
		return refuse_banned(err);
	}
	perms = participa_permissions_in(pc->cfg, post->author, f->actor.roles, pc->scope, NULL);
	if (!(perms & PT_PERM_COMMENT)) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "No tienes permiso para comentar.");
	}
	if (ts->rate_limit.count && f->recent >= ts->rate_limit.count) {
		uint32_t period = ts->rate_limit.period_s;

		/* one whole message per unit, so each has its translation */
		if (period >= 86400) {
			return pt_error_set(err, PT_ERR_NOT_ALLOWED,
				"Llegaste al límite de %u comentarios por día; intenta de nuevo más tarde.", ts->rate_limit.count);
		}
		if (period >= 3600) {
			return pt_error_set(err, PT_ERR_NOT_ALLOWED,
				"Llegaste al límite de %u comentarios por hora; intenta de nuevo más tarde.", ts->rate_limit.count);
		}
		if (period >= 60) {
			return pt_error_set(err, PT_ERR_NOT_ALLOWED,
				"Llegaste al límite de %u comentarios por minuto; intenta de nuevo más tarde.", ts->rate_limit.count);
		}
		return pt_error_set(err, PT_ERR_NOT_ALLOWED,
			"Llegaste al límite de %u comentarios por segundo; intenta de nuevo más tarde.", ts->rate_limit.count);
	}
	if (post->parent_id) {
		if (f->target.thread_id != post->thread_id) {
			return pt_error_set(err, PT_ERR_NOT_FOUND, "El comentario al que respondes no está en este hilo.");
		}
		if ((f->target.status == PT_COMMENT_HELD || f->target.status == PT_COMMENT_REJECTED)
				&& !(f->target.author && strcmp(f->target.author, post->author) == 0)
				&& !(perms & PT_PERM_MODERATE)) {
			/* as page() has it: another's held comment is not there */
			return pt_error_set(err, PT_ERR_NOT_FOUND, "El comentario al que respondes no existe.");
		}
		if (f->target.status != PT_COMMENT_PUBLISHED) {
			return pt_error_set(err, PT_ERR_NOT_ALLOWED, "No se puede responder a este comentario.");
		}
		if (f->target.depth + 1 > ts->max_depth) {
			return pt_error_set(err, PT_ERR_INVALID,
				"Las respuestas se anidan hasta %u niveles; responde al comentario de arriba.", ts->max_depth);
		}
	}
	if (post->status == PT_COMMENT_PUBLISHED && (f->thread_premoderate || pc->subject->premoderate)) {
		post->status = PT_COMMENT_HELD;
		post->rule = PREMOD_RULE;
		post->rule_message = PREMOD_MESSAGE;
	}
	return PT_OK;
}

/*
 * The YAML's half of the permission check the one-round-trip post repeats in
 * SQL (schema/006_post_procedure.sql), the same rule as
 * participa_permissions(): the author may comment when a YAML assignment
 * grants it, when a stored role that may comment is one of the YAML's, or,
 * holding no role the YAML knows and no assignment, when the default role
 * may. Returns false (take the full path) when a role id could not be
 * matched by FIND_IN_SET. The lists are emalloc'd into *comment_roles and
 * *known_roles.
 */
static bool fast_grants(const pt_config *cfg, const char *participant, int32_t scope, pt_thread_store_post *post,
	smart_str *comment_roles, smart_str *known_roles)
{
	const pt_role *def = pt_config_role(cfg, PARTICIPA_DEFAULT_ROLE);
	bool assigned_any = false, every_role_comments = true;
	size_t i;

	for (i = 0; i < cfg->role_count; i++) {
		const pt_role *r = &cfg->roles[i];

		if (strchr(r->id, ',')) {
			return false;
		}
		if (known_roles->s) {
			smart_str_appendc(known_roles, ',');
		}
		smart_str_appends(known_roles, r->id);
		if (r->permissions & PT_PERM_COMMENT) {
			if (comment_roles->s) {
				smart_str_appendc(comment_roles, ',');
			}
			smart_str_appends(comment_roles, r->id);
		} else {
			every_role_comments = false;
		}
	}
	for (i = 0; i < cfg->assignment_count; i++) {
		const pt_assignment *a = &cfg->assignments[i];

		if (strcmp(a->participant, participant) == 0 && pt_assignment_applies(cfg, a, scope)) {
			assigned_any = true;
			if (cfg->roles[a->role].permissions & PT_PERM_COMMENT) {
				post->fast.assigned = true;
			}
		}
	}
	post->fast.default_ok = !assigned_any && def && (def->permissions & PT_PERM_COMMENT);
	/* no stored role can then take the right away: a known one may comment,
	 * an unknown one counts as none, and none falls back to the default */
	post->fast.anyone = post->fast.assigned || (post->fast.default_ok && every_role_comments);
	smart_str_0(comment_roles);
	smart_str_0(known_roles);
	/* no role at all: FIND_IN_SET(role, '') matches nothing, as meant */
	post->fast.comment_roles = comment_roles->s ? ZSTR_VAL(comment_roles->s) : "";
	post->fast.known_roles = known_roles->s ? ZSTR_VAL(known_roles->s) : "";
	post->fast.max_depth = cfg->threads.max_depth;
	return true;
}

static const char *author_message(pt_cstatus status, const char *rule_message)
{
	if (status == PT_COMMENT_REJECTED) {
		return rule_message ? rule_message : PT_MOD_DEFAULT_REJECT_MESSAGE;
	}
	if (status == PT_COMMENT_HELD) {
		return "Tu comentario se publicará cuando lo revise una persona moderadora.";
	}
	return NULL;
}

/* Adds 'mentions' (unique @handles of the stored body) and 'message'. */
static void add_post_extras(zval *out, bool replayed)
{
	zval *body = zend_hash_str_find(Z_ARRVAL_P(out), ZEND_STRL("body"));
	zval *status = zend_hash_str_find(Z_ARRVAL_P(out), ZEND_STRL("status"));
	zval *rule_message = zend_hash_str_find(Z_ARRVAL_P(out), ZEND_STRL("rule_message"));
	zval list;
	pt_cstatus st = PT_COMMENT_PUBLISHED;
	const char *msg;

	array_init(&list);
	if (body && Z_TYPE_P(body) == IS_STRING) {
		pt_mention *m = NULL;
		size_t n = 0, i;
		pt_error err;

		pt_error_clear(&err);
		if (pt_text_mentions(Z_STRVAL_P(body), Z_STRLEN_P(body), MAX_MENTIONS, &participa_request_allocator,
				&m, &n, &err) == PT_OK) {
			for (i = 0; i < n; i++) {
				add_next_index_stringl(&list, Z_STRVAL_P(body) + m[i].offset, m[i].len);
			}
			pt_free(&participa_request_allocator, m);
		}
	}
	add_assoc_zval(out, "mentions", &list);
	if (status && Z_TYPE_P(status) == IS_STRING) {
		pt_cstatus_from_name(Z_STRVAL_P(status), Z_STRLEN_P(status), &st);
	}
	msg = author_message(st, st == PT_COMMENT_REJECTED && rule_message && Z_TYPE_P(rule_message) == IS_STRING
		? Z_STRVAL_P(rule_message) : NULL);
	if (msg) {
		add_assoc_string(out, "message", msg);
	} else {
		add_assoc_null(out, "message");
	}
	add_assoc_bool(out, "replayed", replayed);
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

PHP_METHOD(Participa_Thread, post)
{
	thread_object *t = Z_THREAD_P(ZEND_THIS);
	zend_string *participant, *body, *alignment, *idem;
	HashTable *opts = NULL;
	zend_long parent = 0;
	const pt_config *cfg;
	const pt_subject_settings *subject;
	char *text;
	size_t len = 0;
	verdict v;
	pt_thread_store_post post;
	post_check pc;
	smart_str comment_roles = {0}, known_roles = {0};
	pt_db *db;
	pt_error err;
	int64_t id = 0;
	bool replayed = false;
	pt_status s;

	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_STR(participant)
		Z_PARAM_STR(body)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(opts)
	ZEND_PARSE_PARAMETERS_END();

	if (!participa_thread_id_arg(participant, ID_PARTICIPANT)) {
		RETURN_THROWS();
	}
	cfg = thread_cfg(t);
	subject = thread_subject(t);
	if (!participa_opt_long(opts, OPTION, "parent", 0, &parent)) {
		RETURN_THROWS();
	}
	if (parent < 0) {
		throw_code(PT_ERR_NOT_FOUND, "El comentario al que respondes no existe.");
		RETURN_THROWS();
	}
	if (!participa_opt_string(opts, OPTION, "alignment", &alignment)) {
		RETURN_THROWS();
	}
	if (alignment) {
		if (!subject->alignment) {
			throw_code(PT_ERR_INVALID, "Este tema no admite postura (a favor, neutral o en contra).");
			RETURN_THROWS();
		}
		if (!zend_string_equals_literal(alignment, "for") && !zend_string_equals_literal(alignment, "neutral")
				&& !zend_string_equals_literal(alignment, "against")) {
			throw_code(PT_ERR_INVALID, "La postura debe ser 'for' (a favor), 'neutral' o 'against' (en contra).");
			RETURN_THROWS();
		}
	}
	if (!participa_opt_string(opts, OPTION, "idempotency_key", &idem)
			|| (idem && !participa_thread_id_arg(idem, "El valor de 'idempotency_key'"))) {
		RETURN_THROWS();
	}
	text = prepare_body(cfg, body, &len);
	if (!text) {
		RETURN_THROWS();
	}
	if (!moderate(cfg, text, len, &v)) {
		efree(text);
		RETURN_THROWS();
	}
	db = participa_site_db(&t->site);
	if (!db) {
		verdict_free(&v);
		efree(text);
		RETURN_THROWS();
	}

	/* mentions of the final text (after redaction) */
	{
		char *names[MAX_MENTIONS];
		size_t n = collect_mentions(v.res.body, v.res.body_len, names);

		memset(&post, 0, sizeof(post));
		post.thread_id = t->id;
		post.parent_id = parent;
		post.author = ZSTR_VAL(participant);
		post.body = v.res.body;
		post.body_len = v.res.body_len;
		post.alignment = alignment ? ZSTR_VAL(alignment) : NULL;
		post.status = v.status;
		post.rule = v.rule;
		post.rule_message = v.res.reason;
		post.redactions = v.redactions;
		post.idempotency_key = idem ? ZSTR_VAL(idem) : NULL;
		post.mentions = (const char *const *)names;
		post.mention_count = n;
		post.rate_window_s = cfg->threads.rate_limit.count ? cfg->threads.rate_limit.period_s : 0;
		post.rate_cap = cfg->threads.rate_limit.count + 1;
		pc.cfg = cfg;
		pc.subject = subject;
		pc.thread = t;
		pc.scope = thread_scope(t, post.author);
		/* the subject's own pre-moderation lives in the YAML, which the
		 * procedure does not see: such posts take the full path */
		post.fast.enabled = PARTICIPA_G(post_fast_path) && !subject->premoderate
			&& fast_grants(cfg, post.author, pc.scope, &post, &comment_roles, &known_roles);
		pt_error_clear(&err);
		s = pt_thread_store_post_comment(db, &post, post_check_fn, &pc, &id, &replayed, &err);
		smart_str_free(&comment_roles);
		smart_str_free(&known_roles);
		free_mentions(names, n);
	}
	if (s == PT_OK && !replayed && post.created_at[0]) {
		/* the stored row is what we sent: answer from it, no read back */
		pt_thread_store_comment c;

		memset(&c, 0, sizeof(c));
		c.row.id = id;
		c.row.parent_id = post.parent_id;
		c.row.root_id = post.root_id_out;
		c.row.depth = post.depth_out;
		c.row.author = post.author;
		c.row.author_len = ZSTR_LEN(participant);
		c.row.status = (uint8_t)post.status;
		c.row.created_us = pt_thread_store_time_us(post.created_at, strlen(post.created_at));
		c.thread_id = post.thread_id;
		c.status = post.status;
		c.body = post.body;
		c.body_len = post.body_len;
		c.alignment = post.alignment;
		if (post.rule) {
			c.rule = post.rule;
			c.rule_len = strlen(post.rule);
		}
		if (post.rule_message) {
			c.rule_message = post.rule_message;
			c.rule_message_len = strlen(post.rule_message);
		}
		if (post.redactions) {
			c.redactions = post.redactions;
			c.redactions_len = strlen(post.redactions);
		}
		c.version = 1;
		c.created_at = post.created_at;
		c.created_at_len = strlen(post.created_at);
		c.subject_type = ZSTR_VAL(t->subject_type);
		c.subject_type_len = ZSTR_LEN(t->subject_type);
		c.subject_id = ZSTR_VAL(t->subject_id);
		c.subject_id_len = ZSTR_LEN(t->subject_id);
		participa_comment_to_array(&c, true, return_value);
	}
	verdict_free(&v);
	efree(text);
	if (s != PT_OK) {
		throw_err(&err);
		RETURN_THROWS();
	}
	if (Z_TYPE_P(return_value) != IS_ARRAY
			&& !load_comment(db, id, ZSTR_VAL(participant), true, t->id, return_value)) {
		RETURN_THROWS();
	}
	add_post_extras(return_value, replayed);
}

/* ------------------------------------------------------- writes on a comment */

typedef struct write_check {
	const pt_config *cfg;
	thread_object *thread;
	uint32_t need;            /* permission bit the actor needs (0 = none) */
	bool author_only;         /* edit/delete: only the author (delete: or a moderator) */
	bool moderator_may;       /* delete: a moderator may too */
	bool published_only;      /* react/flag/official: target must be published */
	pt_cstatus edit_status;   /* EDIT: verdict of the new text */
	int32_t scope;            /* the thread's territory for the actor (set by run_write()) */
	bool subject_premoderate; /* EDIT: the YAML pre-moderates the thread's subject type */
} write_check;

static pt_status write_check_fn(void *vctx, const pt_thread_store_facts *f, pt_thread_store_write *w, pt_error *err)
{
	write_check *wc = vctx;
	const pt_thread_store_target *t = &f->target;
	uint32_t perms;
	bool is_author;

	if (wc->thread && t->thread_id != wc->thread->id) {
		return pt_error_set(err, PT_ERR_NOT_FOUND, "El comentario no existe en este hilo.");
	}
	perms = participa_permissions_in(wc->cfg, w->actor, f->actor.roles, wc->scope, NULL);
	is_author = t->author && strcmp(t->author, w->actor) == 0;
	/* what page() does not show someone does not exist for them: a held or
	 * rejected comment is not "not published" to a stranger, it is not there */
	if ((t->status == PT_COMMENT_HELD || t->status == PT_COMMENT_REJECTED) && !is_author
			&& !(!f->actor.banned && (perms & PT_PERM_MODERATE))) {
		return pt_error_set(err, PT_ERR_NOT_FOUND, "El comentario no existe en este hilo.");
	}
	if (f->actor.banned) {
		return refuse_banned(err);
	}
	if (wc->author_only && !is_author && !(wc->moderator_may && (perms & PT_PERM_MODERATE))) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, w->op == PT_THREAD_EDIT
			? "Solo quien escribió el comentario puede editarlo."
			: "Solo quien escribió el comentario puede eliminarlo.");
	}
	if (wc->need && !(perms & wc->need)) {
		switch (wc->need) {
		case PT_PERM_REACT:
			return pt_error_set(err, PT_ERR_NOT_ALLOWED, "No tienes permiso para reaccionar a comentarios.");
		case PT_PERM_FLAG:
			return pt_error_set(err, PT_ERR_NOT_ALLOWED, "No tienes permiso para reportar comentarios.");
		case PT_PERM_ANSWER:
			return pt_error_set(err, PT_ERR_NOT_ALLOWED, "No tienes permiso para dar respuestas oficiales.");
		case PT_PERM_MODERATE:
			return pt_error_set(err, PT_ERR_NOT_ALLOWED, "No tienes permiso para moderar.");
		default:
			return pt_error_set(err, PT_ERR_NOT_ALLOWED, "No tienes permiso para hacer esto.");
		}
	}
	if (wc->published_only && t->status != PT_COMMENT_PUBLISHED) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "Este comentario no está publicado.");
	}
	switch (w->op) {
	case PT_THREAD_EDIT: {
		uint32_t window = wc->cfg->threads.edit_window_s;

		if (t->status == PT_COMMENT_DELETED || t->status == PT_COMMENT_REJECTED) {
			return pt_error_set(err, PT_ERR_NOT_ALLOWED, "Este comentario ya no se puede editar.");
		}
		if (window == 0) {
			return pt_error_set(err, PT_ERR_NOT_ALLOWED, "En este sitio los comentarios no se pueden editar.");
		}
		if (t->age_s > (int64_t)window) {
			/* the window in the unit the YAML most likely used */
			if (window % 86400 == 0) {
				return pt_error_set(err, PT_ERR_NOT_ALLOWED,
					"El plazo para editar este comentario terminó (%u días después de publicarlo).", window / 86400);
			}
			if (window % 3600 == 0) {
				return pt_error_set(err, PT_ERR_NOT_ALLOWED,
					"El plazo para editar este comentario terminó (%u horas después de publicarlo).", window / 3600);
			}
			if (window % 60 == 0) {
				return pt_error_set(err, PT_ERR_NOT_ALLOWED,
					"El plazo para editar este comentario terminó (%u minutos después de publicarlo).", window / 60);
			}
			return pt_error_set(err, PT_ERR_NOT_ALLOWED,
				"El plazo para editar este comentario terminó (%u segundos después de publicarlo).", window);
		}
		/* a new text never leaves the queue by being edited; a held verdict
		 * sends it back, and so does pre-moderation: in a thread where every
		 * comment waits for a person, an approved comment's new text waits too */
		w->status = t->status;
		if (t->status == PT_COMMENT_PUBLISHED) {
			if (wc->edit_status == PT_COMMENT_HELD) {
				w->status = PT_COMMENT_HELD;
			} else if (f->thread_premoderate || wc->subject_premoderate) {
				w->status = PT_COMMENT_HELD;
				w->rule = PREMOD_RULE;
				w->rule_message = PREMOD_MESSAGE;
			}
		}
		break;
	}
	case PT_THREAD_DELETE:
		if (t->status == PT_COMMENT_DELETED) {
			return pt_error_set(err, PT_ERR_CONFLICT, "El comentario ya estaba eliminado.");
		}
		break;
	default:
		break;
	}
	return PT_OK;
}

static bool run_write(pt_db *db, pt_thread_store_write *w, write_check *wc)
{
	pt_error err;

	wc->scope = wc->thread ? thread_scope(wc->thread, w->actor) : PT_SCOPE_NONE;
	pt_error_clear(&err);
	if (pt_thread_store_write_comment(db, w, write_check_fn, wc, &err) != PT_OK) {
		throw_err(&err);
		return false;
	}
	return true;
}

PHP_METHOD(Participa_Thread, edit)
{
	thread_object *t = Z_THREAD_P(ZEND_THIS);
	zend_long comment_id;
	zend_string *participant, *body;
	const pt_config *cfg;
	char *text;
	size_t len = 0;
	verdict v;
	pt_thread_store_write w;
	write_check wc;
	pt_db *db;
	char *names[MAX_MENTIONS];
	bool ok;

	ZEND_PARSE_PARAMETERS_START(3, 3)
		Z_PARAM_LONG(comment_id)
		Z_PARAM_STR(participant)
		Z_PARAM_STR(body)
	ZEND_PARSE_PARAMETERS_END();

	if (!check_comment_id(comment_id) || !participa_thread_id_arg(participant, ID_PARTICIPANT)) {
		RETURN_THROWS();
	}
	cfg = thread_cfg(t);
	text = prepare_body(cfg, body, &len);
	if (!text) {
		RETURN_THROWS();
	}
	if (!moderate(cfg, text, len, &v)) {
		efree(text);
		RETURN_THROWS();
	}
	if (v.status == PT_COMMENT_REJECTED) {
		throw_code(PT_ERR_NOT_ALLOWED, v.res.reason ? v.res.reason : PT_MOD_DEFAULT_REJECT_MESSAGE);
		verdict_free(&v);
		efree(text);
		RETURN_THROWS();
	}
	db = participa_site_db(&t->site);
	if (!db) {
		verdict_free(&v);
		efree(text);
		RETURN_THROWS();
	}
	memset(&w, 0, sizeof(w));
	memset(&wc, 0, sizeof(wc));
	w.op = PT_THREAD_EDIT;
	w.comment_id = comment_id;
	w.actor = ZSTR_VAL(participant);
	w.body = v.res.body;
	w.body_len = v.res.body_len;
	w.rule = v.rule;
	w.rule_message = v.res.reason;
	w.redactions = v.redactions;
	w.mention_count = collect_mentions(v.res.body, v.res.body_len, names);
	w.mentions = (const char *const *)names;
	wc.cfg = cfg;
	wc.thread = t;
	wc.author_only = true;
	wc.edit_status = v.status;
	wc.subject_premoderate = thread_subject(t)->premoderate;
	ok = run_write(db, &w, &wc);
	free_mentions(names, w.mention_count);
	verdict_free(&v);
	efree(text);
	if (!ok || !load_comment(db, comment_id, ZSTR_VAL(participant), true, t->id, return_value)) {
		RETURN_THROWS();
	}
	add_post_extras(return_value, false);
}

PHP_METHOD(Participa_Thread, delete)
{
	thread_object *t = Z_THREAD_P(ZEND_THIS);
	zend_long comment_id;
	zend_string *participant;
	pt_thread_store_write w;
	write_check wc;
	pt_db *db;

	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_LONG(comment_id)
		Z_PARAM_STR(participant)
	ZEND_PARSE_PARAMETERS_END();

	if (!check_comment_id(comment_id) || !participa_thread_id_arg(participant, ID_PARTICIPANT)
			|| !(db = participa_site_db(&t->site))) {
		RETURN_THROWS();
	}
	memset(&w, 0, sizeof(w));
	memset(&wc, 0, sizeof(wc));
	w.op = PT_THREAD_DELETE;
	w.comment_id = comment_id;
	w.actor = ZSTR_VAL(participant);
	w.reason = "eliminado por moderación";
	wc.cfg = thread_cfg(t);
	wc.thread = t;
	wc.author_only = true;
	wc.moderator_may = true;
	if (!run_write(db, &w, &wc)) {
		RETURN_THROWS();
	}
}

PHP_METHOD(Participa_Thread, markOfficial)
{
	thread_object *t = Z_THREAD_P(ZEND_THIS);
	zend_long comment_id;
	zend_string *official;
	pt_thread_store_write w;
	write_check wc;
	pt_db *db;

	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_LONG(comment_id)
		Z_PARAM_STR(official)
	ZEND_PARSE_PARAMETERS_END();

	if (!check_comment_id(comment_id) || !participa_thread_id_arg(official, ID_OFFICIAL)
			|| !(db = participa_site_db(&t->site))) {
		RETURN_THROWS();
	}
	memset(&w, 0, sizeof(w));
	memset(&wc, 0, sizeof(wc));
	w.op = PT_THREAD_OFFICIAL;
	w.comment_id = comment_id;
	w.actor = ZSTR_VAL(official);
	wc.cfg = thread_cfg(t);
	wc.thread = t;
	wc.need = PT_PERM_ANSWER;
	wc.published_only = true;
	if (!run_write(db, &w, &wc)) {
		RETURN_THROWS();
	}
}

/* history(): what page() would show this viewer of the comment, and of each earlier version. */
typedef struct history_ctx {
	zval *list;
	bool full;                /* the viewer sees every version (moderator, or the author of a comment not deleted) */
	int64_t thread_id;
	const char *viewer;
	bool moderator;
	bool found, visible, withheld;
	zval current;             /* the current text as the last item */
} history_ctx;

static void history_item(zval *item, zend_long version, const char *body, size_t body_len, const char *status,
	const char *created_at, size_t created_len, const char *replaced_at)
{
	array_init(item);
	add_assoc_long(item, "version", version);
	if (body) {
		add_assoc_stringl(item, "body", body, body_len);
	} else {
		add_assoc_null(item, "body");
	}
	add_assoc_string(item, "status", status);
	add_assoc_stringl(item, "created_at", created_at ? created_at : "", created_at ? created_len : 0);
	if (replaced_at) {
		add_assoc_string(item, "replaced_at", replaced_at);
	} else {
		add_assoc_null(item, "replaced_at");
	}
}

static pt_status history_current_fn(void *vctx, const pt_thread_store_comment *c, pt_error *err)
{
	history_ctx *h = vctx;
	bool own = h->viewer && c->row.author && c->row.author_len == strlen(h->viewer)
		&& memcmp(c->row.author, h->viewer, c->row.author_len) == 0;
	bool edited = c->edited_at != NULL;

	if (c->thread_id != h->thread_id) {
		return PT_OK;
	}
	h->found = true;
	/* page(): public places, and held comments for their author and moderators */
	h->visible = pt_cstatus_public(c->status) || (c->status == PT_COMMENT_HELD && (own || h->moderator));
	/* page(): bodies for moderators, and for the author unless deleted; hidden and
	 * deleted comments are placeholders for everyone else */
	h->full = h->moderator || (own && c->status != PT_COMMENT_DELETED);
	h->withheld = !h->full && (c->status == PT_COMMENT_HIDDEN || c->status == PT_COMMENT_DELETED);
	history_item(&h->current, (zend_long)c->version,
		h->withheld || c->status == PT_COMMENT_DELETED ? NULL : c->body ? c->body : "", c->body_len,
		pt_cstatus_name(c->status), edited ? c->edited_at : c->created_at,
		edited ? c->edited_at_len : c->created_at_len, NULL);
	return PT_OK;
}

static pt_status history_fn(void *vctx, uint32_t version, const char *body, size_t body_len,
	const char *status, const char *created_at, const char *replaced_at, pt_error *err)
{
	history_ctx *h = vctx;
	zval item;

	/* an earlier text is shown to others only if it was published when it was replaced */
	if (!h->full && strcmp(status, "published") != 0) {
		return PT_OK;
	}
	history_item(&item, (zend_long)version, body ? body : "", body ? body_len : 0, status, created_at,
		strlen(created_at), replaced_at);
	add_next_index_zval(h->list, &item);
	return PT_OK;
}

PHP_METHOD(Participa_Thread, history)
{
	thread_object *t = Z_THREAD_P(ZEND_THIS);
	zend_long comment_id;
	zend_string *viewer = NULL;
	history_ctx h;
	pt_db *db;
	pt_error err;

	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_LONG(comment_id)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(viewer)
	ZEND_PARSE_PARAMETERS_END();

	if (!check_comment_id(comment_id) || (viewer && !participa_thread_id_arg(viewer, ID_VIEWER))
			|| !(db = participa_site_db(&t->site))) {
		RETURN_THROWS();
	}
	memset(&h, 0, sizeof(h));
	ZVAL_UNDEF(&h.current);
	h.list = return_value;
	h.thread_id = t->id;
	h.viewer = viewer ? ZSTR_VAL(viewer) : NULL;
	pt_error_clear(&err);
	if (viewer) {
		pt_thread_store_actor actor;
		pt_thread_store_actor_text actor_text;

		if (pt_thread_store_actor_get(db, h.viewer, &actor, &actor_text, &err) != PT_OK) {
			throw_err(&err);
			RETURN_THROWS();
		}
		h.moderator = !actor.banned
			&& (participa_permissions_in(thread_cfg(t), h.viewer, actor.roles, thread_scope(t, h.viewer), NULL) & PT_PERM_MODERATE);
	}
	if (pt_thread_store_comment_get(db, comment_id, NULL, history_current_fn, &h, NULL, &err) != PT_OK) {
		zval_ptr_dtor(&h.current);
		throw_err(&err);
		RETURN_THROWS();
	}
	if (!h.found || !h.visible) {
		zval_ptr_dtor(&h.current);
		throw_code(PT_ERR_NOT_FOUND, "El comentario no existe en este hilo.");
		RETURN_THROWS();
	}
	array_init(return_value);
	/* a placeholder has no history to show: only its place */
	if (!h.withheld && pt_thread_store_versions(db, comment_id, history_fn, &h, &err) != PT_OK) {
		zval_ptr_dtor(&h.current);
		zval_ptr_dtor(return_value);
		ZVAL_NULL(return_value);
		throw_err(&err);
		RETURN_THROWS();
	}
	add_next_index_zval(return_value, &h.current);
}

PHP_METHOD(Participa_Thread, react)
{
	thread_object *t = Z_THREAD_P(ZEND_THIS);
	zend_long comment_id;
	zend_string *participant, *reaction;
	pt_thread_store_write w;
	write_check wc;
	pt_db *db;
	zval full;
	static const char *const keys[] = { "up", "down", "agree", "disagree", "pass", "score", "viewer_vote",
		"viewer_stance", NULL };
	size_t i;

	ZEND_PARSE_PARAMETERS_START(3, 3)
		Z_PARAM_LONG(comment_id)
		Z_PARAM_STR(participant)
		Z_PARAM_STR(reaction)
	ZEND_PARSE_PARAMETERS_END();

	if (!check_comment_id(comment_id) || !participa_thread_id_arg(participant, ID_PARTICIPANT)) {
		RETURN_THROWS();
	}
	memset(&w, 0, sizeof(w));
	if (zend_string_equals_literal(reaction, "up") || zend_string_equals_literal(reaction, "down")
			|| zend_string_equals_literal(reaction, "none")) {
		w.vote_set = true;
		w.vote = ZSTR_VAL(reaction)[0] == 'u' ? 1 : ZSTR_VAL(reaction)[0] == 'd' ? -1 : 0;
	} else if (zend_string_equals_literal(reaction, "agree") || zend_string_equals_literal(reaction, "disagree")
			|| zend_string_equals_literal(reaction, "pass")) {
		w.stance_set = true;
		w.stance = ZSTR_VAL(reaction);
	} else {
		/* it comes from a button a person pressed (or a request they made): a refusal in Spanish */
		throw_code(PT_ERR_INVALID, "La reacción debe ser 'up', 'down', 'none', 'agree', 'disagree' o 'pass'.");
		RETURN_THROWS();
	}
	if (!(db = participa_site_db(&t->site))) {
		RETURN_THROWS();
	}
	memset(&wc, 0, sizeof(wc));
	w.op = PT_THREAD_REACT;
	w.comment_id = comment_id;
	w.actor = ZSTR_VAL(participant);
	wc.cfg = thread_cfg(t);
	wc.thread = t;
	wc.need = PT_PERM_REACT;
	wc.published_only = true;
	if (!run_write(db, &w, &wc) || !load_comment(db, comment_id, ZSTR_VAL(participant), false, t->id, &full)) {
		RETURN_THROWS();
	}
	array_init(return_value);
	for (i = 0; keys[i]; i++) {
		zval *v = zend_hash_str_find(Z_ARRVAL(full), keys[i], strlen(keys[i]));
		if (v) {
			Z_TRY_ADDREF_P(v);
			add_assoc_zval(return_value, keys[i], v);
		}
	}
	zval_ptr_dtor(&full);
}

PHP_METHOD(Participa_Thread, flag)
{
	thread_object *t = Z_THREAD_P(ZEND_THIS);
	zend_long comment_id;
	zend_string *participant, *reason;
	pt_thread_store_write w;
	write_check wc;
	pt_db *db;
	pt_error err;
	const pt_config *cfg;

	ZEND_PARSE_PARAMETERS_START(3, 3)
		Z_PARAM_LONG(comment_id)
		Z_PARAM_STR(participant)
		Z_PARAM_STR(reason)
	ZEND_PARSE_PARAMETERS_END();

	if (!check_comment_id(comment_id) || !participa_thread_id_arg(participant, ID_PARTICIPANT)) {
		RETURN_THROWS();
	}
	pt_error_clear(&err);
	if (pt_text_validate(ZSTR_VAL(reason), ZSTR_LEN(reason), NULL, &err) != PT_OK) {
		throw_err(&err);
		RETURN_THROWS();
	}
	if (ZSTR_LEN(reason) == 0 || ZSTR_LEN(reason) > PARTICIPA_REASON_MAX) {
		throw_code(PT_ERR_INVALID, "Indica el motivo del reporte (hasta 1000 bytes).");
		RETURN_THROWS();
	}
	if (!(db = participa_site_db(&t->site))) {
		RETURN_THROWS();
	}
	cfg = thread_cfg(t);
	memset(&w, 0, sizeof(w));
	memset(&wc, 0, sizeof(wc));
	w.op = PT_THREAD_FLAG;
	w.comment_id = comment_id;
	w.actor = ZSTR_VAL(participant);
	w.reason = ZSTR_VAL(reason);
	w.auto_hide_after = cfg->threads.auto_hide_after_flags;
	wc.cfg = cfg;
	wc.thread = t;
	wc.need = PT_PERM_FLAG;
	wc.published_only = true;   /* held, hidden, rejected or deleted: nothing to report to anyone */
	if (!run_write(db, &w, &wc)) {
		RETURN_THROWS();
	}
	array_init(return_value);
	add_assoc_bool(return_value, "flagged", w.changed);
	add_assoc_bool(return_value, "already_flagged", !w.changed);
	add_assoc_bool(return_value, "hidden", w.auto_hidden);
}

PHP_METHOD(Participa_Thread, setPremoderate)
{
	thread_object *t = Z_THREAD_P(ZEND_THIS);
	bool on;
	zend_string *moderator, *reason = NULL;
	pt_thread_store_actor actor;
	pt_thread_store_actor_text actor_text;
	pt_db *db;
	pt_error err;

	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_BOOL(on)
		Z_PARAM_STR(moderator)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR(reason)
	ZEND_PARSE_PARAMETERS_END();

	if (!participa_thread_id_arg(moderator, ID_MODERATOR)
			|| (reason && !participa_thread_reason_arg(reason))
			|| !(db = participa_site_db(&t->site))) {
		RETURN_THROWS();
	}
	pt_error_clear(&err);
	if (pt_thread_store_actor_get(db, ZSTR_VAL(moderator), &actor, &actor_text, &err) != PT_OK) {
		throw_err(&err);
		RETURN_THROWS();
	}
	if (actor.banned || !(participa_permissions_in(thread_cfg(t), ZSTR_VAL(moderator), actor.roles,
			thread_scope(t, ZSTR_VAL(moderator)), NULL) & PT_PERM_MODERATE)) {
		throw_code(PT_ERR_NOT_ALLOWED, "No tienes permiso para moderar.");
		RETURN_THROWS();
	}
	if (pt_thread_store_thread_premoderate(db, t->id, on, ZSTR_VAL(moderator), reason ? ZSTR_VAL(reason) : "", &err)
			!= PT_OK) {
		throw_err(&err);
		RETURN_THROWS();
	}
	t->premoderate = on;
}

/* ----------------------------------------------------------------- reading */

/* Rows of a page: their PHP arrays and the core's view of them. */
/* Where the strings of a page's rows are kept until the page is built: a row
 * arrives inside the driver's buffer, which the next row reuses. */
typedef struct text_block {
	struct text_block *next;
	size_t used, cap;
	char data[];
} text_block;

#define TEXT_BLOCK_SIZE 16384

typedef struct page_rows {
	pt_comment_row *rows;     /* what the tree builder reads */
	pt_thread_store_comment *comments;  /* the same rows whole, their strings in blocks */
	size_t count, cap;
	text_block *blocks;
	bool full_all;            /* moderator: every body */
	const char *viewer;
	const pt_config *cfg;     /* the site's timezone and language, for the nodes' times */
	HashTable *keep;          /* replies(): ancestry filter, ids kept so far (NULL = off) */
	const pt_cursor_seal *seal;   /* signs the 'more' and 'next' cursors */
} page_rows;

static const char *page_text(page_rows *p, const char *s, size_t len)
{
	text_block *b = p->blocks;
	char *out;

	if (!s) {
		return NULL;
	}
	if (!b || b->cap - b->used < len + 1) {
		size_t cap = len + 1 > TEXT_BLOCK_SIZE ? len + 1 : TEXT_BLOCK_SIZE;

		b = emalloc(sizeof(*b) + cap);
		b->cap = cap;
		b->used = 0;
		b->next = p->blocks;
		p->blocks = b;
	}
	out = b->data + b->used;
	memcpy(out, s, len);
	out[len] = '\0';
	b->used += len + 1;
	return out;
}

/*
 * Keeps a row. A page fetches more rows than it shows: a reply among the
 * first few of its siblings may sit under a sibling that is not shown, and
 * the roots' query reads one extra. So the PHP array of a row is made only
 * once the tree says it is shown (page_to_zval); here the row is copied.
 */
static pt_status page_row_fn(void *vctx, const pt_thread_store_comment *c, pt_error *err)
{
	page_rows *p = vctx;
	pt_thread_store_comment *k;

	if (p->keep) {
		if (!zend_hash_index_exists(p->keep, (zend_ulong)c->row.parent_id)) {
			return PT_OK;     /* in the same root's subtree but not under this node */
		}
		zend_hash_index_add_empty_element(p->keep, (zend_ulong)c->row.id);
	}
	if (p->count == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->rows = erealloc(p->rows, p->cap * sizeof(*p->rows));
		p->comments = erealloc(p->comments, p->cap * sizeof(*p->comments));
	}
	k = &p->comments[p->count];
	*k = *c;
	k->row.author = page_text(p, c->row.author, c->row.author_len);
	k->body = page_text(p, c->body, c->body_len);
	k->rule = page_text(p, c->rule, c->rule_len);
	k->rule_message = page_text(p, c->rule_message, c->rule_message_len);
	k->redactions = page_text(p, c->redactions, c->redactions_len);
	k->official_by = page_text(p, c->official_by, c->official_by_len);
	k->created_at = page_text(p, c->created_at, c->created_at_len);
	k->edited_at = page_text(p, c->edited_at, c->edited_at_len);
	k->subject_type = page_text(p, c->subject_type, c->subject_type_len);
	k->subject_id = page_text(p, c->subject_id, c->subject_id_len);
	p->rows[p->count] = c->row;
	p->rows[p->count].author = NULL;
	p->rows[p->count].author_len = 0;
	p->count++;
	return PT_OK;
}

static void page_rows_free(page_rows *p)
{
	text_block *b, *next;

	for (b = p->blocks; b; b = next) {
		next = b->next;
		efree(b);
	}
	if (p->rows) {
		efree(p->rows);
	}
	if (p->comments) {
		efree(p->comments);
	}
	if (p->keep) {
		zend_hash_destroy(p->keep);
		FREE_HASHTABLE(p->keep);
	}
}

/* Nests the built page into PHP arrays: returns the top-level list. */
static void page_to_zval(page_rows *p, const pt_comment_page *page, zval *out)
{
	zval *built = safe_emalloc(page->count ? page->count : 1, sizeof(zval), 0);
	char cur[PT_CURSOR_BUFSIZE];
	const char *more;
	size_t i;
	int32_t n;

	/* reverse pre-order: every child is complete before its parent takes it */
	for (i = page->count; i-- > 0;) {
		const pt_tree_node *node = &page->nodes[i];
		const pt_thread_store_comment *c = &p->comments[node->row];
		bool own = p->viewer && c->row.author && c->row.author_len == strlen(p->viewer)
			&& memcmp(c->row.author, p->viewer, c->row.author_len) == 0;
		zval replies;

		participa_comment_to_array(c, p->full_all || (own && c->status != PT_COMMENT_DELETED), &built[i]);
		array_init(&replies);
		for (n = node->first_child; n >= 0; n = page->nodes[n].next_sibling) {
			add_next_index_zval(&replies, &built[n]);
		}
		more = NULL;
		if (node->more > 0) {
			pt_error err;

			pt_error_clear(&err);
			if (pt_cursor_encode(&node->more_cursor, p->seal, cur, &err) == PT_OK) {
				more = cur;
			}
		}
		participa_comment_add_tree(&built[i], &replies, more, (zend_long)node->more, p->cfg,
			p->rows[node->row].created_us);
	}
	array_init(out);
	for (n = page->first_top; n >= 0; n = page->nodes[n].next_sibling) {
		add_next_index_zval(out, &built[n]);
	}
	efree(built);
}

typedef struct page_opts {
	pt_sort sort;
	bool sort_given;
	uint32_t limit, depth, replies;
	bool has_cursor;
	pt_cursor cursor;
	zend_string *cursor_text; /* checked once the site's key is read (round trip 1) */
	zend_string *viewer;
} page_opts;

static bool page_limit(const char *key, zend_long v, zend_long lo, zend_long hi)
{
	pt_error err;

	if (v >= lo && v <= hi) {
		return true;
	}
	pt_error_clear(&err);
	pt_error_set(&err, PT_ERR_INVALID, "La opción '%s' debe estar entre %ld y %ld.", key, (long)lo, (long)hi);
	throw_err(&err);
	return false;
}

static bool parse_page_opts(const pt_config *cfg, HashTable *opts, int64_t scope, page_opts *po)
{
	zend_string *sort;
	zend_long limit, depth, replies;

	memset(po, 0, sizeof(*po));
	po->sort = PT_SORT_OLDEST;
	if (!participa_opt_string(opts, OPTION, "sort", &sort)) {
		return false;
	}
	if (sort && !pt_sort_from_name(ZSTR_VAL(sort), ZSTR_LEN(sort), &po->sort)) {
		throw_code(PT_ERR_INVALID,
			"La opción 'sort' debe ser oldest, newest, top, discussed o controversial.");
		return false;
	}
	po->sort_given = sort != NULL;
	if (scope != 0 && po->sort != PT_SORT_OLDEST) {
		throw_code(PT_ERR_INVALID, "Las respuestas siempre van en orden 'oldest' (de la más antigua a la más reciente).");
		return false;
	}
	if (!participa_opt_long(opts, OPTION, "limit", 20, &limit)
			|| !participa_opt_long(opts, OPTION, "depth", cfg->threads.max_depth, &depth)
			|| !participa_opt_long(opts, OPTION, "replies", cfg->threads.page_replies, &replies)) {
		return false;
	}
	if (!page_limit("limit", limit, 1, PT_THREAD_MAX_ROOTS)
			|| !page_limit("depth", depth, 0, (zend_long)cfg->threads.max_depth)
			|| !page_limit("replies", replies, 0, 100)) {
		return false;
	}
	po->limit = (uint32_t)limit;
	po->depth = (uint32_t)depth;
	po->replies = (uint32_t)replies;
	if (!participa_opt_string(opts, OPTION, "viewer", &po->viewer)
			|| (po->viewer && !participa_thread_id_arg(po->viewer, ID_VIEWER))
			|| !participa_opt_string(opts, OPTION, "cursor", &po->cursor_text)) {
		return false;
	}
	return true;
}

/*
 * The seal of this thread's cursors: the site's key and the thread's id. The
 * key comes with the first read of a page (stored_key); a database that has
 * none yet gets one here.
 */
typedef struct thread_seal {
	uint8_t key[PT_CURSOR_KEY_BYTES];
	uint8_t bind[9];
	pt_cursor_seal seal;
} thread_seal;

bool participa_cursor_key(pt_db *db, bool have, const uint8_t *stored, uint8_t key[PT_CURSOR_KEY_BYTES])
{
	uint8_t fresh[PT_CURSOR_KEY_BYTES];
	pt_error err;

	if (have) {
		memcpy(key, stored, PT_CURSOR_KEY_BYTES);
		return true;
	}
	if (php_random_bytes_throw(fresh, sizeof(fresh)) != SUCCESS) {
		return false;
	}
	pt_error_clear(&err);
	if (pt_thread_store_cursor_key(db, fresh, key, &err) != PT_OK) {
		throw_err(&err);
		return false;
	}
	return true;
}

static bool thread_seal_init(thread_seal *ts, thread_object *t, pt_db *db, bool have, const uint8_t *stored)
{
	size_t i;

	if (!participa_cursor_key(db, have, stored, ts->key)) {
		return false;
	}
	ts->bind[0] = 'T';   /* a thread's lists; the moderation lists use other tags */
	for (i = 0; i < 8; i++) {
		ts->bind[1 + i] = (uint8_t)((uint64_t)t->id >> (56 - 8 * i));
	}
	ts->seal.key = ts->key;
	ts->seal.bind = ts->bind;
	ts->seal.bind_len = sizeof(ts->bind);
	return true;
}

/* The request's cursor, checked against this thread's seal, its sort and its node. */
static bool page_cursor(page_opts *po, const pt_cursor_seal *seal, int64_t scope)
{
	pt_error err;

	if (!po->cursor_text) {
		return true;
	}
	pt_error_clear(&err);
	if (pt_cursor_decode(ZSTR_VAL(po->cursor_text), ZSTR_LEN(po->cursor_text), seal, &po->cursor, &err) != PT_OK) {
		throw_err(&err);
		return false;
	}
	if (po->cursor.scope != scope) {
		throw_code(PT_ERR_INVALID, scope
			? "Este cursor es de las respuestas de otro comentario; vuelve a la primera página."
			: "Este cursor es de una lista de respuestas, no de la página del hilo.");
		return false;
	}
	if (po->sort_given && po->cursor.sort != po->sort) {
		throw_code(PT_ERR_INVALID, "Este cursor es de otro orden; vuelve a la primera página.");
		return false;
	}
	po->sort = po->cursor.sort;
	po->has_cursor = true;
	return true;
}

static void counts_to_array(const pt_thread_store_counts *c, zval *out)
{
	array_init(out);
	add_assoc_long(out, "published", (zend_long)c->published);
	add_assoc_long(out, "held", (zend_long)c->held);
	add_assoc_long(out, "hidden", (zend_long)c->hidden);
	add_assoc_long(out, "deleted", (zend_long)c->deleted);
	add_assoc_long(out, "roots", (zend_long)c->roots);
}

/* The shared tail of page() and replies(): rows -> tree -> result array. */
static bool finish_page(page_rows *rows, const page_opts *po, int64_t scope, zval *counts, zval *return_value)
{
	pt_tree_options to;
	pt_comment_page page;
	pt_error err;
	zval list;

	memset(&to, 0, sizeof(to));
	to.root_sort = po->sort;
	to.reply_sort = PT_SORT_OLDEST;
	to.root_limit = po->limit;
	to.page_replies = po->replies;
	to.scope = scope;
	pt_error_clear(&err);
	if (pt_comment_tree_build(rows->rows, rows->count, &to, &participa_request_allocator, &page, &err) != PT_OK) {
		throw_err(&err);
		return false;
	}
	page_to_zval(rows, &page, &list);
	array_init(return_value);
	add_assoc_zval(return_value, "comments", &list);
	if (page.has_more) {
		char cur[PT_CURSOR_BUFSIZE];

		if (pt_cursor_encode(&page.next, rows->seal, cur, &err) == PT_OK) {
			add_assoc_string(return_value, "next", cur);
		} else {
			add_assoc_null(return_value, "next");
		}
	} else {
		add_assoc_null(return_value, "next");
	}
	if (counts) {
		add_assoc_zval(return_value, "counts", counts);
	}
	pt_comment_page_free(&page, &participa_request_allocator);
	return true;
}

PHP_METHOD(Participa_Thread, page)
{
	thread_object *t = Z_THREAD_P(ZEND_THIS);
	HashTable *opts = NULL;
	const pt_config *cfg;
	page_opts po;
	pt_thread_store_counts counts;
	pt_thread_store_actor viewer;
	pt_thread_store_actor_text viewer_text;
	pt_thread_store_view view;
	page_rows rows;
	pt_db *db;
	pt_error err;
	zval counts_zv;
	thread_seal seal;
	int64_t roots[PT_THREAD_MAX_ROOTS];
	size_t nroots = 0, i;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(opts)
	ZEND_PARSE_PARAMETERS_END();

	cfg = thread_cfg(t);
	if (!parse_page_opts(cfg, opts, 0, &po) || !(db = participa_site_db(&t->site))) {
		RETURN_THROWS();
	}
	pt_error_clear(&err);
	/* round trip 1: counts and the viewer's roles */
	if (pt_thread_store_counts_get(db, t->id, po.viewer ? ZSTR_VAL(po.viewer) : NULL, &counts, &viewer, &viewer_text, &err) != PT_OK) {
		throw_err(&err);
		RETURN_THROWS();
	}
	if (!thread_seal_init(&seal, t, db, counts.has_cursor_key, counts.cursor_key)
			|| !page_cursor(&po, &seal.seal, 0)) {
		RETURN_THROWS();
	}
	view.viewer = po.viewer ? ZSTR_VAL(po.viewer) : NULL;
	view.moderator = po.viewer && !viewer.banned
		&& (participa_permissions_in(cfg, view.viewer, viewer.roles, thread_scope(t, view.viewer), NULL)
			& PT_PERM_MODERATE);
	memset(&rows, 0, sizeof(rows));
	rows.full_all = view.moderator;
	rows.viewer = view.viewer;
	rows.cfg = cfg;
	rows.seal = &seal.seal;
	/* round trip 2: the roots (one extra tells whether there is a next page) */
	if (pt_thread_store_children(db, t->id, 0, po.sort, po.has_cursor ? &po.cursor : NULL, po.limit + 1, &view,
			page_row_fn, &rows, &err) != PT_OK) {
		page_rows_free(&rows);
		throw_err(&err);
		RETURN_THROWS();
	}
	/* round trip 3: their replies, to the page depth, a few per node */
	for (i = 0; i < rows.count && i < po.limit; i++) {
		roots[nroots++] = rows.rows[i].id;
	}
	if (nroots && po.depth > 0 && po.replies > 0) {
		if (pt_thread_store_descendants(db, t->id, roots, nroots, 1, po.depth, po.replies, &view, page_row_fn, &rows, &err)
				!= PT_OK) {
			page_rows_free(&rows);
			throw_err(&err);
			RETURN_THROWS();
		}
	}
	counts_to_array(&counts, &counts_zv);
	if (!finish_page(&rows, &po, 0, &counts_zv, return_value)) {
		zval_ptr_dtor(&counts_zv);
		page_rows_free(&rows);
		RETURN_THROWS();
	}
	page_rows_free(&rows);
}

PHP_METHOD(Participa_Thread, replies)
{
	thread_object *t = Z_THREAD_P(ZEND_THIS);
	zend_long comment_id;
	HashTable *opts = NULL;
	const pt_config *cfg;
	page_opts po;
	pt_thread_store_actor viewer;
	pt_thread_store_actor_text viewer_text;
	pt_thread_store_view view;
	page_rows rows;
	pt_thread_store_node node;
	pt_db *db;
	pt_error err;
	thread_seal seal;
	bool found = false, own;

	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_LONG(comment_id)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(opts)
	ZEND_PARSE_PARAMETERS_END();

	cfg = thread_cfg(t);
	if (!check_comment_id(comment_id) || !parse_page_opts(cfg, opts, comment_id, &po)
			|| !(db = participa_site_db(&t->site))) {
		RETURN_THROWS();
	}
	po.sort = PT_SORT_OLDEST;
	pt_error_clear(&err);
	/* round trip 1: the node and the viewer's facts */
	if (pt_thread_store_node_get(db, comment_id, po.viewer ? ZSTR_VAL(po.viewer) : NULL, &node, &found, &viewer, &viewer_text, &err)
			!= PT_OK) {
		throw_err(&err);
		RETURN_THROWS();
	}
	view.viewer = po.viewer ? ZSTR_VAL(po.viewer) : NULL;
	view.moderator = po.viewer && !viewer.banned
		&& (participa_permissions_in(cfg, view.viewer, viewer.roles, thread_scope(t, view.viewer), NULL)
			& PT_PERM_MODERATE);
	own = view.viewer && strcmp(node.author, view.viewer) == 0;
	/* page()'s visibility: a comment the viewer could not see there has no replies to show */
	if (!found || node.thread_id != t->id
			|| !(pt_cstatus_public(node.status) || (node.status == PT_COMMENT_HELD && (own || view.moderator)))) {
		throw_code(PT_ERR_NOT_FOUND, "El comentario no existe en este hilo.");
		RETURN_THROWS();
	}
	if (!thread_seal_init(&seal, t, db, node.has_cursor_key, node.cursor_key)
			|| !page_cursor(&po, &seal.seal, comment_id)) {
		RETURN_THROWS();
	}
	memset(&rows, 0, sizeof(rows));
	rows.full_all = view.moderator;
	rows.viewer = view.viewer;
	rows.cfg = cfg;
	rows.seal = &seal.seal;
	/* round trip 2: the direct replies; 3: their replies */
	if (pt_thread_store_children(db, t->id, comment_id, PT_SORT_OLDEST, po.has_cursor ? &po.cursor : NULL, po.limit + 1,
			&view, page_row_fn, &rows, &err) != PT_OK) {
		page_rows_free(&rows);
		throw_err(&err);
		RETURN_THROWS();
	}
	if (rows.count > po.limit) {
		/* keep the extra row only as a "more" marker: its subtree is not needed */
	}
	if (rows.count && po.depth > 1 && po.replies > 0 && node.depth + 2 <= cfg->threads.max_depth) {
		size_t i;
		uint32_t max_d = node.depth + po.depth;

		ALLOC_HASHTABLE(rows.keep);
		zend_hash_init(rows.keep, 64, NULL, NULL, 0);
		for (i = 0; i < rows.count && i < po.limit; i++) {
			zend_hash_index_add_empty_element(rows.keep, (zend_ulong)rows.rows[i].id);
		}
		if (pt_thread_store_descendants(db, t->id, &node.root_id, 1, node.depth + 2, max_d, po.replies, &view, page_row_fn,
				&rows, &err) != PT_OK) {
			page_rows_free(&rows);
			throw_err(&err);
			RETURN_THROWS();
		}
	}
	if (!finish_page(&rows, &po, comment_id, NULL, return_value)) {
		page_rows_free(&rows);
		RETURN_THROWS();
	}
	page_rows_free(&rows);
}

void participa_register_threads(void)
{
	participa_comment_keys_init();
	participa_register_moderation();
	participa_register_participants();

	participa_ce_Thread = register_class_Participa_Thread();
	participa_ce_Thread->create_object = thread_create;
	memcpy(&thread_handlers, zend_get_std_object_handlers(), sizeof(thread_handlers));
	thread_handlers.offset = XtOffsetOf(thread_object, std);
	thread_handlers.free_obj = thread_free;
	thread_handlers.get_gc = thread_get_gc;
	thread_handlers.clone_obj = NULL;
}
