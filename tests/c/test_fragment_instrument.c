/* The questionnaire fragments: what html() reads (core/fragment/instrument_view.c), the form's view
 * model and the report's (rendered through the real templates), the form posts' map fields
 * (core/fragment/request_rules.c) and what they mean (core/fragment/instrument_form.c). */
#include "core/common/json_write.h"
#include "pt_test.h"
#include "core/fragment/instrument_form.h"
#include "core/fragment/instrument_view.h"
#include "core/fragment/fragment_view.h"
#include "core/fragment/request_rules.h"
#include "core/common/json_read.h"
#include "core/common/messages.h"
#include "io/template/template_files.h"

#include <stdlib.h>
#include <unistd.h>

static pt_value *json(const char *s)
{
	pt_value *v = NULL;
	pt_error err;

	pt_error_clear(&err);
	if (pt_json_read(s, strlen(s), 32, NULL, &v, &err) != PT_OK) {
		printf("  bad test JSON: %s\n", err.message);
	}
	return v;
}

/* v as JSON (unescaped slashes and Unicode), v kept. */
static const char *js(const pt_value *v, char *out, size_t size)
{
	pt_buf b;
	pt_error err;

	pt_buf_init(&b, NULL);
	pt_error_clear(&err);
	if (!v || pt_json_value(&b, v, 0, &err) != PT_OK) {
		snprintf(out, size, "(null)");
	} else {
		snprintf(out, size, "%.*s", (int)b.len, b.data);
	}
	pt_buf_free(&b);
	return out;
}

static pt_fragment_host host(void)
{
	pt_fragment_host h;

	memset(&h, 0, sizeof(h));
	h.url = "/consulta/?{params}";
	h.here = "/consulta/";
	h.instance = "q1";
	h.token_name = "_wpnonce";
	h.token_value = "abc";
	return h;
}

/* A definition with one item of every scale; self closes at the end of 20 June 2022 (local). */
static const char def_json[] =
	"{\"id\":\"apertura\",\"title\":\"Apertura\",\"respondents\":{"
	"\"self\":{\"role\":\"enlace\",\"opens\":\"2022-06-08 00:00:00\",\"closes\":\"2022-06-21 00:00:00\","
	"\"deadline\":\"2022-06-20 23:59:59\"},"
	"\"corroboration\":{\"role\":null,\"opens\":\"2022-06-08 00:00:00\",\"closes\":null,\"deadline\":null}},"
	"\"dimensions\":[{\"id\":\"normatividad\",\"title\":\"Normatividad\",\"items\":["
	"{\"id\":\"reglamento\",\"text\":\"¿Reglamento?\",\"scale\":\"yes_no\",\"evidence\":\"required\",\"required\":true},"
	"{\"id\":\"comite\",\"text\":\"¿Comité?\",\"scale\":\"partial\",\"evidence\":\"none\",\"required\":true}]},"
	"{\"id\":\"tic\",\"title\":\"TIC's\",\"items\":["
	"{\"id\":\"portal\",\"text\":\"Secciones\",\"scale\":\"numeric\",\"min\":0,\"max_value\":4,\"evidence\":\"none\",\"required\":true},"
	"{\"id\":\"datos\",\"text\":\"Datos\",\"scale\":\"choice\",\"options\":[{\"id\":\"no\",\"label\":\"Ninguno\",\"points\":0},"
	"{\"id\":\"todos\",\"label\":\"Todos\",\"points\":3}],\"evidence\":\"none\",\"required\":true},"
	"{\"id\":\"notas\",\"text\":\"Notas\",\"scale\":\"text\",\"evidence\":\"none\",\"required\":false,\"placeholder\":true}]}],"
	"\"subjects\":[{\"id\":\"amecameca\",\"name\":\"Amecameca\",\"group\":\"Región I\"}]}";

/* 2022-06-15 12:00 UTC and 2022-06-21 06:00 UTC (00:00 local: the deadline passed) */
#define BEFORE_DEADLINE 1655294400
#define AFTER_DEADLINE 1655791200

static pt_value *form_data(const char *view, int64_t now, const char *response, const char *self)
{
	char buf[8192];

	snprintf(buf, sizeof(buf), "{\"opts\":{\"view\":\"%s\",\"subject\":\"amecameca\"},\"viewer\":\"wp:1\",\"now\":%lld,"
		"\"timezone\":\"America/Mexico_City\",\"definition\":%s%s%s%s%s}", view, (long long)now, def_json,
		response ? ",\"response\":" : "", response ? response : "", self ? ",\"self\":" : "", self ? self : "");
	return json(buf);
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

static char *view_html(pt_value *data, const pt_fragment_host *h)
{
	pt_value *v = NULL;
	pt_error err;
	char *html;

	pt_error_clear(&err);
	if (pt_fragment_instrument_view(data, h, NULL, &v, &err) != PT_OK) {
		printf("  view: %s\n", err.message);
		pt_value_free(data);
		return NULL;
	}
	html = render(pt_fragment_instrument_template(pt_value_get(data, "opts")), v);
	pt_value_free(data);
	return html;
}

#define HAS(html, s) do { if (!(html) || !strstr((html), (s))) PT_FAIL_AT("the page lacks %s", (s)); } while (0)
#define LACKS(html, s) do { if ((html) && strstr((html), (s))) PT_FAIL_AT("the page shows %s", (s)); } while (0)

PT_TEST(reads)
{
	pt_value *opts = json("{\"view\":\"corroborate\",\"subject\":\"amecameca\"}"), *args = NULL;
	const char *key;
	char method[16], out[256];

	PT_CHECK_EQ_INT(pt_fragment_instrument_read(opts, "wp:9", 0, NULL, &key, method, sizeof(method), &args), PT_OK);
	PT_CHECK_STR(key, "definition");
	PT_CHECK_STR(method, "definition");
	PT_CHECK_STR(js(args, out, sizeof(out)), "[]");
	pt_value_free(args);
	PT_CHECK_EQ_INT(pt_fragment_instrument_read(opts, "wp:9", 1, NULL, &key, method, sizeof(method), &args), PT_OK);
	PT_CHECK_STR(key, "self");
	PT_CHECK_STR(js(args, out, sizeof(out)), "[\"wp:9\",\"amecameca\"]");
	pt_value_free(args);
	PT_CHECK_EQ_INT(pt_fragment_instrument_read(opts, "wp:9", 2, NULL, &key, method, sizeof(method), &args), PT_OK);
	PT_CHECK_STR(key, "response");
	PT_CHECK_STR(js(args, out, sizeof(out)), "[\"wp:9\",\"amecameca\",{\"as\":\"corroboration\"}]");
	pt_value_free(args);
	PT_CHECK_EQ_INT(pt_fragment_instrument_read(opts, "wp:9", 3, NULL, &key, method, sizeof(method), &args), PT_OK);
	PT_CHECK_STR(key, "may");
	PT_CHECK_STR(method, "refusal");
	PT_CHECK_STR(js(args, out, sizeof(out)), "[\"wp:9\",\"amecameca\",{\"as\":\"corroboration\"}]");
	pt_value_free(args);
	PT_CHECK_EQ_INT(pt_fragment_instrument_read(opts, "wp:9", 4, NULL, &key, method, sizeof(method), &args),
		PT_ERR_NOT_FOUND);
	/* a visitor reads the institution's answers, and has none of its own */
	PT_CHECK_EQ_INT(pt_fragment_instrument_read(opts, NULL, 1, NULL, &key, method, sizeof(method), &args), PT_OK);
	PT_CHECK_STR(js(args, out, sizeof(out)), "[\"visitante\",\"amecameca\"]");
	pt_value_free(args);
	PT_CHECK_EQ_INT(pt_fragment_instrument_read(opts, NULL, 2, NULL, &key, method, sizeof(method), &args),
		PT_ERR_NOT_FOUND);
	pt_value_free(opts);
	/* an evaluator's form reads its own evaluation; the report reads the report only */
	opts = json("{\"subject\":\"p1\",\"as\":\"evaluation\"}");
	PT_CHECK_EQ_INT(pt_fragment_instrument_read(opts, "wp:9", 1, NULL, &key, method, sizeof(method), &args), PT_OK);
	PT_CHECK_STR(js(args, out, sizeof(out)), "[\"wp:9\",\"p1\",{\"as\":\"evaluation\"}]");
	pt_value_free(args);
	PT_CHECK_STR(pt_fragment_instrument_template(opts), "instrument-form");
	pt_value_free(opts);
	opts = json("{\"view\":\"report\"}");
	PT_CHECK_EQ_INT(pt_fragment_instrument_read(opts, "wp:9", 0, NULL, &key, method, sizeof(method), &args), PT_OK);
	PT_CHECK_STR(method, "report");
	pt_value_free(args);
	PT_CHECK_EQ_INT(pt_fragment_instrument_read(opts, "wp:9", 1, NULL, &key, method, sizeof(method), &args),
		PT_ERR_NOT_FOUND);
	PT_CHECK_STR(pt_fragment_instrument_template(opts), "instrument-report");
	pt_value_free(opts);
}

PT_TEST(form_open_and_closed)
{
	pt_fragment_host h = host();
	char *html = view_html(form_data("form", BEFORE_DEADLINE, NULL, NULL), &h);

	HAS(html, "<p class=\"participa-plazo\">Fecha límite: 20 de junio de 2022, 23:59 (hora del sitio).</p>");
	HAS(html, "<fieldset class=\"participa-opciones\">\n<legend>1. ¿Reglamento? <abbr title=\"obligatoria\">*</abbr></legend>");
	HAS(html, "name=\"answers[comite]\" value=\"partial\" required>");
	HAS(html, "<input type=\"number\" id=\"q1-cuestionario-portal\" name=\"numbers[portal]\" min=\"0\" max=\"4\"");
	HAS(html, "<select id=\"q1-cuestionario-datos\" name=\"answers[datos]\" required>");
	HAS(html, "<option value=\"todos\">Todos</option>");
	HAS(html, "<textarea id=\"q1-cuestionario-notas\" name=\"answers[notas]\" rows=\"3\" maxlength=\"2000\">");
	HAS(html, "(pregunta de ejemplo: el documento fuente no la lista)");
	HAS(html, "name=\"evidence[reglamento]\"");
	LACKS(html, "name=\"evidence[comite]\"");
	HAS(html, "<input type=\"hidden\" name=\"_wpnonce\" value=\"abc\">");
	HAS(html, "value=\"instrument.draft\" formnovalidate>Guardar borrador</button>");
	HAS(html, "value=\"instrument.submit\">Enviar</button>");
	LACKS(html, "participa-aviso");
	free(html);
	/* after the deadline: the notice, no form, the stored answers listed */
	html = view_html(form_data("form", AFTER_DEADLINE, "{\"status\":\"draft\",\"updated_at\":\"2022-06-19 20:00:00\","
		"\"answers\":{\"comite\":{\"value\":\"partial\",\"evidence\":null}},\"missing\":[\"reglamento\"]}", NULL), &h);
	HAS(html, "<p class=\"participa-aviso\" role=\"status\">El plazo para responder terminó el 20 de junio de 2022, 23:59. "
		"Ya no se reciben respuestas.</p>");
	HAS(html, "Borrador guardado el 19 de junio de 2022, 15:00. Falta 1 pregunta obligatoria.");
	LACKS(html, "<form");
	HAS(html, "<dd>En parte</dd>");
	HAS(html, "<dd>Sin respuesta</dd>");
	free(html);
	/* a viewer who may not write is told so before filling anything in, and sees no draft */
	{
		pt_value *d = form_data("form", BEFORE_DEADLINE, "{\"status\":\"draft\",\"updated_at\":\"2022-06-19 20:00:00\","
			"\"answers\":{\"comite\":{\"value\":\"partial\"}},\"missing\":[]}", NULL);

		pt_value_setc(d, "may", pt_value_cstr(NULL, "Solo quien tiene el rol «Enlace» en Amecameca puede dar su respuesta."));
		html = view_html(d, &h);
		HAS(html, "<p class=\"participa-aviso\" role=\"status\">Solo quien tiene el rol «Enlace» en Amecameca puede dar su respuesta.</p>");
		LACKS(html, "<form");
		LACKS(html, "En parte");
		LACKS(html, "Borrador guardado");
		free(html);
	}
	/* English */
	h.lang = "en";
	html = view_html(form_data("form", BEFORE_DEADLINE, NULL, NULL), &h);
	HAS(html, "Deadline: June 20, 2022, 23:59 (the site&#39;s time).");
	HAS(html, ">Save draft</button>");
	free(html);
}

PT_TEST(form_refused)
{
	pt_fragment_host h = host();
	pt_value *o = json("{\"ok\":false,\"action\":\"instrument.submit\",\"form\":\"cuestionario\",\"message\":\"Revisa los datos marcados.\","
		"\"errors\":{\"numbers[portal]\":\"Escribe un número entero, sin puntos ni comas.\"},"
		"\"draft\":{\"answers\":{\"reglamento\":\"yes\",\"notas\":\"<b>mía</b>\"},\"numbers\":{\"portal\":\"3,5\"},"
		"\"evidence\":{\"reglamento\":\"\"}}}");
	char *html;

	h.outcome = o;
	html = view_html(form_data("form", BEFORE_DEADLINE, NULL, NULL), &h);
	HAS(html, "<p id=\"q1-cuestionario-mensaje\" class=\"participa-error\" role=\"alert\">Revisa los datos marcados.</p>");
	/* the form rule's error, the value as typed */
	HAS(html, "value=\"3,5\" required aria-describedby=\"q1-cuestionario-portal-ayuda q1-cuestionario-portal-error\" "
		"aria-invalid=\"true\">");
	HAS(html, "<p id=\"q1-cuestionario-portal-error\" class=\"participa-error\">Escribe un número entero, sin puntos ni comas.</p>");
	/* the submission's own rules, item by item: what is missing, the evidence a "yes" needs */
	HAS(html, "<fieldset class=\"participa-opciones\" aria-describedby=\"q1-cuestionario-comite-error\">");
	HAS(html, "<p id=\"q1-cuestionario-datos-error\" class=\"participa-error\">Falta esta respuesta.</p>");
	HAS(html, "aria-describedby=\"q1-cuestionario-reglamento-evidencia-ayuda q1-cuestionario-reglamento-evidencia-error\"");
	HAS(html, "value=\"yes\" checked required>");
	HAS(html, "&lt;b&gt;mía&lt;/b&gt;</textarea>");
	LACKS(html, "q1-cuestionario-notas-error");
	free(html);
	/* a refused draft says only what the form rules said */
	pt_request_put(o, "action", pt_value_cstr(NULL, "instrument.draft"));
	html = view_html(form_data("form", BEFORE_DEADLINE, NULL, NULL), &h);
	HAS(html, "q1-cuestionario-portal-error");
	LACKS(html, "q1-cuestionario-datos-error");
	free(html);
	/* another form's refusal is not this one's */
	pt_request_put(o, "form", pt_value_cstr(NULL, "corroboracion"));
	html = view_html(form_data("form", BEFORE_DEADLINE, NULL, NULL), &h);
	LACKS(html, "participa-error");
	free(html);
	pt_value_free(o);
}

PT_TEST(corroboration)
{
	pt_fragment_host h = host();
	char *html = view_html(form_data("corroborate", BEFORE_DEADLINE, NULL, "{\"status\":\"submitted\",\"answers\":{"
		"\"reglamento\":{\"value\":true,\"evidence\":\"https://ame.gob.mx/r.pdf\"},\"comite\":{\"value\":\"partial\",\"evidence\":null},"
		"\"datos\":{\"value\":\"todos\",\"evidence\":null}}}"), &h);

	HAS(html, "<p class=\"participa-institucion\">Respuesta de Amecameca: Sí · <a href=\"https://ame.gob.mx/r.pdf\">");
	HAS(html, "<p class=\"participa-institucion\">Respuesta de Amecameca: Todos</p>");
	HAS(html, "id=\"q1-corroboracion-reglamento-igual\" name=\"answers[reglamento]\" value=\"\" checked>");
	HAS(html, "<option value=\"\" selected>Coincido con su respuesta</option>");
	HAS(html, "déjalo vacío si coincides");
	HAS(html, "value=\"instrument.corroborate\">Enviar corroboración</button>");
	LACKS(html, "answers[notas]");
	LACKS(html, "Guardar borrador");
	LACKS(html, " required");
	free(html);
	/* nothing to corroborate yet */
	html = view_html(form_data("corroborate", BEFORE_DEADLINE, NULL, "{\"status\":\"draft\",\"answers\":{}}"), &h);
	HAS(html, "Amecameca todavía no envía su respuesta: aún no hay qué corroborar.");
	LACKS(html, "<form");
	free(html);
}

PT_TEST(widths)
{
	char b[32];

	pt_fragment_instrument_width(1, 3, 330, b, sizeof(b));
	PT_CHECK_STR(b, "110.0");
	pt_fragment_instrument_width(5, 6, 330, b, sizeof(b));
	PT_CHECK_STR(b, "275.0");
	pt_fragment_instrument_width(37, 48, 330, b, sizeof(b));
	PT_CHECK_STR(b, "254.4");   /* 254.375 rounds half up */
	pt_fragment_instrument_width(0, 1, 330, b, sizeof(b));
	PT_CHECK_STR(b, "0.0");
	pt_fragment_instrument_width(7, 0, 330, b, sizeof(b));
	PT_CHECK_STR(b, "0.0");
	pt_fragment_instrument_width(9, 4, 100, b, sizeof(b));
	PT_CHECK_STR(b, "100.0");
	pt_fragment_instrument_width(117, 125, 100, b, sizeof(b));
	PT_CHECK_STR(b, "93.6");
}

static const char report_json[] =
	"{\"opts\":{\"view\":\"report\"},\"now\":0,\"report\":{\"title\":\"Apertura\",\"scored_by\":\"self\","
	"\"instrument\":{\"max\":{\"num\":64,\"den\":1,\"text\":\"64\"},\"dimensions\":[{\"items\":[{\"id\":\"r1\",\"text\":\"Reactivo 1\"}]}]},"
	"\"responses\":{\"subjects\":125,\"self\":{\"allowed\":true,\"submitted\":117,\"drafts\":2,\"subjects\":117,"
	"\"rate\":{\"num\":117,\"den\":125,\"percent\":\"93.6 %\"}},\"corroboration\":{\"allowed\":true,\"submitted\":45,"
	"\"drafts\":0,\"subjects\":18,\"rate\":{\"num\":18,\"den\":125,\"percent\":\"14.4 %\"}},\"evaluation\":{\"allowed\":false}},"
	"\"dimensions\":[{\"title\":\"Normatividad\",\"share\":{\"num\":2,\"den\":3,\"percent\":\"66.7 %\"},\"corroboration\":"
	"{\"subjects\":18,\"own_share\":{\"num\":5,\"den\":6,\"percent\":\"83.3 %\"},\"corroborated_share\":{\"num\":1,\"den\":2,"
	"\"percent\":\"50.0 %\"}}},{\"title\":\"TIC's\",\"share\":{\"num\":1,\"den\":4,\"percent\":\"25.0 %\"},\"corroboration\":{\"subjects\":0}}],"
	"\"thresholds\":[{\"label\":\"Buena práctica\",\"at\":80,\"subjects\":2,\"share\":{\"num\":2,\"den\":3,\"percent\":\"66.7 %\"}},"
	"{\"label\":\"Caso emblemático\",\"at\":100,\"subjects\":1,\"share\":{\"num\":1,\"den\":3,\"percent\":\"33.3 %\"}}],"
	"\"ranking\":[{\"rank\":1,\"name\":\"A <y> B\",\"group\":\"Norte\",\"total\":{\"text\":\"64\"},\"share\":{\"percent\":\"100.0 %\"},\"level\":\"Caso emblemático\"},"
	"{\"rank\":2,\"name\":\"C\",\"group\":\"Sur\",\"total\":{\"text\":\"51.2\"},\"share\":{\"percent\":\"80.0 %\"},\"level\":\"Buena práctica\"},"
	"{\"rank\":3,\"name\":\"D\",\"group\":\"Sur\",\"total\":{\"text\":\"3\"},\"share\":{\"percent\":\"4.7 %\"},\"level\":null}],"
	"\"groups\":[{\"group\":\"Norte\",\"subjects\":1,\"responded\":1,\"rate\":{\"percent\":\"100.0 %\"},\"mean_share\":{\"percent\":\"100.0 %\"},"
	"\"thresholds\":[{\"subjects\":1},{\"subjects\":1}]}],"
	"\"subjects\":[{\"name\":\"C\",\"corroboration\":{\"disagreements\":[{\"item\":\"r1\",\"self\":{\"text\":\"1\"},"
	"\"corroborated\":{\"text\":\"0.33\"},\"agree\":1,\"corroborations\":3}]}}]}}";

PT_TEST(report)
{
	pt_fragment_host h = host();
	char *html = view_html(json(report_json), &h);

	HAS(html, "<li>Autoevaluación: respondieron 117 de 125 (93.6 %). 2 borradores sin enviar.</li>");
	HAS(html, "<li>Corroboración ciudadana: 45 respuestas sobre 18 de 125 (14.4 %).</li>");
	HAS(html, "role=\"img\" aria-labelledby=\"q1-dimensiones-titulo q1-dimensiones-desc\"");
	HAS(html, "<rect x=\"210\" y=\"22\" width=\"220.0\" height=\"16\" class=\"participa-barra-propia\"");
	HAS(html, "width=\"275.0\" height=\"16\" class=\"participa-barra-corroborados\"");
	HAS(html, "width=\"165.0\" height=\"16\" class=\"participa-barra-ciudadania\" stroke=\"#1f4e79\" stroke-width=\"1\" fill=\"url(#q1-rayas)\"");
	HAS(html, "<text x=\"436\" y=\"35\" font-size=\"12\" fill=\"currentColor\">66.7 %</text>");
	HAS(html, "<tr><th scope=\"row\">TIC&#39;s</th><td>25.0 %</td><td>0</td><td>—</td><td>—</td></tr>");
	HAS(html, "Buena práctica (80 % o más): 2 de 3 (66.7 %)");
	HAS(html, "Caso emblemático (100 % o más): 1 de 3 (33.3 %)");
	HAS(html, "<caption>Clasificación por puntaje total</caption>");
	HAS(html, "<tr><td>1</td><th scope=\"row\">A &lt;y&gt; B</th><td>Norte</td><td>64 de 64</td><td>100.0 %</td><td>Caso emblemático</td></tr>");
	HAS(html, "<td>3 de 64</td><td>4.7 %</td><td>—</td>");
	HAS(html, "<tr><th scope=\"row\">Norte</th><td>1 de 1 (100.0 %)</td><td>100.0 %</td><td>1</td><td>1</td></tr>");
	HAS(html, "<tr><th scope=\"row\">C</th><td>Reactivo 1</td><td>1</td><td>0.33</td><td>1 de 3</td></tr>");
	free(html);
}

PT_TEST(map_fields_and_prepare)
{
	pt_fragment_host h = host();
	pt_value *post = json("{\"participa_action\":\"instrument.draft\",\"participa_form\":\"cuestionario\",\"instrument\":\"apertura\","
		"\"subject\":\"amecameca\",\"answers\":{\"reglamento\":\"yes\",\"notas\":\"a\\r\\nb\",\"datos\":\"\"},"
		"\"numbers\":{\"portal\":\" 3 \"},\"evidence\":{\"reglamento\":\" acta 3 \"}}"), *o = NULL, *args = NULL;
	const pt_request_rule *rule;
	pt_error err;
	char method[64], out[512];

	pt_error_clear(&err);
	PT_CHECK_EQ_INT(pt_request_check(post, "wp:1", &h, NULL, &o, &rule, &err), PT_OK);
	PT_CHECK_STR(js(pt_value_get(pt_value_get(o, "prepared"), "answers"), out, sizeof(out)),
		"{\"reglamento\":{\"value\":\"yes\",\"evidence\":\"acta 3\"},\"notas\":\"a\\nb\",\"datos\":null,\"portal\":3}");
	PT_CHECK_EQ_INT(pt_request_args(rule, false, o, "wp:1", NULL, method, sizeof(method), &args), PT_OK);
	PT_CHECK_STR(method, "instrument");
	PT_CHECK_STR(js(args, out, sizeof(out)), "[\"apertura\"]");
	pt_value_free(args);
	PT_CHECK_EQ_INT(pt_request_args(rule, true, o, "wp:1", NULL, method, sizeof(method), &args), PT_OK);
	PT_CHECK_STR(method, "saveDraft");
	PT_CHECK_STR(js(args, out, sizeof(out)), "[\"wp:1\",\"amecameca\",{\"reglamento\":{\"value\":\"yes\","
		"\"evidence\":\"acta 3\"},\"notas\":\"a\\nb\",\"datos\":null,\"portal\":3},[]]");
	pt_value_free(args);
	pt_value_free(o);
	pt_value_free(post);
	/* a corroboration leaves out what it does not answer */
	post = json("{\"participa_action\":\"instrument.corroborate\",\"instrument\":\"apertura\",\"subject\":\"amecameca\","
		"\"answers\":{\"reglamento\":\"\",\"comite\":\"no\"},\"numbers\":{\"portal\":\"\"}}");
	PT_CHECK_EQ_INT(pt_request_check(post, "wp:1", &h, NULL, &o, &rule, &err), PT_OK);
	PT_CHECK_STR(js(pt_value_get(pt_value_get(o, "prepared"), "answers"), out, sizeof(out)), "{\"comite\":\"no\"}");
	pt_value_free(o);
	pt_value_free(post);
	/* refusals: each next to its control, the draft as typed */
	post = json("{\"participa_action\":\"instrument.submit\",\"participa_form\":\"cuestionario\",\"instrument\":\"apertura\","
		"\"subject\":\"amecameca\",\"numbers\":{\"portal\":\"3,5\",\"otro\":\"1e3\"}}");
	PT_CHECK_EQ_INT(pt_request_check(post, "wp:1", &h, NULL, &o, &rule, &err), PT_ERR_INVALID);
	PT_CHECK_STR(js(pt_value_get(o, "errors"), out, sizeof(out)), "{\"numbers[portal]\":\"Escribe un número "
		"entero, sin puntos ni comas.\",\"numbers[otro]\":\"Escribe un número entero, sin puntos ni comas.\"}");
	PT_CHECK_STR(pt_fragment_str(o, "message"), "Revisa los datos marcados.");
	PT_CHECK_STR(js(pt_value_get(pt_value_get(o, "draft"), "numbers"), out, sizeof(out)),
		"{\"portal\":\"3,5\",\"otro\":\"1e3\"}");
	PT_CHECK(!pt_value_get(o, "prepared"));
	pt_value_free(o);
	pt_value_free(post);
	post = json("{\"participa_action\":\"instrument.draft\",\"instrument\":\"apertura\",\"subject\":\"amecameca\","
		"\"answers\":[\"yes\"],\"evidence\":{\"a b\":\"x\"}}");
	PT_CHECK_EQ_INT(pt_request_check(post, "wp:1", &h, NULL, &o, &rule, &err), PT_ERR_INVALID);
	PT_CHECK_STR(js(pt_value_get(o, "errors"), out, sizeof(out)), "{\"answers\":\"" PT_MSG_INVALID
		"\",\"evidence\":\"" PT_MSG_INVALID "\"}");
	pt_value_free(o);
	pt_value_free(post);
	/* nobody signed in: the rule's words, the draft kept */
	post = json("{\"participa_action\":\"instrument.submit\",\"instrument\":\"apertura\",\"subject\":\"amecameca\","
		"\"answers\":{\"comite\":\"yes\"}}");
	PT_CHECK_EQ_INT(pt_request_check(post, NULL, &h, NULL, &o, &rule, &err), PT_ERR_NOT_ALLOWED);
	PT_CHECK_STR(pt_fragment_str(o, "message"), "Inicia sesión para participar.");
	PT_CHECK_STR(js(pt_value_get(pt_value_get(o, "draft"), "answers"), out, sizeof(out)), "{\"comite\":\"yes\"}");
	pt_value_free(o);
	pt_value_free(post);
	PT_CHECK(pt_msg_english("Escribe un número entero, sin puntos ni comas.") != NULL);
	PT_CHECK(pt_msg_english("Fecha límite: %s (hora del sitio).") != NULL);
}

/* Every allocation failing in turn: each view and the form answer PT_ERR_NOMEM with nothing left behind. */
static size_t fail_at, allocs;
static void *f_alloc(size_t n, void *c) { (void)c; return ++allocs == fail_at ? NULL : malloc(n); }
static void *f_realloc(void *p, size_t n, void *c) { (void)c; return ++allocs == fail_at ? NULL : realloc(p, n); }
static void f_free(void *p, void *c) { (void)c; free(p); }
static const pt_allocator failing = { f_alloc, f_realloc, f_free, NULL };

PT_TEST(no_leak_when_an_allocation_fails)
{
	pt_fragment_host h = host();
	pt_value *o = json("{\"ok\":false,\"action\":\"instrument.submit\",\"form\":\"cuestionario\",\"message\":\"m\","
		"\"errors\":{\"answers[comite]\":\"e\"},\"draft\":{\"answers\":{\"reglamento\":\"yes\"}}}");
	pt_value *data[4] = { form_data("form", BEFORE_DEADLINE, NULL, NULL), form_data("corroborate", BEFORE_DEADLINE,
		"{\"status\":\"submitted\",\"submitted_at\":\"2022-06-10 10:00:00\",\"answers\":{\"comite\":{\"value\":\"no\"}}}",
		"{\"status\":\"submitted\",\"answers\":{\"comite\":{\"value\":\"yes\",\"evidence\":\"x\"}}}"), json(report_json),
		form_data("form", AFTER_DEADLINE, "{\"status\":\"draft\",\"answers\":{}}", NULL) };
	pt_value *post = json("{\"participa_action\":\"instrument.draft\",\"instrument\":\"apertura\",\"subject\":\"amecameca\","
		"\"answers\":{\"reglamento\":\"yes\",\"notas\":\"x\"},\"numbers\":{\"portal\":\"3\",\"otro\":\"x\"},"
		"\"evidence\":{\"reglamento\":\"acta\"}}");
	size_t k;

	h.outcome = o;
	for (k = 0; k < 4; k++) {
		pt_status s = PT_ERR_NOMEM;

		for (fail_at = 1; s != PT_OK && fail_at < 200000; fail_at++) {
			pt_value *v = NULL;
			pt_error err;

			allocs = 0;
			pt_error_clear(&err);
			s = pt_fragment_instrument_view(data[k], &h, &failing, &v, &err);
			PT_CHECK(s == PT_OK ? v != NULL : v == NULL && s == PT_ERR_NOMEM);
			pt_value_free(v);
		}
		PT_CHECK_EQ_INT(s, PT_OK);
		pt_value_free(data[k]);
	}
	for (pt_status s = PT_ERR_NOMEM; s == PT_ERR_NOMEM && fail_at < 100000;) {
		const pt_request_rule *rule;
		pt_value *out = NULL;
		pt_error err;

		for (fail_at = 1, s = PT_ERR_NOMEM; s == PT_ERR_NOMEM && fail_at < 100000; fail_at++) {
			allocs = 0;
			pt_error_clear(&err);
			s = pt_request_check(post, "wp:1", &h, &failing, &out, &rule, &err);
			pt_value_free(out);
			out = NULL;
		}
		PT_CHECK_EQ_INT(s, PT_ERR_INVALID);   /* numbers[otro] */
	}
	pt_value_free(post);
	pt_value_free(o);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	pt_fragment_set_templates_dir(access("templates/instrument-form.html", R_OK) == 0 ? "templates" : "../../templates");
	PT_RUN(reads);
	PT_RUN(form_open_and_closed);
	PT_RUN(form_refused);
	PT_RUN(corroboration);
	PT_RUN(widths);
	PT_RUN(report);
	PT_RUN(map_fields_and_prepare);
	PT_RUN(no_leak_when_an_allocation_fails);
	pt_fragment_render_shutdown();
	return pt_test_summary("test_fragment_instrument");
}
