/*
 * participa core: Mustache compiler and renderer (see template.h).
 *
 * Compilation turns the source into a flat array of ops; a section op
 * records the index just past its body so rendering is a loop over ranges
 * and never re-parses. Standalone lines (a section, inverted, close,
 * comment, partial or delimiter tag alone on its line) are removed at
 * compile time, so rendering only has to re-indent standalone partials.
 *
 * Everything is linear in the source: the tag scan moves forward, the
 * standalone test looks back only to the previous tag, and in HTML mode a
 * small state machine (the HTML tokenizer's states that matter for
 * escaping) reads each emitted byte of literal text once. Rendering is
 * bounded by PT_TEMPLATE_MAX_STEPS work units and PT_TEMPLATE_MAX_OUTPUT
 * bytes, checked at every unit and every write.
 */
#include "core/template/template.h"
#include "core/common/pt_buf.h"
#include "core/common/pt_hash.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

typedef enum op_kind {
	OP_TEXT,
	OP_ESCAPED,
	OP_RAW,
	OP_SECTION,
	OP_INVERTED,
	OP_PARTIAL,
	OP_URL_BEGIN,    /* HTML: a URL attribute value holding a tag starts here */
	OP_URL_END,      /* ...and ends here: check what was written since */
	OP_BLOCK,        /* {{$name}}: a block, its body the default (or, in a parent's body, an override) */
	OP_PARENT        /* {{<name}}: a parent template; its body holds the overrides (other ops are ignored) */
} op_kind;

/* OP_BLOCK flags: how the site indents an override (indent/ilen hold the indentation). */
#define BLOCK_STANDALONE 1u   /* the open tag was alone on its line: every line, the default's too */
#define BLOCK_INLINE 2u       /* only blanks before the tag: the override's lines after its first */

/* 24 bytes: offsets fit in 32 bits because sources are at most PT_TEMPLATE_MAX_SOURCE. */
typedef struct op {
	uint8_t kind;            /* op_kind */
	uint8_t url;             /* OP_URL_BEGIN: A_URL or A_URL_LIST */
	uint8_t flags;           /* OP_BLOCK: BLOCK_* */
	uint32_t str, len;       /* text or name: offset/length into the template's copy of src */
	uint32_t indent, ilen;   /* standalone partials and parents, blocks: the indentation (source range) */
	uint32_t end;            /* sections: index of the first op after the body */
} op;

struct pt_template {
	const pt_allocator *a;
	unsigned flags;          /* PT_TEMPLATE_HTML */
	int ends_in_data;        /* HTML: the source ends between elements (usable as a partial) */
	char *src;
	size_t src_len;
	op *ops;
	size_t count, cap;
};

/* ------------------------------------------------------------- messages */

/*
 * A tag name as it may appear in a message: at most 40 bytes, printable
 * ASCII (anything else becomes '?'), so a message never carries control
 * bytes or a broken UTF-8 sequence from the template.
 */
static const char *shown(const char *s, size_t n, char buf[48])
{
	size_t i, k = n > 40 ? 40 : n;

	for (i = 0; i < k; i++) {
		unsigned char ch = (unsigned char)s[i];
		buf[i] = ch >= 0x20 && ch < 0x7f ? (char)ch : '?';
	}
	buf[k] = '\0';
	return buf;
}

static void position(const char *s, size_t off, unsigned *line, unsigned *col)
{
	size_t i;
	unsigned l = 1, c = 1;

	for (i = 0; i < off; i++) {
		if (s[i] == '\n') {
			l++;
			c = 1;
		} else {
			c++;
		}
	}
	*line = l;
	*col = c;
}

/* ---------------------------------------------------------- HTML context */

enum {
	H_DATA, H_TAG_OPEN, H_END_TAG_OPEN, H_TAG_NAME, H_BEFORE_ATTR, H_ATTR_NAME, H_AFTER_ATTR_NAME,
	H_BEFORE_VALUE, H_VALUE_DQ, H_VALUE_SQ, H_VALUE_UNQ, H_AFTER_VALUE, H_SELF_CLOSING,
	H_MARKUP, H_COMMENT, H_BOGUS, H_RAW,
	H_AMBIG_NAME,     /* after a section: in an attribute name, or between attributes */
	H_AMBIG_AFTER     /* after a section: after an attribute name, or between attributes */
};

/* What a start tag opens (H_RAW). */
enum { E_NORMAL, E_SCRIPT, E_STYLE, E_RCDATA, E_RAWTEXT, E_PLAINTEXT };

/* The attribute whose value is being read. A_EVENT and above refuse tags. */
enum { A_PLAIN, A_URL, A_URL_LIST, A_EVENT, A_STYLE, A_SRCDOC, A_ELEMENT };

/*
 * Tokenizer state. Fields that do not matter in a state are zero, so two
 * contexts compare with memcmp (a section must end in the context it
 * started in). No padding: 4 + 12 + 16 + 24 bytes.
 */
typedef struct hctx {
	uint32_t value_start;    /* URL values: source offset of the value's first byte */
	uint8_t state;
	uint8_t elem;            /* H_RAW: E_*; in a tag: nothing yet */
	uint8_t attr;            /* in a value: A_* */
	uint8_t end_tag;         /* the tag being read is an end tag */
	uint8_t armed;           /* an OP_URL_BEGIN was emitted for this value */
	uint8_t n;               /* comment sub-state, markup progress, raw end-tag match */
	uint8_t m;               /* <script>: progress through "<!--" */
	uint8_t nlen;            /* bytes in name (16: longer than any name we look for) */
	uint8_t alen;            /* bytes in aname (24: longer) */
	uint8_t pad[3];
	char name[16];           /* tag name, lower case; in H_RAW the element to close */
	char aname[24];          /* attribute name, lower case */
} hctx;

typedef struct section_open {
	uint32_t op;             /* index of the section op */
	uint32_t at;             /* offset of its open tag, for messages */
	uint32_t strip;          /* the compiler's strip before this section opened */
	hctx h;                  /* HTML context at the open tag */
} section_open;

typedef struct compiler {
	pt_template *t;
	const char *src;
	size_t len;
	pt_error *err;
	hctx h;
	section_open *stack;
	size_t depth, stack_cap;
	unsigned line, col;
	/*
	 * Inside standalone blocks: blanks removed from the start of every line of
	 * literal text (the block's own indentation, given back where it is
	 * rendered: "block indentation is removed at the site of definition and
	 * added at the site of expansion").
	 */
	size_t strip;
} compiler;

/* Fails the compile at source offset off; fmt ends with "(línea %u, columna %u)". */
#define CFAIL(c, off, fmt, ...) \
	(position((c)->src, (off), &(c)->line, &(c)->col), \
	 pt_error_set_at((c)->err, PT_ERR_INVALID, "", (c)->line, (c)->col, fmt, ##__VA_ARGS__, (c)->line, (c)->col))

static int h_ws(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\f' || ch == '\r';
}

static int h_alpha(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

static char h_lower(char ch)
{
	return ch >= 'A' && ch <= 'Z' ? (char)(ch + 32) : ch;
}

static int name_is(const char *name, size_t nlen, const char *w)
{
	return nlen == strlen(w) && memcmp(name, w, nlen) == 0;
}

static int elem_kind(const hctx *h)
{
	static const struct { const char *name; int kind; } k[] = {
		{ "script", E_SCRIPT }, { "style", E_STYLE }, { "textarea", E_RCDATA }, { "title", E_RCDATA },
		{ "xmp", E_RAWTEXT }, { "iframe", E_RAWTEXT }, { "noembed", E_RAWTEXT }, { "noframes", E_RAWTEXT },
		{ "noscript", E_RAWTEXT }, { "plaintext", E_PLAINTEXT },
	};
	size_t i;

	for (i = 0; i < sizeof(k) / sizeof(k[0]); i++) {
		if (name_is(h->name, h->nlen, k[i].name)) {
			return k[i].kind;
		}
	}
	return E_NORMAL;
}

static int attr_kind(const hctx *h)
{
	static const char *const url[] = {
		"href", "src", "action", "formaction", "cite", "poster", "background", "data", "codebase",
		"longdesc", "usemap", "manifest", "xlink:href", "icon", "profile", "archive", "classid",
		"lowsrc", "dynsrc", "to", "from", "by",
	};
	static const char *const list[] = { "srcset", "imagesrcset", "ping", "values" };
	size_t i;

	if (h->alen >= 2 && h->aname[0] == 'o' && h->aname[1] == 'n') return A_EVENT;
	if (name_is(h->name, h->nlen, "script") || name_is(h->name, h->nlen, "base")) return A_ELEMENT;
	if (name_is(h->aname, h->alen, "style")) return A_STYLE;
	if (name_is(h->aname, h->alen, "srcdoc")) return A_SRCDOC;
	for (i = 0; i < sizeof(url) / sizeof(url[0]); i++) {
		if (name_is(h->aname, h->alen, url[i])) return A_URL;
	}
	for (i = 0; i < sizeof(list) / sizeof(list[0]); i++) {
		if (name_is(h->aname, h->alen, list[i])) return A_URL_LIST;
	}
	return A_PLAIN;
}

static void h_data(hctx *h)
{
	memset(h, 0, sizeof(*h));
}

/* '>' of a tag: back to data, or into the raw text of <script>, <textarea>... */
static void h_emit(hctx *h)
{
	int kind = h->end_tag ? E_NORMAL : elem_kind(h);
	char name[16];
	uint8_t nlen = h->nlen;

	memcpy(name, h->name, sizeof(name));
	h_data(h);
	if (kind != E_NORMAL) {
		h->state = H_RAW;
		h->elem = (uint8_t)kind;
		memcpy(h->name, name, sizeof(name));
		h->nlen = nlen;
	}
}

static void h_attr_start(hctx *h, char ch)
{
	memset(h->aname, 0, sizeof(h->aname));
	h->aname[0] = h_lower(ch);
	h->alen = 1;
	h->state = H_ATTR_NAME;
}

static void h_value_start(hctx *h, uint8_t state, size_t off)
{
	h->state = state;
	h->attr = (uint8_t)attr_kind(h);
	h->value_start = (uint32_t)off;
	h->armed = 0;
}

/* Leaves an attribute value; 1 when it was armed (the caller emits OP_URL_END before this byte). */
static int h_value_end(hctx *h, uint8_t state)
{
	int armed = h->armed;

	h->state = state;
	h->attr = 0;
	h->armed = 0;
	h->value_start = 0;
	h->alen = 0;
	memset(h->aname, 0, sizeof(h->aname));
	return armed;
}

/*
 * Feeds one byte of literal text at source offset off. Returns 0, 1 when an
 * armed URL value ends before this byte, or -1 with the error set.
 */
static int h_step(compiler *c, char ch, size_t off)
{
	hctx *h = &c->h;
	int ended = 0;

	for (;;) {
		switch (h->state) {
		case H_DATA:
			if (ch == '<') h->state = H_TAG_OPEN;
			return ended;
		case H_TAG_OPEN:
			if (h_alpha(ch)) {
				h->state = H_TAG_NAME;
				h->name[0] = h_lower(ch);
				h->nlen = 1;
			} else if (ch == '/') {
				h->state = H_END_TAG_OPEN;
			} else if (ch == '!') {
				h->state = H_MARKUP;
				h->n = 0;
			} else if (ch == '?') {
				h->state = H_BOGUS;
			} else {
				h_data(h);
				continue;
			}
			return ended;
		case H_END_TAG_OPEN:
			if (h_alpha(ch)) {
				h->state = H_TAG_NAME;
				h->end_tag = 1;
				h->name[0] = h_lower(ch);
				h->nlen = 1;
			} else if (ch == '>') {
				h_data(h);
			} else {
				h->state = H_BOGUS;
			}
			return ended;
		case H_TAG_NAME:
			if (h_ws(ch)) h->state = H_BEFORE_ATTR;
			else if (ch == '/') h->state = H_SELF_CLOSING;
			else if (ch == '>') h_emit(h);
			else if (h->nlen < 15) h->name[h->nlen++] = h_lower(ch);
			else h->nlen = 16;
			return ended;
		case H_BEFORE_ATTR:
			if (h_ws(ch)) { /* stay */ }
			else if (ch == '/') h->state = H_SELF_CLOSING;
			else if (ch == '>') h_emit(h);
			else h_attr_start(h, ch);
			return ended;
		case H_ATTR_NAME:
			if (h_ws(ch)) h->state = H_AFTER_ATTR_NAME;
			else if (ch == '/') h->state = H_SELF_CLOSING;
			else if (ch == '>') h_emit(h);
			else if (ch == '=') h->state = H_BEFORE_VALUE;
			else if (h->alen < 23) h->aname[h->alen++] = h_lower(ch);
			else h->alen = 24;
			return ended;
		case H_AFTER_ATTR_NAME:
			if (h_ws(ch)) { /* stay */ }
			else if (ch == '/') h->state = H_SELF_CLOSING;
			else if (ch == '=') h->state = H_BEFORE_VALUE;
			else if (ch == '>') h_emit(h);
			else h_attr_start(h, ch);
			return ended;
		case H_BEFORE_VALUE:
			if (h_ws(ch)) { /* stay */ }
			else if (ch == '"') h_value_start(h, H_VALUE_DQ, off + 1);
			else if (ch == '\'') h_value_start(h, H_VALUE_SQ, off + 1);
			else if (ch == '>') h_emit(h);
			else h_value_start(h, H_VALUE_UNQ, off);
			return ended;
		case H_VALUE_DQ:
		case H_VALUE_SQ:
			if (ch == (h->state == H_VALUE_DQ ? '"' : '\'')) {
				ended = h_value_end(h, H_AFTER_VALUE);
			}
			return ended;
		case H_VALUE_UNQ:
			if (h_ws(ch)) {
				ended = h_value_end(h, H_BEFORE_ATTR);
			} else if (ch == '>') {
				ended = h_value_end(h, H_BEFORE_ATTR);
				h_emit(h);
			}
			return ended;
		case H_AFTER_VALUE:
			if (h_ws(ch)) h->state = H_BEFORE_ATTR;
			else if (ch == '/') h->state = H_SELF_CLOSING;
			else if (ch == '>') h_emit(h);
			else h_attr_start(h, ch);
			return ended;
		case H_AMBIG_NAME:
		case H_AMBIG_AFTER:
			/* One branch of a section left an attribute name open: refuse what would tell them apart. */
			if (h_ws(ch)) {
				h->state = H_AMBIG_AFTER;
			} else if (ch == '/') {
				h->state = H_SELF_CLOSING;
			} else if (ch == '>') {
				h_emit(h);
			} else if (ch == '=' || h->state == H_AMBIG_NAME) {
				CFAIL(c, off, "plantilla: tras una sección, este carácter puede seguir un nombre de atributo o "
					"empezar otro; separe el atributo opcional con un espacio dentro de la sección "
					"(línea %u, columna %u)");
				return -1;
			} else {
				h_attr_start(h, ch);
			}
			return ended;
		case H_SELF_CLOSING:
			if (ch == '>') {
				h_emit(h);
				return ended;
			}
			h->state = H_BEFORE_ATTR;
			continue;
		case H_MARKUP:
			if (ch == '-' && h->n == 0) {
				h->n = 1;
			} else if (ch == '-' && h->n == 1) {
				h->state = H_COMMENT;
				h->n = 0;
			} else if (ch == '[' && h->n == 0) {
				/* CDATA is a real section in <svg>/<math> and a bogus comment elsewhere: refuse the ambiguity. */
				CFAIL(c, off, "plantilla: no se admiten secciones <![CDATA[ (línea %u, columna %u)");
				return -1;
			} else {
				h->state = H_BOGUS;
				h->n = 0;
				continue;
			}
			return ended;
		case H_COMMENT:
			/* n: 0 start, 1 start dash, 2 text, 3 end dash, 4 end ("--"), 5 end bang ("--!"). */
			switch (h->n) {
			case 0: if (ch == '-') h->n = 1; else if (ch == '>') h_data(h); else h->n = 2; break;
			case 1: if (ch == '-') h->n = 4; else if (ch == '>') h_data(h); else h->n = 2; break;
			case 2: if (ch == '-') h->n = 3; break;
			case 3: h->n = ch == '-' ? 4 : 2; break;
			case 4: if (ch == '>') h_data(h); else if (ch == '!') h->n = 5; else if (ch != '-') h->n = 2; break;
			default: if (ch == '-') h->n = 3; else if (ch == '>') h_data(h); else h->n = 2; break;
			}
			return ended;
		case H_BOGUS:
			if (ch == '>') h_data(h);
			return ended;
		case H_RAW:
			if (h->elem == E_PLAINTEXT) {
				return ended;
			}
			if (h->elem == E_SCRIPT) {
				/* "<!--" in a script enters the "escaped" states where </script> may not end it. */
				if (ch == '<') h->m = 1;
				else if (ch == '!' && h->m == 1) h->m = 2;
				else if (ch == '-' && (h->m == 2 || h->m == 3)) h->m++;
				else h->m = 0;
				if (h->m == 4) {
					CFAIL(c, off, "plantilla: no se admite <!-- dentro de <script> (línea %u, columna %u)");
					return -1;
				}
			}
			if (h->n == 0) {
				if (ch == '<') h->n = 1;
			} else if (h->n == 1) {
				h->n = ch == '/' ? 2 : ch == '<' ? 1 : 0;
			} else {
				size_t k = (size_t)h->n - 2;
				if (k < h->nlen && h_lower(ch) == h->name[k]) {
					h->n++;
				} else if (k == h->nlen && (h_ws(ch) || ch == '/' || ch == '>')) {
					/* The end tag of the raw text element: its attributes, if any, then data. */
					h_data(h);
					if (ch != '>') {
						h->end_tag = 1;
						h->state = ch == '/' ? H_SELF_CLOSING : H_BEFORE_ATTR;
					}
				} else {
					h->n = ch == '<' ? 1 : 0;
				}
			}
			return ended;
		default:
			return ended;
		}
	}
}

/* ------------------------------------------------------------------ ops */

static op *add_op(pt_template *t, op_kind kind, size_t str, size_t len)
{
	op *o;

	if (pt_array_grow(t->a, &t->ops, &t->cap, t->count, sizeof(*t->ops), 16) != PT_OK) {
		return NULL;
	}
	o = &t->ops[t->count++];
	memset(o, 0, sizeof(*o));
	o->kind = (uint8_t)kind;
	o->str = (uint32_t)str;
	o->len = (uint32_t)len;
	return o;
}

static pt_status nomem(compiler *c)
{
	return pt_error_set(c->err, PT_ERR_NOMEM, "plantilla: sin memoria");
}

/* Literal text [start, end): in HTML mode read by the tokenizer and split where an armed URL value ends. */
static pt_status add_text_run(compiler *c, size_t start, size_t end)
{
	size_t i, seg = start;

	if (c->t->flags & PT_TEMPLATE_HTML) {
		for (i = start; i < end; i++) {
			uint8_t kind = c->h.attr;
			int r = h_step(c, c->src[i], i);
			if (r < 0) {
				return PT_ERR_INVALID;
			}
			if (r > 0) {
				op *o;
				if (i > seg && !add_op(c->t, OP_TEXT, seg, i - seg)) return nomem(c);
				if (!(o = add_op(c->t, OP_URL_END, i, 0))) return nomem(c);
				o->url = kind;
				seg = i;
			}
		}
	}
	if (end > seg && !add_op(c->t, OP_TEXT, seg, end - seg)) {
		return nomem(c);
	}
	return PT_OK;
}

static int is_blank(char c);

/* How many of the c->strip blanks a line starting at off has (all of them, or the blanks it has). */
static size_t strip_at(const compiler *c, size_t off, size_t end)
{
	size_t k = 0;

	while (k < c->strip && off + k < end && is_blank(c->src[off + k])) k++;
	return k;
}

/*
 * Literal text, less c->strip blanks at the start of each line inside a
 * standalone block. The blanks removed are still read by the HTML
 * tokenizer (after a newline, blanks change no state that matters).
 */
static pt_status add_text(compiler *c, size_t start, size_t end)
{
	size_t p = start;
	pt_status st;

	if (c->strip == 0) {
		return add_text_run(c, start, end);
	}
	while (p < end) {
		const char *nl;
		size_t q;

		if (p > 0 && c->src[p - 1] == '\n') {
			size_t k = strip_at(c, p, end), i;

			for (i = 0; (c->t->flags & PT_TEMPLATE_HTML) && i < k; i++) {
				if (h_step(c, c->src[p + i], p + i) < 0) return PT_ERR_INVALID;
			}
			p += k;
		}
		nl = memchr(c->src + p, '\n', end - p);
		q = nl ? (size_t)(nl - c->src) + 1 : end;
		if ((st = add_text_run(c, p, q)) != PT_OK) return st;
		p = q;
	}
	return PT_OK;
}

/*
 * The first tag inside a URL value: put OP_URL_BEGIN where the value
 * starts. No tag came between the value's opening quote and this tag (it
 * would have armed), so that point lies in one of the trailing text ops:
 * usually the last, but a standalone block strips its indentation line by
 * line, one text op per line, so a value spanning lines starts in an earlier one. That op is split
 * there and the marker goes between its halves, before the later text ops.
 */
static pt_status arm(compiler *c)
{
	pt_template *t = c->t;
	uint32_t vs = c->h.value_start;
	size_t i = t->count, old_count = t->count, extra, k;
	uint32_t head_len, tail_len;
	op split, *o;

	while (i > 0 && t->ops[i - 1].kind == OP_TEXT
		&& !(vs >= t->ops[i - 1].str && vs <= t->ops[i - 1].str + t->ops[i - 1].len)) {
		i--;
	}
	if (i == 0 || t->ops[i - 1].kind != OP_TEXT) {
		return pt_error_set(c->err, PT_ERR_INTERNAL, "plantilla: error interno al marcar un atributo URL");
	}
	split = t->ops[--i];
	head_len = vs - split.str;
	tail_len = split.str + split.len - vs;
	extra = (head_len ? 1 : 0) + (tail_len ? 1 : 0);   /* ops added besides the marker replacing split */
	for (k = 0; k < extra; k++) {
		if (!add_op(t, OP_TEXT, 0, 0)) return nomem(c);
	}
	memmove(&t->ops[i + 1 + extra], &t->ops[i + 1], (old_count - i - 1) * sizeof(*t->ops));
	o = &t->ops[i];
	if (head_len) {
		*o = split;
		o->len = head_len;
		o++;
	}
	memset(o, 0, sizeof(*o));
	o->kind = OP_URL_BEGIN;
	o->str = vs;
	o->url = c->h.attr;
	if (tail_len) {
		o++;
		*o = split;
		o->str = vs;
		o->len = tail_len;
	}
	c->h.armed = 1;
	return PT_OK;
}

/*
 * HTML mode: may a tag with this sigil stand here? (Sections and comments
 * may stand anywhere.) Partials, parents and blocks only between elements:
 * what they put there is checked as standing there (a block's body, default
 * or override, is compiled from between elements to between elements).
 */
static pt_status html_tag(compiler *c, char sigil, size_t at, const char *name, size_t nlen)
{
	hctx *h = &c->h;
	int emits = sigil == 0 || sigil == '{' || sigil == '&';
	int raw = sigil == '{' || sigil == '&';
	int inserts = sigil == '>' || sigil == '<' || sigil == '$';
	char b[48];

	switch (h->state) {
	case H_DATA:
		return PT_OK;
	case H_RAW:
		if ((h->elem == E_SCRIPT || h->elem == E_STYLE) && emits) {
			return CFAIL(c, at, "plantilla: {{%s}} dentro de <%s>: el escape HTML no protege JavaScript ni CSS "
				"(línea %u, columna %u)", shown(name, nlen, b), h->elem == E_SCRIPT ? "script" : "style");
		}
		break;
	case H_MARKUP:
	case H_COMMENT:
	case H_BOGUS:
		if (emits || inserts) {
			return CFAIL(c, at, "plantilla: {{%s}} dentro de un comentario HTML (línea %u, columna %u)",
				shown(name, nlen, b));
		}
		return PT_OK;
	case H_VALUE_DQ:
	case H_VALUE_SQ:
	case H_VALUE_UNQ:
		if (h->attr >= A_EVENT && (emits || inserts)) {
			return CFAIL(c, at, "plantilla: {{%s}} en el atributo %s de <%s>: el escape HTML no protege JavaScript, "
				"CSS ni HTML anidado (línea %u, columna %u)", shown(name, nlen, b),
				h->alen <= 23 ? h->aname : "on...", h->nlen <= 15 ? h->name : "?");
		}
		if (h->state == H_VALUE_UNQ && (emits || inserts)) {
			return CFAIL(c, at, "plantilla: {{%s}} en un valor de atributo sin comillas; póngalo entre comillas "
				"(línea %u, columna %u)", shown(name, nlen, b));
		}
		if (!raw && !inserts && (h->attr == A_URL || h->attr == A_URL_LIST) && !h->armed && sigil != '/') {
			pt_status st = arm(c);
			if (st != PT_OK) return st;
		}
		break;
	default:
		if (emits || inserts) {
			return CFAIL(c, at, "plantilla: {{%s}} dentro de una etiqueta HTML fuera de un valor de atributo "
				"entre comillas (línea %u, columna %u)", shown(name, nlen, b));
		}
		return PT_OK;
	}
	/* Between elements only: raw HTML and partials (whose text is checked as standing there). */
	if (raw) {
		return CFAIL(c, at, "plantilla: {{{%s}}} sin escapar solo puede ir entre elementos HTML, no en un atributo "
			"ni en <textarea>, <title> u otro texto especial (línea %u, columna %u)", shown(name, nlen, b));
	}
	if (sigil == '>') {
		return CFAIL(c, at, "plantilla: el parcial {{>%s}} solo puede ir entre elementos HTML "
			"(línea %u, columna %u)", shown(name, nlen, b));
	}
	if (inserts) {
		return CFAIL(c, at, "plantilla: {{%c%s}} (herencia) solo puede ir entre elementos HTML "
			"(línea %u, columna %u)", sigil, shown(name, nlen, b));
	}
	return PT_OK;
}

/*
 * Between two attributes of one tag: BEFORE_ATTR and AFTER_VALUE behave the
 * same on every byte; AFTER_ATTR_NAME differs from them only on '=', and
 * ATTR_NAME also on a byte that continues the name.
 */
static int between_attrs(const hctx *h)
{
	return h->state == H_BEFORE_ATTR || h->state == H_AFTER_VALUE || h->state == H_AFTER_ATTR_NAME
		|| h->state == H_ATTR_NAME || h->state == H_AMBIG_NAME || h->state == H_AMBIG_AFTER;
}

/*
 * A section closes; open is the context at its open tag. Exactly the same
 * context is fine. So are two "between attributes" states of one tag
 * (`<a {{#x}}download{{/x}}>`, an optional attribute on its own line): the
 * context becomes BEFORE_ATTR when they behave alike, else one of the
 * ambiguous states, which refuse the bytes that would tell the branches
 * apart. 0 when the contexts cannot be joined.
 */
static int join_context(compiler *c, const hctx *open)
{
	hctx *h = &c->h;
	int name, after;

	if (memcmp(open, h, sizeof(*h)) == 0) {
		return 1;
	}
	if (!between_attrs(open) || !between_attrs(h) || open->nlen != h->nlen || open->end_tag != h->end_tag
		|| memcmp(open->name, h->name, sizeof(h->name)) != 0) {
		return 0;
	}
	name = open->state == H_ATTR_NAME || open->state == H_AMBIG_NAME
		|| h->state == H_ATTR_NAME || h->state == H_AMBIG_NAME;
	after = open->state == H_AFTER_ATTR_NAME || open->state == H_AMBIG_AFTER
		|| h->state == H_AFTER_ATTR_NAME || h->state == H_AMBIG_AFTER;
	h->state = name ? H_AMBIG_NAME : after ? H_AMBIG_AFTER : H_BEFORE_ATTR;
	h->alen = 0;
	memset(h->aname, 0, sizeof(h->aname));
	return 1;
}

/* -------------------------------------------------------------- compile */

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static const char *find(const char *hay, size_t hlen, const char *needle, size_t nlen)
{
	const char *end, *p;

	if (nlen == 0 || nlen > hlen) {
		return NULL;
	}
	end = hay + hlen - nlen;
	for (p = hay; p <= end; p++) {
		p = memchr(p, needle[0], (size_t)(end - p) + 1);
		if (!p) {
			return NULL;
		}
		if (memcmp(p, needle, nlen) == 0) {
			return p;
		}
	}
	return NULL;
}

#define DELIM_MAX 16

/* The next delimiter of "=<open> <close>=" from s[*i]: after white space, up to
 * the next; 1 to DELIM_MAX - 1 bytes without '='. -1 when there is none. */
static int delim_token(const char *s, size_t n, size_t *i, size_t *a, size_t *len)
{
	while (*i < n && is_space(s[*i])) (*i)++;
	*a = *i;
	while (*i < n && !is_space(s[*i])) (*i)++;
	*len = *i - *a;
	return *len == 0 || *len >= DELIM_MAX || memchr(s + *a, '=', *len) ? -1 : 0;
}

/* Parses "=<open> <close>=" content (without the '='s). */
static int set_delims(const char *s, size_t n, char *open, size_t *olen, char *close, size_t *clen)
{
	size_t i = 0, a, len;

	if (delim_token(s, n, &i, &a, &len) != 0) {
		return -1;
	}
	memcpy(open, s + a, len);
	*olen = len;
	if (delim_token(s, n, &i, &a, &len) != 0) {
		return -1;
	}
	while (i < n && is_space(s[i])) i++;
	if (i != n) {
		return -1;
	}
	memcpy(close, s + a, len);
	*clen = len;
	return 0;
}

static pt_status push_section(compiler *c, size_t at)
{
	section_open *s;

	if (c->depth >= PT_TEMPLATE_MAX_NESTING) {
		return CFAIL(c, at, "plantilla: más de %d secciones abiertas a la vez (línea %u, columna %u)",
			PT_TEMPLATE_MAX_NESTING);
	}
	if (pt_array_grow(c->t->a, &c->stack, &c->stack_cap, c->depth, sizeof(*c->stack), 8) != PT_OK) {
		return nomem(c);
	}
	s = &c->stack[c->depth++];
	s->op = (uint32_t)(c->t->count - 1);
	s->at = (uint32_t)at;
	s->strip = (uint32_t)c->strip;
	memcpy(&s->h, &c->h, sizeof(s->h));
	return PT_OK;
}

/* Where a line of only blanks from off ends: just past its newline, at len, or (size_t)-1 if it holds more. */
static size_t blank_to_eol(const char *src, size_t len, size_t off)
{
	while (off < len && is_blank(src[off])) off++;
	if (off == len) return len;
	if (src[off] == '\n') return off + 1;
	if (src[off] == '\r' && off + 1 < len && src[off + 1] == '\n') return off + 2;
	return (size_t)-1;
}

#define GROUP_MAX 8

/*
 * Inheritance's standalone lines: "a parent's [or a block's] opening and
 * closing tags need not be on separate lines in order to be standalone".
 * From the tag at `at` (the first on its line after blanks), a line of
 * blanks and tags that holds at least one parent tag ({{<p}} or the close
 * of one), which the rest of the line ignores, and at most one other
 * standalone kind of tag ({{$b}}, {{#s}}, {{^s}}, a close, a comment) is
 * standalone as a whole. Returns where the line ends (past its newline),
 * or (size_t)-1 when it is not such a line. Reads only that line.
 */
static size_t parent_line(const compiler *c, size_t at, const char *open, size_t olen, const char *close,
	size_t clen)
{
	const char *src = c->src;
	size_t len = c->len, p = at, depth = c->depth, tags = 0, parents = 0, others = 0, pushed = 0;
	struct { const char *name; size_t len; int parent; } push[GROUP_MAX];

	for (;;) {
		size_t inner, name_s, name_e, end = blank_to_eol(src, len, p);
		const char *e;
		char sigil;

		if (end != (size_t)-1) {
			return parents && others <= 1 ? end : (size_t)-1;
		}
		while (is_blank(src[p])) p++;
		if (++tags > GROUP_MAX || len - p < olen || memcmp(src + p, open, olen) != 0) {
			return (size_t)-1;
		}
		inner = p + olen;
		if (inner >= len || !(e = find(src + inner, len - inner, close, clen))) {
			return (size_t)-1;
		}
		sigil = src[inner];
		if (sigil == '\0' || !strchr("<$#^/!", sigil)) {
			return (size_t)-1;
		}
		name_s = inner + 1;
		name_e = (size_t)(e - src);
		while (name_s < name_e && is_space(src[name_s])) name_s++;
		while (name_e > name_s && is_space(src[name_e - 1])) name_e--;
		if (sigil == '/') {
			int parent;
			const char *top;
			size_t tlen;

			if (pushed) {
				pushed--;
				parent = push[pushed].parent;
				top = push[pushed].name;
				tlen = push[pushed].len;
			} else if (depth) {
				const op *o = &c->t->ops[c->stack[--depth].op];
				parent = o->kind == OP_PARENT;
				top = src + o->str;
				tlen = o->len;
			} else {
				return (size_t)-1;
			}
			if (parent && tlen == name_e - name_s && memcmp(top, src + name_s, tlen) == 0) {
				parents++;
			} else {
				others++;
			}
		} else {
			if (sigil == '<') parents++;
			else others++;
			if (sigil != '!') {
				push[pushed].name = src + name_s;
				push[pushed].len = name_e - name_s;
				push[pushed++].parent = sigil == '<';
			}
		}
		p = (size_t)(e - src) + clen;
	}
}

/* The blanks at the start of the line at off, after the c->strip the compiler removes: [*from, *to). */
static void line_indent(const compiler *c, size_t off, size_t *from, size_t *to)
{
	size_t i = off;

	while (i < c->len && is_blank(c->src[i])) i++;
	*from = off + strip_at(c, off, i);
	*to = i;
}

static pt_status compile(compiler *c)
{
	pt_template *t = c->t;
	const char *src = c->src;
	size_t len = c->len;
	char open[DELIM_MAX] = "{{", close[DELIM_MAX] = "}}";
	size_t olen = 2, clen = 2;
	size_t pos = 0, text_start = 0, last_tag_end = 0, group_end = 0;
	int html = (t->flags & PT_TEMPLATE_HTML) != 0;
	pt_status st;

	for (;;) {
		const char *tag = find(src + pos, len - pos, open, olen);
		size_t tag_start, inner, inner_end, tag_end, name_s, name_e, line_start = 0, text_end;
		char sigil = 0, b[48], b2[48];
		int standalone = 0, left = 0;
		size_t after = 0;

		if (!tag) {
			return add_text(c, text_start, len);
		}
		tag_start = (size_t)(tag - src);
		inner = tag_start + olen;
		if (inner < len && (src[inner] == '{' || src[inner] == '=')) {
			/* Triple mustache: "{" name "}" close; delimiter change: "=" ... "=" close. */
			char cbuf[DELIM_MAX + 1];
			const char *e;
			sigil = src[inner];
			cbuf[0] = sigil == '{' ? '}' : '=';
			memcpy(cbuf + 1, close, clen);
			e = find(src + inner + 1, len - inner - 1, cbuf, clen + 1);
			if (!e) {
				return sigil == '{' ? CFAIL(c, tag_start, "plantilla: etiqueta sin cerrar (línea %u, columna %u)")
					: CFAIL(c, tag_start, "plantilla: cambio de delimitadores sin cerrar (línea %u, columna %u)");
			}
			inner_end = (size_t)(e - src);
			tag_end = inner_end + clen + 1;
			inner++;
		} else {
			const char *e = find(src + inner, len - inner, close, clen);
			if (!e) {
				return CFAIL(c, tag_start, "plantilla: etiqueta sin cerrar (línea %u, columna %u)");
			}
			inner_end = (size_t)(e - src);
			tag_end = inner_end + clen;
			/* src[inner] may be a NUL byte: strchr would match the string's terminator. */
			if (inner < inner_end && src[inner] != '\0' && strchr("#^/!>&$<", src[inner])) {
				sigil = src[inner];
				inner++;
			}
		}
		name_s = inner;
		name_e = inner_end;
		while (name_s < name_e && is_space(src[name_s])) name_s++;
		while (name_e > name_s && is_space(src[name_e - 1])) name_e--;

		/*
		 * Standalone: only blanks between the start of the line and the tag, no
		 * other tag on the line, only blanks up to the end of the line. Looking
		 * back stops at the previous tag, so the whole scan stays linear (a
		 * parent's line, parent_line(), reads ahead only to its end).
		 */
		if (tag_start < group_end) {
			/* a later tag of a standalone parent line: nothing between them is text; the last ends the line */
			standalone = 1;
			line_start = text_start;
			after = blank_to_eol(src, len, tag_end) != (size_t)-1 ? group_end : tag_end;
		} else if (sigil && strchr("#^/!>=$<", sigil)) {
			size_t i = tag_start;
			while (i > last_tag_end && is_blank(src[i - 1])) i--;
			if (i == 0 || src[i - 1] == '\n') {
				left = 1;
				line_start = i;
				if ((after = blank_to_eol(src, len, tag_end)) != (size_t)-1) {
					standalone = 1;
				} else if (sigil != '>' && sigil != '='
						&& (group_end = parent_line(c, tag_start, open, olen, close, clen)) != (size_t)-1) {
					standalone = 1;
					after = tag_end;
				} else {
					group_end = 0;
					after = 0;
				}
			}
		}
		text_end = standalone ? line_start : tag_start;
		if (text_end < text_start) {
			text_end = text_start;
		}
		if ((st = add_text(c, text_start, text_end)) != PT_OK) {
			return st;
		}

		if (sigil != '!' && sigil != '=') {
			if (name_e == name_s) {
				return CFAIL(c, tag_start, "plantilla: etiqueta sin nombre (línea %u, columna %u)");
			}
			if (name_e - name_s > PT_TEMPLATE_MAX_NAME) {
				return CFAIL(c, tag_start, "plantilla: nombre de etiqueta de más de %d bytes (línea %u, columna %u)",
					PT_TEMPLATE_MAX_NAME);
			}
		}
		if (html && sigil != '/' && (st = html_tag(c, sigil, tag_start, src + name_s, name_e - name_s)) != PT_OK) {
			return st;
		}
		switch (sigil) {
		case '!':
			break;
		case '=':
			if (set_delims(src + inner, inner_end - inner, open, &olen, close, &clen) != 0) {
				return CFAIL(c, tag_start, "plantilla: cambio de delimitadores no válido (línea %u, columna %u)");
			}
			break;
		case '{':
		case '&':
			if (!add_op(t, OP_RAW, name_s, name_e - name_s)) return nomem(c);
			break;
		case '#':
		case '^':
			if (!add_op(t, sigil == '#' ? OP_SECTION : OP_INVERTED, name_s, name_e - name_s)) {
				return nomem(c);
			}
			if ((st = push_section(c, tag_start)) != PT_OK) {
				return st;
			}
			break;
		case '/': {
			section_open *s;
			op *o;
			if (c->depth == 0) {
				return CFAIL(c, tag_start, "plantilla: etiqueta de cierre sin sección abierta (línea %u, columna %u)");
			}
			s = &c->stack[c->depth - 1];
			o = &t->ops[s->op];
			if (o->len != name_e - name_s || memcmp(src + o->str, src + name_s, o->len) != 0) {
				return CFAIL(c, tag_start, "plantilla: la etiqueta de cierre {{/%s}} no corresponde a la sección "
					"{{#%s}} (línea %u, columna %u)", shown(src + name_s, name_e - name_s, b),
					shown(src + o->str, o->len, b2));
			}
			if (html && !join_context(c, &s->h)) {
				return CFAIL(c, tag_start, "plantilla: la sección {{#%s}} termina en otro contexto HTML que en el que "
					"empieza (p. ej. abre dentro de un atributo o una etiqueta y cierra fuera); ábrala y ciérrela "
					"en el mismo lugar (línea %u, columna %u)", shown(src + o->str, o->len, b));
			}
			o->end = (uint32_t)t->count;
			c->strip = s->strip;
			c->depth--;
			break;
		}
		case '>':
		case '<': {
			op *o = add_op(t, sigil == '>' ? OP_PARTIAL : OP_PARENT, name_s, name_e - name_s);
			if (!o) return nomem(c);
			if (standalone && left) {
				/* indented as a whole, less what an enclosing block strips */
				size_t k = strip_at(c, line_start, tag_start);
				o->indent = (uint32_t)(line_start + k);
				o->ilen = (uint32_t)(tag_start - line_start - k);
			}
			if (sigil == '<' && (st = push_section(c, tag_start)) != PT_OK) {
				return st;
			}
			break;
		}
		case '$': {
			op *o = add_op(t, OP_BLOCK, name_s, name_e - name_s);
			size_t from, to;
			if (!o) return nomem(c);
			if (standalone && (after == len || src[after - 1] == '\n')) {
				/* its body starts on the next line: that line's indentation is the block's */
				line_indent(c, after, &from, &to);
				o->flags = BLOCK_STANDALONE;
			} else if (left) {
				from = line_start + strip_at(c, line_start, tag_start);
				to = tag_start;
				o->flags = BLOCK_INLINE;
			} else {
				from = to = 0;
			}
			o->indent = (uint32_t)from;
			o->ilen = (uint32_t)(to - from);
			if ((st = push_section(c, tag_start)) != PT_OK) {
				return st;
			}
			if (o->flags == BLOCK_STANDALONE) {
				c->strip += to - from;
			}
			break;
		}
		default:
			if (!add_op(t, OP_ESCAPED, name_s, name_e - name_s)) return nomem(c);
			break;
		}
		pos = standalone ? after : tag_end;
		text_start = pos;
		last_tag_end = pos;
	}
}

pt_status pt_template_compile(const char *src, size_t len, unsigned flags, const pt_allocator *a,
	pt_template **out, pt_error *err)
{
	compiler c;
	pt_template *t;
	pt_status st;

	*out = NULL;
	if (!src) {
		len = 0;
	}
	if (len > PT_TEMPLATE_MAX_SOURCE) {
		return pt_error_set(err, PT_ERR_INVALID, "plantilla: el código fuente supera %u bytes",
			PT_TEMPLATE_MAX_SOURCE);
	}
	t = pt_calloc(a, 1, sizeof(*t));
	if (!t || !(t->src = pt_strndup(a, src ? src : "", len))) {
		pt_free(a, t);
		return pt_error_set(err, PT_ERR_NOMEM, "plantilla: sin memoria");
	}
	t->a = a;
	t->flags = flags & PT_TEMPLATE_HTML;
	t->src_len = len;
	memset(&c, 0, sizeof(c));
	c.t = t;
	c.src = t->src;
	c.len = len;
	c.err = err;
	st = compile(&c);
	if (st == PT_OK && c.depth > 0) {
		section_open *s = &c.stack[c.depth - 1];
		st = CFAIL(&c, s->at, "plantilla: sección sin cerrar (línea %u, columna %u)");
	}
	if (st == PT_OK && c.h.armed) {
		/* The source ends inside a URL value: check it up to the end. */
		op *o = add_op(t, OP_URL_END, len, 0);
		if (!o) {
			st = nomem(&c);
		} else {
			o->url = c.h.attr;
		}
	}
	t->ends_in_data = c.h.state == H_DATA;
	pt_free(a, c.stack);
	if (st != PT_OK) {
		pt_template_free(t);
		return st;
	}
	*out = t;
	return PT_OK;
}

pt_status pt_template_copy(const pt_template *t, const pt_allocator *a, pt_template **out, pt_error *err)
{
	pt_template *n = pt_calloc(a, 1, sizeof(*n));

	*out = NULL;
	if (!n || !(n->src = pt_strndup(a, t->src, t->src_len))
		|| (t->count && !(n->ops = pt_alloc(a, t->count * sizeof(op))))) {
		if (n) {
			pt_free(a, n->src);
		}
		pt_free(a, n);
		return pt_error_set(err, PT_ERR_NOMEM, "plantilla: sin memoria");
	}
	n->a = a;
	n->flags = t->flags;
	n->ends_in_data = t->ends_in_data;
	n->src_len = t->src_len;
	if (t->count) {
		memcpy(n->ops, t->ops, t->count * sizeof(op));
	}
	n->count = n->cap = t->count;
	*out = n;
	return PT_OK;
}

size_t pt_template_bytes(const pt_template *t)
{
	return t ? sizeof(*t) + t->src_len + 1 + t->cap * sizeof(op) : 0;
}

void pt_template_free(pt_template *t)
{
	const pt_allocator *a;

	if (!t) {
		return;
	}
	a = t->a;
	pt_free(a, t->ops);
	pt_free(a, t->src);
	pt_free(a, t);
}

/* ----------------------------------------------------------------- render */

typedef struct render {
	const pt_allocator *a;
	const pt_template_data *d;
	pt_template_lookup lookup;
	void *lctx;
	pt_error *err;
	char *buf;
	size_t len, cap;
	const void **stack;      /* context stack: innermost last */
	size_t depth, stack_cap;
	char *indent;
	size_t ilen, icap;
	int pending;             /* at the start of a line inside an indented partial */
	int partials;            /* current partial nesting */
	size_t steps;            /* work units, against PT_TEMPLATE_MAX_STEPS */
	size_t url_mark;         /* output offset where the open URL value starts */
	int url_open;
	uint8_t url_kind;
	/* parents being rendered, outermost first: the bodies that hold their overrides */
	struct frame { const pt_template *t; size_t from, to; } *frames;
	size_t nframes, frames_cap;
} render;

static pt_status charge(render *r, size_t units)
{
	r->steps += units;
	if (r->steps > PT_TEMPLATE_MAX_STEPS) {
		return pt_error_set(r->err, PT_ERR_INVALID,
			"plantilla: la representación necesita más de %d pasos (¿parcial recursivo o secciones anidadas "
			"sobre listas?)", PT_TEMPLATE_MAX_STEPS);
	}
	return PT_OK;
}

static pt_status grow(render *r, size_t extra)
{
	size_t need, cap;
	char *n;

	if (extra > PT_TEMPLATE_MAX_OUTPUT || r->len > PT_TEMPLATE_MAX_OUTPUT - extra) {
		return pt_error_set(r->err, PT_ERR_INVALID, "plantilla: la salida supera %d bytes",
			PT_TEMPLATE_MAX_OUTPUT);
	}
	need = r->len + extra + 1;
	if (need <= r->cap) {
		return PT_OK;
	}
	cap = r->cap ? r->cap : 256;
	while (cap < need) cap *= 2;
	if (cap > PT_TEMPLATE_MAX_OUTPUT + 1) {
		cap = PT_TEMPLATE_MAX_OUTPUT + 1;   /* never more than the cap, even while doubling */
	}
	n = pt_realloc(r->a, r->buf, cap);
	if (!n) {
		return pt_error_set(r->err, PT_ERR_NOMEM, "plantilla: sin memoria");
	}
	r->buf = n;
	r->cap = cap;
	return PT_OK;
}

static pt_status put(render *r, const char *s, size_t n)
{
	pt_status st;

	if (n == 0) return PT_OK;
	if ((st = grow(r, n)) != PT_OK) return st;
	memcpy(r->buf + r->len, s, n);
	r->len += n;
	return PT_OK;
}

static pt_status put_indent(render *r)
{
	if (r->pending && r->ilen) {
		r->pending = 0;
		return put(r, r->indent, r->ilen);
	}
	return PT_OK;
}

/* Template text: indented after each newline when inside a standalone partial. */
static pt_status put_text(render *r, const char *s, size_t n)
{
	pt_status st;

	if (r->ilen == 0) {
		return put(r, s, n);
	}
	while (n > 0) {
		const char *nl = memchr(s, '\n', n);
		size_t k = nl ? (size_t)(nl - s) + 1 : n;
		if ((st = put_indent(r)) != PT_OK || (st = put(r, s, k)) != PT_OK) return st;
		if (nl) r->pending = 1;
		s += k;
		n -= k;
	}
	return PT_OK;
}

/* & < > " ' and ` (old browsers took a backtick for an attribute quote). */
static pt_status put_escaped(render *r, const char *s, size_t n)
{
	size_t i, start = 0;
	pt_status st;

	for (i = 0; i < n; i++) {
		const char *rep;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		case '`': rep = "&#96;"; break;
		default: continue;
		}
		if ((st = put(r, s + start, i - start)) != PT_OK || (st = put(r, rep, strlen(rep))) != PT_OK) {
			return st;
		}
		start = i + 1;
	}
	return put(r, s + start, n - start);
}

static pt_status put_value(render *r, const void *v, int escape)
{
	const char *s = NULL;
	size_t n = 0;
	pt_status st;

	if (!v) return PT_OK;
	switch (r->d->type(r->d->ctx, v)) {
	case PT_VALUE_BOOL:
	case PT_VALUE_INT:
	case PT_VALUE_RATIONAL:
	case PT_VALUE_STRING:
		r->d->text(r->d->ctx, v, &s, &n);
		break;
	default:
		return PT_OK;
	}
	if (n == 0) return PT_OK;
	if ((st = put_indent(r)) != PT_OK) return st;
	return escape ? put_escaped(r, s, n) : put(r, s, n);
}

/* ------------------------------------------------------------ URL values */

/*
 * The next character of an attribute value as the browser decodes it
 * (character references), as a byte; a non-ASCII character is 0x80. Our
 * escaper writes & as &amp;, so data can never form a reference: only the
 * template's own text can, and those are decoded too.
 */
static int next_char(const char *s, size_t n, size_t *i)
{
	static const struct { const char *name; char ch; } refs[] = {
		{ "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' }, { "colon", ':' },
		{ "tab", '\t' }, { "newline", '\n' }, { "sol", '/' }, { "bsol", '\\' }, { "quest", '?' },
		{ "num", '#' }, { "comma", ',' }, { "semi", ';' }, { "grave", '`' }, { "period", '.' },
	};
	unsigned char ch = (unsigned char)s[*i];
	size_t j = *i + 1, k;

	if (ch != '&') {
		(*i)++;
		return ch;
	}
	if (j < n && s[j] == '#') {
		int hex = 0;
		uint32_t v = 0;
		size_t digits = 0;
		j++;
		if (j < n && (s[j] == 'x' || s[j] == 'X')) {
			hex = 1;
			j++;
		}
		for (; j < n; j++, digits++) {
			char d = s[j];
			int x;
			if (d >= '0' && d <= '9') x = d - '0';
			else if (hex && (d | 0x20) >= 'a' && (d | 0x20) <= 'f') x = (d | 0x20) - 'a' + 10;
			else break;
			if (v < 0x110000) v = v * (hex ? 16u : 10u) + (uint32_t)x;
		}
		if (digits == 0) {
			(*i)++;
			return '&';
		}
		if (j < n && s[j] == ';') j++;
		*i = j;
		return v > 0 && v < 0x80 ? (int)v : 0x80;
	}
	for (k = 0; k < sizeof(refs) / sizeof(refs[0]); k++) {
		size_t l = strlen(refs[k].name), m;
		if (j + l >= n || s[j + l] != ';') continue;
		for (m = 0; m < l && h_lower(s[j + m]) == refs[k].name[m]; m++) {}
		if (m == l) {
			*i = j + l + 1;
			return (unsigned char)refs[k].ch;
		}
	}
	(*i)++;
	return '&';
}

static int url_sep(int ch, int list)
{
	return list && (ch == ',' || ch == ';' || ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f');
}

/*
 * Is the written attribute value [s, s+n) safe as a URL (list: each
 * comma/semicolon/space-separated token)? Safe: a relative reference (no
 * ':' before the first '/', '?', '#' or '\'), or the schemes http, https,
 * mailto and tel. Leading controls and spaces are skipped and tabs and
 * newlines ignored, as the URL parser does; anything else unusual before a
 * ':' makes the value unsafe (stricter than the browser, never looser).
 */
static int url_ok(const char *s, size_t n, int list)
{
	static const char *const allowed[] = { "http", "https", "mailto", "tel" };
	size_t i = 0;

	while (i < n) {
		char scheme[8];
		size_t sl = 0, k;
		int over = 0, decided = 0;
		/* Start of a URL: skip separators and leading C0 controls / spaces. */
		while (i < n) {
			size_t save = i;
			int ch = next_char(s, n, &i);
			if (!(ch <= 0x20 || url_sep(ch, list))) {
				i = save;
				break;
			}
		}
		while (i < n && !decided) {
			size_t save = i;
			int ch = next_char(s, n, &i);
			if (url_sep(ch, list)) {
				i = save;              /* the separator starts the next token's skip */
				decided = 1;
				break;
			}
			if (ch == '\t' || ch == '\n' || ch == '\r') {
				continue;
			}
			if (ch == '/' || ch == '?' || ch == '#' || ch == '\\') {
				decided = 1;           /* relative reference */
			} else if (ch == ':') {
				int ok = 0;
				for (k = 0; !over && k < sizeof(allowed) / sizeof(allowed[0]); k++) {
					ok |= sl == strlen(allowed[k]) && memcmp(scheme, allowed[k], sl) == 0;
				}
				if (!ok) {
					return 0;
				}
				decided = 1;
			} else if (sl < sizeof(scheme)) {
				scheme[sl++] = h_lower((char)ch);
			} else {
				over = 1;
			}
		}
		if (!list) {
			return 1;
		}
		/* Skip the rest of this token. */
		while (i < n) {
			size_t save = i;
			if (url_sep(next_char(s, n, &i), 1)) {
				i = save;
				break;
			}
		}
	}
	return 1;
}

/* -------------------------------------------------------------- resolve */

/* A list index: 1 to 9 decimal digits, no sign, no leading zero (except "0"). */
static int list_index(const char *k, size_t n, size_t *idx)
{
	size_t i, v = 0;

	if (n == 0 || n > 9 || (n > 1 && k[0] == '0')) return 0;
	for (i = 0; i < n; i++) {
		if (k[i] < '0' || k[i] > '9') return 0;
		v = v * 10 + (size_t)(k[i] - '0');
	}
	*idx = v;
	return 1;
}

/*
 * A map member, or (an extension to the spec) a list item by index, so a
 * template can test "list.0" to wrap a non-empty list in <ol>...</ol>
 * without pushing the list's first item as context around the iteration.
 * *found tells a present-but-null member from a missing one.
 */
static const void *member(render *r, const void *v, const char *k, size_t n, int *found)
{
	size_t i;

	*found = 0;
	if (!v) return NULL;
	switch (r->d->type(r->d->ctx, v)) {
	case PT_VALUE_LIST:
		if (list_index(k, n, &i) && i < r->d->count(r->d->ctx, v)) {
			*found = 1;
			return r->d->item(r->d->ctx, v, i);
		}
		return NULL;
	case PT_VALUE_MAP:
		return r->d->member(r->d->ctx, v, k, n, found);
	default:
		return NULL;
	}
}

/*
 * The first part of a dotted name is looked up from the innermost context
 * outwards; the rest only inside what it found (the spec's "broken chains"
 * never fall back to outer contexts). Each context searched and each part
 * followed is a work unit.
 */
static pt_status resolve(render *r, const char *name, size_t n, const void **out)
{
	const char *dot;
	size_t first, i;
	const void *v = NULL;
	int found = 0;
	pt_status st;

	*out = NULL;
	if (n == 1 && name[0] == '.') {
		*out = r->depth ? r->stack[r->depth - 1] : NULL;
		return PT_OK;
	}
	dot = memchr(name, '.', n);
	first = dot ? (size_t)(dot - name) : n;
	for (i = r->depth; i > 0; i--) {
		if ((st = charge(r, 1)) != PT_OK) return st;
		v = member(r, r->stack[i - 1], name, first, &found);
		if (found) break;
	}
	while (v && dot) {
		const char *k = dot + 1;
		size_t rest = n - (size_t)(k - name);
		if ((st = charge(r, 1)) != PT_OK) return st;
		dot = memchr(k, '.', rest);
		v = member(r, v, k, dot ? (size_t)(dot - k) : rest, &found);
	}
	*out = v;
	return PT_OK;
}

static int truthy(render *r, const void *v)
{
	if (!v) return 0;
	switch (r->d->type(r->d->ctx, v)) {
	case PT_VALUE_NULL:
		return 0;
	case PT_VALUE_BOOL: {
		const char *s;
		size_t n;
		r->d->text(r->d->ctx, v, &s, &n);
		return n == 4 && memcmp(s, "true", 4) == 0;
	}
	case PT_VALUE_LIST:
		return r->d->count(r->d->ctx, v) > 0;
	default:
		return 1;
	}
}

static pt_status push(render *r, const void *v)
{
	if (r->depth >= PT_TEMPLATE_MAX_CONTEXT) {
		return pt_error_set(r->err, PT_ERR_INVALID, "plantilla: más de %d secciones abiertas a la vez al representar",
			PT_TEMPLATE_MAX_CONTEXT);
	}
	if (pt_array_grow(r->a, &r->stack, &r->stack_cap, r->depth, sizeof(*r->stack), 16) != PT_OK) {
		return pt_error_set(r->err, PT_ERR_NOMEM, "plantilla: sin memoria");
	}
	r->stack[r->depth++] = v;
	return PT_OK;
}

static pt_status run(render *r, const pt_template *t, size_t from, size_t to);

static pt_status section(render *r, const pt_template *t, const op *o, size_t body)
{
	const void *v;
	pt_status st;
	size_t i, n;

	if ((st = resolve(r, t->src + o->str, o->len, &v)) != PT_OK) return st;
	if (o->kind == OP_INVERTED) {
		return truthy(r, v) ? PT_OK : run(r, t, body, o->end);
	}
	if (!truthy(r, v)) return PT_OK;
	if (r->d->type(r->d->ctx, v) == PT_VALUE_LIST) {
		n = r->d->count(r->d->ctx, v);
		for (i = 0; i < n; i++) {
			/* An iteration is a unit even when the body is empty: nested loops cost their product. */
			if ((st = charge(r, 1)) != PT_OK) return st;
			if ((st = push(r, r->d->item(r->d->ctx, v, i))) != PT_OK) return st;
			st = run(r, t, body, o->end);
			r->depth--;
			if (st != PT_OK) return st;
		}
		return PT_OK;
	}
	if ((st = push(r, v)) != PT_OK) return st;
	st = run(r, t, body, o->end);
	r->depth--;
	return st;
}

/* Adds o's indentation (t's source) to every line written until r->ilen is restored. */
static pt_status indent_more(render *r, const pt_template *t, const op *o, int pending)
{
	if (!o->ilen) {
		return PT_OK;
	}
	if (r->ilen + o->ilen > PT_TEMPLATE_MAX_OUTPUT) {
		return pt_error_set(r->err, PT_ERR_INVALID, "plantilla: la salida supera %d bytes",
			PT_TEMPLATE_MAX_OUTPUT);
	}
	if (r->ilen + o->ilen > r->icap) {
		size_t cap = (r->ilen + o->ilen) * 2;
		char *n;
		if (cap > PT_TEMPLATE_MAX_OUTPUT) cap = PT_TEMPLATE_MAX_OUTPUT;
		n = pt_realloc(r->a, r->indent, cap);
		if (!n) return pt_error_set(r->err, PT_ERR_NOMEM, "plantilla: sin memoria");
		r->indent = n;
		r->icap = cap;
	}
	memcpy(r->indent + r->ilen, t->src + o->indent, o->ilen);
	r->ilen += o->ilen;
	if (pending) {
		r->pending = 1;
	}
	return PT_OK;
}

/* The template a partial or parent tag names: NULL for none (rendered as nothing), or an error in *st. */
static const pt_template *inserted(render *r, const pt_template *t, const op *o, pt_status *st)
{
	const pt_template *p;
	char b[48];

	*st = PT_OK;
	if (!r->lookup || !(p = r->lookup(t->src + o->str, o->len, r->lctx))) {
		return NULL;
	}
	if (r->partials >= PT_TEMPLATE_MAX_DEPTH) {
		*st = pt_error_set(r->err, PT_ERR_INVALID,
			"plantilla: parciales anidados a más de %d niveles (¿parcial recursivo?)", PT_TEMPLATE_MAX_DEPTH);
		return NULL;
	}
	if ((t->flags & PT_TEMPLATE_HTML) && (!(p->flags & PT_TEMPLATE_HTML) || !p->ends_in_data)) {
		*st = pt_error_set(r->err, PT_ERR_INVALID,
			"plantilla: el parcial {{%c%s}} termina dentro de una etiqueta, un comentario o un texto especial de HTML",
			o->kind == OP_PARENT ? '<' : '>', shown(t->src + o->str, o->len, b));
		return NULL;
	}
	return p;
}

static pt_status partial(render *r, const pt_template *t, const op *o)
{
	const pt_template *p;
	size_t saved = r->ilen;
	pt_status st;

	if (!(p = inserted(r, t, o, &st))) {
		return st;
	}
	if ((st = indent_more(r, t, o, 1)) != PT_OK) {
		return st;
	}
	r->partials++;
	st = run(r, p, 0, p->count);
	r->partials--;
	r->ilen = saved;
	return st;
}

/*
 * {{<name}}...{{/name}}: the parent template rendered in place (as a
 * partial, on the same context stack), with the blocks of this body
 * overriding its own. The body is otherwise ignored.
 */
static pt_status parent(render *r, const pt_template *t, const op *o, size_t body)
{
	const pt_template *p;
	size_t saved = r->ilen;
	pt_status st;

	if (!(p = inserted(r, t, o, &st))) {
		return st;
	}
	if (pt_array_grow(r->a, &r->frames, &r->frames_cap, r->nframes, sizeof(*r->frames), 4) != PT_OK) {
		return pt_error_set(r->err, PT_ERR_NOMEM, "plantilla: sin memoria");
	}
	r->frames[r->nframes].t = t;
	r->frames[r->nframes].from = body;
	r->frames[r->nframes++].to = o->end;
	if ((st = indent_more(r, t, o, 1)) == PT_OK) {
		r->partials++;
		st = run(r, p, 0, p->count);
		r->partials--;
	}
	r->nframes--;
	r->ilen = saved;
	return st;
}

/* The block called name directly in a parent's body (not inside another tag): its op index, or 0. */
static pt_status find_block(render *r, const struct frame *f, const char *name, size_t len, size_t *at)
{
	size_t i = f->from;
	pt_status st;

	*at = 0;
	while (i < f->to) {
		const op *b = &f->t->ops[i];
		if ((st = charge(r, 1)) != PT_OK) return st;
		if (b->kind == OP_BLOCK && b->len == len && memcmp(f->t->src + b->str, name, len) == 0) {
			*at = i;
			return PT_OK;
		}
		i = b->kind == OP_SECTION || b->kind == OP_INVERTED || b->kind == OP_BLOCK || b->kind == OP_PARENT
			? b->end : i + 1;
	}
	return PT_OK;
}

/*
 * {{$name}}...{{/name}}: the override of the outermost parent being
 * rendered that has one ("top-level substitutions take precedence"),
 * rendered in this context and indented as this block is; else the body,
 * the default.
 */
static pt_status block(render *r, const pt_template *t, const op *o, size_t body)
{
	size_t saved = r->ilen, f, at = 0;
	pt_status st = PT_OK;

	for (f = 0; f < r->nframes && !at; f++) {
		if ((st = find_block(r, &r->frames[f], t->src + o->str, o->len, &at)) != PT_OK) {
			return st;
		}
	}
	if (at) {
		const pt_template *ot = r->frames[f - 1].t;
		if (r->partials >= PT_TEMPLATE_MAX_DEPTH) {
			return pt_error_set(r->err, PT_ERR_INVALID,
				"plantilla: bloques anidados a más de %d niveles (¿bloque recursivo?)", PT_TEMPLATE_MAX_DEPTH);
		}
		if ((st = indent_more(r, t, o, o->flags == BLOCK_STANDALONE)) == PT_OK) {
			r->partials++;
			st = run(r, ot, at + 1, ot->ops[at].end);
			r->partials--;
		}
	} else if (o->flags != BLOCK_STANDALONE || (st = indent_more(r, t, o, 1)) == PT_OK) {
		/* the default: its lines lost this indentation when compiled */
		st = run(r, t, body, o->end);
	}
	r->ilen = saved;
	return st;
}

static pt_status url_end(render *r, uint8_t kind)
{
	if (!r->url_open) {
		return PT_OK;
	}
	r->url_open = 0;
	if (url_ok(r->buf + r->url_mark, r->len - r->url_mark, kind == A_URL_LIST)) {
		return PT_OK;
	}
	r->len = r->url_mark;
	return put(r, PT_TEMPLATE_URL_REPLACEMENT, sizeof(PT_TEMPLATE_URL_REPLACEMENT) - 1);
}

static pt_status run(render *r, const pt_template *t, size_t from, size_t to)
{
	size_t i = from;
	pt_status st = PT_OK;
	const void *v;

	while (i < to && st == PT_OK) {
		const op *o = &t->ops[i];
		if ((st = charge(r, 1)) != PT_OK) {
			return st;
		}
		switch (o->kind) {
		case OP_TEXT:
			st = put_text(r, t->src + o->str, o->len);
			i++;
			break;
		case OP_ESCAPED:
		case OP_RAW:
			if ((st = resolve(r, t->src + o->str, o->len, &v)) == PT_OK) {
				st = put_value(r, v, o->kind == OP_ESCAPED);
			}
			i++;
			break;
		case OP_SECTION:
		case OP_INVERTED:
			st = section(r, t, o, i + 1);
			i = o->end;
			break;
		case OP_PARTIAL:
			st = partial(r, t, o);
			i++;
			break;
		case OP_BLOCK:
			st = block(r, t, o, i + 1);
			i = o->end;
			break;
		case OP_PARENT:
			st = parent(r, t, o, i + 1);
			i = o->end;
			break;
		case OP_URL_BEGIN:
			r->url_mark = r->len;
			r->url_open = 1;
			i++;
			break;
		case OP_URL_END:
			st = url_end(r, o->url);
			i++;
			break;
		}
	}
	return st;
}

pt_status pt_template_render_data(const pt_template *t, const pt_template_data *data, const void *root,
	pt_template_lookup lookup, void *ctx, const pt_allocator *a,
	char **out, size_t *out_len, pt_error *err)
{
	render r;
	pt_status st;

	memset(&r, 0, sizeof(r));
	r.a = a;
	r.d = data;
	r.lookup = lookup;
	r.lctx = ctx;
	r.err = err;
	*out = NULL;
	if (out_len) *out_len = 0;
	if ((st = push(&r, root)) == PT_OK && (st = grow(&r, 0)) == PT_OK) {
		st = run(&r, t, 0, t->count);
	}
	pt_free(a, r.stack);
	pt_free(a, r.indent);
	pt_free(a, r.frames);
	if (st != PT_OK) {
		pt_free(a, r.buf);
		return st;
	}
	r.buf[r.len] = '\0';
	*out = r.buf;
	if (out_len) *out_len = r.len;
	return PT_OK;
}

/* ------------------------------------------------------ pt_value adapter */

/* Maps with more keys than this get a hash index for the render. */
#define PV_INDEX_MIN 8

typedef struct pv_index {
	const pt_value *map;     /* the key of this index in pv_ctx.maps (its address is the key's bytes) */
	pt_hash keys;            /* key -> item index + 1 */
} pv_index;

typedef struct pv_ctx {
	const pt_allocator *a;
	pt_hash maps;            /* &map pointer -> pv_index * */
	char tmp[64];
} pv_ctx;

static pt_value_type pv_type(void *ctx, const void *node)
{
	(void)ctx;
	return ((const pt_value *)node)->type;
}

static const pt_value *pv_linear(const pt_value *m, const char *key, size_t len, int *found)
{
	size_t i;

	for (i = 0; i < m->u.c.count; i++) {
		if (m->u.c.key_lens[i] == len && memcmp(m->u.c.keys[i], key, len) == 0) {
			*found = 1;
			return m->u.c.items[i];
		}
	}
	return NULL;
}

static pv_index *pv_index_of(pv_ctx *p, const pt_value *m)
{
	void *found;
	pv_index *x;
	size_t i;

	if (pt_hash_find(&p->maps, &m, sizeof(m), &found)) {
		return found;
	}
	if (!(x = pt_alloc(p->a, sizeof(*x)))) {
		return NULL;
	}
	x->map = m;
	pt_hash_init(&x->keys, p->a);
	for (i = 0; i < m->u.c.count; i++) {
		pt_status st = pt_hash_add(&x->keys, m->u.c.keys[i], m->u.c.key_lens[i], (void *)(uintptr_t)(i + 1));
		if (st == PT_ERR_NOMEM) {
			break;
		}
	}
	if (i < m->u.c.count || pt_hash_add(&p->maps, &x->map, sizeof(x->map), x) != PT_OK) {
		pt_hash_free(&x->keys);
		pt_free(p->a, x);
		return NULL;
	}
	return x;
}

static const void *pv_member(void *ctx, const void *map, const char *key, size_t len, int *found)
{
	pv_ctx *p = ctx;
	const pt_value *m = map;
	pv_index *x;
	void *idx;

	if (m->u.c.count <= PV_INDEX_MIN || !(x = pv_index_of(p, m))) {
		return pv_linear(m, key, len, found);   /* small, or no memory for an index */
	}
	if (!pt_hash_find(&x->keys, key, len, &idx)) {
		return NULL;
	}
	*found = 1;
	return m->u.c.items[(uintptr_t)idx - 1];
}

static size_t pv_count(void *ctx, const void *list)
{
	(void)ctx;
	return ((const pt_value *)list)->u.c.count;
}

static const void *pv_item(void *ctx, const void *list, size_t i)
{
	(void)ctx;
	return ((const pt_value *)list)->u.c.items[i];
}

/* A rational prints exactly when its denominator is 2^a*5^b, else to 15 significant digits. */
static void format_rational(int64_t num, int64_t den, char *out, size_t cap)
{
	int64_t d = den, scale = 1;
	int digits = 0;

	while (d % 2 == 0) d /= 2;
	while (d % 5 == 0) d /= 5;
	if (d == 1) {
		while (scale % den != 0 && digits < 18) {
			scale *= 10;
			digits++;
		}
		if (scale % den == 0) {
			uint64_t un = num < 0 ? (uint64_t)0 - (uint64_t)num : (uint64_t)num;
			uint64_t ip = un / (uint64_t)den, fp = un % (uint64_t)den;
			uint64_t mult = (uint64_t)(scale / den);
			if (fp <= UINT64_MAX / mult) {
				uint64_t f = fp * mult;
				if (digits == 0) {
					snprintf(out, cap, "%s%" PRIu64, num < 0 ? "-" : "", ip);
				} else {
					int w = digits;
					while (w > 0 && f % 10 == 0) {
						f /= 10;
						w--;
					}
					snprintf(out, cap, "%s%" PRIu64 ".%0*" PRIu64, num < 0 ? "-" : "", ip, w, f);
				}
				return;
			}
		}
	}
	snprintf(out, cap, "%.15g", (double)num / (double)den);
}

static void pv_text(void *ctx, const void *node, const char **s, size_t *n)
{
	pv_ctx *p = ctx;
	const pt_value *v = node;

	switch (v->type) {
	case PT_VALUE_BOOL:
		*s = v->u.b ? "true" : "false";
		break;
	case PT_VALUE_INT:
		snprintf(p->tmp, sizeof(p->tmp), "%" PRId64, v->u.i);
		*s = p->tmp;
		break;
	case PT_VALUE_RATIONAL:
		format_rational(v->u.r.num, v->u.r.den, p->tmp, sizeof(p->tmp));
		*s = p->tmp;
		break;
	case PT_VALUE_STRING:
		*s = v->u.s.s;
		*n = v->u.s.len;
		return;
	default:
		*s = "";
		break;
	}
	*n = strlen(*s);
}

pt_status pt_template_render(const pt_template *t, const pt_value *data,
	pt_template_lookup lookup, void *ctx, const pt_allocator *a,
	char **out, size_t *out_len, pt_error *err)
{
	pv_ctx p;
	pt_template_data d = { pv_type, pv_member, pv_count, pv_item, pv_text, &p };
	pt_status st;
	size_t i;

	memset(&p, 0, sizeof(p));
	p.a = a;
	pt_hash_init(&p.maps, a);
	st = pt_template_render_data(t, &d, data, lookup, ctx, a, out, out_len, err);
	for (i = 0; i < p.maps.cap; i++) {
		pv_index *x = p.maps.slots[i].value;
		if (p.maps.slots[i].key) {
			pt_hash_free(&x->keys);
			pt_free(a, x);
		}
	}
	pt_hash_free(&p.maps);
	return st;
}
