/* Unit tests of trainer: full-batch sgd with prox converges to the optimum of
 * SPEC §2's objective (checked by its KKT conditions, as glmnet's solution
 * satisfies them), prox gives exact zeros and subgradient none, runs are
 * reproducible by seed, knobs turned between steps take effect, the reported
 * metrics agree with the model, and reset really restarts. */
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
static void make_classes(Dataset *ds, int n, int d, int k, uint64_t seed)
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

static void build_problem(Problem *p, const Dataset *raw, double val_ratio, uint64_t seed)
{
    Err err = {0};
    if (problem_build(p, raw, NULL, val_ratio, 1, seed, &err))
        fail_msg("problem_build: %s", err.msg);
}

static TrainerConfig linear_config(double lambda, double alpha, double lr, L1Method method)
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
static TrainerConfig noisy_mlp_config(uint64_t seed)
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

static Trainer *new_trainer(const Problem *p, const TrainerConfig *c)
{
    Err err = {0};
    Trainer *t = trainer_new(p, c, &err);
    if (!t)
        fail_msg("trainer_new: %s", err.msg);
    return t;
}

static void run_epochs(Trainer *t, int epochs)
{
    for (int e = 0; e < epochs; e++)
        trainer_epoch(t);
}

/* Gradient of the mean data loss over the whole of ds at the model's
 * current parameters (evaluation mode), into g (n_params). */
static void data_gradient(const Model *m, const Dataset *ds, double *g)
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
static void assert_kkt(const Trainer *t, double lambda, double alpha, double tol, int *zeros,
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

/* ---- optimality ----------------------------------------------------------- */

static void full_batch_prox_lasso_logistic_fit_satisfies_kkt(void **state)
{
    (void)state;
    Dataset raw;
    make_classes(&raw, 200, 10, 2, 11);
    Problem p;
    build_problem(&p, &raw, 0.0, 1);
    assert_int_equal(p.train.n, 200);
    const double lambda = 0.05;
    TrainerConfig c = linear_config(lambda, 1.0, 0.5, L1_PROX);
    Trainer *t = new_trainer(&p, &c);
    assert_int_equal(trainer_model(t)->head, HEAD_SIGMOID);
    run_epochs(t, 20000);
    int zeros, nonzeros;
    assert_kkt(t, lambda, 1.0, 1e-6, &zeros, &nonzeros);
    /* both KKT branches are exercised: the informative inputs stay, most
     * noise inputs are exactly 0 */
    assert_true(nonzeros >= 3);
    assert_true(zeros >= 4);
    trainer_free(t);
    problem_free(&p);
    dataset_free(&raw);
}

static void full_batch_prox_elastic_net_and_ridge_logistic_fits_satisfy_kkt(void **state)
{
    (void)state;
    Dataset raw;
    make_classes(&raw, 200, 10, 2, 12);
    Problem p;
    build_problem(&p, &raw, 0.0, 2);
    const double alphas[2] = {0.5, 0.0};
    for (int a = 0; a < 2; a++) {
        const double lambda = 0.08;
        TrainerConfig c = linear_config(lambda, alphas[a], 0.5, L1_PROX);
        Trainer *t = new_trainer(&p, &c);
        run_epochs(t, 20000);
        int zeros, nonzeros;
        assert_kkt(t, lambda, alphas[a], 1e-6, &zeros, &nonzeros);
        assert_true(nonzeros >= 3);
        if (alphas[a] > 0)
            assert_true(zeros >= 1);
        else
            assert_int_equal(zeros, 0); /* ridge shrinks, never zeroes */
        trainer_free(t);
    }
    problem_free(&p);
    dataset_free(&raw);
}

static void full_batch_prox_lasso_softmax_fit_satisfies_kkt(void **state)
{
    (void)state;
    Dataset raw;
    make_classes(&raw, 300, 6, 3, 13);
    Problem p;
    build_problem(&p, &raw, 0.0, 3);
    const double lambda = 0.03;
    TrainerConfig c = linear_config(lambda, 1.0, 0.5, L1_PROX);
    Trainer *t = new_trainer(&p, &c);
    assert_int_equal(trainer_model(t)->head, HEAD_SOFTMAX);
    assert_int_equal(model_n_out(trainer_model(t)), 3);
    run_epochs(t, 20000);
    int zeros, nonzeros;
    assert_kkt(t, lambda, 1.0, 1e-6, &zeros, &nonzeros);
    assert_true(nonzeros >= 3 && zeros >= 1);
    trainer_free(t);
    problem_free(&p);
    dataset_free(&raw);
}

static void full_batch_prox_lasso_regression_on_sparse_data_satisfies_kkt(void **state)
{
    (void)state;
    Err err = {0};
    Dataset raw;
    assert_int_equal(data_generate("sparse", 200, 20, 4, &raw, &err), 0);
    assert_int_equal(raw.task, TASK_REGRESS);
    Problem p;
    build_problem(&p, &raw, 0.0, 4);
    const double lambda = 0.05;
    TrainerConfig c = linear_config(lambda, 1.0, 0.2, L1_PROX);
    Trainer *t = new_trainer(&p, &c);
    assert_int_equal(trainer_model(t)->head, HEAD_LINEAR);
    run_epochs(t, 20000);
    int zeros, nonzeros;
    assert_kkt(t, lambda, 1.0, 1e-6, &zeros, &nonzeros);
    assert_true(nonzeros >= 4 && zeros >= 5);
    trainer_free(t);
    problem_free(&p);
    dataset_free(&raw);
}

/* ---- exact zeros ----------------------------------------------------------- */

static double zero_frac_after(const Problem *p, L1Method method, int epochs)
{
    TrainerConfig c = linear_config(0.05, 1.0, 0.1, method);
    Trainer *t = new_trainer(p, &c);
    run_epochs(t, epochs);
    WeightStats st;
    weight_stats(trainer_model(t), &st);
    trainer_free(t);
    return st.zero_frac;
}

static void prox_gives_exact_zeros_and_subgradient_none_on_sparse_data(void **state)
{
    (void)state;
    Err err = {0};
    Dataset raw;
    assert_int_equal(data_generate("sparse", 200, 10, 5, &raw, &err), 0);
    Problem p;
    build_problem(&p, &raw, 0.0, 5);
    double prox = zero_frac_after(&p, L1_PROX, 2000);
    double sub = zero_frac_after(&p, L1_SUBGRADIENT, 2000);
    if (!(prox > 0.5))
        fail_msg("prox: zero_frac %.3f, want most weights exactly 0", prox);
    if (sub != 0.0)
        fail_msg("subgradient: zero_frac %.3f, want no exact zeros", sub);
    problem_free(&p);
    dataset_free(&raw);
}

/* ---- reproducibility -------------------------------------------------------- */

static void same_seed_gives_bit_identical_training_and_another_seed_does_not(void **state)
{
    (void)state;
    Err err = {0};
    Dataset raw;
    assert_int_equal(data_generate("xor", 200, 10, 6, &raw, &err), 0);
    Problem p;
    build_problem(&p, &raw, 0.2, 6);
    TrainerConfig c5 = noisy_mlp_config(5), c6 = noisy_mlp_config(6);
    Trainer *a = new_trainer(&p, &c5), *b = new_trainer(&p, &c5), *o = new_trainer(&p, &c6);
    size_t n = trainer_model(a)->n_params;
    run_epochs(a, 20);
    run_epochs(b, 20);
    run_epochs(o, 20);
    assert_memory_equal(trainer_model(a)->params, trainer_model(b)->params, n * sizeof(double));
    assert_memory_not_equal(trainer_model(a)->params, trainer_model(o)->params, n * sizeof(double));
    assert_int_equal(trainer_epochs_done(a), 20);
    trainer_free(a);
    trainer_free(b);
    trainer_free(o);
    problem_free(&p);
    dataset_free(&raw);
}

static void evaluating_between_epochs_does_not_change_training(void **state)
{
    (void)state;
    Err err = {0};
    Dataset raw;
    assert_int_equal(data_generate("circle", 150, 10, 7, &raw, &err), 0);
    Problem p;
    build_problem(&p, &raw, 0.2, 7);
    TrainerConfig c = noisy_mlp_config(9);
    Trainer *a = new_trainer(&p, &c), *b = new_trainer(&p, &c);
    double pred[2];
    for (int e = 0; e < 10; e++) {
        trainer_epoch(a);
        trainer_epoch(b);
        Metrics m;
        trainer_evaluate(b, &m);
        trainer_val_loss(b);
        trainer_predict(b, p.val.X, 1, pred);
    }
    size_t n = trainer_model(a)->n_params;
    assert_memory_equal(trainer_model(a)->params, trainer_model(b)->params, n * sizeof(double));
    trainer_free(a);
    trainer_free(b);
    problem_free(&p);
    dataset_free(&raw);
}

static void reset_restores_epoch_zero_and_initial_weights_and_replays_the_run(void **state)
{
    (void)state;
    Err err = {0};
    Dataset raw;
    assert_int_equal(data_generate("spiral", 200, 5, 8, &raw, &err), 0);
    Problem p;
    build_problem(&p, &raw, 0.2, 8);
    TrainerConfig c = noisy_mlp_config(7);
    Trainer *t = new_trainer(&p, &c), *fresh = new_trainer(&p, &c);
    size_t n = trainer_model(t)->n_params;
    double *p0 = malloc(sizeof(double) * n), *p5 = malloc(sizeof(double) * n);
    assert_non_null(p0);
    assert_non_null(p5);
    trainer_get_params(t, p0);
    run_epochs(t, 5);
    assert_int_equal(trainer_epochs_done(t), 5);
    assert_memory_not_equal(p0, trainer_model(t)->params, n * sizeof(double));
    trainer_reset(t, 7);
    assert_int_equal(trainer_epochs_done(t), 0);
    assert_memory_equal(p0, trainer_model(t)->params, n * sizeof(double));
    /* optimizer moments, batch order and dropout masks restart too */
    run_epochs(t, 5);
    run_epochs(fresh, 5);
    trainer_get_params(fresh, p5);
    assert_memory_equal(p5, trainer_model(t)->params, n * sizeof(double));
    /* another seed, other initial weights */
    trainer_reset(t, 8);
    assert_memory_not_equal(p0, trainer_model(t)->params, n * sizeof(double));
    free(p0);
    free(p5);
    trainer_free(t);
    trainer_free(fresh);
    problem_free(&p);
    dataset_free(&raw);
}

/* ---- knobs turned while it runs ---------------------------------------------- */

static void huge_lambda_set_between_steps_zeroes_every_weight_in_one_step(void **state)
{
    (void)state;
    Dataset raw;
    make_classes(&raw, 200, 10, 2, 14);
    Problem p;
    build_problem(&p, &raw, 0.0, 14);
    TrainerConfig c = linear_config(0.0, 1.0, 0.5, L1_PROX);
    Trainer *t = new_trainer(&p, &c);
    run_epochs(t, 50);
    WeightStats st;
    weight_stats(trainer_model(t), &st);
    assert_int_equal(st.zeros, 0);
    Hyper h = *trainer_hyper(t);
    h.lambda = 1e3;
    trainer_set_hyper(t, &h);
    assert_true(trainer_hyper(t)->lambda == 1e3);
    assert_int_equal(trainer_step(t), 1); /* full batch: one step is an epoch */
    weight_stats(trainer_model(t), &st);
    assert_int_equal(st.zeros, st.n);
    trainer_free(t);

    /* an MLP too, mid-epoch with mini-batches */
    TrainerConfig m = noisy_mlp_config(3);
    t = new_trainer(&p, &m);
    run_epochs(t, 3);
    h = *trainer_hyper(t);
    h.lambda = 1e4;
    trainer_set_hyper(t, &h);
    trainer_step(t);
    weight_stats(trainer_model(t), &st);
    assert_int_equal(st.zeros, st.n);
    trainer_free(t);
    problem_free(&p);
    dataset_free(&raw);
}

static void learning_rate_set_between_steps_takes_effect(void **state)
{
    (void)state;
    Dataset raw;
    make_classes(&raw, 100, 4, 2, 15);
    Problem p;
    build_problem(&p, &raw, 0.0, 15);
    TrainerConfig c = linear_config(0.0, 1.0, 0.1, L1_PROX);
    Trainer *a = new_trainer(&p, &c), *b = new_trainer(&p, &c);
    run_epochs(a, 3);
    run_epochs(b, 3);
    size_t n = trainer_model(a)->n_params;
    double *before = malloc(sizeof(double) * n);
    assert_non_null(before);
    trainer_get_params(a, before);
    Hyper h = *trainer_hyper(b);
    h.lr = 0.2;
    trainer_set_hyper(b, &h);
    trainer_step(a);
    trainer_step(b);
    /* plain sgd without penalty: b's step is exactly twice a's */
    for (size_t i = 0; i < n; i++) {
        double da = trainer_model(a)->params[i] - before[i];
        double db = trainer_model(b)->params[i] - before[i];
        assert_near(db, 2 * da, 1e-12 + 1e-9 * fabs(da));
    }
    free(before);
    trainer_free(a);
    trainer_free(b);
    problem_free(&p);
    dataset_free(&raw);
}

static void zeroed_weights_come_back_when_lambda_is_lowered(void **state)
{
    (void)state;
    Dataset raw;
    make_classes(&raw, 200, 10, 2, 16);
    Problem p;
    build_problem(&p, &raw, 0.0, 16);
    TrainerConfig c = linear_config(10.0, 1.0, 0.5, L1_PROX);
    Trainer *t = new_trainer(&p, &c);
    run_epochs(t, 20);
    WeightStats st;
    weight_stats(trainer_model(t), &st);
    assert_int_equal(st.zeros, st.n);
    Hyper h = *trainer_hyper(t);
    h.lambda = 0.001;
    trainer_set_hyper(t, &h);
    run_epochs(t, 200);
    weight_stats(trainer_model(t), &st);
    /* the three informative inputs at least are back */
    assert_true(st.n - st.zeros >= 3);
    trainer_free(t);
    problem_free(&p);
    dataset_free(&raw);
}

static void hyper_check_rejects_each_out_of_range_knob_by_name(void **state)
{
    (void)state;
    const Hyper ok = {.lambda = 0.1,
                      .alpha = 0.5,
                      .keep = 1.0,
                      .input_keep = 1.0,
                      .lr = 0.1,
                      .l1_method = L1_PROX,
                      .optimizer = OPT_SGD,
                      .batch = 0};
    Err err = {0};
    assert_int_equal(hyper_check(&ok, &err), 0);
    struct {
        Hyper h;
        const char *name;
    } bad[] = {
        {ok, "lambda"}, {ok, "alpha"}, {ok, "alpha"}, {ok, "keep"},  {ok, "keep"},
        {ok, "keep"},   {ok, "lr"},    {ok, "lr"},    {ok, "batch"}, {ok, "lambda"},
    };
    bad[0].h.lambda = -0.1;
    bad[1].h.alpha = 1.5;
    bad[2].h.alpha = -0.1;
    bad[3].h.keep = 0.0;
    bad[4].h.keep = 1.5;
    bad[5].h.input_keep = 0.0;
    bad[6].h.lr = 0.0;
    bad[7].h.lr = -1.0;
    bad[8].h.batch = -1;
    bad[9].h.lambda = NAN;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        memset(&err, 0, sizeof err);
        if (hyper_check(&bad[i].h, &err) != -1)
            fail_msg("case %zu (%s) accepted", i, bad[i].name);
        if (!strstr(err.msg, bad[i].name))
            fail_msg("case %zu: message '%s' does not name %s", i, err.msg, bad[i].name);
        assert_int_equal(err.kind, ERR_INPUT);
    }
}

/* ---- what is reported ---------------------------------------------------------- */

static void evaluate_reports_losses_penalty_accuracy_and_stats_of_the_model(void **state)
{
    (void)state;
    Err err = {0};
    Dataset raw;
    assert_int_equal(data_generate("xor", 200, 10, 17, &raw, &err), 0);
    Problem p;
    build_problem(&p, &raw, 0.25, 17);
    assert_true(p.val.n > 0);
    TrainerConfig c = noisy_mlp_config(17);
    c.hyper.lambda = 0.01;
    c.hyper.alpha = 0.7;
    Trainer *t = new_trainer(&p, &c);
    run_epochs(t, 30);
    Metrics m, again;
    trainer_evaluate(t, &m);
    assert_int_equal(m.epoch, 30);
    assert_true(m.classify);
    assert_true(m.has_val);
    assert_true(m.train_loss == m.data_loss + m.penalty);
    const Model *model = trainer_model(t);
    assert_near(m.penalty, penalty_value(model, 0.01, 0.7), 1e-15);
    assert_true(m.penalty > 0);
    WeightStats st;
    weight_stats(model, &st);
    assert_true(m.w.zero_frac == st.zero_frac);
    assert_int_equal(m.w.zeros, st.zeros);
    assert_near(m.w.l1, st.l1, 1e-15);
    assert_near(m.w.l2, st.l2, 1e-15);
    /* evaluation mode: no dropout, so the numbers are those of a plain
     * forward pass, and the same every time */
    Workspace ws;
    assert_int_equal(workspace_init(&ws, model, p.train.n, &err), 0);
    Dropout none = {1.0, 1.0, NULL};
    model_forward(model, &ws, p.train.X, p.train.n, &none);
    assert_near(m.data_loss, model_data_loss(model, &ws, p.train.y, p.train.n), 1e-12);
    assert_near(m.train_acc,
                (double)model_count_correct(model, &ws, p.train.y, p.train.n) / p.train.n, 1e-15);
    workspace_free(&ws);
    assert_int_equal(workspace_init(&ws, model, p.val.n, &err), 0);
    model_forward(model, &ws, p.val.X, p.val.n, &none);
    assert_near(m.val_loss, model_data_loss(model, &ws, p.val.y, p.val.n), 1e-12);
    assert_near(m.val_acc, (double)model_count_correct(model, &ws, p.val.y, p.val.n) / p.val.n,
                1e-15);
    workspace_free(&ws);
    assert_near(trainer_val_loss(t), m.val_loss, 1e-12);
    trainer_evaluate(t, &again);
    assert_memory_equal(&m.data_loss, &again.data_loss, sizeof(double));
    assert_memory_equal(&m.val_loss, &again.val_loss, sizeof(double));
    trainer_free(t);
    problem_free(&p);
    dataset_free(&raw);
}

static void evaluate_without_validation_split_and_for_regression(void **state)
{
    (void)state;
    Err err = {0};
    Dataset raw;
    assert_int_equal(data_generate("line", 100, 10, 18, &raw, &err), 0);
    Problem p;
    build_problem(&p, &raw, 0.0, 18);
    assert_int_equal(p.val.n, 0);
    TrainerConfig c = linear_config(0.01, 0.0, 0.1, L1_PROX);
    Trainer *t = new_trainer(&p, &c);
    assert_int_equal(trainer_model(t)->head, HEAD_LINEAR);
    run_epochs(t, 10);
    Metrics m;
    trainer_evaluate(t, &m);
    assert_false(m.classify);
    assert_false(m.has_val);
    assert_true(isfinite(m.data_loss) && m.data_loss > 0);
    assert_true(m.train_loss == m.data_loss + m.penalty);
    /* no split: the validation loss falls back to the training data loss */
    assert_near(trainer_val_loss(t), m.data_loss, 1e-12);
    trainer_free(t);
    problem_free(&p);
    dataset_free(&raw);
}

static void training_lowers_the_objective(void **state)
{
    (void)state;
    Err err = {0};
    Dataset raw;
    assert_int_equal(data_generate("circle", 200, 0, 19, &raw, &err), 0);
    Problem p;
    build_problem(&p, &raw, 0.2, 19);
    TrainerConfig c = noisy_mlp_config(19);
    Trainer *t = new_trainer(&p, &c);
    Metrics m0, m1;
    trainer_evaluate(t, &m0);
    assert_int_equal(m0.epoch, 0);
    run_epochs(t, 100);
    trainer_evaluate(t, &m1);
    if (!(m1.train_loss < 0.5 * m0.train_loss))
        fail_msg("objective %.4f after 100 epochs, %.4f at start", m1.train_loss, m0.train_loss);
    assert_true(m1.train_acc > 0.9);
    trainer_free(t);
    problem_free(&p);
    dataset_free(&raw);
}

static void predict_matches_an_evaluation_forward_pass(void **state)
{
    (void)state;
    Err err = {0};
    Dataset raw;
    make_classes(&raw, 150, 4, 3, 20);
    Problem p;
    build_problem(&p, &raw, 0.2, 20);
    TrainerConfig c = noisy_mlp_config(20);
    Trainer *t = new_trainer(&p, &c);
    run_epochs(t, 5);
    const Model *model = trainer_model(t);
    int n = p.train.n, k = model_n_out(model);
    assert_int_equal(k, 3);
    double *out = malloc(sizeof(double) * (size_t)n * k);
    assert_non_null(out);
    trainer_predict(t, p.train.X, n, out);
    Workspace ws;
    assert_int_equal(workspace_init(&ws, model, n, &err), 0);
    Dropout none = {1.0, 1.0, NULL};
    const double *ref = model_forward(model, &ws, p.train.X, n, &none);
    for (int i = 0; i < n * k; i++)
        assert_near(out[i], ref[i], 1e-14);
    for (int i = 0; i < n; i++)
        assert_near(out[3 * i] + out[3 * i + 1] + out[3 * i + 2], 1.0, 1e-12);
    /* set_params then get_params round-trips */
    double *q = malloc(sizeof(double) * model->n_params);
    assert_non_null(q);
    for (size_t i = 0; i < model->n_params; i++)
        q[i] = (double)i / 7.0;
    trainer_set_params(t, q);
    assert_memory_equal(q, trainer_model(t)->params, sizeof(double) * model->n_params);
    free(q);
    free(out);
    workspace_free(&ws);
    trainer_free(t);
    problem_free(&p);
    dataset_free(&raw);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(full_batch_prox_lasso_logistic_fit_satisfies_kkt),
        cmocka_unit_test(full_batch_prox_elastic_net_and_ridge_logistic_fits_satisfy_kkt),
        cmocka_unit_test(full_batch_prox_lasso_softmax_fit_satisfies_kkt),
        cmocka_unit_test(full_batch_prox_lasso_regression_on_sparse_data_satisfies_kkt),
        cmocka_unit_test(prox_gives_exact_zeros_and_subgradient_none_on_sparse_data),
        cmocka_unit_test(same_seed_gives_bit_identical_training_and_another_seed_does_not),
        cmocka_unit_test(evaluating_between_epochs_does_not_change_training),
        cmocka_unit_test(reset_restores_epoch_zero_and_initial_weights_and_replays_the_run),
        cmocka_unit_test(huge_lambda_set_between_steps_zeroes_every_weight_in_one_step),
        cmocka_unit_test(learning_rate_set_between_steps_takes_effect),
        cmocka_unit_test(zeroed_weights_come_back_when_lambda_is_lowered),
        cmocka_unit_test(hyper_check_rejects_each_out_of_range_knob_by_name),
        cmocka_unit_test(evaluate_reports_losses_penalty_accuracy_and_stats_of_the_model),
        cmocka_unit_test(evaluate_without_validation_split_and_for_regression),
        cmocka_unit_test(training_lowers_the_objective),
        cmocka_unit_test(predict_matches_an_evaluation_forward_pass),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
