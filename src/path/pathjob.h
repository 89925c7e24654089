/* pathjob: the regularization path of a linear model computed in a thread
 * of its own (the TUI's `p` view), with progress to poll. No ncurses.
 *
 * From a copy of a Config the job builds the Problem (config_build_problem,
 * so the data, split and standardization are the headless --path ones),
 * makes the lambda grid (cfg.path_len values from lambda_max down to
 * lambda_max * cfg.path_min_ratio, at cfg.hyper.alpha), fits the path with
 * path_fit (warm starts along the grid), with cfg.relax the relaxed lasso
 * along it (path_relax), measures the validation data loss
 * at every lambda, then runs K-fold cross-validation (K = cfg.cv_folds, or
 * 5 when that is 0) fold by fold, as path_cv does, when the training split
 * has at least 3 rows per fold. Steps: the path, then one per fold;
 * progress is steps done / steps, and a cancel flag is checked between
 * steps, so pathjob_free returns after at most one fit.
 *
 * Threading: the job's thread writes the result and the Problem, then sets
 * `done` (release); pathjob_done reads it (acquire). Once done, both are
 * read-only and may be read by any thread without a lock. */
#ifndef REGSCOPE_PATHJOB_H
#define REGSCOPE_PATHJOB_H

#include "config.h"
#include "problem.h"

#define PATHJOB_DEFAULT_FOLDS 5

typedef struct {
    int n_lambda, k, d;
    Task task;
    int n_classes;
    double alpha;
    double *lambda;     /* n_lambda, decreasing */
    double *W;          /* n_lambda x k x d: W of lambda i at W + i*k*d (out x in) */
    double *b;          /* n_lambda x k */
    double *train_loss; /* n_lambda: the objective (data loss + penalty) on the training split */
    double *data_loss;  /* n_lambda: data loss on the training split */
    int has_val;
    double *val_loss; /* n_lambda: data loss on the validation split (NaN without one) */
    int *nonzero;     /* n_lambda: weights != 0 */
    int has_cv, folds;
    double *cv_mean, *cv_se; /* n_lambda (NULL without cv) */
    int i_min, i_1se;        /* cv.glmnet's lambda_min and lambda_1se indices (-1 without cv) */
    /* cfg.relax: the relaxed lasso at every lambda (path_relax, blended by
     * relax_gamma), in W's and b's layout; NULL without it */
    int has_relax;
    double relax_gamma;
    double *rW, *rb;
    double *r_train_loss; /* n_lambda: its data loss on the training split (its
                           * objective counts a penalty it was not fitted under) */
    double *r_val_loss;   /* n_lambda: its validation data loss (NaN without a split) */
} PathJobResult;

typedef struct PathJob PathJob;

/* Starts the job; c is copied. Only linear models (c->n_hidden == 0).
 * NULL with err when the thread cannot start (or the model is not linear);
 * data errors come later, through pathjob_error. */
PathJob *pathjob_start(const Config *c, Err *err);
/* Fraction of the work done, 0..1 (1 once done, also on failure). */
double pathjob_progress(PathJob *j);
/* 1 once the thread has finished (success, failure or cancel). */
int pathjob_done(PathJob *j);
/* The result once done and successful, else NULL. */
const PathJobResult *pathjob_result(PathJob *j);
/* The problem the path was fitted on, once done and successful, else NULL
 * (problem_transform maps raw inputs for predictions). */
const Problem *pathjob_problem(PathJob *j);
/* The error message once done and failed, else NULL. */
const char *pathjob_error(PathJob *j);
/* The settings the job was started with. */
const Config *pathjob_config(PathJob *j);
/* Cancels (checked between steps), joins and frees. NULL is fine. */
void pathjob_free(PathJob *j);

/* Outputs of the path's model at lambda index i for n rows of feat
 * (n x d, already transformed): p(class 1) for binary classification,
 * k class probabilities per row for softmax, the value for regression.
 * out has n x k entries. */
void pathjob_predict(const PathJobResult *r, int i, const double *feat, int n, double *out);

/* Settings that change the path (data, features, split, model, alpha,
 * grid, folds, seed) differ between a and b; lambda, lr, keep... do not. */
int pathjob_config_differs(const Config *a, const Config *b);

#endif
