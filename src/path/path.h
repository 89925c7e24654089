/* path: the regularization path of a linear model, glmnet-style.
 *
 * For linear regression (1/(2n) RSS), logistic regression (mean log-loss)
 * and softmax regression (mean cross-entropy) with SPEC §2's elastic net
 *     lambda * ( alpha * sum|w| + (1 - alpha)/2 * sum w^2 ),
 * unpenalized intercepts, this solves the problem exactly (to a tight
 * tolerance) at every lambda of a decreasing grid by cyclic coordinate
 * descent (Friedman, Hastie, Tibshirani 2010): the gaussian case directly,
 * logistic by proximal Newton (IRLS quadratic approximation, step halving
 * when the objective would rise), softmax by per-class partial Newton.
 * Warm starts along the path, strong-rule screening, an active set, and a
 * KKT check over every feature after convergence (violators re-added).
 *
 * The data are used as given (no internal standardization): weights are in
 * the space of the Dataset's columns. Outputs k: 1 for regression and
 * binary classification (sigmoid), n_classes for k >= 3 (softmax), the same
 * layout as a linear Model: W is k x d row-major, then b (k). */
#ifndef REGSCOPE_PATH_H
#define REGSCOPE_PATH_H

#include <stdint.h>

#include "data.h"
#include "err.h"
#include "penalty.h"

typedef struct {
    int n_lambda, k, d;
    double *lambda;    /* n_lambda, as given */
    double *W;         /* n_lambda x k x d: W of lambda i at W + i*k*d */
    double *b;         /* n_lambda x k */
    double *objective; /* n_lambda: data loss + penalty on the fitting data */
    double *data_loss; /* n_lambda */
    int *passes;       /* n_lambda: coordinate-descent sweeps spent */
} PathResult;

typedef struct {
    /* Convergence: at every lambda the KKT conditions hold to sqrt(tol *
     * scale): minus the data-loss gradient of each weight lies within that
     * distance of the penalty's subdifferential (lambda*alpha*sign(w) +
     * lambda*(1-alpha)*w, or [-lambda*alpha, lambda*alpha] at w = 0), and the
     * intercepts' gradient within it of 0. scale is the variance of y for
     * regression, 1 for classification. Never below rounding: 1e-13 of the
     * largest |gradient| at w = 0. Default 1e-12 (objectives to ~1e-12
     * relative). */
    double tol;
    int max_sweeps; /* per inner solve; default 100000 */
    /* Subproblems on at most this many active features are solved over
     * their Gram matrix (cost per coordinate O(active), not O(n)); larger
     * ones over the data. Default 1024; 0 always over the data. */
    int gram_max;
    /* The penalty's family (penalty.h; default enet) with its gamma (0: the
     * family's default) and, for group, the groups of the columns (NULL:
     * each its own). mcp and scad: coordinate descent as ncvreg's, each
     * coordinate minimized exactly (penalty_coord_min), warm-started along
     * the grid; the KKT conditions are those of a stationary point, with the
     * penalty's slope off 0. group: block coordinate descent (path_group.c),
     * one class's row at a time for softmax. */
    PenaltyKind penalty;
    double gamma;
    const PenaltyGroups *groups;
} PathOptions;

void path_options_default(PathOptions *o);

/* Outputs of the linear model for a task: 1, or n_classes when >= 3. */
int path_n_out(Task task, int n_classes);

/* max_j |d data_loss / d w_j| at w = 0 with the intercepts fitted, divided
 * by max(alpha, 1e-3): the smallest lambda where (alpha > 0) every weight
 * is 0. */
int path_lambda_max(const Dataset *train, Task task, int n_classes, double alpha, double *lmax,
                    Err *err);
/* n_lambda log-spaced values from lambda_max down to lambda_max*min_ratio
 * into lambdas. */
int path_lambda_grid(const Dataset *train, Task task, int n_classes, double alpha, int n_lambda,
                     double min_ratio, double *lambdas, Err *err);
/* The same for opt's penalty (NULL: enet): for group the smallest lambda
 * where every group is 0, max_g ||gradient_g|| / sqrt(p_g) / alpha. */
int path_lambda_max_opt(const Dataset *train, Task task, int n_classes, double alpha,
                        const PathOptions *opt, double *lmax, Err *err);
int path_lambda_grid_opt(const Dataset *train, Task task, int n_classes, double alpha, int n_lambda,
                         double min_ratio, const PathOptions *opt, double *lambdas, Err *err);

/* Solve at every lambda (a decreasing sequence is fastest: warm starts).
 * opt may be NULL (defaults). out is filled and owned by the caller
 * (path_result_free). Returns 0, or -1 with err. */
int path_fit(const Dataset *train, Task task, int n_classes, double alpha, const double *lambdas,
             int n_lambda, const PathOptions *opt, PathResult *out, Err *err);
void path_result_free(PathResult *r);

/* glmnet's relaxed lasso (path_relax.c) on a path pr fitted on train: at
 * each lambda the columns with a nonzero weight (in any output) refitted
 * without penalty (least squares, or maximum likelihood for logistic and
 * softmax; intercepts included; no columns: the intercept-only fit), then
 *     w_relaxed = gamma * w_lasso + (1 - gamma) * w_refit,
 * intercepts alike (gamma in [0, 1]: 0 the refit, 1 the lasso). out has
 * pr's layout; its data_loss is the relaxed fit's, its objective that plus
 * the penalty at the record's lambda (alpha and opt as pr was fitted with;
 * opt may be NULL). Returns 0, or -1 with err. */
int path_relax(const Dataset *train, Task task, int n_classes, double alpha, const PathOptions *opt,
               const PathResult *pr, double gamma, PathResult *out, Err *err);

/* Mean data loss of the linear model (W k x d, b k) on ds. */
double path_data_loss(const Dataset *ds, Task task, int n_classes, const double *W,
                      const double *b);
/* lambda * (alpha * sum|w| + (1-alpha)/2 * sum w^2) over nw weights. */
double path_penalty(const double *W, int nw, double lambda, double alpha);
/* The penalty of opt's family (NULL: enet) on W (k x d, row-major): groups
 * within each row. */
double path_penalty_opt(const double *W, int k, int d, double lambda, double alpha,
                        const PathOptions *opt);

/* ---- cross-validation (path_cv.c) ----------------------------------------
 * cv.glmnet's procedure: seeded folds (stratified by class for
 * classification), or the Dataset's own fold numbers (--foldid), the path
 * fitted on each K-1 folds on the given grid, the held-out mean data loss
 * per lambda; cv.glmnet's cvm and cvsd over the folds weighted by their row
 * counts n_f (N rows): mean = sum n_f m_f / N (every held-out row once),
 * se = sqrt(sum n_f (m_f - mean)^2 / N / (K - 1)) (with equal folds the
 * sample sd over sqrt(K)); i_min = argmin mean; i_1se = the largest lambda
 * (smallest index) whose mean <= mean[i_min] + se[i_min]. */
typedef struct {
    int n_lambda, folds;
    double *mean, *se; /* n_lambda */
    int i_min, i_1se;
} PathCV;

/* fold_of[i] in 0..folds-1 for each row of ds: a seeded shuffle dealt
 * round-robin, class by class for classification (so every fold gets each
 * class's count within one). With ds->fold (--foldid) the i-th smallest
 * fold number is fold i, and folds must be their count (else ERR_INPUT). */
int path_cv_folds(const Dataset *ds, int folds, uint64_t seed, int *fold_of, Err *err);
/* The number of distinct fold numbers in ds->fold; 0 without them. */
int path_cv_foldid_count(const Dataset *ds);
/* From held-out losses (folds x n_lambda, row f = fold f) and the folds'
 * weights (their row counts; NULL: equal): per-lambda mean and standard
 * error as above, the index of the minimum and of the largest lambda within
 * one standard error of it (cv.glmnet's lambda_1se). */
void path_cv_summarize(const double *loss, int folds, const double *weight, const double *lambdas,
                       int n_lambda, double *mean, double *se, int *i_min, int *i_1se);
int path_cv(const Dataset *train, Task task, int n_classes, double alpha, const double *lambdas,
            int n_lambda, int folds, uint64_t seed, const PathOptions *opt, PathCV *out, Err *err);
/* Told before each fold the folds done so far (0 .. folds-1), and once more
 * after the last (done = folds, return ignored); a nonzero return before a
 * fold stops path_cv_progress, which fails with "cancelled". */
typedef int (*PathCVProgress)(void *ctx, int done);
/* path_cv with a progress callback (NULL: none). */
int path_cv_progress(const Dataset *train, Task task, int n_classes, double alpha,
                     const double *lambdas, int n_lambda, int folds, uint64_t seed,
                     const PathOptions *opt, PathCVProgress progress, void *ctx, PathCV *out,
                     Err *err);
void path_cv_free(PathCV *cv);

#endif
