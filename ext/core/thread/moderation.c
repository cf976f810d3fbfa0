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
#include "core/thread/moderation.h"
#include "core/common/pt_buf.h"
#include "core/common/text.h"

#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- names ------------------------------------------------------------------ */

static const char *const action_names[PT_MOD_ACTION_COUNT] = { "redact", "reject", "hold" };

PT_NAMES_DEFINE(pt_mod_action, pt_mod_action, action_names, PT_MOD_ACTION_COUNT)

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
 * of 2 or 3 digits + subscriber number), optionally preceded by the country
 * code 52 (with "+" or "00", and the old mobile "1") or by the old prefixes
 * 01, 044 and 045 (still written: "044 55 1234 5678", "0445512345678").
 * Between digits up to three separators: spaces of any kind (\h: no-break,
 * narrow no-break, thin, ideographic...), dots, dashes of any kind (hyphen,
 * non-breaking hyphen, en dash, minus, full-width hyphen), and the invisible
 * format characters a text can carry (soft hyphen, zero-width space and
 * joiners, word joiner, BOM), so "55 1234 5678" with U+00A0 or U+200B between
 * the groups is still a phone number. Or the area code in parentheses
 * (ASCII or full-width). Digits are ASCII or full-width.
 *
 * Not: digits glued to other word characters (folio numbers inside longer
 * runs); a number right after an upper-case code and a dash or slash
 * ("INF-2026-000123", "EXP/2026/0001234": case files and folios); a year, a
 * dash and a six-digit serial ("2026-000123").
 *
 * correo: the local part must start a run (the lookbehind), so a long run of
 * word characters is scanned once, not once per starting position. The at
 * sign may be full-width (U+FF20) or small (U+FE6B), the dots full-width.
 *
 * curp: 4 letters, birth date (6 digits), sex (H, M, or X as some states now
 * issue), 5 letters (state + consonants), homoclave and check digit.
 */
#define PHONE_SEP "[\\h.\\-\\x{2010}-\\x{2015}\\x{2212}\\x{FF0D}\\x{FF0E}\\x{00AD}\\x{200B}-\\x{200D}\\x{2060}\\x{FEFF}]{0,3}"
#define PHONE_DASH "[\\-\\x{2010}-\\x{2015}\\x{2212}\\x{FF0D}/]"
/* ASCII and full-width digits: \\d under PCRE2_UCP would also take every
 * other script's digits and cost PCRE2 its table of possible first bytes,
 * so every position of a comment would be tried. */
#define PHONE_DIGIT "[0-9\\x{FF10}-\\x{FF19}]"

const pt_mod_preset pt_mod_presets[] = {
	{ "telefono_mx",
	  "(?<![\\w+\\x{FF0B}])(?<![\\p{Lu}\\d]" PHONE_DASH ")"
	  "(?:(?:\\+|\\x{FF0B}|00)" PHONE_SEP ")?"
	  "(?:52" PHONE_SEP "(?:1" PHONE_SEP ")?|0" PHONE_SEP "(?:1|4" PHONE_SEP "[45])" PHONE_SEP ")?"
	  "(?!(?:19|20)\\d\\d" PHONE_DASH "\\d{6}(?!\\d))"
	  "(?:" PHONE_DIGIT "(?:" PHONE_SEP PHONE_DIGIT "){9}"
	  "|[(\\x{FF08}]" PHONE_SEP "(?:" PHONE_DIGIT "{2}" PHONE_SEP "[)\\x{FF09}]" PHONE_SEP PHONE_DIGIT
	  "(?:" PHONE_SEP PHONE_DIGIT "){7}"
	  "|" PHONE_DIGIT "{3}" PHONE_SEP "[)\\x{FF09}]" PHONE_SEP PHONE_DIGIT "(?:" PHONE_SEP PHONE_DIGIT "){6}))(?!\\w)",
	  "Mexican phone numbers: 10 digits, optional +52, 01, 044, 045, any spaces, dashes, dots, (area code)" },
	{ "correo",
	  "(?<![\\w.+-])[\\w.+-]+[@\\x{FF20}\\x{FE6B}][\\w-]+(?:[.\\x{FF0E}][\\w-]+)+",
	  "e-mail addresses (also with a full-width at sign)" },
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
	bool anchored;          /* PCRE2 tries one start position only (^, \A, \G ...) */
	unsigned line, column;  /* where the YAML wrote it (0 = not from a file) */
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
	if (opts && opts->match_limit > PT_MOD_MATCH_LIMIT_MAX) {
		return pt_error_set(err, PT_ERR_INVALID, "the match limit may be at most %u", PT_MOD_MATCH_LIMIT_MAX);
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
	/* \C (one code unit) could end a match inside a UTF-8 character: the
	 * next search would start there, and the redacted body would not be
	 * UTF-8. PCRE2_NEVER_BACKSLASH_C refuses it at compile time. */
	r.code = pcre2_compile((PCRE2_SPTR)src, src_len, PCRE2_UTF | PCRE2_UCP | PCRE2_USE_OFFSET_LIMIT
		| PCRE2_NEVER_BACKSLASH_C, &code, &offset, cctx);
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
	{
		uint32_t all = 0;

		r.anchored = pcre2_pattern_info(r.code, PCRE2_INFO_ALLOPTIONS, &all) == 0
			&& (all & PCRE2_ANCHORED) != 0;
	}
	r.line = spec->line;
	r.column = spec->column;
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
	if (pt_array_grow(NULL, &rules->items, &rules->cap, rules->count, sizeof(*rules->items), 8) != PT_OK) {
		goto nomem;
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
	out->line = r->line;
	out->column = r->column;
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
	return pt_array_grow(a, items, cap, count, size, 4) == PT_OK;
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

/*
 * The search: every pcre2_match() call is bounded in work, not only in steps
 * per start position.
 *
 * PCRE2 restarts its match-limit counter at every start position of an
 * unanchored search (pcre2api, pcre2_set_match_limit), with the JIT too, so
 * one call over n characters may do n times the limit: 2,000 characters of
 * "aaaaaaaaaaaaaaac" runs against (a+)+b kept one call busy for 120 ms with
 * the JIT and 600 ms without, at the default limit, and the time budget was
 * only looked at between calls. PCRE2_ANCHORED at each position would bound
 * it, but the JIT refuses PCRE2_ANCHORED at match time (pcre2jit), and a call
 * per position loses PCRE2's start-of-match scans.
 *
 * So a search walks the text in chunks of start positions: one pcre2_match()
 * per chunk with an offset limit (pcre2_set_offset_limit(), which the JIT
 * supports; the pattern is compiled with PCRE2_USE_OFFSET_LIMIT) and a match
 * limit such that positions x limit <= CALL_STEPS. The clock is read between
 * calls. Chunks are tiered so that ordinary text costs a few calls: 1,024
 * positions at 256 steps each; a chunk that hits that limit is searched again
 * in chunks of 64 positions at 4,096 steps, then 4 at 65,536, and finally at
 * the rule set's match_limit, where a limit hit is a real one (the comment is
 * held). A match found in a chunk is the leftmost one, as in one unanchored
 * call, because every earlier position of the chunk and of the chunks before
 * was tried to completion. (Backtracking verbs that act across start
 * positions, (*COMMIT) and (*SKIP), act within a chunk.)
 *
 * Measured: CALL_STEPS steps take about 4 ms with the JIT and 20 ms without,
 * which is how far the time budget can be overrun.
 */
#define CALL_STEPS (1u << 18)
#define FIRST_TIER_LIMIT 256u
#define TIER_FACTOR 16u
#define RC_BUDGET (-1000)      /* not a PCRE2 code: the time budget ran out */

static size_t char_start(const run *R, size_t at)
{
	while (at < R->len && ((unsigned char)R->text[at] & 0xC0) == 0x80) {
		at++;
	}
	return at;
}

static int search_tier(run *R, const rule *r, size_t from, size_t to, uint32_t options,
	uint32_t limit)
{
	uint32_t top = R->rules->match_limit;
	uint32_t lim = limit < top ? limit : top;
	size_t span = (lim >= CALL_STEPS ? 1 : CALL_STEPS / lim), s = from;

	while (s <= to) {
		size_t e = to - s < span - 1 ? to : s + span - 1;
		int rc;

		pcre2_set_match_limit(R->mctx, lim);
		pcre2_set_offset_limit(R->mctx, e);
		/* The text was validated once up front: skip PCRE2's own UTF check
		 * on every call (it would make redaction loops quadratic). s is
		 * always the first byte of a character. */
		rc = pcre2_match(r->code, (PCRE2_SPTR)R->text, R->len, s, options | PCRE2_NO_UTF_CHECK,
			R->md, R->mctx);
		if (rc == PCRE2_ERROR_MATCHLIMIT && lim < top) {
			/* Some position of this chunk needs more: look closer. Depth is
			 * bounded by the number of tiers (at most 4). */
			rc = search_tier(R, r, s, e, options, lim * TIER_FACTOR);
		}
		if (rc != PCRE2_ERROR_NOMATCH) {
			return rc;
		}
		if (e >= to) {
			break;
		}
		if (over_budget(R)) {
			return RC_BUDGET;
		}
		s = char_start(R, e + 1);
	}
	return PCRE2_ERROR_NOMATCH;
}

/* The leftmost match of r at or after offset; rc as pcre2_match(), or RC_BUDGET. */
static int search(run *R, const rule *r, size_t offset, uint32_t options)
{
	if (r->anchored) {
		/* One start position: one call at the rule set's limit. */
		pcre2_set_match_limit(R->mctx, R->rules->match_limit);
		pcre2_set_offset_limit(R->mctx, PCRE2_UNSET);
		return pcre2_match(r->code, (PCRE2_SPTR)R->text, R->len, offset,
			options | PCRE2_NO_UTF_CHECK, R->md, R->mctx);
	}
	return search_tier(R, r, offset, R->len, options, FIRST_TIER_LIMIT);
}

/*
 * A redacted span followed at once by an at sign was the local part of an
 * address ("5512345678@gmail.com" under telefono_mx): the rest of the address
 * is redacted with it. Left alone, the mask would stand before "@gmail.com",
 * which still tells half of the address and reads as an @mention of
 * "gmail.com". The domain is ASCII letters, digits, '_', '-', '.', ':' and
 * Latin-1 letters (U+00C0..U+00FF), with full-width stops; trailing '.', '-'
 * and ':' stay (sentence punctuation). Returns the new end (e when nothing
 * follows the at sign).
 */
static size_t glued_address_end(const char *t, size_t len, size_t e)
{
	size_t at = 0, k, end;

	if (e < len && t[e] == '@') {
		at = 1;
	} else if (len - e >= 3 && (memcmp(t + e, "\xEF\xBC\xA0", 3) == 0      /* U+FF20 ＠ */
		|| memcmp(t + e, "\xEF\xB9\xAB", 3) == 0)) {                  /* U+FE6B ﹫ */
		at = 3;
	}
	if (!at) {
		return e;
	}
	k = end = e + at;
	while (k < len) {
		unsigned char c = (unsigned char)t[k];

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_') {
			end = ++k;
		} else if (c == '.' || c == '-' || c == ':') {
			k++;
		} else if (c == 0xC3 && k + 1 < len && (unsigned char)t[k + 1] != 0x97
			&& (unsigned char)t[k + 1] != 0xB7) {
			end = k += 2;      /* À..ÿ but × and ÷ */
		} else if (len - k >= 3 && memcmp(t + k, "\xEF\xBC\x8E", 3) == 0) {
			k += 3;            /* U+FF0E ． */
		} else {
			break;
		}
	}
	return end > e + at ? end : e;
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
		int rc = search(R, r, pos, PCRE2_NOTEMPTY);

		if (rc == PCRE2_ERROR_NOMATCH) {
			break;
		}
		if (rc == PCRE2_ERROR_NOMEMORY) {
			R->nomem = true;
			break;
		}
		if (rc == RC_BUDGET) {
			/* The rest of the text is unchecked: hold it. */
			add_hit(R, i, PT_MOD_HIT_BUDGET);
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
		e = glued_address_end(R->text, R->len, e);
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
	int rc = search(R, &R->rules->items[i], 0, 0);

	if (rc == PCRE2_ERROR_NOMATCH) {
		return;
	}
	if (rc == PCRE2_ERROR_NOMEMORY) {
		R->nomem = true;
		return;
	}
	if (rc == RC_BUDGET) {
		add_hit(R, i, PT_MOD_HIT_BUDGET);
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

/* ---- probing (participa check) ------------------------------------------- */

/*
 * The probe's copy of a pattern is compiled with PCRE2_AUTO_CALLOUT (a
 * callout before every item: the count of callouts is the work) and
 * PCRE2_NO_AUTO_POSSESS: a repeat PCRE2 made possessive scans its run
 * without a callout per character, so "[\w.]+@" on "a.a.a.a..." would do
 * quadratic work while counting linear; without possessification every
 * backtracking step into the repeat is counted.
 */
typedef struct probe_run {
	pcre2_code *code;       /* the rule's pattern with PCRE2_AUTO_CALLOUT, interpreter only */
	pcre2_match_context *mctx;
	pcre2_match_data *md;
	uint64_t steps;         /* callouts so far in this probe */
	uint64_t cap;           /* stop the probe past this */
	pt_mod_action action;
} probe_run;

/* Called before every item of the pattern: the count is the work done. */
static int probe_callout(pcre2_callout_block *block, void *data)
{
	probe_run *P = data;

	(void)block;
	return ++P->steps > P->cap ? PCRE2_ERROR_CALLOUT : 0;
}

/* Texts that make backtracking patterns show themselves: runs of one kind of
 * character (\w+, \d+, \s+, [.-]+ ...) and of two alternating kinds
 * ((\w+\s?)*, (\d+[ .-]?)+ ...). */
static const char *const probe_bodies[] = {
	"a", "A", "1", " ", ".", "-", "_", "@", "\xC3\xA9", "\n", ",", "/",
	"a ", "1 ", "a.", "1-", "a1", "a@", "1.", "a-", "a,", ". ", "a\n", "aA",
};
#define PROBE_BODIES (sizeof(probe_bodies) / sizeof(probe_bodies[0]))

/* Searches text as pt_moderate() would (every match for redact rules);
 * returns the first PCRE2 failure (< 0, not NOMATCH), or 0. */
static int probe_search(probe_run *P, const char *text, size_t len)
{
	size_t pos = 0;

	for (;;) {
		int rc = pcre2_match(P->code, (PCRE2_SPTR)text, len, pos,
			P->action == PT_MOD_REDACT ? PCRE2_NOTEMPTY : 0, P->md, P->mctx);
		PCRE2_SIZE *ov;

		if (rc == PCRE2_ERROR_NOMATCH) {
			return 0;
		}
		if (rc < 0) {
			return rc;
		}
		if (P->action != PT_MOD_REDACT) {
			return 0;
		}
		ov = pcre2_get_ovector_pointer(P->md);
		if (ov[1] <= pos || ov[1] >= len) {
			return 0;
		}
		pos = ov[1];
		while (pos < len && ((unsigned char)text[pos] & 0xC0) == 0x80) {
			pos++;
		}
	}
}

/* prefix + body repeated to chars characters + breaker + suffix, in buf. */
static size_t probe_text(char *buf, size_t cap, const char *prefix, const char *body, size_t chars,
	const char *breaker, const char *suffix)
{
	size_t len = 0, n = 0, blen = strlen(body), bchars = pt_text_chars(body, blen);
	const char *parts[3] = { prefix, breaker, suffix };
	size_t k;

	len = strlen(prefix);
	memcpy(buf, prefix, len);
	while (n + bchars <= chars && len + blen + 8 < cap) {
		memcpy(buf + len, body, blen);
		len += blen;
		n += bchars;
	}
	for (k = 1; k < 3; k++) {
		size_t plen = strlen(parts[k]);

		memcpy(buf + len, parts[k], plen);
		len += plen;
	}
	buf[len] = '\0';
	return len;
}

/* "'aaaaaaaaaa…a!' (502 characters)": the probe's first ten and last two
 * characters, newlines as \n. */
static void describe_probe(const char *text, size_t len, char *out, size_t size)
{
	size_t chars = pt_text_chars(text, len), i = 0, c = 0, o = 0;

	out[o++] = '\'';
	while (i < len && o + 12 < size) {
		size_t n = 1;

		while (i + n < len && ((unsigned char)text[i + n] & 0xC0) == 0x80) {
			n++;
		}
		if (c == 10 && chars > 12) {
			/* skip to the last two characters */
			size_t k = len, seen = 0;

			while (k > i && seen < 2) {
				k--;
				if (((unsigned char)text[k] & 0xC0) != 0x80) {
					seen++;
				}
			}
			memcpy(out + o, "\xE2\x80\xA6", 3);   /* … */
			o += 3;
			i = k;
			c++;
			continue;
		}
		if (text[i] == '\n') {
			out[o++] = '\\';
			out[o++] = 'n';
		} else {
			memcpy(out + o, text + i, n);
			o += n;
		}
		i += n;
		c++;
	}
	snprintf(out + o, size - o, "' (%zu characters)", chars);
}

/* A required code unit of the pattern as a one-character string, if it is
 * printable ASCII (a lone byte of a multi-byte character is not text). */
static void code_unit_text(const pcre2_code *code, uint32_t what, uint32_t info, char out[2])
{
	uint32_t kind = 0, unit = 0;

	out[0] = '\0';
	if (pcre2_pattern_info(code, what, &kind) == 0 && kind == 1
		&& pcre2_pattern_info(code, info, &unit) == 0 && unit >= 0x20 && unit < 0x7F) {
		out[0] = (char)unit;
		out[1] = '\0';
	}
}

/*
 * Steps at max chars from w1 steps at n2 chars and w0 at n1 = n2 / 4: the
 * growth per fourfold length, w1 / w0 (at least 4: linear), applied once per
 * factor of 4 up to max, the last partial factor along the chord (above the
 * curve, so the projection errs high). No libm: the CLI links without it.
 */
static double project(uint64_t w0, uint64_t w1, size_t n1, size_t n2, size_t max)
{
	double ratio = w0 > 0 ? (double)w1 / (double)w0 : 4.0, projected = (double)w1;
	double len = (double)n2;

	if (ratio < 4.0 || n2 < 4 * n1) {
		ratio = 4.0;
	}
	while (len * 4.0 <= (double)max) {
		projected *= ratio;
		len *= 4.0;
	}
	if (len < (double)max) {
		projected *= 1.0 + (ratio - 1.0) * ((double)max / len - 1.0) / 3.0;
	}
	return projected;
}

pt_status pt_modrules_probe(const pt_modrules *rules, size_t i, size_t max_chars, pt_mod_probe *out,
	pt_error *err)
{
	probe_run P;
	const rule *r;
	char first[2], last[2], *buf = NULL;
	const char *bodies[PROBE_BODIES + 2];
	size_t nbodies = 0, n2, n1, b, cap;
	int code;
	PCRE2_SIZE offset;
	pt_status st = PT_OK;

	memset(out, 0, sizeof(*out));
	memset(&P, 0, sizeof(P));
	if (!rules || i >= rules->count) {
		return pt_error_set(err, PT_ERR_INVALID, "no moderation rule %zu", i);
	}
	r = &rules->items[i];
	n2 = max_chars && max_chars < PT_MOD_PROBE_CHARS ? max_chars : PT_MOD_PROBE_CHARS;
	n1 = n2 / 4 ? n2 / 4 : 1;
	out->chars = max_chars ? max_chars : n2;
	P.action = r->action;
	/* Past PT_MOD_PROBE_WORK steps on a text no longer than max_chars the
	 * rule is slow whatever the projection says: stop there. */
	P.cap = (uint64_t)PT_MOD_PROBE_WORK + 1;
	P.code = pcre2_compile((PCRE2_SPTR)r->pattern, strlen(r->pattern),
		PCRE2_UTF | PCRE2_UCP | PCRE2_AUTO_CALLOUT | PCRE2_NO_AUTO_POSSESS | PCRE2_NEVER_BACKSLASH_C,
		&code, &offset, NULL);
	P.mctx = pcre2_match_context_create(NULL);
	P.md = P.code ? pcre2_match_data_create_from_pattern(P.code, NULL) : NULL;
	cap = (n2 + 4) * 8 + 64;
	buf = malloc(cap);
	if (!P.code || !P.mctx || !P.md || !buf) {
		st = pt_error_set(err, PT_ERR_NOMEM, "out of memory probing rule '%s'", r->name);
		goto done;
	}
	pcre2_set_match_limit(P.mctx, rules->match_limit);
	pcre2_set_depth_limit(P.mctx, rules->depth_limit);
	pcre2_set_heap_limit(P.mctx, 16 * 1024);
	pcre2_set_callout(P.mctx, probe_callout, &P);

	if (r->action != PT_MOD_REDACT) {
		/* "" or all of three unrelated short texts (an empty alternative
		 * between \b's matches at every word) */
		static const char *const plain[] = { "a", "Buenos días.", "1" };
		size_t k, hits = 0;

		for (k = 0; k < 3; k++) {
			P.steps = 0;
			hits += pcre2_match(P.code, (PCRE2_SPTR)plain[k], strlen(plain[k]), 0, 0, P.md, P.mctx) >= 0;
		}
		P.steps = 0;
		out->matches_empty = hits == 3 || pcre2_match(P.code, (PCRE2_SPTR)"", 0, 0, 0, P.md, P.mctx) >= 0;
	}
	code_unit_text(P.code, PCRE2_INFO_FIRSTCODETYPE, PCRE2_INFO_FIRSTCODEUNIT, first);
	code_unit_text(P.code, PCRE2_INFO_LASTCODETYPE, PCRE2_INFO_LASTCODEUNIT, last);
	for (b = 0; b < PROBE_BODIES; b++) {
		bodies[nbodies++] = probe_bodies[b];
	}
	if (first[0]) {
		bodies[nbodies++] = first;
	}
	if (last[0] && last[0] != first[0]) {
		bodies[nbodies++] = last;
	}
	for (b = 0; b < nbodies && !out->limit && out->work <= PT_MOD_PROBE_WORK; b++) {
		static const char *const breakers[] = { "", "!" };
		size_t k;

		for (k = 0; k < 2 && !out->limit && out->work <= PT_MOD_PROBE_WORK; k++) {
			uint64_t w[2] = { 0, 0 };
			size_t len;
			int rc = 0, pass;
			double projected;

			for (pass = 0; pass < 2 && rc == 0; pass++) {
				len = probe_text(buf, cap, first, bodies[b], pass ? n2 : n1, breakers[k], last);
				P.steps = 0;
				rc = probe_search(&P, buf, len);
				w[pass] = P.steps;
			}
			if (rc == PCRE2_ERROR_NOMEMORY) {
				st = pt_error_set(err, PT_ERR_NOMEM, "out of memory probing rule '%s'", r->name);
				goto done;
			}
			if (rc < 0 && rc != PCRE2_ERROR_CALLOUT) {
				out->limit = true;     /* match, depth or heap limit */
				projected = (double)P.steps;
			} else if (rc == PCRE2_ERROR_CALLOUT) {
				projected = (double)P.cap;
				out->capped = true;
			} else {
				projected = project(w[0], w[1], n1, n2, out->chars);
			}
			if (projected > (double)out->work || out->limit) {
				out->work = projected > 1e18 ? (uint64_t)1e18 : (uint64_t)projected;
				describe_probe(buf, len, out->probe, sizeof(out->probe));
				out->probe_chars = pt_text_chars(buf, len);
			}
		}
	}
	out->slow = !out->limit && out->work > PT_MOD_PROBE_WORK;

done:
	free(buf);
	pcre2_match_data_free(P.md);
	pcre2_match_context_free(P.mctx);
	pcre2_code_free(P.code);
	return st;
}
