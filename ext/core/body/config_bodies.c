/*
 * participa core: the `bodies:` section (config_bodies.h).
 */
#include "core/body/config_bodies.h"
#include "core/process/config_processes.h"   /* pt_process_id_valid(), pt_config_process() */
#include "core/common/pt_time.h"
#include "core/participant/permissions.h"    /* pt_role_find() */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define diag(c, ...) pt_check_diag(&(c)->chk, __VA_ARGS__)
#define found(n) pt_check_found(n)

static const char *const sector_names[] = { "government", "civil_society", "transparency", "citizen", NULL };
static const char *const body_keys[] = { "id", "name", "members", "seats", "requires", "quorum", "rotation", "votes", NULL };
static const char *const votes_keys[] = { "processes", "role", NULL };
static const char *const member_keys[] = { "participant", "role", "sector", "start", "end", NULL };
static const char *const seats_keys[] = { "from_processes", "role", "sector", "start", "end", NULL };
static const char *const rotation_keys[] = { "role", "months", "start", NULL };

const char *pt_body_sector_name(pt_body_sector s)
{
	return (unsigned)s < PT_SECTORS ? sector_names[s] : "?";
}

static bool id_node(const pt_bodies_ctx *c, const pt_ynode *v, const char *what)
{
	if (!v || v->kind != PT_YNODE_SCALAR || !pt_process_id_valid(v->value, v->len)) {
		diag(c, v, "%s: expected an id (1 to 64 characters from a-z, 0-9, '_', '.' and '-', starting with a "
			"letter or digit), found %s", what, v ? found(v).s : "nothing");
		return false;
	}
	return true;
}

/* A civil date YYYY-MM-DD into days since 1970-01-01. */
static bool day_of(const pt_bodies_ctx *c, const pt_ynode *map, const char *key, const char *where, int64_t *out)
{
	const pt_ynode *v = pt_ynode_get(map, key);

	if (!v) {
		diag(c, map, "missing required key '%s' in %s (a date YYYY-MM-DD)", key, where);
		return false;
	}
	if (v->kind != PT_YNODE_SCALAR || !pt_time_parse_date(v->value, v->len, 1900, out)) {
		diag(c, v, "%s: %s: expected a date YYYY-MM-DD, found %s", where, key, found(v).s);
		return false;
	}
	return true;
}

/* role, sector, start, end of a member or of the result-fed seats. */
static bool seat_terms(const pt_bodies_ctx *c, const pt_ynode *m, const char *where, pt_body_seat *s)
{
	const pt_ynode *sec = pt_ynode_get(m, "sector");
	const char *role = pt_check_get_text(&c->chk, m, "role", where, "role", true, true, NULL);
	bool ok = role != NULL;
	int w;

	if (role && !(s->role = pt_check_dup(&c->chk, role, strlen(role)))) {
		return false;
	}
	if (!sec) {
		diag(c, m, "missing required key 'sector' in %s; expected one of: government, civil_society, "
			"transparency, citizen", where);
		ok = false;
	} else if ((w = pt_check_word(sector_names, sec)) < 0) {
		diag(c, sec, "%s: unknown sector %s; expected one of: government, civil_society, transparency, citizen",
			where, found(sec).s);
		ok = false;
	} else {
		s->sector = (pt_body_sector)w;
	}
	if (day_of(c, m, "start", where, &s->start_day) && day_of(c, m, "end", where, &s->end_day)
		&& s->end_day < s->start_day) {
		diag(c, pt_ynode_get(m, "end"), "%s: the term ends before it starts", where);
		ok = false;
	}
	s->line = m->line;
	s->column = m->column;
	return ok;
}

static pt_body_seat *new_seat(const pt_bodies_ctx *c, pt_body *b, const pt_ynode *at, size_t *cap)
{
	if (b->seat_count >= PT_BODY_MAX_SEATS) {
		diag(c, at, "body '%s': more than %d seats", b->id, PT_BODY_MAX_SEATS);
		return NULL;
	}
	if (b->seat_count == *cap) {
		size_t ncap = *cap ? *cap * 2 : 8;
		pt_body_seat *n = realloc(b->seats, ncap * sizeof(*n));

		if (!n) {
			*c->chk.nomem = true;
			return NULL;
		}
		b->seats = n;
		*cap = ncap;
	}
	memset(&b->seats[b->seat_count], 0, sizeof(b->seats[0]));
	b->seats[b->seat_count].process = -1;
	return &b->seats[b->seat_count++];
}

static void members_of(const pt_bodies_ctx *c, const pt_ynode *n, pt_body *b, size_t *cap)
{
	size_t i, j;

	if (!pt_check_expect(&c->chk, n, PT_YNODE_SEQUENCE, "members", " of {participant, role, sector, start, end}")) {
		return;
	}
	for (i = 0; i < n->count; i++) {
		const pt_ynode *m = n->items[i];
		const char *who;
		pt_body_seat *s;

		if (!pt_check_expect(&c->chk, m, PT_YNODE_MAPPING, "member", " {participant, role, sector, start, end}")) {
			continue;
		}
		pt_check_keys(&c->chk, m, "member", member_keys);
		who = pt_check_get_text(&c->chk, m, "participant", "member", "participant", true, true, NULL);
		if (!who || !(s = new_seat(c, b, m, cap))) {
			continue;
		}
		if (!(s->participant = pt_check_dup(&c->chk, who, strlen(who)))) {
			return;
		}
		seat_terms(c, m, "member", s);
		/* one participant, two overlapping seats: a double vote in the body */
		for (j = 0; j + 1 < b->seat_count; j++) {
			const pt_body_seat *o = &b->seats[j];

			if (o->participant && !strcmp(o->participant, who) && o->start_day <= s->end_day
				&& s->start_day <= o->end_day) {
				diag(c, m, "body '%s': %s already holds a seat for part of this term (line %u)", b->id, who,
					o->line);
				break;
			}
		}
	}
}

static void seats_of(const pt_bodies_ctx *c, const pt_ynode *n, pt_body *b, size_t *cap)
{
	const pt_ynode *from;
	pt_body_seat terms = { 0 };
	size_t i;

	if (!pt_check_expect(&c->chk, n, PT_YNODE_MAPPING, "seats", " {from_processes, role, sector, start, end}")) {
		return;
	}
	pt_check_keys(&c->chk, n, "seats", seats_keys);
	if (!seat_terms(c, n, "seats", &terms)) {
		free(terms.role);
		return;
	}
	from = pt_ynode_get(n, "from_processes");
	if (!from) {
		diag(c, n, "missing required key 'from_processes' in seats (the processes whose winners sit)");
	} else if (pt_check_expect(&c->chk, from, PT_YNODE_SEQUENCE, "from_processes", " of process ids")) {
		for (i = 0; i < from->count; i++) {
			const pt_ynode *p = from->items[i];
			const pt_process_def *def;
			const pt_process_template *t = NULL;
			size_t first, n, k;

			if (!id_node(c, p, "from_processes")) {
				continue;
			}
			/* a process, or a template (for_each:): one seat per process it generated, in territory order */
			if ((def = pt_config_process(c->cfg, p->value, p->len))) {
				first = (size_t)(def - c->cfg->processes->items);
				n = 1;
			} else if ((t = pt_config_process_template(c->cfg, p->value, p->len))) {
				first = t->first;
				n = t->count;
			} else {
				diag(c, p, "from_processes: unknown process %s (declare it under processes:)", found(p).s);
				continue;
			}
			for (k = 0; k < n; k++) {
				pt_body_seat *s = new_seat(c, b, p, cap);

				if (!s) {
					free(terms.role);
					return;
				}
				*s = terms;
				s->process = (int32_t)(first + k);
				s->line = p->line;
				s->column = p->column;
				if (!(s->role = pt_check_dup(&c->chk, terms.role, strlen(terms.role)))) {
					free(terms.role);
					return;
				}
			}
		}
	}
	free(terms.role);
}

static void requires_of(const pt_bodies_ctx *c, const pt_ynode *n, pt_body *b)
{
	size_t i;

	if (!pt_check_expect(&c->chk, n, PT_YNODE_MAPPING, "requires", " from sector to its minimum of members")) {
		return;
	}
	pt_check_keys(&c->chk, n, "requires", sector_names);
	for (i = 0; i + 1 < n->count; i += 2) {
		int w = pt_check_word(sector_names, n->items[i]);
		int64_t v;

		if (w >= 0 && pt_check_int(&c->chk, n->items[i + 1], "requires", 0, PT_BODY_MAX_SEATS, &v)) {
			b->requires[w] = (uint32_t)v;
			b->has_requires = true;
		}
	}
}

/* quorum: 50% (a whole percentage from 1 to 100), default half of the members in office. */
static void quorum_of(const pt_bodies_ctx *c, const pt_ynode *v, pt_body *b)
{
	char *end;
	long pct;

	if (v->kind == PT_YNODE_SCALAR && v->len > 0 && v->len < 5) {
		pct = strtol(v->value, &end, 10);
		if ((*end == '\0' || (*end == '%' && end[1] == '\0')) && end != v->value && pct >= 1 && pct <= 100
			&& v->value[0] >= '0' && v->value[0] <= '9') {
			b->quorum_num = pct;
			b->quorum_den = 100;
			return;
		}
	}
	diag(c, v, "quorum: expected a whole percentage from 1 to 100 (50 or 50%%), found %s", found(v).s);
}

static void rotation_of(const pt_bodies_ctx *c, const pt_ynode *n, pt_body *b)
{
	const char *role;
	const pt_ynode *m;
	int64_t months;

	if (!pt_check_expect(&c->chk, n, PT_YNODE_MAPPING, "rotation", " {role, months, start}")) {
		return;
	}
	pt_check_keys(&c->chk, n, "rotation", rotation_keys);
	role = pt_check_get_text(&c->chk, n, "role", "rotation", "role", true, true, NULL);
	if (!(m = pt_ynode_get(n, "months"))) {
		diag(c, n, "missing required key 'months' in rotation (how long each member holds the role)");
		return;
	}
	if (!pt_check_int(&c->chk, m, "rotation.months", 1, PT_BODY_MAX_MONTHS, &months)
		|| !day_of(c, n, "start", "rotation", &b->rotation_start_day) || !role) {
		return;
	}
	b->rotation_months = (uint32_t)months;
	b->rotation_role = pt_check_dup(&c->chk, role, strlen(role));
}

int64_t pt_body_day_of_local(int64_t local_s)
{
	return local_s >= 0 ? local_s / 86400 : -((-local_s + 86399) / 86400);
}

static uint32_t seats_on(const pt_body *b, int64_t day)
{
	uint32_t n = 0;
	size_t i;

	for (i = 0; i < b->seat_count; i++) {
		n += b->seats[i].start_day <= day && day <= b->seats[i].end_day;
	}
	return n;
}

/* A held vote's electorate and quorum are the body's on its first day: declared in the process (its digest
 * covers them), checked here. */
static void held_vote(const pt_bodies_ctx *c, const pt_ynode *at, pt_body *b, const pt_process_def *def)
{
	int64_t day;
	uint32_t seats;

	if (def->body || def->territory >= 0) {
		diag(c, at, "votes: process '%s' already names its electorate (body: or territory:); a body's vote "
			"takes its members", def->id);
		return;
	}
	if (!def->voting.set) {
		diag(c, at, "votes: process '%s' has no voting phase (the day that fixes the body's membership)", def->id);
		return;
	}
	day = pt_body_day_of_local(def->voting.start_local);
	seats = seats_on(b, day);
	if (def->tally.eligible != (int64_t)seats) {
		diag(c, at, "votes: process '%s' needs electorate: %u (the seats of body '%s' on its first day of "
			"voting), found %lld", def->id, seats, b->id, (long long)def->tally.eligible);
	}
	if (def->tally.has_quorum && (def->tally.quorum_num * b->quorum_den != b->quorum_num * def->tally.quorum_den)) {
		diag(c, at, "votes: the quorum of process '%s' differs from the quorum of body '%s' (%lld%%)", def->id, b->id,
			(long long)(b->quorum_num * 100 / b->quorum_den));
	}
}

static void votes_of(const pt_bodies_ctx *c, const pt_ynode *n, pt_body *b)
{
	const pt_ynode *ps, *r;
	size_t i, j;

	if (!pt_check_expect(&c->chk, n, PT_YNODE_MAPPING, "votes", " {processes, role}")) {
		return;
	}
	pt_check_keys(&c->chk, n, "votes", votes_keys);
	if (!(r = pt_ynode_get(n, "role"))) {
		diag(c, n, "missing required key 'role' in votes (the role its members vote in)");
	} else if (r->kind != PT_YNODE_SCALAR || !(b->vote_role = pt_role_find(c->cfg, r->value, r->len))) {
		diag(c, r, "votes.role: unknown role %s (declare it under roles:)", found(r).s);
	}
	if (!(ps = pt_ynode_get(n, "processes"))) {
		diag(c, n, "missing required key 'processes' in votes (the council votes the body holds)");
		return;
	}
	if (!pt_check_expect(&c->chk, ps, PT_YNODE_SEQUENCE, "votes.processes", " of process ids")) {
		return;
	}
	if (ps->count && !(b->votes = calloc(ps->count, sizeof(*b->votes)))) {
		*c->chk.nomem = true;
		return;
	}
	for (i = 0; i < ps->count; i++) {
		const pt_ynode *p = ps->items[i];
		const pt_process_def *def;

		if (!id_node(c, p, "votes.processes")) {
			continue;
		}
		if (!(def = pt_config_process(c->cfg, p->value, p->len))) {
			diag(c, p, "votes.processes: unknown process %s (declare it under processes:)", found(p).s);
			continue;
		}
		if (pt_body_holding(c->cfg, def)) {
			diag(c, p, "votes.processes: process '%s' is held by another body", def->id);
			continue;
		}
		for (j = 0; j < b->vote_count && b->votes[j] != (int32_t)(def - c->cfg->processes->items); j++) {
		}
		if (j == b->vote_count) {
			held_vote(c, p, b, def);
			b->votes[b->vote_count++] = (int32_t)(def - c->cfg->processes->items);
		}
	}
}

static void body_of(const pt_bodies_ctx *c, const pt_ynode *n, pt_body *b)
{
	const pt_ynode *id = pt_ynode_get(n, "id"), *v;
	const char *name;
	size_t cap = 0;

	b->line = n->line;
	b->column = n->column;
	b->quorum_num = 1;
	b->quorum_den = 2;
	pt_check_keys(&c->chk, n, "body", body_keys);
	if (!id) {
		diag(c, n, "missing required key 'id' in body");
		return;
	}
	if (!id_node(c, id, "body id") || !(b->id = pt_check_dup(&c->chk, id->value, id->len))) {
		return;
	}
	name = pt_check_get_text(&c->chk, n, "name", "body", "name", false, true, NULL);
	b->name = pt_check_dup(&c->chk, name ? name : b->id, strlen(name ? name : b->id));
	if ((v = pt_ynode_get(n, "members"))) {
		members_of(c, v, b, &cap);
	}
	if ((v = pt_ynode_get(n, "seats"))) {
		seats_of(c, v, b, &cap);
	}
	if (!pt_ynode_get(n, "members") && !pt_ynode_get(n, "seats")) {
		diag(c, n, "body '%s': no members and no seats (members: from the YAML, seats: from processes' winners)",
			b->id);
	}
	if ((v = pt_ynode_get(n, "requires"))) {
		requires_of(c, v, b);
	}
	if ((v = pt_ynode_get(n, "quorum"))) {
		quorum_of(c, v, b);
	}
	if ((v = pt_ynode_get(n, "rotation"))) {
		rotation_of(c, v, b);
	}
	if ((v = pt_ynode_get(n, "votes"))) {
		votes_of(c, v, b);
	}
}

void pt_config_bodies_section(const pt_bodies_ctx *c, const pt_ynode *n)
{
	pt_bodies *bs;
	size_t i, j;

	if (!pt_check_section(&c->chk, n, PT_YNODE_SEQUENCE, "bodies", " of bodies (each with id, members or seats)")) {
		return;
	}
	if (n->count > PT_BODY_MAX) {
		diag(c, n, "bodies: more than %d bodies", PT_BODY_MAX);
		return;
	}
	if (!(bs = calloc(1, sizeof(*bs))) || (n->count && !(bs->items = calloc(n->count, sizeof(*bs->items))))) {
		free(bs);
		*c->chk.nomem = true;
		return;
	}
	c->cfg->bodies = bs;
	for (i = 0; i < n->count; i++) {
		const pt_ynode *b = n->items[i];

		if (!pt_check_expect(&c->chk, b, PT_YNODE_MAPPING, "body", " {id, name, members, seats, requires, ...}")) {
			continue;
		}
		body_of(c, b, &bs->items[bs->count]);
		if (!bs->items[bs->count].id) {
			continue;
		}
		for (j = 0; j < bs->count; j++) {
			if (!strcmp(bs->items[j].id, bs->items[bs->count].id)) {
				diag(c, pt_ynode_get(b, "id"), "duplicate body id '%s' (first declared at line %u)",
					bs->items[j].id, bs->items[j].line);
				break;
			}
		}
		bs->count++;
	}
}

void pt_bodies_free(pt_bodies *bs)
{
	size_t i, j;

	if (!bs) {
		return;
	}
	/* a body whose id was refused allocated nothing and was not counted */
	for (i = 0; i < bs->count; i++) {
		pt_body *b = &bs->items[i];

		for (j = 0; j < b->seat_count; j++) {
			free(b->seats[j].participant);
			free(b->seats[j].role);
		}
		free(b->seats);
		free(b->id);
		free(b->name);
		free(b->rotation_role);
		free(b->votes);
	}
	free(bs->items);
	free(bs);
}

const pt_body *pt_config_body(const pt_config *cfg, const char *id, size_t len)
{
	size_t i;

	if (!cfg->bodies) {
		return NULL;
	}
	for (i = 0; i < cfg->bodies->count; i++) {
		if (strlen(cfg->bodies->items[i].id) == len && !memcmp(cfg->bodies->items[i].id, id, len)) {
			return &cfg->bodies->items[i];
		}
	}
	return NULL;
}

const pt_body *pt_body_holding(const pt_config *cfg, const pt_process_def *def)
{
	size_t i, j;
	int32_t idx;

	if (!cfg->bodies || !cfg->processes || !def) {
		return NULL;
	}
	idx = (int32_t)(def - cfg->processes->items);
	for (i = 0; i < cfg->bodies->count; i++) {
		for (j = 0; j < cfg->bodies->items[i].vote_count; j++) {
			if (cfg->bodies->items[i].votes[j] == idx) {
				return &cfg->bodies->items[i];
			}
		}
	}
	return NULL;
}
