/* The commitment fragments' rules: the forms' fields (core/fragment/commitment_form.c) and the view
 * models of the commitment page, the plan dashboard and the assemblies (core/fragment/commitment_view.c, plan_view.c, assembly_view.c),
 * rendered through the real templates. */
#include "pt_test.h"
#include "core/fragment/commitment_form.h"
#include "core/fragment/commitment_view.h"
#include "core/fragment/request_rules.h"
#include "core/common/messages.h"
#include "io/site/config_load.h"
#include "io/template/template_files.h"

#include <stdarg.h>
#include <unistd.h>

static pt_config *cfg;

static const char yaml[] =
	"site:\n  name: Prueba\n"
	"database:\n  socket: /nonexistent/mysqld.sock\n  name: x\n  user: root\n"
	"territories:\n"
	"  - id: iztapalapa\n    name: Alcaldía Iztapalapa\n    children:\n"
	"      - id: dt-teotongo\n        name: Teotongo\n        children:\n"
	"          - { id: san-miguel, name: San Miguel Teotongo }\n"
	"roles:\n"
	"  funcionario: { can: [comment, answer, update_commitment] }\n"
	"  facilitador: { can: [comment, record_assembly] }\n"
	"plans:\n"
	"  - id: pal\n    title: Plan de Acción Local\n    period: { from: 2026-01-01, to: 2027-12-31 }\n"
	"    territory: iztapalapa\n    approval: { date: 2026-02-15, body: secretariado-tecnico, session: Tercera sesión }\n"
	"  - id: agenda\n    title: Agenda de Teotongo\n    territory: dt-teotongo\n    agenda: true\n"
	"commitments:\n"
	"  themes:\n    - { id: presupuesto, label: Presupuesto y Hacienda Pública }\n"
	"    - { id: medio-ambiente, label: Medio Ambiente }\n    - { id: justicia, label: Justicia }\n"
	"  pillars:\n    - { id: transparencia, label: Transparencia }\n    - { id: rendicion, label: Rendición de cuentas }\n"
	"  agencies:\n    - { id: obras, name: Dirección General de Obras }\n"
	"  statuses:\n"
	"    - id: por-iniciar\n      label: Por iniciar\n      progress: 0\n      initial: true\n"
	"      transitions:\n        - { to: en-proceso, by: [funcionario] }\n"
	"    - id: en-proceso\n      label: En proceso\n      progress: 10\n"
	"      transitions:\n        - { to: cumplido, by: [funcionario] }\n"
	"    - { id: cumplido, label: Cumplido, progress: 100, closed: true }\n"
	"  completion:\n"
	"    - { id: sin-evidencia, label: Sin evidencia, no_evidence: true }\n"
	"    - { id: no-iniciado, label: No iniciado, from: 0 }\n"
	"  traffic_light: { at_risk_behind: 15, late_grace_days: 0 }\n"
	"assemblies:\n  min_attendance: 10\n";

/* ---- building trees ------------------------------------------------------------------- */

static pt_value *str(const char *s)
{
	return s ? pt_value_cstr(NULL, s) : pt_value_null(NULL);
}

/* A map from key/value pairs: ("k", pt_value *) ..., NULL. */
static pt_value *map(const char *key, ...)
{
	pt_value *m = pt_value_map(NULL);
	va_list ap;

	va_start(ap, key);
	for (; key; key = va_arg(ap, const char *)) {
		pt_value_setc(m, key, va_arg(ap, pt_value *));
	}
	va_end(ap);
	return m;
}

static pt_value *list(pt_value *first, ...)
{
	pt_value *l = pt_value_list(NULL), *v;
	va_list ap;

	va_start(ap, first);
	for (v = first; v; v = va_arg(ap, pt_value *)) {
		pt_value_push(l, v);
	}
	va_end(ap);
	return l;
}

/* A commitment as list()/get() gives it (the keys the views read). */
static pt_value *record(const char *id, const char *parent, const char *theme, const char *pillar, const char *status,
	const char *status_label, const char *light, double progress, const char *due, int depth)
{
	return map("id", str(id), "plan", str("pal"), "parent", str(parent), "title", str(id), "theme", str(theme),
		"pillars", pillar ? list(str(pillar), NULL) : pt_value_list(NULL), "status", str(status),
		"status_label", str(status_label), "light", str(light), "progress", pt_value_real(NULL, progress),
		"due_date", str(due), "depth", pt_value_int(NULL, depth), "weight", pt_value_null(NULL),
		"milestones", pt_value_list(NULL), NULL);
}

static const char *get_str(const pt_value *v, const char *path)
{
	char key[64];
	const char *dot;

	while (v && (dot = strchr(path, '.')) != NULL) {
		snprintf(key, sizeof(key), "%.*s", (int)(dot - path), path);
		v = v->type == PT_VALUE_LIST ? (size_t)atoi(key) < v->u.c.count ? v->u.c.items[atoi(key)] : NULL
			: pt_value_get(v, key);
		path = dot + 1;
	}
	if (v && v->type == PT_VALUE_LIST) {
		v = (size_t)atoi(path) < v->u.c.count ? v->u.c.items[atoi(path)] : NULL;
	} else {
		v = v ? pt_value_get(v, path) : NULL;
	}
	return v && v->type == PT_VALUE_STRING ? v->u.s.s : NULL;
}

static const pt_value *get(const pt_value *v, const char *path)
{
	char key[64];
	const char *dot;

	for (;;) {
		dot = strchr(path, '.');
		snprintf(key, sizeof(key), "%.*s", dot ? (int)(dot - path) : (int)strlen(path), path);
		if (!v) {
			return NULL;
		}
		v = v->type == PT_VALUE_LIST ? ((size_t)atoi(key) < v->u.c.count ? v->u.c.items[atoi(key)] : NULL)
			: pt_value_get(v, key);
		if (!dot) {
			return v;
		}
		path = dot + 1;
	}
}

static int64_t get_int(const pt_value *v, const char *path)
{
	const pt_value *x = get(v, path);

	return x && x->type == PT_VALUE_INT ? x->u.i : -999;
}

/* A checked post as pt_request_check() leaves it: {errors: {}, draft: {field: text}}. */
static pt_value *outcome(const char *field, ...)
{
	pt_value *draft = pt_value_map(NULL);
	va_list ap;

	va_start(ap, field);
	for (; field; field = va_arg(ap, const char *)) {
		pt_value_setc(draft, field, str(va_arg(ap, const char *)));
	}
	va_end(ap);
	return map("errors", pt_value_map(NULL), "draft", draft, NULL);
}

static const char *error_of(const pt_value *o, const char *field)
{
	return get_str(pt_value_get(o, "errors"), field);
}

/* ---- the forms ------------------------------------------------------------------------ */

PT_TEST(progress_form_call)
{
	pt_value *o = outcome("commitment", "PAL-07", "progress", " 45,5 % ", "note", "  primera jornada \n",
		"evidence_url", "https://gob.mx/acta.pdf", "evidence_description", "Acta", NULL);
	pt_commitment_call c;
	pt_error err;

	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_commitment_form_call(PT_COMMITMENT_FORM_PROGRESS, o, "2026-03-10", NULL, &c, &err), PT_OK);
	PT_CHECK_STR(c.id, "PAL-07");
	PT_CHECK(c.note && c.note_len == 15 && strncmp(c.note, "primera jornada", 15) == 0);
	PT_CHECK_STR(get_str(c.args, "note"), "primera jornada");
	PT_CHECK_STR(get_str(c.changes, "progress"), "45.50");
	PT_CHECK_STR(get_str(c.changes, "add_evidence.url"), "https://gob.mx/acta.pdf");
	PT_CHECK_STR(get_str(c.changes, "add_evidence.description"), "Acta");
	PT_CHECK_STR(get_str(c.changes, "add_evidence.date"), "2026-03-10");
	PT_CHECK_EQ_INT(pt_value_get(o, "errors")->u.c.count, 0);
	pt_value_free(c.args);
	pt_value_free(o);

	/* evidence alone is an update too; the progress then does not change */
	o = outcome("commitment", "PAL-07", "progress", "", "evidence_url", "http://gob.mx/x", NULL);
	PT_CHECK_EQ_INT(pt_commitment_form_call(PT_COMMITMENT_FORM_PROGRESS, o, "2026-03-10", NULL, &c, &err), PT_OK);
	PT_CHECK(c.args && !pt_value_get(c.changes, "progress") && !c.note);
	PT_CHECK_STR(get_str(c.args, "note"), "");
	PT_CHECK(pt_value_get(c.args, "changes") == c.changes);
	pt_value_free(c.args);
	pt_value_free(o);
}

PT_TEST(progress_form_refusals)
{
	static const char *const bad[] = { "101", "-1", "45.555", "cuarenta", "1e2", "45,5,5" };
	pt_commitment_call c;
	pt_error err;
	pt_value *o;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		o = outcome("commitment", "PAL-07", "progress", bad[i], NULL);
		pt_error_clear(&err);
		PT_CHECK_EQ_INT(pt_commitment_form_call(PT_COMMITMENT_FORM_PROGRESS, o, "2026-03-10", NULL, &c, &err),
			PT_ERR_INVALID);
		PT_CHECK(c.args == NULL);
		PT_CHECK_STR(err.message, "Revisa los datos marcados.");
		PT_CHECK_STR(error_of(o, "progress"), "Escribe el avance como un número de 0 a 100, con dos decimales como máximo.");
		pt_value_free(o);
	}
	/* every field at once: a bad address and a description without one; nothing at all */
	o = outcome("commitment", "PAL-07", "progress", "50", "evidence_url", "javascript:alert(1)", NULL);
	PT_CHECK_EQ_INT(pt_commitment_form_call(PT_COMMITMENT_FORM_PROGRESS, o, "2026-03-10", NULL, &c, &err), PT_ERR_INVALID);
	PT_CHECK(error_of(o, "evidence_url") && strstr(error_of(o, "evidence_url"), "https://"));
	PT_CHECK(!error_of(o, "progress"));
	pt_value_free(o);
	o = outcome("commitment", "PAL-07", "evidence_url", "ftp://gob.mx/x", "progress", "x", NULL);
	PT_CHECK_EQ_INT(pt_commitment_form_call(PT_COMMITMENT_FORM_PROGRESS, o, NULL, NULL, &c, &err), PT_ERR_INVALID);
	PT_CHECK_EQ_INT(pt_value_get(o, "errors")->u.c.count, 2);
	pt_value_free(o);
	o = outcome("commitment", "PAL-07", "evidence_description", "Minuta", NULL);
	PT_CHECK_EQ_INT(pt_commitment_form_call(PT_COMMITMENT_FORM_PROGRESS, o, NULL, NULL, &c, &err), PT_ERR_INVALID);
	PT_CHECK_STR(error_of(o, "evidence_url"), "Escribe la dirección de la evidencia que describes.");
	pt_value_free(o);
	o = outcome("commitment", "PAL-07", NULL);
	PT_CHECK_EQ_INT(pt_commitment_form_call(PT_COMMITMENT_FORM_PROGRESS, o, NULL, NULL, &c, &err), PT_ERR_INVALID);
	PT_CHECK_STR(error_of(o, "progress"), "Escribe el avance o agrega una evidencia.");
	pt_value_free(o);
	/* not a commitment form */
	o = outcome(NULL);
	PT_CHECK_EQ_INT(pt_commitment_form_call("thread.post", o, NULL, NULL, &c, &err), PT_ERR_INVALID);
	pt_value_free(o);
	/* every message is catalogued (an English site reads them in English) */
	PT_CHECK(pt_msg_english("Escribe el avance o agrega una evidencia.") != NULL);
	PT_CHECK(pt_msg_english("Revisa los datos marcados.") != NULL);
}

PT_TEST(assembly_form_call)
{
	pt_value *o = outcome("territory", "san-miguel", "held_on", "14/03/2026", "place", " Explanada ",
		"attendance", "1,042", "attendees", "wp:12\n\n  María Hernández  \nJosé\n", "agenda", "1. Agua\n2. Luz",
		"minutes", "Se acordó por consenso.", "agreements", "Pipas los martes\n\nReparar 12 luminarias\n", NULL);
	pt_commitment_call c;
	pt_error err;
	const pt_value *l;

	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_commitment_form_call(PT_COMMITMENT_FORM_ASSEMBLY, o, NULL, NULL, &c, &err), PT_OK);
	PT_CHECK(c.id == NULL);
	PT_CHECK(pt_value_get(c.args, "record") == c.changes && !pt_value_get(c.args, "note"));
	PT_CHECK_STR(get_str(c.changes, "territory"), "san-miguel");
	PT_CHECK_STR(get_str(c.changes, "held_on"), "2026-03-14");
	PT_CHECK_STR(get_str(c.changes, "place"), "Explanada");
	PT_CHECK_EQ_INT(get_int(c.changes, "attendance"), 1042);
	l = pt_value_get(c.changes, "attendees");
	PT_CHECK(l && l->type == PT_VALUE_LIST && l->u.c.count == 3);
	PT_CHECK_STR(get_str(c.changes, "attendees.1"), "María Hernández");
	l = pt_value_get(c.changes, "agreements");
	PT_CHECK(l && l->u.c.count == 2);
	PT_CHECK_STR(get_str(c.changes, "agreements.1"), "Reparar 12 luminarias");
	PT_CHECK_STR(get_str(c.changes, "agenda"), "1. Agua\n2. Luz");
	pt_value_free(c.args);
	pt_value_free(o);
}

PT_TEST(assembly_form_refusals)
{
	static const char *const dates[] = { "2026-02-30", "30/02/2026", "14-03-2026", "marzo", "2026-3-14" };
	static const char *const counts[] = { "1,04", "-3", "12.5", "1,0000", ",100", "1000001", "muchos" };
	char name[200];
	pt_commitment_call c;
	pt_error err;
	pt_value *o;
	size_t i;

	for (i = 0; i < sizeof(dates) / sizeof(dates[0]); i++) {
		o = outcome("territory", "san-miguel", "held_on", dates[i], "place", "x", "attendance", "3", NULL);
		pt_error_clear(&err);
		PT_CHECK_EQ_INT(pt_commitment_form_call(PT_COMMITMENT_FORM_ASSEMBLY, o, NULL, NULL, &c, &err), PT_ERR_INVALID);
		PT_CHECK_STR(error_of(o, "held_on"), "Escribe la fecha como AAAA-MM-DD (por ejemplo, 2026-03-14).");
		pt_value_free(o);
	}
	for (i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
		o = outcome("territory", "san-miguel", "held_on", "2026-03-14", "place", "x", "attendance", counts[i], NULL);
		PT_CHECK_EQ_INT(pt_commitment_form_call(PT_COMMITMENT_FORM_ASSEMBLY, o, NULL, NULL, &c, &err), PT_ERR_INVALID);
		PT_CHECK(error_of(o, "attendance") != NULL);
		pt_value_free(o);
	}
	/* more names than people, a name too long, and a bad date: all three said at once */
	memset(name, 'a', 126);
	name[126] = '\0';
	o = outcome("territory", "san-miguel", "held_on", "x", "place", "x", "attendance", "1", "attendees", "Ana\nBeto",
		"agreements", name, NULL);
	PT_CHECK_EQ_INT(pt_commitment_form_call(PT_COMMITMENT_FORM_ASSEMBLY, o, NULL, NULL, &c, &err), PT_ERR_INVALID);
	PT_CHECK_STR(error_of(o, "attendees"), "La lista de asistentes tiene más nombres que la asistencia.");
	PT_CHECK(error_of(o, "held_on") != NULL);
	PT_CHECK(error_of(o, "agreements") == NULL);   /* an agreement may be 5,000 characters */
	pt_value_free(o);
	o = outcome("territory", "san-miguel", "held_on", "2026-03-14", "place", "x", "attendance", "5", "attendees", name,
		NULL);
	PT_CHECK_EQ_INT(pt_commitment_form_call(PT_COMMITMENT_FORM_ASSEMBLY, o, NULL, NULL, &c, &err), PT_ERR_INVALID);
	PT_CHECK(error_of(o, "attendees") && strstr(error_of(o, "attendees"), "Cada nombre"));
	pt_value_free(o);
	/* attendance 0 with no list is a record (below the quorum: no commitments) */
	o = outcome("territory", "san-miguel", "held_on", "2026-03-14", "place", "x", "attendance", "0", NULL);
	PT_CHECK_EQ_INT(pt_commitment_form_call(PT_COMMITMENT_FORM_ASSEMBLY, o, NULL, NULL, &c, &err), PT_OK);
	pt_value_free(c.args);
	pt_value_free(o);
}

/* the request rows name the same fields the forms read */
PT_TEST(request_rows)
{
	const pt_request_rule *p = pt_request_rule_find("commitments.progress", 20);
	const pt_request_rule *a = pt_request_rule_find("commitments.assembly", 20);

	PT_CHECK(p && a && p->prepare == pt_commitment_form_prepare && a->prepare == pt_commitment_form_prepare);
	PT_CHECK_STR(p->via, "commitments");
	PT_CHECK_STR(p->call, "update $commitment %changes @ %note");
	PT_CHECK_STR(a->call, "recordAssembly %record @");
	PT_CHECK_STR(p->fields[0].name, "commitment");
	PT_CHECK(p->fields[0].required && !p->fields[1].required);
	PT_CHECK_STR(a->fields[7].name, "agreements");
	PT_CHECK(pt_msg_english(a->done) != NULL && pt_msg_english(p->done) != NULL);
}

/* Request's way: the rows' fields checked, the prepare reading them, the call's arguments in order. */
PT_TEST(request_check_and_args)
{
	pt_fragment_host h;
	pt_value *post = map("participa_action", str("commitments.progress"), "participa_form", str("avance"),
		"commitment", str("PAL-07"), "progress", str("45,5"), "note", str("Se instalaron los comités\r\n"),
		"evidence_url", str("https://gob.mx/a.pdf"), NULL), *o = NULL, *args = NULL;
	const pt_request_rule *rule = NULL;
	char method[32];
	pt_error err;

	memset(&h, 0, sizeof(h));
	h.url = "/c/?{params}";
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_request_check(post, "wp:7", &h, NULL, &o, &rule, &err), PT_OK);
	PT_CHECK_EQ_INT(pt_request_args(rule, false, o, "wp:7", NULL, method, sizeof(method), &args), PT_OK);
	PT_CHECK_STR(method, "commitments");
	pt_value_free(args);
	PT_CHECK_EQ_INT(pt_request_args(rule, true, o, "wp:7", NULL, method, sizeof(method), &args), PT_OK);
	PT_CHECK_STR(method, "update");
	PT_CHECK(args && args->u.c.count == 4);
	PT_CHECK_STR(get_str(args, "0"), "PAL-07");
	PT_CHECK_STR(get_str(get(args, "1"), "progress"), "45.50");
	PT_CHECK_STR(get_str(get(args, "1"), "add_evidence.url"), "https://gob.mx/a.pdf");
	PT_CHECK_STR(get_str(args, "2"), "wp:7");
	PT_CHECK_STR(get_str(args, "3"), "Se instalaron los comités");
	pt_value_free(args);
	/* the answer leaves nothing prepared behind */
	{
		bool done = true;

		PT_CHECK_EQ_INT(pt_request_finish(o, rule, &h, &done), PT_OK);
		PT_CHECK(!pt_value_get(o, "prepared"));
	}
	pt_value_free(o);
	pt_value_free(post);

	/* refused by the prepare: the field's message, the draft kept, the message above the form */
	post = map("participa_action", str("commitments.assembly"), "participa_form", str("asamblea"),
		"territory", str("san-miguel"), "held_on", str("31/02/2026"), "place", str("Explanada"), "attendance", str("40"), NULL);
	o = NULL;
	PT_CHECK_EQ_INT(pt_request_check(post, "wp:12", &h, NULL, &o, &rule, &err), PT_ERR_INVALID);
	PT_CHECK_STR(get_str(o, "message"), "Revisa los datos marcados.");
	PT_CHECK_STR(get_str(o, "errors.held_on"), "Escribe la fecha como AAAA-MM-DD (por ejemplo, 2026-03-14).");
	PT_CHECK_STR(get_str(o, "draft.held_on"), "31/02/2026");
	PT_CHECK(!pt_value_get(o, "prepared"));
	pt_value_free(o);
	/* the same in English */
	h.lang = "en";
	o = NULL;
	PT_CHECK_EQ_INT(pt_request_check(post, "wp:12", &h, NULL, &o, &rule, &err), PT_ERR_INVALID);
	PT_CHECK_STR(get_str(o, "message"), "Please check the marked fields.");
	pt_value_free(o);
	pt_value_free(post);
}

/* ---- the views ---------------------------------------------------------------------------- */

static pt_fragment_host host_es(void)
{
	pt_fragment_host h;

	memset(&h, 0, sizeof(h));
	h.url = "https://ejemplo.mx/compromisos/?{params}";
	h.here = "https://ejemplo.mx/compromisos/?vista=PAL-09";
	h.instance = "c1";
	h.params[PT_FRAGMENT_PARAM_VIEW] = "vista";
	h.token_name = "_wpnonce";
	h.token_value = "abc";
	return h;
}

static pt_value *page_data(bool may_update)
{
	pt_value *d = record("PAL-09", NULL, "presupuesto", "transparencia", "en-proceso", "En proceso", "late", 45.5,
		"2026-06-30", 0);
	pt_value *hist = list(map("action", str("update"), "actor", str("wp:7"), "at", str("2026-02-01 18:05:00.000000"),
		"note", str("primera jornada"), NULL), NULL);

	pt_value_setc(d, "objective", str("Reparar las luminarias.\n\nSegundo párrafo\ncon salto."));
	pt_value_setc(d, "budget", str("987654.32"));
	pt_value_setc(d, "verification", str("Actas de entrega-recepción"));
	pt_value_setc(d, "start_date", str("2026-02-01"));
	pt_value_setc(d, "territory", str("san-miguel"));
	pt_value_setc(d, "children", pt_value_int(NULL, 2));
	pt_value_setc(d, "agency_name", str("Dirección General de Obras"));
	pt_value_setc(d, "children_list", list(
		record("PAL-09.1", "PAL-09", NULL, NULL, "cumplido", "Cumplido", "done", 100, NULL, 1),
		record("PAL-09.2", "PAL-09", NULL, NULL, "por-iniciar", "Por iniciar", "late", 0, "2026-01-31", 1), NULL));
	pt_value_setc(d, "evidence", list(map("url", str("https://gob.mx/acta.pdf"), "reference", str(NULL),
		"description", str("Acta"), "date", str("2026-02-03"), "added_by", str("wp:7"), NULL),
		map("url", str(NULL), "reference", str("Oficio 45/2026"), "description", str(NULL), "date", str(NULL),
		"added_by", str(NULL), NULL), NULL));
	pt_value_setc(d, "official_answers", list(map("author", str("wp:7"), "body", str("Programadas para abril."),
		"created_at", str("2026-03-01 18:05:00.000000"), NULL), NULL));
	pt_value_setc(d, "history", hist);
	pt_value_setc(d, "today", str("2026-11-01"));
	pt_value_setc(d, "may_update", pt_value_bool(NULL, may_update));
	pt_value_setc(d, "parent_record", pt_value_null(NULL));
	pt_value_setc(d, "site", pt_fragment_commitment_site(cfg, d, 0, NULL));
	return d;
}

PT_TEST(commitment_view_model)
{
	pt_fragment_host h = host_es();
	pt_value *names = map("wp:7", str("Funcionaria Pérez"), NULL), *d = page_data(false), *m = NULL, *ids;
	pt_error err;

	h.names = names;
	pt_error_clear(&err);
	ids = pt_fragment_commitment_ids(d, NULL);
	PT_CHECK(ids && ids->u.c.count == 3);   /* the answer's author, the evidence's, the last update's */
	pt_value_free(ids);
	PT_CHECK_EQ_INT(pt_fragment_commitment_view(d, &h, NULL, &m, &err), PT_OK);
	PT_CHECK_STR(get_str(m, "light.label"), "Con retraso");
	PT_CHECK_STR(get_str(m, "light.name"), "late");
	PT_CHECK_STR(get_str(m, "progress.text"), "45.5 %");
	PT_CHECK_STR(get_str(m, "progress.value"), "45.50");
	PT_CHECK_STR(get_str(m, "facts.3.term"), "Territorio");
	PT_CHECK_STR(get_str(m, "facts.3.value"), "San Miguel Teotongo");
	PT_CHECK_STR(get_str(m, "facts.5.date.text"), "1 de febrero de 2026");
	PT_CHECK_STR(get_str(m, "facts.5.date.iso"), "2026-02-01");
	PT_CHECK_STR(get_str(m, "facts.7.value"), "$987,654.32");
	PT_CHECK_STR(get_str(m, "children.0.href"), "https://ejemplo.mx/compromisos/?vista=PAL-09.1");
	PT_CHECK_STR(get_str(m, "children.1.light.label"), "Con retraso");
	PT_CHECK(get_str(m, "rollup") && strstr(get_str(m, "rollup"), "promedio"));
	PT_CHECK_STR(get_str(m, "objective.1.lines.1.text"), "con salto.");
	PT_CHECK_STR(get_str(m, "evidence.0.by"), "Funcionaria Pérez");
	PT_CHECK_STR(get_str(m, "evidence.1.text"), "Oficio 45/2026");
	PT_CHECK(get(m, "evidence.1.href") && get(m, "evidence.1.href")->type == PT_VALUE_NULL);
	PT_CHECK_STR(get_str(m, "answers.0.author"), "Funcionaria Pérez");
	PT_CHECK_STR(get_str(m, "answers.0.date.text"), "1 de marzo de 2026, 12:05");   /* Mexico City */
	PT_CHECK_STR(get_str(m, "last_update.date.iso"), "2026-02-01T18:05:00Z");
	PT_CHECK_STR(get_str(m, "last_update.note"), "primera jornada");
	PT_CHECK(!pt_value_get(m, "form"));
	pt_value_free(m);
	pt_value_free(d);
	pt_value_free(names);
}

PT_TEST(commitment_view_english_and_form)
{
	pt_fragment_host h = host_es();
	pt_value *d = page_data(true), *m = NULL, *o;
	const pt_value *fields;
	pt_error err;

	h.lang = "en";
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_fragment_commitment_view(d, &h, NULL, &m, &err), PT_OK);
	PT_CHECK_STR(get_str(m, "light.label"), "Late");
	PT_CHECK_STR(get_str(m, "t.progress"), "Progress");
	PT_CHECK_STR(get_str(m, "facts.5.date.text"), "February 1, 2026");
	PT_CHECK_STR(get_str(m, "evidence.0.by"), "Participant");   /* no names: never the raw id */
	/* a parent: the form offers a note and evidence, not a progress it would refuse */
	fields = get(m, "form.fields");
	PT_CHECK(fields && fields->u.c.count == 3);
	PT_CHECK_STR(get_str(m, "form.hidden.0.value"), "commitments.progress");
	PT_CHECK_STR(get_str(m, "form.hidden.2.name"), "_wpnonce");
	PT_CHECK_STR(get_str(m, "form.hidden.4.value"), "PAL-09");
	pt_value_free(m);

	/* a leaf, refused: the error next to the field, the draft kept, the message above */
	pt_request_put(d, "children", pt_value_int(NULL, 0));
	o = map("ok", pt_value_bool(NULL, 0), "action", str("commitments.progress"), "form", str("avance"),
		"message", str("Revisa los datos marcados."),
		"errors", map("progress", str("Escribe el avance como un número de 0 a 100, con dos decimales como máximo."), NULL),
		"draft", map("progress", str("ciento"), NULL), NULL);
	h.outcome = o;
	h.lang = NULL;
	PT_CHECK_EQ_INT(pt_fragment_commitment_view(d, &h, NULL, &m, &err), PT_OK);
	PT_CHECK_STR(get_str(m, "form.fields.0.name"), "progress");
	PT_CHECK_STR(get_str(m, "form.fields.0.value"), "ciento");
	PT_CHECK_STR(get_str(m, "form.fields.0.error_id"), "c1-avance-progress-error");
	PT_CHECK_STR(get_str(m, "form.fields.0.describedby"), "c1-avance-progress-ayuda c1-avance-progress-error");
	PT_CHECK_STR(get_str(m, "form.message"), "Revisa los datos marcados.");
	PT_CHECK_STR(get_str(m, "form.message_kind"), "error");
	PT_CHECK(get(m, "form.fields.1.error") && get(m, "form.fields.1.error")->type == PT_VALUE_NULL);
	pt_value_free(m);
	pt_value_free(o);
	pt_value_free(d);
}

/* A plan of 3 themes: 4 + 2 + 1 top-level commitments and one sub-commitment. */
static pt_value *plan_data(void)
{
	pt_value *l = list(
		record("A1", NULL, "presupuesto", "transparencia", "por-iniciar", "Por iniciar", "on_track", 10, "2027-06-30", 0),
		record("A2", NULL, "presupuesto", "rendicion", "en-proceso", "En proceso", "late", 40, "2026-05-31", 0),
		record("A3", NULL, "presupuesto", "transparencia", "cumplido", "Cumplido", "done", 100, "2026-04-30", 0),
		record("A4", NULL, "presupuesto", NULL, "por-iniciar", "Por iniciar", "late", 0, "2026-01-31", 0),
		record("B1", NULL, "medio-ambiente", "transparencia", "en-proceso", "En proceso", "at_risk", 20, "2027-01-31", 0),
		record("B2", NULL, "medio-ambiente", "rendicion", "por-iniciar", "Por iniciar", "unscheduled", 0, NULL, 0),
		record("C1", NULL, "justicia", "transparencia", "en-proceso", "En proceso", "on_track", 60, "2027-12-31", 0),
		record("A2.1", "A2", "justicia", "transparencia", "por-iniciar", "Por iniciar", "late", 0, "2026-02-28", 1),
		NULL);
	pt_value *d = map("plan", str("pal"), "commitments", l, "today", str("2026-11-01"), NULL);

	pt_request_put(l->u.c.items[0], "milestones", list(
		map("title", str("Mesa instalada"), "due", str("2026-03-01"), "done", pt_value_bool(NULL, 1), NULL),
		map("title", str("Informe"), "due", str("2026-09-01"), "done", pt_value_bool(NULL, 0), NULL),
		map("title", str("Cierre"), "due", str("2027-06-01"), "done", pt_value_bool(NULL, 0), NULL), NULL));
	pt_value_setc(d, "site", pt_fragment_commitment_site(cfg, d, 0, NULL));
	return d;
}

PT_TEST(plan_view_model)
{
	pt_fragment_host h = host_es();
	pt_value *d = plan_data(), *m = NULL;
	const pt_value *rows, *order;
	pt_error err;
	size_t i, k;

	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_fragment_plan_view(d, &h, NULL, &m, &err), PT_OK);
	PT_CHECK_STR(get_str(m, "plan.title"), "Plan de Acción Local");
	PT_CHECK_STR(get_str(m, "plan.period"), "Vigencia: 1 de enero de 2026 – 31 de diciembre de 2027");
	PT_CHECK_STR(get_str(m, "plan.approval"), "Aprobado el 15 de febrero de 2026 (Tercera sesión)");
	/* overall: the plain mean of the 7 top-level commitments: 230 / 7 = 32.857 */
	PT_CHECK_STR(get_str(m, "overall.text"), "32.9 %");
	PT_CHECK_STR(get_str(m, "overall.count"), "7 compromisos");
	/* lights in words, late first; the sub-commitment counts here (3 late) */
	PT_CHECK_STR(get_str(m, "lights.0.label"), "Con retraso");
	PT_CHECK_STR(get_str(m, "lights.0.count"), "3 compromisos");
	PT_CHECK_STR(get_str(m, "lights.3.label"), "Sin fecha de término");
	/* the theme table: rows in the YAML's order, top-level only, cells per status adding up */
	rows = get(m, "themes.rows");
	PT_CHECK(rows && rows->u.c.count == 3);
	PT_CHECK_STR(get_str(m, "themes.rows.0.label"), "Presupuesto y Hacienda Pública");
	PT_CHECK_EQ_INT(get_int(m, "themes.rows.0.count"), 4);
	PT_CHECK_STR(get_str(m, "themes.rows.0.percent"), "57.1 %");
	PT_CHECK_EQ_INT(get_int(m, "themes.rows.0.late"), 2);
	PT_CHECK_EQ_INT(get_int(m, "themes.rows.2.count"), 1);   /* justicia: C1; A2.1 is not top-level */
	PT_CHECK_STR(get_str(m, "themes.rows.2.percent"), "14.3 %");
	for (i = 0; rows && i < rows->u.c.count; i++) {
		const pt_value *cells = pt_value_get(rows->u.c.items[i], "cells");
		int64_t sum = 0;

		for (k = 0; cells && k < cells->u.c.count; k++) {
			sum += get_int(cells->u.c.items[k], "count");
		}
		PT_CHECK_EQ_INT(sum, get_int(rows->u.c.items[i], "count"));
	}
	PT_CHECK_EQ_INT(get_int(m, "themes.total.count"), 7);
	PT_CHECK_STR(get_str(m, "themes.total.percent"), "100 %");
	PT_CHECK_EQ_INT(get_int(m, "themes.total.cells.1.count"), 3);   /* en proceso: A2, B1, C1 */
	/* the chart: the longest bar is the largest theme; segments side by side */
	PT_CHECK_EQ_INT(get_int(m, "themes.chart.bars.0.segments.0.width") + get_int(m, "themes.chart.bars.0.segments.1.width")
		+ get_int(m, "themes.chart.bars.0.segments.2.width"), 360);
	PT_CHECK_EQ_INT(get_int(m, "themes.chart.bars.0.segments.1.x"), 210 + get_int(m, "themes.chart.bars.0.segments.0.width"));
	PT_CHECK_EQ_INT(get_int(m, "themes.chart.bars.1.segments.0.width"), 90);
	PT_CHECK_STR(get_str(m, "themes.chart.bars.0.segments.0.title"), "Por iniciar: 2");
	PT_CHECK_EQ_INT(get_int(m, "themes.chart.bars.1.y"), 8 + 26);
	/* pillars: a commitment counts once per pillar */
	PT_CHECK_EQ_INT(get_int(m, "pillars.rows.0.count"), 4);
	PT_CHECK_EQ_INT(get_int(m, "pillars.rows.1.count"), 2);
	PT_CHECK(get_str(m, "pillars.note") != NULL);
	/* the timeline: the plan's period, a tick on 1 January 2027, today, the overdue milestone */
	PT_CHECK_EQ_INT(get_int(m, "timeline.chart.ticks.0.x"), 24 + 365 * 592 / 729);
	PT_CHECK_STR(get_str(m, "timeline.chart.ticks.0.label"), "2027");
	PT_CHECK_EQ_INT(get_int(m, "timeline.chart.points.0.x"), 24 + 59 * 592 / 729);
	PT_CHECK_STR(get_str(m, "timeline.items.1.state_label"), "Vencido");
	PT_CHECK_STR(get_str(m, "timeline.items.1.date.text"), "1 de septiembre de 2026");
	PT_CHECK_STR(get_str(m, "timeline.items.2.state"), "pending");
	PT_CHECK(get(m, "timeline.chart.points.1.square")->u.b);
	PT_CHECK(get(m, "timeline.chart.today") != NULL);
	/* late first (by due date), then at risk, on track, unscheduled, done */
	order = get(m, "commitments");
	PT_CHECK(order && order->u.c.count == 8);
	PT_CHECK_STR(get_str(m, "commitments.0.key"), "A4");
	PT_CHECK_STR(get_str(m, "commitments.1.key"), "A2.1");
	PT_CHECK_STR(get_str(m, "commitments.2.key"), "A2");
	PT_CHECK_STR(get_str(m, "commitments.3.key"), "B1");
	PT_CHECK_STR(get_str(m, "commitments.7.key"), "A3");
	PT_CHECK_STR(get_str(m, "commitments.1.parent_href"), "https://ejemplo.mx/compromisos/?vista=A2");
	pt_value_free(m);
	pt_value_free(d);
}

PT_TEST(assembly_view_model)
{
	pt_fragment_host h = host_es();
	pt_value *names = map("wp:12", str("Enlace Ramírez"), NULL), *m = NULL, *ids;
	pt_value *d = map("territory", str("san-miguel"), "today", str("2026-11-01"), "may_record", pt_value_bool(NULL, 1),
		"assemblies", list(
			map("id", pt_value_int(NULL, 7), "territory", str("san-miguel"), "held_on", str("2026-03-14"),
				"place", str("Explanada"), "attendance", pt_value_int(NULL, 42), "recorded_by", str("wp:12"),
				"agenda", str("1. Agua\n2. Luz"), "minutes", str(NULL),
				"attendees", list(str("wp:12"), str("María Hernández"), NULL),
				"agreements", list(map("text", str("Pipas los martes"), "commitment", str("acuerdo-7-1"), NULL),
					map("text", str("Otra"), "commitment", str(NULL), NULL), NULL), NULL),
			map("id", pt_value_int(NULL, 8), "territory", str("san-miguel"), "held_on", str("2026-04-11"),
				"place", str("Casa de cultura"), "attendance", pt_value_int(NULL, 6),
				"agreements", list(map("text", str("Convocar"), "commitment", str(NULL), NULL), NULL), NULL), NULL),
		"followups", list(record("acuerdo-7-1", NULL, NULL, NULL, "en-proceso", "En proceso", "on_track", 50, NULL, 0), NULL),
		NULL);
	pt_error err;

	pt_value_setc(d, "site", pt_fragment_commitment_site(cfg, d, PT_FRAGMENT_SITE_TERRITORIES, NULL));
	ids = pt_fragment_commitment_ids(d, NULL);
	PT_CHECK(ids && ids->u.c.count == 2);   /* the recorder, and the attendee named by id */
	pt_value_free(ids);
	h.names = names;
	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_fragment_assembly_view(d, &h, NULL, &m, &err), PT_OK);
	PT_CHECK_STR(get_str(m, "title"), "Asambleas vecinales: San Miguel Teotongo");
	PT_CHECK_STR(get_str(m, "assemblies.0.id"), "c1-asamblea-7");
	PT_CHECK_STR(get_str(m, "assemblies.0.date.text"), "14 de marzo de 2026");
	PT_CHECK_STR(get_str(m, "assemblies.0.attendance"), "42 personas");
	PT_CHECK_STR(get_str(m, "assemblies.0.attendees.0.name"), "Enlace Ramírez");
	PT_CHECK_STR(get_str(m, "assemblies.0.attendees.1.name"), "María Hernández");
	PT_CHECK_STR(get_str(m, "assemblies.0.agreements.0.href"), "https://ejemplo.mx/compromisos/?vista=acuerdo-7-1");
	PT_CHECK_STR(get_str(m, "assemblies.0.agreements.0.status_label"), "En proceso");
	PT_CHECK_STR(get_str(m, "assemblies.0.agreements.0.progress"), "50 %");
	PT_CHECK_STR(get_str(m, "assemblies.0.agreements.0.light.label"), "En tiempo");
	PT_CHECK(get(m, "assemblies.0.agreements.1.href")->type == PT_VALUE_NULL);
	PT_CHECK(get(m, "assemblies.0.agreements.1.followup_title")->type == PT_VALUE_NULL);
	PT_CHECK(!pt_value_get(get(m, "assemblies.0"), "quorum"));
	PT_CHECK(get_str(m, "assemblies.1.quorum") != NULL);   /* 6 < min_attendance 10 */
	/* the territory is the page's: a hidden field, not a choice */
	PT_CHECK_STR(get_str(m, "form.hidden.4.name"), "territory");
	PT_CHECK_STR(get_str(m, "form.fields.0.name"), "held_on");
	pt_value_free(m);

	/* every territory: a choice of the 3, by depth */
	pt_request_put(d, "territory", pt_value_null(NULL));
	PT_CHECK_EQ_INT(pt_fragment_assembly_view(d, &h, NULL, &m, &err), PT_OK);
	PT_CHECK_STR(get_str(m, "form.fields.0.name"), "territory");
	PT_CHECK_STR(get_str(m, "form.fields.0.options.2.label"), "– – San Miguel Teotongo");
	pt_value_free(m);
	pt_value_free(d);
	pt_value_free(names);
}

/* ---- through the templates --------------------------------------------------------------- */

/* Every id="..." of html appears once, and no raw code a citizen should not read. */
static void check_html(const char *html, const char *const *absent)
{
	const char *p = html;
	size_t n = 0;

	while ((p = strstr(p, " id=\"")) != NULL) {
		const char *q = strchr(p + 5, '"');
		char id[160], needle[180];
		const char *first;

		snprintf(id, sizeof(id), "%.*s", (int)(q - p - 5), p + 5);
		snprintf(needle, sizeof(needle), " id=\"%s\"", id);
		first = strstr(html, needle);
		if (first != p || strstr(p + 1, needle)) {
			PT_FAIL_AT("id %s is not unique", id);
		}
		p = q;
		n++;
	}
	PT_CHECK(n > 3);
	for (; absent && *absent; absent++) {
		if (strstr(html, *absent)) {
			PT_FAIL_AT("the page shows %s", *absent);
		}
	}
}

static char *render(const char *tpl, pt_value *view)
{
	pt_buf out;
	pt_error err;
	char *s;

	pt_buf_init(&out, NULL);
	pt_error_clear(&err);
	if (pt_fragment_render(tpl, view, &out, &err) != PT_OK) {
		printf("  render %s: %s\n", tpl, err.message);
		pt_buf_free(&out);
		pt_value_free(view);
		return NULL;
	}
	pt_value_free(view);
	s = strdup(out.data ? out.data : "");
	pt_buf_free(&out);
	return s;
}

PT_TEST(rendered_pages)
{
	static const char *const raw[] = { ">late<", ">on_track<", "wp:7", "wp:12", "por-iniciar", "en-proceso", "{{", NULL };
	pt_fragment_host h = host_es();
	pt_value *d, *m = NULL;
	pt_error err;
	char *html;

	pt_error_clear(&err);
	d = page_data(true);
	PT_CHECK_EQ_INT(pt_fragment_commitment_view(d, &h, NULL, &m, &err), PT_OK);
	pt_value_free(d);
	html = render("commitment-page", m);
	PT_CHECK(html != NULL);
	if (html) {
		check_html(html, raw);
		PT_CHECK(strstr(html, "<time datetime=\"2026-06-30\">30 de junio de 2026</time>") != NULL);
		PT_CHECK(strstr(html, "<progress id=\"c1-compromiso-avance\" max=\"100\" value=\"45.50\">45.5 %</progress>") != NULL);
		PT_CHECK(strstr(html, "<dd>$987,654.32</dd>") != NULL);
		PT_CHECK(strstr(html, "Con retraso") != NULL);
		PT_CHECK(strstr(html, "method=\"post\" action=\"https://ejemplo.mx/compromisos/?vista=PAL-09\"") != NULL);
		free(html);
	}
	d = plan_data();
	PT_CHECK_EQ_INT(pt_fragment_plan_view(d, &h, NULL, &m, &err), PT_OK);
	pt_value_free(d);
	html = render("plan-dashboard", m);
	PT_CHECK(html != NULL);
	if (html) {
		check_html(html, raw);
		PT_CHECK(strstr(html, "<title id=\"c1-plan-tematicas-titulo\">") != NULL);
		PT_CHECK(strstr(html, "<tr><th scope=\"row\">Presupuesto y Hacienda Pública</th><td>4</td><td>57.1 %</td>") != NULL);
		free(html);
	}
}

/* Odd data never breaks a view: wrong types read as absent. */
PT_TEST(odd_data)
{
	pt_fragment_host h = host_es();
	pt_value *odd[] = {
		pt_value_null(NULL), pt_value_list(NULL),
		map("id", pt_value_int(NULL, 3), "progress", str("mucho"), "children_list", str("x"), "milestones",
			list(pt_value_int(NULL, 1), map("due", pt_value_int(NULL, 2), NULL), NULL), "history", map(NULL),
			"evidence", list(pt_value_null(NULL), NULL), "site", list(NULL), "may_update", pt_value_bool(NULL, 1), NULL),
		map("commitments", list(map("pillars", str("x"), "depth", str("0"), NULL), pt_value_int(NULL, 1), NULL),
			"site", map("statuses", map(NULL), "themes", list(map(NULL), NULL), NULL), NULL),
		map("assemblies", list(map("attendees", list(pt_value_int(NULL, 1), NULL), "agreements", str("x"), NULL), NULL),
			"may_record", pt_value_bool(NULL, 1), "site", map("territory_list", list(map(NULL), NULL), NULL), NULL),
	};
	pt_status (*views[])(const pt_value *, const pt_fragment_host *, const pt_allocator *, pt_value **, pt_error *) = {
		pt_fragment_commitment_view, pt_fragment_plan_view, pt_fragment_assembly_view };
	size_t i, k;

	for (i = 0; i < sizeof(odd) / sizeof(odd[0]); i++) {
		for (k = 0; k < 3; k++) {
			pt_value *m = NULL;
			pt_error err;

			pt_error_clear(&err);
			PT_CHECK_EQ_INT(views[k](odd[i], &h, NULL, &m, &err), PT_OK);
			pt_value_free(m);
		}
		pt_value_free(odd[i]);
	}
}

/* Every allocation failing in turn: each view answers PT_ERR_NOMEM with nothing left behind (ASan's
 * leak check), until one that fails nothing builds. */
static size_t fail_at, allocs;
static void *f_alloc(size_t n, void *c) { (void)c; return ++allocs == fail_at ? NULL : malloc(n); }
static void *f_realloc(void *p, size_t n, void *c) { (void)c; return ++allocs == fail_at ? NULL : realloc(p, n); }
static void f_free(void *p, void *c) { (void)c; free(p); }
static const pt_allocator failing = { f_alloc, f_realloc, f_free, NULL };

PT_TEST(no_leak_when_an_allocation_fails)
{
	pt_status (*views[])(const pt_value *, const pt_fragment_host *, const pt_allocator *, pt_value **, pt_error *) = {
		pt_fragment_commitment_view, pt_fragment_plan_view, pt_fragment_assembly_view };
	pt_value *data[3] = { page_data(true), plan_data(), NULL };
	pt_value *o = map("ok", pt_value_bool(NULL, 0), "action", str("commitments.progress"), "form", str("avance"),
		"message", str("m"), "errors", map("progress", str("e"), NULL), "draft", map("progress", str("x"), NULL), NULL);
	pt_fragment_host h = host_es();
	size_t k;

	data[2] = map("territory", pt_value_null(NULL), "may_record", pt_value_bool(NULL, 1), "assemblies", list(
		map("id", pt_value_int(NULL, 1), "held_on", str("2026-03-14"), "place", str("x"), "attendance", pt_value_int(NULL, 3),
			"attendees", list(str("wp:1"), NULL), "agreements", list(map("text", str("a"), "commitment", str("c-1"), NULL), NULL),
			NULL), NULL), "followups", list(record("c-1", NULL, NULL, NULL, "por-iniciar", "Por iniciar", "late", 5, NULL, 0), NULL),
		NULL);
	pt_value_setc(data[2], "site", pt_fragment_commitment_site(cfg, data[2], PT_FRAGMENT_SITE_TERRITORIES, NULL));
	h.outcome = o;
	for (k = 0; k < 3; k++) {
		pt_status s = PT_ERR_NOMEM;

		for (fail_at = 1; s != PT_OK && fail_at < 200000; fail_at++) {
			pt_value *v = NULL;
			pt_error err;

			allocs = 0;
			pt_error_clear(&err);
			s = views[k](data[k], &h, &failing, &v, &err);
			PT_CHECK(s == PT_OK ? v != NULL : v == NULL && s == PT_ERR_NOMEM);
			pt_value_free(v);
		}
		PT_CHECK_EQ_INT(s, PT_OK);
		pt_value_free(data[k]);
	}
	/* the forms too */
	for (k = 0; k < 2; k++) {
		pt_status s = PT_ERR_NOMEM;

		for (fail_at = 1; s != PT_OK && fail_at < 10000; fail_at++) {
			pt_value *f = k ? outcome("territory", "san-miguel", "held_on", "2026-03-14", "place", "x", "attendance", "3",
				"attendees", "Ana\nBeto", "agreements", "a\nb", NULL)
				: outcome("commitment", "PAL-07", "progress", "45", "note", "n", "evidence_url", "https://gob.mx/x", NULL);
			pt_commitment_call c;
			pt_error err;

			allocs = 0;
			pt_error_clear(&err);
			s = pt_commitment_form_call(k ? PT_COMMITMENT_FORM_ASSEMBLY : PT_COMMITMENT_FORM_PROGRESS, f, "2026-03-10",
				&failing, &c, &err);
			PT_CHECK(s == PT_OK ? c.args != NULL : c.args == NULL && s == PT_ERR_NOMEM);
			pt_value_free(c.args);
			pt_value_free(f);
		}
		PT_CHECK_EQ_INT(s, PT_OK);
	}
	pt_value_free(o);
}

int main(void)
{
	pt_diags diags;

	setvbuf(stdout, NULL, _IOLBF, 0);
	pt_diags_init(&diags);
	if (pt_config_load_string("test.yaml", yaml, sizeof(yaml) - 1, &cfg, &diags) != PT_OK) {
		printf("test_fragment_commitments: the test configuration does not load (%zu problems)\n", diags.count);
		return 1;
	}
	pt_diags_free(&diags);
	pt_fragment_set_templates_dir(access("templates/commitment-page.html", R_OK) == 0 ? "templates" : "../../templates");
	PT_RUN(progress_form_call);
	PT_RUN(progress_form_refusals);
	PT_RUN(assembly_form_call);
	PT_RUN(assembly_form_refusals);
	PT_RUN(request_rows);
	PT_RUN(request_check_and_args);
	PT_RUN(commitment_view_model);
	PT_RUN(commitment_view_english_and_form);
	PT_RUN(plan_view_model);
	PT_RUN(assembly_view_model);
	PT_RUN(rendered_pages);
	PT_RUN(odd_data);
	PT_RUN(no_leak_when_an_allocation_fails);
	pt_fragment_render_shutdown();
	pt_config_free(cfg);
	return pt_test_summary("test_fragment_commitments");
}
