/*
 * participa core: the parse floor of an in-memory count (bench/tally.php, issue 17 item 5).
 *
 * What no count of ranking strings can avoid: read each string once and turn it into ranks
 * (candidate indexes, with '=' ties). pt_tally_floor_ranks() does only that: split on '>' and
 * '=', resolve each name to its index (a byte table for one-byte names, the one hash map for
 * longer ones, first-seen order), and write the ranks into a scratch array. No validation, no
 * storage, no count. The binding runs it over a PHP array only in bench builds
 * (PARTICIPA_BENCH, set by --enable-participa-dev), so that the bench measures Tally::count()
 * against it in the same run; release builds have no such function.
 *
 * Static inline so that the loop over the ballots compiles into one function, as tight as the
 * floor can be (a call per ballot would raise the floor and flatter the count).
 */
#ifndef PT_TALLY_FLOOR_H
#define PT_TALLY_FLOOR_H

#include <stdint.h>
#include <string.h>
#include "core/common/pt_hash.h"

#define PT_TALLY_FLOOR_MAX 1024   /* ranks kept per ballot; a longer ballot's tail is read, not kept */

typedef struct pt_tally_floor {
	int32_t byte_map[256];       /* one-byte names: index, or -1 */
	pt_hash names;               /* longer names (borrowed bytes) -> index + 1 */
	uint32_t ncand;
	uint32_t ranks[PT_TALLY_FLOOR_MAX];
} pt_tally_floor;

static inline void pt_tally_floor_init(pt_tally_floor *f, const pt_allocator *a)
{
	memset(f->byte_map, 0xff, sizeof(f->byte_map));
	pt_hash_init_fast(&f->names, a);
	f->ncand = 0;
}

static inline void pt_tally_floor_free(pt_tally_floor *f)
{
	pt_hash_free(&f->names);
}

/* A name's index, giving it the next one when new; names are borrowed (live while f is used). */
static inline uint32_t pt_tally_floor_name(pt_tally_floor *f, const char *s, size_t len)
{
	void *v;

	if (len == 1) {
		if (f->byte_map[(unsigned char)s[0]] < 0) {
			f->byte_map[(unsigned char)s[0]] = (int32_t)f->ncand++;
		}
		return (uint32_t)f->byte_map[(unsigned char)s[0]];
	}
	if (pt_hash_find(&f->names, s, len, &v)) {
		return (uint32_t)((uintptr_t)v - 1);
	}
	if (pt_hash_add(&f->names, s, len, (void *)(uintptr_t)(f->ncand + 1)) != PT_OK) {
		return 0;
	}
	return f->ncand++;
}

/* One ranking string into f->ranks (tied entries flagged as PT_RANK_TIED in tally.h does);
 * returns the sum of the indexes, so that the work cannot be optimised away. */
static inline uint64_t pt_tally_floor_ranks(pt_tally_floor *f, const char *s, size_t len)
{
	uint64_t sum = 0;
	size_t i = 0, tok;
	uint32_t k = 0, tied = 0, c;

	while (i < len) {
		tok = i++;
		/* a one-byte name (the common 'A'..'Z') is its own token: no scan */
		if (i < len && s[i] != '>' && s[i] != '=') {
			while (i < len && s[i] != '>' && s[i] != '=') {
				i++;
			}
		}
		c = pt_tally_floor_name(f, s + tok, i - tok);
		if (k < PT_TALLY_FLOOR_MAX) {
			f->ranks[k++] = c | tied;
		}
		sum += c;
		tied = i < len && s[i] == '=' ? 0x80000000u : 0;
		i++;
	}
	return sum + k;
}

#endif /* PT_TALLY_FLOOR_H */
