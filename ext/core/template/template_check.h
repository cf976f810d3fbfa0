/*
 * participa core: rendering a data tree the host cannot vouch for (PHP's
 * arrays: shared, possibly cyclic through references, holding objects).
 *
 * pt_template_render_checked() walks the tree once before rendering, visiting
 * each distinct container once (a memo keyed by its identity), and refuses
 * (PT_ERR_INVALID, the catalog's "Template::render(): ..." messages) a node
 * of a type the data may not hold, a container that contains itself, and
 * more than PT_TEMPLATE_DATA_DEPTH_MAX nested levels. The walk also records
 * which maps are lists (keys 0..n-1 in order), so the host's type() may call
 * every container with non-sequential storage a map: the render then sees a
 * list where the keys say so, at O(1) per look. O(distinct nodes).
 */
#ifndef PT_TEMPLATE_CHECK_H
#define PT_TEMPLATE_CHECK_H

#include <stdint.h>
#include "core/template/template.h"

#define PT_TEMPLATE_DATA_DEPTH_MAX 128

/* One member (key, NULL for an integer key index) or item (key NULL, index its key) of a container. 0 goes on. */
typedef int (*pt_template_each_fn)(void *fctx, const char *key, int64_t index, const void *child);

/* What the walk needs beyond pt_template_data. */
typedef struct pt_template_walk {
	/* calls fn for every member of container node in storage order; stops at fn's first non-zero, returned */
	int (*each)(void *ctx, const void *node, pt_template_each_fn fn, void *fctx);
	/* the type name of a node the data may not hold ("stdClass", "resource"), or NULL */
	const char *(*refused)(void *ctx, const void *node);
	/* the container a node is (nodes that share one container give the same pointer) */
	const void *(*identity)(void *ctx, const void *node);
} pt_template_walk;

/* pt_template_render_data() of root through data, after the walk above. Errors: the walk's, then the render's. */
pt_status pt_template_render_checked(const pt_template *t, const pt_template_data *data, const pt_template_walk *walk,
	const void *root, pt_template_lookup lookup, void *ctx, const pt_allocator *a,
	char **out, size_t *out_len, pt_error *err);

#endif /* PT_TEMPLATE_CHECK_H */
