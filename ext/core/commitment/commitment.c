/*
 * participa core: commitment values, roll-up, traffic light, canonical
 * encodings and the history hash. See commitment.h.
 */
#include "core/commitment/commitment.h"
#include "core/common/digest.h"
#include "core/common/messages.h"
#include "core/common/pt_time.h"
#include "core/common/pt_id.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const pt_commitment_field_names[PT_CMF_COUNT] = {
	"id", "plan", "parent", "title", "description", "problem", "objective", "agency", "actors", "theme",
	"pillars", "territory", "start_date", "due_date", "budget", "weight", "status", "progress",
	"verification", "evidence", "milestones"
};

int pt_commitment_field_find(const char *name, size_t len)
{
	return pt_name_index(pt_commitment_field_names, PT_CMF_COUNT, name, len);
}

/* ---- dates -------------------------------------------------------------------- */

static int dig(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : -1;
}

bool pt_commitment_valid_date(const char *s, size_t len)
{
	return pt_time_parse_date(s, len, 1900, NULL);
}

int64_t pt_commitment_days(const char *s)
{
	int64_t days = 0;

	pt_time_parse_date(s, s ? strlen(s) : 0, 0, &days);
	return days;
}

/* ---- decimals ---------------------------------------------------------------------- */

bool pt_commitment_parse_decimal(const char *s, size_t len, unsigned scale, unsigned int_digits, bool negative_ok,
	int64_t *out)
{
	size_t i = 0, ints = 0, decs = 0;
	int64_t v = 0;
	bool neg = false;

	if (!s || len == 0) {
		return false;
	}
	if (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-';
		if (neg && !negative_ok) {
			return false;
		}
		i++;
	}
	for (; i < len && dig(s[i]) >= 0; i++) {
		if (ints == 0 && s[i] == '0' && i + 1 < len && dig(s[i + 1]) >= 0) {
			continue;   /* leading zeros do not count as digits */
		}
		if (++ints > int_digits) {
			return false;
		}
		v = v * 10 + dig(s[i]);
	}
	if (i == 0 || (i == 1 && (s[0] == '-' || s[0] == '+'))) {
		return false;
	}
	if (i < len) {
		if (s[i] != '.' || i + 1 == len) {
			return false;
		}
		for (i++; i < len; i++) {
			if (dig(s[i]) < 0 || ++decs > scale) {
				return false;
			}
			v = v * 10 + dig(s[i]);
		}
	}
	for (; decs < scale; decs++) {
		v *= 10;
	}
	*out = neg ? -v : v;
	return true;
}

void pt_commitment_decimal_text(int64_t v, unsigned scale, char out[32])
{
	uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v, p = 1;
	unsigned i;

	for (i = 0; i < scale; i++) {
		p *= 10;
	}
	if (scale == 0) {
		snprintf(out, 32, "%s%llu", v < 0 ? "-" : "", (unsigned long long)a);
	} else {
		snprintf(out, 32, "%s%llu.%0*llu", v < 0 ? "-" : "", (unsigned long long)(a / p), (int)scale,
			(unsigned long long)(a % p));
	}
}

bool pt_commitment_parse_progress(const char *s, size_t len, int32_t *bp)
{
	int64_t v;

	if (!pt_commitment_parse_decimal(s, len, 2, 3, false, &v) || v > 10000) {
		return false;
	}
	*bp = (int32_t)v;
	return true;
}

void pt_commitment_progress_text(int32_t bp, char out[8])
{
	if (bp < 0) {
		bp = 0;
	} else if (bp > 10000) {
		bp = 10000;
	}
	snprintf(out, 8, "%u.%02u", (unsigned)bp / 100u % 1000u, (unsigned)bp % 100u);
}

/* ---- canonical field values -------------------------------------------------------------- */

static bool is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* items separated by ';', trimmed, empty ones dropped, duplicates dropped, joined with sep. */
static pt_status canonical_list(const char *v, size_t len, const char *sep, bool ids, char *out, size_t size,
	const char *field, pt_error *err)
{
	size_t i = 0, used = 0, seplen = strlen(sep);

	out[0] = '\0';
	while (i <= len) {
		size_t start = i, end;

		while (i < len && v[i] != ';') {
			i++;
		}
		end = i;
		while (start < end && is_space(v[start])) {
			start++;
		}
		while (end > start && is_space(v[end - 1])) {
			end--;
		}
		if (end > start) {
			size_t n = end - start, k;
			bool dupl = false;
			const char *p = out;

			if (ids) {
				for (k = start; k < end; k++) {
					char c = v[k];

					if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == ':'
						|| c == '-')) {
						return pt_error_set(err, PT_ERR_INVALID, "%s: '%.*s' no es un identificador válido",
							field, (int)(n > 60 ? 60 : n), v + start);
					}
				}
			}
			/* duplicate? */
			while (*p) {
				const char *q = strstr(p, sep);
				size_t l = q ? (size_t)(q - p) : strlen(p);

				if (l == n && memcmp(p, v + start, n) == 0) {
					dupl = true;
					break;
				}
				p += l;
				if (q) {
					p += seplen;
				}
			}
			if (!dupl) {
				if (used + n + seplen + 1 > size) {
					return pt_error_set(err, PT_ERR_INVALID, "%s: demasiado largo", field);
				}
				if (used) {
					memcpy(out + used, sep, seplen);
					used += seplen;
				}
				memcpy(out + used, v + start, n);
				used += n;
				out[used] = '\0';
			}
		}
		i++;
	}
	return PT_OK;
}

static const struct {
	size_t max;   /* bytes */
} field_limits[PT_CMF_COUNT] = {
	[PT_CMF_ID] = { 64 }, [PT_CMF_PLAN] = { 64 }, [PT_CMF_PARENT] = { 64 }, [PT_CMF_TITLE] = { 500 },
	[PT_CMF_DESCRIPTION] = { 20000 }, [PT_CMF_PROBLEM] = { 20000 }, [PT_CMF_OBJECTIVE] = { 20000 },
	[PT_CMF_AGENCY] = { 64 }, [PT_CMF_ACTORS] = { 4000 }, [PT_CMF_THEME] = { 64 }, [PT_CMF_PILLARS] = { 1000 },
	[PT_CMF_TERRITORY] = { PT_ID_MAX }, [PT_CMF_START] = { 10 }, [PT_CMF_DUE] = { 10 }, [PT_CMF_BUDGET] = { 32 },
	[PT_CMF_WEIGHT] = { 32 }, [PT_CMF_STATUS] = { 64 }, [PT_CMF_PROGRESS] = { 8 },
	[PT_CMF_VERIFICATION] = { 20000 }, [PT_CMF_EVIDENCE] = { 1000000 }, [PT_CMF_MILESTONES] = { 1000000 },
};

pt_status pt_commitment_canonical(pt_commitment_field f, const char *v, size_t len, char *out, size_t size, pt_error *err)
{
	const char *name = (unsigned)f < PT_CMF_COUNT ? pt_commitment_field_names[f] : "?";
	int64_t x;
	int32_t bp;
	char buf[32];

	if ((unsigned)f >= PT_CMF_COUNT || size < len + 32) {
		return pt_error_set(err, PT_ERR_INTERNAL, "pt_commitment_canonical: bad field or buffer");
	}
	if (memchr(v, '\0', len)) {
		return pt_error_set(err, PT_ERR_INVALID, "%s: no debe contener el carácter NUL", name);
	}
	switch (f) {
	case PT_CMF_START:
	case PT_CMF_DUE:
		if (!pt_commitment_valid_date(v, len)) {
			return pt_error_set(err, PT_ERR_INVALID, "%s: se esperaba una fecha AAAA-MM-DD válida, se recibió '%.*s'",
				name, (int)(len > 40 ? 40 : len), v);
		}
		break;
	case PT_CMF_PROGRESS:
		if (!pt_commitment_parse_progress(v, len, &bp)) {
			return pt_error_set(err, PT_ERR_INVALID, "%s: se esperaba un porcentaje de 0 a 100 (hasta dos "
				"decimales), se recibió '%.*s'", name, (int)(len > 40 ? 40 : len), v);
		}
		pt_commitment_progress_text(bp, out);
		return PT_OK;
	case PT_CMF_BUDGET:
		if (!pt_commitment_parse_decimal(v, len, 2, 13, false, &x)) {
			return pt_error_set(err, PT_ERR_INVALID, "%s: se esperaba un monto en pesos (hasta 13 dígitos y dos "
				"decimales), se recibió '%.*s'", name, (int)(len > 40 ? 40 : len), v);
		}
		pt_commitment_decimal_text(x, 2, buf);
		memcpy(out, buf, strlen(buf) + 1);
		return PT_OK;
	case PT_CMF_WEIGHT:
		if (!pt_commitment_parse_decimal(v, len, 3, 6, false, &x) || x <= 0) {
			return pt_error_set(err, PT_ERR_INVALID, "%s: se esperaba un número mayor que 0 (hasta tres "
				"decimales), se recibió '%.*s'", name, (int)(len > 40 ? 40 : len), v);
		}
		pt_commitment_decimal_text(x, 3, buf);
		memcpy(out, buf, strlen(buf) + 1);
		return PT_OK;
	case PT_CMF_PILLARS:
		return canonical_list(v, len, ";", true, out, size, name, err);
	case PT_CMF_ACTORS:
		return canonical_list(v, len, "; ", false, out, size, name, err);
	default:
		break;
	}
	if (len > field_limits[f].max) {
		return pt_error_set(err, PT_ERR_INVALID, "%s: admite como máximo %zu bytes", name, field_limits[f].max);
	}
	memcpy(out, v, len);
	out[len] = '\0';
	return PT_OK;
}

/* ---- roll-up, light, completion ------------------------------------------------------------ */

int32_t pt_commitment_rollup(const int32_t *progress_bp, const int64_t *weight_milli, size_t n)
{
	/* Inputs are clamped to what the columns hold (progress 0..10000 bp,
	 * weight up to DECIMAL(9,3) = 999999999 milli): a product is below
	 * 10^13, so 128-bit sums cannot overflow for any n that fits in memory
	 * (64-bit ones would after ~900,000 heavy children). */
#ifdef __SIZEOF_INT128__
	__int128 num_sum = 0, den = 0;
#else
	long double num_sum = 0, den = 0;
#endif
	size_t i;

	for (i = 0; i < n; i++) {
		int64_t w = weight_milli && weight_milli[i] > 0 ? weight_milli[i] : 1000;
		int32_t p = progress_bp[i] < 0 ? 0 : progress_bp[i] > 10000 ? 10000 : progress_bp[i];

		if (w > 999999999) {
			w = 999999999;
		}
		num_sum += (int64_t)w * p;
		den += w;
	}
	if (den == 0) {
		return 0;
	}
#ifdef __SIZEOF_INT128__
	return (int32_t)((2 * num_sum + den) / (2 * den));
#else
	return (int32_t)floorl((2 * num_sum + den) / (2 * den));
#endif
}

const char *pt_commitment_light_name(pt_commitment_light l)
{
	switch (l) {
	case PT_COMMITMENT_LIGHT_ON_TRACK: return "on_track";
	case PT_COMMITMENT_LIGHT_AT_RISK: return "at_risk";
	case PT_COMMITMENT_LIGHT_LATE: return "late";
	case PT_COMMITMENT_LIGHT_DONE: return "done";
	case PT_COMMITMENT_LIGHT_CLOSED: return "closed";
	default: return "unscheduled";
	}
}

/* The words a resident reads for a light, Spanish in the catalog (its English there too). */
const char *pt_commitment_light_label(pt_commitment_light l, bool english)
{
	const char *es, *en;

	switch (l) {
	case PT_COMMITMENT_LIGHT_ON_TRACK: es = "En tiempo"; break;
	case PT_COMMITMENT_LIGHT_AT_RISK: es = "En riesgo"; break;
	case PT_COMMITMENT_LIGHT_LATE: es = "Con retraso"; break;
	case PT_COMMITMENT_LIGHT_DONE: es = "Cumplido"; break;
	case PT_COMMITMENT_LIGHT_CLOSED: es = "Cerrado"; break;
	default: es = "Sin fecha de término"; break;
	}
	return english && (en = pt_msg_english(es)) != NULL ? en : es;
}

pt_commitment_light pt_commitment_traffic_light(const char *start, const char *due, const char *today, int32_t progress_bp,
	bool closed, int32_t behind_bp, uint32_t grace_days)
{
	int64_t t, d, s;

	if (progress_bp >= 10000) {
		return PT_COMMITMENT_LIGHT_DONE;
	}
	if (closed) {
		return PT_COMMITMENT_LIGHT_CLOSED;
	}
	if (!due || !today || !pt_commitment_valid_date(due, strlen(due)) || !pt_commitment_valid_date(today, strlen(today))) {
		return PT_COMMITMENT_LIGHT_UNSCHEDULED;
	}
	t = pt_commitment_days(today);
	d = pt_commitment_days(due);
	if (t > d + (int64_t)grace_days) {
		return PT_COMMITMENT_LIGHT_LATE;
	}
	if (t > d) {
		return PT_COMMITMENT_LIGHT_AT_RISK;   /* past due, within the grace period */
	}
	if (start && pt_commitment_valid_date(start, strlen(start))) {
		s = pt_commitment_days(start);
		if (d > s && t > s) {
			int64_t expected = (t - s) * 10000 / (d - s);

			if (expected - progress_bp > behind_bp) {
				return PT_COMMITMENT_LIGHT_AT_RISK;
			}
		}
	}
	return PT_COMMITMENT_LIGHT_ON_TRACK;
}

int32_t pt_commitment_completion(const pt_commitments_config *c, int32_t progress_bp, bool has_evidence)
{
	int32_t best = -1;
	size_t i;

	if (!c) {
		return -1;
	}
	if (!has_evidence) {
		for (i = 0; i < c->level_count; i++) {
			if (c->levels[i].no_evidence) {
				return (int32_t)i;
			}
		}
	}
	for (i = 0; i < c->level_count; i++) {
		if (!c->levels[i].no_evidence && c->levels[i].from_bp <= progress_bp) {
			best = (int32_t)i;
		}
	}
	return best;
}

/* ---- canonical lists ------------------------------------------------------------------------ */

const char *const pt_commitment_evidence_keys[PT_COMMITMENT_EVIDENCE_KEYS + 1] = {
	"url", "reference", "description", "date", "added_by", NULL
};
const char *const pt_commitment_milestone_keys[PT_COMMITMENT_MILESTONE_KEYS + 1] = { "title", "due", "done", NULL };

void pt_commitment_evidence_texts(const pt_commitment_evidence *e, const char *out[PT_COMMITMENT_EVIDENCE_KEYS])
{
	out[0] = e->url;
	out[1] = e->reference;
	out[2] = e->description;
	out[3] = e->date;
	out[4] = e->added_by;
}

/* {"key":text,... of n texts, the object left open. */
static void json_texts(pt_buf *b, bool first, const char *const *keys, const char *const *texts, size_t n)
{
	size_t k;

	pt_buf_puts(b, first ? "{" : ",{");
	for (k = 0; k < n; k++) {
		pt_buf_puts(b, k ? ",\"" : "\"");
		pt_buf_puts(b, keys[k]);
		pt_buf_puts(b, "\":");
		pt_buf_json_opt(b, texts[k]);
	}
}

void pt_commitment_evidence_json(pt_buf *b, const pt_commitment_evidence *items, size_t n)
{
	const char *texts[PT_COMMITMENT_EVIDENCE_KEYS];
	size_t i;

	pt_buf_puts(b, "[");
	for (i = 0; i < n; i++) {
		pt_commitment_evidence_texts(&items[i], texts);
		json_texts(b, i == 0, pt_commitment_evidence_keys, texts, PT_COMMITMENT_EVIDENCE_KEYS);
		pt_buf_puts(b, "}");
	}
	pt_buf_puts(b, "]");
}

void pt_commitment_milestones_json(pt_buf *b, const pt_commitment_milestone *items, size_t n)
{
	size_t i;

	pt_buf_puts(b, "[");
	for (i = 0; i < n; i++) {
		const char *texts[2] = { items[i].title, items[i].due };

		json_texts(b, i == 0, pt_commitment_milestone_keys, texts, 2);
		pt_buf_puts(b, items[i].done ? ",\"done\":true}" : ",\"done\":false}");
	}
	pt_buf_puts(b, "]");
}

/* ---- history ---------------------------------------------------------------------------------- */

static bool same(const char *a, const char *b)
{
	if (!a || !b) {
		return a == b;
	}
	return strcmp(a, b) == 0;
}

size_t pt_commitment_diff(const pt_commitment_record *old, const pt_commitment_record *nw, pt_buf *out)
{
	size_t changed = 0;
	int f;

	pt_buf_puts(out, "{");
	for (f = 0; f < PT_CMF_COUNT; f++) {
		const char *a = old ? old->v[f] : NULL, *b = nw->v[f];

		if (same(a, b)) {
			continue;
		}
		if (changed++) {
			pt_buf_puts(out, ",");
		}
		pt_buf_json_string(out, pt_commitment_field_names[f], strlen(pt_commitment_field_names[f]));
		pt_buf_puts(out, ":[");
		pt_buf_json_opt(out, a);
		pt_buf_puts(out, ",");
		pt_buf_json_opt(out, b);
		pt_buf_puts(out, "]");
	}
	pt_buf_puts(out, "}");
	return changed;
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10
		: -1;
}

/* A JSON string or null at json[*pos]: unescaped into out (reset first); *is_null. */
static bool read_value(const char *json, size_t len, size_t *pos, pt_buf *out, bool *is_null)
{
	size_t p = *pos;

	out->len = 0;
	if (out->data) {
		out->data[0] = '\0';
	}
	if (len - p >= 4 && memcmp(json + p, "null", 4) == 0) {
		*is_null = true;
		*pos = p + 4;
		return true;
	}
	*is_null = false;
	if (p >= len || json[p] != '"') {
		return false;
	}
	for (p++; p < len && json[p] != '"'; p++) {
		if ((unsigned char)json[p] < 0x20) {
			return false;
		}
		if (json[p] != '\\') {
			pt_buf_append(out, json + p, 1);
			continue;
		}
		if (++p >= len) {
			return false;
		}
		if (json[p] == '"' || json[p] == '\\') {
			pt_buf_append(out, json + p, 1);
		} else if (json[p] == 'u' && len - p > 4 && json[p + 1] == '0' && json[p + 2] == '0' && hexval(json[p + 3]) >= 0
			&& hexval(json[p + 4]) >= 0) {
			char c = (char)(hexval(json[p + 3]) * 16 + hexval(json[p + 4]));

			pt_buf_append(out, &c, 1);
			p += 4;
		} else {
			return false;
		}
	}
	if (p >= len) {
		return false;
	}
	pt_buf_append(out, "", 0);   /* NUL-terminated even when empty */
	*pos = p + 1;
	return !out->failed;
}

pt_status pt_commitment_changes_parse(const char *json, size_t len, pt_commitment_change_fn fn, void *ctx, const pt_allocator *a,
	pt_error *err)
{
	pt_buf name, old, nw;
	size_t p = 0;
	bool first = true, ok = false, null_name, old_null, nw_null;
	pt_status s = PT_OK;

	pt_buf_init(&name, a);
	pt_buf_init(&old, a);
	pt_buf_init(&nw, a);
	if (!json || len < 2 || json[0] != '{') {
		goto done;
	}
	for (p = 1; p < len;) {
		int f;

		if (json[p] == '}') {
			ok = p + 1 == len;
			break;
		}
		if (!first) {
			if (json[p] != ',') {
				break;
			}
			p++;
		}
		first = false;
		if (!read_value(json, len, &p, &name, &null_name) || null_name || p >= len || json[p] != ':') {
			break;
		}
		f = pt_commitment_field_find(name.data, name.len);
		if (f < 0 || ++p >= len || json[p] != '[') {
			break;
		}
		p++;
		if (!read_value(json, len, &p, &old, &old_null) || p >= len || json[p] != ',') {
			break;
		}
		p++;
		if (!read_value(json, len, &p, &nw, &nw_null) || p >= len || json[p] != ']') {
			break;
		}
		p++;
		s = fn(ctx, (pt_commitment_field)f, old_null ? NULL : old.data ? old.data : "", old.len, nw_null ? NULL
			: nw.data ? nw.data : "", nw.len, err);
		if (s != PT_OK) {
			ok = true;   /* the callback's own error */
			break;
		}
	}
done:
	pt_buf_free(&name);
	pt_buf_free(&old);
	pt_buf_free(&nw);
	if (s != PT_OK) {
		return s;
	}
	return ok ? PT_OK : pt_error_set(err, PT_ERR_INVALID, "los cambios del evento no están en la forma canónica");
}

static pt_value *opt_text(const pt_allocator *a, const char *s, size_t len)
{
	return s ? pt_value_string(a, s, len) : pt_value_null(a);
}

static pt_status change_into(void *ctx, pt_commitment_field f, const char *old, size_t old_len, const char *nw,
	size_t nw_len, pt_error *err)
{
	pt_value *m = ctx, *pair = pt_value_list(m->alloc);

	if (pt_value_push(pair, opt_text(m->alloc, old, old_len)) != PT_OK
		|| pt_value_push(pair, opt_text(m->alloc, nw, nw_len)) != PT_OK) {
		pt_value_free(pair);
		pair = NULL;
	}
	return pt_value_setc(m, pt_commitment_field_names[f], pair) == PT_OK ? PT_OK
		: pt_error_set(err, PT_ERR_NOMEM, "out of memory");
}

pt_value *pt_commitment_changes_value(const char *json, const pt_allocator *a)
{
	pt_value *m = json ? pt_value_map(a) : pt_value_null(a);
	pt_error err;
	pt_status s;

	if (!m || !json) {
		return m;
	}
	pt_error_clear(&err);
	s = pt_commitment_changes_parse(json, strlen(json), change_into, m, a, &err);
	if (s != PT_OK) {
		pt_value_free(m);
		return s == PT_ERR_NOMEM ? NULL : pt_value_null(a);
	}
	return m;
}

static void enc_field(pt_buf *out, const char *name, const char *v)
{
	char len[32];
	size_t n = v ? strlen(v) : 0;

	snprintf(len, sizeof(len), ":%zu:", n);
	pt_buf_puts(out, name);
	pt_buf_puts(out, len);
	pt_buf_append(out, v ? v : "", n);
	pt_buf_puts(out, "\n");
}

void pt_commitment_event_encode(const pt_commitment_event *e, const char *prev, pt_buf *out)
{
	char seq[40];

	pt_buf_puts(out, "participa-history-1\n");
	snprintf(seq, sizeof(seq), "seq:%lld\n", (long long)e->seq);
	pt_buf_puts(out, seq);
	enc_field(out, "commitment", e->commitment);
	enc_field(out, "action", e->action);
	enc_field(out, "actor", e->actor);
	enc_field(out, "at", e->at);
	enc_field(out, "changes", e->changes);
	enc_field(out, "note", e->note);
	pt_buf_puts(out, "prev:");
	pt_buf_append(out, prev ? prev : PT_COMMITMENT_GENESIS, prev ? strlen(prev) : 64);
	pt_buf_puts(out, "\n");
}

pt_status pt_commitment_event_hash(const pt_commitment_event *e, const char *prev, char hash_out[65], pt_error *err)
{
	pt_buf b;
	uint8_t digest[PT_SHA256_BYTES];
	pt_status s;

	pt_buf_init(&b, NULL);
	pt_commitment_event_encode(e, prev, &b);
	if (b.failed) {
		pt_buf_free(&b);
		return pt_error_set(err, PT_ERR_NOMEM, "out of memory encoding a history event");
	}
	s = pt_sha256_once(b.data, b.len, digest, err);
	pt_buf_free(&b);
	if (s == PT_OK) {
		pt_sha256_hex(digest, hash_out);
	}
	return s;
}

double pt_commitment_percent(int64_t part, int64_t total)
{
	int64_t hundredths;

	if (total <= 0) {
		return 0.0;
	}
	hundredths = (part * 20000 + total) / (2 * total);   /* half-up to 0.01 % */
	return (double)hundredths / 100.0;
}
