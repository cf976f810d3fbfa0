/*
 * participa io: participatory processes over MariaDB (see process_store.h).
 */
#include "io/process/process_store.h"
#include "io/process/process_reads.h"
#include "io/participant/participant_store.h"
#include "core/common/json_read.h"
#include "core/common/pt_buf.h"
#include "core/participant/eligibility.h"
#include "core/process/pots.h"
#include "io/body/body_store.h"          /* a council vote of a body whose seats results feed */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#define TEXT(p) PT_DB_TEXT_V((p), strlen(p))
#define OPT_TEXT(p) ((p) ? PT_DB_TEXT_V((p), strlen(p)) : PT_DB_NULL_V)
#define OPT_TEXTN(p, n) ((p) ? PT_DB_TEXT_V((p), (n)) : PT_DB_NULL_V)

/* ---- receipts -------------------------------------------------------------- */

static const char receipt_alphabet[] = "abcdefghijkmnpqrstuvwxyz23456789";   /* no l, o, 0, 1 */

bool pt_process_store_receipt_valid(const char *s, size_t len)
{
	size_t i;

	if (!s || len != PT_RECEIPT_LEN) {
		return false;
	}
	for (i = 0; i < len; i++) {
		if (s[i] == '\0' || !memchr(receipt_alphabet, s[i], sizeof(receipt_alphabet) - 1)) {
			return false;
		}
	}
	return true;
}

pt_status pt_process_store_receipt_read(const char *s, size_t len, char out[PT_RECEIPT_LEN + 1], pt_error *err)
{
	size_t i;

	memset(out, 0, PT_RECEIPT_LEN + 1);
	for (i = 0; len == PT_RECEIPT_LEN && i < PT_RECEIPT_LEN; i++) {
		out[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') : s[i];
	}
	if (!pt_process_store_receipt_valid(out, len)) {
		return pt_error_set(err, PT_ERR_INVALID, "El comprobante no es válido: debe tener %d caracteres, letras de "
			"la a a la z (sin l ni o) y cifras del 2 al 9.", PT_RECEIPT_LEN);
	}
	return PT_OK;
}

pt_status pt_process_store_receipt(char out[PT_RECEIPT_LEN + 1], pt_error *err)
{
	const char *alphabet = receipt_alphabet;
	uint8_t raw[17];
	size_t got = 0, i;
	unsigned bits = 0, acc = 0, o = 0;

	while (got < sizeof(raw)) {
		ssize_t n = getrandom(raw + got, sizeof(raw) - got, 0);

		if (n < 0) {
			if (errno == EINTR) {
				continue;
			}
			return pt_error_set(err, PT_ERR_INTERNAL, "getrandom() failed: %s", strerror(errno));
		}
		got += (size_t)n;
	}
	for (i = 0; i < sizeof(raw) && o < PT_RECEIPT_LEN; i++) {
		acc = (acc << 8) | raw[i];
		bits += 8;
		while (bits >= 5 && o < PT_RECEIPT_LEN) {
			out[o++] = alphabet[(acc >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	out[PT_RECEIPT_LEN] = '\0';
	return PT_OK;
}

/* ---- processes ------------------------------------------------------------- */

typedef struct proc_row {
	bool found;
	int64_t id;
	char sha[65];
	bool secret;
	bool has_ballots;            /* a voters row or a ballot exists */
	pt_process_store_process p;             /* closed, sealed, closed_at, closed_by, closed_by_schedule */
} proc_row;

static pt_status proc_row_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	proc_row *r = vctx;

	r->found = true;
	r->id = pt_db_col_int(&cols[0]);
	if (!pt_db_col_copy(&cols[1], r->sha, sizeof(r->sha))) {
		r->sha[0] = '\0';
	}
	r->secret = pt_db_col_int(&cols[2]) != 0;
	r->p.id = r->id;
	r->p.closed = pt_db_col_copy(&cols[3], r->p.closed_at, sizeof(r->p.closed_at)) != NULL;
	if (!r->p.closed) {
		r->p.closed_at[0] = '\0';
	}
	if (!pt_db_col_copy(&cols[4], r->p.closed_by, sizeof(r->p.closed_by))) {
		r->p.closed_by[0] = '\0';
	}
	r->p.closed_by_schedule = cols[5].type == PT_DB_TEXT && cols[5].len == 8 && !memcmp(cols[5].s, "schedule", 8);
	r->p.sealed = cols[6].type != PT_DB_NULL;
	r->has_ballots = ncols > 7 && pt_db_col_int(&cols[7]) != 0;
	return PT_OK;
}

#define PROC_COLS "p.id, p.definition_sha, p.secret, p.closed_at, p.closed_by, p.closed_how, p.sealed_at"
#define PROC_SELECT "SELECT " PROC_COLS ", EXISTS (SELECT 1 FROM participa_voters v WHERE v.process_id = p.id) " \
	"OR EXISTS (SELECT 1 FROM participa_ballot_box b WHERE b.process_id = p.id) " \
	"FROM participa_processes p WHERE p.code = ?"

pt_status pt_process_store_process_sync(pt_db *db, const char *code, const char *kind, const char *method,
	bool secret, const char *definition_sha, bool started, pt_process_store_process *out, pt_error *err)
{
	pt_db_value p[1] = { TEXT(code) };
	proc_row r;
	pt_status s;

	memset(&r, 0, sizeof(r));
	s = pt_db_query(db, PROC_SELECT, p, 1, proc_row_fn, &r, err);
	if (s != PT_OK) {
		return s;
	}
	if (!r.found) {
		pt_db_value v[5] = { TEXT(code), TEXT(kind), TEXT(method), PT_DB_INT_V(secret ? 1 : 0),
			TEXT(definition_sha) };

		/* IGNORE: a concurrent first use inserts the same row; the unique key keeps one */
		s = pt_db_exec(db, "INSERT IGNORE INTO participa_processes (code, kind, method, secret, definition_sha, "
			"created_at, updated_at) VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))", v, 5, NULL, NULL, err);
		if (s == PT_OK) {
			s = pt_db_query(db, PROC_SELECT, p, 1, proc_row_fn, &r, err);
		}
		if (s != PT_OK) {
			return s;
		}
		if (!r.found) {
			return pt_error_set(err, PT_ERR_INTERNAL, "process row '%s' vanished after insert", code);
		}
	}
	if (r.secret != secret && (started || r.has_ballots || r.p.closed)) {
		/* a secret vote turned public would publish who voted what; the reverse hides what was public */
		return pt_error_set(err, PT_ERR_CONFIG, "secrecy of process '%s': the YAML says %s but the process was "
			"%s when its voting began; a process's secrecy cannot change once voting has started (restore "
			"secrecy: %s)", code, secret ? "secret" : "public", r.secret ? "secret" : "public",
			r.secret ? "secret" : "public");
	}
	if (strcmp(r.sha, definition_sha) != 0) {
		pt_db_value v[5] = { TEXT(kind), TEXT(method), PT_DB_INT_V(secret ? 1 : 0), TEXT(definition_sha),
			PT_DB_INT_V(r.id) };

		s = pt_db_exec(db, "UPDATE participa_processes SET kind = ?, method = ?, secret = ?, definition_sha = ?, "
			"updated_at = UTC_TIMESTAMP(6) WHERE id = ?", v, 5, NULL, NULL, err);
		if (s != PT_OK) {
			return s;
		}
	}
	*out = r.p;
	return PT_OK;
}

/*
 * Every cast, paper batch, proposal and withdrawal reads the process row
 * under a shared lock first, and close() takes it exclusively: a write
 * either commits before close() starts or sees the process closed. (An
 * INSERT ... SELECT alone takes no lock at READ COMMITTED, the isolation
 * level sessions run at.) *closed gets closed_at IS NOT NULL.
 */
static pt_status lock_process(pt_db *db, int64_t process_id, bool *closed, pt_error *err)
{
	pt_db_value p[1] = { PT_DB_INT_V(process_id) };
	pt_db_int_cell c = { 0, false };
	pt_status s;

	s = pt_db_query(db, "SELECT closed_at IS NOT NULL FROM participa_processes WHERE id = ? LOCK IN SHARE MODE",
		p, 1, pt_db_int_cell_fn, &c, err);
	if (s != PT_OK) {
		return s;
	}
	if (!c.found) {
		return pt_error_set(err, PT_ERR_NOT_FOUND, "process row %lld is missing", (long long)process_id);
	}
	*closed = c.value != 0;
	return PT_OK;
}

/*
 * Removes every link between a participant and a ballot of a closed secret
 * process that SQL can see: the voter's receipt, the idempotency keys'
 * receipts and versions, the earlier versions of changed ballots (each row
 * written in the same transaction as a keyed change) and the ballots'
 * version counters (a voter who changed N times would match version N).
 * Idempotent.
 */
static pt_status scrub(pt_db *db, int64_t process_id, pt_error *err)
{
	pt_db_value p[1] = { PT_DB_INT_V(process_id) };
	pt_status s;

	s = pt_db_exec(db, "UPDATE participa_voters SET ballot_ref = NULL WHERE process_id = ? AND ballot_ref IS NOT NULL",
		p, 1, NULL, NULL, err);
	if (s == PT_OK) {
		s = pt_db_exec(db, "UPDATE participa_cast_keys SET receipt = NULL, version = 0 WHERE process_id = ? "
			"AND (receipt IS NOT NULL OR version <> 0)", p, 1, NULL, NULL, err);
	}
	if (s == PT_OK) {
		s = pt_db_exec(db, "DELETE FROM participa_ballot_versions WHERE process_id = ?", p, 1, NULL, NULL, err);
	}
	if (s == PT_OK) {
		s = pt_db_exec(db, "UPDATE participa_ballot_box SET version = 1 WHERE process_id = ? AND version <> 1",
			p, 1, NULL, NULL, err);
	}
	return s;
}

typedef struct close_ctx {
	int64_t id;
	bool secret;
	const char *by;
	bool scheduled;
	bool closed_now;     /* this call closed it (it was open) */
	proc_row r;
} close_ctx;

#define PROC_BY_ID "SELECT " PROC_COLS " FROM participa_processes p WHERE p.id = ?"

/* The end of a close: a secret process's links cleared, the row read back into c->r. */
static pt_status scrub_and_read(pt_db *db, close_ctx *c, pt_error *err)
{
	pt_db_value p[1] = { PT_DB_INT_V(c->id) };
	pt_status s = c->secret ? scrub(db, c->id, err) : PT_OK;

	if (s == PT_OK) {
		memset(&c->r, 0, sizeof(c->r));
		s = pt_db_query(db, PROC_BY_ID, p, 1, proc_row_fn, &c->r, err);
	}
	return s;
}

static pt_status close_unit(pt_db *db, void *vctx, pt_error *err)
{
	close_ctx *c = vctx;
	pt_db_value p[1] = { PT_DB_INT_V(c->id) };
	pt_status s;

	/* the exclusive lock waits for every cast holding the shared one (lock_process) */
	memset(&c->r, 0, sizeof(c->r));
	s = pt_db_query(db, PROC_BY_ID " FOR UPDATE", p, 1, proc_row_fn, &c->r, err);
	if (s != PT_OK) {
		return s;
	}
	if (!c->r.found) {
		return pt_error_set(err, PT_ERR_NOT_FOUND, "process row %lld is missing", (long long)c->id);
	}
	c->closed_now = !c->r.p.closed;
	if (!c->r.p.closed) {
		pt_db_value v[3] = { OPT_TEXT(c->by), TEXT(c->scheduled ? "schedule" : "call"), PT_DB_INT_V(c->id) };

		s = pt_db_exec(db, "UPDATE participa_processes SET closed_at = UTC_TIMESTAMP(6), closed_by = ?, closed_how = ? "
			"WHERE id = ?", v, 3, NULL, NULL, err);
	}
	return s == PT_OK ? scrub_and_read(db, c, err) : s;
}

pt_status pt_process_store_sync_def(pt_db *db, const pt_config *cfg, const pt_process_def *def, bool started,
	pt_process_store_process *out, pt_error *err)
{
	pt_status s = pt_process_store_process_sync(db, def->id, pt_process_kind_name(def->kind), def->method->id,
		def->secret, def->digest ? def->digest : "", started, out, err);

	if (s == PT_ERR_CONFIG && err && cfg->file) {
		/* about the YAML: point at the process there */
		snprintf(err->file, sizeof(err->file), "%s", cfg->file);
		err->line = def->line;
		err->column = def->column;
	}
	return s;
}

/*
 * Every segment a receipt can name (receipt_alphabet squared: 1,024), as
 * one INSERT ... SELECT of the fence (schema 020): missing rows come with
 * v = 0 (no box write), present ones keep v and move fence.
 */
#define FENCE_LETTERS \
	"SELECT 'a' c UNION ALL SELECT 'b' UNION ALL SELECT 'c' UNION ALL SELECT 'd' UNION ALL SELECT 'e' " \
	"UNION ALL SELECT 'f' UNION ALL SELECT 'g' UNION ALL SELECT 'h' UNION ALL SELECT 'i' UNION ALL SELECT 'j' " \
	"UNION ALL SELECT 'k' UNION ALL SELECT 'm' UNION ALL SELECT 'n' UNION ALL SELECT 'p' UNION ALL SELECT 'q' " \
	"UNION ALL SELECT 'r' UNION ALL SELECT 's' UNION ALL SELECT 't' UNION ALL SELECT 'u' UNION ALL SELECT 'v' " \
	"UNION ALL SELECT 'w' UNION ALL SELECT 'x' UNION ALL SELECT 'y' UNION ALL SELECT 'z' UNION ALL SELECT '2' " \
	"UNION ALL SELECT '3' UNION ALL SELECT '4' UNION ALL SELECT '5' UNION ALL SELECT '6' UNION ALL SELECT '7' " \
	"UNION ALL SELECT '8' UNION ALL SELECT '9'"
#define FENCE_SQL \
	"INSERT INTO participa_box_segments (process_id, segment, v, fence) " \
	"SELECT ?, CONCAT(x.c, y.c), 0, 1 FROM (" FENCE_LETTERS ") x CROSS JOIN (" FENCE_LETTERS ") y " \
	"ORDER BY 2 ON DUPLICATE KEY UPDATE fence = fence + 1"

/*
 * On Galera, after close_unit() committed: row locks are per node, so a cast
 * through another node may have read the process as open before that node
 * applied the close, and commit after it. The fence writes every segment
 * row of the process (every cast writes one, PT_PROCESS_BOX_CHANGED_SQL), so
 * certification orders the fence and each such cast: a cast after it aborts
 * (1213, replayed: it reads the process closed and is refused); a cast
 * before it aborts the fence until the fence's node has applied that cast,
 * whose links the scrub here then clears. Casts stop once the close is
 * applied everywhere (the applier aborts a cast holding the process row),
 * so the fence's replays are bounded by the casts in flight. The close time
 * is stamped again here: a ballot that committed between the two is before
 * it. schema/020_close_fence.sql.
 */
static pt_status close_fence_unit(pt_db *db, void *vctx, pt_error *err)
{
	close_ctx *c = vctx;
	pt_db_value p[1] = { PT_DB_INT_V(c->id) };
	pt_status s;

	s = pt_db_exec(db, FENCE_SQL, p, 1, NULL, NULL, err);
	if (s == PT_OK) {
		s = pt_db_exec(db, "UPDATE participa_processes SET closed_at = UTC_TIMESTAMP(6) WHERE id = ?", p, 1,
			NULL, NULL, err);
	}
	return s == PT_OK ? scrub_and_read(db, c, err) : s;
}

pt_status pt_process_store_close(pt_db *db, int64_t process_id, bool secret, const char *by, bool scheduled,
	pt_process_store_process *out, pt_error *err)
{
	close_ctx c;
	pt_status s;

	memset(&c, 0, sizeof(c));
	c.id = process_id;
	c.secret = secret;
	c.by = by;
	c.scheduled = scheduled;
	s = pt_db_transaction(db, close_unit, &c, 0, NULL, err);
	if (s == PT_OK && c.closed_now && pt_db_galera(db)) {
		/* many attempts: each conflict is a cast that committed first, and they stop coming */
		s = pt_db_transaction(db, close_fence_unit, &c, 50, NULL, err);
	}
	if (s == PT_OK && out) {
		*out = c.r.p;
	}
	return s;
}

/* The tables that held a secret process's links, rewritten by pt_process_store_seal(). */
static const char *const seal_tables[] = {
	"participa_ballot_box", "participa_ballot_versions", "participa_voters", "participa_cast_keys",
};

/* The secret processes one rewrite seals: every one closed and not sealed when it begins. */
typedef struct seal_batch {
	int64_t *ids;
	size_t n, cap;
} seal_batch;

static pt_status seal_batch_row(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	seal_batch *b = vctx;

	(void)ncols;
	if (pt_array_grow(NULL, &b->ids, &b->cap, b->n, sizeof(*b->ids), 64) != PT_OK) {
		return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	}
	b->ids[b->n++] = pt_db_col_int(&cols[0]);
	return PT_OK;
}

/* the batch's links cleared again in one transaction (a process closed before schema 008 kept its
 * versions; for the others each statement finds nothing to change through its primary key's prefix) */
static pt_status seal_scrub_unit(pt_db *db, void *vctx, pt_error *err)
{
	const seal_batch *b = vctx;
	pt_status s = PT_OK;
	size_t i;

	for (i = 0; s == PT_OK && i < b->n; i++) {
		s = scrub(db, b->ids[i], err);
	}
	return s;
}

/* sealed_at for the batch, SEAL_MARK ids per statement (integers the server gave: no quoting) */
#define SEAL_MARK 500
static pt_status seal_mark(pt_db *db, const seal_batch *b, pt_error *err)
{
	char sql[SEAL_MARK * 21 + 128];
	pt_status s = PT_OK;
	size_t i, j, n;

	for (i = 0; s == PT_OK && i < b->n; i += SEAL_MARK) {
		n = (size_t)snprintf(sql, sizeof(sql), "UPDATE participa_processes SET sealed_at = UTC_TIMESTAMP(6) WHERE "
			"sealed_at IS NULL AND id IN (");
		for (j = i; j < b->n && j < i + SEAL_MARK; j++) {
			n += (size_t)snprintf(sql + n, sizeof(sql) - n, "%s%lld", j > i ? "," : "", (long long)b->ids[j]);
		}
		snprintf(sql + n, sizeof(sql) - n, ")");
		s = pt_db_exec(db, sql, NULL, 0, NULL, NULL, err);
	}
	return s;
}

/* One name per database (one rewrite seals them all), within the 64 characters a lock name may have. */
#define SEAL_LOCK "CONCAT('participa_seal.', SHA1(DATABASE()))"

pt_status pt_process_store_settle(pt_db *db, int64_t process_id, bool secret, const char *by, bool scheduled,
	unsigned wait_seconds, pt_process_store_process *row, bool *seal_failed, pt_error *seal_err, pt_error *err)
{
	bool sealed = false;
	pt_status s;

	if (!row->closed) {
		if ((s = pt_process_store_close(db, process_id, secret, by, scheduled, row, err)) != PT_OK) {
			return s;
		}
		row->closed = true;
	}
	if (!secret || row->sealed) {
		return PT_OK;
	}
	if (pt_process_store_seal(db, process_id, wait_seconds, &sealed, seal_err) != PT_OK) {
		*seal_failed = true;
		return PT_OK;
	}
	row->sealed = sealed;
	return PT_OK;
}

pt_status pt_process_store_seal(pt_db *db, int64_t process_id, unsigned wait_seconds, bool *sealed, pt_error *err)
{
	pt_db_value p[1] = { PT_DB_INT_V(process_id) };
	pt_db_int_cell got = { 0, false };
	seal_batch batch = { NULL, 0, 0 };
	proc_row r;
	pt_status s;
	size_t i;
	pt_error ignored;

	*sealed = false;
	/* one worker seals; the others go on (the links are already gone, only the rewrite is pending) */
	s = pt_db_query(db, "SELECT GET_LOCK(" SEAL_LOCK ", 0)", NULL, 0, pt_db_int_cell_fn, &got, err);
	if (s != PT_OK || got.value != 1) {
		return s;
	}
	memset(&r, 0, sizeof(r));
	s = pt_db_query(db, PROC_BY_ID, p, 1, proc_row_fn, &r, err);
	if (s == PT_OK && r.found && r.p.closed && !r.p.sealed) {
		/*
		 * The rewrite's cost is the four tables' (all processes'), so one rewrite seals every secret
		 * process whose close has committed by now, this one among them: their links were cleared in
		 * their close's transaction, so the rebuilt files hold none of them. A close committing after
		 * this read waits for a later seal. 284 boards closed together cost one rewrite, not 284.
		 */
		s = pt_db_query(db, "SELECT id FROM participa_processes WHERE secret = 1 AND closed_at IS NOT NULL "
			"AND sealed_at IS NULL ORDER BY id", NULL, 0, seal_batch_row, &batch, err);
		if (s == PT_OK) {
			s = pt_db_transaction(db, seal_scrub_unit, &batch, 0, NULL, err);
		}
		for (i = 0; s == PT_OK && i < sizeof(seal_tables) / sizeof(seal_tables[0]); i++) {
			char sql[128];

			/* WAIT bounds the wait for the table's metadata lock, not the rebuild */
			snprintf(sql, sizeof(sql), "ALTER TABLE %s WAIT %u FORCE", seal_tables[i], wait_seconds ? wait_seconds : 1);
			s = pt_db_exec(db, sql, NULL, 0, NULL, NULL, err);
		}
		if (s == PT_OK) {
			s = seal_mark(db, &batch, err);
		}
		*sealed = s == PT_OK;
	} else if (s == PT_OK) {
		*sealed = r.found && r.p.sealed;
	}
	free(batch.ids);
	pt_error_clear(&ignored);
	pt_db_query(db, "SELECT RELEASE_LOCK(" SEAL_LOCK ")", NULL, 0, NULL, NULL, &ignored);
	return s;
}

/* ---- casting ----------------------------------------------------------------- */

/*
 * The facts in one round trip. Parameters: 1-3 participant (status, roles,
 * territory), 4 process (closed); 5 process, 6 participant (voters);
 * 7 process, 8 participant, 9 key (idempotency).
 */
#define CAST_FACTS_SQL \
	"SELECT (SELECT p.status FROM participa_participants p WHERE p.id = ?), " \
	PT_PARTICIPANT_STORE_ROLES_SQL ", " \
	"(SELECT p2.territory_id FROM participa_participants p2 WHERE p2.id = ?), " \
	"v.participant_id, v.ballot_ref, k.idem_key, k.receipt, k.version, " \
	"(SELECT pc.closed_at IS NOT NULL FROM participa_processes pc WHERE pc.id = ?) " \
	"FROM (SELECT 1 AS one) d " \
	"LEFT JOIN participa_voters v ON v.process_id = ? AND v.participant_id = ? " \
	"LEFT JOIN participa_cast_keys k ON k.process_id = ? AND k.participant_id = ? AND k.idem_key = ?"

typedef struct facts_buf {
	pt_process_store_facts f;
	char roles[PT_ROLES_TEXT_SIZE];
	char territory[192];
	char ref[PT_RECEIPT_LEN + 2];
	char idem_receipt[PT_RECEIPT_LEN + 2];
} facts_buf;

static pt_status facts_row_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	facts_buf *b = vctx;
	pt_process_store_facts *f = &b->f;

	f->known = cols[0].type != PT_DB_NULL;
	f->banned = cols[0].type == PT_DB_TEXT && cols[0].len == 6 && memcmp(cols[0].s, "banned", 6) == 0;
	f->roles = b->roles;
	if (pt_participant_store_roles_col(&cols[1], b->roles, sizeof(b->roles), err) != PT_OK) {
		return err->code;
	}
	f->territory = pt_db_col_copy(&cols[2], b->territory, sizeof(b->territory));
	f->voted = cols[3].type != PT_DB_NULL;
	f->ballot_ref = pt_db_col_copy(&cols[4], b->ref, sizeof(b->ref));
	f->idem_hit = cols[5].type != PT_DB_NULL;
	f->idem_receipt = pt_db_col_copy(&cols[6], b->idem_receipt, sizeof(b->idem_receipt));
	f->idem_version = (uint32_t)pt_db_col_int(&cols[7]);
	f->closed = pt_db_col_int(&cols[8]) != 0;
	return PT_OK;
}

/*
 * The web ballot's box row, the one place its values are built: the full
 * path's INSERT and the one-round-trip procedure's last parameters (schema
 * 011) both take BOX_VALUES values in BOX_COLUMNS order. A column added
 * here is one more value, one more name, one more mark, and one more
 * parameter of participa_cast_ballot (a later migration; until then the
 * CALL fails on its argument count and casts take the full path).
 * receipt is the only link to the voter, held by them and, while the vote
 * may change, by their voters row; nothing else here names or times them.
 */
#define BOX_VALUES 6
#define BOX_COLUMNS "process_id, receipt, ballot, role, reason, voter"
#define BOX_MARKS "?, ?, ?, ?, ?, ?"

static void box_row(const pt_process_store_cast *c, const char *receipt, pt_db_value v[BOX_VALUES])
{
	v[0] = PT_DB_INT_V(c->process_id);
	v[1] = TEXT(receipt);
	v[2] = PT_DB_TEXT_V(c->ballot, c->ballot_len);
	v[3] = OPT_TEXT(c->role);
	v[4] = OPT_TEXTN(c->reason, c->reason_len);
	v[5] = OPT_TEXT(c->voter);            /* public processes only */
}

typedef struct cast_ctx {
	pt_process_store_cast *c;
	facts_buf facts;
	bool dup_key;                /* a concurrent twin with the same idempotency key won */
} cast_ctx;


/* A receipt read back (a voter's ballot_ref; an idempotency key's receipt and version). */
typedef struct receipt_row {
	bool found;
	char receipt[PT_RECEIPT_LEN + 2];
	bool has_receipt;
	uint32_t version;
} receipt_row;

static pt_status receipt_row_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	receipt_row *k = vctx;

	k->found = true;
	k->has_receipt = pt_db_col_copy(&cols[0], k->receipt, sizeof(k->receipt)) != NULL;
	k->version = ncols > 1 ? (uint32_t)pt_db_col_int(&cols[1]) : 0;
	return PT_OK;
}

static pt_status refuse_closed(pt_error *err)
{
	return pt_error_set(err, PT_ERR_NOT_ALLOWED, "La votación de este proceso ya cerró.");
}

/* A write guarded by "closed_at IS NULL": no row written means the process closed. */
static pt_status exec_open(pt_db *db, const char *sql, const pt_db_value *v, size_t n, pt_error *err)
{
	uint64_t affected = 0;
	pt_status s = pt_db_exec(db, sql, v, n, &affected, NULL, err);

	return s != PT_OK ? s : affected == 0 ? refuse_closed(err) : PT_OK;
}

/* Replaces the ballot behind receipt: old version to the versions table, box row updated. */
static pt_status change_ballot(pt_db *db, pt_process_store_cast *c, const char *receipt, pt_error *err)
{
	pt_db_value k[2] = { PT_DB_INT_V(c->process_id), TEXT(receipt) };
	pt_db_int_cell o = { 0, false };
	pt_status s;

	/* X lock on the box row only: changes of one voter serialise, other voters do not wait */
	s = pt_db_query(db, "SELECT version FROM participa_ballot_box WHERE process_id = ? AND receipt = ? FOR UPDATE",
		k, 2, pt_db_int_cell_fn, &o, err);
	if (s != PT_OK) {
		return s;
	}
	if (!o.found) {
		return pt_error_set(err, PT_ERR_INTERNAL, "the ballot behind a voter's receipt is missing");
	}
	s = pt_db_exec(db, "INSERT INTO participa_ballot_versions (process_id, receipt, version, ballot, role, reason) "
		"SELECT process_id, receipt, version, ballot, role, reason FROM participa_ballot_box "
		"WHERE process_id = ? AND receipt = ?", k, 2, NULL, NULL, err);
	if (s != PT_OK) {
		return s;
	}
	{
		pt_db_value v[7] = { PT_DB_TEXT_V(c->ballot, c->ballot_len), OPT_TEXT(c->role),
			OPT_TEXTN(c->reason, c->reason_len), OPT_TEXT(c->voter), PT_DB_INT_V(c->process_id), TEXT(receipt),
			PT_DB_INT_V(c->process_id) };

		/* the process row is held shared since lock_process(): the guard only restates it */
		s = exec_open(db, "UPDATE participa_ballot_box b JOIN participa_processes p ON p.id = b.process_id "
			"SET b.ballot = ?, b.role = ?, b.reason = ?, b.voter = ?, b.version = b.version + 1 "
			"WHERE b.process_id = ? AND b.receipt = ? AND p.id = ? AND p.closed_at IS NULL", v, 7, err);
	}
	if (s != PT_OK) {
		return s;
	}
	/* schema 016: the receipt's segment changed (one statement; a procedure runs PT_PROCESS_BOX_CHANGED_SQL itself) */
	if ((s = pt_process_store_box_changed(db, c->process_id, receipt, err)) != PT_OK) {
		return s;
	}
	memcpy(c->receipt, receipt, PT_RECEIPT_LEN);
	c->receipt[PT_RECEIPT_LEN] = '\0';
	c->version = (uint32_t)o.value + 1;
	c->changed = true;
	return PT_OK;
}

static pt_status already_voted(pt_error *err)
{
	return pt_error_set(err, PT_ERR_CONFLICT, "Ya emitiste tu voto en este proceso y no se puede cambiar.");
}


/*
 * The row of the cast's idempotency key, if a twin request of the same
 * participant with the same key committed: *replayed and the cast answered
 * as that request was (receipt, version). Nothing written.
 */
/* The cast's idempotency key row (k->found false: none). */
static pt_status key_row(pt_db *db, const pt_process_store_cast *c, receipt_row *k, pt_error *err)
{
	pt_db_value p[3] = { PT_DB_INT_V(c->process_id), TEXT(c->participant), TEXT(c->idempotency_key) };

	memset(k, 0, sizeof(*k));
	return pt_db_query(db, "SELECT receipt, version FROM participa_cast_keys WHERE process_id = ? AND "
		"participant_id = ? AND idem_key = ?", p, 3, receipt_row_fn, k, err);
}

static pt_status key_replay(pt_db *db, pt_process_store_cast *c, bool *replayed, pt_error *err)
{
	receipt_row k;
	pt_status s;

	*replayed = false;
	s = key_row(db, c, &k, err);
	if (s != PT_OK || !k.found) {
		return s;
	}
	if (!k.has_receipt) {
		return pt_error_set(err, PT_ERR_CONFLICT, "Esta solicitud ya se atendió; el comprobante ya no se "
			"puede mostrar porque la votación cerró.");
	}
	memcpy(c->receipt, k.receipt, PT_RECEIPT_LEN + 1);
	c->version = k.version;
	c->replayed = true;
	c->changed = false;
	*replayed = true;
	return PT_OK;
}

static pt_status cast_unit(pt_db *db, void *vctx, pt_error *err)
{
	cast_ctx *x = vctx;
	pt_process_store_cast *c = x->c;
	pt_process_store_facts *f = &x->facts.f;
	bool closed = false;
	pt_status s;

	c->replayed = c->changed = false;
	c->version = 0;
	x->dup_key = false;
	memset(&x->facts, 0, sizeof(x->facts));
	s = lock_process(db, c->process_id, &closed, err);
	if (s != PT_OK) {
		return s;
	}
	{
		/* placeholders in text order: the select list's four, then the two joins */
		pt_db_value p[9] = {
			TEXT(c->participant), TEXT(c->participant), TEXT(c->participant), PT_DB_INT_V(c->process_id),
			PT_DB_INT_V(c->process_id), TEXT(c->participant),
			PT_DB_INT_V(c->process_id), TEXT(c->participant), OPT_TEXT(c->idempotency_key)
		};

		s = pt_db_query(db, CAST_FACTS_SQL, p, 9, facts_row_fn, &x->facts, err);
	}
	if (s != PT_OK) {
		return s;
	}
	f->closed = closed;          /* the locked read, not the facts' consistent one */
	if (c->idempotency_key && f->idem_hit) {
		if (!f->idem_receipt) {
			return pt_error_set(err, PT_ERR_CONFLICT, "Esta solicitud ya se atendió; el comprobante ya no se "
				"puede mostrar porque la votación cerró.");
		}
		memcpy(c->receipt, f->idem_receipt, PT_RECEIPT_LEN + 1);
		c->version = f->idem_version;
		c->replayed = true;
		return PT_OK;
	}
	if (f->closed) {
		return refuse_closed(err);
	}
	c->voice_only = false;
	if (pt_body_fed_by_results(pt_body_holding(c->cfg, c->def))) {
		/* a council vote: its electorate is the body's members in office, result-fed seats by the stored
		 * final counts (one query, inside this transaction) */
		pt_body_results held;

		if ((s = pt_body_store_results(db, c->cfg, pt_body_holding(c->cfg, c->def), c->alloc, &held, err)) != PT_OK) {
			return s;
		}
		f->body_holders = (const char *const *)held.holders;
		s = pt_process_rule_cast(c->cfg, c->def, f, c->participant, &c->role, &c->voice_only, err);
		f->body_holders = NULL;
		pt_body_results_free(&held);
	} else {
		s = pt_process_rule_cast(c->cfg, c->def, f, c->participant, &c->role, &c->voice_only, err);
	}
	if (s == PT_OK && c->def->pot_count) {
		/* a budget split by district: the ballot's district must hold the voter's residence */
		int32_t district;

		s = pt_process_pots_canonical(c->def, c->ballot, c->ballot_len, &district, err);
		if (s == PT_OK) {
			s = pt_process_rule_pots(c->cfg, c->def, f->territory, district, err);
		}
	}
	if (s != PT_OK) {
		return s;
	}
	if (f->voted) {
		if (!c->allow_change) {
			return already_voted(err);
		}
		if (!f->ballot_ref) {
			return already_voted(err);
		}
		s = change_ballot(db, c, f->ballot_ref, err);
	} else {
		char receipt[PT_RECEIPT_LEN + 1];
		uint64_t affected = 0;

		s = pt_process_store_receipt(receipt, err);
		if (s != PT_OK) {
			return s;
		}
		{
			pt_db_value v[4] = { PT_DB_INT_V(c->process_id), TEXT(c->participant),
				c->keep_ref ? TEXT(receipt) : PT_DB_NULL_V, PT_DB_INT_V(c->process_id) };

			/* the process row is held shared since lock_process(); closed_at IS NULL restates it */
			s = pt_db_exec(db, "INSERT INTO participa_voters (process_id, participant_id, voted_at, ballot_ref) "
				"SELECT ?, ?, UTC_TIMESTAMP(6), ? FROM participa_processes WHERE id = ? AND closed_at IS NULL",
				v, 4, &affected, NULL, err);
		}
		if (s != PT_OK && err && err->code == PT_ERR_DB && err->db_errno == 1062) {
			/* the same participant's concurrent first ballot won the key; it has
			 * committed (the insert waited for it), idempotency key included */
			pt_db_value k[2] = { PT_DB_INT_V(c->process_id), TEXT(c->participant) };
			receipt_row r;

			pt_error_clear(err);
			if (c->idempotency_key) {
				bool replayed = false;

				s = key_replay(db, c, &replayed, err);
				if (s != PT_OK || replayed) {
					return s;
				}
			}
			if (!c->allow_change) {
				return already_voted(err);
			}
			memset(&r, 0, sizeof(r));
			s = pt_db_query(db, "SELECT ballot_ref FROM participa_voters WHERE process_id = ? AND participant_id = ? "
				"LOCK IN SHARE MODE", k, 2, receipt_row_fn, &r, err);
			if (s != PT_OK) {
				return s;
			}
			if (!r.found || !r.has_receipt) {
				return already_voted(err);
			}
			s = change_ballot(db, c, r.receipt, err);
		} else if (s == PT_OK && affected == 0) {
			return refuse_closed(err);
		} else if (s == PT_OK) {
			pt_db_value v[BOX_VALUES];

			box_row(c, receipt, v);
			s = pt_db_exec(db, "INSERT INTO participa_ballot_box (" BOX_COLUMNS ", channel, version) VALUES ("
				BOX_MARKS ", 'web', 1)", v, BOX_VALUES, NULL, NULL, err);
			/* the box changed (one statement; participa_cast_ballot runs the same one itself) */
			if (s == PT_OK) {
				s = pt_process_store_box_changed(db, c->process_id, receipt, err);
			}
			if (s == PT_OK) {
				memcpy(c->receipt, receipt, sizeof(receipt));
				c->version = 1;
			}
		}
	}
	if (s != PT_OK) {
		return s;
	}
	if (c->idempotency_key) {
		pt_db_value v[5] = { PT_DB_INT_V(c->process_id), TEXT(c->participant), TEXT(c->idempotency_key),
			TEXT(c->receipt), PT_DB_INT_V(c->version) };

		s = pt_db_exec(db, "INSERT INTO participa_cast_keys (process_id, participant_id, idem_key, receipt, version, "
			"created_at) VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(6))", v, 5, NULL, NULL, err);
		if (s != PT_OK && err && err->code == PT_ERR_DB && err->db_errno == 1062) {
			x->dup_key = true;
		}
	}
	return s;
}

/* A COMMIT whose answer was lost (pt_db_transaction_ex()'s landed check):
 * the key row says whether the cast was stored. If it holds this run's
 * receipt, the run's answer stands; another receipt is a twin's, answered
 * as a replay. */
static pt_status cast_landed(pt_db *db, void *vctx, bool *landed, pt_error *err)
{
	cast_ctx *x = vctx;
	pt_process_store_cast *c = x->c;
	receipt_row k;
	pt_status s = key_row(db, c, &k, err);

	if (s == PT_OK && k.found && k.has_receipt) {
		if (strcmp(k.receipt, c->receipt) != 0 || k.version != c->version) {
			memcpy(c->receipt, k.receipt, PT_RECEIPT_LEN + 1);
			c->version = k.version;
			c->replayed = true;
			c->changed = false;
		}
		*landed = true;
	}
	return s;
}

/* ---- the one-round-trip cast (schema 011) -------------------------------------- */

/* Rows per INSERT of a territory tree's copy: 4 values each. */
#define MARKS_CHUNK 200

typedef struct marks_ctx {
	const pt_territory_tree *tree;
	char *sql;                   /* the INSERT of a full chunk */
	pt_db_value *v;              /* 4 * MARKS_CHUNK */
} marks_ctx;

static char *marks_sql(const pt_allocator *a, size_t rows)
{
	static const char head[] = "INSERT IGNORE INTO participa_territory_marks (tree, territory_id, pre, post, "
		"created_at) VALUES ";
	static const char row[] = "(?, ?, ?, ?, UTC_TIMESTAMP(6)),";
	char *sql = pt_alloc(a, sizeof(head) + rows * (sizeof(row) - 1));
	size_t i, n = sizeof(head) - 1;

	if (!sql) {
		return NULL;
	}
	memcpy(sql, head, n);
	for (i = 0; i < rows; i++) {
		memcpy(sql + n, row, sizeof(row) - 1);
		n += sizeof(row) - 1;
	}
	sql[n - 1] = '\0';          /* the last row's comma */
	return sql;
}

/*
 * Writes the copy of tree named by its digest, unless it is there: every
 * territory's (id, pre, post), then the mark (territory_id '') that it is
 * complete, in one transaction. INSERT IGNORE: a worker writing the same
 * copy at the same time writes the same rows (the first declaration of a
 * repeated id wins in both, as in pt_territory_find()).
 */
static pt_status marks_unit(pt_db *db, void *vctx, pt_error *err)
{
	marks_ctx *m = vctx;
	const pt_territory_tree *t = m->tree;
	pt_db_value k[1] = { TEXT(t->digest) };
	pt_db_int_cell c = { 0, false };
	size_t i, j, n;
	pt_status s;

	s = pt_db_query(db, "SELECT 1 FROM participa_territory_marks WHERE tree = ? AND territory_id = ''", k, 1,
		pt_db_int_cell_fn, &c, err);
	for (i = 0; s == PT_OK && !c.found && i < t->count; i += n) {
		n = t->count - i < MARKS_CHUNK ? t->count - i : MARKS_CHUNK;
		for (j = 0; j < n; j++) {
			const pt_territory *x = &t->items[i + j];

			m->v[4 * j] = TEXT(t->digest);
			m->v[4 * j + 1] = PT_DB_TEXT_V(x->id, x->id_len);
			m->v[4 * j + 2] = PT_DB_INT_V(x->pre);
			m->v[4 * j + 3] = PT_DB_INT_V(x->post);
		}
		if (n == MARKS_CHUNK) {
			s = pt_db_exec(db, m->sql, m->v, 4 * n, NULL, NULL, err);
		} else {
			char *last = marks_sql(NULL, n);

			s = last ? pt_db_exec(db, last, m->v, 4 * n, NULL, NULL, err)
				: pt_error_set(err, PT_ERR_NOMEM, "out of memory");
			free(last);
		}
	}
	if (s == PT_OK && !c.found) {
		s = pt_db_exec(db, "INSERT IGNORE INTO participa_territory_marks (tree, territory_id, pre, post, created_at) "
			"VALUES (?, '', 0, 0, UTC_TIMESTAMP(6))", k, 1, NULL, NULL, err);
	}
	return s;
}

static pt_status marks_write(pt_db *db, const pt_territory_tree *tree, const pt_allocator *a, pt_error *err)
{
	marks_ctx m = { tree, marks_sql(a, MARKS_CHUNK), pt_alloc(a, 4 * MARKS_CHUNK * sizeof(pt_db_value)) };
	pt_status s = m.sql && m.v ? pt_db_transaction(db, marks_unit, &m, 0, NULL, err)
		: pt_error_set(err, PT_ERR_NOMEM, "out of memory");

	pt_free(a, m.sql);
	pt_free(a, m.v);
	return s;
}

typedef struct fast_cast {
	pt_process_store_cast *c;
	pt_eligibility_sql el;
	const pt_territory_tree *tree;   /* the residence rule's tree, or NULL */
	char receipt[PT_RECEIPT_LEN + 1];
	int64_t answer;              /* its row: 0 declined, 2 the tree's copy is missing; -1 no row: stored */
} fast_cast;

static pt_status fast_answer_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	fast_cast *f = vctx;

	f->answer = ncols ? pt_db_col_int(&cols[0]) : 0;
	return PT_OK;
}

/* participa_cast_ballot's parameters before the box row's */
#define FAST_HEAD 8

static pt_status fast_unit(pt_db *db, void *vctx, pt_error *err)
{
	fast_cast *f = vctx;
	pt_process_store_cast *c = f->c;
	const pt_territory *in = f->tree ? &f->tree->items[f->el.territory] : NULL;
	pt_db_value v[FAST_HEAD + BOX_VALUES] = {
		TEXT(c->participant), PT_DB_INT_V(c->keep_ref ? 1 : 0), OPT_TEXT(c->idempotency_key),
		PT_DB_INT_V(f->el.rule), TEXT(f->el.roles), in ? TEXT(f->tree->digest) : PT_DB_NULL_V,
		PT_DB_INT_V(in ? in->pre : 0), PT_DB_INT_V(in ? in->post : 0)
	};

	box_row(c, f->receipt, v + FAST_HEAD);
	f->answer = -1;
	return pt_db_query(db, "CALL participa_cast_ballot(?, ?, ?, ?, ?, ?, ?, ?, " BOX_MARKS ")", v,
		FAST_HEAD + BOX_VALUES, fast_answer_fn, f, err);
}

/* A lost answer to the CALL: the key row says whether it was stored, and
 * whose receipt it holds (a twin's: answered as a replay). */
static pt_status fast_landed(pt_db *db, void *vctx, bool *landed, pt_error *err)
{
	fast_cast *f = vctx;
	pt_process_store_cast *c = f->c;
	receipt_row k;
	pt_status s = key_row(db, c, &k, err);

	if (s == PT_OK && k.found && k.has_receipt) {
		c->replayed = strcmp(k.receipt, f->receipt) != 0 || k.version != 1;
		memcpy(f->receipt, k.receipt, PT_RECEIPT_LEN + 1);
		c->version = k.version;
		f->answer = -1;
		*landed = true;
	}
	return s;
}

/* The procedure's parameters hold 4000 bytes of role names. */
#define FAST_ROLES_MAX 4000

/*
 * The one-round-trip cast: PT_OK with *stored when the procedure stored it;
 * PT_OK and !*stored when it declined (or the schema lacks it): the full
 * path decides and explains. Errors that are not the server's refusal of
 * the CALL (a broken connection, a lost answer without a key) are returned.
 */
static pt_status fast_cast_try(pt_db *db, pt_process_store_cast *c, bool *stored, pt_error *err)
{
	const pt_territory_tree *tree = &c->cfg->territories;
	pt_db_tx_options o = { .self_contained = true, .landed = c->idempotency_key ? fast_landed : NULL };
	fast_cast f;
	pt_error local;
	pt_status s;
	int round;

	*stored = false;
	memset(&f, 0, sizeof(f));
	f.c = c;
	if (!pt_eligibility_vote_sql(c->cfg, c->def, c->participant, c->alloc, &f.el)) {
		return PT_OK;
	}
	if (c->def->pot_count) {
		/* a budget split by district: the residence rule narrows to the ballot's district; a ballot
		 * of no district where some residents have no pot to vote in is the full path's to explain */
		int32_t district;
		pt_error ignored;

		pt_error_clear(&ignored);
		if (pt_process_pots_canonical(c->def, c->ballot, c->ballot_len, &district, &ignored) != PT_OK
			|| (district < 0 && pt_process_pot_city(c->def) < 0) || f.el.territory < 0) {
			pt_eligibility_sql_free(&f.el);
			return PT_OK;
		}
		if (district >= 0) {
			f.el.territory = c->def->pots[district].territory;
		}
	}
	f.tree = f.el.territory >= 0 ? tree : NULL;
	if (strlen(f.el.roles) > FAST_ROLES_MAX) {
		pt_eligibility_sql_free(&f.el);
		return PT_OK;
	}
	if ((s = pt_process_store_receipt(f.receipt, err)) != PT_OK) {
		pt_eligibility_sql_free(&f.el);
		return s;
	}
	c->replayed = c->changed = c->voice_only = false;
	c->version = 0;
	for (round = 0; round < 2; round++) {
		pt_error_clear(&local);
		s = pt_db_transaction_ex(db, &o, fast_unit, &f, NULL, &local);
		if (s == PT_OK && f.answer == 2 && round == 0) {
			/* the first cast since the YAML's territories changed writes their copy */
			s = marks_write(db, tree, c->alloc, &local);
			if (s == PT_OK) {
				continue;
			}
		}
		break;
	}
	pt_eligibility_sql_free(&f.el);
	if (s == PT_OK && f.answer == -1) {
		memcpy(c->receipt, f.receipt, PT_RECEIPT_LEN + 1);
		if (!c->replayed) {
			c->version = 1;
		}
		c->fast_used = *stored = true;
		return PT_OK;
	}
	if (s != PT_OK && (local.code != PT_ERR_DB || pt_db_broken(db))) {
		/* not a refusal by the server: the full path would meet the same */
		if (err) {
			*err = local;
		}
		return s;
	}
	/* declined, or a schema without the procedure (1305) or with another
	 * box row (1318): the full path decides and explains */
	return PT_OK;
}

pt_status pt_process_store_cast_ballot(pt_db *db, pt_process_store_cast *cast, pt_error *err)
{
	pt_db_tx_options o = { .landed = cast->idempotency_key ? cast_landed : NULL };
	cast_ctx *x;
	pt_status s;

	cast->fast_used = false;
	if (cast->fast && !pt_db_in_transaction(db)) {
		bool stored = false;

		s = fast_cast_try(db, cast, &stored, err);
		if (s != PT_OK || stored) {
			return s;
		}
	}
	x = pt_calloc(cast->alloc, 1, sizeof(*x));
	if (!x) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	x->c = cast;
	s = pt_db_transaction_ex(db, &o, cast_unit, x, NULL, err);
	if (s != PT_OK && x->dup_key) {
		/* a retry of the same request committed first: answer as it did */
		bool replayed = false;
		pt_error local;

		pt_error_clear(&local);
		pt_status r = key_replay(db, cast, &replayed, &local);

		if (r == PT_OK && replayed) {
			pt_error_clear(err);
			s = PT_OK;
		} else if (r == PT_ERR_CONFLICT) {
			*err = local;
			s = r;
		}
	}
	pt_free(cast->alloc, x);
	return s;
}

/* ---- reading ballots ---------------------------------------------------------- */

typedef struct ballots_ctx {
	pt_process_store_ballot_fn fn;
	void *ctx;
	bool found;
} ballots_ctx;

static pt_status ballot_row_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	ballots_ctx *b = vctx;
	pt_process_store_ballot r;

	b->found = true;
	pt_db_col_str(&cols[0], &r.receipt, &r.receipt_len);
	pt_db_col_str(&cols[1], &r.ballot, &r.ballot_len);
	pt_db_col_str(&cols[2], &r.role, &r.role_len);
	pt_db_col_str(&cols[3], &r.reason, &r.reason_len);
	pt_db_col_str(&cols[4], &r.voter, &r.voter_len);
	r.paper = cols[5].type == PT_DB_TEXT && cols[5].len == 5 && memcmp(cols[5].s, "paper", 5) == 0;
	pt_db_col_str(&cols[6], &r.batch_id, &r.batch_id_len);
	r.version = (uint32_t)pt_db_col_int(&cols[7]);
	return b->fn(b->ctx, &r, err);
}

#define BALLOT_COLS "receipt, ballot, role, reason, voter, channel, batch_id, version"

pt_status pt_process_store_ballots(pt_db *db, int64_t process_id, pt_process_store_ballot_fn fn, void *ctx, pt_error *err)
{
	pt_db_value p[1] = { PT_DB_INT_V(process_id) };
	ballots_ctx b = { fn, ctx, false };

	/* primary key order: a scan of the clustered index, no sort */
	return pt_db_query(db, "SELECT " BALLOT_COLS " FROM participa_ballot_box WHERE process_id = ? ORDER BY receipt",
		p, 1, ballot_row_fn, &b, err);
}

pt_status pt_process_store_ballots_in(pt_db *db, int64_t process_id, const char *patterns, size_t n,
	pt_process_store_ballot_fn fn, void *ctx, pt_error *err)
{
	static const char head[] = "SELECT " BALLOT_COLS " FROM participa_ballot_box WHERE process_id = ? AND (";
	static const char tail[] = ") ORDER BY receipt";
	ballots_ctx b = { fn, ctx, false };
	pt_db_value *p = malloc((n + 1) * sizeof(*p));
	char *sql = malloc(sizeof(head) + sizeof(tail) + 18 * n);
	size_t i, len = sizeof(head) - 1;
	pt_status s;

	if (!p || !sql) {
		free(p);
		free(sql);
		return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	}
	p[0] = PT_DB_INT_V(process_id);
	memcpy(sql, head, len);
	for (i = 0; i < n; i++) {
		const char *pat = patterns + i * PT_PROCESS_STORE_PATTERN;

		/* each a range of the primary key: the optimizer reads the rows of those segments only */
		memcpy(sql + len, i ? " OR receipt LIKE ?" : "receipt LIKE ?", i ? 18 : 14);
		len += i ? 18 : 14;
		p[i + 1] = PT_DB_TEXT_V(pat, strlen(pat));
	}
	memcpy(sql + len, tail, sizeof(tail));
	s = pt_db_query(db, sql, p, n + 1, ballot_row_fn, &b, err);
	free(p);
	free(sql);
	return s;
}

pt_status pt_process_store_ballot_get(pt_db *db, int64_t process_id, const char *receipt, size_t len,
	pt_process_store_ballot_fn fn, void *ctx, bool *found, pt_error *err)
{
	pt_db_value p[2] = { PT_DB_INT_V(process_id), PT_DB_TEXT_V(receipt, len) };
	ballots_ctx b = { fn, ctx, false };
	pt_status s;

	s = pt_db_query(db, "SELECT " BALLOT_COLS " FROM participa_ballot_box WHERE process_id = ? AND receipt = ?",
		p, 2, ballot_row_fn, &b, err);
	*found = b.found;
	return s;
}

typedef struct ints_row {
	int64_t v[4];
	bool found;
} ints_row;

static pt_status ints_row_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	ints_row *r = vctx;
	size_t i;

	r->found = true;
	for (i = 0; i < ncols && i < 4; i++) {
		r->v[i] = pt_db_col_int(&cols[i]);
	}
	return PT_OK;
}

pt_status pt_process_store_has_voted(pt_db *db, int64_t process_id, const char *participant, bool *voted, pt_error *err)
{
	pt_db_value p[2] = { PT_DB_INT_V(process_id), TEXT(participant) };
	ints_row r;
	pt_status s;

	memset(&r, 0, sizeof(r));
	s = pt_db_query(db, "SELECT 1 FROM participa_voters WHERE process_id = ? AND participant_id = ?", p, 2,
		ints_row_fn, &r, err);
	*voted = r.found;
	return s;
}

pt_status pt_process_store_results_allowed(pt_db *db, int64_t process_id, const pt_process_def *def,
	const pt_process_clock *c, const char *participant, pt_error *err)
{
	bool voted = false;
	pt_status s;

	if (participant && pt_process_results_need_vote(def, c)
		&& (s = pt_process_store_has_voted(db, process_id, participant, &voted, err)) != PT_OK) {
		return s;
	}
	return pt_process_rule_results(def, c, voted, err);
}

pt_status pt_process_store_counts(pt_db *db, int64_t process_id, int64_t *voters, int64_t *web, int64_t *paper, pt_error *err)
{
	pt_db_value p[3] = { PT_DB_INT_V(process_id), PT_DB_INT_V(process_id), PT_DB_INT_V(process_id) };
	ints_row r;
	pt_status s;

	memset(&r, 0, sizeof(r));
	s = pt_db_query(db, "SELECT (SELECT COUNT(*) FROM participa_voters WHERE process_id = ?), "
		"(SELECT COUNT(*) FROM participa_ballot_box WHERE process_id = ? AND channel = 'web'), "
		"(SELECT COUNT(*) FROM participa_ballot_box WHERE process_id = ? AND channel = 'paper')",
		p, 3, ints_row_fn, &r, err);
	*voters = r.v[0];
	*web = r.v[1];
	*paper = r.v[2];
	return s;
}

/* ---- paper batches ------------------------------------------------------------- */

typedef struct batch_row {
	bool found;
	pt_process_store_batch_state state;
	char first_by[192], second_by[192], assembly[192], tally_sheet[192];
	bool has_second;
} batch_row;

static pt_status batch_row_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	batch_row *r = vctx;

	r->found = true;
	r->state = cols[0].type == PT_DB_TEXT && cols[0].len == 7 && !memcmp(cols[0].s, "counted", 7) ? PT_BATCH_COUNTED
		: cols[0].type == PT_DB_TEXT && cols[0].len == 8 && !memcmp(cols[0].s, "mismatch", 8) ? PT_BATCH_MISMATCH
		: PT_BATCH_PENDING;
	if (!pt_db_col_copy(&cols[1], r->first_by, sizeof(r->first_by))) {
		r->first_by[0] = '\0';
	}
	r->has_second = pt_db_col_copy(&cols[2], r->second_by, sizeof(r->second_by)) != NULL;
	if (!pt_db_col_copy(&cols[3], r->assembly, sizeof(r->assembly))) {
		r->assembly[0] = '\0';
	}
	if (!pt_db_col_copy(&cols[4], r->tally_sheet, sizeof(r->tally_sheet))) {
		r->tally_sheet[0] = '\0';
	}
	return PT_OK;
}

/* One stored entry, read for comparison. */
typedef struct entry_list {
	char **ballots;
	size_t *ballot_lens;
	char **reasons;              /* NULL entries when none */
	size_t *reason_lens;
	size_t n, cap;
	bool nomem;
	const pt_allocator *a;
} entry_list;

static void entry_list_free(entry_list *e)
{
	const pt_allocator *a = e->a;
	size_t i;

	for (i = 0; i < e->n; i++) {
		pt_free(a, e->ballots[i]);
		pt_free(a, e->reasons[i]);
	}
	pt_free(a, e->ballots);
	pt_free(a, e->ballot_lens);
	pt_free(a, e->reasons);
	pt_free(a, e->reason_lens);
	memset(e, 0, sizeof(*e));
	e->a = a;
}

/* Grows the array field to n elements through a, keeping it on failure; true on success. */
#define GROW(a, field, n) __extension__ ({ \
		__typeof__(field) grown_ = pt_realloc((a), (field), (n) * sizeof(*(field))); \
		if (grown_) (field) = grown_; \
		grown_ != NULL; })

static pt_status entry_row_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	entry_list *e = vctx;
	const char *s;
	size_t len;

	if (e->n == e->cap) {
		size_t cap = e->cap ? e->cap * 2 : 64;
		bool b = GROW(e->a, e->ballots, cap), bl = GROW(e->a, e->ballot_lens, cap);
		bool r = GROW(e->a, e->reasons, cap), rl = GROW(e->a, e->reason_lens, cap);

		if (!b || !bl || !r || !rl) {
			return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
		}
		e->cap = cap;
	}
	pt_db_col_str(&cols[0], &s, &len);
	e->ballots[e->n] = pt_strndup(e->a, s ? s : "", len);
	e->ballot_lens[e->n] = len;
	pt_db_col_str(&cols[1], &s, &len);
	e->reasons[e->n] = s ? pt_strndup(e->a, s, len) : NULL;
	e->reason_lens[e->n] = len;
	if (!e->ballots[e->n] || (s && !e->reasons[e->n])) {
		pt_free(e->a, e->ballots[e->n]);
		pt_free(e->a, e->reasons[e->n]);
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	e->n++;
	return PT_OK;
}

static pt_status store_entry(pt_db *db, pt_process_store_batch *b, int entry, pt_error *err)
{
	pt_db_value d[3] = { PT_DB_INT_V(b->process_id), TEXT(b->batch_id), PT_DB_INT_V(entry) };
	size_t i;
	pt_status s;

	s = pt_db_exec(db, "DELETE FROM participa_paper_entries WHERE process_id = ? AND batch_id = ? AND entry = ?",
		d, 3, NULL, NULL, err);
	for (i = 0; s == PT_OK && i < b->count; i++) {
		pt_db_value v[6] = { PT_DB_INT_V(b->process_id), TEXT(b->batch_id), PT_DB_INT_V(entry), PT_DB_INT_V((int64_t)i),
			PT_DB_TEXT_V(b->ballots[i].ballot, b->ballots[i].ballot_len),
			OPT_TEXTN(b->ballots[i].reason, b->ballots[i].reason_len) };

		s = pt_db_exec(db, "INSERT INTO participa_paper_entries (process_id, batch_id, entry, position, ballot, reason) "
			"VALUES (?, ?, ?, ?, ?, ?)", v, 6, NULL, NULL, err);
	}
	return s;
}

static bool same_text(const char *a, size_t al, const char *b, size_t bl)
{
	if (!a || !b) {
		return (!a || al == 0) && (!b || bl == 0);
	}
	return al == bl && memcmp(a, b, al) == 0;
}

void pt_process_store_batch_free(pt_process_store_batch *b)
{
	size_t i;

	for (i = 0; i < b->mismatch_count; i++) {
		if (b->other_ballots) {
			pt_free(b->alloc, b->other_ballots[i]);
		}
		if (b->other_reasons) {
			pt_free(b->alloc, b->other_reasons[i]);
		}
	}
	pt_free(b->alloc, b->mismatches);
	pt_free(b->alloc, b->other_ballots);
	pt_free(b->alloc, b->other_ballot_lens);
	pt_free(b->alloc, b->other_reasons);
	pt_free(b->alloc, b->other_reason_lens);
	b->mismatches = NULL;
	b->other_ballots = b->other_reasons = NULL;
	b->other_ballot_lens = b->other_reason_lens = NULL;
	b->mismatch_count = 0;
}

/* Appends a mismatch at position i with the other entry's reading (if it has one there). */
static pt_status add_mismatch(pt_process_store_batch *b, size_t i, const entry_list *other, pt_error *err)
{
	const pt_allocator *a = b->alloc;
	size_t n = b->mismatch_count + 1;
	bool gm = GROW(a, b->mismatches, n), gb = GROW(a, b->other_ballots, n);
	bool gbl = GROW(a, b->other_ballot_lens, n), gr = GROW(a, b->other_reasons, n);
	bool grl = GROW(a, b->other_reason_lens, n);
	size_t *m = b->mismatches, *obl = b->other_ballot_lens, *orl = b->other_reason_lens;
	char **ob = b->other_ballots, **orr = b->other_reasons;

	if (!gm || !gb || !gbl || !gr || !grl) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	m[n - 1] = i;
	ob[n - 1] = orr[n - 1] = NULL;
	obl[n - 1] = orl[n - 1] = 0;
	b->mismatch_count = n;   /* counted before the copies: pt_process_store_batch_free() sees the NULLs */
	if (i < other->n) {
		ob[n - 1] = pt_strndup(a, other->ballots[i], other->ballot_lens[i]);
		obl[n - 1] = other->ballot_lens[i];
		if (other->reasons[i]) {
			orr[n - 1] = pt_strndup(a, other->reasons[i], other->reason_lens[i]);
			orl[n - 1] = other->reason_lens[i];
		}
		if (!ob[n - 1] || (other->reasons[i] && !orr[n - 1])) {
			return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
		}
	}
	return PT_OK;
}

static pt_status batch_unit(pt_db *db, void *vctx, pt_error *err)
{
	pt_process_store_batch *b = vctx;
	pt_db_value k[2] = { PT_DB_INT_V(b->process_id), TEXT(b->batch_id) };
	batch_row r;
	entry_list other;
	int entry, other_entry;
	size_t i, n;
	bool closed = false;
	char *receipts = NULL;
	pt_status s;

	/* a replayed transaction starts over */
	pt_process_store_batch_free(b);
	b->other_by[0] = '\0';
	b->header_mismatch = b->count_mismatch = false;
	s = lock_process(db, b->process_id, &closed, err);
	if (s != PT_OK) {
		return s;
	}
	if (closed) {
		return refuse_closed(err);
	}
	memset(&r, 0, sizeof(r));
	s = pt_db_query(db, "SELECT status, first_by, second_by, assembly, tally_sheet FROM participa_paper_batches "
		"WHERE process_id = ? AND batch_id = ? FOR UPDATE", k, 2, batch_row_fn, &r, err);
	if (s != PT_OK) {
		return s;
	}
	if (!r.found) {
		pt_db_value v[7] = { PT_DB_INT_V(b->process_id), TEXT(b->batch_id), TEXT(b->assembly), TEXT(b->tally_sheet),
			TEXT(b->official), PT_DB_INT_V((int64_t)b->count), PT_DB_INT_V(b->process_id) };

		s = exec_open(db, "INSERT INTO participa_paper_batches (process_id, batch_id, assembly, tally_sheet, status, "
			"first_by, ballot_count, created_at, updated_at) SELECT ?, ?, ?, ?, 'pending', ?, ?, UTC_TIMESTAMP(6), "
			"UTC_TIMESTAMP(6) FROM participa_processes WHERE id = ? AND closed_at IS NULL", v, 7, err);
		if (s != PT_OK) {
			return s;
		}
		b->state = PT_BATCH_PENDING;
		b->entry = 1;
		snprintf(b->first_by, sizeof(b->first_by), "%s", b->official);
		return store_entry(db, b, 1, err);
	}
	snprintf(b->first_by, sizeof(b->first_by), "%s", r.first_by);
	if (r.state == PT_BATCH_COUNTED) {
		return pt_error_set(err, PT_ERR_CONFLICT, "El lote %s ya fue contado; no se puede capturar de nuevo.",
			b->batch_id);
	}
	if (strcmp(r.first_by, b->official) == 0) {
		if (r.state == PT_BATCH_PENDING) {
			return pt_error_set(err, PT_ERR_NOT_ALLOWED, "La segunda captura del lote %s debe hacerla otra persona.",
				b->batch_id);
		}
		entry = 1;   /* after a mismatch: the first person corrects their entry */
	} else {
		entry = 2;
	}
	other_entry = 3 - entry;
	s = store_entry(db, b, entry, err);
	if (s != PT_OK) {
		return s;
	}
	b->entry = entry;
	/* entry 2 compares with the first person's; a corrected entry 1 with the second person's */
	snprintf(b->other_by, sizeof(b->other_by), "%s", entry == 2 ? r.first_by : r.has_second ? r.second_by : "");
	b->header_mismatch = strcmp(r.assembly, b->assembly) != 0 || strcmp(r.tally_sheet, b->tally_sheet) != 0;
	memset(&other, 0, sizeof(other));
	other.a = b->alloc;
	{
		pt_db_value q[3] = { PT_DB_INT_V(b->process_id), TEXT(b->batch_id), PT_DB_INT_V(other_entry) };

		s = pt_db_query(db, "SELECT ballot, reason FROM participa_paper_entries WHERE process_id = ? AND batch_id = ? "
			"AND entry = ? ORDER BY position", q, 3, entry_row_fn, &other, err);
	}
	if (s != PT_OK) {
		entry_list_free(&other);
		return s;
	}
	n = other.n > b->count ? other.n : b->count;
	b->count_mismatch = other.n != b->count;
	for (i = 0; i < n; i++) {
		bool same = i < other.n && i < b->count
			&& same_text(other.ballots[i], other.ballot_lens[i], b->ballots[i].ballot, b->ballots[i].ballot_len)
			&& same_text(other.reasons[i], other.reason_lens[i], b->ballots[i].reason, b->ballots[i].reason_len);

		if (!same && (s = add_mismatch(b, i, &other, err)) != PT_OK) {
			entry_list_free(&other);
			return s;
		}
	}
	entry_list_free(&other);
	if (b->mismatch_count || b->header_mismatch) {
		pt_db_value v[4] = { TEXT(entry == 2 ? b->official : r.has_second ? r.second_by : b->official),
			PT_DB_INT_V((int64_t)b->count), PT_DB_INT_V(b->process_id), TEXT(b->batch_id) };

		b->state = PT_BATCH_MISMATCH;
		return pt_db_exec(db, "UPDATE participa_paper_batches SET status = 'mismatch', second_by = ?, "
			"ballot_count = ?, updated_at = UTC_TIMESTAMP(6) WHERE process_id = ? AND batch_id = ?", v, 4, NULL, NULL, err);
	}
	/* the batch's receipts, end to end: their segments move (schema 016) */
	if (b->count && !(receipts = pt_alloc(b->alloc, b->count * PT_RECEIPT_LEN))) {
		return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	}
	for (i = 0; i < b->count; i++) {
		char receipt[PT_RECEIPT_LEN + 1];
		uint64_t affected = 0;

		s = pt_process_store_receipt(receipt, err);
		if (s == PT_OK) {
			pt_db_value v[6] = { PT_DB_INT_V(b->process_id), TEXT(receipt),
				PT_DB_TEXT_V(b->ballots[i].ballot, b->ballots[i].ballot_len),
				OPT_TEXTN(b->ballots[i].reason, b->ballots[i].reason_len), TEXT(b->batch_id), PT_DB_INT_V(b->process_id) };

			s = pt_db_exec(db, "INSERT INTO participa_ballot_box (process_id, receipt, ballot, reason, channel, batch_id, "
				"version) SELECT ?, ?, ?, ?, 'paper', ?, 1 FROM participa_processes WHERE id = ? AND closed_at IS NULL",
				v, 6, &affected, NULL, err);
		}
		if (s == PT_OK && affected == 0) {
			s = refuse_closed(err);
		}
		if (s != PT_OK) {
			pt_free(b->alloc, receipts);
			return s;
		}
		memcpy(receipts + i * PT_RECEIPT_LEN, receipt, PT_RECEIPT_LEN);
	}
	/* schema 016: the batch's segments changed (one statement) */
	s = b->count ? pt_process_store_boxes_changed(db, b->process_id, receipts, b->count, err) : PT_OK;
	pt_free(b->alloc, receipts);
	if (s != PT_OK) {
		return s;
	}
	{
		pt_db_value v[3] = { TEXT(entry == 2 ? b->official : r.second_by), PT_DB_INT_V(b->process_id), TEXT(b->batch_id) };

		b->state = PT_BATCH_COUNTED;
		return pt_db_exec(db, "UPDATE participa_paper_batches SET status = 'counted', second_by = ?, "
			"updated_at = UTC_TIMESTAMP(6) WHERE process_id = ? AND batch_id = ?", v, 3, NULL, NULL, err);
	}
}

pt_status pt_process_store_paper_batch(pt_db *db, pt_process_store_batch *b, pt_error *err)
{
	b->mismatches = NULL;
	b->other_ballots = b->other_reasons = NULL;
	b->other_ballot_lens = b->other_reason_lens = NULL;
	b->mismatch_count = 0;
	return pt_db_transaction(db, batch_unit, b, 0, NULL, err);
}

/* ---- options proposed through the API --------------------------------------------- */

#define OPTION_COLS "o.option_id, o.name, o.cost, o.territory_id, o.proposed_by, o.created_at, " \
	"o.withdrawn_at, o.withdrawn_by, o.withdraw_reason"

/* Fills o from OPTION_COLS starting at cols[0]; at[]/wat[] hold the times. */
static void option_from_cols(const pt_db_value *cols, pt_process_store_option *o, char at[32], char wat[32])
{
	memset(o, 0, sizeof(*o));
	pt_db_col_str(&cols[0], &o->id, &o->id_len);
	pt_db_col_str(&cols[1], &o->name, &o->name_len);
	o->has_cost = cols[2].type != PT_DB_NULL;
	o->cost = o->has_cost ? pt_db_col_int(&cols[2]) : 0;
	pt_db_col_str(&cols[3], &o->territory, &o->territory_len);
	pt_db_col_str(&cols[4], &o->proposed_by, &o->proposed_by_len);
	o->created_at = pt_db_col_copy(&cols[5], at, 32);
	if (!o->created_at) {
		at[0] = '\0';
		o->created_at = at;
	}
	o->withdrawn_at = pt_db_col_copy(&cols[6], wat, 32);
	o->withdrawn = o->withdrawn_at != NULL;
	pt_db_col_str(&cols[7], &o->withdrawn_by, &o->withdrawn_by_len);
	pt_db_col_str(&cols[8], &o->withdraw_reason, &o->withdraw_reason_len);
}

typedef struct options_cb {
	pt_process_store_option_fn fn;
	void *ctx;
} options_cb;

static pt_status option_row_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	options_cb *c = vctx;
	pt_process_store_option o;
	char at[32], wat[32];

	option_from_cols(cols, &o, at, wat);
	return c->fn(c->ctx, &o, err);
}

pt_status pt_process_store_options(pt_db *db, int64_t process_id, pt_process_store_option_fn fn, void *ctx, pt_error *err)
{
	pt_db_value p[1] = { PT_DB_INT_V(process_id) };
	options_cb c = { fn, ctx };

	return pt_db_query(db, "SELECT " OPTION_COLS " FROM participa_process_options o WHERE o.process_id = ? "
		"ORDER BY o.created_at, o.option_id", p, 1, option_row_fn, &c, err);
}

/*
 * The proposal's facts in one round trip. Parameters: 1-3 proposer (status,
 * roles, territory), 4 process (closed), 5 process (count), then the join:
 * 6 process, 7 option id.
 */
#define PROPOSE_FACTS_SQL \
	"SELECT (SELECT p.status FROM participa_participants p WHERE p.id = ?), " \
	PT_PARTICIPANT_STORE_ROLES_SQL ", " \
	"(SELECT p2.territory_id FROM participa_participants p2 WHERE p2.id = ?), " \
	"(SELECT pc.closed_at IS NOT NULL FROM participa_processes pc WHERE pc.id = ?), " \
	"(SELECT COUNT(*) FROM participa_process_options c WHERE c.process_id = ?), " \
	OPTION_COLS " " \
	"FROM (SELECT 1 AS one) d LEFT JOIN participa_process_options o ON o.process_id = ? AND o.option_id = ?"

typedef struct propose_facts {
	facts_buf fb;                /* the cast facts' buffers: known, banned, roles, territory, closed */
	int64_t count;
	bool exists;                 /* a row with the option id */
	bool same;                   /* ... proposed by the same person with the same content, active */
	bool withdrawn;
	char created_at[32];
} propose_facts;

typedef struct propose_ctx {
	pt_process_store_proposal *p;
	propose_facts f;
} propose_ctx;

static bool same_option(const pt_process_store_proposal *p, const pt_process_store_option *o)
{
	return o->proposed_by && same_text(o->proposed_by, o->proposed_by_len, p->proposer, strlen(p->proposer))
		&& same_text(o->name, o->name_len, p->name, p->name_len)
		&& o->has_cost == p->has_cost && o->cost == p->cost
		&& (o->territory ? p->territory && same_text(o->territory, o->territory_len, p->territory,
			strlen(p->territory)) : !p->territory);
}

static pt_status propose_facts_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	propose_ctx *x = vctx;
	propose_facts *f = &x->f;
	pt_process_store_facts *pf = &f->fb.f;

	pf->known = cols[0].type != PT_DB_NULL;
	pf->banned = cols[0].type == PT_DB_TEXT && cols[0].len == 6 && memcmp(cols[0].s, "banned", 6) == 0;
	pf->roles = f->fb.roles;
	if (pt_participant_store_roles_col(&cols[1], f->fb.roles, sizeof(f->fb.roles), err) != PT_OK) {
		return err->code;
	}
	pf->territory = pt_db_col_copy(&cols[2], f->fb.territory, sizeof(f->fb.territory));
	pf->closed = pt_db_col_int(&cols[3]) != 0;
	f->count = pt_db_col_int(&cols[4]);
	f->exists = cols[5].type != PT_DB_NULL;
	if (f->exists) {
		pt_process_store_option o;
		char wat[32];

		option_from_cols(cols + 5, &o, f->created_at, wat);
		f->withdrawn = o.withdrawn;
		f->same = !o.withdrawn && same_option(x->p, &o);
	}
	return PT_OK;
}

typedef struct option_one {
	bool found, same, withdrawn;
	const pt_process_store_proposal *p;
	char created_at[32];
} option_one;

static pt_status option_one_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	option_one *r = vctx;
	pt_process_store_option o;
	char wat[32];

	option_from_cols(cols, &o, r->created_at, wat);
	r->found = true;
	r->withdrawn = o.withdrawn;
	r->same = !o.withdrawn && same_option(r->p, &o);
	return PT_OK;
}

/* Someone holds the id: the same proposal again is a replay, anything else a conflict. */
static pt_status taken(pt_process_store_proposal *p, bool same, bool withdrawn, const char *created_at, pt_error *err)
{
	if (same) {
		p->replayed = true;
		snprintf(p->created_at, sizeof(p->created_at), "%s", created_at);
		return PT_OK;
	}
	if (withdrawn) {
		return pt_error_set(err, PT_ERR_CONFLICT, "La opción '%s' fue retirada; proponla con otro identificador.",
			p->option_id);
	}
	return pt_error_set(err, PT_ERR_CONFLICT, "Ya existe una opción con el identificador '%s' en este proceso.",
		p->option_id);
}

static pt_status propose_unit(pt_db *db, void *vctx, pt_error *err)
{
	propose_ctx *x = vctx;
	pt_process_store_proposal *p = x->p;
	bool closed = false;
	pt_status s;

	p->replayed = false;
	p->created_at[0] = '\0';
	memset(&x->f, 0, sizeof(x->f));
	s = lock_process(db, p->process_id, &closed, err);
	if (s != PT_OK) {
		return s;
	}
	{
		pt_db_value q[7] = { TEXT(p->proposer), TEXT(p->proposer), TEXT(p->proposer), PT_DB_INT_V(p->process_id),
			PT_DB_INT_V(p->process_id), PT_DB_INT_V(p->process_id), TEXT(p->option_id) };

		s = pt_db_query(db, PROPOSE_FACTS_SQL, q, 7, propose_facts_fn, x, err);
	}
	if (s != PT_OK) {
		return s;
	}
	x->f.fb.f.closed = closed;
	if (x->f.exists && x->f.same) {
		/* a retried request answers as the first did, even after the phase ended */
		return taken(p, true, false, x->f.created_at, err);
	}
	if (x->f.fb.f.closed) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "Este proceso ya cerró; no recibe propuestas.");
	}
	s = pt_process_rule_propose(p->cfg, p->def, p->clock, &x->f.fb.f, p->proposer, err);
	if (s != PT_OK) {
		return s;
	}
	if (x->f.exists) {
		return taken(p, false, x->f.withdrawn, x->f.created_at, err);
	}
	if (p->max_options && (uint64_t)x->f.count >= p->max_options) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "Este proceso ya recibió el máximo de %zu propuestas.",
			p->max_options);
	}
	{
		pt_db_value v[8] = { PT_DB_INT_V(p->process_id), TEXT(p->option_id), PT_DB_TEXT_V(p->name, p->name_len),
			p->has_cost ? PT_DB_INT_V(p->cost) : PT_DB_NULL_V, OPT_TEXT(p->territory), TEXT(p->proposer),
			PT_DB_INT_V(p->process_id) };
		uint64_t affected = 0;

		/* the process row is held shared since lock_process(); closed_at IS NULL restates it */
		s = pt_db_exec(db, "INSERT INTO participa_process_options (process_id, option_id, name, cost, territory_id, "
			"proposed_by, created_at) SELECT ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6) FROM participa_processes "
			"WHERE id = ? AND closed_at IS NULL", v, 7, &affected, NULL, err);
		if (s != PT_OK && err && err->code == PT_ERR_DB && err->db_errno == 1062) {
			/* a concurrent proposal of the same id won the key */
			pt_db_value k[2] = { PT_DB_INT_V(p->process_id), TEXT(p->option_id) };
			option_one r;

			memset(&r, 0, sizeof(r));
			r.p = p;
			pt_error_clear(err);
			s = pt_db_query(db, "SELECT " OPTION_COLS " FROM participa_process_options o WHERE o.process_id = ? "
				"AND o.option_id = ? LOCK IN SHARE MODE", k, 2, option_one_fn, &r, err);
			if (s != PT_OK) {
				return s;
			}
			if (!r.found) {
				return pt_error_set(err, PT_ERR_INTERNAL, "option '%s' vanished after a duplicate key", p->option_id);
			}
			return taken(p, r.same, r.withdrawn, r.created_at, err);
		}
		if (s != PT_OK) {
			return s;
		}
		if (affected == 0) {
			return pt_error_set(err, PT_ERR_NOT_ALLOWED, "Este proceso ya cerró; no recibe propuestas.");
		}
	}
	{
		pt_db_value k[2] = { PT_DB_INT_V(p->process_id), TEXT(p->option_id) };
		option_one r;

		memset(&r, 0, sizeof(r));
		r.p = p;
		s = pt_db_query(db, "SELECT " OPTION_COLS " FROM participa_process_options o WHERE o.process_id = ? "
			"AND o.option_id = ?", k, 2, option_one_fn, &r, err);
		if (s == PT_OK) {
			snprintf(p->created_at, sizeof(p->created_at), "%s", r.created_at);
		}
	}
	return s;
}

pt_status pt_process_store_current(pt_db *db, int64_t process_id, const pt_config *cfg, const pt_process_def *def,
	const pt_allocator *a, pt_process_current *out, pt_error *err)
{
	pt_status s;

	pt_process_current_init(out, cfg, def, a);
	s = pt_process_store_options(db, process_id, pt_process_current_row, out, err);
	return s == PT_OK ? pt_process_current_finish(out, err) : s;
}

pt_status pt_process_store_propose(pt_db *db, pt_process_store_proposal *p, pt_error *err)
{
	propose_ctx *x = pt_calloc(p->alloc, 1, sizeof(*x));
	pt_status s;

	if (!x) {
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	x->p = p;
	s = pt_db_transaction(db, propose_unit, x, 0, NULL, err);
	pt_free(p->alloc, x);
	return s;
}

typedef struct withdraw_ctx {
	int64_t process_id;
	const char *option_id, *official, *reason;
	size_t reason_len;
	bool *replayed;
	char *withdrawn_at, *withdrawn_by;
} withdraw_ctx;

typedef struct withdraw_row {
	bool found, closed, withdrawn;
	char at[32], by[192];
} withdraw_row;

static pt_status withdraw_row_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	withdraw_row *r = vctx;

	r->found = cols[0].type != PT_DB_NULL;
	r->withdrawn = pt_db_col_copy(&cols[1], r->at, sizeof(r->at)) != NULL;
	r->closed = pt_db_col_int(&cols[2]) != 0;
	if (!pt_db_col_copy(&cols[3], r->by, sizeof(r->by))) {
		r->by[0] = '\0';
	}
	return PT_OK;
}

static pt_status withdraw_unit(pt_db *db, void *vctx, pt_error *err)
{
	withdraw_ctx *w = vctx;
	pt_db_value k[3] = { PT_DB_INT_V(w->process_id), PT_DB_INT_V(w->process_id), TEXT(w->option_id) };
	withdraw_row r;
	uint64_t affected = 0;
	bool closed = false;
	pt_status s;

	*w->replayed = false;
	memset(&r, 0, sizeof(r));
	/* the process row under a shared lock and the option row under an exclusive one */
	s = lock_process(db, w->process_id, &closed, err);
	if (s != PT_OK) {
		return s;
	}
	s = pt_db_query(db, "SELECT o.option_id, o.withdrawn_at, 0, o.withdrawn_by FROM participa_process_options o "
		"WHERE o.process_id = ? AND o.option_id = ? FOR UPDATE", k + 1, 2, withdraw_row_fn, &r, err);
	if (s != PT_OK) {
		return s;
	}
	r.closed = closed;
	if (!r.found) {
		return pt_error_set(err, PT_ERR_NOT_FOUND, "No existe la opción '%s' propuesta en este proceso.", w->option_id);
	}
	if (r.withdrawn) {
		*w->replayed = true;
		snprintf(w->withdrawn_at, 32, "%s", r.at);
		snprintf(w->withdrawn_by, 192, "%s", r.by);
		return PT_OK;
	}
	if (r.closed) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "Este proceso ya cerró; sus opciones ya no se pueden retirar.");
	}
	{
		pt_db_value v[4] = { TEXT(w->official), PT_DB_TEXT_V(w->reason, w->reason_len), PT_DB_INT_V(w->process_id),
			TEXT(w->option_id) };

		s = pt_db_exec(db, "UPDATE participa_process_options SET withdrawn_at = UTC_TIMESTAMP(6), withdrawn_by = ?, "
			"withdraw_reason = ? WHERE process_id = ? AND option_id = ? AND withdrawn_at IS NULL", v, 4, &affected,
			NULL, err);
	}
	if (s != PT_OK) {
		return s;
	}
	memset(&r, 0, sizeof(r));
	s = pt_db_query(db, "SELECT o.option_id, o.withdrawn_at, 0, o.withdrawn_by FROM participa_process_options o WHERE o.process_id = ? "
		"AND o.option_id = ?", k + 1, 2, withdraw_row_fn, &r, err);
	if (s == PT_OK) {
		snprintf(w->withdrawn_at, 32, "%s", r.at);
		snprintf(w->withdrawn_by, 192, "%s", r.by);
	}
	return s;
}

pt_status pt_process_store_withdraw(pt_db *db, int64_t process_id, const char *option_id, const char *official,
	const char *reason, size_t reason_len, bool *replayed, char withdrawn_at[32], char withdrawn_by[192],
	pt_error *err)
{
	withdraw_ctx w = { process_id, option_id, official, reason, reason_len, replayed, withdrawn_at, withdrawn_by };

	withdrawn_at[0] = '\0';
	withdrawn_by[0] = '\0';
	return pt_db_transaction(db, withdraw_unit, &w, 0, NULL, err);
}

/* ---- results ------------------------------------------------------------------- */

static int64_t summary_int(const pt_value *summary, const char *key)
{
	const pt_value *v = pt_value_get(summary, key);

	return v && v->type == PT_VALUE_INT ? v->u.i : 0;
}

pt_status pt_process_store_result_summary(pt_db *db, int64_t process_id, const char *method, const pt_value *summary,
	bool final, const pt_allocator *a, pt_error *err)
{
	const pt_value *digest = pt_value_get(summary, "digest");
	pt_buf json;
	pt_status s;

	pt_buf_init(&json, a);
	s = pt_process_result_json(summary, &json, err);
	if (s == PT_OK) {
		s = pt_process_store_result_store(db, process_id, method, summary_int(summary, "ballots"),
			summary_int(summary, "web"), summary_int(summary, "paper"), digest ? digest->u.s.s : "", final,
			json.data, json.len, err);
	}
	pt_buf_free(&json);
	return s;
}

pt_status pt_process_store_result_store(pt_db *db, int64_t process_id, const char *method, int64_t ballots,
	int64_t web, int64_t paper, const char *digest, bool final, const char *json, size_t json_len, pt_error *err)
{
	pt_db_value v[8] = { PT_DB_INT_V(process_id), TEXT(method), PT_DB_INT_V(ballots), PT_DB_INT_V(web),
		PT_DB_INT_V(paper), TEXT(digest), PT_DB_INT_V(final ? 1 : 0), PT_DB_TEXT_V(json, json_len) };

	return pt_db_exec(db, "INSERT INTO participa_results (process_id, method, ballots, web_ballots, paper_ballots, "
		"digest, final, result, computed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(6))", v, 8, NULL, NULL, err);
}

typedef struct result_cb {
	pt_process_store_result_fn fn;
	void *ctx;
	bool found;
} result_cb;

static pt_status result_row_fn(void *vctx, const pt_db_value *cols, size_t ncols, pt_error *err)
{
	result_cb *r = vctx;
	char digest[65], at[32];
	const char *json;
	size_t len;

	r->found = true;
	pt_db_col_str(&cols[0], &json, &len);
	if (!pt_db_col_copy(&cols[1], digest, sizeof(digest))) {
		digest[0] = '\0';
	}
	if (!pt_db_col_copy(&cols[2], at, sizeof(at))) {
		at[0] = '\0';
	}
	return r->fn(r->ctx, json ? json : "", len, digest, at, pt_db_col_int(&cols[3]) != 0, err);
}

pt_status pt_process_store_result_latest(pt_db *db, int64_t process_id, pt_process_store_result_fn fn, void *ctx, bool *found,
	pt_error *err)
{
	pt_db_value p[1] = { PT_DB_INT_V(process_id) };
	result_cb r = { fn, ctx, false };
	pt_status s;

	s = pt_db_query(db, "SELECT result, digest, computed_at, final FROM participa_results WHERE process_id = ? "
		"ORDER BY computed_at DESC, id DESC LIMIT 1", p, 1, result_row_fn, &r, err);
	*found = r.found;
	return s;
}

typedef struct final_row {
	const pt_allocator *a;
	pt_value *v;
} final_row;

/* The stored JSON read back as json_decode($json, true) would; kept only when final and an array. */
static pt_status final_row_fn(void *vctx, const char *json, size_t len, const char *digest, const char *at,
	bool final, pt_error *err)
{
	final_row *r = vctx;
	pt_value *v, *m;
	pt_error bad;
	size_t i;

	(void)digest;
	if (!final) {
		return PT_OK;
	}
	if (pt_json_read(json, len, 64, r->a, &v, &bad) != PT_OK) {
		/* text json_decode would refuse too: counted again, as if none was stored */
		return bad.code == PT_ERR_NOMEM ? pt_error_set(err, PT_ERR_NOMEM, "out of memory") : PT_OK;
	}
	if (v->type == PT_VALUE_LIST) {
		/* a list with a key added is a map whose keys are the positions (PHP: [0 => ..., 'computed_at' => ...]) */
		m = pt_value_map(r->a);
		for (i = 0; m && i < v->u.c.count; i++) {
			char key[24];

			if (pt_value_set(m, key, (size_t)snprintf(key, sizeof(key), "%zu", i), v->u.c.items[i]) != PT_OK) {
				pt_value_free(m);
				m = NULL;
			}
			v->u.c.items[i] = NULL;
		}
		pt_value_free(v);
		v = m;
	} else if (v->type != PT_VALUE_MAP) {
		pt_value_free(v);
		return PT_OK;
	}
	if (!v || pt_value_setc(v, "computed_at", pt_value_cstr(r->a, at)) != PT_OK
		/* a result stored before schema 016 carries a digest of version 1 (docs/internals/recount-and-digest.md) */
		|| (pt_value_get(v, "digest") && !pt_value_get(v, "digest_version")
			&& pt_value_setc(v, "digest_version", pt_value_int(r->a, 1)) != PT_OK)) {
		pt_value_free(v);
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory");
	}
	r->v = v;
	return PT_OK;
}

pt_value *pt_process_store_result_final(pt_db *db, int64_t process_id, const pt_allocator *a, pt_error *err)
{
	final_row r = { a, NULL };
	bool found;

	if (pt_process_store_result_latest(db, process_id, final_row_fn, &r, &found, err) != PT_OK) {
		pt_value_free(r.v);
		return NULL;
	}
	return r.v;
}

/* ---- counting and export ------------------------------------------------------ */

pt_status pt_process_store_count(pt_db *db, const pt_config *cfg, int64_t process_id, const pt_process_def *def,
	const pt_allocator *a, pt_process_count *c, pt_error *err)
{
	/* io/process/process_reads.c: this worker's count while the box's version is unchanged, else every row */
	return pt_process_store_count_read(db, cfg, process_id, def, a, c, NULL, err);
}

pt_status pt_process_store_count_summary(pt_db *db, int64_t process_id, const pt_process_def *def,
	pt_process_count *c, bool final, bool keep, const pt_allocator *a, pt_value **summary, pt_error *err)
{
	pt_status s = PT_OK;

	if (!(*summary = pt_process_count_summary(c, final, a))) {
		s = pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	}
	if (s == PT_OK && keep) {
		/* its JSON: core/process/count.c */
		s = pt_process_store_result_summary(db, process_id, def->method->id, *summary, final, a, err);
	}
	if (s != PT_OK) {
		pt_value_free(*summary);
		*summary = NULL;
	}
	return s;
}

pt_status pt_process_store_export(pt_db *db, int64_t process_id, pt_process_export_format fmt, const pt_config *cfg,
	const pt_process_def *def, const pt_allocator *a, char **out, size_t *len, pt_error *err)
{
	return pt_process_store_export_pot(db, process_id, fmt, cfg, def, -1, a, out, len, err);
}

pt_status pt_process_store_export_pot(pt_db *db, int64_t process_id, pt_process_export_format fmt,
	const pt_config *cfg, const pt_process_def *def, int32_t pot, const pt_allocator *a, char **out, size_t *len,
	pt_error *err)
{
	pt_process_export e;
	pt_status s = pt_process_export_begin(&e, fmt, cfg, def, a, err);

	e.pot = pot;
	*out = NULL;
	*len = 0;
	if (s == PT_OK) {
		s = pt_process_store_ballots(db, process_id, pt_process_export_row, &e, err);
	}
	if (s == PT_OK) {
		s = pt_process_export_finish(&e, out, len, err);
	}
	pt_process_export_free(&e);
	return s;
}
