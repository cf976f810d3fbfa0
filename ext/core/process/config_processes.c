/*
 * participa core: validation of the `processes:` section (see config_processes.h).
 *
 * Like the other sections (config.c), every problem is reported where it
 * stands and validation carries on with what is usable. Method ids and
 * option names come from the tally engine's table, so a process can only
 * name a method the engine can count, with options that method reads.
 */
#include "core/process/config_processes.h"
#include "core/common/digest.h"
#include "core/tally/tally_options.h"
#include "core/common/pt_time.h"
#include "core/process/pots.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the shared validation helpers (core/site/config_check.h) ------------- */

#define diag(c, ...) pt_check_diag(&(c)->chk, __VA_ARGS__)
#define qn(n) pt_check_qn(n)
#define found(n) pt_check_found(n)
#define join pt_check_join
#define word_index pt_check_word
#define check_keys(c, map, where, allowed) pt_check_keys(&(c)->chk, map, where, allowed)
#define text_of(c, v, what) pt_check_text(&(c)->chk, v, what, false)
#define dupn(c, s, len) pt_check_dup(&(c)->chk, s, len)

static bool lower_alnum(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
}

/* Process and candidate ids: [a-z0-9][a-z0-9_.-]{0,63}. No ':' ',' '>' '=':
 * candidate ids appear inside the stored ballot encodings ('a>b=c', 'a,b',
 * 'a:4'), and process ids in subjects ("process:pp-2026"). */
static bool valid_id(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || len > 64 || !lower_alnum(s[0])) {
		return false;
	}
	for (i = 1; i < len; i++) {
		if (!lower_alnum(s[i]) && s[i] != '_' && s[i] != '.' && s[i] != '-') {
			return false;
		}
	}
	return true;
}

bool pt_process_id_valid(const char *s, size_t len)
{
	return s && valid_id(s, len);
}

#define ID_RULE "1 to 64 characters from a-z, 0-9, '_', '.' and '-', starting with a letter or digit"

/* ---- names ------------------------------------------------------------------ */

static const char *const kind_names[] = {
	"election", "poll", "consultation", "participatory_budget", "consensus", "council_vote", NULL
};
static const char *const visibility_names[] = { "live", "after_vote", "after_close", NULL };

const char *pt_process_kind_name(pt_process_kind k)
{
	return (unsigned)k < 6 ? kind_names[k] : "?";
}

const char *pt_results_visibility_name(pt_results_visibility v)
{
	return (unsigned)v < 3 ? visibility_names[v] : "?";
}

/* ---- dates ------------------------------------------------------------------- */

void pt_local_fields(int64_t local_s, int *year, int *month, int *day, int *hour, int *minute, int *second)
{
	pt_civil c;

	pt_time_civil_from_seconds(local_s, &c);
	*year = (int)c.year;
	*month = (int)c.month;
	*day = (int)c.day;
	*hour = (int)c.hour;
	*minute = (int)c.minute;
	*second = (int)c.second;
}


bool pt_parse_local_datetime(const char *s, size_t len, int64_t *local_s, bool *date_only)
{
	return pt_time_parse_datetime(s, len, 1970, local_s, date_only);
}

/* A date scalar; an end given as a date alone means the whole day. */
static bool date_node(const pt_processes_ctx *c, const pt_ynode *v, const char *what, bool is_end,
	int64_t *out)
{
	bool date_only;

	if (v->kind != PT_YNODE_SCALAR || pt_ynode_is_null(v)
		|| !pt_parse_local_datetime(v->value, v->len, out, &date_only)) {
		diag(c, v, "%s: expected a date YYYY-MM-DD or a date and time YYYY-MM-DD HH:MM[:SS] "
			"in the site's time zone, found %s", what, found(v).s);
		return false;
	}
	if (is_end && date_only) {
		*out += 86400;
	}
	return true;
}

static const char *const phase_keys[] = { "from", "to", NULL };

/* [from, to], {from, to}, or a single date (start only; results only). */
static void phase_node(const pt_processes_ctx *c, const pt_ynode *v, const char *what, bool open_end_ok,
	pt_phase *ph)
{
	const pt_ynode *from = NULL, *to = NULL;
	char w[160];

	memset(ph, 0, sizeof(*ph));
	ph->line = v->line;
	ph->column = v->column;
	if (v->kind == PT_YNODE_SEQUENCE) {
		if (v->count != 2) {
			diag(c, v, "%s: expected [start, end] (two dates), found a sequence of %zu", what, v->count);
			return;
		}
		from = v->items[0];
		to = v->items[1];
	} else if (v->kind == PT_YNODE_MAPPING) {
		check_keys(c, v, what, phase_keys);
		from = pt_ynode_get(v, "from");
		to = pt_ynode_get(v, "to");
		if (!from) {
			diag(c, v, "missing required key 'from' in %s", what);
			return;
		}
	} else if (open_end_ok) {
		from = v;
	} else {
		diag(c, v, "%s: expected [start, end] or {from: ..., to: ...}, found %s", what, found(v).s);
		return;
	}
	if (!to && !open_end_ok) {
		diag(c, v, "%s needs an end date ('to')", what);
		return;
	}
	snprintf(w, sizeof(w), "start of %s", what);
	if (!date_node(c, from, w, false, &ph->start_local)) {
		return;
	}
	if (to) {
		snprintf(w, sizeof(w), "end of %s", what);
		if (!date_node(c, to, w, true, &ph->end_local)) {
			return;
		}
		if (ph->end_local <= ph->start_local) {
			diag(c, to, "%s ends before it starts", what);
			return;
		}
		ph->has_end = true;
	}
	ph->set = true;
}

/* ---- tally options ---------------------------------------------------------- */

/* A fraction node: the one text grammar of tally_options.c. */
static bool parse_fraction(const pt_ynode *v, bool unit, int64_t *num, int64_t *den)
{
	return v->kind == PT_YNODE_SCALAR && !pt_ynode_is_null(v) && pt_tally_fraction_text(v->value, v->len, unit, num, den);
}

/* Whole number of pesos (or of the currency's unit), > 0. */
static bool parse_money(const pt_ynode *v, int64_t *out)
{
	return pt_ynode_int(v, out) && *out > 0 && *out <= ((int64_t)1 << 50);
}

static void tally_options(const pt_processes_ctx *c, const pt_ynode *n, pt_process_def *p, const char *where)
{
	const pt_tally_option *k;
	size_t i;

	if (n->kind != PT_YNODE_MAPPING) {
		diag(c, n, "options of %s: expected a mapping of the method's options, found %s", where, found(n).s);
		return;
	}
	for (i = 0; i + 1 < n->count; i += 2) {
		const pt_ynode *key = n->items[i], *v = n->items[i + 1];
		const pt_tally_option *d = key->kind == PT_YNODE_SCALAR
			? pt_tally_option_find(key->value, key->len, PT_TOPT_YAML) : NULL;
		int64_t x, a, b;
		bool bv;
		int e;

		if (!d) {
			char names[512];
			size_t used = 0;

			names[0] = '\0';
			for (k = pt_tally_option_table; k->name && p->method; k++) {
				if ((k->where & PT_TOPT_YAML) && pt_tally_option_applies(k, p->method)) {
					int w = snprintf(names + used, sizeof(names) - used, "%s%s", used ? ", " : "", k->name);

					if (w > 0 && (size_t)w < sizeof(names) - used) {
						used += (size_t)w;
					}
				}
			}
			diag(c, key, "unknown option '%s' in %s%s%s", qn(key).s, where,
				p->method ? "; this method reads: " : "", p->method ? names : "");
			continue;
		}
		if (p->method && !pt_tally_option_applies(d, p->method)) {
			diag(c, key, "option '%s' does not apply to method '%s' (it is read by: %s)", d->name,
				p->method->id, d->methods);
			continue;
		}
		switch (d->type) {
		case PT_TOPT_INT:
			if (!pt_ynode_int(v, &x) || x < d->lo || x > d->hi) {
				diag(c, v, "option %s of %s: expected a whole number from %lld to %lld, found %s", d->name, where,
					(long long)d->lo, (long long)d->hi, found(v).s);
				continue;
			}
			pt_tally_option_store(&p->tally, d, x);
			break;
		case PT_TOPT_ENUM:
			e = v->kind == PT_YNODE_SCALAR ? word_index(d->words, v) : -1;
			if (e < 0) {
				char w[128];

				join(w, sizeof(w), d->words);
				diag(c, v, "option %s of %s: expected one of %s, found %s", d->name, where, w, found(v).s);
				continue;
			}
			if (d->id == PT_TOPT_OVER_BUDGET) {
				p->allow_over_budget = e == 1;   /* a casting rule of the process, not a counting option */
			}
			pt_tally_option_store(&p->tally, d, e);
			break;
		case PT_TOPT_BOOL:
			if (!pt_ynode_bool(v, &bv)) {
				diag(c, v, "option %s of %s: expected true or false, found %s", d->name, where, found(v).s);
				continue;
			}
			pt_tally_option_store(&p->tally, d, bv);
			break;
		case PT_TOPT_THRESHOLD:
			if (v->kind == PT_YNODE_SCALAR && v->len == 6 && !memcmp(v->value, "simple", 6)) {
				p->tally.threshold_kind = PT_THRESHOLD_SIMPLE;
			} else if (v->kind == PT_YNODE_SCALAR && v->len == 8 && !memcmp(v->value, "absolute", 8)) {
				p->tally.threshold_kind = PT_THRESHOLD_ABSOLUTE;
			} else if (parse_fraction(v, true, &a, &b)) {
				p->tally.threshold_kind = PT_THRESHOLD_FRACTION;
				p->tally.threshold_num = a;
				p->tally.threshold_den = b;
				p->tally.has_threshold = 1;
			} else {
				diag(c, v, "option threshold of %s: expected simple, absolute or a fraction such as 2/3, "
					"0.75 or 75%%, found %s", where, found(v).s);
			}
			break;
		case PT_TOPT_MONEY:
			if (!parse_money(v, &x)) {
				diag(c, v, "option %s of %s: expected a whole positive amount, found %s", d->name, where, found(v).s);
				continue;
			}
			pt_tally_option_store(&p->tally, d, x);
			break;
		case PT_TOPT_FRACTION:
		case PT_TOPT_LIST:
			break;   /* API-only types */
		}
	}
}

/* ---- candidates --------------------------------------------------------------- */

/* One process a template generates: its territory and id (NULL gen: a process of its own). */
typedef struct gen {
	int32_t territory;          /* index into cfg->territories.items */
	const char *id;             /* "<template>.<territory>" */
	size_t id_len;
	size_t template_ref;        /* 1 + index into pt_processes.templates */
} gen;

static const char *const candidate_keys[] = { "id", "name", "cost", "territory", "participant", NULL };

static void candidates(const pt_processes_ctx *c, const pt_ynode *n, pt_process_def *p, const char *where,
	const char *key, const gen *g)
{
	size_t i, j;

	if (n->kind != PT_YNODE_SEQUENCE) {
		diag(c, n, "%s of %s: expected a sequence of {id, name%s}, found %s", key, where,
			p->kind == PT_PROCESS_PARTICIPATORY_BUDGET ? ", cost" : "", found(n).s);
		return;
	}
	{
		/* grown, not replaced: a process with pots reads one projects list per pot */
		pt_process_candidate *grown = pt_realloc(NULL, p->candidates,
			(p->candidate_count + n->count + 1) * sizeof(*p->candidates));

		if (!grown) {
			*c->chk.nomem = true;
			return;
		}
		memset(grown + p->candidate_count, 0, (n->count + 1) * sizeof(*grown));
		p->candidates = grown;
	}
	for (i = 0; i < n->count; i++) {
		const pt_ynode *item = n->items[i], *idn = NULL, *v;
		pt_process_candidate *cand = &p->candidates[p->candidate_count];
		char w[160];
		const char *id = NULL, *name = NULL;
		bool ok = true;

		if (item->kind == PT_YNODE_SCALAR) {
			idn = item;  /* short form: just the id */
		} else if (item->kind == PT_YNODE_MAPPING) {
			snprintf(w, sizeof(w), "%s of %s", key, where);
			check_keys(c, item, w, candidate_keys);
			idn = pt_ynode_get(item, "id");
			if (!idn) {
				diag(c, item, "missing required key 'id' in %s of %s", key, where);
				continue;
			}
		} else {
			diag(c, item, "%s of %s: expected {id, name...} or an id, found %s", key, where, found(item).s);
			continue;
		}
		if (idn->kind != PT_YNODE_SCALAR || pt_ynode_is_null(idn) || !valid_id(idn->value, idn->len)) {
			diag(c, idn, "id of %s of %s: %s is not a valid id (" ID_RULE ")", key, where, found(idn).s);
			continue;
		}
		id = idn->value;
		for (j = 0; j < p->candidate_count; j++) {
			if (strcmp(p->candidates[j].id, id) == 0) {
				diag(c, idn, "duplicate id '%s' in %s of %s (first declared at line %u)", qn(idn).s, key, where,
					p->candidates[j].line);
				ok = false;
				break;
			}
		}
		if (!ok) {
			continue;
		}
		if (g && item->kind == PT_YNODE_MAPPING && (v = pt_ynode_get(item, "territory")) && v->kind == PT_YNODE_SCALAR) {
			/* a template's candidate stands only in the process of the territory it lies in
			 * (template_item() checked that it lies in one of them) */
			int32_t t = pt_config_territory(c->cfg, v->value, v->len);

			if (t >= 0 && !pt_territory_within(&c->cfg->territories, t, g->territory)) {
				continue;
			}
		}
		cand->territory = -1;
		cand->pot = -1;
		cand->line = idn->line;
		cand->column = idn->column;
		if (item->kind == PT_YNODE_MAPPING) {
			snprintf(w, sizeof(w), "name of '%s' in %s", id, where);
			if ((v = pt_ynode_get(item, "name")) && !(name = text_of(c, v, w))) {
				ok = false;
			}
			if ((v = pt_ynode_get(item, "cost"))) {
				if (p->kind != PT_PROCESS_PARTICIPATORY_BUDGET) {
					diag(c, v, "cost of '%s' in %s: only participatory budgets have costs", id, where);
					ok = false;
				} else if (!parse_money(v, &cand->cost)) {
					diag(c, v, "cost of '%s' in %s: expected a whole positive amount, found %s", id, where, found(v).s);
					ok = false;
				}
			}
			if ((v = pt_ynode_get(item, "territory"))) {
				snprintf(w, sizeof(w), "territory of '%s' in %s", id, where);
				if (text_of(c, v, w)) {
					int32_t t = pt_config_territory(c->cfg, v->value, v->len);

					if (t < 0) {
						diag(c, v, "%s: unknown territory '%s'", w, qn(v).s);
						ok = false;
					} else if (p->territory >= 0 && !pt_territory_within(&c->cfg->territories, t, p->territory)) {
						diag(c, v, "%s: '%s' is not inside the process's territory '%s'", w, qn(v).s,
							c->cfg->territories.items[p->territory].id);
						ok = false;
					} else {
						cand->territory = t;
					}
				} else {
					ok = false;
				}
			}
		}
		if (p->kind == PT_PROCESS_PARTICIPATORY_BUDGET && ok && cand->cost == 0) {
			diag(c, item, "project '%s' of %s needs a cost", id, where);
			ok = false;
		}
		if (!ok) {
			continue;
		}
		cand->participant = NULL;
		if (item->kind == PT_YNODE_MAPPING && pt_ynode_get(item, "participant")) {
			/* the person standing (a body's seat fed by this process: core/body/config_bodies.h) */
			const char *who;

			snprintf(w, sizeof(w), "'%s' in %s", id, where);
			who = pt_check_get_text(&c->chk, item, "participant", w, "participant", true, true, NULL);
			if (!who || !(cand->participant = dupn(c, who, strlen(who)))) {
				continue;
			}
		}
		cand->id = dupn(c, id, idn->len);
		cand->name = dupn(c, name ? name : id, strlen(name ? name : id));
		p->candidate_count++;
	}
}

/* ---- pots: a budget split by district (pots.h) ------------------------------------- */

static const char *const pot_keys[] = { "territory", "budget", "projects", NULL };

/* The id node of a project item (its scalar, or its mapping's id), or NULL. */
static const pt_ynode *project_id(const pt_ynode *item)
{
	return item->kind == PT_YNODE_SCALAR ? item : item->kind == PT_YNODE_MAPPING ? pt_ynode_get(item, "id") : NULL;
}

/* One pot's projects: read as the process's, then placed in the pot (their territory inside it). */
static bool pot_projects(const pt_processes_ctx *c, const pt_ynode *pn, pt_process_def *p, size_t k, const char *where)
{
	const pt_process_pot *pot = &p->pots[k];
	const pt_territory_tree *tree = &c->cfg->territories;
	size_t from = p->candidate_count, i, j;
	char w[200];
	bool ok = true;

	snprintf(w, sizeof(w), "the pot of '%s' of %s", pot->id, where);
	candidates(c, pn, p, w, "projects", NULL);
	for (i = 0; pn->kind == PT_YNODE_SEQUENCE && i < pn->count; i++) {
		const pt_ynode *item = pn->items[i], *idn = project_id(item), *tn;

		for (j = from; idn && idn->kind == PT_YNODE_SCALAR && j < p->candidate_count; j++) {
			pt_process_candidate *cand = &p->candidates[j];
			int32_t in;

			if (strlen(cand->id) != idn->len || memcmp(cand->id, idn->value, idn->len)) {
				continue;
			}
			tn = item->kind == PT_YNODE_MAPPING ? pt_ynode_get(item, "territory") : NULL;
			if (cand->territory < 0) {
				cand->territory = pot->territory;
			} else if (!pt_territory_within(tree, cand->territory, pot->territory)) {
				diag(c, tn, "territory of '%s' in %s: '%s' is not inside the pot's territory '%s'", cand->id, w,
					tree->items[cand->territory].id, pot->id);
				ok = false;
				break;
			}
			in = pt_process_pot_of_territory(tree, p, cand->territory);
			if (in != (int32_t)k) {
				diag(c, tn, "territory of '%s' in %s: '%s' lies in the district '%s', which has a pot of its own; "
					"declare the project there", cand->id, w, tree->items[cand->territory].id,
					in >= 0 ? p->pots[in].id : "?");
				ok = false;
				break;
			}
			cand->pot = (int32_t)k;
			if (cand->cost > pot->budget) {
				diag(c, item, "project '%s' of %s costs %lld, more than the pot's budget of %lld", cand->id, w,
					(long long)cand->cost, (long long)pot->budget);
				ok = false;
			}
			break;
		}
	}
	return ok;
}

/*
 * `pots:` of a participatory budget: each a district strictly inside the
 * process's territory or the city-wide pot (the process's own territory),
 * with its budget and projects. Districts' pots may not nest (a voter lives
 * in one district). The total budget is their sum.
 */
static bool pots(const pt_processes_ctx *c, const pt_ynode *n, const pt_ynode *item, pt_process_def *p,
	const char *where)
{
	const pt_territory_tree *tree = &c->cfg->territories;
	const pt_ynode **pnodes;
	bool ok = true, district = false;
	size_t i, j;

	if (p->kind != PT_PROCESS_PARTICIPATORY_BUDGET) {
		diag(c, n, "pots of %s: only a participatory_budget is split into pots", where);
		return false;
	}
	if (n->kind != PT_YNODE_SEQUENCE || n->count == 0) {
		diag(c, n, "pots of %s: expected a non-empty sequence of {territory, budget, projects}, found %s", where,
			found(n).s);
		return false;
	}
	if (p->territory < 0) {
		diag(c, n, "pots of %s: a budget split by district needs the process's territory (the city whose "
			"districts hold the pots)", where);
		return false;
	}
	if (pt_ynode_get(item, "projects") || pt_ynode_get(item, "candidates")) {
		diag(c, pt_ynode_get(item, "projects") ? pt_ynode_get(item, "projects") : pt_ynode_get(item, "candidates"),
			"%s: with pots, each project is declared under its pot's projects", where);
		ok = false;
	}
	if (p->tally.pb_budget > 0) {
		diag(c, pt_ynode_get(item, "options"), "%s: with pots, each pot has its budget (pots[].budget), not "
			"options.budget", where);
		ok = false;
	}
	p->pots = pt_calloc(NULL, n->count, sizeof(*p->pots));
	pnodes = pt_calloc(NULL, n->count, sizeof(*pnodes));
	if (!p->pots || !pnodes) {
		free(pnodes);
		*c->chk.nomem = true;
		return false;
	}
	for (i = 0; i < n->count; i++) {
		const pt_ynode *it = n->items[i], *tn, *bn;
		pt_process_pot *pot = &p->pots[p->pot_count];
		char w[160];
		int32_t t;
		bool dup = false;

		if (it->kind != PT_YNODE_MAPPING) {
			diag(c, it, "pots of %s: each pot must be a mapping {territory, budget, projects}, found %s", where,
				found(it).s);
			ok = false;
			continue;
		}
		snprintf(w, sizeof(w), "a pot of %s", where);
		check_keys(c, it, w, pot_keys);
		if (!(tn = pt_ynode_get(it, "territory"))) {
			diag(c, it, "missing required key 'territory' in a pot of %s (a district, or '%s' for the city-wide pot)",
				where, tree->items[p->territory].id);
			ok = false;
			continue;
		}
		if (tn->kind != PT_YNODE_SCALAR || (t = pt_config_territory(c->cfg, tn->value, tn->len)) < 0) {
			diag(c, tn, "territory of a pot of %s: unknown territory %s", where, found(tn).s);
			ok = false;
			continue;
		}
		if (!pt_territory_within(tree, t, p->territory)) {
			diag(c, tn, "territory of a pot of %s: '%s' is not inside the process's territory '%s'", where,
				tree->items[t].id, tree->items[p->territory].id);
			ok = false;
			continue;
		}
		for (j = 0; j < p->pot_count && !dup; j++) {
			int32_t u = p->pots[j].territory;

			if (u == t) {
				diag(c, tn, "territory of a pot of %s: '%s' already has a pot (line %u)", where, tree->items[t].id,
					p->pots[j].line);
				dup = true;
			} else if (t != p->territory && u != p->territory
				&& (pt_territory_within(tree, t, u) || pt_territory_within(tree, u, t))) {
				diag(c, tn, "territory of a pot of %s: '%s' and '%s' (line %u) overlap; a voter lives in one "
					"district, so the districts' pots cannot nest", where, tree->items[t].id, tree->items[u].id,
					p->pots[j].line);
				dup = true;
			}
		}
		if (dup) {
			ok = false;
			continue;
		}
		if (!(bn = pt_ynode_get(it, "budget"))) {
			diag(c, it, "missing required key 'budget' in the pot of '%s' of %s", tree->items[t].id, where);
			ok = false;
			continue;
		}
		if (!parse_money(bn, &pot->budget)) {
			diag(c, bn, "budget of the pot of '%s' of %s: expected a whole positive amount, found %s",
				tree->items[t].id, where, found(bn).s);
			ok = false;
			continue;
		}
		pot->territory = t;
		pot->city = t == p->territory;
		pot->id = dupn(c, tree->items[t].id, strlen(tree->items[t].id));
		pot->name = dupn(c, tree->items[t].name, strlen(tree->items[t].name));
		pot->line = tn->line;
		pot->column = tn->column;
		district |= !pot->city;
		pnodes[p->pot_count++] = pt_ynode_get(it, "projects");
		if (!pnodes[p->pot_count - 1] && !p->proposals.set) {
			diag(c, it, "missing required key 'projects' in the pot of '%s' of %s (or a proposals phase to add "
				"them through the API)", pot->id, where);
			ok = false;
		}
		if (__builtin_add_overflow(p->tally.pb_budget, pot->budget, &p->tally.pb_budget)) {
			p->tally.pb_budget = INT64_MAX;
		}
	}
	if (p->pot_count && !district) {
		diag(c, n, "pots of %s: no district has a pot (a single city-wide budget is options.budget with projects)",
			where);
		ok = false;
	}
	/* the projects once every pot is known: a city-wide project may not lie in a district's pot */
	for (i = 0; i < p->pot_count; i++) {
		if (pnodes[i] && !pot_projects(c, pnodes[i], p, i, where)) {
			ok = false;
		}
	}
	free(pnodes);
	return ok;
}

/* ---- one process -------------------------------------------------------------- */

static const char *const process_keys[] = {
	"id", "title", "kind", "method", "options", "territory", "roles", "phases", "secrecy",
	"vote_changes", "results_visibility", "channels", "quorum", "electorate", "candidates",
	"projects", "body", NULL
};
/* a budget split by district's keys: a process's and pots (said apart, as template_keys) */
static const char *const pots_keys[] = {
	"id", "title", "kind", "method", "options", "territory", "roles", "phases", "secrecy",
	"vote_changes", "results_visibility", "channels", "quorum", "electorate", "candidates", "projects", "body", "pots",
	NULL
};
/* a template's keys: a process's and for_each (said apart so a process's unknown-key message stays as it was) */
static const char *const template_keys[] = {
	"id", "title", "kind", "method", "options", "territory", "roles", "phases", "secrecy",
	"vote_changes", "results_visibility", "channels", "quorum", "electorate", "candidates",
	"projects", "body", "for_each", NULL
};
static const char *const phases_keys[] = { "proposals", "voting", "results", NULL };
static const char *const channel_names[] = { "web", "paper", NULL };

/* Which methods a kind of process takes, by what the method needs (its flags), not its name. */
static bool method_fits(pt_process_kind k, const pt_tally_method *m)
{
	bool pb = pt_tally_method_needs(m, PT_TALLY_NEEDS_COSTS);

	switch (k) {
	case PT_PROCESS_PARTICIPATORY_BUDGET:
		return pb;
	case PT_PROCESS_CONSENSUS:
		return pt_tally_method_needs(m, PT_TALLY_CONSENSUS);
	case PT_PROCESS_COUNCIL_VOTE:
		return m->kind == PT_BALLOT_STANCE;
	default:
		return !pb;
	}
}

static void process_digest(const pt_processes_ctx *c, pt_process_def *p)
{
	char buf[4096];
	uint8_t d[PT_SHA256_BYTES];
	char hex[PT_SHA256_HEX];
	size_t used, i;
	pt_error err;
	const pt_tally_options *o = &p->tally;

	used = (size_t)snprintf(buf, sizeof(buf),
		"%s|%s|%s|seats=%u|q=%d|t=%d|%lld..%lld|ch=%u..%u|seed=%d:%llu|agg=%d|th=%d:%lld/%lld|base=%d|"
		"el=%lld|qu=%d:%lld/%lld|brr=%d|budget=%lld|len=%u..%u|skip=%d|minap=%lld|comp=%d|inc=%lld|start=%d|swe=%d|"
		"secret=%d|",
		p->id, pt_process_kind_name(p->kind), p->method ? p->method->id : "", o->seats, (int)o->quota,
		(int)o->transfer, (long long)o->min, (long long)o->max, o->min_choices, o->max_choices, o->has_seed,
		(unsigned long long)o->seed, (int)o->aggregate, (int)o->threshold_kind, (long long)o->threshold_num,
		(long long)o->threshold_den, (int)o->base, (long long)o->eligible, o->has_quorum, (long long)o->quorum_num,
		(long long)o->quorum_den, o->block_requires_reason, (long long)o->pb_budget, o->pb_min_length,
		o->pb_max_length, o->pb_skip, (long long)o->pb_threshold, o->pb_completion, (long long)o->pb_increment,
		o->pb_start, o->pb_stop_when_exhaustive, p->secret);
	for (i = 0; i < p->pot_count && used < sizeof(buf); i++) {
		/* a budget split by district: each pot's budget, and below each project's pot */
		int w = snprintf(buf + used, sizeof(buf) - used, "pot=%s:%lld,", p->pots[i].id, (long long)p->pots[i].budget);

		if (w < 0) {
			break;
		}
		used += (size_t)w;
	}
	for (i = 0; i < p->candidate_count && used < sizeof(buf); i++) {
		int w = p->pot_count ? snprintf(buf + used, sizeof(buf) - used, "%s:%lld@%d,", p->candidates[i].id,
			(long long)p->candidates[i].cost, (int)p->candidates[i].pot)
			: snprintf(buf + used, sizeof(buf) - used, "%s:%lld,", p->candidates[i].id,
			(long long)p->candidates[i].cost);

		if (w < 0) {
			break;
		}
		used += (size_t)w;
	}
	if (used >= sizeof(buf)) {
		used = sizeof(buf) - 1;
	}
	pt_error_clear(&err);
	if (pt_sha256_once(buf, used, d, &err) != PT_OK) {
		*c->chk.nomem = true;
		return;
	}
	pt_sha256_hex(d, hex);
	p->digest = dupn(c, hex, 64);
}

/* "{territory}" in a template's title becomes the territory's name (into buf; false if too long). */
static bool title_for(const char *title, size_t len, const char *name, char *buf, size_t size)
{
	size_t used = 0, i = 0, nl = strlen(name);

	while (i < len) {
		if (len - i >= 11 && !memcmp(title + i, "{territory}", 11)) {
			if (used + nl >= size) {
				return false;
			}
			memcpy(buf + used, name, nl);
			used += nl;
			i += 11;
		} else {
			if (used + 1 >= size) {
				return false;
			}
			buf[used++] = title[i++];
		}
	}
	buf[used] = '\0';
	return true;
}

/* The index of the process declared with id, or out->count: O(1) through out->by_id. */
static size_t declared(const pt_processes *out, const char *id, size_t len)
{
	void *at;

	return pt_hash_find(&out->by_id, id, len, &at) ? (size_t)(uintptr_t)at : out->count;
}

static void process_item(const pt_processes_ctx *c, const pt_ynode *item, pt_processes *out, const gen *g)
{
	pt_process_def *p = &out->items[out->count];
	const pt_ynode *idn, *v;
	char where[128];
	size_t i;
	bool ok = true;

	if (item->kind != PT_YNODE_MAPPING) {
		diag(c, item, "processes: each process must be a mapping (id, title, kind, method ...), found %s",
			found(item).s);
		return;
	}
	memset(p, 0, sizeof(*p));
	pt_tally_options_init(&p->tally);
	p->territory = -1;
	p->line = item->line;
	p->column = item->column;
	idn = pt_ynode_get(item, "id");
	if (g) {
		snprintf(where, sizeof(where), "process '%s'", g->id);
		if ((i = declared(out, g->id, strlen(g->id))) < out->count) {
			diag(c, idn, "duplicate process id '%s' (first declared at line %u)", g->id, out->items[i].line);
			ok = false;
		}
		p->territory = g->territory;
		p->template_ref = g->template_ref;
	} else if (!idn) {
		diag(c, item, "missing required key 'id' in a process");
		snprintf(where, sizeof(where), "the process at line %u", item->line);
		ok = false;
	} else if (idn->kind != PT_YNODE_SCALAR || pt_ynode_is_null(idn) || !valid_id(idn->value, idn->len)) {
		diag(c, idn, "id of a process: %s is not a valid id (" ID_RULE ")", found(idn).s);
		snprintf(where, sizeof(where), "the process at line %u", item->line);
		ok = false;
	} else {
		snprintf(where, sizeof(where), "process '%s'", idn->value);
		if ((i = declared(out, idn->value, idn->len)) < out->count) {
			diag(c, idn, "duplicate process id '%s' (first declared at line %u)", idn->value, out->items[i].line);
			ok = false;
		}
	}
	check_keys(c, item, where, g ? template_keys : pt_ynode_get(item, "pots") ? pots_keys : process_keys);

	if ((v = pt_ynode_get(item, "title"))) {
		char w[160];

		snprintf(w, sizeof(w), "title of %s", where);
		if (text_of(c, v, w)) {
			char t[1024];

			if (!g) {
				p->title = dupn(c, v->value, v->len);
			} else if (title_for(v->value, v->len, c->cfg->territories.items[g->territory].name, t, sizeof(t))) {
				p->title = dupn(c, t, strlen(t));
			} else {
				diag(c, v, "%s is too long once {territory} is replaced", w);
				ok = false;
			}
		}
	} else {
		diag(c, item, "missing required key 'title' in %s", where);
		ok = false;
	}

	if (!(v = pt_ynode_get(item, "kind"))) {
		diag(c, item, "missing required key 'kind' in %s", where);
		ok = false;
	} else {
		int k = v->kind == PT_YNODE_SCALAR ? word_index(kind_names, v) : -1;

		if (k < 0) {
			char w[160];

			join(w, sizeof(w), kind_names);
			diag(c, v, "kind of %s: expected one of %s, found %s", where, w, found(v).s);
			ok = false;
		} else {
			p->kind = (pt_process_kind)k;
		}
	}
	/* public by default where who-said-what is the point (a council, a consensus) */
	p->secret = !(p->kind == PT_PROCESS_CONSENSUS || p->kind == PT_PROCESS_COUNCIL_VOTE);
	p->visibility = PT_RESULTS_AFTER_CLOSE;
	p->channels = PT_CHANNEL_WEB;

	if (!(v = pt_ynode_get(item, "method"))) {
		diag(c, item, "missing required key 'method' in %s", where);
		ok = false;
	} else if (v->kind != PT_YNODE_SCALAR || pt_ynode_is_null(v)
		|| !(p->method = pt_tally_find(v->value, v->len))) {
		char w[400];
		const pt_tally_method *m;
		size_t used = 0;

		w[0] = '\0';
		for (m = pt_tally_methods; m->id; m++) {
			int n = snprintf(w + used, sizeof(w) - used, "%s%s", used ? ", " : "", m->id);

			if (n > 0 && (size_t)n < sizeof(w) - used) {
				used += (size_t)n;
			}
		}
		diag(c, v, "method of %s: unknown tally method %s; expected one of: %s", where, found(v).s, w);
		ok = false;
	} else if (pt_ynode_get(item, "kind") && !method_fits(p->kind, p->method)) {
		diag(c, v, "method of %s: '%s' does not fit a process of kind %s%s", where, p->method->id,
			pt_process_kind_name(p->kind),
			p->kind == PT_PROCESS_PARTICIPATORY_BUDGET ? " (use pb_greedy or pb_equal_shares)"
			: p->kind == PT_PROCESS_CONSENSUS ? " (use consensus)"
			: p->kind == PT_PROCESS_COUNCIL_VOTE ? " (use majority or consensus)"
			: " (pb_* methods are for participatory_budget)");
		ok = false;
	}

	if (!g && (v = pt_ynode_get(item, "territory"))) {
		char w[160];

		snprintf(w, sizeof(w), "territory of %s", where);
		if (text_of(c, v, w)) {
			p->territory = pt_config_territory(c->cfg, v->value, v->len);
			if (p->territory < 0) {
				diag(c, v, "%s: unknown territory '%s'", w, qn(v).s);
				ok = false;
			}
		} else {
			ok = false;
		}
	}

	if ((v = pt_ynode_get(item, "body"))) {
		char w[160];

		snprintf(w, sizeof(w), "body of %s", where);
		if (text_of(c, v, w)) {
			bool known = false;

			for (i = 0; i < c->cfg->assignment_count; i++) {
				const char *b = c->cfg->assignments[i].body;

				if (b && strlen(b) == v->len && !memcmp(b, v->value, v->len)) {
					known = true;
					break;
				}
			}
			if (!known) {
				diag(c, v, "%s: no assignment names the body '%s' (its members come from assignments:)", w, qn(v).s);
				ok = false;
			} else {
				p->body = dupn(c, v->value, v->len);
			}
		} else {
			ok = false;
		}
	}

	if ((v = pt_ynode_get(item, "options"))) {
		tally_options(c, v, p, where);
	}
	if (pt_tally_method_needs(p->method, PT_TALLY_NEEDS_COSTS) && p->tally.pb_budget <= 0 && !pt_ynode_get(item, "pots")) {
		diag(c, v ? v : item, "%s: a participatory budget needs options.budget", where);
		ok = false;
	}

	if ((v = pt_ynode_get(item, "roles"))) {
		if (v->kind != PT_YNODE_SEQUENCE || v->count == 0) {
			diag(c, v, "roles of %s: expected a non-empty sequence of role ids, found %s", where, found(v).s);
			ok = false;
		} else {
			p->roles = pt_calloc(NULL, v->count, sizeof(size_t));
			if (!p->roles) {
				*c->chk.nomem = true;
				return;
			}
			for (i = 0; i < v->count; i++) {
				const pt_ynode *r = v->items[i];
				size_t k;
				bool known = false;

				for (k = 0; r->kind == PT_YNODE_SCALAR && k < c->cfg->role_count; k++) {
					if (strlen(c->cfg->roles[k].id) == r->len && !memcmp(c->cfg->roles[k].id, r->value, r->len)) {
						known = true;
						break;
					}
				}
				if (!known) {
					diag(c, r, "roles of %s: unknown role %s", where, found(r).s);
					ok = false;
					continue;
				}
				if (!c->cfg->roles[k].votes && p->method && p->method->kind != PT_BALLOT_STANCE) {
					diag(c, r, "roles of %s: role '%s' has votes: false (voice without vote); only consensus "
						"and council processes record a voice-only stance", where, c->cfg->roles[k].id);
					ok = false;
					continue;
				}
				if (c->cfg->roles[k].votes && !(c->cfg->roles[k].permissions & PT_PERM_VOTE)) {
					diag(c, r, "roles of %s: role '%s' lacks the 'vote' permission", where, c->cfg->roles[k].id);
					ok = false;
					continue;
				}
				p->roles[p->role_count++] = k;
			}
		}
	}

	/* consensus voice: every role with votes: false speaks but is not counted */
	for (i = 0; i < c->cfg->role_count; i++) {
		if (!c->cfg->roles[i].votes) {
			p->voice_only_count++;
		}
	}
	if (p->voice_only_count) {
		size_t n = 0;

		p->voice_only = pt_calloc(NULL, p->voice_only_count, sizeof(char *));
		p->voice_only_lens = pt_calloc(NULL, p->voice_only_count, sizeof(size_t));
		if (!p->voice_only || !p->voice_only_lens) {
			*c->chk.nomem = true;
			return;
		}
		for (i = 0; i < c->cfg->role_count; i++) {
			if (!c->cfg->roles[i].votes) {
				p->voice_only[n] = c->cfg->roles[i].id;   /* borrowed from cfg->roles (outlives processes) */
				p->voice_only_lens[n++] = strlen(c->cfg->roles[i].id);
			}
		}
		p->tally.voice_only_roles = (const char *const *)p->voice_only;
		p->tally.voice_only_lens = p->voice_only_lens;
		p->tally.voice_only_count = p->voice_only_count;
	}

	if (!(v = pt_ynode_get(item, "phases"))) {
		diag(c, item, "missing required key 'phases' in %s (at least voting: [start, end])", where);
		ok = false;
	} else if (v->kind != PT_YNODE_MAPPING) {
		diag(c, v, "phases of %s: expected a mapping (proposals, voting, results), found %s", where, found(v).s);
		ok = false;
	} else {
		const pt_ynode *ph;
		char w[160];

		snprintf(w, sizeof(w), "phases of %s", where);
		check_keys(c, v, w, phases_keys);
		if ((ph = pt_ynode_get(v, "proposals"))) {
			snprintf(w, sizeof(w), "the proposals phase of %s", where);
			phase_node(c, ph, w, false, &p->proposals);
		}
		if ((ph = pt_ynode_get(v, "voting"))) {
			snprintf(w, sizeof(w), "the voting phase of %s", where);
			phase_node(c, ph, w, false, &p->voting);
		} else {
			diag(c, v, "phases of %s: missing required phase 'voting'", where);
			ok = false;
		}
		if ((ph = pt_ynode_get(v, "results"))) {
			snprintf(w, sizeof(w), "the results phase of %s", where);
			phase_node(c, ph, w, true, &p->results);
		}
		if (p->proposals.set && p->voting.set && p->proposals.end_local > p->voting.start_local) {
			diag(c, pt_ynode_get(v, "proposals"), "phases of %s: proposals must end before voting starts", where);
			ok = false;
		}
		if (p->results.set && p->voting.set && p->results.start_local < p->voting.end_local) {
			diag(c, pt_ynode_get(v, "results"), "phases of %s: results cannot start before voting ends", where);
			ok = false;
		}
	}

	if ((v = pt_ynode_get(item, "secrecy"))) {
		if (v->kind == PT_YNODE_SCALAR && v->len == 6 && !memcmp(v->value, "secret", 6)) {
			p->secret = true;
		} else if (v->kind == PT_YNODE_SCALAR && v->len == 6 && !memcmp(v->value, "public", 6)) {
			p->secret = false;
		} else {
			diag(c, v, "secrecy of %s: expected secret or public, found %s", where, found(v).s);
			ok = false;
		}
	}
	if ((v = pt_ynode_get(item, "vote_changes")) && !pt_ynode_bool(v, &p->vote_changes)) {
		diag(c, v, "vote_changes of %s: expected true or false, found %s", where, found(v).s);
		ok = false;
	}
	if ((v = pt_ynode_get(item, "results_visibility"))) {
		int k = v->kind == PT_YNODE_SCALAR ? word_index(visibility_names, v) : -1;

		if (k < 0) {
			diag(c, v, "results_visibility of %s: expected live, after_vote or after_close, found %s", where,
				found(v).s);
			ok = false;
		} else {
			p->visibility = (pt_results_visibility)k;
		}
	}
	if (p->secret && p->visibility != PT_RESULTS_AFTER_CLOSE) {
		/* two reads of a live count a minute apart tell what the one ballot in between was */
		diag(c, pt_ynode_get(item, "results_visibility"), "results_visibility of %s: a secret process cannot show "
			"results before voting closes (%s results would reveal each ballot as it arrives); use after_close, or "
			"secrecy: public", where, pt_results_visibility_name(p->visibility));
		ok = false;
	}
	if ((v = pt_ynode_get(item, "channels"))) {
		if (v->kind != PT_YNODE_SEQUENCE || v->count == 0) {
			diag(c, v, "channels of %s: expected a non-empty list of web and/or paper, found %s", where, found(v).s);
			ok = false;
		} else {
			p->channels = 0;
			for (i = 0; i < v->count; i++) {
				int k = v->items[i]->kind == PT_YNODE_SCALAR ? word_index(channel_names, v->items[i]) : -1;

				if (k < 0) {
					diag(c, v->items[i], "channels of %s: expected web or paper, found %s", where, found(v->items[i]).s);
					ok = false;
				} else {
					p->channels |= 1u << k;
				}
			}
		}
	}
	if ((v = pt_ynode_get(item, "electorate"))) {
		int64_t x;

		if (!pt_ynode_int(v, &x) || x < 1 || x > PT_TALLY_MAX_TOTAL_WEIGHT) {
			diag(c, v, "electorate of %s: expected the number of people entitled to vote (a whole number >= 1), "
				"found %s", where, found(v).s);
			ok = false;
		} else {
			p->tally.eligible = x;
		}
	}
	if ((v = pt_ynode_get(item, "quorum"))) {
		if (p->method && p->method->kind != PT_BALLOT_STANCE) {
			diag(c, v, "quorum of %s: only majority and consensus methods have a quorum", where);
			ok = false;
		} else if (!parse_fraction(v, true, &p->tally.quorum_num, &p->tally.quorum_den)) {
			diag(c, v, "quorum of %s: expected a share of the electorate such as 1/2, 0.5 or 50%%, found %s",
				where, found(v).s);
			ok = false;
		} else if (p->tally.eligible < 0) {
			diag(c, v, "quorum of %s needs 'electorate' (how many people may vote)", where);
			ok = false;
		} else {
			p->tally.has_quorum = 1;
		}
	}
	if (p->method && p->tally.eligible < 0 && (p->tally.threshold_kind == PT_THRESHOLD_ABSOLUTE
		|| (p->tally.base == PT_BASE_ELIGIBLE && pt_tally_method_takes(p->method, "base")))) {
		diag(c, item, "%s: an absolute majority or base 'eligible' needs 'electorate'", where);
		ok = false;
	}

	if ((v = pt_ynode_get(item, "pots"))) {
		if (!pots(c, v, item, p, where)) {
			ok = false;
		}
	} else {
		const pt_ynode *cn = pt_ynode_get(item, "candidates"), *pn = pt_ynode_get(item, "projects");

		if (cn && pn) {
			diag(c, pn, "%s: give either candidates or projects, not both", where);
			ok = false;
		} else if (cn || pn) {
			if (p->method && p->method->kind == PT_BALLOT_STANCE) {
				diag(c, cn ? cn : pn, "%s: a %s process has no candidates (ballots are stances)", where,
					p->method->id);
				ok = false;
			} else {
				candidates(c, cn ? cn : pn, p, where, cn ? "candidates" : "projects", g);
			}
		} else if (p->method && p->method->kind != PT_BALLOT_STANCE && !p->proposals.set) {
			diag(c, item, "%s needs candidates (or projects), or a proposals phase to add them through the API",
				where);
			ok = false;
		}
	}
	if (p->candidate_count && pt_tally_method_needs(p->method, PT_TALLY_NEEDS_COSTS)) {
		p->costs = pt_calloc(NULL, p->candidate_count, sizeof(int64_t));
		if (!p->costs) {
			*c->chk.nomem = true;
			return;
		}
		for (i = 0; i < p->candidate_count; i++) {
			p->costs[i] = p->candidates[i].cost;
		}
		p->tally.pb_costs = p->costs;
	}
	if (p->tally.seats > 1 && p->candidate_count && p->tally.seats > p->candidate_count && !p->proposals.set) {
		diag(c, pt_ynode_get(item, "options"), "%s: %u seats but only %zu candidates", where, p->tally.seats,
			p->candidate_count);
		ok = false;
	}

	if (g && !p->candidate_count && !p->proposals.set && p->method && p->method->kind != PT_BALLOT_STANCE) {
		diag(c, item, "%s: no candidate of the template lies in territory '%s', and the template has no "
			"proposals phase to add them through the API", where, c->cfg->territories.items[g->territory].id);
		ok = false;
	}
	if (!ok || (!idn && !g)) {
		/* keep nothing of a broken process; the diagnostics say why */
		pt_process_def dead = *p;

		memset(p, 0, sizeof(*p));
		free(dead.title);
		free(dead.body);
		free(dead.voice_only);
		free(dead.voice_only_lens);
		free(dead.costs);
		free(dead.roles);
		for (i = 0; i < dead.candidate_count; i++) {
			free(dead.candidates[i].id);
			free(dead.candidates[i].name);
			free(dead.candidates[i].participant);
		}
		free(dead.candidates);
		for (i = 0; i < dead.pot_count; i++) {
			free(dead.pots[i].id);
			free(dead.pots[i].name);
		}
		free(dead.pots);
		return;
	}
	p->id = g ? dupn(c, g->id, g->id_len) : dupn(c, idn->value, idn->len);
	process_digest(c, p);
	/* the key is p->id's bytes: they stay put when items grows */
	if (p->id && pt_hash_add(&out->by_id, p->id, strlen(p->id), (void *)(uintptr_t)out->count) == PT_ERR_NOMEM) {
		*c->chk.nomem = true;
	}
	out->count++;
}

/* ---- templates ----------------------------------------------------------------- */

static const char *const for_each_keys[] = { "kind", "within", NULL };

/* Room for one more process in out->items (grown by doubling). */
static bool room(const pt_processes_ctx *c, pt_processes *out, size_t *cap)
{
	pt_process_def *grown;
	size_t n;

	if (out->count < *cap) {
		return true;
	}
	n = *cap ? *cap * 2 : 8;
	grown = realloc(out->items, n * sizeof(*grown));
	if (!grown) {
		*c->chk.nomem = true;
		return false;
	}
	out->items = grown;
	*cap = n;
	return true;
}

/* Whether territory t is of `kind` (the for_each's) and inside `within` (-1: anywhere). */
static bool generates(const pt_config *cfg, int32_t t, const char *kind, size_t kind_len, int32_t within)
{
	const pt_territory *x = &cfg->territories.items[t];

	return x->kind && strlen(x->kind) == kind_len && !memcmp(x->kind, kind, kind_len)
		&& (within < 0 || pt_territory_within(&cfg->territories, t, within));
}

/*
 * Checks what a template decides once (its id, for_each, that every generated
 * id is valid, that every candidate lies in a generated territory), reported
 * once at the template's own nodes; then generates one process per territory.
 * The first is built with the real diagnostics (what is wrong with the
 * definition is said once, where it stands); a later one that fails is
 * reported at for_each naming its territory, so none is dropped silently.
 */
static void template_item(const pt_processes_ctx *c, const pt_ynode *item, const pt_ynode *fe, pt_processes *out,
	size_t *cap)
{
	const pt_ynode *idn = pt_ynode_get(item, "id"), *kn, *wn, *v;
	pt_processes_ctx quiet = *c;
	pt_diags scratch;
	pt_process_template *tp, *grown;
	size_t before = c->chk.diags->count, t, i, made = 0, n = c->cfg->territories.count;
	int32_t within = -1;
	char id[80], where[128];

	if (item->kind != PT_YNODE_MAPPING) {
		return;
	}
	if (!idn || idn->kind != PT_YNODE_SCALAR || pt_ynode_is_null(idn) || !valid_id(idn->value, idn->len)) {
		diag(c, idn ? idn : item, "id of a process template: %s is not a valid id (" ID_RULE ")",
			idn ? found(idn).s : "nothing");
		return;
	}
	snprintf(where, sizeof(where), "the template '%s'", idn->value);
	if (fe->kind != PT_YNODE_MAPPING) {
		diag(c, fe, "for_each of %s: expected {kind: <territory kind>, within: <territory>}, found %s", where,
			found(fe).s);
		return;
	}
	check_keys(c, fe, "for_each", for_each_keys);
	if (!(kn = pt_ynode_get(fe, "kind"))) {
		diag(c, fe, "missing required key 'kind' in for_each of %s (the kind of territory that gets a process)",
			where);
		return;
	}
	if (!text_of(c, kn, "kind of for_each")) {
		return;
	}
	if ((wn = pt_ynode_get(fe, "within"))) {
		if (!text_of(c, wn, "within of for_each")) {
			return;
		}
		if ((within = pt_config_territory(c->cfg, wn->value, wn->len)) < 0) {
			diag(c, wn, "within of for_each of %s: unknown territory '%s'", where, qn(wn).s);
			return;
		}
	}
	if ((v = pt_ynode_get(item, "territory"))) {
		diag(c, v, "territory of %s: each generated process takes its own territory from for_each "
			"(use for_each.within to choose where)", where);
	}
	for (t = 0; t < n; t++) {
		const pt_territory *x = &c->cfg->territories.items[t];
		int w;

		if (!generates(c->cfg, (int32_t)t, kn->value, kn->len, within)) {
			continue;
		}
		made++;
		w = snprintf(id, sizeof(id), "%s.%s", idn->value, x->id);
		if (w < 0 || (size_t)w >= sizeof(id) || !valid_id(id, (size_t)w)) {
			diag(c, fe, "for_each of %s: the process for territory '%s' (line %u) would have the id '%.70s', "
				"which is not a valid process id (" ID_RULE ")", where, x->id, x->line, id);
		}
	}
	if (!made) {
		diag(c, kn, "for_each of %s: no territory of kind '%s'%s%s", where, qn(kn).s, within >= 0 ? " inside " : "",
			within >= 0 ? c->cfg->territories.items[within].id : "");
	}
	{
		const pt_ynode *cn = pt_ynode_get(item, "candidates");

		if (!cn) {
			cn = pt_ynode_get(item, "projects");
		}
		for (i = 0; cn && cn->kind == PT_YNODE_SEQUENCE && i < cn->count; i++) {
			const pt_ynode *ct = cn->items[i]->kind == PT_YNODE_MAPPING ? pt_ynode_get(cn->items[i], "territory") : NULL;
			int32_t ti, a;

			if (!ct || ct->kind != PT_YNODE_SCALAR || (ti = pt_config_territory(c->cfg, ct->value, ct->len)) < 0) {
				continue;   /* the process's own check says what is wrong */
			}
			for (a = ti; a >= 0 && !generates(c->cfg, a, kn->value, kn->len, within);
				a = c->cfg->territories.items[a].parent) {
			}
			if (a < 0) {
				diag(c, ct, "territory of a candidate of %s: '%s' lies in no territory of kind '%s' the template "
					"generates a process for", where, qn(ct).s, qn(kn).s);
			}
		}
	}
	if (c->chk.diags->count != before || *c->chk.nomem) {
		return;
	}
	grown = realloc(out->templates, (out->template_count + 1) * sizeof(*grown));
	if (!grown) {
		*c->chk.nomem = true;
		return;
	}
	out->templates = grown;
	tp = &out->templates[out->template_count];
	memset(tp, 0, sizeof(*tp));
	tp->id = dupn(c, idn->value, idn->len);
	tp->territory_kind = dupn(c, kn->value, kn->len);
	v = pt_ynode_get(item, "title");
	tp->title = v && v->kind == PT_YNODE_SCALAR ? dupn(c, v->value, v->len) : NULL;
	tp->within = within;
	tp->first = out->count;
	tp->line = item->line;
	tp->column = item->column;
	out->template_count++;

	pt_diags_init(&scratch);
	quiet.chk.diags = &scratch;
	for (t = 0; t < n && !*c->chk.nomem; t++) {
		gen g;
		size_t had = out->count;

		if (!generates(c->cfg, (int32_t)t, kn->value, kn->len, within) || !room(c, out, cap)) {
			continue;
		}
		g.territory = (int32_t)t;
		g.id_len = (size_t)snprintf(id, sizeof(id), "%s.%s", idn->value, c->cfg->territories.items[t].id);
		g.id = id;
		g.template_ref = out->template_count;
		process_item(tp->count ? &quiet : c, item, out, &g);
		if (out->count == had) {
			if (!tp->count) {
				break;   /* the definition itself is wrong: said once, above */
			}
			diag(c, fe, "for_each of %s: the process for territory '%s' cannot be generated: %s", where,
				c->cfg->territories.items[t].id, scratch.count ? scratch.items[0].message : "invalid");
			pt_diags_free(&scratch);
			pt_diags_init(&scratch);
			continue;
		}
		tp->count++;
	}
	pt_diags_free(&scratch);
	if (!tp->count) {
		free(tp->id);
		free(tp->title);
		free(tp->territory_kind);
		out->template_count--;
	}
}

/* ---- section ----------------------------------------------------------------- */

void pt_config_processes_section(const pt_processes_ctx *c, const pt_ynode *n)
{
	pt_processes *out;
	size_t i, cap = 0;

	out = pt_calloc(NULL, 1, sizeof(*out));
	if (!out) {
		*c->chk.nomem = true;
		return;
	}
	c->cfg->processes = out;
	pt_hash_init(&out->by_id, NULL);
	if (pt_ynode_is_null(n)) {
		return;
	}
	if (n->kind != PT_YNODE_SEQUENCE) {
		diag(c, n, "processes: expected a sequence of processes (- id: ..., title: ..., kind: ...), found %s",
			found(n).s);
		return;
	}
	if (!room(c, out, &cap)) {
		return;
	}
	for (i = 0; i < n->count && !*c->chk.nomem; i++) {
		const pt_ynode *fe = n->items[i]->kind == PT_YNODE_MAPPING ? pt_ynode_get(n->items[i], "for_each") : NULL;

		if (fe) {
			template_item(c, n->items[i], fe, out, &cap);
		} else if (room(c, out, &cap)) {
			process_item(c, n->items[i], out, NULL);
		}
	}
}

const pt_process_template *pt_config_process_template(const pt_config *cfg, const char *id, size_t len)
{
	size_t i;

	for (i = 0; cfg->processes && i < cfg->processes->template_count; i++) {
		const pt_process_template *t = &cfg->processes->templates[i];

		if (strlen(t->id) == len && !memcmp(t->id, id, len)) {
			return t;
		}
	}
	return NULL;
}

const pt_process_template *pt_process_def_template(const pt_config *cfg, const pt_process_def *p)
{
	return p->template_ref && cfg->processes && p->template_ref <= cfg->processes->template_count
		? &cfg->processes->templates[p->template_ref - 1] : NULL;
}

void pt_processes_free(pt_processes *ps)
{
	size_t i, j;

	if (!ps) {
		return;
	}
	for (i = 0; i < ps->count; i++) {
		pt_process_def *p = &ps->items[i];

		free(p->id);
		free(p->title);
		free(p->body);
		free(p->voice_only);
		free(p->voice_only_lens);
		free(p->costs);
		free(p->roles);
		free(p->digest);
		for (j = 0; j < p->candidate_count; j++) {
			free(p->candidates[j].id);
			free(p->candidates[j].name);
			free(p->candidates[j].participant);
		}
		free(p->candidates);
		for (j = 0; j < p->pot_count; j++) {
			free(p->pots[j].id);
			free(p->pots[j].name);
		}
		free(p->pots);
	}
	for (i = 0; i < ps->template_count; i++) {
		free(ps->templates[i].id);
		free(ps->templates[i].title);
		free(ps->templates[i].territory_kind);
	}
	free(ps->templates);
	free(ps->items);
	pt_hash_free(&ps->by_id);
	free(ps);
}

const pt_process_def *pt_config_process(const pt_config *cfg, const char *id, size_t len)
{
	size_t i;

	if (!cfg->processes || (i = declared(cfg->processes, id, len)) >= cfg->processes->count) {
		return NULL;
	}
	return &cfg->processes->items[i];
}

int32_t pt_process_candidate_find(const pt_process_def *p, const char *id, size_t len)
{
	size_t i;

	for (i = 0; i < p->candidate_count; i++) {
		if (strlen(p->candidates[i].id) == len && memcmp(p->candidates[i].id, id, len) == 0) {
			return (int32_t)i;
		}
	}
	return -1;
}
