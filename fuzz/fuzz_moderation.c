/*
 * libFuzzer target: the moderation engine and citizen text checks.
 *
 *   make -C tests/c /work/main/out/fuzz/fuzz_moderation
 *   out/fuzz/fuzz_moderation -max_total_time=60 fuzz/corpus/moderation
 *
 * Input: first byte selects the mode.
 *   even: the rest is a comment, moderated by a fixed municipal rule set
 *         (the presets plus typical hold/reject rules);
 *   odd:  the rest is "pattern \0 text": the pattern is compiled as a
 *         redact rule and as a hold rule (both with low limits) and applied.
 * Always: strict UTF-8 validation and mention extraction on the text.
 *
 * Invariants (abort on violation): moderation succeeds exactly on valid text;
 * the body is valid UTF-8 of the reported length with a NUL after it;
 * redactions lie within the text their rule saw; with no redact hit the body
 * is the input; the verdict agrees with the hits; mentions are in bounds,
 * start after '@', and are unique. In the odd mode, the chunked search
 * (moderation.c, "The search") redacts exactly the spans one plain
 * pcre2_match() loop finds, when neither hit a limit (and the pattern has no
 * verb, \G or \K, whose meaning depends on where a search starts); and
 * pt_modrules_probe() answers (bit 2 of the first byte).
 */
#define _GNU_SOURCE
#include "core/thread/moderation.h"
#include "core/thread/thread_rules.h"
#include "core/common/text.h"
#include "../tests/c/reference_search.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static pt_modrules *municipal;

static void add(pt_modrules *rs, const char *name, const char *pattern, const char *preset,
	pt_mod_action action, const char *message)
{
	pt_modrule_spec s;
	pt_error err;

	memset(&s, 0, sizeof(s));
	s.name = name;
	s.name_len = strlen(name);
	s.pattern = pattern;
	s.pattern_len = pattern ? strlen(pattern) : 0;
	s.preset = preset;
	s.preset_len = preset ? strlen(preset) : 0;
	s.action = action;
	s.message = message;
	s.message_len = message ? strlen(message) : 0;
	if (pt_modrules_add(rs, &s, NULL, &err) != PT_OK) {
		abort();
	}
}

static pt_modrules *municipal_rules(void)
{
	pt_modrules *rs;
	pt_error err;

	if (pt_modrules_new(NULL, &rs, &err) != PT_OK) {
		abort();
	}
	add(rs, "teléfono", NULL, "telefono_mx", PT_MOD_REDACT, NULL);
	add(rs, "correo", NULL, "correo", PT_MOD_REDACT, NULL);
	add(rs, "curp", NULL, "curp", PT_MOD_REDACT, NULL);
	add(rs, "url", "https?://\\S+", NULL, PT_MOD_REDACT, NULL);
	add(rs, "insultos", "(?i)\\b(?:idiota|imbécil|pendej[oa]s?)\\b", NULL, PT_MOD_HOLD, NULL);
	add(rs, "gritos", "\\p{Lu}{20,}", NULL, PT_MOD_HOLD, NULL);
	add(rs, "spam", "(?i)compra ya|gana dinero", NULL, PT_MOD_REJECT, "Tu comentario parece publicidad.");
	return rs;
}

static void check_result(const pt_moderation_result *r, const uint8_t *text, size_t len)
{
	size_t i;
	bool reject = false, hold = false, redacted = false;

	if (!r->body || r->body[r->body_len] != '\0'
		|| pt_text_validate(r->body, r->body_len, NULL, NULL) != PT_OK) {
		abort();
	}
	for (i = 0; i < r->hit_count; i++) {
		const pt_mod_hit *h = &r->hits[i];

		if (h->kind != PT_MOD_HIT_MATCH) {
			hold = true;
		} else if (h->action == PT_MOD_REJECT) {
			reject = true;
			if (!h->message) {
				abort();
			}
		} else if (h->action == PT_MOD_HOLD) {
			hold = true;
		} else if (h->matches == 0) {
			abort();
		}
		if (h->action == PT_MOD_REDACT && h->matches) {
			redacted = true;
		}
	}
	if (r->verdict != (reject ? PT_MOD_REJECTED : hold ? PT_MOD_HELD : PT_MOD_PUBLISH)) {
		abort();
	}
	if ((r->verdict == PT_MOD_PUBLISH) != (r->reason == NULL)) {
		abort();
	}
	if (!redacted && (r->redaction_count || r->body_len != len || memcmp(r->body, text, len) != 0)) {
		abort();
	}
	for (i = 0; i < r->redaction_count; i++) {
		if (r->redactions[i].length == 0 || !r->redactions[i].name) {
			abort();
		}
	}
}

/* One scratch for the whole run, as a PHP worker keeps one: whatever the
 * earlier inputs left in it, the answer must equal the per-call one. */
static pt_mod_scratch *scratch;

static bool budget_hit(const pt_moderation_result *r)
{
	size_t i;

	for (i = 0; i < r->hit_count; i++) {
		if (r->hits[i].kind == PT_MOD_HIT_BUDGET) {
			return true;
		}
	}
	return false;
}

static void moderate(const pt_modrules *rs, const uint8_t *text, size_t len)
{
	pt_moderation_result r, again;
	pt_error err;
	bool valid = pt_text_validate((const char *)text, len, NULL, NULL) == PT_OK;
	pt_status st = pt_moderate(rs, (const char *)text, len, NULL, &r, &err);
	pt_status st2;

	if (!scratch && pt_mod_scratch_new(&scratch, &err) != PT_OK) {
		abort();
	}
	st2 = pt_moderate_with(rs, scratch, (const char *)text, len, NULL, &again, &err);
	if (st != st2) {
		abort();
	}
	if (st == PT_OK) {
		if (!valid) {
			abort();
		}
		check_result(&r, text, len);
		check_result(&again, text, len);
		/* (a time budget hit depends on the clock, not on the state) */
		if (!budget_hit(&r) && !budget_hit(&again) && (r.verdict != again.verdict || r.body_len != again.body_len
			|| memcmp(r.body, again.body, r.body_len) != 0 || r.hit_count != again.hit_count)) {
			abort();
		}
		pt_moderation_result_free(&r, NULL);
		pt_moderation_result_free(&again, NULL);
	} else if (st != PT_ERR_INVALID || valid || r.body || r.hits) {
		abort();
	}
}

static void mentions(const uint8_t *text, size_t len)
{
	pt_mention *m;
	size_t n, i, j;
	pt_error err;

	if (pt_text_mentions((const char *)text, len, 0, NULL, &m, &n, &err) != PT_OK) {
		abort();
	}
	for (i = 0; i < n; i++) {
		if (m[i].offset == 0 || m[i].offset + m[i].len > len || m[i].len == 0
			|| m[i].len > PT_MENTION_MAX || text[m[i].offset - 1] != '@') {
			abort();
		}
		for (j = 0; j < i && n < 64; j++) {
			if (m[j].len == m[i].len && memcmp(text + m[j].offset, text + m[i].offset, m[i].len) == 0) {
				abort();
			}
		}
	}
	pt_free(NULL, m);
}

/* The thread's rules over the same text (core/thread/thread_rules.h): a checked body is a
 * normalised, NUL-terminated prefix-length copy; a verdict says what its result says, its
 * redaction names fit the column and come from rules that replaced something. */
static void thread_text(const pt_modrules *rs, const uint8_t *text, size_t len)
{
	pt_threads_settings ts;
	pt_thread_verdict v;
	pt_error err;
	char *copy = malloc(len + 1);
	size_t out = 0;

	if (!copy || !scratch) {
		abort();
	}
	memcpy(copy, text, len);
	copy[len] = '\0';
	memset(&ts, 0, sizeof(ts));
	ts.max_length = 2000;
	ts.min_length = 1;
	pt_error_clear(&err);
	if (pt_thread_body_prepare(&ts, copy, len, &out, &err) == PT_OK) {
		if (out > len || copy[out] != '\0' || memmem(copy, out, "\r\n", 2)) {
			abort();
		}
	} else if (err.code != PT_ERR_INVALID) {
		abort();
	}
	if (pt_thread_verdict_make(rs, scratch, (const char *)text, len, NULL, &v, &err) == PT_OK) {
		if ((v.status == PT_COMMENT_REJECTED) != (v.res.verdict == PT_MOD_REJECTED)
				|| (v.status == PT_COMMENT_HELD) != (v.res.verdict == PT_MOD_HELD)
				|| (v.redactions && (strlen(v.redactions) > PT_THREAD_REASON_MAX || v.res.redaction_count == 0))
				|| (v.status == PT_COMMENT_PUBLISHED && v.rule)) {
			abort();
		}
		pt_thread_verdict_free(&v, NULL);
	}
	free(copy);
}

static bool has(const uint8_t *s, size_t len, const char *what)
{
	size_t w = strlen(what), i;

	for (i = 0; i + w <= len; i++) {
		if (memcmp(s + i, what, w) == 0) {
			return true;
		}
	}
	return false;
}

/* The chunked search against the plain loop, for one redact rule. */
static void compare_search(const pt_modrules *rs, const uint8_t *pattern, size_t plen, const uint8_t *text,
	size_t len)
{
	static size_t spans[2 * 256];
	pt_moderation_result r;
	pt_error err;
	size_t n, i;

	if (has(pattern, plen, "(*") || has(pattern, plen, "\\G") || has(pattern, plen, "\\K")
		|| has(text, len, "@") || has(text, len, "\xEF\xBC\xA0") || has(text, len, "\xEF\xB9\xAB")
		|| pt_text_validate((const char *)text, len, NULL, NULL) != PT_OK) {
		return;   /* start-dependent patterns; texts where glued addresses extend a span */
	}
	if (!reference_spans((const char *)pattern, plen, text, len, pt_modrules_match_limit(rs),
		pt_modrules_depth_limit(rs), spans, 256, &n)) {
		return;
	}
	if (pt_moderate(rs, (const char *)text, len, NULL, &r, &err) != PT_OK) {
		abort();
	}
	if (r.hit_count == 1 && r.hits[0].kind == PT_MOD_HIT_MATCH) {
		if (r.redaction_count != n) {
			abort();
		}
		for (i = 0; i < n; i++) {
			if (r.redactions[i].offset != spans[2 * i] || r.redactions[i].length != spans[2 * i + 1]) {
				abort();
			}
		}
	} else if (r.hit_count == 0 && n != 0) {
		abort();
	}
	pt_moderation_result_free(&r, NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *text;
	size_t len;

	if (size < 1) {
		return 0;
	}
	if (!municipal) {
		municipal = municipal_rules();
	}
	if ((data[0] & 1) == 0) {
		text = data + 1;
		len = size - 1;
		moderate(municipal, text, len);
		thread_text(municipal, text, len);
	} else {
		const uint8_t *sep = memchr(data + 1, 0, size - 1);
		size_t plen = sep ? (size_t)(sep - (data + 1)) : size - 1;
		pt_modrules_options o;
		pt_modrules *rs;
		pt_modrule_spec s;
		pt_error err;
		size_t off;

		text = sep ? sep + 1 : data + size;
		len = sep ? size - plen - 2 : 0;
		memset(&o, 0, sizeof(o));
		o.match_limit = 20000;
		o.depth_limit = 200;
		o.no_jit = (data[0] & 2) != 0;
		if (pt_modrules_new(&o, &rs, &err) != PT_OK) {
			abort();
		}
		memset(&s, 0, sizeof(s));
		s.name = "fuzz";
		s.name_len = 4;
		s.pattern = (const char *)(data + 1);
		s.pattern_len = plen;
		s.action = PT_MOD_REDACT;
		if (pt_modrules_add(rs, &s, &off, &err) == PT_OK) {
			compare_search(rs, data + 1, plen, text, len);
			if (data[0] & 4) {
				pt_mod_probe pr;

				if (pt_modrules_probe(rs, 0, 1 + len % 3000, &pr, &err) != PT_OK
					|| (pr.slow && pr.limit) || pr.matches_empty || strlen(pr.probe) >= sizeof(pr.probe)) {
					abort();   /* a redact rule never "matches everything" */
				}
			}
			s.action = PT_MOD_HOLD;
			s.name = "fuzz2";
			s.name_len = 5;
			if (pt_modrules_add(rs, &s, &off, &err) != PT_OK) {
				abort(); /* compiled once, must compile again */
			}
			moderate(rs, text, len);
		} else if (err.code == PT_ERR_CONFIG && off > plen) {
			abort();
		}
		pt_modrules_free(rs);
	}
	mentions(text, len);
	return 0;
}
