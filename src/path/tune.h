/* tune: the cross-validated grid of a linear model, alpha x lambda, as
 * glmnetUtils' cva.glmnet: one lambda grid shared by every alpha, the same
 * folds at every alpha (seeded, or the Dataset's own --foldid numbers), and
 * at each alpha cv.glmnet's held-out mean and standard error per lambda
 * (path_cv_summarize). The fits of every (alpha, fold) pair run on up to
 * `threads` threads; results do not depend on the thread count. */
#ifndef REGSCOPE_TUNE_H
#define REGSCOPE_TUNE_H

#include <stdint.h>

#include "path.h"

/* One cell of a grid: its knobs and its cross-validated loss. */
typedef struct {
    double alpha, lambda;
    double mean, se; /* cv_mean, cv_se */
} TuneCell;

/* The cell with the lowest mean (ties: the larger lambda, then the earlier
 * cell) into *best, and the one-standard-error cell into *one_se: among the
 * cells whose mean <= best's mean + best's se, the one with the largest
 * lambda, and among those at that lambda the lowest mean (ties: the earlier
 * cell). Cells whose mean is not finite take no part; n >= 1 with one finite
 * mean, else both are -1. */
void tune_pick(const TuneCell *cells, int n, int *best, int *one_se);

/* Told after each (alpha, fold) fit: done of total, from whichever thread
 * ran it (calls are serialized). A nonzero return cancels the grid. */
typedef int (*TuneProgress)(void *ctx, int done, int total);

/* Cross-validates every alpha (n_alpha of them) along lambdas (n_lambda,
 * decreasing) with `folds` folds of train: cv[a] gets alpha a's PathCV
 * (path_cv_free each). threads <= 0: one. progress may be NULL. Returns 0,
 * or -1 with err (then cv[] holds nothing to free). */
int tune_cv_grid(const Dataset *train, Task task, int n_classes, const double *alphas, int n_alpha,
                 const double *lambdas, int n_lambda, int folds, uint64_t seed,
                 const PathOptions *opt, int threads, TuneProgress progress, void *ctx, PathCV *cv,
                 Err *err);

#endif
