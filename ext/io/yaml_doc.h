/*
 * participa io: a YAML file read into a small node tree that remembers where
 * every node stands (line and column), so configuration errors can name
 * file:line:column. Built on libyaml's event API.
 *
 * Deliberately restricted, because the input is an admin's configuration and
 * the loader is fuzzed:
 *   - one document per file; an empty file yields a NULL root;
 *   - anchors and aliases are refused (no "billion laughs" expansion);
 *   - nesting deeper than PT_YAML_MAX_DEPTH is refused (no stack exhaustion);
 *   - duplicate keys in a mapping are refused (a silent override hides typos);
 *   - scalars must be valid UTF-8 (libyaml checks this).
 */
#ifndef PT_YAML_DOC_H
#define PT_YAML_DOC_H

#include "../core/pt_base.h"
#include "../core/pt_ynode.h"

#define PT_YAML_MAX_DEPTH 64

/*
 * Parses the file at path. On success *out owns the whole tree (free it with
 * pt_ydoc_free()). On failure returns PT_ERR_IO (unreadable file) or
 * PT_ERR_CONFIG (syntax) with err->file/line/column set and *out NULL.
 */
pt_status pt_yaml_load_file(const char *path, pt_ydoc **out, pt_error *err);

/* Same, from memory; name is used as the file name in positions. */
pt_status pt_yaml_load_string(const char *name, const char *data, size_t len,
	pt_ydoc **out, pt_error *err);

/* Version string of the libyaml the process runs with. */
const char *pt_yaml_library_version(void);

#endif
