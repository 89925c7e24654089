/* csvload_encode: the raw feature columns of a loaded CSV file -> the model's
 * inputs. A numeric column stays one column (with --missing mean, a 0/1
 * column COLUMN:missing beside it, its NANs filled after the split by
 * data_fill_missing); a text column becomes one 0/1 column per level,
 * COLUMN=LEVEL in order of first appearance (a missing value is the level
 * COLUMN=NA, last); row names and --ignore columns go, and so does the
 * --foldid column, into L->fold. Only the rows kept
 * count: a level or a missing value seen only in a dropped row (a missing
 * target, --missing drop) gets no column, which would be all zeros. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv_loader.h"

/* Numbers as row names count 0 or 1, 2, 3...: other numbers are data. */
static int counts_up(const Levels *lv)
{
    for (size_t e = 0; e < lv->n; e++)
        if (isnan(lv->value[e]))
            return 1; /* text */
    return lv->n > 0 && (lv->value[0] == 0 || lv->value[0] == 1) &&
           lv->value[lv->n - 1] == lv->value[0] + (double)(lv->n - 1);
}

/* A row-name candidate whose texts repeat is an ordinary column again. */
static void settle_rownames(Loader *L, CsvColumn *c)
{
    if (!c->rownames || (!c->repeated && counts_up(&c->levels)))
        return;
    c->rownames = 0;
    for (size_t e = 0; e < c->levels.n; e++)
        if (isnan(c->levels.value[e]))
            return; /* text: categorical */
    c->kind = COL_NUMERIC;
    for (size_t i = 0; i < L->n; i++) {
        double *x = &L->X[i * (size_t)L->d];
        if (!isnan(*x))
            *x = c->levels.value[(size_t)*x];
    }
}

/* How column k is encoded: its width, and for a text column the column
 * of each level within its block (slot[e], -1 for a level no kept row has),
 * in order of first appearance among the kept rows. */
typedef struct {
    long width;
    int missing; /* a kept row misses the value: COLUMN:missing or COLUMN=NA */
    long *slot;  /* text columns: levels.n entries */
} Encoding;

static int plan_column(const Loader *L, long k, Encoding *e)
{
    const CsvColumn *c = &L->cols[k];
    memset(e, 0, sizeof *e);
    if (c->kind == COL_IGNORED || c->kind == COL_FOLD || c->rownames)
        return 0;
    int text = c->kind == COL_TEXT;
    if (text && c->levels.n > 0) {
        if (!(e->slot = malloc(c->levels.n * sizeof *e->slot)))
            return -1;
        for (size_t v = 0; v < c->levels.n; v++)
            e->slot[v] = -1;
    }
    long used = 0;
    for (size_t i = 0; i < L->n; i++) {
        double x = L->X[i * (size_t)L->d + (size_t)k];
        if (isnan(x))
            e->missing = 1;
        else if (text && e->slot[(size_t)x] < 0)
            e->slot[(size_t)x] = used++;
    }
    e->width = (text ? used : 1) + e->missing;
    return 0;
}

static char *joined(const char *a, const char *sep, const char *b)
{
    size_t n = strlen(a) + strlen(sep) + strlen(b) + 1;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%s%s%s", a, sep, b);
    return s;
}

/* Column k's names into names[at...]; 0 or -1 (out of memory). */
static int encoded_names(const Loader *L, long k, const Encoding *e, char **names, long at)
{
    const CsvColumn *c = &L->cols[k];
    const char *name = L->feature_names[k];
    long w = e->width;
    if (w == 0)
        return 0;
    if (c->kind != COL_TEXT) {
        names[at] = strdup(name);
        if (e->missing)
            names[at + 1] = joined(name, ":", "missing");
    } else {
        for (size_t v = 0; v < c->levels.n; v++)
            if (e->slot[v] >= 0)
                names[at + e->slot[v]] = joined(name, "=", c->levels.text[v]);
        if (e->missing)
            names[at + w - 1] = joined(name, "=", "NA");
    }
    for (long j = at; j < at + w; j++)
        if (!names[j])
            return -1;
    return 0;
}

static void encode_row(const Loader *L, const Encoding *enc, const double *raw, double *out,
                       const long *first)
{
    for (long k = 0; k < L->d; k++) {
        const Encoding *e = &enc[k];
        double *o = out + first[k];
        if (e->width == 0)
            continue;
        if (L->cols[k].kind != COL_TEXT) {
            o[0] = raw[k];
            if (e->missing)
                o[1] = isnan(raw[k]) ? 1.0 : 0.0;
            continue;
        }
        memset(o, 0, (size_t)e->width * sizeof *o);
        o[isnan(raw[k]) ? e->width - 1 : e->slot[(size_t)raw[k]]] = 1.0;
    }
}

static void add_notice(Loader *L, const char *fmt, const char *s, long v)
{
    size_t at = strlen(L->notice);
    snprintf(L->notice + at, sizeof L->notice - at, "%s", at ? "; " : "");
    at = strlen(L->notice);
    snprintf(L->notice + at, sizeof L->notice - at, fmt, s, v);
}

static void free_plan(Encoding *enc, long d)
{
    for (long k = 0; enc && k < d; k++)
        free(enc[k].slot);
    free(enc);
}

/* The --foldid column's numbers into L->fold, one a kept row (the column
 * is not a feature). -1 when memory runs out. */
static int copy_fold_column(Loader *L)
{
    for (long k = 0; k < L->d; k++) {
        if (L->cols[k].kind != COL_FOLD)
            continue;
        if (!(L->fold = malloc((L->n + 1) * sizeof *L->fold)))
            return -1;
        for (size_t i = 0; i < L->n; i++)
            L->fold[i] = (int)L->X[i * (size_t)L->d + (size_t)k];
        return 0;
    }
    return 0;
}

void csvload_encode(Loader *L)
{
    long *first = malloc((size_t)L->d * sizeof *first), dout = 0;
    Encoding *enc = calloc((size_t)L->d, sizeof *enc);
    int bad = !first || !enc;
    for (long k = 0; k < L->d && !bad; k++) {
        settle_rownames(L, &L->cols[k]);
        bad = plan_column(L, k, &enc[k]);
        first[k] = dout;
        dout += enc[k].width;
    }
    char **names = NULL;
    double *X = NULL;
    if (bad) {
        fail_oom(L);
    } else if (dout == 0) {
        fail(L, L->head.line[0], 0, "no feature columns left");
    } else if (dout > L->lim->max_cells / (long)L->n) {
        fail(L, L->head.line[0], 0, "more than %ld cells (rows x columns) once encoded",
             L->lim->max_cells);
    } else {
        names = calloc((size_t)dout, sizeof *names);
        X = malloc(L->n * (size_t)dout * sizeof *X);
        bad = !names || !X;
        for (long k = 0; k < L->d && !bad; k++)
            bad = encoded_names(L, k, &enc[k], names, first[k]);
        if (bad)
            fail_oom(L);
    }
    if (!bad && names && copy_fold_column(L)) {
        fail_oom(L);
        bad = 1;
    }
    if (!names || bad) {
        if (names)
            free_names(names, dout);
        free(X);
        free(first);
        free_plan(enc, L->d);
        return;
    }
    for (size_t i = 0; i < L->n; i++)
        encode_row(L, enc, L->X + i * (size_t)L->d, X + i * (size_t)dout, first);
    if (L->cols[0].rownames)
        add_notice(L, "column 1%s read as row names (%ld distinct values) and skipped", "",
                   (long)L->n);
    if (L->dropped)
        add_notice(L, "%sdropped %ld rows with a missing value", "", L->dropped);
    free(first);
    free_plan(enc, L->d);
    free_names(L->feature_names, L->d);
    free(L->X);
    L->X = X;
    L->feature_names = names;
    L->d = dout;
}
