/* lesson_check: a lesson step's check, "METRIC OP VALUE and ...", parsed
 * into terms and evaluated on the state a live snapshot gives. */
#include "lesson_file.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const metric_names[LM_COUNT] = {
    [LM_ZEROS] = "zeros",
    [LM_TRAIN_LOSS] = "train_loss",
    [LM_VAL_LOSS] = "val_loss",
    [LM_DATA_LOSS] = "data_loss",
    [LM_PENALTY] = "penalty",
    [LM_TRAIN_ACC] = "train_acc",
    [LM_VAL_ACC] = "val_acc",
    [LM_EPOCH] = "epoch",
    [LM_LAMBDA] = "lambda",
    [LM_ALPHA] = "alpha",
    [LM_KEEP] = "keep",
    [LM_INPUT_KEEP] = "input_keep",
    [LM_AUGMENT_NOISE] = "augment_noise",
    [LM_LR] = "lr",
    [LM_VIEW] = "view",
};
static const char *const view_names[] = {"main", "geometry", "path"};
static const char *const op_names[] = {
    [LO_LT] = "<", [LO_LE] = "<=", [LO_GT] = ">", [LO_GE] = ">=", [LO_EQ] = "==", [LO_NE] = "!="};

const char *lesson_metric_name(LessonMetric m)
{
    return m >= 0 && m < LM_COUNT ? metric_names[m] : "?";
}

static int is_blank(char c) { return c == ' ' || c == '\t'; }

static int bad(int *bad_col, int col, char *why, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static int bad(int *bad_col, int col, char *why, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, n, fmt, ap);
    va_end(ap);
    *bad_col = col;
    return -1;
}

/* Metrics that are fractions take a percentage too. */
static int is_fraction(LessonMetric m)
{
    return m == LM_ZEROS || m == LM_TRAIN_ACC || m == LM_VAL_ACC;
}

static int parse_value(LessonTerm *t, const char *w, size_t len, int col, int *bad_col, char *why,
                       size_t n)
{
    char word[64];
    snprintf(word, sizeof word, "%.*s", (int)len, w);
    if (t->metric == LM_VIEW) {
        if (t->op != LO_EQ && t->op != LO_NE)
            return bad(bad_col, col, why, n, "view compares with == or != only");
        for (size_t i = 0; i < sizeof view_names / sizeof view_names[0]; i++)
            if (strcmp(word, view_names[i]) == 0) {
                snprintf(t->word, sizeof t->word, "%s", view_names[i]);
                return 0;
            }
        return bad(bad_col, col, why, n, "unknown view '%s' (main, geometry, path)", word);
    }
    char *end;
    errno = 0;
    double v = strtod(word, &end);
    int pct = *end == '%' && end[1] == '\0' && is_fraction(t->metric);
    if (end == word || (*end && !pct) || errno || !isfinite(v))
        return bad(bad_col, col, why, n, "bad value '%s' for %s (a number%s)", word,
                   metric_names[t->metric], is_fraction(t->metric) ? ", or a percentage" : "");
    t->value = pct ? v / 100 : v;
    return 0;
}

static int parse_op(LessonTerm *t, const char **s, int col, int *bad_col, char *why, size_t n)
{
    for (int o = LO_NE; o >= LO_LT; o--) { /* two-character operators first */
        size_t len = strlen(op_names[o]);
        if (strncmp(*s, op_names[o], len) == 0 &&
            (len == 2 || ((*s)[1] != '=' && (*s)[1] != '<' && (*s)[1] != '>'))) {
            t->op = (LessonOp)o;
            *s += len;
            return 0;
        }
    }
    return bad(bad_col, col, why, n, "expected an operator (< <= > >= == !=) after %s",
               metric_names[t->metric]);
}

static int parse_term(LessonTerm *t, const char *text, const char **s, int *bad_col, char *why,
                      size_t n)
{
    const char *m = *s;
    size_t len = 0;
    while (m[len] && !is_blank(m[len]) && !strchr("<>=!", m[len]))
        len++;
    if (len == 0)
        return bad(bad_col, (int)(m - text), why, n, "expected a metric (zeros, lambda, ...)");
    int found = -1;
    for (int i = 0; i < LM_COUNT; i++)
        if (strlen(metric_names[i]) == len && strncmp(m, metric_names[i], len) == 0)
            found = i;
    if (found < 0)
        return bad(bad_col, (int)(m - text), why, n,
                   "unknown metric '%.*s' (zeros, train_loss, val_loss, data_loss, penalty, "
                   "train_acc, val_acc, epoch, lambda, alpha, keep, input_keep, augment_noise, "
                   "lr, view)",
                   (int)len, m);
    t->metric = (LessonMetric)found;
    *s = m + len;
    while (is_blank(**s))
        (*s)++;
    if (parse_op(t, s, (int)(*s - text), bad_col, why, n))
        return -1;
    while (is_blank(**s))
        (*s)++;
    const char *v = *s;
    size_t vlen = 0;
    while (v[vlen] && !is_blank(v[vlen]))
        vlen++;
    if (vlen == 0)
        return bad(bad_col, (int)(v - text), why, n, "missing value after %s %s",
                   metric_names[t->metric], op_names[t->op]);
    *s = v + vlen;
    return parse_value(t, v, vlen, (int)(v - text), bad_col, why, n);
}

int lesson_check_parse(const char *text, LessonCheck *out, int *bad_col, char *why, size_t n)
{
    memset(out, 0, sizeof *out);
    if (strlen(text) >= sizeof out->text)
        return bad(bad_col, 0, why, n, "check too long (at most %d characters)",
                   (int)sizeof out->text - 1);
    const char *s = text;
    for (;;) {
        while (is_blank(*s))
            s++;
        if (out->n_terms == LESSON_MAX_TERMS)
            return bad(bad_col, (int)(s - text), why, n, "too many conditions (at most %d)",
                       LESSON_MAX_TERMS);
        if (parse_term(&out->terms[out->n_terms++], text, &s, bad_col, why, n))
            return -1;
        while (is_blank(*s))
            s++;
        if (!*s)
            break;
        if (strncmp(s, "and", 3) != 0 || !is_blank(s[3])) {
            size_t len = strcspn(s, " \t");
            return bad(bad_col, (int)(s - text), why, n,
                       "expected 'and' between conditions, not '%.*s'", (int)len, s);
        }
        s += 3;
    }
    snprintf(out->text, sizeof out->text, "%s", text);
    return 0;
}

void lesson_state_from(const Metrics *m, const Hyper *h, const char *view, LessonState *out)
{
    memset(out, 0, sizeof *out);
    out->epoch = m->epoch;
    out->zeros = m->w.n ? m->w.zero_frac : NAN;
    out->train_loss = m->train_loss;
    out->data_loss = m->data_loss;
    out->penalty = m->penalty;
    out->val_loss = m->has_val ? m->val_loss : NAN;
    out->train_acc = m->classify ? m->train_acc : NAN;
    out->val_acc = m->classify && m->has_val ? m->val_acc : NAN;
    out->hyper = *h;
    out->view = view ? view : "main";
}

static double metric_value(const LessonState *s, LessonMetric m)
{
    switch (m) {
    case LM_ZEROS: return s->zeros;
    case LM_TRAIN_LOSS: return s->train_loss;
    case LM_VAL_LOSS: return s->val_loss;
    case LM_DATA_LOSS: return s->data_loss;
    case LM_PENALTY: return s->penalty;
    case LM_TRAIN_ACC: return s->train_acc;
    case LM_VAL_ACC: return s->val_acc;
    case LM_EPOCH: return (double)s->epoch;
    case LM_LAMBDA: return s->hyper.lambda;
    case LM_ALPHA: return s->hyper.alpha;
    case LM_KEEP: return s->hyper.keep;
    case LM_INPUT_KEEP: return s->hyper.input_keep;
    case LM_AUGMENT_NOISE: return s->hyper.augment_noise;
    case LM_LR: return s->hyper.lr;
    default: return NAN;
    }
}

/* == and != within rounding: a knob stepped up and down again (0.01 * 3 /
 * 3) still equals what the lesson wrote. */
static int same(double a, double b) { return fabs(a - b) <= 1e-9 * fmax(fabs(a), fabs(b)); }

static int term_holds(const LessonTerm *t, const LessonState *s)
{
    if (t->metric == LM_VIEW) {
        int eq = strcmp(s->view ? s->view : "main", t->word) == 0;
        return t->op == LO_EQ ? eq : !eq;
    }
    double v = metric_value(s, t->metric);
    if (isnan(v))
        return 0;
    switch (t->op) {
    case LO_LT: return v < t->value;
    case LO_LE: return v <= t->value;
    case LO_GT: return v > t->value;
    case LO_GE: return v >= t->value;
    case LO_EQ: return same(v, t->value);
    case LO_NE: return !same(v, t->value);
    }
    return 0;
}

int lesson_check_holds(const LessonCheck *chk, const LessonState *s)
{
    for (int i = 0; i < chk->n_terms; i++)
        if (!term_holds(&chk->terms[i], s))
            return 0;
    return 1;
}
