/*
 * participa io: the responsibility report from the stored data (Site::responsibilityReport(), issue 19
 * item 4; the rules and the answer are core/responsibility/responsibility_report.h's).
 *
 * The facts per territory, the honest mapping onto what participa stores:
 *   assemblies   participa_assemblies rows of the territory held on or before the date
 *                (Commitments::recordAssembly());
 *   agreements   their participa_agreements rows;
 *   commitments  the agreements that became a commitment (participa_agreements.commitment_id), each
 *                with its current stored progress (progress has no history: the date bounds the
 *                assemblies, not the progress);
 *   local agenda the territory's plan with `agenda: true` (the YAML), by its stage: diagnosis
 *                (assemblies, no agreement), agenda (agreements, none started), implementation (a
 *                commitment with progress).
 * One query, GROUP BY territory (at most one row per territory: 6,644 at Iztapalapa's size), whatever
 * the scope; the roll-up up the tree is core's, O(rows x depth).
 */
#ifndef PT_RESPONSIBILITY_STORE_H
#define PT_RESPONSIBILITY_STORE_H

#include "io/common/db.h"
#include "core/responsibility/responsibility_report.h"

/*
 * The report of `of` (a territory id or a participant who answers for some) as of date (YYYY-MM-DD, or
 * NULL: everything stored): core's value into *out. PT_ERR_NOT_FOUND (unknown territory, a person
 * without responsibility), PT_ERR_INVALID (a date that is not one, or after today), PT_ERR_DB,
 * PT_ERR_NOMEM.
 */
pt_status pt_resp_store_report(pt_db *db, const pt_config *cfg, const char *of, size_t len, const char *date,
	size_t date_len, const pt_allocator *a, pt_value **out, pt_error *err);

/* The query's facts alone (the bench's figure beside its floor): *facts through a, *n rows. */
pt_status pt_resp_store_facts(pt_db *db, const pt_config *cfg, const char *date, const pt_allocator *a,
	pt_resp_facts **facts, size_t *n, pt_error *err);

#endif
