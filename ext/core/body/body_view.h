/*
 * participa core: Site::body()'s answer, a value tree (body.h's rules on a date).
 */
#ifndef PT_BODY_VIEW_H
#define PT_BODY_VIEW_H

#include "core/common/pt_value.h"
#include "core/body/body.h"

/*
 * The body id (len bytes) on the civil date day_text ("YYYY-MM-DD"): its seats with their holders and
 * terms, who is in office, the members per sector, the quorum, the rotating role's holder, the membership
 * rule and its problem. Result-fed seats show participant null (their winners are the results' to give).
 * PT_ERR_NOT_FOUND for an unknown body, PT_ERR_INVALID for a date that is not one.
 */
pt_status pt_body_view(const pt_config *cfg, const char *id, size_t len, const char *day_text, size_t day_len,
	const pt_allocator *a, pt_value **out, pt_error *err);

#endif /* PT_BODY_VIEW_H */
