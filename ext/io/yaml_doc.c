/*
 * participa io: YAML into pt_ynode trees through libyaml's event API (see
 * yaml_doc.h).
 *
 * The event API (not yaml_document_t) is used because it lets us refuse
 * aliases, explicit tags, non-scalar keys, duplicate keys and deep nesting
 * as they stream past, with the exact position of the offending event,
 * before anything is expanded.
 *
 * Explicit tags (`!!str 5`, `!custom x`) are REFUSED: the configuration has
 * no use for them, and accepting and then ignoring them would make `!!int`
 * look meaningful when it is not.
 */
#include "yaml_doc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* Configuration files are small; anything larger is almost surely a
 * mistake (a log file, a dump) and is refused before it is read whole. */
#define PT_YAML_MAX_FILE (64u * 1024u * 1024u)

/* Every node and string of a loaded document lives in one arena, freed in
 * one go by pt_ydoc_free(): a 6,500-block file has ~60,000 nodes, and
 * allocating each separately cost as much as libyaml's own parsing. */
typedef struct arena_chunk {
	struct arena_chunk *next;
	size_t used, size;
	union { long double ld; void *p; uint64_t u; } data[]; /* C99: no max_align_t */
} arena_chunk;

#define ARENA_CHUNK (64u * 1024u)

static void *arena_alloc(arena_chunk **arena, size_t size)
{
	arena_chunk *c = *arena;
	void *p;

	size = (size + 15) & ~(size_t)15;
	if (!c || c->size - c->used < size) {
		size_t want = size > ARENA_CHUNK ? size : ARENA_CHUNK;

		c = malloc(sizeof(*c) + want);
		if (!c) {
			return NULL;
		}
		c->size = want;
		c->used = 0;
		if (*arena && size > ARENA_CHUNK / 4) {
			/* a big one-off block goes behind the current chunk so the
			 * chunk's free space is not wasted */
			c->next = (*arena)->next;
			(*arena)->next = c;
		} else {
			c->next = *arena;
			*arena = c;
		}
	}
	p = (char *)c->data + c->used;
	c->used += size;
	return p;
}

static void arena_free(arena_chunk *arena)
{
	while (arena) {
		arena_chunk *next = arena->next;

		free(arena);
		arena = next;
	}
}

/* Mappings with at most this many keys are checked for duplicates by a
 * linear scan; larger ones get a hash set. */
#define SMALL_MAPPING 8

typedef struct frame {
	pt_ynode *node;
	size_t cap;          /* allocated length of node->items */
	uint32_t *keys;      /* mappings only: open-addressing set of key item indexes + 1 */
	size_t key_slots;    /* power of two, 0 until the first key */
	size_t key_count;
} frame;

typedef struct loader {
	const char *name;
	const char *data;
	size_t len;
	pt_error *err;
	pt_ynode *root;
	arena_chunk *arena;
	frame stack[PT_YAML_MAX_DEPTH];
	size_t depth;
	unsigned documents;
} loader;

static void arena_free_opaque(void *arena)
{
	arena_free(arena);
}

const char *pt_yaml_library_version(void)
{
	return yaml_get_version_string();
}

static uint32_t fnv1a(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

static pt_status fail_at(loader *ld, pt_status code, const yaml_mark_t *mark,
	const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static pt_status fail_at(loader *ld, pt_status code, const yaml_mark_t *mark,
	const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pt_error_vset(ld->err, code, fmt, ap);
	va_end(ap);
	if (ld->err) {
		snprintf(ld->err->file, sizeof(ld->err->file), "%s", ld->name);
		ld->err->line = mark ? (unsigned)mark->line + 1 : 0;
		ld->err->column = mark ? (unsigned)mark->column + 1 : 0;
	}
	return code;
}

static pt_status nomem(loader *ld)
{
	return fail_at(ld, PT_ERR_NOMEM, NULL, "out of memory while reading YAML");
}

/* Copies at most max bytes of s for a message, stopping at a line break and
 * never cutting a UTF-8 sequence. */
static void snippet(char *out, size_t size, const char *s, size_t len)
{
	size_t n = 0;

	while (n < len && n + 1 < size && s[n] != '\n' && s[n] != '\r') {
		n++;
	}
	while (n > 0 && n < len && ((unsigned char)s[n] & 0xC0) == 0x80) {
		n--;
	}
	memcpy(out, s, n);
	out[n] = '\0';
}

/* The tag as the admin wrote it (`!!str`), read from the source text at
 * the node's start, which is where libyaml puts a node's properties. */
static void source_tag(const loader *ld, const yaml_mark_t *mark, const char *tag,
	char *out, size_t size)
{
	size_t i = mark->index, n = 0;

	if (i >= ld->len || ld->data[i] != '!') {
		snprintf(out, size, "%s", tag);
		return;
	}
	while (i + n < ld->len && n < 40 && ld->data[i + n] != ' ' && ld->data[i + n] != '\t'
		&& ld->data[i + n] != '\n' && ld->data[i + n] != '\r') {
		n++;
	}
	snippet(out, size, ld->data + i, n);
}

static pt_status check_properties(loader *ld, const yaml_event_t *ev,
	const yaml_char_t *anchor, const yaml_char_t *tag)
{
	char buf[64];

	if (anchor) {
		snippet(buf, sizeof(buf), (const char *)anchor, strlen((const char *)anchor));
		return fail_at(ld, PT_ERR_CONFIG, &ev->start_mark,
			"YAML anchors are not supported (found '&%s'); write the value out in full", buf);
	}
	if (tag) {
		source_tag(ld, &ev->start_mark, (const char *)tag, buf, sizeof(buf));
		return fail_at(ld, PT_ERR_CONFIG, &ev->start_mark,
			"YAML tags are not supported (found '%s'); remove the tag", buf);
	}
	return PT_OK;
}

static pt_status key_set_grow(frame *f)
{
	size_t slots = f->key_slots ? f->key_slots * 2 : 16;
	uint32_t *keys = calloc(slots, sizeof(*keys));
	size_t i;

	if (!keys) {
		return PT_ERR_NOMEM;
	}
	for (i = 0; i < f->key_slots; i++) {
		uint32_t k = f->keys[i];
		const pt_ynode *key;
		size_t s;

		if (!k) {
			continue;
		}
		key = f->node->items[k - 1];
		s = fnv1a(key->value, key->len) & (slots - 1);
		while (keys[s]) {
			s = (s + 1) & (slots - 1);
		}
		keys[s] = k;
	}
	free(f->keys);
	f->keys = keys;
	f->key_slots = slots;
	return PT_OK;
}

static pt_status duplicate(loader *ld, const pt_ynode *key, const pt_ynode *first,
	const yaml_mark_t *mark)
{
	char buf[80];

	snippet(buf, sizeof(buf), key->value, key->len);
	return fail_at(ld, PT_ERR_CONFIG, mark,
		"duplicate key '%s' (first at %u:%u); each key may appear only once in a mapping",
		buf, first->line, first->column);
}

/* Inserts item index idx (a key known to be new) into the hash set. */
static void key_set_put(frame *f, size_t idx)
{
	const pt_ynode *key = f->node->items[idx];
	size_t s = fnv1a(key->value, key->len) & (f->key_slots - 1);

	while (f->keys[s]) {
		s = (s + 1) & (f->key_slots - 1);
	}
	f->keys[s] = (uint32_t)idx + 1;
	f->key_count++;
}

/* Records key (already appended at item index idx); fails on a duplicate. */
static pt_status key_set_add(loader *ld, frame *f, const pt_ynode *key, size_t idx,
	const yaml_mark_t *mark)
{
	size_t s;

	if (idx >= UINT32_MAX) {
		return fail_at(ld, PT_ERR_CONFIG, mark, "mapping has too many keys");
	}
	if (idx / 2 < SMALL_MAPPING) {
		size_t i;

		for (i = 0; i < idx; i += 2) {
			const pt_ynode *other = f->node->items[i];

			if (other->len == key->len && memcmp(other->value, key->value, key->len) == 0) {
				return duplicate(ld, key, other, mark);
			}
		}
		return PT_OK;
	}
	if (f->key_slots == 0) {
		/* switching to the hash set: index the keys scanned so far */
		size_t i;

		for (i = 0; i < idx; i += 2) {
			if (((f->key_count + 1) * 2 > f->key_slots && key_set_grow(f) != PT_OK)) {
				return nomem(ld);
			}
			key_set_put(f, i);
		}
	}
	if ((f->key_count + 1) * 2 > f->key_slots && key_set_grow(f) != PT_OK) {
		return nomem(ld);
	}
	s = fnv1a(key->value, key->len) & (f->key_slots - 1);
	while (f->keys[s]) {
		const pt_ynode *other = f->node->items[f->keys[s] - 1];

		if (other->len == key->len && memcmp(other->value, key->value, key->len) == 0) {
			return duplicate(ld, key, other, mark);
		}
		s = (s + 1) & (f->key_slots - 1);
	}
	f->keys[s] = (uint32_t)idx + 1;
	f->key_count++;
	return PT_OK;
}

/* Attaches a fresh node to the open container (or makes it the root), so
 * that on any later failure freeing the root frees everything. */
static pt_status attach(loader *ld, pt_ynode *node, const yaml_mark_t *mark)
{
	frame *f;

	if (ld->depth == 0) {
		ld->root = node;
		return PT_OK;
	}
	f = &ld->stack[ld->depth - 1];
	if (f->node->kind == PT_YNODE_MAPPING && f->node->count % 2 == 0
		&& node->kind != PT_YNODE_SCALAR) {
		const char *what = node->kind == PT_YNODE_MAPPING ? "mapping" : "sequence";

		return fail_at(ld, PT_ERR_CONFIG, mark,
			"mapping keys must be plain text, found a %s used as a key", what);
	}
	if (f->node->count == f->cap) {
		/* Growing in the arena leaves the old array behind: at most as
		 * much again as the final array, all freed with the document. */
		size_t cap = f->cap ? f->cap * 2 : 4;
		pt_ynode **items = arena_alloc(&ld->arena, cap * sizeof(*items));

		if (!items) {
			return nomem(ld);
		}
		if (f->node->count) {
			memcpy(items, f->node->items, f->node->count * sizeof(*items));
		}
		f->node->items = items;
		f->cap = cap;
	}
	f->node->items[f->node->count++] = node;
	if (f->node->kind == PT_YNODE_MAPPING && f->node->count % 2 == 1) {
		return key_set_add(ld, f, node, f->node->count - 1, mark);
	}
	return PT_OK;
}

static pt_ynode *new_node(loader *ld, pt_ynode_kind kind, const yaml_mark_t *mark)
{
	pt_ynode *n = arena_alloc(&ld->arena, sizeof(*n));

	if (n) {
		memset(n, 0, sizeof(*n));
		n->kind = kind;
		n->line = (unsigned)mark->line + 1;
		n->column = (unsigned)mark->column + 1;
	}
	return n;
}

static pt_status on_scalar(loader *ld, const yaml_event_t *ev)
{
	pt_ynode *n;
	pt_status st;

	if ((st = check_properties(ld, ev, ev->data.scalar.anchor, ev->data.scalar.tag)) != PT_OK) {
		return st;
	}
	n = new_node(ld, PT_YNODE_SCALAR, &ev->start_mark);
	if (!n) {
		return nomem(ld);
	}
	n->value = arena_alloc(&ld->arena, ev->data.scalar.length + 1);
	if (!n->value) {
		return nomem(ld);
	}
	memcpy(n->value, ev->data.scalar.value, ev->data.scalar.length);
	n->value[ev->data.scalar.length] = '\0';
	n->len = ev->data.scalar.length;
	n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	return attach(ld, n, &ev->start_mark);
}

static pt_status on_start(loader *ld, const yaml_event_t *ev, pt_ynode_kind kind)
{
	const yaml_char_t *anchor, *tag;
	pt_ynode *n;
	pt_status st;
	frame *f;

	if (kind == PT_YNODE_MAPPING) {
		anchor = ev->data.mapping_start.anchor;
		tag = ev->data.mapping_start.tag;
	} else {
		anchor = ev->data.sequence_start.anchor;
		tag = ev->data.sequence_start.tag;
	}
	if ((st = check_properties(ld, ev, anchor, tag)) != PT_OK) {
		return st;
	}
	if (ld->depth == PT_YAML_MAX_DEPTH) {
		return fail_at(ld, PT_ERR_CONFIG, &ev->start_mark,
			"nesting is deeper than %d levels", PT_YAML_MAX_DEPTH);
	}
	n = new_node(ld, kind, &ev->start_mark);
	if (!n) {
		return nomem(ld);
	}
	if ((st = attach(ld, n, &ev->start_mark)) != PT_OK) {
		return st;
	}
	f = &ld->stack[ld->depth++];
	memset(f, 0, sizeof(*f));
	f->node = n;
	return PT_OK;
}

static void on_end(loader *ld)
{
	frame *f;

	if (ld->depth == 0) {
		return;
	}
	f = &ld->stack[--ld->depth];
	free(f->keys);
	f->keys = NULL;
}

/* libyaml's reader reports a byte offset, not a mark: turn it into a
 * 1-based line and a column counted in characters, as libyaml's own marks
 * are. */
static void offset_to_mark(const loader *ld, size_t offset, yaml_mark_t *mark)
{
	size_t i;

	memset(mark, 0, sizeof(*mark));
	if (offset > ld->len) {
		offset = ld->len;
	}
	for (i = 0; i < offset; i++) {
		unsigned char c = (unsigned char)ld->data[i];

		if (c == '\n') {
			mark->line++;
			mark->column = 0;
		} else if ((c & 0xC0) != 0x80) {
			mark->column++;
		}
	}
	mark->index = offset;
}

static pt_status syntax_error(loader *ld, const yaml_parser_t *p)
{
	yaml_mark_t mark;
	const char *problem = p->problem ? p->problem : "unknown problem";

	switch (p->error) {
	case YAML_MEMORY_ERROR:
		return nomem(ld);
	case YAML_READER_ERROR: {
		size_t at = p->problem_offset;

		/* libyaml points at the bad continuation byte; the admin needs
		 * the character it broke, so step back to its lead byte. */
		if (p->problem && strstr(p->problem, "trailing") && at > 0 && at <= ld->len) {
			size_t k = at;

			while (k > 0 && at - k < 3 && ((unsigned char)ld->data[k - 1] & 0xC0) == 0x80) {
				k--;
			}
			if (k > 0 && (unsigned char)ld->data[k - 1] >= 0xC0) {
				at = k - 1;
			}
		}
		offset_to_mark(ld, at, &mark);
		if (p->problem_value != -1) {
			return fail_at(ld, PT_ERR_CONFIG, &mark,
				"the file is not valid UTF-8 YAML text: %s (0x%X at byte %zu)",
				problem, (unsigned)p->problem_value, p->problem_offset);
		}
		return fail_at(ld, PT_ERR_CONFIG, &mark,
			"the file is not valid UTF-8 YAML text: %s (at byte %zu)", problem, p->problem_offset);
	}
	case YAML_SCANNER_ERROR:
	case YAML_PARSER_ERROR:
		mark = p->problem_mark;
		if (mark.index < ld->len && ld->data[mark.index] == '\t') {
			return fail_at(ld, PT_ERR_CONFIG, &mark,
				"invalid YAML: tab character where indentation or a value was expected; "
				"YAML indentation must use spaces");
		}
		if (strcmp(problem, "mapping values are not allowed in this context") == 0) {
			/* the usual cause: an unquoted value such as `name: Iztapalapa: Alcaldía` */
			return fail_at(ld, PT_ERR_CONFIG, &mark, "invalid YAML: %s; "
				"if a value contains ': ', put it in quotes", problem);
		}
		if (p->context) {
			return fail_at(ld, PT_ERR_CONFIG, &mark, "invalid YAML: %s (%s at %u:%u)",
				problem, p->context, (unsigned)p->context_mark.line + 1,
				(unsigned)p->context_mark.column + 1);
		}
		return fail_at(ld, PT_ERR_CONFIG, &mark, "invalid YAML: %s", problem);
	default:
		return fail_at(ld, PT_ERR_INTERNAL, NULL, "libyaml failed: %s", problem);
	}
}

pt_status pt_yaml_load_string(const char *name, const char *data, size_t len,
	pt_ydoc **out, pt_error *err)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	loader ld;
	pt_status st = PT_OK;
	bool done = false;
	pt_ydoc *doc;

	*out = NULL;
	memset(&ld, 0, sizeof(ld));
	ld.name = name ? name : "";
	ld.data = data;
	ld.len = len;
	ld.err = err;
	if (!yaml_parser_initialize(&parser)) {
		return nomem(&ld);
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
	while (!done && st == PT_OK) {
		if (!yaml_parser_parse(&parser, &ev)) {
			st = syntax_error(&ld, &parser);
			break;
		}
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (ld.documents++ > 0) {
				st = fail_at(&ld, PT_ERR_CONFIG, &ev.start_mark,
					"a second YAML document starts here; the configuration must be a single document");
			}
			break;
		case YAML_ALIAS_EVENT: {
			char buf[64];
			const char *a = (const char *)ev.data.alias.anchor;

			snippet(buf, sizeof(buf), a, strlen(a));
			st = fail_at(&ld, PT_ERR_CONFIG, &ev.start_mark,
				"YAML aliases are not supported (found '*%s'); write the value out in full", buf);
			break;
		}
		case YAML_SCALAR_EVENT:
			st = on_scalar(&ld, &ev);
			break;
		case YAML_SEQUENCE_START_EVENT:
			st = on_start(&ld, &ev, PT_YNODE_SEQUENCE);
			break;
		case YAML_MAPPING_START_EVENT:
			st = on_start(&ld, &ev, PT_YNODE_MAPPING);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			on_end(&ld);
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	while (ld.depth > 0) {
		on_end(&ld);
	}
	if (st != PT_OK) {
		arena_free(ld.arena);
		return st;
	}
	doc = calloc(1, sizeof(*doc));
	if (!doc || !(doc->file = pt_strndup(NULL, ld.name, strlen(ld.name)))) {
		free(doc);
		arena_free(ld.arena);
		return nomem(&ld);
	}
	doc->root = ld.root;
	doc->arena = ld.arena;
	doc->free_arena = arena_free_opaque;
	*out = doc;
	return PT_OK;
}

pt_status pt_yaml_load_file(const char *path, pt_ydoc **out, pt_error *err)
{
	FILE *fp;
	char *data = NULL;
	size_t len = 0, cap = 0;
	pt_status st;

	*out = NULL;
	fp = fopen(path, "rb");
	if (!fp) {
		return pt_error_set_at(err, PT_ERR_IO, path, 0, 0, "cannot open the file: %s",
			strerror(errno));
	}
	for (;;) {
		size_t n;

		if (len == cap) {
			char *grown;

			if (cap >= PT_YAML_MAX_FILE) {
				fclose(fp);
				free(data);
				return pt_error_set_at(err, PT_ERR_IO, path, 0, 0,
					"the file is larger than %u MiB; is it really a configuration file?",
					PT_YAML_MAX_FILE / (1024u * 1024u));
			}
			cap = cap ? cap * 2 : 64 * 1024;
			grown = realloc(data, cap + 1);
			if (!grown) {
				fclose(fp);
				free(data);
				return pt_error_set_at(err, PT_ERR_NOMEM, path, 0, 0, "out of memory reading the file");
			}
			data = grown;
		}
		n = fread(data + len, 1, cap - len, fp);
		len += n;
		if (n == 0) {
			break;
		}
	}
	if (ferror(fp)) {
		int e = errno;

		fclose(fp);
		free(data);
		return pt_error_set_at(err, PT_ERR_IO, path, 0, 0, "cannot read the file: %s", strerror(e));
	}
	fclose(fp);
	st = pt_yaml_load_string(path, data ? data : "", len, out, err);
	free(data);
	return st;
}
