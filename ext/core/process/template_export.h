/*
 * participa core: a process template's summary as open data
 * (Site::processTemplate($id, 'csv' | 'json')).
 */
#ifndef PT_TEMPLATE_EXPORT_H
#define PT_TEMPLATE_EXPORT_H

#include <stdbool.h>
#include "core/common/pt_value.h"

/* Whether format (len bytes) is "csv" or "json". */
bool pt_process_template_format_ok(const char *format, size_t len);

/*
 * The summary (io/process/process_template_store.h) as a document into *doc (through a; the
 * caller frees it), *doc_len. json: the summary itself, as PHP's json_encode() writes it. csv:
 * one header line "process,territory,territory_name,residents,voters,turnout_percent,closed,
 * winners" and one row per process in territory order: turnout to two decimals (empty without
 * residents), closed 1/0, winners joined with ';' (empty before a final count). RFC 4180 quoting.
 * PT_ERR_INVALID for another format, PT_ERR_NOMEM.
 */
pt_status pt_process_template_open_data(const pt_value *summary, const char *format, size_t len, const pt_allocator *a,
	char **doc, size_t *doc_len, pt_error *err);

#endif
