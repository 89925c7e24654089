/* value: the command line's value parsers, each naming its option in its
 * messages ("--lr: expected a number, got 'x'"). */
#include "value.h"

#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A finite decimal number. strtod flags underflow with ERANGE too, but a
 * subnormal (1e-320) or a value that rounds to 0 is a fine number; only
 * overflow (1e999) is out of range. */
int value_double(const char *opt, const char *s, double *out, Err *err)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || *end != '\0' || isnan(v))
        return err_set(err, ERR_INPUT, "%s: expected a number, got '%s'", opt, s);
    if (isinf(v))
        return err_set(err, ERR_INPUT, "%s: '%s' is out of range (a finite number up to %g)", opt,
                       s, DBL_MAX);
    *out = v;
    return 0;
}

int value_int(const char *opt, const char *s, long lo, long hi, long *out, Err *err)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (end == s || *end != '\0' || errno == ERANGE)
        return err_set(err, ERR_INPUT, "%s: expected a whole number, got '%s'", opt, s);
    if (v < lo || v > hi)
        return err_set(err, ERR_INPUT, "%s must be from %ld to %ld (got %ld)", opt, lo, hi, v);
    *out = v;
    return 0;
}

int value_copy(const char *opt, const char *s, char *dst, size_t size, Err *err)
{
    if (!s[0])
        return err_set(err, ERR_INPUT, "%s: empty value", opt);
    if (strlen(s) >= size)
        return err_set(err, ERR_INPUT, "%s: value too long", opt);
    strcpy(dst, s);
    return 0;
}

int value_model(Config *c, const char *s, Err *err)
{
    if (strcmp(s, "linear") == 0) {
        c->n_hidden = 0;
        return 0;
    }
    int n = 0;
    const char *p = s;
    for (;;) {
        char *end;
        errno = 0;
        long w = strtol(p, &end, 10);
        if (end == p || (*end != ',' && *end != '\0') || errno || w < 1 || w > 4096)
            return err_set(err, ERR_INPUT,
                           "--model: expected 'linear' or hidden widths like 8,8 (1..4096 each), "
                           "got '%s'",
                           s);
        if (n == MODEL_MAX_LAYERS - 1)
            return err_set(err, ERR_INPUT, "--model: at most %d hidden layers",
                           MODEL_MAX_LAYERS - 1);
        c->hidden[n++] = (int)w;
        if (*end == '\0')
            break;
        p = end + 1;
    }
    c->n_hidden = n;
    return 0;
}

void config_apply_model_defaults(Config *c)
{
    int linear = c->n_hidden == 0;
    if (!c->batch_set)
        c->hyper.batch = linear ? 0 : 10;
    if (!c->lr_set)
        c->hyper.lr = linear ? 0.1 : 0.03;
}

void config_model_string(const Config *c, char *buf, int size)
{
    if (c->n_hidden == 0) {
        snprintf(buf, (size_t)size, "linear");
        return;
    }
    int used = 0;
    buf[0] = '\0';
    for (int i = 0; i < c->n_hidden && used < size; i++) {
        int w = snprintf(buf + used, (size_t)(size - used), "%s%d", i ? "," : "", c->hidden[i]);
        if (w < 0)
            break;
        used += w;
    }
}

void value_format_double(double v, char *buf, size_t size)
{
    /* from 15 digits, so 100 is "100", not "1e+02" */
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, size, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            return;
    }
}
