/*
 * participa core: the territory tree (municipality > directorate > colonia >
 * block ...) and an O(1) containment test.
 *
 * Each territory gets an interval [pre, post] from one depth-first walk
 * (nested-set numbering): X lies inside Y iff Y.pre <= X.pre && X.post <= Y.post.
 * Ids are found through an open-addressing hash, so "is block b inside
 * directorate d" costs two hash probes and two comparisons, whatever the size
 * of the tree (Iztapalapa: about 6,650 nodes).
 */
#ifndef PT_TERRITORY_H
#define PT_TERRITORY_H

#include <stdbool.h>
#include <stdint.h>
#include "core/common/pt_base.h"
#include "core/common/pt_hash.h"

typedef struct pt_territory {
	char *id;          /* unique across the whole tree */
	char *name;        /* display name */
	char *kind;        /* free text: "alcaldia", "colonia", "manzana"...; may be NULL */
	int32_t parent;    /* index of the parent, -1 for a root */
	uint32_t depth;    /* 0 for roots */
	uint32_t pre;      /* nested-set left bound */
	uint32_t post;     /* nested-set right bound */
	unsigned line, column; /* where it was declared */
	size_t id_len;     /* strlen(id), so lookups by (ptr, len) never read past it */
} pt_territory;

typedef struct pt_territory_tree {
	pt_territory *items;   /* in declaration (pre-)order: parents before children */
	size_t count;
	pt_hash index;         /* id -> (index + 1); empty before pt_territory_finish() */
	size_t cap;            /* allocated length of items */
	uint32_t *bounds;      /* pre, post of item i at [2i], [2i+1]: within() touches
	                        * 8 bytes per territory instead of a whole pt_territory */
	char digest[65];       /* SHA-256 hex of every (pre, post, id), set by pt_territory_finish(): names
	                        * the tree's copy in the database (the one-round-trip cast's residence check) */
} pt_territory_tree;

/* Levels a tree may have (a root is level 1). The configuration refuses a
 * deeper chain with its position; pt_territory_finish() refuses it too, for
 * any other producer. Every consumer may then nest or recurse per level
 * (PHP arrays per level in Site::territories()). */
#define PT_TERRITORY_MAX_DEPTH 64

/* A zeroed pt_territory_tree is an empty tree; this is its initializer. */
#define PT_TERRITORY_TREE_INIT { NULL, 0, { NULL, NULL, 0, 0 }, 0, NULL, { 0 } }

/*
 * Appends a territory (copies the strings); parent is an index already in the
 * tree or -1. Does not check uniqueness (the config validator does, so it can
 * report the position of both declarations). Returns the new index, or -1 on
 * allocation failure.
 */
int32_t pt_territory_add(pt_territory_tree *t, const char *id, const char *name,
	const char *kind, int32_t parent, unsigned line, unsigned column);

/*
 * Computes depth/pre/post and builds the id hash. Call once after the last
 * add. Iterative (no recursion), O(count); also sets digest. Fails with PT_ERR_INVALID if a
 * parent index does not precede its child (which also rules out cycles) or a
 * territory lies deeper than PT_TERRITORY_MAX_DEPTH levels, PT_ERR_NOMEM on
 * allocation failure. With duplicate ids, find() returns the first one added.
 */
pt_status pt_territory_finish(pt_territory_tree *t, pt_error *err);

/* Index of id (len bytes, need not be NUL-terminated), or -1. O(1) expected.
 * Valid only after pt_territory_finish(). */
int32_t pt_territory_find(const pt_territory_tree *t, const char *id, size_t len);

/* true when inner lies inside outer or is outer. Indexes must be valid and
 * pt_territory_finish() must have succeeded. O(1): two loads, two compares. */
bool pt_territory_within(const pt_territory_tree *t, int32_t inner, int32_t outer);

/* Site::territoryWithin(): pt_territory_within() by ids (NUL-terminated), into *within; PT_ERR_NOT_FOUND
 * naming the first id the tree does not hold. */
pt_status pt_territory_within_ids(const pt_territory_tree *t, const char *inner, size_t inner_len, const char *outer,
	size_t outer_len, bool *within, pt_error *err);

/* Frees the items and the hash; leaves *t as an empty tree. t itself is the
 * caller's (usually embedded in pt_config). */
void pt_territory_tree_free(pt_territory_tree *t);

#endif
