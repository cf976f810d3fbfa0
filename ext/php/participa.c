/*
 * participa: module entry, INI settings, lifecycle and phpinfo().
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"
#include "php_ini.h"
#include "ext/standard/info.h"
#include "ext/spl/spl_exceptions.h"
#include "zend_exceptions.h"
#include "zend_enum.h"

#include <yaml.h>
#include <pcre2.h>

#include "php_participa.h"
#include "core/thread/moderation.h"
#include "core/thread/comment_time.h"
#include "participa_errors.h"
#include "participa_enums.h"
#include "participa_site.h"
#include "participa_pabulib.h"
#include "participa_threads.h"
#include "participa_commitments.h"
#include "participa_process.h"
#include "participa_template.h"
#include "participa_tally.h"
#include "participa_host.h"
#include "io/template/template_files.h"
#include "io/common/db.h"
#include "io/common/yaml_doc.h"
#include "participa_arginfo.h"

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
	STD_PHP_INI_BOOLEAN("participa.cast_fast_path", "1", PHP_INI_ALL, OnUpdateBool, /* 0: casts take 5+ round trips */
		cast_fast_path, zend_participa_globals, participa_globals)
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
	pt_tz_cache_free(participa_globals->tz_cache);   /* the thread's time zones (comment_array.c) */
	participa_globals->tz_cache = NULL;
}

/*
 * Every class, registered from the one stub's arginfo (participa.stub.php),
 * then each area's object handlers. Exceptions first: the others' methods
 * throw them.
 */
static void register_classes(void)
{
	participa_ce_Exception = register_class_Participa_Exception(zend_ce_throwable);
	participa_ce_InvalidArgumentException = register_class_Participa_InvalidArgumentException(
		spl_ce_InvalidArgumentException, participa_ce_Exception);
	participa_ce_RuntimeException = register_class_Participa_RuntimeException(
		spl_ce_RuntimeException, participa_ce_Exception);
	participa_ce_ConfigException = register_class_Participa_ConfigException(participa_ce_RuntimeException);
	participa_ce_DatabaseException = register_class_Participa_DatabaseException(participa_ce_RuntimeException);
	participa_ce_NotAllowedException = register_class_Participa_NotAllowedException(participa_ce_RuntimeException);
	participa_ce_ConflictException = register_class_Participa_ConflictException(participa_ce_RuntimeException);
	participa_ce_NotFoundException = register_class_Participa_NotFoundException(participa_ce_RuntimeException);

	participa_ce_Sort = register_class_Participa_Sort();
	participa_ce_Reaction = register_class_Participa_Reaction();
	participa_ce_Alignment = register_class_Participa_Alignment();
	participa_ce_Secrecy = register_class_Participa_Secrecy();
	participa_ce_ResultsVisibility = register_class_Participa_ResultsVisibility();

	participa_ce_Site = register_class_Participa_Site();
	participa_site_setup(participa_ce_Site);
	participa_ce_Thread = register_class_Participa_Thread();
	participa_thread_setup(participa_ce_Thread);
	participa_ce_Process = register_class_Participa_Process();
	participa_process_setup(participa_ce_Process);

	/* The site's handles: an object that only holds its Site. */
	participa_ce_Participants = register_class_Participa_Participants();
	participa_site_handle_class(participa_ce_Participants);
	participa_ce_Moderation = register_class_Participa_Moderation();
	participa_site_handle_class(participa_ce_Moderation);
	participa_moderation_setup();
	participa_ce_Commitments = register_class_Participa_Commitments();
	participa_site_handle_class(participa_ce_Commitments);
	participa_ce_Instrument = register_class_Participa_Instrument();
	participa_site_handle_class(participa_ce_Instrument);

	participa_ce_Tally = register_class_Participa_Tally();
	participa_ce_TallyResult = register_class_Participa_TallyResult();
	participa_ce_Pabulib = register_class_Participa_Pabulib();
	participa_ce_Template = register_class_Participa_Template();

	/* The fragments' host contract and form posts. */
	participa_ce_Host = register_class_Participa_Host();
	participa_ce_Request = register_class_Participa_Request();
}

static PHP_MINIT_FUNCTION(participa)
{
	REGISTER_INI_ENTRIES();
	pt_moderation_set_jit(PARTICIPA_G(pcre_jit));
	if (pt_db_library_init() != PT_OK) {
		php_error_docref(NULL, E_CORE_WARNING, "participa: the MariaDB client library failed to initialise");
		return FAILURE;
	}
	register_classes();
	pt_time_set_zone_resolver(participa_zone_named);
	return SUCCESS;
}

static PHP_MSHUTDOWN_FUNCTION(participa)
{
	participa_site_shutdown();
	participa_template_shutdown();
	pt_fragment_render_shutdown();
	participa_host_shutdown();
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
#ifdef PARTICIPA_BENCH
	participa_bench_functions, /* bench builds: Participa\Bench\tally_parse_floor(), tally.c */
#else
	NULL,                     /* functions: everything lives in classes */
#endif
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

