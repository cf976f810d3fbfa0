/*
 * participa core: the message catalog (Spanish first, English available).
 *
 * Every message a resident may see is written in Spanish (es_MX) where it is
 * raised, as the printf format of pt_error_set(). The catalog pairs each such
 * format with its English. It lives in X-macro files, one per area:
 *
 *   ext/core/messages_<area>.h      (common, processes, threads, participants,
 *                                    tally, commitments, templates, config)
 *
 * each line of which is
 *
 *   PT_MSG("formato en español %s", "English format %s")
 *
 * with the same printf conversions in the same order in both languages (no
 * positional %1$s, no %n). A missing file is fine (messages.c includes each
 * with __has_include). tests/c/test_messages.c checks every entry.
 *
 * pt_error_set() looks its format up here; when found it also formats the
 * English into err->message_en and marks the error as catalogued, which is
 * what lets the binding show the text to a resident (publicMessage()) and
 * choose English on a site whose locale is en*. A message that is not in the
 * catalog is for the operator only.
 *
 * Phrases: an entry without conversions ("está vacío", "el participante")
 * also translates the %s arguments of other entries: when the English is
 * formatted, a %s argument (without precision) equal to a catalogued phrase
 * is replaced by the phrase's English. So "%s no es válido: %s." with the
 * arguments "el participante" and "está vacío" becomes "the participant is
 * not valid: is empty." rather than mixing the two languages.
 *
 * The sorted index is built once (pthread_once) on first use; lookups are
 * then read-only binary searches, thread safe. No allocation.
 */
#ifndef PT_MESSAGES_H
#define PT_MESSAGES_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/common/pt_base.h"

/*
 * The English of the catalogued Spanish format es, or NULL when es is not in
 * the catalog (or is NULL). O(log n) string comparisons.
 */
const char *pt_msg_english(const char *es);

/* Number of catalog entries, and entry i (false when i is out of range). */
size_t pt_msg_count(void);
bool pt_msg_entry(size_t i, const char **es, const char **en);

/*
 * vsnprintf() of fmt into out[0..size), NUL-terminated and cut on a UTF-8
 * boundary when too long, except that each plain %s argument that is a
 * catalogued phrase is written in English. Returns false (out then holds "")
 * when fmt has a conversion this formatter does not take (positional
 * arguments, %n, wide strings): the caller keeps the Spanish.
 */
bool pt_msg_vformat_english(char *out, size_t size, const char *fmt, va_list ap);

/* The generic messages the binding shows residents instead of details. */
#define PT_MSG_OPERATIONAL "No pudimos completar la operación en este momento. Inténtalo más tarde."
#define PT_MSG_INVALID     "Los datos enviados no son válidos. Revísalos e inténtalo de nuevo."
#define PT_MSG_NOT_ALLOWED "No tienes permiso para hacer esto."
#define PT_MSG_CONFLICT    "La solicitud choca con un cambio reciente. Vuelve a cargar la página e inténtalo de nuevo."
#define PT_MSG_NOT_FOUND   "No encontramos lo que buscas."

/* Whether a site's locale selects English: en, en_US, en-GB, en.UTF-8 (any case); else Spanish. */
bool pt_locale_english(const char *locale);

/* A refusal (invalid, not allowed, conflict, not found): the caller's own doing, fit to show a
 * resident when its text is catalogued; anything else is operational (logged, shown generically). */
bool pt_status_refusal(pt_status code);

/* The generic text of code (PT_MSG_INVALID ... PT_MSG_OPERATIONAL for every non-refusal), in
 * English when english and the catalog has it. */
const char *pt_msg_generic(pt_status code, bool english);

/* What a resident may see of err: its own text (message_en when english) for a catalogued
 * refusal, else pt_msg_generic(). */
const char *pt_msg_public(const pt_error *err, bool english);

/*
 * The operator's log line for err thrown as class cls, into out[0..size) (cut when too long):
 * "participa: <cls>: <file>:<line>:<column>: <message>" for a configuration error about a file,
 * "participa: <cls> (<errno>, SQLSTATE <state or ->): <message>" for a database error, else
 * "participa: <cls>: <message>".
 */
void pt_error_log_line(const pt_error *err, const char *cls, char *out, size_t size);

#endif /* PT_MESSAGES_H */
