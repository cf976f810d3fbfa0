/*
 * Commitment tracking in C: the rules in core/commitment (patches, the
 * write's check, options, assemblies, import files, the JSON export) and
 * the store against a REAL MariaDB server.
 *
 *   PARTICIPA_TEST_SOCKET=/tmp/x/mysqld.sock out/tests/test_commitment_store
 *
 * The unit tests need no server. The store tests work in their own
 * database, pt_ctest_cms_<pid>, dropped at the end; without the variable
 * they report themselves skipped.
 */
#include "pt_test.h"
#include "pt_test_db.h"
#include "core/commitment/commitment.h"
#include "core/commitment/commitment_export.h"
#include "core/commitment/commitment_import.h"
#include "core/commitment/commitment_options.h"
#include "core/commitment/commitment_patch.h"
#include "core/commitment/commitment_summary.h"
#include "core/common/json_write.h"
#include "core/common/csv.h"
#include "io/commitment/commitment_store.h"
#include "io/common/schema_sql.h"
#include "io/site/config_load.h"

#include <unistd.h>

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
	"    territory: iztapalapa\n"
	"  - id: agenda\n    title: Agenda de Teotongo\n    territory: dt-teotongo\n    agenda: true\n"
	"commitments:\n"
	"  themes:\n    - { id: presupuesto, label: Presupuesto }\n"
	"  pillars:\n    - { id: transparencia, label: Transparencia }\n    - { id: rendicion, label: Rendición }\n"
	"  agencies:\n    - { id: obras, name: Obras }\n"
	"  statuses:\n"
	"    - id: por-iniciar\n      label: Por iniciar\n      progress: 0\n      initial: true\n"
	"      transitions:\n        - { to: en-proceso, by: [funcionario] }\n        - { to: cancelado, by: [facilitador] }\n"
	"    - id: en-proceso\n      label: En proceso\n      progress: 10\n"
	"      transitions:\n        - { to: cumplido, by: [funcionario] }\n"
	"    - { id: cumplido, label: Cumplido, progress: 100, closed: true }\n"
	"    - { id: cancelado, label: Cancelado, closed: true }\n"
	"  completion:\n"
	"    - { id: sin-evidencia, label: Sin evidencia, no_evidence: true }\n"
	"    - { id: no-iniciado, label: No iniciado, from: 0 }\n"
	"    - { id: completo, label: Completo, from: 100 }\n"
	"assemblies:\n  min_attendance: 10\n";

static pt_config *cfg;
static const char *test_socket;
static char test_dbname[64];

/* ---- value trees -------------------------------------------------------------- */

static pt_value *map(void)
{
	return pt_value_map(NULL);
}

static pt_value *put(pt_value *m, const char *key, pt_value *v)
{
	pt_value_setc(m, key, v);
	return m;
}

static pt_value *put_s(pt_value *m, const char *key, const char *s)
{
	return put(m, key, pt_value_cstr(NULL, s));
}

/* A list (a map with the integer keys "0", "1", ... as a PHP list arrives). */
static pt_value *list_of(const char *const *items, size_t n)
{
	pt_value *m = map();
	char k[24];
	size_t i;

	for (i = 0; i < n; i++) {
		snprintf(k, sizeof(k), "%zu", i);
		put_s(m, k, items[i]);
	}
	return m;
}

typedef struct errors_seen {
	int count;
	int fields[8];
	char first[PT_ERROR_MESSAGE_MAX];
} errors_seen;

static void seen_fn(void *ctx, int field, const char *key, const pt_error *err)
{
	errors_seen *e = ctx;

	(void)key;
	if (e->count < 8) {
		e->fields[e->count] = field;
	}
	if (!e->count) {
		snprintf(e->first, sizeof(e->first), "%s", err->message);
	}
	e->count++;
}

/* pt_commitment_patch_from_value() on v (freed): the status, err's message in msg. */
static pt_status patch(pt_value *v, bool structure, pt_commitment_patch_buf *pb, char *msg, size_t size)
{
	pt_commitment_patch_in in;
	pt_error err;
	pt_status st;
	int bad;

	memset(&in, 0, sizeof(in));
	in.cfg = cfg;
	in.structure = structure;
	in.by = "wp:fun";
	pt_error_clear(&err);
	pt_commitment_patch_init(pb, NULL);
	st = pt_commitment_patch_from_value(&in, v, pb, &bad, &err);
	snprintf(msg, size, "%s", st == PT_OK ? "" : err.message);
	pt_value_free(v);
	return st;
}

/* ---- unit tests: the rules ----------------------------------------------------- */

PT_TEST(patch_canonical_fields)
{
	pt_commitment_patch_buf pb;
	const char *pillars[] = { "transparencia", "rendicion" };
	char msg[256];
	pt_value *ev = put_s(put_s(map(), "url", "https://a.mx/acta.pdf"), "description", "Acta");
	pt_value *v = put_s(put_s(put_s(put_s(map(), "id", "A-1"), "plan", "pal"), "title", "Uno"), "progress", "45.5");

	put(v, "pillars", list_of(pillars, 2));
	put(v, "add_evidence", ev);
	PT_CHECK(patch(v, false, &pb, msg, sizeof(msg)) == PT_ERR_INVALID);
	PT_CHECK_STR(msg, "id no se puede cambiar con update()");
	pt_commitment_patch_free(&pb);

	v = put_s(put_s(put_s(put_s(map(), "id", "A-1"), "plan", "pal"), "title", "Uno"), "progress", "45.5");
	put(v, "pillars", list_of(pillars, 2));
	put_s(v, "weight", "3");
	PT_CHECK(patch(v, true, &pb, msg, sizeof(msg)) == PT_OK);
	PT_CHECK_STR(pb.p.v[PT_CMF_PROGRESS], "45.50");
	PT_CHECK_STR(pb.p.v[PT_CMF_PILLARS], "transparencia;rendicion");
	PT_CHECK_STR(pb.p.v[PT_CMF_WEIGHT], "3.000");
	PT_CHECK(pb.progress_given && pb.other_given && !pb.status_given);
	pt_commitment_patch_free(&pb);

	/* evidence given alone: added_by defaults to the writer, the canonical JSON is kept */
	PT_CHECK(patch(put(map(), "add_evidence", put_s(put_s(map(), "url", "https://a.mx/acta.pdf"), "description",
		"Acta")), false, &pb, msg, sizeof(msg)) == PT_OK);
	PT_CHECK_EQ_INT(pb.p.add_evidence_count, 1);
	PT_CHECK_STR(pb.p.add_evidence[0].added_by, "wp:fun");
	pt_commitment_patch_free(&pb);
}

PT_TEST(patch_refusals)
{
	pt_commitment_patch_buf pb;
	const char *bad_pillar[] = { "magia" };
	char msg[256];

	PT_CHECK(patch(put_s(map(), "colour", "rojo"), true, &pb, msg, sizeof(msg)) == PT_ERR_INVALID);
	PT_CHECK_STR(msg, "campo desconocido 'colour'");
	pt_commitment_patch_free(&pb);
	/* an integer key (a PHP list given as the fields) */
	PT_CHECK(patch(put_s(map(), "0", "x"), true, &pb, msg, sizeof(msg)) == PT_ERR_INVALID);
	PT_CHECK_STR(msg, "los campos de un compromiso se dan por nombre");
	pt_commitment_patch_free(&pb);
	/* "05" is a string key in PHP: a field name, unknown, and not one to quote */
	PT_CHECK(patch(put_s(map(), "05", "x"), true, &pb, msg, sizeof(msg)) == PT_ERR_INVALID);
	PT_CHECK_STR(msg, "campo desconocido");
	pt_commitment_patch_free(&pb);
	PT_CHECK(patch(put(map(), "pillars", list_of(bad_pillar, 1)), true, &pb, msg, sizeof(msg)) == PT_ERR_INVALID);
	PT_CHECK_STR(msg, "pilar desconocido 'magia'");
	pt_commitment_patch_free(&pb);
	PT_CHECK(patch(put(map(), "title", pt_value_string(NULL, "a\0b", 3)), true, &pb, msg, sizeof(msg))
		== PT_ERR_INVALID);
	PT_CHECK_STR(msg, "title: no debe contener el carácter NUL");
	pt_commitment_patch_free(&pb);
	PT_CHECK(patch(put(map(), "title", pt_value_bool(NULL, 1)), true, &pb, msg, sizeof(msg)) == PT_ERR_INVALID);
	PT_CHECK_STR(msg, "title: se esperaba texto o número");
	pt_commitment_patch_free(&pb);
	PT_CHECK(patch(put_s(map(), "theme", "deportes"), true, &pb, msg, sizeof(msg)) == PT_ERR_INVALID);
	PT_CHECK_STR(msg, "tema desconocido 'deportes'");
	pt_commitment_patch_free(&pb);
	PT_CHECK(patch(put_s(put_s(map(), "start_date", "2026-05-01"), "due_date", "2026-04-01"), true, &pb, msg,
		sizeof(msg)) == PT_ERR_INVALID);
	PT_CHECK_STR(msg, "due_date (2026-04-01) es anterior a start_date (2026-05-01)");
	pt_commitment_patch_free(&pb);
	PT_CHECK(patch(put(map(), "milestones", put(map(), "0", put(put_s(map(), "title", "m"), "done",
		pt_value_int(NULL, 1)))), true, &pb, msg, sizeof(msg)) == PT_ERR_INVALID);
	PT_CHECK_STR(msg, "milestones: done del elemento 1 debe ser true o false");
	pt_commitment_patch_free(&pb);
	PT_CHECK(patch(put(map(), "evidence", put(map(), "0", put_s(map(), "url", "javascript:alert(1)"))), true, &pb,
		msg, sizeof(msg)) == PT_ERR_INVALID);
	PT_CHECK(strstr(msg, "evidence.url") != NULL);
	pt_commitment_patch_free(&pb);
}

PT_TEST(patch_reports_every_error)
{
	pt_commitment_patch_in in;
	pt_commitment_patch_buf pb;
	errors_seen seen;
	pt_value *v = put_s(put_s(put_s(map(), "theme", "x"), "progress", "150"), "title", "bien");
	pt_error err;
	int bad;

	memset(&in, 0, sizeof(in));
	memset(&seen, 0, sizeof(seen));
	in.cfg = cfg;
	in.structure = true;
	in.on_error = seen_fn;
	in.error_ctx = &seen;
	pt_error_clear(&err);
	pt_commitment_patch_init(&pb, NULL);
	PT_CHECK(pt_commitment_patch_from_value(&in, v, &pb, &bad, &err) == PT_ERR_INVALID);
	PT_CHECK_EQ_INT(seen.count, 2);
	PT_CHECK_EQ_INT(seen.fields[0], PT_CMF_THEME);
	PT_CHECK_EQ_INT(seen.fields[1], PT_CMF_PROGRESS);
	PT_CHECK_STR(pb.p.v[PT_CMF_TITLE], "bien");
	pt_commitment_patch_free(&pb);
	pt_value_free(v);
}

static pt_status check(pt_commitment_check *k, const char *old_status, const char *new_status, bool progress_set,
	pt_commitment_record *nw, char *msg, size_t size)
{
	pt_commitment_record old;
	pt_commitment_patch p;
	pt_commitment_facts facts;
	pt_error err;
	bool closed = false;
	pt_status st;

	memset(&old, 0, sizeof(old));
	memset(&p, 0, sizeof(p));
	memset(nw, 0, sizeof(*nw));
	old.v[PT_CMF_STATUS] = old_status;
	nw->v[PT_CMF_STATUS] = new_status;
	p.set[PT_CMF_PROGRESS] = progress_set;
	facts.patch = &p;
	facts.old = old_status ? &old : NULL;
	facts.parent = NULL;
	pt_error_clear(&err);
	st = pt_commitment_check_write(k, &facts, nw, &closed, &err);
	snprintf(msg, size, "%s", st == PT_OK ? (closed ? "closed" : "open") : err.message);
	return st;
}

static bool never_holds(const void *scope, bool exists, const char *territory)
{
	(void)scope;
	(void)exists;
	(void)territory;
	return false;
}

PT_TEST(check_transitions_and_roles)
{
	const char *fun[] = { "funcionario" }, *fac[] = { "facilitador" };
	pt_commitment_check k;
	pt_commitment_record nw;
	char msg[256];

	memset(&k, 0, sizeof(k));
	k.c = cfg->commitments;
	k.roles = fun;
	k.nroles = 1;
	/* a new commitment: the initial status and its progress */
	PT_CHECK(check(&k, NULL, NULL, false, &nw, msg, sizeof(msg)) == PT_OK);
	PT_CHECK_STR(nw.v[PT_CMF_STATUS], "por-iniciar");
	PT_CHECK_STR(nw.v[PT_CMF_PROGRESS], "0.00");
	PT_CHECK(check(&k, "por-iniciar", "en-proceso", false, &nw, msg, sizeof(msg)) == PT_OK);
	PT_CHECK_STR(nw.v[PT_CMF_PROGRESS], "10.00");
	PT_CHECK(check(&k, "por-iniciar", "en-proceso", true, &nw, msg, sizeof(msg)) == PT_OK);
	PT_CHECK(nw.v[PT_CMF_PROGRESS] == NULL);   /* the write's own progress wins */
	PT_CHECK(check(&k, "en-proceso", "cumplido", false, &nw, msg, sizeof(msg)) == PT_OK);
	PT_CHECK_STR(msg, "closed");
	PT_CHECK(check(&k, "por-iniciar", "cumplido", false, &nw, msg, sizeof(msg)) == PT_ERR_INVALID);
	PT_CHECK_STR(msg, "No se permite pasar del estado «Por iniciar» al estado «Cumplido».");
	PT_CHECK(check(&k, "por-iniciar", "cancelado", false, &nw, msg, sizeof(msg)) == PT_ERR_NOT_ALLOWED);
	PT_CHECK_STR(msg, "Tu rol no permite pasar un compromiso del estado «Por iniciar» al estado «Cancelado».");
	k.roles = fac;
	PT_CHECK(check(&k, "por-iniciar", "cancelado", false, &nw, msg, sizeof(msg)) == PT_OK);
	/* an import restores data: no transition rules */
	k.trusted = true;
	PT_CHECK(check(&k, "por-iniciar", "cumplido", false, &nw, msg, sizeof(msg)) == PT_OK);
	PT_CHECK(check(&k, "cumplido", "nada", false, &nw, msg, sizeof(msg)) == PT_ERR_INVALID);
	PT_CHECK_STR(msg, "estado desconocido 'nada'");
	/* a territory-scoped writer whose commitment moved meanwhile */
	k.holds = never_holds;
	PT_CHECK(check(&k, "por-iniciar", "en-proceso", false, &nw, msg, sizeof(msg)) == PT_ERR_CONFLICT);
}

PT_TEST(who_may_write_and_ids)
{
	pt_commitment_patch_buf pb;
	pt_error err;

	pt_commitment_patch_init(&pb, NULL);
	pt_error_clear(&err);
	pb.status_given = true;
	PT_CHECK(pt_commitment_write_allowed(&pb, true, false, &err) == PT_OK);   /* a status change: the check decides */
	PT_CHECK(pt_commitment_write_allowed(&pb, false, false, &err) == PT_ERR_NOT_ALLOWED);
	PT_CHECK_STR(err.message, "No tienes permiso para modificar compromisos.");
	pb.other_given = true;
	PT_CHECK(pt_commitment_write_allowed(&pb, true, false, &err) == PT_ERR_NOT_ALLOWED);
	PT_CHECK(pt_commitment_write_allowed(&pb, true, true, &err) == PT_OK);
	PT_CHECK(pt_commitment_id_check("id", "PAL-07.1:a_b", 12, &err) == PT_OK);
	PT_CHECK(pt_commitment_id_check("id", "-PAL", 4, &err) == PT_ERR_INVALID);
	PT_CHECK(pt_commitment_id_check("id", "a/b", 3, &err) == PT_ERR_INVALID);
	PT_CHECK(pt_commitment_text_check("note", "a\nb", 3, 10, true, &err) == PT_ERR_INVALID);
	PT_CHECK(pt_commitment_text_check("note", "a\nb", 3, 10, false, &err) == PT_OK);
	PT_CHECK(pt_commitment_text_check("note", "abc", 3, 2, false, &err) == PT_ERR_INVALID);
	PT_CHECK_STR(err.message, "note: admite como máximo 2 bytes");
}

PT_TEST(options)
{
	pt_commitment_filter f;
	const char *light, *as_of, *plan;
	pt_value *o;
	pt_error err;
	bool roots, bom;

	pt_error_clear(&err);
	PT_CHECK(pt_commitment_list_options(NULL, &f, &light, &as_of, &err) == PT_OK && f.full && !f.limit);
	o = put(put_s(put_s(map(), "plan", "pal"), "light", "late"), "limit", pt_value_int(NULL, 5));
	PT_CHECK(pt_commitment_list_options(o, &f, &light, &as_of, &err) == PT_OK);
	PT_CHECK_STR(f.plan, "pal");
	PT_CHECK_STR(light, "late");
	PT_CHECK_EQ_INT(f.limit, 5);
	pt_value_free(o);
	o = put_s(map(), "light", "rojo");
	PT_CHECK(pt_commitment_list_options(o, &f, &light, &as_of, &err) == PT_ERR_INVALID);
	PT_CHECK_STR(err.message, "light: se esperaba on_track, at_risk, late, done, closed o unscheduled");
	pt_value_free(o);
	o = put(map(), "limit", pt_value_int(NULL, 0));
	PT_CHECK(pt_commitment_list_options(o, &f, &light, &as_of, &err) == PT_ERR_INVALID);
	pt_value_free(o);
	o = put_s(map(), "colour", "x");
	PT_CHECK(pt_commitment_summary_options(o, &plan, &as_of, &roots, &err) == PT_ERR_INVALID);
	PT_CHECK_STR(err.message, "summary(): opción desconocida 'colour'");
	pt_value_free(o);
	o = put(put_s(map(), "as_of", "2026-02-30"), "all_levels", pt_value_bool(NULL, 1));
	PT_CHECK(pt_commitment_summary_options(o, &plan, &as_of, &roots, &err) == PT_ERR_INVALID);
	PT_CHECK_STR(err.message, "as_of: se esperaba una fecha AAAA-MM-DD");
	pt_value_free(o);
	o = put(map(), "bom", pt_value_int(NULL, 1));
	PT_CHECK(pt_commitment_export_options(o, &bom, &err) == PT_OK && bom);
	pt_value_free(o);
	o = put_s(map(), "bom", "yes");
	PT_CHECK(pt_commitment_export_options(o, &bom, &err) == PT_ERR_INVALID);
	PT_CHECK_STR(err.message, "bom: se esperaba true o false");
	pt_value_free(o);
}

static pt_value *assembly_value(long attendance, const char *territory)
{
	const char *names[] = { "Ana", "Luis" }, *agreements[] = { "Alumbrado en la calle 5", "Bacheo" };
	pt_value *a = put_s(put_s(put_s(map(), "territory", territory), "held_on", "2026-03-01"), "place", "Kiosco");

	put(a, "attendance", pt_value_int(NULL, attendance));
	put(a, "attendees", list_of(names, 2));
	put(a, "agreements", list_of(agreements, 2));
	return a;
}

PT_TEST(assembly_rules)
{
	pt_commitment_assembly as;
	int32_t terr = -1;
	pt_value *a = assembly_value(12, "san-miguel");
	pt_error err;

	pt_error_clear(&err);
	PT_CHECK(pt_commitment_assembly_from_value(cfg, a, &as, &terr, NULL, &err) == PT_OK);
	PT_CHECK_EQ_INT(as.attendee_count, 2);
	PT_CHECK_STR(as.agreements[1], "Bacheo");
	/* the agenda of the nearest territory at or above san-miguel: dt-teotongo's */
	pt_commitment_assembly_plan(cfg, terr, &as);
	PT_CHECK_STR(as.plan, "agenda");
	PT_CHECK_STR(as.status, "por-iniciar");
	pt_commitment_assembly_free(&as, NULL);
	pt_value_free(a);
	/* below the quorum: recorded, no commitments */
	a = assembly_value(5, "san-miguel");
	PT_CHECK(pt_commitment_assembly_from_value(cfg, a, &as, &terr, NULL, &err) == PT_OK);
	pt_commitment_assembly_plan(cfg, terr, &as);
	PT_CHECK(as.plan == NULL);
	pt_commitment_assembly_free(&as, NULL);
	pt_value_free(a);
	/* above every agenda: none */
	a = assembly_value(50, "iztapalapa");
	PT_CHECK(pt_commitment_assembly_from_value(cfg, a, &as, &terr, NULL, &err) == PT_OK);
	pt_commitment_assembly_plan(cfg, terr, &as);
	PT_CHECK(as.plan == NULL);
	pt_commitment_assembly_free(&as, NULL);
	pt_value_free(a);
	a = assembly_value(1, "san-miguel");
	PT_CHECK(pt_commitment_assembly_from_value(cfg, a, &as, &terr, NULL, &err) == PT_ERR_INVALID);
	PT_CHECK_STR(err.message, "attendance (1) es menor que la lista de asistentes (2)");
	pt_value_free(a);
	a = assembly_value(12, "marte");
	PT_CHECK(pt_commitment_assembly_from_value(cfg, a, &as, &terr, NULL, &err) == PT_ERR_INVALID);
	PT_CHECK_STR(err.message, "territory: territorio desconocido");
	pt_value_free(a);
	PT_CHECK(pt_commitment_assembly_allowed(false, &err) == PT_ERR_NOT_ALLOWED);
	PT_CHECK_STR(err.message, "No tienes permiso para registrar asambleas.");
}

PT_TEST(import_file_reading)
{
	static const char csv[] =
		"id,plan,title,colour,title\r\n"
		"A,pal,Uno,x,y\r\n"
		"B,pal\r\n";
	pt_commitment_import_file f;
	pt_commitment_patch_in in;
	const char **ids = NULL;
	size_t n = 0;
	pt_error err;

	pt_commitment_import_file_init(&f, true, NULL);
	pt_commitment_import_read_csv(&f, csv, sizeof(csv) - 1);
	PT_CHECK_EQ_INT(f.nrows, 1);
	PT_CHECK_EQ_INT(f.error_count, 3);
	PT_CHECK_STR(f.errors[0].message, "columna desconocida 'colour'");
	PT_CHECK_EQ_INT(f.errors[0].column_no, 4);
	PT_CHECK_STR(f.errors[1].message, "columna repetida");
	PT_CHECK_STR(f.errors[2].message, "la fila tiene 2 columnas y el encabezado 5");
	PT_CHECK_STR(f.errors[2].column, "title");
	memset(&in, 0, sizeof(in));
	in.cfg = cfg;
	pt_error_clear(&err);
	PT_CHECK(pt_commitment_import_check(&f, &in, &ids, &n, &err) == PT_OK);
	PT_CHECK_EQ_INT(n, 1);
	PT_CHECK_STR(f.plan[0].id, "A");
	pt_free(NULL, (void *)ids);
	pt_commitment_import_finish(&f, true);
	PT_CHECK_EQ_INT(f.errors[0].row, 1);   /* sorted by row, then column */
	pt_commitment_import_file_free(&f);

	/* JSON items: a non-object is an error on its position */
	pt_commitment_import_file_init(&f, false, NULL);
	PT_CHECK(pt_commitment_import_add_item(&f, 1, pt_value_int(NULL, 3)));
	PT_CHECK(pt_commitment_import_add_item(&f, 2, put_s(map(), "title", "sin id")));
	PT_CHECK(pt_commitment_import_check(&f, &in, &ids, &n, &err) == PT_OK);
	pt_free(NULL, (void *)ids);
	pt_commitment_import_finish(&f, true);
	PT_CHECK_EQ_INT(f.error_count, 2);
	PT_CHECK_STR(f.errors[0].message, "cada compromiso debe ser un objeto");
	PT_CHECK_STR(f.errors[1].message, "falta el id");
	PT_CHECK_EQ_INT(f.errors[1].row, 2);
	pt_commitment_import_file_free(&f);
}

PT_TEST(export_encodings)
{
	pt_commitment_record r;
	pt_commitment_milestone ms = { "Informe \"final\"", NULL, true };
	pt_buf b;
	const char *want =
		"{\n    \"plan\": {\n        \"id\": \"pal\",\n        \"title\": \"Plan de Acción Local\",\n"
		"        \"from\": \"2026-01-01\",\n        \"to\": \"2027-12-31\",\n        \"territory\": \"iztapalapa\"\n"
		"    },\n    \"commitments\": [\n        {\n            \"id\": \"A/1\",\n";

	memset(&r, 0, sizeof(r));
	r.v[PT_CMF_ID] = "A/1";
	r.v[PT_CMF_PILLARS] = "transparencia;rendicion";
	r.v[PT_CMF_DESCRIPTION] = "l\xC3\xADnea 1\nl\xC3\xADnea 2\x01\xE2\x80\xA8";
	r.milestones = &ms;
	r.milestone_count = 1;
	pt_buf_init(&b, NULL);
	pt_commitment_export_json(&b, &cfg->commitments->plans[0], &r, 1);
	PT_CHECK(b.data && strncmp(b.data, want, strlen(want)) == 0);
	PT_CHECK(b.data && strstr(b.data, "\"description\": \"l\xC3\xADnea 1\\nl\xC3\xADnea 2\\u0001\\u2028\",\n"));
	PT_CHECK(b.data && strstr(b.data, "\"pillars\": [\n                \"transparencia\",\n"));
	PT_CHECK(b.data && strstr(b.data, "\"actors\": [],\n"));
	PT_CHECK(b.data && strstr(b.data, "\"title\": \"Informe \\\"final\\\"\",\n"));
	PT_CHECK(b.data && strstr(b.data, "\"done\": true\n"));
	PT_CHECK(b.data && b.len > 7 && strcmp(b.data + b.len - 7, "    ]\n}") == 0);
	pt_buf_free(&b);
	pt_buf_init(&b, NULL);
	pt_commitment_export_csv(&b, &r, 1, true);
	PT_CHECK(b.data && strncmp(b.data, PT_CSV_BOM "id,plan,parent,", 18) == 0);
	PT_CHECK(b.data && strstr(b.data, "\r\nA/1,,,,\"l\xC3\xADnea 1\nl") != NULL);
	pt_buf_free(&b);
}

/* v (freed) as JSON, floats with their ".0" (a PT_VALUE_REAL shows as one); "?" when v is NULL. */
static const char *json_of(pt_value *v, char *out, size_t size)
{
	pt_buf b;
	pt_error err;

	pt_buf_init(&b, NULL);
	pt_error_clear(&err);
	snprintf(out, size, "%s", v && pt_json_value(&b, v, PT_JSON_ZERO_FRACTION, &err) == PT_OK && b.data ? b.data : "?");
	pt_buf_free(&b);
	pt_value_free(v);
	return out;
}

static bool starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

PT_TEST(answer_values)
{
	pt_commitment_record r;
	pt_commitment_summary_row rows[2] = { { "presupuesto", 2, 1, 45.5 }, { "", 1, 0, 0 } };
	pt_commitment_summary sum;
	pt_commitment_view view;
	char out[4096], day[11];

	memset(&r, 0, sizeof(r));
	r.v[PT_CMF_ID] = "A/1";
	r.v[PT_CMF_PILLARS] = "transparencia;rendicion";
	r.v[PT_CMF_PROGRESS] = "50.00";
	r.v[PT_CMF_WEIGHT] = "1.500";
	r.v[PT_CMF_STATUS] = "en-proceso";
	r.v[PT_CMF_THEME] = "presupuesto";
	r.milestone_count = 2;   /* counted, not read: null */
	r.depth = 1;
	json_of(pt_commitment_record_value(cfg, &r, "2026-06-01", NULL), out, sizeof(out));
	PT_CHECK(starts(out, "{\"id\":\"A/1\",\"plan\":null,\"parent\":null,"));
	PT_CHECK(strstr(out, "\"pillars\":[\"transparencia\",\"rendicion\"]") != NULL);
	PT_CHECK(strstr(out, "\"progress\":50.0,") != NULL);
	PT_CHECK(strstr(out, "\"weight\":1.5") != NULL);
	PT_CHECK(strstr(out, "\"actors\":[]") != NULL);
	PT_CHECK(strstr(out, "\"evidence\":[]") != NULL);
	PT_CHECK(strstr(out, "\"milestones\":null") != NULL);
	PT_CHECK(strstr(out, "\"status_label\":\"En proceso\",\"theme_label\":\"Presupuesto\",\"agency_name\":null,"
		"\"depth\":1,\"children\":0,\"light\":\"") != NULL);
	PT_CHECK(strstr(out, ",\"created_at\":null,\"updated_at\":null}") != NULL);
	/* the light filter */
	pt_commitment_view_of(cfg, &r, "2026-06-01", &view);
	PT_CHECK(starts(json_of(pt_commitment_records_value(cfg, &r, 1, "2026-06-01", view.light, NULL), out,
		sizeof(out)), "[{\"id\":\"A/1\""));
	PT_CHECK_STR(json_of(pt_commitment_records_value(cfg, &r, 1, "2026-06-01", "zzz", NULL), out, sizeof(out)), "[]");
	/* the summary, and the late date through pt_time */
	memset(&sum, 0, sizeof(sum));
	sum.rows = rows;
	sum.n = 2;
	sum.total = 3;
	PT_CHECK_STR(json_of(pt_commitment_summary_value(cfg, PT_COMMITMENT_BY_THEME, "theme", 5, &sum, NULL), out,
		sizeof(out)), "{\"by\":\"theme\",\"total\":3,\"groups\":[{\"key\":\"presupuesto\",\"label\":\"Presupuesto\","
		"\"count\":2,\"avg_progress\":45.5,\"late\":1,\"percent\":66.67},{\"key\":null,\"label\":\"(sin asignar)\","
		"\"count\":1,\"avg_progress\":0.0,\"late\":0,\"percent\":33.33}]}");
	pt_commitment_late_before("2026-03-01", 1, day);
	PT_CHECK_STR(day, "2026-02-28");
	pt_commitment_late_before("2024-03-05", 5, day);
	PT_CHECK_STR(day, "2024-02-29");
	pt_commitment_late_before("2026-01-01", 0, day);
	PT_CHECK_STR(day, "2026-01-01");
	/* an event's changes: the canonical form read back, anything else null */
	PT_CHECK_STR(json_of(pt_commitment_changes_value("{\"title\":[\"a\\\"b\",\"c\"],\"status\":[null,\"en-proceso\"]}",
		NULL), out, sizeof(out)), "{\"title\":[\"a\\\"b\",\"c\"],\"status\":[null,\"en-proceso\"]}");
	PT_CHECK_STR(json_of(pt_commitment_changes_value("{ \"title\": [\"a\",\"b\"]}", NULL), out, sizeof(out)), "null");
	PT_CHECK_STR(json_of(pt_commitment_changes_value("{\"nope\":[\"a\",\"b\"]}", NULL), out, sizeof(out)), "null");
	PT_CHECK_STR(json_of(pt_commitment_changes_value(NULL, NULL), out, sizeof(out)), "null");
}

/* ---- the store, against the server --------------------------------------------- */

static pt_db *open_db(const char *name)
{
	return pt_test_db_open(test_socket, name);
}

/* One write as the funcionario, through the core patch and check; the refusal in msg. */
static pt_status write_one(pt_db *db, const char *id, bool update, pt_value *fields, char *msg, size_t size)
{
	const char *roles[] = { "funcionario" };
	pt_commitment_patch_buf pb;
	pt_commitment_store_write w;
	pt_commitment_check k;
	pt_error err;
	pt_status st;

	if ((st = patch(fields, !update, &pb, msg, size)) != PT_OK) {
		pt_commitment_patch_free(&pb);
		return st;
	}
	memset(&k, 0, sizeof(k));
	k.c = cfg->commitments;
	k.roles = roles;
	k.nroles = 1;
	memset(&w, 0, sizeof(w));
	w.id = id;
	w.must_exist = update;
	w.actor = "wp:fun";
	w.note = "";
	w.patch = pb.p;
	w.check = pt_commitment_check_write;
	w.check_ctx = &k;
	pt_error_clear(&err);
	st = pt_commitment_store_write_commitment(db, &w, &err);
	snprintf(msg, size, "%s", st == PT_OK ? "" : err.message);
	pt_commitment_patch_free(&pb);
	return st;
}

static pt_value *new_commitment(const char *id, const char *parent, const char *plan)
{
	pt_value *v = put_s(put_s(put_s(map(), "id", id), "plan", plan), "title", id);

	return parent ? put_s(v, "parent", parent) : v;
}

static char *progress_of(pt_db *db, const char *id, char *out)
{
	pt_commitment_store_arena *arena = pt_commitment_store_arena_new(NULL);
	pt_commitment_record r;
	bool found = false;
	pt_error err;

	pt_error_clear(&err);
	strcpy(out, "?");
	if (arena && pt_commitment_store_get(db, id, arena, &r, &found, &err) == PT_OK && found) {
		snprintf(out, 16, "%s", r.v[PT_CMF_PROGRESS] ? r.v[PT_CMF_PROGRESS] : "null");
	}
	pt_commitment_store_arena_free(arena);
	return out;
}

static pt_status count_event(void *ctx, const pt_commitment_store_event_row *ev, pt_error *err)
{
	(void)ev;
	(void)err;
	(*(int *)ctx)++;
	return PT_OK;
}

PT_TEST(store_write_rollup_history)
{
	pt_db *db;
	char msg[256], p[16];
	pt_error err;
	pt_commitment_store_verify_result v;
	pt_value *ev;
	int events = 0;

	if (!test_socket || !(db = open_db(test_dbname))) {
		printf("  (skipped: set PARTICIPA_TEST_SOCKET)\n");
		return;
	}
	PT_CHECK(write_one(db, "P", false, new_commitment("P", NULL, "pal"), msg, sizeof(msg)) == PT_OK);
	PT_CHECK(write_one(db, "P.1", false, new_commitment("P.1", "P", "pal"), msg, sizeof(msg)) == PT_OK);
	PT_CHECK(write_one(db, "P.2", false, put_s(new_commitment("P.2", "P", "pal"), "weight", "3"), msg,
		sizeof(msg)) == PT_OK);
	PT_CHECK(write_one(db, "P.1.1", false, new_commitment("P.1.1", "P.1", "pal"), msg, sizeof(msg)) == PT_OK);
	PT_CHECK(write_one(db, "X", false, new_commitment("X", "P", "agenda"), msg, sizeof(msg)) != PT_OK);
	/* nested roll-up: P.1.1 -> P.1 -> P, weighted (P.2 weighs 3) */
	PT_CHECK(write_one(db, "P.1.1", true, put_s(map(), "progress", "40"), msg, sizeof(msg)) == PT_OK);
	PT_CHECK(write_one(db, "P.2", true, put_s(map(), "progress", "80"), msg, sizeof(msg)) == PT_OK);
	PT_CHECK_STR(progress_of(db, "P.1", p), "40.00");
	PT_CHECK_STR(progress_of(db, "P", p), "70.00");
	/* a parent's progress is its children's */
	PT_CHECK(write_one(db, "P", true, put_s(map(), "progress", "5"), msg, sizeof(msg)) == PT_ERR_INVALID);
	/* a status change with evidence and no progress: entering the status sets its progress (10), P rolls up */
	ev = put(put_s(map(), "status", "en-proceso"), "add_evidence", put_s(put_s(map(), "url",
		"https://iztapalapa.gob.mx/acta.pdf"), "description", "Acta"));
	PT_CHECK(write_one(db, "P.2", true, ev, msg, sizeof(msg)) == PT_OK);
	PT_CHECK_STR(progress_of(db, "P.2", p), "10.00");
	PT_CHECK_STR(progress_of(db, "P", p), "17.50");
	PT_CHECK(write_one(db, "P.2", true, put_s(map(), "status", "por-iniciar"), msg, sizeof(msg)) == PT_ERR_INVALID);
	PT_CHECK_STR(msg, "No se permite pasar del estado «En proceso» al estado «Por iniciar».");
	/* the history: one chain (4 creations; each update's event and one per ancestor whose progress moved:
	 * 3 + 2 + 2), verified; a tampered event is found, and the chain is whole again once undone */
	pt_error_clear(&err);
	PT_CHECK(pt_commitment_store_history(db, NULL, count_event, &events, NULL, &err) == PT_OK);
	PT_CHECK_EQ_INT(events, 11);
	PT_CHECK(pt_commitment_store_verify(db, &v, &err) == PT_OK && v.ok);
	PT_CHECK_EQ_INT(v.events, 11);
	PT_CHECK(pt_db_exec(db, "UPDATE participa_commitment_events SET note = 'alterado' WHERE seq = 3", NULL, 0, NULL,
		NULL, &err) == PT_OK);
	PT_CHECK(pt_commitment_store_verify(db, &v, &err) == PT_OK && !v.ok);
	PT_CHECK_EQ_INT(v.bad_seq, 3);
	PT_CHECK(pt_db_exec(db, "UPDATE participa_commitment_events SET note = '' WHERE seq = 3", NULL, 0, NULL, NULL,
		&err) == PT_OK);
	PT_CHECK(pt_commitment_store_verify(db, &v, &err) == PT_OK && v.ok);
	pt_db_close(db);
}

/* The reads io answers as value trees or text (commitment_store_value.c), after store_write_rollup_history. */
PT_TEST(store_reads_answered)
{
	pt_commitment_filter f;
	pt_value *v, *opts;
	bool found = true;
	pt_error err;
	pt_buf b;
	pt_db *db;

	if (!test_socket || !(db = open_db(test_dbname))) {
		printf("  (skipped: set PARTICIPA_TEST_SOCKET)\n");
		return;
	}
	pt_error_clear(&err);
	v = pt_commitment_store_get_value(db, cfg, "P.1", "2026-06-01", NULL, &found, &err);
	PT_CHECK(v && found && v->type == PT_VALUE_MAP);
	PT_CHECK(v && strcmp(pt_value_get(v, "id")->u.s.s, "P.1") == 0 && strcmp(pt_value_get(v, "parent")->u.s.s, "P") == 0);
	pt_value_free(v);
	/* none: NULL, not found, no error */
	PT_CHECK(pt_commitment_store_get_value(db, cfg, "nope", "2026-06-01", NULL, &found, &err) == NULL && !found);
	PT_CHECK_EQ_INT(err.code, PT_OK);
	memset(&f, 0, sizeof(f));
	f.parent = "P";
	v = pt_commitment_store_list_value(db, cfg, &f, "2026-06-01", NULL, NULL, &err);
	PT_CHECK(v && v->type == PT_VALUE_LIST && v->u.c.count == 2);
	pt_value_free(v);
	v = pt_commitment_store_list_value(db, cfg, &f, "2026-06-01", "no-such-light", NULL, &err);
	PT_CHECK(v && v->u.c.count == 0);
	pt_value_free(v);
	/* export: the plan, then the options, then the text */
	pt_buf_init(&b, NULL);
	PT_CHECK(pt_commitment_store_export(db, cfg->commitments, "pal", 3, true, NULL, &b, &err) == PT_OK);
	PT_CHECK(b.data && strstr(b.data, "\nP.1.1,") != NULL);
	pt_buf_free(&b);
	PT_CHECK(pt_commitment_store_export(db, cfg->commitments, "pal", 3, false, NULL, &b, &err) == PT_OK);
	PT_CHECK(b.data && strstr(b.data, "\"id\": \"P.2\"") != NULL);
	pt_buf_free(&b);
	PT_CHECK_EQ_INT(pt_commitment_store_export(db, cfg->commitments, "otro", 4, true, NULL, &b, &err), PT_ERR_NOT_FOUND);
	PT_CHECK_STR(err.message, "No existe el plan 'otro'.");
	opts = put(map(), "bom", pt_value_int(NULL, 7));
	PT_CHECK_EQ_INT(pt_commitment_store_export(db, cfg->commitments, "pal", 3, true, opts, &b, &err), PT_ERR_INVALID);
	pt_value_free(opts);
	pt_buf_free(&b);
	/* summary: options, the late date from today, the cached summary */
	pt_error_clear(&err);
	v = pt_commitment_store_summary_value(db, cfg, PT_COMMITMENT_BY_STATUS, "status", 6, NULL, "2026-06-01", NULL, &err);
	PT_CHECK(v && pt_value_get(v, "total") && pt_value_get(v, "total")->u.i == 1);
	pt_value_free(v);
	opts = put(map(), "all_levels", pt_value_bool(NULL, 1));
	v = pt_commitment_store_summary_value(db, cfg, PT_COMMITMENT_BY_STATUS, "status", 6, opts, "2026-06-01", NULL, &err);
	PT_CHECK(v && pt_value_get(v, "total")->u.i == 4);
	pt_value_free(v);
	pt_value_free(opts);
	opts = put(map(), "colour", pt_value_int(NULL, 1));
	PT_CHECK(pt_commitment_store_summary_value(db, cfg, PT_COMMITMENT_BY_STATUS, "status", 6, opts, "2026-06-01", NULL,
		&err) == NULL && err.code == PT_ERR_INVALID);
	pt_value_free(opts);
	pt_db_close(db);
}

PT_TEST(store_assembly)
{
	pt_db *db;
	pt_commitment_assembly as;
	pt_value *a;
	int32_t terr = -1;
	pt_error err;
	char p[16], out[8192];

	if (!test_socket || !(db = open_db(test_dbname))) {
		printf("  (skipped: set PARTICIPA_TEST_SOCKET)\n");
		return;
	}
	a = assembly_value(12, "san-miguel");
	pt_error_clear(&err);
	PT_CHECK(pt_commitment_assembly_from_value(cfg, a, &as, &terr, NULL, &err) == PT_OK);
	pt_commitment_assembly_plan(cfg, terr, &as);
	as.recorded_by = "wp:fac";
	PT_CHECK(pt_commitment_store_assembly_record(db, &as, &err) == PT_OK);
	PT_CHECK(as.id > 0);
	PT_CHECK(as.commitment_ids && as.commitment_ids[0] && as.commitment_ids[1]);
	if (as.commitment_ids && as.commitment_ids[0]) {
		PT_CHECK_STR(progress_of(db, as.commitment_ids[0], p), "0.00");
	}
	json_of(pt_commitment_store_assembly_value(&as, NULL, &err), out, sizeof(out));
	PT_CHECK(strstr(out, ",\"plan\":\"agenda\",\"commitments\":[\"") != NULL && starts(out, "{\"id\":"));
	/* assemblies(): the row with its names and agreements */
	json_of(pt_commitment_store_assemblies_value(db, "san-miguel", NULL, &err), out, sizeof(out));
	PT_CHECK(starts(out, "[{\"id\":"));
	PT_CHECK(strstr(out, "\"territory\":\"san-miguel\"") != NULL);
	PT_CHECK(strstr(out, "\"attendance\":12,") != NULL);
	PT_CHECK(strstr(out, "\"attendees\":[\"") != NULL && strstr(out, "\"agreements\":[{\"text\":\"") != NULL);
	PT_CHECK_STR(json_of(pt_commitment_store_assemblies_value(db, "iztapalapa", NULL, &err), out, sizeof(out)), "[]");
	pt_commitment_store_assembly_free_ids(&as);
	pt_commitment_assembly_free(&as, NULL);
	pt_value_free(a);
	pt_db_close(db);
}

static bool no_json(void *ctx, const char *s, size_t len, pt_value **out)
{
	(void)ctx;
	(void)s;
	(void)len;
	(void)out;
	return false;
}

/* An import of csv (dry or not): its errors and what it lists. */
static pt_status import_csv(pt_db *db, const char *csv, bool dry, pt_commitment_import_file *f, pt_error *err)
{
	pt_commitment_patch_in in;

	memset(&in, 0, sizeof(in));
	in.cfg = cfg;
	in.by = "participa:import";
	in.json = no_json;
	pt_commitment_import_file_init(f, true, NULL);
	pt_commitment_import_read_csv(f, csv, strlen(csv));
	pt_error_clear(err);
	return pt_commitment_store_import_file(db, f, &in, dry, in.by, err);
}

PT_TEST(store_import_dry_run_and_real)
{
	static const char csv[] =
		"id,plan,parent,title,progress\r\n"
		"I.1,pal,I,Hijo,20\r\n"
		"I,pal,,Padre,\r\n"
		"P.2,pal,P,Cambiado,80\r\n";
	pt_commitment_import_file f;
	pt_db *db;
	pt_error err;
	char p[16], out[8192];
	size_t i, listed = 0;

	if (!test_socket || !(db = open_db(test_dbname))) {
		printf("  (skipped: set PARTICIPA_TEST_SOCKET)\n");
		return;
	}
	/* the dry run: the parent first, the changes listed, nothing stored */
	PT_CHECK(import_csv(db, csv, true, &f, &err) == PT_OK);
	PT_CHECK_EQ_INT(f.error_count, 0);
	PT_CHECK_EQ_INT(f.count, 3);
	PT_CHECK_EQ_INT(f.order[0], 1);
	for (i = 0; i < f.count; i++) {
		listed += pt_commitment_import_listed(&f, i, true);
	}
	PT_CHECK_EQ_INT(listed, 3);
	PT_CHECK_EQ_INT(f.rows[0].outcome, PT_COMMITMENT_IMPORT_CREATED);
	PT_CHECK_EQ_INT(f.rows[2].outcome, PT_COMMITMENT_IMPORT_UPDATED);
	PT_CHECK(f.rows[2].changes && strstr(f.rows[2].changes, "Cambiado") != NULL);
	PT_CHECK_EQ_INT(f.applied, 0);
	json_of(pt_commitment_import_result_value(&f, true), out, sizeof(out));
	PT_CHECK(starts(out, "{\"errors\":[],\"changes\":[{\"id\":\"I\",\"action\":\"create\",\"changes\":{\"id\":[null,\"I\"],"));
	PT_CHECK(strstr(out, "{\"id\":\"P.2\",\"action\":\"update\",\"changes\":{\"title\":[") != NULL);
	PT_CHECK(strstr(out, "],\"applied\":0,\"dry_run\":true}") != NULL);
	pt_commitment_import_file_free(&f);
	PT_CHECK_STR(progress_of(db, "I", p), "?");
	/* for real: stored, rolled up */
	PT_CHECK(import_csv(db, csv, false, &f, &err) == PT_OK);
	PT_CHECK_EQ_INT(f.error_count, 0);
	PT_CHECK_EQ_INT(f.applied, 3);
	json_of(pt_commitment_import_result_value(&f, false), out, sizeof(out));
	PT_CHECK(starts(out, "{\"errors\":[],\"changes\":[{\"id\":\"I\",\"action\":\"create\",\"fields_changed\":"));
	PT_CHECK(strstr(out, "],\"applied\":3,\"dry_run\":false}") != NULL);
	pt_commitment_import_file_free(&f);
	/* history() and verify() as trees */
	json_of(pt_commitment_store_history_value(db, "I", NULL, &err), out, sizeof(out));
	PT_CHECK(starts(out, "[{\"seq\":"));
	PT_CHECK(strstr(out, "\"commitment\":\"I\",\"action\":\"import\",\"actor\":\"participa:import\",\"at\":\"") != NULL);
	PT_CHECK(strstr(out, "\"changes\":{\"id\":[null,\"I\"],") != NULL);
	PT_CHECK(strstr(out, "\"prev_hash\":\"") != NULL && strstr(out, "\"hash\":\"") != NULL);
	json_of(pt_commitment_store_verify_value(db, NULL, &err), out, sizeof(out));
	PT_CHECK(starts(out, "{\"ok\":true,\"events\":") && strstr(out, ",\"first_bad\":null}") != NULL);
	PT_CHECK_STR(progress_of(db, "I", p), "20.00");
	/* a file with one bad row writes nothing */
	PT_CHECK(import_csv(db, "id,plan,title,theme\r\nJ,pal,Jota,\r\nK,pal,Ka,deportes\r\n", false, &f, &err) == PT_OK);
	PT_CHECK_EQ_INT(f.error_count, 1);
	PT_CHECK_STR(f.error_count ? f.errors[0].message : "", "tema desconocido 'deportes'");
	PT_CHECK_EQ_INT(f.errors[0].row, 3);
	PT_CHECK_EQ_INT(f.applied, 0);
	PT_CHECK_STR(json_of(pt_commitment_import_result_value(&f, false), out, sizeof(out)),
		"{\"errors\":[{\"row\":3,\"column\":\"theme\",\"column_number\":4,\"message\":\"tema desconocido 'deportes'\"}],"
		"\"changes\":[],\"applied\":0,\"dry_run\":false}");
	pt_commitment_import_file_free(&f);
	PT_CHECK_STR(progress_of(db, "J", p), "?");
	pt_db_close(db);
}

int main(void)
{
	pt_diags diags;
	pt_db *admin = NULL, *db;
	pt_error err;
	char sql[160];
	int rc;

	setvbuf(stdout, NULL, _IOLBF, 0);
	pt_diags_init(&diags);
	if (pt_config_load_string("test.yaml", yaml, sizeof(yaml) - 1, &cfg, &diags) != PT_OK) {
		printf("test_commitment_store: the test configuration does not load (%zu problems)\n", diags.count);
		return 1;
	}
	pt_diags_free(&diags);
	PT_RUN(patch_canonical_fields);
	PT_RUN(patch_refusals);
	PT_RUN(patch_reports_every_error);
	PT_RUN(check_transitions_and_roles);
	PT_RUN(who_may_write_and_ids);
	PT_RUN(options);
	PT_RUN(assembly_rules);
	PT_RUN(import_file_reading);
	PT_RUN(export_encodings);
	PT_RUN(answer_values);

	test_socket = getenv("PARTICIPA_TEST_SOCKET");
	if (test_socket && !*test_socket) {
		test_socket = NULL;
	}
	if (test_socket && pt_db_library_init() == PT_OK && (admin = open_db(NULL))) {
		snprintf(test_dbname, sizeof(test_dbname), "pt_ctest_cms_%ld", (long)getpid());
		snprintf(sql, sizeof(sql), "CREATE DATABASE %s CHARACTER SET utf8mb4", test_dbname);
		pt_error_clear(&err);
		if (pt_db_exec(admin, sql, NULL, 0, NULL, NULL, &err) != PT_OK || !(db = open_db(test_dbname))
			|| pt_db_migrate(db, pt_schema_migrations, PT_SCHEMA_MIGRATION_COUNT, 0, NULL, NULL, &err) != PT_OK) {
			printf("test_commitment_store: cannot set up %s: %s\n", test_dbname, err.message);
			return 1;
		}
		pt_db_close(db);
	} else if (test_socket) {
		printf("test_commitment_store: cannot connect to %s\n", test_socket);
		return 1;
	}
	PT_RUN(store_write_rollup_history);
	PT_RUN(store_reads_answered);
	PT_RUN(store_assembly);
	PT_RUN(store_import_dry_run_and_real);
	if (admin) {
		snprintf(sql, sizeof(sql), "DROP DATABASE %s", test_dbname);
		pt_db_exec(admin, sql, NULL, 0, NULL, NULL, &err);
		pt_db_close(admin);
		pt_db_library_end();
	}
	pt_config_free(cfg);
	rc = pt_test_summary("test_commitment_store");
	return rc;
}
