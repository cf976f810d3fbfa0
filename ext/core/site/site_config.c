/*
 * participa core: configuration validation (see config.h).
 *
 * The document is walked once per section through a table (sections[]
 * below): adding a feature means adding a validator and a row. Validators
 * never stop at the first problem; they report each one where it stands
 * and carry on with what is usable, avoiding follow-on errors (a territory
 * whose id is malformed is not also reported as "unknown" by every
 * assignment that names it... unless the name is truly unknown).
 */
#include "core/site/site_config.h"
#include "core/common/pt_buf.h"
#include "core/site/config_check.h"
#include "core/process/config_processes.h"
#include "core/commitment/config_commitments.h"
#include "core/instrument/config_instruments.h"
#include "core/body/config_bodies.h"
#include "core/responsibility/responsibility.h"
#include "core/common/pt_hash.h"
#include "core/common/pt_id.h"
#include "core/common/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- diagnostics ------------------------------------------------------ */

void pt_diags_init(pt_diags *d)
{
	memset(d, 0, sizeof(*d));
}

void pt_diags_free(pt_diags *d)
{
	size_t i;

	if (!d) {
		return;
	}
	for (i = 0; i < d->count; i++) {
		free(d->items[i].file);
		free(d->items[i].message);
	}
	free(d->items);
	memset(d, 0, sizeof(*d));
}

pt_status pt_diags_vadd(pt_diags *d, const char *file, unsigned line, unsigned column,
	const char *fmt, va_list ap)
{
	va_list copy;
	int need;
	char *msg;
	pt_diag *item;

	if (d->count >= PT_DIAGS_MAX) {
		d->dropped++;
		return PT_OK;
	}
	if (pt_array_grow(NULL, &d->items, &d->cap, d->count, sizeof(*d->items), 8) != PT_OK) {
		return PT_ERR_NOMEM;
	}
	va_copy(copy, ap);
	need = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (need < 0) {
		return PT_ERR_INTERNAL;
	}
	msg = malloc((size_t)need + 1);
	if (!msg) {
		return PT_ERR_NOMEM;
	}
	vsnprintf(msg, (size_t)need + 1, fmt, ap);
	item = &d->items[d->count];
	item->file = pt_strndup(NULL, file ? file : "", file ? strlen(file) : 0);
	if (!item->file) {
		free(msg);
		return PT_ERR_NOMEM;
	}
	item->line = line;
	item->column = column;
	item->message = msg;
	d->count++;
	return PT_OK;
}

pt_status pt_diags_add(pt_diags *d, const char *file, unsigned line, unsigned column,
	const char *fmt, ...)
{
	va_list ap;
	pt_status st;

	va_start(ap, fmt);
	st = pt_diags_vadd(d, file, line, column, fmt, ap);
	va_end(ap);
	return st;
}

void pt_diags_sort(pt_diags *d)
{
	/* Stable insertion sort: diagnostics arrive nearly sorted (sections are
	 * walked in file order), so this is close to linear in practice; fall
	 * back to a merge pass for large unsorted lists. */
	size_t i, width;
	pt_diag *tmp;

	if (d->count < 2) {
		return;
	}
	if (d->count <= 64) {
		for (i = 1; i < d->count; i++) {
			pt_diag x = d->items[i];
			size_t j = i;

			while (j > 0 && (d->items[j - 1].line > x.line
				|| (d->items[j - 1].line == x.line && d->items[j - 1].column > x.column))) {
				d->items[j] = d->items[j - 1];
				j--;
			}
			d->items[j] = x;
		}
		return;
	}
	tmp = malloc(d->count * sizeof(*tmp));
	if (!tmp) {
		return; /* unsorted but complete beats lost */
	}
	for (width = 1; width < d->count; width *= 2) {
		size_t lo;

		for (lo = 0; lo < d->count; lo += 2 * width) {
			size_t mid = lo + width < d->count ? lo + width : d->count;
			size_t hi = lo + 2 * width < d->count ? lo + 2 * width : d->count;
			size_t a = lo, b = mid, k = lo;

			while (a < mid && b < hi) {
				const pt_diag *x = &d->items[a], *y = &d->items[b];

				if (y->line < x->line || (y->line == x->line && y->column < x->column)) {
					tmp[k++] = d->items[b++];
				} else {
					tmp[k++] = d->items[a++];
				}
			}
			while (a < mid) {
				tmp[k++] = d->items[a++];
			}
			while (b < hi) {
				tmp[k++] = d->items[b++];
			}
		}
		memcpy(d->items, tmp, d->count * sizeof(*tmp));
	}
	free(tmp);
}

size_t pt_diag_format(const pt_diag *d, char *buf, size_t size)
{
	int n;

	if (d->line == 0) {
		n = snprintf(buf, size, "%s: %s", d->file ? d->file : "", d->message ? d->message : "");
	} else {
		n = snprintf(buf, size, "%s:%u:%u: %s", d->file ? d->file : "", d->line, d->column,
			d->message ? d->message : "");
	}
	return n < 0 ? 0 : (size_t)n;
}

/* ---- permissions ------------------------------------------------------- */

static const struct {
	const char *name;
	uint32_t bit;
} permissions[] = {
	{ "comment", PT_PERM_COMMENT },
	{ "react", PT_PERM_REACT },
	{ "flag", PT_PERM_FLAG },
	{ "vote", PT_PERM_VOTE },
	{ "answer", PT_PERM_ANSWER },
	{ "moderate", PT_PERM_MODERATE },
	{ "record_assembly", PT_PERM_RECORD_ASSEMBLY },
	{ "enter_paper_ballots", PT_PERM_ENTER_PAPER_BALLOTS },
	{ "update_commitment", PT_PERM_UPDATE_COMMITMENT },
	{ "manage_processes", PT_PERM_MANAGE_PROCESSES },
	{ "propose", PT_PERM_PROPOSE },
};
#define PERMISSION_COUNT (sizeof(permissions) / sizeof(permissions[0]))

const char *pt_permission_name(uint32_t bit)
{
	size_t i;

	for (i = 0; i < PERMISSION_COUNT; i++) {
		if (permissions[i].bit == bit) {
			return permissions[i].name;
		}
	}
	return NULL;
}

uint32_t pt_permission_from_name(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < PERMISSION_COUNT; i++) {
		if (strlen(permissions[i].name) == len && memcmp(permissions[i].name, name, len) == 0) {
			return permissions[i].bit;
		}
	}
	return 0;
}

/* ---- builder state and helpers ------------------------------------------ */

/* A territory as declared, before the tree is built: the flat `parent:`
 * form may name a parent declared further down, so the tree can only be
 * numbered once every declaration has been seen. */
typedef struct tdecl {
	const pt_ynode *node;       /* the item's mapping */
	const pt_ynode *id;         /* id value, NULL when missing or malformed */
	const char *name;           /* points into the YAML tree */
	const char *kind;           /* points into the YAML tree, may be NULL */
	const pt_ynode *parent_ref; /* `parent:` value (flat form), or NULL */
	int32_t parent;             /* decl index, -1 root, -2 broken (skip) */
} tdecl;

typedef struct builder {
	pt_check chk;               /* file, diags, &nomem */
	const char *file;
	pt_diags *diags;
	pt_config *cfg;
	bool nomem;
	tdecl *t;
	size_t tn, tcap;
	pt_hash tids;               /* declared ids (borrowed from the YAML) -> first declaration's index + 1 */
	int32_t *tmap;              /* decl index -> tree index (-1 if not in the tree) */
	pt_config_options opts;
} builder;

#define diag(b, ...) pt_check_diag(&(b)->chk, __VA_ARGS__)
#define qn(n) pt_check_qn(n)
#define q(v, len) pt_check_quote(v, len)
#define found(n) pt_check_found(n)
#define in_list pt_check_in_list
#define join pt_check_join
#define check_keys(b, map, where, allowed) pt_check_keys(&(b)->chk, map, where, allowed)

static bool expect_mapping(builder *b, const pt_ynode *n, const char *where, const char *hint)
{
	return pt_check_expect(&b->chk, n, PT_YNODE_MAPPING, where, hint);
}

static bool expect_sequence(builder *b, const pt_ynode *n, const char *where, const char *hint)
{
	return pt_check_expect(&b->chk, n, PT_YNODE_SEQUENCE, where, hint);
}

/* "site.name" for a section path, "kind of territory 'x'" for a described
 * item (where contains a space). */
static const char *key_path(char *buf, size_t size, const char *where, const char *key)
{
	if (strchr(where, ' ')) {
		snprintf(buf, size, "%s of %s", key, where);
	} else {
		snprintf(buf, size, "%s.%s", where, key);
	}
	return buf;
}

/* Text value of map[key]. Reports a missing required key, a non-scalar,
 * a null or empty value (when required or present), and embedded NULs.
 * Returns NULL when there is no usable value. */
static const char *get_text(builder *b, const pt_ynode *map, const char *key,
	const char *where, bool required, const pt_ynode **node_out)
{
	char path[192];

	return pt_check_get_text(&b->chk, map, key, where, key_path(path, sizeof(path), where, key), required,
		false, node_out);
}

/* Integer map[key] within [min, max]; false (reported) if present but bad,
 * false (silent) if absent. */
static bool get_int(builder *b, const pt_ynode *map, const char *key, const char *where,
	int64_t min, int64_t max, int64_t *out)
{
	const pt_ynode *v = pt_ynode_get(map, key);
	char path[192];

	snprintf(path, sizeof(path), "%s.%s", where, key);
	return v && pt_check_int(&b->chk, v, path, min, max, out);
}

static char *dup(builder *b, const char *s)
{
	return pt_check_dup(&b->chk, s, s ? strlen(s) : 0);
}

static bool is_lower_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* [a-z0-9][a-z0-9_.:-]{0,max-1}: ids end up in URLs, SQL keys and subject
 * strings like "assembly:2026-03-14-sm-teotongo". The YAML's grammar is a
 * subset of the one id rule (pt_id.h) that every API entry point applies, so
 * an id the file declares is always one the API accepts and compares the
 * same way in C and in SQL; pt_id_valid() is asked first so that the two
 * can never drift apart. */
static bool valid_id(const char *s, size_t len, size_t max)
{
	size_t i;

	if (!pt_id_valid(s, len) || len > max || !is_lower_alnum(s[0])) {
		return false;
	}
	for (i = 1; i < len; i++) {
		char c = s[i];

		if (!is_lower_alnum(c) && c != '_' && c != '.' && c != ':' && c != '-') {
			return false;
		}
	}
	return true;
}

#define ID_RULE "1 to %u characters from a-z, 0-9, '_', '.', ':' and '-', starting with a letter or digit"

/* ---- site ------------------------------------------------------------------ */

static const char *const site_keys[] = { "name", "locale", "timezone", "templates", NULL };
static const char *const locales[] = { "es_MX", "en_US", "en", NULL };

/* Area/Location[/Sublocation] or UTC. The binding checks the name against
 * the real tz database (it knows timezone_line/column); this only catches
 * what is obviously not a zone name ("Mexico City", "-06:00"). */
static bool looks_like_tz(const char *s, size_t len)
{
	size_t i, segments = 1, seglen = 0;

	if ((len == 3 && memcmp(s, "UTC", 3) == 0) || (len == 3 && memcmp(s, "GMT", 3) == 0)) {
		return true;
	}
	if (len == 0 || len > 64) {
		return false;
	}
	for (i = 0; i < len; i++) {
		char c = s[i];

		if (c == '/') {
			if (seglen == 0) {
				return false;
			}
			segments++;
			seglen = 0;
			continue;
		}
		if (seglen == 0 && !((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
			return false;
		}
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
			|| c == '_' || c == '-' || c == '+')) {
			return false;
		}
		seglen++;
	}
	return segments >= 2 && seglen > 0;
}

/*
 * site.templates: a folder path, taken from the YAML file's own folder when
 * relative (so a site's configuration and its templates travel together);
 * whether it can be read is io's check (site_state.c), not the core's.
 */
static void site_templates(builder *b, const char *s, const pt_ynode *v)
{
	const char *slash = s[0] == '/' || !b->file ? NULL : strrchr(b->file, '/');
	size_t dir = slash ? (size_t)(slash - b->file) + 1 : 0, n = strlen(s);
	char *path;

	if (n >= 2048) {
		diag(b, v, "site.templates: the folder's path is longer than 2047 bytes");
		return;
	}
	if (!(path = malloc(dir + n + 1))) {
		b->nomem = true;
		return;
	}
	memcpy(path, b->file ? b->file : "", dir);
	memcpy(path + dir, s, n + 1);
	b->cfg->templates_dir = path;
	b->cfg->templates_line = v->line;
	b->cfg->templates_column = v->column;
}

static void site_section(builder *b, const pt_ynode *n)
{
	const pt_ynode *v;
	const char *s;
	char expected[64];

	if (!expect_mapping(b, n, "site", " with name, locale and timezone")) {
		return;
	}
	check_keys(b, n, "site", site_keys);
	if ((s = get_text(b, n, "name", "site", true, NULL))) {
		b->cfg->site_name = dup(b, s);
	}
	if ((s = get_text(b, n, "locale", "site", false, &v))) {
		if (in_list(locales, s, v->len)) {
			free(b->cfg->locale);
			b->cfg->locale = dup(b, s);
		} else {
			join(expected, sizeof(expected), locales);
			diag(b, v, "site.locale: unsupported locale '%s'; expected one of: %s", qn(v).s, expected);
		}
	}
	if ((s = get_text(b, n, "timezone", "site", false, &v))) {
		if (looks_like_tz(s, v->len)) {
			free(b->cfg->timezone);
			b->cfg->timezone = dup(b, s);
			b->cfg->timezone_line = v->line;
			b->cfg->timezone_column = v->column;
		} else {
			diag(b, v, "site.timezone: '%s' is not an IANA time zone name; "
				"expected Area/Location such as America/Mexico_City, or UTC", qn(v).s);
		}
	}
	if ((s = pt_check_get_text(&b->chk, n, "templates", "site", "site.templates", false, true, &v))) {
		site_templates(b, s, v);
	}
}

/* ---- database ---------------------------------------------------------------- */

static const char *const database_keys[] = {
	"socket", "host", "port", "name", "user", "password_env", "connect_timeout", NULL
};

static bool valid_db_name(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || len > 64) {
		return false;
	}
	for (i = 0; i < len; i++) {
		char c = s[i];

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
			|| c == '_' || c == '$')) {
			return false;
		}
	}
	return true;
}

static bool valid_env_name(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || len > 255 || (s[0] >= '0' && s[0] <= '9')) {
		return false;
	}
	for (i = 0; i < len; i++) {
		char c = s[i];

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
			return false;
		}
	}
	return true;
}

static bool has_space(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if ((unsigned char)s[i] <= ' ' || s[i] == 0x7F) {
			return true;
		}
	}
	return false;
}

static void database_section(builder *b, const pt_ynode *n)
{
	pt_db_settings *db = &b->cfg->db;
	const pt_ynode *v, *socket_node, *host_node, *port_node;
	const char *s;
	size_t i;
	int64_t x;

	if (!expect_mapping(b, n, "database", " with socket or host, name and user")) {
		return;
	}
	/* `password:` gets its own message: it is the one key an admin is
	 * likely to add on purpose, and the fix is not a spelling change. */
	for (i = 0; i + 1 < n->count; i += 2) {
		const pt_ynode *k = n->items[i];

		if (k->len == 8 && memcmp(k->value, "password", 8) == 0) {
			diag(b, k, "database.password is not allowed: secrets must not be written in the "
				"configuration file; put the password in an environment variable and give its "
				"name with password_env (for example password_env: PARTICIPA_DB_PASSWORD)");
		}
	}
	{
		/* check_keys without reporting `password` a second time */
		char expected[256];

		join(expected, sizeof(expected), database_keys);
		for (i = 0; i + 1 < n->count; i += 2) {
			const pt_ynode *k = n->items[i];

			if (!in_list(database_keys, k->value, k->len)
				&& !(k->len == 8 && memcmp(k->value, "password", 8) == 0)) {
				diag(b, k, "unknown key '%s' in database; expected one of: %s", qn(k).s, expected);
			}
		}
	}

	if ((s = get_text(b, n, "socket", "database", false, &socket_node))) {
		if (s[0] != '/') {
			diag(b, socket_node, "database.socket must be an absolute path (starting with '/'), found '%s'",
				qn(socket_node).s);
		} else {
			db->socket = dup(b, s);
		}
	}
	if ((s = get_text(b, n, "host", "database", false, &host_node))) {
		if (has_space(s, host_node->len)) {
			diag(b, host_node, "database.host must be a host name or address without spaces, found '%s'",
				qn(host_node).s);
		} else {
			db->host = dup(b, s);
		}
	}
	port_node = pt_ynode_get(n, "port");
	if (socket_node && host_node) {
		const pt_ynode *k = host_node->line > socket_node->line
			|| (host_node->line == socket_node->line && host_node->column > socket_node->column)
			? host_node : socket_node;

		diag(b, k, "database: give either socket or host, not both (socket connects on this "
			"machine, host over TCP)");
	} else if (!socket_node && !host_node) {
		diag(b, n, "database: missing 'socket' or 'host'; give the server's unix socket path "
			"(socket: /run/mysqld/mysqld.sock) or its address (host: 127.0.0.1)");
	}
	if (port_node && socket_node && !host_node) {
		diag(b, port_node, "database.port applies only with host; remove it or use host instead of socket");
	}
	if (get_int(b, n, "port", "database", 1, 65535, &x)) {
		db->port = (unsigned)x;
	}

	if ((s = get_text(b, n, "name", "database", true, &v))) {
		if (valid_db_name(s, v->len)) {
			db->name = dup(b, s);
		} else {
			diag(b, v, "database.name '%s' is not a valid database name; use 1 to 64 characters "
				"from A-Z, a-z, 0-9, '_' and '$'", qn(v).s);
		}
	}
	if ((s = get_text(b, n, "user", "database", true, &v))) {
		if (v->len > 80) {
			diag(b, v, "database.user is longer than 80 characters");
		} else {
			db->user = dup(b, s);
		}
	}
	if ((s = get_text(b, n, "password_env", "database", false, &v))) {
		if (valid_env_name(s, v->len)) {
			db->password_env = dup(b, s);
		} else {
			diag(b, v, "database.password_env must name an environment variable "
				"(letters, digits and '_', not starting with a digit), found '%s'", qn(v).s);
		}
	}
	if (get_int(b, n, "connect_timeout", "database", 1, 300, &x)) {
		db->connect_timeout = (unsigned)x;
	}
}

/* ---- territories ------------------------------------------------------------- */

static const char *const territory_keys[] = { "id", "name", "kind", "children", "parent", NULL };
#define TERRITORY_ID_MAX PT_ID_MAX

static int32_t tdecl_find(const builder *b, const char *id, size_t len)
{
	void *v;

	return pt_hash_find(&b->tids, id, len, &v) ? (int32_t)((intptr_t)v - 1) : -1;
}

/* Records declaration idx under its id; a repeated id keeps the first declaration. */
static bool tdecl_index(builder *b, int32_t idx)
{
	const pt_ynode *id = b->t[idx].id;

	if (pt_hash_add(&b->tids, id->value, id->len, (void *)(intptr_t)(idx + 1)) == PT_ERR_NOMEM) {
		b->nomem = true;
		return false;
	}
	return true;
}

static void territory_where(const builder *b, int32_t idx, char *buf, size_t size)
{
	const pt_ynode *id = b->t[idx].id;

	/* Runs for each of thousands of territories: plain copies, no printf.
	 * A recorded id is valid, so it needs no quoting. */
	if (id && id->len + sizeof("territory ''") <= size) {
		memcpy(buf, "territory '", 11);
		memcpy(buf + 11, id->value, id->len);
		memcpy(buf + 11 + id->len, "'", 2);
	} else if (id) {
		snprintf(buf, size, "territory '%s'", qn(id).s);
	} else {
		snprintf(buf, size, "the territory at %u:%u", b->t[idx].node->line, b->t[idx].node->column);
	}
}

/* Reads one territory item and, recursively, its children. Recursion depth
 * is bounded by the loader's PT_YAML_MAX_DEPTH; deep trees come from the
 * flat `parent:` form, which is not recursive here. */
static void territory_item(builder *b, const pt_ynode *item, int32_t nested_parent, bool top)
{
	const pt_ynode *idn, *children, *parent, *v;
	char where[256];
	const char *s;
	int32_t idx;
	size_t i;

	if (item->kind != PT_YNODE_MAPPING) {
		diag(b, item, "territory: expected a mapping with id and name, found %s", found(item).s);
		return;
	}
	if (pt_array_grow(NULL, &b->t, &b->tcap, b->tn, sizeof(*b->t), 64) != PT_OK) {
		b->nomem = true;
		return;
	}
	idx = (int32_t)b->tn++;
	memset(&b->t[idx], 0, sizeof(b->t[idx]));
	b->t[idx].node = item;
	b->t[idx].parent = nested_parent;

	idn = pt_ynode_get(item, "id");
	if (!idn) {
		diag(b, item, "missing required key 'id' in territory");
	} else if (idn->kind != PT_YNODE_SCALAR || pt_ynode_is_null(idn)) {
		diag(b, idn, "territory id: expected text, found %s", found(idn).s);
	} else if (!valid_id(idn->value, idn->len, TERRITORY_ID_MAX)) {
		diag(b, idn, "territory id '%s' is not valid: use " ID_RULE, qn(idn).s, TERRITORY_ID_MAX);
	} else {
		int32_t first = tdecl_find(b, idn->value, idn->len);

		if (first >= 0) {
			diag(b, idn, "territory '%s' is declared twice (first at %u:%u)", qn(idn).s,
				b->t[first].id->line, b->t[first].id->column);
		} else {
			b->t[idx].id = idn;
			tdecl_index(b, idx);
		}
	}
	territory_where(b, idx, where, sizeof(where));
	check_keys(b, item, where, territory_keys);
	b->t[idx].name = get_text(b, item, "name", where, true, NULL);
	if ((s = get_text(b, item, "kind", where, false, &v))) {
		b->t[idx].kind = s;
	}

	parent = pt_ynode_get(item, "parent");
	if (parent) {
		if (!top) {
			diag(b, parent, "%s is nested under '%s' and also gives parent:; use one or the other",
				where, b->t[nested_parent].id ? qn(b->t[nested_parent].id).s : "?");
		} else if (parent->kind != PT_YNODE_SCALAR || pt_ynode_is_null(parent) || parent->len == 0) {
			diag(b, parent, "%s: parent: expected a territory id, found %s", where, found(parent).s);
			b->t[idx].parent = -2;
		} else {
			b->t[idx].parent_ref = parent;
		}
	}

	children = pt_ynode_get(item, "children");
	if (children && !pt_ynode_is_null(children)
		&& expect_sequence(b, children, "children", " of territories")) {
		for (i = 0; i < children->count && !b->nomem; i++) {
			territory_item(b, children->items[i], idx, false);
		}
	}
}

/* Writes "'a' -> 'b' -> 'a'" for the cycle through start. */
static void cycle_text(const builder *b, int32_t start, char *buf, size_t size)
{
	size_t used = 0;
	int32_t k = start;
	int steps = 0;

	buf[0] = '\0';
	do {
		int n;

		if (steps == 8) {
			snprintf(buf + used, size - used, " -> ...");
			return;
		}
		n = snprintf(buf + used, size - used, "%s'%s'", steps ? " -> " : "", qn(b->t[k].id).s);
		if (n < 0 || (size_t)n >= size - used) {
			return;
		}
		used += (size_t)n;
		k = b->t[k].parent;
		steps++;
	} while (k != start);
	snprintf(buf + used, size - used, " -> '%s'", qn(b->t[start].id).s);
}

static bool before(const pt_ynode *a, const pt_ynode *c)
{
	return a->line < c->line || (a->line == c->line && a->column < c->column);
}

/* Resolves `parent:` references and finds cycles. Afterwards each decl's
 * parent is a valid decl index, -1, or -2 (broken: left out of the tree). */
static void territories_resolve(builder *b)
{
	uint8_t *state;
	int32_t *stamp;
	size_t i;

	for (i = 0; i < b->tn; i++) {
		tdecl *d = &b->t[i];
		int32_t p;

		if (!d->parent_ref) {
			continue;
		}
		p = tdecl_find(b, d->parent_ref->value, d->parent_ref->len);
		if (p < 0) {
			char where[128];

			territory_where(b, (int32_t)i, where, sizeof(where));
			diag(b, d->parent_ref, "%s has parent '%s', which is not declared", where,
				qn(d->parent_ref).s);
			d->parent = -2;
		} else {
			d->parent = p;
		}
	}

	state = calloc(b->tn ? b->tn : 1, 1);
	stamp = malloc((b->tn ? b->tn : 1) * sizeof(*stamp));
	if (!state || !stamp) {
		free(state);
		free(stamp);
		b->nomem = true;
		return;
	}
	/* Walk up from each unvisited decl marking the path (state 1, stamped
	 * with the walk's origin); meeting our own stamp again is a cycle.
	 * Every decl is marked once, so this is O(n). */
	for (i = 0; i < b->tn; i++) {
		int32_t j = (int32_t)i, k, cycle;

		while (j >= 0 && state[j] == 0) {
			state[j] = 1;
			stamp[j] = (int32_t)i;
			j = b->t[j].parent;
		}
		cycle = j >= 0 && state[j] == 1 && stamp[j] == (int32_t)i ? j : -1;
		for (k = (int32_t)i; k >= 0 && state[k] == 1 && stamp[k] == (int32_t)i; k = b->t[k].parent) {
			state[k] = 2;
		}
		if (cycle >= 0) {
			/* Report once, at the earliest `parent:` in the cycle (nesting
			 * alone cannot form one, so there is at least one). */
			int32_t at = -1;
			char text[512];

			k = cycle;
			do {
				if (b->t[k].parent_ref && (at < 0 || before(b->t[k].parent_ref, b->t[at].parent_ref))) {
					at = k;
				}
				k = b->t[k].parent;
			} while (k != cycle);
			cycle_text(b, at, text, sizeof(text));
			diag(b, b->t[at].parent_ref, "territories form a cycle through parent: %s; "
				"a territory cannot be inside itself", text);
			/* Leave the whole cycle out of the tree. */
			k = cycle;
			do {
				int32_t next = b->t[k].parent;

				b->t[k].parent = -2;
				k = next;
			} while (k != cycle && k >= 0);
		}
	}
	free(state);
	free(stamp);
}

/* Depth of every declaration from its parent links (after cycles were cut),
 * iteratively: the flat `parent:` form allows a chain of any length, and a
 * chain deeper than PT_TERRITORY_MAX_DEPTH is refused (Site::territories()
 * nests one PHP array per level, and freeing a 200,000-deep one overflowed
 * the worker's stack). Reported once per chain, at the first territory past
 * the limit. O(n). */
static void territories_depth(builder *b)
{
	int32_t *depth, *stack;
	size_t i;

	depth = malloc((b->tn ? b->tn : 1) * sizeof(*depth));
	stack = malloc((b->tn ? b->tn : 1) * sizeof(*stack));
	if (!depth || !stack) {
		free(depth);
		free(stack);
		b->nomem = true;
		return;
	}
	for (i = 0; i < b->tn; i++) {
		depth[i] = -1;
	}
	for (i = 0; i < b->tn; i++) {
		size_t top = 0;
		int32_t j = (int32_t)i, d;

		while (j >= 0 && depth[j] < 0 && b->t[j].parent != -2) {
			stack[top++] = j;
			j = b->t[j].parent;
		}
		d = j >= 0 ? depth[j] : -1;
		while (top > 0) {
			int32_t v = stack[--top];

			depth[v] = ++d;
			if (d == PT_TERRITORY_MAX_DEPTH) {
				char where[256];
				const tdecl *t = &b->t[v];

				territory_where(b, v, where, sizeof(where));
				diag(b, t->parent_ref ? t->parent_ref : t->node, "%s is nested %d levels deep; "
					"territories may nest at most %d levels (check the chain of parent: entries above it)",
					where, d + 1, PT_TERRITORY_MAX_DEPTH);
			}
		}
	}
	free(depth);
	free(stack);
}

/* Adds the declarations to the tree in depth-first order (parents before
 * children, as territory.h promises) and numbers it. */
static void territories_build(builder *b)
{
	int32_t *first, *next, *stack, roots = -1;
	size_t i, top;
	pt_error err;

	b->tmap = malloc((b->tn ? b->tn : 1) * sizeof(*b->tmap));
	first = malloc((b->tn ? b->tn : 1) * sizeof(*first));
	next = malloc((b->tn ? b->tn : 1) * sizeof(*next));
	stack = malloc((b->tn ? b->tn : 1) * sizeof(*stack));
	if (!b->tmap || !first || !next || !stack) {
		free(first);
		free(next);
		free(stack);
		b->nomem = true;
		return;
	}
	for (i = 0; i < b->tn; i++) {
		first[i] = -1;
		b->tmap[i] = -1;
	}
	for (i = b->tn; i-- > 0;) {
		int32_t p = b->t[i].parent;

		if (p == -1) {
			next[i] = roots;
			roots = (int32_t)i;
		} else if (p >= 0) {
			next[i] = first[p];
			first[p] = (int32_t)i;
		}
	}
	/* Pre-order with an explicit stack; children pushed in reverse so they
	 * come out in declaration order. */
	for (int32_t r = roots; r >= 0 && !b->nomem; r = next[r]) {
		top = 0;
		stack[top++] = r;
		while (top > 0) {
			int32_t v = stack[--top], c, parent;
			const tdecl *d = &b->t[v];
			size_t mark = top;

			parent = d->parent >= 0 ? b->tmap[d->parent] : -1;
			b->tmap[v] = pt_territory_add(&b->cfg->territories, d->id->value, d->name, d->kind,
				parent, d->node->line, d->node->column);
			if (b->tmap[v] < 0) {
				b->nomem = true;
				break;
			}
			for (c = first[v]; c >= 0; c = next[c]) {
				stack[top++] = c;
			}
			for (size_t lo = mark, hi = top; hi > lo + 1; lo++, hi--) {
				int32_t t = stack[lo];

				stack[lo] = stack[hi - 1];
				stack[hi - 1] = t;
			}
		}
	}
	free(first);
	free(next);
	free(stack);
	pt_error_clear(&err);
	if (!b->nomem && pt_territory_finish(&b->cfg->territories, &err) != PT_OK) {
		b->nomem = true;
	}
}

static void territories_section(builder *b, const pt_ynode *n)
{
	size_t i, before_count = b->diags->count;

	if (!pt_check_section(&b->chk, n, PT_YNODE_SEQUENCE, "territories", " of territories (each with id and name)")) {
		return;
	}
	for (i = 0; i < n->count && !b->nomem; i++) {
		territory_item(b, n->items[i], -1, true);
	}
	if (b->nomem) {
		return;
	}
	territories_resolve(b);
	if (!b->nomem) {
		territories_depth(b);
	}
	if (!b->nomem && b->diags->count == before_count) {
		territories_build(b);
	}
}

/* ---- roles ------------------------------------------------------------------- */

static const char *const role_keys[] = { "name", "can", "votes", NULL };
#define ROLE_ID_MAX 64

static void role_can(builder *b, pt_role *role, const pt_ynode *can, const char *where,
	const pt_ynode **vote_item)
{
	char expected[256];
	const char *names[PERMISSION_COUNT + 1];
	size_t i;

	for (i = 0; i < PERMISSION_COUNT; i++) {
		names[i] = permissions[i].name;
	}
	names[PERMISSION_COUNT] = NULL;
	join(expected, sizeof(expected), names);
	for (i = 0; i < can->count; i++) {
		const pt_ynode *p = can->items[i];
		uint32_t bit;

		if (p->kind != PT_YNODE_SCALAR) {
			diag(b, p, "can of %s: expected permission names, found %s", where, found(p).s);
			continue;
		}
		bit = pt_permission_from_name(p->value, p->len);
		if (!bit) {
			diag(b, p, "unknown permission '%s' in %s; expected one of: %s", qn(p).s, where, expected);
			continue;
		}
		if (bit == PT_PERM_VOTE && !*vote_item) {
			*vote_item = p;
		}
		role->permissions |= bit;
	}
}

static void roles_section(builder *b, const pt_ynode *n)
{
	size_t i;

	if (!pt_check_section(&b->chk, n, PT_YNODE_MAPPING, "roles", " from role id to its definition")) {
		return;
	}
	if (n->count / 2 > PT_CONFIG_MAX_ROLES) {
		/* roles are looked up by a linear scan; no municipality needs more */
		diag(b, n, "roles: %zu roles declared; at most %d are allowed", n->count / 2, PT_CONFIG_MAX_ROLES);
		return;
	}
	b->cfg->roles = calloc(n->count / 2 ? n->count / 2 : 1, sizeof(pt_role));
	if (!b->cfg->roles) {
		b->nomem = true;
		return;
	}
	for (i = 0; i + 1 < n->count; i += 2) {
		const pt_ynode *k = n->items[i], *v = n->items[i + 1], *can, *votes, *vote_item = NULL;
		pt_role *role = &b->cfg->roles[b->cfg->role_count];
		char where[128];
		const char *s;
		bool flag;

		snprintf(where, sizeof(where), "role '%s'", qn(k).s);
		if (!valid_id(k->value, k->len, ROLE_ID_MAX)) {
			diag(b, k, "role id '%s' is not valid: use " ID_RULE, qn(k).s, ROLE_ID_MAX);
		}
		/* Keep the role even when it has errors, so assignments naming it
		 * are not reported a second time as "unknown role". */
		role->id = pt_strndup(NULL, k->value, k->len);
		if (!role->id) {
			b->nomem = true;
			return;
		}
		role->votes = true;
		role->line = k->line;
		role->column = k->column;
		b->cfg->role_count++;
		if (!expect_mapping(b, v, where, " with can: [permissions]")) {
			continue;
		}
		check_keys(b, v, where, role_keys);
		if ((s = get_text(b, v, "name", where, false, NULL))) {
			role->name = dup(b, s);
		}
		can = pt_ynode_get(v, "can");
		if (!can) {
			diag(b, v, "missing required key 'can' in %s (the list of permissions, e.g. can: [comment, react])", where);
		} else if (expect_sequence(b, can, "can", " of permissions such as [comment, vote]")) {
			role_can(b, role, can, where, &vote_item);
		}
		votes = pt_ynode_get(v, "votes");
		if (votes) {
			if (!pt_ynode_bool(votes, &flag)) {
				diag(b, votes, "votes of %s: expected true or false, found %s", where, found(votes).s);
			} else {
				role->votes = flag;
			}
		}
		if (!role->votes && vote_item) {
			diag(b, vote_item, "%s has votes: false but its can: list includes 'vote'; "
				"remove one of them", where);
		}
	}
}

/* ---- assignments -------------------------------------------------------------- */

static const char *const assignment_keys[] = { "participant", "role", "territory", "body", NULL };
#define PARTICIPANT_MAX PT_ID_MAX

static void assignments_section(builder *b, const pt_ynode *n)
{
	size_t i;

	if (!pt_check_section(&b->chk, n, PT_YNODE_SEQUENCE, "assignments", " of {participant, role, territory?, body?}")) {
		return;
	}
	b->cfg->assignments = calloc(n->count ? n->count : 1, sizeof(pt_assignment));
	if (!b->cfg->assignments) {
		b->nomem = true;
		return;
	}
	for (i = 0; i < n->count; i++) {
		const pt_ynode *item = n->items[i], *v;
		pt_assignment *a = &b->cfg->assignments[b->cfg->assignment_count];
		const char *s;
		bool ok = true;

		if (!expect_mapping(b, item, "assignment", " with participant and role")) {
			continue;
		}
		check_keys(b, item, "assignment", assignment_keys);
		memset(a, 0, sizeof(*a));
		a->territory = -1;
		a->line = item->line;
		a->column = item->column;
		if ((s = get_text(b, item, "participant", "assignment", true, &v))) {
			if (v->len > PARTICIPANT_MAX || has_space(s, v->len)) {
				diag(b, v, "assignment.participant '%s' must be a host id of at most %d characters "
					"without spaces, such as wp:42", qn(v).s, PARTICIPANT_MAX);
				ok = false;
			}
		} else {
			ok = false;
		}
		if ((s = get_text(b, item, "role", "assignment", true, &v))) {
			const pt_role *r = pt_config_role(b->cfg, s);

			if (!r) {
				char declared[256];
				size_t k, used = 0;

				declared[0] = '\0';
				for (k = 0; k < b->cfg->role_count && used < sizeof(declared); k++) {
					int w = snprintf(declared + used, sizeof(declared) - used, "%s%s",
						k ? ", " : "", b->cfg->roles[k].id);

					if (w < 0) {
						break;
					}
					used += (size_t)w;
				}
				if (b->cfg->role_count) {
					diag(b, v, "assignment names unknown role '%s'; declared roles: %s", qn(v).s, declared);
				} else {
					diag(b, v, "assignment names unknown role '%s'; no roles are declared (add them under roles:)",
						qn(v).s);
				}
				ok = false;
			} else {
				a->role = (size_t)(r - b->cfg->roles);
			}
		} else {
			ok = false;
		}
		if ((s = get_text(b, item, "territory", "assignment", false, &v))) {
			int32_t d = tdecl_find(b, s, v->len);

			if (d < 0) {
				diag(b, v, "assignment names unknown territory '%s'", qn(v).s);
				ok = false;
			} else {
				a->territory = b->tmap ? b->tmap[d] : -1;
			}
		} else if (v) {
			ok = false;
		}
		if ((s = get_text(b, item, "body", "assignment", false, &v))) {
			if (!valid_id(s, v->len, TERRITORY_ID_MAX)) {
				diag(b, v, "assignment.body '%s' is not a valid id: use " ID_RULE, qn(v).s, TERRITORY_ID_MAX);
				ok = false;
			}
		} else if (v) {
			ok = false;
		}
		if (!ok) {
			continue;
		}
		a->participant = dup(b, pt_ynode_get(item, "participant")->value);
		a->body = dup(b, s);
		b->cfg->assignment_count++;
	}
}

/* ---- threads ------------------------------------------------------------------ */

static const char *const threads_keys[] = {
	"max_depth", "max_length", "min_length", "edit_window", "rate_limit",
	"auto_hide_after_flags", "page_replies", "subjects", NULL
};
static const char *const subject_keys[] = { "alignment", "premoderate", NULL };
#define EDIT_WINDOW_MAX (365u * 86400u)

static bool unit_seconds(char u, uint32_t *out)
{
	switch (u) {
	case 's': *out = 1; return true;
	case 'm': *out = 60; return true;
	case 'h': *out = 3600; return true;
	case 'd': *out = 86400; return true;
	}
	return false;
}

/* Leading decimal digits of s[0..len) into *n (at most 10 digits); returns how many. */
static size_t leading_number(const char *s, size_t len, uint64_t *n)
{
	size_t i = 0;

	*n = 0;
	while (i < len && i < 10 && s[i] >= '0' && s[i] <= '9') {
		*n = *n * 10 + (uint64_t)(s[i] - '0');
		i++;
	}
	return i;
}

bool pt_config_parse_duration(const char *s, size_t len, uint32_t *seconds)
{
	uint64_t n;
	uint32_t unit;
	size_t digits = leading_number(s, len, &n);

	if (digits == 0) {
		return false;
	}
	if (digits == len) {
		if (n != 0) {
			return false; /* "15" is ambiguous: minutes? seconds? */
		}
		*seconds = 0;
		return true;
	}
	if (digits + 1 != len || !unit_seconds(s[digits], &unit) || n * unit > UINT32_MAX) {
		return false;
	}
	*seconds = (uint32_t)(n * unit);
	return true;
}

bool pt_config_parse_rate(const char *s, size_t len, pt_rate *out)
{
	uint64_t n;
	uint32_t unit;
	size_t digits;

	if (len == 4 && memcmp(s, "none", 4) == 0) {
		out->count = 0;
		out->period_s = 0;
		return true;
	}
	digits = leading_number(s, len, &n);
	if (digits == 0 || n == 0 || n > 1000000 || digits + 2 != len || s[digits] != '/'
		|| !unit_seconds(s[digits + 1], &unit)) {
		return false;
	}
	out->count = (uint32_t)n;
	out->period_s = unit;
	return true;
}

static bool get_bool(builder *b, const pt_ynode *map, const char *key, const char *where, bool *out)
{
	const pt_ynode *v = pt_ynode_get(map, key);
	char path[192];

	return v && pt_check_bool(&b->chk, v, key_path(path, sizeof(path), where, key), out);
}

static void threads_subjects(builder *b, const pt_ynode *n)
{
	pt_threads_settings *t = &b->cfg->threads;
	size_t i;

	if (!pt_check_section(&b->chk, n, PT_YNODE_MAPPING, "threads.subjects", " from subject type to its settings")) {
		return;
	}
	if (n->count / 2 > PT_CONFIG_MAX_SUBJECTS) {
		/* looked up by a linear scan for every thread a request opens */
		diag(b, n, "threads.subjects: %zu subject types declared; at most %d are allowed",
			n->count / 2, PT_CONFIG_MAX_SUBJECTS);
		return;
	}
	t->subjects = calloc(n->count / 2 ? n->count / 2 : 1, sizeof(*t->subjects));
	if (!t->subjects) {
		b->nomem = true;
		return;
	}
	for (i = 0; i + 1 < n->count; i += 2) {
		const pt_ynode *k = n->items[i], *v = n->items[i + 1];
		pt_subject_settings *sub;
		char where[128];
		bool flag;

		snprintf(where, sizeof(where), "subject type '%s'", qn(k).s);
		/* The API checks a subject type with pt_kind_check(): a type the
		 * YAML could declare but the API refuses ("my-type") would leave its
		 * settings (premoderate!) unreachable. */
		if (!pt_kind_valid(k->value, k->len)) {
			diag(b, k, "subject type '%s' is not valid: use 1 to %d characters from a-z, 0-9 and "
				"'_', starting with a letter", qn(k).s, PT_KIND_MAX);
			continue;
		}
		sub = &t->subjects[t->subject_count];
		sub->type = pt_strndup(NULL, k->value, k->len);
		if (!sub->type) {
			b->nomem = true;
			return;
		}
		sub->line = k->line;
		sub->column = k->column;
		t->subject_count++;
		if (pt_ynode_is_null(v)) {
			continue; /* `post:` alone takes the defaults */
		}
		if (!expect_mapping(b, v, where, " such as { alignment: true, premoderate: false }")) {
			continue;
		}
		check_keys(b, v, where, subject_keys);
		if (get_bool(b, v, "alignment", where, &flag)) {
			sub->alignment = flag;
		}
		if (get_bool(b, v, "premoderate", where, &flag)) {
			sub->premoderate = flag;
		}
	}
}

static void threads_section(builder *b, const pt_ynode *n)
{
	pt_threads_settings *t = &b->cfg->threads;
	const pt_ynode *v, *min_node;
	const char *s;
	int64_t x;
	bool have_min = false;

	if (!pt_check_section(&b->chk, n, PT_YNODE_MAPPING, "threads", " with max_depth, max_length, rate_limit ...")) {
		return;
	}
	check_keys(b, n, "threads", threads_keys);
	if (get_int(b, n, "max_depth", "threads", 1, 16, &x)) {
		t->max_depth = (unsigned)x;
	}
	if (get_int(b, n, "max_length", "threads", 1, 100000, &x)) {
		t->max_length = (unsigned)x;
	}
	if (get_int(b, n, "min_length", "threads", 1, 100000, &x)) {
		t->min_length = (unsigned)x;
		have_min = true;
	}
	min_node = pt_ynode_get(n, "min_length");
	if (have_min && t->min_length > t->max_length) {
		diag(b, min_node, "threads.min_length (%u) is greater than threads.max_length (%u)",
			t->min_length, t->max_length);
	}
	if ((s = get_text(b, n, "edit_window", "threads", false, &v))) {
		uint32_t secs;

		if (!pt_config_parse_duration(s, v->len, &secs) || secs > EDIT_WINDOW_MAX) {
			diag(b, v, "threads.edit_window: expected a duration such as 15m (a whole number "
				"followed by s, m, h or d, at most 365d; 0 disables editing), found '%s'", qn(v).s);
		} else {
			t->edit_window_s = secs;
		}
	}
	if ((s = get_text(b, n, "rate_limit", "threads", false, &v))) {
		if (!pt_config_parse_rate(s, v->len, &t->rate_limit)) {
			diag(b, v, "threads.rate_limit: expected a rate such as 10/h (1 to 1000000 per s, m, "
				"h or d) or none, found '%s'", qn(v).s);
		}
	}
	if (get_int(b, n, "auto_hide_after_flags", "threads", 0, 1000, &x)) {
		t->auto_hide_after_flags = (unsigned)x;
	}
	if (get_int(b, n, "page_replies", "threads", 1, 100, &x)) {
		t->page_replies = (unsigned)x;
	}
	if ((v = pt_ynode_get(n, "subjects"))) {
		threads_subjects(b, v);
	}
}

const pt_subject_settings *pt_config_subject(const pt_config *cfg, const char *type, size_t len)
{
	size_t i;

	for (i = 0; i < cfg->threads.subject_count; i++) {
		const pt_subject_settings *sub = &cfg->threads.subjects[i];

		if (strlen(sub->type) == len && memcmp(sub->type, type, len) == 0) {
			return sub;
		}
	}
	return &cfg->threads.subject_defaults;
}

/* ---- moderation ------------------------------------------------------------------ */

static const char *const moderation_keys[] = { "match_limit", "depth_limit", "mask", "rules", NULL };
static const char *const rule_keys[] = { "name", "pattern", "preset", "action", "message", "mask", NULL };
#define RULE_NAME_MAX 64

/* Text map[key] that is also valid UTF-8 without control characters (and,
 * when one_line, without newlines or tabs). */
static const char *get_clean_text(builder *b, const pt_ynode *map, const char *key, const char *where,
	bool required, bool one_line, const pt_ynode **node_out)
{
	const char *s = get_text(b, map, key, where, required, node_out);
	char path[192];

	if (!s) {
		return NULL;
	}
	if (pt_text_validate(s, (*node_out)->len, NULL, NULL) != PT_OK
		|| (one_line && (memchr(s, '\n', (*node_out)->len) || memchr(s, '\t', (*node_out)->len)))) {
		diag(b, *node_out, "%s must be %stext without control characters",
			key_path(path, sizeof(path), where, key), one_line ? "one line of " : "");
		return NULL;
	}
	return s;
}

/* Reports a rule (just added, the last of the set) whose work is out of
 * proportion on adversarial texts (participa check). */
static void probe_rule(builder *b, const pt_ynode *pattern_node, const char *name, pt_mod_action act,
	bool ok)
{
	const pt_modrules *rules = b->cfg->moderation.rules;
	size_t max_chars = b->cfg->threads.max_length;
	pt_mod_probe pr;
	pt_error err;
	pt_quoted qname = q(name, strlen(name));

	pt_error_clear(&err);
	if (pt_modrules_probe(rules, pt_modrules_count(rules) - 1, max_chars, &pr, &err) != PT_OK) {
		if (err.code == PT_ERR_NOMEM) {
			b->nomem = true;
		}
		return;
	}
	if (pr.limit) {
		diag(b, pattern_node, "moderation rule '%s': the pattern backtracks catastrophically: on a "
			"comment such as %s it hits the match limit (%u steps at one position), so every such "
			"comment would be held; rewrite nested repeats such as (a+)+ or (\\w+\\s?)* so that "
			"each character can be matched in one way only", qname.s, pr.probe,
			pt_modrules_match_limit(rules));
	} else if (pr.slow && pr.capped) {
		diag(b, pattern_node, "moderation rule '%s': the pattern does too much work: more than %u "
			"steps on a comment such as %s, where a rule may take at most %u for the moderation "
			"time budget to hold; its work grows faster than the text (look for a repeat that is "
			"tried again from every character, such as [\\w.]+@ without a lookbehind)",
			qname.s, PT_MOD_PROBE_WORK, pr.probe, PT_MOD_PROBE_WORK);
	} else if (pr.slow) {
		diag(b, pattern_node, "moderation rule '%s': the pattern does too much work: about %llu steps "
			"on a comment of %zu characters (threads.max_length; measured on %s and on one 4 times "
			"shorter), where a rule may take at most %u for the moderation time budget to hold; its "
			"work grows faster than the text (look for a repeat that is tried again from every "
			"character, such as [\\w.]+@ without a lookbehind)",
			qname.s, (unsigned long long)pr.work, pr.chars, pr.probe, PT_MOD_PROBE_WORK);
	}
	if (pr.matches_empty && ok) {
		diag(b, pattern_node, "moderation rule '%s' matches any comment (an empty one, or 'a', '1' "
			"and 'Buenos días.' alike), so it would %s every comment; an empty alternative such as "
			"'idiota|' or a pattern made only of optional parts matches everywhere", qname.s,
			act == PT_MOD_REJECT ? "reject" : "hold");
	}
}

static void moderation_rule(builder *b, const pt_ynode *item, const pt_ynode **names, size_t *name_count)
{
	const pt_ynode *name_node, *pattern_node, *preset_node, *action_node, *message_node, *mask_node;
	const char *name, *pattern, *preset, *action, *message, *mask;
	pt_modrule_spec spec;
	pt_mod_action act = PT_MOD_HOLD;
	char where[128];
	bool ok = true;
	size_t i;
	pt_error err;

	if (!expect_mapping(b, item, "moderation rule", " such as { name: curp, preset: curp, action: redact }")) {
		return;
	}
	name = get_clean_text(b, item, "name", "moderation rule", true, true, &name_node);
	if (name && pt_text_chars(name, name_node->len) > RULE_NAME_MAX) {
		diag(b, name_node, "moderation rule name '%s' is longer than %d characters", qn(name_node).s,
			RULE_NAME_MAX);
		name = NULL;
	}
	if (name) {
		snprintf(where, sizeof(where), "moderation rule '%s'", qn(name_node).s);
		for (i = 0; i < *name_count; i++) {
			if (names[i]->len == name_node->len && memcmp(names[i]->value, name, name_node->len) == 0) {
				diag(b, name_node, "duplicate moderation rule name '%s' (first used at line %u, column %u)",
					qn(name_node).s, names[i]->line, names[i]->column);
				break;
			}
		}
		names[(*name_count)++] = name_node;
	} else {
		snprintf(where, sizeof(where), "moderation rule");
		ok = false;
	}
	check_keys(b, item, where, rule_keys);

	if ((action = get_text(b, item, "action", where, true, &action_node))) {
		if (!pt_mod_action_from_name(action, action_node->len, &act)) {
			diag(b, action_node, "unknown action '%s' in %s; expected one of: redact, reject, hold",
				qn(action_node).s, where);
			ok = false;
		}
	} else {
		ok = false;
	}
	pattern = get_text(b, item, "pattern", where, false, &pattern_node);
	preset = get_text(b, item, "preset", where, false, &preset_node);
	if (pattern_node && preset_node) {
		const pt_ynode *later = before(pattern_node, preset_node) ? preset_node : pattern_node;

		diag(b, later, "%s: give either pattern or preset, not both", where);
		ok = false;
	} else if (!pattern_node && !preset_node) {
		diag(b, item, "%s needs a pattern (a regular expression) or a preset (one of: %s)", where,
			"telefono_mx, correo, curp");
		ok = false;
	} else if ((pattern_node && !pattern) || (preset_node && !preset)) {
		ok = false;
	}
	if (preset && !pt_mod_preset_find(preset, preset_node->len)) {
		char expected[128];
		const char *presets[8];
		size_t k;

		for (k = 0; pt_mod_presets[k].name && k < 7; k++) {
			presets[k] = pt_mod_presets[k].name;
		}
		presets[k] = NULL;
		join(expected, sizeof(expected), presets);
		diag(b, preset_node, "unknown preset '%s' in %s; expected one of: %s", qn(preset_node).s, where,
			expected);
		ok = false;
	}
	message = get_clean_text(b, item, "message", where, false, false, &message_node);
	if (message && pt_text_chars(message, message_node->len) > PT_CONFIG_MAX_MESSAGE) {
		diag(b, message_node, "%s: message is longer than %d characters", where, PT_CONFIG_MAX_MESSAGE);
		ok = false;
	} else if (message_node && !message) {
		ok = false;
	} else if (message && action && act != PT_MOD_REJECT && ok) {
		diag(b, message_node, "%s: message applies only to action: reject (the author is told why "
			"the comment was refused)", where);
		ok = false;
	}
	mask = get_clean_text(b, item, "mask", where, false, true, &mask_node);
	if (mask && pt_text_chars(mask, mask_node->len) > PT_CONFIG_MAX_MASK) {
		/* every match is replaced by it: a long mask multiplies the text */
		diag(b, mask_node, "%s: mask is longer than %d characters", where, PT_CONFIG_MAX_MASK);
		ok = false;
	} else if (mask_node && !mask) {
		ok = false;
	} else if (mask && action && act != PT_MOD_REDACT && ok) {
		diag(b, mask_node, "%s: mask applies only to action: redact", where);
		ok = false;
	}

	/* Compile the pattern even when something else is wrong with the rule:
	 * every broken regex is reported in one pass. */
	if (pattern && b->cfg->moderation.rules) {
		size_t offset = 0;

		memset(&spec, 0, sizeof(spec));
		spec.name = name ? name : "?";
		spec.name_len = strlen(spec.name);
		spec.pattern = pattern;
		spec.pattern_len = pattern_node->len;
		spec.action = ok ? act : PT_MOD_HOLD;
		spec.message = ok ? message : NULL;
		spec.message_len = message ? message_node->len : 0;
		spec.mask = ok ? mask : NULL;
		spec.mask_len = mask ? mask_node->len : 0;
		spec.line = pattern_node->line;
		spec.column = pattern_node->column;
		pt_error_clear(&err);
		switch (pt_modrules_add(b->cfg->moderation.rules, &spec, &offset, &err)) {
		case PT_OK:
			/* When !ok it was only compiled to check it: the configuration
			 * is refused anyway (every !ok path has reported a problem). */
			if (b->opts.probe_moderation) {
				probe_rule(b, pattern_node, spec.name, act, ok);
			}
			return;
		case PT_ERR_CONFIG:
			diag(b, pattern_node, "%s", err.message);
			return;
		case PT_ERR_NOMEM:
			b->nomem = true;
			return;
		default:
			diag(b, pattern_node, "%s", err.message);
			return;
		}
	}
	if (preset && ok && b->cfg->moderation.rules) {
		memset(&spec, 0, sizeof(spec));
		spec.name = name;
		spec.name_len = name_node->len;
		spec.preset = preset;
		spec.preset_len = preset_node->len;
		spec.action = act;
		spec.message = message;
		spec.message_len = message ? message_node->len : 0;
		spec.mask = mask;
		spec.mask_len = mask ? mask_node->len : 0;
		pt_error_clear(&err);
		if (pt_modrules_add(b->cfg->moderation.rules, &spec, NULL, &err) != PT_OK) {
			if (err.code == PT_ERR_NOMEM) {
				b->nomem = true;
			} else {
				diag(b, preset_node, "%s", err.message);
			}
		}
	}
}

static void moderation_section(builder *b, const pt_ynode *n)
{
	pt_moderation_settings *m = &b->cfg->moderation;
	pt_modrules_options opts;
	const pt_ynode *v, *rules, **names;
	const char *s;
	int64_t x;
	size_t i, name_count = 0;
	pt_error err;

	if (!pt_check_section(&b->chk, n, PT_YNODE_MAPPING, "moderation", " with rules: [...]")) {
		return;
	}
	check_keys(b, n, "moderation", moderation_keys);
	if (get_int(b, n, "match_limit", "moderation", 1000, PT_MOD_MATCH_LIMIT_MAX, &x)) {
		m->match_limit = (uint32_t)x;
	}
	if (get_int(b, n, "depth_limit", "moderation", 100, 10000000, &x)) {
		m->depth_limit = (uint32_t)x;
	}
	if ((s = get_clean_text(b, n, "mask", "moderation", false, true, &v))) {
		if (pt_text_chars(s, v->len) > PT_CONFIG_MAX_MASK) {
			diag(b, v, "moderation.mask is longer than %d characters", PT_CONFIG_MAX_MASK);
		} else {
			free(m->mask);
			m->mask = dup(b, s);
		}
	}
	if (b->nomem) {
		return;
	}
	memset(&opts, 0, sizeof(opts));
	opts.match_limit = m->match_limit;
	opts.depth_limit = m->depth_limit;
	opts.mask = m->mask;
	pt_error_clear(&err);
	if (pt_modrules_new(&opts, &m->rules, &err) != PT_OK) {
		b->nomem = true;
		return;
	}
	rules = pt_ynode_get(n, "rules");
	if (!rules || pt_ynode_is_null(rules)) {
		return;
	}
	if (!expect_sequence(b, rules, "moderation.rules", " of rules such as { name: curp, preset: curp, action: redact }")) {
		return;
	}
	if (rules->count > PT_CONFIG_MAX_RULES) {
		/* every comment runs every rule, all within one time budget */
		diag(b, rules, "moderation.rules: %zu rules; at most %d are allowed (join word lists into "
			"one pattern)", rules->count, PT_CONFIG_MAX_RULES);
		return;
	}
	names = calloc(rules->count ? rules->count : 1, sizeof(*names));
	if (!names) {
		b->nomem = true;
		return;
	}
	for (i = 0; i < rules->count && !b->nomem; i++) {
		moderation_rule(b, rules->items[i], names, &name_count);
	}
	free(names);
}

/* ---- the section table ----------------------------------------------------------- */

/* processes: validated in config_processes.c, which cannot see the builder */
static void processes_section(builder *b, const pt_ynode *n)
{
	pt_processes_ctx c = { b->chk, b->cfg };

	pt_config_processes_section(&c, n);
}

/* plans:, commitments:, assemblies: validated in config_commitments.c */
static void plans_section(builder *b, const pt_ynode *n)
{
	if (pt_config_plans_section(b->cfg, b->file, b->diags, n) != PT_OK) {
		b->nomem = true;
	}
}

static void commitments_section(builder *b, const pt_ynode *n)
{
	if (pt_config_commitments_section(b->cfg, b->file, b->diags, n) != PT_OK) {
		b->nomem = true;
	}
}

static void assemblies_section(builder *b, const pt_ynode *n)
{
	if (pt_config_assemblies_section(b->cfg, b->file, b->diags, n) != PT_OK) {
		b->nomem = true;
	}
}

/* instruments: validated in core/instrument/config_instruments.c */
static void instruments_section(builder *b, const pt_ynode *n)
{
	pt_instruments_ctx c = { b->chk, b->cfg };

	pt_config_instruments_section(&c, n);
}

/* bodies: validated in core/body/config_bodies.c (after processes: seats name them) */
static void bodies_section(builder *b, const pt_ynode *n)
{
	pt_bodies_ctx c = { b->chk, b->cfg };

	pt_config_bodies_section(&c, n);
}

/* responsibilities: validated in core/responsibility/responsibility.c (after assignments: they back them) */
static void responsibilities_section(builder *b, const pt_ynode *n)
{
	pt_resp_ctx c = { b->chk, b->cfg };

	pt_config_responsibilities_section(&c, n);
}

typedef struct section {
	const char *name;
	void (*validate)(builder *b, const pt_ynode *value);
	bool required;
} section;

/* Order matters: later sections resolve ids declared by earlier ones
 * (assignments name roles and territories). */
static const section sections[] = {
	{ "site", site_section, true },
	{ "database", database_section, true },
	{ "territories", territories_section, false },
	{ "roles", roles_section, false },
	{ "assignments", assignments_section, false },
	{ "threads", threads_section, false },
	{ "moderation", moderation_section, false },
	{ "plans", plans_section, false },
	{ "commitments", commitments_section, false },
	{ "assemblies", assemblies_section, false },
	{ "processes", processes_section, false },
	{ "instruments", instruments_section, false },
	{ "bodies", bodies_section, false },
	{ "responsibilities", responsibilities_section, false },
};
#define SECTION_COUNT (sizeof(sections) / sizeof(sections[0]))

const char *const pt_config_sections[] = {
	"site", "database", "territories", "roles", "assignments", "threads", "moderation",
	"plans", "commitments", "assemblies", "processes", "instruments", "bodies", "responsibilities", NULL
};

/* Sections of later versions: a clearer message than "unknown key" when a
 * newer file is checked by an older participa. */
static const char *const future_sections[] = {
	NULL
};

static void check_top_keys(builder *b, const pt_ynode *root)
{
	char expected[256];
	size_t i;

	join(expected, sizeof(expected), pt_config_sections);
	for (i = 0; i + 1 < root->count; i += 2) {
		const pt_ynode *k = root->items[i];

		if (in_list(pt_config_sections, k->value, k->len)) {
			continue;
		}
		if (in_list(future_sections, k->value, k->len)) {
			diag(b, k, "section '%s' is not supported by this version of participa (%s); "
				"supported sections: %s", qn(k).s, PT_VERSION, expected);
		} else {
			diag(b, k, "unknown key '%s' at the top level; expected one of: %s", qn(k).s, expected);
		}
	}
}

/* ---- build / free / lookups ------------------------------------------------------- */

void pt_config_free(pt_config *cfg)
{
	size_t i;

	if (!cfg) {
		return;
	}
	free(cfg->file);
	free(cfg->site_name);
	free(cfg->locale);
	free(cfg->timezone);
	free(cfg->templates_dir);
	free(cfg->db.socket);
	free(cfg->db.host);
	free(cfg->db.name);
	free(cfg->db.user);
	free(cfg->db.password_env);
	pt_territory_tree_free(&cfg->territories);
	for (i = 0; i < cfg->role_count; i++) {
		free(cfg->roles[i].id);
		free(cfg->roles[i].name);
	}
	free(cfg->roles);
	for (i = 0; i < cfg->assignment_count; i++) {
		free(cfg->assignments[i].participant);
		free(cfg->assignments[i].body);
	}
	free(cfg->assignments);
	for (i = 0; i < cfg->threads.subject_count; i++) {
		free(cfg->threads.subjects[i].type);
	}
	free(cfg->threads.subjects);
	free(cfg->moderation.mask);
	pt_modrules_free(cfg->moderation.rules);
	pt_processes_free(cfg->processes);
	pt_commitments_config_free(cfg->commitments);
	pt_instruments_free(cfg->instruments);
	pt_bodies_free(cfg->bodies);
	pt_responsibilities_free(cfg->responsibilities);
	free(cfg);
}

pt_status pt_config_build(const pt_ydoc *doc, pt_config **out, pt_diags *diags)
{
	return pt_config_build_ex(doc, NULL, out, diags);
}

pt_status pt_config_build_ex(const pt_ydoc *doc, const pt_config_options *opts, pt_config **out,
	pt_diags *diags)
{
	builder b;
	pt_config *cfg;
	const pt_ynode *root = doc ? doc->root : NULL;
	size_t before_count = diags->count, i;

	*out = NULL;
	memset(&b, 0, sizeof(b));
	if (opts) {
		b.opts = *opts;
	}
	b.file = doc && doc->file ? doc->file : "";
	b.diags = diags;
	b.chk.file = b.file;
	b.chk.diags = diags;
	b.chk.nomem = &b.nomem;
	if (!root || pt_ynode_is_null(root)) {
		diag(&b, NULL, "the configuration file is empty");
		return b.nomem ? PT_ERR_NOMEM : PT_ERR_CONFIG;
	}
	/* A file that is not a participa configuration (participa.config or
	 * `participa check` pointed at /etc/shadow, a .env file, a key store) is
	 * one diagnostic that quotes nothing of it: its lines must not end up in
	 * a log or an exception. It is one when its root is a mapping with at
	 * least one known section. */
	if (root->kind != PT_YNODE_MAPPING) {
		diag(&b, root, "this is not a participa configuration: the file must be a mapping of "
			"sections (site:, database:, ...), and it is %s", root->kind == PT_YNODE_SEQUENCE
			? "a list" : "a single text");
		return b.nomem ? PT_ERR_NOMEM : PT_ERR_CONFIG;
	}
	for (i = 0; i + 1 < root->count && !in_list(pt_config_sections, root->items[i]->value,
		root->items[i]->len); i += 2) {
	}
	if (i + 1 >= root->count) {
		diag(&b, root, "this is not a participa configuration: none of its top-level keys is one of "
			"its sections (site, database, territories, roles, ...); is this the right file?");
		return b.nomem ? PT_ERR_NOMEM : PT_ERR_CONFIG;
	}
	cfg = calloc(1, sizeof(*cfg));
	if (!cfg) {
		return PT_ERR_NOMEM;
	}
	b.cfg = cfg;
	cfg->file = dup(&b, b.file);
	cfg->locale = dup(&b, "es_MX");
	cfg->timezone = dup(&b, "America/Mexico_City");
	cfg->db.connect_timeout = 5;
	cfg->threads.max_depth = 4;
	cfg->threads.max_length = 2000;
	cfg->threads.min_length = 1;
	cfg->threads.edit_window_s = 15 * 60;
	cfg->threads.rate_limit.count = 10;
	cfg->threads.rate_limit.period_s = 3600;
	cfg->threads.auto_hide_after_flags = 3;
	cfg->threads.page_replies = 3;
	cfg->moderation.match_limit = PT_MOD_DEFAULT_MATCH_LIMIT;
	cfg->moderation.depth_limit = PT_MOD_DEFAULT_DEPTH_LIMIT;
	cfg->moderation.mask = dup(&b, PT_MOD_DEFAULT_MASK);

	check_top_keys(&b, root);
	for (i = 0; i < SECTION_COUNT && !b.nomem; i++) {
		const pt_ynode *v = pt_ynode_get(root, sections[i].name);

		if (v) {
			sections[i].validate(&b, v);
		} else if (sections[i].required) {
			diag(&b, root, "missing required section '%s'", sections[i].name);
		}
	}
	if (!b.nomem && !cfg->moderation.rules) {
		/* No moderation section (or a broken one): an empty rule set with the
		 * defaults, so callers can always moderate without a NULL check. */
		pt_modrules_options opts;
		pt_error err;

		memset(&opts, 0, sizeof(opts));
		opts.match_limit = cfg->moderation.match_limit;
		opts.depth_limit = cfg->moderation.depth_limit;
		pt_error_clear(&err);
		if (pt_modrules_new(&opts, &cfg->moderation.rules, &err) != PT_OK) {
			b.nomem = true;
		}
	}
	free(b.t);
	pt_hash_free(&b.tids);
	free(b.tmap);
	pt_diags_sort(diags);
	if (diags->dropped) {
		/* past the cap on purpose: the one line that says so */
		size_t dropped = diags->dropped;

		diags->count--;
		diags->dropped = 0;
		free(diags->items[diags->count].file);
		free(diags->items[diags->count].message);
		if (pt_diags_add(diags, b.file, 0, 0, "%zu more problems are not listed "
			"(only the first %u are); fix these first", dropped + 1, PT_DIAGS_MAX - 1) != PT_OK) {
			b.nomem = true;
		}
	}
	if (b.nomem) {
		pt_config_free(cfg);
		return PT_ERR_NOMEM;
	}
	if (diags->count > before_count) {
		pt_config_free(cfg);
		return PT_ERR_CONFIG;
	}
	*out = cfg;
	return PT_OK;
}

const pt_role *pt_config_role(const pt_config *cfg, const char *id)
{
	size_t i;

	for (i = 0; i < cfg->role_count; i++) {
		if (strcmp(cfg->roles[i].id, id) == 0) {
			return &cfg->roles[i];
		}
	}
	return NULL;
}

int32_t pt_config_territory(const pt_config *cfg, const char *id, size_t len)
{
	return pt_territory_find(&cfg->territories, id, len);
}
