/*
 * participa core: the one URL rule (see url.h).
 */
#include "core/common/url.h"
#include "core/common/text.h"

#include <stdint.h>

/* Each refusal is its own format (one %s: what) so the message catalog
 * (messages_commitments.h) can translate it. */
#define REFUSE(at, fmt) do { \
		pt_error_set(err, PT_ERR_INVALID, fmt, what); \
		if (err) { \
			err->index = (long)(at); \
		} \
		return PT_ERR_INVALID; \
	} while (0)


/* Unicode white space and characters a reader cannot see (so a URL that
 * looks like one address is another): spaces, zero-width characters, bidi
 * controls, the soft hyphen, the BOM, variation selectors and tags. */
static bool invisible(uint32_t cp)
{
	return cp == 0xA0 || cp == 0xAD || cp == 0x34F || cp == 0x61C || cp == 0x115F || cp == 0x1160
		|| cp == 0x1680 || cp == 0x180E || (cp >= 0x2000 && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202F)
		|| (cp >= 0x205F && cp <= 0x206F) || cp == 0x3000 || cp == 0x3164 || (cp >= 0xFE00 && cp <= 0xFE0F)
		|| cp == 0xFEFF || cp == 0xFFA0 || (cp >= 0xFFF0 && cp <= 0xFFFB) || (cp >= 0xE0000 && cp <= 0xE0FFF);
}

static bool alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static bool lower_is(const char *s, size_t len, const char *lit)
{
	size_t i;

	for (i = 0; i < len; i++) {
		char c = s[i];

		if (c >= 'A' && c <= 'Z') {
			c = (char)(c - 'A' + 'a');
		}
		if (lit[i] == '\0' || c != lit[i]) {
			return false;
		}
	}
	return lit[len] == '\0';
}

pt_status pt_url_check(const char *what, const char *s, size_t len, pt_error *err)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i, bytes, scheme_end = 0;
	bool has_scheme = false;

	if (!what) {
		what = "url";
	}
	if (s == NULL || len == 0) {
		REFUSE(0, "%s: la dirección está vacía");
	}
	if (len > PT_URL_MAX) {
		REFUSE(PT_URL_MAX, "%s: la dirección tiene más de 2000 bytes");
	}
	if (pt_text_validate(s, len, NULL, NULL) != PT_OK) {
		REFUSE(0, "%s: la dirección no es UTF-8 válido o contiene caracteres de control");
	}
	/* characters: one pass over every code point */
	for (i = 0; i < len; i += bytes) {
		uint32_t cp = pt_text_decode(p + i, &bytes);

		if (cp <= 0x20 || cp == 0x7F) {
			REFUSE(i, "%s: la dirección contiene espacios o caracteres de control (un espacio se "
				"escribe %%20)");
		}
		if (cp == '"' || cp == '<' || cp == '>' || cp == '\\' || cp == '^' || cp == '`' || cp == '{' || cp == '|'
			|| cp == '}') {
			REFUSE(i, "%s: la dirección contiene un carácter no permitido (\" < > \\ ^ ` { | })");
		}
		if (cp == '%' && (i + 2 >= len || !hex(s[i + 1]) || !hex(s[i + 2]))) {
			REFUSE(i, "%s: la dirección tiene un '%%' que no va seguido de dos dígitos hexadecimales");
		}
		if (invisible(cp)) {
			REFUSE(i, "%s: la dirección contiene un espacio o un carácter invisible");
		}
	}
	/* scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"; a ':' in
	 * the first segment of anything else is refused as well, so what a
	 * browser might read as a scheme is never left to chance */
	for (i = 0; i < len && s[i] != '/' && s[i] != '?' && s[i] != '#'; i++) {
		if (s[i] == ':') {
			size_t k;

			has_scheme = i > 0 && alpha(s[0]);
			for (k = 1; has_scheme && k < i; k++) {
				char c = s[k];

				has_scheme = alpha(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
			}
			if (!has_scheme || !(lower_is(s, i, "http") || lower_is(s, i, "https"))) {
				REFUSE(0, "%s: la dirección debe empezar con http:// o https://, o ser una "
				"dirección relativa del sitio");
			}
			scheme_end = i + 1;
			break;
		}
	}
	if (has_scheme) {
		size_t host, end;

		if (len - scheme_end < 2 || s[scheme_end] != '/' || s[scheme_end + 1] != '/') {
			REFUSE(scheme_end, "%s: después de http: o https: deben ir dos barras y el sitio");
		}
		host = scheme_end + 2;
		for (end = host; end < len && s[end] != '/' && s[end] != '?' && s[end] != '#'; end++) {
			if (s[end] == '@') {
				REFUSE(end, "%s: la dirección no puede llevar usuario ni contraseña");
			}
		}
		if (end == host || s[host] == ':') {
			REFUSE(host, "%s: la dirección no indica el sitio después de http:// o https://");
		}
		return PT_OK;
	}
	if (len >= 2 && s[0] == '/' && s[1] == '/') {
		REFUSE(0, "%s: una dirección no puede empezar con //; escribe https:// y el sitio");
	}
	return PT_OK;
}

bool pt_url_valid(const char *s, size_t len)
{
	return pt_url_check("url", s, len, NULL) == PT_OK;
}
