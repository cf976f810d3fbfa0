/*
 * participa: the command-line tool, on PHP's embed SAPI.
 *
 * The extension is linked in and registered as a built-in module, and
 * php.ini is ignored, so the tool behaves the same whatever the server's PHP
 * configuration is. The commands themselves are written in PHP (cli/participa.php,
 * compiled into the binary as a string by scripts/build) and use the same
 * Participa\ API a host site uses.
 */
#include <sapi/embed/php_embed.h>
#include <main/php_main.h>
#include <Zend/zend_exceptions.h>

#include "participa_cli_script.h"

extern zend_module_entry participa_module_entry;

static int cli_startup(sapi_module_struct *sapi)
{
	return php_module_startup(sapi, &participa_module_entry);
}

int main(int argc, char **argv)
{
	volatile int status = 0;

	php_embed_module.startup = cli_startup;
	php_embed_module.php_ini_ignore = 1;
	if (php_embed_init(argc, argv) == FAILURE) {
		fprintf(stderr, "participa: the PHP runtime failed to start\n");
		return 70;
	}
	zend_first_try {
		zend_eval_stringl((char *)participa_cli_script, sizeof(participa_cli_script) - 1, NULL, "participa");
	} zend_end_try();
	/* exit() unwinds as an internal exception carrying EG(exit_status). */
	if (EG(exception) && !zend_is_unwind_exit(EG(exception))) {
		zend_exception_error(EG(exception), E_ERROR);
		status = 70;
	} else {
		status = EG(exit_status);
	}
	php_embed_shutdown();
	return status;
}
