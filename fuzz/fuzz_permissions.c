/*
 * libFuzzer target: stored role lists and permissions (ext/core/participant/permissions.h).
 *
 *   make -C tests/c /work/main/out/fuzz/fuzz_permissions
 *   out/fuzz/fuzz_permissions -max_total_time=60 fuzz/corpus/permissions
 *
 * Input: byte 0 picks the action's territory, byte 1 the participant, the
 * rest is a stored role list as the database returns it ("N:id,id,").
 * Checks, against a fixed configuration:
 *   - pt_roles_decode() never writes past its buffer, refuses or returns a
 *     list made of exactly N whole pieces of the input;
 *   - pt_permissions() grants only the permissions of roles named whole in
 *     the decoded list, of assignments that apply to the territory, or of the
 *     default role when nothing else applies (a naive reference recomputes it);
 *   - a territory-scoped assignment never acts outside its territory;
 *   - eligibility (core/participant/eligibility.h): whoever votes in a
 *     process open to a territory holds `vote` for an action there.
 */
#include "core/participant/permissions.h"
#include "core/participant/eligibility.h"
#include "io/site/config_load.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char yaml[] =
	"site: { name: Fuzz }\n"
	"database: { socket: /nonexistent.sock, name: t, user: u }\n"
	"territories:\n"
	"  - { id: a, name: A }\n"
	"  - { id: a1, name: A1, parent: a }\n"
	"  - { id: a11, name: A11, parent: a1 }\n"
	"  - { id: b, name: B }\n"
	"roles:\n"
	"  ciudadano: { can: [comment, vote] }\n"
	"  m: { can: [moderate] }\n"
	"  mo: { can: [answer] }\n"
	"  mod: { can: [record_assembly] }\n"
	"  moderador: { can: [enter_paper_ballots] }\n"
	"  x.y: { can: [update_commitment] }\n"
	"  z: { can: [manage_processes] }\n"
	"assignments:\n"
	"  - { participant: 'p0', role: m, territory: a1 }\n"
	"  - { participant: 'p0', role: z }\n"
	"  - { participant: 'p1', role: moderador, territory: b }\n"
	"  - { participant: 'p1', role: mo, territory: a11 }\n"
	"  - { participant: 'p2', role: x.y }\n"
	"  - { participant: 'p3', role: m, territory: a11 }\n"
	"processes:\n"
	"  - { id: en-a1, title: A1, kind: poll, method: plurality, territory: a1, candidates: [s, n],\n"
	"      phases: { voting: [2020-01-01, 2099-12-31] } }\n";

static pt_config *cfg;
static const char *const participants[] = { "p0", "p1", "p2", "p3", NULL };

/* The reference: one pass, written differently from the core. */
static uint32_t reference(const char *participant, const char *list, int32_t territory)
{
	uint32_t perms = 0;
	size_t i, used = 0;
	char piece[PT_ROLES_TEXT_SIZE];
	const char *s = list;

	while (*s) {
		size_t n = strcspn(s, ",");

		memcpy(piece, s, n);
		piece[n] = '\0';
		for (i = 0; pt_role_id_valid(piece, n) && i < cfg->role_count; i++) {
			if (strcmp(cfg->roles[i].id, piece) == 0) {
				perms |= cfg->roles[i].permissions;
				used++;
			}
		}
		s += n + (s[n] == ',');
	}
	for (i = 0; participant && i < cfg->assignment_count; i++) {
		const pt_assignment *a = &cfg->assignments[i];
		const pt_territory_tree *t = &cfg->territories;
		bool inside = a->territory < 0 || (territory >= 0 && t->items[territory].pre >= t->items[a->territory].pre
			&& t->items[territory].post <= t->items[a->territory].post);

		if (strcmp(a->participant, participant) == 0 && inside) {
			perms |= cfg->roles[a->role].permissions;
			used++;
		}
	}
	if (!used && participant) {
		for (i = 0; i < cfg->role_count; i++) {
			if (strcmp(cfg->roles[i].id, PT_DEFAULT_ROLE) == 0) {
				perms = cfg->roles[i].permissions;
			}
		}
	}
	return perms;
}

static void count_role(void *ctx, const pt_role *r)
{
	(void)r;
	(*(size_t *)ctx)++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pt_diags diags = { 0 };
	char *out;
	size_t out_size, reported = 0;
	int32_t territory;
	const char *participant;
	pt_error err;
	uint32_t got;

	if (!cfg && pt_config_load_string("fuzz.yaml", yaml, strlen(yaml), &cfg, &diags) != PT_OK) {
		abort();
	}
	if (size < 2) {
		return 0;
	}
	territory = (int32_t)(data[0] % 7) - 1;          /* -1 .. 5: none, a, a1, a11, b, out of range */
	participant = participants[data[1] % 5];
	data += 2;
	size -= 2;
	/* an exact-size heap buffer, so ASan sees any write past it */
	out_size = size % 97 + 1;
	if (size && (data[0] & 1)) {
		out_size = PT_ROLES_TEXT_SIZE;
	}
	out = malloc(out_size);
	pt_error_clear(&err);
	if (pt_roles_decode((const char *)data, size, out, out_size, &err) != PT_OK) {
		if (err.code != PT_ERR_DB || out[0] != '\0') {
			abort();
		}
	} else {
		size_t len = strlen(out), commas = 0, i;
		uint64_t n = strtoull((const char *)data, NULL, 10);

		/* the decoded list is the input after the prefix, less the final ',' */
		if (size && (len >= out_size || memcmp(out, memchr(data, ':', size) + 1, len) != 0)) {
			abort();
		}
		for (i = 0; i < len; i++) {
			commas += out[i] == ',';
		}
		if (size && (n == 0 ? len != 0 : commas + 1 != n)) {
			abort();
		}
	}
	got = pt_permissions(cfg, participant, out, territory, count_role, &reported);
	if (got != reference(participant, out, territory < (int32_t)cfg->territories.count ? territory : -1)) {
		abort();
	}
	if (reported > cfg->role_count) {
		abort();   /* each role at most once */
	}
	/* the scoped moderator p0 (m in a1) never moderates outside a1 */
	if (participant && strcmp(participant, "p0") == 0 && !strstr(out, "m") && (got & PT_PERM_MODERATE)
		&& !(territory == 1 || territory == 2)) {
		abort();
	}
	if (participant) {
		const pt_process_def *def = pt_config_process(cfg, "en-a1", 5);
		pt_capacity cap = pt_eligibility_capacity(cfg, def, participant, out);

		if (cap.vote && !(pt_permissions(cfg, participant, out, def->territory, NULL, NULL) & PT_PERM_VOTE)) {
			abort();
		}
		/* p3's m is scoped to a11, below the process's a1: it does not act there, so
		 * with no stored role p3 votes with the default role */
		if (strcmp(participant, "p3") == 0 && !out[0] && (!cap.vote || strcmp(cap.vote->id, PT_DEFAULT_ROLE))) {
			abort();
		}
	}
	free(out);
	return 0;
}
