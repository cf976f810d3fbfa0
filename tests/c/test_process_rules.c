/* Unit tests of the process rules and ballots in core (ext/core/process/process_rules.c, ballot.c): no server. */
#include "pt_test.h"
#include "pt_test_config.h"
#include "pt_test_process.h"
#include "core/process/ballot.h"
#include "core/process/process_rules.h"
#include "io/site/config_load.h"

static pt_config *cfg;
static pt_diags diags;

static const char yaml[] =
	"site: { name: X }\n"
	"database: { socket: /s, name: p, user: u }\n"
	"territories:\n"
	"  - { id: m, name: Municipio, children: [ { id: n, name: Norte }, { id: s, name: Sur } ] }\n"
	"roles:\n"
	"  ciudadano: { can: [vote, propose] }\n"
	"  funcionario: { can: [enter_paper_ballots, manage_processes] }\n"
	"processes:\n"
	"  - { id: norte, title: Norte, kind: election, method: schulze, candidates: [a, b, c], territory: n,\n"
	"      phases: { proposals: [2026-01-01, 2026-01-10], voting: [2026-02-01 10:00, 2026-02-10] } }\n"
	"  - { id: pp, title: PP, kind: participatory_budget, method: pb_greedy, options: { budget: 100 },\n"
	"      projects: [ { id: x, cost: 60 }, { id: y, cost: 50 } ], phases: { voting: [2026-01-01, 2026-01-02] } }\n"
	"  - { id: paper, title: Papel, kind: poll, method: approval, candidates: [a, b], channels: [paper],\n"
	"      secrecy: public, results_visibility: after_vote, phases: { voting: [2026-01-01, 2026-01-02] } }\n";

static const pt_process_def *def_of(const char *id)
{
	return pt_config_process(cfg, id, strlen(id));
}

PT_TEST(cast_phase_and_eligibility)
{
	const pt_process_def *d = def_of("norte");
	pt_process_clock c = pt_test_clock_at(d, d->voting.start_local - 1);
	pt_process_facts f;
	const char *role = NULL;
	bool voice = true;
	pt_error err;

	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_process_rule_cast_phase(d, &c, &err), PT_ERR_NOT_ALLOWED);
	PT_CHECK_STR(err.message, "La votación aún no abre: empieza el 2026-02-01 10:00.");
	c.now = d->voting.start_local;
	PT_CHECK(pt_process_rule_cast_phase(d, &c, &err) == PT_OK);
	c.closed = true;
	PT_CHECK_EQ_INT(pt_process_rule_cast_phase(d, &c, &err), PT_ERR_NOT_ALLOWED);
	PT_CHECK_STR(err.message, "La votación de este proceso ya cerró.");
	PT_CHECK_STR(pt_process_state(&c), "closed");
	c = pt_test_clock_at(def_of("paper"), 0);
	c.now = def_of("paper")->voting.start_local;
	PT_CHECK_EQ_INT(pt_process_rule_cast_phase(def_of("paper"), &c, &err), PT_ERR_NOT_ALLOWED);

	memset(&f, 0, sizeof(f));
	f.roles = "";
	PT_CHECK_EQ_INT(pt_process_rule_cast(cfg, d, &f, "wp:1", &role, &voice, &err), PT_ERR_NOT_ALLOWED);
	PT_CHECK_STR(err.message, "Para votar en este proceso necesitas registrar tu territorio (colonia o manzana).");
	f.territory = "s";
	PT_CHECK_EQ_INT(pt_process_rule_cast(cfg, d, &f, "wp:1", &role, &voice, &err), PT_ERR_NOT_ALLOWED);
	PT_CHECK_STR(err.message, "Este proceso es solo para quienes viven en Norte.");
	f.territory = "n";
	PT_CHECK(pt_process_rule_cast(cfg, d, &f, "wp:1", &role, &voice, &err) == PT_OK);
	PT_CHECK(!voice);
	f.roles = "funcionario";
	PT_CHECK_EQ_INT(pt_process_rule_cast(cfg, d, &f, "wp:1", &role, &voice, &err), PT_ERR_NOT_ALLOWED);
	PT_CHECK_STR(err.message, "Tu rol no tiene voto en este proceso.");
	f.banned = true;
	PT_CHECK_EQ_INT(pt_process_rule_cast(cfg, d, &f, "wp:1", &role, &voice, &err), PT_ERR_NOT_ALLOWED);
	PT_CHECK_STR(err.message, "Tu cuenta está suspendida; no puedes votar.");
}

PT_TEST(results_export_withdraw)
{
	const pt_process_def *d = def_of("paper");
	pt_process_clock c = pt_test_clock_at(d, d->voting.start_local);
	pt_error err;

	pt_error_clear(&err);
	PT_CHECK(pt_process_results_need_vote(d, &c));
	PT_CHECK_EQ_INT(pt_process_rule_results(d, &c, false, &err), PT_ERR_NOT_ALLOWED);
	PT_CHECK_STR(err.message, "Los resultados se muestran después de votar.");
	PT_CHECK(pt_process_rule_results(d, &c, true, &err) == PT_OK);
	PT_CHECK(pt_process_rule_export(d, &c, &err) == PT_OK);   /* public */
	PT_CHECK(pt_process_rule_paper(d, &c, &err) == PT_OK);
	PT_CHECK_EQ_INT(pt_process_rule_paper_official(PT_PERM_VOTE, &err), PT_ERR_NOT_ALLOWED);
	d = def_of("norte");
	c = pt_test_clock_at(d, d->voting.start_local);
	PT_CHECK_EQ_INT(pt_process_rule_export(d, &c, &err), PT_ERR_NOT_ALLOWED);   /* secret, still open */
	PT_CHECK_EQ_INT(pt_process_rule_results(d, &c, true, &err), PT_ERR_NOT_ALLOWED);
	PT_CHECK_STR(err.message, "Los resultados se publican cuando cierre la votación.");
	/* withdraw: permission, then the YAML's options, the id, the phase, the reason */
	PT_CHECK_EQ_INT(pt_process_rule_withdraw(d, &c, 0, "q", 1, "r", 1, &err), PT_ERR_NOT_ALLOWED);
	PT_CHECK_EQ_INT(pt_process_rule_withdraw(d, &c, PT_PERM_MANAGE_PROCESSES, "a", 1, "r", 1, &err), PT_ERR_NOT_ALLOWED);
	PT_CHECK_STR(err.message, "La opción 'a' viene de la configuración del sitio; se retira editando la configuración.");
	PT_CHECK_EQ_INT(pt_process_rule_withdraw(d, &c, PT_PERM_MANAGE_PROCESSES, "Q!", 2, "r", 1, &err), PT_ERR_NOT_FOUND);
	PT_CHECK_EQ_INT(pt_process_rule_withdraw(d, &c, PT_PERM_MANAGE_PROCESSES, "q", 1, "r", 1, &err), PT_ERR_NOT_ALLOWED);
	PT_CHECK_STR(err.message, "La votación ya empezó; las opciones ya no se pueden retirar.");
	c.now = d->voting.start_local - 1;
	PT_CHECK_EQ_INT(pt_process_rule_withdraw(d, &c, PT_PERM_MANAGE_PROCESSES, "q", 1, "   ", 3, &err), PT_ERR_INVALID);
	PT_CHECK(pt_process_rule_withdraw(d, &c, PT_PERM_MANAGE_PROCESSES, "q", 1, "duplicada", 9, &err) == PT_OK);
}

PT_TEST(options_and_proposals)
{
	const pt_process_def *pp = def_of("pp"), *d = def_of("norte");
	pt_process_option_in o;
	pt_process_facts f;
	pt_process_clock c = pt_test_clock_at(d, d->proposals.start_local);
	pt_error err;

	pt_error_clear(&err);
	memset(&o, 0, sizeof(o));
	o.id = "nuevo";
	o.id_len = 5;
	o.name = "Nuevo";
	o.name_len = 5;
	PT_CHECK_EQ_INT(pt_process_option_check(cfg, pp, &o, &err), PT_ERR_INVALID);
	PT_CHECK_STR(err.message, "El proyecto necesita un costo.");
	o.cost_given = o.cost_integer = true;
	o.cost = 101;
	PT_CHECK_EQ_INT(pt_process_option_check(cfg, pp, &o, &err), PT_ERR_INVALID);
	PT_CHECK_STR(err.message, "El costo del proyecto (101) excede el presupuesto total (100).");
	o.cost = 10;
	PT_CHECK(pt_process_option_check(cfg, pp, &o, &err) == PT_OK);
	PT_CHECK_EQ_INT(pt_process_option_check(cfg, d, &o, &err), PT_ERR_INVALID);   /* a cost outside a budget */
	o.cost_given = false;
	o.territory_given = true;
	o.territory = "s";
	o.territory_len = 1;
	PT_CHECK_EQ_INT(pt_process_option_check(cfg, d, &o, &err), PT_ERR_INVALID);
	PT_CHECK_STR(err.message, "La opción debe quedar dentro de Norte, el territorio del proceso.");
	o.territory = "n";
	PT_CHECK(pt_process_option_check(cfg, d, &o, &err) == PT_OK && o.territory_index >= 0);
	o.id = "a";
	o.id_len = 1;
	PT_CHECK_EQ_INT(pt_process_option_check(cfg, d, &o, &err), PT_ERR_CONFLICT);
	memset(&f, 0, sizeof(f));
	f.roles = "";
	f.territory = "n";
	PT_CHECK(pt_process_rule_propose(cfg, d, &c, &f, "wp:1", &err) == PT_OK);
	c.now = d->voting.start_local;
	PT_CHECK_EQ_INT(pt_process_rule_propose(cfg, d, &c, &f, "wp:1", &err), PT_ERR_NOT_ALLOWED);
	PT_CHECK_STR(err.message, "La etapa de propuestas de este proceso ya terminó.");
}

static const char *canon(const pt_process_def *d, const char *stored, pt_error *err)
{
	static char out[256];
	pt_process_ballot b;
	pt_tally_options o;
	pt_profile p;
	pt_buf buf;
	pt_status s;

	memset(&b, 0, sizeof(b));
	b.ballot = stored;
	b.ballot_len = strlen(stored);
	if (pt_process_profile_init(d, &p, &o, NULL, err) != PT_OK) {
		return "(profile)";
	}
	pt_buf_init(&buf, NULL);
	s = pt_process_ballot_add_stored(&p, &b, err);
	if (s == PT_OK) {
		s = pt_process_ballot_canonical(d, &p, &buf, err);
	}
	snprintf(out, sizeof(out), "%s", s == PT_OK ? (buf.data ? buf.data : "") : err->message);
	pt_buf_free(&buf);
	pt_profile_free(&p);
	return out;
}

PT_TEST(canonical_ballot_text)
{
	pt_error err;

	pt_error_clear(&err);
	PT_CHECK_STR(canon(def_of("norte"), "c>a=b", &err), "c>a=b");
	PT_CHECK_STR(canon(def_of("paper"), "b,a", &err), "a,b");       /* approval: the YAML's order */
	PT_CHECK_STR(canon(def_of("pp"), "y,x", &err),
		"Boleta inválida: los proyectos elegidos cuestan 110 en total y el presupuesto es de 100.");
	PT_CHECK_STR(canon(def_of("pp"), "y", &err), "y");
	PT_CHECK_STR(canon(def_of("paper"), "", &err), "");              /* a blank ballot */
}

PT_TEST(stance_and_refusals)
{
	pt_error err;

	pt_error_clear(&err);
	pt_error_set(&err, PT_ERR_INVALID, "boleta 0: candidato desconocido 'z'");
	err.index = 0;
	PT_CHECK_EQ_INT(pt_process_ballot_refusal(&err), PT_ERR_INVALID);
	PT_CHECK_STR(err.message, "Boleta inválida: candidato desconocido 'z'");
	PT_CHECK_EQ_INT(err.index, -1);
	PT_CHECK(pt_process_text_chars("a\tb\n", 4, true) == 4);
	PT_CHECK(pt_process_text_chars("a\tb", 3, false) < 0);
	PT_CHECK(pt_process_text_chars("\xc3\xa9", 2, false) == 1);
}

PT_TEST(digest_lines)
{
	pt_process_ballot b;
	pt_buf line;

	memset(&b, 0, sizeof(b));
	b.receipt = "r1";
	b.receipt_len = 2;
	b.ballot = "block";
	b.ballot_len = 5;
	b.reason = "no\tsé\\\r\n";
	b.reason_len = strlen(b.reason);
	b.role = "vecino";
	b.role_len = 6;
	pt_buf_init(&line, NULL);
	pt_process_digest_line(&line, &b);
	PT_CHECK_STR(line.data, "r1\tblock\tvecino\tno\\tsé\\\\\\r\\n\t\n");
	pt_buf_free(&line);
}

int main(void)
{
	int rc;

	if (!pt_test_load_config("test_process_rules", yaml, &cfg, &diags)) {
		return 1;
	}
	PT_RUN(cast_phase_and_eligibility);
	PT_RUN(results_export_withdraw);
	PT_RUN(options_and_proposals);
	PT_RUN(canonical_ballot_text);
	PT_RUN(stance_and_refusals);
	PT_RUN(digest_lines);
	rc = pt_test_summary("test_process_rules");
	pt_config_free(cfg);
	pt_diags_free(&diags);
	return rc;
}
