/*
 * participa core: a participatory budget split by district. See pots.h.
 */
#include "core/process/pots.h"

#include <stdio.h>
#include <string.h>

int32_t pt_process_pot_of_territory(const pt_territory_tree *tree, const pt_process_def *def, int32_t t)
{
	size_t k;

	if (t >= 0) {
		for (k = 0; k < def->pot_count; k++) {
			if (!def->pots[k].city && pt_territory_within(tree, t, def->pots[k].territory)) {
				return (int32_t)k;
			}
		}
	}
	return pt_process_pot_city(def);
}

int32_t pt_process_pot_city(const pt_process_def *def)
{
	size_t k;

	for (k = 0; k < def->pot_count; k++) {
		if (def->pots[k].city) {
			return (int32_t)k;
		}
	}
	return -1;
}

int32_t pt_process_pot_of_residence(const pt_config *cfg, const pt_process_def *def, const char *territory)
{
	int32_t t = territory ? pt_config_territory(cfg, territory, strlen(territory)) : -1;
	size_t k;

	for (k = 0; t >= 0 && k < def->pot_count; k++) {
		if (!def->pots[k].city && pt_territory_within(&cfg->territories, t, def->pots[k].territory)) {
			return (int32_t)k;
		}
	}
	return -1;
}

int32_t pt_process_pot_find(const pt_process_def *def, const char *id, size_t len)
{
	size_t k;

	for (k = 0; k < def->pot_count; k++) {
		if (strlen(def->pots[k].id) == len && !memcmp(def->pots[k].id, id, len)) {
			return (int32_t)k;
		}
	}
	return -1;
}

pt_status pt_process_pots_ballot(const pt_process_def *def, const uint32_t *items, size_t n, int32_t *district,
	pt_error *err)
{
	int64_t spent[2] = { 0, 0 };   /* [0] the district's, [1] the city's */
	int32_t city = pt_process_pot_city(def);
	size_t i;

	*district = -1;
	if (!def->pot_count) {
		return PT_OK;
	}
	for (i = 0; i < n; i++) {
		const pt_process_candidate *c = items[i] < def->candidate_count ? &def->candidates[items[i]] : NULL;
		int32_t k = c ? c->pot : -1;

		if (!c || k < 0 || (size_t)k >= def->pot_count) {
			return pt_error_set(err, PT_ERR_INVALID, "Boleta inválida: el proyecto «%s» no pertenece a ninguna "
				"bolsa de este presupuesto.", c ? c->id : "?");
		}
		if (k != city) {
			if (*district >= 0 && *district != k) {
				return pt_error_set(err, PT_ERR_INVALID, "Boleta inválida: la boleta elige proyectos de dos "
					"distritos (%s y %s); cada persona vota solo en el presupuesto de su distrito.",
					def->pots[*district].name, def->pots[k].name);
			}
			*district = k;
		}
		if (__builtin_add_overflow(spent[k == city], c->cost, &spent[k == city])) {
			spent[k == city] = INT64_MAX;
		}
	}
	if (!def->allow_over_budget) {
		int32_t pots[2] = { *district, city };

		for (i = 0; i < 2; i++) {
			if (pots[i] >= 0 && spent[i] > def->pots[pots[i]].budget) {
				return pt_error_set(err, PT_ERR_INVALID, "Boleta inválida: los proyectos elegidos de %s cuestan "
					"%lld en total y su presupuesto es de %lld.", def->pots[pots[i]].name, (long long)spent[i],
					(long long)def->pots[pots[i]].budget);
			}
		}
	}
	return PT_OK;
}

pt_status pt_process_pots_canonical(const pt_process_def *def, const char *ballot, size_t len, int32_t *district,
	pt_error *err)
{
	const char *s = ballot, *end = ballot + len;
	int32_t city = pt_process_pot_city(def);

	*district = -1;
	if (!def->pot_count) {
		return PT_OK;
	}
	/* the districts only: the budgets were checked on the whole ballot at the cast */
	while (s < end) {
		const char *comma = memchr(s, ',', (size_t)(end - s));
		const char *e = comma ? comma : end;
		int32_t c = pt_process_candidate_find(def, s, (size_t)(e - s)), k = c >= 0 ? def->candidates[c].pot : -1;

		if (c < 0 || k < 0 || (size_t)k >= def->pot_count) {
			return pt_error_set(err, PT_ERR_INVALID, "Boleta inválida: el proyecto «%.*s» no pertenece a ninguna "
				"bolsa de este presupuesto.", (int)(e - s > 64 ? 64 : e - s), s);
		}
		if (k != city) {
			if (*district >= 0 && *district != k) {
				return pt_error_set(err, PT_ERR_INVALID, "Boleta inválida: la boleta elige proyectos de dos "
					"distritos (%s y %s); cada persona vota solo en el presupuesto de su distrito.",
					def->pots[*district].name, def->pots[k].name);
			}
			*district = k;
		}
		s = comma ? comma + 1 : end;
	}
	return PT_OK;
}

pt_status pt_process_rule_pots(const pt_config *cfg, const pt_process_def *def, const char *territory,
	int32_t district, pt_error *err)
{
	int32_t home;

	if (!def->pot_count) {
		return PT_OK;
	}
	home = pt_process_pot_of_residence(cfg, def, territory);
	if (home < 0 && pt_process_pot_city(def) < 0) {
		return pt_error_set(err, PT_ERR_NOT_ALLOWED, "No puedes votar en este presupuesto: tu lugar de residencia "
			"registrado no está en ninguno de sus distritos.");
	}
	if (district < 0 || district == home) {
		return PT_OK;
	}
	if (home < 0) {
		return pt_error_set(err, PT_ERR_INVALID, "Boleta inválida: la boleta elige proyectos de %s, y tu lugar de "
			"residencia registrado no está en ninguno de los distritos de este presupuesto; solo puedes votar en el "
			"presupuesto de toda la ciudad.", def->pots[district].name);
	}
	if (pt_process_pot_city(def) >= 0) {
		return pt_error_set(err, PT_ERR_INVALID, "Boleta inválida: la boleta elige proyectos de %s, pero vives en %s; "
			"solo puedes votar en el presupuesto de tu distrito y en el de toda la ciudad.", def->pots[district].name,
			def->pots[home].name);
	}
	return pt_error_set(err, PT_ERR_INVALID, "Boleta inválida: la boleta elige proyectos de %s, pero vives en %s; "
		"solo puedes votar en el presupuesto de tu distrito.", def->pots[district].name, def->pots[home].name);
}

/* ---- counting ------------------------------------------------------------------------- */

static pt_status nomem(pt_error *err)
{
	return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
}

/* Appends copies of list's ids (strings) to out. */
static bool copy_ids(pt_value *out, const pt_value *list, const pt_allocator *a)
{
	size_t i;

	for (i = 0; list && list->type == PT_VALUE_LIST && i < list->u.c.count; i++) {
		const pt_value *x = list->u.c.items[i];

		if (x->type == PT_VALUE_STRING) {
			if (pt_value_push(out, pt_value_string(a, x->u.s.s, x->u.s.len)) != PT_OK) {
				return false;
			}
		} else if (x->type == PT_VALUE_LIST) {
			pt_value *tier = pt_value_list(a);

			if (!tier || !copy_ids(tier, x, a) || pt_value_push(out, tier) != PT_OK) {
				return false;
			}
		}
	}
	return true;
}

static int64_t int_of(const pt_value *m, const char *k)
{
	const pt_value *v = pt_value_get(m, k);

	return v && v->type == PT_VALUE_INT ? v->u.i : 0;
}

/* Pot k's profile: its projects, and each ballot that approves any of them restricted to them. */
static pt_status pot_profile(const pt_process_def *def, size_t k, const pt_profile *all, pt_profile *p,
	const pt_tally_options *po, int64_t *costs, const pt_allocator *a, pt_error *err)
{
	size_t i, b, n = 0;
	pt_status s = pt_profile_init(p, PT_BALLOT_APPROVAL, po, a, err);

	if (s != PT_OK) {
		return s;
	}
	for (i = 0; i < def->candidate_count && s == PT_OK; i++) {
		if (def->candidates[i].pot == (int32_t)k) {
			costs[n++] = def->candidates[i].cost;
			s = pt_profile_add_candidate(p, def->candidates[i].id, strlen(def->candidates[i].id), err);
		}
	}
	pt_profile_fix_candidates(p);
	for (b = 0; b < all->n && s == PT_OK; b++) {
		uint32_t j, from = all->start[b], to = all->start[b + 1];
		bool any = false;

		for (j = from; j < to; j++) {
			uint32_t c = all->items[j];

			if (c < def->candidate_count && def->candidates[c].pot == (int32_t)k) {
				if (!any && (s = pt_ballot_begin(p, all->weights[b], err)) != PT_OK) {
					break;
				}
				any = true;
				if ((s = pt_ballot_item(p, all->ids[c], all->id_lens[c], 0, 0, err)) != PT_OK) {
					break;
				}
			}
		}
		if (s == PT_OK && any) {
			s = pt_ballot_end(p, err);
		}
	}
	if (s != PT_OK) {
		pt_profile_free(p);
	}
	return s;
}

/* One pot's entry of details.pots (takes the pot's result trees). */
static pt_value *pot_entry(const pt_process_def *def, size_t k, const int64_t *costs, pt_tally_result *pr,
	const pt_allocator *a)
{
	const pt_process_pot *pot = &def->pots[k];
	pt_value *m = pt_value_map(a), *projects = pt_value_map(a), *w = pt_value_list(a);
	pt_status s = m && projects && w ? PT_OK : PT_ERR_NOMEM;
	size_t i, n = 0;

	for (i = 0; s == PT_OK && i < def->candidate_count; i++) {
		if (def->candidates[i].pot == (int32_t)k) {
			s = pt_value_setc(projects, def->candidates[i].id, pt_value_int(a, costs[n++]));
		}
	}
	if (s == PT_OK && !copy_ids(w, pr->winners, a)) {
		s = PT_ERR_NOMEM;
	}
	if (s == PT_OK) s = pt_value_setc(m, "pot", pt_value_cstr(a, pot->id));
	if (s == PT_OK) s = pt_value_setc(m, "name", pt_value_cstr(a, pot->name));
	if (s == PT_OK) s = pt_value_setc(m, "city", pt_value_bool(a, pot->city));
	if (s == PT_OK) s = pt_value_setc(m, "budget", pt_value_int(a, pot->budget));
	if (s == PT_OK) { s = pt_value_setc(m, "projects", projects); projects = NULL; }
	if (s == PT_OK) s = pt_value_setc(m, "ballots", pt_value_int(a, int_of(pr->details, "weight")));
	if (s == PT_OK) { s = pt_value_setc(m, "winners", w); w = NULL; }
	if (s == PT_OK) s = pt_value_setc(m, "total_cost", pt_value_int(a, int_of(pr->details, "total_cost")));
	if (s == PT_OK) s = pt_value_setc(m, "budget_left", pt_value_int(a, int_of(pr->details, "budget_left")));
	if (s == PT_OK) { s = pt_value_setc(m, "details", pr->details); pr->details = NULL; }
	pt_value_free(projects);
	pt_value_free(w);
	if (s != PT_OK) {
		pt_value_free(m);
		return NULL;
	}
	return m;
}

pt_status pt_process_pots_count(const pt_process_def *def, const pt_profile *all, const pt_tally_options *o,
	const pt_allocator *a, pt_tally_result *r, pt_error *err)
{
	pt_value *pots;
	int64_t budget = 0, spent = 0, left = 0;
	size_t k;
	pt_status s = PT_OK;
	int64_t *costs = pt_calloc(a, def->candidate_count ? def->candidate_count : 1, sizeof(*costs));

	memset(r, 0, sizeof(*r));
	r->alloc = a;
	r->winners = pt_value_list(a);
	r->ranking = pt_value_list(a);
	r->details = pt_value_map(a);
	r->tie_breaks = pt_value_list(a);
	pots = pt_value_list(a);
	if (!costs || !r->winners || !r->ranking || !r->details || !r->tie_breaks || !pots) {
		pt_free(a, costs);
		pt_value_free(pots);
		return nomem(err);
	}
	for (k = 0; k < def->pot_count && s == PT_OK; k++) {
		pt_tally_options po = *o;
		pt_profile p;
		pt_tally_result pr;
		pt_value *e;
		size_t i;

		po.pb_budget = def->pots[k].budget;
		po.pb_costs = costs;
		if ((s = pot_profile(def, k, all, &p, &po, costs, a, err)) != PT_OK) {
			break;
		}
		s = pt_tally_count(def->method, &p, &po, &pr, err);
		if (s == PT_OK && (!copy_ids(r->winners, pr.winners, a) || !copy_ids(r->ranking, pr.ranking, a))) {
			s = nomem(err);
		}
		if (s == PT_OK) {
			/* the tie breaks, each with its pot, all at the top (in pot order) */
			for (i = 0; pr.tie_breaks && i < pr.tie_breaks->u.c.count && s == PT_OK; i++) {
				pt_value *t = pr.tie_breaks->u.c.items[i];

				if (t->type == PT_VALUE_MAP && pt_value_setc(t, "pot", pt_value_cstr(a, def->pots[k].id)) != PT_OK) {
					s = nomem(err);
				}
			}
			for (i = 0; pr.tie_breaks && i < pr.tie_breaks->u.c.count && s == PT_OK; i++) {
				s = pt_value_push(r->tie_breaks, pr.tie_breaks->u.c.items[i]) == PT_OK ? PT_OK : nomem(err);
				pr.tie_breaks->u.c.items[i] = NULL;
			}
			if (pr.tie_breaks) {
				pr.tie_breaks->u.c.count = 0;
			}
		}
		if (s == PT_OK) {
			budget += def->pots[k].budget;
			spent += int_of(pr.details, "total_cost");
			left += int_of(pr.details, "budget_left");
			e = pot_entry(def, k, costs, &pr, a);
			s = e && pt_value_push(pots, e) == PT_OK ? PT_OK : nomem(err);
		}
		pt_tally_result_free(&pr);
		pt_profile_free(&p);
	}
	pt_free(a, costs);
	if (s == PT_OK) s = pt_value_setc(r->details, "budget", pt_value_int(a, budget));
	if (s == PT_OK) s = pt_value_setc(r->details, "total_cost", pt_value_int(a, spent));
	if (s == PT_OK) s = pt_value_setc(r->details, "budget_left", pt_value_int(a, left));
	if (s == PT_OK) s = pt_value_setc(r->details, "ballots", pt_value_int(a, all->total_weight));
	if (s == PT_OK) {
		s = pt_value_setc(r->details, "pots", pots);
	} else {
		pt_value_free(pots);
	}
	return s == PT_OK ? PT_OK : (err->code ? err->code : nomem(err));
}
