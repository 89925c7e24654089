/* path_cv: K-fold cross-validation along a lambda grid, as cv.glmnet. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "path.h"
#include "rng.h"

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* The distinct fold numbers of ds, sorted, into v (n entries); their count. */
static int distinct_folds(const Dataset *ds, int *v)
{
    memcpy(v, ds->fold, sizeof(int) * (size_t)ds->n);
    qsort(v, (size_t)ds->n, sizeof(int), cmp_int);
    int k = 0;
    for (int i = 0; i < ds->n; i++)
        if (i == 0 || v[i] != v[k - 1])
            v[k++] = v[i];
    return k;
}

int path_cv_foldid_count(const Dataset *ds)
{
    if (!ds->fold || ds->n < 1)
        return 0;
    int *v = malloc(sizeof(int) * (size_t)ds->n);
    if (!v)
        return 0;
    int k = distinct_folds(ds, v);
    free(v);
    return k;
}

/* fold_of from ds->fold: the i-th smallest fold number is fold i. */
static int given_folds(const Dataset *ds, int folds, int *fold_of, Err *err)
{
    int n = ds->n, *v = malloc(sizeof(int) * (size_t)n);
    if (!v)
        return err_set(err, ERR_INTERNAL, "out of memory");
    int k = distinct_folds(ds, v);
    if (k != folds) {
        free(v);
        return err_set(err, ERR_INPUT,
                       "--cv %d disagrees with --foldid, whose training rows hold %d distinct "
                       "fold numbers",
                       folds, k);
    }
    if (k < 2) {
        free(v);
        return err_set(err, ERR_INPUT,
                       "--foldid: the training rows hold %d fold number%s, "
                       "cross-validation needs 2 or more",
                       k, k == 1 ? "" : "s");
    }
    for (int i = 0; i < n; i++)
        fold_of[i] =
            (int)((const int *)bsearch(&ds->fold[i], v, (size_t)k, sizeof(int), cmp_int) - v);
    free(v);
    return 0;
}

int path_cv_folds(const Dataset *ds, int folds, uint64_t seed, int *fold_of, Err *err)
{
    int n = ds->n;
    if (ds->fold)
        return given_folds(ds, folds, fold_of, err);
    if (folds < 2 || folds > n)
        return err_set(err, ERR_INPUT, "--cv %d needs between 2 and %d folds (training rows)",
                       folds, n);
    int *idx = malloc(sizeof(int) * (size_t)n);
    if (!idx)
        return err_set(err, ERR_INTERNAL, "out of memory");
    Rng r;
    rng_seed(&r, seed ^ 0x9e3779b97f4a7c15ULL);
    int groups = ds->task == TASK_CLASSIFY && ds->n_classes > 0 ? ds->n_classes : 1;
    int next = 0; /* round-robin continues across classes: fold sizes differ by <= 1 */
    for (int g = 0; g < groups; g++) {
        int m = 0;
        for (int i = 0; i < n; i++)
            if (groups == 1 || (int)ds->y[i] == g)
                idx[m++] = i;
        rng_shuffle_int(&r, idx, m);
        for (int t = 0; t < m; t++) {
            fold_of[idx[t]] = next;
            next = (next + 1) % folds;
        }
    }
    free(idx);
    return 0;
}

void path_cv_free(PathCV *cv)
{
    free(cv->mean), free(cv->se);
    memset(cv, 0, sizeof *cv);
}

void path_cv_summarize(const double *loss, int folds, const double *weight, const double *lambdas,
                       int n_lambda, double *mean, double *se, int *i_min, int *i_1se)
{
    double wsum = 0;
    for (int f = 0; f < folds; f++)
        wsum += weight ? weight[f] : 1.0;
    *i_min = 0;
    for (int l = 0; l < n_lambda; l++) {
        double m = 0, q = 0;
        for (int f = 0; f < folds; f++)
            m += (weight ? weight[f] : 1.0) * loss[(size_t)f * n_lambda + l];
        m /= wsum;
        for (int f = 0; f < folds; f++) {
            double e = loss[(size_t)f * n_lambda + l] - m;
            q += (weight ? weight[f] : 1.0) * e * e;
        }
        mean[l] = m;
        se[l] = sqrt(q / wsum / (folds - 1));
        if (m < mean[*i_min])
            *i_min = l;
    }
    /* the largest lambda within one standard error of the minimum */
    double bar = mean[*i_min] + se[*i_min];
    *i_1se = *i_min;
    for (int l = 0; l < n_lambda; l++)
        if (mean[l] <= bar && lambdas[l] > lambdas[*i_1se])
            *i_1se = l;
}

int path_cv(const Dataset *train, Task task, int n_classes, double alpha, const double *lambdas,
            int n_lambda, int folds, uint64_t seed, const PathOptions *opt, PathCV *out, Err *err)
{
    return path_cv_progress(train, task, n_classes, alpha, lambdas, n_lambda, folds, seed, opt,
                            NULL, NULL, out, err);
}

int path_cv_progress(const Dataset *train, Task task, int n_classes, double alpha,
                     const double *lambdas, int n_lambda, int folds, uint64_t seed,
                     const PathOptions *opt, PathCVProgress progress, void *ctx, PathCV *out,
                     Err *err)
{
    memset(out, 0, sizeof *out);
    int n = train->n, rc = -1;
    int *fold_of = malloc(sizeof(int) * (size_t)n), *in_idx = malloc(sizeof(int) * (size_t)n);
    int *out_idx = malloc(sizeof(int) * (size_t)n);
    double *loss = malloc(sizeof(double) * (size_t)folds * n_lambda);
    double *size = calloc((size_t)folds + 1, sizeof(double));
    out->mean = malloc(sizeof(double) * n_lambda);
    out->se = malloc(sizeof(double) * n_lambda);
    if (!fold_of || !in_idx || !out_idx || !loss || !size || !out->mean || !out->se) {
        err_set(err, ERR_INTERNAL, "out of memory");
        goto done;
    }
    out->n_lambda = n_lambda, out->folds = folds;
    if (path_cv_folds(train, folds, seed, fold_of, err))
        goto done;
    for (int f = 0; f < folds; f++) {
        if (progress && progress(ctx, f)) {
            err_set(err, ERR_INTERNAL, "cancelled");
            goto done;
        }
        int mi = 0, mo = 0;
        for (int i = 0; i < n; i++) {
            if (fold_of[i] == f)
                out_idx[mo++] = i;
            else
                in_idx[mi++] = i;
        }
        size[f] = mo;
        Dataset tr = {0}, te = {0};
        PathResult pr;
        if (dataset_take_rows(&tr, train, in_idx, mi, err) ||
            dataset_take_rows(&te, train, out_idx, mo, err)) {
            dataset_free(&tr);
            dataset_free(&te);
            goto done;
        }
        int bad = path_fit(&tr, task, n_classes, alpha, lambdas, n_lambda, opt, &pr, err);
        if (!bad)
            for (int l = 0; l < n_lambda; l++)
                loss[(size_t)f * n_lambda + l] = path_data_loss(
                    &te, task, n_classes, pr.W + (size_t)l * pr.k * pr.d, pr.b + (size_t)l * pr.k);
        path_result_free(&pr);
        dataset_free(&tr);
        dataset_free(&te);
        if (bad)
            goto done;
    }
    if (progress)
        progress(ctx, folds);
    path_cv_summarize(loss, folds, size, lambdas, n_lambda, out->mean, out->se, &out->i_min,
                      &out->i_1se);
    rc = 0;
done:
    free(fold_of), free(in_idx), free(out_idx), free(loss), free(size);
    if (rc)
        path_cv_free(out);
    return rc;
}
