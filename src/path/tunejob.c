/* tunejob: see tunejob.h. */
#include "setup.h"
#include "tunejob.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "knob_table.h"
#include "path.h"
#include "pathcmd.h"
#include "settings.h"
#include "tunecmd.h"

#include <stdatomic.h>

#include "tune_net.h"

static const double default_alphas[] = {0, 0.25, 0.5, 0.75, 1};

struct TuneJob {
    Config cfg;
    pthread_t thread;
    pthread_mutex_t mu; /* guards everything below up to `ok`, and cells / ready */
    int steps_done, steps;
    int done, cancel, have_axes;
    double t_start, t_last; /* monotonic seconds: the axes made, the last step */
    /* written by the thread; the axes before have_axes is set, read-only after */
    int ok;
    Err err;
    Problem problem;
    int have_problem;
    PenaltyGroups groups;
    PathOptions opt;
    int n_row, n_col, folds;
    double row_val[TUNEJOB_MAX_VALUES];
    double *col_val;
    TuneCell *cells;
    int *ready;      /* per cell */
    int *row_ready;  /* per row: its models are there */
    int k, d;        /* the linear model's shape */
    double **W, **b; /* per row: n_col x k x d, n_col x k */
    int is_net;
    const char *row_name, *col_name; /* knob keys */
    TuneNetGrid grid;
    TuneNetSpec spec;
    double *init_buf;
    size_t net_n_params;
    double *net_params; /* per cell: its weights, read-only once ready */
    atomic_int stop;    /* read by the cells between epochs */
};

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int cancelled(TuneJob *j)
{
    pthread_mutex_lock(&j->mu);
    int c = j->cancel;
    pthread_mutex_unlock(&j->mu);
    return c;
}

static void step(TuneJob *j, int steps_done)
{
    pthread_mutex_lock(&j->mu);
    j->steps_done = steps_done;
    j->t_last = now_s();
    pthread_mutex_unlock(&j->mu);
}

/* tune_cv_grid's progress within row `row`: a step per fold, and the
 * cancel flag between folds. */
typedef struct {
    TuneJob *job;
    int step0;
} RowProgress;

static int row_progress(void *ctx, int done, int total)
{
    (void)total;
    RowProgress *rp = ctx;
    step(rp->job, rp->step0 + done);
    return cancelled(rp->job);
}

static int threads_for(const Config *c)
{
    if (c->threads > 0)
        return c->threads;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    /* one core left to the live scene's training */
    return cores > 2 ? (int)cores - 1 : 1;
}

/* One linear unit: row r's cross-validated cells, then its models on the
 * whole training split. */
static int run_linear_row(TuneJob *j, int r)
{
    const Problem *p = &j->problem;
    double alpha = j->row_val[r];
    int L = j->n_col, steps_row = j->folds + 1;
    RowProgress rp = {j, r * steps_row};
    PathCV cv;
    if (tune_cv_grid(&p->train, p->task, p->n_classes, &alpha, 1, j->col_val, L, j->folds,
                     j->cfg.seed, &j->opt, threads_for(&j->cfg), row_progress, &rp, &cv, &j->err))
        return -1;
    PathResult pr = {0};
    if (path_fit(&p->train, p->task, p->n_classes, alpha, j->col_val, L, &j->opt, &pr, &j->err)) {
        path_cv_free(&cv);
        path_result_free(&pr);
        return -1;
    }
    pthread_mutex_lock(&j->mu);
    j->k = pr.k, j->d = pr.d;
    j->W[r] = pr.W, j->b[r] = pr.b;
    pr.W = pr.b = NULL;
    for (int l = 0; l < L; l++) {
        j->cells[r * L + l] = (TuneCell){alpha, j->col_val[l], cv.mean[l], cv.se[l]};
        j->ready[r * L + l] = 1;
    }
    j->row_ready[r] = 1;
    j->steps_done = (r + 1) * steps_row;
    j->t_last = now_s();
    pthread_mutex_unlock(&j->mu);
    path_cv_free(&cv);
    path_result_free(&pr);
    return cancelled(j) ? err_set(&j->err, ERR_INTERNAL, "cancelled") : 0;
}

/* The rows' alphas: --tune alpha=..., or the default five. */
static int make_rows(TuneJob *j)
{
    j->row_name = "alpha", j->col_name = "lambda";
    if (j->cfg.n_tune > 0)
        return tune_parse_alphas(&j->cfg, j->row_val, TUNEJOB_MAX_VALUES, &j->n_row, &j->err);
    j->n_row = (int)(sizeof default_alphas / sizeof default_alphas[0]);
    memcpy(j->row_val, default_alphas, sizeof default_alphas);
    return 0;
}

static int make_axes(TuneJob *j)
{
    const Config *c = &j->cfg;
    const Problem *p = &j->problem;
    int folds = path_cv_folds_for(c, &p->train, TUNEJOB_DEFAULT_FOLDS, &j->err);
    if (folds < 0)
        return -1;
    if (folds < 2 || p->train.n < 2 * folds)
        return err_set(&j->err, ERR_INPUT, "too few training rows for %d-fold cross-validation",
                       folds);
    int L = c->path_len > 0 ? c->path_len : 100, R = j->n_row;
    j->col_val = malloc(sizeof(double) * (size_t)L);
    j->cells = malloc(sizeof *j->cells * (size_t)R * L);
    j->ready = calloc((size_t)R * L, sizeof(int));
    j->row_ready = calloc((size_t)R, sizeof(int));
    j->W = calloc((size_t)R, sizeof *j->W);
    j->b = calloc((size_t)R, sizeof *j->b);
    if (!j->col_val || !j->cells || !j->ready || !j->row_ready || !j->W || !j->b)
        return err_set(&j->err, ERR_INTERNAL, "out of memory");
    double amax = 0;
    for (int a = 0; a < R; a++)
        amax = fmax(amax, j->row_val[a]);
    double ratio = c->path_min_ratio > 0 && c->path_min_ratio < 1 ? c->path_min_ratio : 1e-3;
    path_options_for(c, p, &j->groups, &j->opt);
    if (path_lambda_grid_opt(&p->train, p->task, p->n_classes, amax, L, ratio, &j->opt, j->col_val,
                             &j->err))
        return -1;
    for (int i = 0; i < R * L; i++)
        j->cells[i] = (TuneCell){j->row_val[i / L], j->col_val[i % L], NAN, NAN};
    pthread_mutex_lock(&j->mu);
    j->n_col = L, j->folds = folds;
    j->steps = R * (folds + 1);
    j->t_start = j->t_last = now_s();
    j->have_axes = 1;
    pthread_mutex_unlock(&j->mu);
    return 0;
}

/* ---- hidden layers: a unit is one cell (tune_net_cell) --------------------- */

/* a hidden-layer model's default grid: lambda x keep */
static const double default_net_lambdas[] = {0, 1e-4, 1e-3, 3e-3, 1e-2, 3e-2};
static const double default_net_keeps[] = {0.5, 0.625, 0.75, 0.875, 1};
#define COUNT(a) (int)(sizeof(a) / sizeof(a)[0])

static int net_task(void *ctx, int t, Err *err)
{
    TuneJob *j = ctx;
    int r = t / j->n_col, c = t % j->n_col;
    double value[2] = {j->grid.values[0][r], j->grid.n_knobs > 1 ? j->grid.values[1][c] : 0};
    double loss, se, *params = j->net_params + (size_t)t * j->net_n_params;
    int rc = tune_net_cell(&j->spec, j->grid.knob, value, j->grid.n_knobs, &loss, &se, params,
                           &j->stop, err);
    if (rc == 1)
        return err_set(err, ERR_INTERNAL, "cancelled");
    if (rc)
        return -1;
    pthread_mutex_lock(&j->mu);
    j->cells[t].mean = loss, j->cells[t].se = se;
    j->ready[t] = 1;
    j->t_last = now_s();
    pthread_mutex_unlock(&j->mu);
    return 0;
}

static int net_progress(void *ctx, int done, int total)
{
    (void)total;
    TuneJob *j = ctx;
    step(j, done);
    return cancelled(j);
}

/* c's grid: --tune's one or two knobs, or lambda x keep. */
static int net_grid_of(const Config *c, TuneNetGrid *g, Err *err)
{
    if (c->n_tune > 0) {
        if (tune_net_parse(c, g, err))
            return -1;
    } else {
        memset(g, 0, sizeof *g);
        g->n_knobs = 2;
        g->knob[0] = KNOB_LAMBDA, g->knob[1] = KNOB_KEEP;
        g->n_values[0] = COUNT(default_net_lambdas), g->n_values[1] = COUNT(default_net_keeps);
        memcpy(g->values[0], default_net_lambdas, sizeof default_net_lambdas);
        memcpy(g->values[1], default_net_keeps, sizeof default_net_keeps);
    }
    return 0;
}

static int net_grid(TuneJob *j)
{
    const TuneNetGrid *g = &j->grid;
    if (net_grid_of(&j->cfg, &j->grid, &j->err))
        return -1;
    j->row_name = knob_key((KnobId)g->knob[0]);
    j->col_name = g->n_knobs > 1 ? knob_key((KnobId)g->knob[1]) : "-";
    j->n_row = g->n_values[0];
    return 0;
}

static int run_net(TuneJob *j)
{
    const TuneNetGrid *g = &j->grid;
    if (net_grid(j) || tune_net_spec(&j->cfg, &j->problem, &j->spec, &j->init_buf, &j->err))
        return -1;
    int R = g->n_values[0], C = g->n_knobs > 1 ? g->n_values[1] : 1;
    memcpy(j->row_val, g->values[0], sizeof(double) * (size_t)R);
    j->col_val = malloc(sizeof(double) * (size_t)C);
    j->cells = malloc(sizeof *j->cells * (size_t)R * C);
    j->ready = calloc((size_t)R * C, sizeof(int));
    j->row_ready = calloc((size_t)R, sizeof(int));
    j->net_n_params = j->spec.n_params;
    j->net_params = malloc(sizeof(double) * j->net_n_params * (size_t)R * C);
    if (!j->col_val || !j->cells || !j->ready || !j->row_ready || !j->net_params)
        return err_set(&j->err, ERR_INTERNAL, "out of memory");
    for (int c = 0; c < C; c++)
        j->col_val[c] = g->n_knobs > 1 ? g->values[1][c] : 0;
    for (int i = 0; i < R * C; i++) /* TuneCell's alpha, lambda: the row's, the column's value */
        j->cells[i] = (TuneCell){j->row_val[i / C], j->col_val[i % C], NAN, NAN};
    pthread_mutex_lock(&j->mu);
    j->n_col = C, j->folds = 0;
    j->steps = R * C;
    j->t_start = j->t_last = now_s();
    j->have_axes = 1;
    pthread_mutex_unlock(&j->mu);
    return tune_run_tasks(R * C, threads_for(&j->cfg), net_task, j, net_progress, j, &j->stop,
                          &j->err);
}

static int run(TuneJob *j)
{
    if (config_build_problem(&j->cfg, &j->problem, &j->err))
        return -1;
    j->have_problem = 1;
    if (j->cfg.n_hidden != 0) {
        j->is_net = 1;
        return run_net(j);
    }
    if (make_rows(j) || make_axes(j))
        return -1;
    for (int r = 0; r < j->n_row; r++)
        if (run_linear_row(j, r))
            return -1;
    return 0;
}

static void *thread_main(void *arg)
{
    TuneJob *j = arg;
    int ok = run(j) == 0;
    pthread_mutex_lock(&j->mu);
    j->ok = ok;
    j->done = 1;
    pthread_mutex_unlock(&j->mu);
    return NULL;
}

int tunejob_check(const Config *c, Err *err)
{
    if (c->n_hidden != 0) {
        TuneNetGrid g;
        return net_grid_of(c, &g, err);
    }
    double alphas[TUNEJOB_MAX_VALUES];
    int n;
    return c->n_tune > 0 ? tune_parse_alphas(c, alphas, TUNEJOB_MAX_VALUES, &n, err) : 0;
}

TuneJob *tunejob_start(const Config *c, Err *err)
{
    TuneJob *j = calloc(1, sizeof *j);
    if (!j) {
        err_set(err, ERR_INTERNAL, "out of memory");
        return NULL;
    }
    j->cfg = *c;
    j->cfg.n_runs = 0;
    if (tunejob_check(c, err)) { /* a bad --tune is said at once */
        free(j);
        return NULL;
    }
    pthread_mutex_init(&j->mu, NULL);
    if (pthread_create(&j->thread, NULL, thread_main, j)) {
        pthread_mutex_destroy(&j->mu);
        free(j);
        err_set(err, ERR_INTERNAL, "cannot start the tuning thread");
        return NULL;
    }
    return j;
}

void tunejob_free(TuneJob *j)
{
    if (!j)
        return;
    pthread_mutex_lock(&j->mu);
    j->cancel = 1;
    pthread_mutex_unlock(&j->mu);
    atomic_store(&j->stop, 1);
    pthread_join(j->thread, NULL);
    pthread_mutex_destroy(&j->mu);
    free(j->init_buf);
    free(j->net_params);
    for (int r = 0; j->W && r < j->n_row; r++)
        free(j->W[r]), free(j->b[r]);
    free(j->W), free(j->b), free(j->col_val), free(j->cells), free(j->ready), free(j->row_ready);
    if (j->have_problem)
        problem_free(&j->problem);
    free(j);
}

int tunejob_axes(TuneJob *j, TuneAxes *a)
{
    pthread_mutex_lock(&j->mu);
    int have = j->have_axes;
    pthread_mutex_unlock(&j->mu);
    if (!have)
        return 0;
    *a = (TuneAxes){j->n_row,    j->n_col,   j->folds,   j->row_name,
                    j->col_name, j->row_val, j->col_val, j->is_net ? "val loss" : "cv loss"};
    return 1;
}

void tunejob_pick(TuneJob *j, const TuneCell *cells, int n, int *best, int *one_se)
{
    *best = *one_se = -1;
    TuneAxes a;
    if (!tunejob_axes(j, &a) || n != a.n_row * a.n_col || n < 1)
        return;
    if (!j->is_net) {
        tune_pick(cells, n, best, one_se);
        return;
    }
    TuneNetCell *nc = malloc(sizeof *nc * (size_t)n);
    if (!nc)
        return;
    for (int i = 0; i < n; i++)
        nc[i] = (TuneNetCell){{cells[i].alpha, cells[i].lambda}, cells[i].mean, cells[i].se};
    tune_net_pick(&j->grid, nc, n, best, one_se);
    free(nc);
}

int tunejob_cells(TuneJob *j, TuneCell *out, int *ready, int n)
{
    int got = 0;
    pthread_mutex_lock(&j->mu);
    if (j->have_axes) {
        int m = j->n_row * j->n_col < n ? j->n_row * j->n_col : n;
        if (out)
            memcpy(out, j->cells, sizeof *out * (size_t)m);
        if (ready)
            memcpy(ready, j->ready, sizeof *ready * (size_t)m);
        for (int i = 0; i < m; i++)
            got += j->ready[i];
    }
    pthread_mutex_unlock(&j->mu);
    return got;
}

double tunejob_progress(TuneJob *j)
{
    pthread_mutex_lock(&j->mu);
    double f = j->done ? 1.0 : j->steps > 0 ? (double)j->steps_done / j->steps : 0.0;
    pthread_mutex_unlock(&j->mu);
    return f;
}

double tunejob_eta(TuneJob *j)
{
    pthread_mutex_lock(&j->mu);
    double eta = -1;
    if (j->done)
        eta = 0;
    else if (j->have_axes && j->steps_done > 0 && j->steps > 0) {
        double f = (double)j->steps_done / j->steps;
        /* the pace to the last step, and the time since: the estimate
         * grows while a slow step runs past it */
        double pace = (j->t_last - j->t_start) / f;
        eta = fmax(pace * (1 - f) - (now_s() - j->t_last), 0);
    }
    pthread_mutex_unlock(&j->mu);
    return eta;
}

int tunejob_done(TuneJob *j)
{
    pthread_mutex_lock(&j->mu);
    int d = j->done;
    pthread_mutex_unlock(&j->mu);
    return d;
}

const char *tunejob_error(TuneJob *j)
{
    pthread_mutex_lock(&j->mu);
    int failed = j->done && !j->ok;
    pthread_mutex_unlock(&j->mu);
    return failed ? j->err.msg : NULL;
}

const Config *tunejob_config(TuneJob *j) { return &j->cfg; }

const Problem *tunejob_problem(TuneJob *j)
{
    pthread_mutex_lock(&j->mu);
    int have = j->have_axes;
    pthread_mutex_unlock(&j->mu);
    return have ? &j->problem : NULL;
}

int tunejob_model(TuneJob *j, int row, PathJobResult *out)
{
    pthread_mutex_lock(&j->mu);
    int ok = j->have_axes && !j->is_net && row >= 0 && row < j->n_row && j->row_ready[row];
    int k = j->k, d = j->d; /* written again as each row finishes */
    pthread_mutex_unlock(&j->mu);
    if (!ok)
        return 0;
    memset(out, 0, sizeof *out);
    out->n_lambda = j->n_col, out->k = k, out->d = d;
    out->task = j->problem.task, out->n_classes = j->problem.n_classes;
    out->alpha = j->row_val[row];
    out->lambda = j->col_val;
    out->W = j->W[row], out->b = j->b[row];
    out->i_min = out->i_1se = -1;
    return 1;
}

const double *tunejob_net_params(TuneJob *j, int cell, size_t *n_params)
{
    pthread_mutex_lock(&j->mu);
    int ok = j->have_axes && j->is_net && cell >= 0 && cell < j->n_row * j->n_col &&
             j->ready[cell] && isfinite(j->cells[cell].mean);
    pthread_mutex_unlock(&j->mu);
    if (!ok)
        return NULL;
    *n_params = j->net_n_params;
    return j->net_params + (size_t)cell * j->net_n_params;
}

/* A hidden-layer grid's cells depend on every hyperparameter but the
 * grid's own knobs: 1 when one of the others differs. */
static int net_hyper_differs(const Config *a, const Config *b)
{
    TuneNetGrid g;
    Err err = {0};
    if (net_grid_of(a, &g, &err)) /* refused at the start: cannot be a running grid's */
        return 0;
    Hyper x = b->hyper;
    for (int k = 0; k < g.n_knobs; k++) {
        const KnobInfo *ki = knob_info((KnobId)g.knob[k]);
        memcpy((char *)&x + ki->offset, (const char *)&a->hyper + ki->offset, sizeof(double));
    }
    for (int k = 0; k < KNOB_COUNT; k++)
        if (knob_is_hyper((KnobId)k) &&
            knob_hyper_value(&a->hyper, (KnobId)k) != knob_hyper_value(&x, (KnobId)k))
            return 1;
    return a->epochs != b->epochs || a->early_stop != b->early_stop;
}

int tunejob_config_differs(const Config *a, const Config *b)
{
    Config x = *b; /* the grid's own knobs do not count */
    x.hyper.alpha = a->hyper.alpha;
    x.hyper.lambda = a->hyper.lambda;
    x.hyper.keep = a->hyper.keep;
    if (x.n_tune != a->n_tune)
        return 1;
    for (int i = 0; i < a->n_tune; i++)
        if (strcmp(a->tune[i], x.tune[i]) != 0)
            return 1;
    if (settings_differ(a, &x, USE_PATH) || a->n_hidden != x.n_hidden)
        return 1;
    return a->n_hidden != 0 && net_hyper_differs(a, b);
}
