/*
 * participa: module entry, INI settings, lifecycle and phpinfo().
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"
#include "php_ini.h"
#include "ext/standard/info.h"

#include <yaml.h>
#include <pcre2.h>

#include "php_participa.h"
#include "core/thread/moderation.h"
#include "participa_errors.h"
#include "participa_enums.h"
#include "participa_site.h"
#include "participa_pabulib.h"
#include "participa_threads.h"
#include "participa_commitments.h"
#include "participa_process.h"
#include "participa_template.h"
#include "participa_host.h"
#include "io/template/template_files.h"
#include "core/thread/moderation.h"
#include "io/common/db.h"
#include "io/common/yaml_doc.h"

#ifndef PARTICIPA_TEMPLATES_DIR   /* set by config.m4 */
#define PARTICIPA_TEMPLATES_DIR "/usr/local/share/participa/templates"
#endif

ZEND_DECLARE_MODULE_GLOBALS(participa)

PHP_INI_BEGIN()
	STD_PHP_INI_ENTRY("participa.config", "", PHP_INI_SYSTEM | PHP_INI_PERDIR, OnUpdateString,
		config_path, zend_participa_globals, participa_globals)
	STD_PHP_INI_BOOLEAN("participa.pcre_jit", "1", PHP_INI_SYSTEM, OnUpdateBool,
		pcre_jit, zend_participa_globals, participa_globals)
	/* 0 stores every post through the client-side transaction (5+ round
	 * trips) instead of the participa_post_comment procedure (1) */
	STD_PHP_INI_BOOLEAN("participa.post_fast_path", "1", PHP_INI_ALL, OnUpdateBool,
		post_fast_path, zend_participa_globals, participa_globals)
	STD_PHP_INI_ENTRY("participa.templates_dir", PARTICIPA_TEMPLATES_DIR, PHP_INI_SYSTEM | PHP_INI_PERDIR,
		OnUpdateString, templates_dir, zend_participa_globals, participa_globals)
PHP_INI_END()

static PHP_GINIT_FUNCTION(participa)
{
#if defined(COMPILE_DL_PARTICIPA) && defined(ZTS)
	ZEND_TSRMLS_CACHE_UPDATE();
#endif
	memset(participa_globals, 0, sizeof(*participa_globals));
}

static PHP_GSHUTDOWN_FUNCTION(participa)
{
	pt_mod_scratch_free(participa_globals->mod_scratch);
	participa_globals->mod_scratch = NULL;
	participa_comment_tz_free(participa_globals->tz_cache);
	participa_globals->tz_cache = NULL;
}

static PHP_MINIT_FUNCTION(participa)
{
	REGISTER_INI_ENTRIES();
	pt_moderation_set_jit(PARTICIPA_G(pcre_jit));
	if (pt_db_library_init() != PT_OK) {
		php_error_docref(NULL, E_CORE_WARNING, "participa: the MariaDB client library failed to initialise");
		return FAILURE;
	}
	participa_register_exceptions();
	participa_register_enums();
	participa_register_site();
	participa_register_tally();
	participa_register_pabulib();
	participa_register_threads();
	participa_register_moderation();
	participa_register_participants();
	participa_register_commitments();
	participa_register_process();
	participa_register_template();
	participa_register_host();
	participa_register_request();
	return SUCCESS;
}

static PHP_MSHUTDOWN_FUNCTION(participa)
{
	participa_site_shutdown();
	participa_template_shutdown();
	pt_fragment_render_shutdown();
	UNREGISTER_INI_ENTRIES();
	pt_db_library_end();
	return SUCCESS;
}

static PHP_RINIT_FUNCTION(participa)
{
#if defined(COMPILE_DL_PARTICIPA) && defined(ZTS)
	ZEND_TSRMLS_CACHE_UPDATE();
#endif
	participa_site_request_start();
	return SUCCESS;
}

static PHP_MINFO_FUNCTION(participa)
{
	char pcre2_version[64];
	const char *path = PARTICIPA_G(config_path);

	pcre2_config(PCRE2_CONFIG_VERSION, pcre2_version);
	php_info_print_table_start();
	php_info_print_table_row(2, "participa support", "enabled");
	php_info_print_table_row(2, "participa version", PHP_PARTICIPA_VERSION);
	php_info_print_table_row(2, "MariaDB/MySQL client library", pt_db_client_version());
	php_info_print_table_row(2, "libyaml version", pt_yaml_library_version());
	php_info_print_table_row(2, "PCRE2 version", pcre2_version);
	php_info_print_table_row(2, "configuration file", path && *path ? path : "(participa.config is not set)");
	php_info_print_table_row(2, "configuration loaded", participa_site_config_state());
	php_info_print_table_end();
	DISPLAY_INI_ENTRIES();
}

zend_module_entry participa_module_entry = {
	STANDARD_MODULE_HEADER,
	"participa",
	NULL,                     /* functions: everything lives in classes */
	PHP_MINIT(participa),
	PHP_MSHUTDOWN(participa),
	PHP_RINIT(participa),
	NULL,                     /* RSHUTDOWN */
	PHP_MINFO(participa),
	PHP_PARTICIPA_VERSION,
	PHP_MODULE_GLOBALS(participa),
	PHP_GINIT(participa),
	PHP_GSHUTDOWN(participa), /* the thread's moderation scratch; the rest is released in MSHUTDOWN */
	NULL,
	STANDARD_MODULE_PROPERTIES_EX
};

#ifdef COMPILE_DL_PARTICIPA
#ifdef ZTS
ZEND_TSRMLS_CACHE_DEFINE()
#endif
ZEND_GET_MODULE(participa)
#endif

