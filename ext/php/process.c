/*
 * participa binding: Participa\Process.
 *
 * Thin: arguments and zvals in, C structs to core/io, a pt_error out through
 * participa_throw_error(), a pt_value answer out through
 * participa_value_to_zval(). What lives where:
 *   core/process/process_rules.c  who may cast, propose, withdraw, enter paper, read results, and when
 *   core/process/ballot.c         a ballot checked and in its canonical text; digest lines
 *   core/process/options.c        the options that take part (the YAML's, then the API's)
 *   core/process/answers.c        what every method answers, as pt_value trees
 *   core/process/count.c          the count (profile, SHA-256, tally) and the summary as a pt_value
 *   core/process/export.c         CSV / JSON / Pabulib exports
 *   io/process/process_store.c    the SQL, one transaction per write, the rules called inside it
 * Only the time zone stays here: the YAML's dates are civil times in the
 * site's zone, converted to UTC with PHP's time zone database (timelib,
 * through date_create()), the one clock handed to the rules.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include <time.h>

#include "php.h"
#include "zend_exceptions.h"

#include "php_participa.h"
#include "participa_errors.h"
#include "participa_permissions.h"
#include "participa_site.h"
#include "participa_threads.h"
#include "participa_tally.h"
#include "participa_process.h"
#include "participa_host.h"
#include "participa_options.h"
#include "participa_value.h"
#include "core/common/pt_id.h"
#include "core/fragment/process_view.h"
#include "core/process/answers.h"
#include "core/process/options.h"
#include "core/process/process_rules.h"
#include "io/process/process_reads.h"
#include "io/process/process_store.h"

zend_class_entry *participa_ce_Process;
static zend_object_handlers process_handlers;

#define SEAL_WAIT_REQUEST 2      /* seconds a request waits for the tables the seal rewrites */
#define SEAL_WAIT_CRON 60        /* the same for Process::closeDue() (participa close-due) */
#define PARTICIPANT_ID "El identificador del participante"
#define REQ (&participa_request_allocator)

typedef struct process_object {
	zval site;
	const pt_process_def *def;   /* owned by the site's configuration, which site keeps alive */
	int64_t db_id;
	pt_process_store_process row;  /* the row as last read or written: closed_at, closed_by, sealed */
	pt_process_clock clock;      /* phases in UTC; now and closed refreshed by clock_now() */
	/*
	 * The options that take part (core/process/options.h): cur is def or
	 * opts' merged definition. Reloaded by each method until voting opens
	 * (or the process closes); from then on the list cannot change, so it is
	 * read once per object.
	 */
	const pt_process_def *cur;
	pt_process_current opts;
	bool opts_loaded, opts_frozen;
	/* a seal that failed is not retried by this object (the next request, or close-due, tries) */
	bool seal_failed;
	unsigned seal_wait;
	zend_object std;
} process_object;

static inline process_object *process_from_obj(zend_object *obj)
{
	return (process_object *)((char *)obj - XtOffsetOf(process_object, std));
}
#define Z_PROCESS_P(zv) process_from_obj(Z_OBJ_P(zv))

static zend_object *process_create_object(zend_class_entry *ce)
{
	process_object *po = zend_object_alloc(sizeof(process_object), ce);

	memset(po, 0, XtOffsetOf(process_object, std));
	ZVAL_UNDEF(&po->site);
	po->seal_wait = SEAL_WAIT_REQUEST;
	zend_object_std_init(&po->std, ce);
	object_properties_init(&po->std, ce);
	po->std.handlers = &process_handlers;
	return &po->std;
}

static void process_free(zend_object *object)
{
	process_object *po = process_from_obj(object);

	pt_process_current_free(&po->opts);
	zval_ptr_dtor(&po->site);
	zend_object_std_dtor(object);
}

static const pt_config *process_cfg(process_object *po)
{
	return participa_site_config(&po->site);
}

/* Throws err; false, for `return fail(&err);`. */
static bool fail(const pt_error *err)
{
	participa_throw_error(err);
	return false;
}

/* Throws "out of memory"; false, for `return ... || nomem();`. */
static bool nomem(void)
{
	pt_error err;

	pt_error_clear(&err);
	pt_error_set(&err, PT_ERR_NOMEM, "participa: out of memory");
	return fail(&err);
}

/* ---- time: the one thing core cannot do (PHP's time zone database) --------------- */

/* Local civil seconds in the time zone ctx -> UTC seconds (pt_process_utc_fn; Instrument's windows too). */
bool participa_local_to_utc(void *ctx, int64_t local_s, int64_t *out)
{
	const char *tz = ctx;
	char text[128];
	int y, mo, d, h, mi, s;
	zval fn, arg, obj, ts;
	bool ok = false;

	pt_local_fields(local_s, &y, &mo, &d, &h, &mi, &s);
	snprintf(text, sizeof(text), "%04d-%02d-%02d %02d:%02d:%02d %s", y, mo, d, h, mi, s, tz);
	ZVAL_STRING(&fn, "date_create");
	ZVAL_STRING(&arg, text);
	if (call_user_function(NULL, NULL, &fn, &obj, 1, &arg) == SUCCESS && Z_TYPE(obj) == IS_OBJECT) {
		zval fn2;

		ZVAL_STRING(&fn2, "date_timestamp_get");
		if (call_user_function(NULL, NULL, &fn2, &ts, 1, &obj) == SUCCESS && Z_TYPE(ts) == IS_LONG) {
			*out = Z_LVAL(ts);
			ok = true;
		}
		zval_ptr_dtor(&fn2);
	}
	zval_ptr_dtor(&obj);
	zval_ptr_dtor(&arg);
	zval_ptr_dtor(&fn);
	return ok;
}

static int64_t now_utc(void)
{
	return (int64_t)time(NULL);
}

/* The rules' clock, at this instant. */
static const pt_process_clock *clock_now(process_object *po)
{
	po->clock.now = now_utc();
	return &po->clock;
}

/* Brings po->cur up to date (see process_object). Throws and returns false on failure. */
static bool options_refresh(process_object *po)
{
	pt_process_current next;
	pt_db *db;
	pt_error err;
	bool frozen;

	if (po->opts_loaded && po->opts_frozen) {
		return true;
	}
	frozen = pt_process_options_frozen(clock_now(po));
	if (po->def->method->kind == PT_BALLOT_STANCE) {
		/* stances have no options to propose */
		po->opts_loaded = po->opts_frozen = true;
		return true;
	}
	if (!(db = participa_site_db(&po->site))) {
		return false;
	}
	pt_error_clear(&err);
	if (pt_process_store_current(db, po->db_id, process_cfg(po), po->def, REQ, &next, &err) != PT_OK) {
		pt_process_current_free(&next);
		return fail(&err);
	}
	pt_process_current_free(&po->opts);
	po->opts = next;
	po->cur = pt_process_current_def(&po->opts);
	po->opts_loaded = true;
	po->opts_frozen = frozen;
	return true;
}

/* The definition with its current options, or NULL after throwing. */
static const pt_process_def *current_def(process_object *po)
{
	return options_refresh(po) ? po->cur : NULL;
}

/* ---- opening, closing ------------------------------------------------------------ */

static bool ensure_closed(process_object *po, const char *by, bool scheduled);

/*
 * A process closes itself when its voting phase ends: the first call that
 * finds the end past closes it (closed_how 'schedule'), and a closed secret
 * process whose tables are not rewritten yet is sealed. Every method calls
 * this first. Throws and returns false on failure.
 */
static bool on_schedule(process_object *po)
{
	return !pt_process_close_pending(po->def, clock_now(po), po->row.sealed, po->seal_failed)
		|| ensure_closed(po, NULL, true);
}

/* Site::process() without the schedule's close (closeDue() looks before and after). */
static void process_open(zval *site, const char *id, size_t id_len, bool schedule, zval *return_value)
{
	const pt_config *cfg = participa_site_config(site);
	const pt_process_def *def = NULL;
	pt_process_clock clock;
	pt_process_store_process row;
	process_object *po;
	pt_error err;
	pt_db *db;

	memset(&clock, 0, sizeof(clock));
	pt_error_clear(&err);
	if (pt_process_lookup(cfg, id, id_len, &def, &err) != PT_OK
		|| (!pt_process_clock_phases(def, participa_local_to_utc, (void *)cfg->timezone, &clock)
			&& pt_process_dates_error(def, cfg->timezone, &err) != PT_OK)) {
		fail(&err);
		return;
	}
	/* the row, created or brought up to the YAML's definition */
	if (!(db = participa_site_db(site))
		|| (pt_process_store_sync_def(db, cfg, def, now_utc() >= clock.voting.start, &row, &err) != PT_OK
			&& !fail(&err))) {
		return;
	}
	object_init_ex(return_value, participa_ce_Process);
	po = Z_PROCESS_P(return_value);
	ZVAL_COPY(&po->site, site);
	po->def = po->cur = def;
	po->db_id = row.id;
	po->row = row;
	po->clock = clock;
	po->clock.closed = row.closed;
	if (schedule && !on_schedule(po)) {
		zval_ptr_dtor(return_value);
		ZVAL_NULL(return_value);
	}
}

void participa_process_create(zval *site, zend_string *id, zval *return_value)
{
	process_open(site, ZSTR_VAL(id), ZSTR_LEN(id), true, return_value);
}

/*
 * Closes the process in the database (unlinking secret ballots) and, for a
 * secret process, seals it (pt_process_store_seal: the ballot tables rewritten). A seal
 * that fails leaves the close in force and warns (the operator must look:
 * typically the database user lacks ALTER); the next call tries again.
 * Throws and returns false when the close itself fails.
 */
static bool ensure_closed(process_object *po, const char *by, bool scheduled)
{
	pt_db *db;
	pt_error err, seal;

	if (pt_process_close_settled(po->def, &po->clock, po->row.sealed, po->seal_failed)) {
		return true;
	}
	if (!(db = participa_site_db(&po->site))) {
		return false;
	}
	pt_error_clear(&err);
	pt_error_clear(&seal);
	po->row.closed = po->clock.closed;
	if (pt_process_store_settle(db, po->db_id, po->def->secret, by, scheduled, po->seal_wait, &po->row,
			&po->seal_failed, &seal, &err) != PT_OK) {
		return fail(&err);
	}
	po->clock.closed = true;
	if (po->seal_failed) {
		php_error_docref(NULL, E_WARNING, "participa: process '%s' is closed and its ballots are unlinked, but "
			"the ballot tables could not be rewritten yet (database error %u); run `participa close-due` with a "
			"database user allowed to ALTER the participa tables", po->def->id, seal.db_errno);
	}
	return true;
}

/* ---- ballots and counting ---------------------------------------------------------- */

/*
 * Counts the process from the database (io/process/process_store.c
 * pt_process_store_count() and _count_summary()): the TallyResult into
 * result (or NULL), the summary (final) kept as the latest result when
 * keep, and into out (or NULL). Throws and returns false on failure.
 */
static bool count_answer(process_object *po, bool final, bool keep, zval *result, zval *out)
{
	const pt_process_def *def = current_def(po);
	pt_db *db = def ? participa_site_db(&po->site) : NULL;
	pt_value *summary = NULL;
	pt_process_count c;
	pt_error err;
	pt_status s;

	if (!db) {
		return false;
	}
	pt_error_clear(&err);
	if ((s = pt_process_store_count(db, participa_site_config(&po->site), po->db_id, def, REQ, &c, &err)) == PT_OK) {
		if (result) {
			/* before the summary, which takes the result's trees */
			participa_tally_result_object(def->method->id, strlen(def->method->id), &c.result, result);
		}
		s = pt_process_store_count_summary(db, po->db_id, def, &c, final, keep, REQ, &summary, &err);
	}
	pt_process_count_free(&c);
	if (s == PT_OK && out) {
		participa_value_to_zval(summary, out);
	}
	pt_value_free(summary);
	if (s != PT_OK && result && Z_TYPE_P(result) == IS_OBJECT) {
		zval_ptr_dtor(result);
		ZVAL_NULL(result);
	}
	return s == PT_OK || fail(&err);
}

/* ---- methods ------------------------------------------------------------------------ */

PHP_METHOD(Participa_Process, __construct)
{
	ZEND_PARSE_PARAMETERS_NONE();
}

PHP_METHOD(Participa_Process, info)
{
	process_object *po = Z_PROCESS_P(ZEND_THIS);
	const pt_process_def *def;

	ZEND_PARSE_PARAMETERS_NONE();
	if (!on_schedule(po) || !(def = current_def(po)) || !participa_value_return(pt_process_info_value(process_cfg(po),
			po->def, def, clock_now(po), &po->row, REQ), return_value)) {
		RETURN_THROWS();
	}
}

/* cast()'s third argument: only an idempotency key. *idem stays NULL without one. */
static bool cast_meta(HashTable *meta, const char **idem)
{
	zend_string *key;
	zval *v;

	ZEND_HASH_FOREACH_STR_KEY_VAL(meta, key, v) {
		ZVAL_DEREF(v);
		if (!key || !zend_string_equals_literal(key, "idempotency_key")) {
			participa_throw_argument(3, false, "may only contain \"idempotency_key\"");
			return false;
		}
		if (Z_TYPE_P(v) != IS_STRING) {
			participa_throw_invalid("El identificador de la solicitud (idempotency_key) debe ser un texto.");
			return false;
		}
		if (!participa_id_arg("El identificador de la solicitud (idempotency_key)", Z_STR_P(v))) {
			return false;
		}
		*idem = Z_STRVAL_P(v);
	} ZEND_HASH_FOREACH_END();
	return true;
}

PHP_METHOD(Participa_Process, cast)
{
	process_object *po = Z_PROCESS_P(ZEND_THIS);
	const pt_process_def *def = po->def;
	zend_string *participant;
	zval *ballot;
	HashTable *meta = NULL;
	pt_process_store_cast c;
	pt_buf canon;
	pt_value *v;
	pt_error err;
	pt_db *db;
	bool ok;

	ZEND_PARSE_PARAMETERS_START(2, 3)
		Z_PARAM_STR(participant)
		Z_PARAM_ZVAL(ballot)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(meta)
	ZEND_PARSE_PARAMETERS_END();

	pt_process_cast_init(&c, process_cfg(po), def, po->db_id, ZSTR_VAL(participant), REQ);
	c.fast = PARTICIPA_G(cast_fast_path);
	pt_error_clear(&err);
	if (!participa_id_arg(PARTICIPANT_ID, participant) || (meta && !cast_meta(meta, &c.idempotency_key))
		|| !on_schedule(po) || (pt_process_rule_cast_phase(def, clock_now(po), &err) != PT_OK && !fail(&err))
		|| !options_refresh(po)) {
		RETURN_THROWS();
	}
	/* the ballot's shape and canonical text: core/process/ballot.c (options_refresh() set po->cur) */
	pt_buf_init(&canon, REQ);
	v = participa_value_from_zval(ballot, REQ, 3);
	ok = pt_process_ballot_value(po->cur, v, REQ, &canon, &c.reason, &c.reason_len, &err) == PT_OK || fail(&err);
	c.ballot = canon.data ? canon.data : "";
	c.ballot_len = canon.len;
	c.def = po->cur;   /* with the API's options: the store's district rule reads their pots */
	ok = ok && (db = participa_site_db(&po->site)) && (pt_process_store_cast_ballot(db, &c, &err) == PT_OK || fail(&err));
	pt_value_free(v);   /* after the store: c.reason points into it */
	pt_buf_free(&canon);
	if (!ok || !participa_value_return(pt_process_cast_value(&c, REQ), return_value)) {
		RETURN_THROWS();
	}
}

PHP_METHOD(Participa_Process, status)
{
	process_object *po = Z_PROCESS_P(ZEND_THIS);
	zend_string *participant = NULL;
	pt_value *v = NULL;
	pt_error err;
	pt_db *db;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(participant)
	ZEND_PARSE_PARAMETERS_END();

	pt_error_clear(&err);
	if ((participant && !participa_id_arg(PARTICIPANT_ID, participant)) || !on_schedule(po)
		|| !(db = participa_site_db(&po->site))
		|| (pt_process_store_status(db, po->db_id, process_cfg(po), po->def, clock_now(po),
			participant ? ZSTR_VAL(participant) : NULL, participa_errors_english(), REQ, &v, &err) != PT_OK
			&& !fail(&err))
		|| !participa_value_return(v, return_value)) {
		RETURN_THROWS();
	}
}

/* verifyReceipt()'s row: its answer into the zval ctx. */
static pt_status receipt_row(void *vctx, const pt_process_store_ballot *b, pt_error *err)
{
	pt_value *v = pt_process_receipt_value(b, REQ);

	if (!v) {
		return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	}
	participa_value_to_zval(v, vctx);
	pt_value_free(v);
	return PT_OK;
}

PHP_METHOD(Participa_Process, verifyReceipt)
{
	process_object *po = Z_PROCESS_P(ZEND_THIS);
	zend_string *receipt;
	char typed[PT_RECEIPT_LEN + 1];
	pt_error err;
	pt_db *db;
	bool found = false;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_STR(receipt)
	ZEND_PARSE_PARAMETERS_END();

	pt_error_clear(&err);
	if (pt_process_store_receipt_read(ZSTR_VAL(receipt), ZSTR_LEN(receipt), typed, &err) != PT_OK) {
		fail(&err);
		RETURN_THROWS();
	}
	if (!on_schedule(po) || !(db = participa_site_db(&po->site))) {
		RETURN_THROWS();
	}
	if (pt_process_store_ballot_get(db, po->db_id, typed, PT_RECEIPT_LEN, receipt_row, return_value, &found, &err)
			!= PT_OK) {
		if (found) {
			zval_ptr_dtor(return_value);
		}
		fail(&err);
		RETURN_THROWS();
	}
	if (!found) {
		RETURN_NULL();
	}
}

/* The batch's ballots, canonical, into l (core/process/records.c); a refusal names the ballot. */
static bool paper_ballots(process_object *po, HashTable *ballots, pt_process_paper_list *l)
{
	pt_error err, out;
	size_t i = 0;
	pt_value *v;
	pt_status s;
	zval *zv;

	pt_error_clear(&err);
	ZEND_HASH_FOREACH_VAL(ballots, zv) {
		v = participa_value_from_zval(zv, REQ, 3);
		s = pt_process_paper_list_read(l, i, po->cur, v, &err);
		pt_value_free(v);
		if (s != PT_OK) {
			pt_process_batch_refusal(i, &err, participa_errors_english(), &out);
			return fail(&out);
		}
		i++;
	} ZEND_HASH_FOREACH_END();
	return true;
}

/* enterPaperBatch()'s refusals before the ballots are read: ids, channel, phase, the official. */
static bool paper_allowed(process_object *po, zend_string *official, zend_string *batch, zend_string *assembly,
	zend_string *sheet)
{
	uint32_t perms = 0;
	pt_error err;

	pt_error_clear(&err);
	return participa_id_arg("El identificador de quien captura", official)
		&& participa_id_arg("El identificador del lote", batch)
		&& participa_id_arg("El identificador de la asamblea", assembly)
		&& participa_id_arg("El identificador del acta", sheet)
		&& (pt_process_rule_batch_id(ZSTR_LEN(batch), &err) == PT_OK || fail(&err))
		&& on_schedule(po) && (pt_process_rule_paper(po->def, clock_now(po), &err) == PT_OK || fail(&err))
		&& participa_actor_permissions(&po->site, ZSTR_VAL(official), po->def->territory, po->def->territory, NULL,
			&perms)
		&& (pt_process_rule_paper_official(perms, &err) == PT_OK || fail(&err));
}

PHP_METHOD(Participa_Process, enterPaperBatch)
{
	process_object *po = Z_PROCESS_P(ZEND_THIS);
	zend_string *official, *batch, *assembly, *sheet;
	HashTable *ballots;
	pt_process_paper_list l;
	pt_process_store_batch b;
	pt_error err;
	pt_db *db;
	size_t n;
	bool ok = false;

	ZEND_PARSE_PARAMETERS_START(5, 5)
		Z_PARAM_STR(official)
		Z_PARAM_STR(batch)
		Z_PARAM_STR(assembly)
		Z_PARAM_STR(sheet)
		Z_PARAM_ARRAY_HT(ballots)
	ZEND_PARSE_PARAMETERS_END();

	if (!paper_allowed(po, official, batch, assembly, sheet) || !options_refresh(po)) {
		RETURN_THROWS();
	}
	n = zend_hash_num_elements(ballots);
	if (n == 0 || n > 100000) {
		participa_throw_argument(5, false, "must hold 1 to 100000 ballots");
		RETURN_THROWS();
	}
	pt_error_clear(&err);
	if (pt_process_paper_list_init(&l, n, REQ, &err) != PT_OK) {
		fail(&err);
		RETURN_THROWS();
	}
	if (paper_ballots(po, ballots, &l) && (db = participa_site_db(&po->site))) {
		pt_process_batch_init(&b, po->db_id, ZSTR_VAL(batch), ZSTR_VAL(assembly), ZSTR_VAL(sheet), ZSTR_VAL(official),
			l.items, n, REQ);
		ok = pt_process_store_paper_batch(db, &b, &err) == PT_OK
			? participa_value_return(pt_process_batch_value(po->def, &b, l.items, REQ), return_value) : fail(&err);
		pt_process_store_batch_free(&b);
	}
	pt_process_paper_list_free(&l);
	if (!ok) {
		RETURN_THROWS();
	}
}

PHP_METHOD(Participa_Process, close)
{
	process_object *po = Z_PROCESS_P(ZEND_THIS);
	zend_string *by = NULL;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(by)
	ZEND_PARSE_PARAMETERS_END();

	if (by && !participa_id_arg("El identificador de quien cierra el proceso", by)) {
		RETURN_THROWS();
	}
	/* an end already past closes by the schedule; close($by) records who ended it early */
	if (!on_schedule(po) || !ensure_closed(po, by ? ZSTR_VAL(by) : NULL, false)) {
		RETURN_THROWS();
	}
}

/*
 * Whether the results may be shown now (to participant, or to anyone when
 * NULL): core/process/process_rules.c decides, asking the store whether the
 * participant voted only when that matters. *over tells whether voting is over.
 */
static bool results_allowed(process_object *po, zend_string *participant, bool *over)
{
	pt_db *db = participa_site_db(&po->site);
	pt_error err;

	*over = pt_process_voting_over(clock_now(po));
	pt_error_clear(&err);
	return db && (pt_process_store_results_allowed(db, po->db_id, po->def, &po->clock,
		participant ? ZSTR_VAL(participant) : NULL, &err) == PT_OK || fail(&err));
}

PHP_METHOD(Participa_Process, tally)
{
	process_object *po = Z_PROCESS_P(ZEND_THIS);
	bool final;

	ZEND_PARSE_PARAMETERS_NONE();
	if (!on_schedule(po) || !results_allowed(po, NULL, &final) || (final && !ensure_closed(po, NULL, false))
		|| !count_answer(po, final, true, return_value, NULL)) {
		RETURN_THROWS();
	}
}

/* results() once voting is over: the stored final result, or (closed without one yet) a count kept now. */
static bool results_final(process_object *po, pt_db *db, zval *out)
{
	pt_value *stored;
	pt_error err;

	if (!ensure_closed(po, NULL, false)) {
		return false;
	}
	pt_error_clear(&err);
	if ((stored = pt_process_store_result_final(db, po->db_id, REQ, &err))) {
		return participa_value_return(stored, out);
	}
	return err.code == PT_OK ? count_answer(po, true, true, NULL, out) : fail(&err);
}

/* results()'s answer for participant (NULL: anyone) into out; false after throwing. */
static bool results_into(process_object *po, zend_string *participant, zval *out)
{
	bool over;
	pt_db *db;

	if (!results_allowed(po, participant, &over) || !(db = participa_site_db(&po->site))) {
		return false;
	}
	return over ? results_final(po, db, out) : count_answer(po, false, false, NULL, out);
}

PHP_METHOD(Participa_Process, results)
{
	process_object *po = Z_PROCESS_P(ZEND_THIS);
	zend_string *participant = NULL;

	ZEND_PARSE_PARAMETERS_START(0, 1)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(participant)
	ZEND_PARSE_PARAMETERS_END();

	if ((participant && !participa_id_arg(PARTICIPANT_ID, participant)) || !on_schedule(po)
		|| !results_into(po, participant, return_value)) {
		RETURN_THROWS();
	}
}

/* html()'s data (io reads it; the results are counted here, when core shows them) and its host; false: thrown. */
static bool html_data(process_object *po, zval *host, zend_string *viewer, HashTable *opts,
	const pt_fragment_host **h, pt_value **data)
{
	zval zopts, res;
	const pt_process_def *def;
	pt_error err;
	pt_db *db;
	bool ok;

	pt_error_clear(&err);
	ZVAL_ARR(&zopts, opts ? opts : (HashTable *)&zend_empty_array);
	ZVAL_UNDEF(&res);
	ok = (!viewer || participa_id_arg(PARTICIPANT_ID, viewer)) && (*h = participa_host_use(host, NULL))
		&& on_schedule(po) && (def = current_def(po)) && (db = participa_site_db(&po->site))
		&& (pt_process_store_page(db, po->db_id, process_cfg(po), po->def, def, clock_now(po), &po->row,
			viewer ? ZSTR_VAL(viewer) : NULL, *h, participa_value_from_zval(&zopts, REQ, 2), REQ, data, &err) == PT_OK
			|| fail(&err));
	if (ok && pt_fragment_process_show(*data, *h) == PT_PROCESS_SHOW_RESULTS) {
		ok = results_into(po, viewer, &res)
			&& (pt_value_setc(*data, "results", participa_value_from_zval(&res, REQ, 64)) == PT_OK || nomem());
	}
	zval_ptr_dtor(&res);
	return ok;
}

PHP_METHOD(Participa_Process, html)
{
	process_object *po = Z_PROCESS_P(ZEND_THIS);
	zval *host;
	zend_string *viewer = NULL;
	HashTable *opts = NULL;
	const pt_fragment_host *h = NULL;
	pt_value *data = NULL, *view = NULL, *ids = NULL;
	pt_error err;
	bool ok;

	ZEND_PARSE_PARAMETERS_START(1, 3)
		Z_PARAM_OBJECT_OF_CLASS(host, participa_ce_Host)
		Z_PARAM_OPTIONAL
		Z_PARAM_STR_OR_NULL(viewer)
		Z_PARAM_ARRAY_HT(opts)
	ZEND_PARSE_PARAMETERS_END();

	pt_error_clear(&err);
	ok = html_data(po, host, viewer, opts, &h, &data);
	if (ok && (ids = pt_fragment_process_ids(data, h, REQ)) && ids->u.c.count) {
		ok = (h = participa_host_use(host, ids)) != NULL;   /* the names, in one call */
	}
	ok = ok && (pt_fragment_process_view(data, h, REQ, &view, &err) == PT_OK || fail(&err));
	pt_value_free(ids);
	pt_value_free(data);
	if (!ok) {
		RETURN_THROWS();
	}
	participa_fragment_return("process", view, return_value);
}

/* A process form's method on obj with the ballot core read (cast() or enterPaperBatch()); its answer into ret. */
static bool form_call(zval *obj, bool paper, zend_string *participant, const pt_value *outcome, const pt_value *ballot,
	zval *ret)
{
	static const char *const heads[] = { "batch", "assembly", "tally_sheet" };
	const char *key = pt_request_text(outcome, "key");
	zval fn, args[5];
	uint32_t n = 0, i;
	bool ok;

	ZVAL_STR_COPY(&args[n++], participant);
	for (i = 0; paper && i < 3; i++) {
		ZVAL_STRING(&args[n++], pt_request_text(outcome, heads[i]));
	}
	participa_value_to_zval(ballot, &args[n++]);
	if (!paper) {
		array_init(&args[n]);
		if (key) {
			add_assoc_string(&args[n], "idempotency_key", key);
		}
		n++;
	}
	ZVAL_STRING(&fn, paper ? "enterPaperBatch" : "cast");
	ok = call_user_function(NULL, obj, &fn, ret, n, args) == SUCCESS && !EG(exception);
	zval_ptr_dtor(&fn);
	for (i = 0; i < n; i++) {
		zval_ptr_dtor(&args[i]);
	}
	return ok;
}

/* Request::handle() of process.cast and process.paper: core reads the ballot from the form, then the method. */
bool participa_request_process(const char *action, HashTable *post, zend_string *participant, zval *site,
	pt_value *outcome)
{
	const char *id = pt_request_text(outcome, "process");
	bool paper = !strcmp(action, "process.paper"), en = participa_errors_english(), ok = false;
	zval obj, zpost, ret;
	pt_value *form, *info = NULL, *ballot = NULL;
	process_object *po;
	pt_error err;

	ZVAL_ARR(&zpost, post);
	ZVAL_UNDEF(&ret);
	ZVAL_UNDEF(&obj);
	process_open(site, id, strlen(id), true, &obj);
	form = participa_value_from_zval(&zpost, REQ, 6);
	pt_error_clear(&err);
	if (Z_TYPE(obj) == IS_OBJECT && options_refresh(po = Z_PROCESS_P(&obj))) {
		info = pt_process_info_value(process_cfg(po), po->def, po->cur, clock_now(po), &po->row, REQ);
		ok = info && form ? pt_fragment_process_ballot(outcome, info, form, paper, en, REQ, &ballot, &err) == PT_OK
			|| fail(&err) : nomem();
	}
	ok = ok && form_call(&obj, paper, participant, outcome, ballot, &ret)
		&& (pt_fragment_process_done(outcome, action, participa_value_from_zval(&ret, REQ, 6), en, &err) == PT_OK
			|| fail(&err));
	pt_value_free(form);
	pt_value_free(info);
	pt_value_free(ballot);
	zval_ptr_dtor(&obj);
	zval_ptr_dtor(&ret);
	return ok;
}

PHP_METHOD(Participa_Process, exportBallots)
{
	process_object *po = Z_PROCESS_P(ZEND_THIS);
	const pt_process_def *def = po->def;   /* current_def() below, once the format is known */
	pt_process_export_format fmt;
	zend_string *format, *pot_id = NULL;
	HashTable *opts = NULL;
	participa_opt o[] = { { "pot", PO_STRING, &pot_id } };
	char *doc = NULL, why[160];
	size_t len = 0;
	int32_t pot = -1;
	pt_error err;
	pt_db *db;

	ZEND_PARSE_PARAMETERS_START(1, 2)
		Z_PARAM_STR(format)
		Z_PARAM_OPTIONAL
		Z_PARAM_ARRAY_HT(opts)
	ZEND_PARSE_PARAMETERS_END();

	if (!pt_process_export_format_check(def, ZSTR_VAL(format), ZSTR_LEN(format), &fmt, why, sizeof(why))) {
		participa_throw_argument(1, false, "%s", why);
		RETURN_THROWS();
	}
	pt_error_clear(&err);
	if ((opts && (!participa_opts(opts, false, o, 1) || (pot_id && !participa_ok(pt_process_export_pot(def, fmt,
			ZSTR_VAL(pot_id), ZSTR_LEN(pot_id), &pot, &err), &err)))) || !on_schedule(po)) {
		RETURN_THROWS();
	}
	if (pt_process_rule_export(def, clock_now(po), &err) != PT_OK) {
		fail(&err);
		RETURN_THROWS();
	}
	if (!(db = participa_site_db(&po->site)) || (def->secret && !ensure_closed(po, NULL, false))
		|| !(def = current_def(po))) {
		RETURN_THROWS();
	}
	if (pt_process_store_export_pot(db, po->db_id, fmt, process_cfg(po), def, pot, REQ, &doc, &len, &err) != PT_OK) {
		fail(&err);
		RETURN_THROWS();
	}
	RETVAL_STRINGL(doc, len);
	pt_free(REQ, doc);
}

PHP_METHOD(Participa_Process, propose)
{
	process_object *po = Z_PROCESS_P(ZEND_THIS);
	const pt_process_def *def = po->def;
	const pt_config *cfg = process_cfg(po);
	zend_string *participant;
	zval *option;
	pt_process_option_in o;
	pt_process_store_proposal pr;
	pt_value *v = NULL;
	pt_error err;
	pt_db *db;
	bool ok;

	ZEND_PARSE_PARAMETERS_START(2, 2)
		Z_PARAM_STR(participant)
		Z_PARAM_ARRAY(option)
	ZEND_PARSE_PARAMETERS_END();

	if (!participa_id_arg(PARTICIPANT_ID, participant)) {
		RETURN_THROWS();
	}
	/* the option array as C (core/process/process_rules.c); o's texts are v's */
	v = participa_value_from_zval(option, REQ, 1);
	pt_error_clear(&err);
	if (!pt_process_option_from_value(v, &o, &err)) {
		participa_throw_argument(2, false, "%s", err.message);
		pt_value_free(v);
		RETURN_THROWS();
	}
	/* what the process accepts, then the option itself (InvalidArgumentException: the citizen can fix it) */
	ok = on_schedule(po) && ((pt_process_rule_propose_open(def, &err) == PT_OK
		&& pt_process_option_check(cfg, def, &o, &err) == PT_OK) || fail(&err));
	if (ok) {
		pt_process_proposal_init(&pr, cfg, def, clock_now(po), po->db_id, ZSTR_VAL(participant), &o, REQ);
		ok = (db = participa_site_db(&po->site)) && (pt_process_store_propose(db, &pr, &err) == PT_OK || fail(&err));
	}
	if (ok) {
		po->opts_loaded = po->opts_frozen && po->opts_loaded;   /* the next method reads the new option */
		ok = participa_value_return(pt_process_proposal_value(&pr, REQ), return_value);
	}
	pt_value_free(v);
	if (!ok) {
		RETURN_THROWS();
	}
}

PHP_METHOD(Participa_Process, options)
{
	process_object *po = Z_PROCESS_P(ZEND_THIS);
	pt_process_option_list l;
	pt_error err;
	pt_db *db = NULL;
	bool ok;

	ZEND_PARSE_PARAMETERS_NONE();
	if (!on_schedule(po)) {
		RETURN_THROWS();
	}
	pt_error_clear(&err);
	ok = pt_process_option_list_begin(&l, process_cfg(po), po->def, REQ, &err) == PT_OK || fail(&err);
	if (ok && po->def->method->kind != PT_BALLOT_STANCE) {
		ok = (db = participa_site_db(&po->site))
			&& (pt_process_store_options(db, po->db_id, pt_process_option_list_row, &l, &err) == PT_OK || fail(&err));
	}
	if (ok) {
		participa_value_to_zval(l.rows, return_value);
	}
	pt_value_free(l.rows);
	if (!ok) {
		RETURN_THROWS();
	}
}

PHP_METHOD(Participa_Process, withdraw)
{
	process_object *po = Z_PROCESS_P(ZEND_THIS);
	const pt_process_def *def = po->def;
	zend_string *official, *option, *reason;
	char at[32], by[PT_ID_MAX + 1];
	uint32_t perms = 0;
	bool replayed = false;
	pt_error err;
	pt_db *db;

	ZEND_PARSE_PARAMETERS_START(3, 3)
		Z_PARAM_STR(official)
		Z_PARAM_STR(option)
		Z_PARAM_STR(reason)
	ZEND_PARSE_PARAMETERS_END();

	if (!participa_id_arg("El identificador de quien retira", official)
		|| !participa_id_arg("El identificador de la opción", option) || !on_schedule(po)
		|| !participa_actor_permissions(&po->site, ZSTR_VAL(official), def->territory, def->territory, NULL, &perms)) {
		RETURN_THROWS();
	}
	pt_error_clear(&err);
	if ((pt_process_rule_withdraw(def, clock_now(po), perms, ZSTR_VAL(option), ZSTR_LEN(option), ZSTR_VAL(reason),
			ZSTR_LEN(reason), &err) != PT_OK && !fail(&err)) || !(db = participa_site_db(&po->site))
		|| (pt_process_store_withdraw(db, po->db_id, ZSTR_VAL(option), ZSTR_VAL(official), ZSTR_VAL(reason),
			ZSTR_LEN(reason), &replayed, at, by, &err) != PT_OK && !fail(&err))) {
		RETURN_THROWS();
	}
	po->opts_loaded = po->opts_frozen && po->opts_loaded;
	if (!participa_value_return(pt_process_withdrawal_value(def, ZSTR_VAL(option), ZSTR_LEN(option), by, at, replayed,
			REQ), return_value)) {
		RETURN_THROWS();
	}
}

/* closeDue(): one process, opened, closed by the schedule if due; a row when something changed or failed. */
static void close_due_one(zval *site, const pt_process_def *def, zval *out)
{
	zval obj, row;
	process_object *po;

	ZVAL_UNDEF(&obj);
	process_open(site, def->id, strlen(def->id), false, &obj);
	if (!EG(exception)) {
		bool was_closed, was_sealed;

		po = Z_PROCESS_P(&obj);
		po->seal_wait = SEAL_WAIT_CRON;
		was_closed = po->clock.closed;
		was_sealed = po->row.sealed;
		if (on_schedule(po) && (po->clock.closed != was_closed || po->row.sealed != was_sealed)
			&& participa_value_return(pt_process_close_due_value(def, &po->row, po->clock.closed != was_closed, REQ),
				&row)) {
			add_next_index_zval(out, &row);
		}
	}
	if (EG(exception)) {
		/* reported, not thrown: the other processes go on */
		zval rv, *msg = zend_read_property_ex(EG(exception)->ce, EG(exception), ZSTR_KNOWN(ZEND_STR_MESSAGE), 1, &rv);
		pt_value *v = pt_process_close_due_error(def, Z_TYPE_P(msg) == IS_STRING ? Z_STRVAL_P(msg) : "error", REQ);

		zend_clear_exception();
		if (participa_value_return(v, &row)) {
			add_next_index_zval(out, &row);
		}
	}
	zval_ptr_dtor(&obj);
}

/*
 * Process::closeDue($site): every process of the site, opened; those whose
 * voting ended are closed by the schedule and closed secret ones sealed.
 * Reports what changed, and a failing process (its message) without
 * stopping the others.
 */
PHP_METHOD(Participa_Process, closeDue)
{
	zval *site;
	const pt_config *cfg;
	size_t i;

	ZEND_PARSE_PARAMETERS_START(1, 1)
		Z_PARAM_OBJECT_OF_CLASS(site, participa_ce_Site)
	ZEND_PARSE_PARAMETERS_END();

	cfg = participa_site_config(site);
	array_init(return_value);
	for (i = 0; cfg->processes && i < cfg->processes->count; i++) {
		close_due_one(site, &cfg->processes->items[i], return_value);
	}
}

void participa_process_setup(zend_class_entry *ce)
{
	ce->create_object = process_create_object;
	memcpy(&process_handlers, zend_get_std_object_handlers(), sizeof(process_handlers));
	process_handlers.offset = XtOffsetOf(process_object, std);
	process_handlers.free_obj = process_free;
	process_handlers.clone_obj = NULL;
}
