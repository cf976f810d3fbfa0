/*
 * participa core: a process's ballots, canonical text and digest lines. See ballot.h.
 */
#include "core/process/ballot.h"
#include "core/process/pots.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const stance_names[] = { "agree", "abstain", "disagree", "block" };

bool pt_process_is_budget(const pt_process_def *def)
{
	return pt_tally_method_needs(def->method, PT_TALLY_NEEDS_COSTS);
}

long pt_process_text_chars(const char *s, size_t len, bool newlines)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	long n = 0;

	while (p < end) {
		unsigned char c = *p;
		size_t k, need;
		uint32_t cp;

		if (c < 0x80) {
			if ((c < 0x20 && !(newlines && (c == '\n' || c == '\r' || c == '\t'))) || c == 0x7f) {
				return -1;
			}
			p++;
			n++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) { need = 1; cp = c & 0x1f; }
		else if (c >= 0xe0 && c <= 0xef) { need = 2; cp = c & 0x0f; }
		else if (c >= 0xf0 && c <= 0xf4) { need = 3; cp = c & 0x07; }
		else return -1;
		if ((size_t)(end - p) <= need) {
			return -1;
		}
		for (k = 1; k <= need; k++) {
			if ((p[k] & 0xc0) != 0x80) {
				return -1;
			}
			cp = (cp << 6) | (p[k] & 0x3f);
		}
		/* overlong, surrogates, beyond U+10FFFF */
		if ((need == 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) || (need == 3 && (cp < 0x10000 || cp > 0x10ffff))) {
			return -1;
		}
		p += need + 1;
		n++;
	}
	return n;
}

pt_status pt_process_profile_init(const pt_process_def *def, pt_profile *p, pt_tally_options *o,
	const pt_allocator *a, pt_error *err)
{
	size_t i;
	pt_status s;

	*o = def->tally;
	o->count_invalid = 0;
	s = pt_profile_init(p, def->method->kind, o, a, err);
	if (s != PT_OK) {
		return s;
	}
	if (def->method->kind != PT_BALLOT_STANCE) {
		for (i = 0; i < def->candidate_count; i++) {
			s = pt_profile_add_candidate(p, def->candidates[i].id, strlen(def->candidates[i].id), err);
			if (s != PT_OK) {
				pt_profile_free(p);
				return s;
			}
		}
		pt_profile_fix_candidates(p);
	}
	return PT_OK;
}

pt_status pt_process_ballot_weighted(pt_error *err)
{
	return pt_error_set(err, PT_ERR_INVALID, "Boleta inválida: una persona, un voto (no se aceptan pesos).");
}

pt_status pt_process_ballot_stance(pt_profile *p, const char *stance, size_t stance_len, const char *reason,
	size_t reason_len, pt_error *err)
{
	int st = stance ? pt_stance_parse(stance, stance_len) : -1;
	pt_status s;

	if (st < 0) {
		return pt_error_set(err, PT_ERR_INVALID,
			"Boleta inválida: postura desconocida (se espera agree, abstain, disagree o block).");
	}
	if (reason_len > PT_PROCESS_REASON_MAX) {
		return pt_error_set(err, PT_ERR_INVALID, "Boleta inválida: la razón es demasiado larga (máximo 4000 bytes).");
	}
	if (reason && pt_process_text_chars(reason, reason_len, true) < 0) {
		/* checked here, not refused by the server as an "incorrect string value" */
		return pt_error_set(err, PT_ERR_INVALID,
			"Boleta inválida: la razón debe ser texto UTF-8 válido, sin caracteres de control.");
	}
	s = pt_ballot_begin(p, 1, err);
	if (s == PT_OK) {
		s = pt_ballot_stance(p, (pt_stance)st, NULL, 0, reason, reason_len, NULL, 0, err);
	}
	if (s == PT_OK) {
		s = pt_ballot_end(p, err);
	}
	return s == PT_OK ? PT_OK : pt_process_ballot_refusal(err);
}

/* A stance ballot's array has no key but stance and reason (an empty array has none). */
static bool stance_keys_only(const pt_value *v)
{
	size_t i;

	if (v->type == PT_VALUE_LIST) {
		return v->u.c.count == 0;
	}
	for (i = 0; i < v->u.c.count; i++) {
		if (strcmp(v->u.c.keys[i], "stance") != 0 && strcmp(v->u.c.keys[i], "reason") != 0) {
			return false;
		}
	}
	return true;
}

/* 'agree', or ['stance' => ..., 'reason' => ...]; *reason then points into v. */
static pt_status stance_value(pt_profile *p, const pt_value *v, const char **reason, size_t *reason_len,
	pt_error *err)
{
	const pt_value *st = NULL, *r;

	if (v->type == PT_VALUE_STRING) {
		st = v;
	} else if (v->type == PT_VALUE_LIST || v->type == PT_VALUE_MAP) {
		if (!stance_keys_only(v)) {
			return pt_error_set(err, PT_ERR_INVALID, "Boleta inválida: se espera ['stance' => ..., 'reason' => ...].");
		}
		st = pt_value_get(v, "stance");
		r = pt_value_get(v, "reason");
		if (r && r->type == PT_VALUE_STRING && r->u.s.len > 0) {
			*reason = r->u.s.s;
			*reason_len = r->u.s.len;
		} else if (r && r->type != PT_VALUE_NULL && r->type != PT_VALUE_STRING) {
			return pt_error_set(err, PT_ERR_INVALID, "Boleta inválida: la razón debe ser un texto.");
		}
	}
	st = st && st->type == PT_VALUE_STRING ? st : NULL;
	return pt_process_ballot_stance(p, st ? st->u.s.s : NULL, st ? st->u.s.len : 0, *reason, *reason_len, err);
}

pt_status pt_process_ballot_value(const pt_process_def *def, const pt_value *v, const pt_allocator *a, pt_buf *out,
	const char **reason, size_t *reason_len, pt_error *err)
{
	pt_tally_options o;
	pt_profile p;
	pt_status s;

	*reason = NULL;
	*reason_len = 0;
	if (!v) {
		return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	}
	if ((s = pt_process_profile_init(def, &p, &o, a, err)) != PT_OK) {
		return s;
	}
	if (def->method->kind == PT_BALLOT_STANCE) {
		s = stance_value(&p, v, reason, reason_len, err);
	} else if (pt_value_get(v, "weight")) {
		s = pt_process_ballot_weighted(err);
	} else if ((s = pt_profile_add_value(&p, v, err)) != PT_OK) {
		/* the engine's shapes and messages (core/tally/ballot_shape.h), said of the one ballot */
		s = pt_process_ballot_refusal(err);
	}
	if (s == PT_OK) {
		s = pt_process_ballot_canonical(def, &p, out, err);
	}
	pt_profile_free(&p);
	return s;
}

pt_status pt_process_ballot_refusal(pt_error *err)
{
	char m[PT_ERROR_MESSAGE_MAX];
	const char *from = err->message;

	if (err->code != PT_ERR_INVALID) {
		return err->code;
	}
	/* the engine numbers ballots of a list ("boleta 0: ..."); here there is one */
	if (!strncmp(from, "boleta ", 7) && strstr(from, ": ")) {
		from = strstr(from, ": ") + 2;
	}
	snprintf(m, sizeof(m), "%s", from);
	pt_error_set(err, PT_ERR_INVALID, "Boleta inválida: %s", m);
	err->index = -1;   /* the engine's "ballot 0" is no item of the caller's */
	return PT_ERR_INVALID;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* options.over_budget: refuse (the default): the chosen projects must fit the budget */
static pt_status check_budget(const pt_process_def *def, const pt_profile *p, uint32_t a, uint32_t b, pt_error *err)
{
	int64_t total = 0;
	uint32_t i;

	for (i = a; i < b; i++) {
		int64_t cost = p->items[i] < def->candidate_count ? def->candidates[p->items[i]].cost : 0;

		if (__builtin_add_overflow(total, cost, &total)) {
			total = INT64_MAX;
			break;
		}
	}
	if (total > def->tally.pb_budget) {
		return pt_error_set(err, PT_ERR_INVALID, "Boleta inválida: los proyectos elegidos cuestan %lld en total y el "
			"presupuesto es de %lld.", (long long)total, (long long)def->tally.pb_budget);
	}
	return PT_OK;
}

pt_status pt_process_ballot_canonical(const pt_process_def *def, pt_profile *p, pt_buf *out, pt_error *err)
{
	size_t from = out->len;
	uint32_t i, a, b;
	char num[24];

	if (p->n != 1 || p->weights[0] != 1) {
		return pt_process_ballot_weighted(err);
	}
	a = p->start[0];
	b = p->start[1];
	if (p->kind == PT_BALLOT_APPROVAL && def->pot_count) {
		/* a budget split by district: one district (and the city-wide pot), each pot's budget */
		int32_t district;

		if (pt_process_pots_ballot(def, b > a ? p->items + a : NULL, b - a, &district, err) != PT_OK) {
			return err->code;
		}
	} else if (p->kind == PT_BALLOT_APPROVAL && pt_process_is_budget(def) && !def->allow_over_budget
		&& def->tally.pb_budget > 0 && check_budget(def, p, a, b, err) != PT_OK) {
		return err->code;
	}
	switch (p->kind) {
	case PT_BALLOT_RANKING:
		for (i = a; i < b; i++) {
			uint32_t e = p->items[i];

			if (i > a) {
				pt_buf_append(out, (e & PT_RANK_TIED) ? "=" : ">", 1);
			}
			pt_buf_puts(out, p->ids[PT_RANK_CAND(e)]);
		}
		break;
	case PT_BALLOT_APPROVAL:
		if (b > a) {   /* an empty ballot may have no items array at all */
			qsort(p->items + a, b - a, sizeof(uint32_t), cmp_u32);
		}
		for (i = a; i < b; i++) {
			if (i > a) {
				pt_buf_append(out, ",", 1);
			}
			pt_buf_puts(out, p->ids[p->items[i]]);
		}
		break;
	case PT_BALLOT_SCORE: {
		/* selection by candidate order: ballots are short */
		uint32_t c;
		bool first = true;

		for (c = 0; c < p->ncand; c++) {
			for (i = a; i < b; i++) {
				if (p->items[i] == c) {
					if (!first) {
						pt_buf_append(out, ",", 1);
					}
					first = false;
					pt_buf_puts(out, p->ids[c]);
					snprintf(num, sizeof(num), ":%lld", (long long)p->values[i]);
					pt_buf_puts(out, num);
					break;
				}
			}
		}
		break;
	}
	case PT_BALLOT_STANCE:
		pt_buf_puts(out, stance_names[p->stances[0].stance]);
		break;
	}
	if (out->failed) {
		return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	}
	if (out->len - from > PT_PROCESS_BALLOT_MAX) {
		return pt_error_set(err, PT_ERR_INVALID, "Boleta inválida: demasiado larga.");
	}
	return PT_OK;
}

/* An approval or score ballot: items separated by ',', a score after the item's last ':'. */
static pt_status add_items(pt_profile *p, const char *s, const char *end, pt_error *err)
{
	pt_status st;

	while (s < end) {
		const char *comma = memchr(s, ',', (size_t)(end - s));
		const char *item_end = comma ? comma : end;
		int64_t value = 0;
		const char *id_end = item_end;

		if (p->kind == PT_BALLOT_SCORE) {
			const char *colon = item_end;

			while (colon > s && colon[-1] != ':') {
				colon--;
			}
			if (colon > s) {
				char num[24];
				size_t n = (size_t)(item_end - colon);

				id_end = colon - 1;
				if (n > 0 && n < sizeof(num)) {
					memcpy(num, colon, n);
					num[n] = '\0';
					value = strtoll(num, NULL, 10);
				}
			}
		}
		if ((st = pt_ballot_item(p, s, (size_t)(id_end - s), 0, value, err)) != PT_OK) {
			return st;
		}
		s = comma ? comma + 1 : end;
	}
	return PT_OK;
}

pt_status pt_process_ballot_add_stored(pt_profile *p, const pt_process_ballot *b, pt_error *err)
{
	pt_status st;

	if (p->kind == PT_BALLOT_RANKING) {
		return pt_profile_add_ranking_str(p, 1, b->ballot, b->ballot_len, err);
	}
	if ((st = pt_ballot_begin(p, 1, err)) != PT_OK) {
		return st;
	}
	if (p->kind == PT_BALLOT_STANCE) {
		int stance = pt_stance_parse(b->ballot, b->ballot_len);

		if (stance < 0) {
			pt_ballot_reject(p, "postura almacenada desconocida");
		} else if ((st = pt_ballot_stance(p, (pt_stance)stance, b->role, b->role_len, b->reason, b->reason_len,
				b->voter, b->voter_len, err)) != PT_OK) {
			return st;
		}
	} else if ((st = add_items(p, b->ballot, b->ballot + b->ballot_len, err)) != PT_OK) {
		return st;
	}
	return pt_ballot_end(p, err);
}

/* A field of a digest line: '\' TAB LF CR escaped. */
static void digest_field(pt_buf *out, const char *s, size_t len)
{
	size_t i, from = 0;

	for (i = 0; i < len; i++) {
		const char *rep = NULL;

		switch (s[i]) {
		case '\\': rep = "\\\\"; break;
		case '\t': rep = "\\t"; break;
		case '\n': rep = "\\n"; break;
		case '\r': rep = "\\r"; break;
		default: continue;
		}
		pt_buf_append(out, s + from, i - from);
		pt_buf_append(out, rep, 2);
		from = i + 1;
	}
	pt_buf_append(out, s + from, len - from);
}

void pt_process_digest_line(pt_buf *out, const pt_process_ballot *b)
{
	pt_buf_append(out, b->receipt, b->receipt_len);
	pt_buf_append(out, "\t", 1);
	digest_field(out, b->ballot, b->ballot_len);
	pt_buf_append(out, "\t", 1);
	if (b->role) {
		digest_field(out, b->role, b->role_len);
	}
	pt_buf_append(out, "\t", 1);
	if (b->reason) {
		digest_field(out, b->reason, b->reason_len);
	}
	pt_buf_append(out, "\t", 1);
	if (b->voter) {
		digest_field(out, b->voter, b->voter_len);
	}
	pt_buf_append(out, "\n", 1);
}

void pt_process_digest_ballot(pt_sha256 *h, pt_buf *line, const pt_process_ballot *b)
{
	line->len = 0;
	pt_process_digest_line(line, b);
	pt_sha256_update(h, line->data ? line->data : "", line->len);
}

/* ---- digest version 2 (ballot.h) ----------------------------------------------------- */

int pt_process_segment_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t n = pt_process_segment_len(alen), m = pt_process_segment_len(blen);
	int c = memcmp(a, b, n < m ? n : m);

	return c ? c : (n > m) - (n < m);
}

bool pt_process_digest_begin(pt_process_digest *d, const pt_allocator *a)
{
	memset(d, 0, sizeof(*d));
	pt_buf_init(&d->line, a);
	d->all = pt_sha256_begin();
	d->failed = !d->all;
	return !d->failed;
}

bool pt_process_digest_in_segment(const pt_process_digest *d, const char *receipt, size_t len)
{
	return d->seg && pt_process_segment_cmp(d->segment, d->segment_len, receipt, len) == 0;
}

/* The line of a segment: segment TAB ballots TAB hex LF. */
static void segment_line(pt_process_digest *d, const char *segment, size_t len, int64_t ballots, const char *hex)
{
	char n[32];

	d->line.len = 0;
	digest_field(&d->line, segment, len);
	snprintf(n, sizeof(n), "\t%lld\t", (long long)ballots);
	pt_buf_puts(&d->line, n);
	pt_buf_puts(&d->line, hex);
	pt_buf_append(&d->line, "\n", 1);
	d->failed |= d->line.failed;
	if (d->all) {
		pt_sha256_update(d->all, d->line.data ? d->line.data : "", d->line.len);
	}
}

void pt_process_digest_close(pt_process_digest *d, char hex[PT_SHA256_HEX], int64_t *ballots)
{
	uint8_t bytes[PT_SHA256_BYTES];
	char h[PT_SHA256_HEX];

	if (hex) {
		hex[0] = '\0';
	}
	if (ballots) {
		*ballots = 0;
	}
	if (!d->seg) {
		return;
	}
	pt_sha256_finish(d->seg, bytes);
	d->seg = NULL;
	pt_sha256_hex(bytes, h);
	segment_line(d, d->segment, d->segment_len, d->seg_ballots, h);
	if (hex) {
		memcpy(hex, h, PT_SHA256_HEX);
	}
	if (ballots) {
		*ballots = d->seg_ballots;
	}
	d->seg_ballots = 0;
}

void pt_process_digest_add(pt_process_digest *d, const pt_process_ballot *b)
{
	if (!pt_process_digest_in_segment(d, b->receipt, b->receipt_len)) {
		pt_process_digest_close(d, NULL, NULL);
		d->segment_len = pt_process_segment_len(b->receipt_len);
		memcpy(d->segment, b->receipt, d->segment_len);
		d->seg_ballots = 0;
		if (!(d->seg = pt_sha256_begin())) {
			d->failed = true;
			return;
		}
	}
	pt_process_digest_ballot(d->seg, &d->line, b);
	d->failed |= d->line.failed;
	d->seg_ballots++;
}

void pt_process_digest_segment(pt_process_digest *d, const char *segment, size_t len, int64_t ballots,
	const char *hex)
{
	pt_process_digest_close(d, NULL, NULL);
	if (ballots > 0) {
		segment_line(d, segment, pt_process_segment_len(len), ballots, hex);
	}
}

void pt_process_digest_finish(pt_process_digest *d, char hex[PT_SHA256_HEX])
{
	uint8_t bytes[PT_SHA256_BYTES];

	pt_process_digest_close(d, NULL, NULL);
	hex[0] = '\0';
	if (d->all) {
		pt_sha256_finish(d->all, bytes);
		d->all = NULL;
		pt_sha256_hex(bytes, hex);
	}
}

void pt_process_digest_free(pt_process_digest *d)
{
	pt_sha256_abort(d->all);
	pt_sha256_abort(d->seg);
	d->all = d->seg = NULL;
	pt_buf_free(&d->line);
}
