/* tune_net: the tuning grid of a hidden-layer model (see tune_net.h).
 *
 * Every cell is the trainer's own loop (trainer.c) on the problem that
 * headless training builds (setup.c), so a cell equals the run
 * `--headless` makes with the cell's settings and --threads 1: early
 * stopping as there (the best epoch by validation loss, restored at the
 * end), and that run's final validation loss is the cell's val_loss. */
#include "tune_net.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report.h"
#include "scene.h"
#include "setup.h"
#include "tune.h"

/* The grid's knobs, most important first for the one-SE rule. */
static const struct {
    KnobId knob;
    int dir;
} order[] = {
    {KNOB_LAMBDA, 1},  {KNOB_KEEP, -1}, {KNOB_INPUT_KEEP, -1},
    {KNOB_AUGMENT, 1}, {KNOB_ALPHA, 1}, {KNOB_LR, -1},
};
#define N_ORDER ((int)(sizeof order / sizeof order[0]))

static int rank_of(int knob)
{
    for (int i = 0; i < N_ORDER; i++)
        if ((int)order[i].knob == knob)
            return i;
    return -1;
}

int tune_net_direction(int knob)
{
    int r = rank_of(knob);
    return r < 0 ? 0 : order[r].dir;
}

void tune_net_pick(const TuneNetGrid *g, const TuneNetCell *cells, int n, int *best, int *one_se)
{
    TunePickView v = {cells,
                      sizeof *cells,
                      offsetof(TuneNetCell, val_loss),
                      offsetof(TuneNetCell, val_se),
                      0,
                      {0},
                      {0}};
    for (int r = 0; r < N_ORDER; r++)
        for (int k = 0; k < g->n_knobs; k++)
            if (g->knob[k] == (int)order[r].knob) {
                v.key_off[v.n_keys] = offsetof(TuneNetCell, value) + sizeof(double) * (size_t)k;
                v.dir[v.n_keys++] = order[r].dir;
            }
    tune_pick_view(&v, n, best, one_se);
}

/* ---- the grid from --tune ------------------------------------------------ */

static void range_text(const KnobInfo *ki, char *buf, size_t n)
{
    if (ki->hi == DBL_MAX)
        snprintf(buf, n, "%s %g", ki->lo_open ? ">" : ">=", ki->lo);
    else
        snprintf(buf, n, "in %c%g, %g]", ki->lo_open ? '(' : '[', ki->lo, ki->hi);
}

static int parse_values(const char *arg, const char *s, const KnobInfo *ki, double *values, int *n,
                        Err *err)
{
    char range[64];
    range_text(ki, range, sizeof range);
    for (*n = 0;;) {
        char *end;
        double v = strtod(s, &end);
        int in = isfinite(v) && (ki->lo_open ? v > ki->lo : v >= ki->lo) && v <= ki->hi;
        if (end == s || (*end != ',' && *end != '\0') || !in)
            return err_set(err, ERR_INPUT, "--tune %s: %s values are numbers %s, comma-separated",
                           arg, ki->run_key, range);
        if (*n == TUNE_NET_MAX_VALUES)
            return err_set(err, ERR_INPUT, "--tune %s: at most %d values", arg,
                           TUNE_NET_MAX_VALUES);
        values[(*n)++] = v;
        if (*end == '\0')
            return 0;
        s = end + 1;
    }
}

int tune_net_parse(const Config *c, TuneNetGrid *g, Err *err)
{
    memset(g, 0, sizeof *g);
    g->n_values[1] = 1;
    if (c->n_tune < 1 || c->n_tune > 2)
        return err_set(err, ERR_INPUT, "--tune: a grid has one or two knobs");
    for (int k = 0; k < c->n_tune; k++) {
        const char *arg = c->tune[k], *eq = strchr(arg, '=');
        size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
        int r = 0;
        for (; r < N_ORDER; r++) {
            const char *key = knob_info(order[r].knob)->run_key;
            if (strlen(key) == len && strncmp(key, arg, len) == 0)
                break;
        }
        if (r == N_ORDER || !eq)
            return err_set(err, ERR_INPUT,
                           "--tune %.*s: a hidden-layer model's grid knobs are lambda, alpha, "
                           "keep, input-keep, lr and augment-noise",
                           (int)len, arg);
        g->knob[k] = (int)order[r].knob;
        if (parse_values(arg, eq + 1, knob_info(order[r].knob), g->values[k], &g->n_values[k], err))
            return -1;
    }
    g->n_knobs = c->n_tune;
    return 0;
}

int tune_net_spec(const Config *c, const Problem *p, TuneNetSpec *s, double **init_buf, Err *err)
{
    memset(s, 0, sizeof *s);
    *init_buf = NULL;
    if (p->val.n < 2)
        return err_set(err, ERR_INPUT,
                       "--tune: a hidden-layer model is tuned on the validation split, and it "
                       "has %d rows (raise --val-ratio)",
                       p->val.n);
    s->p = p;
    config_trainer(c, p, &s->base);
    s->base.threads = 1;
    s->epochs = c->epochs;
    s->early_stop = c->early_stop;
    Trainer *t = trainer_new(p, &s->base, err); /* the model's size; --load's weights */
    if (!t)
        return -1;
    s->n_params = trainer_model(t)->n_params;
    if (c->load[0]) {
        scene_initial_weights(c, t);
        if ((*init_buf = malloc(sizeof(double) * s->n_params)))
            trainer_get_params(t, *init_buf);
    }
    trainer_free(t);
    if (c->load[0] && !*init_buf)
        return err_set(err, ERR_INTERNAL, "out of memory");
    s->init = *init_buf;
    return 0;
}

/* ---- one cell ------------------------------------------------------------ */

static int params_finite(const Trainer *t)
{
    const Model *m = trainer_model(t);
    for (size_t i = 0; i < m->n_params; i++)
        if (!isfinite(m->params[i]))
            return 0;
    return 1;
}

/* The standard error of the mean data loss over the validation rows. */
static int val_se_of(Trainer *t, double *se, Err *err)
{
    const Model *m = trainer_model(t);
    const Dataset *v = &trainer_problem(t)->val;
    enum { CHUNK = 256 };
    if (v->n < 2) {
        *se = NAN; /* no spread to measure (tune_net_spec refuses such a split) */
        return 0;
    }
    Workspace ws;
    double *loss = malloc(sizeof(double) * ((size_t)v->n + 1));
    if (!loss || workspace_init(&ws, m, CHUNK, err)) {
        free(loss);
        return loss ? -1 : err_set(err, ERR_INTERNAL, "out of memory");
    }
    int k = model_n_out(m);
    for (int i = 0; i < v->n; i += CHUNK) {
        int rows = v->n - i < CHUNK ? v->n - i : CHUNK;
        model_forward(m, &ws, v->X + (size_t)i * v->d, rows, NULL);
        for (int r = 0; r < rows; r++) {
            Workspace one = ws; /* row r's logits: model_data_loss of one row */
            one.logits = ws.logits + (size_t)r * k;
            loss[i + r] = model_data_loss(m, &one, v->y + i + r, 1);
        }
    }
    double mean = 0, ss = 0;
    for (int i = 0; i < v->n; i++)
        mean += loss[i];
    mean /= v->n;
    for (int i = 0; i < v->n; i++)
        ss += (loss[i] - mean) * (loss[i] - mean);
    *se = sqrt(ss / (v->n - 1)) / sqrt((double)v->n);
    workspace_free(&ws);
    free(loss);
    return 0;
}

/* Trains t for the spec's epochs, with early stopping as headless does
 * (best by validation loss, stop after `patience` epochs without a better
 * one, the best epoch's weights restored). 1 when cancelled; *finite 0
 * when training diverged. */
static int train(const TuneNetSpec *s, Trainer *t, double *best_params, const atomic_int *cancel,
                 int *finite)
{
    double best = INFINITY;
    long best_epoch = -1;
    *finite = 1;
    for (long e = 1; e <= s->epochs; e++) {
        if (cancel && atomic_load(cancel))
            return 1;
        trainer_epoch(t);
        if (!params_finite(t)) {
            *finite = 0;
            return 0;
        }
        if (!best_params)
            continue;
        double val = trainer_val_loss(t);
        if (!isfinite(val)) {
            *finite = 0;
            return 0;
        }
        if (val < best || best_epoch < 0) {
            best = val, best_epoch = e;
            trainer_get_params(t, best_params);
        }
        if (e - best_epoch >= s->early_stop)
            break;
    }
    if (best_params && best_epoch > 0)
        trainer_set_params(t, best_params);
    return 0;
}

int tune_net_cell(const TuneNetSpec *spec, const int knob[2], const double value[2], int n_knobs,
                  double *val_loss, double *val_se, double *params, const atomic_int *cancel,
                  Err *err)
{
    TrainerConfig tc = spec->base;
    tc.threads = 1;
    for (int k = 0; k < n_knobs; k++) {
        const KnobInfo *ki = knob_info((KnobId)knob[k]);
        if (rank_of(knob[k]) < 0)
            return err_set(err, ERR_INPUT, "--tune: %s is not a grid knob", ki->label);
        memcpy((char *)&tc.hyper + ki->offset, &value[k], sizeof(double));
    }
    Trainer *t = trainer_new(spec->p, &tc, err);
    if (!t)
        return -1;
    if (spec->init)
        trainer_set_params(t, spec->init);
    double *best = NULL;
    if (spec->early_stop > 0 &&
        !(best = malloc(sizeof(double) * (trainer_model(t)->n_params + 1)))) {
        trainer_free(t);
        return err_set(err, ERR_INTERNAL, "out of memory");
    }
    int finite, rc = train(spec, t, best, cancel, &finite);
    double loss = NAN, se = NAN;
    if (rc == 0 && finite) {
        loss = trainer_val_loss(t);
        if (!isfinite(loss))
            loss = NAN;
        else if (val_se_of(t, &se, err))
            rc = -1;
    }
    if (rc == 0) {
        *val_loss = loss, *val_se = isfinite(loss) ? se : NAN;
        if (params)
            trainer_get_params(t, params);
    }
    free(best);
    trainer_free(t);
    return rc;
}

/* ---- the headless grid ----------------------------------------------------- */

typedef struct {
    const TuneNetSpec *spec;
    const TuneNetGrid *g;
    TuneNetCell *cells;
    atomic_int stop;
} Job;

static void cell_values(const TuneNetGrid *g, int t, double value[2])
{
    value[0] = g->values[0][t / g->n_values[1]];
    value[1] = g->n_knobs > 1 ? g->values[1][t % g->n_values[1]] : 0;
}

static int cell_task(void *ctx, int t, Err *err)
{
    Job *j = ctx;
    TuneNetCell *c = &j->cells[t];
    cell_values(j->g, t, c->value);
    int rc = tune_net_cell(j->spec, j->g->knob, c->value, j->g->n_knobs, &c->val_loss, &c->val_se,
                           NULL, &j->stop, err);
    if (rc > 0)
        err_set(err, ERR_INTERNAL, "cancelled");
    return rc;
}

/* A knob's value in the fewest digits that read back as it (0.8, not
 * 0.80000000000000004). */
static void put_value(FILE *out, double v)
{
    char buf[40];
    for (int digits = 15; digits <= 17; digits++) {
        snprintf(buf, sizeof buf, "%.*g", digits, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    if (isfinite(v) && v != 0)
        fputs(buf, out);
    else
        report_json_number(out, v, "%.17g");
}

static void put_cell(FILE *out, const TuneNetGrid *g, const TuneNetCell *c)
{
    for (int k = 0; k < g->n_knobs; k++) {
        fprintf(out, "%s\"%s\":", k ? "," : "{", knob_info((KnobId)g->knob[k])->run_key);
        put_value(out, c->value[k]);
    }
    fputs(",\"val_loss\":", out);
    report_json_number(out, c->val_loss, "%.17g");
    fputs(",\"val_se\":", out);
    report_json_number(out, c->val_se, "%.17g");
    fputc('}', out);
}

static void print_grid(FILE *out, const TuneNetGrid *g, const TuneNetCell *cells, int n)
{
    for (int i = 0; i < n; i++) {
        put_cell(out, g, &cells[i]);
        fputc('\n', out);
    }
    int which[2];
    tune_net_pick(g, cells, n, &which[0], &which[1]);
    fputs("{\"tune\":true", out);
    const char *name[2] = {"best", "one_se"};
    for (int i = 0; i < 2; i++) {
        fprintf(out, ",\"%s\":", name[i]);
        if (which[i] < 0)
            fputs("null", out);
        else
            put_cell(out, g, &cells[which[i]]);
    }
    fputs("}\n", out);
}

static int status_of(const Err *err) { return err->kind == ERR_INTERNAL ? 1 : 2; }

int tune_net_headless_run(const Config *c, FILE *out, Err *err)
{
    TuneNetGrid g;
    if (tune_net_parse(c, &g, err))
        return 2;
    if (c->format != FORMAT_JSONL) {
        err_set(err, ERR_INPUT, "--tune prints JSON Lines only (--format jsonl)");
        return 2;
    }
    if (c->cv_folds > 0 || c->foldid[0]) {
        err_set(err, ERR_INPUT,
                "%s: a hidden-layer model's grid is measured on the validation split "
                "(--val-ratio), not cross-validated",
                c->cv_folds > 0 ? "--cv" : "--foldid");
        return 2;
    }
    Problem p;
    if (config_build_problem(c, &p, err))
        return status_of(err);
    if (p.raw_train.notice[0])
        fprintf(stderr, "regscope: %s: %s\n", p.raw_train.name, p.raw_train.notice);
    TuneNetSpec spec;
    double *init = NULL;
    int n = g.n_values[0] * g.n_values[1], status = 0;
    Job job = {&spec, &g, calloc((size_t)n, sizeof(TuneNetCell)), 0};
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    int threads = c->threads > 0 ? c->threads : cores > 0 ? (int)cores : 1;
    if (!job.cells) {
        err_set(err, ERR_INTERNAL, "out of memory");
        status = 1;
    } else if (tune_net_spec(c, &p, &spec, &init, err) ||
               tune_run_tasks(n, threads, cell_task, &job, isatty(2) ? tune_progress_stderr : NULL,
                              "cells", &job.stop, err))
        status = status_of(err);
    if (!status) {
        print_grid(out, &g, job.cells, n);
        fflush(out);
        if (ferror(out)) {
            err_set(err, ERR_INTERNAL, "write error on output");
            status = 1;
        }
    }
    free(job.cells);
    free(init);
    problem_free(&p);
    return status;
}
