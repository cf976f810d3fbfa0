/*
 * participa binding: the thread's and the moderation queue's form posts (thread.*,
 * moderation.*), each one public method call (see participa_host.h).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "php.h"

#include "participa_host.h"

bool participa_request_thread(const char *action, HashTable *post, zend_string *participant, zval *site,
	pt_value *outcome)
{
	return true;
}

bool participa_request_moderation(const char *action, HashTable *post, zend_string *participant, zval *site,
	pt_value *outcome)
{
	return true;
}
