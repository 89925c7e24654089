/* script_parts: what emit.c (the API, the data, the per-library writers)
 * uses of emit_py.c (the part of every script that is the same for each
 * library), what emit_py.c uses of emit_table.c (a CSV table's settings and
 * reader), and the literals of emit_fmt.c. emit_py.c and emit_table.c never
 * use emit.c; emit_table.c never uses emit_py.c. Not public API: only the
 * emit files include it. */
#ifndef REGSCOPE_SCRIPT_PARTS_H
#define REGSCOPE_SCRIPT_PARTS_H

#include <stdio.h>

#include "emit.h"

static inline const char *act_name(Activation a) { return activation_name(a); }

/* The script's first lines: shebang, what it is for, the imports. */
void emit_write_header(FILE *out, const Config *c, const EmitData *dd, EmitLib lib);
/* The settings block (DATA, TASK, LAMBDA, ... as Python constants), then
 * load_data() (numpy generator or CSV reader) and the shared functions
 * (expand, split, data_loss, penalty) with the data loaded and split. */
void emit_write_settings(FILE *out, const Config *c, const EmitData *dd);
/* For a penalty no library has (group, mcp, scad), in place of the
 * settings: the script says so and stops, rather than train another
 * penalty and print an objective that is not regscope's. */
void emit_write_unavailable(FILE *out, const Config *c, EmitLib lib);

/* A CSV table's settings (DATA, TARGET, IGNORE, CATEGORICAL, NA_VALUES,
 * MISSING, COLUMNS, ROWS) and its load_data(): the file read and encoded as
 * regscope's loader does (src/data/csvload*.c). */
void emit_write_table_settings(FILE *out, const Config *c, const EmitData *dd);
void emit_write_table_loader(FILE *out);

/* s[0..len) as a Python string literal that is safe for any bytes: quote
 * and backslash escaped, control bytes as \xNN, valid UTF-8 kept, and any
 * other byte as the surrogate Python's file system decoding gives it
 * (\udcNN), so the literal names the same file as the bytes did. */
void emit_py_strn(FILE *out, const char *s, size_t len);
void emit_py_str(FILE *out, const char *s);
/* s inside a "# ..." comment: a newline there would end the comment and
 * start code, and bytes that are not UTF-8 would make the file unreadable
 * for Python, so both are written as \xNN. */
void emit_py_comment(FILE *out, const char *s);

#endif
