/* participa core: the view model of a process's fragment (process_view.h). */
#include "core/fragment/process_view.h"
#include "core/fragment/ballot_form.h"
#include "core/fragment/fragment_view.h"
#include "core/fragment/request_rules.h"
#include "core/fragment/results_view.h"
#include "core/common/messages.h"
#include "core/common/pt_buf.h"
#include "core/common/pt_format.h"
#include "core/common/pt_time.h"

#include <stdio.h>
#include <string.h>

#define PAPER_ROWS 10
#define PAPER_ROWS_MAX 100

static const char *const shows[] = { "ballot", "status", "results", "receipt", "paper" };

#define VBOOL(b, m, key, on) pt_fragment_vset((b), (m), (key), pt_value_bool((b)->a, (on)))

/* A member of type t, or NULL (absent, another type, or m not a map). */
static const pt_value *get(const pt_value *m, const char *key, pt_value_type t)
{
	const pt_value *v = m && m->type == PT_VALUE_MAP ? pt_value_get(m, key) : NULL;

	return v && v->type == t ? v : NULL;
}

/* ---- what to show --------------------------------------------------------------------- */

static const pt_value *status_of(const pt_value *data)
{
	return get(data, "status", PT_VALUE_MAP);
}

static bool can(const pt_value *data, const char *what)
{
	return pt_fragment_bool(get(status_of(data), "can", PT_VALUE_MAP), what);
}

/* An option the host read from its page's query (opts 'view', 'receipt'), or NULL: the host
 * contract reads nothing from the request itself. */
static const char *option(const pt_value *data, const char *key)
{
	const char *v = pt_fragment_str(get(data, "opts", PT_VALUE_MAP), key);

	return v && *v ? v : NULL;
}

const char *pt_fragment_process_receipt(const pt_value *data, const pt_fragment_host *h)
{
	(void)h;
	return option(data, "receipt");
}

pt_process_show pt_fragment_process_show(const pt_value *data, const pt_fragment_host *h)
{
	const char *show = pt_fragment_str(get(data, "opts", PT_VALUE_MAP), "show");
	size_t i;

	if (!show || !*show || !strcmp(show, "auto")) {
		show = option(data, "view");
	}
	for (i = 0; show && i < sizeof(shows) / sizeof(shows[0]); i++) {
		if (!strcmp(show, shows[i])) {
			break;
		}
	}
	if (show && i < sizeof(shows) / sizeof(shows[0])) {
		if ((i == PT_PROCESS_SHOW_RESULTS && !can(data, "see_results"))
			|| (i == PT_PROCESS_SHOW_PAPER && !can(data, "enter_paper_ballots"))) {
			return PT_PROCESS_SHOW_STATUS;
		}
		return (pt_process_show)i;
	}
	/* auto */
	if (can(data, "vote") || can(data, "speak")) {
		return PT_PROCESS_SHOW_BALLOT;
	}
	if (pt_fragment_process_receipt(data, h)) {
		return PT_PROCESS_SHOW_RECEIPT;
	}
	return can(data, "see_results") ? PT_PROCESS_SHOW_RESULTS : PT_PROCESS_SHOW_STATUS;
}

/* The outcome of action in the host (done or refused), or NULL. */
static const pt_value *outcome_of(const pt_fragment_host *h, const char *action)
{
	const char *a = h && h->outcome ? pt_fragment_str(h->outcome, "action") : NULL;

	return a && !strcmp(a, action) ? h->outcome : NULL;
}

static void add_id(pt_fragment_vb *b, pt_value *ids, const char *id)
{
	size_t i;

	if (!id || !*id) {
		return;
	}
	for (i = 0; ids && i < ids->u.c.count; i++) {
		if (!strcmp(ids->u.c.items[i]->u.s.s, id)) {
			return;
		}
	}
	pt_fragment_vpush(b, ids, pt_value_cstr(b->a, id));
}

pt_value *pt_fragment_process_ids(const pt_value *data, const pt_fragment_host *h, const pt_allocator *a)
{
	pt_fragment_vb b;
	pt_value *ids;
	const pt_value *batches = get(data, "batches", PT_VALUE_LIST);
	const pt_value *batch = get(outcome_of(h, "process.paper"), "batch", PT_VALUE_MAP);
	size_t i;

	pt_fragment_vb_init(&b, h, a);
	ids = pt_fragment_vlist(&b);
	for (i = 0; batches && i < batches->u.c.count; i++) {
		add_id(&b, ids, pt_fragment_str(batches->u.c.items[i], "first_by"));
		add_id(&b, ids, pt_fragment_str(batches->u.c.items[i], "second_by"));
	}
	add_id(&b, ids, pt_fragment_str(batch, "first_by"));
	add_id(&b, ids, pt_fragment_str(batch, "second_by"));
	if (get(data, "results", PT_VALUE_MAP)) {
		pt_value *people = pt_fragment_results_people(get(data, "results", PT_VALUE_MAP), a);

		for (i = 0; people && i < people->u.c.count; i++) {
			add_id(&b, ids, people->u.c.items[i]->u.s.s);
		}
		b.s = b.s ? b.s : people ? PT_OK : PT_ERR_NOMEM;
		pt_value_free(people);
	}
	return b.s == PT_OK ? ids : (pt_value_free(ids), NULL);
}

/* ---- texts ---------------------------------------------------------------------------- */

static const char *kind_text(const char *kind)
{
	static const char *const kinds[][2] = {
		{ "election", "Elección" }, { "poll", "Sondeo" }, { "consultation", "Consulta ciudadana" },
		{ "participatory_budget", "Presupuesto participativo" }, { "consensus", "Acuerdo por consenso" },
		{ "council_vote", "Votación de un órgano colegiado" },
	};
	size_t i;

	for (i = 0; kind && i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		if (!strcmp(kinds[i][0], kind)) {
			return kinds[i][1];
		}
	}
	return "Proceso participativo";
}

static const char *state_text(const char *state)
{
	return !state ? "Proceso participativo"
		: !strcmp(state, "voting") ? "La votación está abierta."
		: !strcmp(state, "closed") ? "La votación ya cerró."
		: !strcmp(state, "proposals") ? "Se reciben propuestas; la votación aún no abre."
		: "La votación aún no abre.";
}

/*
 * A phase bound as a citizen reads it: "1 de febrero de 2026" when it falls at
 * midnight (an end at midnight is the day before: the YAML's date-only end is
 * the end of that day), else "1 de febrero de 2026, 18:05" in the site's zone.
 */
static bool when(pt_fragment_vb *b, const pt_value *info, const pt_value *phase, bool end, pt_buf *out)
{
	const pt_value *utc = get(phase, end ? "to_utc" : "from_utc", PT_VALUE_INT);
	const char *local = pt_fragment_str(phase, end ? "to" : "from");
	const char *tz = b->h && b->h->timezone ? b->h->timezone : pt_fragment_str(info, "timezone");
	const char *lang = b->h ? b->h->lang : NULL;
	char iso[PT_TIME_TEXT_MAX];
	int64_t days;

	out->len = 0;
	if (!utc || !local) {
		return false;
	}
	if (strlen(local) == 16 && !strcmp(local + 10, " 00:00") && pt_time_parse_date(local, 10, 1, &days)) {
		int64_t y;
		unsigned mo, d;

		pt_time_civil_from_days(days - (end ? 1 : 0), &y, &mo, &d);
		snprintf(iso, sizeof(iso), "%04lld-%02u-%02u", (long long)y, mo, d);
		return pt_format_date(out, iso, NULL, lang) == PT_OK && !out->failed;
	}
	pt_time_format_iso(utc->u.i * 1000000, 0, iso);
	return pt_format_datetime(out, iso, tz, lang) == PT_OK && !out->failed;
}

static void voting_dates(pt_fragment_vb *b, pt_value *v, const pt_value *info)
{
	const pt_value *voting = get(get(info, "phases", PT_VALUE_MAP), "voting", PT_VALUE_MAP);
	pt_buf from, to;
	char out[512];

	pt_buf_init(&from, b->a);
	pt_buf_init(&to, b->a);
	if (when(b, info, voting, false, &from)) {
		if (when(b, info, voting, true, &to)) {
			snprintf(out, sizeof(out), pt_fragment_text(b->h, "Se vota del %s al %s."), from.data, to.data);
		} else {
			snprintf(out, sizeof(out), pt_fragment_text(b->h, "Se vota a partir del %s."), from.data);
		}
		pt_fragment_vstr(b, v, "dates", out);
	}
	pt_buf_free(&from);
	pt_buf_free(&to);
}

/* ---- the parts ---------------------------------------------------------------------- */

static void link_to(pt_fragment_vb *b, pt_value *m, const char *key, pt_process_show show)
{
	int keys[1] = { PT_FRAGMENT_PARAM_VIEW };
	const char *values[1] = { shows[show] };
	pt_buf l;

	pt_buf_init(&l, b->a);
	if (pt_fragment_link(b->h, &l, keys, values, 1) != PT_OK) {
		b->s = b->s ? b->s : PT_ERR_NOMEM;
	}
	pt_fragment_vset(b, m, key, b->s == PT_OK && !l.failed ? pt_value_string(b->a, l.data ? l.data : "", l.len) : NULL);
	pt_buf_free(&l);
}

/* The other parts as links (the host's view parameter). */
static void nav(pt_fragment_vb *b, pt_value *v, const pt_value *data, pt_process_show show)
{
	static const char *const labels[] = { "Boleta", "Mi participación", "Ver resultados", "Comprobar mi boleta",
		"Boletas en papel" };
	pt_value *list = pt_fragment_vset(b, v, "nav", pt_fragment_vlist(b));
	size_t i;

	for (i = 0; i < sizeof(shows) / sizeof(shows[0]); i++) {
		pt_value *item;

		if ((i == PT_PROCESS_SHOW_BALLOT && !can(data, "vote") && !can(data, "speak"))
			|| (i == PT_PROCESS_SHOW_RESULTS && !can(data, "see_results"))
			|| (i == PT_PROCESS_SHOW_PAPER && !can(data, "enter_paper_ballots"))) {
			continue;
		}
		item = pt_fragment_vpush(b, list, pt_fragment_vmap(b));
		pt_fragment_vtext(b, item, "label", labels[i]);
		link_to(b, item, "url", (pt_process_show)i);
		VBOOL(b, item, "current", i == show);
	}
}

static void status_part(pt_fragment_vb *b, pt_value *v, const pt_value *data)
{
	const pt_value *st = status_of(data);
	pt_value *s = pt_fragment_vset(b, v, "status", pt_fragment_vmap(b)), *list;
	const char *reason = pt_fragment_str(st, "reason"), *results = pt_fragment_str(st, "results");
	static const char *const doing[][2] = {
		{ "vote", "Votar" }, { "change_vote", "Cambiar tu voto mientras la votación siga abierta" },
		{ "speak", "Dar tu postura: tienes voz, pero no voto" }, { "propose", "Proponer opciones" },
		{ "enter_paper_ballots", "Capturar boletas en papel" }, { "see_results", "Ver los resultados" },
	};
	size_t i;

	pt_fragment_vid(b, s, "id", "estado");
	if (pt_fragment_bool(st, "voted")) {
		pt_fragment_vtext(b, s, "voted", "Ya votaste: tu voto está registrado.");
	} else if (pt_fragment_bool(st, "eligible") && !pt_fragment_bool(st, "voice_only")) {
		pt_fragment_vtext(b, s, "voted", "Todavía no has votado.");
	}
	if (pt_fragment_bool(st, "eligible")) {
		pt_fragment_vtext(b, s, "eligibility", pt_fragment_bool(st, "voice_only")
			? "Participas con voz, sin voto: tu postura y tu razón quedan registradas, pero no se cuentan."
			: "Tienes derecho a votar en este proceso.");
	} else {
		pt_fragment_vstr(b, s, "eligibility", pt_fragment_str(st, "eligibility"));
	}
	if (reason && (!pt_fragment_str(st, "eligibility") || strcmp(reason, pt_fragment_str(st, "eligibility")))) {
		pt_fragment_vstr(b, s, "reason", reason);
	}
	list = pt_fragment_vlist(b);
	for (i = 0; i < sizeof(doing) / sizeof(doing[0]); i++) {
		if (can(data, doing[i][0])) {
			pt_fragment_vpush(b, list, pt_value_cstr(b->a, pt_fragment_text(b->h, doing[i][1])));
		}
	}
	if (list && list->u.c.count) {
		pt_fragment_vset(b, s, "can", list);
	} else {
		pt_value_free(list);
	}
	if (results) {
		pt_fragment_vstr(b, s, "results", results);
	}
}

static const pt_value *refusal_errors(const pt_value *refused)
{
	return get(refused, "errors", PT_VALUE_MAP);
}

static void ballot_part(pt_fragment_vb *b, pt_value *v, const pt_value *data)
{
	const pt_value *info = get(data, "info", PT_VALUE_MAP);
	const pt_value *refused = pt_fragment_refusal(b->h, "process.cast", NULL);
	const char *extra[] = { "process", pt_fragment_str(info, "id"), "key", pt_fragment_str(data, "key"), NULL };
	pt_value *f = pt_fragment_vset(b, v, "ballot", pt_fragment_form(b, "process.cast", "boleta", extra));
	const pt_value *st = status_of(data);

	pt_fragment_vstr(b, f, "legend", pt_fragment_str(info, "title"));
	pt_fragment_vset(b, f, "fields", pt_ballot_form_view_pots(b, info, get(st, "pots", PT_VALUE_LIST),
		get(refused, "draft", PT_VALUE_MAP), refusal_errors(refused), "", "boleta"));
	if (pt_fragment_bool(st, "voice_only")) {
		pt_fragment_vtext(b, f, "note", "Tienes voz, pero no voto: tu postura y tu razón quedan registradas, pero no se "
			"cuentan.");
		pt_fragment_vtext(b, f, "submit", "Registrar mi postura");
	} else if (pt_fragment_bool(st, "voted")) {
		pt_fragment_vtext(b, f, "note", "Ya votaste. Si envías otra boleta, reemplaza a la anterior.");
		pt_fragment_vtext(b, f, "submit", "Cambiar mi voto");
	} else {
		pt_fragment_vtext(b, f, "submit", "Votar");
	}
	pt_fragment_vtext(b, f, "secrecy", !strcmp(pt_fragment_str(info, "secrecy") ? pt_fragment_str(info, "secrecy") : "", "secret")
		? "El voto es secreto: tu boleta se guarda sin tu nombre y nadie puede saber qué votaste."
		: "El voto es público: el resultado muestra la postura de cada participante.");
}

/* A stored (canonical) ballot in words: option names, stances in Spanish. */
static void ballot_words(pt_fragment_vb *b, pt_value *m, const char *key, const pt_value *info, const char *canon)
{
	const pt_value *cands = get(info, "candidates", PT_VALUE_LIST);
	static const char *const stances[][2] = {
		{ "agree", "De acuerdo (a favor)" }, { "abstain", "Me hago a un lado (abstención)" },
		{ "disagree", "En desacuerdo (en contra)" }, { "block", "Bloqueo de la propuesta" },
	};
	pt_buf out;
	const char *p = canon, *end = canon + strlen(canon);
	size_t i, place = 1;

	for (i = 0; i < sizeof(stances) / sizeof(stances[0]); i++) {
		if (!strcmp(canon, stances[i][0])) {
			pt_fragment_vtext(b, m, key, stances[i][1]);
			return;
		}
	}
	pt_buf_init(&out, b->a);
	if (!*canon) {
		pt_buf_puts(&out, pt_fragment_text(b->h, "Boleta en blanco"));
	}
	while (p < end) {
		/* one item: an id, with ":grade" (scores); then ',' '>' or '=' */
		size_t n = strcspn(p, ",>=:");
		const char *name = NULL;
		char sep;

		for (i = 0; cands && i < cands->u.c.count; i++) {
			const char *id = pt_fragment_str(cands->u.c.items[i], "id");

			if (id && strlen(id) == n && !memcmp(id, p, n)) {
				name = pt_fragment_str(cands->u.c.items[i], "name");
				name = name ? name : id;
			}
		}
		if (strchr(canon, '>') || strchr(canon, '=')) {
			char num[24];

			if (place == 1 || p[-1] == '>') {
				snprintf(num, sizeof(num), "%s%zu. ", place > 1 ? "; " : "", place);
				pt_buf_puts(&out, num);
			} else {
				pt_buf_puts(&out, " = ");
			}
			place++;
		} else if (p != canon) {
			pt_buf_puts(&out, "; ");
		}
		if (name) {
			pt_buf_puts(&out, name);
		} else {
			pt_buf_append(&out, p, n);
		}
		p += n;
		if (p < end && *p == ':') {
			size_t g = strcspn(p + 1, ",");

			pt_buf_puts(&out, ": ");
			pt_buf_append(&out, p + 1, g);
			p += 1 + g;
		}
		sep = p < end ? *p : '\0';
		p += sep ? 1 : 0;
	}
	pt_fragment_vset(b, m, key, b->s == PT_OK && !out.failed ? pt_value_string(b->a, out.data ? out.data : "", out.len) : NULL);
	pt_buf_free(&out);
}

/* After a cast: the receipt, and how to check it. */
static void cast_done(pt_fragment_vb *b, pt_value *v, const pt_value *data)
{
	const pt_value *o = outcome_of(b->h, "process.cast");
	const char *receipt = pt_fragment_str(o, "receipt");
	pt_value *r;

	if (!o || !pt_fragment_bool(o, "ok") || !receipt) {
		return;
	}
	r = pt_fragment_vset(b, v, "receipt_done", pt_fragment_vmap(b));
	pt_fragment_vid(b, r, "id", "recibo");
	pt_fragment_vstr(b, r, "receipt", receipt);
	pt_fragment_vtext(b, r, "title", pt_fragment_bool(o, "voice_only") ? "Tu postura quedó registrada" : "Tu voto quedó registrado");
	pt_fragment_vtext(b, r, "label", "Tu comprobante");
	pt_fragment_vtext(b, r, "keep", "Guárdalo: con él puedes comprobar en cualquier momento que tu boleta está en la urna y "
		"se cuenta. Nadie más lo tiene, y no lleva tu nombre.");
	link_to(b, r, "check_url", PT_PROCESS_SHOW_RECEIPT);
	pt_fragment_vtext(b, r, "check_label", "Comprobar mi boleta");
	(void)data;
}

static int hex(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* s[0..len) of a query decoded ('+' a space, %XX a byte): a form field's value is the plain text. */
static pt_value *decoded(pt_fragment_vb *b, const char *s, size_t len)
{
	pt_buf buf;
	pt_value *v;
	size_t k;

	pt_buf_init(&buf, b->a);
	for (k = 0; k < len; k++) {
		char c = s[k] == '+' ? ' ' : s[k];

		if (c == '%' && k + 2 < len && hex(s[k + 1]) >= 0 && hex(s[k + 2]) >= 0) {
			c = (char)(hex(s[k + 1]) * 16 + hex(s[k + 2]));
			k += 2;
		}
		pt_buf_append(&buf, &c, 1);
	}
	v = b->s == PT_OK && !buf.failed ? pt_value_string(b->a, buf.data ? buf.data : "", buf.len) : NULL;
	pt_buf_free(&buf);
	if (!v && !b->s) {
		b->s = PT_ERR_NOMEM;
	}
	return v;
}

/*
 * A GET form to the host's url: its path as the action, and its query's pairs
 * (but the "{params}" placeholder) as hidden fields, since a browser drops
 * the action's query when it sends a GET form. The hidden list is returned.
 */
static pt_value *get_form(pt_fragment_vb *b, pt_value *f)
{
	const char *url = b->h && b->h->url && *b->h->url ? b->h->url : "?{params}";
	const char *q = strchr(url, '?'), *p;
	pt_value *hidden = pt_fragment_vset(b, f, "hidden", pt_fragment_vlist(b));

	pt_fragment_vset(b, f, "get_action", b->s == PT_OK ? pt_value_string(b->a, url, q ? (size_t)(q - url)
		: strcspn(url, "#")) : NULL);
	for (p = q ? q + 1 : NULL; p && *p; ) {
		size_t n = strcspn(p, "&#"), eq = strcspn(p, "=");
		const char *brace = strchr(p, '{');

		if (n && !(brace && (size_t)(brace - p) < n && !strncmp(brace, "{params}", 8))) {
			pt_value *pair = pt_fragment_vpush(b, hidden, pt_fragment_vmap(b));

			pt_fragment_vset(b, pair, "name", decoded(b, p, eq < n ? eq : n));
			pt_fragment_vset(b, pair, "value", decoded(b, eq < n ? p + eq + 1 : p + n, eq < n ? n - eq - 1 : 0));
		}
		if (p[n] != '&') {
			break;
		}
		p += n + 1;
	}
	return hidden;
}

static void receipt_part(pt_fragment_vb *b, pt_value *v, const pt_value *data)
{
	const pt_value *info = get(data, "info", PT_VALUE_MAP);
	const pt_value *check = get(data, "receipt", PT_VALUE_MAP);
	const char *asked = pt_fragment_process_receipt(data, b->h);
	pt_value *r = pt_fragment_vset(b, v, "receipt_check", pt_fragment_vmap(b)), *hid, *res;
	bool closed = pt_fragment_str(info, "state") && !strcmp(pt_fragment_str(info, "state"), "closed");

	pt_fragment_vid(b, r, "id", "comprobar");
	pt_fragment_vid(b, r, "input_id", "comprobante");
	pt_fragment_vid(b, r, "hint_id", "comprobante-nota");
	pt_fragment_vstr(b, r, "input_name", pt_fragment_param_name(b->h, PT_FRAGMENT_PARAM_RECEIPT));
	pt_fragment_vstr(b, r, "value", asked ? asked : "");
	pt_fragment_vtext(b, r, "label", "Tu comprobante");
	pt_fragment_vtext(b, r, "hint", "Son 26 letras y cifras; no importa si usas mayúsculas.");
	pt_fragment_vtext(b, r, "submit", "Comprobar");
	hid = pt_fragment_vpush(b, get_form(b, r), pt_fragment_vmap(b));
	pt_fragment_vstr(b, hid, "name", pt_fragment_param_name(b->h, PT_FRAGMENT_PARAM_VIEW));
	pt_fragment_vstr(b, hid, "value", "receipt");
	if (!check) {
		return;
	}
	res = pt_fragment_vset(b, r, "result", pt_fragment_vmap(b));
	pt_fragment_vid(b, res, "id", "comprobante-resultado");
	if (pt_fragment_str(check, "error")) {
		pt_fragment_vstr(b, res, "text", pt_fragment_str(check, "error"));
		VBOOL(b, res, "problem", true);
	} else if (!pt_fragment_bool(check, "found")) {
		pt_fragment_vtext(b, res, "text", "No encontramos ese comprobante en la urna de este proceso. Revisa que esté bien "
			"escrito; si lo está, avisa a quien organiza el proceso.");
		VBOOL(b, res, "problem", true);
	} else {
		const char *channel = pt_fragment_str(check, "channel");

		pt_fragment_vtext(b, res, "text", closed ? "Tu boleta está en la urna y se contó en el resultado."
			: "Tu boleta está en la urna y se contará al cerrar la votación.");
		pt_fragment_vtext(b, res, "ballot_label", "Lo que dice tu boleta");
		ballot_words(b, res, "ballot", info, pt_fragment_str(check, "ballot") ? pt_fragment_str(check, "ballot") : "");
		pt_fragment_vtext(b, res, "channel", channel && !strcmp(channel, "paper") ? "Boleta en papel, capturada dos veces."
			: "Votada por internet.");
	}
}

static const char *batch_state(const char *status)
{
	return !status ? "" : !strcmp(status, "counted") ? "Contado: las dos capturas coinciden."
		: !strcmp(status, "mismatch") ? "Las dos capturas no coinciden: hay que revisar el acta y capturar de nuevo."
		: "Primera captura guardada: falta la segunda, de otra persona.";
}

/* The double-entry state of the batch an official just entered (the outcome's answer). */
static void batch_result(pt_fragment_vb *b, pt_value *p, const pt_value *info, const pt_value *o)
{
	const pt_value *batch = get(o, "batch", PT_VALUE_MAP);
	const pt_value *mis = get(batch, "mismatches", PT_VALUE_LIST);
	pt_value *r, *list;
	size_t i;

	if (!batch) {
		return;
	}
	r = pt_fragment_vset(b, p, "entered", pt_fragment_vmap(b));
	pt_fragment_vstr(b, r, "batch", pt_fragment_str(batch, "batch"));
	pt_fragment_vtext(b, r, "state", batch_state(pt_fragment_str(batch, "status")));
	if (pt_fragment_bool(batch, "header_mismatch")) {
		pt_fragment_vtext(b, r, "header", "La asamblea o el acta no coinciden entre las dos capturas.");
	}
	if (pt_fragment_bool(batch, "count_mismatch")) {
		pt_fragment_vtext(b, r, "count", "Las dos capturas no tienen el mismo número de boletas.");
	}
	if (!mis || !mis->u.c.count) {
		return;
	}
	pt_fragment_vstr(b, r, "first_by", pt_fragment_name(b->h, pt_fragment_str(batch, "first_by")));
	pt_fragment_vstr(b, r, "second_by", pt_fragment_name(b->h, pt_fragment_str(batch, "second_by")));
	list = pt_fragment_vset(b, r, "mismatches", pt_fragment_vlist(b));
	for (i = 0; i < mis->u.c.count && b->s == PT_OK; i++) {
		const pt_value *m = mis->u.c.items[i];
		const pt_value *pos = get(m, "position", PT_VALUE_INT);
		const char *first = pt_fragment_str(m, "first"), *second = pt_fragment_str(m, "second");
		pt_value *row = pt_fragment_vpush(b, list, pt_fragment_vmap(b));

		pt_fragment_vint(b, row, "position", pos ? pos->u.i : 0);
		if (first) {
			ballot_words(b, row, "first", info, first);
		} else {
			pt_fragment_vtext(b, row, "first", "(sin boleta)");
		}
		if (second) {
			ballot_words(b, row, "second", info, second);
		} else {
			pt_fragment_vtext(b, row, "second", "(sin boleta)");
		}
	}
}

static void paper_part(pt_fragment_vb *b, pt_value *v, const pt_value *data)
{
	const pt_value *info = get(data, "info", PT_VALUE_MAP);
	const pt_value *o = outcome_of(b->h, "process.paper");
	const pt_value *refused = pt_fragment_refusal(b->h, "process.paper", NULL);
	const pt_value *draft = get(refused, "draft", PT_VALUE_MAP);
	const pt_value *drows = get(draft, "ballots", PT_VALUE_LIST);
	const pt_value *batches = get(data, "batches", PT_VALUE_LIST);
	const pt_value *rows_opt = get(get(data, "opts", PT_VALUE_MAP), "rows", PT_VALUE_INT);
	int64_t nrows = rows_opt && rows_opt->u.i >= 1 && rows_opt->u.i <= PAPER_ROWS_MAX ? rows_opt->u.i : PAPER_ROWS;
	const char *extra[] = { "process", pt_fragment_str(info, "id"), NULL };
	pt_value *p = pt_fragment_vset(b, v, "paper", pt_fragment_form(b, "process.paper", "papel", extra)), *rows, *list;
	static const char *const heads[][2] = { { "batch", "Lote" }, { "assembly", "Asamblea" },
		{ "tally_sheet", "Acta" } };
	size_t i;

	static const char *const labels[][2] = {
		{ "batch_legend", "Datos del lote" }, { "submit", "Guardar la captura" },
		{ "mismatch_caption", "Boletas en que las capturas no coinciden" }, { "position_label", "Boleta" },
		{ "first_label", "Primera captura" }, { "second_label", "Segunda captura" },
		{ "batches_caption", "Lotes de este proceso" }, { "batch_label", "Lote" }, { "assembly_label", "Asamblea" },
		{ "sheet_label", "Acta" }, { "ballots_label", "Boletas" }, { "state_label", "Situación" },
	};

	for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++) {
		pt_fragment_vtext(b, p, labels[i][0], labels[i][1]);
	}
	pt_fragment_vtext(b, p, "explain", "Cada lote se captura dos veces, por dos personas distintas. Las boletas entran a la "
		"urna solo cuando las dos capturas coinciden. Deja en blanco las filas que no uses.");
	list = pt_fragment_vset(b, p, "heads", pt_fragment_vlist(b));
	for (i = 0; i < 3; i++) {
		pt_value *hd = pt_fragment_vpush(b, list, pt_fragment_vmap(b));
		const char *was = pt_fragment_str(draft, heads[i][0]);
		char suffix[32];

		pt_fragment_vstr(b, hd, "field", heads[i][0]);
		pt_fragment_vtext(b, hd, "label", heads[i][1]);
		snprintf(suffix, sizeof(suffix), "papel-%s", heads[i][0]);
		pt_fragment_vid(b, hd, "input_id", suffix);
		pt_fragment_vstr(b, hd, "value", was);
	}
	if (drows && (int64_t)drows->u.c.count > nrows) {
		nrows = (int64_t)drows->u.c.count > PAPER_ROWS_MAX ? PAPER_ROWS_MAX : (int64_t)drows->u.c.count;
	}
	rows = pt_fragment_vset(b, p, "rows", pt_fragment_vlist(b));
	for (i = 0; i < (size_t)nrows && b->s == PT_OK; i++) {
		char prefix[32], id[32], label[64];
		pt_value *row = pt_fragment_vpush(b, rows, pt_fragment_vmap(b));
		const pt_value *was = drows && i < drows->u.c.count ? drows->u.c.items[i] : NULL;

		snprintf(prefix, sizeof(prefix), "ballots[%zu]", i);
		snprintf(id, sizeof(id), "papel-%zu", i + 1);
		snprintf(label, sizeof(label), pt_fragment_text(b->h, "Boleta %zu"), i + 1);
		pt_fragment_vstr(b, row, "legend", label);
		pt_fragment_vset(b, row, "fields", pt_ballot_form_view(b, info, was, NULL, prefix, id));
	}
	if (o) {
		batch_result(b, p, info, o);
	}
	list = pt_fragment_vset(b, p, "batches", pt_fragment_vlist(b));
	for (i = 0; batches && i < batches->u.c.count && b->s == PT_OK; i++) {
		const pt_value *bt = batches->u.c.items[i];
		const pt_value *n = get(bt, "ballots", PT_VALUE_INT);
		pt_value *row = pt_fragment_vpush(b, list, pt_fragment_vmap(b));

		pt_fragment_vstr(b, row, "batch", pt_fragment_str(bt, "batch"));
		pt_fragment_vstr(b, row, "assembly", pt_fragment_str(bt, "assembly"));
		pt_fragment_vstr(b, row, "tally_sheet", pt_fragment_str(bt, "tally_sheet"));
		pt_fragment_vtext(b, row, "state", batch_state(pt_fragment_str(bt, "status")));
		pt_fragment_vint(b, row, "ballots", n ? n->u.i : 0);
		pt_fragment_vstr(b, row, "first_by", pt_fragment_name(b->h, pt_fragment_str(bt, "first_by")));
		pt_fragment_vstr(b, row, "second_by", pt_fragment_str(bt, "second_by") ? pt_fragment_name(b->h, pt_fragment_str(bt, "second_by"))
			: pt_fragment_text(b->h, "(falta)"));
	}
}

/* The results: the results fragment's view (core/fragment/results_view.h), one level below the title. */
static void results_part(pt_fragment_vb *b, pt_value *v, const pt_value *data)
{
	const pt_value *res = get(data, "results", PT_VALUE_MAP);
	pt_fragment_host sub;
	pt_value *view = NULL;
	pt_error err;

	if (!res || b->s) {
		return;
	}
	memset(&sub, 0, sizeof(sub));
	if (b->h) {
		sub = *b->h;
	}
	sub.heading = (sub.heading ? sub.heading : 2) + 1;
	pt_error_clear(&err);
	if (pt_fragment_results_view(res, get(data, "info", PT_VALUE_MAP), &sub, b->a, &view, &err) != PT_OK) {
		/* a results tree is the store's, always a map: only memory can fail */
		b->s = PT_ERR_NOMEM;
		return;
	}
	pt_fragment_vset(b, v, "results", view);
}

/* The message of the host's outcome of a process form (done or refused), for the top of the fragment. */
static void notice(pt_fragment_vb *b, pt_value *v)
{
	const pt_value *o = outcome_of(b->h, "process.cast");
	const char *msg;
	pt_value *n;

	o = o ? o : outcome_of(b->h, "process.paper");
	msg = pt_fragment_str(o, "message");
	if (!msg || !*msg) {
		return;
	}
	n = pt_fragment_vset(b, v, "notice", pt_fragment_vmap(b));
	pt_fragment_vstr(b, n, "text", msg);
	VBOOL(b, n, "ok", pt_fragment_bool(o, "ok"));
	pt_fragment_vid(b, n, "id", "aviso");
}

pt_status pt_fragment_process_view(const pt_value *data, const pt_fragment_host *h, const pt_allocator *a,
	pt_value **out, pt_error *err)
{
	static const char *const flags[] = { "show_ballot", "show_status", "show_results", "show_receipt", "show_paper" };
	static const char *const headings[] = { "Tu boleta", "Tu participación", "Resultados del proceso", "Comprobar mi boleta",
		"Captura de boletas en papel" };
	const pt_value *info = get(data, "info", PT_VALUE_MAP);
	pt_process_show show = pt_fragment_process_show(data, h);
	pt_fragment_vb b;
	pt_value *v;
	const char *title = pt_fragment_str(info, "title");

	pt_fragment_vb_init(&b, h, a);
	v = pt_fragment_vmap(&b);
	pt_fragment_vset(&b, v, "host", pt_fragment_base(h, a));
	pt_fragment_vstr(&b, v, "title", title ? title : pt_fragment_text(h, "Proceso participativo"));
	pt_fragment_vtext(&b, v, "kind", kind_text(pt_fragment_str(info, "kind")));
	pt_fragment_vtext(&b, v, "state", state_text(pt_fragment_str(info, "state")));
	voting_dates(&b, v, info);
	VBOOL(&b, v, flags[show], true);
	pt_fragment_vtext(&b, v, "heading", headings[show]);
	pt_fragment_vid(&b, v, "heading_id", "titulo");
	pt_fragment_vid(&b, v, "part_id", shows[show]);
	pt_fragment_vtext(&b, v, "nav_label", "Partes del proceso");
	nav(&b, v, data, show);
	notice(&b, v);
	cast_done(&b, v, data);
	status_part(&b, v, data);
	switch (show) {
	case PT_PROCESS_SHOW_BALLOT: ballot_part(&b, v, data); break;
	case PT_PROCESS_SHOW_RESULTS: results_part(&b, v, data); break;
	case PT_PROCESS_SHOW_RECEIPT: receipt_part(&b, v, data); break;
	case PT_PROCESS_SHOW_PAPER: paper_part(&b, v, data); break;
	case PT_PROCESS_SHOW_STATUS: break;
	}
	if (b.s != PT_OK) {
		pt_value_free(v);
		*out = NULL;
		return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory building the process fragment");
	}
	*out = v;
	return PT_OK;
}

/* ---- the forms' posts ------------------------------------------------------------------ */

/* es, or its English (a catalogued text) when english. */
static const char *lang_text(const char *es, bool english)
{
	const char *en = english ? pt_msg_english(es) : NULL;

	return en ? en : es;
}

pt_status pt_fragment_process_ballot(pt_value *outcome, const pt_value *info, const pt_value *post, bool paper,
	bool english, const pt_allocator *a, pt_value **ballot, pt_error *err)
{
	pt_value *draft = (pt_value *)get(outcome, "draft", PT_VALUE_MAP);
	const char *field = NULL;
	size_t row = 0;
	pt_status s;

	*ballot = NULL;
	if (draft && pt_ballot_form_draft(post, draft) != PT_OK) {
		return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	}
	s = paper ? pt_ballot_form_batch(info, get(post, "ballots", PT_VALUE_LIST)
			? get(post, "ballots", PT_VALUE_LIST) : get(post, "ballots", PT_VALUE_MAP), a, ballot, &row,
			&field, err)
		: pt_ballot_form_read(info, post, a, ballot, &field, err);
	if (s == PT_ERR_INVALID && pt_request_refuse(outcome, NULL, field ? field : "choice",
			english && err->message_en[0] ? err->message_en : err->message) != PT_OK) {
		return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	}
	return s;
}

pt_status pt_fragment_process_done(pt_value *outcome, const char *action, pt_value *answer, bool english,
	pt_error *err)
{
	const pt_allocator *a = outcome->alloc;
	const char *st = pt_fragment_str(answer, "status");
	const pt_value *mis = get(answer, "mismatches", PT_VALUE_LIST);
	long long differ = mis ? (long long)mis->u.c.count : 0;
	char msg[512];
	pt_status s;

	if (!answer) {
		return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	}
	if (!strcmp(action, "process.cast")) {
		const char *receipt = pt_fragment_str(answer, "receipt");

		snprintf(msg, sizeof(msg), lang_text(pt_fragment_bool(answer, "voice_only")
			? "Tu postura quedó registrada. Tu comprobante es %s: guárdalo para comprobar que está en la urna."
			: "Tu voto quedó registrado. Tu comprobante es %s: guárdalo para comprobar que tu boleta se contó.",
			english), receipt ? receipt : "");
		s = pt_request_put(outcome, "receipt", pt_value_cstr(a, receipt ? receipt : ""));
		s = s ? s : pt_request_put(outcome, "voice_only", pt_value_bool(a, pt_fragment_bool(answer, "voice_only")));
		pt_value_free(answer);
		s = s ? s : pt_request_put(outcome, "message", pt_value_cstr(a, msg));
		return s ? pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory") : PT_OK;
	}
	/* the outcome keeps the answer: the page shows both readings of each differing ballot */
	if (pt_request_put(outcome, "batch", answer) != PT_OK) {
		return pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory");
	}
	if (st && !strcmp(st, "mismatch")) {
		/* a refusal: the official corrects the rows, which the draft keeps */
		return differ == 1 ? pt_error_set(err, PT_ERR_CONFLICT, "Las dos capturas del lote no coinciden en una boleta. "
				"Revisa el acta y vuelve a capturar el lote.")
			: pt_error_set(err, PT_ERR_CONFLICT, "Las dos capturas del lote no coinciden en %lld boletas. Revisa el "
				"acta y vuelve a capturar el lote.", differ);
	}
	s = pt_request_put(outcome, "message", pt_value_cstr(a, lang_text(st && !strcmp(st, "counted")
		? "Lote contado: las dos capturas coinciden y sus boletas entraron a la urna."
		: "Primera captura guardada. Falta que otra persona capture el mismo lote.", english)));
	return s ? pt_error_set(err, PT_ERR_NOMEM, "participa: out of memory") : PT_OK;
}
