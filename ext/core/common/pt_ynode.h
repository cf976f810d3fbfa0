/*
 * participa core: the node tree a YAML document is read into (filled by
 * ext/io/common/yaml_doc.c, consumed by ext/core/site/site_config.c). Kept in the core so the
 * configuration validator is pure C and can be fuzzed without libyaml.
 */
#ifndef PT_YNODE_H
#define PT_YNODE_H

#include <stdbool.h>
#include "core/common/pt_base.h"

typedef enum pt_ynode_kind {
	PT_YNODE_SCALAR,
	PT_YNODE_SEQUENCE,
	PT_YNODE_MAPPING
} pt_ynode_kind;

typedef struct pt_ynode pt_ynode;

struct pt_ynode {
	pt_ynode_kind kind;
	unsigned line;     /* 1-based line of the node's first character */
	unsigned column;   /* 1-based column of the node's first character */
	/* scalars */
	char *value;       /* NUL-terminated text (may contain NUL if quoted "\0"; use len) */
	size_t len;        /* byte length of value */
	bool plain;        /* unquoted: may be read as null/bool/number */
	/* sequences: items[0..count); mappings: items[2i] key, items[2i+1] value */
	size_t count;
	pt_ynode **items;
};

/* A parsed document: the root and the file name used in positions. */
typedef struct pt_ydoc {
	char *file;        /* as given to the loader */
	pt_ynode *root;    /* NULL for an empty document */
	void *arena;       /* the loader's block allocator owning every node, or NULL */
	void (*free_arena)(void *arena); /* how to free it (set by the loader) */
} pt_ydoc;

/*
 * Frees a document and every node in it. NULL is fine. Documents from the
 * loader keep their nodes in an arena (freed at once); a hand-built
 * document (arena NULL) has its malloc'ed nodes freed with pt_ynode_free().
 */
void pt_ydoc_free(pt_ydoc *doc);
/*
 * Frees one malloc'ed node and its children. Only for hand-built trees
 * (tests, other producers): nodes of a loaded document belong to its arena
 * and must never be freed one by one.
 */
void pt_ynode_free(pt_ynode *node);

/* Mapping lookup by key text; NULL if absent or map is not a mapping. O(n). */
const pt_ynode *pt_ynode_get(const pt_ynode *map, const char *key);

/* A plain scalar spelled null, Null, NULL or ~ (or an empty plain scalar). */
bool pt_ynode_is_null(const pt_ynode *n);

/*
 * Typed readers. Each returns false (and leaves *out alone) when n is not a
 * scalar of that type. Booleans accept true/false in YAML 1.2 core schema
 * spellings; integers are decimal, optionally signed, within int64 range.
 */
bool pt_ynode_bool(const pt_ynode *n, bool *out);
bool pt_ynode_int(const pt_ynode *n, int64_t *out);

#endif
