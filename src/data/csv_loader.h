/* csv_loader: the loader's state, which the csvload files share (parsing,
 * streaming and limits; the columns; the target; the encoding). Not public
 * API: only the csvload files include it. */
#ifndef REGSCOPE_CSV_LOADER_H
#define REGSCOPE_CSV_LOADER_H

#include <csv.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvload.h"

/* growable buffers: grow() of src/util/mem.h */
#include "mem.h"

/* ---- distinct target labels ------------------------------------------- */

/* Open-addressing hash of label text -> id (order of first appearance).
 * value is the label's number, or NAN when it is not one. */
typedef struct {
    size_t off, len;
    double value;
} Label;

typedef struct {
    Label *e;
    size_t n, cap;
    int *slot; /* nslot entries, -1 = empty; nslot a power of two > 2 * max */
    size_t nslot;
    char *text; /* NUL-separated label texts */
    size_t tlen, tcap;
} LabelTable;

/* ---- per-column state of the features (csvload_columns.c) ----------------- */

/* Distinct texts of one column -> ids in order of first appearance. */
typedef struct {
    char **text;
    double *value; /* the text as a number, NAN when it is not one */
    size_t n, cap;
    long *slot; /* nslot entries, -1 = empty; nslot a power of two >= 2 n */
    size_t nslot;
} Levels;

typedef enum { COL_UNKNOWN = 0, COL_NUMERIC, COL_TEXT, COL_IGNORED, COL_FOLD } ColKind;

typedef struct {
    ColKind kind;
    int forced;   /* --categorical */
    int rownames; /* a first column with an empty header: row names if distinct */
    int repeated; /* some text came twice */
    Levels levels;
} CsvColumn;

/* ---- the loader --------------------------------------------------------- */

typedef struct {
    size_t off, len; /* in HeadRows.text, NUL-terminated there */
    long line;
} HeadField;

/* The first two non-blank rows, as text, until the header is decided. */
typedef struct {
    char *text;
    size_t tlen, tcap;
    HeadField *f;
    size_t nf, fcap;
    size_t first[2];  /* index in f of each row's first field */
    size_t stored[2]; /* fields kept of each row */
    long nfields[2];  /* fields the row really had */
    long line[2];
    int nrows;
} HeadRows;

typedef struct {
    const char *name;
    const CsvLimits *lim;
    const char *target_opt;
    Task task_opt;
    Err *err;
    int failed;
    struct csv_parser parser;
    size_t bytes; /* fed so far, BOM excluded */

    long line;     /* where the next field starts */
    long row_line; /* where the current row started */
    int pending_cr;
    long field; /* fields seen so far in the current row */

    int streaming; /* 0 while the first two rows are buffered */
    HeadRows head;
    int has_header;
    long ncols, target, d;
    char **feature_names;
    long first_data_line;

    double *X, *y; /* X: cap x d, y: cap */
    size_t n, cap;

    LabelTable labels;
    int any_string, all_int, overflow;
    long overflow_line, overflow_col;

    const CsvTableOptions *opt;
    CsvColumn *cols; /* d of them, once the header is decided */
    char **na;       /* the missing-value tokens */
    size_t n_na;
    int na_number;     /* one of them is a number ("-999"): no numeric fast path */
    int row_drop;      /* the current row has a missing value: --missing drop */
    size_t row_labels; /* labels.n when the row began */
    int row_any_string, row_all_int;
    long dropped, d_raw;
    char notice[256];
    int *fold; /* after csvload_encode: the --foldid column's numbers, or NULL */
} Loader;

static inline void fail(Loader *L, long line, long col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static inline void fail(Loader *L, long line, long col, const char *fmt, ...)
{
    if (L->failed)
        return;
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    err_at(L->err, L->name, line, col, "%s", msg);
    L->failed = 1;
}

static inline void fail_oom(Loader *L)
{
    if (L->failed)
        return;
    err_set(L->err, ERR_INTERNAL, "%s: out of memory", L->name);
    L->failed = 1;
}

/* Field text for a message: at most 40 bytes, control bytes escaped. */
static inline const char *show(const char *s, size_t len, char *buf, size_t bufsz)
{
    size_t o = 0;
    for (size_t i = 0; i < len && o + 8 < bufsz; i++) {
        unsigned char c = (unsigned char)s[i];
        if (i == 40) {
            o += (size_t)snprintf(buf + o, bufsz - o, "...");
            break;
        }
        if (c == '"' || c == '\\')
            o += (size_t)snprintf(buf + o, bufsz - o, "\\%c", c);
        else if (c < 0x20 || c == 0x7f)
            o += (size_t)snprintf(buf + o, bufsz - o, "\\x%02x", c);
        else
            buf[o++] = (char)c;
    }
    buf[o] = '\0';
    return buf;
}

/* A control byte other than tab, CR or LF: the file is not text. */
static inline int find_binary(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
            return c;
    }
    return -1;
}

static inline void free_names(char **names, long n)
{
    if (!names)
        return;
    for (long i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* ---- the target column (csvload_target.c) --------------------------------- */

/* Frees the label table and zeroes it. */
void csvload_labels_free(LabelTable *t);
/* The target field of data row L->n (col 1-based, for messages): its label
 * id or value into L->y[L->n]. Fails L on a bad label or too many classes. */
void csvload_data_label(Loader *L, const char *s, size_t len, long line, long col);
/* Sets L->target from the --target option (name or 1-based index; default
 * the last column) once the header is decided. 0, or -1 with L failed. */
int csvload_resolve_target(Loader *L);
/* After the last row: the task, and y as class ids (class_names malloc'd,
 * n_classes of them) or as target values. Fails L on a single class. */
void csvload_finish_target(Loader *L, Task *task, int *n_classes, char ***class_names);

/* ---- feature columns (csvload_columns.c) ---------------------------------- */

/* Reads the NA tokens and the column options once the header and the target
 * are known. 0, or -1 with L failed. */
int csvload_columns_init(Loader *L);
void csvload_columns_free(Loader *L);
/* A feature field (col 0-based, not the target) of data row L->n. */
void csvload_feature_field(Loader *L, const char *s, size_t len, long col, long line);
/* Is s[0..len) (spaces trimmed) a missing value? */
int csvload_is_missing(const Loader *L, const char *s, size_t len);
/* After the last row: X n x d (raw columns) -> the encoded features (and
 * the --foldid column into L->fold). */
void csvload_encode(Loader *L);

#endif
