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
 * rule and its problem, and how many seats in their term are vacant. A result-fed seat's holder is
 * holders[i] and its process's first winner winners[i] (io/body/body_store.h reads both from the stored
 * final counts; NULL arrays: none known): the seat shows participant (null while vacant), winner and vacant
 * (null, "not_counted" or "no_participant").
 * PT_ERR_NOT_FOUND for an unknown body, PT_ERR_INVALID for a date that is not one.
 */
pt_status pt_body_view(const pt_config *cfg, const char *id, size_t len, const char *day_text, size_t day_len,
	const char *const *holders, const char *const *winners, const pt_allocator *a, pt_value **out, pt_error *err);

#endif /* PT_BODY_VIEW_H */
