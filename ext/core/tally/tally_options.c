/*
 * participa core: the tally option table and the PHP API's option checks.
 * See tally_options.h.
 */
#include "core/tally/tally_options.h"
#include "core/tally/pb.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const w_quota[] = { "droop", "hare", NULL };
static const char *const w_transfer[] = { "wigm", "meek", NULL };
static const char *const w_invalid[] = { "error", "count", NULL };
static const char *const w_aggregate[] = { "total", "mean", NULL };
static const char *const w_base[] = { "cast", "present", "eligible", NULL };
static const char *const w_completion[] = { "none", "add1", "add1u", NULL };
static const char *const w_start[] = { "floor", "exact", NULL };
static const char *const w_over_budget[] = { "refuse", "allow", NULL };

#define RANKED "plurality borda irv stv schulze ranked_pairs copeland"
#define PB "pb_greedy pb_equal_shares"
#define BOTH (PT_TOPT_YAML | PT_TOPT_API)
#define MAXC PT_TALLY_MAX_CANDIDATES

const pt_tally_option pt_tally_option_table[] = {
	/* name, id, type, lo, hi, api_lo, api_hi, words, methods, where, default */
	{ "seats", PT_TOPT_SEATS, PT_TOPT_INT, 1, MAXC, 0, 0, NULL, RANKED " approval score majority_judgment", BOTH, 0 },
	{ "quota", PT_TOPT_QUOTA, PT_TOPT_ENUM, 0, 0, 0, 0, w_quota, "stv", BOTH, PT_QUOTA_DROOP },
	{ "transfer", PT_TOPT_TRANSFER, PT_TOPT_ENUM, 0, 0, 0, 0, w_transfer, "stv", BOTH, PT_TRANSFER_WIGM },
	{ "min", PT_TOPT_MIN, PT_TOPT_INT, -PT_TALLY_MAX_SCORE, PT_TALLY_MAX_SCORE, 0, 0, NULL,
		"score majority_judgment", BOTH, 0 },
	{ "max", PT_TOPT_MAX, PT_TOPT_INT, -PT_TALLY_MAX_SCORE, PT_TALLY_MAX_SCORE, 0, 0, NULL,
		"score majority_judgment", BOTH, 10 },
	{ "min_choices", PT_TOPT_MIN_CHOICES, PT_TOPT_INT, 0, MAXC, 0, UINT32_MAX, NULL, "approval", BOTH, 0 },
	{ "max_choices", PT_TOPT_MAX_CHOICES, PT_TOPT_INT, 0, MAXC, 0, UINT32_MAX, NULL, "approval", BOTH, 0 },
	{ "seed", PT_TOPT_SEED, PT_TOPT_INT, 0, INT64_MAX, INT64_MIN, INT64_MAX, NULL, NULL, BOTH, 0 },
	{ "invalid", PT_TOPT_INVALID, PT_TOPT_ENUM, 0, 0, 0, 0, w_invalid, NULL, PT_TOPT_API, 0 },
	{ "aggregate", PT_TOPT_AGGREGATE, PT_TOPT_ENUM, 0, 0, 0, 0, w_aggregate, "score", BOTH, PT_AGGREGATE_TOTAL },
	{ "threshold", PT_TOPT_THRESHOLD_ID, PT_TOPT_THRESHOLD, 0, 0, 0, 0, NULL, "majority consensus", BOTH,
		PT_THRESHOLD_SIMPLE },
	{ "base", PT_TOPT_BASE, PT_TOPT_ENUM, 0, 0, 0, 0, w_base, "majority", BOTH, PT_BASE_CAST },
	{ "quorum", PT_TOPT_QUORUM, PT_TOPT_FRACTION, 0, 0, 0, 0, NULL, "majority consensus", PT_TOPT_API, 0 },
	{ "eligible", PT_TOPT_ELIGIBLE, PT_TOPT_INT, 0, PT_TALLY_MAX_TOTAL_WEIGHT, 0, 0, NULL, "majority consensus",
		PT_TOPT_API, -1 },
	{ "voice_only_roles", PT_TOPT_VOICE_ONLY_ROLES, PT_TOPT_LIST, 0, 0, 0, 0, NULL, "consensus", PT_TOPT_API, 0 },
	{ "block_requires_reason", PT_TOPT_BLOCK_REQUIRES_REASON, PT_TOPT_BOOL, 0, 0, 0, 0, NULL, "consensus", BOTH, 0 },
	{ "budget", PT_TOPT_BUDGET, PT_TOPT_MONEY, 0, 0, 0, 0, NULL, PB, BOTH, 0 },
	{ "min_length", PT_TOPT_MIN_LENGTH, PT_TOPT_INT, 0, MAXC, 0, UINT32_MAX, NULL, PB, BOTH, 0 },
	{ "max_length", PT_TOPT_MAX_LENGTH, PT_TOPT_INT, 0, MAXC, 0, UINT32_MAX, NULL, PB, BOTH, 0 },
	{ "skip", PT_TOPT_SKIP, PT_TOPT_BOOL, 0, 0, 0, 0, NULL, "pb_greedy", BOTH, 1 },
	{ "min_approvals", PT_TOPT_MIN_APPROVALS, PT_TOPT_INT, 0, INT64_MAX, 0, 0, NULL, "pb_greedy", BOTH, 0 },
	{ "pb_threshold", PT_TOPT_MIN_APPROVALS, PT_TOPT_INT, 0, INT64_MAX, 0, 0, NULL, "pb_greedy", PT_TOPT_API, 0 },
	{ "completion", PT_TOPT_COMPLETION, PT_TOPT_ENUM, 0, 0, 0, 0, w_completion, "pb_equal_shares", BOTH,
		PT_PB_COMPLETION_ADD1 },
	{ "increment", PT_TOPT_INCREMENT, PT_TOPT_INT, 1, INT64_MAX, 0, 0, NULL, "pb_equal_shares", BOTH, 1 },
	{ "start", PT_TOPT_START, PT_TOPT_ENUM, 0, 0, 0, 0, w_start, "pb_equal_shares", BOTH, PT_PB_START_FLOOR },
	{ "stop_when_exhaustive", PT_TOPT_STOP_WHEN_EXHAUSTIVE, PT_TOPT_BOOL, 0, 0, 0, 0, NULL, "pb_equal_shares", BOTH,
		1 },
	{ "over_budget", PT_TOPT_OVER_BUDGET, PT_TOPT_ENUM, 0, 0, 0, 0, w_over_budget, PB, PT_TOPT_YAML, 0 },
	{ "candidates", PT_TOPT_CANDIDATES, PT_TOPT_LIST, 0, 0, 0, 0, NULL, NULL, PT_TOPT_API, 0 },
	{ "projects", PT_TOPT_PROJECTS, PT_TOPT_LIST, 0, 0, 0, 0, NULL, PB, PT_TOPT_API, 0 },
	{ NULL, 0, 0, 0, 0, 0, 0, NULL, NULL, 0, 0 }
};

const pt_tally_option *pt_tally_option_find(const char *name, size_t len, unsigned where)
{
	const pt_tally_option *d;

	for (d = pt_tally_option_table; d->name; d++) {
		if ((d->where & where) && strlen(d->name) == len && memcmp(d->name, name, len) == 0) {
			return d;
		}
	}
	return NULL;
}

bool pt_tally_option_applies(const pt_tally_option *d, const pt_tally_method *m)
{
	const char *p = d->methods;
	size_t n;

	if (!p || !m) {
		return true;
	}
	n = strlen(m->id);
	while (*p) {
		const char *e = strchr(p, ' ');
		size_t len = e ? (size_t)(e - p) : strlen(p);

		if (len == n && memcmp(p, m->id, n) == 0) {
			return true;
		}
		p += len;
		while (*p == ' ') {
			p++;
		}
	}
	return false;
}

bool pt_tally_method_takes(const pt_tally_method *m, const char *name)
{
	const pt_tally_option *d = pt_tally_option_find(name, strlen(name), PT_TOPT_YAML | PT_TOPT_API);

	return d && pt_tally_option_applies(d, m);
}

void pt_tally_option_store(pt_tally_options *o, const pt_tally_option *d, int64_t v)
{
	switch (d->id) {
	case PT_TOPT_SEATS: o->seats = (uint32_t)v; break;
	case PT_TOPT_QUOTA: o->quota = (pt_quota)v; break;
	case PT_TOPT_TRANSFER: o->transfer = (pt_transfer)v; break;
	case PT_TOPT_MIN: o->min = v; o->has_min = 1; break;
	case PT_TOPT_MAX: o->max = v; o->has_max = 1; break;
	case PT_TOPT_MIN_CHOICES: o->min_choices = (uint32_t)v; break;
	case PT_TOPT_MAX_CHOICES: o->max_choices = (uint32_t)v; break;
	case PT_TOPT_SEED: o->seed = (uint64_t)v; o->has_seed = 1; break;
	case PT_TOPT_INVALID: o->count_invalid = v == 1; break;
	case PT_TOPT_AGGREGATE: o->aggregate = (pt_aggregate)v; break;
	case PT_TOPT_THRESHOLD_ID: o->threshold_kind = (pt_threshold_kind)v; break;
	case PT_TOPT_BASE: o->base = (pt_base_kind)v; break;
	case PT_TOPT_ELIGIBLE: o->eligible = v; break;
	case PT_TOPT_BLOCK_REQUIRES_REASON: o->block_requires_reason = v != 0; break;
	case PT_TOPT_BUDGET: o->pb_budget = v; break;
	case PT_TOPT_MIN_LENGTH: o->pb_min_length = (uint32_t)v; break;
	case PT_TOPT_MAX_LENGTH: o->pb_max_length = (uint32_t)v; break;
	case PT_TOPT_SKIP: o->pb_skip = v != 0; break;
	case PT_TOPT_MIN_APPROVALS: o->pb_threshold = v; break;
	case PT_TOPT_COMPLETION: o->pb_completion = (int)v; break;
	case PT_TOPT_INCREMENT: o->pb_increment = v; break;
	case PT_TOPT_START: o->pb_start = (int)v; break;
	case PT_TOPT_STOP_WHEN_EXHAUSTIVE: o->pb_stop_when_exhaustive = v != 0; break;
	default: break;   /* quorum: a fraction; lists and over_budget: not fields of o */
	}
}

/* n decimal digits (1..9) as an unsigned. */
static bool digits(const char *s, size_t n, int64_t *out)
{
	int64_t v = 0;
	size_t i;

	if (n == 0 || n > 9) {
		return false;
	}
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9') {
			return false;
		}
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

bool pt_tally_fraction_text(const char *s, size_t len, bool unit, int64_t *num, int64_t *den)
{
	const char *slash;
	int64_t a = 0, b = 1;
	size_t i;

	if (len == 0 || len > 24) {
		return false;
	}
	slash = memchr(s, '/', len);
	if (slash) {
		size_t la = (size_t)(slash - s);

		if (!digits(s, la, &a) || !digits(slash + 1, len - la - 1, &b) || b == 0) {
			return false;
		}
	} else if (s[len - 1] == '%') {
		if (len < 2 || len > 4 || !digits(s, len - 1, &a)) {
			return false;
		}
		b = 100;
	} else {
		bool dot = false;

		for (i = 0; i < len; i++) {
			if (s[i] == '.' && !dot) {
				dot = true;
			} else if (s[i] >= '0' && s[i] <= '9' && a < INT64_MAX / 100 && b < INT64_MAX / 100) {
				/* 24 digits would overflow: such a text is no fraction */
				a = a * 10 + (s[i] - '0');
				if (dot) {
					b *= 10;
				}
			} else {
				return false;
			}
		}
	}
	if (unit && (a <= 0 || a > b)) {
		return false;
	}
	*num = a;
	*den = b;
	return true;
}

/* ---- the PHP API ------------------------------------------------------------------ */

static pt_tally_arg_fault fault(pt_error *err, pt_tally_arg_fault f, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static pt_tally_arg_fault fault(pt_error *err, pt_tally_arg_fault f, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pt_error_vset(err, PT_ERR_INVALID, fmt, ap);
	va_end(ap);
	return f;
}

/* The API's fraction: 'p/q', exact decimal text '0.5', the int 1, or a float (read to 6
 * decimals). 0 is refused: a threshold of 0 would approve a motion everyone voted against,
 * and one above 1 could never pass. */
static pt_tally_arg_fault fraction_arg(const char *name, const pt_tally_arg *v, int64_t *num, int64_t *den,
	pt_error *err)
{
	if (v->kind == PT_TARG_INT) {
		*num = v->i;
		*den = 1;
	} else if (v->kind == PT_TARG_FLOAT) {
		if (!(v->d > 0 && v->d <= 1)) {   /* also NaN */
			goto range;
		}
		*num = (int64_t)(v->d * 1000000.0 + 0.5);
		*den = 1000000;
	} else if (v->kind == PT_TARG_STRING) {
		const char *s = v->s, *slash = strchr(s, '/');
		char *end;

		if (slash) {
			long long a = strtoll(s, &end, 10), b;

			if (end != slash) {
				goto bad;
			}
			b = strtoll(slash + 1, &end, 10);
			if (*end || b <= 0 || a < 0 || a > 1000000000LL || b > 1000000000LL) {
				goto bad;
			}
			*num = a;
			*den = b;
		} else {
			int64_t n = 0, d = 1;
			int dot = 0;
			const char *c = s;

			if (!*c) {
				goto bad;
			}
			for (; *c; c++) {
				if (*c == '.' && !dot) {
					dot = 1;
				} else if (*c >= '0' && *c <= '9' && n < 100000000000LL && d < 1000000000000LL) {
					n = n * 10 + (*c - '0');
					if (dot) {
						d *= 10;
					}
				} else {
					goto bad;
				}
			}
			*num = n;
			*den = d;
		}
	} else {
		goto bad;
	}
	if (*num <= 0 || *num > *den) {
		goto range;
	}
	return PT_TARG_OK;
range:
	return fault(err, PT_TARG_VALUE,
		"option \"%s\" must be a fraction greater than 0 and at most 1, such as '2/3' or '0.5'", name);
bad:
	return fault(err, PT_TARG_VALUE, "option \"%s\" must be a fraction such as '2/3' or '0.5'", name);
}

pt_tally_arg_fault pt_tally_money_arg(const char *name, const pt_tally_arg *v, int64_t *out, pt_error *err)
{
	if (v->kind == PT_TARG_INT && v->i >= 0) {
		*out = v->i;
		return PT_TARG_OK;
	}
	if (v->kind == PT_TARG_STRING) {
		/* "40000" or "40000.0"; amounts with cents: give them in cents */
		const char *s = v->s;
		int64_t x = 0;
		size_t i, n = v->len;

		for (i = 0; i < n && s[i] >= '0' && s[i] <= '9' && x < INT64_MAX / 10 - 9; i++) {
			x = x * 10 + (s[i] - '0');
		}
		if (i > 0 && i < n && s[i] == '.') {
			for (i++; i < n && s[i] == '0'; i++);
		}
		if (i == n && n > 0 && s[0] != '.') {
			*out = x;
			return PT_TARG_OK;
		}
	}
	return fault(err, PT_TARG_VALUE,
		"option \"%s\" must be a non-negative whole amount (int or string such as \"40000\")", name);
}

static int word_of(const char *const *words, const pt_tally_arg *v)
{
	int i;

	for (i = 0; v->kind == PT_TARG_STRING && words[i]; i++) {
		if (strlen(words[i]) == v->len && memcmp(words[i], v->s, v->len) == 0) {
			return i;
		}
	}
	return -1;
}

pt_tally_arg_fault pt_tally_option_arg(pt_tally_options *o, const pt_tally_option *d,
	const pt_tally_arg *v, pt_error *err)
{
	pt_tally_arg_fault f;
	int64_t x, lo = d->lo, hi = d->hi;
	int e;

	switch (d->type) {
	case PT_TOPT_INT:
		if (v->kind != PT_TARG_INT) {
			return fault(err, PT_TARG_TYPE, "option \"%s\" must be of type int, %s given", d->name, v->type_name);
		}
		if (d->api_lo || d->api_hi) {
			lo = d->api_lo;
			hi = d->api_hi;
		}
		if (v->i < lo || v->i > hi) {
			return fault(err, PT_TARG_VALUE, "option \"%s\" must be between %lld and %lld", d->name,
				(long long)lo, (long long)hi);
		}
		pt_tally_option_store(o, d, v->i);
		return PT_TARG_OK;
	case PT_TOPT_ENUM:
		if ((e = word_of(d->words, v)) < 0) {
			return fault(err, PT_TARG_VALUE, "option \"%s\" has an unknown value", d->name);
		}
		pt_tally_option_store(o, d, e);
		return PT_TARG_OK;
	case PT_TOPT_BOOL:
		if (v->kind != PT_TARG_BOOL) {
			return fault(err, PT_TARG_TYPE, "option \"%s\" must be of type bool, %s given", d->name, v->type_name);
		}
		pt_tally_option_store(o, d, v->b);
		return PT_TARG_OK;
	case PT_TOPT_THRESHOLD:
		if (v->kind == PT_TARG_STRING && (e = word_of((const char *const[]){ "simple", "absolute", NULL }, v)) >= 0) {
			o->threshold_kind = e ? PT_THRESHOLD_ABSOLUTE : PT_THRESHOLD_SIMPLE;
			return PT_TARG_OK;
		}
		if ((f = fraction_arg(d->name, v, &o->threshold_num, &o->threshold_den, err)) != PT_TARG_OK) {
			return f;
		}
		o->threshold_kind = PT_THRESHOLD_FRACTION;
		o->has_threshold = 1;
		return PT_TARG_OK;
	case PT_TOPT_FRACTION:
		if ((f = fraction_arg(d->name, v, &o->quorum_num, &o->quorum_den, err)) != PT_TARG_OK) {
			return f;
		}
		o->has_quorum = 1;
		return PT_TARG_OK;
	case PT_TOPT_MONEY:
		if ((f = pt_tally_money_arg(d->name, v, &x, err)) != PT_TARG_OK) {
			return f;
		}
		pt_tally_option_store(o, d, x);
		return PT_TARG_OK;
	case PT_TOPT_LIST:
		if (v->kind != PT_TARG_ARRAY) {
			return fault(err, PT_TARG_TYPE, "option \"%s\" must be of type array, %s given", d->name, v->type_name);
		}
		return PT_TARG_OK;
	}
	return PT_TARG_OK;
}

pt_tally_arg_fault pt_tally_options_check(const pt_tally_options *o, pt_error *err)
{
	if (o->min > o->max) {
		return fault(err, PT_TARG_VALUE, "option \"min\" must not be greater than \"max\"");
	}
	return PT_TARG_OK;
}

/* ---- the PHP API's list options ------------------------------------------------ */

/* Item i's key in a container: a map's own, a list's position (into buf). */
static const char *item_key(const pt_value *c, size_t i, char buf[24], size_t *len)
{
	if (c->type == PT_VALUE_MAP) {
		*len = c->u.c.key_lens[i];
		return c->u.c.keys[i];
	}
	*len = (size_t)snprintf(buf, 24, "%zu", i);
	return buf;
}

static bool is_container(const pt_value *v)
{
	return v && (v->type == PT_VALUE_LIST || v->type == PT_VALUE_MAP);
}

pt_tally_arg_fault pt_tally_roles_value(const pt_value *roles, pt_tally_options *o, pt_tally_api_lists *l,
	pt_error *err)
{
	size_t i, n = is_container(roles) ? roles->u.c.count : 0;

	l->roles = pt_calloc(l->a, n + 1, sizeof(*l->roles));
	l->role_lens = pt_calloc(l->a, n + 1, sizeof(*l->role_lens));
	if (!l->roles || !l->role_lens) {
		pt_error_set(err, PT_ERR_NOMEM, "out of memory");
		return PT_TARG_VALUE;
	}
	for (i = 0; i < n; i++) {
		const pt_value *r = roles->u.c.items[i];

		if (r->type != PT_VALUE_STRING) {
			return fault(err, PT_TARG_TYPE, "option \"voice_only_roles\" must be a list of strings");
		}
		l->roles[i] = r->u.s.s;
		l->role_lens[i] = r->u.s.len;
	}
	o->voice_only_roles = l->roles;
	o->voice_only_lens = l->role_lens;
	o->voice_only_count = n;
	return PT_TARG_OK;
}

pt_tally_arg_fault pt_tally_candidates_value(const pt_tally_method *m, const pt_value *candidates,
	const pt_value *projects, pt_profile *p, pt_tally_options *o, pt_tally_api_lists *l, pt_error *err)
{
	bool costs = pt_tally_method_needs(m, PT_TALLY_NEEDS_COSTS);
	const pt_value *list = costs ? projects : candidates;
	size_t i, n;

	if (costs && !list) {
		return fault(err, PT_TARG_VALUE, "must contain \"projects\" (id => cost) for %s", m->id);
	}
	if (!is_container(list)) {
		return PT_TARG_OK;
	}
	n = list->u.c.count;
	if (costs && !(o->pb_costs = l->costs = pt_calloc(l->a, n + 1, sizeof(*l->costs)))) {
		pt_error_set(err, PT_ERR_NOMEM, "out of memory");
		return PT_TARG_VALUE;
	}
	for (i = 0; i < n; i++) {
		const pt_value *v = list->u.c.items[i];
		char buf[24];
		const char *s = buf;
		size_t len;

		if (costs) {
			/* projects: the id is the key, the cost an amount */
			pt_tally_arg a;

			memset(&a, 0, sizeof(a));
			a.kind = v->type == PT_VALUE_INT ? PT_TARG_INT : v->type == PT_VALUE_STRING ? PT_TARG_STRING : PT_TARG_OTHER;
			a.i = v->type == PT_VALUE_INT ? v->u.i : 0;
			a.s = v->type == PT_VALUE_STRING ? v->u.s.s : NULL;
			a.len = v->type == PT_VALUE_STRING ? v->u.s.len : 0;
			s = item_key(list, i, buf, &len);
			if (pt_tally_money_arg("projects", &a, &l->costs[i], err) != PT_TARG_OK) {
				return PT_TARG_VALUE;
			}
		} else if (v->type == PT_VALUE_STRING) {
			s = v->u.s.s;
			len = v->u.s.len;
		} else if (v->type == PT_VALUE_INT) {
			len = (size_t)snprintf(buf, sizeof(buf), "%lld", (long long)v->u.i);
		} else {
			return fault(err, PT_TARG_TYPE, "option \"candidates\" must be a list of strings");
		}
		if (pt_profile_add_candidate(p, s, len, err) != PT_OK) {
			/* the engine's message, said of the option */
			char m2[PT_ERROR_MESSAGE_MAX];

			snprintf(m2, sizeof(m2), "%s", err->message);
			return fault(err, PT_TARG_VALUE, "%s%s", costs ? "" : "option ", m2);
		}
	}
	pt_profile_fix_candidates(p);
	return PT_TARG_OK;
}

void pt_tally_api_lists_free(pt_tally_api_lists *l)
{
	pt_free(l->a, l->roles);
	pt_free(l->a, l->role_lens);
	pt_free(l->a, l->costs);
	*l = (pt_tally_api_lists){ l->a, NULL, NULL, NULL };   /* reusable */
}
