/*
 * participa core: what the parts of the results view share (results_view.c,
 * results_rounds.c, results_pb.c, results_pairwise.c). Not a public API.
 *
 * A builder context (rv) carries the host, the allocator, the options of the
 * result by index (ids, display names, costs) and the first failure: every
 * helper below records an allocation failure in rv->s and frees what it was
 * given, so a builder chains calls and checks rv->s once at the end.
 */
#ifndef PT_FRAGMENT_RESULTS_INTERNAL_H
#define PT_FRAGMENT_RESULTS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/common/pt_buf.h"
#include "core/common/pt_hash.h"
#include "core/common/pt_value.h"
#include "core/fragment/fragment_host.h"
#include "core/fragment/results_view.h"

/* One option (candidate, project) of the result. */
typedef struct rv_cand {
	const char *id;          /* borrowed from the input (or rv->keep for an integer id) */
	size_t id_len;
	const char *name;        /* display name: the caller's, else the id */
	double cost;             /* budgets: the project's cost when has_cost */
	bool has_cost;
	bool winner;             /* named by res.winners */
} rv_cand;

typedef struct rv {
	const pt_fragment_host *h;
	const pt_allocator *a;
	const pt_value *res, *info;
	const pt_value *details;   /* res.details (a map) or NULL */
	const pt_value *opts;      /* the count's options: res.options, else info.options when a map */
	const char *method;        /* res.method ("" when absent) */
	bool preliminary;          /* not final: the banner, and "van a la cabeza" */
	pt_status s;               /* the first failure (PT_OK while all is well) */
	rv_cand *c;                /* options, in the order first seen */
	size_t nc, cap;
	pt_hash idx;               /* id -> index + 1 */
	pt_value *keep;            /* owns texts made here (integer ids) */
	const pt_value *names;     /* info.names: id => name, or NULL */
	const pt_value *cands;     /* info.candidates, or info.options when a list */
	pt_hash given;             /* id -> the caller's name (names, then cands), borrowed */
	int serial;                /* element ids made so far (unique per fragment) */
} rv;

/* Rounding without libm (the CLI links the same objects without -lm). Values beyond 2^53 are whole. */
static inline double rv_floor(double x)
{
	double t;

	if (!(x > -9e15 && x < 9e15)) {
		return x;
	}
	t = (double)(long long)x;
	return t > x ? t - 1 : t;
}

static inline double rv_ceil(double x)
{
	return -rv_floor(-x);
}

static inline double rv_round(double x)
{
	return rv_floor(x + 0.5);
}

static inline double rv_abs(double x)
{
	return x < 0 ? -x : x;
}

/* ---- reading the input ---------------------------------------------------------------- */

/* m[key] when m is a map, else NULL. */
const pt_value *rv_get(const pt_value *m, const char *key);
/* A number of any kind (int, rational, real, a host float's text, a numeric string); false if none. */
bool rv_num(const pt_value *v, double *out);
/* v's number, or def. */
double rv_numd(const pt_value *v, double def);
/* A list's length (0 for anything else). */
size_t rv_len(const pt_value *v);
/* An id: a string's bytes, or an integer's decimal text (kept in rv->keep). NULL otherwise. */
const char *rv_id(rv *r, const pt_value *v, size_t *len);
/* The index of id (added when add and there is room), or -1. */
long rv_find(rv *r, const char *id, size_t len, bool add);
/* The index of the option v names (rv_id + rv_find), or -1. */
long rv_cand_of(rv *r, const pt_value *v, bool add);
/* Display name of option i. */
const char *rv_name(const rv *r, long i);
/* A new array of r->nc flags: 1 for every option that is a key of map (they are added first). */
unsigned char *rv_keys(rv *r, const pt_value *map);
/* The options with flags[c] set (c < nflags), the ranking's first in its order, then the others
 * in order of index; at most cap are written to ord. Returns how many there are (may be > cap). */
size_t rv_ranked(rv *r, const unsigned char *flags, size_t nflags, long *ord, size_t cap);
/* map's numbers (id => number) by option index, NaN where it has none; a new array of r->nc. */
double *rv_values(rv *r, const pt_value *map);
/* True when s equals the NUL-terminated lit (s may be NULL). */
bool rv_is(const pt_value *v, const char *lit);

/* ---- building the view --------------------------------------------------------------- */

/* rv->given from info.names and info.candidates (once, before any option is added). */
void rv_index_names(rv *r);
/* v, recording PT_ERR_NOMEM when it is NULL. */
pt_value *rv_check(rv *r, pt_value *v);
/* The host's language ("en", or NULL/other: Spanish). */
const char *rv_lang(const rv *r);

/* A catalogued Spanish text in the host's language. */
const char *rv_t(const rv *r, const char *es);
pt_value *rv_map(rv *r);
pt_value *rv_list(rv *r);
pt_value *rv_str(rv *r, const char *s);
pt_value *rv_strn(rv *r, const char *s, size_t len);
/* m[key] = v (m NULL or a failure: v is freed and rv->s set). */
void rv_set(rv *r, pt_value *m, const char *key, pt_value *v);
void rv_set_str(rv *r, pt_value *m, const char *key, const char *s);
void rv_set_int(rv *r, pt_value *m, const char *key, int64_t i);
void rv_set_bool(rv *r, pt_value *m, const char *key, bool b);
/* m[key] = the catalogued text es in the host's language. */
void rv_set_text(rv *r, pt_value *m, const char *key, const char *es);
/* m[key] = a number as an SVG coordinate ("12.5": at most 1 decimal, '.' always). */
void rv_set_coord(rv *r, pt_value *m, const char *key, double x);
void rv_push(rv *r, pt_value *list, pt_value *v);
/* Sets m[key] = v only when v is a non-empty list or map; frees it otherwise. */
void rv_set_nonempty(rv *r, pt_value *m, const char *key, pt_value *v);

/*
 * The catalogued Spanish format es (with n "%s") in the host's language, each %s replaced by
 * args[i] in order ("%%" is a percent sign); a new string value.
 */
pt_value *rv_fmt(rv *r, const char *es, size_t n, const char *const *args);
pt_value *rv_fmt1(rv *r, const char *es, const char *a1);
pt_value *rv_fmt2(rv *r, const char *es, const char *a1, const char *a2);
pt_value *rv_fmt3(rv *r, const char *es, const char *a1, const char *a2, const char *a3);
pt_value *rv_fmt4(rv *r, const char *es, const char *a1, const char *a2, const char *a3, const char *a4);
/* The same into a caller's buffer (appends). */
void rv_fill(rv *r, pt_buf *out, const char *es, size_t n, const char *const *args);

/* Text of a number for a citizen: decimals < 0 picks 0 for whole values, else 2. */
typedef struct rv_txt { char s[80]; } rv_txt;
const char *rv_number(const rv *r, rv_txt *t, double v, int decimals);
const char *rv_money(const rv *r, rv_txt *t, double pesos);
const char *rv_percent(const rv *r, rv_txt *t, double ratio);
/* Names of a list of options, "A, B y C" ("A, B and C"), into out. */
void rv_join_names(rv *r, pt_buf *out, const long *idx, size_t n);
/* The first max_cp code points of s, with "…" when cut (SVG labels do not wrap). */
pt_value *rv_short(rv *r, const char *s, size_t max_cp);
/* m[key] = the catalogued es ("... %s de %s ...") with shown and total, when shown < total. */
void rv_note_cut(rv *r, pt_value *m, const char *key, const char *es, size_t shown, size_t total);
/* A fresh element id "<instance>-resultados-<what>-<n>". */
pt_value *rv_elem_id(rv *r, const char *what);
/* A picture's ids (id from what, its <title> and <desc>) and its catalogued title es, set on m. */
void rv_set_picture(rv *r, pt_value *m, const char *what, const char *es);

/* ---- bar charts ---------------------------------------------------------------------- */

enum { RV_PCT_NONE, RV_PCT_SHARE, RV_PCT_OF };
#define RV_EXTRA 3

typedef struct rv_bar {
	long cand;               /* option index, or -1 with label set */
	const char *label;       /* used when cand < 0 */
	double value;
	bool winner;
	const char *extra[RV_EXTRA];   /* extra table cells (formatted), NULL: none */
} rv_bar;

typedef struct rv_chart {
	const char *what;        /* id suffix ("votos") */
	const char *title;       /* in the host's language already */
	const char *caption;     /* the table's caption */
	const char *col_value;   /* header of the value column */
	const char *col_pct;     /* header of the percent column (pct != NONE) */
	const char *extra[RV_EXTRA];   /* headers of extra columns, NULL: none */
	const char *col_mark;    /* header of the winner column ("Resultado"), NULL: none */
	const char *mark;        /* a winner's mark ("Gana") */
	int pct;                 /* RV_PCT_* */
	double total;            /* denominator of the percentages */
	int decimals;            /* of values: -1 auto */
	bool sort;               /* order by value, largest first (stable) */
	double line;             /* a threshold to draw (quota, majority), < 0: none */
	const char *line_label;  /* its text */
} rv_chart;

/*
 * A chart: {id, title_id, desc_id, title, desc, view_box, height, rows: [{name, label, winner,
 * label_y, bar_y, bar_w, value_x, value_y, value}], line?, more?, table: {caption, head: [{text}],
 * rows: [{name, winner, cells: [{text}]}]}}. Rows beyond PT_RESULTS_MAX_BARS are in the table only.
 */
pt_value *rv_bars(rv *r, const rv_chart *c, rv_bar *bars, size_t n);

/* Largest-remainder percentages in tenths of a percent: units[i] sum to 1000 when total > 0. */
void rv_shares(const pt_allocator *a, const double *v, size_t n, long *units);

/* ---- the parts ----------------------------------------------------------------------- */

pt_value *rv_rounds_irv(rv *r);
pt_value *rv_rounds_stv(rv *r);
pt_value *rv_pb(rv *r, pt_value **bars);
/* A budget split by district (details.pots): {heading, explain, districts: [one pot's view each]}. */
pt_value *rv_pots(rv *r);
/* The winners' section {heading, items: [{name}], none} (results_view.c). */
pt_value *rv_winners(rv *r);
/* Sets null every name the templates look up that v lacks (results_view.c: a name not found is
 * looked up in what surrounds the view). */
void rv_guard(rv *r, pt_value *v);
pt_value *rv_pairwise(rv *r);
pt_value *rv_grades(rv *r);

#endif /* PT_FRAGMENT_RESULTS_INTERNAL_H */
