/*
 * participa io: the fragments' template files.
 *
 * A fragment's template is templates/<name>.html; its partials and parents are
 * other files of the same folder, by name ({{> comment}} and {{<comment}} read
 * comment.html), each taken first from the site's own folder (site.templates)
 * when it has that file. The folder is
 * the INI setting participa.templates_dir (default PARTICIPA_TEMPLATES_DIR,
 * $prefix/share/participa/templates), which the binding hands over with
 * pt_fragment_set_templates_dir() before each render.
 *
 * Files are read at every render (a stat and a read each: an edit shows at
 * once) and compiled through core/template/template_cache (the compiled form
 * is kept per process, keyed by the source). Not thread safe (one cache per
 * process, as core/template/template_cache.h). No php.h.
 */
#ifndef PT_TEMPLATE_FILES_H
#define PT_TEMPLATE_FILES_H

#include "core/common/pt_base.h"
#include "core/common/pt_buf.h"
#include "core/common/pt_value.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A template name: 1..64 bytes of [A-Za-z0-9_-] (no dots, no slashes). */
#define PT_FRAGMENT_NAME_MAX 64
/* "participa/<name>" (as a partial or parent) names the built-in template even where the site has its own. */
#define PT_FRAGMENT_BUILTIN "participa/"
#define PT_FRAGMENT_BUILTIN_LEN 10

/* The folder of the built-in templates (borrowed: must outlive every render; NULL: "templates"). */
void pt_fragment_set_templates_dir(const char *dir);
const char *pt_fragment_templates_dir(void);

/*
 * The site's own template folder (YAML site.templates; borrowed; NULL or "":
 * none), searched first, file by file: a <name>.html there replaces the
 * built-in one for the template and for every partial or parent of that
 * name, including those the built-in templates use. The binding sets it
 * before each render from the site of the object rendering.
 */
void pt_fragment_set_site_templates_dir(const char *dir);

/*
 * Renders templates/<name>.html (partials by name from the same folders) with data, in HTML
 * mode (core/template/template.h), appending the output to out (through out's allocator, which
 * also compiles and renders). Errors: PT_ERR_INVALID for a bad name, a template that does not
 * compile (message with the file and line) or a render limit; PT_ERR_IO when the template or a
 * partial cannot be read (the message names the file); PT_ERR_NOMEM. A partial that does not
 * exist is an error (PT_ERR_IO), not the empty string: a fragment's partials are its own files.
 */
pt_status pt_fragment_render(const char *name, const pt_value *data, pt_buf *out, pt_error *err);

/* Template::cacheInfo()'s figures for the fragments' cache (a new map; NULL on no memory). */
pt_value *pt_fragment_cache_info(const pt_allocator *a);

/* MSHUTDOWN: empties the fragments' compiled-template cache. */
void pt_fragment_render_shutdown(void);

#ifdef __cplusplus
}
#endif

#endif /* PT_TEMPLATE_FILES_H */
