/* Unit tests for the configuration validator (ext/core/site/site_config.c), the
 * territory tree (ext/core/site/territory.c) and ext/io/site/config_load.c. */
#include "pt_test.h"
#include "core/site/site_config.h"
#include "io/site/config_load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The examples live at the repository root; tests may run from the root
 * (scripts) or from tests/c (make). */
static int goto_root(void)
{
	static const char *const candidates[] = { ".", "../..", "..", NULL };
	size_t i;

	for (i = 0; candidates[i]; i++) {
		char probe[256];

		snprintf(probe, sizeof(probe), "%s/examples/sample-municipality.yaml", candidates[i]);
		if (access(probe, R_OK) == 0) {
			return chdir(candidates[i]);
		}
	}
	return -1;
}

static pt_diags diags;
static pt_config *cfg;

static void reset(void)
{
	pt_config_free(cfg);
	cfg = NULL;
	pt_diags_free(&diags);
	pt_diags_init(&diags);
}

static pt_status build(const char *yaml)
{
	reset();
	return pt_config_load_string("c.yaml", yaml, strlen(yaml), &cfg, &diags);
}

static void print_diags(void)
{
	size_t i;

	for (i = 0; i < diags.count; i++) {
		char buf[2048];

		pt_diag_format(&diags.items[i], buf, sizeof(buf));
		printf("    | %s\n", buf);
	}
}

/* Does diagnostic i sit at line:column and contain fragment? */
static int diag_is(size_t i, unsigned line, unsigned column, const char *fragment)
{
	if (i >= diags.count) {
		printf("  no diagnostic #%zu (have %zu)\n", i, diags.count);
		print_diags();
		return 0;
	}
	if (diags.items[i].line != line || diags.items[i].column != column
		|| !strstr(diags.items[i].message, fragment) || strcmp(diags.items[i].file, "c.yaml") != 0) {
		printf("  diagnostic #%zu is %u:%u: %s\n  wanted %u:%u: ...%s...\n", i, diags.items[i].line,
			diags.items[i].column, diags.items[i].message, line, column, fragment);
		return 0;
	}
	return 1;
}

/* A valid head to which tests append the section they exercise. */
#define HEAD \
	"site:\n" \
	"  name: Prueba\n" \
	"database:\n" \
	"  socket: /run/mysqld/mysqld.sock\n" \
	"  name: participa\n" \
	"  user: participa\n"
/* HEAD is 6 lines: the first appended line is line 7. */

static int32_t tid(const char *id)
{
	return pt_config_territory(cfg, id, strlen(id));
}

PT_TEST(sample_is_valid)
{
	const pt_role *r;
	int32_t izt, teo, acu, smt, mz1;

	reset();
	PT_CHECK_EQ_INT(pt_config_load_file("examples/sample-municipality.yaml", &cfg, &diags), PT_OK);
	if (!cfg) {
		print_diags();
		return;
	}
	PT_CHECK_EQ_INT(diags.count, 0);
	PT_CHECK_STR(cfg->file, "examples/sample-municipality.yaml");
	PT_CHECK_STR(cfg->site_name, "Alcaldía Iztapalapa");
	PT_CHECK_STR(cfg->locale, "es_MX");
	PT_CHECK_STR(cfg->timezone, "America/Mexico_City");
	PT_CHECK(cfg->timezone_line > 0 && cfg->timezone_column == 13);
	PT_CHECK_STR(cfg->db.socket, "/tmp/participa-demo/mysqld.sock");
	PT_CHECK(cfg->db.host == NULL && cfg->db.password_env == NULL);
	PT_CHECK_STR(cfg->db.name, "participa_demo");
	PT_CHECK_STR(cfg->db.user, "root");
	PT_CHECK_EQ_INT(cfg->territories.count, 16);
	PT_CHECK_EQ_INT(cfg->role_count, 5);
	PT_CHECK_EQ_INT(cfg->assignment_count, 6);

	r = pt_config_role(cfg, "facilitador");
	PT_CHECK(r && !r->votes && (r->permissions & PT_PERM_COMMENT) && !(r->permissions & PT_PERM_VOTE));
	r = pt_config_role(cfg, "ciudadano");
	PT_CHECK(r && r->votes && (r->permissions & PT_PERM_VOTE) && (r->permissions & PT_PERM_PROPOSE));
	PT_CHECK(r && strcmp(r->name, "Ciudadana o ciudadano") == 0);
	PT_CHECK(pt_config_role(cfg, "nadie") == NULL);

	izt = tid("iztapalapa");
	teo = tid("dt-teotongo-acahualtepec");
	acu = tid("dt-aculco");
	smt = tid("san-miguel-teotongo");
	mz1 = tid("smt-mz-001");
	PT_CHECK(izt == 0 && teo > 0 && acu > 0 && smt > 0 && mz1 > 0);
	if (izt < 0 || teo < 0 || acu < 0 || smt < 0 || mz1 < 0) {
		return;
	}
	/* flat blocks end up under their colonia */
	PT_CHECK(pt_territory_within(&cfg->territories, mz1, smt));
	PT_CHECK(pt_territory_within(&cfg->territories, mz1, teo));
	PT_CHECK(pt_territory_within(&cfg->territories, mz1, izt));
	PT_CHECK(!pt_territory_within(&cfg->territories, mz1, acu));
	PT_CHECK(!pt_territory_within(&cfg->territories, izt, mz1));
	PT_CHECK(pt_territory_within(&cfg->territories, smt, smt));
	PT_CHECK_EQ_INT(cfg->territories.items[mz1].depth, 3);
	PT_CHECK_EQ_INT(cfg->territories.items[mz1].parent, smt);
	PT_CHECK_STR(cfg->territories.items[mz1].kind, "manzana");
	/* items are in pre-order: parents before children */
	PT_CHECK(cfg->territories.items[mz1].parent < mz1);

	PT_CHECK_STR(cfg->assignments[0].participant, "wp:3");
	PT_CHECK_STR(cfg->roles[cfg->assignments[0].role].id, "facilitador");
	PT_CHECK_EQ_INT(cfg->assignments[0].territory, izt);
	PT_CHECK_STR(cfg->assignments[0].body, "secretariado-tecnico");
	PT_CHECK_EQ_INT(cfg->assignments[3].territory, smt);
	PT_CHECK_EQ_INT(cfg->assignments[5].territory, -1);
	PT_CHECK(cfg->assignments[5].body == NULL);
}

PT_TEST(defaults)
{
	PT_CHECK_EQ_INT(build(HEAD), PT_OK);
	if (!cfg) {
		print_diags();
		return;
	}
	PT_CHECK_STR(cfg->locale, "es_MX");
	PT_CHECK_STR(cfg->timezone, "America/Mexico_City");
	PT_CHECK_EQ_INT(cfg->timezone_line, 0);
	PT_CHECK_EQ_INT(cfg->db.connect_timeout, 5);
	PT_CHECK_EQ_INT(cfg->db.port, 0);
	PT_CHECK_EQ_INT(cfg->territories.count, 0);
	PT_CHECK_EQ_INT(cfg->role_count, 0);
	PT_CHECK_EQ_INT(tid("x"), -1);
}

/* site: with templates: on line 3, then a database */
#define SITE_T "site:\n  name: Prueba\n  templates: "
#define DB_T "database: {socket: /s, name: p, user: u}\n"

PT_TEST(site_templates_folder)
{
	/* relative to the YAML file's folder; absolute as given; absent is NULL */
	reset();
	PT_CHECK_EQ_INT(pt_config_load_string("sites/izt/participa.yaml", "site: {name: X, templates: plantillas}\n"
		"database: {socket: /s, name: p, user: u}\n", 80, &cfg, &diags), PT_OK);
	PT_CHECK(cfg && cfg->templates_dir && strcmp(cfg->templates_dir, "sites/izt/plantillas") == 0);
	PT_CHECK(cfg && cfg->templates_line == 1 && cfg->templates_column == 28);
	PT_CHECK_EQ_INT(build(SITE_T "/srv/participa/plantillas\n" DB_T), PT_OK);
	PT_CHECK(cfg && cfg->templates_dir && strcmp(cfg->templates_dir, "/srv/participa/plantillas") == 0);
	PT_CHECK_EQ_INT(build(SITE_T "../comun\n" DB_T), PT_OK);
	PT_CHECK(cfg && cfg->templates_dir && strcmp(cfg->templates_dir, "../comun") == 0);   /* c.yaml: in . */
	PT_CHECK_EQ_INT(build("site:\n  name: Prueba\n" DB_T), PT_OK);
	PT_CHECK(cfg && cfg->templates_dir == NULL);
	/* text on one line, not empty, not a list */
	PT_CHECK_EQ_INT(build(SITE_T "[a, b]\n" DB_T), PT_ERR_CONFIG);
	PT_CHECK(diag_is(0, 3, 14, "site.templates: expected text"));
	PT_CHECK_EQ_INT(build(SITE_T "\"\"\n" DB_T), PT_ERR_CONFIG);
	PT_CHECK(diag_is(0, 3, 14, "site.templates must not be empty"));
	PT_CHECK_EQ_INT(build(SITE_T "\"a\\nb\"\n" DB_T), PT_ERR_CONFIG);
	PT_CHECK(diag_is(0, 3, 14, "site.templates must be one line"));
}

PT_TEST(host_port_and_options)
{
	PT_CHECK_EQ_INT(build("site: {name: X, locale: en, timezone: UTC}\n"
		"database: {host: db.example.org, port: 3307, name: p$1, user: u, password_env: PT_PW, connect_timeout: 30}\n"
		"territories:\nroles:\nassignments:\n"), PT_OK);
	if (!cfg) {
		print_diags();
		return;
	}
	PT_CHECK_STR(cfg->locale, "en");
	PT_CHECK_STR(cfg->timezone, "UTC");
	PT_CHECK_STR(cfg->db.host, "db.example.org");
	PT_CHECK_EQ_INT(cfg->db.port, 3307);
	PT_CHECK_STR(cfg->db.name, "p$1");
	PT_CHECK_STR(cfg->db.password_env, "PT_PW");
	PT_CHECK_EQ_INT(cfg->db.connect_timeout, 30);
}

PT_TEST(empty_file)
{
	PT_CHECK_EQ_INT(build(""), PT_ERR_CONFIG);
	PT_CHECK_EQ_INT(diags.count, 1);
	PT_CHECK(diag_is(0, 1, 1, "the configuration file is empty"));
	PT_CHECK(cfg == NULL);
	PT_CHECK_EQ_INT(build("# nothing but comments\n"), PT_ERR_CONFIG);
	PT_CHECK(diag_is(0, 1, 1, "the configuration file is empty"));
	PT_CHECK_EQ_INT(build("---\n"), PT_ERR_CONFIG);
	PT_CHECK(diag_is(0, 1, 1, "the configuration file is empty"));
}

PT_TEST(root_must_be_mapping)
{
	PT_CHECK_EQ_INT(build("- site\n- database\n"), PT_ERR_CONFIG);
	PT_CHECK_EQ_INT(diags.count, 1);
	PT_CHECK(diag_is(0, 1, 1, "must be a mapping of sections"));
}

/* Issue 13, item 4: a quoted key may hold a NUL byte. Keys are compared by
 * length first: the old in_list() matched "name\0..." against "name" with
 * strncmp() and then read past the end of "name" (ASan: global buffer
 * overflow). Such a key is unknown, quoted with '?' for the NUL. */
PT_TEST(nul_bytes_in_keys)
{
	static const char yaml[] =
		"site:\n"
		"  name: Prueba\n"
		"  \"name\\0with a tail longer than the known key\": x\n"          /* 3 */
		"\"site\\0\": 1\n"                                                  /* 4 */
		"database:\n"
		"  socket: /run/mysqld/mysqld.sock\n"
		"  name: participa\n"
		"  user: participa\n"
		"  \"password\\0\": x\n"                                            /* 9 */
		"roles:\n"
		"  \"ciudadano\\0\": { can: [comment], \"votes\\0\": true }\n"  /* 11 */
		"threads:\n"
		"  subjects: { \"post\\0\": {} }\n";                                /* 13 */

	reset();
	PT_CHECK_EQ_INT(pt_config_load_string("c.yaml", yaml, sizeof(yaml) - 1, &cfg, &diags), PT_ERR_CONFIG);
	PT_CHECK(diag_is(0, 3, 3, "unknown key 'name?with a tail longer than the known key' in site"));
	PT_CHECK(diag_is(1, 4, 1, "unknown key 'site?' at the top level"));
	PT_CHECK(diag_is(2, 9, 3, "unknown key 'password?' in database"));
	PT_CHECK(diag_is(3, 11, 3, "role id 'ciudadano?' is not valid"));
	PT_CHECK(diag_is(4, 11, 36, "unknown key 'votes?' in role 'ciudadano?'"));
	PT_CHECK(diag_is(5, 13, 15, "subject type 'post?' is not valid"));
	PT_CHECK_EQ_INT(diags.count, 6);
}

/* Issue 13, item 4: a file that is not a participa configuration is one
 * diagnostic that quotes nothing of it. */
PT_TEST(not_a_configuration_quotes_nothing)
{
	static const char *const files[] = {
		"root:$6$hunter2salt$c2VjcmV0LWhhc2g:19800:0:99999:7:::\nparticipa:$6$x$y:19800:0:99999:7:::\n",
		"DB_PASSWORD=hunter2-secreto\nAPI_KEY=hunter2-clave\n",
		"{\"password\": \"hunter2-secreto\", \"token\": [\"hunter2\"]}\n",
		"- hunter2-secreto\n- otra\n",
		"clave: &hunter2 x\notra: *hunter2\n",
		"clave: !hunter2 x\n",
		"hunter2: 1\nhunter2: 2\n",
		"clave: \"hunter2\xff\"\n",
		"<?php\n$password = 'hunter2';\n",
	};
	size_t i, k;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		PT_CHECK(build(files[i]) != PT_OK);
		PT_CHECK_EQ_INT(diags.count, 1);
		for (k = 0; k < diags.count; k++) {
			if (strstr(diags.items[k].message, "hunter2") || strstr(diags.items[k].message, "c2VjcmV0")) {
				PT_FAIL_AT("file %zu quoted: %s", i, diags.items[k].message);
			}
		}
	}
	/* a configuration is quoted as before */
	PT_CHECK_EQ_INT(build(HEAD "hunter2: 1\n"), PT_ERR_CONFIG);
	PT_CHECK(diag_is(0, 7, 1, "unknown key 'hunter2' at the top level"));
}

/* Issue 13, item 4 (beyond the list): what a hostile or mistaken file can
 * declare is capped, each cap a diagnostic. */
PT_TEST(caps)
{
	size_t cap = 300 * 40 + 512, len, i;
	char *yaml = malloc(cap);

	len = (size_t)snprintf(yaml, cap, HEAD "roles:\n");
	for (i = 0; i < PT_CONFIG_MAX_ROLES + 1; i++) {
		len += (size_t)snprintf(yaml + len, cap - len, "  r%zu: { can: [comment] }\n", i);
	}
	PT_CHECK_EQ_INT(build(yaml), PT_ERR_CONFIG);
	PT_CHECK(diag_is(0, 8, 3, "roles: 257 roles declared; at most 256 are allowed"));
	len = (size_t)snprintf(yaml, cap, HEAD "moderation:\n  rules:\n");
	for (i = 0; i < PT_CONFIG_MAX_RULES + 1; i++) {
		len += (size_t)snprintf(yaml + len, cap - len, "    - { name: r%zu, pattern: x, action: hold }\n", i);
	}
	PT_CHECK_EQ_INT(build(yaml), PT_ERR_CONFIG);
	PT_CHECK(diag_is(0, 9, 5, "moderation.rules: 257 rules; at most 256 are allowed"));
	free(yaml);
	PT_CHECK_EQ_INT(build(HEAD "moderation:\n  mask: '" "0123456789012345678901234567890123456789012345678901234567890123456789"
		"0123456789012345678901234567890123456789012345678901234567890123456789"
		"0123456789012345678901234567890123456789012345678901234567890123456789'\n"), PT_ERR_CONFIG);
	PT_CHECK(diag_is(0, 8, 9, "moderation.mask is longer than 200 characters"));
}

/* At most PT_DIAGS_MAX diagnostics are kept; one more line says how many
 * were left out. */
PT_TEST(diagnostics_are_capped)
{
	size_t n = 3000, cap = n * 64 + 512, len, i;
	char *yaml = malloc(cap);

	len = (size_t)snprintf(yaml, cap, HEAD "assignments:\n");
	for (i = 0; i < n; i++) {
		len += (size_t)snprintf(yaml + len, cap - len, "  - { participant: 'wp:%zu', role: nada }\n", i);
	}
	PT_CHECK_EQ_INT(build(yaml), PT_ERR_CONFIG);
	free(yaml);
	PT_CHECK_EQ_INT(diags.count, PT_DIAGS_MAX);
	PT_CHECK(diag_is(PT_DIAGS_MAX - 2, 8 + PT_DIAGS_MAX - 2, 36, "unknown role 'nada'"));
	PT_CHECK(diag_is(PT_DIAGS_MAX - 1, 0, 0, "2001 more problems are not listed (only the first 999 are)"));
}

PT_TEST(syntax_error_is_one_diagnostic)
{
	PT_CHECK_EQ_INT(build("site:\n  name: a: b\n"), PT_ERR_CONFIG);
	PT_CHECK_EQ_INT(diags.count, 1);
	PT_CHECK(diag_is(0, 2, 10, "invalid YAML"));
}

PT_TEST(missing_sections)
{
	PT_CHECK_EQ_INT(build("roles: {}\n"), PT_ERR_CONFIG);
	PT_CHECK_EQ_INT(diags.count, 2);
	PT_CHECK(diag_is(0, 1, 1, "missing required section 'site'"));
	PT_CHECK(diag_is(1, 1, 1, "missing required section 'database'"));
}

PT_TEST(unknown_keys_everywhere)
{
	PT_CHECK_EQ_INT(build(
		"site:\n"
		"  nmae: X\n"                                  /* 2 */
		"database:\n"
		"  socket: /s\n"
		"  name: p\n"
		"  user: u\n"
		"  usr: v\n"                                   /* 7 */
		"territories:\n"
		"  - {id: a, name: A, kids: []}\n"             /* 9 */
		"roles:\n"
		"  r: {can: [comment], vote: true}\n"          /* 11 */
		"assignments:\n"
		"  - {participant: 'wp:1', role: r, where: a}\n" /* 13 */
		"fooo: 1\n"                                    /* 14 */
		"processes: [{id: p, title: P, kind: poll, method: plurality, candidates: [a], "
		"phases: {voting: [2026-01-01, 2026-01-02]}, colour: red}]\n"), PT_ERR_CONFIG); /* 15 */
	PT_CHECK_EQ_INT(diags.count, 8);
	PT_CHECK(diag_is(0, 2, 3, "unknown key 'nmae' in site; expected one of: name, locale, timezone, templates"));
	PT_CHECK(diag_is(1, 2, 3, "missing required key 'name' in site"));
	PT_CHECK(diag_is(2, 7, 3, "unknown key 'usr' in database; expected one of: socket, host, port, name, user, password_env, connect_timeout"));
	PT_CHECK(diag_is(3, 9, 22, "unknown key 'kids' in territory 'a'; expected one of: id, name, kind, children, parent"));
	PT_CHECK(diag_is(4, 11, 23, "unknown key 'vote' in role 'r'; expected one of: name, can, votes"));
	PT_CHECK(diag_is(5, 13, 36, "unknown key 'where' in assignment; expected one of: participant, role, territory, body"));
	PT_CHECK(diag_is(6, 14, 1, "unknown key 'fooo' at the top level; expected one of: site, database, territories, roles, assignments"));
	PT_CHECK(diag_is(7, 15, 123, "unknown key 'colour' in process 'p'; expected one of: id, title, kind"));
}

PT_TEST(future_sections)
{
	/* every section once announced as "not supported" is now validated */
	static const char *const names[] = { "processes", "commitments", "plans", "assemblies" };
	size_t i, j;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		bool listed = false;

		for (j = 0; pt_config_sections[j]; j++) {
			listed = listed || strcmp(pt_config_sections[j], names[i]) == 0;
		}
		PT_CHECK(listed);
	}
}

PT_TEST(sample_threads_and_moderation)
{
	const pt_subject_settings *sub;
	pt_modrule_info info;
	pt_moderation_result res;
	pt_error err;
	const char *t = "Llámenme al 55 1234 5678 o a vecina.smt@gmail.com; CURP GOMA850317HDFRRN09.";

	reset();
	PT_CHECK_EQ_INT(pt_config_load_file("examples/sample-municipality.yaml", &cfg, &diags), PT_OK);
	if (!cfg) {
		print_diags();
		return;
	}
	PT_CHECK_EQ_INT(cfg->threads.max_depth, 4);
	PT_CHECK_EQ_INT(cfg->threads.max_length, 2000);
	PT_CHECK_EQ_INT(cfg->threads.min_length, 2);
	PT_CHECK_EQ_INT(cfg->threads.edit_window_s, 900);
	PT_CHECK_EQ_INT(cfg->threads.rate_limit.count, 10);
	PT_CHECK_EQ_INT(cfg->threads.rate_limit.period_s, 3600);
	PT_CHECK_EQ_INT(cfg->threads.auto_hide_after_flags, 3);
	PT_CHECK_EQ_INT(cfg->threads.page_replies, 3);
	PT_CHECK_EQ_INT(cfg->threads.subject_count, 4);
	sub = pt_config_subject(cfg, "assembly", 8);
	PT_CHECK(sub->type && strcmp(sub->type, "assembly") == 0 && sub->premoderate && !sub->alignment);
	sub = pt_config_subject(cfg, "commitment", 10);
	PT_CHECK(sub->alignment && !sub->premoderate);
	sub = pt_config_subject(cfg, "project", 7);
	PT_CHECK(sub == &cfg->threads.subject_defaults && sub->type == NULL && !sub->alignment);
	PT_CHECK_EQ_INT(pt_modrules_count(cfg->moderation.rules), 5);
	PT_CHECK(pt_modrules_info(cfg->moderation.rules, 0, &info));
	PT_CHECK_STR(info.name, "teléfono");
	PT_CHECK_STR(info.preset, "telefono_mx");
	PT_CHECK(pt_modrules_info(cfg->moderation.rules, 4, &info));
	PT_CHECK_EQ_INT(info.action, PT_MOD_REJECT);
	PT_CHECK(strstr(info.message, "publicidad") != NULL);
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_moderate(cfg->moderation.rules, t, strlen(t), NULL, &res, &err), PT_OK);
	PT_CHECK_EQ_INT(res.verdict, PT_MOD_PUBLISH);
	PT_CHECK_STR(res.body, "Llámenme al [dato personal oculto] o a [dato personal oculto]; CURP [CURP oculta].");
	pt_moderation_result_free(&res, NULL);
	t = "Gana dinero desde casa, pendejos";
	PT_CHECK_EQ_INT(pt_moderate(cfg->moderation.rules, t, strlen(t), NULL, &res, &err), PT_OK);
	PT_CHECK_EQ_INT(res.verdict, PT_MOD_REJECTED);
	PT_CHECK_EQ_INT(res.hit_count, 2);
	pt_moderation_result_free(&res, NULL);
}

PT_TEST(threads_moderation_defaults)
{
	PT_CHECK_EQ_INT(build(HEAD), PT_OK);
	if (!cfg) {
		print_diags();
		return;
	}
	PT_CHECK_EQ_INT(cfg->threads.max_depth, 4);
	PT_CHECK_EQ_INT(cfg->threads.max_length, 2000);
	PT_CHECK_EQ_INT(cfg->threads.min_length, 1);
	PT_CHECK_EQ_INT(cfg->threads.edit_window_s, 900);
	PT_CHECK_EQ_INT(cfg->threads.rate_limit.count, 10);
	PT_CHECK_EQ_INT(cfg->threads.page_replies, 3);
	PT_CHECK_EQ_INT(cfg->threads.subject_count, 0);
	PT_CHECK(cfg->moderation.rules != NULL);
	PT_CHECK_EQ_INT(pt_modrules_count(cfg->moderation.rules), 0);
	PT_CHECK_EQ_INT(pt_modrules_match_limit(cfg->moderation.rules), 100000);
	PT_CHECK_STR(cfg->moderation.mask, "[dato personal oculto]");
	PT_CHECK_EQ_INT(build(HEAD "threads:\nmoderation:\n"), PT_OK);
	PT_CHECK(cfg && cfg->moderation.rules != NULL);
	PT_CHECK_EQ_INT(build(HEAD "threads:\n  rate_limit: none\n  edit_window: 0\n"
		"moderation:\n  match_limit: 5000\n  depth_limit: 200\n  mask: '***'\n"
		"  rules:\n    - { name: x, pattern: 'a+', action: redact }\n"), PT_OK);
	if (cfg) {
		pt_modrule_info info;

		PT_CHECK_EQ_INT(cfg->threads.rate_limit.count, 0);
		PT_CHECK_EQ_INT(cfg->threads.edit_window_s, 0);
		PT_CHECK_EQ_INT(pt_modrules_match_limit(cfg->moderation.rules), 5000);
		PT_CHECK_EQ_INT(pt_modrules_depth_limit(cfg->moderation.rules), 200);
		PT_CHECK(pt_modrules_info(cfg->moderation.rules, 0, &info));
		PT_CHECK_STR(info.mask, "***");
	} else {
		print_diags();
	}
}

PT_TEST(durations_and_rates)
{
	uint32_t secs = 7;
	pt_rate r;

	PT_CHECK(pt_config_parse_duration("15m", 3, &secs) && secs == 900);
	PT_CHECK(pt_config_parse_duration("2h", 2, &secs) && secs == 7200);
	PT_CHECK(pt_config_parse_duration("1d", 2, &secs) && secs == 86400);
	PT_CHECK(pt_config_parse_duration("45s", 3, &secs) && secs == 45);
	PT_CHECK(pt_config_parse_duration("0", 1, &secs) && secs == 0);
	PT_CHECK(!pt_config_parse_duration("15", 2, &secs));
	PT_CHECK(!pt_config_parse_duration("m", 1, &secs));
	PT_CHECK(!pt_config_parse_duration("15 m", 4, &secs));
	PT_CHECK(!pt_config_parse_duration("15mm", 4, &secs));
	PT_CHECK(!pt_config_parse_duration("-5m", 3, &secs));
	PT_CHECK(!pt_config_parse_duration("99999999999d", 12, &secs));
	PT_CHECK(!pt_config_parse_duration("50000d", 6, &secs));
	PT_CHECK(pt_config_parse_rate("10/h", 4, &r) && r.count == 10 && r.period_s == 3600);
	PT_CHECK(pt_config_parse_rate("1/s", 3, &r) && r.count == 1 && r.period_s == 1);
	PT_CHECK(pt_config_parse_rate("none", 4, &r) && r.count == 0);
	PT_CHECK(!pt_config_parse_rate("0/h", 3, &r));
	PT_CHECK(!pt_config_parse_rate("10/w", 4, &r));
	PT_CHECK(!pt_config_parse_rate("10h", 3, &r));
	PT_CHECK(!pt_config_parse_rate("/h", 2, &r));
	PT_CHECK(!pt_config_parse_rate("10/hh", 5, &r));
}

PT_TEST(threads_errors)
{
	PT_CHECK_EQ_INT(build(HEAD
		"threads:\n"                                  /* 7 */
		"  max_depth: 0\n"                            /* 8 */
		"  max_lenght: 10\n"                          /* 9 */
		"  edit_window: 15\n"                         /* 10 */
		"  rate_limit: 10/semana\n"                   /* 11 */
		"  auto_hide_after_flags: -1\n"               /* 12 */
		"  page_replies: 0\n"                         /* 13 */
		"  subjects: [commitment]\n"), PT_ERR_CONFIG); /* 14 */
	PT_CHECK_EQ_INT(diags.count, 7);
	PT_CHECK(diag_is(0, 8, 14, "threads.max_depth: expected a whole number from 1 to 16"));
	PT_CHECK(diag_is(1, 9, 3, "unknown key 'max_lenght' in threads; expected one of: max_depth, max_length"));
	PT_CHECK(diag_is(2, 10, 16, "threads.edit_window: expected a duration such as 15m"));
	PT_CHECK(diag_is(3, 11, 15, "threads.rate_limit: expected a rate such as 10/h"));
	PT_CHECK(diag_is(4, 12, 26, "threads.auto_hide_after_flags: expected a whole number from 0 to 1000"));
	PT_CHECK(diag_is(5, 13, 17, "threads.page_replies"));
	PT_CHECK(diag_is(6, 14, 13, "threads.subjects: expected a mapping"));
	PT_CHECK_EQ_INT(build(HEAD "threads: 5\n"), PT_ERR_CONFIG);
	PT_CHECK(diag_is(0, 7, 10, "threads: expected a mapping"));
	PT_CHECK_EQ_INT(build(HEAD "threads:\n  subjects:\n    post: { alignment: true, extra: 1 }\n"
		"    process:\n"), PT_ERR_CONFIG);
	PT_CHECK_EQ_INT(diags.count, 1);
	PT_CHECK(diag_is(0, 9, 30, "unknown key 'extra' in subject type 'post'; expected one of: alignment, premoderate"));
}

PT_TEST(moderation_errors)
{
	PT_CHECK_EQ_INT(build(HEAD
		"moderation:\n"                                                        /* 7 */
		"  match_limit: 10\n"                                                  /* 8 */
		"  mask: ''\n"                                                         /* 9 */
		"  rules:\n"                                                           /* 10 */
		"    - { name: a, pattern: 'a**', action: hold }\n"                    /* 11 */
		"    - { name: b, pattern: 'x', preset: curp, action: hold }\n"        /* 12 */
		"    - { name: c, action: hold }\n"                                    /* 13 */
		"    - { name: a, pattern: 'ok', action: hold, message: 'no' }\n"      /* 14 */
		"    - { name: d, pattern: 'ok', action: reject, mask: '#' }\n"        /* 15 */
		"    - { pattern: 'ok(', action: redact }\n"                           /* 16 */
		"    - { name: e, pattern: \"\\\\p{Xx}\", action: redact, colour: red }\n" /* 17 */
		"    - curp\n"), PT_ERR_CONFIG);                                        /* 18 */
	PT_CHECK_EQ_INT(diags.count, 13);
	PT_CHECK(diag_is(0, 8, 16, "moderation.match_limit: expected a whole number from 1000"));
	PT_CHECK(diag_is(1, 9, 9, "moderation.mask must not be empty"));
	PT_CHECK(diag_is(2, 11, 27, "invalid regular expression in rule 'a': quantifier does not follow a repeatable item at offset 2 of the pattern"));
	PT_CHECK(diag_is(3, 12, 40, "moderation rule 'b': give either pattern or preset, not both"));
	PT_CHECK(diag_is(4, 13, 7, "moderation rule 'c' needs a pattern (a regular expression) or a preset"));
	PT_CHECK(diag_is(5, 14, 15, "duplicate moderation rule name 'a' (first used at line 11, column 15)"));
	PT_CHECK(diag_is(6, 14, 56, "moderation rule 'a': message applies only to action: reject"));
	PT_CHECK(diag_is(7, 15, 55, "moderation rule 'd': mask applies only to action: redact"));
	PT_CHECK(diag_is(8, 16, 7, "missing required key 'name' in moderation rule"));
	PT_CHECK(diag_is(9, 16, 18, "invalid regular expression in rule '?': missing closing parenthesis at offset 3"));
	PT_CHECK(diag_is(10, 17, 27, "invalid regular expression in rule 'e': unknown property"));
	PT_CHECK(diag_is(11, 17, 54, "unknown key 'colour' in moderation rule 'e'"));
	PT_CHECK(diag_is(12, 18, 7, "moderation rule: expected a mapping"));
}

PT_TEST(wrong_types)
{
	PT_CHECK_EQ_INT(build(
		"site: [a, b]\n"
		"database:\n"
		"  socket: /s\n"
		"  name: {x: 1}\n"
		"  user: u\n"
		"  port: 99999\n"
		"territories: {id: a}\n"
		"roles: [ciudadano]\n"
		"assignments: nobody\n"), PT_ERR_CONFIG);
	PT_CHECK_EQ_INT(diags.count, 7);
	PT_CHECK(diag_is(0, 1, 7, "site: expected a mapping with name, locale and timezone, found a sequence"));
	PT_CHECK(diag_is(1, 4, 9, "database.name: expected text, found a mapping"));
	PT_CHECK(diag_is(2, 6, 9, "database.port applies only with host"));
	PT_CHECK(diag_is(3, 6, 9, "database.port: expected a whole number from 1 to 65535, found '99999'"));
	PT_CHECK(diag_is(4, 7, 14, "territories: expected a sequence"));
	PT_CHECK(diag_is(5, 8, 8, "roles: expected a mapping from role id to its definition, found a sequence"));
	PT_CHECK(diag_is(6, 9, 14, "assignments: expected a sequence"));
	PT_CHECK_EQ_INT(build(HEAD "assignments: nobody\n"), PT_ERR_CONFIG);
	PT_CHECK(diag_is(0, 7, 14, "assignments: expected a sequence of {participant, role, territory?, body?}, found 'nobody'"));
}

PT_TEST(site_values)
{
	PT_CHECK_EQ_INT(build(
		"site:\n"
		"  name: ''\n"
		"  locale: fr_FR\n"
		"  timezone: Mexico City\n"
		"database: {socket: /s, name: p, user: u}\n"), PT_ERR_CONFIG);
	PT_CHECK_EQ_INT(diags.count, 3);
	PT_CHECK(diag_is(0, 2, 9, "site.name must not be empty"));
	PT_CHECK(diag_is(1, 3, 11, "site.locale: unsupported locale 'fr_FR'; expected one of: es_MX, en_US, en"));
	PT_CHECK(diag_is(2, 4, 13, "site.timezone: 'Mexico City' is not an IANA time zone name"));

	PT_CHECK_EQ_INT(build("site: {name: X, timezone: America/Argentina/Buenos_Aires}\n"
		"database: {socket: /s, name: p, user: u}\n"), PT_OK);
	PT_CHECK_EQ_INT(build("site: {name: X, timezone: /Mexico}\n"
		"database: {socket: /s, name: p, user: u}\n"), PT_ERR_CONFIG);
	PT_CHECK_EQ_INT(build("site: {name: X, timezone: America/}\n"
		"database: {socket: /s, name: p, user: u}\n"), PT_ERR_CONFIG);
	PT_CHECK_EQ_INT(build("site: {name: X, timezone: '-06:00'}\n"
		"database: {socket: /s, name: p, user: u}\n"), PT_ERR_CONFIG);
}

PT_TEST(database_rules)
{
	PT_CHECK_EQ_INT(build(
		"site: {name: X}\n"
		"database:\n"
		"  socket: /run/mysqld/mysqld.sock\n"
		"  host: 127.0.0.1\n"
		"  password: hunter2\n"
		"  name: my-db\n"
		"  user: u\n"
		"  password_env: 1PASS\n"
		"  connect_timeout: 0\n"), PT_ERR_CONFIG);
	PT_CHECK_EQ_INT(diags.count, 5);
	PT_CHECK(diag_is(0, 4, 9, "give either socket or host, not both"));
	PT_CHECK(diag_is(1, 5, 3, "database.password is not allowed"));
	PT_CHECK(diag_is(1, 5, 3, "password_env"));
	PT_CHECK(diag_is(2, 6, 9, "database.name 'my-db' is not a valid database name"));
	PT_CHECK(diag_is(3, 8, 17, "database.password_env must name an environment variable"));
	PT_CHECK(diag_is(4, 9, 20, "database.connect_timeout: expected a whole number from 1 to 300, found '0'"));

	PT_CHECK_EQ_INT(build("site: {name: X}\ndatabase: {name: p, user: u}\n"), PT_ERR_CONFIG);
	PT_CHECK_EQ_INT(diags.count, 1);
	PT_CHECK(diag_is(0, 2, 11, "database: missing 'socket' or 'host'"));

	PT_CHECK_EQ_INT(build("site: {name: X}\ndatabase: {socket: relative.sock, name: p, user: u}\n"), PT_ERR_CONFIG);
	PT_CHECK(diag_is(0, 2, 20, "database.socket must be an absolute path"));

	PT_CHECK_EQ_INT(build("site: {name: X}\ndatabase: {host: h, port: '3306', name: p, user: u}\n"), PT_ERR_CONFIG);
	PT_CHECK(diag_is(0, 2, 27, "database.port: expected a whole number from 1 to 65535, found '3306'"));

	PT_CHECK_EQ_INT(build("site: {name: X}\ndatabase: {socket: /s, user: u}\n"), PT_ERR_CONFIG);
	PT_CHECK(diag_is(0, 2, 11, "missing required key 'name' in database"));
}

PT_TEST(territory_errors)
{
	PT_CHECK_EQ_INT(build(HEAD
		"territories:\n"
		"  - id: iztapalapa\n"                       /* 8 */
		"    name: Iztapalapa\n"
		"    children:\n"
		"      - id: dt-aculco\n"                    /* 11 */
		"        name: Aculco\n"
		"      - id: dt-aculco\n"                    /* 13 */
		"        name: Otra\n"
		"      - { name: Sin id }\n"                 /* 15 */
		"      - { id: Mal Id, name: X }\n"          /* 16 */
		"      - { id: ok, name: }\n"                /* 17 */
		"      - { id: ok2, name: X, children: {a: 1} }\n" /* 18 */
		"      - plain text\n"), PT_ERR_CONFIG);     /* 19 */
	PT_CHECK_EQ_INT(diags.count, 6);
	PT_CHECK(diag_is(0, 13, 13, "territory 'dt-aculco' is declared twice (first at 11:13)"));
	PT_CHECK(diag_is(1, 15, 9, "missing required key 'id' in territory"));
	PT_CHECK(diag_is(2, 16, 15, "territory id 'Mal Id' is not valid"));
	PT_CHECK(diag_is(3, 17, 25, "name of territory 'ok' must not be empty"));
	PT_CHECK(diag_is(4, 18, 39, "children: expected a sequence of territories, found a mapping"));
	PT_CHECK(diag_is(5, 19, 9, "territory: expected a mapping with id and name, found 'plain text'"));
}

PT_TEST(flat_parent_form)
{
	int32_t a, b, c, d, e;

	/* children declared before their parents, mixed with nesting */
	PT_CHECK_EQ_INT(build(HEAD
		"territories:\n"
		"  - { id: e, name: E, parent: c }\n"
		"  - { id: c, name: C, parent: b }\n"
		"  - id: a\n"
		"    name: A\n"
		"    children:\n"
		"      - { id: b, name: B }\n"
		"  - { id: d, name: D, parent: a }\n"), PT_OK);
	if (!cfg) {
		print_diags();
		return;
	}
	a = tid("a");
	b = tid("b");
	c = tid("c");
	d = tid("d");
	e = tid("e");
	PT_CHECK(a >= 0 && b >= 0 && c >= 0 && d >= 0 && e >= 0);
	if (a < 0 || b < 0 || c < 0 || d < 0 || e < 0) {
		return;
	}
	PT_CHECK(pt_territory_within(&cfg->territories, e, c));
	PT_CHECK(pt_territory_within(&cfg->territories, e, b));
	PT_CHECK(pt_territory_within(&cfg->territories, e, a));
	PT_CHECK(pt_territory_within(&cfg->territories, d, a));
	PT_CHECK(!pt_territory_within(&cfg->territories, d, b));
	PT_CHECK(!pt_territory_within(&cfg->territories, e, d));
	PT_CHECK(!pt_territory_within(&cfg->territories, c, e));
	PT_CHECK_EQ_INT(cfg->territories.items[e].depth, 3);
	PT_CHECK_EQ_INT(cfg->territories.items[a].depth, 0);
	PT_CHECK_EQ_INT(cfg->territories.items[e].parent, c);
	/* e is declared at line 8, whatever order the tree ends up in */
	PT_CHECK_EQ_INT(cfg->territories.items[e].line, 8);
}

PT_TEST(flat_parent_errors)
{
	PT_CHECK_EQ_INT(build(HEAD
		"territories:\n"
		"  - { id: a, name: A, parent: nowhere }\n"  /* 8 */
		"  - { id: self, name: S, parent: self }\n"  /* 9 */
		"  - { id: x, name: X, parent: y }\n"        /* 10 */
		"  - { id: y, name: Y, parent: z }\n"        /* 11 */
		"  - { id: z, name: Z, parent: x }\n"        /* 12 */
		"  - { id: under, name: U, parent: y }\n"    /* 13: hangs off a cycle, not reported */
		"  - id: top\n"                              /* 14 */
		"    name: T\n"
		"    parent: deep\n"                         /* 16 */
		"    children:\n"
		"      - { id: deep, name: D }\n"            /* 18: top -> deep -> top */
		"      - { id: n, name: N, parent: top }\n"  /* 19 */
		"  - { id: p, name: P, parent: [a] }\n"),    /* 20 */
		PT_ERR_CONFIG);
	PT_CHECK_EQ_INT(diags.count, 6);
	PT_CHECK(diag_is(0, 8, 31, "territory 'a' has parent 'nowhere', which is not declared"));
	PT_CHECK(diag_is(1, 9, 34, "territories form a cycle through parent: 'self' -> 'self'"));
	PT_CHECK(diag_is(2, 10, 31, "territories form a cycle through parent: 'x' -> 'y' -> 'z' -> 'x'"));
	PT_CHECK(diag_is(3, 16, 13, "cycle through parent: 'top' -> 'deep' -> 'top'"));
	PT_CHECK(diag_is(4, 19, 35, "territory 'n' is nested under 'top' and also gives parent:"));
	PT_CHECK(diag_is(5, 20, 31, "territory 'p': parent: expected a territory id, found a sequence"));
}

PT_TEST(roles_rules)
{
	PT_CHECK_EQ_INT(build(HEAD
		"roles:\n"
		"  ciudadano: { can: [comment, vot, react] }\n"          /* 8 */
		"  facilitador: { can: [comment, vote], votes: false }\n" /* 9 */
		"  raro: { can: comment }\n"                             /* 10 */
		"  sin: { name: Sin permisos }\n"                        /* 11 */
		"  'Mal Rol': { can: [] }\n"                             /* 12 */
		"  v: { can: [], votes: 'no' }\n"                        /* 13 */
		"  l: [comment]\n"), PT_ERR_CONFIG);                     /* 14 */
	PT_CHECK_EQ_INT(diags.count, 7);
	PT_CHECK(diag_is(0, 8, 31, "unknown permission 'vot' in role 'ciudadano'; expected one of: comment, react, flag, vote, answer, moderate, record_assembly, enter_paper_ballots, update_commitment, manage_processes, propose"));
	PT_CHECK(diag_is(1, 9, 33, "role 'facilitador' has votes: false but its can: list includes 'vote'"));
	PT_CHECK(diag_is(2, 10, 16, "can: expected a sequence of permissions such as [comment, vote], found 'comment'"));
	PT_CHECK(diag_is(3, 11, 8, "missing required key 'can' in role 'sin'"));
	PT_CHECK(diag_is(4, 12, 3, "role id 'Mal Rol' is not valid"));
	PT_CHECK(diag_is(5, 13, 24, "votes of role 'v': expected true or false, found 'no'"));
	PT_CHECK(diag_is(6, 14, 6, "role 'l': expected a mapping with can: [permissions], found a sequence"));
}

PT_TEST(duplicate_role_is_caught_by_loader)
{
	PT_CHECK_EQ_INT(build(HEAD "roles:\n  a: {can: []}\n  a: {can: [vote]}\n"), PT_ERR_CONFIG);
	PT_CHECK_EQ_INT(diags.count, 1);
	PT_CHECK(diag_is(0, 9, 3, "duplicate key 'a' (first at 8:3)"));
}

PT_TEST(assignment_references)
{
	PT_CHECK_EQ_INT(build(HEAD
		"territories:\n"
		"  - { id: t1, name: T1 }\n"
		"roles:\n"
		"  ciudadano: { can: [vote] }\n"
		"  funcionario: { can: [answer] }\n"
		"assignments:\n"
		"  - { participant: 'wp:1', role: funcionaria, territory: t1 }\n" /* 13 */
		"  - { participant: 'wp:2', role: ciudadano, territory: t2 }\n"   /* 14 */
		"  - { role: ciudadano }\n"                                       /* 15 */
		"  - { participant: 'wp 3', role: ciudadano, body: 'Mesa Uno' }\n" /* 16 */
		"  - [wp:4]\n"), PT_ERR_CONFIG);                                   /* 17 */
	PT_CHECK_EQ_INT(diags.count, 6);
	PT_CHECK(diag_is(0, 13, 34, "assignment names unknown role 'funcionaria'; declared roles: ciudadano, funcionario"));
	PT_CHECK(diag_is(1, 14, 56, "assignment names unknown territory 't2'"));
	PT_CHECK(diag_is(2, 15, 5, "missing required key 'participant' in assignment"));
	PT_CHECK(diag_is(3, 16, 20, "assignment.participant 'wp 3' must be a host id"));
	PT_CHECK(diag_is(4, 16, 51, "assignment.body 'Mesa Uno' is not a valid id"));
	PT_CHECK(diag_is(5, 17, 5, "assignment: expected a mapping with participant and role, found a sequence"));

	PT_CHECK_EQ_INT(build(HEAD "assignments:\n  - { participant: 'wp:1', role: x }\n"), PT_ERR_CONFIG);
	PT_CHECK(diag_is(0, 8, 34, "no roles are declared"));
}

PT_TEST(many_errors_sorted_by_position)
{
	size_t i;

	PT_CHECK_EQ_INT(build(
		"assignments:\n"
		"  - { participant: 'wp:1', role: nadie }\n"
		"roles:\n"
		"  r: { can: [volar] }\n"
		"territories:\n"
		"  - { id: a, name: A, parent: b }\n"
		"database: {socket: /s, name: p, user: u, password: x}\n"
		"site: {name: X, locale: xx}\n"), PT_ERR_CONFIG);
	PT_CHECK_EQ_INT(diags.count, 5);
	for (i = 1; i < diags.count; i++) {
		PT_CHECK(diags.items[i - 1].line < diags.items[i].line);
	}
}

PT_TEST(diags_sort_is_stable)
{
	pt_diags d;
	size_t i;
	int ok = 1;

	pt_diags_init(&d);
	/* 200 entries so the merge path runs; equal positions keep their order */
	for (i = 0; i < 200; i++) {
		pt_diags_add(&d, "f", (unsigned)(200 - i) % 7 + 1, (unsigned)(i % 3) + 1, "%zu", i);
	}
	pt_diags_sort(&d);
	for (i = 1; i < d.count; i++) {
		const pt_diag *x = &d.items[i - 1], *y = &d.items[i];

		if (x->line > y->line || (x->line == y->line && x->column > y->column)
			|| (x->line == y->line && x->column == y->column && atoi(x->message) > atoi(y->message))) {
			ok = 0;
		}
	}
	PT_CHECK(ok);
	PT_CHECK_EQ_INT(d.count, 200);
	pt_diags_free(&d);
	pt_diags_init(&d);
	for (i = 0; i < 10; i++) {
		pt_diags_add(&d, "f", 1, 1, "%zu", 9 - i);
	}
	pt_diags_add(&d, "f", 0, 0, "first");
	pt_diags_sort(&d);
	PT_CHECK_STR(d.items[0].message, "first");
	PT_CHECK_STR(d.items[1].message, "9");
	PT_CHECK_STR(d.items[10].message, "0");
	pt_diags_free(&d);
}

PT_TEST(diag_format)
{
	pt_diag d = { "a.yaml", 3, 7, "boom" };
	char buf[64];

	PT_CHECK_EQ_INT(pt_diag_format(&d, buf, sizeof(buf)), strlen("a.yaml:3:7: boom"));
	PT_CHECK_STR(buf, "a.yaml:3:7: boom");
	d.line = 0;
	d.column = 0;
	pt_diag_format(&d, buf, sizeof(buf));
	PT_CHECK_STR(buf, "a.yaml: boom");
	PT_CHECK_EQ_INT(pt_diag_format(&d, buf, 4), strlen("a.yaml: boom"));
	PT_CHECK_STR(buf, "a.y");
}

PT_TEST(io_error_is_a_diagnostic)
{
	reset();
	PT_CHECK_EQ_INT(pt_config_load_file("examples/does-not-exist.yaml", &cfg, &diags), PT_ERR_IO);
	PT_CHECK(cfg == NULL);
	PT_CHECK_EQ_INT(diags.count, 1);
	if (diags.count == 1) {
		PT_CHECK_EQ_INT(diags.items[0].line, 0);
		PT_CHECK_STR(diags.items[0].file, "examples/does-not-exist.yaml");
		PT_CHECK(strstr(diags.items[0].message, "cannot open") != NULL);
	}
}

PT_TEST(permission_names)
{
	uint32_t bit;
	int n = 0;

	for (bit = 1; bit; bit <<= 1) {
		const char *name = pt_permission_name(bit);

		if (name) {
			n++;
			PT_CHECK_EQ_INT(pt_permission_from_name(name, strlen(name)), bit);
		}
	}
	PT_CHECK_EQ_INT(n, 11);
	PT_CHECK_STR(pt_permission_name(PT_PERM_ENTER_PAPER_BALLOTS), "enter_paper_ballots");
	PT_CHECK_EQ_INT(pt_permission_from_name("vot", 3), 0);
	PT_CHECK_EQ_INT(pt_permission_from_name("votes", 4), PT_PERM_VOTE);
	PT_CHECK(pt_permission_name(3) == NULL);
}

PT_TEST(territory_api)
{
	pt_territory_tree t = PT_TERRITORY_TREE_INIT;
	pt_error err;
	int32_t r, a, b, r2;

	pt_error_clear(&err);
	r = pt_territory_add(&t, "r", "Root", NULL, -1, 1, 1);
	a = pt_territory_add(&t, "a", NULL, "k", r, 2, 1);
	r2 = pt_territory_add(&t, "r2", "Root 2", NULL, -1, 3, 1);
	b = pt_territory_add(&t, "b", "B", NULL, a, 4, 1); /* after r2: not contiguous */
	PT_CHECK(r == 0 && a == 1 && r2 == 2 && b == 3);
	PT_CHECK_EQ_INT(pt_territory_add(&t, "bad", "x", NULL, 99, 0, 0), -1);
	PT_CHECK_EQ_INT(pt_territory_find(&t, "a", 1), -1); /* not finished yet */
	PT_CHECK_EQ_INT(pt_territory_finish(&t, &err), PT_OK);
	PT_CHECK_STR(t.items[a].name, "a"); /* name defaults to id */
	PT_CHECK_EQ_INT(pt_territory_find(&t, "b", 1), b);
	PT_CHECK_EQ_INT(pt_territory_find(&t, "bx", 1), b); /* length-delimited */
	PT_CHECK_EQ_INT(pt_territory_find(&t, "r2", 2), r2);
	PT_CHECK_EQ_INT(pt_territory_find(&t, "r2", 1), r);
	PT_CHECK_EQ_INT(pt_territory_find(&t, "zz", 2), -1);
	PT_CHECK(pt_territory_within(&t, b, r));
	PT_CHECK(pt_territory_within(&t, b, a));
	PT_CHECK(!pt_territory_within(&t, b, r2));
	PT_CHECK(!pt_territory_within(&t, r2, r));
	PT_CHECK(!pt_territory_within(&t, r, b));
	PT_CHECK_EQ_INT(t.items[b].depth, 2);
	PT_CHECK(t.index.count == t.count && t.index.cap >= 2 * t.count);
	pt_territory_tree_free(&t);
	PT_CHECK(t.items == NULL && t.count == 0);
}

/* xorshift: deterministic pseudo-random numbers for the big-tree tests */
static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static bool naive_within(const pt_territory_tree *t, int32_t inner, int32_t outer)
{
	for (; inner >= 0; inner = t->items[inner].parent) {
		if (inner == outer) {
			return true;
		}
	}
	return false;
}

PT_TEST(big_random_tree_matches_naive)
{
	/* 50,000 nodes with random parents among earlier nodes (about 30
	 * levels), plus a chain as deep as allowed: numbering must be exact. */
	pt_territory_tree t = PT_TERRITORY_TREE_INIT;
	pt_error err;
	size_t n = 50000, chain = PT_TERRITORY_MAX_DEPTH, i, bad = 0;
	char id[32];

	for (i = 0; i < n; i++) {
		int32_t parent = i == 0 || rng() % 50 == 0 ? -1 : (int32_t)(rng() % i);

		snprintf(id, sizeof(id), "n%zu", i);
		pt_territory_add(&t, id, NULL, NULL, parent, 0, 0);
	}
	for (i = 0; i < chain; i++) {
		snprintf(id, sizeof(id), "c%zu", i);
		pt_territory_add(&t, id, NULL, NULL, i == 0 ? -1 : (int32_t)(n + i - 1), 0, 0);
	}
	PT_CHECK_EQ_INT(t.count, n + chain);
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_territory_finish(&t, &err), PT_OK);
	PT_CHECK_EQ_INT(t.items[n + chain - 1].depth, chain - 1);
	for (i = 0; i < 200000; i++) {
		int32_t x = (int32_t)(rng() % t.count), y = (int32_t)(rng() % t.count);

		if (i % 4 == 0 && t.items[x].parent >= 0) {
			y = t.items[x].parent; /* make sure positives are exercised */
		}
		if (pt_territory_within(&t, x, y) != naive_within(&t, x, y)) {
			bad++;
		}
	}
	PT_CHECK_EQ_INT(bad, 0);
	for (i = 0; i < t.count; i += 97) {
		PT_CHECK_EQ_INT(pt_territory_find(&t, t.items[i].id, strlen(t.items[i].id)), (int32_t)i);
	}
	PT_CHECK(pt_territory_within(&t, (int32_t)(n + chain - 1), (int32_t)n));
	/* one level more is refused, whoever builds the tree */
	snprintf(id, sizeof(id), "c%zu", chain);
	pt_territory_add(&t, id, NULL, NULL, (int32_t)(n + chain - 1), 0, 0);
	PT_CHECK_EQ_INT(pt_territory_finish(&t, &err), PT_ERR_INVALID);
	PT_CHECK(strstr(err.message, "deeper than 64 levels") != NULL);
	pt_territory_tree_free(&t);
}

/* Issue 13, item 4: a chain of parent: links of any length is a
 * configuration error at the first territory past 64 levels, found without
 * recursion (200,000 levels; declared in reverse, so no order helps), and
 * never reaches the binding, where nested PHP arrays 200,000 deep overflowed
 * the stack when freed. */
/* HEAD + n territories t0..t(n-1), each the parent of the next, declared in
 * reverse (t(n-1) first). Free with free(). */
static char *chain_yaml(size_t n)
{
	size_t i, cap = n * 64 + 512, len;
	char *yaml = malloc(cap);

	len = (size_t)snprintf(yaml, cap, HEAD "territories:\n");
	for (i = n; i-- > 0;) {
		if (i == 0) {
			len += (size_t)snprintf(yaml + len, cap - len, "  - { id: t0, name: T }\n");
		} else {
			len += (size_t)snprintf(yaml + len, cap - len, "  - { id: t%zu, name: T, parent: t%zu }\n", i, i - 1);
		}
	}
	return yaml;
}

PT_TEST(too_deep_flat_chain_in_yaml)
{
	size_t n = 200000;
	char *yaml = chain_yaml(n);

	PT_CHECK_EQ_INT(build(yaml), PT_ERR_CONFIG);
	free(yaml);
	PT_CHECK_EQ_INT(diags.count, 1);
	/* t64 is the 65th level; it is declared on line 8 + (n - 1 - 64) */
	PT_CHECK(diag_is(0, (unsigned)(8 + n - 1 - 64), 33,
		"territory 't64' is nested 65 levels deep; territories may nest at most 64 levels"));
}

PT_TEST(deep_flat_chain_in_yaml)
{
	/* 64 territories each the parent of the next (the most allowed),
	 * declared in reverse: the validator must not recurse along parent:
	 * links. */
	size_t n = PT_TERRITORY_MAX_DEPTH;
	char *yaml = chain_yaml(n);
	int32_t first, last;

	PT_CHECK_EQ_INT(build(yaml), PT_OK);
	free(yaml);
	if (!cfg) {
		print_diags();
		return;
	}
	first = tid("t0");
	last = tid("t63");
	PT_CHECK_EQ_INT(first, 0);
	PT_CHECK(last >= 0 && cfg->territories.items[last].depth == n - 1);
	PT_CHECK(pt_territory_within(&cfg->territories, last, first));
	PT_CHECK(!pt_territory_within(&cfg->territories, first, last));
}

PT_TEST(large_example)
{
	int32_t izt, dt1, dt2, t1, t11;
	size_t i, blocks = 0, bad = 0;

	reset();
	PT_CHECK_EQ_INT(pt_config_load_file("examples/iztapalapa-large.yaml", &cfg, &diags), PT_OK);
	if (!cfg) {
		print_diags();
		return;
	}
	PT_CHECK_EQ_INT(cfg->territories.count, 1 + 13 + 130 + 6500);
	izt = tid("iztapalapa");
	dt1 = tid("dt-aculco");
	dt2 = tid("dt-cabeza-de-juarez");
	t1 = tid("t-001");
	t11 = tid("t-011");
	PT_CHECK(izt == 0 && dt1 > 0 && dt2 > 0 && t1 > 0 && t11 > 0);
	if (izt != 0 || dt1 < 0 || dt2 < 0 || t1 < 0 || t11 < 0) {
		return;
	}
	for (i = 0; i < cfg->territories.count; i++) {
		const pt_territory *it = &cfg->territories.items[i];

		if (!it->kind || strcmp(it->kind, "manzana") != 0) {
			continue;
		}
		blocks++;
		/* every block is inside the alcaldía and its own territory */
		if (!pt_territory_within(&cfg->territories, (int32_t)i, izt)
			|| !pt_territory_within(&cfg->territories, (int32_t)i, it->parent)
			|| it->depth != 3) {
			bad++;
		}
		/* blocks of territories 1-10 are in Aculco and not in Cabeza de Juárez */
		if (strncmp(it->id, "mz-0", 4) == 0 && atoi(it->id + 3) <= 10
			&& (!pt_territory_within(&cfg->territories, (int32_t)i, dt1)
				|| pt_territory_within(&cfg->territories, (int32_t)i, dt2))) {
			bad++;
		}
	}
	PT_CHECK_EQ_INT(blocks, 6500);
	PT_CHECK_EQ_INT(bad, 0);
	PT_CHECK(pt_territory_within(&cfg->territories, tid("mz-011-50"), t11));
	PT_CHECK(!pt_territory_within(&cfg->territories, tid("mz-011-50"), t1));
	PT_CHECK_EQ_INT(cfg->assignment_count, 15);
}

PT_TEST(large_example_is_reproducible)
{
	/* The committed file must be exactly what the generator writes. */
	FILE *gen = popen("python3 scripts/gen-large-example -o - 2>/dev/null", "r");
	FILE *committed = fopen("examples/iztapalapa-large.yaml", "rb");
	int a = 0, b = 0;
	size_t same = 0;

	PT_CHECK(gen != NULL && committed != NULL);
	if (!gen || !committed) {
		if (gen) {
			pclose(gen);
		}
		if (committed) {
			fclose(committed);
		}
		return;
	}
	do {
		a = fgetc(gen);
		b = fgetc(committed);
		same += a == b;
	} while (a == b && a != EOF);
	PT_CHECK(a == EOF && b == EOF);
	PT_CHECK(same > 100000);
	PT_CHECK_EQ_INT(pclose(gen), 0);
	fclose(committed);
}

int main(void)
{
	if (goto_root() != 0) {
		printf("cannot find the repository root (examples/)\n");
		return 1;
	}
	pt_diags_init(&diags);
	PT_RUN(sample_is_valid);
	PT_RUN(defaults);
	PT_RUN(host_port_and_options);
	PT_RUN(site_templates_folder);
	PT_RUN(empty_file);
	PT_RUN(root_must_be_mapping);
	PT_RUN(syntax_error_is_one_diagnostic);
	PT_RUN(missing_sections);
	PT_RUN(unknown_keys_everywhere);
	PT_RUN(future_sections);
	PT_RUN(sample_threads_and_moderation);
	PT_RUN(threads_moderation_defaults);
	PT_RUN(durations_and_rates);
	PT_RUN(threads_errors);
	PT_RUN(moderation_errors);
	PT_RUN(wrong_types);
	PT_RUN(site_values);
	PT_RUN(database_rules);
	PT_RUN(territory_errors);
	PT_RUN(flat_parent_form);
	PT_RUN(flat_parent_errors);
	PT_RUN(roles_rules);
	PT_RUN(duplicate_role_is_caught_by_loader);
	PT_RUN(assignment_references);
	PT_RUN(many_errors_sorted_by_position);
	PT_RUN(diags_sort_is_stable);
	PT_RUN(diag_format);
	PT_RUN(io_error_is_a_diagnostic);
	PT_RUN(permission_names);
	PT_RUN(territory_api);
	PT_RUN(big_random_tree_matches_naive);
	PT_RUN(deep_flat_chain_in_yaml);
	PT_RUN(too_deep_flat_chain_in_yaml);
	PT_RUN(nul_bytes_in_keys);
	PT_RUN(not_a_configuration_quotes_nothing);
	PT_RUN(caps);
	PT_RUN(diagnostics_are_capped);
	PT_RUN(large_example);
	PT_RUN(large_example_is_reproducible);
	reset();
	return pt_test_summary("test_config");
}
