/*
 * The message catalog (ext/core/common/messages.h) and pt_error_set()'s use of it.
 *
 * Every entry of every ext/core/common/messages_<area>.h: both texts non-empty,
 * strict UTF-8 on one line, the same printf conversions in the same order
 * (checked with a parser of this file's own, not the catalog's), no Spanish
 * format twice, found by the lookup, and formatting each entry conversion by
 * conversion gives valid UTF-8.
 *
 * Then a scan of the sources (the .c files of ext/core, ext/io, ext/php, found from the test
 * binary's own path, out/tests/..): every Spanish-looking format given to
 * pt_error_set(), pt_error_set_at() or participa_throw_invalid() must be in
 * the catalog. The scan fails for the files of area "common" (below) and,
 * with PARTICIPA_MESSAGES_STRICT=1, for every file; otherwise it lists the
 * others.
 */
#define _GNU_SOURCE
#include "pt_test.h"
#include "core/common/messages.h"
#include "core/common/pt_base.h"
#include "core/common/text.h"

#include <dirent.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <unistd.h>

/* ------------------------------------------------- an independent parser */

/* One conversion as the argument list sees it: how many '*' ints, the
 * length modifier and the conversion letter, e.g. "*.z:u" -> "1zu". */
typedef struct conv {
	int stars;
	char len[3];
	char letter;
	char spec[32];    /* the conversion as written, for formatting */
} conv;

/* Splits fmt into at most max conversions; -1 when a conversion is one the
 * catalog may not use (positional, %n, wide, unknown). */
static int parse_convs(const char *fmt, conv *out, int max)
{
	int n = 0;
	const char *p = fmt;

	while (*p) {
		conv c;
		size_t sl = 0;

		if (*p != '%') {
			p++;
			continue;
		}
		if (p[1] == '%') {
			p += 2;
			continue;
		}
		memset(&c, 0, sizeof(c));
		c.spec[sl++] = *p++;
		while (*p && strchr("-+ #0", *p)) {
			c.spec[sl++] = *p++;
		}
		if (*p == '*') {
			c.stars++;
			c.spec[sl++] = *p++;
		}
		while (*p >= '0' && *p <= '9' && sl < 20) {
			c.spec[sl++] = *p++;
		}
		if (*p == '$') {
			return -1;
		}
		if (*p == '.') {
			c.spec[sl++] = *p++;
			if (*p == '*') {
				c.stars++;
				c.spec[sl++] = *p++;
			}
			while (*p >= '0' && *p <= '9' && sl < 26) {
				c.spec[sl++] = *p++;
			}
		}
		if ((p[0] == 'h' && p[1] == 'h') || (p[0] == 'l' && p[1] == 'l')) {
			c.len[0] = p[0];
			c.len[1] = p[1];
			c.spec[sl++] = *p++;
			c.spec[sl++] = *p++;
		} else if (*p && strchr("hlzjt", *p)) {
			c.len[0] = *p;
			c.spec[sl++] = *p++;
		}
		if (!*p || !strchr("diuxXocsfeEgGp", *p)) {
			return -1;
		}
		if ((*p == 's' || *p == 'c' || *p == 'p') && c.len[0]) {
			return -1;   /* wide characters and strings */
		}
		c.letter = *p;
		c.spec[sl++] = *p++;
		c.spec[sl] = '\0';
		if (n >= max) {
			return -1;
		}
		out[n++] = c;
	}
	return n;
}

/* The argument type a conversion consumes: d/i and u/o/x/X read the same
 * width, so they match each other; s, c, p and the floating ones do not. */
static char arg_class(char letter)
{
	switch (letter) {
	case 'd': case 'i': case 'u': case 'o': case 'x': case 'X':
		return 'i';
	case 'f': case 'e': case 'E': case 'g': case 'G':
		return 'f';
	default:
		return letter;
	}
}

/* Formats fmt conversion by conversion with sample arguments of the right
 * types (a string with accents for %s), into out. */
static void format_sample(const char *fmt, char *out, size_t size)
{
	size_t o = 0;
	const char *p = fmt;

	out[0] = '\0';
	while (*p && o + 1 < size) {
		conv c;
		int n = 0;

		if (*p != '%' || p[1] == '%') {
			out[o++] = *p;
			p += *p == '%' ? 2 : 1;
			continue;
		}
		if (parse_convs(p, &c, 1) < 1) {
			break;
		}
		p += strlen(c.spec);
		{
			char *d = out + o;
			size_t room = size - o;
			const char *sample = "Peña Pobre ñandú";
			int w = c.letter == 's' ? (int)strlen(sample) : 3; /* a cut string would cut a character */

#define SAMPLE(v) (c.stars == 0 ? snprintf(d, room, c.spec, v) \
	: c.stars == 1 ? snprintf(d, room, c.spec, w, v) : snprintf(d, room, c.spec, w, w, v))
			switch (c.letter) {
			case 's':
				n = SAMPLE(sample);
				break;
			case 'c':
				n = SAMPLE('x');
				break;
			case 'p':
				n = SAMPLE((void *)out);
				break;
			case 'f': case 'e': case 'E': case 'g': case 'G':
				n = SAMPLE(2.5);
				break;
			default:
				if (!strcmp(c.len, "ll")) {
					n = SAMPLE(-42LL);
				} else if (!strcmp(c.len, "l")) {
					n = SAMPLE(-42L);
				} else if (!strcmp(c.len, "z")) {
					n = SAMPLE((size_t)42);
				} else if (!strcmp(c.len, "j")) {
					n = SAMPLE((intmax_t)42);
				} else if (!strcmp(c.len, "t")) {
					n = SAMPLE((ptrdiff_t)42);
				} else {
					n = SAMPLE(42);
				}
				break;
			}
#undef SAMPLE
		}
		if (n < 0 || (size_t)n >= size - o) {
			break;
		}
		o += (size_t)n;
	}
	out[o < size ? o : size - 1] = '\0';
}

static bool valid_line(const char *s)
{
	return pt_text_validate(s, strlen(s), NULL, NULL) == PT_OK && !strchr(s, '\n') && !strchr(s, '\t');
}

/* ---------------------------------------------------------------- tests */

PT_TEST(catalog_entries_are_well_formed)
{
	size_t i, n = pt_msg_count();
	const char *es, *en;

	PT_CHECK(n > 0);
	for (i = 0; i < n; i++) {
		conv ce[32], cn[32];
		int kes, ken, k;
		char sample[2048];

		PT_CHECK(pt_msg_entry(i, &es, &en));
		if (!es || !en || !*es || !*en) {
			PT_FAIL_AT("entry %zu has an empty text", i);
			continue;
		}
		if (!valid_line(es) || !valid_line(en)) {
			PT_FAIL_AT("entry \"%s\": not strict UTF-8 on one line", es);
		}
		kes = parse_convs(es, ce, 32);
		ken = parse_convs(en, cn, 32);
		if (kes < 0 || ken < 0) {
			PT_FAIL_AT("entry \"%s\": a conversion the catalog does not take", es);
			continue;
		}
		if (kes != ken) {
			PT_FAIL_AT("entry \"%s\": %d conversions in Spanish, %d in English", es, kes, ken);
			continue;
		}
		for (k = 0; k < kes; k++) {
			if (ce[k].stars != cn[k].stars || strcmp(ce[k].len, cn[k].len) != 0
					|| arg_class(ce[k].letter) != arg_class(cn[k].letter)) {
				PT_FAIL_AT("entry \"%s\": conversion %d is %s in Spanish, %s in English",
					es, k + 1, ce[k].spec, cn[k].spec);
			}
		}
		format_sample(es, sample, sizeof(sample));
		if (!valid_line(sample)) {
			PT_FAIL_AT("entry \"%s\": formats to invalid text", es);
		}
		format_sample(en, sample, sizeof(sample));
		if (!valid_line(sample)) {
			PT_FAIL_AT("entry \"%s\": its English formats to invalid text", es);
		}
	}
}

PT_TEST(no_duplicates_and_every_entry_is_found)
{
	size_t i, j, n = pt_msg_count();
	const char *es, *en, *es2, *en2;

	for (i = 0; i < n; i++) {
		pt_msg_entry(i, &es, &en);
		for (j = i + 1; j < n; j++) {
			pt_msg_entry(j, &es2, &en2);
			if (strcmp(es, es2) == 0) {
				PT_FAIL_AT("\"%s\" is in the catalog twice (entries %zu and %zu)", es, i, j);
			}
		}
		if (pt_msg_english(es) != en) {
			PT_FAIL_AT("lookup of \"%s\" does not give its English", es);
		}
	}
	PT_CHECK(pt_msg_english("no such message in the catalog %s") == NULL);
	PT_CHECK(pt_msg_english(NULL) == NULL);
	PT_CHECK(pt_msg_english("") == NULL);
}

PT_TEST(pt_error_set_fills_the_english)
{
	pt_error err;

	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_error_set(&err, PT_ERR_NOT_FOUND, PT_MSG_NOT_FOUND), PT_ERR_NOT_FOUND);
	PT_CHECK_STR(err.message, PT_MSG_NOT_FOUND);
	PT_CHECK_STR(err.message_en, "We could not find what you are looking for.");
	PT_CHECK(pt_error_catalogued(&err));

	/* arguments, and a phrase argument translated */
	pt_error_set(&err, PT_ERR_INVALID, "%s no es válido: %s.", "El participante", "está vacío");
	PT_CHECK_STR(err.message, "El participante no es válido: está vacío.");
	PT_CHECK_STR(err.message_en, "El participante is not valid: it is empty.");
	PT_CHECK(pt_error_catalogued(&err));

	/* not in the catalog: operator text, no English */
	pt_error_set(&err, PT_ERR_DB, "MariaDB error %u: %s", 1146u, "Table 'x.y' doesn't exist");
	PT_CHECK_STR(err.message, "MariaDB error 1146: Table 'x.y' doesn't exist");
	PT_CHECK_STR(err.message_en, "");
	PT_CHECK(!pt_error_catalogued(&err));

	/* a message rewritten after pt_error_set() is operator text again */
	pt_error_set(&err, PT_ERR_NOT_FOUND, PT_MSG_NOT_FOUND);
	snprintf(err.message, sizeof(err.message), "partial \"x\": %s", PT_MSG_NOT_FOUND);
	PT_CHECK(!pt_error_catalogued(&err));

	/* pt_error_set_at too */
	pt_error_set_at(&err, PT_ERR_INVALID, "f.yaml", 3, 4, PT_MSG_INVALID);
	PT_CHECK(pt_error_catalogued(&err));
	PT_CHECK_EQ_INT(err.line, 3);

	/* a NULL err is fine */
	PT_CHECK_EQ_INT(pt_error_set(NULL, PT_ERR_INVALID, PT_MSG_INVALID), PT_ERR_INVALID);
}

static bool vformat(char *out, size_t size, const char *fmt, ...)
{
	va_list ap;
	bool ok;

	va_start(ap, fmt);
	ok = pt_msg_vformat_english(out, size, fmt, ap);
	va_end(ap);
	return ok;
}

PT_TEST(english_formatter_matches_printf)
{
	char got[256], want[256];
	long long big = -9223372036854775807LL;

	PT_CHECK(vformat(got, sizeof(got), "%d|%5i|%-3u|%x|%lu|%lld|%zu|%jd|%td|%c|%%|%.2f|%g|%s|%.3s|%*d|%.*s|%p",
		-7, 12, 3u, 255u, 123456789UL, big, (size_t)99, (intmax_t)-5, (ptrdiff_t)8, 'z', 3.14159, 0.5,
		"hola", "abcdef", 4, 9, 2, "xyz", (void *)got));
	snprintf(want, sizeof(want), "%d|%5i|%-3u|%x|%lu|%lld|%zu|%jd|%td|%c|%%|%.2f|%g|%s|%.3s|%*d|%.*s|%p",
		-7, 12, 3u, 255u, 123456789UL, big, (size_t)99, (intmax_t)-5, (ptrdiff_t)8, 'z', 3.14159, 0.5,
		"hola", "abcdef", 4, 9, 2, "xyz", (void *)got);
	PT_CHECK_STR(got, want);

	/* phrases translate only as whole plain %s arguments */
	PT_CHECK(vformat(got, sizeof(got), "[%s] [%.20s] [%s]", "está vacío", "está vacío", "está vacío y más"));
	PT_CHECK_STR(got, "[it is empty] [está vacío] [está vacío y más]");
	PT_CHECK(vformat(got, sizeof(got), "%s", (const char *)NULL));
	PT_CHECK_STR(got, "(null)");

	/* refused: positional, %n, wide */
	PT_CHECK(!vformat(got, sizeof(got), "%1$s", "x"));
	PT_CHECK_STR(got, "");
	PT_CHECK(!vformat(got, sizeof(got), "%ls", L"x"));

	/* cut on a UTF-8 boundary: "ñ" is 2 bytes, room for 4 bytes + NUL */
	PT_CHECK(vformat(got, 5, "ab%s", "cñd"));
	PT_CHECK_STR(got, "abc");
	PT_CHECK(vformat(got, 6, "abcñ%d", 7));
	PT_CHECK_STR(got, "abcñ");
	PT_CHECK(vformat(got, 4, "abcdef"));
	PT_CHECK_STR(got, "abc");
}

/* ------------------------------------------------------ the source scan */

/* Files of area "common": every Spanish message in them must be catalogued. */
static const char *const common_files[] = {
	"core/common/pt_base.c", "core/common/messages.c", "core/common/pt_id.c", "io/common/db.c",
	"php/errors.c", "php/participa.c", "php/site_handle.c",
};

static bool looks_spanish(const char *s)
{
	static const char *const words[] = {
		"el", "la", "los", "las", "del", "una", "que", "debe", "tu", "ya", "es", "esta", "este",
		"para", "sin", "se", "puede", "no",
	};
	const char *p = s;
	size_t i;

	for (p = s; *p; p++) {
		if ((unsigned char)*p >= 0x80) {
			return true;   /* á é í ó ú ñ ¿ ¡ ... (English messages here are ASCII) */
		}
	}
	/* two or more Spanish words, as whole words */
	{
		int hits = 0;
		p = s;
		while (*p) {
			size_t n = 0;
			while (p[n] >= 'a' && p[n] <= 'z') {
				n++;
			}
			if (n) {
				for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
					if (strlen(words[i]) == n && strncmp(p, words[i], n) == 0) {
						hits++;
					}
				}
				p += n;
			} else {
				p++;
			}
		}
		return hits >= 2;
	}
}

/* Reads a run of adjacent C string literals at *pp into out (escapes
 * decoded for the few the sources use); false when *pp is not a literal. */
static bool read_literal_run(const char **pp, char *out, size_t size)
{
	const char *p = *pp;
	size_t o = 0;
	bool any = false;

	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			p++;
		}
		if (*p != '"') {
			break;
		}
		any = true;
		p++;
		while (*p && *p != '"') {
			char c = *p++;
			if (c == '\\' && *p) {
				char e = *p++;
				c = e == 'n' ? '\n' : e == 't' ? '\t' : e == '0' ? '\0' : e;
			}
			if (o + 1 < size) {
				out[o++] = c;
			}
		}
		if (*p == '"') {
			p++;
		}
	}
	out[o] = '\0';
	if (any) {
		*pp = p;
	}
	return any;
}

typedef struct scan_result {
	int checked, missing_common, missing_other;
} scan_result;

static void scan_file(const char *root, const char *rel, bool strict, scan_result *r)
{
	static const char *const calls[] = { "pt_error_set(", "pt_error_set_at(", "participa_throw_invalid(" };
	char path[PATH_MAX];
	FILE *f;
	char *src;
	long len;
	size_t k;

	snprintf(path, sizeof(path), "%s/ext/%s", root, rel);
	f = fopen(path, "rb");
	if (!f) {
		return;
	}
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	src = malloc((size_t)len + 1);
	if (!src || fread(src, 1, (size_t)len, f) != (size_t)len) {
		free(src);
		fclose(f);
		return;
	}
	src[len] = '\0';
	fclose(f);
	for (k = 0; k < sizeof(calls) / sizeof(calls[0]); k++) {
		const char *p = src;

		while ((p = strstr(p, calls[k])) != NULL) {
			const char *q = p + strlen(calls[k]);
			int depth = 1;
			char lit[2048];

			/* not a declaration or a longer name */
			if (p > src && (p[-1] == '_' || (p[-1] >= 'a' && p[-1] <= 'z'))) {
				p = q;
				continue;
			}
			while (*q && depth > 0) {
				if (*q == '"') {
					if (read_literal_run(&q, lit, sizeof(lit)) && looks_spanish(lit)) {
						r->checked++;
						if (!pt_msg_english(lit)) {
							if (strict) {
								r->missing_common++;
								PT_FAIL_AT("%s: \"%s\" has no English in the catalog", rel, lit);
							} else {
								r->missing_other++;
								printf("  not catalogued yet: %s: \"%s\"\n", rel, lit);
							}
						}
					}
					continue;
				}
				if (*q == '\'') {
					q++;
					if (*q == '\\') {
						q++;
					}
					if (*q) {
						q++;
					}
					if (*q == '\'') {
						q++;
					}
					continue;
				}
				if (*q == '(') {
					depth++;
				} else if (*q == ')') {
					depth--;
				}
				q++;
			}
			p = q;
		}
	}
	free(src);
}

PT_TEST(spanish_messages_in_the_sources_are_catalogued)
{
	char exe[PATH_MAX], root[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	/* ext/php, and every room folder of ext/core and ext/io */
	const char *dirs[] = {
		"core/common", "core/site", "core/participant", "core/thread", "core/tally",
		"core/process", "core/commitment", "core/template",
		"io/common", "io/site", "io/participant", "io/thread", "io/process", "io/commitment",
		"php",
	};
	bool all_strict = getenv("PARTICIPA_MESSAGES_STRICT") && strcmp(getenv("PARTICIPA_MESSAGES_STRICT"), "1") == 0;
	scan_result r = { 0, 0, 0 };
	size_t d, i;
	char *slash;
	int up;

	if (n <= 0) {
		printf("  cannot find the sources (no /proc/self/exe): scan skipped\n");
		return;
	}
	exe[n] = '\0';
	/* <root>/out/tests/test_messages */
	snprintf(root, sizeof(root), "%s", exe);
	for (up = 0; up < 3 && (slash = strrchr(root, '/')) != NULL; up++) {
		*slash = '\0';
	}
	for (d = 0; d < sizeof(dirs) / sizeof(dirs[0]); d++) {
		char dir[PATH_MAX];
		DIR *dh;
		struct dirent *de;

		snprintf(dir, sizeof(dir), "%s/ext/%s", root, dirs[d]);
		dh = opendir(dir);
		if (!dh) {
			continue;
		}
		while ((de = readdir(dh)) != NULL) {
			char rel[PATH_MAX];
			size_t l = strlen(de->d_name);
			bool strict = all_strict;

			if (l < 3 || strcmp(de->d_name + l - 2, ".c") != 0) {
				continue;
			}
			snprintf(rel, sizeof(rel), "%s/%s", dirs[d], de->d_name);
			for (i = 0; i < sizeof(common_files) / sizeof(common_files[0]); i++) {
				if (strcmp(rel, common_files[i]) == 0) {
					strict = true;
				}
			}
			scan_file(root, rel, strict, &r);
		}
		closedir(dh);
	}
	printf("  %d Spanish messages found in the sources, %d not catalogued yet (outside area common)\n",
		r.checked, r.missing_other);
	PT_CHECK(r.checked > 0);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	PT_RUN(catalog_entries_are_well_formed);
	PT_RUN(no_duplicates_and_every_entry_is_found);
	PT_RUN(pt_error_set_fills_the_english);
	PT_RUN(english_formatter_matches_printf);
	PT_RUN(spanish_messages_in_the_sources_are_catalogued);
	return pt_test_summary("test_messages");
}
