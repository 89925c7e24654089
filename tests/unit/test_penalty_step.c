/* Unit tests of the penalty step as the trainer runs it (trainer.c,
 * update_range): penalty_decay, then the optimizer step, then penalty_prox,
 * checked against a reference written here for L1 (alpha 1), L2 (alpha 0)
 * and the elastic net (alpha 0.5), by prox and by subgradient. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "model.h"
#include "optim.h"
#include "penalty.h"
#include "test_assert.h"

#define N_W 8
#define N_P 11
#define LR 0.1
#define LAMBDA 2.0
#define BIAS 100.0

/* A 3 -> 2 -> 1 MLP: 8 weights, 3 biases, every bias BIAS (large, so a
 * penalized bias shows). */
static const double W8[N_W] = {0.5, -1.5, 0.0, 2.0, -0.25, 0.0, 3.0, -1.0};
/* Gradients of the weights: W[2] = 0 is pushed off zero, W[5] = 0 is not. */
static const double G8[N_W] = {0.1, -0.2, 0.3, 0.0, -0.4, 0.0, 1.0, -0.6};
#define G_BIAS 0.7

static void small_model(Model *m, double *grad)
{
    Err err = {0};
    int hidden[1] = {2};
    assert_int_equal(model_init(m, 3, hidden, 1, 1, ACT_TANH, HEAD_SIGMOID, &err), 0);
    assert_int_equal(m->n_params, N_P);
    for (size_t i = 0, k = 0; i < N_P; i++) {
        int w = model_is_weight(m, i);
        m->params[i] = w ? W8[k] : BIAS;
        grad[i] = w ? G8[k++] : G_BIAS;
    }
}

/* The step of trainer.c's update_range over the whole block, with SGD. */
static void trainer_step_sgd(Model *m, const double *grad, double alpha, L1Method method)
{
    Err err = {0};
    Optimizer o;
    assert_int_equal(optimizer_init(&o, OPT_SGD, m->n_params, &err), 0);
    penalty_decay(m, LR, LAMBDA, alpha, method);
    optimizer_step(&o, m->params, grad, LR);
    penalty_prox(m, LR, LAMBDA, alpha, method);
    optimizer_free(&o);
}

static double ref_sign(double w) { return w > 0 ? 1.0 : w < 0 ? -1.0 : 0.0; }

/* The reference: a weight w with gradient g after one SGD step with the
 * decoupled elastic net. L2 shrinks w by lr*lambda*(1-alpha)*w; the L1 part
 * is a sign step lr*lambda*alpha*sign(w) (subgradient) or soft-thresholding
 * at lr*lambda*alpha after the step (prox). Biases take the plain step. */
static double ref_step(double w, double g, int is_weight, double alpha, L1Method method)
{
    if (!is_weight)
        return w - LR * g;
    double t = LR * LAMBDA * alpha;
    double v = w - LR * LAMBDA * (1 - alpha) * w - LR * g;
    if (method == L1_SUBGRADIENT)
        return v - t * ref_sign(w);
    if (fabs(v) <= t)
        return 0.0;
    return v > 0 ? v - t : v + t;
}

static void check_against_reference(double alpha, L1Method method)
{
    Model m;
    double grad[N_P], want[N_P];
    small_model(&m, grad);
    for (size_t i = 0; i < N_P; i++)
        want[i] = ref_step(m.params[i], grad[i], model_is_weight(&m, i), alpha, method);
    trainer_step_sgd(&m, grad, alpha, method);
    assert_doubles_near(m.params, want, N_P, 1e-14);
    model_free(&m);
}

static void prox_step_matches_the_reference_for_l1_l2_and_elastic_net(void **state)
{
    (void)state;
    check_against_reference(1.0, L1_PROX);
    check_against_reference(0.0, L1_PROX);
    check_against_reference(0.5, L1_PROX);
}

static void subgradient_step_matches_the_reference_for_l1_l2_and_elastic_net(void **state)
{
    (void)state;
    check_against_reference(1.0, L1_SUBGRADIENT);
    check_against_reference(0.0, L1_SUBGRADIENT);
    check_against_reference(0.5, L1_SUBGRADIENT);
}

/* The lasso's prox, worked by hand: threshold lr*lambda = 0.2 on w - lr*g. */
static void prox_l1_step_by_hand_gives_exact_zeros_and_keeps_signs(void **state)
{
    (void)state;
    Model m;
    double grad[N_P];
    small_model(&m, grad);
    trainer_step_sgd(&m, grad, 1.0, L1_PROX);
    /* w - lr*g: 0.49 -1.48 -0.03 2.0 -0.21 0.0 2.9 -0.94; minus 0.2 toward 0 */
    const double want[N_W] = {0.29, -1.28, 0.0, 1.8, -0.01, 0.0, 2.7, -0.74};
    double got[N_W];
    for (size_t i = 0, k = 0; i < N_P; i++)
        if (model_is_weight(&m, i))
            got[k++] = m.params[i];
        else
            assert_near(m.params[i], BIAS - LR * G_BIAS, 1e-13);
    assert_doubles_near(got, want, N_W, 1e-13);
    for (int k = 0; k < N_W; k++) {
        if (want[k] == 0.0) /* exact zeros, and +0: no -0 shown as "-0" */
            assert_true(got[k] == 0.0 && !signbit(got[k]));
        else
            assert_true(signbit(got[k]) == signbit(want[k]));
    }
    model_free(&m);
}

/* Subgradient never makes an exact zero of a moving weight, and sign(0) = 0
 * leaves a weight at 0 with no gradient where it is. */
static void subgradient_step_gives_no_exact_zeros_and_leaves_a_still_zero(void **state)
{
    (void)state;
    Model m;
    double grad[N_P];
    small_model(&m, grad);
    trainer_step_sgd(&m, grad, 1.0, L1_SUBGRADIENT);
    for (size_t i = 0, k = 0; i < N_P; i++) {
        if (!model_is_weight(&m, i))
            continue;
        if (k == 5)
            assert_true(m.params[i] == 0.0);
        else
            assert_true(m.params[i] != 0.0);
        k++;
    }
    model_free(&m);
}

/* The ridge step by hand: keep 1 - lr*lambda = 0.8 of w, then the SGD step. */
static void l2_step_by_hand_shrinks_weights_not_biases(void **state)
{
    (void)state;
    Model m;
    double grad[N_P];
    small_model(&m, grad);
    trainer_step_sgd(&m, grad, 0.0, L1_PROX);
    for (size_t i = 0, k = 0; i < N_P; i++)
        if (model_is_weight(&m, i)) {
            assert_near(m.params[i], 0.8 * W8[k] - LR * G8[k], 1e-14);
            k++;
        } else {
            assert_near(m.params[i], BIAS - LR * G_BIAS, 1e-13);
        }
    model_free(&m);
}

/* Decay before the step and prox after it give penalty_step's result from
 * the weights before the step: the split needs no copy of the old weights. */
static void split_step_equals_the_one_piece_step_from_the_old_weights(void **state)
{
    (void)state;
    const double alphas[3] = {0.0, 0.5, 1.0};
    for (int a = 0; a < 3; a++)
        for (int method = L1_PROX; method <= L1_SUBGRADIENT; method++) {
            Model m, old;
            double grad[N_P], g2[N_P];
            small_model(&m, grad);
            small_model(&old, g2);
            double before[N_P];
            memcpy(before, old.params, sizeof before);
            trainer_step_sgd(&m, grad, alphas[a], (L1Method)method);
            for (size_t i = 0; i < N_P; i++)
                old.params[i] -= LR * grad[i];
            penalty_step(&old, before, LR, LAMBDA, alphas[a], (L1Method)method);
            assert_doubles_near(m.params, old.params, N_P, 1e-14);
            model_free(&m);
            model_free(&old);
        }
}

/* The penalty is decoupled: Adam's moments see the loss gradient only. */
static void adam_moments_see_the_loss_gradient_not_the_penalty(void **state)
{
    (void)state;
    Model m;
    double grad[N_P];
    small_model(&m, grad);
    Err err = {0};
    Optimizer o;
    assert_int_equal(optimizer_init(&o, OPT_ADAM, N_P, &err), 0);
    penalty_decay(&m, LR, LAMBDA, 0.5, L1_SUBGRADIENT);
    optimizer_step(&o, m.params, grad, LR);
    penalty_prox(&m, LR, LAMBDA, 0.5, L1_SUBGRADIENT);
    for (size_t i = 0; i < N_P; i++) {
        assert_near(o.m[i], 0.1 * grad[i], 1e-15);
        assert_near(o.v[i], 0.001 * grad[i] * grad[i], 1e-15);
    }
    optimizer_free(&o);
    model_free(&m);
}

static void lambda_zero_is_the_plain_optimizer_step(void **state)
{
    (void)state;
    Model m;
    double grad[N_P];
    small_model(&m, grad);
    double want[N_P];
    for (size_t i = 0; i < N_P; i++)
        want[i] = m.params[i] - LR * grad[i] - LR * grad[i];
    for (int method = L1_PROX; method <= L1_SUBGRADIENT; method++) {
        penalty_decay(&m, LR, 0.0, 0.5, (L1Method)method);
        for (size_t i = 0; i < N_P; i++)
            m.params[i] -= LR * grad[i];
        penalty_prox(&m, LR, 0.0, 0.5, (L1Method)method);
    }
    assert_doubles_near(m.params, want, N_P, 0.0);
    model_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(prox_step_matches_the_reference_for_l1_l2_and_elastic_net),
        cmocka_unit_test(subgradient_step_matches_the_reference_for_l1_l2_and_elastic_net),
        cmocka_unit_test(prox_l1_step_by_hand_gives_exact_zeros_and_keeps_signs),
        cmocka_unit_test(subgradient_step_gives_no_exact_zeros_and_leaves_a_still_zero),
        cmocka_unit_test(l2_step_by_hand_shrinks_weights_not_biases),
        cmocka_unit_test(split_step_equals_the_one_piece_step_from_the_old_weights),
        cmocka_unit_test(adam_moments_see_the_loss_gradient_not_the_penalty),
        cmocka_unit_test(lambda_zero_is_the_plain_optimizer_step),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
