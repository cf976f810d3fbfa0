/*
 * participa io: Commitments::import() from a read file to its one
 * transaction (see pt_commitment_store_import_file() in commitment_store.h).
 */
#include "io/commitment/commitment_store.h"

#include <string.h>

typedef struct import_ctx {
	pt_commitment_import_file *f;
	bool dry;
} import_ctx;

/* pt_commitment_store_import_fn: what the write did with row i (called again for each replay). */
static pt_status import_result(void *vctx, size_t i, pt_commitment_store_import_action action, size_t changed,
	const char *changes, const pt_error *refusal, int field, pt_error *err)
{
	import_ctx *k = vctx;
	pt_commitment_import_outcome o = action == PT_COMMITMENT_IMPORT_CREATE ? PT_COMMITMENT_IMPORT_CREATED
		: action == PT_COMMITMENT_IMPORT_UPDATE ? PT_COMMITMENT_IMPORT_UPDATED
		: action == PT_COMMITMENT_IMPORT_UNCHANGED ? PT_COMMITMENT_IMPORT_SAME : PT_COMMITMENT_IMPORT_REFUSED_ROW;

	pt_commitment_import_record(k->f, i, o, changed, changes, k->dry, refusal ? refusal->message : NULL, field);
	return k->f->nomem ? pt_error_set(err, PT_ERR_NOMEM, "out of memory") : PT_OK;
}

/* The write: one transaction, committed only without a single error; a dry run always rolls back. */
static pt_status import_write(pt_db *db, pt_commitment_import_file *f, const pt_commitment_patch_in *in, bool dry,
	const char *actor, pt_error *err)
{
	pt_commitment_store_import im;
	pt_commitment_check chk;
	import_ctx k = { f, dry };
	const char **ids = pt_calloc(f->a, f->nrows, sizeof(char *));
	pt_commitment_patch *patches = pt_calloc(f->a, f->nrows, sizeof(pt_commitment_patch));
	int64_t *parents = pt_calloc(f->a, f->nrows, sizeof(int64_t));
	pt_status st = PT_ERR_NOMEM;
	size_t i;

	if (ids && patches && parents) {
		for (i = 0; i < f->nrows; i++) {
			ids[i] = f->rows[i].pb.p.v[PT_CMF_ID];
			patches[i] = f->rows[i].pb.p;
			parents[i] = f->plan[i].parent_row;
		}
		memset(&chk, 0, sizeof(chk));
		chk.c = in->cfg->commitments;
		chk.trusted = true;   /* an import restores data: no transition rules */
		memset(&im, 0, sizeof(im));
		im.nrows = f->nrows;
		im.ids = ids;
		im.patches = patches;
		im.parent_row = parents;
		im.order = f->order;
		im.count = f->count;
		im.dry_run = dry || f->error_count + f->omitted > 0;
		im.actor = actor;
		im.check = pt_commitment_check_write;
		im.check_ctx = &chk;
		im.fn = import_result;
		im.fn_ctx = &k;
		im.alloc = f->a;
		st = pt_commitment_store_import_run(db, &im, err);
	} else {
		pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	pt_free(f->a, ids);
	pt_free(f->a, patches);
	pt_free(f->a, parents);
	return st;
}

pt_status pt_commitment_store_import_file(pt_db *db, pt_commitment_import_file *f, const pt_commitment_patch_in *in,
	bool dry, const char *actor, pt_error *err)
{
	const char **ids = NULL;
	size_t nids = 0, nstored = 0;
	pt_commitment_import_stored *stored = NULL;
	pt_commitment_store_arena *arena = NULL;
	pt_status st;

	st = pt_commitment_import_check(f, in, &ids, &nids, err);
	if (st == PT_OK && f->nrows) {
		/* the structure of the whole file, against what is stored */
		if (!(arena = pt_commitment_store_arena_new(f->a))) {
			st = pt_error_set(err, PT_ERR_NOMEM, "out of memory");
		} else if (nids) {
			st = pt_commitment_store_stored_facts(db, ids, nids, arena, &stored, &nstored, err);
		}
		if (st == PT_OK) {
			st = pt_commitment_import_plan(f, stored, nstored, err);
		}
		pt_commitment_store_arena_free(arena);
	}
	pt_free(f->a, (void *)ids);
	if (st == PT_OK && pt_commitment_import_writes(f, dry)) {
		st = import_write(db, f, in, dry, actor, err);
	}
	if (st == PT_OK) {
		pt_commitment_import_finish(f, dry);
	}
	return st;
}
