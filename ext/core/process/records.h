/*
 * participa core: what the process store reads and writes, as plain structs
 * (io/process/process_store.h names them pt_process_store_*): the process
 * row, an option proposed through the API, a paper batch. Core builds the
 * answers from them (answers.h) and merges the options (options.h) without
 * knowing the SQL.
 */
#ifndef PT_PROCESS_RECORDS_H
#define PT_PROCESS_RECORDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/common/pt_base.h"
#include "core/common/pt_id.h"
#include "core/process/ballot.h"
#include "core/process/process_rules.h"

#define PT_RECEIPT_LEN 26   /* symbols of a receipt (base32 of 130 random bits) */

/* The process row (participa_processes). */
typedef struct pt_process_row {
	int64_t id;
	bool closed;
	bool sealed;                 /* secret: links removed and ballot tables rewritten (pt_process_store_seal) */
	char closed_at[32];          /* UTC text, "" when open */
	char closed_by[PT_ID_MAX + 1];   /* who called close($by), "" when none */
	bool closed_by_schedule;     /* closed itself when its voting phase ended */
} pt_process_row;

/* An option proposed through the API (participa_process_options). Strings are borrowed. */
typedef struct pt_process_option {
	const char *id; size_t id_len;
	const char *name; size_t name_len;
	bool has_cost;
	int64_t cost;
	const char *territory; size_t territory_len;         /* NULL when none */
	const char *proposed_by; size_t proposed_by_len;     /* NULL when none */
	const char *created_at;                              /* UTC text */
	bool withdrawn;
	const char *withdrawn_at;                            /* UTC text, NULL when active */
	const char *withdrawn_by; size_t withdrawn_by_len;   /* NULL when active */
	const char *withdraw_reason; size_t withdraw_reason_len;
} pt_process_option;

/* One ballot of a paper batch, canonical. */
typedef struct pt_process_paper_ballot {
	const char *ballot; size_t ballot_len;   /* canonical */
	const char *reason; size_t reason_len;   /* or NULL */
} pt_process_paper_ballot;

typedef enum pt_process_batch_state {
	PT_BATCH_PENDING = 0,        /* first entry stored, waiting for the second person */
	PT_BATCH_MISMATCH,           /* both entries stored and they differ */
	PT_BATCH_COUNTED             /* both entries matched: ballots are in the box */
} pt_process_batch_state;

/* A paper batch entered by an official (io: pt_process_store_paper_batch()). */
typedef struct pt_process_batch {
	int64_t process_id;
	const char *batch_id;
	const char *assembly;
	const char *tally_sheet;
	const char *official;
	const pt_process_paper_ballot *ballots;
	size_t count;
	const pt_allocator *alloc;   /* the out lists below (NULL: libc) */
	/* out */
	pt_process_batch_state state;
	int entry;                   /* which entry this call stored: 1 or 2 */
	char first_by[PT_ID_MAX + 1];
	size_t *mismatches;          /* positions that differ (through alloc), when MISMATCH */
	size_t mismatch_count;
	/* The other entry's reading at each mismatched position (parallel to
	 * mismatches; NULL where the other entry has no ballot there); arrays and
	 * strings through alloc, freed by pt_process_store_batch_free(). */
	char **other_ballots;
	size_t *other_ballot_lens;
	char **other_reasons;        /* NULL entries when the other reading has no reason */
	size_t *other_reason_lens;
	char other_by[PT_ID_MAX + 1];    /* who entered the other entry ("" when none) */
	bool header_mismatch;        /* assembly or tally sheet differ */
	bool count_mismatch;         /* the entries hold different numbers of ballots */
} pt_process_batch;

/* A ballot cast through the web (io: pt_process_store_cast_ballot()). */
typedef struct pt_process_cast {
	int64_t process_id;
	const char *participant;
	const char *ballot; size_t ballot_len;   /* canonical encoding */
	const char *role;            /* stance ballots, or NULL */
	const char *reason; size_t reason_len;   /* or NULL */
	const char *voter;           /* public processes: the participant; secret: NULL */
	const char *idempotency_key; /* or NULL */
	bool keep_ref;               /* keep voters.ballot_ref (the vote may change later) */
	bool allow_change;           /* a second ballot replaces the first */
	const pt_config *cfg;        /* the rules: pt_process_rule_cast() on the facts read inside the transaction */
	const pt_process_def *def;
	const pt_allocator *alloc;   /* request memory (NULL: libc) */
	bool fast;                   /* try the one-round-trip procedure first (schema 011) */
	/* out */
	char receipt[PT_RECEIPT_LEN + 1];
	uint32_t version;            /* 1 for a first ballot */
	bool replayed;               /* answered from the idempotency key; nothing written */
	bool changed;                /* replaced an earlier ballot */
	bool voice_only;             /* the participant only has a voice (consensus) */
	bool fast_used;              /* stored by the one-round-trip procedure */
} pt_process_cast;

/*
 * The cast of participant's canonical ballot in def: voter (public
 * processes only), vote changes, the rules' cfg and def. The caller sets
 * ballot, reason and idempotency_key.
 */
void pt_process_cast_init(pt_process_cast *c, const pt_config *cfg, const pt_process_def *def, int64_t process_id,
	const char *participant, const pt_allocator *a);

/* An option proposed through the API (io: pt_process_store_propose()). */
typedef struct pt_process_proposal {
	int64_t process_id;
	const char *proposer;
	const char *option_id;       /* already checked against the id rule and the YAML's ids */
	const char *name; size_t name_len;
	bool has_cost;
	int64_t cost;
	const char *territory;       /* or NULL */
	size_t max_options;          /* API options a process may hold (withdrawn ones count) */
	const pt_config *cfg;        /* the rules: pt_process_rule_propose() inside the transaction */
	const pt_process_def *def;
	const pt_process_clock *clock;
	const pt_allocator *alloc;   /* request memory (NULL: libc) */
	/* out */
	bool replayed;               /* the same proposer already proposed the same option: nothing written */
	char created_at[32];         /* UTC text */
} pt_process_proposal;

/* The proposal of o (checked: pt_process_option_check()) by proposer: a cost for budgets only, the territory's id. */
void pt_process_proposal_init(pt_process_proposal *p, const pt_config *cfg, const pt_process_def *def,
	const pt_process_clock *clock, int64_t process_id, const char *proposer, const pt_process_option_in *o,
	const pt_allocator *a);

/* A batch's ballots as they are read: canon[i] holds ballot i's canonical text, items[i] points at it. */
typedef struct pt_process_paper_list {
	pt_process_paper_ballot *items;
	pt_buf *canon;
	char **reasons;              /* ballot i's reason, copied (or NULL) */
	size_t n;
	const pt_allocator *alloc;
} pt_process_paper_list;

/* n empty ballots. PT_ERR_NOMEM. */
pt_status pt_process_paper_list_init(pt_process_paper_list *l, size_t n, const pt_allocator *a, pt_error *err);
/* Ballot i was read into canon[i] (and items[i].reason): items[i] points at its text. */
void pt_process_paper_list_done(pt_process_paper_list *l, size_t i);
/* Reads ballot i from v (pt_process_ballot_value(): the host's ballot converted; its reason is
 * copied) and marks it done. The refusal is that of pt_process_ballot_value(). */
pt_status pt_process_paper_list_read(pt_process_paper_list *l, size_t i, const pt_process_def *def, const pt_value *v,
	pt_error *err);
/* Frees l (safe on a failed init and twice). */
void pt_process_paper_list_free(pt_process_paper_list *l);

/* A batch of n canonical ballots entered by official. */
void pt_process_batch_init(pt_process_batch *b, int64_t process_id, const char *batch_id, const char *assembly,
	const char *tally_sheet, const char *official, const pt_process_paper_ballot *list, size_t n,
	const pt_allocator *a);

#endif /* PT_PROCESS_RECORDS_H */
