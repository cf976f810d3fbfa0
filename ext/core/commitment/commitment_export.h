/*
 * participa core: the open-data encodings of a plan's commitments
 * (Commitments::export()). No I/O, no php.h.
 *
 * CSV: RFC 4180 through core/common/csv.h, one header row of the field
 * names, each field's canonical text (the bytes import() reads back).
 * JSON: {"plan": {id, title, from, to, territory}, "commitments": [...]},
 * byte for byte what PHP's json_encode() gives with JSON_PRETTY_PRINT |
 * JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES (four-space indent,
 * "\u2028"/"\u2029" escaped, DEL kept) for valid UTF-8 text.
 */
#ifndef PT_COMMITMENT_EXPORT_H
#define PT_COMMITMENT_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include "core/commitment/commitment.h"

void pt_commitment_export_csv(pt_buf *b, const pt_commitment_record *items, size_t n, bool bom);
void pt_commitment_export_json(pt_buf *b, const pt_commitment_plan *plan, const pt_commitment_record *items, size_t n);

/*
 * A list field's items: pillars are joined by ";", actors by "; ". Calls
 * fn for each item (len bytes) of s (NULL or "": none).
 */
void pt_commitment_list_items(const char *s, const char *sep, void (*fn)(void *ctx, const char *item, size_t len),
	void *ctx);

#endif /* PT_COMMITMENT_EXPORT_H */
