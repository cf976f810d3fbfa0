/*
 * participa binding: the Site class and the per-process state behind it
 * (configuration cache and the worker's database connection).
 */
#ifndef PARTICIPA_SITE_H
#define PARTICIPA_SITE_H

#include "php.h"
#include "../core/config.h"
#include "../io/db.h"

extern zend_class_entry *participa_ce_Site;

void participa_register_site(void);
/* MSHUTDOWN: frees cached configurations and closes this process's connection. */
void participa_site_shutdown(void);
/* RINIT: the next database use in this request pings the connection first. */
void participa_site_request_start(void);
/* For phpinfo(): "yes (N territories, M roles)", "no: <reason>" or "not yet". */
const char *participa_site_config_state(void);

/* The configuration of a Site object (valid while the object lives). */
const pt_config *participa_site_config(zval *site);

/*
 * The worker's connection for this site, connected and checked. On failure
 * a DatabaseException is thrown and NULL returned.
 */
pt_db *participa_site_db(zval *site);

#endif
