/*
 * The fuzzers' small tree language (fuzz_fragment_commitments.c, fuzz_fragment_instrument.c): one
 * byte an operation: 0 null, 1 false, 2 true, 3 an integer (the next byte, signed), 4 a real, 5 a
 * string (the next byte its length, then the bytes), 6 a list, 7 a map (each member: a key byte
 * choosing from `keys`, then its value), 8 the end of a list or map; anything else a word of
 * `words`. Every call reads a byte, so any input ends.
 */
#ifndef FUZZ_TREE_H
#define FUZZ_TREE_H

#include "core/common/pt_value.h"

#include <stddef.h>
#include <stdint.h>

typedef struct fuzz_tree_words {
	const char *const *keys;
	size_t key_count;
	const char *const *words;
	size_t word_count;
} fuzz_tree_words;

static pt_value *fuzz_tree(const fuzz_tree_words *w, const uint8_t **p, const uint8_t *end, int depth)
{
	pt_value *v;
	uint8_t op;

	if (*p >= end) {
		return pt_value_null(NULL);
	}
	if (depth > 12) {
		(*p)++;   /* every call reads a byte: a list at the bottom ends */
		return pt_value_null(NULL);
	}
	op = *(*p)++;
	switch (op) {
	case 0: return pt_value_null(NULL);
	case 1: case 2: return pt_value_bool(NULL, op == 2);
	case 3: return pt_value_int(NULL, *p < end ? (int8_t)*(*p)++ : 0);
	case 4: return pt_value_real(NULL, *p < end ? (double)(int8_t)*(*p)++ / 3.0 : 0.5);
	case 5: {
		size_t n = *p < end ? *(*p)++ : 0;

		n = n > (size_t)(end - *p) ? (size_t)(end - *p) : n;
		v = pt_value_string(NULL, (const char *)*p, n);
		*p += n;
		return v;
	}
	case 6: case 7:
		v = op == 6 ? pt_value_list(NULL) : pt_value_map(NULL);
		while (*p < end && **p != 8) {
			if (op == 6) {
				pt_value_push(v, fuzz_tree(w, p, end, depth + 1));
			} else {
				const char *k = w->keys[*(*p)++ % w->key_count];

				pt_value_setc(v, k, fuzz_tree(w, p, end, depth + 1));
			}
		}
		if (*p < end) {
			(*p)++;
		}
		return v;
	default:
		return pt_value_cstr(NULL, w->words[op % w->word_count]);
	}
}

#endif
