/*
 * participa core: the one table of tally options.
 *
 * Each option of a count (seats, quota, threshold, budget ...) is one row
 * here: its name, the type of its value, its range, the methods that read
 * it and its default. Both parsers walk this table: the YAML's
 * (core/process/config_processes.c, a process's `options:`) and the PHP
 * API's (ext/php/tally.c, Tally::count()'s $options through
 * pt_tally_option_arg()). Each keeps its own messages (the YAML reports
 * every problem with its line; the API throws on the first one), but the
 * names, ranges, words and fields are defined once.
 *
 * To add an option: one row in tally_options.c, one pt_tally_opt_id, and
 * its field in pt_tally_options (tally.h) with a case in
 * pt_tally_option_store().
 *
 * Pure functions over constant data; thread safe.
 */
#ifndef PT_TALLY_OPTIONS_H
#define PT_TALLY_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/common/pt_base.h"
#include "core/tally/tally.h"
#include "core/common/pt_value.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum pt_tally_opt_type {
	PT_TOPT_INT,          /* a whole number in [lo, hi] */
	PT_TOPT_ENUM,         /* one of words[] (stored as its index) */
	PT_TOPT_BOOL,
	PT_TOPT_THRESHOLD,    /* simple, absolute or a fraction in (0, 1] */
	PT_TOPT_FRACTION,     /* a fraction in (0, 1] */
	PT_TOPT_MONEY,        /* a whole amount */
	PT_TOPT_LIST          /* a list the binding reads itself (candidates, projects, roles) */
} pt_tally_opt_type;

/* Which field of pt_tally_options (or of the process) an option sets. */
typedef enum pt_tally_opt_id {
	PT_TOPT_SEATS, PT_TOPT_QUOTA, PT_TOPT_TRANSFER, PT_TOPT_MIN, PT_TOPT_MAX,
	PT_TOPT_MIN_CHOICES, PT_TOPT_MAX_CHOICES, PT_TOPT_SEED, PT_TOPT_INVALID, PT_TOPT_AGGREGATE,
	PT_TOPT_THRESHOLD_ID, PT_TOPT_BASE, PT_TOPT_QUORUM, PT_TOPT_ELIGIBLE, PT_TOPT_VOICE_ONLY_ROLES,
	PT_TOPT_BLOCK_REQUIRES_REASON, PT_TOPT_BUDGET, PT_TOPT_MIN_LENGTH, PT_TOPT_MAX_LENGTH,
	PT_TOPT_SKIP, PT_TOPT_MIN_APPROVALS, PT_TOPT_COMPLETION, PT_TOPT_INCREMENT, PT_TOPT_START,
	PT_TOPT_STOP_WHEN_EXHAUSTIVE, PT_TOPT_OVER_BUDGET, PT_TOPT_CANDIDATES, PT_TOPT_PROJECTS
} pt_tally_opt_id;

/* Where an option may be given. */
#define PT_TOPT_YAML 1u     /* a process's options: in the site YAML */
#define PT_TOPT_API  2u     /* Tally::count()'s $options */

typedef struct pt_tally_option {
	const char *name;
	pt_tally_opt_id id;
	pt_tally_opt_type type;
	int64_t lo, hi;               /* PT_TOPT_INT: the range */
	int64_t api_lo, api_hi;       /* the API's range where it is wider (both 0: lo..hi) */
	const char *const *words;     /* PT_TOPT_ENUM: NULL-terminated */
	const char *methods;          /* space-separated method ids that read it; NULL = every method */
	unsigned where;               /* PT_TOPT_YAML | PT_TOPT_API */
	int64_t def;                  /* the default pt_tally_options_init() gives (enums: the word's index) */
} pt_tally_option;

/* The table, terminated by a row with name NULL. */
extern const pt_tally_option pt_tally_option_table[];

/* The row named name[0..len) given in `where` (PT_TOPT_YAML or PT_TOPT_API); NULL when none. */
const pt_tally_option *pt_tally_option_find(const char *name, size_t len, unsigned where);

/* True when method m reads option d (m NULL: true). */
bool pt_tally_option_applies(const pt_tally_option *d, const pt_tally_method *m);

/* True when method m reads the option called name (false for an unknown name): e.g. whether
 * a results page should echo "quota" for this method. */
bool pt_tally_method_takes(const pt_tally_method *m, const char *name);

/*
 * Stores the value v of option d into o (ints, enum indexes, bools, amounts; sets has_* where
 * the field has one). over_budget and the PT_TOPT_LIST options are not fields of o: no-op.
 */
void pt_tally_option_store(pt_tally_options *o, const pt_tally_option *d, int64_t v);

/*
 * Parses a fraction for the YAML: 'p/q' (each at most 9 digits), a percentage '50%', a
 * decimal '0.5' or an integer; with unit, 0 < value <= 1. False when it is not one.
 */
bool pt_tally_fraction_text(const char *s, size_t len, bool unit, int64_t *num, int64_t *den);

/* ---- the PHP API's option values ------------------------------------------------- */

/* One value of $options as plain C, made by the binding from its zval. */
typedef enum pt_tally_arg_kind {
	PT_TARG_INT, PT_TARG_FLOAT, PT_TARG_STRING, PT_TARG_BOOL, PT_TARG_ARRAY, PT_TARG_OTHER
} pt_tally_arg_kind;

typedef struct pt_tally_arg {
	pt_tally_arg_kind kind;
	int64_t i;                    /* PT_TARG_INT */
	double d;                     /* PT_TARG_FLOAT */
	const char *s;                /* PT_TARG_STRING: borrowed, NUL-terminated */
	size_t len;
	bool b;                       /* PT_TARG_BOOL */
	const char *type_name;        /* for "..., string given" */
} pt_tally_arg;

/* How the API refuses an option: the engine's TypeError or ValueError. */
typedef enum pt_tally_arg_fault { PT_TARG_OK = 0, PT_TARG_TYPE, PT_TARG_VALUE } pt_tally_arg_fault;

/*
 * Checks the value v of API option d and stores it in o. PT_TARG_OK, or the fault with
 * err filled (PT_ERR_INVALID; the message is the API's, English, e.g. 'option "seats" must
 * be between 1 and 65535'). PT_TOPT_LIST options only have their type checked (an array).
 */
pt_tally_arg_fault pt_tally_option_arg(pt_tally_options *o, const pt_tally_option *d,
	const pt_tally_arg *v, pt_error *err);

/* The API's whole amount: an int >= 0, or digits with an optional '.000'. PT_TARG_OK or
 * PT_TARG_VALUE with the message naming `name`. */
pt_tally_arg_fault pt_tally_money_arg(const char *name, const pt_tally_arg *v, int64_t *out, pt_error *err);

/* After the last option: PT_TARG_OK, or PT_TARG_VALUE when min > max. */
pt_tally_arg_fault pt_tally_options_check(const pt_tally_options *o, pt_error *err);

/*
 * The API's list options, given as value trees (the binding's arrays converted; the caller keeps
 * them while the count lives: roles point into them). What they allocate goes through a and is
 * freed by pt_tally_api_lists_free().
 */
typedef struct pt_tally_api_lists {
	const pt_allocator *a;
	const char **roles;           /* o->voice_only_roles */
	size_t *role_lens;
	int64_t *costs;               /* o->pb_costs */
} pt_tally_api_lists;

/* voice_only_roles: a list of texts into o. PT_TARG_TYPE for an item that is none. */
pt_tally_arg_fault pt_tally_roles_value(const pt_value *roles, pt_tally_options *o, pt_tally_api_lists *l,
	pt_error *err);

/*
 * The candidates of a count, into p, then fixed: "projects" (id => cost, an amount: costs into
 * o->pb_costs; required) for a method that needs costs, else "candidates" (ids: texts, or ints
 * as their digits) when given. PT_TARG_TYPE for a candidate that is no id; PT_TARG_VALUE for a
 * bad amount, a missing "projects" or an id the engine refuses ("option candidates: 'A' is
 * given twice"). NULL lists are absent.
 */
pt_tally_arg_fault pt_tally_candidates_value(const pt_tally_method *m, const pt_value *candidates,
	const pt_value *projects, pt_profile *p, pt_tally_options *o, pt_tally_api_lists *l, pt_error *err);

void pt_tally_api_lists_free(pt_tally_api_lists *l);

#ifdef __cplusplus
}
#endif

#endif /* PT_TALLY_OPTIONS_H */
