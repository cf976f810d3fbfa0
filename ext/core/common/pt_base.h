/*
 * participa core: status codes, the error record and the allocator shared by
 * every module of ext/core and ext/io.
 *
 * Nothing here (or anywhere under ext/core and ext/io) includes php.h: the
 * core is compiled standalone for unit tests and fuzzers under ASan/UBSan,
 * and the PHP binding (ext/php) maps a filled pt_error to an exception in
 * exactly one place (participa_throw_error()).
 */
#ifndef PT_BASE_H
#define PT_BASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PT_VERSION "0.1.0"

/*
 * Outcome of a core call. PT_OK is 0 so `if (pt_x(...) != PT_OK)` reads well.
 * The binding maps each code to one exception class.
 */
typedef enum pt_status {
	PT_OK = 0,
	PT_ERR_INVALID,      /* caller gave bad input: InvalidArgumentException */
	PT_ERR_NOMEM,        /* allocation failed */
	PT_ERR_CONFIG,       /* the YAML configuration is wrong: ConfigException */
	PT_ERR_IO,           /* a file could not be read */
	PT_ERR_DB,           /* the database refused or was unreachable: DatabaseException */
	PT_ERR_CONFLICT,     /* a uniqueness or concurrency conflict the caller must resolve */
	PT_ERR_NOT_ALLOWED,  /* the participant lacks the permission */
	PT_ERR_NOT_FOUND,    /* an id that does not exist */
	PT_ERR_INTERNAL      /* a bug in participa: should never be seen */
} pt_status;

#define PT_ERROR_MESSAGE_MAX 1024
#define PT_ERROR_FILE_MAX 512

/*
 * Caller-owned error record. Core functions fill it on failure and leave it
 * untouched on success. Positions are 1-based; 0 means "not applicable".
 *
 * message is written where the error is raised: Spanish for what a resident
 * may see, plain detail (often English) for the operator. When the format
 * given to pt_error_set() is in the message catalog (messages.h), message_en
 * holds the English and catalog_sum a checksum of message: the binding shows
 * a resident only a catalogued message whose checksum still matches (code
 * that rewrites message afterwards makes it operator-only again).
 */
typedef struct pt_error {
	pt_status code;                      /* PT_OK when nothing went wrong */
	char message[PT_ERROR_MESSAGE_MAX];  /* human-readable, no trailing newline */
	char file[PT_ERROR_FILE_MAX];        /* config file the error is about, or "" */
	unsigned line;                       /* 1-based line in file, 0 if none */
	unsigned column;                     /* 1-based column in file, 0 if none */
	unsigned db_errno;                   /* server error number for PT_ERR_DB */
	char sqlstate[6];                    /* SQLSTATE for PT_ERR_DB, "" if none */
	long index;                          /* offending item index (ballot, row), -1 if none */
	uint32_t catalog_sum;                /* pt_error_message_sum(message) when catalogued, else 0 */
	char message_en[PT_ERROR_MESSAGE_MAX]; /* English of message when catalogued, else "" */
} pt_error;

/* Resets err to "no error". */
void pt_error_clear(pt_error *err);

/*
 * Fills err with code and a printf-style message and returns code, so a
 * failing path can say `return pt_error_set(err, PT_ERR_INVALID, "...")`.
 * err may be NULL (the call then only returns code). Messages longer than
 * PT_ERROR_MESSAGE_MAX are truncated on a UTF-8 boundary. When fmt is in the
 * message catalog the English is formatted too (message_en), from a va_copy
 * of the same arguments.
 */
pt_status pt_error_set(pt_error *err, pt_status code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
pt_status pt_error_vset(pt_error *err, pt_status code, const char *fmt, va_list ap);

/*
 * True when err->message came from a catalogued format and was not changed
 * since: it may be shown to a resident, and message_en is its English.
 */
bool pt_error_catalogued(const pt_error *err);

/* The checksum kept in catalog_sum (never 0). */
uint32_t pt_error_message_sum(const char *message);

/* Same as pt_error_set() and also records a file position. */
pt_status pt_error_set_at(pt_error *err, pt_status code, const char *file,
	unsigned line, unsigned column, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/*
 * Pluggable allocator. The binding passes one backed by emalloc for request
 * data (so memory_limit applies) and NULL, meaning libc, for data that must
 * outlive a request (configuration, compiled rules). Functions return NULL
 * on failure like their libc counterparts.
 */
typedef struct pt_allocator {
	void *(*alloc)(size_t size, void *ctx);
	void *(*realloc)(void *ptr, size_t size, void *ctx);
	void (*free)(void *ptr, void *ctx);
	void *ctx;
} pt_allocator;

/* libc malloc/realloc/free. */
extern const pt_allocator pt_libc_allocator;

/* a == NULL selects pt_libc_allocator. */
void *pt_alloc(const pt_allocator *a, size_t size);
void *pt_calloc(const pt_allocator *a, size_t count, size_t size); /* zeroed, overflow-checked */
void *pt_realloc(const pt_allocator *a, void *ptr, size_t size);
void pt_free(const pt_allocator *a, void *ptr);
char *pt_strndup(const pt_allocator *a, const char *s, size_t len); /* NUL-terminated copy */

/* ---- closed sets named by strings ------------------------------------------- */

/* The index of name[0..len) in names[0..count), or -1 when it is not there. */
int pt_name_index(const char *const *names, unsigned count, const char *name, size_t len);

/*
 * A closed set (an enum 0..count-1) and its names: PT_NAMES_DECLARE(pt_sort, pt_sort)
 * declares
 *   const char *pt_sort_name(pt_sort v);                      NULL when out of range
 *   bool pt_sort_from_name(const char *name, size_t len, pt_sort *out);   false if unknown
 * and PT_NAMES_DEFINE(pt_sort, pt_sort, sort_names, PT_SORT_COUNT) defines them over a
 * table of count names in enum order.
 */
#define PT_NAMES_DECLARE(fn, type) \
	const char *fn##_name(type v); \
	bool fn##_from_name(const char *name, size_t len, type *out)

#define PT_NAMES_DEFINE(fn, type, names, count) \
	const char *fn##_name(type v) \
	{ \
		return (unsigned)v < (unsigned)(count) ? (names)[v] : NULL; \
	} \
	bool fn##_from_name(const char *name, size_t len, type *out) \
	{ \
		int i_ = pt_name_index((names), (unsigned)(count), name, len); \
		if (i_ < 0) { \
			return false; \
		} \
		*out = (type)i_; \
		return true; \
	}

#ifdef __cplusplus
}
#endif

#endif /* PT_BASE_H */
