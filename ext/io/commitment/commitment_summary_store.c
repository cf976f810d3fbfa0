/*
 * participa io: summary() through the per-process cache of core/commitment/
 * commitment_summary.h (see pt_commitment_store_summary_cached()).
 */
#include "io/commitment/commitment_store.h"

const pt_commitment_summary *pt_commitment_store_summary_cached(pt_db *db, const pt_config *cfg, pt_commitment_by by,
	const char *plan, bool roots, const char *late_before, pt_error *err)
{
	pt_commitment_summary *e;
	int64_t seq = -1;
	bool fresh;

	if (pt_commitment_store_version(db, &seq, err) != PT_OK) {
		return NULL;
	}
	if (!(e = pt_commitment_summary_lookup(cfg, plan, by, late_before, roots, seq, &fresh))) {
		pt_error_set(err, PT_ERR_NOMEM, "out of memory");
		return NULL;
	}
	if (fresh) {
		if (pt_commitment_store_summary(db, by, plan, roots, late_before, pt_commitment_summary_collect, e, &e->total,
				err) != PT_OK) {
			pt_commitment_summary_free(e);
			return NULL;
		}
		pt_commitment_summary_keep(e);
	}
	return e;
}
