/* Unit tests of path (the glmnet-style solver) and path_cv:
 * - at lambda_max every weight is exactly 0, at the next lambda one is not;
 * - the KKT conditions of SPEC §2's objective hold to sqrt(tol * scale), as
 *   path.h promises, at every lambda of a 30-value path, for gaussian,
 *   logistic and multinomial, alpha 1, 0.5, 0, with the subproblems solved
 *   over the Gram matrix and over the data, with the data-loss gradient
 *   computed here, independently, from the returned weights (and the
 *   intercepts' gradient is 0 to the same bound);
 * - a tolerance below rounding ends at the rounding floor, not in a loop;
 * - the path's objective at a few lambdas matches a long full-batch prox-SGD
 *   run of the regscope trainer to 1e-6 relative (and is never above it);
 * - cross-validation: stratified, seeded folds; lambda_1se >= lambda_min. */
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
#include "problem.h"
#include "rng.h"
#include "trainer.h"

#define NL 30

/* n x d correlated normal inputs (a shared factor); targets from a sparse
 * model on the first 3 inputs: regression (k 0), logistic (k 2) or softmax. */
static void make_data(Dataset *ds, int n, int d, int k, uint64_t seed)
{
    Err err = {0};
    assert_int_equal(dataset_alloc(ds, n, d, &err), 0);
    ds->task = k ? TASK_CLASSIFY : TASK_REGRESS;
    ds->n_classes = k;
    Rng r;
    rng_seed(&r, seed);
    const double beta[3][3] = {{2.0, -1.5, 1.0}, {-1.0, 2.0, 0.5}, {0.5, 0.5, -2.0}};
    for (int i = 0; i < n; i++) {
        double *x = ds->X + (size_t)i * d, f = rng_normal(&r);
        for (int j = 0; j < d; j++)
            x[j] = 0.4 * f + rng_normal(&r);
        double z[3] = {0, 0, 0};
        int scored = k < 2 ? 1 : k == 2 ? 1 : 3;
        for (int c = 0; c < scored; c++) {
            z[c] = 0.3 * (c + 1);
            for (int j = 0; j < 3 && j < d; j++)
                z[c] += beta[c][j] * x[j];
        }
        if (k == 0) {
            ds->y[i] = z[0] + 0.5 * rng_normal(&r);
        } else if (k == 2) {
            ds->y[i] = rng_uniform(&r) < 1.0 / (1.0 + exp(-z[0])) ? 1.0 : 0.0;
        } else {
            double s = 0, p[3];
            for (int c = 0; c < 3; c++)
                s += (p[c] = exp(z[c]));
            double u = rng_uniform(&r) * s;
            int c = 0;
            while (c < 2 && u >= p[c])
                u -= p[c++];
            ds->y[i] = c;
        }
    }
}

static void build_problem(Problem *p, int n, int d, int k, uint64_t seed)
{
    Dataset raw = {0};
    Err err = {0};
    make_data(&raw, n, d, k, seed);
    if (problem_build(p, &raw, NULL, 0.0, 1, seed, &err))
        fail_msg("problem_build: %s", err.msg);
    dataset_free(&raw);
}

/* tol 0: the default; gram_max < 0: the default. */
static void fit(const Problem *p, double alpha, double tol, int gram_max, double *lam,
                PathResult *r)
{
    Err err = {0};
    PathOptions o;
    path_options_default(&o);
    if (tol > 0)
        o.tol = tol;
    if (gram_max >= 0)
        o.gram_max = gram_max;
    if (path_lambda_grid(&p->train, p->task, p->n_classes, alpha, NL, 1e-3, lam, &err) ||
        path_fit(&p->train, p->task, p->n_classes, alpha, lam, NL, &o, r, &err))
        fail_msg("path: %s", err.msg);
}

/* The data-loss gradient, computed naively from W (k x d) and b: G (k x d)
 * and the intercepts' gb (k). */
static void gradient(const Dataset *ds, int k, const double *W, const double *b, double *G,
                     double *gb)
{
    int n = ds->n, d = ds->d;
    memset(G, 0, sizeof(double) * k * d);
    memset(gb, 0, sizeof(double) * k);
    for (int i = 0; i < n; i++) {
        const double *x = ds->X + (size_t)i * d;
        double z[3], e[3], s = 0;
        for (int c = 0; c < k; c++) {
            z[c] = b[c];
            for (int j = 0; j < d; j++)
                z[c] += W[c * d + j] * x[j];
        }
        for (int c = 0; c < k; c++) {
            if (ds->task == TASK_REGRESS)
                e[c] = z[c] - ds->y[i];
            else if (k == 1)
                e[c] = 1.0 / (1.0 + exp(-z[c])) - ds->y[i];
            else
                s += exp(z[c]);
        }
        if (k > 1)
            for (int c = 0; c < k; c++)
                e[c] = exp(z[c]) / s - (ds->y[i] == c);
        for (int c = 0; c < k; c++) {
            gb[c] += e[c] / n;
            for (int j = 0; j < d; j++)
                G[c * d + j] += e[c] * x[j] / n;
        }
    }
}

/* Fits a path with tol and fails where a KKT condition of SPEC §2's
 * objective (the gradient computed here) is violated by more than bound. */
static void check_path_kkt(const Problem *p, double alpha, double tol, int gram_max, double bound)
{
    double lam[NL];
    PathResult r;
    fit(p, alpha, tol, gram_max, lam, &r);
    int k = r.k, d = r.d, k_data = p->task == TASK_REGRESS ? 0 : p->n_classes;
    double G[3 * 8], gb[3];
    for (int l = 0; l < NL; l++) {
        const double *W = r.W + (size_t)l * k * d, *b = r.b + (size_t)l * k;
        gradient(&p->train, k, W, b, G, gb);
        for (int c = 0; c < k; c++) {
            if (fabs(gb[c]) > bound)
                fail_msg("k %d alpha %g lambda[%d]: intercept gradient %g", k_data, alpha, l,
                         gb[c]);
            for (int j = 0; j < d; j++) {
                double w = W[c * d + j], g = G[c * d + j], v;
                if (w == 0)
                    v = fabs(g) - lam[l] * alpha;
                else
                    v = fabs(g + lam[l] * alpha * (w > 0 ? 1 : -1) + lam[l] * (1 - alpha) * w);
                if (v > bound)
                    fail_msg("k %d alpha %g lambda[%d] = %g: w[%d][%d] = %g violates KKT by %g",
                             k_data, alpha, l, lam[l], c, j, w, v);
            }
        }
        /* the reported objective is data loss + penalty of the weights */
        double obj = path_data_loss(&p->train, p->task, p->n_classes, W, b) +
                     path_penalty(W, k * d, lam[l], alpha);
        assert_true(fabs(obj - r.objective[l]) <= 1e-12 * fabs(obj));
    }
    path_result_free(&r);
}

static void check_kkt(int k_data, double alpha)
{
    Problem p;
    build_problem(&p, 300, 8, k_data, 11 + k_data);
    double scale = 1.0, tol = 1e-16;
    if (k_data == 0) { /* regression: tol is in units of var(y) */
        double m = 0, q = 0;
        for (int i = 0; i < p.train.n; i++)
            m += p.train.y[i] / p.train.n;
        for (int i = 0; i < p.train.n; i++)
            q += (p.train.y[i] - m) * (p.train.y[i] - m) / p.train.n;
        scale = q;
    }
    /* the promise, with room for the rounding of the gradient computed here */
    double bound = 1.001 * sqrt(tol * scale) + 1e-14;
    check_path_kkt(&p, alpha, tol, -1, bound); /* subproblems over the Gram matrix */
    check_path_kkt(&p, alpha, tol, 0, bound);  /* over the data */
    problem_free(&p);
}

static void test_kkt_gaussian(void **state)
{
    (void)state;
    check_kkt(0, 1.0), check_kkt(0, 0.5), check_kkt(0, 0.0);
}

static void test_kkt_logistic(void **state)
{
    (void)state;
    check_kkt(2, 1.0), check_kkt(2, 0.5), check_kkt(2, 0.0);
}

static void test_kkt_multinomial(void **state)
{
    (void)state;
    check_kkt(3, 1.0), check_kkt(3, 0.5), check_kkt(3, 0.0);
}

/* An unreachable tolerance: the solver stops where rounding leaves it, with
 * the KKT conditions met to near machine precision, in a bounded time. */
static void test_rounding_floor(void **state)
{
    (void)state;
    const int ks[3] = {0, 2, 3};
    for (int t = 0; t < 3; t++) {
        Problem p;
        build_problem(&p, 300, 8, ks[t], 11 + ks[t]);
        check_path_kkt(&p, 0.5, 1e-40, -1, 1e-11);
        check_path_kkt(&p, 0.5, 1e-40, 0, 1e-11);
        problem_free(&p);
    }
}

static void test_lambda_max_zero(void **state)
{
    (void)state;
    const int ks[3] = {0, 2, 3};
    const double alphas[2] = {1.0, 0.5};
    for (int t = 0; t < 3; t++)
        for (int a = 0; a < 2; a++) {
            Problem p;
            build_problem(&p, 200, 6, ks[t], 5);
            double lam[NL];
            PathResult r;
            fit(&p, alphas[a], 0, -1, lam, &r);
            int kd = r.k * r.d, nz0 = 0, nz1 = 0;
            for (int i = 0; i < kd; i++) {
                nz0 += r.W[i] != 0;
                nz1 += r.W[kd + i] != 0;
            }
            if (nz0 != 0 || nz1 == 0)
                fail_msg("k %d alpha %g: %d nonzero at lambda_max, %d at the next", ks[t],
                         alphas[a], nz0, nz1);
            /* the nonzero count grows (weakly) down a lasso path at the start */
            assert_true(r.lambda[0] > r.lambda[1]);
            path_result_free(&r);
            problem_free(&p);
        }
}

/* The path's objective against a long full-batch proximal-gradient run of
 * the trainer from zero weights, at three lambdas of the path. */
static void check_vs_trainer(int k_data, double alpha, double lr, int epochs)
{
    Problem p;
    build_problem(&p, 200, 5, k_data, 21 + k_data);
    double lam[NL];
    PathResult r;
    fit(&p, alpha, 0, -1, lam, &r); /* the default tolerance, as the command line uses */
    const int at[3] = {4, 12, 24};
    for (int t = 0; t < 3; t++) {
        TrainerConfig tc;
        memset(&tc, 0, sizeof tc);
        tc.act = ACT_TANH;
        tc.hyper = (Hyper){.lambda = lam[at[t]],
                           .alpha = alpha,
                           .keep = 1.0,
                           .input_keep = 1.0,
                           .lr = lr,
                           .l1_method = L1_PROX,
                           .optimizer = OPT_SGD,
                           .batch = 0};
        tc.seed = 1;
        Err err = {0};
        Trainer *tr = trainer_new(&p, &tc, &err);
        if (!tr)
            fail_msg("trainer_new: %s", err.msg);
        for (int e = 0; e < epochs; e++)
            trainer_epoch(tr);
        Metrics m;
        trainer_evaluate(tr, &m);
        double po = r.objective[at[t]], rel = fabs(po - m.train_loss) / fabs(m.train_loss);
        if (rel > 1e-6 || po > m.train_loss * (1 + 1e-9))
            fail_msg("k %d alpha %g lambda %g: path %.15g, trainer %.15g (rel %g)", k_data, alpha,
                     lam[at[t]], po, m.train_loss, rel);
        trainer_free(tr);
    }
    path_result_free(&r);
    problem_free(&p);
}

static void test_vs_trainer(void **state)
{
    (void)state;
    check_vs_trainer(0, 1.0, 0.3, 20000);
    check_vs_trainer(0, 0.5, 0.3, 20000);
    check_vs_trainer(2, 1.0, 1.0, 30000);
    check_vs_trainer(2, 0.5, 1.0, 30000);
    check_vs_trainer(3, 1.0, 1.0, 30000);
}

static void test_cv(void **state)
{
    (void)state;
    Problem p;
    build_problem(&p, 301, 8, 3, 9);
    const Dataset *tr = &p.train;
    int *fold = malloc(sizeof(int) * tr->n), *fold2 = malloc(sizeof(int) * tr->n);
    Err err = {0};
    assert_int_equal(path_cv_folds(tr, 5, 42, fold, &err), 0);
    assert_int_equal(path_cv_folds(tr, 5, 42, fold2, &err), 0);
    assert_memory_equal(fold, fold2, sizeof(int) * tr->n); /* seeded */
    int cnt[5][3] = {{0}}, tot[5] = {0};
    for (int i = 0; i < tr->n; i++) {
        assert_true(fold[i] >= 0 && fold[i] < 5);
        cnt[fold[i]][(int)tr->y[i]]++;
        tot[fold[i]]++;
    }
    for (int c = 0; c < 3; c++)
        for (int f = 1; f < 5; f++)
            assert_true(abs(cnt[f][c] - cnt[0][c]) <= 1); /* stratified */
    for (int f = 1; f < 5; f++)
        assert_true(abs(tot[f] - tot[0]) <= 1);
    assert_int_equal(path_cv_folds(tr, 5, 43, fold2, &err), 0);
    assert_true(memcmp(fold, fold2, sizeof(int) * tr->n) != 0);

    double lam[NL];
    if (path_lambda_grid(tr, p.task, p.n_classes, 1.0, NL, 1e-3, lam, &err))
        fail_msg("%s", err.msg);
    PathCV cv;
    if (path_cv(tr, p.task, p.n_classes, 1.0, lam, NL, 5, 42, NULL, &cv, &err))
        fail_msg("path_cv: %s", err.msg);
    assert_true(lam[cv.i_1se] >= lam[cv.i_min]);
    for (int l = 0; l < NL; l++) {
        assert_true(cv.se[l] >= 0 && isfinite(cv.mean[l]));
        assert_true(cv.mean[l] >= cv.mean[cv.i_min]);
    }
    /* the 1se rule: within one se, and no larger lambda qualifies */
    assert_true(cv.mean[cv.i_1se] <= cv.mean[cv.i_min] + cv.se[cv.i_min]);
    for (int l = 0; l < cv.i_1se; l++)
        assert_true(cv.mean[l] > cv.mean[cv.i_min] + cv.se[cv.i_min]);
    /* a model helps here: the best held-out loss beats the null model's */
    assert_true(cv.mean[cv.i_min] < cv.mean[0]);
    path_cv_free(&cv);
    /* bad fold counts are refused */
    assert_int_equal(path_cv_folds(tr, 1, 1, fold, &err), -1);
    free(fold), free(fold2);
    problem_free(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lambda_max_zero),
        cmocka_unit_test(test_kkt_gaussian),
        cmocka_unit_test(test_kkt_logistic),
        cmocka_unit_test(test_kkt_multinomial),
        cmocka_unit_test(test_rounding_floor),
        cmocka_unit_test(test_vs_trainer),
        cmocka_unit_test(test_cv),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
