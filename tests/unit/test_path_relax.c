/* Unit tests of path_relax (glmnet's relaxed lasso along a path):
 * - gaussian, alpha 1 and 0.5, gamma 0, 0.5 and 1: at every lambda of a
 *   30-value path the relaxed weights and intercept equal gamma times the
 *   lasso's plus (1 - gamma) times the least-squares refit on that lambda's
 *   active set, the refit computed here by the normal equations of the
 *   centred data solved by a Cholesky factorization of our own, to 1e-8;
 *   at lambda_max (no active column) the fit is the mean of y;
 * - logistic, gamma 0: the refit is the unpenalized maximum-likelihood fit
 *   on the active columns: the mean log-loss's gradient in the active
 *   weights and the intercept, computed here, is 0 to 1e-8, and the
 *   inactive weights are exactly 0;
 * - gamma outside [0, 1] is refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "path.h"
#include "rng.h"
#include "test_assert.h"

#define NL 30
#define N 200
#define D 8

/* N x D correlated inputs; y from the first 4 (k 0: regression, k 2: 0/1). */
static void make_data(Dataset *ds, int k, uint64_t seed)
{
    Err err = {0};
    assert_int_equal(dataset_alloc(ds, N, D, &err), 0);
    ds->task = k ? TASK_CLASSIFY : TASK_REGRESS;
    ds->n_classes = k;
    Rng r;
    rng_seed(&r, seed);
    const double beta[4] = {2.0, -1.5, 1.0, 0.3};
    for (int i = 0; i < N; i++) {
        double *x = ds->X + (size_t)i * D, f = rng_normal(&r), z = 0.7;
        for (int j = 0; j < D; j++)
            x[j] = 0.5 * f + rng_normal(&r) + 0.1 * j;
        for (int j = 0; j < 4; j++)
            z += beta[j] * x[j];
        if (k == 0)
            ds->y[i] = z + 0.8 * rng_normal(&r);
        else
            ds->y[i] = rng_uniform(&r) < 1.0 / (1.0 + exp(-z)) ? 1.0 : 0.0;
    }
}

/* Least squares with an intercept on columns cols (m of them): the centred
 * normal equations (Xc'Xc) w = Xc'yc by Cholesky, b = mean y - mean x . w. */
static void ls_refit(const Dataset *ds, const int *cols, int m, double *w, double *b)
{
    double xm[D] = {0}, ym = 0, A[D][D] = {{0}}, r[D] = {0};
    for (int i = 0; i < N; i++) {
        ym += ds->y[i] / N;
        for (int t = 0; t < m; t++)
            xm[t] += ds->X[(size_t)i * D + cols[t]] / N;
    }
    for (int i = 0; i < N; i++) {
        double xc[D], yc = ds->y[i] - ym;
        for (int t = 0; t < m; t++)
            xc[t] = ds->X[(size_t)i * D + cols[t]] - xm[t];
        for (int s = 0; s < m; s++) {
            r[s] += xc[s] * yc;
            for (int t = 0; t < m; t++)
                A[s][t] += xc[s] * xc[t];
        }
    }
    double Lf[D][D] = {{0}}, z[D];
    for (int s = 0; s < m; s++) { /* A = L L' */
        for (int t = 0; t <= s; t++) {
            double v = A[s][t];
            for (int u = 0; u < t; u++)
                v -= Lf[s][u] * Lf[t][u];
            Lf[s][t] = s == t ? sqrt(v) : v / Lf[t][t];
        }
    }
    for (int s = 0; s < m; s++) { /* L z = r */
        double v = r[s];
        for (int u = 0; u < s; u++)
            v -= Lf[s][u] * z[u];
        z[s] = v / Lf[s][s];
    }
    for (int s = m - 1; s >= 0; s--) { /* L' w = z */
        double v = z[s];
        for (int u = s + 1; u < m; u++)
            v -= Lf[u][s] * w[u];
        w[s] = v / Lf[s][s];
    }
    *b = ym;
    for (int t = 0; t < m; t++)
        *b -= xm[t] * w[t];
}

static void fit_path(const Dataset *ds, int k, double alpha, double *lam, PathResult *pr)
{
    Err err = {0};
    Task task = k ? TASK_CLASSIFY : TASK_REGRESS;
    assert_int_equal(path_lambda_grid(ds, task, k, alpha, NL, 1e-3, lam, &err), 0);
    assert_int_equal(path_fit(ds, task, k, alpha, lam, NL, NULL, pr, &err), 0);
}

static void check_gaussian(double alpha)
{
    Dataset ds = {0};
    make_data(&ds, 0, 11);
    double lam[NL];
    PathResult pr = {0};
    fit_path(&ds, 0, alpha, lam, &pr);
    const double gammas[3] = {0, 0.5, 1};
    int sizes_seen = 0;
    for (int g = 0; g < 3; g++) {
        PathResult rr = {0};
        Err err = {0};
        assert_int_equal(path_relax(&ds, TASK_REGRESS, 0, alpha, NULL, &pr, gammas[g], &rr, &err),
                         0);
        assert_int_equal(rr.n_lambda, NL);
        for (int l = 0; l < NL; l++) {
            const double *wl = pr.W + (size_t)l * D, *wr = rr.W + (size_t)l * D;
            int cols[D], m = 0;
            for (int j = 0; j < D; j++)
                if (wl[j] != 0)
                    cols[m++] = j;
            if (l == 0)
                assert_int_equal(m, 0);
            sizes_seen |= 1 << m;
            double w[D] = {0}, b, want[D] = {0};
            ls_refit(&ds, cols, m, w, &b);
            for (int t = 0; t < m; t++)
                want[cols[t]] = w[t];
            for (int j = 0; j < D; j++)
                assert_near(wr[j], gammas[g] * wl[j] + (1 - gammas[g]) * want[j], 1e-8);
            assert_near(rr.b[l], gammas[g] * pr.b[l] + (1 - gammas[g]) * b, 1e-8);
            assert_near(rr.data_loss[l], path_data_loss(&ds, TASK_REGRESS, 0, wr, rr.b + l), 1e-12);
        }
        path_result_free(&rr);
    }
    /* the path went through empty, partial and (the lasso) full active sets */
    assert_true(sizes_seen & 1);
    assert_true(sizes_seen & 0x1e);
    if (alpha == 1.0)
        assert_true(sizes_seen & (1 << D));
    path_result_free(&pr);
    dataset_free(&ds);
}

static void test_gaussian_lasso(void **state)
{
    (void)state;
    check_gaussian(1.0);
}

static void test_gaussian_enet(void **state)
{
    (void)state;
    check_gaussian(0.5);
}

static void test_logistic_stationary(void **state)
{
    (void)state;
    Dataset ds = {0};
    make_data(&ds, 2, 5);
    double lam[NL];
    PathResult pr = {0}, rr = {0};
    Err err = {0};
    fit_path(&ds, 2, 1.0, lam, &pr);
    assert_int_equal(path_relax(&ds, TASK_CLASSIFY, 2, 1.0, NULL, &pr, 0.0, &rr, &err), 0);
    for (int l = 0; l < NL; l++) {
        const double *wl = pr.W + (size_t)l * D, *wr = rr.W + (size_t)l * D;
        double grad[D] = {0}, gb = 0;
        for (int i = 0; i < N; i++) {
            double z = rr.b[l];
            for (int j = 0; j < D; j++)
                z += wr[j] * ds.X[(size_t)i * D + j];
            double e = (1.0 / (1.0 + exp(-z)) - ds.y[i]) / N;
            gb += e;
            for (int j = 0; j < D; j++)
                grad[j] += e * ds.X[(size_t)i * D + j];
        }
        assert_near(gb, 0, 1e-8);
        for (int j = 0; j < D; j++) {
            if (wl[j] != 0)
                assert_near(grad[j], 0, 1e-8);
            else
                assert_true(wr[j] == 0);
        }
    }
    path_result_free(&rr);
    path_result_free(&pr);
    dataset_free(&ds);
}

static void test_gamma_range(void **state)
{
    (void)state;
    Dataset ds = {0};
    make_data(&ds, 0, 3);
    double lam[NL];
    PathResult pr = {0}, rr = {0};
    Err err = {0};
    fit_path(&ds, 0, 1.0, lam, &pr);
    assert_int_equal(path_relax(&ds, TASK_REGRESS, 0, 1.0, NULL, &pr, 1.5, &rr, &err), -1);
    assert_non_null(strstr(err.msg, "gamma"));
    assert_int_equal(path_relax(&ds, TASK_REGRESS, 0, 1.0, NULL, &pr, -0.1, &rr, &err), -1);
    path_result_free(&pr);
    dataset_free(&ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gaussian_lasso),
        cmocka_unit_test(test_gaussian_enet),
        cmocka_unit_test(test_logistic_stationary),
        cmocka_unit_test(test_gamma_range),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
