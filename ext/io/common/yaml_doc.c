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
#include "io/common/yaml_doc.h"
#include "core/site/site_config.h"
#include "core/common/pt_hash.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>



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
	pt_hash keys;        /* mappings past SMALL_MAPPING keys: key text -> its key node */
	bool indexed;        /* keys holds every key so far */
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
	size_t nodes;        /* made so far, at most PT_YAML_MAX_NODES */
	bool quote_ok;       /* a top-level key names a configuration section */
} loader;

static void arena_free_opaque(void *arena)
{
	arena_free(arena);
}

const char *pt_yaml_library_version(void)
{
	return yaml_get_version_string();
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
	while (n-- > 0) {
		if ((unsigned char)out[n] < 0x20 || out[n] == 0x7F) {
			out[n] = '?';   /* a quoted key may hold any character, NUL too */
		}
	}
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

/*
 * Messages quote the file's text (an anchor's name, a tag, a key) only once
 * the file has shown itself to be a participa configuration: a top-level key
 * names one of its sections. participa.config or `participa check` pointed
 * at /etc/shadow, a .env file or a key store must not print its lines into
 * a log or an exception; the position is enough to find the problem.
 */
static bool quoting(const loader *ld)
{
	return ld->quote_ok;
}

static pt_status check_properties(loader *ld, const yaml_event_t *ev,
	const yaml_char_t *anchor, const yaml_char_t *tag)
{
	char buf[64];

	if (anchor) {
		if (!quoting(ld)) {
			return fail_at(ld, PT_ERR_CONFIG, &ev->start_mark,
				"YAML anchors are not supported; write the value out in full");
		}
		snippet(buf, sizeof(buf), (const char *)anchor, strlen((const char *)anchor));
		return fail_at(ld, PT_ERR_CONFIG, &ev->start_mark,
			"YAML anchors are not supported (found '&%s'); write the value out in full", buf);
	}
	if (tag) {
		if (!quoting(ld)) {
			return fail_at(ld, PT_ERR_CONFIG, &ev->start_mark, "YAML tags are not supported; remove the tag");
		}
		source_tag(ld, &ev->start_mark, (const char *)tag, buf, sizeof(buf));
		return fail_at(ld, PT_ERR_CONFIG, &ev->start_mark,
			"YAML tags are not supported (found '%s'); remove the tag", buf);
	}
	return PT_OK;
}

static pt_status duplicate(loader *ld, const pt_ynode *key, const pt_ynode *first,
	const yaml_mark_t *mark)
{
	char buf[80];

	if (!quoting(ld)) {
		return fail_at(ld, PT_ERR_CONFIG, mark,
			"duplicate key (first at %u:%u); each key may appear only once in a mapping",
			first->line, first->column);
	}
	snippet(buf, sizeof(buf), key->value, key->len);
	return fail_at(ld, PT_ERR_CONFIG, mark,
		"duplicate key '%s' (first at %u:%u); each key may appear only once in a mapping",
		buf, first->line, first->column);
}

/* Adds key to the set of f's keys; a key already there is a duplicate. */
static pt_status key_set_put(loader *ld, frame *f, const pt_ynode *key, const yaml_mark_t *mark)
{
	void *first = NULL;
	pt_status st = pt_hash_add(&f->keys, key->value, key->len, (void *)key);

	if (st == PT_ERR_CONFLICT && pt_hash_find(&f->keys, key->value, key->len, &first)) {
		return duplicate(ld, key, first, mark);
	}
	return st == PT_OK ? PT_OK : nomem(ld);
}

/* Records key (already appended at item index idx); fails on a duplicate. */
static pt_status key_set_add(loader *ld, frame *f, const pt_ynode *key, size_t idx,
	const yaml_mark_t *mark)
{
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
	if (!f->indexed) {
		/* switching to the hash set: index the keys scanned so far (distinct) */
		size_t i;

		pt_hash_init(&f->keys, NULL);
		f->indexed = true;
		for (i = 0; i < idx; i += 2) {
			pt_status st = key_set_put(ld, f, f->node->items[i], mark);

			if (st != PT_OK) {
				return st;
			}
		}
	}
	return key_set_put(ld, f, key, mark);
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
		if (ld->depth == 1 && !ld->quote_ok) {
			const char *const *sec;

			for (sec = pt_config_sections; *sec; sec++) {
				if (strlen(*sec) == node->len && memcmp(*sec, node->value, node->len) == 0) {
					ld->quote_ok = true;
					break;
				}
			}
		}
		return key_set_add(ld, f, node, f->node->count - 1, mark);
	}
	return PT_OK;
}

static pt_ynode *new_node(loader *ld, pt_ynode_kind kind, const yaml_mark_t *mark)
{
	pt_ynode *n;

	if (ld->nodes >= PT_YAML_MAX_NODES) {
		fail_at(ld, PT_ERR_CONFIG, mark, "the file has more than %u YAML values; "
			"is it really a configuration file?", (unsigned)PT_YAML_MAX_NODES);
		return NULL;
	}
	ld->nodes++;
	n = arena_alloc(&ld->arena, sizeof(*n));

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
		return ld->nodes >= PT_YAML_MAX_NODES ? PT_ERR_CONFIG : nomem(ld);
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
		return ld->nodes >= PT_YAML_MAX_NODES ? PT_ERR_CONFIG : nomem(ld);
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
	if (f->indexed) {
		pt_hash_free(&f->keys);
		f->indexed = false;
	}
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
		if (p->problem_value != -1 && quoting(ld)) {
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

			if (!quoting(&ld)) {
				st = fail_at(&ld, PT_ERR_CONFIG, &ev.start_mark,
					"YAML aliases are not supported; write the value out in full");
				break;
			}
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

const char *pt_yaml_file_problem(unsigned mode, uint64_t size)
{
	switch (mode & S_IFMT) {
	case S_IFREG:
		break;
	case S_IFDIR:
		return "it is a directory, not a file";
	case S_IFIFO:
		return "it is a named pipe (FIFO), not a regular file";
	case S_IFCHR:
	case S_IFBLK:
		return "it is a device, not a regular file";
	case S_IFSOCK:
		return "it is a socket, not a regular file";
	default:
		return "it is not a regular file";
	}
	if (size > PT_YAML_MAX_FILE) {
		return "the file is larger than 16 MiB; is it really a configuration file?";
	}
	return NULL;
}

/*
 * Opening: stat() first, so a FIFO is never opened (open() would wait for a
 * writer) nor a device (opening some has effects); then open() with
 * O_NONBLOCK (should the path have been swapped for a FIFO in between) and
 * fstat() the descriptor, which is what is read. A regular file's size is
 * known, so one larger than PT_YAML_MAX_FILE is refused before it is read;
 * one that grows while it is read is cut off at the cap as well.
 */
pt_status pt_yaml_load_file(const char *path, pt_ydoc **out, pt_error *err)
{
	struct stat st;
	const char *problem;
	char *data = NULL;
	size_t len = 0, cap;
	pt_status status;
	int fd;

	*out = NULL;
	if (stat(path, &st) != 0) {
		return pt_error_set_at(err, PT_ERR_IO, path, 0, 0, "cannot open the file: %s", strerror(errno));
	}
	if ((problem = pt_yaml_file_problem((unsigned)st.st_mode, (uint64_t)st.st_size))) {
		return pt_error_set_at(err, PT_ERR_IO, path, 0, 0, "cannot read the configuration: %s", problem);
	}
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		return pt_error_set_at(err, PT_ERR_IO, path, 0, 0, "cannot open the file: %s", strerror(errno));
	}
	if (fstat(fd, &st) != 0 || (problem = pt_yaml_file_problem((unsigned)st.st_mode, (uint64_t)st.st_size))) {
		int e = errno;

		close(fd);
		if (!problem) {
			return pt_error_set_at(err, PT_ERR_IO, path, 0, 0, "cannot read the file: %s", strerror(e));
		}
		return pt_error_set_at(err, PT_ERR_IO, path, 0, 0, "cannot read the configuration: %s", problem);
	}
	cap = (size_t)st.st_size + 1;  /* + 1: see the end of the file (or that it grew) in one read */
	data = malloc(cap + 1);
	if (!data) {
		close(fd);
		return pt_error_set_at(err, PT_ERR_NOMEM, path, 0, 0, "out of memory reading the file");
	}
	for (;;) {
		ssize_t n;

		if (len == cap) {
			char *grown;

			if (cap > PT_YAML_MAX_FILE) {
				close(fd);
				free(data);
				return pt_error_set_at(err, PT_ERR_IO, path, 0, 0, "cannot read the configuration: %s",
					pt_yaml_file_problem(S_IFREG, (uint64_t)PT_YAML_MAX_FILE + 1));
			}
			cap = cap * 2 < PT_YAML_MAX_FILE + 1 ? cap * 2 : PT_YAML_MAX_FILE + 1;
			grown = realloc(data, cap + 1);
			if (!grown) {
				close(fd);
				free(data);
				return pt_error_set_at(err, PT_ERR_NOMEM, path, 0, 0, "out of memory reading the file");
			}
			data = grown;
		}
		n = read(fd, data + len, cap - len);
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n < 0) {
			int e = errno;

			close(fd);
			free(data);
			return pt_error_set_at(err, PT_ERR_IO, path, 0, 0, "cannot read the file: %s", strerror(e));
		}
		if (n == 0) {
			break;
		}
		len += (size_t)n;
	}
	close(fd);
	status = pt_yaml_load_string(path, data, len, out, err);
	free(data);
	return status;
}
