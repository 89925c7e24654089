/* csvload_columns: the kind of each feature column while a CSV file streams.
 *
 * A column is numeric or text by its first value that is not missing; a
 * later value of the other kind is refused there. Text needs a header (the
 * dummies are named COLUMN=LEVEL). --categorical columns and a first column
 * with an empty header (row names, if its values turn out distinct) keep
 * their texts as levels whatever they look like. Missing values are NAN in
 * X until csvload_encode.c decides what they become. */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv_loader.h"

static uint64_t hash_text(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603u; /* FNV-1a */
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211u;
    return h;
}

static int levels_rehash(Levels *lv)
{
    size_t nslot = lv->nslot ? 2 * lv->nslot : 64;
    long *slot = malloc(nslot * sizeof *slot);
    if (!slot)
        return -1;
    memset(slot, 0xff, nslot * sizeof *slot);
    for (size_t e = 0; e < lv->n; e++) {
        size_t i = (size_t)hash_text(lv->text[e], strlen(lv->text[e])) & (nslot - 1);
        while (slot[i] >= 0)
            i = (i + 1) & (nslot - 1);
        slot[i] = (long)e;
    }
    free(lv->slot);
    lv->slot = slot;
    lv->nslot = nslot;
    return 0;
}

/* The id of s (added if new, *is_new set); -1 when out of memory. */
static long levels_intern(Levels *lv, const char *s, size_t len, int *is_new)
{
    *is_new = 0;
    if (2 * (lv->n + 1) > lv->nslot && levels_rehash(lv))
        return -1;
    size_t mask = lv->nslot - 1, i = (size_t)hash_text(s, len) & mask;
    for (; lv->slot[i] >= 0; i = (i + 1) & mask) {
        const char *t = lv->text[lv->slot[i]];
        if (strlen(t) == len && memcmp(t, s, len) == 0)
            return lv->slot[i];
    }
    size_t vcap = lv->cap;
    if (grow(&lv->text, &lv->cap, lv->n + 1, sizeof *lv->text) ||
        grow(&lv->value, &vcap, lv->cap, sizeof *lv->value))
        return -1;
    char *t = malloc(len + 1);
    if (!t)
        return -1;
    memcpy(t, s, len);
    t[len] = '\0';
    double v;
    lv->value[lv->n] = csv_parse_double(s, len, &v) == CSV_NUM_OK ? v : NAN;
    lv->text[lv->n] = t;
    lv->slot[i] = (long)lv->n;
    *is_new = 1;
    return (long)lv->n++;
}

static void levels_free(Levels *lv)
{
    for (size_t i = 0; i < lv->n; i++)
        free(lv->text[i]);
    free(lv->text);
    free(lv->value);
    free(lv->slot);
    memset(lv, 0, sizeof *lv);
}

static void trim(const char **s, size_t *len)
{
    while (*len > 0 && (**s == ' ' || **s == '\t'))
        (*s)++, (*len)--;
    while (*len > 0 && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
        (*len)--;
}

int csvload_is_missing(const Loader *L, const char *s, size_t len)
{
    trim(&s, &len);
    if (len == 0)
        return 1;
    for (size_t i = 0; i < L->n_na; i++)
        if (strlen(L->na[i]) == len && memcmp(L->na[i], s, len) == 0)
            return 1;
    return 0;
}

/* Splits a comma-separated list into malloc'd items (empty items kept out). */
static char **split_list(const char *list, size_t *n)
{
    size_t cap = 1;
    for (const char *p = list; *p; p++)
        cap += *p == ',';
    char **items = calloc(cap, sizeof *items);
    *n = 0;
    for (const char *p = list; items && *p;) {
        size_t len = strcspn(p, ",");
        if (len > 0 && !(items[(*n)++] = strndup(p, len))) {
            free_names(items, (long)*n);
            return NULL;
        }
        p += len + (p[len] == ',');
    }
    return items;
}

/* The 0-based column named by item (a header name or a 1-based index). */
static long find_column(Loader *L, const char *item, const char *option)
{
    HeadRows *h = &L->head;
    for (long j = 0; L->has_header && j < L->ncols; j++)
        if (strcmp(h->text + h->f[h->first[0] + (size_t)j].off, item) == 0)
            return j;
    char buf[200];
    size_t nd = strspn(item, "0123456789");
    if (nd > 0 && item[nd] == '\0') {
        long idx = nd > 9 ? LONG_MAX : strtol(item, NULL, 10);
        if (idx >= 1 && idx <= L->ncols)
            return idx - 1;
        fail(L, h->line[0], 0, "%s: column %s is out of range: the file has %ld columns", option,
             item, L->ncols);
        return -1;
    }
    fail(L, h->line[0], 0, "%s: no column named \"%s\"%s", option,
         show(item, strlen(item), buf, sizeof buf),
         L->has_header ? "" : " (the file has no header row)");
    return -1;
}

/* Marks every column of the option's list with kind (forced for TEXT). */
static int mark_columns(Loader *L, const char *list, const char *option, ColKind kind)
{
    if (!list || !*list)
        return 0;
    size_t n;
    char **items = split_list(list, &n);
    if (!items) {
        fail_oom(L);
        return -1;
    }
    for (size_t i = 0; i < n && !L->failed; i++) {
        long j = find_column(L, items[i], option);
        if (j < 0)
            break;
        if (j == L->target) {
            fail(L, L->head.line[0], 0, "%s: column %ld is the target", option, j + 1);
            break;
        }
        CsvColumn *c = &L->cols[j < L->target ? j : j - 1];
        c->kind = kind;
        c->forced = kind == COL_TEXT;
        c->rownames = 0;
    }
    free_names(items, (long)n);
    return L->failed ? -1 : 0;
}

int csvload_columns_init(Loader *L)
{
    const CsvTableOptions *o = L->opt;
    L->na = split_list(o && o->na_values ? o->na_values : CSV_NA_DEFAULT, &L->n_na);
    L->d_raw = L->d;
    L->cols = calloc((size_t)L->d, sizeof *L->cols);
    if (!L->na || !L->cols) {
        fail_oom(L);
        return -1;
    }
    for (size_t i = 0; i < L->n_na; i++) {
        double v;
        L->na_number |= csv_parse_double(L->na[i], strlen(L->na[i]), &v) == CSV_NUM_OK;
    }
    if (L->has_header && L->target != 0 && L->head.f[L->head.first[0]].len == 0) {
        L->cols[0].kind = COL_TEXT;
        L->cols[0].rownames = 1;
    }
    if (o && o->foldid && strchr(o->foldid, ',')) {
        fail(L, L->head.line[0], 0, "--foldid: one column, got \"%s\"", o->foldid);
        return -1;
    }
    if (mark_columns(L, o ? o->ignore : NULL, "--ignore", COL_IGNORED) ||
        mark_columns(L, o ? o->categorical : NULL, "--categorical", COL_TEXT) ||
        mark_columns(L, o ? o->foldid : NULL, "--foldid", COL_FOLD))
        return -1;
    return 0;
}

void csvload_columns_free(Loader *L)
{
    for (long k = 0; L->cols && k < L->d_raw; k++)
        levels_free(&L->cols[k].levels);
    free(L->cols);
    free_names(L->na, (long)L->n_na);
    L->cols = NULL;
    L->na = NULL;
}

static void missing_value(Loader *L, double *x, const char *s, size_t len, long line, long col)
{
    char buf[200];
    *x = NAN;
    if (L->opt && L->opt->missing == CSV_MISSING_DROP) {
        L->row_drop = 1;
    } else if (!(L->opt && L->opt->missing == CSV_MISSING_MEAN)) { /* mean: NAN stays */
        trim(&s, &len);
        if (len == 0)
            fail(L, line, col,
                 "missing value (an empty field): --missing drop drops such rows, "
                 "--missing mean fills them");
        else
            fail(L, line, col,
                 "missing value \"%s\": --missing drop drops such rows, "
                 "--missing mean fills them",
                 show(s, len, buf, sizeof buf));
    }
}

static const char *column_name(const Loader *L, long col)
{
    return L->head.text + L->head.f[L->head.first[0] + (size_t)col].off;
}

static void text_value(Loader *L, CsvColumn *c, double *x, const char *s, size_t len, long line,
                       long col)
{
    char buf[200], nb[200];
    double v;
    if (!c->forced && !c->rownames && csv_parse_double(s, len, &v) == CSV_NUM_OK) {
        const char *name = column_name(L, col - 1);
        fail(L, line, col,
             "column \"%s\" holds text, then the number \"%s\" "
             "(--categorical %s reads it as categories)",
             show(name, strlen(name), nb, sizeof nb), show(s, len, buf, sizeof buf), name);
        return;
    }
    int bin = find_binary(s, len), is_new;
    if (bin >= 0) {
        fail(L, line, col, "binary data (byte 0x%02x) in a text field", bin);
        return;
    }
    trim(&s, &len);
    long id = levels_intern(&c->levels, s, len, &is_new);
    if (id < 0) {
        fail_oom(L);
        return;
    }
    c->repeated |= !is_new;
    *x = (double)id;
}

/* A --foldid field: an integer (the fold's number), never missing. */
static void fold_value(Loader *L, double *x, const char *s, size_t len, long line, long col)
{
    char buf[200];
    if (csv_parse_double(s, len, x) != CSV_NUM_OK || *x != floor(*x) || fabs(*x) > 1e9)
        fail(L, line, col, "--foldid: expected an integer fold number, got \"%s\"",
             show(s, len, buf, sizeof buf));
}

/* "2.5x", "1 2", a newline: a number gone wrong rather than a category
 * (--categorical takes it as one). */
static int malformed_number(const char *s, size_t len)
{
    trim(&s, &len);
    if (memchr(s, '\n', len) || memchr(s, '\r', len))
        return 1;
    size_t i = len > 0 && (s[0] == '-' || s[0] == '+' || s[0] == '.');
    return i < len && s[i] >= '0' && s[i] <= '9';
}

void csvload_feature_field(Loader *L, const char *s, size_t len, long col, long line)
{
    long k = col < L->target ? col : col - 1;
    CsvColumn *c = &L->cols[k];
    double *x = &L->X[L->n * (size_t)L->d + (size_t)k];
    char buf[200], nb[200];
    if (c->kind == COL_IGNORED) {
        *x = 0;
        return;
    }
    if (c->kind == COL_FOLD) {
        fold_value(L, x, s, len, line, col + 1);
        return;
    }
    if (csvload_is_missing(L, s, len)) {
        missing_value(L, x, s, len, line, col + 1);
        return;
    }
    if (c->kind == COL_TEXT) {
        text_value(L, c, x, s, len, line, col + 1);
        return;
    }
    CsvNum r = csv_parse_double(s, len, x);
    if (r == CSV_NUM_OK) {
        c->kind = COL_NUMERIC;
        return;
    }
    int bin = find_binary(s, len);
    if (r == CSV_NUM_NONFINITE || bin >= 0 || !L->has_header ||
        (c->kind == COL_UNKNOWN && malformed_number(s, len))) {
        if (bin >= 0)
            fail(L, line, col + 1, "binary data (byte 0x%02x) where a number was expected", bin);
        else
            fail(L, line, col + 1, "expected a %snumber, got \"%s\"",
                 r == CSV_NUM_NONFINITE ? "finite " : "", show(s, len, buf, sizeof buf));
        return;
    }
    if (c->kind == COL_NUMERIC) {
        const char *name = column_name(L, col);
        fail(L, line, col + 1,
             "expected a number, got \"%s\" (column \"%s\" mixes numbers and "
             "text: --categorical %s reads it as categories)",
             show(s, len, buf, sizeof buf), show(name, strlen(name), nb, sizeof nb), name);
        return;
    }
    c->kind = COL_TEXT;
    text_value(L, c, x, s, len, line, col + 1);
}
