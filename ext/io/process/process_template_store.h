/*
 * participa io: the summary across the processes a template generated
 * (Site::processTemplate()): per territory its residents, voters, turnout,
 * whether voting closed and the final count's winners; and the totals.
 *
 * Two queries whatever the number of territories (284 boards: two round
 * trips): the processes' rows with their voter count and their latest
 * final result's winners, and the active participants grouped by
 * territory, rolled up in C to the generated territory each lies in.
 */
#ifndef PT_PROCESS_TEMPLATE_STORE_H
#define PT_PROCESS_TEMPLATE_STORE_H

#include "io/common/db.h"
#include "core/common/pt_value.h"
#include "core/process/config_processes.h"

/*
 * {template, title, territory_kind, within (id or null), processes: [{process, title, territory,
 * territory_name, residents, voters, turnout (voters/residents as a rational, null with no
 * resident), closed, winners (the final count's, null before one)}] in territory order, totals:
 * {processes, residents, voters, turnout, closed, counted}}. A process never opened has 0
 * voters and closed false. *out through a (the caller frees it). PT_ERR_DB, PT_ERR_NOMEM.
 */
pt_status pt_process_template_summary(pt_db *db, const pt_config *cfg, const pt_process_template *t,
	const pt_allocator *a, pt_value **out, pt_error *err);

/*
 * Site::closeTemplate(): every process t generated closed as pt_process_store_close() closes one (its row
 * created or brought up to the YAML's definition first, as a process that has ended its voting: a changed
 * secrecy is refused, PT_ERR_CONFIG), each in its own transaction (no ballot accepted after it, a secret
 * vote's links cleared in it), then ONE pt_process_store_seal() for all the secret ones (one rewrite of the
 * ballot tables: its cost is theirs, whatever the number of processes). *closed: how many were open.
 * *sealed false with *seal_err filled when the rewrite failed (the closes stand) or another worker was
 * sealing (seal_err empty); true when every secret process is sealed or there is none. PT_ERR_DB, PT_ERR_CONFIG
 * for a close; the processes before it stay closed.
 */
pt_status pt_process_template_close(pt_db *db, const pt_config *cfg, const pt_process_template *t, const char *by,
	unsigned wait_seconds, int64_t *closed, bool *sealed, pt_error *seal_err, pt_error *err);

#endif
