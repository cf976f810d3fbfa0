/*
 * The reference the chunked moderation search is compared with (by
 * tests/c/test_moderation.c and fuzz/fuzz_moderation.c): one plain loop of
 * unanchored pcre2_match() calls, PCRE2_NOTEMPTY, each from the end of the
 * previous match, with the given limits and the interpreter.
 */
#ifndef PT_REFERENCE_SEARCH_H
#define PT_REFERENCE_SEARCH_H

#include <pcre2.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Fills spans[2i], spans[2i+1] (offset, length) for at most max matches and
 * *n; false if anything but "no match" (a limit) stopped the loop first. */
static bool reference_spans(const char *pattern, size_t plen, const uint8_t *text, size_t len,
	uint32_t match_limit, uint32_t depth_limit, size_t *spans, size_t max, size_t *n)
{
	int code;
	PCRE2_SIZE off;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, plen, PCRE2_UTF | PCRE2_UCP, &code, &off, NULL);
	pcre2_match_data *md = re ? pcre2_match_data_create(1, NULL) : NULL;
	pcre2_match_context *mc = pcre2_match_context_create(NULL);
	size_t pos = 0;
	bool clean = md && mc;

	*n = 0;
	if (clean) {
		pcre2_set_match_limit(mc, match_limit);
		pcre2_set_depth_limit(mc, depth_limit);
		pcre2_set_heap_limit(mc, 16 * 1024);
	}
	while (clean) {
		PCRE2_SIZE *ov;
		int rc = pcre2_match(re, text, len, pos, PCRE2_NOTEMPTY, md, mc);

		if (rc == PCRE2_ERROR_NOMATCH) {
			break;
		}
		ov = pcre2_get_ovector_pointer(md);
		if (rc < 0 || *n == max || ov[0] < pos || ov[1] <= ov[0]) {
			clean = false;
			break;
		}
		spans[2 * *n] = ov[0];
		spans[2 * *n + 1] = ov[1] - ov[0];
		(*n)++;
		pos = ov[1];
		if (pos >= len) {
			break;
		}
	}
	pcre2_match_data_free(md);
	pcre2_match_context_free(mc);
	pcre2_code_free(re);
	return clean;
}

#endif
