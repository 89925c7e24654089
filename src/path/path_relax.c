/* path_relax: glmnet's relaxed lasso along a fitted path (see path.h).
 *
 * At each lambda the active set A is the columns with a nonzero weight in
 * any output of the penalized fit. The model is refitted on those columns
 * alone with no penalty (intercepts as always): least squares for
 * regression, maximum likelihood for logistic and softmax regression, both
 * by path_fit at lambda = 0 on the columns of A (Newton steps solved by
 * coordinate descent, to a KKT residual near rounding). An empty A gives
 * the intercept-only fit. The relaxed weights are then the blend
 *     w_relaxed = gamma * w_lasso + (1 - gamma) * w_refit
 * (glmnet's relax = TRUE with its gamma: 1 is the lasso, 0 the refit),
 * weights and intercepts alike. Consecutive lambdas with the same active
 * set share one refit. */
#include "path.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The columns nonzero in any row of W (k x d) into cols; their count. */
static int active_columns(const double *W, int k, int d, int *cols)
{
    int m = 0;
    for (int j = 0; j < d; j++) {
        int on = 0;
        for (int c = 0; c < k && !on; c++)
            on = W[(size_t)c * d + j] != 0;
        if (on)
            cols[m++] = j;
    }
    return m;
}

/* The intercepts of the model without inputs (b, k of them): the mean for
 * regression, the log-odds of class 1, the centred log class shares. */
static void intercept_only(const Dataset *ds, Task task, int k, double *b)
{
    int n = ds->n;
    if (task == TASK_REGRESS) {
        double m = 0;
        for (int i = 0; i < n; i++)
            m += ds->y[i];
        b[0] = m / n;
        return;
    }
    int kc = k == 1 ? 2 : k;
    double *cnt = calloc((size_t)kc, sizeof(double)), mean = 0;
    if (!cnt) {
        memset(b, 0, sizeof(double) * k);
        return;
    }
    for (int i = 0; i < n; i++) {
        int c = (int)ds->y[i];
        if (c >= 0 && c < kc)
            cnt[c] += 1;
    }
    if (k == 1) {
        double p = fmin(fmax(cnt[1] / n, 1e-10), 1 - 1e-10);
        b[0] = log(p / (1 - p));
    } else {
        for (int c = 0; c < k; c++)
            mean += (b[c] = log(fmax(cnt[c] / n, 1e-10))) / k;
        for (int c = 0; c < k; c++)
            b[c] -= mean;
    }
    free(cnt);
}

/* The unpenalized fit on columns cols (m > 0) of ds into W (k x d, zero off
 * cols) and b (k). */
static int refit(const Dataset *ds, Task task, int n_classes, const int *cols, int m, int k,
                 double *W, double *b, Err *err)
{
    Dataset sub = {0};
    if (dataset_alloc(&sub, ds->n, m, err))
        return -1;
    sub.task = ds->task, sub.n_classes = ds->n_classes;
    for (int i = 0; i < ds->n; i++) {
        for (int t = 0; t < m; t++)
            sub.X[(size_t)i * m + t] = ds->X[(size_t)i * ds->d + cols[t]];
        sub.y[i] = ds->y[i];
    }
    PathOptions o;
    path_options_default(&o);
    o.tol = 1e-24; /* the KKT residual down to rounding */
    double zero = 0;
    PathResult r = {0};
    int rc = path_fit(&sub, task, n_classes, 1.0, &zero, 1, &o, &r, err);
    if (rc == 0) {
        memset(W, 0, sizeof(double) * k * ds->d);
        for (int c = 0; c < k; c++) {
            for (int t = 0; t < m; t++)
                W[(size_t)c * ds->d + cols[t]] = r.W[(size_t)c * m + t];
            b[c] = r.b[c];
        }
    }
    path_result_free(&r);
    dataset_free(&sub);
    return rc;
}

static int alloc_like(const PathResult *pr, PathResult *out)
{
    int L = pr->n_lambda, kd = pr->k * pr->d;
    out->n_lambda = L, out->k = pr->k, out->d = pr->d;
    out->lambda = malloc(sizeof(double) * L);
    out->W = malloc(sizeof(double) * ((size_t)L * kd + 1));
    out->b = malloc(sizeof(double) * L * pr->k);
    out->objective = malloc(sizeof(double) * L);
    out->data_loss = malloc(sizeof(double) * L);
    out->passes = calloc((size_t)L, sizeof(int));
    return out->lambda && out->W && out->b && out->objective && out->data_loss && out->passes ? 0
                                                                                              : -1;
}

int path_relax(const Dataset *train, Task task, int n_classes, double alpha, const PathOptions *opt,
               const PathResult *pr, double gamma, PathResult *out, Err *err)
{
    memset(out, 0, sizeof *out);
    if (!(gamma >= 0 && gamma <= 1))
        return err_set(err, ERR_INPUT, "relax: gamma must be in [0, 1]");
    int L = pr->n_lambda, k = pr->k, d = pr->d, kd = k * d;
    int *cols = malloc(sizeof(int) * (d + 1)), *prev = malloc(sizeof(int) * (d + 1));
    double *W = malloc(sizeof(double) * (kd + 1)), *b = malloc(sizeof(double) * k);
    int rc = !cols || !prev || !W || !b || alloc_like(pr, out) ? -1 : 0, m_prev = -1;
    if (rc)
        err_set(err, ERR_INTERNAL, "out of memory");
    for (int l = 0; l < L && rc == 0; l++) {
        const double *Wl = pr->W + (size_t)l * kd, *bl = pr->b + (size_t)l * k;
        int m = active_columns(Wl, k, d, cols);
        int same = m == m_prev && memcmp(cols, prev, sizeof(int) * m) == 0;
        if (!same && m == 0) {
            memset(W, 0, sizeof(double) * kd);
            intercept_only(train, task, k, b);
        } else if (!same && refit(train, task, n_classes, cols, m, k, W, b, err)) {
            rc = -1;
            break;
        }
        memcpy(prev, cols, sizeof(int) * m), m_prev = m;
        double *Wo = out->W + (size_t)l * kd, *bo = out->b + (size_t)l * k;
        for (int i = 0; i < kd; i++)
            Wo[i] = gamma * Wl[i] + (1 - gamma) * W[i];
        for (int c = 0; c < k; c++)
            bo[c] = gamma * bl[c] + (1 - gamma) * b[c];
        out->lambda[l] = pr->lambda[l];
        out->data_loss[l] = path_data_loss(train, task, n_classes, Wo, bo);
        out->objective[l] =
            out->data_loss[l] + path_penalty_opt(Wo, k, d, pr->lambda[l], alpha, opt);
    }
    free(cols), free(prev), free(W), free(b);
    if (rc)
        path_result_free(out);
    return rc;
}
