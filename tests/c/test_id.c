/* The one id rule (ext/core/common/pt_id.h). */
#include "pt_test.h"
#include "core/common/pt_id.h"

#define ID_OK(lit) PT_CHECK(pt_id_valid(lit, sizeof(lit) - 1))
#define ID_BAD(lit) PT_CHECK(!pt_id_valid(lit, sizeof(lit) - 1))

PT_TEST(accepts_ordinary_ids)
{
	ID_OK("wp:42");
	ID_OK("commitment:PAL-07");
	ID_OK("san-miguel-teotongo");
	ID_OK("Peña Pobre");      /* inner spaces and accents are fine */
	ID_OK("a");
}

PT_TEST(refuses_what_sql_and_c_compare_differently)
{
	pt_error err;

	ID_BAD("");
	ID_BAD("wp:7 ");          /* PAD SPACE: equal to 'wp:7' in SQL */
	ID_BAD(" wp:7");
	ID_BAD("wp:7\xC2\xA0");   /* no-break space */
	ID_BAD("\xE2\x80\x8Bwp:7"); /* zero-width space */
	ID_BAD("wp:7\xEF\xBB\xBF"); /* BOM */
	ID_BAD("wp:7\xE3\x80\x80"); /* ideographic space */
	ID_BAD("wp\t7");
	ID_BAD("wp\n7");
	ID_BAD("wp\x01" "7");
	ID_BAD("wp\x7F");
	ID_BAD("wp\xC2\x85");     /* C1 control */
	ID_BAD("\xC3");           /* truncated sequence */
	ID_BAD("\xC0\xAF");       /* overlong */
	ID_BAD("\xED\xA0\x80");   /* surrogate */
	PT_CHECK(!pt_id_valid("wp\0" "7", 4));

	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_id_check("El identificador del participante", "wp:7 ", 5, &err), PT_ERR_INVALID);
	PT_CHECK_STR(err.message, "El identificador del participante no es válido: termina con un espacio.");
	PT_CHECK_EQ_INT(err.index, 4);
}

PT_TEST(length_limit_is_in_bytes)
{
	char buf[PT_ID_MAX + 1];
	memset(buf, 'x', sizeof buf);
	PT_CHECK(pt_id_valid(buf, PT_ID_MAX));
	PT_CHECK(!pt_id_valid(buf, PT_ID_MAX + 1));
}

PT_TEST(kinds_are_lower_case_ascii)
{
	PT_CHECK(pt_kind_valid("assembly", 8));
	PT_CHECK(pt_kind_valid("post_2", 6));
	PT_CHECK(!pt_kind_valid("Assembly", 8));
	PT_CHECK(!pt_kind_valid("assembly ", 9));
	PT_CHECK(!pt_kind_valid("2x", 2));
	PT_CHECK(!pt_kind_valid("asamblé", 8));
	PT_CHECK(!pt_kind_valid("", 0));
}

int main(void)
{
	PT_RUN(accepts_ordinary_ids);
	PT_RUN(refuses_what_sql_and_c_compare_differently);
	PT_RUN(length_limit_is_in_bytes);
	PT_RUN(kinds_are_lower_case_ascii);
	return pt_test_summary("test_id");
}
