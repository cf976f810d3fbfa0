/*
 * participa core: moderation rules (see moderation.h).
 *
 * Compiled patterns live in libc memory for the life of the configuration.
 * The redacted text and the result come from the caller's allocator, so
 * under PHP they count against memory_limit. The match state (match data,
 * match context, JIT stack) comes from the same allocator per call, or from
 * a pt_mod_scratch the caller keeps per thread: creating a JIT stack maps
 * and unmaps memory, a system call pair per comment that a worker posting
 * comment after comment need not pay.
 */
#include "moderation.h"
#include "text.h"

#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- names ------------------------------------------------------------------ */

static const char *const action_names[PT_MOD_ACTION_COUNT] = { "redact", "reject", "hold" };

const char *pt_mod_action_name(pt_mod_action action)
{
	return (unsigned)action < PT_MOD_ACTION_COUNT ? action_names[action] : NULL;
}

bool pt_mod_action_from_name(const char *name, size_t len, pt_mod_action *out)
{
	unsigned i;

	for (i = 0; i < PT_MOD_ACTION_COUNT; i++) {
		if (strlen(action_names[i]) == len && memcmp(action_names[i], name, len) == 0) {
			*out = (pt_mod_action)i;
			return true;
		}
	}
	return false;
}

const char *pt_mod_verdict_name(pt_mod_verdict verdict)
{
	switch (verdict) {
	case PT_MOD_PUBLISH: return "published";
	case PT_MOD_HELD: return "held";
	case PT_MOD_REJECTED: return "rejected";
	}
	return NULL;
}

/* ---- presets ------------------------------------------------------------------ */

/*
 * telefono_mx: ten digits (Mexico's national numbering since 2019: area code
 * of 2 or 3 digits + subscriber number) with at most one space, dot or dash
 * between digits, or the area code in parentheses; optionally preceded by
 * the country code 52 (with "+" or "00", and the old mobile "1"). Not glued
 * to other word characters, so folio numbers inside longer digit runs stay.
 *
 * correo: the local part must start a run (the lookbehind), so a long run of
 * word characters is scanned once, not once per starting position.
 *
 * curp: 4 letters, birth date (6 digits), sex (H, M, or X as some states now
 * issue), 5 letters (state + consonants), homoclave and check digit.
 */
const pt_mod_preset pt_mod_presets[] = {
	{ "telefono_mx",
	  "(?<![\\w+])(?:(?:\\+|00)[ ]?)?(?:52[ .-]?(?:1[ .-]?)?)?"
	  "(?:\\d(?:[ .-]?\\d){9}"
	  "|\\((?:\\d{2}\\)[ .-]?\\d(?:[ .-]?\\d){7}|\\d{3}\\)[ .-]?\\d(?:[ .-]?\\d){6}))(?!\\w)",
	  "Mexican phone numbers: 10 digits, optional +52, spaces, dashes, dots, (area code)" },
	{ "correo",
	  "(?<![\\w.+-])[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+",
	  "e-mail addresses" },
	{ "curp",
	  "(?i)\\b[A-Z]{4}\\d{6}[HMX][A-Z]{5}[A-Z0-9]\\d\\b",
	  "CURP (Clave Única de Registro de Población), 18 characters, any case" },
	{ NULL, NULL, NULL }
};

const pt_mod_preset *pt_mod_preset_find(const char *name, size_t len)
{
	const pt_mod_preset *p;

	for (p = pt_mod_presets; p->name; p++) {
		if (strlen(p->name) == len && memcmp(p->name, name, len) == 0) {
			return p;
		}
	}
	return NULL;
}

/* ---- the rule set ----------------------------------------------------------- */

typedef struct rule {
	char *name;
	pt_mod_action action;
	char *pattern;          /* source (copy) */
	const char *preset;     /* static preset name or NULL */
	char *message;          /* reject only */
	char *mask;             /* redact only */
	size_t mask_len;
	pcre2_code *code;
	bool jit;
} rule;

struct pt_modrules {
	rule *items;
	size_t count, cap;
	uint32_t match_limit;
	uint32_t depth_limit;
	uint32_t time_budget_ms;
	size_t jit_stack_max;
	char *mask;
	bool no_jit;
	bool any_jit;
};

pt_status pt_modrules_new(const pt_modrules_options *opts, pt_modrules **out, pt_error *err)
{
	pt_modrules *rs;
	const char *mask = opts && opts->mask ? opts->mask : PT_MOD_DEFAULT_MASK;

	*out = NULL;
	if (pt_text_validate(mask, strlen(mask), NULL, NULL) != PT_OK) {
		return pt_error_set(err, PT_ERR_INVALID, "the redaction mask is not valid UTF-8 text");
	}
	rs = calloc(1, sizeof(*rs));
	if (!rs) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory creating moderation rules");
	}
	rs->match_limit = opts && opts->match_limit ? opts->match_limit : PT_MOD_DEFAULT_MATCH_LIMIT;
	rs->depth_limit = opts && opts->depth_limit ? opts->depth_limit : PT_MOD_DEFAULT_DEPTH_LIMIT;
	rs->jit_stack_max = opts && opts->jit_stack_max ? opts->jit_stack_max : PT_MOD_DEFAULT_JIT_STACK;
	rs->time_budget_ms = opts && opts->time_budget_ms ? opts->time_budget_ms : PT_MOD_DEFAULT_TIME_BUDGET_MS;
	rs->no_jit = opts && opts->no_jit;
	rs->mask = pt_strndup(NULL, mask, strlen(mask));
	if (!rs->mask) {
		free(rs);
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory creating moderation rules");
	}
	*out = rs;
	return PT_OK;
}

static void rule_free(rule *r)
{
	free(r->name);
	free(r->pattern);
	free(r->message);
	free(r->mask);
	pcre2_code_free(r->code);
}

void pt_modrules_free(pt_modrules *rules)
{
	size_t i;

	if (!rules) {
		return;
	}
	for (i = 0; i < rules->count; i++) {
		rule_free(&rules->items[i]);
	}
	free(rules->items);
	free(rules->mask);
	free(rules);
}

static bool jit_enabled = true;

void pt_moderation_set_jit(bool enabled)
{
	jit_enabled = enabled;
}

static bool jit_available(void)
{
	uint32_t jit = 0;

	return pcre2_config(PCRE2_CONFIG_JIT, &jit) >= 0 && jit;
}

pt_status pt_modrules_add(pt_modrules *rules, const pt_modrule_spec *spec, size_t *pattern_offset,
	pt_error *err)
{
	rule r;
	const char *src;
	size_t src_len;
	int code;
	PCRE2_SIZE offset;
	pcre2_compile_context *cctx;

	memset(&r, 0, sizeof(r));
	if (pattern_offset) {
		*pattern_offset = 0;
	}
	if (!spec->name || spec->name_len == 0
		|| pt_text_validate(spec->name, spec->name_len, NULL, NULL) != PT_OK) {
		return pt_error_set(err, PT_ERR_INVALID, "a moderation rule needs a name (valid UTF-8 text)");
	}
	if ((unsigned)spec->action >= PT_MOD_ACTION_COUNT) {
		return pt_error_set(err, PT_ERR_INVALID, "rule '%.*s': unknown action", (int)spec->name_len, spec->name);
	}
	if ((spec->pattern != NULL) == (spec->preset != NULL)) {
		return pt_error_set(err, PT_ERR_INVALID, "rule '%.*s' needs exactly one of pattern or preset",
			(int)spec->name_len, spec->name);
	}
	if (spec->message && spec->action != PT_MOD_REJECT) {
		return pt_error_set(err, PT_ERR_INVALID, "rule '%.*s': a message applies only to reject rules",
			(int)spec->name_len, spec->name);
	}
	if (spec->mask && spec->action != PT_MOD_REDACT) {
		return pt_error_set(err, PT_ERR_INVALID, "rule '%.*s': a mask applies only to redact rules",
			(int)spec->name_len, spec->name);
	}
	if ((spec->message && pt_text_validate(spec->message, spec->message_len, NULL, NULL) != PT_OK)
		|| (spec->mask && pt_text_validate(spec->mask, spec->mask_len, NULL, NULL) != PT_OK)) {
		return pt_error_set(err, PT_ERR_INVALID, "rule '%.*s': message and mask must be valid UTF-8 text",
			(int)spec->name_len, spec->name);
	}
	if (spec->preset) {
		const pt_mod_preset *p = pt_mod_preset_find(spec->preset, spec->preset_len);

		if (!p) {
			return pt_error_set(err, PT_ERR_INVALID, "rule '%.*s': unknown preset '%.*s'",
				(int)spec->name_len, spec->name, (int)spec->preset_len, spec->preset);
		}
		r.preset = p->name;
		src = p->pattern;
		src_len = strlen(src);
	} else {
		src = spec->pattern;
		src_len = spec->pattern_len;
	}

	cctx = pcre2_compile_context_create(NULL);
	if (!cctx) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory compiling rule '%.*s'",
			(int)spec->name_len, spec->name);
	}
	/* A pattern is admin input: PCRE2 checks its UTF-8 itself (the error
	 * offset then points at the bad byte). */
	r.code = pcre2_compile((PCRE2_SPTR)src, src_len, PCRE2_UTF | PCRE2_UCP, &code, &offset, cctx);
	pcre2_compile_context_free(cctx);
	if (!r.code) {
		PCRE2_UCHAR msg[256];

		if (pcre2_get_error_message(code, msg, sizeof(msg)) < 0) {
			snprintf((char *)msg, sizeof(msg), "PCRE2 error %d", code);
		}
		if (pattern_offset) {
			*pattern_offset = offset;
		}
		if (code == PCRE2_ERROR_NOMEMORY) {
			return pt_error_set(err, PT_ERR_NOMEM, "out of memory compiling rule '%.*s'",
				(int)spec->name_len, spec->name);
		}
		return pt_error_set(err, PT_ERR_CONFIG,
			"invalid regular expression in rule '%.*s': %s at offset %zu of the pattern",
			(int)spec->name_len, spec->name, (const char *)msg, (size_t)offset);
	}
	if (!rules->no_jit && jit_enabled && jit_available()) {
		/* Fall back silently: the interpreter honours the same limits. */
		r.jit = pcre2_jit_compile(r.code, PCRE2_JIT_COMPLETE) == 0;
	}
	r.action = spec->action;
	r.name = pt_strndup(NULL, spec->name, spec->name_len);
	r.pattern = pt_strndup(NULL, src, src_len);
	if (spec->action == PT_MOD_REJECT) {
		r.message = spec->message ? pt_strndup(NULL, spec->message, spec->message_len)
			: pt_strndup(NULL, PT_MOD_DEFAULT_REJECT_MESSAGE, strlen(PT_MOD_DEFAULT_REJECT_MESSAGE));
	}
	if (spec->action == PT_MOD_REDACT) {
		const char *m = spec->mask ? spec->mask : rules->mask;
		size_t ml = spec->mask ? spec->mask_len : strlen(rules->mask);

		r.mask = pt_strndup(NULL, m, ml);
		r.mask_len = ml;
	}
	if (!r.name || !r.pattern || (spec->action == PT_MOD_REJECT && !r.message)
		|| (spec->action == PT_MOD_REDACT && !r.mask)) {
		goto nomem;
	}
	if (rules->count == rules->cap) {
		size_t cap = rules->cap ? rules->cap * 2 : 8;
		rule *items = realloc(rules->items, cap * sizeof(*items));

		if (!items) {
			goto nomem;
		}
		rules->items = items;
		rules->cap = cap;
	}
	rules->items[rules->count++] = r;
	rules->any_jit |= r.jit;
	return PT_OK;

nomem:
	rule_free(&r);
	return pt_error_set(err, PT_ERR_NOMEM, "out of memory compiling rule '%.*s'",
		(int)spec->name_len, spec->name);
}

size_t pt_modrules_count(const pt_modrules *rules)
{
	return rules ? rules->count : 0;
}

bool pt_modrules_info(const pt_modrules *rules, size_t i, pt_modrule_info *out)
{
	const rule *r;

	if (!rules || i >= rules->count) {
		return false;
	}
	r = &rules->items[i];
	out->name = r->name;
	out->action = r->action;
	out->pattern = r->pattern;
	out->preset = r->preset;
	out->message = r->message;
	out->mask = r->mask;
	out->jit = r->jit;
	return true;
}

uint32_t pt_modrules_match_limit(const pt_modrules *rules)
{
	return rules ? rules->match_limit : PT_MOD_DEFAULT_MATCH_LIMIT;
}

uint32_t pt_modrules_depth_limit(const pt_modrules *rules)
{
	return rules ? rules->depth_limit : PT_MOD_DEFAULT_DEPTH_LIMIT;
}

/* ---- evaluation ------------------------------------------------------------- */

/* PCRE2's memory callbacks over the caller's allocator. */
static void *gc_malloc(PCRE2_SIZE size, void *data)
{
	return pt_alloc((const pt_allocator *)data, size);
}

static void gc_free(void *ptr, void *data)
{
	pt_free((const pt_allocator *)data, ptr);
}

/* Per-call state. */
typedef struct run {
	const pt_modrules *rules;
	const pt_allocator *a;
	pcre2_general_context *gctx;
	pcre2_match_context *mctx;
	pcre2_jit_stack *jstack;
	pcre2_match_data *md;
	char *text;             /* current text (allocator), NUL-terminated */
	size_t len;
	pt_mod_hit *hits;
	size_t hit_count, hit_cap;
	pt_mod_redaction *red;
	size_t red_count, red_cap;
	struct timespec start;
	bool out_of_time;
	bool nomem;
} run;

static bool grow(const pt_allocator *a, void **items, size_t *cap, size_t count, size_t size)
{
	size_t ncap;
	void *n;

	if (count < *cap) {
		return true;
	}
	ncap = *cap ? *cap * 2 : 4;
	n = pt_realloc(a, *items, ncap * size);
	if (!n) {
		return false;
	}
	*items = n;
	*cap = ncap;
	return true;
}

static pt_mod_hit *add_hit(run *R, size_t i, pt_mod_hit_kind kind)
{
	const rule *r = &R->rules->items[i];
	pt_mod_hit *h;

	if (!grow(R->a, (void **)&R->hits, &R->hit_cap, R->hit_count, sizeof(*R->hits))) {
		R->nomem = true;
		return NULL;
	}
	h = &R->hits[R->hit_count++];
	h->rule = i;
	h->name = r->name;
	h->action = r->action;
	h->kind = kind;
	h->matches = 0;
	h->message = r->action == PT_MOD_REJECT ? r->message : NULL;
	return h;
}

static bool over_budget(run *R)
{
	struct timespec now;
	long long ms;

	if (R->out_of_time) {
		return true;
	}
	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (long long)(now.tv_sec - R->start.tv_sec) * 1000 + (now.tv_nsec - R->start.tv_nsec) / 1000000;
	if (ms >= (long long)R->rules->time_budget_ms) {
		R->out_of_time = true;
	}
	return R->out_of_time;
}

static pt_mod_hit_kind failure_kind(int rc)
{
	switch (rc) {
	case PCRE2_ERROR_MATCHLIMIT:
	case PCRE2_ERROR_DEPTHLIMIT:
	case PCRE2_ERROR_HEAPLIMIT:
	case PCRE2_ERROR_JIT_STACKLIMIT:
		return PT_MOD_HIT_LIMIT;
	default:
		return PT_MOD_HIT_ERROR;
	}
}

/* One match attempt from offset; rc as pcre2_match. */
static int match_at(run *R, const rule *r, size_t offset, uint32_t options)
{
	/* The text was validated once up front: skip PCRE2's own UTF check on
	 * every call (it would make redaction loops quadratic). */
	return pcre2_match(r->code, (PCRE2_SPTR)R->text, R->len, offset, options | PCRE2_NO_UTF_CHECK,
		R->md, R->mctx);
}

/* Applies redact rule i to R->text. */
static void apply_redact(run *R, size_t i)
{
	const rule *r = &R->rules->items[i];
	char *out = NULL;
	size_t out_len = 0, out_cap = 0, pos = 0, copied = 0;
	pt_mod_hit *hit = NULL;

	for (;;) {
		PCRE2_SIZE *ov;
		size_t s, e, need;
		int rc = match_at(R, r, pos, PCRE2_NOTEMPTY);

		if (rc == PCRE2_ERROR_NOMATCH) {
			break;
		}
		if (rc == PCRE2_ERROR_NOMEMORY) {
			R->nomem = true;
			break;
		}
		if (rc < 0) {
			/* Keep what was redacted so far; the rest waits for a moderator. */
			pt_mod_hit *h = hit ? hit : add_hit(R, i, failure_kind(rc));

			if (h) {
				h->kind = failure_kind(rc);
			}
			break;
		}
		ov = pcre2_get_ovector_pointer(R->md);
		s = ov[0];
		e = ov[1];
		if (s < pos || e <= s || e > R->len) {
			/* \K tricks can report odd spans; never redact those, and move on. */
			break;
		}
		if (!hit && !(hit = add_hit(R, i, PT_MOD_HIT_MATCH))) {
			break;
		}
		hit->matches++;
		if (!grow(R->a, (void **)&R->red, &R->red_cap, R->red_count, sizeof(*R->red))) {
			R->nomem = true;
			break;
		}
		R->red[R->red_count].rule = i;
		R->red[R->red_count].name = r->name;
		R->red[R->red_count].offset = s;
		R->red[R->red_count].length = e - s;
		R->red_count++;
		need = out_len + (s - copied) + r->mask_len + 1;
		if (need > out_cap) {
			size_t ncap = out_cap ? out_cap : R->len + r->mask_len + 16;
			char *n;

			while (ncap < need) {
				ncap *= 2;
			}
			n = pt_realloc(R->a, out, ncap);
			if (!n) {
				R->nomem = true;
				break;
			}
			out = n;
			out_cap = ncap;
		}
		memcpy(out + out_len, R->text + copied, s - copied);
		out_len += s - copied;
		memcpy(out + out_len, r->mask, r->mask_len);
		out_len += r->mask_len;
		copied = e;
		pos = e;
		if (pos >= R->len) {
			break;
		}
		if (over_budget(R)) {
			/* The rest of the text is unchecked: hold it. */
			add_hit(R, i, PT_MOD_HIT_BUDGET);
			break;
		}
	}
	if (R->nomem || !out) {
		pt_free(R->a, out);
		return;
	}
	/* Tail, then swap the text. */
	if (out_len + (R->len - copied) + 1 > out_cap) {
		char *n = pt_realloc(R->a, out, out_len + (R->len - copied) + 1);

		if (!n) {
			pt_free(R->a, out);
			R->nomem = true;
			return;
		}
		out = n;
	}
	memcpy(out + out_len, R->text + copied, R->len - copied);
	out_len += R->len - copied;
	out[out_len] = '\0';
	pt_free(R->a, R->text);
	R->text = out;
	R->len = out_len;
}

/* Applies a reject or hold rule: one search. */
static void apply_test(run *R, size_t i)
{
	int rc = match_at(R, &R->rules->items[i], 0, 0);

	if (rc == PCRE2_ERROR_NOMATCH) {
		return;
	}
	if (rc == PCRE2_ERROR_NOMEMORY) {
		R->nomem = true;
		return;
	}
	if (rc < 0) {
		add_hit(R, i, failure_kind(rc));
		return;
	}
	{
		pt_mod_hit *h = add_hit(R, i, PT_MOD_HIT_MATCH);

		if (h) {
			h->matches = 1;
		}
	}
}

/* Appends "; " + text to a growing allocator string. */
static bool append_reason(const pt_allocator *a, char **s, size_t *len, const char *fmt, const char *name)
{
	int need = snprintf(NULL, 0, fmt, name);
	size_t sep = *len ? 2 : 0;
	char *n;

	if (need < 0) {
		return false;
	}
	n = pt_realloc(a, *s, *len + sep + (size_t)need + 1);
	if (!n) {
		return false;
	}
	if (sep) {
		memcpy(n + *len, "; ", 2);
	}
	snprintf(n + *len + sep, (size_t)need + 1, fmt, name);
	*s = n;
	*len += sep + (size_t)need;
	return true;
}

static bool build_reason(run *R, pt_moderation_result *out)
{
	size_t i, len = 0;
	char *s = NULL;

	if (out->verdict == PT_MOD_REJECTED) {
		for (i = 0; i < R->hit_count; i++) {
			if (R->hits[i].action == PT_MOD_REJECT && R->hits[i].kind == PT_MOD_HIT_MATCH) {
				out->reason = pt_strndup(R->a, R->hits[i].message, strlen(R->hits[i].message));
				return out->reason != NULL;
			}
		}
		return true;
	}
	if (out->verdict != PT_MOD_HELD) {
		return true;
	}
	for (i = 0; i < R->hit_count; i++) {
		const pt_mod_hit *h = &R->hits[i];
		const char *fmt = NULL;

		switch (h->kind) {
		case PT_MOD_HIT_MATCH:
			fmt = h->action == PT_MOD_HOLD ? "rule '%s' matched" : NULL;
			break;
		case PT_MOD_HIT_LIMIT:
			fmt = "rule '%s' hit the match limit";
			break;
		case PT_MOD_HIT_BUDGET:
			fmt = "moderation time budget exceeded at rule '%s'";
			break;
		case PT_MOD_HIT_ERROR:
			fmt = "rule '%s' could not be evaluated";
			break;
		}
		if (fmt && !append_reason(R->a, &s, &len, fmt, h->name)) {
			pt_free(R->a, s);
			return false;
		}
	}
	out->reason = s;
	return true;
}

void pt_moderation_result_free(pt_moderation_result *res, const pt_allocator *a)
{
	if (!res) {
		return;
	}
	pt_free(a, res->body);
	pt_free(a, res->hits);
	pt_free(a, res->redactions);
	pt_free(a, res->reason);
	memset(res, 0, sizeof(*res));
}

struct pt_mod_scratch {
	pcre2_match_context *mctx;
	pcre2_match_data *md;
	pcre2_jit_stack *jstack;
	size_t jstack_max;      /* the size jstack was made for; 0 = none */
};

pt_status pt_mod_scratch_new(pt_mod_scratch **out, pt_error *err)
{
	pt_mod_scratch *s = calloc(1, sizeof(*s));

	*out = NULL;
	if (s) {
		s->mctx = pcre2_match_context_create(NULL);
		s->md = pcre2_match_data_create(1, NULL);
	}
	if (!s || !s->mctx || !s->md) {
		pt_mod_scratch_free(s);
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory preparing moderation");
	}
	*out = s;
	return PT_OK;
}

void pt_mod_scratch_free(pt_mod_scratch *scratch)
{
	if (!scratch) {
		return;
	}
	pcre2_jit_stack_free(scratch->jstack);
	pcre2_match_data_free(scratch->md);
	pcre2_match_context_free(scratch->mctx);
	free(scratch);
}

/* Per-call match state of R: the scratch's, or made now from R->a. */
static bool run_prepare(run *R, pt_mod_scratch *scratch)
{
	const pt_modrules *rules = R->rules;

	if (scratch) {
		R->mctx = scratch->mctx;
		R->md = scratch->md;
	} else {
		R->gctx = pcre2_general_context_create(gc_malloc, gc_free, (void *)R->a);
		R->mctx = R->gctx ? pcre2_match_context_create(R->gctx) : NULL;
		R->md = R->gctx ? pcre2_match_data_create(1, R->gctx) : NULL;
		if (!R->mctx || !R->md) {
			return false;
		}
	}
	pcre2_set_match_limit(R->mctx, rules->match_limit);
	pcre2_set_depth_limit(R->mctx, rules->depth_limit);
	/* Interpreter backtracking frames live on the heap: bound them too
	 * (KiB; PCRE2's default is 20 GB). */
	pcre2_set_heap_limit(R->mctx, 16 * 1024);
	if (!rules->any_jit) {
		pcre2_jit_stack_assign(R->mctx, NULL, NULL);
		return true;
	}
	/* A JIT stack belongs to one thread at a time: the scratch's (one per
	 * thread) or one made for this call. If it cannot be made, PCRE2 uses
	 * 32 KiB of machine stack, which is bounded as well. */
	if (scratch) {
		if (scratch->jstack_max != rules->jit_stack_max) {
			pcre2_jit_stack_free(scratch->jstack);
			scratch->jstack = pcre2_jit_stack_create(32 * 1024, rules->jit_stack_max, NULL);
			scratch->jstack_max = scratch->jstack ? rules->jit_stack_max : 0;
		}
		pcre2_jit_stack_assign(R->mctx, NULL, scratch->jstack);
	} else {
		R->jstack = pcre2_jit_stack_create(32 * 1024, rules->jit_stack_max, R->gctx);
		pcre2_jit_stack_assign(R->mctx, NULL, R->jstack);
	}
	return true;
}

pt_status pt_moderate(const pt_modrules *rules, const char *text, size_t len,
	const pt_allocator *a, pt_moderation_result *out, pt_error *err)
{
	return pt_moderate_with(rules, NULL, text, len, a, out, err);
}

pt_status pt_moderate_with(const pt_modrules *rules, pt_mod_scratch *scratch, const char *text,
	size_t len, const pt_allocator *a, pt_moderation_result *out, pt_error *err)
{
	run R;
	pt_status st;
	size_t i;
	int pass;
	bool reject = false, hold = false;

	memset(out, 0, sizeof(*out));
	if ((st = pt_text_validate(text, len, NULL, err)) != PT_OK) {
		return st;
	}
	memset(&R, 0, sizeof(R));
	R.rules = rules;
	R.a = a;
	R.text = pt_strndup(a, text, len);
	R.len = len;
	if (!R.text) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory moderating a comment");
	}
	if (rules && rules->count) {
		if (!run_prepare(&R, scratch)) {
			R.nomem = true;
			goto done;
		}
		clock_gettime(CLOCK_MONOTONIC, &R.start);
		/* redact, then reject, then hold */
		for (pass = 0; pass < PT_MOD_ACTION_COUNT && !R.nomem; pass++) {
			for (i = 0; i < rules->count && !R.nomem; i++) {
				if (rules->items[i].action != (pt_mod_action)pass) {
					continue;
				}
				if (R.out_of_time) {
					add_hit(&R, i, PT_MOD_HIT_BUDGET);
					goto evaluated;
				}
				if (pass == PT_MOD_REDACT) {
					apply_redact(&R, i);
				} else {
					apply_test(&R, i);
				}
				over_budget(&R);
			}
		}
	}
evaluated:
	if (R.nomem) {
		goto done;
	}
	for (i = 0; i < R.hit_count; i++) {
		if (R.hits[i].kind != PT_MOD_HIT_MATCH) {
			hold = true;
		} else if (R.hits[i].action == PT_MOD_REJECT) {
			reject = true;
		} else if (R.hits[i].action == PT_MOD_HOLD) {
			hold = true;
		}
	}
	out->verdict = reject ? PT_MOD_REJECTED : hold ? PT_MOD_HELD : PT_MOD_PUBLISH;
	if (!build_reason(&R, out)) {
		R.nomem = true;
		goto done;
	}
	out->body = R.text;
	out->body_len = R.len;
	out->hits = R.hits;
	out->hit_count = R.hit_count;
	out->redactions = R.red;
	out->redaction_count = R.red_count;
	R.text = NULL;
	R.hits = NULL;
	R.red = NULL;

done:
	if (!scratch) {
		pcre2_jit_stack_free(R.jstack);
		pcre2_match_data_free(R.md);
		pcre2_match_context_free(R.mctx);
		pcre2_general_context_free(R.gctx);
	}
	pt_free(a, R.text);
	pt_free(a, R.hits);
	pt_free(a, R.red);
	if (R.nomem) {
		pt_moderation_result_free(out, a);
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory moderating a comment");
	}
	return PT_OK;
}
