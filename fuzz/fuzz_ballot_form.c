/*
 * libFuzzer target: a ballot form's posted fields -> the ballot
 * (core/fragment/ballot_form.c), a paper batch's rows, and the draft copy.
 *
 *   make -C tests/c $PWD/out/fuzz/fuzz_ballot_form
 *   out/fuzz/fuzz_ballot_form -max_total_time=60 fuzz/corpus/ballot_form
 *
 * The first byte picks the method, the second its limits; the rest is a
 * post, one field a line as PHP would parse it: "name=value" (a string),
 * "name[]=value" (a list), "ballots[N][name]=value" or
 * "ballots[N][name][]=value" (a batch row). Any post must be refused or
 * give a ballot that keeps the form's promises: only the options on the
 * ballot, each once, within the limits, grades in range, a stance of the
 * form, a reason when blocking.
 */
#include "core/fragment/ballot_form.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const methods[] = { "plurality", "approval", "pb_greedy", "irv", "schulze", "score",
	"majority_judgment", "majority", "consensus", "stv", "copeland", "unknown" };
#define METHODS (sizeof(methods) / sizeof(methods[0]))
static const char *const ids[] = { "a", "b.c", "d-1", "e" };
static const int64_t costs[] = { 600, 500, 300, 1 };

static pt_value *info(uint8_t m, uint8_t lim)
{
	pt_value *in = pt_value_map(NULL), *opts = pt_value_map(NULL), *cands = pt_value_list(NULL);
	size_t i;

	for (i = 0; i < 4; i++) {
		pt_value *c = pt_value_map(NULL);

		pt_value_setc(c, "id", pt_value_cstr(NULL, ids[i]));
		pt_value_setc(c, "name", pt_value_cstr(NULL, ids[i]));
		pt_value_setc(c, "cost", pt_value_int(NULL, costs[i]));
		pt_value_push(cands, c);
	}
	if (lim & 1) pt_value_setc(opts, "max_choices", pt_value_int(NULL, 2));
	if (lim & 2) pt_value_setc(opts, "min_choices", pt_value_int(NULL, 2));
	if (lim & 4) pt_value_setc(opts, "budget", pt_value_int(NULL, 1000));
	if (lim & 8) pt_value_setc(opts, "max_length", pt_value_int(NULL, 2));
	if (lim & 16) {
		pt_value_setc(opts, "min", pt_value_int(NULL, -3));
		pt_value_setc(opts, "max", pt_value_int(NULL, 3));
	}
	pt_value_setc(in, "method", pt_value_cstr(NULL, methods[m % METHODS]));
	pt_value_setc(in, "options", opts);
	pt_value_setc(in, "over_budget", pt_value_cstr(NULL, lim & 32 ? "allow" : "refuse"));
	pt_value_setc(in, "candidates", cands);
	return in;
}

/* map[key], created as an empty map or list when absent. */
static pt_value *slot(pt_value *map, const char *key, size_t len, bool list)
{
	pt_value *v;
	size_t i;

	for (i = 0; i < map->u.c.count; i++) {
		if (map->u.c.key_lens[i] == len && !memcmp(map->u.c.keys[i], key, len)) {
			return map->u.c.items[i];
		}
	}
	v = list ? pt_value_list(NULL) : pt_value_map(NULL);
	return pt_value_set(map, key, len, v) == PT_OK ? v : NULL;
}

/* One field into m: a string, or (list) an entry of a list. */
static void field(pt_value *m, const char *name, size_t nlen, bool list, const char *val, size_t vlen)
{
	pt_value *s = pt_value_string(NULL, val, vlen), *v;

	if (!list) {
		pt_value_set(m, name, nlen, s);
		return;
	}
	v = slot(m, name, nlen, true);
	if (v && v->type == PT_VALUE_LIST) {
		pt_value_push(v, s);
	} else {
		pt_value_free(s);
	}
}

static pt_value *post_of(const char *p, size_t n)
{
	pt_value *post = pt_value_map(NULL);
	const char *end = p + n;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *le = nl ? nl : end;
		const char *eq = memchr(p, '=', (size_t)(le - p));

		if (eq) {
			const char *name = p;
			size_t nlen = (size_t)(eq - p);

			if (nlen > 10 && !memcmp(name, "ballots[", 8)) {
				const char *close = memchr(name + 8, ']', nlen - 8);

				if (close && close + 1 < eq && close[1] == '[') {
					pt_value *rows = slot(post, "ballots", 7, false);
					pt_value *row = rows && rows->type == PT_VALUE_MAP
						? slot(rows, name + 8, (size_t)(close - name - 8), false) : NULL;
					const char *f = close + 2, *fe = memchr(f, ']', (size_t)(eq - f));

					if (row && row->type == PT_VALUE_MAP && fe) {
						field(row, f, (size_t)(fe - f), eq - fe == 3 && fe[1] == '[' && fe[2] == ']', eq + 1,
							(size_t)(le - eq - 1));
					}
				}
			} else {
				bool list = nlen >= 2 && !memcmp(name + nlen - 2, "[]", 2);

				field(post, name, nlen - (list ? 2 : 0), list, eq + 1, (size_t)(le - eq - 1));
			}
		}
		p = nl ? nl + 1 : end;
	}
	return post;
}

static long find(const pt_value *v)
{
	size_t i;

	if (!v || v->type != PT_VALUE_STRING) {
		return -1;
	}
	for (i = 0; i < 4; i++) {
		if (!strcmp(ids[i], v->u.s.s)) {
			return (long)i;
		}
	}
	return -1;
}

/* The promises of the form, checked on an accepted ballot. */
static void check(uint8_t m, uint8_t lim, const pt_value *b)
{
	pt_ballot_form_kind k = pt_ballot_form_kind_of(methods[m % METHODS]);
	int seen[4] = { 0 };
	int64_t total = 0;
	size_t i, n;

	switch (k) {
	case PT_BALLOT_FORM_SINGLE:
		if (find(b) < 0) abort();
		return;
	case PT_BALLOT_FORM_STANCE:
	case PT_BALLOT_FORM_CONSENSUS: {
		const pt_value *st = b->type == PT_VALUE_MAP ? pt_value_get(b, "stance") : b;
		const pt_value *r = b->type == PT_VALUE_MAP ? pt_value_get(b, "reason") : NULL;

		if (!st || st->type != PT_VALUE_STRING) abort();
		if (k == PT_BALLOT_FORM_STANCE && !strcmp(st->u.s.s, "block")) abort();
		if (!strcmp(st->u.s.s, "block") && (!r || r->type != PT_VALUE_STRING || !r->u.s.len)) abort();
		return;
	}
	default:
		break;
	}
	if (k == PT_BALLOT_FORM_SCORE || k == PT_BALLOT_FORM_GRADES) {
		int64_t min = lim & 16 ? -3 : 0, max = lim & 16 ? 3 : 10;

		if (b->type != PT_VALUE_MAP || !b->u.c.count) abort();
		for (i = 0; i < b->u.c.count; i++) {
			pt_value key = { PT_VALUE_STRING, NULL, { 0 } };
			long c;

			key.u.s.s = b->u.c.keys[i];
			key.u.s.len = b->u.c.key_lens[i];
			c = find(&key);
			if (c < 0 || seen[c]++ || b->u.c.items[i]->type != PT_VALUE_INT) abort();
			if (b->u.c.items[i]->u.i < min || b->u.c.items[i]->u.i > max) abort();
		}
		return;
	}
	if (b->type != PT_VALUE_LIST || !(n = b->u.c.count)) abort();
	for (i = 0; i < n; i++) {
		long c = find(b->u.c.items[i]);

		if (c < 0 || seen[c]++) abort();
		total += costs[c];
	}
	if (k == PT_BALLOT_FORM_APPROVAL && (((lim & 1) && n > 2) || ((lim & 2) && n < 2))) abort();
	if (k == PT_BALLOT_FORM_BUDGET && (((lim & 8) && n > 2) || ((lim & 4) && !(lim & 32) && total > 1000))) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pt_value *in, *post, *ballot = NULL, *draft;
	const char *field_name;
	size_t row;
	pt_error err;
	uint8_t m, lim;

	if (size < 2 || size > 4096) {
		return 0;
	}
	m = data[0];
	lim = data[1];
	in = info(m, lim);
	post = post_of((const char *)data + 2, size - 2);
	pt_error_clear(&err);
	if (pt_ballot_form_read(in, post, NULL, &ballot, &field_name, &err) == PT_OK) {
		check(m, lim, ballot);
	} else if (err.code == PT_ERR_INVALID && (!field_name || !err.message[0])) {
		abort();   /* a refusal names its field and says why */
	}
	pt_value_free(ballot);
	ballot = NULL;
	if (pt_value_get(post, "ballots")
		&& pt_ballot_form_batch(in, pt_value_get(post, "ballots"), NULL, &ballot, &row, &field_name, &err) == PT_OK) {
		for (size_t i = 0; i < ballot->u.c.count; i++) {
			check(m, lim, ballot->u.c.items[i]);
		}
	}
	pt_value_free(ballot);
	draft = pt_value_map(NULL);
	pt_ballot_form_draft(post, draft);
	(void)pt_ballot_form_blank(post);
	pt_value_free(draft);
	pt_value_free(post);
	pt_value_free(in);
	return 0;
}
