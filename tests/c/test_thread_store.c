/*
 * Deliberation threads in C: the rules of core/thread/thread_rules.h (without
 * a server) and the thread store running them inside its transactions
 * against a REAL MariaDB server (io/thread/thread_store.h,
 * io/thread/thread_rows.h, io/participant/participant_actor.h).
 *
 *   PARTICIPA_TEST_SOCKET=/tmp/x/mysqld.sock out/tests/test_thread_store
 *
 * The server must let root connect over that socket without a password
 * (scripts/lib/mariadb.sh). The store tests work in their own database,
 * pt_tstest_<pid>, dropped at the end; without the variable only the rules
 * run and the store tests say they are skipped.
 */
#define _GNU_SOURCE
#include "pt_test.h"
#include "pt_test_db.h"
#include "core/thread/thread_rules.h"
#include "core/thread/comment_time.h"
#include "io/common/db.h"
#include "io/common/schema_sql.h"
#include "io/site/config_load.h"
#include "io/thread/thread_store.h"
#include "io/thread/thread_rows.h"
#include "io/participant/participant_actor.h"
#include "io/participant/participant_store.h"

#include <unistd.h>

static const char yaml[] =
	"site: { name: Prueba }\n"
	"database: { socket: /nonexistent.sock, name: t, user: u }\n"
	"territories:\n"
	"  - { id: iztapalapa, name: Iztapalapa }\n"
	"roles:\n"
	"  ciudadano:   { can: [comment, react, flag] }\n"
	"  observador:  { can: [react] }\n"
	"  funcionario: { can: [comment, answer] }\n"
	"  moderador:   { can: [moderate, comment] }\n"
	"assignments:\n"
	"  - { participant: 'wp:mod', role: moderador }\n"
	"  - { participant: 'wp:fun', role: funcionario }\n"
	"threads:\n"
	"  max_depth: 2\n"
	"  max_length: 40\n"
	"  min_length: 2\n"
	"  edit_window: 15m\n"
	"  rate_limit: 3/h\n"
	"  auto_hide_after_flags: 2\n"
	"  subjects:\n"
	"    process: { alignment: true }\n"
	"    consulta: { premoderate: true }\n"
	"moderation:\n"
	"  rules:\n"
	"    - { name: telefono, preset: telefono_mx, action: redact }\n"
	"    - { name: insultos, pattern: '(?i)\\bidiota\\b', action: hold }\n"
	"    - { name: publicidad, pattern: '(?i)compra ya', action: reject, message: 'No se permite publicidad.' }\n";

static pt_config *cfg;
static const char *test_socket;
static char test_dbname[64];

/* ------------------------------------------------------------ the rules */

static pt_thread_rules rules_for(int64_t thread_id)
{
	pt_thread_rules r;

	memset(&r, 0, sizeof(r));
	r.cfg = cfg;
	r.thread_id = thread_id;
	r.scope = PT_SCOPE_NONE;
	return r;
}

/* Facts of an actor with no stored row and, when target_status >= 0, a target in thread 7. */
static pt_thread_facts facts(int target_status, const char *author)
{
	pt_thread_facts f;

	memset(&f, 0, sizeof(f));
	f.actor.roles = "";
	if (target_status >= 0) {
		f.target.found = true;
		f.target.id = 11;
		f.target.thread_id = 7;
		f.target.status = (pt_cstatus)target_status;
		f.target.author = author;
	}
	return f;
}

static pt_status post_as(const pt_thread_rules *r, const pt_thread_facts *f, const char *who, int64_t parent,
	pt_thread_outcome *o, pt_error *err)
{
	o->status = PT_COMMENT_PUBLISHED;
	o->rule = o->rule_message = NULL;
	pt_error_clear(err);
	return pt_thread_check_post(r, f, who, 7, parent, o, err);
}

PT_TEST(rules_post)
{
	pt_thread_rules r = rules_for(7);
	pt_thread_facts f = facts(-1, NULL);
	pt_thread_outcome o;
	pt_error err;

	/* the default role comments; a banned participant does not */
	PT_CHECK_EQ_INT(post_as(&r, &f, "wp:1", 0, &o, &err), PT_OK);
	PT_CHECK_EQ_INT(o.status, PT_COMMENT_PUBLISHED);
	f.actor.banned = true;
	PT_CHECK_EQ_INT(post_as(&r, &f, "wp:1", 0, &o, &err), PT_ERR_NOT_ALLOWED);
	PT_CHECK_STR(err.message, "Tu participación está suspendida por moderación.");
	PT_CHECK(pt_error_catalogued(&err));
	f.actor.banned = false;
	/* a stored role that may not comment takes it away */
	f.actor.roles = "observador";
	PT_CHECK_EQ_INT(post_as(&r, &f, "wp:1", 0, &o, &err), PT_ERR_NOT_ALLOWED);
	PT_CHECK_STR(err.message, "No tienes permiso para comentar.");
	f.actor.roles = "";
	/* the rate limit, in the unit of the YAML */
	f.recent = 3;
	PT_CHECK_EQ_INT(post_as(&r, &f, "wp:1", 0, &o, &err), PT_ERR_NOT_ALLOWED);
	PT_CHECK_STR(err.message, "Llegaste al límite de 3 comentarios por hora; intenta de nuevo más tarde.");
	PT_CHECK_STR(err.message_en, "You reached the limit of 3 comments per hour; try again later.");
	f.recent = 2;
	PT_CHECK_EQ_INT(post_as(&r, &f, "wp:1", 0, &o, &err), PT_OK);
	/* pre-moderation of the thread holds a published post */
	f.thread_premoderate = true;
	PT_CHECK_EQ_INT(post_as(&r, &f, "wp:1", 0, &o, &err), PT_OK);
	PT_CHECK_EQ_INT(o.status, PT_COMMENT_HELD);
	PT_CHECK_STR(o.rule, PT_THREAD_PREMOD_RULE);
	PT_CHECK_STR(o.rule_message, "Este tema se modera antes de publicar.");
}

PT_TEST(rules_reply)
{
	pt_thread_rules r = rules_for(7);
	pt_thread_facts f = facts(PT_COMMENT_PUBLISHED, "wp:2");
	pt_thread_outcome o;
	pt_error err;

	PT_CHECK_EQ_INT(post_as(&r, &f, "wp:1", 11, &o, &err), PT_OK);
	/* depth: max_depth 2, so a parent at depth 2 takes no reply */
	f.target.depth = 1;
	PT_CHECK_EQ_INT(post_as(&r, &f, "wp:1", 11, &o, &err), PT_OK);
	f.target.depth = 2;
	PT_CHECK_EQ_INT(post_as(&r, &f, "wp:1", 11, &o, &err), PT_ERR_INVALID);
	PT_CHECK_STR(err.message, "Las respuestas se anidan hasta 2 niveles; responde al comentario de arriba.");
	f.target.depth = 0;
	/* another thread's comment */
	f.target.thread_id = 8;
	PT_CHECK_EQ_INT(post_as(&r, &f, "wp:1", 11, &o, &err), PT_ERR_NOT_FOUND);
	PT_CHECK_STR(err.message, "El comentario al que respondes no está en este hilo.");
	f.target.thread_id = 7;
	/* another's held comment is not there; the author's own is not answerable */
	f.target.status = PT_COMMENT_HELD;
	PT_CHECK_EQ_INT(post_as(&r, &f, "wp:1", 11, &o, &err), PT_ERR_NOT_FOUND);
	PT_CHECK_EQ_INT(post_as(&r, &f, "wp:2", 11, &o, &err), PT_ERR_NOT_ALLOWED);
	PT_CHECK_STR(err.message, "No se puede responder a este comentario.");
	PT_CHECK_EQ_INT(post_as(&r, &f, "wp:mod", 11, &o, &err), PT_ERR_NOT_ALLOWED);
}

static pt_status write_as(const pt_thread_rules *r, const pt_thread_facts *f, pt_thread_op op, const char *who,
	pt_thread_outcome *o, pt_error *err)
{
	o->status = PT_COMMENT_PUBLISHED;
	o->rule = o->rule_message = NULL;
	pt_error_clear(err);
	return pt_thread_check_write(r, f, op, who, o, err);
}

PT_TEST(rules_write)
{
	pt_thread_rules r = rules_for(7);
	pt_thread_facts f = facts(PT_COMMENT_PUBLISHED, "wp:1");
	pt_thread_outcome o;
	pt_error err;

	/* edit: the author only, inside the window */
	PT_CHECK_EQ_INT(write_as(&r, &f, PT_THREAD_EDIT, "wp:1", &o, &err), PT_OK);
	PT_CHECK_EQ_INT(write_as(&r, &f, PT_THREAD_EDIT, "wp:2", &o, &err), PT_ERR_NOT_ALLOWED);
	PT_CHECK_STR(err.message, "Solo quien escribió el comentario puede editarlo.");
	PT_CHECK_EQ_INT(write_as(&r, &f, PT_THREAD_EDIT, "wp:mod", &o, &err), PT_ERR_NOT_ALLOWED);
	f.target.age_s = 15 * 60 + 1;
	PT_CHECK_EQ_INT(write_as(&r, &f, PT_THREAD_EDIT, "wp:1", &o, &err), PT_ERR_NOT_ALLOWED);
	PT_CHECK_STR(err.message, "El plazo para editar este comentario terminó (15 minutos después de publicarlo).");
	f.target.age_s = 15 * 60;
	PT_CHECK_EQ_INT(write_as(&r, &f, PT_THREAD_EDIT, "wp:1", &o, &err), PT_OK);
	/* a held verdict, and pre-moderation, send an edited text back to the queue */
	r.edit_status = PT_COMMENT_HELD;
	PT_CHECK_EQ_INT(write_as(&r, &f, PT_THREAD_EDIT, "wp:1", &o, &err), PT_OK);
	PT_CHECK_EQ_INT(o.status, PT_COMMENT_HELD);
	r.edit_status = PT_COMMENT_PUBLISHED;
	r.subject_premoderate = true;
	PT_CHECK_EQ_INT(write_as(&r, &f, PT_THREAD_EDIT, "wp:1", &o, &err), PT_OK);
	PT_CHECK_STR(o.rule, PT_THREAD_PREMOD_RULE);
	r.subject_premoderate = false;
	/* delete: the author or a moderator; twice is a conflict */
	PT_CHECK_EQ_INT(write_as(&r, &f, PT_THREAD_DELETE, "wp:2", &o, &err), PT_ERR_NOT_ALLOWED);
	PT_CHECK_STR(err.message, "Solo quien escribió el comentario puede eliminarlo.");
	PT_CHECK_EQ_INT(write_as(&r, &f, PT_THREAD_DELETE, "wp:mod", &o, &err), PT_OK);
	f.target.status = PT_COMMENT_DELETED;
	PT_CHECK_EQ_INT(write_as(&r, &f, PT_THREAD_DELETE, "wp:1", &o, &err), PT_ERR_CONFLICT);
	/* react, flag, official: their permission, on published comments only */
	PT_CHECK_EQ_INT(write_as(&r, &f, PT_THREAD_REACT, "wp:2", &o, &err), PT_ERR_NOT_ALLOWED);
	PT_CHECK_STR(err.message, "Este comentario no está publicado.");
	f.target.status = PT_COMMENT_PUBLISHED;
	PT_CHECK_EQ_INT(write_as(&r, &f, PT_THREAD_REACT, "wp:2", &o, &err), PT_OK);
	PT_CHECK_EQ_INT(write_as(&r, &f, PT_THREAD_FLAG, "wp:fun", &o, &err), PT_ERR_NOT_ALLOWED);
	PT_CHECK_STR(err.message, "No tienes permiso para reportar comentarios.");
	PT_CHECK_EQ_INT(write_as(&r, &f, PT_THREAD_OFFICIAL, "wp:2", &o, &err), PT_ERR_NOT_ALLOWED);
	PT_CHECK_STR(err.message, "No tienes permiso para dar respuestas oficiales.");
	PT_CHECK_EQ_INT(write_as(&r, &f, PT_THREAD_OFFICIAL, "wp:fun", &o, &err), PT_OK);
	/* a held comment of another does not exist for a stranger, and does for a moderator */
	f.target.status = PT_COMMENT_HELD;
	PT_CHECK_EQ_INT(write_as(&r, &f, PT_THREAD_REACT, "wp:2", &o, &err), PT_ERR_NOT_FOUND);
	PT_CHECK_EQ_INT(write_as(&r, &f, PT_THREAD_REACT, "wp:mod", &o, &err), PT_ERR_NOT_ALLOWED);
	/* another thread's comment */
	f.target.thread_id = 9;
	f.target.status = PT_COMMENT_PUBLISHED;
	PT_CHECK_EQ_INT(write_as(&r, &f, PT_THREAD_REACT, "wp:2", &o, &err), PT_ERR_NOT_FOUND);
	PT_CHECK_STR(err.message, "El comentario no existe en este hilo.");
}

PT_TEST(rules_moderate)
{
	pt_thread_rules r = rules_for(0);
	pt_thread_facts f = facts(PT_COMMENT_HELD, "wp:1");
	pt_thread_outcome o;
	pt_error err;

	r.mod = &pt_thread_approve;
	PT_CHECK_EQ_INT(write_as(&r, &f, PT_THREAD_MODERATE, "wp:1", &o, &err), PT_ERR_NOT_ALLOWED);
	PT_CHECK_STR(err.message, "No tienes permiso para moderar.");
	PT_CHECK_EQ_INT(write_as(&r, &f, PT_THREAD_MODERATE, "wp:mod", &o, &err), PT_OK);
	PT_CHECK_EQ_INT(o.status, PT_COMMENT_PUBLISHED);
	f.target.status = PT_COMMENT_DELETED;
	PT_CHECK_EQ_INT(write_as(&r, &f, PT_THREAD_MODERATE, "wp:mod", &o, &err), PT_ERR_CONFLICT);
	PT_CHECK_STR(err.message, "No se puede aprobar este comentario: está eliminado.");
	PT_CHECK(pt_error_catalogued(&err));
	PT_CHECK_STR(err.message_en, "This comment cannot be approved: it is deleted.");
	/* every state is words in both languages, never its code ('rejected') */
	r.mod = &pt_thread_reject;
	for (int st = 0; st < PT_CSTATUS_COUNT; st++) {
		f.target.status = (pt_cstatus)st;
		if (write_as(&r, &f, PT_THREAD_MODERATE, "wp:mod", &o, &err) == PT_ERR_CONFLICT) {
			PT_CHECK(pt_error_catalogued(&err));
			PT_CHECK(strstr(err.message, "rejected") == NULL && strstr(err.message, "deleted") == NULL);
			PT_CHECK(strstr(err.message_en, "rechazado") == NULL && strstr(err.message_en, "eliminado") == NULL);
		}
	}
	f.target.status = PT_COMMENT_REJECTED;
	PT_CHECK_EQ_INT(write_as(&r, &f, PT_THREAD_MODERATE, "wp:mod", &o, &err), PT_ERR_CONFLICT);
	PT_CHECK_STR(err.message, "No se puede rechazar este comentario: está rechazado.");
	PT_CHECK_STR(err.message_en, "This comment cannot be rejected: it is rejected.");
	r.mod = &pt_thread_approve;
	f.actor.banned = true;
	f.target.status = PT_COMMENT_HELD;
	PT_CHECK_EQ_INT(write_as(&r, &f, PT_THREAD_MODERATE, "wp:mod", &o, &err), PT_ERR_NOT_ALLOWED);
	PT_CHECK(!pt_thread_is_moderator(cfg, "wp:mod", &f.actor, PT_SCOPE_NONE));
}

static pt_status body(const char *in, char *buf, size_t *len, pt_error *err)
{
	strcpy(buf, in);
	pt_error_clear(err);
	return pt_thread_body_prepare(&cfg->threads, buf, strlen(buf), len, err);
}

PT_TEST(rules_values)
{
	char buf[256];
	size_t len = 0;
	pt_error err;
	pt_thread_reaction re;
	pt_sort sort;
	const pt_subject_settings *process = pt_config_subject(cfg, "process", 7);
	const pt_subject_settings *post = pt_config_subject(cfg, "post", 4);

	PT_CHECK_EQ_INT(body("uno\r\ndos", buf, &len, &err), PT_OK);
	PT_CHECK_EQ_INT(len, 7);
	PT_CHECK_STR(buf, "uno\ndos");
	PT_CHECK_EQ_INT(body(" \xc2\xa0\xe2\x80\x8b\xef\xbb\xbf\n", buf, &len, &err), PT_ERR_INVALID);
	PT_CHECK_STR(err.message, "El comentario está vacío.");
	PT_CHECK_EQ_INT(body("x", buf, &len, &err), PT_ERR_INVALID);
	PT_CHECK_STR(err.message, "El comentario es demasiado corto: el mínimo es 2 caracteres.");
	PT_CHECK_EQ_INT(body("ñññññññññññññññññññññññññññññññññññññññññ", buf, &len, &err), PT_ERR_INVALID);
	PT_CHECK_STR(err.message, "El comentario tiene 41 caracteres; el máximo es 40.");
	PT_CHECK(pt_error_catalogued(&err));
	PT_CHECK_EQ_INT(body("bad \xff", buf, &len, &err), PT_ERR_INVALID);

	PT_CHECK_EQ_INT(pt_thread_reaction_parse("down", 4, &re, &err), PT_OK);
	PT_CHECK(re.vote_set && re.vote == -1 && !re.stance_set);
	PT_CHECK_EQ_INT(pt_thread_reaction_parse("pass", 4, &re, &err), PT_OK);
	PT_CHECK(re.stance_set && !re.vote_set);
	PT_CHECK_STR(re.stance, "pass");
	PT_CHECK_EQ_INT(pt_thread_reaction_parse("up ", 3, &re, &err), PT_ERR_INVALID);

	PT_CHECK_EQ_INT(pt_thread_alignment_check(process, "neutral", 7, &err), PT_OK);
	PT_CHECK_EQ_INT(pt_thread_alignment_check(process, "for ", 4, &err), PT_ERR_INVALID);
	PT_CHECK_EQ_INT(pt_thread_alignment_check(post, "for", 3, &err), PT_ERR_INVALID);
	PT_CHECK_STR(err.message, "Este tema no admite postura (a favor, neutral o en contra).");

	PT_CHECK_EQ_INT(pt_thread_page_sort(NULL, 0, 0, &sort, &err), PT_OK);
	PT_CHECK_EQ_INT(sort, PT_SORT_OLDEST);
	PT_CHECK_EQ_INT(pt_thread_page_sort("top", 3, 0, &sort, &err), PT_OK);
	PT_CHECK_EQ_INT(sort, PT_SORT_TOP);
	PT_CHECK_EQ_INT(pt_thread_page_sort("top", 3, 5, &sort, &err), PT_ERR_INVALID);
	PT_CHECK_EQ_INT(pt_thread_page_sort("best", 4, 0, &sort, &err), PT_ERR_INVALID);
	PT_CHECK_EQ_INT(pt_thread_page_limits(&cfg->threads, 100, 2, 100, &err), PT_OK);
	PT_CHECK_EQ_INT(pt_thread_page_limits(&cfg->threads, 101, 2, 3, &err), PT_ERR_INVALID);
	PT_CHECK_STR(err.message, "La opción 'limit' debe estar entre 1 y 100.");
	PT_CHECK_EQ_INT(pt_thread_page_limits(&cfg->threads, 1, 3, 3, &err), PT_ERR_INVALID);
	PT_CHECK_STR(err.message, "La opción 'depth' debe estar entre 0 y 2.");

	PT_CHECK_EQ_INT(pt_thread_reason_check("motivo\tcon\ntab", 14, &err), PT_OK);
	PT_CHECK_EQ_INT(pt_thread_reason_check("a\x01", 2, &err), PT_ERR_INVALID);
	PT_CHECK_EQ_INT(pt_thread_flag_reason_check("", 0, &err), PT_ERR_INVALID);
	PT_CHECK_EQ_INT(pt_thread_comment_id_check(0, &err), PT_ERR_NOT_FOUND);
	PT_CHECK_EQ_INT(pt_thread_parent_check(-1, &err), PT_ERR_NOT_FOUND);

	PT_CHECK(pt_thread_visible(PT_COMMENT_HIDDEN, false, false));
	PT_CHECK(!pt_thread_visible(PT_COMMENT_HELD, false, false));
	PT_CHECK(pt_thread_visible(PT_COMMENT_HELD, true, false));
	PT_CHECK(!pt_thread_visible(PT_COMMENT_REJECTED, true, true));
	PT_CHECK(!pt_thread_full_view(PT_COMMENT_DELETED, true, false));
	PT_CHECK(pt_thread_full_view(PT_COMMENT_DELETED, false, true));
}

PT_TEST(rules_verdict_and_fast_grants)
{
	pt_mod_scratch *scratch = NULL;
	pt_thread_verdict v;
	pt_thread_fast fast;
	char *owned = NULL;
	pt_error err;
	const char *held = "eres un idiota, llama al 55 1234 5678";
	const char *ad = "compra ya";

	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_mod_scratch_new(&scratch, &err), PT_OK);
	PT_CHECK_EQ_INT(pt_thread_verdict_make(cfg->moderation.rules, scratch, held, strlen(held), NULL, &v, &err), PT_OK);
	PT_CHECK_EQ_INT(v.status, PT_COMMENT_HELD);
	PT_CHECK_STR(v.rule, "insultos");
	PT_CHECK_STR(v.redactions, "telefono");
	PT_CHECK(strstr(v.res.body, "5678") == NULL);
	PT_CHECK_EQ_INT(pt_thread_verdict_edit_check(&v, &err), PT_OK);
	pt_thread_verdict_free(&v, NULL);
	PT_CHECK_EQ_INT(pt_thread_verdict_make(cfg->moderation.rules, scratch, ad, strlen(ad), NULL, &v, &err), PT_OK);
	PT_CHECK_EQ_INT(v.status, PT_COMMENT_REJECTED);
	PT_CHECK_STR(v.rule, "publicidad");
	PT_CHECK(v.redactions == NULL);
	PT_CHECK_EQ_INT(pt_thread_verdict_edit_check(&v, &err), PT_ERR_NOT_ALLOWED);
	PT_CHECK_STR(err.message, "No se permite publicidad.");
	PT_CHECK_STR(pt_thread_author_message(v.status, v.res.reason), "No se permite publicidad.");
	pt_thread_verdict_free(&v, NULL);
	pt_mod_scratch_free(scratch);
	PT_CHECK(pt_thread_author_message(PT_COMMENT_PUBLISHED, NULL) == NULL);

	PT_CHECK(pt_thread_fast_grants(cfg, "wp:fun", PT_SCOPE_NONE, NULL, &fast, &owned));
	PT_CHECK(fast.enabled && fast.assigned && !fast.default_ok && fast.anyone);
	PT_CHECK_STR(fast.comment_roles, "ciudadano,funcionario,moderador");
	PT_CHECK_STR(fast.known_roles, "ciudadano,observador,funcionario,moderador");
	PT_CHECK_EQ_INT(fast.max_depth, 2);
	pt_free(NULL, owned);
	PT_CHECK(pt_thread_fast_grants(cfg, "wp:1", PT_SCOPE_NONE, NULL, &fast, &owned));
	/* the default role may comment, but a stored 'observador' may not: not anyone */
	PT_CHECK(!fast.assigned && fast.default_ok && !fast.anyone);
	pt_free(NULL, owned);
}

PT_TEST(rules_text_list_time)
{
	pt_mod_scratch *scratch = NULL;
	pt_thread_text t;
	pt_thread_list a, b;
	pt_cursor c;
	pt_error err;
	char buf[PT_COMMENT_TIME_BUFSIZE];
	int64_t at[2] = { 0, 1000000000 };
	int32_t off[2] = { -21600, -18000 };
	pt_time_zone tz = { 2, at, off };
	const char *body = "@wp:2 y @wp:3, @wp:2\r\n55 1234 5678";

	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_mod_scratch_new(&scratch, &err), PT_OK);
	if (pt_thread_text_make(cfg, scratch, body, strlen(body), NULL, &t, &err) != PT_OK) {
		PT_FAIL_AT("pt_thread_text_make: %s", err.message);
		pt_mod_scratch_free(scratch);
		return;
	}
	PT_CHECK_EQ_INT(t.mention_count, 2);
	PT_CHECK_STR(t.mentions[0], "wp:2");
	PT_CHECK_STR(t.mentions[1], "wp:3");
	PT_CHECK(strchr(t.v.res.body, '\r') == NULL);
	PT_CHECK_STR(t.v.redactions, "telefono");
	pt_thread_text_free(&t, NULL);
	PT_CHECK_EQ_INT(pt_thread_text_make(cfg, scratch, "   ", 3, NULL, &t, &err), PT_ERR_INVALID);
	pt_thread_text_free(&t, NULL);
	pt_mod_scratch_free(scratch);

	/* a list shows limit rows, then says "more"; absent and empty filters bind differently */
	pt_thread_list_init(&a, PT_SORT_OLDEST, 2);
	PT_CHECK(pt_thread_list_take(&a, 10, 1));
	PT_CHECK(pt_thread_list_take(&a, 20, 2));
	PT_CHECK(!pt_thread_list_take(&a, 30, 3));
	PT_CHECK(a.more);
	c = pt_thread_list_next(&a);
	PT_CHECK_EQ_INT(c.created_us, 20);
	PT_CHECK_EQ_INT(c.id, 2);
	{   /* a list's cursor reads back under its seal, and only for its own sort */
		uint8_t key[PT_CURSOR_KEY_BYTES] = { 1, 2, 3 };
		char text[PT_CURSOR_BUFSIZE];
		pt_cursor back;

		a.seal.key = key;
		PT_CHECK_EQ_INT(pt_cursor_encode(&c, &a.seal, text, &err), PT_OK);
		PT_CHECK_EQ_INT(pt_thread_list_cursor_read(text, strlen(text), &a.seal, PT_SORT_OLDEST, &back, &err), PT_OK);
		PT_CHECK_EQ_INT(back.id, 2);
		PT_CHECK_EQ_INT(pt_thread_list_cursor_read(text, strlen(text), &a.seal, PT_SORT_NEWEST, &back, &err),
			PT_ERR_INVALID);
		PT_CHECK_EQ_INT(pt_thread_list_cursor_read("x", 1, &a.seal, PT_SORT_OLDEST, &back, &err), PT_ERR_INVALID);
		a.seal.key = NULL;
	}
	pt_thread_list_init(&b, PT_SORT_OLDEST, 2);
	pt_thread_list_bind(&a, NULL, 0);
	pt_thread_list_bind(&b, "", 0);
	PT_CHECK(a.seal.bind_len != b.seal.bind_len || memcmp(a.bind, b.bind, a.seal.bind_len) != 0);
	/* the queue binds its kind, the log its comment: each list's cursors are its own */
	pt_thread_list_start(&a, false, PT_THREAD_QUEUE_HIDDEN, 0, 5);
	PT_CHECK_EQ_INT(a.sort, PT_SORT_OLDEST);
	PT_CHECK_EQ_INT(a.limit, 5);
	PT_CHECK_EQ_INT(a.seal.bind_len, 4);
	PT_CHECK(memcmp(a.bind, "\0\2Q\1", 4) == 0);
	pt_thread_list_start(&b, true, 0, 0x0102030405060708LL, 5);
	PT_CHECK_EQ_INT(b.sort, PT_SORT_NEWEST);
	PT_CHECK_EQ_INT(b.seal.bind_len, 11);
	PT_CHECK(memcmp(b.bind, "\0\11L\1\2\3\4\5\6\7\10", 11) == 0);

	/* 2001-09-09T01:46:40Z is after the second transition (-5 h) */
	PT_CHECK_EQ_INT(pt_comment_time_iso(1000000000123456LL, buf), 24);
	PT_CHECK_STR(buf, "2001-09-09T01:46:40.123Z");
	pt_comment_time_text(1000000000123456LL, &tz, false, buf);
	PT_CHECK_STR(buf, "8 de septiembre de 2001, 20:46");
	pt_comment_time_text(999999999000000LL, &tz, true, buf);
	PT_CHECK_STR(buf, "September 8, 2001, 19:46");
}

/* ------------------------------------------------------------ the store */

static pt_db *open_db(const char *dbname)
{
	return pt_test_db_open(test_socket, dbname);
}

static pt_status exec0(pt_db *db, const char *sql)
{
	return pt_test_db_exec(db, sql);
}

static pt_db *db;
static int64_t thread_id;

/* Posts body as author (parent 0: a root) under the core's rules; the outcome's status in *status. */
static pt_status post(const char *author, const char *text, int64_t parent, int64_t *id, pt_cstatus *status,
	pt_error *err)
{
	pt_thread_store_post p;
	pt_thread_rules r = rules_for(thread_id);
	bool replayed = false;
	pt_status s;

	memset(&p, 0, sizeof(p));
	p.thread_id = thread_id;
	p.parent_id = parent;
	p.author = author;
	p.body = text;
	p.body_len = strlen(text);
	p.status = PT_COMMENT_PUBLISHED;
	p.rate_window_s = cfg->threads.rate_limit.period_s;
	p.rate_cap = cfg->threads.rate_limit.count + 1;
	pt_error_clear(err);
	s = pt_thread_store_post_comment(db, &p, pt_thread_store_post_rules, &r, id, &replayed, err);
	if (status) {
		*status = p.status;
	}
	return s;
}

static pt_status store_write(pt_thread_op op, int64_t id, const char *actor, pt_thread_store_write *w, pt_error *err)
{
	pt_thread_rules r = rules_for(thread_id);

	w->op = op;
	w->comment_id = id;
	w->actor = actor;
	pt_error_clear(err);
	return pt_thread_store_write_comment(db, w, pt_thread_store_write_rules, &r, err);
}

typedef struct got {
	pt_cstatus status;
	uint32_t up, flags, version;
	char body[64];
} got;

static pt_status got_fn(void *ctx, const pt_thread_store_comment *c, pt_error *err)
{
	got *g = ctx;

	g->status = c->status;
	g->up = c->row.up;
	g->flags = c->flags;
	g->version = c->version;
	snprintf(g->body, sizeof(g->body), "%.*s", (int)c->body_len, c->body ? c->body : "");
	return PT_OK;
}

static got get(int64_t id)
{
	got g;
	bool found = false;
	pt_error err;

	memset(&g, 0, sizeof(g));
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_thread_store_comment_get(db, id, NULL, got_fn, &g, &found, &err), PT_OK);
	PT_CHECK(found);
	return g;
}

PT_TEST(store_post_and_reply_depth)
{
	static const char *const observador[] = { "observador" };
	pt_error err;
	int64_t root = 0, r1 = 0, r2 = 0, r3 = 0;
	pt_cstatus st;

	PT_CHECK_EQ_INT(post("wp:1", "Falta alumbrado", 0, &root, &st, &err), PT_OK);
	PT_CHECK(root > 0);
	PT_CHECK_EQ_INT(st, PT_COMMENT_PUBLISHED);
	PT_CHECK_EQ_INT(post("wp:2", "Es cierto", root, &r1, NULL, &err), PT_OK);
	PT_CHECK_EQ_INT(post("wp:3", "En mi calle también", r1, &r2, NULL, &err), PT_OK);
	/* max_depth 2: a reply to depth 2 is refused inside the transaction, nothing stored */
	PT_CHECK_EQ_INT(post("wp:4", "Y en la mía", r2, &r3, NULL, &err), PT_ERR_INVALID);
	PT_CHECK_STR(err.message, "Las respuestas se anidan hasta 2 niveles; responde al comentario de arriba.");
	PT_CHECK_EQ_INT(post("wp:observa", "hola", 0, &r3, NULL, &err), PT_OK);
	/* the YAML's default role comments; a stored 'observador' role takes it away */
	PT_CHECK_EQ_INT(pt_participant_store_upsert(db, "wp:obs", NULL, observador, 1, &err), PT_OK);
	PT_CHECK_EQ_INT(post("wp:obs", "hola", 0, &r3, NULL, &err), PT_ERR_NOT_ALLOWED);
	PT_CHECK_STR(err.message, "No tienes permiso para comentar.");
	/* the rate limit: 3 per hour */
	PT_CHECK_EQ_INT(post("wp:1", "dos", 0, &r3, NULL, &err), PT_OK);
	PT_CHECK_EQ_INT(post("wp:1", "tres", 0, &r3, NULL, &err), PT_OK);
	PT_CHECK_EQ_INT(post("wp:1", "cuatro", 0, &r3, NULL, &err), PT_ERR_NOT_ALLOWED);
	PT_CHECK(strstr(err.message, "por hora") != NULL);
}

PT_TEST(store_edit_window_delete)
{
	pt_error err;
	int64_t id = 0;
	pt_thread_store_write w;
	char sql[160];

	PT_CHECK_EQ_INT(post("wp:5", "primera versión", 0, &id, NULL, &err), PT_OK);
	memset(&w, 0, sizeof(w));
	w.body = "segunda versión";
	w.body_len = strlen(w.body);
	PT_CHECK_EQ_INT(store_write(PT_THREAD_EDIT, id, "wp:6", &w, &err), PT_ERR_NOT_ALLOWED);
	PT_CHECK_EQ_INT(store_write(PT_THREAD_EDIT, id, "wp:5", &w, &err), PT_OK);
	PT_CHECK_STR(get(id).body, "segunda versión");
	PT_CHECK_EQ_INT(get(id).version, 2);
	/* the comment is now older than the 15 minute window: no sleeping, the row is aged */
	snprintf(sql, sizeof(sql), "UPDATE participa_comments SET created_at = created_at - INTERVAL 16 MINUTE WHERE id = %lld",
		(long long)id);
	PT_CHECK_EQ_INT(exec0(db, sql), PT_OK);
	memset(&w, 0, sizeof(w));
	w.body = "tercera";
	w.body_len = strlen(w.body);
	PT_CHECK_EQ_INT(store_write(PT_THREAD_EDIT, id, "wp:5", &w, &err), PT_ERR_NOT_ALLOWED);
	PT_CHECK_STR(err.message, "El plazo para editar este comentario terminó (15 minutos después de publicarlo).");
	PT_CHECK_STR(get(id).body, "segunda versión");
	/* delete: not by another; by the author; then a conflict */
	memset(&w, 0, sizeof(w));
	PT_CHECK_EQ_INT(store_write(PT_THREAD_DELETE, id, "wp:6", &w, &err), PT_ERR_NOT_ALLOWED);
	PT_CHECK_EQ_INT(store_write(PT_THREAD_DELETE, id, "wp:5", &w, &err), PT_OK);
	PT_CHECK_EQ_INT(get(id).status, PT_COMMENT_DELETED);
	PT_CHECK_STR(get(id).body, "");
	PT_CHECK_EQ_INT(store_write(PT_THREAD_DELETE, id, "wp:mod", &w, &err), PT_ERR_CONFLICT);
	PT_CHECK_STR(err.message, "El comentario ya estaba eliminado.");
}

PT_TEST(store_react_flag_moderate)
{
	pt_error err;
	int64_t id = 0;
	pt_thread_store_write w;
	pt_thread_rules r = rules_for(0);

	PT_CHECK_EQ_INT(post("wp:7", "Propuesta de parque", 0, &id, NULL, &err), PT_OK);
	memset(&w, 0, sizeof(w));
	w.reaction.vote_set = true;
	w.reaction.vote = 1;
	PT_CHECK_EQ_INT(store_write(PT_THREAD_REACT, id, "wp:8", &w, &err), PT_OK);
	PT_CHECK_EQ_INT(store_write(PT_THREAD_REACT, id, "wp:8", &w, &err), PT_OK);
	PT_CHECK_EQ_INT(get(id).up, 1);
	PT_CHECK_EQ_INT(store_write(PT_THREAD_REACT, id, "wp:fun", &w, &err), PT_ERR_NOT_ALLOWED);
	/* two flags hide it (auto_hide_after_flags: 2); a second flag by one person is not counted */
	memset(&w, 0, sizeof(w));
	w.reason = "spam";   /* the YAML's auto_hide_after_flags comes with the rules */
	PT_CHECK_EQ_INT(store_write(PT_THREAD_FLAG, id, "wp:8", &w, &err), PT_OK);
	PT_CHECK(w.changed && !w.auto_hidden);
	w.changed = w.auto_hidden = false;
	PT_CHECK_EQ_INT(store_write(PT_THREAD_FLAG, id, "wp:8", &w, &err), PT_OK);
	PT_CHECK(!w.changed);
	PT_CHECK_EQ_INT(store_write(PT_THREAD_FLAG, id, "wp:9", &w, &err), PT_OK);
	PT_CHECK(w.changed && w.auto_hidden);
	PT_CHECK_EQ_INT(get(id).status, PT_COMMENT_HIDDEN);
	PT_CHECK_EQ_INT(get(id).flags, 2);
	/* hidden: no more reactions; a moderator restores it */
	memset(&w, 0, sizeof(w));
	w.reaction.vote_set = true;
	PT_CHECK_EQ_INT(store_write(PT_THREAD_REACT, id, "wp:9", &w, &err), PT_ERR_NOT_ALLOWED);
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_thread_store_moderate(db, id, "wp:8", NULL, &r, &pt_thread_restore, &err), PT_ERR_NOT_ALLOWED);
	PT_CHECK_EQ_INT(pt_thread_store_moderate(db, id, "wp:mod", "revisado", &r, &pt_thread_restore, &err), PT_OK);
	PT_CHECK_EQ_INT(get(id).status, PT_COMMENT_PUBLISHED);
	PT_CHECK_EQ_INT(pt_thread_store_moderate(db, id, "wp:mod", NULL, &r, &pt_thread_restore, &err), PT_ERR_CONFLICT);
	PT_CHECK_STR(err.message, "No se puede restaurar este comentario: está publicado.");
}

PT_TEST(store_ban_and_actor)
{
	pt_participant_actor a;
	pt_participant_actor_text text;
	pt_error err;
	int64_t id = 0;

	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_participant_actor_get(db, "wp:nadie", &a, &text, &err), PT_OK);
	PT_CHECK(!a.known && !a.banned);
	PT_CHECK_STR(a.roles, "");
	PT_CHECK_EQ_INT(pt_participant_actor_get(db, "wp:obs", &a, &text, &err), PT_OK);
	PT_CHECK(a.known && !a.banned);
	PT_CHECK_STR(a.roles, "observador");
	PT_CHECK_EQ_INT(pt_participant_store_ban(db, "wp:10", true, "wp:mod", "insultos", &err), PT_OK);
	PT_CHECK_EQ_INT(pt_participant_actor_get(db, "wp:10", &a, &text, &err), PT_OK);
	PT_CHECK(a.banned);
	PT_CHECK_EQ_INT(post("wp:10", "hola de nuevo", 0, &id, NULL, &err), PT_ERR_NOT_ALLOWED);
	PT_CHECK_STR(err.message, "Tu participación está suspendida por moderación.");
}

PT_TEST(store_post_run)
{
	pt_mod_scratch *scratch = NULL;
	pt_thread_text nt;
	pt_thread_store_post p;
	pt_thread_store_comment c;
	pt_thread_rules r = rules_for(thread_id);
	pt_error err;
	int64_t id = 0, again = 0;
	bool replayed = true, have = false;
	const char *body = "una propuesta para el parque";

	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_mod_scratch_new(&scratch, &err), PT_OK);
	PT_CHECK_EQ_INT(pt_thread_text_make(cfg, scratch, body, strlen(body), NULL, &nt, &err), PT_OK);
	memset(&p, 0, sizeof(p));
	p.thread_id = thread_id;
	p.author = "wp:30";
	p.idempotency_key = "run-1";
	/* a fresh post answers with what was stored, no read back */
	PT_CHECK_EQ_INT(pt_thread_store_post_run(db, &p, &nt, &r, true, "post", "1", NULL, &id, &replayed, &c, &have, &err),
		PT_OK);
	PT_CHECK(have && !replayed && id > 0);
	PT_CHECK_EQ_INT(c.row.id, id);
	PT_CHECK_STR(c.body, body);
	PT_CHECK_STR(c.subject_type, "post");
	/* the same key again is a replay: no row to answer from */
	memset(&p, 0, sizeof(p));
	p.thread_id = thread_id;
	p.author = "wp:30";
	p.idempotency_key = "run-1";
	PT_CHECK_EQ_INT(pt_thread_store_post_run(db, &p, &nt, &r, false, "post", "1", NULL, &again, &replayed, &c, &have,
		&err), PT_OK);
	PT_CHECK(replayed && !have);
	PT_CHECK_EQ_INT(again, id);
	pt_thread_text_free(&nt, NULL);
	pt_mod_scratch_free(scratch);
}

PT_TEST(store_rows_and_tree)
{
	pt_error err;
	int64_t root = 0, a = 0, b = 0, c = 0;
	pt_thread_store_thread t;
	pt_thread_store_view view = { NULL, false };
	pt_thread_rows rows;
	pt_tree_options to;
	pt_comment_page page;
	int64_t saved = thread_id;

	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_thread_store_thread_open(db, "post", 4, "arbol", 5, &t, &err), PT_OK);
	thread_id = t.id;
	PT_CHECK_EQ_INT(post("wp:20", "raíz", 0, &root, NULL, &err), PT_OK);
	PT_CHECK_EQ_INT(post("wp:21", "hija a", root, &a, NULL, &err), PT_OK);
	PT_CHECK_EQ_INT(post("wp:22", "hija b", root, &b, NULL, &err), PT_OK);
	PT_CHECK_EQ_INT(post("wp:23", "nieta de a", a, &c, NULL, &err), PT_OK);
	pt_thread_rows_init(&rows, NULL);
	PT_CHECK_EQ_INT(pt_thread_store_children(db, t.id, 0, PT_SORT_OLDEST, NULL, 21, 2, &view, pt_thread_rows_add, &rows,
		&err), PT_OK);
	PT_CHECK_EQ_INT(rows.count, 1);
	PT_CHECK(!rows.comments[0].wide);    /* 3 rows under it: the window reads them */
	PT_CHECK_EQ_INT(pt_thread_store_descendants(db, t.id, &root, 1, NULL, 0, 1, 2, 3, &view, pt_thread_rows_add, &rows,
		&err), PT_OK);
	PT_CHECK_EQ_INT(rows.count, 4);
	{   /* the walk gives the same rows as the window, and one per node with per_parent 1 */
		pt_thread_rows walked;
		size_t k;

		pt_thread_rows_init(&walked, NULL);
		PT_CHECK_EQ_INT(pt_thread_store_descendants(db, t.id, NULL, 0, &root, 1, 1, 2, 3, &view, pt_thread_rows_add,
			&walked, &err), PT_OK);
		PT_CHECK_EQ_INT(walked.count, 3);
		for (k = 0; k < walked.count; k++) {
			PT_CHECK(walked.rows[k].id == a || walked.rows[k].id == b || walked.rows[k].id == c);
		}
		pt_thread_rows_free(&walked);
		pt_thread_rows_init(&walked, NULL);
		PT_CHECK_EQ_INT(pt_thread_store_descendants(db, t.id, NULL, 0, &root, 1, 1, 2, 1, &view, pt_thread_rows_add,
			&walked, &err), PT_OK);
		PT_CHECK_EQ_INT(walked.count, 2);    /* a and a's reply: b is the root's second */
		pt_thread_rows_free(&walked);
		pt_thread_rows_init(&walked, NULL);
		PT_CHECK_EQ_INT(pt_thread_store_descendants(db, t.id, NULL, 0, &root, 1, 1, 1, 3, &view, pt_thread_rows_add,
			&walked, &err), PT_OK);
		PT_CHECK_EQ_INT(walked.count, 2);    /* depth 1 only: a and b */
		pt_thread_rows_free(&walked);
	}
	/* the copies outlive the driver's buffer */
	PT_CHECK_STR(rows.comments[0].body, "raíz");
	memset(&to, 0, sizeof(to));
	to.root_sort = to.reply_sort = PT_SORT_OLDEST;
	to.root_limit = 20;
	to.page_replies = 1;
	PT_CHECK_EQ_INT(pt_comment_tree_build(rows.rows, rows.count, &to, NULL, &page, &err), PT_OK);
	PT_CHECK_EQ_INT(page.count, 3);      /* root, a, a's reply; b behind "more" */
	PT_CHECK_EQ_INT(page.nodes[0].more, 1);
	pt_comment_page_free(&page, NULL);
	pt_thread_rows_free(&rows);
	{   /* the same page read whole: nodes in pre-order, the "more" cursor sealed, times for people */
		pt_thread_page_req q = { 0, PT_SORT_OLDEST, NULL, 20, 3, 1, 0, 0, 3 };
		uint8_t key[PT_CURSOR_KEY_BYTES] = { 7 }, bind[9];
		pt_cursor_seal seal;
		pt_cursor more;
		pt_thread_page pg;

		pt_thread_seal_init(&seal, key, bind, t.id);
		PT_CHECK_EQ_INT(pt_thread_page_read(db, t.id, &q, &view, &seal, NULL, false, NULL, &pg, &err), PT_OK);
		PT_CHECK_EQ_INT(pg.tree.count, 3);
		PT_CHECK_EQ_INT(pg.first_top, 0);
		PT_CHECK(pg.next == NULL);
		PT_CHECK_EQ_INT(pg.nodes[0].c->row.id, root);
		PT_CHECK_EQ_INT(pg.nodes[0].more_count, 1);
		PT_CHECK(pg.nodes[0].more != NULL && !pg.nodes[0].full);
		PT_CHECK_EQ_INT(pg.nodes[pg.nodes[0].first_child].c->row.id, a);
		PT_CHECK(pg.nodes[0].iso != NULL && pg.nodes[0].iso_len > 0 && pg.nodes[0].text_len > 0);
		PT_CHECK(pg.nodes[2].more == NULL);
		PT_CHECK_EQ_INT(pt_thread_cursor_read(pg.nodes[0].more, strlen(pg.nodes[0].more), &seal, root, false,
			PT_SORT_OLDEST, &more, &err), PT_OK);
		PT_CHECK_EQ_INT(pt_thread_cursor_read(pg.nodes[0].more, strlen(pg.nodes[0].more), &seal, 0, false,
			PT_SORT_OLDEST, &more, &err), PT_ERR_INVALID);
		pt_thread_page_free(&pg);
	}
	/* replies(): the ancestry filter keeps only what hangs below the kept rows */
	pt_thread_rows_init(&rows, NULL);
	PT_CHECK_EQ_INT(pt_thread_store_children(db, t.id, root, PT_SORT_OLDEST, NULL, 1, 0, &view, pt_thread_rows_add, &rows,
		&err), PT_OK);
	PT_CHECK_EQ_INT(rows.count, 1);
	PT_CHECK_EQ_INT(pt_thread_rows_filter(&rows, 1, &err), PT_OK);
	PT_CHECK_EQ_INT(pt_thread_store_descendants(db, t.id, &root, 1, NULL, 0, 2, 2, 3, &view, pt_thread_rows_add, &rows,
		&err), PT_OK);
	PT_CHECK_EQ_INT(rows.count, 2);
	PT_CHECK_EQ_INT(rows.rows[1].id, c);
	pt_thread_rows_free(&rows);
	thread_id = saved;
	(void)b;
}

typedef struct versions {
	int count;
	char seen[256];
} versions;

static pt_status version_fn(void *ctx, const pt_thread_version *v, pt_error *err)
{
	versions *vs = ctx;
	size_t used = strlen(vs->seen);

	vs->count++;
	snprintf(vs->seen + used, sizeof(vs->seen) - used, "%s%u:%s:%.*s", used ? " " : "", v->version, v->status,
		v->body ? (int)v->body_len : 4, v->body ? v->body : "null");
	return PT_OK;
}

PT_TEST(store_history)
{
	pt_error err;
	int64_t id = 0;
	pt_thread_store_write w;
	versions vs;
	pt_thread_rules r = rules_for(0);

	PT_CHECK_EQ_INT(post("wp:30", "uno", 0, &id, NULL, &err), PT_OK);
	memset(&w, 0, sizeof(w));
	w.body = "dos";
	w.body_len = 3;
	PT_CHECK_EQ_INT(store_write(PT_THREAD_EDIT, id, "wp:30", &w, &err), PT_OK);
	memset(&vs, 0, sizeof(vs));
	PT_CHECK_EQ_INT(pt_thread_history(db, id, thread_id, NULL, false, version_fn, &vs, &err), PT_OK);
	PT_CHECK_STR(vs.seen, "2:published:dos 1:published:uno");
	/* hidden: its place only, for anyone but moderators */
	PT_CHECK_EQ_INT(pt_thread_store_moderate(db, id, "wp:mod", NULL, &r, &pt_thread_hide, &err), PT_OK);
	memset(&vs, 0, sizeof(vs));
	PT_CHECK_EQ_INT(pt_thread_history(db, id, thread_id, "wp:31", false, version_fn, &vs, &err), PT_OK);
	PT_CHECK_STR(vs.seen, "2:hidden:null");
	memset(&vs, 0, sizeof(vs));
	PT_CHECK_EQ_INT(pt_thread_history(db, id, thread_id, "wp:mod", true, version_fn, &vs, &err), PT_OK);
	PT_CHECK_EQ_INT(vs.count, 2);
	/* another thread's comment is not there */
	PT_CHECK_EQ_INT(pt_thread_history(db, id, thread_id + 1000, NULL, false, version_fn, &vs, &err), PT_ERR_NOT_FOUND);
}

/* An allocator that fails at call fail_at (0: never), counting what is live. */
static long fa_calls, fa_fail_at, fa_live;

static void *fa_alloc(size_t size, void *ctx)
{
	void *p;

	(void)ctx;
	if (++fa_calls == fa_fail_at || !(p = malloc(size ? size : 1))) {
		return NULL;
	}
	fa_live++;
	return p;
}

static void *fa_realloc(void *ptr, size_t size, void *ctx)
{
	void *p;

	(void)ctx;
	if (++fa_calls == fa_fail_at) {
		return NULL;
	}
	if ((p = realloc(ptr, size ? size : 1)) && !ptr) {
		fa_live++;
	}
	return p;
}

static void fa_free(void *ptr, void *ctx)
{
	(void)ctx;
	fa_live -= ptr != NULL;
	free(ptr);
}

static const pt_allocator failing = { fa_alloc, fa_realloc, fa_free, NULL };

static const char *str_at(const pt_value *list, size_t i, const char *key)
{
	const pt_value *v = pt_value_get(list->u.c.items[i], key);

	return !v ? "(absent)" : v->type == PT_VALUE_STRING ? v->u.s.s : v->type == PT_VALUE_NULL ? "(null)" : "(other)";
}

/* Thread::history()'s answer (the viewer's facts read in the store) and setPremoderate()'s check. */
PT_TEST(store_history_value_premoderate)
{
	pt_error err;
	int64_t id = 0;
	pt_thread_store_write w;
	pt_thread_rules r = rules_for(thread_id), any = rules_for(0);
	pt_value *v = NULL;
	long total, k;

	pt_error_clear(&err);
	PT_CHECK_EQ_INT(post("wp:32", "tres", 0, &id, NULL, &err), PT_OK);
	memset(&w, 0, sizeof(w));
	w.body = "cuatro";
	w.body_len = 6;
	PT_CHECK_EQ_INT(store_write(PT_THREAD_EDIT, id, "wp:32", &w, &err), PT_OK);
	PT_CHECK_EQ_INT(pt_thread_history_value(db, &r, id, NULL, NULL, &v, &err), PT_OK);
	PT_CHECK(v && v->type == PT_VALUE_LIST && v->u.c.count == 2);
	if (v && v->u.c.count == 2) {
		/* the earlier version first, the current text last; keys in the order PHP shows */
		PT_CHECK_STR(v->u.c.items[0]->u.c.keys[0], "version");
		PT_CHECK_STR(v->u.c.items[0]->u.c.keys[4], "replaced_at");
		PT_CHECK_EQ_INT(pt_value_get(v->u.c.items[0], "version")->u.i, 1);
		PT_CHECK_STR(str_at(v, 0, "body"), "tres");
		PT_CHECK(strcmp(str_at(v, 0, "replaced_at"), "(null)") != 0);
		PT_CHECK_STR(str_at(v, 1, "body"), "cuatro");
		PT_CHECK_STR(str_at(v, 1, "status"), "published");
		PT_CHECK_STR(str_at(v, 1, "replaced_at"), "(null)");
	}
	pt_value_free(v);
	/* hidden: a moderator (by the YAML's assignment, read from the viewer's facts) sees both texts */
	PT_CHECK_EQ_INT(pt_thread_store_moderate(db, id, "wp:mod", NULL, &any, &pt_thread_hide, &err), PT_OK);
	PT_CHECK_EQ_INT(pt_thread_history_value(db, &r, id, "wp:mod", NULL, &v, &err), PT_OK);
	PT_CHECK(v && v->u.c.count == 2);
	pt_value_free(v);
	PT_CHECK_EQ_INT(pt_thread_history_value(db, &r, id, "wp:31", NULL, &v, &err), PT_OK);
	PT_CHECK(v && v->u.c.count == 1);
	if (v && v->u.c.count == 1) {
		PT_CHECK_STR(str_at(v, 0, "body"), "(null)");
		PT_CHECK_STR(str_at(v, 0, "status"), "hidden");
	}
	pt_value_free(v);
	/* another thread: not there, and no tree */
	r.thread_id = thread_id + 1000;
	PT_CHECK_EQ_INT(pt_thread_history_value(db, &r, id, NULL, NULL, &v, &err), PT_ERR_NOT_FOUND);
	PT_CHECK(v == NULL);
	r.thread_id = thread_id;
	/* out of memory at each allocation in turn: the error, no tree, nothing left behind */
	fa_calls = fa_fail_at = fa_live = 0;
	PT_CHECK_EQ_INT(pt_thread_history_value(db, &r, id, "wp:mod", &failing, &v, &err), PT_OK);
	pt_value_free(v);
	total = fa_calls;
	PT_CHECK(total > 10);
	PT_CHECK_EQ_INT(fa_live, 0);
	for (k = 1; k <= total; k++) {
		fa_calls = fa_live = 0;
		fa_fail_at = k;
		PT_CHECK_EQ_INT(pt_thread_history_value(db, &r, id, "wp:mod", &failing, &v, &err), PT_ERR_NOMEM);
		PT_CHECK(v == NULL);
		PT_CHECK_EQ_INT(fa_live, 0);
	}
	/* setPremoderate(): only a moderator, and the refusal is the moderation one */
	PT_CHECK_EQ_INT(pt_thread_store_thread_premoderate(db, &r, true, "wp:31", "", &err), PT_ERR_NOT_ALLOWED);
	PT_CHECK_STR(err.message, "No tienes permiso para moderar.");
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_thread_store_thread_premoderate(db, &r, true, "wp:mod", "tema sensible", &err), PT_OK);
	PT_CHECK_EQ_INT(pt_thread_store_thread_premoderate(db, &r, false, "wp:mod", "", &err), PT_OK);
}

typedef struct listed {
	int count;
	int64_t last;
	char reason[64];
} listed;

static pt_status listed_comment(void *ctx, const pt_thread_store_comment *c, pt_error *err)
{
	listed *l = ctx;

	l->count++;
	l->last = c->row.id;
	return PT_OK;
}

static pt_status listed_entry(void *ctx, const pt_thread_store_log_entry *e, pt_error *err)
{
	listed *l = ctx;

	l->count++;
	l->last = e->id;
	snprintf(l->reason, sizeof(l->reason), "%s", e->reason ? e->reason : "(null)");
	return PT_OK;
}

/* Moderation::queue()/log() pages (the cursor sealed with the site's key and bound to the list),
 * the key itself, and replies()'s place below a node. */
PT_TEST(store_lists_key_below)
{
	uint8_t k1[PT_CURSOR_KEY_BYTES], k2[PT_CURSOR_KEY_BYTES];
	char next[PT_CURSOR_BUFSIZE], again[PT_CURSOR_BUFSIZE];
	pt_thread_store_list_req q;
	pt_thread_store_node node;
	pt_thread_store_view view = { NULL, false };
	pt_thread_page_req pq;
	pt_participant_actor a;
	pt_participant_actor_text text;
	listed l1 = { 0, 0, "" }, l2 = { 0, 0, "" };
	pt_thread_store_write w;
	pt_error err;
	int64_t id = 0;
	bool found = false;

	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_thread_store_cursor_key(db, false, NULL, k1, &err), PT_OK);
	PT_CHECK_EQ_INT(pt_thread_store_cursor_key(db, false, NULL, k2, &err), PT_OK);
	PT_CHECK(memcmp(k1, k2, sizeof(k1)) == 0);   /* made once, then read */
	memset(k2, 0, sizeof(k2));
	PT_CHECK_EQ_INT(pt_thread_store_cursor_key(db, true, k1, k2, &err), PT_OK);
	PT_CHECK(memcmp(k1, k2, sizeof(k1)) == 0);
	/* the hidden queue, one at a time: the second page starts after the first */
	memset(&q, 0, sizeof(q));
	q.kind = PT_THREAD_QUEUE_HIDDEN;
	q.limit = 1;
	PT_CHECK_EQ_INT(pt_thread_store_list(db, &q, listed_comment, listed_entry, &l1, next, &err), PT_OK);
	PT_CHECK_EQ_INT(l1.count, 1);
	PT_CHECK_EQ_INT(strlen(next), PT_CURSOR_LEN);
	q.cursor = next;
	q.cursor_len = strlen(next);
	PT_CHECK_EQ_INT(pt_thread_store_list(db, &q, listed_comment, listed_entry, &l2, again, &err), PT_OK);
	PT_CHECK_EQ_INT(l2.count, 1);
	PT_CHECK(l2.last != l1.last);
	/* that cursor under another filter, or on the log, is refused */
	q.a = "process";
	PT_CHECK_EQ_INT(pt_thread_store_list(db, &q, listed_comment, listed_entry, &l2, again, &err), PT_ERR_INVALID);
	q.a = NULL;
	q.log = true;
	PT_CHECK_EQ_INT(pt_thread_store_list(db, &q, listed_comment, listed_entry, &l2, again, &err), PT_ERR_INVALID);
	/* the log, newest first, a page of 200: everything, no next page */
	q.cursor = NULL;
	q.limit = 200;
	l1.count = 0;
	PT_CHECK_EQ_INT(pt_thread_store_list(db, &q, listed_comment, listed_entry, &l1, next, &err), PT_OK);
	PT_CHECK(l1.count >= 3);
	PT_CHECK_STR(next, "");
	/* replies(): below a visible node, from its place; below another thread's, nothing */
	PT_CHECK_EQ_INT(post("wp:33", "raiz", 0, &id, NULL, &err), PT_OK);
	PT_CHECK_EQ_INT(pt_thread_store_node_get(db, id, NULL, &node, &found, &a, &text, &err), PT_OK);
	PT_CHECK(found);
	memset(&pq, 0, sizeof(pq));
	PT_CHECK_EQ_INT(pt_thread_page_below(&node, found, thread_id, &view, &pq, &err), PT_OK);
	PT_CHECK_EQ_INT(pq.root_id, id);
	PT_CHECK_EQ_INT(pq.sort, PT_SORT_OLDEST);
	PT_CHECK_EQ_INT(pt_thread_page_below(&node, found, thread_id + 1, &view, &pq, &err), PT_ERR_NOT_FOUND);
	PT_CHECK_EQ_INT(pt_thread_page_below(&node, false, thread_id, &view, &pq, &err), PT_ERR_NOT_FOUND);
	/* a moderator's delete is logged with the store's reason (its author's is not logged) */
	memset(&w, 0, sizeof(w));
	PT_CHECK_EQ_INT(store_write(PT_THREAD_DELETE, id, "wp:mod", &w, &err), PT_OK);
	memset(&q, 0, sizeof(q));
	q.log = true;
	q.comment = id;
	q.limit = 10;
	l1.count = 0;
	PT_CHECK_EQ_INT(pt_thread_store_list(db, &q, listed_comment, listed_entry, &l1, next, &err), PT_OK);
	PT_CHECK_EQ_INT(l1.count, 1);
	PT_CHECK_STR(l1.reason, "eliminado por moderación");
	/* a page's seal: the request's cursor read under it sets the page's sort and position;
	 * one of another thread is refused */
	{
		pt_thread_page_cursor pc, other;
		pt_cursor at = { PT_SORT_NEWEST, 0, 0.0, 1000, id };

		memset(&pq, 0, sizeof(pq));
		PT_CHECK_EQ_INT(pt_thread_page_seal(db, thread_id, false, NULL, NULL, 0, false, &pc, &pq, &err), PT_OK);
		PT_CHECK(pq.after == NULL && memcmp(pc.key, k1, sizeof(k1)) == 0);
		PT_CHECK_EQ_INT(pt_cursor_encode(&at, &pc.seal, next, &err), PT_OK);
		PT_CHECK_EQ_INT(pt_thread_page_seal(db, thread_id, true, k1, next, strlen(next), false, &pc, &pq, &err), PT_OK);
		PT_CHECK(pq.after == &pc.after && pq.sort == PT_SORT_NEWEST && pc.after.id == id);
		PT_CHECK_EQ_INT(pt_thread_page_seal(db, thread_id + 1, true, k1, next, strlen(next), false, &other, &pq, &err),
			PT_ERR_INVALID);
	}
}

static int run_store_tests(void)
{
	pt_db *admin;
	char sql[160];
	char **names = NULL;
	size_t n = 0;
	pt_error err;
	pt_thread_store_thread t;

	if (pt_db_library_init() != PT_OK) {
		return 1;
	}
	snprintf(test_dbname, sizeof(test_dbname), "pt_tstest_%ld", (long)getpid());
	if (!(admin = open_db(NULL))) {
		return 1;
	}
	snprintf(sql, sizeof(sql), "CREATE DATABASE %s CHARACTER SET utf8mb4", test_dbname);
	if (exec0(admin, sql) != PT_OK || !(db = open_db(test_dbname))) {
		pt_db_close(admin);
		return 1;
	}
	pt_error_clear(&err);
	if (pt_db_migrate(db, pt_schema_migrations, PT_SCHEMA_MIGRATION_COUNT, 0, &names, &n, &err) != PT_OK
			|| pt_thread_store_thread_open(db, "process", 7, "presupuesto", 11, &t, &err) != PT_OK) {
		printf("  setup failed: %s\n", err.message);
		pt_test_failed++;
	} else {
		thread_id = t.id;
		PT_RUN(store_post_and_reply_depth);
		PT_RUN(store_edit_window_delete);
		PT_RUN(store_react_flag_moderate);
		PT_RUN(store_ban_and_actor);
		PT_RUN(store_post_run);
		PT_RUN(store_rows_and_tree);
		PT_RUN(store_history);
		PT_RUN(store_history_value_premoderate);
		PT_RUN(store_lists_key_below);
	}
	pt_db_names_free(names, n);
	pt_db_close(db);
	snprintf(sql, sizeof(sql), "DROP DATABASE %s", test_dbname);
	exec0(admin, sql);
	pt_db_close(admin);
	pt_db_library_end();
	return 0;
}

int main(void)
{
	pt_diags diags = { 0 };
	size_t i;
	char line[512];

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (pt_config_load_string("threads.yaml", yaml, strlen(yaml), &cfg, &diags) != PT_OK) {
		for (i = 0; i < diags.count; i++) {
			pt_diag_format(&diags.items[i], line, sizeof(line));
			printf("%s\n", line);
		}
		return 1;
	}
	PT_RUN(rules_post);
	PT_RUN(rules_reply);
	PT_RUN(rules_write);
	PT_RUN(rules_moderate);
	PT_RUN(rules_values);
	PT_RUN(rules_verdict_and_fast_grants);
	PT_RUN(rules_text_list_time);
	test_socket = getenv("PARTICIPA_TEST_SOCKET");
	if (!test_socket || !*test_socket) {
		printf("test_thread_store: store tests skipped (no PARTICIPA_TEST_SOCKET)\n");
	} else if (run_store_tests() != 0) {
		printf("test_thread_store: cannot set up a database on %s\n", test_socket);
		pt_test_failed++;
	}
	pt_config_free(cfg);
	return pt_test_summary("test_thread_store");
}
