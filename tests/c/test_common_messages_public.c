/*
 * core/common/messages.c: what a resident may see of a pt_error
 * (pt_msg_public(), pt_msg_generic(), pt_status_refusal()) and the
 * operator's log line (pt_error_log_line()), which the binding only passes on.
 */
#include <stdio.h>
#include <string.h>

#include "core/common/messages.h"
#include "pt_test.h"

PT_TEST(refusals)
{
	PT_CHECK(pt_status_refusal(PT_ERR_INVALID));
	PT_CHECK(pt_status_refusal(PT_ERR_NOT_ALLOWED));
	PT_CHECK(pt_status_refusal(PT_ERR_CONFLICT));
	PT_CHECK(pt_status_refusal(PT_ERR_NOT_FOUND));
	PT_CHECK(!pt_status_refusal(PT_ERR_DB));
	PT_CHECK(!pt_status_refusal(PT_ERR_NOMEM));
	PT_CHECK(!pt_status_refusal(PT_OK));
}

PT_TEST(generic_texts)
{
	PT_CHECK_STR(pt_msg_generic(PT_ERR_NOT_FOUND, false), PT_MSG_NOT_FOUND);
	PT_CHECK_STR(pt_msg_generic(PT_ERR_IO, false), PT_MSG_OPERATIONAL);
	PT_CHECK_STR(pt_msg_generic(PT_ERR_INVALID, true), "The data sent is not valid. Please check it and try again.");
	PT_CHECK_STR(pt_msg_generic(PT_ERR_INTERNAL, true),
		"We could not complete the operation right now. Please try again later.");
}

PT_TEST(public_text)
{
	pt_error err;

	/* a catalogued refusal shows its own text, in the site's language */
	pt_error_clear(&err);
	pt_error_set(&err, PT_ERR_INVALID, PT_MSG_NOT_ALLOWED);
	PT_CHECK_STR(pt_msg_public(&err, false), PT_MSG_NOT_ALLOWED);
	PT_CHECK_STR(pt_msg_public(&err, true), "You are not allowed to do this.");
	/* an uncatalogued refusal, or any operational failure, the generic text */
	pt_error_clear(&err);
	pt_error_set(&err, PT_ERR_NOT_FOUND, "no row %d in table x", 7);
	PT_CHECK_STR(pt_msg_public(&err, false), PT_MSG_NOT_FOUND);
	pt_error_clear(&err);
	pt_error_set(&err, PT_ERR_DB, PT_MSG_NOT_ALLOWED);
	PT_CHECK_STR(pt_msg_public(&err, false), PT_MSG_OPERATIONAL);
}

PT_TEST(log_line)
{
	pt_error err;
	char line[256];

	pt_error_clear(&err);
	pt_error_set_at(&err, PT_ERR_CONFIG, "/etc/site.yaml", 3, 7, "bad key");
	pt_error_log_line(&err, "Participa\\ConfigException", line, sizeof(line));
	PT_CHECK_STR(line, "participa: Participa\\ConfigException: /etc/site.yaml:3:7: bad key");
	pt_error_clear(&err);
	pt_error_set(&err, PT_ERR_DB, "gone away");
	err.db_errno = 2006;
	pt_error_log_line(&err, "Participa\\DatabaseException", line, sizeof(line));
	PT_CHECK_STR(line, "participa: Participa\\DatabaseException (2006, SQLSTATE -): gone away");
	pt_error_clear(&err);
	pt_error_set(&err, PT_ERR_IO, "cannot open x");
	pt_error_log_line(&err, "Participa\\RuntimeException", line, 30);
	PT_CHECK_STR(line, "participa: Participa\\RuntimeE");
}

PT_TEST(locale)
{
	PT_CHECK(pt_locale_english("en"));
	PT_CHECK(pt_locale_english("EN_us"));
	PT_CHECK(pt_locale_english("en-GB"));
	PT_CHECK(pt_locale_english("en.UTF-8"));
	PT_CHECK(!pt_locale_english("es_MX"));
	PT_CHECK(!pt_locale_english("eng"));
	PT_CHECK(!pt_locale_english("e"));
	PT_CHECK(!pt_locale_english(NULL));
}

int main(void)
{
	PT_RUN(locale);
	PT_RUN(refusals);
	PT_RUN(generic_texts);
	PT_RUN(public_text);
	PT_RUN(log_line);
	return pt_test_summary("test_common_messages_public");
}
