/* participa io: load + validate a configuration file (see config_load.h). */
#include "io/site/config_load.h"
#include "io/common/yaml_doc.h"

static pt_status finish(pt_status st, pt_ydoc *doc, const pt_error *err,
	const pt_config_options *opts, pt_config **out, pt_diags *diags)
{
	if (st != PT_OK) {
		/* The loader stops at its first problem: it becomes the one
		 * diagnostic. */
		if (pt_diags_add(diags, err->file, err->line, err->column, "%s", err->message) != PT_OK) {
			return PT_ERR_NOMEM;
		}
		return st;
	}
	st = pt_config_build_ex(doc, opts, out, diags);
	pt_ydoc_free(doc);
	return st;
}

pt_status pt_config_load_file_ex(const char *path, const pt_config_options *opts, pt_config **out,
	pt_diags *diags)
{
	pt_ydoc *doc = NULL;
	pt_error err;
	pt_status st;

	*out = NULL;
	pt_error_clear(&err);
	st = pt_yaml_load_file(path, &doc, &err);
	return finish(st, doc, &err, opts, out, diags);
}

pt_status pt_config_load_string_ex(const char *name, const char *data, size_t len,
	const pt_config_options *opts, pt_config **out, pt_diags *diags)
{
	pt_ydoc *doc = NULL;
	pt_error err;
	pt_status st;

	*out = NULL;
	pt_error_clear(&err);
	st = pt_yaml_load_string(name, data, len, &doc, &err);
	return finish(st, doc, &err, opts, out, diags);
}

pt_status pt_config_load_file(const char *path, pt_config **out, pt_diags *diags)
{
	return pt_config_load_file_ex(path, NULL, out, diags);
}

pt_status pt_config_load_string(const char *name, const char *data, size_t len,
	pt_config **out, pt_diags *diags)
{
	return pt_config_load_string_ex(name, data, len, NULL, out, diags);
}
