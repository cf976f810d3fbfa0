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
 *   - scalars must be valid UTF-8 (libyaml checks this);
 *   - at most PT_YAML_MAX_NODES values, and files of at most PT_YAML_MAX_FILE;
 *   - messages quote the file's text (a key, an anchor, a tag, a byte) only
 *     once a top-level key has named a configuration section, so a file that
 *     is not a participa configuration (/etc/shadow) is never quoted.
 */
#ifndef PT_YAML_DOC_H
#define PT_YAML_DOC_H

#include "core/common/pt_base.h"
#include "core/common/pt_ynode.h"

#include <stdint.h>

#define PT_YAML_MAX_DEPTH 64
/* Largest file read, bytes: 27 times examples/iztapalapa-large.yaml (6,650
 * territories). A log file or a dump given by mistake is refused before it
 * is read. */
#define PT_YAML_MAX_FILE (16u * 1024u * 1024u)
/* Most values (scalars, sequences, mappings) in one document: the tree lives
 * in libc memory, outside PHP's memory_limit, about 100 bytes a value while
 * the file is validated; the large example has about 50,000. */
#define PT_YAML_MAX_NODES 2000000u

/*
 * Parses the file at path. On success *out owns the whole tree (free it with
 * pt_ydoc_free()). On failure returns PT_ERR_IO (unreadable file, or not a
 * regular file: a directory, a FIFO, a device, a socket; or larger than
 * PT_YAML_MAX_FILE) or PT_ERR_CONFIG (syntax) with err->file/line/column set
 * and *out NULL. Never blocks on a FIFO and never opens a device.
 */
pt_status pt_yaml_load_file(const char *path, pt_ydoc **out, pt_error *err);

/* Same, from memory; name is used as the file name in positions. */
pt_status pt_yaml_load_string(const char *name, const char *data, size_t len,
	pt_ydoc **out, pt_error *err);

/*
 * Why a file with this st_mode and st_size cannot be read as a
 * configuration ("it is a named pipe (FIFO), not a regular file", "the file
 * is larger than 16 MiB..."), or NULL when it can. For callers that open the
 * file themselves (the PHP binding reads it through PHP's stream layer).
 */
const char *pt_yaml_file_problem(unsigned mode, uint64_t size);

/* Version string of the libyaml the process runs with. */
const char *pt_yaml_library_version(void);

#endif
