/*
 * participa core: rule-based moderation of citizen comments (PCRE2).
 *
 * The admin writes rules in the YAML (see config.h, section `moderation:`).
 * They are compiled ONCE per configuration parse into a pt_modrules held in
 * persistent libc memory (it lives in pt_config and is shared by every
 * request of the worker); JIT-compiled when PCRE2 supports it, falling back
 * silently to the interpreter.
 *
 * Every match runs under a match limit and a depth limit (and, with JIT, a
 * JIT stack of bounded size), so a pattern that backtracks catastrophically
 * on a crafted comment fails fast with PCRE2_ERROR_MATCHLIMIT (or
 * DEPTHLIMIT / JIT_STACKLIMIT) instead of hanging the worker. Such a failure
 * never publishes the comment and never loses it: the verdict becomes HOLD
 * with the reason "rule 'x' hit the match limit", and a moderator decides.
 * PCRE2 counts the match limit per start position, so a search is cut into
 * calls that each try at most 2^18 / limit start positions (moderation.c,
 * "The search"): no single pcre2_match() does more than about 2^18 steps,
 * and the time budget is checked between calls.
 *
 * pt_modrules_probe() runs one rule over adversarial texts and says whether
 * its work is out of proportion (`participa check` reports such rules).
 *
 * Actions (a table of handlers in moderation.c, one per action):
 *   redact  replace every match with a mask ("[dato personal oculto]" or the
 *           rule's own), reporting each redaction (rule, offset, length);
 *   reject  refuse the comment with a message to the author (Spanish);
 *   hold    put the comment in the pre-moderation queue.
 *
 * Evaluation order: all redact rules in declaration order, each on the text
 * as redacted by the previous ones; then every reject rule; then every hold
 * rule, both on the redacted text. Every rule that fired is reported. The
 * verdict is REJECT if a reject rule matched, else HOLD if a hold rule
 * matched or any rule hit a limit, else PUBLISH.
 *
 * Patterns are compiled with PCRE2_UTF | PCRE2_UCP (so \w, \b and (?i)
 * understand "ñ" and "é"); texts must be valid UTF-8 (check them first with
 * pt_text_validate(); pt_moderate() re-validates and refuses invalid input
 * with PT_ERR_INVALID rather than risk undefined matching).
 *
 * Thread safety: a built pt_modrules is immutable and may be used by many
 * threads at once. The match state (match data, match context, JIT stack)
 * is per call, or comes from a pt_mod_scratch that one thread owns and
 * reuses (pt_moderate_with()): a worker that moderates every comment it
 * receives then does not map and unmap a JIT stack for each of them.
 */
#ifndef PT_MODERATION_H
#define PT_MODERATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/common/pt_base.h"

typedef enum pt_mod_action {
	PT_MOD_REDACT = 0,
	PT_MOD_REJECT,
	PT_MOD_HOLD
} pt_mod_action;
#define PT_MOD_ACTION_COUNT 3

/* pt_mod_action_name(), pt_mod_action_from_name(): "redact", "reject", "hold"
 * (see PT_NAMES_DECLARE in pt_base.h). */
PT_NAMES_DECLARE(pt_mod_action, pt_mod_action);

typedef enum pt_mod_verdict {
	PT_MOD_PUBLISH = 0,   /* publish the (possibly redacted) body */
	PT_MOD_HELD,          /* keep it for a moderator (pre-moderation queue) */
	PT_MOD_REJECTED       /* refuse it; tell the author the reject message */
} pt_mod_verdict;

/* "published", "held", "rejected" (the status words the store uses). */
const char *pt_mod_verdict_name(pt_mod_verdict verdict);

/* Defaults, also used by the YAML when a key is absent. */
#define PT_MOD_DEFAULT_MATCH_LIMIT 100000u
#define PT_MOD_MATCH_LIMIT_MAX     1000000u  /* one start position costs at most ~25 ms then */
#define PT_MOD_DEFAULT_DEPTH_LIMIT 1000u
#define PT_MOD_DEFAULT_JIT_STACK   (256u * 1024u)   /* bytes, maximum JIT stack */
#define PT_MOD_DEFAULT_TIME_BUDGET_MS 250u   /* see pt_moderate() */
#define PT_MOD_DEFAULT_MASK        "[dato personal oculto]"
#define PT_MOD_DEFAULT_REJECT_MESSAGE \
	"Tu comentario no se publicó porque no cumple las reglas de participación."

/*
 * Process-wide switch for PCRE2's JIT (default on). The PHP binding sets it
 * from the INI setting participa.pcre_jit at startup; turning it off serves
 * the same purpose as PHP's pcre.jit=0: valgrind cannot follow JIT code (it
 * reports reads past the subject that the JIT's vector loads make on purpose).
 * Affects rule sets compiled after the call.
 */
void pt_moderation_set_jit(bool enabled);

/* Options of a rule set (limits apply to every rule). */
typedef struct pt_modrules_options {
	uint32_t match_limit;   /* steps per start position; 0 = PT_MOD_DEFAULT_MATCH_LIMIT;
	                           at most PT_MOD_MATCH_LIMIT_MAX */
	uint32_t depth_limit;   /* pcre2_set_depth_limit(); 0 = PT_MOD_DEFAULT_DEPTH_LIMIT */
	size_t jit_stack_max;   /* bytes; 0 = PT_MOD_DEFAULT_JIT_STACK */
	const char *mask;       /* default redaction mask (valid UTF-8); NULL = PT_MOD_DEFAULT_MASK */
	uint32_t time_budget_ms;/* whole pt_moderate() call; 0 = PT_MOD_DEFAULT_TIME_BUDGET_MS */
	bool no_jit;            /* true: never JIT (tests compare both paths) */
} pt_modrules_options;

/* One rule as written in the YAML. Exactly one of pattern / preset is set. */
typedef struct pt_modrule_spec {
	const char *name;       /* rule name, reported in results; required */
	size_t name_len;
	const char *pattern;    /* PCRE2 pattern, or NULL when preset is given */
	size_t pattern_len;
	const char *preset;     /* built-in pattern name (pt_mod_presets[]), or NULL */
	size_t preset_len;
	pt_mod_action action;
	const char *message;    /* reject: text for the author (NULL = default); else must be NULL */
	size_t message_len;
	const char *mask;       /* redact: this rule's mask (NULL = the set's); else must be NULL */
	size_t mask_len;
	unsigned line, column;  /* where the rule's pattern stands in the YAML (0 = unknown) */
} pt_modrule_spec;

/* A built-in pattern the YAML can name with `preset:`. */
typedef struct pt_mod_preset {
	const char *name;       /* "telefono_mx", "correo", "curp" */
	const char *pattern;    /* PCRE2 source (compiled with UTF|UCP) */
	const char *summary;    /* one line for docs and `participa info` */
} pt_mod_preset;

/* The presets, terminated by an entry whose name is NULL. */
extern const pt_mod_preset pt_mod_presets[];

/* Preset by name (len bytes); NULL if unknown. O(presets). */
const pt_mod_preset *pt_mod_preset_find(const char *name, size_t len);

/* An immutable (once built) compiled rule set. Opaque. */
typedef struct pt_modrules pt_modrules;

/*
 * Creates an empty rule set with the given options (NULL = defaults). The
 * set and everything in it live in libc memory (persistent: it outlives
 * requests). Free with pt_modrules_free(). Errors: PT_ERR_NOMEM;
 * PT_ERR_INVALID for a mask that is not valid UTF-8 or a match limit above
 * PT_MOD_MATCH_LIMIT_MAX.
 */
pt_status pt_modrules_new(const pt_modrules_options *opts, pt_modrules **out, pt_error *err);

/*
 * Compiles one rule and appends it. On a bad pattern returns PT_ERR_CONFIG
 * with err->message "invalid regular expression in rule 'x': <PCRE2's
 * message> at offset N of the pattern" and *pattern_offset = N (byte offset
 * of the error inside the pattern source), so the configuration loader can
 * point at the exact line:column. pattern_offset may be NULL. Other errors:
 * PT_ERR_INVALID (unknown preset, both or neither of pattern/preset, a
 * message on a non-reject rule, a mask on a non-redact rule, empty name,
 * invalid UTF-8 in name/message/mask), PT_ERR_NOMEM. The set is unchanged on
 * failure. Cost: one pcre2_compile (+ JIT compile).
 */
pt_status pt_modrules_add(pt_modrules *rules, const pt_modrule_spec *spec, size_t *pattern_offset,
	pt_error *err);

/* Frees a rule set. NULL is fine. */
void pt_modrules_free(pt_modrules *rules);

/* Number of rules. */
size_t pt_modrules_count(const pt_modrules *rules);

/* Read-only view of rule i (i < count), for `participa info` and tests. */
typedef struct pt_modrule_info {
	const char *name;
	pt_mod_action action;
	const char *pattern;    /* the source compiled (a preset's text for presets) */
	const char *preset;     /* preset name or NULL */
	const char *message;    /* reject message actually used (default filled in), else NULL */
	const char *mask;       /* redact mask actually used, else NULL */
	bool jit;               /* JIT-compiled */
	unsigned line, column;  /* as given in the spec */
} pt_modrule_info;
bool pt_modrules_info(const pt_modrules *rules, size_t i, pt_modrule_info *out);

/* Limits actually in force (defaults resolved). */
uint32_t pt_modrules_match_limit(const pt_modrules *rules);
uint32_t pt_modrules_depth_limit(const pt_modrules *rules);

/* How a rule that fired ended. */
typedef enum pt_mod_hit_kind {
	PT_MOD_HIT_MATCH = 0,   /* the pattern matched */
	PT_MOD_HIT_LIMIT,       /* the match/depth/heap/JIT-stack limit stopped it (counts as HOLD) */
	PT_MOD_HIT_BUDGET,      /* the call's time budget ran out at this rule (counts as HOLD) */
	PT_MOD_HIT_ERROR        /* PCRE2 failed otherwise (counts as HOLD; a bug or a PCRE2 quirk) */
} pt_mod_hit_kind;

/* One rule that fired. Pointers point into the pt_modrules (valid while it lives). */
typedef struct pt_mod_hit {
	size_t rule;            /* index in the rule set */
	const char *name;       /* rule name */
	pt_mod_action action;
	pt_mod_hit_kind kind;
	size_t matches;         /* redact: matches replaced (before a limit hit); else 1 or 0 */
	const char *message;    /* reject: the message for the author; else NULL */
} pt_mod_hit;

/* One replaced span. */
typedef struct pt_mod_redaction {
	size_t rule;            /* index in the rule set */
	const char *name;       /* rule name (points into the pt_modrules) */
	size_t offset;          /* byte offset of the match in the text this rule was applied to
	                           (the input after earlier redact rules; the original for the first) */
	size_t length;          /* byte length of the replaced match */
} pt_mod_redaction;

/*
 * The outcome of pt_moderate(). Arrays and strings are allocated with the
 * allocator passed to pt_moderate(); free them with
 * pt_moderation_result_free() and the same allocator.
 */
typedef struct pt_moderation_result {
	pt_mod_verdict verdict;
	char *body;             /* final text (redactions applied), NUL-terminated, valid UTF-8 */
	size_t body_len;
	pt_mod_hit *hits;       /* every rule that fired, in evaluation order */
	size_t hit_count;
	pt_mod_redaction *redactions;  /* every replaced span, in order */
	size_t redaction_count;
	char *reason;           /* NULL for PUBLISH. REJECT: the first reject message (Spanish,
	                           for the author). HOLD: why, for moderators: "rule 'x' matched"
	                           or "rule 'x' hit the match limit" (several joined with "; ") */
} pt_moderation_result;

/*
 * Moderates text[0..len). On success fills *out (which need not be
 * initialised) and returns PT_OK; the verdict says what to do. A limit hit
 * is a verdict (HOLD), not an error. Errors: PT_ERR_INVALID (text is not
 * valid UTF-8 or contains a forbidden control character: err->index is the
 * byte offset, the message is Spanish), PT_ERR_NOMEM; on error *out is
 * zeroed and owns nothing. An unexpected PCRE2 error is not an error of
 * the call: it holds the comment (PT_MOD_HIT_ERROR) so nothing unchecked
 * is published and nothing is lost.
 * rules may be NULL (no rules: PUBLISH the text unchanged).
 *
 * Cost: each pcre2_match() call does at most max(2^18, match limit) steps
 * (a search is split into calls over chunks of start positions); a redact
 * rule searches once per replaced span plus once (empty matches are never
 * redacted: PCRE2_NOTEMPTY). The whole call has a time budget
 * (time_budget_ms, checked after every pcre2_match() call, so it is overrun
 * by at most one call, a few ms): when it runs out, the rest of the text and
 * the remaining rules are left unchecked and the verdict is HOLD
 * ("moderation time budget exceeded at rule 'x'"), so a worker always
 * answers. Memory: O(len + redactions) from a.
 *
 * A redacted span directly followed by an at sign ('@', U+FF20, U+FE6B) and
 * a domain is redacted together with "@domain": "5512345678@gmail.com" under
 * telefono_mx becomes one mask, not a mask followed by "@gmail.com" (which
 * would still show the address's domain and read as an @mention).
 */
pt_status pt_moderate(const pt_modrules *rules, const char *text, size_t len,
	const pt_allocator *a, pt_moderation_result *out, pt_error *err);

/*
 * Match state reused across pt_moderate_with() calls: match context, match
 * data and the JIT stack, in libc memory. Not thread-safe: one per thread
 * (the PHP binding keeps one in its module globals). It holds no text and
 * no result between calls, and suits any pt_modrules: the limits are set
 * from the rules on every call and the JIT stack is re-made when a rule
 * set asks for another size.
 */
typedef struct pt_mod_scratch pt_mod_scratch;

/* PT_ERR_NOMEM when PCRE2 cannot allocate. */
pt_status pt_mod_scratch_new(pt_mod_scratch **out, pt_error *err);
/* NULL is fine. */
void pt_mod_scratch_free(pt_mod_scratch *scratch);

/* pt_moderate() with the match state taken from scratch (NULL: per call). */
pt_status pt_moderate_with(const pt_modrules *rules, pt_mod_scratch *scratch, const char *text,
	size_t len, const pt_allocator *a, pt_moderation_result *out, pt_error *err);

/*
 * Probing a rule (for `participa check`).
 *
 * pt_modrules_probe() runs rule i over adversarial texts (runs of one or two
 * characters such as "aaaa...", "1 1 1 ...", "a.a.a...", each also followed
 * by a character that breaks the run and by the pattern's required
 * characters) at two lengths, 1/4 of the probe length and the full probe length
 * (min(max_chars, PT_MOD_PROBE_CHARS)), with the interpreter and an exact
 * count of the steps it takes (PCRE2_AUTO_CALLOUT on a private copy of the
 * pattern), searching as pt_moderate() does (every match for a redact rule).
 * The count is deterministic: it does not depend on the machine, its load
 * or the JIT. A rule is reported when:
 *   - it hits the rule set's match or depth limit on a probe (every such
 *     comment would be held): limit;
 *   - its steps on a probe, projected to max_chars from how they grow
 *     between the two lengths, exceed PT_MOD_PROBE_WORK (about the work the
 *     interpreter does in a tenth of the time budget): slow;
 *   - it is a hold or reject rule that matches the empty text, or each of
 *     "a", "1" and "Buenos días." (it fires on every comment): matches_empty.
 * Cost: bounded; probing stops past PT_MOD_PROBE_WORK steps. A rule that is
 * fine costs about a million steps in all (a few ms). Errors: PT_ERR_NOMEM,
 * PT_ERR_INVALID (i out of range).
 */
#define PT_MOD_PROBE_CHARS 2000
#define PT_MOD_PROBE_WORK  2000000u

typedef struct pt_mod_probe {
	bool limit;             /* a PCRE2 limit stopped it on a probe */
	bool slow;              /* too much work (projected to max_chars) */
	bool matches_empty;     /* hold/reject rule that matches "" (or "a", "1" and "Buenos días." alike) */
	bool capped;            /* slow already on a probe text: work is a lower bound */
	uint64_t work;          /* steps on the worst probe, projected to max_chars */
	size_t chars;           /* max_chars as probed */
	size_t probe_chars;     /* length of the worst probe */
	char probe[64];         /* the worst probe: "'aaaaaaaaaa…a!' (2002 characters)" */
} pt_mod_probe;

pt_status pt_modrules_probe(const pt_modrules *rules, size_t i, size_t max_chars, pt_mod_probe *out,
	pt_error *err);

/* Frees what pt_moderate() allocated and zeroes *res. NULL is fine. */
void pt_moderation_result_free(pt_moderation_result *res, const pt_allocator *a);

#endif
