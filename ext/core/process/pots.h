/*
 * participa core: a participatory budget split by district in one process
 * (`pots:`, config_processes.h pt_process_pot), as CONSUL's headings and
 * Decidim's budgets per scope.
 *
 * Each pot is a district of the process's territory with its own budget and
 * projects; optionally one city-wide pot (the process's own territory). A
 * project belongs to the district pot whose territory holds the project's
 * territory, else to the city-wide pot (pt_process_pot_of_territory(); the
 * YAML's projects are declared under their pot, an API option falls where its
 * territory lies).
 *
 * The ballot stays one approval list per voter per process (one person, one
 * ballot; secret ballots as unlinkable as before): its projects name at most
 * one district pot (pt_process_pots_ballot(), at the canonical text, so web
 * and paper alike) and the city-wide pot; each pot's projects fit that pot's
 * budget unless options.over_budget is allow. Inside the cast's transaction
 * the voter's residence (the facts the per-territory eligibility reads) must
 * lie in the ballot's district (pt_process_rule_pots()). The stored text is
 * the same canonical approval list, so the digest lines, the receipt
 * segments (schema 016) and their summaries are unchanged: the digest covers
 * the ballots, and each pot's result is a function of them (recountable by
 * Tally::count() over the pot's projects).
 *
 * Counting (pt_process_pots_count()): each pot by the process's method with
 * its own budget, over the ballots that approve at least one of its projects,
 * each restricted to them. A blank ballot counts in no pot.
 */
#ifndef PT_PROCESS_POTS_H
#define PT_PROCESS_POTS_H

#include <stdint.h>
#include "core/common/pt_base.h"
#include "core/common/pt_value.h"
#include "core/process/config_processes.h"
#include "core/site/territory.h"
#include "core/tally/tally.h"

/*
 * The pot a project whose territory is t falls in: the district pot whose
 * territory holds t, else the city-wide pot, else -1 (t < 0: the city-wide
 * pot or -1). O(pots).
 */
int32_t pt_process_pot_of_territory(const pt_territory_tree *tree, const pt_process_def *def, int32_t t);

/* The district pot (never the city-wide one) a residence lies in, or -1 (NULL: none). O(pots). */
int32_t pt_process_pot_of_residence(const pt_config *cfg, const pt_process_def *def, const char *territory);

/* Pot index by id (len bytes), or -1. O(pots). */
int32_t pt_process_pot_find(const pt_process_def *def, const char *id, size_t len);

/* The city-wide pot's index, or -1. */
int32_t pt_process_pot_city(const pt_process_def *def);

/*
 * One ballot's approvals (n candidate indexes into def->candidates): the
 * district pot it names in *district (-1: none, city-wide or blank); refuses
 * (PT_ERR_INVALID, "Boleta inválida: ...") projects of two districts, a
 * project in no pot, and unless def->allow_over_budget a pot's projects
 * costing more than its budget. O(n). Nothing to do when def has no pots.
 */
pt_status pt_process_pots_ballot(const pt_process_def *def, const uint32_t *items, size_t n, int32_t *district,
	pt_error *err);

/* The same over a stored (canonical) approval text 'a,b'; an id of no candidate is PT_ERR_INVALID. */
pt_status pt_process_pots_canonical(const pt_process_def *def, const char *ballot, size_t len, int32_t *district,
	pt_error *err);

/*
 * Inside the cast's transaction: may a voter residing in territory (NULL:
 * none) cast a ballot whose district pot is district (-1: none)? The
 * ballot's district must hold the residence (PT_ERR_INVALID naming both); a
 * voter whose residence lies in no district of the process may cast only in
 * the city-wide pot, and not at all without one (PT_ERR_NOT_ALLOWED).
 */
pt_status pt_process_rule_pots(const pt_config *cfg, const pt_process_def *def, const char *territory,
	int32_t district, pt_error *err);

/*
 * Counts every pot of def from the whole profile all (approval ballots over
 * def's candidates, in their order) by def's method with options o (the
 * count's: budget and costs replaced per pot); r gets winners and ranking
 * (each pot's in pot order), details {budget, total_cost, budget_left,
 * ballots, pots: [{pot, name, city, budget, projects: {id => cost},
 * ballots, winners, total_cost, budget_left, details}]} and the
 * tie breaks (each with its pot). Memory O(ballots + candidates) per pot
 * at a time, through a. The engine's errors.
 */
pt_status pt_process_pots_count(const pt_process_def *def, const pt_profile *all, const pt_tally_options *o,
	const pt_allocator *a, pt_tally_result *r, pt_error *err);

#endif /* PT_PROCESS_POTS_H */
