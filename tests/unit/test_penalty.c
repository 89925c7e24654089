/* Unit tests of penalty: the elastic-net value over weights only, its
 * gradient, the prox step's exact soft-thresholding, the subgradient step's
 * jitter without exact zeros, and the weight statistics. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "penalty.h"
#include "rng.h"
#include "test_assert.h"

/* A 3 -> 2 -> 1 MLP: 6 + 2 weights, 2 + 1 biases. Weights from w[], every
 * bias set to `bias` (large, so counting one by mistake shows). */
static void small_model(Model *m, const double *w, double bias)
{
    Err err = {0};
    int hidden[1] = {2};
    assert_int_equal(model_init(m, 3, hidden, 1, 1, ACT_TANH, HEAD_SIGMOID, &err), 0);
    assert_int_equal(m->n_weights, 8);
    assert_int_equal(m->n_params, 11);
    int k = 0;
    for (size_t i = 0; i < m->n_params; i++)
        m->params[i] = model_is_weight(m, i) ? w[k++] : bias;
}

static const double W8[8] = {0.5, -1.5, 0.0, 2.0, -0.25, 0.0, 3.0, -1.0};

static void penalty_value_is_elastic_net_over_weights_only(void **state)
{
    (void)state;
    Model m;
    small_model(&m, W8, 100.0);
    double l1 = 0, l2 = 0;
    for (int i = 0; i < 8; i++)
        l1 += fabs(W8[i]), l2 += W8[i] * W8[i];
    /* l1 = 8.25, sum w^2 = 16.5625 */
    assert_near(l1, 8.25, 0);
    assert_near(l2, 16.5625, 0);
    const double lambdas[3] = {0.0, 0.1, 2.0}, alphas[4] = {0.0, 0.25, 0.5, 1.0};
    for (int a = 0; a < 3; a++)
        for (int b = 0; b < 4; b++) {
            double lam = lambdas[a], al = alphas[b];
            double expect = lam * (al * l1 + (1 - al) / 2 * l2);
            assert_near(penalty_value(&m, lam, al), expect, 1e-13);
        }
    /* biases do not count: changing them leaves the value unchanged */
    double before = penalty_value(&m, 0.3, 0.5);
    for (size_t i = 0; i < m.n_params; i++)
        if (!model_is_weight(&m, i))
            m.params[i] = -7.0;
    assert_true(penalty_value(&m, 0.3, 0.5) == before);
    model_free(&m);
}

static void penalty_gradient_matches_finite_differences_away_from_zero(void **state)
{
    (void)state;
    const double w[8] = {0.5, -1.5, 0.7, 2.0, -0.25, 0.1, 3.0, -1.0};
    Model m;
    small_model(&m, w, 5.0);
    const double alphas[3] = {0.0, 0.3, 1.0};
    const double lam = 0.7, h = 1e-6;
    double *g = calloc(m.n_params, sizeof(double));
    assert_non_null(g);
    for (int a = 0; a < 3; a++) {
        for (size_t i = 0; i < m.n_params; i++)
            g[i] = 1.0; /* the penalty gradient is ADDED */
        penalty_add_gradient(&m, g, lam, alphas[a], 1);
        for (size_t i = 0; i < m.n_params; i++) {
            double p = m.params[i];
            m.params[i] = p + h;
            double vp = penalty_value(&m, lam, alphas[a]);
            m.params[i] = p - h;
            double vm = penalty_value(&m, lam, alphas[a]);
            m.params[i] = p;
            double num = (vp - vm) / (2 * h);
            if (!model_is_weight(&m, i))
                assert_true(num == 0.0 && g[i] == 1.0); /* biases untouched */
            else
                assert_near(g[i] - 1.0, num, 1e-8);
        }
    }
    /* without L1: only lambda (1 - alpha) w */
    memset(g, 0, sizeof(double) * m.n_params);
    penalty_add_gradient(&m, g, lam, 0.3, 0);
    for (size_t i = 0; i < m.n_params; i++)
        assert_near(g[i], model_is_weight(&m, i) ? lam * 0.7 * m.params[i] : 0.0, 1e-15);
    free(g);
    model_free(&m);
}

static void penalty_gradient_uses_sign_zero_at_zero(void **state)
{
    (void)state;
    Model m;
    small_model(&m, W8, 1.0);
    double *g = calloc(m.n_params, sizeof(double));
    assert_non_null(g);
    penalty_add_gradient(&m, g, 2.0, 1.0, 1);
    int k = 0;
    for (size_t i = 0; i < m.n_params; i++) {
        if (!model_is_weight(&m, i))
            continue;
        double w = W8[k++];
        double expect = w > 0 ? 2.0 : w < 0 ? -2.0 : 0.0;
        assert_true(g[i] == expect);
    }
    free(g);
    model_free(&m);
}

static void prox_step_soft_thresholds_exactly(void **state)
{
    (void)state;
    /* lr * lambda * alpha = 0.5 and no L2 part */
    const double w[8] = {0.3, -2.0, 0.5, -0.5, 0.7, -0.3, 0.0, 10.0};
    const double expect[8] = {0.0, -1.5, 0.0, 0.0, 0.7 - 0.5, 0.0, 0.0, 9.5};
    Model m;
    small_model(&m, w, 3.0);
    penalty_step(&m, NULL, 0.5, 1.0, 1.0, L1_PROX);
    int k = 0;
    for (size_t i = 0; i < m.n_params; i++) {
        if (!model_is_weight(&m, i)) {
            assert_true(m.params[i] == 3.0);
            continue;
        }
        if (expect[k] == 0.0 && m.params[i] != 0.0)
            fail_msg("w = %g should become exactly 0, got %.17g", w[k], m.params[i]);
        assert_near(m.params[i], expect[k], 1e-15);
        k++;
    }
    assert_true(m.params[m.layer[0].w_off + 1] == -1.5);
    model_free(&m);
}

static void prox_step_shrinks_l2_from_the_old_weight_then_thresholds(void **state)
{
    (void)state;
    /* lr 0.2, lambda 1, alpha 0.5: L2 step 0.1 * w_old, threshold 0.1.
     * w = 1, w_old = 2: 1 - 0.2 = 0.8 -> 0.7; w = 0.15, w_old = 0.2:
     * 0.13 -> 0.03; w = 0.05, w_old = 0.05: 0.045 -> 0; w = -1, old -1:
     * -0.9 -> -0.8. */
    const double w[8] = {1.0, 0.15, 0.05, -1.0, 0, 0, 0, 0};
    const double old_w[8] = {2.0, 0.2, 0.05, -1.0, 0, 0, 0, 0};
    const double expect[8] = {0.7, 0.03, 0.0, -0.8, 0, 0, 0, 0};
    Model m, old;
    small_model(&m, w, 4.0);
    small_model(&old, old_w, -9.0);
    penalty_step(&m, old.params, 0.2, 1.0, 0.5, L1_PROX);
    int k = 0;
    for (size_t i = 0; i < m.n_params; i++) {
        if (!model_is_weight(&m, i)) {
            assert_true(m.params[i] == 4.0);
            continue;
        }
        assert_near(m.params[i], expect[k], 1e-15);
        if (expect[k] == 0.0)
            assert_true(m.params[i] == 0.0);
        k++;
    }
    /* with params_old NULL the current weight is used: 1 - 0.1 = 0.9 -> 0.8 */
    model_free(&old);
    small_model(&old, w, 4.0);
    penalty_step(&old, NULL, 0.2, 1.0, 0.5, L1_PROX);
    assert_near(old.params[old.layer[0].w_off], 0.8, 1e-15);
    model_free(&m);
    model_free(&old);
}

static void prox_step_with_lambda_zero_changes_nothing(void **state)
{
    (void)state;
    Model m;
    small_model(&m, W8, 2.0);
    double before[11];
    memcpy(before, m.params, sizeof before);
    penalty_step(&m, NULL, 0.5, 0.0, 1.0, L1_PROX);
    penalty_step(&m, NULL, 0.5, 0.0, 0.3, L1_SUBGRADIENT);
    assert_memory_equal(before, m.params, sizeof before);
    model_free(&m);
}

static void subgradient_steps_never_give_exact_zeros_and_keep_zero_at_zero(void **state)
{
    (void)state;
    Err err = {0};
    Model m;
    int hidden[1] = {20};
    assert_int_equal(model_init(&m, 10, hidden, 1, 1, ACT_TANH, HEAD_SIGMOID, &err), 0);
    Rng r;
    rng_seed(&r, 5);
    for (size_t i = 0; i < m.n_params; i++)
        m.params[i] = model_is_weight(&m, i) ? rng_normal(&r) * 0.1 : 7.0;
    size_t zero_idx = m.layer[0].w_off + 3;
    m.params[zero_idx] = 0.0;
    /* 500 steps of lr*lambda*alpha = 0.01 drive every weight across 0, where
     * the sign flips each step: the weights jitter and never land on 0. */
    for (int step = 0; step < 500; step++) {
        penalty_step(&m, NULL, 0.1, 0.1, 1.0, L1_SUBGRADIENT);
        for (size_t i = 0; i < m.n_params; i++) {
            if (!model_is_weight(&m, i))
                assert_true(m.params[i] == 7.0);
            else if (i == zero_idx)
                assert_true(m.params[i] == 0.0);
            else if (m.params[i] == 0.0)
                fail_msg("weight %zu became exactly 0 at step %d", i, step);
        }
    }
    /* and they did reach the jitter band around 0 */
    WeightStats st;
    weight_stats(&m, &st);
    assert_true(st.max_abs <= 0.01 + 1e-12);
    assert_int_equal(st.zeros, 1);
    model_free(&m);
}

static void subgradient_step_is_the_sign_step_plus_l2_from_the_old_weight(void **state)
{
    (void)state;
    /* lr 0.1, lambda 2, alpha 0.25: sign step 0.05, L2 step 0.15 * w_old */
    const double w[8] = {1.0, -1.0, 0.01, 0.0, 0, 0, 0, 0};
    const double old_w[8] = {2.0, -2.0, 0.02, 0.0, 0, 0, 0, 0};
    const double expect[8] = {
        1.0 - 0.3 - 0.05, -1.0 + 0.3 + 0.05, 0.01 - 0.003 - 0.05, 0.0, 0, 0, 0, 0};
    Model m, old;
    small_model(&m, w, 1.0);
    small_model(&old, old_w, 1.0);
    penalty_step(&m, old.params, 0.1, 2.0, 0.25, L1_SUBGRADIENT);
    int k = 0;
    for (size_t i = 0; i < m.n_params; i++)
        if (model_is_weight(&m, i)) {
            assert_near(m.params[i], expect[k], 1e-15);
            k++;
        } else {
            assert_true(m.params[i] == 1.0);
        }
    model_free(&m);
    model_free(&old);
}

static void weight_stats_count_zeros_norms_and_max_over_weights_only(void **state)
{
    (void)state;
    Model m;
    small_model(&m, W8, -50.0);
    WeightStats st;
    weight_stats(&m, &st);
    assert_int_equal(st.n, 8);
    assert_int_equal(st.zeros, 2);
    assert_near(st.zero_frac, 0.25, 0);
    assert_near(st.l1, 8.25, 1e-15);
    assert_near(st.l2, sqrt(16.5625), 1e-15);
    assert_near(st.max_abs, 3.0, 0);
    /* -0.0 is a zero too */
    m.params[m.layer[0].w_off] = -0.0;
    weight_stats(&m, &st);
    assert_int_equal(st.zeros, 3);
    model_free(&m);
}

static void l1_method_names_round_trip(void **state)
{
    (void)state;
    L1Method m;
    assert_string_equal(l1_method_name(L1_PROX), "prox");
    assert_string_equal(l1_method_name(L1_SUBGRADIENT), "subgradient");
    assert_int_equal(l1_method_parse("prox", &m), 0);
    assert_int_equal(m, L1_PROX);
    assert_int_equal(l1_method_parse("subgradient", &m), 0);
    assert_int_equal(m, L1_SUBGRADIENT);
    assert_int_equal(l1_method_parse("lasso", &m), -1);
    assert_int_equal(l1_method_parse("", &m), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(penalty_value_is_elastic_net_over_weights_only),
        cmocka_unit_test(penalty_gradient_matches_finite_differences_away_from_zero),
        cmocka_unit_test(penalty_gradient_uses_sign_zero_at_zero),
        cmocka_unit_test(prox_step_soft_thresholds_exactly),
        cmocka_unit_test(prox_step_shrinks_l2_from_the_old_weight_then_thresholds),
        cmocka_unit_test(prox_step_with_lambda_zero_changes_nothing),
        cmocka_unit_test(subgradient_steps_never_give_exact_zeros_and_keep_zero_at_zero),
        cmocka_unit_test(subgradient_step_is_the_sign_step_plus_l2_from_the_old_weight),
        cmocka_unit_test(weight_stats_count_zeros_norms_and_max_over_weights_only),
        cmocka_unit_test(l1_method_names_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
