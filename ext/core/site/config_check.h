/*
 * participa core: the one set of helpers every configuration section's
 * validator uses (site_config.c, config_processes.c, config_commitments.c):
 * report a problem where it stands, quote a user's value safely, name what
 * was found, check a mapping's keys, read text, whole numbers and booleans.
 *
 * Validators never stop at the first problem: each helper reports through
 * pt_check_diag() and returns false/NULL, and the caller carries on with
 * what is usable. Messages are English (the YAML reference is English).
 */
#ifndef PT_CONFIG_CHECK_H
#define PT_CONFIG_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/site/site_config.h"
#include "core/common/pt_ynode.h"

/* Where diagnostics go: the YAML file's name, the list, and a flag set when
 * memory ran out (the build then fails with PT_ERR_NOMEM). */
typedef struct pt_check {
	const char *file;
	pt_diags *diags;
	bool *nomem;
} pt_check;

/* Adds a diagnostic at node `at` (NULL: line 1, column 1). */
void pt_check_diag(const pt_check *k, const pt_ynode *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * A user value made safe to quote in a message: at most ~64 bytes, cut on
 * a UTF-8 boundary, control characters shown as '?', and characters a
 * reader cannot see or that reorder the line (no-break and zero-width
 * spaces, soft hyphen, BOM, bidirectional controls) as \u{XXXX}: "unknown
 * key 'site'" is no help when the key is "\u{FEFF}site".
 */
typedef struct pt_quoted {
	char s[96];
} pt_quoted;

pt_quoted pt_check_quote(const char *v, size_t len);
pt_quoted pt_check_qn(const pt_ynode *n);

/* "a mapping", "a sequence", "nothing (null)" or "'abc'", for type errors. */
typedef struct pt_found {
	char s[112];
} pt_found;

pt_found pt_check_found(const pt_ynode *n);

/* Whether s[0..len) (a YAML key: may hold NUL bytes) is one of list (NULL-terminated). */
bool pt_check_in_list(const char *const *list, const char *s, size_t len);
/* Index of the scalar v in list, or -1. */
int pt_check_word(const char *const *list, const pt_ynode *v);
/* "a, b, c" into buf (truncated to size). */
void pt_check_join(char *buf, size_t size, const char *const *list);

/* Reports every key of map not in allowed: "unknown key 'k' in <where>; expected one of: ...". */
void pt_check_keys(const pt_check *k, const pt_ynode *map, const char *where, const char *const *allowed);

/* Reports n unless it is of `kind`: "<where>: expected a mapping<hint>, found ...". */
bool pt_check_expect(const pt_check *k, const pt_ynode *n, pt_ynode_kind kind, const char *where,
	const char *hint);

/* A section of the YAML that may be left out: false when n is absent or null,
 * and when it is not of `kind` (reported as pt_check_expect() does). */
bool pt_check_section(const pt_check *k, const pt_ynode *n, pt_ynode_kind kind, const char *where,
	const char *hint);

/*
 * The text of scalar v, or NULL (reported): "<what>: expected text, found ...",
 * "<what> must not be empty", and "<what> must not contain a NUL character"
 * (one_line: "<what> must be one line of text", also for a newline).
 */
const char *pt_check_text(const pt_check *k, const pt_ynode *v, const char *what, bool one_line);

/*
 * The text of map[key] through pt_check_text() (what names it in messages), or
 * NULL: a missing key is reported only when required ("missing required key
 * '<key>' in <where>"). *node_out (may be NULL) gets the node, NULL if absent.
 */
const char *pt_check_get_text(const pt_check *k, const pt_ynode *map, const char *key, const char *where,
	const char *what, bool required, bool one_line, const pt_ynode **node_out);

/* A whole number in [min, max], or false (reported: "<what>: expected a whole number from ..."). */
bool pt_check_int(const pt_check *k, const pt_ynode *v, const char *what, int64_t min, int64_t max,
	int64_t *out);

/* true/false, or false (reported: "<what>: expected true or false, found ..."). */
bool pt_check_bool(const pt_check *k, const pt_ynode *v, const char *what, bool *out);

/* A libc copy of s[0..len) (NULL s: NULL); NULL with *nomem set when memory ran out. */
char *pt_check_dup(const pt_check *k, const char *s, size_t len);

#endif /* PT_CONFIG_CHECK_H */
