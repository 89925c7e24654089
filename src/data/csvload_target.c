/* csvload_target: the target column of a CSV file (contract in csvload.h).
 *
 * Each target field is interned as a label (text -> id in order of first
 * appearance) while the rows stream; at the end the task is decided and y
 * becomes class ids (string labels, or sorted numeric values) or values.
 * The loader's state and helpers are in csv_loader.h. */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv_loader.h"

/* ---- distinct target labels ------------------------------------------- */

static uint64_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603u; /* FNV-1a */
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211u;
    return h;
}

/* Returns the id of s, adding it if new; -1 when it is new and the table
 * already holds max labels; -2 when out of memory. */
static long labels_intern(LabelTable *t, const char *s, size_t len, double value, long max)
{
    if (!t->slot) {
        t->nslot = 64;
        while (t->nslot < 2 * (size_t)max + 2)
            t->nslot *= 2;
        t->slot = malloc(t->nslot * sizeof *t->slot);
        if (!t->slot)
            return -2;
        memset(t->slot, 0xff, t->nslot * sizeof *t->slot);
    }
    size_t mask = t->nslot - 1, i = (size_t)hash_bytes(s, len) & mask;
    for (; t->slot[i] >= 0; i = (i + 1) & mask) {
        const Label *l = &t->e[t->slot[i]];
        if (l->len == len && memcmp(t->text + l->off, s, len) == 0)
            return t->slot[i];
    }
    if ((long)t->n >= max)
        return -1;
    if (grow(&t->e, &t->cap, t->n + 1, sizeof *t->e) ||
        grow(&t->text, &t->tcap, t->tlen + len + 1, 1))
        return -2;
    memcpy(t->text + t->tlen, s, len);
    t->text[t->tlen + len] = '\0';
    t->e[t->n] = (Label){t->tlen, len, value};
    t->tlen += len + 1;
    t->slot[i] = (int)t->n;
    return (long)t->n++;
}

void csvload_labels_free(LabelTable *t)
{
    free(t->e);
    free(t->slot);
    free(t->text);
    memset(t, 0, sizeof *t);
}

/* ---- the target column ------------------------------------------------- */

void csvload_data_label(Loader *L, const char *s, size_t len, long line, long col)
{
    char buf[200];
    while (len > 0 && (*s == ' ' || *s == '\t'))
        s++, len--;
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    if (csvload_is_missing(L, s, len)) {
        if (L->opt && L->opt->missing != CSV_MISSING_REFUSE)
            L->row_drop = 1;
        else
            fail(L, line, col,
                 "missing target value%s%s%s: --missing drop or --missing mean "
                 "drops such rows",
                 len ? " \"" : "", len ? show(s, len, buf, sizeof buf) : "", len ? "\"" : "");
        return;
    }
    int bin = find_binary(s, len);
    if (bin >= 0) {
        fail(L, line, col, "binary data (byte 0x%02x) in the target", bin);
        return;
    }
    double v = NAN;
    CsvNum r = csv_parse_double(s, len, &v);
    if (r == CSV_NUM_NONFINITE) {
        fail(L, line, col, "expected a finite number, got \"%s\"", show(s, len, buf, sizeof buf));
        return;
    }
    if (r != CSV_NUM_OK) {
        if (L->task_opt == TASK_REGRESS) {
            fail(L, line, col, "expected a numeric target for regression, got \"%s\"",
                 show(s, len, buf, sizeof buf));
            return;
        }
        L->any_string = 1;
        v = NAN;
    } else if (v != floor(v) || fabs(v) > 9007199254740992.0) {
        L->all_int = 0;
    }
    if (L->task_opt != TASK_REGRESS && !L->overflow) {
        long id = labels_intern(&L->labels, s, len, v, L->lim->max_classes);
        if (id >= 0) {
            L->y[L->n] = (double)id;
            return;
        }
        if (id == -2) {
            fail_oom(L);
            return;
        }
        if (L->any_string) {
            fail(L, line, col, "more than %ld distinct class labels", L->lim->max_classes);
            return;
        }
        /* All numeric so far: keep values from now on, decide at the end. */
        for (size_t i = 0; i < L->n; i++)
            L->y[i] = L->labels.e[(size_t)L->y[i]].value;
        L->overflow = 1;
        L->overflow_line = line;
        L->overflow_col = col;
    } else if (L->any_string) {
        fail(L, line, col, "more than %ld distinct class labels", L->lim->max_classes);
        return;
    }
    L->y[L->n] = v;
}

int csvload_resolve_target(Loader *L)
{
    const char *t = L->target_opt;
    HeadRows *h = &L->head;
    long line = h->line[0];
    if (!t || !*t) {
        L->target = L->ncols - 1;
        return 0;
    }
    long found = -1, matches = 0;
    for (long j = 0; L->has_header && j < L->ncols; j++) {
        if (strcmp(h->text + h->f[h->first[0] + (size_t)j].off, t) == 0) {
            if (found < 0)
                found = j;
            matches++;
        }
    }
    char buf[200];
    if (matches > 1) {
        fail(L, line, 0, "target \"%s\" names %ld columns", show(t, strlen(t), buf, sizeof buf),
             matches);
        return -1;
    }
    if (found >= 0) {
        L->target = found;
        return 0;
    }
    size_t nd = strspn(t, "0123456789");
    if (nd > 0 && t[nd] == '\0') {
        long idx = nd > 9 ? LONG_MAX : strtol(t, NULL, 10);
        if (idx < 1 || idx > L->ncols) {
            fail(L, line, 0, "target column %s is out of range: the file has %ld columns", t,
                 L->ncols);
            return -1;
        }
        L->target = idx - 1;
        return 0;
    }
    fail(L, line, 0, "no column named \"%s\" for the target%s", show(t, strlen(t), buf, sizeof buf),
         L->has_header ? "" : " (the file has no header row)");
    return -1;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Class ids and names for an all-numeric target already chosen as classes:
 * sorted distinct values -> 0..k-1. y holds label ids unless L->overflow,
 * when it holds the values. Returns k, or -1. */
static long numeric_classes(Loader *L, char ***names_out)
{
    size_t n = L->n;
    double *v;
    size_t nv = L->overflow ? n : L->labels.n;
    v = malloc(nv * sizeof *v);
    if (!v) {
        fail_oom(L);
        return -1;
    }
    if (L->overflow)
        memcpy(v, L->y, n * sizeof *v);
    else
        for (size_t i = 0; i < nv; i++)
            v[i] = L->labels.e[i].value;
    qsort(v, nv, sizeof *v, cmp_double);
    size_t k = 0;
    for (size_t i = 0; i < nv; i++)
        if (k == 0 || v[i] != v[k - 1])
            v[k++] = v[i];
    if ((long)k > L->lim->max_classes) {
        fail(L, L->overflow_line, L->overflow_col, "more than %ld distinct class labels",
             L->lim->max_classes);
        free(v);
        return -1;
    }
    char **names = calloc(k, sizeof *names);
    if (!names) {
        free(v);
        fail_oom(L);
        return -1;
    }
    /* A class is named by the first text that gave its value. */
    for (size_t i = 0; !L->overflow && i < L->labels.n; i++) {
        double *at = bsearch(&L->labels.e[i].value, v, k, sizeof *v, cmp_double);
        size_t c = (size_t)(at - v);
        if (!names[c] && !(names[c] = strdup(L->labels.text + L->labels.e[i].off)))
            break;
    }
    for (size_t c = 0; c < k; c++) {
        char buf[40];
        snprintf(buf, sizeof buf, "%.17g", v[c]);
        if (!names[c] && !(names[c] = strdup(buf))) {
            free_names(names, (long)k);
            free(v);
            fail_oom(L);
            return -1;
        }
    }
    for (size_t i = 0; i < n; i++) {
        double key = L->overflow ? L->y[i] : L->labels.e[(size_t)L->y[i]].value;
        L->y[i] = (double)((double *)bsearch(&key, v, k, sizeof *v, cmp_double) - v);
    }
    free(v);
    *names_out = names;
    return (long)k;
}

/* Distinct values of an all-numeric, all-integer target, or a number above
 * CSV_AUTO_MAX_CLASSES when there are more. */
static size_t distinct_values(Loader *L)
{
    double seen[CSV_AUTO_MAX_CLASSES + 1];
    size_t k = 0;
    for (size_t i = 0; i < L->n; i++) {
        double x = L->overflow ? L->y[i] : L->labels.e[(size_t)L->y[i]].value;
        size_t j = 0;
        while (j < k && seen[j] != x)
            j++;
        if (j == k) {
            if (k == CSV_AUTO_MAX_CLASSES)
                return k + 1;
            seen[k++] = x;
        }
    }
    return k;
}

/* Decide the task and turn y into class ids or target values. */
void csvload_finish_target(Loader *L, Task *task, int *n_classes, char ***class_names)
{
    *class_names = NULL;
    *n_classes = 0;
    Task t = L->task_opt;
    if (t == TASK_REGRESS) { /* y already holds values; strings were refused */
        *task = t;
        return;
    }
    if (t == TASK_AUTO) {
        size_t k = L->all_int && !L->any_string ? distinct_values(L) : 0;
        t = L->any_string || (L->all_int && k <= CSV_AUTO_MAX_CLASSES && 2 * k <= L->n)
                ? TASK_CLASSIFY
                : TASK_REGRESS;
    }
    *task = t;
    if (t == TASK_REGRESS) {
        for (size_t i = 0; !L->overflow && i < L->n; i++)
            L->y[i] = L->labels.e[(size_t)L->y[i]].value;
        return;
    }
    long k;
    if (L->any_string) { /* ids in order of first appearance are the classes */
        k = (long)L->labels.n;
        char **names = calloc((size_t)k, sizeof *names);
        if (!names) {
            fail_oom(L);
            return;
        }
        for (long c = 0; c < k; c++) {
            if (!(names[c] = strdup(L->labels.text + L->labels.e[c].off))) {
                free_names(names, k);
                fail_oom(L);
                return;
            }
        }
        *class_names = names;
    } else {
        k = numeric_classes(L, class_names);
        if (k < 0)
            return;
    }
    if (k < 2) {
        char buf[200];
        const char *one = (*class_names)[0];
        fail(L, L->first_data_line, L->target + 1,
             "the target has a single class (\"%s\"); classification needs at least 2",
             show(one, strlen(one), buf, sizeof buf));
        free_names(*class_names, k);
        *class_names = NULL;
        return;
    }
    *n_classes = (int)k;
}
