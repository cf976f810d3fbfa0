/*
 * participa core: the one id rule (see pt_id.h).
 */
#include "core/common/pt_id.h"
#include "core/common/text.h"

#include <stdint.h>

static pt_status refuse(pt_error *err, const char *what, size_t at, const char *why)
{
	pt_error_set(err, PT_ERR_INVALID, "%s no es válido: %s.", what, why);
	if (err) {
		err->index = (long)at;
	}
	return PT_ERR_INVALID;
}

pt_status pt_id_check(const char *what, const char *s, size_t len, pt_error *err)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i, bytes, last = 0;

	if (len == 0 || s == NULL) {
		return refuse(err, what, 0, "está vacío");
	}
	if (len > PT_ID_MAX) {
		return refuse(err, what, PT_ID_MAX, "tiene más de " PT_ID_MAX_TEXT " bytes");
	}
	if (pt_text_validate(s, len, NULL, NULL) != PT_OK) {
		return refuse(err, what, 0, "no es UTF-8 válido o contiene caracteres de control");
	}
	for (i = 0; i < len; i += bytes) {
		uint32_t cp = pt_text_decode(p + i, &bytes);
		if (cp == '\n' || cp == '\t') {
			return refuse(err, what, i, "contiene un carácter de control");
		}
		if (i == 0 && pt_text_is_space(cp)) {
			return refuse(err, what, 0, "empieza con un espacio");
		}
		last = i;
	}
	if (pt_text_is_space(pt_text_decode(p + last, &bytes))) {
		return refuse(err, what, last, "termina con un espacio");
	}
	return PT_OK;
}

bool pt_id_valid(const char *s, size_t len)
{
	return pt_id_check("", s, len, NULL) == PT_OK;
}

pt_status pt_kind_check(const char *what, const char *s, size_t len, pt_error *err)
{
	size_t i;

	if (len == 0 || s == NULL) {
		return refuse(err, what, 0, "está vacío");
	}
	if (len > PT_KIND_MAX) {
		return refuse(err, what, PT_KIND_MAX, "tiene más de 64 caracteres");
	}
	if (!(s[0] >= 'a' && s[0] <= 'z')) {
		return refuse(err, what, 0, "debe empezar con una letra minúscula (a-z)");
	}
	for (i = 1; i < len; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
			return refuse(err, what, i, "solo admite letras minúsculas, dígitos y guion bajo");
		}
	}
	return PT_OK;
}

bool pt_kind_valid(const char *s, size_t len)
{
	return pt_kind_check("", s, len, NULL) == PT_OK;
}
