/* trainer_fixtures: data, problems and trainer settings of the trainer
 * tests, and the KKT check (test_trainer.c, test_trainer_knobs.c). */
#ifndef REGSCOPE_TRAINER_FIXTURES_H
#define REGSCOPE_TRAINER_FIXTURES_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "model.h"
#include "penalty.h"
#include "problem.h"
#include "rng.h"
#include "trainer.h"
#include "test_assert.h"

/* ---- fixtures ---------------------------------------------------------- */

/* n x d standard normal inputs; labels from a sparse multinomial (k >= 2)
 * model: class scores z_c = b_c + x . beta_c with only the first 3 inputs
 * informative. k = 2 is plain logistic (class 1 has score z, class 0 zero). */
static inline void make_classes(Dataset *ds, int n, int d, int k, uint64_t seed)
{
    Err err = {0};
    assert_int_equal(dataset_alloc(ds, n, d, &err), 0);
    ds->task = TASK_CLASSIFY;
    ds->n_classes = k;
    Rng r;
    rng_seed(&r, seed);
    const double beta[3][3] = {{2.0, -1.5, 1.0}, {-1.0, 2.0, 0.5}, {0.5, 0.5, -2.0}};
    for (int i = 0; i < n; i++) {
        double *x = ds->X + (size_t)i * d;
        for (int j = 0; j < d; j++)
            x[j] = rng_normal(&r);
        double z[3] = {0, 0, 0}, zmax = -INFINITY;
        int scored = k == 2 ? 1 : k;
        for (int c = 0; c < scored; c++) {
            z[c] = 0.3 * c;
            for (int j = 0; j < 3 && j < d; j++)
                z[c] += beta[c][j] * x[j];
        }
        if (k == 2) {
            ds->y[i] = rng_uniform(&r) < 1.0 / (1.0 + exp(-z[0])) ? 1.0 : 0.0;
            continue;
        }
        for (int c = 0; c < k; c++)
            zmax = fmax(zmax, z[c]);
        double s = 0, p[3];
        for (int c = 0; c < k; c++)
            s += (p[c] = exp(z[c] - zmax));
        double u = rng_uniform(&r) * s;
        int c = 0;
        while (c < k - 1 && u >= p[c])
            u -= p[c++];
        ds->y[i] = c;
    }
}

static inline void build_problem(Problem *p, const Dataset *raw, double val_ratio, uint64_t seed)
{
    Err err = {0};
    if (problem_build(p, raw, NULL, val_ratio, 1, seed, &err))
        fail_msg("problem_build: %s", err.msg);
}

static inline TrainerConfig linear_config(double lambda, double alpha, double lr, L1Method method)
{
    TrainerConfig c;
    memset(&c, 0, sizeof c);
    c.n_hidden = 0;
    c.act = ACT_TANH;
    c.hyper = (Hyper){.lambda = lambda,
                      .alpha = alpha,
                      .keep = 1.0,
                      .input_keep = 1.0,
                      .lr = lr,
                      .l1_method = method,
                      .optimizer = OPT_SGD,
                      .batch = 0};
    c.seed = 1;
    return c;
}

/* An MLP with every source of randomness on: dropout on inputs and hidden
 * units, shuffled mini-batches, Adam. */
static inline TrainerConfig noisy_mlp_config(uint64_t seed)
{
    TrainerConfig c;
    memset(&c, 0, sizeof c);
    c.hidden[0] = 8;
    c.hidden[1] = 8;
    c.n_hidden = 2;
    c.act = ACT_TANH;
    c.hyper = (Hyper){.lambda = 0.001,
                      .alpha = 0.5,
                      .keep = 0.8,
                      .input_keep = 0.9,
                      .lr = 0.01,
                      .l1_method = L1_PROX,
                      .optimizer = OPT_ADAM,
                      .batch = 16};
    c.seed = seed;
    return c;
}

static inline Trainer *new_trainer(const Problem *p, const TrainerConfig *c)
{
    Err err = {0};
    Trainer *t = trainer_new(p, c, &err);
    if (!t)
        fail_msg("trainer_new: %s", err.msg);
    return t;
}

static inline void run_epochs(Trainer *t, int epochs)
{
    for (int e = 0; e < epochs; e++)
        trainer_epoch(t);
}

/* Gradient of the mean data loss over the whole of ds at the model's
 * current parameters (evaluation mode), into g (n_params). */
static inline void data_gradient(const Model *m, const Dataset *ds, double *g)
{
    Err err = {0};
    Workspace ws;
    assert_int_equal(workspace_init(&ws, m, ds->n, &err), 0);
    Dropout none = {1.0, 1.0, NULL};
    model_forward(m, &ws, ds->X, ds->n, &none);
    model_backward(m, &ws, ds->y, ds->n);
    memcpy(g, ws.grad, sizeof(double) * m->n_params);
    workspace_free(&ws);
}

/* KKT conditions of min data_loss + lambda (alpha |w|_1 + (1-alpha)/2 |w|^2)
 * at the trainer's weights, to tol:
 *   w_j == 0:  |g_j| <= lambda alpha
 *   w_j != 0:  g_j + lambda alpha sign(w_j) + lambda (1 - alpha) w_j = 0
 *   biases:    g_b = 0.
 * Counts the exact zeros and non-zeros into *zeros / *nonzeros. */
static inline void assert_kkt(const Trainer *t, double lambda, double alpha, double tol, int *zeros,
                              int *nonzeros)
{
    const Model *m = trainer_model(t);
    double *g = malloc(sizeof(double) * m->n_params);
    assert_non_null(g);
    data_gradient(m, &trainer_problem(t)->train, g);
    *zeros = *nonzeros = 0;
    for (size_t i = 0; i < m->n_params; i++) {
        double w = m->params[i];
        if (!model_is_weight(m, i)) {
            if (!(fabs(g[i]) < tol))
                fail_msg("bias %zu: gradient %.3g, not 0", i, g[i]);
        } else if (w == 0.0) {
            ++*zeros;
            if (!(fabs(g[i]) <= lambda * alpha + tol))
                fail_msg("w[%zu] = 0 but |g| = %.10g > lambda*alpha = %.10g", i, fabs(g[i]),
                         lambda * alpha);
        } else {
            ++*nonzeros;
            double s = w > 0 ? 1.0 : -1.0;
            double r = g[i] + lambda * alpha * s + lambda * (1 - alpha) * w;
            if (!(fabs(r) < tol))
                fail_msg("w[%zu] = %.10g: g + lambda*alpha*sign(w) + lambda*(1-alpha)*w = %.3g", i,
                         w, r);
        }
    }
    free(g);
}

#endif
