#include "knob_table.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "csvload.h"
#include "value.h"

#define NO_UPPER DBL_MAX

#define RUN(key, field, lo, hi, lo_open) key, KV_DOUBLE, offsetof(Hyper, field), lo, hi, lo_open
#define NOT_RUN NULL, KV_NONE, 0, 0, 0, 0

/* label, symbol, affects, option; run key, value, Hyper field, lo, hi, lo open;
 * format; run title rule, off value, short names in a run title */
static const KnobInfo infos[KNOB_COUNT] = {
    [KNOB_LAMBDA] = {"lambda", "\xce\xbb", 0, "--lambda", RUN("lambda", lambda, 0, NO_UPPER, 0),
                     KF_LADDER, KT_ALWAYS, 0, "\xce\xbb", "lam"},
    [KNOB_ALPHA] = {"alpha", "\xce\xb1", KA_PATH, "--alpha", RUN("alpha", alpha, 0, 1, 0),
                    KF_FRACTION, KT_ALWAYS, 0, "\xce\xb1", "a"},
    /* keep named when dropout is on (or the runs differ): "keep 1" on a
     * linear model's title would name a knob that does nothing there */
    [KNOB_KEEP] = {"keep", NULL, 0, "--keep-prob", RUN("keep", keep, 0, 1, 1), KF_FRACTION, KT_ON,
                   1, "k", "k"},
    [KNOB_LR] = {"lr", "\xce\xb7", 0, "--lr", RUN("lr", lr, 0, NO_UPPER, 1), KF_LADDER, KT_DIFFERS,
                 0, "\xce\xb7", "lr"},
    [KNOB_INPUT_KEEP] = {"in-keep", NULL, 0, "--input-keep-prob",
                         RUN("input-keep", input_keep, 0, 1, 1), KF_FRACTION, KT_ON, 1, "ik", "ik"},
    [KNOB_AUGMENT] = {"jitter", "\xcf\x83", 0, "--augment-noise",
                      RUN("augment-noise", augment_noise, 0, NO_UPPER, 0), KF_LADDER, KT_ON, 0,
                      "\xcf\x83", "j"},
    [KNOB_L1_METHOD] = {"l1", NULL, 0, "--l1-method", "l1-method", KV_L1_METHOD, 0, 0, 0, 0,
                        KF_L1_METHOD, KT_ON, L1_PROX, NULL, NULL},
    [KNOB_OPTIMIZER] = {"optim", NULL, 0, "--optimizer", "optimizer", KV_OPTIMIZER, 0, 0, 0, 0,
                        KF_OPTIMIZER, KT_DIFFERS, 0, NULL, NULL},
    [KNOB_BATCH] = {"batch", NULL, 0, "--batch", NOT_RUN, KF_BATCH, KT_DIFFERS, 0, "b", "b"},
    [KNOB_DATA] = {"data", NULL, KA_REBUILD | KA_PATH, "--data", NOT_RUN, KF_OTHER, KT_NONE, 0,
                   NULL, NULL},
    [KNOB_MODEL] = {"model", NULL, KA_REBUILD | KA_PATH, "--model", NOT_RUN, KF_OTHER, KT_NONE, 0,
                    NULL, NULL},
    [KNOB_FEATURES] = {"features", NULL, KA_REBUILD | KA_PATH, "--features", NOT_RUN, KF_OTHER,
                       KT_NONE, 0, NULL, NULL},
    [KNOB_SPEED] = {"speed", NULL, 0, NULL, NOT_RUN, KF_OTHER, KT_NONE, 0, NULL, NULL},
    [KNOB_CORR] = {"corr", "\xcf\x81", KA_REBUILD | KA_PATH, "--corr", NOT_RUN, KF_OTHER, KT_NONE,
                   0, NULL, NULL},
    [KNOB_DIRECTION] = {"direction", NULL, KA_REBUILD | KA_PATH, "--direction", NOT_RUN, KF_OTHER,
                        KT_NONE, 0, NULL, NULL},
    [KNOB_PENALTY] = {"penalty", NULL, KA_PATH, "--penalty", "penalty", KV_PENALTY, 0, 0, 0, 0,
                      KF_PENALTY, KT_ON, PEN_ENET, NULL, NULL, 1},
    /* 0 stands for the family's default (3 for MCP, 3.7 for SCAD); the
     * family's lower end is hyper_check's */
    [KNOB_GAMMA] = {"gamma", "\xce\xb3", KA_PATH, "--gamma", RUN("gamma", gamma, 0, NO_UPPER, 0),
                    KF_LADDER, KT_ON, 0, "\xce\xb3", "g", 1},
};

const KnobInfo *knob_info(KnobId k) { return &infos[k]; }

void knob_hidden_reason(KnobId k, char *buf, size_t n)
{
    if (k == KNOB_GAMMA)
        snprintf(buf, n, "gamma shapes --penalty mcp and scad only (v: the penalty family)");
    else
        snprintf(buf, n, "%s shapes --data corr only (g opens the geometry view on it)",
                 infos[k].label);
}

int knob_applies(const Hyper *h, KnobId k)
{
    return k != KNOB_GAMMA || h->penalty == PEN_MCP || h->penalty == PEN_SCAD;
}

int knob_visible(const Config *c, KnobId k)
{
    if (!knob_applies(&c->hyper, k))
        return 0;
    if (k == KNOB_CORR || k == KNOB_DIRECTION)
        return strcmp(c->data, "corr") == 0;
    return 1;
}

static const double lambda_ladder[] = {0, 1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1, 3, 10};
static const double lr_ladder[] = {1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1, 3, 10};
/* epochs per second; 0 (as fast as it goes) is the top of the ladder */
static const double speed_ladder[] = {1, 3, 10, 30, 100, 300, 1000, 3000, 10000};
static const double augment_ladder[] = {0, 0.05, 0.1, 0.2, 0.3, 0.5, 1};
static const double batch_ladder[] = {0, 1, 5, 10, 25, 50, 100, 250};
static const double gamma_ladder[] = {1.5, 2, 2.5, 3, 3.7, 5, 10, 30};
#define LEN(a) (int)(sizeof(a) / sizeof((a)[0]))

double ladder_step(const double *ladder, int n, double v, int dir)
{
    /* A relative tolerance so 0.30000000000000004 counts as the 0.3 rung. */
    double tol = 1e-9 * (fabs(v) > 1 ? fabs(v) : 1);
    if (dir > 0) {
        for (int i = 0; i < n; i++)
            if (ladder[i] > v + tol)
                return ladder[i];
    } else {
        for (int i = n - 1; i >= 0; i--)
            if (ladder[i] < v - tol)
                return ladder[i];
    }
    return v;
}

/* Linear steps of size step within [lo, hi], snapped to the step grid. */
static double linear_step(double v, double step, double lo, double hi, int dir)
{
    double k = floor(v / step + 1e-9);
    if (dir > 0)
        v = (k + 1) * step;
    else
        v = fabs(v - k * step) < 1e-9 ? (k - 1) * step : k * step;
    v = round(v / step) * step;
    return v < lo ? lo : v > hi ? hi : v;
}

/* Every generator, in data.c's order (the 2-D ones first: expansions apply
 * to them), then the CSV data sets shipped in datasets/ that can be found. */
static const char *const csv_cycle[] = {"iris", "wine", "breast_cancer", "diabetes"};
#define N_2D_GENERATORS 5 /* circle xor gauss spiral moons */

static int n_generators(void)
{
    int n = 0;
    while (data_generator_names[n])
        n++;
    return n;
}

static const char *data_at(int i)
{
    int g = n_generators();
    return i < g ? data_generator_names[i] : csv_cycle[i - g];
}

static int step_data(Config *c, int dir)
{
    int n = n_generators() + LEN(csv_cycle), at = -1;
    for (int i = 0; i < n; i++)
        if (strcmp(c->data, data_at(i)) == 0)
            at = i;
    for (int tries = 0; tries < n; tries++) {
        at = ((at < 0 ? (dir > 0 ? -1 : 0) : at) + (dir > 0 ? 1 : n - 1)) % n;
        char path[1024];
        if (data_is_generator(data_at(at)) || csv_find_dataset(data_at(at), path, sizeof path) == 0)
            break;
    }
    snprintf(c->data, sizeof c->data, "%s", data_at(at));
    c->target[0] = '\0';
    c->task = TASK_AUTO;
    if (at >= N_2D_GENERATORS)
        c->features[0] = '\0'; /* expansions are for the 2-D generators only */
    return 1;
}

static const char *const model_cycle[] = {"linear", "4,2", "8,8", "16,16", "32,32,32"};

static int step_model(Config *c, int dir)
{
    char now[128];
    config_model_string(c, now, sizeof now);
    int n = LEN(model_cycle), at = -1;
    for (int i = 0; i < n; i++)
        if (strcmp(now, model_cycle[i]) == 0)
            at = i;
    at = at < 0 ? 0 : (at + (dir > 0 ? 1 : n - 1)) % n;
    const char *m = model_cycle[at];
    if (strcmp(m, "linear") == 0) {
        c->n_hidden = 0;
    } else {
        c->n_hidden = 0;
        for (const char *p = m; *p;) {
            int w = 0;
            while (*p >= '0' && *p <= '9')
                w = w * 10 + (*p++ - '0');
            c->hidden[c->n_hidden++] = w;
            if (*p == ',')
                p++;
        }
    }
    config_apply_model_defaults(c);
    return 1;
}

static const char *const feature_cycle[] = {"", "x1,x2,x1^2,x2^2,x1x2",
                                            "x1,x2,x1^2,x2^2,x1x2,sin1,sin2", "poly:3", "poly:6"};

/* The 1-D generator's expansions: powers of its one input. */
static const char *const power_cycle[] = {"", "poly:3", "poly:9"};

static int step_features(Config *c, int dir)
{
    int one_d = strcmp(c->data, "line") == 0;
    const char *const *cycle = one_d ? power_cycle : feature_cycle;
    int n = one_d ? LEN(power_cycle) : LEN(feature_cycle), at = 0;
    for (int i = 0; i < n; i++)
        if (strcmp(c->features, cycle[i]) == 0)
            at = i;
    at = (at + (dir > 0 ? 1 : n - 1)) % n;
    snprintf(c->features, sizeof c->features, "%s", cycle[at]);
    return 1;
}

int knob_step(Config *c, KnobId k, int dir)
{
    Hyper *h = &c->hyper;
    Hyper before = *h;
    switch (k) {
    case KNOB_LAMBDA:
        h->lambda = ladder_step(lambda_ladder, LEN(lambda_ladder), h->lambda, dir);
        break;
    case KNOB_ALPHA: h->alpha = linear_step(h->alpha, 0.1, 0, 1, dir); break;
    case KNOB_KEEP: h->keep = linear_step(h->keep, 0.05, 0.05, 1, dir); break;
    case KNOB_INPUT_KEEP: h->input_keep = linear_step(h->input_keep, 0.05, 0.05, 1, dir); break;
    case KNOB_AUGMENT:
        h->augment_noise = ladder_step(augment_ladder, LEN(augment_ladder), h->augment_noise, dir);
        break;
    case KNOB_LR: h->lr = ladder_step(lr_ladder, LEN(lr_ladder), h->lr, dir); break;
    case KNOB_L1_METHOD: h->l1_method = h->l1_method == L1_PROX ? L1_SUBGRADIENT : L1_PROX; break;
    case KNOB_OPTIMIZER:
        h->optimizer = (OptimizerKind)((h->optimizer + (dir > 0 ? 1 : 2)) % 3);
        break;
    case KNOB_PENALTY: h->penalty = (PenaltyKind)((h->penalty + (dir > 0 ? 1 : 3)) % 4); break;
    case KNOB_GAMMA: {
        double g = penalty_gamma(h->penalty, h->gamma), lo = h->penalty == PEN_SCAD ? 2 : 1;
        g = ladder_step(gamma_ladder, LEN(gamma_ladder), g, dir);
        if (g > lo)
            h->gamma = g;
        break;
    }
    case KNOB_BATCH: {
        double b = ladder_step(batch_ladder, LEN(batch_ladder), h->batch, dir);
        h->batch = (int)b;
        break;
    }
    case KNOB_SPEED: {
        /* the rung above the last is "max" (no limit, speed 0) */
        int n = LEN(speed_ladder), at = n;
        for (int i = 0; i < n; i++)
            if (c->speed > 0 && c->speed >= speed_ladder[i])
                at = i;
        at += dir > 0 ? 1 : -1;
        double v = at >= n ? 0 : speed_ladder[at < 0 ? 0 : at];
        int changed = v != c->speed;
        c->speed = v;
        return changed;
    }
    case KNOB_CORR: {
        double v = linear_step(c->corr, 0.1, -0.9, 0.9, dir);
        int changed = v != c->corr;
        c->corr = v;
        return changed;
    }
    case KNOB_DIRECTION: { /* 1 degree up to 30, where the lasso's corner wins or loses */
        double v = c->direction < 30 || (c->direction == 30 && dir < 0)
                       ? linear_step(c->direction, 1, 0, 30, dir)
                       : linear_step(c->direction, 5, 30, 90, dir);
        int changed = v != c->direction;
        c->direction = v;
        return changed;
    }
    case KNOB_DATA: return step_data(c, dir);
    case KNOB_MODEL: return step_model(c, dir);
    case KNOB_FEATURES: return step_features(c, dir);
    case KNOB_COUNT: return 0;
    }
    return memcmp(&before, h, sizeof before) != 0;
}

static void fmt_num(double v, char *buf, size_t n)
{
    if (v == 0)
        snprintf(buf, n, "0");
    else if (fabs(v) < 1e-3)
        snprintf(buf, n, "%.0e", v);
    else
        snprintf(buf, n, "%g", v);
}

double knob_hyper_value(const Hyper *h, KnobId k)
{
    switch (infos[k].format) {
    case KF_L1_METHOD: return h->l1_method;
    case KF_OPTIMIZER: return h->optimizer;
    case KF_BATCH: return h->batch;
    case KF_PENALTY: return h->penalty;
    case KF_LADDER:
    case KF_FRACTION: return *(const double *)((const char *)h + infos[k].offset);
    case KF_OTHER: break;
    }
    return 0;
}

void knob_format_hyper(const Hyper *h, KnobId k, char *buf, size_t n)
{
    double v = k == KNOB_GAMMA ? penalty_gamma(h->penalty, h->gamma) : knob_hyper_value(h, k);
    switch (infos[k].format) {
    case KF_LADDER: fmt_num(v, buf, n); break;
    case KF_FRACTION: snprintf(buf, n, "%.2g", v); break;
    case KF_L1_METHOD:
        snprintf(buf, n, "%s", h->l1_method == L1_SUBGRADIENT ? "subgrad" : "prox");
        break;
    case KF_OPTIMIZER: snprintf(buf, n, "%s", optimizer_name(h->optimizer)); break;
    case KF_PENALTY: snprintf(buf, n, "%s", penalty_kind_name(h->penalty)); break;
    case KF_BATCH:
        if (h->batch > 0)
            snprintf(buf, n, "%d", h->batch);
        else
            snprintf(buf, n, "full");
        break;
    case KF_OTHER: buf[0] = '\0'; break;
    }
}

void knob_format(const Config *c, KnobId k, char *buf, size_t n)
{
    if (infos[k].format != KF_OTHER) {
        knob_format_hyper(&c->hyper, k, buf, n);
        return;
    }
    switch (k) {
    case KNOB_SPEED:
        if (c->speed > 0)
            snprintf(buf, n, "%g/s", c->speed);
        else
            snprintf(buf, n, "max");
        break;
    case KNOB_CORR: snprintf(buf, n, "%.2f", c->corr); break;
    case KNOB_DIRECTION: snprintf(buf, n, "%g deg", c->direction); break;
    case KNOB_DATA: snprintf(buf, n, "%s", c->data); break;
    case KNOB_MODEL: {
        char m[128];
        config_model_string(c, m, sizeof m);
        snprintf(buf, n, "%s", m);
        break;
    }
    case KNOB_FEATURES:
        if (!c->features[0]) /* the inputs as they are, however many */
            snprintf(buf, n, "raw");
        else if (strlen(c->features) > 12 && strncmp(c->features, "poly", 4) != 0)
            snprintf(buf, n, "%s", strstr(c->features, "sin") ? "quad+sin" : "quadratic");
        else
            snprintf(buf, n, "%s", c->features);
        break;
    default: buf[0] = '\0'; break;
    }
}

int knob_is_hyper(KnobId k) { return k < KNOB_COUNT && infos[k].format != KF_OTHER; }

int knob_hyper_written(const Hyper *h, KnobId k)
{
    return !infos[k].quiet || knob_hyper_value(h, k) != infos[k].off;
}

const char *knob_key(KnobId k) { return infos[k].run_key ? infos[k].run_key : infos[k].label; }

void knob_write_hyper(const Hyper *h, KnobId k, char *buf, size_t n)
{
    switch (infos[k].format) {
    case KF_L1_METHOD: snprintf(buf, n, "%s", l1_method_name(h->l1_method)); break;
    case KF_OPTIMIZER: snprintf(buf, n, "%s", optimizer_name(h->optimizer)); break;
    case KF_BATCH: snprintf(buf, n, "%d", h->batch); break;
    case KF_PENALTY: snprintf(buf, n, "%s", penalty_kind_name(h->penalty)); break;
    case KF_LADDER:
    case KF_FRACTION: value_format_double(knob_hyper_value(h, k), buf, n); break;
    case KF_OTHER: buf[0] = '\0'; break;
    }
}

int knob_read_hyper(Hyper *h, KnobId k, const char *opt, const char *v, Err *err)
{
    switch (infos[k].format) {
    case KF_L1_METHOD:
        if (l1_method_parse(v, &h->l1_method))
            return err_set(err, ERR_INPUT, "%s: expected prox or subgradient, got '%s'", opt, v);
        return 0;
    case KF_OPTIMIZER:
        if (optimizer_parse(v, &h->optimizer))
            return err_set(err, ERR_INPUT, "%s: expected sgd, momentum or adam, got '%s'", opt, v);
        return 0;
    case KF_PENALTY:
        if (penalty_kind_parse(v, &h->penalty))
            return err_set(err, ERR_INPUT, "%s: expected enet, group, mcp or scad, got '%s'", opt,
                           v);
        return 0;
    case KF_BATCH: {
        long b;
        if (value_int(opt, v, 0, INT_MAX, &b, err))
            return -1;
        h->batch = (int)b;
        return 0;
    }
    case KF_LADDER:
    case KF_FRACTION: return value_double(opt, v, (double *)((char *)h + infos[k].offset), err);
    case KF_OTHER: break;
    }
    return err_set(err, ERR_INTERNAL, "%s: not a run setting", opt);
}

KnobId knob_by_option(const char *opt)
{
    for (int k = 0; k < KNOB_COUNT; k++)
        if (knob_is_hyper((KnobId)k) && strcmp(infos[k].option, opt) == 0)
            return (KnobId)k;
    return KNOB_COUNT;
}
