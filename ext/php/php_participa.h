/* participa: the PHP extension's module header. */
#ifndef PHP_PARTICIPA_H
#define PHP_PARTICIPA_H

#include "php.h"
#include "core/common/pt_base.h"

extern zend_module_entry participa_module_entry;
#define phpext_participa_ptr &participa_module_entry

#define PHP_PARTICIPA_VERSION PT_VERSION

/*
 * INI-bound settings and per-process runtime state are kept apart: INI
 * values are the admin's, the rest is cache the extension owns. php-fpm is
 * NTS on Debian; under ZTS the globals are per thread.
 */
ZEND_BEGIN_MODULE_GLOBALS(participa)
	/* INI */
	char *config_path;           /* participa.config */
	bool pcre_jit;               /* participa.pcre_jit */
	bool post_fast_path;         /* participa.post_fast_path */
	bool cast_fast_path;         /* participa.cast_fast_path: Process::cast() through participa_cast_ballot */
	char *templates_dir;         /* participa.templates_dir: the fragments' templates/ */
	/* per thread, made on first use, kept across requests (libc memory) */
	struct pt_mod_scratch *mod_scratch;  /* PCRE2 match state for Thread::post() */
	void *tz_cache;                      /* UTC offsets per timezone (comment_array.c) */
ZEND_END_MODULE_GLOBALS(participa)

ZEND_EXTERN_MODULE_GLOBALS(participa)
#define PARTICIPA_G(v) ZEND_MODULE_GLOBALS_ACCESSOR(participa, v)

#endif
