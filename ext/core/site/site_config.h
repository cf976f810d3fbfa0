/*
 * participa core: the validated site configuration.
 *
 * pt_config_build() turns a parsed YAML tree (pt_ynode, see pt_ynode.h) into
 * a pt_config, reporting EVERY problem it finds as a diagnostic with file,
 * line and column, not just the first. Unknown keys are errors (a typo must
 * not silently disable a rule), and so are duplicate ids, wrong types, cycles
 * and references to ids that do not exist.
 *
 * A pt_config is immutable once built; the binding caches it in persistent
 * memory per process and shares it between requests. All memory is libc.
 *
 * Sections are validated by one function each (see config.c's section
 * table); later features add a row there.
 */
#ifndef PT_CONFIG_H
#define PT_CONFIG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include "core/common/pt_base.h"
#include "core/common/pt_ynode.h"
#include "core/site/territory.h"
#include "core/thread/moderation.h"

/* One problem found in a configuration file. */
typedef struct pt_diag {
	char *file;        /* file name as given to the loader */
	unsigned line;     /* 1-based */
	unsigned column;   /* 1-based */
	char *message;     /* no "file:line:col: " prefix, no trailing newline */
} pt_diag;

/* A growable list of diagnostics, in file order. At most PT_DIAGS_MAX are
 * kept (a generated file can hold a million mistakes; their messages live
 * in libc memory and become one PHP array); the rest are counted in
 * dropped, and pt_config_build() ends the list with one line (line 0) that
 * says how many were left out. */
#define PT_DIAGS_MAX 1000
typedef struct pt_diags {
	pt_diag *items;
	size_t count;
	size_t cap;
	size_t dropped;    /* added past PT_DIAGS_MAX */
} pt_diags;

void pt_diags_init(pt_diags *d);
void pt_diags_free(pt_diags *d);
/* Appends a diagnostic; returns PT_ERR_NOMEM only if the list cannot grow. */
pt_status pt_diags_add(pt_diags *d, const char *file, unsigned line, unsigned column,
	const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* pt_diags_add() with a va_list. */
pt_status pt_diags_vadd(pt_diags *d, const char *file, unsigned line, unsigned column,
	const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));
/* Sorts by (line, column) keeping insertion order for ties. O(n log n). */
void pt_diags_sort(pt_diags *d);

/*
 * Formats one diagnostic the way `participa check` prints it:
 * "FILE:LINE:COL: message", or "FILE: message" when line is 0 (an I/O
 * error, which has no position). snprintf semantics: returns the length the
 * full text needs; buf is always NUL-terminated when size > 0.
 */
size_t pt_diag_format(const pt_diag *d, char *buf, size_t size);

/* Caps on what the file may declare (each is a configuration error past it). */
#define PT_CONFIG_MAX_ROLES 256      /* roles: */
#define PT_CONFIG_MAX_SUBJECTS 256   /* threads.subjects: */
#define PT_CONFIG_MAX_RULES 256      /* moderation.rules: */
#define PT_CONFIG_MAX_MASK 200       /* characters of a redaction mask */
#define PT_CONFIG_MAX_MESSAGE 1000   /* characters of a reject message */

/*
 * Permissions a role can grant. The YAML spells them in lower case
 * ("comment", "vote", ...); an unknown name is an error.
 */
typedef enum pt_permission {
	PT_PERM_COMMENT             = 1u << 0,
	PT_PERM_REACT               = 1u << 1,
	PT_PERM_FLAG                = 1u << 2,
	PT_PERM_VOTE                = 1u << 3,
	PT_PERM_ANSWER              = 1u << 4,   /* mark official answers */
	PT_PERM_MODERATE            = 1u << 5,
	PT_PERM_RECORD_ASSEMBLY     = 1u << 6,
	PT_PERM_ENTER_PAPER_BALLOTS = 1u << 7,
	PT_PERM_UPDATE_COMMITMENT   = 1u << 8,
	PT_PERM_MANAGE_PROCESSES    = 1u << 9,
	PT_PERM_PROPOSE             = 1u << 10
} pt_permission;

/* Name of a single permission bit ("comment"), or NULL. */
const char *pt_permission_name(uint32_t bit);
/* Bit of a permission name, or 0 if unknown. */
uint32_t pt_permission_from_name(const char *name, size_t len);

typedef struct pt_role {
	char *id;            /* key under roles: */
	char *name;          /* display name (defaults to id) */
	uint32_t permissions;/* OR of pt_permission bits */
	bool votes;          /* false: voice without vote (a facilitator) */
	unsigned line, column;
} pt_role;

/* A standing assignment from the YAML: participant holds role (in territory). */
typedef struct pt_assignment {
	char *participant;   /* opaque host id, e.g. "wp:42" */
	size_t role;         /* index into pt_config.roles */
	int32_t territory;   /* index into pt_config.territories.items, -1 = none */
	char *body;          /* standing body id (e.g. "secretariado-tecnico") or NULL */
	unsigned line, column;
} pt_assignment;

typedef struct pt_db_settings {
	char *socket;        /* unix socket path, or NULL */
	char *host;          /* host name or address, or NULL */
	unsigned port;       /* 0 = default (3306) */
	char *name;          /* database (schema) name */
	char *user;
	char *password_env;  /* name of the environment variable holding the password, or NULL */
	unsigned connect_timeout; /* seconds, default 5 */
} pt_db_settings;

/* A rate limit such as `10/h`: at most count events per period_s seconds. */
typedef struct pt_rate {
	uint32_t count;      /* 0 = no limit (`none`) */
	uint32_t period_s;   /* 1, 60, 3600 or 86400 */
} pt_rate;

/* Settings of one subject type under threads.subjects (commitment, process, post ...). */
typedef struct pt_subject_settings {
	char *type;          /* subject type id; NULL in the defaults for undeclared types */
	bool alignment;      /* comments carry for / neutral / against */
	bool premoderate;    /* every comment is held for a moderator */
	unsigned line, column;
} pt_subject_settings;

/* threads: (defaults in parentheses apply when the key or the section is absent). */
typedef struct pt_threads_settings {
	unsigned max_depth;            /* replies nest up to this depth, 1..16 (4); roots are depth 0 */
	unsigned max_length;           /* characters (code points), 1..100000 (2000) */
	unsigned min_length;           /* characters, 1..max_length (1) */
	uint32_t edit_window_s;        /* seconds an author may edit, 0 = never (900 = 15m) */
	pt_rate rate_limit;            /* comments per participant (10/h) */
	unsigned auto_hide_after_flags;/* flags that hide a comment pending review, 0 = never (3) */
	unsigned page_replies;         /* replies shown per node before "more replies", 1..100 (3) */
	pt_subject_settings *subjects; /* declared subject types, in file order */
	size_t subject_count;
	pt_subject_settings subject_defaults; /* for undeclared types: alignment false, premoderate false */
} pt_threads_settings;

/* moderation: */
typedef struct pt_moderation_settings {
	uint32_t match_limit;          /* PCRE2 match limit per start position, 1000..1000000 (100000) */
	uint32_t depth_limit;          /* PCRE2 depth limit (1000) */
	char *mask;                    /* default redaction mask ("[dato personal oculto]") */
	pt_modrules *rules;            /* compiled rules; never NULL in a built config (maybe empty) */
} pt_moderation_settings;

typedef struct pt_config {
	char *file;          /* path it was loaded from */
	/* site: */
	char *site_name;
	char *locale;        /* "es_MX" (default) or "en" / "en_US" */
	char *timezone;      /* IANA name, default "America/Mexico_City" */
	unsigned timezone_line, timezone_column; /* for the binding's tz check; 0 when defaulted */
	char *templates_dir; /* site.templates: the site's own template folder, relative paths taken from
	                      * the YAML file's folder; NULL when absent (only the built-in templates) */
	unsigned templates_line, templates_column; /* for io's check that the folder can be read */
	/* database: */
	pt_db_settings db;
	/* territories: */
	pt_territory_tree territories;
	/* roles: */
	pt_role *roles;
	size_t role_count;
	/* assignments: */
	pt_assignment *assignments;
	size_t assignment_count;
	/* threads: */
	pt_threads_settings threads;
	/* moderation: */
	pt_moderation_settings moderation;
	/* plans:, commitments:, assemblies: (config_commitments.h); NULL when all are absent */
	struct pt_commitments_config *commitments;
	/* processes: (config_processes.h); NULL when the section is absent */
	struct pt_processes *processes;
	/* instruments: (core/instrument/config_instruments.h); NULL when the section is absent */
	struct pt_instruments *instruments;
	/* bodies: (core/body/config_bodies.h); NULL when the section is absent */
	struct pt_bodies *bodies;
	/* responsibilities: (core/responsibility/responsibility.h); NULL when the section is absent */
	struct pt_responsibilities *responsibilities;
} pt_config;

/*
 * Validates doc into a new configuration. Appends every problem found to
 * diags (then sorts the list by position). Returns PT_OK with *out set when
 * there were none; returns PT_ERR_CONFIG with *out NULL otherwise
 * (PT_ERR_NOMEM on allocation failure). A NULL or null doc->root (empty
 * file) is one diagnostic at 1:1. doc must keep the loader's guarantees
 * (mapping keys are scalars, no duplicate keys); it is only read, and the
 * result shares no memory with it. O(size of the document).
 */
pt_status pt_config_build(const pt_ydoc *doc, pt_config **out, pt_diags *diags);

/* How thoroughly to check (pt_config_build_ex()). */
typedef struct pt_config_options {
	/*
	 * Run every moderation rule with a pattern through pt_modrules_probe()
	 * (adversarial texts at threads.max_length) and report rules that
	 * backtrack catastrophically, do too much work for the time budget, or
	 * (hold/reject) match the empty text. What `participa check` does; the
	 * site's own Site::open() does not pay for it (a few ms per rule).
	 */
	bool probe_moderation;
} pt_config_options;

/* pt_config_build() with options (NULL = pt_config_build()). */
pt_status pt_config_build_ex(const pt_ydoc *doc, const pt_config_options *opts, pt_config **out,
	pt_diags *diags);

/* Frees a configuration. NULL is fine. */
void pt_config_free(pt_config *cfg);

/* Role lookup by id; NULL if absent. O(roles). */
const pt_role *pt_config_role(const pt_config *cfg, const char *id);

/* Territory lookup by id (len bytes); index into cfg->territories.items or -1. O(1). */
int32_t pt_config_territory(const pt_config *cfg, const char *id, size_t len);

/*
 * Settings for a subject type (len bytes): the declared entry, or
 * cfg->threads.subject_defaults for a type not declared (unknown subject
 * types are allowed). Never NULL. O(subject types).
 */
const pt_subject_settings *pt_config_subject(const pt_config *cfg, const char *type, size_t len);

/*
 * Parses a duration "Ns", "Nm", "Nh" or "Nd" (N a whole number; "0" alone
 * is 0) into seconds; false if malformed or above UINT32_MAX seconds.
 */
bool pt_config_parse_duration(const char *s, size_t len, uint32_t *seconds);

/* Parses a rate "N/s", "N/m", "N/h", "N/d" or "none"; false if malformed. */
bool pt_config_parse_rate(const char *s, size_t len, pt_rate *out);

/* Allowed top-level sections, NULL-terminated (for help texts and tests). */
extern const char *const pt_config_sections[];

#endif
