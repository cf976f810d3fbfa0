/*
 * participa core: the options that take part in a process, the YAML's
 * candidates followed by the active options proposed through the API
 * (records.h pt_process_option, streamed by pt_process_store_options()).
 * An API option whose id the YAML took over since is the YAML's; withdrawn
 * ones take no part. Until voting opens the list can change, so the binding
 * loads it again for each method (pt_process_options_frozen()).
 *
 *   pt_process_current c;
 *   pt_process_current_init(&c, cfg, def, alloc);
 *   pt_process_store_options(db, id, pt_process_current_row, &c, err);
 *   pt_process_current_finish(&c, err);
 *   pt_process_current_def(&c)  ... pt_process_current_free(&c);
 *
 * Memory: O(options) through the allocator; the YAML's candidates are
 * shallow copies (the configuration outlives c).
 */
#ifndef PT_PROCESS_OPTIONS_H
#define PT_PROCESS_OPTIONS_H

#include "core/process/config_processes.h"
#include "core/process/records.h"

typedef struct pt_process_current {
	const pt_config *cfg;
	const pt_process_def *def;   /* the YAML's */
	const pt_allocator *alloc;
	pt_process_candidate *api;   /* the API's (ids and names owned) */
	size_t api_count, api_cap;
	pt_process_def eff;          /* after finish with API options: *def with candidates and costs owned */
} pt_process_current;

/* An empty list over def (pt_process_current_def() is def). c may be copied as a value. */
void pt_process_current_init(pt_process_current *c, const pt_config *cfg, const pt_process_def *def,
	const pt_allocator *a);

/* One stored option (the store's row callback, ctx a pt_process_current). PT_ERR_NOMEM. */
pt_status pt_process_current_row(void *ctx, const pt_process_option *o, pt_error *err);

/* Builds the merged definition (candidates, and costs for a budget). PT_ERR_NOMEM. */
pt_status pt_process_current_finish(pt_process_current *c, pt_error *err);

/* The definition with the current options: def itself when no API option takes part. */
const pt_process_def *pt_process_current_def(const pt_process_current *c);

/* Frees what c holds and empties it (safe on a zeroed c and twice). */
void pt_process_current_free(pt_process_current *c);

#endif /* PT_PROCESS_OPTIONS_H */
