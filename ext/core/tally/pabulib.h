/*
 * participa core: the Pabulib participatory-budgeting file format (.pb),
 * as published at pabulib.org and read by the reference tools.
 *
 * A file is UTF-8 text, ';'-separated, fields optionally quoted with '"'
 * (a quote inside a quoted field is doubled; quoted fields may span
 * lines). Three sections, each opened by a line holding only META,
 * PROJECTS or VOTES (case-insensitive) and followed by a header row:
 *
 *   META      key;value                      budget, vote_type, rule, ...
 *   PROJECTS  project_id;cost;...            one project per row
 *   VOTES     voter_id;vote;...              vote = comma-separated project
 *                                            ids; optional points column
 *
 * The literal None (quoted or not) means "absent" and is stored as NULL.
 * Blank lines are ignored; a UTF-8 BOM is skipped; CRLF is accepted.
 *
 * Checks made while parsing (each failure is PT_ERR_INVALID with
 * err->line set to the 1-based line of the offending row and an English
 * message): valid UTF-8 without NUL bytes, rows with exactly as many
 * fields as their header, a header before data, each section at most
 * once, PROJECTS and VOTES present with their first columns named
 * project_id / voter_id and with a cost / vote column, unique meta keys,
 * project ids and voter ids, costs that are non-negative decimal numbers,
 * votes naming existing projects at most once each, a points list as long
 * as its vote list and made of non-negative integers.
 *
 * The parser never trusts its input (it is fuzzed: fuzz/fuzz_pabulib.c).
 */
#ifndef PT_PABULIB_H
#define PT_PABULIB_H

#include <stddef.h>
#include <stdint.h>
#include "core/common/pt_base.h"
#include "core/common/pt_value.h"
#include "core/tally/pb.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A section table: a header and rows of NUL-terminated cells (NULL = None). */
typedef struct pt_pabulib_table {
	size_t column_count;
	char **columns;          /* column_count header names */
	size_t row_count;
	char **cells;            /* row_count * column_count, row-major; NULL = None */
	unsigned *lines;         /* row_count: 1-based line where each row starts (0 if built in memory) */
	size_t row_cap;          /* allocated rows (internal) */
} pt_pabulib_table;

typedef struct pt_pabulib {
	pt_pabulib_table meta;      /* columns "key", "value" (as in the file's header) */
	pt_pabulib_table projects;  /* column 0 is project_id */
	pt_pabulib_table votes;     /* column 0 is voter_id */
	const pt_allocator *alloc;  /* everything above is owned and freed with it */
} pt_pabulib;

/*
 * Parses data[0..len) into *out (zeroed first). On failure returns
 * PT_ERR_INVALID (err->line, err->message) or PT_ERR_NOMEM; *out is then
 * left empty (nothing to free, though pt_pabulib_free() is harmless).
 * O(len) time plus O(votes * ballot length) for vote checks; memory about
 * 2x the input.
 */
pt_status pt_pabulib_parse(const char *data, size_t len, const pt_allocator *a,
	pt_pabulib *out, pt_error *err);

/* Frees everything *pb owns and zeroes it. */
void pt_pabulib_free(pt_pabulib *pb);

/*
 * Writes *pb in the Pabulib format into a new buffer (*out, *out_len,
 * NUL-terminated, caller frees with pt_free(a, *out)). Cells that need it
 * are quoted; NULL cells are written as None. Fails with PT_ERR_INVALID
 * when the data could not be read back as the same file: a table with
 * fewer than two columns (projects/votes), a cell or column that is the
 * string "None" or holds a NUL byte. O(size of output).
 */
pt_status pt_pabulib_write(const pt_pabulib *pb, const pt_allocator *a, char **out,
	size_t *out_len, pt_error *err);

/* Distinct columns a section may have when built from data: every row gets a cell per column, so
 * rows with ever new column names would grow the table quadratically; and cells (rows x columns). */
#define PT_PABULIB_MAX_COLUMNS 1000
#define PT_PABULIB_MAX_CELLS 10000000

/*
 * Builds *out (zeroed first) from Pabulib::write()'s data (pabulib_build.c): a map with "projects"
 * and "votes" (and optionally "meta"), each id => [column => value]; meta key => value. A cell is
 * NULL (None), a bool ("1" / ""), an int, a string, a PT_VALUE_HOST with text, or a list of strings
 * and ints (joined with ','). Columns come in order of first appearance after the id and cost /
 * vote columns. PT_ERR_INVALID (message "Pabulib::write(): ...") for a missing or non-array section,
 * a row that is not an array or has unnamed columns, more than PT_PABULIB_MAX_COLUMNS columns or
 * PT_PABULIB_MAX_CELLS cells, a NUL byte, a bad list item or a value without text; PT_ERR_NOMEM.
 * On failure *out is empty. O(size of data).
 */
pt_status pt_pabulib_from_value(const pt_value *data, const pt_allocator *a, pt_pabulib *out,
	pt_error *err);

/*
 * pt_pabulib_write(), then the output parsed back: never writes what pt_pabulib_parse() would
 * refuse (an unknown project in a vote, a bad cost, ...). On failure *out is NULL.
 */
pt_status pt_pabulib_write_checked(const pt_pabulib *pb, const pt_allocator *a, char **out,
	size_t *out_len, pt_error *err);

/*
 * The tree Pabulib::read() returns for a parsed *pb (pabulib_build.c): a map "meta" (key => value),
 * "projects" and "votes" (id => [column => value], the id column left out). None is null; a cost
 * is an int when integral ("40000.0") else a real; vote is a list of project ids, points a list of
 * ints. NULL when out of memory. O(size of *pb).
 */
pt_value *pt_pabulib_to_value(const pt_pabulib *pb, const pt_allocator *a);

/* Index of the column named name in t, or -1. */
long pt_pabulib_column(const pt_pabulib_table *t, const char *name);

/* The META value for key (NULL if absent or None). */
const char *pt_pabulib_meta(const pt_pabulib *pb, const char *key);

/* Cell of row r, column c (NULL if None). */
static inline const char *pt_pabulib_cell(const pt_pabulib_table *t, size_t r, size_t c)
{
	return t->cells[r * t->column_count + c];
}

/*
 * An instance ready for pt_pb_greedy()/pt_pb_equal_shares(), built from a
 * parsed file: projects in file order, voters in file order, money scaled
 * to 10^-scale units where scale is the smallest that keeps the budget and
 * every cost exact (0 for "40000.0"). Owns its arrays.
 */
typedef struct pt_pabulib_instance {
	pt_pb_input input;
	unsigned scale;
	int64_t *costs;
	uint32_t *offsets;
	uint32_t *approvals;
	int64_t *points;         /* NULL without a points column */
	const pt_allocator *alloc;
} pt_pabulib_instance;

/*
 * Fills *inst from *pb. Needs META budget. Errors: PT_ERR_INVALID (missing
 * or bad budget, line of the META row), PT_ERR_NOMEM. O(file).
 */
pt_status pt_pabulib_instance_build(const pt_pabulib *pb, const pt_allocator *a,
	pt_pabulib_instance *inst, pt_error *err);

void pt_pabulib_instance_free(pt_pabulib_instance *inst);

#ifdef __cplusplus
}
#endif

#endif /* PT_PABULIB_H */
