/* Who may do what (ext/core/participant/permissions.h): stored role lists, territory-scoped assignments. */
#include "pt_test.h"
#include "core/participant/permissions.h"
#include "io/site/config_load.h"

static const char yaml[] =
	"site: { name: Prueba }\n"
	"database: { socket: /nonexistent.sock, name: t, user: u }\n"
	"territories:\n"
	"  - id: iztapalapa\n"
	"    name: Iztapalapa\n"
	"    children:\n"
	"      - id: dt-aculco\n"
	"        name: Aculco\n"
	"        children:\n"
	"          - { id: sm, name: San Miguel }\n"
	"      - { id: dt-otra, name: Otra }\n"
	"  - { id: coyoacan, name: Coyoacan }\n"
	"roles:\n"
	"  ciudadano: { can: [comment, react, flag, vote] }\n"
	"  moderador: { can: [moderate] }\n"
	"  moderador_auxiliar: { can: [react] }\n"
	"  enlace: { can: [record_assembly, enter_paper_ballots] }\n"
	"  funcionario: { can: [answer, update_commitment] }\n"
	"  observador: { can: [react] }\n"
	"assignments:\n"
	"  - { participant: 'wp:g', role: moderador }\n"
	"  - { participant: 'wp:8', role: funcionario, territory: dt-aculco }\n"
	"  - { participant: 'wp:8', role: enlace, territory: coyoacan }\n"
	"  - { participant: 'wp:8', role: enlace, territory: coyoacan, body: consejo }\n"
	"  - { participant: 'wp:9', role: observador, territory: sm }\n";

static pt_config *cfg;

static int32_t terr(const char *id)
{
	return pt_config_territory(cfg, id, strlen(id));
}

typedef struct names {
	char buf[512];
	int count;
} names;

static void collect(void *ctx, const pt_role *r)
{
	names *n = ctx;

	if (n->count++) {
		strcat(n->buf, " ");
	}
	strcat(n->buf, r->id);
}

PT_TEST(role_id_grammar)
{
	char big[PT_ROLE_ID_MAX + 2];

	PT_CHECK(pt_role_id_valid("moderador", 9));
	PT_CHECK(pt_role_id_valid("a.b:c-d_e", 9));
	PT_CHECK(pt_role_id_valid("9", 1));
	PT_CHECK(!pt_role_id_valid("", 0));
	PT_CHECK(!pt_role_id_valid("a,b", 3));
	PT_CHECK(!pt_role_id_valid("Moderador", 9));
	PT_CHECK(!pt_role_id_valid("-x", 2));
	PT_CHECK(!pt_role_id_valid("moderador ", 10));
	PT_CHECK(!pt_role_id_valid("mod\0x", 5));
	memset(big, 'a', sizeof(big));
	PT_CHECK(pt_role_id_valid(big, PT_ROLE_ID_MAX));
	PT_CHECK(!pt_role_id_valid(big, PT_ROLE_ID_MAX + 1));
}

#define DECODE(lit, buf) pt_roles_decode(lit, sizeof(lit) - 1, buf, sizeof(buf), &err)

PT_TEST(decode_whole_lists_only)
{
	char out[64], small[8];
	pt_error err;

	pt_error_clear(&err);
	PT_CHECK_EQ_INT(DECODE("2:enlace,moderador,", out), PT_OK);
	PT_CHECK_STR(out, "enlace,moderador");
	PT_CHECK_EQ_INT(DECODE("0:", out), PT_OK);
	PT_CHECK_STR(out, "");
	PT_CHECK_EQ_INT(pt_roles_decode(NULL, 0, out, sizeof(out), &err), PT_OK);
	PT_CHECK_STR(out, "");
	/* cut inside the last id: 'moderador_auxiliar' must not become 'moderador' */
	PT_CHECK_EQ_INT(DECODE("2:enlace,moderador", out), PT_ERR_DB);
	PT_CHECK_STR(out, "");
	/* cut after a terminator: a whole id lost */
	PT_CHECK_EQ_INT(DECODE("3:a,b,", out), PT_ERR_DB);
	/* an id holding the separator would split into two ids */
	PT_CHECK_EQ_INT(DECODE("1:x,moderador,", out), PT_ERR_DB);
	PT_CHECK_EQ_INT(DECODE("0:moderador,", out), PT_ERR_DB);
	/* no count: the old GROUP_CONCAT form is refused, not trusted */
	PT_CHECK_EQ_INT(DECODE("moderador", out), PT_ERR_DB);
	PT_CHECK_EQ_INT(DECODE(":moderador,", out), PT_ERR_DB);
	PT_CHECK_EQ_INT(DECODE("1", out), PT_ERR_DB);
	PT_CHECK_EQ_INT(DECODE("99999999999999999999999:", out), PT_ERR_DB);
	PT_CHECK_EQ_INT(pt_roles_decode("1:a\0,", 5, out, sizeof(out), &err), PT_ERR_DB);
	/* longer than the caller's buffer: refused, never truncated */
	PT_CHECK_EQ_INT(DECODE("2:abc,def,", small), PT_ERR_DB);
	PT_CHECK_STR(small, "");
	PT_CHECK_EQ_INT(DECODE("1:abcdef,", small), PT_OK);
	PT_CHECK_STR(small, "abcdef");
}

PT_TEST(decode_the_largest_list)
{
	static char text[PT_ROLES_TEXT_SIZE + 16], out[PT_ROLES_TEXT_SIZE];
	size_t len, i;
	pt_error err;

	len = (size_t)sprintf(text, "%d:", PT_ROLES_MAX);
	for (i = 0; i < PT_ROLES_MAX; i++) {
		memset(text + len, 'a' + (char)(i % 26), PT_ROLE_ID_MAX);
		len += PT_ROLE_ID_MAX;
		text[len++] = ',';
	}
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_roles_decode(text, len, out, sizeof(out), &err), PT_OK);
	PT_CHECK_EQ_INT(strlen(out), PT_ROLES_MAX * (PT_ROLE_ID_MAX + 1) - 1);
}

PT_TEST(iterate_skips_what_is_not_a_role_id)
{
	const char *p = "enlace,,Moderador,moderador ,x.y", *id;
	size_t len;

	PT_CHECK(pt_roles_next(&p, &id, &len));
	PT_CHECK(len == 6 && memcmp(id, "enlace", 6) == 0);
	PT_CHECK(pt_roles_next(&p, &id, &len));
	PT_CHECK(len == 3 && memcmp(id, "x.y", 3) == 0);
	PT_CHECK(!pt_roles_next(&p, &id, &len));
}

PT_TEST(stored_roles_act_everywhere)
{
	names n = { "", 0 };
	uint32_t p;

	p = pt_permissions(cfg, "wp:1", "moderador,observador", PT_SCOPE_NONE, collect, &n);
	PT_CHECK_EQ_INT(p, PT_PERM_MODERATE | PT_PERM_REACT);
	PT_CHECK_STR(n.buf, "moderador observador");
	PT_CHECK_EQ_INT(pt_permissions(cfg, "wp:1", "moderador", terr("sm"), NULL, NULL), PT_PERM_MODERATE);
	/* a prefix of a role is not the role; a role the YAML dropped grants nothing */
	PT_CHECK_EQ_INT(pt_permissions(cfg, "wp:1", "moderador_auxiliar", PT_SCOPE_NONE, NULL, NULL), PT_PERM_REACT);
	PT_CHECK_EQ_INT(pt_permissions(cfg, "wp:1", "rey", PT_SCOPE_NONE, NULL, NULL),
		PT_PERM_COMMENT | PT_PERM_REACT | PT_PERM_FLAG | PT_PERM_VOTE);
	/* no participant: the stored roles only */
	PT_CHECK_EQ_INT(pt_permissions(cfg, NULL, "", PT_SCOPE_NONE, NULL, NULL), 0);
}

PT_TEST(unscoped_assignment_acts_everywhere)
{
	names n = { "", 0 };

	PT_CHECK_EQ_INT(pt_permissions(cfg, "wp:g", NULL, PT_SCOPE_NONE, collect, &n), PT_PERM_MODERATE);
	PT_CHECK_STR(n.buf, "moderador");
	PT_CHECK_EQ_INT(pt_permissions(cfg, "wp:g", NULL, terr("coyoacan"), NULL, NULL), PT_PERM_MODERATE);
	PT_CHECK(!pt_permissions_scoped(cfg, "wp:g"));
	/* the same role stored and assigned is reported once */
	memset(&n, 0, sizeof(n));
	pt_permissions(cfg, "wp:g", "moderador", PT_SCOPE_NONE, collect, &n);
	PT_CHECK_STR(n.buf, "moderador");
}

PT_TEST(scoped_assignment_acts_only_inside)
{
	const uint32_t citizen = PT_PERM_COMMENT | PT_PERM_REACT | PT_PERM_FLAG | PT_PERM_VOTE;
	names n = { "", 0 };

	PT_CHECK(pt_permissions_scoped(cfg, "wp:8"));
	/* inside dt-aculco: the territory itself and below it */
	PT_CHECK_EQ_INT(pt_permissions(cfg, "wp:8", NULL, terr("dt-aculco"), NULL, NULL),
		PT_PERM_ANSWER | PT_PERM_UPDATE_COMMITMENT);
	PT_CHECK_EQ_INT(pt_permissions(cfg, "wp:8", NULL, terr("sm"), collect, &n),
		PT_PERM_ANSWER | PT_PERM_UPDATE_COMMITMENT);
	PT_CHECK_STR(n.buf, "funcionario");
	/* above it, beside it, or with no territory: it grants nothing, and
	 * wp:8 acts as anyone with no role there */
	PT_CHECK_EQ_INT(pt_permissions(cfg, "wp:8", NULL, terr("iztapalapa"), NULL, NULL), citizen);
	PT_CHECK_EQ_INT(pt_permissions(cfg, "wp:8", NULL, terr("dt-otra"), NULL, NULL), citizen);
	memset(&n, 0, sizeof(n));
	PT_CHECK_EQ_INT(pt_permissions(cfg, "wp:8", NULL, PT_SCOPE_NONE, collect, &n), citizen);
	PT_CHECK_STR(n.buf, "ciudadano");
	/* an index out of range is no territory */
	PT_CHECK_EQ_INT(pt_permissions(cfg, "wp:8", NULL, 100000, NULL, NULL), citizen);
	PT_CHECK_EQ_INT(pt_permissions(cfg, "wp:8", NULL, -7, NULL, NULL), citizen);
	/* the second territory, twice assigned (once for a body): reported once */
	memset(&n, 0, sizeof(n));
	PT_CHECK_EQ_INT(pt_permissions(cfg, "wp:8", NULL, terr("coyoacan"), collect, &n),
		PT_PERM_RECORD_ASSEMBLY | PT_PERM_ENTER_PAPER_BALLOTS);
	PT_CHECK_STR(n.buf, "enlace");
	/* stored roles still act with a scoped assignment beside them */
	PT_CHECK_EQ_INT(pt_permissions(cfg, "wp:8", "moderador", PT_SCOPE_NONE, NULL, NULL), PT_PERM_MODERATE);
	PT_CHECK_EQ_INT(pt_permissions(cfg, "wp:8", "moderador", terr("sm"), NULL, NULL),
		PT_PERM_MODERATE | PT_PERM_ANSWER | PT_PERM_UPDATE_COMMITMENT);
	/* a leaf scope: its parent is outside */
	PT_CHECK_EQ_INT(pt_permissions(cfg, "wp:9", NULL, terr("sm"), NULL, NULL), PT_PERM_REACT);
	PT_CHECK_EQ_INT(pt_permissions(cfg, "wp:9", NULL, terr("dt-aculco"), NULL, NULL), citizen);
	/* participants compare whole */
	PT_CHECK(!pt_permissions_scoped(cfg, "wp:"));
	PT_CHECK(!pt_permissions_scoped(cfg, "wp:88"));
	PT_CHECK(!pt_permissions_scoped(cfg, NULL));
}

PT_TEST(assignment_applies)
{
	size_t i;

	for (i = 0; i < cfg->assignment_count; i++) {
		const pt_assignment *a = &cfg->assignments[i];

		if (a->territory < 0) {
			PT_CHECK(pt_assignment_applies(cfg, a, PT_SCOPE_NONE));
		} else {
			PT_CHECK(!pt_assignment_applies(cfg, a, PT_SCOPE_NONE));
			PT_CHECK(pt_assignment_applies(cfg, a, a->territory));
		}
	}
}

int main(void)
{
	pt_diags diags = { 0 };

	if (pt_config_load_string("permissions.yaml", yaml, strlen(yaml), &cfg, &diags) != PT_OK) {
		size_t i;
		char line[512];

		for (i = 0; i < diags.count; i++) {
			pt_diag_format(&diags.items[i], line, sizeof(line));
			printf("%s\n", line);
		}
		return 1;
	}
	PT_RUN(role_id_grammar);
	PT_RUN(decode_whole_lists_only);
	PT_RUN(decode_the_largest_list);
	PT_RUN(iterate_skips_what_is_not_a_role_id);
	PT_RUN(stored_roles_act_everywhere);
	PT_RUN(unscoped_assignment_acts_everywhere);
	PT_RUN(scoped_assignment_acts_only_inside);
	PT_RUN(assignment_applies);
	pt_config_free(cfg);
	return pt_test_summary("test_permissions");
}
