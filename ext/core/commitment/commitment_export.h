/*
 * participa core: the open-data encodings of a plan's commitments
 * (Commitments::export()). No I/O, no php.h.
 *
 * CSV: RFC 4180 through core/common/csv.h, one header row of the field
 * names, each field's canonical text (the bytes import() reads back).
 * JSON: {"plan": {id, title, from, to, territory}, "commitments": [...]},
 * byte for byte what PHP's json_encode() gives with JSON_PRETTY_PRINT |
 * JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES (four-space indent;
 * strings through core/common/json_write.h) for valid UTF-8 text.
 */
#ifndef PT_COMMITMENT_EXPORT_H
#define PT_COMMITMENT_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include "core/commitment/commitment.h"
#include "core/site/site_config.h"
#include "core/common/pt_value.h"

void pt_commitment_export_csv(pt_buf *b, const pt_commitment_record *items, size_t n, bool bom);
void pt_commitment_export_json(pt_buf *b, const pt_commitment_plan *plan, const pt_commitment_record *items, size_t n);

/*
 * A list field's items: pillars are joined by ";", actors by "; ". Calls
 * fn for each item (len bytes) of s (NULL or "": none).
 */
void pt_commitment_list_items(const char *s, const char *sep, void (*fn)(void *ctx, const char *item, size_t len),
	void *ctx);

/* ---- a commitment as a page shows it ---------------------------------------- */

typedef struct pt_commitment_view {
	int32_t progress_bp;                  /* the progress in basis points (0 when none) */
	const char *status_label, *theme_label, *agency_name;   /* from the YAML, NULL when unknown */
	const char *light, *light_label;      /* the traffic light as of a date (label in the site's language) */
	const char *completion, *completion_label;   /* the OGP completion level, NULL below the first */
} pt_commitment_view;

void pt_commitment_view_of(const pt_config *cfg, const pt_commitment_record *r, const char *as_of,
	pt_commitment_view *out);

/*
 * A commitment as the page array (get(), list(), a write's answer): every
 * field in pt_commitment_field_names order (pillars and actors as lists,
 * evidence and milestones as lists of maps, or null when a listing only
 * counted them; progress and weight as floats), then the view's labels,
 * depth, children, light, completion and the row's times. NULL when out of
 * memory. records_value(): the list of those whose light is `light` (NULL: all).
 */
pt_value *pt_commitment_record_value(const pt_config *cfg, const pt_commitment_record *r, const char *as_of,
	const pt_allocator *a);
pt_value *pt_commitment_records_value(const pt_config *cfg, const pt_commitment_record *items, size_t n,
	const char *as_of, const char *light, const pt_allocator *a);

/* A stored evidence URL as a page may show it: NULL when the URL rule refuses it (stored before the rule, or by
 * hand in SQL). An export keeps it, so an operator sees it and a re-import names it. */
const char *pt_commitment_shown_url(const char *url);

#endif /* PT_COMMITMENT_EXPORT_H */
