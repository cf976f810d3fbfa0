/*
 * participa core: exports of a process's ballots. See export.h.
 */
#include "core/process/export.h"
#include "core/process/count.h"
#include "core/process/pots.h"
#include "core/common/csv.h"
#include "core/common/json_write.h"
#include "core/tally/pabulib.h"

#include <stdio.h>
#include <string.h>

#define ENCODING_TEXT "digest version 2: sha256 over lines segment\\tballots\\tsha256 of the segment's lines\\n, " \
	"one per segment (the receipts' first two characters) in segment order; a segment's lines are " \
	"receipt\\tballot\\trole\\treason\\tvoter\\n in receipt order; \\\\, tab, LF " \
	"and CR inside fields escaped as \\\\\\\\, \\\\t, \\\\n, \\\\r"

static pt_status json_failed(pt_error *err)
{
	return pt_error_set(err, PT_ERR_INTERNAL, "participa: the export could not be encoded as JSON");
}

static pt_status nomem(pt_error *err)
{
	return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
}

bool pt_process_export_format_parse(const char *name, size_t len, pt_process_export_format *out)
{
	static const char *const names[] = { "csv", "json", "pabulib" };
	size_t i;

	for (i = 0; i < 3; i++) {
		if (len == strlen(names[i]) && memcmp(name, names[i], len) == 0) {
			*out = (pt_process_export_format)i;
			return true;
		}
	}
	return false;
}

bool pt_process_export_format_check(const pt_process_def *def, const char *name, size_t len,
	pt_process_export_format *out, char *why, size_t why_size)
{
	if (!pt_process_export_format_parse(name, len, out)) {
		snprintf(why, why_size, "must be \"csv\", \"json\" or \"pabulib\"");
		return false;
	}
	if (*out == PT_EXPORT_PABULIB && def->method->kind != PT_BALLOT_APPROVAL) {
		snprintf(why, why_size, "\"pabulib\" exports approval ballots only (this process uses %s)", def->method->id);
		return false;
	}
	return true;
}

pt_status pt_process_export_begin(pt_process_export *e, pt_process_export_format fmt, const pt_config *cfg,
	const pt_process_def *def, const pt_allocator *a, pt_error *err)
{
	memset(e, 0, sizeof(*e));
	e->pot = -1;
	e->fmt = fmt;
	e->cfg = cfg;
	e->def = def;
	e->alloc = a;
	pt_buf_init(&e->out, a);
	if (!pt_process_digest_begin(&e->d, a)) {
		return nomem(err);
	}
	if (fmt == PT_EXPORT_CSV) {
		pt_buf_puts(&e->out, "receipt,ballot,role,reason,voter,channel\n");
	}
	return PT_OK;
}

static void csv_opt(pt_buf *out, const char *s, size_t len)
{
	pt_csv_field(out, s ? s : "", s ? len : 0, false);
}

static pt_status json_row(pt_process_export *e, const pt_process_ballot *b, pt_error *err)
{
	pt_buf *o = &e->out;
	pt_status s;

	pt_buf_puts(o, e->n > 1 ? ",{\"receipt\":" : "{\"receipt\":");
	s = pt_json_string(o, b->receipt, b->receipt_len, err);
	pt_buf_puts(o, ",\"ballot\":");
	if (s == PT_OK) s = pt_json_string(o, b->ballot, b->ballot_len, err);
	pt_buf_puts(o, ",\"role\":");
	if (s == PT_OK) s = pt_json_string_opt(o, b->role, b->role_len, err);
	pt_buf_puts(o, ",\"reason\":");
	if (s == PT_OK) s = pt_json_string_opt(o, b->reason, b->reason_len, err);
	pt_buf_puts(o, ",\"voter\":");
	if (s == PT_OK) s = pt_json_string_opt(o, b->voter, b->voter_len, err);
	pt_buf_puts(o, b->paper ? ",\"channel\":\"paper\"}" : ",\"channel\":\"web\"}");
	return s == PT_OK ? PT_OK : json_failed(err);
}

pt_status pt_process_export_pot(const pt_process_def *def, pt_process_export_format fmt, const char *id, size_t len,
	int32_t *pot, pt_error *err)
{
	if (fmt != PT_EXPORT_PABULIB) {
		return pt_error_set(err, PT_ERR_INVALID, "La opción 'pot' solo se aplica a la exportación pabulib.");
	}
	if ((*pot = pt_process_pot_find(def, id, len)) < 0) {
		return pt_error_set(err, PT_ERR_NOT_FOUND, "No existe la bolsa '%.*s' en este proceso.",
			(int)(len > 64 ? 64 : len), id);
	}
	return PT_OK;
}

/* A pot's part of a canonical approval text (its projects, in the text's order) into out; false if none. */
static bool pot_part(const pt_process_export *e, const pt_process_ballot *b, pt_buf *out)
{
	const char *s = b->ballot, *end = b->ballot + b->ballot_len;

	while (s < end) {
		const char *comma = memchr(s, ',', (size_t)(end - s));
		const char *x = comma ? comma : end;
		int32_t c = pt_process_candidate_find(e->def, s, (size_t)(x - s));

		if (c >= 0 && e->def->candidates[c].pot == e->pot) {
			if (out->len) {
				pt_buf_append(out, ",", 1);
			}
			pt_buf_append(out, s, (size_t)(x - s));
		}
		s = comma ? comma + 1 : end;
	}
	return out->len > 0;
}

static pt_status pabulib_row(pt_process_export *e, const pt_process_ballot *b, pt_error *err)
{
	size_t at = (size_t)e->nvotes * 2;
	pt_buf part;
	const char *ballot = b->ballot;
	size_t len = b->ballot_len;

	pt_buf_init(&part, e->alloc);
	if (e->pot >= 0) {
		if (!pot_part(e, b, &part) || part.failed) {
			bool failed = part.failed;

			pt_buf_free(&part);
			return failed ? nomem(err) : PT_OK;   /* else not a ballot of this pot */
		}
		ballot = part.data;
		len = part.len;
	}
	if (at + 2 > e->votes_cap) {
		size_t cap = e->votes_cap ? e->votes_cap * 2 : 64;
		char **v = pt_realloc(e->alloc, e->votes, cap * sizeof(char *));

		if (!v) {
			pt_buf_free(&part);
			return nomem(err);
		}
		memset(v + e->votes_cap, 0, (cap - e->votes_cap) * sizeof(char *));
		e->votes = v;
		e->votes_cap = cap;
	}
	e->votes[at] = pt_strndup(e->alloc, b->receipt, b->receipt_len);
	e->votes[at + 1] = pt_strndup(e->alloc, ballot, len);
	pt_buf_free(&part);
	e->nvotes++;
	return e->votes[at] && e->votes[at + 1] ? PT_OK : nomem(err);
}

pt_status pt_process_export_row(void *ctx, const pt_process_ballot *b, pt_error *err)
{
	pt_process_export *e = ctx;
	pt_status s = PT_OK;

	pt_process_digest_add(&e->d, b);
	e->n++;
	switch (e->fmt) {
	case PT_EXPORT_CSV:
		pt_csv_field(&e->out, b->receipt, b->receipt_len, true);
		csv_opt(&e->out, b->ballot, b->ballot_len);
		csv_opt(&e->out, b->role, b->role_len);
		csv_opt(&e->out, b->reason, b->reason_len);
		csv_opt(&e->out, b->voter, b->voter_len);
		pt_buf_puts(&e->out, b->paper ? ",paper\n" : ",web\n");
		break;
	case PT_EXPORT_JSON:
		s = json_row(e, b, err);
		break;
	case PT_EXPORT_PABULIB:
		s = pabulib_row(e, b, err);
		break;
	}
	if (s == PT_OK && (e->out.failed || e->d.failed)) {
		s = nomem(err);
	}
	return s;
}

static pt_status json_doc(pt_process_export *e, const char *hex, pt_buf *doc, pt_error *err)
{
	pt_value *opts = pt_process_options_value(e->def, e->alloc);
	pt_status s;

	if (!opts) {
		return nomem(err);
	}
	pt_buf_puts(doc, "{\"process\":");
	s = pt_json_string(doc, e->def->id, strlen(e->def->id), err);
	pt_buf_puts(doc, ",\"method\":");
	if (s == PT_OK) s = pt_json_string(doc, e->def->method->id, strlen(e->def->method->id), err);
	pt_buf_puts(doc, ",\"options\":");
	if (s == PT_OK) s = pt_json_value(doc, opts, 0, err);
	pt_value_free(opts);
	pt_buf_puts(doc, ",\"encoding\":");
	if (s == PT_OK) s = pt_json_string(doc, ENCODING_TEXT, strlen(ENCODING_TEXT), err);
	pt_buf_puts(doc, ",\"count\":");
	pt_json_int(doc, e->n);
	pt_buf_puts(doc, ",\"digest\":\"");
	pt_buf_puts(doc, hex);
	pt_buf_puts(doc, "\",\"digest_version\":2,\"ballots\":[");
	pt_buf_append(doc, e->out.data ? e->out.data : "", e->out.len);
	pt_buf_puts(doc, "]}");
	return s == PT_OK ? PT_OK : json_failed(err);
}

/* A Pabulib cell of ours is one line: a newline in a title or name becomes a space. */
static char *one_line(const pt_allocator *a, const char *s)
{
	char *c = pt_strndup(a, s, strlen(s)), *p;

	for (p = c; p && *p; p++) {
		if (*p == '\n') {
			*p = ' ';
		}
	}
	return c;
}

typedef struct cells {
	char **v;
	size_t n, cap;
	const pt_allocator *a;
	bool nomem;
} cells;

static void cell(cells *c, char *owned)
{
	if (!owned) {
		c->nomem = true;
		return;
	}
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 32;
		char **v = pt_realloc(c->a, c->v, cap * sizeof(char *));

		if (!v) {
			pt_free(c->a, owned);
			c->nomem = true;
			return;
		}
		c->v = v;
		c->cap = cap;
	}
	c->v[c->n++] = owned;
}

static char *num(const pt_allocator *a, long long v)
{
	char n[32];

	snprintf(n, sizeof(n), "%lld", v);
	return pt_strndup(a, n, strlen(n));
}

static void meta(cells *c, const char *key, char *owned_value)
{
	cell(c, pt_strndup(c->a, key, strlen(key)));
	cell(c, owned_value);
}

static pt_status pabulib_doc(pt_process_export *e, const char *hex, char **out, size_t *len, pt_error *err)
{
	static char *meta_cols[] = { "key", "value" }, *project_cols[] = { "project_id", "cost", "name" },
		*vote_cols[] = { "voter_id", "vote" };
	const pt_process_def *def = e->def;
	const pt_allocator *a = e->alloc;
	cells m = { NULL, 0, 0, a, false }, p = { NULL, 0, 0, a, false };
	pt_pabulib pb;
	pt_status s;
	size_t i;

	const pt_process_pot *pot = e->pot >= 0 ? &def->pots[e->pot] : NULL;
	size_t projects = 0;

	for (i = 0; i < def->candidate_count; i++) {
		projects += !pot || def->candidates[i].pot == e->pot;
	}
	meta(&m, "description", one_line(a, def->title ? def->title : def->id));
	meta(&m, "country", pt_strndup(a, "Mexico", 6));
	meta(&m, "unit", one_line(a, def->territory >= 0 ? e->cfg->territories.items[def->territory].name : "-"));
	if (pot && !pot->city) {
		meta(&m, "subunit", one_line(a, pot->name));   /* Pabulib's district of a city */
	}
	meta(&m, "instance", one_line(a, def->id));
	if (pot) {
		meta(&m, "pot", one_line(a, pot->id));
	}
	meta(&m, "num_projects", num(a, (long long)projects));
	meta(&m, "num_votes", num(a, (long long)e->nvotes));
	if (pot || def->tally.pb_budget > 0) {
		meta(&m, "budget", num(a, (long long)(pot ? pot->budget : def->tally.pb_budget)));
	}
	meta(&m, "vote_type", pt_strndup(a, "approval", 8));
	meta(&m, "rule", one_line(a, def->method->id));
	meta(&m, "digest_sha256", one_line(a, hex));
	meta(&m, "digest_version", num(a, PT_PROCESS_DIGEST_VERSION));
	for (i = 0; i < def->candidate_count; i++) {
		if (pot && def->candidates[i].pot != e->pot) {
			continue;
		}
		cell(&p, one_line(a, def->candidates[i].id));
		cell(&p, num(a, (long long)def->candidates[i].cost));
		cell(&p, one_line(a, def->candidates[i].name));
	}
	memset(&pb, 0, sizeof(pb));
	pb.meta = (pt_pabulib_table){ 2, meta_cols, m.n / 2, m.v, NULL, 0 };
	pb.projects = (pt_pabulib_table){ 3, project_cols, p.n / 3, p.v, NULL, 0 };
	pb.votes = (pt_pabulib_table){ 2, vote_cols, (size_t)e->nvotes, e->votes, NULL, 0 };
	pb.alloc = a;
	s = m.nomem || p.nomem ? nomem(err) : pt_pabulib_write(&pb, a, out, len, err);
	for (i = 0; i < m.n; i++) pt_free(a, m.v[i]);
	for (i = 0; i < p.n; i++) pt_free(a, p.v[i]);
	pt_free(a, m.v);
	pt_free(a, p.v);
	return s;
}

pt_status pt_process_export_finish(pt_process_export *e, char **out, size_t *len, pt_error *err)
{
	char hex[PT_SHA256_HEX];
	pt_buf doc;
	pt_status s = PT_OK;

	*out = NULL;
	*len = 0;
	pt_process_digest_finish(&e->d, hex);
	if (e->d.failed || !hex[0]) {
		return nomem(err);
	}
	if (e->fmt == PT_EXPORT_PABULIB) {
		return pabulib_doc(e, hex, out, len, err);
	}
	if (e->fmt == PT_EXPORT_CSV) {
		doc = e->out;
		pt_buf_init(&e->out, e->alloc);
	} else {
		pt_buf_init(&doc, e->alloc);
		s = json_doc(e, hex, &doc, err);
	}
	if (s == PT_OK && doc.failed) {
		s = nomem(err);
	}
	if (s != PT_OK) {
		pt_buf_free(&doc);
		return s;
	}
	if (!doc.data) {
		pt_buf_append(&doc, "", 0);
	}
	*out = doc.data;
	*len = doc.len;
	return PT_OK;
}

void pt_process_export_free(pt_process_export *e)
{
	size_t i;

	pt_process_digest_free(&e->d);
	for (i = 0; e->votes && i < e->votes_cap; i++) {
		pt_free(e->alloc, e->votes[i]);
	}
	pt_free(e->alloc, e->votes);
	e->votes = NULL;
	e->votes_cap = 0;
	pt_buf_free(&e->out);
}
