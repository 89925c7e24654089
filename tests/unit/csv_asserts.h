/* csv_asserts: loading CSV text in the loader's unit tests, and what a
 * refusal must leave (shared by test_csvload.c and test_csv_errors.c). */
#ifndef REGSCOPE_CSV_ASSERTS_H
#define REGSCOPE_CSV_ASSERTS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvload.h"

static inline void assert_empty(const Dataset *ds)
{
    assert_int_equal(ds->n, 0);
    assert_int_equal(ds->d, 0);
    assert_null(ds->X);
    assert_null(ds->y);
    assert_null(ds->class_names);
    assert_null(ds->feature_names);
    assert_null(ds->name);
}

/* Load buf[0..len) as "t.csv" and expect exactly msg. */
static inline void refuse_n(const char *buf, size_t len, const char *target, Task task,
                            const CsvLimits *lim, const char *msg)
{
    Dataset ds;
    memset(&ds, 0x5a, sizeof ds); /* the loader must clear it */
    Err err = {0};
    CsvOptions opt = {target, task};
    assert_int_equal(csv_load_mem_limits("t.csv", buf, len, &opt, lim, &ds, &err), -1);
    assert_int_equal(err.kind, ERR_INPUT);
    assert_string_equal(err.msg, msg);
    assert_empty(&ds);
}

static inline void refuse(const char *csv, const char *msg)
{
    refuse_n(csv, strlen(csv), NULL, TASK_AUTO, NULL, msg);
}

static inline void load_opt(const char *csv, const char *target, Task task, Dataset *ds)
{
    Err err = {0};
    CsvOptions opt = {target, task};
    int rc = csv_load_mem("t.csv", csv, strlen(csv), &opt, ds, &err);
    if (rc)
        fail_msg("unexpected error: %s", err.msg);
    assert_string_equal(ds->name, "t.csv");
}

static inline void load(const char *csv, Dataset *ds) { load_opt(csv, NULL, TASK_AUTO, ds); }

static inline void assert_row(const Dataset *ds, int i, const double *x, double y)
{
    for (int j = 0; j < ds->d; j++)
        assert_true(ds->X[i * ds->d + j] == x[j]);
    assert_true(ds->y[i] == y);
}

static inline void assert_names(char **names, int n, const char *const *want)
{
    assert_non_null(names);
    for (int i = 0; i < n; i++)
        assert_string_equal(names[i], want[i]);
}

/* A growing string for generated inputs. */
typedef struct {
    char *s;
    size_t len, cap;
} Buf;

static inline void buf_add(Buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    while (b->len + (size_t)n + 1 > b->cap) {
        b->cap = b->cap ? 2 * b->cap : 4096;
        b->s = realloc(b->s, b->cap);
        assert_non_null(b->s);
    }
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

#endif
