/*
 * participa core: the one id rule.
 *
 * Every id that crosses the public API (participants, territories, subjects,
 * processes, options, commitments, plans, roles, receipts...) goes through
 * pt_id_check() before it reaches a C comparison or an SQL statement, so the
 * two compare it the same way. MariaDB's utf8mb4_bin is a PAD SPACE
 * collation: 'wp:7  ' = 'wp:7' in SQL but not in strcmp(), so an id with
 * leading or trailing white space could match another participant's row in
 * one layer and not in the other. Control characters and invalid UTF-8 are
 * refused for the same reason (INSERT IGNORE would store '?' for a bad
 * sequence, merging distinct ids).
 *
 * Kinds (subject types, section keys) follow a stricter, ASCII-only grammar
 * so that 'Assembly' cannot bypass the rules YAML gives to 'assembly'.
 *
 * Pure functions; no allocation; thread safe. Messages are Spanish and never
 * quote the offending value (it may be hostile or personal).
 */
#ifndef PT_ID_H
#define PT_ID_H

#include <stdbool.h>
#include <stddef.h>
#include "core/common/pt_base.h"

/* Longest id in bytes: the VARCHAR(191) of every id column (utf8mb4 keys). */
#define PT_ID_MAX 191
/* PT_ID_MAX as a string literal, for messages and SQL text. */
#define PT_ID_MAX_TEXT PT_ID_STR_(PT_ID_MAX)
#define PT_ID_STR_(x) PT_ID_STR__(x)
#define PT_ID_STR__(x) #x
/* Longest kind (subject type) in bytes. */
#define PT_KIND_MAX 64

/*
 * Checks s[0..len) against the id rule: 1..PT_ID_MAX bytes of strict UTF-8,
 * no control characters (C0, DEL, C1; not even tab or newline), no white
 * space (ASCII or Unicode, including no-break and zero-width spaces and the
 * BOM) at either end. `what` names the id for the message, capitalised,
 * e.g. "El identificador del participante". Returns PT_OK or PT_ERR_INVALID
 * with err filled (err->index = byte offset of the problem). s may be NULL
 * only when len is 0.
 */
pt_status pt_id_check(const char *what, const char *s, size_t len, pt_error *err);

/* pt_id_check() without a message. */
bool pt_id_valid(const char *s, size_t len);

/*
 * Checks s[0..len) against the kind rule: 1..PT_KIND_MAX bytes of
 * [a-z0-9_], starting with a letter. Lower case only: kinds are compared
 * byte for byte with the YAML's.
 */
pt_status pt_kind_check(const char *what, const char *s, size_t len, pt_error *err);
bool pt_kind_valid(const char *s, size_t len);

#endif /* PT_ID_H */
