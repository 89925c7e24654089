/* tune: the cross-validated alpha x lambda grid (see tune.h). */
#include "tune.h"

#include <math.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A held-out loss is first order in the weights' error where the fitting
 * objective is second order: the fits solve to KKT 1e-8 relative (path.h's
 * tol 1e-16), so that cv_mean and cv_se hold 1e-7 of their values. */
#define TUNE_CV_TOL 1e-16

static double field(const TunePickView *v, int i, size_t off)
{
    const char *c = (const char *)v->cells + (size_t)i * v->stride + off;
    double x;
    memcpy(&x, c, sizeof x);
    return x;
}

/* > 0 when cell i is more regularized than cell j, < 0 less, 0 alike. */
static int more_regularized(const TunePickView *v, int i, int j)
{
    for (int k = 0; k < v->n_keys; k++) {
        double a = field(v, i, v->key_off[k]), b = field(v, j, v->key_off[k]);
        if (a != b)
            return (a > b) == (v->dir[k] > 0) ? 1 : -1;
    }
    return 0;
}

void tune_pick_view(const TunePickView *v, int n, int *best, int *one_se)
{
    int b = -1;
    for (int i = 0; i < n; i++) {
        double m = field(v, i, v->mean_off);
        if (!isfinite(m))
            continue;
        double mb = b < 0 ? 0 : field(v, b, v->mean_off);
        if (b < 0 || m < mb || (m == mb && more_regularized(v, i, b) > 0))
            b = i;
    }
    *best = *one_se = b;
    if (b < 0)
        return;
    double se = field(v, b, v->se_off);
    double bar = field(v, b, v->mean_off) + (isfinite(se) ? se : 0);
    int s = b;
    for (int i = 0; i < n; i++) {
        double m = field(v, i, v->mean_off);
        if (!isfinite(m) || m > bar)
            continue;
        int r = more_regularized(v, i, s);
        if (r > 0 || (r == 0 && m < field(v, s, v->mean_off)))
            s = i;
    }
    *one_se = s;
}

void tune_pick(const TuneCell *cells, int n, int *best, int *one_se)
{
    TunePickView v = {cells,
                      sizeof *cells,
                      offsetof(TuneCell, mean),
                      offsetof(TuneCell, se),
                      1,
                      {offsetof(TuneCell, lambda)},
                      {1}};
    tune_pick_view(&v, n, best, one_se);
}

int tune_progress_stderr(void *ctx, int done, int total)
{
    fprintf(stderr, "\rtune: %d/%d %s", done, total, ctx ? (const char *)ctx : "fits");
    if (done == total)
        fputc('\n', stderr);
    fflush(stderr);
    return 0;
}

/* ---- tasks on threads -------------------------------------------------- */
typedef struct {
    int n_tasks;
    TuneTask task;
    void *ctx;
    TuneProgress progress;
    void *pctx;
    atomic_int *stop;
    pthread_mutex_t lock;
    int next, done, failed; /* under lock */
    Err err;                /* the first failure */
} Pool;

static void *worker(void *arg)
{
    Pool *g = arg;
    for (;;) {
        pthread_mutex_lock(&g->lock);
        int t = g->failed || g->next >= g->n_tasks ? -1 : g->next++;
        pthread_mutex_unlock(&g->lock);
        if (t < 0)
            return NULL;
        Err err = {0};
        int bad = g->task(g->ctx, t, &err) != 0;
        pthread_mutex_lock(&g->lock);
        if (bad && !g->failed)
            g->err = err;
        g->failed |= bad;
        g->done++;
        if (!g->failed && g->progress && g->progress(g->pctx, g->done, g->n_tasks)) {
            g->failed = 1;
            err_set(&g->err, ERR_INTERNAL, "cancelled");
        }
        if (g->failed && g->stop)
            atomic_store(g->stop, 1);
        pthread_mutex_unlock(&g->lock);
    }
}

int tune_run_tasks(int n_tasks, int threads, TuneTask task, void *ctx, TuneProgress progress,
                   void *pctx, atomic_int *stop, Err *err)
{
    Pool g;
    memset(&g, 0, sizeof g);
    g.n_tasks = n_tasks, g.task = task, g.ctx = ctx;
    g.progress = progress, g.pctx = pctx, g.stop = stop;
    pthread_mutex_init(&g.lock, NULL);
    pthread_t th[256];
    int started = 0;
    threads = threads < 1 ? 1 : threads > n_tasks ? n_tasks : threads;
    if (threads > 256)
        threads = 256;
    for (; started < threads - 1; started++)
        if (pthread_create(&th[started], NULL, worker, &g))
            break; /* fewer threads: the others share the tasks */
    worker(&g);
    for (int i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    pthread_mutex_destroy(&g.lock);
    if (g.failed && err)
        *err = g.err;
    return g.failed ? -1 : 0;
}

/* ---- the grid's fits --------------------------------------------------------
 * Task t fits alpha t / folds on every fold but t % folds and writes the
 * held-out losses along the grid to loss + t * n_lambda. */
typedef struct {
    const Dataset *train;
    Task task;
    int n_classes, n_alpha, n_lambda, folds, n_tasks;
    const double *alphas, *lambdas;
    const PathOptions *opt;
    const int *fold_of;
    double *loss; /* n_alpha x folds x n_lambda */
} Grid;

/* Alpha a fitted without fold f, its held-out losses into loss. */
static int fit_task(const Grid *g, int a, int f, double *loss, Err *err)
{
    int n = g->train->n, mi = 0, mo = 0;
    int *idx = malloc(sizeof(int) * ((size_t)n + 1));
    if (!idx)
        return err_set(err, ERR_INTERNAL, "out of memory");
    for (int i = 0; i < n; i++)
        if (g->fold_of[i] != f)
            idx[mi++] = i;
    for (int i = 0; i < n; i++)
        if (g->fold_of[i] == f)
            idx[mi + mo++] = i;
    Dataset tr = {0}, te = {0};
    PathResult pr = {0};
    int rc = dataset_take_rows(&tr, g->train, idx, mi, err) ||
             dataset_take_rows(&te, g->train, idx + mi, mo, err) ||
             path_fit(&tr, g->task, g->n_classes, g->alphas[a], g->lambdas, g->n_lambda, g->opt,
                      &pr, err);
    for (int l = 0; !rc && l < g->n_lambda; l++)
        loss[l] = path_data_loss(&te, g->task, g->n_classes, pr.W + (size_t)l * pr.k * pr.d,
                                 pr.b + (size_t)l * pr.k);
    path_result_free(&pr);
    dataset_free(&tr);
    dataset_free(&te);
    free(idx);
    return rc ? -1 : 0;
}

static int grid_task(void *ctx, int t, Err *err)
{
    const Grid *g = ctx;
    return fit_task(g, t / g->folds, t % g->folds, g->loss + (size_t)t * g->n_lambda, err);
}

static int summarize(const Grid *g, const double *size, PathCV *cv, Err *err)
{
    for (int a = 0; a < g->n_alpha; a++) {
        PathCV *c = &cv[a];
        c->n_lambda = g->n_lambda, c->folds = g->folds;
        c->mean = malloc(sizeof(double) * (size_t)g->n_lambda);
        c->se = malloc(sizeof(double) * (size_t)g->n_lambda);
        if (!c->mean || !c->se) {
            for (int b = 0; b <= a; b++)
                path_cv_free(&cv[b]);
            return err_set(err, ERR_INTERNAL, "out of memory");
        }
        path_cv_summarize(g->loss + (size_t)a * g->folds * g->n_lambda, g->folds, size, g->lambdas,
                          g->n_lambda, c->mean, c->se, &c->i_min, &c->i_1se);
    }
    return 0;
}

int tune_cv_grid(const Dataset *train, Task task, int n_classes, const double *alphas, int n_alpha,
                 const double *lambdas, int n_lambda, int folds, uint64_t seed,
                 const PathOptions *opt, int threads, TuneProgress progress, void *ctx, PathCV *cv,
                 Err *err)
{
    memset(cv, 0, sizeof *cv * (size_t)n_alpha);
    int n = train->n, rc = -1;
    Grid g;
    memset(&g, 0, sizeof g);
    g.train = train, g.task = task, g.n_classes = n_classes, g.n_alpha = n_alpha;
    g.n_lambda = n_lambda, g.folds = folds, g.n_tasks = n_alpha * folds;
    PathOptions tight;
    if (opt)
        tight = *opt;
    else
        path_options_default(&tight);
    tight.tol = fmin(tight.tol, TUNE_CV_TOL);
    g.alphas = alphas, g.lambdas = lambdas, g.opt = &tight;
    int *fold_of = malloc(sizeof(int) * ((size_t)n + 1));
    double *size = calloc((size_t)folds + 1, sizeof(double));
    g.loss = malloc(sizeof(double) * (size_t)g.n_tasks * n_lambda + 1);
    if (!fold_of || !size || !g.loss) {
        err_set(err, ERR_INTERNAL, "out of memory");
        goto done;
    }
    if (path_cv_folds(train, folds, seed, fold_of, err))
        goto done;
    for (int i = 0; i < n; i++)
        size[fold_of[i]] += 1;
    g.fold_of = fold_of;
    if (tune_run_tasks(g.n_tasks, threads, grid_task, &g, progress, ctx, NULL, err))
        goto done;
    rc = summarize(&g, size, cv, err);
done:
    free(fold_of), free(size), free(g.loss);
    return rc;
}
