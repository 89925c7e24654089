/* Data augmentation by input noise: for least squares its effect matches
 * ridge with lambda = sigma^2 (Bishop 1995), on standardized inputs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "trainer.h"

/* Ridge in SPEC's parameterization, solved in closed form:
 *   w = (X^T X / n + lambda I)^-1 X^T (y - mean y) / n   (X centred). */
static void ridge_solution(const Dataset *ds, double lambda, double *w)
{
    int n = ds->n, d = ds->d;
    double *A = calloc((size_t)d * (d + 1), sizeof(double)); /* augmented [M | r] */
    double ybar = 0;
    for (int i = 0; i < n; i++)
        ybar += ds->y[i] / n;
    for (int i = 0; i < n; i++) {
        const double *x = ds->X + (size_t)i * d;
        for (int j = 0; j < d; j++) {
            for (int k = 0; k < d; k++)
                A[(size_t)j * (d + 1) + k] += x[j] * x[k] / n;
            A[(size_t)j * (d + 1) + d] += x[j] * (ds->y[i] - ybar) / n;
        }
    }
    for (int j = 0; j < d; j++)
        A[(size_t)j * (d + 1) + j] += lambda;
    /* Gauss-Jordan; the matrix is symmetric positive definite */
    for (int c = 0; c < d; c++) {
        double piv = A[(size_t)c * (d + 1) + c];
        for (int k = 0; k <= d; k++)
            A[(size_t)c * (d + 1) + k] /= piv;
        for (int r = 0; r < d; r++) {
            if (r == c)
                continue;
            double f = A[(size_t)r * (d + 1) + c];
            for (int k = 0; k <= d; k++)
                A[(size_t)r * (d + 1) + k] -= f * A[(size_t)c * (d + 1) + k];
        }
    }
    for (int j = 0; j < d; j++)
        w[j] = A[(size_t)j * (d + 1) + d];
    free(A);
}

static double rel_diff(const double *a, const double *b, int d)
{
    double num = 0, den = 0;
    for (int j = 0; j < d; j++) {
        num += (a[j] - b[j]) * (a[j] - b[j]);
        den += b[j] * b[j];
    }
    return sqrt(num / den);
}

/* Tolerance: 2% relative (L2 norm of the weight vector). The noisy gradient
 * makes the iterates wander around the ridge optimum; averaging the last
 * half of the run brings them within a fraction of a percent. */
#define AUGMENT_RIDGE_TOL 0.02

static void test_input_noise_matches_ridge_with_lambda_sigma_squared(void **state)
{
    (void)state;
    Dataset raw;
    Err err = {0};
    assert_int_equal(data_generate("sparse", 400, 10, 7, &raw, &err), 0);
    Problem p;
    assert_int_equal(problem_build(&p, &raw, "", 0.0, 1, 7, &err), 0);
    const double sigma = 0.5;
    TrainerConfig tc = {.n_hidden = 0,
                        .act = ACT_TANH,
                        .hyper = {.lambda = 0,
                                  .alpha = 0,
                                  .keep = 1,
                                  .input_keep = 1,
                                  .augment_noise = sigma,
                                  .lr = 0.05,
                                  .l1_method = L1_PROX,
                                  .optimizer = OPT_SGD,
                                  .batch = 0},
                        .seed = 3};
    Trainer *t = trainer_new(&p, &tc, &err);
    assert_non_null(t);
    int d = p.d;
    double avg[64] = {0}, ridge[64];
    const int epochs = 6000, keep_from = 3000;
    for (int e = 0; e < epochs; e++) {
        trainer_epoch(t);
        if (e >= keep_from) {
            const double *w = trainer_model(t)->params; /* W is the first block: 1 x d */
            for (int j = 0; j < d; j++)
                avg[j] += w[j] / (epochs - keep_from);
        }
    }
    ridge_solution(&p.train, sigma * sigma, ridge);
    double diff = rel_diff(avg, ridge, d);
    /* and it is ridge, not plain least squares: that one is far away */
    double ols[64];
    ridge_solution(&p.train, 0, ols);
    print_message("weights vs ridge(lambda = sigma^2): %.4f relative\n", diff);
    assert_true(diff < AUGMENT_RIDGE_TOL);
    assert_true(rel_diff(ols, ridge, d) > 5 * AUGMENT_RIDGE_TOL);
    trainer_free(t);
    problem_free(&p);
    dataset_free(&raw);
}

static void test_noise_is_drawn_afresh_each_batch_and_seeded(void **state)
{
    (void)state;
    Dataset raw;
    Err err = {0};
    assert_int_equal(data_generate("line", 100, 10, 1, &raw, &err), 0);
    Problem p;
    assert_int_equal(problem_build(&p, &raw, "", 0.0, 1, 1, &err), 0);
    TrainerConfig tc = {.n_hidden = 0,
                        .hyper = {.lambda = 0,
                                  .alpha = 0,
                                  .keep = 1,
                                  .input_keep = 1,
                                  .augment_noise = 0.3,
                                  .lr = 0.1,
                                  .optimizer = OPT_SGD,
                                  .batch = 10},
                        .seed = 5};
    Trainer *a = trainer_new(&p, &tc, &err), *b = trainer_new(&p, &tc, &err);
    tc.hyper.augment_noise = 0;
    Trainer *c = trainer_new(&p, &tc, &err);
    for (int e = 0; e < 5; e++) {
        trainer_epoch(a);
        trainer_epoch(b);
        trainer_epoch(c);
    }
    size_t np = trainer_model(a)->n_params;
    assert_memory_equal(trainer_model(a)->params, trainer_model(b)->params, np * sizeof(double));
    assert_memory_not_equal(trainer_model(a)->params, trainer_model(c)->params,
                            np * sizeof(double));
    trainer_free(a);
    trainer_free(b);
    trainer_free(c);
    problem_free(&p);
    dataset_free(&raw);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_input_noise_matches_ridge_with_lambda_sigma_squared),
        cmocka_unit_test(test_noise_is_drawn_afresh_each_batch_and_seeded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
