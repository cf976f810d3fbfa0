/*
 * participa core: the shapes one ballot may take, written once over any tree of values.
 *
 *   a ranking   'A>B=C' (pt_profile_add_ranking_str), or a list of ids and tiers (lists of
 *               tied ids): ['A', ['B', 'C'], 'D']
 *   an approval one id, or a list of ids
 *   scores      a map id => int (a list's ids are its positions "0", "1", ...)
 *   a stance    'agree' ..., or a map {stance, role, reason, voter}
 *   any of them wrapped as {weight: int, ballot: ...}
 *
 * An id is a string or an int (its decimal digits). A shape problem marks the ballot invalid
 * with its Spanish reason (pt_ballot_reject(); it surfaces from pt_ballot_end()).
 *
 * Why a header of static functions over accessors instead of one function over pt_value: the
 * rules run on the host's own values. Tally::count() reads 100,000 ballots at a few hundred
 * instructions each; building a pt_value per ballot first made a list-of-ids count 30% (tiers
 * 75%) slower. So the walk is written here once, and compiled twice: by core/tally/tally.c
 * over pt_value (pt_profile_add_value(), what tests/c runs under ASan) and by the PHP binding
 * (ext/php/tally.c) over zvals, each with its own five accessors, which the compiler inlines.
 * The rules, the order of the checks and the messages exist only here.
 *
 * Before including this file, define (static inline):
 *
 *   typedef ... pt_bs_node;                   a borrowed node; references already followed
 *   int pt_bs_is_null(pt_bs_node n), pt_bs_is_int(n), pt_bs_is_str(n)
 *   int pt_bs_is_list(pt_bs_node n);          any container (a list or a map)
 *   const char *pt_bs_str(pt_bs_node n, size_t *len);        a string's bytes
 *   int64_t pt_bs_int(pt_bs_node n);                         an int
 *   pt_bs_node pt_bs_get(pt_bs_node c, const char *key, size_t len);
 *                                             a container's member under a string key, or NULL
 *   typedef ... pt_bs_iter;                   a cursor over a container's members, in order
 *   void pt_bs_first(pt_bs_node c, pt_bs_iter *it);
 *   pt_bs_node pt_bs_next(pt_bs_iter *it);   the next member, or NULL after the last
 *   const char *pt_bs_key(const pt_bs_iter *it, size_t *len, int64_t *index);
 *                                             the key of the member pt_bs_next() gave last:
 *                                             a string, or NULL and the int *index
 *
 * Then call pt_bs_add_ballot(p, node, err): one ballot into p, as pt_profile_add_value()
 * documents (tally.h).
 */
#ifndef PT_TALLY_BALLOT_SHAPE_H
#define PT_TALLY_BALLOT_SHAPE_H

#include <stddef.h>
#include <stdint.h>
#include "core/common/pt_value.h"
#include "core/tally/tally.h"

/* An int id as its decimal digits (with a '-'), into buf; the length. */
static inline size_t pt_bs_digits(int64_t v, char buf[24])
{
	char tmp[24];
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	size_t n = 0, len = 0;

	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0) {
		buf[len++] = '-';
	}
	while (n) {
		buf[len++] = tmp[--n];
	}
	buf[len] = '\0';
	return len;
}

/* An id from a string or an int; buf holds the digits of an int. 0 for anything else. */
static inline int pt_bs_id(pt_bs_node v, char buf[24], const char **s, size_t *len)
{
	if (pt_bs_is_str(v)) {
		*s = pt_bs_str(v, len);
		return 1;
	}
	if (pt_bs_is_int(v)) {
		*len = pt_bs_digits(pt_bs_int(v), buf);
		*s = buf;
		return 1;
	}
	return 0;
}

/* A ranking: a list of ids or of tiers (lists of tied ids). */
static pt_status pt_bs_ranking(pt_profile *p, pt_bs_node v, pt_error *err)
{
	const char *s;
	size_t len;
	pt_bs_node item, t;
	pt_bs_iter it, tier;
	char buf[24];
	pt_status st;

	if (!pt_bs_is_list(v)) {
		pt_ballot_reject(p, "una clasificación debe ser un texto 'A>B=C' o una lista");
		return PT_OK;
	}
	for (pt_bs_first(v, &it); (item = pt_bs_next(&it)); ) {
		if (pt_bs_is_list(item)) {
			int first = 1;

			for (pt_bs_first(item, &tier); (t = pt_bs_next(&tier)); ) {
				if (!pt_bs_id(t, buf, &s, &len)) {
					pt_ballot_reject(p, "un candidato debe ser un texto");
					break;
				}
				/* tied with the one before it in the tier */
				if ((st = pt_ballot_item(p, s, len, !first, 0, err)) != PT_OK) {
					return st;
				}
				first = 0;
			}
		} else if (!pt_bs_id(item, buf, &s, &len)) {
			pt_ballot_reject(p, "un candidato debe ser un texto");
			break;
		} else if ((st = pt_ballot_item(p, s, len, 0, 0, err)) != PT_OK) {
			return st;
		}
	}
	return PT_OK;
}

/* The members of an approval (ids) or of scores (id key => int value) as the ballot's items. */
static inline pt_status pt_bs_members(pt_profile *p, pt_bs_node v, int scores, pt_error *err)
{
	const char *s;
	size_t len;
	int64_t index, value = 0;
	pt_bs_node item;
	pt_bs_iter it;
	char buf[24];
	pt_status st;

	for (pt_bs_first(v, &it); (item = pt_bs_next(&it)); ) {
		if (scores ? !pt_bs_is_int(item) : !pt_bs_id(item, buf, &s, &len)) {
			pt_ballot_reject(p, scores ? "una calificación debe ser un entero" : "una aprobación debe nombrar candidatos");
			break;
		}
		/* an integer key is signed: candidate -5 is "-5" */
		if (scores && !(s = pt_bs_key(&it, &len, &index))) {
			len = pt_bs_digits(index, buf);
			s = buf;
		}
		if (scores) {
			value = pt_bs_int(item);
		}
		if ((st = pt_ballot_item(p, s, len, 0, value, err)) != PT_OK) {
			return st;
		}
	}
	return PT_OK;
}

/* An approval: one id or a list of ids. */
static pt_status pt_bs_approval(pt_profile *p, pt_bs_node v, pt_error *err)
{
	const char *s;
	size_t len;
	char buf[24];

	if (pt_bs_id(v, buf, &s, &len)) {
		return pt_ballot_item(p, s, len, 0, 0, err);
	}
	if (!pt_bs_is_list(v)) {
		pt_ballot_reject(p, "una boleta de aprobación debe ser una lista de candidatos");
		return PT_OK;
	}
	return pt_bs_members(p, v, 0, err);
}

/* Scores: {'A': 4, ...}. */
static pt_status pt_bs_scores(pt_profile *p, pt_bs_node v, pt_error *err)
{
	if (!pt_bs_is_list(v)) {
		pt_ballot_reject(p, "una boleta de calificaciones debe ser ['A' => 4, ...]");
		return PT_OK;
	}
	return pt_bs_members(p, v, 1, err);
}

/* A text member (role, reason): its bytes, or NULL when absent, null or not a text. */
static inline const char *pt_bs_text_or_null(pt_bs_node v, size_t *len)
{
	*len = 0;
	return v && pt_bs_is_str(v) ? pt_bs_str(v, len) : NULL;
}

/* A stance: 'agree' ... or {'stance': ..., 'role': ..., 'reason': ..., 'voter': ...}. */
static pt_status pt_bs_stance(pt_profile *p, pt_bs_node v, pt_error *err)
{
	pt_bs_node z, role = NULL, reason = NULL, voter = NULL;
	const char *s = NULL, *r, *why, *name;
	size_t len = 0, rlen, wlen, nlen;
	char buf[24];
	int stance = -1;

	if (pt_bs_is_str(v)) {
		name = pt_bs_str(v, &nlen);
		stance = pt_stance_parse(name, nlen);
	} else if (pt_bs_is_list(v) && (z = pt_bs_get(v, "stance", 6))
		&& pt_bs_is_str(z)) {
		name = pt_bs_str(z, &nlen);
		stance = pt_stance_parse(name, nlen);
		role = pt_bs_get(v, "role", 4);
		reason = pt_bs_get(v, "reason", 6);
		voter = pt_bs_get(v, "voter", 5);
	}
	if (stance < 0) {
		pt_ballot_reject(p, "postura desconocida (se espera agree, abstain, disagree o block)");
		return PT_OK;
	}
	if ((role && !pt_bs_is_str(role) && !pt_bs_is_null(role))
		|| (reason && !pt_bs_is_str(reason) && !pt_bs_is_null(reason))) {
		pt_ballot_reject(p, "el rol y la razón deben ser textos");
		return PT_OK;
	}
	if (voter && !pt_bs_is_null(voter) && !pt_bs_id(voter, buf, &s, &len)) {
		pt_ballot_reject(p, "el votante debe ser un texto");
		return PT_OK;
	}
	r = pt_bs_text_or_null(role, &rlen);
	why = pt_bs_text_or_null(reason, &wlen);
	return pt_ballot_stance(p, (pt_stance)stance, r, rlen, why, wlen, s, len, err);
}

/* One ballot of any shape into p (see the top of this file). */
static pt_status pt_bs_add_ballot(pt_profile *p, pt_bs_node v, pt_error *err)
{
	pt_bs_node inner, w;
	int64_t weight = 1;
	pt_status st;

	/* the hot path: a ranking string */
	if (pt_bs_is_str(v) && p->kind == PT_BALLOT_RANKING) {
		const char *s;
		size_t len;

		s = pt_bs_str(v, &len);
		return pt_profile_add_ranking_str(p, 1, s, len, err);
	}
	/* {'weight': int, 'ballot': ...} */
	if (pt_bs_is_list(v) && (inner = pt_bs_get(v, "ballot", 6))) {
		if ((w = pt_bs_get(v, "weight", 6)) && !pt_bs_is_int(w)) {
			if ((st = pt_ballot_begin(p, 1, err)) != PT_OK) {
				return st;
			}
			pt_ballot_reject(p, "el peso debe ser un entero");
			return pt_ballot_end(p, err);
		}
		weight = w ? pt_bs_int(w) : 1;
		v = inner;
		if (pt_bs_is_str(v) && p->kind == PT_BALLOT_RANKING) {
			const char *s;
			size_t len;

			s = pt_bs_str(v, &len);
			return pt_profile_add_ranking_str(p, weight, s, len, err);
		}
	}
	if ((st = pt_ballot_begin(p, weight, err)) != PT_OK) {
		return st;
	}
	switch (p->kind) {
	case PT_BALLOT_RANKING: st = pt_bs_ranking(p, v, err); break;
	case PT_BALLOT_APPROVAL: st = pt_bs_approval(p, v, err); break;
	case PT_BALLOT_SCORE: st = pt_bs_scores(p, v, err); break;
	case PT_BALLOT_STANCE: st = pt_bs_stance(p, v, err); break;
	}
	if (st != PT_OK) {
		p->in_ballot = 0;
		return st;
	}
	return pt_ballot_end(p, err);
}

#endif /* PT_TALLY_BALLOT_SHAPE_H */
