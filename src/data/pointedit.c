#include "pointedit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int problem_refresh_train(Problem *p, Err *err)
{
    Dataset t;
    if (dataset_copy(&t, &p->raw_train, err))
        return -1;
    if (features_apply(&p->features, &t, err)) {
        dataset_free(&t);
        return -1;
    }
    standardizer_apply(&p->std, t.X, t.n);
    dataset_free(&p->train);
    p->train = t;
    return 0;
}

int problem_add_train_point(Problem *p, const double *x, double y, Err *err)
{
    Dataset *r = &p->raw_train;
    size_t n = (size_t)r->n + 1, d = (size_t)r->d;
    double *X = realloc(r->X, sizeof(double) * (n * d + 1));
    if (!X)
        return err_set(err, ERR_INTERNAL, "out of memory");
    r->X = X;
    double *Y = realloc(r->y, sizeof(double) * (n + 1));
    if (!Y)
        return err_set(err, ERR_INTERNAL, "out of memory");
    r->y = Y;
    memcpy(r->X + (n - 1) * d, x, sizeof(double) * d);
    r->y[n - 1] = y;
    r->n++;
    if (problem_refresh_train(p, err)) {
        r->n--;
        return -1;
    }
    return 0;
}

int problem_remove_nearest_train(Problem *p, double x, double y, int *removed, Err *err)
{
    Dataset *r = &p->raw_train;
    if (r->d != 2)
        return err_set(err, ERR_INPUT, "points need 2-D data");
    if (r->n <= 1)
        return err_set(err, ERR_INPUT, "the last training point stays");
    int best = -1;
    double best_d = INFINITY;
    for (int i = 0; i < r->n; i++) {
        double dx = r->X[2 * (size_t)i] - x, dy = r->X[2 * (size_t)i + 1] - y;
        double dd = dx * dx + dy * dy;
        if (dd < best_d) {
            best_d = dd;
            best = i;
        }
    }
    double keep_x[2] = {r->X[2 * (size_t)best], r->X[2 * (size_t)best + 1]}, keep_y = r->y[best];
    memmove(r->X + 2 * (size_t)best, r->X + 2 * (size_t)best + 2,
            sizeof(double) * 2 * (size_t)(r->n - best - 1));
    memmove(r->y + best, r->y + best + 1, sizeof(double) * (size_t)(r->n - best - 1));
    r->n--;
    if (problem_refresh_train(p, err)) { /* put it back */
        memmove(r->X + 2 * (size_t)best + 2, r->X + 2 * (size_t)best,
                sizeof(double) * 2 * (size_t)(r->n - best));
        memmove(r->y + best + 1, r->y + best, sizeof(double) * (size_t)(r->n - best));
        r->X[2 * (size_t)best] = keep_x[0];
        r->X[2 * (size_t)best + 1] = keep_x[1];
        r->y[best] = keep_y;
        r->n++;
        return -1;
    }
    if (removed)
        *removed = best;
    return 0;
}

int points_apply_edits(Problem *p, Trainer *t, const PointEdit *e, int n, Err *err)
{
    if (n <= 0)
        return 0;
    if (p->d_raw != 2 || p->task != TASK_CLASSIFY)
        return err_set(err, ERR_INPUT, "points need 2-D classification data");
    int done = 0, rc = 0;
    for (int i = 0; i < n && rc == 0; i++) {
        if (e[i].remove) {
            rc = problem_remove_nearest_train(p, e[i].x, e[i].y, NULL, err);
        } else if (e[i].cls < 0 || e[i].cls >= p->n_classes) {
            rc = err_set(err, ERR_INPUT, "no class %d in this data set", e[i].cls);
        } else {
            double x[2] = {e[i].x, e[i].y};
            rc = problem_add_train_point(p, x, (double)e[i].cls, err);
        }
        if (rc == 0)
            done++;
    }
    Err terr = {0};
    if (done > 0 && trainer_data_changed(t, &terr)) {
        if (err)
            *err = terr;
        return -1;
    }
    return rc ? -1 : done;
}
