/* The one text check (ext/core/common/text.h pt_text_check()) and the UTF-8 validator db.c binds with. */
#include "pt_test.h"
#include "core/common/text.h"
#include "core/common/messages.h"

#define LIT_ARGS(lit) lit, sizeof(lit) - 1
#define CHECK(lit, max, flags) pt_text_check(lit, sizeof(lit) - 1, max, flags, "El motivo", &err)

PT_TEST(accepts_ordinary_text)
{
	pt_error err;

	pt_error_clear(&err);
	PT_CHECK_EQ_INT(CHECK("Hay un bache en la calle Peña Pobre.", 0, PT_TEXT_REQUIRED), PT_OK);
	PT_CHECK_EQ_INT(CHECK("línea 1\nlínea 2\tcon tab", 100, PT_TEXT_REQUIRED | PT_TEXT_MULTILINE), PT_OK);
	PT_CHECK_EQ_INT(CHECK("", 10, 0), PT_OK);        /* optional and empty */
	PT_CHECK_EQ_INT(CHECK("   ", 10, 0), PT_OK);
	PT_CHECK_EQ_INT(pt_text_check(NULL, 0, 10, 0, "El motivo", &err), PT_OK);
	PT_CHECK_EQ_INT(CHECK("ñññññ", 5, 0), PT_OK);    /* characters, not bytes */
	PT_CHECK_EQ_INT(CHECK("\xF0\x9F\x98\x80", 1, 0), PT_OK);
	PT_CHECK_EQ_INT(err.code, PT_OK);               /* untouched on success */
}

PT_TEST(refuses_blank_when_required)
{
	pt_error err;

	pt_error_clear(&err);
	PT_CHECK_EQ_INT(CHECK("", 10, PT_TEXT_REQUIRED), PT_ERR_INVALID);
	PT_CHECK_STR(err.message, "El motivo no puede quedar en blanco.");
	PT_CHECK(pt_error_catalogued(&err));
	PT_CHECK_EQ_INT(err.index, 0);
	PT_CHECK_EQ_INT(CHECK(" \xC2\xA0\xE2\x80\x8B\xE3\x80\x80", 0, PT_TEXT_REQUIRED), PT_ERR_INVALID);
	PT_CHECK_EQ_INT(CHECK("\n\t \n", 0, PT_TEXT_REQUIRED | PT_TEXT_MULTILINE), PT_ERR_INVALID);
	PT_CHECK_STR(err.message, "El motivo no puede quedar en blanco.");
	PT_CHECK_EQ_INT(CHECK(" x ", 0, PT_TEXT_REQUIRED), PT_OK);
}

PT_TEST(refuses_controls_unless_allowed)
{
	pt_error err;

	pt_error_clear(&err);
	PT_CHECK_EQ_INT(CHECK("ab\ncd", 0, 0), PT_ERR_INVALID);
	PT_CHECK_STR(err.message, "El motivo contiene un carácter de control no permitido (byte 2).");
	PT_CHECK_EQ_INT(err.index, 2);
	PT_CHECK(pt_error_catalogued(&err));
	PT_CHECK_EQ_INT(CHECK("ab\tcd", 0, PT_TEXT_NEWLINE), PT_ERR_INVALID);
	PT_CHECK_EQ_INT(CHECK("ab\ncd", 0, PT_TEXT_TAB), PT_ERR_INVALID);
	PT_CHECK_EQ_INT(CHECK("ab\tcd", 0, PT_TEXT_TAB), PT_OK);
	PT_CHECK_EQ_INT(CHECK("a\rb", 0, PT_TEXT_MULTILINE), PT_ERR_INVALID);   /* CR never */
	PT_CHECK_EQ_INT(CHECK("a\x7F", 0, PT_TEXT_MULTILINE), PT_ERR_INVALID);
	PT_CHECK_EQ_INT(CHECK("a\xC2\x85", 0, PT_TEXT_MULTILINE), PT_ERR_INVALID);  /* C1 */
	PT_CHECK_EQ_INT(err.index, 1);
	PT_CHECK(pt_text_check("a\0b", 3, 0, PT_TEXT_MULTILINE, "El motivo", &err) == PT_ERR_INVALID);
}

PT_TEST(refuses_bad_utf8_with_its_offset)
{
	pt_error err;

	pt_error_clear(&err);
	PT_CHECK_EQ_INT(CHECK("ok \xC3", 0, 0), PT_ERR_INVALID);
	PT_CHECK_STR(err.message, "El motivo no es UTF-8 válido (byte 3).");
	PT_CHECK(pt_error_catalogued(&err));
	PT_CHECK_STR(err.message_en, "The reason is not valid UTF-8 (byte 3).");
	PT_CHECK_EQ_INT(CHECK("\xC0\xAF", 0, 0), PT_ERR_INVALID);          /* overlong */
	PT_CHECK_EQ_INT(CHECK("\xED\xA0\x80", 0, 0), PT_ERR_INVALID);      /* surrogate */
	PT_CHECK_EQ_INT(CHECK("\xF4\x90\x80\x80", 0, 0), PT_ERR_INVALID);  /* past U+10FFFF */
	PT_CHECK_EQ_INT(CHECK("\x80", 0, 0), PT_ERR_INVALID);
	/* bad UTF-8 is reported before blankness and length */
	PT_CHECK_EQ_INT(CHECK("   \xFF", 1, PT_TEXT_REQUIRED), PT_ERR_INVALID);
	PT_CHECK_STR(err.message, "El motivo no es UTF-8 válido (byte 3).");
}

PT_TEST(refuses_length_in_characters)
{
	pt_error err;

	pt_error_clear(&err);
	PT_CHECK_EQ_INT(CHECK("ñññññx", 5, 0), PT_ERR_INVALID);
	PT_CHECK_STR(err.message, "El motivo tiene 6 caracteres; el máximo es 5.");
	PT_CHECK_EQ_INT(err.index, 10);    /* the sixth character starts at byte 10 */
	PT_CHECK(pt_error_catalogued(&err));
	PT_CHECK_STR(err.message_en, "The reason has 6 characters; the maximum is 5.");
}

PT_TEST(the_fast_utf8_validator_agrees)
{
	static const char *const good[] = { "", "abcdefghijklmnop", "ñandú \xF0\x9F\x98\x80", "\x01\x7F\n" };
	static const char *const bad[] = { "abcdefgh\xC3", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80",
		"abcdefghijklmno\x80", "\xE0\x80\x80" };
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		PT_CHECK(pt_text_utf8_valid(good[i], strlen(good[i])));
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		PT_CHECK(!pt_text_utf8_valid(bad[i], strlen(bad[i])));
		PT_CHECK(pt_text_validate(bad[i], strlen(bad[i]), NULL, NULL) == PT_ERR_INVALID);
	}
}

PT_TEST(space_and_blank_sets)
{
	PT_CHECK(pt_text_is_space(' ') && pt_text_is_space(0xA0) && pt_text_is_space(0xFEFF));
	PT_CHECK(!pt_text_is_space('\n') && !pt_text_is_space('a') && !pt_text_is_space(0x180E));
	PT_CHECK(pt_text_is_blank('\n') && pt_text_is_blank('\r') && pt_text_is_blank(0x180E));
	PT_CHECK(!pt_text_is_blank('x'));
}

PT_TEST(mentions_dedupe_and_cap)
{
	static const char text[] = "@ana, @luis y @ana otra vez; ana@correo.mx no; @wp:42.";
	char longest[PT_ID_MAX + 3];
	pt_mention *m = NULL;
	size_t n = 0;
	pt_error err;

	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_text_mentions(LIT_ARGS(text), 0, NULL, &m, &n, &err), PT_OK);
	PT_CHECK_EQ_INT(n, 3);
	if (n == 3) {
		PT_CHECK(m[0].len == 3 && memcmp(text + m[0].offset, "ana", 3) == 0);
		PT_CHECK(m[1].len == 4 && memcmp(text + m[1].offset, "luis", 4) == 0);
		PT_CHECK(m[2].len == 5 && memcmp(text + m[2].offset, "wp:42", 5) == 0);
	}
	pt_free(NULL, m);
	PT_CHECK_EQ_INT(pt_text_mentions(LIT_ARGS(text), 2, NULL, &m, &n, &err), PT_OK);
	PT_CHECK_EQ_INT(n, 2);
	pt_free(NULL, m);
	/* a handle of PT_ID_MAX bytes is one; one byte more is none */
	longest[0] = '@';
	memset(longest + 1, 'a', PT_ID_MAX);
	PT_CHECK_EQ_INT(pt_text_mentions(longest, PT_ID_MAX + 1, 0, NULL, &m, &n, &err), PT_OK);
	PT_CHECK_EQ_INT(n, 1);
	pt_free(NULL, m);
	longest[PT_ID_MAX + 1] = 'a';
	PT_CHECK_EQ_INT(pt_text_mentions(longest, PT_ID_MAX + 2, 0, NULL, &m, &n, &err), PT_OK);
	PT_CHECK_EQ_INT(n, 0);
	PT_CHECK(m == NULL);
}

int main(void)
{
	PT_RUN(accepts_ordinary_text);
	PT_RUN(refuses_blank_when_required);
	PT_RUN(refuses_controls_unless_allowed);
	PT_RUN(refuses_bad_utf8_with_its_offset);
	PT_RUN(refuses_length_in_characters);
	PT_RUN(the_fast_utf8_validator_agrees);
	PT_RUN(space_and_blank_sets);
	PT_RUN(mentions_dedupe_and_cap);
	return pt_test_summary("test_common_text");
}
