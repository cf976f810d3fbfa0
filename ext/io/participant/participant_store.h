/*
 * participa io: the SQL of participants (schema/001_foundation.sql) and of
 * what is stored about one person across every table (ARCO rights: access
 * and cancellation under Mexico's LGPDPPSO).
 *
 * Pure C over pt_db; no policy. The binding checks ids (pt_id_check) and
 * decides who may call what; the permission rules are in
 * core/permissions.h.
 *
 * Stored role lists: every store that reads a participant's roles selects
 * PT_PARTICIPANT_STORE_ROLES_SQL as one column and copies it with pt_participant_store_roles_col(), which
 * refuses a list that is cut or ambiguous (see core/permissions.h) instead of
 * granting a prefix of an id.
 *
 * Errors: PT_ERR_DB from the server (and for an unreadable role list);
 * PT_ERR_NOMEM; PT_ERR_INTERNAL if the kernel gives no randomness.
 */
#ifndef PT_PARTICIPANT_STORE_H
#define PT_PARTICIPANT_STORE_H

#include <stdbool.h>
#include <stdint.h>
#include "io/common/db.h"
#include "core/participant/permissions.h"

/*
 * One column: the stored roles of the participant bound at its '?', as
 * "N:id,...,id," (N rows, each id followed by ','). COUNT and GROUP_CONCAT
 * read the same rows, so a GROUP_CONCAT cut by group_concat_max_len (1024
 * bytes by default on MySQL) is detected, whatever the server's settings.
 */
#define PT_PARTICIPANT_STORE_ROLES_SQL \
	"(SELECT CONCAT(COUNT(*), ':', IFNULL(GROUP_CONCAT(CONCAT(pr.role, ',') ORDER BY pr.role SEPARATOR ''), '')) " \
	"FROM participa_participant_roles pr WHERE pr.participant_id = ?)"

/*
 * Copies a PT_PARTICIPANT_STORE_ROLES_SQL column into buf (size bytes; PT_ROLES_TEXT_SIZE
 * holds any list upsert() can store) as "id,...,id". NULL reads as no roles.
 * PT_ERR_DB (buf "") when the list is cut, ambiguous or longer than buf.
 */
pt_status pt_participant_store_roles_col(const pt_db_value *col, char *buf, size_t size, pt_error *err);

/*
 * For a query that reads one row per role instead: appends the role column
 * (NULL: nothing) to buf as "id,...,id", *len its length so far. An id
 * holding ',' or a NUL, or a list longer than buf, is refused (PT_ERR_DB,
 * buf ""), never cut.
 */
pt_status pt_participant_store_roles_append(const pt_db_value *col, char *buf, size_t size, size_t *len, pt_error *err);

/* ---- the participant record ----------------------------------------------- */

/*
 * Creates or updates a participant with its API roles (replacing the
 * previous API roles), in one transaction. At most PT_ROLES_MAX roles (the
 * binding checks; PT_ERR_INVALID here too).
 */
pt_status pt_participant_store_upsert(pt_db *db, const char *id, const char *territory, const char *const *roles, size_t nroles,
	pt_error *err);

/* Sets status banned/active and logs it in the moderation log (action "ban"/"unban"); creates the row if
 * needed. One transaction. */
pt_status pt_participant_store_ban(pt_db *db, const char *id, bool banned, const char *moderator, const char *reason,
	pt_error *err);

typedef struct pt_participant {
	bool found;
	const char *territory;       /* or NULL */
	bool banned;
	const char *roles;           /* stored roles, "id,...,id" ("" if none) */
	const char *created_at, *updated_at;
	/* the storage the strings above point into: do not copy the struct */
	char territory_buf[PT_ID_MAX + 1], roles_buf[PT_ROLES_TEXT_SIZE], created_buf[32], updated_buf[32];
} pt_participant;

/* Reads a participant (found false when there is no row). One query. */
pt_status pt_participant_store_get(pt_db *db, const char *id, pt_participant *out, pt_error *err);

/* ---- where an action happens ------------------------------------------------ */

/*
 * The stored territory of a thread subject participa keeps itself:
 * 'commitment' (participa_commitments.territory_id) and 'assembly' (the
 * assembly whose id is subject_id written in canonical decimal). Copies it
 * into buf (NUL-terminated; "" when the subject has none); *found tells
 * whether the subject exists (false for another type). One query (none for
 * other types).
 */
pt_status pt_participant_store_subject_territory(pt_db *db, const char *type, size_t type_len, const char *id, size_t id_len,
	char *buf, size_t size, bool *found, pt_error *err);

/* The thread subject of a comment: type and id copied into the buffers; *found false for no comment. */
pt_status pt_participant_store_comment_subject(pt_db *db, int64_t comment_id, char *type, size_t type_size, char *id,
	size_t id_size, bool *found, pt_error *err);

/*
 * A write on commitment id by a writer with territory-scoped assignments:
 * out->territory and out->exists read from the stored commitment, then the
 * scope resolved (pt_write_scope_resolve(): territory_set, territory).
 */
pt_status pt_participant_store_write_scope(pt_db *db, const pt_config *cfg, const char *id, bool territory_set,
	const char *territory, pt_write_scope *out, pt_error *err);

/* ---- ARCO: erase and export --------------------------------------------------- */

/* What pt_participant_store_erase() did, by table, and what it kept (the law requires the record). */
typedef struct pt_participant_store_erase_report {
	char pseudonym[48];          /* the random id that replaced the person where a row stays */
	uint64_t participant;        /* participants rows deleted (0 or 1) */
	uint64_t roles;              /* participant_roles rows deleted */
	uint64_t comments;           /* their comments: text, versions and alignment erased, author replaced,
	                                status 'deleted' (they keep their place in the tree) */
	uint64_t comment_versions;   /* earlier versions deleted */
	uint64_t reactions;          /* their reactions deleted (counters and scores of the comments updated) */
	uint64_t flags;              /* their flags deleted (flag counts updated) */
	uint64_t mentions;           /* mentions of them, and mentions in their comments, deleted */
	uint64_t moderation_log;     /* log rows about them: participant replaced */
	uint64_t voters;             /* voter rows of closed processes: participant replaced */
	uint64_t cast_keys;          /* idempotency keys of closed processes deleted */
	uint64_t ballots;            /* public ballots: voter replaced */
	uint64_t proposals;          /* options they proposed: proposer replaced */
	uint64_t attendance;         /* assembly attendance entries naming their id: replaced */
	/* kept */
	uint64_t kept_voters;        /* voter rows of processes still open (one person, one vote) */
	uint64_t kept_cast_keys;     /* idempotency keys of processes still open */
	uint64_t kept_official;      /* acts done with a permission over others: moderation log rows as
	                                moderator, official answers, paper batches entered, withdrawals,
	                                assemblies recorded, evidence added */
	uint64_t kept_history;       /* commitment history events naming them (the hash chain) */
} pt_participant_store_erase_report;

/*
 * Erases or anonymises everything stored about participant id, in ONE
 * transaction (replayed whole on deadlock), except the records listed as
 * kept in the report (docs/internals/limits-participants.md says why). A second
 * erase of the same id finds nothing more to do. O(rows about the person);
 * tables without an index on the person's column are scanned (export too).
 * The rows it reads to fix counters are held in memory from a (the
 * request's allocator; NULL: libc), freed before it returns.
 */
pt_status pt_participant_store_erase(pt_db *db, const char *id, const pt_allocator *a,
	pt_participant_store_erase_report *out, pt_error *err);

/*
 * The report's counters by name, in the order Participants::erase() lists
 * them (kept: under 'kept'); NULL-terminated. Each is a uint64_t at offset.
 */
typedef struct pt_participant_store_erase_field {
	const char *name;
	size_t offset;
	bool kept;
} pt_participant_store_erase_field;

extern const pt_participant_store_erase_field pt_participant_store_erase_fields[];

/*
 * Everything stored about participant id, read in ONE transaction at
 * REPEATABLE READ (a consistent snapshot). For each row of each section the
 * sink gets the section name ("participant", "roles", "comments" ...), the
 * column names and the values (valid during the call). begin() is called at
 * the start of each attempt (a replayed transaction starts over): the sink
 * drops what it collected. Secret ballots are never part of it: no receipt,
 * no ballot, no version of a secret process.
 */
typedef struct pt_participant_store_export_sink {
	void (*begin)(void *ctx);
	pt_status (*row)(void *ctx, const char *section, const char *const *names, const pt_db_value *values,
		size_t ncols, pt_error *err);
	void *ctx;
} pt_participant_store_export_sink;

pt_status pt_participant_store_export(pt_db *db, const char *id, const pt_participant_store_export_sink *sink, pt_error *err);

/* The export's section names, in order (NULL-terminated), so a caller can list empty sections too. */
extern const char *const pt_participant_store_export_sections[];

#endif /* PT_PARTICIPANT_STORE_H */
