/*
 * participa io: read and validate a configuration file in one call.
 *
 * This is what `participa check` and Site::open() use: whatever goes wrong
 * (unreadable file, YAML syntax, invalid configuration) ends up as
 * diagnostics in one list, so callers print or throw in one way.
 */
#ifndef PT_CONFIG_LOAD_H
#define PT_CONFIG_LOAD_H

#include "core/site/site_config.h"

/*
 * Loads path with pt_yaml_load_file() and validates it with
 * pt_config_build(). On success returns PT_OK and *out owns the
 * configuration (free with pt_config_free()); diags gains nothing.
 * On failure *out is NULL and diags holds every problem, sorted by
 * position:
 *   - PT_ERR_IO: one diagnostic at line 0, column 0 (no position; format it
 *     with pt_diag_format(), which prints "FILE: message");
 *   - PT_ERR_CONFIG: a YAML syntax error (one diagnostic, the loader stops
 *     at the first) or every validation problem;
 *   - PT_ERR_NOMEM: allocation failed; diags may be incomplete.
 * The diagnostics' file is path exactly as given.
 */
pt_status pt_config_load_file(const char *path, pt_config **out, pt_diags *diags);

/* Same, from memory; name stands for the file in diagnostics. */
pt_status pt_config_load_string(const char *name, const char *data, size_t len,
	pt_config **out, pt_diags *diags);

/* Both with pt_config_build_ex() options (NULL = the defaults): `participa
 * check` asks for probe_moderation. */
pt_status pt_config_load_file_ex(const char *path, const pt_config_options *opts, pt_config **out,
	pt_diags *diags);
pt_status pt_config_load_string_ex(const char *name, const char *data, size_t len,
	const pt_config_options *opts, pt_config **out, pt_diags *diags);

#endif
