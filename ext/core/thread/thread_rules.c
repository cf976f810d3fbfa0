/*
 * participa core: the rules of deliberation threads. See thread_rules.h.
 */
#include "core/thread/thread_rules.h"
#include "core/participant/permissions.h"
#include "core/common/text.h"

#include <string.h>

static const char *const status_names[PT_CSTATUS_COUNT] = {
	"published", "held", "rejected", "hidden", "deleted"
};

PT_NAMES_DEFINE(pt_cstatus, pt_cstatus, status_names, PT_CSTATUS_COUNT)

bool pt_cstatus_public(pt_cstatus s)
{
	return s == PT_COMMENT_PUBLISHED || s == PT_COMMENT_HIDDEN || s == PT_COMMENT_DELETED;
}

static bool is(const char *s, size_t len, const char *lit)
{
	return s && len == strlen(lit) && memcmp(s, lit, len) == 0;
}

/* ------------------------------------------------------------------ values */

pt_status pt_thread_comment_id_check(int64_t id, pt_error *err)
{
	return id > 0 ? PT_OK : pt_error_set(err, PT_ERR_NOT_FOUND, "El comentario no existe en este hilo.");
}

pt_status pt_thread_mod_comment_check(int64_t id, pt_error *err)
{
	return id > 0 ? PT_OK : pt_error_set(err, PT_ERR_NOT_FOUND, "El comentario no existe.");
}

pt_status pt_thread_parent_check(int64_t parent, pt_error *err)
{
	return parent >= 0 ? PT_OK : pt_error_set(err, PT_ERR_NOT_FOUND, "El comentario al que respondes no existe.");
}

/*
 * Whether the character at s[*i] (valid UTF-8) shows nothing: ASCII white
 * space, the Unicode spaces (no-break, ideographic ...), the zero-width ones
 * and the BOM. A comment of only these is empty, however many it has.
 * Advances *i past it.
 */
static bool blank_at(const char *s, size_t *i)
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
	return cp == ' ' || cp == '\n' || cp == '\t' || cp == '\r' || cp == 0xA0 || cp == 0x1680 || cp == 0x180E
		|| (cp >= 0x2000 && cp <= 0x200D) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F
		|| cp == 0x2060 || cp == 0x3000 || cp == 0xFEFF;
}

pt_status pt_thread_body_prepare(const pt_threads_settings *ts, char *text, size_t len, size_t *len_out,
	pt_error *err)
{
	size_t chars = 0, i;
	bool blank = true;

	len = pt_text_normalize_newlines(text, len);
	text[len] = '\0';
	if (pt_text_validate(text, len, &chars, err) != PT_OK) {
		return err->code;
	}
	for (i = 0; i < len && blank;) {
		blank = blank_at(text, &i);
	}
	if (blank) {
		return pt_error_set(err, PT_ERR_INVALID, "El comentario está vacío.");
	}
	if (chars > ts->max_length) {
		return pt_error_set(err, PT_ERR_INVALID, "El comentario tiene %zu caracteres; el máximo es %u.", chars,
			ts->max_length);
	}
	if (chars < ts->min_length) {
		return pt_error_set(err, PT_ERR_INVALID, "El comentario es demasiado corto: el mínimo es %u caracteres.",
			ts->min_length);
	}
	*len_out = len;
	return PT_OK;
}

pt_status pt_thread_reason_check(const char *s, size_t len, pt_error *err)
{
	size_t chars = 0;

	if (pt_text_validate(s, len, &chars, err) != PT_OK) {
		pt_error_clear(err);
		return pt_error_set(err, PT_ERR_INVALID, "El motivo no es UTF-8 válido o contiene caracteres de control.");
	}
	if (chars > PT_THREAD_REASON_MAX) {
		return pt_error_set(err, PT_ERR_INVALID, "El motivo tiene %zu caracteres; el máximo es %d.", chars,
			PT_THREAD_REASON_MAX);
	}
	return PT_OK;
}

pt_status pt_thread_flag_reason_check(const char *s, size_t len, pt_error *err)
{
	if (pt_text_validate(s, len, NULL, err) != PT_OK) {
		return err->code;
	}
	if (len == 0 || len > PT_THREAD_REASON_MAX) {
		return pt_error_set(err, PT_ERR_INVALID, "Indica el motivo del reporte (hasta 1000 bytes).");
	}
	return PT_OK;
}

pt_status pt_thread_alignment_check(const pt_subject_settings *subject, const char *s, size_t len, pt_error *err)
{
	if (!subject->alignment) {
		return pt_error_set(err, PT_ERR_INVALID, "Este tema no admite postura (a favor, neutral o en contra).");
	}
	if (!is(s, len, "for") && !is(s, len, "neutral") && !is(s, len, "against")) {
		return pt_error_set(err, PT_ERR_INVALID, "La postura debe ser 'for' (a favor), 'neutral' o 'against' (en contra).");
	}
	return PT_OK;
}

pt_status pt_thread_reaction_parse(const char *s, size_t len, pt_thread_reaction *out, pt_error *err)
{
	static const char *const votes[] = { "up", "down", "none" };
	static const char *const stances[] = { "agree", "disagree", "pass" };
	static const int vote_values[] = { 1, -1, 0 };
	size_t i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < 3; i++) {
		if (is(s, len, votes[i])) {
			out->vote_set = true;
			out->vote = vote_values[i];
			return PT_OK;
		}
		if (is(s, len, stances[i])) {
			out->stance_set = true;
			out->stance = stances[i];
			return PT_OK;
		}
	}
	/* it comes from a button a person pressed (or a request they made): a refusal in Spanish */
	return pt_error_set(err, PT_ERR_INVALID, "La reacción debe ser 'up', 'down', 'none', 'agree', 'disagree' o 'pass'.");
}

/* ------------------------------------------------------------------ verdict */

static char *dup_str(const pt_allocator *a, const char *s, size_t len, pt_error *err)
{
	char *out = pt_strndup(a, s, len);

	if (!out) {
		pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	return out;
}

/* The unique redact rule names, whole names only within the column's 1000 characters. */
static pt_status verdict_redactions(pt_thread_verdict *v, const pt_allocator *a, pt_error *err)
{
	char names[PT_THREAD_REASON_MAX + 1];
	size_t used = 0, i;

	for (i = 0; i < v->res.hit_count; i++) {
		const pt_mod_hit *h = &v->res.hits[i];
		size_t have = used ? used + 1 : 0, n = strlen(h->name);

		if (h->action != PT_MOD_REDACT || h->kind != PT_MOD_HIT_MATCH || h->matches == 0
				|| have + n > PT_THREAD_REASON_MAX) {
			continue;
		}
		if (used) {
			names[used++] = ',';
		}
		memcpy(names + used, h->name, n);
		used += n;
	}
	if (used && !(v->redactions = dup_str(a, names, used, err))) {
		return err->code;
	}
	return PT_OK;
}

pt_status pt_thread_verdict_make(const pt_modrules *rules, pt_mod_scratch *scratch, const char *text, size_t len,
	const pt_allocator *a, pt_thread_verdict *v, pt_error *err)
{
	size_t i;

	memset(v, 0, sizeof(*v));
	if (pt_moderate_with(rules, scratch, text, len, a, &v->res, err) != PT_OK) {
		return err->code;
	}
	v->status = v->res.verdict == PT_MOD_REJECTED ? PT_COMMENT_REJECTED
		: v->res.verdict == PT_MOD_HELD ? PT_COMMENT_HELD : PT_COMMENT_PUBLISHED;
	for (i = 0; i < v->res.hit_count && !v->rule; i++) {
		const pt_mod_hit *h = &v->res.hits[i];

		if ((h->action != PT_MOD_REDACT || h->kind == PT_MOD_HIT_LIMIT)
				&& ((v->status == PT_COMMENT_REJECTED && h->action == PT_MOD_REJECT) || v->status == PT_COMMENT_HELD)
				&& !(v->rule = dup_str(a, h->name, strlen(h->name), err))) {
			pt_thread_verdict_free(v, a);
			return err->code;
		}
	}
	if (verdict_redactions(v, a, err) != PT_OK) {
		pt_thread_verdict_free(v, a);
		return err->code;
	}
	return PT_OK;
}

void pt_thread_verdict_free(pt_thread_verdict *v, const pt_allocator *a)
{
	pt_moderation_result_free(&v->res, a);
	pt_free(a, v->rule);
	pt_free(a, v->redactions);
	v->rule = v->redactions = NULL;
}

pt_status pt_thread_verdict_edit_check(const pt_thread_verdict *v, pt_error *err)
{
	if (v->status == PT_COMMENT_REJECTED) {
		/* the YAML's own message, not a catalogued one */
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "%s", v->res.reason ? v->res.reason : PT_MOD_DEFAULT_REJECT_MESSAGE);
	}
	return PT_OK;
}

pt_status pt_thread_text_make(const pt_config *cfg, pt_mod_scratch *scratch, const char *body, size_t len,
	const pt_allocator *a, pt_thread_text *t, pt_error *err)
{
	pt_mention *m = NULL;
	size_t n = 0, i;

	memset(t, 0, sizeof(*t));
	if (!(t->text = dup_str(a, body, len, err))) {
		return err->code;
	}
	if (pt_thread_body_prepare(&cfg->threads, t->text, len, &len, err) != PT_OK
			|| pt_thread_verdict_make(cfg->moderation.rules, scratch, t->text, len, a, &t->v, err) != PT_OK) {
		pt_free(a, t->text);
		t->text = NULL;
		return err->code;
	}
	/* mentions of the final text (after redaction); none when they cannot be read */
	if (pt_text_mentions(t->v.res.body, t->v.res.body_len, PT_THREAD_MAX_MENTIONS, a, &m, &n, NULL) != PT_OK) {
		n = 0;
	}
	for (i = 0; i < n; i++) {
		if (!(t->mentions[t->mention_count] = pt_strndup(a, t->v.res.body + m[i].offset, m[i].len))) {
			break;
		}
		t->mention_count++;
	}
	pt_free(a, m);
	return PT_OK;
}

void pt_thread_text_free(pt_thread_text *t, const pt_allocator *a)
{
	size_t i;

	for (i = 0; i < t->mention_count; i++) {
		pt_free(a, t->mentions[i]);
	}
	if (t->text) {
		pt_thread_verdict_free(&t->v, a);
	}
	pt_free(a, t->text);
	memset(t, 0, sizeof(*t));
}

const char *pt_thread_author_message(pt_cstatus status, const char *rule_message)
{
	if (status == PT_COMMENT_REJECTED) {
		return rule_message ? rule_message : PT_MOD_DEFAULT_REJECT_MESSAGE;
	}
	if (status == PT_COMMENT_HELD) {
		return "Tu comentario se publicará cuando lo revise una persona moderadora.";
	}
	return NULL;
}

/* ----------------------------------------------------------- who may do what */

const pt_thread_mod_spec pt_thread_approve = { "approve", "No se puede aprobar este comentario: está %s.",
	PT_COMMENT_PUBLISHED, (1u << PT_COMMENT_HELD) | (1u << PT_COMMENT_HIDDEN) };
const pt_thread_mod_spec pt_thread_reject = { "reject", "No se puede rechazar este comentario: está %s.",
	PT_COMMENT_REJECTED, (1u << PT_COMMENT_HELD) | (1u << PT_COMMENT_HIDDEN) | (1u << PT_COMMENT_PUBLISHED) };
const pt_thread_mod_spec pt_thread_hide = { "hide", "No se puede ocultar este comentario: está %s.",
	PT_COMMENT_HIDDEN, (1u << PT_COMMENT_PUBLISHED) | (1u << PT_COMMENT_HELD) };
const pt_thread_mod_spec pt_thread_restore = { "restore", "No se puede restaurar este comentario: está %s.",
	PT_COMMENT_PUBLISHED, (1u << PT_COMMENT_HIDDEN) | (1u << PT_COMMENT_REJECTED) };

/* A status in the words of a refusal (catalogued phrases: messages_threads.h), never its code. */
static const char *const status_words[PT_CSTATUS_COUNT] = {
	[PT_COMMENT_PUBLISHED] = "publicado", [PT_COMMENT_HELD] = "en revisión", [PT_COMMENT_REJECTED] = "rechazado",
	[PT_COMMENT_HIDDEN] = "oculto", [PT_COMMENT_DELETED] = "eliminado",
};

static pt_status refuse_banned(pt_error *err)
{
	return pt_error_set(err, PT_ERR_NOT_ALLOWED, "Tu participación está suspendida por moderación.");
}

static void premoderate(pt_thread_outcome *out)
{
	out->status = PT_COMMENT_HELD;
	out->rule = PT_THREAD_PREMOD_RULE;
	out->rule_message = PT_THREAD_PREMOD_MESSAGE;
}

static pt_status refuse_rate(uint32_t count, uint32_t period, pt_error *err)
{
	/* one whole message per unit, so each has its translation */
	if (period >= 86400) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED,
			"Llegaste al límite de %u comentarios por día; intenta de nuevo más tarde.", count);
	}
	if (period >= 3600) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED,
			"Llegaste al límite de %u comentarios por hora; intenta de nuevo más tarde.", count);
	}
	if (period >= 60) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED,
			"Llegaste al límite de %u comentarios por minuto; intenta de nuevo más tarde.", count);
	}
	return pt_error_set(err, PT_ERR_NOT_ALLOWED,
		"Llegaste al límite de %u comentarios por segundo; intenta de nuevo más tarde.", count);
}

pt_status pt_thread_check_post(const pt_thread_rules *r, const pt_thread_facts *f, const char *author,
	int64_t thread_id, int64_t parent_id, pt_thread_outcome *out, pt_error *err)
{
	const pt_threads_settings *ts = &r->cfg->threads;
	const pt_thread_target *t = &f->target;
	uint32_t perms;

	if (f->actor.banned) {
		return refuse_banned(err);
	}
	perms = pt_permissions(r->cfg, author, f->actor.roles, r->scope, NULL, NULL);
	if (!(perms & PT_PERM_COMMENT)) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "No tienes permiso para comentar.");
	}
	if (ts->rate_limit.count && f->recent >= ts->rate_limit.count) {
		return refuse_rate(ts->rate_limit.count, ts->rate_limit.period_s, err);
	}
	if (parent_id) {
		if (t->thread_id != thread_id) {
			return pt_error_set(err, PT_ERR_NOT_FOUND, "El comentario al que respondes no está en este hilo.");
		}
		if ((t->status == PT_COMMENT_HELD || t->status == PT_COMMENT_REJECTED)
				&& !(t->author && strcmp(t->author, author) == 0) && !(perms & PT_PERM_MODERATE)) {
			/* as page() has it: another's held comment is not there */
			return pt_error_set(err, PT_ERR_NOT_FOUND, "El comentario al que respondes no existe.");
		}
		if (t->status != PT_COMMENT_PUBLISHED) {
			return pt_error_set(err, PT_ERR_NOT_ALLOWED, "No se puede responder a este comentario.");
		}
		if (t->depth + 1 > ts->max_depth) {
			return pt_error_set(err, PT_ERR_INVALID,
				"Las respuestas se anidan hasta %u niveles; responde al comentario de arriba.", ts->max_depth);
		}
	}
	if (out->status == PT_COMMENT_PUBLISHED && (f->thread_premoderate || r->subject_premoderate)) {
		premoderate(out);
	}
	return PT_OK;
}

/* What each write needs of its actor and its target. */
typedef struct write_rule {
	uint32_t need;            /* permission bit the actor needs (0 = none) */
	bool author_only;         /* edit/delete: only the author (delete: or a moderator) */
	bool moderator_may;       /* delete: a moderator may too */
	bool published_only;      /* react/flag/official: target must be published */
} write_rule;

static const write_rule write_rules[] = {
	[PT_THREAD_EDIT] = { 0, true, false, false },
	[PT_THREAD_DELETE] = { 0, true, true, false },
	[PT_THREAD_OFFICIAL] = { PT_PERM_ANSWER, false, false, true },
	[PT_THREAD_REACT] = { PT_PERM_REACT, false, false, true },
	/* held, hidden, rejected or deleted: nothing to report to anyone */
	[PT_THREAD_FLAG] = { PT_PERM_FLAG, false, false, true },
	[PT_THREAD_MODERATE] = { PT_PERM_MODERATE, false, false, false },
};

static pt_status refuse_permission(uint32_t need, pt_error *err)
{
	switch (need) {
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

static pt_status refuse_window(uint32_t window, pt_error *err)
{
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

static pt_status check_edit(const pt_thread_rules *r, const pt_thread_facts *f, pt_thread_outcome *out, pt_error *err)
{
	const pt_thread_target *t = &f->target;
	uint32_t window = r->cfg->threads.edit_window_s;

	if (t->status == PT_COMMENT_DELETED || t->status == PT_COMMENT_REJECTED) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "Este comentario ya no se puede editar.");
	}
	if (window == 0) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "En este sitio los comentarios no se pueden editar.");
	}
	if (t->age_s > (int64_t)window) {
		return refuse_window(window, err);
	}
	/* a new text never leaves the queue by being edited; a held verdict
	 * sends it back, and so does pre-moderation: in a thread where every
	 * comment waits for a person, an approved comment's new text waits too */
	out->status = t->status;
	if (t->status == PT_COMMENT_PUBLISHED) {
		if (r->edit_status == PT_COMMENT_HELD) {
			out->status = PT_COMMENT_HELD;
		} else if (f->thread_premoderate || r->subject_premoderate) {
			premoderate(out);
		}
	}
	return PT_OK;
}

pt_status pt_thread_check_write(const pt_thread_rules *r, const pt_thread_facts *f, pt_thread_op op,
	const char *actor, pt_thread_outcome *out, pt_error *err)
{
	const pt_thread_target *t = &f->target;
	const write_rule *wr = &write_rules[op];
	uint32_t perms;
	bool is_author;

	if (op == PT_THREAD_MODERATE) {
		if (pt_thread_check_moderator(r->cfg, actor, &f->actor, r->scope, err) != PT_OK) {
			return err->code;
		}
		if (!(r->mod->from & (1u << t->status))) {
			return pt_error_set(err, PT_ERR_CONFLICT, r->mod->conflict,
				(unsigned)t->status < PT_CSTATUS_COUNT ? status_words[t->status] : "en revisión");
		}
		out->status = r->mod->to;
		return PT_OK;
	}
	if (r->thread_id && t->thread_id != r->thread_id) {
		return pt_error_set(err, PT_ERR_NOT_FOUND, "El comentario no existe en este hilo.");
	}
	perms = pt_permissions(r->cfg, actor, f->actor.roles, r->scope, NULL, NULL);
	is_author = t->author && strcmp(t->author, actor) == 0;
	/* what page() does not show someone does not exist for them: a held or
	 * rejected comment is not "not published" to a stranger, it is not there */
	if ((t->status == PT_COMMENT_HELD || t->status == PT_COMMENT_REJECTED) && !is_author
			&& !(!f->actor.banned && (perms & PT_PERM_MODERATE))) {
		return pt_error_set(err, PT_ERR_NOT_FOUND, "El comentario no existe en este hilo.");
	}
	if (f->actor.banned) {
		return refuse_banned(err);
	}
	if (wr->author_only && !is_author && !(wr->moderator_may && (perms & PT_PERM_MODERATE))) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, op == PT_THREAD_EDIT
			? "Solo quien escribió el comentario puede editarlo."
			: "Solo quien escribió el comentario puede eliminarlo.");
	}
	if (wr->need && !(perms & wr->need)) {
		return refuse_permission(wr->need, err);
	}
	if (wr->published_only && t->status != PT_COMMENT_PUBLISHED) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "Este comentario no está publicado.");
	}
	if (op == PT_THREAD_EDIT) {
		return check_edit(r, f, out, err);
	}
	if (op == PT_THREAD_DELETE && t->status == PT_COMMENT_DELETED) {
		return pt_error_set(err, PT_ERR_CONFLICT, "El comentario ya estaba eliminado.");
	}
	return PT_OK;
}

bool pt_thread_is_moderator(const pt_config *cfg, const char *actor, const pt_thread_actor *a, int32_t scope)
{
	return !a->banned && (pt_permissions(cfg, actor, a->roles, scope, NULL, NULL) & PT_PERM_MODERATE);
}

pt_status pt_thread_check_moderator(const pt_config *cfg, const char *actor, const pt_thread_actor *a,
	int32_t scope, pt_error *err)
{
	return pt_thread_is_moderator(cfg, actor, a, scope) ? PT_OK
		: pt_error_set(err, PT_ERR_NOT_ALLOWED, "No tienes permiso para moderar.");
}

/* Appends id to the comma-separated list at buf (used bytes *n). */
static void list_add(char *buf, size_t *n, const char *id)
{
	size_t len = strlen(id);

	if (*n) {
		buf[(*n)++] = ',';
	}
	memcpy(buf + *n, id, len);
	*n += len;
	buf[*n] = '\0';
}

bool pt_thread_fast_grants(const pt_config *cfg, const char *participant, int32_t scope, const pt_allocator *a,
	pt_thread_fast *fast, char **owned)
{
	const pt_role *def = pt_config_role(cfg, PT_DEFAULT_ROLE);
	bool assigned_any = false, every_role_comments = true;
	size_t i, size = 2, nc = 0, nk = 0;
	char *comment, *known;

	memset(fast, 0, sizeof(*fast));
	*owned = NULL;
	for (i = 0; i < cfg->role_count; i++) {
		if (strchr(cfg->roles[i].id, ',')) {
			return false;
		}
		size += strlen(cfg->roles[i].id) + 1;
	}
	if (!(*owned = pt_alloc(a, 2 * size))) {
		return false;
	}
	comment = *owned;
	known = *owned + size;
	/* no role at all: FIND_IN_SET(role, '') matches nothing, as meant */
	comment[0] = known[0] = '\0';
	for (i = 0; i < cfg->role_count; i++) {
		const pt_role *r = &cfg->roles[i];

		list_add(known, &nk, r->id);
		if (r->permissions & PT_PERM_COMMENT) {
			list_add(comment, &nc, r->id);
		} else {
			every_role_comments = false;
		}
	}
	for (i = 0; i < cfg->assignment_count; i++) {
		const pt_assignment *as = &cfg->assignments[i];

		if (strcmp(as->participant, participant) == 0 && pt_assignment_applies(cfg, as, scope)) {
			assigned_any = true;
			if (cfg->roles[as->role].permissions & PT_PERM_COMMENT) {
				fast->assigned = true;
			}
		}
	}
	fast->enabled = true;
	fast->default_ok = !assigned_any && def && (def->permissions & PT_PERM_COMMENT);
	/* no stored role can then take the right away: a known one may comment,
	 * an unknown one counts as none, and none falls back to the default */
	fast->anyone = fast->assigned || (fast->default_ok && every_role_comments);
	fast->comment_roles = comment;
	fast->known_roles = known;
	fast->max_depth = cfg->threads.max_depth;
	return true;
}

/* ------------------------------------------------------------ what one sees */

bool pt_thread_visible(pt_cstatus s, bool own, bool moderator)
{
	return pt_cstatus_public(s) || (s == PT_COMMENT_HELD && (own || moderator));
}

bool pt_thread_full_view(pt_cstatus s, bool own, bool moderator)
{
	return moderator || (own && s != PT_COMMENT_DELETED);
}

bool pt_thread_version_shown(bool full, const char *status)
{
	return full || strcmp(status, "published") == 0;
}

/* ------------------------------------------------------------- page options */

pt_status pt_thread_page_sort(const char *s, size_t len, int64_t scope, pt_sort *out, pt_error *err)
{
	*out = PT_SORT_OLDEST;
	if (s && !pt_sort_from_name(s, len, out)) {
		return pt_error_set(err, PT_ERR_INVALID,
			"La opción 'sort' debe ser oldest, newest, top, discussed o controversial.");
	}
	if (scope != 0 && *out != PT_SORT_OLDEST) {
		return pt_error_set(err, PT_ERR_INVALID,
			"Las respuestas siempre van en orden 'oldest' (de la más antigua a la más reciente).");
	}
	return PT_OK;
}

static pt_status page_limit(const char *key, int64_t v, int64_t lo, int64_t hi, pt_error *err)
{
	if (v >= lo && v <= hi) {
		return PT_OK;
	}
	return pt_error_set(err, PT_ERR_INVALID, "La opción '%s' debe estar entre %ld y %ld.", key, (long)lo, (long)hi);
}

pt_status pt_thread_page_limits(const pt_threads_settings *ts, int64_t limit, int64_t depth, int64_t replies,
	pt_error *err)
{
	if (page_limit("limit", limit, 1, PT_THREAD_MAX_ROOTS, err) != PT_OK
			|| page_limit("depth", depth, 0, (int64_t)ts->max_depth, err) != PT_OK
			|| page_limit("replies", replies, 0, PT_THREAD_PAGE_REPLIES_MAX, err) != PT_OK) {
		return err->code;
	}
	return PT_OK;
}

pt_status pt_thread_cursor_read(const char *s, size_t len, const pt_cursor_seal *seal, int64_t scope, bool sort_given,
	pt_sort sort, pt_cursor *c, pt_error *err)
{
	if (pt_cursor_decode(s, len, seal, c, err) != PT_OK) {
		return err->code;
	}
	if (c->scope != scope) {
		return pt_error_set(err, PT_ERR_INVALID, scope
			? "Este cursor es de las respuestas de otro comentario; vuelve a la primera página."
			: "Este cursor es de una lista de respuestas, no de la página del hilo.");
	}
	if (sort_given && c->sort != sort) {
		return pt_error_set(err, PT_ERR_INVALID, "Este cursor es de otro orden; vuelve a la primera página.");
	}
	return PT_OK;
}

/* ------------------------------------------------------- moderation listings */

pt_status pt_thread_queue_kind_parse(const char *s, size_t len, pt_thread_queue_kind *out, pt_error *err)
{
	static const char *const names[] = { "held", "hidden", "rejected", "flagged" };
	unsigned i;

	*out = PT_THREAD_QUEUE_HELD;
	if (!s) {
		return PT_OK;
	}
	for (i = 0; i < 4; i++) {
		if (is(s, len, names[i])) {
			*out = (pt_thread_queue_kind)i;
			return PT_OK;
		}
	}
	return pt_error_set(err, PT_ERR_INVALID, "El filtro 'status' debe ser held, hidden, flagged o rejected.");
}

pt_status pt_thread_list_limit_check(int64_t limit, pt_error *err)
{
	return limit >= 1 && limit <= 200 ? PT_OK
		: pt_error_set(err, PT_ERR_INVALID, "El filtro 'limit' debe estar entre 1 y 200.");
}

pt_status pt_thread_log_comment_check(int64_t comment, pt_error *err)
{
	return comment >= 0 ? PT_OK
		: pt_error_set(err, PT_ERR_INVALID, "El filtro 'comment' debe ser el número de un comentario.");
}

pt_status pt_thread_list_cursor_read(const char *s, size_t len, const pt_cursor_seal *seal, pt_sort sort,
	pt_cursor *c, pt_error *err)
{
	if (pt_cursor_decode(s, len, seal, c, err) != PT_OK) {
		return err->code;
	}
	return c->sort == sort && c->scope == 0 ? PT_OK
		: pt_error_set(err, PT_ERR_INVALID, "Este cursor es de otra lista; vuelve a la primera página.");
}

void pt_thread_list_init(pt_thread_list *l, pt_sort sort, uint32_t limit)
{
	memset(l, 0, sizeof(*l));
	l->sort = sort;
	l->limit = limit;
	l->seal.bind = l->bind;
}

void pt_thread_list_start(pt_thread_list *l, bool log, pt_thread_queue_kind kind, int64_t comment, uint32_t limit)
{
	unsigned char tag[9] = { 'Q', (unsigned char)kind };
	size_t i;

	pt_thread_list_init(l, log ? PT_SORT_NEWEST : PT_SORT_OLDEST, limit);
	if (log) {
		tag[0] = 'L';
		for (i = 0; i < 8; i++) {
			tag[1 + i] = (unsigned char)((uint64_t)comment >> (56 - 8 * i));
		}
	}
	pt_thread_list_bind(l, tag, log ? 9 : 2);
}

void pt_thread_list_bind(pt_thread_list *l, const void *p, size_t len)
{
	if (!p) {
		/* absent and empty differ: absent is one byte 0xff, never a valid filter */
		p = "\xff";
		len = 1;
	}
	/* each part length-prefixed: ("ab", "c") and ("a", "bc") bind differently */
	if (l->seal.bind_len + 2 + len <= sizeof(l->bind)) {
		l->bind[l->seal.bind_len++] = (unsigned char)(len >> 8);
		l->bind[l->seal.bind_len++] = (unsigned char)len;
		memcpy(l->bind + l->seal.bind_len, p, len);
		l->seal.bind_len += len;
	}
}

bool pt_thread_list_take(pt_thread_list *l, int64_t created_us, int64_t id)
{
	if (l->count == l->limit) {
		l->more = true;
		return false;
	}
	l->count++;
	l->last.created_us = created_us;
	l->last.id = id;
	return true;
}

pt_cursor pt_thread_list_next(const pt_thread_list *l)
{
	pt_cursor c = l->last;

	c.sort = l->sort;
	c.scope = 0;
	c.key = 0;
	return c;
}

void pt_thread_seal_init(pt_cursor_seal *seal, const uint8_t *key, uint8_t bind[9], int64_t thread_id)
{
	size_t i;

	bind[0] = 'T';   /* a thread's lists; the moderation lists use other tags */
	for (i = 0; i < 8; i++) {
		bind[1 + i] = (uint8_t)((uint64_t)thread_id >> (56 - 8 * i));
	}
	seal->key = key;
	seal->bind = bind;
	seal->bind_len = 9;
}
