/*
 * The site room's answers as pt_value trees, no server (core/site/site_view.h,
 * core/site/territory.h pt_territory_within_ids, core/participant/permissions.h
 * pt_permissions_actor): each tree read back as the JSON PHP would write for
 * the array the binding makes of it (core/common/json_write.h), and every
 * builder run against an allocator that fails at each allocation in turn
 * (NULL back, nothing leaked: ASan's leak check).
 */
#include "core/site/site_view.h"
#include "core/participant/permissions.h"
#include "core/common/json_write.h"
#include "pt_test.h"
#include "core/commitment/commitment.h"
#include "io/site/config_load.h"

static const char yaml[] =
	"site: { name: Prueba, timezone: America/Mexico_City }\n"
	"database: { socket: /nonexistent.sock, name: t, user: u }\n"
	"territories:\n"
	"  - id: municipio\n"
	"    name: Municipio\n"
	"    kind: municipio\n"
	"    children:\n"
	"      - { id: norte, name: Norte, children: [ { id: n1, name: N1 }, { id: n2, name: N2 } ] }\n"
	"      - { id: sur, name: Sur }\n"
	"  - { id: otro, name: Otro }\n"
	"roles:\n"
	"  ciudadano: { can: [comment, react] }\n"
	"  moderador: { name: Moderación, can: [moderate, comment] }\n"
	"  facilitador: { can: [comment], votes: false }\n"
	"assignments:\n"
	"  - { participant: 'wp:mod', role: moderador, territory: norte }\n"
	"  - { participant: 'wp:mod', role: facilitador, body: consejo }\n"
	"  - { participant: 'wp:otro', role: ciudadano }\n";

static pt_config *cfg;

/* An allocator that fails its fail_at-th allocation (0: none) and counts what is live. */
static long live, calls, fail_at;

static void *f_alloc(size_t size, void *ctx)
{
	(void)ctx;
	if (++calls == fail_at) {
		return NULL;
	}
	live++;
	return malloc(size);
}

static void *f_realloc(void *ptr, size_t size, void *ctx)
{
	void *p;

	(void)ctx;
	if (++calls == fail_at) {
		return NULL;    /* ptr stays the caller's */
	}
	if ((p = realloc(ptr, size)) && !ptr) {
		live++;
	}
	return p;
}

static void f_free(void *ptr, void *ctx)
{
	(void)ctx;
	if (ptr) {
		live--;
	}
	free(ptr);
}

static const pt_allocator failing = { f_alloc, f_realloc, f_free, NULL };

PT_TEST(info_roles_names)
{
	char j[2048];

	PT_CHECK_STR(pt_test_json(pt_site_info_value(cfg, NULL), j, sizeof(j)),
		"{\"name\":\"Prueba\",\"locale\":\"es_MX\",\"timezone\":\"America/Mexico_City\",\"config\":\"view.yaml\","
		"\"database\":\"t\",\"territories\":6,\"roles\":3,\"assignments\":3}");
	PT_CHECK_STR(pt_test_json(pt_site_roles_value(cfg, NULL), j, sizeof(j)),
		"{\"ciudadano\":{\"name\":\"ciudadano\",\"permissions\":[\"comment\",\"react\"],\"votes\":true},"
		"\"moderador\":{\"name\":\"Moderación\",\"permissions\":[\"comment\",\"moderate\"],\"votes\":true},"
		"\"facilitador\":{\"name\":\"facilitador\",\"permissions\":[\"comment\"],\"votes\":false}}");
	PT_CHECK_STR(pt_test_json(pt_permission_names_value(PT_PERM_VOTE | PT_PERM_COMMENT | (1u << 31), NULL), j, sizeof(j)),
		"[\"comment\",\"vote\"]");
	PT_CHECK_STR(pt_test_json(pt_permission_names_value(0, NULL), j, sizeof(j)), "[]");
}

PT_TEST(territories_in_declaration_order)
{
	char j[2048];
	pt_error err;
	bool within = false;

	PT_CHECK_STR(pt_test_json(pt_territories_value(&cfg->territories, NULL), j, sizeof(j)),
		"[{\"id\":\"municipio\",\"name\":\"Municipio\",\"kind\":\"municipio\",\"children\":["
		"{\"id\":\"norte\",\"name\":\"Norte\",\"kind\":null,\"children\":["
		"{\"id\":\"n1\",\"name\":\"N1\",\"kind\":null,\"children\":[]},"
		"{\"id\":\"n2\",\"name\":\"N2\",\"kind\":null,\"children\":[]}]},"
		"{\"id\":\"sur\",\"name\":\"Sur\",\"kind\":null,\"children\":[]}]},"
		"{\"id\":\"otro\",\"name\":\"Otro\",\"kind\":null,\"children\":[]}]");
	PT_CHECK_STR(pt_test_json(pt_territory_value(&cfg->territories, pt_territory_find(&cfg->territories, "n2", 2), NULL),
		j, sizeof(j)), "{\"id\":\"n2\",\"name\":\"N2\",\"kind\":null,\"parent\":\"norte\",\"depth\":2}");
	PT_CHECK_STR(pt_test_json(pt_territory_value(&cfg->territories, 0, NULL), j, sizeof(j)),
		"{\"id\":\"municipio\",\"name\":\"Municipio\",\"kind\":\"municipio\",\"parent\":null,\"depth\":0}");
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_territory_within_ids(&cfg->territories, "n1", 2, "municipio", 9, &within, &err), PT_OK);
	PT_CHECK(within);
	PT_CHECK_EQ_INT(pt_territory_within_ids(&cfg->territories, "n1", 2, "sur", 3, &within, &err), PT_OK);
	PT_CHECK(!within);
	PT_CHECK_EQ_INT(pt_territory_within_ids(&cfg->territories, "n1", 2, "nada", 4, &within, &err), PT_ERR_NOT_FOUND);
	PT_CHECK_STR(err.message, "no territory with id 'nada' in the configuration");
	/* by length: "n1x" cut to 2 bytes is n1 */
	PT_CHECK_EQ_INT(pt_territory_within_ids(&cfg->territories, "n1x", 2, "norte", 5, &within, &err), PT_OK);
	PT_CHECK(within);
}

PT_TEST(assignments_and_diags)
{
	char j[2048];
	pt_diags d;

	PT_CHECK_STR(pt_test_json(pt_assignments_value(cfg, "wp:mod", NULL), j, sizeof(j)),
		"[{\"role\":\"moderador\",\"territory\":\"norte\",\"body\":null},"
		"{\"role\":\"facilitador\",\"territory\":null,\"body\":\"consejo\"}]");
	PT_CHECK_STR(pt_test_json(pt_assignments_value(cfg, "wp:nadie", NULL), j, sizeof(j)), "[]");
	pt_diags_init(&d);
	pt_diags_add(&d, "a.yaml", 3, 7, "mal: %s", "x");
	pt_diags_add(&d, NULL, 0, 0, "sin archivo");
	PT_CHECK_STR(pt_test_json(pt_diags_value(&d, NULL), j, sizeof(j)),
		"[{\"file\":\"a.yaml\",\"line\":3,\"column\":7,\"message\":\"mal: x\"},"
		"{\"file\":\"\",\"line\":0,\"column\":0,\"message\":\"sin archivo\"}]");
	pt_diags_free(&d);
}

static void count_role(void *ctx, const pt_role *r)
{
	(void)r;
	(*(int *)ctx)++;
}

PT_TEST(actor_permissions)
{
	int32_t norte = pt_territory_find(&cfg->territories, "norte", 5), sur = pt_territory_find(&cfg->territories, "sur", 3);
	pt_participant_facts mod = { "wp:mod", false, NULL, NULL }, banned = { "wp:mod", true, "moderador", NULL };
	int n = 0;

	/* scoped moderate acts in norte, not in sur, and a move from norte to sur needs both */
	PT_CHECK(pt_permissions_actor(cfg, &mod, norte, norte, count_role, &n) & PT_PERM_MODERATE);
	PT_CHECK_EQ_INT(n, 2);
	PT_CHECK(!(pt_permissions_actor(cfg, &mod, sur, sur, NULL, NULL) & PT_PERM_MODERATE));
	PT_CHECK(!(pt_permissions_actor(cfg, &mod, norte, sur, NULL, NULL) & PT_PERM_MODERATE));
	PT_CHECK(pt_permissions_actor(cfg, &mod, norte, sur, NULL, NULL) & PT_PERM_COMMENT);
	n = 0;
	PT_CHECK_EQ_INT(pt_permissions_actor(cfg, &banned, norte, norte, count_role, &n), 0);
	PT_CHECK_EQ_INT(n, 0);
}

static pt_value *build(int which, const pt_diags *d)
{
	switch (which) {
	case 0: return pt_site_info_value(cfg, &failing);
	case 1: return pt_site_roles_value(cfg, &failing);
	case 2: return pt_territories_value(&cfg->territories, &failing);
	case 3: return pt_territory_value(&cfg->territories, 2, &failing);
	case 4: return pt_diags_value(d, &failing);
	case 5: return pt_assignments_value(cfg, "wp:mod", &failing);
	default: return pt_permission_names_value(0x7ff, &failing);
	}
}

/* Every builder, failing at each of its allocations in turn: NULL, and nothing left behind. */
PT_TEST(out_of_memory_everywhere)
{
	pt_diags d;
	pt_value *v;
	long total, k;
	int which;

	pt_diags_init(&d);
	pt_diags_add(&d, "a.yaml", 1, 1, "x");
	for (which = 0; which < 7; which++) {
		live = calls = fail_at = 0;
		v = build(which, &d);
		PT_CHECK(v != NULL);
		total = calls;
		pt_value_free(v);
		PT_CHECK_EQ_INT(live, 0);
		PT_CHECK(total > 2);
		for (k = 1; k <= total; k++) {
			live = calls = 0;
			fail_at = k;
			v = build(which, &d);
			PT_CHECK(v == NULL);
			pt_value_free(v);
			PT_CHECK_EQ_INT(live, 0);
		}
	}
	fail_at = 0;
	pt_diags_free(&d);
}

int main(void)
{
	pt_diags diags;

	setvbuf(stdout, NULL, _IOLBF, 0);
	pt_diags_init(&diags);
	if (pt_config_load_string("view.yaml", yaml, strlen(yaml), &cfg, &diags) != PT_OK) {
		printf("  config: %s\n", diags.count ? diags.items[0].message : "?");
		pt_diags_free(&diags);
		printf("test_site_view: 0 passed, 1 failed\n");
		return 1;
	}
	pt_diags_free(&diags);
	PT_RUN(info_roles_names);
	PT_RUN(territories_in_declaration_order);
	PT_RUN(assignments_and_diags);
	PT_RUN(actor_permissions);
	PT_RUN(out_of_memory_everywhere);
	pt_config_free(cfg);
	return pt_test_summary("test_site_view");
}
