#include "problem.h"

#include "impute.h"

#include <stdlib.h>
#include <string.h>

int problem_build(Problem *p, const Dataset *raw, const char *features, double val_ratio,
                  int standardize, uint64_t seed, Err *err)
{
    memset(p, 0, sizeof *p);
    if (features_parse(features, &p->features, err))
        return -1;
    if (features_bind(&p->features, raw->d, raw->name, err))
        return -1;
    if (val_ratio < 0 || val_ratio >= 1)
        return err_set(err, ERR_INPUT, "--val-ratio must be in [0, 1) (got %g)", val_ratio);
    if (data_split(raw, val_ratio, seed, &p->raw_train, &p->raw_val, err))
        return -1;
    data_fill_missing(&p->raw_train, &p->raw_val);
    if (dataset_copy(&p->train, &p->raw_train, err) || dataset_copy(&p->val, &p->raw_val, err) ||
        features_apply(&p->features, &p->train, err) || features_apply(&p->features, &p->val, err))
        goto fail;
    if ((standardize ? standardizer_fit(&p->std, &p->train, err)
                     : standardizer_identity(&p->std, p->train.d, err)))
        goto fail;
    standardizer_apply(&p->std, p->train.X, p->train.n);
    standardizer_apply(&p->std, p->val.X, p->val.n);
    p->task = raw->task;
    p->n_classes = raw->task == TASK_CLASSIFY ? raw->n_classes : 0;
    p->d_raw = raw->d;
    p->d = p->train.d;
    return 0;
fail:
    problem_free(p);
    return -1;
}

void problem_free(Problem *p)
{
    dataset_free(&p->raw_train);
    dataset_free(&p->raw_val);
    dataset_free(&p->train);
    dataset_free(&p->val);
    standardizer_free(&p->std);
    free(p->group_start);
    free(p->group_cols);
    memset(p, 0, sizeof *p);
}

void problem_transform(const Problem *p, const double *raw, int n, double *out)
{
    if (p->features.n)
        features_expand(&p->features, raw, n, out);
    else
        memcpy(out, raw, sizeof(double) * (size_t)n * (size_t)p->d);
    standardizer_apply(&p->std, out, n);
}

void grid_points(double x0, double x1, double y0, double y1, int gw, int gh, double *raw)
{
    for (int row = 0; row < gh; row++)
        for (int col = 0; col < gw; col++) {
            size_t i = (size_t)row * gw + col;
            raw[2 * i] = x0 + (x1 - x0) * (col + 0.5) / gw;
            raw[2 * i + 1] = y0 + (y1 - y0) * (row + 0.5) / gh;
        }
}

void grid_classes(const double *out, size_t cells, int k, Task task, double *value, int *cls)
{
    for (size_t i = 0; i < cells; i++) {
        const double *o = out + i * (size_t)k;
        if (task == TASK_REGRESS || k == 1) {
            value[i] = o[0];
            cls[i] = task == TASK_CLASSIFY ? o[0] >= 0.5 : 0;
        } else {
            int best = 0;
            for (int j = 1; j < k; j++)
                best = o[j] > o[best] ? j : best;
            cls[i] = best;
            value[i] = o[best];
        }
    }
}
