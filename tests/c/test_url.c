/* The one URL rule (core/url.h): what a browser would execute or rewrite is refused. */
#include "pt_test.h"
#include "core/common/url.h"

#include <string.h>

#define OK(s) PT_CHECK(pt_url_valid((s), sizeof(s) - 1))
#define NO(s) do { \
		if (pt_url_valid((s), sizeof(s) - 1)) { \
			PT_FAIL_AT("accepted %s", #s); \
		} \
	} while (0)

PT_TEST(accepts_http_https_and_relative)
{
	OK("https://iztapalapa.gob.mx/transparencia/acta-12.pdf");
	OK("http://example.org");
	OK("HTTPS://EXAMPLE.ORG/X");
	OK("HtTp://example.org:8080/a?b=c#d");
	OK("https://[2001:db8::1]/x");
	OK("https://es.wikipedia.org/wiki/A%C3%B1o");
	OK("https://es.wikipedia.org/wiki/Año");              /* IRI: non-ASCII letters as they are */
	OK("/documentos/minuta.pdf");
	OK("documentos/minuta.pdf");
	OK("../minuta.pdf");
	OK("./javascript:alert(1)");                         /* a path, not a scheme */
	OK("?pagina=2");
	OK("#evidencia-3");
	OK("/a/b:c");                                        /* ':' after the first '/' */
	OK("javascript%3Aalert(1)");
	OK("javascript&#58;alert(1)");                       /* "javascript&" + a fragment: a relative path */                          /* no ':' at all: a relative path */
}

PT_TEST(refuses_script_schemes_in_every_spelling)
{
	NO("javascript:alert(1)");
	NO("JavaScript:alert(1)");
	NO("JAVASCRIPT:alert(1)");
	NO(" javascript:alert(1)");                          /* browsers strip leading spaces */
	NO("\x01javascript:alert(1)");                       /* ... and leading C0 controls */
	NO("java\tscript:alert(1)");                         /* ... and remove tabs and newlines */
	NO("java\nscript:alert(1)");
	NO("java\rscript:alert(1)");
	NO("javascript\x00:alert(1)");
	NO("\xC2\xA0javascript:alert(1)");                    /* no-break space */
	NO("\xE2\x80\x8Bjavascript:alert(1)");                /* zero-width space */
	NO("\xEF\xBB\xBFjavascript:alert(1)");                /* BOM */
	NO("vbscript:msgbox(1)");
	NO("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==");
	NO("DATA:text/html,<script>alert(1)</script>");
	NO("file:///etc/passwd");
	NO("mailto:a@b.mx");
	NO("ftp://example.org/x");
	NO("%6Aavascript:alert(1)");                         /* ':' in the first segment */
	NO("1javascript:alert(1)");
	NO("https:alert(1)");                                /* http(s) needs "//" and a host */
	NO("https:/example.org");
	NO("https://");
	NO("https:///x");
	NO("https://:80/x");
}

PT_TEST(refuses_protocol_relative_and_backslashes)
{
	NO("//evil.example/x");
	NO("\\\\evil.example/x");                             /* "\\" is "//" to a browser */
	NO("/\\evil.example/x");
	NO("https:\\\\evil.example");
	NO("https://gob.mx@evil.example/");                  /* user names disguise the host */
	NO("https://user:pass@evil.example/");
}

PT_TEST(refuses_spaces_controls_and_bad_percent)
{
	NO("https://example.org/a b");
	NO("https://example.org/a\x7F");
	NO("https://example.org/a\xC2\x85");                  /* C1 control */
	NO("https://example.org/\xE2\x80\xAE" "fdp.exe");        /* bidi override */
	NO("https://example.org/%");
	NO("https://example.org/%4");
	NO("https://example.org/%zz");
	NO("https://example.org/<script>");
	NO("https://example.org/\"onmouseover=\"x");
	NO("https://example.org/`x`");
	NO("https://example.org/\xC3\x28");                   /* invalid UTF-8 */
	NO("https://example.org/\xED\xA0\x80");               /* a surrogate */
	NO("");
}

PT_TEST(length_and_messages)
{
	char buf[PT_URL_MAX + 2];
	pt_error err;

	memcpy(buf, "https://a.mx/", 13);
	memset(buf + 13, 'x', sizeof(buf) - 13);
	PT_CHECK(pt_url_valid(buf, PT_URL_MAX));
	PT_CHECK(!pt_url_valid(buf, PT_URL_MAX + 1));
	pt_error_clear(&err);
	PT_CHECK(pt_url_check("evidence.url", "javascript:alert(1)", 19, &err) == PT_ERR_INVALID);
	PT_CHECK_STR(err.message, "evidence.url: la dirección debe empezar con http:// o https://, o ser una "
		"dirección relativa del sitio");
	PT_CHECK(strstr(err.message, "alert") == NULL);      /* never quotes the value */
	pt_error_clear(&err);
	PT_CHECK(pt_url_check("evidence.url", "java\tscript:x", 13, &err) == PT_ERR_INVALID);
	PT_CHECK_EQ_INT(err.index, 4);
	pt_error_clear(&err);
	PT_CHECK(pt_url_check("evidence.url", "https://a.mx/%", 14, &err) == PT_ERR_INVALID);
	PT_CHECK(strstr(err.message, "'%'") != NULL);
}

int main(void)
{
	PT_RUN(accepts_http_https_and_relative);
	PT_RUN(refuses_script_schemes_in_every_spelling);
	PT_RUN(refuses_protocol_relative_and_backslashes);
	PT_RUN(refuses_spaces_controls_and_bad_percent);
	PT_RUN(length_and_messages);
	return pt_test_summary("test_url");
}
