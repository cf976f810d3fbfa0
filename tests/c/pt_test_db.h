/*
 * The C store tests' connection to the real server (PARTICIPA_TEST_SOCKET,
 * user root): one place for what every tests/c/test_*_store.c and test_db.c
 * needs to open a database and run a setup statement.
 */
#ifndef PT_TEST_DB_H
#define PT_TEST_DB_H

#include <stdio.h>
#include <string.h>
#include "io/common/db.h"

/* A connection to database `name` (NULL: none) over `socket`, or NULL with the reason printed. */
static inline pt_db *pt_test_db_open(const char *socket, const char *name)
{
	pt_db_settings s;
	pt_error err;
	pt_db *db = NULL;

	memset(&s, 0, sizeof(s));
	s.socket = (char *)socket;
	s.user = (char *)"root";
	s.name = (char *)name;
	pt_error_clear(&err);
	if (pt_db_connect(&s, NULL, &db, &err) != PT_OK) {
		printf("  connect failed: %s\n", err.message);
		return NULL;
	}
	return db;
}

/* One statement without parameters or rows; a failure is printed. */
static inline pt_status pt_test_db_exec(pt_db *db, const char *sql)
{
	pt_error err;
	pt_status s;

	pt_error_clear(&err);
	s = pt_db_exec(db, sql, NULL, 0, NULL, NULL, &err);
	if (s != PT_OK) {
		printf("  exec failed: %s\n", err.message);
	}
	return s;
}

#endif
