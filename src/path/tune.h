/* tune: the cross-validated grid of a linear model, alpha x lambda, as
 * glmnetUtils' cva.glmnet: one lambda grid shared by every alpha, the same
 * folds at every alpha (seeded, or the Dataset's own --foldid numbers), and
 * at each alpha cv.glmnet's held-out mean and standard error per lambda
 * (path_cv_summarize). The fits of every (alpha, fold) pair run on up to
 * `threads` threads; results do not depend on the thread count. */
#ifndef REGSCOPE_TUNE_H
#define REGSCOPE_TUNE_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "path.h"

/* One cell of a grid: its knobs and its cross-validated loss. */
typedef struct {
    double alpha, lambda;
    double mean, se; /* cv_mean, cv_se */
} TuneCell;

/* The picker of any grid: cell i at (const char *)cells + i * stride, its
 * mean and se doubles at mean_off and se_off, and its knobs as keys, the
 * most important first: key k a double at key_off[k], dir[k] +1 when a
 * larger value is the more regularized model, -1 when a smaller one is.
 * Cells compare by regularization key by key (the first that differs). */
#define TUNE_PICK_MAX_KEYS 4
typedef struct {
    const void *cells;
    size_t stride, mean_off, se_off;
    int n_keys;
    size_t key_off[TUNE_PICK_MAX_KEYS];
    int dir[TUNE_PICK_MAX_KEYS];
} TunePickView;

/* The cell with the lowest mean (ties: the more regularized, then the
 * earlier cell) into *best, and the one-standard-error cell into *one_se:
 * among the cells whose mean <= best's mean + best's se (a se that is not
 * finite counts 0), the most regularized, and among equally regularized
 * ones the lowest mean (ties: the earlier cell). Cells whose mean is not
 * finite take no part; n >= 1 with one finite mean, else both are -1. */
void tune_pick_view(const TunePickView *v, int n, int *best, int *one_se);

/* tune_pick_view on a linear grid, whose one key is lambda (larger: more
 * regularized): ties for the best go to the larger lambda, and the one-SE
 * cell is the one of largest lambda within one se, as cv.glmnet's
 * lambda.1se at each alpha. */
void tune_pick(const TuneCell *cells, int n, int *best, int *one_se);

/* Told after each (alpha, fold) fit: done of total, from whichever thread
 * ran it (calls are serialized). A nonzero return cancels the grid. */
typedef int (*TuneProgress)(void *ctx, int done, int total);

/* A TuneProgress that writes "tune: done/total UNIT" on stderr, ctx the
 * unit ("cells"; NULL: "fits"): the grids' progress when stderr is a
 * terminal. */
int tune_progress_stderr(void *ctx, int done, int total);

/* One task of tune_run_tasks: 0, or nonzero with err. */
typedef int (*TuneTask)(void *ctx, int t, Err *err);

/* task(ctx, t) for every t in [0, n_tasks) on up to `threads` threads (the
 * caller's the first; <= 0: one), progress (may be NULL) told after each.
 * At the first failure (or cancel) no further task starts and *stop (may be
 * NULL) is set, for the running tasks to read. Returns 0, or -1 with the
 * first failure's err. */
int tune_run_tasks(int n_tasks, int threads, TuneTask task, void *ctx, TuneProgress progress,
                   void *pctx, atomic_int *stop, Err *err);

/* Cross-validates every alpha (n_alpha of them) along lambdas (n_lambda,
 * decreasing) with `folds` folds of train: cv[a] gets alpha a's PathCV
 * (path_cv_free each). threads <= 0: one. progress may be NULL. Returns 0,
 * or -1 with err (then cv[] holds nothing to free). */
int tune_cv_grid(const Dataset *train, Task task, int n_classes, const double *alphas, int n_alpha,
                 const double *lambdas, int n_lambda, int folds, uint64_t seed,
                 const PathOptions *opt, int threads, TuneProgress progress, void *ctx, PathCV *cv,
                 Err *err);

#endif
